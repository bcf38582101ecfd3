"""Reports in a relational database, through SQLAlchemy Core.

The schema is normalized: one ``documents`` row per report (keyed by a
number derived from the file's sha256, unique on the sha256 itself) and, for
its parts, ``sections``, ``tables``, ``table_cells``, ``claims``, ``budget``,
``funds``, ``indicators`` and ``checks``, each keyed by (document, index or
id) with a foreign key to its document. docs/database.md describes it.

:func:`report_rows` turns a report (its JSON data) into the rows of every
table; the Parquet export uses the same rows, so SQL and Parquet hold the
same thing. :func:`upsert_report` replaces one document's rows in one
transaction, so a re-run or a resume never duplicates anything and a killed
run never leaves half a document.

Amounts stay exact: PostgreSQL stores them as ``NUMERIC``; SQLite, which has
no exact decimal type, as the decimal text (compare with ``CAST(x AS REAL)``).
"""

from __future__ import annotations

import functools
import json
import operator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Optional

from sqlalchemy import (
    BigInteger, Boolean, Column, DateTime, ForeignKey, ForeignKeyConstraint, Index, Integer, MetaData,
    Numeric, String, Table, Text, create_engine, delete, event, func, insert, select,
)
from sqlalchemy import exc
from sqlalchemy.exc import IntegrityError
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator

from ..errors import InputError
from ..model import LEAN, SCHEMA_VERSION, Report

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


metadata = MetaData()


def _document_key() -> Column:
    return Column("document_id", BigInteger, ForeignKey("documents.id"), primary_key=True)


documents = Table(
    "documents", metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("path", Text, nullable=False),
    Column("format", String(8), nullable=False),
    Column("encoding", String(32)),
    Column("lines", Integer),
    Column("pages", Integer),
    Column("schema_version", String(16), nullable=False),
    Column("rule_set", String(64)),  # sha256 of the rule files that made the row
    Column("document_type", String(32)),
    Column("title", Text),
    Column("department", Text),
    Column("year", Integer),
    Column("report_type", String(16)),
    Column("project_name", Text),
    Column("self_score", ExactDecimal),
    Column("grade", String(16)),
    Index("ix_documents_department_year", "department", "year"),
    Index("ix_documents_year", "year"),
)

