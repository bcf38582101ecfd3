"""Targets: each indicator's actual against its target, and missed targets
against a top self-rating.

:func:`check_targets` takes the check context and returns one CheckResult
per indicator (rule ``target``) and, when the report rates itself at the
top grade (优/优秀) or its conclusion claims every target met and some
target was missed, one for the report (rule ``target_rating``) naming every
missed indicator, and one when spending is far below the budget
(rules ``targets.budget_execution_floor``) under that rating.

A missed target has one of three outcomes (:func:`judge_miss`), tried in
this order:

- claimed: the report claims it met. Its 得分 equals its 分值, a word such
  as 已完成 / 达到目标 stands beside it, or a sentence says every target was
  met. An error: this is what auditors look for.
- owned: the report owns the miss. A reduced 得分, or a reason in the
  form's 偏差原因 cell or in the text near a mention of the indicator (its
  name or its stated actual: "新增学位1,380个，…主要是用地手续调整"). Information,
  not a problem.
- unexplained: neither (no score column, no reason anywhere). A warning.

Severities are rule data (rules/checks.yaml ``targets``). A comparison the
table does not state but the indicator's category implies (a bare "100%"
under 预算执行 read as ≥100%) is at most a warning unless claimed: an honest
near miss of an inferred target is never an error. The top rating with a
missed target is an error only when the score does not reflect the miss
(some missed indicator has no 得分 below its 分值), else information.

The operator means what it says: ≥/以上 a floor, ≤/以下/上限 a ceiling, a
range both, = the stated value within its precision. A numeric actual is an
interval (:mod:`~extract.checks.tolerance`): a floor is missed only when the
whole interval lies below it (89.96% misses ≥90%; "90.0%" does not). Date
and text targets (2024年4月1日前, 按时完成) take the indicator reader's
verdict (``Indicator.met``), which knows deadlines and negative words.
Anything undecidable is skipped.
"""

from __future__ import annotations

import functools
import re
import weakref
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, Optional

from ..model import CheckResult, Indicator, Location, Section
from .context import CheckContext, make_result
from .figures import interval_of, stated_text, unit_factor
from .operands import budget_operand, counted_words, head_terms, names_head, same_place
from .quotes import join_places
from .screen import any_word
from .rulebook import Rulebook
from .tolerance import Interval

RULE = "target"
RATING_RULE = "target_rating"


def _meets(actual: Interval, operator: str, target: Decimal, upper: Optional[Decimal]) -> Optional[bool]:
    """Whether some value of ``actual`` satisfies ``operator target``."""
    if operator == ">=":
        return actual.hi >= target
    if operator == ">":
        return actual.hi > target
    if operator == "<=":
        return actual.lo <= target
    if operator == "<":
        return actual.lo < target
    if operator == "=":
        return actual.lo <= target <= actual.hi
    if operator == "range" and upper is not None:
        return actual.lo <= upper and actual.hi >= target
    return None


def _upper_normalized(ind: Indicator, book: Rulebook) -> Optional[Decimal]:
    q = ind.target.quantity
    if q is None or q.upper is None:
        return None
    return q.upper * unit_factor(q, book)  # 0-5万元: the upper bound in 元 too


def indicator_met(ctx: CheckContext, ind: Indicator) -> tuple[Optional[bool], str]:
    """(met, reason): True/False, or None with the reason it is unknown."""
    t = ind.target
    q, a = t.quantity, ind.actual
    if q is None or q.date is not None or q.unit_class == "date":
        verdict = ind.met
        return verdict, "" if verdict is not None else "目标或完成值无法比较"
    if a is None:
        return None, "未给出可比较的完成值"
    if t.operator is None:
        return None, "目标未写明比较方式（≥、≤ 或 =）"
    if a.normalized_unit != q.normalized_unit:
        return None, f"完成值单位（{a.unit or '无'}）与目标单位（{q.unit or '无'}）不同"
    target_value = q.normalized_value
    if t.operator == "=":
        # "=" holds within the target's own precision
        ti = interval_of(ctx, q, qualified=False)
        ai = interval_of(ctx, a)
        return ai.overlaps(ti), ""
    met = _meets(interval_of(ctx, a), t.operator, target_value, _upper_normalized(ind, ctx.book))
    return met, "" if met is not None else "目标的比较方式无法判断"


