"""Performance indicators from indicator tables.

An indicator table names its columns with labels such as 一级指标, 二级指标,
三级指标, 指标值, 完成值 (or the standard 项目支出绩效自评表 form: 年度指标值,
实际完成值, 分值, 得分, 偏差原因分析及改进措施; or 指标名称, 目标值, 实际值).
Each data row with an indicator name becomes an
:class:`~extract.model.Indicator`: its target (operator + quantity, or a text
target such as 按时完成), the actual stated, and whether the actual meets
the target (``met``: True, False or None for unknown, never a guess).

Vocabulary and the operator rules for bare targets ("120 万元" under 成本指标
means at most 120 万元) are rule data in ``rules/indicators.yaml``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal
from typing import Literal, Optional

from ..model import Cell, Indicator, Location, Operator, Quantity, Table, Target
from ..quantities import date_parts, find_quantities, parse_target
from ..ruleset import RuleSet, RulesLike
from ..structure.tables import TableSegment, column_unit, header_label, table_segments
from ..rulefiles.indicators import ColumnRole, ColumnVocabulary, IndicatorRules, OperatorRules

Met = Optional[bool]
ROLES: tuple[ColumnRole, ...] = ("level1", "level2", "name", "target", "actual", "weight", "score",
                                 "deviation", "operator", "unit")

# --------------------------------------------------------------------------
# Rules


def load_indicator_rules(rules: RulesLike = None) -> IndicatorRules:
    """The indicators.yaml of a rule set (a RuleSet, a rule folder, or None
    for the rules shipped with the package)."""
    return RuleSet.of(rules).indicators


# --------------------------------------------------------------------------
# Columns


def column_role(label: str, rules: IndicatorRules) -> Optional[ColumnRole]:
    """The indicator column role a header label names, or None."""
    # asked of every cell of every table by the form readers, of few distinct
    # texts: worked out once per text and rule file (a tenth of a warm parse)
    known = _ROLES_READ.get(id(rules))
    if known is None or known[0] is not rules:
        known = _ROLES_READ[id(rules)] = (rules, {})
    roles = known[1]
    try:
        return roles[label]
    except KeyError:
        pass
    role = _column_role(label, rules)
    if len(roles) >= _ROLES_KEPT:
        roles.clear()  # (a batch of many reports: the texts of the last ones are kept)
    roles[label] = role
    return role


# id(rules) -> (rules, {label: its role}); at most _ROLES_KEPT labels each
_ROLES_READ: dict[int, tuple[IndicatorRules, dict[str, Optional[ColumnRole]]]] = {}
_ROLES_KEPT = 4096


def _column_role(label: str, rules: IndicatorRules) -> Optional[ColumnRole]:
    key = header_label(label)
    if not key:
        return None
    for role in ROLES:
        if key in getattr(rules.columns, role):
            return role
    for role in ROLES:
        if any(key.startswith(p) for p in getattr(rules.column_prefixes, role)):
            return role
    return None


def indicator_columns(table: Table, rules: IndicatorRules) -> Optional[dict[ColumnRole, int]]:
    """``{role: column}`` of an indicator table (first column per role), or
    None if ``table`` lacks a required role."""
    if not table.header_rows:
        return None
    return header_columns([[label] for label in table.columns], rules)


def header_columns(labels: list[list[str]], rules: IndicatorRules) -> Optional[dict[ColumnRole, int]]:
    """``{role: column}`` from each column's header texts, most specific
    (lowest header row) first: under a merged ``年度指标值`` the row below
    names ``指标性质 / 指标值 / 度量单位``. The first column per role wins;
    None when a required role is missing."""
    cols: dict[ColumnRole, int] = {}
    for j, texts in enumerate(labels):
        for text in texts:
            role = column_role(text, rules)
            if role is not None:
                if role not in cols:
                    cols[role] = j
                break
    if any(role not in cols for role in rules.required):
        return None
    return cols


def segment_columns(grid: list[list[str]], seg: TableSegment,
                    rules: IndicatorRules) -> Optional[dict[ColumnRole, int]]:
    """:func:`header_columns` of one table segment (``grid``: raw cell
    texts), its header rows read bottom-up, then all of them joined."""
    if not seg.header_rows or not grid:
        return None
    rows = grid[seg.start:seg.data_start]
    labels = []
    for j in range(len(grid[0])):
        texts = [row[j] for row in reversed(rows) if row[j]]
        if len(texts) > 1:
            texts.append("".join(reversed(texts)))
        labels.append(texts)
    return header_columns(labels, rules)


# --------------------------------------------------------------------------
# Targets


def infer_operator(quantity: Quantity, name: str, level1: Optional[str],
                   level2: Optional[str], rules: IndicatorRules) -> Optional[Operator]:
    """The operator a bare target implies: by words in the indicator
    ``name`` (上限 -> "<="), the target's unit class (a date -> "<="), a
    zero (0起: a ceiling, whatever the category), words in ``level2`` then
    ``level1`` (成本 -> "<=", 数量 -> ">="), or a full percentage (100% ->
    ">="). None when no rule applies. An inferred operator is marked as such
    (``Target.inferred_operator``): the checks never call a miss of it an
    error unless the report claims the target met."""
    ops = rules.operators
    for word, op in ops.by_name.items():
        if word in name:
            return op
    if quantity.unit_class in ops.by_unit_class:
        return ops.by_unit_class[quantity.unit_class]
    if ops.zero_value and quantity.value == 0:
        return ops.zero_value
    for level in (level2, level1):
        for word, op in ops.by_level.items():
            if level and word in level:
                return op
    if ops.full_percent and quantity.unit_class == "percent" and quantity.value == 100:
        return ops.full_percent
    return None


def stated_operator(text: str, rules: IndicatorRules) -> Optional[Operator]:
    """The comparison a 指标性质 cell states (``"≥"`` -> ">=", ``"﹦"`` ->
    "=", ``"反向指标"`` -> "<="); None for ``"定性"``, ``"定量"`` or blank."""
    return rules.stated_operators.get("".join(text.split())) if text else None


def _operator_prefix(operator_text: str, value_text: str, rules: IndicatorRules) -> str:
    """The 指标性质 cell as it is written before the value: a comparison
    symbol ("≥", "﹦"), or nothing for a word (反向指标) or when the value
    cell already starts with a symbol."""
    op = "".join(operator_text.split())
    if (stated_operator(op, rules) is None or not _SYMBOL.fullmatch(op)
            or _SYMBOL.match(value_text.strip())):
        return ""
    return op


def compose_target(operator_text: str, value_text: str, unit_text: str,
                   rules: IndicatorRules) -> str:
    """One target text from the three cells of a form that splits it
    (``"≥"``, ``"95"``, ``"%"`` -> ``"≥95%"``): the operator only when it
    is a comparison symbol, the unit only after a bare figure that does not
    end with it."""
    unit = "".join(unit_text.split())
    value = value_text.strip()
    if unit and value and not value.endswith(unit) and _VALUE.fullmatch(value):
        value += unit
    return _operator_prefix(operator_text, value_text, rules) + value if value else ""


_BARE = re.compile(r"[-+]?[\d,，]*\d(?:\.\d+)?")
_SYMBOL = re.compile(r"[≥≤><=＞＜≧≦﹦＝]{1,2}")
_VALUE = re.compile(r"[≥≤><=＞＜≧≦﹦＝]?\s*[-+]?[\d,，]*\d(?:\.\d+)?")


def read_target(text: str, location: Optional[Location], name: str, level1: Optional[str],
                level2: Optional[str], rules: IndicatorRules, unit: str = "",
                operator_text: str = "", units: RulesLike = None) -> Target:
    """A target cell as a Target: ``"≥6项"`` -> (">=", 6项); a bare
    ``"120万元"`` under 成本指标 -> ("<=", 120万元, inferred); ``"按时完成"``
    -> a text target without quantity. ``unit`` and ``operator_text``: the
    cells of a 度量单位 and a 指标性质 column, where the form has them
    (``"﹦"``, ``"100"``, ``"%"`` -> ("=", 100%)). ``units``: the rule set
    whose units.yaml reads the figures."""
    stated = stated_operator(operator_text, rules)
    if unit or stated:
        prefix = _operator_prefix(operator_text, text, rules)
        text = compose_target(operator_text, text, unit, rules)
        parse_text = text[len(prefix):]
    else:
        parse_text = text
    operator, match = parse_target(parse_text, units) if parse_text else (None, None)
    operator = operator or stated
    if match is None or location is None:
        return Target(text=text, operator=operator)
    quantity = match.to_quantity(location)
    if operator is not None:
        return Target(text=text, operator=operator, quantity=quantity)
    inferred = infer_operator(quantity, name, level1, level2, rules)
    return Target(text=text, operator=inferred, inferred_operator=inferred is not None,
                  quantity=quantity)


def _is_date(q: Quantity) -> bool:
    return q.date is not None or q.unit_class == "date"


def read_actual(text: str, location: Optional[Location], target: Target,
                unit: str = "", units: RulesLike = None) -> Optional[Quantity]:
    """The quantity an actual cell states: the first one comparable with
    the target (same normalized unit, or a date for a date target), else the
    first one; None if the cell states none. A bare number (``"98"``) is
    read in ``unit`` (a 度量单位 cell) or else in the target's unit
    (``≥95%`` / ``98`` -> 98%), the cell text kept as stated."""
    if not text or location is None:
        return None
    t_q = target.quantity
    if not unit and t_q is not None and t_q.unit and not _is_date(t_q):
        unit = t_q.unit
    if unit and _BARE.fullmatch(text.strip()):
        with_unit = find_quantities(text.strip() + "".join(unit.split()), units)
        if with_unit and with_unit[0].unit:
            return with_unit[0].to_quantity(location).model_copy(update={"text": text.strip()})
    matches = find_quantities(text, units)
    if not matches:
        return None
    t = target.quantity
    chosen = matches[0]
    if t is not None:
        for m in matches:
            if (_is_date(t) and m.date is not None) or (
                    not _is_date(t) and m.date is None and m.normalized_unit == t.normalized_unit):
                chosen = m
                break
    return chosen.to_quantity(location)


# --------------------------------------------------------------------------
# Met or not


def date_interval(iso: str, year: Optional[int] = None) -> Optional[tuple[dt.date, dt.date]]:
    """First and last day an ISO date of day, month or year precision
    covers (``"2024-04"`` -> 2024-04-01 .. 2024-04-30); a date without a
    year (``"--04-30"``) is placed in ``year``. None if unreadable or, for a
    date without a year, without ``year``."""
    try:
        parts = date_parts(iso.strip())
    except ValueError:
        return None
    y = parts.year if parts.year is not None else year
    if y is None:
        return None
    mo, d = parts.month, parts.day
    try:
        if d is not None and mo is not None:
            day = dt.date(y, mo, d)
            return day, day
        if mo is not None:
            first = dt.date(y, mo, 1)
            nxt = dt.date(y + (first.month == 12), first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        return dt.date(y, 1, 1), dt.date(parts.last_year or y, 12, 31)
    except ValueError:
        return None


# A target and an actual both stated without a year (4月30日前, 4月18日) are
# of one year; a leap year, so that 2月29日 is a date.
_YEAR_OF_YEARLESS_DATES = 2000


def _compare_intervals(a: tuple, t: tuple, operator: Optional[str]) -> Met:
    """Whether an actual interval ``a`` meets ``operator`` against a target
    interval ``t``: True when every point of ``a`` does, False when none
    does, else None (unknown). Works for dates and Decimals alike."""
    (a0, a1), (t0, t1) = a, t
    if operator == "<=":
        return True if a1 <= t1 else False if a0 > t1 else None
    if operator == "<":
        return True if a1 < t0 else False if a0 >= t0 else None
    if operator == ">=":
        return True if a0 >= t0 else False if a1 < t0 else None
    if operator == ">":
        return True if a0 > t1 else False if a1 <= t0 else None
    if operator == "range":
        return True if t0 <= a0 and a1 <= t1 else False if a1 < t0 or a0 > t1 else None
    if operator == "=":
        return True if (a0, a1) == (t0, t1) else False if a1 < t0 or a0 > t1 else None
    return True if (a0, a1) == (t0, t1) else None


def date_met(target: Target, actual: Quantity) -> Met:
    """A date target against a dated actual. A target date with 前
    (deadline) is met by any date up to it; an actual that itself says 前
    covers every day before its date. A date without a year takes the
    year of the other (both without one: the same year)."""
    t_q = target.quantity
    if t_q is None or t_q.date is None or actual.date is None:
        return None
    try:
        t_year, a_year = date_parts(t_q.date).year, date_parts(actual.date).year
    except ValueError:
        return None
    year = t_year or a_year or _YEAR_OF_YEARLESS_DATES
    t, a = date_interval(t_q.date, year), date_interval(actual.date, year)
    if t is None or a is None:
        return None
    if actual.deadline:
        a = (dt.date.min, a[1])
    operator = target.operator or ("<=" if t_q.deadline else None)
    return _compare_intervals(a, t, operator)


def _upper_normalized(q: Quantity) -> Optional[Decimal]:
    if q.upper is None:
        return None
    if q.value == 0:
        return q.upper
    return q.upper * q.normalized_value / q.value


def quantity_met(target: Target, actual: Quantity) -> Met:
    """A quantity target against an actual in the same normalized unit,
    compared exactly; None (unknown) when units differ. Without an operator,
    only equality is known to meet the target."""
    t = target.quantity
    if t is None or t.normalized_unit != actual.normalized_unit:
        return None
    a = (actual.normalized_value, actual.normalized_value)
    if target.operator == "range":
        upper = _upper_normalized(t)
        if upper is None:
            return None
        return _compare_intervals(a, (t.normalized_value, upper), "range")
    return _compare_intervals(a, (t.normalized_value, t.normalized_value), target.operator)


def text_met(target_text: str, actual_text: str, rules: IndicatorRules) -> Met:
    """A text target (按时完成, 达到预期): False when the actual holds a
    negative word (未完成) or is one (否), True when it repeats the target
    or holds an affirmative word (已完成, 达到), None (unknown) when it says the
    target was partly reached (基本完成) or nothing we know."""
    actual = "".join(actual_text.split())
    if not actual:
        return None
    if any(w in actual for w in rules.negative):
        return False
    if actual == "".join(target_text.split()):
        return True
    if actual in rules.negative_whole:
        return False
    if any(w in actual for w in rules.partial):
        return None
    if actual in rules.affirmative_whole or any(w in actual for w in rules.affirmative):
        return True
    return None


def target_met(target: Target, actual: Optional[Quantity], actual_text: str,
               rules: IndicatorRules) -> Met:
    """Whether ``actual`` meets ``target``: dates by date, quantities by
    exact normalized value, text targets by the affirmative word lists."""
    t = target.quantity
    if t is None:
        return text_met(target.text, actual_text, rules) if target.text else None
    if actual is None:
        return None
    if _is_date(t):
        return date_met(target, actual)
    return quantity_met(target, actual)


# --------------------------------------------------------------------------
# Rows


_NUMBER = re.compile(r"\s*([-+]?\d+(?:\.\d+)?)")


@functools.lru_cache(maxsize=16)
def _rx(pattern: str) -> re.Pattern:
    """A rule pattern compiled once."""
    return re.compile(pattern)


def cell_decimal(text: str) -> Optional[Decimal]:
    """The number a cell starts with (``"10"``, ``"9.5分"``), or None."""
    m = _NUMBER.match(text or "")
    return Decimal(m.group(1)) if m else None


Cells = dict[tuple[int, int], Cell]


def _text(grid: list[list[str]], row: int, col: Optional[int]) -> str:
    return grid[row][col] if col is not None else ""


def _location(cells: Cells, row: int, col: Optional[int]) -> Optional[Location]:
    cell = cells.get((row, col)) if col is not None else None
    return cell.location if cell is not None else None


def row_indicator(table: Table, grid: list[list[str]], cells: Cells, row: int,
                  cols: dict[ColumnRole, int], ruleset: RuleSet) -> Optional[Indicator]:
    """The Indicator of data row ``row`` (``grid`` is the filled data view,
    ``cells`` the table's cells by (row, col)), or None when the row has no
    indicator name."""
    rules = ruleset.indicators
    name = _text(grid, row, cols.get("name"))
    location = _location(cells, row, cols.get("name"))
    if not name or location is None:
        return None
    if rules.blank_name and _rx(rules.blank_name).fullmatch(name) and not (
            _text(grid, row, cols.get("target")) or _text(grid, row, cols.get("actual"))):
        return None  # an unfilled template line ("指标2", "……")
    if rules.name_prefix:
        m = _rx(rules.name_prefix).match(name)
        if m and m.end() < len(name):
            name = name[m.end():]
    level1 = _text(grid, row, cols.get("level1")) or None
    level2 = _text(grid, row, cols.get("level2")) or None
    unit = _text(grid, row, cols.get("unit"))
    # without a 度量单位 cell, a bare figure is in its column's unit ("指标值(万元)", 单位：万元)
    target_unit = unit or (column_unit(table, cols["target"], ruleset.tables) if "target" in cols else "")
    actual_unit = unit or (column_unit(table, cols["actual"], ruleset.tables) if "actual" in cols else "")
    target = read_target(_text(grid, row, cols.get("target")),
                         _location(cells, row, cols.get("target")), name, level1, level2, rules,
                         unit=target_unit, operator_text=_text(grid, row, cols.get("operator")), units=ruleset)
    actual_text = _text(grid, row, cols.get("actual"))
    actual = read_actual(actual_text, _location(cells, row, cols.get("actual")), target, actual_unit, ruleset)
    return Indicator(
        level1=level1, level2=level2, name=name, target=target,
        actual_text=actual_text, actual=actual,
        met=target_met(target, actual, actual_text, rules),
        weight=cell_decimal(_text(grid, row, cols.get("weight"))),
        score=cell_decimal(_text(grid, row, cols.get("score"))),
        deviation_reason=_text(grid, row, cols.get("deviation")) or None,
        table=table.id, row=row, location=location,
    )


def table_indicators(table: Table, cols: dict[ColumnRole, int], rules: RulesLike = None,
                     rows: Optional[range] = None) -> list[Indicator]:
    """Indicators of the data rows of one indicator table (or of ``rows``,
    one segment's data rows), total rows (合计, with the sum of 分值)
    excepted."""
    rs = RuleSet.of(rules)
    grid = table.grid(filled=True)
    cells = {(c.row, c.col): c for c in table.cells}
    out = []
    for i in rows if rows is not None else range(table.header_rows, table.n_rows):
        if i in table.total_rows:
            continue
        ind = row_indicator(table, grid, cells, i, cols, rs)
        if ind is not None:
            out.append(ind)
    return out


def indicator_segments(table: Table, rules: RulesLike = None
                       ) -> list[tuple[TableSegment, dict[ColumnRole, int]]]:
    """The segments of ``table`` that are indicator tables, with their
    columns: a table of its own, or the 绩效指标 part of a 自评表 form that
    also holds the project's name and funds."""
    rs = RuleSet.of(rules)
    raw = table.grid(filled=False)
    out = []
    for seg in table_segments(table, rs.tables):
        cols = segment_columns(raw, seg, rs.indicators)
        if cols is not None:
            out.append((seg, cols))
    return out


def extract_indicators(tables: list[Table], rules: RulesLike = None) -> list[Indicator]:
    """Indicators of every indicator table (or table segment) in
    ``tables``, in table order. ``rules``: a RuleSet, a rule folder, or
    None for the default."""
    rs = RuleSet.of(rules)
    out: list[Indicator] = []
    for table in tables:
        for seg, cols in indicator_segments(table, rs):
            out.extend(table_indicators(table, cols, rs, range(seg.data_start, seg.end)))
    return out


# --------------------------------------------------------------------------
# Indicators stated in running text


_CLAUSE = re.compile(r"[，,；;：:。！？!?]")
_LEAD_MARK = re.compile(r"^(?:[(（]?[一二三四五六七八九十\d]{1,2}[)）.、．]|[①-⑳])\s*")
_LINK = "是为:：达到达"


def _figure_after(text: str, at: int, gap: int, units: RulesLike):
    """The first figure of ``text`` starting at most ``gap`` characters
    (linking words 是/为/达到 and comparison marks not counted) after
    ``at``, with the text of its comparison, or None."""
    head = text[at:at + gap + 8]
    lead = len(head) - len(head.lstrip(_LINK))
    matches = find_quantities(text[at + lead:at + lead + gap + 40], units)
    if not matches or matches[0].start > gap:
        return None
    m = matches[0]
    return at + lead, at + lead + m.end, m


def _clause_name(text: str, at: int, nr) -> Optional[tuple[int, str, Optional[str]]]:
    """The indicator a figure or target word at ``at`` belongs to: the
    clause before it (its list mark and ``name_tail`` dropped), where that
    clause starts, and the label before a colon ahead of it as its 二级指标
    ("(一)数量指标：巡查时长≥500小时"); None when the name is too short or no
    words."""
    breaks = [m for m in _CLAUSE.finditer(text, 0, at)]
    start = breaks[-1].end() if breaks else 0
    name = _LEAD_MARK.sub("", text[start:at]).strip().rstrip(nr.name_tail)
    if len(name) < nr.min_name_chars or not re.search(r"[\u4e00-\u9fff]", name):
        return None
    level2 = None
    if breaks and breaks[-1].group() in ":：":
        before = breaks[-2].end() if len(breaks) > 1 else 0
        level2 = _LEAD_MARK.sub("", text[before:breaks[-1].start()]).strip() or None
    return start, name, level2


def sentence_indicators(span, source, rules: RuleSet, row0: int = 0) -> list[Indicator]:
    """Indicators a paragraph states as "<name>目标值<A>，实际完成值<B>": one
    per target word followed, in its sentence, by an actual word, each with
    a figure right after it, the two of one unit. The name is the clause
    before the target word (its list mark and ``name_tail`` dropped)."""
    nr = rules.indicators.narrative
    if not nr.target_words or not nr.actual_words:
        return []
    text = span.text
    targets = re.compile("|".join(re.escape(w) for w in sorted(nr.target_words, key=len, reverse=True)))
    actuals = re.compile("|".join(re.escape(w) for w in sorted(nr.actual_words, key=len, reverse=True)))
    out: list[Indicator] = []
    label: Optional[str] = None  # the last 二级指标 label of the paragraph
    for t in targets.finditer(text):
        end = min([j for j in (text.find(c, t.end()) for c in "。；;！？!?") if j >= 0] or [len(text)])
        got = _figure_after(text, t.end(), 0 if t.group() in nr.tight_target_words else nr.max_gap_chars, rules)
        if got is None:
            continue
        t_from, t_to, t_q = got
        nxt = targets.search(text, t_to)
        a = actuals.search(text, t_to, min(end, nxt.start() if nxt else end))
        if a is None:
            continue
        got = _figure_after(text, a.end(), nr.max_gap_chars, rules)
        if got is None or got[1] > end:
            continue
        a_from, a_to, a_q = got
        if (t_q.date is None) != (a_q.date is None) or (t_q.date is None and t_q.normalized_unit != a_q.normalized_unit):
            continue
        named = _clause_name(text, t.start(), nr)
        before = text[:t.start()].rstrip()
        if named is None and before.endswith((":", "：")):
            named = _clause_name(text, len(before) - 1, nr)  # 床位使用率：目标85%: the label names it
        if named is None:
            continue
        start, name, level2 = named
        level2 = label = level2 or label
        t_loc = source.locate_span(span[t_from:t_to])
        a_loc = source.locate_span(span[a_from:a_to])
        target = read_target(text[t_from:t_to], t_loc, name, None, level2, rules.indicators, units=rules)
        if (target.operator is None or target.inferred_operator) and _prose_floor(target.quantity, name, a.group(), rules):
            target = Target(text=target.text, operator=">=", inferred_operator=True, quantity=target.quantity)
        elif target.inferred_operator and target.quantity is not None \
                and target.quantity.unit_class in nr.undecided_unit_classes:
            # 安全播出目标6325小时 / 办结时长目标5个工作日: a time to reach or to
            # keep under; running text says not which
            target = Target(text=target.text, quantity=target.quantity)
        actual_text = text[a_from:a_to]
        actual = read_actual(actual_text, a_loc, target, units=rules)
        out.append(Indicator(
            level2=level2, name=name, target=target, actual_text=actual_text, actual=actual,
            met=target_met(target, actual, actual_text, rules.indicators),
            table="text", row=row0 + len(out), location=source.locate_span(span[start:a_to])))
    return out


def _prose_floor(q: Optional[Quantity], name: str, actual_word: str, rules: RuleSet) -> bool:
    """Whether a bare target the running text states is a floor: a
    percentage whose indicator's name ends with a rate to reach (rules
    ``narrative.floor_rate_ends``: 覆盖率, 合格率, 满意度; never 使用率 or
    发生率, which may have to stay low), or an amount whose actual is stated
    as reached (``floor_actual_words``: 全年实际完成377期), neither a
    percentage nor a time (办结时长 5个工作日, 平均住院日 9天: ceilings)."""
    nr = rules.indicators.narrative
    if q is None or _is_date(q) or q.unit_class in nr.not_floor_unit_classes:
        return False
    if any(w in name for w in nr.lower_better_words):
        return False
    if q.unit_class == "percent":
        return name.endswith(tuple(nr.floor_rate_ends))
    return actual_word in nr.floor_actual_words


_LINKED = re.compile(r"(?:达到|为|是)$")
_ENDS_CLAUSE = re.compile(r"\s*(?:[，,。；;！？!?)）]|$)")
_CLAUSE_OPEN = re.compile(r"\s*[，,]\s*")


@functools.lru_cache(maxsize=8)
def _words(words: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """One of ``words`` (longest first), and one opening a clause."""
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(alternation), re.compile(r"[，,]\s*(?:%s)" % alternation)


def compared_indicators(span, source, rules: RuleSet, row0: int = 0) -> list[Indicator]:
    """Indicators a paragraph states as "<name><comparison><target>，实际<name>
    <actual>" (``巡查时长≥500小时，实际巡查时长480.5小时``): a figure with an
    operator (≥, 不低于, 以上), the clause right after it opening with an
    actual word (rules ``compared_actual_words``) and ending with the figure,
    at most ``compared_gap_chars`` after the word, of the same unit and with
    no operator, no change word (``compared_not_between``: 较上年提高) before
    it. The operator and the one unit pin the reading; no date targets."""
    nr = rules.indicators.narrative
    text = span.text
    if not nr.compared_actual_words:
        return []
    actual_word, opener = _words(tuple(nr.compared_actual_words))
    if not opener.search(text):
        return []  # no clause opening with an actual word: nothing to read (most paragraphs)
    found = find_quantities(text, rules)
    if not any(q.operator for q in found):
        return []
    out: list[Indicator] = []
    for k, q in enumerate(found):
        if q.operator is None or q.date is not None or q.unit_class == "date" or not q.unit:
            continue
        sep = _CLAUSE_OPEN.match(text, q.end)
        w = actual_word.match(text, sep.end()) if sep else None
        a = next((x for x in found[k + 1:] if x.start >= w.end()), None) if w else None
        if a is None or a.operator is not None or a.date is not None or a.normalized_unit != q.normalized_unit:
            continue
        gap = text[w.end():a.start]
        if len(gap) > nr.compared_gap_chars or re.search(r"[\d，,。；;：:！？!?]", gap) \
                or any(x in gap for x in nr.compared_not_between) or not _ENDS_CLAUSE.match(text, a.end):
            continue
        named = _clause_name(text, q.start, nr)
        if named is not None and named[1] in nr.compared_plan_words:
            # "X指标，计划≥99%": the plan word's clause names no indicator; the one before does
            plan = named
            named = _clause_name(text, named[0] - 1, nr) if named[0] > 0 else None
            if named is not None and named[2] is None and text[named[0] + len(named[1]):plan[0]].strip() in ":：":
                named = (named[0], named[1], plan[2])
        if named is None or any(named[1].endswith(t) for t in nr.target_words):
            continue  # "…目标值≥500小时": read by sentence_indicators
        start, name, level2 = named
        name = _LINKED.sub("", name)  # 满意度达到90%以上: the name is 满意度
        for end in nr.name_end_words:
            if name.endswith(end) and len(name) - len(end) >= nr.min_name_chars:
                name = name[:-len(end)]
                break
        if len(name) < nr.min_name_chars:
            continue
        t_loc = source.locate_span(span[q.start:q.end])
        a_loc = source.locate_span(span[a.start:a.end])
        target = read_target(text[q.start:q.end], t_loc, name, None, level2, rules.indicators, units=rules)
        actual_text = text[a.start:a.end]
        actual = read_actual(actual_text, a_loc, target, units=rules)
        out.append(Indicator(
            level2=level2, name=name, target=target, actual_text=actual_text, actual=actual,
            met=target_met(target, actual, actual_text, rules.indicators),
            table="text", row=row0 + len(out), location=source.locate_span(span[start:a.end])))
    return out


def narrative_indicators(paragraphs, source, rules: RulesLike = None,
                         known: Optional[list[Indicator]] = None) -> list[Indicator]:
    """Indicators the running text states (:func:`sentence_indicators`, then
    :func:`compared_indicators` on the clauses those leave) that
    no indicator table or form already holds (``known``, by name)."""
    rs = RuleSet.of(rules)
    names = {"".join(i.name.split()) for i in known or []}
    out: list[Indicator] = []
    for p in paragraphs:
        if getattr(p, "heading", False) and not p.span.text:
            continue
        found = sentence_indicators(p.span, source, rs, len(out))
        spans = [(i.location.start, i.location.end) for i in found]
        found += [i for i in compared_indicators(p.span, source, rs, len(out) + len(found))
                  if not any(a < i.location.end and i.location.start < b for a, b in spans)]
        for ind in found:
            if "".join(ind.name.split()) not in names:
                out.append(ind)
    return out
