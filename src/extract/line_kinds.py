"""Line classification: what one line of a document is, from its text.

Every loader lays a document out as lines (:mod:`extract.load.lines`); this
module says what such a line is, the same way whichever loader made it:

- ``blank``: nothing but white space;
- ``table``: a table row (TAB-separated cells, pipes, or cells apart by
  runs of spaces: :func:`extract.structure.tables.split_cells`);
- ``artifact``: a page artifact (``- 3 -``, ``第3页``, a bare page number;
  rules/normalize.yaml ``page_artifacts``);
- ``caption``: a table caption (``表1 …``, ``表1-2 …``, ``附表3：…``; the
  caption words and numbers of rules/glossary.yaml);
- ``heading``: a heading candidate, a heading marker (rules/headings.yaml)
  and a short title with no sentence or clause punctuation;
- ``text``: anything else.

:mod:`extract.normalize` refines the class by the lines around it (running
headers, wrapped table cells, a caption's two-column rows), the PDF loader
asks where a block must break (:meth:`LineClassifier.breaks_before`), and
:mod:`extract.structure.sections` which lines are whole-line headings.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal, Optional

from .ruleset import RuleSet, RulesLike
from .span import Span
from .widths import display_width
from .structure.tables import split_cells

if TYPE_CHECKING:
    from .markers import MarkerSet
    from .rulefiles.glossary import Glossary
    from .rulefiles.normalize import NormalizeRules
    from .rulefiles.tables import TableRules

LineKind = Literal["blank", "table", "artifact", "caption", "heading", "text"]

#: Punctuation that no title holds (a sentence end, a clause break, a label's colon).
TITLE_BREAKS = "。；;，,：:"

#: A caption is a short line: at most this display width (CJK counts 2).
CAPTION_MAX_WIDTH = 120



class LineClassifier:
    """The line classes of one rule set, compiled once."""

    def __init__(self, normalize: "NormalizeRules", glossary: "Glossary", markers: "MarkerSet",
                 tables: "TableRules"):
        self.rules = normalize
        self.markers = markers
        self.tables = tables
        self.sentence_end = glossary.sentence_end_chars
        self._sentence_end_set = frozenset(self.sentence_end)
        self._artifact = re.compile("(?:" + "|".join(normalize.page_artifacts) + r")\Z")
        self._bullet = re.compile(normalize.bullets)
        self._caption = re.compile(normalize.caption)
        self._clause = re.compile(r"[，；;、]|,(?!\d{3})")
        # "(三)…目标情况 表 2.2024 年度…": where a caption may start inside a line.
        self.inline_caption = re.compile(r"\s(?=" + glossary.alternation("caption_words") + r"\s*\d)")

    # -- one line

    def table_cells(self, span: Span) -> Optional[list[Span]]:
        """The cells of a table row (at least two of them not empty), else None."""
        cells = split_cells(span, self.tables)
        if cells is not None and sum(1 for c in cells if c.text.strip()) >= 2:
            return cells
        return None

    def is_page_artifact(self, text: str) -> bool:
        """``- 3 -``, ``第3页``, a bare page number (``text`` stripped)."""
        return bool(self._artifact.match(text))

    def without_bullet(self, span: Span) -> Span:
        """``span`` without a bullet a converter left at its start."""
        m = self._bullet.match(span.text)
        return span[m.end():] if m and len(span.text) > m.end() else span

    def is_caption(self, text: str) -> bool:
        """A table caption: caption word and number, on a short line."""
        return bool(self._caption.match(text)) and display_width(text) <= CAPTION_MAX_WIDTH

    def has_clause_punct(self, text: str) -> bool:
        return bool(self._clause.search(text))

    @staticmethod
    def is_title_like(text: str) -> bool:
        """No punctuation a title never holds (。；，：): the line may be a
        title, a contents entry or a part title."""
        return not any(ch in text for ch in TITLE_BREAKS)

    def is_heading_line(self, text: str) -> bool:
        """A whole-line heading: a marker, then a short title with no
        sentence or clause punctuation."""
        mk = self.markers.match(text)
        if mk is None:
            return False
        body = text[mk.end:].strip().rstrip("。.")
        if not body:
            return True
        if not self._sentence_end_set.isdisjoint(body) or self.has_clause_punct(body):  # (a sentence end in it)
            return False
        colon = max(body.find("："), body.find(":"))
        if 0 <= colon < len(body) - 1:
            return False  # "1.收入：2022年度收入合计…": a run-in title, then a body
        return len(body) <= self.markers.rules.max_heading_chars

    def classify(self, span: Span) -> tuple[LineKind, Span, Optional[list[Span]]]:
        """``(kind, text, cells)`` of one source line: ``text`` is the line
        stripped (and without a bullet), ``cells`` a table row's cells."""
        cells = self.table_cells(span)
        if cells is not None:
            return "table", span, cells
        span = span.strip()
        if not span:
            return "blank", span, None
        if self.is_page_artifact(span.text):
            return "artifact", span, None
        span = self.without_bullet(span)
        if self.is_caption(span.text):
            return "caption", span, None
        if self.is_heading_line(span.text):
            return "heading", span, None
        return "text", span, None

    def kind(self, text: str) -> LineKind:
        """The class of a line of text (:meth:`classify` of it)."""
        return self.classify(Span.of_source(text))[0]

    # -- between lines (the PDF layout)

    def breaks_before(self, prev: str, nxt: str) -> bool:
        """True when line ``nxt`` starts a new block whatever the layout says:
        a caption, a strong heading marker (``二、``, ``（三）``), or any
        heading marker after a line that ends a sentence or a label."""
        if self.is_caption(nxt):
            return True
        marker = self.markers.match(nxt)
        return marker is not None and (
            marker.strong or (bool(prev) and prev[-1] in self.sentence_end + ":："))


def line_classifier(rules: RulesLike = None) -> LineClassifier:
    """The line classifier of a rule set (normalize.yaml, glossary.yaml,
    headings.yaml, tables.yaml), built once per rule set."""
    from .markers import marker_set

    rs = RuleSet.of(rules)
    return rs.derived("line_classifier", lambda: LineClassifier(
        rs.normalize, rs.glossary, marker_set(rs), rs.tables))
