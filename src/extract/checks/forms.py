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
  form's 总分值 (100 when it states none; a sum short of 100 is not judged
  when neither the 总分值 nor the funds block is read);
- ``score_sum``: the funds block's 得分 and every indicator's, as written,
  add up to 总分 (stated to fewer decimals, 总分 may round the sum);
- ``level_weight``: a level cell stating its points (产出指标（50分）) against
  the 分值 of its rows;
- ``score_cap``: no 得分 above its 分值;
- ``grade``: the grade a form states beside its 总分 against the band the
  总分 falls in (the report's own bands when it states them);
- ``restated_funds``: the narrative's budget figures (年初预算, 全年预算,
  执行数, 执行率: the report's ``budget`` read from its text) against the
  form's funds block: a rate must be the 执行率 of some funds row (the
  total, or a part the sentence may speak of), an amount some amount of
  the block; a sentence about the year before is not compared.

Scores and weights are exact, unless the form's note states the rounding
(保留两位小数, 取整: rules/forms.yaml ``score_decimals``); amounts and rates
stand for their stated interval. A relation whose operands are not all
stated is skipped. The restated 总分 is rule ``score_grade``
(:func:`extract.checks.grades.check_restated_total`).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Optional

from ..model import BudgetFigure, CheckResult, Form, FormCell, FormRow, Location
from .context import CheckContext, make_result
from .figures import interval_of, stated_text
from .grade_scale import grade_for, stated_scale
from .quotes import CELL_SEPARATOR, join_places
from .tolerance import (Interval, holds, ratio_interval, round_for_message, score_interval, stated_interval,
                        sum_interval)

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
    """A 得分 as stated (:func:`score_interval`)."""
    return score_interval(cell.value, cell.precision)  # type: ignore[arg-type]


def note_decimals(ctx: CheckContext, form: Form) -> Optional[int]:
    """The decimals the form's note says its scores are rounded to
    (``保留两位小数`` -> 2, ``取整`` -> 0), None when it says none."""
    if form.note is None:
        return None
    text = "".join(form.note.text.split())
    found = [(text.find(w), d) for w, d in ctx.rules.forms.score_decimals.items() if w in text]
    return min(found)[1] if found else None


def whole_points(form: Form) -> bool:
    """Whether the form scores in whole points: every 得分 it states (three
    at least) whole, and some below its 分值 (points deducted, 9 for 10 ×
    86%). Its note, when it states a rounding, says more."""
    rows = [r for r in form.funds if r.role == "total"] + list(form.indicators)
    scores = [c for r in rows for c in [r.cells.get("score")] if c is not None and c.value is not None]
    if len(scores) < 3 or any(c.precision or c.value != c.value.to_integral_value() for c in scores):
        return False
    return any(c.value < w.value for r in rows for c, w in [(r.cells.get("score"), r.cells.get("weight"))]
               if c is not None and w is not None and c.value is not None and w.value is not None)


def _deducted_whole(score: FormCell, weight: Decimal) -> bool:
    """Whether a 得分 is itself a deduction in whole points: whole and below
    its 分值 (9 of 10 for 10 × 89.6% = 8.96), which no product of a rate
    under 100% gives exactly; full marks (10 of 10) say no rounding."""
    return score.precision == 0 and score.value < weight  # type: ignore[operator]


def _rounded_score(cell: FormCell, decimals: Optional[int]) -> Interval:
    """A 得分 as the note's rounding stands for it, else as stated."""
    if decimals is None or cell.precision > decimals:
        return _score_interval(cell)
    return stated_interval(cell.value, decimals)  # type: ignore[arg-type]


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
        if rate is None or executed is None or budget is None:
            continue
        # a rate written as a fraction (执行率(B/A) 0.8): at most 1.5, else a
        # bare figure the header does not name so
        if not rate.percent and rate.value > Decimal("1.5"):  # type: ignore[operator]
            continue
        computed = ratio_interval(_interval(executed), _interval(budget), percent=rate.percent)
        if computed is None:
            continue
        stated = _interval(rate)
        whole = Decimal(100) if rate.percent else Decimal(1)
        ok = holds(computed, stated) or (computed.hi > whole and stated.contains(whole))
        shown = round_for_message(computed.midpoint or Decimal(0), rate.precision if rate.percent
                                  else max(rate.precision, 2)) + ("%" if rate.percent else "")
        verdict = "相符" if ok else "不符"
        out.append(_result(ctx, "rate", ok,
                           f"{_row_name(row)}执行率 {rate.text} 与全年执行数 {executed.text} / 全年预算数 "
                           f"{budget.text} = {shown} {verdict}",
                           shown, rate.text, [rate, executed, budget], rate.location))
    return out


