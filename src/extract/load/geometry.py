"""Positioned text -> lines, tables and paragraphs (PDF pages, OCR'd pages).

A page arrives as plain data: :class:`Glyph` boxes (one character each,
from a PDF text layer or from OCR) and ruling-line
edges (dicts as pdfplumber's table finder uses them). Coordinates are PDF
points, origin at the top left: ``(x0, top, x1, bottom)``. The steps:

    edges --find_table_cells--> cell boxes (pdfplumber's lines strategy, :mod:`.ruling`)
    glyphs + cell boxes --fill_tables--> PageTable rows (None = merged;
                                         each cell's rowspan/colspan)
    other glyphs --group_lines--> lines --line_text--> text
    pages --drop_running_lines--> no running headers, footers, page numbers
          --join_continued_tables--> one table across a page break
          --paragraph lines--> lines broken by wrapping joined back
          --to_source--> SourceText (each line with page and box, each
                         character with its glyph's page and box)

Tolerances are the named fields of :class:`LayoutSettings`.
"""

from __future__ import annotations

import array
import bisect
import collections
import math
import operator
import re
import statistics
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple, Optional, Sequence, Union

from ..span import SourceText
from ..widths import display_width
from .lines import BBox, GlyphRun, SourceBuilder, cell_text, join_wrapped


@dataclass(frozen=True)
class LayoutSettings:
    """Tolerances of page layout, in ems (the line's median glyph height)
    unless named otherwise."""

    word_gap: float = 0.2  # a gap wider than this between two glyphs is a space
    column_gap: float = 1.8  # a gap wider than this separates aligned columns
    line_overlap: float = 0.5  # share of the smaller height two glyphs must share to be on one line
    duplicate_offset: float = 0.3  # of glyph width: the same glyph drawn twice within this (fake bold) is one
    margin_band: float = 0.08  # share of page height at top and bottom holding running lines
    right_edge: float = 1.5  # a line ending within this of the text's right edge is full
    indent: float = 0.8  # a line starting further than this right of the left edge is indented
    line_gap: float = 1.0  # a vertical gap above this between lines is a paragraph break
    size_change: float = 0.15  # relative change of glyph height that starts a new paragraph
    snap_tolerance: float = 3  # points, as pdfplumber
    join_tolerance: float = 3  # points
    intersection_tolerance: float = 3  # points
    edge_min_length: float = 3  # points
    column_match: float = 3  # points: columns of a continued table line up within this


DEFAULT_SETTINGS = LayoutSettings()


class Glyph(NamedTuple):
    """One character and its box (PDF points from the page's top left). A
    tuple: a page holds a thousand of them, made in one step each
    (``tuple.__new__(Glyph, (ch, x0, top, x1, bottom))``, see
    :func:`extract.load.pdf.page_glyphs`)."""

    ch: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    """A line of text on a page (not in a table)."""

    text: str
    bbox: BBox
    em: float
    page: int
    #: the glyphs the text was made of, in text order (a figure's own box)
    glyphs: Optional[GlyphRun] = None

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def x1(self) -> float:
        return self.bbox[2]


@dataclass
class Row:
    cells: list[Optional[str]]
    bbox: BBox
    page: int
    #: each cell's glyphs in text order (None where a merged cell covers it)
    glyphs: Optional[list[Optional[GlyphRun]]] = None
    #: each cell's (rowspan, colspan) in the ruling (None where a merged cell covers it)
    spans: Optional[list[Optional[tuple[int, int]]]] = None


@dataclass
class PageTable:
    """A ruled table: rows of cell texts (None where a merged cell covers
    the position) and the x positions of its column boundaries."""

    rows: list[Row]
    bbox: BBox
    columns: list[float]
    page: int


Item = Union[Line, PageTable]


@dataclass
class PageLayout:
    number: int  # 1-based
    width: float
    height: float
    items: list[Item] = field(default_factory=list)
    ocr: bool = False


def glyph_run(glyphs: Sequence[Glyph], page: int) -> GlyphRun:
    """The characters and boxes of ``glyphs`` (in the order given), kept
    compactly for as long as the document is laid out."""
    boxes = array.array("f", [v for g in glyphs for v in g[1:]])  # a Glyph: ch, x0, top, x1, bottom
    return GlyphRun("".join([g[0] for g in glyphs]), boxes, page)


