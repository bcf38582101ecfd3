"""The output contract: pydantic v2 models for everything `extract` produces.

Every stage takes and returns these plain models (or the small internal types
in :mod:`extract.span`), so a stage can be run and tested alone. Amounts are
``Decimal`` built from the text, never floats; in JSON they are strings.
Every extracted item carries a :class:`Location` back into the source.

Breaking changes to these models bump :data:`SCHEMA_VERSION`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal, Optional

from pydantic import (
    BaseModel, ConfigDict, Field, PrivateAttr, SerializationInfo, field_validator, model_serializer,
    model_validator,
)

# 1.1: a passed or skipped check has a null severity; 2.0 (issue 18): met a
# boolean, the lean JSON, claims without a nested quantity (README "Schema 2.0")
SCHEMA_VERSION = "2.0"


# The default factories of the list and dict fields. Not ``list`` and
# ``dict`` themselves: pydantic reads a factory's signature as it builds a
# model, and a builtin's only through inspect's parser of its text
# signature (tokenize and ast, 0.15 ms a field; issue 22's cold start).
def _new_list() -> list:
    return []


def _new_dict() -> dict:
    return {}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # fields the lean JSON keeps even at their default (see LEAN)
    _always: ClassVar[tuple[str, ...]] = ()


LEAN = {"exclude_defaults": True}
"""Keyword arguments of ``model_dump``/``model_dump_json`` for the lean JSON
form (schema 2): a field at its default is left out, except the fields a
model names in ``_always``; a location's ``end_line`` equal to its ``line``
is left out; a claim's ``sentence`` equal to the previous claim's is left
out. Reading the JSON back through :class:`Report` restores every field."""


def _lean_schema(schema: dict, optional: tuple[str, ...] = (), spans: dict[str, str] = {}) -> dict:
    """A model's JSON Schema that also takes its lean JSON: the fields in
    ``optional`` need not be there, and each ``spans`` key ([start, end],
    standing for the field it names) may be given instead of that field."""
    schema["required"] = [n for n in schema.get("required", ()) if n not in optional and n not in spans.values()]
    for span, field in spans.items():
        schema["properties"][span] = {
            "type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2,
            "description": f"lean JSON: ``{field}`` as [start, end] code-point offsets into the section body"}
    return schema


def _keep_always(data: dict, model: BaseModel, info: SerializationInfo) -> dict:
    """``data`` (a lean dump of ``model``) with the fields named in the
    model's ``_always`` put back where the lean form left them out."""
    if info.exclude_defaults and _put_back_always(data, model, info):
        data = _in_field_order(data, model)
    return data


def _put_back_always(data: dict, model: BaseModel, info: SerializationInfo) -> bool:
    """The fields of the model's ``_always`` the lean ``data`` left out put
    back (at its end); whether there were any."""
    added = False
    for name in model._always:
        if name not in data:
            value = getattr(model, name)
            data[name] = (value.model_dump(mode=info.mode, exclude_defaults=True)
                          if isinstance(value, BaseModel) else value)
            added = True
    return added


def _in_field_order(data: dict, model: BaseModel) -> dict:
    """``data``'s keys in the order of the model's fields (pydantic dumps
    them so; a key put back at the end goes to its place)."""
    cls = type(model)
    names = _FIELD_NAMES.get(cls)
    if names is None:  # (``model_fields`` is a property of the class, looked up through a descriptor each time)
        names = _FIELD_NAMES[cls] = tuple(cls.model_fields)
    return {name: data[name] for name in names if name in data}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


_new = object.__new__
_set = object.__setattr__


def as_validated(cls: type[BaseModel], fields: dict, private: Optional[dict] = None) -> BaseModel:
    """The model of ``cls`` that ``cls(**fields)`` validates, for ``fields``
    naming every field in the class's order with values its validation
    passes as they are (exact types, within bounds): made as pydantic's
    ``model_construct`` makes a model, at a fraction of either's cost, for
    the items every figure and cell makes (``private``: its private
    attributes, None for a model without). A caller tests what it cannot
    know and otherwise calls ``cls(...)``."""
    model = _new(cls)
    _set(model, "__dict__", fields)
    _set(model, "__pydantic_fields_set__", set(fields))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", private)
    return model


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

    @model_validator(mode="before")
    @classmethod
    def _end_line_of_lean_json(cls, data):
        """The lean JSON leaves out an ``end_line`` equal to ``line``."""
        if isinstance(data, dict) and "end_line" not in data and "line" in data:
            data = {**data, "end_line": data["line"]}
        return data

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        return _lean_schema(handler.resolve_ref_schema(handler(core_schema)), optional=("end_line",))

    @model_serializer(mode="wrap")
    def _lean(self, handler, info: SerializationInfo):
        data = handler(self)
        if info.exclude_defaults and data.get("end_line") == self.line:
            del data["end_line"]
        return data

    def __eq__(self, other: object) -> bool:
        # Two locations are compared in the checks' inner loops (one figure
        # or two?). A Location holds its fields and nothing else (no private
        # attributes, no extras), so BaseModel's test is its fields' dict,
        # compared here without the rest of that test.
        if type(other) is Location:
            return self.__dict__ == other.__dict__
        return super().__eq__(other)


