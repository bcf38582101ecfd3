"""Section tree from heading markers; paragraphs and tables placed in it.

Given a :class:`~extract.normalize.NormalizedDocument`, returns a
:class:`DocumentStructure`: the sections (flat, each naming its parent), the
tables (built by :mod:`extract.structure.tables`), and every paragraph with the
section it belongs to.

A table of contents (a line 目录, or a run of entries ending in page
numbers) is kept apart (``contents``): its entries are no sections. A body
line without a marker that repeats an entry's title opens a chapter of style
``contents``. A marked line set between two tables (the row label
一、一般公共服务支出 of a table laid out with one filled cell) is no heading.
A document title after the body began (rules/headings.yaml ``part_titles``)
opens a section of style ``title``: a second document, numbered anew.

The level of a marker style is not fixed: it comes from nesting context.
A marker whose style is open in the current path continues that level (its
count goes on, the levels below close); the same style restarting at 1 below
a deeper heading opens a new level (in the 2024 sample, (一)…(七) stand under
一、 and again under 1.). A style not open in the path nests one level deeper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..markers import Marker, MarkerSet, marker_set
from ..model import Enumeration, Section, Table, as_validated
from ..line_kinds import LineClassifier, line_classifier
from ..normalize import Block, NormalizedDocument, normalize
from ..ruleset import RuleSet, RulesLike
from ..span import SourceText, Span
from ..rulefiles.tables import TableRules
from .tables import build_table, table_preamble


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
    contents: list[Span] = field(default_factory=list)


@dataclass
class _Open:
    style: str
    ordinal: int
    section: Section
    children: int = 0


def _split_title(content: Span, markers: MarkerSet, is_heading_line: bool) -> tuple[Span, Span, bool]:
    """(title, body, run_in) of a heading paragraph's text after its marker.
    A run-in title holds no semicolon: "(1)审批周期长；(2)人员不足。" is a
    list of items, all body."""
    rules = markers.rules
    if is_heading_line:
        return content.strip().strip("。."), Span("", ()), False
    for i, ch in enumerate(content.text):
        if ch in rules.title_end:
            if 0 < i <= rules.max_title_chars and not any(c in content.text[:i] for c in "；;"):
                return content[:i].strip(), content[i + 1:].strip(), True
            break
    return Span("", ()), content.strip(), True


_NUMERAL = re.compile(r"\d+|[①-⑳]")


def _look(marker: str) -> str:
    """A marker with its number taken out (“(2)” -> “(N)”, “②” -> “N”):
    how it is written."""
    return _NUMERAL.sub("N", "".join(marker.split()))


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
        self._page_number = re.compile(markers.rules.contents.page_number)
        self._leader = re.compile(markers.rules.contents.leader) if markers.rules.contents.leader else None
        self._form_cell_before = re.compile(markers.rules.form_cell_before) if markers.rules.form_cell_before else None
        self._no_heading = re.compile(markers.rules.no_heading) if markers.rules.no_heading else None

    # -- levels

    def _place(self, mk: Marker) -> tuple[int, Optional[_Open]]:
        """Depth (0-based) for a new marker and the parent entry, closing
        levels that it ends."""
        found = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].style == mk.style:
                found = i
                break
        # The count an outer level of the same style continues ("5、" after
        # "4、 … 1、 2、") closes the inner list, not the inner one.
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].style == mk.style and self.stack[i].ordinal + 1 == mk.ordinal:
                found = i
                break
        top = self.stack[-1] if self.stack else None
        if (found is not None and found == len(self.stack) - 1 and mk.ordinal == 1 and top is not None
                and top.ordinal > 1 and not top.section.run_in and top.children == 0
                and not self.bodies.get(top.section.id)):
            found = None  # "4、存在问题" then "1、…": a list of its own under the heading
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

    def _heading(self, block: Block, mk: Marker, index: int,
                 split: Optional[tuple[Span, Span, bool]] = None) -> None:
        content = block.span[mk.end:]
        title, body, run_in = split or _split_title(content, self.markers, self.heading_line(block.span.text))
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
            self._body(body, section, index, after_title=run_in and bool(title))

    def _body(self, span: Span, section: Section, index: int, after_title: bool = False) -> None:
        """``after_title``: the body follows a run-in title's end mark, so an
        item marked at its very start ("1.完成…工作。2.做好…") counts."""
        self.bodies.setdefault(section.id, []).append(span.text)
        marks = self.markers.enumerations(span.text, after_mark=after_title)
        for k, m in enumerate(marks):
            end = marks[k + 1].start if k + 1 < len(marks) else len(span.text)
            item = span[m.start:end].strip()
            text, location = item.text[len(m.marker):].strip(), self.source.locate_span(item)
            if type(m.ordinal) is int and type(index) is int and type(m.marker) is str:
                # (Enumeration(...)'s validation passes these as they are)
                section.enumerations.append(as_validated(Enumeration, {
                    "marker": m.marker, "ordinal": m.ordinal, "text": text, "paragraph": index,
                    "location": location}))
            else:
                section.enumerations.append(Enumeration(marker=m.marker, ordinal=m.ordinal, text=text,
                                                        paragraph=index, location=location))

    def _table(self, block: Block, caption: Optional[Block], unit_line: Optional[Block] = None) -> None:
        tid = f"t{len(self.out.tables) + 1}"
        table = build_table(tid, block.rows, self.source, caption=caption.span if caption else None,
                            rules=self.tables, unit_line=unit_line.span if unit_line else None)
        if self.stack:
            table.section = self.stack[-1].section.id
        self.out.tables.append(table)

    # -- tables of contents, row labels, second documents

    def _preamble(self, i: int) -> tuple[Optional[int], Optional[int]]:
        """Block indices of the caption and the unit line of the table at
        block ``i`` (see :func:`~extract.structure.tables.table_preamble`;
        a 表N caption may stand above the unit line too). Headings and
        document titles are never a table's title."""
        blocks = self.doc.blocks
        above = [blocks[k] for k in (i - 1, i - 2) if k >= 0]
        words = self.markers.rules.part_titles
        texts = [b.span.text if b.kind == "paragraph" and self.markers.match(b.span.text) is None
                 and not any(w in b.span.text for w in words) else None for b in above]
        cap, unit = table_preamble(texts, self.tables)
        k = 0 if unit is None else 1
        if k < len(above) and above[k].kind == "caption":
            cap = k
        return (None if cap is None else i - 1 - cap), (None if unit is None else i - 1 - unit)

    def _raw_line(self, block: Block) -> str:
        return self.source.line_text(block.first_line).strip()

    def _entry_title(self, block: Block) -> str:
        """An entry's title without marker and page number, squashed."""
        text = block.span.text
        mk = self.markers.match(text)
        if mk is not None:
            text = text[mk.end:]
        text = self._page_number.sub("", text)
        return "".join(text.split()).strip("。.…·_—-")

    def _contents(self) -> dict[int, str]:
        """Block indices of the table of contents, each with its entry's title."""
        rules = self.markers.rules.contents
        blocks = self.doc.blocks
        titles = {"".join(t.split()) for t in rules.titles}
        out: dict[int, str] = {}
        i = 0
        while i < len(blocks):
            b = blocks[i]
            starts = b.kind == "paragraph" and "".join(b.span.text.split()) in titles
            numbered = 0
            j = i
            while (j < len(blocks) and blocks[j].kind == "paragraph"
                   and self._page_number.search(self._raw_line(blocks[j]))
                   and self.heading_line(blocks[j].span.text)):
                numbered += 1
                j += 1
            if not starts and numbered < rules.min_entries:
                i += 1
                continue
            j = i + 1 if starts else i
            # the report's title above the contents, set again under them,
            # begins the body (its first heading no entry)
            first = blocks[i].first_line
            seen: set[str] = {"".join(self.source.line_text(n).split()) for n in range(max(1, first - 12), first)}
            while j < len(blocks) and blocks[j].kind == "paragraph":
                b = blocks[j]
                if not self._entry_like(b):
                    break
                key = self._entry_title(b)
                if not key or key in seen or self._report_title(b):
                    break  # the body begins again with the first entry, or the title
                seen.add(key)
                out[j] = key
                j += 1
            if starts:
                out[i] = ""
            i = j + 1
        return out

    def _report_title(self, block: Block) -> bool:
        """A line naming a report (a part-title word: 评价报告, 自评表) with
        no marker, page number or leader: the title over the body after the
        table of contents, no entry of it."""
        raw = self._raw_line(block)
        leader = self._leader
        return (self.markers.match(block.span.text) is None and not self._page_number.search(raw)
                and (leader is None or leader.search(raw) is None)
                and any(w in block.span.text for w in self.markers.rules.part_titles))

    def _entry_like(self, block: Block) -> bool:
        """A line that can be an entry: a heading line, a line ending in a
        page number or in a dotted leader, or a short line with no sentence
        punctuation."""
        raws = [self.source.line_text(n).strip() for n in range(block.first_line, block.last_line + 1)]
        leader = self._leader
        return all(self.heading_line(t) or bool(self._page_number.search(t))
                   or (leader is not None and leader.search(t) is not None)
                   or (len(t) <= self.markers.rules.max_heading_chars and LineClassifier.is_title_like(t))
                   for t in raws if t)

    def _chapter_split(self, block: Block, titles: set[str]) -> Optional[tuple[Span, Span]]:
        """(title, body) where an unmarked paragraph starts with the title of
        an entry of the table of contents set on a line of its own."""
        span = block.span
        for k in range(min(len(span.text), 60), 3, -1):
            if span.text[:k] in titles:
                end = span.offsets[k - 1] + 1
                if k == len(span.text) or self.source.text[end:end + 2].lstrip(" \t\r")[:1] in ("\n", ""):
                    return span[:k], span[k:].strip()
        return None

    def _row_label(self, i: int) -> bool:
        """A marked line in a run of short lines set between two tables."""
        blocks = self.doc.blocks
        a = i
        while a > 0 and blocks[a - 1].kind == "paragraph" and self.heading_line(blocks[a - 1].span.text):
            a -= 1
        b = i
        while b + 1 < len(blocks) and blocks[b + 1].kind == "paragraph" and self.heading_line(blocks[b + 1].span.text):
            b += 1
        return (a > 0 and blocks[a - 1].kind == "table" and b + 1 < len(blocks)
                and blocks[b + 1].kind == "table" and self.heading_line(blocks[i].span.text))

    def _form_cell(self, i: int, mk: Marker) -> bool:
        """A bare marker ("（50）", no title) right after a form's level cell
        ("产出指标"; rules/headings.yaml ``form_cell_before``): the level's
        分值 in a form written one cell per line, no heading."""
        blocks = self.doc.blocks
        return (self._form_cell_before is not None and i > 0 and blocks[i - 1].kind == "paragraph"
                and not blocks[i].span.text[mk.end:].strip()
                and bool(self._form_cell_before.search(blocks[i - 1].span.text.strip())))

    def _list_goes_on(self, i: int, mk: Marker) -> bool:
        """A line opening with a weak marker (② 2. (2)) that goes on with
        the list run on inside the paragraph before it, whose last item is
        the one before it written alike ("不足：①…；⏎②…；③…"): an item of
        that list, no heading."""
        if mk.strong or i == 0 or self.doc.blocks[i - 1].kind != "paragraph":
            return False
        marks = self.markers.enumerations(self.doc.blocks[i - 1].span.text)
        if not marks or marks[-1].start == 0 or marks[-1].ordinal + 1 != mk.ordinal:
            return False
        return _look(marks[-1].marker) == _look(mk.text)

    def _not_heading(self, block: Block) -> bool:
        """A marked line that is no heading (rules/headings.yaml
        ``no_heading``: a form's column formula, an attachment's file name)."""
        return self._no_heading is not None and self._no_heading.search(block.span.text) is not None

    def _is_part_title(self, i: int) -> bool:
        """A second document's title: a title-like line with a part-title
        word, after the body began, whose numbering does not go on after it.
        The title of a form set inside the report ("四、绩效自评表", then
        "项目支出绩效自评表（2023年度）", the table, "五、存在问题") is no
        second document: the next heading goes on with a count open before it."""
        text = self.doc.blocks[i].span.text
        words = self.markers.rules.part_titles
        return (bool(self.stack) and self.markers.match(text) is None and len(text) <= 60
                and LineClassifier.is_title_like(text) and any(w in text for w in words)
                and not self._numbering_goes_on(i))

    def _numbering_goes_on(self, i: int) -> bool:
        """True when the first heading after block ``i`` goes on with the
        count of a level open now ("五、" with "四、" open; "六、" too, a gap
        of the report's own numbering): a second document starts at 1."""
        blocks = self.doc.blocks
        for j in range(i + 1, len(blocks)):
            if blocks[j].kind != "paragraph":
                continue
            mk = self.markers.match(blocks[j].span.text)
            if mk is None or self._row_label(j) or self._form_cell(j, mk):
                continue
            return any(o.style == mk.style and o.ordinal < mk.ordinal for o in self.stack)
        return False

    def build(self) -> DocumentStructure:
        blocks = self.doc.blocks
        contents = self._contents()
        titles = {t for t in contents.values() if len(t) >= 4}
        preambles = {i: self._preamble(i) for i, b in enumerate(blocks) if b.kind == "table" and i not in contents}
        taken = {k for pair in preambles.values() for k in pair if k is not None}
        for i, block in enumerate(blocks):
            if i in contents:
                self.out.contents.append(block.span)
                self.out.paragraphs.append(Paragraph(block.span, None, block=i))
                continue
            if i in taken:
                continue  # a table's caption or unit line
            if block.kind == "paragraph" and titles and self.markers.match(block.span.text) is None:
                split = self._chapter_split(block, titles)
                if split is not None:
                    self._heading(block, Marker("contents", 0, "", 0, True), i, (split[0], split[1], bool(split[1])))
                    continue
            if block.kind == "paragraph" and self._is_part_title(i):
                self.stack.clear()
                self._heading(block, Marker("title", 1, "", 0, True), i, (block.span.strip(), Span("", ()), False))
                continue
            if block.kind == "table":
                cap, unit = preambles[i]
                self._table(block, None if cap is None else blocks[cap], None if unit is None else blocks[unit])
                continue
            mk = self.markers.match(block.span.text) if block.kind == "paragraph" else None
            goes_on = mk is not None and self._list_goes_on(i, mk)
            if mk is not None and not goes_on and not self._row_label(i) and not self._form_cell(i, mk) \
                    and not self._not_heading(block):
                self._heading(block, mk, i)
                continue
            current = self.stack[-1].section if self.stack else None
            self.out.paragraphs.append(Paragraph(block.span, current.id if current else None, block=i))
            if current is None:
                self.out.preamble.append(block.span)
            else:
                self._body(block.span, current, i, after_title=goes_on)
        for s in self.out.sections:
            s.body = "\n".join(self.bodies.get(s.id, []))
        return self.out


def build_structure(doc: NormalizedDocument, rules: RulesLike = None) -> DocumentStructure:
    """Sections, tables and placed paragraphs of a normalized document."""
    rs = RuleSet.of(rules)
    return SectionBuilder(doc, marker_set(rs), line_classifier(rs).is_heading_line, rs.tables).build()


def structure_of(source: SourceText, rules: RulesLike = None) -> DocumentStructure:
    """Normalize ``source`` and build its structure (both stages)."""
    rs = RuleSet.of(rules)
    return build_structure(normalize(source, rs), rs)
