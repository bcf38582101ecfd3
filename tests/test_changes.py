"""Differences, percentage points and growth in the phrasings reports use
(issue 14, items 2 and 4): excerpts written for these tests, each with its
own figures. A relation passes when a reading its words allow holds, fails
only when the words pin the operands and none holds, and is skipped (or
not made) where the text gives no operand."""

from __future__ import annotations

from test_checks_forms import checks_of, of


def para(text: str) -> str:
    return f"一、绩效目标完成情况\n\n{text}\n"


def results(text: str, rule: str):
    return of(checks_of(para(text)), rule)


def statuses(text: str, rule: str) -> list[str]:
    return [c.status for c in results(text, rule)]


# ------------------------------------------------------- percentage points


def test_points_against_this_years_rate_of_the_same_metric_stated_earlier():
    # this year's 执行率 two sentences before the change: 91.30 − 87.15 = 4.15
    text = ("截至年底项目已支付356.12万元，执行率91.30%。年末未支付部分待验收后支付。"
            "上年同类项目执行率87.15%，本年执行率较上年提高{}个百分点。")
    assert statuses(text.format("4.15"), "difference") == ["pass"]
    assert statuses(text.format("4.65"), "difference") == ["fail"]


def test_points_whose_words_name_no_metric_take_the_previous_years():
    # 本年提高 names nothing: the metric is the previous rate's (支付率)
    text = "全年累计支出2,416.30万元，支付率96.20%。上年支付率为92.75%，本年提高{}个百分点。"
    assert statuses(text.format("3.45"), "difference") == ["pass"]
    bad = results(text.format("3.95"), "difference")
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "3.45个百分点"


def test_points_against_a_part_of_the_sentence_that_opens_with_the_previous_year():
    # 上年… ；本年…: the 支出率 before the ； is the year before's
    text = ("全年实际支出12,604.20万元，支出率96.84%。"
            "上年同口径预算11,920.00万元，实际支出11,382.60万元，支出率95.49%；本年支出率较上年提高{}个百分点。")
    assert statuses(text.format("1.35"), "difference") == ["pass"]
    assert statuses(text.format("1.85"), "difference") == ["fail"]


def test_points_against_the_year_before_named_by_its_year():
    # a 2024 report (the excerpts' title): 2023年 is the year before
    text = "全年空气质量优良天数比例91.8%，较2023年的89.9%提高{}个百分点。"
    assert statuses(text.format("1.9"), "difference") == ["pass"]
    assert statuses(text.format("1.4"), "difference") == ["fail"]


def test_points_with_no_figure_of_the_year_before_are_a_stated_figure():
    # no rate of the year before anywhere: no relation to check, counted apart
    text = "全年预算执行率96.40%，较上年提高1.15个百分点。"
    assert statuses(text, "difference") == []
    assert statuses(text, "stated_difference") == ["skipped"]


# ------------------------------------------------------------------ growth


def test_growth_against_a_year_named_compares_the_subject_of_the_sentence_before():
    # 较2023年的 opens its sentence: this year's figure is the one before's
    text = ("2024年公用经费支出48.60万元，其中办公费12.30万元、差旅费6.10万元。"
            "较2023年的54.20万元下降{}%，主要是压减会议和差旅。")
    assert statuses(text.format("10.33"), "growth") == ["pass"]
    assert statuses(text.format("10.83"), "growth") == ["fail"]


def test_a_figure_after_a_to_cue_is_the_level_reached_not_a_growth():
    # 降至4.1% states where the share went; 下降1.6个百分点 is the change
    text = "全县学校大班额比例由上年的5.7%下降至4.1%，下降1.6个百分点。"
    assert statuses(text, "growth") == []
    assert statuses(text, "difference") == ["pass"]
    assert statuses(text.replace("1.6个", "1.1个"), "difference") == ["fail"]


