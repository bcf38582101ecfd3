"""Growth: 由 A 增至 B，年均增长 r% (compound) and 同比增长 r% where the
earlier figure is stated.

:func:`check_growth` takes the check context and returns one CheckResult
per stated growth rate (a percent figure whose words hold a word of rules
``growth``). The start and end figures are those after a from-cue (由, 从)
and a to-cue (增至, 提高到 …) before the rate in its sentence; for 同比
without them, a figure of the year before (上年 …, before the rate or in a
bracket right after it: 增长5.3%（上年1,187件）) and the figure before
the rate; for "B，较上年增加X，增长r%", X / (B − X) (B the figure the
change is of when it opens its sentence:
:func:`~extract.checks.periods.opening_subjects`; or the change stated
with B's figure elsewhere: :func:`restated_change`; for a change opening
its sentence, B or the year before's A named like it in reach:
X / A, :func:`_previous_named_before`); with no figure of either year in
reach, the row of a two-year table the rate's clause names (表1 上年数 |
本年数, then 商品和服务支出较上年降幅为x%: :func:`_table_row_readings`); for a respective
list (收、支总计各是B1,B2…各减少X1,X2…各下降r1%、r2%) X_k / (B_k ∓ X_k).
A rate stated to two or more decimals may be cut, not rounded
(:func:`stated_magnitude`). A percent whose words
hold a change word (rules ``increase_words``/``decrease_words``) after a
comparison cue (较上年, 同比) is growth in that word's direction: the stated
figure is signed by it, so a fall written as 增长 fails (and the message
says the direction is wrong). From a zero base a stated growth is an error.
The number of years of an average is the span stated before it
in its paragraph (``2019 至 2021 年``: 2 years). Anything missing:
skipped. Growth is compared as an interval
(:func:`~extract.checks.tolerance.compound_growth_interval`).

:func:`check_table_growth` does the same for the change-rate cells of a
two-year table (2022年决算数 | 2023年决算数 | 增减额 | 增减率).
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import Optional

from ..model import CheckResult, Claim, Quantity
from .context import CLAUSE_BREAK, CheckContext, Placed, Sentence, make_result
from .periods import (amount_change, bracketed_previous, clause_name, whole_above, change_direction, states_change, compared_subjects, compares_previous,
                      letter_pairs, listed_before, names_reason, opening_subjects, parallel_lists, parallel_pair, period_free, respective_change,
                      respective_place)
from .figures import interval_of, rate_magnitude, show, show_interval, stated_text
from .operands import Operand, Reading, budget_operand, claim_operand, judge_readings, previous_kept
from .relations.breakdowns import members_named
from .relations.tables import TableChange, cell_location, change_cell, table_name, two_year_rows
from .tolerance import Interval, compound_growth_interval, holds, ratio_interval, stated_interval

RULE = "growth"


@dataclass(frozen=True)
class GrowthKind:
    average: bool
    decline: bool


def growth_kind(ctx: CheckContext, p: Placed) -> Optional[GrowthKind]:
    """Whether ``p`` states an average or year-on-year growth or decline
    (not a figure after a to-cue: 由上年的6.8%下降至3.2% states the level
    reached, no growth)."""
    c = p.claim
    if c.unit != "%":
        return None
    g = ctx.book.rules.growth
    words = c.metric_text
    if words.rstrip().endswith(tuple(g.to_cues)):
        return None
    for average, decline, vocab in ((True, True, g.average_decline), (True, False, g.average),
                                    (False, True, g.year_on_year_decline), (False, False, g.year_on_year)):
        if any(w in words for w in vocab):
            return GrowthKind(average, decline)
    return _compared_change(ctx, p) or _respective_growth(ctx, p)


def _respective_growth(ctx: CheckContext, p: Placed) -> Optional[GrowthKind]:
    """A rate in a list of growth rates stated in turn (各下降23.51%、38.28%)."""
    at = ctx.placed_at(p.claim.location)
    found = respective_place(ctx, at[0], p) if at is not None else None
    change = respective_change(ctx, at[0], found[0]) if found is not None else None
    if change is not None:
        return GrowthKind(False, change[0])
    # 比上年的A1和A2分别增长10.3%和20.0%: a later rate of the list is growth as its first is
    listed = next((x for x in parallel_lists(ctx, at[0]) if p in x.figures), None) if at is not None else None
    if listed is None or listed.figures[0] is p or any(q.claim.unit != "%" for q in listed.figures):
        return None
    return _compared_change(ctx, listed.figures[0])


def claim_operand_of(figure) -> Operand:
    """A claim or a figure of a respective list (no claim of its own) as an operand."""
    return claim_operand(figure) if isinstance(figure, Claim) else Operand(figure, "", None)


def _respective_reading(ctx: CheckContext, s: Sentence, rate: Placed, decimals: int) -> Optional[Reading]:
    """X_k / (B_k ∓ X_k) for the k-th rate of a respective list (收、支总计各是
    B1,B2万元。…各减少X1,X2万元，各下降r1%、r2%): pinned, the words pair them
    in order."""
    found = respective_place(ctx, s, rate)
    change = respective_change(ctx, s, found[0]) if found is not None else None
    if change is None:
        return None
    fell, amounts, current = change
    return change_over_current(ctx, amounts.figures[found[1]], current.figures[found[1]], fell, decimals)


def change_over_current(ctx: CheckContext, x, b, fell: bool, decimals: int) -> Reading:
    """The pinned reading X / (B ∓ X) of a growth rate from its change X and
    this year's figure B (B + X the year before for a fall)."""
    xi, bi = interval_of(ctx, x), interval_of(ctx, b)
    base = bi + xi if fell else bi - xi
    ratio = ratio_interval(xi, base, percent=True)
    base_value = b.normalized_value + (x.normalized_value if fell else -x.normalized_value)
    nominal = x.normalized_value * 100 / base_value if base_value else None
    expected = show(nominal if not fell or nominal is None else -nominal, decimals, "%")
    sign = "+" if fell else "−"
    return Reading((claim_operand_of(b), claim_operand_of(x)), _signed(ratio, fell) if ratio else None, True,
                   expected, f"{stated_text(x)}/({stated_text(b)}{sign}{stated_text(x)})={expected}")


