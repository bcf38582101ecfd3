"""A batch's collections (``reports.jsonl`` and ``parquet/``) rebuilt in a
child process, so the process that coordinates the batch never loads pyarrow.

    rebuild_apart(db, json_dir, jsonl_path, parquet_dir, processes=1) -> RebuildRun

With ``processes`` above one (batch passes its worker count: the cores it
was given, idle once the conversion is done), the work is split between as
many children, each copying a share of the tables of about equal rows (the
first also writing the JSONL): the rebuild is most of a batch's fixed cost
after the conversion (about 0.9 s for 300 reports, nearly all of it the
copy itself, not pyarrow's import), and two children take about half as
long (issue 22: the scaling of 2 workers over 1, taken overall).

Copying the tables to Parquet loads pyarrow, and pyarrow's first conversion
of a Python list imports pandas to see whether the list is a pandas object:
together about 90 MB that a process keeps once loaded, on top of the rows
being converted (issue 22: the batch parent's peak while it rebuilds). The
child is forked for the rebuild (the database code and the model are loaded
already, so it starts at once), does what
:func:`~extract.export.archive.write_collections` does in-process, and gives
all its memory back when it ends. Since nothing runs in the child after the
copy, pyarrow's look for pandas finds none there (:class:`_NoPandas`): the
child rises by about 40 MB less than the copy in-process did.

What stays as it was in-process:

- every file is written under a temporary name and renamed into place
  (:func:`~extract.export.jsonfile.replacing`), so a reader, a failure or a
  killed child leaves the old file or the whole new one; the caller records
  the collections as built (its stamp) only after the child says it is done,
  so a failed or killed rebuild is done again by the next run;
- a failure in the child is raised in the parent as the same exception
  (class and message: the same one line and exit code from the CLI), with
  the child's traceback added as a note for ``--debug``; a child that ends
  without a word (killed, out of memory) raises :class:`CollectionsLost`;
- the child inherits the descriptors of its parent, the output folder's
  lock among them (:func:`extract.batch.output_lock`): if the parent is
  killed, no other batch can start on the folder until the child has
  finished writing.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional


class CollectionsLost(RuntimeError):
    """The child rebuilding the collections ended without saying how."""


@dataclass(frozen=True)
class RebuildRun:
    """What a rebuild did: the reports the JSONL holds, the resident memory
    (KB) of the child that rose most when it started (the pages it shares
    with its parent counted) and at its peak, and how many children shared
    the work."""

    reports: int
    start_rss_kb: int = 0
    peak_rss_kb: int = 0
    processes: int = 1


def _status_kb(key: str) -> int:
    """A figure of ``/proc/self/status`` in KB (0 where there is none)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            return next((int(line.split()[1]) for line in f if line.startswith(key)), 0)
    except OSError:
        return 0


def rebuild_here(db: str, json_dir: os.PathLike | str, jsonl_path: Optional[os.PathLike | str],
                 parquet_dir: os.PathLike | str, tables: Optional[Iterable[str]] = None) -> int:
    """Write ``jsonl_path`` (every ``*.json`` under ``json_dir``, sorted, one
    per line; None: no JSONL) and copy every table of database ``db`` (or
    those named in ``tables``) to ``parquet_dir``, in this process; returns
    how many reports the JSONL holds (0 without one)."""
    from .archive import report_json_files, write_collections
    from .database import open_database

    engine = open_database(db)
    try:
        texts = (path.read_text(encoding="utf-8") for path in report_json_files(json_dir)) if jsonl_path else ()
        return write_collections(engine, texts, jsonl_path, parquet_dir, tables)
    finally:
        engine.dispose()


#: What writing one report's line of the JSONL weighs against copying one
#: table row to Parquet when the work is split (measured on the samples'
#: batches: a report's line about 0.25 ms, a row 3-15 µs by its table)
JSONL_ROWS_PER_REPORT = 30


def split_tables(counts: dict[str, int], reports: int, processes: int) -> list[list[str]]:
    """The tables (``counts``: rows of each, in the schema's order) split
    into at most ``processes`` shares of about equal rows, the first share
    carrying the JSONL's weight (``reports`` lines) too: each table in turn,
    the largest first, goes to the lightest share. Empty shares are left out
    but for the first (the JSONL's)."""
    processes = max(1, min(processes, len(counts) + 1))
    shares: list[list[str]] = [[] for _ in range(processes)]
    weights = [reports * JSONL_ROWS_PER_REPORT] + [0] * (processes - 1)
    for name in sorted(counts, key=lambda n: -counts[n]):
        lightest = min(range(processes), key=lambda i: (weights[i], i))
        shares[lightest].append(name)
        weights[lightest] += counts[name]
    order = {name: i for i, name in enumerate(counts)}
    return [sorted(share, key=order.__getitem__) for i, share in enumerate(shares) if share or i == 0]


