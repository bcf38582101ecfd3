"""The export split (issue 13 part B): schema derived from the models, rows
from the same declarations, one orchestration, no import loops; and the
output as it was before the split.

tests/fixtures/export/ holds what the code before the split (one
export/sql.py) made: the DDL of every table on SQLite and PostgreSQL, and
the rows of a hand-made report. The split must give the same, except the
change that came with the forms tables: ``indicators`` may name a form
(``form_id``) instead of a table, so ``table_id`` may be null.
"""

from __future__ import annotations

import ast
import difflib
import json
from pathlib import Path

import pytest
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.schema import CreateIndex, CreateTable

from extract.export.rows import report_rows
from extract.export.schema import MODEL_TABLES, TABLES, resolve
from extract.model import Report

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "export"
SRC = HERE.parent / "src" / "extract"


def ddl(table, dialect) -> str:
    return (str(CreateTable(table).compile(dialect=dialect)).strip() + "\n"
            + "\n".join(sorted(str(CreateIndex(i).compile(dialect=dialect)) for i in table.indexes)))


INDICATORS_CHANGE = {
    "-\ttable_id VARCHAR(64) NOT NULL, ", "+\ttable_id VARCHAR(64), ", "+\tform_id VARCHAR(64), ",
    "+\tFOREIGN KEY(document_id, form_id) REFERENCES forms (document_id, form_id), ",
}
# issue 22: the unit a table states once (Table.unit, 单位：万元) is a column of ``tables``
TABLES_CHANGE = {"+\tunit TEXT, "}
# the code that made a document (Report.extractor), recorded by batch for its resume key
DOCUMENTS_CHANGE = {"+\textractor VARCHAR(64), "}
CHANGES = {"indicators": INDICATORS_CHANGE, "tables": TABLES_CHANGE, "documents": DOCUMENTS_CHANGE}


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.dialect()], ids=["sqlite", "postgresql"])
def test_the_derived_schema_is_the_schema_written_by_hand_before(dialect):
    before = json.loads((FIXTURES / "schema_ddl_before_split.json").read_text(encoding="utf-8"))
    now = {t.name: ddl(t, dialect) for t in TABLES}
    for key, text in before.items():
        name, dialect_name = key.split("/")
        if dialect_name != dialect.name:
            continue
        diff = {line for line in difflib.unified_diff(text.splitlines(), now[name].splitlines(), lineterm="", n=0)
                if line[:1] in "+-" and not line.startswith(("+++", "---"))}
        assert diff == CHANGES.get(name, set()), name


def test_rows_are_the_rows_made_before_the_split():
    data = Report.model_validate_json((FIXTURES / "small_report.json").read_text(encoding="utf-8")) \
        .model_dump(mode="json")
    before = json.loads((FIXTURES / "rows_before_split.json").read_text(encoding="utf-8"))
    now = report_rows(data)
    for row in now["files"]:
        row.pop("converted_at")
    for name, rows in before.items():
        got = now[name]
        if name == "indicators":  # the form's indicator names its form, not a table
            for old in rows:
                if old["table_id"] == "form1":
                    old["table_id"], old["form_id"] = None, "form1"
                else:
                    old["form_id"] = None
        if name == "tables":  # the hand-made report's table states no unit
            rows = [{**old, "unit": None} for old in rows]
        if name == "documents":  # made by no batch: no extractor recorded
            rows = [{**old, "extractor": None} for old in rows]
        assert got == rows, name
    assert now["forms"] and now["form_funds"] and now["form_indicators"]


def test_every_field_path_names_a_field_of_its_model():
    for spec in MODEL_TABLES.values():
        for f in spec.fields:
            resolve(spec.model, f.path)  # raises for a path that names nothing


def _imports(path: Path, package: str) -> set[str]:
    """The modules of extract that the module at ``path`` imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            found.add(".".join(base + ([node.module] if node.module else [])))
            if not node.module:
                found.update(".".join(base + [a.name]) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("extract"):
            found.add(node.module)
    return found


def test_export_modules_and_limits_form_no_loop():
    modules = {f"extract.export.{p.stem}": p for p in (SRC / "export").glob("*.py") if p.stem != "__init__"}
    graph = {name: {m for m in _imports(p, "extract.export") if m in modules} for name, p in modules.items()}

    def reaches(start, goal, seen=()):
        return any(m == goal or (m not in seen and reaches(m, goal, (*seen, m))) for m in graph[start])

    assert not [m for m in graph if reaches(m, m)], graph
    # limits is policy: it imports no stage (no pipeline, no loader)
    assert _imports(SRC / "limits.py", "extract") <= {"extract.errors"}
    assert "extract.export.parquet" not in _imports(SRC / "batch.py", "extract")  # through archive