def _compared_change(ctx: CheckContext, p: Placed) -> Optional[GrowthKind]:
    """较上年2,105.90万元增长11.0% / 比上年减少8.2% / 由A增至B，增长r%: a
    change word in the figure's words (the last one gives the direction) and
    a comparison cue or a to-cue before it in its sentence."""
    g = ctx.book.rules.growth
    words = p.claim.metric_text
    falls = change_direction(ctx, words)
    if falls is None or names_reason(ctx, words):
        return None
    before = p.claim.sentence[:p.start] if p.start >= 0 else p.claim.sentence
    if not compares_previous(ctx, before) and not any(c in before for c in g.to_cues) and \
            not _change_after_previous(ctx, p):
        return None
    return GrowthKind(False, falls)


def _change_after_previous(ctx: CheckContext, p: Placed) -> bool:
    """上年度…支出20万元。本年度…支出18万元，压减2万元，降幅10%: a rate after
    an amount stated as a change in its sentence, the sentence before naming
    the year before, is growth on the year before though its own sentence
    names no comparison."""
    at = ctx.placed_at(p.claim.location)
    if at is None:
        return False
    s = at[0]
    if not any(0 <= q.end <= p.start and q.claim.unit_class not in ("percent", "date", "duration")
               and amount_change(ctx, q.claim.metric_text) is not None for q in s.placed):
        return False
    prior = ctx.sentence_before(s)
    return prior is not None and any(w in prior.text for w in ctx.book.rules.growth.previous_year_words)


def _right_after(ctx: CheckContext, s: Sentence, cue_end: int, before: int) -> Optional[Placed]:
    """The figure that follows a cue ending at ``cue_end``: spaces, or a
    stated year (rules ``growth.gap_year``: 由2019年的1,126家) and at most
    ``cue_gap_chars`` characters of words (由上年的1860辆), between them."""
    g = ctx.book.rules.growth
    for p in s.placed:
        if p.start >= cue_end and p.end <= before and p.claim.unit_class != "date":
            between = ctx.book.gap_year.sub("", s.text[cue_end:p.start].strip(), count=1).strip()
            ok = not between or len(between) <= g.cue_gap_chars and \
                not any(ch.isdigit() or ch in "，,。；;：:" for ch in between)
            return p if ok else None
    return None


def gap_year(ctx: CheckContext, s: Sentence, cue_end: int, p: Placed) -> Optional[int]:
    """The year stated between a cue and its figure (由2019年的…), if any."""
    m = ctx.book.gap_year.search(s.text[cue_end:p.start])
    return int(m.group("year")) if m else None


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
    found = from_to_years(ctx, s, rate)
    return (found[0], found[1]) if found else None


def from_to_years(ctx: CheckContext, s: Sentence, rate: Placed
                  ) -> Optional[tuple[Placed, Placed, Optional[int], Optional[int]]]:
    """(A, B, year of A, year of B) of "由2019年的A增至2023年的B" before
    ``rate`` in its sentence (years None where not stated there)."""
    g = ctx.book.rules.growth
    for to_start, to_end in reversed(_cue_positions(s.text, g.to_cues, rate.start)):
        end = _right_after(ctx, s, to_end, rate.start)
        if end is None:
            continue
        for _, from_end in reversed(_cue_positions(s.text, g.from_cues, to_start)):
            start = _right_after(ctx, s, from_end, to_start)
            if start is not None and start.claim.normalized_unit == end.claim.normalized_unit:
                return start, end, gap_year(ctx, s, from_end, start), gap_year(ctx, s, to_end, end)
        return None
    return None


def previous_and_current(ctx: CheckContext, s: Sentence, rate: Placed) -> list[tuple[Placed, Placed]]:
    """(上年 A, B) for 同比 without 由…增至: a figure of the year before
    (:func:`previous_figure`) and the nearest other figure of its unit
    before the rate; else this year's figure of the same metric nearby
    (:func:`same_metric`); else, when the sentence opens with the comparison
    (较2023年的29.70万元下降11.18%), each figure of its unit of the sentence
    before in its section (the subject it compares); with no figure of the
    year before in the sentence, this year's figure before the rate and the
    year before's of the same metric nearby (上年支出600万元。本年支出660万元，
    比上年增长10%)."""
    parallel = parallel_pair(ctx, s, rate)
    if parallel is not None:
        return [parallel]
    valued = _rate_values(ctx, s, rate) or _respective_before(ctx, s, rate)
    if valued is not None:
        return [valued]
    before = [p for p in s.placed if 0 <= p.end <= rate.start and p.claim.unit != "%"]
    g = ctx.book.rules.growth
    a = previous_figure(ctx, s, rate)
    if a is None:
        return _previous_nearby(ctx, s, rate, before)

    def current(p: Placed, s2: Sentence) -> bool:
        return p is not a and p.claim.normalized_unit == a.claim.normalized_unit and \
            _this_year(ctx, s2, p)

    name = previous_name(ctx, s, a)
    own = [p for p in before if current(p, s) and not _other_subject(ctx, s, a, p, name)]
    if own:
        return [(a, b) for b in _subject_figures(ctx, s, own, rate)]
    # "上年办理案件1,052件，本年同比增长11.03%": this year's figure is the same
    # metric stated nearby without a word of the year before
    for s2, p in ctx.neighbourhood(s, rate, ctx.book.rules.operands.reach_sentences):
        if current(p, s2) and same_metric(ctx, name, _plain_metric(ctx, p.claim.metric), s) \
                and not p.claim.metric_text.rstrip().endswith(tuple(g.from_cues)):  # 由812件: a start, not this year
            return [(a, p)]
    if before and before[0] is a:
        return [(a, p) for p in _wholes_for_parts(ctx, compared_subjects(ctx, s, a, current), current)]
    return []


