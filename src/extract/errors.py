"""Errors a user can act on. Each carries the file and a one-line reason.

The CLI prints ``extract: FILE: reason`` and exits 2 for any
:class:`InputError`; a batch records the class name and reason in its manifest.
"""

from __future__ import annotations

import os
from typing import Optional


class ExtractError(Exception):
    """Base class: a failure explained in one line."""

    def __init__(self, reason: str, path: Optional[os.PathLike | str] = None):
        self.reason = reason
        self.path = str(path) if path is not None else None
        super().__init__(self.one_line())

    def one_line(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


class InputError(ExtractError):
    """The input cannot be read as a report (exit 2)."""


class EmptyInput(InputError):
    """The file is empty or holds only white space."""


class UnreadableEncoding(InputError):
    """The bytes decode as none of UTF-8, GB18030/GBK, UTF-16."""


class BinaryInput(InputError):
    """The file is binary, not text."""


class UnsupportedFormat(InputError):
    """A format extract does not read (e.g. .doc, .wps)."""


class CorruptDocument(InputError):
    """A PDF/DOCX/HTML file that is damaged or truncated."""


class EncryptedDocument(InputError):
    """A document protected by a password."""


class NeedsOCR(InputError):
    """Pages without a usable text layer, and no OCR engine installed."""


class LimitExceeded(InputError):
    """A document over a size, time or memory limit."""
