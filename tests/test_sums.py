"""Table totals and stated breakdowns (issue 14, the sums): excerpts written
for these tests in the genre. Totals nest (合计 over 小计 groups, 小计 over
its rows), percent columns are never summed, a stated count of parts pins
them, and a 新增 figure is no part of a stock."""

from __future__ import annotations

import pytest

from test_checks_forms import checks_of, of


def para(text: str) -> str:
    return f"一、资金使用情况\n\n{text}\n"


def totals(text: str, status=None):
    return of(checks_of(text), "table_totals", status)


def breakdowns(text: str, status=None):
    return of(checks_of(para(text)), "stated_breakdown", status)


# ------------------------------------------------------------------ nested totals

# 小计 rows that head their groups (indented rows under them), a % column
# beside the amounts: 合计 = 人员支出 + 项目支出小计, not every row.
HEADED = ("表1  2023年度支出执行情况（单位：万元）\n"
          "项目                      预算数        实际支出      执行进度\n"
          "人员支出                  820.40        820.40        100.00%\n"
          "项目支出小计              1,365.20      1,290.65      94.54%\n"
          "  乡村道路维护            612.00        590.35        96.46%\n"
          "  河道保洁                453.20        420.30        92.74%\n"
          "  垃圾清运                300.00        280.00        93.33%\n"
          "合计                      2,185.60      2,111.05      96.59%\n")


def test_total_over_a_headed_subtotal_and_a_percent_column():
    results = totals(HEADED)
    assert results and all(r.status == "pass" for r in results), [r.message for r in results]
    # the % column is neither summed nor glued into the row's label
    assert not any("%" in r.message.split("与")[0] for r in results)
    assert {r.stated for r in results} == {"1,365.20", "1,290.65", "2,185.60", "2,111.05"}


def test_a_wrong_row_inside_a_group_is_one_failed_subtotal():
    bad = totals(HEADED.replace("453.20", "435.20"), "fail")
    assert [r.stated for r in bad] == ["1,365.20"]
    # the 合计 still holds over the 小计 as stated: one problem, one finding


def test_a_wrong_grand_total_fails():
    bad = totals(HEADED.replace("2,111.05", "2,101.05"), "fail")
    assert [r.stated for r in bad] == ["2,101.05"]



@pytest.mark.parametrize("indent", ["\u3000\u3000", "  "])
@pytest.mark.parametrize("layout", ["tab", "pipes"])
def test_rows_indented_under_a_row_without_a_total_word_are_its_parts(indent, layout):
    """A row whose next rows are indented deeper (full-width or plain
    spaces, no 其中 and no 小计 word) is broken down by them: the 合计 is of
    the top-level rows, not of every row."""
    rows = [("科目", "决算数"), ("工资福利支出", "540.00"), (indent + "基本工资", "410.00"),
            (indent + "津贴补贴", "130.00"), ("商品和服务支出", "215.30"), (indent + "办公费", "95.30"),
            (indent + "差旅费", "120.00"), ("合计", "755.30")]
    lines = ["\t".join(r) for r in rows] if layout == "tab" else ["| " + " | ".join(r) + " |" for r in rows]
    text = "表3  2024年度支出决算（单位：万元）\n" + "\n".join(lines) + "\n"
    results = totals(text)
    assert results and all(r.status == "pass" for r in results), [r.message for r in results]
    assert [r.stated for r in totals(text.replace("755.30", "765.30"), "fail")] == ["765.30"]


# A numbered 小计 row heads its 其中 rows up to the next numbered row.
NUMBERED = ("表2  项目资金支出明细（单位：元）\n"
            "| 支出内容 | 全年预算数 | 已支付 |\n"
            "| 一、设备购置 | 400,000.00 | 388,000.00 |\n"
            "| 二、技术服务小计 | 250,000.00 | 236,500.00 |\n"
            "| 其中：检测服务 | 150,000.00 | 141,500.00 |\n"
            "| 咨询服务 | 100,000.00 | 95,000.00 |\n"
            "| 三、培训宣传 | 50,000.00 | 42,000.00 |\n"
            "| 合计 | 700,000.00 | 666,500.00 |\n")


def test_numbered_subtotal_heads_its_own_rows():
    results = totals(NUMBERED)
    assert results and all(r.status == "pass" for r in results), [r.message for r in results]
    bad = totals(NUMBERED.replace("| 咨询服务 | 100,000.00", "| 咨询服务 | 110,000.00"), "fail")
    assert [r.stated for r in bad] == ["250,000.00"]


def test_subtotals_closing_their_groups_under_group_rows():
    # "一、…类" lines between the rows name groups; each 小计 closes one
    text = ("项目名称                   全年预算数   全年执行数\n"
            "一、调查类\n"
            "农业普查经费               120.50       118.20\n"
            "住户调查经费               60.30        58.10\n"
            "小计                       180.80       176.30\n"
            "二、保障类\n"
            "执法检查经费               25.00        21.40\n"
            "小计                       25.00        21.40\n"
            "合计                       205.80       197.70\n")
    results = totals(text)
    assert len(results) == 6 and all(r.status == "pass" for r in results), [r.message for r in results]
    bad = totals(text.replace("197.70", "179.70"), "fail")
    assert [r.stated for r in bad] == ["179.70"]


