"""The CLI as a user runs it: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from extract.cli import main

from conftest import SAMPLE_2022, SAMPLE_2024, SAMPLES


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_parse_to_stdout_validates():
    from extract.model import Report

    r = run("parse", str(SAMPLE_2022), "--no-checks")
    assert r.exit_code == 0, r.output
    report = Report.model_validate_json(r.stdout)
    assert report.meta.year == 2022 and report.budget.executed is not None


def test_parse_many_into_directory(tmp_path):
    r = run("parse", str(SAMPLE_2022), str(SAMPLE_2024), "--out", str(tmp_path), "--no-checks")
    assert r.exit_code == 0, r.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [SAMPLE_2022.stem + ".json", SAMPLE_2024.stem + ".json"]
    data = json.loads((tmp_path / names[1]).read_text(encoding="utf-8"))
    assert data["schema_version"] and data["funds"][0]["amount"]["value"] == "1752.99"


def test_several_reports_without_out_is_a_usage_error():
    r = run("parse", str(SAMPLE_2022), str(SAMPLE_2024))
    assert r.exit_code == 2


@pytest.mark.parametrize("content,reason", [(b"", "empty"), (b"\x00\x01\x02" * 100, "binary"),
                                            ("正文".encode() + b"\xff\xfe\x80", "UTF-8")])
def test_bad_input_one_line_exit_2(tmp_path, content, reason):
    p = tmp_path / "坏 文件.txt"
    p.write_bytes(content)
    r = run("parse", str(p))
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and str(p) in lines[0] and reason in lines[0]
    assert "Traceback" not in r.output


def test_missing_file_and_legacy_formats(tmp_path):
    r = run("parse", str(tmp_path / "nope.txt"))
    assert r.exit_code == 2 and "no such file" in r.stderr
    doc = tmp_path / "草稿.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    r = run("parse", str(doc))
    assert r.exit_code == 2 and ".docx or PDF" in r.stderr


def test_debug_shows_traceback(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    r = run("parse", str(p), "--debug")
    assert r.exit_code != 0 and r.exception is not None


def test_bad_rules_dir_is_exit_2(rules_copy):
    (rules_copy / "headings.yaml").write_text("styles: {}\nnope: 1\n", encoding="utf-8")
    r = run("parse", str(SAMPLE_2022), "--rules", str(rules_copy))
    assert r.exit_code == 2 and "nope" in r.stderr


def test_schema_is_json_schema():
    r = run("schema")
    schema = json.loads(r.stdout)
    assert {"schema_version", "source", "meta", "sections", "tables", "claims", "budget", "funds",
            "indicators", "checks"} <= set(schema["properties"])


def test_python_dash_m_works():
    out = subprocess.run([sys.executable, "-m", "extract", "parse", str(SAMPLE_2022), "--compact", "--no-checks"],
                         capture_output=True, text=True, check=True).stdout
    assert out.count("\n") == 1 and json.loads(out)["meta"]["grade"] == "优"


def test_unreachable_postgresql_is_one_line_exit_2(tmp_path):
    """Nothing listens on port 1: a one-line error naming the database
    (password hidden), never an internal error (issue 19)."""
    (tmp_path / "json").mkdir()
    url = "postgresql://someone:secret@127.0.0.1:1/reports"
    for args in (["export", str(tmp_path / "json"), "--db", url],
                 ["batch", str(SAMPLES), "--out", str(tmp_path / "out"), "--db", url]):
        r = CliRunner().invoke(main, args)
        assert r.exit_code == 2, r.output
        line = r.output.strip()
        assert len(line.splitlines()) == 1 and "cannot connect to the database" in line
        assert "secret" not in line and "internal error" not in line
