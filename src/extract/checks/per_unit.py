"""Costs per unit: 人均补贴 735.91 元 against the money spent over the count.

:func:`check_per_unit_costs` takes the check context and returns one
CheckResult (rule ``rate``, kind ``per_unit``) per stated cost per unit: a
money figure whose words hold a cue of rules ``per_unit`` (人均, 每公里, 亩均,
案均 …) and no word of a limit or standard (``per_unit_not_words``:
控制在每公里100万元以内, 补助标准). Its readings are
each money figure larger than it over each count in the rule's units
nearby (:meth:`~extract.checks.context.CheckContext.neighbourhood`),
pinned when both stand in the cost's own sentence ("按实际支出4,205.52万元、
建设里程42.6公里计算，每公里建设成本98.72万元"), or the count does and the
money is the one the cost's words name nearby (人均补贴 and 培训补贴资金
1,372.48万元 in the sentence before), or by words that name both: the
money and the count its subject's terms name (每批次平均抽检费用: 抽检检验费
208.40万元 and 完成监督抽检1,263批次), the money its sentence names as the
base (按全年实际支出计算，亩均投入…). A table row labelled with its subject
gives a loose reading (its 全年执行数), so do the counts of its paragraph.
A cost whose subject names no money of the text, none standing in its
sentence, is a stated figure (rule ``stated_rate``). The comparison is interval
arithmetic, in 元 per stated unit of the count (6.2万亩 is 62,000 亩).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ..model import CheckResult, Claim, Quantity
from ..quantities import find_quantities
from .context import CLAUSE_BREAK, CheckContext, Placed, Sentence, make_result
from .figures import (cell_number, count_unit, glued_to_money, cue_rule, in_unit, interval_of, is_exact_count, show, stated_text,
                      table_grid, table_header_columns)
from ..claims import metric_words
from ..pattern_needs import any_char, needed_by_any
from .screen import any_word
from .operands import (Operand, Reading, claim_operand, counted_words, head_terms, judge_readings, named_figure,
                       stated_rate)
from .relations.tables import cell_location, table_name
from .tolerance import Interval, ratio_interval, stated_interval

RULE = "rate"


def per_unit_rule(ctx: CheckContext, p: Placed) -> Optional[int]:
    """Index of the per-unit rule whose cue ``p``'s words hold, if it is a
    stated cost per unit (money, no comparison operator)."""
    c = p.claim
    if c.unit_class != "money" or c.operator is not None or \
            any_word(ctx.book.rules.per_unit_not_words).search(c.metric_text) is not None:
        return None
    return cue_rule(ctx.book, c)


def _count_interval(ctx: CheckContext, claim: Claim, factor: Decimal) -> Interval:
    """The count a cost is over: a whole count of things (6个, 36座) exact,
    a measure (42.6公里, 6.2万亩) by its stated precision."""
    exact = is_exact_count(claim, ctx.book) and factor == 1
    iv = stated_interval(claim.value, claim.precision, exact=exact)
    return iv if factor == 1 else iv.scaled(factor)


def _per_something(ctx: CheckContext, p: Placed) -> bool:
    """Whether a figure is per something by its words (人均补贴, 每件2,000元
    as a limit, 每万人…41.04件): no total nor count a cost is over."""
    c = p.claim
    return cue_rule(ctx.book, c) is not None or any(cue.search(c.metric_text) for cue in ctx.book.per_base_cues)


def judge_per_unit(ctx: CheckContext, s: Sentence, cost: Placed, index: int) -> CheckResult:
    rule = ctx.book.rules.per_unit[index]
    c = cost.claim
    before = max((p for p in s.placed if 0 <= p.end <= cost.start), key=lambda p: p.end, default=None)
    if before is not None and glued_to_money(s.text, before.start, before.end, before.claim):
        # 费用6万亩元(每亩3元): the cost's own amount is written in a unit slip, so
        # its operands are not pinned (no other item's money over another count)
        return make_result(ctx, RULE, RULE, "skipped",
                           f"{c.metric or c.metric_text} {stated_text(c)}：其前的“{s.text[before.start:before.end + 1]}”"
                           f"单位有误，运算对象无法确定，无法核对", stated=stated_text(c), quote=ctx.quote_sentence(s),
                           locations=[c.location])
    near = ctx.neighbourhood(s, cost, ctx.book.rules.operands.reach_sentences)
    # (no figure per something: 省定每件2,000元 is no money spent, 每万人…41.04件 no count)
    money = [(s2, p) for s2, p in near if p.claim.unit_class == "money" and not _per_something(ctx, p)
             and p.claim.operator is None and p.claim.normalized_value > c.normalized_value]
    # (nor a figure glued to 元, 费用6万亩元: a unit slip, no area)
    counts = [(s2, p, f) for s2, p in near for f in [count_unit(p.claim, rule.units)] if f is not None
              and not _per_something(ctx, p) and not glued_to_money(s2.text, p.start, p.end, p.claim)]
    # the counts of its paragraph beyond reach (建成高标准农田32,156.4亩；…。按全年实际支出计算，亩均投入…)
    seen = {id(p) for _, p, _ in counts}
    counts += [(s2, p, f) for s2 in ctx.sentences_in(s.section) for p in s2.placed
               for f in [count_unit(p.claim, rule.units)] if f is not None and id(p) not in seen
               and p.claim.operator is None and not _per_something(ctx, p)
               and not glued_to_money(s2.text, p.start, p.end, p.claim)]
    # the money the cost's words name (人均补贴: the 补贴 spent), wherever it stands
    cue = next((w for w in rule.cues if w in c.metric_text), "")
    subject = "".join(ch for ch in c.metric_text.split(cue, 1)[-1] if ch.isalnum()) if cue else ""
    others = tuple(ctx.book.rules.per_unit_not_base)

    def is_money(_, p: Placed) -> bool:
        return p.claim.unit_class == "money" and not _per_something(ctx, p) \
            and p.claim.normalized_value > c.normalized_value \
            and not (others and any(w in p.claim.metric_text for w in others))
    base = _base_named(ctx, cost)
    # 按全年实际支出计算，亩均投入…: the money its sentence names as the base, first
    named = named_figure(ctx, money, base, (), is_money, lambda words: base in "".join(words.split())) \
        if base else None
    if named is None:
        named = named_figure(ctx, money, subject, head_terms(subject), is_money)
    terms = subject_terms(ctx, c.metric_text, cue)
    if named is None and terms:
        # 每批次平均抽检费用 and 全年支付抽检检验费208.40万元: the money its subject names
        named = named_figure(ctx, money, "", (), is_money, lambda words: all(w in words for w in terms))
    if named is not None and all(p is not named[1] for _, p in money):
        money.append(named)
    table_money = _table_money(ctx, c, subject or "".join(terms))
    # the count its subject names nearby (完成食品安全监督抽检1,263批次 for 每批次平均抽检费用)
    near_counts = {id(k) for _, k, _ in counts}
    named_count = named_figure(ctx, [(ks, k) for ks, k, _ in counts], "", (),
                               lambda _, k: id(k) in near_counts, lambda words: all(w in words for w in terms)) \
        if terms else None
    found_period = _period(ctx, c.metric_text, cue)
    if found_period is not None and found_period[1] is None:
        return make_result(ctx, RULE, RULE, "skipped",
                           f"{c.metric or c.metric_text} {stated_text(c)}：按“{found_period[0]}”计的人均数，"
                           f"全年期数不定，无法核对", stated=stated_text(c), quote=ctx.quote_sentence(s),
                           locations=[c.location])
    # 月人均200元: the year's money over the count over 12 months first, then as stated
    periods = ([(found_period[0], found_period[1])] if found_period is not None else []) + [("", Decimal(1))]

    def reading(m: Operand, k: Placed, factor: Decimal, pinned: bool, period: tuple[str, Decimal]) -> Reading:
        """The money ``m`` over the count ``k`` (in ``factor`` of its stated
        unit) over the periods of a year ``period`` names, in the cost's unit."""
        word, times = period
        iv = ratio_interval(interval_of(ctx, m.figure), _count_interval(ctx, k.claim, factor).scaled(times))
        count_value = k.claim.value * factor * times
        nominal = m.figure.normalized_value / count_value if count_value else None
        in_stated = in_unit(nominal, c, ctx.book) if nominal is not None else None
        expected = show(in_stated, max(c.precision, 2), c.unit)
        over = f"/{times}（{word}）" if word else ""
        return Reading((m, claim_operand(k.claim)), iv, pinned, expected,
                       f"{m.label if m.place and m.place.startswith('table:') else stated_text(m.figure)}"
                       f"/{stated_text(k.claim)}{over}={expected}")

    # 按补助资金A÷改造户数计算: the count the division names is its base, no
    # other count of its sentence (配套覆盖农户2500户)
    divisor = _divisor_named(c.sentence, rule.units)
    readings: list[Reading] = []
    for period in periods:
        for ms, m in money:
            for ks, k, factor in counts:
                count_named = divisor in counted_words(ks, k) if divisor else \
                    ks is s or (named_count is not None and k is named_count[1])
                # money named past the cost's sentence pins nothing (人均投入…。项目带动社会资本投入…亿元):
                # a cost's base is stated before it or with it
                pinned = count_named and (ms is s or (named is not None and m is named[1]
                                                      and m.claim.location.start < c.location.start))
                readings.append(reading(claim_operand(m.claim), k, factor, pinned, period))
        # a table row's spent money is a loose reading: its label names the subject, not the count
        readings += [reading(m, k, factor, False, period) for m in table_money for _, k, factor in counts]
    readings.sort(key=lambda r: not r.pinned)
    if not money and not counts:
        return stated_rate(ctx, s, c)  # no money and no count of its unit in reach: a stated figure
    if named is None and not table_money and terms and not any(ms is s for ms, _ in money) \
            and not _any_money_named(ctx, terms):
        # 惠民殡葬基本服务人均成本 where no money of 殡葬服务 is stated: a stated figure
        return stated_rate(ctx, s, c)
    return judge_readings(ctx, RULE, s, c, readings, "在同句或相邻句中未找到总金额和数量")


