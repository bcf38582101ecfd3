"""Section tree from heading markers; paragraphs and tables placed in it.

Given a :class:`~extract.normalize.NormalizedDocument`, returns a
:class:`DocumentStructure`: the sections (flat, each naming its parent), the
tables (built by :mod:`extract.structure.tables`), and every paragraph with the
section it belongs to.

The level of a marker style is not fixed: it comes from nesting context.
A marker whose style is open in the current path continues that level (its
count goes on, the levels below close); the same style restarting at 1 below
a deeper heading opens a new level (in the 2024 sample, (一)…(七) stand under
一、 and again under 1.). A style not open in the path nests one level deeper.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..markers import Marker, MarkerSet, marker_set
from ..model import Enumeration, Section, Table
from ..normalize import Block, NormalizedDocument, normalize, normalizer
from ..ruleset import RuleSet, RulesLike
from ..span import SourceText, Span
from .tables import TableRules, build_table


@dataclass
class Paragraph:
    """A paragraph's text without its heading marker, and where it stands."""

    span: Span
    section: Optional[str]
    heading: bool = False
    block: int = 0


@dataclass
class DocumentStructure:
    sections: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    preamble: list[Span] = field(default_factory=list)


@dataclass
class _Open:
    style: str
    ordinal: int
    section: Section
    children: int = 0


def _split_title(content: Span, markers: MarkerSet, is_heading_line: bool) -> tuple[Span, Span, bool]:
    """(title, body, run_in) of a heading paragraph's text after its marker."""
    rules = markers.rules
    if is_heading_line:
        return content.strip().strip("。."), Span("", ()), False
    for i, ch in enumerate(content.text):
        if ch in rules.title_end:
            if 0 < i <= rules.max_title_chars:
                return content[:i].strip(), content[i + 1:].strip(), True
            break
    return Span("", ()), content.strip(), True


class SectionBuilder:
    def __init__(self, doc: NormalizedDocument, markers: MarkerSet, heading_line, tables: TableRules):
        self.doc = doc
        self.source: SourceText = doc.source
        self.markers = markers
        self.tables = tables
        self.heading_line = heading_line
        self.out = DocumentStructure()
        self.stack: list[_Open] = []
        self.roots = 0
        self.bodies: dict[str, list[str]] = {}

    # -- levels

    def _place(self, mk: Marker) -> tuple[int, Optional[_Open]]:
        """Depth (0-based) for a new marker and the parent entry, closing
        levels that it ends."""
        found = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].style == mk.style:
                found = i
                break
        if found is not None and not (mk.ordinal == 1 and found != len(self.stack) - 1):
            del self.stack[found:]
        depth = len(self.stack)
        return depth, (self.stack[-1] if self.stack else None)

    def _new_id(self, parent: Optional[_Open]) -> str:
        if parent is None:
            self.roots += 1
            return f"s{self.roots}"
        parent.children += 1
        return f"{parent.section.id}.{parent.children}"

    # -- blocks

    def _heading(self, block: Block, mk: Marker, index: int) -> None:
        content = block.span[mk.end:]
        title, body, run_in = _split_title(content, self.markers, self.heading_line(block.span.text))
        depth, parent = self._place(mk)
        sid = self._new_id(parent)
        section = Section(
            id=sid, parent=parent.section.id if parent else None, level=depth + 1,
            marker=mk.text, style=mk.style, ordinal=mk.ordinal, title=title.text,
            run_in=run_in, location=self.source.locate_span(block.span),
        )
        self.out.sections.append(section)
        self.stack.append(_Open(mk.style, mk.ordinal, section))
        self.out.paragraphs.append(Paragraph(content.strip(), sid, heading=True, block=index))
        if body:
            self._body(body, section, index)

    def _body(self, span: Span, section: Section, index: int) -> None:
        self.bodies.setdefault(section.id, []).append(span.text)
        marks = self.markers.enumerations(span.text)
        for k, m in enumerate(marks):
            end = marks[k + 1].start if k + 1 < len(marks) else len(span.text)
            item = span[m.start:end].strip()
            section.enumerations.append(Enumeration(
                marker=m.marker, ordinal=m.ordinal, text=item.text[len(m.marker):].strip(), paragraph=index,
                location=self.source.locate_span(item)))

    def _table(self, block: Block, caption: Optional[Block]) -> None:
        tid = f"t{len(self.out.tables) + 1}"
        table = build_table(tid, block.rows, self.source, caption=caption.span if caption else None,
                            rules=self.tables)
        if self.stack:
            table.section = self.stack[-1].section.id
        self.out.tables.append(table)

    def build(self) -> DocumentStructure:
        blocks = self.doc.blocks
        for i, block in enumerate(blocks):
            if block.kind == "table":
                prev = blocks[i - 1] if i else None
                self._table(block, prev if prev is not None and prev.kind == "caption" else None)
                continue
            if block.kind == "caption" and i + 1 < len(blocks) and blocks[i + 1].kind == "table":
                continue
            mk = self.markers.match(block.span.text) if block.kind == "paragraph" else None
            if mk is not None:
                self._heading(block, mk, i)
                continue
            current = self.stack[-1].section if self.stack else None
            self.out.paragraphs.append(Paragraph(block.span, current.id if current else None, block=i))
            if current is None:
                self.out.preamble.append(block.span)
            else:
                self._body(block.span, current, i)
        for s in self.out.sections:
            s.body = "\n".join(self.bodies.get(s.id, []))
        return self.out


def build_structure(doc: NormalizedDocument, rules: RulesLike = None) -> DocumentStructure:
    """Sections, tables and placed paragraphs of a normalized document."""
    rs = RuleSet.of(rules)
    return SectionBuilder(doc, marker_set(rs), normalizer(rs).is_heading_line, rs.tables).build()


def structure_of(source: SourceText, rules: RulesLike = None) -> DocumentStructure:
    """Normalize ``source`` and build its structure (both stages)."""
    rs = RuleSet.of(rules)
    return build_structure(normalize(source, rs), rs)
