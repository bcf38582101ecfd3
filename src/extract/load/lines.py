"""Laying a document out as text lines: the one form every loader produces.

Paragraphs become lines; a table row becomes one line of TAB-separated
cells, a merged cell rendered as empty cells, a cell's own line breaks
joined away so the row stays one line. :class:`SourceBuilder` collects the
lines with their page, box and origin (and, for positioned text, each
character's glyph box: :class:`GlyphRun`) and makes the
:class:`~extract.span.SourceText` that the text pipeline reads, so a report
gives the same structured data whichever form it came in.
"""

from __future__ import annotations

import array
import math
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from ..span import SourceText

BBox = tuple[float, float, float, float]
#: a drawn row's cell positions: (rowspan, colspan) of a cell, None where a merged cell covers it
CellSpans = Sequence[Optional[tuple[int, int]]]

#: how far ahead of the last matched glyph a character of the text is looked for
GLYPH_LOOKAHEAD = 8
NO_BOX = (math.nan,) * 5
_NO_BOX = array.array("f", NO_BOX)


@dataclass
class GlyphRun:
    """Glyphs of one page in the order their text reads: ``chars`` (one
    character each) and ``boxes``, four floats per glyph (x0, top, x1,
    bottom in PDF points from the page's top left)."""

    chars: str
    boxes: array.array
    page: int


def char_boxes(text: str, runs: Sequence[GlyphRun]) -> array.array:
    """Five floats per character of ``text`` (page, x0, top, x1, bottom),
    NaN for a character no glyph drew (a space the layout put in). The
    text's characters are matched in order to the glyphs of ``runs``: the
    layout only ever adds spaces and drops a glyph drawn twice in place,
    so each character is the next glyph with its letter."""
    n = len(text)
    chars = "".join([r.chars for r in runs])
    boxes = array.array("f")
    for r in runs:
        boxes.extend(r.boxes)
    if len(boxes) == 4 * len(chars) and text.replace(" ", "").replace("\t", "") == chars:
        # the usual case: the glyphs are the text's characters, spaces aside, so
        # the k-th character not a space is the k-th glyph: copied a word at a time
        glyphs = array.array("f", bytes(20 * len(chars)))
        pages = array.array("f")
        for r in runs:
            pages.extend(array.array("f", [r.page]) * len(r.chars))
        glyphs[0::5] = pages
        for side in range(4):
            glyphs[side + 1::5] = boxes[side::4]
        if len(chars) == n:  # no space at all
            return glyphs
        out = _NO_BOX * n
        k = 0
        for word in _WORDS.finditer(text):
            a, b = word.span()
            out[5 * a:5 * b] = glyphs[5 * k:5 * (k + b - a)]
            k += b - a
        return out
    out = _NO_BOX * n
    page_of: list[int] = []
    for r in runs:
        page_of.extend([r.page] * len(r.chars))
    find = chars.find
    j = 0
    for i, ch in enumerate(text):
        if ch == " " or ch == "\t":
            continue
        k = j if chars[j:j + 1] == ch else find(ch, j, j + GLYPH_LOOKAHEAD)
        if k < 0:
            continue
        out[5 * i] = page_of[k]
        out[5 * i + 1:5 * i + 5] = boxes[4 * k:4 * k + 4]
        j = k + 1
    return out


_WORDS = re.compile(r"[^ \t]+")
_LINE_BREAKS = re.compile(r"[\r\n\v\f\u2028\u2029\x85]+")
_TABS = re.compile(r"\t+")


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def join_wrapped(parts: Iterable[str]) -> str:
    """Pieces of text broken over lines, joined back: nothing between
    them, except one space between two Latin letters or digits
    (``["资金支出情况", "(万元)"]`` -> ``"资金支出情况(万元)"``,
    ``["Project", "A"]`` -> ``"Project A"``)."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and _is_latin(out[-1]) and _is_latin(part[0]):
            out += " "
        out += part
    return out


def cell_text(text: Optional[str]) -> str:
    """A table cell as one line: its line breaks joined away
    (:func:`join_wrapped`), tabs made spaces. ``None`` (a position covered
    by a merged cell) is empty."""
    if not text:
        return ""
    return _TABS.sub(" ", join_wrapped(_LINE_BREAKS.split(text)))


def line_text(text: str) -> str:
    """A paragraph line: tabs become a space (a tab would make it look like
    a table row), other white space is kept."""
    return _TABS.sub(" ", _LINE_BREAKS.sub(" ", text))


def row_line(cells: Sequence[Optional[str]]) -> str:
    """A table row as one TAB-separated line; None cells are empty."""
    return "\t".join(cell_text(c) for c in cells)


@dataclass
class SourceBuilder:
    """Collects laid-out lines, then makes the :class:`SourceText`."""

    texts: list[str] = field(default_factory=list)
    pages: list[Optional[int]] = field(default_factory=list)
    boxes: list[Optional[BBox]] = field(default_factory=list)
    origins: list[Optional[str]] = field(default_factory=list)
    glyphs: list[Optional[array.array]] = field(default_factory=list)
    spans: list[Optional[tuple[Optional[tuple[int, int]], ...]]] = field(default_factory=list)

    def line(self, text: str, page: Optional[int] = None, bbox: Optional[BBox] = None,
             origin: Optional[str] = None, glyphs: Optional[Sequence[GlyphRun]] = None) -> None:
        """Add a paragraph line (cleaned by :func:`line_text`); a blank
        line is skipped. ``glyphs``: the runs its text was made of."""
        text = line_text(text)
        if text.strip():
            self._add(text, page, bbox, origin, glyphs)

    def row(self, cells: Sequence[Optional[str]], page: Optional[int] = None,
            bbox: Optional[BBox] = None, origin: Optional[str] = None,
            glyphs: Optional[Sequence[GlyphRun]] = None,
            spans: Optional[CellSpans] = None) -> None:
        """Add a table row (see :func:`row_line`); a row with no text is
        skipped. ``glyphs``: the cells' runs, in cell order. ``spans``: each
        cell position's (rowspan, colspan), None where a merged cell covers
        it (rows counted as the loader's table counts them)."""
        text = row_line(cells)
        if text.strip("\t "):
            self._add(text, page, bbox, origin, glyphs)
            if spans is not None:
                self.spans[-1] = tuple(spans)

    def _add(self, text: str, page: Optional[int], bbox: Optional[BBox], origin: Optional[str],
             glyphs: Optional[Sequence[GlyphRun]] = None) -> None:
        self.texts.append(text)
        self.pages.append(page)
        self.boxes.append(tuple(round(v, 2) for v in bbox) if bbox else None)  # type: ignore[arg-type]
        self.origins.append(origin)
        self.glyphs.append(char_boxes(text, glyphs) if glyphs else None)
        self.spans.append(None)

    def __len__(self) -> int:
        return len(self.texts)

    def build(self) -> SourceText:
        """The :class:`SourceText`: lines joined by newlines; pages and
        boxes only when some line has them."""
        text = "\n".join(self.texts) + ("\n" if self.texts else "")
        has_pages = any(p is not None for p in self.pages)
        return SourceText(
            text,
            line_pages=list(self.pages) if has_pages else None,
            line_boxes=list(self.boxes) if any(b is not None for b in self.boxes) else None,
            line_origins=list(self.origins) if any(o is not None for o in self.origins) else None,
            char_boxes=list(self.glyphs) if any(g is not None for g in self.glyphs) else None,
            line_spans=list(self.spans) if any(s is not None for s in self.spans) else None,
        )
