"""A PDF's pages as images for the review page, and each finding's box on them.

:func:`render_pages` draws every page with pypdfium2 (PDFium) at
:data:`RENDER_SCALE` (144 dpi: sharp at the width the review page shows it)
as a 16-colour PNG inside a ``data:`` URI, so the page stays one file that
opens from disk with no network. :func:`page_box` turns a
:class:`~extract.model.Location`'s box (PDF points from the top left of the
page as displayed, as the loader gives them) into the percentages of the
page that the HTML draws it at, padded a little and kept inside the page.
"""

from __future__ import annotations

import base64
import io
import os
from dataclasses import dataclass
from typing import Optional, Union

#: pixels per PDF point (2 = 144 dpi)
RENDER_SCALE = 2.0
#: colours of the PNG palette (text pages need few; stamps keep their hue)
PALETTE_COLOURS = 16
#: points added around a glyph box, so the box drawn holds the figure with room
BOX_PAD = 1.5

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class PageImage:
    """One rendered page: its 1-based number, its size as displayed in
    points, its pixel size and the image as a ``data:`` URI."""

    number: int
    width: float
    height: float
    pixel_width: int
    pixel_height: int
    src: str


def render_pages(pdf: Union[os.PathLike, str, bytes], scale: float = RENDER_SCALE) -> list[PageImage]:
    """Every page of ``pdf`` (a path or the file's bytes) as a
    :class:`PageImage`, one page in memory at a time."""
    import pypdfium2 as pdfium

    from ..load.pdf import PageFrame

    if not isinstance(pdf, (bytes, bytearray)):
        with open(pdf, "rb") as f:
            pdf = f.read()
    doc = pdfium.PdfDocument(pdf)
    out = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            try:
                width, height = PageFrame.of(page).size
                bitmap = page.render(scale=scale, may_draw_forms=True)
                image = bitmap.to_pil()
                bitmap.close()
            finally:
                page.close()
            buf = io.BytesIO()
            image.convert("RGB").quantize(PALETTE_COLOURS).save(buf, "PNG", optimize=True)
            src = "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
            out.append(PageImage(i + 1, width, height, image.width, image.height, src))
    finally:
        doc.close()
    return out


def clip_box(bbox: BBox, width: float, height: float, pad: float = 0.0) -> Optional[BBox]:
    """``bbox`` grown by ``pad`` points and cut to the page (``width`` x
    ``height``); None when nothing of it is on the page."""
    x0, top, x1, bottom = bbox
    x0, top = max(x0 - pad, 0.0), max(top - pad, 0.0)
    x1, bottom = min(x1 + pad, width), min(bottom + pad, height)
    if x1 <= x0 or bottom <= top:
        return None
    return (x0, top, x1, bottom)


def page_box(bbox: BBox, page: PageImage, pad: float = BOX_PAD) -> Optional[tuple[float, float, float, float]]:
    """``bbox`` as (left, top, width, height) percentages of ``page``."""
    box = clip_box(bbox, page.width, page.height, pad)
    if box is None:
        return None
    x0, top, x1, bottom = box
    return (round(100 * x0 / page.width, 3), round(100 * top / page.height, 3),
            round(100 * (x1 - x0) / page.width, 3), round(100 * (bottom - top) / page.height, 3))
