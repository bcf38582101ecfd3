"""Forms in pipe rows as published by provinces (a field trial on real
reports found them): the 预算执行情况 block and the 绩效指标 block each with
a header row of its own, a group cell (年度预算数（万元）) over the amount
columns flattened into the header, a header whose first cell sits on the
line before, data rows without the header's group label cell, and a form
cut before its 绩效指标 block.

Forms flattened to one cell per line as real documents give them: a
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


def _blocks(total_row: str) -> str:
    return "\n".join([
        "部门预算项目支出绩效自评表(2024年度) | ||||||||||",
        "项目名称 | 2024年社区图书室图书更新经费 | |||||||||",
        "主管部门 | 某区文化旅游局 | 实施单位 | 某区图书馆 | |||||||",
        "预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 | 原因 | ||",
        total_row,
        "其中:财政资金 | 30.00 | 40.00 | 36.00 | 90.00% | / | / | ||||",
        "财政专户管理资金 | 0.00 | 0.00 | 0.00 | 0.00% | / | / | ||||",
        "单位资金 | 0.00 | 0.00 | 0.00 | 0.00% | / | / | ||||",
        "其他资金 | / | / | ||||||||",
        "绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析 |",
        "产出指标 | 数量指标 | 新增图书册数 | ≥ | 3000 | 册 | 3200 | 30 | 30 | ||",
        "产出指标 | 时效指标 | 上架完成时间 | ≤ | 11 | 月 | 10 | 20 | 20 | ||",
        "效益指标 | 社会效益指标 | 居民阅读条件 | 定性 | 改善 | | 改善 | 20 | 20 | ||",
        "满意度指标 | 服务对象满意度指标 | 读者满意度 | ≥ | 90 | % | 96 | 20 | 20 | ||",
        "合计 | 100 | 99 | |||||||||",
    ]) + "\n"


CLEAN_TOTAL = "总额 | 30.00 | 40.00 | 36.00 | 90.00% | 10 | 9 | 1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因; | |||"


def test_blocks_with_own_headers_read_by_column_words():
    report = parse(_blocks(CLEAN_TOTAL))
    (form,) = report.forms
    total = next(r for r in form.funds if r.role == "total")
    assert {k: c.text for k, c in total.cells.items()} == {
        "initial": "30.00", "adjusted": "40.00", "executed": "36.00", "rate": "90.00%", "weight": "10", "score": "9"}
    names = [r.label for r in form.indicators]
    assert names == ["新增图书册数", "上架完成时间", "居民阅读条件", "读者满意度"]
    assert form.indicators[2].cells["weight"].text == "20" and form.indicators[2].cells["score"].text == "20"
    assert form_results(report, "fail") == []
    kinds = {c.kind for c in form_results(report, "pass")}
    assert {"rate", "rate_score", "weight_sum", "score_sum", "level_weight"} <= kinds


def test_planted_rate_in_a_block_form_fails():
    planted = CLEAN_TOTAL.replace("90.00% | 10 | 9", "95.00% | 10 | 9")
    failed = form_results(parse(_blocks(planted)), "fail")
    assert any(c.kind == "rate" and "95.00%" in c.message for c in failed)


def test_header_first_cell_on_the_line_before():
    text = "\n".join([
        "| 2024年度项目支出绩效自评表 | ||||||||||",
        "| 项目名称 |",
        "2024年农田灌溉渠道清淤经费 |",
        "|||||||||",
        "|",
        "项目资金 (万元) |",
        "年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | ||||",
        "| 年度资金总额 | 8.40 | 8.40 | 8.40 | 10.00 | 100% | 10.00 | ||||",
        "| 其中:当年财政拨款 | 8.40 | 8.40 | 8.40 | 100% | ||||||",
        "| 上年结转资金 | ||||||||||",
    ]) + "\n"
    report = parse(text)
    (form,) = report.forms
    total = next(r for r in form.funds if r.role == "total")
    assert {k: c.text for k, c in total.cells.items()} == {
        "initial": "8.40", "adjusted": "8.40", "executed": "8.40", "weight": "10.00", "rate": "100%", "score": "10.00"}
    current = next(r for r in form.funds if r.role == "current")
    assert current.cells["executed"].text == "8.40" and current.cells["rate"].text == "100%"
    assert form.funds_unit == "万元"
    assert form_results(report, "fail") == []
    assert any(c.kind == "rate_score" and c.status == "pass" for c in form_results(report))


def test_form_cut_before_its_indicator_block_is_no_sum_error():
    """A text starting at a form's 绩效指标（90分） block: its 合计 100 counts the
    funds block's 10 points, which the text does not hold."""
    text = "\n".join([
        "绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析 |",
        "产出指标 | 数量指标 | 维修路灯数量 | ≥ | 40 | 盏 | 45 | 50 | 50 | ||",
        "效益指标 | 社会效益指标 | 夜间照明覆盖率 | ≥ | 95 | % | 98 | 40 | 40 | ||",
        "合计 | 100 | |||||||||",
    ]) + "\n"
    results = form_results(parse(text))
    assert not [c for c in results if c.status == "fail"]
    assert any(c.kind == "level_weight" and c.status == "pass" for c in results)
    planted = text.replace("| 40 | 40 | ||", "| 30 | 30 | ||")
    assert any(c.kind == "level_weight" and c.status == "fail" for c in form_results(parse(planted)))


