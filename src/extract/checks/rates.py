"""Rates: 支出率 / 执行率 / 完成率 / 合格率 / 占比 / 占…的X% against their operands.

:func:`check_rates` takes the check context and returns one CheckResult per
stated rate: a figure in a rate unit (rules ``operands.rate_units``: %, ‰)
whose words hold a rate word of rules ``rates`` or end in a share cue
(``占参训总人次的``), and one per rate cell of a 自评表 budget row
(:func:`check_table_rates`).

The readings of a text rate come from the figures around it
(:meth:`~extract.checks.context.CheckContext.neighbourhood`: its sentence in
any order, then the sentences before and after it) and from the report's
budget facts. Readings pinned by the words:

1. the budget (``budget: true`` rules, when the rate is the report's budget
   execution rate and its figures stand with it): 执行数 / 调整后预算 (or
   年初预算);
2. ``X …，其中 Y …，R%``: Y / X;
3. the nearest figures whose words match the rule's ``numerator`` and
   ``denominator`` expressions ("合计288.10万元，实际发放251.63万元，执行率87.34%");
4. a share ``A…占B的R%``: A, the figure before the cue in the sentence, over
   any larger figure of its unit nearby;
5. where 3. found no pair in the rate's own sentence, the two figures of one
   unit stated before the rate in it ("抽取500件，合格487件，合格率97.4%");
6. a rate naming a subject (被征地农民养老保险补贴执行率): the 执行数 / 预算数
   of the table row labelled with it;
7. a numerator its words pin in the rate's sentence and the figure of its
   chapter named by the numerator's subject ("中央财政资金已支付A，支付率r"
   over 中央财政资金B);
8. a share of a complete division ("A，占x%；B，占y%" whose shares add up to
   100% within a unit a share): A over the sum of the parts;
9. a share naming a form cell as its whole (占项目支出执行数的: the funds row
   项目支出, column 全年执行数), its part a back-referring count's sum
   (上述三项资金 after 三项合计5,378.20万元);
10. a base stated for a calculation (按林地面积186.4万亩计算) in the rate's
    sentence or its clause next to it: the figure of its unit in the rate's
    clause over it;
11. a lone count of the rate's clause naming its subject (受理投诉7件，投诉率
    0.6%) over the one total of its unit the chapter states with parts;
12. a rate naming no subject (全年资金执行率) in a report with a 自评表: the
    form's total funds row (年度资金总额 全年执行数 / 全年预算数).

A rate on a label line (执行率：94.26%) is named by its label and reads
the block of label lines around it. A percent stated as the sum of the
shares listed before it (三项合计为100.01%) is checked against their sum.

3. takes its pair from the rate's own sentence or line, or — for a rate
whose words name no subject (rules ``operands.generic_rate_words``:
全年预算执行率) — from the sentences around it. Not rates: a percent that
is the condition of a scoring rule (执行率超过100%的按100%计) and a rate
stated as an aim (:meth:`~extract.checks.context.CheckContext.states_aim`).

Unpinned readings: every other pair of figures of one unit nearby, the
smaller over the larger, and the budget facts. The rate passes when any reading holds (a rate stated capped,
rules ``cap``, holds at the cap), fails when none holds and some reading is
pinned, and is skipped otherwise. The comparison is interval arithmetic
(:func:`~extract.checks.tolerance.ratio_interval`): 83.2% against
6159.9 / 7406.91 = 83.164…% holds, 1912.30 for 1921.30 does not.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import functools
import itertools
import operator
import re
import weakref
from decimal import Decimal
from typing import Iterator, Optional

from ..claims import metric_words
from ..quantities import find_quantities
from ..structure.tables import header_label
from ..model import CheckResult, Claim, Quantity
from .context import CLAUSE_BREAK, CheckContext, Placed, Sentence, make_result
from .figures import (Figure, cell_number, glued_to_money, cue_rule, interval_of, show, stated_text, table_grid, table_header_columns,
                      unit_factor)
from .periods import parallel_lists, whole_above
from .operands import (Operand, Reading, budget_operand, budget_pairs, kept_operand, counted_words, head_terms,
                       judge_readings, named_by_words, named_figure, names_head, names_remainder, own_words,
                       pair_nearby, part_with_rate, previous_kept, stated_rate, trailing_words)
from ..rulefiles.checks import RateRule
from .relations.tables import cell_location, table_name
from .rulebook import rule_for
from .screen import any_word
from .tolerance import Interval, holds, ratio_interval, stated_interval

RULE = "rate"
#: The rate kind of a share (占…的X%) that names no rate word.
SHARE = -1
#: The rate kind of a completion against a target (为目标值的104.29%,
#: 完成年度目标120公里的80.3%): the achieved figure over the target.
TARGET = -2
#: The kind of a percent stated as the sum of the shares listed before it
#: (三项合计为100.01%: rules ``operands.share_total``).
SHARE_TOTAL = -3


def rate_rule(ctx: CheckContext, p: Placed) -> Optional[int]:
    """Index of the rate rule ``p`` states (:data:`SHARE` for a bare
    share), if it is a rate: :func:`read_rate_rule`, read once per figure
    in a run of checks (the rates of a sentence are asked for by each of
    its rates' clauses)."""
    c = p.claim
    if c.unit not in ctx.book.rules.operands.rate_units or c.operator is not None and c.qualifier is None:
        return None  # (no rate: read_rate_rule's first test, before the look-up; most figures are none)
    kept = ctx.kept("rate_rule")
    found = kept.get(id(p), kept)
    if found is kept:
        found = kept[id(p)] = read_rate_rule(ctx, p)
    return found


def _rx(ctx: CheckContext, pattern: str) -> re.Pattern:
    """``re.compile(pattern)`` of a pattern of the rules, kept for the run
    of checks (the rate checks try a few on every percent and every rate)."""
    kept = ctx.kept("patterns")
    got = kept.get(pattern)
    if got is None:
        got = kept[pattern] = re.compile(pattern)
    return got


def read_rate_rule(ctx: CheckContext, p: Placed) -> Optional[int]:
    """Index of the rate rule ``p`` states (:data:`SHARE` for a bare
    share), if it is a rate."""
    c = p.claim
    if c.unit not in ctx.book.rules.operands.rate_units or c.operator is not None and c.qualifier is None:
        return None
    if ctx.states_aim(c):
        return None  # 二、绩效目标 …满意度95%以上: an aim, checked as a target, not a measured rate
    condition = ctx.book.rules.operands.condition_after
    if condition and p.end >= 0 and _rx(ctx, condition).match(c.sentence[p.end:]):
        return None  # 执行率超过100%的按100%计: a scoring rule's condition
    allocation = ctx.book.rules.operands.allocation_after
    if allocation and p.end >= 0 and re.match(allocation, c.sentence[p.end:]):
        return None  # 按数量和库容各占50%的比例分配: an allocation's weight, not a share stated
    aim = ctx.book.rules.operands.aim_value_before
    if aim and _rx(ctx, aim).search(c.metric_text):
        return None  # 到位率绩效目标值是100%: the indicator's aim, not its rate
    bound = ctx.book.rules.operands.bound_before
    if bound and _rx(ctx, bound).search(c.metric_text):
        return None  # 预算执行率未达100%的原因: a bound the rate is compared with, not a rate stated
    factor = ctx.book.rules.operands.factor_before
    if factor and p.start >= 0 and re.search(factor, c.sentence[:p.start]):
        return None  # 执行率=执行数÷预算数×100%=98.00%: the ×100% is the formula's factor, its rate is 98.00%
    counted_as = ctx.book.rules.operands.counted_as
    if counted_as and p.start >= 0 and _rx(ctx, counted_as[0]).search(c.sentence[:p.start]) \
            and _rx(ctx, counted_as[1]).match(c.sentence[p.end:]):
        return None  # 超出预算的，执行率按100%计: how a rate is counted, not a rate measured
    hit = ctx.placed_at(c.location)
    words = own_words(p, hit[0] if hit is not None else None)  # a label's value (执行率：94.26%) is named by its label
    found = rule_for(ctx.book.rules.rates, words)
    if found is not None and any(w in words for w in ctx.book.rules.rates[found].not_words):
        return None  # 增长率 is a change (the growth check's), 利率 a price
    if found is None and hit is not None:
        # the second share of 占比分别为80%、20% is stated by the first's words
        respective = _respective_shares(ctx, hit[0], p)
        if respective is not None and respective[2][0] is not p:
            return rate_rule(ctx, respective[2][0])
    if found is None and hit is not None:
        # 执行率由上年的88.0%提高到95.0%: the end of a rate's change is a rate of its start's rule
        start = _change_start(ctx, hit[0], p)
        if start is not None:
            return rate_rule(ctx, start)
    if found is None and ctx.book.share_cue is not None and ctx.book.share_cue.search(c.metric_text):
        return SHARE
    if found is None and _target_cue(ctx, p) is not None:
        return TARGET
    if found is None and hit is not None and _inline_whole(ctx, hit[0], p) is not None:
        return SHARE  # 占全年支出86.40万元的60.00%: a share stating its whole
    total = ctx.book.rules.operands.share_total
    if found is None and total and _rx(ctx, total).search(words.strip()) and _listed_shares(ctx, p):
        return SHARE_TOTAL
    return found


def _change_start(ctx: CheckContext, s: Sentence, p: Placed) -> Optional[Placed]:
    """The rate a percent ends the change of (由上年的88.0%提高到95.0%: the
    88.0% for the 95.0%): the figure right before it in its sentence, in
    its unit, when the percent's own words are a change's end alone
    (rules ``growth.to_cues``)."""
    if p.claim.metric_text.strip() not in ctx.book.rules.growth.to_cues:
        return None
    at = next((i for i, q in enumerate(s.placed) if q is p), 0)
    before = s.placed[at - 1] if at else None
    return before if before is not None and before.claim.unit == p.claim.unit else None


def _listed_shares(ctx: CheckContext, p: Placed) -> list[Claim]:
    """The shares a percent stated as their sum adds up (人员经费…占27.05%；
    公用经费…占3.98%；项目支出…占68.98%。/ 三项合计为100.01%): the bare shares
    (占…, of one unit, two or more) before it in its sentence, else those of
    the sentence before it in its section; as many as a count before it in
    its clause says (三项), if it says; [] otherwise."""
    hit = ctx.placed_at(p.claim.location)
    cue = ctx.book.share_cue
    if hit is None or cue is None:
        return []
    s = hit[0]

    def shares(x: Sentence, until: int) -> list[Claim]:
        return [q.claim for q in x.placed if q is not p and 0 <= q.end <= until and q.claim.unit == p.claim.unit
                and cue.search(q.claim.metric_text)]

    found = shares(s, p.start)
    if len(found) < 2:
        # the list's clauses before it, each a sentence of its own (…占27.05%；…占3.98%；…占68.98%。)
        found = []
        before = ctx.sentence_before(s)
        while before is not None and before.section == s.section:
            listed = shares(before, len(before.text))
            if not listed:
                break
            found = listed + found
            before = ctx.sentence_before(before)
    counts = [q.claim for q in s.placed if 0 <= q.end <= p.start and q.claim.unit_class == "item"
              and CLAUSE_BREAK.search(s.text[q.end:p.start]) is None]
    if len(found) < 2 or counts and counts[-1].value != len(found):
        return []
    return found


def judge_share_total(ctx: CheckContext, s: Sentence, total: Placed) -> CheckResult:
    """A stated sum of shares against the sum of the shares (each by its
    stated precision: 27.05% + 3.98% + 68.98% is 100.01% ± 0.015%), pinned."""
    parts = _listed_shares(ctx, total)
    iv = Interval.exact(Decimal(0))
    for x in parts:
        iv = iv + interval_of(ctx, x)
    c = total.claim
    nominal = sum((x.value for x in parts), Decimal(0))
    expected = show(nominal, max([c.precision] + [x.precision for x in parts]), c.unit)
    ops = [kept_operand(ctx, x) for x in parts]
    reading = Reading(tuple(ops), iv, True, expected, f"{'+'.join(stated_text(x) for x in parts)}={expected}（各项占比之和）")
    return judge_readings(ctx, RULE, s, c, [reading], "未找到所列各项占比",
                          name=own_words(total, s).strip() or "占比合计")


def _target_cue(ctx: CheckContext, p: Placed) -> Optional[re.Match]:
    """The words right before a percent that make it the achieved share of
    a target (rules ``operands.target_share_cue``: 为目标值的, 完成年度目标
    120公里的), matched on its sentence up to the figure; None otherwise."""
    cue = ctx.book.target_share_cue
    if cue is None or p.start < 0:
        return None
    return cue.search(p.claim.sentence[:p.start])


def _compatible(a: Figure, b: Figure) -> bool:
    """Whether two figures count one thing: one normalized unit, or both
    people (4.38万名 against a target of 4.2万人)."""
    return a.normalized_unit == b.normalized_unit or a.unit_class == b.unit_class == "person"


def _target_readings(ctx: CheckContext, s: Sentence, rate: Placed) -> list[Reading]:
    """The readings of a completion against a target ("完成提档升级42.6公里，为
    目标值的101.43%"): the achieved figure is the one before the cue in the
    sentence; the target is a figure of its unit inside the cue (完成年度目标
    120公里的, pinned), or the target of an indicator of its unit (the form's
    ≥42公里): pinned when that indicator's actual is the achieved figure, or
    when the one indicator target the achieved figure's words name
    (a shared term); other indicator targets of its unit are loose readings."""
    cue = _target_cue(ctx, rate)
    if cue is None:
        return []
    c = rate.claim
    counted = [p for p in s.placed if 0 <= p.end and p.claim.unit_class not in ("percent", "date", "duration")
               and p.claim.unit not in ctx.book.rules.operands.rate_units]
    before = [p for p in counted if p.end <= cue.start()]
    if not before:
        return []
    part = before[-1].claim
    inside = [p.claim for p in counted if p.start >= cue.start() and p.end <= rate.start and _compatible(p.claim, part)]
    generic = ctx.book.rules.operands.generic_rate_words
    wholes: list[tuple[Figure, str, bool]] = [(w, "目标", True) for w in inside]
    if not inside:
        words = f"{part.metric_text}{s.after(before[-1], 40)}"
        found = [i for i in ctx.report.indicators
                 if i.target.quantity is not None and _compatible(i.target.quantity, part)]
        same = [i for i in found if i.actual is not None and _compatible(i.actual, part)
                and i.actual.normalized_value == part.normalized_value]
        named = [i for i in found if shares_subject(i.name, words, generic)]
        pinned = same or (named if len({i.target.quantity.normalized_value for i in named}) == 1 else [])
        wholes += [(i.target.quantity, i.name, i in pinned) for i in pinned + [i for i in found if i not in pinned]]
    factor = ctx.book.rules.operands.rate_units[c.unit]
    decimals = max(c.precision + 1, 2)
    out: list[Reading] = []
    for whole, name, is_pinned in wholes:
        # an indicator's target is a set value (≥2万人 is 20,000), not a rounded measure
        d = interval_of(ctx, whole) if name == "目标" else Interval.exact(whole.normalized_value)
        r = ratio_interval(interval_of(ctx, part), d)
        r = r.scaled(factor) if r is not None else None
        nominal = part.normalized_value * factor / whole.normalized_value if whole.normalized_value else None
        expected = show(nominal, decimals, c.unit)
        out.append(Reading((kept_operand(ctx, part), Operand(whole, f"{name}目标值" if name != "目标" else name,
                                                         f"text:{part.section}")),
                           r, is_pinned, expected,
                           f"{stated_text(part)}/{stated_text(whole)}={expected}"
                           f"（完成值 / {name if name == '目标' else name + '目标'}值）"))
    return out


def _part_of_whole(ctx: CheckContext, s: Sentence, rate: Placed, index: int = SHARE) -> list[tuple[Operand, Operand]]:
    """Y / X from "X …，其中 Y …" in the rate's sentence, before the rate; of
    a list of parts (X，其中线下A、线上B，线上占比r), the one part the rate's
    subject names (:func:`rate_subject`: 线上)."""
    subject = rate_subject(ctx, rate.claim, index) if index >= 0 else ""
    for b in reversed(ctx.breakdowns):
        if b.form in ("构成", "组成") or b.sentences[0] is not s or not b.parts:
            continue
        parts = b.parts
        if len(parts) > 1:
            named = [p for p in parts if len(subject) >= 2 and subject in _squash(p.claim.metric_text)]
            if len(named) != 1:
                continue
            parts = named
        part = parts[0]
        if part.end <= rate.start:
            out = [(kept_operand(ctx, part.claim), kept_operand(ctx, b.whole.claim))]
            nearer = _nearer_base(ctx, s, b.parts, part, subject) \
                if len(subject) >= 2 and not _names_share(ctx, rate.claim) else None
            if nearer is not None:
                out.append((kept_operand(ctx, part.claim), kept_operand(ctx, nearer.claim)))
            return out
    return []


def _part_of_whole_before(ctx: CheckContext, s: Sentence, rate: Placed) -> list[tuple[Operand, Operand]]:
    """Y / X for a share (rules ``operands.share_words``: 所占比重, 占比) stated
    alone in its sentence, right after the one that breaks its whole down
    ("全年支出合计X万元，其中基本支出A万元、项目支出Y万元。" / "从结构看，项目支出所占
    比重为r。"): Y the one listed part whose name the share's words hold; []
    otherwise (a figure before the share in its sentence, another section,
    a line between them, no part or more than one named)."""
    c = rate.claim
    if not _names_share(ctx, c) or any(0 <= p.end <= rate.start for p in s.placed if p is not rate):
        return []
    before = ctx.sentence_before(s)
    if before is None or before.section != s.section or not before.placed \
            or s.location.line - before.placed[-1].claim.location.end_line > 1:
        return []
    words = _squash(c.metric_text)
    for b in reversed(ctx.breakdowns):
        if b.form in ("构成", "组成") or not b.parts or not b.sentences or b.sentences[-1] is not before:
            continue
        named = [p for p in b.parts if len(name := "".join(ch for ch in _CUE.sub("", p.claim.metric_text)
                                                          if ch.isalnum())) >= 2 and name in words]
        if len({id(p.claim) for p in named}) == 1:
            return [(kept_operand(ctx, named[0].claim), kept_operand(ctx, b.whole.claim))]
    return []


def _nearer_base(ctx: CheckContext, s: Sentence, parts: list[Placed], part: Placed, subject: str) -> Optional[Placed]:
    """The listed part right before ``part`` that may be its own, nearer
    base (常住人口X人，其中65岁以上老年人A人，健康管理B人，健康管理率r: B of A
    as well as of X): of its unit, no smaller, its words not naming the
    rate's subject, a clause break between them and no list mark (rules
    ``operands.sibling_marks``: 、；, the parts of one list); None else."""
    at = next((i for i, p in enumerate(parts) if p is part), 0)
    if not at:
        return None
    q = parts[at - 1]
    gap = s.text[q.end:part.start] if 0 <= q.end <= part.start else ""
    marks = ctx.book.rules.operands.sibling_marks
    if not CLAUSE_BREAK.search(gap) or any(m in gap for m in marks):
        return None
    c, base = part.claim, q.claim
    if not _compatible(c, base) or base.normalized_value < c.normalized_value \
            or subject and subject in _squash(base.metric_text):
        return None
    return q


def _names_share(ctx: CheckContext, rate: Claim) -> bool:
    """Whether a rate's words make it a share (rules ``operands.share_words``:
    占比, 比重): of a listed part, over the whole, never another part."""
    return any(w in rate.metric_text for w in ctx.book.rules.operands.share_words)


def _nested_pairs(ctx: CheckContext, s: Sentence, rate: Placed, index: int) -> set[tuple[int, int]]:
    """The pairs (part, nearer base) of the breakdowns of the rate's
    sentence (:func:`_nearer_base`: 共检测1,200批次，其中抽检600批次，合格588批次),
    by ``id`` of their claims: listed parts, yet a reading of a rate its words
    allow. None for a share (占比, 比重: rules ``operands.share_words``): a
    share of a listed part is over the whole, never over the part before it
    (其中男性A人，女性B人，女性占比r)."""
    c = rate.claim
    if index < 0 or _names_share(ctx, c):
        return set()
    subject = rate_subject(ctx, c, index)
    out: set[tuple[int, int]] = set()
    for b in ctx.breakdowns:
        if b.form in ("构成", "组成") or not b.sentences or b.sentences[0] is not s:
            continue
        for part in b.parts[1:]:
            q = _nearer_base(ctx, s, b.parts, part, subject)
            if q is not None and part.end <= rate.start:
                out.add((id(part.claim), id(q.claim)))
    return out


def _inline_whole(ctx: CheckContext, s: Sentence, rate: Placed) -> Optional[tuple[Placed, str]]:
    """The whole a share states inside its cue (其中材料费51.84万元，占全年支出
    86.40万元的60.00%: the 86.40万元), with the words of its clause before 占
    (设备购置费 of 设备购置费占项目预算120.00万元的35.00%): the figure right
    before the percent in its sentence, the words before it up to its
    clause's start matching rules ``operands.share_inline_before`` and those
    between it and the percent ``operands.share_inline_between``; None else."""
    rules = ctx.book.rules.operands
    if not rules.share_inline_before or not rules.share_inline_between or rate.start < 0:
        return None
    at = next((i for i, q in enumerate(s.placed) if q is rate), 0)
    whole = s.placed[at - 1] if at else None
    if whole is None or whole.end < 0 or whole.claim.unit_class in ("percent", "date", "duration") \
            or whole.claim.unit in rules.rate_units or whole.claim.operator is not None:
        return None
    if not _rx(ctx, rules.share_inline_between).match(s.text[whole.end:rate.start]):
        return None
    breaks = list(CLAUSE_BREAK.finditer(s.text, 0, whole.start))
    start = breaks[-1].end() if breaks else 0
    cue = _rx(ctx, rules.share_inline_before).search(s.text, start, whole.start)
    if cue is None:
        return None
    return whole, s.text[start:cue.start()]


def _inline_share_pairs(ctx: CheckContext, s: Sentence, rate: Placed,
                        near: list[tuple[Sentence, Placed]]) -> list[tuple[Operand, Operand]]:
    """The pairs of a share whose whole its cue states (:func:`_inline_whole`):
    over that whole, the part is the figure of its unit the words before 占
    name (in its clause: 材料费51.84万元占…; nearby: 设备购置费…), the one right
    before it (其中材料费51.84万元，占全年支出86.40万元的60.00%: the clause
    before, when the words before 占 name nothing else) and the one right
    after the percent, in its clause or the next (…的35.00%，计42.00万元):
    each a reading its words allow. [] when the cue states no whole."""
    found = _inline_whole(ctx, s, rate)
    if found is None:
        return []
    whole, lead = found
    w = whole.claim
    capped = rate.claim.value <= ctx.book.rules.operands.rate_units[rate.claim.unit]

    def fits(p: Placed) -> bool:
        c = p.claim
        return p is not whole and c is not w and c.operator is None and c.qualifier is None \
            and _compatible(c, w) and c.unit_class not in ("percent", "date", "duration") \
            and c.unit not in ctx.book.rules.operands.rate_units \
            and (not capped or c.normalized_value <= w.normalized_value)

    at = next((i for i, q in enumerate(s.placed) if q is whole), 0)
    name = "".join(ch for ch in lead if ch.isalnum() and not ch.isdigit())
    parts: list[Claim] = []
    before = [p for p in s.placed[:at] if p.end >= 0 and fits(p)]
    if before:
        p = before[-1]
        gap = s.text[p.end:whole.start]
        same_clause = CLAUSE_BREAK.search(gap) is None
        # the clause before only when the words before 占 name no part of
        # their own (…51.84万元，占…; not 全年支出86.40万元，设备购置费占…)
        if same_clause or len(CLAUSE_BREAK.findall(gap)) == 1 and \
                (len(name) < 2 or name in "".join(p.claim.metric_text.split())):
            parts.append(p.claim)
    after = [p for p in s.placed if p.start >= rate.end]
    if after and fits(after[0]) and len(CLAUSE_BREAK.findall(s.text[rate.end:after[0].start])) <= 1:
        parts.append(after[0].claim)
    if len(name) >= 2 and not parts:
        named = named_figure(ctx, near, name, (), lambda _, p: fits(p), lambda words: name in "".join(words.split()))
        if named is not None:
            parts.append(named[1].claim)
    return [(kept_operand(ctx, p), kept_operand(ctx, w)) for p in parts]


def _names_whole(name: str, whole: Claim) -> bool:
    """Whether a share's named whole (全年预算, 总支出) may be ``whole``: its
    words hold the name, or the name ends with the last two letters of its
    metric (总支出 of 全年支出)."""
    words = "".join(ch for ch in whole.metric_text if ch.isalnum())
    metric = "".join(ch for ch in (whole.metric or "") if ch.isalnum())
    return name in words or (len(metric) >= 2 and name.endswith(metric[-2:]))


def _share(ctx: CheckContext, s: Sentence, rate: Placed,
           near: list[tuple[Sentence, Placed]]) -> tuple[list[tuple[Operand, Operand]], list[tuple[Operand, Operand]]]:
    """A / B for "A…占B的R%": A the figure right before the rate in its
    sentence; B the whole the cue names (a form cell, or the one figure of
    that name), and apart each larger figure of A's unit nearby."""
    before = [p for p in s.placed if 0 <= p.end <= rate.start and p.claim.unit_class not in
              ("percent", "date", "duration") and not _elaborates(s, p, rate.start)]
    share = ctx.book.share_cue.search(rate.claim.metric_text) if ctx.book.share_cue is not None else None
    name = (share.groupdict().get("whole") or "") if share is not None else ""
    if not before:
        # 基本支出占全年支出的70%, its figures in the sentence before: the
        # part is the one figure the words before 占 name, the whole the one
        # its name names
        part = _named_part_figure(ctx, rate, share, name, near)
        if part is None:
            return [], []
        before = [part]
        named_so = True  # (the figure the words before 占 name: named already)
    else:
        named_so = False
    part = _referred(ctx, s, before[-1].claim) or before[-1].claim
    parts = [part]
    if share is not None and not named_so:
        # 结余40万元，支出占收入的96%: the words before 占 name the part, not
        # the figure before them: the one figure they name, else each of
        # those they name (本年度支出总计, 基本支出 …: a reading each)
        lead = "".join(ch for ch in rate.claim.metric_text[:share.start()] if ch.isalnum())
        if len(lead) >= 2 and lead not in "".join(part.metric_text.split()):
            def fits(_, p: Placed) -> bool:
                return p.claim.unit_class == part.unit_class and p.claim.normalized_unit == part.normalized_unit

            def names(words: str) -> bool:
                return lead in "".join(words.split())

            named = named_figure(ctx, near, lead, (), fits, names)
            if named is not None:
                parts = [named[1].claim]
            else:
                parts = [p.claim for s2, p in near if fits(s2, p) and p.claim.operator is None
                         and names(p.claim.metric_text)] or parts
            part = parts[0]
    out = [(kept_operand(ctx, part), kept_operand(ctx, p.claim)) for s2, p in near
           if p.claim is not part and p.claim.normalized_unit == part.normalized_unit
           and p.claim.normalized_value > part.normalized_value and not (name and _share_part(ctx, s2, p, name))]
    whole = _form_whole(ctx, name, part) if name else None
    if whole is None and name:
        # 占本年支出合计的100.00%: the one figure of this year whose words are the whole's name
        key = "".join(ch for ch in name if ch.isalnum())
        named = named_figure(ctx, near, key, (), lambda _, p: p.claim is not part
                             and p.claim.normalized_unit == part.normalized_unit
                             and p.claim.normalized_value >= part.normalized_value,
                             lambda words: len(key) >= 2 and key in "".join(words.split()))
        whole = kept_operand(ctx, named[1].claim) if named is not None else None
    if whole is None and name:
        whole = _breakdown_whole(ctx, name, part)
    return ([(kept_operand(ctx, p), whole) for p in parts] if whole is not None else []), out


def _breakdown_whole(ctx: CheckContext, name: str, part: Claim) -> Optional[Operand]:
    """The whole of a stated breakdown that ``part`` is listed in, when the
    share's named whole, less its total words (rules
    ``operands.share_whole_total_words``: 支出总额 -> 支出, 总支出 -> 支出), is in
    that whole's words (全年支出820万元，由基本支出600万元和项目支出220万元构成，
    基本支出占支出总额的73.17%); None else."""
    key = _without(_squash(name), ctx.book.rules.operands.share_whole_total_words)
    key = "".join(ch for ch in key if ch.isalnum())
    if len(key) < 2 or id(part) not in ctx.wholes_of:
        return None
    for b in ctx.breakdowns:
        if any(p.claim is part for p in b.parts):
            wholes = [w.claim for w in b.wholes if key in _squash(w.claim.metric_text)
                      and w.claim.normalized_unit == part.normalized_unit]
            if len({w.normalized_value for w in wholes}) == 1:
                return kept_operand(ctx, wholes[-1])
    return None


def _named_part_figure(ctx: CheckContext, rate: Placed, share, name: str,
                       near: list[tuple[Sentence, Placed]]) -> Optional[Placed]:
    """The figure nearby that the words before a share's 占 name, when the
    share names its whole too (基本支出占全年支出的: 基本支出); None else."""
    if share is None or len(_squash(name)) < 2:
        return None
    lead = "".join(ch for ch in rate.claim.metric_text[:share.start()] if ch.isalnum())
    if len(lead) < 2:
        return None

    def fits(_, p: Placed) -> bool:
        return p.claim.unit_class not in ("percent", "date", "duration") and p.claim.operator is None

    listed = _respective_named(ctx, near, lead)
    if listed is not None:
        return listed if fits(None, listed) else None
    named = named_figure(ctx, near, lead, (), fits, lambda words: lead in "".join(words.split()))
    return named[1] if named is not None and any(q is named[1] for _, q in near) else None


def _respective_named(ctx: CheckContext, near: list[tuple[Sentence, Placed]], name: str) -> Optional[Placed]:
    """The figure a name stands for in a respective list nearby ("A、B、C和D
    分别为a、b、c、d": the k-th name, the k-th figure; the list's names split at
    rules ``operands.sibling_marks``, the last two at its last 和/及 when one
    name is missing): the first such list, in the order of ``near``, that
    names ``name`` (letters alone); None when none does."""
    seen: set[int] = set()
    for s2, _ in near:
        if id(s2) in seen:
            continue
        seen.add(id(s2))
        for par in parallel_lists(ctx, s2):
            names = [x for x in re.split("[、；;]", _CUE.sub("", par.lead)) if x]
            if len(names) == len(par.figures) - 1 and names:
                last = max(names[-1].rfind("和"), names[-1].rfind("及"))
                if last > 0:
                    names[-1:] = [names[-1][:last], names[-1][last + 1:]]
            if len(names) != len(par.figures):
                continue
            for k, words in enumerate(names):
                if "".join(ch for ch in words if ch.isalnum()) == name:
                    return par.figures[k]
    return None


def _share_part(ctx: CheckContext, s: Sentence, p: Placed, name: str) -> bool:
    """Whether ``p`` is the part of a share of the whole ``name`` itself
    (基本支出预算870000元，占一般公共预算支出的87%): a sibling, no whole."""
    at = next((i for i, q in enumerate(s.placed) if q is p), None)
    if at is None or at + 1 >= len(s.placed) or ctx.book.share_cue is None:
        return False
    nxt = s.placed[at + 1].claim
    m = ctx.book.share_cue.search(nxt.metric_text) if nxt.unit in ctx.book.rules.operands.rate_units else None
    return m is not None and _squash(m.groupdict().get("whole") or "") == _squash(name)


def _referred(ctx: CheckContext, s: Sentence, count: Claim) -> Optional[Claim]:
    """The sum a back-referring count names ("上述三项资金" after "A、B和C三项合计
    5,378.20万元"): the first figure of another unit after the same count in
    the sentence before; None when ``count`` refers back to none."""
    words = ctx.book.rules.operands.back_references
    if not any(w in count.metric_text for w in words):
        return None
    before = ctx.sentence_before(s)
    if before is None:
        return None
    for i, p in enumerate(before.placed):
        if p.claim.value == count.value and p.claim.normalized_unit == count.normalized_unit:
            after = [q.claim for q in before.placed[i + 1:] if q.claim.normalized_unit != count.normalized_unit
                     and q.claim.unit_class not in ("percent", "date", "duration")]
            return after[0] if after else None
    return None


#: A form funds column by the words that name it after a row's label
#: (项目支出执行数: row 项目支出, column 全年执行数).
_FORM_COLUMNS = (("executed", ("全年执行数", "执行数", "执行")), ("adjusted", ("全年预算数", "预算数", "预算")),
                 ("initial", ("年初预算数", "年初预算")))


def _form_whole(ctx: CheckContext, name: str, part: Claim) -> Optional[Operand]:
    """The whole a share names as a cell of a form's funds block, its row's
    label and its column's name (占项目支出执行数的: row 项目支出, 全年执行数),
    in the part's unit (the form's funds unit); None when none is named so."""
    key = _squash(name)
    if not key or part.unit_class != "money":
        return None
    for form in ctx.report.forms:
        if form.funds_unit != part.unit:
            continue
        for row in form.funds:
            label = _squash(_CUE.sub("", row.label))
            if not label or not key.startswith(label):
                continue
            for column, names in _FORM_COLUMNS:
                cell = row.cells.get(column)
                if cell is None or cell.value is None or key[len(label):] not in names:
                    continue
                factor = unit_factor(part, ctx.book)
                figure = Quantity(text=cell.text.strip(), value=cell.value, unit=part.unit, unit_class="money",
                                  normalized_value=cell.value * factor, normalized_unit=part.normalized_unit,
                                  precision=cell.precision, location=cell.location)
                return Operand(figure, f"{row.label}{names[0]}", f"form:{form.id}")
    return None


def _share_run(ctx: CheckContext, s: Sentence, shares_of) -> list[Sentence]:
    """``s`` and the sentences next to it in its paragraph (its section, no
    line between them) that state shares too: the clauses of one list
    ("A，占x%；B，占y%")."""
    here = next((i for i, x in enumerate(ctx.sentences) if x is s), None)
    if here is None:
        return [s]

    def joined(a: Sentence, b: Sentence) -> bool:
        """``b`` follows ``a`` on the next line, in one paragraph or in the
        next numbered item of one list ("1. 基本支出…，占…的87%。" / "2. 项目支出…，
        占…的13%。": sections of one parent), and both state shares."""
        same = a.section == b.section or (a.section is not None and b.section is not None
                                          and ctx.section_path(a.section)[:-1] == ctx.section_path(b.section)[:-1]
                                          and len(ctx.section_path(a.section)) > 1)
        return (same and bool(shares_of(a)) and bool(shares_of(b))
                and 0 <= b.location.line - a.placed[-1].claim.location.end_line <= 1)

    lo = hi = here
    while lo > 0 and joined(ctx.sentences[lo - 1], ctx.sentences[lo]):
        lo -= 1
    while hi + 1 < len(ctx.sentences) and joined(ctx.sentences[hi], ctx.sentences[hi + 1]):
        hi += 1
    return ctx.sentences[lo:hi + 1]


def _division(ctx: CheckContext, s: Sentence, rate: Placed) -> Optional[Reading]:
    """A / (A + B + …) for a share of a complete division: the rate's
    sentence states two or more parts, each right before its own bare share
    ("人员经费A，占x%；公用经费B，占y%；项目支出C，占z%"), of one unit, and the
    shares add up to 100% within their rounding. The parts then divide one
    whole, their sum, and that pins each share's operands; None otherwise."""
    cue = ctx.book.share_cue
    units = ctx.book.rules.operands.rate_units
    if cue is None or rate.claim.unit not in units:
        return None
    def shares_of(x: Sentence) -> list[tuple[Placed, Claim]]:
        out: list[tuple[Placed, Claim]] = []
        last_end = 0
        for p in x.placed:
            c = p.claim
            if c.unit in units and p.end >= 0 and cue.search(c.metric_text):
                parts = [q.claim for q in x.placed if last_end <= q.start and 0 <= q.end <= p.start
                         and q.claim.unit_class not in ("percent", "date", "duration")
                         and q.claim.unit not in units and not _elaborates(x, q, p.start)]
                if not parts or c.unit != rate.claim.unit:
                    return []
                out.append((p, parts[-1]))
                last_end = p.end
        return out

    def whole_named(p: Placed) -> str:
        """The whole a share names ('' for a bare 占)."""
        m = cue.search(p.claim.metric_text)
        return _squash((m.groupdict().get("whole") or "") if m is not None else "")

    # the shares of the rate's whole: a list of numbered items may hold the
    # shares of a sub-list between them (1. 基本支出…占一般公共预算支出的84%，其中:
    # 工资福利支出…占基本支出预算81%… 2. 项目支出…占一般公共预算支出的16%)
    run = [[x for x in shares_of(y) if whole_named(x[0]) == whole_named(rate)] for y in _share_run(ctx, s, shares_of)]
    run = [found for found in run if found]
    at = next((i for i, found in enumerate(run) if any(p is rate for p, _ in found)), None)
    if at is None:
        return None
    factor = units[rate.claim.unit]

    def whole(window: list[tuple[Placed, Claim]]) -> bool:
        """Whether the window can be a division: two or more shares of
        distinct parts of one unit, all of one whole named (or none). It is
        one when its shares add up to 100% within a unit of their last digit
        each (:func:`adds_up`), or but for a typo in one share
        (:func:`with_typo`: 27.06% + 3.98% + 68.98% = 100.02%)."""
        parts = [part for _, part in window]
        if len(window) < 2 or len({x.normalized_unit for x in parts}) != 1 or len({id(x) for x in parts}) != len(parts):
            return False
        if len({whole_named(p) for p, _ in window}) != 1:
            return False  # shares of different wholes (占基本支出的…, 占一般公共预算支出的…)
        return True

    def adds_up(window: list[tuple[Placed, Claim]]) -> bool:
        total = sum((p.claim.value for p, _ in window), Decimal(0))
        slack = sum((Decimal(1).scaleb(-p.claim.precision) for p, _ in window), Decimal(0))
        return abs(total - factor) <= slack

    def with_typo(window: list[tuple[Placed, Claim]]) -> bool:
        """A window that is a whole but for a typo in one share."""
        parts = [part for _, part in window]
        # a typo in one share: every other share of the list holds against
        # the sum of the parts, so the parts are the whole
        # (人员经费…占27.00%；公用经费…占3.98%；项目支出…占68.98%)
        whole_iv = stated_interval(Decimal(0), 0, exact=True)
        for part in parts:
            whole_iv = whole_iv + interval_of(ctx, part)
        failing = holding = 0
        for p, part in window:
            r = ratio_interval(interval_of(ctx, part), whole_iv)
            ok = r is not None and holds(r.scaled(factor), interval_of(ctx, p.claim))
            failing += not ok
            holding += ok and part.normalized_value != 0  # 0万元，占0% holds against any whole
        return failing <= 1 and holding >= 1

    # the shortest run of clauses around the rate whose shares make a whole
    # (a share of another list, in the sentence before, is no part of it)
    windows = sorted(((i, j) for i in range(at + 1) for j in range(at, len(run))), key=lambda w: w[1] - w[0])
    # a window whose shares add up to 100% first; one a typo away from it only where none does
    # (0万元占0% and 其他收入266.33万元占6.46% are no whole of a list adding up to 100%)
    candidates = [w for w in ([x for found in run[i:j + 1] for x in found] for i, j in windows) if whole(w)]
    shares = next((w for w in candidates if adds_up(w)), None) or next((w for w in candidates if with_typo(w)), None)
    if shares is None:
        return None  # not the whole: a selection of parts, or shares of different wholes
    part = next(part for p, part in shares if p is rate)
    return _over_sum(ctx, rate.claim, part, [part for _, part in shares], True)


def _over_sum(ctx: CheckContext, rate: Claim, part: Claim, parts: list[Claim], pinned: bool) -> Reading:
    """The reading of ``rate`` as ``part`` over the sum of ``parts`` (each by
    its stated precision): the whole a division of parts makes."""
    factor = ctx.book.rules.operands.rate_units[rate.unit]
    whole_iv = stated_interval(Decimal(0), 0, exact=True)
    for x in parts:
        whole_iv = whole_iv + interval_of(ctx, x)
    r = ratio_interval(interval_of(ctx, part), whole_iv)
    whole_value = sum((x.normalized_value for x in parts), Decimal(0))
    whole = Quantity(text="+".join(stated_text(x) for x in parts), value=sum((x.value for x in parts), Decimal(0)),
                     unit=parts[0].unit, unit_class=parts[0].unit_class, normalized_value=whole_value,
                     normalized_unit=parts[0].normalized_unit, precision=max(x.precision for x in parts),
                     location=parts[0].location)
    nominal = part.normalized_value * factor / whole_value if whole_value else None
    expected = show(nominal, max(rate.precision + 1, 2), rate.unit)
    return Reading((kept_operand(ctx, part), Operand(whole, "各部分之和", f"text:{part.section}")),
                   r.scaled(factor) if r is not None else None, pinned, expected,
                   f"{stated_text(part)}/({'+'.join(stated_text(x) for x in parts)})={expected}（各部分之和）")


def _with(rate: Claim, figure: Figure) -> bool:
    """True when ``figure`` is stated in the sentence or on the line of ``rate``."""
    loc, other = rate.location, figure.location
    same_sentence = isinstance(figure, Claim) and figure.sentence == rate.sentence
    return same_sentence or loc.line <= other.line <= loc.end_line or other.line <= loc.line <= other.end_line


def siblings(ctx: CheckContext, a: Claim, b: Claim) -> bool:
    """Whether two counts are of different objects of one act (新建机井1座，
    新建水塔1座): not money, their words share a lead of two or more
    characters that is more than words naming no subject (全年, 项目: rules
    ``operands.generic_rate_words``) and what follows it differs in every
    character. Such a pair is no part and its whole."""
    if a.unit_class == "money" or b.unit_class == "money":
        return False
    x, y = _CUE.sub("", a.metric_text).strip(), _CUE.sub("", b.metric_text).strip()
    n = 0
    while n < min(len(x), len(y)) and x[n] == y[n]:
        n += 1
    lead, rest_x, rest_y = x[:n], x[n:], y[n:]
    if len(_without(lead, ctx.book.rules.operands.generic_rate_words)) < 2:
        return False
    return bool(rest_x) and bool(rest_y) and not set(rest_x) & set(rest_y)


def _once_per_rate(ctx: CheckContext, read, s: Sentence, rate: Placed):
    """``read(ctx, s, rate)``, worked out once per rate in a run of checks
    (a rate's readings and its candidates ask for its clause, its amounts
    and its year in turn); what it gives is shared: read it, do not change it."""
    kept = ctx.kept(read.__name__)
    key = (id(s), id(rate))
    try:
        return kept[key]
    except KeyError:
        found = kept[key] = read(ctx, s, rate)
        return found


def _clause_of(ctx: CheckContext, s: Sentence, rate: Placed) -> Optional[list[Placed]]:
    """:func:`_read_clause_of`, once per rate in a run of checks (:func:`_once_per_rate`)."""
    return _once_per_rate(ctx, _read_clause_of, s, rate)


def _read_clause_of(ctx: CheckContext, s: Sentence, rate: Placed) -> Optional[list[Placed]]:
    """The figures of the rate's own clause: those of its sentence after the
    last rate stated before it there (percents included: 目标值是100%，实际完成值为100%，
    目标完成率为100%), and after the bracket right after that rate, which
    is that rate's (执行率96.00%（执行960.00万元/预算1,000.00万元），…); None
    when no rate is stated before it."""
    start = None
    for p in s.placed:
        if p is rate or p.start >= rate.start:
            break
        if p.end >= 0 and p.claim.unit in ctx.book.rules.operands.rate_units and rate_rule(ctx, p) is not None:
            start = p.end
    if start is None:
        return None
    pat = ctx.book.rules.operands.rate_bracket
    bracket = _rx(ctx, pat).match(s.text, start) if pat else None
    if bracket is not None and bracket.end() <= rate.start:
        start = bracket.end()
    return [p for p in s.placed if p is not rate and p.start >= start and 0 <= p.end <= rate.start
            and p.claim.unit_class not in ("date", "duration")]


def _written_division(ctx: CheckContext, s: Sentence, rate: Placed) -> list[tuple[Operand, Operand]]:
    """(N, D) a bracket right after the rate writes (rules
    ``operands.rate_division``: 系统管理率97.50%（4992÷5120）): its own
    division, the numbers as written; [] when there is none."""
    pat = ctx.book.rules.operands.rate_division
    m = re.compile(pat).match(s.text, rate.end) if pat and rate.end >= 0 else None
    if m is None:
        return []
    out = []
    for group, name in (("n", "分子"), ("d", "分母")):
        number = cell_number(m.group(group).replace("，", ","))
        if number is None:
            return []
        value, decimals = number
        figure = Quantity(text=m.group(group), value=value, normalized_value=value, normalized_unit="算式",
                          unit_class="count", precision=decimals, location=rate.claim.location)
        out.append(Operand(figure, name, "text:division"))
    return [(out[0], out[1])]


def _elaborates(s: Sentence, p: Placed, before: int) -> bool:
    """Whether ``p`` stands in a bracket opened right after another figure
    and closed before ``before`` (the rate's start): the bracket elaborates
    that figure (全年预算800万元（年初预算760万元、年中追加40万元）, 财政拨款收入
    380万元（其中，一般公共预算380万元，政府性基金预算0万元）), its figures are
    that figure's parts, none a figure the words after the bracket go on with."""
    text = s.text
    opened = max(text.rfind(ch, 0, p.start) for ch in "（(")
    if opened < 0 or max(text.rfind(ch, opened, p.start) for ch in "）)") >= 0:
        return False
    closed = min((i for i in (text.find(ch, p.end) for ch in "）)") if i >= 0), default=-1)
    if not 0 <= closed < before:
        return False
    head = max((q.end for q in s.placed if 0 <= q.end <= opened), default=-1)
    return head >= 0 and not text[head:opened].strip()


def _two_before(ctx: CheckContext, s: Sentence, rate: Placed, index: int) -> list[tuple[Operand, Operand]]:
    """Smaller / larger of "抽取500件，合格487件，合格率97.4%": the rate's
    sentence (its clause, after a rate stated before it) states exactly two
    figures of one unit before it (no remainder or excess, rules ``complement_words``, nor a change,
    :func:`_is_change`: 比计划多412户; not both budgets,
    which would be two wholes; nor a figure of another year than the rate's:
    比上年220,832人 before 参保率); else []."""
    prior = _rate_of_year_before(ctx, s, rate)

    def of_rates_year(p: Placed) -> bool:
        dated = _of_year_before_or_dated(ctx, s, p)
        return dated == prior

    # (after a rate stated before it, its own clause only: 中央资金完成450万元，
    # 执行率90%，省级资金完成198万元，执行率99% lists items, each with its
    # rate; an earlier item's figure is a sibling, no whole)
    clause = _clause_of(ctx, s, rate)
    own = ids_of(clause) if clause is not None else None
    before = [p.claim for p in s.placed if 0 <= p.end <= rate.start
              and (own is None or id(p.claim) in own)
              and p.claim.unit_class not in ("percent", "date") and not _elaborates(s, p, rate.start)
              and not names_remainder(ctx, p.claim.metric_text) and not _is_change(ctx, p.claim)
              and not restates(ctx, s, p) and not in_compound_unit(ctx, s, p)
              and (p.claim.operator is None or p.claim.qualifier is not None) and of_rates_year(p)
              and not (p.claim.unit_class == "duration" and p.claim.unit != "天")]
    by_unit: dict[str, list[Claim]] = {}
    for claim in before:
        by_unit.setdefault(claim.normalized_unit, []).append(claim)
    pairs = [v for v in by_unit.values() if len(v) == 2]
    if len(pairs) > 1:
        # two units with two figures each (项目20个，分为七个方面，一是…合计12万元，
        # 已支出12万元，完成率100%): a budget rate's are money; else the pair
        # right before the rate, every figure of the other units before both
        # of it, is the rate's
        if index >= 0 and ctx.book.rules.rates[index].budget:
            pairs = [v for v in pairs if v[0].unit_class == "money"]
        pairs = [v for v in pairs if _money_allowed(ctx, index, *v)]
        if len(pairs) > 1:
            order = [id(c) for c in before]
            pairs = [v for v in pairs if min(order.index(id(x)) for x in v) == len(order) - 2]
    if len(pairs) != 1:
        return []
    # (larger / smaller for a rate stated above 100%: 应配套300万元，实际配套到位750万元，执行率250%)
    a, b = sorted(pairs[0], key=lambda x: x.normalized_value,
                  reverse=rate.claim.value > ctx.book.rules.operands.rate_units[rate.claim.unit])
    if siblings(ctx, a, b) or not _money_allowed(ctx, index, a, b) or _one_change(ctx, s, a, b):
        return []
    head = subject_head(ctx, rate.claim, index)
    placed_a = next(p for p in s.placed if p.claim is a)
    if index >= 0 and ctx.book.rate_numerators[index] is None and head and \
            not names_head(head, counted_words(s, placed_a)):
        return []  # 优良中等路率 after 日常养护1,246.8公里、预防性养护88.3公里: neither counts 优良中等路
    den = ctx.book.rate_denominators[index] if index != SHARE else None
    if den is not None and den.search(a.metric_text) and den.search(b.metric_text):
        return []
    if den is not None and den.search(a.metric_text) and not den.search(b.metric_text):
        # the words name the smaller the whole: 计划完成8000人，实际完成8240人，完成率103%
        return [(kept_operand(ctx, b), kept_operand(ctx, a))]
    return [(kept_operand(ctx, a), kept_operand(ctx, b))]


def _taken_pairs(ctx: CheckContext, s: Sentence, rate: Placed, index: int) -> set[frozenset[int]]:
    """The pairs of figures of ``s`` that the words of a rate of another
    rule stated before ``rate`` in it name (发放问卷500份，回收480份，回收率96%，
    满意率91.5%: 回收 / 发放 is the 回收率's, right or wrong): taken, no
    operands of a rate of another subject. Of a rule naming its numerator
    and denominator only."""
    out: set[frozenset[int]] = set()
    for q in s.placed:
        if q is rate or q.start >= rate.start:
            break
        other = rate_rule(ctx, q) if q.claim.unit in ctx.book.rules.operands.rate_units else None
        if other is None or other < 0 or other == index or ctx.book.rate_numerators[other] is None \
                or ctx.book.rate_denominators[other] is None:
            continue
        figures = [(s, p) for p in reversed(_clause_figures(ctx, s, q))]
        out.update(frozenset((id(n.figure), id(d.figure))) for n, d in _worded_pairs(ctx, figures, other))
    return out


def _one_change(ctx: CheckContext, s: Sentence, a: Claim, b: Claim) -> bool:
    """Whether two figures of ``s`` are the start and the end of one change
    (由4个工作日缩短到2个工作日: the earlier's words end in a ``growth.from_cues``
    word, the later is the next figure, in its clause): one measure at two
    times, never a part and its whole."""
    at = {id(p.claim): i for i, p in enumerate(s.placed)}
    i, j = sorted((at.get(id(a), -9), at.get(id(b), -9)))
    if i < 0 or j != i + 1:
        return False
    first, then = s.placed[i], s.placed[j]
    return first.claim.metric_text.rstrip().endswith(tuple(ctx.book.rules.growth.from_cues)) \
        and 0 <= first.end <= then.start and CLAUSE_BREAK.search(s.text, first.end, then.start) is None


def _clause_figures(ctx: CheckContext, s: Sentence, rate: Placed) -> list[Placed]:
    """The counted figures (no percent, date or duration) of the rate's own
    clause (:func:`_clause_of`), or of its sentence before it where no rate
    is stated before it there."""
    clause = _clause_of(ctx, s, rate)
    if clause is None:
        clause = [p for p in s.placed if p is not rate and 0 <= p.end <= rate.start]
    return [p for p in clause if p.claim.unit_class not in ("percent", "date", "duration")
            and p.claim.unit not in ctx.book.rules.operands.rate_units]


def _stated_bases(ctx: CheckContext, s: Sentence, rate: Placed) -> list[tuple[Operand, Operand]]:
    """(N, B) for a rate over a base its sentence, or the one next to it in
    its section, states as the base of a calculation (rules
    ``operands.stated_base``: 按林地面积186.4万亩计算; the one next to it only
    when the two are clauses of one sentence, parted by a semicolon): N the last figure of
    B's unit, no larger, in the rate's own clause (发生面积12.36万亩，发生率6.63%)."""
    pats = ctx.book.rules.operands.stated_base
    here = ctx._sentence_index.get(id(s))
    if len(pats) != 2 or here is None:
        return []
    clause = _clause_figures(ctx, s, rate)
    out: list[tuple[Operand, Operand]] = []
    for j in (here, here - 1, here + 1):
        if not 0 <= j < len(ctx.sentences) or ctx.sentences[j].section != s.section:
            continue
        s2 = ctx.sentences[j]
        if j != here and not ctx.sentences[min(j, here)].text.rstrip().endswith(("；", ";")):
            continue  # only a clause of one sentence (…发生率6.63%；成灾面积…按林地面积186.4万亩计算…)
        for b in s2.placed:
            if b is rate or b.claim.operator is not None or not _rx(ctx, pats[0]).search(b.claim.metric_text) \
                    or not _rx(ctx, pats[1]).match(s2.after(b, 8)):
                continue
            parts = [p.claim for p in clause if p is not b and p.claim.normalized_unit == b.claim.normalized_unit
                     and p.claim.normalized_value <= b.claim.normalized_value]
            if parts:
                out.append((kept_operand(ctx, parts[-1]), kept_operand(ctx, b.claim)))
    return out


def _bracketed_base(ctx: CheckContext, s: Sentence, rate: Placed, index: int) -> list[tuple[Operand, Operand]]:
    """(N, B) for a rate whose bracket right after it (rules
    ``operands.rate_bracket``) states its base ("受益户数1,530户，完成率102.0%
    （计划1,500户）", "执行率96.00%（执行960.00万元/预算1,000.00万元）"): B the
    first figure in the bracket whose words match the rule's
    ``denominator``; N the figure of B's unit in the bracket whose words
    match its ``numerator``, else the last one before the rate in its clause
    that is no change (比计划多30户), remainder, bound or figure per
    something; [] otherwise."""
    pat = ctx.book.rules.operands.rate_bracket
    den = ctx.book.rate_denominators[index] if index >= 0 else None
    bracket = _rx(ctx, pat).match(s.text, rate.end) if pat and rate.end >= 0 else None
    if bracket is None or den is None:
        return []
    inside = [p for p in s.placed if p.start >= rate.end and 0 <= p.end <= bracket.end()
              and p.claim.operator is None and p.claim.qualifier is None]
    base = next((p for p in inside if den.search(p.claim.metric_text)), None)
    if base is None:
        return []

    def fits(p: Placed) -> bool:
        return p is not base and (p.claim.normalized_unit == base.claim.normalized_unit
                                  or _people(p.claim, base.claim))

    numerator = ctx.book.rate_numerators[index]
    named = [p.claim for p in inside if fits(p) and numerator is not None and numerator.search(p.claim.metric_text)]
    parts = named[:1] or [p.claim for p in _clause_amounts(ctx, s, rate) if fits(p)][-1:]
    return [(kept_operand(ctx, parts[0]), kept_operand(ctx, base.claim))] if parts else []


def _bracketed_part(ctx: CheckContext, s: Sentence, rate: Placed, index: int,
                    near: list[tuple[Sentence, Placed]]) -> list[tuple[Operand, Operand]]:
    """(N, B) for a rate whose bracket right after it (rules
    ``operands.rate_bracket``) states its part and no base ("收回问卷360份，
    满意率95.00%（342份满意）", "满意度96.5%（其中满意386人）"): N the first figure
    in the bracket whose words, before or after it there, match the rule's
    ``numerator``; B each figure of N's unit (or people) before the rate in
    its sentence (nearest first), else nearby, whose words match its
    ``denominator`` and that is no smaller than N (发放400份, 收回360份: a
    reading each); [] otherwise."""
    pat = ctx.book.rules.operands.rate_bracket
    den = ctx.book.rate_denominators[index] if index >= 0 else None
    numerator = ctx.book.rate_numerators[index] if index >= 0 else None
    bracket = _rx(ctx, pat).match(s.text, rate.end) if pat and rate.end >= 0 else None
    if bracket is None or den is None or numerator is None:
        return []
    inside = [p for p in s.placed if p.start >= rate.end and 0 <= p.end <= bracket.end()]
    if not inside or any(den.search(p.claim.metric_text) for p in inside):
        return []  # (a base in the bracket: _bracketed_base's)
    part = None
    for i, p in enumerate(inside):
        upto = inside[i + 1].start if i + 1 < len(inside) else bracket.end()
        after = "".join(ch for ch in s.text[p.end:upto] if ch.isalnum())
        if p.claim.operator is None and p.claim.qualifier is None and \
                numerator.search(f"{p.claim.metric_text} {after}"):
            part = p.claim
            # (342份满意: its words are after it, the name a message shows)
            named = kept_operand(ctx, part)
            if not named.name and after:
                named = dataclasses.replace(named, name=after)
            break
    if part is None:
        return []

    def base(p: Placed) -> bool:
        c = p.claim
        return c is not part and (c.normalized_unit == part.normalized_unit or _people(c, part)) \
            and c.operator is None and c.qualifier is None and c.normalized_value >= part.normalized_value \
            and den.search(c.metric_text) is not None and not numerator.search(c.metric_text)

    bases = [p.claim for p in reversed(s.placed) if 0 <= p.end <= rate.start and base(p)] or \
        [p.claim for _, p in near if base(p)]
    return [(named, kept_operand(ctx, b)) for b in bases]


def ids_of(placed: list[Placed]) -> set[int]:
    return {id(p.claim) for p in placed}


def _subject_words(ctx: CheckContext, figure, index: int) -> str:
    """What an operand's words name besides its rule's numerator and
    denominator words and words naming no subject (基本支出预算 -> 基本支出;
    项目预算 -> '')."""
    text = getattr(figure, "metric_text", "") or ""
    for pat in (ctx.book.rate_numerators[index], ctx.book.rate_denominators[index]):
        if pat is not None:
            text = pat.sub("", text)
    text = _without(_CUE.sub("", text), ctx.book.rules.operands.generic_rate_words)
    return "".join(ch for ch in text if ch.isalnum() and not ch.isdigit())


def _of_another_amount(ctx: CheckContext, clause: list[Placed], pair: tuple[Operand, Operand], index: int) -> bool:
    """Whether ``pair`` is no reading of a rate whose own clause names a
    part (``clause``: :func:`_clause_amounts`): the pair stands wholly
    outside the clause while the clause states an amount of the pair's
    unit that is neither operand's value ("分来源看，财政拨款1,000万元，执行率
    96%" after the whole's 1,150 / 1,200); or its whole is the clause's
    money naming a subject (基本支出预算800万元，执行率100%) and its part,
    outside the clause, names none of it (执行数1,150万元: the whole's
    spending; counts are named in other words from sentence to sentence:
    全年补贴培训 and 参训人员考核合格)."""
    ids = {id(o.figure) for o in pair}
    own = ids_of(clause)
    if id(pair[1].figure) in own and id(pair[0].figure) not in own \
            and pair[1].figure.unit_class == "money":
        # 基本支出预算800万元，执行率100%: the part's budget is no whole of the
        # spending stated outside the clause (执行数1,150万元) unless that
        # names the part too
        subject = _subject_words(ctx, pair[1].figure, index)
        return len(subject) >= 2 and not shares_subject(subject, getattr(pair[0].figure, "metric_text", ""),
                                                         ctx.book.rules.operands.generic_rate_words)
    if ids & own:
        return False
    unit = pair[1].figure.normalized_unit
    values = {o.figure.normalized_value for o in pair}
    return any(p.claim.normalized_unit == unit and p.claim.normalized_value not in values for p in clause)


_HEDGED = re.compile(r"(?:大约|大概|约为|约|近)$")


def restates(ctx: CheckContext, s: Sentence, p: Placed) -> bool:
    """Whether ``p`` states the figure before it again (约合2031.89万元 after
    全年实际支出20,318,862.35元): its own words are a restatement word (rules
    ``operands.restatement_words``) and a figure of its unit stands before
    it in its sentence. Such a figure is no operand of its own."""
    words = ctx.book.rules.operands.restatement_words
    if not words:
        return False
    own = _CUE.sub("", p.claim.metric_text).strip(" ，,")
    # a hedge after the word (折合约0.61亿元, 即约, 相当于大约) keeps it a restatement
    if own not in words and _HEDGED.sub("", own) not in words:
        return False
    return any(q is not p and 0 <= q.end <= p.start and q.claim.normalized_unit == p.claim.normalized_unit
               for q in s.placed)


def _no_operand(ctx: CheckContext, s: Sentence, p: Placed) -> bool:
    """Whether a figure is no part nor whole of a rate: a change
    (:func:`_is_change`), a restatement (:func:`restates`) or a measure of
    a compound unit (:func:`in_compound_unit`); read once per figure in a
    run of checks (each rate asks for the figures around it)."""
    kept = ctx.kept("no_operand")
    got = kept.get(id(p))
    if got is None or got[0] is not p or got[1] is not s:
        got = kept[id(p)] = (p, s, _is_change(ctx, p.claim) or restates(ctx, s, p) or in_compound_unit(ctx, s, p))
    return got[2]


_SLASH = "/／"


def in_compound_unit(ctx: CheckContext, s: Sentence, p: Placed) -> bool:
    """Whether a figure is a measure of a compound unit or that unit's
    base, no count of a part or a whole: right before a slash and a unit
    (成本438元/平方米) or a figure of another unit (发生率0.021次/10万公顷),
    or that figure itself (10万公顷). A slash between figures of one unit
    (执行960万元/预算1,000万元) is a division: no compound unit. A measure
    glued to 元 (费用6万亩元, a slip for 6万元) is none either."""
    if p.start < 0 or p.end < 0:
        return False
    text = s.text
    if glued_to_money(text, p.start, p.end, p.claim):
        return True
    if p.end < len(text) and text[p.end] in _SLASH:
        after = next((q for q in s.placed if q.start == p.end + 1), None)
        if after is not None:
            return after.claim.unit_class != p.claim.unit_class
        units = find_quantities(f"1{text[p.end + 1:p.end + 7]}", ctx.rules)
        return bool(units) and units[0].text != "1" and text.startswith(units[0].text[1:], p.end + 1)
    if p.start > 0 and text[p.start - 1] in _SLASH:
        before = next((q for q in s.placed if q.end == p.start - 1), None)
        return before is not None and before.claim.unit_class != p.claim.unit_class
    return False


def _clause_amounts(ctx: CheckContext, s: Sentence, rate: Placed) -> list[Placed]:
    """:func:`_read_clause_amounts`, once per rate in a run of checks (:func:`_once_per_rate`)."""
    return _once_per_rate(ctx, _read_clause_amounts, s, rate)


def _read_clause_amounts(ctx: CheckContext, s: Sentence, rate: Placed) -> list[Placed]:
    """The figures of the rate's own clause (:func:`_clause_figures`) that
    may be its operands: no change, remainder, bound or figure per
    something, and of the rate's year (of the year before for a rate of the
    year before)."""
    previous = ctx.book.rules.growth.previous_year_words
    prior = any(w in rate.claim.metric_text for w in previous)
    return [p for p in _clause_figures(ctx, s, rate)
            if p.claim.operator is None and p.claim.qualifier is None and not _is_change(ctx, p.claim)
            and not names_remainder(ctx, p.claim.metric_text) and not _per_something(ctx, p.claim)
            and not restates(ctx, s, p) and not in_compound_unit(ctx, s, p)
            and prior == _of_year_before_or_dated(ctx, s, p)]


def _own_pairs(ctx: CheckContext, s: Sentence, rate: Placed, index: int) -> list[tuple[Operand, Operand]]:
    """(N, D) the rate's own clause states (:func:`_clause_figures`): N a
    figure its rule's ``numerator`` words name, D another figure of N's
    unit there that they do not name, on the side of N the rate is on
    (N ≥ D for a rate of 100% or more, N < D below it), and no part after N
    (其中…): "其中：财政拨款1,000万元，执行960万元，执行率96%" is the rate of
    that part, 960 / 1,000, not of the whole stated before. Changes,
    remainders, bounds, figures per something, figures of another year
    than the rate's and a D of 0 are none of them; [] when the clause
    states no such pair."""
    numerator = ctx.book.rate_numerators[index] if index >= 0 else None
    if numerator is None:
        return []
    c = rate.claim
    clause = _clause_amounts(ctx, s, rate)
    named = [p for p in clause if numerator.search(f"{own_words(p, s)} {trailing_words(s, p)}")]
    if not named:
        return []
    whole = c.value >= ctx.book.rules.operands.rate_units[c.unit]
    cues = tuple(ctx.book.rules.breakdowns.cues)
    out: list[tuple[Operand, Operand]] = []
    for n in named:
        for d in clause:
            if d in named or d.claim.normalized_unit != n.claim.normalized_unit or d.claim.normalized_value <= 0 \
                    or (n.claim.normalized_value >= d.claim.normalized_value) != whole:
                continue
            if d.start > n.end >= 0 and any(w in s.text[n.end:d.start] for w in cues):
                continue  # 完成改造1,150户，其中贫困户300户: a part of N, no whole of it
            out.append((kept_operand(ctx, n.claim), kept_operand(ctx, d.claim)))
    return out


def _chapter_total(ctx: CheckContext, s: Sentence, rate: Placed, index: int) -> list[tuple[Operand, Operand]]:
    """(N, T) for a rate whose clause states one count, naming its subject
    (全年受理受援人投诉7件，投诉率0.6%), and whose words name no whole: T the
    total of N's unit its chapter states with its parts (全年办理法律援助案件
    1,168件，其中民事案件742件…: the whole of a breakdown), when the chapter
    states one such total of this year larger than N; [] otherwise."""
    head = subject_head(ctx, rate.claim, index)
    clause = [p for p in _clause_figures(ctx, s, rate) if p.claim.unit_class != "money"]
    if not head or len(clause) != 1 or not names_head(head, counted_words(s, clause[0])):
        return []
    part = clause[0].claim
    wholes = {id(b.whole.claim) for b in ctx.breakdowns}
    found = [p.claim for x, p in [(s, q) for q in s.placed] + _chapter_figures(ctx, s)
             if id(p.claim) in wholes and p.claim is not part and p.claim.normalized_unit == part.normalized_unit
             and p.claim.normalized_value > part.normalized_value and p.claim.operator is None
             and p.claim.qualifier is None and not _of_year_before_or_dated(ctx, x, p)]
    if len({f.normalized_value for f in found}) != 1:
        return []
    return [(kept_operand(ctx, part), kept_operand(ctx, found[0]))]


def _named_parts_of_whole(ctx: CheckContext, pinned: list[tuple[Operand, Operand]],
                          near: list[tuple[Sentence, Placed]]) -> list[tuple[Operand, Operand]]:
    """For each pinned (numerator, whole): (numerator, part) for every figure
    nearby of the whole's unit, between the two in size, whose words share
    a subject term with the numerator's (中央资金已支出 and 中央补助资金)."""
    generic = ctx.book.rules.operands.generic_rate_words
    out = []
    for n, d in pinned:
        words = getattr(n.figure, "metric_text", "")
        if not words:
            continue
        for _, p in near:
            x = p.claim
            if x is n.figure or x is d.figure or x.normalized_unit != d.figure.normalized_unit \
                    or x.operator is not None or x.qualifier is not None:
                continue
            if n.figure.normalized_value <= x.normalized_value < d.figure.normalized_value \
                    and shares_subject(words, x.metric_text, generic):
                out.append((n, kept_operand(ctx, x)))
    return out


def _scoped_pairs(ctx: CheckContext, s: Sentence, rate: Placed, index: int,
                  near: list[tuple[Sentence, Placed]]) -> list[tuple[Operand, Operand]]:
    """(N, D) for a rate whose words name a part of the report's figures
    as its scope (项目支出执行率 after "全年预算数300万元，其中…项目支出100万元"
    and "全年执行数290万元，其中…项目支出90万元"): N and D figures nearby of
    one unit whose own words hold the rate's subject, N named by the rule's
    ``numerator`` words, D by its ``denominator`` words and not the
    numerator's — each by its own words or those of the whole it is a
    stated part of. [] when the subject names no such pair: the scope
    words then pin nothing."""
    if index < 0:
        return []
    numerator, denominator = ctx.book.rate_numerators[index], ctx.book.rate_denominators[index]
    subject = _scope_words(ctx, rate.claim, index)
    if numerator is None or denominator is None or len(subject) < 2:
        return []
    prior = _rate_of_year_before(ctx, s, rate)
    nums: list[Claim] = []
    dens: list[Claim] = []
    # figures named by the subject alone (实际到位资金950万元 for 到位资金支出率):
    # the subject's own amount, its whole where none is named a denominator
    bare: list[Claim] = []
    generic = ctx.book.rules.operands.generic_rate_words
    for s2, p in near:
        c = p.claim
        if p is rate or c.unit_class in ("percent", "date", "duration") or c.operator is not None \
                or c.qualifier is not None or subject not in _squash(_CUE.sub("", own_words(p, s2))):
            continue
        if _of_year_before_or_dated(ctx, s2, p) != prior:
            continue  # 上年项目支出 is no operand of this year's rate
        role = " ".join([own_words(p, s2), trailing_words(s2, p), *ctx.wholes_of.get(id(c), ())])
        if numerator.search(role):
            nums.append(c)
        elif denominator.search(role):
            dens.append(c)
        elif not any(ch.isalnum() for ch in _without(role.replace(subject, ""), generic)):
            bare.append(c)
    return [(kept_operand(ctx, n), kept_operand(ctx, d)) for n in nums for d in (dens or bare)
            if n.normalized_unit == d.normalized_unit and d.normalized_value > 0]


def _respective_shares(ctx: CheckContext, s: Sentence, rate: Placed) -> Optional[tuple[Claim, list[Claim], list[Placed]]]:
    """(its part, the parts, the shares) for a share stated respectively
    after as many parts (rules ``operands.share_words`` in its clause before
    the list: 基本支出800万元、项目支出200万元，占比分别为80%、20%): the k-th
    share is of the k-th of the figures of one unit right before the list;
    None for any other rate."""
    words = ctx.book.rules.operands.share_words
    if not words or not any(w in s.text for w in ctx.book.rules.growth.respective_words):
        return None
    units = ctx.book.rules.operands.rate_units
    for x in parallel_lists(ctx, s):
        k = next((i for i, f in enumerate(x.figures) if f is rate), None)
        if k is None:
            continue
        first = x.figures[0]
        lead = s.text[:first.start]
        breaks = [m.end() for m in CLAUSE_BREAK.finditer(lead)
                  if not (0 < m.start() < len(lead) - 1 and lead[m.start() - 1].isdigit() and lead[m.end()].isdigit())]
        clause = lead[max(breaks, default=0):]
        if not all(f.claim.unit in units for f in x.figures) or not any(w in clause for w in words):
            return None
        before = [p.claim for p in s.placed if 0 <= p.end <= first.start and p.claim.unit not in units
                  and p.claim.unit_class not in ("percent", "date", "duration")]
        parts = before[-len(x.figures):]
        if len(parts) != len(x.figures) or len({c.normalized_unit for c in parts}) != 1 \
                or len({id(c) for c in parts}) != len(parts):
            return None
        return parts[k], parts, list(x.figures)
    return None


def _respective_readings(ctx: CheckContext, s: Sentence, rate: Placed, part: Claim, parts: list[Claim],
                         shares: list[Placed]) -> list[Reading]:
    """The readings of the share of ``part`` among ``parts`` (stated
    respectively): over the whole the parts are stated of (a stated
    breakdown's, pinned), over their sum (pinned when the shares add up to
    100% within a unit of their last digit each: the parts are then the
    whole)."""
    c = rate.claim
    factor = ctx.book.rules.operands.rate_units[c.unit]
    decimals = max(c.precision + 1, 2)
    out: list[Reading] = []
    placed = next((q for _, q in ctx.text_claims() if q.claim is part), None)
    above = whole_above(ctx, placed) if placed is not None else None
    if above is not None and above[0].claim.normalized_unit == part.normalized_unit:
        whole = above[0].claim
        nominal = part.normalized_value * factor / whole.normalized_value if whole.normalized_value else None
        expected = show(nominal, decimals, c.unit)
        out.append(Reading((kept_operand(ctx, part), kept_operand(ctx, whole)),
                           rate_of(ctx, part, whole, factor, None), True, expected,
                           f"{stated_text(part)}/{stated_text(whole)}={expected}"))
    total = sum((x.claim.value for x in shares), Decimal(0))
    slack = sum((Decimal(1).scaleb(-x.claim.precision) for x in shares), Decimal(0))
    out.append(_over_sum(ctx, c, part, parts, abs(total - factor) <= slack))
    return out


def _scope_words(ctx: CheckContext, rate: Claim, index: int) -> str:
    """The words of a rate before its rate word that name its scope, with
    the words naming no subject inside it kept (项目支出执行率 -> 项目支出,
    中央资金执行率 -> 中央资金) and those around it dropped (全年项目支出执行率
    -> 项目支出); '' for a rate naming no subject (全年预算执行率)."""
    if not rate_subject(ctx, rate, index):
        return ""
    text = _squash(_CUE.sub("", rate.metric_text))
    words = ctx.book.rules.rates[index].words
    at = min((text.find(w) for w in words if w in text), default=-1)
    text = text[:at] if at >= 0 else text
    text = _without(text, ctx.book.rules.growth.previous_year_words)
    return _edges_dropped(ctx, text)


def _edges_dropped(ctx: CheckContext, text: str) -> str:
    """``text`` without the words naming no subject (rules
    ``operands.generic_rate_words``) at its ends, those of a compound kept
    (全年项目支出 -> 项目支出: 项目支出 is no 支出, 中央资金 no 中央)."""
    edges = _longest_first(tuple(ctx.book.rules.operands.generic_rate_words))

    def droppable(rest: str) -> bool:
        return bool(_without(rest, edges)) and (len(rest) >= 3 or _without(rest, edges) != rest)

    changed = True
    while changed:
        changed = False
        for w in edges:
            if text.startswith(w) and droppable(text[len(w):]):
                text, changed = text[len(w):], True
            elif text.endswith(w) and droppable(text[:-len(w)]):
                text, changed = text[:-len(w)], True
    return "".join(ch for ch in text if ch.isalnum())


def _is_change(ctx: CheckContext, claim: Claim) -> bool:
    """Whether a text figure states a change, not an amount: its words are
    a change word alone (…2000万元，减少200万元) or end in one after a
    comparison (比上年增加, 较2023年减少; rules ``growth``), or end in 多/少
    after one (比计划多: rules ``operands.compared_change``)."""
    kept = ctx.kept("is_change")
    got = kept.get(id(claim))
    if got is None or got[0] is not claim:
        got = kept[id(claim)] = (claim, _states_change(ctx, claim.metric_text))
    return got[1]


def _states_change(ctx: CheckContext, metric_text: str) -> bool:
    g = ctx.book.rules.growth
    compared = ctx.book.rules.operands.compared_change
    if compared and _rx(ctx, compared).search(metric_text.strip()):
        return True  # 比计划多412户: the excess over the plan, not the plan
    words = metric_text.rstrip("了")
    ends = _change_ends(ctx)
    if words in ends:
        return True
    return words.endswith(ends) and ("比" in words or "较" in words or any(w in words for w in g.comparison_cues))


def _change_ends(ctx: CheckContext) -> tuple[str, ...]:
    """The change words of rules ``growth`` without a trailing 了, worked out once per run."""
    kept = ctx.kept("change_ends")
    ends = kept.get(0)
    if ends is None:
        g = ctx.book.rules.growth
        ends = kept[0] = tuple(w.rstrip("了") for w in (*g.increase_words, *g.decrease_words))
    return ends


def _rate_of_year_before(ctx: CheckContext, s: Sentence, rate: Placed) -> bool:
    """:func:`_read_rate_of_year_before`, once per rate in a run of checks (:func:`_once_per_rate`)."""
    return _once_per_rate(ctx, _read_rate_of_year_before, s, rate)


def _read_rate_of_year_before(ctx: CheckContext, s: Sentence, rate: Placed) -> bool:
    """Whether a rate is the year before's: its words or the words before
    it in its sentence name the year before (上年支出率, 上年执行率为…), or it
    stands where a figure of the year before does (checks.periods)."""
    return _of_year_before_or_dated(ctx, s, rate)  # (its metric's words are the first of words_of)


def _names_year_before(ctx: CheckContext, text: str) -> bool:
    """Whether ``text`` names the year before (上年, 去年 …), not as this
    year's carry-over from it (rules ``growth.carryover_words``: 上年结转)."""
    carried = tuple(ctx.book.rules.growth.carryover_words)
    for word in ctx.book.rules.growth.previous_year_words:
        at = text.find(word)
        while at >= 0:
            if not carried or not text.startswith(carried, at + len(word)):
                return True
            at = text.find(word, at + 1)
    return False


def _of_year_before(ctx: CheckContext, figure) -> bool:
    """Whether a text figure is the year before's by where it stands
    (checks.periods: 比2022年决算数1600万元 in a 2023 report), not only by
    its words. Read once per figure in a run of checks (each rate asks for
    the figures around it)."""
    kept = ctx.kept("of_year_before")
    got = kept.get(id(figure))
    if got is None or got[0] is not figure:
        hit = ctx.placed_at(figure.location) if getattr(figure, "location", None) is not None else None
        got = kept[id(figure)] = (figure, hit is not None and previous_kept(ctx, *hit))
    return got[1]


def _dated(ctx: CheckContext, s: Sentence, p: Placed) -> bool:
    """Whether the words of a figure (:meth:`CheckContext.words_of`) name
    the year before (rules ``growth.previous_year_words``: 上年支出 90 万元),
    not as this year's carry-over from it (:func:`_names_year_before`, rules
    ``growth.carryover_words``: 上年结转), read once per figure in a run of checks."""
    kept = ctx.kept("dated")
    got = kept.get(id(p))
    if got is None or got[0] is not p or got[1] is not s:
        words = any_word(ctx.book.rules.growth.previous_year_words)
        text = ctx.words_of(s, p)
        # (not as this year's carry-over from it: 全年支出A（含上年结转资金安排的支出）)
        carried = ctx.book.rules.growth.carryover_words
        found = words.search(text) is not None and (
            not any(w in text for w in carried) or _names_year_before(ctx, text))
        got = kept[id(p)] = (p, s, found)
    return got[2]


def _of_year_before_or_dated(ctx: CheckContext, s: Sentence, p: Placed) -> bool:
    """:func:`_dated` or :func:`_of_year_before`: a figure of the year
    before by its words or by where it stands."""
    return _dated(ctx, s, p) or _of_year_before(ctx, p.claim)


def _people(a: Figure, b: Figure) -> bool:
    """Whether both figures count people, once (人) or by attendances (人次):
    就业12,775人 of 培训18,650人次."""
    def people(x: Figure) -> bool:
        return x.unit_class == "person" or x.normalized_unit == "人次"
    return people(a) and people(b)


def _same_kind(a: Claim, b: Claim) -> bool:
    """Whether two counts count one kind of thing: one unit class, or people (:func:`_people`)."""
    return a.unit_class == b.unit_class or _people(a, b)


def _named_whole(ctx: CheckContext, s: Sentence, rate: Placed, index: int,
                 near: list[tuple[Sentence, Placed]]) -> list[tuple[Operand, Operand]]:
    """A / B for a rate whose part stands in its own sentence and whose whole
    in another paragraph ("参训人员考核合格16,972人次，培训合格率91.00%" and
    "全年补贴培训18,650人次"): A the figure right before the rate whose words
    match the rule's ``numerator`` (for a rule with none, hold a term of the
    rate's subject: 实现就业12,775人 for 培训后就业率), B the one larger
    figure of A's kind of this year that the rate's subject names
    (:func:`~extract.checks.operands.named_figure`); [] otherwise."""
    part = _counted_part(ctx, s, rate, index)
    if part is None:
        return []
    head = subject_head(ctx, rate.claim, index)
    numerator = ctx.book.rate_numerators[index]
    subject = "".join(ch for ch in rate_subject(ctx, rate.claim, index) if not ch.isdigit())
    whole = named_figure(ctx, near, subject, head,
                         lambda ks, k: k is not part and _same_kind(k.claim, part.claim)
                         and k.claim.unit_class != "money" and k.claim.normalized_value > part.claim.normalized_value
                         and (numerator is None or not numerator.search(counted_words(ks, k))))
    return [(kept_operand(ctx, part.claim), kept_operand(ctx, whole[1].claim))] if whole is not None else []


def _counted_part(ctx: CheckContext, s: Sentence, rate: Placed, index: int) -> Optional[Placed]:
    """The figure right before a rate in its sentence (no remainder, no
    percent) when its words match the rule's ``numerator`` (for a rule with
    none, hold a term of the rate's subject): the part a rate of a count
    names; None else."""
    numerator = ctx.book.rate_numerators[index]
    rest = ctx.book.rules.operands.complement_words
    before = [p for p in s.placed if 0 <= p.end <= rate.start and p.claim.unit_class not in ("percent", "date")
              and p.claim.unit not in ctx.book.rules.operands.rate_units
              and not any(w in p.claim.metric_text for w in rest)]
    if not before:
        return None
    part = before[-1]
    words = counted_words(s, part)
    if numerator is not None and not numerator.search(words):
        return None  # (before the head: its segmentation is the dearest step, and most rates stop here)
    head = subject_head(ctx, rate.claim, index)
    if not head or numerator is None and not names_head(head, words):
        return None
    return part


def _named_bases(ctx: CheckContext, s: Sentence, rate: Placed, index: int, pinned: list[tuple[Operand, Operand]],
                 near: list[tuple[Sentence, Placed]]) -> list[tuple[Operand, Operand]]:
    """(N, B) for each count N of ``pinned`` (where none is pinned, the
    count the rate's words name right before it, :func:`_counted_part`) and
    each larger count B of its unit nearby that its words name a base (rules
    ``operands.base_words``: 活产婴儿3200人, 在册老人, 应接种): a whole named as
    such is a reading the words allow as well as the whole the pinned pair
    found by its subject (完成甲项筛查3168人 for a 乙项筛查率 two sentences on)."""
    words = ctx.book.rules.operands.base_words
    if not words:
        return []
    if pinned:
        parts = [(n, d.figure) for n, d in pinned]
    else:
        # (a lone count: over a base that counts what it counts, 应接种 for 完成
        # 接种, never 在校生 for 本科上线)
        lone = _counted_part(ctx, s, rate, index)
        parts = [(kept_operand(ctx, lone.claim), None)] if lone is not None else []
    generic = ctx.book.rules.operands.generic_rate_words
    out = []
    for n, d in parts:
        part = n.figure
        if getattr(part, "unit_class", "money") == "money" or not isinstance(part, Claim):
            continue
        out += [(n, kept_operand(ctx, p.claim)) for _, p in near
                if p.claim is not part and p.claim is not d and p.claim.normalized_unit == part.normalized_unit
                and p.claim.operator is None and p.claim.qualifier is None
                and p.claim.normalized_value > part.normalized_value and any(w in p.claim.metric_text for w in words)
                and (pinned or shares_subject(part.metric_text, p.claim.metric_text, generic))]
    return out


def _rest_pairs(ctx: CheckContext, s: Sentence, rate: Placed, index: int,
                near: list[tuple[Sentence, Placed]]) -> list[tuple[Operand, Operand]]:
    """(R, W) for a rate read as the rest of a whole: a figure before the
    rate in its sentence whose words name the opposite of the rule's
    numerator (rules ``operands.complement_words`` holding it: 不合格 for
    合格), and each larger figure of its unit nearby ("抽检1,263批次；
    检出不合格样品27批次，合格率97.9%": (1,263 − 27) / 1,263)."""
    numerator = ctx.book.rate_numerators[index]
    if numerator is None:
        return []
    opposite = [w for w in ctx.book.rules.operands.complement_words if numerator.search(w)]
    before = [p.claim for p in s.placed if 0 <= p.end <= rate.start and p.claim.unit_class not in ("percent", "date")
              and p.claim.unit not in ctx.book.rules.operands.rate_units]
    out = []
    for r in before:
        if any(w in r.metric_text for w in opposite):
            out += [(kept_operand(ctx, r), kept_operand(ctx, p.claim)) for _, p in near
                    if p.claim is not r and p.claim.normalized_unit == r.normalized_unit
                    and p.claim.normalized_value > r.normalized_value]
    return out


def _negation(ctx: CheckContext, rate: Claim, index: int) -> tuple[str, bool]:
    """The stem of the rule word a rate's words hold (合格率 -> 合格, 满意度 ->
    满意: the word less its last character) and whether a negation (rules
    ``operands.negation_prefixes``) stands right before it (不合格率, 未完成率);
    ('', False) for a rule word of one character (率) or a share."""
    if index < 0:
        return "", False
    text = rate.metric_text
    found = [(text.rfind(w), w) for w in ctx.book.rules.rates[index].words if len(w) > 2 and w in text]
    if not found:
        return "", False
    at, word = max(found, key=lambda x: (x[0], len(x[1])))
    return word[:-1], at > 0 and text[at - 1] in ctx.book.rules.operands.negation_prefixes


def _negated_part(ctx: CheckContext, n: Operand, stem: str) -> bool:
    """Whether the numerator ``n`` names the stem negated (不合格17份 for
    合格): a figure of its words without the stem is taken as it is named."""
    words = f"{getattr(n.figure, 'metric_text', '')} {n.name}"
    return any(f"{x}{stem}" in words for x in ctx.book.rules.operands.negation_prefixes)


def _complement_readings(ctx: CheckContext, s: Sentence, rate: Placed, index: int,
                         negated: bool = False) -> list[Reading]:
    """P / (P + R) for a rate stated after a part and its rest, the two last
    figures of one unit before it in its sentence: P named by the rule's
    ``numerator``, R by a remainder word (rules ``operands.complement_words``):
    "项目资金支付910.00万元，未支90.00万元，支付率91%" gives its whole, 910 + 90,
    whatever other figure stands in the paragraph above. Pinned: the words
    tie the three. The rest is never a numerator, nor the part its base.
    A ``negated`` rate (不合格率 after 合格1176份、不合格24份) is R / (P + R)."""
    numerator = ctx.book.rate_numerators[index]
    if numerator is None or rate.start < 0:
        return []
    before = [p for p in s.placed if 0 <= p.end <= rate.start and p.claim.unit_class not in ("percent", "date")]
    if len(before) < 2:
        return []
    x, y = before[-2], before[-1]
    if x.claim.normalized_unit != y.claim.normalized_unit:
        return []
    words = {id(q): own_words(q, s) for q in (x, y)}
    rest = [q for q in (x, y) if names_remainder(ctx, words[id(q)])]
    if len(rest) != 1:
        return []
    r = rest[0]
    part = y if r is x else x
    if not numerator.search(words[id(part)]):
        return []
    pi, ri = interval_of(ctx, part.claim), interval_of(ctx, r.claim)
    factor = ctx.book.rules.operands.rate_units[rate.claim.unit]
    lo_d, hi_d = pi.lo + ri.hi, pi.hi + ri.lo
    if pi.lo < 0 or ri.lo < 0 or lo_d <= 0 or hi_d <= 0:
        return []
    iv = Interval(pi.lo / lo_d * factor, pi.hi / hi_d * factor)
    whole = part.claim.normalized_value + r.claim.normalized_value
    top = r.claim if negated else part.claim
    if negated:
        iv = Interval(factor - iv.hi, factor - iv.lo)
    expected = show(top.normalized_value * factor / whole if whole else None,
                    max(rate.claim.precision + 1, 2), rate.claim.unit)
    po, ro = kept_operand(ctx, part.claim), kept_operand(ctx, r.claim)
    to = ro if negated else po
    return [Reading((po, ro), iv, True, expected,
                    f"{stated_text(top)}/({stated_text(part.claim)}+{stated_text(r.claim)})={expected}"
                    f"（{to.name} / {po.name}+{ro.name}）")]


def _names_days(rate: Placed, days: list[tuple[Operand, Operand]]) -> bool:
    """Whether a rate of days names the days it is the share of the year
    of: its words, without the rate's ending (比率, 比例, 占比, 率), end the
    words of the days (优良天数比率 of 全年城市空气质量优良天数336天), so
    the words pin the reading."""
    stem = re.sub(r"(?:比率|比例|占比|率)$", "", rate.claim.metric_text.strip())
    return bool(days) and stem.endswith("天数") and len(stem) >= 4 and \
        days[0][0].figure.metric_text.strip().endswith(stem)


def _days_of_year(ctx: CheckContext, s: Sentence, rate: Placed,
                  near: list[tuple[Sentence, Placed]]) -> list[tuple[Operand, Operand]]:
    """(D, Y) for a rate of days where no count of days as large as D is
    stated nearby ("全年城市空气质量优良天数336天，优良天数比率92.1%"): D the
    days before the rate in its sentence, Y the days of the report's year
    (365, 366 in a leap year)."""
    year = ctx.report.meta.year
    days = [p.claim for p in s.placed if 0 <= p.end <= rate.start and p.claim.unit == "天"]
    if year is None or not days or "天" not in rate.claim.metric_text:
        return []
    part = days[-1]
    if any(p.claim.unit == "天" and p.claim is not part and p.claim.normalized_value >= part.normalized_value
           for _, p in near):
        return []  # 有效监测天数366天: the whole is stated
    n = Decimal(366 if calendar.isleap(year) else 365)
    name = f"{year}年全年天数"
    c = rate.claim
    if c.unit == "%" and part.normalized_value > 0:
        # the days counted (有效监测天数) may be fewer than the year's, unstated:
        # the most whole days from D to the year's that give the stated rate
        iv = stated_interval(c.value, c.precision)
        d = part.normalized_value
        most = min(n, (d * 100 / iv.lo).to_integral_value(rounding="ROUND_FLOOR")) if iv.lo > 0 else n
        if d <= most < n and iv.lo <= d * 100 / most <= iv.hi:
            n, name = most, f"{year}年有效天数（未写明，至多{most}天）"
    # the days of a year are counted, not measured: exact (unit class count)
    whole = Quantity(text=f"{n}天", value=n, unit="天", unit_class="count", normalized_value=n,
                     normalized_unit=part.normalized_unit, precision=0, location=part.location)
    return [(kept_operand(ctx, part), Operand(whole, name, None))]


def _all_pairs(ctx: CheckContext, s: Sentence, rate: Placed) -> list[tuple[Operand, Operand]]:
    """(X, X) for a rate after words saying all of a count did it ("12所学校
    改造工程全部通过竣工验收，验收合格率100%"; rules ``operands.all_words``):
    X the last figure before those words in the rate's sentence."""
    text = rate.claim.sentence[:rate.start] if rate.start >= 0 else ""
    at = max((text.rfind(w) for w in ctx.book.rules.operands.all_words), default=-1)
    if at < 0:
        return []
    before = [p.claim for p in s.placed if 0 <= p.end <= at and p.claim.unit_class not in ("percent", "date")
              and p.claim.unit not in ctx.book.rules.operands.rate_units]
    return [(kept_operand(ctx, before[-1]), kept_operand(ctx, before[-1]))] if before else []


def _named_part(ctx: CheckContext, s: Sentence, rate: Placed, index: int,
                near: list[tuple[Sentence, Placed]]) -> list[tuple[Operand, Operand]]:
    """A / B for a rate whose whole stands in its own sentence and whose part
    in another paragraph ("全年补贴培训18,650人次，…培训合格率91.00%" and
    "参训人员考核合格16,972人次"): B the figure of its sentence before it
    whose own words (not its unit: 培训人次 is no 参训人员) hold a term of
    the rate's subject, A the one smaller figure
    of B's kind of this year whose words match the rule's ``numerator`` (a
    term of the subject, for a rule with none); [] otherwise."""
    head = subject_head(ctx, rate.claim, index)
    numerator = ctx.book.rate_numerators[index]
    if not head:
        return []
    wholes = [p for p in s.placed if 0 <= p.end <= rate.start and p.claim.unit_class not in ("percent", "date", "money")
              and p.claim.unit not in ctx.book.rules.operands.rate_units and names_head(head, p.claim.metric_text)
              and not (numerator is not None and numerator.search(counted_words(s, p)))]
    if len(wholes) != 1:
        return []
    whole = wholes[0]
    if numerator is not None:
        def names(words: str) -> bool:
            return bool(numerator.search(words))
    else:
        def names(words: str) -> bool:
            return names_head(head, words)
    part = named_figure(ctx, near, "", head,
                        lambda ks, k: k is not whole and _same_kind(k.claim, whole.claim)
                        and k.claim.unit_class != "money" and k.claim.normalized_value < whole.claim.normalized_value
                        and not (ks is s and k.end <= rate.start), names)
    return [(kept_operand(ctx, part[1].claim), kept_operand(ctx, whole.claim))] if part is not None else []


def _pair_before(ctx: CheckContext, s: Sentence, rate: Placed, index: int,
                 near: list[tuple[Sentence, Placed]]) -> list[tuple[Operand, Operand]]:
    """(A, B) for a rate of counts stated in a sentence of its own after its
    operands ("全年受理补贴申请500件，办结480件。办结比例为98.00%。"): the
    rate's sentence states no count before it; A the one figure (a value
    stated once, or again) of the sentences nearby before it, no money, that
    the rate's own words name (a term of its subject, and its rule's
    ``numerator`` words if it has any: 办结480件 for 办结比例; 已完成六项 is no
    operand of 项目按期完成率), B the one larger
    figure of A's unit there that they do not name (受理补贴申请500件). Both
    of the rate's year, no change, remainder, bound or figure per something;
    [] when either is not one."""
    head = subject_head(ctx, rate.claim, index)
    numerator = ctx.book.rate_numerators[index]
    units = ctx.book.rules.operands.rate_units
    if not head:
        return []  # 完成率 alone names no numerator among the figures before it
    if any(0 <= p.end <= rate.start and p.claim.unit_class not in ("percent", "date", "duration")
           and p.claim.unit not in units for p in s.placed):
        return []  # its own sentence states figures: the readings of its sentence are its own
    here = ctx._sentence_index.get(id(s))
    prior = _rate_of_year_before(ctx, s, rate)
    usable = [(s2, p) for s2, p in near
              if here is not None and ctx._sentence_index.get(id(s2), here) < here and s2.section == s.section
              and p.claim.unit_class not in ("money", "percent", "date", "duration") and p.claim.unit not in units
              and p.claim.operator is None and p.claim.qualifier is None and not _is_change(ctx, p.claim)
              and not names_remainder(ctx, p.claim.metric_text) and not _per_something(ctx, p.claim)
              and not in_compound_unit(ctx, s2, p)
              and _of_year_before_or_dated(ctx, s2, p) == prior]

    def named(s2: Sentence, p: Placed) -> bool:
        words = counted_words(s2, p)
        return names_head(head, words) and (numerator is None or bool(numerator.search(words)))

    parts = [p.claim for s2, p in usable if named(s2, p)]
    if not parts or len({x.normalized_value for x in parts}) != 1:
        return []
    part = parts[0]
    wholes = [p.claim for s2, p in usable if not named(s2, p) and p.claim.normalized_unit == part.normalized_unit
              and p.claim.normalized_value > part.normalized_value]
    if not wholes or len({x.normalized_value for x in wholes}) != 1:
        return []
    return [(kept_operand(ctx, part), kept_operand(ctx, wholes[0]))]


def _without(text: str, words) -> str:
    """``text`` with each of ``words`` taken out in turn, longest first; a
    text holding none of them (most) is found so by one search."""
    got = _WITHOUT.get(id(words))
    if got is None or got[0] is not words:
        # (per list of words, by identity: the rules' lists are asked for
        # over and over, and a tuple of one and its hash cost more than the search)
        listed = tuple(words)
        got = (words, _any_of(listed), _longest_first(listed))
        if len(_WITHOUT) >= 256:
            _WITHOUT.clear()  # (lists made for one call are kept too: a bound, not a leak)
        _WITHOUT[id(words)] = got
    _, holds, longest = got
    if holds is None or holds.search(text) is None:
        return text
    for word in longest:
        text = text.replace(word, "")
    return text


#: id of a list of words -> (the list, its search, its words longest
#: first), for :func:`_without` (the rules' lists, read only, live as long
#: as their rule set; the list is kept, so its id is not reused while here).
_WITHOUT: dict[int, tuple] = {}


@functools.lru_cache(maxsize=64)
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` longest first (a few lists of the rules: sorted once each)."""
    return tuple(sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=64)
def _any_of(words: tuple[str, ...]) -> Optional[re.Pattern]:
    """A search for any of ``words`` (None for none but empty ones); a few
    lists of the rules: compiled once each."""
    return re.compile("|".join(map(re.escape, _longest_first(words)))) if any(words) else None


def rate_subject(ctx: CheckContext, rate: Claim, index: int) -> str:
    """What a rate is of: its words without its rate word and the words
    that name no subject (rules ``operands.generic_rate_words``):
    被征地农民养老保险补贴执行率 -> 被征地农民养老保险补贴; '' for 全年预算执行率."""
    if index == SHARE:
        return ""
    text = _CUE.sub("", rate.metric_text)
    text = _without(_without(text, ctx.book.rules.rates[index].words), ctx.book.rules.operands.generic_rate_words)
    return "".join(ch for ch in text if ch.isalnum())


# (the run of checks, {(a rate's words, its rule): its subject head}): a
# rate's readings ask for its head up to four times, each a segmentation
_HEADS: tuple[Optional[weakref.ref], dict[tuple[str, int], tuple[str, ...]]] = (None, {})


def subject_head(ctx: CheckContext, rate: Claim, index: int) -> tuple[str, ...]:
    """:func:`read_subject_head`, kept for the run of checks of ``ctx``
    (it reads only the rate's words and the rules)."""
    global _HEADS
    ref, kept = _HEADS
    if ref is None or ref() is not ctx:
        kept = {}
        _HEADS = (weakref.ref(ctx), kept)
    key = (rate.metric_text, index)
    head = kept.get(key)
    if head is None:
        head = kept[key] = read_subject_head(ctx, rate, index)
    return head


def read_subject_head(ctx: CheckContext, rate: Claim, index: int) -> tuple[str, ...]:
    """The term that names what a rate counts: the last word of two or more
    characters of its words before its rate word, without the words that
    name no subject or a year (城镇调查失业率 -> 失业; 农民工讨薪法律援助案件
    办结率 -> 办结; 培训后就业率 -> 培训), and the last two characters of a
    longer one (规上高企 -> 高企); where the words segment into none,
    the two-character runs of their last three characters
    (:func:`~extract.checks.operands.head_terms`); () when fewer than two
    characters are left."""
    if index < 0:
        return ()
    text = _CUE.sub("", rate.metric_text)
    words = ctx.book.rules.rates[index].words
    at = min((text.find(w) for w in words if w in text), default=-1)
    if at >= 0:
        text = text[:at]
    text = _without(text, [*ctx.book.rules.operands.generic_rate_words,
                           *ctx.book.rules.growth.previous_year_words, "由", "较"])
    text = "".join(ch for ch in text if ch.isalnum() and not ch.isdigit())
    last = [w for w in metric_words(text, ctx.rules.metrics) if len(w) >= 2] if len(text) > 2 else []
    if not last:
        return head_terms(text)
    return (last[-1],) if len(last[-1]) == 2 else (last[-1], last[-1][-2:])  # 规上高企: also 高企


def is_generic(ctx: CheckContext, rate: Claim, index: int) -> bool:
    """Whether the rate's words name no subject besides its rate word:
    全年预算执行率, 支付率."""
    return index != SHARE and not rate_subject(ctx, rate, index)


_CUE = re.compile(r"^(?:其中|包括|另外|此外|同时|[，,、\s])+")


def _squash(text: str) -> str:
    return "".join(text.split())


def _part_name(ctx: CheckContext, words: str, index: int) -> str:
    """The part a money figure's words name (其中基本支出执行 -> 基本支出,
    项目支出 -> 项目支出, 其中当年财政拨款 -> 财政拨款, 基本支出预算 -> 基本支出):
    its words before the first word of its rule's numerator or denominator
    (执行, 预算; 安排预算 at 安排), without a leading cue (其中), years and
    digits, the spending of a fund named so (rules ``operands.fund_spending``:
    中央资金支出 -> 中央资金), and the words naming no
    subject at their ends (:func:`_edges_dropped`); '' when only such words
    are left (全年实际支出, 项目全年预算数)."""
    text = _YEAR_OR_DIGITS.sub("", _squash(_CUE.sub("", words)))
    cuts = [m.start() for pat in (ctx.book.rate_numerators[index], ctx.book.rate_denominators[index])
            if pat is not None for m in [pat.search(text)] if m is not None]
    text = _edges_dropped(ctx, text[:min(cuts)] if cuts else text)
    spending = ctx.book.rules.operands.fund_spending
    if spending:
        text = _rx(ctx, spending).sub("", text)  # 中央资金支出 -> 中央资金 (项目支出 stays: a kind of spending)
    return text if len(_without(text, ctx.book.rules.operands.generic_rate_words)) >= 2 else ""


_YEAR_OR_DIGITS = re.compile(r"\d+年度?|\d+")


def _fund_spent(ctx: CheckContext, words: str) -> bool:
    """Whether ``words`` end with a fund's spending (rules
    ``operands.fund_spending``: 其中中央资金支出): the fund's spending."""
    spending = ctx.book.rules.operands.fund_spending
    return bool(spending) and _rx(ctx, spending).search(_squash(words)) is not None


def _named_money(ctx: CheckContext, index: int, name: str) -> tuple[list[Claim], list[Claim], list[Claim]]:
    """The report's text money stated under the part name ``name``
    (:func:`_part_name`): (its spending, its budget, those listed as a part
    of a stated breakdown). Spending: the figure's words (its own
    and those of the wholes it is a part of) match the rule's
    ``numerator``; budget: they match its ``named_denominator`` (预算,
    下达, 资金总额 …) and not the numerator (其中基本支出2136.58万元 under
    全年支出预算). Worked out once per rule and name in a run of checks
    (only the figures whose words hold the name are read)."""
    kept = ctx.kept("named_money")
    got = kept.get((index, name))
    if got is None:
        numerator = ctx.book.rate_numerators[index]
        budget = ctx.book.rate_named_denominators[index] or ctx.book.rate_denominators[index]
        wholes = ctx.wholes_of
        spent: list[Claim] = []
        base: list[Claim] = []
        listed: list[Claim] = []
        for s, p in ctx.text_claims():
            c = p.claim
            if c.unit_class != "money" or name not in _squash(c.metric_text) or c.operator is not None \
                    or c.qualifier is not None or names_remainder(ctx, c.metric_text) \
                    or _part_name(ctx, c.metric_text, index) != name:
                continue
            role = " ".join([own_words(p, s), *wholes.get(id(c), ())])
            if numerator is not None and numerator.search(role) or _fund_spent(ctx, c.metric_text):
                spent.append(c)
            elif budget is not None and budget.search(role):
                base.append(c)
            if id(c) in wholes:
                listed.append(c)
        got = kept[(index, name)] = (spent, base, listed)
    return got


def _part_rate(ctx: CheckContext, s: Sentence, rate: Placed, index: int) -> Optional[tuple[Optional[Claim], str]]:
    """:func:`_read_part_rate`, once per rate in a run of checks."""
    kept = ctx.kept("part_rate")
    got = kept.get(id(rate))
    if got is None or got[0] is not rate:
        got = kept[id(rate)] = (rate, _read_part_rate(ctx, s, rate, index))
    return got[1]


def _read_part_rate(ctx: CheckContext, s: Sentence, rate: Placed, index: int) -> Optional[tuple[Optional[Claim], str]]:
    """The part of the report's money whose rate ``rate`` is, as (its
    numerator in the rate's clause or None, the part's name), when the
    rate's clause or words name a part: the money of its clause that the
    rule's numerator words name (its own, or its whole's) is a part (listed as one:
    :func:`~extract.checks.operands.part_with_rate`; after a breakdown cue,
    其中基本支出执行500万元; or of the name of a part listed elsewhere) with
    a name (:func:`_part_name`), unless the clause lists two or more parts
    of one breakdown (the whole's rate); or, with no such money, the rate's own words
    name a part listed in the report (当年财政拨款执行率 after 其中当年财政拨款
    450万元). None otherwise (全年预算执行率, 项目资金已支付…，支付率r)."""
    numerator = ctx.book.rate_numerators[index] if index >= 0 else None
    if numerator is None or not ctx.book.rules.rates[index].budget:
        return None
    cues = tuple(ctx.book.rules.breakdowns.cues)
    clause = _clause_amounts(ctx, s, rate)
    lists = [b for b in (_listed_parts(ctx).get(id(p.claim)) for p in clause) if b is not None]
    if len(lists) > len({id(b) for b in lists}):
        clause = []  # 实际支出A（市本级支出B，转移支付C），支出率r: after two parts of one list, the whole's rate
    words = _squash(_CUE.sub("", rate.claim.metric_text))
    at = min((words.find(w) for w in ctx.book.rules.rates[index].words if w in words), default=-1)
    named = _part_name(ctx, words[:at] if at >= 0 else words, index) if rate_subject(ctx, rate.claim, index) else ""
    for p in clause:
        c = p.claim
        # (its own words or those of the whole it is listed under: 其中基本支出741万元
        # of 全年实际支出1120万元 is spending)
        if c.unit_class != "money" or not (numerator.search(" ".join([own_words(p, s), *ctx.wholes_of.get(id(c), ())]))
                                           or _fund_spent(ctx, c.metric_text)):
            continue
        name = _part_name(ctx, c.metric_text, index)
        if named and name != named and name.startswith(named):
            name = named  # 其中中央资金支出A，中央资金执行率r: the part the rate's words name (中央资金)
        if name and (c is part_with_rate(ctx, s, rate) or c.metric_text.lstrip(" ，,、：:").startswith(cues)
                     or any(x is not c for x in _named_money(ctx, index, name)[2])):
            return c, name
    if _names_year_before(ctx, rate.claim.metric_text) or not named:
        return None
    return (None, named) if _named_money(ctx, index, named)[2] else None


def _part_rate_pairs(ctx: CheckContext, numerator: Optional[Claim], name: str,
                     index: int) -> list[tuple[Operand, Operand]]:
    """The readings of the rate of a part (:func:`_part_rate`): its
    numerator (the clause's, else the report's spending of that name) over
    the report's budget of that name, wherever it stands (其中基本支出执行
    2057.53万元，执行率96.30% over 其中基本支出2136.58万元 of 全年支出预算, in
    another chapter), and the 执行数 / 预算数 of a form row of its name."""
    spent, base, _ = _named_money(ctx, index, name)
    nums = [numerator] if numerator is not None else spent
    out = [(kept_operand(ctx, n), kept_operand(ctx, d)) for n in nums for d in base
           if d is not n and d.normalized_unit == n.normalized_unit and d.normalized_value > 0]
    return out + _row_pairs(ctx, name)


def _report_budgets(ctx: CheckContext, index: int) -> list[Operand]:
    """The report's own budget, wherever its text states it: the adjusted
    and initial budget of its budget facts, else the text money whose own
    words the rule's ``named_denominator`` names (项目预算690.00万元, 安排预算)
    and that names no part (:func:`_part_name`: no 基本支出预算) but the
    report's own project (河道清淤项目预算 in a report on it), is no part
    of a stated breakdown, no item's budget (“三公”经费预算), no remainder
    and of this year; [] when these state more than one value (two
    projects' budgets: which one, the words do not say). Once per rule in
    a run of checks."""
    kept = ctx.kept("report_budgets")
    got = kept.get(index)
    if got is None:
        facts = [d for _, d in _budget_facts(ctx)]
        if facts:
            got = kept[index] = facts
            return got
        pattern = ctx.book.rate_named_denominators[index]
        numerator = ctx.book.rate_numerators[index]
        meta = ctx.report.meta
        own = f"{meta.title or ''} {meta.project_name or ''}"
        found: list[Claim] = []
        # (the words of the budget's role name no part: 年初预算, 全年调整预算)
        roles = (*ctx.book.rules.operands.initial_budget_words, *ctx.book.rules.operands.adjusted_budget_words)
        for s, p in ctx.text_claims() if pattern is not None else ():
            c = p.claim
            words = own_words(p, s)
            if c.unit_class != "money" or c.operator is not None or c.qualifier is not None \
                    or id(c) in ctx.wholes_of or not pattern.search(words) \
                    or numerator is not None and numerator.search(words) or names_remainder(ctx, words) \
                    or _part_name(ctx, _without(c.metric_text, roles), index) not in own or _of_item_budget(ctx, s, p) \
                    or _of_year_before_or_dated(ctx, s, p):
                continue
            found.append(c)
        one = len({c.normalized_value for c in found}) == 1
        if not one:
            # (年初预算A，全年调整预算B: the initial budget and the adjusted one,
            # one value each, are both the report's budget)
            initial = ctx.book.rules.operands.initial_budget_words
            first = {c.normalized_value for c in found if any(w in c.metric_text for w in initial)}
            rest = {c.normalized_value for c in found if not any(w in c.metric_text for w in initial)}
            one = len(first) == 1 and len(rest) == 1
            # (the adjusted first: the reading a mismatch is shown against)
            found.sort(key=lambda c: any(w in c.metric_text for w in initial))
        got = kept[index] = [kept_operand(ctx, c) for c in found] if one else []
    return got


def _over_report_budget(ctx: CheckContext, s: Sentence, rate: Placed, index: int,
                        near: list[tuple[Sentence, Placed]]) -> list[tuple[Operand, Operand]]:
    """(N, B) for the report's budget rate (its words name no part) with
    its numerator at hand and no budget beside it ("项目全年支出662.40万元，
    预算执行率96.00%" four lines under 项目预算690.00万元): N the nearest money
    before the rate in its sentence, else in the sentences before it in
    its section (全年支出305.44万元。…对照年初预算，资金使用率90.00%), that the
    rule's numerator words name and that names no part, B the report's
    budget (:func:`_report_budgets`)."""
    here = ctx._sentence_index.get(id(s), -1)
    before = [(s, p) for p in reversed(s.placed) if 0 <= p.end <= rate.start and p.claim.unit_class == "money"]
    if not before:
        before = [(s2, p) for s2, p in near if s2.section == s.section and p.claim.unit_class == "money"
                  and ctx._sentence_index.get(id(s2), here) < here]
    numerator = ctx.book.rate_numerators[index]
    named = named_by_words(ctx, before, numerator, 1)
    hit = next(((s2, p) for s2, p in before if named and p is named[0]), None)
    if hit is None and not s.placed[0].start < rate.start:
        # (全年预算执行率r opening its sub-section (二)预算执行, the spending
        # stated in (一): the nearest money so named before it in its section's
        # parent or a section beside it, none of another heading's sub-sections)
        place = ctx.sentence_place(s)
        parent = ctx.section_path(s.section)[:-1]

        def beside(x: Sentence) -> bool:
            path = ctx.section_path(x.section)
            return bool(parent) and (path == parent or path[:-1] == parent)
        earlier = ((s2, p) for s2, p in itertools.islice(_nearest_in_chapter(ctx, s), _CHAPTER_REACH)
                   if p.claim.unit_class == "money" and (ctx.sentence_place(s2) or place) < place and beside(s2))
        hit = next(((s2, p) for s2, p in earlier if named_by_words(ctx, [(s2, p)], numerator, 1)), None)
    if hit is None or _part_name(ctx, hit[1].claim.metric_text, index) or _of_year_before_or_dated(ctx, *hit):
        return []
    n = hit[1].claim
    return [(kept_operand(ctx, n), d) for d in _report_budgets(ctx, index)
            if d.figure is not n and d.figure.normalized_value > 0]


#: The figures of its chapter, nearest first, a budget rate opening a
#: sub-section looks through for its spending (a chapter may hold thousands).
_CHAPTER_REACH = 120


def _budget_rows(ctx: CheckContext) -> Iterator[tuple[object, dict[str, int], int, list[str]]]:
    """(table, budget columns, row index, row) for every row of a budget
    table under its header (年初预算数 / 全年预算数 / 全年执行数)."""
    for table in ctx.report.tables:
        cols: dict[str, int] = {}
        for r, (row, found) in enumerate(zip(table_grid(ctx, table, filled=False), table_header_columns(ctx, table))):
            if "executed" in found and ("adjusted" in found or "initial" in found):
                cols = found
            elif cols:
                yield table, cols, r, row


def _row_operands(ctx: CheckContext, table, cols: dict[str, int], r: int,
                  row: list[str]) -> list[tuple[Operand, Operand]]:
    """执行数 / 预算数 (then / 年初预算数) of one budget table row."""
    out: list[tuple[Operand, Operand]] = []
    executed = _cell_operand(ctx, table, r, row, cols["executed"], "执行数")
    for role, name in (("adjusted", "预算数"), ("initial", "年初预算数")):
        budget = _cell_operand(ctx, table, r, row, cols[role], name) if role in cols else None
        if executed is not None and budget is not None:
            out.append((executed, budget))
    return out


def _row_pairs(ctx: CheckContext, subject: str) -> list[tuple[Operand, Operand]]:
    """执行数 / 预算数 of the budget table row whose label holds ``subject``
    (a row 其中：当年财政拨款 for 财政拨款; of several such rows, the one of
    that very name): the row's own figures."""
    rows = []
    for table, cols, r, row in _budget_rows(ctx):
        label = _CUE.sub("", _squash(row[0]).replace("：", "").replace(":", "")) if row else ""
        if subject in label:
            rows.append((table, cols, r, row, label == subject))
    if len(rows) > 1:
        rows = [x for x in rows if x[4]]  # 财政拨款 in 当年财政拨款 and 上年结转财政拨款: only the row of that name
    return [pair for table, cols, r, row, _ in rows for pair in _row_operands(ctx, table, cols, r, row)]


def _table_row_pairs(ctx: CheckContext, rate: Claim, index: int) -> list[tuple[Operand, Operand]]:
    """执行数 / 预算数 of the table row labelled with the rate's subject
    ("被征地农民养老保险补贴执行率83.22%" and a row 被征地农民养老保险补贴 |
    175.22 | 145.82 under 全年预算数 | 全年执行数): the row's own figures."""
    subject = rate_subject(ctx, rate, index)
    if len(subject) < 4 or not ctx.book.rules.rates[index].budget:
        return []
    return [pair for table, cols, r, row in _budget_rows(ctx) if any(_squash(t) == subject for t in row)
            for pair in _row_operands(ctx, table, cols, r, row)]


def _cell_operand(ctx: CheckContext, table, r: int, row: list[str], c: int, name: str) -> Optional[Operand]:
    """A table cell's number as an operand (in the table's own unit)."""
    number = _number(row[c]) if c < len(row) else None
    if number is None:
        return None
    value, decimals = number
    figure = Quantity(text=row[c].strip(), value=value, normalized_value=value, normalized_unit="表格单位",
                      unit_class="money", precision=decimals, location=cell_location(table, r, c))
    return Operand(figure, name, f"table:{table.id}:{r}")


def _chapter_figures(ctx: CheckContext, s: Sentence) -> list[tuple[Sentence, Placed]]:
    """The figures of the sentences of ``s``'s chapter, nearest sentence first."""
    return list(_nearest_in_chapter(ctx, s))


def _nearest_in_chapter(ctx: CheckContext, s: Sentence) -> Iterator[tuple[Sentence, Placed]]:
    """:func:`_chapter_figures` found as they are asked for: from ``s``
    outwards (of two sentences as near, the earlier first), so a search
    that stops at the nearest match neither sorts nor walks the whole
    chapter (a long report's chapter holds thousands of sentences)."""
    here = ctx.sentence_place(s)
    chapter = ctx.chapter_sentences(s)
    k = bisect.bisect_left(chapter, here, key=_PLACE) if here is not None else len(chapter)
    if k == len(chapter) or chapter[k][1] is not s:
        return
    before, after = k - 1, k + 1
    while before >= 0 or after < len(chapter):
        if after >= len(chapter) or (before >= 0 and here - chapter[before][0] <= chapter[after][0] - here):
            x = chapter[before][1]
            before -= 1
        else:
            x = chapter[after][1]
            after += 1
        for p in x.placed:
            yield x, p


_PLACE = operator.itemgetter(0)


def _subject_pairs(ctx: CheckContext, s: Sentence, numerators: list[Placed],
                   index: int) -> list[tuple[Operand, Operand]]:
    """A / B where A is a numerator its words pin in the rate's sentence
    ("中央财政资金已支付4,035.60万元，支付率96.09%") and B the nearest figure of
    A's unit in its chapter named by A's subject alone (中央财政资金4,200.00万元)."""
    numerator = ctx.book.rate_numerators[index]
    if not numerators:
        return []
    out: list[tuple[Operand, Operand]] = []
    for a in numerators:
        words = _CUE.sub("", a.claim.metric_text)
        m = numerator.search(words) if numerator is not None else None
        subject = _squash(words[:m.start()]) if m else ""
        if len(subject) < 4:
            continue
        for _, p in _nearest_in_chapter(ctx, s):
            b = p.claim
            if b is a.claim or b.normalized_unit != a.claim.normalized_unit or b.normalized_value < a.claim.normalized_value:
                continue
            if _squash(_CUE.sub("", b.metric_text)) == subject or _squash(b.metric) == subject:
                out.append((kept_operand(ctx, a.claim), kept_operand(ctx, b)))
                break
    return out


def _budget_facts(ctx: CheckContext) -> list[tuple[Operand, Operand]]:
    """执行数 / 调整后预算 and 执行数 / 年初预算 of the report's budget."""
    executed = budget_operand(ctx, "executed", "执行数")
    if executed is None:
        return []
    out = []
    for role, name in (("adjusted", "调整后预算"), ("initial", "年初预算")):
        budget = budget_operand(ctx, role, name)
        if budget is not None:
            out.append((executed, budget))
    return out


def _on_funds_row(ctx: CheckContext, c: Claim) -> bool:
    """Whether a text figure stands on the line of a form's funds row other
    than its total (其中当年财政拨款：…；执行率97.46%): that row's own figure."""
    line = c.location.line
    return any(row.role != "total" and row.location.line <= line <= max(row.location.end_line or 0, row.location.line)
               for form in ctx.report.forms for row in form.funds)


def _form_total_pairs(ctx: CheckContext) -> list[tuple[Operand, Operand]]:
    """全年执行数 / 全年预算数 and 全年执行数 / 年初预算数 of the total funds row
    (年度资金总额) of each self-evaluation form of the report, in the form's
    funds unit: the operands of the report's own budget execution rate."""
    out: list[tuple[Operand, Operand]] = []
    for form in ctx.report.forms:
        if form.stage != "self_evaluation":
            continue
        for row in form.funds:
            if row.role != "total":
                continue
            cells = {k: row.cells.get(k) for k in ("executed", "adjusted", "initial")}
            if cells["executed"] is None or cells["executed"].value is None:
                continue

            def operand(cell, name: str) -> Operand:
                figure = Quantity(text=cell.text.strip(), value=cell.value, unit=form.funds_unit or "",
                                  unit_class="money", normalized_value=cell.value,
                                  normalized_unit=f"表格单位{form.funds_unit or ''}", precision=cell.precision,
                                  location=cell.location)
                return Operand(figure, f"{row.label}{name}", f"form:{form.id}")

            executed = operand(cells["executed"], "全年执行数")
            for role, name in (("adjusted", "全年预算数"), ("initial", "年初预算数")):
                cell = cells[role]
                if cell is not None and cell.value:
                    out.append((executed, operand(cell, name)))
    return out


def rate_of(ctx: CheckContext, num: Figure, den: Figure, factor: Decimal,
            cap: Optional[Decimal], of_rest: bool = False) -> Optional[Interval]:
    """num / den × ``factor`` as an interval ((den − num) / den for a rate
    of the rest); a rate stated capped holds at the cap when the ratio
    reaches it."""
    n, d = interval_of(ctx, num), interval_of(ctx, den)
    r = ratio_interval(d - n if of_rest else n, d)
    if r is None:
        return None
    r = r.scaled(factor)
    if cap is not None and r.hi >= cap:
        r = Interval(min(r.lo, cap), cap)
    return r


def readings(ctx: CheckContext, s: Sentence, rate: Placed, index: int) -> list[Reading]:
    """Every reading of a text rate, pinned ones first."""
    c = rate.claim
    rule: Optional[RateRule] = ctx.book.rules.rates[index] if index != SHARE else None
    factor = ctx.book.rules.operands.rate_units[c.unit]
    cap = rule.cap if rule is not None else None
    # (a rate stated above 100% is of a part larger than its base: 实际配套到位750万元 over 应配套300万元)
    above = c.value > factor
    if cap is not None and c.value * 100 / factor > cap:
        cap = None  # a rate stated above its cap (执行率250%) is not capped
    of_rest = rule is not None and rule.of_rest
    # a rate of days over days (优良天数345天 / 有效监测天数366天): durations count as operands
    labelled = not c.metric_text.strip()
    reach = max(ctx.book.rules.operands.reach_sentences, _block_reach(ctx, s) if labelled else 0)
    near = ctx.neighbourhood(s, rate, reach, left_out=("percent", "date"))
    if rule is not None and rule.budget and not _of_item_budget(ctx, s, rate):
        # (the figures of an item with a budget of its own, “三公”经费…决算8.69万元,
        # are none of the report's budget rate: left out before any pair is
        # pinned, so that the pairs of the rest are read where they were all)
        near = [(s2, p) for s2, p in near if s2 is s or not _of_item_budget(ctx, s2, p)]
    pinned: list[tuple[Operand, Operand]] = []
    loose: list[tuple[Operand, Operand]] = []
    if rule is not None and rule.budget and not _names_year_before(ctx, c.metric_text):
        # (执行率由上年的88.0%提高到95.0%: the year before's rate is of no figure of this year's budget)
        pinned += budget_pairs(ctx, c, "rate")
        loose += _budget_facts(ctx)
        if is_generic(ctx, c, index) and not any(w in c.metric_text for w in ctx.book.rules.growth.previous_year_words):
            # 全年资金执行率 in a report with a form: the form's total funds row,
            # unless the rate's sentence states money before it (a row's own
            # figures: 其中当年财政拨款：…全年执行数181.27；执行率97.46%)
            stated_with = any(p.claim.unit_class == "money" for p in s.placed if 0 <= p.end <= rate.start) \
                or _on_funds_row(ctx, c)
            (loose if stated_with else pinned).extend(_form_total_pairs(ctx))
    of_whole = _part_of_whole(ctx, s, rate, index)
    pinned += of_whole or (_part_of_whole_before(ctx, s, rate) if rule is not None else [])
    # (the part over a nearer listed part, 健康管理 over 65岁以上老年人: no siblings)
    nested = {(id(n.figure), id(d.figure)) for n, d in of_whole[1:]} | _nested_pairs(ctx, s, rate, index)
    generic = rule is not None and is_generic(ctx, c, index)
    if rule is not None:
        pinned += _table_row_pairs(ctx, c, index)
        # (the numerators of its own clause: in a list of items each with its
        # rate, 中央资金完成450万元，执行率90%，省级资金完成198万元，执行率99%, the
        # other items' are theirs)
        clause_of = _clause_of(ctx, s, rate)
        theirs = _later_clauses(ctx, s, rate) | ({id(p.claim) for p in s.placed if 0 <= p.end <= rate.start}
                                                 - ids_of(clause_of) if clause_of is not None else set())
        own = [p for p in named_by_words(ctx, [(s, p) for p in s.placed if p is not rate],
                                          ctx.book.rate_numerators[index], 3) if id(p.claim) not in theirs]
        pinned += _subject_pairs(ctx, s, own, index)
        # a label's value (预算执行率：97.34%) reads the lines of labels and
        # values around it, a form's block: any of their pairs its words allow
        previous = ctx.book.rules.growth.previous_year_words
        prior = any(w in c.metric_text for w in previous)
        prior_rate = _rate_of_year_before(ctx, s, rate)

        def stale_pair(n, d, rate_is_prior: bool) -> bool:
            """A pair not of the rate's year: a figure of the year before
            only for a rate of the year before, which needs one (上年同期执行率
            is no rate of this year's spending; 比上年220,832人 is no base of
            this year's 参保率)."""
            dated = any(w in ctx.words_of_figure(o.figure) for o in (n, d) for w in previous) \
                or any(_of_year_before(ctx, o.figure) for o in (n, d))
            return dated != rate_is_prior

        named_base = ctx.book.rate_named_denominators[index] \
            if any(w in c.metric_text for w in rule.named_by) else None
        for n, d in _worded_pairs(ctx, near, index, len(near) if labelled else 3):
            if named_base is not None and d.figure.metric_text.strip() and not named_base.search(d.figure.metric_text):
                continue  # 预算执行率 over 合同金额合计: no budget
            # pinned only when one of them stands with the rate (its sentence
            # or line), the pair is of the rate's year (stale_pair), and the
            # pair can be a part and its whole
            stale = stale_pair(n, d, prior)
            over = rule.ceiling is not None and d.figure.normalized_value > 0 and \
                n.figure.normalized_value * factor / d.figure.normalized_value > rule.ceiling * 2
            # (a part larger than its whole for a rate stated below 100%, not at its
            # cap: 拨付2,151.36万元 over 含中央补助资金1,764.00万元 is no part and its whole)
            over = over or not above and n.figure.normalized_value > d.figure.normalized_value \
                and not (cap is not None and c.value * 100 / factor >= cap)
            near_enough = generic or _with(c, n.figure) or _with(c, d.figure)
            (pinned if near_enough and not stale and not over else loose).append((n, d))
        # the rate's own clause names its operands: those of an earlier
        # clause (the rate before it) are no reading its words allow
        clause = _clause_of(ctx, s, rate)
        if clause is not None:
            own_pairs = [(n, d) for n, d in _worded_pairs(ctx, [(s, p) for p in reversed(clause)], index)
                         if not stale_pair(n, d, prior_rate)]
            if own_pairs:
                inside = {id(p.claim) for p in clause}
                earlier = {id(p.claim) for p in s.placed if 0 <= p.end <= rate.start} - inside
                pinned = [(n, d) for n, d in pinned if id(n.figure) not in earlier and id(d.figure) not in earlier]
                loose = [(n, d) for n, d in loose if id(n.figure) not in earlier and id(d.figure) not in earlier]
                pinned += own_pairs
    part = ctx.book.rules.operands.part_of_year
    if part and rate.start >= 0 and _rx(ctx, part).search(c.sentence[:rate.start]):
        # 截至6月底，预算执行率为45%: a progress rate; the year's spending is no
        # numerator its words pin, only a figure of its own sentence
        own = {id(p.claim) for p in s.placed}
        loose += [(n, d) for n, d in pinned if id(n.figure) not in own]
        pinned = [(n, d) for n, d in pinned if id(n.figure) in own]
    elif part and rule is not None and rule.budget and _cut_off_section(ctx, s):
        # （二）截至9月30日执行情况 / a section opening 截至2023年9月30日，…: its
        # rates are progress rates; a numerator of its own section, not the year's
        own = {id(p.claim) for x in ctx.sentences if x.section == s.section for p in x.placed}
        loose += [(n, d) for n, d in pinned if id(n.figure) not in own]
        pinned = [(n, d) for n, d in pinned if id(n.figure) in own]
    pinned += _stated_bases(ctx, s, rate)
    # a pair of two units is dropped below: it pins nothing, and leaves the
    # readings of one unit (those tried where nothing is pinned) open
    pinned = [(n, d) for n, d in pinned if _comparable(n, d)]
    bracketed = _bracketed_base(ctx, s, rate, index) if rule is not None else []
    # (满意率95.00%（342份满意）: a bracket stating the part; its pairs alone are pinned below)
    bracket_part = _bracketed_part(ctx, s, rate, index, near) if rule is not None and not bracketed else []
    bracketed = bracketed or bracket_part
    pinned += bracketed
    if not any(_with(c, n.figure) and _with(c, d.figure) for n, d in pinned):
        pinned += _two_before(ctx, s, rate, index)
    if not pinned and rule is not None and rule.budget and generic and not _names_year_before(ctx, c.metric_text) \
            and not labelled and _part_rate(ctx, s, rate, index) is None:
        pinned += _over_report_budget(ctx, s, rate, index, near)
    if not pinned and rule is not None and not rule.budget:
        found = _named_whole(ctx, s, rate, index, near) or _named_part(ctx, s, rate, index, near) \
            or _chapter_total(ctx, s, rate, index) or _pair_before(ctx, s, rate, index, near)
        # (the base named as such first: the reading a mismatch is shown against)
        pinned += _named_bases(ctx, s, rate, index, found, near) + found
    share = ctx.book.share_cue.search(c.metric_text) if ctx.book.share_cue is not None else None
    if share is not None:
        # 占参训总人次的 names its whole; a bare 占 leaves it to the reader
        # and pins a figure of that name; of the larger figures nearby, money
        # is named precisely (基本支出预算 or 本年一般公共预算基本支出 is no
        # 一般公共预算支出: a loose reading), a count by its unit too (全年补贴
        # 培训18,650人次 for 占参训总人次的: pinned)
        named, others = _share(ctx, s, rate, near)
        if share.groupdict().get("whole"):
            # (支出X，其中前三季度支出Y，占全年预算的R%: a share naming its whole
            # is over that whole, no other figure of its sentence)
            name = "".join(ch for ch in share.group("whole") if ch.isalnum())
            own = {id(p.claim) for p in s.placed}
            if len(name) >= 2:
                pinned = [(n, d) for n, d in pinned if id(d.figure) not in own or _names_whole(name, d.figure)]
            pinned += named + [(n, d) for n, d in others if d.figure.unit_class != "money"]
            loose += [(n, d) for n, d in others if d.figure.unit_class == "money"]
        else:
            loose += named + others
    if not pinned:
        # any other pair of one unit, read as a part of its whole (only
        # where nothing is pinned: pinned readings alone count where some are)
        # (not a bound, 低于每亩15元, nor a figure per something, 亩均作业费用14元:
        # neither is a count of a part or a whole)
        figures = [p.claim for _, p in near if p.claim.operator is None and p.claim.qualifier is None
                   and not _per_something(ctx, p.claim)]
        ops = {id(f): kept_operand(ctx, f) for f in figures}
        of = _counted_metrics(ctx, near)
        # (one figure stated twice is no part and its whole: 2194家 / 2194家,
        # PM2.5年均浓度29μg/m³ / 由45μg/m³降至29μg/m³; a part as large as a
        # whole of other words is: 财政拨款支出2940.05万元, 占本年支出合计的100.00%;
        # an equal part shares a term with its whole: 深机井1座 is no part of
        # 水塔1座, and a figure with no words of its own, a table cell read as
        # text, names no term)
        generic_words = ctx.book.rules.operands.generic_rate_words
        of_unit: dict[str, list[Claim]] = {}  # (each figure's pairs are of its unit: those of its unit, in order)
        for f in figures:
            of_unit.setdefault(f.normalized_unit, []).append(f)
        loose += [(ops[id(n)], ops[id(d)]) for n in figures for d in of_unit[n.normalized_unit]
                  if n is not d and n.location is not d.location and n.location != d.location
                  and ((n.normalized_value > d.normalized_value) if above else (n.normalized_value < d.normalized_value)
                       or n.normalized_value == d.normalized_value and of[id(n)] != of[id(d)]
                       and shares_subject(n.metric_text, d.metric_text, generic_words))
                  and not siblings(ctx, n, d) and _money_allowed(ctx, index, n, d)]
    # figures after the rate in its sentence that a later rate of it follows
    # are that rate's clause ("…，目标完成率为100%，(2)成本目标：…目标值是20万元，
    # 实际完成值为0万元，目标完成率为0%"): no operands of this one
    later = _later_clauses(ctx, s, rate)
    if later:
        pinned = [(n, d) for n, d in pinned if id(n.figure) not in later and id(d.figure) not in later]
        loose = [(n, d) for n, d in loose if id(n.figure) not in later and id(d.figure) not in later]
    # a numerator whose words name a part of the pinned whole (中央资金已支出285万元
    # of 项目预算450万元，其中：中央补助资金300万元) may be over that part: a reading
    # its words allow
    pinned += _named_parts_of_whole(ctx, pinned, near)
    # a pair another rate before it in its sentence reads and gives (回收率
    # over 发放/回收) is that rate's: no reading of a rate of another subject
    taken = _taken_pairs(ctx, s, rate, index) if rule is not None else set()
    if taken:
        pinned = [(n, d) for n, d in pinned if frozenset((id(n.figure), id(d.figure))) not in taken]
        loose = [(n, d) for n, d in loose if frozenset((id(n.figure), id(d.figure))) not in taken]
    # a change on a year before (比上年减少200万元) is no part nor whole of a
    # rate, nor a figure stated again (约合2031.89万元) one of its own
    changes = {id(p.claim) for s2, p in near if _no_operand(ctx, s2, p)}
    if changes:
        pinned = [(n, d) for n, d in pinned if id(n.figure) not in changes and id(d.figure) not in changes]
        loose = [(n, d) for n, d in loose if id(n.figure) not in changes and id(d.figure) not in changes]
    # the figures of an item with a budget of its own (“三公”经费…实际支出9.00万元)
    # are no operands of the report's budget rate, unless its sentence names the item
    if rule is not None and rule.budget and not _of_item_budget(ctx, s, rate):
        items = {id(p.claim) for s2, p in near if s2 is not s and _of_item_budget(ctx, s2, p)}
        if items:
            pinned = [(n, d) for n, d in pinned if id(n.figure) not in items and id(d.figure) not in items]
            loose = [(n, d) for n, d in loose if id(n.figure) not in items and id(d.figure) not in items]
    # the rate of an item with a budget of its own (“三公”经费全年支出15.30万元，
    # 执行率85.00%; under a heading of the item) is over the item's figures:
    # the report's budget (its facts, its totals) is no operand of it
    if rule is not None and rule.budget and _item_rate(ctx, s, rate):
        mine = {id(p.claim) for s2, p in near if _item_figure(ctx, s2, s, p)} | {id(p.claim) for p in s.placed}
        pinned = [(n, d) for n, d in pinned if id(n.figure) in mine and id(d.figure) in mine]
        loose = [(n, d) for n, d in loose if id(n.figure) in mine and id(d.figure) in mine]
    # a figure compared with a target or limit (低于控制指标291.60公顷) is the
    # limit or the margin: a reading with it is one its words allow, none they pin
    bounds = {id(p.claim) for _, p in near if _compared_bound(ctx, p.claim)}
    if bounds:
        loose += [(n, d) for n, d in pinned if id(n.figure) in bounds or id(d.figure) in bounds]
        pinned = [(n, d) for n, d in pinned if id(n.figure) not in bounds and id(d.figure) not in bounds]
    # the rate's own clause, or its bracket, states its pair (其中：财政拨款1,000万元，
    # 执行960万元，执行率96%): the readings its words allow are of their figures
    # (a label's value, 预算执行率：97.34%, has no clause: the lines of labels around it are its block)
    own = _own_pairs(ctx, s, rate, index) if rule is not None and not labelled else []
    if own or bracketed:
        inside = {id(p.claim) for p in _clause_figures(ctx, s, rate)} | {id(o.figure) for x in bracketed for o in x}
        # (those pinned before first: the budget's, the adjusted budget before the initial)
        pinned = [(n, d) for n, d in pinned if id(n.figure) in inside and id(d.figure) in inside] + own
        loose = [(n, d) for n, d in loose if id(n.figure) in inside and id(d.figure) in inside]
        if bracket_part:
            # the bracket names the part (342份满意): a pair of another part
            # (其中非常满意300份) is one its words allow, none they pin
            part = bracket_part[0][0].figure
            loose += [x for x in pinned if x[0].figure is not part]
            pinned = bracket_part + [x for x in pinned if x[0].figure is part and x not in bracket_part]
    elif rule is not None and not labelled:
        # the clause names the part whose rate it is (财政拨款1,000万元，执行率96%)
        # by an amount no pair from elsewhere restates: the whole's pair is
        # no reading of it
        amounts = _clause_amounts(ctx, s, rate)
        if amounts:
            pinned = [x for x in pinned if not _of_another_amount(ctx, amounts, x, index)]
            loose = [x for x in loose if not _of_another_amount(ctx, amounts, x, index)]
    part_of = _part_rate(ctx, s, rate, index) if rule is not None and not labelled else None
    if part_of is not None:
        # 其中基本支出执行500万元，执行率97%; 当年财政拨款执行率95%: the rate of a
        # part is over that part's own budget, wherever the report states it
        # (a form row of its name too), or the pair its clause states
        # (其中基本支出执行741万元，预算760万元), or nothing: never the whole's
        of_part = _part_rate_pairs(ctx, part_of[0], part_of[1], index) \
            + [x for x in own if part_of[0] is None or x[0].figure is part_of[0]]
        spent = part_of[0]
        numerator = ctx.book.rate_numerators[index]
        if generic and spent is not None and numerator is not None and not numerator.search(spent.metric_text) \
                and not _fund_spent(ctx, spent.metric_text):
            # (全年实际支出A，其中项目支出B，预算执行率r: the part's words name no
            # spending of its own, only its whole's; a rate whose words name no
            # part may be the whole's as well: its readings stay)
            pinned = of_part + pinned
        else:
            pinned, loose = of_part, []
    elif rule is not None and rule.budget and generic:
        # 全年预算执行率 names no part: a reading of a listed part's money
        # (项目支出170万元 of 支出合计) is one its words allow, none they pin
        parted = {id(n.figure) for n, _ in pinned if id(n.figure) in ctx.wholes_of
                  and _part_name(ctx, getattr(n.figure, "metric_text", ""), index)}
        loose += [x for x in pinned if id(x[0].figure) in parted]
        pinned = [x for x in pinned if id(x[0].figure) not in parted]
    if index == SHARE and _inline_whole(ctx, s, rate) is not None:
        # 占全年支出86.40万元的60.00%: the whole its cue states pins the
        # readings (none where no part is found); the others are readings
        # its words allow
        loose += pinned
        pinned = _inline_share_pairs(ctx, s, rate, near)
    respective = _respective_shares(ctx, s, rate) if rule is not None or share is not None else None
    if respective is not None:
        # 基本支出800万元、项目支出200万元，占比分别为80%、20%: each share is
        # of its own part over their whole, never of one part over another
        part, parts, _ = respective
        ids = {id(x) for x in parts}
        pinned = []
        loose = [(n, d) for n, d in loose if n.figure is part and id(d.figure) not in ids]
        loose += [(kept_operand(ctx, part), kept_operand(ctx, p.claim)) for _, p in near
                  if id(p.claim) not in ids and p.claim.normalized_unit == part.normalized_unit
                  and p.claim.operator is None and p.claim.qualifier is None
                  and p.claim.normalized_value > part.normalized_value and not _is_change(ctx, p.claim)]
    scoped = _scoped_pairs(ctx, s, rate, index, near) \
        if rule is not None and not (own or bracketed) and respective is None else []
    if scoped:
        # 项目支出执行率 beside the parts 项目支出100万元 (of the budget) and
        # 项目支出90万元 (of the spending): the scope words pin the part's
        # figures; the whole's pair (执行数 / 预算数) is no reading of it
        ids = {id(o.figure) for x in scoped for o in x}
        pinned = scoped
        loose = [(n, d) for n, d in loose if id(n.figure) in ids and id(d.figure) in ids]
    # a rate whose name names its denominator (预算执行率: 预算) reads only over
    # a figure so named where one is pinned (项目全年预算A，到位资金B，实际支出C:
    # C / B is no 预算执行率); the other pairs are readings its words allow
    # (a figure named so and by the numerator's words, 预算共执行A, is the spending)
    named = [w for w in rule.named_by if w in c.metric_text] if rule is not None else []
    if named and pinned:
        numerator = ctx.book.rate_numerators[index]

        def so_named_base(o: Operand) -> bool:
            words = f"{getattr(o.figure, 'metric_text', '')} {o.name}"
            return any(w in words for w in named) and (numerator is None or not numerator.search(words))
        so_named = [x for x in pinned if so_named_base(x[1])]
        if so_named:
            loose += [x for x in pinned if not any(x is y for y in so_named)]
            pinned = so_named
    # 系统管理率97.50%（4992÷5120）: the division its bracket writes is a reading its words pin
    pinned += _written_division(ctx, s, rate)
    decimals = max(c.precision + 1, 2)
    division = _division(ctx, s, rate) if share is not None else None
    out = [division] if division is not None else []
    if respective is not None:
        out += _respective_readings(ctx, s, rate, *respective)
    seen: set[tuple[int, int, bool]] = set()
    rest = _rest_pairs(ctx, s, rate, index, near) if rule is not None and not of_rest and part_of is None else []
    days = _days_of_year(ctx, s, rate, near) if part_of is None else []
    # another item of an enumeration (2.新建护栏：计划12公里… after 1.维修涵洞：计划30孔…，完成率90%)
    # lends no operands to this item's rate (a budget rate reads the report's budget wherever it stands)
    foreign = _other_items(ctx, c, near) if rule is not None and not rule.budget else set()
    # two parts listed under one whole (其中基本支出A，项目支出B) are siblings: neither the other's whole
    listed = _listed_parts(ctx)
    base_named = ctx.book.rate_denominators[index] if rule is not None and rule.base_named else None
    part_named = ctx.book.rate_numerators[index] if rule is not None and rule.part_named else None
    stem, negated = _negation(ctx, c, index)
    for pairs, is_pinned, rest_of in ((pinned, True, of_rest), (loose, False, of_rest), (rest, False, True),
                                      (days, _names_days(rate, days), False),
                                      (_all_pairs(ctx, s, rate) if part_of is None else [], False, False)):
        listed_rest = pairs is rest
        for n, d in pairs:
            if stem:
                # 不合格率 over 检测合格 / 抽检: the rest of the whole; over 不合格 / 抽检: the part
                # (a rest pair, 不合格 over 抽检, is the part of a negated rate)
                rest_of = of_rest != (negated if listed_rest else _negated_part(ctx, n, stem) != negated)
            if part_named is not None and not listed_rest and \
                    not part_named.search(f"{getattr(n.figure, 'metric_text', '')} {n.name}"):
                continue  # 满意率 over 收回 / 发放: no part its words name
            key = (id(n.figure), id(d.figure), rest_of)
            if foreign and (id(n.figure) in foreign or id(d.figure) in foreign):
                continue
            if n.figure is not d.figure and listed.get(id(n.figure), listed) is listed.get(id(d.figure)) \
                    and (id(n.figure), id(d.figure)) not in nested:
                continue
            if base_named is not None and not base_named.search(f"{getattr(d.figure, 'metric_text', '')} {d.name}"):
                continue  # 森林覆盖率 over 林地面积: no base its words name
            if _after_digits(ctx, n.figure) or _after_digits(ctx, d.figure):
                continue  # 完成数 1 2 个 (a doubled or split number): which number it is, the text does not say
            if key in seen or n.figure.normalized_unit != d.figure.normalized_unit and not _people(n.figure, d.figure):
                continue
            seen.add(key)
            # the cap (执行率 stated 100% when spending exceeds the budget)
            # holds only for operands the words pin: two figures read loosely
            # that give 2500% are no 100% rate
            out.append(Reading.written_later(
                (n, d), rate_of(ctx, n.figure, d.figure, factor, cap if is_pinned else None, rest_of), is_pinned,
                functools.partial(_rate_calculation, n, d, rest_of, factor, decimals, c.unit)))
    if rule is not None and not of_rest and not labelled and part_of is None:
        for whole in _complement_readings(ctx, s, rate, index, negated):
            # a pair stated elsewhere whose base is the part and its rest (本年安排40万元 for
            # 支出38万元，结余2万元) is that reading, pinned by the words
            part, r = whole.operands
            same = [i for i, x in enumerate(out) if len(x.operands) == 2 and x.operands[0].figure is part.figure
                    and holds(interval_of(ctx, x.operands[1].figure),
                              interval_of(ctx, part.figure) + interval_of(ctx, r.figure))]
            if same:
                out[same[0]] = dataclasses.replace(out[same[0]], pinned=True)
            else:
                out.append(whole)
    return out


def _rate_calculation(n: Operand, d: Operand, rest_of: bool, factor: Decimal, decimals: int,
                      unit: str) -> tuple[str, str]:
    """The expected value and the calculation of a rate's reading n / d
    (of the rest: (d − n) / d), as its message writes them."""
    top = d.figure.normalized_value - n.figure.normalized_value if rest_of else n.figure.normalized_value
    nominal = top * factor / d.figure.normalized_value if d.figure.normalized_value else None
    expected = show(nominal, decimals, unit)
    names = f"（{n.name} / {d.name}）" if n.name and d.name and n.name != d.name else ""
    top_text = f"({stated_text(d.figure)}−{stated_text(n.figure)})" if rest_of else stated_text(n.figure)
    return expected, f"{top_text}/{stated_text(d.figure)}={expected}{names}"


#: Heading styles of numbered items (1. （1） 1） ①): a run-in heading of one
#: of these with its body on its line is an item of a list of such lines.
_ITEM_STYLES = frozenset({"arabic", "paren_arabic", "arabic_paren", "circled"})


def _item_of(ctx: CheckContext, c: Claim) -> Optional[tuple]:
    """The enumeration item ``c`` stands in: an inline item of its section
    (一是…, ；2.…: the section's ``enumerations``), or its section when that
    is a numbered run-in heading with its body on its line (1.维修涵洞：计划30孔…);
    None outside any."""
    kept = ctx.kept("item_of")
    got = kept.get(id(c))
    if got is None or got[0] is not c:
        section = ctx.sections.get(c.section or "")
        item = None
        if section is not None:
            at = c.location.start
            for e in section.enumerations:
                if at is not None and e.location.line <= c.location.line <= e.location.end_line \
                        and e.location.start is not None and e.location.start <= at < (e.location.end or at + 1):
                    item = ("inline", section.id, e.location.start)
                    break
            if item is None and section.run_in and section.style in _ITEM_STYLES \
                    and section.location.line == c.location.line:
                item = ("line", section.parent, section.id)
        got = kept[id(c)] = (c, item)
    return got[1]


_DIGITS_BEFORE = re.compile(r"\d[ \t\u3000]+$")


def _after_digits(ctx: CheckContext, figure) -> bool:
    """Whether a text figure stands right after other digits and a space
    (绩效目标完成数 1 2 个, 1 200人): a number split or doubled in the source,
    no operand whose value is known. Once per figure."""
    kept = ctx.kept("after_digits")
    got = kept.get(id(figure))
    if got is None or got[0] is not figure:
        location = getattr(figure, "location", None)
        hit = ctx.placed_at(location) if location is not None and getattr(figure, "origin", None) == "text" else None
        split = hit is not None and hit[1].start > 0 \
            and _DIGITS_BEFORE.search(hit[0].text, max(hit[1].start - 8, 0), hit[1].start) is not None
        got = kept[id(figure)] = (figure, split)
    return got[1]


def _of_item_budget(ctx: CheckContext, s: Sentence, p: Placed) -> bool:
    """Whether the words before ``p`` in its sentence name an item with a
    budget of its own (rules ``operands.item_budget_before``: “三公”经费),
    once per figure in a run of checks."""
    kept = ctx.kept("of_item_budget")
    got = kept.get(id(p))
    if got is None or got[0] is not p:
        pat = ctx.book.rules.operands.item_budget_before
        got = kept[id(p)] = (p, bool(pat) and re.search(pat, s.text[:max(p.start, 0)]) is not None)
    return got[1]


def _cut_off_section(ctx: CheckContext, s: Sentence) -> bool:
    """Whether a sentence's section states its figures at a time before the
    year's end (rules ``operands.part_of_year``): its heading says so
    (（二）截至9月30日预算执行情况, 前三季度执行情况), or its first sentence
    opens with it (截至2023年9月30日，本部门已支出…), once per section."""
    kept = ctx.kept("cut_off_section")
    got = kept.get(s.section)
    if got is None:
        pat = _rx(ctx, ctx.book.rules.operands.part_of_year)
        sec = ctx.sections.get(s.section or "")
        title = sec.title if sec is not None else ""
        first = next((x for x in ctx.sentences if x.section == s.section), None) if s.section else None
        opening = first.text[:CLAUSE_BREAK.search(first.text).start()] \
            if first is not None and CLAUSE_BREAK.search(first.text) else ""
        got = kept[s.section] = bool(s.section) and (pat.search(title) is not None or pat.match(opening) is not None)
    return got


def _item_heading(ctx: CheckContext, section: Optional[str]) -> bool:
    """Whether a section's own heading names an item with a budget of its
    own alone (rules ``operands.item_budget_before``: （三）“三公”经费; not
    with another, ``item_heading_joins``: “三公”经费及会议费), once per section."""
    kept = ctx.kept("item_heading")
    got = kept.get(section)
    if got is None:
        rules = ctx.book.rules.operands
        sec = ctx.sections.get(section or "")
        title = sec.title if sec is not None else ""
        got = kept[section] = bool(rules.item_budget_before) and bool(title) \
            and _rx(ctx, rules.item_budget_before).search(title) is not None \
            and not any(w in title for w in rules.item_heading_joins)
    return got


def _item_rate(ctx: CheckContext, s: Sentence, rate: Placed) -> bool:
    """Whether a budget rate is that of an item with a budget of its own:
    its clause or the one before it names the item (rules
    ``operands.item_budget_before``: “三公”经费全年支出15万元，执行率r) with no
    word of the whole after it (``item_whole_words``: 部门, 整体), or its
    section's heading names the item alone and its clause names no whole."""
    rules = ctx.book.rules.operands
    if not rules.item_budget_before or rate.start < 0:
        return False
    breaks = list(CLAUSE_BREAK.finditer(s.text, 0, rate.start))
    start = breaks[-2].end() if len(breaks) >= 2 else 0
    own = breaks[-1].end() if breaks else 0
    named = list(_rx(ctx, rules.item_budget_before).finditer(s.text, start, rate.start))
    if named:
        return not any(w in s.text[named[-1].end():rate.start] for w in rules.item_whole_words)
    return _item_heading(ctx, s.section) and not any(w in s.text[own:rate.start] for w in rules.item_whole_words)


def _item_figure(ctx: CheckContext, s: Sentence, rate: Sentence, p: Placed) -> bool:
    """Whether a figure near an item's rate is that item's: the words
    before it in its sentence name the item (:func:`_of_item_budget`), or
    it stands in the rate's section (:func:`_item_heading`) or sentence."""
    return s is rate or _of_item_budget(ctx, s, p) or s.section == rate.section and _item_heading(ctx, s.section)


def _compared_bound(ctx: CheckContext, c: Claim) -> bool:
    """Whether a figure's words compare it with a target or a limit (rules
    ``operands.compared_bound``: 低于控制指标291.60公顷), once per figure."""
    kept = ctx.kept("compared_bound")
    got = kept.get(id(c))
    if got is None or got[0] is not c:
        pat = ctx.book.rules.operands.compared_bound
        got = kept[id(c)] = (c, bool(pat) and re.search(pat, c.metric_text.strip()) is not None)
    return got[1]


def _listed_parts(ctx: CheckContext) -> dict[int, object]:
    """For each figure listed as a part of a stated breakdown (by id), the
    breakdown: two parts of one are siblings, never a part and its whole.
    Worked out once per run of checks."""
    kept = ctx.kept("listed_parts")
    got = kept.get("parts")
    if got is None:
        got = kept["parts"] = {id(q.claim): b for b in ctx.breakdowns for q in b.parts}
    return got


def _other_items(ctx: CheckContext, rate: Claim, near: list[tuple[Sentence, Placed]]) -> set[int]:
    """Ids of the figures of ``near`` that stand in another item of the
    enumeration the rate stands in or beside: an inline item of the rate's
    section when the rate is on a line of the enumeration; a numbered line
    beside the rate's own numbered line under one heading."""
    own = _item_of(ctx, rate)
    section = ctx.sections.get(rate.section or "")
    lines = {e.location.line for e in section.enumerations} if section is not None else set()
    out = set()
    for _, p in near:
        item = _item_of(ctx, p.claim)
        if item is None or item == own:
            continue
        if item[0] == "inline" and item[1] == rate.section and (own is not None or rate.location.line in lines) \
                or item[0] == "line" and own is not None and own[0] == "line" and own[1] == item[1]:
            out.add(id(p.claim))
    return out


def _block_reach(ctx: CheckContext, s: Sentence) -> int:
    """How many sentences the block of lines around ``s`` (its section, no
    empty line between them: a form's lines of labels and values) holds
    before or after it, the more of the two."""
    here = ctx._sentence_index.get(id(s))
    if here is None:
        return 0
    lo, hi = _paragraph_span(ctx, here)
    return max(here - lo, hi - here)


def _joined(a: Sentence, b: Sentence) -> bool:
    """Whether ``b`` follows ``a`` in its section on the same or the next line."""
    return a.section == b.section and 0 <= b.location.line - a.placed[-1].claim.location.end_line <= 1


def _paragraph_span(ctx: CheckContext, here: int) -> tuple[int, int]:
    """The first and last index of the sentences joined line by line
    (:func:`_joined`) with sentence ``here``: its paragraph, or its block
    of label lines."""
    pool = ctx.sentences
    lo = hi = here
    while lo > 0 and _joined(pool[lo - 1], pool[lo]):
        lo -= 1
    while hi + 1 < len(pool) and _joined(pool[hi], pool[hi + 1]):
        hi += 1
    return lo, hi


def _worded_pairs(ctx: CheckContext, near: list[tuple[Sentence, Placed]], index: int,
                  limit: int = 3) -> list[tuple[Operand, Operand]]:
    """The pairs of ``near`` whose words match the rule's ``numerator`` and
    ``denominator`` (:func:`~extract.checks.operands.pair_nearby`), but not
    a denominator whose words name the numerator too: a spent figure is no
    budget (一般公共预算支出决算数 holds 预算 as the name of a fund, and
    决算数 says it is what was spent; 完成预算 over it is no reading)."""
    numerator = ctx.book.rate_numerators[index]
    pairs = [(n, d) for n, d in pair_nearby(ctx, near, numerator, ctx.book.rate_denominators[index], limit)
             if _comparable(n, d)]
    if numerator is None:
        return pairs
    words = {id(p.claim): f"{p.claim.metric_text} {trailing_words(s2, p)}" for s2, p in near}
    return [(n, d) for n, d in pairs if not numerator.search(words.get(id(d.figure), ""))]


def _comparable(n: Operand, d: Operand) -> bool:
    """Whether two operands can be a part and its whole: one unit, or
    people (:func:`_people`). A pair of others (执行金额400万元 over
    预算安排项目50个, the words matching) is no reading, pinned or not."""
    return n.figure.normalized_unit == d.figure.normalized_unit or _people(n.figure, d.figure)


def _per_something(ctx: CheckContext, c: Claim) -> bool:
    """Whether a figure is per something by the rule book's cues (人均补贴,
    每万人…件): no count of a part or a whole."""
    kept = ctx.kept("per_something")
    got = kept.get(id(c))
    if got is None or got[0] is not c:
        got = kept[id(c)] = (c, cue_rule(ctx.book, c) is not None
                             or any(cue.search(c.metric_text) for cue in ctx.book.per_base_cues))
    return got[1]


def _counted_metrics(ctx: CheckContext, near: list[tuple[Sentence, Placed]]) -> dict[int, str]:
    """The metric each figure of ``near`` is of: its own, or for the end of
    a change (由45μg/m³降至29μg/m³: rules ``growth.to_cues``) its start's."""
    to_cues = tuple(ctx.book.rules.growth.to_cues)
    out: dict[int, str] = {}
    for s2, p in near:
        # (the words first: a change's end is rare, and its place a walk of the sentence)
        at = next((i for i, q in enumerate(s2.placed) if q is p), 0) if p.claim.metric_text.strip() in to_cues else 0
        if at:
            out[id(p.claim)] = s2.placed[at - 1].claim.metric or s2.placed[at - 1].claim.metric_text
        else:
            out[id(p.claim)] = p.claim.metric or p.claim.metric_text
    return out


def _money_allowed(ctx: CheckContext, index: int, n: Claim, d: Claim) -> bool:
    """Whether a pair read without pinning words may be money: always for
    a budget rate, a share or a rule naming no operands (节约率); for
    another rate (合格率, 完成率) only when the own words of one of them
    match its rule's ``numerator`` or ``denominator`` (补助资金2万元 /
    配套预算2万元 is no 验收合格率)."""
    if n.unit_class != "money" or index < 0 or ctx.book.rules.rates[index].budget:
        return True
    words = [n.metric_text, d.metric_text]  # their own words: the next clause's 验收合格率 names neither
    pats = [w for w in (ctx.book.rate_numerators[index], ctx.book.rate_denominators[index]) if w is not None]
    # a rule naming no operands (节约率, any other 率) leaves them to the reader
    return not pats or any(w.search(t) for w in pats for t in words)


def _later_clauses(ctx: CheckContext, s: Sentence, rate: Placed) -> set[int]:
    """Ids of the figures of the rate's sentence after it (and its own
    bracket) and before the last later rate of the sentence: the clauses of
    the rates after it."""
    if rate.end < 0:
        return set()
    pat = ctx.book.rules.operands.rate_bracket
    bracket = _rx(ctx, pat).match(s.text, rate.end) if pat else None
    own = bracket.end() if bracket is not None else rate.end  # its bracket is its own (执行率96%（执行960/预算1,000）)
    after = [p for p in s.placed if p.start >= own]
    last = max((i for i, p in enumerate(after) if p.claim.unit in ctx.book.rules.operands.rate_units
                and rate_rule(ctx, p) is not None), default=None)
    return {id(p.claim) for p in after[:last]} if last is not None else set()


def judge_rate(ctx: CheckContext, s: Sentence, rate: Placed, index: int) -> CheckResult:
    if index == SHARE_TOTAL:
        return judge_share_total(ctx, s, rate)
    if index == TARGET:
        return judge_readings(ctx, RULE, s, rate.claim, _target_readings(ctx, s, rate),
                              "未找到完成值或其目标值")
    respective = _respective_shares(ctx, s, rate)
    # (the second share of 占比分别为80%、20% is named by the first's words)
    first = respective[2][0].claim if respective is not None else None
    words = (first.metric or first.metric_text) if first is not None else own_words(rate, s)
    if index == SHARE and _inline_whole(ctx, s, rate) is not None:
        words = "占比"  # (占全年支出86.40万元的60.00%: its own words are 的)
    part_of = _part_rate(ctx, s, rate, index) if index >= 0 and rate.claim.metric_text.strip() else None
    missing = f"所述为{part_of[1]}的比率，未找到{part_of[1]}自身的预算数或执行数（不以总数核对）" \
        if part_of is not None else "在同句或相邻句中未找到其分子和分母"
    found = readings(ctx, s, rate, index)
    if found:
        found = _without_unit_slips(ctx, s, rate.claim, found)
    result = judge_readings(ctx, RULE, s, rate.claim, found, missing, name=words.strip())
    if part_of is not None:
        return result
    if result.status == "skipped" and not has_candidates(ctx, s, rate, index):
        return stated_rate(ctx, s, rate.claim)
    return result


_SLIP = Decimal(1000)
_NO_KIND = ("money", "percent")
_KIND = re.compile(r"[\u4e00-\u9fff]{1,4}")
_KIND_STOP = re.compile(r"[的和及与共等中均全各已为是，、。；]")


def _of_sibling(here: str, o: Operand) -> bool:
    """Whether a count (no money, no percent) stands in a subsection beside
    the rate's, under the same chapter (（一）产地检疫 for a
    处理率 of （二）无害化处理): another subject's figure, pinning nothing
    unless the rate's words name it (培训合格率 and 全年资助培训9,420人次). A
    budget stated in a section of its own stays an operand of its rates."""
    f = o.figure
    if f.unit_class in _NO_KIND or not isinstance(f, Claim) or not o.place or not o.place.startswith("text:"):
        return False
    there = f.section or ""
    # (subsections of one chapter: an overview chapter's figures, 一、项目概况, stay the report's)
    return bool(there) and there != here and "." in here and "." in there \
        and there.rsplit(".", 1)[0] == here.rsplit(".", 1)[0]


def _kind_after(text: str, p: Placed) -> str:
    """The noun a count names right after its unit (9个街道、76个社区: 街道,
    社区), "" where none follows (回收285份，), up to a function word."""
    if p.end < 0:
        return ""
    m = _KIND.match(text, p.end)
    if m is None:
        return ""
    stop = _KIND_STOP.search(m.group())
    return m.group()[:stop.start()] if stop is not None else m.group()



def _without_unit_slips(ctx: CheckContext, s: Sentence, rate: Claim, found: list[Reading]) -> list[Reading]:
    """The readings but those over two figures of one base unit written in
    units of other scales (预算数3400元 beside its part 2720万元) whose value
    is off the stated rate by a factor of a thousand or more (80% stated,
    800000% computed): one of the two units is a slip, so the words do not
    pin what the pair gives (the unit itself is for the breakdown and unit
    checks to report); nor those over a figure glued to 元 in the rate's
    sentence (:func:`~.figures.glued_to_money`), nor over two counts of it
    listed side by side naming things of two kinds right after their units (覆盖9个街道、76个社区:
    no 街道 is a part of the 社区, :func:`_kind_after`), nor over a count of a
    sibling section (:func:`_of_sibling`)."""
    stated = None
    kept = []
    glued = {id(p.claim) for p in s.placed if glued_to_money(s.text, p.start, p.end, p.claim)}
    kinds: Optional[dict[int, str]] = None
    here = rate.section or ""
    generic = ctx.book.rules.operands.generic_rate_words
    for r in found:
        if glued and any(id(o.figure) in glued for o in r.operands):
            continue
        if here and any(_of_sibling(here, o) and not shares_subject(rate.metric_text, o.figure.metric_text, generic)
                        for o in r.operands):
            continue
        if len(r.operands) == 2 and r.operands[0].figure.unit_class not in _NO_KIND:
            if kinds is None:
                kinds = {id(p.claim): (_kind_after(s.text, p), p) for p in s.placed if p.claim.unit_class not in _NO_KIND}
            x, y = kinds.get(id(r.operands[0].figure)), kinds.get(id(r.operands[1].figure))
            if x is not None and y is not None and x[0] and y[0]:
                (a, first), (b, second) = sorted((x, y), key=lambda k: k[1].start)
                # (listed side by side, 9个街道、76个社区: not 推荐1141家企业，其中941家通过)
                if s.text[first.end:second.start] in (a + "、", a + "和", a + "及") \
                        and not any(a[i:i + 2] in b for i in range(len(a) - 1)):
                    continue
        if r.interval is not None and len(r.operands) == 2:
            a, b = r.operands[0].figure, r.operands[1].figure
            if a.normalized_unit == b.normalized_unit and a.unit != b.unit and a.unit and b.unit:
                if stated is None:
                    stated = interval_of(ctx, rate)
                lo, hi = stated.lo, stated.hi
                if lo > 0 and (r.interval.lo >= hi * _SLIP or r.interval.hi * _SLIP <= lo):
                    continue
        kept.append(r)
    return kept


def shares_subject(a: str, b: str, generic) -> bool:
    """Whether two figures' words share a term of two or more characters
    that is more than words naming no subject (rules
    ``operands.generic_rate_words``): 培训合格率 and 全年补贴培训 share 培训."""
    x, y = _without(_squash(a), generic), _without(_squash(b), generic)
    return any(x[i:i + 2] in y for i in range(len(x) - 1) if x[i:i + 2].isalnum() and not x[i:i + 2].isdigit())


def has_candidates(ctx: CheckContext, s: Sentence, rate: Placed, index: int) -> bool:
    """Whether some figure around a rate could be its numerator or
    denominator: a figure of its own clause (after the last rate before it
    in its sentence; for a rate naming no subject, any before it there), or
    one nearby whose words (before and right after it) match the rule's
    ``numerator`` or ``denominator`` or hold a term of the rate's subject
    (:func:`subject_head`). A rate of the year before (上年同类项目执行率88.45%, 由上年的6.8%)
    takes only figures of the year before. None: a stated figure (满意度88.5%
    in a sentence of other counts), not a relation; nor is a candidate of
    another paragraph that no other figure of its unit nearby can make a
    pair with, nor a figure of the year before for a rate of this year."""
    c = rate.claim
    previous = ctx.book.rules.growth.previous_year_words
    prior = any(w in c.metric_text for w in previous)
    words = [ctx.book.rate_numerators[index], ctx.book.rate_denominators[index]] if index != SHARE else []
    head = subject_head(ctx, c, index)
    clause = _clause_of(ctx, s, rate)
    if clause is None and not head:
        # a rate naming no subject (占比42.88%, 完成率100%) points back at
        # the figures before it in its sentence
        clause = [p for p in s.placed if 0 <= p.end <= rate.start]
    own = {id(p) for p in clause or []}
    if index != SHARE and ctx.book.rules.rates[index].budget and not prior and _budget_facts(ctx):
        return True  # the report's budget facts are a budget rate's operands
    here = ctx._sentence_index.get(id(s))
    lo, hi = _paragraph_span(ctx, here) if here is not None else (-1, -1)
    paragraph = range(lo, hi + 1)
    usable: list[tuple[Sentence, Placed]] = []
    for s2, p in ctx.neighbourhood(s, rate, ctx.book.rules.operands.reach_sentences, left_out=("percent", "date")):
        if p.claim.unit_class == "duration" and p.claim.unit != "天":
            continue  # 学前三年毛入园率: a span of years is no operand (only days over days)
        if p.claim.unit_class != "percent" and _per_something(ctx, p.claim):
            continue  # 每万人法律援助案件41.04件, 人均补贴: a figure per something is no count
        if p.claim.operator is not None or p.claim.qualifier is not None:
            continue  # 低于5万元, 60分以下: a bound is no count of a part or a whole
        if in_compound_unit(ctx, s2, p):
            continue  # 0.021次/10万公顷: a unit's base is no count either
        if prior != _dated(ctx, s2, p):
            continue  # a rate of this year is of no figure of the year before (上年办理1,052件), and back
        usable.append((s2, p))
    for s2, p in usable:
        text = ctx.words_of(s2, p)
        # money is an operand its rule's words name, not one of its subject's
        # terms (特困人员供养金 is no 集中供养 count)
        if not (id(p) in own or any(w is not None and w.search(text) for w in words)
                or p.claim.unit_class != "money" and names_head(head, counted_words(s2, p))):
            continue
        # a relation has two operands: a candidate of another paragraph with
        # no figure of its unit nearby to make a pair with (213件 of complaints
        # before 满意度83.2%) is no reading; one in the rate's own paragraph
        # stays one (培训1,240人次，培训合格率91.7%: its denominator at hand)
        if ctx._sentence_index.get(id(s2), -1) in paragraph or any(q is not p and q.claim.location is not p.claim.location and q.claim.location != p.claim.location
               and (q.claim.normalized_unit == p.claim.normalized_unit or _people(q.claim, p.claim))
               for _, q in usable):
            return True
    return False


# ---------------------------------------------------------------- table rows

def _number(text: str) -> Optional[tuple[Decimal, int]]:
    t = "".join(text.split()).replace("%", "").replace("％", "")
    return cell_number(t)


def check_table_rates(ctx: CheckContext) -> list[CheckResult]:
    """One result per 执行率 cell of a 自评表 budget block: the rate against
    全年执行数 / 全年预算数 (or / 年初预算数), both pinned by the column
    headers; a rate stated 100% holds when spending reaches the budget."""
    out: list[CheckResult] = []
    cap = next((r.cap for r in ctx.book.rules.rates if r.budget), None)
    for table in ctx.report.tables:
        grid = table_grid(ctx, table, filled=False)
        cols: dict[str, int] = {}
        rate_name = "执行率"
        plans = False  # a table of plans (计划数 | 完成数 | 完成率), not of budgets
        for r, (row, found) in enumerate(zip(grid, table_header_columns(ctx, table))):
            planned = {} if found else _plan_columns(ctx, row)
            found = found or planned
            if "rate" not in found and "executed" in found and ("adjusted" in found or "initial" in found):
                # 预算数 | 实际支出 | 完成率: a rate column named by another rate word
                rate_col = next((c for c, t in enumerate(row) if c not in found.values()
                                 and header_label(t).endswith("率")), None)
                if rate_col is not None:
                    found = {**found, "rate": rate_col}
            if "rate" in found and "executed" in found:
                cols = found
                plans = bool(planned)
                rate_name = header_label(row[found["rate"]]) or "执行率"
                continue
            if not cols or cols["rate"] >= len(row):
                continue
            rate_text = row[cols["rate"]]
            executed_text = row[cols["executed"]] if cols["executed"] < len(row) else ""
            if _number(executed_text) is None:
                cols = {}  # the budget block ends where its 执行数 column does
                continue
            if "%" not in rate_text and "％" not in rate_text:
                continue
            stated = _number(rate_text)
            executed = _number(row[cols["executed"]]) if cols["executed"] < len(row) else None
            if stated is None or executed is None:
                continue
            stated_iv = stated_interval(stated[0], stated[1])
            spent = stated_interval(*executed)
            results = []
            for role in ("adjusted", "initial"):
                c = cols.get(role)
                base = _number(row[c]) if c is not None and c < len(row) else None
                if base is None:
                    continue
                iv = ratio_interval(spent, stated_interval(*base), percent=True)
                # spending above the budget: the rate stated as it is (104.00%)
                # or as capped (100%, the scoring rule's) both hold
                capped = Interval(min(iv.lo, cap), cap) if iv is not None and cap is not None and iv.hi >= cap else None
                results.append((role, c, base, iv, capped))
            usable = [x for x in results if x[3] is not None]
            if not usable:
                continue
            if plans and cap is not None and stated[0] >= cap and executed[0] < usable[0][2][0]:
                continue  # less done than planned, yet 100%: a ceiling target (投诉 ≤ 20 件)
            good = [x for x in usable if holds(x[3], stated_iv) or (x[4] is not None and holds(x[4], stated_iv))]
            role, c, base, _, _ = (good or usable)[0]
            expected = show(executed[0] * 100 / base[0], max(stated[1] + 1, 2), "%")
            label = next((t.strip() for t in row if t.strip() and _number(t) is None), "")
            verdict = "相符" if good else "不符"
            out.append(make_result(
                ctx, RULE, RULE, "pass" if good else "fail",
                f"{table_name(table)} {label} {rate_name} {rate_text.strip()} 与 "
                f"{grid[r][cols['executed']].strip()}/{grid[r][c].strip()}={expected} {verdict}",
                expected=expected, stated=rate_text.strip(),
                quote=ctx.quotes.row(table, r),
                locations=[cell_location(table, r, cols["rate"]), cell_location(table, r, cols["executed"]),
                           cell_location(table, r, c)]))
    return out


def _plan_columns(ctx: CheckContext, row: list[str]) -> dict[str, int]:
    """A header row naming one done column, one plan column and one
    completion-rate column (rules ``operands.table_done_columns``,
    ``table_plan_columns``, ``table_rate_columns``: 项目 | 计划数 | 完成数 |
    完成率; not 偏差率, 增长率), read as a budget block's: the done column as
    the executed one, the plan as the budget; {} for any other row."""
    rules = ctx.book.rules.operands
    if not rules.table_done_columns or len(row) < 3:
        return {}
    labels = [header_label(t) for t in row]
    done = [c for c, t in enumerate(labels) if t in rules.table_done_columns]
    plan = [c for c, t in enumerate(labels) if t in rules.table_plan_columns]
    rate = [c for c, t in enumerate(labels) if t in rules.table_rate_columns and c not in done + plan]
    if len(done) != 1 or len(plan) != 1 or len(rate) != 1:
        return {}
    return {"executed": done[0], "adjusted": plan[0], "rate": rate[0]}


#: A table column of shares: 占已支付比重, 占比, 比重(%) (the column it is of
#: after 占, if named).
_SHARE_COLUMN = re.compile(r"^占?(?P<of>.*?)的?(?:比重|占比|比例|构成)$")


def check_table_shares(ctx: CheckContext) -> list[CheckResult]:
    """One result per cell of a table's share column (项目 | 调整后预算 |
    已支付 | 占已支付比重): the row's figure in the column the header names
    (else the nearest column of figures to its left) over the table's total
    row's (合计, not a 小计), both pinned by the table."""
    out: list[CheckResult] = []
    subtotal = ctx.book.rules.table_totals.subtotal_words
    for table in ctx.report.tables:
        grid = table_grid(ctx, table, filled=False)
        if not grid:
            continue
        header = grid[0]
        for c, text in enumerate(header):
            m = _SHARE_COLUMN.match(header_label(text))
            if m is None:
                continue
            of = m.group("of")
            base = next((b for b, t in enumerate(header) if of and header_label(t) == of), None)
            if base is None and not of:
                base = next((b for b in range(c - 1, 0, -1)
                             if all("%" not in row[b] and "％" not in row[b] for row in grid[1:] if b < len(row))), None)
            totals = [r for r in table.total_rows if 0 < r < len(grid)
                      and not any(w in "".join(grid[r]) for w in subtotal)]
            if base is None or len(totals) != 1:
                continue
            total = _number(grid[totals[0]][base]) if base < len(grid[totals[0]]) else None
            if total is None or total[0] == 0:
                continue
            for r in range(1, len(grid)):
                row = grid[r]
                if c >= len(row) or base >= len(row) or ("%" not in row[c] and "％" not in row[c]):
                    continue
                stated, part = _number(row[c]), _number(row[base])
                if stated is None or part is None:
                    continue
                iv = ratio_interval(stated_interval(*part), stated_interval(*total), percent=True)
                if iv is None:
                    continue
                good = holds(iv, stated_interval(stated[0], stated[1]))
                expected = show(part[0] * 100 / total[0], max(stated[1] + 1, 2), "%")
                label = next((t.strip() for t in row if t.strip() and _number(t) is None), "")
                out.append(make_result(
                    ctx, RULE, RULE, "pass" if good else "fail",
                    f"{table_name(table)} {label} {header[c].strip()} {row[c].strip()} 与 "
                    f"{row[base].strip()}/{grid[totals[0]][base].strip()}={expected} {'相符' if good else '不符'}",
                    expected=expected, stated=row[c].strip(), quote=ctx.quotes.row(table, r),
                    locations=[cell_location(table, r, c), cell_location(table, r, base),
                               cell_location(table, totals[0], base)]))
    return out


def check_rates(ctx: CheckContext) -> list[CheckResult]:
    """One result per stated rate of the text, per rate cell of a
    自评表 budget row and per cell of a table's share column."""
    return ctx.judge_claims(rate_rule, judge_rate) + check_table_rates(ctx) + check_table_shares(ctx)
