"""False alarms the session's review found (codereview9), each with the
planted slip it must still catch: excerpts written for these tests."""

from __future__ import annotations

import logging

import pytest

from extract.pipeline import parse_file

DEPT = "某县水务局2023年度部门整体支出绩效自评报告\n"
PROJECT = "某县文化馆2023年度项目支出绩效自评报告\n"


def findings(tmp_path, text: str) -> list[str]:
    logging.getLogger("extract").setLevel(logging.CRITICAL)
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return [c.rule for c in parse_file(path).checks
            if c.status == "fail" and c.severity in ("error", "warning") and c.rule != "heading_order"]


@pytest.mark.parametrize("text", [
    # F15: a later year's plan and a year before's result name 执行率
    DEPT + "五、下一步工作\n2024年，我局将进一步加快预算执行进度，力争预算执行率达到98%以上。\n",
    DEPT + "一、上年整改情况\n2022年预算执行率为88.00%，主要是项目推进较慢。\n",
    # F3: the year before on its own line, this year's in the next paragraph
    DEPT + "（三）“三公”经费支出情况\n2022年“三公”经费支出5.00万元。\n2023年“三公”经费支出4.60万元，比上年减少0.40万元。\n",
    # F3: an allocation of a year before opening a project's funds section
    PROJECT + "（一）资金情况。2022年省级财政安排本项目资金300.00万元，已全部到位。\n",
    # F4: a bracketed either/or of the report's own
    DEPT + "一、管理情况\n报销单须经局长（或分管副局长）签字后入账，资金按季度（或按月）拨付。\n",
    # F6: a period, not a filing date
    PROJECT + "报告时间：2023年1月至12月\n一、基本情况\n项目运行正常。\n",
    # F1: all projects' grades and an attachment's title in a department report
    DEPT + "一、项目情况\n本局2023年度项目支出绩效自评等级均为“优”。\n附件：1.部门整体支出绩效自评表\n2.2023年度项目支出绩效自评得分汇总表\n",
    # F5: a project ended in September, evaluated in November
    PROJECT + "一、基本情况\n项目于2023年9月完工。\n\n某县文化馆\n2023年11月20日\n",
])
def test_clean_text_the_review_found_flagged(tmp_path, text):
    assert findings(tmp_path, text) == []


@pytest.mark.parametrize("text, rule", [
    ("某县文化馆2024年度部门整体支出绩效自评报告\n（五）“三公”经费。2023年“三公”经费支出3.60万元，其中公务接待1.20万元。\n",
     "scope_word"),
    (DEPT + "一、基本情况\n运行正常。\n\n某县水务局\n2023年3月25日\n", "date_validity"),
    (PROJECT + "填报日期：2023年5月10日\n一、基本情况\n项目运行正常。\n", "date_validity"),
])
def test_the_slips_beside_them_are_still_caught(tmp_path, text, rule):
    assert rule in findings(tmp_path, text)


def test_a_later_item_of_a_respective_list_is_named_in_chinese(tmp_path):
    # F8: the later items have no words of their own; their message names them by kind
    path = tmp_path / "report.txt"
    path.write_text(DEPT + "一、履职情况\n城区和郊区分别新增公厕12座和8座，比上年的10座和5座分别增加2座和4座。\n",
                    encoding="utf-8")
    failed = [c for c in parse_file(path).checks if c.status == "fail" and c.rule == "difference"]
    assert failed and all(not c.message.startswith("difference") for c in failed)
    assert any(c.message.startswith("增减额 4座") for c in failed)


SCORES = "决策（20分）：得18分；过程（20分）：得19分；产出（40分）：得37分；效益（20分）：得18.5分。"


@pytest.mark.parametrize("text", [
    # F9: a deduction or a bonus between the list and its total
    PROJECT + "四、自评结论\n" + SCORES + "因审计发现问题扣减1分，自评总分91.5分。\n",
    PROJECT + "四、自评结论\n" + SCORES + "加分项：获省级表彰加2分。自评总分94.5分。\n",
    # F10: the lead-in line states last year's total
    PROJECT + "四、自评结论\n上年度自评总分为91分，本年度各一级指标得分如下：\n" + SCORES + "\n本年度自评得分较上年有所提高。\n",
])
def test_a_score_list_beside_an_adjustment_or_last_years_total(tmp_path, text):
    assert findings(tmp_path, text) == []


def test_a_score_list_that_does_not_add_up_is_still_caught(tmp_path):
    assert "score_grade" in findings(tmp_path, PROJECT + "四、自评结论\n" + SCORES + "自评总分91.5分。\n")


def test_counts_in_clauses_of_their_own_may_still_be_part_and_whole(tmp_path):
    # (the word after a count is no kind when it is a verb: 其中有905家通过)
    text = PROJECT + "一、绩效目标完成情况\n经审核共推荐1100家企业参加评审，其中有905家通过，通过率超82.2%。\n"
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    rates = [c.status for c in parse_file(path).checks if c.rule == "rate"]
    assert rates == ["pass"]
    path.write_text(text.replace("超82.2%", "超84.2%"), encoding="utf-8")
    assert [c.status for c in parse_file(path).checks if c.rule == "rate"] == ["fail"]


def test_a_lead_in_total_of_the_reports_own_year_is_summed(tmp_path):
    lead = PROJECT + "四、自评结论\n2023年度项目自评总分{}分，各一级指标得分如下：\n" + SCORES + "\n"
    assert "score_grade" not in findings(tmp_path, lead.format("92.5"))
    assert "score_grade" in findings(tmp_path, lead.format("93.5"))