sections = Table(
    "sections", metadata,
    _document_key(),
    Column("section_id", String(64), primary_key=True),
    Column("parent_id", String(64)),
    Column("level", Integer, nullable=False),
    Column("marker", Text, nullable=False),
    Column("style", String(16), nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("run_in", Boolean, nullable=False),
    Column("body", Text, nullable=False),
    Column("line", Integer, nullable=False),
    Column("end_line", Integer, nullable=False),
)

tables = Table(
    "tables", metadata,
    _document_key(),
    Column("table_id", String(64), primary_key=True),
    Column("number", Text),
    Column("caption", Text),
    Column("section_id", String(64)),
    Column("header_rows", Integer, nullable=False),
    Column("columns", Text, nullable=False),
    Column("n_rows", Integer, nullable=False),
    Column("n_cols", Integer, nullable=False),
    Column("total_rows", Text, nullable=False),
    Column("line", Integer, nullable=False),
    Column("end_line", Integer, nullable=False),
)

table_cells = Table(
    "table_cells", metadata,
    Column("document_id", BigInteger, primary_key=True),
    Column("table_id", String(64), primary_key=True),
    Column("row_index", Integer, primary_key=True),
    Column("col_index", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("rowspan", Integer, nullable=False),
    Column("colspan", Integer, nullable=False),
    Column("filled_from", Integer),
    Column("line", Integer),
    ForeignKeyConstraint(["document_id", "table_id"], ["tables.document_id", "tables.table_id"]),
)

claims = Table(
    "claims", metadata,
    _document_key(),
    Column("claim_index", Integer, primary_key=True),
    Column("metric", Text, nullable=False),
    Column("metric_text", Text, nullable=False),
    Column("value", ExactDecimal, nullable=False),
    Column("unit", Text, nullable=False),
    Column("normalized_value", ExactDecimal, nullable=False),
    Column("normalized_unit", Text, nullable=False),
    Column("unit_class", String(16), nullable=False),
    Column("precision", Integer, nullable=False),
    Column("qualifier", Text),
    Column("operator", String(8)),
    Column("year", Integer),
    Column("section_id", String(64)),
    Column("origin", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("line", Integer, nullable=False),
    Column("end_line", Integer, nullable=False),
    Column("page", Integer),
    Index("ix_claims_metric", "metric"),
)

budget = Table(
    "budget", metadata,
    _document_key(),
    Column("role", String(16), primary_key=True),
    Column("source", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("value", ExactDecimal, nullable=False),
    Column("unit", Text, nullable=False),
    Column("normalized_value", ExactDecimal, nullable=False),
    Column("normalized_unit", Text, nullable=False),
    Column("unit_class", String(16), nullable=False),
    Column("precision", Integer, nullable=False),
    Column("qualifier", Text),
    Column("sentence", Text, nullable=False),
    Column("line", Integer, nullable=False),
    Column("page", Integer),
    Index("ix_budget_role", "role"),
)

funds = Table(
    "funds", metadata,
    _document_key(),
    Column("fund_index", Integer, primary_key=True),
    Column("number", Text),
    Column("name", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", ExactDecimal, nullable=False),
    Column("unit", Text, nullable=False),
    Column("normalized_value", ExactDecimal, nullable=False),
    Column("normalized_unit", Text, nullable=False),
    Column("table_id", String(64), nullable=False),
    Column("row_index", Integer, nullable=False),
    Column("line", Integer, nullable=False),
    ForeignKeyConstraint(["document_id", "table_id"], ["tables.document_id", "tables.table_id"]),
    Index("ix_funds_name", "name"),
)

indicators = Table(
    "indicators", metadata,
    _document_key(),
    Column("indicator_index", Integer, primary_key=True),
    Column("level1", Text),
    Column("level2", Text),
    Column("name", Text, nullable=False),
    Column("target_text", Text, nullable=False),
    Column("target_operator", String(8)),
    Column("target_inferred", Boolean, nullable=False),
    Column("target_value", ExactDecimal),
    Column("target_unit", Text),
    Column("target_normalized_value", ExactDecimal),
    Column("target_normalized_unit", Text),
    Column("actual_text", Text, nullable=False),
    Column("actual_value", ExactDecimal),
    Column("actual_unit", Text),
    Column("actual_normalized_value", ExactDecimal),
    Column("actual_normalized_unit", Text),
    Column("met", Boolean),  # NULL: not known
    Column("weight", ExactDecimal),
    Column("score", ExactDecimal),
    Column("deviation_reason", Text),
    Column("table_id", String(64), nullable=False),
    Column("row_index", Integer, nullable=False),
    Column("line", Integer, nullable=False),
    ForeignKeyConstraint(["document_id", "table_id"], ["tables.document_id", "tables.table_id"]),
    Index("ix_indicators_met", "met"),
    Index("ix_indicators_name", "name"),
)

checks = Table(
    "checks", metadata,
    _document_key(),
    Column("check_index", Integer, primary_key=True),
    Column("rule", String(64), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("severity", String(8)),  # null for a passed or skipped check
    Column("status", String(8), nullable=False),
    Column("message", Text, nullable=False),
    Column("expected", Text),
    Column("stated", Text),
    Column("quote", Text),
    Column("line", Integer),
    Column("locations", Text, nullable=False),
    Index("ix_checks_status_severity", "status", "severity"),
    Index("ix_checks_rule", "rule"),
)

files = Table(
    "files", metadata,
    Column("path", Text, primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("document_id", BigInteger, ForeignKey("documents.id"), nullable=False),
    Column("converted_at", DateTime(timezone=True), nullable=False),
    Column("rule_set", String(64)),
    Index("ix_files_document", "document_id"),
)
"""One row per input file: the document its content made. Two paths with
the same content are two rows with one document; a path whose content
changed points to its new document, and the old one goes with it when no
other path holds it (:func:`point_file`)."""

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


def _view_sql(name: str, dialect: str) -> str:
    amount = "CAST(f.normalized_value AS REAL)" if dialect == "sqlite" else "f.normalized_value"
    return VIEWS[name].replace("{amount}", amount)


def _create_views(target, connection, **_) -> None:
    """Create the views a database lacks (``create_all`` runs at every
    open: the batch opens its database before its workers do)."""
    from sqlalchemy import inspect

    present = set(inspect(connection).get_view_names())
    for name in VIEWS:
        if name not in present:
            connection.exec_driver_sql(f"CREATE VIEW {name} AS {_view_sql(name, connection.dialect.name)}")


def _drop_views(target, connection, **_) -> None:
    for name in VIEWS:
        connection.exec_driver_sql(f"DROP VIEW IF EXISTS {name}")


event.listen(metadata, "after_create", _create_views)
event.listen(metadata, "before_drop", _drop_views)


# Children before parents: the order to delete in; reversed, to insert in.
CHILD_TABLES = (table_cells, funds, indicators, claims, budget, checks, sections, tables)
TABLES = (documents,) + tuple(reversed(CHILD_TABLES)) + (files,)
TABLE_NAMES = tuple(t.name for t in TABLES)


# ---------------------------------------------------------------- rows

def document_id(sha256: str) -> int:
    """The document's key: the first 60 bits of its sha256, as a positive
    BIGINT. Stable across runs and databases; a clash of two different
    hashes is refused by :func:`upsert_report`."""
    return int(sha256[:15], 16)


def _quantity_columns(q: Optional[dict], prefix: str = "") -> dict[str, Any]:
    """The stated and normalized figure of quantity data ``q`` (or Nones)."""
    q = q or {}
    return {f"{prefix}value": q.get("value"), f"{prefix}unit": q.get("unit"),
            f"{prefix}normalized_value": q.get("normalized_value"),
            f"{prefix}normalized_unit": q.get("normalized_unit")}


def _document_row(data: dict) -> dict[str, Any]:
    source, meta = data["source"], data["meta"]
    return {
        "id": document_id(source["sha256"]), "sha256": source["sha256"], "path": source["path"],
        "format": source["format"], "encoding": source.get("encoding"), "lines": source.get("lines"),
        "pages": source.get("pages"), "schema_version": data["schema_version"],
        "rule_set": data.get("rule_set"),
        "document_type": meta.get("document_type"),
        "title": meta.get("title"), "department": meta.get("department"), "year": meta.get("year"),
        "report_type": meta.get("report_type"), "project_name": meta.get("project_name"),
        "self_score": meta.get("self_score"), "grade": meta.get("grade"),
    }


def _section_rows(doc: int, data: dict) -> list[dict]:
    return [{"document_id": doc, "section_id": s["id"], "parent_id": s.get("parent"),
             "level": s["level"], "marker": s["marker"], "style": s["style"], "ordinal": s["ordinal"],
             "title": s["title"], "run_in": s["run_in"], "body": s["body"],
             "line": s["location"]["line"], "end_line": s["location"]["end_line"]}
            for s in data["sections"]]


def _table_rows(doc: int, data: dict) -> list[dict]:
    return [{"document_id": doc, "table_id": t["id"], "number": t.get("number"),
             "caption": t.get("caption"), "section_id": t.get("section"),
             "header_rows": t["header_rows"], "columns": json.dumps(t["columns"], ensure_ascii=False),
             "n_rows": t["n_rows"], "n_cols": t["n_cols"], "total_rows": json.dumps(t["total_rows"]),
             "line": t["location"]["line"], "end_line": t["location"]["end_line"]}
            for t in data["tables"]]


def _cell_rows(doc: int, data: dict) -> list[dict]:
    return [{"document_id": doc, "table_id": t["id"], "row_index": c["row"], "col_index": c["col"],
             "text": c["text"], "rowspan": c["rowspan"], "colspan": c["colspan"],
             "filled_from": c.get("filled_from"),
             "line": (c.get("location") or {}).get("line")}
            for t in data["tables"] for c in t["cells"]]


def _claim_rows(doc: int, data: dict) -> list[dict]:
    return [{"document_id": doc, "claim_index": i, "metric": c["metric"], "metric_text": c["metric_text"],
             **_quantity_columns(c), "unit_class": c["unit_class"], "precision": c["precision"],
             "qualifier": c.get("qualifier"), "operator": c.get("operator"), "year": c.get("year"),
             "section_id": c.get("section"), "origin": c["origin"], "text": c["text"],
             "sentence": c["sentence"], "line": c["location"]["line"],
             "end_line": c["location"]["end_line"], "page": c["location"].get("page")}
            for i, c in enumerate(data["claims"])]


def _budget_rows(doc: int, data: dict) -> list[dict]:
    rows = []
    for role, figure in data["budget"].items():
        if not figure:
            continue
        q = figure["quantity"]
        rows.append({"document_id": doc, "role": role, "source": figure["source"], "text": q["text"],
                     **_quantity_columns(q), "unit_class": q["unit_class"], "precision": q["precision"],
                     "qualifier": q.get("qualifier"), "sentence": figure["sentence"],
                     "line": figure["location"]["line"], "page": figure["location"].get("page")})
    return rows


def _fund_rows(doc: int, data: dict) -> list[dict]:
    return [{"document_id": doc, "fund_index": i, "number": f.get("number"), "name": f["name"],
             "text": f["amount"]["text"], **_quantity_columns(f["amount"]), "table_id": f["table"],
             "row_index": f["row"], "line": f["location"]["line"]}
            for i, f in enumerate(data["funds"])]


def _indicator_rows(doc: int, data: dict) -> list[dict]:
    rows = []
    for i, ind in enumerate(data["indicators"]):
        target = ind["target"]
        rows.append({
            "document_id": doc, "indicator_index": i, "level1": ind.get("level1"),
            "level2": ind.get("level2"), "name": ind["name"], "target_text": target["text"],
            "target_operator": target.get("operator"), "target_inferred": target["inferred_operator"],
            **_quantity_columns(target.get("quantity"), "target_"),
            "actual_text": ind["actual_text"], **_quantity_columns(ind.get("actual"), "actual_"),
            "met": ind["met"], "weight": ind.get("weight"), "score": ind.get("score"),
            "deviation_reason": ind.get("deviation_reason"), "table_id": ind["table"],
            "row_index": ind["row"], "line": ind["location"]["line"]})
    return rows


def _check_rows(doc: int, data: dict) -> list[dict]:
    return [{"document_id": doc, "check_index": i, "rule": c["rule"], "kind": c["kind"],
             "severity": c["severity"], "status": c["status"], "message": c["message"],
             "expected": c.get("expected"), "stated": c.get("stated"), "quote": c.get("quote"),
             "line": c["locations"][0]["line"] if c["locations"] else None,
             "locations": json.dumps(c["locations"], ensure_ascii=False, sort_keys=True)}
            for i, c in enumerate(data["checks"])]


_ROW_BUILDERS = {
    "sections": _section_rows, "tables": _table_rows, "table_cells": _cell_rows,
    "claims": _claim_rows, "budget": _budget_rows, "funds": _fund_rows,
    "indicators": _indicator_rows, "checks": _check_rows,
}


def _file_rows(doc: int, data: dict) -> list[dict]:
    return [{"path": data["source"]["path"], "sha256": data["source"]["sha256"], "document_id": doc,
             "converted_at": datetime.now(timezone.utc), "rule_set": data.get("rule_set")}]


_ROW_BUILDERS["files"] = _file_rows


def report_rows(data: dict) -> Rows:
    """The rows of every table for one report, given its JSON data (the
    parsed output of ``extract parse``: Decimals as strings). Keys are table
    names in :data:`TABLE_NAMES` order; rows are in document order. The one
    ``files`` row is the report's source path, converted now."""
    doc = document_id(data["source"]["sha256"])
    rows: Rows = {"documents": [_document_row(data)]}
    for name in TABLE_NAMES[1:]:
        rows[name] = _ROW_BUILDERS[name](doc, data)
    return rows


def check_error_count(data: dict) -> int:
    """How many checks of a report's JSON data failed with severity error."""
    return sum(1 for c in data.get("checks", ()) if c["status"] == "fail" and c["severity"] == "error")


# ---------------------------------------------------------------- database

def database_url(target: str) -> str:
    """An SQLAlchemy URL for ``target``: a URL as given (``postgresql://`` and
    ``postgres://`` go through psycopg 3), a bare file path as SQLite."""
    if "://" not in target:
        return f"sqlite:///{Path(target)}"
    scheme, rest = target.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return target


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # transactions begin in _sqlite_begin
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin(conn) -> None:
    """Take the write lock at the start of each transaction, so that
    several writers (batch workers) wait their turn instead of failing."""
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def open_database(target: str) -> Engine:
    """An engine on ``target`` (URL or SQLite file path) with the schema
    created if missing. SQLite gets foreign keys on, a write-ahead log, and
    transactions that wait for the write lock (several processes may write)."""
    url = database_url(target)
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url)
    except Exception as e:  # bad URL, missing driver
        raise InputError(f"cannot open database: {e}", target) from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    try:
        metadata.create_all(engine)
        add_missing_columns(engine)
    except exc.OperationalError as e:  # no server there, refused, wrong password, no such database
        engine.dispose()
        raise InputError(f"cannot connect to the database: {_first_line(e)}",
                         engine.url.render_as_string(hide_password=True)) from None
    return engine


def _first_line(error: exc.DBAPIError) -> str:
    """The driver's own reason, on one line (without SQLAlchemy's background link)."""
    text = str(error.orig if error.orig is not None else error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def add_missing_columns(engine: Engine) -> list[str]:
    """Add the nullable columns a database made by an earlier version of
    the schema lacks (``ALTER TABLE … ADD COLUMN``), so an old database
    takes new rows; returns ``table.column`` of each column added. A
    missing column that may not be null is left for the person to migrate
    (inserts then fail with the database's own message)."""
    from sqlalchemy import inspect, text
    from sqlalchemy.schema import CreateColumn

    with engine.connect() as conn:
        inspector = inspect(conn)
        missing = [(table, column) for table in metadata.sorted_tables
                   for column in table.columns
                   if column.nullable and column.name not in
                   {c["name"] for c in inspector.get_columns(table.name)}]
    added: list[str] = []
    if not missing:
        return added
    with engine.begin() as conn:
        for table, column in missing:
            ddl = CreateColumn(column).compile(dialect=engine.dialect)
            name = engine.dialect.identifier_preparer.format_table(table)
            conn.execute(text(f"ALTER TABLE {name} ADD COLUMN {ddl}"))
            added.append(f"{table.name}.{column.name}")
    return added


class DocumentIdClash(InputError):
    """Two different sha256 hashes share their first 60 bits."""


def _delete_document(conn, doc_id: int) -> None:
    """Delete a document and every row of it (its files rows too)."""
    for table in (files,) + CHILD_TABLES:
        conn.execute(delete(table).where(table.c.document_id == doc_id))
    conn.execute(delete(documents).where(documents.c.id == doc_id))


def upsert_report(engine: Engine, rows: Rows) -> list[int]:
    """Replace one document's rows (from :func:`report_rows`) in one
    transaction: delete whatever the document had, insert the new rows, and
    point its path at it (:func:`point_file`; the other paths of the same
    content keep theirs). Returns the ids of documents this removed
    because their last path now holds other content."""
    doc = rows["documents"][0]
    with engine.begin() as conn:
        held = conn.execute(select(documents.c.sha256).where(documents.c.id == doc["id"])).scalar()
        if held is not None and held != doc["sha256"]:
            raise DocumentIdClash(f"document id {doc['id']} is held by {held}", doc["path"])
        kept = []
        if held is not None:  # children go with their document: none without it
            kept = [dict(r._mapping) for r in conn.execute(
                select(files).where(files.c.document_id == doc["id"]))]
            _delete_document(conn, doc["id"])
        for table in TABLES[:-1]:
            if rows[table.name]:
                _insert_many(conn, table, rows[table.name])
        if kept:
            _insert_many(conn, files, kept)
        removed = []
        for row in rows["files"]:
            removed += point_file(conn, row["path"], row["sha256"], row["rule_set"], row["converted_at"])
        return removed


def point_file(conn, path: str, sha256: str, rule_set: Optional[str] = None,
               converted_at: Optional[datetime] = None) -> list[int]:
    """In an open transaction: make ``path`` the file of the document of
    ``sha256`` (which must be stored). A path already there with this
    content keeps its row; one whose content changed is pointed at the new
    document, and its old document is deleted when no other path holds it.
    Returns the ids of the documents deleted."""
    old = conn.execute(select(files.c.sha256, files.c.document_id).where(files.c.path == path)).first()
    if old is not None and old.sha256 == sha256:
        return []
    conn.execute(delete(files).where(files.c.path == path))
    _insert_many(conn, files, [{"path": path, "sha256": sha256, "document_id": document_id(sha256),
                                "converted_at": converted_at or datetime.now(timezone.utc),
                                "rule_set": rule_set}])
    if old is None:
        return []
    others = conn.execute(select(func.count()).select_from(files)
                          .where(files.c.document_id == old.document_id)).scalar()
    if others:
        return []
    _delete_document(conn, old.document_id)
    return [old.document_id]


def point_files(engine: Engine, paths: list[tuple[str, str, Optional[str]]]) -> list[str]:
    """:func:`point_file` for each (path, sha256, rule_set) whose document is
    stored, one transaction; returns the sha256 of the documents deleted."""
    gone: list[str] = []
    with engine.begin() as conn:
        stored = {sha for (sha,) in conn.execute(select(documents.c.sha256))}
        by_id = {document_id(sha): sha for sha in stored}
        for path, sha256, rule_set in paths:
            if sha256 in stored:
                gone += [by_id[i] for i in point_file(conn, path, sha256, rule_set) if i in by_id]
    return gone


DECIMAL_COLUMNS = {t.name: tuple(c.name for c in t.columns if isinstance(c.type, ExactDecimal))
                   for t in metadata.sorted_tables}


def decimals_as_text(table_name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` of a table with their exact decimals as text (the JSON form),
    whether they came as text or as :class:`~decimal.Decimal`."""
    columns = DECIMAL_COLUMNS[table_name]
    if not columns:
        return rows
    return [{**r, **{c: None if r[c] is None else str(r[c]) for c in columns}} for r in rows]


@functools.lru_cache(maxsize=64)
def _insert_statement(table: Table, dialect) -> tuple[str, Optional[tuple[str, ...]]]:
    """The driver's INSERT text for ``table`` and, for a positional
    paramstyle, the column order of its parameters."""
    compiled = insert(table).compile(dialect=dialect)
    return str(compiled), (tuple(compiled.positiontup) if compiled.positional else None)


def _insert_many(conn, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` with one executemany through the driver: SQLAlchemy's
    per-row parameter processing costs more than the insert itself. Exact
    decimals go as text (SQLite keeps the text; PostgreSQL casts it to
    NUMERIC without loss)."""
    sql, order = _insert_statement(table, conn.dialect)
    rows = decimals_as_text(table.name, rows)
    if table is files and conn.dialect.name == "sqlite":  # ISO text, as SQLAlchemy reads it back
        rows = [{**r, "converted_at": r["converted_at"].isoformat(sep=" ")} for r in rows]
    params = list(map(operator.itemgetter(*order), rows)) if order else rows
    conn.exec_driver_sql(sql, params)


@dataclass(frozen=True)
class StoredDocument:
    """What a database holds of a converted report: enough for a manifest row."""

    sha256: str
    path: str
    pages: Optional[int]
    check_errors: int
    rule_set: Optional[str] = None


def stored_documents(engine: Engine, schema_version: str = SCHEMA_VERSION) -> dict[str, StoredDocument]:
    """The documents already in the database at ``schema_version``, by sha256."""
    failed_errors = (select(checks.c.document_id, checks.c.check_index)
                     .where(checks.c.status == "fail", checks.c.severity == "error").subquery())
    counts = (select(failed_errors.c.document_id, func.count().label("n"))
              .group_by(failed_errors.c.document_id).subquery())
    query = (select(documents.c.sha256, documents.c.path, documents.c.pages, counts.c.n,
                    documents.c.rule_set)
             .outerjoin(counts, counts.c.document_id == documents.c.id)
             .where(documents.c.schema_version == schema_version))
    with engine.connect() as conn:
        return {sha: StoredDocument(sha, path, pages, n or 0, rule_set)
                for sha, path, pages, n, rule_set in conn.execute(query)}


def table_contents(engine: Engine) -> Rows:
    """Every row of every table, ordered by primary key; Decimals as
    Decimal. For comparing databases and exports."""
    out: Rows = {}
    with engine.connect() as conn:
        for table in TABLES:
            result = conn.execute(select(table).order_by(*table.primary_key.columns))
            out[table.name] = [dict(r._mapping) for r in result]
    return out


# ---------------------------------------------------------------- JSON in

@dataclass
class ExportSummary:
    """What :func:`export_json_dir` loaded: counts and the files it refused."""

    loaded: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def text(self) -> str:
        lines = [f"extract export: {self.loaded} reports loaded, {len(self.failed)} failed"]
        lines += [f"  {path}: {reason}" for path, reason in self.failed]
        return "\n".join(lines)


def report_json_files(json_dir: Path | str) -> list[Path]:
    """The ``*.json`` files under ``json_dir`` (recursively), sorted."""
    return sorted(p for p in Path(json_dir).rglob("*.json") if p.is_file() and not p.name.startswith("."))


def read_report_data(path: Path) -> dict:
    """A report JSON file's data, checked against the
    :class:`~extract.model.Report` model and given back in its full JSON
    form (every field, as ``model_dump(mode="json")``: what
    :func:`report_rows` takes). Raises :class:`~extract.errors.InputError`
    for a file that is not one."""
    return read_report(path).model_dump(mode="json")


def read_report(path: Path) -> Report:
    """A report JSON file (lean or full, schema 1.x or 2) as a
    :class:`~extract.model.Report`. Raises
    :class:`~extract.errors.InputError` for a file that is not one."""
    try:
        return Report.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise InputError(f"not a report JSON: {reason}", path) from None


def export_reports(json_dir: Path | str, db: str, parquet_dir: Optional[Path | str] = None,
                   jsonl_path: Optional[Path | str] = None) -> ExportSummary:
    """Load every report JSON under ``json_dir`` (validated against the
    model) into database ``db`` (URL or SQLite path), one transaction per
    report, so a re-run replaces and never duplicates. With ``jsonl_path``,
    write the loaded reports there as JSONL; with ``parquet_dir``, copy the
    database tables there as Parquet."""
    from contextlib import ExitStack

    from .jsonl import JsonlWriter

    summary = ExportSummary()
    engine = open_database(db)
    try:
        with ExitStack() as stack:
            jsonl = stack.enter_context(JsonlWriter(jsonl_path)) if jsonl_path else None
            for path in report_json_files(json_dir):
                try:
                    report = read_report(path)
                    upsert_report(engine, report_rows(report.model_dump(mode="json")))
                except InputError as e:
                    summary.failed.append((str(path), e.reason))
                    continue
                except IntegrityError as e:
                    summary.failed.append((str(path), f"refused by the database: {e.orig}"))
                    continue
                summary.loaded += 1
                if jsonl:
                    jsonl.write_text(report.model_dump_json(**LEAN))
        if parquet_dir:
            from .parquet import database_to_parquet

            database_to_parquet(engine, parquet_dir)
    finally:
        engine.dispose()
    return summary
