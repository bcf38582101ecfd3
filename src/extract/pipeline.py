"""The pipeline: load -> normalize -> structure -> quantify -> interpret -> check.

:func:`parse_file` runs every stage on one report and returns the validated
:class:`~extract.model.Report`; :func:`parse_source` does the same for text
already loaded. Stages are called through their public functions only.
"""

from __future__ import annotations

import os
from typing import Optional

from .claims import clause_claims
from .interpret.budget import extract_budget
from .interpret.funds import extract_funds
from .interpret.indicators import extract_indicators
from .interpret.meta import extract_meta
from .load import load_document
from .model import Claim, Report, Source
from .normalize import normalize
from .span import SourceText
from .structure.sections import build_structure


def table_claims(report: Report) -> list[Claim]:
    """Claims stated by table cells: fund amounts and indicator actuals."""
    out: list[Claim] = []
    for f in report.funds:
        q = f.amount
        out.append(Claim(metric=f.name, metric_text=f.name, value=q.value, unit=q.unit,
                         normalized_value=q.normalized_value, normalized_unit=q.normalized_unit,
                         unit_class=q.unit_class, precision=q.precision, qualifier=q.qualifier,
                         operator=q.operator, origin="table", sentence=f.name, quantity=q,
                         location=q.location))
    for ind in report.indicators:
        q = ind.actual
        if q is None or q.unit_class == "date":
            continue
        out.append(Claim(metric=ind.name, metric_text=ind.name, value=q.value, unit=q.unit,
                         normalized_value=q.normalized_value, normalized_unit=q.normalized_unit,
                         unit_class=q.unit_class, precision=q.precision, qualifier=q.qualifier,
                         operator=q.operator, origin="table", sentence=ind.actual_text, quantity=q,
                         location=q.location))
    return out


def parse_source(source: SourceText, info: Source, rules_directory: Optional[str] = None,
                 run_checks: bool = True) -> Report:
    """Every stage on laid-out text; returns the validated report."""
    doc = normalize(source, rules_directory)
    structure = build_structure(doc, rules_directory)
    claims = clause_claims(structure, source, rules_directory)
    report = Report(
        source=info,
        meta=extract_meta(structure, source, rules_directory),
        sections=structure.sections,
        tables=structure.tables,
        claims=[c.claim for c in claims],
        budget=extract_budget(claims, structure.tables, rules_directory),
        funds=extract_funds(structure.tables),
        indicators=extract_indicators(structure.tables),
    )
    report.claims.extend(table_claims(report))
    if run_checks:
        try:
            from .checks import run_checks as _run_checks
        except ImportError:  # checks not built yet
            _run_checks = None
        if _run_checks is not None:
            report.checks = _run_checks(report, rules_directory)
    return report


def parse_file(path: os.PathLike | str, rules_directory: Optional[str] = None,
               run_checks: bool = True) -> Report:
    """Load and parse one report file."""
    loaded = load_document(path)
    return parse_source(loaded.source, loaded.info, rules_directory, run_checks)
