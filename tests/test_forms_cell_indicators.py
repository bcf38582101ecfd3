"""A scored indicator block standing without a funds block, laid out one
cell per line (a web page copied as text: 三级指标 / 指标值 / 完成值 / 分值 /
得分 each on a line of its own), is read as a form.

Figures made up for these tests."""

from __future__ import annotations

from decimal import Decimal

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source

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
