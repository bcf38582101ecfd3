"""Rates found wherever the report puts their operands (issue 14, item 1):
rates over bases other than 100, completion against a target, costs per
unit, shares pinned by their words, and rates stated with no operand in
reach. Excerpts written for these tests, with their own figures."""

from __future__ import annotations

from test_checks_forms import checks_of, of


def para(text: str) -> str:
    return f"一、绩效目标完成情况\n\n{text}\n"


def statuses(text: str, rule: str = "rate") -> list[str]:
    return [c.status for c in of(checks_of(para(text)), rule)]


# ------------------------------------------------------------ stated rates


def test_a_rate_with_no_figure_to_be_its_operands_is_a_stated_figure():
    # the counts around 满意度 are of other things: no numerator, no denominator
    text = "全年慰问困难群众2,180户，发放慰问物资3,460份，服务对象满意度达到96.3%。"
    assert statuses(text) == []
    stated = of(checks_of(para(text)), "stated_rate")
    assert [c.status for c in stated] == ["skipped"] and "96.3%" in stated[0].message


def test_a_rate_whose_counts_are_at_hand_stays_a_skip():
    # 参训1,240人次 could be the denominator: operands exist but cannot be pinned
    text = "组织家政服务技能培训1,240人次，培训合格率91.7%。"
    assert statuses(text) == ["skipped"]
    assert statuses(text, "stated_rate") == []


def test_last_years_rate_with_no_figures_of_last_year_is_stated():
    # 由上年的7.4%下降至5.1%: the figure of last year has no operands here
    text = "本年采购预算完成审核1,326项，超标准班额比例由上年的7.4%下降至5.1%。"
    assert "7.4%" in " ".join(c.message for c in of(checks_of(para(text)), "stated_rate"))


# ------------------------------------------------------- completion of a target

FORM = """
二、绩效自评表

| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 困难老人居家养老服务人数 | ≥2万人 | 2.16万人 | 10 | 10 |
|  |  | 新建社区助餐点 | ≥15个 | 14个 | 10 | 9 |
"""


def completion(text: str) -> list[str]:
    return [c.status for c in of(checks_of(para(text) + FORM), "rate")]


def test_completion_against_the_target_of_the_form():
    # 2.16万名 / ≥2万人 (a set value: 20,000 exactly) = 108.00%; 14 / 15 = 93.33%
    text = "全年为2.16万名困难老人提供居家养老上门服务，为目标值的108.00%；建成社区助餐点14个，完成计划的93.33%。"
    assert completion(text) == ["pass", "pass"]
    assert completion(text.replace("108.00%", "106.00%")) == ["fail", "pass"]
    # the achieved figure written wrong: its words still name the indicator (社区助餐点)
    assert completion(text.replace("助餐点14个", "助餐点13个")) == ["pass", "fail"]


def test_completion_against_a_target_in_its_own_words():
    text = "新建农村道路61.2公里，完成年度目标72公里的85.0%。"
    assert statuses(text) == ["pass"]
    assert statuses(text.replace("85.0%", "58.0%")) == ["fail"]


# ------------------------------------------------------- other rate words, ‰


def test_any_rate_word_is_a_part_over_its_whole_per_mille_too():
    # 新生儿死亡 7 / 活产 2,845 = 2.46‰; 出错 6 / 核查 1,530 = 0.39%
    text = "全年活产2,845人，新生儿死亡7人，新生儿死亡率2.46‰。"
    assert statuses(text) == ["pass"]
    assert statuses(text.replace("2,845人", "2,485人")) == ["fail"]  # 7 / 2,485 = 2.82‰
    text = "复核申报数据1,530条，发现出错6条，出错率0.39%。"
    assert statuses(text) == ["pass"]
    assert statuses(text.replace("0.39%", "0.93%")) == ["fail"]


def test_two_counts_that_are_not_what_the_rate_counts_do_not_pin_it():
    # 优良路率 counts good roads: neither 新改建 nor 修复 kilometres are its part
    text = "实际完成新改建道路862.5公里、水毁修复74.2公里，优良路率86.1%。"
    assert statuses(text) == []
    assert of(checks_of(para(text)), "stated_rate")
    # a change is no part of a whole
    assert statuses("全年接待游客128.6万人次，游客量增长率12.4%。") == []


