"""Rates: 支出率 / 执行率 / 完成率 / 通过率 / 占比 against their operands.

:func:`check_rates` takes the check context and returns one CheckResult per
stated rate (a percent figure whose words hold a rate word of rules
``rates``). Numerator and denominator are looked for in this order:

1. the budget (``budget: true`` rules, when the rate is the report's budget
   execution rate): 执行数 / 调整后预算 (or 年初预算), trusted only when all
   three stand in one paragraph or one table row;
2. ``X …，其中 Y …，R%``: Y / X (a one-part breakdown in the rate's sentence);
3. the nearest figures before the rate, in its sentence and then its
   paragraph, whose words match the rule's ``numerator`` and
   ``denominator`` expressions.

Found none: skipped with the reason. The comparison is interval arithmetic
(:func:`~extract.checks.tolerance.ratio_interval`), so 83.2% against
6159.9 / 7406.91 = 83.164…% holds, and 超 82.4% is at least 82.35%.
"""

from __future__ import annotations

from typing import Optional

from ..model import CheckResult
from .context import CheckContext, Placed, Sentence
from .figures import figure_interval, show, stated_text
from .operands import Operand, budget_pairs, claim_operand, judge_stated, pair_by_words
from .rulebook import RateRule, rule_for
from .tolerance import ratio_interval

RULE = "rate"


def rate_rule(ctx: CheckContext, p: Placed) -> Optional[int]:
    """Index of the rate rule ``p`` states, if it is a rate."""
    c = p.claim
    if c.unit != "%" or c.operator is not None and c.qualifier is None:
        return None
    return rule_for(ctx.book.rules.rates, c.metric_text)


def _part_of_whole(ctx: CheckContext, s: Sentence, rate: Placed) -> list[tuple[Operand, Operand]]:
    """Y / X from "X …，其中 Y …" in the rate's sentence, before the rate."""
    for b in reversed(ctx.breakdowns):
        if b.form in ("构成", "组成") or len(b.parts) != 1 or b.sentences[0] is not s:
            continue
        part = b.parts[0]
        if part.end <= rate.start:
            return [(claim_operand(part.claim), claim_operand(b.whole.claim))]
    return []


def operands(ctx: CheckContext, s: Sentence, rate: Placed, index: int) -> list[tuple[Operand, Operand]]:
    """Candidate (numerator, denominator) pairs for a rate, best first."""
    rule: RateRule = ctx.book.rules.rates[index]
    if rule.budget:
        found = budget_pairs(ctx, rate.claim, "rate")
        if found:
            return found
    return _part_of_whole(ctx, s, rate) or pair_by_words(
        ctx, s, rate, ctx.book.rate_numerators[index], ctx.book.rate_denominators[index])


def judge_rate(ctx: CheckContext, s: Sentence, rate: Placed, index: int) -> CheckResult:
    c = rate.claim
    computed = [(n, d, ratio_interval(figure_interval(n.figure, ctx.book),
                                      figure_interval(d.figure, ctx.book), percent=True))
                for n, d in operands(ctx, s, rate, index)
                if n.figure.normalized_unit == d.figure.normalized_unit]

    def formula(num: Operand, den: Operand) -> tuple[str, str]:
        expected = show(num.figure.normalized_value * 100 / den.figure.normalized_value,
                        max(c.precision + 1, 2), "%")
        names = f"（{num.name} / {den.name}）" if num.name and den.name and num.name != den.name else ""
        return expected, f"{stated_text(num.figure)}/{stated_text(den.figure)}={expected}{names}"

    return judge_stated(ctx, RULE, s, c, computed, formula, "在同句或同段中未找到其分子和分母")


def check_rates(ctx: CheckContext) -> list[CheckResult]:
    """One result per stated rate of the text."""
    return ctx.judge_claims(rate_rule, judge_rate)

