"""What the golden files pin down of a report: every value a person checked.

Two parts. :func:`project` is asserted exactly (golden/NAME.json): meta,
budget, sections, tables, funds, indicators and every claim's line, value,
unit, normalized value and qualifier, each checked against the source.
:func:`claim_metrics` is the metric name given to each claim
(golden/NAME.metrics.tsv, one claim a line): a judgement of the claims
stage that improves over time, so it is reviewed as a diff, line by line,
when the code changes it. Offsets are left out (the location tests pin them).
"""

from __future__ import annotations

from extract.model import Report


def _q(q):
    if q is None:
        return None
    return {"text": q.text, "value": str(q.value), "unit": q.unit, "qualifier": q.qualifier,
            "operator": q.operator, "date": q.date}


def project(report: Report) -> dict:
    m = report.meta
    return {
        "meta": {"title": m.title, "department": m.department, "year": m.year,
                 "report_type": m.report_type, "project_name": m.project_name,
                 "self_score": None if m.self_score is None else str(m.self_score), "grade": m.grade},
        "budget": {role: (None if f is None else {"value": str(f.quantity.value), "unit": f.quantity.unit,
                                                  "source": f.source, "line": f.location.line})
                   for role, f in report.budget},
        "sections": [[s.id, s.parent, s.level, s.marker, s.title] for s in report.sections],
        "tables": [{"id": t.id, "number": t.number, "caption": t.caption, "columns": t.columns,
                    "rows": t.n_rows, "cols": t.n_cols, "header_rows": t.header_rows,
                    "total_rows": t.total_rows, "section": t.section, "line": t.location.line}
                   for t in report.tables],
        "funds": [[f.number, f.name, str(f.amount.value), f.amount.unit, f.location.line] for f in report.funds],
        "indicators": [{"level1": i.level1, "level2": i.level2, "name": i.name,
                        "target": {"text": i.target.text, "operator": i.target.operator,
                                   "quantity": _q(i.target.quantity)},
                        "actual": _q(i.actual), "met": i.met, "line": i.location.line}
                       for i in report.indicators],
        "claims": [[c.location.line, c.origin, str(c.value), c.unit, str(c.normalized_value),
                    c.normalized_unit, c.qualifier]
                   for c in report.claims],
    }


def claim_metrics(report: Report) -> str:
    """One line per claim, in claim order: line, origin, the figure as
    stated, and its metric (TAB-separated), for review as a diff."""
    return "".join(f"{c.location.line}\t{c.origin}\t{c.value}{c.unit}\t{c.metric}\n" for c in report.claims)
