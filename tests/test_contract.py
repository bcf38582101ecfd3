"""The output contract of schema 2 (issue 18): yes/no as booleans, Parquet
with real types, the lean JSON. SQLite, PostgreSQL and Parquet alike;
PostgreSQL tests skip without EXTRACT_TEST_PG_URL (scripts/test.sh)."""

from __future__ import annotations

import json
import numbers
from decimal import Decimal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import ROOT, SAMPLE_2022, SAMPLE_2024
from extract.export.jsonfile import report_json
from extract.export.parquet import DECIMAL, database_to_parquet
from extract.batch import BatchOptions, run_batch
from extract.export.database import open_database, point_files, upsert_report
from extract.export.schema import document_id
from extract.model import LEAN, SCHEMA_VERSION, Report
from test_export_sql import pg_engine, rows_of, small_report, sqlite_engine  # noqa: F401  fixtures


@pytest.fixture(params=["sqlite", "pg"])
def engine(request):
    return request.getfixturevalue(f"{request.param}_engine")


@pytest.fixture
def loaded(engine, report_2022, report_2024):
    for report in (report_2022, report_2024, small_report()):
        upsert_report(engine, rows_of(report))
    return engine


def _missed(*reports) -> int:
    return sum(1 for r in reports for i in r.indicators if i.met is False)


# ---------------------------------------------------------------- 1. yes/no

def test_met_is_a_boolean_or_null_in_the_json(report_2024):
    data = json.loads(report_json(report_2024))
    assert {type(i.get("met")) for i in data["indicators"]} <= {bool, type(None)}
    assert any(i.get("met") is False for i in data["indicators"])


def test_met_strings_of_schema_1_still_load():
    report = small_report()
    data = json.loads(report.model_dump_json())
    data["indicators"][0]["met"] = "false"
    assert Report.model_validate(data).indicators[0].met is False
    data["indicators"][0]["met"] = "unknown"
    assert Report.model_validate(data).indicators[0].met is None


def test_where_not_met_finds_the_missed_indicators(loaded, report_2022, report_2024):
    with loaded.connect() as conn:
        missed = conn.exec_driver_sql("SELECT count(*) FROM indicators WHERE NOT met").scalar()
        unknown = conn.exec_driver_sql("SELECT count(*) FROM indicators WHERE met IS NULL").scalar()
        total = conn.exec_driver_sql("SELECT count(*) FROM indicators").scalar()
    reports = (report_2022, report_2024, small_report())
    assert missed == _missed(*reports) > 0
    assert unknown == sum(1 for r in reports for i in r.indicators if i.met is None)
    assert total > missed


# ---------------------------------------------------------------- 2. Parquet types

@pytest.fixture
def parquet_dir(loaded, tmp_path):
    database_to_parquet(loaded, tmp_path / "pq")
    return tmp_path / "pq"


def test_parquet_amounts_scores_are_decimal_and_yes_no_bool(parquet_dir):
    schema = {name: pq.read_schema(parquet_dir / f"{name}.parquet")
              for name in ("documents", "budget", "claims", "funds", "indicators", "sections")}
    assert schema["documents"].field("self_score").type == DECIMAL
    for table, column in (("budget", "value"), ("budget", "normalized_value"), ("claims", "value"),
                          ("funds", "normalized_value"), ("indicators", "weight"),
                          ("indicators", "score"), ("indicators", "target_value")):
        assert pa.types.is_decimal(schema[table].field(column).type), (table, column)
    assert schema["indicators"].field("met").type == pa.bool_()
    assert schema["sections"].field("run_in").type == pa.bool_()


def test_pandas_reads_decimals_bools_and_nested_locations(parquet_dir, report_2022, report_2024):
    budget = pd.read_parquet(parquet_dir / "budget.parquet")
    executed = budget[budget.role == "executed"].value
    assert all(isinstance(v, Decimal) for v in executed)
    assert Decimal("6159.90") in set(executed)
    indicators = pd.read_parquet(parquet_dir / "indicators.parquet", dtype_backend="numpy_nullable")
    assert str(indicators.met.dtype) == "boolean"
    assert int((~indicators.met).sum()) == _missed(report_2022, report_2024, small_report())
    assert {type(v) for v in pd.read_parquet(parquet_dir / "indicators.parquet").met} <= {bool, type(None)}
    checks = pd.read_parquet(parquet_dir / "checks.parquet")
    located = [locs for locs in checks.locations if len(locs)]
    first = located[0][0]
    assert isinstance(first, dict) and first["line"] >= 1 and first["end_line"] >= first["line"]
    cells = [loc["cell"] for locs in located for loc in locs if loc["cell"] is not None]
    assert cells and set(cells[0]) == {"table", "row", "col"}
    tables = pd.read_parquet(parquet_dir / "tables.parquet")
    assert all(isinstance(c, str) for cols in tables["columns"] for c in cols)
    assert all(all(isinstance(r, numbers.Integral) for r in rows) for rows in tables.total_rows)