def _rate_score(ctx: CheckContext, form: Form, name: str, rate: FormCell, weight: FormCell,
                score: FormCell) -> CheckResult:
    """得分 = 分值 × 执行率, at most 分值."""
    r = _interval(rate)
    if not rate.percent:
        r = r.scaled(Decimal(100))
    w = weight.value  # type: ignore[assignment]
    lo, hi = min(r.lo * w / 100, w), min(r.hi * w / 100, w)
    computed = Interval(lo, hi)
    ok = holds(computed, _rounded_score(score, note_decimals(ctx, form)))
    if not ok and note_decimals(ctx, form) is None and computed.midpoint is not None \
            and (whole_points(form) or _deducted_whole(score, w)):
        # a form deducting in whole points rounds 分值 × 执行率 half up (8.6 -> 9, 9.5 -> 10)
        ok = computed.midpoint.quantize(Decimal(1), rounding=ROUND_HALF_UP) == score.value
    # the product of the figures as stated (10 × 100% = 10.00), not a point of
    # the interval their rounding spans; that interval when wider than the
    # score's last place (20 × 0.1, the rate rounded to a tenth: 1.00～3.00)
    decimals = max(score.precision, 2)
    stated_rate = rate.value if rate.percent else rate.value * 100  # type: ignore[operator]
    shown = round_for_message(min(stated_rate * w / 100, w), decimals)
    if hi - lo > Decimal(1).scaleb(-score.precision):
        shown = f"{round_for_message(lo, decimals)}～{round_for_message(hi, decimals)}"
    verdict = "相符" if ok else "不符"
    return _result(ctx, "rate_score", ok,
                   f"{name}得分 {score.text} 与分值 {weight.text} × {name} {rate.text} = {shown} {verdict}",
                   shown, score.text, [score, weight, rate], score.location)


def check_rate_score(ctx: CheckContext, form: Form) -> list[CheckResult]:
    """The funds block's 得分 = 分值 × 执行率, at most 分值; and the same of
    an indicator row scoring the budget's execution (预算执行率 | 100% |
    97.12% | 10 | 9.71: its 三级 or 二级指标 one of rules/forms.yaml
    ``rate_indicators``, its target 100% or none)."""
    out = []
    total = next((r for r in form.funds if r.role == "total"), None)
    if total is not None:
        rate, weight, score = _num(total, "rate"), _num(total, "weight"), _num(total, "score")
        if rate is not None and not rate.percent and rate.value > Decimal("1.5"):  # type: ignore[operator]
            rate = None  # a bare figure above 1 is no fraction: a column the header does not name so
        if rate is not None and weight is not None and score is not None:
            out.append(_rate_score(ctx, form, "执行率", rate, weight, score))
    words = ctx.rules.forms.rate_indicators
    for row in form.indicators:
        named = [c.text for k, c in row.cells.items() if k in ("name", "level2")]
        if not any("".join(t.split()) in words for t in named):
            continue
        rate, weight, score, target = (_num(row, k) for k in ("actual", "weight", "score", "target"))
        if rate is None or weight is None or score is None or not rate.percent:
            continue
        if "target" in row.cells and not (target is not None and target.percent and target.value == 100):
            continue  # a floor below 100% (≥90%) is scored by its own rule
        out.append(_rate_score(ctx, form, row.label, rate, weight, score))  # type: ignore[arg-type]
    return out


