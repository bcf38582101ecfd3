"""Differences: 结余 / 差额 … against the figures they are the difference of.

:func:`check_differences` takes the check context and returns one
CheckResult per stated difference (a figure whose words hold a word of
rules ``differences``, unless its words match ``not_words``: 上年结转 is
money carried in). Its readings (:func:`readings`): the budget's (调整后预算,
else 年初预算, minus 执行数, when they stand with it) and every minuend and
subtrahend that the rule's words name among the figures around it (its
sentence, then its neighbours; 收入合计 − 支出合计 too, and after 收支相抵 the
bare 收入 − 支出: rule ``netting``; for a balance of the whole with no
minuend in reach, every figure before it that the minuend words name,
wherever it stands: 一、…安排预算A … 三、…结余X) are pinned, unless one
stands after it in another section (the next section's 三公 budget is
another subject's); the budget facts and any other pair of its unit nearby
are not; a balance whose own sentence states before it its one minuend and
a subtrahend (某专项安排A，实际使用B，剩余C; 某资金A万元中，…) is resolved
there, the others pin nothing; a stated difference (预算数与执行数相差X) is
no operand of another. A balance carried in (年初结转) that its words name before it is
added to a pinned reading, and a balance stated in parts in one sentence
(年末结转X，结余Y) is judged by the parts' sum (:func:`_stated_with`); the
其中 parts of a balance's breakdown are judged by the breakdown. Passes
when a reading holds, fails when none does and one is pinned, else
skipped. A balance is never negative
(``never_negative``): spending above the budget leaves 0. A change
against the year before with no figure of that year is read through the
growth rate stated after it (:func:`_through_growth`), one with no figure
of this year its words name through the year before's and that rate
(:func:`_previous_through_growth`: X = A·r); one the words
say the year before had none of (上年无该预算) is this year's figure
(:func:`_from_none`). A difference whose operand the report does not state
is a stated figure (rule ``stated_difference``, info, always skipped:
:func:`stated_difference`): a change on the year before whose metric has no
figure of the year before anywhere in the report, a balance that names its
own subject with no minuend in reach. A part of a stated change's
breakdown (其中：A…比上年减少X；B…比上年减少Y) is judged by that sum, not
as a difference of its own.
结余 1247.01 against 7406.91 − 6159.9 holds.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ..model import CheckResult, Claim, FormCell, Quantity
from ..quantities import find_quantities
from .context import CLAUSE_BREAK, LEAD_LABEL, CheckContext, Placed, Sentence, make_result
from .periods import (amount_change, bracketed_previous, change_direction, states_change, compared_subjects, compares_previous,
                      letter_pairs, listed_before, names_reason, names_subject, none_before, opening_subjects, parallel_lists, period_free)
from .figures import cell_number, interval_of, in_unit, rate_magnitude, show, stated_text, table_grid, unit_factor
from .relations.tables import cell_location, table_name
from .operands import (Operand, Reading, budget_operand, budget_pairs, claim_operand, judge_readings, own_words,
                       operand_words as _words, previous_kept)
from .rulebook import rule_for
from .screen import any_word, compiled_once
from .tolerance import Interval, holds, stated_interval

RULE = "difference"


def same_unit(a, b) -> bool:
    """Figures a difference is taken between: one normalized unit, or both
    counts of people (核定编制86名, 实有81人)."""
    return a.normalized_unit == b.normalized_unit or a.unit_class == b.unit_class == "person"


def difference_rule(ctx: CheckContext, p: Placed) -> Optional[int]:
    """Index of the difference rule ``p`` states, if any: :func:`read_difference_rule`,
    read once per figure in a run of checks (the balances and the changes
    both ask for every figure)."""
    if p.claim.unit_class in ("percent", "date", "duration", "none"):
        return None
    kept = ctx.kept("difference_rule")
    got = kept.get(id(p))
    if got is None or got[0] is not p:
        got = kept[id(p)] = (p, read_difference_rule(ctx, p))
    return got[1]


def read_difference_rule(ctx: CheckContext, p: Placed) -> Optional[int]:
    """Index of the difference rule ``p`` states, if any."""
    c = p.claim
    if c.unit_class in ("percent", "date", "duration", "none"):
        return None
    words = own_words(p)
    i = rule_for(ctx.book.rules.differences, words)
    if i is None and p.end >= 0 and words.endswith(tuple(ctx.book.rules.difference_lead_words) or ("\0",)):
        # 尚有58.00万元未使用: the balance's words come after it
        after = CLAUSE_BREAK.split(c.sentence[p.end:p.end + 12], 1)[0]
        words = f"{words}{after}"
        i = rule_for(ctx.book.rules.differences, words)
    if i is None:
        return None
    not_words = ctx.book.difference_not_words[i]
    if not_words is not None and not_words.search(words):
        return None
    needs = ctx.book.difference_needs_words[i]
    return None if needs is not None and not needs.search(words) else i


def _names_no_subject(ctx: CheckContext, s: Sentence, p: Placed, index: int) -> bool:
    """Whether a difference names nothing but itself (年末结转结余, 资金结余,
    差额, 未支出): its words, and every clause before it in its sentence
    that states no figure, hold only the rule's words and words that name
    no subject (rules ``difference_generic_words``,
    ``operands.generic_rate_words``, a cut-off at the year's end: 截至12月31日).
    宣传培训经费采取线上培训方式，节约47,000元 names its subject in the clause before."""
    drop = sorted(ctx.book.rules.differences[index].words + ctx.book.rules.operands.generic_rate_words +
                  ctx.book.rules.difference_generic_words + ctx.book.rules.difference_lead_words,
                  key=len, reverse=True)
    # the words of its operation name no subject either (扣除已支付部分，项目资金余额X)
    operation = [rx for rx in (ctx.book.difference_minuends[index], ctx.book.difference_subtrahends[index])
                 if rx is not None]

    year_end = ctx.book.year_end_cutoff

    def bare(words: str) -> bool:
        # (截至12月31日 names the report's own period, no subject)
        words = ctx.book.year_cue.sub("", year_end(words) if year_end is not None else words)
        for rx in operation:
            words = rx.sub("", words)
        for w in drop:
            words = words.replace(w, "")
        return len("".join(ch for ch in words if ch.isalnum() and not ch.isdigit())) < 2

    if not bare(own_words(p)):
        return False
    start = 0
    for m in CLAUSE_BREAK.finditer(s.text[:max(p.start, 0)]):
        clause = s.text[start:m.start()]
        if not any(start <= q.start < m.start() for q in s.placed) and not bare(clause):
            return False
        start = m.end()
    return True


def _form_totals(ctx: CheckContext, c: Claim) -> list[tuple[Operand, Operand]]:
    """(全年预算数, 全年执行数) and (年初预算数, 全年执行数) of the total funds
    row of the report's one self-evaluation form, when its funds unit is
    ``c``'s, as operands in that unit."""
    forms = [f for f in ctx.report.forms if f.stage == "self_evaluation"]
    if len(forms) != 1 or forms[0].funds_unit != c.unit or c.unit_class != "money":
        return []
    form = forms[0]

    def operand(cell: FormCell, name: str) -> Operand:
        figure = Quantity(text=cell.text.strip(), value=cell.value, unit=c.unit, unit_class="money",
                          normalized_value=cell.value * unit_factor(c, ctx.book), normalized_unit=c.normalized_unit,
                          precision=cell.precision, location=cell.location)
        return Operand(figure, name, f"form:{form.id}")

    out = []
    for row in [r for r in form.funds if r.role == "total"][:1]:
        executed = row.cells.get("executed")
        for role, name in (("adjusted", "全年预算数"), ("initial", "年初预算数")):
            budget = row.cells.get(role)
            if executed is not None and budget is not None and executed.value is not None \
                    and budget.value is not None:
                out.append((operand(budget, f"{row.label}{name}"), operand(executed, f"{row.label}全年执行数")))
    return out


_ORDINAL = re.compile(r"^\s*(?:其中[：:]?|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])\s*")


def _table_pairs(ctx: CheckContext, s: Sentence, p: Placed, index: int) -> list[tuple[Operand, Operand]]:
    """(minuend, subtrahend) cells of a table row that the difference's
    sentence names before it, in its section: 宣传培训经费…，节约47,000元
    after a table whose row 四、宣传培训 states 全年预算数 130,000.00 and
    已支付 83,000.00. Columns by their headers (the rule's minuend and
    subtrahend words), figures in the table's unit."""
    c = p.claim
    minuend, subtrahend = ctx.book.difference_minuends[index], ctx.book.difference_subtrahends[index]
    not_sub = ctx.book.difference_subtrahend_not[index]
    if minuend is None or subtrahend is None or c.unit_class != "money":
        return []
    text = s.text[:p.start] if p.start >= 0 else s.text
    out: list[tuple[Operand, Operand]] = []
    for table in ctx.report.tables:
        if table.section != s.section or not table.unit or len(table.columns) < 3:
            continue
        unit = find_quantities(f"1{table.unit}", ctx.rules)
        if len(unit) != 1 or unit[0].normalized_unit != c.normalized_unit:
            continue
        factor = unit[0].normalized_value
        subs = [i for i, h in enumerate(table.columns) if subtrahend.search(h)
                and not (not_sub is not None and not_sub.search(h))]
        mins = [i for i, h in enumerate(table.columns) if minuend.search(h) and i not in subs]
        if not mins or not subs:
            continue
        grid = table_grid(ctx, table, filled=False)
        for r in range(table.header_rows, len(grid)):
            row = grid[r]
            label = next((_ORDINAL.sub("", x).strip() for x in row if x.strip() and cell_number(x.strip()) is None), "")
            if len(label) < 2 or label not in text:
                continue

            def operand(col: int) -> Optional[Operand]:
                number = cell_number(row[col].strip()) if col < len(row) else None
                if number is None:
                    return None
                figure = Quantity(text=row[col].strip(), value=number[0], unit=table.unit, unit_class="money",
                                  normalized_value=number[0] * factor, normalized_unit=c.normalized_unit,
                                  precision=number[1], location=cell_location(table, r, col))
                return Operand(figure, f"{table_name(table)} {label}{table.columns[col]}", f"table:{table.id}:{r}")

            for a in map(operand, mins[:1]):
                for b in map(operand, subs[:1]):
                    if a is not None and b is not None:
                        out.append((a, b))
    return out


def _reading(ctx: CheckContext, c: Claim, a: Operand, b: Operand, pinned: bool, floor: bool,
             opening: Optional[Operand] = None, others: tuple[Operand, ...] = ()) -> Reading:
    """``a − b`` (plus the ``opening`` balance carried in, if given), less
    the ``others`` parts the balance is stated with (年末结转X，结余Y: Y is
    a − b − X)."""
    iv = interval_of(ctx, a.figure) - interval_of(ctx, b.figure)
    nominal = a.figure.normalized_value - b.figure.normalized_value
    if opening is not None:
        iv = interval_of(ctx, opening.figure) + iv
        nominal += opening.figure.normalized_value
    if floor and pinned and iv.hi < 0 and c.normalized_value != 0:
        # a balance is never negative: operands that leave less than nothing
        # are a misreading (年初380 against spending 398.62 of a budget raised
        # to 425), no expectation of 0 (shown as it comes out, pinning nothing)
        pinned = False
    elif floor and pinned and iv.lo < 0:
        # spending above the budget leaves no balance: 0
        iv = Interval(max(iv.lo, Decimal(0)) if iv.hi >= 0 else Decimal(0), max(iv.hi, Decimal(0)))
        nominal = max(nominal, Decimal(0))
    for o in others:
        iv = iv - interval_of(ctx, o.figure)
        nominal -= o.figure.normalized_value
    operands = ((opening,) if opening is not None else ()) + (a, b) + others
    expected = show(in_unit(nominal, c, ctx.book), max([c.precision] + [o.figure.precision for o in operands]), c.unit)
    terms = (f"{opening.label} + " if opening is not None else "") + f"{a.label} − {b.label}"
    terms += "".join(f" − {o.label}" for o in others)
    return Reading(operands, iv, pinned, expected, f"{terms} = {expected}")


def _budget_total(ctx: CheckContext, budget: Optional[Operand]) -> Optional[Operand]:
    """The budget a balance is left of: the total that ``budget`` is a
    stated part of with an addition to it (年初批复380万元，当年追加45万元，
    合计425万元: 425; rules ``difference_budget_added``), else ``budget``."""
    added = ctx.book.difference_budget_added
    if budget is None or added is None or id(budget.figure) not in ctx.wholes_of:
        return budget
    for b in ctx.breakdowns:
        if any(q.claim is budget.figure for q in b.parts) and same_unit(b.whole.claim, budget.figure) and \
                any(added.search(q.claim.metric_text) for q in b.parts if q.claim is not budget.figure):
            return claim_operand(b.whole.claim)
    return budget


def _own_item(ctx: CheckContext, s: Sentence, p: Placed, index: int) -> tuple[Optional[str], int]:
    """The item a balance is of, and where its sentence names it: a part of
    the whole before it (部分项目因进度滞后，结余X: rules ``difference_part``),
    else the subject of the minuend stated before it in its sentence
    (图书馆维修项目预算30万元，…结余X: 图书馆维修), when it names more than
    words that name no subject; for a balance naming a subject of its own
    (工程结算审计之后，结余X), the subject of the nearest minuend before it
    (-1: its whole sentence is the item's); (None, -1) for none. Only
    figures naming that item, or after it in the sentence, are the
    balance's operands."""
    if p.start < 0:
        return None, -1
    part = ctx.book.difference_part
    found = list(part.finditer(s.text[:p.start])) if part is not None else []
    if found:
        return found[-1].group("part"), found[-1].start("part")
    minuend = ctx.book.difference_minuends[index]
    if minuend is None:
        return None, -1
    drop = ctx.rules.derived("checks.differences.subject_drop", lambda: tuple(sorted(
        set(ctx.book.rules.operands.generic_rate_words + ctx.book.rules.difference_generic_words +
            ctx.book.rules.difference_subject_words), key=len, reverse=True)))

    def subject(q: Placed) -> Optional[str]:
        words = own_words(q)
        m = minuend.search(words)
        if m is None:
            return None
        named = ctx.book.year_cue.sub("", words[:m.start()])
        for w in drop:
            named = named.replace(w, "")
        named = "".join(ch for ch in named if ch.isalnum() and not ch.isdigit())
        return named if len(named) >= 2 else ""

    for q in s.placed:
        if 0 <= q.start < p.start and same_unit(q.claim, p.claim):
            got = subject(q)
            if got:
                return got, q.start
    if _names_no_subject(ctx, s, p, index):
        return None, -1
    at = p.claim.location.start
    for s2, q in ctx.neighbourhood(s, p, ctx.book.rules.operands.reach_sentences):
        if s2 is not s and s2.section == s.section and q.claim.location.start < at and same_unit(q.claim, p.claim):
            got = subject(q)
            if got is not None:
                return (got, -1) if got else (None, -1)
    return None, -1


def _named_after(s: Sentence, q: Placed, after: Optional[re.Pattern]) -> bool:
    """Whether the words right after ``q`` in its clause match ``after``
    (rules ``differences.minuend_after``: 资金813.20万元中，… the whole
    the balance's parts are taken from)."""
    if after is None or q.end < 0:
        return False
    return after.search(CLAUSE_BREAK.split(s.text[q.end:q.end + 12], 1)[0]) is not None


def _source_scope(ctx: CheckContext, words: str) -> Optional[str]:
    """The source of money ``words`` name (rules ``difference_scope``:
    财政拨款, 非财政拨款), if any: the last one named."""
    rx = ctx.book.difference_scope
    found = rx.findall(words) if rx is not None else ()
    return found[-1] if found else None


def _stated_with(ctx: CheckContext, s: Sentence, p: Placed, index: int) -> list[Placed]:
    """The other figures a balance is stated in parts with (全年预算…，实际支出
    …，年末结转22.00万元，结余0.00万元: 结转 + 结余 is the remainder): the
    balances of its rule next to it in its sentence, no figure of its unit
    between, none a part or the whole of a stated breakdown."""
    parts = ctx.wholes_of
    runs: list[list[Placed]] = [[]]
    for q in s.placed:
        if not same_unit(q.claim, p.claim):
            continue
        if q is p or (id(q.claim) not in parts and difference_rule(ctx, q) == index):
            runs[-1].append(q)
        elif runs[-1]:
            runs.append([])
    run = next((r for r in runs if any(q is p for q in r)), [])
    return [q for q in run if q is not p] if id(p.claim) not in parts else []


def _mid_year(ctx: CheckContext, text: str) -> bool:
    """Whether ``text`` holds a cut-off date (consistency ``cutoff``) other
    than the year's end (截至6月30日)."""
    cutoff, year_end = ctx.book.rules.consistency.cutoff, ctx.book.year_end_cutoff
    if not cutoff or year_end is None or "至" not in text:
        return False
    return re.search(cutoff, year_end(text)) is not None


def _netting(ctx: CheckContext) -> tuple[Optional[tuple[re.Pattern, re.Pattern, re.Pattern]], ...]:
    """Per difference rule, its (``netting``, ``netting_minuend``,
    ``netting_subtrahend``) patterns, None where it has none; compiled once
    per rule set."""
    def build():
        return tuple((re.compile(r.netting), re.compile(r.netting_minuend), re.compile(r.netting_subtrahend))
                     if r.netting and r.netting_minuend and r.netting_subtrahend else None
                     for r in ctx.book.rules.differences)
    return ctx.rules.derived("checks.differences.netting", build)


def readings(ctx: CheckContext, s: Sentence, p: Placed, index: int) -> list[Reading]:
    """The readings of a stated difference, pinned first: the budget's
    (预算 − 执行数, standing together), then every minuend and subtrahend
    nearby that the rule's words name (not figures of the year before),
    then the budget facts and any other pair of its unit nearby."""
    c = p.claim
    rule = ctx.book.rules.differences[index]
    near = ctx.neighbourhood(s, p, ctx.book.rules.operands.reach_sentences)
    near = [(s2, q) for s2, q in near if same_unit(q.claim, c)]
    prior = ctx.book.rules.growth.previous_year_words
    own_prior = any(w in c.metric_text for w in prior)
    # a part of a stated whole (其中基本支出预算) is no operand of the whole's balance
    parts = ctx.wholes_of
    own_part = id(c) in parts

    # the rest or an excess (超出预算部分3.42万元) is no minuend nor subtrahend
    rest = [w for w in ctx.book.rules.operands.complement_words if w not in rule.words]

    at = c.location.start
    # the item of spending its sentence names before it (“三公”经费…节约3万元), if any
    item_rx = ctx.book.difference_item
    items = list(item_rx.finditer(s.text[:p.start])) if item_rx is not None and p.start >= 0 else []
    item, anchor = (items[-1].group(0), items[-1].start()) if items else _own_item(ctx, s, p, index)

    def of_item(s2: Sentence, q: Placed) -> bool:
        """Whether ``q`` may be an operand of this balance by its item: it
        names the balance's item (or stands after it in the balance's own
        sentence); for a balance of no item, it names none."""
        words = _words(s2, q)
        if item is None:
            return item_rx is None or item_rx.search(words) is None
        return item in words or (s2 is s and q.start > anchor)

    def tier(s2: Sentence, q: Placed) -> int:
        # where an operand stands: 0 its sentence or before it in its section,
        # 1 after it in its section, 2 before it in another section (a 资金使用
        # paragraph's budget in the 资金来源 one), 3 after it in another (the
        # next section's 三公 budget is another subject's: never pinned)
        if s2 is s:
            return 0
        if s2.section == s.section:
            return 0 if q.claim.location.start < at else 1
        return 2 if q.claim.location.start < at else 3

    # the operands its words name may stand further before it (项目资金共计A；
    # 其中…；累计支付B；剩余C): the sentences before it up to named_reach
    # (for a balance naming no subject of its own, 其中设备购置资金余额 names
    # one; not at a cut-off within the year: 截至6月30日，尚有X未使用)
    named_near = near
    wide = ctx.book.rules.operands.named_reach_sentences
    whole_balance = not _mid_year(ctx, s.text[:max(p.start, 0)]) and _names_no_subject(ctx, s, p, index)
    if wide > ctx.book.rules.operands.reach_sentences and whole_balance:
        seen_near = {id(q) for _, q in near}
        named_near = near + [(s2, q) for s2, q in ctx.neighbourhood(s, p, wide)
                             if id(q) not in seen_near and q.claim.location.start < at and same_unit(q.claim, c)]

    def named(pattern, unless=None, pool=None, after=None) -> list[tuple[Claim, int]]:
        if pattern is None:
            return []
        return [(q.claim, tier(s2, q)) for s2, q in (named_near if pool is None else pool)
                if (pattern.search(_words(s2, q)) or _named_after(s2, q, after))
                and of_item(s2, q)
                # a stated difference is no operand of another (预算数与执行数相差X … 未使用Y)
                and (q is p or difference_rule(ctx, q) is None)
                and not any(w in q.claim.metric_text for w in rest)
                and not (unless is not None and unless.search(q.claim.metric_text))
                and (own_part or id(q.claim) not in parts)
                and (own_prior or not any(w in q.claim.metric_text for w in prior))]

    pinned: list[tuple[Operand, Operand]] = []
    loose: list[tuple[Operand, Operand]] = []
    named_minuends = named(ctx.book.difference_minuends[index], after=ctx.book.difference_minuends_after[index])
    named_subtrahends = named(ctx.book.difference_subtrahends[index], ctx.book.difference_subtrahend_not[index])
    if not named_minuends and named_subtrahends and whole_balance and item is None:
        # a balance of the whole (结余8.50万元 after 全年支出72.50万元) whose
        # budget the report states further up (一、项目概况：安排预算80.00万元):
        # every figure before it that the minuend words name, wherever it stands
        named_minuends = named(ctx.book.difference_minuends[index], after=ctx.book.difference_minuends_after[index],
                               pool=[(s2, q) for s2, q in ctx.text_claims()
                                     if q.claim.location.start < at and same_unit(q.claim, c)])
    netting = _netting(ctx)[index]
    if netting is not None and p.start >= 0 and netting[0].search(s.text, 0, p.start):
        # 收入300万元，支出260万元，收支相抵，结余40万元: the bare 收入 and 支出 are named
        def add(found: list[tuple[Claim, int]], more: list[tuple[Claim, int]]) -> list[tuple[Claim, int]]:
            return found + [(q, t) for q, t in more if all(q is not f for f, _ in found)]

        # (（一）收入。收入合计A。…增幅r。（二）支出。支出合计B。（三）结余。收入大于
        # 支出，差额X: the 收入 and 支出 of its chapter before it, however far up)
        section = named_near + [(s2, q) for _, s2 in ctx.chapter_sentences(s) for q in s2.placed
                                if q.claim.location.start < at and same_unit(q.claim, c)]
        named_minuends = add(named_minuends, named(netting[1], pool=section))
        named_subtrahends = add(named_subtrahends, named(netting[2], ctx.book.difference_subtrahend_not[index],
                                                         pool=section))
    minuends = [a for a, _ in named_minuends]
    subtrahends = [b for b, _ in named_subtrahends]
    if rule.budget:
        pinned += [(budget, executed) for executed, budget in budget_pairs(ctx, c, "balance")]
        executed = budget_operand(ctx, "executed", "执行数")
        report_own = []
        for role, name in (("adjusted", "调整后预算"), ("initial", "年初预算")):
            budget = _budget_total(ctx, budget_operand(ctx, role, name))
            if executed is not None and budget is not None:
                report_own.append((budget, executed))
            elif budget is not None:
                # the spending named near it (累计支付X。…项目资金余额Y), the budget lines up
                # (before it: a project's 已支付 in the next sentence is that project's)
                report_own += [(budget, claim_operand(b)) for b, t in [x for x in named_subtrahends if x[1] in (0, 2)][:1]]
        report_own += _form_totals(ctx, c)
        # a balance that names no subject, in a sentence stating no other
        # figure of its unit than its operands, is the report's own: the
        # budget facts and the form's totals pin it (资金结余, 差额：83.52万元)
        others = [q for q in s.placed if q is not p and same_unit(q.claim, c)
                  and q.claim not in minuends and q.claim not in subtrahends]
        def later_section(o: Operand) -> bool:
            hit = ctx.placed_at(o.figure.location) if o.place and o.place.startswith("text:") else None
            return hit is not None and tier(*hit) == 3

        if _names_no_subject(ctx, s, p, index) and not others and item is None:
            # budget facts stated after it in another section are another subject's (三公经费预算)
            pinned += [(a, b) for a, b in report_own if not (later_section(a) or later_section(b))]
            loose += [(a, b) for a, b in report_own if later_section(a) or later_section(b)]
        else:
            loose += report_own
    pairs = sorted(((a, b, max(ta, tb)) for a, ta in named_minuends for b, tb in named_subtrahends if a is not b),
                   key=lambda x: x[2])
    scope = _source_scope(ctx, own_words(p))
    if scope is not None:
        # a balance of a named source (年末财政拨款结转) is pinned by that
        # source's figures only (本年财政拨款收入 − 本年财政拨款支出), never by
        # the whole budget's (预算数 − 执行数: other sources' money too)
        loose += pinned
        pinned = []
        pairs = [(a, b, t if _source_scope(ctx, a.metric_text) == _source_scope(ctx, b.metric_text) == scope else 3)
                 for a, b, t in pairs]
    pinned += [(claim_operand(a), claim_operand(b)) for a, b, t in pairs if t < 3]
    loose += [(claim_operand(a), claim_operand(b)) for a, b, t in pairs if t == 3]
    pinned += _table_pairs(ctx, s, p, index)
    # a balance whose own sentence states, before it, the one minuend and a
    # subtrahend its words name (某专项安排A，实际使用B，剩余C; 某资金A万元中，
    # 已使用B，未使用C) is that clause's: resolved there first, the report's
    # budget further up pins nothing
    own = {id(q.claim) for q in s.placed if 0 <= q.start < p.start}
    if len([a for a, _ in named_minuends if id(a) in own]) == 1:
        local = [(a, b) for a, b in pinned if id(a.figure) in own and id(b.figure) in own]
        if local:
            loose = [x for x in pinned if x not in local] + loose
            pinned = local
    if not pinned:  # pinned readings alone count where some are
        figures = [q.claim for _, q in near]
        ops = {id(f): claim_operand(f) for f in figures}
        loose += [(ops[id(a)], ops[id(b)]) for a in figures for b in figures if a is not b]
    # 年初结转和结余X + 收入 − 支出: the balance carried in, where its words name one before it
    carried = ctx.book.difference_openings[index]
    openings = [claim_operand(q.claim) for s2, q in near if carried is not None and tier(s2, q) in (0, 2)
                and carried.search(q.claim.metric_text)] if pinned else []
    others = tuple(claim_operand(q.claim) for q in _stated_with(ctx, s, p, index)) if pinned else ()
    out, seen = [], set()
    for group, is_pinned in ((pinned, True), (loose, False)):
        for a, b in group:
            key = (id(a.figure), id(b.figure))
            if key in seen or not (same_unit(a.figure, c) and same_unit(b.figure, c)):
                continue
            seen.add(key)
            out.append(_reading(ctx, c, a, b, is_pinned, rule.never_negative))
            if not is_pinned:
                continue
            variants = [(o, ()) for o in openings if o.figure is not a.figure and o.figure is not b.figure]
            if others:
                variants += [(None, others)] + [(o, others) for o, _ in variants]
            out += [_reading(ctx, c, a, b, True, rule.never_negative, o, rest_) for o, rest_ in variants]
    if others:  # the parts' sum first: the one shown when none holds
        out.sort(key=lambda r: not (r.pinned and r.operands[-1] is others[-1]))
    elif any(q.claim is o.figure for o in openings for q in s.placed):
        # an opening in the balance's own sentence (期初结余c，加本年收入Y，减本年支出E，
        # 期末结余B): the readings with it first, the one shown when none holds
        own = {id(q.claim) for q in s.placed}
        out.sort(key=lambda r: not (r.pinned and len(r.operands) == 3 and id(r.operands[0].figure) in own))
    return out


def judge_difference(ctx: CheckContext, s: Sentence, p: Placed, index: int) -> CheckResult:
    result = judge_readings(ctx, RULE, s, p.claim, readings(ctx, s, p, index), "未在附近找到被减数和减数")
    if result.status == "skipped" and _no_minuend(ctx, s, p, index):
        return stated_difference(ctx, s, p.claim, own_words(p), "附近没有其被减数（预算）")
    if result.status == "fail":
        # a balance stated in parts whose sum misses is one finding, on its first part
        first = next((q for q in _stated_with(ctx, s, p, index) if q.start < p.start), None)
        if first is not None and judge_readings(ctx, RULE, s, first.claim, readings(ctx, s, first, index),
                                                "").status == "fail":
            return make_result(ctx, RULE, RULE, "skipped",
                               f"{p.claim.metric or RULE} {stated_text(p.claim)}：与 {first.claim.metric}{stated_text(first.claim)} "
                               f"一并核对（见该项结果）", stated=stated_text(p.claim), quote=ctx.quote_sentence(s),
                               locations=[p.claim.location])
    return result


def _no_minuend(ctx: CheckContext, s: Sentence, p: Placed, index: int) -> bool:
    """Whether a balance names its own subject (采购金额1,842.60万元，节约资金
    66.30万元: :func:`_names_no_subject` false, so the report's budget
    facts are not its operands) and no figure of its unit within reach is
    named by its rule's minuend words (预算): the minuend is not stated, so
    the balance is a stated figure."""
    minuend = ctx.book.difference_minuends[index]
    if minuend is None or not ctx.book.rules.differences[index].budget or _names_no_subject(ctx, s, p, index):
        return False
    near = ctx.neighbourhood(s, p, ctx.book.rules.operands.reach_sentences)
    return not any(same_unit(q.claim, p.claim) and minuend.search(_words(s2, q)) for s2, q in near) and \
        not _table_pairs(ctx, s, p, index)


def change_kind(ctx: CheckContext, p: Placed) -> Optional[bool]:
    """For a stated change (较上年减少0.84万元, 提高4.53个百分点: a change word
    in its words, a comparison cue before it in its sentence, no percent):
    True when it is a fall, False when a rise; None for anything else."""
    c = p.claim
    g = ctx.book.rules.growth
    words = c.metric_text
    listed = _respective_list(ctx, p)
    if listed is not None and listed[0][0] is not p and not states_change(ctx, words):
        # 比上年的A1和A2分别增加X1和X2: a later amount of the list is a change as its first is
        return change_kind(ctx, listed[0][0])
    # (比上年的1,000件多250件, 与上年支出相比少支出60万元: a comparative word
    # ending its words states the change too: rules growth.comparative_*)
    if c.unit == "%" or c.unit_class in ("date", "duration", "none") or \
            not states_change(ctx, words) or difference_rule(ctx, p) is not None:
        return None
    if c.unit_class == "percent" and c.unit not in ctx.book.rules.operands.point_units:
        return None
    if any(w in words for w in g.to_cues):
        return None
    falls = amount_change(ctx, words)
    before = c.sentence[:p.start] if p.start >= 0 else ""
    if falls is None or not compares_previous(ctx, before) or names_reason(ctx, words):
        return None
    return falls


def _respective_list(ctx: CheckContext, p: Placed) -> Optional[tuple[tuple[Placed, ...], int]]:
    """The figures of the respective list (rules ``growth.respective_words``:
    分别增加0.4万人次和100人次) ``p`` is in, and its place there; None when
    it is in none."""
    if p.start < 0 or not any(w in p.claim.sentence for w in ctx.book.rules.growth.respective_words):
        return None
    at = ctx.placed_at(p.claim.location)
    found = next((x for x in parallel_lists(ctx, at[0]) if p in x.figures), None) if at is not None else None
    return (found.figures, found.figures.index(p)) if found is not None else None


def _respective_operands(ctx: CheckContext, s: Sentence, p: Placed) -> Optional[tuple[Placed, Placed]]:
    """(上年 A_k, B_k) of the k-th of n changes listed after 分别 whose figures
    are listed before it (门诊4.4万人次和住院2,100人次，比上年的4.0万人次和
    2,000人次分别增加0.4万人次和100人次): the n figures right before the list
    are the year before's (the first names it), the n before those this
    year's, position by position of one unit."""
    listed = _respective_list(ctx, p)
    if listed is None:
        return None
    figures, k = listed
    found = listed_before(ctx, s, figures, lambda q: previous_kept(ctx, s, q))
    if found is None or any(not _comparable(p.claim, q[k].claim, ctx) for q in found):
        return None
    return found[0][k], found[1][k]


def _parts_of_changes(ctx: CheckContext) -> set[int]:
    """Ids of the claims that are parts, two or more, of a stated breakdown
    of a change against the year before: "比上年减少3.50万元。其中：会议费…
    比上年减少1.40万元；培训费…比上年减少2.10万元". Each
    part's only relation is that sum (no figure of the year before names
    it), which the breakdown check judges: no difference result of its own."""
    g = ctx.book.rules.growth
    # (the joined list compiled once per rule set: any_word keeps one pattern per list object)
    change = ctx.rules.derived("checks.differences.change_words", lambda: any_word(g.increase_words + g.decrease_words))
    out: set[int] = set()
    for b in ctx.breakdowns:
        figures = [b.whole] + b.parts
        if len(b.parts) < 2 or not all(change.search(q.claim.metric_text) for q in figures):
            continue
        for q in b.parts:
            s = next((s2 for s2 in b.sentences if any(x is q for x in s2.placed)), None)
            if s is not None and not _states_previous(ctx, s, q):
                out.add(id(q.claim))
    return out


def _parts_of_balances(ctx: CheckContext) -> set[int]:
    """Ids of the claims that are parts of a stated breakdown of a balance,
    each a balance of its rule (年末结转和结余50.00万元，其中基本支出结转20.00
    万元，项目支出结转30.00万元): the breakdown check judges their sum; each
    part against the whole's budget − spending is no relation."""
    out: set[int] = set()
    for b in ctx.breakdowns:
        if not b.parts:
            continue
        index = difference_rule(ctx, b.whole)
        if index is None or not ctx.book.rules.differences[index].budget:
            continue
        out.update(id(q.claim) for q in b.parts if difference_rule(ctx, q) == index)
    return out


def _states_previous(ctx: CheckContext, s: Sentence, p: Placed) -> bool:
    """Whether the clause of a stated change states a figure of the year
    before (会议费12.00万元，比上年13.40万元减少1.40万元): the change is then
    judged on its own."""
    if p.start < 0:
        return False
    start = max((m.end() for m in CLAUSE_BREAK.finditer(s.text[:p.start])), default=0)
    return any(start <= q.start < p.start and previous_kept(ctx, s, q) for q in s.placed)


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
                and previous_kept(ctx, s2, q) and not any(w in q.claim.metric_text for w in change)]

    before = [q for q in s.placed if 0 <= q.end <= p.start and q is not p and _comparable(c, q.claim, ctx)]
    respective = _respective_operands(ctx, s, p)
    if respective is not None:
        ao, bo = claim_operand(respective[0].claim), claim_operand(respective[1].claim)
        return judge_readings(ctx, RULE, s, c, [_change_reading(ctx, c, *((ao, bo) if fell else (bo, ao)), True)],
                              "未找到本年数", stated=interval_of(ctx, c))
    prior = previous_of(s, p.start)
    if not prior:
        # 比上年提高1.6个百分点（上年90.2%）
        bracketed = bracketed_previous(ctx, s, p, lambda q: _comparable(c, q.claim, ctx))
        prior = [bracketed] if bracketed is not None else []
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
            return q is not a and q is not p and not previous_kept(ctx, s2, q) and \
                (not any(w in words for w in change) or any(w in words for w in g.to_cues))

        own = [q for q in before if current(s, q)]
        averaged = g.averaged_words
        if averaged and not any(w in c.metric_text for w in averaged):
            # 全年接待36500人次，日均100人次，较上年的33000人次增加3500人次:
            # an average is no total; the total before it is the change's operand
            own = [q for q in own if not any(w in q.claim.metric_text for w in averaged)] or own
        own = own[-1:]
        if not own and points:
            own = same_rates(ctx, s, p, a, current)
        subject = rate_name(ctx, c.metric_text) if not own and not points else ""
        if len(subject) >= 2:
            # 与上年的900.00万元相比，执行数增加50.00万元: the figure its words name, before it in its section
            own = _named_before(ctx, s, p, subject, lambda q, s2: current(s2, q) and _comparable(c, q.claim, ctx))
        elif not own and not points:
            # 与上年的45.10万元相比，减少6.48万元: the subject is the sentence before's
            own = compared_subjects(ctx, s, a, lambda q, s2: current(s2, q) and _comparable(c, q.claim, ctx))
        if own and not points:
            # 其中A、B，与上年P相比，减少d: a change after a list of parts speaks of
            # their whole unless its words name the part (the whole's reading first)
            whole = _whole_of(ctx, own[0].claim) or _summed_whole(ctx, s, own[0], lambda q: current(s, q))
            if whole is not None and whole is not a and whole not in own \
                    and own[0].claim.metric not in c.metric_text and current(s, whole):
                own = [whole] + own
        if not own and not points:
            # 与上年支出1,000万元相比，增加100万元，增长10%: A and r fix X
            readings += _previous_through_growth(ctx, s, p, a)
        near = ctx.neighbourhood(s, p, ctx.book.rules.operands.reach_sentences, ("date", "duration"))
        loose = [q for s2, q in near if q not in own and _comparable(c, q.claim, ctx) and current(s2, q)]
        for group, pinned in ((own, True), (loose, False)):
            for b in group:
                ao, bo = claim_operand(a.claim), claim_operand(b.claim)
                readings.append(_change_reading(ctx, c, *((ao, bo) if fell else (bo, ao)), pinned))
    if not prior and not fell and none_before(ctx, s, p):
        readings += _from_none(ctx, s, p, before)
    elif not prior and c.unit_class == "money":
        readings += _through_growth(ctx, s, p, fell, before)
    if not readings and not prior and _no_previous_figure(ctx, s, p, before):
        return stated_difference(ctx, s, c, change_name(ctx, s, p, before), "报告未给出上年的该项数字")
    stated = interval_of(ctx, c)
    return judge_readings(ctx, RULE, s, c, readings, "未找到本年数" if prior else "未给出上年数", stated=stated)


