"""JSON output of reports, written atomically (temporary name, then rename)."""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..model import LEAN, Report


def report_json(report: Report, indent: int | None = 2) -> str:
    """The report as lean JSON text (:data:`~extract.model.LEAN`): Decimals
    as strings, Chinese as is. With ``indent``, one record per line: each
    top-level key on its own line and, in a list, each item on its own line
    (indented by ``indent``), compact within; without, all on one line."""
    if indent is None:
        return report.model_dump_json(**LEAN) + "\n"
    data = report.model_dump(mode="json", **LEAN)
    pad = " " * indent
    parts = []
    for key, value in data.items():
        name = json.dumps(key)
        if isinstance(value, list) and value:
            items = f",\n{pad}{pad}".join(_compact(v) for v in value)
            parts.append(f"{pad}{name}: [\n{pad}{pad}{items}\n{pad}]")
        else:
            parts.append(f"{pad}{name}: {_compact(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@contextmanager
def replacing(path: os.PathLike | str) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; when the block ends without an
    error, fsync it and rename it over ``path``; else remove it. Every output
    file (report JSON, JSONL, Parquet, manifests, review pages) goes through
    here, so a reader or a killed run sees the old file or the whole new one,
    never a part. The file gets the mode a plain open() would give it (mkstemp
    makes it 0600)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        yield Path(tmp)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: os.PathLike | str, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through :func:`replacing`."""
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
