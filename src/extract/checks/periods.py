"""Periods of figures: which words compare with the year before and which
figures are of it, for the checks of changes (growth, differences).

- :func:`compares_previous` takes the words before a figure and says
  whether they compare with the year before (较上年, 同比, 较2023年 in a
  2024 report).
- :func:`is_previous` takes a figure in its sentence and says whether it is
  of the year before (上年…, 较2023年的…, or a part of the sentence that
  opens with 上年).
- :func:`compared_subjects` gives, for a sentence that opens with the
  comparison (与上年的45.10万元相比，减少6.48万元), the figures of the sentence
  before that it compares (only those of the subject its words name:
  与上年支出… compares 支出, not the 人员经费 before it).
- :func:`bracketed_previous` finds the year before's figure in a bracket
  right after a figure (增长5.3%（上年1,187件）).
- :func:`parallel_pair` pairs the k-th rate of parallel lists (分别为a和b，
  上年分别为a0和b0，分别增长x%和y%) with the k-th figures before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Optional

from ..model import Quantity
from .context import CLAUSE_BREAK, CheckContext, Placed, Sentence
from .figures import Figure, unit_factor
from .screen import any_word, compiled_once


def previous_year(ctx: CheckContext) -> Optional[int]:
    """The year before the report's, if the report states its year."""
    return ctx.report.meta.year - 1 if ctx.report.meta.year else None


def compares_previous(ctx: CheckContext, text: str) -> bool:
    """Whether ``text`` (words before a figure) compares with the year
    before: a comparison cue (较上年, 同比) or, after 较/比/与 (rules
    ``growth.year_cue``), the year before the report's (较2023年的 in a 2024
    report) or the year before one stated earlier in ``text`` (2025年…预算
    总额为1969万元，较2024年的2190万元: the figures' own year, whatever year
    the report's title gives)."""
    if any(cue in text for cue in ctx.book.rules.growth.comparison_cues):
        return True
    return any(_names_year_before(ctx, text, m) for m in ctx.book.year_cue.finditer(text))


def _names_year_before(ctx: CheckContext, text: str, cue: re.Match) -> bool:
    """Whether the year a year cue names is the year before the report's,
    or the year before one stated in ``text`` before the cue."""
    year = int(cue.group("year"))
    if year == previous_year(ctx):
        return True
    return any(int(m.group("year")) == year + 1 for m in ctx.book.gap_year.finditer(text, 0, cue.start()))


def _after_year_cue(ctx: CheckContext, s: Sentence, p: Placed) -> bool:
    """Whether ``p`` is the figure a year cue naming the year before
    introduces (较2024年的2190万元): at most ``cue_gap_chars`` characters,
    no digit and no clause break, between them."""
    g = ctx.book.rules.growth
    text = s.text[:p.start]
    cues = list(ctx.book.year_cue.finditer(text))
    if not cues:
        return False
    gap = text[cues[-1].end():].strip()
    return len(gap) <= g.cue_gap_chars and not any(ch.isdigit() or ch in "，,。；;：:" for ch in gap) and \
        _names_year_before(ctx, text, cues[-1])


_OPENERS = "（([【"


def _bracket_after_cue(ctx: CheckContext, s: Sentence, p: Placed) -> bool:
    """Whether ``p`` opens a bracket right after a comparison cue (全年支出
    比上年（1,000.00万元）增加…: the bracket states the figure compared
    with, the year before's; rules ``growth.comparison_cues``), the cue
    perhaps followed by the metric's own words (比上年支出（650.00万元）: at
    most ``growth.cue_gap_chars`` characters, no digit, no clause break)."""
    g = ctx.book.rules.growth
    text = s.text[:p.start].rstrip()
    if not text or text[-1] not in _OPENERS:
        return False
    text = text[:-1].rstrip().removesuffix("的")
    cues = tuple(g.comparison_cues)
    if text.endswith(cues):
        return True
    reach = text[-(g.cue_gap_chars + max(map(len, cues), default=0)):]
    ends = [reach.rfind(c) + len(c) for c in cues if c in reach]
    if not ends:
        return False
    gap = reach[max(ends):]
    return 0 < len(gap) <= g.cue_gap_chars and not any(ch.isdigit() or ch in "，,。；;：:（()）" for ch in gap)