def _whole_of(ctx: CheckContext, part: Claim) -> Optional[Placed]:
    """The whole of the stated breakdown ``part`` is a part of, if any."""
    for b in ctx.breakdowns:
        if any(q.claim is part for q in b.parts):
            return b.whole
    return None


def _summed_whole(ctx: CheckContext, s: Sentence, part: Placed, accept) -> Optional[Placed]:
    """The whole that the figures of ``part``'s sentence right before it,
    ``part`` last, add up to, stated before them with no 其中 (三公经费支出
    A，公务用车运行维护费B，公务接待费C，比上年P减少d: A = B + C): the
    nearest earlier figure of its unit that ``accept`` takes whose value
    the two or more figures between it and ``part`` (all of its unit and
    taken) sum to within their stated precision; None when none does."""
    run = [q for q in s.placed if 0 <= q.end <= part.start and q.claim.normalized_unit == part.claim.normalized_unit]
    run.append(part)
    total = interval_of(ctx, part.claim)
    for i in range(len(run) - 2, -1, -1):
        q = run[i]
        if not accept(q):
            return None
        if len(run) - 1 - i >= 2 and holds(total, interval_of(ctx, q.claim)):
            return q
        total = total + interval_of(ctx, q.claim)
    return None


def _named_before(ctx: CheckContext, s: Sentence, p: Placed, subject: str, accept) -> list[Placed]:
    """The figure a change's own words name (执行数增加50.00万元 names
    执行数): the nearest before it, in its sentence or the sentences within
    reach before it in its section, whose period-free name is ``subject``'s
    (:func:`~extract.checks.periods.names_subject`), else the nearest
    before it in its section named exactly so, that ``accept(q, sentence)``
    takes; [] when none is (then no figure nearby is taken)."""
    planned = tuple(ctx.book.rules.growth.planned_words)
    at = p.claim.location.start
    for s2, q in ctx.neighbourhood(s, p, ctx.book.rules.operands.reach_sentences):
        if s2.section == s.section and q.claim.location.start < at and accept(q, s2) and \
                names_subject(period_free(ctx, q.claim.metric), subject, planned):
            return [q]
    earlier = [(s2, q) for s2, q in ctx.text_claims() if s2.section == s.section and q.claim.location.start < at]
    for s2, q in reversed(earlier):
        if subject in q.claim.metric and period_free(ctx, q.claim.metric) == subject and accept(q, s2):
            return [q]
    return []


