"""False alarms of the reviewer10 trial, each cause tested on excerpts
written for these tests, with their own figures.

- A sentence listing two grade bands or more (N分以上（含）评为X，M分以上（含）
  评为Y…) states the grade scheme (extract.grade_scheme): no score, no grade,
  no form grade line and no comparison of its own; its bands are the
  report's scale, also when the highest goes up to the full score (90—100分).
- A score after 其中 in the sentence of a score is a part of that one.
"""

from __future__ import annotations

from decimal import Decimal

from extract.grade_scheme import grade_scheme
from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source


def report(title: str, *lines: str):
    text = "\n".join((title,) + lines) + "\n"
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))


def of(r, rule: str, status: str | None = None):
    return [c for c in r.checks if c.rule == rule and (status is None or c.status == status)]


PROJECT = "某区2023年度河道保洁项目支出绩效自评报告"
FORM = "某区2023年度河道保洁项目支出绩效自评表"


# ------------------------------------------------------------ the grade scheme


def test_scheme_regions_need_two_bands():
    scheme = grade_scheme()
    text = "考核满分100分，85分以上（含）评为优，70分以上（含）评为良，其余评为差。"
    assert scheme.states(text)
    assert not scheme.states("考核满分100分，其中85分以上为优。")
    # the stretch is the bands', not the sentence's: a score before it is outside
    text = "本项目得分93分，按照85分以上为优、70分（含）至85分为良的标准，等级为优。"
    assert scheme.states(text)
    assert not scheme.states(text, 0, text.index("，"))


def test_a_band_list_with_evaluated_is_no_claim():
    r = report(PROJECT, "一、自评结论",
               "本项目自评得分93分，评价等级为优。",
               "评分标准：综合得分85分以上（含）评为优，70分以上（含）评为良，55分以上（含）评为中，其余为差。")
    assert r.meta.self_score == Decimal("93")
    assert r.meta.grade == "优"
    assert of(r, "score_grade", "fail") == []
    assert of(r, "score_grade", "pass")


def test_a_band_list_after_a_form_is_no_score():
    r = report(FORM,
               "| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
               "| 年度资金总额 | 60.00 | 60.00 | 57.00 | 10 | 95.00% | 9.50 |",
               "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
               "| 产出指标 | 数量指标 | 保洁河道长度 | ≥30公里 | 31公里 | 90 | 90.00 | 无 |",
               "| 总分 | | | | | 100 | 99.50 | |",
               "自评等级：优",
               "说明：总得分88分（含）以上为优，75（含）-88分为良，60（含）-75分为中，60分以下为差。")
    assert of(r, "score_grade", "fail") == []
    assert of(r, "form", "fail") == []


def test_a_band_line_labelled_grade_is_no_form_grade():
    r = report(FORM,
               "| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
               "| 年度资金总额 | 80.00 | 80.00 | 78.00 | 10 | 97.50% | 9.75 |",
               "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
               "| 产出指标 | 数量指标 | 清运垃圾量 | ≥500吨 | 520吨 | 90 | 90.00 | 无 |",
               "| 总分 | | | | | 100 | 99.75 | |",
               "自评等级：优秀",
               "评价等级：90—100分为优秀；80—89.99分为良好；60—79.99分为合格；60分以下为不合格。")
    form = r.forms[0]
    assert form.total["grade"].text == "优秀"
    assert of(r, "form", "fail") == []
    # the report's own scheme is used: its top band reaches the full score
    passed = [c for c in of(r, "form", "pass") if "等级" in c.message]
    assert passed and "按报告所列等级标准" in passed[0].message


def test_a_wrong_grade_beside_a_scheme_still_fails():
    r = report(PROJECT, "一、自评结论",
               "本项目自评得分76分，评价等级为优。",
               "评分标准：综合得分85分以上（含）评为优，70分以上（含）评为良，55分以上（含）评为中，其余为差。")
    assert [c.expected for c in of(r, "score_grade", "fail")] == ["良"]


def test_band_bounds_are_no_comparison():
    r = report(PROJECT, "一、自评结论",
               "总分在85分（含）以上的为优，70分（含）至85分的为良，55分（含）至70分的为中，低于55分的为差。",
               "本项目自评得分91.20分，评价等级为优。")
    assert [c for c in of(r, "comparison_word") if c.locations] == []


def test_a_comparison_outside_a_scheme_is_still_read():
    r = report(PROJECT, "一、自评结论",
               "本年投诉办结率92%，低于上年的95%。",
               "本项目自评得分91.20分，评价等级为优。")
    assert of(r, "comparison_word", "pass")


# ------------------------------------------------------------ parts after 其中


