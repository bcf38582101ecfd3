"""Rates, growth and differences read wherever the report puts their
operands (issue 14): excerpts written for these tests in the genre, each
with its figures. A relation passes when a reading its words allow holds,
fails only when the words pin the operands and none holds."""

from __future__ import annotations

from test_checks_forms import checks_of, of


def para(text: str) -> str:
    return f"一、资金管理情况\n\n{text}\n"


def statuses(text: str, rule: str) -> list[str]:
    return [c.status for c in of(checks_of(para(text)), rule)]


# ------------------------------------------------------------------ rates


def test_rate_with_operands_in_other_order():
    # budget word first, spending after, the rate last: 312.40 / 356.80 = 87.556…%
    assert statuses("本年度补助资金合计356.80万元，实际发放312.40万元，执行率87.56%。", "rate") == ["pass"]
    assert statuses("本年度补助资金合计356.80万元，实际发放312.40万元，执行率85.76%。", "rate") == ["fail"]


def test_rate_operands_in_the_neighbouring_sentences():
    # the budget in the next sentence (the department's budget in the one
    # before is another reading the words allow): 1,806.45 / 1,921.30 = 94.022%
    text = ("部门年初预算8,600.00万元，实际支出8,102.40万元，预算执行率94.21%。"
            "其中项目累计支出1,806.45万元，执行率94.02%。项目全年预算数为1,921.30万元，由县级财政安排。")
    assert statuses(text, "rate") == ["pass", "pass"]
    # the budget written 1912.30: 1806.45 / 1912.30 = 94.46%, a near miss
    assert statuses(text.replace("1,921.30", "1,912.30"), "rate") == ["pass", "fail"]
    # the spending in the sentence before, the budget in the rate's own
    text = "截至年底累计支出1,806.45万元。项目全年预算数1,921.30万元，预算执行率94.02%。"
    assert statuses(text, "rate") == ["pass"]


def test_rate_in_a_form_row():
    text = ("项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
            "年度资金总额\t640.00\t702.50\t668.12\t10\t95.11%\t9.51\n"
            "其中：当年财政拨款\t640.00\t640.00\t605.62\t—\t94.63%\t—\n"
            "上年结转资金\t0.00\t62.50\t62.50\t—\t100.00%\t—\n")
    results = of(checks_of(text), "rate")
    # 668.12/702.50 = 95.106%, 605.62/640.00 = 94.628%, 62.50/62.50 = 100%
    assert [c.status for c in results] == ["pass", "pass", "pass"]
    wrong = text.replace("94.63%", "96.43%")
    # rule form finds the same 执行率 of the same cells: one finding (checks/merge.py)
    bad = [c for c in checks_of(wrong) if c.kind == "rate" and c.status == "fail"]
    assert len(bad) == 1 and bad[0].stated == "96.43%" and bad[0].expected in ("94.628%", "94.63%")


def test_form_rate_capped_at_100_when_spending_exceeds_budget():
    text = ("项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
            "年度资金总额\t120.00\t120.00\t123.40\t10\t100.00%\t10\n")
    assert [c.status for c in of(checks_of(text), "rate")] == ["pass"]


def test_share_names_its_whole():
    # 1,204 / 9,860 = 12.21%
    ok = "全年开展技能培训9,860人次。其中退役军人参训1,204人次，占参训总人次的12.21%。"
    assert statuses(ok, "rate") == ["pass"]
    assert statuses(ok.replace("12.21%", "13.21%"), "rate") == ["fail"]


def test_share_with_zhanbi_and_its_whole_in_the_sentence_before():
    # 人员经费 2,316.50 / 5,402.80 = 42.876…% -> 42.88%
    ok = "全年支出5,402.80万元。人员经费2,316.50万元，占比42.88%。"
    assert statuses(ok, "rate") == ["pass"]
    # a bare 占比 names no whole: a wrong share is not determined, never failed
    assert statuses(ok.replace("42.88%", "48.22%"), "rate") == ["skipped"]


