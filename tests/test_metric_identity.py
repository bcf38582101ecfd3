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


def test_a_share_is_of_its_part_not_of_its_base():
    # 占X names the base; the metric is the part before it: two shares of
    # one base are two metrics
    text = ("一、预算安排\n\n公用经费预算 620000 元，其中：\n办公费预算 434000 元，占公用经费预算70%。\n"
            "差旅费预算 186000 元，占公用经费预算30%。\n\n二、自评结论\n\n办公费预算占比较上年略有提高。\n")
    assert failed(text) == []
    # the same part's share stated again with another value is one metric, two values
    [message] = failed(text + "\n三、其他说明\n\n办公费预算 434000 元，占公用经费预算75%。\n")
    assert "70%" in message and "75%" in message and "办公费预算占公用经费预算" in message
    # a share with no part before it in its sentence names no metric of its own
    bare = ("一、预算安排\n\n印刷费预算 52000 元。占公用经费预算8%。\n"
            "咨询费预算 39000 元。占公用经费预算6%。\n")
    assert failed(bare) == []
    # a share naming no base (占, 占比) names no metric: of all spending, or of
    # the 财政拨款 spending?
    text = ("一、支出决算\n\n本年支出合计2,480.00万元，其中：基本支出1,860.00万元，占75.00%；"
            "项目支出620.00万元，占25.00%。\n\n二、财政拨款支出决算\n\n财政拨款支出2,250.00万元，"
            "其中：基本支出1,860.00万元，占比82.67%；项目支出390.00万元，占比17.33%。\n")
    assert failed(text) == []
    # 的比重 names no other base: 占公用经费预算的比重 is 占公用经费预算
    [message] = failed(text.replace("项目支出390.00万元，占比17.33%。", "办公费预算 434000 元，"
                                    "占公用经费预算的比重为75%。") + "\n三、预算安排\n\n"
                       "办公费预算 434000 元，占公用经费预算70%。\n")
    assert "70%" in message and "75%" in message
    # 占 opening the words of a figure that is no percent is its own metric
    area = ("一、建设内容\n\n育苗基地建成投用，占地面积3,600平方米。\n\n"
            "二、自评结论\n\n项目已完工，占地面积3,900平方米。\n")
    assert len(failed(area)) == 1


def test_a_prior_year_figure_of_a_comparison_is_its_subjects():
    # 比上年支出 X names the year before of the clause subject: three items
    # compared with their own prior years are three metrics
    text = ("一、“三公”经费\n\n“三公”经费支出64万元，比上年支出71万元减少7万元；"
            "其中公务接待费支出22万元，比上年支出26万元减少4万元；"
            "公务用车运行维护费支出42万元，较上年同期45万元减少3万元。\n")
    assert failed(text) == []
    # the subject's year before stated again with another value is found
    [message] = failed(text + "\n二、自评结论\n\n上年“三公”经费支出73万元。\n")
    assert "上年三公经费支出" in message and "71万元" in message and "73万元" in message
    # the words after 比上年 may name the subject among several figures before
    text = ("一、收支情况\n\n本年财政拨款收入360.00万元，事业单位经营收入45.00万元，"
            "比上年财政拨款收入320.00万元增加40.00万元。\n\n二、自评结论\n\n"
            "上年事业单位经营收入52.00万元。\n")
    assert failed(text) == []
    assert len(failed(text.replace("上年事业单位经营收入52.00", "上年财政拨款收入326.00"))) == 1
    # 与上年X相比, and a bare 上年X after its subject, are the subject's year before
    text = ("一、收入情况\n\n事业收入420万元，与上年收入460万元相比减少40万元；"
            "经营收入130万元，上年收入150万元。\n")
    assert failed(text) == []
    # money carried in (上年结转) is no year before of the figure before it
    text = ("一、预算安排\n\n当年财政拨款312.00万元，上年结转18.60万元，全年预算330.60万元。\n\n"
            "二、自评结论\n\n上年财政拨款298.00万元。\n")
    assert failed(text) == []
    # 上年结转结余 names a metric of its own: restated with another value, found
    text = ("一、收入情况\n\n本年收入合计700万元，上年结转结余85万元。\n\n"
            "二、自评结论\n\n上年结转结余88万元已全部使用。\n")
    assert len(failed(text)) == 1


