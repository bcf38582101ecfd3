"""Plain-text reports: bytes -> :class:`~extract.span.SourceText`.

Encodings tried, in order: a byte-order mark (UTF-8, UTF-16 LE/BE), strict
UTF-8, UTF-16 without a mark (told by its NUL pattern), line by line for
text mixing UTF-8 and GBK lines (each line strict UTF-8, else strict
GB18030; the encoding is reported as ``utf-8+gb18030``), strict GB18030 (a
superset of GBK and GB2312), unless the text reads as Big5 (traditional
characters) far better (:func:`_reads_big5`). Line endings are folded to ``\\n``; all offsets
refer to the decoded text. Empty, binary and undecodable files raise
:class:`~extract.errors.InputError` subclasses with a one-line reason.
"""

from __future__ import annotations

import codecs
import re
import os
from typing import Optional

from ..errors import BinaryInput, EmptyInput, UnreadableEncoding
from ..span import SourceText

# Share of C0 control characters (other than tab, newline, carriage return,
# form feed) above which decoded text is taken to be binary.
MAX_CONTROL_SHARE = 0.01


def _utf16_without_bom(data: bytes) -> Optional[str]:
    """UTF-16 text without a BOM has NULs at every other byte for ASCII."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    for codec, nuls in (("utf-16-le", odd_nuls), ("utf-16-be", even_nuls)):
        if nuls >= half * 0.2:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


MIXED = "utf-8+gb18030"
_CJK = re.compile("[\u4e00-\u9fff]")


def _decode_mixed(data: bytes) -> Optional[str]:
    """Text pasted together from UTF-8 and GBK files: each line in UTF-8
    when it decodes strictly as UTF-8, else in GB18030. Only when some
    non-ASCII line is valid UTF-8 (a GBK file holds almost none) and every
    line decodes one way or the other; None otherwise."""
    lines = data.split(b"\n")
    out: list[str] = []
    utf8_lines = 0
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            if not line.isascii() and _CJK.search(out[-1]):
                utf8_lines += 1
            continue
        except UnicodeDecodeError:
            pass
        try:
            out.append(line.decode("gb18030"))
        except UnicodeDecodeError:
            return None
    return "\n".join(out) if utf8_lines else None


def decode_text(data: bytes, path: Optional[os.PathLike | str] = None) -> tuple[str, str]:
    """Decode report bytes; return ``(text, encoding)``."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe\xe3\x80\x80"):
        # nothing but byte-order marks (or NULs) is empty; spaces and line breaks are white space
        empty = not data.strip(b"\x00\xef\xbb\xbf\xff\xfe")
        raise EmptyInput("the file is empty" if empty else "the file holds only white space", path)
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as e:
                raise UnreadableEncoding(f"starts with a {codec} byte-order mark but is not {codec} "
                                         f"(byte {e.start})", path) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None:
            return text, "utf-16"
        raise BinaryInput("binary file (NUL bytes), not a text report", path)
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed, MIXED
    try:
        text = data.decode("gb18030")
        return (data.decode("big5"), "big5") if _reads_big5(data, text) else (text, "gb18030")
    except UnicodeDecodeError as e:
        raise UnreadableEncoding(
            f"not text in UTF-8, GB18030/GBK or UTF-16 (undecodable byte at offset {e.start})", path
        ) from None


def _common_share(text: str, codec: str, first: int, last: int) -> float:
    """Share of the Chinese characters of ``text`` that ``codec`` writes
    with a lead byte in ``first..last``: its block of common characters
    (GB2312 level 1, B0–D7; Big5 常用字, A4–C6)."""
    chars = _CJK.findall(text)
    common = 0
    for ch in chars:
        try:
            b = ch.encode(codec)
        except UnicodeEncodeError:
            continue
        common += len(b) == 2 and first <= b[0] <= last
    return common / len(chars) if chars else 0.0


def _reads_big5(data: bytes, gb_text: str) -> bool:
    """Whether ``data`` (decoded as GB18030 to ``gb_text``) is Big5: it
    decodes strictly as Big5 to far more common characters than as GBK (a
    Big5 text read as GBK is rare characters and symbols; a GBK text read as
    Big5 too)."""
    try:
        big5_text = data.decode("big5")
    except UnicodeDecodeError:
        return False
    return _common_share(big5_text, "big5", 0xA4, 0xC6) > _common_share(gb_text, "gb2312", 0xB0, 0xD7) + 0.2


#: A control character (below 32) other than tab, line feed, form feed and
#: carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _control_share(text: str) -> float:
    # (found by the regex engine: a Python loop over every character was
    # a twentieth of a warm parse)
    return len(_CONTROL.findall(text)) / max(len(text), 1)


def source_from_text(text: str) -> SourceText:
    """Fold line endings and form feeds; the result is what offsets refer to."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return SourceText(text)


def load_text(path: os.PathLike | str, data: Optional[bytes] = None) -> tuple[SourceText, str]:
    """Read a text report; return its :class:`SourceText` and the encoding."""
    if data is None:
        with open(path, "rb") as f:
            data = f.read()
    text, encoding = decode_text(data, path)
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise BinaryInput("binary file (control characters), not a text report", path)
    if not text.strip():
        raise EmptyInput("the file holds only white space", path)
    return source_from_text(text), encoding