STATED = "stated_difference"


def change_name(ctx: CheckContext, s: Sentence, p: Placed, before: list[Placed]) -> str:
    """The name of the metric a stated change is the change of: its own
    words without period, comparison and change words (上年执行率较上年提高
    -> 执行率), else those of the figure right before it in its clause
    (差旅费6.30万元，比上年减少0.75万元 -> 差旅费; 执行率94.30%，较上年
    提高2.05个百分点 -> 执行率); "" when neither names one."""
    own = rate_name(ctx, p.claim.metric_text)
    if len(own) >= 2:
        return own
    subject = [q for q in before if _comparable(p.claim, q.claim, ctx) and not previous_kept(ctx, s, q)]
    return rate_name(ctx, subject[-1].claim.metric_text) if subject else ""


def _no_previous_figure(ctx: CheckContext, s: Sentence, p: Placed, before: list[Placed]) -> bool:
    """Whether a change against the year before names no operand the
    report states: it names its metric (:func:`change_name`), and the
    report states no figure of the year before that could be that metric's:
    none of its unit in the text named like it (:func:`_same_name`) or
    named by no words at all (与上年的45.10万元相比) within reach of the
    change, and no two-year table row labelled like it."""
    c = p.claim
    name = change_name(ctx, s, p, before)
    if len(name) < 2:
        return False
    reach = {id(s2) for s2, _ in ctx.neighbourhood(s, p, ctx.book.rules.operands.reach_sentences, ())} | {id(s)}
    for s2, q in ctx.text_claims():
        if q is p or not _comparable(c, q.claim, ctx) or not previous_kept(ctx, s2, q):
            continue
        other = rate_name(ctx, q.claim.metric_text)
        if _same_name(name, other) or len(other) < 2 and id(s2) in reach:
            return False
    for change in ctx.relations.table_changes:
        label = next((t.strip() for t in change.row if t.strip() and cell_number(t.strip()) is None), "")
        if _same_name(name, rate_name(ctx, label)):
            return False
    return True


