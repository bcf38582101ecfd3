"""Headings, grade bands, counts in words and hygiene missed or misread by
the review13 and plant13 trials (H1-H7), each cause tested on excerpts
written for these tests, in several phrasings, with their own figures.

- H1 The item after a line's lead-in (附件：1.…) is a list's first item.
- H2 Grade bands written as inequalities or intervals are read with both bounds.
- H3 A count in words passes when one reading of its list's 与/和/及 matches.
- H4 The subject of 超过/高于 is the achieved figure, not one in 比上年的….
- H5 A heading's or item's finding takes no other finding off its line.
- H6 An either/or alternative (（或…）) left in is template residue.
- H7 The first-level scores stated in prose add up to the stated total.
"""

from __future__ import annotations

import pytest

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source

DEPT = "某区档案馆2024年度部门整体支出绩效自评报告"


def report(text: str):
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))


def failed(text: str, rule: str) -> list[str]:
    return [c.message for c in report(text).checks
            if c.rule == rule and c.status == "fail" and c.severity in ("error", "warning")]


def passed(text: str, rule: str) -> list[str]:
    return [c.message for c in report(text).checks if c.rule == rule and c.status == "pass"]


# ------------------------------------------------- H1 附件：1.…

@pytest.mark.parametrize("lead", ["附件：", "附件:", "附表：", "附：", "附件 ", "本报告附件："])
def test_the_item_after_a_lead_in_opens_the_list(lead):
    text = (f"{DEPT}\n一、基本情况\n本馆馆藏档案12万卷。\n二、其他事项\n"
            f"{lead}1.整体支出绩效自评表\n2.档案利用情况统计表\n3.服务对象意见汇总表\n")
    assert not [m for m in failed(text, "heading_order") if "1." in m]


def test_a_list_that_truly_lacks_its_first_item_is_still_a_gap():
    text = (f"{DEPT}\n一、基本情况\n本馆馆藏档案12万卷。\n二、其他事项\n"
            "附件：整体支出绩效自评表\n2.档案利用情况统计表\n3.服务对象意见汇总表\n")
    assert [m for m in failed(text, "heading_order") if "1." in m]


# ------------------------------------------------- H2 bands as inequalities

BANDS = [
    "得分≥90分为“优”，80分≤得分<90分为“良”，60分≤得分<80分为“中”，得分<60分为“差”",
    "总分≥90分的为优，80≤总分＜90为良，60≤总分＜80为中，总分＜60为差",
    "90分（含）以上为优，80（含）-90分为良，60（含）-80分为中，60分以下为差",
    "得分90分(含)以上为优秀，80分(含)以上90分以下为良好，60分(含)以上80分以下为合格，60分以下为不合格",
    "[90,100]为优，[80,90)为良，[60,80)为中，[0,60)为差",
    "90～100分为优，80～89分为良，60～79分为中，59分以下为差",
    "大于等于90分为优，大于等于80分且小于90分为良，大于等于60分且小于80分为中，小于60分为差",
    "得分在90分以上为优，得分在80分至89分之间为良，得分在60分至79分之间为中，低于60分为差",
    "优秀（90分及以上），良好（80-89分），合格（60-79分），不合格（60分以下）",
    "优：90—100分；良：80—89.9分；中：60—79.9分；差：60分以下",
    "优（≥90分）、良（80分≤得分<90分）、中（60分≤得分<80分）、差（<60分）",
]


@pytest.mark.parametrize("bands", [
    "优秀（95分及以上），良好（85-94分），合格（60-84分），不合格（60分以下）",
    "优：95—100分；良：85—94.9分；中：60—84.9分；差：60分以下",
    "得分≥95分为优，85分≤得分<95分为良，60分≤得分<85分为中，得分<60分为差",
])
def test_a_scale_of_its_own_is_the_one_judged_by(bands):
    text = (f"{DEPT}\n一、自评结论\n本馆2024年度部门整体支出绩效自评得分91分。"
            f"评价等级标准为：{bands}。据此，自评等级为“良”。\n")
    assert not [m for m in failed(text, "score_grade") if "对应等级" in m]
    assert [m for m in passed(text, "score_grade") if "按报告所列等级标准" in m]


def test_words_ending_in_a_grade_character_state_no_band():
    text = (f"{DEPT}\n一、自评结论\n本馆自评得分91分，其中：产出指标45-50分的有3项，偏差（5-10分）较小。"
            "自评等级为“优”。\n")
    assert not failed(text, "score_grade")


