"""Draft hygiene (稿件规范): template residue, placeholders, punctuation and
scope words, on excerpts written for these tests, on the examples of
rules/hygiene.yaml, on the samples and on the annotated corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from extract.checks import run_checks
from extract.checks.hygiene import RULES, drop_repeated, hygiene_rules
from extract.load.text import source_from_text
from extract.model import CheckResult, Location, Source
from extract.pipeline import parse_file, parse_source
from extract.rules import DEFAULT_RULES_DIR, RuleError, parse_rule_text
from extract.checks.hygiene import HygieneRules
from extract.span import SourceText

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
TITLE = "某县司法局2023年度项目支出绩效自评报告"


def report_of(text: str, title: str = TITLE, source: SourceText | None = None, rules=None):
    src = source or source_from_text(f"{title}\n\n{text}\n")
    return parse_source(src, Source(path="<excerpt>", sha256="0" * 64, lines=src.n_lines), rules)


def findings(text: str, rule: str | None = None, **kw) -> list[CheckResult]:
    return [c for c in report_of(text, **kw).checks
            if c.rule in RULES and c.status == "fail" and (rule is None or c.rule == rule)]


def tokens(text: str, rule: str | None = None, **kw) -> list[str]:
    return [c.stated for c in findings(text, rule, **kw)]


# ------------------------------------------------------------------ the examples in the rule file

_SECTIONS = {"template_residue": "residue", "placeholder": "placeholder",
             "punctuation": "punctuation", "scope_word": "scope", "comparison_word": "comparison",
             "name_variant": "names", "missing_unit": "missing_unit"}
_EXAMPLES = [(rule, verdict, text)
             for rule, key in _SECTIONS.items()
             for verdict in ("flagged", "clean")
             for text in getattr(getattr(hygiene_rules(), key).examples, verdict)]


@pytest.mark.parametrize("rule,verdict,text", _EXAMPLES, ids=[f"{r}-{v}-{i}" for i, (r, v, _) in enumerate(_EXAMPLES)])
def test_rule_file_examples(rule, verdict, text):
    """Every example of rules/hygiene.yaml does what it says (scope examples
    are read as a 项目支出 report of 2023)."""
    found = findings(text, rule)
    if verdict == "flagged":
        assert found, text
    else:
        assert not found, [(c.message, c.quote) for c in found]


# ------------------------------------------------------------------ template residue


def test_opposite_alternatives_are_residue_either_way_round():
    assert tokens("支出较上年增加（减少）3.26万元。", "template_residue") == ["增加（减少）"]
    assert tokens("支出较上年减少（增加）3.26万元。", "template_residue") == ["减少（增加）"]
    assert tokens("收入上升(下降)5%。", "template_residue") == ["上升(下降)"]
    assert tokens("指标是否完成：是（否）。", "template_residue") == ["是（否）"]


def test_alternatives_split_by_a_slash_are_residue_in_running_text_only():
    assert tokens("项目支出（增加/减少）主要是新增巡查任务。", "template_residue") == ["增加/减少"]
    assert tokens("较上年减少/增加6.10万元。", "template_residue") == ["减少/增加"]
    # a column header may offer both answers
    table = "三级指标\t是否达标（是/否）\t增加/减少\n巡查次数\t是\t增加\n"
    assert tokens(table, "template_residue") == []


def test_a_synonym_in_brackets_is_not_residue():
    assert tokens("公用经费下降（减少）12.30万元。", "template_residue") == []
    assert tokens("在编人数增长（增加）3人。", "template_residue") == []
    assert tokens("支出增加（含追加预算）。", "template_residue") == []


def test_prompts_and_empty_reasons():
    assert tokens("完成情况：此处填写完成情况。", "template_residue") == ["此处填写"]
    # one finding for the prompt, not one per pattern that matches inside it
    assert tokens("偏差原因：【请填写偏差原因】。", "template_residue") == ["【请填写偏差原因】"]
    assert tokens("该指标未完成，主要原因是。下一步将改进。", "template_residue") == ["原因是。"]
    assert tokens("该指标未完成，原因为；", "template_residue") == ["原因为；"]
    assert tokens("该指标未完成，主要原因是资金下达较晚。", "template_residue") == []
    assert tokens("分析未完成原因。", "template_residue") == []


def test_empty_reason_at_the_end_of_a_table_cell():
    table = ("三级指标\t指标值\t完成值\t偏差原因\n"
             "培训场次\t≥20场\t18场\t原因：\n"
             "满意度\t≥90%\t95%\t无\n")
    assert tokens(table, "template_residue") == ["原因："]
    assert tokens(table.replace("原因：", "场地调整"), "template_residue") == []


# ------------------------------------------------------------------ placeholders


def test_placeholders_in_figures_and_names():
    assert tokens("开展宣传活动XX场。", "placeholder") == ["XX"]
    assert tokens("全年支出××万元。", "placeholder") == ["××"]
    assert tokens("由某某公司承建。", "placeholder") == ["某某"]
    assert tokens("补贴X万元。", "placeholder") == ["X"]


def test_no_placeholder_in_ordinary_latin_text():
    text = "开展X射线检查12次，PM2.5浓度下降；执行率×分值=得分；第XXI届；二○○八年；某村。"
    assert tokens(text, "placeholder") == []


# ------------------------------------------------------------------ punctuation


def test_doubled_marks():
    assert tokens("验收合格率100%。。", "punctuation") == ["。。"]
    assert tokens("账实相符，。", "punctuation") == ["，。"]
    assert tokens("送戏下乡、、公益活动。", "punctuation") == ["、、"]
    assert tokens("榜单,,3位入选。", "punctuation") == [",,"]


def test_numbering_ellipsis_urls_and_decimals_are_not_doubled():
    text = ("1.2.3.依次说明。部分工作尚待推进……下一步加快。详见http://www.example.gov.cn/a.html。"
            "执行率97.34%，得分9.73分。真的吗？！")
    assert tokens(text, "punctuation") == []


def test_unclosed_quotes_and_brackets():
    assert tokens("补助资金（含中央和省级补助按标准拨付至各站。", "punctuation") == ["（"]
    assert tokens("开展“法律援助进村活动。", "punctuation") == ["“"]
    assert tokens("根据《预算法的规定执行。", "punctuation") == ["《"]
    assert tokens("按（江财教「2024〕18号）执行。", "punctuation") == ["「2024〕"]
    assert tokens("经费压减）到位。", "punctuation") == ["）"]


def test_a_quote_spanning_a_line_break_is_balanced():
    text = ("2023年，本局紧扣“学有优教、\n"
            "学有良教”目标，全面完成（含追加\n"
            "项目）各项任务。\n")
    assert tokens(text, "punctuation") == []


def test_list_markers_close_nothing():
    assert tokens("1）加强项目库管理；2）细化绩效指标；a)完善制度。", "punctuation") == []


def test_a_wrapped_table_cell_is_read_with_the_row_below():
    table = ("三级指标\t指标值\t完成值\n"
             "培训合格率（按\t≥90%\t95%\n"
             "结业考核计）\t\t\n"
             "满意度\t≥90%\t95%\n")
    assert tokens(table, "punctuation") == []


# ------------------------------------------------------------------ scope words


def test_a_project_report_giving_a_department_score():
    found = findings("综上，2023年度部门整体支出绩效自评得分为96.43分。", "scope_word")
    assert [c.stated for c in found] == ["部门整体支出绩效自评"]
    assert "项目支出" in found[0].message


def test_a_department_report_may_speak_of_projects():
    title = "某县教育局2023年度部门整体支出绩效自评报告"
    text = "本部门共开展项目支出绩效自评12个。本部门2023年度部门整体支出绩效自评得分98.71分。"
    assert tokens(text, "scope_word", title=title) == []
    assert tokens("本项目绩效自评得分98.71分。", "scope_word", title=title) == ["本项目绩效自评得分"]


def test_a_unit_report_calling_itself_a_department():
    title = "某县疾控中心2023年度单位整体支出绩效自评报告"
    assert tokens("本单位2023年度部门整体支出绩效自评得分98分。", "scope_word", title=title) == ["部门整体支出绩效自评"]
    assert tokens("本单位2023年度单位整体支出绩效自评得分98分。", "scope_word", title=title) == []


def test_this_years_facts_framed_by_another_year():
    assert tokens("截至2022年12月31日，项目全年实际支出274.63万元。", "scope_word") == ["2022"]
    assert tokens("截至2023年12月31日，项目全年实际支出274.63万元。", "scope_word") == []
    # a year of comparison, or a year set apart from this one
    assert tokens("2022年全年支出800万元，较上年增长5%。", "scope_word") == []
    assert tokens("2022年度评价指出的问题，本年度已全年整改。", "scope_word") == []
    assert tokens("截至2022年底，累计建成站点18个。", "scope_word") == []
    # the next sentence sets the two years apart: this one is the year compared with
    assert tokens("2022年全年支出800万元。2023年全年支出840万元，比上年增长5%。", "scope_word") == []
    assert tokens("2022年全年支出800万元。全年开展培训12场。", "scope_word") == ["2022"]


# ------------------------------------------------------------------ what a finding says


def test_a_finding_quotes_the_source_verbatim_and_points_at_its_line_and_page():
    text = f"{TITLE}\n\n一、基本情况\n全年开展宣传活动ＸＸ场，\n发放资料２万份。。\n"
    pages = [1, 1, 1, 2, 2, 2]
    src = SourceText(text, line_pages=pages)
    found = findings("", source=src)
    assert sorted((c.rule, c.stated, c.locations[0].line, c.locations[0].page) for c in found) == [
        ("placeholder", "ＸＸ", 4, 2), ("punctuation", "。。", 5, 2)]
    for c in found:
        assert c.quote and c.quote in text and c.stated in c.quote
        loc = c.locations[0]
        assert text[loc.start:loc.end] == c.stated
    assert next(c for c in found if c.rule == "placeholder").severity == "error"
    assert next(c for c in found if c.rule == "punctuation").severity == "warning"


def test_clean_text_passes_every_rule():
    report = report_of("一、基本情况\n2023年全年支出274.63万元，执行率97.59%。")
    hygiene = [c for c in report.checks if c.rule in RULES]
    assert sorted(c.rule for c in hygiene) == sorted(RULES)
    assert all(c.status == "pass" for c in hygiene)


def test_without_the_text_the_rules_skip():
    report = report_of("一、基本情况\n全年开展活动XX场。")
    again = [c for c in run_checks(report) if c.rule in RULES]
    assert {c.status for c in again} == {"skipped"} and all("原文" in c.message for c in again)


def test_a_hygiene_finding_on_an_arithmetic_finding_is_dropped():
    at = Location(line=3, end_line=3, start=10, end=14)
    rate = CheckResult(rule="rate", kind="rate", severity="error", status="fail", message="m", locations=[at])
    same = CheckResult(rule="placeholder", kind="placeholder", severity="error", status="fail",
                       message="m", locations=[Location(line=3, end_line=3, start=12, end=13)])
    other = same.model_copy(update={"locations": [Location(line=3, end_line=3, start=20, end=22)]})
    assert drop_repeated([rate, same, other]) == [rate, other]


# ------------------------------------------------------------------ the rules are data


def test_severity_and_disabling_come_from_checks_yaml(tmp_path):
    for f in DEFAULT_RULES_DIR.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    checks = (tmp_path / "checks.yaml").read_text(encoding="utf-8")
    checks = checks.replace("placeholder: error", "placeholder: warning").replace("disabled: []", "disabled: [punctuation]")
    (tmp_path / "checks.yaml").write_text(checks, encoding="utf-8")
    report = report_of("全年开展宣传活动XX场。。", rules=str(tmp_path))
    hygiene = {c.rule: c for c in report.checks if c.rule in RULES and c.status == "fail"}
    assert hygiene["placeholder"].severity == "warning" and "punctuation" not in hygiene


def test_a_bad_hygiene_rule_names_file_line_and_key():
    text = (DEFAULT_RULES_DIR / "hygiene.yaml").read_text(encoding="utf-8")
    bad = text.replace('pairs: ["()"', 'pairs: ["(("', 1)
    with pytest.raises(RuleError) as e:
        parse_rule_text(bad, HygieneRules, "rules/hygiene.yaml")
    line = next(i for i, l in enumerate(bad.split("\n"), 1) if l.strip().startswith("pairs:"))
    assert "rules/hygiene.yaml" in str(e.value) and f"line {line}" in str(e.value)
    assert "punctuation.pairs" in str(e.value)
    with pytest.raises(RuleError, match="unknown key"):
        parse_rule_text(text.replace("placeholder:\n", "placeholder:\n  bogus: 1\n", 1), HygieneRules, "h.yaml")


# ------------------------------------------------------------------ samples and corpus


def test_the_2022_sample_is_clean(report_2022):
    assert [c.message for c in report_2022.checks if c.rule in RULES and c.status != "pass"] == []


def test_the_2024_sample_has_two_real_slips(report_2024):
    found = sorted((c.locations[0].line, c.kind, c.stated) for c in report_2024.checks
                   if c.rule in RULES and c.status == "fail")
    assert found == [(62, "mismatched", "「2024〕"), (106, "doubled", ",,")]


_WORD_KINDS = {"residue", "punctuation", "scope"}


def _corpus_files():
    out = []
    for truth in sorted(CORPUS.glob("*/truth.json")):
        for name, entry in json.loads(truth.read_text(encoding="utf-8")).items():
            out.append((truth.parent / name, entry))
    return out


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no ../shared/corpus")
def test_corpus_every_planted_word_finding_and_nothing_else():
    """Each planted residue, punctuation and scope finding is found within
    two lines, quoting its token; no other hygiene finding on any file."""
    missed, extra = [], []
    for path, entry in _corpus_files():
        text = path.read_text(encoding="utf-8")
        found = [c for c in parse_file(path).checks if c.rule in RULES and c.status == "fail"]
        for c in found:
            assert c.quote in text and c.stated in c.quote, (path.name, c.quote)
        planted = [f for f in entry["findings"] if f["kind"] in _WORD_KINDS]
        used = set()
        for f in planted:
            hit = [c for c in found if abs(c.locations[0].line - f["line"]) <= 2
                   and any(t in c.quote for t in f["numbers"])]
            if not hit:
                missed.append((path.name, f["line"], f["numbers"]))
            used.update(id(c) for c in hit)
        extra += [(path.name, c.locations[0].line, c.message) for c in found if id(c) not in used]
    assert missed == [] and extra == []


# ------------------------------------------------------------------ comparison words


def test_a_comparison_word_against_its_figures():
    found = findings("群众满意度83.6%，高于85%的年度目标。", "comparison_word")
    assert [(c.stated, c.expected) for c in found] == [("高于", "83.6% > 85%")]
    assert found[0].quote == "83.6%，高于85%" and found[0].severity == "warning"
    assert tokens("全年检查企业64家，低于年初计划60家。", "comparison_word") == ["低于"]
    assert tokens("结余资金0.50万元，与上年0.80万元持平。", "comparison_word") == ["持平"]


def test_a_comparison_holds_within_the_stated_precision_and_across_units():
    assert tokens("执行率99.90%，等于100.0%的目标。", "comparison_word") == ["等于"]
    assert tokens("执行率99.96%，等于100.0%的目标。", "comparison_word") == []
    assert tokens("执行率99.96%，等于100%的目标。", "comparison_word") == []
    assert tokens("单站成本0.85万元，不超过8500元的上限。", "comparison_word") == []
    assert tokens("单站成本0.86万元，不超过8500元的上限。", "comparison_word") == ["不超过"]


def test_a_comparison_without_two_figures_of_one_unit_is_not_judged():
    report = report_of("满意度94.6%，较上年提高2.1个百分点，高于90%的目标。满意度均高于目标值。")
    judged = [c for c in report.checks if c.rule == "comparison_word" and c.kind != "comparison_word"]
    assert [(c.status, c.expected) for c in judged] == [("pass", "94.6% > 90%")]


# ------------------------------------------------------------------ name variants


def test_one_place_written_two_ways_is_one_warning():
    text = "项目覆盖蓬江县12个村。\n蓬江区农业农村局负责验收，蓬江县财政局拨付资金。"
    found = findings(text, "name_variant")
    assert len(found) == 1
    assert found[0].stated == "蓬江县 / 蓬江区" and [loc.line for loc in found[0].locations] == [3, 4]
    assert found[0].severity == "warning"


def test_different_places_and_generic_words_are_no_variants():
    assert tokens("全县12个乡镇，全区18个村；蓬江区和江海区各1个，各县市区均完成。", "name_variant") == []
    assert tokens("大泽镇的大泽村，大泽乡的站点。", "name_variant") == ["大泽镇 / 大泽乡"]


# ------------------------------------------------------------------ missing units


def test_a_rate_or_amount_without_its_unit():
    assert tokens("全年执行8,871.92万元，执行率98.19，较上年提高。", "missing_unit") == ["98.19"]
    assert tokens("本局全年实际支出842.36。", "missing_unit") == ["842.36"]
    # a number broken from its unit at a line end is joined back (a text
    # dump wrapped at a fixed width)
    wrapped = ("一、预算执行情况\n"
               "截至2023年12月31日，本局全年实际支出842.36\n"
               "万元，其中基本支出612.05万元，项目支出230.3\n"
               "1万元，预算完成率96.42%，较上年提高1.2个百\n"
               "分点，资金使用规范，未发现违规违纪问题。\n")
    assert tokens(wrapped, "missing_unit") == []


def test_a_unit_stated_once_for_all_covers_the_amounts():
    text = "（单位：万元）\n年度资金总额：年初预算数186.00；全年执行数198.47；执行率97.46%\n"
    assert tokens(text, "missing_unit") == []
    assert tokens(text.replace("97.46%", "97.46"), "missing_unit") == ["97.46"]