def test_indicator_header_split_over_lines_with_rows_opening_with_a_pipe():
    """绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 over 二级指标 | 三级指标 | … ,
    the 一级指标 cell on the line before, rows written with edge pipes."""
    text = "\n".join([
        "| 2024年度项目支出绩效自评表 | ||||||||||",
        "| 项目名称 | 2024年河道保洁经费 | |||||||||",
        "|",
        "项目资金 (万元) |",
        "年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | ||||",
        "| 年度资金总额 | 6.00 | 6.00 | 5.70 | 10.00 | 95% | 9.50 | ||||",
        "| 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | |||||",
        "|",
        "一级 指标 |",
        "二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | |||||",
        "| 产出指标 | 数量指标 | 保洁河道长度 | ≥ | 12 | 公里 | 12 | 50.00 | 50.00 | ||",
        "| 质量指标 | 水面漂浮物清除率 | ≥ | 95 | % | 96 | 20 | 20 | |||",
        "| 满意度指标 | 服务对象满意度指标 | 沿岸居民满意度 | ≥ | 90 | % | 80 | 20.00 | 17.00 | 宣传不够 |",
    ]) + "\n"
    report = parse(text)
    (form,) = report.forms
    assert form.stage == "self_evaluation"
    got = [(r.cells["level1"].text, r.label, r.cells["target"].text, r.cells["actual"].text,
            r.cells["weight"].text, r.cells["score"].text) for r in form.indicators]
    assert got == [("产出指标", "保洁河道长度", "12", "12", "50.00", "50.00"),
                   ("产出指标", "水面漂浮物清除率", "95", "96", "20", "20"),
                   ("满意度指标", "沿岸居民满意度", "90", "80", "20.00", "17.00")]
    assert form_results(report, "fail") == []
    missed = [i for i in report.indicators if i.name == "沿岸居民满意度"]
    assert missed and missed[0].met is False


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


def test_rate_column_in_percent_written_bare():
    """执行率（%） | 95: the cells are percents; a bare figure above 1 under
    a rate the header does not state in percent is never scaled to 9500%."""
    text = "\n".join([
        "项目支出绩效自评表",
        "项目名称\t道路维修",
        "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率（%）\t得分",
        "年度资金总额\t80\t80\t76\t10\t95\t9.5",
        "其中：当年财政拨款\t80\t80\t76\t—\t95\t—",
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
        "产出指标\t数量指标\t维修道路长度\t≥8公里\t8公里\t90\t90",
        "总分\t\t\t\t\t100\t99.5",
    ]) + "\n"
    results = form_results(parse(text))
    assert not [c for c in results if c.status == "fail"]
    assert {"rate", "rate_score"} <= {c.kind for c in results if c.status == "pass"}
    bad = form_results(parse(text.replace("\t95\t9.5", "\t95\t9").replace("\t99.5", "\t99")), "fail")
    assert [c.kind for c in bad] == ["rate_score"]
    unnamed = text.replace("执行率（%）", "执行率")
    assert not [c for c in form_results(parse(unnamed)) if c.kind == "rate_score"]