def test_table_without_a_known_header_is_still_summed():
    # no header word the builder knows: the first row without figures is the header
    text = ("乡镇 | 受益人口（万人） | 补助资金（万元）\n"
            "东岭镇 | 3.20 | 215.40\n"
            "西坪乡 | 2.15 | 140.25\n"
            "南山镇 | 1.65 | 98.35\n"
            "合计 | 7.00 | 454.00\n")
    results = totals(text)
    assert [r.status for r in results] == ["pass", "pass"]
    bad = totals(text.replace("454.00", "445.00"), "fail")
    assert [r.stated for r in bad] == ["445.00"]


def test_two_column_table_under_a_caption():
    text = ("表3  基本支出经济分类（单位：元）\n"
            "支出科目                金额\n"
            "工资福利支出            2,360,500.00\n"
            "商品和服务支出          412,300.00\n"
            "合计                    2,772,800.00\n"
            "其中办公费用于日常运转。\n")
    assert [r.status for r in totals(text)] == ["pass"]
    bad = totals(text.replace("412,300.00", "421,300.00"), "fail")
    assert [r.stated for r in bad] == ["2,772,800.00"]


# ------------------------------------------------------------------ stated breakdowns


def test_count_after_the_whole_pins_the_parts():
    text = ("全年实际支出856.30万元，全部用于三类工程：道路硬化412.50万元、"
            "桥梁加固301.40万元、安防设施142.40万元。")
    assert [r.status for r in breakdowns(text)] == ["pass"]
    bad = breakdowns(text.replace("142.40", "124.40"), "fail")
    assert len(bad) == 1 and bad[0].stated == "856.30万元"


def test_count_with_the_parts_listed_in_the_sentences_after():
    text = ("全年执行补贴资金620.00万元，全部分为以下三类：\n"
            "1.岗位技能补贴310.00万元；\n"
            "2.转岗培训补贴190.50万元；\n"
            "3.以工代训补贴119.50万元。\n")
    assert [r.status for r in breakdowns(text)] == ["pass"]
    bad = breakdowns(text.replace("119.50", "191.50"), "fail")
    assert len(bad) == 1 and bad[0].stated == "620.00万元"


def test_count_closing_the_parts():
    text = ("本年收入合计3,250.80万元，由财政拨款收入2,900.00万元、事业收入250.30万元"
            "和其他收入100.50万元三部分构成。")
    assert [r.status for r in breakdowns(text)] == ["pass"]
    bad = breakdowns(text.replace("3,250.80", "3,205.80"), "fail")
    assert len(bad) == 1 and bad[0].stated == "3,205.80万元"


def test_count_of_people_is_exhaustive_too():
    # a stated count makes the parts the whole list, whatever the unit
    text = "全年培训学员420人，分为以下两类：在岗职工260人、转移劳动力150人。"
    bad = breakdowns(text, "fail")
    assert len(bad) == 1 and bad[0].stated == "420人"


def test_new_in_year_figure_is_no_part_of_a_stock():
    text = "年末固定资产原值5,420.60万元，其中专用设备3,105.20万元，全年新增专用设备412.80万元。"
    results = breakdowns(text)
    assert [r.status for r in results] == ["pass"]
    assert "新增" not in results[0].message


def test_money_in_yuan_to_the_fen_is_exact():
    # in 元 to the 分 a total one 分 off is wrong; in 万元 it may be rounding
    yuan = ("表4  项目资金明细（单位：元）\n"
            "| 支出内容 | 金额 |\n"
            "| 设备购置 | 120,000.00 |\n"
            "| 技术服务 | 80,000.00 |\n"
            "| 合计 | 200,000.01 |\n")
    assert [r.status for r in totals(yuan)] == ["fail"]
    wan = yuan.replace("单位：元", "单位：万元")
    assert [r.status for r in totals(wan)] == ["pass"]


# ------------------------------------------------------------------ classification codes

# A 决算/预算 table lists 类, 款 and 项 rows together under 科目编码 columns:
# the 合计 is the sum of one depth, not of every row (each level breaks down
# the one above). Written for this test; figures made up.
CODED = ("表3  一般公共预算财政拨款支出决算表（单位：万元）\n"
         "科目编码\t\t科目名称\t决算数\n"
         "类\t款\t\t\n"
         "205\t\t教育支出\t310.50\n"
         "205\t01\t教育管理事务\t210.50\n"
         "205\t02\t普通教育\t100.00\n"
         "208\t\t社会保障和就业支出\t45.20\n"
         "208\t05\t行政事业单位养老支出\t45.20\n"
         "合计\t\t\t355.70\n")