def union(boxes: Iterable[BBox]) -> BBox:
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


# --------------------------------------------------------------------------
# Lines


def group_lines(glyphs: Sequence[Glyph], settings: LayoutSettings = DEFAULT_SETTINGS) -> list[list[Glyph]]:
    """Glyphs grouped into lines, top to bottom, each left to right: a
    glyph joins the line whose vertical extent it shares by at least
    ``line_overlap`` of the smaller height."""
    lines: list[list[Glyph]] = []
    ratio = settings.line_overlap
    current: Optional[list[Glyph]] = None
    top = bottom = 0.0
    for g in sorted(glyphs, key=_centre_key):  # (top + bottom, x0): by the centre line, then left to right
        gt = g.top
        gb = g.bottom
        if current is not None:
            overlap = (gb if gb < bottom else bottom) - (gt if gt > top else top)
            own = gb - gt
            held = bottom - top
            smaller = held if held < own else own  # min(own, held), without a call per glyph
            if overlap >= ratio * (smaller if smaller > 0.1 else 0.1):
                current.append(g)
                if gt < top:
                    top = gt
                if gb > bottom:
                    bottom = gb
                continue
        current = [g]
        lines.append(current)
        top = gt
        bottom = gb
    for line in lines:
        line.sort(key=_X0)
    return lines


def _centre_key(g: Glyph) -> tuple[float, float]:
    return (g.top + g.bottom, g.x0)


_X0 = operator.itemgetter(1)  # Glyph.x0


