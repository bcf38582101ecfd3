"""PDF reports -> :class:`~extract.span.SourceText`, one page at a time.

Text comes from pypdfium2 (PDFium): every character with its box. Tables
come from the page's ruling lines, read from its path objects through
PDFium and cut into cells by pdfplumber's table algorithm (its lines
strategy, applied to those edges, as ported in :mod:`extract.load.ruling`:
neither pdfplumber nor pdfminer is imported, and no page is parsed twice),
which keeps a page with tables about as cheap as one without (see
scripts/bench_pdf.py). The layout itself (lines, tables, running headers
and footers, tables continued over a page break, paragraphs wrapped over
lines and pages) is :mod:`extract.load.geometry`'s, shared with OCR'd
pages.

A page whose text layer is unusable (no characters over a page-sized
image, or mostly U+FFFD, private-use or control characters, or pdfminer's
``(cid:N)``) is rendered and OCR'd when the ``ocr`` extra is installed;
without it, :class:`~extract.errors.NeedsOCR` names the pages and the
install command. Encrypted files open with an empty password or raise
:class:`~extract.errors.EncryptedDocument`; damaged, truncated and
page-less files raise :class:`~extract.errors.CorruptDocument`.

Coordinates: PDF points from the top-left corner of the page's crop box as
the page is displayed (its /Rotate applied), ``(x0, top, x1, bottom)``, as
pdfplumber gives them for an unrotated page.
"""

from __future__ import annotations

import ctypes
import functools
import os
import re
import struct
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterator, Optional

from .. import limits
from ..errors import CorruptDocument, EmptyInput, EncryptedDocument, LimitExceeded, NeedsOCR
from ..ruleset import RuleSet, RulesLike
from ..span import SourceText
from . import geometry
from .geometry import Glyph, LayoutSettings, PageLayout

if TYPE_CHECKING:
    from ..line_kinds import LineClassifier

# A file without this marker near its end was cut short.
EOF_MARKER = b"%%EOF"
EOF_WINDOW = 4096
# Path segments read per page at most (vector drawings can hold millions).
MAX_SEGMENTS = 50_000
# Deflate inflates one byte to at most 1032 (a 258-byte match in two bits,
# RFC 1951): a stream shorter than the cap over this cannot pass the cap.
DEFLATE_MAX_RATIO = 1032


@dataclass(frozen=True)
class TextLayerRules:
    """When a page's text layer is not to be trusted."""

    max_bad_share: float = 0.3  # of non-space characters: U+FFFD, private use, controls, (cid:N)
    image_cover: float = 0.5  # share of the page an image must cover to be a scan
    margin_band: float = 0.08  # a scan's only text may be a page number in this band (top, bottom)
    min_curves: int = 200  # curve segments on a page without text: outlined glyphs


TEXT_LAYER = TextLayerRules()
_CID = re.compile(r"\(cid:\d+\)")
_SPACE = re.compile(r"\s")
_BAD = re.compile("[\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff\x00-\x08\x0e-\x1f\x7f-\x9f]")


# --------------------------------------------------------------------------
# Opening


def check_streams(data: bytes, path=None) -> None:
    """Inflate every Flate stream that is not an image, each up to
    ``max_pdf_stream_mb`` (:mod:`extract.limits`): a decompression bomb is
    refused before PDFium loads a page."""
    cap = int(limits.current().max_pdf_stream_mb * limits.MB)
    for m in re.finditer(rb"stream\r?\n", data):
        start = m.end()
        end = data.find(b"endstream", start)
        if ((end if end >= 0 else len(data)) - start) * DEFLATE_MAX_RATIO <= cap:
            continue  # too short to inflate past the cap
        head = data[max(0, m.start() - 2048):m.start()]
        obj = head.rfind(b" obj")
        if obj >= 0:
            head = head[obj:]
        if b"Flate" not in head and b"/Fl " not in head and b"/Fl]" not in head:
            continue
        if re.search(rb"/Subtype\s*/Image", head):
            continue
        raw = data[start:end if end >= 0 else len(data)]
        d = zlib.decompressobj()
        size = 0
        try:
            chunk = d.decompress(raw, cap + 1)
            size = len(chunk)
            while size <= cap and d.unconsumed_tail:
                chunk = d.decompress(d.unconsumed_tail, cap + 1 - size)
                if not chunk:
                    break
                size += len(chunk)
        except zlib.error:
            continue  # PDFium decides what a damaged stream means
        if size > cap:
            raise LimitExceeded(f"a PDF stream inflates to more than {limits.mb_text(cap)} "
                                f"(at byte {m.start():,}): a decompression bomb?", path)
        limits.check_deadline()


