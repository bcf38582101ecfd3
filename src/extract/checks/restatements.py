"""Money restated in another unit in a later sentence.

:func:`check_restated_across` takes the check context and returns one
CheckResult (rule ``metric_consistency``, id ``restated_figure``) per money
figure of a sentence that says it restates money stated before it (rules
``consistency.restated_across``: 上述支出（合计57,700,410元）, 按元计，全年
累计支付资金…元) in another unit than that money: the figure of another
unit in the sentences before it (``restated_across_reach``) that it
comes nearest to, within ``restated_across_near`` of it. One quantity
written twice must agree within the precision each is stated to
(DESIGN.md): 5,770.04万元 stands for 57,700,350–57,700,450元, so
57,700,410元 restates it and 57,710,400元 does not. A figure near none is
another amount: no result. A figure whose own words end in a conversion
(rules ``consistency.restated_conversion``: 全年支出折合2190.03万元) restates
the earlier figure of another unit named like it (:func:`_converted`),
however far up: 本年度支出合计21,780,313.80元 stands for 2178.03万元, so
2190.03万元 does not restate it. The restatement in brackets right after its
figure (752.00万元（合计7,520,000元）) is
:func:`~extract.checks.consistency.bracketed_restatements`'s.
"""

from __future__ import annotations

import re
from typing import Optional

from ..model import CheckResult, Claim
from .context import CheckContext, make_result
from .figures import interval_of, stated_text
from .periods import is_previous, names_subject, period_free
from .sentences import Placed, Sentence

RULE = "metric_consistency"


def _restatable(c: Claim) -> bool:
    return c.unit_class == "money" and c.operator is None and bool(c.normalized_value)


def _near(ctx: CheckContext, x: Claim, y: Claim, conversion: bool = False) -> bool:
    """Whether ``x`` and ``y``, of two units, are within ``restated_across_near``
    (for a conversion, ``restated_conversion_near``) of each other."""
    rules = ctx.book.rules.consistency
    share = rules.restated_conversion_near if conversion else rules.restated_across_near
    return x.unit != y.unit and abs(x.normalized_value - y.normalized_value) <= share * x.normalized_value


def check_restated_across(ctx: CheckContext) -> list[CheckResult]:
    cue = ctx.book.restated_across
    conversion = _conversion(ctx)
    if cue is None and conversion is None:
        return []
    reach = ctx.book.rules.consistency.restated_across_reach
    out: list[CheckResult] = []
    for s in ctx.sentences:
        if not s.placed:
            continue
        cued = cue is not None and cue.search(s.text) is not None
        for p in s.placed:
            y = p.claim
            if not _restatable(y) or y.qualifier is not None:
                continue
            at = y.location.start
            if cued:
                earlier = [c for c in _money_before(ctx, s, reach) if c.location.start < at and _near(ctx, c, y)]
            elif conversion is not None and conversion.search(y.metric_text.rstrip()):
                earlier = _converted(ctx, s, p, conversion)
            else:
                continue
            if earlier:
                out.append(_judge(ctx, s, y, earlier))
    return out + _restated_totals(ctx)


def _money_before(ctx: CheckContext, s: Sentence, reach: int) -> list[Claim]:
    """The money of the ``reach`` sentences stating money before ``s``,
    nearest first: a rate, a score or a formula's 100% between the money
    and its restatement (执行数…。执行率：96.24%。注：…×100%。…与决算一致)
    takes no sentence of the reach."""
    out: list[Claim] = []
    s2: Optional[Sentence] = s
    while reach > 0:
        s2 = ctx.sentence_before(s2)
        if s2 is None:
            break
        money = [p.claim for p in s2.placed[::-1] if _restatable(p.claim)]
        if money:
            out.extend(money)
            reach -= 1
    return out


