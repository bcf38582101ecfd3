"""The output contract: pydantic v2 models for everything `extract` produces.

Every stage takes and returns these plain models (or the small internal types
in :mod:`extract.span`), so a stage can be run and tested alone. Amounts are
``Decimal`` built from the text, never floats; in JSON they are strings.
Every extracted item carries a :class:`Location` back into the source.

Breaking changes to these models bump :data:`SCHEMA_VERSION`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "1.1"  # 1.1: a passed or skipped check has a null severity


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Location(Model):
    """Where an item stands in the source.

    ``line``/``end_line`` are 1-based lines of the source text (for PDF, DOCX
    and HTML: of the text the loader laid out); ``start``/``end`` are character
    offsets into that text (end exclusive). ``page`` and ``bbox`` (x0, top, x1,
    bottom in PDF points) are set for PDFs; ``cell`` for items read from a table
    cell (table id, row, column, 0-based).
    """

    line: int = Field(ge=1)
    end_line: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: Optional[int] = None
    bbox: Optional[tuple[float, float, float, float]] = None
    cell: Optional[tuple[str, int, int]] = None


class Source(Model):
    path: str
    sha256: str
    format: Literal["text", "pdf", "docx", "html", "xlsx", "xls"] = "text"
    encoding: Optional[str] = None
    lines: int = 0
    pages: Optional[int] = None
    # what the loader noticed and the reader should know (hidden sheets,
    # formulas without a computed value)
    notes: list[str] = Field(default_factory=list)


UnitClass = Literal[
    "money", "percent", "count", "organisation", "item", "person", "event",
    "area", "date", "duration", "score", "other", "none",
]

Operator = Literal[">=", ">", "<=", "<", "=", "range"]


class Quantity(Model):
    """A number as stated, with its unit, and its exact normalized value.

    ``value`` is the stated number (``6159.9`` of ``6159.9万元``), ``unit`` the
    stated unit (``万元``); ``normalized_value``/``normalized_unit`` the value in
    the unit's base (``61599000``, ``元``). ``precision`` is the number of
    decimals stated, counted in the stated unit (``6159.90`` -> 2, ``500`` -> 0).
    ``qualifier`` is a word that loosens or frames the figure (超, 逾, 近, 约,
    累计, 以上, 以下, 多, 余). ``operator`` is set where the text states a
    comparison (``≥6 项``, ``不低于 90%``, ``500 项以上``); ``upper`` holds the
    high end of a range. Dates carry ``date`` as ISO text (``2024-04-01``).
    """

    text: str
    value: Decimal
    unit: str = ""
    unit_class: UnitClass = "none"
    normalized_value: Decimal
    normalized_unit: str = ""
    precision: int = 0
    qualifier: Optional[str] = None
    operator: Optional[Operator] = None
    upper: Optional[Decimal] = None
    date: Optional[str] = None
    deadline: bool = False
    location: Location


class Enumeration(Model):
    """One item of an inline enumeration (一是…二是…) in a paragraph."""

    marker: str
    ordinal: int
    text: str
    paragraph: int = 0
    location: Location


class Section(Model):
    """A node of the section tree, stored flat: ``parent`` names the parent id.

    ``marker`` is the heading marker as written (``一、``, ``(一)``, ``1.``,
    ``(1)``, ``①``); ``style`` its family (``cn``, ``paren_cn``, ``arabic``,
    ``paren_arabic``, ``circled``, ``part``); ``ordinal`` its number;
    ``level`` its depth from nesting context (1 = top). ``title`` is the
    heading text; ``body`` the text of the section's own paragraphs (not its
    children's). ``run_in`` is true where title and body share a paragraph.
    """

    id: str
    parent: Optional[str] = None
    level: int = Field(ge=1)
    marker: str
    style: str
    ordinal: int
    title: str
    run_in: bool = False
    body: str = ""
    enumerations: list[Enumeration] = Field(default_factory=list)
    location: Location


class Cell(Model):
    """A table cell. ``text`` as stated (wrapped text joined back);
    ``filled_from`` gives the row of the cell whose text fills this merged
    (blank) cell in the data view, ``rowspan``/``colspan`` the span of an
    anchor cell."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    filled_from: Optional[int] = None
    location: Optional[Location] = None


class Table(Model):
    id: str
    number: Optional[str] = None
    caption: Optional[str] = None
    section: Optional[str] = None
    header_rows: int = 0
    columns: list[str] = Field(default_factory=list)
    n_rows: int = 0
    n_cols: int = 0
    cells: list[Cell] = Field(default_factory=list)
    total_rows: list[int] = Field(default_factory=list)
    location: Location

    def cell(self, row: int, col: int) -> Optional[Cell]:
        for c in self.cells:
            if c.row == row and c.col == col:
                return c
        return None

    def grid(self, filled: bool = True) -> list[list[str]]:
        """Rows of cell texts; with ``filled``, merged blank cells carry the
        text of the cell they are filled from."""
        g = [["" for _ in range(self.n_cols)] for _ in range(self.n_rows)]
        for c in self.cells:
            if c.row < self.n_rows and c.col < self.n_cols:
                g[c.row][c.col] = c.text
        if filled:
            for c in self.cells:
                if c.filled_from is not None:
                    g[c.row][c.col] = g[c.filled_from][c.col]
        return g


class Claim(Model):
    """A quantity tied to the metric it states (``部门总支出 6,239.85 万元``)."""

    metric: str
    metric_text: str
    value: Decimal
    unit: str
    normalized_value: Decimal
    normalized_unit: str
    unit_class: UnitClass = "none"
    precision: int = 0
    qualifier: Optional[str] = None
    operator: Optional[Operator] = None
    year: Optional[int] = None
    section: Optional[str] = None
    origin: Literal["text", "table"] = "text"
    sentence: str = ""
    quantity: Quantity
    location: Location