def _locations(ind: Indicator) -> list[Location]:
    locs = [ind.location]
    if ind.target.quantity is not None:
        locs.append(ind.target.quantity.location)
    if ind.actual is not None:
        locs.append(ind.actual.location)
    return locs


@functools.lru_cache(maxsize=8192)
def _squash(text: Optional[str]) -> str:
    return "".join((text or "").split())


@functools.lru_cache(maxsize=8192)
def _flat(sentence: str) -> str:
    """A sentence without white space or thousands separators; cached:
    every indicator is looked for in every sentence."""
    return _squash(sentence).replace(",", "")


# --------------------------------------------------------------------------
# What the report says about a miss


Outcome = Literal["claimed", "owned", "unexplained"]


@dataclass
class Miss:
    """A missed indicator and what the report says about it: ``outcome``,
    ``why`` (the evidence, in words for the message) and where that
    evidence stands."""

    indicator: Indicator
    outcome: Outcome
    why: str
    evidence: list[Location] = field(default_factory=list)

    @property
    def reduced_score(self) -> bool:
        return score_reduced(self.indicator) is True


def score_reduced(ind: Indicator) -> Optional[bool]:
    """True when the indicator's 得分 is below its 分值, False when it is
    the full 分值 (or more), None when the form gives no pair."""
    if ind.score is None or ind.weight is None:
        return None
    return ind.score < ind.weight


def _negated(text: str, ctx: CheckContext) -> bool:
    return any(w in text for w in ctx.rules.indicators.negative)


def claimed_word(ind: Indicator, ctx: CheckContext) -> Optional[str]:
    """A word beside the indicator (its 完成值 or 偏差原因 cell) that claims
    it met (已完成, 按期完成, 达到目标), unless the cell negates it."""
    for cell in (ind.actual_text, ind.deviation_reason, _rest_of_sentence(ind, ctx)):
        text = _squash(cell)
        if not text or _negated(text, ctx):
            continue
        for word in ctx.book.rules.targets.claimed_words:
            if any(_target_share(ctx, text[at + len(word):]) is None
                   for at in _occurrences(text, word)):
                return word
    return None


def _occurrences(text: str, word: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(word), text)]


def _target_share(ctx: CheckContext, after: str) -> Optional[Decimal]:
    """The share of the target stated right after a claimed word (完成目标
    的72.0%: 72.0) when it is below 100 (the word then states how much of
    the target was reached, not that it was met); None otherwise (rules
    ``targets.target_share``)."""
    pattern = ctx.book.rules.targets.target_share
    m = re.match(pattern, after) if pattern else None
    if m is None:
        return None
    share = Decimal(m.group("share"))
    return share if share < 100 else None


def stated_share(ind: Indicator, ctx: CheckContext) -> Optional[str]:
    """A share of the target below 100% stated beside the indicator (its
    cells or the rest of its sentence: 完成目标的72.0%), the words that state
    it, or None: the report states the miss."""
    for cell in (ind.actual_text, ind.deviation_reason, _rest_of_sentence(ind, ctx)):
        text = _squash(cell)
        for word in ctx.book.rules.targets.claimed_words:
            for at in _occurrences(text, word):
                share = _target_share(ctx, text[at + len(word):])
                if share is not None:
                    return f"{word}的{share}%"
    return None


def stated_deduction(ind: Indicator, ctx: CheckContext) -> Optional[str]:
    """Where the report scores the indicator down in words: a deduction
    (rules ``targets.text_deduction``: 扣0.5分, 得分低于分值) or a score below
    its full mark (``targets.text_score_pairs``: 得7分（满分8分）) in its
    cells, in the rest of its sentence, or in a sentence naming it; the
    words, or None."""
    rules = ctx.book.rules.targets
    texts = [ind.actual_text, ind.deviation_reason, _rest_of_sentence(ind, ctx)]
    name = _squash(ind.name)
    if name:
        texts += [s.text for s in ctx.sentences if name in _squash(s.text)]
    for text in texts:
        found = _deduction_words(rules, _squash(text))
        if found is not None:
            return found
    return None