def test_parquet_refuses_to_round_a_figure(sqlite_engine, tmp_path):
    report = small_report()
    report.budget.executed.quantity.value = Decimal("1.00000000001")  # 11 decimals: more than 10
    upsert_report(sqlite_engine, rows_of(report))
    with pytest.raises(pa.ArrowInvalid):
        database_to_parquet(sqlite_engine, tmp_path / "pq")


# ---------------------------------------------------------------- 3. lean JSON

@pytest.mark.parametrize("sample", [SAMPLE_2024, SAMPLE_2022], ids=["2024", "2022"])
def test_default_json_is_at_most_six_times_its_input(sample, request):
    report = request.getfixturevalue(f"report_{sample.name[:4]}")
    assert len(report_json(report).encode()) <= 6 * sample.stat().st_size


@pytest.mark.parametrize("indent", [2, None])
def test_lean_json_round_trips_through_the_models(report_2022, report_2024, indent):
    for report in (report_2022, report_2024, small_report()):
        text = report_json(report, indent=indent)
        back = Report.model_validate_json(text)
        assert back == report
        assert report_json(back, indent=indent) == text


def test_lean_json_keeps_the_contract_fields(report_2024):
    data = json.loads(report_json(report_2024))
    assert data["schema_version"] == SCHEMA_VERSION == "2.0"
    assert {"schema_version", "source", "meta", "sections", "tables", "claims", "budget", "funds",
            "indicators", "forms", "checks"} <= set(data)
    for claim in data["claims"]:
        assert {"metric", "value", "unit", "normalized_value", "normalized_unit", "qualifier",
                "location"} <= set(claim)
        assert "quantity" not in claim  # each fact once
    for check in data["checks"]:
        assert {"rule", "severity", "status", "message", "expected", "stated", "locations"} <= set(check)


def test_claim_quantity_is_rebuilt_from_the_claim(report_2024):
    for claim in report_2024.claims:
        q = claim.quantity
        assert (q.value, q.unit, q.location, q.text) == (claim.value, claim.unit, claim.location, claim.text)
        assert claim.text  # the figure as stated


def test_schema_1_json_still_loads(report_2022):
    """A 1.x file: every field written, a quantity inside each claim, met as text."""
    data = report_2022.model_dump(mode="json")
    data["schema_version"] = "1.0"
    for claim in data["claims"]:
        claim["quantity"] = claim["location"] and report_2022.claims[0].quantity.model_dump(mode="json")
        claim["quantity"].update(text=claim.pop("text"), location=claim["location"])
        for name in ("upper", "date", "deadline"):
            claim["quantity"][name] = claim.pop(name)
    back = Report.model_validate(data)
    assert back.claims == report_2022.claims and back.schema_version == "1.0"


def test_full_and_lean_dumps_hold_the_same_report(report_2024):
    full = Report.model_validate_json(report_2024.model_dump_json())
    lean = Report.model_validate_json(report_2024.model_dump_json(**LEAN))
    assert full == lean == report_2024


def readme_queries() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [block.split("```", 1)[0] for block in text.split("```sql\n")[1:]]


def test_readme_queries_run_in_sqlite_and_postgresql(loaded, report_2024):
    with loaded.connect() as conn:
        results = [conn.exec_driver_sql(q).all() for q in readme_queries()]
    missed_2024 = next(r for q, r in zip(readme_queries(), results) if "NOT i.met" in q)
    assert len(missed_2024) == _missed(report_2024, small_report()) > 1  # both are of 2024


# ---------------------------------------------------------------- 4. one row per file

def _at(report: Report, path: str) -> Report:
    report.source.path = path
    return report


def _files(engine) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(conn.exec_driver_sql("SELECT path, sha256 FROM files").all())


def _documents(engine) -> set[str]:
    with engine.connect() as conn:
        return {sha for (sha,) in conn.exec_driver_sql("SELECT sha256 FROM documents").all()}


def test_two_paths_of_one_content_are_two_files_of_one_document(engine):
    upsert_report(engine, rows_of(_at(small_report("a" * 64), "x/a.txt")))
    point_files(engine, [("y/copy.txt", "a" * 64, None)])
    upsert_report(engine, rows_of(_at(small_report("a" * 64), "x/a.txt")))  # a re-run keeps both
    assert _files(engine) == {"x/a.txt": "a" * 64, "y/copy.txt": "a" * 64}
    assert _documents(engine) == {"a" * 64}


def test_a_changed_file_replaces_its_old_document(engine):
    upsert_report(engine, rows_of(_at(small_report("a" * 64), "a.txt")))
    assert upsert_report(engine, rows_of(_at(small_report("b" * 64), "a.txt"))) == [document_id("a" * 64)]
    assert _files(engine) == {"a.txt": "b" * 64} and _documents(engine) == {"b" * 64}
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM claims").scalar() == len(small_report().claims)


