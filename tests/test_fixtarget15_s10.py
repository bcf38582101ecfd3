"""s10 fixtarget15: a miss the report itself scores down or states as a
share of its target is honestly reported (owned), not a miss claimed as met;
the same miss with full marks or a claim of meeting it is still found.

Every excerpt is written for these tests (own words and figures)."""

from __future__ import annotations

import pytest

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source

TITLE = "某市民政局2023年度项目支出绩效自评报告"


def report_of(text: str, title: str = TITLE):
    src = source_from_text(f"{title}\n\n{text}\n")
    return parse_source(src, Source(path="<excerpt>", sha256="0" * 64, lines=src.n_lines))


def problems(text: str, rules: tuple[str, ...], title: str = TITLE):
    return [c for c in report_of(text, title).checks
            if c.rule in rules and c.status == "fail" and c.severity in ("error", "warning")]


# ------------------------------------------------------------------ target: a deduction on the indicator's own line

TARGETS = ("一、项目概况\n本项目年初预算80.00万元，全年支出78.60万元。\n二、绩效目标实现情况\n"
           "（一）产出指标\n1.居家养老服务人次：目标不少于1200人次，实际完成1104人次，{}\n"
           "三、自评结论\n本项目自评得分96分，等级为优。\n")

OWNED = [
    "完成率92%，未达到100%的目标，扣0.6分。",
    "该项得分相应扣除1分。",
    "该指标得7分（满分8分）。",
    "本项得分5.4分，分值6分。",
    "分值6分，实际得5.2分。",
    "属部分完成，得分低于分值。",
    "该指标扣减0.4分。",
    "完成目标的92.0%。",
    "达到年度目标的92%。",
    "完成目标任务的92%。",
]


@pytest.mark.parametrize("words", OWNED, ids=[str(i) for i in range(len(OWNED))])
def test_a_miss_scored_down_or_stated_as_a_share_is_owned(words):
    assert problems(TARGETS.format(words), ("target", "target_rating")) == []


CLAIMED = [
    "已完成年度目标。",
    "完成目标的100%。",
    "达到年度目标的105%。",
]


@pytest.mark.parametrize("words", CLAIMED, ids=[str(i) for i in range(len(CLAIMED))])
def test_a_miss_claimed_met_is_still_an_error(words):
    found = problems(TARGETS.format(words), ("target",))
    assert [c.severity for c in found] == ["error"]


def test_full_marks_written_beside_a_miss_do_not_own_it():
    found = problems(TARGETS.format("该指标得8分（满分8分）。"), ("target", "target_rating"))
    assert {c.rule for c in found} == {"target", "target_rating"}


def test_a_deduction_of_another_indicator_does_not_own_this_miss():
    text = TARGETS.format("按计划推进。\n2.服务对象满意度：目标不低于90%，实际96%，该项得分相应扣除1分。")
    found = problems(text, ("target",))
    assert len(found) == 1 and "居家养老服务人次" in found[0].message


# ------------------------------------------------------------------ score_grade: bands with 以下 / （含N分） ends

GRADES = ("一、项目概况\n本项目年初预算80.00万元，全年支出78.60万元。\n二、评价标准\n{}\n"
          "三、自评结论\n本项目自评得分{}分，等级为{}。\n")

SCALES = [
    "评分结果分为四档：90分（含）以上为优，75分至90分以下为良，60分至75分以下为中，60分以下为差。",
    "评价等级：90分以上（含90分）为优，75分以上（含75分）90分以下为良，60分以上（含60分）75分以下为中，60分以下为差。",
    "90分（含90分）以上为优，75分（含75分）至90分（不含90分）为良，60分（含60分）至75分以下为中，60分以下为差。",
    "75至90分（不含90分）为良，90分及以上为优，60至75分（不含75分）为中，60分以下为差。",
]


@pytest.mark.parametrize("scale", SCALES, ids=[str(i) for i in range(len(SCALES))])
@pytest.mark.parametrize("score,grade", [("82", "良"), ("75", "良"), ("90", "优"), ("74.5", "中")])
def test_a_band_ending_below_its_upper_end_is_read(scale, score, grade):
    assert problems(GRADES.format(scale, score, grade), ("score_grade",)) == []


@pytest.mark.parametrize("scale", SCALES, ids=[str(i) for i in range(len(SCALES))])
@pytest.mark.parametrize("score,grade", [("82", "优"), ("89.5", "优"), ("90", "良"), ("74.5", "良")])
def test_a_wrong_grade_under_such_bands_is_found(scale, score, grade):
    assert [c.rule for c in problems(GRADES.format(scale, score, grade), ("score_grade",))] == ["score_grade"]


# ------------------------------------------------------------------ template_residue: blanks and bracketed prompts

RESIDUE_BODY = "一、项目概况\n本项目年初预算80.00万元，全年支出78.60万元。\n二、实施情况\n{}\n三、自评结论\n本项目自评得分96分，等级为优。\n"

LEFT_IN = [
    "项目主管部门：【】。",
    "本年度助餐服务覆盖率为______。",
    "助餐点建设进展：__________，下一步继续推进。",
    "项目实施成效【请补充本年成效】。",
    "绩效目标设定依据（参考模板填写）：按民政部门要求设定。",
    "主要经验做法：（请结合工作实际填写）",
    "［填写说明］本栏说明资金使用情况。资金使用规范。",
    "该指标本年完成值为（）。",
    "【待完善】资金管理制度。",
]


@pytest.mark.parametrize("text", LEFT_IN, ids=[str(i) for i in range(len(LEFT_IN))])
def test_a_blank_or_prompt_left_from_the_template_is_found(text):
    found = problems(RESIDUE_BODY.format(text), ("template_residue",))
    assert len(found) == 1


