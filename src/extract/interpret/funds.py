"""Fund rows from fund tables (专项资金支出情况 and the like).

A table is a fund table when its header names a name column (专项名称,
项目名称 …) and an amount column (资金支出情况(万元), 金额, 执行数 …); the
vocabulary is the ``funds`` section of ``rules/tables.yaml``. Each data row
with a name and an amount, total rows (合计/小计) excepted, becomes a
:class:`~extract.model.FundRow` whose amount is an exact
:class:`~extract.model.Quantity`. A bare number takes the money unit stated
in the amount column's header ("(万元)"), else the table's (a "单位：万元"
line above it or its caption: :attr:`~extract.model.Table.unit`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from ..model import FundRow, Location, Quantity, Table
from ..quantities import QuantityMatch, find_quantities
from ..ruleset import RuleSet, RulesLike
from ..rulefiles.tables import TableRules
from ..structure.tables import column_unit, header_label


@dataclass(frozen=True)
class FundColumns:
    """Where a fund table keeps its figures: column indices and the money
    unit of its amount column ("" when the table does not say)."""

    name: int
    amount: int
    number: Optional[int]
    unit: str


def _first_match(labels: Sequence[str], wanted: Sequence[str],
                 prefixes: Sequence[str] = ()) -> Optional[int]:
    """Index of the label matching the earliest entry of ``wanted`` (whole
    label), else of ``prefixes`` (label beginning); None if none does."""
    keys = [header_label(t) for t in labels]
    for w in wanted:
        if w in keys:
            return keys.index(w)
    for p in prefixes:
        for j, k in enumerate(keys):
            if k.startswith(p):
                return j
    return None


def table_unit(table: Table, amount_col: int, rules: TableRules) -> str:
    """The money unit of ``amount_col``: from its header ("(万元)"), else
    the table's (its unit line or caption, :func:`column_unit`), else any
    header cell saying "单位：万元"; "" if none."""
    unit = column_unit(table, amount_col, rules)
    if unit:
        return unit
    for text in list(table.columns) + [table.caption or ""]:
        m = re.search(rules.funds.caption_unit, text)
        if m:
            return m.group("unit")
    return ""


def fund_columns(table: Table, tables: TableRules) -> Optional[FundColumns]:
    """The columns of a fund table, or None if ``table`` is not one."""
    if not table.header_rows or not table.columns:
        return None
    rules = tables.funds
    name = _first_match(table.columns, rules.name_labels)
    amount = _first_match(table.columns, rules.amount_labels, rules.amount_label_prefixes)
    if name is None or amount is None or name == amount:
        return None
    number = _first_match(table.columns, rules.number_labels)
    return FundColumns(name, amount, number, table_unit(table, amount, tables))


_BARE_NUMBER = re.compile(r"[-+−]?[\d,，]*\d(?:\.\d+)?")


def _pick(matches: Sequence[QuantityMatch]) -> Optional[QuantityMatch]:
    """The first money quantity, else the first quantity."""
    for m in matches:
        if m.unit_class == "money":
            return m
    return matches[0] if matches else None


def amount_quantity(text: str, unit: str, location: Location, rules: RulesLike = None) -> Optional[Quantity]:
    """An amount cell as a Quantity: ``"1752.99"`` with unit ``"万元"`` ->
    1752.99 万元 (17529900 元); a cell that states its own unit keeps it.
    None when the cell holds no number ("", "-", "—")."""
    match = _pick(find_quantities(text, rules))
    if match is None:
        return None
    if not match.unit and unit and _BARE_NUMBER.fullmatch(match.text.strip()):
        with_unit = _pick(find_quantities(match.text.strip() + unit, rules))
        if with_unit is not None and with_unit.unit:
            return with_unit.to_quantity(location).model_copy(update={"text": match.text})
    return match.to_quantity(location)


def table_fund_rows(table: Table, cols: FundColumns, rules: RulesLike = None) -> list[FundRow]:
    """A FundRow per data row of ``table`` with a name and an amount,
    total rows excepted."""
    grid = table.grid(filled=True)
    cells = {(c.row, c.col): c for c in table.cells}
    out = []
    for i in range(table.header_rows, table.n_rows):
        if i in table.total_rows:
            continue
        name = grid[i][cols.name]
        amount_cell = cells.get((i, cols.amount))
        if not name or amount_cell is None or not amount_cell.text or amount_cell.location is None:
            continue
        amount = amount_quantity(amount_cell.text, cols.unit, amount_cell.location, rules)
        if amount is None:
            continue
        name_cell = cells.get((i, cols.name))
        location = (name_cell.location if name_cell is not None and name_cell.location
                    else amount_cell.location)
        number = grid[i][cols.number] if cols.number is not None else None
        out.append(FundRow(number=number or None, name=name, amount=amount,
                           table=table.id, row=i, location=location))
    return out


def extract_funds(tables: list[Table], rules: RulesLike = None) -> list[FundRow]:
    """Fund rows of every fund table in ``tables``, in table order.
    ``rules``: a RuleSet, a rule folder, or None for the default."""
    rs = RuleSet.of(rules)
    out: list[FundRow] = []
    for table in tables:
        cols = fund_columns(table, rs.tables)
        if cols is not None:
            out.extend(table_fund_rows(table, cols, rs))
    return out
