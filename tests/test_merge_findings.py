"""One problem, one finding (extract.checks.merge).

Failed results of one rule that state the same figure at the same place are
one finding; anything else stays apart: two places, two figures, two rules,
results that passed or were skipped.
"""

from __future__ import annotations

from extract.checks.merge import merge_findings
from extract.model import CheckResult, Location


def loc(start: int, line: int = 1) -> Location:
    return Location(line=line, end_line=line, start=start, end=start + 2)


def result(rule="count_in_words", kind="count_list", status="fail", stated="九个", at=10,
           message="“九个二级项目”与所列的 11 项不符", expected="11", quote="下设九个二级项目，包括甲、乙。",
           more=()) -> CheckResult:
    return CheckResult(rule=rule, kind=kind, severity="error", status=status, message=message,
                       expected=expected, stated=stated, quote=quote, locations=[loc(at), *more])


def test_one_figure_against_two_counts_is_one_finding():
    listed = result()
    table = result(kind="count_table", message="“九个二级项目”与表1所列 10 行不符", expected="10",
                   more=(loc(300, 45), loc(320, 46)))
    before, after = result(rule="target", stated="105家", at=900), result(rule="heading_order", at=5)
    out = merge_findings([before, listed, table, after])
    assert [r.rule for r in out] == ["target", "count_in_words", "heading_order"]
    merged = out[1]
    assert merged.message == "“九个二级项目”与所列的 11 项不符；“九个二级项目”与表1所列 10 行不符"
    assert merged.expected == "11 / 10" and merged.stated == "九个" and merged.kind == "count_list"
    assert merged.quote == "下设九个二级项目，包括甲、乙。"
    assert [x.start for x in merged.locations] == [10, 300, 320]


def test_distinct_problems_stay_apart():
    results = [
        result(),
        result(at=50),                                   # the same words at another place
        result(stated="十个"),                           # another figure at the same place
        result(rule="metric_consistency"),               # another rule
        result(rule="target_rating"),
        result(status="pass"), result(status="pass"),    # passes are never merged
        result(status="skipped"), result(status="skipped"),
        result(stated=None), result(stated=None),         # nothing stated to be the same
    ]
    assert merge_findings(results) == results


def test_two_places_quoted_once_each():
    a = result(quote="甲句。")
    b = result(quote="乙句。", message="另一理由")
    merged, = merge_findings([a, b])
    assert merged.quote == "甲句。 / 乙句。"
    assert merged.message.endswith("；另一理由")