def check_funds_sum(ctx: CheckContext, form: Form) -> list[CheckResult]:
    """年度资金总额 = the sum of its source rows (or of 基本支出, 项目支出), per
    amount column; only where every part of the partition is stated."""
    rules = ctx.rules.forms
    by_role = {r.role: r for r in form.funds if r.role}

    def runs(link) -> bool:
        present = [p for p in link.parts if p in by_role]
        return link.total in by_role and len(present) >= 2 and (link.any_of or not (
            len(present) < len(link.parts) and link.parts[-1] in by_role))

    live = [link for link in rules.funds_parts if runs(link)]
    if any(not link.any_of for link in live):
        live = [link for link in live if not link.any_of]
    out = []
    for link in live:
        if any(m is not link and m.total == link.total and set(link.parts) < set(m.parts) for m in live):
            continue  # 财政拨款 + 其他资金 where the form also states 上年结转
        whole = by_role[link.total]
        present = [by_role[p] for p in link.parts if p in by_role]
        found: list[tuple[bool, CheckResult]] = []
        for col in rules.funds_sum_columns:
            total = _num(whole, col)
            parts = [_num(p, col) for p in present]
            if total is None or any(p is None for p in parts):
                continue
            # a part of 0 is none at all, not a figure rounded to the unit
            computed = sum_interval(_exact(p) if p.value == 0 else _interval(p) for p in parts)  # type: ignore[union-attr]
            ok = holds(computed, _interval(total))
            decimals = max(p.precision for p in parts)  # type: ignore[union-attr]
            shown = round_for_message(computed.midpoint or Decimal(0), decimals)
            names = " + ".join(f"{_row_name(p)} {c.text}" for p, c in zip(present, parts))  # type: ignore[union-attr]
            verdict = "相符" if ok else "不符"
            found.append((ok, _result(ctx, "funds_sum", ok,
                                      f"{GROUP_TOTALS.get(col) or '年度资金总额' + COLUMN_NAMES.get(col, col)} "
                                      f"{total.text} 与 {names} = {shown} {verdict}",
                                      shown, total.text, [total] + parts, total.location)))
        # levels read (中央补助 | 省级配套) beside a level row unread (县级自筹资金) add up
        # in no column: they are the whole's parts only where they make it up in one
        if not link.any_of or any(ok for ok, _ in found):
            out.extend(r for _, r in found)
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
    block = form.total.get("indicators_weight")
    funds = next((r for r in form.funds if r.role == "total"), None)
    if block is not None and block.value is not None:
        ind = [_num(r, "weight") for r in form.indicators]
        if all(w is not None for w in ind):
            total_i = sum(w.value for w in ind)  # type: ignore[union-attr, misc]
            ok = total_i == block.value
            out.append(_result(ctx, "level_weight", ok,
                               f"绩效指标所标 {block.text} 分与各指标分值之和 {total_i} {'相符' if ok else '不符'}",
                               str(total_i), block.text, [block], block.location))
        if funds is None or _num(funds, "weight") is None:
            # the funds block's points (the rest of 总分值) and its 得分 are not
            # read (a form cut before its 绩效指标 block): 总分值 and 总分 lack a part
            return out
    if all(w is not None for w in weights) and weights:
        total_w = sum(w.value for w in weights)  # type: ignore[union-attr, misc]
        target = stated_w.value if stated_w is not None and stated_w.value is not None else ctx.rules.forms.full_weight
        ok = total_w == target
        if stated_w is None and total_w < target and (funds is None or _num(funds, "weight") is None):
            # no 总分值 and no funds block read (an indicator table given alone):
            # the missing points may be that block's, so a sum short of them proves nothing
            ok = True
        if stated_w is None and total_w < target and "score" not in form.total:
            # no 总分值 and no 总分 row read (a form cut before its last rows, a text
            # ending inside it): the rows after the last one read may hold the rest
            ok = True
        where = stated_w.location if stated_w is not None else form.location
        shown_target = stated_w.text if stated_w is not None else str(target)
        if stated_w is not None or not ok:
            out.append(_result(ctx, "weight_sum", ok,
                               f"总分值 {shown_target} 与各项分值之和 {total_w} {'相符' if ok else '不符'}",
                               str(total_w), shown_target, [stated_w], where))
    stated_s = form.total.get("score")
    if stated_s is not None and stated_s.value is not None and scores and all(s is not None for s in scores):
        # 总分 is the sum of the 得分 column as written (9.47, not the 9.469 it rounds)
        total_s = sum(s.value for s in scores)  # type: ignore[union-attr, misc]
        ok = holds(Interval.exact(total_s), _score_interval(stated_s))
        decimals = max([s.precision for s in scores] + [stated_s.precision])  # type: ignore[union-attr]
        shown = round_for_message(total_s, decimals)
        out.append(_result(ctx, "score_sum", ok,
                           f"总分 {stated_s.text} 与执行率得分及各指标得分之和 {shown} {'相符' if ok else '不符'}",
                           shown, stated_s.text, [stated_s], stated_s.location))
    return out


