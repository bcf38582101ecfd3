"""Text that remembers where each character came from.

A :class:`Span` is a piece of normalized text plus, for every character, the
offset of the source character it came from. Normalization folds widths,
drops spaces and joins broken lines, so normalized text and source text differ;
the offsets are how every later item gets its :class:`~extract.model.Location`.

A :class:`SourceText` is the text a loader laid out (the decoded file for text
input; for a traditional document, read through the script fold with the
characters as written beside it), with line starts and, for PDFs, the page and box of each line; loaders
of laid-out formats also record where each line came from (``line_origins``:
``"p12"`` for paragraph 12 of a DOCX, ``"t2 r3"`` for row 3 of its table 2,
``"page 4"`` for a PDF line, ``"page 4 t2 r3"`` for a PDF table row), so a
person can find it in the original. A PDF's lines also carry each
character's glyph box (``char_boxes``), so a figure is located by its own
box, not its line's or its table row's.
"""

from __future__ import annotations

import array
import bisect
import math
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from .model import Location


@dataclass(frozen=True, init=False)
class Span:
    """Normalized text with one source offset per character.

    ``offsets[i]`` is the offset in the source text of the character that
    ``text[i]`` came from. Slicing a span slices both.
    """

    text: str
    offsets: tuple[int, ...]

    def __init__(self, text: str, offsets: tuple[int, ...]) -> None:
        if len(text) != len(offsets):
            raise ValueError("span text and offsets differ in length")
        # (set in the instance's dict: a frozen dataclass's own __init__ sets
        # each field through object.__setattr__, at twice the cost)
        fields = self.__dict__
        fields["text"] = text
        fields["offsets"] = offsets

    @classmethod
    def of_source(cls, text: str, start: int = 0) -> "Span":
        """A span covering ``text`` as it stands at ``start`` in the source."""
        return cls(text, tuple(range(start, start + len(text))))

    @classmethod
    def join(cls, parts: Iterable["Span"]) -> "Span":
        text: list[str] = []
        offs: list[int] = []
        for p in parts:
            text.append(p.text)
            offs.extend(p.offsets)
        return cls("".join(text), tuple(offs))

    def __len__(self) -> int:
        return len(self.text)

    def __bool__(self) -> bool:
        return bool(self.text)

    def __getitem__(self, key: slice) -> "Span":
        if not isinstance(key, slice):
            key = slice(key, key + 1)
        return Span(self.text[key], self.offsets[key])

    def strip(self, chars: Optional[str] = None) -> "Span":
        t = self.text
        left = len(t) - len(t.lstrip(chars))
        right = len(t.rstrip(chars))
        if right <= left:
            return Span("", ())
        return self[left:right]

    @property
    def start(self) -> int:
        return self.offsets[0] if self.offsets else 0

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1 if self.offsets else 0


def _plain_cell(cell) -> bool:
    """A cell reference Location's validation keeps as it is: (str, int, int)."""
    return type(cell) is tuple and len(cell) == 3 and type(cell[0]) is str and type(cell[1]) is int \
        and type(cell[2]) is int


_new = object.__new__
_set = object.__setattr__


def _checked_location(line: int, end_line: int, start: int, end: int,
                      cell: Optional[tuple[str, int, int]]) -> Location:
    """``Location(line=line, end_line=end_line, start=start, end=end,
    page=None, bbox=None, cell=cell)`` for values its validation passes as
    they are (ints within bounds, a plain cell: :meth:`SourceText.locate`
    tests them), made as pydantic's ``model_construct`` makes a model, at
    a fifth of the cost (a location is made for every figure and cell)."""
    loc = _new(Location)
    _set(loc, "__dict__", {"line": line, "end_line": end_line, "start": start, "end": end,
                           "page": None, "bbox": None, "cell": cell})
    _set(loc, "__pydantic_fields_set__", {"line", "end_line", "start", "end", "page", "bbox", "cell"})
    _set(loc, "__pydantic_extra__", None)
    _set(loc, "__pydantic_private__", None)
    return loc


