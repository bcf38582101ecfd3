"""Report metadata: title, department, project, year, type, self-score, grade.

Given the document structure, returns a :class:`~extract.model.Meta` with a
location for each field found. Label words, title words, the score and grade
phrases are data in rules/meta.yaml.
"""

from __future__ import annotations

import collections
import re
from decimal import Decimal
from typing import Optional

from pydantic import BaseModel, ConfigDict

from ..model import Location, Meta
from ..rules import load_rule_file
from ..span import SourceText, Span
from ..structure.sections import DocumentStructure


class GradeBand(BaseModel):
    model_config = ConfigDict(extra="forbid")
    grade: str
    words: list[str]
    min: Decimal


class MetaRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    department_labels: list[str]
    project_labels: list[str]
    title_words: list[str]
    report_types: dict[str, list[str]]
    score: str
    grade: str
    grade_scale: list[GradeBand]


def meta_rules(directory: Optional[str] = None) -> MetaRules:
    return load_rule_file("meta.yaml", MetaRules, directory)


YEAR = re.compile(r"(?<!\d)(20\d\d)\s*年")


def _labelled(spans: list[Span], labels: list[str]) -> Optional[tuple[str, Span]]:
    rx = re.compile(r"^\s*(?:" + "|".join(map(re.escape, labels)) + r")\s*[:：]\s*(?P<v>\S.*?)\s*$")
    for s in spans:
        m = rx.match(s.text)
        if m:
            return m.group("v"), s[m.start("v"):m.end("v")]
    return None


def _last(rx: re.Pattern, spans: list[Span], group: str) -> Optional[tuple[str, Span]]:
    found = None
    for s in spans:
        for m in rx.finditer(s.text):
            found = (m.group(group), s[m.start(group):m.end(group)])
    return found


def _year(structure: DocumentStructure, texts: list[Span]) -> Optional[tuple[int, Span]]:
    for s in structure.preamble:
        m = YEAR.search(s.text)
        if m:
            return int(m.group(1)), s[m.start(1):m.end(1)]
    counts: collections.Counter = collections.Counter()
    first: dict[int, Span] = {}
    for s in texts:
        for m in YEAR.finditer(s.text):
            y = int(m.group(1))
            counts[y] += 1
            first.setdefault(y, s[m.start(1):m.end(1)])
    if not counts:
        return None
    y = counts.most_common(1)[0][0]
    return y, first[y]


def extract_meta(structure: DocumentStructure, source: SourceText,
                 rules_directory: Optional[str] = None) -> Meta:
    """Metadata of a report, each field located."""
    rules = meta_rules(rules_directory)
    meta = Meta()
    locs: dict[str, Location] = {}
    pre = structure.preamble
    texts = [p.span for p in structure.paragraphs]

    for s in pre:
        if any(w in s.text for w in rules.title_words):
            meta.title = s.text.strip()
            locs["title"] = source.locate_span(s)
            break
    if meta.title is None and pre:
        meta.title = pre[0].text.strip()
        locs["title"] = source.locate_span(pre[0])

    head = pre + texts[:8]
    for field, labels in (("department", rules.department_labels), ("project_name", rules.project_labels)):
        hit = _labelled(head, labels)
        if hit:
            setattr(meta, field, hit[0])
            locs[field] = source.locate_span(hit[1])

    title = meta.title or ""
    for rtype, words in rules.report_types.items():
        if any(w in title for w in words):
            meta.report_type = rtype  # type: ignore[assignment]
            break
    if meta.report_type is None and meta.project_name:
        meta.report_type = "项目支出"

    y = _year(structure, texts)
    if y:
        meta.year = y[0]
        locs["year"] = source.locate_span(y[1])

    score = _last(re.compile(rules.score), texts, "score")
    if score:
        meta.self_score = Decimal(score[0])
        locs["self_score"] = source.locate_span(score[1])
    grade = _last(re.compile(rules.grade), texts, "grade")
    if grade:
        meta.grade = grade[0]
        locs["grade"] = source.locate_span(grade[1])
    meta.locations = locs
    return meta
