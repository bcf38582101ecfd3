"""Forms as a field trial found them: an indicator header opening with a group
label the data rows lack, a funds block flattened to one line per row with
its values run together, and a 得分 written as got/max (an OCR'd form).

Figures made up for these tests (the form of tests/test_forms.py)."""

from __future__ import annotations

from decimal import Decimal

import unicodedata

import pytest

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source
from extract.span import SourceText
from extract.structure.tables import build_table, split_cells

TITLE = "2024年度培训项目支出绩效自评报告\n\n项目自评得分{total}分。\n\n项目支出绩效自评表\n项目名称：基层培训项目\n"
FUNDS_HEADER = ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
GROUP_HEADER = ["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                "偏差原因"]
# rows without the group label's cell; the second leaves its merged 一级指标 blank
INDICATORS = [["产出指标", "数量指标", "培训人次", "≥100人次", "120人次", "40", "40"],
              ["", "质量指标", "考核合格率", "≥90%", "95%", "30", "30"],
              ["效益指标", "满意度指标", "学员满意度", "≥90%", "81%", "20", "18", "宣传不足"]]
TOTAL = ["总分", "", "", "", "", "100", "98"]


def parse(text: str):
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))


def failed(report):
    return [c for c in report.checks if c.rule == "form" and c.status == "fail"]