@pytest.mark.parametrize("bands", BANDS)
@pytest.mark.parametrize("score,grade,ok", [("86", "良", True), ("83.5", "良", True), ("86", "优", False),
                                            ("72", "中", True), ("92", "良", False)])
def test_bands_written_as_inequalities(bands, score, grade, ok):
    g = {"良": "良好" if "良好" in bands else "良", "中": "合格" if "合格" in bands else "中",
         "优": "优秀" if "优秀" in bands else "优"}[grade]
    text = (f"{DEPT}\n一、自评结论\n本馆2024年度部门整体支出绩效自评得分{score}分。"
            f"评价等级标准为：{bands}。据此，自评等级为“{g}”。\n")
    bad = [m for m in failed(text, "score_grade") if "对应等级" in m]
    assert (not bad) if ok else bad, bad


# ------------------------------------------------- H3 counts in words

@pytest.mark.parametrize("sentence", [
    "本项目由路面修补、标志更新、排水与防护三个子项目组成。",
    "中心承担水质监测、应急监测与处置、采样及样品管理、数据审核与发布四项任务。",
    "本项目包括档案接收与征集、档案数字化、编研与开发利用三个子项目。",
])
def test_an_inner_conjunction_of_the_last_item_may_join_one_name(sentence):
    text = f"{DEPT}\n一、基本情况\n{sentence}\n"
    assert not failed(text, "count_in_words")


@pytest.mark.parametrize("sentence", [
    "本项目由路面修补、标志更新、排水与防护两个子项目组成。",  # 3 or 4, never 2
    "本项目由路面修补、标志更新、排水与防护五个子项目组成。",
    "资金用于以下两个方面：农机购置补贴发放、机手技能培训和示范基地建设。",  # 和: 3 items
])
def test_a_count_no_reading_gives_still_fails(sentence):
    text = f"{DEPT}\n一、基本情况\n{sentence}\n"
    assert failed(text, "count_in_words")


def test_an_item_numbered_again_is_still_counted():
    text = (f"{DEPT}\n一、主要做法\n全年重点抓了四个方面：\n一是完善制度。\n二是加强培训。\n"
            "三是规范采购。\n三是开展检查两轮。\n二、其他\n无。\n")
    assert not failed(text, "count_in_words")
    assert failed(text, "enumeration_order")


def test_a_figure_listed_twice_is_two_items():
    text = f"{DEPT}\n一、基本情况\n三类指标的分值分别为30分、30分、40分三项。\n"
    assert not [m for m in failed(text, "count_in_words") if "重复" in m]


# ------------------------------------------------- H4 comparison words

@pytest.mark.parametrize("sentence", [
    "综合治理率达到84.6%，比上年的81.9%提高2.7个百分点，超过年初确定的83%的目标。",
    "读者满意度为95.2%，较上年的89.7%有所提升，高于92%的目标值。",
    "检查企业达到152家，比上年的140家增加12家，超过150家的计划。",
    "接待读者1.32万人次，较上年的1.18万人次增加0.14万人次，超过1.3万人次的年度目标。",
])
def test_the_base_of_another_comparison_is_no_subject(sentence):
    text = f"{DEPT}\n一、绩效目标完成情况\n{sentence}\n"
    assert not failed(text, "comparison_word")


def test_the_achieved_figure_is_still_compared():
    text = f"{DEPT}\n一、绩效目标完成情况\n综合治理率达到82.1%，比上年的79.9%提高2.2个百分点，超过年初确定的83%的目标。\n"
    assert failed(text, "comparison_word")


# ------------------------------------------------- H5 two findings on one line

def test_a_punctuation_slip_on_a_line_with_a_numbering_gap_is_reported():
    text = (f"{DEPT}\n一、主要做法\n一是完善制度。\n二是加强培训。\n三是规范采购。\n"
            "五是开展检查两轮，覆盖企业30家。。\n二、其他\n无。\n")
    assert failed(text, "enumeration_order") and failed(text, "punctuation")


def test_a_heading_gap_and_a_slip_in_the_heading_line_are_both_reported():
    text = f"{DEPT}\n一、基本情况\n本馆馆藏档案12万卷。\n三、绩效目标完成情况，，\n全年开放305天。\n"
    assert failed(text, "heading_order") and failed(text, "punctuation")


# ------------------------------------------------- H6 either/or residue