def test_a_total_over_classification_codes_sums_one_depth():
    results = totals(CODED)
    assert results and all(r.status == "pass" for r in results), [r.message for r in results]


def test_a_wrong_total_over_classification_codes_still_fails():
    results = totals(CODED.replace("合计\t\t\t355.70", "合计\t\t\t355.90"))
    assert [r.status for r in results] == ["fail"], [r.message for r in results]


# ------------------------------------------------------------------ whole lists (issue 14, item 3)
# A list of parts that names every member of a partition of the domain
# (rules breakdowns.partitions), or closes with 其他, is the whole: it must
# add up whatever its unit. Excerpts written for these tests.


def test_kinds_of_posts_are_the_whole_establishment():
    text = "本单位核定编制54名，其中行政编制16名、事业编制38名。"
    assert [r.status for r in breakdowns(text)] == ["pass"]
    bad = breakdowns(text.replace("54名", "57名"), "fail")
    assert len(bad) == 1 and bad[0].stated == "57名"


def test_staff_on_and_off_the_establishment_are_all_staff():
    text = "年末实有人员236人，其中在编人员201人、编外聘用人员35人。"
    assert [r.status for r in breakdowns(text)] == ["pass"]
    assert [r.stated for r in breakdowns(text.replace("236人", "239人"), "fail")] == ["239人"]
    # 行政 + 事业 (people, not posts) and 机关 + 所属单位 are whole lists too
    assert breakdowns("在职人员64人，其中行政人员21人、事业人员40人。", "fail")
    assert breakdowns("在职职工318人，其中局机关26人、所属事业单位288人。", "fail")


def test_a_selection_of_prizes_stays_a_selection():
    text = "全年获得表彰12项，其中国家级2项、省级4项。"
    assert [r.status for r in breakdowns(text)] == ["skipped"]
    # the rest named (其他) closes the list: now it must add up
    assert [r.status for r in breakdowns("全年获得表彰12项，其中国家级2项、省级4项、其他5项。")] == ["fail"]


def test_first_level_indicators_are_the_whole_list():
    # 财预〔2020〕10号: 产出、效益、满意度 (成本 a 二级 under 产出); since 2021
    # 成本 may be a 一级 of its own, and then all four are named
    text = "本项目共设置三级指标14项，其中产出指标8项、效益指标4项、满意度指标2项。"
    assert [r.status for r in breakdowns(text)] == ["pass"]
    assert [r.status for r in breakdowns(text.replace("14项", "16项"))] == ["fail"]
    four = "共设置三级指标15项，其中产出指标7项、成本指标2项、效益指标4项、满意度指标2项。"
    assert [r.status for r in breakdowns(four)] == ["pass"]
    # two of the three named: may be a selection
    assert [r.status for r in breakdowns("共设置三级指标14项，其中产出指标8项、效益指标4项。")] == ["skipped"]


def test_level_counts_are_no_parts_of_the_indicator_count():
    text = "本项目设置一级指标3个、二级指标7个、三级指标16个，其中产出指标9个、效益指标5个、满意度指标2个。"
    results = breakdowns(text)
    assert [r.status for r in results] == ["pass"] and results[0].stated == "16个"


def test_an_open_list_with_deng_is_not_the_whole():
    assert [r.status for r in breakdowns("全年举办培训班15期，其中市级培训4期、县级培训6期等。")] == ["skipped"]


def test_a_bracket_is_an_aside_on_a_part():
    text = "核定编制48名（含工勤编制4名），其中行政编制18名、事业编制30名。"
    assert [r.status for r in breakdowns(text)] == ["pass"]
    money = "项目资金360.00万元，其中设备购置210.00万元（含安装调试费25.00万元）、人员培训150.00万元。"
    assert [r.status for r in breakdowns(money)] == ["pass"]


def test_fenbiewei_marks_the_whole_list():
    text = "全县共建成便民服务站14个，分别为乡镇服务站9个、村级服务站5个。"
    assert [r.status for r in breakdowns(text)] == ["pass"]
    assert [r.status for r in breakdowns(text.replace("村级服务站5个", "村级服务站3个"))] == ["fail"]
    # the whole right before the cue: years listed after another figure are no parts of it
    assert not breakdowns("2022年支出150万元，2023年和2024年分别为160万元和175万元。")


# ------------------------------------------------------------------ lists with their whole elsewhere


def test_a_classification_of_the_spending_stated_before():
    text = ("全年实际支出3,216.48万元，预算执行率96.10%。\n"
            "年末结余130.52万元，将按规定结转使用。\n"
            "按支出经济分类，基本支出1,024.36万元，项目支出2,192.12万元。")
    results = breakdowns(text)
    assert [r.status for r in results] == ["pass"] and results[0].stated == "3,216.48万元"
    bad = breakdowns(text.replace("2,192.12", "2,192.17"), "fail")
    assert [r.stated for r in bad] == ["3,216.48万元"]
    # a whole nowhere near: no breakdown (it may be stated in a table)
    assert not breakdowns(text.replace("2,192.12", "2,592.12"))


