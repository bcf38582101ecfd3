"""Rates on the phrasing of published reports (field trial s4): false
alarms and nonsense passes whose causes are general, and shares whose
operands the words pin. Excerpts written for these tests, with their own
figures."""

from __future__ import annotations

import pytest

from test_checks_forms import checks_of, of


def rates(text: str, heading: str = "一、收支情况") -> list:
    return of(checks_of(f"{heading}\n\n{text}\n"), "rate")


def statuses(text: str, heading: str = "一、收支情况") -> list[str]:
    return [c.status for c in rates(text, heading)]


# ----------------------------------------------- one figure stated twice


def test_two_statements_of_one_concentration_are_no_part_and_whole():
    # 27μg/m³ and 由41μg/m³降至27μg/m³ are one figure of one metric: no
    # reading of 水质达标率100%
    text = ("城区PM2.5年均浓度27μg/m³，较上年30μg/m³下降10.0%。近五年城区PM2.5年均浓度由41μg/m³降至27μg/m³，年均下降8.0%。\n\n"
            "全区饮用水水源地水质达标率100%；完成入河排污口整治40个。")
    found = rates(text, "三、绩效目标完成情况")
    assert all(c.status != "pass" for c in found)
    assert not any("μg" in c.message for c in found)


def test_equal_counts_of_different_objects_are_no_part_and_whole():
    # 蓄水池2座 is no part of 提灌站2座
    text = "新建蓄水池2座，新建提灌站2座，铺设管道800米等。\n项目已完成验收，完成率100%。"
    assert "pass" not in statuses(text, "三、项目实施情况")


# ------------------------------------------------ 完成预算 with no budget


def test_completion_of_a_budget_takes_no_spent_figure_as_its_budget():
    # 一般公共预算支出决算数 holds 预算 as a fund's name: it is spent money,
    # not the budget; the budget is not stated, so neither rate can fail
    text = ("2024年一般公共预算支出决算数为720.00万元，完成预算92.3%。其中：\n"
            "1.社会保障（类）行政运行（项）：支出决算为260.00万元，完成预算86.7%，决算数小于预算数的主要原因是人员调出。")
    assert "fail" not in statuses(text)


# ------------------------------------------- the clause of the next rate


def test_a_rate_takes_no_operands_from_the_clause_of_the_next_rate():
    # 100% of a date target: the 0万元 / 30万元 after it are the next rate's
    text = ("（二）项目绩效目标完成情况1.产出目标完成情况（1）时效目标：设备采购完成时间绩效目标值是2024年9月前，"
            "实际完成值为2024年9月前，目标完成率为100%，（2）成本目标：项目资金投入绩效目标值是30万元，实际完成值为0万元，"
            "目标完成率为0%，（3）数量目标：巡查次数绩效目标值是8次，实际完成值为10次，目标完成率为125%，\n")
    found = of(checks_of(text), "rate")
    assert [c.status for c in found] == ["skipped", "pass", "pass"]


# ------------------------------------------------ shares of a named whole


def test_a_sibling_part_is_no_whole_of_a_share():
    # 项目支出 over 基本支出预算 is no share of 一般公共预算支出: the whole is their sum
    text = ("1. 基本支出预算 870000 元，占一般公共预算支出的87.00%。\n"
            "2. 项目支出 130000 元，占一般公共预算支出的 13.00%。")
    assert statuses(text, "二、支出结构") == ["pass", "pass"]


def test_a_wrong_share_of_numbered_parts_fails_against_their_sum():
    # 300000 / (700000 + 300000) = 30%, not 35%; 70% holds, so the parts are the whole
    text = ("1. 基本支出预算 700000 元，占一般公共预算支出的70%。\n"
            "2. 项目支出 300000 元，占一般公共预算支出的35%。")
    found = rates(text, "二、支出结构")
    assert [c.status for c in found] == ["pass", "fail"] and "30.00%" in found[1].message


def test_numbered_shares_around_a_sub_list_of_another_whole():
    # the sub-list's shares are of 基本支出预算; the numbered items' of 一般公共预算支出
    text = ("1. 基本支出预算 800000 元，占一般公共预算支出的80%，其中：\n"
            "工资福利支出预算 600000 元，占基本支出预算75%。\n"
            "商品和服务支出预算 200000 元，占基本支出预算25%。\n"
            "2. 项目支出 200000 元，占一般公共预算支出的25%。")
    found = rates(text, "二、支出结构")
    assert [c.status for c in found] == ["pass", "pass", "pass", "fail"]
    assert "20.00%" in found[-1].message


