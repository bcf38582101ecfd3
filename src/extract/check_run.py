"""Checking many reports, as a linter does: files and folders in, one
outcome per file and a summary out.

:func:`check_paths` takes paths (files, and folders searched as ``extract
batch`` searches them: :func:`~extract.batch.discover_reports`) and an
:class:`~extract.pipeline.Extractor`, and returns a :class:`CheckRun`: a
:class:`FileCheck` per file, in path order, each holding the report's
check results (kept or dropped by rule id with ``select``/``ignore``) or,
for a file that could not be read, the one-line reason. A bad file never
stops the others. :meth:`CheckRun.exit_code` is ``extract check``'s exit
status over all files: 2 when no file could be read (or none was found), 1
when a finding reaches ``fail_on``, else 0. The renderings live in
:mod:`extract.report` (text, JSON, SARIF, GitHub annotations).
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from .discover import REPORT_SUFFIXES, discover_reports
from .checks import findings_exit_code
from .rulefiles.checks import RULE_IDS
from .errors import ExtractError
from .model import CheckResult, Report
from .review import (Decision, ReviewError, apply_review, fingerprint_findings, in_check_order, load_review,
                     sidecar_path)
from .rules import RuleError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3
SEVERITIES = ("error", "warning", "info")
STATUSES = ("pass", "fail", "skipped")


def unknown_rule_ids(ids: Iterable[str]) -> list[str]:
    """The ids of ``ids`` that name no check rule."""
    return [r for r in ids if r not in RULE_IDS]


def keep_results(results: Iterable[CheckResult], select: Optional[Iterable[str]] = None,
                 ignore: Optional[Iterable[str]] = None) -> list[CheckResult]:
    """``results`` of the rules in ``select`` (all, when empty or None) and
    not in ``ignore``."""
    chosen, dropped = set(select or ()), set(ignore or ())
    return [r for r in results if (not chosen or r.rule in chosen) and r.rule not in dropped]


@dataclass
class FileCheck:
    """The outcome of checking one file: its report and kept results, or,
    when it could not be read, ``error`` (one line, naming no file: the
    path is ``path``), ``error_class`` (the exception's class name) and
    whether that was an internal error."""

    path: str
    report: Optional[Report] = None
    results: list[CheckResult] = field(default_factory=list)
    error: Optional[str] = None
    error_class: Optional[str] = None
    internal_error: bool = False  # it failed through a bug of ours, not through its content
    # the reviewer's decisions (extract.review) about findings here, by fingerprint,
    # the decisions whose finding is gone, and why the sidecar could not be read
    decisions: dict[str, Decision] = field(default_factory=dict)
    stale: list[Decision] = field(default_factory=list)
    review_error: Optional[str] = None

    @property
    def readable(self) -> bool:
        return self.report is not None


    @property
    def document_type(self) -> Optional[str]:
        return self.report.meta.document_type if self.report else None

    @property
    def findings(self) -> list[CheckResult]:
        """The failed checks, most severe first (check order within a severity)."""
        return in_check_order(self.results)

    def fingerprinted(self) -> list[tuple[str, CheckResult, Optional[Decision]]]:
        """Each finding (most severe first) with its fingerprint and the decision about it, if any."""
        return [(fp, r, self.decisions.get(fp)) for fp, r in fingerprint_findings(self.findings)]

    def counted_results(self) -> list[CheckResult]:
        """The results that decide the exit status: all but the findings dismissed (不是问题)."""
        dismissed = {id(r) for fp, r, d in self.fingerprinted() if d is not None and d.decision == "dismiss"}
        return [r for r in self.results if id(r) not in dismissed]

    def counts(self) -> dict[str, int]:
        """Findings by severity (error, warning, info) and results by
        status (pass, fail, skipped)."""
        by_severity = Counter(r.severity for r in self.results if r.status == "fail")
        by_status = Counter(r.status for r in self.results)
        return {**{s: by_severity[s] for s in SEVERITIES}, **{s: by_status[s] for s in STATUSES}}


@dataclass
class CheckRun:
    """The outcome of :func:`check_paths`: one :class:`FileCheck` per file
    found, and the paths and extensions searched (to say what was looked
    for when nothing was found)."""

    files: list[FileCheck]
    paths: list[str] = field(default_factory=list)
    suffixes: tuple[str, ...] = REPORT_SUFFIXES

    @property
    def checked(self) -> list[FileCheck]:
        return [f for f in self.files if f.readable]

    @property
    def unreadable(self) -> list[FileCheck]:
        return [f for f in self.files if not f.readable]

    def counts(self) -> dict[str, int]:
        """:meth:`FileCheck.counts` summed over the files read."""
        total: Counter = Counter()
        for f in self.checked:
            total.update(f.counts())
        return {k: total[k] for k in (*SEVERITIES, *STATUSES)}

    def findings_by_rule(self) -> dict[str, int]:
        """Failed checks per rule id over every file, most first (then by id)."""
        n = Counter(r.rule for f in self.checked for r in f.results if r.status == "fail")
        return dict(sorted(n.items(), key=lambda kv: (-kv[1], kv[0])))

    def exit_code(self, fail_on: str = "error") -> int:
        """2 when no file was read (3 when that was through an internal
        error), 1 when a file has a finding at least as severe as
        ``fail_on``, else 0. A bad file among readable ones is reported but
        does not decide the status, nor does a finding dismissed as 不是问题."""
        if not self.checked:
            return EXIT_INTERNAL if any(f.internal_error for f in self.files) else EXIT_UNREADABLE
        return max(findings_exit_code(f.counted_results(), fail_on) for f in self.checked)

    def nothing_found(self) -> Optional[str]:
        """The reason no file was checked because none was found, or None."""
        if self.files:
            return None
        looked = " ".join(self.suffixes)
        return f"no report found under {', '.join(self.paths)} (looked for {looked})"


def attach_review(outcome: FileCheck, review_path: Optional[os.PathLike | str] = None) -> FileCheck:
    """``outcome`` with the decisions of its sidecar (or of ``review_path``)
    matched against its findings; a sidecar that cannot be read is
    ``review_error``, and the findings stand undecided."""
    try:
        review = load_review(review_path or sidecar_path(outcome.path))
    except ReviewError as e:
        outcome.review_error = str(e)
        return outcome
    outcome.decisions, outcome.stale = apply_review(outcome.findings, review)
    return outcome


def check_file(path: os.PathLike | str, extractor, select: Optional[Iterable[str]] = None,
               ignore: Optional[Iterable[str]] = None, raise_errors: bool = False,
               reviews: bool = True) -> FileCheck:
    """Check one file with ``extractor``; a file that cannot be read (or
    fails inside, unless ``raise_errors``) gives a :class:`FileCheck`
    with the reason instead of raising. With ``reviews``, the decisions
    of the file's sidecar (:func:`~extract.review.sidecar_path`) are attached."""
    path = str(path)
    try:
        report = extractor.check(path)
    except (ExtractError, RuleError) as e:
        if raise_errors:
            raise
        reason = e.reason if isinstance(e, ExtractError) and e.path == path else str(e)
        return FileCheck(path, error=reason, error_class=type(e).__name__)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as e:  # a bug: this file fails, the others go on
        if raise_errors:
            raise
        return FileCheck(path, error=f"internal error: {type(e).__name__}: {e} (run with --debug for the traceback)",
                         error_class=type(e).__name__, internal_error=True)
    outcome = FileCheck(path, report=report, results=keep_results(report.checks, select, ignore))
    return attach_review(outcome) if reviews else outcome


def check_paths(paths: Iterable[os.PathLike | str], extractor, select: Optional[Iterable[str]] = None,
                ignore: Optional[Iterable[str]] = None, *, raise_errors: bool = False,
                on_file: Optional[Callable[[FileCheck], None]] = None,
                suffixes: tuple[str, ...] = REPORT_SUFFIXES, reviews: bool = True) -> CheckRun:
    """Check every report named by ``paths`` (a file as given, a folder
    searched recursively for ``suffixes``) with ``extractor``; ``on_file``
    is called with each outcome as it is known (a progress bar). Rule ids
    of ``select``/``ignore`` must be known (:func:`unknown_rule_ids`)."""
    paths = [str(p) for p in paths]
    bad = unknown_rule_ids([*(select or ()), *(ignore or ())])
    if bad:
        raise ValueError(f"unknown rule id {bad[0]!r} (known: {', '.join(RULE_IDS)})")
    files = []
    for path in discover_reports(paths, suffixes):
        outcome = check_file(path, extractor, select, ignore, raise_errors, reviews)
        files.append(outcome)
        if on_file is not None:
            on_file(outcome)
    return CheckRun(files, paths, suffixes)


__all__ = ["check_paths", "check_file", "attach_review", "keep_results", "CheckRun", "FileCheck", "unknown_rule_ids"]
