"""Years and dates: figures and deadlines of another year where the report
says they belong to its own year.

:func:`check_year_scope` takes the check context and returns CheckResults
for two cases (the report's year is ``meta.year``; without it, nothing):

- budget figures stated with a year (``安排本部门2024年…资金15140万元``):
  the budget a report evaluates is its own year's;
- indicator dates (targets and actuals such as ``2024年4月1日前``): within
  the report's year or the ``years_after`` years after it (statistics of a
  year are reported the next spring). A date stated without a year
  (``4月30日前`` in a form) cannot be placed: skipped.

- a budget figure stated with another year is no finding here: comparing
  with an earlier year is normal ("2022年当年预算执行数…2023年预算安排"). A
  sentence that places a figure in the report's own period under another
  year (``截至2022年12月31日，项目全年实际支出…`` in a 2023 report) is
  hygiene's ``scope_word`` (:mod:`extract.checks.hygiene`), one finding.

Not checked: other years in running text. "今年完成2023年度项目验收" and
"荣获2023年度国家科技进步奖" in a 2024 report are right (a plan year, an
award year), and nothing in the words tells them from a wrong year.
"""

from __future__ import annotations

from ..model import CheckResult
from ..quantities import date_parts
from .context import CheckContext, make_result

RULE = "year_scope"
_BUDGET_ROLES = {"initial": "年初预算", "adjusted": "调整后预算", "executed": "执行数"}


def check_budget_years(ctx: CheckContext, year: int) -> list[CheckResult]:
    """Passes only: budget figures stated with the report's own year (a
    budget figure of another year is a finding only where the sentence
    places it in this year: hygiene's ``scope_word``, :mod:`extract.checks.hygiene`)."""
    out = []
    for role, label in _BUDGET_ROLES.items():
        figure = getattr(ctx.report.budget, role)
        if figure is None or figure.source != "text":
            continue
        hit = ctx.placed_at(figure.location)
        if hit is None or hit[1].claim.year is None:
            continue
        stated = hit[1].claim.year
        ok = stated == year
        if not ok:
            continue
        verdict = "与报告年度一致" if ok else f"与报告年度 {year} 年不符"
        out.append(make_result(ctx, RULE, "budget_year", "pass" if ok else "fail",
                               f"{label}所属年份 {stated} 年{verdict}",
                               expected=str(year), stated=str(stated), quote=ctx.quotes.verbatim(figure.sentence, figure.location),
                               locations=[figure.location]))
    return out


def check_indicator_dates(ctx: CheckContext, year: int) -> list[CheckResult]:
    after = ctx.book.rules.years.years_after
    out = []
    for ind in ctx.report.indicators:
        for what, q in (("目标", ind.target.quantity), ("完成值", ind.actual)):
            if q is None or not q.date:
                continue
            stated = date_parts(q.date).year
            if stated is None:
                out.append(make_result(ctx, RULE, "indicator_date", "skipped",
                                       f"指标“{ind.name}”的{what}日期 {q.text} 未写明年份，无法核对所属年度",
                                       stated=q.text, quote=ctx.quote_indicator(ind),
                                       locations=[q.location, ind.location]))
                continue
            ok = year <= stated <= year + after
            verdict = "在报告年度内" if ok else f"不在报告年度 {year} 年（至 {year + after} 年）内"
            out.append(make_result(ctx, RULE, "indicator_date", "pass" if ok else "fail",
                                   f"指标“{ind.name}”的{what}日期 {q.text} {verdict}",
                                   expected=f"{year}–{year + after}", stated=q.text,
                                   quote=ctx.quote_indicator(ind),
                                   locations=[q.location, ind.location]))
    return out


def _significant_digits(value) -> int:
    digits = str(abs(value)).replace(".", "").lstrip("0").rstrip("0")
    return len(digits)


def check_restated_years(ctx: CheckContext, year: int) -> list[CheckResult]:
    """Failures only: money stated under another year (the claim's year,
    its sentence naming neither the report's year nor a comparison) that
    equals a figure of the report's own year elsewhere in the text, both
    named as spending (rules ``years.restated_metric``, not
    ``restated_not``) and specific enough (``restated_digits``) that the
    two years cannot share it by chance: this year's figure under the
    wrong year (2024年度项目实际支出10,101.08万元 in a 2025 report whose
    累计支付 is 10,101.08万元); not a later year's figure to a cut-off
    (``restated_cutoff``: 2024年一季度累计支付 in a 2023 report)."""
    rules = ctx.book.rules.years
    metric, not_metric = ctx.book.restated_year_metric, ctx.book.restated_year_not
    cutoff = ctx.book.restated_year_cutoff
    if metric is None:
        return []
    cues = ctx.book.rules.growth.comparison_cues + ctx.book.rules.growth.previous_year_words

    def spent(c) -> bool:
        return c.unit_class == "money" and metric.search(c.metric_text) is not None and \
            (not_metric is None or not_metric.search(c.metric_text) is None)

    own: dict[tuple, object] = {}
    other = []
    for s, p in ctx.text_claims():
        c = p.claim
        if not spent(c) or _significant_digits(c.value) < rules.restated_digits:
            continue
        if c.year is None or c.year == year:
            own.setdefault((c.normalized_value, c.normalized_unit), c)
        elif str(year) not in s.text and not any(w in s.text for w in cues) \
                and not (c.year > year and cutoff is not None and cutoff.search(s.text)):
            other.append((s, c))
    out = []
    for s, c in other:
        same = own.get((c.normalized_value, c.normalized_unit))
        if same is None:
            continue
        out.append(make_result(ctx, RULE, "restated_year", "fail",
                               f"所述{c.year}年{c.metric}{c.quantity.text}与本年度{same.metric}{same.quantity.text}"
                               f"（第{same.location.line}行）相同，年份似应为{year}年",
                               expected=str(year), stated=str(c.year), quote=ctx.quote_sentence(s),
                               locations=[c.location, same.location]))
    return out


def check_year_scope(ctx: CheckContext) -> list[CheckResult]:
    year = ctx.report.meta.year
    if year is None:
        return []
    return check_budget_years(ctx, year) + check_indicator_dates(ctx, year) + check_restated_years(ctx, year)
