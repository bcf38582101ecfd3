"""rules/glossary.yaml: a concept several rule files share is written once.

A synonym added to the glossary only reaches every stage that reads the
concept; a reference to no entry, or a qualifier only one of glossary.yaml
and units.yaml knows, is an error naming the file and key."""

from __future__ import annotations

import re

import pytest

from conftest import copy_rules, edit_rule
from extract.checks.rulebook import load_rulebook
from extract.claims import sentences
from extract.normalize import normalizer
from extract.pipeline import Extractor
from extract.rules import RuleError
from extract.ruleset import RuleSet
from extract.span import Span
from extract.structure.tables import parse_caption

# Our own excerpt: a made-up synonym (兑付额) of the executed budget in a
# sentence, in a column of the 自评表 budget block, and beside a rate whose
# other figures would give it a reading (900 / 1000 = 90%).
REPORT = """某局2024年度项目支出绩效自评报告
一、项目概况
（一）预算执行情况
本项目全年预算1000.00万元，兑付额850.00万元，另安排培训费900.00万元，执行率90.00%。
二、项目资金
表1 项目资金情况（单位：万元）
项目资金\t年初预算数\t全年预算数\t兑付额\t执行率
年度资金总额\t1000.00\t1000.00\t850.00\t85.00%
"""


@pytest.fixture
def synonym_rules(rules_copy):
    edit_rule(rules_copy, "glossary.yaml", "budget_executed: [实际支出,", "budget_executed: [兑付额, 实际支出,")
    return RuleSet.load(rules_copy)


def _rate_checks(report):
    return [(c.status, c.message) for c in report.checks if c.rule == "rate"]


def test_a_synonym_unknown_to_the_shipped_rules_reaches_no_stage():
    report = Extractor(RuleSet.default()).parse_text(REPORT)
    assert report.budget.executed is None
    assert [s for s, m in _rate_checks(report)] == ["pass"]  # 900 / 1000: a reading holds
    assert not load_rulebook(RuleSet.default()).rate_numerators[0].search("兑付额")


def test_one_synonym_in_the_glossary_reaches_sentence_column_and_rate(synonym_rules):
    report = Extractor(synonym_rules).parse_text(REPORT)
    # the budget sentence (metrics.yaml budget.executed)
    assert report.budget.executed.quantity.text == "850.00万元"
    assert report.budget.executed.source == "text"
    checks = _rate_checks(report)
    # the rate's operand: 兑付额 pins the numerator, and 850 / 1000 is not 90%
    assert any(s == "fail" and "兑付额" in m and "85.000%" in m for s, m in checks)
    book = load_rulebook(synonym_rules)
    assert book.rate_numerators[0].search("兑付额") and book.difference_subtrahends[0].search("兑付额")
    # the table column (metrics.yaml budget_columns): the block's 执行率 is checked
    assert any(s == "pass" and "年度资金总额" in m for s, m in checks)
    assert "兑付额" in synonym_rules.tables.labels.value
    assert "兑付额" in synonym_rules.tables.funds.amount_labels


def test_the_column_alone_gives_the_budget_from_the_table(synonym_rules):
    text = REPORT.replace("兑付额850.00万元，另安排培训费900.00万元，执行率90.00%", "执行良好")
    assert Extractor(RuleSet.default()).parse_text(text).budget.executed is None
    executed = Extractor(synonym_rules).parse_text(text).budget.executed
    assert executed.source == "table" and executed.quantity.value == 850


def test_a_total_word_in_the_glossary_makes_total_rows(rules_copy):
    edit_rule(rules_copy, "glossary.yaml", "total_words: [合计, 总计, 共计]", "total_words: [合计, 总计, 共计, 总和]")
    rs = RuleSet.load(rules_copy)
    assert "总和" in rs.tables.totals and "总和" in rs.metrics.budget_rows
    assert load_rulebook(rs).not_part.search("总和")


def test_sentence_ends_are_the_glossarys(rules_copy):
    text = Span.of_source("甲完成5项；乙完成6项。")
    assert [s.text for s in sentences(text, RuleSet.default())] == ["甲完成5项；", "乙完成6项。"]
    edit_rule(rules_copy, "glossary.yaml", "sentence_ends: [。, ！, ？, \"!\", \"?\", ；, ;]",
              "sentence_ends: [。, ！, ？, \"!\", \"?\"]")
    rs = RuleSet.load(rules_copy)
    assert [s.text for s in sentences(text, rs)] == ["甲完成5项；乙完成6项。"]
    assert "；" not in normalizer(rs).sentence_end


@pytest.mark.parametrize("caption, number", [("表1 资金情况", "1"), ("表1-2 资金情况", "1-2"),
                                             ("附表3：指标", "3"), ("表二 产出", "二")])
def test_normalize_and_tables_read_the_same_caption_forms(caption, number):
    rs = RuleSet.default()
    assert normalizer(rs)._is_caption(caption)
    assert parse_caption(Span.of_source(caption), rs.tables)[0] == number


def test_a_reference_to_no_entry_names_file_line_and_key(rules_copy):
    edit_rule(rules_copy, "metrics.yaml", "metric: '{budget_rate}'", "metric: '{budget_rates}'")
    with pytest.raises(RuleError) as e:
        RuleSet.load(rules_copy)
    msg = str(e.value)
    assert "metrics.yaml" in msg and "budget.rate.metric" in msg and "{budget_rates}" in msg
    assert re.search(r"line \d+", msg)


def test_a_qualifier_without_direction_is_an_error(rules_copy):
    edit_rule(rules_copy, "glossary.yaml", "at_most: [不足, 不到,", "at_most: [不足,")
    with pytest.raises(RuleError, match=r"units.yaml.*qualifiers.不到.*direction"):
        RuleSet.load(rules_copy)


def test_a_direction_without_qualifier_is_an_error(rules_copy):
    edit_rule(rules_copy, "units.yaml", '  不到: {position: before, operator: "<"', '  # 不到: {position: before, operator: "<"')
    with pytest.raises(RuleError, match=r"glossary.yaml.*'不到' is no qualifier"):
        RuleSet.load(rules_copy)


def test_a_qualifier_direction_direction_reaches_quantities_and_tolerance(rules_copy):
    from extract.quantities import qualifier_direction

    edit_rule(rules_copy, "glossary.yaml", "at_most: [不足, 不到,", "at_most: [不足,")
    edit_rule(rules_copy, "glossary.yaml", "approximate: [近,", "approximate: [不到, 近,")
    rs = RuleSet.load(rules_copy)
    assert qualifier_direction("不到", rs) == "approx"
    assert "不到" in load_rulebook(rs).qualifiers.approximate
