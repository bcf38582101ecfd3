"""Golden tests: whole documents against hand-checked expectations.

golden/NAME.json holds the exact projection (tests/golden_projection.py) of
each sample, checked by hand against the source; golden/NAME.metrics.tsv the
metric name of each claim, reviewed as a diff. `scripts/golden.py` shows the
diffs when these fail; decide which side is right before touching a golden
file.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from extract.export.jsonfile import report_json
from extract.load import load_document
from extract.load.text import source_from_text
from extract.model import Report
from extract.pipeline import parse_file, parse_source

from conftest import ROOT, SAMPLE_2022, SAMPLE_2024
from golden_projection import claim_metrics, project


@pytest.mark.parametrize("sample", [SAMPLE_2024, SAMPLE_2022], ids=["2024", "2022"])
def test_sample_matches_golden(sample):
    golden = json.loads((ROOT / "golden" / f"{sample.stem}.json").read_text(encoding="utf-8"))
    got = json.loads(json.dumps(project(parse_file(sample, run_checks=False)), ensure_ascii=False))
    assert set(got) == set(golden)
    for key in golden:
        assert got[key] == golden[key], f"{key} differs from golden (run scripts/golden.py for a diff)"


@pytest.mark.parametrize("sample", [SAMPLE_2024, SAMPLE_2022], ids=["2024", "2022"])
def test_claim_metrics_match_the_reviewed_list(sample):
    import difflib

    reviewed = (ROOT / "golden" / f"{sample.stem}.metrics.tsv").read_text(encoding="utf-8")
    now = claim_metrics(parse_file(sample, run_checks=False))
    diff = "".join(difflib.unified_diff(reviewed.splitlines(True), now.splitlines(True),
                                        "reviewed", "current parse", n=0))
    assert not diff, "claim metrics changed; review each line, then scripts/golden.py --write-metrics:\n" + diff


def test_2024_fund_table_adds_up(report_2024):
    t1 = report_2024.tables[0]
    assert t1.number == "1"
    funds = [f for f in report_2024.funds if f.table == t1.id]
    assert len(funds) == 10
    total_row = t1.total_rows[0]
    total = t1.grid()[total_row][2]
    assert total == "6159.90"
    assert sum(f.amount.value for f in funds) == Decimal("6159.90")
    assert sum(f.amount.normalized_value for f in funds) == Decimal("61599000")
    assert funds[0].location.line == 48 and funds[-1].location.line == 57


def test_2024_indicators(report_2024):
    inds = {i.name: i for i in report_2024.indicators}
    assert len(report_2024.indicators) == 18
    i = inds["补助高新技术企业数量"]
    assert (i.target.operator, i.target.quantity.value, i.target.quantity.unit) == (">=", Decimal("700"), "家")
    assert (i.actual.value, i.actual.unit, i.met) == (Decimal("105"), "家", False)
    assert i.location.line == 69
    c = inds["单个项目(平台)补助上限"]
    assert (c.target.operator, c.target.quantity.value, c.target.quantity.unit) == ("<=", Decimal("120"), "万元")
    assert (c.actual.value, c.met) == (Decimal("30"), True)
    d = inds["科技统计完成时效性"]
    assert d.target.quantity.date == "2024-04-01" and d.target.quantity.deadline and d.met is True
    assert inds["完成省、市级科技计划项目验收数量"].target.quantity.value == Decimal("500")
    s = inds["补助企业满意度"]
    assert (s.level1, s.level2) == ("满意度指标", "服务对象满意度指标")


def test_2024_stated_totals_are_claims(report_2024):
    claims = [(c.metric, c.value, c.location.line) for c in report_2024.claims if c.origin == "text"]
    assert ("部门总支出", Decimal("6239.85"), 90) in claims
    assert ("基本支出", Decimal("1796.59"), 90) in claims
    assert ("项目支出", Decimal("4443.26"), 92) in claims
    assert ("补助高新技术企业", Decimal("1050"), 104) in claims
    assert ("支出率", Decimal("83.2"), 43) in claims
    executed = [c for c in report_2024.claims if c.metric == "实际支出"][0]
    assert executed.normalized_value == Decimal("61599000") and executed.normalized_unit == "元"


def test_every_output_validates_against_the_schema(report_2024, report_2022):
    for r in (report_2024, report_2022):
        again = Report.model_validate_json(report_json(r))
        assert again == r


@pytest.mark.parametrize("codec", ["gbk", "utf-16", "utf-8-sig"])
def test_reencoded_report_gives_the_same_json(tmp_path, codec, report_2024):
    p = tmp_path / f"report-{codec}.txt"
    p.write_bytes(SAMPLE_2024.read_text(encoding="utf-8").encode(codec))
    other = parse_file(p)
    a = report_2024.model_dump(mode="json")
    b = other.model_dump(mode="json")
    a.pop("source"), b.pop("source")
    assert a == b


def test_every_location_points_at_its_text(report_2024, report_2022):
    from extract.normalize import fold
    from extract.span import Span

    for sample, report in ((SAMPLE_2024, report_2024), (SAMPLE_2022, report_2022)):
        source = load_document(sample).source
        for c in report.claims:
            if c.origin != "text":
                continue
            raw = source.text[c.location.start:c.location.end]
            assert fold(Span.of_source(raw)).text == c.quantity.text
            assert source.line_of(c.location.start) == c.location.line
