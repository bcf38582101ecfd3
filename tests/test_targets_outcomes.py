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