def _deduction_words(rules, text: str) -> Optional[str]:
    if not text:
        return None
    if rules.text_deduction:
        m = re.search(rules.text_deduction, text)
        if m is not None:
            return m.group(0)
    for pattern in rules.text_score_pairs:
        for m in re.finditer(pattern, text):
            if Decimal(m.group("score")) < Decimal(m.group("full")):
                return m.group(0)
    return None


def _rest_of_sentence(ind: Indicator, ctx: CheckContext) -> str:
    """For an indicator the running text states (table ``text``), the rest
    of its sentence after its actual, up to the next clause break or two
    ("目标96%，实际达到90%，已完成年度目标": the words that stand beside it
    as a form's 完成值 cell would); else ""."""
    if ind.table != "text" or ind.actual is None:
        return ""
    at = ind.actual.location
    for s in ctx.sentences:
        for p in s.placed:
            loc = p.claim.location
            if loc.start == at.start and loc.end == at.end and p.end >= 0:
                rest = s.text[p.end:]
                clauses = re.split(r"[，,；;]", rest)
                return "，".join(clauses[:3])
    return ""


def stated_reason(ind: Indicator, ctx: CheckContext) -> Optional[str]:
    """The 偏差原因 cell when it gives a reason: not blank, not a
    placeholder (—, /), not a word that says there is none (无)."""
    text = _squash(ind.deviation_reason)
    if not text or text in ctx.book.rules.targets.no_reason_words:
        return None
    if re.fullmatch(ctx.rules.tables.placeholder, text):
        return None
    return (ind.deviation_reason or "").strip()


def _needles(ind: Indicator) -> tuple[str, ...]:
    """What marks a text sentence (flattened: :func:`_flat`) as speaking
    of ``ind``: its name, or its stated actual figure (``1,380个``;
    thousands separators ignored; not a bare 0 or 100)."""
    name = _squash(ind.name)
    a = ind.actual
    if a is None or a.value in (0, 100):
        return (name,)
    stated = _squash(a.text).replace(",", "")
    if stated and any(ch.isdigit() for ch in stated):
        return (name, stated)
    return (name,)


def _sentence_location(ctx: CheckContext, section: Section, sentence: str) -> Location:
    """Where a sentence of ``section`` stands: the location of a text
    claim of that sentence, else the section's own."""
    for s in ctx.sentences_in(section.id):
        if s.placed and (sentence in s.text or s.text in sentence):
            return s.location
    return section.location


def reason_in_text(ind: Indicator, ctx: CheckContext) -> Optional[tuple[str, Location]]:
    """A sentence of the text that mentions ``ind`` and, in itself or the
    sentence after it, gives a reason or owns the miss (主要是, 由于,
    未达到目标): (the sentence, its location), or None."""
    needles = _needles(ind)  # once per indicator, not per sentence
    for section, sentence, flat in _reasoned_sentences(ctx):
        if any(needle in flat for needle in needles):
            return sentence, _sentence_location(ctx, section, sentence)
    return None


_REASONED: tuple[Optional[weakref.ref], list[tuple[Section, str, str]]] = (None, [])


def _reasoned_sentences(ctx: CheckContext) -> list[tuple[Section, str, str]]:
    """(section, sentence, :func:`_flat` sentence) of every sentence of the
    text that gives a reason in itself or in the sentence after it (rules
    ``targets.reason_words``), in text order: the only ones
    :func:`reason_in_text` can return, found once for the run of checks of
    ``ctx``, not once per missed indicator (a walk over every sentence of
    the report for each grew with the square of its length)."""
    global _REASONED
    ref, kept = _REASONED
    if ref is None or ref() is not ctx:
        reason = any_word(ctx.book.rules.targets.reason_words)
        kept = []
        for section in ctx.report.sections:
            if reason.search(section.body) is None:
                continue  # no reason word in the section: in none of its sentences
            sentences = ctx.section_sentences(section)
            # each sentence searched once (it is the sentence after the one before)
            gives = [reason.search(sentence) is not None for sentence in sentences] + [False]
            for i, sentence in enumerate(sentences):
                if gives[i] or gives[i + 1]:
                    kept.append((section, sentence, _flat(sentence)))
        _REASONED = (weakref.ref(ctx), kept)
    return kept


