"""JSON Lines of reports: one compact report JSON per line, written atomically
through :func:`~extract.export.jsonfile.replacing`."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, Iterable, Iterator

from .jsonfile import replacing


def jsonl_line(data: dict) -> str:
    """One report's data as a JSONL line (compact, Chinese as is)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


class JsonlWriter:
    """Writes report data to a JSONL file that appears whole when closed.

    Use as a context manager: ``with JsonlWriter(path) as w: w.write(data)``.
    """

    def __init__(self, path: os.PathLike | str):
        self.path = Path(path)
        self.count = 0
        self._replacing = None
        self._file: IO[str] | None = None

    def __enter__(self) -> "JsonlWriter":
        self._replacing = replacing(self.path)
        tmp = self._replacing.__enter__()
        self._file = open(tmp, "w", encoding="utf-8")
        return self

    def write(self, data: dict) -> None:
        """Add one report's data."""
        self._file.write(jsonl_line(data))
        self.count += 1

    def write_text(self, text: str) -> None:
        """Add one report given as JSON text: as is when it is one line
        (compact, as batch writes it), else re-encoded on one line."""
        text = text.rstrip("\n")
        self._file.write(text + "\n" if "\n" not in text else jsonl_line(json.loads(text)))
        self.count += 1

    def __exit__(self, *exc) -> bool:
        self._file.close()
        return bool(self._replacing.__exit__(*exc))


def write_jsonl(reports: Iterable[dict], path: os.PathLike | str) -> int:
    """Write every report's data to ``path`` as JSONL; return how many."""
    with JsonlWriter(path) as writer:
        for data in reports:
            writer.write(data)
    return writer.count


def read_jsonl(path: os.PathLike | str) -> Iterator[dict]:
    """The report data of each line of a JSONL file."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)
