"""Check results of many files as JSON, for machines.

:func:`run_json` takes a :class:`~extract.check_run.CheckRun` and returns
``{"summary": {...}, "results": [...]}``: the summary over all files
(files, checked, unreadable, counts by severity and status, findings per
rule, the exit status), and per file an object (:func:`file_json`) with the
file, its format, pages, document type, counts by severity and status, the
error of a file that could not be read, and every check result (the
``checks`` of ``extract parse``: a passed or skipped check has a null
severity; a location's ``line`` is the line of the laid-out text, counted
over the whole document, with ``page`` beside it for PDFs). A finding
(failed check) also has its ``fingerprint`` (:mod:`extract.review`) and,
when a reviewer decided about it, its ``decision``; the file's ``stale``
lists the decisions whose finding is gone. ``jsonl`` is one
:func:`file_json` per line.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..check_run import CheckRun, FileCheck


def checks_json(f: "FileCheck") -> list[dict[str, Any]]:
    """Every check result of ``f``; a finding with its fingerprint and decision."""
    marks = {id(r): (fp, d) for fp, r, d in f.fingerprinted()}
    out = []
    for r in f.results:
        data = r.model_dump(mode="json")
        if id(r) in marks:
            fp, decision = marks[id(r)]
            data["fingerprint"] = fp
            if decision is not None:
                data["decision"] = decision.model_dump(include={"decision", "note", "by", "at"})
        out.append(data)
    return out


def file_json(f: "FileCheck") -> dict[str, Any]:
    """One file's outcome as plain JSON data."""
    source = f.report.source if f.report else None
    return {
        "file": f.path,
        "format": source.format if source else None,
        "pages": source.pages if source else None,
        "document_type": f.document_type,
        "error": f.error,
        "error_class": f.error_class,
        "counts": f.counts(),
        "checks": checks_json(f),
        "stale": [d.model_dump(mode="json") for d in f.stale],
        **({"review_error": f.review_error} if f.review_error else {}),
    }


def run_summary_json(run: "CheckRun", fail_on: str = "error") -> dict[str, Any]:
    """The summary over every file of ``run``."""
    return {
        "files": len(run.files),
        "checked": len(run.checked),
        "unreadable": len(run.unreadable),
        "counts": run.counts(),
        "findings_by_rule": run.findings_by_rule(),
        "exit_code": run.exit_code(fail_on),
    }


def run_json(run: "CheckRun", fail_on: str = "error") -> dict[str, Any]:
    """``{"summary": …, "results": [one object per file]}``."""
    return {"summary": run_summary_json(run, fail_on), "results": [file_json(f) for f in run.files]}


def render_json(run: "CheckRun", fail_on: str = "error") -> str:
    from ..export.jsonfile import collector_paused, indented_json

    with collector_paused():
        return indented_json(run_json(run, fail_on)) + "\n"


def render_jsonl(run: "CheckRun") -> str:
    return "".join(json.dumps(file_json(f), ensure_ascii=False) + "\n" for f in run.files)