def test_correct_rounding_passes_and_near_miss_fails():
    # 合格 487 / 抽检 512 = 95.117…%: 95.1% is right to its one decimal
    assert statuses("全年抽检农产品512批次，合格487批次，合格率95.1%。", "rate") == ["pass"]
    assert statuses("全年抽检农产品512批次，合格487批次，合格率95.2%。", "rate") == ["fail"]


def test_a_remainder_is_no_numerator():
    # 未支出 42.30 must not be read as the spending of 支出进度
    text = "全年预算450.00万元，已支付407.70万元，支出进度90.60%，未支出42.30万元。"
    assert statuses(text, "rate") == ["pass"]


# ------------------------------------------------------------------ growth


def test_growth_against_the_previous_year_figure():
    # (1,386.20 - 1,250.60) / 1,250.60 = 10.84%
    ok = "全年发放救助资金1,386.20万元，较上年1,250.60万元增长10.84%。"
    assert statuses(ok, "growth") == ["pass"]
    assert statuses(ok.replace("10.84%", "11.84%"), "growth") == ["fail"]


def test_growth_from_the_change_amount():
    # 42.60 - 3.85 = 38.75 last year; 3.85 / 38.75 = 9.94%
    ok = "2024年“三公”经费支出42.60万元，比上年增加3.85万元，增长9.94%。"
    assert statuses(ok, "growth") == ["pass"]
    assert statuses(ok.replace("9.94%", "9.04%"), "growth") == ["fail"]
    # a decrease: 27.10 + 2.40 = 29.50 last year; 2.40 / 29.50 = 8.14%
    down = "会议费支出27.10万元，同比减少2.40万元，下降8.14%。"
    assert statuses(down, "growth") == ["pass"]


def test_growth_decline_against_the_same_period_of_last_year():
    # (71.5 - 76.2) / 76.2 = -6.17%
    ok = "全年游客接待量71.5万人次，上年同期为76.2万人次，比上年同期下降6.17%。"
    assert statuses(ok, "growth") == ["pass"]
    assert statuses(ok.replace("6.17%", "6.71%"), "growth") == ["fail"]


def test_growth_from_to_with_words_between():
    # 由上年的 1,640 增至 1,902: 15.98%
    ok = "项目区日均客流量由上年的1,640人次增至1,902人次，增长15.98%。"
    assert statuses(ok, "growth") == ["pass"]
    assert statuses(ok.replace("15.98%", "16.98%"), "growth") == ["fail"]


def test_growth_direction_word_wrong():
    # 9.80 -> 8.30 is a fall of 15.31%, written as 增长
    bad = of(checks_of(para("差旅费支出8.30万元，较上年9.80万元增长15.31%。")), "growth")
    assert [c.status for c in bad] == ["fail"] and "方向" in bad[0].message


def test_growth_from_a_zero_base_is_an_error():
    text = "新增的培训费支出4.20万元，较上年0.00万元增长100.00%。"
    bad = of(checks_of(para(text)), "growth")
    assert [c.status for c in bad] == ["fail"] and "零" in bad[0].message


def test_growth_in_a_two_year_table():
    text = ("表1 三公经费对比表（单位：万元）\n"
            "项目\t2023年\t2024年\t增减额\t增减率\n"
            "公务接待费\t8.40\t7.35\t-1.05\t-12.50%\n"
            "因公出国（境）费\t0.00\t2.60\t2.60\t100.00%\n")
    checks = checks_of(text)
    assert [c.status for c in of(checks, "growth")] == ["pass", "fail"]
    assert [c.status for c in of(checks, "difference")] == ["pass", "pass"]


# ------------------------------------------------------------------ differences


def test_balance_with_budget_and_spending_in_earlier_sentences():
    text = ("项目总预算2,480.00万元，均已足额到位。截至12月31日，累计拨付2,297.35万元。"
            "尚未支付182.65万元，主要为质保金。")
    assert statuses(text, "difference") == ["pass"]
    assert statuses(text.replace("182.65", "128.65"), "difference") == ["fail"]


