"""Misses of the s7 trials (planter9 M3/M8, field7 §3): parts of a whole,
scores in prose, targets claimed in words; each cause tested on excerpts
written for these tests, with their own figures.

- Parts led by 分别用于, closed by 由…构成 with no count, numbered list items
  totalled by 以上合计 in a sentence of their own, a list opened by 具体是：
  after its whole's sentence, and a 其中 list whose parts of two units (人,
  元) stand beside figures of a third (天): each unit's parts add up to the
  one figure of that unit the sentence before states.
"""

from __future__ import annotations

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source


def checks(text: str):
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines)).checks


def found(text: str, rule: str) -> list[tuple[str, str]]:
    """(status, message) of the passed and failed results of ``rule``."""
    return [(c.status, c.message) for c in checks(text) if c.rule == rule and c.status != "skipped"]


def statuses(text: str, rule: str) -> list[str]:
    return [s for s, _ in found(text, rule)]


PROJECT = "某县2024年度乡村道路养护项目绩效自评报告\n"
WHOLE = "某县文旅局2024年度部门整体支出绩效自评报告\n"


# ------------------------------------------------------------ parts of a whole


def test_parts_led_by_fenbie_yongyu_add_up_to_their_whole():
    text = PROJECT + "项目资金600.00万元，分别用于路面修补310.00万元、涵洞维修{}万元、标志标线80.00万元。\n"
    assert statuses(text.format("210.00"), "stated_breakdown") == ["pass"]
    assert statuses(text.format("190.00"), "stated_breakdown") == ["fail"]


def test_parts_closed_by_you_gouchen_with_no_count_are_the_whole_list():
    text = WHOLE + "本年支出860.00万元，由基本支出510.00万元和项目支出{}万元构成。\n"
    assert statuses(text.format("350.00"), "stated_breakdown") == ["pass"]
    assert statuses(text.format("330.00"), "stated_breakdown") == ["fail"]
    # 组成 alike
    assert statuses(WHOLE + "本年收入900.00万元，由财政拨款800.00万元、事业收入110.00万元组成。\n",
                    "stated_breakdown") == ["fail"]


def test_main_parts_closed_by_deng_or_led_by_zhuyao_are_no_whole_list():
    for sentence in ("本年收入900.00万元，主要由财政拨款800.00万元、事业收入60.00万元等构成。",
                     "本年收入900.00万元，主要由财政拨款800.00万元、事业收入60.00万元构成。"):
        assert statuses(WHOLE + sentence + "\n", "stated_breakdown") == [], sentence


def test_numbered_items_totalled_by_yishang_heji_are_the_whole_list():
    text = WHOLE + "项目支出明细如下：\n1.文物修缮135.00万元；\n2.展馆运维212.00万元；\n3.宣传推广56.00万元。\n以上合计{}万元。\n"
    assert statuses(text.format("403.00"), "stated_breakdown") == ["pass"]
    bad = found(text.format("413.00"), "stated_breakdown")
    assert [s for s, _ in bad] == ["fail"] and "403.00万元" in bad[0][1]


def test_unnumbered_items_before_yishang_heji_only_where_they_add_up():
    text = WHOLE + "一、支出情况\n全年购置设备支出90.00万元。培训支出35.00万元。宣传支出21.00万元。\n以上合计{}万元。\n"
    assert statuses(text.format("146.00"), "stated_breakdown") == ["pass"]
    # far off, the items may be any run of the sentences before: not judged
    assert statuses(text.format("180.00"), "stated_breakdown") == []


def test_a_list_opened_by_juti_shi_after_its_wholes_sentence():
    text = ("2024年度非遗保护专项资金绩效自评报告\n一、资金下达情况\n"
            "县直单位项目有：一是县文化馆，下达预算资金400万元。"
            "具体是：展演项目180万元；传承人补助130万元；数字化项目{}万元。\n")
    assert statuses(text.format("90"), "stated_breakdown") == ["pass"]
    assert statuses(text.format("60"), "stated_breakdown") == ["fail"]


RESCUE = ("2024年度困难群众临时救助资金绩效自评报告\n"
          "2024年救助{}人，投入救助资金{}元。其中：提供临时住宿救助12人，救助天数240天，支出15000元；"
          "送医救治8人，救助天数90天，支出41000元；护送返乡14人，支出9000元；简易救助22人，支出7000元。\n")


def test_parts_of_two_units_beside_a_third_each_add_up_to_their_units_whole():
    assert statuses(RESCUE.format(56, 72000), "stated_breakdown") == ["pass", "pass"]
    bad = found(RESCUE.format(50, 80000), "stated_breakdown")
    assert [s for s, _ in bad] == ["fail", "fail"]
    assert "56人" in bad[0][1] and "72000元" in bad[1][1]


def test_counted_parts_short_of_a_whole_pinned_beside_another_figure_may_be_a_selection():
    text = ("2024年度困难群众临时救助资金绩效自评报告\n"
            "2024年救助60人，投入救助资金80000元。其中：提供临时住宿救助12人，救助天数240天，支出15000元；"
            "送医救治8人，支出41000元。\n")
    assert statuses(text, "stated_breakdown") == []


