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


def test_one_rate_found_by_two_rules_is_one_finding():
    """执行率 95.00% of 450.00 / 500.00 found by the table rate check and by
    rule form: the same relation on the same figures, one finding."""
    operands = (loc(94, 4), loc(87, 4))
    table = result(rule="rate", kind="rate", stated="95.00%", at=104, expected="90.000%",
                   message="t1 年度资金总额 执行率 95.00% 与 450.00/500.00=90.000% 不符",
                   quote="年度资金总额 | 500.00 | 500.00 | 450.00 | 10 | 95.00%", more=operands)
    form = result(rule="form", kind="rate", stated="95.00%", at=104, expected="90.00%",
                  message="年度资金总额执行率 95.00% 与全年执行数 450.00 / 全年预算数 500.00 = 90.00% 不符",
                  quote="95.00% | 450.00 | 500.00", more=tuple(reversed(operands)))
    score = result(rule="form", kind="rate_score", stated="9.00", at=111, more=(loc(101, 4), loc(104, 4)))
    one, other = merge_findings([table, form, score])
    # the form's finding (its columns read by meaning), where the first stood
    assert (one.rule, one.message, one.expected) == (form.rule, form.message, form.expected)
    assert one.quote == f"{form.quote} / {table.quote}"
    assert sorted(x.start for x in one.locations) == [87, 94, 104]
    assert other == score


def test_two_rules_on_other_figures_or_kinds_stay_apart():
    operands = (loc(94, 4), loc(87, 4))
    table = result(rule="rate", kind="rate", stated="95.00%", at=104, more=operands)
    results = [
        table,
        result(rule="form", kind="rate", stated="95.00%", at=104, more=(loc(94, 4),)),  # other operands
        result(rule="form", kind="rate", stated="96.00%", at=104, more=operands),       # other figure
        result(rule="target_rating", kind="target", stated="95.00%", at=104, more=operands),  # other kind
    ]
    assert merge_findings(results) == results