def _restated_totals(ctx: CheckContext) -> list[CheckResult]:
    """A text figure named as the total of N (rules
    ``consistency.restated_total_words``: 本年项目支出合计1,537,200.00元)
    against the text's figure named N alone in another unit (项目支出128.12万元),
    where the text states N in that unit with one value and with the same
    scope words: one result per total (the consistency check keeps them
    apart, a total word being a scope word)."""
    totals = tuple(ctx.book.rules.consistency.restated_total_words)
    if not totals:
        return []
    money = [(s, p.claim) for s, p in ctx.text_claims() if _restatable(p.claim) and p.claim.qualifier is None
             and not _other_year(ctx, s, p)]

    def names_total(c: Claim) -> bool:
        return c.metric_text.rstrip().removesuffix("为").removesuffix("是").rstrip("：:").endswith(totals)

    # the names of the totals first (most reports state none): the other
    # figures' names are worked out only where they hold one
    named = [n for s, c in money if names_total(c) for n in [period_free(ctx, c.metric)]
             if len(n) >= 4 and not n.endswith(totals)]
    if not named:
        return []
    scope = ctx.book.scope_words
    found: dict[str, list[tuple[Sentence, Claim, bool, frozenset[str]]]] = {}
    for s, c in money:
        if not any(n in c.metric for n in named):
            continue
        name = period_free(ctx, c.metric)
        if len(name) < 4 or name.endswith(totals):
            continue
        scoped = frozenset(w for w in scope.findall(c.metric_text) if w not in totals)
        found.setdefault(name, []).append((s, c, names_total(c), scoped))
    out: list[CheckResult] = []
    for name, group in found.items():
        if not any(total for _, _, total, _ in group) or all(total for _, _, total, _ in group):
            continue
        # N of a named whole (财政拨款支出中项目支出) is an N too: of two values, not told which
        wider = [c for other, g in found.items() if other != name and other.endswith(name) for _, c, t, _ in g if not t]
        for s, y, total, scoped in group:
            if not total:
                continue
            bare = [c for _, c, t, sc in group if not t and sc == scoped and c.unit != y.unit]
            values = {interval_of(ctx, c) for c in bare + [c for c in wider if c.unit != y.unit]}
            if len(bare) == 0 or len(values) != 1 or len({c.unit for c in bare}) != 1:
                continue
            x = min(bare, key=lambda c: c.location.start)
            out.append(_judge(ctx, s, y, [x], "另处以另一单位所述的"))
    return out


def _conversion(ctx: CheckContext) -> Optional[re.Pattern]:
    """Rules ``consistency.restated_conversion``, compiled once per rule set."""
    rx = ctx.book.rules.consistency.restated_conversion
    return ctx.rules.derived("checks.restatements.conversion", lambda: re.compile(rx)) if rx else None


def _converted(ctx: CheckContext, s: Sentence, p: Placed, conversion: re.Pattern) -> list[Claim]:
    """The earlier figures a conversion (全年支出折合2190.03万元) may restate:
    text figures before it anywhere in the report, of another unit, within
    ``restated_conversion_near`` of it, whose names without period words open or
    end its own (本年度支出合计 / 全年支出: 支出合计 and 支出)."""
    y = p.claim
    name = period_free(ctx, conversion.sub("", y.metric_text.rstrip()))
    if len(name) < 2:
        return []
    at = y.location.start
    year = _year_of(ctx, s, p)
    return [q.claim for s2, q in ctx.text_claims() if q.claim.location.start < at and _restatable(q.claim)
            and _near(ctx, q.claim, y, True) and names_subject(period_free(ctx, q.claim.metric), name)
            and _year_of(ctx, s2, q) == year]


def _year_of(ctx: CheckContext, s: Sentence, p: Placed) -> tuple[bool, Optional[int]]:
    """Which year a figure is of: the year before the report's (上年项目支出,
    较2022年的…) or not, and the year its claim states."""
    return is_previous(ctx, s, p), p.claim.year


def _other_year(ctx: CheckContext, s: Sentence, p: Placed) -> bool:
    """Whether a figure is of another year than the report's: the year
    before, or a year its claim states that is not the report's (a total
    of another year restates no figure of this one)."""
    year = ctx.report.meta.year
    return is_previous(ctx, s, p) or (p.claim.year is not None and year is not None and p.claim.year != year)


def _judge(ctx: CheckContext, s: Sentence, y: Claim, earlier: list[Claim],
           how: str = "其后换算复述的") -> CheckResult:
    """``y`` against the earlier figures it may restate: one agreeing with
    it (within the precision each is stated to), else the nearest."""
    iv = interval_of(ctx, y)
    same = next((x for x in earlier if interval_of(ctx, x).overlaps(iv)), None)
    x = same or min(earlier, key=lambda x: abs(x.normalized_value - y.normalized_value))
    ok = same is not None
    verdict = "一致" if ok else "不一致"
    return make_result(ctx, RULE, "restated_figure", "pass" if ok else "fail",
                       f"{x.metric}{stated_text(x)}与{how} {stated_text(y)} {verdict}",
                       expected=stated_text(x), stated=stated_text(y),
                       quote=ctx.quote_sentence(s), locations=[y.location, x.location])