def _rate_values(ctx: CheckContext, s: Sentence, rate: Placed) -> Optional[tuple[Placed, Placed]]:
    """(上年 A, B) for the growth of a rate whose values its sentence states
    in a rate unit other than % (报告发病率8.00/10万，上年为50例、10.50/10万，
    发病率下降23.8%; 4.79‰): the rate's words name the metric of one of them
    (:func:`_ends_name`, period words left out), the two of that unit before
    the rate are the year before's (its clause names the year before) and
    this year's; the counts stated beside them are of another metric."""
    if rate.start < 0:
        return None
    g = ctx.book.rules.growth
    words = rate.claim.metric_text
    cut = min((i for i in (words.find(w) for w in g.increase_words + g.decrease_words) if i >= 0), default=-1)
    subject = period_free(ctx, words[:cut]) if cut > 0 else ""
    if len(subject) < 2:
        return None
    points = ctx.book.rules.operands.point_units
    valued = [p for p in s.placed if 0 <= p.end <= rate.start and p.claim.unit_class == "percent"
              and p.claim.unit != "%" and p.claim.unit not in points]
    named = [p for p in valued if _ends_name(subject, period_free(ctx, p.claim.metric))]
    if not named:
        return None
    unit = named[0].claim.normalized_unit
    pair = [p for p in valued if p.claim.normalized_unit == unit]
    if len(pair) != 2:
        return None

    def of_previous(p: Placed) -> bool:
        start = max((m.end() for m in CLAUSE_BREAK.finditer(s.text[:p.start])), default=0)
        return previous_kept(ctx, s, p) or any(w in s.text[start:p.start] for w in g.previous_year_words)

    previous = [p for p in pair if of_previous(p)]
    if len(previous) != 1:
        return None
    return previous[0], next(p for p in pair if p is not previous[0])


def _respective_before(ctx: CheckContext, s: Sentence, rate: Placed) -> Optional[tuple[Placed, Placed]]:
    """(上年 A_k, B_k) of the k-th of n rates listed after 分别 (rules
    ``growth.respective_words``) whose figures are listed before it without
    one (门诊3.2万人次和住院1200人次，比上年的2.9万人次和1000人次分别增长
    10.3%和20.0%): the n figures right before the list are the year
    before's (the first of them names it), the n before those this year's,
    position by position of one unit. Pinned: the words pair them in order."""
    found = next((x for x in parallel_lists(ctx, s) if rate in x.figures), None)
    if found is None:
        return None
    k = found.figures.index(rate)
    listed = listed_before(ctx, s, found.figures, lambda q: previous_kept(ctx, s, q))
    return (listed[0][k], listed[1][k]) if listed is not None else None


def _compared_with(ctx: CheckContext) -> re.Pattern:
    """Where a comparison's words turn to what they compare with (较上年,
    比2023年, 与上年相比): its cue right before a word of the year before
    (rules ``growth.previous_year_words``, 同期) or a year, not the 与 of 参与
    nor the 同 of 合同; compiled once per rule book."""
    def build():
        periods = sorted({w for w in ctx.book.rules.growth.previous_year_words if w[0] not in "较比与同"} | {"同期"},
                         key=len, reverse=True)
        return re.compile(r"(?:较|比|与|同)(?=" + "|".join(map(re.escape, periods)) + r"|\d{4})")
    return ctx.rules.derived("checks.growth.compared_with", build)


def _other_subject(ctx: CheckContext, s: Sentence, a: Placed, p: Placed, name: str) -> bool:
    """Whether this year's candidate ``p``, in a clause before the one of
    the year before's ``a``, is of another metric than the one ``a``'s own
    words name (新增会员40名，会员总数较上年末的600名增长…: the new part is
    no total): neither name holds the other."""
    if p.end > a.start or not CLAUSE_BREAK.search(s.text, p.end, a.start):
        return False
    words = a.claim.metric_text
    cue = None
    for cue in _compared_with(ctx).finditer(words):
        pass  # the last: 参与企业总数较上年末的
    if cue is None:
        return False
    own = _plain_metric(ctx, words[:cue.start()])  # 会员总数 of 会员总数较上年末的
    other = _plain_metric(ctx, p.claim.metric)
    if len(own) < 2 or len(other) < 2 or same_metric(ctx, name, other):
        return False
    return own not in other and other not in own


def _of_earlier(ctx: CheckContext, p: Placed) -> bool:
    """Whether ``p``'s words name a period before the year before (前年)."""
    return any(w in p.claim.metric_text for w in ctx.book.rules.growth.earlier_year_words)


def _this_year(ctx: CheckContext, s: Sentence, p: Placed) -> bool:
    """Whether ``p`` may be this year's figure: of no earlier period, no
    change and no plan a completion ratio is of (:func:`_plan_base`)."""
    return not previous_kept(ctx, s, p) and not _of_earlier(ctx, p) and \
        not states_change(ctx, p.claim.metric_text) and not _plan_base(ctx, s, p)