class Source(Model):
    path: str
    sha256: str
    format: Literal["text", "pdf", "docx", "html", "xlsx", "xls"] = "text"
    encoding: Optional[str] = None
    lines: int = 0
    pages: Optional[int] = None
    # what the loader noticed and the reader should know (hidden sheets,
    # formulas without a computed value)
    notes: list[str] = Field(default_factory=_new_list)


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

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        return _lean_schema(handler.resolve_ref_schema(handler(core_schema)), spans={"body_span": "text"})


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
    enumerations: list[Enumeration] = Field(default_factory=_new_list)
    location: Location

    @model_validator(mode="before")
    @classmethod
    def _enumerations_of_lean_json(cls, data):
        """The lean JSON gives an enumeration item's ``text`` as ``body_span``
        [start, end]: code-point offsets into the section's ``body``."""
        if not isinstance(data, dict) or not data.get("enumerations"):
            return data
        body = data.get("body", "")
        items = []
        for item in data["enumerations"]:
            if isinstance(item, dict) and "body_span" in item:
                item = dict(item)
                start, end = item.pop("body_span")
                item["text"] = body[start:end]
            items.append(item)
        return {**data, "enumerations": items}

    @model_serializer(mode="wrap")
    def _lean(self, handler, info: SerializationInfo):
        data = handler(self)
        if info.exclude_defaults and self.enumerations:
            searched_from = 0
            for i, item in enumerate(self.enumerations):
                start = self.body.find(item.text, searched_from)
                if start < 0:
                    start = self.body.find(item.text)
                if start >= 0 and item.text:
                    end = start + len(item.text)
                    data["enumerations"][i] = {
                        ("body_span" if k == "text" else k): ([start, end] if k == "text" else v)
                        for k, v in data["enumerations"][i].items()}
                    searched_from = end
        return data


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
    #: the unit stated once for the table (a "单位：万元" line above it, or in
    #: its caption): figures without a unit of their own are in it, unless
    #: their column's header names another (structure.tables.column_unit)
    unit: Optional[str] = None
    section: Optional[str] = None
    header_rows: int = 0
    columns: list[str] = Field(default_factory=_new_list)
    n_rows: int = 0
    n_cols: int = 0
    cells: list[Cell] = Field(default_factory=_new_list)
    total_rows: list[int] = Field(default_factory=_new_list)
    location: Location

    @model_validator(mode="before")
    @classmethod
    def _cells_of_lean_json(cls, data):
        """The lean JSON leaves out a cell location's ``cell`` that names the
        cell itself ([table id, row, col])."""
        if not isinstance(data, dict) or not data.get("cells"):
            return data
        cells = []
        for c in data["cells"]:
            loc = c.get("location") if isinstance(c, dict) else None
            if isinstance(loc, dict) and "cell" not in loc:
                c = {**c, "location": {**loc, "cell": [data.get("id"), c.get("row"), c.get("col")]}}
            cells.append(c)
        return {**data, "cells": cells}

    @model_serializer(mode="wrap")
    def _lean(self, handler, info: SerializationInfo):
        data = handler(self)
        if info.exclude_defaults:
            for cell, dumped in zip(self.cells, data["cells"]):
                if cell.location is None:
                    continue
                if cell.location.cell == (self.id, cell.row, cell.col):
                    dumped["location"].pop("cell", None)
                else:  # none, or another cell's: said, so that it is not taken for this one
                    dumped["location"]["cell"] = (None if cell.location.cell is None
                                                  else list(cell.location.cell))
        return data

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
    """A quantity tied to the metric it states (``部门总支出 6,239.85 万元``).

    The claim holds its quantity's facts once: ``text`` is the figure as
    stated (``6,239.85 万元``), ``value``/``unit`` and ``normalized_value``/
    ``normalized_unit`` its figure, ``upper``, ``date`` and ``deadline`` as in
    :class:`Quantity`, ``location`` where the figure stands. :attr:`quantity`
    gives them back as a :class:`Quantity`; a ``quantity`` given to the
    constructor (or found in schema 1.x JSON) fills them."""

    _always: ClassVar[tuple[str, ...]] = ("metric", "value", "unit", "normalized_value", "normalized_unit", "qualifier",
               "location")

    metric: str
    metric_text: str
    text: str = ""
    value: Decimal
    unit: str
    normalized_value: Decimal
    normalized_unit: str
    unit_class: UnitClass = "none"
    precision: int = 0
    qualifier: Optional[str] = None
    operator: Optional[Operator] = None
    upper: Optional[Decimal] = None
    date: Optional[str] = None
    deadline: bool = False
    year: Optional[int] = None
    section: Optional[str] = None
    origin: Literal["text", "table"] = "text"
    sentence: str = ""
    location: Location
    #: Where the figure's text starts in ``sentence`` (set by the claim
    #: finder; not exported: a claim read back from JSON has None, and the
    #: checks then find the figure in its sentence by its text).
    _figure_at: Optional[int] = PrivateAttr(default=None)

    @model_validator(mode="before")
    @classmethod
    def _from_quantity(cls, data):
        """Take ``text``, ``upper``, ``date``, ``deadline`` and ``location``
        from a ``quantity`` (a Quantity or its data), and ``metric_text``
        from ``metric`` where the lean JSON left it out."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        q = data.pop("quantity", None)
        if isinstance(q, Quantity):
            # its fields read as they are: dumping the quantity (its location
            # too) for four of them was a tenth of building a claim
            for name in ("text", "upper", "date", "deadline"):
                data.setdefault(name, getattr(q, name))
            if "location" not in data:
                data["location"] = q.location.model_dump()  # (a copy, as the claim's own)
        elif q is not None:
            q = q if isinstance(q, dict) else q.model_dump()
            for name in ("text", "upper", "date", "deadline", "location"):
                if name in q:
                    data.setdefault(name, q[name])
        if "metric_text" not in data and "metric" in data:
            data["metric_text"] = data["metric"]
        if "text" not in data and "value" in data:
            data["text"] = f"{data['value']}{data.get('unit', '')}"
        return data

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        return _lean_schema(handler.resolve_ref_schema(handler(core_schema)), optional=("metric_text",),
                            spans={"sentence_span": "sentence"})

    @model_serializer(mode="wrap")
    def _lean(self, handler, info: SerializationInfo):
        data = handler(self)
        if info.exclude_defaults:
            _put_back_always(data, self, info)
            if data.get("metric_text") == self.metric:
                del data["metric_text"]
            if self.text == f"{self.value}{self.unit}":
                data.pop("text", None)
            else:
                data["text"] = self.text
            data = _in_field_order(data, self)
        return data

    @property
    def figure_at(self) -> Optional[int]:
        """Offset of the figure's text in :attr:`sentence`, if known."""
        # read from pydantic's store of private attributes directly:
        # ``self._figure_at`` goes through BaseModel.__getattr__ (a failed
        # lookup, then a hasattr that raises), a tenth of building the check
        # context (issue 14); a claim has the store from its construction
        return self.__pydantic_private__["_figure_at"]

    def __eq__(self, other: object) -> bool:
        """Claims are equal by their fields: the figure's offset is a finding
        aid, not part of what the claim states (a claim read back from JSON
        equals the one written)."""
        if not isinstance(other, Claim):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # as pydantic's models: mutable, unhashable

    @property
    def quantity(self) -> Quantity:
        """The claim's figure as a :class:`Quantity`."""
        return Quantity(text=self.text, value=self.value, unit=self.unit, unit_class=self.unit_class,
                        normalized_value=self.normalized_value, normalized_unit=self.normalized_unit,
                        precision=self.precision, qualifier=self.qualifier, operator=self.operator,
                        upper=self.upper, date=self.date, deadline=self.deadline,
                        location=self.location)


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
    locations: dict[str, Location] = Field(default_factory=_new_dict)


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
    score, deviation). A target form's funds cells are project (the
    project's whole life, 项目资金总额) and annual (年度资金申请总额).
    ``period`` names the indicator set of a row read from a form stating
    two side by side (the target template's 中期 and 年度 sets sharing
    一级指标): ``中期`` or ``年度``; None on a form with one set."""

    kind: Literal["funds", "indicator"]
    label: str
    role: Optional[str] = None
    period: Optional[str] = None
    cells: dict[str, FormCell] = Field(default_factory=_new_dict)
    location: Location


class Form(Model):
    """A national self-evaluation form (项目支出绩效自评表, 部门整体支出绩效自评表)
    read as a record, whatever its layout (``tab``, ``pipe``, ``space``,
    ``cell_per_line``, ``label_value``): identity (project_name,
    department, unit), the funds block, 年度总体目标 (expected, actual),
    the indicator rows, the total (weight 总分值, score 总分) and the
    scoring note the form states. ``indicators`` of the report built from
    a form name it in ``Indicator.table`` (``form1``). ``stage`` is
    ``target`` for a target-only form (绩效目标申报表/填报表: 指标值 and no
    完成值, never checked as missed); ``funds_unit`` the unit its funds
    header states (万元, 元), None when it states none. ``total`` holds
    weight 总分值, score 总分 and grade 评价等级 when the form states them.
    ``goals``: expected, actual, and project (项目总目标) on target forms;
    deviation: the block under the total row giving the reasons of the
    form's misses (偏差大或目标未完成原因分析)."""

    id: str
    kind: Literal["project", "department"] = "project"
    stage: Literal["self_evaluation", "target"] = "self_evaluation"
    layout: str
    funds_unit: Optional[str] = None
    identity: dict[str, FormCell] = Field(default_factory=_new_dict)
    funds: list[FormRow] = Field(default_factory=_new_list)
    goals: dict[str, FormCell] = Field(default_factory=_new_dict)
    indicators: list[FormRow] = Field(default_factory=_new_list)
    total: dict[str, FormCell] = Field(default_factory=_new_dict)
    note: Optional[FormCell] = None
    location: Location