def test_a_score_after_qizhong_is_a_part():
    r = report(PROJECT, "一、自评结论",
               "本项目自评总分96.40分，其中经费使用得分8.40分，产出和效益等指标得分88.00分，评价等级为优。")
    assert r.meta.self_score == Decimal("96.40")
    assert of(r, "score_grade", "fail") == []


def test_a_score_in_the_next_sentence_is_read():
    r = report(PROJECT, "一、自评结论",
               "本项目按百分制评分。其中，经自评，自评得分78分，评价等级为良。")
    assert r.meta.self_score == Decimal("78")


# ------------------------------------------------------------ growth of a total


def _growth(r):
    return [c for c in r.checks if c.rule == "growth" and c.locations]


def test_a_totals_growth_takes_no_figure_of_its_new_part():
    r = report("某学会2023年度会员服务项目支出绩效自评报告", "一、绩效目标完成情况",
               "新吸纳会员30名，会员总数较上年末的750名增长4.00%。")
    assert [c for c in _growth(r) if c.status == "fail"] == []


def test_a_growth_of_the_clause_before_is_still_checked():
    r = report("某学会2023年度会员服务项目支出绩效自评报告", "一、绩效目标完成情况",
               "本年服务会员780人次，比上年的750人次增长4.00%。",
               "全年支出84万元，支出较上年的80万元增长9%。")
    assert [c.status for c in _growth(r)] == ["pass", "fail"]


# ------------------------------------------------------------ rates naming their whole


def _rates(r, status):
    return [c for c in of(r, "rate", status) if c.locations]


def test_a_budget_rate_takes_no_contract_total_as_its_budget():
    r = report(PROJECT, "一、资金使用情况",
               "项目资金到位300.00万元；已支出288.00万元，预算执行率96.00%。",
               "共购置保洁船只4艘，合同金额合计288.00万元。")
    assert _rates(r, "fail") == []


def test_a_budget_rate_over_its_budget_still_fails():
    r = report(PROJECT, "一、资金使用情况",
               "项目预算300.00万元，已支出288.00万元，预算执行率98.00%。")
    assert _rates(r, "fail")


def test_a_share_naming_its_whole_is_not_over_the_sentence_total():
    r = report("某局2023年度部门整体支出绩效自评报告", "一、预算管理",
               "调整后预算800.00万元。",
               "全年支出760.00万元，其中前三季度支出560.00万元，占全年预算的70.00%。")
    assert _rates(r, "fail") == []


def test_a_share_of_the_sentence_total_is_still_checked():
    r = report("某局2023年度部门整体支出绩效自评报告", "一、预算管理",
               "全年支出800.00万元，其中前三季度支出560.00万元，占全年支出的75.00%。")
    assert _rates(r, "fail")


# ------------------------------------------------------------ an item's own figures


def _consistency(r, status):
    return [c for c in of(r, "metric_consistency", status) if c.locations]


def test_the_sangong_spending_is_no_spending_of_the_whole():
    r = report("某局2023年度部门整体支出绩效自评报告", "一、预算执行",
               "全年预算数640.00万元，实际支出622.00万元，预算执行率97.19%。",
               "二、“三公”经费管理",
               "“三公”经费全年预算9.60万元，实际支出8.10万元，控制在预算以内。",
               "三、会议费",
               "全年预算1.20万元，实际支出0.90万元。")
    assert _consistency(r, "fail") == []


def test_the_spending_of_the_whole_stated_twice_is_still_compared():
    r = report("某局2023年度部门整体支出绩效自评报告", "一、预算执行",
               "全年预算数640.00万元，实际支出622.00万元，预算执行率97.19%。",
               "二、绩效目标完成情况",
               "严格执行政府采购制度，全年实际支出612.00万元。")
    assert _consistency(r, "fail")


# ------------------------------------------------------------ a count of parts' sizes


def _counts(r, status):
    return [c for c in of(r, "count_in_words", status) if c.locations]


def test_a_count_is_the_sum_of_the_sizes_its_bracket_lists():
    r = report("某中心2023年度数据平台项目支出绩效自评报告",
               "一、项目内容：搭建三个业务平台，共十八个数据接口（分别为7个、6个和5个）。")
    assert _counts(r, "fail") == []
    assert any("之和 18" in c.message for c in _counts(r, "pass"))


def test_a_count_unlike_the_sum_of_its_sizes_fails():
    r = report("某中心2023年度数据平台项目支出绩效自评报告",
               "一、项目内容：共十六个数据接口（分别为7个、6个和5个）。")
    assert [c.expected for c in _counts(r, "fail")] == ["18"]
