"""The corpus scoring of scripts/eval_corpus.py, pinned on synthetic truth and
synthetic check results; and one run on the real corpus (structure only)."""

from __future__ import annotations

import importlib.util
import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from extract.model import CheckResult, Location

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def _load_script():
    spec = importlib.util.spec_from_file_location("eval_corpus", ROOT / "scripts" / "eval_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_corpus"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


ec = _load_script()
D = Decimal


def check(message: str, *spans: tuple[int, int] | int, severity="error", status="fail",
          expected=None, stated=None, quote=None, rule="rate") -> CheckResult:
    locations = []
    for s in spans:
        line, end = (s, s) if isinstance(s, int) else s
        locations.append(Location(line=line, end_line=end, start=0, end=1))
    return CheckResult(rule=rule, kind=rule, severity=severity, status=status, message=message,
                       expected=expected, stated=stated, quote=quote, locations=locations)


def problem(message: str, *spans, **kw):
    p = ec.problem_from_check(check(message, *spans, **kw))
    assert p is not None
    return p


def finding(kind: str, line: int, numbers: list[str], other_lines=()):
    return ec.PlantedFinding(kind=kind, line=line, numbers=tuple(numbers), other_lines=tuple(other_lines))


# -- numbers in text ---------------------------------------------------------

def test_stated_numbers_fold_width_drop_separators_and_keep_decimals():
    assert ec.stated_numbers("执行率９４．８４％，支出1,701.15万元") == [D("94.84"), D("1701.15")]
    assert str(ec.stated_numbers("98.40%")[0]) == "98.40"


def test_stated_numbers_signs_only_before_a_figure():
    assert ec.stated_numbers("增长-21.84%") == [D("-21.84")]
    assert ec.stated_numbers("7,260.00−6,934.74") == [D("7260.00"), D("6934.74")]
    assert ec.stated_numbers("55%-60%") == [D("55"), D("60")]


def test_line_references_in_a_message_are_no_figures():
    p = problem("同一指标数值不一致：12座（第14行）；10座（第15行）", 14)
    assert p.numbers == (D("12"), D("10"))


# -- number matching -----------------------------------------------------------

@pytest.mark.parametrize("reported, planted, expected", [
    ("94.15", "94.15", True),
    ("94.152", "94.15", True),      # within ±0.005
    ("94.155", "94.15", True),      # the interval's edge
    ("94.16", "94.15", False),
    ("94.2", "94.15", False),       # a coarser figure is not the same figure
    ("98.4", "98.40", True),
    ("6", "5", False),              # scores are exact
    ("6.0", "6", True),
])
def test_number_matches_within_the_planted_precision(reported, planted, expected):
    assert ec.number_matches(D(reported), D(planted)) is expected


def test_percent_matches_a_fraction_both_ways():
    assert ec.number_matches(D("0.9415"), D("94.15"))
    assert ec.number_matches(D("94.15"), D("0.9415"))
    assert not ec.number_matches(D("0.9416"), D("94.15"))


def test_myriad_matches_units_only_for_figures_of_100_and_more():
    assert ec.number_matches(D("286"), D("2860000"))
    assert ec.number_matches(D("264.83"), D("2648312.50"))   # 264.83万 stands for ±50元
    assert ec.number_matches(D("482515200"), D("48251.52"))
    assert not ec.number_matches(D("280.6"), D("2860000"))
    assert not ec.number_matches(D("28.6"), D("286000"))     # under 100: no 万 reading
    assert not ec.number_matches(D("9.76"), D("97600"))


def test_a_zero_matches_only_a_zero():
    assert ec.number_matches(D("0"), D("0"))
    assert ec.number_matches(D("0.00"), D("0"))
    assert not ec.number_matches(D("0.001"), D("0"))
    assert not ec.number_matches(D("0"), D("0.3"))
    assert not ec.number_matches(D("0.4"), D("0"))


# -- finding caught --------------------------------------------------------------

def test_caught_within_two_lines_of_the_line():
    f = finding("rate", 10, ["96.15", "94.15"])
    assert f.caught_by(problem("执行率应为94.15%", 12))
    assert f.caught_by(problem("执行率应为94.15%", 8))
    assert not f.caught_by(problem("执行率应为94.15%", 13))
    assert f.caught_by(problem("执行率应为94.15%", (5, 8)))   # a span's end counts
    assert not f.caught_by(problem("执行率应为94.15%", (3, 7)))
    assert f.caught_by(problem("执行率应为94.15%", 40, 11))  # any of its locations


def test_caught_needs_one_of_the_numbers():
    f = finding("rate", 10, ["96.15", "94.15"])
    assert not f.caught_by(problem("执行率与其数据不符：应为94.1%", 10))
    assert f.caught_by(problem("执行率不符", 10, stated="96.15%"))
    assert f.caught_by(problem("执行率不符", 10, quote="执行率 96.15%"))
    assert f.caught_by(problem("执行率不符", 10, expected="0.9415"))


def test_caught_on_an_other_line():
    f = finding("two_values", 57, ["64", "46"], other_lines=[18])
    assert f.caught_by(problem("改造农村学校厕所 46座 与正文不一致", 18))
    assert not f.caught_by(problem("改造农村学校厕所 46座 与正文不一致", 30))


def test_word_kinds_match_tokens_in_the_text():
    assert finding("punctuation", 60, ["。。"]).caught_by(problem("句末重复标点", 60, quote="完成。。"))
    assert not finding("punctuation", 60, ["。。"]).caught_by(problem("句末标点有误", 60))
    assert finding("residue", 8, ["增加（减少）"]).caught_by(problem("模板残留“增加(减少)”", 8))
    assert finding("scope", 22, ["2022"]).caught_by(problem("年度口径：截至2022年12月31日", 22))
    assert finding("date", 58, ["2023年9月31日"]).caught_by(problem("日期 2023-09-31 不存在", 58))
    # a word kind's token is text, not a number within precision
    assert not finding("enumeration", 15, ["四是"]).caught_by(problem("序号跳号：4", 15))


def test_a_deadline_is_matched_as_text_and_a_grade_word_is_no_number():
    deadline = finding("target", 21, ["2024年6月30日", "2024年8月15日"])
    assert deadline.caught_by(problem("目标 2024年6月30日前，完成 2024年8月15日", 21))
    assert not deadline.caught_by(problem("目标未完成：目标 30，完成 15", 21))
    grade = finding("grade", 30, ["89.33", "优"])
    assert grade.caught_by(problem("得分89.33应评为良", 30))
    assert not grade.caught_by(problem("指标未完成，但报告自评为“优”", 30))


def test_only_failed_errors_and_warnings_are_problems():
    assert ec.problem_from_check(check("x", 1, status="pass")) is None
    assert ec.problem_from_check(check("x", 1, status="skipped")) is None
    assert ec.problem_from_check(check("x", 1, severity="info")) is None
    assert ec.problem_from_check(check("x", 1, severity="warning")) is not None


# -- false alarms ------------------------------------------------------------------

def truth(clean=False, findings=(), traps=()):
    return ec.FileTruth(name="f.txt", clean=clean, findings=tuple(findings),
                        traps=tuple(ec.Trap(line=line, numbers=("1",)) for line in traps))


def test_every_problem_on_a_clean_control_is_a_false_alarm():
    score = ec.score_file(truth(clean=True, traps=[5]), [problem("a 1", 5), problem("b 2", 40)])
    assert score.false_alarms(ec.CLEAN_CONTROL) == 2
    assert [u.trap_lines for u in score.unmatched] == [(5,), ()]


def test_a_problem_covering_a_trap_line_is_a_false_alarm():
    t = truth(findings=[finding("rate", 50, ["99.4"])], traps=[20, 30])
    score = ec.score_file(t, [problem("a", 20), problem("b", (29, 31)), problem("c", 21)])
    assert score.false_alarms(ec.ON_TRAP) == 2
    assert score.false_alarms(ec.UNEXPLAINED) == 1   # line 21: near a trap is not on it
    assert score.missed == [t.findings[0]]


def test_a_trap_line_explained_by_a_finding_is_no_false_alarm():
    f = finding("two_values", 61, ["98.48", "98.84"], other_lines=[32])
    t = truth(findings=[f], traps=[32])
    score = ec.score_file(t, [problem("总分 98.84 与结论 98.48 不一致", 32)])
    assert score.caught == [f]
    assert score.unmatched == []


def test_recall_table_and_skip_shares():
    assert ec.recall_table([("rate", True), ("rate", False), ("date", False)]) == {
        "date": {"planted": 1, "caught": 0, "recall": 0.0},
        "rate": {"planted": 2, "caught": 1, "recall": 0.5}}
    run = ec.FileRun("s", Path("f.txt"), results=[("rate", "rate", "skipped"), ("rate", "rate", "pass"),
                                                  ("target", "target", "fail")])
    shares = ec.skip_shares([run])
    assert shares["by_rule"]["rate"] == {"skipped": 1, "all": 2, "share": 0.5}
    assert shares["by_rule"]["target"]["share"] == 0.0


# -- --mutate -----------------------------------------------------------------------

@pytest.mark.parametrize("note, kind", [
    ("1,312.84/1,386.50 = 94.687% shown as 94.69%", "rate"),
    ("年度资金总额 = 当年财政拨款 + 上年结转 + 其他资金 in all three columns", "sum"),
    ("结余39,806.74−38,751.86=1,054.88", "difference"),
    ("培训费增长4.50÷42.30=10.64%", "growth"),
    ("compound: (16.50/14.20)^(1/3)-1 = 5.13% a year", "growth"),
    ("执行率得分 = 10 x 94.69% = 9.469 -> 9.47 (two decimals per the note)", "score"),
    ("提高97.35−95.87=1.48个百分点", "difference"),
    ("honest miss: 1,380 < 1,500, score cut to 8 x 1380/1500 = 7.36, reason given", None),
    ("ceiling met: 436 <= 500 元/平方米", None),
    ("“等43个”为开放列举，只点名4个不构成矛盾", None),
    ("98.71分为“优”", None),
    ("支出率97.35%在正文、表1、表2、管理效率中反复出现，均一致", None),
    ("87,200人 = 8.72万人 in the form", None),
    ("结论得分98.71与表2合计一致", None),
    ("结转 73.66 = 1,386.50 - 1,312.84; rate and spending repeated as in the table", "rate"),
])
def test_relation_kind_from_the_note(note, kind):
    assert ec.relation_kind(note) == kind


def test_mutate_figure_changes_the_last_digit_in_its_width():
    assert ec.mutate_figure("合计\t1,260.00\t1,386.50", "1260.00") == (
        "合计\t1,260.01\t1,386.50", "1,260.00", "1,260.01")
    assert ec.mutate_figure("执行率９４．８９％", "94.89")[0] == "执行率９４．８０％"
    assert ec.mutate_figure("增减率-20.68%", "-20.68")[0] == "增减率-20.69%"
    # the first occurrence of the figure, not the first number of the line
    assert ec.mutate_figure("2023年完成12项，计划12项", "12")[0] == "2023年完成13项，计划12项"
    assert ec.mutate_figure("十一项", "11") is None
    assert ec.mutate_figure("2024年6月30日前", "2024年6月30日") is None


def test_mutate_figure_shift_moves_the_digit_by_k_mod_10():
    # +5 puts the figure outside the rounding band of its own last place
    assert ec.mutate_figure("合计1,260.07万元", "1260.07", shift=5)[2] == "1,260.02"
    assert ec.mutate_figure("执行率９４．８４％", "94.84", shift=5)[0] == "执行率９４．８９％"
    assert ec.bump_digit("3", 9) == "2"


# -- the script ------------------------------------------------------------------------

def test_no_sets_is_a_one_line_error(tmp_path, capsys):
    assert ec.main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no set" in err


def test_a_synthetic_corpus_is_scored_end_to_end(tmp_path, capsys):
    folder = tmp_path / "mini"
    folder.mkdir()
    lines = ["某县教育局2023年度项目支出绩效自评报告", "一、项目概况",
             "项目全年预算数100.00万元，全年执行数90.00万元，预算执行率95.00%。"]
    (folder / "a.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "truth.json").write_text(json.dumps({"a.txt": {
        "clean": False, "traps": [],
        "findings": [{"kind": "rate", "line": 3, "numbers": ["95.00", "90.00"], "note": "90/100"}]}}),
        encoding="utf-8")
    assert ec.main([str(tmp_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["overall"]["planted"] == 1
    assert out["sets"]["mini"]["files"] == 1
    assert len(out["missed"]) == 1 - out["overall"]["caught"]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")
def test_the_real_corpus_gives_every_figure(capsys):
    assert ec.main(["--json", "--mutate", "--limit", "12", "--jobs", "2"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"sets", "overall", "recall_by_kind", "unmatched", "missed", "skipped",
            "mutation", "runtime_seconds"} <= set(out)
    assert {"forms", "narrative"} <= set(out["sets"])
    for s in out["sets"].values():
        assert {"planted", "caught", "recall", "by_kind", "false_alarms", "unexplained"} <= set(s)
        assert {"clean_control", "trap", "total"} <= set(s["false_alarms"])
    assert out["overall"]["planted"] == sum(s["planted"] for s in out["sets"].values())
    assert out["overall"]["planted"] == out["overall"]["caught"] + len(out["missed"])
    for u in out["unmatched"]:
        assert {"file", "line", "message", "rule", "category"} <= set(u)
    for share in out["skipped"]["by_rule"].values():
        assert 0 <= share["skipped"] <= share["all"]
    m = out["mutation"]
    assert m["mutated"] == 12 and m["caught"] + len(m["not_caught"]) == 12


# -- the sets' own recipes judge a mutation ---------------------------------

FORMS_ENGINE = '''
from decimal import Decimal as D
class Doc:
    pass
class Ctx:
    def __init__(self, doc):
        self.doc = doc
def _num(doc, ref):
    import re
    return D(re.findall(r"[0-9]+(?:[.][0-9]+)?", doc.lines[ref[0] - 1])[ref[1]])
def run_check(ctx, chk):
    name, stated, parts = chk
    total = sum(_num(ctx.doc, p) for p in parts)
    return abs(_num(ctx.doc, stated) - total) <= D("0.005") * (len(parts) + 1), None, None, ""
R = {"a.txt": [dict(t="F", kind="rate"), dict(t="T", line=1, checks=[("sum", (1, 0), [(1, 1), (1, 2)])])]}
'''

NARRATIVE_ENGINE = '''
class Text:
    pass
def evaluate(text, recipe):
    a, b = (float(x) for x in text.lines[recipe["l"] - 1].split())
    return a == b, None, None
RECIPES = {"b.txt": [{"id": "F0"}, {"id": "T0", "l": 2}]}
'''


@pytest.mark.parametrize("engine,name,lines,mutated", [
    (FORMS_ENGINE, "a.txt", ["3.00 1.00 2.00"], ["3.02 1.00 2.00"]),
    (NARRATIVE_ENGINE, "b.txt", ["x", "5 5"], ["x", "5 6"]),
])
def test_set_recipes_tell_a_breaking_mutation_from_one_inside_precision(tmp_path, engine, name, lines, mutated):
    (tmp_path / "verify.py").write_text(engine, encoding="utf-8")
    recipes = ec.SetRecipes(tmp_path)
    before = recipes.trap_relations(name, lines)
    assert before and all(before.values())
    assert ec.broken_relations(before, recipes.trap_relations(name, mutated)) == sorted(before)
    assert ec.broken_relations(before, recipes.trap_relations(name, lines)) == []
    assert recipes.trap_relations("other.txt", lines) is None


def test_a_set_without_recipes_classifies_nothing(tmp_path):
    recipes = ec.SetRecipes(tmp_path)
    assert recipes.trap_relations("a.txt", ["1 2 3"]) is None
    assert ec.broken_relations(None, None) is None
    (tmp_path / "verify.py").write_text("raise SystemExit(1)\n", encoding="utf-8")
    assert ec.SetRecipes(tmp_path).trap_relations("a.txt", ["1"]) is None