def is_previous(ctx: CheckContext, s: Sentence, p: Placed) -> bool:
    """Whether ``p`` is a figure of the year before: its words hold a word
    of the year before (上年…, 较上年的); or the year stated before it in its
    sentence is the year before the report's (较2023年的92.6% in a 2024
    report) and its words do not name this year (本年); or it opens a bracket right after a comparison cue (比上年
    （1,000万元）); or its part of the sentence (after the last ；) opens with such
    a word and names no change and no period of the report (上年同口径调整后
    预算…，支出率95.87%；本年…)."""
    g = ctx.book.rules.growth
    words = p.claim.metric_text
    if any(w in words for w in g.previous_year_words):
        return True
    prev = previous_year(ctx)
    # (a year the sentence stated earlier is no year of a figure its own
    # words put in this year: 2023年支出500万元，本年支出440万元)
    # (当年 after a stated year is that year: 2022年当年预算执行数 stays of 2022)
    if prev is not None and p.claim.year == prev and (
            str(prev) in words or not any(w in words for w in g.current_year_words if w not in g.stated_year_words)):
        return True
    if p.start < 0:
        return False
    if _after_year_cue(ctx, s, p) or _bracket_after_cue(ctx, s, p):
        return True
    start = max(s.text.rfind(ch, 0, p.start) for ch in "；;") + 1
    part = s.text[start:p.start].lstrip(" \u3000（()）一二三四五六七八九十、.")
    return part.startswith(tuple(g.previous_year_words)) and \
        not any(w in part for w in g.increase_words + g.decrease_words) and \
        not any(w in part for w in g.current_year_words)


def bracketed_previous(ctx: CheckContext, s: Sentence, figure: Placed,
                       kind: Callable[[Placed], bool]) -> Optional[Placed]:
    """The year before's figure (one that ``kind`` accepts) in a bracket
    right after ``figure`` (rules ``growth.previous_brackets``): 同比增长5.3%
    （上年1,187件）; 比上年提高1.6个百分点（上年90.2%）."""
    g = ctx.book.rules.growth
    if figure.end < 0:
        return None
    rest = s.text[figure.end:]
    opened = len(rest) - len(rest.lstrip())
    pair = next((b for b in g.previous_brackets if len(b) == 2 and rest[opened:].startswith(b[0])), None)
    if pair is None:
        return None
    close = rest.find(pair[1], opened + 1)
    if close < 0:
        return None
    lo, hi = figure.end + opened, figure.end + close
    change = g.increase_words + g.decrease_words
    inside = [p for p in s.placed if lo < p.start and 0 <= p.end <= hi and kind(p)
              and any(w in p.claim.metric_text for w in g.previous_year_words)
              and not any(w in p.claim.metric_text for w in change)]
    return inside[0] if len(inside) == 1 else None


def compared_subjects(ctx: CheckContext, s: Sentence, previous: Placed,
                      current: Callable[[Placed, Sentence], bool]) -> list[Placed]:
    """When ``s`` opens with the comparison to the year before's figure
    (与上年的45.10万元相比，… / 较2023年的29.70万元下降…: a few words, a
    comparison, then ``previous``), it names no subject of its own: the
    figures of the sentence before, in its section, that ``current(p,
    sentence)`` accepts are what it compares."""
    g = ctx.book.rules.growth
    opening = s.text[:previous.start] if previous.start >= 0 else ""
    prev = ctx.sentence_before(s)
    if len(opening) > g.cue_gap_chars + 6 or not compares_previous(ctx, opening) or prev is None \
            or prev.section != s.section:
        return []
    subject = period_free(ctx, opening)
    planned = tuple(g.planned_words)
    return [p for p in prev.placed if current(p, prev) and (len(subject) < 2 or names_subject(
        period_free(ctx, p.claim.metric), subject, planned))]


_COMPARING = ("与", "较", "比", "和", "同", "相比", "的")


