"""Scans of the 2024 sample's indicator table (scripts/make_scans.py: turned
-1° to +1°, 150 to 300 dpi, blurred, with noise, and one printed without
ruling lines) read back by OCR give the text version's 18 indicators: the
same name, target, actual and met. Slow (OCR, a few seconds a page); needs
the ``ocr`` extra and LibreOffice to make the scans."""

from __future__ import annotations

import shutil
import sys

import pytest

from extract.pipeline import parse_file

from conftest import ROOT, SAMPLES

pytestmark = pytest.mark.slow
sys.path.insert(0, str(ROOT / "scripts"))

STEM = "2024_jiangmen_kejiju_department_overall_self_evaluation"
# what PP-OCR reads differently from a text layer (as in test_formats_agree)
OCR_MISREADS = [("（", "("), ("）", ")"), (",", "，"), (":", "：")]
SCAN_NAMES = ["clean_150", "turned_plus1_300", "turned_minus1_150_blur", "turned_half_200_noise",
              "blur_noise_300", "no_ruling_200"]


def _fold(text: str) -> str:
    for written, read in OCR_MISREADS:
        text = text.replace(written, read)
    return "".join(text.split())


def indicator_keys(report):
    return [(_fold(i.name), _fold(i.target.text), _fold(i.actual_text), i.met) for i in report.indicators]


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    pytest.importorskip("rapidocr")
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed: the scans cannot be made")
    import make_scans

    assert sorted(make_scans.SCANS) == sorted(SCAN_NAMES)
    return make_scans.write_scans(tmp_path_factory.mktemp("scans"))


@pytest.fixture(scope="module")
def want():
    return indicator_keys(parse_file(SAMPLES / f"{STEM}.txt", run_checks=False))


@pytest.mark.parametrize("name", SCAN_NAMES)
def test_scan_gives_the_18_indicators(scans, want, name):
    report = parse_file(scans[name], run_checks=False)
    assert report.source.pages == 1 and len(want) == 18
    assert indicator_keys(report) == want


def test_skew_is_measured_and_undone(scans):
    """The turn of each scan is found to a tenth of a degree."""
    import make_scans
    import pypdfium2 as pdfium

    from extract.load.ocr import skew_angle

    for name, path in scans.items():
        doc = pdfium.PdfDocument(str(path))
        try:
            image = doc[0].render(scale=150 / 72, grayscale=True).to_pil()
        finally:
            doc.close()
        assert skew_angle(image) == pytest.approx(make_scans.SCANS[name].angle, abs=0.11), name