def test_a_sub_items_figures_are_not_the_units_under_another_heading():
    # 项目支出 of one function-class item (under （一）) is not the unit's
    # 项目支出 (under （二）): parallel sections of one chapter
    text = ("五、一般公共预算支出情况说明\n\n（一）按功能分类划分。\n\n"
            "1.小学教育支出 380000 元，基本支出 380000 元，项目支出 0 元。主要用于人员经费。\n\n"
            "（二）按支出结构分类划分。\n\n1. 基本支出预算 872000 元，占一般公共预算支出的 91.5%。\n\n"
            "2. 项目支出 81000 元，占一般公共预算支出的 8.5%。\n")
    assert failed(text) == []


def test_parts_listed_past_a_semicolon_keep_their_whole():
    # the 其中 list goes on past "；": 项目支出 is the 本年支出合计's in one
    # chapter and the 财政拨款支出's in the other
    text = ("一、支出决算情况\n\n本年支出合计1,540.00万元，其中：基本支出1,120.00万元；项目支出420.00万元。\n\n"
            "二、财政拨款支出决算情况\n\n财政拨款支出1,380.00万元，其中：基本支出1,120.00万元；"
            "项目支出260.00万元。\n")
    assert failed(text) == []
    # the same whole's part restated with another value is found
    [message] = failed(text + "\n三、自评结论\n\n本年支出合计1,540.00万元，其中：基本支出1,120.00万元；"
                       "项目支出450.00万元。\n")
    assert "420.00万元" in message and "450.00万元" in message


def test_budget_roles_of_named_subjects_are_each_their_own_metric():
    # 年初预算 / 支出决算 / 完成年初预算 alone name a role: whose it is the
    # figure before in the sentence, or the item's label before it, says
    text = ("三、一般公共预算财政拨款支出决算情况说明\n\n"
            "2024年一般公共预算财政拨款支出年初预算为735.00万元，支出决算为702.80万元，完成年初预算的95.62%。其中：\n"
            "社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项)。"
            "年初预算为96.00万元，支出决算为94.10万元，完成年初预算的98.02%。\n"
            "卫生健康支出(类)行政事业单位医疗(款)行政单位医疗(项)。"
            "年初预算为41.00万元，支出决算为38.70万元，完成年初预算的94.39%。\n")
    assert failed(text) == []
    # labels in the sentence itself (1.X(项)：年初预算…) name the subject too
    text = ("三、财政拨款支出决算具体情况\n\n1.行政运行(项)：年初预算为410.00万元，支出决算为398.20万元。"
            "2.事业运行(项)：年初预算为150.00万元，支出决算为147.60万元。\n")
    assert failed(text) == []
    # the same subject's role restated with another value is found, and so is
    # a role no subject is named for
    text = ("一、项目概况\n\n本项目年初预算为60.00万元，实际支出57.30万元。\n\n"
            "二、自评结论\n\n全年实际支出57.80万元，执行率96.33%。\n")
    [message] = failed(text)
    assert "57.30万元" in message and "57.80万元" in message
    [message] = failed(text.replace("全年实际支出57.80万元", "项目资金到位60.00万元，实际支出57.80万元"))
    assert "57.30万元" in message and "57.80万元" in message


def test_a_change_after_a_comparison_lead_names_no_metric():
    # 比上年决算减少 X is its subject's change: three items' changes are no
    # one metric
    text = ("五、“三公”经费\n\n2024年“三公”经费财政拨款支出决算为9.60万元，比上年决算减少1.10万元；"
            "其中：公务用车运行维护费支出决算为6.20万元，比上年决算减少0.80万元；"
            "公务接待费支出决算为3.40万元，比上年决算减少0.30万元。\n")
    assert failed(text) == []


# ---------------------------------------------------------------- one figure restated (issue 14, item 5)

