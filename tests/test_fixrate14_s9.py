"""Rate operands the words do not pin (s9 late fixes), each cause tested on
excerpts written for these tests, with their own figures.

- A restatement of a figure in another unit with a hedge (折合约0.46亿元,
  即约, 约合) is that figure again: never the whole of a rate over it.
- A unit slip between a part and its whole (预算数3400元 over 其中2720万元)
  makes a share off by a factor of thousands: the pair pins no reading (the
  breakdown check reports the unit), nor is a figure glued to 元 (5万亩元) an
  area a cost per 亩 is computed over.
"""

from __future__ import annotations

import pytest

from test_fixrate11_s8 import rates, report, status


PROJECT = "某县2023年度乡村道路提升项目支出绩效自评报告"


# ------------------------------------------------- a hedged restatement

@pytest.mark.parametrize("restated", ["，折合约0.46亿元", "，即约0.46亿元", "，约合0.46亿元", "，相当于大约0.46亿元"])
def test_a_hedged_restatement_is_no_whole_of_the_rate(restated):
    def build(rate: str):
        return report(PROJECT, "一、预算执行情况",
                      f"项目年初预算4,850.00万元，全年实际支出4,617.20万元{restated}，执行率{rate}。")
    good = build("95.20%")
    assert status(good, "95.20%") == ["pass"] and "4,617.20万元/4,850.00万元" in rates(good, "95.20%")[0].message
    bad = build("92.80%")
    assert status(bad, "92.80%") == ["fail"] and "4,617.20万元/4,850.00万元" in rates(bad, "92.80%")[0].message


@pytest.mark.parametrize("hedge", ["折合约", "即约"])
def test_a_restatement_of_the_spending_alone_is_no_pair(hedge):
    # the budget is stated in another sentence: the spending and its restatement are no part and whole
    r = report(PROJECT, "一、预算执行情况", "项目年初预算8,210.00万元。",
               f"全年累计完成支出7,803.60万元，{hedge}0.78亿元，预算执行率95.05%。")
    assert not any("0.78亿元" in c.message for c in rates(r, "95.05%") if c.status == "fail")


# ------------------------------------------------- unit slips

@pytest.mark.parametrize("whole", ["全年预算数3400元", "项目总投入3400元"])
def test_a_whole_in_the_wrong_unit_pins_no_share(whole):
    r = report(PROJECT, "一、资金情况",
               f"{whole}：其中市级资金2720万元，占比80.00%；区级资金680万元，占比20.00%。")
    assert "fail" not in status(r, "80.00%") and "fail" not in status(r, "20.00%")
    # the slip is still reported, by the breakdown check
    assert any(c.rule == "stated_breakdown" and c.status == "fail" for c in r.checks)


def test_a_share_in_the_right_units_still_fails_when_wrong():
    r = report(PROJECT, "一、资金情况",
               "全年预算数3400万元：其中市级资金2720万元，占比85.00%；区级资金680万元，占比20.00%。")
    assert status(r, "85.00%") == ["fail"]
    assert status(r, "20.00%") == ["pass"]


@pytest.mark.parametrize("slip", ["5万亩元", "5公顷元"])
def test_an_area_glued_to_yuan_is_no_base_of_a_cost(slip):
    r = report(PROJECT, "一、资金情况",
               f"全年完成低效林改造4万亩，下达资金500万元，其中改造补助480万元（每亩120元），监理等费用{slip}（每亩5元）。")
    assert "fail" not in status(r, "5元")
    assert status(r, "120元") == ["pass"]


def test_a_count_before_yuan_in_a_word_stays_a_count():
    # 3场元宵晚会: 元 opens a word, no unit slip
    def build(cost: str):
        return report(PROJECT, "一、资金情况", f"全年举办3场元宵晚会，支出资金12万元，平均每场{cost}。")
    assert status(build("4万元"), "4万元") == ["pass"]
    assert status(build("5万元"), "5万元") == ["fail"]


# ------------------------------------------------- counts of two kinds

COVER = "某市2023年度送文化下乡项目支出绩效自评报告"


@pytest.mark.parametrize("sentence,stated", [
    ("本年度送戏下乡活动覆盖全市9个街道、76个社区，街道覆盖率100%。", "100%"),
    ("放映队走遍全县18个乡镇、203个行政村，行政村覆盖率100%。", "100%"),
    ("培训覆盖60名教师、1200名学生，教师参训率100%。", "100%"),
    ("该镇下辖14个行政村、2个社区，常住人口2.35万人，其中瑶族人口占47.8%。", "47.8%"),
])
def test_counts_of_two_kinds_are_no_part_and_whole(sentence, stated):
    r = report(COVER, "一、项目概况", sentence)
    assert "fail" not in status(r, stated)


def test_counts_of_one_kind_still_make_a_rate():
    def build(rate: str):
        return report(COVER, "一、项目概况", f"计划为40个行政村配送图书，实际完成38个行政村配送，完成率{rate}。")
    assert status(build("95.00%"), "95.00%") == ["pass"]
    assert status(build("92.00%"), "92.00%") == ["fail"]


def test_counts_naming_nothing_after_them_still_make_a_rate():
    def build(rate: str):
        return report(COVER, "一、项目概况", f"发放调查问卷300份、收回有效问卷285份，有效回收率{rate}。")
    assert status(build("95.00%"), "95.00%") == ["pass"]
    assert status(build("96.00%"), "96.00%") == ["fail"]


# ------------------------------------------------- a sibling subsection's counts

SECTIONS = "某县农业综合执法大队2022年度部门整体支出绩效自评报告"


def sections(first: str, second: str):
    return report(SECTIONS, "一、部门概况", "本队为县农业农村局所属事业单位。", "二、绩效目标完成情况",
                  "（一）生猪检疫", first, "（二）病死猪处理", second)


@pytest.mark.parametrize("first,second", [
    ("全年检疫生猪12.4万头，其中外调生猪3.1万头。", "监督处理病死猪860头，处理率100%。"),
    ("全年产地检疫生猪8.6万头。", "督促养殖场户无害化处理病死猪1,250头，无害化处理率达到100%。"),
])
def test_a_rate_borrows_no_count_of_a_sibling_subsection(first, second):
    assert "fail" not in status(sections(first, second), "100%")


def test_a_rate_over_its_own_subsections_counts_still_fails():
    def build(rate: str):
        return sections("全年检疫生猪12.4万头。", f"排查发现病死猪900头，已处理864头，处理率{rate}。")
    assert status(build("96.00%"), "96.00%") == ["pass"]
    assert status(build("98.00%"), "98.00%") == ["fail"]


def test_a_budget_of_a_sibling_subsection_stays_the_rates_whole():
    def build(rate: str):
        return report(SECTIONS, "一、预算情况", "（一）支出预算", "全年支出预算980.00万元。",
                      "（二）预算执行", f"全年实际支出931.00万元，预算执行率{rate}。")
    assert status(build("95.00%"), "95.00%") == ["pass"]
    assert status(build("93.00%"), "93.00%") == ["fail"]


def test_a_count_of_those_that_passed_stays_a_part():
    # 申报企业 and 其中…通过: the word after the second count is no kind of its own
    def build(rate: str):
        return report(COVER, "一、项目概况", f"全年受理申报企业520家，其中468家通过审核，通过率{rate}。")
    assert status(build("90.00%"), "90.00%") == ["pass"]
    assert status(build("92.00%"), "92.00%") == ["fail"]
