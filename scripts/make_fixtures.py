#!/usr/bin/env python3
"""Turn each sample report (samples/*.txt) into the forms reports come in.

For every sample ``S.txt`` this writes, under ``tests/fixtures/``:

- ``S.docx``: Word, with real tables (the indicator table's merged cells as
  ``vMerge``), numbered headings as Word numbering, a running header and a
  page-number footer;
- ``S.pdf``: that .docx printed to PDF by LibreOffice (CJK font embedded);
- ``S.scanned.pdf``: the PDF's pages rendered to bilevel images at
  ``SCAN_DPI`` and wrapped as an image-only PDF (no text layer);
- ``S.html``: a page as a government site publishes it (navigation, footer,
  script, ``<table>`` with ``rowspan``, ``<br>``-broken paragraphs); the
  2022 sample in GBK with a ``<meta charset>``, the others in UTF-8;
- ``S.rows_split.pdf`` (the samples in :data:`ROWS_SPLIT`): the .docx with
  rows allowed to break across pages, printed on paper of a height that
  makes the page break cut a wrapped cell of the indicator table;

and a few fixtures for the error paths: ``encrypted_empty_password.pdf``
(opens without a password), ``encrypted_password.pdf`` (password
``secret``), ``no_pages.pdf``, and ``garbled_text_layer.pdf`` (a scanned page
with a text layer of private-use characters, as broken OCR layers are).

Needs (installed here when missing and running as root):
Debian ``libreoffice-writer`` and ``fonts-noto-cjk`` (apt-get), and the
``fixtures`` extra (pip install -e '.[fixtures]': pypdf, for encryption).

    .venv/bin/python scripts/make_fixtures.py            # all samples
    .venv/bin/python scripts/make_fixtures.py --keep-work DIR
"""

from __future__ import annotations

import argparse
import html
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
DEBIAN_PACKAGES = ["libreoffice-writer", "fonts-noto-cjk"]
CJK_FONT = "Noto Sans CJK SC"
BODY_PT = 10.5
SCAN_DPI = 150
GBK_SAMPLES = {"2022_jiangmen_kejiju_project_self_evaluation"}
# Columns of the indicator table whose blank cells are covered by the
# label above (一级/二级 and the leading 绩效指标 column).
MERGED_COLUMNS = 3


# --------------------------------------------------------------------------
# Setting up


def ensure_debian_packages() -> None:
    """Install LibreOffice and the Noto CJK fonts when missing (needs root)."""
    if shutil.which("soffice") and Path("/usr/share/fonts/opentype/noto").is_dir():
        return
    if os.geteuid() != 0:
        sys.exit("make_fixtures: needs Debian packages " + " ".join(DEBIAN_PACKAGES)
                 + ": run as root or install them with apt-get")
    print("installing", " ".join(DEBIAN_PACKAGES), "with apt-get ...", file=sys.stderr)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *DEBIAN_PACKAGES],
                   check=True)


def ensure_python_packages() -> None:
    """python-docx is a dependency of extract; pypdf comes with the
    ``fixtures`` extra. Install it into this interpreter when missing."""
    try:
        import pypdf  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "pypdf>=4"], check=True)


# --------------------------------------------------------------------------
# The sample as blocks


@dataclass
class Paragraph:
    lines: list[str]  # the source lines (a hard-wrapped dump keeps its breaks)

    @property
    def text(self) -> str:
        return "".join(self.lines)


@dataclass
class TableBlock:
    rows: list[list[str]]
    merged_columns: int = 0  # leading columns whose blank cells are merged
    ruled: bool = True  # borders drawn (Table Grid); False: no ruling lines at all


@dataclass
class Sample:
    stem: str
    blocks: list = field(default_factory=list)

    @property
    def title(self) -> str:
        return next(b.text for b in self.blocks if isinstance(b, Paragraph))