# a 项目支出绩效自评表 of our own, its funds block in 万元
_FORM = ("项目支出绩效自评表\n（2024年度）\n\n"
         "项目名称\t乡村道路养护补助资金\n"
         "主管部门\t青禾县交通运输局\t实施单位\t青禾县公路事务中心\n"
         "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
         "\t年度资金总额\t800.00\t860.00\t843.00\t10\t98.02%\t9.80\n"
         "\t其中：当年财政拨款\t800.00\t800.00\t783.00\t—\t97.88%\t—\n"
         "\t上年结转资金\t0.00\t60.00\t60.00\t—\t100.00%\t—\n"
         "\t其他资金\t0.00\t0.00\t0.00\t—\t—\t—\n"
         "年度总体目标\t预期目标\t\t\t\t实际完成情况\n"
         "\t完成农村公路养护120公里。\t\t\t\t完成农村公路养护126公里。\n"
         "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
         "\t产出指标（50分）\t数量指标\t农村公路养护里程\t≥120公里\t126公里\t50\t50\t\n"
         "\t效益指标（30分）\t社会效益指标\t道路通行条件\t明显改善\t明显改善\t30\t30\t\n"
         "\t满意度指标（10分）\t服务对象满意度指标\t沿线群众满意度\t≥90%\t93.5%\t10\t10\t\n"
         "总分\t\t\t\t\t\t100\t99.80\t\n\n"
         "青禾县2024年度乡村道路养护补助资金绩效自评情况说明\n\n一、预算执行情况\n\n")


def _spending(executed: str = "843.00", rate: str = "98.02%") -> str:
    return (_FORM + "项目年初预算800.00万元，调整后全年预算860.00万元。截至2024年12月31日，"
            f"项目累计支出{executed}万元，预算执行率{rate}，当年财政拨款执行数783.00万元。\n")


def test_one_unit_of_the_last_place_is_a_second_value():
    # both to one decimal: one figure rounded one way; their intervals only touch
    text = ("一、产出情况\n\n全年完成农村公路养护126.4公里。\n\n二、自评结论\n\n"
            "完成农村公路养护126.5公里，超额完成年度目标。\n")
    [message] = failed(text)
    assert "126.4" in message and "126.5" in message
    # stated coarser in one place (126公里 for 126.4), the two agree
    assert failed(text.replace("126.5公里", "126公里")) == []


def test_the_text_restating_the_forms_funds_cells():
    assert failed(_spending()) == []
    [message] = failed(_spending(executed="843.01"))
    assert "年度资金总额全年执行数" in message and "843.00" in message and "843.01万元" in message
    [message] = failed(_spending(rate="98.03%"))
    assert "年度资金总额执行率" in message
    # 当年财政拨款执行数 is the 当年财政拨款 row's, not the total's
    [message] = failed(_spending().replace("执行数783.00", "执行数783.10"))
    assert "当年财政拨款全年执行数" in message


def test_what_is_not_a_restatement_of_the_forms_funds_cells():
    # another year, a bound of a scoring rule, another subject far off the
    # total and a budget of what is not spending: none is the form's cell
    text = (_spending() + "上年实际支出790.00万元。执行率超过100%的按100%计。\n\n"
            "二、子项目情况\n\n（一）桥梁维修\n\n桥梁维修实际支出126.00万元。\n\n"
            "（二）安全设施\n\n全年收入预算900.00万元。\n")
    assert failed(text) == []


def test_a_table_row_and_its_part_in_the_text_in_another_unit():
    text = ("一、基本支出情况\n\n表1  2024年度公用经费明细（单位：元）\n"
            "支出科目                  金额\n"
            "办公设备购置费          436,200.00\n"
            "差旅费                  118,500.00\n"
            "合计                    554,700.00\n"
            "其中办公设备购置费43.62万元，主要用于更新老旧电脑。\n")
    assert failed(text) == []
    [message] = failed(text.replace("43.62万元", "43.63万元"))
    assert "办公设备购置费" in message and "436,200.00" in message and "43.63万元" in message


def test_a_count_after_a_light_verb_is_the_count_of_its_object():
    text = ("一、产出情况\n\n招募巡河志愿者共356名，经培训后全部上岗。\n\n二、履职效能\n\n"
            "组织365名巡河志愿者开展汛期巡查。\n")
    [message] = failed(text)
    assert "356名" in message and "365名" in message
    assert failed(text.replace("365名", "356名")) == []
    # two acts on one object are two counts: 356 recruited, 320 trained
    assert failed(text.replace("组织365名巡河志愿者开展汛期巡查", "培训巡河志愿者320名")) == []


def test_a_tables_total_is_the_funds_row_its_heading_names():
    form = _FORM.replace("\t其中：当年财政拨款\t800.00\t800.00\t783.00\t—\t97.88%\t—\n"
                         "\t上年结转资金\t0.00\t60.00\t60.00\t—\t100.00%\t—\n"
                         "\t其他资金\t0.00\t0.00\t0.00\t—\t—\t—\n",
                         "\t按支出性质分：基本支出\t500.00\t520.00\t520.00\t—\t100.00%\t—\n"
                         "\t项目支出\t300.00\t340.00\t323.00\t—\t95.00%\t—\n")
    table = ("二、项目支出明细\n\n项目名称                 全年预算数   全年执行数\n"
             "农村公路日常养护         210.00       201.50\n"
             "桥梁检测评定             130.00       121.50\n"
             "合计                     340.00       323.00\n")
    assert failed(form + table) == []
    [message] = failed(form + table.replace("340.00       323.00", "340.00       323.01"))
    assert "项目支出全年执行数" in message and "323.01" in message


