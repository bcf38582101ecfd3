"""The relations between claims are found once, in their own module, and no
check imports another (issue 13, item 4); claims keep their figure's offset
in the sentence, and the checks place figures by it."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

from extract.checks.context import build_context
from extract.checks.sentences import place_claims
from extract.model import Claim, Location
from extract.pipeline import Extractor
from extract.ruleset import RuleSet
from test_checks_forms import checks_of

CHECKS = Path(__file__).resolve().parents[1] / "src" / "extract" / "checks"
#: The modules of checks/ that are not checks: what the checks share.
SHARED = {"__init__", "context", "sentences", "relations", "operands", "figures", "tolerance", "quotes",
          "rulebook", "merge", "grade_scale", "periods", "screen"}


def _local_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            out.add(node.module.split(".")[0])
    return out


def test_no_check_imports_another_check():
    checks = {p.stem for p in CHECKS.glob("*.py")} - SHARED
    assert {"breakdowns", "rates", "growth", "differences", "consistency"} <= checks
    offenders = {(c, m) for c in checks for m in _local_imports(CHECKS / f"{c}.py") if m in checks}
    assert offenders == set()


def test_relations_do_not_import_the_checks_or_their_context():
    for path in (CHECKS / "relations").glob("*.py"):
        imported = _local_imports(path)
        assert "context" not in imported
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {n.module.split(".")[0] for n in ast.walk(tree)
                   if isinstance(n, ast.ImportFrom) and n.level == 2 and n.module}
        assert parents <= SHARED - {"context", "operands"}, (path.name, parents)


def _claim(text: str, at: int) -> Claim:
    loc = Location(line=1, start=100 + at, end=100 + at + len(text))
    c = Claim(metric="完成", metric_text="完成", text=text, value=Decimal(5), unit="项",
              normalized_value=Decimal(5), normalized_unit="项", location=loc)
    c._figure_at = at
    return c


def test_place_claims_uses_the_recorded_offset():
    sentence = "共有5项目入库，完成5项"
    claim = _claim("5项", sentence.rindex("5项"))
    [placed] = place_claims(sentence, [claim])
    assert placed.start == sentence.rindex("5项")
    # a claim read back from JSON has no offset: its text is found instead
    again = Claim.model_validate_json(claim.model_dump_json())
    assert again.figure_at is None and again == claim
    [found] = place_claims(sentence, [again])
    assert found.start == sentence.index("5项")


def test_every_text_claim_is_placed_at_its_figure_and_relations_are_found_once():
    text = ("2024年度项目支出绩效自评报告\n\n一、项目资金情况\n\n"
            "项目预算资金120.00万元，其中省级资金80.00万元、县级资金40.00万元，"
            "实际支出108.00万元，执行率90.00%。\n")
    rules = RuleSet.default()
    report = Extractor(rules).parse_text(text, run_checks=False)
    ctx = build_context(report, rules)
    placed = [p for s in ctx.sentences for p in s.placed]
    assert placed and all(p.start == p.claim.figure_at for p in placed)
    [b] = ctx.relations.breakdowns
    assert [p.claim.value for p in b.parts] == [Decimal("80.00"), Decimal("40.00")]
    assert ctx.relations is ctx.relations  # found once per run
    assert ctx.wholes_of[id(b.parts[0].claim)] == {b.whole.claim.metric}
    assert [c.status for c in checks_of(text.split("\n\n", 1)[1]) if c.rule in ("rate", "stated_breakdown")] == \
        ["pass", "pass"]


def test_dates_found_around_their_anchor_are_all_the_dates():
    import re

    from extract.checks.dates import anchored_finditer

    dates = RuleSet.default().checks.dates
    text = ("2024年2月30日启动，12月31日完成；2023年13月1日、11月31日，截至20231年度，于202年底，"
            "自1999年2月29日起；2月29日，编号12024年3月5日，第2024年度。6月1日6月2日")
    for form, anchor, reach in ((dates.date, dates.date_anchor, dates.date_reach),
                                (dates.bad_year, dates.bad_year_anchor, dates.bad_year_reach)):
        rx = re.compile(form)
        expected = [(m.start(), m.groups()) for m in rx.finditer(text)]
        assert expected
        assert [(m.start(), m.groups()) for m in anchored_finditer(rx, anchor, reach, text)] == expected
