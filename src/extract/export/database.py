"""Reports in a relational database, through SQLAlchemy Core: opening an
engine (SQLite by default, PostgreSQL by URL) and writing a document's rows.

:func:`open_database` gives an engine with the schema of
:mod:`extract.export.schema` created if missing; :func:`upsert_report`
replaces one document's rows (from :func:`extract.export.rows.report_rows`)
in one transaction, so a re-run or a resume never duplicates anything and a
killed run never leaves half a document; :func:`replace_reviews` does the
same for a document's reviewers' decisions.
"""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

from sqlalchemy import Table, create_engine, delete, event, func, insert, select
from sqlalchemy import exc
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from ..errors import InputError
from ..model import SCHEMA_VERSION
from .rows import decimals_as_text
from .schema import (
    CHILD_TABLES, TABLES, Rows, checks, document_id, documents, files, metadata, reviews,
)

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
    """Replace one document's rows (from :func:`~extract.export.rows.report_rows`)
    in one transaction: delete whatever the document had, insert the new
    rows, and point its path at it (:func:`point_file`; the other paths of
    the same content keep theirs, and its ``reviews`` stay until
    :func:`replace_reviews` replaces them). Returns the ids of documents
    this removed because their last path now holds other content."""
    doc = rows["documents"][0]
    with engine.begin() as conn:
        held = conn.execute(select(documents.c.sha256).where(documents.c.id == doc["id"])).scalar()
        if held is not None and held != doc["sha256"]:
            raise DocumentIdClash(f"document id {doc['id']} is held by {held}", doc["path"])
        kept: dict[Table, list[dict]] = {}
        if held is not None:  # children go with their document: none without it
            for table in (files, reviews):
                kept[table] = [dict(r._mapping) for r in conn.execute(
                    select(table).where(table.c.document_id == doc["id"]))]
            _delete_document(conn, doc["id"])
        for table in TABLES[:-1]:
            if rows.get(table.name):
                _insert_many(conn, table, rows[table.name])
        for table, kept_rows in kept.items():
            if kept_rows:
                _insert_many(conn, table, kept_rows)
        removed = []
        for row in rows["files"]:
            removed += point_file(conn, row["path"], row["sha256"], row["rule_set"], row["converted_at"])
        return removed


def store_rows(engine: Engine, rows: Rows) -> Optional[str]:
    """:func:`upsert_report`, and None; or the reason the database refused
    the rows (an id clash, a constraint), which stores nothing."""
    try:
        upsert_report(engine, rows)
        return None
    except DocumentIdClash as e:
        return e.reason
    except IntegrityError as e:
        return f"refused by the database: {e.orig}"


def replace_reviews(engine: Engine, by_document: dict[int, list[dict[str, Any]]]) -> None:
    """In one transaction, make the ``reviews`` rows of each stored document
    of ``by_document`` exactly its list (from
    :func:`~extract.export.rows.review_rows`; empty: its sidecar is gone)."""
    with engine.begin() as conn:
        stored = {i for (i,) in conn.execute(select(documents.c.id))}
        for doc, rows in by_document.items():
            if doc not in stored:
                continue
            conn.execute(delete(reviews).where(reviews.c.document_id == doc))
            if rows:
                _insert_many(conn, reviews, rows)


def reviewed_documents(engine: Engine) -> set[int]:
    """The ids of the documents that have ``reviews`` rows."""
    with engine.connect() as conn:
        return {i for (i,) in conn.execute(select(reviews.c.document_id).distinct())}


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
    extractor: Optional[str] = None
    #: check results stored (none: converted without checks, ``--no-checks``)
    checks: int = 0


def stored_documents(engine: Engine, schema_version: str = SCHEMA_VERSION) -> dict[str, StoredDocument]:
    """The documents already in the database at ``schema_version``, by sha256."""
    failed_errors = (select(checks.c.document_id, checks.c.check_index)
                     .where(checks.c.status == "fail", checks.c.severity == "error").subquery())
    counts = (select(failed_errors.c.document_id, func.count().label("n"))
              .group_by(failed_errors.c.document_id).subquery())
    every = (select(checks.c.document_id, func.count().label("all_checks"))
             .group_by(checks.c.document_id).subquery())
    query = (select(documents.c.sha256, documents.c.path, documents.c.pages, counts.c.n,
                    documents.c.rule_set, documents.c.extractor, every.c.all_checks)
             .outerjoin(counts, counts.c.document_id == documents.c.id)
             .outerjoin(every, every.c.document_id == documents.c.id)
             .where(documents.c.schema_version == schema_version))
    with engine.connect() as conn:
        return {sha: StoredDocument(sha, path, pages, n or 0, rule_set, extractor, all_checks or 0)
                for sha, path, pages, n, rule_set, extractor, all_checks in conn.execute(query)}


def table_contents(engine: Engine) -> Rows:
    """Every row of every table, ordered by primary key; Decimals as
    Decimal. For comparing databases and exports."""
    out: Rows = {}
    with engine.connect() as conn:
        for table in TABLES:
            result = conn.execute(select(table).order_by(*table.primary_key.columns))
            out[table.name] = [dict(r._mapping) for r in result]
    return out