def check_page_count(n_pages: int, path=None) -> None:
    """At most ``max_pdf_pages`` pages."""
    cap = limits.current().max_pdf_pages
    if n_pages > cap:
        raise LimitExceeded(f"the PDF has {n_pages:,} pages (limit {cap:,})", path)


def open_pdf(data: bytes, path: Optional[os.PathLike | str] = None):
    """The PDFium document of ``data`` (empty password tried); one-line
    errors for encrypted, damaged, truncated and page-less files."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise CorruptDocument("not a PDF (no %PDF header)", path)
    if EOF_MARKER not in data[-EOF_WINDOW:]:
        raise CorruptDocument("truncated PDF (the file ends before its %%EOF marker)", path)
    check_streams(data, path)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        encrypted = b"/Encrypt" in data  # PDFium's last-error code can be stale otherwise
        if code == raw.FPDF_ERR_PASSWORD and encrypted:
            raise EncryptedDocument("the PDF is protected by a password: save an unprotected copy",
                                    path) from None
        if code == raw.FPDF_ERR_SECURITY and encrypted:
            raise EncryptedDocument("the PDF uses an unsupported security handler", path) from None
        raise CorruptDocument("damaged PDF, or a PDF with no pages (PDFium cannot open it)", path) from None
    if len(pdf) == 0:
        pdf.close()
        raise CorruptDocument("the PDF has no pages", path)
    try:
        check_page_count(len(pdf), path)
    except LimitExceeded:
        pdf.close()
        raise
    return pdf


# --------------------------------------------------------------------------
# The text layer


def bad_char_share(text: str) -> float:
    """Share of ``text``'s non-space characters that carry no text:
    U+FFFD, private-use, control characters, and pdfminer's ``(cid:N)``."""
    total = len(text) - len(_SPACE.findall(text))
    if total <= 0:
        return 0.0
    bad = len(_BAD.findall(text)) + sum(len(m) for m in _CID.findall(text))
    return min(1.0, bad / total)


