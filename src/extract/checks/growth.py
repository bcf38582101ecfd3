"""Growth: 由 A 增至 B，年均增长 r% (compound) and 同比增长 r% where the
earlier figure is stated.

:func:`check_growth` takes the check context and returns one CheckResult
per stated growth rate (a percent figure whose words hold a word of rules
``growth``). The start and end figures are those after a from-cue (由, 从)
and a to-cue (增至, 提高到 …) before the rate in its sentence; for 同比
without them, a figure of the year before (上年 …) and the figure before
the rate. The number of years of an average is the span stated before it
in its paragraph (``2019 至 2021 年``: 2 years). Anything missing:
skipped. Growth is compared as an interval
(:func:`~extract.checks.tolerance.compound_growth_interval`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..model import CheckResult
from .context import CheckContext, Placed, Sentence
from .figures import figure_interval, show_interval, stated_text
from .operands import Operand, claim_operand, judge_stated
from .tolerance import Interval, compound_growth_interval

RULE = "growth"


@dataclass(frozen=True)
class GrowthKind:
    average: bool
    decline: bool


def growth_kind(ctx: CheckContext, p: Placed) -> Optional[GrowthKind]:
    """Whether ``p`` states an average or year-on-year growth or decline."""
    c = p.claim
    if c.unit != "%":
        return None
    g = ctx.book.rules.growth
    words = c.metric_text
    for average, decline, vocab in ((True, True, g.average_decline), (True, False, g.average),
                                    (False, True, g.year_on_year_decline), (False, False, g.year_on_year)):
        if any(w in words for w in vocab):
            return GrowthKind(average, decline)
    return None


def _right_after(s: Sentence, cue_end: int, before: int) -> Optional[Placed]:
    """The figure that follows a cue ending at ``cue_end`` (spaces allowed)."""
    for p in s.placed:
        if p.start >= cue_end and p.end <= before:
            return p if not s.text[cue_end:p.start].strip() else None
    return None


def _cue_positions(text: str, cues: list[str], end: int) -> list[tuple[int, int]]:
    out = []
    for cue in cues:
        i = text.find(cue)
        while 0 <= i < end:
            out.append((i, i + len(cue)))
            i = text.find(cue, i + 1)
    return sorted(out)


def from_to(ctx: CheckContext, s: Sentence, rate: Placed) -> Optional[tuple[Placed, Placed]]:
    """(A, B) of "由 A 增至 B" before ``rate`` in its sentence."""
    g = ctx.book.rules.growth
    for to_start, to_end in reversed(_cue_positions(s.text, g.to_cues, rate.start)):
        end = _right_after(s, to_end, rate.start)
        if end is None:
            continue
        for _, from_end in reversed(_cue_positions(s.text, g.from_cues, to_start)):
            start = _right_after(s, from_end, to_start)
            if start is not None and start.claim.normalized_unit == end.claim.normalized_unit:
                return start, end
        return None
    return None


def previous_and_current(ctx: CheckContext, s: Sentence, rate: Placed) -> Optional[tuple[Placed, Placed]]:
    """(上年 A, B) for 同比 without 由…增至: a figure of the year before and
    the nearest other figure of its unit before the rate."""
    words = ctx.book.rules.growth.previous_year_words
    before = [p for p in s.placed if 0 <= p.end <= rate.start and p.claim.unit != "%"]
    previous = [p for p in before if any(w in p.claim.metric_text for w in words)]
    if not previous:
        return None
    a = previous[-1]
    current = [p for p in before if p is not a and p.claim.normalized_unit == a.claim.normalized_unit
               and not any(w in p.claim.metric_text for w in words)]
    return (a, current[-1]) if current else None


def year_span(ctx: CheckContext, s: Sentence, start: Placed) -> Optional[tuple[int, int]]:
    """(first, last) year of the nearest span stated before ``start`` in its
    sentence or the sentences before it in the same paragraph."""
    pool = ctx.sentences_in(s.section)
    idx = next((i for i, s2 in enumerate(pool) if s2 is s), None)
    if idx is None:
        return None
    texts = [s.text[:start.start]] + [pool[i].text for i in range(idx - 1, -1, -1)]
    for text in texts:
        found = list(ctx.book.year_span.finditer(text))
        if found:
            m = found[-1]
            return int(m.group("first")), int(m.group("last"))
    return None


def growth_of(a: Interval, b: Interval, years: int, decline: bool) -> Optional[Interval]:
    """Average yearly growth (or, with ``decline``, fall) in percent."""
    g = compound_growth_interval(a, b, years)
    if g is None or not decline:
        return g
    return Interval(-g.hi, -g.lo)


def judge_growth(ctx: CheckContext, s: Sentence, rate: Placed, kind: GrowthKind) -> CheckResult:
    c = rate.claim
    pair = from_to(ctx, s, rate) or (None if kind.average else previous_and_current(ctx, s, rate))
    missing = "未找到增长的起点和终点数值" if kind.average else "未给出上年数"
    years = 1
    if pair is not None and kind.average:
        span = year_span(ctx, s, pair[0])
        if span is None or span[1] <= span[0]:
            pair, missing = None, "未给出年份跨度"
        else:
            years = span[1] - span[0]
    computed = []
    if pair is not None:
        a, b = (claim_operand(p.claim) for p in pair)
        computed = [(a, b, growth_of(figure_interval(a.figure, ctx.book), figure_interval(b.figure, ctx.book),
                                     years, kind.decline))]

    def formula(a: Operand, b: Operand) -> tuple[str, str]:
        nominal = growth_of(Interval.exact(a.figure.normalized_value), Interval.exact(b.figure.normalized_value),
                            years, kind.decline)
        expected = show_interval(nominal, max(c.precision + 1, 2), "%") if nominal else "?"
        how = f"{years}年复合" if kind.average and years > 1 else "增幅"
        return expected, f"{stated_text(a.figure)}→{stated_text(b.figure)}（{how}）={expected}"

    return judge_stated(ctx, RULE, s, c, computed, formula, missing)


def check_growth(ctx: CheckContext) -> list[CheckResult]:
    """One result per stated growth rate of the text."""
    return ctx.judge_claims(growth_kind, judge_growth)
