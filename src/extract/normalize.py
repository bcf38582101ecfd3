"""Normalization: source lines -> blocks of clean text that map back to the source.

Given a :class:`~extract.span.SourceText`, returns a
:class:`NormalizedDocument`: paragraphs (lines broken mid-sentence or
mid-number joined back), table captions, and table row groups (cells split,
not yet interpreted). Every character of every block is a
:class:`~extract.span.Span` character, so it maps back to its source offset.

First a traditional document is read through the script fold
(:func:`read_script`, extract.widths: ``績效`` as ``绩效``, one character
for one), so every stage after normalization reads simplified characters
while a quote, cut from the characters as written, stays traditional.

What is folded (see :func:`fold`): full-width digits, Latin letters and the
symbols ％（）＋－＝＜＞ to ASCII, ideographic and no-break spaces to spaces,
then white space removed wherever it does not separate two ASCII letters or
digits (``110 家`` -> ``110家``, ``4 月1日`` -> ``4月1日``, ``2800 亿 元`` ->
``2800亿元``). Chinese sentence punctuation (，。；：) is kept as written.

What is dropped: page artifacts (``- 3 -``, ``第3页``, a bare page number),
running headers and footers (short lines repeated on many pages), bullets
left by converters. Knowledge of these forms lives in rules/normalize.yaml.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import Literal, Optional

from .line_kinds import LineClassifier, line_classifier
from .widths import display_width
from .ruleset import RuleSet, RulesLike
from .span import SourceText, Span
from .widths import READ_CHARS, READING_TABLE, READING_TABLE_OF_SIMPLIFIED, SCRIPT, SIMPLIFIED_ONLY, TEXT_TABLE
from .rulefiles.normalize import NormalizeRules
from .structure.tables import (ends_with_unit, fits_columns, is_loader_row, is_positional_line, is_total_label,
                               is_unit_line, looks_like_figure, split_cells)


BlockKind = Literal["paragraph", "caption", "table"]


@dataclass
class Block:
    """A paragraph or caption (``span``), or a group of table rows (``rows``)."""

    kind: BlockKind
    span: Span = field(default_factory=lambda: Span("", ()))
    rows: list[list[Span]] = field(default_factory=list)
    first_line: int = 1
    last_line: int = 1


@dataclass
class NormalizedDocument:
    source: SourceText
    blocks: list[Block]
    wrap_width: Optional[int] = None


# ---------------------------------------------------------------- folding

# The fold table is extract.widths' (Chinese punctuation kept as written).
_TABLE = TEXT_TABLE
# The traditional characters (what tells a traditional text).
_SCRIPT_CHARS = frozenset(SCRIPT)
# Characters dropped outright (zero-width space, BOM inside text).
_DROP = "\u200b\ufeff"
_SPACES = re.compile(r"\s+")
_WIDE_STOP = re.compile(r"(?<=\d)．(?=\d)")
# A full-width comma between full-width digits, three after it: a thousands
# separator of a text typed full-width (１，２００．００), read before the digits fold
_WIDE_THOUSANDS = re.compile("(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")
# What fold changes besides the width table: dropped characters, white space, ．
_FOLDS = re.compile("[\\s．" + _DROP + "]")
_DROPPED = re.compile("[" + _DROP + "]")
# Any character beyond the Basic Multilingual Plane.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def read_script(source: SourceText) -> SourceText:
    """``source`` read through the script fold of extract.widths: its text
    with every traditional character as its simplified one and every
    ideograph look-alike (``⼀`` Kangxi radical one, ``⽀``) as its ideograph,
    the characters as written kept beside it (:attr:`SourceText.written`).
    The fold is one character for one, so every offset, line start, page and
    box of ``source`` holds for the text read; a text with nothing to fold
    (most simplified texts) is ``source`` itself. A text with more
    characters only simplified text writes than traditional ones reads
    simplified: it keeps the characters of
    :data:`~extract.widths.ALSO_SIMPLIFIED` (由於洪波负责)."""
    text = source.text
    if READ_CHARS.isdisjoint(text):
        return source
    table = READING_TABLE_OF_SIMPLIFIED if _reads_simplified(text) else READING_TABLE
    read = text.translate(table)
    if read == text:
        return source
    return dataclasses.replace(source, text=read, written=source.written_text)


def _reads_simplified(text: str) -> bool:
    """Whether ``text`` holds more characters that only simplified text
    writes than traditional characters."""
    simplified = sum(1 for ch in text if ch in SIMPLIFIED_ONLY)
    return simplified > sum(1 for ch in text if ch in _SCRIPT_CHARS)


def _fold_char(ch: str) -> str:
    """One character folded (the law :func:`fold` keeps per character)."""
    if ch in _DROP:
        return ""
    return ch.translate(_TABLE)


@functools.cache  # (made on first use, not at import: a few milliseconds)
def _table_runs() -> re.Pattern:
    """The runs of characters of the Basic Multilingual Plane the fold
    table changes (it maps none to itself)."""
    return re.compile("[" + re.escape("".join(chr(c) for c in sorted(_TABLE) if c <= 0xFFFF
                                              and _TABLE[c] != chr(c))) + "]+")


def needs_fold(text: str) -> bool:
    """Whether :func:`fold` changes ``text`` (its characters or its white
    space); a text of pieces joined by a character fold keeps (``"\\x00"``)
    needs it exactly when one of the pieces does."""
    return _FOLDS.search(text) is not None or _widened(text)


def _widened(text: str) -> bool:
    """Whether the fold table changes a character of ``text``: a search of
    its class, not a lookup per character (a text with an astral character
    is looked up whole: a class of those is tried range by range, slowly)."""
    if _ASTRAL.search(text) is not None:
        return text.translate(_TABLE) != text
    return _table_runs().search(text) is not None


def _by_table(text: str) -> str:
    """``text.translate(_TABLE)``, the runs of characters it changes looked
    up, not every character."""
    if _ASTRAL.search(text) is not None:
        return text.translate(_TABLE)
    return _table_runs().sub(lambda m: m.group().translate(_TABLE), text)


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def fold(span: Span) -> Span:
    """Fold widths and drop white space that separates nothing.

    A run of spaces is kept (as one space) only between two ASCII letters or
    digits; the full-width stop ``．`` becomes ``.`` only between digits, the
    full-width comma ``，`` becomes ``,`` only between full-width digits with
    three after it (``１，２００．００``: a thousands separator).
    """
    text, offs = span.text, span.offsets
    if not needs_fold(text):
        return span if isinstance(offs, tuple) else Span(text, tuple(offs))  # nothing to fold (most table cells)
    if _DROPPED.search(text):
        keep = [i for i, ch in enumerate(text) if ch not in _DROP]
        text = "".join(text[i] for i in keep)
        offs = tuple(offs[i] for i in keep)
    if "，" in text:
        text = _WIDE_THOUSANDS.sub(",", text)
    text = _WIDE_STOP.sub(".", _by_table(text))
    out_t: list[str] = []
    out_o: list[int] = []
    pos = 0
    for m in _SPACES.finditer(text):
        a, b = m.span()
        out_t.append(text[pos:a])
        out_o.extend(offs[pos:a])
        if a > 0 and b < len(text) and _is_ascii_alnum(text[a - 1]) and _is_ascii_alnum(text[b]):
            out_t.append(" ")
            out_o.append(offs[a])
        pos = b
    out_t.append(text[pos:])
    out_o.extend(offs[pos:])
    return Span("".join(out_t), tuple(out_o))


def search_key(text: str, start: int = 0) -> Span:
    """``text`` folded character by character, with every white space
    character dropped, as a span whose offsets point into ``text`` (plus
    ``start``).

    Normalized text folds widths, drops spaces and joins lines, so it is
    rarely a substring of its source; its search key is a substring of the
    source's search key (unless it spans a dropped page artifact). That is
    how a check finds the source characters a normalized text came from.
    """
    # What a character folds to depends on the character alone, and only
    # finitely many change (white space, the dropped characters, the fold
    # table's keys, ．): the text is split at the runs of those dropped (one
    # C-level pass), the offsets of the pieces kept made from their lengths
    # without a step per piece, and the characters replaced swapped by one
    # str.translate. A set of the text's characters made on every call, and
    # a step per run, were most of the key of a whole source (issue 22).
    drops, replaced, table, long = _key_tables()
    if long is not None and long.search(text) is not None:
        return _search_key_slow(text, start)
    if drops.search(text) is None:
        key, offs = text, tuple(range(start, start + len(text)))
    else:
        parts = drops.split(text)  # kept, dropped, kept, …, kept
        at = list(itertools.accumulate(map(len, parts), initial=start))
        key = "".join(parts[::2])
        offs = tuple(itertools.chain.from_iterable(map(range, at[:-1:2], at[1::2])))
    return Span(_replaced(key, replaced, table), offs)


def search_key_runs(text: str, start: int = 0) -> Optional[tuple[str, list[int], list[int]]]:
    """:func:`search_key` of ``text`` as its characters and the runs of the
    characters it keeps, not an offset per character: (key, the source
    offset where each run starts, the key index where it starts), a run's
    characters standing one for one (``offsets[i]`` is ``sources[j] + i -
    keys[j]`` for the last run ``j`` starting at or before ``i``). The
    sources strictly rise; a run may be empty. None when a character folds
    to several (:func:`search_key` reads those)."""
    drops, replaced, table, long = _key_tables()
    if long is not None and long.search(text) is not None:
        return None
    parts = drops.split(text)  # kept, dropped, kept, …, kept
    kept = parts[::2]
    sources = list(itertools.accumulate(map(len, parts), initial=start))[:-1:2]
    keys = list(itertools.accumulate(map(len, kept), initial=0))[:-1]
    return _replaced("".join(kept), replaced, table), sources, keys


def search_key_text(text: str) -> str:
    """``search_key(text).text``, without the offsets (a needle looked for
    in a source's key: only its characters are read)."""
    drops, replaced, table, long = _key_tables()
    if long is not None and long.search(text) is not None:
        return _search_key_slow(text, 0).text
    return _replaced(drops.sub("", text) if drops.search(text) is not None else text, replaced, table)


def _replaced(key: str, replaced: re.Pattern, table: dict[int, str]) -> str:
    """``key.translate(table)`` of the key's characters the fold table
    replaces one for one (the class ``replaced`` of them): str.translate
    looks every character up in the table, slowly, so each distinct
    character replaced is swapped by one str.replace (no character replaced
    is the replacement of another, :func:`_key_tables`: the order does not
    matter). A class of the astral characters replaced is tried range by
    range, slowly: a key holding any astral character is translated whole."""
    if _ASTRAL.search(key) is not None:
        return key.translate(table)
    runs = replaced.findall(key)
    if not runs:
        return key
    for ch in set("".join(runs)):
        key = key.replace(ch, table[ord(ch)])
    return key


#: The characters str.isspace is true of (a test checks every character):
#: a class of them is read faster than the class \s.
WHITE_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200b))) \
    + "\u2028\u2029\u202f\u205f\u3000"