def test_money_carried_in_is_no_balance_but_money_carried_on_is():
    # 345.00 - 318.60 = 26.40 carried on; the 45.00 carried in is no balance
    text = ("年初预算300.00万元，年中追加上年结转资金45.00万元，调整后预算345.00万元。"
            "全年实际支出318.60万元，结转资金26.40万元。")
    results = of(checks_of(para(text)), "difference")
    assert [(c.status, c.stated) for c in results] == [("pass", "26.40万元")]


def test_balance_is_zero_when_spending_exceeds_budget():
    text = "全年预算数96.00万元，实际支出98.20万元，超出部分由其他资金安排，结余0万元。"
    assert "fail" not in statuses(text, "difference")


def test_change_amount_against_the_previous_year():
    # 58.40 - 52.15 = 6.25
    ok = "全年印刷费支出52.15万元，较上年58.40万元减少6.25万元，下降10.70%。"
    assert statuses(ok, "difference") == ["pass"]
    assert statuses(ok.replace("6.25万元", "6.52万元"), "difference") == ["fail"]


def test_percentage_points_between_two_rates():
    # 96.40 - 93.75 = 2.65 percentage points
    ok = "农村适龄儿童入学率由上年的93.75%提高到96.40%，提高2.65个百分点。"
    assert statuses(ok, "difference") == ["pass"]
    assert statuses(ok.replace("2.65个", "2.56个"), "difference") == ["fail"]


def test_growth_with_stated_years_at_both_ends():
    # (1,488 / 1,205)^(1/4) - 1 = 5.42% a year over 2020..2024
    ok = "全县注册志愿者由2020年的1,205人增至2024年的1,488人，年均增长5.42%。"
    assert statuses(ok, "growth") == ["pass"]
    assert statuses(ok.replace("5.42%", "5.24%"), "growth") == ["fail"]


# ------------------------------------------------------------------ breakdowns


def test_a_bracket_after_a_part_is_an_aside():
    # 920 = 600 + 320; the 450 inside the bracket is part of 600, not of 920
    text = "全年预算920.00万元，其中专项资金600.00万元（含省级补助450.00万元），县级配套资金320.00万元。"
    assert statuses(text, "stated_breakdown") == ["pass"]


def test_the_whole_stated_again_ends_the_list_of_parts():
    # 75 = 40 + 35; 到位资金75.00万元 restates the whole
    text = "项目总预算75.00万元，其中省级资金40.00万元、县级资金35.00万元，到位资金75.00万元。"
    assert statuses(text, "stated_breakdown") == ["pass"]


# ------------------------------------------------------------ breakdown ends


def test_a_breakdown_ends_where_its_parts_make_up_the_whole():
    # the spending after the two sources is no third source
    text = "项目预算资金150.00万元，其中市级资金90.00万元、区级资金60.00万元，实际支出141.00万元，执行率94.00%。"
    assert statuses(text, "stated_breakdown") == ["pass"]
    assert statuses(text, "rate") == ["pass"]
    # a typo in a part still fails: 90 + 50 never makes 150
    assert statuses(text.replace("60.00", "50.00"), "stated_breakdown") == ["fail"]


def test_a_breakdown_in_a_bracket_has_its_parts_in_the_bracket():
    # 其中 inside the bracket lists the 教学楼's parts; the 食堂 after it is the outer list's
    text = "新建校舍面积6200平方米，其中教学楼4500平方米（其中教室3900平方米，办公室660平方米），食堂1700平方米。"
    checks = [c for c in checks_of(para(text)) if c.rule == "stated_breakdown"]
    # 4500 + 1700 = 6200 holds; 3900 + 660 = 4560 ≠ 4500, the 食堂 no part of the 教学楼
    assert [c.status for c in checks] == ["pass", "fail"]
    assert "食堂" not in checks[1].message and "4560" in checks[1].message