def test_qizhong_opening_a_sentence_with_asides_on_each_part():
    text = ("本年度“三公”经费支出15.72万元，比上年减少2.08万元。\n"
            "其中：公务用车运行维护费11.30万元，比上年减少1.50万元；公务接待费4.42万元，"
            "比上年减少0.58万元；因公出国（境）费0元。")
    assert [r.status for r in breakdowns(text)] == ["pass"]
    assert [r.stated for r in breakdowns(text.replace("4.42", "4.47"), "fail")] == ["15.72万元"]


def test_parts_naming_a_partition_before_their_whole():
    text = "当年财政拨款418.00万元，上年结转36.50万元，全年预算454.50万元。"
    assert [r.status for r in breakdowns(text)] == ["pass"]
    assert [r.stated for r in breakdowns(text.replace("418.00", "418.05"), "fail")] == ["454.50万元"]
    adjusted = "全年预算数980.00万元。年初预算820.00万元，年中追加省级资金160.00万元。"
    assert [r.status for r in breakdowns(adjusted)] == ["pass"]


def test_a_total_closing_the_figures_before_it():
    text = "设备购置126.30万元、系统运维43.70万元，合计170.00万元。"
    assert [r.status for r in breakdowns(text)] == ["pass"]
    assert [r.status for r in breakdowns(text.replace("43.70", "43.75"))] == ["fail"]


def test_a_budget_and_its_spending_are_no_two_parts():
    text = ("全年预算2,640.20万元，执行2,580.06万元。\n"
            "其中项目支出全年预算1,305.10万元，执行1,338.00万元。")
    assert not breakdowns(text)


# ------------------------------------------------------------------ tables: 合计 over 小计, 其中 groups

# Every 小计 holds over its group: the 合计 is read over the 小计 rows, not
# over all twelve detail rows (whose rounding would hide 0.05).
MANY = ("表5  2023年度分类支出情况（单位：万元）\n"
        "| 科目 | 预算数 |\n"
        "| 一、教育支出小计 | 1,250.36 |\n"
        "| 1.义务教育 | 310.11 |\n| 2.高中教育 | 220.12 |\n| 3.职业教育 | 180.13 |\n"
        "| 4.学前教育 | 140.14 |\n| 5.教师培训 | 200.01 |\n| 6.其他教育支出 | 199.85 |\n"
        "| 二、卫生健康支出小计 | 620.48 |\n"
        "| 1.公共卫生 | 210.11 |\n| 2.基层医疗 | 190.12 |\n| 3.中医药 | 100.13 |\n"
        "| 4.计划生育 | 80.07 |\n| 5.其他卫生支出 | 40.05 |\n"
        "| 合计 | 1,870.84 |\n")


def test_grand_total_over_holding_subtotals_is_read_over_them():
    results = totals(MANY)
    assert results and all(r.status == "pass" for r in results), [r.message for r in results]
    bad = totals(MANY.replace("1,870.84", "1,870.89"), "fail")
    assert [r.stated for r in bad] == ["1,870.89"]


PARTS = ("表6  项目资金来源（单位：万元）\n"
         "| 资金来源 | 预算数 | 实际支出 |\n"
         "| 项目资金合计 | 642.50 | 610.20 |\n"
         "| 其中：中央补助资金 | 400.00 | 392.10 |\n"
         "| 省级补助资金 | 180.00 | 166.60 |\n"
         "| 其他资金 | 62.50 | 51.50 |\n")


def test_qizhong_rows_ending_with_the_rest_add_up_to_their_row():
    table = PARTS.replace("项目资金合计", "项目资金总额")
    assert [r.status for r in totals(table)] == ["pass", "pass"]
    bad = totals(table.replace("166.60", "166.65"), "fail")
    assert [r.stated for r in bad] == ["610.20"]
    # a 其中 group naming only some sources may be a selection: no result
    assert not totals(table.replace("其他资金", "县级配套资金").replace("62.50 | 51.50", "30.00 | 20.00"))


# ------------------------------------------------------------------ counts of listed items


def counts(text: str, status=None):
    return of(checks_of(para(text)), "count_in_words", status)


def test_a_closed_list_right_before_its_count():
    text = "局下设县公路养护中心、县运输服务中心、县交通工程质量监督站3个事业单位。"
    assert [r.status for r in counts(text)] == ["pass"]
    assert [r.status for r in counts(text.replace("3个", "4个"))] == ["fail"]
    # 等 before the count: an open list, fewer names than the count is no fault
    assert not counts("项目覆盖城关镇、河口镇、西岭乡等6个乡镇。", "fail")
    # a count of its own in the clause: the list is not what is counted
    assert not counts("在东湖镇、南岗镇、北山乡等5个乡镇设立监测点18个。", "fail")


