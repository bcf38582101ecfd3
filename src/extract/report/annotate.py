"""A checked PDF report with its findings as PDF annotations.

:func:`write_annotated_pdf` copies the report's PDF and adds, for every
failed check that has a place on a page, one square annotation around the
glyphs of its first such location, coloured by severity, whose note
(``/Contents``) is the finding as the review page words it: number,
severity, message, what was expected against what is stated, the rule.
Numbers are the review page's (:func:`~extract.report.html.numbered_findings`).

The copy is written by pypdf (``PdfWriter(clone_from=...)`` and its
annotation classes), never by hand-made PDF syntax; page content streams
are not touched, so the text layer is the input's.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..errors import UnsupportedFormat
from ..model import CheckResult, Location, Report
from .html import SEVERITY_NAMES, numbered_findings
from .pages import BOX_PAD, clip_box

#: stroke colour (RGB, 0..1) of each severity, as the review page draws it
SEVERITY_COLOURS = {"error": (0.702, 0.149, 0.118), "warning": (0.541, 0.353, 0.0),
                    "info": (0.122, 0.373, 0.659)}
#: the annotations' author (/T)
AUTHOR = "extract"


@dataclass(frozen=True)
class Note:
    """One annotation to add: its page (1-based), its rectangle in user
    space (x0, y0, x1, y1) and its text."""

    page: int
    rect: tuple[float, float, float, float]
    severity: str
    text: str
    name: str


def note_text(n: int, result: CheckResult) -> str:
    """The note of finding ``n``: ``[错误3] message`` and its evidence."""
    lines = [f"[{SEVERITY_NAMES[result.severity]}{n}] {result.message}"]
    if result.expected is not None or result.stated is not None:
        lines.append(f"应为：{result.expected or '—'}　实为：{result.stated or '—'}")
    if result.quote:
        lines.append(f"原文：{result.quote}")
    lines.append(f"规则 {result.rule}")
    return "\n".join(lines)


def first_place(result: CheckResult) -> Optional[Location]:
    """The finding's first location with a page and a box."""
    return next((loc for loc in result.locations if loc.page is not None and loc.bbox is not None), None)


def plan_notes(report: Report, frames: dict) -> list[Note]:
    """The annotations of ``report``'s findings: one per finding with a
    place on a page (``frames``: page number -> its
    :class:`~extract.load.pdf.PageFrame`), the box kept inside its page."""
    notes = []
    for n, result in numbered_findings(report):
        loc = first_place(result)
        if loc is None or loc.page not in frames:
            continue
        frame = frames[loc.page]
        width, height = frame.size
        box = clip_box(loc.bbox, width, height, BOX_PAD) or clip_box(
            (0.0, 0.0, width, height), width, height)
        notes.append(Note(loc.page, frame.user_box(*box), result.severity, note_text(n, result),
                          f"extract-{n}"))
    return notes


def page_frames(data: bytes) -> dict:
    """Each page's :class:`~extract.load.pdf.PageFrame` (crop box, rotation)."""
    import pypdfium2 as pdfium

    from ..load.pdf import PageFrame

    pdf = pdfium.PdfDocument(data)
    try:
        frames = {}
        for i in range(len(pdf)):
            page = pdf[i]
            frames[i + 1] = PageFrame.of(page)
            page.close()
        return frames
    finally:
        pdf.close()


def annotated_pdf(report: Report, data: Optional[bytes] = None) -> tuple[bytes, int]:
    """The bytes of ``report``'s PDF (``data``, else read from
    ``report.source.path``) with one square annotation per finding with a
    page; and the number of annotations added."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Rectangle
    from pypdf.generic import FloatObject, NameObject, NumberObject, TextStringObject

    if report.source.format != "pdf":
        raise UnsupportedFormat("an annotated PDF is made of a PDF report only", report.source.path)
    if data is None:
        data = Path(report.source.path).read_bytes()
    notes = plan_notes(report, page_frames(data))
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")
    writer = PdfWriter(clone_from=reader)
    for note in notes:
        colour = SEVERITY_COLOURS[note.severity]
        annotation = Rectangle(rect=note.rect)  # /Subtype /Square
        annotation[NameObject("/Contents")] = TextStringObject(note.text)
        annotation[NameObject("/T")] = TextStringObject(AUTHOR)
        annotation[NameObject("/NM")] = TextStringObject(note.name)
        annotation[NameObject("/C")] = _array(colour, FloatObject)
        annotation[NameObject("/F")] = NumberObject(4)  # print
        writer.add_annotation(note.page - 1, annotation)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(notes)


def _array(values, kind):
    from pypdf.generic import ArrayObject

    return ArrayObject(kind(round(v, 3)) for v in values)


def write_annotated_pdf(report: Report, path: os.PathLike | str, data: Optional[bytes] = None) -> int:
    """Write :func:`annotated_pdf` of ``report`` to ``path`` (atomically);
    return the number of annotations."""
    from ..export.jsonfile import replacing

    content, count = annotated_pdf(report, data)
    with replacing(path) as tmp:
        tmp.write_bytes(content)
    return count