# ------------------------------------------------------- rates named by subject


def test_a_generic_rate_takes_its_operands_from_the_sentences_around_it():
    # 全年预算执行率 names no subject: the budget and the spending two sentences off are its operands
    text = ("（1）预算安排。当年财政拨款310.00万元，上年结转18.20万元，全年预算328.20万元。\n"
            "（2）资金支出。截至年底，项目全年实际支出301.45万元。\n"
            "全年预算执行率91.85%，结余26.75万元，为质保金。")
    assert statuses(text, "rate") == ["pass"]
    assert statuses(text.replace("91.85%", "91.58%"), "rate") == ["fail"]


def test_a_subject_rate_reads_its_table_row():
    text = ("二、重点项目支出\n\n项目支出分项情况表（单位：万元）\n项目类别\t项目名称\t全年预算数\t全年执行数\n"
            "补助类\t农机购置补贴\t240.00\t228.60\n\t良种推广补贴\t96.50\t80.12\n合计\t\t336.50\t308.72\n\n"
            "其中良种推广补贴执行率83.03%，系部分种子延至次年供应。\n")
    checks = [c for c in checks_of("2024年度项目支出绩效自评报告\n\n" + text) if c.rule == "rate"]
    text_rates = [c for c in checks if "良种推广补贴执行率" in c.message]
    assert [c.status for c in text_rates] == ["pass"] and "80.12/96.50" in text_rates[0].message
    bad = [c for c in checks_of("2024年度项目支出绩效自评报告\n\n" + text.replace("83.03%", "88.03%"))
           if c.rule == "rate" and "良种推广补贴执行率" in c.message]
    assert [c.status for c in bad] == ["fail"]


def test_a_numerator_names_the_subject_of_its_denominator():
    text = ("1.资金来源。项目总预算3,600.00万元，其中：省级财政资金2,100.00万元，县级财政资金1,500.00万元。\n"
            "按资金年度划分，当年安排3,400.00万元，上年结转200.00万元。\n"
            "2.资金支付。截至年底累计拨付3,420.00万元，支付率95.00%。\n"
            "其中，省级财政资金已支付2,016.00万元，支付率96.00%。")
    assert statuses(text, "rate") == ["pass", "pass"]
    assert statuses(text.replace("96.00%", "93.00%"), "rate") == ["pass", "fail"]


def test_the_condition_of_a_scoring_rule_is_no_stated_rate():
    text = "项目全年预算500.00万元，全年执行486.20万元，执行率97.24%。注：执行率超过100%的按100%计。"
    assert statuses(text, "rate") == ["pass"]


def test_year_on_year_growth_finds_this_years_figure_of_the_same_metric_nearby():
    text = ("全年调解矛盾纠纷2,340件，调解成功率96.2%。\n"
            "上年调解矛盾纠纷2,080件，本年同比增长12.50%；2020—2023年，全县调解矛盾纠纷由1,650件增至2,340件，"
            "年均增长12.35%。")
    assert statuses(text, "growth") == ["pass", "pass"]
    # the start of the span (由1,650件) is no figure of this year
    assert statuses(text.replace("12.50%", "15.20%"), "growth") == ["fail", "pass"]


# ------------------------------------------------------------ costs per unit


def test_a_cost_per_unit_is_the_money_over_the_count():
    text = "按实际支出1,250.40万元、改造里程31.2公里计算，每公里改造成本40.08万元，控制在每公里45万元以内。"
    assert statuses(text, "rate") == ["pass"]  # the limit (控制在…以内) is no cost spent
    assert statuses(text.replace("40.08万元", "40.80万元"), "rate") == ["fail"]
    # 万亩 counts 亩: 532,000元 / 3.8万亩 = 14.00元
    assert statuses("完成统防统治3.8万亩，作业服务费532,000元，亩均作业费用14.00元，低于每亩16元的标准。",
                    "rate") == ["pass"]


