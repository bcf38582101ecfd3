"""The document itself: a text that is no budget-performance document.

:func:`check_document_type` takes the check context and returns, for a
document of type ``other`` (meta.document_type, decided by
rules/document_types.yaml), one information finding saying that it is none
of the documents the checks are for, quoting its first line; the checks
that assume the genre do not run on it (checks.yaml ``document_types``).
"""

from __future__ import annotations

from ..model import CheckResult
from .context import CheckContext, make_result

RULE = "document_type"


def check_document_type(ctx: CheckContext) -> list[CheckResult]:
    """One finding for a document that is not of the genre, else none."""
    if ctx.report.meta.document_type != "other":
        return []
    where = ctx.quotes.first_line()
    locations = [where] if where is not None else []
    return [make_result(
        ctx, RULE, RULE, "fail",
        "未识别为预算绩效文件（部门整体支出或项目支出绩效自评报告、绩效自评表、部门决算、部门预算）："
        "标题和用语均不符，未作检查",
        stated="other", quote=ctx.quotes.at(where), locations=locations)]