# ------------------------------------------------- per thousand / ten thousand


def test_a_count_per_thousand_people():
    # 1,652 / 41.27万 × 1000 = 4.003; 436 / 12,480 × 1000 = 34.94
    text = "全区常住人口41.27万人，现有注册护士1,652人，每千人口注册护士4.00人。"
    assert statuses(text) == ["pass"]
    assert statuses(text.replace("4.00人", "4.20人")) == ["fail"]
    text = "全镇60岁以上老年人12,480人，现有养老床位436张，每千名老年人拥有养老床位34.9张。"
    assert statuses(text) == ["pass"]
    assert statuses(text.replace("34.9张", "39.4张")) == ["fail"]


def test_a_count_per_ten_thousand_people_named_in_another_sentence():
    # the count stands in the sentence before; the year before's count and
    # the start of a change are not this year's (2,316 / 35.12万 × 10000 = 65.95)
    text = ("全年调解矛盾纠纷2,316件，较上年的1,987件有所增加；2020—2023年调解纠纷由1,402件增至2,316件。"
            "全区常住人口35.12万人，每万人调解矛盾纠纷65.95件。")
    assert statuses(text) == ["pass"]
    assert statuses(text.replace("65.95件", "69.55件")) == ["fail"]


def test_a_standard_per_thousand_people_times_the_people_is_the_task():
    # 按每千人3.2批次 × 15.5万人 = 496 批次
    text = "按每千人3.2批次、全区常住人口15.5万人测算，全年抽检任务为496批次。"
    assert statuses(text) == ["pass"]
    assert statuses(text.replace("496批次", "469批次")) == ["fail"]


def test_the_count_per_thousand_is_the_end_of_a_change_stated_before():
    # 由1,210张增至1,486张: the end is this year's 床位; 1,486 / 46,300 × 1000 = 32.1
    text = ("2020—2023年，全区养老机构床位由1,210张增至1,486张。"
            "按全区60岁以上老年人46,300人计算，每千名老年人拥有养老床位32.1张。")
    assert statuses(text) == ["pass"]
    assert statuses(text.replace("32.1张", "31.2张")) == ["fail"]


# ------------------------------------------------------ shares of a division


def test_a_typo_in_one_share_of_a_complete_division_fails():
    # 1,286.40 + 214.75 + 2,580.16 = 4,081.31: 31.52% + 5.26% + 63.22% = 100%
    text = "按经济分类，人员经费1,286.40万元，占31.52%；公用经费214.75万元，占5.26%；项目支出2,580.16万元，占63.22%。"
    assert statuses(text) == ["pass", "pass", "pass"]
    # 31.57%: the shares add to 100.05%, but the other two hold against the sum of the parts
    assert statuses(text.replace("31.52%", "31.57%")) == ["fail", "pass", "pass"]
    # two parts of three: not the whole, nothing pinned
    assert "fail" not in statuses("按经济分类，人员经费1,286.40万元，占31.52%；公用经费214.75万元，占5.26%。")


# ------------------------------------------- a whole stated in another paragraph


def test_a_rate_whose_whole_is_named_in_another_paragraph():
    # 全年资助培训9,420人次 stands chapters away; the rate's subject (培训) names it
    text = ("一、项目概况\n\n全年资助培训9,420人次，覆盖全部乡镇。\n\n"
            "二、绩效目标完成情况\n\n（一）产出。全年共组织家政、养老护理等工种的职业技能鉴定考试三轮。\n\n"
            "（二）质量。参训人员考核合格8,573人次，培训合格率91.01%。\n\n"
            "（三）效益。培训后实现就业5,966人，培训后就业率63.33%。\n")
    rates = [c.status for c in of(checks_of(text), "rate")]
    assert rates == ["pass", "pass"]  # 8,573 / 9,420 = 91.008%; 5,966 / 9,420 = 63.333%
    assert [c.status for c in of(checks_of(text.replace("91.01%", "91.06%")), "rate")] == ["fail", "pass"]
    assert [c.status for c in of(checks_of(text.replace("63.33%", "63.83%")), "rate")] == ["pass", "fail"]
    # the whole stated twice with two values: not pinned
    two = text.replace("覆盖全部乡镇。", "覆盖全部乡镇；另据台账，全年资助培训9,240人次。")
    assert "fail" not in [c.status for c in of(checks_of(two.replace("91.01%", "91.06%")), "rate")]