def _plan_base(ctx: CheckContext, s: Sentence, p: Placed) -> bool:
    """Whether ``p`` is the plan a completion ratio is taken of: a percent
    right after it past 的 (为计划80场的110.0%, 占年度目标600户的90.0%,
    达到年初计划300万元的106.7%), its clause naming a plan (rules
    ``growth.planned_words``). The completed figure is this year's, the plan
    is not."""
    if p.start < 0 or p.end < 0:
        return False
    after = next((q for q in s.placed if q.start >= p.end), None)
    if after is None or after.claim.unit != "%" or s.text[p.end:after.start].strip() != "的":
        return False
    start = max((m.end() for m in CLAUSE_BREAK.finditer(s.text[:p.start])), default=0)
    return any(w in s.text[start:p.start] for w in ctx.book.rules.growth.planned_words)


def previous_figure(ctx: CheckContext, s: Sentence, rate: Placed) -> Optional[Placed]:
    """The figure of the year before a 同比 rate is against, in its sentence
    (:func:`is_previous`; in a bracket right after the rate, else the last
    before it; no change amount), or None. 本年A，上年B，前年C，比上年增长x%，
    比前年增长y%: the rate is against the period its words name (rules
    ``growth.earlier_year_words``), and no earlier period's figure is of the
    year before."""
    before = [p for p in s.placed if 0 <= p.end <= rate.start and p.claim.unit != "%"]
    if any(w in rate.claim.metric_text for w in ctx.book.rules.growth.earlier_year_words):
        previous = [p for p in before if _of_earlier(ctx, p) and not states_change(ctx, p.claim.metric_text)]
    else:
        previous = [p for p in before if previous_kept(ctx, s, p) and not _of_earlier(ctx, p)
                    and not states_change(ctx, p.claim.metric_text)]
        bracketed = bracketed_previous(ctx, s, rate, lambda q: q.claim.unit != "%")
        if bracketed is not None:
            previous = [bracketed]
    return previous[-1] if previous else None


def previous_name(ctx: CheckContext, s: Sentence, a: Placed) -> str:
    """The metric the year before's figure ``a`` is of, period-free
    (:func:`_plain_metric`): its own words, or, when they name none (支出较
    上年（1,200万元）), its clause's (:func:`~extract.checks.periods.clause_name`)."""
    name = _plain_metric(ctx, a.claim.metric)
    return name if len(name) >= 2 else _plain_metric(ctx, clause_name(ctx, s, a))


def same_metric(ctx: CheckContext, name: str, other: str, s: Optional[Sentence] = None) -> bool:
    """Whether two period-free metric names (:func:`_plain_metric`) name one
    metric of two years: the same name (two letters at least), one ending the
    other (four letters at least: 法律援助案件 / 全县法律援助案件), or both
    a name of the year's spending (rules ``growth.spending_names``: 同口径
    支出 is 实际支出 of the year before) — not under a heading naming an item
    of its own (:func:`_under_item`, of ``s``)."""
    if len(name) >= 2 and name == other:
        return True
    if len(min(name, other, key=len)) >= 4 and (name.endswith(other) or other.endswith(name)):
        return True
    spending = ctx.book.spending_names
    return name in spending and other in spending and (s is None or not _under_item(ctx, s))


def _previous_nearby(ctx: CheckContext, s: Sentence, rate: Placed, before: list[Placed]
                     ) -> list[tuple[Placed, Placed]]:
    """(上年 A, B) for a rate whose sentence states this year's figure B (the
    nearest before the rate) but not the year before's: A the nearest figure
    of B's unit and metric (:func:`same_metric`) of the year before in the
    sentences around (上年支出600万元。本年支出660万元，比上年增长10%)."""
    own = [p for p in before if _this_year(ctx, s, p)]
    if not own:
        return []
    b = own[-1]
    name = _plain_metric(ctx, b.claim.metric)
    for s2, p in ctx.neighbourhood(s, rate, ctx.book.rules.operands.reach_sentences):
        if s2 is not s and p.claim.normalized_unit == b.claim.normalized_unit and previous_kept(ctx, s2, p) \
                and not states_change(ctx, p.claim.metric_text) and not _of_earlier(ctx, p) \
                and same_metric(ctx, name, _plain_metric(ctx, p.claim.metric), s):
            return [(p, b)]
    return []


def _subject_figures(ctx: CheckContext, s: Sentence, own: list[Placed], rate: Placed) -> list[Placed]:
    """This year's figure among ``own`` (candidates before the rate in its
    sentence, in order): the nearest; but when it is a listed part of a
    whole stated among them (全年支出A（基本支出B，项目支出C），较上年…), the
    whole: in a bracket closed before the rate the parts are an aside, so
    only the whole; after 其中 the part may be the subject itself, so the
    whole and the part."""
    last = own[-1]
    above = whole_above(ctx, last)
    whole = above[0] if above is not None else None
    if whole is None or not any(p is whole for p in own):
        return [last]
    if _in_closed_bracket(s.text, last, rate.start):
        return [whole]
    return [whole, last]


def _in_closed_bracket(text: str, p: Placed, before: int) -> bool:
    """Whether ``p`` sits in a bracket that closes before ``before``."""
    opened = max(text.rfind(ch, 0, p.start) for ch in "（(")
    if opened < 0 or max(text.rfind(ch, opened, p.start) for ch in "）)") >= 0:
        return False
    closed = min((i for i in (text.find(ch, p.end) for ch in "）)") if i >= 0), default=-1)
    return 0 <= closed < before


def _wholes_for_parts(ctx: CheckContext, found: list[Placed], current) -> list[Placed]:
    """The figures a comparison opening its sentence compares, with each
    listed part of a stated whole put back as that whole (实际支出A。支出中
    基本支出B、项目支出C。上年同期支出P，本年同比增长g%: 本年 is A); parts that
    name the members of a partition (rules ``breakdowns.partitions``) with
    no whole stated: none (the year's figure is their sum, not stated)."""
    out: list[Placed] = []
    for p in found:
        above = whole_above(ctx, p)
        q = above[0] if above is not None and current(*above) else p
        if not any(q is o for o in out):
            out.append(q)
    if len(out) >= 2 and _partition_members(ctx, out):
        return []
    return out


