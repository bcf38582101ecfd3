"""Forms flattened to one cell per line as real documents give them: a
blank line between cells and header words broken over two lines (年初 /
预算数), a part row stating no 分值; each cell closed by a pipe with blank
cells written as a bare pipe (a provincial system's export); scores in
whole points; the form's instruction (执行率未达到90%的需说明原因) is no rate.

Words and figures made up for these tests."""

from __future__ import annotations

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source


def parse(text: str):
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))


def form_results(report, status=None):
    return [c for c in report.checks if c.rule == "form" and (status is None or c.status == status)]


def _spaced(cells: list[str]) -> str:
    return "\n\n".join(cells) + "\n"


ONE_PER_LINE = [
    "项目支出绩效自评表", "项目名称", "乡镇卫生院设备购置经费", "主管部门", "某县卫生健康局", "实施单位", "某镇卫生院",
    "项目资金", "(万元)", " ", "年初", "预算数", "全年", "预算数", "全年", "执行数", "分值", "执行率", "得分",
    "年度资金总额", "25", "25", "22.8", "10", "91%", "9",
    "其中:当年财政拨款", "25", "25", "22.8", " ",
    "上年结转资金", " ", " ", " ", " ",
    "年度总体目标", "预期目标", "实际完成情况", "购置设备12台", "购置设备12台",
    "一级指标", "二级指标", "三级指标", "年度", "指标值", "实际", "完成值", "分值", "得分", "偏差原因分析及改进措施",
    "产出指标", "数量指标", "指标1购置设备数量", "12", "12", "30", "30",
    "指标2", " ", " ", "……",
    "质量指标", "指标1设备验收合格率", "100", "100", "20", "20",
    "效益指标", "社会效益", "指标", "指标1就诊群众覆盖率", "90", "80", "20", "18", "0",
    "满意度", "指标", "服务对象满意度指标", "指标1患者满意度", "95", "96", "20", "20",
]


def test_one_cell_per_line_with_header_words_broken_over_lines():
    report = parse(_spaced(ONE_PER_LINE))
    (form,) = report.forms
    total = next(r for r in form.funds if r.role == "total")
    assert {k: c.text for k, c in total.cells.items()} == {
        "initial": "25", "adjusted": "25", "executed": "22.8", "weight": "10", "rate": "91%", "score": "9"}
    current = next(r for r in form.funds if r.role == "current")
    assert set(current.cells) == {"initial", "adjusted", "executed"}
    got = [(r.cells.get("level2").text, r.label, r.cells["weight"].text, r.cells["score"].text)
           for r in form.indicators]
    assert got == [("数量指标", "指标1购置设备数量", "30", "30"), ("质量指标", "指标1设备验收合格率", "20", "20"),
                   ("社会效益指标", "指标1就诊群众覆盖率", "20", "18"),
                   ("服务对象满意度指标", "指标1患者满意度", "20", "20")]
    assert form_results(report, "fail") == []
    kinds = {c.kind for c in form_results(report, "pass")}
    assert {"rate", "rate_score"} <= kinds  # 10 × 91% = 9.1: 9 in whole points


def test_one_cell_per_line_planted_rate_fails():
    planted = [("95%" if c == "91%" else c) for c in ONE_PER_LINE]
    failed = form_results(parse(_spaced(planted)), "fail")
    assert any(c.kind == "rate" and "95%" in c.message for c in failed)


def test_whole_points_round_half_up():
    """10 × 95% = 9.5 is 10 in whole points, never 9."""
    planted = [("95%" if c == "91%" else "21.85" if c == "22.8" else c) for c in ONE_PER_LINE]  # 21.85/25 = 87.4%
    planted = [("87.4%" if c == "95%" else c) for c in planted]
    assert not [c for c in form_results(parse(_spaced(planted)), "fail") if c.kind == "rate_score"]  # 8.74 -> 9
    planted = [("95%" if c == "91%" else "23.75" if c == "22.8" else c) for c in ONE_PER_LINE]
    assert [c for c in form_results(parse(_spaced(planted)), "fail") if c.kind == "rate_score"]  # 9.5 -> 10


