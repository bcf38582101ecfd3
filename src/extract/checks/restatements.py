"""Money restated in another unit in a later sentence.

:func:`check_restated_across` takes the check context and returns one
CheckResult (rule ``metric_consistency``, id ``restated_figure``) per money
figure of a sentence that says it restates money stated before it (rules
``consistency.restated_across``: 上述支出（合计57,700,410元）, 按元计，全年
累计支付资金…元) in another unit than that money: the figure of another
unit in the sentences before it (``restated_across_reach``) that it
comes nearest to, within ``restated_across_near`` of it. One quantity
written twice must agree within the precision each is stated to
(DESIGN.md): 5,770.04万元 stands for 57,700,350–57,700,450元, so
57,700,410元 restates it and 57,710,400元 does not. A figure near none is
another amount: no result. The restatement in brackets right after its
figure (752.00万元（合计7,520,000元）) is
:func:`~extract.checks.consistency.bracketed_restatements`'s.
"""

from __future__ import annotations

from ..model import CheckResult
from .context import CheckContext, make_result
from .figures import interval_of, stated_text

RULE = "metric_consistency"


def check_restated_across(ctx: CheckContext) -> list[CheckResult]:
    cue = ctx.book.restated_across
    if cue is None:
        return []
    near_share = ctx.book.rules.consistency.restated_across_near
    reach = ctx.book.rules.consistency.restated_across_reach
    out: list[CheckResult] = []
    for s in ctx.sentences:
        if not s.placed or cue.search(s.text) is None:
            continue
        for p in s.placed:
            y = p.claim
            if y.unit_class != "money" or y.operator is not None or y.qualifier is not None or not y.normalized_value:
                continue
            at = y.location.start
            earlier = [q.claim for s2, q in ctx.neighbourhood(s, p, reach)
                       if s2 is not s and q.claim.location.start < at and q.claim.unit_class == "money"
                       and q.claim.unit != y.unit and q.claim.operator is None and q.claim.normalized_value
                       and abs(q.claim.normalized_value - y.normalized_value) <= near_share * q.claim.normalized_value]
            if not earlier:
                continue
            iv = interval_of(ctx, y)
            same = next((x for x in earlier if interval_of(ctx, x).overlaps(iv)), None)
            x = same or min(earlier, key=lambda x: abs(x.normalized_value - y.normalized_value))
            ok = same is not None
            verdict = "一致" if ok else "不一致"
            out.append(make_result(ctx, RULE, "restated_figure", "pass" if ok else "fail",
                                   f"{x.metric}{stated_text(x)}与其后换算复述的 {stated_text(y)} {verdict}",
                                   expected=stated_text(x), stated=stated_text(y),
                                   quote=ctx.quote_sentence(s), locations=[y.location, x.location]))
    return out
