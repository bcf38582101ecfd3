"""The HTML review page in a real browser: Debian's headless Chromium driven by
Playwright through its executable path (no browser is downloaded;
scripts/browser.sh installs Chromium, scripts/test.sh runs it first).

Skipped, saying why, only when Playwright or Chromium is missing or will not start.
A screenshot of the 2024 sample's page is saved to tests/artifacts/ (set
EXTRACT_DOCS_SCREENSHOT=1 to also refresh docs/review-2024.png)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE_2024

CHROMIUM = os.environ.get("EXTRACT_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-extensions", "--metrics-recording-only"]
ARTIFACTS = ROOT / "tests" / "artifacts"
HOSTILE = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"{CHROMIUM} is missing: scripts/browser.sh installs Debian's chromium")
    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        except Exception as e:  # noqa: BLE001 - any failure to start is a skip reason
            pytest.skip(f"Chromium at {CHROMIUM} would not start: {str(e).splitlines()[0]}")
        yield b
        b.close()


def check_html(report: Path, out: Path) -> list[dict]:
    """Run `extract check REPORT --format json --html OUT`; the failed findings."""
    exe = Path(sys.executable).with_name("extract")
    done = subprocess.run([str(exe), "check", str(report), "--format", "json", "--html", str(out)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode in (0, 1), done.stderr
    return [r for r in json.loads(done.stdout)["results"][0]["checks"] if r["status"] == "fail"]


@pytest.fixture(scope="module")
def page_2024(tmp_path_factory):
    out = tmp_path_factory.mktemp("review") / "review-2024.html"
    return out, check_html(SAMPLE_2024, out)


@pytest.fixture()
def open_page(browser):
    pages = []

    def go(path: Path, width=1280, height=900):
        context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri(), wait_until="load")
        pages.append(context)
        return page, requests

    yield go
    for c in pages:
        c.close()


def in_viewport(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    vp = page.viewport_size
    return (box is not None and box["y"] >= 0 and box["y"] + box["height"] <= vp["height"]
            and box["x"] >= 0 and box["x"] + box["width"] <= vp["width"])


def test_loads_from_file_with_no_network(open_page, page_2024):
    path, _ = page_2024
    page, requests = open_page(path)
    page.wait_for_timeout(200)
    assert requests == [path.as_uri()]
    assert page.title().startswith("审阅")


def test_highlights_match_json(open_page, page_2024):
    path, fails = page_2024
    page, _ = open_page(path)
    ids = page.evaluate("""() => {
        const s = new Set();
        document.querySelectorAll('#doc [data-findings]').forEach(
            e => e.getAttribute('data-findings').split(' ').forEach(i => s.add(i)));
        return [...s];
    }""")
    anchors = page.locator("#doc [id^='hl-']").count()
    assert len(ids) == anchors == len([r for r in fails if r["locations"]]) > 0
    assert page.locator("aside a.jump").count() == len(fails)


def test_click_in_side_list_scrolls_highlight_into_view(open_page, page_2024):
    path, fails = page_2024
    page, _ = open_page(path, height=700)
    links = page.locator("aside a.jump")
    n = links.count()
    outside = 0
    for i in [n - 1] + list(range(n - 1)):
        target = links.nth(i).get_attribute("data-target")
        page.evaluate("document.getElementById('doc').scrollTo(0, 0)")
        outside += not in_viewport(page, f"#{target}")
        links.nth(i).click()
        page.wait_for_timeout(50)
        assert in_viewport(page, f"#{target}"), f"{target} not in view after its click"
    assert outside, "some highlight started out of view (else the test proves nothing)"


def test_severity_filter_hides_warnings(open_page, page_2024):
    path, _ = page_2024
    page, _ = open_page(path)
    warning_item = page.locator("aside li.sev-warning").first
    assert warning_item.is_visible()
    page.locator(".filter input[data-sev='warning']").uncheck()
    assert not warning_item.is_visible()
    assert page.locator("aside li.sev-error").first.is_visible()
    assert not page.locator("#doc sup.tag.sev-warning").first.is_visible()


def test_script_in_document_renders_as_text(open_page, tmp_path):
    text = SAMPLE_2024.read_text(encoding="utf-8")
    report = tmp_path / "hostile.txt"
    report.write_text(text.replace("部门基本情况", "部门基本情况" + HOSTILE, 1), encoding="utf-8")
    out = tmp_path / "hostile.html"
    check_html(report, out)
    page, requests = open_page(out)
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert "<script>window.__pwned = 1</script>" in page.locator("#doc").inner_text()
    assert page.locator("#doc script, #doc img").count() == 0
    assert requests == [out.as_uri()]


def test_screenshot_of_2024_sample(open_page, page_2024):
    path, _ = page_2024
    page, _ = open_page(path, width=1280, height=860)
    # the indicator table with its failed row, and the side list
    page.locator("aside a.jump").nth(2).click()
    page.wait_for_timeout(1800)  # let the click's outline fade
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / ".gitignore").write_text("*\n", encoding="utf-8")
    shot = ARTIFACTS / "review-2024.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("EXTRACT_DOCS_SCREENSHOT") == "1":
        (ROOT / "docs").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "docs" / "review-2024.png"))


# ---------------------------------------------------------------- a PDF: its pages with the findings boxed

PDF_2024 = ROOT / "tests" / "fixtures" / "2024_jiangmen_kejiju_department_overall_self_evaluation.pdf"


def with_page(fails: list[dict]) -> list[dict]:
    return [r for r in fails if any(l["page"] is not None and l["bbox"] is not None for l in r["locations"])]


@pytest.fixture(scope="module")
def page_pdf(tmp_path_factory):
    """The review page of the fixture PDF made by scripts/make_fixtures.py."""
    out = tmp_path_factory.mktemp("review-pdf") / "review-pdf-2024.html"
    return out, check_html(PDF_2024, out)


def visible_count(page, selector: str) -> int:
    return page.evaluate("""s => [...document.querySelectorAll(s)].filter(
        e => e.offsetParent !== null && getComputedStyle(e).display !== 'none').length""", selector)


def test_pdf_pages_with_one_box_per_finding_and_no_network(open_page, page_pdf):
    path, fails = page_pdf
    page, requests = open_page(path)
    page.wait_for_timeout(300)
    assert requests == [path.as_uri()]  # the page images are inside the file
    assert page.locator("#doc figure.pdf-page img").count() == 8
    assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 1000)")
    assert page.locator("#doc a.pbox:not(.part)").count() == len(with_page(fails)) >= 7
    assert page.locator("aside a.jump").count() == len(fails)
    assert page.locator("#doc p.line").count() == 0


def test_pdf_click_on_box_shows_its_entry_and_back(open_page, page_pdf):
    path, fails = page_pdf
    page, _ = open_page(path, height=700)
    boxes = page.locator("#doc a.pbox:not(.part)")
    n = boxes.count()
    far = 0
    for i in range(n):
        box_id = boxes.nth(i).get_attribute("id")
        number = box_id.split("-")[1]
        page.evaluate("document.getElementById('findings').scrollTo(0, 0)")
        far += not in_viewport(page, f"#item-{number}")
        page.locator(f"#{box_id} .num").click()  # the number: boxes at one spot share their area
        page.wait_for_timeout(50)
        assert in_viewport(page, f"#item-{number}"), f"entry {number} not shown after its box's click"
        page.evaluate("document.getElementById('doc').scrollTo(0, 0)")
        page.locator(f"#item-{number} a.jump").click()
        page.wait_for_timeout(50)
        assert in_viewport(page, f"#{box_id}"), f"box {number} not in view after its entry's click"
    assert far, "some entry started out of view (else the test proves nothing)"


def test_pdf_filters_by_rule_section_and_search(open_page, page_pdf):
    path, fails = page_pdf
    page, _ = open_page(path)
    total = len(fails)
    enumeration = [r for r in fails if r["rule"] == "enumeration_order"]
    page.select_option("#filter-rule", "enumeration_order")
    assert visible_count(page, "aside li[data-finding]") == len(enumeration) == 3
    assert visible_count(page, "#doc a.pbox:not(.part)") == 3
    assert page.locator("#shown").inner_text() == f"显示 3 / {total} 项"
    page.select_option("#filter-rule", "")
    page.fill("#filter-text", "六是")
    assert visible_count(page, "aside li[data-finding]") == 1
    assert visible_count(page, "#doc a.pbox") == 1
    page.fill("#filter-text", "")
    sections = page.locator("#filter-section option").evaluate_all("os => os.map(o => o.value)")
    assert len(sections) >= 3
    counts = []
    for value in sections[1:]:
        page.select_option("#filter-section", value)
        counts.append(visible_count(page, "aside li[data-finding]"))
        assert visible_count(page, "#doc a.pbox:not(.part)") == counts[-1]
    assert sum(counts) == total and all(counts)
    page.select_option("#filter-section", "")
    page.locator(".filter input[data-sev='warning']").uncheck()
    assert visible_count(page, "#doc a.pbox:not(.part)") == sum(1 for r in with_page(fails)
                                                              if r["severity"] != "warning")


def test_pdf_script_in_document_renders_as_text(open_page, tmp_path):
    """A PDF made by the fixture script's own PDF writer, markup in its text."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from make_fixtures import plain_pdf
    finally:
        sys.path.pop(0)
    report = tmp_path / "hostile.pdf"
    report.write_bytes(plain_pdf(["Performance self-evaluation 2024 " + HOSTILE, "Adjusted budget 7406.91"]))
    out = tmp_path / "hostile.html"
    fails = check_html(report, out)
    page, requests = open_page(out)
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#doc a.pbox:not(.part)").count() == len(with_page(fails)) == 1
    assert "<script>window.__pwned = 1</script>" in page.locator("#doc a.pbox").first.get_attribute("title")
    assert "<script>" in page.locator("header h1").inner_text()
    assert page.locator("#doc script, aside script, header script").count() == 0
    assert page.locator("img").count() == 1  # the page image, no other
    assert requests == [out.as_uri()]


