"""Stated breakdowns judged: the parts' sum against the whole.

The breakdowns themselves (其中, 括号, 构成, 组成, 计数) are relations found
once per run by :mod:`extract.checks.relations.breakdowns`;
:func:`check_stated_breakdowns` judges each: the parts' interval sum must
overlap the whole (see :mod:`~extract.checks.tolerance`). Where the parts
may be a selection (counts, not money), a shortfall is not a failure:
skipped — unless the parts are the whole list by their count (计数) or by
their names (行政 + 事业, 在编 + 编外, a last 其他…: rules ``partitions``,
``rest_words``). A single part, or the members a （含…） bracket names,
is checked as a part: it must not exceed the whole (``121.75 万元，其中市本级
承担 39.40 万元`` passes). :func:`judge_balance` judges a stock rolled
forward (年初 + 新增 − 归还 = 年末) and :func:`judge_identity` two sums the
domain says are equal (收入 + 年初结转结余 = 支出 + 年末结转结余) where they
hold or miss by one digit; else they skip (a term may be left unstated).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..model import CheckResult
from .context import CheckContext, make_result
from .figures import interval_of, figure_name, in_unit, show, stated_text
from .quotes import join_places
from .relations.breakdowns import (INCLUDED, Balance, Breakdown, Identity, find_balances, find_identities,
                                  lists_the_whole, near_miss)
from .sentences import Placed
from .tolerance import Interval, holds, sum_interval

RULE = "stated_breakdown"


def _label(p: Placed) -> str:
    return f"{figure_name(p.claim)}{stated_text(p.claim)}"


def _quote(ctx: CheckContext, b: Breakdown) -> Optional[str]:
    return join_places(ctx.quote_sentence(s) for s in b.sentences)


def judge_breakdown(ctx: CheckContext, b: Breakdown) -> CheckResult:
    """Whether the parts of ``b`` add up to (or, for one part, fit in) its whole."""
    book = ctx.book
    if b.whole.claim.unit_class == "score":
        return _judge_scores(ctx, b)
    parts_sum = sum_interval(interval_of(ctx, p.claim) for p in b.parts)
    holding = [w for w in b.wholes if holds(parts_sum, interval_of(ctx, w.claim))]
    if not holding and b.further and len(b.parts) > 1 and b.form != INCLUDED:
        # …，另有 X: outside the whole or one more part; the reading that holds is taken
        more = Breakdown(b.wholes, b.parts + b.further, b.form, b.sentences, b.open)
        more_sum = sum_interval(interval_of(ctx, p.claim) for p in more.parts)
        if any(holds(more_sum, interval_of(ctx, w.claim)) for w in b.wholes):
            return judge_breakdown(ctx, more)
    whole = holding[0] if holding else b.whole
    w = whole.claim
    whole_iv = interval_of(ctx, w)
    decimals = max([w.precision] + [p.claim.precision for p in b.parts if p.claim.unit == w.unit])
    nominal = sum((p.claim.normalized_value for p in b.parts), Decimal(0))
    expected = show(in_unit(nominal, w, book), decimals, w.unit)
    locations = [whole.claim.location] + [p.claim.location for p in b.parts]
    quote = _quote(ctx, b)
    names = " + ".join(_label(p) for p in b.parts)
    if len(b.parts) == 1 or b.form == INCLUDED:
        # one part, or the members a 含 bracket names: no greater than the whole
        fits = parts_sum.lo <= whole_iv.hi
        verdict = "不超过" if fits else "超过了"
        what = f"部分 {names}" if len(b.parts) == 1 else f"所含部分 {names} 之和 {expected}"
        siblings = [] if fits else _sibling_wholes(ctx, b, whole)
        if siblings and parts_sum.lo <= sum_interval(interval_of(ctx, q.claim) for q in siblings + [whole]).hi:
            # 在编30人，临聘6人，其中女职工18人: the 其中 may be of both totals
            shown = " + ".join(_label(q) for q in siblings + [whole])
            return make_result(ctx, RULE, "part", "skipped",
                               f"{what} 超过了 {_label(whole)}，但不超过其前并列的 {shown}：所属总数不明，无法判断",
                               expected=f"≤{stated_text(w)}", stated=stated_text(b.parts[0].claim),
                               quote=quote, locations=locations)
        return make_result(ctx, RULE, "part", "pass" if fits else "fail",
                           f"{what} {verdict}总数 {_label(whole)}",
                           expected=f"≤{stated_text(w)}",
                           stated=stated_text(b.parts[0].claim) if len(b.parts) == 1 else expected,
                           quote=quote, locations=locations)
    rules = book.rules.breakdowns
    exhaustive = not b.open and (b.form in ("构成", "组成", "计数", "分类", "变动") or b.form in rules.adjacent_cues
                                 or w.unit_class in rules.exhaustive_unit_classes
                                 or lists_the_whole(rules, b.parts))
    if exhaustive and w.unit_class == "person" and rules.post_endings and \
            all(p.claim.metric.endswith(tuple(rules.post_endings)) for p in b.parts):
        exhaustive = False  # 局长 1 名、副局长 2 名: the posts among the staff
    ok = holds(parts_sum, whole_iv)
    if ok:
        status, verdict = "pass", "相符"
    elif not exhaustive and parts_sum.hi < whole_iv.lo:
        return make_result(ctx, RULE, "breakdown", "skipped",
                           f"{_label(whole)} 的所列部分 {names} 之和 {expected} 小于总数：所列可能不全，无法判断",
                           expected=expected, stated=stated_text(w), quote=quote, locations=locations)
    else:
        status, verdict = "fail", "不符"
    return make_result(ctx, RULE, "breakdown", status,
                       f"{_label(whole)} 与各部分之和 {names} = {expected} {verdict}",
                       expected=expected, stated=stated_text(w), quote=quote, locations=locations)


def _sibling_wholes(ctx: CheckContext, b: Breakdown, whole: Placed) -> list[Placed]:
    """The counts standing side by side with ``whole`` before a 其中 (实有
    执法车辆8台，公务用车1辆，其中…; 在编30人，临聘6人，其中…): each of the
    whole's unit class (or both counts), in a clause of its own right before it, no cue
    between; none where a part's words name the whole (编外人员4人，其中编外
    人员中女性6人: that total is the part's)."""
    named = whole.claim.metric.strip()
    counts = ctx.book.rules.tolerance.exact_count_classes
    if whole.claim.unit_class not in counts or len(named) >= 2 and any(named in p.claim.metric for p in b.parts):
        return []  # (money side by side is of several kinds: 贷款1亿元，利息243万元，贴息121万元，其中…)
    s = next((t for t in b.sentences if any(q is whole for q in t.placed)), None)
    if s is None or whole.start < 0:
        return []
    out: list[Placed] = []
    at = whole.start
    for q in reversed([q for q in s.placed if 0 <= q.end <= whole.start]):
        between = s.text[q.end:at]
        # 8台 and 1辆: two counts of vehicles, where a part names the other (两辆执法车 of 执法车辆)
        alike = q.claim.normalized_unit == whole.claim.normalized_unit or \
            q.claim.unit_class in counts and whole.claim.unit_class in counts and _names_either(b.parts, q)
        if not alike or not any(c in between for c in "，,、；;") \
                or ctx.book.breakdown_cue.search(between) or "。" in between:
            break
        out.insert(0, q)
        at = q.start
    return out