TOWNS = ("项目在全县7个乡镇实施，建设内容见下表。\n"
         "乡镇 | 建设面积（亩） | 投入资金（万元）\n"
         "东湖镇 | 2,310.5 | 301.20\n南岗镇 | 1,980.0 | 260.15\n北山乡 | 1,450.2 | 190.40\n"
         "西坪乡 | 1,206.8 | 158.66\n石桥镇 | 2,044.1 | 266.30\n青溪镇 | 1,768.3 | 230.70\n"
         "梅岭乡 | 1,102.6 | 143.99\n"
         "合计 | 11,862.5 | 1,551.40\n")


def test_a_count_against_a_full_table_of_what_it_counts():
    assert [r.status for r in counts(TOWNS)] == ["pass"]
    bad = counts(TOWNS.replace("7个乡镇", "9个乡镇"), "fail")
    assert len(bad) == 1 and bad[0].expected == "7"
    # without a total row the table may list a selection: no result
    assert not counts(TOWNS.replace("合计 | 11,862.5 | 1,551.40\n", "").replace("7个乡镇", "9个乡镇"))


def test_indicator_levels_are_no_parts_of_one_list():
    # three levels of the same nine indicators, not three parts of nine
    assert not breakdowns("本项目设置绩效指标9个，其中一级指标3个、二级指标6个、三级指标9个。")


def test_a_breakdown_inside_a_part_does_not_end_the_list():
    text = "项目资金300.00万元，其中设备购置180.00万元（其中进口设备60.00万元）、人员培训120.00万元。"
    results = breakdowns(text)
    assert sorted(r.status for r in results) == ["pass", "pass"]
    bad = breakdowns(text.replace("人员培训120.00", "人员培训125.00"), "fail")
    assert [r.stated for r in bad] == ["300.00万元"]


def test_a_partition_beside_a_part_it_does_not_know_is_no_whole_list():
    # 收回 is a third part here: 当年 + 结转 is not the whole 预算 of the line before
    text = "项目全年预算503.00万元。\n当年支出450.00万元，结转下年50.00万元，收回财政3.00万元。"
    assert not breakdowns(text, "fail")


def test_cong_kan_opens_a_classification_too():
    text = ("全年预算1,250.00万元，实际支出1,198.36万元。\n"
            "从资金来源看，中央资金600.00万元，省级资金400.00万元，县级资金250.00万元。")
    assert [r.status for r in breakdowns(text)] == ["pass"]
    assert [r.stated for r in breakdowns(text.replace("县级资金250.00", "县级资金250.05"), "fail")] == ["1,250.00万元"]


def test_the_parts_changes_add_up_to_the_wholes_change():
    text = ("本年“三公”经费支出18.40万元，比上年减少2.60万元。\n"
            "其中：公务用车运行维护费13.10万元，比上年减少1.90万元；公务接待费5.30万元，比上年减少0.70万元；"
            "因公出国（境）费0元，与上年持平。")
    assert [r.status for r in breakdowns(text)] == ["pass", "pass"]
    bad = breakdowns(text.replace("减少0.70", "减少0.75"), "fail")
    assert [r.stated for r in bad] == ["2.60万元"]
    # changes in two directions, or a part whose change is not stated: no second breakdown
    mixed = text.replace("公务接待费5.30万元，比上年减少0.70万元", "公务接待费5.30万元，比上年增加0.70万元")
    assert len(breakdowns(mixed)) == 1
    silent = text.replace("，比上年减少0.70万元", "")
    assert len(breakdowns(silent)) == 1


# ------------------------------------------------------------------ list shapes of published reports

def test_a_qizhong_list_runs_on_after_a_semicolon():
    # the sibling after the ；is a part too: 300 = 120 + 30 + 50 + 100
    text = "本年偿还到期债务本金300万元，其中：一般债务120万元，外国政府贷款30万元，国际组织贷款50万元；专项债务100万元。"
    assert [r.status for r in breakdowns(text)] == ["pass"]
    assert [r.stated for r in breakdowns(text.replace("专项债务100", "专项债务105"), "fail")] == ["300万元"]
    # a figure after the ；that does not make up the whole is no part: the one part fits
    other = "本年收入80万元，其中：财政拨款50万元；本年支出75万元。"
    assert [r.kind for r in breakdowns(other)] == ["part"] and not breakdowns(other, "fail")


def test_each_parts_share_is_an_aside_and_the_list_must_add_up():
    text = ("本年收入合计1,600.00万元，其中：财政拨款收入1,200.00万元，占75.00%；"
            "事业收入320.00万元，占20.00%；其他收入80.00万元，占5.00%。")
    assert [r.status for r in breakdowns(text)] == ["pass"]
    assert [r.stated for r in breakdowns(text.replace("1,600.00", "1,605.00"), "fail")] == ["1,605.00万元"]
    assert breakdowns(text.replace("事业收入320.00", "事业收入325.00"), "fail")


