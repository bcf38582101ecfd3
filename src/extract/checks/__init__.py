"""Consistency checks: where a report disagrees with itself.

:func:`run_checks` takes a parsed :class:`~extract.model.Report` (and a rule
folder, default the shipped rules/) and returns its
:class:`~extract.model.CheckResult` list: every check kind of
:data:`CHECKS` that rules/checks.yaml enables, in that order. Each result
has a rule id, a severity, a status (pass / fail / skipped — skipped never
counts as passed), a Chinese message, expected and stated values, the quoted
sentence or row and the locations of the figures involved.

One module per check kind; figures are compared as intervals by their
stated precision (:mod:`extract.checks.tolerance`).
"""

from __future__ import annotations

import logging
from typing import Callable, Optional

from ..errors import LimitExceeded
from ..model import CheckResult, Report, Section
from ..normalize import NormalizedDocument
from ..ruleset import RuleSet, RulesLike
from ..span import SourceText
from .breakdowns import check_stated_breakdowns
from .consistency import check_metric_consistency
from .context import CheckContext, build_context, make_result
from .counts import check_counts_in_words
from .dates import check_dates
from .differences import check_differences
from .document import check_document_type
from .forms import check_forms
from .grades import check_score_grade
from .growth import check_growth
from .hygiene import check_hygiene, drop_repeated
from .merge import merge_findings
from .ordering import check_enumeration_order, check_heading_order
from .per_unit import check_per_base, check_per_unit_costs
from .rates import check_rates
from .restatements import check_restated_across
from .table_totals import check_table_totals
from .targets import check_targets
from .years import check_year_scope

log = logging.getLogger(__name__)

CheckFunction = Callable[[CheckContext], list[CheckResult]]


def check_all_consistency(ctx: CheckContext) -> list[CheckResult]:
    """One metric stated twice (:func:`check_metric_consistency`), and money
    restated in another unit in a later sentence (:func:`check_restated_across`)."""
    return check_metric_consistency(ctx) + check_restated_across(ctx)


def check_all_rates(ctx: CheckContext) -> list[CheckResult]:
    """Rates (支出率, 合格率, 占比 …) and costs per unit (人均, 每公里 …)."""
    return check_rates(ctx) + check_per_unit_costs(ctx) + check_per_base(ctx)


# rule id -> the check that reports it (target also reports target_rating).
CHECKS: dict[str, CheckFunction] = {
    "table_totals": check_table_totals,
    "stated_breakdown": check_stated_breakdowns,
    "rate": check_all_rates,
    "difference": check_differences,
    "growth": check_growth,
    "target": check_targets,
    "score_grade": check_score_grade,
    "form": check_forms,
    "count_in_words": check_counts_in_words,
    "enumeration_order": check_enumeration_order,
    "heading_order": check_heading_order,
    "metric_consistency": check_all_consistency,
    "year_scope": check_year_scope,
    "date_validity": check_dates,
    "document_type": check_document_type,
    "template_residue": check_hygiene,
}

# check -> the other rule ids it reports that keep it running while its own
# is disabled (the hygiene rules are independent of each other).
ALSO_REPORTS: dict[str, tuple[str, ...]] = {
    "template_residue": ("placeholder", "punctuation", "scope_word", "comparison_word", "name_variant",
                         "missing_unit"),
}


def run_checks(report: Report, rules: RulesLike = None,
               source: Optional[SourceText] = None,
               document: Optional[NormalizedDocument] = None,
               preamble: Optional[Section] = None) -> list[CheckResult]:
    """Every enabled check over ``report`` under ``rules`` (a RuleSet, a
    rule folder, or None for the rules shipped with the package), results
    in check order. Only the checks that
    rules/checks.yaml ``document_types`` runs on the report's
    meta.document_type run (on a text of type ``other``, only the one
    finding that says so).

    ``source`` is the text the loader laid out: findings quote it verbatim
    (without it, the report's normalized text).

    ``document`` is the normalized text the report was parsed from; the
    draft hygiene checks read it (without it they skip).

    ``preamble`` is the text before the first heading as a section of its
    own (:func:`~extract.checks.context.preamble_section`): the checks that
    read sections' text read it too (a report with no heading it knows is
    all preamble).

    A check that raises does not take the others down: it is reported as
    one skipped result naming the error (and logged with its traceback);
    a :class:`~extract.errors.LimitExceeded` (the document's time limit,
    raised wherever the parse is) is passed on.
    Failures of one problem (one rule, one stated figure, one place) are
    merged into one finding (:func:`~extract.checks.merge.merge_findings`);
    a hygiene finding on an arithmetic finding's figure is dropped
    (:func:`~extract.checks.hygiene.drop_repeated`).
    """
    ctx = build_context(report, RuleSet.of(rules), source, document, preamble)
    book = ctx.book
    out: list[CheckResult] = []
    kind_of_document = report.meta.document_type
    for rule, check in CHECKS.items():
        if not any(book.enabled(r) and book.applies(r, kind_of_document)
                   for r in (rule, *ALSO_REPORTS.get(rule, ()))):
            continue
        try:
            out.extend(r for r in check(ctx) if book.enabled(r.rule) and book.applies(r.rule, kind_of_document))
        except LimitExceeded:  # the document's time or memory is up: not the check's fault
            raise
        except Exception as e:  # a bug in one check must not lose the report
            log.exception("check %s failed", rule)
            out.append(make_result(ctx, rule, rule, "skipped",
                                   f"检查未能运行（内部错误：{type(e).__name__}: {e}）"))
    return drop_repeated(merge_findings(out))


SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def findings_exit_code(results: list[CheckResult], fail_on: str = "error") -> int:
    """1 when a failed check is at least as severe as ``fail_on``, else 0."""
    floor = SEVERITY_RANK[fail_on]
    return int(any(r.status == "fail" and SEVERITY_RANK[r.severity] >= floor for r in results))


__all__ = ["run_checks", "findings_exit_code", "CHECKS"]
