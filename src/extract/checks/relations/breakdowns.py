"""Stated breakdowns: a whole and the parts the text says it is made of.

:func:`find_breakdowns` takes the check context and returns
:class:`Breakdown` items, in four forms:

- ``其中`` (any cue of rules ``breakdowns.cues``): ``X，其中 A、B`` — the
  figure just before the cue is the whole, the figures after it (same unit,
  none scoped as 同比/累计/占…) are parts; a bracket after a part is an aside
  on that part (``A（含 a）``), so is a figure of its progress after it (``A
  300 万元，已支出 180 万元``: rules ``progress_words``), and the whole stated
  again ends the list; a count in 个 of 单位 is a part of a whole in 家;
- ``括号``: ``X（A，B）`` — two or more figures of X's unit in the
  parenthesis right after X; opened by 含 (rules ``inclusion_words``: form
  ``含``) they name some members of X only, judged as no greater than X.
  A sentence may end at a ；or 。 inside the bracket (中央资金 X（一般公共预算
  A；彩票公益金 B）；省级资金 Y（…）): it still holds X's parts, a level below
  the list X stands in, and a list runs on while a bracket is left open;
- ``构成``: ``支出主要构成如下：A，B，C`` — the parts of a whole stated by a
  ``其中`` breakdown earlier in the same paragraph;
- ``组成``: named compositions from the rules (基本支出 = 人员经费 + 公用经费)
  within one paragraph;
- ``分类``: a list opening its sentence (rules ``lead_cue``: 按…分, 其中：,
  分项情况是：, 收入包括：) or naming a partition, or closed by its total
  (A、B，合计 C), with its whole nearby: the one the parts make up or miss
  by one digit, else the one the words pin (the figure closing the sentence
  before a 其中, the 合计); its
  items may be the sentences after it; a list opened by 其中 right after
  its whole ends at the ；after which it no longer makes that whole up
  (…；年末结转结余 C is no 支出); (count, amount) pairs (A 30 个，资金 700
  万元；B …) are two lists, the amounts of the amount beside the counts' whole;
- ``计数``: a stated count of parts (rules ``counted_after``,
  ``counted_before``): ``X，全部用于三类：A、B、C`` — the parts after the cue,
  in its sentence or one per sentence of a list after it — and ``X，由 A、B、C
  和 D 四部分构成``. The count pins the parts: a breakdown only when exactly
  that many figures of X's unit are found, and then the only one of X.

A list after 主要用于 (rules ``selection_cues``) names the main uses: a
breakdown only where it adds up. A 其中 list runs on after a ；where that reading adds up (or misses by one
digit); a part's 占 x% is an aside on it. Of a breakdown whose whole and
parts each state a change on the year before, or carry a bracket aside of
one name, those add up too. :func:`find_balances` finds stocks rolled
forward (年初余额 + 新增 − 归还 = 年末余额), :func:`find_identities` sums the
domain says are equal (rules ``identities``: 收入 + 年初结转结余 = 支出 +
年末结转结余).

The parts' sum is judged by :mod:`extract.checks.breakdowns`; rates read a
single part over its whole (``X，其中 Y，R%``), consistency a part's wholes
(:func:`wholes_of`).
"""


from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from ...model import Claim
from ...pattern_needs import any_char, needed_chars
from ...rulefiles.checks import BreakdownRules
from ...quantities import parse_number
from ..figures import figure_interval, interval_of
from ..screen import any_word
from ..sentences import Placed, Sentence
from ..tolerance import holds, sum_interval
from .source import ClaimSource

NOT_SUMMABLE = {"percent", "date", "duration", "score", "none"}
# The form of a breakdown whose parts a bracket opened by an inclusion word
# names (A（含 a，b）): a selection of the members of A.
INCLUDED = "含"
OPEN, CLOSE = "(（", ")）"


@dataclass
class Breakdown:
    """A whole (or, for 构成, the candidate wholes) and its stated parts."""

    wholes: list[Placed]
    parts: list[Placed]
    form: str
    sentences: list[Sentence] = field(default_factory=list)
    # the list is open after its last part (…等; …，其余用于…): some of the whole
    open: bool = False
    # a figure right after the last part that may be one more (…，另有 X 用于…)
    further: list[Placed] = field(default_factory=list)

    @property
    def whole(self) -> Placed:
        return self.wholes[-1]


def same_unit(a: Placed, b: Placed) -> bool:
    ca, cb = a.claim, b.claim
    return (ca.unit_class == cb.unit_class and ca.normalized_unit == cb.normalized_unit
            and ca.unit_class not in NOT_SUMMABLE)


def _same_count(ctx: ClaimSource, p: Placed, whole: Placed) -> bool:
    """:func:`same_unit`, or ``p`` counts in 个 what ``whole`` counts in 家:
    organisations (rules ``organisation_words``: 全额拨款单位 12 个)."""
    if same_unit(p, whole):
        return True
    return (whole.claim.unit_class == "organisation" and p.claim.unit_class == "item" and p.claim.unit == "个"
            and any(p.claim.metric.endswith(w) for w in ctx.book.rules.breakdowns.organisation_words))


def _member(members: list[list[str]], metric: str) -> Optional[int]:
    """The one member of a partition ``metric`` names, if exactly one."""
    named = [i for i, words in enumerate(members) if any(w in metric for w in words)]
    return named[0] if len(named) == 1 else None


_MEMBER_WORDS: dict[int, tuple[list, re.Pattern, dict[str, tuple[Optional[int], ...]]]] = {}
_MEMBERS_KEPT = 4096  # metrics whose answer is kept, per list


def _whole_partition(ctx: ClaimSource, parts: list[Placed]) -> bool:
    """Whether ``parts`` name every member of one partition, each once
    (rules ``breakdowns.partitions``: 基本支出…；项目支出…): the whole list,
    past a ；too, whether it adds up or not."""
    partitions = ctx.book.rules.breakdowns.partitions
    named = [members_named(partitions, p.claim.metric) for p in parts]
    return any(all(n and n[k] is not None for n in named) and
               sorted(n[k] for n in named) == list(range(len(members)))
               for k, members in enumerate(partitions))


def members_named(partitions: list[list[list[str]]], metric: str) -> tuple[Optional[int], ...]:
    """``_member(members, metric)`` for each partition of ``partitions``
    (the rules' own list), or ``()`` when ``metric`` names no member of
    any: one search for all their words first (most metrics hold none),
    compiled once per list; the answer for a metric kept (every figure of
    it asks, in several readings)."""
    got = _MEMBER_WORDS.get(id(partitions))
    if got is None or got[0] is not partitions:
        # longest first, ties in code-point order: one pattern text in every process
        words = sorted({w for members in partitions for ws in members for w in ws}, key=lambda w: (-len(w), w))
        got = _MEMBER_WORDS[id(partitions)] = (partitions, re.compile("|".join(map(re.escape, words)) if words else "(?!)"), {})
    known = got[2]
    named = known.get(metric)
    if named is None:
        if got[1].search(metric) is None:
            named = ()
        else:
            named = tuple(_member(members, metric) for members in partitions)
            named = named if any(i is not None for i in named) else ()
        if len(known) >= _MEMBERS_KEPT:
            known.clear()
        known[metric] = named
    return named


def names_the_whole(rules: BreakdownRules, names: list[str]) -> bool:
    """Whether parts of these ``names`` are the whole list by their names:
    they name every member of one of the rules' ``partitions`` (each part
    one member, each member one part: 行政编制 + 事业编制), or the last is
    the rest (其他…)."""
    if len(names) >= 2 and any(names[-1].startswith(w) for w in rules.rest_words):
        return True
    each = [members_named(rules.partitions, name) for name in names]
    if () in each:
        return False
    for j, members in enumerate(rules.partitions):
        named = [e[j] for e in each]
        if None not in named and sorted(named) == list(range(len(members))):
            return True
    return False


def lists_the_whole(rules: BreakdownRules, parts: list[Placed]) -> bool:
    """:func:`names_the_whole` of the parts' metrics."""
    return names_the_whole(rules, [p.claim.metric for p in parts])


def _scoped(ctx: ClaimSource, p: Placed, under: Optional[Placed] = None) -> bool:
    """A figure whose own words scope it (同比, 累计, 占…; a cost per unit:
    案均, 每户 — rules ``per_unit``; a period word right before it: 租金每月
    — ``breakdowns.per_period_words``) is no part (unless they are a part's
    name: 上年结转; or, ``under`` a whole named by a greater total, a
    lesser total: 收入总计 X，其中：本年收入合计 A — rules ``nested_totals``)."""
    text = p.claim.metric_text
    rules = ctx.book.rules.breakdowns
    for w in rules.part_despite:
        text = text.replace(w, "")
    if under is not None:
        for greater, lesser in rules.nested_totals:
            if greater in under.claim.metric_text:
                text = text.replace(lesser, "")
    per_unit = _per_unit_cues(ctx.book.rules.per_unit).search(text) is not None
    per_unit = per_unit or ctx.book.per_period_rate.search(text) is not None
    return bool(ctx.book.not_part.search(text)) or p.claim.qualifier == "累计" or per_unit


# id(the per-unit rules) -> (those rules, the cues of them all, as one list)
_PER_UNIT_CUES: dict[int, tuple[list, list[str]]] = {}