def read_sample(path: Path) -> Sample:
    """Paragraphs and tables of a sample, grouped as extract's normalizer
    groups them (so a paragraph broken over lines in the dump is one
    paragraph of the document), with the source text kept as written."""
    from extract.load import load_document
    from extract.normalize import normalize

    source = load_document(path).source
    sample = Sample(path.stem)
    done: set[int] = set()
    for block in normalize(source).blocks:
        lines = [n for n in range(block.first_line, block.last_line + 1) if n not in done]
        done.update(lines)
        if not lines:
            continue
        texts = [source.line_span(n).text for n in lines]
        if block.kind == "table":
            rows = [_cells(t) for t in texts if t.strip()]
            merged = MERGED_COLUMNS if any("一级指标" in c for c in rows[0]) else 0
            sample.blocks.append(TableBlock(rows, merged))
        else:
            kept = [t.strip() for t in texts if t.strip()]
            if kept:
                sample.blocks.append(Paragraph(kept))
    return sample


def _cells(line: str) -> list[str]:
    cells = line.split("\t")
    if len(cells) > 1 and not cells[-1].strip():
        cells.pop()
    return [c.strip() for c in cells]


def merge_runs(rows: list[list[str]], col: int) -> list[tuple[int, int]]:
    """(first, last) row ranges of column ``col`` where a label is followed
    by blank cells it covers; the header row (0) is never merged."""
    runs = []
    i = 1
    while i < len(rows):
        if rows[i][col]:
            j = i
            while j + 1 < len(rows) and not rows[j + 1][col] and _left_blank(rows[j + 1], col):
                j += 1
            if j > i:
                runs.append((i, j))
            i = j + 1
        else:
            i += 1
    return runs


def _left_blank(row: list[str], col: int) -> bool:
    """A merge in ``col`` ends where a column to its left starts a new label."""
    return all(not row[k] for k in range(col))


# --------------------------------------------------------------------------
# Numbering: headings written as Word list paragraphs

NUMBERED_FORMS = [
    # (regex on the paragraph text, Word numFmt, lvlText)
    (re.compile(r"^([一二三四五六七八九十]{1,3})、"), "chineseCounting", "%1、"),
    (re.compile(r"^(\d{1,2})\.(?!\d)"), "decimal", "%1."),
    (re.compile(r"^\((\d{1,2})\)"), "decimal", "(%1)"),
]
CN_DIGITS = "一二三四五六七八九十"


def _ordinal(text: str) -> int:
    if text.isdigit():
        return int(text)
    return CN_DIGITS.index(text) + 1 if len(text) == 1 else 10 + CN_DIGITS.index(text[-1]) + 1


class Numbering:
    """Adds one abstractNum + num per list run to a python-docx document."""

    def __init__(self, document):
        self.root = document.part.numbering_part.element
        self.next_id = 100
        self.current: dict[str, tuple[int, int]] = {}  # form -> (numId, last ordinal)

    def number(self, text: str) -> Optional[tuple[int, str]]:
        """``(numId, text without its marker)`` when ``text`` starts a
        numbered heading that continues (or starts) a list run."""
        for rx, fmt, lvl_text in NUMBERED_FORMS:
            m = rx.match(text)
            if not m:
                continue
            n = _ordinal(m.group(1))
            key = lvl_text
            if n == 1:
                self.current[key] = (self._new_list(fmt, lvl_text), 1)
            elif key in self.current and self.current[key][1] == n - 1:
                self.current[key] = (self.current[key][0], n)
            else:
                return None
            return self.current[key][0], text[m.end():]
        return None

    def _new_list(self, fmt: str, lvl_text: str) -> int:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        nid = self.next_id
        self.next_id += 1
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{nid}">'
            f'<w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:suff w:val="nothing"/><w:lvlText w:val="{lvl_text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="{int(BODY_PT * 20 * 2)}"/></w:pPr></w:lvl>'
            f'</w:abstractNum>')
        num = parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{nid}"/></w:num>')
        first_num = self.root.find(num.tag)
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.root.append(abstract)
        self.root.append(num)
        return nid


# --------------------------------------------------------------------------
# DOCX