def _period(ctx: CheckContext, words: str, cue: str) -> Optional[tuple[str, Optional[Decimal]]]:
    """The period word right before or after a cost's cue (rules
    ``per_unit_periods``: 月人均 -> (月, 12), 人均日 -> (日, None)) and how
    many of it a year holds; None when its cue stands with none."""
    if not cue or cue not in words:
        return None
    before, after = words.split(cue, 1)
    for word, times in sorted(ctx.book.rules.per_unit_periods.items(), key=lambda x: -len(x[0])):
        if before.endswith(word) or after.startswith(word):
            return word, times
    return None


def subject_terms(ctx: CheckContext, words: str, cue: str) -> tuple[str, ...]:
    """The words that name what a cost per unit is of: those of its words
    after its cue (else before it) that are no cost words (rules
    ``per_unit_cost_words``: 每批次平均抽检费用 -> 抽检; 惠民殡葬基本服务人均成本
    -> 惠民, 殡葬, 基本, 服务), of two or more characters; () when none is left."""
    if not cue or cue not in words:
        return ()
    before, after = words.split(cue, 1)
    cost = set(ctx.book.rules.per_unit_cost_words)
    for text in (after, before):
        terms = tuple(w for w in metric_words(text, ctx.rules.metrics) if len(w) >= 2 and w not in cost
                      and not any(ch.isdigit() for ch in w))
        if terms:
            return terms
    return ()


