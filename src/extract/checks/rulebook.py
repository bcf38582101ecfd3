"""The rule book of the checks: rules/checks.yaml as a validated model.

:func:`load_rulebook` takes a rule folder (or None for the default) and
returns a :class:`Rulebook`: the validated :class:`CheckRules` plus what is
derived from them once (compiled regular expressions, the tolerance
qualifiers, the grade scale). Loading is cached per file version, so a run
of checks compiles nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Callable, Literal, Optional, Sequence, Union

from ..model import DocumentType
from ..ruleset import RuleSet, RulesLike
from ..numerals import ChineseNumerals, numerals_of
from ..quantities import resolve_unit
from ..rulefiles.glossary import QualifierDirections
from .tolerance import Qualifiers
from ..rulefiles.meta import GradeBand
from ..rulefiles.checks import (BreakdownRules, CheckRules, Composition, ConsistencyRules,
                                CountRules, DateRules, DifferenceRule, DocumentTypeScope,
                                GrowthRules, OperandRules, RULE_IDS, RateRule, Severity,
                                TableRateRules, TableTotalRules, TargetRules, ToleranceRules,
                                YearRules)


def rule_for(rules: Sequence[Union["RateRule", "DifferenceRule"]], text: str) -> Optional[int]:
    """Index of the first rule with one of its ``words`` in ``text``."""
    if isinstance(rules, list):  # the rules' own list: its words compiled once
        return first_with_word(rules, text, "words")
    for i, rule in enumerate(rules):
        if any(w in text for w in rule.words):
            return i
    return None


_WORD_LISTS: dict[tuple[int, str], tuple[object, re.Pattern, list[re.Pattern]]] = {}


def first_with_word(rules: list, text: str, field: str) -> Optional[int]:
    """Index of the first of ``rules`` (a list of the rules, each with a
    list of words named ``field``) with one of
    its words in ``text``, as ``any(w in text for w in rule.<field>)``
    rule by rule finds it: one search for all their words first (most
    texts hold none), then one per rule. Compiled once per list."""
    got = _WORD_LISTS.get((id(rules), field))
    if got is None or got[0] is not rules:
        lists = [getattr(r, field) for r in rules]
        every = [w for words in lists for w in words]
        got = _WORD_LISTS[(id(rules), field)] = (rules, _alternation(every), [_alternation(ws) for ws in lists])
    _, every, each = got
    if every.search(text) is None:
        return None
    for i, rx in enumerate(each):
        if rx.search(text):
            return i
    return None


def _alternation(words: list[str]) -> re.Pattern:
    """A regex matching any of ``words``, longest first; never matches if empty."""
    if not words:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@dataclass(frozen=True)
class Rulebook:
    """Validated rules plus what the checks derive from them once."""

    rules: CheckRules
    qualifiers: Qualifiers
    grade_scale: tuple[GradeBand, ...]
    not_part: re.Pattern
    # a period word right before the figure (租金每月 5 万元): rules ``breakdowns.per_period_words``
    per_period_rate: re.Pattern
    breakdown_cue: re.Pattern
    breakdown_rest_after: Optional[re.Pattern]
    breakdown_open_after: Optional[re.Pattern]
    restated_year_metric: Optional[re.Pattern]
    restated_across: Optional[re.Pattern]
    restated_year_not: Optional[re.Pattern]
    restated_year_cutoff: Optional[re.Pattern]
    composition_cue: Optional[re.Pattern]
    counted_after: Optional[re.Pattern]
    lead_cue: Optional[re.Pattern]
    lead_pin: Optional[re.Pattern]
    counted_before: Optional[re.Pattern]
    composed_before: Optional[re.Pattern]
    back_total: Optional[re.Pattern]
    item_mark: Optional[re.Pattern]
    item_number: Optional[re.Pattern]
    year_span: re.Pattern
    gap_year: re.Pattern
    year_cue: re.Pattern
    # a comparative word ending an amount's words (比上年多支出, 少): group
    # ``down`` for a fall, ``up`` for a rise
    comparative_change: re.Pattern
    # the year before had none (上年该项支出为0): rules growth.zero_base
    zero_base: Optional[re.Pattern]
    # the period words (上年, 本年 …) and same-scope words (同口径) dropped from
    # a metric name when two years' figures are compared, and the names of the
    # year's spending so dropped (letters only)
    period_words: re.Pattern
    spending_names: frozenset[str]
    item_heading: Optional[re.Pattern]
    scope_words: re.Pattern
    metric_suffix: re.Pattern
    relation_words: re.Pattern
    rate_numerators: tuple[Optional[re.Pattern], ...]
    rate_denominators: tuple[Optional[re.Pattern], ...]
    rate_named_denominators: tuple[Optional[re.Pattern], ...]
    difference_minuends: tuple[Optional[re.Pattern], ...]
    difference_minuends_after: tuple[Optional[re.Pattern], ...]
    difference_subtrahends: tuple[Optional[re.Pattern], ...]
    difference_not_words: tuple[Optional[re.Pattern], ...]
    difference_needs_words: tuple[Optional[re.Pattern], ...]
    difference_subtrahend_not: tuple[Optional[re.Pattern], ...]
    difference_openings: tuple[Optional[re.Pattern], ...]
    difference_item: Optional[re.Pattern]
    difference_scope: Optional[re.Pattern]
    difference_budget_added: Optional[re.Pattern]
    difference_part: Optional[re.Pattern]
    # words without their cut-offs at the year's end (截至12月31日): the report's own period
    year_end_cutoff: Optional[Callable[[str], str]]
    target_shortfall: re.Pattern
    target_excess: re.Pattern
    target_comparand: re.Pattern
    target_shortfall_after: re.Pattern
    target_excess_after: re.Pattern
    target_named: re.Pattern
    share_cue: Optional[re.Pattern]
    target_share_cue: Optional[re.Pattern]
    per_base_cues: tuple[re.Pattern, ...]
    count_then_list: re.Pattern
    list_then_count: re.Pattern
    closed_list_count: re.Pattern
    # a stated unit (万元, 万亩) -> (class, normalized unit, factor) in the
    # rule set's units.yaml, or None: the factor of a figure whose value is 0
    units: Callable[[str], Optional[tuple[str, str, Decimal]]]

    def severity(self, rule: str) -> Severity:
        return self.rules.severity[rule]

    def enabled(self, rule: str) -> bool:
        return rule in self.rules.severity and rule not in self.rules.disabled

    def applies(self, rule: str, document_type: Optional[str]) -> bool:
        """Whether ``rule`` runs on a document of ``document_type`` (an
        unknown type: every rule runs)."""
        if document_type is None:
            return True
        scope = self.rules.document_types
        return document_type in scope.rules.get(rule, scope.default)


def _relation_words(rules: CheckRules) -> list[str]:
    """Growth and rate words: they name a relation, not a metric."""
    g = rules.growth
    words = g.average + g.average_decline + g.year_on_year + g.year_on_year_decline
    words = words + g.increase_words + g.decrease_words
    return words + [w for r in rules.rates for w in r.words]


def _count_pattern(numerals: ChineseNumerals) -> str:
    """A count of at most three digits or four Chinese numerals (the digits
    1-9 and the powers 十 and 百 of units.yaml: 九, 十二, 一百二十)."""
    chars = sorted({c for c, v in numerals.digits.items() if v > 0}
                   | {c for c, v in numerals.powers.items() if v <= 100})
    cls = re.escape("".join(chars))
    return rf"(?<![第\d{cls}])(?P<num>\d{{1,3}}|[{cls}]{{1,4}})\s*"


def _leading_count(count: str, not_before: str = "") -> str:
    """:func:`_count_pattern`'s ``count`` (of ``numerals``), not after any of
    the characters ``not_before`` either, written to open with the class of
    its first character, so that the regex engine skips to the places
    holding a digit or a numeral instead of trying the lookbehinds at every
    character (a pattern opening with a lookbehind has no such prefix; issue
    14). It matches where, and what, ``(?<![not_before])`` + ``count``
    matches (tests/test_check_cost.py holds the two against each other)."""
    m = re.fullmatch(r"\(\?<!\[第\\d(?P<cls>.+)\]\)\(\?P<num>\\d\{1,3\}\|\[(?P=cls)\]\{1,4\}\)\\s\*", count)
    assert m is not None, count
    cls = m.group("cls")
    # the character before the count, looked at from its first character
    before = f"(?<![{not_before}第\\d{cls}].)"
    return rf"(?P<num>[\d{cls}]{before}(?:(?<=\d)\d{{0,2}}|(?<=[{cls}])[{cls}]{{0,3}}))\s*"


def _count_then_list(c: CountRules, count: str) -> re.Pattern:
    """下设九个二级项目，包括 A、B 和 C: count, noun, list cue, list; or the
    list in a bracket right after the noun (分为四块（A、B、C、D）: group
    ``bracket``, the list read to its closing bracket by the check)."""
    mw = "|".join(re.escape(w) for w in sorted(c.measure_words, key=len, reverse=True))
    cues = "|".join(re.escape(w) for w in sorted(c.list_cues, key=len, reverse=True))
    # a short bracket of one name right after the noun is its gloss, not
    # the list (三个乡镇（苏木），分别为A、B、C)
    gloss = r"(?:[（(][^（）()、，,。；;：:]{1,8}[)）])?"
    return re.compile(_leading_count(count) + rf"(?P<mw>{mw})(?P<noun>[^，,。；;：:、“”\"]{{0,{c.max_noun_chars}}}?)"
                      rf"(?:{gloss}[，,：:]?\s*(?:{cues})[：:]?|{gloss}[：:]|(?P<bracket>[（(]))(?P<list>[^。；;，,：:]+)")


def _list_then_count(c: CountRules, count: str) -> re.Pattern:
    """台山、开平、鹤山、恩平等 4 个县市: 等, then the count (the list is the
    clause before 等, cut by the check)."""
    mw = "|".join(re.escape(w) for w in sorted(c.measure_words, key=len, reverse=True))
    return re.compile(r"等\s*" + count + rf"(?P<mw>{mw})(?P<noun>[^\d，,。；;：:、与和及]{{0,8}})")


def _closed_list_count(c: CountRules, count: str) -> re.Pattern:
    """县就业服务中心、县社会保险中心、县劳动监察大队 3 个事业单位: the list
    right before the count, no 等 (the list cut from its clause by the check)."""
    mw = "|".join(re.escape(w) for w in sorted(c.measure_words, key=len, reverse=True))
    return re.compile(_leading_count(count, r"等\s") + rf"(?P<mw>{mw})(?P<noun>[^\d，,。；;：:、与和及]{{0,8}})")


def _comparative_change(g: GrowthRules) -> re.Pattern:
    """A comparative word of ``g`` ending a figure's words (perhaps with
    one of ``comparative_verbs`` and 了: 多受理, 多出了), not after a
    character of ``comparative_not_after``."""
    not_after = f"(?<![{re.escape(g.comparative_not_after)}])" if g.comparative_not_after else ""
    return re.compile(f"{not_after}(?:(?P<down>{_alternation(g.comparative_decrease_words).pattern})"
                      f"|(?P<up>{_alternation(g.comparative_increase_words).pattern}))"
                      f"(?:{_alternation(g.comparative_verbs).pattern})?了?\\s*$")


def _period_words(rules: CheckRules) -> re.Pattern:
    """The period and same-scope words of growth (上年, 本年, 同口径 …)."""
    g = rules.growth
    return _alternation(g.previous_year_words + rules.consistency.report_period_words + g.same_scope_words)


def _compiled(pattern: Optional[str]) -> Optional[re.Pattern]:
    return re.compile(pattern) if pattern else None


def _build(rules: CheckRules, scale: tuple[GradeBand, ...], directions: QualifierDirections,
           numerals: ChineseNumerals, rule_set: RuleSet) -> Rulebook:
    t = rules.tolerance
    count = _count_pattern(numerals)
    b = rules.breakdowns
    return Rulebook(
        rules=rules,
        qualifiers=Qualifiers(frozenset(directions.at_least), frozenset(directions.at_most),
                              frozenset(directions.approximate), t.approximate_relative),
        grade_scale=tuple(rules.grade_scale) if rules.grade_scale else scale,
        not_part=_alternation(b.not_part_words + b.per_unit_words),
        per_period_rate=re.compile(f"(?:{_alternation(b.per_period_words).pattern})[为按约均计]?\\s*$"),
        breakdown_cue=_alternation(b.cues),
        breakdown_rest_after=_compiled(b.rest_after),
        breakdown_open_after=_compiled(b.open_after),
        restated_year_metric=_compiled(rules.years.restated_metric),
        restated_across=_compiled(rules.consistency.restated_across),
        restated_year_not=_compiled(rules.years.restated_not),
        restated_year_cutoff=_compiled(rules.years.restated_cutoff),
        composition_cue=_compiled(b.composition_cue),
        counted_after=_compiled(b.counted_after),
        lead_cue=_compiled(b.lead_cue),
        lead_pin=_compiled(b.lead_pin),
        counted_before=_compiled(b.counted_before),
        composed_before=_compiled(b.composed_before),
        back_total=_compiled(b.back_total),
        item_mark=_compiled(b.item_mark),
        item_number=_compiled(b.item_number),
        year_span=re.compile(rules.growth.year_span),
        gap_year=re.compile(rules.growth.gap_year),
        year_cue=re.compile(rules.growth.year_cue),
        comparative_change=_comparative_change(rules.growth),
        zero_base=_compiled(rules.growth.zero_base),
        period_words=_period_words(rules),
        spending_names=frozenset("".join(ch for ch in _period_words(rules).sub("", w) if ch.isalnum())
                                 for w in rules.growth.spending_names),
        item_heading=_compiled(rules.growth.item_heading),
        scope_words=_alternation(rules.consistency.scope_words),
        metric_suffix=re.compile(f"(?:{_alternation(rules.consistency.metric_suffixes).pattern})$"),
        relation_words=_alternation(_relation_words(rules)),
        rate_numerators=tuple(_compiled(r.numerator) for r in rules.rates),
        rate_denominators=tuple(_compiled(r.denominator) for r in rules.rates),
        rate_named_denominators=tuple(_compiled(r.named_denominator) for r in rules.rates),
        difference_minuends=tuple(_compiled(d.minuend) for d in rules.differences),
        difference_minuends_after=tuple(_compiled(d.minuend_after) for d in rules.differences),
        difference_subtrahends=tuple(_compiled(d.subtrahend) for d in rules.differences),
        difference_not_words=tuple(_compiled(d.not_words) for d in rules.differences),
        difference_needs_words=tuple(_compiled(d.needs_words) for d in rules.differences),
        difference_subtrahend_not=tuple(_compiled(d.subtrahend_not) for d in rules.differences),
        difference_openings=tuple(_compiled(d.opening) for d in rules.differences),
        difference_item=_compiled(rules.difference_item),
        difference_scope=_compiled(rules.difference_scope),
        difference_budget_added=_compiled(rules.difference_budget_added),
        difference_part=_compiled(rules.difference_part),
        year_end_cutoff=_year_end_cutoff(rules.consistency),
        target_shortfall=re.compile(rules.target_gaps.shortfall),
        target_excess=re.compile(rules.target_gaps.excess),
        target_comparand=re.compile(rules.target_gaps.comparand),
        target_shortfall_after=re.compile(rules.target_gaps.shortfall_after),
        target_excess_after=re.compile(rules.target_gaps.excess_after),
        target_named=re.compile(rules.target_gaps.names_target),
        share_cue=_compiled(rules.operands.share_cue),
        target_share_cue=_compiled(rules.operands.target_share_cue),
        per_base_cues=tuple(re.compile(r.cue) for r in rules.per_base),
        count_then_list=_count_then_list(rules.counts, count),
        list_then_count=_list_then_count(rules.counts, count),
        closed_list_count=_closed_list_count(rules.counts, count),
        units=partial(resolve_unit, rules=rule_set),
    )


def _year_end_cutoff(rules) -> Optional[Callable[[str], str]]:
    """``words`` without its cut-offs at the year's end (consistency
    ``cutoff`` whose date matches ``cutoff_year_end``: 截至12月31日), which
    name the report's own period; None when the rules give neither."""
    if not rules.cutoff or not rules.cutoff_year_end:
        return None
    cutoff, end = re.compile(rules.cutoff), re.compile(rules.cutoff_year_end)

    def drop(words: str) -> str:
        return cutoff.sub(lambda m: "" if end.search(m.group("date").replace(" ", "")) else m.group(0), words)

    return drop


def load_rulebook(rules: RulesLike = None) -> Rulebook:
    """The rule book of a rule set (default: the rules shipped with the
    package): checks.yaml, with the grade scale of meta.yaml unless
    checks.yaml sets its own; built once per rule set."""
    rs = RuleSet.of(rules)
    return rs.derived("rulebook", lambda: _build(rs.checks, tuple(rs.meta.grade_scale),
                                                 rs.glossary.qualifiers, numerals_of(rs), rs))
