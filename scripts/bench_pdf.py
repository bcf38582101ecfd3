#!/usr/bin/env python3
"""Benchmark PDF reading: end to end through the CLI and in-process beside
raw text extraction of the same file by pypdfium2 and pdfplumber, linearity
in pages, peak memory on a long report, and OCR seconds per page.

The long PDFs are built in a temporary directory by repeating the pages of
the fixture report printed by LibreOffice (tests/fixtures/*.pdf: body text,
a fund table, an indicator table continued over a page break), so every
run measures the same thing; nothing is written into the project.

    .venv/bin/python scripts/bench_pdf.py                 # 104 and 304 pages
    .venv/bin/python scripts/bench_pdf.py --runs 5 --pages 200 --long-pages 600 --ocr-pages 2
    .venv/bin/python scripts/bench_pdf.py --pdf ../shared/real/X.pdf --ocr-pages 0   # speed on a given PDF
    .venv/bin/python scripts/bench_pdf.py --cpu --runs 5 --ocr-pages 0   # CPU seconds (a shared machine)

Every figure is the minimum and the median of ``--runs`` repetitions taken in
turns with its baselines (scripts/benchlib.py), and every ratio is between
figures of the same run; wall seconds, or with ``--cpu`` CPU seconds (the
child processes of the cold runs included), which a machine busy with
other work disturbs much less:

- cli: a cold ``python -m extract parse FILE`` (parse, checks, JSON written
  to a file) beside a cold script that reads the raw text of every page with
  pypdfium2 (issue 22 target: at most 3x);
- in process, warm: ``parse_file`` + ``report_json`` (end to end, JSON
  included), ``load_document`` alone, pdfplumber ``extract_text`` and
  pypdfium2 ``get_text_range`` of every page (target: end to end at least
  10x faster than pdfplumber);
- linearity: end to end on the long PDF over the short one (target: at most
  3.3x for 3x the pages);
- peak memory (RSS) of a fresh process, started from a small one, parsing
  the long PDF end to end and serializing it (target: under 300 MB);
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import alternate, compile_bytecode, cpu_timed, fmt, peak_memory, ratios, timed  # noqa: E402

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


def pdfplumber_text(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


PDFIUM_SCRIPT = """
import sys
import pypdfium2 as pdfium
pdf = pdfium.PdfDocument(sys.argv[1])
out = []
for i in range(len(pdf)):
    page = pdf[i]
    textpage = page.get_textpage()
    out.append(textpage.get_text_range())
    textpage.close()
    page.close()
pdf.close()
open(sys.argv[2], "w", encoding="utf-8").write("\\n".join(out))
"""


def pdfium_text(path: Path) -> None:
    """What PDFIUM_SCRIPT does, in process."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    for i in range(len(pdf)):
        page = pdf[i]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()


def end_to_end(path: Path) -> str:
    from extract.export.jsonfile import report_json
    from extract.pipeline import parse_file

    return report_json(parse_file(path))


def cli_cold(path: Path, out: Path) -> None:
    subprocess.run([sys.executable, "-m", "extract", "parse", str(path), "--out", str(out)], check=True,
                   stdout=subprocess.DEVNULL)


def pdfium_cold(path: Path, out: Path) -> None:
    subprocess.run([sys.executable, "-c", PDFIUM_SCRIPT, str(path), str(out / "raw.txt")], check=True)


def speed(path: Path, long_path: Path, runs: int, tmp: Path, cpu: bool = False) -> dict:
    """Seconds (min, median) of each reader on ``path``, in turns (``cpu``:
    CPU seconds, the cold runs' child processes included)."""
    from extract.load import load_document

    end_to_end(FIXTURE)  # imports, rule files, jieba: once, outside the clock
    pdfplumber_text(FIXTURE)
    pdfium_text(FIXTURE)
    fns = {
        "cli_cold": lambda: cli_cold(path, tmp),
        "pypdfium2_cold_script": lambda: pdfium_cold(path, tmp),
        "end_to_end": lambda: end_to_end(path),
        "load_only": lambda: load_document(path),
        "pypdfium2_text": lambda: pdfium_text(path),
        "pdfplumber_extract_text": lambda: pdfplumber_text(path),
    }
    if long_path is not None:
        fns["end_to_end_long"] = lambda: end_to_end(long_path)
    return alternate(fns, runs, cpu_timed if cpu else timed)