def _display(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _aligned(rows: list[list[str]], width=len) -> list[str]:
    """Rows as columns aligned with spaces, short rows packed to the left;
    ``width``: one position per character (as pdftotext -layout writes them,
    and the text tables read them) or CJK two wide (as the form reader does)."""
    n = max(len(r) for r in rows)
    widths = [max(width(r[j]) if j < len(r) else 0 for r in rows) for j in range(n)]
    return ["   ".join(c + " " * (widths[j] - width(c)) for j, c in enumerate(r)).rstrip() for r in rows]


def render(rows: list[list[str]], layout: str, width=len) -> list[str]:
    if layout == "pipe_edges":
        return ["| " + " | ".join(r) + " |" for r in rows]
    if layout == "pipe":
        return [" | ".join(r) for r in rows]
    if layout == "tab":
        return ["\t".join(r) for r in rows]
    return _aligned(rows, width)


GROUP_LAYOUTS = ["pipe_edges", "pipe", "tab", "space"]


@pytest.mark.parametrize("layout", GROUP_LAYOUTS)
def test_a_leading_group_label_the_rows_lack_shifts_no_column(layout):
    """Each data row is one cell short of the header: its cells belong one
    column right (column meaning from the header's words)."""
    funds = ["\t".join(FUNDS_HEADER), "\t".join(["年度资金总额", "100.00", "120.00", "114.00", "10", "95.00%", "9.50"])]
    text = TITLE.format(total="98") + "\n".join(funds + render([GROUP_HEADER] + INDICATORS + [TOTAL], layout, _display)) + "\n"
    form = parse(text).forms[0]
    got = [{k: c.text for k, c in r.cells.items()} for r in form.indicators]
    assert [g["name"] for g in got] == ["培训人次", "考核合格率", "学员满意度"]
    assert [(g["target"], g["actual"], g["weight"], g["score"]) for g in got] == [
        ("≥100人次", "120人次", "40", "40"), ("≥90%", "95%", "30", "30"), ("≥90%", "81%", "20", "18")]
    assert [g.get("level1") for g in got] == ["产出指标", "产出指标", "效益指标"]
    assert got[2]["deviation"] == "宣传不足"
    for r in form.indicators:
        for c in r.cells.values():
            assert text[c.location.start:c.location.end] == c.text


def _table(lines: list[str]):
    source = SourceText("\n".join(lines) + "\n")
    rows = [split_cells(source.line_span(no)) for no in range(1, source.n_lines + 1)]
    return build_table("t1", [r for r in rows if r], source)


@pytest.mark.parametrize("layout", GROUP_LAYOUTS)
def test_text_table_aligns_rows_lacking_the_group_cell(layout):
    grid = _table(render([GROUP_HEADER] + INDICATORS, layout)).grid()
    assert grid[1][1:8] == ["产出指标", "数量指标", "培训人次", "≥100人次", "120人次", "40", "40"]
    assert grid[2][1:8] == ["产出指标", "质量指标", "考核合格率", "≥90%", "95%", "30", "30"]
    assert grid[3][1:] == ["效益指标", "满意度指标", "学员满意度", "≥90%", "81%", "20", "18", "宣传不足"]


def test_rows_that_print_the_group_cell_or_lack_a_last_cell_stay():
    # the merged cell printed once (full rows), and a header without a group
    # label whose rows lack only their blank last cell
    rows = [GROUP_HEADER, ["绩效指标"] + INDICATORS[0], [""] + INDICATORS[1]]
    grid = _table(render(rows, "tab")).grid()
    assert grid[1][:5] == ["绩效指标", "产出指标", "数量指标", "培训人次", "≥100人次"]
    assert grid[2][2:5] == ["质量指标", "考核合格率", "≥90%"]
    rows = [GROUP_HEADER[1:], INDICATORS[0], INDICATORS[2]]
    grid = _table(render(rows, "pipe")).grid()
    assert grid[1][:4] == ["产出指标", "数量指标", "培训人次", "≥100人次"]
    funds = [["序号", "项目名称", "预算数", "执行数", "备注"], ["1", "设备购置", "120.00", "118.50"]]
    assert _table(render(funds, "tab")).grid()[1] == ["1", "设备购置", "120.00", "118.50", ""]


INDICATOR_LINES = ["\t".join(r) for r in [GROUP_HEADER[1:]] + [INDICATORS[0], ["产出指标"] + INDICATORS[1][1:],
                                                               INDICATORS[2]] + [TOTAL]]


def flat_form(funds: list[str], header: str = " ".join(FUNDS_HEADER), total: str = "98") -> str:
    return TITLE.format(total=total) + "\n".join([header] + funds + INDICATOR_LINES) + "\n"


@pytest.mark.parametrize("header", [" ".join(FUNDS_HEADER), "\t".join(FUNDS_HEADER)])
def test_funds_values_run_together_are_read_by_header_order(header):
    rows = ["年度资金总额: 0 0 0 10 0 0", "其中:本年财政拨款 80 86.50 86.50 — 100.00% —",
            "上年结转资金 0 0 0 — — —", "其他资金 0 0 0 — — —"]
    text = flat_form(rows, header)
    form = parse(text).forms[0]
    by_role = {r.role: {k: c.value for k, c in r.cells.items()} for r in form.funds}
    assert by_role["total"] == {k: Decimal(v) for k, v in [("initial", "0"), ("adjusted", "0"), ("executed", "0"),
                                                            ("weight", "10"), ("rate", "0"), ("score", "0")]}
    assert by_role["current"] == {"initial": Decimal("80"), "adjusted": Decimal("86.50"),
                                  "executed": Decimal("86.50"), "rate": Decimal("100.00")}
    for r in form.funds:
        for c in r.cells.values():
            assert text[c.location.start:c.location.end] == c.text
    # the form's arithmetic runs: a total of 0 against a part of 80
    sums = [c for c in failed(parse(text)) if c.kind == "funds_sum"]
    assert [c.expected for c in sums] == ["80", "86.50", "86.50"]


def test_a_run_that_does_not_fit_the_header_is_not_guessed():
    # four values under six columns: which column each fills is unknown
    form = parse(flat_form(["年度资金总额 100 120 114 95%", "其中：当年财政拨款 100 120 114 95%"])).forms[0]
    assert all(not r.cells for r in form.funds) or not form.funds


def test_a_score_written_as_got_of_max():
    # 执行率 95%, 得分 9/10: 10 × 95% = 9.50, so 9 is wrong
    rows = ["年度资金总额 100.00 120.00 114.00 执行率 95.00% 得分 9/10",
            "其中：当年财政拨款 100.00 120.00 114.00 — — —"]
    text = flat_form(rows, total="97")
    report = parse(text)
    total = report.forms[0].funds[0]
    assert {k: c.text for k, c in total.cells.items()} == {
        "initial": "100.00", "adjusted": "120.00", "executed": "114.00", "rate": "95.00%", "score": "9",
        "weight": "10"}
    for c in total.cells.values():
        assert text[c.location.start:c.location.end] == c.text
    bad = [c for c in failed(report) if c.kind == "rate_score"]
    assert len(bad) == 1 and bad[0].expected == "9.50"
    # the pairs on a line of their own, and a 得分 above its 分值
    text = flat_form(["年度资金总额 100.00 120.00 114.00 — — —", "执行率 95.00% 得分 12/10"])
    report = parse(text)
    assert {k: c.text for k, c in report.forms[0].funds[0].cells.items() if k in ("weight", "score")} == {
        "score": "12", "weight": "10"}
    bad = [c for c in failed(report) if c.kind == "rate_score"]  # the cap joins the same finding
    assert len(bad) == 1 and "高于其分值 10" in bad[0].message
    # in a grid row's 得分 cell, and in a label/value line
    grid = ["\t".join(FUNDS_HEADER), "\t".join(["年度资金总额", "100.00", "120.00", "114.00", "", "95.00%", "9.5/10"])]
    total = parse(flat_form(grid[1:], grid[0])).forms[0].funds[0]
    assert (total.cells["score"].value, total.cells["weight"].value) == (Decimal("9.5"), Decimal("10"))
    lv = TITLE.format(total="98") + "年度资金总额：年初预算数100.00；全年预算数120.00；全年执行数114.00\n" \
        "执行率：95.00%\n执行率得分：9.5/10\n" + "\n".join(INDICATOR_LINES) + "\n"
    total = parse(lv).forms[0].funds[0]
    assert (total.cells["score"].value, total.cells["weight"].value) == (Decimal("9.5"), Decimal("10"))


LEVEL_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]


