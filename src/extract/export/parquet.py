"""Parquet tables of reports, through pyarrow: the database tables as files.

:func:`database_to_parquet` copies every table of the schema in
:mod:`extract.export.sql` to ``<table>.parquet``: same columns, same rows,
ordered by primary key. Exact amounts are decimal text, as in the JSON;
integers are int64. Rows stream through in batches, each file is written
under a temporary name and renamed into place when complete.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import BigInteger, Boolean, Integer, select
from sqlalchemy.engine import Engine

from .jsonfile import replacing
from .sql import DECIMAL_COLUMNS, TABLES, Rows

BATCH_ROWS = 50_000


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


def _column_values(values: tuple, column, decimals: tuple[str, ...]) -> list:
    """One column's raw database values as Arrow takes them: decimals as
    text, SQLite's 0/1 as booleans."""
    if column.name in decimals:
        return [None if v is None else str(v) for v in values]
    if isinstance(column.type, Boolean):
        return [None if v is None else bool(v) for v in values]
    return list(values)


def _record_batch(table, rows: list[tuple]) -> pa.RecordBatch:
    schema = SCHEMAS[table.name]
    columns = list(zip(*rows))
    arrays = [pa.array(_column_values(values, column, DECIMAL_COLUMNS[table.name]), type=field.type)
              for values, column, field in zip(columns, table.columns, schema)]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _copy_table(conn, table, path: Path) -> int:
    """Write ``table`` to the Parquet file ``path``; return its row count."""
    query = select(table).order_by(*table.primary_key.columns).compile(dialect=conn.dialect)
    result = conn.exec_driver_sql(str(query))  # raw values: no per-row processing
    n = 0
    with pq.ParquetWriter(path, SCHEMAS[table.name], compression="zstd") as writer:
        while rows := result.fetchmany(BATCH_ROWS):
            writer.write_batch(_record_batch(table, [tuple(r) for r in rows]))
            n += len(rows)
    return n


def database_to_parquet(engine: Engine, folder: os.PathLike | str) -> dict[str, int]:
    """Copy every table of the database to ``folder/<table>.parquet``; return
    the row count of each."""
    counts = {}
    with engine.connect() as conn:
        for table in TABLES:
            with replacing(Path(folder) / f"{table.name}.parquet") as tmp:
                counts[table.name] = _copy_table(conn, table, tmp)
    return counts


def read_parquet_rows(folder: os.PathLike | str) -> Rows:
    """Every row of every table under ``folder``, as written."""
    return {name: pq.read_table(Path(folder) / f"{name}.parquet").to_pylist() for name in SCHEMAS}
