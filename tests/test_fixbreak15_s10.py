"""Breakdowns and counts of the s10 findings (fixbreak15), each cause
tested on excerpts written for these tests, with their own figures.

- A part named as money carried over from an earlier year, in any of its
  spellings (上年度结余的资金, 上一年度结转, 以前年度结余), is a part.
- A figure for each one unit or a standard (每家, 每人, 每平方米, 补助标准为)
  is the rate the parts are paid at: no part of the money.
- A list left open after its last part (…等; …，其余用于…) may fall short of
  its whole but never exceed it; a figure 另有 names right after it is one
  more part or outside the whole, whichever the sums allow.
- The last conjunction of A、B和C joins one more item (three), unless a
  conjunction may be inside a name.
- Items stating their own sizes (8个数量指标) sum to the count.
- A 其中 after two totals side by side (在编42人，聘用9人，其中女性25人)
  may be of both: over the nearest but within their sum, no failure.
"""

from __future__ import annotations

import pytest

from test_fixrate11_s8 import report


PROJECT = "某县2024年度乡村产业奖补项目支出绩效自评报告"


def breakdowns(line: str, rule: str = "stated_breakdown"):
    r = report(PROJECT, "一、项目资金情况", line)
    return [c for c in r.checks if c.rule == rule and c.status != "skipped"]


def statuses(line: str, rule: str = "stated_breakdown") -> list[str]:
    return [c.status for c in breakdowns(line, rule)]


# ------------------------------------------------- carry-over parts

@pytest.mark.parametrize("build", [
    lambda c: f"项目可用资金合计210万元，其中市级补助150万元，镇级配套25万元，上年度结余的资金{c}万元。",
    lambda c: f"年度资金总量210万元，其中：本年预算安排175万元，上一年度结转资金{c}万元。",
    lambda c: f"全年可支配资金210万元，其中当年拨款175万元、以前年度结余{c}万元。",
    lambda c: f"资金合计210万元，其中当年安排资金175万元，去年结转{c}万元。",
])
def test_a_carry_over_part_in_any_spelling_is_a_part(build):
    good = breakdowns(build("35"))
    assert [c.status for c in good] == ["pass"]
    assert "35万元" in good[0].message  # the carry-over is summed, not dropped
    assert statuses(build("38")) == ["fail"]


def test_a_carry_over_beside_an_income_breakdown_is_no_part_of_the_income():
    line = "本年收入260万元，其中财政拨款200万元、事业收入60万元，上年度结余18万元。"
    assert statuses(line) == ["pass"]


# ------------------------------------------------- per-unit figures

@pytest.mark.parametrize("line", [
    "项目支出330万元，由合作社奖励每家15万元、农户补贴90万元构成。",
    "补贴资金合计150万元，其中种植大户每亩补助200元、农机购置补贴70万元构成全部支出。",
    "培训经费48万元，由学员生活补助每人每天80元、师资费用30万元组成。",
    "改造资金520万元，由危房加固补助标准为每户2万元、配套设施120万元构成。",
    "改造资金520万元，由危房加固补助标准为2万元、配套设施120万元构成。",
])
def test_a_figure_per_unit_is_no_part(line):
    assert "fail" not in statuses(line)


@pytest.mark.parametrize("line", [
    "项目支出330万元，由合作社奖励240万元、农户补贴80万元构成。",
    "培训经费48万元，由学员生活补助12万元、师资费用30万元组成。",
])
def test_parts_paid_by_head_still_add_up(line):
    # the per-unit words are absent: the totals are parts and their miss is found
    assert statuses(line) == ["fail"]


def test_a_per_unit_figure_is_no_part_but_the_parts_beside_it_are():
    # 每家 is the rate; 合作社奖励 240 and 农户补贴 90 are the parts
    assert statuses("项目支出330万元，由合作社奖励240万元、农户补贴90万元构成，奖励标准为每家15万元。") == ["pass"]


# ------------------------------------------------- open lists (等, 其余用于…) and 另有

@pytest.mark.parametrize("build", [
    lambda a: f"年度支出包括苗木采购64万元、灌溉设施{a}万元等，合计180万元。",
    lambda a: f"项目支出180万元，其中苗木采购64万元、灌溉设施{a}万元等。",
    lambda a: f"项目支出180万元，其中苗木采购64万元、灌溉设施{a}万元，其余用于技术指导。",
    lambda a: f"项目支出180万元，其中：苗木采购64万元，灌溉设施{a}万元，剩余资金主要用于管护。",
])
def test_an_open_list_may_fall_short_but_never_exceed(build):
    assert "fail" not in statuses(build("41"))  # 105 of 180: the rest unnamed
    assert statuses(build("131")) == ["fail"]  # 195 of 180: more than the whole


