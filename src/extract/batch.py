"""Batch conversion: an archive of reports into JSON, JSONL, Parquet and a database.

    run_batch(["archive/"], BatchOptions(out_dir="out")) -> BatchSummary

The steps, each a function below:

1. :func:`discover_reports`: report files under the given paths, by extension
   (txt, pdf, docx, html, htm), recursively; symbolic links are followed, a
   folder reached twice (a link loop) is searched once.
2. :func:`plan_batch`: the sha256 of each file is its key. A file whose
   report the output already holds (database row and JSON file, same schema
   version) is *skipped*, so a re-run or a resume after ``kill -9`` does only
   what is left; a second file with the same content is skipped too.
3. Conversion in parallel: :class:`LocalPool` (worker processes, one document
   at a time each; a worker past the time limit, or one that dies, is replaced
   and its document reported failed) or :func:`run_on_dask` (the same work on
   a Dask distributed cluster; the file's bytes travel with the task, so the
   workers need no shared disk). Workers run :func:`convert_document`, which
   never raises: a bad file becomes a failed result with its error class
   and reason.
4. :func:`store_report` stores each report: the JSON file by temporary name
   + rename, then the database rows in one transaction. Local workers do it
   themselves (the coordinating process then has almost nothing to do per
   document, so throughput grows with the workers); for Dask workers, which
   may be on other machines, :class:`BatchOutputs` does it as results arrive.
   At the end :class:`BatchOutputs` stores the reviewers' decisions found
   beside the inputs (``REPORT.review.json``) in ``reviews``, rebuilds
   ``reports.jsonl`` and ``parquet/`` through
   :func:`~extract.export.archive.write_collections` (what ``extract
   export`` uses too) in a child process
   (:func:`~extract.export.rebuild.rebuild_apart`: this process never loads
   pyarrow) and writes the manifest (CSV and JSONL, one row per input).

The output folder::

    json/<sha256>.json        one report each, compact (the data ``extract parse`` writes)
    reports.jsonl             every report, one per line
    parquet/<table>.parquet   the database tables as Parquet
    reports.sqlite            the database, unless --db names another
    manifest.csv, manifest.jsonl
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import multiprocessing
import os
import resource
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter, deque
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from .discover import REPORT_SUFFIXES, discover_reports  # noqa: F401  (part of this module's API)
from .errors import ExtractError, InputError
from .model import LEAN
from .review import sidecar_path
from .ruleset import RuleSet, RulesLike
from .provenance import extractor_id
from .export.archive import read_report, record_reviews
from .export.database import StoredDocument, open_database, point_files, store_rows, stored_documents
from .export.jsonfile import write_atomic
from .export.rebuild import RebuildRun, rebuild_apart
from .export.rows import check_error_count, report_rows
from .export.schema import documents

DEFAULT_TIMEOUT = 120.0  # extract.limits.DEFAULT.max_seconds, as for `extract parse`
MANIFEST_COLUMNS = ("path", "sha256", "status", "error_class", "error", "note", "pages",
                    "seconds", "check_errors", "rule_set")


def file_sha256(path: os.PathLike | str) -> str:
    """The sha256 of a file's bytes, as hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# ---------------------------------------------------------------- plan

@dataclass
class ManifestRow:
    """One input of a batch: what became of it.

    ``status`` is ``done`` (converted now), ``skipped`` (converted before, or
    the same content as another input; ``note`` says which), ``failed``
    (``error_class`` and ``error`` say why) or ``pending`` (not reached: the
    batch stopped early). ``check_errors`` counts failed checks of severity
    error; ``seconds`` is the conversion time in the worker; ``rule_set``
    the digest of the rule set the report was (or is to be) made with.
    """

    path: str
    sha256: str = ""
    status: str = "pending"
    error_class: str = ""
    error: str = ""
    note: str = ""
    pages: Optional[int] = None
    seconds: Optional[float] = None
    check_errors: Optional[int] = None
    rule_set: str = ""


@dataclass(frozen=True)
class DocumentTask:
    """One document to convert: its path, its sha256 and, for a worker with
    no access to the path (Dask), its bytes."""

    path: str
    sha256: str
    data: Optional[bytes] = None