def test_screenshot_of_pdf_review(open_page, page_pdf):
    path, _ = page_pdf
    page, _ = open_page(path, width=1280, height=860)
    # the indicator table's missed target on page 4, boxed, and the side list
    page.locator("aside a.jump[data-finding='f2']").click()
    page.wait_for_timeout(1800)  # let the click's outline fade
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / ".gitignore").write_text("*\n", encoding="utf-8")
    shot = ARTIFACTS / "review-pdf-2024.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("EXTRACT_DOCS_SCREENSHOT") == "1":
        (ROOT / "docs").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "docs" / "review-pdf-2024.png"))


# ---------------------------------------------------------------- decisions on the page (issue 21)

def run_cli(*args) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("extract")
    return subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True, timeout=60)


def test_decide_on_the_page_download_import_and_the_next_check_shows_it(open_page, tmp_path):
    import csv
    import shutil

    draft = tmp_path / "草稿.txt"
    shutil.copy(SAMPLE_2024, draft)
    out = tmp_path / "review.html"
    fails = check_html(draft, out)
    errors = [r for r in fails if r["severity"] == "error"]
    assert errors, "the 2024 sample has errors to dismiss"
    page, requests = open_page(out)
    page.fill("#reviewer", "王审阅")
    first = page.locator(f"aside .decide[data-fingerprint='{errors[0]['fingerprint']}']")
    # a dismissal needs a note: without one nothing is recorded
    first.locator("button.dismiss").click()
    assert "须写明理由" in first.inner_text() and page.inner_text("#made") == "本页新作处理 0 项"
    first.locator("input.note").fill("口径不同，已与财务核实")
    first.locator("button.dismiss").click()
    assert "处理：不是问题：口径不同，已与财务核实（王审阅，" in first.inner_text()
    for r in errors[1:]:
        box = page.locator(f"aside .decide[data-fingerprint='{r['fingerprint']}']")
        box.locator("input.note").fill("表述从宽")
        box.locator("button.dismiss").click()
    accepted = next(r for r in fails if r["severity"] != "error")
    page.locator(f"aside .decide[data-fingerprint='{accepted['fingerprint']}'] button.accept").click()
    assert page.inner_text("#made") == f"本页新作处理 {len(errors) + 1} 项"

    with page.expect_download() as got:
        page.click("#download-review")
    assert got.value.suggested_filename == "草稿.review.json"
    downloaded = tmp_path / "下载.review.json"
    got.value.save_as(downloaded)
    with page.expect_download() as sheet:
        page.click("#download-sheet")
    assert sheet.value.suggested_filename == "草稿.findings.csv"
    sheet_path = tmp_path / "问题清单.csv"
    sheet.value.save_as(sheet_path)
    assert requests == [out.as_uri()]  # nothing fetched, the downloads included

    with open(sheet_path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(fails)
    by_fp = {row["指纹"]: row for row in rows}
    assert by_fp[errors[0]["fingerprint"]]["处理"] == "不是问题"
    assert by_fp[errors[0]["fingerprint"]]["备注"].startswith("口径不同，已与财务核实（王审阅，")
    assert by_fp[accepted["fingerprint"]]["处理"] == "确认"
    assert by_fp[errors[0]["fingerprint"]]["规则"] == errors[0]["rule"]

    assert run_cli("check", draft).returncode == 1  # nothing decided yet
    imported = run_cli("review", "import", draft, downloaded)
    assert imported.returncode == 0, imported.stderr
    again = run_cli("check", draft)
    assert again.returncode == 0, again.stdout  # every error dismissed
    assert "处理：不是问题：口径不同，已与财务核实（王审阅，" in again.stdout
    assert "处理：确认" in again.stdout

    # the next page shows the decisions with who and when
    check_html(draft, out)
    page, _ = open_page(out)
    text = page.locator(f"aside .decide[data-fingerprint='{errors[0]['fingerprint']}'] p.decision").inner_text()
    assert text.startswith("处理：不是问题：口径不同，已与财务核实（王审阅，20")
    assert page.locator("aside li.decided-dismiss").count() == len(errors)
    assert page.locator("aside p.decision").count() == len(errors) + 1