def test_a_rest_stated_with_its_figure_is_a_part():
    line = "项目支出180万元，其中苗木采购64万元、灌溉设施41万元，其余60万元用于技术指导。"
    assert statuses(line) == ["fail"]  # 165 of 180
    assert statuses(line.replace("60万元", "75万元")) == ["pass"]


@pytest.mark.parametrize("line,status", [
    # one more part
    ("项目支出180万元，其中苗木采购64万元、灌溉设施41万元，另有75万元用于技术指导。", "pass"),
    # outside the whole: the parts make it up alone
    ("项目支出180万元，其中苗木采购64万元、灌溉设施116万元，另有社会捐助12万元未纳入核算。", "pass"),
    # neither reading adds up
    ("项目支出180万元，其中苗木采购64万元、灌溉设施41万元，另有60万元用于技术指导。", "fail"),
])
def test_a_figure_another_names_is_taken_with_or_without(line, status):
    assert statuses(line) == [status]


def test_a_word_holding_deng_after_the_list_leaves_it_closed():
    line = "项目支出180万元，其中苗木采购64万元、灌溉设施41万元，用于等额配套。"
    assert statuses(line) == ["fail"]


# ------------------------------------------------- A、B和C counts three

def counted(line: str) -> list[str]:
    return statuses(line, "count_in_words")


@pytest.mark.parametrize("build", [
    lambda n: f"年内组织了入户走访、政策宣讲与就业帮扶{n}项活动。",
    lambda n: f"共设置了产出、效益和满意度{n}类指标。",
    lambda n: f"乡镇开展了清理沟渠、修复堤岸及补植林木{n}项工作。",
    lambda n: f"新建了北岭、石桥和柳湾{n}个村级服务站。",
])
def test_the_last_conjunction_of_a_list_joins_one_more_item(build):
    assert counted(build("三")) == ["pass"]
    assert counted(build("两")) == ["fail"]


@pytest.mark.parametrize("line", [
    # sides shorter than the items between: 管线与照明 may be one item
    "本工程由道路拓宽、雨污分流、管线与照明三个标段组成。",
    # another item holds a conjunction: conjunctions may be inside names
    "重点抓好巡查与监测、宣传与培训、应急与处置三项工作。",
    # one ending: 宣传和统战科 is one 科
    "机关设办公室、财务科、宣传和统战科三个科室。",
])
def test_a_conjunction_that_may_be_inside_a_name_is_still_read_either_way(line):
    assert "fail" not in counted(line)


# ------------------------------------------------- items that state their own sizes

@pytest.mark.parametrize("build", [
    lambda n: f"本年度共设置三级绩效指标{n}个，包括8个数量指标、4个质量指标、2个时效指标和3个满意度指标。",
    lambda n: f"年度目标下设{n}个三级指标，分别为：数量指标8个、质量指标4个、时效指标2个、满意度指标3个。",
    lambda n: f"全镇共建成{n}个便民服务点，包括8个村级服务点、4个社区服务点、2个园区服务点、3个集市服务点。",
])
def test_a_count_over_items_stating_sizes_is_their_sum(build):
    assert counted(build("17")) == ["pass"]
    assert counted(build("19")) == ["fail"]


def test_a_count_of_items_each_stating_another_size_may_count_the_items():
    # 3 items, sizes of villages: the count counts the sub-projects
    assert counted("共实施3个子项目，包括4个村的道路硬化、6个村的路灯安装和2个村的绿化提升。") == ["pass"]
    assert counted("共实施5个子项目，包括4个村的道路硬化、6个村的路灯安装和2个村的绿化提升。") == ["fail"]


# ------------------------------------------------- a 其中 after two totals side by side

@pytest.mark.parametrize("line", [
    "年末在编干部42人，聘用人员9人，其中女性25人。",
    "局里配有巡查车辆6台，应急用车1辆，其中巡查车4辆和应急用车1辆已接入监管平台。",
])
def test_a_part_over_the_nearest_of_two_totals_but_within_both_is_not_failed(line):
    assert "fail" not in statuses(line)


@pytest.mark.parametrize("line", [
    # one total: the part is too big
    "巡逻车2辆，其中执法巡逻车5辆。",
    # the part names its total
    "年末在编干部42人，聘用人员9人，其中聘用人员中女性11人。",
    # over both totals
    "年末在编干部42人，聘用人员9人，其中女性55人。",
    # money side by side is of several kinds: the nearest is the whole
    "基本支出240万元，项目支出60万元，其中人员经费190万元。",
])
def test_a_part_over_its_total_is_still_failed(line):
    assert statuses(line) == ["fail"]


def test_a_part_named_by_a_raised_standard_is_still_a_part():
    line = "增支资金60万元，其中扩大覆盖面增支20万元、困难对象增支10万元、提高补助标准增支30万元。"
    assert statuses(line) == ["pass"]
    assert statuses(line.replace("30万元", "35万元")) == ["fail"]
