"""Relations within tables: the two years of a two-year table and what a
message calls a table or a cell.

:func:`table_changes` takes the report's tables and the rule book and
returns every data row of a two-year table (2022年决算数 | 2023年决算数 |
增减额 | 增减率, or 上年 | 本年) with its :class:`ChangeColumns` and its two
year figures: the growth pairs the growth and difference checks judge.
Found once per run (:class:`~extract.checks.relations.Relations`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple, Optional

from ...model import Location, Table
from ...structure.tables import header_label
from ..figures import cell_number
from ..screen import any_word

if TYPE_CHECKING:
    from ..rulebook import Rulebook


def table_name(table: Table) -> str:
    """How a message names a table: 表1, else its caption, else its id."""
    if table.number:
        return f"表{table.number}"
    return table.caption or table.id


class TableChange(NamedTuple):
    """A data row of a two-year table: the table, the row index, its cells,
    its columns and its two year figures (value, decimals)."""

    table: Table
    row_index: int
    row: list[str]
    columns: "ChangeColumns"
    previous: tuple[Decimal, int]
    current: tuple[Decimal, int]


@dataclass(frozen=True)
class ChangeColumns:
    """The columns of a two-year table: the earlier and later year, and
    where stated the change amount and the change rate."""

    previous: int
    current: int
    amount: Optional[int]
    rate: Optional[int]


def change_columns(book: "Rulebook", row: list[str], bare: bool = False) -> Optional[ChangeColumns]:
    """The :class:`ChangeColumns` of a header row (rules ``table_rates``):
    two year columns (2022年决算数 | 2023年决算数, or 上年 | 本年) and a
    change-amount or change-rate column after them; None if it is none.
    With ``bare``, a header of the two year columns alone (项目 | 上年数 |
    本年数) is one too, where the two name one figure of two years (上年数 /
    本年数; not 上年结转 / 本年收入)."""
    t = book.rules.table_rates
    joined = "".join(row)
    if any_word(t.growth_columns).search(joined) is None and any_word(t.amount_columns).search(joined) is None:
        return _year_columns(book, row) if bare else None  # (most rows: one search of each list, not a step per word)
    labels = [header_label(x) for x in row]
    rate = next((i for i, x in enumerate(labels) if any(w in x for w in t.growth_columns)), None)
    amount = next((i for i, x in enumerate(labels) if any(w in x for w in t.amount_columns)), None)
    if rate is None and amount is None:
        return _year_columns(book, row) if bare else None
    end = min(i for i in (rate, amount) if i is not None)
    years = [(int(m.group("year")), i) for i, x in enumerate(labels[:end])
             for m in [re.search(t.year_column, x)] if m]
    if len(years) >= 2:
        (y0, c0), (y1, c1) = sorted(years)[:1] + sorted(years)[-1:]
        if y0 == y1:
            return None
        return ChangeColumns(c0, c1, amount, rate)
    prev = next((i for i, x in enumerate(labels[:end]) if re.search(t.previous_columns, x)), None)
    cur = next((i for i, x in enumerate(labels[:end]) if i != prev and re.search(t.current_columns, x)), None)
    if prev is None or cur is None:
        return None
    return ChangeColumns(prev, cur, amount, rate)


def _year_columns(book: "Rulebook", row: list[str]) -> Optional[ChangeColumns]:
    """The two year columns of a header row with no change column: two
    stated years, or a column of the year before and one of this year
    whose labels are one name without their period words (上年数 | 本年数,
    上年决算 | 本年决算)."""
    t = book.rules.table_rates
    labels = [header_label(x) for x in row]
    years = [(int(m.group("year")), i) for i, x in enumerate(labels) for m in [re.search(t.year_column, x)] if m]
    if len(years) == 2 and years[0][0] != years[1][0]:
        (_, c0), (_, c1) = sorted(years)
        return ChangeColumns(c0, c1, None, None)
    prev = [i for i, x in enumerate(labels) if re.search(t.previous_columns, x)]
    cur = [i for i, x in enumerate(labels) if i not in prev and re.search(t.current_columns, x)]
    if len(prev) != 1 or len(cur) != 1:
        return None
    rest = [re.sub(t.current_columns, "", re.sub(t.previous_columns, "", labels[i])) for i in (prev[0], cur[0])]
    return ChangeColumns(prev[0], cur[0], None, None) if rest[0] == rest[1] else None


def two_year_rows(tables: list[Table], book: "Rulebook") -> list[TableChange]:
    """Every data row of a two-year table, with or without a change column
    (:func:`change_columns` ``bare``), whose two year cells are numbers."""
    return table_changes(tables, book, bare=True)


def change_cell(text: str) -> Optional[tuple[Decimal, int]]:
    """A two-year table's cell as (value, decimals), a percent sign dropped."""
    return cell_number("".join(text.split()).replace("%", "").replace("％", "").replace("−", "-"))


def cell_location(table: Table, row: int, col: int) -> Location:
    """Where a table cell stands (the table's location if the cell has none)."""
    cell = table.cell(row, col)
    return cell.location if cell is not None and cell.location is not None else table.location


def table_changes(tables: list[Table], book: "Rulebook", bare: bool = False) -> list[TableChange]:
    """Every data row of a two-year table with its columns, for rows whose
    two year cells are numbers (with ``bare``, of tables with no change
    column too: :func:`two_year_rows`)."""
    out: list[TableChange] = []
    for table in tables:
        grid = table.grid(filled=False)
        cols: Optional[ChangeColumns] = None
        for r, row in enumerate(grid):
            found = change_columns(book, row, bare)
            if found is not None:
                cols = found
                continue
            if cols is None or max(cols.previous, cols.current) >= len(row):
                continue
            a, b = change_cell(row[cols.previous]), change_cell(row[cols.current])
            if a is None or b is None:
                continue
            out.append(TableChange(table, r, row, cols, a, b))
    return out
