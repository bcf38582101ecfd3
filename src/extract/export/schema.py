"""The database schema of reports, derived from the pydantic models.

One ``documents`` row per report (keyed by a number derived from the file's
sha256, unique on the sha256 itself) and, for its parts, ``sections``,
``tables``, ``table_cells``, ``claims``, ``budget``, ``funds``,
``indicators``, ``forms``, ``form_funds``, ``form_indicators`` and
``checks``, each keyed by (document, index or id) with a foreign key to its
document; ``reviews`` holds the reviewers' decisions found beside the
inputs, ``files`` one row per input path. README "The schema" describes them.

A column filled from the report is declared once, as a :class:`Field`: its
name and the path of its value in the model's data (``("location",
"line")``). Its SQL type and whether it may be null follow from the model's
annotation along that path (:func:`field_column`): ``Decimal`` is
:class:`ExactDecimal`, ``int`` ``INTEGER``, ``bool`` ``BOOLEAN``, ``str``
``TEXT``, a ``Literal`` of words ``VARCHAR`` wide enough for the longest,
a list or a dict JSON text; ``Optional`` anywhere on the path, a list index
or a dict key makes it nullable. :mod:`extract.export.rows` fills the rows
from the same declarations and :mod:`extract.export.parquet` derives the
Parquet types from the columns, so nothing is written twice.

Amounts stay exact: PostgreSQL stores them as ``NUMERIC``; SQLite, which has
no exact decimal type, as the decimal text (compare with ``CAST(x AS REAL)``).
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, Optional, Union

from pydantic import BaseModel
from sqlalchemy import (
    BigInteger, Boolean, Column, DateTime, ForeignKey, ForeignKeyConstraint, Index, Integer, MetaData,
    Numeric, String, Table, Text, event,
)
from sqlalchemy.types import TypeDecorator

from ..model import (
    BudgetFigure, Cell, CheckResult, Claim, Form, FormRow, FundRow, Indicator, Report, Section,
)
from ..model import Table as TableModel
from ..review import Decision

Rows = dict[str, list[dict[str, Any]]]


class ExactDecimal(TypeDecorator):
    """A decimal kept exact: ``NUMERIC`` where the database has it, the
    decimal's text on SQLite. Takes and gives :class:`~decimal.Decimal`
    (text is accepted on the way in)."""

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String())
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return str(value) if dialect.name == "sqlite" else Decimal(str(value))

    def process_result_value(self, value, dialect):
        return None if value is None else Decimal(str(value))


# ---------------------------------------------------------------- columns from the models

Step = Union[str, int]

#: width of a key or a code held as VARCHAR (an id, a rule name, a hash)
KEY = 64
#: widths a Literal's VARCHAR is rounded up to
_WIDTHS = (8, 16, 32, 64)


@dataclass(frozen=True)
class Field:
    """A column filled from the model: ``name``, and ``path``, the steps
    from an item's data to the value (field names; an int indexes a list,
    a str after a dict field is a key). ``width`` makes a ``str`` a
    VARCHAR of that width; ``nullable`` overrides what the model says;
    ``key`` makes it part of the primary key, ``unique`` unique."""

    name: str
    path: tuple[Step, ...]
    width: Optional[int] = None
    nullable: Optional[bool] = None
    key: bool = False
    unique: bool = False


def field(name: str, *path: Step, **options) -> Field:
    """A :class:`Field` named ``name`` whose path is ``path`` (default: the
    field of that name)."""
    return Field(name, tuple(path) or (name,), **options)


def _unwrap(annotation) -> tuple[Any, bool]:
    """The annotation without ``Optional``, and whether it was optional."""
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def resolve(model: type[BaseModel], path: tuple[Step, ...]) -> tuple[Any, bool]:
    """The annotation the value at ``path`` in ``model``'s data has, and
    whether it may be missing (an optional on the way, a list index, a
    dict key)."""
    annotation, optional = model, False
    for step in path:
        base = typing.get_origin(annotation) or annotation
        if isinstance(step, int):
            if base not in (list, tuple):
                raise TypeError(f"{model.__name__}{list(path)}: an index into {annotation}")
            annotation, optional = typing.get_args(annotation)[0], True
        elif base is dict:
            annotation, optional = typing.get_args(annotation)[1], True
        elif isinstance(base, type) and issubclass(base, BaseModel):
            info = base.model_fields.get(step)
            if info is None:
                raise TypeError(f"{model.__name__}: {base.__name__} has no field {step!r}")
            annotation = info.annotation
        else:
            raise TypeError(f"{model.__name__}{list(path)}: {step!r} of {annotation}")
        annotation, maybe = _unwrap(annotation)
        optional = optional or maybe
    return annotation, optional


def sql_type(annotation, width: Optional[int] = None):
    """The SQL type of values annotated ``annotation``."""
    base = typing.get_origin(annotation) or annotation
    if base is Literal:
        longest = max(len(str(v)) for v in typing.get_args(annotation))
        return String(width or next(w for w in _WIDTHS if w >= longest))
    if base is Decimal:
        return ExactDecimal
    if base is bool:
        return Boolean
    if base is int:
        return Integer
    if base is str:
        return String(width) if width else Text
    if base in (list, dict, tuple):
        return Text  # JSON text (Parquet nests it)
    raise TypeError(f"no SQL type for {annotation}")


def is_json(annotation) -> bool:
    """Whether values annotated ``annotation`` are stored as JSON text."""
    return (typing.get_origin(annotation) or annotation) in (list, dict, tuple)


def field_column(model: type[BaseModel], f: Field) -> Column:
    """The column of field ``f`` of items of ``model``."""
    annotation, optional = resolve(model, f.path)
    nullable = optional if f.nullable is None else f.nullable
    if f.key:
        return Column(f.name, sql_type(annotation, f.width), primary_key=True)
    return Column(f.name, sql_type(annotation, f.width), nullable=nullable, unique=f.unique or None)


@dataclass(frozen=True)
class ModelTable:
    """A table filled from items of ``model``: its :class:`Field` columns
    and which of them hold JSON text."""

    table: Table
    model: type[BaseModel]
    fields: tuple[Field, ...]
    #: columns among the fields that the rows code fills (not a path into the model)
    computed: tuple[str, ...] = ()

    @property
    def json_fields(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields if is_json(resolve(self.model, f.path)[0]))


metadata = MetaData()
MODEL_TABLES: dict[str, ModelTable] = {}


def model_table(name: str, model: type[BaseModel], keys: list[Column], fields: list[Field | Column],
                *constraints) -> Table:
    """Declare table ``name``: ``keys`` (columns the report does not hold
    as such: the document key, an index), then a column per field of
    ``model`` (:func:`field_column`; a :class:`Column` among them is one
    the rows code computes), then ``constraints`` (indexes, foreign keys)."""
    columns = [f if isinstance(f, Column) else field_column(model, f) for f in fields]
    table = Table(name, metadata, *keys, *columns, *constraints)
    MODEL_TABLES[name] = ModelTable(table, model, tuple(f for f in fields if isinstance(f, Field)),
                                    tuple(f.name for f in fields if isinstance(f, Column)))
    return table


def _document_key() -> Column:
    return Column("document_id", BigInteger, ForeignKey("documents.id"), primary_key=True)


def _index(name: str) -> Column:
    return Column(name, Integer, primary_key=True)


def _at(*path: Step) -> list[Field]:
    """``line`` and ``end_line`` of the location at ``path``."""
    return [field("line", *path, "line"), field("end_line", *path, "end_line")]


def _figure(prefix: str, *path: Step) -> list[Field]:
    """The stated and normalized figure of the quantity at ``path``."""
    return [field(f"{prefix}{n}", *path, n) for n in ("value", "unit", "normalized_value", "normalized_unit")]


documents = model_table(
    "documents", Report,
    [Column("id", BigInteger, primary_key=True, autoincrement=False)],
    [field("sha256", "source", "sha256", width=KEY, unique=True), field("path", "source", "path"),
     field("format", "source", "format"), field("encoding", "source", "encoding", width=32),
     field("lines", "source", "lines", nullable=True), field("pages", "source", "pages"),
     field("schema_version", width=16),
     field("rule_set", width=KEY),  # sha256 of the rule files that made the row
     field("extractor", width=KEY),  # version + code digest of the extract that made it (batch)
     *(field(n, "meta", n) for n in ("document_type", "title", "department", "year")),
     field("report_type", "meta", "report_type", width=16), field("project_name", "meta", "project_name"),
     field("self_score", "meta", "self_score"), field("grade", "meta", "grade", width=16)],
    Index("ix_documents_department_year", "department", "year"),
    Index("ix_documents_year", "year"),
)

sections = model_table(
    "sections", Section, [_document_key()],
    [field("section_id", "id", width=KEY, key=True), field("parent_id", "parent", width=KEY),
     field("level"), field("marker"), field("style", width=16), field("ordinal"), field("title"),
     field("run_in"), field("body"), *_at("location")],
)

tables = model_table(
    "tables", TableModel, [_document_key()],
    [field("table_id", "id", width=KEY, key=True), field("number"), field("caption"),
     field("unit"),  # the unit the table states once (单位：万元), null when none
     field("section_id", "section", width=KEY), field("header_rows"), field("columns"),
     field("n_rows"), field("n_cols"), field("total_rows"), *_at("location")],
)

table_cells = model_table(
    "table_cells", Cell,
    [Column("document_id", BigInteger, primary_key=True),
     Column("table_id", String(KEY), primary_key=True)],
    [field("row_index", "row", key=True), field("col_index", "col", key=True), field("text"),
     field("rowspan"), field("colspan"), field("filled_from"), field("line", "location", "line")],
    ForeignKeyConstraint(["document_id", "table_id"], ["tables.document_id", "tables.table_id"]),
)

claims = model_table(
    "claims", Claim, [_document_key(), _index("claim_index")],
    [field("metric"), field("metric_text"), *_figure(""), field("unit_class"), field("precision"),
     field("qualifier"), field("operator"), field("year"), field("section_id", "section", width=KEY),
     field("origin"), field("text"), field("sentence"), *_at("location"),
     field("page", "location", "page")],
    Index("ix_claims_metric", "metric"),
)

budget = model_table(
    "budget", BudgetFigure, [_document_key(), Column("role", String(16), primary_key=True)],
    [field("source"), field("text", "quantity", "text"), *_figure("", "quantity"),
     *(field(n, "quantity", n) for n in ("unit_class", "precision", "qualifier")),
     field("sentence"), field("line", "location", "line"), field("page", "location", "page")],
    Index("ix_budget_role", "role"),
)

funds = model_table(
    "funds", FundRow, [_document_key(), _index("fund_index")],
    [field("number"), field("name"), field("text", "amount", "text"), *_figure("", "amount"),
     field("table_id", "table", width=KEY), field("row_index", "row"), field("line", "location", "line")],
    ForeignKeyConstraint(["document_id", "table_id"], ["tables.document_id", "tables.table_id"]),
    Index("ix_funds_name", "name"),
)

# ------------------------------------------------ the national forms (Report.forms)

#: the funds columns of a form (rules/forms.yaml funds_columns), each a figure
FORM_FUNDS_CELLS = ("initial", "adjusted", "executed", "weight", "rate", "score")
#: a target form's (绩效目标申报表) funds columns (rules/forms.yaml funds_groups):
#: project 项目资金总额 (the project's whole life), annual 年度资金申请总额
FORM_TARGET_FUNDS_CELLS = ("project", "annual")
#: the cells of a form's indicator row (rules/indicators.yaml columns): text, and figures
FORM_INDICATOR_TEXTS = ("level1", "level2", "name", "target", "operator", "unit", "actual", "deviation")
FORM_INDICATOR_FIGURES = ("weight", "score")
#: a form's identity cells (rules/forms.yaml identity), its goals, its total
FORM_IDENTITY = ("project_name", "department", "unit")
FORM_GOALS = ("expected", "actual", "project", "deviation")
FORM_TOTAL = ("weight", "score")
FORM_TOTAL_TEXTS = ("grade",)


def _cell_text(name: str, *path: Step) -> list[Field]:
    """A form cell that states text: the text, with its line and page."""
    return [field(name, *path, "text"), field(f"{name}_line", *path, "location", "line"),
            field(f"{name}_page", *path, "location", "page")]


def _cell_figure(name: str, *path: Step) -> list[Field]:
    """A form cell that states a figure: its exact value, the text as
    stated, its line and page."""
    return [field(name, *path, "value"), field(f"{name}_text", *path, "text"),
            field(f"{name}_line", *path, "location", "line"),
            field(f"{name}_page", *path, "location", "page")]


def _form_key() -> list[Column]:
    return [_document_key(), Column("form_id", String(KEY), primary_key=True)]


forms = model_table(
    "forms", Form, _form_key(),
    [field("kind"), field("stage", width=16), field("layout", width=16), field("funds_unit", width=8),
     *(c for n in FORM_IDENTITY for c in _cell_text(n, "identity", n)),
     *(c for n in FORM_GOALS for c in _cell_text(f"goal_{n}", "goals", n)),
     *(c for n in FORM_TOTAL for c in _cell_figure(f"total_{n}", "total", n)),
     *(c for n in FORM_TOTAL_TEXTS for c in _cell_text(f"total_{n}", "total", n)),
     *_cell_text("note", "note"), *_at("location"), field("page", "location", "page")],
)

form_funds = model_table(
    "form_funds", FormRow, [*_form_key(), _index("row_index")],
    [field("role", width=16), field("label"),
     *(c for n in FORM_FUNDS_CELLS + FORM_TARGET_FUNDS_CELLS for c in _cell_figure(n, "cells", n)),
     *_at("location"), field("page", "location", "page")],
    ForeignKeyConstraint(["document_id", "form_id"], ["forms.document_id", "forms.form_id"]),
    Index("ix_form_funds_role", "role"),
)

form_indicators = model_table(
    "form_indicators", FormRow, [*_form_key(), _index("row_index")],
    [field("period", width=8),  # 中期 / 年度 on a form stating two indicator sets side by side
     *(c for n in FORM_INDICATOR_TEXTS for c in _cell_text(n, "cells", n)),
     # from the report's Indicator read from this row (Indicator.table = form_id, Indicator.row)
     Column("target_operator", String(8)), Column("met", Boolean),
     *(c for n in FORM_INDICATOR_FIGURES for c in _cell_figure(n, "cells", n)),
     *_at("location"), field("page", "location", "page")],
    ForeignKeyConstraint(["document_id", "form_id"], ["forms.document_id", "forms.form_id"]),
    Index("ix_form_indicators_met", "met"),
)

indicators = model_table(
    "indicators", Indicator, [_document_key(), _index("indicator_index")],
    [field("level1"), field("level2"), field("name"), field("target_text", "target", "text"),
     field("target_operator", "target", "operator"),
     field("target_inferred", "target", "inferred_operator"), *_figure("target_", "target", "quantity"),
     field("actual_text"), *_figure("actual_", "actual"),
     field("met"),  # NULL: not known
     field("weight"), field("score"), field("deviation_reason"),
     # the table the indicator was read from (table_id), or the form (form_id)
     Column("table_id", String(KEY)), field("row_index", "row"), field("line", "location", "line"),
     Column("form_id", String(KEY))],
    ForeignKeyConstraint(["document_id", "table_id"], ["tables.document_id", "tables.table_id"]),
    ForeignKeyConstraint(["document_id", "form_id"], ["forms.document_id", "forms.form_id"]),
    Index("ix_indicators_met", "met"),
    Index("ix_indicators_name", "name"),
)

checks = model_table(
    "checks", CheckResult, [_document_key(), _index("check_index")],
    [field("rule", width=KEY), field("kind", width=KEY), field("severity"),  # null: passed or skipped
     field("status"), field("message"), field("expected"), field("stated"), field("quote"),
     field("line", "locations", 0, "line"), field("locations")],
    Index("ix_checks_status_severity", "status", "severity"),
    Index("ix_checks_rule", "rule"),
)

reviews = model_table(
    "reviews", Decision,
    [_document_key(), Column("fingerprint", String(32), primary_key=True)],
    [field("decision"), field("note"), field("decided_by", "by"), field("decided_at", "at"),
     Column("stale", Boolean, nullable=False),  # its finding is no longer among the report's
     Column("check_index", Integer),  # the finding it is about (null when stale)
     field("rule", width=KEY), field("quote"), field("message"),
     Column("sidecar", Text, nullable=False)],  # the file it was read from
    Index("ix_reviews_decision", "decision"),
)
"""The decisions of reviewers (:mod:`extract.review`) found beside the
inputs of a batch (``REPORT.review.json``), one row per decided
fingerprint; replaced with the sidecar's content at every batch."""

