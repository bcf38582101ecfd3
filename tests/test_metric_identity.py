"""One metric, two values (issue 14, item 5): two figures are one metric
only when metric words, scope (a table row's label, the section it stands
in), period (本年/上年, 累计/新增) and unit agree. Excerpts written for these
tests, in the genre, with their own figures."""

from __future__ import annotations

from test_checks_forms import checks_of, of

RULE = "metric_consistency"


def failed(text: str) -> list[str]:
    return [c.message for c in of(checks_of(text), RULE, "fail")]


def test_a_target_is_not_a_second_value_of_its_achievement():
    text = ("二、项目绩效目标\n\n（一）年度总体目标\n\n全年建成村级文化广场12个，组织送戏下乡演出80场次以上。\n\n"
            "三、项目绩效目标完成情况\n\n（一）产出指标\n\n建成村级文化广场11个，较目标少1个；"
            "组织送戏下乡演出76场次，较80场次的目标少4场次。\n")
    assert failed(text) == []
    # the same achievement stated twice with two values is still found
    text += "\n四、自评结论\n\n本年度建成村级文化广场13个。\n"
    assert len(failed(text)) == 1 and "11个" in failed(text)[0] and "13个" in failed(text)[0]


def test_a_labelled_achievement_under_a_target_heading_is_an_achievement():
    text = ("二、项目绩效目标\n\n（一）年度总体目标\n\n预期目标：维修山塘水库9座。\n\n"
            "实际完成情况：维修山塘水库9座。\n\n三、自评结论\n\n全年维修山塘水库8座。\n")
    [message] = failed(text)
    assert "8座" in message and "9座" in message


def test_the_report_year_is_no_scope():
    # 全年 names the report's own year: the figure is the one the other states
    text = ("一、产出情况\n\n全年培训基层农技人员326人次。\n\n二、自评结论\n\n"
            "培训基层农技人员362人次，完成年度目标。\n")
    [message] = failed(text)
    assert "326" in message and "362" in message
    # 上年 does scope it
    assert failed(text.replace("全年培训", "上年培训")) == []


def test_a_period_leading_the_sentence_scopes_all_its_figures():
    text = ("一、预算执行情况\n\n本年调整后预算2,480.00万元，实际支出2,356.00万元，执行率95.00%。\n"
            "上年同口径调整后预算2,210.00万元，实际支出2,038.50万元，执行率92.24%。\n\n"
            "二、自评结论\n\n本年实际支出2,356.00万元。\n")
    assert failed(text) == []
    # a figure with a scope word of its own keeps it: 新增 216 张 does not scope 全县 2,944 张
    text = ("一、床位建设\n\n新增护理型床位216张，全县养老床位达到2,944张。\n\n二、自评结论\n\n"
            "全县养老床位达到2,944张。\n")
    assert failed(text) == []
    assert len(failed(text.replace("达到2,944张。\n", "达到2,494张。\n", 1))) == 1


def test_items_of_a_section_are_each_their_own_line():
    # the total's 支出决算 and each budget line's are different metrics
    text = ("三、财政拨款支出决算具体情况\n\n一般公共预算财政拨款支出年初预算为860.00万元，支出决算为842.30万元。\n"
            "1、行政运行(项)。年初预算为520.00万元，支出决算为511.40万元。\n"
            "2、机关服务(项)。年初预算为340.00万元，支出决算为330.90万元。\n")
    assert failed(text) == []


def test_figures_per_one_of_something_over_other_counts_are_two_metrics():
    # 人均 over all the people helped and 人均 over the person-times of one
    # fund are two figures, not one stated twice
    text = ("一、项目基本情况\n\n本年共资助困难家庭学生2600人，人均资助1800元。\n\n"
            "二、项目绩效情况\n\n年内发放助学补贴，共资助750人次，人均资助金额1100元。\n")
    assert failed(text) == []
    # another count of the same unit with another name and value: another divisor
    assert failed(text.replace("共资助750人次", "资助中职学生750人")) == []
    # the same count (same name, or same value): one metric with two values
    same = text.replace("共资助750人次", "共资助困难家庭学生2600人")
    [message] = failed(same)
    assert "1800元" in message and "1100元" in message
    assert len(failed(text.replace("共资助750人次", "共资助学生2600人"))) == 1
    # a sentence naming no count is not told apart by it
    assert len(failed(text.replace("共资助750人次，", ""))) == 1


def test_figures_per_one_of_something_of_other_totals_are_two_metrics():
    text = ("一、资金使用情况\n\n发放医疗救助金260.00万元，人均救助1300元。\n\n"
            "二、自评结论\n\n发放临时救助金84.00万元，人均救助900元。\n")
    assert failed(text) == []
    same = text.replace("发放临时救助金84.00万元", "发放医疗救助金260.00万元")
    [message] = failed(same)
    assert "1300元" in message and "900元" in message
