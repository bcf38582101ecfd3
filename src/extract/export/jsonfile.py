"""JSON output of reports, written atomically (temporary name, then rename)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from ..model import Report


def report_json(report: Report, indent: int | None = 2) -> str:
    """The report as JSON text: Decimals as strings, Chinese as is."""
    data = report.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"


def write_atomic(path: os.PathLike | str, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the
    whole new one, never a part: write a temporary file beside it, fsync,
    rename over."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain
        # open() would, so outputs can be shared as the user's umask allows.
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