# ------------------------------------------------ all of a count, the rest of a whole


def test_all_of_a_count_is_a_reading_of_its_rate():
    assert statuses("9所卫生院改造工程全部通过竣工验收，验收合格率100%。") == ["pass"]
    # not pinned by these words alone: a rate of 95% is not determined, never failed
    assert "fail" not in statuses("9所卫生院改造工程全部通过竣工验收，验收合格率95%。")


def test_a_rate_is_the_rest_of_its_whole_without_the_opposite_count():
    # (2,140 − 38) / 2,140 = 98.22%
    text = "全年完成产品质量监督抽检2,140批次，检出不合格样品38批次，总体合格率98.2%。"
    assert statuses(text) == ["pass"]
    # the whole in the clause before a semicolon (a sentence of its own)
    text = "全年完成产品质量监督抽检2,140批次；检出不合格样品38批次，总体合格率98.2%。"
    assert statuses(text) == ["pass"]


def test_a_span_of_years_is_no_operand_of_a_rate_of_last_year():
    text = "学前三年毛入园率由上年的90.4%提高到92.7%，提高2.3个百分点。"
    assert "90.4%" in " ".join(c.message for c in of(checks_of(para(text)), "stated_rate"))


# ------------------------------------------------------------ costs per unit


def test_a_cost_over_a_whole_count_of_things_is_exact():
    # 6个 is six stations, not 5.5 to 6.5: 477.60 / 6 = 79.60, 79.1 is wrong
    text = "新建水质自动监测站6个，总投资412.80万元，单站平均建设成本68.8万元。"
    assert statuses(text) == ["pass"]
    assert statuses(text.replace("68.8万元", "68.3万元")) == ["fail"]
    # a cost per 座 is one too (单座平均)
    text = "其中24座小型水闸维修支出386.40万元，单座平均16.1万元。"
    assert statuses(text) == ["pass"]
    assert statuses(text.replace("16.1万元", "16.6万元")) == ["fail"]


# ------------------------------------------------------------------ tables

TABLE = """
表1  2024年度预算执行情况（单位：万元）
项目 | 预算数 | 实际支出 | 完成率 | 占实际支出比重
基本支出 | 1,204.30 | 1,204.30 | 100.00% | 37.46%
项目支出 | 2,136.80 | 2,010.62 | 94.09% | 62.54%
合计 | 3,341.10 | 3,214.92 | 96.22% | 100.00%
"""


def test_a_completion_column_and_a_share_column_of_a_table():
    # 完成率 = 实际支出 / 预算数; 占实际支出比重 = the row's 实际支出 / the 合计 row's
    results = of(checks_of(para("全年预算执行情况见表1。") + TABLE), "rate")
    assert [c.status for c in results] == ["pass"] * 6
    assert "完成率" in results[1].message
    wrong = TABLE.replace("| 62.54%", "| 65.24%").replace("94.09%", "94.90%")
    statuses_ = sorted(c.status for c in of(checks_of(para("全年预算执行情况见表1。") + wrong), "rate"))
    assert statuses_ == ["fail", "fail", "pass", "pass", "pass", "pass"]


def test_one_figure_stated_twice_is_no_part_and_its_whole():
    # 1,862家 stated twice: 1,862 / 1,862 is no reading of 运营率
    text = "全市高企存量达1,862家。全市高企存量1,862家，科技服务平台正常运营率100%。"
    assert "pass" not in statuses(text)


