"""Loaders: one module per input format, each giving a :class:`~extract.span.SourceText`.

:func:`load_document` picks the loader by file extension (and sniffs content
for text files) and returns the laid-out text with its :class:`~extract.model.Source`.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, UnsupportedFormat
from ..model import Source
from ..span import SourceText
from .text import load_text

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
LEGACY_SUFFIXES = {".doc": "Word 97-2003 (.doc)", ".wps": "WPS (.wps)", ".et": "WPS spreadsheet (.et)"}
LATER_SUFFIXES = {".pdf", ".docx", ".html", ".htm"}


@dataclass
class LoadedDocument:
    source: SourceText
    info: Source


def load_document(path: os.PathLike | str) -> LoadedDocument:
    """Read a report file; raise :class:`~extract.errors.InputError` if it cannot be."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in LEGACY_SUFFIXES:
        raise UnsupportedFormat(f"{LEGACY_SUFFIXES[suffix]} is not read: save it as .docx or PDF", path)
    if not p.exists():
        raise InputError("no such file", path)
    if p.is_dir():
        raise InputError("is a directory, not a report", path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", path) from None
    digest = hashlib.sha256(data).hexdigest()
    if suffix in LATER_SUFFIXES:
        raise UnsupportedFormat(f"{suffix} input is not supported yet: convert it to text", path)
    source, encoding = load_text(path, data)
    info = Source(path=str(path), sha256=digest, format="text", encoding=encoding,
                  lines=source.n_lines)
    return LoadedDocument(source, info)
