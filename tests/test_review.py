"""Fingerprints of findings, decisions in the sidecar, and the findings spreadsheet (issue 21)."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from extract.check_run import CheckRun, check_file
from extract.cli import main
from extract.export.findings_sheet import COLUMNS, write_findings
from extract.pipeline import Extractor
from extract.review import (Decision, Review, ReviewError, decide, fingerprint_findings, import_review,
                            load_review, merge_reviews, save_review, sidecar_path)

from conftest import SAMPLE_2024

# a figure of metric_consistency's finding, and a sentence no finding quotes
FIGURE, EDITED_FIGURE = "高新技术企业1050家", "高新技术企业1060家"


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "草稿.txt"
    shutil.copy(SAMPLE_2024, path)
    return path


def fingerprints(path, extractor) -> dict[str, str]:
    """fingerprint -> rule of every finding of ``path``."""
    return {fp: r.rule for fp, r in fingerprint_findings(check_file(path, extractor).findings)}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_fingerprints_are_stable_across_reruns_and_edits_elsewhere(draft, extractor):
    first = fingerprints(draft, extractor)
    assert len(first) == 9 and all(len(fp) == 16 for fp in first)
    assert fingerprints(draft, extractor) == first
    text = draft.read_text(encoding="utf-8")
    # lines inserted near the top move every finding down: the line numbers change, the fingerprints do not
    lines = text.split("\n")
    lines.insert(3, "（本稿为征求意见稿。）\n")
    draft.write_text("\n".join(lines), encoding="utf-8")
    moved = check_file(draft, extractor)
    assert fingerprints(draft, extractor) == first
    assert moved.findings[0].locations[0].line != check_file(SAMPLE_2024, extractor).findings[0].locations[0].line


def test_fingerprint_changes_with_the_figure(draft, extractor):
    first = fingerprints(draft, extractor)
    text = draft.read_text(encoding="utf-8")
    assert FIGURE in text
    draft.write_text(text.replace(FIGURE, EDITED_FIGURE), encoding="utf-8")
    after = fingerprints(draft, extractor)
    gone = {fp: rule for fp, rule in first.items() if fp not in after}
    assert set(gone.values()) == {"metric_consistency"}
    assert {fp: rule for fp, rule in first.items() if fp in after} == {
        fp: rule for fp, rule in after.items() if fp in first}


def test_fingerprints_in_json_and_sarif(draft):
    data = json.loads(run("check", draft, "--format", "json").output)
    checks = data["results"][0]["checks"]
    assert all(("fingerprint" in c) == (c["status"] == "fail") for c in checks)
    sarif = json.loads(run("check", draft, "--format", "sarif").output)
    marks = [r["partialFingerprints"]["extractFinding/v1"] for r in sarif["runs"][0]["results"]]
    assert sorted(marks) == sorted(c["fingerprint"] for c in checks if "fingerprint" in c)
    assert f"#{marks[0]}" in run("check", draft).output


def test_dismissing_the_errors_passes_the_exit_code(draft, extractor):
    outcome = check_file(draft, extractor)
    errors = [fp for fp, r, _ in outcome.fingerprinted() if r.severity == "error"]
    assert CheckRun([outcome]).exit_code() == 1
    for fp in errors:
        decide(draft, outcome.results, fp, "dismiss", note="口径不同", by="张三")
    with pytest.raises(ReviewError):
        decide(draft, outcome.results, errors[0], "dismiss", note=" ")
    assert sidecar_path(draft).name == "草稿.review.json"
    saved = json.loads(sidecar_path(draft).read_text(encoding="utf-8"))
    assert saved["review_version"] == 1 and [d["fingerprint"] for d in saved["decisions"]] == errors
    again = check_file(draft, extractor)
    assert set(again.decisions) == set(errors) and not again.stale
    assert CheckRun([again]).exit_code() == 0
    r = run("check", draft)
    assert r.exit_code == 0, r.output
    assert "处理：不是问题：口径不同（张三，" in r.output
    sarif = json.loads(run("check", draft, "--format", "sarif").output)
    assert sum(1 for x in sarif["runs"][0]["results"] if x.get("suppressions")) == len(errors)


def test_an_accepted_finding_still_counts(draft):
    fp = next(line.rsplit("#", 1)[1] for line in run("check", draft).output.splitlines() if "[target_rating]" in line)
    r = run("review", "accept", draft, fp[:8], "--by", "李四")
    assert r.exit_code == 0, r.output
    assert run("check", draft).exit_code == 1
    decision = next(c["decision"] for c in json.loads(run("check", draft, "--format", "json").output)
                    ["results"][0]["checks"] if c.get("fingerprint") == fp)
    assert decision["decision"] == "accept" and decision["by"] == "李四"


def test_a_decision_whose_finding_is_gone_is_stale(draft, extractor):
    outcome = check_file(draft, extractor)
    fp = next(fp for fp, r, _ in outcome.fingerprinted() if r.rule == "metric_consistency")
    decide(draft, outcome.results, fp, "dismiss", note="表内为户数", by="张三")
    draft.write_text(draft.read_text(encoding="utf-8").replace(FIGURE, EDITED_FIGURE), encoding="utf-8")
    again = check_file(draft, extractor)
    assert [d.fingerprint for d in again.stale] == [fp]
    out = run("check", draft).output
    assert "过期的处理（1，其发现已不存在）" in out and f"#{fp}" in out
    data = json.loads(run("check", draft, "--format", "json").output)
    assert [d["fingerprint"] for d in data["results"][0]["stale"]] == [fp]
    assert load_review(sidecar_path(draft)).by_fingerprint()[fp].note == "表内为户数"  # kept, not dropped


def test_unknown_fingerprint_and_bad_sidecar_are_bad_input(draft):
    r = run("review", "dismiss", draft, "ffffffff", "--note", "x")
    assert r.exit_code == 2 and "names no finding" in r.output
    sidecar_path(draft).write_text("{not json", encoding="utf-8")
    r = run("check", draft)
    assert r.exit_code == 1 and "处理记录无法读取" in r.output


def test_import_merges_the_later_decision(draft, tmp_path):
    old = Decision(fingerprint="a" * 16, decision="accept", by="张三", at="2026-12-01T08:00:00+00:00")
    save_review(Review(decisions=[old]), sidecar_path(draft))
    newer = old.model_copy(update={"decision": "dismiss", "note": "已核实", "at": "2026-12-02T08:00:00+00:00"})
    other = Decision(fingerprint="b" * 16, decision="accept", at="2026-12-01T09:00:00+00:00")
    download = tmp_path / "下载.review.json"
    save_review(Review(decisions=[newer, other]), download)
    r = run("review", "import", draft, download)
    assert r.exit_code == 0 and "2 decision(s)" in r.output
    merged = load_review(sidecar_path(draft)).by_fingerprint()
    assert merged["a" * 16].decision == "dismiss" and "b" * 16 in merged
    assert merge_reviews(Review(decisions=[newer]), Review(decisions=[old])) == (Review(decisions=[newer]), 0)
    assert import_review(draft, download) == 0


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_findings_sheet(draft, tmp_path, suffix):
    import pandas as pd

    target = tmp_path / "out" / f"findings{suffix}"
    r = run("check", draft, "--export", target)
    assert r.exit_code == 1 and target.exists()
    table = pd.read_excel(target) if suffix == ".xlsx" else pd.read_csv(target, encoding="utf-8-sig")
    assert tuple(table.columns) == COLUMNS and len(table) == 9
    assert set(table["严重程度"]) == {"错误", "警告"}
    assert table["文件"].iloc[0] == str(draft) and table["行"].iloc[0] == "69、100"
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        ws = load_workbook(target).active
        assert [c.value for c in ws[1]] == list(COLUMNS) and all(c.font.bold for c in ws[1])
        assert ws.auto_filter.ref == f"A1:L{len(table) + 1}" and ws.max_row == len(table) + 1
        assert ws.column_dimensions["G"].width > ws.column_dimensions["D"].width


def test_export_rejects_other_suffixes(draft, tmp_path):
    r = run("check", draft, "--export", tmp_path / "findings.ods")
    assert r.exit_code == 2 and "--export writes .xlsx or .csv" in r.output
    with pytest.raises(ValueError):
        write_findings(CheckRun([]), tmp_path / "x.txt")
