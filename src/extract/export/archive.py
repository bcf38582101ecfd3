"""An archive of reports into a database, JSONL and Parquet: the one
orchestration that ``extract batch`` and ``extract export`` share.

Each report's rows are stored in one transaction (:func:`store_rows`); the
reviewers' decisions found beside the inputs (``REPORT.review.json``) go
into ``reviews`` (:func:`record_reviews`); at the end
:func:`write_collections` writes the JSONL of the reports and copies every
table to Parquet, each file under a temporary name renamed into place, so a
reader or a killed run sees the old file or the whole new one.

``extract export`` (:func:`export_reports`) loads report JSON files;
``extract batch`` (:mod:`extract.batch`) converts documents in workers that
store their own rows, then calls the same two steps.
"""

from __future__ import annotations

import os
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from sqlalchemy.engine import Engine

from ..errors import InputError
from ..model import LEAN, CheckResult, Report
from .database import open_database, replace_reviews, reviewed_documents, store_rows
from .jsonl import JsonlWriter
from .rows import report_rows, review_rows
from .schema import document_id


@dataclass
class ExportSummary:
    """What :func:`export_reports` loaded: counts and the files it refused."""

    loaded: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def text(self) -> str:
        lines = [f"extract export: {self.loaded} reports loaded, {len(self.failed)} failed"]
        lines += [f"  {path}: {reason}" for path, reason in self.failed]
        return "\n".join(lines)


def report_json_files(json_dir: Path | str) -> list[Path]:
    """The ``*.json`` files under ``json_dir`` (recursively), sorted."""
    return sorted(p for p in Path(json_dir).rglob("*.json") if p.is_file() and not p.name.startswith("."))


def read_report(path: Path) -> Report:
    """A report JSON file (lean or full, schema 1.x or 2) as a
    :class:`~extract.model.Report`. Raises
    :class:`~extract.errors.InputError` for a file that is not one."""
    try:
        return Report.model_validate_json(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise InputError(f"not a report JSON: {reason}", path) from None


def read_report_data(path: Path) -> dict:
    """A report JSON file's data, checked against the
    :class:`~extract.model.Report` model and given back in its full JSON
    form (every field, as ``model_dump(mode="json")``: what
    :func:`~extract.export.rows.report_rows` takes)."""
    return read_report(path).model_dump(mode="json")


def record_reviews(engine: Engine, inputs: Iterable[tuple[str, str]],
                   checks_of: Callable[[str], list[CheckResult]]) -> list[tuple[str, str]]:
    """Store the decisions of the sidecars beside ``inputs`` ((input path,
    sha256) of stored documents) as their documents' ``reviews`` rows: for
    a document with several paths, the later decision about a fingerprint
    wins; a document whose sidecar is gone loses its rows. ``checks_of``
    gives a document's check results by sha256 (to tell stale decisions).
    Returns (sidecar, reason) of each sidecar that could not be read; the
    others are stored all the same."""
    from ..review import ReviewError, load_review, sidecar_path

    paths: dict[str, list[str]] = {}
    for path, sha256 in inputs:
        paths.setdefault(sha256, []).append(path)
    had = reviewed_documents(engine)
    by_document: dict[int, list[dict]] = {}
    problems: list[tuple[str, str]] = []
    for sha256, of_document in paths.items():
        doc = document_id(sha256)
        latest: dict[str, tuple] = {}
        for path in of_document:
            sidecar = sidecar_path(path)
            if not sidecar.is_file():
                continue
            try:
                review = load_review(sidecar)
            except ReviewError as e:
                problems.append((str(sidecar), e.reason))
                continue
            for d in review.decisions:
                if d.fingerprint not in latest or d.at > latest[d.fingerprint][0].at:
                    latest[d.fingerprint] = (d, str(sidecar))
        if not latest and doc not in had:
            continue
        try:
            results = checks_of(sha256) if latest else []
        except InputError as e:
            problems.append((of_document[0], e.reason))
            continue
        by_document[doc] = review_rows(doc, latest.values(), results)
    if by_document:
        replace_reviews(engine, by_document)
    return problems


def write_collections(engine: Engine, report_texts: Iterable[str], jsonl_path: Optional[os.PathLike | str] = None,
                      parquet_dir: Optional[os.PathLike | str] = None,
                      tables: Optional[Iterable[str]] = None) -> int:
    """Write ``jsonl_path`` (each report JSON text of ``report_texts`` on
    one line, in order; a one-line text as is) and, after, copy every table
    of the database (or those named in ``tables``) to ``parquet_dir``.
    Returns how many reports the JSONL holds (the texts are consumed even
    without a JSONL)."""
    count = 0
    with (JsonlWriter(jsonl_path) if jsonl_path else nullcontext()) as jsonl:
        for text in report_texts:
            if jsonl is not None:
                jsonl.write_text(text)
            count += 1
    if parquet_dir:
        from .parquet import database_to_parquet  # pyarrow: loaded only here

        database_to_parquet(engine, parquet_dir, tables)
    return count


def export_reports(json_dir: Path | str, db: str, parquet_dir: Optional[Path | str] = None,
                   jsonl_path: Optional[Path | str] = None) -> ExportSummary:
    """Load every report JSON under ``json_dir`` (validated against the
    model) into database ``db`` (URL or SQLite path), one transaction per
    report, so a re-run replaces and never duplicates, with the decisions
    of the sidecar beside each report's source (``reviews``). With
    ``jsonl_path``, write the loaded reports there as JSONL; with
    ``parquet_dir``, copy the database tables there as Parquet."""
    summary = ExportSummary()
    engine = open_database(db)

    def loaded() -> Iterator[str]:
        for path in report_json_files(json_dir):
            try:
                report = read_report(path)
            except InputError as e:
                summary.failed.append((str(path), e.reason))
                continue
            refused = store_rows(engine, report_rows(report))
            if refused:
                summary.failed.append((str(path), refused))
                continue
            summary.loaded += 1
            for sidecar, reason in record_reviews(engine, [(report.source.path, report.source.sha256)],
                                                  lambda _: report.checks):
                summary.failed.append((sidecar, reason))
            yield report.model_dump_json(**LEAN)

    try:
        write_collections(engine, loaded(), jsonl_path, parquet_dir)
    finally:
        engine.dispose()
    return summary
