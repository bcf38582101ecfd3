"""Differences, growth and restated figures missed in the s7 end measure
(planter11 F1-F6): each cause tested on excerpts written for these tests,
with their own figures, a passing and a failing twin.

- F1 A balance after 收入总额 / 收入共计 and 支出共计, or after 收支相抵 with bare
  收入 and 支出, is 收入 − 支出: the words pin the operands.
- F2 A balance of the whole that compares with the budget (对照年初预算，…结余X)
  names no subject of its own; one whose budget stands further up (in the
  first chapter, several sentences of figures before) takes every figure
  before it that the minuend words name.
"""

from __future__ import annotations

from test_checks_forms import of

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source


def report(text: str):
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))


def statuses(text: str, rule: str) -> list[str]:
    return [c.status for c in of(report(text).checks, rule)]


# ------------------------------------------------- F1 收入 − 支出

NETTED = """某县林业站2022年度部门整体支出绩效自评报告
一、收支情况
2022年度收入总额612.40万元。本年支出共计571.15万元。收支相抵后，年末尚有{}万元未使用。
"""


def test_a_balance_after_income_total_and_spending_is_their_difference():
    assert statuses(NETTED.format("41.25"), "difference") == ["pass"]
    bad = of(report(NETTED.format("44.25")).checks, "difference")
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "41.25万元"


BARE = """某县林业站2022年度部门整体支出绩效自评报告
一、收支情况
2022年收入318.60万元，支出290.10万元，收支相抵，结余{}万元。
"""


def test_a_netted_balance_takes_bare_income_and_spending():
    assert statuses(BARE.format("28.50"), "difference") == ["pass"]
    assert statuses(BARE.format("26.50"), "difference") == ["fail"]


def test_bare_income_without_netting_words_pins_nothing():
    text = BARE.replace("收支相抵，", "")
    assert "fail" not in statuses(text.format("26.50"), "difference")


# ------------------------------------------------- F2 the budget further up

COMPARED = """某县档案馆2021年度数字化加工项目支出绩效自评报告
一、项目基本情况
数字化加工项目由档案馆负责实施，2021年安排预算156.20万元。
（一）立项依据。根据档案信息化建设规划实施。
（二）实施内容。主要包括扫描、著录和质检。
二、资金使用情况
全年支出149.05万元。
对照年初预算，资金使用率95.42%，结余{}万元收回财政。
"""


def test_a_balance_compared_with_the_budget_is_the_reports_own():
    assert statuses(COMPARED.format("7.15"), "difference") == ["pass"]
    assert statuses(COMPARED.format("9.15"), "difference") == ["fail"]


FAR = """某县农技站2021年度病虫害监测项目支出绩效自评报告
一、项目概况
本项目由农技站实施，全年安排预算64.00万元。
项目覆盖7个乡镇。
设监测点38个。
配备技术人员12名。
二、项目实施
全年开展监测180次。
发布预警信息27期。
培训农户960人次。
三、资金使用
全年支出59.30万元。
结余{}万元按规定收回。
"""


def test_a_balance_of_the_whole_takes_the_budget_stated_far_up():
    assert statuses(FAR.format("4.70"), "difference") == ["pass"]
    bad = of(report(FAR.format("5.70")).checks, "difference")
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "4.70万元"


def test_a_balance_naming_its_own_subject_takes_no_far_budget():
    # 设备采购结余 names its subject: the project's budget is not its minuend
    text = FAR.replace("结余{}万元按规定收回", "设备采购节约资金{}万元")
    assert "fail" not in statuses(text.format("5.70"), "difference")


# ------------------------------------------------- F3 the two years in a table above

TABLE = """某县气象局2023年度部门整体支出绩效自评报告
一、支出情况
表1 支出对比表（单位：元）
项目 {sep} 上年数 {sep} 本年数
工资福利支出 {sep} 2,400,000.00 {sep} 2,520,000.00
商品和服务支出 {sep} 800,000.00 {sep} 720,000.00
合计 {sep} 3,200,000.00 {sep} 3,240,000.00
二、变动原因
商品和服务支出较上年降幅为{rate}%，主要是压减会议费。
"""


def test_a_growth_whose_years_stand_only_in_a_table_reads_the_row_it_names():
    for sep in ("|", "  "):
        ok = of(report(TABLE.format(sep=sep, rate="10.00")).checks, "growth")
        assert [c.status for c in ok] == ["pass"], sep
        assert "720,000.00" in ok[0].message
        bad = of(report(TABLE.format(sep=sep, rate="12.50")).checks, "growth")
        assert [c.status for c in bad] == ["fail"], sep