def _per_unit_cues(per_unit: list) -> re.Pattern:
    """One search for the cue words of every per-unit rule (案均, 每户 …)."""
    got = _PER_UNIT_CUES.get(id(per_unit))
    if got is None or got[0] is not per_unit:
        got = _PER_UNIT_CUES[id(per_unit)] = (per_unit, [cue for rule in per_unit for cue in rule.cues])
    return any_word(got[1])


def _cue_breakdowns(ctx: ClaimSource, sentences: list[Sentence], k: int) -> list[Breakdown]:
    s = sentences[k]
    out: list[Breakdown] = []
    for m in ctx.book.breakdown_cue.finditer(s.text):
        whole = _whole_before(ctx, s, m.start())
        if whole is None or (m.group(0) in ctx.book.rules.breakdowns.adjacent_cues
                             and s.text[whole.end:m.start()].strip(" ，,：:")):
            continue
        # a cue inside a bracket (X（其中 A，B），C) lists its parts in that bracket only
        end = _closing_of_open(s.text, m.start())
        parts, ended = _cue_parts(ctx, whole, s, m.end(), end, [])
        where = [s]
        if end is None and not ended and not _fits(ctx, parts, whole, near=False):
            # the list may run on after a ；(其中：A，B；C。): that reading is
            # taken where it adds up, or misses by one digit (a typo)
            longer, more = list(parts), []
            run = _runs_on(sentences, k, start=m.end())
            for s2, carried in list(zip(run, _carried(run, m.end())))[1:]:
                longer, ended = _cue_parts(ctx, whole, s2, 0, None, longer, carried)
                more.append(s2)
                if ended:
                    break
            # (after 分别用于：/ 具体为： the list is of each item to its end: A；B；C。)
            listed = m.group(0) in ctx.book.rules.breakdowns.adjacent_cues and not ended \
                and s.text[m.end():].lstrip()[:1] in ("：", ":")
            if len(longer) > len(parts) and (listed or _fits(ctx, longer, whole, near=True)
                                             or _whole_partition(ctx, longer)):
                parts, where = longer, [s] + more
        rules = ctx.book.rules.breakdowns
        selection = parts and any(w in s.text[m.end():parts[0].start] for w in rules.selection_words)
        if (m.group(0) in rules.tentative_cues or selection) and not _fits(ctx, parts, whole, near=True):
            continue  # a list that may be a selection, and does not make up the whole
        if m.group(0) in rules.selection_cues and not _fits(ctx, parts, whole, near=False):
            continue  # the main uses only (主要用于 A，B), and they do not make up the whole
        rest = ctx.book.breakdown_rest_after
        if parts and rest is not None and rest.search(where[-1].text, parts[-1].end) \
                and not _fits(ctx, parts, whole, near=False):
            continue  # …，不足部分由县级自筹: some of the whole only, and they do not make it up
        if len({_role(ctx, p.claim.metric) for p in parts} - {None}) > 1:
            continue  # a plan and its completion (其中计划投资 A，实际完成投资 B): no parts of X
        if parts:
            opened = s.text.rfind(OPEN[0], 0, m.start()), s.text.rfind(OPEN[1], 0, m.start())
            included = end is not None and _includes(ctx, s.text, max(opened))
            out.append(Breakdown([whole], parts, INCLUDED if included else m.group(0), where))
    return out


def _cue_parts(ctx: ClaimSource, whole: Placed, s: Sentence, start: int, end: Optional[int],
               parts: list[Placed], carried: int = 0) -> tuple[list[Placed], bool]:
    """``parts`` and the parts of ``whole`` that ``s`` lists from ``start``
    (to ``end``, a closing bracket), and whether the list ended in ``s``
    (by a figure no part, the whole stated again, or the parts adding up)."""
    parts = list(parts)
    whole_iv = interval_of(ctx, whole.claim)
    for p in s.placed:
        if p.start < start:
            continue
        if end is not None and p.start > end:
            return parts, True
        between = s.text[start:p.start]
        if _opened(between, carried):
            continue  # inside a bracket after a part: an aside on that part (（含…）)
        if parts and p.claim.normalized_value == whole.claim.normalized_value:
            return parts, True  # the whole stated again (到位资金186万元): the list has ended
        if parts and p.claim.unit_class == "percent" and any(
                w in p.claim.metric_text for w in ctx.book.rules.breakdowns.percent_aside_words):
            continue  # a part's share or change (A 500 万元，占 25%；B …): an aside on it
        if parts and same_unit(p, whole) and _progress(ctx, p) and not _progress(ctx, parts[-1]) \
                and not _progress(ctx, whole):
            continue  # how much of the part before was spent (A 300 万元，已支出 180 万元): an aside on it
        if not _same_count(ctx, p, whole) or _scoped(ctx, p, whole) or parts and ctx.book.breakdown_cue.search(
                _outside_brackets(between)):
            return parts, True
        if len(parts) >= 2 and holds(sum_interval(interval_of(ctx, q.claim) for q in parts), whole_iv):
            return parts, True  # the parts so far make up the whole: what follows is not one of them
        parts.append(p)
    return parts, False


def _fits(ctx: ClaimSource, parts: list[Placed], whole: Placed, near: bool) -> bool:
    """Whether two or more ``parts`` add up to ``whole`` (``near``: or miss
    it by one digit, d × 10^k, within ``near_miss_share`` of it, as a typo
    in one digit of one figure does)."""
    if len(parts) < 2:
        return False
    book = ctx.book
    if holds(sum_interval(figure_interval(p.claim, book) for p in parts), figure_interval(whole.claim, book)):
        return True
    diff = whole.claim.normalized_value - sum(p.claim.normalized_value for p in parts)
    return near and near_miss(book.rules.breakdowns, diff, whole.claim.normalized_value)


def near_miss(rules: BreakdownRules, diff: Decimal, whole: Decimal) -> bool:
    """Whether a sum missing ``whole`` by ``diff`` misses it as a typo in one
    digit of one figure does: by d × 10^k, at most ``near_miss_share`` of it."""
    return _one_digit(diff) and abs(diff) <= rules.near_miss_share * abs(whole)


def _closing_of_open(text: str, at: int) -> Optional[int]:
    """Index of the bracket closing the innermost one open at ``at``, if
    ``at`` is inside a bracket."""
    if not any(ch in text[:at] for ch in OPEN):
        return None  # no bracket opens before ``at``
    depth = 0
    for i in range(at - 1, -1, -1):
        if text[i] in CLOSE:
            depth += 1
        elif text[i] in OPEN:
            if depth == 0:
                return _closing(text, i)
            depth -= 1
    return None