def write_docx(sample: Sample, path: Path, rows_split: bool = False, pad_before: int = 0,
               page_height_cm: float = 29.7) -> None:
    """The sample as a Word document (see the module docstring).
    ``rows_split``: table rows may break across pages (Word's default), and
    ``pad_before`` empty paragraphs stand before the indicator table, and
    ``page_height_cm`` sets the paper's height, to move where the page
    breaks it."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    _set_fonts(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(page_height_cm)
    section.left_margin = section.right_margin = Cm(2.6)
    section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.6)
    _header_footer(section, sample.title)
    numbering = Numbering(document)
    first = True
    for block in sample.blocks:
        if isinstance(block, TableBlock):
            if block.merged_columns:
                for _ in range(pad_before):
                    document.add_paragraph()
            _write_table(document, block, can_split=rows_split)
            continue
        text = block.text
        para = document.add_paragraph()
        fmt = para.paragraph_format
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.15
        if first:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = para.add_run(text)
            run.bold = True
            run.font.size = Pt(16)
            first = False
            continue
        numbered = numbering.number(text)
        if numbered:
            num_id, text = numbered
            _set_numbering(para, num_id)
        else:
            fmt.first_line_indent = Pt(BODY_PT * 2)
        para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        para.add_run(text)
    document.save(str(path))


def _set_fonts(document) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style = document.styles["Normal"]
    style.font.size = Pt(BODY_PT)
    style.font.name = CJK_FONT
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), CJK_FONT)


def _set_numbering(para, num_id: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    ppr = para._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/>'
                            f'<w:numId w:val="{num_id}"/></w:numPr>'))


def _header_footer(section, title: str) -> None:
    """A running header (department and title) and a ``- N -`` footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    head = section.header.paragraphs[0]
    head.text = f"江门市科学技术局　{title}"
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run("- ")
    foot._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r>'
                             f'</w:fldSimple>'))
    foot.add_run(" -")


def _write_table(document, block: TableBlock, can_split: bool = False) -> None:
    """A bordered table; the first row repeats on each page, rows do not
    split (unless ``can_split``), and blank cells under a label in the
    leading columns are merged into it (``vMerge``)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    width = max(len(r) for r in block.rows)
    rows = [r + [""] * (width - len(r)) for r in block.rows]
    table = document.add_table(rows=len(rows), cols=width)
    table.style = document.styles["Table Grid"]
    if not block.ruled:
        sides = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        table._tbl.tblPr.append(parse_xml(f'<w:tblBorders {nsdecls("w")}>{sides}</w:tblBorders>'))
    for i, row in enumerate(rows):
        tr_pr = table.rows[i]._tr.get_or_add_trPr()
        if not can_split:
            tr_pr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
        if i == 0:
            tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
        for j, text in enumerate(row):
            table.cell(i, j).paragraphs[0].text = text
    for col in range(min(block.merged_columns, width)):
        for first, last in merge_runs(rows, col):
            table.cell(first, col).merge(table.cell(last, col))
    document.add_paragraph()


# --------------------------------------------------------------------------
# PDF by LibreOffice, and the scanned version


def docx_to_pdf(docx_path: Path, out_dir: Path) -> Path:
    """Print ``docx_path`` to PDF with LibreOffice headless."""
    profile = out_dir / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out_dir), str(docx_path)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    return out_dir / (docx_path.stem + ".pdf")


def scan_pages(pdf_path: Path, dpi: int = SCAN_DPI) -> list:
    """Each page of ``pdf_path`` as a bilevel image, as a scanner makes it."""
    import pypdfium2 as pdfium

    images = []
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            gray = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            images.append(gray.point(lambda v: 255 if v > 170 else 0).convert("1"))
            page.close()
    finally:
        pdf.close()
    return images


def write_scanned_pdf(pdf_path: Path, out: Path, dpi: int = SCAN_DPI) -> None:
    """An image-only PDF of ``pdf_path``'s pages (CCITT G4, no text layer)."""
    images = scan_pages(pdf_path, dpi)
    images[0].save(str(out), "PDF", resolution=dpi, save_all=True, append_images=images[1:])


# --------------------------------------------------------------------------
# Hand-written PDFs for the error paths


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (object 1 is the catalog), with its xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def no_pages_pdf() -> bytes:
    return pdf_from_objects([b"<< /Type /Catalog /Pages 2 0 R >>",
                             b"<< /Type /Pages /Kids [] /Count 0 >>"])


