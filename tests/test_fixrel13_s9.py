"""Differences, growth, restated figures and breakdown wholes from the s8
end measure (review13, plant13), each cause tested on excerpts written for
these tests, with their own figures, a passing and a failing twin, in
several phrasings.

- G1 An average (日均, 平均每月, 人均 …) is no total: a change of the year's
  total is not taken from it.
- G2 A rate stated per 10万 / per 万 (发病率7.61/10万) is a value of that
  rate: its growth is between those values, not the counts beside them.
- G3 多支出 / 少支出 / 多N件 after a comparison with the year before is a
  change, judged as one.
- G4 Respective lists (A1和A2，比上年的P1和P2分别增长r1和r2) pair by position.
"""

from __future__ import annotations

from test_checks_forms import of

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source

HEAD = "某服务中心2023年度部门整体支出绩效自评报告\n"


def report(text: str):
    src = source_from_text(HEAD + text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))


def statuses(text: str, rule: str) -> list[str]:
    return [c.status for c in of(report(text).checks, rule)]


def failed(text: str, rule: str) -> list[str]:
    return [c.message for c in of(report(text).checks, rule) if c.status == "fail"]


# ------------------------------------------------- G1 an average is no total

def test_a_daily_average_is_no_minuend_of_the_years_change():
    text = "全年接待游客36500人次，日均100人次，较上年的33000人次增加{}人次。\n"
    assert statuses(text.format("3500"), "difference") == ["pass"]
    assert statuses(text.format("3050"), "difference") == ["fail"]


def test_a_monthly_average_is_no_minuend_either():
    text = "全年受理咨询240件，平均每月20件，较上年的200件增加{}件，增长20.0%。\n"
    assert statuses(text.format("40"), "difference") == ["pass"]
    assert statuses(text.format("44"), "difference") == ["fail"]


def test_a_total_restated_in_brackets_before_the_average_still_pins_it():
    text = "全年清运垃圾5.21万吨（52100吨），日均清运142.7吨，较上年的49800吨增加{}吨。\n"
    assert statuses(text.format("2300"), "difference") == ["pass"]
    assert not failed(text.format("2300"), "difference")


def test_a_change_of_the_average_is_of_the_average():
    text = "全年日均接诊120人次，较上年的日均110人次增加{}人次。\n"
    assert statuses(text.format("10"), "difference") == ["pass"]
    assert statuses(text.format("15"), "difference") == ["fail"]


# ------------------------------------------------- G2 rates per 10万

def test_growth_of_a_rate_per_100000_is_between_its_values():
    text = "全县报告乙类传染病40例，报告发病率8.00/10万，上年为50例、10.50/10万，发病率下降{}%。\n"
    assert statuses(text.format("23.8"), "growth") == ["pass"]
    assert statuses(text.format("20.0"), "growth") == ["fail"]


def test_growth_of_a_rate_per_100000_with_the_count_after_it():
    text = "辖区肺结核报告发病率为31.20/10万（96例），上年为36.00/10万（110例），发病率同比下降{}%。\n"
    assert statuses(text.format("13.3"), "growth") == ["pass"]
    assert statuses(text.format("12.7"), "growth") == ["fail"]


def test_a_rate_per_100000_is_no_count_of_100000():
    claims = report("孕产妇死亡率控制在12.5/10万以内。\n").claims
    assert [(str(c.value), c.unit, c.unit_class) for c in claims] == [("12.5", "/10万", "percent")]


def test_growth_of_a_per_mille_rate():
    text = "全市千人口献血率达到5.20‰，上年为4.80‰，采血1.2万人次，千人口献血率较上年提高{}%。\n"
    assert statuses(text.format("8.3"), "growth") == ["pass"]
    assert statuses(text.format("9.3"), "growth") == ["fail"]


# ------------------------------------------------- G3 多支出 / 少支出 / 多N件

def test_less_spent_against_the_year_before_is_a_change():
    text = "本年支出520.40万元，与上年支出560.00万元相比，少支出{}万元，同比下降7.07%。\n"
    assert statuses(text.format("39.60"), "difference") == ["pass"]
    assert statuses(text.format("38.60"), "difference") == ["fail"]


def test_more_of_a_count_after_the_year_befores_figure_is_a_change():
    text = "全年发放鱼苗15,144尾，比上年的13,260尾多{}尾，增长14.2%。\n"
    assert statuses(text.format("1,884"), "difference") == ["pass"]
    assert statuses(text.format("1,848"), "difference") == ["fail"]
    assert statuses(text.format("1,884"), "growth") == ["pass"]


def test_more_after_the_previous_figure_with_a_noun_after_the_measure_word():
    text = "（一）产出。全年完成儿童窝沟封闭8,420颗牙，比上年的7,900颗多{}颗，增长6.6%；检查学生1.5万人。\n"
    assert statuses(text.format("520"), "difference") == ["pass"]
    assert statuses(text.format("502"), "difference") == ["fail"]
    assert statuses(text.format("520"), "growth") == ["pass"]


def test_less_spent_than_the_year_before_in_one_clause():
    text = "本年支出520.40万元，较上年的560.00万元少支出{}万元。\n"
    assert statuses(text.format("39.60"), "difference") == ["pass"]
    assert statuses(text.format("36.90"), "difference") == ["fail"]


def test_at_least_is_no_change():
    assert statuses("全年举办培训12期，较上年的10期至少多举办2期。\n", "difference") in ([], ["pass"])


# ------------------------------------------------- G4 respective lists

