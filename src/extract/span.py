"""Text that remembers where each character came from.

A :class:`Span` is a piece of normalized text plus, for every character, the
offset of the source character it came from. Normalization folds widths,
drops spaces and joins broken lines, so normalized text and source text differ;
the offsets are how every later item gets its :class:`~extract.model.Location`.

A :class:`SourceText` is the text a loader laid out (the decoded file for text
input), with line starts and, for PDFs, the page and box of each line; loaders
of laid-out formats also record where each line came from (``line_origins``:
``"p12"`` for paragraph 12 of a DOCX, ``"t2 r3"`` for row 3 of its table 2,
``"page 4"`` for a PDF line, ``"page 4 t2 r3"`` for a PDF table row), so a
person can find it in the original.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from .model import Location


@dataclass(frozen=True)
class Span:
    """Normalized text with one source offset per character.

    ``offsets[i]`` is the offset in the source text of the character that
    ``text[i]`` came from. Slicing a span slices both.
    """

    text: str
    offsets: tuple[int, ...]

    def __post_init__(self) -> None:
        if len(self.text) != len(self.offsets):
            raise ValueError("span text and offsets differ in length")

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


@dataclass
class SourceText:
    """The source as a loader laid it out: text, lines, and per-line page/box
    (PDF) and origin (where in the original document each line came from)."""

    text: str
    line_pages: Optional[Sequence[Optional[int]]] = None
    line_boxes: Optional[Sequence[Optional[tuple[float, float, float, float]]]] = None
    line_origins: Optional[Sequence[Optional[str]]] = None
    line_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.line_starts:
            starts = [0]
            for i, ch in enumerate(self.text):
                if ch == "\n":
                    starts.append(i + 1)
            self.line_starts = starts

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
        end = self.line_starts[lineno] - 1 if lineno < len(self.line_starts) else len(self.text)
        return Span.of_source(self.text[start:end].rstrip("\r"), start)

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
        return Location(line=line, end_line=end_line, start=start, end=end,
                        page=page, bbox=bbox, cell=cell)

    def locate_span(self, span: Span, cell: Optional[tuple[str, int, int]] = None) -> Location:
        if not span.offsets:
            return self.locate(0, 1, cell)
        return self.locate(min(span.offsets), max(span.offsets) + 1, cell)