def check_level_weights(ctx: CheckContext, form: Form) -> list[CheckResult]:
    """A 一级 or 二级指标 cell stating its points (``产出指标（50分）``, rules
    ``level_points``) against the 分值 of the rows under it, exactly."""
    pattern = ctx.rules.forms.level_points
    if not pattern:
        return []
    rx = re.compile(pattern)
    groups: dict[tuple[str, int], tuple[FormCell, list[FormRow]]] = {}
    for row in form.indicators:
        for level in ("level1", "level2"):
            cell = row.cells.get(level)
            if cell is not None and rx.search(cell.text):
                key = (level, cell.location.start)
                groups.setdefault(key, (cell, []))[1].append(row)
    out = []
    for cell, rows in groups.values():
        weights = [_num(r, "weight") for r in rows]
        if any(w is None for w in weights):
            continue
        points = Decimal(rx.search(cell.text).group("points"))  # type: ignore[union-attr]
        total = sum(w.value for w in weights)  # type: ignore[union-attr, misc]
        ok = total == points
        out.append(_result(ctx, "level_weight", ok,
                           f"“{cell.text}”下各指标分值之和 {total} 与所标 {points} 分{'相符' if ok else '不符'}",
                           str(total), str(points), [cell], cell.location))
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


def check_grade(ctx: CheckContext, form: Form) -> list[CheckResult]:
    """The grade the form states (总分 … 评价等级 优) against the band its
    总分 falls in: the report's own bands when it states them, else the
    national scale (rules/meta.yaml ``grade_scale``)."""
    grade, score = form.total.get("grade"), form.total.get("score")
    if grade is None or score is None or score.value is None:
        return []
    own = stated_scale(ctx)
    band = grade_for(score.value, own or ctx.book.grade_scale)
    if band is None:
        return []
    stated = "".join(grade.text.split()).strip("“”\"「」")
    ok = stated in band.words
    scale = "按报告所列等级标准，" if own else ""
    return [_result(ctx, "grade", ok,
                    f"{scale}自评表总分 {score.text} 对应等级“{band.grade}”，与表中等级“{grade.text}”"
                    f"{'相符' if ok else '不符'}", band.grade, grade.text, [grade, score], grade.location)]


AMOUNT_COLUMNS = ("initial", "adjusted", "executed")
# The report's budget figures (model Budget) and the form's column of each.
RESTATED = (("initial", "年初预算"), ("adjusted", "全年预算"), ("executed", "全年执行数"), ("rate", "执行率"))


def _cell_factors(ctx: CheckContext, form: Form) -> list[Decimal]:
    """What one unit of the form's funds cells is in 元: the unit its
    header states, else any of the units forms use (万元 or 元)."""
    units = ctx.rules.units.units
    names = [form.funds_unit] if form.funds_unit else list(ctx.rules.forms.funds_units)
    return [units[n].factor for n in names if n in units]


def _restated(ctx: CheckContext, form: Form, figure: BudgetFigure, column: str,
              name: str) -> Optional[CheckResult]:
    q = figure.quantity
    cells = [(r, r.cells[column]) for r in form.funds
             if column in r.cells and r.cells[column].value is not None]
    if not cells:
        return None
    if column == "rate":
        if q.unit != "%":
            return None
        cells = [(r, c) for r, c in cells if c.percent]
        factors = [Decimal(1)]
    else:
        if q.unit_class != "money":
            return None
        factors = _cell_factors(ctx, form)
    if not cells or not factors:
        return None
    stated = interval_of(ctx, q)
    if column == "rate" and not any(r.role == "total" for r in form.funds):
        # no total row: a rate naming no part is the whole's, the parts' sums
        # (执行率95.00% beside rows 基本支出 98.57%, 项目支出 86.67% only)
        named = [(r, c) for r, c in cells if r.label and r.label in figure.sentence]
        if not named:
            return _restated_whole_rate(ctx, form, figure, name, stated)
        cells = named
    # an amount may be any amount of the block (the text's words for 预算 and
    # 执行 do not always name the form's column): a slip matches none
    readings = cells if column == "rate" else [
        (r, c) for r in form.funds for k, c in r.cells.items() if k in AMOUNT_COLUMNS and c.value is not None]
    ok = any(holds(_interval(c).scaled(f), stated) for _, c in readings for f in factors)
    row, cell = next(((r, c) for r, c in cells if r.role == "total"), cells[0])
    unit = "%" if column == "rate" else (form.funds_unit or "")
    shown = cell.text if column == "rate" else f"{cell.text}{unit}"
    verdict = "相符" if ok else "不符"
    quote = join_places([ctx.quote_at(figure.location), ctx.quotes.at(cell.location)])
    return make_result(ctx, RULE, "restated_funds", "pass" if ok else "fail",
                       f"正文所述{name} {stated_text(q)} 与自评表{_row_name(row)}{name} {shown} {verdict}",
                       expected=shown, stated=stated_text(q), quote=quote,
                       locations=[figure.location, cell.location])


