"""Costs per unit: 人均补贴 735.91 元 against the money spent over the count.

:func:`check_per_unit_costs` takes the check context and returns one
CheckResult (rule ``rate``, kind ``per_unit``) per stated cost per unit: a
money figure whose words hold a cue of rules ``per_unit`` (人均, 每公里, 亩均,
案均 …) and no word of a limit or standard (``per_unit_not_words``:
控制在每公里100万元以内, 补助标准). Its readings are
each money figure larger than it over each count in the rule's units
nearby (:meth:`~extract.checks.context.CheckContext.neighbourhood`),
pinned when both stand in the cost's own sentence ("按实际支出4,205.52万元、
建设里程42.6公里计算，每公里建设成本98.72万元"). The comparison is interval
arithmetic, in 元 per stated unit of the count (6.2万亩 is 62,000 亩).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..model import CheckResult, Claim
from .context import CheckContext, Placed, Sentence
from .figures import count_unit, cue_rule, figure_interval, show, stated_text
from .operands import Reading, claim_operand, judge_readings
from .tolerance import Interval, ratio_interval, stated_interval

RULE = "rate"


def per_unit_rule(ctx: CheckContext, p: Placed) -> Optional[int]:
    """Index of the per-unit rule whose cue ``p``'s words hold, if it is a
    stated cost per unit (money, no comparison operator)."""
    c = p.claim
    if c.unit_class != "money" or c.operator is not None or \
            any(w in c.metric_text for w in ctx.book.rules.per_unit_not_words):
        return None
    return cue_rule(ctx.book, c)


def _count_interval(claim: Claim, factor: Decimal) -> Interval:
    exact = claim.unit_class == "count" and claim.precision == 0 and factor == 1
    iv = stated_interval(claim.value, claim.precision, exact=exact)
    return iv if factor == 1 else iv.scaled(factor)


def _per_unit_rule_of(ctx: CheckContext, p: Placed) -> bool:
    return per_unit_rule(ctx, p) is not None


def judge_per_unit(ctx: CheckContext, s: Sentence, cost: Placed, index: int) -> CheckResult:
    rule = ctx.book.rules.per_unit[index]
    c = cost.claim
    near = ctx.neighbourhood(s, cost, ctx.book.rules.operands.reach_sentences)
    money = [(s2, p) for s2, p in near if p.claim.unit_class == "money" and not _per_unit_rule_of(ctx, p)
             and p.claim.operator is None and p.claim.normalized_value > c.normalized_value]
    counts = [(s2, p, f) for s2, p in near for f in [count_unit(p.claim, rule.units)] if f is not None]
    readings: list[Reading] = []
    for ms, m in money:
        for ks, k, factor in counts:
            pinned = ms is s and ks is s
            iv = ratio_interval(figure_interval(m.claim, ctx.book), _count_interval(k.claim, factor))
            count_value = k.claim.value * factor
            nominal = m.claim.normalized_value / count_value if count_value else None
            in_stated = nominal / (c.normalized_value / c.value) if nominal is not None and c.value else None
            expected = show(in_stated, max(c.precision, 2), c.unit)
            readings.append(Reading((claim_operand(m.claim), claim_operand(k.claim)), iv, pinned, expected,
                                    f"{stated_text(m.claim)}/{stated_text(k.claim)}={expected}"))
    readings.sort(key=lambda r: not r.pinned)
    return judge_readings(ctx, RULE, s, c, readings, "在同句或相邻句中未找到总金额和数量")


def check_per_unit_costs(ctx: CheckContext) -> list[CheckResult]:
    """One result per stated cost per unit of the text."""
    return ctx.judge_claims(per_unit_rule, judge_per_unit)
