"""The national forms' own arithmetic, checked like XBRL calculation links.

:func:`check_forms` takes the check context and returns CheckResults for
every :class:`~extract.model.Form` of the report (rule ``form``), each
relation compared as intervals by stated precision
(:mod:`extract.checks.tolerance`):

- ``rate``: 执行率 = 全年执行数 / 全年预算数 in each funds row; spending
  above the budget may be stated as a capped 100%;
- ``rate_score``: the funds block's 得分 = 分值 × 执行率, capped at 分值
  (the national rule, which the forms' notes restate);
- ``funds_sum``: 当年财政拨款 + 上年结转资金 + 其他资金 (or 基本支出 + 项目支出)
  = 年度资金总额, in each amount column;
- ``weight_sum``: the funds block's 分值 and every indicator's add up to the
  form's 总分值 (100 when it states none);
- ``score_sum``: the funds block's 得分 and every indicator's add up to 总分;
- ``score_cap``: no 得分 above its 分值.

Scores and weights are exact; amounts and rates stand for their stated
interval. A relation whose operands are not all stated is skipped.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..model import CheckResult, Form, FormCell, FormRow, Location
from .context import CheckContext, make_result
from .quotes import CELL_SEPARATOR, join_places
from .tolerance import Interval, holds, ratio_interval, round_for_message, stated_interval, sum_interval

RULE = "form"

ROW_NAMES = {"total": "年度资金总额", "current": "当年财政拨款", "carryover": "上年结转资金", "other": "其他资金",
             "basic": "基本支出", "project": "项目支出", "fiscal": "财政资金"}
COLUMN_NAMES = {"initial": "年初预算数", "adjusted": "全年预算数", "executed": "全年执行数"}
# A target form's funds columns are named by their totals.
GROUP_TOTALS = {"project": "项目资金总额", "annual": "年度资金申请总额"}


def _interval(cell: FormCell) -> Interval:
    return stated_interval(cell.value, cell.precision)  # type: ignore[arg-type]


def _exact(cell: FormCell) -> Interval:
    return Interval.exact(cell.value)  # type: ignore[arg-type]


def _score_interval(cell: FormCell) -> Interval:
    """A 得分 as stated: a score with decimals is rounded (9.69 for
    9.694), a whole one exact."""
    return _exact(cell) if cell.precision == 0 else _interval(cell)


def _num(row: FormRow, key: str) -> Optional[FormCell]:
    cell = row.cells.get(key)
    return cell if cell is not None and cell.value is not None else None


def _quote(ctx: CheckContext, cells: list[Optional[FormCell]]) -> Optional[str]:
    return join_places((ctx.quotes.at(c.location) for c in cells if c is not None), CELL_SEPARATOR)


def _result(ctx: CheckContext, kind: str, ok: bool, message: str, expected: str, stated: str,
            cells: list[Optional[FormCell]], where: Location) -> CheckResult:
    locs = [where] + [c.location for c in cells if c is not None and c.location != where]
    return make_result(ctx, RULE, kind, "pass" if ok else "fail", message, expected=expected, stated=stated,
                       quote=_quote(ctx, [c for c in cells if c is not None]), locations=locs)


def _row_name(row: FormRow) -> str:
    return ROW_NAMES.get(row.role or "", row.label)


# --------------------------------------------------------------------------


def check_rates(ctx: CheckContext, form: Form) -> list[CheckResult]:
    """执行率 = 全年执行数 / 全年预算数 in each funds row (percent)."""
    out = []
    for row in form.funds:
        rate, executed, budget = _num(row, "rate"), _num(row, "executed"), _num(row, "adjusted")
        if rate is None or executed is None or budget is None or not rate.percent:
            continue
        computed = ratio_interval(_interval(executed), _interval(budget), percent=True)
        if computed is None:
            continue
        stated = _interval(rate)
        ok = holds(computed, stated) or (computed.hi > 100 and stated.contains(Decimal(100)))
        shown = round_for_message(computed.midpoint or Decimal(0), rate.precision)
        verdict = "相符" if ok else "不符"
        out.append(_result(ctx, "rate", ok,
                           f"{_row_name(row)}执行率 {rate.text} 与全年执行数 {executed.text} / 全年预算数 "
                           f"{budget.text} = {shown}% {verdict}",
                           f"{shown}%", rate.text, [rate, executed, budget], rate.location))
    return out


def check_rate_score(ctx: CheckContext, form: Form) -> list[CheckResult]:
    """The funds block's 得分 = 分值 × 执行率, at most 分值."""
    total = next((r for r in form.funds if r.role == "total"), None)
    if total is None:
        return []
    rate, weight, score = _num(total, "rate"), _num(total, "weight"), _num(total, "score")
    if rate is None or weight is None or score is None:
        return []
    r = _interval(rate)
    if not rate.percent:
        r = r.scaled(Decimal(100))
    w = weight.value  # type: ignore[assignment]
    lo, hi = min(r.lo * w / 100, w), min(r.hi * w / 100, w)
    computed = Interval(lo, hi)
    ok = holds(computed, _score_interval(score))
    shown = round_for_message(computed.midpoint or Decimal(0), max(score.precision, 2))
    verdict = "相符" if ok else "不符"
    return [_result(ctx, "rate_score", ok,
                    f"执行率得分 {score.text} 与分值 {weight.text} × 执行率 {rate.text} = {shown} {verdict}",
                    shown, score.text, [score, weight, rate], score.location)]