# ------------------------------------------------------------------ scores


def test_scores_before_a_total_add_up_exactly():
    text = PROJECT + "产出指标得分46分，效益指标得分27分，满意度指标得分9分，预算执行率得分9.5分，合计{}分。\n"
    assert statuses(text.format("91.5"), "stated_breakdown") == ["pass"]
    bad = found(text.format("92.5"), "stated_breakdown")
    assert [s for s, _ in bad] == ["fail"] and "91.5分" in bad[0][1]
    # integer scores are given, not rounded: 46 + 27 + 9 + 10 is 92, not 93
    assert statuses(PROJECT + "产出指标得分46分，效益指标得分27分，满意度指标得分9分，"
                    "预算执行率得分10分，合计93分。\n", "stated_breakdown") == ["fail"]


def test_a_total_rounded_to_fewer_decimals_than_its_scores_holds():
    text = PROJECT + "产出指标得分45.63分，效益指标得分27.4分，合计73分。\n"
    assert statuses(text, "stated_breakdown") == ["pass"]


def test_scores_of_two_roles_before_a_total_naming_neither_are_not_summed():
    text = PROJECT + "产出指标分值50分，得分46分；效益指标分值30分，得分27分；合计75分。\n"
    assert statuses(text, "stated_breakdown") == []
    # a deduction is no part
    assert statuses(PROJECT + "基础得分96分，扣分2分，加分1分，合计95分。\n", "stated_breakdown") == []


SECTIONS = ("某区2024年度养老服务补贴项目绩效自评报告\n"
            "经自评，本项目自评得分93分。\n"
            "一、投入（分值20分，自评得{}分）\n"
            "（一）项目立项（分值12分，自评得12分）\n项目立项依据充分。\n"
            "（二）资金落实（分值8分，自评得7分）\n资金按时拨付。\n"
            "二、过程（分值30分，自评得28分）\n")


def test_a_sections_heading_scores_against_its_sub_sections():
    assert statuses(SECTIONS.format(19), "stated_breakdown") == ["pass", "pass"]
    bad = found(SECTIONS.format(18), "stated_breakdown")
    assert [s for s, _ in bad] == ["pass", "fail"] and "19分" in bad[1][1]


def test_a_section_whose_sub_sections_do_not_all_state_a_score_is_not_summed():
    text = SECTIONS.format(18).replace("（二）资金落实（分值8分，自评得7分）", "（二）资金落实")
    assert statuses(text, "stated_breakdown") == []


# ------------------------------------------------------ targets claimed in words


FORM = ("一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
        "产出指标\t数量指标\t新建文化广场\t≥12个\t10个\t20\t16.67\n")


def test_a_cut_row_under_an_all_met_sentence_before_any_heading_is_claimed_met():
    bad = [c for c in checks(PROJECT + FORM + "\n项目各项指标均已完成。\n") if c.rule == "target" and c.status == "fail"]
    assert [c.severity for c in bad] == ["error"] and "均已完成" in bad[0].message
    # without the claim the cut score owns the miss
    owned = [c for c in checks(PROJECT + FORM) if c.rule == "target" and c.status == "fail"]
    assert [c.severity for c in owned] == ["info"]


def test_a_plan_and_a_lower_actual_under_an_all_met_claim_in_one_sentence():
    text = PROJECT + "计划新建高标准农田1200亩，实际建成{}亩，全面完成年度绩效目标。\n"
    bad = [c for c in checks(text.format(1150)) if c.rule == "target" and c.status == "fail"]
    assert [c.severity for c in bad] == ["error"] and "1150亩" in bad[0].message
    assert [c for c in checks(text.format(1210)) if c.rule == "target" and c.status == "fail"] == []


def test_a_plan_and_a_lower_actual_owned_or_in_money_is_no_claimed_miss():
    for sentence in ("计划新建高标准农田1200亩，实际建成1150亩，基本完成年度绩效目标。",
                     "计划投资500万元，实际完成投资480万元，全面完成年度目标任务。"):
        assert [c for c in checks(PROJECT + sentence + "\n") if c.rule == "target" and c.status == "fail"] == [], \
            sentence


# ---------------------------------------------------------- rates above 100%


FUND = "2024年度粮食风险基金绩效自评报告\n一、资金到位情况\n2024年我县基金地方应配套300.00万元，实际配套到位资金750.00万元，{}执行率为{}%。\n"


def test_a_rate_above_100_percent_is_of_the_larger_over_the_smaller():
    assert statuses(FUND.format("", "250.00"), "rate") == ["pass"]
    assert statuses(FUND.format("", "240.00"), "rate") == ["fail"]


def test_a_rate_above_100_percent_beside_an_excess_is_read_loosely():
    # the actual over the base, or the excess over it: either reading its words allow
    for rate in ("250.00", "150.00"):
        assert statuses(FUND.format("超规模配套450.00万元，", rate), "rate") == ["pass"], rate
    assert statuses(FUND.format("超规模配套450.00万元，", "240.00"), "rate") == []