def _partition_members(ctx: CheckContext, figures: list[Placed]) -> bool:
    """Whether ``figures`` name distinct members of one partition."""
    partitions = ctx.book.rules.breakdowns.partitions
    named = [members_named(partitions, p.claim.metric) for p in figures]
    for k in range(len(partitions)):
        got = [n[k] if n else None for n in named]
        if all(i is not None for i in got) and len(set(got)) == len(got):
            return True
    return False


def _plain_metric(ctx: CheckContext, metric: str) -> str:
    """A metric without its period words (上年, 本年 …) and the words that
    keep a metric of the year before the same (rules ``growth.same_scope_words``:
    同口径): 上年办理法律援助案件 and (办理)法律援助案件 name one metric of two
    years (one name may end the other: 全县法律援助案件由…增至…)."""
    metric = ctx.book.period_words.sub("", metric)
    return "".join(ch for ch in metric if ch.isalnum())


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


def change_and_current(ctx: CheckContext, s: Sentence, rate: Placed) -> Optional[tuple[Placed, Placed, bool]]:
    """(X, B, fell) of "B …，较上年增加X …，增长r%": the change stated as an
    amount before the rate (its own change word gives its sign) and the
    nearest figure of its unit before it that is no change and no figure of
    the year before."""
    g = ctx.book.rules.growth
    before = [p for p in s.placed if 0 <= p.end <= rate.start and p.claim.unit_class not in
              ("percent", "date", "duration")]
    change = g.increase_words + g.decrease_words
    for i in range(len(before) - 1, -1, -1):
        x = before[i]
        falls = amount_change(ctx, x.claim.metric_text)
        if falls is None or any(w in x.claim.metric_text for w in g.to_cues):
            continue
        def current(b: Placed) -> bool:
            return b.claim.normalized_unit == x.claim.normalized_unit and \
                not any(w in b.claim.metric_text for w in g.previous_year_words) and \
                not states_change(ctx, b.claim.metric_text) and not previous_kept(ctx, s, b)

        for b in reversed(before[:i]):
            if current(b):
                return x, b, falls
        if i == 0:
            # "1、收入：520.40万元。同比上年增加120.40万元，增长30.10%。": the
            # change opens its sentence: the figure before it names
            # (:func:`~extract.checks.periods.opening_subjects`) is the current one
            found = opening_subjects(ctx, s, x, lambda b, _: current(b)) or _short_named_before(ctx, s, x, current)
            if len(found) == 1:
                return x, found[0], falls
        return None
    return None


def _short_named_before(ctx: CheckContext, s: Sentence, x: Placed, current) -> list[Placed]:
    """This year's figure a change opening its sentence with a short subject
    (支出比上年多X, 收入较上年增加X) is the change of: the one figure of the
    sentence before (in its section) that ``current`` accepts whose name ends
    with that subject (项目全年预算A，实际支出B。支出比上年多X: B)."""
    name = period_free(ctx, clause_name(ctx, s, x))
    prior = ctx.sentence_before(s)
    if len(name) < 2 or prior is None or prior.section != s.section:
        return []
    return [b for b in prior.placed if current(b) and period_free(ctx, clause_name(ctx, prior, b)).endswith(name)]


def restated_change(ctx: CheckContext, s: Sentence, rate: Placed) -> Optional[tuple[Placed, Placed, bool]]:
    """(X, B, fell) of "B，较上年减少r%" whose change amount is stated with
    the same figure elsewhere (1.基本支出预算 900000元，…，同比减少10000元 …
    / 本年一般公共预算基本支出 900000元，较上年减少1.1%): B is the nearest
    figure before the rate (no change, not of the year before); another
    sentence states a figure of B's value and unit named like it (two pairs
    of letters in common) and, as the next figure of its unit after it, a
    change against the year before: that change is X."""
    g = ctx.book.rules.growth
    change = g.increase_words + g.decrease_words
    before = [p for p in s.placed if 0 <= p.end <= rate.start and p.claim.unit_class not in
              ("percent", "date", "duration")]
    if not before:
        return None
    b = before[-1]
    if states_change(ctx, b.claim.metric_text) or previous_kept(ctx, s, b):
        return None
    name = letter_pairs(b.claim.metric)
    value = b.claim.normalized_value
    if value != value:  # NaN: equal to no figure
        return None
    for s2, q in _claims_by_value(ctx).get((b.claim.normalized_unit, value), ()):
        if s2 is s or len(name & letter_pairs(q.claim.metric)) < 2:
            continue
        after = [x for x in s2.placed if x.start >= q.end >= 0 and x.claim.normalized_unit == b.claim.normalized_unit]
        if not after:
            continue
        x = after[0]
        words = x.claim.metric_text
        falls = change_direction(ctx, words)
        if falls is not None and not names_reason(ctx, words) and compares_previous(ctx, s2.text[:x.start]):
            return x, b, falls
    return None


_BY_VALUE: tuple[Optional[weakref.ref], dict] = (None, {})


def _claims_by_value(ctx: CheckContext) -> dict[tuple, list[tuple[Sentence, Placed]]]:
    """The text claims (with their sentences, in text order) by normalized
    unit and value, grouped once for the run of checks of ``ctx``:
    :func:`restated_change` looks for each rate's figure among those of its
    value, not through every claim of the report."""
    global _BY_VALUE
    ref, kept = _BY_VALUE
    if ref is None or ref() is not ctx:
        kept = {}
        for s, p in ctx.text_claims():
            value = p.claim.normalized_value
            if value == value:  # NaN is equal to no figure
                kept.setdefault((p.claim.normalized_unit, value), []).append((s, p))
        _BY_VALUE = (weakref.ref(ctx), kept)
    return kept


