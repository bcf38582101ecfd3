#!/usr/bin/env python3
"""Write the hostile-input corpus (issue 6) into a directory.

    python scripts/make_hostile_corpus.py DIR

The large and binary files are made here rather than committed; the tests
call :func:`make_corpus` into a temporary directory once per session.
Each entry of :data:`EXPECTED` names a file and what ``extract parse``
must answer: an error class (exit 2, nothing written) or ``None`` (parses).
"""

from __future__ import annotations

import importlib.util
import io
import os
import random
import re
import shutil
import sys
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE_PDF = FIXTURES / "2022_jiangmen_kejiju_project_self_evaluation.pdf"
SAMPLE_DOCX = FIXTURES / "2022_jiangmen_kejiju_project_self_evaluation.docx"
SAMPLE_TXT = ROOT / "samples" / "2024_jiangmen_kejiju_department_overall_self_evaluation.txt"
ENCRYPTED_PDF = FIXTURES / "encrypted_password.pdf"

# file (relative to the corpus directory) -> error class name, or None: parses
EXPECTED: dict[str, str | None] = {
    "empty.txt": "EmptyInput",
    "random.pdf": "CorruptDocument",
    "random.docx": "CorruptDocument",
    "random.txt": "BinaryInput",
    "truncated.pdf": "CorruptDocument",
    "broken_xref.pdf": None,  # PDFium rebuilds the cross-reference table: the report is read
    "bad_objects.pdf": "CorruptDocument",
    "encrypted.pdf": "EncryptedDocument",
    "bomb.pdf": "LimitExceeded",
    "many_pages.pdf": "LimitExceeded",
    "zipbomb.docx": "LimitExceeded",
    "many_members.docx": "LimitExceeded",
    "xxe.docx": "CorruptDocument",
    "billion_laughs.docx": "CorruptDocument",
    "nested.html": "LimitExceeded",
    "mixed_gbk_utf8.txt": None,
    "long_line.txt": "LimitExceeded",
    "absurd_numbers.txt": None,
    "dir with space/中文 报告 2024.txt": None,
    "symlink_loop/a.txt": "InputError",
}

SECRET = "SECRET-FILE-CONTENT-8d1f"


def _fixture_script():
    spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "scripts" / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_fixtures", module)
    spec.loader.exec_module(module)
    return module


def pdf_bytes(objects: list[bytes], *, broken_xref: bool = False) -> bytes:
    """A PDF of ``objects`` (object 1 the catalog) with a correct (or
    deliberately wrong) cross-reference table."""
    data = _fixture_script().pdf_from_objects(objects)
    if broken_xref:
        data = re.sub(rb"(?m)^(\d{10}) 00000 n ", lambda m: b"%010d 00000 n " % (int(m.group(1)) * 7 + 13), data)
    return data


def deflate_zeros(n_mb: int, byte: bytes = b" ") -> bytes:
    c = zlib.compressobj(9)
    chunk = byte * (1024 * 1024)
    parts = [c.compress(chunk) for _ in range(n_mb)]
    return b"".join(parts) + c.flush()


def bomb_pdf() -> bytes:
    content = deflate_zeros(256)  # 256 MB of spaces in one page's content stream
    return pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
    ])


def many_pages_pdf(n: int = 5000) -> bytes:
    kids = b" ".join(b"%d 0 R" % (i + 3) for i in range(n))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>",
                      b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n] + pages)


def broken_xref_pdf() -> bytes:
    """The sample PDF with its xref offsets and startxref pointing nowhere."""
    data = SAMPLE_PDF.read_bytes()
    i = data.rfind(b"startxref")
    return data[:i] + b"startxref\n999999999\n%%EOF\n"


def bad_objects_pdf() -> bytes:
    """A PDF whose catalog and page tree are garbage behind a broken xref."""
    return pdf_bytes([b"<< /Type /Catalog /Pages 7 0 R >>", b"<< garbage ]]] >>",
                      b"[ /Type /Page"], broken_xref=True)