@dataclass
class SourceText:
    """The source as a loader laid it out: text, lines, and per-line page/box
    (PDF) and origin (where in the original document each line came from)."""

    text: str
    line_pages: Optional[Sequence[Optional[int]]] = None
    line_boxes: Optional[Sequence[Optional[tuple[float, float, float, float]]]] = None
    line_origins: Optional[Sequence[Optional[str]]] = None
    line_starts: list[int] = field(default_factory=list)
    #: per line of a table row its loader drew, each cell position's
    #: (rowspan, colspan), None where a merged cell covers it; None for
    #: other lines (see extract.load.lines.SourceBuilder.row)
    line_spans: Optional[Sequence[Optional[tuple[Optional[tuple[int, int]], ...]]]] = None
    #: per line, five floats per character (page, x0, top, x1, bottom; NaN
    #: where no glyph drew it), or None (see extract.load.lines.char_boxes)
    char_boxes: Optional[Sequence[Optional[array.array]]] = None
    #: the characters as the document writes them, where ``text`` reads them
    #: folded one for one (a traditional document read through
    #: extract.widths' script fold: every offset, line, page and box holds
    #: for both); None where ``text`` is as written
    written: Optional[str] = None

    def __post_init__(self) -> None:
        if not self.line_starts:
            starts = [0]
            find = self.text.find
            i = find("\n")
            while i >= 0:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self.line_starts = starts

    @property
    def written_text(self) -> str:
        """The characters as the document writes them: what a quote is cut from."""
        return self.text if self.written is None else self.written

    @property
    def n_lines(self) -> int:
        n = len(self.line_starts)
        if self.text.endswith("\n"):
            n -= 1
        return max(n, 1)

    def line_of(self, offset: int) -> int:
        """1-based line holding the character at ``offset``."""
        return bisect.bisect_right(self.line_starts, offset)

    def line_span(self, lineno: int) -> Span:
        """The source line ``lineno`` (1-based), without its newline."""
        start = self.line_starts[lineno - 1]
        return Span.of_source(self.line_text(lineno), start)

    def line_text(self, lineno: int) -> str:
        """The text of :meth:`line_span` (without building its offsets)."""
        start = self.line_starts[lineno - 1]
        end = self.line_starts[lineno] - 1 if lineno < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def locate(self, start: int, end: int, cell: Optional[tuple[str, int, int]] = None) -> Location:
        """Location of source characters ``start`` to ``end`` (exclusive)."""
        end = max(end, start + 1)
        line = self.line_of(start)
        end_line = max(line, self.line_of(end - 1))
        page = bbox = None
        if self.line_pages is not None and line - 1 < len(self.line_pages):
            page = self.line_pages[line - 1]
        if self.line_boxes is not None and line - 1 < len(self.line_boxes):
            bbox = self.line_boxes[line - 1]
        glyphs = self.glyph_box(start, end)
        if glyphs is not None:
            page, bbox = glyphs
        if page is None and bbox is None and type(start) is int and type(end) is int and start >= 0 \
                and line >= 1 and (cell is None or _plain_cell(cell)):
            return _checked_location(line, end_line, start, end, cell)
        return Location(line=line, end_line=end_line, start=start, end=end,
                        page=page, bbox=bbox, cell=cell)

    def glyph_box(self, start: int, end: int) -> Optional[tuple[int, tuple[float, float, float, float]]]:
        """The page and box of the glyphs of source characters ``start`` to
        ``end``: the union of their boxes on the page of the first one (a
        figure wrapped over a page break is boxed where it starts), or None
        without glyph boxes there."""
        if self.char_boxes is None:
            return None
        page = None
        x0 = top = math.inf
        x1 = bottom = -math.inf
        for line in range(self.line_of(start), self.line_of(max(end - 1, start)) + 1):
            boxes = self.char_boxes[line - 1] if line - 1 < len(self.char_boxes) else None
            if boxes is None:
                continue
            first = self.line_starts[line - 1]
            lo, hi = max(start - first, 0), min(end - first, len(boxes) // 5)
            if lo >= hi:
                continue
            pages = boxes[5 * lo:5 * hi:5]
            p = pages[0]
            if not math.isnan(p) and (page is None or p == page) and pages.count(p) == len(pages):
                # every glyph on one page (the usual case): the union by slices, no loop
                page = int(p)
                x0, top = min(x0, min(boxes[5 * lo + 1:5 * hi:5])), min(top, min(boxes[5 * lo + 2:5 * hi:5]))
                x1 = max(x1, max(boxes[5 * lo + 3:5 * hi:5]))
                bottom = max(bottom, max(boxes[5 * lo + 4:5 * hi:5]))
                continue
            drawn = [q for q in pages if q == q]  # NaN (a space no glyph drew) is not equal to itself
            if drawn and (page is None or drawn[0] == page) and drawn.count(drawn[0]) == len(drawn):
                # the glyphs on one page with spaces among them: the same union, NaN left out
                sides = [[v for v in boxes[5 * lo + k:5 * hi:5] if v == v] for k in (1, 2, 3, 4)]
                if all(sides):
                    page = int(drawn[0])
                    x0, top = min(x0, min(sides[0])), min(top, min(sides[1]))
                    x1, bottom = max(x1, max(sides[2])), max(bottom, max(sides[3]))
                    continue
            for i in range(lo, hi):
                p = boxes[5 * i]
                if math.isnan(p) or (page is not None and p != page):
                    continue
                page = int(p)
                x0, top = min(x0, boxes[5 * i + 1]), min(top, boxes[5 * i + 2])
                x1, bottom = max(x1, boxes[5 * i + 3]), max(bottom, boxes[5 * i + 4])
        if page is None:
            return None
        return page, (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))

    def locate_span(self, span: Span, cell: Optional[tuple[str, int, int]] = None) -> Location:
        if not span.offsets:
            return self.locate(0, 1, cell)
        return self.locate(min(span.offsets), max(span.offsets) + 1, cell)
