"""Parquet tables of reports, through pyarrow: the SQL schema as files.

One file per table (``documents.parquet``, ``claims.parquet`` …) with the
same columns and the same rows as the database (see :mod:`extract.export.sql`).
Exact amounts are decimal text, as in the JSON; integers are int64. Files are
written in row groups as reports stream in, under a temporary name, and
renamed into place when complete.
"""

from __future__ import annotations

import os
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Iterable

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import BigInteger, Boolean, Integer

from .jsonl import replacing
from .sql import TABLES, ExactDecimal, Rows

ROW_GROUP_ROWS = 50_000


def arrow_type(column) -> pa.DataType:
    """The Arrow type for an SQL column of :mod:`extract.export.sql`."""
    if isinstance(column.type, (BigInteger, Integer)):
        return pa.int64()
    if isinstance(column.type, Boolean):
        return pa.bool_()
    return pa.string()


def arrow_schema(table) -> pa.Schema:
    """The Arrow schema of an SQL table: same column names, same order."""
    return pa.schema([pa.field(c.name, arrow_type(c), nullable=c.nullable) for c in table.columns])


SCHEMAS = {t.name: arrow_schema(t) for t in TABLES}
_DECIMAL_COLUMNS = {t.name: [c.name for c in t.columns if isinstance(c.type, ExactDecimal)] for t in TABLES}


def _as_text(rows: list[dict[str, Any]], columns: list[str]) -> list[dict[str, Any]]:
    """Rows with their decimal columns as text (the JSON form)."""
    if not columns:
        return rows
    return [{**r, **{c: None if r[c] is None else str(r[c]) for c in columns}} for r in rows]


class ParquetTablesWriter:
    """Streams report rows into one Parquet file per table under a folder.

    ``with ParquetTablesWriter(folder) as w: w.add(rows)``; the files replace
    the old ones only when the block ends without an error.
    """

    def __init__(self, folder: os.PathLike | str):
        self.folder = Path(folder)
        self._pending: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._stack = ExitStack()

    def __enter__(self) -> "ParquetTablesWriter":
        self._stack.__enter__()
        for name, schema in SCHEMAS.items():
            tmp = self._stack.enter_context(replacing(self.folder / f"{name}.parquet"))
            self._writers[name] = pq.ParquetWriter(tmp, schema, compression="zstd")
        return self

    def add(self, rows: Rows) -> None:
        """Queue one report's rows (from :func:`~extract.export.sql.report_rows`)."""
        for name, table_rows in rows.items():
            self._pending[name].extend(_as_text(table_rows, _DECIMAL_COLUMNS[name]))
            if len(self._pending[name]) >= ROW_GROUP_ROWS:
                self._flush(name)

    def _flush(self, name: str) -> None:
        rows = self._pending[name]
        if rows:
            self._writers[name].write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[name]))
        self._pending[name] = []

    def __exit__(self, exc_type, exc, tb) -> bool:
        error = exc
        try:
            if error is None:
                for name in SCHEMAS:
                    self._flush(name)
        except BaseException as e:  # noqa: BLE001 - the files must not be renamed into place
            error = e
        for writer in self._writers.values():
            writer.close()
        if error is not None and error is not exc:
            self._stack.__exit__(type(error), error, error.__traceback__)
            raise error
        return bool(self._stack.__exit__(exc_type, exc, tb))


def write_parquet(rows: Iterable[Rows], folder: os.PathLike | str) -> int:
    """Write the rows of many reports to ``folder/<table>.parquet``; return
    how many reports."""
    n = 0
    with ParquetTablesWriter(folder) as writer:
        for r in rows:
            writer.add(r)
            n += 1
    return n


def read_parquet_rows(folder: os.PathLike | str) -> Rows:
    """Every row of every table under ``folder``, as written."""
    return {name: pq.read_table(Path(folder) / f"{name}.parquet").to_pylist() for name in SCHEMAS}
