"""SQL, Parquet and JSONL exports (extract.export: schema, rows, database, archive, parquet, jsonl).

PostgreSQL tests use the server scripts/test.sh starts (scripts/postgres.sh,
URL in EXTRACT_TEST_PG_URL); they are skipped, saying why, when there is none.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal

import pytest
from click.testing import CliRunner
from sqlalchemy import func, inspect, select

from extract.cli import main
from extract.export.jsonl import read_jsonl, write_jsonl
from extract.export.parquet import (
    NESTED_COLUMNS, SCHEMAS, database_to_parquet, nested_value, read_parquet_rows,
)
from extract.export.archive import export_reports
from extract.export.database import (
    DocumentIdClash, database_url, open_database, stored_documents, table_contents, upsert_report,
)
from extract.export.rows import report_rows
from extract.export.schema import REPORT_TABLES, TABLES, document_id, metadata
from extract.model import (
    Budget, BudgetFigure, Cell, CheckResult, Claim, Form, FormCell, FormRow, FundRow, Indicator, Location,
    Meta, Quantity, Report, Section, Source, Table, Target,
)

PG_URL = os.environ.get("EXTRACT_TEST_PG_URL")


def loc(line: int) -> Location:
    return Location(line=line, end_line=line, start=line * 10, end=line * 10 + 5)


def money(text: str, value: str, unit: str = "万元", line: int = 3) -> Quantity:
    factor = Decimal(10000) if unit == "万元" else Decimal(1)
    precision = len(value.split(".")[1]) if "." in value else 0
    return Quantity(text=text, value=Decimal(value), unit=unit, unit_class="money",
                    normalized_value=Decimal(value) * factor, normalized_unit="元",
                    precision=precision, location=loc(line))


def form_cell(text: str, line: int, value: str | None = None) -> FormCell:
    return FormCell(text=text, value=None if value is None else Decimal(value),
                    precision=len(value.split(".")[1]) if value and "." in value else 0, location=loc(line))


def small_form() -> Form:
    """A national form with one funds row and one indicator row."""
    return Form(
        id="form1", layout="tab", location=Location(line=10, end_line=14, start=100, end=145),
        identity={"project_name": form_cell("科技创新专项", 10), "department": form_cell("江门市科学技术局", 10)},
        funds=[FormRow(kind="funds", label="年度资金总额", role="total", location=loc(11),
                       cells={"adjusted": form_cell("7,406.91", 11, "7406.91"),
                              "executed": form_cell("6,159.90", 11, "6159.90"),
                              "rate": form_cell("83.16%", 11, "83.16")})],
        goals={"expected": form_cell("资助项目6项", 12)},
        indicators=[FormRow(kind="indicator", label="资助项目数", location=loc(13),
                            cells={"name": form_cell("资助项目数", 13), "target": form_cell("≥6项", 13),
                                   "actual": form_cell("5项", 13), "weight": form_cell("10", 13, "10"),
                                   "score": form_cell("8.33", 13, "8.33")})],
        total={"score": form_cell("91.5", 14, "91.5")})


def small_report(sha256: str = "ab" * 32, department: str = "江门市科学技术局", year: int = 2024,
                 rate: str = "83.20") -> Report:
    """A hand-made report with one of everything."""
    executed = money("6159.90万元", "6159.90")
    rate_q = Quantity(text=f"{rate}%", value=Decimal(rate), unit="%", unit_class="percent",
                      normalized_value=Decimal(rate), normalized_unit="%", precision=2, location=loc(4))
    table = Table(id="t1", caption="表1 专项资金", header_rows=1, columns=["专项名称", "金额(万元)"],
                  n_rows=2, n_cols=2, location=loc(6),
                  cells=[Cell(row=0, col=0, text="专项名称"), Cell(row=0, col=1, text="金额(万元)"),
                         Cell(row=1, col=0, text="科技创新", location=loc(7)),
                         Cell(row=1, col=1, text="6159.90", location=loc(7))])
    return Report(
        source=Source(path=f"{sha256[:6]}.txt", sha256=sha256, encoding="utf-8", lines=20),
        meta=Meta(title="2024年度部门整体支出绩效自评报告", department=department, year=year,
                  report_type="部门整体支出", self_score=Decimal("99.99"), grade="优"),
        sections=[Section(id="1", level=1, marker="一、", style="cn", ordinal=1, title="基本情况",
                          body="实际支出6159.90万元。", location=loc(2)),
                  Section(id="1.1", parent="1", level=2, marker="（一）", style="paren_cn", ordinal=1,
                          title="预算", location=loc(3))],
        tables=[table],
        claims=[Claim(metric="executed", metric_text="实际支出", value=executed.value, unit="万元",
                      normalized_value=executed.normalized_value, normalized_unit="元",
                      unit_class="money", precision=2, section="1", sentence="实际支出6159.90万元。",
                      quantity=executed, location=loc(3))],
        budget=Budget(executed=BudgetFigure(quantity=executed, sentence="实际支出6159.90万元", location=loc(3)),
                      rate=BudgetFigure(quantity=rate_q, location=loc(4))),
        funds=[FundRow(name="科技创新", amount=money("6159.90", "6159.90", line=7), table="t1", row=1,
                       location=loc(7))],
        indicators=[Indicator(level1="产出指标", level2="数量指标", name="资助项目数",
                              target=Target(text="≥6项", operator=">="), actual_text="5项",
                              met=False, table="t1", row=1, location=loc(7)),
                    Indicator(name="资助项目数", target=Target(text="≥6项", operator=">="), actual_text="5项",
                              met=False, weight=Decimal("10"), score=Decimal("8.33"), table="form1", row=0,
                              location=loc(13))],
        forms=[small_form()],
        checks=[CheckResult(rule="budget_rate", kind="rate", severity="error", status="fail",
                            message="支出率与数字不符", expected="83.16%", stated="83.20%",
                            locations=[loc(3), loc(4)])],
    )


def rows_of(report: Report) -> dict:
    return report_rows(json.loads(report.model_dump_json()))


def normalized(contents: dict) -> dict:
    """Table contents comparable across back ends: Decimals as normalized
    text (Parquet's decimal128 has a fixed scale), the JSON text columns of
    SQL decoded as Parquet nests them, conversion times as their type, rows
    sorted by primary key."""
    def value(table, k, v):
        if k == "converted_at":  # differs from one store to the next
            return type(v).__name__
        if isinstance(v, Decimal):
            return str(v.normalize())
        if (table, k) in NESTED_COLUMNS and isinstance(v, str):
            return nested_value(table, k, v)
        return v

    out = {}
    for table in TABLES:
        keys = [c.name for c in table.primary_key.columns]
        rows = [{k: value(table.name, k, v) for k, v in r.items()} for r in contents[table.name]]
        out[table.name] = sorted(rows, key=lambda r: [r[k] for k in keys])
    return out


@pytest.fixture
def sqlite_engine(tmp_path):
    engine = open_database(str(tmp_path / "reports.sqlite"))
    yield engine
    engine.dispose()


@pytest.fixture
def pg_engine():
    if not PG_URL:
        pytest.skip("no PostgreSQL: EXTRACT_TEST_PG_URL is not set (scripts/test.sh starts one "
                    "with scripts/postgres.sh)")
    engine = open_database(PG_URL)
    metadata.drop_all(engine)
    metadata.create_all(engine)
    yield engine
    engine.dispose()


def test_rows_have_exactly_the_columns_of_their_tables():
    rows = rows_of(small_report())
    assert list(rows) == [t.name for t in REPORT_TABLES]
    for table in REPORT_TABLES:
        assert rows[table.name], f"{table.name}: no row from the hand-made report"
        for row in rows[table.name]:
            assert set(row) == {c.name for c in table.columns}
        assert [f.name for f in SCHEMAS[table.name]] == [c.name for c in table.columns]


def test_document_id_is_stable_and_positive():
    sha = "f" * 64
    assert document_id(sha) == document_id(sha) == 2 ** 60 - 1
    assert document_id("0" * 64) == 0


def test_schema_has_keys_foreign_keys_and_indexes(sqlite_engine):
    insp = inspect(sqlite_engine)
    assert set(insp.get_table_names()) == {t.name for t in TABLES}
    for table in TABLES[1:]:
        targets = {fk["referred_table"] for fk in insp.get_foreign_keys(table.name)}
        assert "documents" in targets or table.name == "table_cells"
    assert {fk["referred_table"] for fk in insp.get_foreign_keys("table_cells")} == {"tables"}
    assert insp.get_pk_constraint("claims")["constrained_columns"] == ["document_id", "claim_index"]
    assert {"ix_claims_metric"} <= {i["name"] for i in insp.get_indexes("claims")}


def test_upsert_twice_replaces_and_never_duplicates(sqlite_engine):
    upsert_report(sqlite_engine, rows_of(small_report()))
    upsert_report(sqlite_engine, rows_of(small_report(rate="75.80")))
    contents = table_contents(sqlite_engine)
    assert len(contents["documents"]) == 1 and len(contents["table_cells"]) == 4
    assert [r["value"] for r in contents["budget"] if r["role"] == "rate"] == [Decimal("75.80")]


def test_amounts_stay_exact_in_sqlite(sqlite_engine):
    upsert_report(sqlite_engine, rows_of(small_report()))
    with sqlite_engine.connect() as conn:
        raw = conn.exec_driver_sql("SELECT value FROM budget WHERE role = 'executed'").scalar()
    assert raw == "6159.90"
    assert table_contents(sqlite_engine)["funds"][0]["normalized_value"] == Decimal("61599000.0000")


def test_id_clash_is_refused(sqlite_engine):
    upsert_report(sqlite_engine, rows_of(small_report("a" * 64)))
    with pytest.raises(DocumentIdClash):
        upsert_report(sqlite_engine, rows_of(small_report("a" * 15 + "b" * 49)))


def test_stored_documents_count_check_errors(sqlite_engine):
    upsert_report(sqlite_engine, rows_of(small_report()))
    (stored,) = stored_documents(sqlite_engine).values()
    assert stored.check_errors == 1 and stored.sha256 == "ab" * 32
    assert stored_documents(sqlite_engine, schema_version="0.0") == {}


def test_database_url_forms(tmp_path):
    assert database_url("postgresql://u@h:5/d") == "postgresql+psycopg://u@h:5/d"
    assert database_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert database_url(str(tmp_path / "x.sqlite")) == f"sqlite:///{tmp_path / 'x.sqlite'}"
    assert database_url("sqlite:///a.db") == "sqlite:///a.db"


def test_parquet_of_an_empty_database_has_every_table(tmp_path, sqlite_engine):
    counts = database_to_parquet(sqlite_engine, tmp_path / "pq")
    assert counts == {t.name: 0 for t in TABLES}
    assert all(rows == [] for rows in read_parquet_rows(tmp_path / "pq").values())


def test_jsonl_round_trip_and_atomic_failure(tmp_path):
    reports = [json.loads(small_report(s * 64).model_dump_json()) for s in "abc"]
    path = tmp_path / "all.jsonl"
    assert write_jsonl(reports, path) == 3
    assert list(read_jsonl(path)) == reports

    def broken():
        yield reports[0]
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        write_jsonl(broken(), path)
    assert len(list(read_jsonl(path))) == 3, "a failed write must leave the old file whole"
    assert not list(tmp_path.glob(".*.tmp"))


def sample_reports(report_2022, report_2024) -> list[Report]:
    return [report_2022, report_2024, small_report()]


def test_sqlite_postgresql_and_parquet_hold_the_same_rows(tmp_path, sqlite_engine, pg_engine,
                                                          report_2022, report_2024):
    reports = sample_reports(report_2022, report_2024)
    for engine in (sqlite_engine, pg_engine):
        for report in reports:
            upsert_report(engine, rows_of(report))
        upsert_report(engine, rows_of(reports[0]))  # a re-run changes nothing
    database_to_parquet(pg_engine, tmp_path / "parquet")

    in_sqlite = normalized(table_contents(sqlite_engine))
    in_pg = normalized(table_contents(pg_engine))
    in_parquet = normalized(read_parquet_rows(tmp_path / "parquet"))
    assert in_sqlite == in_pg
    assert in_sqlite == in_parquet  # Parquet copied from PostgreSQL holds what SQLite holds
    assert len(in_sqlite["documents"]) == 3 and len(in_sqlite["table_cells"]) > 100


def test_postgresql_types_and_example_query(pg_engine, report_2022, report_2024):
    for report in sample_reports(report_2022, report_2024):
        upsert_report(pg_engine, rows_of(report))
    with pg_engine.connect() as conn:
        kind = conn.exec_driver_sql(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_name = 'budget' AND column_name = 'value'").scalar()
        low = conn.exec_driver_sql(
            "SELECT d.department, d.year, b.value FROM budget b JOIN documents d ON d.id = b.document_id "
            "WHERE b.role = 'rate' AND CAST(b.value AS REAL) < 80 ORDER BY d.year").all()
    assert kind == "numeric"
    assert [(r.year, r.value) for r in low] == [(2022, Decimal("75.8"))]


def test_example_queries_of_the_docs_run_on_sqlite(sqlite_engine, report_2022, report_2024):
    for report in sample_reports(report_2022, report_2024):
        upsert_report(sqlite_engine, rows_of(report))
    docs = (open(os.path.join(os.path.dirname(__file__), "..", "README.md"), encoding="utf-8")
            .read())
    queries = [block.split("```", 1)[0] for block in docs.split("```sql\n")[1:]]
    assert len(queries) >= 3
    with sqlite_engine.connect() as conn:
        results = [conn.exec_driver_sql(q).all() for q in queries]
    assert [(r[0], r[1]) for r in results[0]] == [("江门市科学技术局", 2022)]


def test_export_command_loads_json_and_reports_bad_files(tmp_path, report_2022):
    json_dir = tmp_path / "json"
    json_dir.mkdir()
    (json_dir / "a.json").write_text(report_2022.model_dump_json(), encoding="utf-8")
    (json_dir / "b.json").write_text(small_report().model_dump_json(), encoding="utf-8")
    (json_dir / "broken.json").write_text('{"schema_version": "1.0"', encoding="utf-8")
    db = tmp_path / "out.sqlite"
    args = ["export", str(json_dir), "--db", str(db), "--parquet", str(tmp_path / "pq"),
            "--jsonl", str(tmp_path / "all.jsonl")]
    for _ in range(2):  # twice: the second run replaces, never duplicates
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, result.output
        assert "2 reports loaded, 1 failed" in result.output and "broken.json" in result.output
    engine = open_database(str(db))
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(TABLES[0])).scalar() == 2
    engine.dispose()
    assert len(read_parquet_rows(tmp_path / "pq")["documents"]) == 2
    assert len(list(read_jsonl(tmp_path / "all.jsonl"))) == 2


def test_export_library_matches_rows(tmp_path, sqlite_engine):
    (tmp_path / "j").mkdir()
    (tmp_path / "j" / "x.json").write_text(small_report().model_dump_json(), encoding="utf-8")
    summary = export_reports(tmp_path / "j", str(tmp_path / "e.sqlite"))
    assert summary.loaded == 1 and not summary.failed
    engine = open_database(str(tmp_path / "e.sqlite"))
    upsert_report(sqlite_engine, rows_of(small_report()))
    assert normalized(table_contents(engine)) == normalized(table_contents(sqlite_engine))
    engine.dispose()


def test_batch_into_postgresql_holds_what_sqlite_holds(tmp_path, pg_engine):
    from extract.batch import BatchOptions, run_batch
    from test_batch import broken_files, small_reports

    small_reports(tmp_path / "in", 6)
    broken_files(tmp_path / "in")
    into_pg = run_batch([tmp_path / "in"], BatchOptions(tmp_path / "pg", db=PG_URL, workers=2, progress=False))
    into_sqlite = run_batch([tmp_path / "in"], BatchOptions(tmp_path / "lite", workers=2, progress=False))
    assert into_pg.counts == into_sqlite.counts and into_pg.counts["done"] == 6
    engine = open_database(str(tmp_path / "lite" / "reports.sqlite"))
    assert normalized(table_contents(pg_engine)) == normalized(table_contents(engine))
    engine.dispose()
    assert not (tmp_path / "pg" / "reports.sqlite").exists()


def test_a_database_of_an_earlier_schema_gets_the_new_nullable_columns(tmp_path):
    """An older database lacks documents.rule_set: opening it adds the column,
    and a report can be stored and read back."""
    import sqlite3

    path = tmp_path / "old.sqlite"
    open_database(str(path)).dispose()
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE documents DROP COLUMN rule_set")
    engine = open_database(str(path))
    assert "rule_set" in {c["name"] for c in inspect(engine).get_columns("documents")}
    report = Report(source=Source(path="a.txt", sha256="ab" * 32), meta=Meta(), rule_set="cd" * 32)
    upsert_report(engine, report_rows(report.model_dump(mode="json")))
    assert stored_documents(engine)["ab" * 32].rule_set == "cd" * 32
    engine.dispose()


def test_a_tables_stated_unit_is_a_column_in_sql_and_parquet(tmp_path, sqlite_engine):
    """Table.unit (a 单位：万元 line above the table, or its caption's unit)
    is the ``unit`` column of ``tables``; null for a table that states none."""
    from extract.pipeline import Extractor

    text = ("一、资金使用情况\n各项目支出如下。\n表1 项目支出明细\n单位：万元\n"
            "序号\t项目名称\t支出金额\n1\t河道清淤工程\t56.20\n2\t堤防加固工程\t43.80\n合计\t\t100.00\n\n"
            "二、补充说明\n表2 受益人数\n序号\t乡镇\t人数\n1\t东镇\t120人\n2\t西镇\t80人\n")
    report = Extractor().parse_text(text, "units.txt")
    assert [t.unit for t in report.tables] == ["万元", None]
    upsert_report(sqlite_engine, report_rows(report))
    assert "unit" in {c["name"] for c in inspect(sqlite_engine).get_columns("tables")}
    stored = sorted((r["table_id"], r["unit"]) for r in table_contents(sqlite_engine)["tables"])
    assert [unit for _, unit in stored] == ["万元", None]
    database_to_parquet(sqlite_engine, tmp_path / "pq")
    assert SCHEMAS["tables"].field("unit").type == "string"
    assert sorted((r["table_id"], r["unit"]) for r in read_parquet_rows(tmp_path / "pq")["tables"]) == stored


def test_an_old_database_without_the_unit_column_gets_it(tmp_path):
    """A database made before ``tables.unit`` existed takes new rows: the
    column is added when it is opened."""
    path = tmp_path / "old.sqlite"
    engine = open_database(str(path))
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE tables DROP COLUMN unit")
    engine.dispose()
    engine = open_database(str(path))
    try:
        assert "unit" in {c["name"] for c in inspect(engine).get_columns("tables")}
        upsert_report(engine, rows_of(small_report()))
        assert [r["unit"] for r in table_contents(engine)["tables"]] == [None]
    finally:
        engine.dispose()


def test_parquet_copy_streams_and_leaves_pyarrow_as_it_was(tmp_path):
    """The Parquet copy converts rows a batch at a time (one row group each),
    and leaves pyarrow's own pandas conversions working in the same process
    (an earlier version hid pandas from pyarrow to save memory, which broke
    ``pa.array`` of a pandas Series with nulls afterwards). In a fresh
    interpreter: this one may have imported pandas already."""
    import subprocess
    import sys

    script = f"""
import sys
from extract.export import parquet
from extract.export.database import open_database, upsert_report
from extract.export.rows import report_rows
from extract.model import Report
parquet.BATCH_ROWS = 2
engine = open_database({str(tmp_path / "db.sqlite")!r})
upsert_report(engine, report_rows(Report.model_validate_json(open({str(tmp_path / "r.json")!r}).read())))
counts = parquet.database_to_parquet(engine, {str(tmp_path / "pq")!r})
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
assert pa.array(pd.Series([1, None], dtype="Int64")).null_count == 1
f = pq.ParquetFile({str(tmp_path / "pq" / "table_cells.parquet")!r})
assert f.metadata.num_row_groups == 2 and counts["table_cells"] == 4, (f.metadata.num_row_groups, counts)
frame = pq.read_table({str(tmp_path / "pq" / "documents.parquet")!r}).to_pandas()
assert list(frame["department"]) == ["江门市科学技术局"]
print("ok")
"""
    (tmp_path / "r.json").write_text(small_report().model_dump_json(), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.stdout.strip() == "ok", done.stderr