def test_growth_of_a_concentration():
    # μg/m³ and 微克/立方米 are one unit: 31.4 → 27.3 is −13.06%; 40.2 → 27.3
    # over 4 years −9.22% a year
    text = ("PM2.5年均浓度27.3μg/m³，较上年31.4μg/m³下降{}%。"
            "2020年至2024年，全市PM2.5年均浓度由40.2微克/立方米降至27.3微克/立方米，年均下降{}%。")
    assert statuses(text.format("13.06", "9.22"), "growth") == ["pass", "pass"]
    assert statuses(text.format("13.56", "9.72"), "growth") == ["fail", "fail"]
    # the start of a change is of an earlier year: no second value of this year's metric
    assert of(checks_of(para(text.format("13.06", "9.22"))), "metric_consistency", "fail") == []


# ------------------------------------------------------------- differences


def test_balance_on_label_lines_of_a_form_block():
    # label：value lines, the balance several lines below its operands:
    # the report's budget facts pin it (2,318.00 − 2,204.65 = 113.35)
    block = ("项目名称：乡村道路养护\n年初预算数：2,100.00万元\n全年预算数：2,318.00万元\n"
             "全年执行数：2,204.65万元\n执行率：95.11%\n差额：{}万元\n\n"
             "第二部分  项目概况\n一、资金安排\n全年预算数2,318.00万元，年初预算2,100.00万元，年中追加218.00万元。\n"
             "全年执行养护资金2,204.65万元。\n")
    assert [c.status for c in of(checks_of(block.format("113.35")), "difference")] == ["pass"]
    assert [c.status for c in of(checks_of(block.format("118.35")), "difference")] == ["fail"]
    # the same lines joined into one paragraph name no operand by a label
    # right before it: nothing is pinned the wrong way round
    assert statuses(block.format("113.35"), "difference") != ["fail"]


def test_balance_that_names_no_subject_against_the_budget_in_an_earlier_paragraph():
    text = ("（一）预算安排\n2024年部门预算9,260.00万元，年中追加1,180.40万元，调整后预算10,440.40万元。\n"
            "（二）决算支出\n2024年决算支出10,126.55万元，预算完成率96.99%，年末结转结余{}万元。")
    assert statuses(text.format("313.85"), "difference") == ["pass"]
    assert statuses(text.format("318.85"), "difference") == ["fail"]


def test_balance_of_a_table_row_the_sentence_names():
    # the row 三、培训宣传 of the table before: 86,000.00 − 52,400.00 = 33,600
    text = ("表1  项目支出明细（单位：元）\n| 支出内容 | 全年预算数 | 已支付 |\n"
            "| 一、设备购置 | 640,000.00 | 612,300.00 |\n| 二、技术服务 | 410,000.00 | 398,750.00 |\n"
            "| 三、培训宣传 | 86,000.00 | 52,400.00 |\n| 合计 | 1,136,000.00 | 1,063,450.00 |\n"
            "培训宣传经费采取视频会议方式，节约{}元。")
    assert statuses(text.format("33,600"), "difference") == ["pass"]
    assert statuses(text.format("38,600"), "difference") == ["fail"]


def test_a_saving_whose_budget_is_not_stated_is_a_stated_figure():
    # the procurement budget is given nowhere: nothing pins 节约资金, and
    # its words name a subject (采购), so the report's budget is none of it
    text = "全年完成政府采购项目21个，采购金额1,842.60万元，节约资金66.30万元。"
    assert statuses(text, "difference") == []
    assert statuses(text, "stated_difference") == ["skipped"]


def test_spending_above_the_budget():
    text = ("项目总预算240.00万元，到位资金240.00万元。"
            "全年已支付246.35万元，超出预算部分{}万元，由社会捐赠资金支付，资金结余0元。")
    assert statuses(text.format("6.35"), "difference") == ["pass", "pass"]
    assert statuses(text.format("6.85"), "difference") == ["fail", "pass"]


def test_posts_not_filled():
    # 编制 − 实有, of two counts of people (名 and 人)
    text = "核定编制64名，其中行政编制9名、事业编制55名；年末实有在职人员58人，编制空缺{}名。"
    assert statuses(text.format("6"), "difference") == ["pass"]
    assert statuses(text.format("4"), "difference") == ["fail"]