def period_free(ctx: CheckContext, words: str) -> str:
    """The letters of ``words`` without comparison cues, period words and
    stated years (与上年支出 / 全年支出比上年（ -> 支出; 较2023年的 -> ""):
    the subject a comparison names."""
    g = ctx.book.rules.growth
    drop = g.comparison_cues + g.previous_year_words + g.current_year_words + \
        ctx.book.rules.consistency.report_period_words
    words = ctx.book.year_cue.sub("", ctx.book.gap_year.sub("", words))
    words = re.sub("|".join(map(re.escape, sorted(set(drop), key=lambda w: (-len(w), w)))), "", words)
    words = "".join(ch for ch in words if ch.isalnum() and not ch.isdigit())
    changed = True
    while changed:
        changed = False
        for w in _COMPARING:
            if words.startswith(w) or words.endswith(w):
                words = words.removeprefix(w).removesuffix(w)
                changed = True
    return words


def names_subject(name: str, subject: str, planned: tuple[str, ...] = ()) -> bool:
    """Whether a figure named ``name`` (period-free) is of ``subject``: one
    opens or ends the other (支出合计 / 全年支出 of 支出; 基本支出中人员经费 and
    执行数 are not), unless the rest of the longer one is a word of
    ``planned`` next to the shorter (应参保人数, 参保人数目标 are no 参保人数)."""
    if len(name) < 2:
        return False
    short, long = sorted((name, subject), key=len)
    if long.endswith(short):
        return not long[:-len(short)].endswith(planned or ("\0",))
    if long.startswith(short):
        return not long[len(short):].startswith(planned or ("\0",))
    return False


def letter_pairs(text: str) -> set[str]:
    """The pairs of adjacent letters of ``text`` (digits and marks dropped):
    two names sharing two pairs name one thing (全年完成校舍改造 / 改造薄弱
    学校校舍面积; 基本支出预算 / 一般公共预算基本支出)."""
    text = "".join(ch for ch in text if ch.isalnum() and not ch.isdigit())
    return {text[i:i + 2] for i in range(len(text) - 1)}


def change_direction(ctx: CheckContext, words: str) -> Optional[bool]:
    """The direction of the last change word in ``words`` (a figure's words;
    rules ``growth.increase_words``/``decrease_words``): True for a fall,
    False for a rise, None when they hold none."""
    g = ctx.book.rules.growth
    hits = [(words.rfind(w), w in g.decrease_words) for w in g.increase_words + g.decrease_words if w in words]
    return max(hits)[1] if hits else None


def amount_change(ctx: CheckContext, words: str) -> Optional[bool]:
    """The direction of the change an amount's words state (True for a
    fall, None for none): a change word (:func:`change_direction`), or a
    comparative word ending them (rules ``growth.comparative_*``: 比上年多支出
    400万元, 比上年的640万元少32万元, 比上年节约180万元)."""
    m = ctx.book.comparative_change.search(words)
    if m is not None:
        return m.group("down") is not None
    return change_direction(ctx, words)


def _change_words(g) -> list[str]:
    """``g.increase_words + g.decrease_words`` of the growth rules ``g``,
    one list per rule set, so that :func:`~.screen.any_word` compiles its
    pattern once (a list made on every call is a new list each time)."""
    return compiled_once("change_words", g, lambda g: g.increase_words + g.decrease_words)


def states_change(ctx: CheckContext, words: str) -> bool:
    """Whether an amount's words state a change (:func:`amount_change`):
    a change word found in one search of them all (asked of most figures'
    words, by several checks)."""
    g = ctx.book.rules.growth
    return any_word(_change_words(g)).search(words) is not None or \
        ctx.book.comparative_change.search(words) is not None


def names_reason(ctx: CheckContext, words: str) -> bool:
    """Whether the words after the last change word of ``words`` (a
    figure's words) name a reason (rules ``growth.reason_words``): 减少主要
    原因是认真落实中央八项规定 states no change of 八项."""
    g = ctx.book.rules.growth
    ends = [words.rfind(w) + len(w) for w in g.increase_words + g.decrease_words if w in words]
    return bool(ends) and any(w in words[max(ends):] for w in g.reason_words)


