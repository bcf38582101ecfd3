"""What a finding quotes (原文): source text, verbatim, found by Location.

A check knows its evidence as normalized text (a sentence, a cell, a
heading) and Locations; :class:`SourceQuotes` takes the
:class:`~extract.span.SourceText` the loader laid out and returns the source
characters that evidence came from, so a quote is always text that stands in
the document, never a string the checker composed:

- :meth:`SourceQuotes.verbatim`: the source of a normalized text, found by
  its search key (:func:`extract.normalize.search_key`: folded, no white
  space) at the occurrence nearest a location;
- :meth:`SourceQuotes.at`: the source characters of a location;
- :meth:`SourceQuotes.sentence_at`: the source sentence (within its line)
  holding a location;
- :meth:`SourceQuotes.row`: the cells of one table row, their own texts
  joined by :data:`CELL_SEPARATOR`.

Several places are joined with :data:`PLACE_SEPARATOR` (:func:`join_places`).
Lines the loader broke are joined back (a line break between two Chinese
characters is dropped, elsewhere it becomes a space), so a quote reads as a
sentence; otherwise the characters are the source's own, as written (a
traditional document is quoted in traditional characters:
:attr:`~extract.span.SourceText.written_text`).

Without a source (checks run on a report built in memory) the report's own
normalized text stands in for it.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, Iterable, Optional, Sequence, overload

from ..model import Location, Table
from ..normalize import search_key, search_key_runs, search_key_text
from ..span import SourceText, Span

CELL_SEPARATOR = " | "
PLACE_SEPARATOR = " / "
SENTENCE_END = "。！？!?；;"
_BREAK = re.compile(r"\s*\n\s*")


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def tidy(raw: str) -> str:
    """Source characters with the loader's line breaks joined back and the
    ends stripped."""
    if "\n" not in raw:
        return raw.strip()  # no line break to join (most quotes): no search for one

    def join(m: re.Match) -> str:
        a, b = m.start(), m.end()
        if 0 < a and b < len(raw) and _ascii_word(raw[a - 1]) and _ascii_word(raw[b]):
            return " "
        return ""
    return _BREAK.sub(join, raw).strip()


def join_places(parts: Iterable[Optional[str]], separator: str = PLACE_SEPARATOR) -> Optional[str]:
    """Quotes of several places joined (empty ones dropped, and a place
    quoted twice kept once; cells, joined by " | ", are all kept); None when
    nothing is left."""
    kept = [p for p in parts if p]
    if separator == PLACE_SEPARATOR:
        kept = list(dict.fromkeys(kept))
    return separator.join(kept) if kept else None


class KeyOffsets(Sequence[int]):
    """The offsets of a search key read from its runs
    (:func:`~extract.normalize.search_key_runs`): ``offsets[i]`` worked out
    when asked for, not a tuple of an offset per character of the source
    made for the few a run of checks reads (issue 14)."""

    __slots__ = ("_sources", "_keys", "_n")

    def __init__(self, sources: list[int], keys: list[int], n: int) -> None:
        self._sources, self._keys, self._n = sources, keys, n

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> int: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[int, ...]: ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(self._n)))
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError("key offset out of range")
        j = bisect.bisect_right(self._keys, i) - 1
        return self._sources[j] + i - self._keys[j]

    def before(self, offset: int) -> int:
        """``bisect.bisect_left(offsets, offset)``: how many characters of
        the key stand before source offset ``offset``."""
        j = bisect.bisect_right(self._sources, offset) - 1
        if j < 0:
            return 0
        length = (self._keys[j + 1] if j + 1 < len(self._keys) else self._n) - self._keys[j]
        return self._keys[j] + min(offset - self._sources[j], length)


class SourceQuotes:
    """Verbatim quotes from one document's source text."""

    def __init__(self, source: Optional[SourceText]):
        self.source = source
        self._key: Optional[Span] = None
        # (the key index of a source offset: bisect_left of the key's offsets)
        self._before: Callable[[int], int] = lambda offset: 0
        if source is not None:
            runs = search_key_runs(source.text)
            if runs is None:  # (a character folding to several: an offset per character)
                key = self._key = search_key(source.text)
                self._before = lambda offset: bisect.bisect_left(key.offsets, offset)
            else:
                offsets = KeyOffsets(runs[1], runs[2], len(runs[0]))
                self._key, self._before = Span(runs[0], offsets), offsets.before  # type: ignore[arg-type]
        # verbatim's answers: a sentence or cell is quoted by several checks
        # (a pass and a fail, each figure of a sentence)
        self._quoted: dict[tuple, Optional[str]] = {}
        self._needles: dict[str, str] = {}

    @property
    def key(self) -> Optional[Span]:
        """The search key of the whole source (None without one), made once
        (its offsets read from its runs, :class:`KeyOffsets`)."""
        return self._key

    def at(self, location: Optional[Location]) -> Optional[str]:
        """The source characters of ``location`` (None without a source)."""
        if self.source is None or location is None:
            return None
        return tidy(self.source.written_text[location.start:location.end]) or None

    def find(self, text: str, near: Optional[Location] = None) -> Optional[tuple[int, int]]:
        """Source offsets (start, end) of the characters normalized ``text``
        came from: the occurrence of its search key nearest ``near`` (the
        first without it); None without a source or when the source does not
        hold it as one run (it spans a dropped page artifact, or cells the
        layout kept apart)."""
        if self._key is None or not text:
            return None
        needle = self._needles.get(text)
        if needle is None:
            needle = self._needles[text] = search_key_text(text)  # (a text is found near several places)
        if not needle:
            return None
        hay = self._key.text
        if near is None:
            found = hay.find(needle)
        else:
            k = self._before(near.start)
            after = hay.find(needle, max(0, k - len(needle) + 1))
            if 0 <= after <= k < after + len(needle):
                return self._key.offsets[after], self._key.offsets[after + len(needle) - 1] + 1
            # (the occurrence holding ``near`` wins over any before it: no search back then)
            before = hay.rfind(needle, 0, max(0, k + len(needle) - 1))
            options = [i for i in (after, before) if i >= 0]
            found = min(options, key=lambda i: 0 if i <= k < i + len(needle) else abs(i - k)) \
                if options else -1
        if found < 0:
            return None
        return self._key.offsets[found], self._key.offsets[found + len(needle) - 1] + 1

    def verbatim(self, text: str, near: Optional[Location] = None) -> Optional[str]:
        """The source characters normalized ``text`` came from (see
        :meth:`find`); ``text`` itself without a source; where the source
        does not hold it as one run, the source sentence at ``near``
        (:meth:`sentence_at`), else None."""
        if not text or not text.strip():
            return None
        if self.source is None:
            return text.strip()
        key = (text, None) if near is None else (text, near.start, near.end, near.line, near.end_line)
        try:
            return self._quoted[key]
        except KeyError:
            pass
        found = self.find(text, near)
        quote = self.sentence_at(near) if found is None else tidy(self.source.written_text[found[0]:found[1]])
        self._quoted[key] = quote
        return quote

    def sentence_at(self, location: Optional[Location]) -> Optional[str]:
        """The sentence of the source holding ``location``, cut at sentence
        ends within its line(s)."""
        if self.source is None or location is None:
            return None
        src = self.source
        line_start = src.line_starts[location.line - 1]
        last = location.end_line
        line_end = src.line_starts[last] - 1 if last < len(src.line_starts) else len(src.text)
        text = src.written_text
        a = location.start
        while a > line_start and text[a - 1] not in SENTENCE_END:
            a -= 1
        b = location.end
        while b < line_end and text[b - 1] not in SENTENCE_END:
            b += 1
        return tidy(text[a:b]) or None

    def first_line(self) -> Optional[Location]:
        """Where the first non-empty line of the source stands."""
        if self.source is None:
            return None
        text = self.source.text
        start = len(text) - len(text.lstrip())
        if start >= len(text):
            return None
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        return self.source.locate(start, len(text[:end].rstrip()))

    def row(self, table: Table, row: int) -> Optional[str]:
        """The non-empty cells of ``table``'s ``row``, each its own source
        text (its text without a source), joined by " | "."""
        cells = sorted((c for c in table.cells if c.row == row and c.text.strip()), key=lambda c: c.col)
        if self.source is None:
            return join_places((c.text.strip() for c in cells), CELL_SEPARATOR)
        return join_places((self.verbatim(c.text, c.location) if c.location is not None else None
                            for c in cells), CELL_SEPARATOR)