def all_met_claim(ctx: CheckContext) -> Optional[tuple[str, Location]]:
    """A sentence of the text saying every target was met (绩效目标均已完成),
    without an exception (除…外, 基本): (the sentence, its location)."""
    rules = ctx.book.rules.targets
    phrases, subjects, exceptions = (any_word(rules.all_met_phrases), any_word(rules.all_met_subjects),
                                     any_word(rules.all_met_exceptions))
    for section in ctx.prose_sections:  # the text before the first heading too
        if phrases.search(section.body) is None:
            continue  # its sentences are stretches of its text: none holds a phrase
        for sentence in ctx.section_sentences(section):
            if phrases.search(sentence) and subjects.search(sentence) and not exceptions.search(sentence):
                return sentence, _sentence_location(ctx, section, sentence)
    return None


def narrative_misses(ctx: CheckContext) -> list[CheckResult]:
    """Each sentence of the text claiming every target met (as
    :func:`all_met_claim` reads one) that states a planned figure and, after
    it, the actual one of its unit wholly below it (计划完成改造 30 公里，实际
    完成 28 公里，全面完成年度目标任务): a miss claimed as met."""
    rules = ctx.book.rules.targets
    if not rules.plan_words or not rules.actual_words:
        return []
    phrases = any_word(rules.all_met_phrases)
    subjects, exceptions = any_word(rules.all_met_subjects), any_word(rules.all_met_exceptions)
    plan, actual = any_word(rules.plan_words), any_word(rules.actual_words)
    out: list[CheckResult] = []

    def claim_of(text: str) -> Optional[str]:
        m = phrases.search(text)
        return m.group(0) if m and subjects.search(text) and not exceptions.search(text) else None

    for s in ctx.sentences:
        if len(s.placed) < 2 or plan.search(s.text) is None:
            continue  # (most sentences state no plan)
        figures = [p for p in s.placed if p.claim.unit_class in rules.narrative_unit_classes]
        for k, planned in enumerate(figures):
            if plan.search(planned.claim.metric_text) is None:
                continue
            done = next((p for p in figures[k + 1:] if p.claim.normalized_unit == planned.claim.normalized_unit
                         and p.claim.unit_class == planned.claim.unit_class
                         and actual.search(p.claim.metric_text) and not plan.search(p.claim.metric_text)), None)
            if done is None:
                continue
            if not _same_counted(s, planned, done, (plan, actual)):
                break  # 覆盖5个乡镇 / 完成示范村建设3个: two things of one unit
            if interval_of(ctx, done.claim).hi < interval_of(ctx, planned.claim).lo:
                claim, where = claim_of(s.text), "同句"
                if claim is None:
                    claim, where = claim_of(_sentence_after(ctx, s)), "下一句"
                if claim is None:
                    break
                out.append(make_result(
                    ctx, RULE, "narrative", "fail",
                    f"文中计划 {stated_text(planned.claim)}，实际完成 {stated_text(done.claim)}，未达计划，"
                    f"但{where}称“{claim}”",
                    expected=f"≥{stated_text(planned.claim)}", stated=stated_text(done.claim),
                    quote=ctx.quote_sentence(s), locations=[done.claim.location, planned.claim.location]))
            break
    return out


def _same_counted(s, planned, done, cues: tuple[re.Pattern, re.Pattern]) -> bool:
    """Whether a plan and an actual figure count one thing: unless each names
    a thing (the words right after its figure, else its own words without the
    plan/actual words, three letters at least: 乡镇 / 示范村建设; not 建成) whose
    terms (:func:`head_terms`) the other's words (:func:`counted_words`) lack."""
    def thing(p) -> tuple[str, ...]:
        after = "".join(ch for ch in s.after(p, 12) if ch.isalpha())
        if len(after) >= 2:
            return head_terms(after)
        own = "".join(ch for ch in cues[1].sub("", cues[0].sub("", p.claim.metric_text)) if ch.isalpha())
        return head_terms(own) if len(own) >= 3 else ()

    mine, theirs = thing(planned), thing(done)
    return not mine or not theirs or names_head(mine, counted_words(s, done)) \
        or names_head(theirs, counted_words(s, planned))


def _sentence_after(ctx: CheckContext, s) -> str:
    """The sentence of the text right after ``s`` in its section ('' at its end)."""
    section = ctx.sections.get(s.section) if s.section is not None else ctx.preamble
    if section is None:
        return ""
    texts = ctx.section_sentences(section)
    at = next((k for k, t in enumerate(texts) if t == s.text.strip()), None)
    return texts[at + 1] if at is not None and at + 1 < len(texts) else ""


