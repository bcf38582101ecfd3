"""A scored indicator block standing without a funds block, laid out one
cell per line (a web page copied as text: 三级指标 / 指标值 / 完成值 / 分值 /
得分 each on a line of its own), is read as a form.

Figures made up for these tests."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source
from test_forms_flattened import _aligned, _display

HEAD = "2024年度某县水利局部门整体支出绩效自评报告\n\n（三）绩效指标完成情况\n表2  部门整体支出绩效指标完成情况\n"
COLUMNS = ["三级指标", "指标值", "完成值", "分值", "得分"]
ROWS = [["预算执行率", "100%", "96.50%", "20", "19.30"],
        ["堤防加固长度", "≥12公里", "12.4公里", "30", "30"],
        ["灌区渠道维修处数", "≥40处", "36处", "20", "18"],
        ["群众满意度", "≥90%", "94%", "30", "30"]]


def text(total_weight="100", total_score="97.30", rows=ROWS) -> str:
    cells = COLUMNS + [c for r in rows for c in r] + ["合计", total_weight, total_score]
    return HEAD + "\n".join(cells) + "\n\n四、存在问题\n渠道维修进度偏慢，下一步加快施工。\n"


def parse(t: str):
    src = source_from_text(t)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))


def failed(report):
    return [c for c in report.checks if c.rule == "form" and c.status == "fail"]


def test_cell_per_line_indicator_block_is_a_form():
    t = text()
    report = parse(t)
    assert len(report.forms) == 1
    form = report.forms[0]
    assert form.layout == "cell_per_line" and form.kind == "department" and not form.funds
    got = [[row.cells[k].text for k in ("name", "target", "actual", "weight", "score")] for row in form.indicators]
    assert got == ROWS
    assert (form.total["weight"].value, form.total["score"].value) == (Decimal("100"), Decimal("97.30"))
    for row in form.indicators:
        for c in row.cells.values():
            assert t[c.location.start:c.location.end] == c.text
    assert failed(report) == []
    # the report's indicators are the form's, the missed one found
    missed = [i.name for i in report.indicators if i.met is False]
    assert missed == ["预算执行率", "灌区渠道维修处数"]


def test_cell_per_line_block_arithmetic_is_checked():
    assert [c.kind for c in failed(parse(text(total_score="98.30")))] == ["score_sum"]
    assert [c.kind for c in failed(parse(text(total_weight="90")))] == ["weight_sum"]


def test_header_words_on_lines_without_a_scored_block_are_no_form():
    # 指标值 and 完成值 without 分值/得分: not a scored block, nothing read
    t = HEAD + "\n".join(["三级指标", "指标值", "完成值"] + [c for r in ROWS for c in r[:3]]) + "\n"
    assert parse(t).forms == []


# --------------------------------------------------------------------------
# The target template's 中期 and 年度 indicator sets side by side

TARGET_HEAD = [["项目名称", "乡镇养老驿站运营补助"], ["主管部门", "某县民政局"],
               ["项目资金（万元）", "中期资金总额", "360.00", "年度资金总额", "130.00"],
               ["", "其中：财政拨款", "330.00", "其中：当年财政拨款", "120.00"],
               ["总体目标", "中期目标", "年度目标"],
               ["", "三年内驿站覆盖全县行政村的七成", "年内新建驿站十二个并投入运营"]]
SETS_HEADER = ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"]
SETS_ROWS = [["", "产出指标", "数量指标", "驿站覆盖行政村数", "≥60个", "数量指标", "年内新建驿站数", "≥12个"],
             ["", "", "质量指标", "服务规范达标率", "≥95%", "质量指标", "护理员持证上岗率", "≥90%"],
             ["", "效益指标", "社会效益指标", "老人就近服务率", "≥80%", "社会效益指标", "助餐服务人次", "≥2万人次"],
             # the 年度 set one row longer: the 中期 cells blank
             ["", "", "", "", "", "社会效益指标", "志愿服务人次", "≥500人次"]]
# (period, 一级, 二级, 三级, 指标值) in reading order
SETS_EXPECTED = [("中期", "产出指标", "数量指标", "驿站覆盖行政村数", "≥60个"),
                 ("年度", "产出指标", "数量指标", "年内新建驿站数", "≥12个"),
                 ("中期", "产出指标", "质量指标", "服务规范达标率", "≥95%"),
                 ("年度", "产出指标", "质量指标", "护理员持证上岗率", "≥90%"),
                 ("中期", "效益指标", "社会效益指标", "老人就近服务率", "≥80%"),
                 ("年度", "效益指标", "社会效益指标", "助餐服务人次", "≥2万人次"),
                 ("年度", "效益指标", "社会效益指标", "志愿服务人次", "≥500人次")]


def _target_form(layout: str) -> str:
    rows = TARGET_HEAD + [SETS_HEADER] + SETS_ROWS
    if layout == "tab":
        lines = ["\t".join(r) for r in rows]
    elif layout == "space":  # columns aligned by display width
        lines = _aligned(rows, width=_display)
    else:  # pipe_edges; blank cells kept
        lines = ["| " + " | ".join(r) + " |" for r in rows]
    return "2025年度项目支出绩效目标申报表\n\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize("layout", ["tab", "pipe_edges", "space"])
def test_side_by_side_sets_each_row_names_its_set(layout):
    t = _target_form(layout)
    report = parse(t)
    assert len(report.forms) == 1
    form = report.forms[0]
    assert form.stage == "target" and form.layout == layout
    got = [(r.period, r.cells["level1"].text, r.cells["level2"].text, r.cells["name"].text, r.cells["target"].text)
           for r in form.indicators]
    assert got == SETS_EXPECTED
    for row in form.indicators:
        for c in row.cells.values():
            assert t[c.location.start:c.location.end] == c.text
    # both sets are the report's targets, none checked as missed
    assert [i.name for i in report.indicators] == [e[3] for e in SETS_EXPECTED]
    assert all(i.met is None for i in report.indicators)


def test_one_set_names_no_period():
    report = parse(text())
    assert {r.period for r in report.forms[0].indicators} == {None}
    dumped = report.forms[0].model_dump(mode="json", exclude_defaults=True)
    assert all("period" not in r for r in dumped["indicators"])  # goldens unchanged
