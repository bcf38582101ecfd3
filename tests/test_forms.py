"""The national forms as records (issue 15): one form written in each layout
the corpus shows, read into the same record, and its own arithmetic checked.

The form (项目支出绩效自评表, made up for these tests):

    年度资金总额  100.00 120.00 114.00 10 95.00% 9.50     (114 / 120 = 95%)
    当年财政拨款  100.00 100.00  94.00  — 94.00%  —
    上年结转资金    0.00  20.00  20.00  — 100.00% —
    其他资金        0.00   0.00   0.00  —   —     —
    培训人次 ≥100人次 120人次 40 40; 合格率 ≥90% 95% 30 30;
    满意度 ≥90% 85% 20 18.89 (85 / 90 × 20);  总分 100 98.39
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source

TITLE = "2024年度培训项目支出绩效自评报告\n\n一、自评结论\n\n项目自评得分{total}分，评价等级为优。\n\n"

IDENTITY = [["项目名称", "基层培训项目"], ["主管部门", "某县教育局", "实施单位", "某县培训中心"]]
FUNDS_HEADER = ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
GOALS = [["年度总体目标", "预期目标", "完成基层培训100人次以上"],
         ["年度总体目标", "实际完成情况", "完成基层培训120人次"]]
IND_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
NOTE = "注：执行率得分=执行率×分值；未达标的定量指标按完成比例计分，保留两位小数。"


def funds(rate="95.00%", score="9.50", initial="100.00"):
    return [["年度资金总额", initial, "120.00", "114.00", "10", rate, score],
            ["其中：当年财政拨款", "100.00", "100.00", "94.00", "—", "94.00%", "—"],
            ["上年结转资金", "0.00", "20.00", "20.00", "—", "100.00%", "—"],
            ["其他资金", "0.00", "0.00", "0.00", "—", "—", "—"]]


def indicators(score3="18.89", weight1="40", score1="40"):
    return [["产出指标", "数量指标", "培训人次", "≥100人次", "120人次", weight1, score1, ""],
            ["", "质量指标", "培训考核合格率", "≥90%", "95%", "30", "30", ""],
            ["效益指标", "满意度指标", "学员满意度", "≥90%", "85%", "20", score3, "宣传不足，将改进"]]


def total_row(total="98.39"):
    return ["总分", "", "", "", "", "100", total, ""]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _aligned(rows: list[list[str]]) -> list[str]:
    """Rows as space-aligned columns (CJK characters two wide)."""
    n = max(len(r) for r in rows)
    widths = [max(_width(r[j]) if j < len(r) else 0 for r in rows) for j in range(n)]
    out = []
    for r in rows:
        cells = [c + " " * (widths[j] - _width(c)) for j, c in enumerate(r)]
        out.append("   ".join(cells).rstrip())
    return out


def render(layout: str, f=None, inds=None, total="98.39") -> str:
    f = f or funds()
    inds = inds or indicators()
    blocks = [IDENTITY, [FUNDS_HEADER] + f, GOALS, [IND_HEADER] + inds + [total_row(total)]]
    lines: list[str] = []
    if layout == "tab":
        lines = ["\t".join(r) for b in blocks for r in b]
    elif layout == "pipe_edges":
        lines = ["| " + " | ".join(r) + " |" for b in blocks for r in b]
    elif layout == "pipe":
        lines = [" | ".join(r) for b in blocks for r in b]
    elif layout == "space":
        for b in blocks:
            lines += _aligned(b) if b is not GOALS else [f"{r[1]}：{r[2]}" for r in b]
            lines.append("")
    elif layout == "cell_per_line":
        for b in blocks:
            for r in b:
                if b is GOALS:
                    lines += r[1:] if r[1] == "预期目标" else r[1:]
                    continue
                lines += [c for c in r if c]
        lines.insert(len(IDENTITY[0]) + len(IDENTITY[1]), "")
    elif layout == "label_value":
        lines = ["项目名称：基层培训项目", "主管部门：某县教育局", "实施单位：某县培训中心", ""]
        cols = FUNDS_HEADER[1:4]
        for r in f:
            pairs = [f"{c}{v}" for c, v in zip(cols, r[1:4])]
            if r[5] != "—" and r[0] != "年度资金总额":
                pairs.append(f"执行率{r[5]}")
            lines.append(f"{r[0].replace('其中：', '其中')}：" + "；".join(pairs))
        lines += [f"执行率：{f[0][5]}", f"执行率分值：{f[0][4]}", f"执行率得分：{f[0][6]}", ""]
        lines += [f"预期目标：{GOALS[0][2]}", f"实际完成情况：{GOALS[1][2]}", ""]
        level1 = ""
        for i, r in enumerate(inds, 1):
            level1 = r[0] or level1
            pairs = [f"年度指标值{r[3]}", f"实际完成值{r[4]}", f"分值{r[5]}", f"得分{r[6]}"]
            if r[7]:
                pairs.append(f"偏差原因：{r[7]}")
            lines.append(f"{i}.{level1}—{r[1]}—{r[2]}：" + "；".join(pairs))
        lines += ["", "合计分值：100", f"总得分：{total}"]
    return TITLE.format(total=total) + "项目支出绩效自评表\n" + "\n".join(lines) + "\n" + NOTE + "\n"


def parse(text: str):
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))


def failed(report, rule="form"):
    return [c for c in report.checks if c.rule == rule and c.status == "fail"]


LAYOUTS = ["tab", "pipe_edges", "pipe", "space", "cell_per_line", "label_value"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_gives_the_same_record(layout):
    report = parse(render(layout))
    assert len(report.forms) == 1
    form = report.forms[0]
    assert form.layout == layout
    assert form.kind == "project"
    assert {k: c.text for k, c in form.identity.items()} == {
        "project_name": "基层培训项目", "department": "某县教育局", "unit": "某县培训中心"}
    assert {k: c.text for k, c in form.goals.items()} == {
        "expected": "完成基层培训100人次以上", "actual": "完成基层培训120人次"}
    rows = {r.role: {k: c.value for k, c in r.cells.items()} for r in form.funds}
    assert rows["total"] == {"initial": Decimal("100.00"), "adjusted": Decimal("120.00"),
                             "executed": Decimal("114.00"), "weight": Decimal("10"),
                             "rate": Decimal("95.00"), "score": Decimal("9.50")}
    assert rows["current"]["executed"] == Decimal("94.00") and rows["current"]["rate"] == Decimal("94.00")
    assert rows["carryover"]["adjusted"] == Decimal("20.00")
    assert rows["other"] == {"initial": Decimal("0.00"), "adjusted": Decimal("0.00"), "executed": Decimal("0.00")}
    got = [{k: c.text for k, c in r.cells.items()} for r in form.indicators]
    assert [g["name"] for g in got] == ["培训人次", "培训考核合格率", "学员满意度"]
    assert [(g["target"], g["actual"], g["weight"], g["score"]) for g in got] == [
        ("≥100人次", "120人次", "40", "40"), ("≥90%", "95%", "30", "30"), ("≥90%", "85%", "20", "18.89")]
    assert [(g.get("level1"), g.get("level2")) for g in got] == [
        ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "满意度指标")]
    assert got[2]["deviation"] == "宣传不足，将改进"
    assert {k: c.value for k, c in form.total.items()} == {"weight": Decimal("100"), "score": Decimal("98.39")}
    assert form.note is not None and form.note.text == NOTE
    # every cell points at its own text in the source
    text = render(layout)
    for r in form.funds + form.indicators:
        for c in r.cells.values():
            assert text[c.location.start:c.location.end] == c.text
    # the form's rows are the report's indicators, read with their targets
    inds = [i for i in report.indicators if i.table == form.id]
    assert [i.met for i in inds] == [True, True, False]
    # a clean form: every relation holds, and the self-score is not summed
    # without the 执行率得分 (98.39 is 9.50 + 40 + 30 + 18.89)
    assert failed(report) == [] and failed(report, "score_grade") == []
    kinds = {c.kind for c in report.checks if c.rule == "form"}
    assert {"rate", "rate_score", "funds_sum", "weight_sum", "score_sum"} <= kinds


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_wrong_execution_rate_is_one_finding_at_its_cell(layout):
    # 114 / 120 = 95.00%, stated 96.00% (the 得分 follows the wrong rate)
    report = parse(render(layout, f=funds(rate="96.00%", score="9.60"), total="98.49"))
    bad = failed(report)
    assert [c.kind for c in bad] == ["rate"]
    assert "96.00%" in bad[0].message and bad[0].expected == "95.00%"
    rate_cell = report.forms[0].funds[0].cells["rate"]
    assert bad[0].locations[0].line == rate_cell.location.line


@pytest.mark.parametrize("layout", LAYOUTS)
def test_form_sums_rate_score_and_caps(layout):
    # 执行率得分 9.05 against 10 × 95.00% = 9.50 (总分 follows it)
    report = parse(render(layout, f=funds(score="9.05"), total="97.94"))
    assert [c.kind for c in failed(report)] == ["rate_score"]
    assert failed(report)[0].expected == "9.50"
    # 总分 98.93 against 9.50 + 40 + 30 + 18.89 = 98.39
    report = parse(render(layout, total="98.93"))
    bad = failed(report)
    assert [c.kind for c in bad] == ["score_sum"] and bad[0].expected == "98.39"
    # 年度资金总额 年初预算数 110.00 against 100.00 + 0.00 + 0.00
    report = parse(render(layout, f=funds(initial="110.00")))
    bad = failed(report)
    assert [c.kind for c in bad] == ["funds_sum"] and bad[0].expected == "100.00"
    # an indicator scored 42 on a 分值 of 40, and the 分值 adding to 102
    report = parse(render(layout, inds=indicators(weight1="42", score1="42"), total="100.39"))
    assert sorted(c.kind for c in failed(report)) == ["weight_sum"]
    report = parse(render(layout, inds=indicators(score1="42"), total="100.39"))
    bad = failed(report)
    assert [c.kind for c in bad] == ["score_cap"] and "42" in bad[0].message


def test_department_form_with_basic_and_project_rows():
    rows = [["年度资金总额", "100.00", "120.00", "114.00", "10", "95.00%", "9.50"],
            ["其中：基本支出", "60.00", "70.00", "70.00", "—", "100.00%", "—"],
            ["项目支出", "40.00", "50.00", "44.00", "—", "88.00%", "—"]]
    report = parse(render("tab", f=rows).replace("项目支出绩效自评表\n", "部门整体支出绩效自评表\n"))
    form = report.forms[0]
    assert form.kind == "department" and [r.role for r in form.funds] == ["total", "basic", "project"]
    assert failed(report) == []
    rows[2][3] = "46.00"  # executed no longer adds up, nor its rate
    report = parse(render("tab", f=rows))
    assert sorted(c.kind for c in failed(report)) == ["funds_sum", "rate"]


def test_spending_above_budget_may_be_stated_as_a_capped_rate():
    rows = funds()
    rows[3] = ["其他资金", "0.00", "10.00", "12.60", "—", "100.00%", "—"]
    rows[0] = ["年度资金总额", "100.00", "130.00", "126.60", "10", "97.38%", "9.74"]
    report = parse(render("tab", f=rows, total="98.63"))
    assert failed(report) == []


def test_two_row_header_and_wrapped_cell():
    text = TITLE.format(total="98.39") + "\n".join([
        "项目支出绩效自评表",
        "项目资金\t年初\t全年\t全年\t分值\t执行率\t得分",
        "（万元）\t预算数\t预算数\t执行数\t\t\t",
        "年度资金总额\t100.00\t120.00\t114.00\t10\t95.00%\t9.50",
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
        "产出指标\t数量指标\t培训人次\t≥100人次\t120人次\t40\t40\t",
        "\t质量指标\t培训考核\t≥90%\t95%\t30\t30\t",
        "\t\t合格率\t\t\t\t\t",
        "效益指标\t满意度指标\t学员满意度\t≥90%\t85%\t20\t18.89\t宣传不足，",
        "\t\t\t\t\t\t\t将改进",
        "总分\t\t\t\t\t100\t98.39\t",
    ]) + "\n"
    form = parse(text).forms[0]
    assert {k: c.text for k, c in form.funds[0].cells.items()}["adjusted"] == "120.00"
    assert [r.label for r in form.indicators] == ["培训人次", "培训考核合格率", "学员满意度"]
    assert form.indicators[2].cells["deviation"].text == "宣传不足，将改进"


def test_stated_bands_and_restated_total():
    bands = "根据评分标准，99分（含）以上为优秀，85分（含）至99分为良好，60分（含）至85分为合格，60分以下为不合格。"
    text = render("tab").replace("评价等级为优。", "评价等级为优秀。" + bands)
    bad = failed(parse(text), "score_grade")
    assert [c.kind for c in bad] == ["score_grade"] and bad[0].expected == "良好"
    # the conclusion restates 总分 98.39 as 98.93
    text = render("tab").replace("项目自评得分98.39分", "项目自评得分98.93分")
    bad = failed(parse(text), "score_grade")
    assert [c.kind for c in bad] == ["restated_total"] and bad[0].expected == "98.39"


F01 = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "forms" / \
    "f01_canglanxian_jiaoyuju_2023_xiangmu_zipingbiao.txt"


@pytest.mark.skipif(not F01.exists(), reason="corpus not present")
def test_corpus_f01_field_by_field():
    from extract.pipeline import parse_file

    report = parse_file(F01)
    form = report.forms[0]
    assert form.layout == "tab" and form.identity["project_name"].text == "义务教育薄弱环节改善与能力提升补助资金"
    total = {k: (c.text, c.location.line) for k, c in form.funds[0].cells.items()}
    assert total == {"initial": ("1,260.00", 9), "adjusted": ("1,386.50", 9), "executed": ("1,312.84", 9),
                     "weight": ("10", 9), "rate": ("94.69%", 9), "score": ("9.47", 9)}
    assert [r.role for r in form.funds] == ["total", "current", "carryover", "other"]
    assert form.funds[1].cells["rate"].text == "96.15%"
    assert len(form.indicators) == 11 and form.indicators[1].cells["score"].text == "7.36"
    assert form.total["score"].text == "98.83"
    # the planted 执行率 (1,186.34 / 1,260.00 = 94.15%, stated 96.15%) and nothing else
    bad = failed(report)
    assert [(c.kind, c.locations[0].line, c.expected) for c in bad] == [("rate", 10, "94.15%")]
    assert failed(report, "score_grade") == []