def _not_covered(ctx: CheckContext, ind: Indicator) -> bool:
    """Whether a claim that every indicator was met leaves ``ind`` out: a
    row of the budget's execution (rules ``all_met_not_indicators``, the
    whole name), not a 绩效指标."""
    words = ctx.book.rules.targets.all_met_not_indicators
    return bool(words) and "".join((ind.name or "").split()) in words


def judge_miss(ctx: CheckContext, ind: Indicator,
               all_met: Optional[tuple[str, Location]]) -> Miss:
    """The outcome of a missed indicator: claimed, owned or unexplained
    (see the module docstring), with its evidence."""
    reduced = score_reduced(ind)
    if reduced is False:
        return Miss(ind, "claimed", f"但得分 {ind.score} 为满分（分值 {ind.weight}）")
    word = claimed_word(ind, ctx)
    if word is not None:
        return Miss(ind, "claimed", f"但报告称“{word}”")
    if all_met is not None and not (reduced and _not_covered(ctx, ind)):
        return Miss(ind, "claimed", f"但报告称“{all_met[0]}”", [all_met[1]])
    if reduced:
        return Miss(ind, "owned", f"得分 {ind.score} 低于分值 {ind.weight}，已如实扣分")
    deduction = stated_deduction(ind, ctx)
    if deduction is not None:
        return Miss(ind, "owned", f"报告已扣分（“{deduction}”）")
    share = stated_share(ind, ctx)
    if share is not None:
        return Miss(ind, "owned", f"报告已说明仅“{share}”")
    reason = stated_reason(ind, ctx)
    if reason is not None:
        return Miss(ind, "owned", f"偏差原因：{reason}")
    in_text = reason_in_text(ind, ctx)
    if in_text is not None:
        return Miss(ind, "owned", f"正文已说明：{in_text[0]}", [in_text[1]])
    return Miss(ind, "unexplained", "报告未扣分，也未说明原因")


_RANK = {"info": 0, "warning": 1, "error": 2}


def miss_severity(ctx: CheckContext, miss: Miss) -> str:
    """The severity of a missed target's finding: by outcome, an inferred
    comparison capped unless the report claims it met."""
    rules = ctx.book.rules.targets
    severity = {"claimed": ctx.book.severity(RULE), "owned": rules.owned_severity,
                "unexplained": rules.unexplained_severity}[miss.outcome]
    if (miss.outcome != "claimed" and miss.indicator.target.inferred_operator
            and _RANK[severity] > _RANK[rules.inferred_severity]):
        severity = rules.inferred_severity
    return severity


def _with_severity(result: CheckResult, severity: str) -> CheckResult:
    return result.model_copy(update={"severity": severity})


# --------------------------------------------------------------------------
# Checks


def judge_indicator(ctx: CheckContext, ind: Indicator) -> tuple[CheckResult, Optional[bool]]:
    """The target finding of one indicator (pass, or skipped with the
    reason) and whether it met; a miss is finished by :func:`miss_result`."""
    met, reason = indicator_met(ctx, ind)
    target = ind.target.text
    actual = ind.actual_text or (stated_text(ind.actual) if ind.actual else "")
    inferred = "（比较方式按指标类别推定）" if ind.target.inferred_operator else ""
    if met is None:
        return make_result(ctx, RULE, "target", "skipped",
                           f"指标“{ind.name}”：{reason}，无法判断是否完成",
                           expected=target, stated=actual, quote=ctx.quote_indicator(ind),
                           locations=_locations(ind)), None
    verdict = "已完成" if met else "未完成"
    return make_result(ctx, RULE, "target", "pass" if met else "fail",
                       f"指标“{ind.name}”{verdict}：目标 {target}，完成 {actual}{inferred}",
                       expected=target, stated=actual, quote=ctx.quote_indicator(ind),
                       locations=_locations(ind)), met


def miss_result(ctx: CheckContext, failed: CheckResult, miss: Miss) -> CheckResult:
    """The failed target finding of a miss, with its outcome in the message
    and the severity that outcome has."""
    message = f"{failed.message}，{miss.why}"
    return _with_severity(failed.model_copy(update={
        "message": message, "locations": failed.locations + [
            loc for loc in miss.evidence if loc not in failed.locations]}), miss_severity(ctx, miss))


