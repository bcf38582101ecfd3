"""Breakdowns and differences on forms new real texts use (field6 trial):
a bracket of sub-items after a part (its own breakdown, no parts of the
outer list, though the sentence ends at a ；inside it), money written 万
without its 元, a 其中 list in the sentence after its whole with no mark
after 其中 or after a reason clause, a 主要用于 list of the main uses, and a
change read through a growth rate cut (not rounded) to its last digit.
Excerpts written for these tests, in the genre."""

from __future__ import annotations

import pytest

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source
from test_checks_forms import TITLE, checks_of, of


def para(text: str) -> str:
    return f"一、资金投入情况\n\n{text}\n"


def breakdowns(text: str, status=None):
    return of(checks_of(para(text)), "stated_breakdown", status)


def messages(text: str, rule: str, status: str) -> list[str]:
    return [r.message for r in of(checks_of(para(text)), rule, status)]


# ------------------------------------------------- sub-items in a bracket after a part

NESTED = ("2023年上级拨付专项资金合计642.8万元。其中,中央资金455.3万元(一般公共预算:205.1万元;"
          "彩票公益金:250.2万元);省级资金187.5万元(一般公共预算:177.5万元;彩票公益金:10万元)。")


def test_a_bracket_of_sub_items_is_a_level_below_its_part():
    passed = {r.stated for r in breakdowns(NESTED, "pass")}
    assert {"642.8万元", "455.3万元", "187.5万元"} <= passed
    assert breakdowns(NESTED, "fail") == []


def test_a_wrong_outer_part_still_fails_the_outer_whole():
    bad = NESTED.replace("省级资金187.5万元", "省级资金197.5万元").replace("177.5万元", "187.5万元")
    assert [r.stated for r in breakdowns(bad, "fail")] == ["642.8万元"]


def test_a_wrong_sub_item_fails_its_part_only():
    bad = NESTED.replace("彩票公益金:250.2万元", "彩票公益金:255.2万元")
    assert [r.stated for r in breakdowns(bad, "fail")] == ["455.3万元"]


def test_the_same_with_a_comma_before_the_list():
    text = NESTED.replace("合计642.8万元。其中,", "合计642.8万元,其中,")
    assert breakdowns(text, "fail") == []
    assert "642.8万元" in {r.stated for r in breakdowns(text, "pass")}


# ------------------------------------------------------------------- money in 万

def _claim(text: str, value: str):
    src = source_from_text(TITLE + para(text))
    claims = parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines)).claims
    return next(c for c in claims if str(c.value) == value)


def test_money_written_in_wan_without_yuan_is_money():
    c = _claim("省级资金187.5万,已全部拨付。", "187.5")
    assert (c.unit, c.unit_class, c.normalized_unit, c.normalized_value) == ("万", "money", "元", 1875000)


def test_a_bare_wan_of_people_stays_a_number():
    c = _claim("项目惠及群众3.5万,满意度较高。", "3.5")
    assert c.unit_class != "money"


def test_a_part_in_wan_without_yuan_is_a_part():
    text = NESTED.replace("省级资金187.5万元", "省级资金187.5万")
    assert breakdowns(text, "fail") == []
    assert "642.8万元" in {r.stated for r in breakdowns(text, "pass")}


# ----------------------------------------------------- 其中 in the sentence after

def test_a_list_after_a_full_stop_and_a_bare_qizhong_is_of_the_whole_before():
    text = "全年共投入项目资金860万元。其中中央资金投入450万元,省级资金投入190万元,县级资金投入220万元。"
    assert [r.status for r in breakdowns(text)] == ["pass"]
    bad = text.replace("220万元", "250万元")
    assert [r.stated for r in breakdowns(bad, "fail")] == ["860万元"]


SANGONG = ("2023年本单位财政拨款安排“三公”经费86.5万元,比上年减少3.2万元,下降3.57%,主要原因是接待费支出减少。"
           "其中:因公出国(境)费0万元,与上年持平;公务用车购置及运行费70.00万元(公务用车购置费30.00万元,"
           "比上年增加0万元;公务用车运行维护费40.00万元,比上年增加0万元。)比上年增加0万元;"
           "公务接待费16.5万元,比上年减少3.2万元,下降16.24%。")


def test_a_list_after_a_reason_clause_and_across_a_bracket_left_open():
    assert breakdowns(SANGONG, "fail") == []
    assert "86.5万元" in {r.stated for r in breakdowns(SANGONG, "pass")}
    bad = SANGONG.replace("公务接待费16.5万元", "公务接待费18.5万元")
    assert [r.stated for r in breakdowns(bad, "fail")] == ["86.5万元"]


def test_a_bracket_of_items_each_with_its_change_is_the_figures_breakdown():
    assert "70.00万元" in {r.stated for r in breakdowns(SANGONG, "pass")}
    bad = SANGONG.replace("公务用车运行维护费40.00万元", "公务用车运行维护费45.00万元")
    assert [r.stated for r in breakdowns(bad, "fail")] == ["70.00万元"]


def test_a_bracket_opening_with_a_change_is_no_breakdown():
    text = "2024年项目支出560.00万元(比上年增加60.00万元,设备购置300.00万元,培训200.00万元)。"
    assert [r.stated for r in breakdowns(text, "fail")] == []


# ----------------------------------------------------------------- 主要用于

USES = ("图书馆免费开放项目支出86400.50元,主要用于:办公费支出12000.00元,印刷费8400.50元,"
        "设备维修费30000.00元,委托业务费36000.00元。")


def test_the_main_uses_that_add_up_are_the_breakdown():
    assert [r.status for r in breakdowns(USES)] == ["pass"]


@pytest.mark.parametrize("item", ["委托业务费36080.00元", "委托业务费30000.00元", "委托业务费38000.00元"])
def test_main_uses_that_do_not_add_up_may_be_a_selection(item):
    assert breakdowns(USES.replace("委托业务费36000.00元", item)) == []


def test_main_uses_in_so_many_ways_are_still_tentative():
    text = ("本年一般公共预算支出800.00万元，主要用于以下方面：教育支出500.00万元，占62.50%；"
            "卫生健康支出300.00万元，占37.50%。")
    assert [r.status for r in breakdowns(text)] == ["pass"]
    assert [r.stated for r in breakdowns(text.replace("300.00万元", "305.00万元"), "fail")] == ["800.00万元"]


# ------------------------------------------------ a change through a cut growth rate

CUT = "2024年度收入支出总计8,420.50万元,与2023年度相比,收入、支出总计减少3,216.13万元,下降27.63%。"


def test_a_change_through_a_cut_rate_agrees_with_the_growth_check():
    # 3216.13 / (8420.50 + 3216.13) = 27.638%: the rate is cut, not rounded
    assert messages(CUT, "growth", "fail") == []
    assert messages(CUT, "difference", "fail") == []
    assert any("为截尾数" in m for m in messages(CUT, "difference", "pass"))


def test_a_wrong_change_through_a_cut_rate_still_fails_both():
    bad = CUT.replace("3,216.13万元", "3,261.13万元")
    assert messages(bad, "difference", "fail") and messages(bad, "growth", "fail")


def test_a_rate_of_one_decimal_is_not_read_as_cut():
    # 9.1% stands for [9.05, 9.15]: 9.18% is no cut of it
    text = "2024年度支出总计1,000.00万元,与2023年度相比,支出总计减少101.10万元,下降9.1%。"
    assert messages(text, "difference", "fail")