def test_an_income_per_person_is_no_cost_per_unit():
    # 人均增收 is what each person gained, not the project's money over them
    text = "项目投入资金300.00万元，扶持合作社12家，带动脱贫户1,200人就业，人均增收2,000元。"
    assert statuses(text, "rate") == []
    assert statuses("全年村民人均可支配收入18,650元，较上年增长6.2%。", "rate") == []


def test_a_cost_per_unit_whose_total_is_in_the_sentence_before():
    text = "全年培训支出1,085.60万元。按全年培训14,200人次计算，人均培训成本764.51元。"
    assert statuses(text, "rate") == ["pass"]


# ------------------------------------------------------------ field trial R1–R4


def test_rate_takes_the_operands_of_its_own_clause():
    # two indicators in one sentence: the second rate's 100%/100% are its
    # own; the first clause's 36次/30次 belong to the first rate
    text = ("培训场次绩效目标值是30次,实际完成值为36次,目标完成率为120%,"
            "资金拨付率绩效目标值是100%,实际完成值为100%,目标完成率为100%,")
    results = of(checks_of(para(text)), "rate")
    assert [c.status for c in results] == ["pass", "pass"]
    assert "100%/100%" in results[1].message
    # the second rate written 90%: against its own clause, not the first
    bad = of(checks_of(para(text.replace("目标完成率为100%", "目标完成率为90%"))), "rate")
    assert [c.status for c in bad] == ["pass", "fail"] and "100%/100%" in bad[1].message


def test_an_aim_value_is_no_measured_rate():
    text = "资金拨付率绩效目标值是100%,实际完成值为98%。"
    assert statuses(text, "rate") == []


def test_two_different_objects_are_no_part_and_whole():
    # 新建泵站1座，新建蓄水池1座: siblings, neither the whole of the other
    assert statuses("新建泵站1座，新建蓄水池1座，完成率100%。", "rate") == ["skipped"]
    # a count and its part still pair
    assert statuses("抽检样品400件，合格392件，合格率98%。", "rate") == ["pass"]


def test_growth_and_change_read_the_current_figure_of_the_sentence_before():
    text = "2、支出：650.50万元。同比上年增加150.50万元，增长30.10%。"
    assert statuses(text, "growth") == ["pass"]
    assert statuses(text, "difference") == ["pass"]
    # the change written 105.50: 105.50/(650.50−105.50) = 19.36%, and
    # 650.50×30.10%/(1+30.10%) = 150.50
    wrong = text.replace("150.50万元，", "105.50万元，")
    assert statuses(wrong, "growth") == ["fail"]
    assert statuses(wrong, "difference") == ["fail"]
    # a fall: 400 → 380, 5%
    assert statuses("支出：380.00万元。较上年减少20.00万元，下降5.00%。", "difference") == ["pass"]


def test_low_execution_under_a_top_rating():
    text = "本项目预算数为50.00万元，决算数为12.00万元。项目按时完成绩效目标任务，自评等级为优。"
    found = of(checks_of(para(text)), "target_rating")
    assert len(found) == 1 and found[0].status == "fail" and "24.00%" in found[0].message
    assert found[0].severity == "warning"
    # spending near the budget is no finding
    assert of(checks_of(para(text.replace("12.00万元", "48.00万元"))), "target_rating") == []


def test_low_execution_quotes_the_spending_and_the_rating():
    text = "本项目预算数为80.00万元，决算数为20.00万元。项目按时完成绩效目标任务，自评等级为优。"
    found = of(checks_of(para(text)), "target_rating")
    assert len(found) == 1 and found[0].quote is not None
    assert "决算数为20.00万元" in found[0].quote and "自评等级为优" in found[0].quote