@functools.cache  # (made on first use, not at import: a few milliseconds)
def _key_tables() -> tuple[re.Pattern, re.Pattern, dict[int, str], Optional[re.Pattern]]:
    """What :func:`search_key` reads: the runs of characters it drops
    (white space and those folding to nothing or to white space), the runs
    of the characters of the Basic Multilingual Plane it replaces one for
    one, the ``str.translate`` table of all it replaces, and the characters
    folding to several (None: none, as today)."""
    dropped: set[str] = set()
    # ．and ，fold as figures read them between digits (fold() makes them . and ,
    # there), so a text's key and its source's agree
    replaced: dict[int, str] = {ord("\uff0e"): ".", ord("\uff0c"): ","}
    long: set[str] = set()
    for ch in {*_DROP, *map(chr, _TABLE)}:
        if ch.isspace() or ch in "\uff0e\uff0c":
            continue
        folded = _fold_char(ch)
        if not folded or folded.isspace():
            dropped.add(ch)
        elif len(folded) > 1:
            long.add(ch)
        elif folded != ch:
            replaced[ord(ch)] = folded
    # (:func:`_replaced` swaps them one character at a time: no replacement may be replaced in turn)
    assert not {ord(v) for v in replaced.values()} & set(replaced), "a fold replacement is replaced again"
    drops = re.compile("([" + re.escape("".join(sorted({*WHITE_SPACE, *dropped}))) + "]+)")
    changes = re.compile("[" + re.escape("".join(chr(c) for c in sorted(replaced) if c <= 0xFFFF)) + "]+")
    return drops, changes, replaced, (re.compile("[" + re.escape("".join(sorted(long))) + "]")
                                      if long else None)




