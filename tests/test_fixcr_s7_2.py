"""Code-review fixes (s7, wt-fixcr2): false alarms and lost catches this
session's changes brought, each on an excerpt written for the test (own
words, own figures)."""

from __future__ import annotations

import pytest

from extract import Extractor

EX = Extractor()

HEAD = "某区档案馆2024年度部门整体支出绩效自评报告\n一、资金使用情况\n"


def results(text: str, rule: str, status: str | None = "fail"):
    return [r for r in EX.parse_text(text).checks if r.rule == rule and (status is None or r.status == status)]


# ---------------------------------------------------------------- F4: a marked list under a selection head

@pytest.mark.parametrize("head", ["资金主要用于：", "资金重点保障了以下工作：", "部分资金用于："])
def test_marked_items_under_a_selection_head_are_no_whole_list(head):
    text = HEAD + f"全年专项支出650.00万元。{head}一是档案数字化，支出260.00万元；二是库房改造，支出310.00万元。\n"
    assert results(text, "stated_breakdown") == []


def test_marked_items_under_a_selection_head_that_add_up_pass():
    text = HEAD + "全年专项支出570.00万元。资金主要用于：一是档案数字化，支出260.00万元；二是库房改造，支出310.00万元。\n"
    assert results(text, "stated_breakdown") == []


def test_marked_items_under_a_plain_head_still_fail():
    text = HEAD + "全年专项支出650.00万元。专项支出项目有：一是档案数字化，支出260.00万元；二是库房改造，支出310.00万元。\n"
    assert len(results(text, "stated_breakdown")) == 1
