"""s8 fixgrade11: the self-score and grade in the forms reports write them
(自评N分，等级优 / 合计N分，评为良 / 得分N分，为优 / a one-cell-per-line
自评表's 总分 row), each wrong grade caught and each right one passed; and
levels of government and verbs read as no part of a place name.

Every excerpt is written for these tests (own words and figures)."""

from __future__ import annotations

import pytest

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source

TITLE = "某区农业农村局2023年度项目支出绩效自评报告"


def report_of(text: str, title: str = TITLE):
    src = source_from_text(f"{title}\n\n{text}\n")
    return parse_source(src, Source(path="<excerpt>", sha256="0" * 64, lines=src.n_lines))


def failed(text: str, rule: str, title: str = TITLE):
    return [c for c in report_of(text, title).checks if c.rule == rule and c.status == "fail"]


# ------------------------------------------------------------------ name_variant: levels and verbs


def test_a_level_after_a_verb_is_no_place_name():
    text = ("五、项目验收\n9月3日通过县级中期检查，10月15日通过市级竣工验收。"
            "年底完成区级绩效复核，并组织镇级培训2场。")
    assert failed(text, "name_variant") == []


def test_one_place_written_two_ways_is_still_found():
    text = ("五、项目验收\n9月3日通过县级中期检查，禾丰县农业农村局牵头。"
            "10月15日禾丰区财政局完成复核。")
    found = failed(text, "name_variant")
    assert [c.stated for c in found] == ["禾丰县 / 禾丰区"]


# ------------------------------------------------------------------ score_grade: the forms of the conclusion

BODY = ("一、项目基本情况\n本项目年初预算120.00万元，全年支出118.40万元。\n"
        "二、自评结论\n{}\n")

# (a conclusion that grades its score right, the same with a wrong grade)
CONCLUSIONS = [
    ("决策17分、过程19分、产出36分、效益19分，合计91分，自评等级为优。",
     "决策17分、过程19分、产出36分、效益19分，合计91分，自评等级为良。"),
    ("决策16分（满分20）、过程18分（满分20）、产出35分（满分40）、效益17分（满分20），合计86分，等级良。",
     "决策16分（满分20）、过程18分（满分20）、产出35分（满分40）、效益17分（满分20），合计86分，等级优。"),
    ("经逐项打分，得分92.6分，等级优。", "经逐项打分，得分92.6分，等级良。"),
    ("对照指标体系，自评得分88分，等级良。", "对照指标体系，自评得分88分，等级优。"),
    ("本项目自评分93分，等级“优”。", "本项目自评分93分，等级“良”。"),
    ("项目总体达成目标，自评91分，等级为优。", "项目总体达成目标，自评91分，等级为良。"),
    ("本项目自评95分，评为优。", "本项目自评85分，评为优。"),
    ("各项工作有序推进，自评83.5分，等级良。", "各项工作有序推进，自评93.5分，等级良。"),
    ("综上，自评分97分，为优。", "综上，自评分97分，为良。"),
    ("自评总分90.5分，评价为优秀。", "自评总分80.5分，评价为优秀。"),
    ("本单位自评89分，良好。", "本单位自评89分，优秀。"),
    ("本项目自评得84分，等级为良。", "本项目自评得74分，等级为良。"),
    ("自评结果：93分，优秀。", "自评结果：83分，优秀。"),
    ("本项目自评总分：82.5\n自评等级为：良", "本项目自评总分：92.5\n自评等级为：良"),
    ("综合以上，自评得分91.25分，达到“优”等次。", "综合以上，自评得分81.25分，达到“优”等次。"),
    ("本局自评得分为86分，属“良”。", "本局自评得分为96分，属“良”。"),
    ("本项目自评92分（优）。", "本项目自评92分（良）。"),
    ("决策、过程、产出、效益四部分合计得87分，自评等级为良。", "决策、过程、产出、效益四部分合计得97分，自评等级为良。"),
    ("三项合计90.5分，自评等级“优”。", "三项合计80.5分，自评等级“优”。"),
]


def grade_results(text: str):
    return [c for c in report_of(BODY.format(text)).checks if c.rule == "score_grade" and c.kind == "score_grade"]


@pytest.mark.parametrize("right,wrong", CONCLUSIONS, ids=[str(i) for i in range(len(CONCLUSIONS))])
def test_score_and_grade_read_in_each_form(right, wrong):
    assert [c.status for c in grade_results(right)] == ["pass"], right
    found = grade_results(wrong)
    assert [c.status for c in found] == ["fail"], wrong
    assert found[0].severity == "error"


def test_grade_against_the_reports_own_bands():
    bands = "评分标准：95分（含）以上为优，85分（含）至95分为良，60分（含）至85分为中，60分以下为差。"
    assert [c.status for c in grade_results(bands + "\n本项目自评93分，等级良。")] == ["pass"]
    found = grade_results(bands + "\n本项目自评93分，等级优。")
    assert [(c.status, c.expected) for c in found] == [("fail", "良")]