def docx_with(document_xml: bytes | None = None, extra: dict[str, bytes] | None = None,
              big_member: tuple[str, int] | None = None, n_extra_members: int = 0) -> bytes:
    """The sample .docx, with its document.xml replaced and members added."""
    buf = io.BytesIO()
    with zipfile.ZipFile(SAMPLE_DOCX) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml" and document_xml is not None:
                data = document_xml
            dst.writestr(item.filename, data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
        for i in range(n_extra_members):
            dst.writestr(f"customXml/item{i}.bin", b"")
        if big_member:
            name, n_mb = big_member
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(info, "w", force_zip64=True) as f:
                chunk = b" " * (1024 * 1024)
                for _ in range(n_mb):
                    f.write(chunk)
    return buf.getvalue()


def _sample_document_xml() -> bytes:
    with zipfile.ZipFile(SAMPLE_DOCX) as z:
        return z.read("word/document.xml")


def with_doctype(xml: bytes, dtd: bytes, ref: bytes) -> bytes:
    """``xml`` with a DOCTYPE after its declaration and ``ref`` put into
    its first text run."""
    decl_end = xml.index(b"?>") + 2
    root_tag = b"w:document"
    xml = xml[:decl_end] + b"\n<!DOCTYPE " + root_tag + b" [" + dtd + b"]>" + xml[decl_end:]
    i = xml.index(b"<w:t")
    j = xml.index(b">", i) + 1
    return xml[:j] + ref + xml[j:]


def nested_html(mb: int = 10) -> bytes:
    head = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>报告</title>"
            "<script>while(true){}</script><script src='http://example.invalid/x.js'></script>"
            "</head><body><p>2024年度部门整体支出绩效自评报告</p>").encode()
    n = (mb * 1024 * 1024) // 11
    return head + b"<div><span>" * n + b"x" + b"</span></div>" * 10 + b"</body></html>"


MIXED_UTF8 = "一、部门基本情况\n年初预算1752.99万元，实际支出1700.00万元。\n"
MIXED_GBK = "二、绩效目标完成情况\n预算执行率为96.98%。\n"


def mixed_text() -> bytes:
    return ("2024年度部门整体支出绩效自评报告\n".encode("utf-8") + MIXED_UTF8.encode("utf-8")
            + MIXED_GBK.encode("gbk"))


ABSURD = ("2024年度某项目支出绩效自评报告\n"
          "一、项目基本情况\n"
          "项目年初预算10000000000000000000000000000000000000000万元，"
          "实际支出12345678901234567890123456789012345678.99万元，预算执行率为99999999%。\n")


def make_corpus(directory: os.PathLike | str) -> dict[str, Path]:
    """Write every file of :data:`EXPECTED` into ``directory``; return
    name -> path."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    rng = random.Random(6)

    def put(name: str, data: bytes) -> None:
        p = d / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)

    put("empty.txt", b"")
    for name in ("random.pdf", "random.docx", "random.txt"):
        put(name, b"\x00" + bytes(rng.getrandbits(8) for _ in range(65535)))
    sample_pdf = SAMPLE_PDF.read_bytes()
    put("truncated.pdf", sample_pdf[: len(sample_pdf) // 2])
    put("broken_xref.pdf", broken_xref_pdf())
    put("bad_objects.pdf", bad_objects_pdf())
    shutil.copyfile(ENCRYPTED_PDF, d / "encrypted.pdf")
    put("bomb.pdf", bomb_pdf())
    put("many_pages.pdf", many_pages_pdf())
    put("zipbomb.docx", docx_with(big_member=("customXml/bomb.xml", 300)))
    put("many_members.docx", docx_with(n_extra_members=5000))
    secret = d / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    xml = _sample_document_xml()
    put("xxe.docx", docx_with(with_doctype(
        xml, b'<!ENTITY xxe SYSTEM "' + secret.resolve().as_uri().encode() + b'">', b"&xxe;")))
    lol = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    put("billion_laughs.docx", docx_with(with_doctype(xml, lol, b"&lol9;")))
    put("nested.html", nested_html())
    put("mixed_gbk_utf8.txt", mixed_text())
    put("long_line.txt", ("预算执行率96.98%，" * (5 * 1024 * 1024 // 30)).encode("utf-8"))
    put("absurd_numbers.txt", ABSURD.encode("utf-8"))
    put("dir with space/中文 报告 2024.txt", SAMPLE_TXT.read_bytes())
    loop = d / "symlink_loop"
    loop.mkdir(exist_ok=True)
    for a, b in (("a.txt", "b.txt"), ("b.txt", "a.txt")):
        if not (loop / a).is_symlink():
            os.symlink(b, loop / a)
    if not (loop / "self").is_symlink():
        os.symlink(".", loop / "self")  # a directory loop for tools that walk it
    return {name: d / name for name in EXPECTED}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for name, path in make_corpus(sys.argv[1]).items():
        print(f"{EXPECTED[name] or 'parses':18} {path}")
