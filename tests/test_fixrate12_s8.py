"""Rate false alarms of the s8 wave-2 trials (reviewer12), each cause tested
on excerpts written for these tests, with their own figures.

- A questionnaire named after what it asks (满意度测评问卷) is a count of
  forms: a denominator of a 满意度, never its satisfied numerator.
- 完工率 is the finished over the task (下达任务…户), never the unfinished
  (未完工…户, a remainder) over the finished.
- 预算执行率 reads over the 预算 it names where one is stated, not 到位资金.
- A standard per person per day (按每人每天40元…测算) is no total ÷ persons.
- A cost per unit whose division names its count (÷改造户数) is over that count.
"""

from __future__ import annotations

from test_fixrate11_s8 import rates, report, status


PROJECT = "某镇2023年度饮水安全巩固项目支出绩效自评报告"


# ------------------------------------------------- a questionnaire named 满意度

def survey(satisfied: str, with_recovery: bool = True, count: str = ""):
    recovery = "，问卷回收率97.5%" if with_recovery else ""
    return report(PROJECT, "一、绩效目标完成情况",
                  f"向受益农户发放满意度测评问卷400份，收回有效问卷390份{recovery}{count}，农户满意度{satisfied}。")


def test_a_questionnaire_named_after_satisfaction_is_no_count_of_the_satisfied():
    for with_recovery in (True, False):
        r = survey("92.8%", with_recovery)
        assert "fail" not in status(r, "92.8%")
        if with_recovery:
            assert status(r, "97.5%") == ["pass"]


def test_the_satisfied_count_stated_is_still_read_over_the_forms():
    # 表示满意的362份 of the 390 returned: 92.82%
    ok = survey("92.8%", count="，其中表示满意的362份")
    assert status(ok, "92.8%") == ["pass"]
    bad = survey("95.8%", count="，其中表示满意的362份")
    assert status(bad, "95.8%") == ["fail"]


# ------------------------------------------------- 完工率 over the task

def works(done_rate: str):
    return report("某县2022年度危房改造项目支出绩效自评报告", "一、项目概况", "下达危房改造任务800户。",
                  "二、资金使用情况", "结转资金36.00万元，为16户未完工农户的补助资金，结转下年使用。",
                  "三、绩效目标完成情况", f"1. 数量：年内完工784户，完工率{done_rate}。")


def test_a_completion_rate_is_the_finished_over_the_task():
    ok = works("98.00%")
    assert status(ok, "98.00%") == ["pass"] and "784户/800户" in rates(ok, "98.00%")[0].message
    bad = works("96.00%")
    assert status(bad, "96.00%") == ["fail"] and rates(bad, "96.00%")[0].expected == "98.000%"


# ------------------------------------------------- 预算执行率 over the 预算 it names

def budget_line(rate: str, with_budget: bool = True):
    budget = "项目年度预算250.00万元，" if with_budget else ""
    return report("某区2024年度社区养老服务站运营项目支出绩效自评报告", "一、项目资金情况",
                  f"{budget}实际到位资金240.00万元，全年支出225.00万元，预算执行率为{rate}。")


def test_a_budget_rate_reads_the_budget_its_name_names():
    ok = budget_line("90.00%")
    assert status(ok, "90.00%") == ["pass"] and "225.00万元/250.00万元" in rates(ok, "90.00%")[0].message
    bad = budget_line("93.75%")  # 225 / 240: over the money received, not the budget
    assert status(bad, "93.75%") == ["fail"] and rates(bad, "93.75%")[0].expected == "90.000%"


def test_without_a_budget_figure_the_money_received_is_still_its_base():
    assert status(budget_line("93.75%", with_budget=False), "93.75%") == ["pass"]


# ------------------------------------------------- a standard per person per day

def per_unit(c):
    return [x for x in c.checks if x.rule in ("rate", "stated_rate")]


def meals(clause: str):
    return report("某市青少年训练中心2023年度部门整体支出绩效自评报告", "一、支出情况",
                  f"集训队员伙食补助86.40万元，{clause}。")


def test_a_standard_per_person_per_day_is_no_total_over_the_persons():
    r = meals("按每人每天40元、全年集训270天、80名队员测算")
    assert not [x for x in per_unit(r) if x.status == "fail"]


def test_a_cost_per_person_is_still_the_total_over_the_persons():
    assert status(meals("共保障队员80名，人均伙食补助10800元"), "10800元") == ["pass"]
    assert status(meals("共保障队员80名，人均伙食补助11800元"), "11800元") == ["fail"]


# ------------------------------------------------- the divisor a cost's words name

def houses(cost: str):
    return report("某镇2023年度农村户用沼气池改造项目支出绩效自评报告", "一、绩效目标完成情况",
                  "1. 全年完成沼气池改造600户，完成率100%。",
                  f"2. 项目惠及农户1500户，户均补助{cost}（按省级补助资金150.00万元÷改造户数计算）。")


def test_a_cost_per_house_is_over_the_count_its_division_names():
    ok = houses("2500元")
    assert status(ok, "2500元") == ["pass"] and "150.00万元/600户" in rates(ok, "2500元")[0].message
    bad = houses("1000元")  # 150万 / 1500户: the households reached, not those rebuilt
    assert status(bad, "1000元") == ["fail"] and "2500" in rates(bad, "1000元")[0].expected


def test_a_figure_named_by_the_budget_and_the_spending_is_the_spending():
    # 上述A预算共执行B: B is spent (named 预算 and 执行), A the budget
    r = report("某区司法局2023年度部门整体支出绩效自评报告", "一、基本情况", "本局年度部门预算总额2450.00万元。",
               "二、执行情况", "上述2450.00万元预算共执行2401.00万元，预算完成率98.00%。")
    assert status(r, "98.00%") == ["pass"]