@pytest.mark.parametrize("layout", ["pipe_edges", "pipe", "tab"])
def test_a_row_lacking_its_merged_level_cells_stands_right(layout):
    """Under a header opening with 一级指标 (no group label), a row whose
    merged 一级指标 (or 一级 and 二级) cell is left out: its figures belong under
    the figure columns, not its first figure under 三级指标."""
    rows = [LEVEL_HEADER,
            ["产出指标", "数量指标", "新建站点", "≥12个", "12个", "20", "20"],
            ["时效指标", "完工时间", "≤11月", "10月", "20", "20"],     # lacks 一级
            ["覆盖人口", "≥800", "760", "20", "18"],                  # lacks 一级 and 二级
            ["效益指标", "满意度指标", "群众满意度", "≥90%", "93%", "20", "20"]]
    funds = ["\t".join(FUNDS_HEADER), "\t".join(["年度资金总额", "100.00", "120.00", "114.00", "10", "95.00%", "9.50"])]
    text = TITLE.format(total="98") + "\n".join(funds + render(rows, layout)) + "\n"
    form = parse(text).forms[0]
    got = [{k: c.text for k, c in r.cells.items()} for r in form.indicators]
    assert [g["name"] for g in got] == ["新建站点", "完工时间", "覆盖人口", "群众满意度"]
    assert [(g["target"], g["actual"], g["score"]) for g in got] == [
        ("≥12个", "12个", "20"), ("≤11月", "10月", "20"), ("≥800", "760", "18"), ("≥90%", "93%", "20")]
    assert got[1].get("level2") == "时效指标"