def _names_either(parts: list[Placed], q: Placed) -> bool:
    """Whether a part's words and ``q``'s name one thing (执法车 in 实有执法车辆)."""
    other = q.claim.metric
    return any(len(m) >= 2 and (m in other or other and other in m) for m in (p.claim.metric for p in parts))


def _all_scored(ctx: CheckContext, b: Breakdown) -> bool:
    """Whether a breakdown's parts name each first-level indicator of one
    of rules ``breakdowns.score_full_lists``, one part each (决策, 过程,
    产出, 效益): all the scored items, no part left out."""
    names = [p.claim.metric_text for p in b.parts]
    for words in ctx.book.rules.breakdowns.score_full_lists:
        if len(words) == len(names) and all(sum(w in n for n in names) == 1 for w in words) \
                and all(sum(w in n for w in words) >= 1 for n in names):
            return True
    return False


def _judge_scores(ctx: CheckContext, b: Breakdown) -> CheckResult:
    """Scores are given, not measured: the parts' sum is exact, and so is
    the whole unless stated to fewer decimals than a part (合计 92 分 over
    45.6 + 46.4 rounds nothing off; 合计 92 分 over 45.63 + 46.5 is rounded).
    The parts a 其中 names may be some of the whole's: short of it, skipped."""
    w = b.whole.claim
    nominal = sum((p.claim.normalized_value for p in b.parts), Decimal(0))
    decimals = max([w.precision] + [p.claim.precision for p in b.parts])
    whole_iv = interval_of(ctx, w) if w.precision < decimals else Interval(w.normalized_value, w.normalized_value)
    ok = whole_iv.lo <= nominal <= whole_iv.hi
    expected = show(nominal, decimals, w.unit)
    names = " + ".join(_label(p) for p in b.parts)
    # (产出 + 效益 + 满意度 may leave out 预算执行率 or 成本: short, never pinned)
    if not ok and (b.form == "其中" or b.open) and nominal < whole_iv.lo and not _all_scored(ctx, b):
        return make_result(ctx, RULE, "breakdown", "skipped",
                           f"{_label(b.whole)} 的所列部分 {names} 之和 {expected} 小于总数：所列可能不全，无法判断",
                           expected=expected, stated=stated_text(w), quote=_quote(ctx, b),
                           locations=[w.location] + [p.claim.location for p in b.parts])
    return make_result(ctx, RULE, "breakdown", "pass" if ok else "fail",
                       f"{_label(b.whole)} 与各部分之和 {names} = {expected} {'相符' if ok else '不符'}",
                       expected=expected, stated=stated_text(w), quote=_quote(ctx, b),
                       locations=[w.location] + [p.claim.location for p in b.parts])