class CheckResult(Model):
    """One check's outcome. ``severity`` is the weight of a failure
    (error, warning, info); a passed or skipped check has none (null)."""

    _always: ClassVar[tuple[str, ...]] = ("rule", "severity", "status", "message", "expected", "stated",
                                          "locations")

    rule: str
    kind: str
    severity: Optional[Literal["error", "warning", "info"]] = None
    status: Literal["pass", "fail", "skipped"]
    message: str
    expected: Optional[str] = None
    stated: Optional[str] = None
    quote: Optional[str] = None
    locations: list[Location] = Field(default_factory=_new_list)

    @model_serializer(mode="wrap")
    def _lean(self, handler, info: SerializationInfo):
        return _keep_always(handler(self), self, info)


class Report(Model):
    _always: ClassVar[tuple[str, ...]] = ("schema_version", "source", "meta", "sections", "tables", "claims", "budget",
               "funds", "indicators", "forms", "checks")

    schema_version: str = SCHEMA_VERSION
    source: Source
    # sha256 of the rule files that made this report (RuleSet.digest)
    rule_set: Optional[str] = None
    # the code that made it (extract.provenance.extractor_id: version + digest
    # of the package's files); recorded by batch, which converts again when it differs
    extractor: Optional[str] = None
    meta: Meta
    sections: list[Section] = Field(default_factory=_new_list)
    tables: list[Table] = Field(default_factory=_new_list)
    claims: list[Claim] = Field(default_factory=_new_list)
    budget: Budget = Field(default_factory=Budget)
    funds: list[FundRow] = Field(default_factory=_new_list)
    indicators: list[Indicator] = Field(default_factory=_new_list)
    forms: list[Form] = Field(default_factory=_new_list)
    checks: list[CheckResult] = Field(default_factory=_new_list)

    @model_validator(mode="before")
    @classmethod
    def _sentences_of_lean_json(cls, data):
        """The lean JSON leaves out a claim's ``sentence`` that is the
        previous claim's, and gives one that stands in the body of the
        claim's section as ``sentence_span`` [start, end] (code-point
        offsets into that body): each such claim gets its sentence back."""
        if not isinstance(data, dict) or not data.get("claims"):
            return data
        bodies = {s.get("id"): s.get("body", "") for s in data.get("sections", ()) if isinstance(s, dict)}
        previous, claims = "", []
        for claim in data["claims"]:
            if isinstance(claim, dict):
                if "sentence_span" in claim:
                    claim = dict(claim)
                    start, end = claim.pop("sentence_span")
                    claim["sentence"] = bodies.get(claim.get("section"), "")[start:end]
                if "sentence" in claim:
                    previous = claim["sentence"]
                else:
                    claim = {**claim, "sentence": previous}
            claims.append(claim)
        return {**data, "claims": claims}

    @model_serializer(mode="wrap")
    def _lean(self, handler, info: SerializationInfo):
        data = _keep_always(handler(self), self, info)
        if info.exclude_defaults:
            bodies = {s.id: s.body for s in self.sections}
            previous = ""
            for i, claim in enumerate(self.claims):
                dumped = data["claims"][i]
                dumped.pop("sentence", None)
                if claim.sentence != previous:
                    start = bodies.get(claim.section, "").find(claim.sentence) if claim.sentence else -1
                    if start >= 0:
                        dumped["sentence_span"] = [start, start + len(claim.sentence)]
                    else:
                        dumped["sentence"] = claim.sentence
                previous = claim.sentence
        return data
