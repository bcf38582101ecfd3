"""Differences: 结余 / 差额 … against the figures they are the difference of.

:func:`check_differences` takes the check context and returns one
CheckResult per stated difference (a figure whose words hold a word of
rules ``differences``). Minuend and subtrahend come from the budget
(``budget: true``: 调整后预算, else 年初预算, minus 执行数; trusted only when
they stand with the difference in one paragraph or table row), else from
the nearest figures before it whose words match the rule's expressions.
Found none: skipped. 结余 1247.01 against 7406.91 − 6159.9 holds.
"""

from __future__ import annotations

from typing import Optional

from ..model import CheckResult
from .context import CheckContext, Placed, Sentence
from .figures import figure_interval, in_unit, show
from .operands import Operand, budget_pairs, judge_stated, pair_by_words
from .rulebook import rule_for

RULE = "difference"


def difference_rule(ctx: CheckContext, p: Placed) -> Optional[int]:
    """Index of the difference rule ``p`` states, if any."""
    c = p.claim
    if c.unit_class in ("percent", "date", "duration", "none"):
        return None
    return rule_for(ctx.book.rules.differences, c.metric_text)


def judge_difference(ctx: CheckContext, s: Sentence, p: Placed, index: int) -> CheckResult:
    c = p.claim
    pairs = []
    if ctx.book.rules.differences[index].budget:
        pairs = [(budget, executed) for executed, budget in budget_pairs(ctx, c, "balance")]
    pairs = pairs or pair_by_words(ctx, s, p, ctx.book.difference_minuends[index],
                                   ctx.book.difference_subtrahends[index])
    computed = [(a, b, figure_interval(a.figure, ctx.book) - figure_interval(b.figure, ctx.book))
                for a, b in pairs if a.figure.normalized_unit == b.figure.normalized_unit == c.normalized_unit]

    def formula(a: Operand, b: Operand) -> tuple[str, str]:
        nominal = a.figure.normalized_value - b.figure.normalized_value
        expected = show(in_unit(nominal, c), max(c.precision, a.figure.precision, b.figure.precision), c.unit)
        return expected, f"{a.label} − {b.label} = {expected}"

    return judge_stated(ctx, RULE, s, c, computed, formula, "未在同段找到被减数和减数")


def check_differences(ctx: CheckContext) -> list[CheckResult]:
    """One result per stated difference of the text."""
    return ctx.judge_claims(difference_rule, judge_difference)