def _any_money_named(ctx: CheckContext, terms: tuple[str, ...]) -> bool:
    """Whether some money of the text (not a bound) holds every one of ``terms`` in its words."""
    return any(p.claim.unit_class == "money" and p.claim.operator is None and not _per_something(ctx, p)
               and all(w in counted_words(s, p) for w in terms) for s, p in ctx.text_claims())


def _base_named(ctx: CheckContext, cost: Placed) -> str:
    """The money a cost's clause names as its base ("按全年实际支出计算，亩均投入":
    全年实际支出), without spaces; '' when it names none."""
    c = cost.claim
    if cost.start < 0:
        return ""
    m = None
    for m in _BASE.finditer(c.sentence[:cost.start]):
        pass
    return "".join(m.group(1).split()) if m is not None else ""


_BASE = re.compile(r"按([^，,。；;\d]{2,16}?)(?:计算|测算|核算)")
_DIVISOR = re.compile(r"(?:÷|除以)\s*([\u4e00-\u9fff]{2,12}?)(?:总数|数量|数)?(?:计算|测算|核算|得出|[）)，,。；;]|$)")


def _divisor_named(sentence: str, units) -> str:
    """The count a cost's sentence names by words as its divisor (按资金A÷改造户数计算 ->
    改造, its unit 户 dropped); '' when it names none (÷1000户 is a figure, no name)."""
    m = _DIVISOR.search(sentence)
    if m is None:
        return ""
    name = m.group(1)
    for unit in sorted(units, key=len, reverse=True):
        if name.endswith(unit) and len(name) > len(unit):
            name = name[:-len(unit)]
            break
    return name if len(name) >= 2 else ""


