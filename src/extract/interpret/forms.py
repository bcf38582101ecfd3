"""The national self-evaluation forms as records.

:func:`extract_forms` takes the source text the loader laid out and the rule
set and returns :class:`~extract.model.Form` records: the 项目支出绩效自评表 of
财预〔2020〕10号 and the 部门整体支出绩效自评表, in every layout the corpus shows
(cells split by TAB, by ``|`` with or without edge pipes, by runs of spaces,
one cell per line, ``label：value`` lines). The pipeline:

    lines --find_anchors--> the funds block of each form
          --split_line--> cells with source offsets and display columns
          --header rows--> column roles from header words (rules/forms.yaml,
                           indicators.yaml), never from positions
          --rows--> identity, funds rows, 年度总体目标, indicator rows, 总分
          --> Form

:func:`form_indicators` turns a form's indicator rows into
:class:`~extract.model.Indicator` items (target, actual, met) for the
target checks. Vocabulary is rule data in ``rules/forms.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from ..grade_scheme import grade_scheme
from ..model import Form, FormCell, FormRow, Indicator
from ..ruleset import RuleSet
from ..span import SourceText
from ..structure.tables import header_label, looks_like_figure
from .indicators import column_role, read_actual, read_target, target_met
from ..rulefiles.forms import FormRules, FundsParts
from ..widths import fold_figures

# --------------------------------------------------------------------------
# Rules


# --------------------------------------------------------------------------
# Cells


@dataclass
class Piece:
    """A cell of a line: stripped text, source offsets, display columns
    (CJK characters count two) and its index among the line's cells."""

    text: str
    start: int
    end: int
    col0: int
    col1: int
    index: int


def _columns(line: str) -> Optional[list[int]]:
    """The display column before each character of ``line`` (CJK
    characters count two) and after its last, or None for an ASCII line
    (where each character's column is its index): worked out once a line,
    not once a cell."""
    if line.isascii():
        return None
    out, w = [0], 0
    for ch in line:
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        out.append(w)
    return out


def _piece(line: str, base: int, a: int, b: int, index: int, columns: Optional[list[int]]) -> Piece:
    raw = line[a:b]
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    a2 = a + lead
    b2 = a2 + len(text)
    if columns is None:
        return Piece(text, base + a2, base + b2, a2, b2, index)
    return Piece(text, base + a2, base + b2, columns[a2], columns[b2], index)


_SPACE_GAP = re.compile(r"(?: {2,}|\u3000+)")


def line_layout(text: str) -> str:
    """How a line's cells are separated: ``tab``, ``pipe``, ``space`` or
    ``single`` (one cell)."""
    if "\t" in text:
        return "tab"
    if "|" in text:
        return "pipe"
    t = text.strip()
    if "  " in t or "\u3000" in t:  # _SPACE_GAP found
        return "space"
    return "single"


def split_line(text: str, base: int, layout: str, edge_pipes: bool = False) -> list[Piece]:
    """The cells of one source line starting at offset ``base``."""
    columns = _columns(text)
    if layout in ("tab", "pipe"):
        sep = "\t" if layout == "tab" else "|"
        bounds, a = [], 0
        for m in re.finditer(re.escape(sep), text):
            bounds.append((a, m.start()))
            a = m.end()
        bounds.append((a, len(text)))
        if layout == "pipe" and edge_pipes:
            if bounds and not text[bounds[0][0]:bounds[0][1]].strip():
                bounds = bounds[1:]
            if bounds and not text[bounds[-1][0]:bounds[-1][1]].strip():
                bounds = bounds[:-1]
        return [_piece(text, base, a, b, i, columns) for i, (a, b) in enumerate(bounds)]
    if layout == "space":
        out, a = [], 0
        stripped_end = len(text.rstrip())
        for m in _SPACE_GAP.finditer(text[:stripped_end]):
            if m.start() > a and text[a:m.start()].strip():
                out.append(_piece(text, base, a, m.start(), len(out), columns))
            a = m.end()
        if text[a:stripped_end].strip():
            out.append(_piece(text, base, a, stripped_end, len(out), columns))
        return out
    return [_piece(text, base, 0, len(text), 0, columns)] if text.strip() else []


_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?%?")


def fold(text: str) -> str:
    """Full-width digits and signs folded, white space and thousands
    separators dropped (``"９４．８４％"`` -> ``"94.84%"``)."""
    return "".join(fold_figures(text).split()).replace(",", "").replace("，", "")


def number_of(text: str, units: tuple[str, ...] = ()) -> Optional[tuple[Decimal, int, bool]]:
    """A cell holding only a number, perhaps followed by one of ``units``
    (the unit the form's header states: 万元, 分): (value, decimals, percent)."""
    t = fold(text)
    for u in units:
        if t.endswith(u) and len(t) > len(u):
            t = t[:-len(u)]
            break
    if not _NUMBER.fullmatch(t):
        return None
    percent = t.endswith("%")
    t = t.rstrip("%")
    return Decimal(t), (len(t.split(".", 1)[1]) if "." in t else 0), percent


def make_cell(text: str, start: int, end: int, source: SourceText,
              units: tuple[str, ...] = ()) -> FormCell:
    num = number_of(text, units)
    value, precision, percent = num if num is not None else (None, 0, False)
    return FormCell(text=text, value=value, precision=precision, percent=percent,
                    location=source.locate(start, max(end, start + 1)))


_GOT_OF_MAX = re.compile(r"(?P<got>\d+(?:\.\d+)?)\s*分?\s*[/／]\s*(?P<max>\d+(?:\.\d+)?)\s*分?")


def split_got_of_max(cells: dict[str, FormCell], source: SourceText) -> None:
    """A 得分 written as got/max (``9/10``, an OCR'd or flattened form):
    the 得分 cell becomes ``9`` and, unless a 分值 is stated, the 分值 cell
    ``10``, each located at its own figure."""
    score = cells.get("score")
    if score is None or score.value is not None:
        return
    m = _GOT_OF_MAX.fullmatch(fold(score.text).replace("％", "%"))
    raw = _GOT_OF_MAX.search(score.text)
    if m is None or raw is None:
        return
    at = score.location.start
    cells["score"] = make_cell(raw.group("got"), at + raw.start("got"), at + raw.end("got"), source)
    if cells.get("weight") is None or cells["weight"].value is None:
        cells["weight"] = make_cell(raw.group("max"), at + raw.start("max"), at + raw.end("max"), source)


# --------------------------------------------------------------------------
# Vocabulary look-ups


