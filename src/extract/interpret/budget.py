"""Budget execution figures: 年初预算, 调整后预算, 实际支出/执行数, 支出率/执行率, 结余.

Given the text claims (with their clauses) and the tables, returns a
:class:`~extract.model.Budget`. From text, the first figure in document order
whose clause matches a role's words (rules/metrics.yaml ``budget``; none of its
``not_words``: 上年实际支出 is the year before's) and whose
unit class fits takes the role. From a table, the standard 项目支出绩效自评表
columns (年初预算数 / 全年预算数 / 全年执行数 / 执行率) on the 年度资金总额 row.
Text figures are preferred; a table fills the roles the text left open.
"""

from __future__ import annotations

import re
from typing import Optional

from ..claims import ClauseClaim
from ..rulefiles.metrics import MetricRules
from ..model import Budget, BudgetFigure, Table
from ..quantities import find_quantities
from ..ruleset import RuleSet, RulesLike
from ..structure.tables import header_label

ROLES = ("initial", "adjusted", "executed", "rate", "balance")


def budget_from_text(claims: list[ClauseClaim], rules: MetricRules) -> Budget:
    budget = Budget()
    patterns = {role: re.compile(r.metric) for role, r in rules.budget.items()}
    not_before = {role: re.compile(r.not_before) for role, r in rules.budget.items() if r.not_before}
    not_words = {role: re.compile(r.not_words) for role, r in rules.budget.items() if r.not_words}
    for cc in claims:
        c = cc.claim
        for role in ROLES:
            if role not in patterns or getattr(budget, role) is not None:
                continue
            if c.unit_class != rules.budget[role].unit_class:
                continue
            if role in not_before and not_before[role].search(_before(c)):
                continue
            if role in not_words and not_words[role].search(cc.clause):
                continue
            if patterns[role].search(cc.clause):
                setattr(budget, role, BudgetFigure(quantity=c.quantity, source="text",
                                                   sentence=c.sentence, location=c.location))
                break
    return budget


def _before(claim) -> str:
    """The words of ``claim``'s sentence before its figure."""
    at = claim.sentence.find(claim.text) if claim.sentence else -1
    return claim.sentence[:at] if at >= 0 else claim.metric_text


_MONEY_UNIT = re.compile(r"(万元|亿元|千元|元)")


def _table_unit(table: Table, header: list[str], default: str) -> str:
    """The money unit a budget table states: in its header row first
    ("项目资金（万元）", "年度预算数(万元)"), then its caption or any cell
    saying "单位：元" or "(万元)", then its unit line (:attr:`Table.unit`);
    else ``default``."""
    for texts in (header, [table.caption or ""] + [c.text for c in table.cells]):
        for t in texts:
            m = _MONEY_UNIT.search(t)
            if m and ("单位" in t or "(" in t or "（" in t):
                return m.group(1)
    return table.unit or default


def budget_header_columns(row: list[str], rules: MetricRules) -> dict[str, int]:
    """``{role: column}`` of a header row of the 自评表 budget part: a cell
    whose label (no spaces, no parenthesis: "全年(调整)预算数" ->
    "全年预算数", "执行率(%)" -> "执行率") is one of a role's labels."""
    cols: dict[str, int] = {}
    for c, text in enumerate(row):
        key = header_label(text)
        for role, labels in rules.budget_columns.items():
            if role not in cols and key in labels:
                cols[role] = c
                break
    return cols


def budget_from_tables(tables: list[Table], ruleset: RuleSet) -> Budget:
    rules = ruleset.metrics
    budget = Budget()
    for table in tables:
        grid = table.grid()
        for r, row in enumerate(grid):
            cols = budget_header_columns(row, rules)
            if len(cols) < 2:
                continue
            unit = _table_unit(table, row, rules.budget_table_default_unit)
            # The row right under the header holds the figures when no row
            # is labelled as the total; in a table with total rows the first
            # row is one of its parts (a project of a 项目支出 table).
            first_is_total = not table.total_rows
            for r2 in range(r + 1, len(grid)):
                label = "".join(grid[r2])
                if not any(lb in label for lb in rules.budget_rows) and not (first_is_total and r2 == r + 1):
                    continue
                for role, c in cols.items():
                    if getattr(budget, role) is not None or c >= len(grid[r2]):
                        continue
                    cell_text = grid[r2][c]
                    qs = find_quantities(cell_text, ruleset)
                    if not qs:
                        continue
                    q = qs[0]
                    if role != "rate" and not q.unit:
                        qs = find_quantities(cell_text + unit, ruleset)
                        q = qs[0] if qs else q
                    cell = table.cell(r2, c)
                    loc = cell.location if cell and cell.location else table.location
                    setattr(budget, role, BudgetFigure(quantity=q.to_quantity(loc), source="table",
                                                       sentence=cell_text, location=loc))
                if any(getattr(budget, role) is not None for role in cols):
                    return budget
    return budget


def extract_budget(claims: list[ClauseClaim], tables: list[Table], rules: RulesLike = None) -> Budget:
    """The budget figures of a report: from its text claims first, then
    from its tables for the roles the text left open."""
    rs = RuleSet.of(rules)
    text = budget_from_text(claims, rs.metrics)
    table = budget_from_tables(tables, rs)
    for role in ROLES:
        if getattr(text, role) is None and getattr(table, role) is not None:
            setattr(text, role, getattr(table, role))
    return text