def test_a_figure_broken_from_its_unit_at_a_line_end():
    # a hard-wrapped dump: 612.48⏎万元 is one figure, the balance's subtrahend
    body = ("（一）预算调整情况\n2024年年初预算580.20万元，年中追加人口普查工作经\n"
            "费等，预算调整为648.90万元，其中基本支出预算452.30万元、\n项目支出预算196.60万元。\n"
            "（二）预算执行情况\n截至2024年12月31日，本局全年实际支出612.48\n"
            "万元，预算完成率94.39%，年末结转{}万元，主要是普查登\n记阶段部分经费需跨年度使用，已按规定结转。\n")
    assert statuses(body.format("36.42"), "difference") == ["pass"]
    assert statuses(body.format("36.92"), "difference") == ["fail"]


# ------------------------------------------------------- against a target


def test_shortfall_against_the_indicators_target():
    table = ("| 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |\n"
             "| 产出指标 | 数量指标 | 农民技能培训人次 | ≥3200人次 | 3046人次 | 10 | 9 |\n"
             "| 产出指标 | 质量指标 | 培训合格率 | ≥92% | 91.4% | 10 | 9 |\n")
    text = table + "全年完成农民技能培训3,046人次，较目标值少{}人次；培训合格率91.4%，较目标值低{}个百分点。"
    assert statuses(text.format("154", "0.6"), "difference") == ["pass", "pass"]
    assert statuses(text.format("159", "0.9"), "difference") == ["fail", "fail"]


def test_excess_over_the_indicators_target_named_like_the_actual():
    # the text's figure is not the table's (a typo): the indicator named like
    # it (改造 … 校舍) still gives the target: 18,450 − 16,000 = 2,450
    table = ("| 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |\n"
             "| 产出指标 | 数量指标 | 改造农村学校校舍面积 | ≥16,000平方米 | 18,450平方米 | 10 | 10 |\n")
    text = table + "全年完成校舍改造{}平方米（约1.85万平方米），超出年度目标2,450平方米。"
    assert statuses(text.format("18,450"), "difference") == ["pass"]
    assert statuses(text.format("18,455"), "difference") == ["fail"]


def test_excess_over_a_target_stated_in_the_text():
    text = "自筹资金计划投入80.00万元。自筹资金实际投入92.40万元，超出计划{}万元。"
    assert statuses(text.format("12.40"), "difference") == ["pass"]
    assert statuses(text.format("12.90"), "difference") == ["skipped"]


# ------------------------------------------------- more change phrasings


def test_change_amount_whose_sentence_opens_with_the_comparison():
    # 与上年的…相比 names no subject: the one of the sentence before is compared
    text = ("2024年“三公”经费支出27.46万元，其中公务接待费5.12万元、公务用车运行维护费22.34万元。"
            "与上年的31.90万元相比，减少{}万元，下降13.92%。")
    assert statuses(text.format("4.44"), "difference") == ["pass"]
    assert statuses(text.format("4.94"), "difference") == ["fail"]


def test_budget_changed_during_the_year():
    text = "2024年部门年初预算12,406.30万元，年中追加转移支付资金后，调整后预算13,215.84万元，较年初增加{}万元。"
    assert statuses(text.format("809.54"), "difference") == ["pass"]
    assert statuses(text.format("804.54"), "difference") == ["fail"]


def test_points_prefer_a_rate_stated_exactly_to_one_stated_about():
    # 约95.3% restates 95.27%: 95.27 − 90.74 = 4.53, and 4.58 is no longer
    # inside the widened 约 reading
    text = ("截至年底已支付8,216.40万元，支出进度95.27%。支出进度较上年的90.74%提高{}个百分点。"
            "全年支出进度约95.3%。")
    assert statuses(text.format("4.53"), "difference") == ["pass"]
    assert statuses(text.format("4.58"), "difference") == ["fail"]


# ------------------------------------------- real phrasings (field trial s4)