def stated_difference(ctx: CheckContext, s: Sentence, c: Claim, name: str, reason: str) -> CheckResult:
    """The result of a difference whose operand the report does not state
    (rule ``stated_difference``, kind ``difference``, always skipped): a
    change against the year before whose metric has no figure of the year
    before in the report (项目支出执行率94.30%，较上年提高2.05个百分点, with no
    rate of the year before anywhere: :func:`_no_previous_figure`), or a
    balance with no minuend in reach (:func:`_no_minuend`). A stated
    figure, not a relation to check, counted among the checks that could
    not run and apart from the differences that found operands but could
    not pin them."""
    return make_result(ctx, STATED, RULE, "skipped",
                       f"{name or c.metric or RULE} {stated_text(c)}：{reason}（陈述的数值，不是可核对的运算关系）",
                       stated=stated_text(c), quote=ctx.quote_sentence(s), locations=[c.location])


def _change_reading(ctx: CheckContext, c: Claim, hi: Operand, lo: Operand, pinned: bool,
                    exact: Optional[Operand] = None) -> Reading:
    """The reading ``hi − lo`` of a stated change ``c``: percents for
    percentage points, else normalized values shown in ``c``'s unit;
    ``exact`` (one of the two) is taken as stated, with no rounding band
    (a target: ≥65% is 65)."""
    points = c.unit in ctx.book.rules.operands.point_units

    def interval(o: Operand) -> Interval:
        if o is exact:
            return Interval.exact(o.figure.value if points else o.figure.normalized_value)
        return _value_interval(ctx, o)

    nominal = hi.figure.value - lo.figure.value if points \
        else in_unit(hi.figure.normalized_value - lo.figure.normalized_value, c, ctx.book)
    expected = show(nominal, max(c.precision, hi.figure.precision, lo.figure.precision), c.unit)
    return Reading((hi, lo), interval(hi) - interval(lo), pinned, expected, f"{hi.label} − {lo.label} = {expected}")