PEAK_SCRIPT = """
import sys
from extract.export.jsonfile import report_json
from extract.pipeline import parse_file
report = parse_file(sys.argv[1])
text = report_json(report)
RESULT = {"tables": len(report.tables), "pages": report.source.pages, "json_bytes": len(text.encode())}
"""


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
    ap.add_argument("--runs", type=int, default=3, help="repetitions of each figure, taken in turns")
    ap.add_argument("--pages", type=int, default=100, help="pages of the speed PDF (at least)")
    ap.add_argument("--long-pages", "--memory-pages", dest="long_pages", type=int, default=300,
                    help="pages of the long PDF: linearity and memory (at least; 0: none)")
    ap.add_argument("--ocr-pages", type=int, default=2, help="scanned pages to OCR (0: none)")
    ap.add_argument("--pdf", type=Path, help="measure speed on this PDF instead of the repeated fixture")
    ap.add_argument("--cpu", action="store_true",
                    help="CPU seconds instead of wall time (a machine shared with other work)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    import pypdfium2 as pdfium

    compile_bytecode()  # the cold CLI starts as an installed copy does
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        fast = args.pdf or repeat_pdf(FIXTURE, args.pages, tmp / "long.pdf")
        big = repeat_pdf(FIXTURE, args.long_pages, tmp / "longer.pdf") if args.long_pages else None
        n_fast = len(pdfium.PdfDocument(str(fast)))
        n_big = len(pdfium.PdfDocument(str(big))) if big else None
        s = speed(fast, None if args.pdf else big, args.runs, tmp, args.cpu)
        result = {"pdf_pages": n_fast, "long_pdf_pages": n_big, "pdf_bytes": fast.stat().st_size,
                  "cpu_count": os.cpu_count(), "runs": args.runs, "clock": "cpu" if args.cpu else "wall",
                  "speed": s}
        result["ratios"] = {
            # > 1: the first takes longer than the second
            "cli_cold_over_pypdfium2_cold_script (target <= 3)": ratios(s, "cli_cold", "pypdfium2_cold_script"),
            "pdfplumber_extract_text_over_end_to_end (target >= 10)": ratios(s, "pdfplumber_extract_text",
                                                                            "end_to_end"),
            "end_to_end_over_pypdfium2_text": ratios(s, "end_to_end", "pypdfium2_text"),
            "load_only_over_pypdfium2_text": ratios(s, "load_only", "pypdfium2_text"),
        }
        if "end_to_end_long" in s:
            result["ratios"][f"end_to_end_{n_big}_over_{n_fast}_pages (target <= 3.3)"] = ratios(
                s, "end_to_end_long", "end_to_end")
        if big:
            result["memory"] = peak_memory(PEAK_SCRIPT, str(big))
    if args.ocr_pages:
        result["ocr"] = ocr_speed(args.ocr_pages)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        report(result)
    return 0


def report(r: dict) -> None:
    print(f"PDF: {r['pdf_pages']} pages ({r['pdf_bytes'] // 1024} KB), long PDF {r['long_pdf_pages']} pages, "
          f"{r['cpu_count']} CPUs, {r['runs']} runs in turns, {r['clock']} seconds")
    for name, f in r["speed"].items():
        pages = r["long_pdf_pages"] if name.endswith("_long") else r["pdf_pages"]
        print(f"  {name:<24} {fmt(f)}  {pages / f['median']:8.1f} pages/s (median)")
    for name, v in r["ratios"].items():
        print(f"  {name:<56} min {v['min']:.3f}x  median {v['median']:.3f}x")
    if "memory" in r:
        m = r["memory"]
        print(f"memory: {m['result']['pages']} pages end to end + JSON: peak RSS {m['vm_hwm_mb']} MB (VmHWM), "
              f"{m['ru_maxrss_mb']} MB (ru_maxrss), {m['result']['tables']} tables, "
              f"{m['result']['json_bytes'] // 1024} KB of JSON")
    if "ocr" in r:
        o = r["ocr"]
        print("ocr:", o.get("skipped") or f"{o['seconds_per_page']} s/page over {o['pages']} pages at {o['dpi']} dpi")


if __name__ == "__main__":
    sys.exit(main())
