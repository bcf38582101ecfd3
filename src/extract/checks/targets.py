"""Targets: each indicator's actual against its target, and missed targets
against a top self-rating.

:func:`check_targets` takes the check context and returns one CheckResult
per indicator (rule ``target``) and one per missed indicator when the report
rates itself at the top grade (优/优秀) or its conclusion claims every target
met (rule ``target_rating``).

The operator means what it says: ≥/以上 a floor, ≤/以下/上限 a ceiling, a
range both, = the stated value within its precision. A numeric actual is an
interval (:mod:`~extract.checks.tolerance`): a floor is missed only when the
whole interval lies below it (89.96% misses ≥90%; "90.0%" does not). Date
and text targets (2024年4月1日前, 按时完成) take the indicator reader's
verdict (``Indicator.met``), which knows deadlines and negative words.
Anything undecidable is skipped.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..model import CheckResult, Indicator, Location
from .context import CheckContext, make_result
from .figures import figure_interval, stated_text
from .tolerance import Interval

RULE = "target"
RATING_RULE = "target_rating"


def _meets(actual: Interval, operator: str, target: Decimal, upper: Optional[Decimal]) -> Optional[bool]:
    """Whether some value of ``actual`` satisfies ``operator target``."""
    if operator == ">=":
        return actual.hi >= target
    if operator == ">":
        return actual.hi > target
    if operator == "<=":
        return actual.lo <= target
    if operator == "<":
        return actual.lo < target
    if operator == "=":
        return actual.lo <= target <= actual.hi
    if operator == "range" and upper is not None:
        return actual.lo <= upper and actual.hi >= target
    return None


def _upper_normalized(ind: Indicator) -> Optional[Decimal]:
    q = ind.target.quantity
    if q is None or q.upper is None:
        return None
    return q.upper if q.value == 0 else q.upper * q.normalized_value / q.value


def indicator_met(ctx: CheckContext, ind: Indicator) -> tuple[Optional[bool], str]:
    """(met, reason): True/False, or None with the reason it is unknown."""
    t = ind.target
    q, a = t.quantity, ind.actual
    if q is None or q.date is not None or q.unit_class == "date":
        verdict = {"true": True, "false": False}.get(ind.met)
        return verdict, "" if verdict is not None else "目标或完成值无法比较"
    if a is None:
        return None, "未给出可比较的完成值"
    if t.operator is None:
        return None, "目标未写明比较方式（≥、≤ 或 =）"
    if a.normalized_unit != q.normalized_unit:
        return None, f"完成值单位（{a.unit or '无'}）与目标单位（{q.unit or '无'}）不同"
    target_value = q.normalized_value
    if t.operator == "=":
        # "=" holds within the target's own precision
        ti = figure_interval(q, ctx.book, qualified=False)
        ai = figure_interval(a, ctx.book)
        return ai.overlaps(ti), ""
    met = _meets(figure_interval(a, ctx.book), t.operator, target_value, _upper_normalized(ind))
    return met, "" if met is not None else "目标的比较方式无法判断"


def _locations(ind: Indicator) -> list[Location]:
    locs = [ind.location]
    if ind.target.quantity is not None:
        locs.append(ind.target.quantity.location)
    if ind.actual is not None:
        locs.append(ind.actual.location)
    return locs


def judge_indicator(ctx: CheckContext, ind: Indicator) -> tuple[CheckResult, Optional[bool]]:
    met, reason = indicator_met(ctx, ind)
    target = ind.target.text
    actual = ind.actual_text or (stated_text(ind.actual) if ind.actual else "")
    inferred = "（比较方式按指标类别推定）" if ind.target.inferred_operator else ""
    if met is None:
        return make_result(ctx, RULE, "target", "skipped",
                           f"指标“{ind.name}”：{reason}，无法判断是否完成",
                           expected=target, stated=actual, quote=ctx.quote_indicator(ind),
                           locations=_locations(ind)), None
    verdict = "已完成" if met else "未完成"
    return make_result(ctx, RULE, "target", "pass" if met else "fail",
                       f"指标“{ind.name}”{verdict}：目标 {target}，完成 {actual}{inferred}",
                       expected=target, stated=actual, quote=ctx.quote_indicator(ind),
                       locations=_locations(ind)), met


def top_rating(ctx: CheckContext) -> Optional[tuple[str, list[Location]]]:
    """The top self-rating or all-met claim of the report, with where it is
    stated; None if the report makes neither."""
    meta = ctx.report.meta
    rules = ctx.book.rules.targets
    if meta.grade and meta.grade in rules.top_grades:
        locs = [meta.locations[k] for k in ("grade", "self_score") if k in meta.locations]
        return f"自评为“{meta.grade}”", locs
    for s in ctx.report.sections:
        if not any(w in s.title for w in rules.conclusion_titles):
            continue
        for phrase in rules.all_met_phrases:
            if phrase in s.body:
                return f"结论称“{phrase}”", [s.location]
    return None


def check_targets(ctx: CheckContext) -> list[CheckResult]:
    """Each indicator against its target; missed ones against a top rating."""
    out: list[CheckResult] = []
    missed: list[Indicator] = []
    for ind in ctx.report.indicators:
        result, met = judge_indicator(ctx, ind)
        out.append(result)
        if met is False:
            missed.append(ind)
    if not ctx.book.enabled(RATING_RULE):
        return out
    rating = top_rating(ctx)
    if rating is None:
        return out
    claim, rating_locs = rating
    for ind in missed:
        actual = ind.actual_text or ""
        out.append(make_result(
            ctx, RATING_RULE, "target", "fail",
            f"指标“{ind.name}”未完成（目标 {ind.target.text}，完成 {actual}），但报告{claim}",
            expected=ind.target.text, stated=f"{actual}，{claim}",
            quote=ctx.quote_indicator(ind), locations=_locations(ind) + rating_locs))
    if not missed and ctx.report.indicators:
        out.append(make_result(ctx, RATING_RULE, "target", "pass",
                               f"可核对的指标均已完成，与报告{claim}一致",
                               stated=claim, locations=rating_locs))
    return out