def test_a_list_opened_by_fenxiang_with_a_list_of_its_own_in_its_last_part():
    text = ("本年“三公”经费支出合计2600万元，比上年下降3.0%。分项情况是：因公出国（境）费300万元，比上年增长5.0%；"
            "公务接待费700万元；公务用车购置及运行费1600万元，比上年下降2.0%，其中：公务用车购置费400万元；"
            "公务用车运行费1200万元。")
    assert [r.status for r in breakdowns(text)] == ["pass", "pass"]
    # a typo in the level below fails that level only (the part after the ；
    # is read where the sum then misses by one digit, at most 1% of the whole)
    bad = breakdowns(text.replace("运行费1200", "运行费1205"), "fail")
    assert [r.stated for r in bad] == ["1600万元"]
    assert [r.stated for r in breakdowns(text.replace("接待费700", "接待费705"), "fail")] == ["2600万元"]
    # the whole closes the sentence before 分项情况是: pinned, a sum far off fails
    assert [r.stated for r in breakdowns(text.replace("接待费700", "接待费800"), "fail")] == ["2600万元"]


def test_income_and_spending_each_listed_after_baokuo_add_up_to_the_total_budget():
    text = ("本年收支总预算 650,000.00 元。收入包括：财政拨款 600,000.00 元、上年结转 50,000.00 元；"
            "支出包括：教育支出 520,000.00 元、社会保障和就业支出 130,000.00 元。")
    assert [r.status for r in breakdowns(text)] == ["pass", "pass"]
    bad = breakdowns(text.replace("130,000.00", "135,000.00"), "fail")
    assert [r.stated for r in bad] == ["650,000.00元"]


def test_parts_before_their_total_with_an_aside_on_each():
    text = ("一期工程批复投资400万元（其中设备购置150万元），二期工程批复投资250万元（其中设备购置90万元），"
            "合计批复投资650万元。")
    assert "pass" in [r.status for r in breakdowns(text) if r.kind == "breakdown"]
    assert [r.stated for r in breakdowns(text.replace("合计批复投资650", "合计批复投资655"), "fail")] == ["655万元"]
    # the total is named by 合计: pinned, so a sum far off fails too
    assert [r.stated for r in breakdowns(text.replace("合计批复投资650", "合计批复投资700"), "fail")] == ["700万元"]
    # the total's own aside of the same name is the sum of the parts' asides
    column = text.replace("合计批复投资650万元。", "合计批复投资650万元（其中设备购置240万元）。")
    assert len([r for r in breakdowns(column) if r.kind == "breakdown" and r.status == "pass"]) == 2
    assert [r.stated for r in breakdowns(column.replace("设备购置90", "设备购置95"), "fail")] == ["240万元"]


def test_a_tentative_list_is_a_breakdown_only_where_it_adds_up():
    text = ("本年一般公共预算支出800.00万元，主要用于以下方面：教育支出500.00万元，占62.50%；"
            "卫生健康支出300.00万元，占37.50%。")
    assert [r.status for r in breakdowns(text)] == ["pass"]
    assert [r.stated for r in breakdowns(text.replace("300.00万元", "305.00万元"), "fail")] == ["800.00万元"]
    # a selection that misses the whole by more than a typo is no breakdown
    assert not breakdowns(text.replace("300.00万元", "200.00万元"))


def test_a_qizhong_list_of_the_main_items_is_a_selection():
    # 其中主要项目有：… names the main items, not all of the whole
    text = "2024年项目支出800万元，其中主要项目有：信息化建设300万元，执法装备购置200万元。"
    assert not breakdowns(text)
    assert not breakdowns(text.replace("其中主要项目有", "其中金额较大的项目"))
    # they add up, or miss it by a typo: judged as any 其中 list
    whole = text.replace("800万元", "500.00万元").replace("300万元", "300.00万元").replace("200万元", "200.00万元")
    assert [r.status for r in breakdowns(whole)] == ["pass"]
    assert [r.stated for r in breakdowns(whole.replace("200.00万元", "201.00万元"), "fail")] == ["500.00万元"]


def test_a_plan_and_its_completion_are_no_parts_of_the_whole_before():
    text = "该项目总投资5000万元，其中2024年计划投资2000万元，实际完成投资1900万元，投资完成率95%。"
    assert not breakdowns(text)
    # parts of one role still are
    parts = "该项目总投资5000万元，其中2024年计划投资2000万元，2025年计划投资3100万元。"
    assert [r.stated for r in breakdowns(parts, "fail")] == ["5000万元"]


def test_the_whole_before_its_change_percent_keeps_its_qizhong_list():
    text = "项目支出180万元，比上年下降4.5%，其中：设备购置100万元，人员培训80万元。"
    assert [r.stated for r in breakdowns(text)] == ["180万元"]
    # the year before's figure is no whole: 较上年 200 万元 is skipped over
    prior = "项目支出180万元，较上年200万元下降10%，其中：设备购置100万元，人员培训80万元。"
    assert not breakdowns(prior, "fail")


