"""Draft hygiene (稿件规范): what a reviewing officer marks in red before any
sum is checked.

:func:`check_hygiene` takes the check context and returns CheckResults of
four rules, driven by rules/hygiene.yaml (:class:`HygieneRules`):

- ``template_residue``: opposite alternatives left from the template
  (增加（减少）, 是（否）), prompts (待填写, 【请填写…】), a reason clause with
  nothing after it (主要原因是。);
- ``placeholder``: XX, ××, 某某, ＊＊ standing for a figure or a name;
- ``punctuation``: doubled marks (。。 ，。 、、) and quotes or brackets opened
  and never closed (or closed and never opened) within their paragraph or
  cell;
- ``scope_word``: a word naming the report as one of another kind (a
  项目支出 report's 部门整体支出绩效自评得分), and a sentence about the
  report's own year framed by another year (截至2022年12月31日，…全年 in a
  2023 report), and the year's funds or the report's data bounded by a
  year they cannot be of (截至2022年12月31日，已拨付资金… / 本报告所列2022年度
  数据… / 本报告数据截至2024年12月31日 in a 2023 report);
- ``comparison_word``: 高于/低于/等于/持平/不超过 … between two figures of
  one sentence that say otherwise (满意度83.6%，高于85%的目标);
- ``name_variant``: one place written two ways (台山县 and 台山区);
- ``missing_unit``: a rate without its % or an amount without its unit in
  running text (执行率98.19，).

The text read is the normalizer's (:class:`~extract.normalize.NormalizedDocument`,
given to the checks by the pipeline): paragraphs with broken lines joined,
so a quote spanning a line break is one quote, and table cells one by one.
Every finding quotes the source as written (a stretch of one source line,
never composed) and locates the offending characters: line, and page for
PDFs. Without the document the rules skip, saying why.

Each rule gives one failed result per finding, or one passed result when it
found nothing. :func:`drop_repeated` removes a hygiene finding on the same
characters as an arithmetic finding: one problem, one finding.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import Iterator, Literal, Optional

from ..grade_scheme import grade_scheme
from ..model import CheckResult, Location
from ..interpret.document_type import is_page_furniture
from ..normalize import NormalizedDocument, fold, needs_fold
from ..ruleset import RuleSet, RulesLike
from ..span import SourceText, Span
from .context import CheckContext, Placed, Sentence, make_result
from ..pattern_needs import any_char
from .screen import Screen, any_word, compiled_once, led, needed_by_any, needed_chars, reads_only_its_match
from .figures import interval_of, stated_text
from .tolerance import Interval
from ..rulefiles.hygiene import (ComparisonRules, Examples, HygieneRules, MissingUnitRules,
                                 NameRules, PlaceholderRules, PunctuationRules, Relation,
                                 ResidueRules, ScopeKind, ScopeRules, YearBound)

RULES = ("template_residue", "placeholder", "punctuation", "scope_word", "comparison_word",
         "name_variant", "missing_unit")
GROUP = "稿件规范"  # how the text output and the review page head these findings
SENTENCE_END = "。！？!?；;"
QUOTE_CONTEXT = 40
# A location at most this long is a figure's (not a whole row's): a hygiene
# finding on it repeats the arithmetic finding there.
FIGURE_CHARS = 30
# Kinds of finding that locate a numbered heading or item (its whole line,
# however short), not a figure: a slip on that line (五是…12家。。 after 三是)
# is another problem, reported beside the gap in the numbering.
PLACE_KINDS = frozenset({"heading", "enumeration"})


# ---------------------------------------------------------------- rules


def hygiene_rules(rules: RulesLike = None) -> HygieneRules:
    """The hygiene.yaml of a rule set (default: the rules shipped with the package)."""
    return RuleSet.of(rules).hygiene


# ---------------------------------------------------------------- the text read


class Passage:
    """A stretch of text read as one: a paragraph or caption, or a table
    cell. ``span`` is folded text mapping back to the source; ``above`` and
    ``below`` the cells next to a cell in its column (a wrapped cell goes on
    there): given, or read from the cell's ``column`` (its spans, one a row)
    at its ``row`` when asked for (of most cells they never are)."""

    __slots__ = ("span", "in_cell", "_above", "_below", "_column", "_row")

    def __init__(self, span: Span, in_cell: bool = False, above: tuple[Span, ...] = (),
                 below: tuple[Span, ...] = (), column: Optional[list[Span]] = None, row: int = 0) -> None:
        self.span, self.in_cell, self._above, self._below, self._column, self._row = \
            span, in_cell, above, below, column, row

    @property
    def above(self) -> tuple[Span, ...]:
        """The (at most two) cells above a cell in its column."""
        if self._column is None:
            return self._above
        return tuple(self._column[max(self._row - 2, 0):self._row])

    @property
    def below(self) -> tuple[Span, ...]:
        """The (at most two) cells below a cell in its column."""
        if self._column is None:
            return self._below
        return tuple(self._column[self._row + 1:self._row + 3])


def passages(document: NormalizedDocument) -> Iterator[Passage]:
    """Every paragraph, caption and table cell of ``document``, in order; a
    paragraph with the paragraphs next to it (a bracket pair a page's chunk
    mark parts: "…通知（省⏎2、财农…号）")."""
    blocks = document.blocks
    for k, block in enumerate(blocks):
        if block.kind != "table":
            prev = blocks[k - 1] if k else None
            nxt = blocks[k + 1] if k + 1 < len(blocks) else None
            yield Passage(block.span, False, (prev.span,) if prev is not None and prev.kind != "table" else (),
                          (nxt.span,) if nxt is not None and nxt.kind != "table" else ())
            continue
        # a row with nothing to fold (the most) keeps its cells: one test of the row, not one per cell
        rows = [[fold(c) for c in row] if needs_fold("\x00".join(c.text for c in row))
                else [c if isinstance(c.offsets, tuple) else Span(c.text, tuple(c.offsets)) for c in row]
                for row in block.rows]
        empty = Span("", ())
        columns: dict[int, list[Span]] = {}  # each column once, not once per cell of it
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if cell:
                    column = columns.get(c)
                    if column is None:
                        column = columns[c] = [other[c] if c < len(other) else empty for other in rows]
                    yield Passage(cell, True, column=column, row=r)


def sentence_bounds(text: str, i: int) -> tuple[int, int]:
    """Start and end (exclusive) of the sentence of ``text`` holding position ``i``."""
    start = max((text.rfind(ch, 0, i) for ch in SENTENCE_END), default=-1) + 1
    ends = [j for j in (text.find(ch, i) for ch in SENTENCE_END) if j >= 0]
    return start, (min(ends) + 1 if ends else len(text))


@dataclass(frozen=True)
class Evidence:
    """Characters of a passage that a finding is about, with the source
    text they stand as (``token``), the quote around them and where."""

    token: str
    quote: str
    location: Location


def evidence(source: SourceText, span: Span, a: int, b: int) -> Evidence:
    """The source behind ``span.text[a:b]``: its own text, its sentence as
    written on its source line(s) (at most :data:`QUOTE_CONTEXT` characters
    of the text either side, counted without spaces so that every form of
    a document quotes the same stretch), and its location."""
    offs = span.offsets
    start, end = offs[a], offs[b - 1] + 1
    sa, sb = sentence_bounds(span.text, a)
    q0 = offs[max(sa, a - QUOTE_CONTEXT)]
    q1 = offs[min(max(sb, b), b + QUOTE_CONTEXT) - 1] + 1
    first, last = source.line_of(start), source.line_of(end - 1)
    line_start = source.line_starts[first - 1]
    line_end = source.line_starts[last] - 1 if last < len(source.line_starts) else len(source.text)
    q0, q1 = max(q0, line_start), min(q1, line_end)
    quote = source.written_text[q0:q1].strip()
    return Evidence(source.text[start:end], quote, source.locate(start, end))


def passages_holding(whole: str, starts: list[int], needs: frozenset[str]) -> set[int]:
    """The passages (by index) holding one of the characters ``needs`` in
    ``whole``, the passages' texts joined by line breaks, each starting at
    its offset of ``starts`` (a line break found counts for the passage
    before it). Each character is found by str.find, a passage at a time:
    a search of a class of CJK characters reads the text several times
    slower, and a bisect per character found reads every bracket and quote
    of the document (tests/test_check_cost.py holds it against that way)."""
    out: set[int] = set()
    last = len(starts) - 1
    for ch in needs:
        j = whole.find(ch)
        while j >= 0:
            k = bisect.bisect_right(starts, j) - 1
            out.add(k)
            if k >= last:
                break
            j = whole.find(ch, starts[k + 1])
    return out


# ---------------------------------------------------------------- finders
# Each finder takes the compiled rules and one passage and yields
# (kind, start, end, what) for each finding: the characters of the passage
# it is about and a short Chinese description.

Hit = tuple[str, int, int, str]

_ALL = Screen()  # compiles, keeps every pattern: a finder called on its own


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# pattern text of opposite_pattern -> the lengths of the words before its "("
_OPPOSITE_LEADS: dict[str, frozenset[int]] = {}


def opposite_pattern(rules: ResidueRules) -> re.Pattern:
    """A（B） with A and B from the two groups of one pair, either order."""
    parts = []
    for one, other in rules.opposites:
        a, b = _alternation(one), _alternation(other)
        parts.append(rf"(?:{a})\((?:{b})\)|(?:{b})\((?:{a})\)")
    pattern = re.compile("|".join(parts))
    _OPPOSITE_LEADS[pattern.pattern] = frozenset(len(w) for pair in rules.opposites for g in pair for w in g)
    return pattern


def slash_pattern(rules: ResidueRules) -> Optional[re.Pattern]:
    """A/B (增加/减少, 是/否) with A and B from the two groups of one pair,
    either order: both alternatives of a template left in running text
    (a table's column header may offer them: read outside cells only)."""
    parts = []
    for one, other in rules.opposites:
        a, b = _alternation(one), _alternation(other)
        parts.append(rf"(?:{a})/(?:{b})|(?:{b})/(?:{a})")
    return re.compile("|".join(parts)) if parts else None


def alternatives_in(opposites: re.Pattern, text: str) -> Iterator[re.Match]:
    """``opposites.finditer(text)`` for a pattern of :func:`opposite_pattern`:
    as every match is a word then "(", it is tried only that many
    characters before each "(" of the text (in order, from the end of the
    match before), not at every character."""
    leads = _OPPOSITE_LEADS.get(opposites.pattern)
    if leads is None or not opposites.pattern:
        yield from opposites.finditer(text)
        return
    starts = sorted({j - n for j in _positions("(", text) for n in leads if j >= n})
    end = 0
    for i in starts:
        if i < end:
            continue
        m = opposites.match(text, i)
        if m is not None:
            yield m
            end = m.end()


def _positions(ch: str, text: str) -> Iterator[int]:
    j = text.find(ch)
    while j >= 0:
        yield j
        j = text.find(ch, j + 1)


def find_residue(rules: ResidueRules, opposites: Optional[re.Pattern], p: Passage,
                 screen: Screen = _ALL, slashes: Optional[re.Pattern] = None,
                 prompts: Optional[list[re.Pattern]] = None) -> Iterator[Hit]:
    """``prompts``: the prompt patterns that may match in ``p`` (default
    every one the screen keeps)."""
    text = p.span.text
    if opposites is not None:
        for m in alternatives_in(opposites, text):
            yield "alternatives", m.start(), m.end(), "模板中的备选项未删除"
    if slashes is not None and not p.in_cell and "/" in text:
        for m in slashes.finditer(text):
            yield "alternatives", m.start(), m.end(), "模板中的备选项未删除"
    for pattern in screen.live(rules.prompts) if prompts is None else prompts:
        for m in pattern.finditer(text):
            yield "prompt", m.start(), m.end(), "模板中的填写提示未删除"
    for source in (rules.empty_reason, rules.empty_reason_in_cell if p.in_cell else None):
        pattern = screen.one(source) if source else None
        if pattern is not None:
            for m in pattern.finditer(text):
                end = m.end() + (1 if m.end() < len(text) else 0)
                yield "empty_reason", m.start(), end, "原因说明后没有内容"


def find_placeholders(rules: PlaceholderRules, p: Passage, screen: Screen = _ALL,
                      patterns: Optional[list[re.Pattern]] = None) -> Iterator[Hit]:
    """``patterns``: those that may match in ``p`` (default every one the screen keeps)."""
    for pattern in screen.live(rules.patterns) if patterns is None else patterns:
        for m in pattern.finditer(p.span.text):
            yield "placeholder", m.start(), m.end(), "占位符未替换为实际内容"


@functools.lru_cache(maxsize=16)
def _any_mark(pairs: tuple[str, ...]) -> re.Pattern:
    return re.compile(f"[{re.escape(''.join(pairs))}]")


def find_ends_around_close(rules: PunctuationRules, p: Passage) -> Iterator[Hit]:
    """A sentence end inside a closing bracket and another after it
    (``end_around_close``: （…通过。）。): the second is one too many."""
    if rules.end_around_close is None:
        return
    for m in re.compile(rules.end_around_close).finditer(p.span.text):
        yield "doubled", m.start(), m.end(), "标点重复"


def find_doubled(rules: PunctuationRules, p: Passage) -> Iterator[Hit]:
    """Each run of two or more ``doubled_marks`` side by side, unless the
    run is an allowed pair."""
    if not rules.doubled_marks:
        return
    for m in _mark_runs(rules.doubled_marks).finditer(p.span.text):
        if m.group() not in rules.allowed_pairs:
            yield "doubled", m.start(), m.end(), "标点重复"


@functools.lru_cache(maxsize=16)
def _mark_runs(marks: str) -> re.Pattern:
    """Runs of two or more of the characters of ``marks``, longest first."""
    return re.compile(f"[{re.escape(marks)}]{{2,}}")


def _unpaired(text: str, pairs: list[str], list_marker: re.Pattern
              ) -> tuple[list[int], list[tuple[int, Optional[int]]]]:
    """Opening marks of ``text`` never closed (positions), and closing marks
    never opened, each with the position of the other kind of opening mark
    it stands against (「2024〕), if any; a closing mark against an opening
    mark that is closed further on (（2024〕18号）) stands alone: its own
    opening mark is the one left out. A closing mark after a list marker
    (1） a)) is neither."""
    stack: list[int] = []
    stray: list[tuple[int, Optional[int]]] = []
    marks = _any_mark(tuple(pairs)).finditer(text)
    opening = {p[0]: p[1] for p in pairs}
    closing = {p[1]: p[0] for p in pairs}
    for m in marks:  # the marks only, not every character
        i = m.start()
        ch = text[i]
        if ch in opening:
            stack.append(i)
        elif ch in closing:
            for k in range(len(stack) - 1, -1, -1):
                if text[stack[k]] == closing[ch]:
                    del stack[k:]  # marks opened inside and never closed go with it
                    break
            else:
                if stack and opening[text[stack[-1]]] in text[i + 1:]:
                    # "（川财行2020〕189号）": the open mark is closed further on, so
                    # this closing mark is the one without its opening (〔 left out)
                    stray.append((i, None))
                elif stack:
                    stray.append((i, stack.pop()))
                elif not list_marker.search(text[:i]):
                    stray.append((i, None))
    return stack, stray


@functools.lru_cache(maxsize=16)
def _pair_chars(pairs: tuple[str, ...]) -> frozenset[str]:
    """The characters of the marks of ``pairs``."""
    return frozenset("".join(pairs))


@functools.lru_cache(maxsize=1024)
def _nested(marks: str, pairs: tuple[str, ...]) -> bool:
    """Whether the marks of a text, in order, close each mark opened, the
    last opened first (（“”）): :func:`_unpaired` finds nothing in such a
    text. A pair whose closing mark opens another pair is never taken
    for closed here (the full reading decides)."""
    opening = {p[0]: p[1] for p in pairs}
    closing = {p[1]: p[0] for p in pairs}  # as _unpaired reads them
    closed = [o + c for c, o in closing.items() if c not in opening]
    while marks:
        shorter = marks
        for pair in closed:
            shorter = shorter.replace(pair, "")
        if shorter == marks:
            return False
        marks = shorter
    return True


_PAIR_SENTENCE_ENDS = "。！？!?"


def find_unpaired(rules: PunctuationRules, list_marker: re.Pattern, p: Passage) -> Iterator[Hit]:
    text = p.span.text
    pairs = tuple(rules.pairs)
    if _nested("".join(_any_mark(pairs).findall(text)), pairs):
        return  # every mark closed in turn: nothing unpaired (the reading below finds nothing)
    unclosed, stray = _unpaired(text, rules.pairs, list_marker)
    if not p.in_cell:
        # a paragraph: its last sentence read on into the next paragraph's
        # first, its first after the last of the paragraph before
        tail = max(text.rfind(c) for c in _PAIR_SENTENCE_ENDS)
        head = min((i for i in (text.find(c) for c in _PAIR_SENTENCE_ENDS) if i >= 0), default=len(text))
        if unclosed and p.below and any(i > tail for i in unclosed):
            after = p.below[0].text
            cut = min((i for i in (after.find(c) for c in _PAIR_SENTENCE_ENDS) if i >= 0), default=len(after))
            still, _ = _unpaired(text + after[:cut], rules.pairs, list_marker)
            unclosed = [i for i in unclosed if i < tail or i in still]
        if stray and p.above and any(i < head for i, _ in stray):
            above = p.above[0].text
            before = above[max(above.rfind(c) for c in _PAIR_SENTENCE_ENDS) + 1:]
            _, still = _unpaired(before + text, rules.pairs, list_marker)
            kept = {i - len(before) for i, _ in still}
            stray = [(i, against) for i, against in stray if i > head or i in kept]
    else:
        if unclosed and p.below:
            # a wrapped cell: read on into the cells below it
            still, _ = _unpaired(text + "".join(s.text for s in p.below), rules.pairs, list_marker)
            unclosed = [i for i in unclosed if i in still]
        if stray and p.above:
            # ... or the cells above it
            before = "".join(s.text for s in p.above)
            _, still = _unpaired(before + text, rules.pairs, list_marker)
            kept = {i - len(before) for i, _ in still}
            stray = [(i, against) for i, against in stray if i in kept]
    for i in unclosed:
        yield "unclosed", i, i + 1, f"“{text[i]}”没有对应的闭合标点"
    for i, against in stray:
        if against is None:
            yield "unopened", i, i + 1, f"“{text[i]}”没有对应的起始标点"
        else:
            yield "mismatched", against, i + 1, f"“{text[against]}”与“{text[i]}”不配对"


def find_missing_units(rules: MissingUnitRules, amounts: bool, p: Passage,
                       screen: Screen = _ALL) -> Iterator[Hit]:
    """Rates (and, when ``amounts``, amounts) of running text without a unit."""
    if p.in_cell:
        return
    for what, source, message in (("rate", rules.rate, "比率缺少“%”"),
                                  ("amount", rules.amount if amounts else None, "金额缺少单位")):
        pattern = screen.one(source) if source else None
        if pattern is not None:
            for m in pattern.finditer(p.span.text):
                yield what, m.start("num"), m.end("num"), message


def document_kind(rules: ScopeRules, title: Optional[str], report_type: Optional[str]) -> Optional[ScopeKind]:
    """The kind of report by its title words, else by its report type."""
    for kind in rules.kinds:
        if title and any(w in title for w in kind.title_words):
            return kind
    for kind in rules.kinds:
        if report_type and kind.report_type == report_type:
            return kind
    return None


def find_foreign_scope(kind: ScopeKind, p: Passage, screen: Screen = _ALL,
                       patterns: Optional[list[re.Pattern]] = None) -> Iterator[Hit]:
    """``patterns``: those that may match in ``p`` (default every one the screen keeps)."""
    for pattern in screen.live(kind.foreign) if patterns is None else patterns:
        for m in pattern.finditer(p.span.text):
            yield "report_scope", m.start(), m.end(), f"本报告为{kind.name}绩效自评报告，此处口径不符"


_SENTENCE_ENDS = re.compile(f"[{re.escape(SENTENCE_END)}]")


def _compares_frame_year(rules: ScopeRules, sentence: str, stated: int, year: int) -> bool:
    """Whether the comparison words of ``sentence`` make its frame year
    (``stated``) a year of comparison: words comparing with another year
    (较2022年, 本年, 与…相比), or, when its only comparisons are of the frame
    year with the year before it (上年为…，同比增长…: rules
    ``relative_comparison``), a frame year that is the report's own year of
    comparison, the year before it (2022年全年支出800万元，较上年增长5% in a
    2023 report)."""
    words = sentence
    if rules.relative_comparison:
        words, relative = re.subn(rules.relative_comparison, "", sentence)
        if relative and not any(w in words for w in rules.comparison_words):
            return stated == year - 1
    return any(w in words for w in rules.comparison_words)


def _bound_patterns(rules: ScopeRules) -> list[tuple[YearBound, re.Pattern, bool]]:
    """Each of ``rules.year_bounds`` with its pattern compiled and whether
    it reads only its match (:func:`reads_only_its_match`), once per list."""
    return compiled_once("year_bounds", rules.year_bounds, lambda bounds: [
        (b, re.compile(b.pattern), reads_only_its_match(b.pattern)) for b in bounds])


def _year_bounds(rules: ScopeRules, year: int, sentence: str, following: str = "",
                 live: Optional[list[tuple[YearBound, re.Pattern]]] = None,
                 compared: bool = False) -> Iterator[tuple[int, str]]:
    """(offset in ``sentence``, message) of each year bound (rules
    ``year_bounds``) of ``sentence`` naming a year the report's figures
    cannot be bounded by (截至2022年12月31日，已拨付资金… / 本报告所列2022年度
    数据… / 本报告数据截至2024年12月31日 in a 2023 report). ``live``: the
    bounds, compiled, that may match in ``sentence`` (default every one).
    When the sentence holds a comparison word (``compared``), only an
    agreement's bound is read, and only with no comparison word outside
    its words."""
    for bound, rx in live if live is not None else ((b, rx) for b, rx, _ in _bound_patterns(rules)):
        if compared and not bound.agreement:
            continue
        for m in rx.finditer(sentence):
            if compared and any(w in sentence[:m.start()] + "|" + sentence[m.end():] for w in rules.comparison_words):
                continue
            stated = int(m.group("year"))
            month = m.groupdict().get("month")
            if stated < year:
                wrong = bound.earlier
            elif stated > year:
                wrong = bound.later == "always" or (
                    bound.later == "year_end" and (month is None or int(month) == 12))
            else:
                wrong = False
            if not wrong or any(w in sentence for w in bound.not_words) or (
                    bound.unless_next_names_year and str(year) in following) or (
                    bound.states and re.search(bound.states, sentence[m.end():]) is None):
                continue
            message = bound.later_message if stated > year and bound.later_message else bound.message
            yield m.start("year"), f"{message}（报告年度{year}年，写作{stated}年）"
            return


def _stale_base(rules: ScopeRules, base: re.Pattern, year: int, sentence: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, message) of a year before the year before the report's
    set as the base of a comparison with the year before (``base``: 2021年
    同类支出…，同比增长… in a 2023 report's sentence of this year), the
    sentence naming no year before the report's own."""
    if str(year - 1) in sentence or not (str(year) in sentence or any(w in sentence for w in rules.current_words)):
        return
    for m in base.finditer(sentence):
        stated = int(m.group("year"))
        if stated < year - 1:
            yield (m.start("year"), m.end("year"),
                   f"同比、较上年的基期应为{year - 1}年（报告年度{year}年的上年），此处写作{stated}年")
            return


def _opening_patterns(opening) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """``section_opening``'s heading, the heading ending in a colon and
    ``states``, compiled once per rule set (they are tried on every
    sentence that opens on no year of its own)."""
    return compiled_once("section_opening", opening, lambda o: (
        re.compile(o.heading), re.compile(f"(?:{o.heading})(?<=[：:])"), re.compile(o.states)))


def _section_frame(rules: ScopeRules, frame: re.Pattern, p: Passage, before: str, sentence: str,
                   m: Optional[re.Match]) -> Optional[tuple[int, re.Match]]:
    """(offset in ``sentence``, frame match there) when ``sentence`` is the
    first of a section on the report's funds and opens on a year: after its
    heading (rules ``section_opening.heading``) as ``before`` (the text of
    ``p`` before it), or the paragraph before, or at its own start ending
    in a colon (2.支出情况：2022年…); ``m``: the frame match at its start."""
    heading, colon_heading, _ = _opening_patterns(rules.section_opening)
    if m is not None:
        if before.strip():
            return (0, m) if heading.fullmatch(before.strip()) is not None else None
        if not p.in_cell and p.above and heading.fullmatch(p.above[0].text.strip()) is not None:
            return 0, m
        return None
    h = colon_heading.match(sentence.lstrip())
    if h is None or before.strip():
        return None
    at = len(sentence) - len(sentence.lstrip()) + h.end()
    inner = frame.match(sentence[at:].lstrip())
    return None if inner is None else (len(sentence) - len(sentence[at:].lstrip()), inner)


def _states_own_figures(rules: ScopeRules, sentence: str, after: int, year: int, following: str) -> bool:
    """Whether a section's first sentence, opening on another year (its
    frame ending at ``after``), states the year's figures: a figure of
    ``section_opening.states``, no word of ``not_words``, no comparison but
    the frame year's with its own year before, and no next sentence naming
    the report's year or this year (2022年…。本年…)."""
    opening = rules.section_opening
    states = _opening_patterns(opening)[2]
    if states.search(sentence[after:]) is None or any(w in sentence for w in opening.not_words):
        return False
    words = re.sub(rules.relative_comparison, "", sentence) if rules.relative_comparison else sentence
    if any(w in words for w in rules.comparison_words):
        return False
    return not (str(year) in following or any(w in following for w in rules.current_words))


def find_other_year(rules: ScopeRules, frame: re.Pattern, year: int, p: Passage,
                    later: Optional[re.Pattern] = None, bounded: bool = True,
                    base: Optional[re.Pattern] = None,
                    bounds: Optional[list[tuple[YearBound, re.Pattern, bool]]] = None,
                    gloss: Optional[re.Pattern] = None) -> Iterator[Hit]:
    """Sentences of ``p`` about the report's own ``year`` written under
    another: a frame year at the start of a sentence about the whole year
    (``period_frame``), a year bound anywhere in it (``year_bounds``, when
    ``bounded``; ``bounds``: those that may match, compiled, default every
    one), a later year's plan written with an earlier year (``later``), a
    comparison with the year before based on an earlier year (``base``),
    a word of this year glossed with another year (``gloss``: 本年（2022年）
    in a 2023 report)."""
    text = p.span.text
    if gloss is not None:
        for m in gloss.finditer(text):
            if int(m.group("year")) != year:
                yield ("period", m.start("year"), m.end("year"),
                       f"“本年”即报告年度（{year}年），括注的年份却写作{m.group('year')}年")
    if later is not None:
        for m in later.finditer(text):
            if int(m.group("year")) < year:
                yield ("period", m.start("year"), m.end("year"),
                       f"所述为报告年度（{year}年）之后的预算或计划，年份却写作{m.group('year')}年")
    # a pattern that reads only its match and matches nowhere in the
    # passage matches in none of its sentences: not tried on each
    live = [(b, rx) for b, rx, only in (_bound_patterns(rules) if bounds is None else bounds)
            if not only or rx.search(text) is not None] if bounded and rules.year_bounds else []
    if base is not None and reads_only_its_match(base.pattern) and base.search(text) is None:
        base = None
    # with no bound nor base to find, only a sentence holding a character
    # the frame needs can yield: the others are stepped over
    needs = needed_chars(frame) if not live and base is None else None
    skip_to = any_char(needs) if needs is not None else None
    compares = any_word(rules.comparison_words)
    stated_year = str(year)
    start = 0
    ends = [m.end() for m in _SENTENCE_ENDS.finditer(text)] + [len(text)]
    k = 0
    while start < len(text):
        if skip_to is not None:
            q = skip_to.search(text, start)
            if q is None:
                break
            while ends[k] <= q.start():
                k += 1
            start = max(start, ends[k - 1] if k else 0)  # the start of the sentence holding it
        while ends[k] <= start:
            k += 1
        end = ends[k]  # as sentence_bounds(text, start) gives it
        sentence = text[start:end]
        if base is not None:
            for a, b, message in _stale_base(rules, base, year, sentence):
                yield ("period", start + a, start + b, message)
        if stated_year in sentence:
            start = end
            continue
        m = frame.match(sentence)
        framed = False
        following = text[end:ends[k + 1]] if k + 1 < len(ends) else ""
        if m and int(m.group("year")) != year:
            rest = sentence[m.end():]
            # the next sentence may set the two years apart (2023年全年预算…。
            # 2024年…，比上年…): then this one states the year of comparison
            if (any(w in rest for w in rules.this_period_words)
                    and not (int(m.group("year")) > year and any(w in rest for w in rules.plan_words))
                    and not _compares_frame_year(rules, sentence, int(m.group("year")), year)
                    and not (str(year) in following and any(w in following for w in rules.comparison_words))):
                a = start + m.start("year")
                framed = True
                yield ("period", a, a + 4,
                       f"本句所述为本年度（{year}年）情况，年份却写作{m.group('year')}年")
        opening = None if framed or rules.section_opening is None else _section_frame(
            rules, frame, p, text[:start], sentence, m)
        if opening is not None and int(opening[1].group("year")) != year \
                and _states_own_figures(rules, sentence[opening[0]:], opening[1].end(), year,
                                        following or (p.below[0].text if not p.in_cell and p.below else "")):
            a = start + opening[0] + opening[1].start("year")
            framed = True
            yield ("period", a, a + 4,
                   f"本段所述为本年度（{year}年）收支情况，年份却写作{opening[1].group('year')}年")
        if not framed and live:
            compared = compares.search(sentence) is not None
            for at, message in _year_bounds(rules, year, sentence, following, live, compared):
                yield ("period", start + at, start + at + 4, message)
        start = end


# ---------------------------------------------------------------- comparison words

_CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?]")
# A clause that names its own subject before the comparison word (使用率大于,
# 目标值大于) compares a figure of that clause; adverbs are no subject (均高于).
_OWN_SUBJECT = re.compile(r"[\u4e00-\u9fff]{2,}")
_ADVERBS = re.compile(r"[均都也且并还仍已远略稍更明显]")
RELATION_SIGNS = {"greater": ">", "less": "<", "equal": "=", "at_most": "≤", "at_least": "≥"}


def relation_possible(relation: str, a: Interval, b: Interval) -> bool:
    """Whether some reading of ``a`` and ``b`` stands in ``relation``."""
    if relation == "greater":
        return a.hi > b.lo
    if relation == "less":
        return a.lo < b.hi
    if relation == "at_most":
        return a.lo <= b.hi
    if relation == "at_least":
        return a.hi >= b.lo
    return a.overlaps(b)


def compared_figures(s: Sentence, start: int, end: int, gap: int,
                     joiners: str, base: Optional[re.Pattern] = None) -> Optional[tuple[Placed, Placed]]:
    """The two figures a comparison word at ``start:end`` of ``s`` compares:
    the figure right after it (within ``gap`` characters of its clause; it
    may hold the word: ``高于85%`` is read as one quantity), or the one just
    before it after a joiner (与上年0.80万元持平); and the nearest figure
    before that of the same unit, not the base of another comparison
    (``base``: 比上年的76.2%). None without both."""
    after = [p for p in s.placed if p.start >= start and p.end > end]
    b: Optional[Placed] = None
    if after and after[0].start - end <= gap and not _CLAUSE_BREAK.search(s.text[end:max(end, after[0].start)]):
        b = after[0]
    else:
        just_before = [p for p in s.placed if 0 <= p.end <= start]
        if just_before:
            p = just_before[-1]
            lead = s.text[max(p.start - gap, 0):p.start]
            if (start - p.end <= gap and not _CLAUSE_BREAK.search(s.text[p.end:start])
                    and any(j in lead for j in joiners) and not _CLAUSE_BREAK.search(lead[-3:])):
                b = p
    if b is None or b.claim.unit_class in ("date", "duration", "none"):
        return None
    before = [p for p in s.placed if 0 <= p.end <= b.start and p.end <= start
              and p.claim.normalized_unit == b.claim.normalized_unit]
    head = min(start, b.start)
    clause = max((m.end() for m in _CLAUSE_BREAK.finditer(s.text, 0, head)), default=0)
    subject = s.text[clause:head]
    if b.start < start:  # "与上年0.80万元持平": what stands from the joiner on is the other side
        subject = re.split("[" + re.escape(joiners) + "]", subject, maxsplit=1)[0]
    if _OWN_SUBJECT.search(_ADVERBS.sub("", subject)):
        # "…得分原因为：资金使用率大于95%": the clause names what it compares;
        # a figure of an earlier clause is not it
        before = [p for p in before if p.start >= clause]
    if base is not None and before and base.search(s.text[max(before[-1].start - 12, 0):before[-1].start]):
        # 达到78.6%，比上年的76.2%提高…，超过78%: 76.2% is the object of 比
        before = [p for p in before if not base.search(s.text[max(p.start - 12, 0):p.start])]
    return (before[-1], b) if before else None


def check_comparisons(ctx: CheckContext, rules: ComparisonRules,
                      source: SourceText) -> list[CheckResult]:
    """A passed or failed result for each comparison word between two
    figures of a sentence; the quote runs from the first figure to the
    second, as the source writes it."""
    relation_of = {w: rel for rel, words in rules.words.items() for w in words}
    pattern = re.compile(_alternation(list(relation_of)))
    out: list[CheckResult] = []
    scheme = grade_scheme(ctx.rules)
    base = re.compile(rules.base_before) if rules.base_before else None
    for s in ctx.sentences:
        for m in pattern.finditer(s.text):
            if scheme.states(s.text, m.start(), m.end()):
                continue  # 80分（含）至90分的为良，…，低于60分的为差: the grade scheme's bounds
            pair = compared_figures(s, m.start(), m.end(), rules.max_gap_chars, rules.joiners, base)
            if pair is None:
                continue
            a, b = pair
            relation = relation_of[m.group()]
            ok = relation_possible(relation, interval_of(ctx, a.claim),
                                   interval_of(ctx, b.claim, qualified=False))
            first, second = a.claim.location, b.claim.location
            quote = source.written_text[first.start:second.end]
            one, other = stated_text(a.claim), pattern.sub("", stated_text(b.claim), count=1)
            word = m.group()
            message = f"“{one}{word}{other}”与数字{'相符' if ok else '不符'}"
            out.append(make_result(ctx, "comparison_word", relation, "pass" if ok else "fail", message,
                                   expected=f"{one} {RELATION_SIGNS[relation]} {other}",
                                   stated=word, quote=quote, locations=[first, second]))
    return out


# ---------------------------------------------------------------- name variants


@dataclass(frozen=True)
class PlaceName:
    """One place name as written: its stem, suffix group, suffix, and the
    characters of a passage it is (``span.text[a:b]``), whose evidence is
    read when asked for (of most names no finding is made)."""

    stem: str
    group: int
    suffix: str
    source: SourceText = field(repr=False, compare=False)
    span: Span = field(repr=False, compare=False)
    a: int = field(repr=False, compare=False)
    b: int = field(repr=False, compare=False)

    @property
    def start(self) -> int:
        """The source offset of the name's first character."""
        return self.span.offsets[self.a]

    @functools.cached_property
    def evidence(self) -> Evidence:
        return evidence(self.source, self.span, self.a, self.b)


@functools.lru_cache(maxsize=16)
def _place_name_pattern(stem_chars: int, suffix_groups: tuple[tuple[str, ...], ...]
                        ) -> tuple[re.Pattern, dict[str, int]]:
    group_of = {s: i for i, g in enumerate(suffix_groups) for s in g}
    suffixes = _alternation(list(group_of))
    return re.compile(rf"(?=(?P<stem>[\u4e00-\u9fff]{{{stem_chars}}})(?P<suffix>{suffixes}))"), group_of


@functools.lru_cache(maxsize=16)
def _chars_of(text: str) -> frozenset[str]:
    return frozenset(text)


@functools.lru_cache(maxsize=16)
def _suffix_starts(suffixes: tuple[str, ...]) -> re.Pattern:
    """The first characters of ``suffixes``, as one class."""
    return any_char(frozenset(s[0] for s in suffixes if s))


def place_names(rules: NameRules, source: SourceText, p: Passage,
                seen: Optional[set[tuple[str, int, str]]] = None) -> Iterator[PlaceName]:
    """Every stem + suffix of ``p`` (overlapping reads allowed: 蓬江县 in
    覆盖蓬江县 is found though 盖蓬 is tried too); with ``seen``, only the
    first of each (stem, group, suffix), whose evidence alone is read."""
    pattern, group_of = _place_name_pattern(rules.stem_chars, tuple(tuple(g) for g in rules.suffix_groups))
    text = p.span.text
    # the (empty) matches of the pattern, in order, as finditer gives them: a
    # name starts ``stem_chars`` before where a suffix starts, so the pattern
    # is tried there only
    n = rules.stem_chars
    not_names = tuple(rules.not_names)
    not_stems = frozenset(rules.not_stems) | frozenset(rules.verbs)
    tried = (pattern.match(text, j.start() - n) for j in _suffix_starts(tuple(group_of)).finditer(text, n))
    for m in tried:
        if m is None:
            continue
        stem, suffix = m.group("stem"), m.group("suffix")
        if rules.not_in_stem and not _chars_of(rules.not_in_stem).isdisjoint(stem):
            continue
        if stem in not_stems:
            continue  # 示范县 / 示范区: a kind of county or zone; 通过县级: a verb, no name
        if not_names and text.startswith(not_names, m.start("suffix")):
            continue  # 眉山区域: 区域 is a word, not a district
        key = (stem, group_of[suffix], suffix)
        if seen is not None:
            if key in seen:
                continue
            seen.add(key)
        yield PlaceName(stem, group_of[suffix], suffix, source, p.span, m.start("stem"), m.end("suffix"))


def check_name_variants(ctx: CheckContext, rules: NameRules, document: NormalizedDocument,
                        found_passages: Optional[list[Passage]] = None) -> list[CheckResult]:
    """One failed result per name written with two suffixes of one group,
    quoting the first of each way (joined by " / ")."""
    first: dict[tuple[str, int], dict[str, PlaceName]] = {}
    seen: set[tuple[str, int, str]] = set()
    _, group_of = _place_name_pattern(rules.stem_chars, tuple(tuple(g) for g in rules.suffix_groups))
    suffix_starts, n = _suffix_starts(tuple(group_of)), rules.stem_chars
    for p in found_passages if found_passages is not None else passages(document):
        if suffix_starts.search(p.span.text, n) is None:
            continue  # no suffix after a stem's room: place_names tries nothing
        for name in place_names(rules, document.source, p, seen):
            first.setdefault((name.stem, name.group), {}).setdefault(name.suffix, name)
    out = []
    two_places = {frozenset(pair) for pair in rules.two_places}
    for (stem, _), ways in first.items():
        if len(ways) < 2 or all(frozenset(pair) in two_places for pair in itertools.combinations(ways, 2)):
            continue  # one way, or only ways that name two places (岳阳县, 岳阳市)
        names = sorted(ways.values(), key=lambda n: n.start)
        written = [n.evidence.token for n in names]
        out.append(make_result(ctx, "name_variant", "name_variant", "fail",
                               f"同一名称写法不一：{'、'.join(f'“{w}”' for w in written)}",
                               stated=" / ".join(written), quote=" / ".join(n.evidence.quote for n in names),
                               locations=[n.evidence.location for n in names]))
    return out


# ---------------------------------------------------------------- the check

def outermost(by_rule: list[tuple[str, Iterator[Hit]]]) -> list[tuple[str, str, int, int, str]]:
    """The hits of one passage, a hit inside another of its rule dropped
    (【请填写…】 is one prompt, not also 请填写): one problem, one finding."""
    hits = list({(rule, *hit[:3]): (rule, *hit) for rule, found in by_rule for hit in found}.values())
    return [h for h in hits
            if not any(o is not h and o[0] == h[0] and o[2] <= h[2] and h[3] <= o[3]
                       and (o[3] - o[2]) > (h[3] - h[2]) for o in hits)]


MESSAGES_CLEAN = {
    "template_residue": "未发现模板残留（备选项、填写提示、空的原因说明）",
    "placeholder": "未发现占位符",
    "punctuation": "未发现重复标点或未配对的引号、括号",
    "scope_word": "未发现与报告类型、年度不符的口径用语",
    "comparison_word": "未发现两数之间的比较用语",
    "name_variant": "未发现同一名称的不同写法",
    "missing_unit": "未发现缺少单位或“%”的比率、金额",
}


def hygiene_findings(ctx: CheckContext, rules: HygieneRules,
                     document: NormalizedDocument,
                     found_passages: Optional[list[Passage]] = None) -> dict[str, list[CheckResult]]:
    """Failed results of each hygiene rule over ``document``, by rule id."""
    source = document.source
    passages_read = found_passages if found_passages is not None else list(passages(document))
    screen = Screen(p.span.text for p in passages_read)
    # the residue's patterns are made of the rules' word lists: compiled once per rule set
    residue_rules = rules.residue
    if rules is hygiene_rules(ctx.rules):
        opposites, slash = RuleSet.of(ctx.rules).derived(
            "checks.hygiene.alternatives", lambda: (opposite_pattern(residue_rules), slash_pattern(residue_rules)))
    else:
        opposites, slash = opposite_pattern(residue_rules), slash_pattern(residue_rules)
    if next(alternatives_in(opposites, screen.whole or ""), None) is None:
        opposites = None  # (as screen.one would find: the pattern reads only its match)
    slashes = screen.one(slash.pattern) if slash is not None else None
    list_marker = re.compile(rules.punctuation.list_marker)
    frame = re.compile(rules.scope.period_frame)
    # (a pattern that can match in no passage, as the screen finds, is not run:
    # the later year's searched from its first characters)
    def anywhere(rx: Optional[re.Pattern]) -> Optional[re.Pattern]:
        """``rx`` unless it reads only its match and matches nowhere in the passages joined."""
        if rx is None or screen.whole is None or not reads_only_its_match(rx.pattern):
            return rx
        return rx if rx.search(screen.whole) is not None else None

    later = anywhere(led(rules.scope.later_year) if rules.scope.later_year else None)
    base = anywhere(screen.one(rules.scope.comparison_base) if rules.scope.comparison_base else None)
    gloss = anywhere(screen.one(rules.scope.own_year_gloss) if rules.scope.own_year_gloss else None)
    year_bounds = [(b, rx, only) for b, rx, only in _bound_patterns(rules.scope) if anywhere(rx) is not None]
    amounts = not re.search(rules.missing_unit.unit_line, document.source.text)
    meta = ctx.report.meta
    kind = document_kind(rules.scope, meta.title, meta.report_type)
    found: dict[str, list[CheckResult]] = {r: [] for r in RULES}
    furniture = RuleSet.of(ctx.rules).document_types
    # finders with no pattern that can match in this document are not run,
    # nor on a passage holding none of the characters their patterns need
    residue = rules.residue
    prompts = screen.live(residue.prompts)
    empty_reason = screen.one(residue.empty_reason) if residue.empty_reason else None
    in_cell = screen.one(residue.empty_reason_in_cell) if residue.empty_reason_in_cell else None
    punctuation = rules.punctuation
    units = rules.missing_unit
    rate_pattern = screen.one(units.rate) if units.rate else None
    amount_pattern = screen.one(units.amount) if amounts and units.amount else None
    foreign_patterns = screen.live(kind.foreign) if kind is not None else []
    placeholder_patterns = screen.live(rules.placeholder.patterns)
    whole = screen.whole if screen.whole is not None else "\n".join(p.span.text for p in passages_read)
    starts = list(itertools.accumulate((len(p.span.text) + 1 for p in passages_read[:-1]), initial=0))

    def holding(needs: Optional[frozenset[str]], when: bool = True) -> Optional[set[int]]:
        """The passages (by index) holding one of ``needs``, found in one pass
        of the passages joined by line breaks (a line break found counts for
        the passage before it: a passage more, never one less); None: any
        passage may match. No passage when not ``when``."""
        if not when:
            return set()
        if needs is None:
            return None
        if not needs:
            return set()
        return passages_holding(whole, starts, needs)

    def passages_with(rx: re.Pattern) -> set[int]:
        """The passages (by index) where ``rx`` matches in ``whole``, a
        match of none crossing a line break: the first match of each found,
        the search going on at the next passage (not a match per character
        of the document: every bracket, every quote)."""
        out: set[int] = set()
        m = rx.search(whole)
        while m is not None:
            k = bisect.bisect_right(starts, m.start()) - 1
            out.add(k)
            if k + 1 >= len(starts):
                break
            m = rx.search(whole, starts[k + 1])
        return out

    residue_in = holding(needed_by_any([opposites, slashes, *prompts, empty_reason]),
                         opposites is not None or slashes is not None or bool(prompts)
                         or empty_reason is not None)
    residue_cells_in = holding(needed_by_any([opposites, *prompts, empty_reason, in_cell]),
                               opposites is not None or bool(prompts) or empty_reason is not None
                               or in_cell is not None)
    placeholders_in = holding(needed_by_any(placeholder_patterns), bool(placeholder_patterns))
    doubled = bool(punctuation.doubled_marks) and screen.one(_mark_runs(punctuation.doubled_marks).pattern) is not None
    if doubled and "\n" not in punctuation.doubled_marks:
        # a run holds no line break, so the runs of the passages joined by line
        # breaks are the runs of each passage
        doubled_in = passages_with(_mark_runs(punctuation.doubled_marks))
    else:
        doubled_in = None if doubled else set()
    unpaired_in = holding(_pair_chars(tuple(punctuation.pairs)))
    units_in = holding(needed_by_any([rate_pattern, amount_pattern]),
                       rate_pattern is not None or amount_pattern is not None)
    foreign_in = holding(needed_by_any(foreign_patterns), bool(foreign_patterns))
    year_in = holding(needed_by_any([frame, *(rx for _, rx, _ in year_bounds)]
                                    + [x for x in (later, base, gloss) if x is not None]),
                      meta.year is not None)

    def run(found_in: Optional[set[int]], k: int) -> bool:
        return found_in is None or k in found_in

    def each_holding(patterns: list[re.Pattern]) -> list[tuple[re.Pattern, Optional[set[int]]]]:
        """Each pattern with the passages holding a character it needs
        (None: any passage may match it)."""
        return [(rx, holding(needed_chars(rx))) for rx in patterns]

    def may_match_in(held: list[tuple[re.Pattern, Optional[set[int]]]], k: int) -> list[re.Pattern]:
        """The patterns that may match in passage ``k``, in order: a passage
        holding a character one pattern needs is not read for the others."""
        return [rx for rx, found_in in held if found_in is None or k in found_in]

    prompts_held = each_holding(prompts)
    placeholders_held = each_holding(placeholder_patterns)
    foreign_held = each_holding(foreign_patterns)

    # only the passages some finder is run on are visited (the others hold
    # none of the characters any finder needs: most of them)
    found_ins = [residue_in, residue_cells_in, placeholders_in, doubled_in, unpaired_in, units_in, foreign_in,
                 year_in]
    visited = range(len(passages_read)) if any(s is None for s in found_ins) else sorted(set().union(*found_ins))
    for k in visited:
        p = passages_read[k]
        by_rule: list[tuple[str, Iterator[Hit]]] = []
        if run(residue_cells_in if p.in_cell else residue_in, k):
            by_rule.append(("template_residue", find_residue(residue, opposites, p, screen, slashes,
                                                             may_match_in(prompts_held, k))))
        if run(placeholders_in, k):
            by_rule.append(("placeholder", find_placeholders(rules.placeholder, p, screen,
                                                             may_match_in(placeholders_held, k))))
        if run(doubled_in, k):
            by_rule.append(("punctuation", find_doubled(punctuation, p)))
        if run(unpaired_in, k):
            by_rule.append(("punctuation", find_unpaired(punctuation, list_marker, p)))
            by_rule.append(("punctuation", find_ends_around_close(punctuation, p)))
        if not p.in_cell and run(units_in, k):
            by_rule.append(("missing_unit", find_missing_units(units, amounts, p, screen)))
        if run(foreign_in, k):
            by_rule.append(("scope_word", find_foreign_scope(kind, p, screen, may_match_in(foreign_held, k))))
        if run(year_in, k):
            by_rule.append(("scope_word", find_other_year(rules.scope, frame, meta.year, p, later,
                                                          meta.document_type != "budget", base, year_bounds,
                                                          gloss)))
        if not by_rule:
            continue
        for rule, what, a, b, message in outermost(by_rule):
            ev = evidence(source, p.span, a, b)
            if is_page_furniture(source.line_span(ev.location.line).text, furniture):
                continue  # "【字体：】【发布时间：…】【阅读：": the web page's, not the report's
            found[rule].append(make_result(
                ctx, rule, what, "fail", f"“{ev.token}”：{message}", stated=ev.token,
                quote=ev.quote, locations=[ev.location]))
    for rule in found:
        found[rule].sort(key=lambda r: r.locations[0].start)
    return found


def check_hygiene(ctx: CheckContext) -> list[CheckResult]:
    """The hygiene rules over the report's text: findings, or one passed
    result per rule that found nothing; skipped without the text."""
    if ctx.document is None:
        return [make_result(ctx, rule, rule, "skipped", "无法检查稿件规范：未提供报告原文")
                for rule in RULES]
    rules = hygiene_rules(ctx.rules)
    found_passages = list(passages(ctx.document))  # read once for both
    found = hygiene_findings(ctx, rules, ctx.document, found_passages)
    found["comparison_word"] = check_comparisons(ctx, rules.comparison, ctx.document.source)
    found["name_variant"] = check_name_variants(ctx, rules.names, ctx.document, found_passages)
    out: list[CheckResult] = []
    for rule in RULES:
        out.extend(found[rule] or [make_result(ctx, rule, rule, "pass", MESSAGES_CLEAN[rule])])
    return out


def drop_repeated(results: list[CheckResult]) -> list[CheckResult]:
    """``results`` without hygiene findings on characters that another
    (arithmetic) finding already points at: one problem, one finding. A
    heading's or numbered item's finding (:data:`PLACE_KINDS`) points at a
    line, not a figure, and takes nothing from the others."""
    taken = sorted((loc.start, loc.end) for r in results
                   if r.status == "fail" and r.rule not in RULES and r.kind not in PLACE_KINDS
                   for loc in r.locations if loc.end - loc.start <= FIGURE_CHARS)
    starts = [a for a, _ in taken]

    def repeated(r: CheckResult) -> bool:
        if r.rule not in RULES or r.status != "fail":
            return False
        s, e = r.locations[0].start, r.locations[0].end
        # a taken (a, b) overlaps [s, e) when a < e and s < b; as b <= a + FIGURE_CHARS,
        # only those with a > s - FIGURE_CHARS can (sorted by start: no scan of them all)
        lo, hi = bisect.bisect_left(starts, s - FIGURE_CHARS + 1), bisect.bisect_left(starts, e)
        return any(s < b for _, b in taken[lo:hi])

    return [r for r in results if not repeated(r)]