def garbled_layer_pdf(image, dpi: int = SCAN_DPI) -> bytes:
    """One scanned page (``image``, bilevel) under a text layer whose
    characters are all private-use code points (glyph names uniE0xx), as
    a broken OCR layer or a font without a usable Unicode map gives."""
    buf = io.BytesIO()
    image.save(buf, "TIFF", compression="group4")
    g4 = _tiff_strip(buf.getvalue())
    w, h = image.size
    pw, ph = w * 72 / dpi, h * 72 / dpi
    diffs = b" ".join(b"/uniE%03X" % k for k in range(1, 96))
    codes = bytes((k % 95) + 1 for k in range(600)).hex().encode()
    lines = b"".join(b"<%s> Tj 0 -18 Td " % codes[i:i + 80] for i in range(0, len(codes), 80))
    content = (b"q %.2f 0 0 %.2f 0 0 cm /Im1 Do Q BT 3 Tr /F1 12 Tf 72 %.2f Td " % (pw, ph, ph - 90)
               + lines + b"ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /Font << /F1 4 0 R >>"
        b" /XObject << /Im1 5 0 R >> >> /Contents 6 0 R >>" % (pw, ph),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding"
        b" /Differences [1 " + diffs + b"] >> >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
        b" /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns %d"
        b" /Rows %d /BlackIs1 false >> /Length %d >>\nstream\n" % (w, h, w, h, len(g4)) + g4 + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    return pdf_from_objects(objects)


def _tiff_strip(tiff: bytes) -> bytes:
    """The single strip of a one-strip TIFF (Pillow's group4 output)."""
    from PIL import Image

    im = Image.open(io.BytesIO(tiff))
    offsets, counts = im.tag_v2[273], im.tag_v2[279]
    return b"".join(tiff[o:o + c] for o, c in zip(offsets, counts))


ENCRYPTED_TEXT = ["Performance self-evaluation 2024", "Adjusted budget 7406.91",
                  "Executed 6159.90, rate 83.2%"]


def plain_pdf(lines: list[str]) -> bytes:
    """A one-page PDF of ASCII ``lines`` in Helvetica."""
    shown = b"".join(b"(%s) Tj 0 -20 Td " % line.encode("ascii") for line in lines)
    content = b"BT /F1 14 Tf 72 760 Td " + shown + b"ET"
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ])


def encrypted_pdfs(out_dir: Path) -> None:
    """A small page (:data:`ENCRYPTED_TEXT`), encrypted with an empty user
    password (opens as is) and with the user password ``secret``."""
    from pypdf import PdfReader, PdfWriter

    for name, password in (("encrypted_empty_password.pdf", ""), ("encrypted_password.pdf", "secret")):
        writer = PdfWriter()
        writer.add_page(PdfReader(io.BytesIO(plain_pdf(ENCRYPTED_TEXT))).pages[0])
        writer.encrypt(user_password=password, owner_password="owner-" + name, algorithm="RC4-128")
        with open(out_dir / name, "wb") as f:
            writer.write(f)


# --------------------------------------------------------------------------
# HTML

NAV = ('<nav class="menu"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
       '<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></nav>')
FOOTER = ('<footer><div class="copyright">主办单位：江门市科学技术局　版权所有<br>'
          '网站标识码：4407000023　粤ICP备05086405号</div></footer>')


def write_html(sample: Sample, path: Path, encoding: str) -> None:
    """The sample as a saved page of a government site, in ``encoding``."""
    charset = "gbk" if encoding == "gbk" else "utf-8"
    parts = [f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="{charset}">',
             f"<title>{html.escape(sample.title)}</title>",
             "<style>.TRS_Editor p{text-indent:2em} table{border-collapse:collapse}</style>",
             "<script>var _hmt = _hmt || []; document.write('统计代码 1234');</script></head><body>",
             '<div class="header"><div class="logo">江门市科学技术局</div>', NAV, "</div>",
             '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 绩效评价</div>',
             '<div class="article"><h1 class="title">', html.escape(sample.title), "</h1>",
             '<div class="info">发布时间：2025-03-18　来源：本网　【字体：大 中 小】</div>',
             '<div class="TRS_Editor">']
    for block in sample.blocks[1:]:
        parts.append(_html_table(block) if isinstance(block, TableBlock) else _html_paragraph(block))
    parts += ["</div></div>",
              '<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>',
              '<aside class="related"><h3>相关链接</h3><ul><li><a href="#">2023年度部门整体支出绩效自评报告</a>'
              "</li></ul></aside>", FOOTER, "</body></html>\n"]
    path.write_bytes("".join(parts).encode(encoding))


