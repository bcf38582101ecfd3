"""Check results as SARIF 2.1.0, for code-scanning services and editors.

:func:`run_sarif` takes a :class:`~extract.check_run.CheckRun` and the rule
catalogue (:func:`~extract.rule_catalogue.rule_catalogue`) and returns one
SARIF log with one run: the tool's rule entries (one per rule id, with its
Chinese title, meaning and example, and its severity as the default
level), one result per finding (failed check) with its message, level
(error, warning, note), the file as an artifact and the region's start and
end line (lines of the laid-out text); for a PDF the page (and box, and
table cell) in the location's ``properties``. Further locations of a
finding are ``relatedLocations``. Each result carries its stable
fingerprint (:mod:`extract.review`) as ``partialFingerprints``
(``extractFinding/v1``); a reviewer's decision is in its properties, and
a finding dismissed as 不是问题 has an external, accepted ``suppressions``
entry with the note as justification. A file that could not be read is a
tool-execution notification of the invocation, which then is not
successful. Paths are kept relative where they were given relative, so
the log can be uploaded from the folder it was made in.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Optional
from urllib.parse import quote

from ..model import CheckResult, Location

if TYPE_CHECKING:
    from ..check_run import CheckRun
    from ..review import Decision
    from ..rule_catalogue import RuleEntry

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: ``file:`` for an absolute path, else
    the relative path with ``/`` separators, percent-encoded (Chinese file
    names are common)."""
    p = PurePath(path)
    if p.is_absolute():
        return Path(path).as_uri()
    return quote(p.as_posix())


def _tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("extract")
    except PackageNotFoundError:
        return "0"


def rule_descriptor(entry: "RuleEntry") -> dict[str, Any]:
    """The SARIF reportingDescriptor of one rule."""
    return {
        "id": entry.id,
        "name": entry.id,
        "shortDescription": {"text": entry.title},
        "fullDescription": {"text": entry.meaning or entry.title},
        "help": {"text": f"{entry.meaning}\n例：{entry.example}" if entry.example else entry.meaning,
                 "markdown": f"{entry.meaning}\n\n例：{entry.example}" if entry.example else entry.meaning},
        "defaultConfiguration": {"level": LEVELS[entry.severity], "enabled": entry.enabled},
        "properties": {"severity": entry.severity},
    }


def physical_location(path: str, loc: Location) -> dict[str, Any]:
    """A SARIF location: the file and region (lines), the page, box and cell in properties."""
    out: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(path)},
            "region": {"startLine": loc.line, "endLine": max(loc.end_line, loc.line)},
        }
    }
    props = {k: v for k, v in (("page", loc.page), ("bbox", list(loc.bbox) if loc.bbox else None),
                                ("cell", list(loc.cell) if loc.cell else None)) if v is not None}
    if props:
        out["properties"] = props
    return out


def result_sarif(path: str, r: CheckResult, rule_index: Optional[int], fingerprint: Optional[str] = None,
                 decision: Optional["Decision"] = None) -> dict[str, Any]:
    """The SARIF result of one finding, with its fingerprint and the
    reviewer's decision: a dismissal is an external suppression."""
    out: dict[str, Any] = {
        "ruleId": r.rule,
        "level": LEVELS[r.severity],
        "message": {"text": r.message},
        "locations": [physical_location(path, r.locations[0])] if r.locations
        else [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}],
    }
    if rule_index is not None:
        out["ruleIndex"] = rule_index
    if fingerprint is not None:
        out["partialFingerprints"] = {"extractFinding/v1": fingerprint}
    if decision is not None and decision.decision == "dismiss":
        out["suppressions"] = [{"kind": "external", "status": "accepted", "justification": decision.note}]
    related = []
    for i, loc in enumerate(r.locations[1:], start=1):
        related.append({"id": i, **physical_location(path, loc)})
    if related:
        out["relatedLocations"] = related
    props = {k: v for k, v in (("kind", r.kind), ("quote", r.quote), ("expected", r.expected),
                                ("stated", r.stated)) if v is not None}
    pages = sorted({loc.page for loc in r.locations if loc.page is not None})
    if pages:
        props["pages"] = pages
    if decision is not None:
        props["decision"] = decision.model_dump(include={"decision", "note", "by", "at"})
    out["properties"] = props
    return out


def run_sarif(run: "CheckRun", catalogue: list["RuleEntry"]) -> dict[str, Any]:
    """The SARIF log of ``run``, rule entries from ``catalogue``."""
    index = {e.id: i for i, e in enumerate(catalogue)}
    results = [result_sarif(f.path, r, index.get(r.rule), fp, d) for f in run.checked for fp, r, d in f.fingerprinted()]
    notifications = [{
        "level": "error",
        "message": {"text": f"无法读取：{f.error}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(f.path)}}}],
        "properties": {"errorClass": f.error_class},
    } for f in run.unreadable]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "extract",
                "version": _tool_version(),
                "rules": [rule_descriptor(e) for e in catalogue],
            }},
            "artifacts": [{"location": {"uri": artifact_uri(f.path)},
                           **({"properties": {"format": f.report.source.format,
                                              "documentType": f.document_type}} if f.report else {})}
                          for f in run.files],
            "invocations": [{"executionSuccessful": not run.unreadable,
                             "toolExecutionNotifications": notifications}],
            "results": results,
        }],
    }


def render_sarif(run: "CheckRun", catalogue: list["RuleEntry"]) -> str:
    from ..export.jsonfile import indented_json

    return indented_json(run_sarif(run, catalogue)) + "\n"