def _table_money(ctx: CheckContext, c: Claim, subject: str) -> list[Operand]:
    """The spent money (全年执行数 column) of the one table row whose label
    holds the cost's subject (人均培训补贴: 职业技能提升培训补贴 | 312.50 |
    289.37), in the table's unit; [] when no row or several are so named."""
    if len(subject) < 2:
        return []
    out: list[Operand] = []
    for table in ctx.report.tables:
        if not table.unit:
            continue
        unit = find_quantities(f"1{table.unit}", ctx.rules)
        if len(unit) != 1 or unit[0].normalized_unit != c.normalized_unit:
            continue
        grid = table_grid(ctx, table, filled=False)
        cols: dict[str, int] = {}
        for r, (row, found) in enumerate(zip(grid, table_header_columns(ctx, table))):
            if "executed" in found:
                cols = found
                continue
            col = cols.get("executed")
            label = next((x.strip() for x in row if x.strip() and cell_number(x.strip()) is None), "")
            if col is None or col >= len(row) or subject not in "".join(label.split()):
                continue
            number = cell_number(row[col].strip())
            if number is None:
                continue
            figure = Quantity(text=row[col].strip(), value=number[0], unit=table.unit, unit_class="money",
                              normalized_value=number[0] * unit[0].normalized_value,
                              normalized_unit=c.normalized_unit, precision=number[1],
                              location=cell_location(table, r, col))
            out.append(Operand(figure, f"{table_name(table)} {label}{table.columns[col] if col < len(table.columns) else ''}",
                               f"table:{table.id}:{r}"))
    return out if len(out) == 1 else []


def check_per_unit_costs(ctx: CheckContext) -> list[CheckResult]:
    """One result per stated cost per unit of the text."""
    return ctx.judge_claims(per_unit_rule, judge_per_unit)


# ---------------------------------------------------------------- per thousand people


def per_base_rule(ctx: CheckContext, p: Placed) -> Optional[int]:
    """Index of the rule of rules ``per_base`` whose cue ``p``'s words hold,
    if it is a stated count per thousand (or ten thousand) people: a count
    (not money, a percent or a date) with no comparison operator."""
    c = p.claim
    if c.unit_class in ("money", "percent", "date", "duration") or c.operator is not None:
        return None
    if p.start >= 0 and not _may_hold_cue(ctx, c.sentence):
        return None  # its clause words are a stretch of its sentence, which holds no character a cue needs
    words = clause_words(ctx, p)
    for i, cue in enumerate(ctx.book.per_base_cues):
        if cue.search(words):
            return i
    return None


def _may_hold_cue(ctx: CheckContext, sentence: str) -> bool:
    """Whether a stretch of ``sentence`` may match a cue of rules
    ``per_base``: it holds a character every match of some cue needs
    (:func:`~extract.pattern_needs.needed_by_any`); read once per sentence."""
    kept = ctx.kept("per_base_cue")
    got = kept.get(sentence)
    if got is None:
        needs = ctx.kept("per_base_needs")
        if not needs:
            needs[0] = needed_by_any(ctx.book.per_base_cues)
        got = kept[sentence] = needs[0] is None or any_char(needs[0]).search(sentence) is not None
    return got


