"""Loaders: one module per input format, each giving a :class:`~extract.span.SourceText`.

:func:`load_document` picks the loader by file extension (and sniffs content
for text files) and returns the laid-out text with its :class:`~extract.model.Source`.
Every loader lays its document out the same way (see :mod:`extract.load.lines`):
paragraphs as lines, table rows as TAB-separated lines, so one text pipeline
gives the same structured data whichever form a report came in.
"""

from __future__ import annotations

import errno
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .. import limits
from ..errors import InputError, UnsupportedFormat
from ..model import Source
from ..ruleset import RulesLike
from ..span import SourceText
from .office import LEGACY_FORMATS
from .text import load_text

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
PDF_SUFFIXES = {".pdf"}
DOCX_SUFFIXES = {".docx", ".docm"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
XLS_SUFFIXES = {".xls"}


@dataclass
class LoadedDocument:
    source: SourceText
    info: Source


def load_document(path: os.PathLike | str, rules: RulesLike = None) -> LoadedDocument:
    """Read a report file; raise :class:`~extract.errors.InputError` if it
    cannot be. ``rules``: the rule set whose layout rules a PDF's pages are
    laid out by (default: the rules shipped with the package)."""
    p = Path(path)
    suffix = p.suffix.lower()
    try:
        p.stat()
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise InputError("a symbolic link loop, not a report", path) from None
        if p.is_symlink():
            raise InputError("a broken symbolic link", path) from None
        raise InputError("no such file" if e.errno == errno.ENOENT else f"cannot read: {e.strerror}",
                         path) from None
    if p.is_dir():
        raise InputError("is a directory, not a report", path)
    try:
        limits.check_input_size(p.stat().st_size, path)
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", path) from None
    digest = hashlib.sha256(data).hexdigest()
    kind = document_kind(suffix, data, path)
    encoding = pages = None
    notes: list[str] = []
    if kind == "pdf":
        from .pdf import load_pdf

        source, pages = load_pdf(path, data, rules=rules)
    elif kind == "docx":
        from .docx import load_docx

        source = load_docx(path, data)
    elif kind in ("xlsx", "xls"):
        from .spreadsheet import load_xls, load_xlsx

        source, notes = (load_xlsx if kind == "xlsx" else load_xls)(path, data)
    elif kind == "legacy":
        from .docx import load_docx
        from .office import convert
        from .spreadsheet import load_xlsx

        kind, name = LEGACY_FORMATS[suffix]
        converted = convert(data, suffix, kind, path)
        if kind == "docx":
            source = load_docx(path, converted)
        else:
            source, notes = load_xlsx(path, converted)
        notes = [f"converted from {name} by LibreOffice", *notes]
    elif kind == "html":
        from .html import load_html

        source, encoding = load_html(path, data)
    else:
        source, encoding = load_text(path, data)
    limits.check_lines(source.text, path)
    info = Source(path=str(path), sha256=digest, format=kind, encoding=encoding,
                  lines=source.n_lines, pages=pages, notes=notes)
    return LoadedDocument(source, info)


def looks_like_html(data: bytes) -> bool:
    """True when ``data`` starts like an HTML page (as the ".doc" files many
    sites serve do: Word's "save as web page")."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<meta")) or b"<html" in head[:256]


def document_kind(suffix: str, data: bytes, path: os.PathLike | str = "") -> str:
    """``pdf``, ``docx``, ``xlsx``, ``xls``, ``html``, ``text`` or ``legacy``: by the file's
    content where it says (a PDF header, a zip package, an HTML page), else by its extension.
    ``legacy``: a Word 97-2003 or WPS file (:mod:`extract.load.office` converts it); one named
    .docx/.xlsx raises :class:`UnsupportedFormat`."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF") or suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in LEGACY_FORMATS or (suffix in DOCX_SUFFIXES | XLS_SUFFIXES and not data.startswith(b"PK")):
        if looks_like_html(data):
            return "html"
    if suffix in LEGACY_FORMATS:
        return "legacy"
    if suffix in DOCX_SUFFIXES:
        return "docx"
    if suffix in XLSX_SUFFIXES or (head.startswith(b"PK\x03\x04") and b"xl/" in data[:65536]):
        return "xlsx"
    if suffix in XLS_SUFFIXES:
        return "xls"
    if suffix in HTML_SUFFIXES:
        return "html"
    if head.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return "docx"
    return "text"