def change_and_previous(ctx: CheckContext, s: Sentence, rate: Placed) -> Optional[tuple[Placed, Placed]]:
    """(X, A) of "与上年的A相比，减少X，下降r%": the change stated as an
    amount before the rate and the figure of the year before it."""
    g = ctx.book.rules.growth
    change = g.increase_words + g.decrease_words
    before = [p for p in s.placed if 0 <= p.end <= rate.start and p.claim.unit_class not in
              ("percent", "date", "duration")]
    for i in range(len(before) - 1, -1, -1):
        x = before[i]
        words = x.claim.metric_text
        if not states_change(ctx, words) or any(w in words for w in g.to_cues):
            continue
        for a in reversed(before[:i]):
            if a.claim.normalized_unit == x.claim.normalized_unit and \
                    (any(w in a.claim.metric_text for w in g.previous_year_words) or previous_kept(ctx, s, a)):
                return x, a
        # 比上年增加100万元（上年1,000万元），增长10%
        a = bracketed_previous(ctx, s, x, lambda q: q.claim.normalized_unit == x.claim.normalized_unit)
        if a is not None:
            return (x, a) if a.end <= rate.start else None
        if any(q.claim.normalized_unit == x.claim.normalized_unit for q in before[:i]):
            return None
        # 2023年度收、支总计为A。本年度收支总计比上年多X，增长r%
        a = _previous_named_before(ctx, s, x)
        return (x, a) if a is not None else None
    return None


def _previous_named_before(ctx: CheckContext, s: Sentence, x: Placed) -> Optional[Placed]:
    """The figure of the year before that a change opening its sentence is
    the change of (2023年度收、支总计为A。本年度收支总计比上年多X): the
    nearest in the sentences within reach before it in its section, of X's
    unit and no change, whose clause names X's subject without period words
    (one name holds the other, four letters at least)."""
    name = period_free(ctx, clause_name(ctx, s, x))
    if len(name) < 4:
        return None
    s2: Optional[Sentence] = s
    for _ in range(ctx.book.rules.operands.reach_sentences):
        s2 = ctx.sentence_before(s2)
        if s2 is None or s2.section != s.section:
            break
        for q in reversed(s2.placed):
            if q.claim.normalized_unit != x.claim.normalized_unit or states_change(ctx, q.claim.metric_text) \
                    or not previous_kept(ctx, s2, q):
                continue
            other = period_free(ctx, clause_name(ctx, s2, q))
            if len(other) >= 4 and (other in name or name in other):
                return q
    return None


def _ends_name(name: str, other: str) -> bool:
    """Whether one subject (period-free, two letters at least) ends the
    other (支出 / 部门支出)."""
    return len(name) >= 2 and len(other) >= 2 and (name.endswith(other) or other.endswith(name))


def _named_around(ctx: CheckContext, s: Sentence, rate: Placed) -> list[tuple[Placed, Placed]]:
    """(上年 A, B) for a rate whose sentence states no figure before it and
    whose clause names its subject (全年支出440万元。2023年部门支出为500万元。
    本年支出同比下降12%): A the nearest figure of the year before in the
    sentences within reach before it in its section, named like the subject
    (one name ends the other, period words left out), B the nearest figure of
    this year of A's unit named like it in those sentences; each the one so
    named in its sentence."""
    if rate.start < 0 or any(0 <= p.end <= rate.start and p.claim.unit_class not in
                             ("percent", "date", "duration") for p in s.placed):
        return []
    name = period_free(ctx, clause_name(ctx, s, rate))
    if len(name) < 2:
        return []
    pool: list[Sentence] = []
    s2: Optional[Sentence] = s
    for _ in range(ctx.book.rules.operands.reach_sentences):
        s2 = ctx.sentence_before(s2)
        if s2 is None or s2.section != s.section:
            break
        pool.append(s2)

    def named(s2: Sentence, previous: bool, unit=None) -> list[Placed]:
        return [q for q in s2.placed if q.claim.unit_class not in ("percent", "date", "duration")
                and (unit is None or q.claim.normalized_unit == unit)
                and not states_change(ctx, q.claim.metric_text) and not _of_earlier(ctx, q)
                and previous_kept(ctx, s2, q) == previous
                and any(_ends_name(name, other) or same_metric(ctx, name, other, s) for other in
                        (period_free(ctx, clause_name(ctx, s2, q)), period_free(ctx, q.claim.metric)))]

    a = next((found for found in (named(x, True) for x in pool) if found), [])
    if len(a) != 1:
        return []
    b = next((found for found in (named(x, False, a[0].claim.normalized_unit) for x in pool) if found), [])
    return [(a[0], b[0])] if len(b) == 1 else []


def _under_item(ctx: CheckContext, s: Sentence) -> bool:
    """Whether ``s``'s section or one above it is headed by an item of its
    own (rules ``growth.item_heading``: （一）电商培训项目)."""
    rx = ctx.book.item_heading
    if rx is None or not s.section:
        return False
    sections = {sec.id: sec for sec in ctx.report.sections}
    sec = sections.get(s.section)
    while sec is not None:
        if rx.search(sec.title):
            return True
        sec = sections.get(sec.parent) if sec.parent else None
    return False


def _executed_for(ctx: CheckContext, s: Sentence, previous: Placed) -> Optional[Operand]:
    """This year's spending of the report's budget facts (its 执行数) for a
    growth of spending whose sentence and neighbours state only the year
    before's (上年同口径支出为600万元，本年较上年提高10% under a table of the
    year's 实际支出): when ``previous`` is named by a spending name alone
    (rules ``growth.spending_names``) and the fact is of its unit."""
    if previous_name(ctx, s, previous) not in ctx.book.spending_names or _under_item(ctx, s):
        return None
    executed = budget_operand(ctx, "executed", "执行数")
    if executed is None or executed.figure is previous.claim or \
            executed.figure.normalized_unit != previous.claim.normalized_unit:
        return None
    return executed