def clause_words(ctx: CheckContext, p: Placed) -> str:
    """The words of ``p``'s clause between the figure before it and its
    own, brackets kept (每千人口执业（助理）医师), or its metric words where
    it is not placed."""
    if p.start < 0:
        return p.claim.metric_text
    before = p.claim.sentence[:p.start]
    starts = [m.end() for m in CLAUSE_BREAK.finditer(before)] + [0]
    hit = ctx.placed_at(p.claim.location)
    if hit is not None:
        starts += [q.end for q in hit[0].placed if 0 <= q.end <= p.start and q is not p]
    return before[max(starts):]


def judge_per_base(ctx: CheckContext, s: Sentence, stated: Placed, index: int) -> CheckResult:
    """Readings of 每千人口执业医师2.31人: each count of the stated unit nearby
    over each number of people nearby, × the rule's base. Pinned when the
    people stand in the figure's sentence and so does the count, or the count
    is the one the figure's words name (:func:`named_count`)."""
    base = ctx.book.rules.per_base[index].base
    c = stated.claim
    near = ctx.neighbourhood(s, stated, ctx.book.rules.operands.reach_sentences)
    # a number of people per thousand is of more than a thousand (两位 is none)
    people = [(s2, p) for s2, p in near if p.claim.unit_class == "person" and p.claim.operator is None
              and p.claim.normalized_value >= base]
    counts = [(s2, p) for s2, p in near if p.claim.normalized_unit == c.normalized_unit and p.claim.operator is None
              and per_base_rule(ctx, p) is None]
    named = named_count(ctx, s, stated, index, counts)
    if named is not None and all(k is not named[1] for _, k in counts):
        counts.append(named)
    readings: list[Reading] = []
    for ks, k in counts:
        for ps, q in people:
            if q is k:
                continue
            pinned = ps is s and (ks is s or (named is not None and k is named[1]))
            iv = ratio_interval(interval_of(ctx, k.claim), interval_of(ctx, q.claim))
            nominal = k.claim.normalized_value * base / q.claim.normalized_value if q.claim.normalized_value else None
            expected = show(nominal, max(c.precision + 1, 2), c.unit)
            readings.append(Reading((claim_operand(k.claim), claim_operand(q.claim)),
                                    iv.scaled(base) if iv is not None else None, pinned, expected,
                                    f"{stated_text(k.claim)}/{stated_text(q.claim)}×{base}={expected}"))
    # the count its words name first: that is the reading a failure shows
    readings.sort(key=lambda r: (not r.pinned, named is None or r.operands[0].figure is not named[1].claim))
    return judge_readings(ctx, RULE, s, c, readings, "在同句或相邻句中未找到数量和人口数")


def named_count(ctx: CheckContext, s: Sentence, stated: Placed, index: int,
                near: list[tuple[Sentence, Placed]]) -> Optional[tuple[Sentence, Placed]]:
    """The count a figure per thousand people names by its words after the
    cue (每万人法律援助案件 -> 法律援助案件; failing that, a term of its end,
    床位): among the counts of its unit of this year (not of the year
    before, 上年办理…1,052件; not the start of a change, 由1,860张; no
    qualifier, 1,100件以上), those whose words hold the whole subject, else a
    term of it; nearby first, else anywhere in the text. The one count
    they state (a value stated again), or None."""
    c = stated.claim
    words = clause_words(ctx, stated)
    cue = ctx.book.per_base_cues[index].search(words)
    subject = "".join(ch for ch in words[cue.end():] if ch.isalnum()) if cue is not None else ""
    head = head_terms(subject)
    return named_figure(ctx, near, subject, head, lambda _, k: k is not stated and per_base_rule(ctx, k) is None
                        and k.claim.normalized_unit == c.normalized_unit)


def check_per_base(ctx: CheckContext) -> list[CheckResult]:
    """One result per stated count per thousand (ten thousand) people."""
    return ctx.judge_claims(per_base_rule, judge_per_base)
