"""Rate operand choice after the s8 trials (reviewer13, planter13), each
cause tested on excerpts written for these tests, with their own figures,
in more than one phrasing.

- A negated rate (不合格率, 未完成率, 不满意率, 未达标率) is the rest of its
  rule's rate: a part named by the positive word alone (检测合格) gives it as
  the whole less that part, one named with the negation (不合格) directly;
  likewise a 满意率 over 不满意.
- A base named as such (活产, 出生, 应接种, 在册) is a reading of a count's
  rate beside the whole the rate's subject found (a sibling count).
- A 满意率 is of the satisfied only: 收回 of 发放 is a response rate.
- A share naming its whole with a total word (占支出总额的) is over the whole
  of the breakdown its part is listed in.
- A 资金使用率 / 执行率 reads the 补助资金 / 到位资金 a sentence up, and the
  spending 实际使用 of it.
- A 预算执行率 after one 其中-part that names no spending of its own may be
  the whole's; 其中中央资金支出 is the spending of the part 中央资金.
"""

from __future__ import annotations

from test_fixrate11_s8 import rates, report, status

DEPT = "某县检验检测中心2023年度部门整体支出绩效自评报告"
PROJECT = "某县2022年度公共卫生服务项目支出绩效自评报告"


def one(text: str, title: str = PROJECT):
    return report(title, "一、绩效目标完成情况", text)


def judged(text: str, stated: str, title: str = PROJECT) -> list[str]:
    return status(one(text, title), stated)


# ------------------------------------------------- a negated rate


NEGATED = [
    # (text with {r}, right, wrong)
    ("全年送检饮用水样品640份，检测合格628份，不合格12份，不合格率{r}。", "1.88%", "2.50%"),
    ("全年送检饮用水样品640份，其中合格628份、不合格12份，不合格率{r}。", "1.88%", "2.50%"),
    ("共抽查桥梁护栏焊点2500处，达标2450处，未达标率{r}。", "2.0%", "3.0%"),
    ("年度计划入户走访420户，完成399户，未完成率{r}。", "5.0%", "6.0%"),
    ("全年回访群众800人，表示满意的776人，不满意率{r}。", "3.0%", "4.0%"),
]


def test_a_negated_rate_is_the_rest_of_the_part_its_positive_word_names():
    for text, good, wrong in NEGATED:
        assert judged(text.format(r=good), good) == ["pass"], text
        assert judged(text.format(r=wrong), wrong) == ["fail"], text


def test_a_negated_rate_over_its_negated_part_passes():
    for text in ("全年送检饮用水样品640份，不合格12份，合格628份，不合格率1.88%。",
                 "全年回访群众800人，其中不满意24人，不满意率3.0%。"):
        assert "fail" not in judged(text, text[text.rfind("率") + 1:-1]), text


def test_a_positive_rate_over_its_negated_part_is_the_rest():
    # 满意率 97.0% after 不满意24人 of 800: (800 − 24) / 800
    assert judged("全年回访群众800人，其中不满意24人，满意率97.0%。", "97.0%") == ["pass"]
    assert judged("全年回访群众800人，其中不满意24人，满意率98.0%。", "98.0%") == ["fail"]


# ------------------------------------------------- a base named as such


BASES = [
    "全年辖区活产婴儿1500人，完成甲项筛查1485人，筛查率99.00%。完成乙项筛查1440人，乙项筛查率{r}。",
    "本年度应接种适龄儿童1250人。全年完成第一剂次接种1240人，接种率99.20%。完成第二剂次接种1200人，接种率{r}。",
]


def test_a_base_named_as_such_is_a_reading_beside_a_sibling_count():
    for text in BASES:
        good = "96.00%"
        assert judged(text.format(r=good), good) == ["pass"], text
        assert judged(text.format(r="97.50%"), "97.50%") == ["fail"], text


# ------------------------------------------------- 满意率 of the satisfied only


SURVEYS = [
    "发放调查问卷300份，收回291份，服务对象满意率{r}。",
    "共发放满意度测评表450份，回收438份，群众满意度{r}。",
    "向受益家庭发放问卷120份，有效回收118份，家长满意率{r}。",
]


def test_a_satisfaction_rate_is_never_the_questionnaires_returned():
    for text in SURVEYS:
        # 97.00% = 291/300 and 97.33% = 438/450: a response rate, no satisfaction
        for r in ("95.20%", "97.00%", "97.33%"):
            assert "fail" not in judged(text.format(r=r), r), (text, r)


def test_a_satisfaction_rate_over_the_satisfied_is_still_checked():
    text = "发放调查问卷300份，收回291份，其中表示满意的280份，服务对象满意率{r}。"
    assert judged(text.format(r="96.22%"), "96.22%") == ["pass"]
    assert judged(text.format(r="98.22%"), "98.22%") == ["fail"]


# ------------------------------------------------- a share of a named total