def judge_balance(ctx: CheckContext, b: Balance) -> CheckResult:
    """Whether the opening stock plus the inflows less the outflows of ``b``
    is its closing stock: judged where it holds or misses by one digit (a
    typo), else skipped (a flow may be left unstated)."""
    book = ctx.book
    rolled = interval_of(ctx, b.opening.claim)
    for p in b.inflows:
        rolled = rolled + interval_of(ctx, p.claim)
    for p in b.outflows:
        rolled = rolled - interval_of(ctx, p.claim)
    w = b.closing.claim
    nominal = (b.opening.claim.normalized_value + sum((p.claim.normalized_value for p in b.inflows), Decimal(0))
               - sum((p.claim.normalized_value for p in b.outflows), Decimal(0)))
    figures = [b.opening] + b.inflows + b.outflows
    decimals = max([w.precision] + [p.claim.precision for p in figures if p.claim.unit == w.unit])
    expected = show(in_unit(nominal, w, book), decimals, w.unit)
    terms = " + ".join(_label(p) for p in [b.opening] + b.inflows)
    terms += "".join(f" − {_label(p)}" for p in b.outflows)
    locations = [w.location] + [p.claim.location for p in figures]
    quote = ctx.quote_sentence(b.sentence)
    if holds(rolled, interval_of(ctx, w)):
        status, verdict = "pass", "相符"
    elif near_miss(book.rules.breakdowns, w.normalized_value - nominal, w.normalized_value):
        status, verdict = "fail", "不符"
    else:
        return make_result(ctx, RULE, "breakdown", "skipped",
                           f"{_label(b.closing)} 与 {terms} = {expected} 相差较大：所列变动可能不全，无法判断",
                           expected=expected, stated=stated_text(w), quote=quote, locations=locations)
    return make_result(ctx, RULE, "breakdown", status,
                       f"{_label(b.closing)} 与 {terms} = {expected} {verdict}",
                       expected=expected, stated=stated_text(w), quote=quote, locations=locations)


def judge_identity(ctx: CheckContext, i: Identity) -> CheckResult:
    """Whether the two sums of ``i`` are equal: judged where they are or
    miss by one digit (a typo), else skipped (a term may be left unstated)."""
    book = ctx.book
    left = sum_interval(interval_of(ctx, p.claim) for p in i.left)
    right = sum_interval(interval_of(ctx, p.claim) for p in i.right)
    figures = i.left + i.right
    w = i.right[0].claim
    decimals = max([w.precision] + [p.claim.precision for p in figures if p.claim.unit == w.unit])
    sums = [sum((p.claim.normalized_value for p in side), Decimal(0)) for side in (i.left, i.right)]
    shown = [show(in_unit(v, w, book), decimals, w.unit) for v in sums]
    terms = [" + ".join(_label(p) for p in side) for side in (i.left, i.right)]
    locations = [p.claim.location for p in figures]
    quote = join_places(ctx.quote_sentence(s) for s in i.sentences)
    if holds(left, right):
        status, verdict = "pass", "相符"
    elif near_miss(book.rules.breakdowns, sums[0] - sums[1], sums[1]):
        status, verdict = "fail", "不符"
    else:
        return make_result(ctx, RULE, "identity", "skipped",
                           f"{terms[0]} = {shown[0]} 与 {terms[1]} = {shown[1]} 相差较大：所列项目可能不全，无法判断",
                           expected=shown[0], stated=shown[1], quote=quote, locations=locations)
    return make_result(ctx, RULE, "identity", status,
                       f"{terms[0]} = {shown[0]} 与 {terms[1]} = {shown[1]} {verdict}",
                       expected=shown[0], stated=shown[1], quote=quote, locations=locations)


def check_stated_breakdowns(ctx: CheckContext) -> list[CheckResult]:
    """One result per stated breakdown, per stock rolled forward and per
    identity (收入 + 年初结转结余 = 支出 + 年末结转结余) of the report."""
    return ([judge_breakdown(ctx, b) for b in ctx.breakdowns]
            + [judge_balance(ctx, b) for b in find_balances(ctx)]
            + [judge_identity(ctx, i) for i in find_identities(ctx, ctx.breakdowns)])

