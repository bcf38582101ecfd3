"""False alarms the session's review found (codereview10), each beside the
catch of the session's rule that must stay: excerpts written for these tests."""

from __future__ import annotations

import pytest

# the rules of the problems (error, warning) a report shows, headings left out
from test_codereview9_s9 import findings as problems

DEPT = "某市档案局2023年度部门整体支出绩效自评报告\n"
PROJECT = "某市档案局2023年度档案数字化项目支出绩效自评报告\n"


@pytest.mark.parametrize("text", [
    # F1: a clause on another matter that did not happen is no zero base
    DEPT + "二、绩效情况\n上年同期未发生档案损毁事件，本年档案利用满意度较上年提高3%。\n",
    # F2: a bracket stating what the report's own text was based on
    DEPT + "三、整改情况\n已修订档案借阅制度（根据审计意见修改），各馆数据（依照统一口径填报）按季上报。\n",
    # F4: a later year's cut-off in a plan
    PROJECT + "一、资金情况\n截至2024年底，剩余尾款将按合同约定拨付。\n",
    # F6: a department report describing the projects it evaluated
    DEPT + "四、项目支出情况\n本次项目支出绩效自评抽取了4个重点项目，结果均为良以上。\n",
    # F7: the blanks of a form's foot, left to be filled by hand
    DEPT + "五、其他\n填表人：______  审核人：______  联系电话：______\n",
])
def test_clean_text_the_review_found_flagged(tmp_path, text):
    assert problems(tmp_path, text) == []


@pytest.mark.parametrize("text, rule", [
    (PROJECT + "一、资金情况\n档案整理费8.40万元，上年该项支出为0，同比增长100%。\n", "growth"),
    (PROJECT + "一、基本情况\n项目实施单位：【】。本年度数字化完成率为______。\n", "template_residue"),
    (PROJECT + "一、基本情况\n项目概况（请根据实际情况填写）。\n", "template_residue"),
    (DEPT + "五、结论\n综上，本次项目支出绩效自评工作按程序完成。\n", "scope_word"),
    (PROJECT + "一、资金情况\n截至2024年12月31日，项目已支付资金86.00万元。\n", "scope_word"),
])
def test_the_sessions_catches_stay(tmp_path, text, rule):
    assert rule in problems(tmp_path, text)


def test_the_change_words_are_kept_by_the_one_identity_cache():
    # codereview10 C1: no module keeps a cache of its own keyed by id()
    from extract.checks import periods, screen
    from extract.ruleset import RuleSet

    assert not hasattr(periods, "_CHANGE_WORDS")
    g = RuleSet.default().checks.growth
    assert periods._change_words(g) == g.increase_words + g.decrease_words
    assert ("change_words", id(g)) in screen._COMPILED
