"""Files of data worked out once and kept in the temporary folder between
runs, so a cold start reads them in one piece instead of building them
again: the data of each rule file (``extract-rules.*.marshal``, by the
text's SHA-256), the validated rule set (``extract-ruleset.*.pickle``, by
the texts' digest and the code that validates them, see
:mod:`extract.ruleset`), jieba's prefix dictionary in pieces by first
character (``extract-jieba.*.marshal``, see :mod:`extract.claims`), and,
in the command's own process, the compiled programs of its regular
expressions (``extract-regex.*.marshal``, by the Python build, see
:mod:`extract.regex_cache`) and the code of its dataclasses' methods and
of typing's annotations (``extract-code.*.marshal``, see
:mod:`extract.code_cache`).

A cache file is only read when it belongs to the user running the program
and nobody else may write it (the temporary folder is shared): anything
else is as if there were no cache. Files are written whole under a
temporary name and renamed, so a reader never sees a part of one.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Optional


def cache_path(name: str) -> Path:
    """Where the cache file ``name`` lives: the temporary folder."""
    return Path(tempfile.gettempdir()) / name


def read_private(path: os.PathLike | str) -> bytes:
    """The bytes of ``path`` when it is a regular file of this user that no
    one else can write; OSError otherwise (or when it cannot be read)."""
    with open(path, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise OSError(f"{path}: not a private regular file")
        if hasattr(os, "getuid") and st.st_uid != os.getuid():
            raise OSError(f"{path}: belongs to another user")
        return f.read()


def write_private(path: os.PathLike | str, data: bytes) -> None:
    """Write ``data`` to ``path`` (mode 0600) under a temporary name, then
    rename it into place; an OSError is left to the caller."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def code_digest(*paths: os.PathLike | str, root: Optional[os.PathLike | str] = None) -> str:
    """SHA-256 (hex) of the names and bytes of the files ``paths``: the
    code a cached result was worked out by, so that a cache of it is
    named by it too and an edit of that code misses the old file. A file is
    named by its path under ``root`` when given (a package's tree), else by
    its file name."""
    import hashlib

    h = hashlib.sha256()
    for p in paths:
        path = Path(p)
        name = path.relative_to(root).as_posix() if root is not None else path.name
        h.update(name.encode("utf-8") + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def read_marshalled_dict(path: os.PathLike | str) -> dict:
    """The dict marshalled in the private file ``path`` (:func:`read_private`),
    or an empty one when there is none that can be used."""
    import marshal

    try:
        data = marshal.loads(read_private(path))
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}