def test_no_grade_is_read_from_a_measure_or_from_others():
    # a quality grade of a thing and a grade of others' average are not the report's
    for text in ("河道水质等级良好，自评得分91分。", "下属学校平均得分78分，良好；本项目自评得分91分。",
                 "评分档次：90-100分，优秀；80-89分，良好；60-79分，合格。本项目自评得分91分。"):
        r = report_of(BODY.format(text))
        assert r.meta.self_score == 91 and r.meta.grade is None, text
    # a threshold is no score
    r = report_of(BODY.format("按办法自评90分以上的为优，本项目评定为良。"))
    assert r.meta.self_score is None


# ------------------------------------------------------------------ the 总分 row of a one-cell-per-line form

FORM = """2023年度项目支出绩效自评表
项目名称：乡村道路安全设施改造
主管部门：某县交通运输局    实施单位：某县公路事务中心

项目资金（万元）
年初预算数
全年预算数
全年执行数
分值
执行率
得分
年度资金总额
150.00
150.00
144.60
10
96.40%
9.64

一级指标
二级指标
三级指标
年度指标值
实际完成值
分值
得分
偏差原因分析及改进措施
产出指标
数量指标
改造路段
≥30公里
31公里
30
30

效益指标
社会效益
事故起数下降
≥10%
12%
30
30

满意度指标
服务对象满意度
沿线群众满意度
≥90%
86%
30
{score}
宣传不足，下年加强

总分




100
{total}


自评等级：{grade}
"""


def form_report(score="27", total="96.64", grade="优"):
    return report_of(FORM.format(score=score, total=total, grade=grade), title="")


def test_the_total_of_a_cell_per_line_form_is_the_self_score():
    r = form_report()
    assert (str(r.meta.self_score), r.meta.grade) == ("96.64", "优")
    # judged once, by the form's own grade check; score_grade skips nothing
    assert [c.status for c in r.checks if c.rule == "score_grade"] == []
    assert [c.status for c in r.checks if c.rule == "form" and c.kind == "grade"] == ["pass"]


def test_a_wrong_grade_of_a_cell_per_line_form_is_one_finding():
    r = form_report(grade="良")
    failed_ = [c for c in r.checks if c.status == "fail" and c.severity == "error"]
    assert [(c.rule, c.expected, c.stated) for c in failed_] == [("form", "优", "良")]
    r = form_report(score="17", total="86.64")
    assert [c.status for c in r.checks if c.rule == "form" and c.kind == "grade"] == ["fail"]


# ------------------------------------------------------------------ a table scoring some indicators only

PARTIAL = """一、自评得分
决策指标分值20分，得分19分；过程指标分值20分，得分18分；产出指标分值30分，得分28分；效益指标分值30分，得分27分；
综合得分92分，等级为“{grade}”。

附表 产出和效益指标完成情况
一级指标	二级指标	三级指标	年度指标值	实际完成值	分值	得分
产出	数量指标	建成站点	≥12个	12个	15	15
产出	质量指标	验收合格率	100%	100%	15	13
效益	社会效益	服务人次	≥5000人次	5200人次	15	13
效益	满意度	群众满意度	≥90%	95%	15	14
"""


def test_a_partial_indicator_table_leaves_the_sum_unchecked_but_not_the_grade():
    checks = [c for c in report_of(PARTIAL.format(grade="优")).checks if c.rule == "score_grade"]
    assert {c.kind: c.status for c in checks}.get("score_grade") == "pass"
    assert all(c.status != "fail" for c in checks)
    checks = [c for c in report_of(PARTIAL.format(grade="良")).checks if c.rule == "score_grade"]
    assert [(c.kind, c.expected) for c in checks if c.status == "fail"] == [("score_grade", "优")]


WHOLE = """一、自评得分
综合得分{total}分，等级为“优”。

附表 绩效指标完成情况
一级指标	二级指标	三级指标	年度指标值	实际完成值	分值	得分
产出	数量指标	建成站点	≥12个	12个	25	25
产出	质量指标	验收合格率	100%	100%	25	23
效益	社会效益	服务人次	≥5000人次	5200人次	25	23
效益	满意度	群众满意度	≥90%	95%	25	24
"""


def test_a_whole_indicator_table_is_summed():
    def sums(total):
        return [c.status for c in report_of(WHOLE.format(total=total)).checks if c.kind == "score_sum"]
    assert sums("95") == ["pass"]
    assert sums("97") == ["fail"]


def test_a_parts_score_beside_its_weight_is_no_self_score():
    text = ("经自评，本项目自评得分93分。\n一、决策（分值20分，自评得19分）\n立项依据充分。\n"
            "二、过程：分值30分，自评28分\n资金拨付及时。")
    r = report_of(text)
    assert r.meta.self_score == 93
    # the whole score beside the full mark is the self-score
    r = report_of("本项目满分100分，自评得分94分，等级为优。\n一、决策（分值20分，自评得19分）")
    assert r.meta.self_score == 94
    r = report_of("一、决策（分值20分，自评得19分）\n本项目满分100分，自评得分94分，等级为优。")
    assert (r.meta.self_score, r.meta.grade) == (94, "优")