def _em(glyphs: Sequence[Glyph]) -> float:
    """The median glyph height of a line (its type size)."""
    heights = sorted([g.bottom - g.top for g in glyphs])
    return heights[len(heights) // 2] or 1.0


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _overprinted(a: Glyph, b: Glyph, settings: LayoutSettings) -> bool:
    """True when ``b`` is ``a`` drawn again nearly in place (fake bold)."""
    limit = settings.duplicate_offset * max(a.x1 - a.x0, 0.1)
    return abs(b.x0 - a.x0) < limit and abs(b.x1 - a.x1) < limit and abs(b.top - a.top) < limit


def line_text(glyphs: Sequence[Glyph], settings: LayoutSettings = DEFAULT_SETTINGS,
              em: Optional[float] = None) -> str:
    """The text of one line (glyphs left to right): a space where glyphs
    are set apart by more than ``word_gap``, a run of spaces (about one per
    half em) where a wide gap separates columns. A glyph drawn twice
    at the same place (fake bold) counts once; a letter-spaced line
    (``绩  效  目  标``) is not taken for columns. ``em``: the line's
    :func:`_em`, when the caller has it."""
    if em is None:
        em = _em(glyphs)
    runs: list[list[str]] = [[]]
    gaps: list[float] = []
    prev: Optional[Glyph] = None
    column_gap, word_gap = settings.column_gap * em, settings.word_gap * em
    run = runs[-1]
    for g in glyphs:
        if prev is not None:
            if g.ch == prev.ch and _overprinted(prev, g, settings):
                continue
            gap = g.x0 - prev.x1
            if gap > column_gap:
                run = []
                runs.append(run)
                gaps.append(gap)
            elif gap > word_gap:
                run.append(" ")
        run.append(g.ch)
        prev = g
    texts = ["".join(r) for r in runs]
    if len(texts) >= 3 and all(len(t) == 1 for t in texts):
        return " ".join(texts)
    out = texts[0]
    for gap, text in zip(gaps, texts[1:]):
        out += " " * max(2, round(gap / (0.5 * em))) + text
    return out


_BULLET_BEFORE_MARKER = re.compile(r"^([-•·●▪◆])(?=\d{1,2}[.．、]|[(（])")


def make_lines(glyphs: Sequence[Glyph], page: int, settings: LayoutSettings = DEFAULT_SETTINGS) -> list[Line]:
    """:class:`Line` objects of free-standing glyphs. A bullet set tight
    against a numbered item (``-2.主要原因``, as OCR boxes give it) keeps
    the space a bullet has (``- 2.主要原因``)."""
    out = []
    for group in group_lines(glyphs, settings):
        chars, x0s, tops, x1s, bottoms = zip(*group)  # a Glyph: ch, x0, top, x1, bottom
        heights = sorted(map(operator.sub, bottoms, tops))
        em = heights[len(heights) // 2] or 1.0  # _em(group)
        text = _BULLET_BEFORE_MARKER.sub(r"\1 ", line_text(group, settings, em))
        if text.strip():
            box = (x0s[0], min(tops), max(x1s), max(bottoms))
            out.append(Line(text, box, em, page, _column_run(chars, x0s, tops, x1s, bottoms, page)))
    return out


def _column_run(chars: Sequence[str], x0s: Sequence[float], tops: Sequence[float], x1s: Sequence[float],
                bottoms: Sequence[float], page: int) -> GlyphRun:
    """:func:`glyph_run` of glyphs given field by field: each side's
    floats laid into every fourth place at once."""
    boxes = array.array("f", bytes(16 * len(chars)))
    for side, values in enumerate((x0s, tops, x1s, bottoms)):
        boxes[side::4] = array.array("f", values)
    return GlyphRun("".join(chars), boxes, page)


# --------------------------------------------------------------------------
# Tables from ruling lines


def find_table_cells(edges: list[dict], settings: LayoutSettings = DEFAULT_SETTINGS) -> list[list[BBox]]:
    """Cell boxes of each table the ruling-line ``edges`` draw, by
    pdfplumber's lines strategy (snap, join, intersect, smallest cells,
    group cells sharing corners)."""
    from .ruling import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    long_edges = [e for e in edges if (e["height"] if e["orientation"] == "v" else e["width"]) >= 1]
    if len([e for e in long_edges if e["orientation"] == "h"]) < 2 or \
            len([e for e in long_edges if e["orientation"] == "v"]) < 2:
        return []
    merged = merge_edges(long_edges, settings.snap_tolerance, settings.snap_tolerance,
                         settings.join_tolerance, settings.join_tolerance)
    merged = [e for e in merged
              if (e["height"] if e["orientation"] == "v" else e["width"]) >= settings.edge_min_length]
    points = edges_to_intersections(merged, settings.intersection_tolerance, settings.intersection_tolerance)
    return cells_to_tables(intersections_to_cells(points))


def edge(x0: float, top: float, x1: float, bottom: float) -> Optional[dict]:
    """An edge dict (pdfplumber's form) for an axis-parallel segment, or
    None for a slanted one."""
    x0, x1 = min(x0, x1), max(x0, x1)
    top, bottom = min(top, bottom), max(top, bottom)
    if x1 - x0 < 0.5:
        orientation = "v"
    elif bottom - top < 0.5:
        orientation = "h"
    else:
        return None
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
            "height": bottom - top, "orientation": orientation, "object_type": "line"}


def rect_edges(x0: float, top: float, x1: float, bottom: float) -> list[dict]:
    """The four edges of a rectangle."""
    found = [edge(x0, top, x1, top), edge(x0, bottom, x1, bottom), edge(x0, top, x0, bottom),
             edge(x1, top, x1, bottom)]
    return [e for e in found if e is not None]


class _CellIndex:
    """Finds the cell holding a point: cells bucketed by the row bands
    they cover."""

    def __init__(self, cells: Sequence[BBox]):
        self.cells = cells
        self.tops = sorted({c[1] for c in cells})
        self.bands: list[list[int]] = [[] for _ in self.tops]
        for k, c in enumerate(cells):
            for b in range(bisect.bisect_left(self.tops, c[1]), len(self.tops)):
                if self.tops[b] >= c[3]:
                    break
                self.bands[b].append(k)

    def find(self, x: float, y: float) -> Optional[int]:
        b = bisect.bisect_right(self.tops, y) - 1
        if b < 0:
            return None
        for k in self.bands[b]:
            x0, top, x1, bottom = self.cells[k]
            if x0 <= x < x1 and top <= y < bottom:
                return k
        return None


def _cell_string(glyphs: Sequence[Glyph], page: int, settings: LayoutSettings) -> tuple[str, GlyphRun]:
    """A cell's text (its lines joined) and its glyphs in text order."""
    if not glyphs:
        return "", GlyphRun("", array.array("f"), page)
    grouped = group_lines(glyphs, settings)
    text = join_wrapped(re.sub(r" {2,}", " ", line_text(g, settings)) for g in grouped)
    return text, glyph_run([g for line in grouped for g in line], page)


def _row_box(cells: Sequence[Optional[BBox]], table: BBox) -> BBox:
    """A row's box: the table's width, from the row's top to the nearest
    cell bottom (a cell merged down over later rows does not stretch it)."""
    present = [c for c in cells if c is not None]
    return (table[0], min(c[1] for c in present), table[2], min(c[3] for c in present))


def cell_span(cell: BBox, lefts: Sequence[float], tops: Sequence[float],
              tolerance: float = 1.0) -> tuple[int, int]:
    """(rowspan, colspan) of a cell box of a ruled table: how many of the
    table's row tops and column lefts (each sorted) it covers."""
    left = bisect.bisect_left
    rows = left(tops, cell[3] - tolerance) - left(tops, cell[1] - tolerance)
    cols = left(lefts, cell[2] - tolerance) - left(lefts, cell[0] - tolerance)
    return max(rows, 1), max(cols, 1)


def fill_tables(tables: list[list[BBox]], glyphs: Sequence[Glyph], page: int,
                settings: LayoutSettings = DEFAULT_SETTINGS) -> tuple[list[PageTable], list[Glyph]]:
    """Put each glyph whose centre lies in a table cell into that cell.
    Returns the tables (rows of cell texts, None where a merged cell covers
    the position, as pdfplumber's ``Table.extract``) and the glyphs left."""
    from .ruling import table_rows

    indexes = [_CellIndex(cells) for cells in tables]
    boxes = [union(cells) for cells in tables]
    held: list[dict[int, list[Glyph]]] = [collections.defaultdict(list) for _ in tables]
    free: list[Glyph] = []
    for g in glyphs:
        x, y = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2  # its centre (Glyph.cx, Glyph.cy)
        for t, box in enumerate(boxes):
            if box[0] <= x < box[2] and box[1] <= y < box[3]:
                k = indexes[t].find(x, y)
                if k is not None:
                    held[t][k].append(g)
                    break
        else:
            free.append(g)
    out = []
    for t, cells in enumerate(tables):
        position = {c: k for k, c in enumerate(cells)}
        lefts, tops = sorted({c[0] for c in cells}), sorted({c[1] for c in cells})
        rows = []
        for row in table_rows(cells):
            read = [None if c is None else _cell_string(held[t].get(position[c], []), page, settings)
                    for c in row]
            texts = [None if r is None else r[0] for r in read]
            runs = [None if r is None else r[1] for r in read]
            spans = [None if c is None else cell_span(c, lefts, tops) for c in row]
            rows.append(Row(texts, _row_box(row, boxes[t]), page, runs, spans))
        columns = sorted({c[0] for c in cells} | {boxes[t][2]})
        out.append(PageTable(rows, boxes[t], columns, page))
    return out, free


# --------------------------------------------------------------------------
# Tables without ruling lines (scans): rows and columns from box positions


@dataclass(frozen=True)
class UnruledSettings:
    """How a table printed without ruling lines is found among OCR'd lines."""

    min_cells: int = 3  # a line with this many column runs is a table row's first line
    min_rows: int = 3  # ... and a table has at least this many such lines
    max_between: int = 3  # lines of wrapped cell text between two of them
    column_snap: float = 1.5  # ems: runs starting this close share a column
    run_gap: float = 0.9  # ems: a wider gap between glyphs ends a run (narrow gutters between cells)
    # a cell's tail on a line of its own is no whole figure ("1日前" is a tail, "98%" is not)
    whole_figure: str = r"[≥≤<>=＞＜]?\s*\d[\d,.]*\s*(?:%|[项家人次个元万亿座所名台套场]+)?"


UNRULED = UnruledSettings()


def _runs(line: list[Glyph], gap: float) -> list[tuple[float, float, str]]:
    """A line's column runs: (x0, x1, text) split where glyphs are set
    apart by more than ``gap`` ems."""
    em = _em(line)
    out: list[list[Glyph]] = []
    for g in line:
        if out and g.x0 - out[-1][-1].x1 <= gap * em:
            out[-1].append(g)
        else:
            out.append([g])
    return [(r[0].x0, max(g.x1 for g in r), "".join(g.ch for g in r)) for r in out]


def _table_lines(counts: Sequence[int], lines: Sequence[Sequence[Glyph]],
                 unruled: UnruledSettings) -> Optional[range]:
    """The lines of a table: from the first line with ``min_cells`` cells
    to the last one reached with at most ``max_between`` lines between two
    such lines, and the wrapped lines right after it; None with fewer than
    ``min_rows`` such lines."""
    firsts = [i for i, n in enumerate(counts) if n >= unruled.min_cells]
    if len(firsts) < unruled.min_rows:
        return None
    end = firsts[0]
    for i in firsts[1:]:
        if i - end - 1 > unruled.max_between:
            break
        end = i
    last = end
    while (end + 1 < len(counts) and end - last < unruled.max_between and counts[end + 1] > 0
           and lines[end + 1][0].top - max(g.bottom for g in lines[end]) < 2 * _em(lines[end])):
        end += 1
    return range(firsts[0], end + 1)


def _clusters(xs: Iterable[float], snap: float) -> list[list[float]]:
    out: list[list[float]] = []
    for x in sorted(xs):
        if out and x - out[-1][-1] <= snap:
            out[-1].append(x)
        else:
            out.append([x])
    return out


def unruled_edges(glyphs: Sequence[Glyph], settings: LayoutSettings = DEFAULT_SETTINGS,
                  unruled: UnruledSettings = UNRULED) -> list[dict]:
    """Ruling edges for a table printed without lines, drawn where its
    cells' boxes say. Columns: where the text runs of at least ``min_rows``
    lines start (and a label column left of them all); the table: the
    lines with runs in at least ``min_cells`` of those columns, and the
    wrapped lines between and right after them. A row starts at each line
    but one that continues the row above (wrapped cell text): it fills only
    columns that the row's first line and the line above it fill, leaves
    one of the first line's columns empty, and holds no whole figure
    (``98%``; a tail such as ``1日前`` is none). The edges go through the
    same cell finder as real ruling lines; [] when no such table is there."""
    lines = [g for g in group_lines(glyphs, settings) if g]
    if not lines:
        return []
    runs = [_runs(line, unruled.run_gap) for line in lines]
    em = statistics.median(_em(line) for line in lines)
    snap = unruled.column_snap * em
    candidates = [r for r in runs if len(r) >= unruled.min_cells]
    supported = [min(c) for c in _clusters((x0 for r in candidates for x0, _, _ in r), snap)
                 if len(c) >= unruled.min_rows]
    if len(supported) < unruled.min_cells:
        return []

    def aligned(line: Sequence[Glyph]) -> int:
        """Columns where a run of ``line`` starts: after a gap wider than
        ``run_gap``, or after a word gap at a column's left edge (the narrow
        gutter of "科技统计培训 5场次")."""
        found = set()
        prev = None
        for g in line:
            gap = g.x0 - prev.x1 if prev is not None else math.inf
            for k, left in enumerate(supported):
                near = abs(g.x0 - left) <= 0.5 * em
                if (gap > unruled.run_gap * em and abs(g.x0 - left) <= snap) or (near and gap > settings.word_gap * em):
                    found.add(k)
            prev = g
        return len(found)

    # a line of one run (a caption, a heading, a cell's wrapped tail) starts no row of cells
    body = _table_lines([aligned(line) if len(r) >= 2 else min(aligned(line), 1) for line, r in zip(lines, runs)],
                        lines, unruled)
    if body is None:
        return []
    outer = [x0 for i in body for x0, _, _ in runs[i] if x0 < supported[0] - snap]
    lefts = ([min(outer)] if outer else []) + supported

    def column(x0: float) -> int:
        return max([k for k, left in enumerate(lefts) if left <= x0 + 0.5 * em] or [0])

    cells: list[dict[int, str]] = []
    for i in body:
        by_col: dict[int, str] = {}
        for g in lines[i]:
            k = column(g.x0)
            by_col[k] = by_col.get(k, "") + g.ch
        cells.append(by_col)
    figure = re.compile(unruled.whole_figure)
    row_tops: list[float] = []
    first_cols: set[int] = set()
    prev_cols: set[int] = set()
    for i, by_col in zip(body, cells):
        cols = set(by_col)
        tail = bool(row_tops) and cols <= prev_cols and cols < first_cols and not any(
            figure.fullmatch(text) for text in by_col.values())
        if not tail:
            row_tops.append(min(g.top for g in lines[i]))
            first_cols = cols
        prev_cols = cols
    bottom = max(g.bottom for i in body for g in lines[i])
    right = max(g.x1 for i in body for g in lines[i])
    pad = 0.25 * em
    xs = [left - pad for left in lefts] + [right + pad]
    ys = [top - pad for top in row_tops] + [bottom + pad]
    found = [edge(x, ys[0], x, ys[-1]) for x in xs] + [edge(xs[0], y, xs[-1], y) for y in ys]
    return [e for e in found if e is not None]


# --------------------------------------------------------------------------
# A page


def layout_page(number: int, width: float, height: float, glyphs: Sequence[Glyph], edges: list[dict],
                settings: LayoutSettings = DEFAULT_SETTINGS, ocr: bool = False) -> PageLayout:
    """Lines and tables of one page, top to bottom. An OCR'd page without
    ruling lines may still hold a table: its edges come from the boxes'
    positions (:func:`unruled_edges`)."""
    cells = find_table_cells(edges, settings) if edges else []
    if ocr and not cells:
        found = unruled_edges(glyphs, settings)
        cells = find_table_cells(found, settings) if found else []
    tables, free = fill_tables(cells, glyphs, number, settings) if cells else ([], list(glyphs))
    items: list[Item] = [*make_lines(free, number, settings), *tables]
    items.sort(key=lambda it: it.bbox[1])
    return PageLayout(number, width, height, items, ocr)


# --------------------------------------------------------------------------
# Across pages


def _in_band(line: Line, page: PageLayout, settings: LayoutSettings) -> bool:
    band = settings.margin_band * page.height
    return line.bbox[3] <= band or line.bbox[1] >= page.height - band


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def drop_running_lines(pages: list[PageLayout], is_artifact, settings: LayoutSettings = DEFAULT_SETTINGS) -> None:
    """Remove running headers, footers and page numbers: lines in the
    top or bottom margin band that are page artifacts (``is_artifact``,
    e.g. ``- 3 -``) or that recur, digits aside, on more than one page."""
    counts = collections.Counter()
    for page in pages:
        keys = {_running_key(it.text) for it in page.items if isinstance(it, Line) and _in_band(it, page, settings)}
        counts.update(keys)
    for page in pages:
        page.items = [it for it in page.items if not (
            isinstance(it, Line) and _in_band(it, page, settings)
            and (is_artifact(it.text.strip()) or counts[_running_key(it.text)] > 1))]


def _texts(row: Row) -> list[str]:
    return [cell_text(c) for c in row.cells]


def _same_columns(a: PageTable, b: PageTable, settings: LayoutSettings) -> bool:
    return len(a.columns) == len(b.columns) and all(
        abs(x - y) <= settings.column_match for x, y in zip(a.columns, b.columns))


def join_continued_tables(pages: list[PageLayout], settings: LayoutSettings = DEFAULT_SETTINGS) -> None:
    """A table that ends a page and one that starts the next with the same
    columns are one table: the second's rows join the first, without the
    header rows it repeats."""
    previous: Optional[PageTable] = None
    for page in pages:
        first = page.items[0] if page.items else None
        if isinstance(first, PageTable) and previous is not None and _same_columns(previous, first, settings):
            rows = first.rows[_repeated_header_rows(previous, first):]
            if rows:
                continue_merges(previous.rows, rows[0])
            previous.rows.extend(rows)
            page.items.pop(0)
            if not page.items:
                continue  # the table fills the page and may go on
        last = page.items[-1] if page.items else None
        previous = last if isinstance(last, PageTable) else None


def continue_merges(rows: list[Row], top: Row) -> None:
    """A cell merged over rows down to the last of ``rows`` (the bottom of
    a page) goes on into ``top``, the first row on the next page, where
    ``top`` has an empty cell of the same width below it (the page break
    cut the merged cell in two): the anchor's rowspan grows, ``top``'s
    cell becomes covered (None). A cell of one row is never taken for a
    merge: nothing tells it from a cell above an empty one."""
    if top.spans is None or not rows:
        return
    last = len(rows) - 1
    for j, below in enumerate(top.spans):
        if below is None or (top.cells[j] or "").strip():
            continue
        for a in range(last, -1, -1):
            spans = rows[a].spans
            span = spans[j] if spans is not None and j < len(spans) else None
            if span is None:
                continue
            if span[0] > 1 and a + span[0] - 1 == last and span[1] == below[1]:
                spans[j] = (span[0] + below[0], span[1])  # type: ignore[index]
                top.spans[j] = None
                top.cells[j] = None
            break


def _repeated_header_rows(table: PageTable, continued: PageTable) -> int:
    """How many leading rows of ``continued`` repeat ``table``'s first rows."""
    k = 0
    while (k < len(continued.rows) and k < len(table.rows) - 1
           and _texts(continued.rows[k]) == _texts(table.rows[k])):
        k += 1
    return k


# --------------------------------------------------------------------------
# Paragraphs


@dataclass
class TextFrame:
    """Where body text runs on the pages: its left and right edges."""

    left: float
    right: float


def text_frame(pages: list[PageLayout]) -> TextFrame:
    """The body text's left edge (median over pages of the leftmost line
    start) and right edge (median over pages of the rightmost line end)."""
    lefts, rights = [], []
    for page in pages:
        lines = [it for it in page.items if isinstance(it, Line) and len(it.text) >= 8]
        if lines:
            lefts.append(min(l.x0 for l in lines))
            rights.append(max(l.x1 for l in lines))
    if not lefts:
        return TextFrame(0.0, 0.0)
    return TextFrame(statistics.median(lefts), statistics.median(rights))


def continues(prev: Line, nxt: Line, frame: TextFrame, breaks_before, same_page: bool,
              settings: LayoutSettings = DEFAULT_SETTINGS) -> bool:
    """True when ``nxt`` carries on the paragraph ``prev`` wrapped out of:
    ``prev`` runs to the right edge, ``nxt`` starts at the left edge, in
    the same type size, close below (or at the top of the next page), and
    ``breaks_before(prev text, next text)`` sees no heading or caption
    starting."""
    em = prev.em
    if prev.x1 < frame.right - settings.right_edge * em:
        return False
    if nxt.x0 > frame.left + settings.indent * em:
        return False
    if abs(nxt.em - em) > settings.size_change * em:
        return False
    if same_page and nxt.bbox[1] - prev.bbox[3] > settings.line_gap * em:
        return False
    if "  " in prev.text or "  " in nxt.text:  # aligned columns, not prose
        return False
    return not breaks_before(prev.text.strip(), nxt.text.strip())


def to_source(pages: list[PageLayout], breaks_before, settings: LayoutSettings = DEFAULT_SETTINGS) -> SourceText:
    """The laid-out text: lines broken by wrapping joined into one line per
    paragraph (across a page break too), tables as TAB rows."""
    frame = text_frame(pages)
    ocr_pages = {page.number for page in pages if page.ocr}
    out = SourceBuilder()
    para: list[Line] = []

    def flush() -> None:
        if para:
            on_first = [l.bbox for l in para if l.page == para[0].page]
            page_no = para[0].page
            out.line(join_wrapped(l.text for l in para), page=page_no, bbox=union(on_first),
                     origin=f"page {page_no}{' ocr' if page_no in ocr_pages else ''}",
                     glyphs=[l.glyphs for l in para if l.glyphs is not None])
            para.clear()

    n_tables = 0
    for page in pages:
        for item in page.items:
            if isinstance(item, PageTable):
                flush()
                n_tables += 1
                for i, row in enumerate(item.rows, 1):
                    origin = f"page {row.page}{' ocr' if row.page in ocr_pages else ''} t{n_tables} r{i}"
                    out.row(row.cells, page=row.page, bbox=row.bbox, origin=origin,
                            glyphs=[g for g in row.glyphs or () if g is not None], spans=row.spans)
                continue
            if para and not continues(para[-1], item, frame, breaks_before, para[-1].page == item.page, settings):
                flush()
            para.append(item)
    flush()
    return out.build()


