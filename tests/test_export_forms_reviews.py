"""The national forms and the reviewers' decisions in the database and
Parquet (issue 15 item 2, issue 21 item 4).

The form (tests/fixtures/export/qinghe_library_form.txt) is made up for
these tests: a 项目支出绩效自评表 in TAB layout, four funds rows, the goals,
four indicators (one missed, honestly scored) and the total.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from sqlalchemy import text

from extract.batch import BatchOptions, run_batch
from extract.check_run import check_file
from extract.export.database import open_database, table_contents
from extract.export.parquet import read_parquet_rows
from extract.export.schema import (
    FORM_FUNDS_CELLS, FORM_GOALS, FORM_IDENTITY, FORM_INDICATOR_FIGURES, FORM_INDICATOR_TEXTS, FORM_TOTAL,
    FORM_TARGET_FUNDS_CELLS, FORM_TOTAL_TEXTS, metadata,
)
from extract.pipeline import Extractor
from extract.review import decide, load_review, save_review, sidecar_path

from test_export_sql import PG_URL

HERE = Path(__file__).parent
FORM = HERE / "fixtures" / "export" / "qinghe_library_form.txt"
RULES = HERE.parent / "rules"


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "out" / "reports.sqlite")
        return
    if not PG_URL:
        pytest.skip("no PostgreSQL: EXTRACT_TEST_PG_URL is not set (scripts/test.sh starts one)")
    engine = open_database(PG_URL)
    metadata.drop_all(engine)
    engine.dispose()
    yield PG_URL


def batch(inputs: Path, out: Path, db: str):
    summary = run_batch([inputs], BatchOptions(out_dir=out, db=db, workers=1, progress=False))
    assert summary.exit_code == 0, summary.text()
    return summary


def contents(db: str) -> dict:
    engine = open_database(db)
    try:
        return table_contents(engine)
    finally:
        engine.dispose()


@pytest.fixture
def inputs(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FORM, folder / "书目更新自评表.txt")
    return folder


def test_a_form_is_three_tables_each_value_with_its_location(inputs, tmp_path, db):
    out = tmp_path / "out"
    batch(inputs, out, db)
    rows = contents(db)
    (form,) = rows["forms"]
    assert (form["form_id"], form["kind"], form["layout"]) == ("form1", "project", "tab")
    assert (form["project_name"], form["project_name_line"]) == ("乡村图书室书目更新补助资金", 3)
    assert (form["department"], form["unit"], form["unit_line"]) == ("青禾县文化和旅游局", "青禾县图书馆", 4)
    assert form["goal_expected"].startswith("为48个村图书室") and form["goal_actual_line"] == 11
    assert (form["total_weight"], form["total_score"], form["total_score_text"], form["total_score_line"]) == \
        (Decimal("100"), Decimal("97.75"), "97.75", 17)
    assert form["note"] is None and (form["line"], form["end_line"]) == (3, 17)

    funds = {r["role"]: r for r in rows["form_funds"]}
    assert [r["role"] for r in rows["form_funds"]] == ["total", "current", "carryover", "other"]
    total = funds["total"]
    assert [total[c] for c in FORM_FUNDS_CELLS] == [Decimal(x) for x in ("320.00", "350.00", "315.00", "10",
                                                                         "90.00", "9.00")]
    assert total["rate_text"] == "90.00%" and total["line"] == 6 and {total[f"{c}_line"] for c in FORM_FUNDS_CELLS} == {6}
    assert funds["current"]["label"] == "其中：当年财政拨款" and funds["current"]["weight"] is None
    assert (funds["carryover"]["adjusted"], funds["carryover"]["executed_line"]) == (Decimal("20.00"), 8)

    indicators = rows["form_indicators"]
    assert [r["name"] for r in indicators] == ["更新图书室数量", "图书验收合格率", "年借阅人次", "读者满意度"]
    first = indicators[0]
    assert (first["level1"], first["level2"], first["target"], first["actual"]) == ("产出指标", "数量指标", "≥48个", "45个")
    assert (first["weight"], first["score"], first["score_line"]) == (Decimal("20"), Decimal("18.75"), 13)
    assert first["deviation"].startswith("3个村图书室") and first["deviation_line"] == 13
    assert [(r["target_operator"], r["met"]) for r in indicators] == [(">=", False)] + [(">=", True)] * 3
    assert all(r["page"] is None for r in indicators)  # a text file has no pages

    # the report's indicators name the form they were read from, and join its rows
    assert {(r["form_id"], r["table_id"]) for r in rows["indicators"]} == {("form1", None)}
    engine = open_database(db)
    with engine.connect() as conn:
        joined = conn.execute(text(
            "SELECT i.name, fi.score, fi.score_line FROM indicators i JOIN form_indicators fi "
            "ON fi.document_id = i.document_id AND fi.form_id = i.form_id AND fi.row_index = i.row_index "
            "WHERE i.met = false")).all()
    engine.dispose()
    assert [(n, Decimal(str(s)), line) for n, s, line in joined] == [("更新图书室数量", Decimal("18.75"), 13)]

    parquet = read_parquet_rows(out / "parquet")
    for name in ("forms", "form_funds", "form_indicators"):
        assert len(parquet[name]) == len(rows[name])
        for got, want in zip(parquet[name], rows[name]):
            assert {k: v for k, v in got.items() if not isinstance(v, Decimal)} == \
                   {k: v for k, v in want.items() if not isinstance(v, Decimal)}
            assert all(got[k] == v for k, v in want.items() if isinstance(v, Decimal))


def test_every_cell_the_rules_can_name_has_its_columns():
    forms = yaml.safe_load((RULES / "forms.yaml").read_text(encoding="utf-8"))
    indicator_columns = yaml.safe_load((RULES / "indicators.yaml").read_text(encoding="utf-8"))["columns"]
    assert set(forms["funds_columns"]) <= set(FORM_FUNDS_CELLS)
    assert set(forms["funds_groups"]) <= set(FORM_TARGET_FUNDS_CELLS)
    assert set(indicator_columns) <= set(FORM_INDICATOR_TEXTS) | set(FORM_INDICATOR_FIGURES)
    assert set(forms["identity"]) <= set(FORM_IDENTITY) and set(forms["goals"]) <= set(FORM_GOALS)
    assert set(forms["total_fields"]) | set(forms["total_row_fields"]) <= \
        set(FORM_TOTAL) | set(FORM_TOTAL_TEXTS) | {"rate"}


# ---------------------------------------------------------------- reviews

AUDITOR_QUERY = """
SELECT d.path, r.rule, r.quote, r.note, r.decided_by, r.decided_at, c.severity
FROM reviews r
JOIN documents d ON d.id = r.document_id
LEFT JOIN checks c ON c.document_id = r.document_id AND c.check_index = r.check_index
WHERE r.decision = 'dismiss'
ORDER BY d.path, r.decided_at"""


def test_batch_stores_the_decisions_beside_its_inputs(inputs, tmp_path, db):
    report = inputs / "书目更新自评表.txt"
    outcome = check_file(report, Extractor())
    (fp, finding), = [(fp, r) for fp, r, _ in outcome.fingerprinted() if r.rule == "target"]
    decide(report, outcome.results, fp, "dismiss", note="改建推迟已说明", by="王审计",
           at="2026-12-01T09:30:00+00:00")
    # a decision whose finding is gone (an earlier draft's) is kept, marked stale
    review = load_review(sidecar_path(report))
    stale = review.decisions[0].model_copy(update={"fingerprint": "0" * 16, "decision": "accept", "note": "",
                                                   "by": "李复核", "at": "2026-11-20T08:00:00+00:00"})
    save_review(review.model_copy(update={"decisions": [*review.decisions, stale]}), sidecar_path(report))
    shutil.copy(FORM, inputs / "另一份.txt")  # the same content without a sidecar: one document

    out = tmp_path / "out"
    batch(inputs, out, db)
    rows = contents(db)
    by_fp = {r["fingerprint"]: r for r in rows["reviews"]}
    assert set(by_fp) == {fp, "0" * 16}
    dismissed = by_fp[fp]
    assert (dismissed["decision"], dismissed["note"], dismissed["decided_by"], dismissed["stale"]) == \
        ("dismiss", "改建推迟已说明", "王审计", False)
    assert dismissed["decided_at"] == "2026-12-01T09:30:00+00:00" and dismissed["rule"] == "target"
    assert rows["checks"][dismissed["check_index"]]["rule"] == "target"
    assert dismissed["sidecar"] == str(sidecar_path(report))
    assert by_fp["0" * 16]["stale"] is True and by_fp["0" * 16]["check_index"] is None

    engine = open_database(db)
    with engine.connect() as conn:
        answer = conn.execute(text(AUDITOR_QUERY)).all()
    engine.dispose()
    assert [(Path(p).name, rule, note, who, severity) for p, rule, _, note, who, _, severity in answer] == \
        [("书目更新自评表.txt", "target", "改建推迟已说明", "王审计", finding.severity)]
    assert {r["fingerprint"] for r in read_parquet_rows(out / "parquet")["reviews"]} == {fp, "0" * 16}

    # a re-run converts nothing, but takes the sidecar as it is now
    save_review(load_review(sidecar_path(report)).model_copy(update={"decisions": [stale]}), sidecar_path(report))
    again = run_batch([inputs], BatchOptions(out_dir=out, db=db, workers=1, progress=False))
    assert again.counts["done"] == 0 and again.exit_code == 0
    assert [r["fingerprint"] for r in contents(db)["reviews"]] == ["0" * 16]
    assert [r["fingerprint"] for r in read_parquet_rows(out / "parquet")["reviews"]] == ["0" * 16]
    sidecar_path(report).unlink()
    run_batch([inputs], BatchOptions(out_dir=out, db=db, workers=1, progress=False))
    assert contents(db)["reviews"] == [] and read_parquet_rows(out / "parquet")["reviews"] == []


def test_a_broken_sidecar_is_noted_and_stops_nothing(inputs, tmp_path):
    report = inputs / "书目更新自评表.txt"
    sidecar_path(report).write_text("{not json", encoding="utf-8")
    out = tmp_path / "out"
    summary = run_batch([inputs], BatchOptions(out_dir=out, workers=1, progress=False))
    assert summary.exit_code == 0 and summary.counts["done"] == 1
    (row,) = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert row["status"] == "done" and "review file not read" in row["note"]
    assert contents(str(out / "reports.sqlite"))["reviews"] == []


def test_export_of_json_files_takes_the_sidecars_beside_their_sources(inputs, tmp_path):
    from extract.export.archive import export_reports

    report = inputs / "书目更新自评表.txt"
    outcome = check_file(report, Extractor())
    fp = outcome.fingerprinted()[0][0]
    decide(report, outcome.results, fp, "accept", by="赵核对", at="2026-12-01T10:00:00+00:00")
    json_dir = tmp_path / "json"
    json_dir.mkdir()
    (json_dir / "one.json").write_text(outcome.report.model_dump_json(), encoding="utf-8")
    summary = export_reports(json_dir, str(tmp_path / "e.sqlite"), parquet_dir=tmp_path / "pq")
    assert (summary.loaded, summary.failed) == (1, [])
    (row,) = contents(str(tmp_path / "e.sqlite"))["reviews"]
    assert (row["fingerprint"], row["decision"], row["decided_by"], row["stale"]) == (fp, "accept", "赵核对", False)
    assert [r["decided_by"] for r in read_parquet_rows(tmp_path / "pq")["reviews"]] == ["赵核对"]