def none_before(ctx: CheckContext, s: Sentence, p: Placed) -> bool:
    """Whether the words right after a stated change ``p`` say the year
    before had none of it (rules ``growth.none_before_words``: 同比增加17000
    元，上年无该预算): up to the next figure or the sentence's end."""
    if p.end < 0:
        return False
    following = [q.start for q in s.placed if q.start >= p.end]
    rest = s.text[p.end:min(following) if following else len(s.text)]
    return any(w in rest for w in ctx.book.rules.growth.none_before_words)


_CLAUSE_OPENING = re.compile(r"^[\s\u3000]*(?:其中[：:，,]?|[一二三四五六七八九十]+[、.．]"
                             r"|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])*")


def clause_name(ctx: CheckContext, s: Sentence, p: Placed) -> str:
    """The words naming ``p`` in its clause (from the last clause break
    before it), without ordinals, 其中, stated years and anything from a
    comparison or a change word on: 其中：因公出国(境)费同口径比2018年减少 ->
    因公出国境费同口径; 公务接待费478万元 -> 公务接待费 (letters only)."""
    g = ctx.book.rules.growth
    if p.start < 0:
        return ""
    text = s.text[:p.start]
    start = max((m.end() for m in CLAUSE_BREAK.finditer(text)), default=0)
    words = _CLAUSE_OPENING.sub("", text[start:])
    cut = [words.find(w) for w in g.comparison_cues + g.increase_words + g.decrease_words if w in words]
    cut += [m.start() for m in ctx.book.year_cue.finditer(words)]
    words = words[:min(cut)] if cut else words
    words = ctx.book.gap_year.sub("", words)
    return "".join(ch for ch in words if ch.isalnum() and not ch.isdigit()).removesuffix("为").removesuffix("是")


def _one_holds_other(a: str, b: str) -> bool:
    """Whether one of two names, both of four letters at least, holds the other."""
    return len(a) >= 4 and len(b) >= 4 and (a in b or b in a)


def opening_subjects(ctx: CheckContext, s: Sentence, x: Placed,
                     current: Callable[[Placed, Sentence], bool]) -> list[Placed]:
    """What a change that states no figure of its own before it in its
    sentence (``x``: 同口径比2018年减少830万元 / 其中：公务接待费同口径比2018年减少
    38万元 / 收入支出总体与上年相比，增加58.21万元) is the change of, among
    the figures of the sentences before it in its section that
    ``current(q, sentence)`` accepts, nearest first:
    1. the figure its clause names (公务接待费 … 478万元: one name holds the
       other, four letters at least);
    2. else the one figure of the sentence before;
    3. else the one figure that is no part of a stated whole of the
       nearest sentence before stating one (支出总计434.72万元，其中：…; a 其中
       list names the parts of the whole stated before it: the change is
       of that whole), past sentences that state only parts."""
    idx = {id(s2): i for i, s2 in enumerate(ctx.sentences)}.get(id(s))
    if idx is None:
        return []
    reach = ctx.book.rules.operands.reach_sentences
    pool = [s2 for s2 in ctx.sentences[max(0, idx - reach - 1):idx][::-1] if s2.section == s.section]
    name = clause_name(ctx, s, x)
    # (without their period words too: 本年度收支总计比上年多X names the
    # 收支总计 of 2023年度收、支总计均为B)
    plain = period_free(ctx, name)
    if len(name) >= 4 or len(plain) >= 4:
        for s2 in pool:
            for q in reversed(s2.placed):
                other = clause_name(ctx, s2, q)
                if current(q, s2) and (len(other) >= 4 and (other in name or name in other)
                                       or _one_holds_other(plain, period_free(ctx, other))):
                    return [q]
    if not pool or pool[0] is not ctx.sentence_before(s):
        return []
    found = [q for q in pool[0].placed if current(q, pool[0])]
    if len(found) == 1:
        return found
    parts = ctx.wholes_of

    def whole(q: Placed, s2: Sentence) -> bool:
        # no part of a stated breakdown, nor a figure after its sentence's 其中
        first = s2.text.find("其中")
        return id(q.claim) not in parts and not 0 <= first < q.start

    for s2 in pool:
        wholes = [q for q in s2.placed if current(q, s2) and whole(q, s2)]
        if wholes:
            return wholes if len(wholes) == 1 else []
        if not any(current(q, s2) for q in s2.placed):
            return []
    return []


