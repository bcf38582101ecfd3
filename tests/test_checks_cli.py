"""`extract check`: text and JSON output, exit codes, --fail-on, --rules."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from extract.cli import main
from extract.report.text import render_text

from conftest import copy_rules

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SAMPLE_2022 = SAMPLES / "2022_jiangmen_kejiju_project_self_evaluation.txt"
SAMPLE_2024 = SAMPLES / "2024_jiangmen_kejiju_department_overall_self_evaluation.txt"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_text_output_groups_findings_by_severity():
    r = run("check", SAMPLE_2024)
    assert r.exit_code == 1, r.output
    out = r.output
    # 警告 7: five check warnings and two slips of the draft (稿件规范)
    assert re.fullmatch(rf"{re.escape(str(SAMPLE_2024))}：错误 2 项，警告 7 项，提示 0 项（通过 \d+ 项，未能检查 \d+ 项）",
                        out.splitlines()[0])
    assert out.index("错误（") < out.index("警告（5）") < out.index("稿件规范（2）") < out.index("未能检查（")
    assert "  [警告] 第106行  “,,”：标点重复  [punctuation]" in out
    assert "第69行  指标“补助高新技术企业数量”未完成" in out
    assert "原文：补助高新技术企业数量 | ≥700 家 | 105 家" in out
    assert "应为：≥700家    实为：105家" in out
    assert "第106行" in out and "缺少“五是”" in out


def test_clean_report_exits_zero():
    r = run("check", SAMPLE_2022)
    assert r.exit_code == 0, r.output
    assert "错误 0 项" in r.output and "错误（" not in r.output


def test_json_output_is_the_check_results():
    r = run("check", SAMPLE_2024, "--format", "json")
    assert r.exit_code == 1
    data = json.loads(r.output)
    assert set(data) == {"summary", "results"} and len(data["results"]) == 1
    checks = data["results"][0]["checks"]
    keys = {"rule", "kind", "severity", "status", "message", "expected", "stated", "quote", "locations"}
    # a finding also carries its fingerprint (extract.review)
    assert checks and all(set(d) == keys | ({"fingerprint"} if d["status"] == "fail" else set()) for d in checks)
    rate = next(d for d in checks if d["rule"] == "rate" and d["status"] == "pass")
    assert rate["expected"] == "83.16%" and rate["locations"][0]["line"] == 43
    assert rate["severity"] is None


def test_fail_on_warning(tmp_path):
    doc = tmp_path / "draft.txt"
    doc.write_text("一、基本情况\n\n一是加强预算管理。三是规范资金使用。\n", encoding="utf-8")
    assert run("check", doc).exit_code == 0
    r = run("check", doc, "--fail-on", "warning")
    assert r.exit_code == 1 and "警告（1）" in r.output


def test_bad_input_exits_two(tmp_path):
    r = run("check", tmp_path / "missing.txt")
    assert r.exit_code == 2 and "no such file" in r.output
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert run("check", empty).exit_code == 2


def _rules_copy(tmp_path) -> Path:
    return copy_rules(tmp_path / "rules")


def test_rules_folder_can_disable_checks(tmp_path):
    folder = _rules_copy(tmp_path)
    text = (folder / "checks.yaml").read_text(encoding="utf-8")
    text = text.replace("disabled: []", "disabled: [target, count_in_words, metric_consistency]")
    (folder / "checks.yaml").write_text(text, encoding="utf-8")
    r = run("check", SAMPLE_2024, "--rules", folder)
    assert r.exit_code == 0, r.output
    assert "错误 0 项，警告 5 项" in r.output  # 3 checks and 2 slips of the draft (稿件规范)


def test_a_bad_rule_file_is_bad_input(tmp_path):
    folder = _rules_copy(tmp_path)
    text = (folder / "checks.yaml").read_text(encoding="utf-8")
    (folder / "checks.yaml").write_text(text.replace("  rate: error", "  rates: error"), encoding="utf-8")
    r = run("check", SAMPLE_2024, "--rules", folder)
    assert r.exit_code == 2
    assert "checks.yaml" in r.output and "rates" in r.output


def test_parse_output_includes_the_checks():
    r = run("parse", SAMPLE_2022, "--compact")
    assert r.exit_code == 0
    checks = json.loads(r.output)["checks"]
    assert any(c["rule"] == "growth" and c["status"] == "pass" for c in checks)


def test_render_text_of_nothing():
    assert render_text([], "x.txt").startswith("x.txt：错误 0 项，警告 0 项，提示 0 项（通过 0 项，未能检查 0 项）")