def _cells_of(text: str) -> list[str]:
    return [c.strip() for line in text.splitlines() for c in line.split("|") if c.strip()]


def test_block_form_one_cell_per_line_without_blank_cells():
    """The 预算执行情况 / 绩效指标 form copied one cell per line, blank cells
    gone: an indicator row is found by its 指标性质 cell."""
    cells = _cells_of(_blocks(CLEAN_TOTAL))
    report = parse("\n".join(cells) + "\n")
    (form,) = report.forms
    got = [(r.label, r.cells["target"].text, r.cells["actual"].text, r.cells["weight"].text, r.cells["score"].text)
           for r in form.indicators]
    assert got == [("新增图书册数", "3000", "3200", "30", "30"), ("上架完成时间", "11", "10", "20", "20"),
                   ("居民阅读条件", "改善", "改善", "20", "20"), ("读者满意度", "90", "96", "20", "20")]
    assert form_results(report, "fail") == []
    assert {"weight_sum", "score_sum"} <= {c.kind for c in form_results(report, "pass")}
    planted = [("95.00%" if c == "90.00%" else c) for c in cells]
    planted[planted.index("95.00%") + 1:] = [("90.00%" if c == "95.00%" else c) for c in planted[planted.index("95.00%") + 1:]]
    assert any(c.kind == "rate" for c in form_results(parse("\n".join(planted) + "\n"), "fail"))


def test_a_row_without_its_operator_cell_leaves_the_sums_unread():
    cells = _cells_of(_blocks(CLEAN_TOTAL))
    k = cells.index("上架完成时间")
    del cells[k + 1]  # its 指标性质 cell blank and gone
    report = parse("\n".join(cells) + "\n")
    assert not [c for c in form_results(report) if c.kind in ("weight_sum", "score_sum", "level_weight")
                and c.status == "fail"]


def _space_aligned(text: str) -> str:
    """The pipe rows as columns aligned with spaces (CJK two wide), each
    cell at its pipe position's column, as a text export lays them."""
    import unicodedata

    def width(t: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in t)

    rows = [[c.strip() for c in line.split("|")] for line in text.splitlines()]
    for r in rows:
        while r and not r[-1]:
            r.pop()
    widths = [min(16, max(width(r[j]) for r in rows if j < len(r))) for j in range(max(map(len, rows)))]
    return "\n".join("   ".join(c + " " * max(0, widths[j] - width(c)) for j, c in enumerate(r)).rstrip()
                     for r in rows) + "\n"


def test_block_form_space_aligned():
    """Space-aligned, the 总额 row's figures stand under the header's cells
    from 年度预算数（万元） on: read by the column words; the form's 总分 row
    is no table total of the whole form read as one table."""
    report = parse(_space_aligned(_blocks(CLEAN_TOTAL)))
    (form,) = report.forms
    total = next(r for r in form.funds if r.role == "total")
    assert {k: c.text for k, c in total.cells.items()} == {
        "initial": "30.00", "adjusted": "40.00", "executed": "36.00", "rate": "90.00%", "weight": "10", "score": "9"}
    assert [c for c in report.checks if c.status == "fail" and c.severity == "error"] == []
    planted = _space_aligned(_blocks(CLEAN_TOTAL.replace("| 10 | 9 |", "| 10 | 8 |")))
    assert [c.kind for c in form_results(parse(planted), "fail")] == ["rate_score", "score_sum"]