# ------------------------------------------------------- respective lists

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SEP = r"\s*[,，、]\s*"


@dataclass(frozen=True)
class Respective:
    """A list of figures stated for a list of subjects in turn (收、支总计各是
    4125.49,4143.91万元 / 各下降23.51%、38.28%): the words after 各 (``lead``),
    where the list starts in its sentence, and its figures in order (the
    bare numbers take the unit of the last, which is a claim)."""

    lead: str
    start: int
    figures: tuple[Figure, ...]


def respective_lists(ctx: CheckContext, s: Sentence) -> list[Respective]:
    """The respective lists of ``s`` (each one 各, a few words, then two or
    more numbers separated by commas or 、, the last a claim of ``s``)."""
    if "各" not in s.text:
        return []
    by_end = {p.end: p for p in s.placed if p.end >= 0}
    out = []
    item = rf"{_NUMBER}[^\d，,、。；;]{{0,3}}?"
    pattern = re.compile(rf"各(?P<lead>[^\d，,。；;：:各]{{0,6}}?)(?P<items>{item}(?:{_SEP}{item})+)")
    for m in pattern.finditer(s.text):
        numbers = list(re.finditer(_NUMBER, m.group("items")))
        base = m.start("items")
        last = next((p for end, p in by_end.items() if base + numbers[-1].start() < end <= m.end() + 4
                     and p.start == base + numbers[-1].start()), None)
        if last is None:
            continue
        c = last.claim
        figures: list[Figure] = []
        for n in numbers:
            at = base + n.start()
            own = next((p for p in s.placed if p.start == at), None)
            if own is not None and own.claim.normalized_unit == c.normalized_unit:
                figures.append(own.claim)
                continue
            value = Decimal(n.group().replace(",", ""))
            figures.append(Quantity(text=f"{n.group()}{c.unit}", value=value, unit=c.unit, unit_class=c.unit_class,
                                    normalized_value=value * unit_factor(c, ctx.book), normalized_unit=c.normalized_unit,
                                    precision=len(n.group().partition(".")[2]), location=c.location))
        out.append(Respective(m.group("lead"), m.start(), tuple(figures)))
    return out


def respective_place(ctx: CheckContext, s: Sentence, p: Placed) -> Optional[tuple[Respective, int]]:
    """The respective list ``p`` is in and its place in it, if any."""
    for r in respective_lists(ctx, s):
        for k, f in enumerate(r.figures):
            if f is p.claim:
                return r, k
    return None


def respective_change(ctx: CheckContext, s: Sentence, r: Respective
                      ) -> Optional[tuple[bool, Respective, Respective]]:
    """For a respective list of changes or growth rates against the year
    before (与2021年相比，…各减少A,B万元 / 各下降r%、s%), (fell, the list of
    change amounts, the list of this year's figures): the amounts the
    nearest list of money before it, or ``r`` itself; this year's figures
    the nearest list before the amounts with no change word in its lead,
    in the sentence or the sentence before; all of one length."""
    g = ctx.book.rules.growth
    change = g.increase_words + g.decrease_words
    fell = change_direction(ctx, r.lead)
    if fell is None or not compares_previous(ctx, s.text[:r.start]):
        return None
    lists = respective_lists(ctx, s)
    before = [x for x in lists if x.start < r.start and len(x.figures) == len(r.figures)]
    amounts = r if r.figures[0].unit != "%" else next(
        (x for x in reversed(before) if x.figures[0].unit != "%" and any(w in x.lead for w in change)), None)
    if amounts is None:
        return None
    prev = ctx.sentence_before(s)
    pool = [x for x in lists if x.start < amounts.start][::-1] + \
        (respective_lists(ctx, prev)[::-1] if prev is not None and prev.section == s.section else [])
    current = next((x for x in pool if len(x.figures) == len(r.figures) and not any(w in x.lead for w in change)
                    and x.figures[0].normalized_unit == amounts.figures[0].normalized_unit), None)
    return (fell, amounts, current) if current is not None else None


# ------------------------------------------------------- parallel lists


@dataclass(frozen=True)
class Parallel:
    """A list of figures a respective word opens (rules
    ``growth.respective_words``: 分别为800万元和350万元): the words of its
    clause before that word (``lead``: 上年) and its figures, in order, to
    the clause's end."""

    lead: str
    figures: tuple[Placed, ...]


