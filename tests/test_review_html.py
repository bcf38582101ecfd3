"""The HTML review page (extract.report.html), rendered and read back as text."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from extract.load import load_document
from extract.model import CheckResult
from extract.pipeline import parse_file
from extract.report.html import render_review, write_review

from conftest import SAMPLE_2024

ANCHOR = re.compile(r'id="hl-(\d+)"')
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">'


def page_of(path) -> str:
    return render_review(parse_file(path), load_document(path).source.text)


def failed(report):
    return [r for r in report.checks if r.status == "fail"]


@pytest.fixture(scope="module")
def page_2024(report_2024) -> str:
    return render_review(report_2024, load_document(SAMPLE_2024).source.text)


@pytest.fixture(scope="module")
def hostile_txt(tmp_path_factory) -> Path:
    """The 2024 sample with markup and script in its text."""
    text = SAMPLE_2024.read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    path.write_text(text.replace("部门基本情况", "部门基本情况" + HOSTILE, 1), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def bad_total_txt(tmp_path_factory) -> Path:
    """The 2024 sample with the total of table 1 off by 100."""
    text = SAMPLE_2024.read_text(encoding="utf-8")
    assert "合 计\t6159.90" in text
    path = tmp_path_factory.mktemp("total") / "bad_total.txt"
    path.write_text(text.replace("合 计\t6159.90", "合 计\t6259.90"), encoding="utf-8")
    return path


def test_one_anchor_per_finding_with_locations(report_2024, page_2024):
    fails = failed(report_2024)
    assert fails, "the 2024 sample has findings"
    anchors = ANCHOR.findall(page_2024)
    assert len(anchors) == len(set(anchors)) == sum(1 for r in fails if r.locations)
    highlighted = set()
    for ids in re.findall(r'data-findings="([^"]*)"', page_2024):
        highlighted.update(ids.split())
    assert highlighted == {f"f{n}" for n in anchors}
    # every anchor has a side-list link that jumps to it
    for n in anchors:
        assert f'href="#hl-{n}"' in page_2024


def test_severity_by_colour_and_label(page_2024):
    assert re.search(r'<sup class="tag sev-error" id="hl-\d+" data-finding="f\d+">错误\d+</sup>', page_2024)
    assert re.search(r'<sup class="tag sev-warning" id="hl-\d+" data-finding="f\d+">警告\d+</sup>', page_2024)
    assert "--error:" in page_2024 and "--warning:" in page_2024


def test_summary_header(page_2024):
    header = page_2024.split("</header>")[0]
    for text in ("江门市科学技术局", "2024", "99.99", "优秀", "错误 2 项", "警告 7 项",
                 "15140万元", "7406.91万元", "6159.9万元", "83.2%", "1247.01万元"):
        assert text in header, text


def test_side_list_grouped_by_severity_then_kind(report_2024, page_2024):
    aside = page_2024.split('<aside id="findings">')[1].split("</aside>")[0]
    assert aside.index("错误（2）") < aside.index("警告（5）") < aside.index("稿件规范（2）")
    for r in failed(report_2024):
        assert f"<h4>{r.kind}（" in aside
    assert "未能检查（3" in aside


def test_indicator_table_met_per_row(report_2024, page_2024):
    assert "<th>完成情况</th>" in page_2024
    for met, verdict, name in (("true", True, "达成"), ("false", False, "未达成")):
        n = sum(1 for i in report_2024.indicators if i.met is verdict)
        assert page_2024.count(f'<td class="met met-{met}">{name}</td>') == n


def test_failing_total_marks_cell_with_expected(bad_total_txt):
    report = parse_file(bad_total_txt)
    total = [r for r in failed(report) if r.rule == "table_totals"]
    assert len(total) == 1 and total[0].expected == "6159.90"
    page = render_review(report, load_document(bad_total_txt).source.text)
    cell = re.search(r'<td class="sev-error" data-findings="[^"]*"[^>]*>(<sup[^>]*>[^<]*</sup>)*'
                     r'6259.90<span class="expected">应为 6159.90</span></td>', page)
    assert cell, "the total cell is marked, expected beside stated"
    # the anchor of a total is the total cell itself (its first location)
    assert 'id="hl-' in cell.group(0)


def test_document_markup_is_escaped(hostile_txt):
    page = page_of(hostile_txt)
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "<img" not in page
    assert page.count("<script") == 1  # the page's own
    assert 'onerror="' not in page


def test_self_contained_no_external_references(page_2024):
    assert not re.search(r'(src|href)\s*=\s*"(?!#)', page_2024)
    assert "@import" not in page_2024 and "url(" not in page_2024
    assert "Content-Security-Policy" in page_2024


def test_fonts_and_print_stylesheet(page_2024):
    for font in ("Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC"):
        assert font in page_2024
    assert "@media print" in page_2024


def test_finding_without_location_is_listed_not_anchored(report_2024):
    report = report_2024.model_copy(deep=True)
    report.checks.append(CheckResult(rule="x_rule", kind="x_kind", severity="info", status="fail",
                                     message="无定位的提示 <b>粗</b>"))
    page = render_review(report, load_document(SAMPLE_2024).source.text)
    assert "无定位的提示 &lt;b&gt;粗&lt;/b&gt;" in page
    assert len(ANCHOR.findall(page)) == sum(1 for r in failed(report) if r.locations)


def test_write_review_loads_source(report_2024, tmp_path):
    out = tmp_path / "sub" / "review.html"
    write_review(report_2024, out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_check_html(tmp_path):
    out = tmp_path / "review.html"
    exe = Path(sys.executable).with_name("extract")
    done = subprocess.run([str(exe), "check", str(SAMPLE_2024), "--format", "json", "--html", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert out.is_file() and 'id="hl-1"' in out.read_text(encoding="utf-8")


def test_page_shows_decisions_with_who_and_when_and_stale_ones(report_2024):
    import json as json_module
    from html import unescape

    from extract.review import Decision, Review, fingerprint_findings, in_check_order

    (fp, finding), *_ = fingerprint_findings(in_check_order(report_2024.checks))
    review = Review(report="x.txt", decisions=[
        Decision(fingerprint=fp, decision="dismiss", note="口径不同", by="张三", at="2026-11-30T08:00:00+00:00",
                 rule=finding.rule),
        Decision(fingerprint="f" * 16, decision="accept", by="李四", at="2026-11-29T08:00:00+00:00",
                 rule="table_totals", quote="合计 100")])
    page = render_review(report_2024, load_document(SAMPLE_2024).source.text, review=review)
    assert "处理：不是问题：口径不同（张三，2026-11-30）" in page
    assert "过期的处理（1，其发现已不存在）" in page and "#" + "f" * 16 in page
    assert page.count('class="decide"') == len(failed(report_2024))
    data = json_module.loads(unescape(re.search(r"data-review='([^']*)'", page).group(1)))
    assert [d["fingerprint"] for d in data["decisions"]] == [fp, "f" * 16]  # the download keeps both
    assert data["rows"][fp]["处理"] == "不是问题" and data["rows"][fp]["指纹"] == fp
    assert data["sidecar"].endswith(".review.json")