files = Table(
    "files", metadata,
    Column("path", Text, primary_key=True),
    Column("sha256", String(KEY), nullable=False),
    Column("document_id", BigInteger, ForeignKey("documents.id"), nullable=False),
    Column("converted_at", DateTime(timezone=True), nullable=False),
    Column("rule_set", String(KEY)),
    Index("ix_files_document", "document_id"),
)
"""One row per input file: the document its content made. Two paths with
the same content are two rows with one document; a path whose content
changed points to its new document, and the old one goes with it when no
other path holds it (:func:`extract.export.database.point_file`)."""

# ---------------------------------------------------------------- views

_DOCUMENT_COLUMNS = ("d.department, d.year, d.document_type, d.report_type, d.title, "
                     "d.project_name, d.path")

VIEWS: dict[str, str] = {
    # failed checks, each with the document it is in
    "findings": f"""
        SELECT c.document_id, {_DOCUMENT_COLUMNS}, c.check_index, c.rule, c.kind, c.severity,
               c.message, c.expected, c.stated, c.quote, c.line
        FROM checks c JOIN documents d ON d.id = c.document_id
        WHERE c.status = 'fail'""",
    # checks that could not run, with the reason (message) and their document
    "skipped_checks": f"""
        SELECT c.document_id, {_DOCUMENT_COLUMNS}, c.check_index, c.rule, c.kind, c.message, c.line
        FROM checks c JOIN documents d ON d.id = c.document_id
        WHERE c.status = 'skipped'""",
    # performance indicators, each with its document
    "document_indicators": f"""
        SELECT i.document_id, {_DOCUMENT_COLUMNS}, i.indicator_index, i.level1, i.level2, i.name,
               i.target_text, i.target_operator, i.target_value, i.target_unit, i.actual_text,
               i.actual_value, i.actual_unit, i.met, i.weight, i.score, i.deviation_reason, i.line
        FROM indicators i JOIN documents d ON d.id = i.document_id""",
    # fund rows summed per department and year, in 元 (rows in another unit left out)
    "funds_by_department_year": """
        SELECT d.department, d.year, COUNT(*) AS fund_rows,
               COUNT(DISTINCT f.document_id) AS documents, SUM({amount}) AS amount_yuan
        FROM funds f JOIN documents d ON d.id = f.document_id
        WHERE f.normalized_unit = '元'
        GROUP BY d.department, d.year""",
}
"""Views for analysts, created with the tables in every database (and
dropped with them). ``funds_by_department_year.amount_yuan`` is exact
(NUMERIC) in PostgreSQL and a REAL sum of the decimal texts in SQLite."""


