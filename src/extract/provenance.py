"""Which code made a report: the package version and a digest of its files.

    extractor_id() -> "0.1.0+3f2a9c1b7d4e"

A batch records it beside the rule set's digest (:attr:`RuleSet.digest`) and
converts a stored report again when either differs, so an archive converted
by an older extract is brought up to date by the next run instead of being
kept as done. The digest is of the installed package's own files (code and
data: word lists, fold tables), not of their dates, so the same code
installed twice has one identity. Reading the files takes a few milliseconds:
it is worked out once per process, and only by what needs it (batch), not by
every ``extract parse``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from . import __version__, cache

#: The package folder whose files make the digest.
PACKAGE = Path(__file__).resolve().parent
#: Files of the package that are no part of what it does.
SKIPPED_SUFFIXES = (".pyc", ".pyo")


def package_files(root: Path = PACKAGE) -> list[Path]:
    """The files under ``root`` that the digest covers, in a fixed order
    (compiled bytecode and its folders left out)."""
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix not in SKIPPED_SUFFIXES)


def code_digest(root: Path = PACKAGE) -> str:
    """sha256 over the files under ``root``: each one's path relative to
    ``root`` and its bytes (:func:`extract.cache.code_digest`)."""
    return cache.code_digest(*package_files(root), root=root)


@lru_cache(maxsize=1)
def extractor_id() -> str:
    """This extract: its version and the first 12 hex digits of its code digest."""
    return f"{__version__}+{code_digest()[:12]}"
