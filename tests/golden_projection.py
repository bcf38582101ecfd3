"""What the golden files pin down of a report: every value a person checked.

The projection keeps exact values (Decimals as text), units, lines and the
decisions of each stage (metric names, levels, met), and leaves out what
only restates them (normalized values, offsets).
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
        "claims": [[c.location.line, c.origin, c.metric, str(c.value), c.unit, c.qualifier]
                   for c in report.claims],
    }