def plan_batch(files: Iterable[Path], converted: dict[str, StoredDocument],
               on_file: Callable[[], None] = lambda: None) -> tuple[list[ManifestRow], list[DocumentTask]]:
    """Hash each file and decide what to do with it: the manifest rows (in
    file order) and the tasks still to run. ``converted`` holds the reports
    the output already has, by sha256."""
    rows: list[ManifestRow] = []
    tasks: list[DocumentTask] = []
    first_path: dict[str, str] = {}
    for path in files:
        row = ManifestRow(str(path))
        rows.append(row)
        on_file()
        try:
            row.sha256 = file_sha256(path)
        except OSError as e:
            row.status, row.error_class, row.error = "failed", "InputError", f"cannot read: {e.strerror}"
            continue
        done = converted.get(row.sha256)
        if done is not None:
            row.status, row.note = "skipped", "already converted"
            row.pages, row.check_errors = done.pages, done.check_errors
        elif row.sha256 in first_path:
            row.status, row.note = "skipped", f"same content as {first_path[row.sha256]}"
        else:
            first_path[row.sha256] = row.path
            tasks.append(DocumentTask(row.path, row.sha256))
    return rows, tasks


# ---------------------------------------------------------------- conversion (in a worker)

@dataclass(frozen=True)
class ConvertSettings:
    """How workers convert: the rule set (None: the built-in rules; a
    RuleSet travels to Dask workers as the text of its files) and whether
    to run the checks; ``debug`` keeps tracebacks of failures;
    ``timeout`` is the time limit of one parse (:mod:`extract.limits`: an
    alarm in a worker process, a deadline the loaders check in a thread).
    With ``json_dir`` and ``db`` (workers on the machine of the output), a
    worker stores each report itself (:func:`store_report`) and sends back
    only the manifest facts, so the parent has next to nothing to do per
    document; without them the parent stores what workers send back."""

    rules: Optional[RuleSet] = None
    run_checks: bool = True
    debug: bool = False
    timeout: Optional[float] = None
    json_dir: Optional[str] = None
    db: Optional[str] = None


@dataclass
class DocumentResult:
    """What a worker made of one document: the report's JSON text (empty
    when the worker wrote the file itself) and its database rows, or the
    error class and reason it failed with."""

    path: str
    sha256: str
    status: str
    error_class: str = ""
    error: str = ""
    traceback: str = ""
    pages: Optional[int] = None
    seconds: float = 0.0
    check_errors: Optional[int] = None
    report_json: str = ""
    rows: Optional[dict] = None
    worker_rss_kb: int = 0


def report_json_path(json_dir: os.PathLike | str, sha256: str) -> Path:
    """Where a batch keeps the JSON of the report with ``sha256``."""
    return Path(json_dir) / f"{sha256}.json"


def _peak_rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _parse(task: DocumentTask, settings: ConvertSettings):
    """The report of ``task`` under the limits of :mod:`extract.limits`
    (time limit ``settings.timeout``): parsed from its path, or from its
    shipped bytes under the same file name in a temporary folder."""
    from .limits import DEFAULT
    from .pipeline import Extractor

    extractor = Extractor(settings.rules, DEFAULT.with_(max_seconds=settings.timeout or None))
    if task.data is None:
        return extractor.parse(task.path, settings.run_checks)
    with tempfile.TemporaryDirectory(prefix="extract-") as tmp:
        local = Path(tmp) / Path(task.path).name
        local.write_bytes(task.data)
        report = extractor.parse(local, settings.run_checks)
    report.source.path = task.path
    return report


def failed_result(task: DocumentTask, error_class: str, reason: str, seconds: float = 0.0,
                  trace: str = "", rss_kb: int = 0) -> DocumentResult:
    """A failed :class:`DocumentResult` for ``task`` (``rss_kb``: the
    worker's peak memory, when a worker made it)."""
    return DocumentResult(task.path, task.sha256, "failed", error_class=error_class, error=reason,
                          traceback=trace, seconds=round(seconds, 3), worker_rss_kb=rss_kb)


def convert_document(task: DocumentTask, settings: ConvertSettings) -> DocumentResult:
    """Parse (and check) one report; return its JSON text and rows, or why
    it failed. Never raises for a bad document."""
    start = time.perf_counter()
    try:
        report = _parse(task, settings)
        report.extractor = extractor_id()  # the worker's own code, wherever it runs
        # serialized once: the lean compact JSON (`extract parse --compact`);
        # the rows are read from the report itself
        text = report.model_dump_json(**LEAN) + "\n"
        result = DocumentResult(
            task.path, report.source.sha256, "done", pages=report.source.pages,
            check_errors=check_error_count(report), report_json=text, rows=report_rows(report))
        if settings.db and settings.json_dir:
            result = store_report(_worker_database(settings.db), Path(settings.json_dir), result)
        result.seconds, result.worker_rss_kb = round(time.perf_counter() - start, 3), _peak_rss_kb()
        return result
    except Exception as e:  # noqa: BLE001 - a bad file (or a bug) never stops the batch
        reason = e.reason if isinstance(e, ExtractError) else f"internal error: {e}"
        return failed_result(task, type(e).__name__, reason, time.perf_counter() - start,
                             traceback.format_exc() if settings.debug else "", _peak_rss_kb())