# A blank at a form's foot to sign or date by hand is no residue: the rules
# leave underscores after 签字/签名/签章/盖章/日期 and the blanks of a
# handwritten date (____年__月__日) alone.
FINE = [
    "填报人签字：________",
    "单位负责人（签章）________　　日期：________",
    "经办人签名________　　________年____月____日",
    "助餐数据（由各街道填报）按季度汇总。",
    "共设助餐点（含村级助餐点）42个。",
    "________________________________________",
    "资金管理制度有待完善，下一步将补充修订。",
]


@pytest.mark.parametrize("text", FINE, ids=[str(i) for i in range(len(FINE))])
def test_a_signature_blank_or_a_report_s_own_brackets_are_not_residue(text):
    assert problems(RESIDUE_BODY.format(text), ("template_residue", "placeholder")) == []


# ------------------------------------------------------------------ scope_word: this year glossed with another; a later year's end

SCOPE_BODY = "一、项目概况\n{}\n二、自评结论\n本项目自评得分96分，等级为优。\n"
TITLE_2024 = "某市民政局2024年度项目支出绩效自评报告"

OTHER_YEAR = [
    ("本年（2023年）共为1,260名老人提供助餐服务，支出78.60万元。", TITLE_2024),
    ("本年度（2025年度）助餐补贴支出78.60万元。", TITLE_2024),
    ("报告期（2023年）内，项目资金全部拨付到位。", TITLE_2024),
    ("截至2024年12月31日，助餐补贴已支付78.60万元。", TITLE),
    ("截至2024年底，项目资金已全部拨付。", TITLE),
]


@pytest.mark.parametrize("text,title", OTHER_YEAR, ids=[str(i) for i in range(len(OTHER_YEAR))])
def test_this_year_written_as_another_is_found(text, title):
    assert len(problems(SCOPE_BODY.format(text), ("scope_word",), title)) == 1


SAME_YEAR = [
    ("本年（2024年）共为1,260名老人提供助餐服务，上年（2023年）为1,180名。", TITLE_2024),
    ("该助餐点2021年建成，当年（2021年）即投入运营。", TITLE_2024),
    ("截至2024年3月31日，项目尾款已支付6.20万元。", TITLE),
    ("计划截至2024年底支付剩余资金5.00万元。", TITLE),
    ("项目实施期限截至2024年12月31日，资金按工程进度支付。", TITLE),
    ("2024年，力争助餐服务覆盖全部街道，预算执行率达到98%。", TITLE),
    ("截至2023年12月31日，助餐补贴已支付78.60万元。", TITLE),
]


@pytest.mark.parametrize("text,title", SAME_YEAR, ids=[str(i) for i in range(len(SAME_YEAR))])
def test_the_report_s_year_plans_and_comparisons_are_not_flagged(text, title):
    assert problems(SCOPE_BODY.format(text), ("scope_word",), title) == []


# ------------------------------------------------------------------ scope_word: a 部门整体 report's evaluation named a project's

WHOLE = "某市民政局2023年度部门整体支出绩效自评报告"
UNIT = "某市养老服务中心2023年度单位整体支出绩效自评报告"
WHOLE_BODY = "一、部门基本情况\n本局全年支出2,460.00万元。\n二、自评结论\n{}\n"


@pytest.mark.parametrize("title", [WHOLE, UNIT])
@pytest.mark.parametrize("text", ["总之，本次项目支出绩效自评工作规范有序。", "此次项目支出绩效评价结论为优。"])
def test_a_whole_report_calling_its_evaluation_a_project_s_is_found(title, text):
    assert len(problems(WHOLE_BODY.format(text), ("scope_word",), title)) == 1


@pytest.mark.parametrize("text", ["本次项目支出绩效自评共覆盖9个项目，平均得分90分。",
                                  "本次项目支出绩效自评范围为全部二级项目。",
                                  "本局同步组织项目支出绩效自评，覆盖全部项目。"])
def test_a_whole_report_counting_its_projects_evaluations_is_not_flagged(text):
    assert problems(WHOLE_BODY.format(text), ("scope_word",), WHOLE) == []


def test_a_project_report_naming_its_own_evaluation_is_not_flagged():
    assert problems(WHOLE_BODY.format("总之，本次项目支出绩效自评工作规范有序。"), ("scope_word",)) == []


# ------------------------------------------------------------------ score_grade: a lower bound written exclusive

OPEN_SCALES = [
    "90分（不含）以上为优，75分（不含）至90分（含）为良，60分（不含）至75分（含）为中，60分及以下为差。",
    "大于90分为优，大于75分且小于等于90分为良，大于等于60分且小于等于75分为中，小于60分为差。",
    "90<得分≤100为优，75<得分≤90为良，60≤得分≤75为中，得分<60为差。",
]


@pytest.mark.parametrize("scale", OPEN_SCALES, ids=[str(i) for i in range(len(OPEN_SCALES))])
@pytest.mark.parametrize("score,grade", [("90", "良"), ("75", "中"), ("90.5", "优"), ("82", "良")])
def test_a_score_on_an_exclusive_lower_bound_falls_below_it(scale, score, grade):
    assert problems(GRADES.format(scale, score, grade), ("score_grade",)) == []


@pytest.mark.parametrize("scale", OPEN_SCALES, ids=[str(i) for i in range(len(OPEN_SCALES))])
@pytest.mark.parametrize("score,grade", [("90", "优"), ("75", "良")])
def test_a_score_on_an_exclusive_lower_bound_graded_above_it_is_found(scale, score, grade):
    assert [c.rule for c in problems(GRADES.format(scale, score, grade), ("score_grade",))] == ["score_grade"]
