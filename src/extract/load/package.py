"""Office Open XML packages (.docx, .xlsx): the zip bombs and XML entity
tricks a package can carry, refused before anything is inflated or parsed.

:func:`check_package` reads the zip's central directory only (member count,
declared sizes, compression ratios, under the limits of
:class:`~extract.limits.Limits`), then refuses an XML member that declares a
DTD (entity declarations: billion laughs, external entities). The .docx and
.xlsx loaders call it on the file's bytes first.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from .. import limits
from ..errors import CorruptDocument, LimitExceeded

MB = limits.MB


def check_package(data: bytes, path=None, kind: str = ".docx") -> None:
    """Member count, total uncompressed size and compression ratio of the
    ``kind`` package ``data`` (``max_zip_members``, ``max_zip_mb``,
    ``max_zip_ratio``), read from its central directory before anything is
    inflated; XML members with a DTD are refused as :class:`CorruptDocument`.
    A damaged zip passes: the loader gives the damaged-package error."""
    cap = limits.current()
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    with package:
        members = package.infolist()
        if len(members) > cap.max_zip_members:
            raise LimitExceeded(f"the {kind} package has {len(members):,} members (limit "
                                f"{cap.max_zip_members:,})", path)
        total = sum(m.file_size for m in members)
        if total > cap.max_zip_mb * MB:
            raise LimitExceeded(f"the {kind} package inflates to {limits.mb_text(total)} (limit "
                                f"{limits.mb_text(cap.max_zip_mb * MB)}): a zip bomb?", path)
        for m in members:
            if m.file_size > MB and m.file_size > cap.max_zip_ratio * max(m.compress_size, 1):
                raise LimitExceeded(f"member {m.filename} inflates {m.file_size / max(m.compress_size, 1):,.0f}"
                                    f" times (limit {cap.max_zip_ratio:g}): a zip bomb?", path)
        for m in members:
            if not m.filename.lower().endswith((".xml", ".rels")):
                continue
            try:
                body = package.read(m)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, zlib.error):
                raise CorruptDocument(f"member {m.filename} of the {kind} cannot be read", path) from None
            if has_dtd(body):
                raise CorruptDocument(f"member {m.filename} declares a DTD (entity declarations are "
                                      "refused: external entities, entity expansion)", path)


_DTD_MARKS = tuple(s.encode(c) for s in ("<!DOCTYPE", "<!ENTITY")
                   for c in ("ascii", "utf-16-le", "utf-16-be"))


def has_dtd(xml: bytes) -> bool:
    """True when XML bytes hold a document type declaration or an entity
    declaration (in UTF-8 or UTF-16)."""
    return any(mark in xml for mark in _DTD_MARKS)