PIPE_CELLS = [
    "部门预算项目支出绩效自评表(2024年度)", "项目名称", "社区养老服务站运营补助", "主管部门", "某区民政局",
    "预算执行情况(10分)", "年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因",
    "总额", "60.00", "64.00", "57.60", "90.00%", "10", "9",
    "1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因(100字以内);2.其他资金包括:社会投入资金.",
    "其中:财政资金", "60.00", "64.00", "57.60", "90.00%", "/", "/",
    "单位资金", "0.00", "0.00", "0.00", "0.00%", "/", "/",
    "其他资金", "", "", "", "", "/", "/",
    "绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分",
    "未完成原因分析",
    "产出指标", "数量指标", "服务老人人次", "≥", "5000", "人次", "5200", "50", "50", "",
    "效益指标", "社会效益指标", "助餐服务覆盖率", "≥", "80", "%", "70", "25", "21", "部分站点未开餐",
    "满意度指标", "服务对象满意度指标", "老人满意度", "≥", "90", "%", "93", "15", "15", "",
    "合计", "100", "95",
    "评价结论", "完成了年度目标。",
]


def test_cells_closed_by_pipes_with_blank_cells():
    text = "\n".join(c + " |" if c else "|" for c in PIPE_CELLS) + "\n"
    report = parse(text)
    (form,) = report.forms
    total = next(r for r in form.funds if r.role == "total")
    assert {k: c.text for k, c in total.cells.items()} == {
        "initial": "60.00", "adjusted": "64.00", "executed": "57.60", "rate": "90.00%", "weight": "10", "score": "9"}
    got = [(r.label, r.cells["target"].text, r.cells["actual"].text, r.cells["weight"].text, r.cells["score"].text)
           for r in form.indicators]
    assert got == [("服务老人人次", "5000", "5200", "50", "50"), ("助餐服务覆盖率", "80", "70", "25", "21"),
                   ("老人满意度", "90", "93", "15", "15")]
    assert form_results(report, "fail") == []
    kinds = {c.kind for c in form_results(report, "pass")}
    assert {"rate", "rate_score", "weight_sum", "score_sum", "level_weight"} <= kinds
    # the form's instruction states a threshold, not a rate of the project
    assert not [c for c in report.checks if c.rule == "rate" and "90%" in (c.message or "")
                and c.status == "skipped"]
    planted = text.replace("57.60 |\n90.00% |\n10 |", "57.60 |\n92.00% |\n10 |", 1)
    assert any(c.kind == "rate" and "92.00%" in c.message for c in form_results(parse(planted), "fail"))


def test_one_cell_per_line_without_a_weight_column():
    """一级指标 | 二级指标 | 三级指标 | 目标值 | 完成值 | 得分 (no 分值): a row is its
    name and three cells; a level cell stating its points is not compared
    without the rows' 分值."""
    cells = ["项目名称", "村级活动场所修缮", "项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "执行率", "得分",
             "年度资金总额", "30", "30", "27", "90%", "9",
             "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分",
             "产出指标(50分)", "数量指标", "修缮活动室(≥间)", "12", "12", "20",
             "维修屋面(≥平方米)", "300", "320", "20",
             "质量指标", "验收合格率(%)", "100", "100", "10"]
    report = parse("\n".join(cells) + "\n")
    (form,) = report.forms
    got = [(r.label, r.cells["target"].text, r.cells["actual"].text, r.cells["score"].text) for r in form.indicators]
    assert got == [("修缮活动室(≥间)", "12", "12", "20"), ("维修屋面(≥平方米)", "300", "320", "20"),
                   ("验收合格率(%)", "100", "100", "10")]
    assert not any("weight" in r.cells for r in form.indicators)
    assert form_results(report, "fail") == []
