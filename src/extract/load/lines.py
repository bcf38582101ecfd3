"""Laying a document out as text lines: the one form every loader produces.

Paragraphs become lines; a table row becomes one line of TAB-separated
cells, a merged cell rendered as empty cells, a cell's own line breaks
joined away so the row stays one line. :class:`SourceBuilder` collects the
lines with their page, box and origin and makes the
:class:`~extract.span.SourceText` that the text pipeline reads, so a report
gives the same structured data whichever form it came in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from ..span import SourceText

BBox = tuple[float, float, float, float]

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

    def line(self, text: str, page: Optional[int] = None, bbox: Optional[BBox] = None,
             origin: Optional[str] = None) -> None:
        """Add a paragraph line (cleaned by :func:`line_text`); a blank
        line is skipped."""
        text = line_text(text)
        if text.strip():
            self._add(text, page, bbox, origin)

    def row(self, cells: Sequence[Optional[str]], page: Optional[int] = None,
            bbox: Optional[BBox] = None, origin: Optional[str] = None) -> None:
        """Add a table row (see :func:`row_line`); a row with no text is
        skipped."""
        text = row_line(cells)
        if text.strip("\t "):
            self._add(text, page, bbox, origin)

    def _add(self, text: str, page: Optional[int], bbox: Optional[BBox], origin: Optional[str]) -> None:
        self.texts.append(text)
        self.pages.append(page)
        self.boxes.append(tuple(round(v, 2) for v in bbox) if bbox else None)  # type: ignore[arg-type]
        self.origins.append(origin)

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
        )