def test_two_columns_of_two_names_are_no_two_years():
    # 上年结转 | 本年收入 are two figures, not one figure of two years
    text = TABLE.format(sep="|", rate="12.50").replace("上年数 | 本年数", "上年结转 | 本年收入")
    assert "fail" not in [c.status for c in of(report(text).checks, "growth")]


# ------------------------------------------------- F4 the change and one year's figure in reach

CHANGE = """某县图书馆2024年度部门整体支出绩效自评报告
一、收支情况
2024年度收、支总计均为{now}万元。
收入以财政拨款为主。
支出以基本支出为主。
2023年度收、支总计为480.00万元。
本年度收支总计比上年多36.00万元，增长{rate}%。
"""


def test_a_change_opening_its_sentence_is_read_with_the_year_before_in_reach():
    assert statuses(CHANGE.format(now="516.00", rate="7.50"), "growth") == ["pass"]
    bad = of(report(CHANGE.format(now="516.00", rate="8.50")).checks, "growth")
    assert [c.status for c in bad] == ["fail"] and "480.00万元" in bad[0].message


def test_a_change_opening_its_sentence_is_read_with_this_years_figure():
    text = CHANGE.replace("2023年度收、支总计为480.00万元。\n", "")
    assert statuses(text.format(now="516.00", rate="7.50"), "growth") == ["pass"]
    assert statuses(text.format(now="516.00", rate="8.50"), "growth") == ["fail"]


# ------------------------------------------------- F5 one amount in two units, far apart

CONVERTED = """某县水务局2022年度部门整体支出绩效自评报告
一、收支情况
本年度收入合计9,120,400.00元。
本年度支出合计8,734,562.40元，其中基本支出6,100,000.00元，项目支出2,634,562.40元。
二、绩效目标完成情况
全年完成河道清淤12公里。
新建泵站3座。
维修堤防8.5公里。
三、支出变动原因
全年支出折合{}万元，较上年有所增加。
"""


def _restated(text: str) -> list:
    return [c for c in of(report(text).checks, "metric_consistency") if "复述" in c.message or "另一单位" in c.message]


def test_a_conversion_restates_the_amount_named_like_it_far_up():
    assert [c.status for c in _restated(CONVERTED.format("873.46"))] == ["pass"]
    bad = _restated(CONVERTED.format("883.46"))
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "8,734,562.40元"


def test_a_conversion_of_another_name_restates_nothing():
    # 设备购置折合 names no figure stated before
    assert _restated(CONVERTED.format("873.46").replace("全年支出折合", "设备购置折合")) == []


TOTAL = """某县园林处2023年度部门整体支出绩效自评报告
一、收支情况
本年支出共计412.36万元，其中基本支出265.10万元，项目支出147.26万元。
二、绩效情况
全年新增绿地3.2公顷。
三、补充说明
本年项目支出合计{}元，已全部纳入预算管理。
"""


def test_a_total_in_another_unit_restates_the_amount_of_its_name():
    assert [c.status for c in _restated(TOTAL.format("1,472,600.00"))] == ["pass"]
    bad = _restated(TOTAL.format("1,427,600.00"))
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "147.26万元"


def test_a_total_of_a_name_stated_with_two_values_is_not_compared():
    # 项目支出 of two sources (two values in 万元): which one the total restates is not told
    text = TOTAL.replace("。\n二、", "；财政拨款支出中项目支出120.00万元。\n二、")
    assert _restated(text.format("1,427,600.00")) == []


# ------------------------------------------------- F6 the narrative's actual against the form's

AIMS = """某县园艺站2023年度苗圃改造项目支出绩效自评报告
一、{heading}
年度目标：完成苗圃改造18处。实际完成苗圃改造{actual}处。
二、自评表
一级指标	三级指标	年度指标值	实际完成值	分值	得分
产出指标	完成苗圃改造	18处	19处	20	20
"""


def _two(text: str) -> list[str]:
    return [c.status for c in of(report(text).checks, "metric_consistency") if "完成苗圃改造" in c.message]


def test_the_narratives_actual_is_the_forms_actual():
    for heading in ("绩效目标及完成情况", "绩效目标"):
        assert _two(AIMS.format(heading=heading, actual="19")) == ["pass"], heading
        assert _two(AIMS.format(heading=heading, actual="21")) == ["fail"], heading


def test_the_narratives_target_is_no_actual():
    # 18处 is the target (年度目标：), 19处 the actual: no mismatch between them
    assert "fail" not in _two(AIMS.format(heading="绩效目标", actual="19"))
