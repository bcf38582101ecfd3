"""Consistency checks on the two real samples: what must pass, what must be
found, and nothing else (no false alarms)."""

from __future__ import annotations

from extract.model import CheckResult


def results(report, rule, status=None, contains=()):
    out = [c for c in report.checks if c.rule == rule and (status is None or c.status == status)]
    return [c for c in out if all(s in c.message for s in contains)]


def one(report, rule, status, *contains) -> CheckResult:
    found = results(report, rule, status, contains)
    assert len(found) == 1, (rule, status, contains, [c.message for c in results(report, rule)])
    return found[0]


def lines(result: CheckResult) -> list[int]:
    return [loc.line for loc in result.locations]


# ------------------------------------------------------------------ 2024


def test_2024_table_1_adds_up(report_2024):
    r = one(report_2024, "table_totals", "pass", "表1", "6159.90")
    assert r.expected == "6159.90" and r.stated == "6159.90"
    assert "表1 合计" in r.message and "相符" in r.message
    assert lines(r)[0] == 58 and set(range(48, 58)) <= set(lines(r))


def test_2024_stated_breakdowns_hold(report_2024):
    one(report_2024, "stated_breakdown", "pass", "实际支出6159.9万元", "3708.71", "2451.19")
    one(report_2024, "stated_breakdown", "pass", "部门总支出6,239.85万元", "基本支出1,796.59", "项目支出4,443.26")
    one(report_2024, "stated_breakdown", "pass", "基本支出1,796.59万元", "1,642.6", "153.99")
    one(report_2024, "stated_breakdown", "pass", "财政拨款支出6,135.08万元", "基本支出1,763.59", "项目支出4,371.49")
    one(report_2024, "stated_breakdown", "pass", "基本支出1,763.59万元", "1,642.6", "120.99")
    # 支出主要构成如下: the three parts of each total
    one(report_2024, "stated_breakdown", "pass", "部门总支出6,239.85万元", "153.99", "4,443.26")
    one(report_2024, "stated_breakdown", "pass", "财政拨款支出6,135.08万元", "120.99", "4,371.49")
    assert not results(report_2024, "stated_breakdown", "fail")


def test_2024_expenditure_rate_and_balance(report_2024):
    rate = one(report_2024, "rate", "pass", "支出率", "83.2%")
    assert "6159.9万元/7406.91万元=83.16%" in rate.message and rate.expected == "83.16%"
    assert lines(rate) == [43, 43, 43]
    diff = one(report_2024, "difference", "pass", "结余", "1247.01")
    assert "7406.91" in diff.message and "6159.9" in diff.message and diff.expected == "1247.01万元"


def test_2024_missed_target_and_top_rating(report_2024):
    missed = one(report_2024, "target", "fail", "补助高新技术企业数量")
    assert missed.expected == "≥700家" and missed.stated == "105家"
    assert set(lines(missed)) == {69}
    rating = one(report_2024, "target_rating", "fail", "补助高新技术企业数量", "优秀")
    assert 69 in lines(rating) and 100 in lines(rating)
    assert len(results(report_2024, "target", "pass")) == 17


def test_2024_enumeration_skips_and_repeats(report_2024):
    found = results(report_2024, "enumeration_order", "fail")
    assert [(lines(r)[0], r.stated, r.expected) for r in found] == [
        (106, "六是", "五是"), (106, "七是", "八是"), (108, "八是", "九是")]
    assert "缺少“五是”" in found[0].message and "重复" in found[1].message
    assert all("履职效能分析" in r.message for r in found)


def test_2024_one_metric_two_values(report_2024):
    r = one(report_2024, "metric_consistency", "fail", "补助高新技术企业")
    assert sorted(lines(r)) == [69, 104]
    assert r.expected == "105家" and r.stated == "1050家"


