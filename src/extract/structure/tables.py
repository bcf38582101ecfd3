"""Text tables: lines -> cells -> rows -> a :class:`~extract.model.Table`.

Tables in text dumps come two ways: cells separated by tabs (text exported
from Word/WPS), or cells aligned with runs of spaces (``pdftotext -layout``).
Either way a row arrives as one line, wrapped cell text arrives as an extra
line below, and merged cells arrive blank. The pipeline here:

    line --split_cells--> cells (Spans)
    rows --align--> a rectangular grid
         --header rows--> column labels and roles (fill / value / text)
         --continuation rows--> wrapped text joined back into the cell above
         --totals--> 合计/总计/小计 rows
         --merged fills--> blank hierarchy cells point at their anchor
         --> Table

Every function takes plain data and returns plain data. Vocabulary and
tolerances are rule data in ``rules/tables.yaml`` (:class:`TableRules`).
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from typing import Literal, Optional, Sequence, Union

from ..model import Cell, Location, Table, as_validated
from ..ruleset import RuleSet
from ..span import SourceText, Span
from ..widths import display_width
from ..rulefiles.tables import ColumnLabels, FundTableRules, HeaderRules, RowRules, TableRules

# --------------------------------------------------------------------------
# Rules


RulesArg = Union[TableRules, "RuleSet", str, os.PathLike, None]


def load_table_rules(rules: RulesArg = None) -> TableRules:
    """The table rules of ``rules``: a TableRules as given, else the
    ``tables.yaml`` of a rule set (a RuleSet, a rule folder, or None for the
    rules shipped with the package)."""
    if isinstance(rules, TableRules):
        return rules
    return RuleSet.of(rules).tables


Role = Literal["fill", "value", "text"]

# --------------------------------------------------------------------------
# Text of cells


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def clean_cell(span: Span) -> Span:
    """``span`` without white space, except one space between two Latin
    letters or digits: ``"验 收数量"`` -> ``"验收数量"``, ``"≥2800 亿 元"`` ->
    ``"≥2800亿元"``, ``"Project  A"`` -> ``"Project A"``. Offsets follow."""
    text = span.text
    words = text.split()  # (str.split cuts at what str.isspace finds)
    if len(words) == 1 and len(words[0]) == len(text):
        return span  # no white space: the span as it is
    keep: list[int] = []
    i, n = 0, len(text)
    while i < n:
        if not text[i].isspace():
            keep.append(i)
            i += 1
            continue
        j = i
        while j < n and text[j].isspace():
            j += 1
        if keep and j < n and _is_latin(text[keep[-1]]) and _is_latin(text[j]):
            keep.append(i)
        i = j
    return Span("".join(" " if text[k].isspace() else text[k] for k in keep),
                tuple(span.offsets[k] for k in keep))


def _squash(text: str) -> str:
    """``text`` with all white space removed ("合 计" -> "合计")."""
    return "".join(text.split())


_TRAILING_PAREN = re.compile(r"[(（][^()（）]*[)）]$")
_ANY_PAREN = re.compile(r"[(（][^()（）]*[)）]")


@functools.lru_cache(maxsize=8192)
def header_label(text: str) -> str:
    """A header cell as a vocabulary key: no white space, no parenthesis,
    no trailing colon (``"资金支出情况(万元)"`` -> ``"资金支出情况"``,
    ``"全年(调整)预算数"`` -> ``"全年预算数"``, ``"实施单位 (盖章)"`` ->
    ``"实施单位"``). A cell that is only a parenthesis stays as it is."""
    t = _squash(text).rstrip(":：")
    stripped = _ANY_PAREN.sub("", _TRAILING_PAREN.sub("", t))
    return stripped or t


@functools.lru_cache(maxsize=32)
def _compiled(pattern: str) -> re.Pattern:
    """A rule pattern compiled once (rule strings are few and fixed)."""
    return re.compile(pattern)


def is_placeholder(text: str, rules: "TableRules") -> bool:
    """True when a cell holds only a "no value" mark (``—``, ``/``, ``-``):
    it stands in a value slot and is never wrapped text."""
    return bool(text) and _compiled(rules.placeholder).fullmatch(_squash(text)) is not None


def opens_row(text: str, rules: "TableRules") -> bool:
    """True when ``text`` starts with a form label that opens a row of its
    own (``项目名称``, ``主管部门``, ``其中：``): never a wrapped tail."""
    t = _squash(text)
    return any(t.startswith(w) for w in rules.row_labels)


def label_role(text: str, rules: TableRules, prefixes: bool = True) -> Optional[Role]:
    """The column role a header cell names, or None if it is no label.
    With ``prefixes`` false only whole labels count, not ``label_prefixes``."""
    key = header_label(text)
    if not key:
        return None
    whole, starts = _label_index(rules)
    role = whole.get(key)
    if role is not None or not prefixes:
        return role
    for p, r in starts:
        if key.startswith(p):
            return r
    return None


def _label_index(rules: TableRules) -> tuple[dict[str, Role], tuple[tuple[str, Role], ...]]:
    """``rules.labels`` as a dict from label to role (first role listed
    wins) and ``label_prefixes`` as (prefix, role) pairs; built once per
    loaded TableRules and kept on it."""
    # (read from pydantic's store of private attributes directly:
    # ``rules._label_index`` goes through BaseModel.__getattr__, asked of
    # every header cell)
    index = (rules.__pydantic_private__ or {}).get("_label_index")
    if index is not None:
        return index
    if rules._label_index is None:
        whole: dict[str, Role] = {}
        starts: list[tuple[str, Role]] = []
        for role in ("fill", "value", "text"):
            for label in getattr(rules.labels, role):
                whole.setdefault(label, role)  # type: ignore[arg-type]
        for role in ("fill", "value", "text"):
            starts.extend((p, role) for p in getattr(rules.label_prefixes, role))  # type: ignore[misc]
        rules._label_index = (whole, tuple(starts))
    return rules._label_index


_PAREN_ONLY = re.compile(r"[(（][^()（）]*[)）]")


_FIGURE_START = re.compile(r"^[-+−≥≤><=＞＜≧≦]?\s*[\d０-９.]")


def looks_like_figure(text: str) -> bool:
    """True when ``text`` starts like a number or a comparison with one."""
    return bool(_FIGURE_START.match(text))


# --------------------------------------------------------------------------
# Lines to cells


def _split_tabs(line: Span, within_table: bool = False) -> Optional[list[Span]]:
    """Cells of a tab-separated line, or None when its only tab is a single
    leading indent (unless ``within_table``). Empty cells are kept; one
    trailing empty cell made by a trailing tab is dropped."""
    text = line.text
    stripped = text.lstrip("\t")
    if not within_table and "\t" not in stripped.rstrip() and len(text) - len(stripped) < 2:
        return None
    cells: list[Span] = []
    start = 0
    for i, ch in enumerate(text + "\t"):
        if ch == "\t":
            cells.append(line[start:i].strip())
            start = i + 1
    if len(cells) > 1 and not cells[-1] and text.rstrip(" \u3000").endswith("\t"):
        cells.pop()
    return cells


def _split_spaces(line: Span, rules: RowRules, within_table: bool = False) -> Optional[list[Span]]:
    """Cells of a line aligned with runs of at least ``rules.min_gap``
    spaces, or None when it has fewer than ``rules.min_gaps`` such runs
    between text (any number will do ``within_table``). Empty cells cannot
    be seen here and are not returned: :func:`align_rows` places the cells
    by position."""
    gap = re.compile(r"[ \u3000]{%d,}" % rules.min_gap)
    body = line.strip()
    if not body:
        return None
    cells: list[Span] = []
    start = 0
    for m in gap.finditer(body.text):
        cells.append(body[start:m.start()])
        start = m.end()
    cells.append(body[start:])
    if len(cells) - 1 < rules.min_gaps and not within_table:
        return None
    return [c.strip() for c in cells]


_TWO_SPACES = re.compile(r"[ \u3000]{2}")  # RowRules.min_gap is at least 2


def _split_pipes(line: Span, rules: RowRules, within_table: bool = False) -> Optional[list[Span]]:
    """Cells of a line whose cells are separated by ``|`` (Markdown and
    other converters' pipe tables: ``| 一级指标 | 二级指标 |``), or None
    when it has fewer than ``rules.min_pipes`` pipes (any will do
    ``within_table``). One pipe at each edge of the line opens or closes
    the row and makes no cell; empty cells between pipes are kept."""
    text = line.text
    if text.count("|") < (1 if within_table else rules.min_pipes):
        return None
    body = line.strip()
    cells: list[Span] = []
    start = 0
    for i, ch in enumerate(body.text + "|"):
        if ch == "|":
            cells.append(body[start:i].strip())
            start = i + 1
    if len(cells) > 1 and body.text.startswith("|") and not cells[0].text:
        cells.pop(0)
    if len(cells) > 1 and body.text.endswith("|") and not cells[-1].text:
        cells.pop()
    return cells


def is_positional_line(text: str, rules: RowRules) -> bool:
    """True when a row's cells sit at fixed positions (tabs or pipes keep
    empty cells), so the row is not aligned by horizontal position."""
    return "\t" in text or (rules.pipes and text.count("|") >= rules.min_pipes)


def split_cells(line: Span, rules: RulesArg = None, within_table: bool = False) -> Optional[list[Span]]:
    """Cut one line into cell spans; None if the line is not a table row.

    A row has a tab (``"\\t一级指标\\t二级指标"`` -> ``["", "一级指标",
    "二级指标"]``; empty cells matter for merged cells), or, without tabs, at
    least ``row.min_gaps`` runs of ``row.min_gap``+ spaces between text.
    Body text with single spaces is never a row. Cells are stripped of
    surrounding white space but otherwise unchanged.

    ``within_table``: the caller knows the line sits inside a table (between
    two rows), so any non-blank line is a row: a wrapped tail such as
    ``"            指标        度"`` has too few gaps to be a row alone.
    """
    if not line.text.strip():
        return None
    if (not within_table and "\t" not in line.text and "|" not in line.text
            and not _TWO_SPACES.search(line.text)):
        return None  # fast path for body text: no separator at all
    r = load_table_rules(rules)
    if "\t" in line.text:
        cells = _split_tabs(line, within_table)
    elif r.row.pipes and "|" in line.text and (
            within_table or line.text.count("|") >= r.row.min_pipes):
        cells = _split_pipes(line, r.row, within_table)
    else:
        cells = _split_spaces(line, r.row, within_table)
    if cells is None or not any(c.text for c in cells):
        return None
    return cells


# --------------------------------------------------------------------------
# Rows to a grid


def _line_of(row: Sequence[Span], source: SourceText) -> Optional[int]:
    """1-based source line of the first non-empty cell of ``row``."""
    for c in row:
        if c.offsets:
            return source.line_of(c.start)
    return None


def _is_tab_row(row: Sequence[Span], source: SourceText, rules: Optional[RowRules] = None) -> bool:
    """True when ``row`` was cut from a line with tabs or pipes (cells
    positional)."""
    line = _line_of(row, source)
    return line is not None and is_positional_line(source.line_text(line), rules or RowRules())


def _width(text: str, position: str) -> int:
    if position == "chars":
        return len(text)
    return display_width(text)


def _cell_extent(cell: Span, source: SourceText, position: str) -> tuple[int, int]:
    """Horizontal [x0, x1) of ``cell`` within its source line."""
    line = source.line_of(cell.start)
    line_start = source.line_starts[line - 1]
    before = source.text[line_start:cell.start]
    x0 = _width(before, position)
    return x0, x0 + _width(source.text[cell.start:cell.end], position)


def _column_extents(rows: Sequence[Sequence[Span]], source: SourceText,
                    position: str) -> list[tuple[int, int]]:
    """Column [x0, x1) taken from the rows with the most cells."""
    n = max(len(r) for r in rows)
    cols = [(10**9, -1)] * n
    for row in rows:
        if len(row) != n:
            continue
        for j, c in enumerate(row):
            if not c.offsets:
                continue
            x0, x1 = _cell_extent(c, source, position)
            cols[j] = (min(cols[j][0], x0), max(cols[j][1], x1))
    return cols


def _place(extent: tuple[int, int], cols: Sequence[tuple[int, int]], lo: int, hi: int) -> int:
    """Index in ``lo..hi`` of the column ``extent`` overlaps most (or lies
    nearest to)."""
    x0, x1 = extent

    def score(j: int) -> tuple[int, int]:
        c0, c1 = cols[j]
        overlap = min(x1, c1) - max(x0, c0)
        distance = max(c0 - x1, x0 - c1, 0)
        return (overlap if overlap > 0 else 0, -distance)

    return max(range(lo, hi + 1), key=score)


def _align_row(row: Sequence[Span], cols: Sequence[tuple[int, int]],
               source: SourceText, position: str) -> list[Span]:
    """Spread the cells of a space-aligned row over ``cols`` by position,
    leaving empty spans where the row has no cell."""
    n = len(cols)
    out = [Span("", ()) for _ in range(n)]
    prev = -1
    for k, c in enumerate(row):
        remaining = len(row) - k - 1
        j = _place(_cell_extent(c, source, position), cols, prev + 1, n - 1 - remaining)
        out[j] = c
        prev = j
    return out


def fits_columns(row: Sequence[Span], rows: Sequence[Sequence[Span]], source: SourceText,
                 rules: RowRules, skip: bool = False) -> bool:
    """True when the cells of the space-aligned ``row`` lie under the
    columns of ``rows`` (space-aligned rows of one table): no more cells
    than columns, and each cell, left to right, overlaps a column of its own
    or lies within ``rules.min_gap`` characters of one. A closing row
    ``"    合计    604.60"`` under ``"1    宣传印刷    235.08"`` fits (合计
    under the names, the figure under the amounts); a line of body text
    running across the columns does not. ``skip``: besides, at least one
    column between two of the cells is left blank ("合计        60.00"
    under "1    差旅费    40.50")."""
    cells = [c for c in row if c.text and c.offsets]
    rows = [r for r in rows if any(c.offsets for c in r)]
    if not cells or not rows:
        return False
    cols = _column_extents(rows, source, rules.position)
    if len(cells) > len(cols):
        return False
    prev = -1
    skipped = False
    for k, c in enumerate(cells):
        x0, x1 = _cell_extent(c, source, rules.position)
        j = _place((x0, x1), cols, prev + 1, len(cols) - (len(cells) - k))
        skipped = skipped or (k > 0 and j > prev + 1)
        c0, c1 = cols[j]
        if max(c0 - x1, x0 - c1) > rules.min_gap:
            return False
        # a cell reaching into the next column runs across a gap of the table
        if j + 1 < len(cols) and x1 > cols[j + 1][0] + rules.min_gap:
            return False
        prev = j
    return skipped or not skip


def _pipe_line(row: Sequence[Span], source: SourceText, rules: RowRules) -> Optional[str]:
    """The stripped source line of a row cut at pipes (no tabs), else None."""
    line = _line_of(row, source)
    if line is None or not rules.pipes:
        return None
    text = source.line_text(line).strip()
    return text if "\t" not in text and text.count("|") >= 1 else None


def restore_leading_cells(rows: Sequence[Sequence[Span]], source: SourceText,
                          rules: TableRules) -> list[list[Span]]:
    """``rows`` with the empty first cell of pipe rows given back where the
    table has no edge pipes.

    :func:`split_cells` reads a pipe at the start of a line as the row's
    opening edge (``| 一级指标 | 二级指标 |``). That holds only when the table
    writes edge pipes: when any of its pipe rows with at least
    ``row.min_pipes`` pipes starts without one (``一级指标 | 二级指标``), a
    row starting with ``|`` (`` | 质量指标 | 合格率 | 100% |``, a blank merged
    一级指标 cell) starts with an empty cell, and dropping it would shift
    every cell of the row one column to the left. Rows are otherwise
    returned unchanged."""
    lines = [_pipe_line(row, source, rules.row) for row in rows]
    edged = [t.startswith("|") for t in lines if t is not None and t.count("|") >= rules.row.min_pipes]
    if not edged or all(edged):
        return [list(row) for row in rows]
    out = []
    for row, text in zip(rows, lines):
        cells = list(row)
        if text is not None and text.startswith("|"):
            cells.insert(0, Span("", ()))
        out.append(cells)
    return out


def align_rows(rows: Sequence[Sequence[Span]], source: SourceText,
               rules: TableRules) -> list[list[Span]]:
    """A rectangular grid from ``rows``: tab rows are positional and padded
    to the widest row; space-aligned rows with fewer cells than the widest
    are spread over its columns by horizontal position."""
    width = max((len(r) for r in rows), default=0)
    cols = None
    grid: list[list[Span]] = []
    for row in rows:
        cells = list(row)
        if (len(cells) < width and not _is_tab_row(cells, source, rules.row)
                and any(c.offsets for c in cells)):
            if cols is None:
                cols = _column_extents(rows, source, rules.row.position)
            cells = _align_row(cells, cols, source, rules.row.position)
        grid.append(cells + [Span("", ())] * (width - len(cells)))
    return grid


# --------------------------------------------------------------------------
# Header rows and column roles


def is_header_row(row: Sequence[Span], rules: TableRules) -> bool:
    """True when ``row`` is made of header labels (see ``header`` rules)."""
    return is_header_texts([c.text for c in row], rules)


def is_header_texts(texts: Sequence[str], rules: TableRules, inner: bool = False) -> bool:
    """:func:`is_header_row` on cell texts. ``inner``: the row stands below
    data rows, so it must hold at least ``header.min_labels`` labels
    however few cells it has."""
    texts = [t for t in texts if t]
    if not texts:
        return False
    labels = sum(1 for t in texts if label_role(t, rules) is not None)
    need = rules.header.min_labels if inner else min(rules.header.min_labels, len(texts))
    return labels >= need and labels / len(texts) >= rules.header.min_share


def count_header_rows(grid: Sequence[Sequence[Span]], rules: TableRules) -> int:
    """Number of leading header rows (at most ``header.max_rows``)."""
    return count_header_texts([[c.text for c in row] for row in grid], rules)


def count_header_texts(rows: Sequence[Sequence[str]], rules: TableRules) -> int:
    """:func:`count_header_rows` on rows of cell texts."""
    n = 0
    while n < min(rules.header.max_rows, len(rows)) and is_header_texts(rows[n], rules):
        n += 1
    if n == 0 and len(rows) > 1 and _is_word_row(rows[0], rules) and _has_figures(rows[1]):
        n = 1  # "序号 项目名称 合计 中央资金 省级资金" over rows of figures
    return n


_DIGIT = re.compile(r"\d")


def _has_figures(texts: Sequence[str]) -> bool:
    return any(_DIGIT.search(t) for t in texts)


def _is_word_row(texts: Sequence[str], rules: TableRules) -> bool:
    """A first row of words only: no figures, every column named, and at
    least one known label among them."""
    filled = [t for t in texts if t]
    return (len(filled) >= 2 and len(filled) == len(texts) and not _has_figures(filled)
            and any(label_role(t, rules) is not None for t in filled))


# --------------------------------------------------------------------------
# Segments: forms that stack several tables


@dataclass(frozen=True)
class TableSegment:
    """Rows ``start`` to ``end`` (exclusive) of a table that share one
    header: ``header_rows`` rows from ``start``, then data rows. A form such
    as the 项目支出绩效自评表 stacks segments in one table (项目名称 rows
    without header, the 项目资金 header and its rows, the 绩效指标 header
    and the indicator rows)."""

    start: int
    header_rows: int
    end: int

    @property
    def data_start(self) -> int:
        return self.start + self.header_rows


def segment_starts(rows: Sequence[Sequence[str]], rules: TableRules) -> list[int]:
    """Row indices where a segment starts: 0, and every header row (with at
    least ``header.min_labels`` labels) that follows a row that is not one,
    or that follows ``header.max_rows`` header rows already (a header can
    be no longer: the 年度总体目标 rows of a form, 预期目标 / 实际完成情况,
    stand right above the 一级指标 / 二级指标 header of the indicators)."""
    starts = [0]
    run = 1 if rows and is_header_texts(rows[0], rules) else 0
    for i in range(1, len(rows)):
        here = is_header_texts(rows[i], rules, inner=True)
        if here and (run == 0 or run >= rules.header.max_rows):
            starts.append(i)
            run = 0
        run = run + 1 if here else 0
    return starts


def table_segments(table: Table, rules: RulesArg = None) -> list[TableSegment]:
    """The segments of a built table, from its cell texts. The first
    segment's header is the table's own (``table.header_rows``)."""
    r = load_table_rules(rules)
    rows = table.grid(filled=False)
    starts = segment_starts(rows, r)
    ends = starts[1:] + [len(rows)]
    out = []
    for k, (s, e) in enumerate(zip(starts, ends)):
        n = table.header_rows if k == 0 else count_header_texts(rows[s:e], r)
        out.append(TableSegment(s, n, e))
    return out


def _join_spans(above: Span, below: Span) -> Span:
    """``above`` followed by ``below`` (a wrapped cell), with a space only
    between two Latin letters or digits."""
    if not above:
        return below
    if not below:
        return above
    if _is_latin(above.text[-1]) and _is_latin(below.text[0]):
        return Span.join([above, Span(" ", (below.start,)), below])
    return Span.join([above, below])


def join_header_continuation(grid: list[list[Span]], n_header: int,
                             rules: TableRules) -> tuple[list[list[Span]], int]:
    """Fold the row under the header into it when each of its cells, joined
    to the header cell above, makes a known label (``"偏差原因分析"`` +
    ``"及改进措施"``; ``"金额"`` + ``"(万元)"``). Returns the grid and the
    header row count."""
    if n_header == 0 or n_header >= len(grid):
        return grid, n_header
    head, row = grid[n_header - 1], grid[n_header]
    filled = [j for j, c in enumerate(row) if c.text]
    if not filled:
        return grid, n_header
    for j in filled:
        if not head[j].text or looks_like_figure(row[j].text):
            return grid, n_header
        unit_only = _PAREN_ONLY.fullmatch(_squash(row[j].text)) is not None
        if not unit_only and label_role(head[j].text + row[j].text, rules, prefixes=False) is None:
            return grid, n_header
    merged = [_join_spans(h, r) for h, r in zip(head, row)]
    return grid[:n_header - 1] + [merged] + grid[n_header + 1:], n_header


def _row_fit(texts: Sequence[str], roles: Sequence[Optional[Role]], rules: TableRules) -> int:
    """How well a row's cells fit the columns' header roles: +1 for a figure
    (or a "no value" mark) under a value label or a word under a name or
    hierarchy label, -1 for the reverse; cells under no label count 0."""
    score = 0
    for text, role in zip(texts, roles):
        if not text or role is None:
            continue
        figure = looks_like_figure(text) or is_placeholder(text, rules)
        score += (1 if figure else -1) if role == "value" else (-1 if figure else 1)
    return score


def shift_under_group_label(grid: list[list[Span]], n_header: int,
                            rules: TableRules) -> list[list[Span]]:
    """``grid`` with rows that lack the cell of a leading group label, or
    those of the leading hierarchy columns, moved right.

    A header may open with a label spanning the whole block (``绩效指标（90分）
    | 一级指标 | 二级指标 | …``) whose merged cell the data rows print once or
    not at all: such a row is one cell short, every cell one column left of
    its header; so are rows after the first of a block that leave out its
    一级指标 and 二级指标 cells. A data row whose last cells are empty, under
    a header whose first cell is a hierarchy label or no label and whose
    last cell is a label, is moved right by as many of them (up to the
    leading hierarchy columns) as make its cells fit the header's value and
    name columns best (:func:`_row_fit`); column meaning comes from
    the header words, never from the position alone."""
    if not n_header or len(grid) <= n_header or len(grid[0]) < 3:
        return grid
    top = grid[0]
    if not top[0].text or not top[-1].text or label_role(top[0].text, rules) not in ("fill", None):
        return grid
    roles: list[Optional[Role]] = []
    for j in range(len(top)):
        role = None
        for i in range(n_header):
            role = label_role(grid[i][j].text, rules) or role
        roles.append(role)
    # a row may lack the cells of every leading hierarchy column (一级指标 and 二级指标 printed once)
    lead = max(1, next((j for j, r in enumerate(roles) if r not in ("fill", None)), len(roles)))
    out = [list(r) for r in grid[:n_header]]
    for row in grid[n_header:]:
        texts = [c.text for c in row]
        empty = next((k for k in range(len(texts)) if texts[len(texts) - 1 - k]), len(texts))
        best, fit = 0, _row_fit(texts, roles, rules)
        # past the group label only a row of figures (an indicator row, not a header's wrapped line)
        reach = min(empty, lead) if any(looks_like_figure(t) for t in texts) else 1
        for k in range(1, min(empty, reach) + 1):
            moved = [""] * k + texts[:-k]
            if _row_fit(moved, roles, rules) > fit:
                best, fit = k, _row_fit(moved, roles, rules)
        if best:
            row = [Span("", ())] * best + list(row[:-best])
        out.append(list(row))
    return out


def column_roles(grid: Sequence[Sequence[Span]], n_header: int,
                 rules: TableRules) -> list[Role]:
    """A role per column: from its header labels; a blank header at the
    left edge is a hierarchy (corner) column; a column without a label is a
    value column when its data cells mostly look like figures, else text."""
    width = len(grid[0]) if grid else 0
    roles: list[Role] = []
    leading = True
    for j in range(width):
        labels = [grid[i][j].text for i in range(n_header) if grid[i][j].text]
        role: Optional[Role] = None
        for t in labels:
            role = label_role(t, rules) or role
        data = [grid[i][j].text for i in range(n_header, len(grid)) if grid[i][j].text]
        figures = sum(1 for t in data if looks_like_figure(t))
        if role is None:
            if data and figures / len(data) >= rules.value_share:
                role = "value"
            elif n_header and not labels and leading and rules.fill_blank_leading_columns:
                role = "fill"
            else:
                role = "text"
        if labels:
            leading = False
        roles.append(role)
    return roles


# --------------------------------------------------------------------------
# Wrapped text


def is_continuation(row: Sequence[Span], above: Sequence[Span], roles: Sequence[Role],
                    rules: Optional[TableRules] = None) -> bool:
    """True when ``row`` only carries the wrapped tail of ``above``'s text:
    it has text only in fill/text columns, none of it looks like a figure
    (or, with ``rules``, a placeholder such as ``—``), each cell with text
    sits under a cell with text, and (with ``rules``) its first cell is no
    form label that opens a row (``主管部门``, ``其中：``)."""
    filled = [j for j, c in enumerate(row) if c.text]
    if not filled:
        return False
    if rules is not None and opens_row(row[filled[0]].text, rules):
        return False
    for j in filled:
        if roles[j] == "value" or looks_like_figure(row[j].text) or not above[j].text:
            return False
        if rules is not None and is_placeholder(row[j].text, rules):
            return False
    return True


def _row_lines(row: Sequence[Span], source: SourceText) -> tuple[int, int]:
    """First and last 1-based source line of ``row``'s cells (0, 0 for a
    row without text)."""
    offsets = [o for c in row for o in (c.offsets[:1] + c.offsets[-1:])]
    if not offsets:
        return 0, 0
    return source.line_of(min(offsets)), source.line_of(max(offsets))


RowKind = Literal["text", "drawn", "page_top"]


def row_kind(row: Sequence[Span], above: Sequence[Span], source: Optional[SourceText]) -> RowKind:
    """How ``row`` was laid out, seen from the row ``above`` it: ``text``
    (a tab or aligned-column line of a text dump, where wrapped cell text
    comes as a row of its own), ``drawn`` (a row its loader drew: a ruled
    PDF table, a Word or HTML table row, whose cells' wrapped lines the
    loader joined already), or ``page_top`` (a drawn row that starts a new
    page below ``above``: a row the page break split continues there)."""
    if source is None or source.line_origins is None:
        return "text"
    first, _ = _row_lines(row, source)
    _, last_above = _row_lines(above, source)
    if not first or not last_above or not is_loader_row(source.line_origins[first - 1]):
        return "text"
    pages = source.line_pages
    if pages is not None and None not in (pages[first - 1], pages[last_above - 1]) \
            and pages[first - 1] != pages[last_above - 1]:
        return "page_top"
    return "drawn"


def is_page_continuation(row: Sequence[Span], above: Sequence[Span], roles: Sequence[Role],
                         rules: TableRules) -> bool:
    """True when ``row``, the first row of a table on a new page, only
    carries the rest of ``above``'s cells that the page break cut: each of
    its cells with text sits under a cell with text and is no figure, no
    placeholder and no form label opening a row (a value column may hold
    the tail: ``"单个项目补助最高为30万"`` / ``"元"``), and it leaves empty
    some cell other than a hierarchy label that ``above`` fills (a row of
    its own fills them all: ``"科技统计完成时效性 按时完成 已完成"``)."""
    filled = [j for j, c in enumerate(row) if c.text]
    if not filled or opens_row(row[filled[0]].text, rules):
        return False
    for j in filled:
        if not above[j].text or looks_like_figure(row[j].text) or is_placeholder(row[j].text, rules):
            return False
    return any(above[j].text and not row[j].text and roles[j] != "fill" for j in range(len(row)))


def join_continuation_rows(grid: list[list[Span]], n_header: int,
                           roles: Sequence[Role], rules: TableRules,
                           source: Optional[SourceText] = None) -> list[list[Span]]:
    """Join rows of wrapped text into the data row above them, and cells in
    hierarchy columns holding only a wrap fragment (``"指标"``) into the
    label above them. Returns the data rows left. With ``source``, a row
    the loader drew joins the row above only across a page break, when it
    only carries the cut cells' rest (:func:`row_kind`,
    :func:`is_page_continuation`)."""
    out: list[list[Span]] = [list(r) for r in grid[:n_header]]
    for row in grid[n_header:]:
        if len(out) > n_header:
            kind = row_kind(row, out[-1], source)
            joins = (is_continuation(row, out[-1], roles, rules) if kind == "text"
                     else kind == "page_top" and is_page_continuation(row, out[-1], roles, rules))
        else:
            joins = False
        if joins and not any(is_total_label(c.text, rules) for c in row + out[-1]):
            out[-1] = [_join_spans(a, b) for a, b in zip(out[-1], row)]
            continue
        out.append(list(row))
    fragments = {_squash(f) for f in rules.wrap_fragments}
    for j, role in enumerate(roles):
        if role != "fill":
            continue
        anchor = None
        for i in range(n_header, len(out)):
            cell = out[i][j]
            if cell.text in fragments and anchor is not None:
                out[anchor][j] = _join_spans(out[anchor][j], cell)
                out[i][j] = Span("", ())
            elif cell.text:
                anchor = i
    return out


# --------------------------------------------------------------------------
# Totals and merged cells


def is_total_label(text: str, rules: TableRules) -> bool:
    """True when ``text`` (spaces removed) is a total word, alone or
    followed by a colon or bracket (``"合 计"``, ``"小计："``), or a short
    label ending with a total suffix (``"项目支出小计"``)."""
    t = _squash(text)
    for word in rules.totals:
        if t == word or (t.startswith(word) and t[len(word)] in ":：(（"):
            return True
    return len(t) <= rules.total_suffix_max_chars and any(t.endswith(w) for w in rules.total_suffixes if w in rules.totals)


def total_rows(grid: Sequence[Sequence[Span]], n_header: int, rules: TableRules) -> list[int]:
    """Indices of data rows with a total word in a cell."""
    return [i for i in range(n_header, len(grid))
            if any(is_total_label(c.text, rules) for c in grid[i])]


def merged_fills(grid: Sequence[Sequence[Span]], n_header: int, roles: Sequence[Role],
                 totals: Sequence[int]) -> dict[tuple[int, int], int]:
    """``{(row, col): anchor_row}`` for blank cells of hierarchy columns that
    a merged cell above covers. A new label in a hierarchy column to the
    left, or a total row, ends the merge."""
    fills: dict[tuple[int, int], int] = {}
    fill_cols = [j for j, r in enumerate(roles) if r == "fill"]
    anchors: dict[int, Optional[int]] = {j: None for j in fill_cols}
    for i in range(n_header, len(grid)):
        if i in totals:
            anchors = {j: None for j in fill_cols}
            continue
        new_left = False
        for j in fill_cols:
            if grid[i][j].text:
                anchors[j] = i
                new_left = True
            elif new_left:
                anchors[j] = None
            elif anchors[j] is not None:
                fills[(i, j)] = anchors[j]  # type: ignore[assignment]
    return fills


# --------------------------------------------------------------------------
# The unit of a table, and titles without a number


def stated_unit(text: str, rules: TableRules) -> Optional[str]:
    """The unit a caption or a line says for a whole table (``"单位：万元"``,
    ``"表1 …（单位：元）"`` -> ``"元"``), or None."""
    m = _compiled(rules.unit_line).search(_squash(text))
    return m.group("unit") if m else None


_LOADER_ROW = re.compile(r"(?:^|\s)t\d+ r\d+$")


def is_loader_row(origin: Optional[str]) -> bool:
    """True when a line's origin names a row of a table its loader found
    (``"page 3 t2 r5"``, ``"t1 r4"``: PDF ruling, a Word or HTML table)."""
    return bool(origin) and _LOADER_ROW.search(origin) is not None  # type: ignore[arg-type]


def is_unit_line(text: str, rules: TableRules) -> bool:
    """True when ``text`` only states a unit (``"单位：万元"``,
    ``"（金额单位：元）"``): the unit line of the table below it."""
    return _compiled(rules.unit_line).fullmatch(_squash(text)) is not None


def ends_with_unit(text: str, rules: TableRules) -> bool:
    """True when ``text`` ends with a unit statement (``"编制部门：某局
    单位：元"``, ``"单位：万元"``): it is a line of its own."""
    return _compiled(rules.unit_line + r"$").search(_squash(text)) is not None


def without_unit(text: str, rules: TableRules) -> str:
    """``text`` without a unit statement at its end (``"收入决算表
    单位：万元"`` -> ``"收入决算表"``, ``"…情况（单位：万元）"`` -> ``"…情况"``)."""
    m = _compiled(rules.unit_line + r"$").search(text)
    return text[:m.start()].rstrip() if m else text


_TITLE_PUNCT = re.compile(r"[。！？!?；;，,、:：]")
_NUMBER_ONLY = re.compile(r"[-+−\d,.，%％]+")


def is_table_title(text: str, rules: TableRules, above_unit_line: bool) -> bool:
    """True when a line right above a table (``above_unit_line``: above
    its unit line) is the table's title although it has no 表N: short, no
    sentence or clause punctuation, and, right above the table, ending
    with a title word (``"收入支出决算总表"``). The caller rules out
    headings."""
    t = without_unit(_squash(text), rules)
    if not t or len(t) > rules.title_max_chars or _TITLE_PUNCT.search(t) or _NUMBER_ONLY.fullmatch(t):
        return False
    return above_unit_line or any(t.endswith(w) for w in rules.title_endings)


def table_preamble(texts: Sequence[Optional[str]], rules: TableRules) -> tuple[Optional[int], Optional[int]]:
    """``(caption, unit line)``: indices into ``texts``, the blocks right
    above a table nearest first (None for a block that is no paragraph or
    caption line, or that may not be taken: a heading), of the table's
    caption and of its unit line; None where it has none. A unit line
    stands right above the table; the caption above it or right above the
    table. A unit at the end of a title (``"收入决算表 单位：万元"``) makes
    that line both; one at the end of a label line (``"编制部门：…
    单位：元"``) makes it the unit line. A 表N caption is found by the
    caller; here a title without one (:func:`is_table_title`)."""
    unit = None
    k = 0
    first = texts[0] if texts else None
    if first is not None and is_unit_line(first, rules):
        unit, k = 0, 1
    elif first is not None and ends_with_unit(first, rules):
        rest = without_unit(_squash(first), rules)
        if is_table_title(rest, rules, above_unit_line=False):
            return 0, 0  # "收入决算表    单位：万元" on one line
        if re.search(r"[:：]", rest) and not re.search(r"[。；;]", rest):
            unit, k = 0, 1  # "编制部门：某某街道办事处    单位：元"
    if k < len(texts) and texts[k] is not None and not is_unit_line(texts[k], rules) \
            and is_table_title(texts[k], rules, above_unit_line=unit is not None):
        return k, unit
    return None, unit


def column_unit(table: Table, col: int, rules: TableRules) -> str:
    """The unit of the figures of column ``col`` that state none: the one
    its header names (``"资金支出情况(万元)"``), else the table's
    (:attr:`Table.unit`, from its unit line or caption); "" if neither
    says."""
    if table.header_rows and col < len(table.columns):
        m = _compiled(rules.funds.header_unit).search(table.columns[col])
        if m:
            return m.group("unit")
    return table.unit or ""


# --------------------------------------------------------------------------
# Caption and the Table


def parse_caption(caption: Optional[Span], rules: TableRules) -> tuple[Optional[str], Optional[str], Optional[Span]]:
    """``(number, title, span)`` of a caption line: ``"表 1.2024 年度…"`` ->
    ``("1", "2024年度…")``, the title cleaned like a cell. Text before the
    caption word (a heading on the same line) is dropped; ``span`` covers
    what is kept. Without a caption word the whole line is the title."""
    if caption is None:
        return None, None, None
    raw = caption.strip()
    if not raw:
        return None, None, None
    m = re.search(rules.caption, raw.text)
    if not m:
        text = clean_cell(raw)
        return None, text.text, text
    title = clean_cell(raw[m.start("title"):m.end("title")])
    return m.group("number"), title.text or None, raw[m.start():]


_ORIGIN_ROW = re.compile(r"(?:^|\s)(t\d+) r(\d+)$")


def drawn_spans(grid: Sequence[Sequence[Span]], source: SourceText) -> dict[int, dict[int, tuple[int, int]]]:
    """``{row: {col: (rowspan, colspan)}}`` for the rows of ``grid`` that a
    loader drew with their merged cells (Word ``gridSpan``/``vMerge``, HTML
    ``rowspan``/``colspan``, a PDF's ruling: :attr:`SourceText.line_spans`),
    each cell's rowspan counted in ``grid``'s rows: a row the page break
    cut and that was joined back is one row, and a merged cell cut with it
    goes on as far as its part on the next page. Covered positions are
    left out; rows without such data are not keys."""
    if source.line_spans is None or source.line_origins is None:
        return {}
    drawn: list[Optional[tuple[str, int, list[tuple[int, tuple]]]]] = []
    for row in grid:
        lines = sorted({source.line_of(o) for c in row for o in c.offsets[:1] + c.offsets[-1:]})
        parts = []
        for line in lines:
            m = _ORIGIN_ROW.search(source.line_origins[line - 1] or "")
            spans = source.line_spans[line - 1]
            if m and spans is not None and (not parts or m.group(1) == parts[0][0]):
                parts.append((m.group(1), int(m.group(2)), spans))
        drawn.append((parts[0][0], parts[0][1], [(r, sp) for _, r, sp in parts]) if parts else None)
    out: dict[int, dict[int, tuple[int, int]]] = {}
    for i, here in enumerate(drawn):
        if here is None:
            continue
        table, _, parts = here
        out[i] = {}
        for j in range(len(grid[i])):
            first = parts[0][1][j] if j < len(parts[0][1]) else (1, 1)
            if first is None:
                continue
            reach = max(r + sp[j][0] - 1 for r, sp in parts if j < len(sp) and sp[j] is not None)
            rows = 1
            for k in range(i + 1, len(drawn)):
                below = drawn[k]
                if below is None or below[0] != table or below[1] > reach:
                    break
                rows += 1
            out[i][j] = (rows, min(first[1], len(grid[i]) - j))
    return out


def _cells(grid: Sequence[Sequence[Span]], table_id: str, source: SourceText,
           fills: dict[tuple[int, int], int]) -> list[Cell]:
    """A Cell per grid position, with Location for cells with text,
    ``filled_from`` for merged cells, and ``rowspan``/``colspan`` as the
    loader drew them (:func:`drawn_spans`), else the rows a merged fill
    covers."""
    spans: dict[tuple[int, int], int] = {}
    for (i, j), a in fills.items():
        spans[(a, j)] = max(spans.get((a, j), 1), i - a + 1)
    drawn = drawn_spans(grid, source)
    cells = []
    for i, row in enumerate(grid):
        for j, span in enumerate(row):
            rowspan, colspan = drawn[i].get(j, (1, 1)) if i in drawn else (spans.get((i, j), 1), 1)
            filled_from = fills.get((i, j))
            location = source.locate_span(span, cell=(table_id, i, j)) if span.offsets else None
            if type(rowspan) is int and type(colspan) is int and (filled_from is None or type(filled_from) is int) \
                    and type(span.text) is str and type(table_id) is str:
                cells.append(as_validated(Cell, {  # (a cell for every grid position: Cell(...)'s validation passes these as they are)
                    "row": i, "col": j, "text": span.text, "rowspan": rowspan, "colspan": colspan,
                    "filled_from": filled_from, "location": location}))
            else:
                cells.append(Cell(row=i, col=j, text=span.text, rowspan=rowspan, colspan=colspan,
                                  filled_from=filled_from, location=location))
    return cells


def _columns(grid: Sequence[Sequence[Span]], n_header: int) -> list[str]:
    """Column labels: the header rows' texts of each column, joined."""
    if n_header == 0:
        return []
    cols = []
    for j in range(len(grid[0])):
        parts: list[str] = []
        for i in range(n_header):
            t = grid[i][j].text
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        cols.append("".join(parts))
    return cols


def _table_location(grid: Sequence[Sequence[Span]], caption: Optional[Span],
                    source: SourceText) -> Location:
    offsets = [o for row in grid for c in row for o in c.offsets]
    if caption is not None:
        offsets.extend(caption.offsets)
    if not offsets:
        return source.locate(0, 1)
    return source.locate(min(offsets), max(offsets) + 1)


def drop_separator_rows(grid: list[list[Span]], rules: TableRules) -> list[list[Span]]:
    """``grid`` without the rule rows of pipe tables (``|---|:---:|``)."""
    sep = _compiled(rules.row.separator_cell)
    return [row for row in grid
            if not (any(c.text for c in row)
                    and all(sep.fullmatch(c.text) for c in row if c.text))]


def build_segment(grid: list[list[Span]], rules: TableRules, source: Optional[SourceText] = None
                  ) -> tuple[list[list[Span]], int, list[int], dict[tuple[int, int], int]]:
    """One segment's rows (a header, if any, then data rows) with wrapped
    text joined back: ``(rows, header row count, total rows, merged
    fills)``, row indices relative to the segment."""
    n_header = count_header_rows(grid, rules)
    grid, n_header = join_header_continuation(grid, n_header, rules)
    grid = shift_under_group_label(grid, n_header, rules)
    roles = column_roles(grid, n_header, rules)
    grid = join_continuation_rows(grid, n_header, roles, rules, source)
    totals = total_rows(grid, n_header, rules)
    return grid, n_header, totals, merged_fills(grid, n_header, roles, totals)


def build_table(table_id: str, rows: list[list[Span]], source: SourceText,
                caption: Optional[Span] = None, rules: RulesArg = None,
                unit_line: Optional[Span] = None) -> Table:
    """A :class:`Table` from rows of cell spans (from :func:`split_cells`).

    Aligns and pads the rows, cuts them into segments at inner header rows
    (a form stacks several tables), and in each segment finds header rows
    and column roles, joins wrapped text back into the cell above, marks
    total rows and points blank merged cells of hierarchy columns at their
    anchor. ``header_rows`` and ``columns`` are those of the first segment;
    :func:`table_segments` finds the others again. Cell texts are
    cleaned (:func:`clean_cell`); cells with text carry a Location.
    ``unit_line``: the line stating the table's unit (``单位：万元``); else
    the unit is taken from the caption, else from a header cell saying
    ``单位：…`` (:attr:`Table.unit`).
    """
    r = load_table_rules(rules)
    rows = restore_leading_cells(rows, source, r)
    grid = [[clean_cell(c) for c in row] for row in align_rows(rows, source, r)]
    grid = drop_separator_rows(grid, r)
    texts = [[c.text for c in row] for row in grid]
    starts = segment_starts(texts, r)
    out: list[list[Span]] = []
    totals: list[int] = []
    fills: dict[tuple[int, int], int] = {}
    n_header, columns = 0, []
    for k, (s, e) in enumerate(zip(starts, starts[1:] + [len(grid)])):
        seg, n, seg_totals, seg_fills = build_segment(grid[s:e], r, source)
        offset = len(out)
        totals.extend(offset + i for i in seg_totals)
        fills.update({(offset + i, j): offset + a for (i, j), a in seg_fills.items()})
        if k == 0:
            n_header, columns = n, _columns(seg, n)
        out.extend(seg)
    grid = out
    number, title, cap_span = parse_caption(caption, r)
    unit = None
    for text in ([unit_line.text] if unit_line is not None else []) + ([caption.text] if caption else []) \
            + [c.text for row in grid[:n_header] for c in row if "单位" in c.text]:
        unit = stated_unit(text, r)
        if unit:
            break
    return Table(
        unit=unit,
        id=table_id,
        number=number,
        caption=title,
        header_rows=n_header,
        columns=columns,
        n_rows=len(grid),
        n_cols=len(grid[0]) if grid else 0,
        cells=_cells(grid, table_id, source, fills),
        total_rows=totals,
        location=_table_location(grid, cap_span, source),
    )
