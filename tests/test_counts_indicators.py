"""Counts in words (issue 14, item 3) that the earlier readings left out:
a count of none that names its items, and the indicators set against the
rows of the report's self-evaluation table. Excerpts written for these
tests, each with its own figures."""

from __future__ import annotations

from test_checks_forms import TITLE, checks_of, of


def counts(text: str, status=None):
    return of(checks_of(text), "count_in_words", status)


def test_a_count_of_none_that_lists_its_items_fails():
    text = "一、基本情况\n\n县档案馆内设科室{}个，分别为综合科、征集科、保管利用科。\n"
    assert [r.status for r in counts(text.format("3"))] == ["pass"]
    assert [r.status for r in counts(text.format("0"))] == ["fail"]
    # one may name a single thing with its parts: no count of the list
    assert not counts("一、基本情况\n\n下设1个服务中心，包括咨询窗口、受理窗口。\n")


TABLE = """| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 预算执行 | 预算执行率 | 资金支付率 | 100% | 96.20% | 10 | 9.6 |
| 产出指标 | 数量指标 | 修缮古籍册数 | ≥600册 | 640册 | 15 | 15 |
|  |  | 举办专题展览 | ≥4场 | 5场 | 15 | 15 |
|  | 质量指标 | 修缮验收合格率 | ≥95% | 98.5% | 15 | 15 |
|  | 时效指标 | 展览按期开放率 | 100% | 100% | 10 | 10 |
| 效益指标 | 社会效益指标 | 参观人次 | ≥2万人次 | 2.36万人次 | 20 | 20 |
| 满意度指标 | 服务对象满意度指标 | 观众满意度 | ≥90% | 94.1% | 15 | 15 |
| 合计 |  |  |  |  | 100 | 99.6 |
"""


def report(sentence: str) -> str:
    return f"一、绩效目标设定情况\n\n{sentence}\n\n二、绩效自评表\n\n{TABLE}"


def test_the_indicators_set_against_the_rows_of_the_self_evaluation_table():
    # seven rows: the count with or without the budget's execution rate row
    for n in ("7", "七", "6"):
        found = counts(report(f"今年为本项目设置三级指标{n}项，覆盖产出、效益、满意度三类。"))
        assert [r.status for r in found] == ["pass"], n
    assert [r.status for r in counts(report("今年为本项目设置三级指标8项。"))] == ["fail"]


def test_indicators_set_beside_them_add_to_the_count():
    text = "馆里确定整体绩效指标{}项，另设资金支付率指标1项。"
    assert [r.status for r in counts(report(text.format("6")))] == ["pass"]
    # with one set beside them, 7 + 1 is no reading of seven rows
    assert [r.status for r in counts(report(text.format("7")))] == ["fail"]


def test_a_count_of_a_category_or_a_level_of_indicators_is_not_the_table():
    for text in ("其中设置产出指标4项。", "本项目设置一级指标3个。", "共设置满意度指标1项、效益指标2项。",
                 "全馆12个项目共设置绩效指标96项。", "下一年度拟设置三级指标9项。"):
        assert not counts(report(text)), text


def test_an_enumeration_running_on_over_lines_is_counted_whole():
    # the count and 一是 share a line; 二是, 三是 open the lines after
    text = ("一、履职情况\n\n年度重点工作如下（共{}项）：\n一是开展普法宣传：全年宣讲42场。\n"
            "二是办理援助案件：全年办结118件。\n三是调解矛盾纠纷：成功调解306起。\n\n二、问题\n\n另有不足。\n")
    assert [(r.status, r.expected) for r in counts(text.format("三"))] == [("pass", "3")]
    found = counts(text.format("四"))
    assert [(r.status, r.expected) for r in found] == [("fail", "3")]
    assert found[0].message.startswith("“四项”")  # the aside's closing bracket is no part of the count
    # a line that does not open with the next item ends the run
    broken = text.format("三").replace("\n三是调解", "\n此外，三是调解")
    assert [(r.status, r.expected) for r in counts(broken)] == [("fail", "2")]


def test_a_count_before_the_first_heading_is_read():
    # a report (or a page) whose lead-in states a count before any heading
    text = "某县档案馆2023年度部门整体支出绩效自评报告\n\n年内开展了三项重点工作：档案征集、数字化扫描、查档服务、业务培训。\n\n一、基本情况\n\n另有说明。\n"
    found = counts(text)
    assert [(r.status, r.expected) for r in found] == [("fail", "4")]
    lines = (TITLE + text).splitlines()
    assert found[0].locations[0].line == next(i for i, t in enumerate(lines, 1) if t.startswith("年内开展了"))


def test_a_list_in_brackets_after_the_counted_noun():
    text = "一、实施内容\n\n项目内容分为三块（清查核实、张榜公示、资金兑付、资料归档），由各股室分工落实。\n"
    assert [(r.status, r.expected) for r in counts(text)] == [("fail", "4")]
    assert [r.status for r in counts(text.replace("、资料归档", ""))] == ["pass"]
    # an aside in brackets names a part, not the list
    aside = "一、实施内容\n\n共实施项目5个（其中新建项目清查核实、张榜公示），均按期完成。\n"
    assert counts(aside) == []
    # nor one-character alternatives of the noun before the clause goes on
    qualifier = "一、实施内容\n\n在全市7个县（市、区）建立服务站点，覆盖全部乡镇。\n"
    assert counts(qualifier) == []