def test_a_provincial_pipe_form_rows_wrapped_after_their_name_and_a_reason_block():
    """A 项目支出绩效自评表 as some provinces print it (made-up figures): the
    funds header 预算数(A) | 执行数(B), the one row 年度财政资金总额, indicator
    rows wrapped after their name cell (figures alone on the next line) or
    lacking their merged 一级指标 cell, and the reasons of the misses in a
    block under 总分: the rows read whole, the misses owned, the total checked
    with the funds score in it."""
    lines = ["项目支出绩效自评表 |",
             "项目名称 | 2023年乡村道路养护项目 | |||||",
             "预算执行情况(万元)(20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) |",
             "||",
             "年度财政资金总额 | 300 | 240 | 0.8 | 16 | ||",
             "年度绩效目标 (80分) |",
             "一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |",
             "产出指标 | 数量指标 | 养护道路里程 (公里) |",
             "40 | 36 | 27 | |",
             "数量指标 | 修补路面面积(平方米) | 5000 | 5200 | 25 | ||",
             "满意度指标 | 服务对象满意度指标 | 沿线群众满意度(%) | 90 | 92 | 28 | |",
             "总分 | 96 | |||||",
             "偏差大或 目标未完成 原因分析 |",
             "一是雨季较长，部分路段养护推迟；二是个别路段改由交通部门实施。 | |||||"]
    report = parse("\n".join(lines) + "\n")
    form = report.forms[0]
    got = [{k: c.text for k, c in r.cells.items()} for r in form.indicators]
    assert [(g["name"], g.get("target"), g.get("actual"), g.get("score")) for g in got] == [
        ("养护道路里程 (公里)", "40", "36", "27"), ("修补路面面积(平方米)", "5000", "5200", "25"),
        ("沿线群众满意度(%)", "90", "92", "28")]
    assert [g.get("level1") for g in got] == ["产出指标", "产出指标", "满意度指标"]
    assert [r.role for r in form.funds] == ["total"]
    assert form.goals["deviation"].text.startswith("一是雨季较长")
    problems = [c for c in report.checks if c.status == "fail" and c.severity in ("error", "warning")]
    assert problems == [], [c.message for c in problems]
    miss = [c for c in report.checks if c.rule == "target" and c.status == "fail"]
    assert miss and all("偏差原因：一是雨季较长" in c.message for c in miss)
    assert any(c.rule == "form" and c.status == "pass" and "总分 96" in c.message for c in report.checks)


@pytest.mark.parametrize("layout", ["pipe_edges", "pipe", "tab"])
def test_a_full_row_whose_name_opens_with_a_figure_stays(layout):
    """A full row whose 三级指标 opens with digits (60岁以上…) and whose blank
    偏差原因 cell is left out is no row lacking its level cells."""
    header = LEVEL_HEADER + ["偏差原因"]
    rows = [header,
            ["产出指标", "数量指标", "60岁以上老人体检人数", "≥3000人", "3120人", "20", "20"],
            ["产出指标", "质量指标", "体检报告反馈率", "100%", "98%", "20", "19", "个别地址变更"]]
    funds = ["\t".join(FUNDS_HEADER), "\t".join(["年度资金总额", "100.00", "120.00", "114.00", "10", "95.00%", "9.50"])]
    text = TITLE.format(total="98") + "\n".join(funds + render(rows, layout)) + "\n"
    got = [{k: c.text for k, c in r.cells.items()} for r in parse(text).forms[0].indicators]
    assert [(g["level2"], g["name"], g["target"], g["score"]) for g in got] == [
        ("数量指标", "60岁以上老人体检人数", "≥3000人", "20"), ("质量指标", "体检报告反馈率", "100%", "19")]


def test_a_markdown_rule_line_under_the_header_is_no_indicator():
    rows = [LEVEL_HEADER, ["---"] * len(LEVEL_HEADER),
            ["产出指标", "数量指标", "新建站点", "≥12个", "12个", "20", "20"],
            ["效益指标", "满意度指标", "群众满意度", "≥90%", "93%", "20", "20"]]
    funds = ["\t".join(FUNDS_HEADER), "\t".join(["年度资金总额", "100.00", "120.00", "114.00", "10", "95.00%", "9.50"])]
    text = TITLE.format(total="98") + "\n".join(funds + render(rows, "pipe_edges")) + "\n"
    form = parse(text).forms[0]
    assert [r.cells["name"].text for r in form.indicators] == ["新建站点", "群众满意度"]