def _closing(text: str, start: int) -> Optional[int]:
    """Index of the bracket closing the one opened at ``start``."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] in OPEN:
            depth += 1
        elif text[i] in CLOSE:
            depth -= 1
            if depth == 0:
                return i
    return None


def _opened(text: str, carried: int = 0) -> bool:
    """Whether ``text``, after ``carried`` brackets left open before it,
    opens more brackets than it closes (what follows it is inside one)."""
    return _depth(text, carried) > 0


def _depth(text: str, carried: int = 0) -> int:
    """How many brackets stand open after ``text``, ``carried`` open before it."""
    return carried + sum(text.count(ch) for ch in OPEN) - sum(text.count(ch) for ch in CLOSE)


def _carried(run: list[Sentence], start: int) -> list[int]:
    """For each sentence of ``run`` the brackets left open before it by the
    ones before it, from ``start`` of the first: a sentence may end inside a
    bracket (A（a 150 万元；b 260 万元）；B), its figures an aside on A."""
    out, depth = [], 0
    for s in run:
        out.append(depth)
        depth = max(_depth(s.text[start if s is run[0] else 0:], depth), 0)
    return out


def _includes(ctx: ClaimSource, text: str, open_at: int) -> bool:
    """Whether the bracket opened at ``open_at`` of ``text`` opens with a
    word of rules ``inclusion_words`` (（含 a，b）): it names some members of
    the figure before it, not all."""
    inner = text[open_at + 1:].lstrip()
    return any(inner.startswith(w) for w in ctx.book.rules.breakdowns.inclusion_words)


def _progress(ctx: ClaimSource, p: Placed) -> bool:
    """Whether ``p`` is named by a word of rules ``progress_words`` (已支出 X)."""
    return any(w in p.claim.metric_text for w in ctx.book.rules.breakdowns.progress_words)


def _paren_breakdowns(ctx: ClaimSource, sentences: list[Sentence], k: int) -> list[Breakdown]:
    """X（A，B）: the figures in the bracket right after X, in ``sentences[k]``
    or in the sentences after it up to where the bracket closes (X（A；B）：
    the sentence may end at the ；inside it)."""
    s = sentences[k]
    out: list[Breakdown] = []
    if not any(ch in s.text for ch in OPEN):
        return out  # no bracket: no figure in one
    for whole in s.placed:
        if whole.end < 0 or whole.claim.unit_class in NOT_SUMMABLE:
            continue
        rest = s.text[whole.end:]
        stripped = rest.lstrip()
        if not stripped or stripped[0] not in OPEN:
            continue
        open_at = whole.end + len(rest) - len(stripped)
        close_at = _closing(s.text, open_at)
        where = [s]
        if close_at is not None:
            inner = [p for p in s.placed if open_at < p.start and 0 <= p.end <= close_at]
        else:
            inner, where = _inside_open_bracket(sentences, k, open_at)
        # a scoped figure after an item is an aside on it (A 30 万元，比上年增加 0 万元；B …)
        items = [p for p in inner if not _scoped(ctx, p)]
        if len(items) < 2 or inner[0] is not items[0] or not all(same_unit(p, whole) for p in items):
            continue
        out.append(Breakdown([whole], items, INCLUDED if _includes(ctx, s.text, open_at) else "括号", where))
    return out


def _inside_open_bracket(sentences: list[Sentence], k: int, open_at: int) -> tuple[list[Placed], list[Sentence]]:
    """The figures inside the bracket opened at ``open_at`` of
    ``sentences[k]`` that it leaves open, in it and in the sentences its
    line runs on with up to where the bracket closes, and those sentences;
    ([], []) when it does not close there."""
    run = _runs_on(sentences, k, start=open_at)
    inner: list[Placed] = []
    depth = 0
    for j, s2 in enumerate(run):
        first = open_at if j == 0 else 0
        for i in range(first, len(s2.text)):
            ch = s2.text[i]
            if ch in OPEN:
                depth += 1
            elif ch in CLOSE:
                depth -= 1
                if depth == 0:
                    inner += [p for p in s2.placed if p.start >= first and 0 <= p.end <= i]
                    return inner, run[:j + 1]
        inner += [p for p in s2.placed if p.start >= first and p.end >= 0]
    return [], []


def _composition_breakdowns(ctx: ClaimSource, sentences: list[Sentence],
                            cue_found: list[Breakdown]) -> list[Breakdown]:
    """构成如下：A，B，C — parts of a 其中-whole stated before in the paragraph."""
    rx = ctx.book.composition_cue
    if rx is None:
        return []
    out: list[Breakdown] = []
    for s in sentences:
        m = rx.search(s.text)
        if not m:
            continue
        after = [p for p in s.placed if p.start >= m.end()]
        if len(after) < 2:
            continue
        parts = [p for p in after if same_unit(p, after[0]) and not _scoped(ctx, p)]
        wholes = [b.whole for b in cue_found if b.sentences[0].section == s.section
                  and same_unit(b.whole, after[0]) and b.whole.claim.location.start < after[0].claim.location.start]
        if len(parts) >= 2 and wholes:
            out.append(Breakdown(wholes, parts, "构成", [b.sentences[0] for b in cue_found
                                                          if b.whole is wholes[-1]] + [s]))
    return out


def _named_breakdowns(ctx: ClaimSource, sentences: list[Sentence]) -> list[Breakdown]:
    """Named compositions of the rules within one paragraph. A figure that
    names a part too is that part (基本支出中人员经费 X is 人员经费, no whole),
    a cost per unit no whole (人均基本支出), and a figure its own words scope is no part (人均人员经费 is 人员经费 over
    a headcount, 上年公用经费 another year's: :func:`_scoped`)."""
    placed = [(s, p) for s in sentences for p in s.placed]
    out: list[Breakdown] = []
    for comp in ctx.book.rules.breakdowns.compositions:
        for s, total in placed:
            if comp.total not in total.claim.metric or total.claim.unit_class in NOT_SUMMABLE \
                    or any(word in total.claim.metric for word in comp.parts) \
                    or _per_unit_cues(ctx.book.rules.per_unit).search(total.claim.metric):
                continue
            parts: list[Placed] = []
            where: list[Sentence] = [s]
            for word in comp.parts:
                found = [(s2, p) for s2, p in placed if word in p.claim.metric and p is not total
                         and same_unit(p, total) and not _scoped(ctx, p, total)]
                later = [x for x in found if x[1].claim.location.start > total.claim.location.start]
                pick = later[0] if later else (found[-1] if found else None)
                if pick is None:
                    break
                parts.append(pick[1])
                if pick[0] not in where:
                    where.append(pick[0])
            if len(parts) == len(comp.parts):
                out.append(Breakdown([total], parts, "组成", where))
    return out


def _count_of(ctx: ClaimSource, text: str) -> Optional[int]:
    try:
        value = parse_number(text, ctx.rules)
    except ValueError:
        return None
    return int(value) if value == int(value) and 2 <= value <= 20 else None


def _whole_before(ctx: ClaimSource, s: Sentence, at: int) -> Optional[Placed]:
    """The figure right before position ``at`` of ``s`` (within
    ``max_gap_chars``), if it can be a whole."""
    before = [p for p in s.placed if 0 <= p.end <= at and not _in_aside(s.text, p.end, at)]
    while len(before) > 1 and before[-1].claim.unit_class == "percent" and _scoped(ctx, before[-1]):
        before.pop()  # the whole's own change or share (X 万元，比上年下降 1.2%，其中…)
        while len(before) > 1 and not _can_be_whole(ctx, before[-1]):
            before.pop()  # and the year before's figure (X，较上年 Y 下降 z%，其中…)
    if not before:
        return None
    whole = before[-1]
    gap = _outside_brackets(s.text[whole.end:at])
    if len(gap) > ctx.book.rules.breakdowns.max_gap_chars or whole.claim.unit_class in NOT_SUMMABLE:
        return None
    return whole


def _in_aside(text: str, end: int, at: int) -> bool:
    """Whether the figure ending at ``end`` is inside a bracket that closes
    before ``at`` (X（含 a），其中…: a is an aside on X, not the whole)."""
    between = text[end:at]
    return sum(between.count(ch) for ch in CLOSE) > sum(between.count(ch) for ch in OPEN)


def _outside_brackets(text: str) -> str:
    """``text`` without what stands inside brackets."""
    if not any(ch in text for ch in OPEN + CLOSE):
        return text  # no bracket: all of it
    out, depth = [], 0
    for ch in text:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def _listed_parts(ctx: ClaimSource, whole: Placed, candidates: list[tuple[Sentence, Placed]],
                  count: int, first_sentence: Sentence) -> tuple[list[Placed], list[Sentence]]:
    """Up to ``count`` parts of ``whole`` among ``candidates``: in the cue's
    sentence every figure of the whole's unit; in a sentence after it (a
    list item) its first such figure only."""
    parts: list[Placed] = []
    where: list[Sentence] = []
    for s2, p in candidates:
        if len(parts) >= count:
            break
        if not same_unit(p, whole) or _scoped(ctx, p):
            continue
        if s2 is not first_sentence and where and where[-1] is s2:
            continue  # a list item gives one part: its first figure
        parts.append(p)
        if s2 not in where:
            where.append(s2)
    return parts, where


def _following(ctx: ClaimSource, sentences: list[Sentence], k: int, reach: int) -> list[Sentence]:
    """Up to ``reach`` sentences after ``sentences[k]`` in its section or in
    the sections under it (a list numbered 1. 2. 3. is read as headings)."""
    own = sentences[k].section
    out: list[Sentence] = []
    for s2 in sentences[k + 1:k + 1 + reach]:
        if s2.section != own and own not in ctx.section_path(s2.section):
            break
        out.append(s2)
    return out


def _counted_breakdowns(ctx: ClaimSource, sentences: list[Sentence]) -> list[Breakdown]:
    """A whole with a stated count of parts: ``X，全部用于三类：A、B、C`` (the
    parts in the sentence or listed in the sentences after it) and ``X，由
    A、B、C 和 D 四部分构成``. The count pins the parts: exactly that many
    figures of the whole's unit, else no breakdown."""
    book = ctx.book
    rules = book.rules.breakdowns
    out: list[Breakdown] = []
    # a sentence holding none of the characters a cue needs holds no cue (most hold none)
    after, before = _needs(book.counted_after), _needs(book.counted_before)
    composed = _needs(book.composed_before)
    for k, s in enumerate(sentences):
        if book.counted_after is not None and (after is None or after.search(s.text)):
            for m in book.counted_after.finditer(s.text):
                count = _count_of(ctx, m.group("count"))
                whole = _whole_before(ctx, s, m.start())
                if count is None or whole is None:
                    continue
                following = _following(ctx, sentences, k, rules.counted_reach_sentences)
                candidates = [(s, p) for p in s.placed if p.start >= m.end()]
                candidates += [(s2, p) for s2 in following for p in s2.placed]
                parts, where = _listed_parts(ctx, whole, candidates, count, s)
                if len(parts) == count:
                    out.append(Breakdown([whole], parts, "计数", [s] + [w for w in where if w is not s]))
        if book.counted_before is not None and (before is None or before.search(s.text)):
            for m in book.counted_before.finditer(s.text):
                count = _count_of(ctx, m.group("count"))
                opens = [s.text.rfind(w, 0, m.start()) for w in rules.counted_opens]
                start = max(opens, default=-1)
                if count is None or start < 0:
                    continue
                whole = _whole_before(ctx, s, start)
                if whole is None:
                    continue
                inner = [p for p in s.placed if start < p.start and 0 <= p.end <= m.start()]
                if len(inner) == count and all(same_unit(p, whole) and not _scoped(ctx, p) for p in inner):
                    out.append(Breakdown([whole], inner, "计数", [s]))
        if book.composed_before is not None and (composed is None or composed.search(s.text)):
            out += _composed(ctx, s)
    return out


def _composed(ctx: ClaimSource, s: Sentence) -> list[Breakdown]:
    """``X，由 A 和 B 构成`` (rules ``composed_before``, opened by one of
    ``counted_opens``): every figure between the open and the close, two or
    more of X's unit and none scoped, is a part, and they are all of X."""
    out: list[Breakdown] = []
    for m in ctx.book.composed_before.finditer(s.text):
        start = max((s.text.rfind(w, 0, m.start()) for w in ctx.book.rules.breakdowns.counted_opens), default=-1)
        whole = _whole_before(ctx, s, start) if start >= 0 else None
        if whole is None:
            continue
        inner = [p for p in s.placed if start < p.start and 0 <= p.end <= m.start()]
        if len(inner) < 2 or not all(same_unit(p, whole) and not _scoped(ctx, p) for p in inner):
            continue
        if any(w in s.text[whole.end:m.start()] for w in ctx.book.rules.breakdowns.selection_words) \
                and not _fits(ctx, inner, whole, near=True):
            continue  # 主要由 A 和 B 构成: the main parts, and they do not make up X
        out.append(Breakdown([whole], inner, "构成", [s]))
    return out


def _back_total_breakdowns(ctx: ClaimSource, sentences: list[Sentence]) -> list[Breakdown]:
    """A sentence opening with a total of the items before it (rules
    ``back_total``: 以上合计 X): the items are the sentences right before
    it on the lines before, each stating one figure of X's unit (none
    scoped, none in a bracket), up to ``counted_reach_sentences``. Numbered
    from 1 (each the first sentence of a section of one list: 1.A；2.B；3.C)
    they are the whole list; else the nearest run of two or more that adds
    up to X, or misses it by one digit, is."""
    rx = ctx.book.back_total
    out: list[Breakdown] = []
    if rx is None:
        return out
    reach = ctx.book.rules.breakdowns.counted_reach_sentences
    for k, s in enumerate(sentences):
        m = rx.search(s.text)
        if m is None:
            continue  # (most sentences open with no such total)
        total = next((p for p in s.placed if p.start >= m.end()), None)
        if total is None or total.claim.unit_class in NOT_SUMMABLE:
            continue
        between = s.text[m.end():total.start]
        for w in ctx.book.rules.breakdowns.back_total_words:
            between = between.replace(w, "")
        if between.strip(" \t：:，,"):
            continue  # 合计使用资金 X: another quantity, no total of the items
        items: list[tuple[int, Placed]] = []
        for j in range(k - 1, max(k - 1 - reach, -1), -1):
            s2, later = sentences[j], sentences[items[-1][0]] if items else s
            if s2.placed[-1].claim.location.end_line < later.location.line - 1:
                break  # a line between: no item of this list
            figures = [p for p in s2.placed if same_unit(p, total) and not _scoped(ctx, p)
                       and not _opened(s2.text[:max(p.start, 0)])]
            if len(figures) != 1:
                break
            items.append((j, figures[0]))
        items.reverse()
        if len(items) < 2:
            continue
        if _numbered_list(ctx, sentences, [j for j, _ in items]):
            chosen = items
        else:
            runs = [items[-n:] for n in range(2, len(items) + 1)]
            chosen = next((r for r in runs if _fits(ctx, [p for _, p in r], total, near=False)), None) \
                or next((r for r in runs if _fits(ctx, [p for _, p in r], total, near=True)), None)
        if chosen:
            out.append(Breakdown([total], [p for _, p in chosen], "分类", [sentences[j] for j, _ in chosen] + [s]))
    return out


_HEAD_END = "：:"


def _item_mark_breakdowns(ctx: ClaimSource, sentences: list[Sentence]) -> list[Breakdown]:
    """Items marked 一是, 二是 … (rules ``item_mark``) after a head ending
    with ：whose words name the one figure right before it, in its sentence
    or the sentence before (县直单位 700 万元。县直单位项目有：一是…): each
    item's one figure of that figure's unit, from its mark to the next
    mark or its sentence's end, is a part; an item stating none or more
    than one, or a figure scoped, and there is no breakdown."""
    rx = ctx.book.item_mark
    out: list[Breakdown] = []
    if rx is None:
        return out
    reach = ctx.book.rules.breakdowns.counted_reach_sentences * 2
    for k, s in enumerate(sentences):
        m = rx.search(s.text)
        if m is None or m.group("n") != "一" or s.text[:m.start()].rstrip()[-1:] not in _HEAD_END \
                or not s.text[:m.start()].strip():
            continue  # (most sentences open no list of marked items)
        head = s.text[:m.start()]
        before = [p for p in s.placed if 0 <= p.end <= m.start()]
        if not before and k > 0 and sentences[k - 1].placed[-1].claim.location.end_line >= s.location.line - 1:
            before = sentences[k - 1].placed[-1:]
        named = [p for p in before[-1:] if len(p.claim.metric) >= 2 and p.claim.metric in head
                 and p.claim.unit_class not in NOT_SUMMABLE and _can_be_whole(ctx, p)]
        if not named:
            continue
        whole = named[0]
        parts: list[Placed] = []
        where: list[Sentence] = []
        expected = 1
        for s2 in sentences[k:k + reach]:
            if s2.section != s.section:
                break
            marks = [x for x in rx.finditer(s2.text) if s2 is not s or x.start() >= m.start()]
            for j, x in enumerate(marks):
                number = _count_of(ctx, x.group("n")) if x.group("n") != "一" else 1
                if number != expected:
                    break
                end = marks[j + 1].start() if j + 1 < len(marks) else len(s2.text)
                own = [p for p in s2.placed if x.end() <= p.start < end and same_unit(p, whole)]
                if len(own) != 1 or _scoped(ctx, own[0]):
                    parts = []
                    break
                parts.append(own[0])
                if s2 not in where:
                    where.append(s2)
                expected += 1
            else:
                continue
            break
        words = head[whole.end:] if whole in s.placed else head
        if any(w in words for w in ctx.book.rules.breakdowns.item_selection_words) \
                and not _fits(ctx, parts, whole, near=False):
            continue  # a selection (主要用于：/ 重点保障了以下工作：) that does not make up the whole
        if len(parts) >= 2:
            out.append(Breakdown([whole], parts, "其中", [x for x in sentences[max(k - 1, 0):k + 1]
                                                            if whole in x.placed] + where))
    return out


def _score_role(rules: BreakdownRules, p: Placed) -> Optional[int]:
    """The role (rules ``score_roles``: 分值 | 得分) of a score's name, -1
    for none, None for a score named by ``score_not_words`` or both roles."""
    text = p.claim.metric_text
    if any(w in text for w in rules.score_not_words):
        return None
    # (各项得分：预算编制9.5分: the list's head names the role of them all,
    # not of its first item only)
    text = text[max(text.rfind("："), text.rfind(":")) + 1:]
    named = {i for i, words in enumerate(rules.score_roles) if any(w in text for w in words)}
    return named.pop() if len(named) == 1 else (-1 if not named else None)


def _score_parts(rules: BreakdownRules, whole: Placed, scores: list[Placed]) -> list[Placed]:
    """Of ``scores`` those of ``whole``'s role (of their one role, when the
    whole names none), two or more; else []."""
    roles = [_score_role(rules, p) for p in scores]
    role = _score_role(rules, whole)
    if role is None or None in roles:
        return []
    if role == -1:
        if len(set(roles)) != 1:
            return []  # 分值 and 得分 mixed, the total naming neither
        role = roles[0]
    parts = [p for p, r in zip(scores, roles) if r == role]
    return parts if len(parts) >= 2 and all(p.claim.unit == whole.claim.unit for p in parts) else []


def _score_breakdowns(ctx: ClaimSource, sentences: list[Sentence]) -> list[Breakdown]:
    """Scores that add up (rules ``score_roles``): the scores of a role
    before a total in their sentence (A 得分 46 分，B 得分 27 分，合计 73 分),
    and a section heading's score against its sub-sections' (一、投入（分值
    18 分，自评得 18 分）over (一)…（分值 10 分…）(二)…（分值 8 分…）), where
    every sub-section's heading states one of that role."""
    rules = ctx.book.rules.breakdowns
    out: list[Breakdown] = []
    if not rules.score_roles:
        return out
    # (the joined list compiled once per rule set: any_word keeps one pattern per list object)
    closing = ctx.rules.derived("checks.breakdowns.score_closing",
                                lambda: any_word(rules.closing_words + rules.score_total_words))
    heads: dict[Optional[str], tuple[Sentence, list[Placed]]] = {}
    seen: set[Optional[str]] = set()
    previous: Optional[Placed] = None  # the score closing the sentence before, if it closes it
    previous_scores: list[Placed] = []  # the scores of the sentence before, when it states scores only
    run: list[Placed] = []  # the scores of the list items before, parted by ；
    run_sentences: list[Sentence] = []
    last_sentence: Optional[Sentence] = None
    for s in sentences:
        first = s.section not in seen
        seen.add(s.section)
        # (a bound is no score given: 90分（含）以上为优)
        scores = [p for p in s.placed if p.claim.unit_class == "score" and p.claim.operator is None
                  and (p.claim.qualifier is None or p.claim.qualifier in rules.whole_words)]  # (累计97分: a total)
        if not scores:
            previous, previous_scores, run = None, [], []
            continue  # (most sentences state no score)
        if last_sentence is None or last_sentence.section != s.section \
                or last_sentence.placed[-1].claim.location.end_line < s.location.line - 1:
            previous, previous_scores, run = None, [], []
        # (A9.5分；B19分；C38分，合计…: the list's items run on over its ；)
        carried = run if last_sentence is not None and last_sentence.text.rstrip().endswith(("；", ";")) else []
        if s.section not in heads:
            heads[s.section] = (s, _heading_scores(ctx, s) if first else [])
        if len(scores) == 1 and previous_scores and ctx.book.back_total is not None \
                and ctx.book.back_total.search(s.text) and last_sentence is not None \
                and last_sentence.section == s.section:
            # 预算编制9.5分；…履职效益29分。以上四项累计97.0分: the scores of
            # the sentence right before, totalled
            # (预算编制9.1分（满分10分）；…: the items' own scores, not the
            # maxima beside them, when the total names no role)
            roles = [_score_role(rules, p) for p in previous_scores]
            named = [p for p, r in zip(previous_scores, roles) if r == -1]
            mixed = _score_role(rules, scores[0]) == -1 and None not in roles and len(named) >= 2
            parts = _score_parts(rules, scores[0], named if mixed else previous_scores)
            if parts:
                out.append(Breakdown([scores[0]], parts, "分类", [last_sentence, s]))
        for k, total in enumerate(scores):
            if k + len(carried) >= 2 and closing.search(total.claim.metric_text):
                parts = _score_parts(rules, total, carried +
                                     [p for p in scores[:k] if not _in_aside(s.text, p.end, total.start)])
                if parts:
                    out.append(Breakdown([total], parts, "分类", [s] if not carried else run_sentences + [s]))
                break
        cue = ctx.book.breakdown_cue.search(s.text) if len(scores) >= 2 else None
        before = [p for p in scores if cue is not None and 0 <= p.end <= cue.start()]
        whole = before[-1] if before and not _in_aside(s.text, before[-1].end, cue.start()) else None
        where = [s]
        if whole is not None and len(_outside_brackets(s.text[whole.end:cue.start()])) > rules.max_gap_chars:
            whole = None
        if cue is not None and whole is None and previous is not None and ctx.book.lead_pin is not None \
                and ctx.book.lead_pin.search(s.text) and cue.start() < 3:
            # 项目总得分 95.5 分。其中：产出指标得分 48 分，…
            whole, where = previous, [last_sentence, s]
        if whole is not None and _score_role(rules, whole) not in (None, -1):
            # 自评得分 92 分，其中产出指标得分 46 分、…: some or all of its parts
            after = [p for p in scores if p.start >= cue.end() and not _opened(s.text[cue.end():p.start])]
            parts = _score_parts(rules, whole, after)
            if parts:
                out.append(Breakdown([whole], parts, "其中", where))
        previous = s.placed[-1] if s.placed[-1] is scores[-1] and len(scores) == 1 else None
        only_scores = len(scores) == len(s.placed)
        whole_run = carried + scores if only_scores else []
        previous_scores = whole_run if len(whole_run) >= 2 else []
        if whole_run and s.text.rstrip().endswith(("；", ";")):
            run_sentences = (run_sentences if carried else []) + [s]
            run = whole_run
        else:
            run, run_sentences = [], []
        last_sentence = s
    children: dict[str, list[str]] = {}
    for sec in ctx.report.sections:
        if sec.parent is not None:
            children.setdefault(sec.parent, []).append(sec.id)
    for parent, kids in children.items():
        if len(kids) < 2 or parent not in heads or not all(kid in heads for kid in kids):
            continue
        for whole in heads[parent][1]:
            role = _score_role(rules, whole)
            below = [[p for p in heads[kid][1] if _score_role(rules, p) == role] for kid in kids]
            if role is None or role == -1 or any(len(b) != 1 for b in below):
                continue
            parts = [b[0] for b in below]
            if all(p.claim.unit == whole.claim.unit for p in parts):
                out.append(Breakdown([whole], parts, "分类", [heads[parent][0]] + [heads[kid][0] for kid in kids]))
    return out


def _heading_scores(ctx: ClaimSource, s: Sentence) -> list[Placed]:
    """The scores in the bracket right after the short name opening ``s``
    (投入（分值 18 分，自评得 18 分）…): a section's heading, one per role."""
    reach = ctx.book.rules.breakdowns.score_heading_chars
    opened = [i for i in (s.text.find(ch, 0, reach + 1) for ch in OPEN) if i > 0]
    if not opened or any(ch in s.text[:min(opened)] for ch in "，,。；;：:"):
        return []
    close = _closing(s.text, min(opened))
    if close is None:
        return []
    inside = [p for p in s.placed if min(opened) < p.start and 0 <= p.end <= close and p.claim.unit_class == "score"]
    return inside if len({_score_role(ctx.book.rules.breakdowns, p) for p in inside}) == len(inside) else []


def _numbered_list(ctx: ClaimSource, sentences: list[Sentence], at: list[int]) -> bool:
    """Whether the sentences at ``at`` each open a section of one list (one
    parent, one marker style), or each opens with its item's number (rules
    ``item_number``), numbered 1, 2, 3 … in order."""
    rx = ctx.book.item_number
    if rx is not None:
        numbers = [rx.search(sentences[j].text) for j in at]
        if all(numbers) and [int(m.group("n") or m.group("d")) for m in numbers] == list(range(1, len(at) + 1)):
            return True
    by_id = {sec.id: sec for sec in ctx.report.sections}
    secs = []
    for j in at:
        sec = by_id.get(sentences[j].section)
        if sec is None or j > 0 and sentences[j - 1].section == sentences[j].section:
            return False
        secs.append(sec)
    return (secs[0].ordinal == 1 and all(a.parent == secs[0].parent and a.style == secs[0].style
                                         for a in secs)
            and [a.ordinal for a in secs] == list(range(1, len(secs) + 1)))


def _needs(pattern: Optional[re.Pattern]) -> Optional[re.Pattern]:
    """A search for the characters of which every match of ``pattern``
    reads one (:func:`~extract.pattern_needs.needed_chars`); None when
    there is no pattern or it needs none known."""
    needed = needed_chars(pattern) if pattern is not None else None
    return any_char(needed) if needed is not None else None


def _runs_on(sentences: list[Sentence], k: int, lead=None, start: int = 0) -> list[Sentence]:
    """``sentences[k]`` and the sentences its line runs on with after a ；
    (one list: 其中：A，比上年减少 a；B，比上年减少 b；C。) or inside a bracket
    left open (from ``start`` of the first: A（a；b。）B), up to one that
    opens a list of its own (``lead``: 收入包括：A；支出包括：B)."""
    out = [sentences[k]]
    depth = max(_depth(sentences[k].text[start:]), 0)
    while (k + 1 < len(sentences) and (sentences[k].text.rstrip()[-1:] in "；;" or depth > 0)
           and sentences[k + 1].section == sentences[k].section
           and sentences[k + 1].location.line <= sentences[k].placed[-1].claim.location.end_line + 1
           and not (lead is not None and lead.search(sentences[k + 1].text))):
        k += 1
        out.append(sentences[k])
        depth = max(_depth(sentences[k].text, depth), 0)
    return out


def _lead_parts(ctx: ClaimSource, run: list[Sentence], start: int, like: Optional[Placed] = None) -> list[Placed]:
    """The parts of a list opening ``run[0]`` at ``start``: the figures of
    the first part's unit (or ``like``'s), none scoped (a 比上年减少 figure after a part is
    its aside, not a part), up to a total (合计 …) or the run's end. A
    part's own 其中 list (C 300，其中：c1 100；c2 200) is a level below:
    its figures are no parts, up to where they make up that part."""
    book = ctx.book
    parts: list[Placed] = []
    below: Optional[tuple[Placed, list[Placed]]] = None
    for s, carried in zip(run, _carried(run, start)):
        mark = start if s is run[0] else 0
        for p in s.placed:
            if s is run[0] and p.start < start or p.claim.unit_class in NOT_SUMMABLE \
                    or like is not None and not same_unit(p, like):
                continue
            if parts and not same_unit(p, parts[0]) or _scoped(ctx, p):
                continue
            if parts and _opened(s.text[start if s is run[0] else 0:p.start], carried):
                continue  # inside a bracket after a part: an aside on that part (（其中 a 16 个）)
            if parts and below is None and book.breakdown_cue.search(_outside_brackets(s.text[mark:p.start])):
                below = (parts[-1], [])
            mark = p.start
            if below is not None:
                below[1].append(p)
                if holds(sum_interval(figure_interval(q.claim, book) for q in below[1]),
                         figure_interval(below[0].claim, book)):
                    below = None
                continue
            parts.append(p)
    return parts


def _partition_parts(ctx: ClaimSource, s: Sentence) -> list[Placed]:
    """The figures of ``s`` naming, one each, every member of a partition of
    the rules (当年财政拨款 A，上年结转 B): a scoped figure too when its name
    is a member's (上年结转 is this year's money)."""
    partitions = ctx.book.rules.breakdowns.partitions
    summable = [(p, e) for p in s.placed if p.claim.unit_class not in NOT_SUMMABLE
                for e in (members_named(partitions, p.claim.metric),) if e]
    if not summable:
        return []
    for j, members in enumerate(partitions):
        named = [(p, e[j]) for p, e in summable if e[j] is not None]
        if sorted(i for _, i in named) == list(range(len(members))) and all(
                same_unit(p, named[0][0]) for p, _ in named):
            return [p for p, _ in named]
    return []


def _can_be_whole(ctx: ClaimSource, p: Placed) -> bool:
    """No words scope ``p`` but those that leave it a whole (累计, 合计)."""
    keep = ctx.book.rules.breakdowns.whole_words
    return all(m.group(0) in keep for m in ctx.book.not_part.finditer(p.claim.metric_text))


def _closed_parts(ctx: ClaimSource, s: Sentence) -> tuple[list[Placed], Optional[Placed]]:
    """The figures of ``s`` before one named as their total (合计 C), and
    that total: A、B，合计 C. A figure in a bracket after a part is an aside
    on it (A（其中 a）、B，合计 C)."""
    words = ctx.book.rules.breakdowns.closing_words
    for k, total in enumerate(s.placed):
        if k >= 2 and any_word(words).search(total.claim.metric_text):
            parts = [p for p in s.placed[:k] if same_unit(p, total) and not _scoped(ctx, p)
                     and not _in_aside(s.text, p.end, total.start)]
            return (parts, total) if len(parts) >= 2 else ([], None)
    return [], None


def _pinned_before(ctx: ClaimSource, sentences: list[Sentence], k: int) -> Optional[Placed]:
    """The whole a list opening ``sentences[k]`` with a cue of rules
    ``lead_pin`` refers to: the figure closing the sentence before, on the
    line before at most, that can be a whole and is the only one there of
    its unit (支出 600 万元。其中：A，B). Words after the sentence's last
    figure state no figure and leave its subject (…下降 2.8%，主要原因是接待
    减少。其中：A，B)."""
    prev = _pinning_sentence(ctx, sentences, k)
    if prev is None:
        return None
    whole = _whole_before(ctx, prev, max(max(p.end for p in prev.placed), 0) or len(prev.text))
    if whole is None or not _can_be_whole(ctx, whole):
        return None
    # the only figure of its unit there that can be a whole (预算 A，支出 B，结转 C。
    # 其中… may be of any of them)
    rivals = [p for p in prev.placed if p is not whole and same_unit(p, whole) and _can_be_whole(ctx, p)
              and not _scoped(ctx, p)]
    # (支出 600 万元。收入包括：A，B names the other kind of money: no list of the 支出)
    lead = ctx.book.lead_pin.search(sentences[k].text).group(0)
    named, own = _kind(ctx, lead), _kind(ctx, whole.claim.metric)
    return None if rivals or named is not None and own is not None and named != own else whole


def _whole_near(ctx: ClaimSource, parts: list[Placed], candidates: list[Placed]) -> Optional[Placed]:
    """Among ``candidates`` (nearest first) the whole of ``parts``: the
    first that holds, else the nearest within ``near_miss_share`` of their
    sum, else None."""
    book = ctx.book
    total = sum_interval(figure_interval(p.claim, book) for p in parts)
    fitting = [w for w in candidates if same_unit(w, parts[0]) and _can_be_whole(ctx, w)]
    for w in fitting:
        if holds(total, figure_interval(w.claim, book)):
            return w
    nominal = sum(p.claim.normalized_value for p in parts)
    near = [(abs(w.claim.normalized_value - nominal), k, w) for k, w in enumerate(fitting)
            if near_miss(book.rules.breakdowns, w.claim.normalized_value - nominal, w.claim.normalized_value)]
    return min(near, key=lambda t: t[:2])[2] if near else None


def _one_digit(diff: Decimal) -> bool:
    """Whether ``diff`` is d × 10^k (what a typo in one digit of one figure
    changes a sum by)."""
    return diff != 0 and len(abs(diff).normalize().as_tuple().digits) == 1


def _role(ctx: ClaimSource, metric: str) -> Optional[int]:
    """The role (rules ``roles``) whose word stands last in ``metric``,
    source names that hold one left out (rules ``roleless_sources``)."""
    sources = ctx.rules.derived("checks.breakdowns.roleless_sources", lambda: re.compile(
        "|".join(map(re.escape, sorted(ctx.book.rules.breakdowns.roleless_sources, key=len, reverse=True))))
        if ctx.book.rules.breakdowns.roleless_sources else None)
    if sources is not None:
        metric = sources.sub("", metric)
    last = [(metric.rfind(w), i) for i, words in enumerate(ctx.book.rules.breakdowns.roles) for w in words]
    at, role = max(last, default=(-1, None))
    return role if at >= 0 else None


def _kind(ctx: ClaimSource, metric: str) -> Optional[int]:
    """The one kind of money (rules ``kinds``: 收入 | 支出) ``metric`` names, if one."""
    named = {i for i, words in enumerate(ctx.book.rules.breakdowns.kinds) if any(w in metric for w in words)}
    return named.pop() if len(named) == 1 else None


def _lead_breakdowns(ctx: ClaimSource, sentences: list[Sentence], found: list[Breakdown]) -> list[Breakdown]:
    """A list opening its sentence (rules ``lead_cue``) or naming a
    partition, with its whole stated just before it or after its parts."""
    book = ctx.book
    listed = {id(p.claim) for b in found for p in b.parts}
    out: list[Breakdown] = []
    k = 0
    while k < len(sentences):
        s = sentences[k]
        m = book.lead_cue.search(s.text) if book.lead_cue is not None else None
        run = _runs_on(sentences, k, book.lead_cue) if m else [s]
        partition = [] if m else _partition_parts(ctx, s)
        # a whole the words pin: the sentence before a 其中 opening this one, or a 合计 closing it
        pinned = _pinned_before(ctx, sentences, k) if m else None
        if partition:
            parts = partition
        elif m:
            parts = _lead_parts(ctx, run, m.end())
        else:
            parts, pinned = _closed_parts(ctx, s)
        # a partition pins its parts; else they are of one role (not a budget and its spending)
        roles = set() if partition else {_role(ctx, p.claim.metric) for p in parts} - {None}
        if m and len(parts) == 1 and len(run) == 1 and id(parts[0].claim) not in listed:
            items = _item_breakdown(ctx, sentences, k, parts[0], _before(ctx, sentences, k, parts)[::-1])
            if items is not None and not any(id(p.claim) in listed for p in items.parts):
                out.append(items)
                listed |= {id(p.claim) for p in items.parts}
                k += len(items.sentences)
                continue
        if len(parts) < 2 or len(roles) > 1 or any(id(p.claim) in listed for p in parts):
            k += 1
            continue
        used = run
        if m and pinned is not None and same_unit(pinned, parts[0]) and not _fits(ctx, parts, pinned, near=True):
            # the list is of the whole its 其中 follows: it ends at the ；after
            # which it no longer makes that whole up (…；年末结转结余 C is no 支出)
            shorter = next((run[:j] for j in range(len(run) - 1, 0, -1)
                            if _fits(ctx, _lead_parts(ctx, run[:j], m.end()), pinned, near=False)), None)
            if shorter is not None:
                parts, used = _lead_parts(ctx, shorter, m.end()), shorter
        ids = {id(p.claim) for p in parts}
        after = [p for s2 in used for p in s2.placed if id(p.claim) not in ids
                 and p.claim.location.start > parts[0].claim.location.start]
        candidates = after + _before(ctx, sentences, k, parts)[::-1]
        extra = [p for p in s.placed if id(p.claim) not in ids and same_unit(p, parts[0])]
        if partition and extra:
            # another figure beside a partition's members is its whole or a
            # part the partition does not know (收回 5 万元): never a whole further off
            candidates = extra
        # (count, amount) pairs (其中：A 30 个，资金 700 万元；B 5 个，资金 150 万元):
        # the amounts are parts too, of the amount total
        paired = _paired_parts(ctx, run, m.end(), parts) if m else []
        first: Optional[Placed] = None
        for group in [parts] + ([paired] if paired else []):
            whole = _whole_near(ctx, group, candidates)
            # the whole the words pin, of the group's unit (救助 50 人，资金 8 万元。其中：…)
            pin = pinned if pinned is None or same_unit(pinned, group[0]) else \
                _pinned_of_unit(ctx, sentences, k, group[0])
            own = pin is not None and same_unit(pin, group[0]) \
                and id(pin.claim) not in {id(p.claim) for p in group}
            if own and (whole is None or m and _kind(ctx, whole.claim.metric) != _kind(ctx, pin.claim.metric)
                        and {_kind(ctx, p.claim.metric) for p in group} == {_kind(ctx, pin.claim.metric)} - {None}):
                # no other whole, or the list opened by 其中 after the pinned whole
                # is of its kind (支出), not of the other's
                whole = pin
            if whole is None and first is not None:
                # the amounts' whole is paired with the counts' (共 40 个，资金 900 万元)
                whole = _pair_of(ctx, sentences[:k + 1], first, group[0])
            if whole is None:
                break
            # a whole pinned beside another figure (救助 50 人，资金 8 万元。其中：…) is
            # as a cue's: parts of a count may be a selection of it
            form = "其中" if whole is pin and pin is not pinned else "分类"
            out.append(Breakdown([whole], group, form, [x for x in sentences[:k] if whole in x.placed] + used))
            listed |= {id(p.claim) for p in group}
            if not _fits(ctx, group, whole, near=False) and not (group is parts and _over(ctx, group, whole)):
                break  # the counts may be a selection: so may the amounts (unless they count too many)
            first = whole
        else:
            if m and pinned is not None and not paired:
                out += _pinned_groups(ctx, sentences, k, run, m.end(), parts, listed)
        k += len(run)
    return out


def _over(ctx: ClaimSource, parts: list[Placed], whole: Placed) -> bool:
    """Whether ``parts`` add up to more than ``whole`` (no selection of it)."""
    return sum_interval(interval_of(ctx, p.claim) for p in parts).lo > interval_of(ctx, whole.claim).hi


def _pinning_sentence(ctx: ClaimSource, sentences: list[Sentence], k: int) -> Optional[Sentence]:
    """The sentence before ``sentences[k]`` where that one opens with a cue
    of rules ``lead_pin`` (其中：…), in its section and on the line before
    at most: the sentence whose figure the list is of."""
    s = sentences[k]
    if ctx.book.lead_pin is None or k == 0 or not ctx.book.lead_pin.search(s.text):
        return None
    prev = sentences[k - 1]
    if prev.section != s.section or prev.placed[-1].claim.location.end_line < s.location.line - 1:
        return None
    return prev


def _pinned_of_unit(ctx: ClaimSource, sentences: list[Sentence], k: int, like: Placed) -> Optional[Placed]:
    """The one figure of ``like``'s unit that can be a whole in the sentence
    before a list ``sentences[k]`` opens with a cue of rules ``lead_pin``
    (on the line before at most): the whole of that unit the words pin."""
    prev = _pinning_sentence(ctx, sentences, k)
    if prev is None:
        return None
    one = [p for p in prev.placed if same_unit(p, like) and _can_be_whole(ctx, p) and not _scoped(ctx, p)]
    return one[0] if len(one) == 1 else None


def _pinned_groups(ctx: ClaimSource, sentences: list[Sentence], k: int, run: list[Sentence], start: int,
                   parts: list[Placed], listed: set[int]) -> list[Breakdown]:
    """The figures of each other unit a pinned list states beside its parts
    (其中：A 12 人，支出 1.5 万元；B 8 人，救助天数 90 天，支出 4.1 万元), two
    or more of it, as parts of the one figure of that unit the sentence
    before states (救助 50 人，投入资金 8 万元。其中：…); a unit without one
    there (天) has no whole."""
    ids = {id(p.claim) for p in parts}
    out: list[Breakdown] = []
    done: list[Placed] = [parts[0]]
    for s2 in run:
        for p in s2.placed:
            if (s2 is run[0] and p.start < start or id(p.claim) in ids or p.claim.unit_class in NOT_SUMMABLE
                    or any(same_unit(p, q) for q in done)):
                continue
            done.append(p)
            whole = _pinned_of_unit(ctx, sentences, k, p)
            if whole is None:
                continue
            group = [q for q in _lead_parts(ctx, run, start, like=p) if id(q.claim) not in listed]
            if len(group) >= 2:
                out.append(Breakdown([whole], group, "其中", [sentences[k - 1]] + run))
                listed |= {id(q.claim) for q in group}
    return out


def _pair_of(ctx: ClaimSource, sentences: list[Sentence], whole: Placed, like: Placed) -> Optional[Placed]:
    """The one figure of ``like``'s unit beside ``whole`` in its sentence
    that can be a whole, if exactly one."""
    s = next((x for x in sentences if whole in x.placed), None)
    if s is None:
        return None
    beside = [p for p in s.placed if same_unit(p, like) and _can_be_whole(ctx, p) and not _scoped(ctx, p)]
    return beside[0] if len(beside) == 1 else None


def _paired_parts(ctx: ClaimSource, run: list[Sentence], start: int, parts: list[Placed]) -> list[Placed]:
    """The figures of one other unit that pair with ``parts``, one after
    each part and before the next (其中：A 30 个，资金 700 万元；B 5 个，资金
    150 万元), none scoped; [] when they do not pair one to one."""
    ids = {id(p.claim) for p in parts}
    others = [p for s in run for p in s.placed if (s is not run[0] or p.start >= start) and id(p.claim) not in ids
              and p.claim.unit_class not in NOT_SUMMABLE and not same_unit(p, parts[0]) and not _scoped(ctx, p)
              and not _opened(s.text[start if s is run[0] else 0:p.start])]
    if len(others) != len(parts) or not all(same_unit(p, others[0]) for p in others):
        return []
    at = [p.claim.location.start for p in parts] + [None]
    for k, p in enumerate(others):
        if p.claim.location.start < at[k] or at[k + 1] is not None and p.claim.location.start > at[k + 1]:
            return []
    return others


def _before(ctx: ClaimSource, sentences: list[Sentence], k: int, parts: list[Placed]) -> list[Placed]:
    """The figures before ``parts`` that may be their whole: in the
    sentences of ``sentences[k]``'s section within ``lead_reach_lines``
    lines before it, and before the first part in it."""
    s = sentences[k]
    reach = ctx.book.rules.breakdowns.lead_reach_lines
    ids = {id(p.claim) for p in parts}
    before = [p for s2 in sentences[:k] if s2.section == s.section
              and s2.placed[-1].claim.location.end_line >= s.location.line - reach for p in s2.placed]
    return before + [p for p in s.placed if id(p.claim) not in ids
                     and p.claim.location.start < parts[0].claim.location.start]


def _item_breakdown(ctx: ClaimSource, sentences: list[Sentence], k: int, first: Placed,
                    candidates: list[Placed]) -> Optional[Breakdown]:
    """A list opened by a lead cue whose items are sentences (其中：A 500 元，
    占 x%。B 300 元，占 y%。): ``first`` and the first figure of its unit
    in each sentence after ``sentences[k]``, up to the first run of them
    that makes up (or misses by one digit) one of ``candidates``."""
    items, where = [first], [sentences[k]]
    for s2 in _following(ctx, sentences, k, ctx.book.rules.breakdowns.counted_reach_sentences):
        item = next((p for p in s2.placed if p.claim.unit_class not in NOT_SUMMABLE), None)
        if item is None or not same_unit(item, first) or _scoped(ctx, item):
            return None
        items.append(item)
        where.append(s2)
        whole = _whole_near(ctx, items, candidates)
        if whole is not None:
            return Breakdown([whole], items, "分类", [x for x in sentences[:k] if whole in x.placed] + where)
    return None


def _change_of(ctx: ClaimSource, s: Sentence, figure: Placed, until: int) -> Optional[tuple[int, Optional[Placed]]]:
    """The change on the year before that ``s`` states of ``figure`` before
    position ``until``: (direction, its figure), (-1, None) for 持平, None
    for no change stated."""
    rules = ctx.book.rules.breakdowns
    for p in s.placed:
        if p.start <= figure.start or p.start >= until:
            continue
        if same_unit(p, figure):
            way = [k for k, words in enumerate(rules.change_words) if any(w in p.claim.metric_text for w in words)]
            if len(way) == 1:
                return way[0], p
    rest = s.text[figure.end:until if until < len(s.text) else len(s.text)]
    if any(w in rest for w in rules.unchanged_words):
        return -1, None
    return None


def _change_breakdowns(ctx: ClaimSource, found: list[Breakdown]) -> list[Breakdown]:
    """Of each breakdown whose whole and parts each state their change on
    the year before in one direction, the changes as a breakdown too."""
    out: list[Breakdown] = []
    for b in found:
        if len(b.parts) < 2:
            continue
        where = {id(p.claim): s for s in b.sentences for p in s.placed}
        whole_s = where.get(id(b.whole.claim))
        if whole_s is None:
            continue
        starts = [p.start for p in whole_s.placed if p.start > b.whole.start and id(p.claim) in
                  {id(q.claim) for q in b.parts}]
        whole_change = _change_of(ctx, whole_s, b.whole, min(starts, default=len(whole_s.text)))
        if whole_change is None or whole_change[1] is None:
            continue
        parts: list[Placed] = []
        for k, p in enumerate(b.parts):
            s = where.get(id(p.claim))
            if s is None:
                break
            nxt = [q.start for q in b.parts[k + 1:] if where.get(id(q.claim)) is s]
            change = _change_of(ctx, s, p, min(nxt, default=len(s.text)))
            if change is None or change[0] not in (-1, whole_change[0]):
                break
            if change[1] is not None:
                parts.append(change[1])
        else:
            if len(parts) >= 2:
                out.append(Breakdown([whole_change[1]], parts, "变动", b.sentences))
    return out


def _aside_of(s: Sentence, p: Placed) -> Optional[Placed]:
    """The one figure of ``p``'s unit in a bracket right after ``p``, with
    its name (A 400 万元（其中中央资金 240 万元）)."""
    rest = s.text[p.end:]
    if p.end < 0 or not rest.lstrip()[:1] or rest.lstrip()[0] not in OPEN:
        return None
    open_at = p.end + len(rest) - len(rest.lstrip())
    close_at = _closing(s.text, open_at)
    inner = [q for q in s.placed if open_at < q.start and close_at is not None and 0 <= q.end <= close_at]
    return inner[0] if len(inner) == 1 and same_unit(inner[0], p) and inner[0].claim.metric else None


def _aside_breakdowns(ctx: ClaimSource, found: list[Breakdown]) -> list[Breakdown]:
    """Of each breakdown whose whole and parts each carry an aside of one
    name in a bracket (A 400（其中设备 150），B 250（其中设备 90），合计 650
    （其中设备 240）), the asides as a breakdown too."""
    out: list[Breakdown] = []
    for b in found:
        where = {id(p.claim): s for s in b.sentences for p in s.placed}
        figures = [b.whole] + b.parts
        if len(b.parts) < 2 or any(id(p.claim) not in where for p in figures):
            continue
        asides = [_aside_of(where[id(p.claim)], p) for p in figures]
        if None in asides or len({a.claim.metric for a in asides}) != 1:
            continue
        out.append(Breakdown([asides[0]], asides[1:], "分类", b.sentences))
    return out


def find_breakdowns(ctx: ClaimSource) -> list[Breakdown]:
    """Every stated breakdown of the text, each once."""
    by_section: dict[Optional[str], list[Sentence]] = {}
    for s in ctx.sentences:
        by_section.setdefault(s.section, []).append(s)
    found: list[Breakdown] = []
    for sentences in by_section.values():
        cue = [b for k in range(len(sentences)) for b in _cue_breakdowns(ctx, sentences, k)]
        found.extend(cue)
        found.extend(b for k in range(len(sentences)) for b in _paren_breakdowns(ctx, sentences, k))
        found.extend(_composition_breakdowns(ctx, sentences, cue))
        found.extend(_named_breakdowns(ctx, sentences))
        found.extend(_lead_breakdowns(ctx, sentences, found))
        found.extend(_item_mark_breakdowns(ctx, sentences))
    found.extend(_counted_breakdowns(ctx, ctx.sentences))
    found.extend(_back_total_breakdowns(ctx, ctx.sentences))
    found.extend(_score_breakdowns(ctx, ctx.sentences))
    found.extend(_change_breakdowns(ctx, found))
    found.extend(_aside_breakdowns(ctx, found))
    # a whole whose parts a stated count pins is judged on those parts only
    counted = {id(b.whole.claim) for b in found if b.form == "计数"}
    found = [b for b in found if b.form == "计数" or id(b.whole.claim) not in counted]
    seen: set[tuple] = set()
    out: list[Breakdown] = []
    for b in found:
        key = (tuple(w.claim.location.start for w in b.wholes),
               tuple(sorted(p.claim.location.start for p in b.parts)))
        if key not in seen:
            seen.add(key)
            _mark_open_end(ctx, b)
            out.append(b)
    return out


def _mark_open_end(ctx: ClaimSource, b: Breakdown) -> None:
    """Mark ``b`` open where the words right after its last part leave the
    list open (rules ``open_after``: 等, 其余用于…), and note a figure
    right after it named by one of ``further_words`` (另有 X) as a possible
    further part."""
    if not b.parts:
        return
    last = b.parts[-1]
    s = next((t for t in reversed(b.sentences) if any(q is last for q in t.placed)), None)
    if s is None or last.end < 0:
        return
    rx = ctx.book.breakdown_open_after
    after = s.text[last.end:]
    if rx is not None and rx.search(after):
        b.open = True
    words = ctx.book.rules.breakdowns.further_words
    nxt = next((q for q in s.placed if q.start > last.end), None)
    if words and nxt is not None and same_unit(nxt, last) and nxt not in b.wholes and \
            any(w in s.text[last.end:nxt.start] for w in words):
        b.further = [nxt]




@dataclass
class Balance:
    """A stock rolled forward in one sentence: ``opening`` + ``inflows`` −
    ``outflows`` = ``closing``."""

    opening: Placed
    inflows: list[Placed]
    outflows: list[Placed]
    closing: Placed
    sentence: Sentence


def find_balances(ctx: ClaimSource) -> list[Balance]:
    """Every stock the text rolls forward within one sentence (rules
    ``balances``): one opening and one closing figure of the stock and the
    flows between, each figure of their unit before the closing one named
    as the opening or a flow."""
    out: list[Balance] = []
    for rule in ctx.book.rules.breakdowns.balances:
        stock = any_word(rule.stock)
        for s in ctx.sentences:
            stocked = [p for p in s.placed if stock.search(p.claim.metric)]
            if not stocked:
                continue  # most sentences name no stock
            opening = [p for p in stocked if _names(p, rule.opening)]
            closing = [p for p in stocked if _names(p, rule.closing) and not _names(p, rule.opening)]
            if len(opening) != 1 or not closing:
                continue
            first, last = opening[0], closing[0]
            if last.start < first.start:
                continue
            inflows: list[Placed] = []
            outflows: list[Placed] = []
            for p in s.placed:
                if p is first or p.start > last.start or p is last or not same_unit(p, first):
                    continue
                into, out_of = _names(p, rule.inflow), _names(p, rule.outflow)
                if into == out_of:
                    break  # a figure neither (or both): a flow of its own, or no flow
                (inflows if into else outflows).append(p)
            else:
                if (inflows or outflows) and same_unit(last, first):
                    out.append(Balance(first, inflows, outflows, last, s))
    return out


@dataclass
class Identity:
    """Two sums the domain says are equal: ``left`` and ``right``, one
    figure per term of the rule, found in ``sentences``."""

    left: list[Placed]
    right: list[Placed]
    sentences: list[Sentence]


def find_identities(ctx: ClaimSource, breakdowns: list[Breakdown]) -> list[Identity]:
    """Every identity of rules ``identities`` the text states the terms of:
    from a figure of the first term, within ``identity_reach_sentences``
    sentences of its section, exactly one figure of its unit per term, named
    by that term only, no part of ``breakdowns`` and not scoped."""
    rules = ctx.book.rules.breakdowns
    if not rules.identities:
        return []
    parts = {id(p.claim) for b in breakdowns for p in b.parts}
    out: list[Identity] = []
    seen: set[tuple[int, ...]] = set()
    for rule in rules.identities:
        terms = rule.left + rule.right
        words = [any_word(t) for t in terms]
        rx_not = any_word(rule.not_words) if rule.not_words else None
        any_term = _any_term(rule)

        term: dict[int, Optional[int]] = {}

        def term_of(p: Placed) -> Optional[int]:
            key = id(p.claim)
            if key not in term:
                # (most metrics name no term: one search for them all first)
                named = [j for j, w in enumerate(words) if w.search(p.claim.metric)] \
                    if any_term.search(p.claim.metric) is not None else []
                term[key] = named[0] if (
                    len(named) == 1 and p.claim.unit_class not in NOT_SUMMABLE and key not in parts
                    and not (rx_not is not None and rx_not.search(p.claim.metric_text)) and not _scoped(ctx, p)
                ) else None
            return term[key]

        for k, s in enumerate(ctx.sentences):
            firsts = [p for p in s.placed if term_of(p) == 0]
            if len(firsts) != 1:
                continue
            window = [s2 for s2 in ctx.sentences[k:k + 1 + rules.identity_reach_sentences]
                      if s2.section == s.section]
            found: list[list[Placed]] = [[] for _ in terms]
            for s2 in window:
                for p in s2.placed:
                    j = term_of(p)
                    if j is not None and same_unit(p, firsts[0]):
                        found[j].append(p)
            if any(len(f) != 1 for f in found):
                continue
            figures = [f[0] for f in found]
            key = tuple(id(p.claim) for p in figures)
            if key in seen:
                continue
            seen.add(key)
            out.append(Identity(figures[:len(rule.left)], figures[len(rule.left):],
                                [s2 for s2 in window if any(p in s2.placed for p in figures)]))
    return out


_ANY_TERM: dict[int, tuple[object, re.Pattern]] = {}


def _any_term(rule) -> re.Pattern:
    """A search for any word of any term of an identity rule (its
    ``any_word`` patterns joined), compiled once per rule."""
    got = _ANY_TERM.get(id(rule))
    if got is None or got[0] is not rule:
        every = [w for t in rule.left + rule.right for w in t]
        got = _ANY_TERM[id(rule)] = (rule, re.compile("|".join(re.escape(w) for w in sorted(every, key=len, reverse=True))
                                                       if every else "(?!)"))
    return got[1]


def _names(p: Placed, words: list[str]) -> bool:
    """Whether ``p``'s metric holds one of ``words`` (a list of the rules)."""
    return any_word(words).search(p.claim.metric) is not None


def wholes_of(breakdowns: list[Breakdown]) -> dict[int, frozenset[str]]:
    """For each claim that is a part of a stated breakdown (by
    ``id(claim)``), the metrics of every whole above it: 公用经费支出 is
    part of 基本支出, itself part of 部门总支出."""
    direct: dict[int, list[Claim]] = {}
    for b in breakdowns:
        for p in b.parts:
            direct.setdefault(id(p.claim), []).extend(w.claim for w in b.wholes[-1:])
    out: dict[int, frozenset[str]] = {}
    for key in direct:
        seen: set[str] = set()
        todo, visited = list(direct[key]), set()
        while todo:
            whole = todo.pop()
            if id(whole) in visited:
                continue
            visited.add(id(whole))
            seen.add(whole.metric)
            todo.extend(direct.get(id(whole), []))
        out[key] = frozenset(seen)
    return out
