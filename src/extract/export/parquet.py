"""Parquet tables of reports, through pyarrow: the database tables as files.

:func:`database_to_parquet` copies every table of the schema in
:mod:`extract.export.schema` to ``<table>.parquet``: same columns, same rows,
ordered by primary key, with the types an analyst's tools read as they are
(pandas gives ``Decimal``, ``bool`` and lists):

- exact amounts (every ``ExactDecimal`` column: figures, 分值/得分,
  self-scores) are ``decimal128(38, 10)``: exact, at most 28 integer and 10
  decimal digits (a figure with more decimals is refused, never rounded);
  the decimals as stated are in the ``precision`` column beside them;
- yes/no columns (``met``, ``run_in``, ``target_inferred``) are ``bool``,
  null where not known;
- columns the databases hold as JSON text are nested: ``tables.columns``
  a list of strings, ``tables.total_rows`` a list of integers,
  ``checks.locations`` a list of location structs (line, end_line, start,
  end, page, bbox, cell {table, row, col});
- ``files.converted_at`` is a UTC timestamp;
- integers are int64, other text is string.

Rows stream through in batches of :data:`BATCH_ROWS` (PostgreSQL through a
server-side cursor), one row group each, so the memory a copy takes does
not grow with the archive; each file is written under a temporary name and
renamed into place when complete.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import BigInteger, Boolean, DateTime, Integer, select
from sqlalchemy.engine import Engine

from .jsonfile import replacing
from .schema import DECIMAL_COLUMNS, TABLES, Rows

#: rows fetched, converted and written (one Parquet row group) at a time:
#: a batch of section bodies or check results takes a few MB, and rebuilding
#: the Parquet files of 200 reports raises the process's peak by under a
#: third of what holding up to 50,000 rows at once did (issue 22;
#: scripts/bench_batch.py --rebuild)
BATCH_ROWS = 1_000

#: Arrow's allocations come from the C library's allocator, which gives a
#: batch's buffers back when they are freed; Arrow's default (mimalloc)
#: keeps them, so the process's peak grew by each table's largest batch
POOL = pa.system_memory_pool()

DECIMAL = pa.decimal128(38, 10)

LOCATION = pa.struct([
    ("line", pa.int64()), ("end_line", pa.int64()), ("start", pa.int64()), ("end", pa.int64()),
    ("page", pa.int64()), ("bbox", pa.list_(pa.float64())),
    ("cell", pa.struct([("table", pa.string()), ("row", pa.int64()), ("col", pa.int64())])),
])


def _location(loc: dict) -> dict:
    """A location's JSON data as a :data:`LOCATION` struct value."""
    cell = loc.get("cell")
    return {"line": loc.get("line"), "end_line": loc.get("end_line", loc.get("line")),
            "start": loc.get("start"), "end": loc.get("end"), "page": loc.get("page"),
            "bbox": loc.get("bbox"),
            "cell": None if cell is None else {"table": cell[0], "row": cell[1], "col": cell[2]}}


# (table, column) held as JSON text in SQL: its Arrow type and how a decoded value becomes one
NESTED_COLUMNS: dict[tuple[str, str], tuple[pa.DataType, Callable[[Any], Any]]] = {
    ("tables", "columns"): (pa.list_(pa.string()), list),
    ("tables", "total_rows"): (pa.list_(pa.int64()), list),
    ("checks", "locations"): (pa.list_(LOCATION), lambda locs: [_location(x) for x in locs]),
}


def nested_value(table: str, column: str, text: str | None):
    """The Parquet value of a column SQL holds as JSON text (``None`` stays)."""
    if text is None:
        return None
    return NESTED_COLUMNS[(table, column)][1](json.loads(text))


def arrow_type(column) -> pa.DataType:
    """The Arrow type for an SQL column of :mod:`extract.export.schema`."""
    nested = NESTED_COLUMNS.get((column.table.name, column.name))
    if nested:
        return nested[0]
    if column.name in DECIMAL_COLUMNS[column.table.name]:
        return DECIMAL
    if isinstance(column.type, (BigInteger, Integer)):
        return pa.int64()
    if isinstance(column.type, Boolean):
        return pa.bool_()
    if isinstance(column.type, DateTime):
        return pa.timestamp("us", tz="UTC")
    return pa.string()


def arrow_schema(table) -> pa.Schema:
    """The Arrow schema of an SQL table: same column names, same order."""
    return pa.schema([pa.field(c.name, arrow_type(c), nullable=c.nullable) for c in table.columns])


SCHEMAS = {t.name: arrow_schema(t) for t in TABLES}


def _column_values(values: tuple, column) -> list:
    """One column's raw database values as Arrow takes them: decimals (text
    on SQLite) as Decimal, SQLite's 0/1 as booleans, JSON text decoded."""
    table = column.table.name
    if (table, column.name) in NESTED_COLUMNS:
        return [nested_value(table, column.name, v) for v in values]
    if column.name in DECIMAL_COLUMNS[table]:
        return [None if v is None else Decimal(str(v)) for v in values]
    if isinstance(column.type, Boolean):
        return [None if v is None else bool(v) for v in values]
    if isinstance(column.type, DateTime):  # SQLite: ISO text
        return [datetime.fromisoformat(v) if isinstance(v, str) else v for v in values]
    return list(values)


def _record_batch(table, rows: list[tuple]) -> pa.RecordBatch:
    schema = SCHEMAS[table.name]
    columns = list(zip(*rows))
    arrays = [pa.array(_column_values(values, column), type=field.type, memory_pool=POOL)
              for values, column, field in zip(columns, table.columns, schema)]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _copy_table(conn, table, path: Path) -> int:
    """Write ``table`` to the Parquet file ``path``; return its row count."""
    query = select(table).order_by(*table.primary_key.columns).compile(dialect=conn.dialect)
    # raw values, no per-row processing; a server-side cursor where there is one
    result = conn.execution_options(stream_results=True, max_row_buffer=BATCH_ROWS).exec_driver_sql(str(query))
    n = 0
    with pq.ParquetWriter(path, SCHEMAS[table.name], compression="zstd", memory_pool=POOL) as writer:
        while rows := result.fetchmany(BATCH_ROWS):
            writer.write_batch(_record_batch(table, [tuple(r) for r in rows]))
            n += len(rows)
    return n


def database_to_parquet(engine: Engine, folder: os.PathLike | str,
                        tables: Optional[Iterable[str]] = None) -> dict[str, int]:
    """Copy every table of the database (or those named in ``tables``) to
    ``folder/<table>.parquet``; return the row count of each."""
    counts = {}
    wanted = None if tables is None else set(tables)
    with engine.connect() as conn:
        for table in TABLES:
            if wanted is not None and table.name not in wanted:
                continue
            with replacing(Path(folder) / f"{table.name}.parquet") as tmp:
                counts[table.name] = _copy_table(conn, table, tmp)
    return counts


def read_parquet_rows(folder: os.PathLike | str) -> Rows:
    """Every row of every table under ``folder``, as written (Decimals as
    Decimal, nested columns as lists and dicts)."""
    return {name: pq.read_table(Path(folder) / f"{name}.parquet").to_pylist() for name in SCHEMAS}