def test_parallel_items_each_with_its_subject_are_two_metrics():
    """Items of one passage (一是…；二是…), each opening with a figure of its own
    subject, then the same predicate (已于年内拨付, 完成年度任务): the predicate
    names no metric shared by the items."""
    text = ("一、资金使用情况\n\n本年度专项资金分两部分使用：一是农机购置补贴资金共计45万元，已于年内拨付45万元，"
            "拨付率100%；二是农技推广补助资金共计18万元，已于年内拨付18万元，拨付率100%。\n\n"
            "二、产出情况\n\n全年培训农民620人次，完成年度任务103%；新建示范基地4个，完成年度任务80%；"
            "推广新品种9个，完成年度任务90%。\n")
    assert failed(text) == []
    # one subject stated twice with two values is still found
    text += "\n三、自评结论\n\n农机购置补贴资金共计45万元，已于年内拨付44万元。\n"
    assert any("45万元" in m and "44万元" in m for m in failed(text)), failed(text)


def test_figures_of_two_cut_off_dates_are_two_metrics():
    """截至6月底 and 截至11月底 before the same metric: two periods; a cut-off
    at the year's end is the report's own year (compared with the year's figure)."""
    text = ("一、项目进度\n\n截至2024年5月底，项目完成投资420.00万元；截至2024年10月底，"
            "项目完成投资980.00万元。\n\n二、自评结论\n\n截至2024年12月31日，项目完成投资1,260.00万元。\n\n"
            "三、其他\n\n全年项目完成投资1,260.00万元。\n")
    assert failed(text) == []
    [message] = failed(text.replace("全年项目完成投资1,260.00万元", "全年项目完成投资1,250.00万元"))
    assert "1,260.00万元" in message and "1,250.00万元" in message


def test_a_provinces_figure_is_not_the_countys():
    text = ("一、产出情况\n\n全县建制村通客车率100%，高于全省平均水平。\n\n"
            "二、说明\n\n据省厅通报，全省建制村通客车率97.6%。\n")
    assert failed(text) == []


def test_an_indicators_achievement_is_named_by_the_indicator_not_by_its_role():
    # 实际完成 / 年度目标 are roles: each line's figure is its own indicator's
    text = ("一、绩效目标完成情况\n\n档案数字化率：年度目标≥80%，实际完成86.5%，目标已完成。\n"
            "查档服务满意度：年度目标≥90%，实际完成93.2%，目标已完成。\n")
    assert failed(text) == []
    # one indicator's achievement stated twice, two ways, is still found, by its name
    text += "\n二、自评结论\n\n档案数字化率：实际完成88.5%。\n"
    [message] = failed(text)
    assert "档案数字化率（实际完成）" in message and "86.5%" in message and "88.5%" in message


def test_a_figure_restated_in_brackets_in_another_unit():
    def restated(text: str) -> list:
        return [(c.status, c.stated) for c in of(checks_of("一、预算执行\n\n" + text + "\n"), RULE)
                if c.kind == "restated_figure"]
    assert restated("全年累计拨付486.30万元（合计4,863,000元），执行率97.26%。") == [("pass", "4,863,000元")]
    assert restated("全年累计拨付486.30万元（合计4,836,000元），执行率97.26%。") == [("fail", "4,836,000元")]
    # a rounding restated 约合 holds within its own precision
    assert restated("全年实际支出12,486,133.20元（约合1248.61万元）。") == [("pass", "1248.61万元")]
    assert restated("全年实际支出12,486,133.20元（约合1284.61万元）。") == [("fail", "1284.61万元")]
    # or after 折合 in the next clause
    assert restated("全年累计拨付486.30万元，折合4,836,000元。") == [("fail", "4,836,000元")]
    # a part in brackets, a count or an aside is no restatement
    assert restated("项目资金300.00万元（其中中央资金120.00万元）。") == []
    assert restated("培训经费8.00万元（共12期）。") == []
