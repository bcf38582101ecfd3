"""Missed targets: the three outcomes (claimed as met, owned, unexplained),
the top rating once per report, inferred comparisons, and the form layouts
whose indicator columns used to come out shifted. Every excerpt here is
written for the test, in the genre of the 项目支出绩效自评表."""

from __future__ import annotations

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source

from conftest import edit_rule

HEADER = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施"
HEADER_NO_SCORE = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t偏差原因分析及改进措施"


def report_of(text: str, rules=None):
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines), rules)


def form(rows: list[str], *, header: str = HEADER, grade: str = "良", score: str = "88",
         text: str = "", table: str = "") -> str:
    """A short project self-evaluation: a conclusion with the self-score and
    grade, optional narrative text, and the indicator table (``header`` and
    TAB ``rows``, or ``table`` as written)."""
    body = table.rstrip("\n") or "\n".join([header, *rows])
    return (f"某县2023年度农村供水项目绩效自评报告\n\n一、自评结论\n\n本项目自评得分{score}分，评价等级为{grade}。\n\n"
            f"二、绩效目标完成情况\n\n{text or '项目按计划实施。'}\n\n三、项目支出绩效自评表\n\n{body}\n")


def failed(report, rule):
    return [c for c in report.checks if c.rule == rule and c.status == "fail"]


def problems(report):
    """What the target checks show the user as a problem: failed errors and
    warnings (an info finding is not one)."""
    return [c for c in report.checks if c.rule in ("target", "target_rating")
            and c.status == "fail" and c.severity in ("error", "warning")]


MISSED_PIPES = "产出指标\t数量指标\t新建供水管网\t≥120公里\t96.4公里"
MET_ROW = "效益指标\t满意度指标\t受益群众满意度\t≥90%\t95%\t10\t10\t"


# ------------------------------------------------------------------ claimed as met: error


def test_a_miss_with_full_marks_is_an_error():
    r = report_of(form([MISSED_PIPES + "\t8\t8\t无", MET_ROW]))
    [miss] = failed(r, "target")
    assert miss.severity == "error"
    assert "满分" in miss.message and "96.4公里" in miss.message


def test_a_miss_said_to_be_done_beside_it_is_an_error():
    rows = ["产出指标\t时效指标\t管网改造完成时间\t2023年6月30日前\t2023年8月15日\t按期完成"]
    [miss] = failed(report_of(form(rows, header=HEADER_NO_SCORE)), "target")
    assert miss.severity == "error" and "按期完成" in miss.message


def test_a_miss_under_a_sentence_that_every_target_was_met_is_an_error():
    text = "项目年度绩效目标均已完成。"
    [miss] = failed(report_of(form([MISSED_PIPES + "\t"], header=HEADER_NO_SCORE, text=text)), "target")
    assert miss.severity == "error" and "均已完成" in miss.message


# ------------------------------------------------------------------ owned: information


def test_a_miss_with_a_reduced_score_is_information():
    r = report_of(form([MISSED_PIPES + "\t8\t6.43\t", MET_ROW]))
    [miss] = failed(r, "target")
    assert miss.severity == "info" and "6.43" in miss.message
    assert problems(r) == []


def test_a_miss_with_a_reason_in_the_deviation_cell_is_information():
    row = MISSED_PIPES + "\t部分路段征地未完成，顺延至2024年施工"
    r = report_of(form([row], header=HEADER_NO_SCORE))
    [miss] = failed(r, "target")
    assert miss.severity == "info" and "征地" in miss.message


def test_a_miss_explained_in_the_text_is_information():
    text = "全年新建供水管网96.4公里，较目标少23.6公里，主要是部分路段征地手续延后。"
    r = report_of(form([MISSED_PIPES + "\t"], header=HEADER_NO_SCORE, text=text))
    [miss] = failed(r, "target")
    assert miss.severity == "info" and "征地" in miss.message


def test_an_exception_clause_owns_the_miss_and_claims_nothing():
    text = "绩效目标除新建供水管网略低于目标外均已完成，主要是征地手续延后。"
    r = report_of(form([MISSED_PIPES + "\t"], header=HEADER_NO_SCORE, text=text))
    assert [c.severity for c in failed(r, "target")] == ["info"]


# ------------------------------------------------------------------ unexplained: warning


def test_a_miss_with_neither_score_nor_reason_is_a_warning():
    r = report_of(form([MISSED_PIPES + "\t"], header=HEADER_NO_SCORE))
    [miss] = failed(r, "target")
    assert miss.severity == "warning" and "未说明原因" in miss.message


def test_outcome_severities_are_rule_data(rules_copy):
    edit_rule(rules_copy, "checks.yaml", "  owned_severity: info", "  owned_severity: warning")
    r = report_of(form([MISSED_PIPES + "\t8\t6.43\t", MET_ROW]), rules_copy)
    assert [c.severity for c in failed(r, "target")] == ["warning"]


# ------------------------------------------------------------------ the top rating, once per report


