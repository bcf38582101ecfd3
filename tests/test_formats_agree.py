"""One report, every form: the text dump, the .docx, the PDF printed from it,
the HTML page and the scanned PDF give the same structured data.

Compared through :func:`extract.pipeline.parse_file`: tables (cells, header
rows, columns, totals), fund rows, indicators, budget figures, meta and
check results. Locations differ by nature (lines, pages, boxes) and are left
out, as are the line numbers check messages quote; quotes are each form's
own source text, so they are compared without white space (each layout
breaks and spaces lines its own way). The scanned PDF is read
by OCR (the ``ocr`` extra, slow): its differences are only those named in
:data:`OCR_MISREADS`, and its tables and figures must agree all the same.
"""

from __future__ import annotations

import re
import shutil

import pytest

from extract.errors import CorruptDocument
from extract.pipeline import parse_file

from conftest import ROOT, SAMPLES

FIXTURES = ROOT / "tests" / "fixtures"
STEMS = ["2022_jiangmen_kejiju_project_self_evaluation", "2024_jiangmen_kejiju_department_overall_self_evaluation"]
FORMS = ["docx", "pdf", "html"]
COMPARED = ("tables", "funds", "indicators", "budget", "meta", "checks")
# Characters OCR reads differently from the text layer, as (written, read):
# PP-OCR gives ASCII brackets for full-width ones and full-width commas and
# colons for ASCII ones. Nothing else may differ.
OCR_MISREADS = [("（", "("), ("）", ")"), (",", "，"), (":", "：")]


def _without_locations(value):
    if isinstance(value, dict):
        return {k: "".join(v.split()) if k == "quote" and v else _without_locations(v)
                for k, v in value.items() if k not in ("location", "locations")}
    if isinstance(value, list):
        return [_without_locations(v) for v in value]
    if isinstance(value, str):
        return re.sub(r"第\d+行", "第N行", value)  # check messages quote source lines
    return value


def comparable(report) -> dict:
    """The fields every form must agree on, without locations."""
    data = report.model_dump(mode="json")
    return {k: _without_locations(data[k]) for k in COMPARED}


@pytest.fixture(scope="module")
def from_text():
    return {stem: comparable(parse_file(SAMPLES / f"{stem}.txt")) for stem in STEMS}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("stem", STEMS)
def test_form_gives_the_same_data_as_the_text(from_text, stem, form):
    report = parse_file(FIXTURES / f"{stem}.{form}")
    assert report.source.format == form
    got, want = comparable(report), from_text[stem]
    for key in COMPARED:
        assert got[key] == want[key], key


def test_the_comparison_has_substance(from_text):
    data = from_text[STEMS[1]]
    assert len(data["tables"]) == 2 and len(data["funds"]) == 10 and len(data["indicators"]) == 18
    assert data["budget"]["executed"] is not None and data["checks"]


@pytest.mark.parametrize("form", ["pdf", "docx", "html"])
def test_locations_point_into_each_form(form):
    report = parse_file(FIXTURES / f"{STEMS[1]}.{form}", run_checks=False)
    fund = report.funds[0]
    if form == "pdf":
        assert fund.amount.location.page == 3 and fund.amount.location.bbox is not None
    else:
        assert fund.amount.location.page is None
    assert fund.amount.location.cell is not None


@pytest.mark.parametrize("form,reason", [("pdf", "truncated PDF"), ("docx", "not a readable .docx")])
def test_truncated_file_of_each_form_is_refused(tmp_path, form, reason):
    cut = tmp_path / f"cut.{form}"
    data = (FIXTURES / f"{STEMS[0]}.{form}").read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptDocument, match=reason):
        parse_file(cut)


@pytest.fixture(scope="module")
def doc_files(tmp_path_factory):
    """The .docx fixtures saved as Word 97-2003 .doc by LibreOffice."""
    from extract.load.office import convert

    folder = tmp_path_factory.mktemp("doc")
    out = {}
    for stem in STEMS:
        out[stem] = folder / f"{stem}.doc"
        out[stem].write_bytes(convert((FIXTURES / f"{stem}.docx").read_bytes(), ".docx", "doc"))
    return out


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("stem", STEMS)
def test_doc_made_by_libreoffice_gives_the_same_data(from_text, doc_files, stem):
    report = parse_file(doc_files[stem])
    assert report.source.format == "docx" and report.source.notes == ["converted from Word 97-2003 (.doc) by LibreOffice"]
    got, want = comparable(report), from_text[stem]
    for key in COMPARED:
        assert got[key] == want[key], key


# ---------------------------------------------------------------- scanned


def _ocr_folded(value):
    if isinstance(value, dict):
        return {k: _ocr_folded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_ocr_folded(v) for v in value]
    if isinstance(value, str):
        for written, read in OCR_MISREADS:
            value = value.replace(written, read)
    return value


@pytest.mark.slow
@pytest.mark.parametrize("stem", STEMS)
def test_scanned_pdf_gives_the_same_data_by_ocr(from_text, stem):
    pytest.importorskip("rapidocr")
    report = parse_file(FIXTURES / f"{stem}.scanned.pdf")
    got, want = _ocr_folded(comparable(report)), _ocr_folded(from_text[stem])
    for data in (got, want):
        data["checks"] = [{k: v for k, v in c.items() if k != "quote"} for c in data["checks"]]
    for key in COMPARED:
        assert got[key] == want[key], key
