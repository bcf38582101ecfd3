"""JSON output of reports, written atomically (temporary name, then rename)."""

from __future__ import annotations

import json
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..collector import collector_paused
from ..model import LEAN, Report


def report_json(report: Report, indent: int | None = 2) -> str:
    """The report as lean JSON text (:data:`~extract.model.LEAN`): Decimals
    as strings, Chinese as is. With ``indent``, one record per line: each
    top-level key on its own line and, in a list, each item on its own line
    (indented by ``indent``), compact within; without, all on one line.

    Both forms start from pydantic's compact JSON; the indented one is cut
    from it into records, one top-level value or list item decoded and
    re-encoded at a time, so the report's data never stands as one tree of
    Python objects beside the text (a tenth less peak memory on 300 pages
    than dumping the report to Python data first, and no slower)."""
    with collector_paused():
        text = report.model_dump_json(**LEAN)
        if indent is None:
            return text + "\n"
        return _records(text, indent)


_DECODE = json.JSONDecoder().raw_decode

#: What can make pydantic's compact text of a value differ from the json
#: module's (which the records are written as): a float written with an
#: exponent (pydantic writes its sign always: ``1e+17``, ``1e-7``), or one
#: below 1e-4 written without (pydantic ``0.00001``, json ``1e-05``).
#: Strings, integers, true/false/null and Decimals (strings) come out the
#: same from both. (Found by str.find: a regex scan of a report's text
#: takes as long as cutting it into records.)
_FLOAT_FORMS = ("e+", "e-", "0.0000")


def _floats_read_alike(text: str) -> bool:
    """Whether no number in compact JSON ``text`` may read otherwise in the
    json module: each place holding one of :data:`_FLOAT_FORMS` (few) is in
    a number when the run of digits, points and signs before it stands
    after ``:``, ``,`` or ``[``, as every value of compact JSON does (a
    string that looks so only costs the slower path)."""
    find = text.find
    for form in _FLOAT_FORMS:
        i = find(form)
        while i >= 0:
            j = i
            while j > 0 and text[j - 1] in "0123456789.-+":
                j -= 1
            if j > 0 and text[j - 1] in ":,[":
                return False
            i = find(form, i + 1)
    return True


def _records(text: str, indent: int) -> str:
    """Compact JSON of an object (no whitespace outside strings, as
    pydantic writes it) as one record per line."""
    pad = " " * indent
    # each record its slice of the text as it stands, unless a float may
    # read otherwise in the json module: then decoded and encoded again
    value_text = _sliced if _floats_read_alike(text) else _encoded
    parts = []
    pos = 1  # after "{"
    while text[pos] != "}":
        key, pos = _DECODE(text, pos)
        name = json.dumps(key)
        pos += 1  # ":"
        if text.startswith("[", pos) and not text.startswith("[]", pos):
            items = []
            pos += 1
            while True:
                item, pos = value_text(text, pos)
                items.append(item)
                pos += 1  # "," or "]"
                if text[pos - 1] == "]":
                    break
            joined = f",\n{pad}{pad}".join(items)
            parts.append(f"{pad}{name}: [\n{pad}{pad}{joined}\n{pad}]")
        else:
            value, pos = value_text(text, pos)
            parts.append(f"{pad}{name}: {value}")
        if text[pos] == ",":
            pos += 1
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _sliced(text: str, pos: int) -> tuple[str, int]:
    """The compact text of the value at ``pos`` as it stands, and its end
    (decoded only to find where it ends)."""
    end = _DECODE(text, pos)[1]
    return text[pos:end], end


def _encoded(text: str, pos: int) -> tuple[str, int]:
    """The value at ``pos`` decoded and encoded again by the json module, and its end."""
    value, end = _DECODE(text, pos)
    return _compact(value), end


_STRING = json.encoder.encode_basestring  # the C encoder's, Chinese as is


def indented_json(value, indent: int = 2) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=indent)``, the same
    text, several times faster: the standard library writes indented JSON
    with its pure-Python encoder (a generator per container), this walks
    the data once and leaves strings and numbers to the C encoder."""
    out: list[str] = []
    _indent_into(value, out, "\n", " " * indent)
    return "".join(out)


def _indent_into(value, out: list[str], newline: str, pad: str) -> None:
    if isinstance(value, str):
        out.append(_STRING(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + pad
        sep = "{" + inner
        for key, item in value.items():
            out.append(sep)
            sep = "," + inner
            out.append(_STRING(key if isinstance(key, str) else _key(key)))
            out.append(": ")
            _indent_into(item, out, inner, pad)
        out.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + pad
        sep = "[" + inner
        for item in value:
            out.append(sep)
            sep = "," + inner
            _indent_into(item, out, inner, pad)
        out.append(newline + "]")
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    else:
        out.append(json.dumps(value))


def _key(key) -> str:
    """A non-string key as the json module writes it (a number, true, false,
    null), or its TypeError."""
    if key is None or isinstance(key, (bool, int, float)):
        return json.dumps(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


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
