"""One problem, one finding: failed results that report the same figure for
the same reason are merged.

:func:`merge_findings` takes the results of a run of checks and returns
them with every group of failed results that share

- the rule (the same reason: ``count_in_words``, not ``target`` beside
  ``target_rating``),
- the figure stated (``stated``: ``九个``), and
- the place it is stated (the first location: the figure itself),

replaced, where the first of them stood, by one result: the messages joined
by "；", the expected values and the quotes of each (once), every location.
``下设九个二级项目`` against the 11 names listed and against the 10 rows of
表1 is one finding naming both. Passed and skipped results are never
merged; neither are failures at two places, of two figures, or of two rules,

except where two rules check one relation: failed results of the same kind
(``rate``), stating the same figure, over the same figures at the same places
(the stated one and its operands, at least two: 执行率 95.00% of 全年执行数
450.00 / 全年预算数 500.00, found by the table rate check and by rule
``form``) are one finding: that of the rule that read the figures as a
record (:data:`RECORD_RULES`: the national form, its columns read by their
meaning), else the first, with every quote and location of the others (the
messages say the same; one's words are kept), where the first stood.
"""

from __future__ import annotations

from typing import Optional

from ..model import CheckResult, Location
from .quotes import join_places

#: Rules that read a relation's figures as a record (the form's 执行率,
#: 全年执行数, 全年预算数 by column): their finding stands for one relation
#: that other rules found too.
RECORD_RULES = ("form",)
REASON_SEPARATOR = "；"
VALUE_SEPARATOR = " / "


def finding_key(result: CheckResult) -> Optional[tuple]:
    """What makes two failed results one problem; None for a result that
    is not merged (not failed, or without a stated figure or a place)."""
    if result.status != "fail" or not result.stated or not result.locations:
        return None
    first = result.locations[0]
    return result.rule, result.stated, first.start, first.end


def relation_key(result: CheckResult) -> Optional[tuple]:
    """What makes failed results of two rules one problem (one relation on
    the same figures); None for a result that is not merged so."""
    if result.status != "fail" or not result.stated or len(result.locations) < 2:
        return None
    places = frozenset((loc.start, loc.end) for loc in result.locations)
    return result.kind, result.stated, places


def _union(groups: list[list[Location]]) -> list[Location]:
    seen: set[tuple[int, int]] = set()
    out: list[Location] = []
    for locations in groups:
        for loc in locations:
            if (loc.start, loc.end) not in seen:
                seen.add((loc.start, loc.end))
                out.append(loc)
    return out


def merged(results: list[CheckResult]) -> CheckResult:
    """One finding for failed ``results`` of one problem (see module doc)."""
    if len(results) == 1:
        return results[0]
    first = results[0]
    return first.model_copy(update={
        "message": REASON_SEPARATOR.join(dict.fromkeys(r.message for r in results)),
        "expected": join_places((r.expected for r in results), VALUE_SEPARATOR),
        "quote": join_places(r.quote for r in results),
        "locations": _union([r.locations for r in results]),
    })


def one_relation(results: list[CheckResult]) -> CheckResult:
    """One finding for failed ``results`` of rules that checked one relation
    on the same figures: that of a :data:`RECORD_RULES` rule (else the
    first), with every quote and location."""
    if len(results) == 1:
        return results[0]
    kept = next((r for r in results if r.rule in RECORD_RULES), results[0])
    ordered = [kept] + [r for r in results if r is not kept]
    return kept.model_copy(update={
        "quote": join_places(r.quote for r in ordered),
        "locations": _union([r.locations for r in ordered]),
    })


def _merge_by(results: list[CheckResult], key_of, merge) -> list[CheckResult]:
    keys = [key_of(r) for r in results]  # once each: a key holds every place of a finding
    groups: dict[tuple, list[CheckResult]] = {}
    for r, key in zip(results, keys):
        if key is not None:
            groups.setdefault(key, []).append(r)
    out: list[CheckResult] = []
    for r, key in zip(results, keys):
        if key is None:
            out.append(r)
        elif groups[key][0] is r:
            out.append(merge(groups[key]))
    return out


def judged_by_record(results: list[CheckResult]) -> list[CheckResult]:
    """``results`` without the skipped ones whose figure a
    :data:`RECORD_RULES` rule judged (passed or failed) as the same kind of
    relation: the form's 执行率 read by its columns is checked, and a text
    rate check that found no operands for that same figure would say
    "无法核对" of a figure that was."""
    judged = {(r.kind, r.locations[0].start, r.locations[0].end) for r in results
              if r.rule in RECORD_RULES and r.status != "skipped" and r.locations}
    return [r for r in results if not (r.status == "skipped" and r.rule not in RECORD_RULES and r.locations
                                       and (r.kind, r.locations[0].start, r.locations[0].end) in judged)]


def merge_findings(results: list[CheckResult]) -> list[CheckResult]:
    """``results`` in order, each group of one problem's failures merged
    into its first: those of one rule (:func:`finding_key`), then those of
    rules that checked one relation (:func:`relation_key`); a skipped
    result of a figure a record rule judged is dropped (:func:`judged_by_record`)."""
    return judged_by_record(_merge_by(_merge_by(results, finding_key, merged), relation_key, one_relation))