def test_a_stock_rolled_forward_over_the_year():
    text = "本年新增债券资金500万元，年初债务余额2000万元，偿还债务本金300万元，年末债务余额2200万元。"
    assert [r.status for r in breakdowns(text)] == ["pass"]
    assert [r.stated for r in breakdowns(text.replace("2200", "2205"), "fail")] == ["2205万元"]
    # missing by far more than a typo: a flow may be unstated, skipped
    assert [r.status for r in breakdowns(text.replace("2200", "2600"))] == ["skipped"]
    # a figure of the unit that is no flow named: no balance
    assert not breakdowns(text.replace("偿还债务本金300万元", "利息支出300万元"))


def test_a_qizhong_sentence_lists_the_parts_of_the_one_figure_closing_the_sentence_before():
    text = "2、支出：520.00万元。其中：人员经费300.00万元，公用经费60.00万元，项目支出160.00万元。"
    assert [r.status for r in breakdowns(text)] == ["pass"]
    # far off, not a typo: the whole is pinned by the words, so it fails
    assert [r.stated for r in breakdowns(text.replace("项目支出160.00", "项目支出190.00"), "fail")] == ["520.00万元"]
    # several figures there that can be the whole: none is pinned
    rivals = "全年预算210.00万元，实际支出200.00万元，结转10.00万元。其中：设备购置120.00万元，培训50.00万元。"
    assert not breakdowns(rivals, "fail")


def test_a_cost_per_unit_is_no_part():
    text = ("全年预算80.00万元，实际支出76.00万元。\n"
            "其中，发放补贴70.00万元，共补助350户，户均补贴2,000元。")
    assert not breakdowns(text, "fail")


def test_a_rate_after_a_part_ends_the_list_but_its_share_does_not():
    text = "全年共申报项目300个，其中有240个通过评审，通过率80.0%，全县累计入库项目900个。"
    assert not breakdowns(text, "fail")
    shares = "全年申报资金500万元，其中：市级资金300万元，占60%；县级资金200万元，占40%。"
    assert [r.status for r in breakdowns(shares)] == ["pass"]


def test_a_lesser_total_is_a_part_of_a_greater_one():
    text = "2023年度收入总计530.40万元，其中：本年收入合计500.00万元，使用非财政拨款结余10.00万元，年初结转和结余20.40万元。"
    assert [r.status for r in breakdowns(text)] == ["pass"]
    assert [r.stated for r in breakdowns(text.replace("20.40", "20.45"), "fail")] == ["530.40万元"]


def test_a_qizhong_list_whose_items_are_sentences():
    text = ("1. 基本支出预算 600000.00 元，占一般公共预算支出的80.00%，同比减少 5000.00 元。其中：\n"
            "工资福利支出预算 450000.00 元，占基本支出预算75.00%，同比减少 3000.00 元。\n"
            "商品和服务支出预算 150000.00 元，占基本支出预算25.00%，同比减少 2000.00 元。")
    assert "pass" in [r.status for r in breakdowns(text)]
    bad = breakdowns(text.replace("150000.00", "150005.00"), "fail")
    assert "600000.00元" in [r.stated for r in bad]


# ------------------------------------------------------------------ field trial s5 (issue 14 item 3)

def test_an_inclusion_bracket_names_some_members_only():
    # （含…）names some of the item before it: checked as no greater, never as
    # equal; the list around it is the breakdown of the whole (7 + 1 + 1 = 9)
    text = "全县教育系统由9家单位组成，其中：全额拨款单位7个（含行政单位1个、参公管理事业单位2个）、差额拨款单位1个、自收自支单位1个。"
    results = breakdowns(text)
    assert [r.status for r in results] == ["pass", "pass"], [r.message for r in results]
    assert {r.stated for r in results} == {"9家", "3个"}
    over = breakdowns(text.replace("参公管理事业单位2个", "参公管理事业单位8个"), "fail")
    assert [r.expected for r in over] == ["≤7个"]
    assert [r.stated for r in breakdowns(text.replace("差额拨款单位1个", "差额拨款单位3个"), "fail")] == ["9家"]
    money = "全年支出900.00万元（含基本支出500.00万元、项目支出300.00万元）。"
    assert [r.status for r in breakdowns(money)] == ["pass"]


