"""Table totals and stated breakdowns (issue 14, the sums): excerpts written
for these tests in the genre. Totals nest (合计 over 小计 groups, 小计 over
its rows), percent columns are never summed, a stated count of parts pins
them, and a 新增 figure is no part of a stock."""

from __future__ import annotations

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
