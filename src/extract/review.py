"""Fingerprints of findings, and the decisions a reviewer makes about them.

A finding's fingerprint (:func:`fingerprint`) is a short hash of what the
finding says, not of where it stands: the rule id, the quoted text
normalized (width folded by NFKC, every space dropped: line wrapping and a
producer's spacing do not count) and the figures (``expected``,
``stated``). The line number and the message (which names lines) are left
out, so the fingerprint is the same across re-runs and across a revised
draft in which that text did not change, and changes when a figure does.
Two findings of one report that say the same get ``:2``, ``:3``… in order
(:func:`fingerprint_findings`).

A decision (:class:`Decision`) is ``accept`` (确认: a real problem) or
``dismiss`` (不是问题, with a note), with who and when. The decisions of a
report live in a sidecar file beside it (:func:`sidecar_path`:
``草稿.docx`` -> ``草稿.review.json``), a :class:`Review` with a
``review_version``. :func:`decide` records one decision (checking that the
fingerprint names a finding of the report), :func:`merge_reviews` merges
the decisions of another review file (the latest decision about a
fingerprint wins), :func:`apply_review` matches a review against a
report's findings: decided findings, and stale decisions whose finding is
gone (reported, never dropped).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import re
import unicodedata
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Literal, Optional

from pydantic import BaseModel, Field

from .errors import ExtractError
from .model import CheckResult

REVIEW_VERSION = 1
SIDECAR_SUFFIX = ".review.json"
FINGERPRINT_CHARS = 16
DECISION_NAMES = {"accept": "确认", "dismiss": "不是问题"}
# line references in a message: 第69行, 第69、104行, 表格第69行
_LINE_REFS = re.compile(r"(表格)?第[\d、]+行")


def _normalized(text: Optional[str]) -> str:
    """``text`` width-folded (NFKC) with every space removed; '' for None."""
    if not text:
        return ""
    return "".join(unicodedata.normalize("NFKC", text).split())


def fingerprint(result: CheckResult) -> str:
    """The stable fingerprint of one finding: the rule, the normalized
    quote (the message with its line references removed when there is no
    quote) and the figures, hashed (sha256, first 16 hex digits)."""
    said = result.quote if result.quote else _LINE_REFS.sub("", result.message)
    parts = [result.rule, _normalized(said), _normalized(result.expected), _normalized(result.stated)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:FINGERPRINT_CHARS]


def in_check_order(results: Iterable[CheckResult]) -> list[CheckResult]:
    """The failed results of ``results``, most severe first (check order
    within a severity): the order ``extract check`` lists findings in and
    numbers repeated fingerprints in."""
    from .checks import SEVERITY_RANK

    return sorted((r for r in results if r.status == "fail"), key=lambda r: -SEVERITY_RANK[r.severity])


def fingerprint_findings(results: Iterable[CheckResult]) -> list[tuple[str, CheckResult]]:
    """Each failed result of ``results`` with its fingerprint, in order;
    the second finding with the same fingerprint gets ``:2``, and so on."""
    seen: dict[str, int] = {}
    out = []
    for r in results:
        if r.status != "fail":
            continue
        base = fingerprint(r)
        seen[base] = seen.get(base, 0) + 1
        out.append((base if seen[base] == 1 else f"{base}:{seen[base]}", r))
    return out


class Decision(BaseModel):
    """A reviewer's decision about one finding. ``rule``, ``quote`` and
    ``message`` are the finding's when decided, so a stale decision still
    says what it was about."""

    fingerprint: str
    decision: Literal["accept", "dismiss"]
    note: str = ""
    by: str = ""
    at: str = ""  # ISO 8601, UTC
    rule: Optional[str] = None
    quote: Optional[str] = None
    message: Optional[str] = None

    @property
    def label(self) -> str:
        """确认 or 不是问题."""
        return DECISION_NAMES[self.decision]


class Review(BaseModel):
    """The sidecar file of one report: its decisions, one per fingerprint."""

    review_version: int = REVIEW_VERSION
    report: str = ""  # the report's file name, for a person reading the file
    decisions: list[Decision] = Field(default_factory=list)

    def by_fingerprint(self) -> dict[str, Decision]:
        return {d.fingerprint: d for d in self.decisions}


class ReviewError(ExtractError):
    """A review file that cannot be read, or a decision that cannot be made."""


def sidecar_path(report_path: os.PathLike | str) -> Path:
    """Where the decisions of ``report_path`` live: ``草稿.docx`` -> ``草稿.review.json``."""
    p = Path(report_path)
    return p.with_name(p.stem + SIDECAR_SUFFIX)


def load_review(path: os.PathLike | str) -> Review:
    """The review in the file ``path`` (a sidecar, or a page's download);
    an empty review when there is no such file."""
    path = Path(path)
    if not path.exists():
        return Review()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        review = Review.model_validate(data)
    except (ValueError, OSError) as e:
        raise ReviewError(f"{path}: not a review file: {str(e).splitlines()[0]}") from None
    if review.review_version > REVIEW_VERSION:
        raise ReviewError(f"{path}: review_version {review.review_version} is newer than this extract "
                          f"reads ({REVIEW_VERSION})")
    return review


def save_review(review: Review, path: os.PathLike | str) -> None:
    """Write ``review`` to ``path`` (through a temporary file: never half-written)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(review.model_dump_json(indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _who() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return ""


def with_decision(review: Review, decision: Decision) -> Review:
    """``review`` with ``decision`` replacing any earlier one about its fingerprint."""
    kept = [d for d in review.decisions if d.fingerprint != decision.fingerprint]
    return review.model_copy(update={"decisions": [*kept, decision]})


def find_finding(results: Iterable[CheckResult], wanted: str) -> tuple[str, CheckResult]:
    """The finding whose fingerprint is ``wanted`` (or starts with it, when
    only one does); :class:`ReviewError` naming the fingerprints otherwise."""
    found = fingerprint_findings(results)
    exact = [(fp, r) for fp, r in found if fp == wanted]
    matches = exact or [(fp, r) for fp, r in found if wanted and fp.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(fp for fp, _ in found) or "none"
    what = "matches several findings" if matches else "names no finding"
    raise ReviewError(f"fingerprint {wanted!r} {what} of this report (its findings: {known})")


def decide(report_path: os.PathLike | str, results: Iterable[CheckResult], wanted: str,
           decision: Literal["accept", "dismiss"], note: str = "", by: Optional[str] = None,
           at: Optional[str] = None) -> Decision:
    """Record ``decision`` about the finding ``wanted`` (a fingerprint or
    a unique prefix) among ``results`` (the report's check results) in the
    sidecar of ``report_path``; returns the decision. A dismissal needs a note."""
    if decision == "dismiss" and not note.strip():
        raise ReviewError("a dismissal (不是问题) needs a note saying why")
    fp, r = find_finding(results, wanted)
    made = Decision(fingerprint=fp, decision=decision, note=note, by=_who() if by is None else by,
                    at=at or _now(), rule=r.rule, quote=r.quote, message=r.message)
    path = sidecar_path(report_path)
    review = load_review(path)
    review = with_decision(review, made).model_copy(update={"report": Path(report_path).name})
    save_review(review, path)
    return made


def merge_reviews(into: Review, other: Review) -> tuple[Review, int]:
    """``into`` with the decisions of ``other``: for a fingerprint decided
    in both, the later decision (by ``at``) wins. Returns the merged review
    and the number of decisions taken from ``other``."""
    mine = into.by_fingerprint()
    taken = 0
    merged = into
    for d in other.decisions:
        old = mine.get(d.fingerprint)
        if old is None or (d.at > old.at):
            merged = with_decision(merged, d)
            taken += 1
    return merged, taken


def import_review(report_path: os.PathLike | str, source: os.PathLike | str) -> int:
    """Merge the review file ``source`` (the review page's download) into
    the sidecar of ``report_path``; returns how many decisions it brought."""
    if not Path(source).exists():
        raise ReviewError(f"{source}: no such file")
    path = sidecar_path(report_path)
    merged, taken = merge_reviews(load_review(path), load_review(source))
    save_review(merged.model_copy(update={"report": Path(report_path).name}), path)
    return taken


def apply_review(results: Iterable[CheckResult], review: Review) -> tuple[dict[str, Decision], list[Decision]]:
    """Match ``review`` against the findings of ``results``: the decisions
    whose finding is there (by fingerprint), and the stale ones whose finding is gone."""
    present = {fp for fp, _ in fingerprint_findings(results)}
    decided = {d.fingerprint: d for d in review.decisions if d.fingerprint in present}
    stale = [d for d in review.decisions if d.fingerprint not in present]
    return decided, stale


__all__ = ["fingerprint", "fingerprint_findings", "in_check_order", "Decision", "Review", "ReviewError", "sidecar_path",
           "load_review", "save_review", "decide", "merge_reviews", "import_review", "apply_review",
           "REVIEW_VERSION", "DECISION_NAMES"]