class FundRow(Model):
    number: Optional[str] = None
    name: str
    amount: Quantity
    table: str
    row: int
    location: Location


class Target(Model):
    """An indicator's target: operator + value + unit, or a text target
    (``按时完成``). ``inferred_operator`` is true where the table gave a bare
    value and the operator came from rules/indicators.yaml."""

    text: str
    operator: Optional[Operator] = None
    inferred_operator: bool = False
    quantity: Optional[Quantity] = None


class Indicator(Model):
    level1: Optional[str] = None
    level2: Optional[str] = None
    name: str
    target: Target
    actual_text: str = ""
    actual: Optional[Quantity] = None
    # True met, False missed, None not known (never a guess)
    met: Optional[bool] = None
    weight: Optional[Decimal] = None
    score: Optional[Decimal] = None
    deviation_reason: Optional[str] = None
    table: str
    row: int
    location: Location

    @field_validator("met", mode="before")
    @classmethod
    def _met_of_schema_1(cls, value):
        """Schema 1.x wrote ``met`` as "true"/"false"/"unknown"."""
        return {"true": True, "false": False, "unknown": None}.get(value, value) if isinstance(value, str) else value


class BudgetFigure(Model):
    quantity: Quantity
    source: Literal["text", "table"] = "text"
    sentence: str = ""
    location: Location


class Budget(Model):
    initial: Optional[BudgetFigure] = None
    adjusted: Optional[BudgetFigure] = None
    executed: Optional[BudgetFigure] = None
    rate: Optional[BudgetFigure] = None
    balance: Optional[BudgetFigure] = None


DocumentType = Literal[
    "department_self_evaluation", "project_self_evaluation", "self_evaluation_form",
    "final_accounts", "budget", "other",
]
"""What a document is, decided before it is checked (rules/document_types.yaml):
``department_self_evaluation`` 部门整体支出绩效自评报告; ``project_self_evaluation``
项目支出绩效自评报告; ``self_evaluation_form`` a 绩效自评表 standing alone;
``final_accounts`` 部门决算; ``budget`` 部门预算; ``other`` none of these (not a
budget-performance document: not checked). ``meta.document_type`` is None for a
text of the genre whose words tell no type (an excerpt without its title):
every check runs on it."""


class Meta(Model):
    """What the report says about itself. ``document_type`` is what the
    document is (:data:`DocumentType`); ``report_type`` the kind of spending
    a self-evaluation evaluates (部门整体支出 / 项目支出)."""

    document_type: Optional[DocumentType] = None
    title: Optional[str] = None
    department: Optional[str] = None
    year: Optional[int] = None
    report_type: Optional[Literal["部门整体支出", "项目支出"]] = None
    project_name: Optional[str] = None
    self_score: Optional[Decimal] = None
    grade: Optional[str] = None
    locations: dict[str, Location] = Field(default_factory=dict)


class FormCell(Model):
    """One cell of a national form as stated: its text, the number it holds
    (``"1,260.00"`` -> 1260.00, ``"94.69%"`` -> 94.69; None for text or a
    dash), the decimals stated and where it stands."""

    text: str
    value: Optional[Decimal] = None
    precision: int = 0
    percent: bool = False
    location: Location


class FormRow(Model):
    """A row of a form: a funds row (``role`` total, current, carryover,
    other, basic, project; cells by column: initial 年初预算数, adjusted
    全年预算数, executed 全年执行数, weight 分值, rate 执行率, score 得分) or an
    indicator row (cells: level1, level2, name, target, actual, weight,
    score, deviation)."""

    kind: Literal["funds", "indicator"]
    label: str
    role: Optional[str] = None
    cells: dict[str, FormCell] = Field(default_factory=dict)
    location: Location


class Form(Model):
    """A national self-evaluation form (项目支出绩效自评表, 部门整体支出绩效自评表)
    read as a record, whatever its layout (``tab``, ``pipe``, ``space``,
    ``cell_per_line``, ``label_value``): identity (project_name,
    department, unit), the funds block, 年度总体目标 (expected, actual),
    the indicator rows, the total (weight 总分值, score 总分) and the
    scoring note the form states. ``indicators`` of the report built from
    a form name it in ``Indicator.table`` (``form1``)."""

    id: str
    kind: Literal["project", "department"] = "project"
    layout: str
    identity: dict[str, FormCell] = Field(default_factory=dict)
    funds: list[FormRow] = Field(default_factory=list)
    goals: dict[str, FormCell] = Field(default_factory=dict)
    indicators: list[FormRow] = Field(default_factory=list)
    total: dict[str, FormCell] = Field(default_factory=dict)
    note: Optional[FormCell] = None
    location: Location


class CheckResult(Model):
    """One check's outcome. ``severity`` is the weight of a failure
    (error, warning, info); a passed or skipped check has none (null)."""

    rule: str
    kind: str
    severity: Optional[Literal["error", "warning", "info"]] = None
    status: Literal["pass", "fail", "skipped"]
    message: str
    expected: Optional[str] = None
    stated: Optional[str] = None
    quote: Optional[str] = None
    locations: list[Location] = Field(default_factory=list)


class Report(Model):
    schema_version: str = SCHEMA_VERSION
    source: Source
    # sha256 of the rule files that made this report (RuleSet.digest)
    rule_set: Optional[str] = None
    meta: Meta
    sections: list[Section] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    budget: Budget = Field(default_factory=Budget)
    funds: list[FundRow] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    forms: list[Form] = Field(default_factory=list)
    checks: list[CheckResult] = Field(default_factory=list)