_worker_engines: dict[tuple[int, str], object] = {}


def _worker_database(db: str):
    """This process's own engine on ``db`` (never one inherited by fork)."""
    key = (os.getpid(), db)
    if key not in _worker_engines:
        _worker_engines[key] = open_database(db)
    return _worker_engines[key]


def store_report(engine, json_dir: Path, result: DocumentResult) -> DocumentResult:
    """Store a done result: its JSON file (temp + rename), then its rows in
    one database transaction. Returns the result without its JSON text and
    rows, or failed (``DatabaseRefused``, JSON file removed) if the
    database refused the rows."""
    path = report_json_path(json_dir, result.sha256)
    write_atomic(path, result.report_json)
    stored = replace(result, report_json="", rows=None)
    reason = store_rows(engine, result.rows)
    if reason is None:
        return stored
    path.unlink(missing_ok=True)
    return replace(stored, status="failed", error_class="DatabaseRefused", error=reason)


def time_limit_result(task: DocumentTask, timeout: float, waited: float) -> DocumentResult:
    """The failure of a document whose parse did not stop at the time
    limit and was stopped from outside after ``waited`` seconds."""
    return failed_result(task, "LimitExceeded", f"took longer than the time limit of {timeout:g} s "
                         "(stopped from outside)", waited)


def hard_deadline(timeout: float) -> float:
    """Seconds after which a parse that ignored its time limit (stuck in
    native code) is stopped from outside: the limit plus a grace."""
    return timeout + max(1.0, 0.1 * timeout)


# ---------------------------------------------------------------- local worker processes