def _html_paragraph(block: Paragraph) -> str:
    """A ``<p>`` whose dump lines are kept apart by ``<br>``."""
    return "<p>" + "<br>\n".join(html.escape(line) for line in block.lines) + "</p>\n"


def _html_table(block: TableBlock) -> str:
    """A ``<table>``; merged runs in the leading columns as ``rowspan``."""
    width = max(len(r) for r in block.rows)
    rows = [r + [""] * (width - len(r)) for r in block.rows]
    span: dict[tuple[int, int], int] = {}
    covered: set[tuple[int, int]] = set()
    for col in range(min(block.merged_columns, width)):
        for first, last in merge_runs(rows, col):
            span[(first, col)] = last - first + 1
            covered.update((i, col) for i in range(first + 1, last + 1))
    out = ['<table border="1" cellspacing="0">']
    for i, row in enumerate(rows):
        tag = "th" if i == 0 else "td"
        cells = []
        for j, text in enumerate(row):
            if (i, j) in covered:
                continue
            rs = f' rowspan="{span[(i, j)]}"' if (i, j) in span else ""
            cells.append(f"<{tag}{rs}>{html.escape(text)}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>\n")
    return "\n".join(out)


# --------------------------------------------------------------------------


def make_sample(path: Path, out_dir: Path, work: Path) -> None:
    sample = read_sample(path)
    docx_path = out_dir / f"{sample.stem}.docx"
    write_docx(sample, docx_path)
    pdf = docx_to_pdf(docx_path, work)
    shutil.copyfile(pdf, out_dir / f"{sample.stem}.pdf")
    write_scanned_pdf(pdf, out_dir / f"{sample.stem}.scanned.pdf")
    encoding = "gbk" if sample.stem in GBK_SAMPLES else "utf-8"
    write_html(sample, out_dir / f"{sample.stem}.html", encoding)
    if sample.stem in ROWS_SPLIT:
        write_rows_split_pdf(sample, out_dir / f"{sample.stem}.rows_split.pdf", work, ROWS_SPLIT[sample.stem])


# Samples printed once more with table rows allowed to break across pages,
# on paper of this height (cm), so that the page break cuts a wrapped cell of
# the indicator table ("单个项目补助最高为 30 万" / "元"): S.rows_split.pdf.
ROWS_SPLIT = {"2024_jiangmen_kejiju_department_overall_self_evaluation": 30.3}


def write_rows_split_pdf(sample: Sample, out: Path, work: Path, page_height_cm: float,
                         pad_before: int = 0) -> None:
    """``sample`` printed by LibreOffice with rows that may split at a page
    break (see :data:`ROWS_SPLIT`)."""
    docx_path = work / f"{sample.stem}.rows_split.docx"
    write_docx(sample, docx_path, rows_split=True, pad_before=pad_before, page_height_cm=page_height_cm)
    shutil.copyfile(docx_to_pdf(docx_path, work), out)


def make_error_fixtures(out_dir: Path, pdf: Path) -> None:
    (out_dir / "no_pages.pdf").write_bytes(no_pages_pdf())
    encrypted_pdfs(out_dir)
    image = scan_pages(pdf)[0]
    (out_dir / "garbled_text_layer.pdf").write_bytes(garbled_layer_pdf(image))


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--samples", type=Path, default=SAMPLES)
    ap.add_argument("--out", type=Path, default=FIXTURES)
    ap.add_argument("--keep-work", type=Path, help="keep LibreOffice's output here")
    args = ap.parse_args(argv)
    ensure_debian_packages()
    ensure_python_packages()
    args.out.mkdir(parents=True, exist_ok=True)
    samples = sorted(args.samples.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep_work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for path in samples:
            make_sample(path, args.out, work)
            print("wrote", path.stem, file=sys.stderr)
        make_error_fixtures(args.out, args.out / f"{samples[0].stem}.pdf")
    for f in sorted(args.out.iterdir()):
        print(f"{f.stat().st_size:>9,}  {f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