@pytest.mark.parametrize("sentence", [
    "该笔资金由镇政府（或者村委会）负责管理。",
    "采购合同须经站长（或分管副站长）审签后执行。",
    "培训采取集中授课（或线上直播）方式开展。",
])
def test_a_bracketed_alternative_is_the_reports_own_words(sentence):
    # (codereview9 F4: （或…） is as often the report's own either/or as a
    # template's left in, so it is no residue)
    text = f"{DEPT}\n一、基本情况\n{sentence}\n"
    assert not failed(text, "template_residue")


def test_another_name_in_brackets_is_no_residue():
    text = f"{DEPT}\n一、基本情况\n推行“一窗受理”（或称综合窗口）制度，办件时限缩短。\n"
    assert not failed(text, "template_residue")


# ------------------------------------------------- H7 score totals in prose

PROJ = "某区档案数字化项目2024年度项目支出绩效自评报告"

LISTS = {
    "label": ("一、自评得分\n各一级指标得分如下：\n产出指标：分值50分，得分46分；\n效益指标：分值30分，得分28分；\n"
              "满意度指标：分值10分，得分9分；\n预算执行率：分值10分，得分9.5分；\n以上合计{t}分（满分100分）。\n"),
    "bracket": ("一、自评得分\n按投入、过程、产出、效益四个方面自评：\n投入（15分）：预算编制规范，得15分；\n"
                "过程（25分）：个别合同归档不及时，扣2分，得23分；\n产出（35分）：数字化任务全部完成，得33分；\n"
                "效益（25分）：查档满意率为96.0%，得22.5分。\n自评综合得分{t}分。\n"),
    "numbered": ("一、自评得分\n1. 产出数量指标（30分）：得28分。\n2. 产出质量指标（20分）：得19分。\n"
                 "3. 效益指标（30分）：得27分。\n4. 满意度指标（10分）：得9分。\n5. 预算执行率（10分）：得9.6分。\n"
                 "综上，自评总分{t}分。\n"),
    "inline": ("一、自评得分\n数量指标30分，得30分；质量指标20分，得18分；效益指标30分，得27分；"
               "满意度指标10分，得10分；预算执行率10分，得9.20分。自评总分{t}分。\n"),
    "paren_cn": ("一、自评得分\n（一）决策指标（10分），得10分。\n（二）过程指标（20分），得18分。\n"
                 "（三）产出指标（40分），得37分。\n（四）效益指标（30分），得27分。\n四项合计{t}分。\n"),
    "total_first": ("一、自评得分\n本项目自评总分{t}分，各一级指标得分如下：\n（一）投入指标（分值15分，得分14分）；\n"
                    "（二）过程指标（分值25分，得分24分）；\n（三）产出指标（分值35分，得分32.5分）；\n"
                    "（四）效益指标（分值25分，得分23分）。\n"),
    "score_first": ("一、自评得分\n产出指标得分44分（满分50分）；\n效益指标得分27分（满分30分）；\n"
                    "满意度指标得分19分（满分20分）。\n分值合计100分，扣分合计10分，得分合计{t}分。\n"),
}
TOTALS = {"label": ("92.5", "93.5"), "bracket": ("93.5", "92.5"), "numbered": ("92.6", "96.2"),
          "inline": ("94.20", "94.02"), "paren_cn": ("92", "93"),
          "score_first": ("90", "91"), "total_first": ("93.5", "95.3")}


@pytest.mark.parametrize("form", list(LISTS))
def test_listed_scores_add_up_to_the_stated_total(form):
    right, wrong = TOTALS[form]
    text = f"{PROJ}\n{LISTS[form].format(t=right)}"
    sums = [c for c in report(text).checks if c.kind == "score_sum" and "所列" in c.message]
    assert [c.status for c in sums] == ["pass"], [c.message for c in sums]
    text = f"{PROJ}\n{LISTS[form].format(t=wrong)}"
    assert [m for m in failed(text, "score_grade") if "所列" in m and "不符" in m]


def test_a_list_with_a_level_missing_is_not_summed():
    text = (f"{PROJ}\n一、自评得分\n产出指标：分值50分，得分46分；\n效益指标：分值30分，得分28分；\n"
            "以上两项合计80分。\n")  # weights add up to 80 of 100: 满意度 and 执行率 not listed
    assert not [c for c in report(text).checks if c.kind == "score_sum" and "所列" in c.message]


def test_a_stated_full_mark_other_than_100_is_the_whole():
    text = (f"{PROJ}\n一、自评得分\n本项目满分为50分。\n产出指标：分值30分，得分27分；\n"
            "效益指标：分值20分，得分18分；\n合计得分45分。\n")
    sums = [c for c in report(text).checks if c.kind == "score_sum" and "所列" in c.message]
    assert [c.status for c in sums] == ["pass"]