def test_a_completion_rate_column_of_a_plain_table_is_done_over_plan():
    for sep, pipe in (("\t", ""), (" | ", "| ")):
        rows = [["项目", "计划数", "完成数", "完成率"], ["新建村道（公里）", "40.0", "38.0", "95.0%"],
                ["培训农民（人次）", "500", "480", "94.0%"]]
        table = "".join(pipe + sep.join(r) + (" |" if pipe else "") + "\n" for r in rows)
        assert statuses(PROJECT + table, "rate") == ["pass", "fail"], sep


def test_a_table_whose_targets_hold_an_operator_is_no_plan_column():
    table = "三级指标\t目标值\t实际完成值\t完成率\n新建村道\t≥40公里\t38公里\t95%\n"
    assert statuses(PROJECT + table, "rate") == []


ITEMS = ("2024年度非遗保护专项资金绩效自评报告\n一、资金下达情况\n"
         "本年下达非遗保护资金共900万元，其中下达乡镇200万元；县直单位700.00万元。"
         "{head}：一是县文化馆，下达预算资金400万元。具体是：展演项目180万元；传承人补助130万元；数字化项目90万元。"
         "二是县非遗中心，下达预算资金{b}万元，项目是传习所建设。\n")


def test_items_marked_yi_shi_er_shi_under_a_head_naming_the_whole_are_its_parts():
    assert statuses(ITEMS.format(head="县直单位项目有", b=300), "stated_breakdown") == ["pass"] * 3
    bad = found(ITEMS.format(head="县直单位项目有", b=250), "stated_breakdown")
    assert [s for s, _ in bad] == ["pass", "pass", "fail"] and "650.00万元" in bad[2][1]


def test_items_under_a_head_naming_another_subject_are_no_parts():
    assert statuses(ITEMS.format(head="主要做法有", b=250), "stated_breakdown") == ["pass", "pass"]


def test_scores_a_named_score_lists_after_qizhong_fail_only_above_it():
    text = PROJECT + "项目自评得分{}分，其中产出指标得分46分，效益指标得分27分，满意度指标得分9分，预算执行率得分9.5分。\n"
    assert statuses(text.format("91.5"), "stated_breakdown") == ["pass"]
    assert statuses(text.format("90"), "stated_breakdown") == ["fail"]
    # short of it: the list may leave out an indicator (成本, 预算执行率)
    assert statuses(text.format("95"), "stated_breakdown") == []


def test_grade_bands_are_no_scores_to_sum():
    text = PROJECT + "评价结果分为四档：90分（含）以上为优，80分（含）至90分为良，60分（含）至80分为中，60分以下为差。\n"
    assert statuses(text, "stated_breakdown") == []


def test_a_bare_heji_line_totals_numbered_items():
    text = WHOLE + "项目支出明细如下：\n1.文物修缮135.00万元；\n2.展馆运维212.00万元；\n3.宣传推广56.00万元。\n合计：{}万元。\n"
    assert statuses(text.format("403.00"), "stated_breakdown") == ["pass"]
    assert statuses(text.format("413.00"), "stated_breakdown") == ["fail"]


def test_a_plan_and_a_lower_actual_claimed_met_in_the_next_sentence():
    text = PROJECT + "一、绩效目标完成情况\n计划新建高标准农田1200亩，实际建成{}亩。项目年度绩效目标全部完成。\n"
    bad = [c for c in checks(text.format(1150)) if c.rule == "target" and c.status == "fail"]
    assert [c.severity for c in bad] == ["error"] and "下一句" in bad[0].message
    assert [c for c in checks(text.format(1200)) if c.rule == "target" and c.status == "fail"] == []


def test_a_list_after_fenbie_yongyu_colon_runs_on_over_its_semicolons():
    text = PROJECT + "项目资金600.00万元，分别用于：路面修补310.00万元；涵洞维修{}万元；标志标线80.00万元。\n"
    assert statuses(text.format("210.00"), "stated_breakdown") == ["pass"]
    assert statuses(text.format("190.00"), "stated_breakdown") == ["fail"]


def test_scores_totalled_by_zong_defen_or_listed_after_qizhong_in_the_next_sentence():
    text = PROJECT + "产出指标得分48分、效益指标得分28分、满意度指标得分9分、预算执行率得分9.5分，总得分{}分。\n"
    assert statuses(text.format("94.5"), "stated_breakdown") == ["pass"]
    assert statuses(text.format("95.5"), "stated_breakdown") == ["fail"]
    text = PROJECT + "项目总得分{}分。其中：产出指标得分48分，效益指标得分28分，满意度指标得分9分，预算执行率得分9.5分。\n"
    assert statuses(text.format("94.5"), "stated_breakdown") == ["pass"]
    assert statuses(text.format("93.5"), "stated_breakdown") == ["fail"]


def test_items_numbered_within_a_paragraph_totalled_by_yishang_heji():
    text = WHOLE + "一、支出情况\n项目支出明细：（1）文物修缮135.00万元；（2）展馆运维212.00万元；（3）宣传推广56.00万元。以上合计{}万元。\n"
    assert statuses(text.format("403.00"), "stated_breakdown") == ["pass"]
    assert statuses(text.format("413.00"), "stated_breakdown") == ["fail"]