def stated_magnitude(ctx: CheckContext, c) -> Interval:
    """:func:`~extract.checks.figures.rate_magnitude` of ``c``."""
    return rate_magnitude(c, ctx.book)


def _signed(iv: Interval, decline: bool) -> Interval:
    return Interval(-iv.hi, -iv.lo) if decline else iv


def _zero_base(ctx: CheckContext, s: Sentence, rate: Placed) -> Optional[str]:
    """The words before ``rate`` in its sentence, since its last ；, that say
    the year before had none (rules ``growth.zero_base``: 上年该项支出为0，同比
    增长100%), if any."""
    pattern = ctx.book.zero_base
    if pattern is None or rate.start < 0:
        return None
    before = s.text[:rate.start]
    run = before[max(before.rfind("；"), before.rfind(";")) + 1:]
    m = pattern.search(run)
    return m.group(0) if m is not None else None


def judge_growth(ctx: CheckContext, s: Sentence, rate: Placed, kind: GrowthKind) -> CheckResult:
    c = rate.claim
    ends = from_to_years(ctx, s, rate)
    pairs = [(ends[0], ends[1])] if ends else ([] if kind.average else previous_and_current(ctx, s, rate))
    if not pairs and not kind.average:
        pairs = _named_around(ctx, s, rate)
    pair = pairs[0] if pairs else None
    missing = "未找到增长的起点和终点数值" if kind.average else "未给出上年数"
    years = 1
    if pair is not None and kind.average:
        stated_years = (ends[2], ends[3]) if ends and ends[2] and ends[3] else None
        span = stated_years or year_span(ctx, s, pair[0])
        if span is None or span[1] <= span[0]:
            pair, missing = None, "未给出年份跨度"
        else:
            years = span[1] - span[0]
    # The stated change, signed by its direction word; the readings give
    # the signed change, so a fall written as 增长 fails.
    stated = _signed(stated_magnitude(ctx, c), kind.decline)
    decimals = max(c.precision + 1, 2)
    readings: list[Reading] = []
    operand_pairs = [tuple(claim_operand(p.claim) for p in ends_of) for ends_of in pairs] if pair is not None else []
    if not pairs and not kind.average and ends is None:
        previous = previous_figure(ctx, s, rate)
        if previous is not None:
            missing = "未找到本年数"
            executed = _executed_for(ctx, s, previous)
            if executed is not None:
                operand_pairs = [(claim_operand(previous.claim), executed)]
    if not operand_pairs and not kind.average and not kind.decline:
        zero = _zero_base(ctx, s, rate)
        if zero is not None:
            return make_result(ctx, RULE, RULE, "fail",
                               f"{c.metric or RULE} {stated_text(c)}：上年为零（“{zero}”），"
                               f"增长率无从计算，不应写出百分比", expected="0", stated=stated_text(c),
                               quote=ctx.quote_sentence(s), locations=[c.location])
    for a, b in operand_pairs:
        if a.figure.normalized_value == 0:
            return make_result(ctx, RULE, RULE, "fail",
                               f"{c.metric or RULE} {stated_text(c)}：起点 {stated_text(a.figure)} 为零，"
                               f"增长率无从计算，不应写出百分比", expected="0", stated=stated_text(c),
                               quote=ctx.quote_sentence(s), locations=[c.location, a.location, b.location])
        iv = compound_growth_interval(interval_of(ctx, a.figure), interval_of(ctx, b.figure),
                                      years)
        nominal = compound_growth_interval(Interval.exact(a.figure.normalized_value),
                                           Interval.exact(b.figure.normalized_value), years)
        expected = show_interval(nominal, decimals, "%") if nominal else "?"
        how = f"{years}年复合" if kind.average and years > 1 else "增幅"
        readings.append(Reading((a, b), iv, True, expected,
                                f"{stated_text(a.figure)}→{stated_text(b.figure)}（{how}）={expected}"))
    if not kind.average:
        prior = change_and_previous(ctx, s, rate)
        if prior is not None:
            x, a = prior
            xo, ao = claim_operand(x.claim), claim_operand(a.claim)
            ratio = ratio_interval(interval_of(ctx, x.claim), interval_of(ctx, a.claim),
                                   percent=True)
            fell = kind.decline
            nominal = x.claim.normalized_value * 100 / a.claim.normalized_value if a.claim.normalized_value else None
            expected = show(-nominal if fell and nominal is not None else nominal, decimals, "%")
            readings.append(Reading((ao, xo), _signed(ratio, fell) if ratio else None, True, expected,
                                    f"{stated_text(x.claim)}/{stated_text(a.claim)}={expected}"))
    respective = None if kind.average else _respective_reading(ctx, s, rate, decimals)
    if respective is not None:
        readings = [respective]
    elif pair is None and not kind.average:
        found = change_and_current(ctx, s, rate) or restated_change(ctx, s, rate)
        if found is not None:
            x, b, fell = found
            readings.append(change_over_current(ctx, x.claim, b.claim, fell, decimals))

    if not readings and not kind.average:
        readings = _table_row_readings(ctx, s, rate, decimals)

    def explain(r: Reading) -> str:
        flipped = Interval(-stated.hi, -stated.lo)
        return "（数值相符而方向相反：增减方向词写反）" if r.interval is not None and holds(r.interval, flipped) else ""

    return judge_readings(ctx, RULE, s, c, readings, missing, stated=stated, explain=explain)


