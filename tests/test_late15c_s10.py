"""Breakdowns after the s10 review (late15c), on excerpts written for these
tests with their own figures.

- A period word (每年, 每月) leading a part's name names what the part is
  for (其中：每年运维费 60 万元、…): the part is summed and a wrong sum found.
  Right before the figure (租金每月 5 万元) it states a rate: no part.
- 等 compounds after the last part (等额, 等比, 等量, 等值) leave the list
  closed; a bare 等 still opens it.
"""

from __future__ import annotations

import pytest

from test_fixbreak15_s10 import statuses


@pytest.mark.parametrize("build", [
    lambda c: f"专项经费共计150万元，其中：每年运维费60万元、软件购置50万元、人员培训{c}万元。",
    lambda c: f"补助资金150万元，其中：每月生活补贴60万元，交通补助50万元，其他{c}万元。",
    lambda c: f"年度预算150万元，其中每日保洁服务费60万元、绿化养护50万元、垃圾清运{c}万元。",
    lambda c: f"项目资金150万元，其中：每季度巡检费用60万元、设备更新50万元、应急储备{c}万元。",
])
def test_a_period_word_leading_a_part_name_is_a_part(build):
    assert statuses(build("40")) == ["pass"]
    assert statuses(build("30")) == ["fail"]


@pytest.mark.parametrize("line", [
    "项目资金130万元，其中：场地租金每月5万元，全年60万元，设备购置70万元。",
    "项目资金130万元，其中：场地租金每月为5万元，全年60万元，设备购置70万元。",
    "运维经费96万元，其中：驻场服务费每年24万元，本年实付48万元，备件采购48万元。",
])
def test_a_period_word_right_before_the_figure_is_a_rate(line):
    assert "fail" not in statuses(line)


def test_the_per_unit_rate_of_the_session_is_still_no_part():
    assert "fail" not in statuses("项目支出330万元，由合作社奖励每家15万元、农户补贴90万元构成。")
    assert "fail" not in statuses("培训经费48万元，由学员生活补助每人每天80元、师资费用30万元组成。")


@pytest.mark.parametrize("tail", ["等额列支", "等比例压减", "等量配套到位", "等值置换"])
def test_a_deng_compound_after_the_last_part_leaves_the_list_closed(tail):
    assert statuses(f"项目资金120万元，其中：物业服务70万元、水电费40万元{tail}。") == ["fail"]
    assert statuses(f"项目资金120万元，其中：物业服务70万元、水电费50万元{tail}。") == ["pass"]


@pytest.mark.parametrize("tail", ["等", "等支出", "等方面"])
def test_a_bare_deng_still_opens_the_list(tail):
    assert "fail" not in statuses(f"项目资金120万元，其中：物业服务70万元、水电费40万元{tail}，执行率100%。")
    assert statuses(f"项目资金120万元，其中：物业服务70万元、水电费60万元{tail}，执行率100%。") == ["fail"]
