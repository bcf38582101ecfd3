"""Relations between the text and the forms: a text figure that is a cell
of a form's own record."""

from __future__ import annotations

from ...model import Location, Report


def restated_by_form(report: Report, location: Location) -> bool:
    """Whether a text figure at ``location`` is a cell of a form's record
    that speaks for itself: a funds amount, an indicator's cell (a form of
    label：value lines is text, and its 实际完成值 lines are no one metric:
    the form's indicators are claims of their own, named by 三级指标), or
    the expected 年度总体目标 (a target, not an achievement). Such a figure
    is the form's, checked by the form's arithmetic, and no second
    statement of a metric."""
    for form in report.forms:
        if not form.location.line <= location.line <= form.location.end_line:
            continue
        cells = [c for r in form.funds + form.indicators for c in r.cells.values()]
        if "expected" in form.goals:
            cells.append(form.goals["expected"])
        if any(c.location.start <= location.start < c.location.end for c in cells):
            return True
    return False