@dataclass
class Vocabulary:
    rules: FormRules
    ruleset: RuleSet
    prefix: Optional[re.Pattern] = None
    number: Optional[re.Pattern] = None
    level_rest: Optional[re.Pattern] = None
    levels: list[tuple[str, str]] = field(default_factory=list)
    #: text -> its vocabulary key: the form readers ask of the same few cell
    #: texts many times over (one Vocabulary per document)
    keys: dict[str, str] = field(default_factory=dict, repr=False)
    #: id of a role table of ``rules`` -> {word: role}, built when first asked
    roles: dict[int, dict[str, str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.prefix = re.compile(self.rules.row_prefix) if self.rules.row_prefix else None
        self.number = re.compile(self.rules.item_number) if self.rules.item_number else None
        self.level_rest = re.compile(self.rules.funds_level_rest) if self.rules.funds_level_rest else None
        self.levels = sorted(((w, role) for role, words in self.rules.funds_levels.items() for w in words),
                             key=lambda x: -len(x[0]))

    def _lookup(self, key: str, table: dict[str, list[str]]) -> Optional[str]:
        """The first role of ``table`` whose words hold ``key``, else None
        (each table turned round, word -> role, once)."""
        roles = self.roles.get(id(table))
        if roles is None:
            roles = {}
            for role, words in table.items():
                for w in words:
                    roles.setdefault(w, role)
            self.roles[id(table)] = roles
        return roles.get(key)

    def key(self, text: str) -> str:
        try:
            return self.keys[text]
        except KeyError:
            key = self.keys[text] = header_label(text)
            return key

    def identity(self, text: str) -> Optional[str]:
        return self._lookup(self.key(text), self.rules.identity)

    def funds_column(self, text: str) -> Optional[str]:
        return self._lookup(self.key(text), self.rules.funds_columns)

    def funds_row(self, text: str) -> Optional[str]:
        key = self.key(text)
        if self.prefix is not None:
            m = self.prefix.match(key)
            if m:
                key = key[m.end():]
        return self._lookup(key, self.rules.funds_rows) or self._level(key)

    def _level(self, key: str) -> Optional[str]:
        """The level a funds row label names (rules ``funds_levels``: 中央补助资金,
        自治区补助资金, 旗级配套资金 -> central, provincial, county), else None:
        a level word opening it, funds words the rest of it, one word at least."""
        if self.level_rest is None or len(key) < 3:
            return None
        for word, role in self.levels:
            if key.startswith(word) and len(key) > len(word) + 1 and self.level_rest.match(key[len(word):]):
                return role
        return None

    def goal(self, text: str) -> Optional[str]:
        return self._lookup(self.key(text), self.rules.goals)

    def funds_group(self, text: str) -> Optional[str]:
        """The column a target form's funds group head names (项目资金总额
        -> project, 年度资金申请总额 -> annual), else None."""
        return self._lookup(self.key(text), self.rules.funds_groups)

    def funds_unit(self, text: str) -> Optional[str]:
        """The unit a funds header cell states in its parenthesis
        (``项目资金（万元）`` -> 万元)."""
        m = re.search(r"[（(]\s*([^（）()]{1,4}?)\s*[)）]", fold(text))
        return m.group(1) if m and m.group(1) in self.rules.funds_units else None

    def is_funds_header(self, text: str) -> bool:
        key = self.key(text)
        return bool(key) and any(key.startswith(w) for w in self.rules.funds_header)

    def is_total_row(self, text: str) -> bool:
        return self.key(text) in self.rules.total_row

    def indicator_column(self, text: str) -> Optional[str]:
        return column_role(text, self.ruleset.indicators)

    def is_empty(self, text: str) -> bool:
        return "".join(text.split()) in self.rules.empty_cells

    def is_empty_label(self, text: str) -> bool:
        """A cell that states nothing where a row's label may stand (a dash,
        a blank, 无 in an empty merged label column)."""
        return self.is_empty(text) or "".join(text.split()) in self.rules.empty_label_cells

    def is_note(self, text: str) -> bool:
        t = text.strip()
        return any(t.startswith(p) and t[len(p):len(p) + 1] in "：:" for p in self.rules.note_prefixes)

    def is_level(self, text: str) -> bool:
        key = self.key(text)
        return bool(key) and key.endswith(self.rules.level_suffix) and len(key) <= 12


#: A cell of a rule line under a header (``---``, ``:---:``, ``===``).
_RULE_CELL = re.compile(r"\s*:?[-—–=]{3,}:?\s*")

_VALUE_ROLES = ("target", "actual")
_SCORE_ROLES = ("weight", "score")
_WORD_ROLES = ("level1", "level2", "name")


def _points(text: str) -> bool:
    """A cell that can be a 分值 or 得分: a bare number, perhaps with 分
    (``10``, ``9.5分``), no percent and no unit of a quantity (``12场``)."""
    n = number_of(text, ("分",))
    return n is not None and not n[2]


def _fit(placed: list[tuple["Column", Piece]]) -> int:
    """How well an indicator row's cells fit their columns: +1 for a word
    under a name column, -1 for a figure there; +2 for points (a bare
    number) under 分值 or 得分, -1 for another figure (``12场``, ``100%``: a
    target or actual), -2 for a word; +1 for a figure under 指标值 or 完成值,
    nothing for a word there (a qualitative target: 改善, 完成); +2 when the
    target and the actual read the same (a target met as stated: their two
    cells side by side)."""
    score, seen, values = 0, set(), {}
    for col, p in placed:
        role = col.role
        if (role, col.period) in seen:
            continue  # a second piece under a column: read as the first's (see Reader.assign)
        seen.add((role, col.period))
        figure = looks_like_figure(fold(p.text))
        if role in _SCORE_ROLES:
            score += 2 if _points(p.text) else -1 if figure else -2
        elif role in _VALUE_ROLES:
            score += 1 if figure else 0
            values[(role, col.period)] = p.text
        elif role in _WORD_ROLES:
            score += -1 if figure else 1
    if any(text and values.get(("actual", period)) == text
           for (role, period), text in values.items() if role == "target"):
        score += 2
    return score


def _by_kind(pieces: list[Piece], cols: list["Column"]) -> Optional[list[tuple["Column", Piece]]]:
    """A short row's cells placed by what each is, not where it stands:
    its leading words end at the name column (the levels before it), its
    figures follow in the value columns in order, a 分值 or 得分 column
    taking points only (``其中桃树 | 1.5亩 | 1.5亩`` under ``三级指标 | 分值 |
    年度指标值 | 全年实际值 | 得分``: no 分值 stated). None when the row has no
    word before a figure or a figure finds no column."""
    filled = [p for p in pieces if p.text]
    words = 0
    while words < len(filled) and not looks_like_figure(fold(filled[words].text)):
        words += 1
    at = next((i for i, c in enumerate(cols) if c.role == "name"), None)
    if not words or words == len(filled) or at is None or words > at + 1 or cols[at].period:
        return None
    out = list(zip(cols[at + 1 - words:at + 1], filled[:words]))
    k = at + 1
    for p in filled[words:]:
        while k < len(cols) and (cols[k].role not in _VALUE_ROLES + _SCORE_ROLES
                                 or cols[k].role in _SCORE_ROLES and not _points(p.text)):
            k += 1
        if k == len(cols):
            return None
        out.append((cols[k], p))
        k += 1
    return [(c, p) for c, p in out if c.role is not None]


def _by_role(placed: list[tuple["Column", Piece]]) -> dict[str, Piece]:
    """Placed pieces by their column's role, the first of a role kept."""
    out: dict[str, Piece] = {}
    for col, p in placed:
        out.setdefault(col.role, p)
    return out


# --------------------------------------------------------------------------
# Reading a form


@dataclass
class Column:
    role: Optional[str]
    index: int
    col0: int
    col1: int
    period: Optional[str] = None  # the indicator set of a header stating two side by side


@dataclass
class Reader:
    """The state of reading one form, line by line."""

    vocab: Vocabulary
    source: SourceText
    form: Form
    layout: Optional[str] = None
    edge_pipes: bool = False
    funds_cols: list[Column] = field(default_factory=list)
    ind_cols: list[Column] = field(default_factory=list)
    pending_goals: list[tuple[str, Column]] = field(default_factory=list)
    funds_heads: list[tuple[Piece, str]] = field(default_factory=list)
    funds_realigned: bool = False  # funds rows read by column words in order (see funds_roles)
    lead_unit: Optional[str] = None  # the unit a funds header's first cell states on the line before
    rate_in_percent: bool = False  # the funds header's 执行率（%）: its cells are percents written bare
    funds_points: Optional[FormCell] = None  # the funds header's (20分): the total row's 分值
    ind_lead: Optional[Column] = None  # see stash_indicator_header
    ind_top: list[Column] = field(default_factory=list)
    row_opens_with_pipe: bool = False  # the indicator row being read starts with "|"
    # a row of level labels alone between indicator rows (效益指标（30分）, 可持续影响指标), by
    # indicator set: the levels of the rows after it
    section_levels: dict[Optional[str], dict[str, FormCell]] = field(default_factory=dict)
    done: bool = False

    # -- columns

    def assign(self, pieces: list[Piece], cols: list[Column], layout: str, shift: int = 0) -> dict[str, Piece]:
        """Each piece's column role: by its cell index in TAB and pipe rows,
        by display overlap with the header cell in space-aligned rows; with
        ``shift`` each piece goes that many columns further right (a row
        without the cell of a leading group label)."""
        return _by_role(self.place(pieces, cols, layout, shift))

    @staticmethod
    def place(pieces: list[Piece], cols: list[Column], layout: str, shift: int = 0) -> list[tuple[Column, Piece]]:
        """Each piece with the column it stands under (see :meth:`assign`)."""
        out: list[tuple[Column, Piece]] = []
        order = sorted(cols, key=lambda c: (c.index, c.col0) if layout in ("tab", "pipe") else (c.col0, c.index))
        for p in pieces:
            if not p.text:
                continue
            col = None
            if layout in ("tab", "pipe"):
                col = next((c for c in cols if c.index == p.index), None)
            else:
                best = max(cols, key=lambda c: (min(c.col1, p.col1) - max(c.col0, p.col0),
                                                -abs(c.col0 - p.col0)), default=None)
                col = best
            if col is not None and shift:
                k = next(i for i, c in enumerate(order) if c is col) + shift
                col = order[k] if 0 <= k < len(order) else None
            elif col is None and shift < 0 and layout in ("tab", "pipe") and p.index + shift == len(order) - 1:
                col = order[-1]  # the last cell, beyond the header's columns
            if col is not None and col.role is not None:
                out.append((col, p))
        return out

    def indicator_roles(self, pieces: list[Piece], layout: str) -> list[tuple[Column, Piece]]:
        """An indicator row's cells by column. A row short of the header's
        cells lacks its leading merged ones: the group label of a header
        whose first cell names no column (``绩效指标（90分） | 一级指标 | …``,
        printed once or not at all) and the 一级指标, 二级指标 printed once
        above for a block of rows (not a row leaving them blank, whose cells
        keep their places). Its cells then stand as many columns right as
        it is short, up to aligning its last cell with the last column, taken so
        when their content fits the columns better that way (points under
        分值/得分, figures under 指标值/完成值, words under the names); on a
        tie, the reading that gives the row a name (a row of words alone, its
        figures on the next line, see row_values), then the one further
        right (its last cells under the last columns). Space-aligned rows
        stand where their display columns put them, read in order instead
        when their cells do not line up (see below)."""
        cols = self.ind_cols
        roles = self.place(pieces, cols, layout)
        if len(cols) < 2:
            return roles
        grid = layout in ("tab", "pipe")

        def key(placed, shift=0):
            return _fit(placed), any(c.role == "name" for c, _ in placed), shift

        best, best_key = roles, key(roles)
        filled = max((p.index + 1 for p in pieces if p.text), default=0)
        group = cols[0].role is None
        if (group and not (grid and filled >= len(cols))) or (grid and pieces and pieces[0].text):
            lead = next((i for i, c in enumerate(cols) if c.role not in (None, "level1", "level2")), 0)
            figures = max((i + 1 for i, c in enumerate(cols) if c.role in _VALUE_ROLES + _SCORE_ROLES), default=0)
            reach = min(lead, len(cols) - filled)
            for shift in range(1, max(reach, 1 if group else 0) + 1):
                shifted = self.place(pieces, cols, layout, shift=shift)
                if key(shifted, shift) > best_key:
                    best, best_key = shifted, key(shifted, shift)
            if grid and filled < figures:
                by_kind = _by_kind(pieces, cols)
                if by_kind is not None and key(by_kind, -1) > best_key:
                    best = by_kind
        if layout == "space" and 1 < len(pieces) <= len(cols):
            # cells set apart by spaces but not lined up under the header's (typed, not
            # laid out): read in order as a TAB row is, when their content fits better so
            ordered = [Column(c.role, k, c.col0, c.col1, c.period)
                       for k, c in enumerate(sorted(cols, key=lambda c: (c.col0, c.index)))]
            lead = next((i for i, c in enumerate(ordered) if c.role not in (None, "level1", "level2")), 0)
            in_order = max((key(self.place(pieces, ordered, "tab", shift), shift), shift)
                           for shift in range(0, min(lead, len(ordered) - len(pieces)) + 1))
            if in_order[0][:2] > best_key[:2]:
                best = self.place(pieces, ordered, "tab", in_order[1])
        if layout == "pipe" and not self.edge_pipes and self.row_opens_with_pipe and pieces and not pieces[0].text:
            # a row opening with a pipe its header lacks (rows with edge pipes under a header
            # without): one cell more on the left
            shifted = self.place(pieces, cols, layout, shift=-1)
            if _fit(shifted) > _fit(best):
                best = shifted
        return best

    def indicator_sets(self, pieces: list[Piece], layout: str) -> list[tuple[Optional[str], dict[str, Piece]]]:
        """An indicator row's cells by column, per indicator set: one set
        (period None), or under a header stating two side by side each set
        holding cells of its own, with the shared columns (一级指标)."""
        placed = self.indicator_roles(pieces, layout)
        periods = list(dict.fromkeys(c.period for c in self.ind_cols if c.period))
        if not periods:
            return [(None, _by_role(placed))]
        return [(per, _by_role([(c, p) for c, p in placed if c.period in (None, per)])) for per in periods
                if any(c.period == per for c, _ in placed)]

    def indicator_points(self, pieces: list[Piece]) -> None:
        """The points the indicator header's group cell states
        (``绩效指标（90分） | 一级指标 | …``: the indicators' 分值 add up to
        90, the funds block's to the rest): ``form.total["indicators_weight"]``."""
        first = next((p for p in pieces if p.text), None)
        pattern = self.vocab.rules.level_points
        if first is None or not pattern or self.vocab.indicator_column(first.text) is not None:
            return
        m = re.search(pattern, fold(first.text))
        if m is not None:
            self.form.total["indicators_weight"] = make_cell(m.group("points"), first.start, first.end, self.source)

    def stash_indicator_header(self, pieces: list[Piece], layout: str) -> None:
        """Before the indicator header: a line of one cell naming an
        indicator column (``一级 指标 |``, the header's first cell on the
        line before), or a header row over it naming value columns and no
        name (``绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因``):
        kept for :meth:`complete_indicator_header`; any other line clears
        the lead cell."""
        cells = [p for p in pieces if p.text]
        roles = [self.vocab.indicator_column(p.text) for p in cells]
        if layout not in ("tab", "pipe"):
            return
        if len(cells) == 1 and roles[0] is not None:
            self.ind_lead = Column(roles[0], -1, 0, 0)
            return
        if len(cells) == 1 and not self.funds_cols and self.vocab.is_funds_header(cells[0].text):
            self.lead_unit = self.vocab.funds_unit(cells[0].text)  # 项目资金（万元） | on the line before its header
        self.ind_lead = None
        if "name" not in roles and sum(1 for r in roles if r in _VALUE_ROLES + _SCORE_ROLES) >= 3:
            self.ind_top = [Column(r, p.index, p.col0, p.col1) for r, p in zip(roles, cells)]

    def complete_indicator_header(self) -> None:
        """An indicator header split over lines: the lead cell on the line
        before (一级指标) becomes its first column; the columns of a header
        row above that this one lacks (实际完成值, 分值, 得分, 偏差原因 after
        the 年度指标值 this row details) follow its last. Columns are then
        numbered in order: the rows' cells are placed by content (see
        :meth:`indicator_roles`)."""
        cols = sorted(self.ind_cols, key=lambda c: c.index)
        roles = {c.role for c in cols if c.role}
        if self.ind_lead is not None and self.ind_lead.role not in roles:
            cols = [self.ind_lead] + cols
        top = [c for c in self.ind_top if c.role]
        shared = [k for k, c in enumerate(top) if c.role in roles]
        extra = [c for k, c in enumerate(top) if c.role not in roles and (not shared or k > shared[-1])]
        if extra and len(extra) == len(top) - len(shared):
            while cols and cols[-1].role is None:
                cols.pop()
            cols += [Column(c.role, 0, c.col0, c.col1) for c in extra]
        if len(cols) != len(self.ind_cols) or cols[0] is not self.ind_cols[0]:
            self.ind_cols = [Column(c.role, k, c.col0, c.col1) for k, c in enumerate(cols)]
        self.ind_lead, self.ind_top = None, []

    def mark_periods(self) -> None:
        """A header repeating its indicator columns (一级指标 | 二级指标 |
        三级指标 | 指标值 | 二级指标 | 三级指标 | 指标值): the columns from each
        repeat on form a set, named by rules ``indicator_periods`` from the
        left; the columns before the first set are shared."""
        roles = [c.role for c in self.ind_cols]
        repeated = [i for i, r in enumerate(roles) if r is not None and r in roles[:i]]
        if not repeated:
            return
        second = repeated[0]
        first = roles.index(roles[second])
        names = self.vocab.rules.indicator_periods
        if roles[first:second] != roles[second:second + second - first]:
            return  # no clean repeat: leave the header as it reads
        for k, c in enumerate(self.ind_cols):
            if k >= first:
                c.period = names[min((k - first) // (second - first), len(names) - 1)]

    def header_columns(self, top: list[Piece], bottom: Optional[list[Piece]], layout: str,
                       role_of) -> list[Column]:
        """Columns of a one- or two-row header; in a two-row header each
        column's label is tried alone, then joined with the cell above it
        (a cell above spreads right over columns that have none)."""
        if not bottom:
            return [Column(role_of(p.text), p.index, p.col0, p.col1) for p in top if p.text]
        cols: list[Column] = []
        if layout in ("tab", "pipe"):
            n = max(len(top), len(bottom))
            above_text = ""
            for i in range(n):
                t = top[i].text if i < len(top) else ""
                b = bottom[i].text if i < len(bottom) else ""
                ref = (bottom[i] if i < len(bottom) else top[i])
                if t:
                    above_text = t
                above = t or (above_text if b else "")
                cols.append(Column(self._combined(above, b, role_of), i, ref.col0, ref.col1))
            return cols
        # space-aligned: bottom cells are columns; top cells above them (or
        # to their left, spreading right) complete the label; top cells over
        # no bottom cell are columns of their own.
        used: set[int] = set()
        for b in bottom:
            over = [t for t in top if min(t.col1, b.col1) > max(t.col0, b.col0)]
            left = [t for t in top if t.col1 <= b.col0]
            above = over[0].text if over else ""
            if over:
                used.update(id(t) for t in over)
            elif left and any(id(t) in used for t in left[-1:]):
                above = left[-1].text
            cols.append(Column(self._combined(above, b.text, role_of), b.index, b.col0, b.col1))
        for t in top:
            if id(t) not in used:
                cols.append(Column(role_of(t.text), t.index, t.col0, t.col1))
        cols.sort(key=lambda c: c.col0)
        return cols

    def funds_header_columns(self, top: list[Piece], bottom: Optional[list[Piece]], layout: str) -> list[Column]:
        """The funds header's columns (:meth:`header_columns`): a lone 预算数
        (rules/forms.yaml ``lone_budget``) is the 全年预算数 where no other
        column is a budget; the points its cells state (``funds_points``:
        ``得分（20分*执行率）``) kept as the total row's 分值 where no column
        is the 分值."""
        v = self.vocab
        cols = self.header_columns(top, bottom, layout, v.funds_column)
        if not any(c.role in ("initial", "adjusted") for c in cols):
            texts = {p.index: p.text for p in (bottom or top) if p.text}
            lone = [c for c in cols if c.role is None and v.key(texts.get(c.index, "")) in v.rules.lone_budget]
            if len(lone) == 1:
                lone[0].role = "adjusted"
        self.funds_points = None
        if v.rules.funds_points and not any(c.role == "weight" for c in cols):
            for p in top + (bottom or []):
                m = re.search(v.rules.funds_points, p.text)
                if m is not None:
                    a = p.start + m.start("points")
                    self.funds_points = make_cell(m.group("points"), a, a + len(m.group("points")), self.source)
                    break
        return cols

    @staticmethod
    def _combined(above: str, below: str, role_of) -> Optional[str]:
        for text in (below, above + below, below + above, above):
            if text and role_of(text) is not None:
                return role_of(text)
        return None

    # -- rows

    def cell(self, p: Piece) -> FormCell:
        return make_cell(p.text, p.start, p.end, self.source, tuple(self.vocab.rules.value_units))

    def flat_funds_header(self, text: str, base: int) -> bool:
        """A funds header flattened onto one line with single spaces
        (``项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分``):
        its words are the columns in order. True when the line is one."""
        words = [(m.group(), m.start()) for m in re.finditer(r"\S+", text)]
        if sum(1 for w, _ in words if self.vocab.funds_column(w)) < 3 or self.form.funds:
            return False
        self.form.funds_unit = next((self.vocab.funds_unit(w) for w, _ in words if self.vocab.funds_unit(w)), None)
        self.funds_cols = [Column(self.vocab.funds_column(w), i, 0, 0) for i, (w, _) in enumerate(words)]
        return True

    def funds_row(self, pieces: list[Piece], layout: str) -> bool:
        # (a dash in an empty merged label column before the label, "—  年度资金总额  …",
        # is an empty cell, as a blank is: the label is the first cell stating something)
        first = next((p for p in pieces if p.text and not self.vocab.is_empty_label(p.text)), None)
        if first is None:
            return False
        role = self.vocab.funds_row(first.text)
        if role is None or not self.funds_cols:
            return False
        cells = {k: self.cell(p) for k, p in self.funds_roles([p for p in pieces if p.index > first.index],
                                                             layout).items()
                 if not self.vocab.is_empty(p.text)}
        self._add_funds_row(cells, header_label(first.text), role, first)
        return True

    def _add_funds_row(self, cells: dict[str, FormCell], label: str, role: str, at: Piece) -> None:
        split_got_of_max(cells, self.source)
        if role == "total" and "weight" not in cells and self.funds_points is not None:
            cells["weight"] = self.funds_points  # the header's 得分（20分*执行率）
        rate = cells.get("rate")
        if self.rate_in_percent and rate is not None and rate.value is not None and not rate.percent:
            cells["rate"] = rate.model_copy(update={"percent": True})  # under 执行率（%）
        self.form.funds.append(FormRow(kind="funds", label=label, role=role,
                                       cells=cells, location=self.cell(at).location))

    def unlabelled_funds_row(self, pieces: list[Piece], layout: str) -> bool:
        """The funds block's one row of figures under a header with no
        label column (``年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 |
        得分`` over ``1000.00 | 1200.00 | …``): the block's total row."""
        if not self.funds_cols or self.form.funds:
            return False
        grid = layout in ("tab", "pipe")
        first = min(self.funds_cols, key=lambda c: (c.index, c.col0) if grid else (c.col0, c.index))
        values = [p for p in pieces if p.text]
        if first.role is None or len(values) < 3 or not all(_value_item(p.text, self.vocab) for p in values):
            return False
        cells = {k: self.cell(p) for k, p in self.funds_roles(pieces, layout).items()
                 if not self.vocab.is_empty(p.text)}
        if not set(_AMOUNT_COLUMNS) & set(cells):
            return False
        self._add_funds_row(cells, "", "total", values[0])
        return True

    def funds_roles(self, values: list[Piece], layout: str) -> dict[str, Piece]:
        """A funds row's cells after its label by column: by cell index,
        unless its one percent stands under another column than 执行率 (a
        header with a group cell of its own, ``预算执行情况 | 年度预算数（万元）
        | 年初预算 | …``, or whose first cell sits on the line before): the
        cells are then read against the header's column words in order, the
        percent under 执行率, the figures before it under the amount columns
        before it (a part row states no 分值), those after it under the
        columns after it; a row without a percent under a header so
        realigned is read in the same order."""
        if not self.funds_cols:
            return self.assign(values, self.funds_cols, layout)
        while values and not values[-1].text:
            values = values[:-1]
        grid = layout in ("tab", "pipe")
        cols = [c for c in sorted(self.funds_cols, key=lambda c: (c.index, c.col0) if grid else (c.col0, c.index))
                if c.role is not None]
        if not grid and 1 < len(values) <= len(cols):
            # cells typed two spaces apart, not lined up under the header's: two under one
            # header cell (其他资金  28.19  5.85  5.70 under 年初预算数  全年预算数 …) read in order
            placed = [c.index for c, _ in self.place(values, self.funds_cols, layout)]
            if len(set(placed)) < len(placed):
                return {c.role: p for c, p in zip(cols, values) if p.text}  # type: ignore[misc]
        rate = next((k for k, c in enumerate(cols) if c.role == "rate"), None)
        nums = [number_of(p.text, tuple(self.vocab.rules.value_units)) for p in values]
        percents = [k for k, n in enumerate(nums) if n is not None and n[2]]
        if rate is None or len(percents) > 1:
            return self.assign(values, self.funds_cols, layout)
        if not percents:
            if not self.funds_realigned or len(values) > len(cols) or not grid:
                return self.assign(values, self.funds_cols, layout)
            return {c.role: p for c, p in zip(cols, values) if p.text}  # type: ignore[misc]
        at = percents[0]
        positional = self.assign(values, self.funds_cols, layout)
        if positional.get("rate") is values[at]:
            return positional
        before, after = values[:at], values[at + 1:]
        if len(before) > rate or any(
                p.text and nums[k] is None and not self.vocab.is_empty(p.text) for k, p in enumerate(before)):
            return self.assign(values, self.funds_cols, layout)
        self.funds_realigned = True
        out = {c.role: p for c, p in zip(cols[:rate], before) if p.text}
        out["rate"] = values[at]
        out.update({c.role: p for c, p in zip(cols[rate + 1:], after) if p.text})
        return out  # type: ignore[return-value]

    def indicator_row(self, pieces: list[Piece], layout: str) -> None:
        if self.row_values(pieces, layout):
            return
        for period, roles in self.indicator_sets(pieces, layout):
            self._indicator_row(roles, period)

    def row_values(self, pieces: list[Piece], layout: str) -> bool:
        """A line of figures alone under an indicator row that has its words
        and no figure (the row wrapped after its name cell: ``产出指标 | 数量指标
        | 新建站点（个） |`` then ``12 | 12 | 20 |``): the figures are that row's,
        from its first figure column on. True when taken so."""
        rows = self.form.indicators
        filled = [p for p in pieces if p.text and not self.vocab.is_empty(p.text)]
        if layout not in ("tab", "pipe") or not rows or not filled or any(c.period for c in self.ind_cols):
            return False
        prev = rows[-1]
        if "name" not in prev.cells or any(k in prev.cells for k in _VALUE_ROLES + _SCORE_ROLES):
            return False
        if not all(looks_like_figure(fold(p.text)) for p in filled):
            return False
        order = sorted(self.ind_cols, key=lambda c: (c.index, c.col0))
        first = next((i for i, c in enumerate(order) if c.role in _VALUE_ROLES + _SCORE_ROLES), None)
        if first is None:
            return False
        at = next((i for i, c in enumerate(order) if c.index == filled[0].index), None)
        if at is None or at > first:
            return False
        shift = first - at
        placed = [(c, p) for c, p in self.place(pieces, self.ind_cols, layout, shift)
                  if c.role in _VALUE_ROLES + _SCORE_ROLES]
        if len(placed) < len(filled):
            return False  # a figure beyond the figure columns: not this row's values
        for role, p in _by_role(placed).items():
            prev.cells[role] = self.cell(p)
        return True

    def _indicator_row(self, roles: dict[str, Piece], period: Optional[str]) -> None:
        cells = {k: self.cell(p) for k, p in roles.items()}
        rows = [r for r in self.form.indicators if r.period == period]
        blank = self.vocab.ruleset.indicators.blank_name
        if blank and "name" in cells and re.fullmatch(blank, cells["name"].text) and not any(
                k in cells and not self.vocab.is_empty(cells[k].text) for k in ("target", "actual")):
            return  # an unfilled template line ("指标2 | | | / | /")
        if cells and not any(k in cells for k in _VALUE_ROLES + _SCORE_ROLES) and all(
                self.is_section_label(c.text) for c in cells.values()):
            self.section_label(list(cells.values()), period)
            return
        opens_row = "name" in cells and any(
            k in cells and self.vocab.is_level(cells[k].text) for k in ("level1", "level2"))
        if rows and not opens_row and not any(k in cells for k in ("target", "actual", "weight", "score")):
            prev = rows[-1]  # a wrapped cell: its text joins the cell above
            for k, c in cells.items():
                if k in prev.cells:
                    old = prev.cells[k]
                    loc = old.location.model_copy(update={"end_line": c.location.end_line})
                    prev.cells[k] = old.model_copy(update={"text": old.text + c.text, "location": loc})
                else:
                    prev.cells[k] = c
            if "name" in cells:
                prev.label = prev.cells["name"].text
            return
        if "name" not in cells:
            return
        section = self.section_levels.pop(period, {})
        if "level1" not in cells and "level2" not in cells:
            cells.update(section)
        elif "level1" not in cells and "level1" in section:
            cells["level1"] = section["level1"]
        if rows and "level1" not in cells:  # merged cells left blank
            for level in ("level1", "level2"):
                if level not in cells and level in rows[-1].cells:
                    cells[level] = rows[-1].cells[level]
        self.form.indicators.append(FormRow(kind="indicator", label=cells["name"].text, cells=cells,
                                            period=period, location=cells["name"].location))

    def is_section_label(self, text: str) -> bool:
        """A level's label standing alone (``效 益 指 标（30分）``, ``经济效益
        指标``), not a bare ``指标`` ending a wrapped name."""
        key = self.vocab.key(text)
        return self.vocab.is_level(text) and len(key) > len(self.vocab.rules.level_suffix)

    def section_label(self, cells: list[FormCell], period: Optional[str]) -> None:
        """A row of level labels alone between indicator rows: no text of
        the row above (its name does not run on into the next section's
        label) but the levels of the rows after it, a 一级指标 (rules
        ``level1_words``) opening a new block without the 二级 above."""
        levels = self.section_levels.setdefault(period, {})
        for c in cells:
            if self.vocab.key(c.text) in self.vocab.rules.level1_words:
                levels.clear()
                levels["level1"] = c
            else:
                levels["level2"] = c

    def total_row(self, pieces: list[Piece], layout: str) -> None:
        roles = self.assign(pieces, self.ind_cols, layout)
        nums = [p for p in pieces if number_of(p.text) is not None]
        for k in ("weight", "score"):
            if k in roles and number_of(roles[k].text) is not None:
                self.form.total[k] = self.cell(roles[k])
        if len(nums) >= 2 and self.form.total.get("score") != self.cell(nums[-1]):
            # a row shifted by a cell against its header (总分||||||100|99.55|):
            # a total row states 总分值 then 总分, its last two figures
            self.form.total["weight"], self.form.total["score"] = self.cell(nums[-2]), self.cell(nums[-1])
        elif "score" not in self.form.total and nums:
            self.form.total["score"] = self.cell(nums[-1])
        self.done = True

    def pair_funds(self, pieces: list[Piece], layout: str) -> bool:
        """A target form's funds cells, label then value, in groups side
        by side (``项目资金（元） | 项目资金总额 | 4,100,000.00 | 年度资金申请总额
        | 4,100,000.00``, then ``其中：财政资金 | … | 其中：当年财政拨款 | …``):
        each group head (rules ``funds_groups``) names the column of the
        labels under it; a label's row is its funds row. True when the line
        gave a cell."""
        v = self.vocab
        cells = [p for p in pieces if p.text]
        heads = [(p, v.funds_group(p.text)) for p in cells if v.funds_group(p.text)]
        columns = sum(1 for p in cells if v.funds_column(p.text))
        if heads and not self.funds_heads and not self.funds_cols and columns < 3:
            # (a head over column words, 年度资金总额 | 年初预算数 | 全年预算数 | …,
            # is the corner of a funds header, not a group of label/value cells)
            self.funds_heads = heads  # type: ignore[assignment]
            self.form.funds_unit = next((v.funds_unit(p.text) for p in cells if v.funds_unit(p.text)), None)
        if not self.funds_heads:
            return False
        found = False
        for i, p in enumerate(cells[:-1]):
            value = cells[i + 1]
            group = v.funds_group(p.text)
            role = "total" if group else v.funds_row(p.text)
            if role is None or number_of(value.text, tuple(v.rules.value_units)) is None:
                continue
            if group is None:
                placed = [(h, g) for h, g in self.funds_heads
                          if (h.index <= p.index if layout in ("tab", "pipe") else h.col0 <= p.col0)]
                if not placed:
                    continue
                group = placed[-1][1]
            row = next((r for r in self.form.funds if r.role == role), None)
            if row is None:
                row = FormRow(kind="funds", label=header_label(p.text), role=role, location=self.cell(p).location)
                self.form.funds.append(row)
            row.cells.setdefault(group, self.cell(value))
            found = True
        return found

    # -- a funds row flattened onto one line

    def _run_column(self, token: str) -> Optional[str]:
        """The funds column a word of a flattened row names (执行率, 得分,
        执行率得分), else None."""
        v = self.vocab
        return v.funds_column(token) or v._lookup(v.key(token), v.rules.total_row_fields)

    def _run_value(self, token: str) -> bool:
        v = self.vocab
        return (number_of(token, tuple(v.rules.value_units)) is not None or v.is_empty(token)
                or _GOT_OF_MAX.fullmatch(fold(token)) is not None)

    def run_funds(self, text: str, base: int) -> bool:
        """A funds row flattened onto one line with the values of all its
        columns run together after its label (``其中：本年财政拨款 90 89.97
        89.97 — 99.97% —``): the values go into the funds columns in the
        header's order when there is one value per column; a column word in
        the run (``执行率 100% 得分 9/10``) names the value after it. A line
        of such pairs alone states the total row's. True when the line was
        read so."""
        toks = [(m.group(), m.start()) for m in re.finditer(r"\S+", text)]
        k = next((i for i, (t, _) in enumerate(toks) if self._run_value(t) or self._run_column(t)), None)
        if k is None:
            return False
        label = text[:toks[k][1]].strip().rstrip(":：").strip() if k else ""
        v = self.vocab
        role = v.funds_row(label) if label else "total"
        if role is None:
            return False
        plain: list[tuple[str, int]] = []
        named: dict[str, tuple[str, int]] = {}
        i = k
        while i < len(toks):
            t, at = toks[i]
            col = self._run_column(t)
            if col is not None and i + 1 < len(toks) and self._run_value(toks[i + 1][0]):
                named.setdefault(col, toks[i + 1])
                i += 2
            elif col is None and self._run_value(t) and not named:
                plain.append((t, at))
                i += 1
            else:
                return False
        units = tuple(v.rules.value_units)
        cells = {c: make_cell(t, base + at, base + at + len(t), self.source, units) for c, (t, at) in named.items()}
        split_got_of_max(cells, self.source)
        order = [c.role for c in sorted(self.funds_cols, key=lambda c: c.index) if c.role and c.role not in cells]
        if plain and len(plain) != len(order) or (not label and plain):
            return False
        cells.update({c: make_cell(t, base + at, base + at + len(t), self.source, units)
                      for c, (t, at) in zip(order, plain)})
        cells = {c: cell for c, cell in cells.items() if not v.is_empty(cell.text)}
        row = next((r for r in self.form.funds if r.role == role), None) if not label else None
        if row is None:
            if not label:
                return False  # pairs without a total row to state them for
            at = toks[0][1] + len(text[toks[0][1]:]) - len(text[toks[0][1]:].lstrip())
            row = FormRow(kind="funds", label=v.key(label), role=role,
                          location=self.source.locate(base + at, base + at + len(label)))
            self.form.funds.append(row)
        for c, cell in cells.items():
            row.cells.setdefault(c, cell)
        return True

    # -- label：value lines

    def label_value(self, text: str, base: int) -> bool:
        """``项目名称：…``, ``预期目标：…``, ``年度资金总额：年初预算数186.00；…``,
        ``执行率：97.00%``, ``合计分值：100``, ``1.数量指标—名称：年度指标值…；分值10``."""
        m = re.match(r"\s*([^：:]{1,40}?)\s*[：:]\s*", text)
        if not m:
            return False
        head, rest_at = m.group(1), m.end()
        rest = text[rest_at:]
        v = self.vocab
        role = v.identity(head)
        if role is not None:
            if rest.strip():
                self.form.identity.setdefault(role, make_cell(rest.strip(), base + rest_at,
                                                              base + rest_at + len(rest.strip()), self.source))
            return True
        goal = v.goal(head)
        if goal is not None:
            if rest.strip():
                self.form.goals[goal] = make_cell(rest.strip(), base + rest_at, base + rest_at + len(rest.strip()),
                                                  self.source)
            return True
        if v.key(head) in v.rules.goal_label:
            if rest.strip() and "expected" in v.rules.goals:  # 年度总体目标：… states the expected goal
                self.form.goals.setdefault("expected", make_cell(rest.strip(), base + rest_at,
                                                                 base + rest_at + len(rest.strip()), self.source))
            return True
        fund = v.funds_row(head)
        if fund is not None and rest.strip():
            cells = self._pairs(rest, base + rest_at, v.rules.funds_columns)
            if cells:
                self.form.funds_unit = self.form.funds_unit or v.funds_unit(head)
                loc = self.source.locate(base + m.start(1), base + m.start(1) + len(head))
                self.form.funds.append(FormRow(kind="funds", label=v.key(head), role=fund, cells=cells,
                                               location=loc))
                return True
        key = v.key(head)
        for k, words in v.rules.total_row_fields.items():
            if key in words and self.form.funds:
                total = next((r for r in self.form.funds if r.role == "total"), None)
                if total is not None:
                    total.cells[k] = make_cell(rest.strip(), base + rest_at, base + rest_at + len(rest.strip()),
                                               self.source)
                    split_got_of_max(total.cells, self.source)
                    return True
        for k, words in v.rules.total_fields.items():
            if key in words and (self.form.funds or self.form.indicators):
                self.form.total[k] = make_cell(rest.strip(), base + rest_at, base + rest_at + len(rest.strip()),
                                               self.source)
                if k == "score":
                    self.done = True
                return True
        return self._indicator_line(head, m, rest, base, rest_at)

    def _indicator_line(self, head: str, m, rest: str, base: int, rest_at: int) -> bool:
        v = self.vocab
        table = {role: list(getattr(v.ruleset.indicators.columns, role))
                 for role in ("target", "actual", "weight", "score", "deviation")}
        table["deviation"] = table["deviation"] + list(v.ruleset.indicators.column_prefixes.deviation)
        cells = self._pairs(rest, base + rest_at, table)
        if not ({"target", "actual"} <= set(cells) or {"weight", "score"} <= set(cells)):
            return False
        start = base + m.start(1)
        name_text = head
        if v.number is not None:
            n = v.number.match(name_text)
            if n:
                start += n.end()
                name_text = name_text[n.end():]
        parts = [name_text]
        for sep in v.rules.level_separators:
            if sep in name_text:
                parts = name_text.split(sep)
                break
        offset = start
        located: list[tuple[str, int]] = []
        for part in parts:
            located.append((part, offset))
            offset += len(part) + len(next((s for s in v.rules.level_separators if s in name_text), ""))
        name, name_at = located[-1]
        cells["name"] = make_cell(name.strip(), name_at, name_at + len(name.strip()), self.source)
        levels = located[:-1]
        if len(levels) >= 2:
            cells["level1"] = make_cell(levels[0][0], levels[0][1], levels[0][1] + len(levels[0][0]), self.source)
            cells["level2"] = make_cell(levels[1][0], levels[1][1], levels[1][1] + len(levels[1][0]), self.source)
        elif levels:
            role = "level1" if v.key(levels[0][0]) in v.rules.level1_words else "level2"
            cells[role] = make_cell(levels[0][0], levels[0][1], levels[0][1] + len(levels[0][0]), self.source)
        self.form.indicators.append(FormRow(kind="indicator", label=cells["name"].text, cells=cells,
                                            location=cells["name"].location))
        return True

    def _pairs(self, rest: str, base: int, table: dict[str, list[str]]) -> dict[str, FormCell]:
        """``年初预算数186.00；全年预算数204.60`` -> cells by role: each part
        starts with a column word (longest first), an optional colon, then
        the value."""
        words = sorted(((w, role) for role, ws in table.items() for w in ws), key=lambda x: -len(x[0]))
        out: dict[str, FormCell] = {}
        at = 0
        for part in re.split(r"([；;])", rest):
            if part in ("；", ";"):
                at += len(part)
                continue
            stripped = part.lstrip()
            lead = len(part) - len(stripped)
            for w, role in words:
                if stripped.startswith(w):
                    val = stripped[len(w):]
                    val_lead = len(val) - len(val.lstrip(" ：:"))
                    value = val[val_lead:].rstrip("。 ")
                    if value and role not in out:
                        s = base + at + lead + len(w) + val_lead
                        out[role] = make_cell(value, s, s + len(value), self.source,
                                              tuple(self.vocab.rules.value_units))
                    break
            at += len(part)
        return out

    # -- one grid line

    def grid_line(self, text: str, base: int) -> None:
        if self.done or not text.strip():
            return
        layout = line_layout(text)
        if layout == "single" and self.funds_cols and self.run_funds(text, base):
            return
        if layout == "single" and self.flat_funds_header(text, base):
            return
        if layout == "single" or (layout == "space" and ("：" in text.split()[0] if text.split() else False)):
            if self.label_value(text, base) or layout == "single":
                return
        pieces = split_line(text, base, layout, self.edge_pipes if layout == "pipe" else False)
        texts = [p.text for p in pieces if p.text]
        if not texts or all(_RULE_CELL.fullmatch(t) for t in texts):
            return  # no cell, or a rule line (| --- | :---: |, a Markdown table's)
        v = self.vocab
        lead = next((t for t in texts if not v.is_empty_label(t)), texts[0])  # a dash before it is an empty cell
        # identity cells: label then value
        for i, p in enumerate(pieces):
            role = v.identity(p.text) if p.text else None
            if role is not None:
                nxt = next((q for q in pieces[i + 1:] if q.text), None)
                if nxt is not None and v.identity(nxt.text) is None:
                    self.form.identity.setdefault(role, self.cell(nxt))
        if any(v.identity(t) for t in texts):
            return
        # pending goal texts under 预期目标 / 实际完成情况 header cells
        if self.pending_goals:
            for role, col in self.pending_goals:
                p = self.assign(pieces, [col], layout).get(role)
                if p is not None:
                    self.form.goals[role] = self.cell(p)
            self.pending_goals = []
            return
        # goal rows
        goal_pieces: list[tuple[str, Piece]] = []
        for p in pieces:
            g = v.goal(p.text) if p.text else None
            if g is None and p.text and v.key(p.text) in v.rules.annual_goal \
                    and "project" in {x for x, _ in goal_pieces} and "expected" not in {x for x, _ in goal_pieces}:
                g = "expected"  # 项目总目标 | 年度总体目标 (a target form)
            if g is not None:
                goal_pieces.append((g, p))
        if goal_pieces or any(v.key(t) in v.rules.goal_label for t in texts):
            for p in pieces:
                m = re.match(r"\s*([^：:]{1,12})[：:]", p.text)
                if m and v.goal(m.group(1)):
                    rest = p.text[m.end():].strip()
                    if rest:
                        self.form.goals[v.goal(m.group(1))] = make_cell(rest, p.end - len(rest), p.end, self.source)
            heads = {id(p) for _, p in goal_pieces}
            last_head = goal_pieces[-1][1].index if goal_pieces else -1
            texts_after = [p for p in pieces if p.text and id(p) not in heads and p.index > last_head
                           and v.key(p.text) not in v.rules.goal_label and not re.match(r"[^：:]{1,12}[：:]", p.text)]
            if len(goal_pieces) == 1 and texts_after:
                self.form.goals[goal_pieces[0][0]] = self.cell(texts_after[-1])
            elif goal_pieces and not texts_after:
                self.pending_goals = [(g, Column(g, p.index, p.col0, p.col1)) for g, p in goal_pieces]
            return
        # a target form's label/value funds cells
        if self.pair_funds(pieces, layout):
            return
        # funds header (one or two rows)
        n_funds = sum(1 for t in texts if v.funds_column(t))
        if n_funds >= 3 or (n_funds >= 2 and v.is_funds_header(lead)):
            self.form.funds_unit = next((v.funds_unit(t) for t in texts if v.funds_unit(t)), self.lead_unit)
            self.layout = layout
            self.edge_pipes = layout == "pipe" and text.strip().startswith("|")
            if layout == "pipe":
                pieces = split_line(text, base, layout, self.edge_pipes)
            self.funds_cols = self.funds_header_columns(pieces, None, layout)
            self.rate_in_percent = any(v.funds_column(p.text) == "rate" and re.search(r"[（(]\s*[%％]\s*[)）]", p.text)
                                       for p in pieces if p.text)
            self._funds_top = pieces
            return
        if self.funds_cols and not self.form.funds and getattr(self, "_funds_top", None) is not None \
                and not v.funds_row(lead) and not any(number_of(t) for t in texts):
            self.form.funds_unit = self.form.funds_unit or next(
                (v.funds_unit(t) for t in texts if v.funds_unit(t)), None)
            self.funds_cols = self.funds_header_columns(self._funds_top, pieces, layout)
            self._funds_top = None
            return
        self._funds_top = None
        if self.funds_row(pieces, layout) or self.unlabelled_funds_row(pieces, layout):
            return
        # indicator header
        roles = [v.indicator_column(t) for t in texts]
        if sum(1 for r in roles if r) >= 4 and "name" in roles:
            if layout == "pipe" and self.layout != "pipe":  # a pipe block under a block of another layout
                self.edge_pipes = text.strip().startswith("|")
                pieces = split_line(text, base, layout, self.edge_pipes)
            self.ind_cols = self.header_columns(pieces, None, layout, v.indicator_column)
            if layout in ("tab", "pipe"):
                self.complete_indicator_header()
            self.mark_periods()
            self.indicator_points(pieces)
            roles = [c.role for c in self.ind_cols]
            if "target" in roles and not {"actual", "score"} & set(roles):
                self.form.stage = "target"  # 指标值 without 完成值: a target form
            return
        if not self.ind_cols:
            self.stash_indicator_header(pieces, layout)
            return
        if v.is_total_row(lead):
            self.total_row(pieces, layout)
            return
        self.row_opens_with_pipe = text.lstrip().startswith("|")
        self.indicator_row(pieces, layout)


# --------------------------------------------------------------------------
# One cell per line


_PAREN_ONLY = re.compile(r"[（(][^（）()]{1,6}[)）]")


def _one_cell(text: str, base: int) -> Optional[tuple[str, int, int]]:
    """The cell a line holds alone: its text (``cell`` or ``cell |``, a
    table copied one cell per line), or ``""`` for a line of a bare pipe
    (a blank cell); None for a blank line or a line of several cells."""
    if not text.strip():
        return None
    if line_layout(text) == "pipe":
        cells = [p for p in split_line(text, base, "pipe") if p.text]
        if len(cells) > 1:
            return None
        if not cells:
            at = base + text.index("|")
            return ("", at, at + 1)
        return (cells[0].text, cells[0].start, cells[0].end)
    lead = len(text) - len(text.lstrip())
    t = text.strip()
    return (t, base + lead, base + lead + len(t))


def cell_items(lines: list[tuple[str, int]], vocab: Vocabulary) -> list[tuple[str, int, int]]:
    """A form's cells one per line, as (text, start, end), up to a line of
    several cells: blank lines dropped, a bare ``|`` a blank cell, and a header word broken over two
    lines joined (``年初`` / ``预算数``, ``项目资金`` / ``（万元）``, ``经济效益`` /
    ``指标``, ``全年`` / ``执行数``) when the two together name a column or a
    level and the first alone does not."""
    raw = []
    for t, b in lines:
        c = _one_cell(t, b)
        if c is None and t.strip():
            break  # a line of several cells: a grid, no longer one cell per line
        if c is not None:
            raw.append(c)

    def names(text: str) -> bool:
        return bool(vocab.funds_column(text) or vocab.indicator_column(text))

    out: list[tuple[str, int, int]] = []
    k = 0
    while k < len(raw):
        t, a, b = raw[k]
        if k + 1 < len(raw) and t and raw[k + 1][0]:
            t2 = raw[k + 1][0]
            joined = t + t2
            level = t2 == vocab.rules.level_suffix and not t.endswith(t2) and len(t) <= 8 \
                and not any(ch.isdigit() for ch in t)
            unit = _PAREN_ONLY.fullmatch(t2) is not None and not names(t) and number_of(t) is None
            column = names(joined) and not names(t) and len(t) <= 4 and number_of(t) is None
            # "年度预" / "算申请": the funds block's header cell broken in two
            header = vocab.is_funds_header(joined) and not vocab.is_funds_header(t) and not names(t) \
                and len(t) <= 4 and number_of(t) is None
            if level or unit or column or header:
                out.append((joined, a, raw[k + 1][2]))
                k += 2
                continue
        out.append((t, a, b))
        k += 1
    return out


def _value_item(text: str, vocab: Vocabulary) -> bool:
    """A cell of a funds row: a figure, a blank, an empty mark (/, —)."""
    return not text or vocab.is_empty(text) or number_of(text, tuple(vocab.rules.value_units)) is not None \
        or _GOT_OF_MAX.fullmatch(fold(text)) is not None


_AMOUNT_COLUMNS = ("initial", "adjusted", "executed")


def _funds_head_cell(items, i: int, vocab: Vocabulary) -> bool:
    """Whether cell ``i`` starts a funds header written one cell per line:
    a header cell (项目资金), or the total's label as its corner cell
    (年度资金总额), or with no corner cell its first amount column
    (年初预算数) after a cell that names none; at least three funds
    columns among the next eight cells."""
    t = items[i][0]
    if vocab.funds_column(t) in _AMOUNT_COLUMNS:
        prev = items[i - 1][0] if i > 0 else ""
        if vocab.funds_column(prev) or vocab.is_funds_header(prev) or vocab.funds_row(prev):
            return False
        return sum(1 for c, _, _ in items[i:i + 8] if vocab.funds_column(c)) >= 3
    if not (vocab.is_funds_header(t) or vocab.funds_row(t) == "total"):
        return False
    return sum(1 for c, _, _ in items[i + 1:i + 9] if vocab.funds_column(c)) >= 3


def _cell_pairs(reader: Reader, items, i: int, cell) -> int:
    """A funds block one cell per line as column word then value
    (``年度资金总额`` / ``年初预算数`` / ``1000.00`` / ``全年预算数`` / …),
    after a header cell and the row's label: its row, at least three
    pairs; the count of cells read (0 when the cells are no such block)."""
    v = reader.vocab
    units = tuple(v.rules.value_units)
    j, label, role = i, "", "total"
    while j < len(items) and j < i + 2 and v.funds_column(items[j][0]) is None and (
            v.is_funds_header(items[j][0]) or v.funds_row(items[j][0])):
        if v.funds_row(items[j][0]):
            label, role = header_label(items[j][0]), v.funds_row(items[j][0])
        j += 1
    if j == i and v.funds_column(items[i][0]) not in _AMOUNT_COLUMNS:
        return 0  # no label cell: the pairs start with an amount (年初预算数 / 1000.00)
    cells: dict[str, FormCell] = {}
    at = j
    while j + 1 < len(items) and v.funds_column(items[j][0]) and number_of(items[j + 1][0], units) is not None:
        cells.setdefault(v.funds_column(items[j][0]), cell(j + 1, units))
        j += 2
    if len(cells) < 3:
        return 0
    split_got_of_max(cells, reader.source)
    reader.form.funds.append(FormRow(kind="funds", label=label, role=role, cells=cells,
                                     location=cell(max(at - 1, i)).location))
    return j - i


def read_cell_lines(reader: Reader, lines: list[tuple[str, int]]) -> None:
    """A form flattened to one cell per line (a web page copied as text):
    the header cells name the columns in order (a group cell stating the
    unit, 年度预算数（万元）, skipped), a funds row is its label and one line
    per column up to the first cell that is no figure or blank (a part row
    states no 分值 and 得分), an indicator row ends with its 分值 and 得分
    (two numbers), 一级/二级指标 stand before it when they change and a
    偏差原因 after it when there is one."""
    v, src, form = reader.vocab, reader.source, reader.form
    items = cell_items(lines, v)

    units = tuple(v.rules.value_units)

    def cell(i: int, units: tuple[str, ...] = ()) -> FormCell:
        t, s, e = items[i]
        return make_cell(t, s, max(e, s + len(t)), src, units)

    i, n = 0, len(items)
    funds_cols: list[str] = []
    ind_cols: list[str] = []
    while i < n:
        t = items[i][0]
        if v.identity(t) and i + 1 < n:
            form.identity.setdefault(v.identity(t), cell(i + 1))
            i += 2
            continue
        paired = _cell_pairs(reader, items, i, cell) if not funds_cols and not form.funds else 0
        if paired:
            i += paired
            continue
        if not funds_cols and _funds_head_cell(items, i, v):
            form.funds_unit = v.funds_unit(t)
            j = i + 1 if v.funds_column(t) is None else i  # a header with no corner cell starts with a column
            while j < n and (v.funds_column(items[j][0]) or (
                    not funds_cols and v.funds_unit(items[j][0]) and not v.funds_row(items[j][0]))):
                if v.funds_column(items[j][0]):
                    funds_cols.append(v.funds_column(items[j][0]))
                else:
                    form.funds_unit = form.funds_unit or v.funds_unit(items[j][0])
                j += 1
            i = j
            continue
        # a funds row: its label, then its cells; the block's first row a
        # run of figures with no label (under 年初预算数 / … / 得分): its total
        unlabelled = bool(funds_cols) and not form.funds and funds_cols[0] is not None \
            and number_of(t, units) is not None
        if funds_cols and (v.funds_row(t) or unlabelled):
            at = i if unlabelled else i + 1
            cells = {}
            k = 0
            while k < len(funds_cols) and at + k < n and _value_item(items[at + k][0], v):
                tt = items[at + k][0]
                if funds_cols[k] and tt and not v.is_empty(tt):
                    cells[funds_cols[k]] = cell(at + k, units)  # "4,753.66万元": its figure
                k += 1
            split_got_of_max(cells, src)
            form.funds.append(FormRow(kind="funds", label="" if unlabelled else header_label(t),
                                      role="total" if unlabelled else v.funds_row(t), cells=cells,
                                      location=cell(i).location))
            i = at + k
            continue
        if v.goal(t) and i + 1 < n and not (v.goal(items[i + 1][0]) or v.key(items[i + 1][0]) in v.rules.goal_label):
            form.goals[v.goal(t)] = cell(i + 1)
            i += 2
            continue
        if v.indicator_column(t) and not ind_cols:
            j, roles = i, []
            while j < n and (v.indicator_column(items[j][0]) or header_label(items[j][0]) == "绩效指标"):
                role = v.indicator_column(items[j][0])
                if role:
                    roles.append(role)
                j += 1
            if "name" not in roles:
                i += 1  # a column word of another block (the funds block's 得分), no indicator header
                continue
            ind_cols = roles
            if i > 0 and header_label(items[i - 1][0]) == "绩效指标" and v.rules.level_points:
                m = re.search(v.rules.level_points, fold(items[i - 1][0]))  # 绩效指标（90分）
                if m is not None:
                    t0, s0, e0 = items[i - 1]
                    form.total["indicators_weight"] = make_cell(m.group("points"), s0, e0, src)
            i = j
            if {"operator", "unit"} & set(ind_cols) and any(not t for t, _, _ in items[i:]):
                _cell_indicator_rows(reader, items, i, ind_cols, cell)
            elif "operator" in ind_cols and {"weight", "score"} <= set(ind_cols):
                _cell_indicators_by_operator(reader, items, i, ind_cols, cell)
            else:
                _cell_indicators(reader, items, i, ind_cols, cell)
            return
        i += 1


_QUALITATIVE = ("定性", "定量")


def _first_run(items, span: list[int]) -> Optional[tuple[int, int]]:
    """The first run of two or more figures among the cells ``span``."""
    k = 0
    while k < len(span):
        if number_of(items[span[k]][0]) is None:
            k += 1
            continue
        q = k
        while q + 1 < len(span) and number_of(items[span[q + 1]][0]) is not None:
            q += 1
        if q > k:
            return span[k], span[q]
        k = q + 1
    return None



def carried_levels(levels, items, v, cell, level1, level2):
    """The 一级 and 二级 indicator cells a row of a flattened form stands
    under: the last two level cells before it; one level cell (an 一级 word
    makes it the 一级, dropping the 二级; else it is the 二级 under the 一级
    carried); none: the cells carried from the row before."""
    if len(levels) >= 2:
        return cell(levels[-2]), cell(levels[-1])
    if levels:
        if header_label(items[levels[0]][0]) in v.rules.level1_words:
            return cell(levels[0]), None
        return level1, cell(levels[0])
    return level1, level2

def _cell_indicators_by_operator(reader: Reader, items, i: int, cols: list[str], cell) -> None:
    """Indicator rows one cell per line under a header with 指标性质, blank
    cells not written: each row is found by its 指标性质 cell (≥, =, 定性:
    rules/indicators.yaml ``stated_operators``), the name the cell before
    it, 一级/二级指标 before that when they change; after it the 指标值,
    perhaps a 度量单位, the 完成值, then 分值 and 得分 (a row's first run of
    figures ends with them) and perhaps a 未完成原因."""
    v, form = reader.vocab, reader.form
    n = len(items)
    end = next((k for k in range(i, n) if v.is_total_row(items[k][0])), n)
    ops = set(v.ruleset.indicators.stated_operators) | set(_QUALITATIVE)
    at = [k for k in range(i + 1, end) if "".join(items[k][0].split()) in ops]
    level1 = level2 = None
    prev_score = i - 1
    rows: list[FormRow] = []
    read: set[int] = set()
    for r, o in enumerate(at):
        stop = (at[r + 1] - 1) if r + 1 < len(at) else end
        span = list(range(o + 1, stop))
        run = _first_run(items, span)
        if run is None:
            continue
        first, last = run
        if first == o + 1:  # a figure 指标值, then 完成值 分值 得分 (度量单位 blank)
            if last - first < 3:
                continue
            target_at, actual_at, score_at = first, first + 1, first + 3
        elif last - first >= 2:  # 完成值 分值 得分 figures
            target_at, actual_at, score_at = o + 1, first, first + 2
        else:  # 分值 得分 after a 完成值 in words
            target_at, actual_at, score_at = o + 1, first - 1, first + 1
        if actual_at <= target_at or actual_at - target_at > 2:
            continue
        cells = {"name": cell(o - 1), "operator": cell(o), "target": cell(target_at), "actual": cell(actual_at),
                 "weight": cell(score_at - 1), "score": cell(score_at)}
        if actual_at - target_at == 2:
            if "unit" not in cols:
                continue
            cells["unit"] = cell(target_at + 1)
        levels = [k for k in range(prev_score + 1, o - 1) if v.is_level(items[k][0])]
        level1, level2 = carried_levels(levels, items, v, cell, level1, level2)
        if level1 is not None:
            cells["level1"] = level1
        if level2 is not None:
            cells["level2"] = level2
        after = [k for k in range(score_at + 1, stop) if items[k][0] and not v.is_level(items[k][0])]
        if after and "deviation" in cols and number_of(items[after[0]][0]) is None:
            cells["deviation"] = cell(after[0])
        prev_score = score_at
        read.update(range(o - 1, score_at + 1))
        rows.append(FormRow(kind="indicator", label=cells["name"].text, cells=cells, location=cells["name"].location))
    if _unread_row(items, i, end, read):
        return  # a row without its 指标性质 cell: the rows' 分值 and 得分 cannot all be read
    form.indicators.extend(rows)
    if end < n:
        _cell_total(form, items, end, 2, cell, reader.vocab.is_empty)
    reader.done = True


def _unread_row(items, start: int, end: int, read: set[int]) -> bool:
    """Whether two adjacent figures among the cells ``start`` … ``end`` are
    in no row read (``read``): a row the reading missed."""
    return any(k - 1 not in read and k not in read and number_of(items[k][0]) is not None
               and number_of(items[k - 1][0]) is not None for k in range(start + 1, end))


def _cell_indicator_rows(reader: Reader, items, i: int, cols: list[str], cell) -> None:
    """Indicator rows one cell per line with blank cells written (a bare
    ``|``) under a header with 指标性质 or 度量单位 columns: each row one cell
    per column, or without its 一级指标 (a merged cell printed once), taken
    while its name is words and its 分值 a figure or blank; then the total
    row (合计 | 100 | 98: 总分值, then 总分)."""
    v, form = reader.vocab, reader.form
    n = len(items)
    units = tuple(v.rules.value_units)

    def fits(roles: list[str], at: int) -> bool:
        if at + len(roles) > n or any(v.is_total_row(items[at + k][0]) for k in range(len(roles))):
            return False
        got = {r: items[at + k][0] for k, r in enumerate(roles)}
        name = got.get("name", "")
        weight = got.get("weight", "")
        return bool(name) and number_of(name) is None and (not weight or number_of(weight, units) is not None) \
            and all(number_of(got[r]) is None for r in ("level1", "level2") if got.get(r))

    level1 = level2 = None
    start, rows = i, []
    read: set[int] = set()
    end = next((k for k in range(i, n) if v.is_total_row(items[k][0])), n)
    while i < n and not v.is_total_row(items[i][0]):
        roles = cols if fits(cols, i) else cols[1:] if cols[:1] == ["level1"] and fits(cols[1:], i) else None
        if roles is None:
            break
        read.update(range(i, i + len(roles)))
        cells = {r: cell(i + k) for k, r in enumerate(roles) if items[i + k][0] and not v.is_empty(items[i + k][0])}
        if "level1" in cells:
            level1 = cells["level1"]
        elif level1 is not None:
            cells["level1"] = level1
        if "level2" in cells:
            level2 = cells["level2"]
        elif level2 is not None and "level1" not in roles:
            cells["level2"] = level2
        if "name" in cells:
            rows.append(FormRow(kind="indicator", label=cells["name"].text, cells=cells,
                                location=cells["name"].location))
        i += len(roles)
    if _unread_row(items, start, end, read):
        return  # a row of other cells than the header's: the rows' 分值 and 得分 cannot all be read
    form.indicators.extend(rows)
    if i < n and v.is_total_row(items[i][0]):
        _cell_total(form, items, i, 3, cell, v.is_empty)
    reader.done = True


_TOTAL_BLANKS = 6  # blank cells a one-cell-per-line total row may hold before its figures


def _cell_total(form: Form, items, at: int, reach: int, cell, empty=None) -> None:
    """The total row one cell per line (合计 / 100 / 98): of the figures in
    the ``reach`` cells after its label at ``at``, two are 总分值 and 总分;
    one is 总分, or 总分值 when no row states a 得分 (a form not scored yet).
    Cells ``empty`` says are blank (总分 / / / / 100 97.65: the columns of
    指标值 left blank) count for no cell of the reach."""
    after = range(at + 1, min(at + 1 + reach + (_TOTAL_BLANKS if empty is not None else 0), len(items)))
    filled = [x for x in after if empty is None or not empty(items[x][0])]
    nums = [x for x in filled[:reach] if number_of(items[x][0]) is not None]
    if len(nums) >= 2:
        form.total["weight"], form.total["score"] = cell(nums[0]), cell(nums[1])
    elif nums:
        scored = any("score" in r.cells for r in form.indicators)
        form.total["score" if scored or not form.indicators else "weight"] = cell(nums[0])


def _cell_indicators(reader: Reader, items, i: int, cols: list[str], cell) -> None:
    v, form = reader.vocab, reader.form
    n = len(items)
    end = next((k for k in range(i, n) if v.is_total_row(items[k][0])), n)
    # a row ends at its 得分: the last of a run of numbers (分值, 得分)
    runs: list[tuple[int, int]] = []
    k = i
    while k < end:
        if number_of(items[k][0]) is not None:
            q = k
            while q + 1 < end and number_of(items[q + 1][0]) is not None:
                q += 1
            if q > k:
                runs.append((k, q))
            k = q + 1
        else:
            k += 1
    prev_end = i
    level1 = level2 = None
    blank = v.ruleset.indicators.blank_name
    # the row's value cells, in the header's order (指标值 完成值 分值 得分; a form without 分值: three)
    values = [r for r in cols if r in ("target", "actual", "weight", "score")]
    if len(values) < 2 or "score" not in values:
        values = ["target", "actual", "weight", "score"]
    width = len(values)
    for k, q in runs:
        name_at = q - width
        if q - k == 1 and k - 1 >= prev_end and width > 2 and v.key(items[k - 1][0]) in v.rules.rate_indicators:
            # the budget's execution scored in a row of its own with no 指标值 or 完成值
            # (预算执行率 / 10 / 9.7): its name, 分值 and 得分
            levels = [x for x in range(prev_end, k - 1) if v.is_level(items[x][0])]
            level1, level2 = carried_levels(levels, items, v, cell, level1, level2)
            form.indicators.append(FormRow(kind="indicator", label=items[k - 1][0],
                                           cells={"name": cell(k - 1), "weight": cell(k), "score": cell(q)},
                                           location=cell(k - 1).location))
            prev_end = q + 1
            continue
        if q - k >= width and k > prev_end:
            q, name_at = k + width - 1, k - 1  # the values and a figure after them (偏差: 0)
        if name_at < prev_end:
            continue
        extras = list(range(prev_end, name_at))
        levels = [x for x in extras if v.is_level(items[x][0])]
        reasons = [x for x in extras if x not in levels and items[x][0]
                   and not (blank and re.fullmatch(blank, items[x][0]))]  # an unfilled template line (指标2, ……)
        if reasons and form.indicators and "deviation" in cols:
            form.indicators[-1].cells["deviation"] = cell(reasons[0])
        level1, level2 = carried_levels(levels, items, v, cell, level1, level2)
        cells = {"name": cell(name_at)}
        cells.update({role: cell(name_at + 1 + j) for j, role in enumerate(values)})
        if level1 is not None:
            cells["level1"] = level1
        if level2 is not None:
            cells["level2"] = level2
        form.indicators.append(FormRow(kind="indicator", label=cells["name"].text, cells=cells,
                                       location=cells["name"].location))
        prev_end = q + 1
    tail = [x for x in range(prev_end, end) if items[x][0] and not (blank and re.fullmatch(blank, items[x][0]))]
    if tail and form.indicators and "deviation" in cols:
        form.indicators[-1].cells["deviation"] = cell(tail[0])
    if end < n:
        _cell_total(form, items, end, 2, cell, reader.vocab.is_empty)
    reader.done = True


# --------------------------------------------------------------------------
# Finding forms


def _lines(source: SourceText) -> list[tuple[str, int]]:
    return [(source.line_text(no), source.line_starts[no - 1]) for no in range(1, source.n_lines + 1)]


def find_anchors(lines: list[tuple[str, int]], vocab: Vocabulary) -> list[tuple[int, str]]:
    """Lines where a form's funds block starts, with the kind of reading:
    ``grid`` (its header row names at least three funds columns, or a
    label：value funds row) or ``cells`` (the header's cells one per line)."""
    out: list[tuple[int, str]] = []
    for i, (text, base) in enumerate(lines):
        t = text.strip()
        if not t:
            continue
        layout = line_layout(text)
        if layout != "single":
            pieces = split_line(text, base, layout)
            n = sum(1 for p in pieces if p.text and vocab.funds_column(p.text))
            cells = [p for p in pieces if p.text]
            paired = any(vocab.funds_group(p.text) and number_of(q.text, tuple(vocab.rules.value_units))
                         for p, q in zip(cells, cells[1:]))
            if n >= 3 or (paired and cells and vocab.is_funds_header(cells[0].text)):
                out.append((i, "grid"))
            elif layout == "pipe" and len(cells) == 1 and _cells_header(lines, i, vocab):
                out.append((i, "cells"))  # one cell per line, each closed by a pipe
            continue
        if sum(1 for w in t.split() if vocab.funds_column(w)) >= 3:
            out.append((i, "grid"))  # a funds header flattened with single spaces
            continue
        m = re.match(r"([^：:]{1,30})[：:](.*)", t)
        if m and vocab.funds_row(m.group(1)) and any(w in m.group(2) for ws in vocab.rules.funds_columns.values()
                                                    for w in ws):
            if not out or out[-1][0] < i - 8:
                out.append((i, "grid"))
            continue
        if _cells_header(lines, i, vocab) and not (out and out[-1][1] == "cells" and i - out[-1][0] < 24):
            out.append((i, "cells"))  # (not a column word or row label inside the header just found)
    return out


def _cells_header(lines: list[tuple[str, int]], i: int, vocab: Vocabulary) -> bool:
    """Whether line ``i`` heads a funds block written one cell per line:
    its cell a funds header (项目资金, 预算执行情况) and at least three of
    the next eight cells funds columns (words broken over lines joined)."""
    if not _may_head_funds(lines, i, vocab):
        return False
    items = cell_items(lines[i:i + 24], vocab)
    prev = _one_cell(*lines[i - 1]) if i > 0 else None
    return bool(items) and _funds_head_cell([prev or ("", 0, 0)] + items, 1, vocab)


def _may_head_funds(lines: list[tuple[str, int]], i: int, vocab: Vocabulary) -> bool:
    """False when line ``i`` cannot head a funds block one cell per line,
    found cheaply (asked of every line): the block's first cell, the line's
    own cell or that joined with the next one (:func:`cell_items`), names
    neither an amount column nor a funds header nor the total row, which
    :func:`_funds_head_cell` needs of it."""
    first: list[str] = []
    for t, b in lines[i:i + 24]:
        c = _one_cell(t, b)
        if c is None:
            if t.strip():
                break
            continue
        first.append(c[0])
        if len(first) == 2:
            break
    if not first:
        return False
    heads = first[:1] + ([first[0] + first[1]] if len(first) == 2 and first[0] and first[1] else [])
    return any(vocab.funds_column(t) in _AMOUNT_COLUMNS or vocab.is_funds_header(t) or vocab.funds_row(t) == "total"
               for t in heads)


def _form_start(lines, anchor: int, floor: int, vocab: Vocabulary) -> int:
    """The first line of the form: the earliest identity line (项目名称 …)
    within the dozen lines before its funds block."""
    start = anchor
    for i in range(anchor - 1, max(floor, anchor - 12) - 1, -1):
        text = lines[i][0].strip().lstrip("|").strip()
        head = re.split(r"[：:\t|]|\s{2,}", text, maxsplit=1)[0] if text else ""
        if head and vocab.identity(head):
            start = i
    return start


_UNIT_LINE = re.compile(r"单位[:：]([^\s，。；,;）)]{1,4})")


_GRADE_ASIDE = re.compile(r"(?<=\S)\s*[（(][^（()）]*[)）]?$")


def _form_grade(form: Form, text: str, base: int, vocab: Vocabulary, source: SourceText) -> bool:
    """The grade a form states on a line of its own after its 总分
    (``评价等级 | 优``, ``自评等级：优``): put in ``form.total["grade"]``."""
    layout = line_layout(text)
    if layout == "single":
        m = re.match(r"\s*([^：:]{1,12})[：:]\s*(\S.*?)\s*$", text)
        if not m:
            return False
        label, value, at = m.group(1), m.group(2), m.start(2)
    else:
        cells = [p for p in split_line(text, base, layout) if p.text]
        if len(cells) < 2:
            return False
        label, value, at = cells[0].text, cells[1].text, cells[1].start - base
    if vocab.key(label) not in vocab.rules.total_fields.get("grade", []):
        return False
    value = value.rstrip("。．.；;，,！!")  # a sentence's end (自评等级：优。) is no part of the grade
    value = _GRADE_ASIDE.sub("", value)  # 优（评分标准：90分及以上为优；…）: the bracket is the scale's
    if not value or grade_scheme(vocab.ruleset).states(value):
        return False  # 评价等级：90—100分为优秀；75—89.99分为良好…: the scheme, no grade
    form.total["grade"] = make_cell(value, base + at, base + at + len(value), source)
    return True


_SCORED = {"name", "target", "weight", "score"}


def indicator_anchors(lines: list[tuple[str, int]], vocab: Vocabulary) -> list[tuple[int, str]]:
    """Lines heading a scored indicator block (三级指标 … 指标值 … 分值 …
    得分 in one row, ``grid``; or one header cell per line, ``cells``): a
    form whose funds block, if any, is no block of its own (部门整体 forms
    scoring 预算执行率 as an indicator row)."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        text, base = lines[i]
        layout = line_layout(text)
        if layout != "single":
            roles = {vocab.indicator_column(p.text) for p in split_line(text, base, layout) if p.text}
            if _SCORED <= roles:
                out.append((i, "grid"))
            i += 1
            continue
        j, roles = i, set()
        while j < len(lines) and line_layout(lines[j][0]) == "single" and lines[j][0].strip() and \
                (vocab.indicator_column(lines[j][0]) or header_label(lines[j][0]) == "绩效指标"):
            roles.add(vocab.indicator_column(lines[j][0]))
            j += 1
        if _SCORED <= roles:
            out.append((i, "cells"))
        i = max(j, i + 1)
    return out


def read_form(lines: list[tuple[str, int]], start: int, anchor: int, stop: int, how: str,
              vocab: Vocabulary, source: SourceText, indicators_only: bool = False) -> Optional[tuple[Form, int]]:
    """The form whose first line is ``start`` and whose funds block (or,
    ``indicators_only``, its indicator header) is at ``anchor``, read up to
    ``stop`` at the most: the form and its last line, or None when it holds
    no funds row and no indicator."""
    fr = vocab.rules
    first = lines[start]
    form = Form(id="form", layout="cell_per_line" if how == "cells" else "grid",
                location=source.locate(first[1], first[1] + max(1, len(first[0]))))
    reader = Reader(vocab, source, form)
    last = start
    if how == "cells":
        read_cell_lines(reader, lines[start:stop])
        last = max((c.location.line for r in form.indicators for c in r.cells.values()), default=anchor + 1) - 1
        last = max([last] + [c.location.line - 1 for c in form.total.values()])
    else:
        for i in range(start, stop):
            text = lines[i][0]
            if indicators_only and form.indicators and (not text.strip() or line_layout(text) == "single") \
                    and not _is_total_line(text, vocab):
                break  # the block ends with the table
            reader.grid_line(*lines[i])
            last = i
            if reader.done:
                break
        layouts = {line_layout(lines[i][0]) for i in range(anchor, last + 1) if lines[i][0].strip()}
        grid = [x for x in ("tab", "pipe", "space") if x in layouts]
        form.layout = grid[0] if grid else "label_value"
        if form.layout == "pipe":
            form.layout = "pipe_edges" if reader.edge_pipes else "pipe"
    if not form.funds and not form.indicators:
        return None
    for i in range(last + 1, min(last + 4, len(lines))):
        text, base = lines[i]
        if _form_grade(form, text, base, vocab, source):
            last = i
            continue
        if _form_deviation(form, lines, i, vocab, source):
            last = i + 1
            break
        if vocab.is_note(text):
            form.note = make_cell(text.strip(), base + len(text) - len(text.lstrip()),
                                  base + len(text.rstrip()), source)
            last = i
            break
    title = "".join(t for t, _ in lines[max(0, start - 3):anchor + 1])
    if any(r.role in ("basic", "project") for r in form.funds) or \
            (not form.funds and any(w in title for w in fr.department_words)):
        form.kind = "department"
    if form.funds_unit is None:  # 单位：万元 above the funds block
        form.funds_unit = next((m.group(1) for text, _ in lines[start:anchor + 1]
                                for m in [_UNIT_LINE.search(fold(text))] if m
                                and m.group(1) in fr.funds_units), None)
    end = lines[last]
    form.location = source.locate(first[1], max(end[1] + len(end[0]), first[1] + 1))
    return form, last


def _form_deviation(form: Form, lines: list[tuple[str, int]], i: int, vocab: Vocabulary,
                    source: SourceText) -> bool:
    """A block under the total row giving the reasons of the form's misses
    (``偏差大或目标未完成原因分析 |`` with its text in the next line's first
    cell, or in its own next cell): stored as the form's ``deviation`` goal,
    the 偏差原因 of every indicator row without one of its own."""
    text, base = lines[i]
    pieces = [p for p in split_line(text, base, line_layout(text)) if p.text]
    if not pieces or vocab.goal(pieces[0].text) != "deviation":
        return False
    cell = pieces[1] if len(pieces) > 1 else None
    if cell is None and i + 1 < len(lines):
        nxt, nbase = lines[i + 1]
        cell = next((p for p in split_line(nxt, nbase, line_layout(nxt)) if p.text), None)
    if cell is None or vocab.is_empty(cell.text):
        return False
    form.goals["deviation"] = make_cell(cell.text, cell.start, cell.end, source)
    return True


def _is_total_line(text: str, vocab: Vocabulary) -> bool:
    """A label：value line stating the form's total (合计分值：100, 总得分：97.70)."""
    m = re.match(r"\s*([^：:]{1,12})[：:]", text)
    return bool(m) and any(vocab.key(m.group(1)) in words for words in vocab.rules.total_fields.values())


def _reach(lines: list[tuple[str, int]], anchor: int, how: str, cells: int = 200) -> int:
    """The line a form anchored at ``anchor`` is read up to at the most:
    200 lines on; a form one cell per line, 200 cells on (blank lines
    between its cells not counted)."""
    if how != "cells":
        return anchor + cells
    seen = 0
    for i in range(anchor, len(lines)):
        seen += bool(lines[i][0].strip())
        if seen > cells:
            return i
    return len(lines)


def extract_forms(source: Optional[SourceText], rules: RuleSet) -> list[Form]:
    """Every national form in ``source`` as a :class:`Form` record: those
    anchored on a funds block first, then scored indicator blocks standing
    outside them; numbered ``form1`` … in document order."""
    return forms_and_cells(source, rules)[0]


#: Where a form's cells stand in the source: (start, end, by_line) source
#: offsets; ``by_line`` a cell per line, else also the words a line's
#: single spaces part (a form flattened onto one line).
CellRegion = tuple[int, int, bool]


def forms_and_cells(source: Optional[SourceText], rules: RuleSet) -> tuple[list[Form], list[CellRegion]]:
    """:func:`extract_forms` and the regions of the source that are a form's
    cells and no prose (:data:`CellRegion`): the lines of each form read
    one cell per line, and each line flattening a form's header onto one line with single
    spaces (three funds or indicator column words among its words), read
    or not. The claim finder reads each cell there as a sentence of its
    own, so that no cell's figure is read with another row's."""
    if source is None:
        return [], []
    vocab = Vocabulary(rules.forms, rules)
    lines = _lines(source)
    forms = _extract_forms(source, lines, vocab)
    starts = source.line_starts
    regions: list[CellRegion] = []
    for form in (f for f in forms if f.layout == "cell_per_line"):  # (a grid's rows are a table's)
        last = min(form.location.end_line, len(lines))
        regions.append((starts[form.location.line - 1], lines[last - 1][1] + len(lines[last - 1][0]), True))
    for text, base in lines:
        if text.count(" ") < 3 or line_layout(text) in ("tab", "pipe"):
            continue
        words = text.split()
        if sum(1 for w in words if vocab.funds_column(w)) >= 3 or \
                sum(1 for w in words if vocab.indicator_column(w)) >= 3:
            regions.append((base, base + len(text), False))
    return forms, sorted(regions)


def _extract_forms(source: SourceText, lines: list[tuple[str, int]], vocab: Vocabulary) -> list[Form]:
    anchors = find_anchors(lines, vocab)
    found: list[tuple[int, int, Form]] = []  # first line index, last line index, form
    floor = 0
    for k, (anchor, how) in enumerate(anchors):
        if anchor < floor:
            continue
        start = _form_start(lines, anchor, floor, vocab)
        stop = _form_start(lines, anchors[k + 1][0], anchor + 1, vocab) if k + 1 < len(anchors) else len(lines)
        got = read_form(lines, start, anchor, min(stop, _reach(lines, anchor, how)), how, vocab, source)
        if got is not None:
            found.append((start, got[1], got[0]))
            floor = got[1] + 1
    heads = [(a, how) for a, how in indicator_anchors(lines, vocab)
             if not any(a0 <= a <= a1 for a0, a1, _ in found)]
    for k, (anchor, how) in enumerate(heads):
        if any(a0 <= anchor <= a1 for a0, a1, _ in found):
            continue
        floor = max([a1 + 1 for _, a1, _ in found if a1 < anchor], default=0)
        start = _form_start(lines, anchor, floor, vocab)
        later = [a0 for a0, _, _ in found if a0 > anchor] + [a for a, _ in heads[k + 1:k + 2]]
        stop = min(later + [len(lines), anchor + 200])
        got = read_form(lines, start, anchor, stop, how, vocab, source, indicators_only=True)
        if got is not None and got[0].indicators:
            found.append((start, got[1], got[0]))
    found.sort(key=lambda x: x[0])
    forms = []
    for i, (_, _, form) in enumerate(found, 1):
        form.id = f"form{i}"
        forms.append(form)
    return forms


# --------------------------------------------------------------------------
# Indicators of a form


def form_indicators(form: Form, rules: RuleSet) -> list[Indicator]:
    """The indicator rows of ``form`` as :class:`Indicator` items (target
    with its operator, actual, met), ``table`` naming the form."""
    irules = rules.indicators
    out = []
    for i, row in enumerate(form.indicators):
        c = row.cells
        name = c["name"].text
        m = re.match(irules.name_prefix, name) if irules.name_prefix else None
        if m and m.end() < len(name):
            name = name[m.end():]  # numbered from the template: 指标1工程完工率
        level1 = c["level1"].text if "level1" in c else None
        level2 = c["level2"].text if "level2" in c else None
        t = c.get("target")
        unit = c["unit"].text if "unit" in c else ""
        operator = c["operator"].text if "operator" in c else ""
        target = read_target(t.text if t else "", t.location if t else None, name, level1, level2, irules,
                             unit=unit, operator_text=operator, units=rules)
        a = c.get("actual")
        actual = read_actual(a.text if a else "", a.location if a else None, target, unit, units=rules)
        weight = c["weight"].value if "weight" in c else None
        score = c["score"].value if "score" in c else None
        out.append(Indicator(level1=level1, level2=level2, name=name, target=target,
                             actual_text=a.text if a else "", actual=actual,
                             met=target_met(target, actual, a.text if a else "", irules),
                             weight=weight, score=score,
                             deviation_reason=(c["deviation"].text if "deviation" in c else
                                               form.goals["deviation"].text if "deviation" in form.goals
                                               else None),
                             table=form.id, row=i, location=row.location))
    return out


def merge_indicators(table_indicators: list[Indicator], forms: list[Form], rules: RuleSet) -> list[Indicator]:
    """The report's indicators: those of its forms, read by header words,
    in place of what the generic table reader found on the same lines;
    the other tables' indicators kept."""
    spans = [(f.location.line, f.location.end_line) for f in forms if f.indicators]
    kept = [ind for ind in table_indicators
            if not any(a <= ind.location.line <= b for a, b in spans)]
    for f in forms:
        kept.extend(form_indicators(f, rules))
    kept.sort(key=lambda ind: ind.location.start)
    return kept
