#!/usr/bin/env python3
"""Scans of the 2024 sample's indicator table as scanners make them.

The table (with the heading and caption above it) is written as a .docx,
printed to PDF by LibreOffice (as scripts/make_fixtures.py does), rendered
at a scanner's resolution, turned a little, blurred, given noise, and wrapped
as an image-only PDF (no text layer). :data:`SCANS` is the grid: -1° to +1°,
150 to 300 dpi, blur and noise, and one table printed without ruling lines.

    .venv/bin/python scripts/make_scans.py OUT_DIR          # every scan
    .venv/bin/python scripts/make_scans.py OUT_DIR NAME...  # some of them

Needs LibreOffice (soffice) and the CJK fonts, as make_fixtures.py does.
tests/test_scans.py (slow) reads each scan back by OCR.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import make_fixtures  # noqa: E402

STEM = "2024_jiangmen_kejiju_department_overall_self_evaluation"
# paper a little longer than A4, so that the whole table is on one page
PAGE_HEIGHT_CM = 33.0


@dataclass(frozen=True)
class Scan:
    """How one scan is made: resolution, turn (degrees, counter-clockwise),
    Gaussian blur radius (pixels), noise (standard deviation of gray
    levels), and whether the table keeps its ruling lines."""

    dpi: int
    angle: float = 0.0
    blur: float = 0.0
    noise: float = 0.0
    ruled: bool = True


SCANS = {
    "clean_150": Scan(150),
    "turned_plus1_300": Scan(300, angle=1.0),
    "turned_minus1_150_blur": Scan(150, angle=-1.0, blur=0.8),
    "turned_half_200_noise": Scan(200, angle=0.5, noise=18),
    "blur_noise_300": Scan(300, blur=1.5, noise=12),
    "no_ruling_200": Scan(200, angle=-0.5, ruled=False),
}


def table_sample(ruled: bool) -> "make_fixtures.Sample":
    """The sample's title, the paragraph holding the indicator table's
    caption, and the indicator table."""
    sample = make_fixtures.read_sample(make_fixtures.SAMPLES / f"{STEM}.txt")
    blocks = sample.blocks
    k = next(i for i, b in enumerate(blocks)
             if isinstance(b, make_fixtures.TableBlock) and b.merged_columns)
    table = blocks[k]
    if not ruled:
        table = make_fixtures.TableBlock(table.rows, table.merged_columns, ruled=False)
    return make_fixtures.Sample(sample.stem, [blocks[0], blocks[k - 1], table])


def table_pdf(ruled: bool, work: Path) -> Path:
    """The table printed by LibreOffice."""
    docx_path = work / f"table_{'ruled' if ruled else 'plain'}.docx"
    make_fixtures.write_docx(table_sample(ruled), docx_path, page_height_cm=PAGE_HEIGHT_CM)
    pdf = make_fixtures.docx_to_pdf(docx_path, work)
    import pypdfium2 as pdfium

    n = len(pdfium.PdfDocument(str(pdf)))
    if n != 1:
        raise SystemExit(f"make_scans: the table takes {n} pages, not one")
    return pdf


def scanned(pdf: Path, scan: Scan):
    """The first page of ``pdf`` as ``scan`` makes it: a grayscale image."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[0]
        image = page.render(scale=scan.dpi / 72, grayscale=True).to_pil().convert("L")
        page.close()
    finally:
        doc.close()
    if scan.angle:
        image = image.rotate(scan.angle, resample=Image.BICUBIC, fillcolor=255)
    if scan.blur:
        image = image.filter(ImageFilter.GaussianBlur(scan.blur))
    if scan.noise:
        rng = np.random.default_rng(17)  # the same scan every time
        pixels = np.asarray(image, dtype=np.float32) + rng.normal(0, scan.noise, (image.height, image.width))
        image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    return image


def write_scans(out: Path, names=None, work: Path | None = None) -> dict[str, Path]:
    """Each scan of :data:`SCANS` (or of ``names``) as ``out/NAME.pdf``."""
    out.mkdir(parents=True, exist_ok=True)
    chosen = {n: SCANS[n] for n in (names or SCANS)}
    with tempfile.TemporaryDirectory() as tmp:
        folder = work or Path(tmp)
        pdfs = {ruled: table_pdf(ruled, folder) for ruled in {s.ruled for s in chosen.values()}}
        written = {}
        for name, scan in chosen.items():
            path = out / f"{name}.pdf"
            scanned(pdfs[scan.ruled], scan).save(str(path), "PDF", resolution=scan.dpi)
            written[name] = path
    return written


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("names", nargs="*", metavar="NAME", help=", ".join(SCANS))
    args = ap.parse_args(argv)
    unknown = [n for n in args.names if n not in SCANS]
    if unknown:
        ap.error(f"no scan named {', '.join(unknown)} (there are: {', '.join(SCANS)})")
    for name, path in write_scans(args.out, args.names or None).items():
        print(f"{path.stat().st_size:>9,}  {path}  {SCANS[name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