def test_a_share_names_its_whole_right_before_the_figure():
    # 占基本支出预算70% (no 的): the whole is 基本支出预算600000元 on the line before
    text = "基本支出预算 600000 元，其中：\n工资福利支出预算 450000 元，占基本支出预算70%。主要用于人员工资。"
    found = rates(text, "二、支出结构")
    assert [c.status for c in found] == ["fail"] and "75.00%" in found[0].message


def test_a_money_whole_of_other_words_is_no_pinned_whole():
    # 本年一般公共预算基本支出 is no 一般公共预算支出: a loose reading, no fail
    text = ("2. 项目支出 40000 元，占一般公共预算支出的 4.00%，同比减少 10000 元。\n"
            "2024 年本年一般公共预算基本支出 960000 元。")
    assert "fail" not in statuses(text, "二、支出结构")


# --------------------------------------------------- a division of a total


def test_a_wrong_share_of_a_list_adding_up_to_100_fails():
    # 600 / 3000 = 20.00%, not 20.05%; the others hold
    text = ("2024年本年收入合计3000.00万元，其中：一般公共预算财政拨款收入1200.00万元，占40.00%；"
            "政府性基金预算财政拨款收入600.00万元，占20.05%；事业收入1050.00万元，占35.00%；其他收入150.00万元，占5.00%。")
    assert statuses(text) == ["pass", "fail", "pass", "pass"]


def test_the_whole_list_adding_up_to_100_before_a_short_window_with_a_typo():
    # 0万元占0% holds against any whole: the two last items are no division
    # of their own; the whole list adds up to 100%
    text = ("2024年本年收入合计2500.00万元，其中：一般公共预算财政拨款收入2300.00万元，占92.00%；"
            "事业收入0万元，占0%；其他收入200.00万元，占8.00%。")
    assert "fail" not in statuses(text)
    text = ("2024年一般公共预算财政拨款支出1600.00万元，主要用于以下方面：社会保障和就业支出80.00万元，占5.00%；"
            "卫生健康支出1518.40万元，占94.90%；农林水支出1.60万元，占0.10%。")
    assert statuses(text) == ["pass", "pass", "pass"]


# ---------------------------------------------------- loose readings


def test_a_quality_rate_is_no_money_over_money():
    text = "本年度收到市级补助资金3万元、县级配套预算3万元，该项目由本局负责实施，验收合格率100%。"
    assert "pass" not in statuses(text, "三、项目实施情况")


def test_the_cap_holds_only_for_pinned_operands():
    # 执行率 stated 100% holds at the cap when spending exceeds the budget;
    # two figures read loosely giving far more than 100% are no reading
    text = "全年支付资金25.00万元，用于设备维护。其中预算安排1.00万元用于培训。\n\n政府采购执行率100%。"
    assert "pass" not in statuses(text, "三、项目实施情况")


def test_a_bound_or_a_cost_per_unit_is_no_operand():
    text = "亩均作业费用14.00元，低于每亩15元的标准，无公害防治率93.4%。"
    assert "pass" not in statuses(text, "三、项目实施情况")


# ------------------------------------------------ the words name which is the whole


@pytest.mark.parametrize("stated,status", [("103%", "pass"), ("105%", "fail")])
def test_the_planned_count_is_the_whole_of_a_completion_above_100(stated, status):
    # 计划完成 names the whole although it also holds 完成: 6,180 / 6,000 = 103%
    # (the smaller of two counts is not the part when the words say otherwise)
    text = f"计划完成入户走访6000户，实际完成6180户，完成率{stated}。"
    assert statuses(text, "三、绩效目标完成情况") == [status]


def test_a_change_on_a_year_is_no_operand_of_a_rate():
    # 减少300万元 is a change, not spending: 2,700 / 3,000 = 90% or nothing,
    # never 300 / 3,000 = 10%
    text = ("2024年本部门财政拨款支出2700万元，比2023年决算数2500万元增长8.0%；"
            "比2024年预算数3000万元减少300万元，完成预算的90%。")
    found = rates(text, "二、预算执行情况")
    assert not any(c.status == "fail" for c in found), [c.message for c in found]
    assert not any("300万元/" in c.message for c in found)


@pytest.mark.parametrize("stated,status", [("96%", "pass"), ("99%", "fail")])
def test_spending_of_a_named_part_may_be_over_that_part(stated, status):
    # 省级资金已支出192万元 of the 省级 part (200): 96%; not of the whole 500
    text = (f"项目总预算500万元，其中：中央补助资金300万元，省级配套资金200万元。"
            f"省级资金已支出192万元，支出率{stated}。")
    assert statuses(text, "二、项目资金情况") == [status]
