"""Finding the report files named on a command line: files as given,
folders searched for report suffixes. Its own module so that ``extract
check`` does not import the batch machinery (and SQLAlchemy) to list files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

REPORT_SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm", ".xlsx", ".xlsm", ".xls")


def _walk_folder(root: Path, suffixes: tuple[str, ...], found: dict[str, Path]) -> None:
    """Add the report files under ``root`` to ``found`` (real path -> path)."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_dir():
                    stack.append(path)
                elif entry.is_file() and path.suffix.lower() in suffixes:
                    _add_file(path, found)
            except OSError:
                continue


def _add_file(path: Path, found: dict[str, Path]) -> None:
    real = os.path.realpath(path)
    if real not in found or str(path) < str(found[real]):
        found[real] = path


def discover_reports(paths: Iterable[os.PathLike | str],
                     suffixes: tuple[str, ...] = REPORT_SUFFIXES) -> list[Path]:
    """The report files named by ``paths``: a file as given (whatever its
    extension), a folder searched recursively for ``suffixes``
    (case-insensitive). Each file once (by real path), sorted by path."""
    found: dict[str, Path] = {}
    for p in paths:
        p = Path(p)
        if p.is_dir():
            _walk_folder(p, suffixes, found)
        else:
            _add_file(p, found)
    return sorted(found.values(), key=str)