def _worker_loop(conn: Connection, settings: ConvertSettings) -> None:
    """A worker process: convert each task received until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            for engine in _worker_engines.values():
                engine.dispose()
            return
        conn.send(convert_document(task, settings))


def _process_context():
    """fork where there is one: workers start at once and share what the
    parent loaded (see :func:`warm_up`); else spawn."""
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return multiprocessing.get_context("spawn")


WARM_UP_REPORT = ("2024年度科技专项资金项目支出绩效自评报告\n一、项目基本情况\n"
                  "项目年初预算100.5万元，调整后预算100.5万元，实际支出90万元，支出率89.55%。\n")


def warm_up(settings: ConvertSettings) -> None:
    """Parse a small built-in report so that what the pipeline loads once
    (word lists, rules) is loaded before workers are forked from this
    process. A broken rule folder raises here, before the batch starts."""
    from .load.text import source_from_text
    from .model import Source
    from .pipeline import parse_source
    from .rules import RuleError

    try:
        parse_source(source_from_text(WARM_UP_REPORT), Source(path="<warm-up>", sha256="0" * 64),
                     settings.rules, settings.run_checks)
    except RuleError:
        raise
    except Exception:  # noqa: BLE001 - a real document will report it
        pass


@dataclass
class _Worker:
    """A worker process, its end of the pipe, and the task it is on (if any)."""

    process: multiprocessing.process.BaseProcess
    conn: Connection
    task: Optional[DocumentTask] = None
    started: float = 0.0


class LocalPool:
    """Worker processes on this machine converting one document at a time
    each. A parse stops itself at ``settings.timeout`` (an alarm in the
    worker); one that does not (stuck in native code) by
    :func:`hard_deadline` gets its worker killed and replaced; a worker that
    dies is replaced too. Either way the document is
    reported failed and the others go on. Workers are forked (where the
    system can): call :func:`warm_up` first and they start ready."""

    def __init__(self, workers: int, settings: ConvertSettings):
        self.workers = max(1, workers)
        self.settings = settings
        self.timeout = settings.timeout or None
        self.deadline = hard_deadline(self.timeout) if self.timeout else None
        self._ctx = _process_context()

    def _start_worker(self) -> _Worker:
        parent_end, child_end = self._ctx.Pipe()
        process = self._ctx.Process(target=_worker_loop, args=(child_end, self.settings),
                                    name="extract-worker", daemon=True)
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    @staticmethod
    def _stop_worker(worker: _Worker, kill: bool = False) -> None:
        """Stop a worker: ask an idle one to finish, kill a stuck or dead one."""
        if not kill and worker.process.is_alive():
            try:
                worker.conn.send(None)
                worker.process.join(2)
            except OSError:
                pass
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()

    def _collect(self, worker: _Worker) -> DocumentResult:
        """The result of a worker that has something to say (or has died)."""
        try:
            if worker.conn.poll():
                return worker.conn.recv()
        except (EOFError, OSError):
            pass
        worker.process.join(1)
        return failed_result(worker.task, "WorkerCrashed",
                             f"the worker died (exit code {worker.process.exitcode}) on this document",
                             time.monotonic() - worker.started)

    def _wait_seconds(self, busy: list[_Worker]) -> Optional[float]:
        """How long to wait for results before the next deadline passes."""
        if self.deadline is None:
            return None
        now = time.monotonic()
        return max(0.0, min(w.started + self.deadline - now for w in busy)) + 0.05

    @staticmethod
    def _assign(pool: list[_Worker], queue: deque) -> None:
        for worker in pool:
            if worker.task is None and queue:
                worker.task, worker.started = queue.popleft(), time.monotonic()
                try:
                    worker.conn.send(worker.task)
                except OSError:  # died while idle: its sentinel reports it
                    pass

    def _finished(self, pool: list[_Worker]) -> list[tuple[_Worker, DocumentResult]]:
        """Wait for results or a deadline; the workers done with their task
        (each now free) and their results."""
        busy = [w for w in pool if w.task is not None]
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                         timeout=self._wait_seconds(busy)))
        now = time.monotonic()
        out = []
        for worker in busy:
            if worker.conn in ready or worker.process.sentinel in ready:
                out.append((worker, self._collect(worker)))
            elif self.deadline is not None and now - worker.started > self.deadline:
                out.append((worker, time_limit_result(worker.task, self.timeout, now - worker.started)))
            else:
                continue
            worker.task = None
        return out

    def run(self, tasks: Iterable[DocumentTask]) -> Iterator[DocumentResult]:
        """Convert ``tasks``; yield each result as it comes (in completion order)."""
        queue = deque(tasks)
        pool = [self._start_worker() for _ in range(min(self.workers, len(queue)))]
        try:
            while queue or any(w.task for w in pool):
                self._assign(pool, queue)
                for worker, result in self._finished(pool):
                    if result.error_class in _WORKER_LOST or not worker.process.is_alive():
                        pool.remove(worker)
                        self._stop_worker(worker, kill=True)
                        if queue:
                            pool.append(self._start_worker())
                    yield result
        finally:
            for worker in pool:
                self._stop_worker(worker, kill=worker.task is not None)


_WORKER_LOST = ("WorkerCrashed", "LimitExceeded")


# ---------------------------------------------------------------- Dask

def convert_on_dask_worker(task: DocumentTask, settings: ConvertSettings) -> DocumentResult:
    """:func:`convert_document` on a Dask worker (in a thread: the loaders
    check the time limit as they go). A parse that does not stop by
    :func:`hard_deadline` is reported failed; a thread cannot be killed, so
    it is left to finish in the background."""
    if not settings.timeout:
        return convert_document(task, settings)
    box: list[DocumentResult] = []
    thread = threading.Thread(target=lambda: box.append(convert_document(task, settings)),
                              name=f"extract-{task.sha256[:12]}", daemon=True)
    thread.start()
    thread.join(hard_deadline(settings.timeout))
    return box[0] if box else time_limit_result(task, settings.timeout, hard_deadline(settings.timeout))


@contextmanager
def dask_client(scheduler: Optional[str], workers: int):
    """A Dask client on ``scheduler`` (``tcp://HOST:PORT``), or, with none,
    on a cluster of ``workers`` single-threaded processes on loopback."""
    import logging

    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as e:
            raise InputError(f"cannot reach the Dask scheduler: {e}", scheduler) from None
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, host="127.0.0.1",
                      dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        yield client


def _dask_outcome(future, task: DocumentTask) -> DocumentResult:
    try:
        return future.result()
    except Exception as e:  # the worker died, the task was lost
        return failed_result(task, type(e).__name__, f"the Dask task failed: {e}")
    finally:
        future.release()


def run_on_dask(tasks: Iterable[DocumentTask], settings: ConvertSettings,
                scheduler: Optional[str], workers: int) -> Iterator[DocumentResult]:
    """Convert ``tasks`` on a Dask cluster; yield each result as it comes.
    A file's bytes travel with its task; a few tasks per worker thread are
    in flight at a time, so memory stays bounded on any archive size."""
    from distributed import as_completed

    with dask_client(scheduler, workers) as client:
        window = max(2, 4 * sum(client.nthreads().values()))
        pending = deque(tasks)
        running = as_completed()
        task_of = {}

        def submit_next() -> Optional[DocumentResult]:
            task = pending.popleft()
            try:
                shipped = replace(task, data=Path(task.path).read_bytes())
            except OSError as e:
                return failed_result(task, "InputError", f"cannot read: {e.strerror}")
            future = client.submit(convert_on_dask_worker, shipped, settings,
                                   key=f"extract-{task.sha256}", pure=False, retries=0)
            task_of[future.key] = task
            running.add(future)
            return None

        while pending and running.count() < window:
            early = submit_next()
            if early:
                yield early
        for future in running:
            yield _dask_outcome(future, task_of.pop(future.key))
            while pending and running.count() < window:
                early = submit_next()
                if early:
                    yield early


# ---------------------------------------------------------------- outputs

def _remove_stale_temporaries(folder: Path) -> None:
    """Remove what a killed run left under temporary names (``.*.tmp``)."""
    for sub in (folder, folder / "json", folder / "parquet"):
        for tmp in sub.glob(".*.tmp"):
            try:
                tmp.unlink()
            except OSError:
                pass


@contextmanager
def output_lock(folder: Path):
    """Hold an exclusive lock on ``folder`` for one batch at a time; the
    lock goes with the process, so a killed run never leaves it held."""
    import fcntl

    fd = os.open(folder / ".lock", os.O_CREAT | os.O_RDWR, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError("another batch is writing to this folder", folder) from None
        yield
    finally:
        os.close(fd)


class BatchOutputs:
    """The output folder and database of a batch: what they hold already,
    storing one result, rebuilding the collections, the manifest."""

    def __init__(self, out_dir: Path, db: Optional[str] = None):
        self.out_dir = out_dir
        self.json_dir = out_dir / "json"
        self.json_dir.mkdir(parents=True, exist_ok=True)
        self.db = db or str(out_dir / "reports.sqlite")
        self.engine = open_database(self.db)
        self._stored_at_start = self._stored()
        self._reviews_state = ""
        self.rebuild: Optional[RebuildRun] = None  # the last rebuild of the collections

    def _stored(self) -> set[str]:
        """The sha256 of every document the database holds."""
        from sqlalchemy import select

        with self.engine.connect() as conn:
            return {sha for (sha,) in conn.execute(select(documents.c.sha256))}


    def converted(self, rule_set: Optional[str] = None,
                  extractor: Optional[str] = None, checked: bool = False) -> dict[str, StoredDocument]:
        """Reports done before: in the database (this schema version, made
        by the rule set with digest ``rule_set`` and by the code
        ``extractor`` when given; with check results when ``checked``) and
        with their JSON file, by sha256. A report made by other rules or by
        another extract (an upgrade, a fix), or without the checks asked for
        now (``--no-checks`` before), is converted again."""
        on_disk = {p.stem for p in self.json_dir.glob("*.json")}
        return {sha: d for sha, d in stored_documents(self.engine).items()
                if sha in on_disk and (rule_set is None or d.rule_set == rule_set)
                and (extractor is None or d.extractor == extractor) and (not checked or d.checks > 0)}

    def store(self, result: DocumentResult) -> DocumentResult:
        """Store a done result, unless its worker did (:func:`store_report`)."""
        if result.rows is None:
            return result
        return store_report(self.engine, self.json_dir, result)

    def record_files(self, rows: list[ManifestRow]) -> None:
        """Point the path of every skipped input (converted before, or the
        same content as another input) at its document in the ``files``
        table, as a converted one's was when it was stored; then remove the
        JSON file of each document this batch removed from the database (a
        file whose content changed took its path to its new document, and
        no other path held the old one)."""
        point_files(self.engine, [(r.path, r.sha256, r.rule_set or None)
                                  for r in rows if r.status == "skipped" and r.sha256])
        for sha256 in self._stored_at_start - self._stored():
            report_json_path(self.json_dir, sha256).unlink(missing_ok=True)

    def record_reviews(self, rows: list[ManifestRow]) -> list[tuple[str, str]]:
        """Store the decisions found beside the inputs (``REPORT.review.json``)
        in the ``reviews`` table (:func:`~extract.export.archive.record_reviews`),
        for every input converted now or before; returns (sidecar, reason) of
        each that could not be read. The digest of the sidecars read becomes
        part of the collections' stamp."""
        from .review import sidecar_path

        inputs = [(r.path, r.sha256) for r in rows if r.status in ("done", "skipped") and r.sha256]
        digest = hashlib.sha256()
        for path, _ in inputs:
            sidecar = sidecar_path(path)
            if sidecar.is_file():
                st = sidecar.stat()
                digest.update(f"{sidecar} {st.st_size} {st.st_mtime_ns}\n".encode())
        self._reviews_state = " " + digest.hexdigest()
        return record_reviews(self.engine, inputs,
                              lambda sha256: read_report(report_json_path(self.json_dir, sha256)).checks)

    def _json_state(self) -> str:
        """A digest of the JSON files' names, sizes and modification times."""
        digest = hashlib.sha256()
        for path in sorted(self.json_dir.glob("*.json")):
            st = path.stat()
            digest.update(f"{path.name} {st.st_size} {st.st_mtime_ns}\n".encode())
        return digest.hexdigest()

    def rebuild_collections(self, processes: int = 1) -> bool:
        """Rewrite ``reports.jsonl`` (every JSON file of the folder, sorted
        by sha256) and ``parquet/`` (a copy of the database tables), unless
        they were built when the JSON files were as they are now. Returns
        whether it rebuilt them; :attr:`rebuild` then says how. The rebuild
        runs in child processes, ``processes`` at most, each a share of the
        tables (:func:`~extract.export.rebuild.rebuild_apart`), and the
        stamp that marks the collections as built is written only when all
        are done."""
        stamp, state = self.out_dir / ".collections", self._json_state() + self._reviews_state
        built = [self.out_dir / "reports.jsonl", self.out_dir / "parquet" / "documents.parquet", stamp]
        if all(p.exists() for p in built) and stamp.read_text(encoding="utf-8") == state:
            return False
        self.rebuild = rebuild_apart(self.db, self.json_dir, self.out_dir / "reports.jsonl",
                                     self.out_dir / "parquet", processes=processes)
        write_atomic(stamp, state)
        return True

    def start_manifest(self, rows: Iterable[ManifestRow]) -> None:
        """Begin this run's manifest with the rows decided before any
        conversion (skipped, failed to hash); :meth:`append_manifest` adds
        each document as it finishes, so a run killed with ``kill -9`` leaves
        a manifest of everything it finished. :meth:`write_manifest`
        rewrites both files in input order at the end."""
        with open(self.out_dir / "manifest.csv", "w", encoding="utf-8", newline="") as f:
            csv.DictWriter(f, fieldnames=MANIFEST_COLUMNS, lineterminator="\n").writeheader()
        (self.out_dir / "manifest.jsonl").write_text("", encoding="utf-8")
        for row in rows:
            self.append_manifest(row)

    def append_manifest(self, row: ManifestRow) -> None:
        """Append one finished row to ``manifest.csv`` and ``manifest.jsonl``
        (flushed to the system at once)."""
        values = asdict(row)
        with open(self.out_dir / "manifest.csv", "a", encoding="utf-8", newline="") as f:
            csv.DictWriter(f, fieldnames=MANIFEST_COLUMNS, lineterminator="\n").writerow(
                {k: "" if v is None else v for k, v in values.items()})
        with open(self.out_dir / "manifest.jsonl", "a", encoding="utf-8") as f:
            f.write(json.dumps(values, ensure_ascii=False) + "\n")

    def write_manifest(self, rows: list[ManifestRow]) -> None:
        """``manifest.csv`` and ``manifest.jsonl``, one row per input, in input order."""
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if v is None else v for k, v in asdict(row).items()})
        write_atomic(self.out_dir / "manifest.csv", buffer.getvalue())
        write_atomic(self.out_dir / "manifest.jsonl",
                     "".join(json.dumps(asdict(r), ensure_ascii=False) + "\n" for r in rows))

    def close(self) -> None:
        self.engine.dispose()