def test_an_old_document_another_path_holds_stays(engine):
    upsert_report(engine, rows_of(_at(small_report("a" * 64), "a.txt")))
    point_files(engine, [("copy.txt", "a" * 64, None)])
    assert upsert_report(engine, rows_of(_at(small_report("b" * 64), "a.txt"))) == []
    assert _files(engine) == {"a.txt": "b" * 64, "copy.txt": "a" * 64}
    assert _documents(engine) == {"a" * 64, "b" * 64}


def test_files_in_parquet(loaded, tmp_path):
    database_to_parquet(loaded, tmp_path / "pq")
    files = pd.read_parquet(tmp_path / "pq" / "files.parquet")
    assert len(files) == 3 and str(files.converted_at.dtype).startswith("datetime64")
    assert set(files.columns) == {"path", "sha256", "document_id", "converted_at", "rule_set"}


def test_batch_keeps_every_path_and_replaces_a_changed_file(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    text = SAMPLE_2022.read_text(encoding="utf-8")
    (inputs / "a.txt").write_text(text, encoding="utf-8")
    (inputs / "b.txt").write_text(text, encoding="utf-8")
    run_batch([inputs], BatchOptions(out, workers=1, progress=False))
    engine = open_database(str(out / "reports.sqlite"))
    try:
        first = _files(engine)
        assert set(first) == {str(inputs / "a.txt"), str(inputs / "b.txt")} and len(_documents(engine)) == 1
        (inputs / "a.txt").write_text(text + "\n附：补充说明。\n", encoding="utf-8")
        run_batch([inputs], BatchOptions(out, workers=1, progress=False))
        assert len(_documents(engine)) == 2  # b.txt still holds the old content
        (inputs / "b.txt").write_text(text + "\n附：补充说明。\n", encoding="utf-8")
        run_batch([inputs], BatchOptions(out, workers=1, progress=False))
        (doc,) = _documents(engine)
        assert set(_files(engine).values()) == {doc}
        assert [p.stem for p in (out / "json").glob("*.json")] == [doc]  # the old JSON went too
    finally:
        engine.dispose()


# ---------------------------------------------------------------- 5. views

def test_views_for_analysts(loaded, report_2022, report_2024):
    reports = (report_2022, report_2024, small_report())
    with loaded.connect() as conn:
        findings = conn.exec_driver_sql("SELECT department, year, rule FROM findings").all()
        skipped = conn.exec_driver_sql("SELECT rule, message FROM skipped_checks").all()
        inds = conn.exec_driver_sql("SELECT department, year, name, met FROM document_indicators").all()
        funds = conn.exec_driver_sql(
            "SELECT department, year, fund_rows, amount_yuan FROM funds_by_department_year "
            "ORDER BY year").all()
    assert len(findings) == sum(1 for r in reports for c in r.checks if c.status == "fail")
    assert all(f.department and f.year for f in findings)
    assert len(skipped) == sum(1 for r in reports for c in r.checks if c.status == "skipped")
    assert len(inds) == sum(len(r.indicators) for r in reports)
    assert sum(1 for i in inds if i.met is False or i.met == 0) == _missed(*reports)
    expected = sum(f.amount.normalized_value for r in (report_2024, small_report()) for f in r.funds)
    (row_2024,) = [f for f in funds if f.year == 2024]
    assert Decimal(str(row_2024.amount_yuan)) == expected
    assert row_2024.fund_rows == len(report_2024.funds) + len(small_report().funds)


def test_open_database_creates_the_views_once(tmp_path):
    from sqlalchemy import inspect

    from extract.export.schema import VIEWS

    for _ in range(2):
        engine = open_database(str(tmp_path / "db.sqlite"))
        assert set(VIEWS) <= set(inspect(engine).get_view_names())
        engine.dispose()


def test_readme_view_queries_answer(loaded, report_2022, report_2024):
    views = ("findings", "skipped_checks", "document_indicators", "funds_by_department_year")
    queries = [q for q in readme_queries() if any(f"FROM {v}\n" in q for v in views)]
    assert len(queries) == 4
    with loaded.connect() as conn:
        errors, missed, skipped, funds = [conn.exec_driver_sql(q).all() for q in queries]
    assert errors and all(r.errors > 0 for r in errors)
    assert len(missed) == _missed(report_2022, report_2024, small_report())
    assert sum(r.reports for r in skipped) == sum(
        1 for r in (report_2022, report_2024, small_report()) for c in r.checks if c.status == "skipped")
    assert {r.year for r in funds} == {2024}  # the 2022 sample has no fund table


def test_lean_json_validates_against_extract_schema(report_2022, report_2024):
    jsonschema = pytest.importorskip("jsonschema")
    schema = Report.model_json_schema()
    for report in (report_2022, report_2024, small_report()):
        jsonschema.validate(json.loads(report_json(report)), schema)
        jsonschema.validate(json.loads(report.model_dump_json()), schema)  # the full form too