def test_a_budget_over_several_years_is_not_the_years_budget():
    # 3,600 over 2022-2025 is the whole project's: 750 spent this year is no 20.83% execution
    text = ("本项目预算资金3,600万元，实施期为2022年至2025年，本年度实际支出750万元。"
            "项目按计划推进，自评等级为优。")
    assert [c for c in of(checks_of(para(text)), "target_rating") if c.status == "fail"] == []
    # the whole project's money named by its words, no span stated
    text = "项目总投资3,600万元，全年实际支出750万元。项目按计划推进，自评等级为优。"
    assert [c for c in of(checks_of(para(text)), "target_rating") if c.status == "fail"] == []
    # the year's budget, one year named, is still read
    text = "本项目2024年预算资金3,600万元，本年度实际支出750万元。项目按计划推进，自评等级为优。"
    assert [c.status for c in of(checks_of(para(text)), "target_rating")] == ["fail"]


def test_shares_of_a_complete_division_have_the_sum_of_their_parts_as_whole():
    # shares that add to 100% divide one whole: the sum of their parts
    # 4,260.30 + 1,187.52 + 652.18 = 6,100.00; 69.84% + 19.47% + 10.69% = 100%
    ok = ("按支出用途分，工程建设4,260.30万元，占69.84%；设备购置1,187.52万元，占19.47%；"
          "管理费用652.18万元，占10.69%。")
    assert statuses(ok, "rate") == ["pass", "pass", "pass"]
    # one share written one hundredth off: its whole is pinned by the others
    assert statuses(ok.replace("19.47%", "19.48%"), "rate") == ["pass", "fail", "pass"]
    # shares that do not add to 100% name no complete division: a wrong one stays undetermined
    part = "工程建设4,260.30万元，占52.84%；设备购置1,187.52万元，占19.47%。"
    assert "fail" not in statuses(part, "rate")


def test_shares_rounded_so_that_they_add_to_a_hundredth_over_still_pass():
    # 333.33 + 333.33 + 333.34: 33.33% + 33.33% + 33.33% = 99.99%
    ok = "其中甲类333.33万元，占33.33%；乙类333.33万元，占33.33%；丙类333.34万元，占33.33%。"
    assert statuses(ok, "rate") == ["pass", "pass", "pass"]
    # the part before the shares' list is no part of it: 其中 clause ahead, the list after
    ahead = "全年支出1,000.00万元，占预算的90.00%。" + ok
    assert statuses(ahead, "rate")[-3:] == ["pass", "pass", "pass"]


def test_a_typo_in_one_share_of_a_division_is_caught():
    # 2,150.40 + 849.60 = 3,000.00: 71.68% + 28.32%; 71.86% written, the shares add to 100.18%,
    # beyond a unit a share, but 28.32% holds against the sum of the parts: they are the whole
    # (issue 14 item 6), and the typo fails
    ok = "按支出性质分，基本支出2,150.40万元，占71.68%；项目支出849.60万元，占28.32%。"
    assert statuses(ok.replace("71.68%", "71.69%"), "rate") == ["fail", "pass"]
    assert statuses(ok.replace("71.68%", "71.86%"), "rate") == ["fail", "pass"]
    # both shares off: not a whole, nothing pinned
    assert "fail" not in statuses(ok.replace("71.68%", "71.86%").replace("28.32%", "28.23%"), "rate")


def test_a_rate_of_days_over_days():
    # days are counted like any count: 233 / 250 = 93.2% (a count of days is ±0.5 a day: 93.4% still holds)
    ok = "全年计划开放服务250天，其中实际开放233天，开放天数比例93.2%。"
    assert statuses(ok, "rate") == ["pass"]
    assert statuses(ok.replace("93.2%", "95.2%"), "rate") == ["fail"]