def top_rating(ctx: CheckContext) -> Optional[tuple[str, list[Location]]]:
    """The top self-rating or all-met claim of the report, with where it is
    stated; None if the report makes neither."""
    meta = ctx.report.meta
    rules = ctx.book.rules.targets
    if meta.grade and meta.grade in rules.top_grades:
        locs = [meta.locations[k] for k in ("grade", "self_score") if k in meta.locations]
        return f"自评为“{meta.grade}”", locs
    for s in ctx.report.sections:
        if not any(w in s.title for w in rules.conclusion_titles):
            continue
        for phrase in rules.all_met_phrases:
            if phrase in s.body:
                return f"结论称“{phrase}”", [s.location]
    return None


def _full_self_score(ctx: CheckContext) -> Decimal:
    """The full score of the report: the sum of the 分值 when every
    indicator states one and they reach 100, else 100."""
    weights = [i.weight for i in ctx.report.indicators]
    if weights and all(w is not None for w in weights):
        total = sum(weights, Decimal(0))  # type: ignore[arg-type]
        if total >= 100:
            return total
    return Decimal(100)


def reflected(ctx: CheckContext, miss: Miss) -> bool:
    """Whether the self-score reflects a miss: the indicator lost points;
    or, where the form scores no indicator, the report owns the miss and
    rates itself below the full score."""
    if miss.reduced_score or stated_deduction(miss.indicator, ctx) is not None:
        return True
    meta = ctx.report.meta
    return (miss.outcome == "owned" and score_reduced(miss.indicator) is None
            and meta.self_score is not None and meta.self_score < _full_self_score(ctx))


def rating_result(ctx: CheckContext, misses: list[Miss],
                  rating: tuple[str, list[Location]]) -> CheckResult:
    """One finding for the report: the top rating against every missed
    indicator; of the rule's severity when some miss is not reflected in
    the score (at most ``inferred_severity`` when each of those is an
    inferred comparison the report does not claim), else of
    ``reflected_rating_severity``."""
    claim, rating_locs = rating
    rules = ctx.book.rules.targets
    unreflected = [m for m in misses if not reflected(ctx, m)]
    named = "、".join(f"“{m.indicator.name}”（目标 {m.indicator.target.text}，完成 {m.indicator.actual_text}）"
                      for m in misses)
    locs = [loc for m in misses for loc in _locations(m.indicator)] + rating_locs
    stated = "；".join(f"{m.indicator.name} {m.indicator.actual_text}" for m in misses) + f"，{claim}"
    first = misses[0].indicator
    if unreflected:
        names = "、".join(f"“{m.indicator.name}”" for m in unreflected)
        which = "" if len(unreflected) == len(misses) else f"其中{names}"
        message = f"指标{named}未完成，但报告{claim}，{which}未见扣分"
        severity = ctx.book.severity(RATING_RULE)
        if all(m.indicator.target.inferred_operator and m.outcome != "claimed" for m in unreflected) \
                and _RANK[severity] > _RANK[rules.inferred_severity]:
            severity = rules.inferred_severity
    else:
        message = f"指标{named}未完成，报告{claim}，各项均已如实扣分"
        severity = rules.reflected_rating_severity
    result = make_result(ctx, RATING_RULE, "target", "fail", message,
                         expected=first.target.text, stated=stated, quote=ctx.quote_indicator(first), locations=locs)
    return _with_severity(result, severity)