def check_funds_sum(ctx: CheckContext, form: Form) -> list[CheckResult]:
    """年度资金总额 = the sum of its source rows (or of 基本支出, 项目支出), per
    amount column; only where every part of the partition is stated."""
    rules = ctx.rules.forms
    by_role = {r.role: r for r in form.funds if r.role}
    out = []
    for link in rules.funds_parts:
        whole = by_role.get(link.total)
        present = [by_role[p] for p in link.parts if p in by_role]
        if whole is None or len(present) < 2 or (len(present) < len(link.parts) and link.parts[-1] in by_role):
            continue
        for col in rules.funds_sum_columns:
            total = _num(whole, col)
            parts = [_num(p, col) for p in present]
            if total is None or any(p is None for p in parts):
                continue
            computed = sum_interval(_interval(p) for p in parts)  # type: ignore[arg-type]
            ok = holds(computed, _interval(total))
            decimals = max(p.precision for p in parts)  # type: ignore[union-attr]
            shown = round_for_message(computed.midpoint or Decimal(0), decimals)
            names = " + ".join(f"{_row_name(p)} {c.text}" for p, c in zip(present, parts))  # type: ignore[union-attr]
            verdict = "相符" if ok else "不符"
            out.append(_result(ctx, "funds_sum", ok,
                               f"{GROUP_TOTALS.get(col) or '年度资金总额' + COLUMN_NAMES.get(col, col)} "
                               f"{total.text} 与 {names} = {shown} {verdict}",
                               shown, total.text, [total] + parts, total.location))
    return out


def _weights_and_scores(form: Form) -> tuple[list[Optional[FormCell]], list[Optional[FormCell]]]:
    total = next((r for r in form.funds if r.role == "total"), None)
    weights = [_num(total, "weight")] if total is not None and _num(total, "weight") else []
    scores = [_num(total, "score")] if total is not None and _num(total, "score") else []
    weights += [_num(r, "weight") for r in form.indicators]
    scores += [_num(r, "score") for r in form.indicators]
    return weights, scores


def check_sums(ctx: CheckContext, form: Form) -> list[CheckResult]:
    """Σ分值 = 总分值 (or the full weight) and Σ得分 = 总分, the funds
    block's 分值 and 得分 included."""
    if not form.indicators:
        return []
    weights, scores = _weights_and_scores(form)
    out = []
    stated_w = form.total.get("weight")
    if all(w is not None for w in weights) and weights:
        total_w = sum(w.value for w in weights)  # type: ignore[union-attr, misc]
        target = stated_w.value if stated_w is not None and stated_w.value is not None else ctx.rules.forms.full_weight
        ok = total_w == target
        where = stated_w.location if stated_w is not None else form.location
        shown_target = stated_w.text if stated_w is not None else str(target)
        if stated_w is not None or not ok:
            out.append(_result(ctx, "weight_sum", ok,
                               f"总分值 {shown_target} 与各项分值之和 {total_w} {'相符' if ok else '不符'}",
                               str(total_w), shown_target, [stated_w], where))
    stated_s = form.total.get("score")
    if stated_s is not None and stated_s.value is not None and scores and all(s is not None for s in scores):
        computed = sum_interval(_score_interval(s) for s in scores)  # type: ignore[arg-type]
        ok = holds(computed, _score_interval(stated_s))
        decimals = max([s.precision for s in scores] + [stated_s.precision])  # type: ignore[union-attr]
        shown = round_for_message(computed.midpoint or Decimal(0), decimals)
        out.append(_result(ctx, "score_sum", ok,
                           f"总分 {stated_s.text} 与执行率得分及各指标得分之和 {shown} {'相符' if ok else '不符'}",
                           shown, stated_s.text, [stated_s], stated_s.location))
    return out


def check_caps(ctx: CheckContext, form: Form) -> list[CheckResult]:
    """No 得分 above its 分值 (failures only: a pass per row says nothing)."""
    out = []
    rows = [r for r in form.funds if r.role == "total"] + list(form.indicators)
    for row in rows:
        weight, score = _num(row, "weight"), _num(row, "score")
        if weight is None or score is None or score.value <= weight.value:  # type: ignore[operator]
            continue
        name = _row_name(row) if row.kind == "funds" else row.label
        out.append(_result(ctx, "score_cap", False,
                           f"“{name}”得分 {score.text} 高于其分值 {weight.text}",
                           weight.text, score.text, [score, weight], score.location))
    return out


def restated_by_form(report, location: Location) -> bool:
    """Whether a text figure at ``location`` is a cell of a form's record
    that speaks for itself: a funds amount, or the expected 年度总体目标
    (a target, not an achievement). Such a figure is the form's, checked by
    the form's arithmetic, and no second statement of a metric."""
    for form in report.forms:
        if not form.location.line <= location.line <= form.location.end_line:
            continue
        cells = [c for r in form.funds for c in r.cells.values()]
        if "expected" in form.goals:
            cells.append(form.goals["expected"])
        if any(c.location.start <= location.start < c.location.end for c in cells):
            return True
    return False


def check_forms(ctx: CheckContext) -> list[CheckResult]:
    out: list[CheckResult] = []
    for form in ctx.report.forms:
        for check in (check_rates, check_rate_score, check_funds_sum, check_sums, check_caps):
            out.extend(check(ctx, form))
    return out
