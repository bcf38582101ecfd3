"""count_in_words and brackets: a bracket naming one item again (its other
name, 加挂) is neither an item nor a place to split one at 和, and a short
bracket right after the counted noun is its gloss, not its list.
Excerpts written for these tests."""

from __future__ import annotations

from extract import Extractor

EX = Extractor()
HEAD = "某市科协2023年度部门整体支出绩效自评报告\n一、基本情况\n"


def counts(text: str):
    return [r for r in EX.parse_text(HEAD + text + "\n").checks if r.rule == "count_in_words"]


def test_an_other_name_in_brackets_is_not_an_item():
    got = counts("机关设综合科、学会部、科普部（青少年和科技教育部）三个科室。")
    assert got and all(r.status == "pass" for r in got)
    wrong = counts("机关设综合科、学会部、科普部（青少年和科技教育部）四个科室。")
    assert [r.status for r in wrong] == ["fail"] and wrong[0].expected == "3"


def test_a_gloss_after_the_noun_leaves_the_list_after_it():
    ok = counts("项目覆盖四个乡镇（街道），分别为东城镇、西河镇、南岭乡、北关街道。")
    assert ok and all(r.status == "pass" for r in ok)
    wrong = counts("项目覆盖三个乡镇（街道），分别为东城镇、西河镇、南岭乡、北关街道。")
    assert [r.status for r in wrong] == ["fail"] and wrong[0].expected == "4"


def test_alternatives_in_brackets_still_qualify_the_noun():
    # 县（市、区）: one-character alternatives of the noun, no list of its own
    got = counts("全市8个县（市、区）均已建成科普馆。")
    assert not [r for r in got if r.status == "fail"]


def test_a_last_item_of_the_lists_ending_is_not_split_at_he():
    # 财务股、业务股、人事和教育股: one 股 for two subjects, not 人事 and 教育股
    ok = counts("局机关内设办公室、财务股、业务股、人事和教育股四个股室。")
    assert ok and all(r.status == "pass" for r in ok)
    wrong = counts("局机关内设办公室、财务股、业务股、人事和教育股五个股室。")
    assert [r.status for r in wrong] == ["fail"] and wrong[0].expected == "4"