def test_2024_nine_projects_against_the_list_and_table_1(report_2024):
    """One problem, one finding: 九个 against the 11 names listed and
    against the 10 rows of 表1."""
    found = one(report_2024, "count_in_words", "fail", "九个二级项目")
    assert "所列的 11 项" in found.message and "表1所列 10 行" in found.message
    assert "“孵化育成体系扶持专项”重复" in found.message and "不同的只有 10 项" in found.message
    assert found.expected == "11 / 10" and found.stated == "九个"
    assert lines(found)[0] == 41 and 45 in lines(found)
    assert found.quote.startswith("专项资金下设九个二级项目") and " / " not in found.quote
    one(report_2024, "count_in_words", "pass", "四个专项资金")


def test_2024_every_failure_is_a_known_real_one(report_2024):
    """No false alarms: the failures are exactly the document's real
    inconsistencies (see the module docstring of each check)."""
    failed = sorted((r.rule, lines(r)[0]) for r in report_2024.checks if r.status == "fail")
    assert failed == sorted([
        ("target", 69), ("target_rating", 69), ("metric_consistency", 69),
        ("count_in_words", 41),
        ("enumeration_order", 106), ("enumeration_order", 106), ("enumeration_order", 108),
        # slips of the draft: (江财教「2024〕18 号) and 榜单,,3位
        ("punctuation", 62), ("punctuation", 106),
    ])


# ------------------------------------------------------------------ 2022


def test_2022_five_average_growth_rates(report_2022):
    passed = results(report_2022, "growth", "pass")
    assert [lines(r)[0] for r in passed] == [161, 163, 165, 167, 169]
    for r, (a, b, rate) in zip(passed, [("908家", "1273家", "18.41%"), ("84家", "123家", "21.01%"),
                                       ("2293.94亿元", "3284.16亿元", "19.65%"),
                                       ("91.82亿元", "146.31亿元", "26.23%"),
                                       ("23.75万人", "31.08万人", "14.40%")]):
        assert f"{a}→{b}（2年复合）" in r.message and r.stated == rate


def test_2022_budget_rate_and_pass_rate(report_2022):
    budget = one(report_2022, "rate", "pass", "完成预算", "75.8%")
    assert "9459.61万元/12480.11万元=75.80%" in budget.message and lines(budget) == [57, 57, 57]
    passing = one(report_2022, "rate", "pass", "通过率", "超82.4%")
    assert "941家/1141家=82.47%" in passing.message


def test_2022_a_part_is_not_a_breakdown(report_2022):
    part = one(report_2022, "stated_breakdown", "pass", "39.40", "121.75")
    assert part.kind == "part" and "不超过" in part.message
    one(report_2022, "stated_breakdown", "pass", "31家", "27家", "4家")


def test_2022_has_no_failures(report_2022):
    assert [r.message for r in report_2022.checks if r.status == "fail"] == []
    one(report_2022, "score_grade", "pass", "99", "优")


# ------------------------------------------------------------------ both


def test_results_are_well_formed(report_2024, report_2022):
    for report in (report_2024, report_2022):
        assert report.checks
        for r in report.checks:
            assert r.message
            # a failure has its severity; a passed or skipped check has none
            assert r.severity in ("error", "warning", "info") if r.status == "fail" else r.severity is None
            if r.status == "fail":
                assert r.locations, r
            assert "内部错误" not in r.message
            for loc in r.locations:
                assert 1 <= loc.line <= report.source.lines


def test_skipped_checks_say_why(report_2024):
    skipped = [r for r in report_2024.checks if r.status == "skipped"]
    assert skipped and all("无法" in r.message for r in skipped)
    growth = results(report_2024, "growth", "skipped")
    assert {r.stated for r in growth} == {"144%", "133%"}


def test_a_target_and_its_actual_are_not_one_metric_stated_twice():
    """The label that leads a sentence scopes its figures: 预期目标 is not 实际完成."""
    from extract.pipeline import Extractor

    text = ("某县农村公路养护项目支出绩效自评报告\n一、项目概况\n"
            "预期目标：完成120公里日常养护和15公里预防性养护。\n"
            "实际完成情况：完成日常养护121.5公里、预防性养护16.2公里。\n")
    report = Extractor().parse_text(text)
    assert [c for c in report.checks if c.rule == "metric_consistency" and c.status == "fail"] == []