def _restated_whole_rate(ctx: CheckContext, form: Form, figure: BudgetFigure, name: str,
                         stated: Interval) -> Optional[CheckResult]:
    """A text 执行率 that names no part, against a funds block with no total
    row: the whole's rate is Σ全年执行数 / Σ全年预算数 of the parts that add
    up to it (rules/forms.yaml ``funds_parts``); None when no such parts
    state both (the text's rate is then not the rate of any row)."""
    by_role = {r.role: r for r in form.funds}
    for group in ctx.rules.forms.funds_parts:
        rows = [by_role.get(role) for role in group.parts]
        if any(r is None for r in rows):
            continue
        executed = [_num(r, "executed") for r in rows]  # type: ignore[arg-type]
        budget = [_num(r, "adjusted") for r in rows]  # type: ignore[arg-type]
        if any(c is None for c in executed + budget):
            continue
        computed = ratio_interval(sum_interval(map(_interval, executed)), sum_interval(map(_interval, budget)),
                                  percent=True)
        if computed is None:
            return None
        ok = holds(computed, stated) or (computed.hi > 100 and stated.contains(Decimal(100)))
        shown = round_for_message(computed.midpoint or Decimal(0), figure.quantity.precision) + "%"
        parts = "、".join(_row_name(r) for r in rows)  # type: ignore[arg-type]
        verdict = "相符" if ok else "不符"
        quote = join_places([ctx.quote_at(figure.location)] + [ctx.quotes.at(c.location) for c in executed + budget])
        return make_result(ctx, RULE, "restated_funds", "pass" if ok else "fail",
                           f"正文所述{name} {stated_text(figure.quantity)} 与自评表{parts}合计{name} {shown} {verdict}",
                           expected=shown, stated=stated_text(figure.quantity), quote=quote,
                           locations=[figure.location] + [c.location for c in executed + budget])
    return None


def of_prior_year(ctx: CheckContext, figure: BudgetFigure) -> bool:
    """Whether the sentence puts ``figure`` in the year before (上年同类项目
    全年预算…, 去年…): a previous-year word before the figure in its
    sentence, not the 上年结转 (carry-over) of this year's money."""
    sentence = "".join(figure.sentence.split())
    at = sentence.find("".join(figure.quantity.text.split()))
    before = sentence[:at] if at >= 0 else sentence
    for word in ctx.book.rules.growth.previous_year_words:
        for m in re.finditer(re.escape(word), before):
            if not before.startswith("结转", m.end()):
                return True
    return False


def _a_bound(ctx: CheckContext, figure: BudgetFigure) -> bool:
    """Whether a budget figure of the text is a bound it is compared with,
    not a figure stated: 执行率未达100%的原因, 力争执行率达到95%以上 (an
    operator; rules ``operands.bound_before`` before it in its sentence)."""
    q = figure.quantity
    if q.operator is not None:
        return True
    bound = ctx.book.rules.operands.bound_before
    at = figure.sentence.find(q.text) if q.text else -1
    return bool(bound) and at >= 0 and re.search(bound, figure.sentence[:at]) is not None


def check_restated_funds(ctx: CheckContext) -> list[CheckResult]:
    """The narrative's 年初预算, 全年预算, 执行数 and 执行率 (the report's
    budget figures, when read from its text outside the form) against the
    funds block of the report's one self-evaluation form. A rate holds when
    it equals the 执行率 of any funds row, an amount when it equals any
    amount of the block (any row, any of 年初/全年/执行: the words of the text
    do not always name the form's column); a report with several forms (a
    department's projects), or whose kind is not the form's (a 部门整体
    report with one project's form), is not compared."""
    forms = [f for f in ctx.report.forms if f.stage == "self_evaluation" and f.funds]
    if len(forms) != 1:
        return []
    form = forms[0]
    kind = {"部门整体支出": "department", "项目支出": "project"}.get(ctx.report.meta.report_type or "")
    if kind is not None and kind != form.kind:
        return []  # a department's report with one project's form: other money
    out = []
    for column, name in RESTATED:
        figure: Optional[BudgetFigure] = getattr(ctx.report.budget, column)
        if figure is None or figure.source != "text":
            continue
        if form.location.line <= figure.location.line <= form.location.end_line or of_prior_year(ctx, figure):
            continue
        if _a_bound(ctx, figure):
            continue
        result = _restated(ctx, form, figure, column, name)
        if result is not None:
            out.append(result)
    return out


def check_forms(ctx: CheckContext) -> list[CheckResult]:
    out: list[CheckResult] = []
    for form in ctx.report.forms:
        for check in (check_rates, check_rate_score, check_funds_sum, check_sums, check_level_weights, check_caps,
                      check_grade):
            out.extend(check(ctx, form))
    out.extend(check_restated_funds(ctx))
    return out
