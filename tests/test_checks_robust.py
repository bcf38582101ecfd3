"""A check never ends with an internal error on input it can read.

Dates stated without a year (``4月30日前`` in a form's 时效指标 row, read as
``--04-30``) are read as such: compared with each other, and skipped by the
year check with the reason; a check that raises all the same is turned into
one skipped result naming the error, and the other checks still run. No
check raises on the samples, the real PDFs or the corpus.
"""

from __future__ import annotations

import pytest

import extract.checks as checks
from extract.checks import run_checks
from extract.pipeline import parse_source
from extract.quantities import DateParts, date_parts, find_quantities
from extract.model import Source
from extract.span import SourceText

from conftest import checked_documents

INTERNAL = "内部错误"

# The 时效指标 rows of a form (峄阳市统计局, corpus form f08): dates without a year.
MONTH_ONLY_FORM = """峄阳市统计局2023年度部门整体支出绩效自评报告

一级指标     二级指标         三级指标                 年度指标值   实际完成值   分值   得分
产出指标     数量指标         统计调查项目完成数       ≥46项        46项         6      6
             时效指标         统计公报发布时间         4月30日前    4月18日      6      6
             时效指标         年报报送时间             4月前        5月          6      4
"""


def _parse(text: str):
    src = SourceText(text)
    return parse_source(src, Source(path="<test>", sha256="0" * 64, lines=src.n_lines))


@pytest.mark.parametrize("iso,parts", [
    ("2024", DateParts(2024)),
    ("2024-04", DateParts(2024, 4)),
    ("2024-04-01", DateParts(2024, 4, 1)),
    ("--04", DateParts(None, 4)),
    ("--04-30", DateParts(None, 4, 30)),
    ("2022/2024", DateParts(2022, last_year=2024)),
])
def test_date_parts_reads_every_date_the_grammar_writes(iso, parts):
    assert date_parts(iso) == parts


def test_date_parts_refuses_what_is_no_date():
    with pytest.raises(ValueError):
        date_parts("04-30")


def test_month_only_dates_are_found_without_a_year():
    dates = [q.date for q in find_quantities("统计公报4月30日前发布，6月完成")]
    assert dates == ["--04-30", "--06"]


def test_month_only_dates_are_judged_and_never_crash_the_year_check():
    report = _parse(MONTH_ONLY_FORM)
    assert report.meta.year == 2023
    by_name = {i.name: i for i in report.indicators}
    assert by_name["统计公报发布时间"].met is True      # 4月18日 is before 4月30日
    assert by_name["年报报送时间"].met is False          # 5月 is after 4月前
    assert not [r for r in report.checks if INTERNAL in r.message]
    years = [r for r in report.checks if r.rule == "year_scope"]
    assert len(years) == 4 and {r.status for r in years} == {"skipped"}
    assert all("未写明年份" in r.message for r in years)
    targets = {r.message.split("”")[0]: r.status for r in report.checks if r.rule == "target"}
    assert targets["指标“年报报送时间"] == "fail"


def test_a_check_that_raises_becomes_one_skipped_result(monkeypatch):
    report = _parse(MONTH_ONLY_FORM)

    def broken(ctx):
        raise ValueError("invalid literal for int() with base 10: '--04'")

    monkeypatch.setitem(checks.CHECKS, "year_scope", broken)
    results = run_checks(report)
    failed = [r for r in results if r.rule == "year_scope"]
    assert len(failed) == 1 and failed[0].status == "skipped"
    assert "ValueError" in failed[0].message and "--04" in failed[0].message
    assert any(r.rule == "target" and r.status == "pass" for r in results)


@pytest.mark.parametrize("path", checked_documents())
def test_no_check_raises(parse_with_source, path):
    _loaded, report = parse_with_source(path)
    assert report.checks
    assert not [(r.rule, r.message) for r in report.checks if INTERNAL in r.message]


def test_the_time_limit_is_not_taken_for_a_broken_check(monkeypatch):
    """The time limit is raised wherever the parse is when time is up, a
    check included: the runner passes it on instead of skipping the check
    (``extract parse --max-seconds`` would otherwise finish the parse)."""
    from extract.errors import LimitExceeded

    report = _parse(MONTH_ONLY_FORM)

    def out_of_time(ctx):
        raise LimitExceeded("the time limit of 0.001 s is up")

    monkeypatch.setitem(checks.CHECKS, "target", out_of_time)
    with pytest.raises(LimitExceeded):
        run_checks(report)