def _search_key_slow(text: str, start: int) -> Span:
    """:func:`search_key` a character at a time (a character folding to
    several; none does today)."""
    chars: list[str] = []
    offs: list[int] = []
    for i, ch in enumerate(text):
        folded = "" if ch.isspace() else "." if ch == "\uff0e" else "," if ch == "\uff0c" else _fold_char(ch)
        if folded and not folded.isspace():
            chars.append(folded)
            offs.append(start + i)
    return Span("".join(chars), tuple(offs))


# ---------------------------------------------------------------- lines


_DATE_WORD = re.compile(r"\d\s*[年月日]")


@dataclass
class _Line:
    no: int
    span: Span  # stripped source line, bullets removed
    kind: str  # text | table | caption | artifact | blank
    cells: Optional[list[Span]] = None


class Normalizer:
    """Turns a :class:`SourceText` into blocks; rules compiled once."""

    def __init__(self, rules: NormalizeRules, lines: LineClassifier):
        self.rules = rules
        self.lines = lines
        self.markers = lines.markers
        self.tables = lines.tables
        self.sentence_end = lines.sentence_end
        self.is_heading_line = lines.is_heading_line
        self._is_caption = lines.is_caption
        self._has_clause_punct = lines.has_clause_punct
        # "部门名称：江门市科学技术局": a short label, a colon, a value.
        self._label = re.compile(r"[^，,。；;:：]{2,10}[:：][^，,。；;]{1,40}\Z")
        self._unit_start = re.compile(rules.unit_start)

    # -- line classification

    def _classify(self, source: SourceText) -> list[_Line]:
        """Each line by its own text (extract.line_kinds; a heading line is
        text here), then by the lines around it."""
        lines: list[_Line] = []
        origins = source.line_origins
        for no in range(1, source.n_lines + 1):
            raw = source.line_span(no)
            kind, span, cells = self.lines.classify(raw)
            if kind != "table" and "\t" in raw.text and origins is not None and is_loader_row(origins[no - 1]):
                # a row of a table the loader found (ruling, <table>, Word
                # table) with one filled cell: a title or group row inside it
                row = split_cells(raw, self.tables, within_table=True)
                if row is not None:
                    kind, span, cells = "table", raw, row
            lines.append(_Line(no, span, "text" if kind == "heading" else kind, cells))
        self._mark_running(lines)
        self._mark_wrapped_rows(lines, source)
        self._mark_captioned_rows(lines, source)
        self._mark_group_rows(lines)
        self._mark_closing_rows(lines, source)
        return lines

    def _aligned_row(self, raw: Span, rows: list[list[Span]], source: SourceText) -> Optional[list[Span]]:
        """The cells of ``raw`` when it is a row of the space-aligned table
        whose rows are ``rows``, though it has too few cells to be a row by
        itself ("    合计    604.60", "小计        88.20" under three-column
        rows): two cells or more that lie under the table's columns, a
        figure (not a date) after the first, no sentence or clause
        punctuation, and a sign of a row: a blank first cell (the line
        indented), a total label, or a blank cell between two. A line of
        body text with one wide space ("全年共支出  52.80万元") stays text."""
        text = raw.text
        if "\t" in text or "|" in text or self._has_clause_punct(text) or any(
                ch in text for ch in self.sentence_end + "：:"):
            return None
        cells = split_cells(raw, self.tables, within_table=True)
        filled = [c for c in cells or [] if c.text]
        if len(filled) < 2 or not any(looks_like_figure(c.text) and not _DATE_WORD.search(c.text)
                                      for c in filled[1:]):
            return None  # (a signature's "某局    2024年3月" is no row)
        # a blank first cell (the line indented), a 合计/小计 label, or a
        # blank cell between two (one wide run of spaces) says "row"
        if not (text[:self.tables.row.min_gap].isspace()
                or any(is_total_label(c.text, self.tables) for c in filled)
                or fits_columns(filled, rows, source, self.tables.row, skip=True)):
            return None
        return cells if fits_columns(filled, rows, source, self.tables.row) else None

    def _mark_closing_rows(self, lines: list[_Line], source: SourceText) -> None:
        """Text lines right after the rows of a space-aligned table that fit
        its columns (:meth:`_aligned_row`) are rows of it: a 合计 or 小计 row
        with a blank 序号 cell has a single run of spaces between text, one
        too few for a row on its own. Tables cut at tabs or pipes keep their
        empty cells and need none of this."""
        i, n = 0, len(lines)
        while i < n:
            if lines[i].kind != "table":
                i += 1
                continue
            run: list[list[Span]] = []
            j = i
            while j < n and lines[j].kind in ("table", "blank", "artifact"):
                if lines[j].kind == "table":
                    run.append(lines[j].cells or [])
                j += 1
            spaced = self._spaced_rows(run, source)
            while j < n and len(spaced) >= 2 and len(spaced) == len(run) and lines[j].kind == "text":
                cells = self._aligned_row(source.line_span(lines[j].no), spaced, source)
                if cells is None:
                    break
                lines[j].kind, lines[j].cells = "table", cells
                spaced.append(cells)
                run.append(cells)
                j += 1
                while j < n and lines[j].kind in ("blank", "artifact"):
                    j += 1
            i = j

    def _spaced_rows(self, rows: list[list[Span]], source: SourceText) -> list[list[Span]]:
        """The rows of ``rows`` cut at runs of spaces (not tabs or pipes)."""
        out = []
        for r in rows:
            first = next((c for c in r if c.offsets), None)
            if first is not None and not is_positional_line(
                    source.line_text(source.line_of(first.start)), self.tables.row):
                out.append(r)
        return out

    def _mark_captioned_rows(self, lines: list[_Line], source: SourceText) -> None:
        """Text lines right under a caption, each two cells apart by a run of
        spaces, are the rows of a two-column table ("支出科目      金额"):
        at least ``captioned_min_rows`` of them, one holding a figure."""
        for i, ln in enumerate(lines):
            if ln.kind != "caption":
                continue
            run: list[tuple[_Line, list[Span]]] = []
            for nxt in lines[i + 1:]:
                if nxt.kind != "text" or "\t" in nxt.span.text or "|" in nxt.span.text:
                    break
                cells = split_cells(source.line_span(nxt.no), self.tables, within_table=True)
                if cells is None or sum(1 for c in cells if c.text.strip()) != 2:
                    break
                run.append((nxt, cells))
            if len(run) >= self.rules.captioned_min_rows and any(
                    re.search(r"\d", c[-1].text) for _, c in run):
                for nxt, cells in run:
                    nxt.kind, nxt.cells = "table", cells

    def _mark_group_rows(self, lines: list[_Line]) -> None:
        """A short numbered label alone on a line between two table rows, the
        one after it holding a figure, is a row of the table naming a group
        ("一、统计调查类" above its rows and their 小计), not a heading."""
        group = re.compile(self.rules.group_row)
        for i in range(1, len(lines) - 1):
            ln, before, after = lines[i], lines[i - 1], lines[i + 1]
            text = ln.span.text
            if (ln.kind == "text" and before.kind == "table" and after.kind == "table"
                    and len(text) <= self.rules.group_row_max_chars and group.match(text)
                    and not re.search(r"[，,。；;：:]", text)
                    and any(re.search(r"\d", c.text) for c in after.cells or [])):
                ln.kind, ln.cells = "table", [ln.span]

    def _mark_wrapped_rows(self, lines: list[_Line], source: SourceText) -> None:
        """A text line between two table rows is a row too: cell text wrapped
        onto a line of its own ("\t\t\t收数量\t\t") has one cell only."""
        rows = [i for i, ln in enumerate(lines) if ln.kind == "table"]
        for a, b in zip(rows, rows[1:]):
            between = [lines[i] for i in range(a + 1, b) if lines[i].kind != "blank"]
            if not between or len(between) > 3 or any(ln.kind != "text" for ln in between):
                continue
            raws = [source.line_span(ln.no) for ln in between]
            if not all("\t" in r.text or r.text.startswith("  ") for r in raws):
                continue
            cells = [split_cells(r, self.tables, within_table=True) for r in raws]
            if all(c is not None for c in cells):
                for ln, c in zip(between, cells):
                    ln.kind, ln.cells = "table", c

    def _mark_running(self, lines: list[_Line]) -> None:
        counts = collections.Counter(
            ln.span.text for ln in lines
            if ln.kind == "text" and len(ln.span.text) <= self.rules.running_max_chars)
        for ln in lines:
            if (ln.kind == "text" and counts.get(ln.span.text, 0) >= self.rules.running_min_repeats
                    and self.markers.match(ln.span.text) is None
                    and not is_unit_line(ln.span.text, self.tables)):  # each table's 单位：万元
                ln.kind = "artifact"

    def _split_captions(self, lines: list[_Line]) -> list[_Line]:
        """A heading line that carries a table caption after it
        ("(三)…目标情况 表 2.2024 年度…") becomes two lines."""
        out: list[_Line] = []
        for ln in lines:
            if ln.kind == "text" and self.markers.match(ln.span.text):
                for m in self.lines.inline_caption.finditer(ln.span.text):
                    rest = ln.span[m.end():]
                    if self._is_caption(rest.text):
                        out.append(_Line(ln.no, ln.span[:m.start()].strip(), "text"))
                        out.append(_Line(ln.no, rest, "caption"))
                        break
                else:
                    out.append(ln)
            else:
                out.append(ln)
        return out

    # -- paragraph breaks

    def _wrap_width(self, lines: list[_Line]) -> Optional[int]:
        widths = [display_width(ln.span.text) for ln in lines if ln.kind == "text"]
        if len(widths) < 8:
            return None
        mode = collections.Counter(w // 2 * 2 for w in widths if w >= 20).most_common(1)
        if not mode:
            return None
        m = mode[0][0]
        near = sum(1 for w in widths if abs(w - m) <= self.rules.wrapped_band)
        if near / len(widths) >= self.rules.wrapped_share and m <= 160:
            return max(w for w in widths if abs(w - m) <= self.rules.wrapped_band)
        return None

    def _heading_over_list(self, prev: _Line, nxt: _Line) -> bool:
        """A marked line with a clause mark in its title ("(一)预算编制不够严谨，
        执行率未达预期"), a blank line, then a paragraph opening its own list
        at item 1 (一是…): the marked line is a heading, not text wrapped on."""
        mk = self.markers.match(prev.span.text)
        if mk is None:
            return False
        title = prev.span.text[mk.end:].strip()
        if not title or len(title) > self.markers.rules.max_heading_chars or not "\u4e00" <= title[-1] <= "\u9fff":
            return False
        first = self.markers.enumerations(nxt.span.text, after_mark=True)
        return bool(first) and first[0].start == 0 and first[0].ordinal == 1

    def _ends_paragraph(self, prev: _Line, nxt: _Line, wrap: Optional[int], in_body: bool,
                        blank_before: bool = False) -> bool:
        """``blank_before``: a blank line stands between ``prev`` and ``nxt``."""
        p = prev.span.text
        if p[-1] in self.sentence_end:
            return True
        if ends_with_unit(p, self.tables) or ends_with_unit(nxt.span.text, self.tables):
            return True  # "单位：万元" is a line of its own, between a table's title and it
        if nxt.kind != "text" or prev.kind != "text":
            return True
        if p[-1].isdigit() and self._unit_start.match(nxt.span.text):
            return False  # "实际支出842.36⏎万元，…": a figure broken from its unit
        if p[-1] in self.rules.opening_marks:
            return False  # "合计(" / "10分)…": a bracket opened at the break goes on below
        if self.markers.match(nxt.span.text) is not None:
            return True
        if self.is_heading_line(p):
            return True
        if blank_before and self._heading_over_list(prev, nxt):
            return True
        w = display_width(p)
        if not in_body and self._label.match(p):
            return True  # "部门（单位）名称：某中心" ends its line even in wrapped text
        if wrap is not None:
            return w < self.rules.short_line_ratio * wrap
        # Not hard-wrapped: a line break inside a sentence is a page break, so
        # join; but before the first heading short lines are title and labels.
        return (not in_body and w <= self.rules.standalone_max_width
                and not self._has_clause_punct(p)) or bool(self._label.match(p))

    # -- assembly

    def normalize(self, source: SourceText) -> NormalizedDocument:
        source = read_script(source)
        lines = self._split_captions(self._classify(source))
        wrap = self._wrap_width(lines)
        blocks: list[Block] = []
        para: list[_Line] = []

        def flush() -> None:
            if para:
                span = fold(Span.join(ln.span for ln in para))
                if span:
                    blocks.append(Block("paragraph", span=span, first_line=para[0].no,
                                        last_line=para[-1].no))
                para.clear()

        table: list[_Line] = []
        in_body = False

        def flush_table() -> None:
            if table:
                blocks.append(Block("table", rows=[ln.cells or [] for ln in table],
                                    first_line=table[0].no, last_line=table[-1].no))
                table.clear()

        blank = False
        for ln in lines:
            if ln.kind in ("blank", "artifact"):
                blank = blank or ln.kind == "blank"
                continue
            if ln.kind == "table":
                flush()
                table.append(ln)
                continue
            flush_table()
            if ln.kind == "caption":
                flush()
                blocks.append(Block("caption", span=fold(ln.span), first_line=ln.no, last_line=ln.no))
                continue
            if para and self._ends_paragraph(para[-1], ln, wrap, in_body, blank and len(para) == 1):
                flush()
            blank = False
            para.append(ln)
            in_body = in_body or self.markers.match(ln.span.text) is not None
        flush()
        flush_table()
        return NormalizedDocument(source, blocks, wrap)


def normalizer(rules: RulesLike = None) -> Normalizer:
    """The normalizer of a rule set (normalize.yaml and the heading markers),
    built once per rule set; it keeps no state between documents."""
    rs = RuleSet.of(rules)
    return rs.derived("normalizer", lambda: Normalizer(rs.normalize, line_classifier(rs)))


def normalize(source: SourceText, rules: RulesLike = None) -> NormalizedDocument:
    """Blocks of ``source``: paragraphs, captions and table row groups. The
    document's ``source`` is the text as read (:func:`read_script`): the
    later stages read it."""
    return normalizer(rules).normalize(source)