def test_a_list_belongs_to_the_whole_its_qizhong_follows():
    # the list after 其中 ends at the ；after which it no longer makes up
    # that whole: 年末结转结余 is no kind of 支出, though the sum would fit 收入
    text = ("2023年度收入决算数为620.00万元。总支出决算数为600.00万元。"
            "其中：基本支出350.00万元，项目支出250.00万元；年末结转结余20.00万元。")
    results = breakdowns(text)
    assert [(r.status, r.stated) for r in results] == [("pass", "600.00万元")], [r.message for r in results]
    assert "结余" not in results[0].message
    bad = breakdowns(text.replace("250.00", "260.00"), "fail")
    assert [r.stated for r in bad] == ["600.00万元"]
    # parts of the pinned whole's kind (支出) are of it, though their sum fits the 收入
    fits_income = text.replace("250.00", "270.00").replace("；年末结转结余20.00万元", "")
    assert [r.stated for r in breakdowns(fits_income, "fail")] == ["600.00万元"]


def test_the_spent_part_of_a_part_is_no_further_part():
    text = "收到省级专项补助资金250万元，其中：乡村道路养护补助资金250万元，已支出120万元，支付率48%。"
    assert [r.status for r in breakdowns(text)] == ["pass"]
    two = "收到省级专项补助资金250万元，其中：道路养护补助150万元，已支出100万元；桥梁维修补助100万元，已支出60万元。"
    assert [(r.status, r.expected) for r in breakdowns(two)] == [("pass", "250万元")]
    # (after a ；the list runs on only where it adds up: one sentence here)
    bad = two.replace("桥梁维修补助100", "桥梁维修补助110").replace("；", "，")
    assert [r.expected for r in breakdowns(bad, "fail")] == ["260万元"]


def test_count_and_amount_pairs_add_up_both():
    text = ("全年安排专项资金项目共计25个，资金总额600万元。其中自评为“优”的项目18个资金420万元；"
            "自评为“良”的项目5个资金130万元，自评为“中”的项目2个资金50万元。")
    results = breakdowns(text)
    assert sorted(r.stated for r in results) == ["25个", "600万元"] and all(r.status == "pass" for r in results)
    bad = breakdowns(text.replace("130万元", "150万元"), "fail")
    assert [r.stated for r in bad] == ["600万元"]
    # an aside in a bracket after a pair is no pair of its own
    aside = text.replace("资金50万元。", "资金50万元（其中新建项目1个20万元）。")
    assert sorted((r.status, r.stated) for r in breakdowns(aside)) == [("pass", "25个"), ("pass", "600万元")]
    # counts that may be a selection leave the amounts unjudged
    some = text.replace("项目2个资金50万元", "项目1个资金50万元")
    assert not breakdowns(some, "fail")


def test_income_and_opening_balance_equal_spending_and_closing_balance():
    # the 决算 balance: 收入 + 年初结转结余 = 支出 + 年末结转结余, by stated precision
    text = ("2023年度收入决算650.00万元，其中：财政拨款收入600.00万元，其他收入50.00万元；年初结转结余12.00万元。"
            "支出决算640.00万元，其中：基本支出400.00万元，项目支出240.00万元；年末结转结余22.00万元。")
    balance = [r for r in breakdowns(text) if r.kind == "identity"]
    assert [(r.status, r.expected, r.stated) for r in balance] == [("pass", "662.00万元", "662.00万元")]
    # a typo in one digit of one figure: an error
    typo = [r for r in breakdowns(text.replace("22.00", "27.00")) if r.kind == "identity"]
    assert [r.status for r in typo] == ["fail"]
    # far off: a term may be left unstated (结余分配): no judgement
    far = [r for r in breakdowns(text.replace("22.00", "93.47")) if r.kind == "identity"]
    assert [r.status for r in far] == ["skipped"]
    # a budget's 收入预算 and 支出预算 are no terms of it; nor is a term stated twice
    assert not [r for r in breakdowns(text.replace("收入决算", "收入预算")) if r.kind == "identity"]
    twice = text + "事业收入20.00万元。"
    assert not [r for r in breakdowns(twice) if r.kind == "identity"]


def test_a_list_opened_by_han_after_a_part_is_that_parts():
    """"，含 A、B" right after a part of a 其中 list names the part's own
    members (some or all: no more than the part), no further parts of the
    whole; members adding to more than the part are still found."""
    text = ("全年支出960.00万元，其中：工资福利支出610.00万元，含基本工资420.00万元、绩效工资190.00万元；"
            "商品和服务支出350.00万元。")
    assert breakdowns(text, "fail") == [], [r.message for r in breakdowns(text, "fail")]
    bad = breakdowns(text.replace("190.00", "191.00"), "fail")
    assert len(bad) == 1 and "610.00" in bad[0].message


def test_a_budget_cut_in_an_aside_is_no_part():
    # 全年预算数 Y（年初预算 Y0，调减 d）: Y = Y0 − d, not Y0 + d
    text = "全年预算数1,150.00万元（年初预算1,236.40万元，调减86.40万元），全年支出1,104.00万元。"
    assert breakdowns(text, "fail") == []
    # a list of parts is still summed
    parts = "全年预算数1,150.00万元，其中基本支出820.00万元、项目支出340.00万元。"
    assert [c.status for c in breakdowns(parts)] == ["fail"]