def rate_name(ctx: CheckContext, words: str) -> str:
    """A rate's name without its period, comparison and change words
    (本年执行率较上年提高 -> 执行率, 上年同类项目执行率为 -> 同类项目执行率)."""
    g = ctx.book.rules.growth
    drop = g.previous_year_words + g.current_year_words + g.comparison_cues + g.increase_words + \
        g.decrease_words + ctx.book.rules.consistency.report_period_words
    words = ctx.book.year_cue.sub("", words)
    # left to right, the longest word at each place (较上年的: 较上年, then 的)
    words = re.sub("|".join(map(re.escape, sorted(set(drop), key=lambda w: (-len(w), w)))), "", words)
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
    # a rate stated about (约93.3%) restates one stated exactly
    exact = [f for f in found if not f[2].claim.qualifier] or found
    return [q for _, _, q in sorted(exact, key=lambda f: (f[0], f[1]))]


def _through_growth(ctx: CheckContext, s: Sentence, p: Placed, fell: bool, before: list[Placed]) -> list[Reading]:
    """"B。同比上年增加X，增长r%" states no figure of the year before, but
    B and r fix it (B / (1 ± r)), so X must be B·r / (1 + r) (a fall:
    B·r / (1 − r)). B: the nearest figure of X's unit before it in its
    sentence, or, when X opens its sentence, the one it is the change of
    (:func:`~extract.checks.periods.opening_subjects`); r: the percent right after X whose words hold a
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
        found = [] if before else opening_subjects(ctx, s, p, lambda q, _: current(q))
        if len(found) != 1:
            return []
        b = found[0]
    at = ctx.placed_at(b.claim.location)
    if at is not None and previous_kept(ctx, at[0], b):
        # 2023年度收支总计为A。本年度收支总计比上年多X，增长r%: B is the year before's A, X = A·r
        return _previous_through_growth(ctx, s, p, b)
    after = [q for q in s.placed if q.start >= p.end >= 0]
    if not after or after[0].claim.unit != "%" or not any(w in after[0].claim.metric_text for w in change):
        return []
    rate = after[0].claim
    r = _rate_magnitude(ctx, rate)
    bi = interval_of(ctx, b.claim)
    if r.lo < 0 or (fell and r.hi >= 1):
        return []

    def through(r: Interval) -> Interval:
        return Interval(bi.lo * r.lo / ((1 - r.lo) if fell else (1 + r.lo)),
                        bi.hi * r.hi / ((1 - r.hi) if fell else (1 + r.hi)))

    rv = rate.value / 100
    nominal = in_unit(b.claim.normalized_value * rv / ((1 - rv) if fell else (1 + rv)), c, ctx.book)
    expected = show(nominal, max(c.precision, b.claim.precision), c.unit)
    sign = "−" if fell else "+"
    bo, ro = claim_operand(b.claim), claim_operand(rate)
    stated = interval_of(ctx, c)
    cut = not holds(through(stated_interval(rate.value, rate.precision).scaled(Decimal("0.01"))), stated) \
        and holds(through(r), stated)
    note = f"（{stated_text(rate)} 为截尾数）" if cut else ""
    return [Reading((bo, ro), through(r), True, expected,
                    f"{bo.label}×{stated_text(rate)}/(1{sign}{stated_text(rate)}) = {expected}{note}")]


def _rate_magnitude(ctx: CheckContext, rate: Claim) -> Interval:
    """A stated growth rate as a fraction, read as the growth check reads it
    (:func:`~extract.checks.figures.rate_magnitude`: its rounding band, and
    a cut last digit: 37.38% for 37.386%), so that a change read through the
    rate and the rate read through the change agree on one triple."""
    return rate_magnitude(rate, ctx.book).scaled(Decimal("0.01"))


def _rate_after(ctx: CheckContext, s: Sentence, p: Placed, skip: Optional[Placed] = None) -> Optional[Claim]:
    """The growth rate stated right after a change ``p`` (the next figure
    of its sentence but ``skip``, a percent whose words hold a change word)."""
    g = ctx.book.rules.growth
    after = [q for q in s.placed if q.start >= p.end >= 0 and q is not skip]
    if not after or after[0].claim.unit != "%" or \
            not any(w in after[0].claim.metric_text for w in g.increase_words + g.decrease_words):
        return None
    return after[0].claim


def _previous_through_growth(ctx: CheckContext, s: Sentence, p: Placed, a: Placed) -> list[Reading]:
    """"与上年支出A相比，增加X，增长r%" states no figure of this year in
    reach of its words, but A and r fix X: X = A·r. Pinned: the words tie
    the three."""
    c = p.claim
    rate = _rate_after(ctx, s, p, a)  # 减少X万元（上年A万元），下降r%
    if rate is None:
        return []
    r = _rate_magnitude(ctx, rate)
    ai = interval_of(ctx, a.claim)
    if r.lo < 0 or ai.lo < 0:
        return []
    nominal = in_unit(a.claim.normalized_value * rate.value / 100, c, ctx.book)
    expected = show(nominal, max(c.precision, a.claim.precision), c.unit)
    ao, ro = claim_operand(a.claim), claim_operand(rate)
    return [Reading((ao, ro), Interval(ai.lo * r.lo, ai.hi * r.hi), True, expected,
                    f"{ao.label}×{stated_text(rate)} = {expected}")]


def _from_none(ctx: CheckContext, s: Sentence, p: Placed, before: list[Placed]) -> list[Reading]:
    """"B，同比增加X，上年无该预算": the year before had none
    (:func:`~extract.checks.periods.none_before`), so X is B − 0. B: the
    nearest figure of X's unit before it in its sentence that is no change
    and no figure of the year before. Pinned: the words tie the two."""
    g = ctx.book.rules.growth
    c = p.claim
    own = [q for q in before if q.claim.normalized_unit == c.normalized_unit and
           not any(w in q.claim.metric_text for w in g.increase_words + g.decrease_words + g.previous_year_words)]
    if not own:
        return []
    b = own[-1]
    bo = claim_operand(b.claim)
    expected = show(in_unit(b.claim.normalized_value, c, ctx.book), max(c.precision, b.claim.precision), c.unit)
    return [Reading((bo,), interval_of(ctx, b.claim), True, expected,
                    f"{bo.label} − 上年0（上年无此项）= {expected}")]


def _value_interval(ctx: CheckContext, o: Operand) -> Interval:
    """An operand's interval in the unit a change is stated in (percent
    points compare stated percents; other figures their normalized value)."""
    f = o.figure
    if f.unit == "%":
        return stated_interval(f.value, f.precision)
    return interval_of(ctx, f)


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


# ---------------------------------------------------------------- targets


def target_gap(ctx: CheckContext, p: Placed) -> Optional[bool]:
    """For a figure stated as its distance from a target (rules
    ``target_gaps``: 较目标值少138人次 / 超出年度目标1,600平方米, or the 少2个
    of 较目标10个少2个): True for a shortfall (target − actual), False for
    an excess; None otherwise (the 10个 of 较目标10个少2个 is the target
    compared with, no gap)."""
    c = p.claim
    if c.unit_class in ("date", "duration", "none") or c.unit == "%":
        return None
    words = c.metric_text.rstrip()
    book = ctx.book
    if _gap_words(ctx).search(words) is None:
        return None  # (most figures: one search for the five patterns below)
    if book.target_comparand.search(words):
        return None
    if book.target_shortfall.search(words):
        return True
    if book.target_excess.search(words):
        return False
    short = book.target_shortfall_after.search(words) is not None
    if (short or book.target_excess_after.search(words)) and _comparand_before(ctx, p) is not None:
        return short
    return None


def _gap_words(ctx: CheckContext) -> re.Pattern:
    """One search for any of :func:`target_gap`'s patterns (a figure none
    of them matches is no gap: all five are searched on its words alone),
    compiled once per rule book."""
    return compiled_once("gap_words", ctx.book, _joined_gap_words)


def _joined_gap_words(book) -> re.Pattern:
    pats = (book.target_comparand, book.target_shortfall, book.target_excess,
            book.target_shortfall_after, book.target_excess_after)
    if any(_BACKREFERENCE.search(p.pattern) for p in pats):  # (a group's number would change)
        return _ANYTHING
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in pats))
    except re.error:  # (a rule's inline flag, or a group name used twice: searched one by one)
        return _ANYTHING


_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")
_ANYTHING = re.compile("")


def _comparand_before(ctx: CheckContext, p: Placed) -> Optional[Placed]:
    """The target a gap is stated after in its clause (the 10个 of
    较目标10个少2个: the figure right before it, of its unit, whose words
    are a bare comparison with a target), if any."""
    hit = ctx.placed_at(p.claim.location)
    if hit is None or p.start < 0:
        return None
    s = hit[0]
    before = [q for q in s.placed if 0 <= q.end <= p.start and q is not p]
    if not before:
        return None
    q = max(before, key=lambda q: q.end)
    if not same_unit(q.claim, p.claim) or CLAUSE_BREAK.search(s.text[q.end:p.start]) or \
            not ctx.book.target_comparand.search(q.claim.metric_text.rstrip()):
        return None
    return q


def _gap_targets(ctx: CheckContext, actual: Claim, points: bool) -> tuple[list[Operand], bool]:
    """The targets an actual may be measured against: those of the
    indicators stating it (same value and unit) or named like it (two
    pairs of characters in common: 全年完成校舍改造 / 改造薄弱学校校舍面积),
    pinned; else those of every indicator of its unit, not pinned."""
    def unit_of(q: Quantity) -> bool:
        return q.unit == "%" if points else same_unit(q, actual)

    inds = [i for i in ctx.report.indicators if i.target.quantity is not None and unit_of(i.target.quantity)]
    words = letter_pairs(actual.metric_text)
    own = [i for i in inds if i.actual is not None and i.actual.value == actual.value and unit_of(i.actual)]
    own += [i for i in inds if i not in own and len(words & letter_pairs(i.name)) >= 2]
    chosen = own or inds
    return [Operand(i.target.quantity, f"{i.name}目标", f"indicator:{i.table}:{i.row}")
            for i in chosen], bool(own)


def _target_itself(ctx: CheckContext, c: Claim, to: Operand, ao: Operand, shortfall: bool,
                   pinned: bool) -> Optional[Reading]:
    """The reading of 超过年度目标15400亩 as the target itself: the figure is
    ``to`` (exact as stated), when the actual lies on the side its words
    say (above it for an excess, below for a shortfall); else None."""
    t, a = to.figure.normalized_value, ao.figure.normalized_value
    if (a > t) if shortfall else (a < t):
        return None
    expected = show(in_unit(t, c, ctx.book), max(c.precision, to.figure.precision), c.unit)
    side = "低于" if shortfall else "超过"
    return Reading((to, ao), Interval.exact(t), pinned, expected,
                   f"{to.label} {expected}（{ao.label}{side}此目标）")


def judge_target_gap(ctx: CheckContext, s: Sentence, p: Placed, shortfall: bool) -> CheckResult:
    """A distance from a target against the actual before it in its
    sentence (the nearest figure of its unit stated without 约, a percent
    for percentage points) and its indicator's target (:func:`_gap_targets`),
    or the target its clause states before it (较目标10个少2个: the 10个,
    pinned). After 超过/低于 + a target word the figure may be the target
    itself as well (rules ``target_gaps.names_target``: :func:`_target_itself`)."""
    c = p.claim
    points = c.unit in ctx.book.rules.operands.point_units
    comparand = None if ctx.book.target_shortfall.search(c.metric_text.rstrip()) or \
        ctx.book.target_excess.search(c.metric_text.rstrip()) else _comparand_before(ctx, p)
    limit = comparand.start if comparand is not None else p.start
    before = [q for q in s.placed if 0 <= q.end <= limit and q is not p and
              (q.claim.unit == "%" if points else same_unit(q.claim, c)) and not ctx.states_aim(q.claim)]
    readings: list[Reading] = []
    # an approximate restatement (23,600平方米（约2.36万平方米）) is no actual
    exact = [q for q in before if not q.claim.qualifier] or before
    if exact:
        actual = exact[-1].claim
        ao = claim_operand(actual)
        if comparand is not None:
            targets, pinned = [claim_operand(comparand.claim)], True
        else:
            targets, pinned = _gap_targets(ctx, actual, points)
        itself = not points and comparand is None and ctx.book.target_named.search(c.metric_text.rstrip())
        for to in targets:
            # a target is a threshold, exact as stated (≥65% is 65, not 64.5–65.5)
            readings.append(_change_reading(ctx, c, *((to, ao) if shortfall else (ao, to)), pinned, exact=to))
        if itself:
            readings += [r for r in (_target_itself(ctx, c, to, ao, shortfall, pinned) for to in targets) if r]
        if not pinned and not points:
            # a target stated in the text (自筹资金120.00万元 … 实际投入136.80万元，超出计划16.80万元)
            for _, q in ctx.neighbourhood(s, p, ctx.book.rules.operands.reach_sentences):
                if q.claim is not actual and same_unit(q.claim, c):
                    to = claim_operand(q.claim)
                    readings.append(_change_reading(ctx, c, *((to, ao) if shortfall else (ao, to)), False))
    return judge_readings(ctx, RULE, s, c, readings, "未找到实际值和目标值")


def check_differences(ctx: CheckContext) -> list[CheckResult]:
    """One result per stated difference of the text (a balance, a change
    against the year before, a distance from a target) and per
    change-amount cell of a two-year table."""
    parts = _parts_of_changes(ctx)
    balance_parts = _parts_of_balances(ctx)

    def judged_difference(ctx: CheckContext, p: Placed) -> Optional[int]:
        # a part of a stated balance's breakdown is judged there (stated_breakdown)
        return None if id(p.claim) in balance_parts else difference_rule(ctx, p)

    def judged_change(ctx: CheckContext, p: Placed) -> Optional[bool]:
        # a part of a stated change's breakdown is judged there (stated_breakdown)
        return None if id(p.claim) in parts else change_kind(ctx, p)

    return ctx.judge_claims(judged_difference, judge_difference) + ctx.judge_claims(judged_change, judge_change) + \
        ctx.judge_claims(target_gap, judge_target_gap) + check_table_changes(ctx)