def view_sql(name: str, dialect: str) -> str:
    amount = "CAST(f.normalized_value AS REAL)" if dialect == "sqlite" else "f.normalized_value"
    return VIEWS[name].replace("{amount}", amount)


def _create_views(target, connection, **_) -> None:
    """Create the views a database lacks (``create_all`` runs at every
    open: the batch opens its database before its workers do)."""
    from sqlalchemy import inspect

    present = set(inspect(connection).get_view_names())
    for name in VIEWS:
        if name not in present:
            connection.exec_driver_sql(f"CREATE VIEW {name} AS {view_sql(name, connection.dialect.name)}")


def _drop_views(target, connection, **_) -> None:
    for name in VIEWS:
        connection.exec_driver_sql(f"DROP VIEW IF EXISTS {name}")


event.listen(metadata, "after_create", _create_views)
event.listen(metadata, "before_drop", _drop_views)


# Children before parents: the order to delete in; reversed, to insert in.
CHILD_TABLES = (table_cells, funds, indicators, form_funds, form_indicators, forms, claims, budget, checks,
                reviews, sections, tables)
TABLES = (documents,) + tuple(reversed(CHILD_TABLES)) + (files,)
TABLE_NAMES = tuple(t.name for t in TABLES)
#: tables a report's own rows fill (:func:`extract.export.rows.report_rows`); ``reviews`` come
#: from the sidecars beside the inputs (:func:`extract.export.rows.review_rows`)
REPORT_TABLES = tuple(t for t in TABLES if t is not reviews)

DECIMAL_COLUMNS = {t.name: tuple(c.name for c in t.columns if isinstance(c.type, ExactDecimal))
                   for t in metadata.sorted_tables}


def document_id(sha256: str) -> int:
    """The document's key: the first 60 bits of its sha256, as a positive
    BIGINT. Stable across runs and databases; a clash of two different
    hashes is refused by :func:`extract.export.database.upsert_report`."""
    return int(sha256[:15], 16)
