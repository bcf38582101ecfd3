"""Forms in pipe rows as published by provinces (a field trial on real
reports found them): the 预算执行情况 block and the 绩效指标 block each with
a header row of its own, a group cell (年度预算数（万元）) over the amount
columns flattened into the header, a header whose first cell sits on the
line before, data rows without the header's group label cell, and a form
cut before its 绩效指标 block.

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
