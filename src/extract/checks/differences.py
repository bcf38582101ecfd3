"""Differences: 结余 / 差额 … against the figures they are the difference of.

:func:`check_differences` takes the check context and returns one
CheckResult per stated difference (a figure whose words hold a word of
rules ``differences``, unless its words match ``not_words``: 上年结转 is
money carried in). Its readings (:func:`readings`): the budget's (调整后预算,
else 年初预算, minus 执行数, when they stand with it) and every minuend and
subtrahend that the rule's words name among the figures around it (its
sentence, then its neighbours) are pinned; the budget facts and any other
pair of its unit nearby are not. Passes when a reading holds, fails when
none does and one is pinned, else skipped. A balance is never negative
(``never_negative``): spending above the budget leaves 0. A change
against the year before with no figure of that year is read through the
growth rate stated after it (:func:`_through_growth`).
结余 1247.01 against 7406.91 − 6159.9 holds.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..model import CheckResult, Claim
from .context import CheckContext, Placed, Sentence, make_result
from .growth import compares_previous, is_previous
from .figures import cell_number, figure_interval, in_unit, show, stated_text
from .relations.tables import cell_location, table_name
from .operands import Operand, Reading, budget_operand, budget_pairs, claim_operand, judge_readings
from .rulebook import rule_for
from .tolerance import Interval, holds, stated_interval

RULE = "difference"


def difference_rule(ctx: CheckContext, p: Placed) -> Optional[int]:
    """Index of the difference rule ``p`` states, if any."""
    c = p.claim
    if c.unit_class in ("percent", "date", "duration", "none"):
        return None
    i = rule_for(ctx.book.rules.differences, c.metric_text)
    if i is None:
        return None
    not_words = ctx.book.difference_not_words[i]
    return None if not_words is not None and not_words.search(c.metric_text) else i


def _reading(ctx: CheckContext, c: Claim, a: Operand, b: Operand, pinned: bool, floor: bool) -> Reading:
    iv = figure_interval(a.figure, ctx.book) - figure_interval(b.figure, ctx.book)
    nominal = a.figure.normalized_value - b.figure.normalized_value
    if floor and pinned and iv.lo < 0:
        # spending above the budget leaves no balance: 0
        iv = Interval(max(iv.lo, Decimal(0)) if iv.hi >= 0 else Decimal(0), max(iv.hi, Decimal(0)))
        nominal = max(nominal, Decimal(0))
    expected = show(in_unit(nominal, c), max(c.precision, a.figure.precision, b.figure.precision), c.unit)
    return Reading((a, b), iv, pinned, expected, f"{a.label} − {b.label} = {expected}")


def readings(ctx: CheckContext, s: Sentence, p: Placed, index: int) -> list[Reading]:
    """The readings of a stated difference, pinned first: the budget's
    (预算 − 执行数, standing together), then every minuend and subtrahend
    nearby that the rule's words name (not figures of the year before),
    then the budget facts and any other pair of its unit nearby."""
    c = p.claim
    rule = ctx.book.rules.differences[index]
    near = ctx.neighbourhood(s, p, ctx.book.rules.operands.reach_sentences)
    near = [(s2, q) for s2, q in near if q.claim.normalized_unit == c.normalized_unit]
    prior = ctx.book.rules.growth.previous_year_words
    own_prior = any(w in c.metric_text for w in prior)
    # a part of a stated whole (其中基本支出预算) is no operand of the whole's balance
    parts = ctx.wholes_of
    own_part = id(c) in parts

    def named(pattern, unless=None) -> list[Claim]:
        if pattern is None:
            return []
        return [q.claim for s2, q in near if pattern.search(ctx.words_of(s2, q))
                and not (unless is not None and unless.search(q.claim.metric_text))
                and (own_part or id(q.claim) not in parts)
                and (own_prior or not any(w in q.claim.metric_text for w in prior))]

    pinned: list[tuple[Operand, Operand]] = []
    loose: list[tuple[Operand, Operand]] = []
    if rule.budget:
        pinned += [(budget, executed) for executed, budget in budget_pairs(ctx, c, "balance")]
        executed = budget_operand(ctx, "executed", "执行数")
        for role, name in (("adjusted", "调整后预算"), ("initial", "年初预算")):
            budget = budget_operand(ctx, role, name)
            if executed is not None and budget is not None:
                loose.append((budget, executed))
    minuends = named(ctx.book.difference_minuends[index])
    subtrahends = named(ctx.book.difference_subtrahends[index], ctx.book.difference_subtrahend_not[index])
    pinned += [(claim_operand(a), claim_operand(b)) for a in minuends for b in subtrahends if a is not b]
    if not pinned:  # pinned readings alone count where some are
        figures = [q.claim for _, q in near]
        ops = {id(f): claim_operand(f) for f in figures}
        loose += [(ops[id(a)], ops[id(b)]) for a in figures for b in figures if a is not b]
    out, seen = [], set()
    for pairs, is_pinned in ((pinned, True), (loose, False)):
        for a, b in pairs:
            key = (id(a.figure), id(b.figure))
            if key in seen or not (a.figure.normalized_unit == b.figure.normalized_unit == c.normalized_unit):
                continue
            seen.add(key)
            out.append(_reading(ctx, c, a, b, is_pinned, rule.never_negative))
    return out


def judge_difference(ctx: CheckContext, s: Sentence, p: Placed, index: int) -> CheckResult:
    return judge_readings(ctx, RULE, s, p.claim, readings(ctx, s, p, index), "未在附近找到被减数和减数")


def change_kind(ctx: CheckContext, p: Placed) -> Optional[bool]:
    """For a stated change (较上年减少0.84万元, 提高4.53个百分点: a change word
    in its words, a comparison cue before it in its sentence, no percent):
    True when it is a fall, False when a rise; None for anything else."""
    c = p.claim
    g = ctx.book.rules.growth
    words = c.metric_text
    if c.unit == "%" or c.unit_class in ("date", "duration", "none") or \
            not any(w in words for w in g.increase_words + g.decrease_words) or difference_rule(ctx, p) is not None:
        return None
    if c.unit_class == "percent" and c.unit not in ctx.book.rules.operands.point_units:
        return None
    if any(w in words for w in g.to_cues):
        return None
    hits = [(words.rfind(w), w in g.decrease_words) for w in g.increase_words + g.decrease_words if w in words]
    before = c.sentence[:p.start] if p.start >= 0 else ""
    if not hits or not compares_previous(ctx, before):
        return None
    return max(hits)[1]


def _comparable(c: Claim, other: Claim, ctx: CheckContext) -> bool:
    """Figures a change of ``c``'s unit is taken between: its own unit, or
    percents for percentage points."""
    if c.unit in ctx.book.rules.operands.point_units:
        return other.unit == "%"
    return other.normalized_unit == c.normalized_unit


def judge_change(ctx: CheckContext, s: Sentence, p: Placed, fell: bool) -> CheckResult:
    """A stated change against the figure of the year before and the current
    one: the previous figure (:func:`~extract.checks.growth.is_previous`, in
    its sentence before it, else in the sentence before) and the current
    ones: in its sentence before it (pinned); for percentage points, else
    this year's rate of the same metric in the report (pinned:
    :func:`same_rates`); other figures nearby (not)."""
    c = p.claim
    g = ctx.book.rules.growth
    change = g.increase_words + g.decrease_words
    points = c.unit in ctx.book.rules.operands.point_units

    def previous_of(s2: Sentence, end: int) -> list[Placed]:
        return [q for q in s2.placed if 0 <= q.end <= end and q is not p and _comparable(c, q.claim, ctx)
                and is_previous(ctx, s2, q) and not any(w in q.claim.metric_text for w in change)]

    before = [q for q in s.placed if 0 <= q.end <= p.start and q is not p and _comparable(c, q.claim, ctx)]
    prior = previous_of(s, p.start)
    if not prior and points:
        # 上年支付率为91.36%。本年提高3.14个百分点。
        prev = ctx.sentence_before(s)
        prior = previous_of(prev, len(prev.text)) if prev is not None and prev.section == s.section else []
    readings: list[Reading] = []
    if prior:
        a = prior[-1]

        def current(s2: Sentence, q: Placed) -> bool:
            # no change figure (a to-cue figure, 提高到93.6%, is the current one)
            words = q.claim.metric_text
            return q is not a and q is not p and not is_previous(ctx, s2, q) and \
                (not any(w in words for w in change) or any(w in words for w in g.to_cues))

        own = [q for q in before if current(s, q)][-1:]
        if not own and points:
            own = same_rates(ctx, s, p, a, current)
        near = ctx.neighbourhood(s, p, ctx.book.rules.operands.reach_sentences, ("date", "duration"))
        loose = [q for s2, q in near if q not in own and _comparable(c, q.claim, ctx) and current(s2, q)]
        for group, pinned in ((own, True), (loose, False)):
            for b in group:
                ao, bo = claim_operand(a.claim), claim_operand(b.claim)
                hi, lo = (ao, bo) if fell else (bo, ao)
                iv = _value_interval(ctx, hi) - _value_interval(ctx, lo)
                nominal = hi.figure.value - lo.figure.value if points \
                    else in_unit(hi.figure.normalized_value - lo.figure.normalized_value, c)
                expected = show(nominal, max(c.precision, a.claim.precision, b.claim.precision), c.unit)
                readings.append(Reading((hi, lo), iv, pinned, expected, f"{hi.label} − {lo.label} = {expected}"))
    if not prior and c.unit_class == "money":
        readings += _through_growth(ctx, s, p, fell, before)
    stated = figure_interval(c, ctx.book)
    return judge_readings(ctx, RULE, s, c, readings, "未找到本年数" if prior else "未给出上年数", stated=stated)


def rate_name(ctx: CheckContext, words: str) -> str:
    """A rate's name without its period, comparison and change words
    (本年执行率较上年提高 -> 执行率, 上年同类项目执行率为 -> 同类项目执行率)."""
    g = ctx.book.rules.growth
    drop = g.previous_year_words + g.current_year_words + g.comparison_cues + g.increase_words + \
        g.decrease_words + ctx.book.rules.consistency.report_period_words
    words = ctx.book.year_cue.sub("", words)
    for w in sorted(set(drop), key=len, reverse=True):
        words = words.replace(w, "")
    return "".join(ch for ch in words if ch.isalnum()).strip("为是达的")


def _same_name(a: str, b: str) -> bool:
    """Two rate names of one metric: one ends the other, or they share an
    ending of at least three characters (预算执行率 / 同类项目执行率)."""
    if not a or not b:
        return False
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n >= 3 or (n >= 2 and n == min(len(a), len(b)))


def same_rates(ctx: CheckContext, s: Sentence, p: Placed, prior: Placed, current) -> list[Placed]:
    """This year's rates of the metric a percentage-point change names (its
    own words, else the previous year's rate's: 上年支付率为91.36%，本年提高
    3.14个百分点 names 支付率), anywhere in the report, nearest first: the
    words pin them as the current figure."""
    name = rate_name(ctx, p.claim.metric_text) or rate_name(ctx, prior.claim.metric_text)
    if not name:
        return []
    idx = {id(s2): i for i, s2 in enumerate(ctx.sentences)}
    here = idx.get(id(s), 0)
    found = [(abs(idx[id(s2)] - here), k, q) for k, (s2, q) in enumerate(ctx.text_claims())
             if q.claim.unit == "%" and current(s2, q) and _same_name(name, rate_name(ctx, q.claim.metric_text))]
    return [q for _, _, q in sorted(found, key=lambda f: (f[0], f[1]))]


def _through_growth(ctx: CheckContext, s: Sentence, p: Placed, fell: bool, before: list[Placed]) -> list[Reading]:
    """"B。同比上年增加X，增长r%" states no figure of the year before, but
    B and r fix it (B / (1 ± r)), so X must be B·r / (1 + r) (a fall:
    B·r / (1 − r)). B: the nearest figure of X's unit before it in its
    sentence, or, when X opens its sentence, the single one of the sentence
    before in its section; r: the percent right after X whose words hold a
    change word. Pinned: the words tie the three."""
    g = ctx.book.rules.growth
    change = g.increase_words + g.decrease_words
    c = p.claim

    def current(q: Placed) -> bool:
        words = q.claim.metric_text
        return q.claim.normalized_unit == c.normalized_unit and \
            not any(w in words for w in change + g.previous_year_words)

    own = [q for q in before if current(q)]
    if own:
        b = own[-1]
    else:
        prev = ctx.sentence_before(s)
        found = [q for q in prev.placed if current(q)] if prev is not None and prev.section == s.section else []
        if before or len(found) != 1:
            return []
        b = found[0]
    after = [q for q in s.placed if q.start >= p.end >= 0]
    if not after or after[0].claim.unit != "%" or not any(w in after[0].claim.metric_text for w in change):
        return []
    rate = after[0].claim
    r = stated_interval(rate.value, rate.precision).scaled(Decimal("0.01"))
    bi = figure_interval(b.claim, ctx.book)
    if r.lo < 0 or (fell and r.hi >= 1):
        return []
    lo = bi.lo * r.lo / ((1 - r.lo) if fell else (1 + r.lo))
    hi = bi.hi * r.hi / ((1 - r.hi) if fell else (1 + r.hi))
    rv = rate.value / 100
    nominal = in_unit(b.claim.normalized_value * rv / ((1 - rv) if fell else (1 + rv)), c)
    expected = show(nominal, max(c.precision, b.claim.precision), c.unit)
    sign = "−" if fell else "+"
    bo, ro = claim_operand(b.claim), claim_operand(rate)
    return [Reading((bo, ro), Interval(lo, hi), True, expected,
                    f"{bo.label}×{stated_text(rate)}/(1{sign}{stated_text(rate)}) = {expected}")]


def _value_interval(ctx: CheckContext, o: Operand) -> Interval:
    """An operand's interval in the unit a change is stated in (percent
    points compare stated percents; other figures their normalized value)."""
    f = o.figure
    if f.unit == "%":
        return stated_interval(f.value, f.precision)
    return figure_interval(f, ctx.book)


def check_table_changes(ctx: CheckContext) -> list[CheckResult]:
    """One result per change-amount cell of a two-year table (增减额 against
    本年 − 上年)."""
    out: list[CheckResult] = []
    for table, r, row, cols, a, b in ctx.relations.table_changes:
        if cols.amount is None or cols.amount >= len(row):
            continue
        text = row[cols.amount].strip()
        stated = cell_number(text.replace("−", "-"))
        if stated is None:
            continue
        iv = stated_interval(*b) - stated_interval(*a)
        ok = holds(iv, stated_interval(*stated))
        expected = show(b[0] - a[0], max(a[1], b[1]))
        label = next((t.strip() for t in row if t.strip() and cell_number(t.strip()) is None), "")
        cells = (cols.amount, cols.current, cols.previous)
        out.append(make_result(ctx, RULE, RULE, "pass" if ok else "fail",
                               f"{table_name(table)} {label} 增减额 {text} 与 {row[cols.current].strip()} − "
                               f"{row[cols.previous].strip()} = {expected} {'相符' if ok else '不符'}",
                               expected=expected, stated=text, quote=ctx.quotes.row(table, r),
                               locations=[cell_location(table, r, c) for c in cells]))
    return out


def check_differences(ctx: CheckContext) -> list[CheckResult]:
    """One result per stated difference of the text and per change-amount
    cell of a two-year table."""
    return ctx.judge_claims(difference_rule, judge_difference) + ctx.judge_claims(change_kind, judge_change) + \
        check_table_changes(ctx)