# ---------------------------------------------------------------- the batch

@dataclass
class BatchOptions:
    """How to run a batch. ``db``: an SQLAlchemy URL or SQLite path (default
    ``out_dir/reports.sqlite``); ``workers``: processes (default: one per
    core); ``timeout``: seconds per document (0 or None: no limit);
    ``executor``: ``local`` or ``dask`` (``scheduler``: ``tcp://HOST:PORT``,
    or none for a cluster on this machine); ``keep_going``: False stops at the
    first failure; ``progress``: None shows a bar when stderr is a terminal."""

    out_dir: os.PathLike | str
    db: Optional[str] = None
    workers: Optional[int] = None
    timeout: Optional[float] = DEFAULT_TIMEOUT
    executor: str = "local"
    scheduler: Optional[str] = None
    keep_going: bool = True
    rules: RulesLike = None
    run_checks: bool = True
    debug: bool = False
    progress: Optional[bool] = None


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


@dataclass
class BatchSummary:
    """The outcome of a batch: the manifest rows, the output folder, the
    peak memory seen in any worker, the seconds spent planning (hashing),
    converting and rebuilding the collections, and how the collections were
    rebuilt (None: they were up to date)."""

    rows: list[ManifestRow]
    out_dir: Path
    keep_going: bool = True
    paths: list[str] = field(default_factory=list)
    peak_worker_rss_kb: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)
    rebuild: Optional[RebuildRun] = None

    def __post_init__(self) -> None:
        self.counts = Counter(r.status for r in self.rows)

    @property
    def failed(self) -> list[ManifestRow]:
        return [r for r in self.rows if r.status == "failed"]

    @property
    def exit_code(self) -> int:
        """0 when every report is converted (now or before); 1 when some
        failed; 2 when none could be converted, the input held no report, or
        the batch stopped at a failure (``keep_going`` off)."""
        if not self.rows or (self.failed and not self.keep_going):
            return 2
        if len(self.failed) == len(self.rows):
            return 2
        return 1 if self.failed else 0

    def text(self, shown: int = 20) -> str:
        """The summary a person reads: counts, then each failure with its reason."""
        if not self.rows:
            where = ", ".join(self.paths) or "the input"
            return f"extract batch: no report found under {where} (looked for {' '.join(REPORT_SUFFIXES)})"
        c = self.counts
        head = (f"extract batch: {len(self.rows)} reports: {c['done']} done, {c['skipped']} skipped, "
                f"{c['failed']} failed")
        if c["pending"]:
            head += f", {c['pending']} not run (stopped at the first failure)"
        lines = [head]
        if self.failed:
            by_class = Counter(r.error_class for r in self.failed)
            lines.append("failed: " + ", ".join(f"{k} {n}" for k, n in sorted(by_class.items())))
            lines += [f"  {r.path}: {r.error_class}: {r.error}" for r in self.failed[:shown]]
            if len(self.failed) > shown:
                lines.append(f"  … and {len(self.failed) - shown} more")
        lines.append(f"manifest: {self.out_dir / 'manifest.csv'} (and manifest.jsonl)")
        return "\n".join(lines)