def test_a_cost_per_head_over_the_money_its_words_name_in_the_sentence_before():
    # 补贴资金 486.20万元 (the whole of its two parts) over 6,420人次 = 757.32元
    text = ("全年发放创业培训补贴资金486.20万元，分为两类：创业意识培训补贴301.40万元、创业能力培训补贴184.80万元。"
            "按全年补贴培训6,420人次计算，人均补贴757.32元。本年度未执行的12.60万元为年末受理的补贴。")
    assert statuses(text) == ["pass"]
    assert statuses(text.replace("757.32元", "757.82元")) == ["fail"]


def test_a_rate_whose_part_is_named_in_another_paragraph():
    # the summary sentence states the whole (资助培训9,420人次); the part stands in a later chapter
    text = ("一、项目概况\n\n全年资助培训9,420人次，取证7,912人，培训合格率91.01%，参训人员满意度94.2%。\n\n"
            "二、绩效目标完成情况\n\n（一）产出。全年共组织家政、养老护理等工种的职业技能鉴定考试三轮。\n\n"
            "（二）质量。参训人员考核合格8,573人次，质量稳定。\n\n"
            "（三）满意度。回收有效问卷1,240份，其中表示满意1,168人。\n")
    first = [c for c in of(checks_of(text), "rate") if c.locations[0].line == 5]
    assert [c.status for c in first] == ["pass", "skipped"]  # 8,573 / 9,420; 满意 of the questionnaires, not the trainees
    wrong = [c for c in of(checks_of(text.replace("91.01%", "91.61%")), "rate") if c.locations[0].line == 5]
    assert [c.status for c in wrong] == ["fail", "skipped"]


# ------------------------------------------------- bounds and counting rules


def test_a_bound_or_a_counting_rule_is_no_rate_stated():
    # 未达100%: the bound the rate missed; 按100%计: how a rate is counted
    assert statuses("全年预算执行率未达100%的原因见下文。") == []
    assert statuses("其他资金实际支出超出预算的，执行率按100%计。") == []
    assert statuses("林业有害生物成灾率控制在3.5‰以下。") == []
    # a rate stated with its operands still is one
    assert statuses("全年预算286.40万元，实际支出271.52万元，预算执行率94.80%。") == ["pass"]


def test_a_share_of_a_whole_its_words_name_sentences_away():
    # 占本年支出合计的100.00%: the whole is 本年支出合计, three sentences before
    text = ("本年支出合计1,865.40万元，其中：基本支出1,302.16万元，占69.81%；项目支出563.24万元，占30.19%。"
            "本年无政府性基金预算支出。本年无国有资本经营预算支出。"
            "一般公共预算财政拨款支出1,865.40万元，占本年支出合计的100.00%。")
    assert statuses(text) == ["pass", "pass", "pass"]
    assert statuses(text.replace("100.00%。", "99.00%。"))[-1] == "fail"


def test_a_rate_of_days_is_over_the_days_of_the_year_when_no_whole_is_stated():
    # 2024 (the title's year) has 366 days: 331 / 366 = 90.44%; 90.7% is wrong
    text = "全年城市空气质量优良天数331天，优良天数比例90.4%。"
    results = of(checks_of(para(text)), "rate")
    assert [c.status for c in results] == ["pass"] and "366天" in results[0].message
    # the days counted may be fewer than the year's (有效监测天数, unstated):
    # 331 / 365 = 90.68% is a whole number of days
    assert statuses(text.replace("90.4%", "90.7%"), "rate") == ["pass"]


def test_a_rate_of_days_its_words_name_fails_when_no_whole_number_of_days_gives_it():
    # 优良天数比率 names 优良天数: pinned. Over at most the 366 days of 2024
    # (the title's year) 250天 is at least 68.2%; 68.0% is below that, and
    # 69.5% needs 359.7 days (no whole number from 359.5 to 359.9)
    text = "全年空气质量优良天数250天，优良天数比率{}。"
    assert statuses(text.format("68.3%"), "rate") == ["pass"]
    assert statuses(text.format("68.5%"), "rate") == ["pass"]  # 250 / 365 = 68.49%
    assert statuses(text.format("68.0%"), "rate") == ["fail"]
    assert statuses(text.format("69.5%"), "rate") == ["fail"]