def parallel_lists(ctx: CheckContext, s: Sentence) -> list[Parallel]:
    """The parallel lists of ``s``, in order (two figures or more each)."""
    words = ctx.book.rules.growth.respective_words
    if not any(w in s.text for w in words):
        return []
    text = s.text
    # a comma between digits is a thousands separator, no clause break
    breaks = [b for b in CLAUSE_BREAK.finditer(text)
              if not (0 < b.start() < len(text) - 1 and text[b.start() - 1].isdigit() and text[b.end()].isdigit())]
    out = []
    for m in re.finditer("|".join(map(re.escape, words)), text):
        start = max((b.end() for b in breaks if b.end() <= m.start()), default=0)
        stop = next((b.start() for b in breaks if b.start() >= m.end()), len(text))
        figures = tuple(p for p in s.placed if m.end() <= p.start and 0 <= p.end <= stop)
        if len(figures) >= 2:
            out.append(Parallel(text[start:m.start()], figures))
    return out


def parallel_pair(ctx: CheckContext, s: Sentence, rate: Placed) -> Optional[tuple[Placed, Placed]]:
    """(上年 A_k, B_k) of the k-th rate of a parallel list (A和B分别为B1和B2，
    上年分别为A1和A2，分别增长r1%和r2%): A_k of the nearest list before it of
    as many figures whose lead names the year before, B_k of the nearest
    list before that one of as many figures of A's unit whose lead names no
    earlier period. Pinned: the words pair them in order."""
    g = ctx.book.rules.growth
    lists = parallel_lists(ctx, s)
    at = next((i for i, x in enumerate(lists) if rate in x.figures), None)
    if at is None:
        return None
    k = lists[at].figures.index(rate)
    n = len(lists[at].figures)
    prior = next((i for i in range(at - 1, -1, -1) if len(lists[i].figures) == n
                  and any(w in lists[i].lead for w in g.previous_year_words)), None)
    if prior is None:
        return None
    a = lists[prior].figures
    units = {p.claim.normalized_unit for p in a}
    current = next((lists[i].figures for i in range(prior - 1, -1, -1) if len(lists[i].figures) == n
                    and {p.claim.normalized_unit for p in lists[i].figures} == units
                    and not any(w in lists[i].lead for w in g.previous_year_words + g.earlier_year_words)), None)
    return (a[k], current[k]) if current is not None else None


def listed_before(ctx: CheckContext, s: Sentence, figures: tuple[Placed, ...],
                  previous: Callable[[Placed], bool]) -> Optional[tuple[list[Placed], list[Placed]]]:
    """(the year before's, this year's) figures of a respective list
    ``figures`` (after 分别) that are listed before it without one (门诊A1
    和住院A2，比上年的P1和P2分别增长r1和r2): the n figures right before the
    list, the first of which ``previous`` takes, and the n before those, no
    figure of the year before nor a change, position by position of one
    unit; None when they are not so."""
    n = len(figures)
    before = [q for q in s.placed if 0 <= q.end <= figures[0].start
              and q.claim.unit_class not in ("percent", "date", "duration")]
    if len(before) < 2 * n:
        return None
    prior, current = before[-n:], before[-2 * n:-n]
    if not previous(prior[0]) or any(previous(q) or states_change(ctx, q.claim.metric_text) for q in current) or \
            any(a.claim.normalized_unit != b.claim.normalized_unit for a, b in zip(prior, current)):
        return None
    return prior, current


# ------------------------------------------------------- listed parts


def whole_above(ctx: CheckContext, p: Placed) -> Optional[tuple[Placed, Sentence]]:
    """The whole (with its sentence) of the stated breakdown that lists
    ``p`` as a part (实际支出A。支出中基本支出B、项目支出C / 全年支出A（基本
    支出B，项目支出C）), if any."""
    for b in ctx.relations.breakdowns:
        if b.form != "构成" and any(q.claim is p.claim for q in b.parts):
            whole = b.whole
            s = next((s2 for s2, q in ctx.text_claims() if q is whole), None)
            return (whole, s) if s is not None else None
    return None