class BatchProgress:
    """The progress bar on stderr: files, pages, rate, ETA, failures so far."""

    def __init__(self, total: int, enabled: Optional[bool], debug: bool = False, unit: str = "report"):
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread: workers are forked from this process
        self.pages = self.failed = 0
        self.debug = debug
        self.bar = tqdm(total=total, unit=unit, file=sys.stderr, dynamic_ncols=True,
                        disable=None if enabled is None else not enabled, smoothing=0.05)

    def advance(self, result: Optional[DocumentResult] = None) -> None:
        if result is not None:
            self.pages += result.pages or 0
            self.failed += result.status == "failed"
            self.bar.set_postfix(pages=self.pages, failed=self.failed, refresh=False)
            if self.debug and result.traceback:
                self.bar.write(f"{result.path}:\n{result.traceback}", file=sys.stderr)
        self.bar.update()

    def close(self) -> None:
        self.bar.close()


def _results(tasks: list[DocumentTask], options: BatchOptions, json_dir: Path,
             db: str) -> Iterator[DocumentResult]:
    settings = ConvertSettings(RuleSet.of(options.rules), options.run_checks, options.debug, options.timeout)
    workers = options.workers or default_workers()
    if options.executor == "dask":
        return run_on_dask(tasks, settings, options.scheduler, workers)
    if options.executor != "local":
        raise ValueError(f"unknown executor {options.executor!r} (local or dask)")
    return LocalPool(workers, replace(settings, json_dir=str(json_dir), db=db)).run(tasks)


