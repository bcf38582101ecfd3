"""Tests for extract.quantities: numbers, Chinese numerals, units, qualifiers,
comparisons and dates, on phrases taken from the sample reports."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.model import Location, Quantity
from extract.quantities import (
    QuantityMatch,
    UnitRules,
    find_quantities,
    format_number,
    parse_number,
    parse_target,
    qualifier_direction,
    resolve_unit,
)
from extract.rules import RuleError
from extract.ruleset import RuleSet

from conftest import copy_rules, edit_rule

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
D = Decimal


def one(text: str) -> QuantityMatch:
    """The only figure of ``text`` that has a unit (bare numbers ignored)."""
    found = [q for q in find_quantities(text) if q.unit or q.unit_class != "none"]
    assert len(found) == 1, found
    return found[0]


def summary(q: QuantityMatch) -> tuple:
    return (q.text, q.value, q.unit, q.unit_class, q.normalized_value, q.normalized_unit, q.precision)


# ------------------------------------------------------------------ figures from the samples


@pytest.mark.parametrize("text, expected", [
    ("补助符合条件的高新技术企业1050家", ("1050家", D("1050"), "家", "organisation", D("1050"), "家", 0)),
    ("支出率83.2%", ("83.2%", D("83.2"), "%", "percent", D("83.2"), "%", 1)),
    ("获国家级、省级、国际合作等项目 40 项", ("40 项", D("40"), "项", "item", D("40"), "项", 0)),
    ("授信金额 47979.5 万元", ("47979.5 万元", D("47979.5"), "万元", "money", D("479795000"), "元", 1)),
    ("贷款总额 1.0698 亿元", ("1.0698 亿元", D("1.0698"), "亿元", "money", D("106980000"), "元", 4)),
    ("实际支出6159.9万元", ("6159.9万元", D("6159.9"), "万元", "money", D("61599000"), "元", 1)),
    ("合计 6159.90万元", ("6159.90万元", D("6159.90"), "万元", "money", D("61599000"), "元", 2)),
    ("部门总支出 6,239.85 万元, 其中", ("6,239.85 万元", D("6239.85"), "万元", "money", D("62398500"), "元", 2)),
    ("年均增长 18.41%", ("18.41%", D("18.41"), "%", "percent", D("18.41"), "%", 2)),
    ("年均增长 14.40%", ("14.40%", D("14.40"), "%", "percent", D("14.4"), "%", 2)),
    ("孵化面积达 2.25 万平方米", ("2.25 万平方米", D("2.25"), "万平方米", "area", D("22500"), "平方米", 2)),
    ("单个项目补助最高为 30 万元", ("30 万元", D("30"), "万元", "money", D("300000"), "元", 0)),
    ("120 万元", ("120 万元", D("120"), "万元", "money", D("1200000"), "元", 0)),
    ("涉及贷款 35 笔", ("35 笔", D("35"), "笔", "count", D("35"), "笔", 0)),
    ("5 位科研人员入选", ("5 位", D("5"), "位", "person", D("5"), "位", 0)),
    ("引进306名科技特派员", ("306名", D("306"), "名", "person", D("306"), "名", 0)),
    ("组织主题党日活动13场次", ("13场次", D("13"), "场次", "event", D("13"), "场次", 0)),
    ("开展理论学习中心组学习12次", ("12次", D("12"), "次", "event", D("12"), "次", 0)),
    ("自评得分99.99分", ("99.99分", D("99.99"), "分", "score", D("99.99"), "分", 2)),
    ("在国际上发表 SCI论文 11 篇", ("11 篇", D("11"), "篇", "item", D("11"), "篇", 0)),
    ("首次推出 7 条科技产业科普线路", ("7 条", D("7"), "条", "item", D("7"), "条", 0)),
    ("全市新增科技人才5502人", ("5502人", D("5502"), "人", "person", D("5502"), "人", 0)),
    ("提高 3 个百分点", ("3 个百分点", D("3"), "个百分点", "percent", D("3"), "个百分点", 0)),
    ("建设1万平方米的孵化器", ("1万平方米", D("1"), "万平方米", "area", D("10000"), "平方米", 0)),
])
def test_sample_figures(text, expected):
    assert summary(one(text)) == expected


def test_spaced_multiplier_and_unit():
    q = one("高新技术企业营业收入总额 ≥2800 亿 元")
    assert (q.value, q.unit, q.normalized_value, q.normalized_unit, q.operator) == \
        (D("2800"), "亿元", D("280000000000"), "元", ">=")
    assert q.text == "≥2800 亿 元"


def test_people_with_multiplier():
    q = one("科技人才总量超 5.7 万人")
    assert (q.value, q.unit, q.unit_class, q.normalized_value, q.normalized_unit) == \
        (D("5.7"), "万人", "person", D("57000"), "人")
    assert (q.qualifier, q.operator, q.text) == ("超", ">", "超 5.7 万人")


def test_percent_before_word():
    assert summary(one("入选全球前 2%顶尖科学家榜单")) == ("2%", D("2"), "%", "percent", D("2"), "%", 0)


def test_two_figures_in_order():
    found = find_quantities("获批国家自然科学基金项目22项,同比增长144%;资助资金768万元")
    assert [(q.text, q.unit_class) for q in found] == [("22项", "item"), ("144%", "percent"), ("768万元", "money")]
    assert found[2].normalized_value == D("7680000")


# ------------------------------------------------------------------ qualifiers and operators


@pytest.mark.parametrize("text, value, unit, qualifier, operator, matched", [
    ("累计71家", D("71"), "家", "累计", None, "累计71家"),
    ("(累计 71 家)", D("71"), "家", "累计", None, "累计 71 家"),
    ("服务企业超700家", D("700"), "家", "超", ">", "超700家"),
    ("全市规上高企超 1500 家", D("1500"), "家", "超", ">", "超 1500 家"),
    ("交易额逾900万元", D("900"), "万元", "逾", ">", "逾900万元"),
    ("实现我市近5年首个", D("5"), "年", "近", None, "近5年"),
    ("约 30%", D("30"), "%", "约", None, "约 30%"),
    ("帮助企业解决200多个技术难题", D("200"), "个", "多", None, "200多个"),
    ("组建起一支 100 余名博士", D("100"), "名", "余", None, "100 余名"),
    ("500 项以上", D("500"), "项", "以上", ">=", "500 项以上"),
    ("60家以下", D("60"), "家", "以下", "<=", "60家以下"),
    ("100人左右", D("100"), "人", "左右", None, "100人左右"),
    ("不足 10 家", D("10"), "家", "不足", "<", "不足 10 家"),
    ("10 名以上", D("10"), "名", "以上", ">=", "10 名以上"),
    ("全市高企存量突破 2600 家", D("2600"), "家", "突破", ">", "突破 2600 家"),
    ("30万元以内", D("30"), "万元", "以内", "<=", "30万元以内"),
])
def test_qualifiers(text, value, unit, qualifier, operator, matched):
    q = one(text)
    assert (q.value, q.unit, q.qualifier, q.operator, q.text) == (value, unit, qualifier, operator, matched)


def test_chained_qualifiers():
    q = one("累计超100家")
    assert (q.qualifier, q.operator, q.text) == ("超", ">", "累计超100家")


@pytest.mark.parametrize("word, direction", [
    ("超", "lower"), ("多", "lower"), ("以上", "lower"), ("不足", "upper"), ("以下", "upper"),
    ("近", "approx"), ("约", "approx"), ("左右", "approx"), ("累计", "none"), (None, None), ("很", None),
])
def test_qualifier_direction(word, direction):
    assert qualifier_direction(word) == direction


def test_many_more_square_metres():
    q = one("完成 1 万多平方科研办公场所建设")
    assert (q.value, q.unit, q.unit_class) == (D("1"), "万平方", "area")
    assert (q.normalized_value, q.normalized_unit, q.qualifier) == (D("10000"), "平方米", "多")
    q = one("1万多平方米")
    assert (q.normalized_value, q.normalized_unit, q.qualifier, q.unit) == (D("10000"), "平方米", "多", "万平方米")


def test_qualifier_inside_a_word_is_not_one():
    q = one("为企业节约5万元")
    assert q.qualifier is None and q.text == "5万元"


@pytest.mark.parametrize("text, operator", [
    ("≥6 项", ">="), ("≥ 6项", ">="), ("≧6项", ">="), (">=6项", ">="), ("＞6项", ">"),
    ("≤5%", "<="), ("<5%", "<"), ("=100.00(%)", "="), ("不低于50%", ">="), ("不少于 3 项", ">="),
    ("至少 3 项", ">="), ("不超过 20 天", "<="), ("不高于5%", "<="), ("上限120万元", "<="),
    ("最高 30 万元", "<="),
])
def test_operators(text, operator):
    assert one(text).operator == operator


# ------------------------------------------------------------------ Chinese numerals


@pytest.mark.parametrize("text, expected", [
    ("专项资金下设九个二级项目", [("九个", D("9"), "个", "item")]),
    ("经市十六届人大四次会议批准", [("十六届", D("16"), "届", "event"), ("四次", D("4"), "次", "event")]),
    ("本部门上年度共开展四个专项资金的财政重点绩效评价", [("四个", D("4"), "个", "item")]),
    ("实现近六年来新突破", [("近六年", D("6"), "年", "duration")]),
    ("二十多家", [("二十多家", D("20"), "家", "organisation")]),
    ("两项", [("两项", D("2"), "项", "item")]),
    ("三十余万元", [("三十余万元", D("30"), "万元", "money")]),
    ("五千万元", [("五千万元", D("5000"), "万元", "money")]),
    ("一亿元", [("一亿元", D("1"), "亿元", "money")]),
    ("一万二千元", [("一万二千元", D("12000"), "元", "money")]),
    ("百分之八十", [("百分之八十", D("80"), "%", "percent")]),
])
def test_chinese_numerals(text, expected):
    got = [(q.text, q.value, q.unit, q.unit_class) for q in find_quantities(text)]
    assert got == expected


def test_chinese_numeral_with_own_multiplier_normalizes():
    q = one("一万多平方")
    assert (q.value, q.unit, q.normalized_value, q.normalized_unit, q.qualifier) == \
        (D("1"), "万平方", D("10000"), "平方米", "多")
    assert one("五千万元").normalized_value == D("50000000")


@pytest.mark.parametrize("text", [
    "一是国家大科学装置", "二是江门双碳实验室", "一级指标", "二级指标", "切实扶持一批省市级科技创新平台",
    "打造一流创新创业生态", "局财务实行财政统一核算管理", "原创科普剧获广东省科普剧大赛第一名",
    "落实党组会议第一议题", "取得一定中间成果", "进一步做好科技创新顶层设计", "构建一核两带多节点",
    "有一些问题", "十分重要", "三分之一", "五六个", "一个龙头企业+一个校院团队+一批科技项目",
    "十四五规划", "二十大", "三中全会", "五邑大学", "百千万工程", "千万级项目", "六大纪律",
    "排名全省第 6", "第1名", "第十六届", "居全省第五", "创新五十强企业", "统一个口径",
])
def test_not_numbers(text):
    assert find_quantities(text) == []


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize("text, date, unit, operator, deadline, upper", [
    ("2024年4 月1日前", "2024-04-01", "日", "<=", True, None),
    ("2024年4月 1日前", "2024-04-01", "日", "<=", True, None),
    ("2024年4月1日", "2024-04-01", "日", None, False, None),
    ("2024年4月", "2024-04", "月", None, False, None),
    ("2024年", "2024", "年", None, False, None),
    ("2024 年度", "2024", "年度", None, False, None),
    ("二〇二四年", "2024", "年", None, False, None),
    ("二〇二四年四月一日前", "2024-04-01", "日", "<=", True, None),
    ("2022-2024年", "2022/2024", "年", "range", False, D("2024")),
    ("2024-2026年", "2024/2026", "年", "range", False, D("2026")),
    ("2019至2021年", "2019/2021", "年", "range", False, D("2021")),
    ("2019 至 2021 年", "2019/2021", "年", "range", False, D("2021")),
    ("2019年至2021年", "2019/2021", "年", "range", False, D("2021")),
    ("2024年底前", "2024", "年", "<=", True, None),
    ("6月底前", "--06", "月", "<=", True, None),
    ("4月1日前", "--04-01", "日", "<=", True, None),
    ("2024-04-01", "2024-04-01", "日", None, False, None),
    ("2024.4.1", "2024-04-01", "日", None, False, None),
])
def test_dates(text, date, unit, operator, deadline, upper):
    q = one(text)
    assert q.unit_class == "date"
    assert (q.date, q.unit, q.operator, q.deadline, q.upper) == (date, unit, operator, deadline, upper)
    assert q.text == text


def test_year_value_and_context():
    q = one("2023年度国家科技进步奖")
    assert (q.value, q.normalized_value, q.normalized_unit, q.date) == (D("2023"), D("2023"), "年", "2023")
    found = find_quantities("2024年前三季度")  # 前 here is not "before"
    assert found[0].date == "2024" and not found[0].deadline


def test_caption_number_before_year():
    found = find_quantities("表 1.2024 年度市级扶持科技发展资金支出情况")
    assert [(q.text, q.unit_class) for q in found] == [("1", "none"), ("2024 年度", "date")]


def test_small_number_with_year_word_is_a_duration():
    q = one("三年行动方案")
    assert (q.value, q.unit, q.unit_class) == (D("3"), "年", "duration")


# ------------------------------------------------------------------ ranges


@pytest.mark.parametrize("text, value, upper, unit, normalized", [
    ("10-20万元", D("10"), D("20"), "万元", D("100000")),
    ("10万-20万元", D("10"), D("20"), "万元", D("100000")),
    ("3至5项", D("3"), D("5"), "项", D("3")),
    ("3 至 5 项", D("3"), D("5"), "项", D("3")),
    ("三至五项", D("3"), D("5"), "项", D("3")),
    ("10%-20%", D("10"), D("20"), "%", D("10")),
    ("10%至20%", D("10"), D("20"), "%", D("10")),
])
def test_ranges(text, value, upper, unit, normalized):
    q = one(text)
    assert (q.value, q.upper, q.unit, q.operator, q.normalized_value, q.text) == \
        (value, upper, unit, "range", normalized, text)


def test_chinese_range_with_multiplier():
    q = one("三万至五万元")
    assert (q.value, q.upper, q.unit, q.normalized_value, q.operator) == (D("3"), D("5"), "万元", D("30000"), "range")


def test_phone_number_is_not_a_range():
    assert all(q.operator is None for q in find_quantities("电话0750-3501234"))


def test_falling_pair_is_not_a_range():
    found = find_quantities("表2-1")
    assert [q.value for q in found] == [D(2), D(1)] and all(q.operator is None for q in found)


def test_increase_from_to_is_two_figures():
    found = find_quantities("我市规上高企由 908 家增至 1273 家")
    assert [(q.value, q.unit) for q in found] == [(D("908"), "家"), (D("1273"), "家")]


# ------------------------------------------------------------------ number forms


def test_decimals_never_split():
    found = find_quantities("1\t江门双碳实验室建设专项\t1752.99\t")
    assert [q.text for q in found] == ["1", "1752.99"]
    assert found[1].value == D("1752.99") and found[1].precision == 2


def test_thousands_only_in_three_digit_groups():
    assert [q.text for q in find_quantities("3,5项")] == ["3", "5项"]
    assert [q.value for q in find_quantities("1,234,567.89元")] == [D("1234567.89")]
    assert [q.value for q in find_quantities("2019,2020")] == [D("2019"), D("2020")]


def test_plus_separated_numbers():
    assert [q.value for q in find_quantities("市委“1+6+3”工作部署")] == [D(1), D(6), D(3)]


def test_document_numbers_are_bare():
    found = find_quantities("江府〔2019〕24 号")
    assert [(q.value, q.unit, q.unit_class) for q in found] == [(D("2019"), "", "none"), (D("24"), "", "none")]


def test_full_width_forms():
    q = one("６，２３９．８５万元")
    assert (q.value, q.normalized_value, q.text) == (D("6239.85"), D("62398500"), "６，２３９．８５万元")
    q = one("支出率８３．２％")
    assert (q.value, q.unit, q.precision) == (D("83.2"), "%", 1)
    q = one("服务企业超１５００　家")
    assert (q.value, q.unit, q.qualifier) == (D("1500"), "家", "超")
    # a full-width comma between ASCII digits is a list comma
    assert [q.value for q in find_quantities("100，200家")] == [D("100"), D("200")]


def test_codes_are_not_figures():
    assert find_quantities("5G基站") == []
    assert find_quantities("CO2排放") == []
    assert [q.value for q in find_quantities("1.2.3")] == [D("1.2")]


def test_negative_numbers():
    assert one("同比增长-3.2%").value == D("-3.2")
    assert [q.value for q in find_quantities("2022-2024")] == [D("2022")]  # a range, not -2024


def test_to_quantity():
    q = one("支出率83.2%")
    loc = Location(line=3, end_line=3, start=q.start, end=q.end)
    quantity = q.to_quantity(loc)
    assert isinstance(quantity, Quantity)
    assert (quantity.value, quantity.unit_class, quantity.normalized_value, quantity.precision) == \
        (D("83.2"), "percent", D("83.2"), 1)
    assert quantity.location == loc
    assert Quantity.model_validate_json(quantity.model_dump_json()) == quantity


# ------------------------------------------------------------------ parse_number / format_number


@pytest.mark.parametrize("text, value", [
    ("6,239.85", D("6239.85")), ("１２３", D("123")), ("一万二千", D("12000")), ("二〇二四", D("2024")),
    ("十六", D("16")), ("5.7万", D("57000")), ("1.0698亿", D("106980000")), ("6159.90", D("6159.90")),
    ("一亿零五万", D("100050000")), ("三千零五", D("3005")), ("一千零十", D("1010")), ("二百五", D("250")),
    ("一万二", D("12000")), ("十万", D("100000")), ("五点七万", D("57000")), ("负五", D("-5")),
    ("-1,234.5", D("-1234.5")), ("两千", D("2000")), ("壹仟贰佰", D("1200")), ("3千万", D("30000000")),
    ("一万亿", D("1000000000000")), ("0", D("0")), ("零", D("0")), (" 42 ", D("42")),
])
def test_parse_number(text, value):
    got = parse_number(text)
    assert got == value and str(got) == str(value)


@pytest.mark.parametrize("text", [
    "", "   ", "abc", "1,23", "1,234,5", "十十", "二二十", "万", "5.7万元", "83.2%", "1..2", "一百二千", "点五",
    "一是", "1.", ".5", "--1",
])
def test_parse_number_rejects(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_format_number():
    assert format_number(D("61599000")) == "61599000"
    assert format_number(D("6.1599E+7")) == "61599000"
    assert format_number(D("1.00E-10")) == "0.000000000100"
    assert format_number(D("-1234567.891"), grouping=True) == "-1,234,567.891"
    with pytest.raises(ValueError):
        format_number(D("NaN"))


@settings(max_examples=400, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False), st.booleans())
def test_format_parse_round_trip(d, grouping):
    text = format_number(d, grouping=grouping)
    assert "E" not in text and "e" not in text
    assert parse_number(text) == d


# ------------------------------------------------------------------ Chinese numeral writer

CN_DIGITS = "零一二三四五六七八九"


def cn_block(n: int, leading: bool) -> str:
    """n in 1..9999 as a Chinese numeral; ``leading``: 十六, not 一十六."""
    out, zero = [], False
    for p, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // p % 10
        if d == 0:
            if out:
                zero = True
            continue
        if zero:
            out.append("零")
            zero = False
        if p == 10 and d == 1 and not out and leading:
            out.append("十")
        else:
            out.append(CN_DIGITS[d] + name)
    return "".join(out)


def cn_numeral(n: int, liang: bool = False) -> str:
    if n == 0:
        return "零"
    high, low = divmod(n, 10000)
    s = ""
    if high:
        s = cn_block(high, True) + "万"
    if low:
        if high and low < 1000:
            s += "零"
        s += cn_block(low, not high)
    if liang and s.startswith("二") and len(s) > 1 and s[1] in "千百万":
        s = "两" + s[1:]
    return s


def test_cn_writer_examples():
    assert cn_numeral(16) == "十六"
    assert cn_numeral(1005) == "一千零五"
    assert cn_numeral(10010) == "一万零一十"
    assert cn_numeral(12000) == "一万二千"
    assert cn_numeral(20000000) == "二千万"


@settings(max_examples=600, deadline=None)
@given(st.integers(min_value=0, max_value=99_999_999), st.booleans())
def test_chinese_numerals_round_trip(n, liang):
    assert parse_number(cn_numeral(n, liang)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=99_999_999))
def test_chinese_numerals_in_text(n):
    text = f"共有{cn_numeral(n)}家企业"
    q = one(text)
    assert q.normalized_value == n and q.unit_class == "organisation"


# ------------------------------------------------------------------ exactness

decimal_strings = st.builds(
    lambda i, f: f"{i}.{f}" if f else str(i),
    st.integers(min_value=0, max_value=10**12),
    st.text("0123456789", max_size=8),
)


@settings(max_examples=400, deadline=None)
@given(decimal_strings, st.sampled_from(["", " "]))
def test_multiplier_exactness(x, space):
    q = one(f"资金{x}{space}万元。")
    assert q.value == Decimal(x)
    assert q.normalized_value == Decimal(x) * 10000  # exact: Decimal context has room here
    assert q.normalized_value == parse_number(x + "万")
    assert q.precision == (len(x.split(".")[1]) if "." in x else 0)
    assert "E" not in str(q.normalized_value)


@settings(max_examples=300, deadline=None)
@given(decimal_strings)
def test_hundred_million_exactness(x):
    q = one(f"{x}亿元")
    assert q.normalized_value == Decimal(x) * Decimal(100000000)
    assert q.normalized_unit == "元"


def test_no_float_rounding():
    q = one("6159.9万元")
    assert str(q.normalized_value) == "61599000"
    assert one("0.1万元").normalized_value == D("1000")
    assert one("1.0698亿元").normalized_value == D("106980000")


# ------------------------------------------------------------------ offsets and robustness

mixed = st.text(
    st.sampled_from(list("0123456789０１２.,，-~至年月日前万亿千百十点零〇一二三四五六七八九两个项家人%％ 　"
                         "超逾约多余以上下≥≤<>=()（）第分之是级批元平方米号abG\n\t")),
    max_size=40,
)


@settings(max_examples=600, deadline=None)
@given(mixed)
def test_offsets_on_mixed_text(text):
    last = 0
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
        assert last <= q.start < q.end
        last = q.end


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_never_raises_on_unicode(text):
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
    parse_target(text)


# ------------------------------------------------------------------ targets


@pytest.mark.parametrize("cell, operator, value, unit", [
    ("≥6 项", ">=", D("6"), "项"),
    ("500 项以上", ">=", D("500"), "项"),
    ("≥90%", ">=", D("90"), "%"),
    ("100%", None, D("100"), "%"),
    ("120 万元", None, D("120"), "万元"),
    ("不低于50%", ">=", D("50"), "%"),
    ("≥13459.00(平方米)", ">=", D("13459.00"), "平方米"),
    ("=100.00(%)", "=", D("100.00"), "%"),
    ("≤5%", "<=", D("5"), "%"),
    ("5场次", None, D("5"), "场次"),
    ("≥2800 亿 元", ">=", D("2800"), "亿元"),
    ("2024年完成率≥90%", ">=", D("90"), "%"),
])
def test_parse_target(cell, operator, value, unit):
    op, q = parse_target(cell)
    assert op == operator
    assert (q.value, q.unit) == (value, unit)
    assert cell[q.start:q.end] == q.text


@pytest.mark.parametrize("cell, operator, value, unit, normalized, nunit", [
    ("=5.00(万人次)", "=", D("5.00"), "万人次", D("50000"), "人次"),
    ("≥100.00(人数)", ">=", D("100.00"), "人数", D("100"), "人"),
    (">150.00(家)", ">", D("150.00"), "家", D("150"), "家"),
    ("≥12.00(次)", ">=", D("12.00"), "次", D("12"), "次"),
    ("补贴对象生活改善度不低于 80%", ">=", D("80"), "%", D("80"), "%"),
    ("党员群众满意度不少于 80%", ">=", D("80"), "%", D("80"), "%"),
])
def test_parse_target_budget_table_cells(cell, operator, value, unit, normalized, nunit):
    """Cells of the 项目支出绩效目标填报表 in ../shared/real (Shanghai Putuo 2023)."""
    op, q = parse_target(cell)
    assert (op, q.value, q.unit, q.normalized_value, q.normalized_unit) == (operator, value, unit, normalized, nunit)


def test_parse_target_deadline():
    op, q = parse_target("2024年4 月1日前")
    assert op == "<=" and q.deadline and q.date == "2024-04-01" and q.unit_class == "date"
    op, q = parse_target("2024年4月\n1日前")  # a wrapped cell
    assert op == "<=" and q.date == "2024-04-01" and q.text == "2024年4月\n1日前"


def test_parse_target_precision_and_normalized():
    _, q = parse_target("≥13459.00(平方米)")
    assert (q.precision, q.normalized_value, q.normalized_unit) == (2, D("13459"), "平方米")


@pytest.mark.parametrize("cell", ["按时完成", "", "  ", "优", "有效提升"])
def test_parse_target_text(cell):
    assert parse_target(cell) == (None, None)


# ------------------------------------------------------------------ rules


def test_resolve_unit():
    assert resolve_unit("万元") == ("money", "元", D("10000"))
    assert resolve_unit("(万元)") == ("money", "元", D("10000"))
    assert resolve_unit("亿 元") == ("money", "元", D("100000000"))
    assert resolve_unit("万人") == ("person", "人", D("10000"))
    assert resolve_unit("%") == ("percent", "%", D("1"))
    assert resolve_unit("公顷") == ("area", "平方米", D("10000"))
    assert resolve_unit("furlong") is None


def test_rules_load_and_cover_the_brief():
    r = RuleSet.default().units
    assert isinstance(r, UnitRules)
    for name in ["元", "万元", "亿元", "千元", "家", "项", "个", "件", "条", "篇", "批", "人", "名", "位",
                 "次", "场", "场次", "届", "期", "平方米", "亩", "公顷", "笔", "分", "年", "天", "日",
                 "个月", "%", "个百分点"]:
        assert name in r.units, name
    assert r.units["万元"].factor == D("10000") and r.units["亿元"].factor == D("100000000")
    for m in ["万", "亿", "千", "百"]:
        assert m in r.multipliers
    for w in ["超", "逾", "多", "余", "以上", "近", "约", "左右", "以下", "不足", "以内", "累计"]:
        assert w in r.qualifiers, w
    for w in ["≥", "≤", ">", "<", "=", "不低于", "不少于", "至少", "不超过", "不高于", "上限"]:
        assert w in r.operators.before, w
    for c in "〇零两壹贰":
        assert c in r.numerals.digits


def test_explicit_rules_object(rules_copy):
    r = RuleSet.load(rules_copy)
    assert [q.text for q in find_quantities("超700家", r)] == ["超700家"]


def test_a_unit_added_in_yaml_is_recognized(tmp_path):
    """Language knowledge is data: a new measure word needs no code."""
    assert find_quantities("塑造 30 尊像") == [q for q in find_quantities("塑造 30 尊像") if q.unit == ""]
    d = _bad_rules(tmp_path, "  笔: {class: count, base: 笔}", "  笔: {class: count, base: 笔}\n  尊: {class: count, base: 尊}")
    q = [q for q in find_quantities("塑造 30 尊像", RuleSet.load(d)) if q.unit][0]
    assert (q.text, q.unit, q.unit_class) == ("30 尊", "尊", "count")


def _bad_rules(tmp_path, old: str, new: str) -> Path:
    return edit_rule(copy_rules(tmp_path / "rules"), "units.yaml", old, new)


def test_rules_unknown_key(tmp_path):
    d = _bad_rules(tmp_path, "  笔: {class: count, base: 笔}", "  笔: {class: count, base: 笔, colour: red}")
    with pytest.raises(RuleError) as e:
        RuleSet.load(d)
    assert "units.yaml" in str(e.value) and "colour" in str(e.value) and "unknown key" in str(e.value)


def test_rules_float_factor(tmp_path):
    d = _bad_rules(tmp_path, "公顷: {class: area, base: 平方米, factor: 10000}",
                   "公顷: {class: area, base: 平方米, factor: 10000.5}")
    with pytest.raises(RuleError) as e:
        RuleSet.load(d)
    assert "units.公顷.factor" in str(e.value)


def test_rules_unknown_class(tmp_path):
    d = _bad_rules(tmp_path, "  笔: {class: count, base: 笔}", "  笔: {class: tally, base: 笔}")
    with pytest.raises(RuleError) as e:
        RuleSet.load(d)
    assert "units.笔.class" in str(e.value)


def test_rules_duplicate_spelling(tmp_path):
    d = _bad_rules(tmp_path, "  笔: {class: count, base: 笔}", "  笔: {class: count, base: 笔, synonyms: [项]}")
    with pytest.raises(RuleError) as e:
        RuleSet.load(d)
    assert "项" in str(e.value)


# ------------------------------------------------------------------ whole reports


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_samples_offsets(name):
    text = (SAMPLES / name).read_text(encoding="utf-8")
    found = find_quantities(text)
    assert found
    for q in found:
        assert text[q.start:q.end] == q.text


def test_sample_key_figures():
    text = (SAMPLES / "2024_jiangmen_kejiju_department_overall_self_evaluation.txt").read_text(encoding="utf-8")
    by_text = {q.text: q for q in find_quantities(text)}
    assert by_text["6159.9万元"].normalized_value == D("61599000")
    assert by_text["83.2%"].precision == 1
    assert by_text["7406.91万元"].normalized_value == D("74069100")
    assert by_text["500 项以上"].operator == ">="
    assert by_text["2024年4 月1日前"].deadline