def _table_rows(db: str) -> dict[str, int]:
    """The row count of each table of database ``db``, in the schema's order."""
    from sqlalchemy import func, select

    from .database import open_database
    from .schema import TABLES

    engine = open_database(db)
    try:
        with engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in TABLES}
    finally:
        engine.dispose()


def _portable(error: BaseException) -> tuple:
    """``error`` as the parent can raise it again: pickled when it makes the
    round trip, else its class name and message; with its traceback."""
    trace = "".join(traceback.format_exception(error))
    try:
        data = pickle.dumps(error)
        pickle.loads(data)
        return ("pickled", data, trace)
    except Exception:  # noqa: BLE001 - an exception that does not pickle
        return ("text", f"{type(error).__name__}: {error}", trace)


class _NoPandas:
    """An import finder that finds no pandas. Converting its first Python
    list, pyarrow imports pandas only to see whether the list is a pandas
    object (about 55 MB, more than the rows being copied take); the child
    converts no pandas object and ends when the copy is done, so pyarrow may
    take pandas as absent there. (In a process that goes on, a researcher's
    session, it may not: pyarrow would keep believing it absent, which is why
    :func:`~extract.export.parquet.database_to_parquet` itself leaves the
    probe alone.)"""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"No module named {name!r} (left out of the rebuilding child)", name=name)
        return None


def _child(conn, db: str, json_dir: str, jsonl_path: Optional[str], parquet_dir: str,
           tables: Optional[list[str]] = None) -> None:
    start = _status_kb("VmRSS:")
    import sys

    if "pandas" not in sys.modules:  # loaded by the parent: shared pages, nothing to save
        sys.meta_path.insert(0, _NoPandas())
    try:
        count = rebuild_here(db, json_dir, jsonl_path, parquet_dir, tables)
        message = ("done", RebuildRun(count, start, _status_kb("VmHWM:")))
    except BaseException as e:  # noqa: BLE001 - every failure goes to the parent
        message = ("failed", _portable(e))
    conn.send(message)
    conn.close()


def _raised(portable: tuple) -> BaseException:
    """The exception of the child, to raise in the parent."""
    kind, data, trace = portable
    error: BaseException | None = None
    if kind == "pickled":
        try:
            error = pickle.loads(data)
        except Exception:  # noqa: BLE001 - fall back on its text
            data = trace.rstrip().splitlines()[-1]
    if error is None:
        error = CollectionsLost(f"rebuilding the collections failed: {data}")
    error.add_note("in the process rebuilding the collections:\n" + trace.rstrip())
    return error


def _context():
    """fork where there is one (the child starts at once, with what the
    parent has loaded, and keeps its descriptors); else spawn."""
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return multiprocessing.get_context("spawn")


def rebuild_apart(db: str, json_dir: os.PathLike | str, jsonl_path: os.PathLike | str,
                  parquet_dir: os.PathLike | str, processes: int = 1) -> RebuildRun:
    """:func:`rebuild_here` in child processes, ``processes`` at most, each a
    share of the tables (:func:`split_tables`; see the module docstring);
    raises what a child raised (the first share's first), once every child
    has ended."""
    if processes > 1:
        from .archive import report_json_files

        shares: list[Optional[list[str]]] = list(split_tables(
            _table_rows(db), sum(1 for _ in report_json_files(json_dir)), processes))
    else:
        shares = [None]
    ctx = _context()
    children = []
    try:
        for i, tables in enumerate(shares):
            receiving, sending = ctx.Pipe(duplex=False)
            child = ctx.Process(target=_child, name="extract-collections",
                                args=(sending, db, str(json_dir), str(jsonl_path) if i == 0 else None,
                                      str(parquet_dir), tables))
            child.start()
            sending.close()
            children.append((child, receiving))
        outcomes = []
        for child, receiving in children:
            try:
                outcomes.append(receiving.recv())
            except EOFError:
                outcomes.append((None, None))
            child.join()
    finally:
        for child, receiving in children:
            receiving.close()
            if child.is_alive():  # the parent is interrupted: the children go with it
                child.kill()
                child.join()
    for (outcome, payload), (child, _) in zip(outcomes, children):
        if outcome == "failed":
            raise _raised(payload)
        if outcome != "done":
            raise CollectionsLost(f"the process rebuilding {Path(jsonl_path).name} and {Path(parquet_dir).name}/ "
                                  f"ended without a word (exit code {child.exitcode})")
    runs = [payload for _, payload in outcomes]
    rose = max(runs, key=lambda r: r.peak_rss_kb - r.start_rss_kb)
    return RebuildRun(runs[0].reports, rose.start_rss_kb, rose.peak_rss_kb, len(runs))
