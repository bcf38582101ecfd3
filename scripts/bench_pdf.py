#!/usr/bin/env python3
"""Benchmark PDF reading: pages per second end to end, beside raw text
extraction of the same file by pdfplumber and by pypdfium2, peak memory on
a long report, and OCR seconds per page.

The long PDFs are built in a temporary directory by repeating the pages of
the fixture report printed by LibreOffice (tests/fixtures/*.pdf: body text,
a fund table, an indicator table continued over a page break), so every
run measures the same thing; nothing is written into the project.

    .venv/bin/python scripts/bench_pdf.py                 # 104 and 304 pages
    .venv/bin/python scripts/bench_pdf.py --pages 200 --memory-pages 300 --ocr-pages 2
    .venv/bin/python scripts/bench_pdf.py --pdf ../shared/real/X.pdf --ocr-pages 0   # speed on a given PDF

Figures:
- end to end: ``extract.pipeline.parse_file`` (load, normalize, structure,
  claims, checks) on the N-page PDF, in pages/s;
- load only: ``extract.load.load_document`` (text, tables, layout);
- pdfplumber ``extract_text`` and pypdfium2 ``get_text_range`` of every page
  of the same file, in the same run; the ratios of end to end to each;
- peak memory (max RSS) of a fresh process parsing the long PDF end to end;
- OCR: seconds per page of the scanned fixture (needs the ``ocr`` extra).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "2024_jiangmen_kejiju_department_overall_self_evaluation.pdf"
SCANNED = ROOT / "tests" / "fixtures" / "2024_jiangmen_kejiju_department_overall_self_evaluation.scanned.pdf"


def repeat_pdf(source: Path, pages: int, out: Path) -> Path:
    """A PDF of at least ``pages`` pages: ``source``'s pages over and over."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(source))
    doc = pdfium.PdfDocument.new()
    while len(doc) < pages:
        doc.import_pages(src)
    buf = io.BytesIO()
    doc.save(buf)
    out.write_bytes(buf.getvalue())
    return out


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def pdfplumber_text(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


def pdfium_text(path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    for i in range(len(pdf)):
        page = pdf[i]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()


def speed(path: Path, n_pages: int) -> dict:
    """Seconds and pages/s of each reader on ``path``."""
    from extract.load import load_document
    from extract.pipeline import parse_file

    load_document(FIXTURE)  # imports and rule files, once, outside the clock
    parse_file(FIXTURE)
    figures = {
        "end_to_end": timed(lambda: parse_file(path)),
        "load_only": timed(lambda: load_document(path)),
        "pdfplumber_extract_text": timed(lambda: pdfplumber_text(path)),
        "pypdfium2_text": timed(lambda: pdfium_text(path)),
    }
    return {k: {"seconds": round(v, 3), "pages_per_s": round(n_pages / v, 1)} for k, v in figures.items()}


PEAK_SCRIPT = """
import resource, sys
from extract.pipeline import parse_file
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
report = parse_file(sys.argv[1])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(base // 1024, peak // 1024, len(report.tables), report.source.pages)
"""


def peak_memory(path: Path) -> dict:
    """Max RSS (MB) of a fresh process parsing ``path`` end to end."""
    out = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, str(path)], check=True,
                         capture_output=True, text=True).stdout.split()
    base, peak, tables, pages = (int(x) for x in out)
    return {"pages": pages, "peak_rss_mb": peak, "rss_after_imports_mb": base, "tables": tables}


def ocr_speed(n_pages: int) -> dict:
    """Seconds per page OCR'ing the scanned fixture's first pages."""
    try:
        import rapidocr  # noqa: F401
    except ImportError:
        return {"skipped": "the ocr extra is not installed (pip install 'extract[ocr]')"}
    import pypdfium2 as pdfium

    from extract.load import ocr

    engine = ocr.get_engine()
    pdf = pdfium.PdfDocument(str(SCANNED))
    n = min(n_pages, len(pdf))
    seconds = []
    for i in range(n):
        page = pdf[i]
        seconds.append(timed(lambda: ocr.ocr_page(page, i + 1, page.get_width(), page.get_height(), engine)))
        page.close()
    return {"pages": n, "seconds_per_page": round(sum(seconds) / n, 2), "dpi": ocr.OCR_DPI,
            "each": [round(s, 2) for s in seconds]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=100, help="pages of the speed PDF (at least)")
    ap.add_argument("--memory-pages", type=int, default=300, help="pages of the memory PDF (at least)")
    ap.add_argument("--ocr-pages", type=int, default=2, help="scanned pages to OCR (0: none)")
    ap.add_argument("--pdf", type=Path, help="measure speed on this PDF instead of the repeated fixture")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        fast = args.pdf or repeat_pdf(FIXTURE, args.pages, Path(tmp) / "long.pdf")
        big = repeat_pdf(FIXTURE, args.memory_pages, Path(tmp) / "longer.pdf")
        import pypdfium2 as pdfium

        n_fast = len(pdfium.PdfDocument(str(fast)))
        result = {"pdf_pages": n_fast, "pdf_bytes": fast.stat().st_size, "cpu_count": os.cpu_count(),
                  "speed": speed(fast, n_fast)}
        s = result["speed"]
        result["ratios"] = {
            "end_to_end_vs_pdfplumber_extract_text": round(
                s["pdfplumber_extract_text"]["seconds"] / s["end_to_end"]["seconds"], 2),
            "end_to_end_vs_pypdfium2_text": round(s["pypdfium2_text"]["seconds"] / s["end_to_end"]["seconds"], 3),
            "load_only_vs_pdfplumber_extract_text": round(
                s["pdfplumber_extract_text"]["seconds"] / s["load_only"]["seconds"], 2),
        }
        result["memory"] = peak_memory(big)
    if args.ocr_pages:
        result["ocr"] = ocr_speed(args.ocr_pages)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        report(result)
    return 0


def report(r: dict) -> None:
    print(f"PDF: {r['pdf_pages']} pages ({r['pdf_bytes'] // 1024} KB), {r['cpu_count']} CPUs")
    for name, f in r["speed"].items():
        print(f"  {name:<26} {f['seconds']:>8.2f} s  {f['pages_per_s']:>8.1f} pages/s")
    for name, v in r["ratios"].items():
        print(f"  {name:<42} {v}x")
    m = r["memory"]
    print(f"memory: {m['pages']} pages end to end: peak RSS {m['peak_rss_mb']} MB "
          f"({m['rss_after_imports_mb']} MB after imports), {m['tables']} tables")
    if "ocr" in r:
        o = r["ocr"]
        print("ocr:", o.get("skipped") or f"{o['seconds_per_page']} s/page over {o['pages']} pages at {o['dpi']} dpi")


if __name__ == "__main__":
    sys.exit(main())