def test_change_against_a_year_named_one_before_the_figures_own_year():
    # the figures are of 2026 (the title says 2024): 较2025年的 is their year before
    text = "2026年全县“三公”经费预算总额为1,460万元，较2025年的1,580万元减少{}万元，下降{}%。"
    assert statuses(text.format("120", "7.6"), "difference") == ["pass"]
    assert statuses(text.format("120", "7.6"), "growth") == ["pass"]
    assert statuses(text.format("125", "7.6"), "difference") == ["fail"]
    assert statuses(text.format("120", "8.1"), "growth") == ["fail"]


def test_a_change_word_before_a_reason_states_no_change():
    # 减少的主要原因是…八项规定: 八项 is a name, not a change of 8 items
    text = "公务接待费支出18万元，比上年减少3万元，减少的主要原因是严格落实中央八项规定精神。"
    assert [c.message for c in results(text, "difference") if "八项" in c.message] == []


def test_a_change_with_nothing_the_year_before_equals_this_years_figure():
    # 上年无该预算: the year before's figure is 0, the change is the whole
    text = "2024年培训费预算26,500元，同比增加{}元，上年无该预算，增长率无可比性。"
    assert statuses(text.format("26,500"), "difference") == ["pass"]
    assert statuses(text.format("26,000"), "difference") == ["fail"]


def test_a_change_after_a_list_of_parts_is_the_change_of_their_whole():
    # the sentence before lists the parts (其中); the whole is two sentences back
    text = ("本年度“三公”经费预算为750万元。其中，因公出国（境）费30万元，公务接待费120万元，"
            "公务用车购置及运行费600万元。比上年减少{}万元，下降{}%。")
    assert statuses(text.format("50", "6.3"), "difference") == ["pass"]
    assert statuses(text.format("50", "6.3"), "growth") == ["pass"]
    assert statuses(text.format("50", "6.8"), "growth") == ["fail"]


def test_a_change_that_names_its_subject_takes_that_subjects_figure():
    # 其中：公务接待费比上年减少… names 公务接待费 of the sentence before
    text = ("本年度“三公”经费预算为750万元。其中，因公出国（境）费30万元，公务接待费120万元，"
            "公务用车购置及运行费600万元。其中：公务接待费比上年减少{}万元，下降{}%。")
    assert statuses(text.format("15", "11.1"), "growth") == ["pass"]
    assert statuses(text.format("15", "12.6"), "growth") == ["fail"]


def test_a_change_of_the_totals_the_sentences_before_state():
    # 收入支出总体与上年相比: the totals stated before (支出总计, with its parts)
    text = ("本年度收入总计620.40万元，其中：本年收入合计618.20万元，年初结转和结余2.20万元。"
            "本年度支出总计620.40万元，其中：本年支出合计619.10万元，年末结转和结余1.30万元。"
            "收入支出总体与上年相比，增加{}万元，增长{}%。")
    assert statuses(text.format("72.40", "13.21"), "growth") == ["pass"]
    assert statuses(text.format("72.40", "13.71"), "growth") == ["fail"]


def test_a_growth_whose_change_is_stated_with_the_same_figure_elsewhere():
    # the amount of the change (同比减少12000元) is stated with 基本支出预算 960000元
    text = ("1.基本支出预算960000元，占一般公共预算支出的80.00%，同比减少12000元，下降1.23%。"
            "二、一般公共预算基本支出情况说明\n\n2024年本年一般公共预算基本支出960000元，较上年减少{}%。")
    assert statuses(text.format("1.23"), "growth")[-1] == "pass"
    assert statuses(text.format("1.73"), "growth")[-1] == "fail"