SHARES = [
    ("（二）支出情况。全年支出950.00万元，由基本支出700.00万元和项目支出250.00万元构成，基本支出占支出总额的{r}。",
     "73.68%", "75.68%"),
    ("（二）支出情况。本年支出合计600.00万元，其中人员经费420.00万元，公用经费180.00万元，人员经费占总支出的{r}。",
     "70.00%", "72.00%"),
    ("（一）收入情况。本年收入1,200.00万元，包括财政拨款收入1,080.00万元和其他收入120.00万元，财政拨款收入占收入总额的{r}。",
     "90.00%", "92.00%"),
]


def test_a_share_of_a_named_total_is_over_the_whole_its_part_is_listed_in():
    for text, good, wrong in SHARES:
        ok = one(text.format(r=good), DEPT)
        assert status(ok, good) == ["pass"], text
        bad = one(text.format(r=wrong), DEPT)
        assert status(bad, wrong) == ["fail"], text


# ------------------------------------------------- a use rate a sentence from its funds


USES = [
    "本项目省级补助资金240.00万元，主要用于两项工作：一是设备更新，二是人员培训。全年实际支出资金228.00万元，资金使用率{r}。",
    "本项目下达市级专项补助资金160.00万元。资金用于场地改造和设备购置。截至年底实际使用资金152.00万元，资金执行率{r}。",
    "本项目中央财政补助资金80.00万元，用于以下三个方面：培训、宣传和督导。全年已使用76.00万元，资金使用率{r}。",
]


def test_a_use_rate_reads_its_funds_a_sentence_up():
    for text in USES:
        assert judged(text.format(r="95.00%"), "95.00%") == ["pass"], text
        assert judged(text.format(r="93.00%"), "93.00%") == ["fail"], text


# ------------------------------------------------- a part's rate or the whole's


def test_a_budget_rate_after_one_part_without_spending_words_may_be_the_wholes():
    for text in ("年初预算840.00万元。全年实际支出798.00万元，其中项目支出210.00万元，预算执行率95.00%。",
                 "全年预算数600.00万元，全年实际支出570.00万元，其中基本支出400.00万元（基本支出预算410.00万元），预算执行率95.00%。"):
        assert "fail" not in judged(text, "95.00%", DEPT), text
    bad = "年初预算840.00万元。全年实际支出798.00万元，其中项目支出210.00万元，预算执行率97.00%。"
    assert judged(bad, "97.00%", DEPT) == ["fail"]


def test_a_funds_spending_is_the_spending_of_that_fund():
    text = ("项目预算资金900.00万元，其中中央资金600.00万元，省级资金300.00万元。"
            "全年支出860.00万元，其中中央资金支出570.00万元，中央资金执行率{r}。")
    assert judged(text.format(r="95.00%"), "95.00%") == ["pass"]
    assert judged(text.format(r="98.00%"), "98.00%") == ["fail"]
    used = ("项目预算资金900.00万元，其中省级资金300.00万元，县级资金600.00万元。"
            "全年支出860.00万元，其中省级资金使用291.00万元，省级资金执行率{r}。")
    assert judged(used.format(r="97.00%"), "97.00%") == ["pass"]
    assert judged(used.format(r="99.00%"), "99.00%") == ["fail"]


def test_a_base_word_of_another_kind_pins_no_lone_count():
    # 在校学生 is no base of 本科上线: the bracket's 参考 count is
    text = "全校在校学生1500人。高考本科上线320人，上线率{r}（参考340人）。"
    assert judged(text.format(r="94.1%"), "94.1%") == ["pass"]


# ------------------------------------------------- the budget rate of a sub-section


BUDGETS = [
    ("（一）预算收支", "2021年年初预算900.00万元，全年调整预算960.00万元。全年支出912.00万元，其中：人员经费600.00万元，公用经费312.00万元。",
     "（二）预算执行", "全年预算执行率{r}，年末结转结余48.00万元。"),
    ("（一）收支情况", "本年年初预算安排900.00万元，年中调整预算为960.00万元。"
     "全年支出912.00万元（含上年结转资金安排的支出）。", "（二）执行情况", "全年预算执行率{r}。"),
]


def test_a_budget_rate_opening_its_sub_section_reads_the_budget_and_spending_above():
    for parts in BUDGETS:
        def build(r):
            return report(DEPT, "一、部门预算及执行情况", parts[0], parts[1], parts[2], parts[3].format(r=r))
        assert status(build("95.00%"), "95.00%") == ["pass"], parts
        bad = rates(build("96.00%"), "96.00%")
        assert [c.status for c in bad] == ["fail"] and bad[0].expected == "95.000%", parts


# ------------------------------------------------- one part of a list its share names


LISTED = [
    "全年提供咨询服务48000人次，其中线下36000人次、线上12000人次，线上占比{r}。",
    "全年受理申请2400件，其中窗口受理1800件，网上受理600件，网上受理占比{r}。",
]


def test_a_share_naming_one_part_of_a_list_is_over_the_lists_whole():
    for text in LISTED:
        assert judged(text.format(r="25.0%"), "25.0%") == ["pass"], text
        assert judged(text.format(r="27.0%"), "27.0%") == ["fail"], text