@dataclass
class PageFrame:
    """How a page's user space maps to the page as displayed: its crop box
    (``left``, ``top`` in user space, ``width``, ``height``) and its
    /Rotate (0, 90, 180, 270, clockwise)."""

    left: float
    top: float
    width: float
    height: float
    rotation: int = 0

    @classmethod
    def of(cls, page) -> "PageFrame":
        left, bottom, right, top = page.get_cropbox()
        return cls(left, top, right - left, top - bottom, page.get_rotation() % 360)

    @property
    def size(self) -> tuple[float, float]:
        """(width, height) as displayed."""
        return (self.height, self.width) if self.rotation in (90, 270) else (self.width, self.height)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """A user-space rectangle as ``(x0, top, x1, bottom)`` from the top
        left of the page as displayed."""
        ux0, ux1 = min(x0, x1) - self.left, max(x0, x1) - self.left
        ut0, ut1 = self.top - max(y0, y1), self.top - min(y0, y1)
        w, h = self.width, self.height
        if self.rotation == 90:
            return (h - ut1, ux0, h - ut0, ux1)
        if self.rotation == 180:
            return (w - ux1, h - ut1, w - ux0, h - ut0)
        if self.rotation == 270:
            return (ut0, w - ux1, ut1, w - ux0)
        return (ux0, ut0, ux1, ut1)

    def user_box(self, x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
        """The inverse of :meth:`box`: a box as displayed (``x0, top, x1,
        bottom`` from the top left) as a user-space rectangle
        ``(x0, y0, x1, y1)``, y upwards, as PDF annotations take it."""
        w, h = self.width, self.height
        if self.rotation == 90:
            ux0, ux1, ut0, ut1 = top, bottom, h - x1, h - x0
        elif self.rotation == 180:
            ux0, ux1, ut0, ut1 = w - x1, w - x0, h - bottom, h - top
        elif self.rotation == 270:
            ux0, ux1, ut0, ut1 = w - bottom, w - top, x0, x1
        else:
            ux0, ux1, ut0, ut1 = x0, x1, top, bottom
        return (self.left + ux0, self.top - ut1, self.left + ux1, self.top - ut0)


def page_glyphs(textpage, crop: PageFrame) -> tuple[list[Glyph], str]:
    """Every non-space character of a text page with its loose box, and
    the page's text (for judging the text layer). PDFium has no call for
    many boxes at once, so this is one call per character: through a
    prototype without argument conversion, into one reused rectangle
    unpacked in one step, each glyph made as a tuple in one step."""
    import pypdfium2.raw as raw

    n = raw.FPDFText_CountChars(textpage.raw)
    text = textpage.get_text_range(0, n) if n > 0 else ""
    if len(text) != n:  # characters outside the BMP: read them one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage.raw, i)) for i in range(n))
    rect = raw.FS_RECTF()
    get_box, tp, out = _loose_char_box(), ctypes.cast(textpage.raw, ctypes.c_void_p), ctypes.byref(rect)
    unpack = _RECT.unpack_from  # FS_RECTF: left, top, right, bottom
    left, top = crop.left, crop.top
    glyphs: list[Glyph] = []
    append = glyphs.append
    make = tuple.__new__
    upright = crop.rotation == 0
    for i, ch in enumerate(text):
        if ch.isspace() or not get_box(tp, i, out):  # str.isspace: what the \s of a str pattern matches
            continue
        r_left, r_top, r_right, r_bottom = unpack(rect)
        if upright:
            x0, x1, y0, y1 = r_left - left, r_right - left, top - r_top, top - r_bottom
        else:
            x0, y0, x1, y1 = crop.box(r_left, r_bottom, r_right, r_top)
        if x1 > x0 or y1 > y0:
            append(make(Glyph, (ch, x0, y0, x1, y1)))
    return glyphs, text


_RECT = struct.Struct("4f")


def _loose_char_box():
    """``FPDFText_GetLooseCharBox(textpage, index, rect*)`` as a bare C
    function (see :func:`_bare`)."""
    return _bare("FPDFText_GetLooseCharBox")


class _Handle(ctypes.c_void_p):
    """A PDFium handle returned by a bare function, kept as a pointer (a
    plain ``c_void_p`` result becomes an int, which a bare call would pass
    on as a 32-bit int)."""


@functools.cache
def _bare(name: str, restype=ctypes.c_int):
    """PDFium's function ``name`` as a bare C function: the arguments are
    passed as given (a pointer, an int, a reference), without pypdfium2's
    per-call type conversion; for the calls made once per character or
    page object."""
    import pypdfium2.raw as raw

    address = ctypes.cast(getattr(raw, name), ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype)(address)


# --------------------------------------------------------------------------
# Graphics: ruling lines and images


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _matrix_of(obj) -> Matrix:
    m = (ctypes.c_float * 6)()  # FS_MATRIX: a, b, c, d, e, f
    if not _bare("FPDFPageObj_GetMatrix")(obj, m):
        return IDENTITY
    return tuple(m)  # type: ignore[return-value]


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` then ``outer``."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _objects(page_raw) -> Iterator[tuple[object, int, Matrix]]:
    """Every path and image object of the page (a bare handle, for the bare
    calls of :func:`_matrix_of` and :func:`path_reader`)
    with its type and its matrix to page space, looking into form XObjects.
    A page holds hundreds of text objects: each is looked at through two
    bare calls."""
    import pypdfium2.raw as raw

    get_type = _bare("FPDFPageObj_GetType")
    wanted = (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE)

    def walk(get, holder, count: int, outer: Matrix) -> Iterator[tuple[object, int, Matrix]]:
        handles = [get(holder, i) for i in range(count)]
        for handle, kind in zip(handles, map(get_type, handles)):
            if kind == raw.FPDF_PAGEOBJ_FORM:
                yield from walk(_bare("FPDFFormObj_GetObject", _Handle), handle,
                                _bare("FPDFFormObj_CountObjects")(handle), _compose(_matrix_of(handle), outer))
            elif kind in wanted:
                yield handle, kind, outer

    yield from walk(_bare("FPDFPage_GetObject", _Handle), page_raw, raw.FPDFPage_CountObjects(page_raw), IDENTITY)


@dataclass
class PageGraphics:
    """What a page draws besides text: ruling-line edges, the largest share
    of the page one image covers, the path segments read and how many of
    them are curves (outlined glyphs are drawn with curves)."""

    edges: list[dict] = field(default_factory=list)
    image_cover: float = 0.0
    segments: int = 0
    curves: int = 0


def path_reader(crop: PageFrame, found: PageGraphics) -> Callable[[object, Matrix], None]:
    """A function ``read(path, matrix)`` adding the horizontal and vertical
    straight segments of a drawn path (a bare handle; ``matrix``: its
    holder's to page space) to ``found.edges`` as pdfplumber edges (a
    rectangle gives its four sides, a thin filled rectangle two close
    parallel lines that snap into one), and counting its segments and
    curves. A page holds thousands of paths of a segment or two (table
    rulings): the bare functions and the buffers they write into are
    looked up and made once for the page, not once per path."""
    import pypdfium2.raw as raw

    get_mode, get_matrix = _bare("FPDFPath_GetDrawMode"), _bare("FPDFPageObj_GetMatrix")
    count, get_segment = _bare("FPDFPath_CountSegments"), _bare("FPDFPath_GetPathSegment", _Handle)
    get_point, get_type, get_close = (_bare("FPDFPathSegment_GetPoint"), _bare("FPDFPathSegment_GetType"),
                                      _bare("FPDFPathSegment_GetClose"))
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    at_fill, at_stroke = ctypes.byref(fill), ctypes.byref(stroke)
    own = (ctypes.c_float * 6)()  # FS_MATRIX: a, b, c, d, e, f
    x, y = ctypes.c_float(), ctypes.c_float()
    at_x, at_y = ctypes.byref(x), ctypes.byref(y)
    moveto, bezierto = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_BEZIERTO
    edges, box, edge = found.edges, crop.box, geometry.edge

    def read(obj, matrix: Matrix) -> None:
        if get_mode(obj, at_fill, at_stroke) and not (fill.value or stroke.value):
            return  # neither filled nor stroked (a failed call: taken as drawn)
        a, b, c, d, e, f = _compose(tuple(own) if get_matrix(obj, own) else IDENTITY, matrix)
        start = current = None
        for k in range(count(obj)):
            seg = get_segment(obj, k)
            get_point(seg, at_x, at_y)
            px, py = x.value, y.value
            kind, closes = get_type(seg), get_close(seg)
            sx, sy = a * px + c * py + e, b * px + d * py + f  # _apply(m, px, py)
            found.segments += 1
            if kind == moveto:
                start = current = (sx, sy)
                continue
            if kind == bezierto:
                found.curves += 1
            elif current is not None:
                if (made := edge(*box(current[0], current[1], sx, sy))) is not None:
                    edges.append(made)
            current = (sx, sy)
            if closes and start is not None:
                if (made := edge(*box(sx, sy, start[0], start[1]))) is not None:
                    edges.append(made)
                current = start

    return read


def page_graphics(page_raw, crop: PageFrame) -> PageGraphics:
    """The page's ruling lines, images and curves (see :class:`PageGraphics`)."""
    import pypdfium2.raw as raw

    found = PageGraphics()
    area = max(crop.width * crop.height, 1.0)
    read_path = path_reader(crop, found)
    for obj, kind, matrix in _objects(page_raw):
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            m = _compose(_matrix_of(obj), matrix)
            corners = [_apply(m, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
            xs, ys = [c[0] for c in corners], [c[1] for c in corners]
            w = min(max(xs), crop.left + crop.width) - max(min(xs), crop.left)
            h = min(max(ys), crop.top) - max(min(ys), crop.top - crop.height)
            found.image_cover = max(found.image_cover, max(w, 0) * max(h, 0) / area)
        elif found.segments < MAX_SEGMENTS:
            read_path(obj, matrix)
    return found


# --------------------------------------------------------------------------
# Pages


def ocr_reason(glyphs: list[Glyph], text: str, graphics: PageGraphics, height: float,
               rules: TextLayerRules = TEXT_LAYER) -> Optional[str]:
    """Why a page must be OCR'd, or None when its text layer will do (or
    the page is blank): most characters unmapped; a page-sized image with
    no text but in the margins (a scan with a stamped page number); drawn
    content and no text at all (outlined glyphs)."""
    share = bad_char_share(text)
    if glyphs and share > rules.max_bad_share:
        return f"{share:.0%} of its characters are unmapped"
    if graphics.image_cover >= rules.image_cover:
        band = rules.margin_band * height
        if not any(band < (g.top + g.bottom) / 2 < height - band for g in glyphs):
            return "a scanned image without a text layer"
    if not glyphs and graphics.curves >= rules.min_curves:
        return "drawn content without a text layer"
    return None


@dataclass
class PageRead:
    layout: Optional[PageLayout]
    ocr_reason: Optional[str] = None


def read_page(page, number: int, ocr_engine, settings: LayoutSettings, progress=None) -> PageRead:
    """One page laid out; OCR'd when its text layer is unusable and an
    engine is at hand (else the reason it needs OCR), ``progress``
    (:class:`~extract.load.ocr.OcrProgress`) told of the page."""
    crop = PageFrame.of(page)
    textpage = page.get_textpage()
    try:
        glyphs, text = page_glyphs(textpage, crop)
    finally:
        textpage.close()
    graphics = page_graphics(page.raw, crop)
    reason = ocr_reason(glyphs, text, graphics, crop.size[1])
    if reason is None:
        return PageRead(geometry.layout_page(number, *crop.size, glyphs, graphics.edges, settings))
    if ocr_engine is None:
        return PageRead(None, reason)
    from .ocr import ocr_page

    if progress is not None:
        progress.page(number)
    return PageRead(ocr_page(page, number, *crop.size, ocr_engine, settings))


def page_ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 7]`` -> ``"1-3, 7"``."""
    out: list[str] = []
    start = prev = None
    for n in numbers + [None]:  # type: ignore[list-item]
        if start is not None and n == prev + 1:
            prev = n
            continue
        if start is not None:
            out.append(str(start) if start == prev else f"{start}-{prev}")
        start = prev = n
    return ", ".join(out)


def _reopen(data: bytes):
    """The document :func:`open_pdf` opened (and checked), opened again."""
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(data)


def read_pages(pdf, path, settings: LayoutSettings, reopen: Optional[Callable[[], object]] = None) -> list[PageLayout]:
    """Every page laid out, one at a time (each page's PDFium objects are
    released before the next is loaded). ``reopen``: opens the document
    anew; PDFium keeps every object it parsed until its document is closed,
    so with it the document is closed and opened again every
    ``PAGES_PER_OPENING`` pages (``pdf`` is then closed here; closing it
    again is harmless) and its memory stays that of so many pages however
    long the report."""
    from .ocr import OcrProgress

    progress = OcrProgress(len(pdf), path)
    try:
        return _read_pages(pdf, path, settings, progress, reopen)
    finally:
        progress.close()


# PDFium holds about 0.15 MB a page of a typical report until the document is closed.
PAGES_PER_OPENING = 100


def _read_pages(pdf, path, settings: LayoutSettings, progress, reopen=None) -> list[PageLayout]:
    from .ocr import get_engine, install_hint

    engine = None
    engine_checked = False
    layouts: list[PageLayout] = []
    missing: list[int] = []
    reasons: set[str] = set()
    opened = None  # a document opened here, closed here
    try:
        for i in range(len(pdf)):
            limits.check_deadline()
            if reopen is not None and i and i % PAGES_PER_OPENING == 0:
                pdf.close()
                pdf = opened = reopen()
            try:
                page = pdf[i]
            except Exception as e:  # PDFium raises its own error type for a broken page
                raise CorruptDocument(f"page {i + 1} cannot be read ({e})", path) from None
            try:
                read = read_page(page, i + 1, engine, settings, progress)
                if read.layout is None and not engine_checked:
                    engine, engine_checked = get_engine(), True
                    if engine is not None:
                        read = read_page(page, i + 1, engine, settings, progress)
            finally:
                page.close()
            if read.layout is None:
                missing.append(i + 1)
                reasons.add(read.ocr_reason or "")
            else:
                layouts.append(read.layout)
    finally:
        if opened is not None:
            opened.close()
    if missing:
        raise NeedsOCR(f"page{'s' if len(missing) > 1 else ''} {page_ranges(missing)} "
                       f"{'have' if len(missing) > 1 else 'has'} no usable text layer "
                       f"({'; '.join(sorted(reasons))}): install the OCR extra: {install_hint()}", path)
    return layouts


# --------------------------------------------------------------------------
# Whole documents


def block_rules(rules: RulesLike = None) -> "LineClassifier":
    """What the layout asks of the rules: page artifacts, captions and
    heading markers, as every loader's lines are classified
    (:mod:`extract.line_kinds`)."""
    from ..line_kinds import line_classifier

    return line_classifier(rules)


def is_page_artifact(text: str, rules: RulesLike = None) -> bool:
    """``- 3 -``, ``第3页``, a bare page number (rules/normalize.yaml)."""
    return block_rules(rules).is_page_artifact(text)


def layout_document(layouts: list[PageLayout], settings: LayoutSettings = geometry.DEFAULT_SETTINGS,
                    rules: RulesLike = None) -> SourceText:
    """Pages laid out -> the document's text: running lines dropped,
    continued tables joined, wrapped paragraphs joined."""
    blocks = block_rules(rules)
    geometry.drop_running_lines(layouts, blocks.is_page_artifact, settings)
    geometry.join_continued_tables(layouts, settings)
    return geometry.to_source(layouts, blocks.breaks_before, settings)


def load_pdf(path: os.PathLike | str, data: Optional[bytes] = None,
             settings: LayoutSettings = geometry.DEFAULT_SETTINGS,
             rules: RulesLike = None) -> tuple[SourceText, int]:
    """Read a PDF report; return its laid-out :class:`SourceText` and its
    number of pages. ``rules``: the rule set whose page-artifact, caption
    and heading rules guide the layout."""
    if data is None:
        with open(path, "rb") as f:
            data = f.read()
    from ..collector import collector_paused

    pdf = open_pdf(data, path)
    # A page makes a thousand glyph tuples and the lines and runs laid out of
    # them, which die by reference counting or live on in the text, in no
    # cycle: the collections meanwhile only walk them (and every object
    # already alive) in vain, some 5% of the reading.
    with collector_paused():
        try:
            n_pages = len(pdf)
            layouts = read_pages(pdf, path, settings, reopen=functools.partial(_reopen, data))
        finally:
            pdf.close()
        source = layout_document(layouts, settings, rules)
    if not source.text.strip():
        raise EmptyInput(f"the PDF holds no text ({n_pages} blank page{'s' if n_pages > 1 else ''})", path)
    return source, n_pages