def test_a_rate_to_two_decimals_may_be_cut_not_rounded():
    # 310/(1170+310)... : 22.6351% stated 22.63 (rounded) or cut: both hold;
    # 22.62 (below the cut) fails; to one decimal only rounding holds
    text = "本年支出总计1,480.00万元，比上年增加310.00万元，增长{}%。"
    assert statuses(text.format("26.49"), "growth") == ["pass"]   # 310/1170 = 26.4957 cut
    assert statuses(text.format("26.50"), "growth") == ["pass"]   # rounded
    assert statuses(text.format("26.48"), "growth") == ["fail"]
    one = "本年支出总计1,480.0万元，比上年增加310.0万元，增长{}%。"
    assert statuses(one.format("26.4"), "growth") == ["fail"]    # 26.4957 rounds to 26.5


def test_respective_lists_pair_subjects_changes_and_rates_in_turn():
    # 收、支总计各是B1,B2 … 各增加X1,X2 … 各增长r1、r2: X1/B1−X1 = 12.00%, X2/(B2−X2) = 15.00%
    text = ("本年度收、支总计各是560.00,690.00万元。与上年相比，收、支总计各增加60.00,90.00万元，"
            "各增长{}%、{}%。")
    assert statuses(text.format("12.00", "15.00"), "growth") == ["pass", "pass"]
    assert statuses(text.format("12.00", "15.50"), "growth") == ["pass", "fail"]
    assert statuses(text.format("12.50", "15.00"), "growth") == ["fail", "pass"]


# ------------------------------------------- stated changes and balances


def test_a_change_whose_metric_has_a_figure_of_the_year_before_elsewhere_is_no_stated_figure():
    # the rate of the year before stands far off: not read, but stated, so
    # the change stays a difference that could not be checked
    far = "上年项目支出完成率为93.20%。" + "本年开展业务培训6期。" * 4
    text = far + "全年项目支出完成率95.70%，较上年提高2.50个百分点。"
    assert statuses(text, "stated_difference") == []
    assert "stated_difference" not in [c.rule for c in results(text, "difference")]


def test_a_money_change_with_no_figure_of_the_year_before_is_a_stated_figure():
    text = "本年政府性基金收入2,140.00万元。与上年相比，政府性基金收入增加320.50万元。"
    assert statuses(text, "stated_difference") == ["skipped"]
    assert statuses(text, "difference") == []
    # one of the year before for the same metric, stated anywhere, keeps it a difference
    prior = "上年政府性基金收入1,819.50万元。" + "本年开展业务培训6期。" * 4
    assert statuses(prior + text, "stated_difference") == []


def test_a_change_that_names_nothing_is_no_stated_figure():
    text = "本年开展业务培训6期，比上年增加12.00万元。"
    assert statuses(text, "stated_difference") == []


def test_the_parts_of_a_stated_change_are_judged_by_their_sum():
    # 1.40 + 2.10 = 3.50: the parts' changes add up to the whole's; no
    # figure of the year before names a part, so they are no differences
    text = ("本年会议费和培训费支出共42.00万元，比上年45.50万元减少3.50万元。"
            "其中：会议费12.00万元，比上年减少{}万元；培训费30.00万元，比上年减少2.10万元。")
    assert statuses(text.format("1.40"), "difference") == ["pass"]  # 45.50 − 42.00
    assert "pass" in statuses(text.format("1.40"), "stated_breakdown")
    assert "fail" in statuses(text.format("1.90"), "stated_breakdown")
    assert statuses(text.format("1.90"), "difference") == ["pass"]


def test_a_part_of_a_stated_change_with_its_own_year_before_is_a_difference():
    text = ("本年会议费和培训费支出共42.00万元，比上年45.50万元减少3.50万元。"
            "其中：会议费12.00万元，比上年13.40万元减少{}万元；培训费30.00万元，比上年减少2.10万元。")
    assert sorted(statuses(text.format("1.40"), "difference")) == ["pass", "pass"]
    assert "fail" in statuses(text.format("1.60"), "difference")


def test_a_saving_with_its_budget_in_reach_is_judged():
    text = "全年完成物资采购项目12个，采购预算886.00万元，实际支出{}万元，节约资金25.60万元。"
    assert statuses(text.format("860.40"), "difference") == ["pass"]
    assert statuses(text.format("860.40"), "stated_difference") == []
