"""The pipeline: load -> normalize -> structure -> quantify -> interpret -> check.

:class:`Extractor` runs every stage on one report file under one rule set
and the per-document limits, and returns the validated
:class:`~extract.model.Report`; :func:`parse_source` runs the stages on text
already loaded; :func:`parse_file` is ``Extractor(rules).parse(path)``.
Stages are called through their public functions only, and each is given
the rule set explicitly.
"""

from __future__ import annotations

import os
from .claims import clause_claims
from .interpret.budget import extract_budget
from .interpret.forms import forms_and_cells, merge_indicators
from .interpret.funds import extract_funds
from .interpret.indicators import extract_indicators, narrative_indicators
from .interpret.meta import extract_meta
from .load import load_document
from .checks import run_checks as _run_checks
from .checks.context import preamble_section
from .errors import LimitExceeded
from .limits import DEFAULT as DEFAULT_LIMITS
from .limits import Limits, enforce
from .model import Claim, Report, Source
from .normalize import normalize
from .ruleset import RuleSet, RulesLike
from .span import SourceText
from .structure.sections import build_structure


def _table_claim(metric: str, sentence: str, q) -> Claim:
    """The claim a table cell states: ``q`` under the row's name."""
    return Claim(metric=metric, metric_text=metric, value=q.value, unit=q.unit,
                 normalized_value=q.normalized_value, normalized_unit=q.normalized_unit,
                 unit_class=q.unit_class, precision=q.precision, qualifier=q.qualifier,
                 operator=q.operator, origin="table", sentence=sentence, quantity=q,
                 location=q.location)


def table_claims(report: Report) -> list[Claim]:
    """Claims stated by table cells: fund amounts and indicator actuals."""
    out = [_table_claim(f.name, f.name, f.amount) for f in report.funds]
    out += [_table_claim(ind.name, ind.actual_text, ind.actual) for ind in report.indicators
            if ind.actual is not None and ind.actual.unit_class != "date"]
    return out


def parse_source(source: SourceText, info: Source, rules: RulesLike = None,
                 run_checks: bool = True) -> Report:
    """Every stage on laid-out text under ``rules`` (a RuleSet, a rule
    folder, or None for the rules shipped with the package); returns the
    validated report. No limits: :class:`Extractor` applies them."""
    rs = RuleSet.of(rules)
    doc = normalize(source, rs)
    source = doc.source  # read through the script fold: every stage reads simplified characters
    structure = build_structure(doc, rs)
    forms, cells = forms_and_cells(source, rs)
    claims = clause_claims(structure, source, rs, cells)
    report = Report(
        source=info,
        rule_set=rs.digest,
        meta=extract_meta(structure, source, rs, forms),
        sections=structure.sections,
        tables=structure.tables,
        claims=[c.claim for c in claims],
        budget=extract_budget(claims, structure.tables, rs),
        funds=extract_funds(structure.tables, rs),
        forms=forms,
    )
    report.indicators = merge_indicators(extract_indicators(structure.tables, rs), report.forms, rs)
    report.indicators += narrative_indicators(structure.paragraphs, source, rs, report.indicators)
    report.claims.extend(table_claims(report))
    if run_checks:
        report.checks = _run_checks(report, rs, source, doc, preamble_section(structure, source))
    return report


class Extractor:
    """The library under the CLI: one rule set and one set of limits, used
    the same way for every document, by ``extract parse``, ``extract
    check``, ``extract batch`` (both executors) and library callers::

        from extract import Extractor, RuleSet
        ex = Extractor(RuleSet.load("my-rules/"))
        report = ex.parse("2024年度部门整体支出绩效自评报告.pdf")
        for finding in ex.check("draft.docx").checks: ...

    ``rules``: a :class:`~extract.ruleset.RuleSet`, a rule folder, or None
    for the rules shipped with the package (loaded and validated here, so a
    bad rule folder fails before any document is read). ``limits``: the
    per-document limits of :mod:`extract.limits` (time, size, pages …);
    ``process_wide``: also apply the memory cap, which limits the whole
    process (the CLI sets it in its own process; a library caller should
    not). An Extractor holds nothing that changes between documents: one
    can be shared by threads.
    """

    def __init__(self, rules: RulesLike = None, limits: Limits = DEFAULT_LIMITS,
                 process_wide: bool = False):
        self.rules = RuleSet.of(rules)
        self.limits = limits
        self.process_wide = process_wide

    def parse(self, path: os.PathLike | str, run_checks: bool = True) -> Report:
        """Load and parse one report file under the limits; a
        :class:`~extract.errors.LimitExceeded` or any other
        :class:`~extract.errors.InputError` names ``path``."""
        try:
            with enforce(self.limits, self.process_wide, path):
                loaded = load_document(path, self.rules)
                return parse_source(loaded.source, loaded.info, self.rules, run_checks)
        except LimitExceeded as e:
            if e.path is None:
                raise LimitExceeded(e.reason, path) from None
            raise

    def check(self, path: os.PathLike | str) -> Report:
        """:meth:`parse` with the checks: the report, its findings under ``checks``."""
        return self.parse(path, run_checks=True)

    def parse_text(self, text: str, name: str = "<text>", run_checks: bool = True) -> Report:
        """Parse report text given as a string (under the time limit)."""
        import hashlib

        from .load.text import source_from_text

        source = source_from_text(text)
        info = Source(path=name, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                      lines=source.n_lines)
        with enforce(self.limits, self.process_wide):
            return parse_source(source, info, self.rules, run_checks)


def parse_file(path: os.PathLike | str, rules: RulesLike = None, run_checks: bool = True) -> Report:
    """Load and parse one report file: ``Extractor(rules).parse(path)``
    (default limits)."""
    return Extractor(rules).parse(path, run_checks)