def test_respective_growth_pairs_by_position():
    text = "全年完成门诊4.4万人次和住院2,100人次，比上年的4.0万人次和2,000人次分别增长10.0%和{}%。\n"
    assert statuses(text.format("5.0"), "growth") == ["pass", "pass"]
    assert statuses(text.format("15.0"), "growth") == ["pass", "fail"]


def test_respective_growth_of_two_units_with_a_list_comma():
    text = "全年培训农民1,500人、举办讲座60场，较上年的1,200人、50场分别增长25.0%、{}%。\n"
    assert statuses(text.format("20.0"), "growth") == ["pass", "pass"]
    assert statuses(text.format("12.0"), "growth") == ["pass", "fail"]


def test_respective_changes_pair_by_position():
    text = "全年完成门诊4.4万人次和住院2,100人次，比上年的4.0万人次和2,000人次分别增加0.4万人次和{}人次。\n"
    assert statuses(text.format("100"), "difference") == ["pass", "pass"]
    assert statuses(text.format("120"), "difference") == ["pass", "fail"]


def test_respective_changes_each_with_its_own_direction():
    text = "全年支出基本经费320万元和项目经费180万元，较上年的300万元和200万元分别增加20万元和减少{}万元。\n"
    assert statuses(text.format("20"), "difference") == ["pass", "pass"]
    assert statuses(text.format("30"), "difference") == ["pass", "fail"]


# ------------------------------------------------- G6 the rest not done is no value

CELLS = """一、绩效指标完成情况
一级指标
二级指标
三级指标
年度指标值
实际完成值
分值
得分
产出指标
数量指标
旧桥加固数量
4座
3座
20
15
二、偏差原因
{}
"""


def test_a_count_said_unfinished_after_it_is_no_value_of_the_metric():
    assert statuses(CELLS.format("旧桥加固有1座因雨季施工受阻未完工，已结转下年实施。"), "metric_consistency") \
        in ([], ["pass"])
    assert statuses(CELLS.format("旧桥加固尚有1座未开工。"), "metric_consistency") in ([], ["pass"])


def test_a_count_said_done_still_restates_the_metric():
    assert statuses(CELLS.format("旧桥加固有2座已通过验收，已交付使用。"), "metric_consistency") == ["fail"]


# ------------------------------------------------- G7 a 包括 list after its whole

def test_a_sources_list_after_the_sentence_of_its_whole_adds_up_to_it():
    text = "二、收支情况\n本年收入总额612.30万元。资金来源包括：财政拨款{}万元，事业收入70.10万元，其他收入42.00万元。\n"
    assert statuses(text.format("500.20"), "stated_breakdown") == ["pass"]
    assert statuses(text.format("520.00"), "stated_breakdown") == ["fail"]


def test_sources_named_with_a_role_word_are_parts_of_one_income():
    text = ("二、部门财政资金收支情况\n（一）收入情况。2022年部门总收入865.20万元。资金来源包括：一般公共预算拨款"
            "{}万元，上级专项转移支付120.60万元，事业收入24.20万元。\n")
    assert statuses(text.format("720.40"), "stated_breakdown") == ["pass"]
    assert statuses(text.format("702.40"), "stated_breakdown") == ["fail"]


def test_a_structure_list_after_the_sentence_of_its_whole():
    text = "二、收支情况\n全年支出598.40万元。支出构成为：基本支出{}万元，项目支出188.20万元。\n"
    assert statuses(text.format("410.20"), "stated_breakdown") == ["pass"]
    assert statuses(text.format("401.20"), "stated_breakdown") == ["fail"]


def test_a_list_of_the_other_kind_of_money_is_no_list_of_the_whole_before():
    text = "二、收支情况\n全年支出598.40万元。收入包括：财政拨款500.20万元，事业收入70.10万元。\n"
    assert statuses(text, "stated_breakdown") in ([], ["skipped"])


def test_more_than_the_year_before_stated_in_the_sentence_before_is_read_through_the_rate():
    # the 960.40 of the sentence before is the year before's: X = A·r, not B·r/(1+r)
    text = "一、收支情况\n2022年度收、支总计为960.40万元。\n本年度收支总计比上年多{}万元，增长8.99%，主要是补助标准提高。\n"
    assert statuses(text.format("86.34"), "difference") == ["pass"]
    assert statuses(text.format("68.34"), "difference") == ["fail"]


# ------------------------------------------------- G5 a count restated in another section

RESTATED = """三、绩效目标完成情况
二是开展“双随机”抽查企业45家，发现问题12个。
四、自评表
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | “双随机”抽查企业数 | ≥40家 | 45家 | 20 | 20 |
八、其他需要说明的情况
2023年“双随机”抽查企业{}家，结果已公开。
"""


def test_a_count_restated_under_another_heading_is_the_same_metric():
    assert statuses(RESTATED.format("45"), "metric_consistency") == ["pass"]
    assert statuses(RESTATED.format("48"), "metric_consistency") == ["fail"]


SHOWS = """二、绩效目标完成情况
全年组织科普讲座36场。
三、自评表
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分
产出指标 | 数量指标 | 科普讲座场次 | ≥30场 | 36场 | 20 | 20
四、其他说明
全年科普讲座{}场，已在官网公开。
"""


def test_a_count_of_events_restates_the_rows_count_of_sessions():
    assert statuses(SHOWS.format("36"), "metric_consistency") == ["pass"]
    assert statuses(SHOWS.format("39"), "metric_consistency") == ["fail"]


def test_counts_of_two_units_are_not_paired():
    # 场 and 人次 of one activity are two metrics
    text = SHOWS.format("36").replace("全年科普讲座36场，", "全年科普讲座听众2,400人次，")
    assert statuses(text, "metric_consistency") == ["pass"]
