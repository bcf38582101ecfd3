"""Table totals: every 合计/总计/小计 row and column against its parts.

:func:`check_table_totals` takes the check context and returns one
CheckResult per total cell checked. Totals nest: a 合计 sums the 小计 rows
and the rows outside their groups, a 小计 sums its group. The groups are
read from the table, and a total passes when any reading its structure
allows holds (the rule of :mod:`~extract.checks.operands`):

- a 小计 whose label is numbered at level L (rules ``row_levels``: 一、,
  （一）, 1., （1）) heads the rows after it up to the next row numbered at L
  or above; one whose rows after (or before) it are indented deeper heads
  (or closes) those rows. Either pins its group. Without such structure a
  小计 closes the rows since the previous total row or the header, or heads
  the rows up to the next one, or any run of rows right beside it;
- a 合计/总计 row is the sum of the top-level rows (the 小计 rows and the
  rows in no 小计's group), of the detail rows (every row but the 小计
  rows and the rows that a ``其中`` row below breaks down), or of every
  data row;
- a total fails only when no reading holds.

A column headed 合计/小计 is the sum of the value columns it heads (those to
its right up to the next total column; if none, those to its left).
Columns of rates, ranks and serial numbers (rules ``skip_columns``), and
columns whose cells hold a percent (``unsummable_marks``), are never summed
nor read as a row's label. A cell holding anything but a number (text, a
unit, an operator) makes the column unsummable: skipped, not guessed.
Money of a table in 元 stated to the 分 (rules ``exact_money``) is exact:
no rounding interval. A
table the builder found no header for is read with its leading rows
without figures as the header (at most ``max_inferred_header_rows``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ..model import Cell, CheckResult, Location, Table
from .context import CheckContext, make_result
from .relations.breakdowns import names_the_whole
from .relations.tables import table_name
from .rulebook import TableTotalRules
from .screen import any_word
from .figures import cell_number, is_empty_cell, show, table_grid
from .tolerance import Interval, holds, stated_interval, sum_interval

RULE = "table_totals"
KIND = "table_totals"


def _squash(text: str) -> str:
    return "".join(text.split())


class _Grid:
    """A table's raw cell texts and locations by (row, column), its header
    (the builder's, else inferred), its value and label columns, and what
    each data row's label says of its place (numbering level, 其中, indent)."""

    def __init__(self, table: Table, rules: TableTotalRules, source: Optional[str] = None,
                 caption: Optional[re.Pattern] = None, units: Optional[list[re.Pattern]] = None,
                 text: Optional[list[list[str]]] = None):
        self.table = table
        self.rules = rules
        # (``text``: the table's unfilled grid when the caller has it; only read)
        self.text = table.grid(filled=False) if text is None else text
        # a cell's number and a row's label, read once: each row is asked
        # for its label, level, indent and part word in turn (issue 14)
        self._numbers: dict[str, Optional[tuple[Decimal, int]]] = {}
        self._labels: dict[int, str] = {}
        self._marks: dict[int, bool] = {}
        self._indents: dict[int, Optional[tuple[int, int]]] = {}
        self.cells: dict[tuple[int, int], Cell] = {(c.row, c.col): c for c in table.cells}
        self.source = source
        self.header_rows = table.header_rows or _inferred_header(self.text, rules.max_inferred_header_rows)
        self.columns = list(table.columns) if table.header_rows else _header_labels(self.text, self.header_rows, caption)
        self.columns += [""] * (table.n_cols - len(self.columns))
        self.levels = [re.compile(x) for x in rules.row_levels]
        self.exact_decimals = rules.exact_money.get(self._unit(units) or "") if units else None
        self.value_cols = self._value_columns()
        self.label_cols = [j for j in range(table.n_cols) if j not in self.value_cols
                           and not self._marked(j)]

    def location(self, row: int, col: int) -> Optional[Location]:
        c = self.cells.get((row, col))
        return c.location if c is not None else None

    def _unit(self, units: list[re.Pattern]) -> Optional[str]:
        """The money unit the caption or a header cell states (单位：元)."""
        texts = [self.table.caption or ""] + [t for row in self.text[:self.header_rows] for t in row]
        for text in texts:
            for rx in units:
                m = rx.search(text)
                if m:
                    return m.group("unit")
        return None

    def interval(self, value: Decimal, decimals: int) -> Interval:
        """A cell's interval: exact for money stated to its smallest unit."""
        exact = self.exact_decimals is not None and decimals >= self.exact_decimals
        return stated_interval(value, decimals, exact=exact)

    def data_rows(self) -> range:
        return range(self.header_rows, self.table.n_rows)

    def _marked(self, j: int) -> bool:
        """A column whose data cells hold a percent (or another unsummable
        mark); read once per column (the value and the label columns ask)."""
        got = self._marks.get(j)
        if got is None:
            marks = any_word(self.rules.unsummable_marks)  # (one search a cell, not one per mark)
            got = self._marks[j] = any(marks.search(self.text[i][j]) for i in self.data_rows())
        return got

    def _value_columns(self) -> list[int]:
        out = []
        for j in range(self.table.n_cols):
            if not _summable_column(self.columns[j], self.rules.skip_columns) or self._marked(j):
                continue
            if any(self.number(self.text[i][j]) is not None for i in self.data_rows()):
                out.append(j)
        return out

    def number(self, text: str) -> Optional[tuple[Decimal, int]]:
        """:func:`~extract.checks.figures.cell_number` of a cell text of the table, read once."""
        try:
            return self._numbers[text]
        except KeyError:
            found = self._numbers[text] = cell_number(text)
            return found

    def label(self, row: int) -> str:
        """The row's label: its text cells outside value and percent columns."""
        got = self._labels.get(row)
        if got is None:
            got = self._labels[row] = "".join(_squash(self.text[row][j]) for j in self.label_cols
                                              if self.number(self.text[row][j]) is None)
        return got

    def level(self, row: int) -> Optional[int]:
        """The numbering level of the row's label (0 outermost), None unnumbered."""
        label = self.label(row)
        return next((k for k, rx in enumerate(self.levels) if rx.match(label)), None)

    def code_columns(self, col: int) -> list[int]:
        """The classification-code columns (every filled data cell a code,
        rules ``code_cell``) that classify value column ``col``: the run of
        them nearest to its left (a table of two halves side by side has a
        run for each half)."""
        if not self.rules.code_cell:
            return []
        rx = re.compile(self.rules.code_cell)

        def is_code(j: int) -> bool:
            cells = [self.text[i][j].strip() for i in self.data_rows() if i not in self.table.total_rows]
            filled = [c for c in cells if c]
            # header rows the builder took for data (科目编码 / 类 款 项) stand before the first code
            first = next((k for k, c in enumerate(filled) if rx.fullmatch(c)), None)
            return first is not None and all(rx.fullmatch(c) for c in filled[first:])

        run: list[int] = []
        for j in range(col - 1, -1, -1):
            if is_code(j):
                run.insert(0, j)
            elif run:
                break
        return run

    def code_depth(self, row: int, columns: list[int]) -> Optional[int]:
        """How deep the row's classification code goes: the number of code
        cells filled (类 | 款 | 项), or the code's length in a single code
        column (201 / 20106 / 2010601); None for a row without a code."""
        codes = [self.text[row][j].strip() for j in columns if self.text[row][j].strip()]
        if not codes:
            return None
        return len(codes[0]) if len(columns) == 1 else len(codes)

    def is_part_row(self, row: int) -> bool:
        """A ``其中：`` row: a part of the row above."""
        label = self.label(row)
        return any(label.startswith(w) for w in self.rules.part_prefixes)

    def indent(self, row: int) -> Optional[tuple[int, int]]:
        """(label column, spaces before the label in the source), None
        unknown; read once per row (each row is compared with those around it)."""
        try:
            return self._indents[row]
        except KeyError:
            got = self._indents[row] = self._read_indent(row)
            return got

    def _read_indent(self, row: int) -> Optional[tuple[int, int]]:
        for j in self.label_cols:
            if self.text[row][j].strip() and self.number(self.text[row][j]) is None:
                loc = self.location(row, j)
                if loc is None or self.source is None:
                    return None
                i, n = loc.start, 0
                while i > 0 and self.source[i - 1] in " \u3000":
                    n += 2 if self.source[i - 1] == "\u3000" else 1
                    i -= 1
                return j, n
        return None


def _inferred_header(text: list[list[str]], limit: int) -> int:
    """Leading rows without a figure (at most ``limit``) when a row with one follows."""
    n = 0
    while n < min(limit, len(text)) and all(cell_number(t) is None for t in text[n]):
        n += 1
    if n == len(text) or not any(cell_number(t) is not None for row in text[n:] for t in row):
        return 0
    return n


def _header_labels(text: list[list[str]], n: int, caption: Optional[re.Pattern]) -> list[str]:
    """Column labels from inferred header rows, leaving out a caption row
    the table took in (``表1 | …执行情况 | 单位：万元``)."""
    width = len(text[0]) if text else 0

    def is_caption(row: list[str]) -> bool:
        first = next((t for t in row if t.strip()), "")
        return caption is not None and caption.match(_squash(first)) is not None

    rows = [i for i in range(n) if not is_caption(text[i])]
    return ["".join(dict.fromkeys(_squash(text[i][j]) for i in rows if text[i][j].strip()))
            for j in range(width)]


def _is_total_word(text: str, words: list[str]) -> bool:
    t = _squash(text)
    return any(t == w or t.startswith(w) for w in words)


def _summable_column(label: str, skip: list[str]) -> bool:
    return any_word(skip).search(_squash(label)) is None


def _sum_cells(grid: _Grid, cells: list[tuple[int, int]]) -> Optional[tuple[Interval, int, list[Location]]]:
    """Interval of the sum of ``cells``, the most decimals stated, and the
    cells' locations; None when a cell is not a number (or all are empty)."""
    parts: list[Interval] = []
    decimals = 0
    locations: list[Location] = []
    for r, c in cells:
        text = grid.text[r][c]
        if is_empty_cell(text):
            continue
        n = grid.number(text)
        if n is None:
            return None
        parts.append(grid.interval(n[0], n[1]))
        decimals = max(decimals, n[1])
        loc = grid.location(r, c)
        if loc is not None:
            locations.append(loc)
    if not parts:
        return None
    return sum_interval(parts), decimals, locations


def _judge(ctx: CheckContext, grid: _Grid, total: tuple[int, int], readings: list[list[tuple[int, int]]],
           what: str, quote: Optional[str]) -> Optional[CheckResult]:
    """Compare the total cell with the sum of the part cells of each reading:
    pass on the first that holds, fail (showing the first) when none does."""
    r, c = total
    stated = grid.number(grid.text[r][c])
    if stated is None:
        return None
    name = f"{table_name(grid.table)} {what}"
    total_loc = grid.location(r, c) or grid.table.location
    sums = [x for x in (_sum_cells(grid, parts) for parts in readings if parts) if x is not None]
    if not sums:
        return make_result(ctx, RULE, KIND, "skipped",
                           f"{name} {grid.text[r][c]}：各部分中有非数字单元格或全为空，无法求和",
                           stated=grid.text[r][c], quote=quote, locations=[total_loc])
    stated_iv = grid.interval(stated[0], stated[1])
    good = [x for x in sums if holds(x[0], stated_iv)]
    interval, decimals, locations = (good or sums)[0]
    decimals = max(decimals, stated[1])
    expected = show(interval.midpoint, decimals)
    verdict = "相符" if good else "不符"
    return make_result(ctx, RULE, KIND, "pass" if good else "fail",
                       f"{name} {grid.text[r][c]} 与各部分之和 {expected} {verdict}",
                       expected=expected, stated=grid.text[r][c], quote=quote,
                       locations=[total_loc] + locations)


def _holds_in(grid: _Grid, total: tuple[int, int], rows: list[int]) -> bool:
    stated = grid.number(grid.text[total[0]][total[1]])
    summed = _sum_cells(grid, [(i, total[1]) for i in rows])
    return (stated is not None and summed is not None
            and holds(summed[0], grid.interval(stated[0], stated[1])))


def _unique(readings: list[list[int]]) -> list[list[int]]:
    seen: set[tuple[int, ...]] = set()
    out = []
    for rows in readings:
        key = tuple(rows)
        if rows and key not in seen:
            seen.add(key)
            out.append(rows)
    return out


def subtotal_readings(grid: _Grid, t: int, totals: list[int]) -> list[list[int]]:
    """The groups of rows the 小计 row ``t`` may sum, in order of preference:
    the group its numbering or indentation pins, else the rows since the
    previous total (or the header), the rows up to the next total, and any
    run of rows right beside it."""
    n_rows = grid.table.n_rows
    level = grid.level(t)
    if level is not None:
        rows = []
        for i in range(t + 1, n_rows):
            other = grid.level(i)
            if i in totals or (other is not None and other <= level):
                break
            rows.append(i)
        if rows:
            return [rows]
    own = grid.indent(t)
    if own is not None:
        def deeper(i: int) -> bool:
            ind = grid.indent(i)
            return i not in totals and ind is not None and ind[0] == own[0] and ind[1] > own[1]

        after: list[int] = []
        for i in range(t + 1, n_rows):
            if not deeper(i):
                break
            after.append(i)
        before: list[int] = []
        for i in range(t - 1, grid.header_rows - 1, -1):
            if not deeper(i):
                break
            before.insert(0, i)
        if after or before:
            return _unique([after, before])
    prev = max([i for i in totals if i < t], default=grid.header_rows - 1)
    nxt = min([i for i in totals if i > t], default=n_rows)
    closes = list(range(prev + 1, t))
    heads = list(range(t + 1, nxt))
    runs = [heads[:k] for k in range(1, len(heads))] + [closes[-k:] for k in range(1, len(closes))]
    return _unique([closes, heads] + runs)


def _part_rows(grid: _Grid, rows: list[int], totals: list[int]) -> tuple[set[int], set[int]]:
    """Rows that break down the row above them (a ``其中`` row and the
    unnumbered rows after it), and those rows above (their parents)."""
    parts: set[int] = set()
    parents: set[int] = set()
    i = 0
    while i < len(rows):
        r = rows[i]
        if grid.is_part_row(r) and i > 0 and rows[i - 1] not in totals:
            parents.add(rows[i - 1])
            while i < len(rows) and rows[i] not in totals and (
                    rows[i] == r or grid.level(rows[i]) is None and not grid.is_part_row(rows[i])
                    or rows[i] == r):
                parts.add(rows[i])
                i += 1
            continue
        i += 1
    # rows indented deeper than the row above them (人员经费 under 基本支出,
    # full-width or plain spaces before the label): its parts
    for k, r in enumerate(rows):
        own = grid.indent(r)
        if own is None or r in parts:
            continue
        below = []
        for q in rows[k + 1:]:
            ind = grid.indent(q)
            if q in totals or ind is None or ind[0] != own[0] or ind[1] <= own[1]:
                break
            below.append(q)
        if below:
            parents.add(r)
            parts.update(below)
    return parts, parents


def grand_total_readings(grid: _Grid, t: int, col: int, totals: list[int],
                         subtotals: list[int]) -> list[list[int]]:
    """The rows a 合计/总计 row ``t`` may sum in column ``col``: the top-level
    rows (小计 rows and rows in no 小计's group, without ``其中`` rows),
    the detail rows (no 小计 rows, no rows a ``其中`` row breaks down),
    every data row since the previous 合计 (or the header), and those rows
    with the previous 合计 itself (总计 = 本年收入合计 + 年初结转和结余).
    Where every 小计 in scope holds over its group, the top-level rows only
    (and the carried 合计)."""
    prev = max([i for i in totals if i < t and i not in subtotals], default=grid.header_rows - 1)
    scope = list(range(prev + 1, t))
    plain = [i for i in scope if i not in totals]
    covered: set[int] = set()
    grouped = [i for i in scope if i in subtotals]
    all_hold = bool(grouped)
    for s in grouped:
        readings = subtotal_readings(grid, s, totals)
        chosen = next((rows for rows in readings if _holds_in(grid, (s, col), rows)), None)
        all_hold = all_hold and chosen is not None
        covered.update(chosen if chosen is not None else readings[0] if readings else [])
    parts, parents = _part_rows(grid, plain, totals)
    top = [i for i in scope if (i in subtotals or i not in covered and i not in totals) and i not in parts]
    detail = [i for i in plain if i not in parents]
    # 总计 = 本年收入合计 + 年初结转和结余: the previous 合计 carried into the next
    # (numbered rows under an unnumbered one, 一、二、 under 年初结转和结余, break it down)
    carried = [[prev] + plain, [prev] + [i for i in plain if grid.level(i) is None]] \
        if prev >= grid.header_rows and plain else []
    if all_hold:
        # each 小计 holds over its group: the 合计 is the 小计 rows and the rows
        # in no group (the detail rows say the same, with a tolerance as wide
        # as their number: a 合计 0.05 off in 万元 would pass over 12 rows)
        return _unique([top] + carried)
    return _unique([top, detail, plain] + carried + code_level_readings(grid, plain, col))


def code_level_readings(grid: _Grid, rows: list[int], col: int) -> list[list[int]]:
    """The rows of each classification-code depth (all 类 rows; all 款 rows;
    all 项 rows) that classify column ``col``: in budget and final-accounts
    tables the 合计 is the sum of any one depth, since each level breaks
    down the one above."""
    columns = grid.code_columns(col)
    if not columns:
        return []
    depths: dict[int, list[int]] = {}
    for i in rows:
        d = grid.code_depth(i, columns)
        if d is not None:
            depths.setdefault(d, []).append(i)
    return [depths[d] for d in sorted(depths)] if len(depths) > 1 else []


def check_total_rows(ctx: CheckContext, grid: _Grid) -> list[CheckResult]:
    rules = grid.rules
    table = grid.table
    totals = [i for i in table.total_rows if i >= grid.header_rows]
    if not totals:
        return []
    subtotals = [t for t in totals if any(w in grid.label(t) for w in rules.subtotal_words)]
    # a form's 总分 row in a table that holds the form's funds block too (the whole
    # form read as one table): its columns are the indicator block's, not the
    # table's; the form's own sums (weight_sum, score_sum) judge it
    span = (table.location.line, table.location.end_line)
    form_totals = {c.location.line for f in ctx.report.forms
                   if any(span[0] <= r.location.line <= span[1] for r in f.funds) for c in f.total.values()}
    out: list[CheckResult] = []
    for t in totals:
        if any((loc := grid.location(t, j)) is not None and loc.line in form_totals for j in grid.value_cols):
            continue
        label = grid.label(t) or "合计"
        for j in grid.value_cols:
            if grid.number(grid.text[t][j]) is None:
                continue
            if t in subtotals:
                rows = subtotal_readings(grid, t, totals)
            else:
                rows = grand_total_readings(grid, t, j, totals, subtotals)
            if not rows:
                continue
            what = label if len(grid.value_cols) < 2 and not grid.columns[j] else f"{label}（{_squash(grid.columns[j])}）"
            res = _judge(ctx, grid, (t, j), [[(i, j) for i in r] for r in rows], what, ctx.quotes.row(table, t))
            if res is not None:
                out.append(res)
    return out


def check_part_groups(ctx: CheckContext, grid: _Grid) -> list[CheckResult]:
    """A row (no total row) and the ``其中`` rows under it that name the
    whole list (:func:`~extract.checks.relations.breakdowns.names_the_whole`:
    其中：当年财政拨款 / 上年结转资金 / 其他资金): the row is their sum in each
    value column. A 其中 group naming only some parts may be a selection."""
    table = grid.table
    if any(f.location.line <= table.location.line <= f.location.end_line for f in ctx.report.forms):
        return []  # a form's funds rows: checked by the form's arithmetic (funds_sum)
    totals = [i for i in table.total_rows if i >= grid.header_rows]
    rows = [i for i in grid.data_rows() if i not in totals]
    parts, parents = _part_rows(grid, rows, totals)
    prefixes = sorted(grid.rules.part_prefixes, key=len, reverse=True)
    out: list[CheckResult] = []
    for p in sorted(parents):
        group = [i for i in sorted(parts) if i > p and all(k in parts for k in range(p + 1, i + 1))]
        names = [_strip_prefix(grid.label(i), prefixes) for i in group]
        if len(group) < 2 or not names_the_whole(ctx.book.rules.breakdowns, names):
            continue
        label = grid.label(p)
        for j in grid.value_cols:
            if grid.number(grid.text[p][j]) is None or any(grid.number(grid.text[i][j]) is None for i in group):
                continue
            what = label if len(grid.value_cols) < 2 and not grid.columns[j] else f"{label}（{_squash(grid.columns[j])}）"
            res = _judge(ctx, grid, (p, j), [[(i, j) for i in group]], what, ctx.quotes.row(table, p))
            if res is not None:
                out.append(res)
    return out


def _strip_prefix(label: str, prefixes: list[str]) -> str:
    for w in prefixes:
        if label.startswith(w):
            return label[len(w):].lstrip("：:，, ")
    return label


def check_total_columns(ctx: CheckContext, grid: _Grid) -> list[CheckResult]:
    table = grid.table
    columns = grid.value_cols
    words = ctx.rules.tables.totals
    totals = [j for j in columns if _is_total_word(grid.columns[j], words)]
    out: list[CheckResult] = []
    for j in totals:
        right = [k for k in columns if k > j]
        nxt = [k for k in totals if k > j]
        parts = [k for k in right if not nxt or k < nxt[0]]
        if not parts:
            prev = [k for k in totals if k < j]
            parts = [k for k in columns if k < j and (not prev or k > prev[-1])]
        if len(parts) < 2:
            continue
        for i in grid.data_rows():
            if grid.number(grid.text[i][j]) is None:
                continue
            res = _judge(ctx, grid, (i, j), [[(i, k) for k in parts]],
                         f"第{i - grid.header_rows + 1}行 {_squash(grid.columns[j])}", ctx.quotes.row(table, i))
            if res is not None:
                out.append(res)
    return out


def check_table_totals(ctx: CheckContext) -> list[CheckResult]:
    """Total rows and total columns of every table of the report."""
    rules = ctx.book.rules.table_totals
    source = ctx.quotes.source.text if ctx.quotes.source is not None else None
    caption = re.compile(ctx.rules.tables.caption)
    funds = ctx.rules.tables.funds
    units = [re.compile(funds.caption_unit), re.compile(funds.header_unit)]
    out: list[CheckResult] = []
    for table in ctx.report.tables:
        grid = _Grid(table, rules, source, caption, units, table_grid(ctx, table, filled=False))
        if not grid.header_rows:
            continue
        out.extend(check_total_rows(ctx, grid))
        out.extend(check_part_groups(ctx, grid))
        out.extend(check_total_columns(ctx, grid))
    return out
