"""Table totals: every 合计/总计/小计 row and column against its parts.

:func:`check_table_totals` takes the check context and returns one
CheckResult per total cell checked. A 合计/总计 row is the sum of every
data row of its table; a 小计 row the sum of the data rows since the total
row before it (or, when it heads its group, until the next one). A column
headed 合计/小计 is the sum of the value columns it heads (those to its
right up to the next total column; if none, those to its left). Columns of
rates, ranks and serial numbers (rules ``skip_columns``) are never summed. A
cell holding anything but a number (text, a unit, an operator) makes the
column unsummable: skipped, not guessed.
"""

from __future__ import annotations

from typing import Optional

from ..model import Cell, CheckResult, Location, Table
from .context import CheckContext, make_result
from .figures import cell_number, is_empty_cell, show
from .tolerance import Interval, holds, stated_interval, sum_interval

RULE = "table_totals"
KIND = "table_totals"


def table_name(table: Table) -> str:
    """How a message names a table: 表1, else its caption, else its id."""
    if table.number:
        return f"表{table.number}"
    return table.caption or table.id


def _squash(text: str) -> str:
    return "".join(text.split())


class _Grid:
    """A table's raw cell texts and locations by (row, column)."""

    def __init__(self, table: Table):
        self.table = table
        self.text = table.grid(filled=False)
        self.cells: dict[tuple[int, int], Cell] = {(c.row, c.col): c for c in table.cells}

    def location(self, row: int, col: int) -> Optional[Location]:
        c = self.cells.get((row, col))
        return c.location if c is not None else None



def _is_total_word(text: str, words: list[str]) -> bool:
    t = _squash(text)
    return any(t == w or t.startswith(w) for w in words)


def _summable_column(label: str, skip: list[str]) -> bool:
    t = _squash(label)
    return not any(w in t for w in skip)


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
        n = cell_number(text)
        if n is None:
            return None
        parts.append(stated_interval(n[0], n[1]))
        decimals = max(decimals, n[1])
        loc = grid.location(r, c)
        if loc is not None:
            locations.append(loc)
    if not parts:
        return None
    return sum_interval(parts), decimals, locations


def _judge(ctx: CheckContext, grid: _Grid, total: tuple[int, int], parts: list[tuple[int, int]],
           what: str, quote: Optional[str]) -> Optional[CheckResult]:
    """Compare the total cell with the sum of the part cells."""
    r, c = total
    stated = cell_number(grid.text[r][c])
    if stated is None:
        return None
    name = f"{table_name(grid.table)} {what}"
    total_loc = grid.location(r, c) or grid.table.location
    summed = _sum_cells(grid, parts)
    if summed is None:
        return make_result(ctx, RULE, KIND, "skipped",
                           f"{name} {grid.text[r][c]}：各部分中有非数字单元格或全为空，无法求和",
                           stated=grid.text[r][c], quote=quote, locations=[total_loc])
    interval, decimals, locations = summed
    decimals = max(decimals, stated[1])
    expected = show(interval.midpoint, decimals)
    ok = holds(interval, stated_interval(stated[0], stated[1]))
    verdict = "相符" if ok else "不符"
    return make_result(ctx, RULE, KIND, "pass" if ok else "fail",
                       f"{name} {grid.text[r][c]} 与各部分之和 {expected} {verdict}",
                       expected=expected, stated=grid.text[r][c], quote=quote,
                       locations=[total_loc] + locations)


def _row_groups(grid: _Grid, total_rows: list[int], subtotal_words: list[str],
                label_cols: list[int]) -> dict[int, list[int]]:
    """For each total row, the rows whose sum it states."""
    table = grid.table
    data = [i for i in range(table.header_rows, table.n_rows) if i not in total_rows]
    groups: dict[int, list[int]] = {}
    for t in total_rows:
        label = "".join(grid.text[t][c] for c in label_cols)
        if not any(w in _squash(label) for w in subtotal_words):
            groups[t] = data
            continue
        before = [i for i in total_rows if i < t]
        after = [i for i in total_rows if i > t]
        lo = before[-1] if before else table.header_rows - 1
        rows = [i for i in data if lo < i < t]
        if not rows:
            hi = after[0] if after else table.n_rows
            rows = [i for i in data if t < i < hi]
        groups[t] = rows
    return groups


def _value_columns(grid: _Grid, skip: list[str]) -> list[int]:
    table = grid.table
    return [j for j in range(table.n_cols)
            if j < len(table.columns) and _summable_column(table.columns[j], skip)]


def check_total_rows(ctx: CheckContext, grid: _Grid) -> list[CheckResult]:
    rules = ctx.book.rules.table_totals
    table = grid.table
    if not table.total_rows:
        return []
    columns = _value_columns(grid, rules.skip_columns)
    label_cols = [j for j in range(table.n_cols) if j not in columns or cell_number(
        grid.text[table.total_rows[0]][j]) is None]
    out: list[CheckResult] = []
    for t, rows in _row_groups(grid, table.total_rows, rules.subtotal_words, label_cols).items():
        label = "".join(_squash(grid.text[t][c]) for c in label_cols) or "合计"
        for j in columns:
            if cell_number(grid.text[t][j]) is None or not rows:
                continue
            what = label if len(table.columns) < 2 else f"{label}（{_squash(table.columns[j])}）"
            res = _judge(ctx, grid, (t, j), [(i, j) for i in rows], what, ctx.quotes.row(table, t))
            if res is not None:
                out.append(res)
    return out


def check_total_columns(ctx: CheckContext, grid: _Grid) -> list[CheckResult]:
    rules = ctx.book.rules.table_totals
    table = grid.table
    columns = _value_columns(grid, rules.skip_columns)
    words = ctx.rules.tables.totals
    totals = [j for j in columns if _is_total_word(table.columns[j], words)]
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
        for i in range(table.header_rows, table.n_rows):
            if cell_number(grid.text[i][j]) is None:
                continue
            res = _judge(ctx, grid, (i, j), [(i, k) for k in parts],
                         f"第{i - table.header_rows + 1}行 {_squash(table.columns[j])}", ctx.quotes.row(table, i))
            if res is not None:
                out.append(res)
    return out


def check_table_totals(ctx: CheckContext) -> list[CheckResult]:
    """Total rows and total columns of every table of the report."""
    out: list[CheckResult] = []
    for table in ctx.report.tables:
        if not table.header_rows:
            continue
        grid = _Grid(table)
        out.extend(check_total_rows(ctx, grid))
        out.extend(check_total_columns(ctx, grid))
    return out