def test_a_form_rate_judged_by_its_columns_is_not_also_listed_unchecked():
    # a label/value 自评表 block: 执行率 96.15% = 250.00 / 260.00, judged by rule form;
    # the text rate check finds no unit on the bare numbers and would say 无法核对
    text = ("一、项目资金情况（单位：万元）\n"
            "年度资金总额：年初预算数300.00；全年预算数320.00；全年执行数305.00\n"
            "其中当年财政拨款：年初预算数260.00；全年预算数260.00；全年执行数250.00；执行率96.15%\n"
            "上年结转资金：年初预算数40.00；全年预算数60.00；全年执行数55.00；执行率91.67%\n"
            "执行率：95.31%\n")
    results = [c for c in checks_of(text) if c.kind == "rate"]
    assert results and all(c.status != "skipped" for c in results)
    assert {c.stated for c in results if c.rule == "form"} >= {"96.15%", "91.67%"}


FORM_FUNDS = ("项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
              "年度资金总额\t3,000.00\t3,100.00\t3,050.00\t10\t98.39%\t9.84\n"
              "其中：基本支出\t800.00\t820.00\t820.00\t—\t100.00%\t—\n"
              "项目支出\t2,200.00\t2,280.00\t2,230.00\t—\t97.81%\t—\n")


def test_a_share_of_a_form_row_named_by_its_row_and_column():
    # 上述两项 refers to the two items summed in the sentence before: 1,561.00 / 2,230.00 = 70.00%
    text = (FORM_FUNDS + "\n一、资金使用情况\n\n甲类补助和乙类补助两项合计1,561.00万元。"
            "上述两项资金占项目支出执行数的70.00%，是项目支出的主体。\n")
    assert [c.status for c in of(checks_of(text), "rate") if c.stated == "70.00%"] == ["pass"]
    wrong = text.replace("70.00%", "77.00%")
    assert [c.status for c in of(checks_of(wrong), "rate") if c.stated == "77.00%"] == ["fail"]


def test_a_rate_of_the_year_before_is_not_this_years_operands():
    # 上年同期预算执行率 52% is last year's: this year's 880.00 / 950.00 pins it to nothing
    text = ("本项目年度预算资金950.00万元，全年实际支出880.00万元，预算执行率92.63%。"
            "上年同期预算执行率仅为52%，本年提升明显。")
    assert statuses(text, "rate") == ["pass"]
    # with no figure of the year before around it, it is a stated figure (counted, not checked)
    assert statuses(text, "stated_rate") == ["skipped"]
    # last year's operands named as such still pin it: 260 / 500 = 52%, 62% is wrong
    text = "上年预算资金500.00万元，上年实际支出260.00万元，上年预算执行率62%。"
    assert statuses(text, "rate") == ["fail"]


def test_a_progress_rate_before_the_year_end_is_not_the_years_rate():
    # 截至6月底 45% is progress: not 490 / 500, nor the report's execution rate under 优
    text = ("本项目年度预算资金500.00万元。截至2024年6月底，预算执行率为45%；截至12月底，"
            "全年实际支出490.00万元，预算执行率98%。\n\n二、自评结论\n\n项目自评得分92分，等级为优。")
    checks = checks_of(para(text))
    assert [c.status for c in of(checks, "rate")] == ["skipped", "pass"]
    assert not [c for c in of(checks, "target_rating") if c.status == "fail"]
    # the progress figures stated with it still pin it: 225 / 500 = 45%, 54% is wrong
    text = "本项目年度预算资金500.00万元。截至6月底，已支付225.00万元，预算执行率为54%。"
    assert statuses(text, "rate") == ["fail"]


def test_growth_over_the_year_before_stated_in_a_bracket():
    # 2,430 / 2,250 − 1 = 8.00%: the bracket after the rate holds its base
    text = "全年接待来访群众2,430人次，同比增长8.0%（上年2,250人次）。"
    assert statuses(text, "growth") == ["pass"]
    assert statuses(text.replace("8.0%", "9.0%"), "growth") == ["fail"]
    assert statuses(text.replace("（上年", "（去年同期为"), "growth") == ["pass"]
    # a bracketed figure of another unit is no base
    assert statuses(text.replace("2,250人次）", "2,250万元）"), "growth") == ["skipped"]