def test_top_rating_is_one_finding_naming_every_miss_and_information_when_scored():
    rows = [MISSED_PIPES + "\t8\t6.43\t", "产出指标\t质量指标\t水质达标率\t≥92%\t84.0%\t6\t5.48\t", MET_ROW]
    r = report_of(form(rows, grade="优", score="95"))
    [rating] = failed(r, "target_rating")
    assert "新建供水管网" in rating.message and "水质达标率" in rating.message
    assert rating.severity == "info"
    assert problems(r) == []


def test_top_rating_is_an_error_when_the_score_does_not_reflect_the_miss():
    rows = [MISSED_PIPES + "\t8\t6.43\t", "产出指标\t质量指标\t水质达标率\t≥92%\t84.0%\t6\t6\t", MET_ROW]
    r = report_of(form(rows, grade="优", score="95"))
    [rating] = failed(r, "target_rating")
    assert rating.severity == "error" and "其中“水质达标率”未见扣分" in rating.message


def test_the_2024_sample_miss_under_excellent_stays_an_error(report_2024):
    [rating] = failed(report_2024, "target_rating")
    assert rating.severity == "error" and "补助高新技术企业数量" in rating.message
    [miss] = failed(report_2024, "target")
    assert miss.severity == "warning"  # no score column, no reason: unexplained


def test_the_2022_sample_stays_clean_of_errors(report_2022):
    assert [c.message for c in report_2022.checks if c.status == "fail" and c.severity == "error"] == []


# ------------------------------------------------------------------ inferred comparisons


def test_an_inferred_comparison_is_at_most_a_warning(rules_copy):
    edit_rule(rules_copy, "checks.yaml", "  unexplained_severity: warning", "  unexplained_severity: error")
    rows = ["预算执行\t执行率\t全年执行率\t100%\t97.12%\t"]
    r = report_of(form(rows, header=HEADER_NO_SCORE, grade="优", score="96"), rules_copy)
    [miss] = failed(r, "target")
    assert miss.severity == "warning" and "推定" in miss.message
    assert [c.severity for c in failed(r, "target_rating")] == ["warning"]


def test_an_inferred_comparison_claimed_as_met_is_still_an_error():
    rows = ["预算执行\t执行率\t全年执行率\t100%\t97.12%\t10\t10\t"]
    [miss] = failed(report_of(form(rows)), "target")
    assert miss.severity == "error"


def test_a_bare_zero_target_is_a_ceiling():
    rows = ["效益指标\t社会效益指标\t重大安全责任事故\t0起\t1起\t10\t10\t"]
    r = report_of(form(rows))
    [ind] = r.indicators
    assert (ind.target.operator, ind.target.inferred_operator, ind.met) == ("<=", True, False)
    assert [c.severity for c in failed(r, "target")] == ["error"]


# ------------------------------------------------------------------ form layouts


PIPE_FORM = """一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因
产出指标 | 数量指标 | 新建供水管网 | ≥120公里 | 126公里 | 10 | 10 |
 | 质量指标 | 水质达标率 | ≥98% | 95.3% | 6 | 5.83 | 部分样品复检
 | | 供水保证率 | ≥95% | 96% | 6 | 6 |
|时效指标|维修响应时间|≤24小时|12小时|6|6|
"""


def test_pipe_rows_of_a_table_without_edge_pipes_keep_their_blank_first_cell():
    r = report_of(form([], table=PIPE_FORM))
    got = [(i.level2, i.name, i.target.text, i.actual_text, i.weight, i.score) for i in r.indicators]
    assert [g[1] for g in got] == ["新建供水管网", "水质达标率", "供水保证率", "维修响应时间"]
    assert got[1][:4] == ("质量指标", "水质达标率", "≥98%", "95.3%") and str(got[1][5]) == "5.83"
    assert got[3][:4] == ("时效指标", "维修响应时间", "≤24小时", "12小时")
    assert r.indicators[1].deviation_reason == "部分样品复检"
    assert [c.severity for c in failed(r, "target")] == ["info"]


EDGE_FORM = """| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 新建供水管网 | ≥120公里 | 126公里 | 10 | 10 |
| | 质量指标 | 水质达标率 | ≥98% | 99% | 6 | 6 |
"""


def test_a_table_with_edge_pipes_is_read_as_before():
    r = report_of(form([], table=EDGE_FORM))
    assert [(i.level2, i.name, i.actual_text) for i in r.indicators] == [
        ("数量指标", "新建供水管网", "126公里"), ("质量指标", "水质达标率", "99%")]


GOAL_ROWS_FORM = """项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
年度资金总额 | 100.00 | 100.00 | 95.00 | 10 | 95.00% | 9.5
年度总体目标 | 预期目标 | 新建供水管网120公里以上。
年度总体目标 | 实际完成情况 | 新建供水管网96.4公里。
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因
产出指标 | 数量指标 | 新建供水管网 | ≥120公里 | 96.4公里 | 10 | 10 | 无
"""


def test_indicator_header_right_below_the_goal_rows_starts_its_own_block():
    r = report_of(form([], table=GOAL_ROWS_FORM))
    assert [(i.name, i.target.text, i.actual_text) for i in r.indicators] == [
        ("新建供水管网", "≥120公里", "96.4公里")]
    assert [c.severity for c in failed(r, "target")] == ["error"]