_ROW_ORDINAL = re.compile(r"^\s*(?:其中[：:]?|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])\s*")


def _row_label(row: list[str]) -> str:
    """A table row's label: its first cell that is no number, without an ordinal."""
    first = next((x.strip() for x in row if x.strip() and change_cell(x) is None), "")
    return "".join(_ROW_ORDINAL.sub("", first).split())


def _table_row_readings(ctx: CheckContext, s: Sentence, rate: Placed, decimals: int) -> list[Reading]:
    """A year-on-year rate whose sentence states neither year's figure but
    names a row of a two-year table (表1 上年数 | 本年数 …, then 商品和服务支出
    较上年降幅为x%): (本年 − 上年) / 上年 of that row, pinned; of the label
    named last before the rate in its clause (the longest where two end
    there), each table stating it."""
    kept = ctx.kept("growth.two_year_rows")
    rows: Optional[list[TableChange]] = kept.get(0)
    if rows is None:
        rows = kept[0] = two_year_rows(ctx.report.tables, ctx.book)
    if not rows or rate.start < 0:
        return []
    clause = s.text[max((m.end() for m in CLAUSE_BREAK.finditer(s.text[:rate.start])), default=0):rate.start]
    named: list[tuple[int, int, TableChange, str]] = []
    for row in rows:
        label = _row_label(row.row)
        at = clause.rfind(label) if len(label) >= 2 else -1
        if at >= 0:
            named.append((at + len(label), len(label), row, label))
    if not named:
        return []
    end, size = max((e, n) for e, n, _, _ in named)
    words = clause[end:]
    out: list[Reading] = []
    for _, _, (table, r, row, cols, a, b), label in [x for x in named if x[:2] == (end, size)]:
        if a[0] == 0 or _measure_conflict(ctx, table, r, cols, words):
            continue
        iv = compound_growth_interval(stated_interval(*a), stated_interval(*b), 1)
        expected = show((b[0] - a[0]) * 100 / a[0], decimals, "%")
        operands = tuple(Operand(_cell_figure(table, r, col, row[col].strip(), value),
                                 f"{table_name(table)} {label}", f"table:{table.id}:{r}")
                         for col, value in ((cols.previous, a), (cols.current, b)))
        out.append(Reading(operands, iv, True, expected,
                           f"{table_name(table)} {label} ({row[cols.current].strip()}−{row[cols.previous].strip()})/"
                           f"{row[cols.previous].strip()}={expected}"))
    return out


def _measure_conflict(ctx: CheckContext, table, r: int, cols, words: str) -> bool:
    """Whether the two-year columns of ``table`` (their header: the last row
    above ``r`` naming them) measure what the rate's ``words`` do not
    (rules ``growth.table_measure_conflicts``: 预算数 columns, 支出 words)."""
    conflicts = ctx.book.rules.growth.table_measure_conflicts
    if not conflicts or not words:
        return False
    grid = table.grid(filled=False)
    header = next((grid[k] for k in range(r - 1, -1, -1)
                   if max(cols.previous, cols.current) < len(grid[k])
                   and not change_cell(grid[k][cols.previous])), None)
    if header is None:
        return False
    columns = header[cols.previous] + header[cols.current]
    return any(any(w in columns for w in c.columns) and not any(w in words for w in c.columns)
               and any(w in words for w in c.rate_words) for c in conflicts)


def _cell_figure(table, r: int, col: int, text: str, value: tuple) -> Quantity:
    """A two-year table's cell as a figure of the table's unit (a growth
    reading's operand: only its place and text are read)."""
    return Quantity(text=text, value=value[0], unit=table.unit or "", normalized_value=value[0],
                    precision=value[1], location=cell_location(table, r, col))


def check_growth(ctx: CheckContext) -> list[CheckResult]:
    """One result per stated growth rate of the text and per change-rate
    cell of a two-year table."""
    return ctx.judge_claims(growth_kind, judge_growth) + check_table_growth(ctx)


# ---------------------------------------------------------------- table rows

def check_table_growth(ctx: CheckContext) -> list[CheckResult]:
    """One result per change-rate cell of a two-year table (增减率 against
    (本年 − 上年) / 上年; from a zero base a stated rate is an error)."""
    out: list[CheckResult] = []
    for table, r, row, cols, a, b in ctx.relations.table_changes:
        if cols.rate is None or cols.rate >= len(row):
            continue
        text = row[cols.rate].strip()
        stated = change_cell(text)
        if stated is None or "%" not in text and "％" not in text:
            continue
        label = next((t.strip() for t in row if t.strip() and change_cell(t) is None), "")
        locs = [cell_location(table, r, cols.rate), cell_location(table, r, cols.previous), cell_location(table, r, cols.current)]
        quote = ctx.quotes.row(table, r)
        head = f"{table_name(table)} {label} 增减率 {text}"
        if a[0] == 0:
            out.append(make_result(ctx, RULE, RULE, "fail",
                                   f"{head}：上年数 {row[cols.previous].strip()} 为零，增长率无从计算，不应写出百分比",
                                   expected="0", stated=text, quote=quote, locations=locs))
            continue
        iv = compound_growth_interval(stated_interval(*a), stated_interval(*b), 1)
        if iv is None:
            continue
        ok = holds(iv, stated_interval(*stated))
        expected = show((b[0] - a[0]) * 100 / a[0], max(stated[1], 2), "%")
        out.append(make_result(ctx, RULE, RULE, "pass" if ok else "fail",
                               f"{head} 与 ({row[cols.current].strip()}−{row[cols.previous].strip()})/"
                               f"{row[cols.previous].strip()}={expected} {'相符' if ok else '不符'}",
                               expected=expected, stated=text, quote=quote, locations=locs))
    return out