def _record(row: ManifestRow, result: DocumentResult) -> None:
    row.status, row.error_class, row.error = result.status, result.error_class, result.error
    row.sha256 = result.sha256 or row.sha256
    row.pages, row.seconds, row.check_errors = result.pages, result.seconds, result.check_errors


def convert_tasks(tasks: list[DocumentTask], rows: list[ManifestRow], outputs: BatchOutputs,
                  options: BatchOptions) -> int:
    """Run ``tasks``, store each result, fill its manifest row; stop at the
    first failure unless ``options.keep_going``. Returns the peak worker
    memory seen (KB)."""
    row_of = {r.path: r for r in rows}
    progress = BatchProgress(len(tasks), options.progress, options.debug)
    results = _results(tasks, options, outputs.json_dir, outputs.db)
    peak = 0
    try:
        for result in results:
            if result.status == "done":
                result = outputs.store(result)
            _record(row_of[result.path], result)
            outputs.append_manifest(row_of[result.path])
            peak = max(peak, result.worker_rss_kb)
            progress.advance(result)
            if result.status == "failed" and not options.keep_going:
                break
    finally:
        results.close()
        progress.close()
        for row in rows:
            if row.status == "pending":
                row.note = "not run: the batch stopped early"
    return peak


class PhaseClock:
    """Seconds spent in each phase of a batch: ``timings[phase]`` is wall
    time, ``timings[phase + "_cpu"]`` CPU time of this process and
    ``timings[phase + "_workers_cpu"]`` that of child processes that ended
    (workers; in ``collections``, the process rebuilding them)."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._last = self._now()

    @staticmethod
    def _now() -> tuple[float, float, float]:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.perf_counter(), time.process_time(), children.ru_utime + children.ru_stime

    def lap(self, phase: str) -> None:
        """Close ``phase``: what was spent since the last lap."""
        now = self._now()
        for suffix, value, last in zip(("", "_cpu", "_workers_cpu"), now, self._last):
            self.timings[phase + suffix] = round(value - last, 3)
        self._last = now


def _run_batch_in(outputs: BatchOutputs, paths: Iterable[os.PathLike | str], options: BatchOptions,
                  clock: PhaseClock) -> tuple[list[ManifestRow], int]:
    """The phases of :func:`run_batch` on open outputs: plan, warm up,
    convert (manifest written even if stopped), rebuild the collections.
    Returns the manifest rows and the peak worker memory (KB)."""
    files = discover_reports(paths)
    hashing = BatchProgress(len(files), options.progress if len(files) > 1000 else False, unit="file")
    rules = RuleSet.of(options.rules)
    rows, tasks = plan_batch(files, outputs.converted(rules.digest, extractor_id(), options.run_checks), hashing.advance)
    for row in rows:
        if row.status != "failed":
            row.rule_set = rules.digest
    hashing.close()
    outputs.start_manifest(r for r in rows if r.status != "pending")
    clock.lap("plan")
    if tasks and options.executor == "local":
        warm_up(ConvertSettings(rules, options.run_checks))
    clock.lap("warm_up")
    try:
        peak = convert_tasks(tasks, rows, outputs, options)
    finally:
        outputs.write_manifest(rows)
    outputs.record_files(rows)
    problems = outputs.record_reviews(rows)
    if problems:  # the report is converted; its reviewer's file is not read
        note_of = {str(sidecar_path(r.path)): r for r in rows}
        for sidecar, reason in problems:
            row = note_of.get(sidecar)
            if row is not None:
                row.note = "; ".join(x for x in (row.note, f"review file not read: {reason}") if x)
        outputs.write_manifest(rows)
    clock.lap("convert")
    # the cores the conversion was given share the rebuild (it runs after the conversion)
    cores = default_workers()
    outputs.rebuild_collections(max(1, min(options.workers or cores, cores)))
    clock.lap("collections")
    return rows, peak


def run_batch(paths: Iterable[os.PathLike | str], options: BatchOptions) -> BatchSummary:
    """Convert every report under ``paths`` into ``options.out_dir`` (see the
    module docstring); return the summary. Re-running skips what is done."""
    paths = list(paths)
    out_dir = Path(options.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    clock = PhaseClock()
    with output_lock(out_dir):
        _remove_stale_temporaries(out_dir)
        outputs = BatchOutputs(out_dir, options.db)
        try:
            rows, peak = _run_batch_in(outputs, paths, options, clock)
        finally:
            outputs.close()
    return BatchSummary(rows, out_dir, options.keep_going, [str(p) for p in paths], peak, clock.timings,
                        rebuild=outputs.rebuild)