def budget_execution(ctx: CheckContext) -> Optional[tuple[Decimal, str, list[Location]]]:
    """The report's budget execution rate in percent, how it is computed and
    where its figures stand: 执行数 over 调整后预算 (else 年初预算), or, when
    the budget facts hold no budget, over the one figure of 执行数's unit in
    its sentence whose words name a budget (the budget rate rule's
    denominator: 预算数为20.00万元，决算数为6.00万元); the stated rate when the
    report states one. The two stand together (one paragraph or table
    row); None without both."""
    budget = ctx.report.budget
    if budget.rate is not None and budget.rate.quantity.unit == "%":
        q = budget.rate.quantity
        return q.value, f"报告所述 {stated_text(q)}", [q.location]
    executed = budget.executed
    if executed is None:
        return None
    spent = executed.quantity
    whole = None
    for role, name in (("adjusted", "调整后预算"), ("initial", "年初预算")):
        base = budget_operand(ctx, role, name)
        spent_op = budget_operand(ctx, "executed", "执行数")
        if base is not None and spent_op is not None and same_place(base, spent_op):
            whole = base.figure
            break
    if whole is None and budget.adjusted is None and budget.initial is None:
        hit = ctx.placed_at(executed.location)
        index = next((i for i, r in enumerate(ctx.book.rules.rates) if r.budget), None)
        words = ctx.book.rate_denominators[index] if index is not None else None
        if hit is None or words is None:
            return None
        found = [p.claim for p in hit[0].placed if p.claim is not hit[1].claim
                 and p.claim.normalized_unit == spent.normalized_unit and words.search(p.claim.metric_text)]
        if len(found) != 1:
            return None
        whole = found[0]
    if whole is None or not whole.normalized_value or over_years(ctx, whole.location):
        return None
    rate = spent.normalized_value * 100 / whole.normalized_value
    return rate, f"{stated_text(spent)}/{stated_text(whole)}", [spent.location, whole.location]


def over_years(ctx: CheckContext, location: Location) -> bool:
    """Whether the text budget figure at ``location`` is the money of
    several years, not the year's: its words name the whole project
    (rules ``targets.whole_project_words``: 项目总投资) or its sentence states
    a span of years (建设期为2023年至2026年)."""
    hit = ctx.placed_at(location)
    if hit is None:
        return False
    sentence, placed = hit
    if any(w in placed.claim.metric_text for w in ctx.book.rules.targets.whole_project_words):
        return True
    return any(int(m.group("last")) > int(m.group("first")) for m in ctx.book.year_span.finditer(sentence.text))


def _quote_place(ctx: CheckContext, location: Location) -> Optional[str]:
    """The source of a figure's sentence, or of its table row."""
    return ctx.quote_row(location) if location.cell is not None else ctx.quote_at(location)


def execution_result(ctx: CheckContext, rating: tuple[str, list[Location]]) -> Optional[CheckResult]:
    """Spending far below the budget (rules ``targets.budget_execution_floor``)
    under a top rating: a target_rating finding of at most
    ``inferred_severity`` (the report states no such indicator)."""
    floor = ctx.book.rules.targets.budget_execution_floor
    found = budget_execution(ctx) if floor is not None else None
    if found is None or found[0] >= floor:
        return None
    rate, how, locs = found
    shown = f"{rate.quantize(Decimal('0.01'))}%"
    result = make_result(ctx, RATING_RULE, "target", "fail",
                         f"预算执行率 {shown}（{how}）远低于 {floor}%，但报告{rating[0]}",
                         expected=f"≥{floor}%", stated=f"{shown}，{rating[0]}",
                         quote=join_places(_quote_place(ctx, loc) for loc in locs + rating[1]),
                         locations=locs + rating[1])
    severity = ctx.book.severity(RATING_RULE)
    if _RANK[severity] > _RANK[ctx.book.rules.targets.inferred_severity]:
        severity = ctx.book.rules.targets.inferred_severity
    return _with_severity(result, severity)


def check_targets(ctx: CheckContext) -> list[CheckResult]:
    """Each indicator against its target, a miss judged by what the report
    says about it; the missed ones, together, against a top rating."""
    out: list[CheckResult] = []
    misses: list[Miss] = []
    all_met = all_met_claim(ctx)
    for ind in ctx.report.indicators:
        result, met = judge_indicator(ctx, ind)
        if met is False:
            miss = judge_miss(ctx, ind, all_met)
            misses.append(miss)
            result = miss_result(ctx, result, miss)
        out.append(result)
    out += narrative_misses(ctx)
    if not ctx.book.enabled(RATING_RULE):
        return out
    rating = top_rating(ctx)
    if rating is None:
        return out
    execution = execution_result(ctx, rating)
    if execution is not None:
        out.append(execution)
    if misses:
        out.append(rating_result(ctx, misses, rating))
    elif ctx.report.indicators and execution is None:
        out.append(make_result(ctx, RATING_RULE, "target", "pass",
                               f"可核对的指标均已完成，与报告{rating[0]}一致",
                               stated=rating[0], locations=rating[1]))
    return out
