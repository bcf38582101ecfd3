"""OCR of pages without a usable text layer (the optional ``ocr`` extra).

The engine is RapidOCR (``rapidocr`` with ``onnxruntime``): its detection,
direction and recognition models ship inside its wheel, so nothing is
downloaded at run time. A page is rendered to a grayscale image at
:data:`OCR_DPI`; the recognized characters, each with its own box, become
:class:`~extract.load.geometry.Glyph` objects in PDF points, and the
page's ruling lines are found in the image (long thin runs of dark
pixels, by morphological opening). From there the page goes through the
same layout as a text page: its tables are rebuilt from the ruling lines
and the positions of the recognized characters, not from reading order.

Without the extra, :func:`get_engine` returns None and the PDF loader
raises :class:`~extract.errors.NeedsOCR` naming the pages and
:func:`install_hint`.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Optional

from ..widths import display_width
from . import geometry
from .geometry import Glyph, LayoutSettings, PageLayout

OCR_DPI = 150
# extract installs from a clone (README, Quickstart): the extra the same way
INSTALL_HINT = "scripts/setup.sh ocr (in the clone; or: pip install '.[ocr]')"


@dataclass(frozen=True)
class RulingRules:
    """How ruling lines are found in a page image (pixels at OCR_DPI)."""

    dark: int = 160  # gray level below which a pixel is ink
    # a rule is looked for in pixels this much darker than the paper (its
    # median gray), at most `rule_dark`: a blurred scan's rules are gray
    paper_margin: int = 40
    rule_dark: int = 200
    min_length_share: float = 1 / 40  # of the page width (height): shorter runs are text strokes
    max_thickness: int = 8  # thicker runs are filled shapes, not rules


RULINGS = RulingRules()


def install_hint() -> str:
    """The command that installs the OCR engine."""
    return INSTALL_HINT


class OcrProgress:
    """``OCR 第N/M页`` on a terminal while pages are recognized (several
    seconds each), overwritten in place and cleared at the end. Silent
    unless ``stream`` is a terminal and this is the main thread of the
    main process: a batch worker or a Dask thread has its own progress."""

    def __init__(self, total: int, path=None, stream=None):
        import multiprocessing
        import sys
        import threading

        self.total, self.path = total, path
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = (getattr(self.stream, "isatty", lambda: False)()
                        and multiprocessing.parent_process() is None
                        and threading.current_thread() is threading.main_thread())
        self.shown = False

    def page(self, number: int) -> None:
        """Page ``number`` (1-based) of ``total`` is being recognized."""
        if self.enabled:
            name = f"{self.path}: " if self.path else ""
            self.stream.write(f"\rextract: {name}OCR page {number} of {self.total}\x1b[K")
            self.stream.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


@dataclass
class Fragment:
    """A recognized piece of text: its characters, each with a pixel box
    ``(x0, top, x1, bottom)`` when the engine gives one."""

    text: str
    box: tuple[float, float, float, float]
    score: float
    char_boxes: Optional[list[tuple[float, float, float, float]]] = None


def _quad_box(quad) -> tuple[float, float, float, float]:
    xs = [float(p[0]) for p in quad]
    ys = [float(p[1]) for p in quad]
    return min(xs), min(ys), max(xs), max(ys)


class OcrEngine:
    """RapidOCR, loaded once (its models come from its own wheel)."""

    def __init__(self):
        from rapidocr import RapidOCR

        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        # No per-box direction classifier: on short boxes it turns "99%" into "%66".
        self._ocr = RapidOCR(params={"Global.log_level": "error", "Global.use_cls": False})

    def read(self, image) -> list[Fragment]:
        """Text fragments of a PIL image, top to bottom."""
        import numpy as np

        rgb = np.asarray(image.convert("RGB"))
        result = self._ocr(rgb, return_word_box=True, return_single_char_box=True)
        if result.boxes is None or result.txts is None:
            return []
        words = list(result.word_results or [])
        out = []
        for k, (quad, text, score) in enumerate(zip(result.boxes, result.txts, result.scores)):
            chars = words[k] if k < len(words) else None
            char_boxes = None
            if chars and "".join(c[0] for c in chars) == text.replace(" ", ""):
                char_boxes = [_quad_box(c[2]) for c in chars]
            out.append(Fragment(text, _quad_box(quad), float(score), char_boxes))
        return out


@functools.lru_cache(maxsize=1)
def get_engine() -> Optional[OcrEngine]:
    """The OCR engine, or None when the ``ocr`` extra is not installed."""
    try:
        return OcrEngine()
    except ImportError:
        return None


def fragment_glyphs(fragment: Fragment, scale: float) -> list[Glyph]:
    """One glyph per character of ``fragment``, in PDF points (``scale``
    pixels per point). Without character boxes from the engine, the
    fragment's width is shared out by character width (CJK counts 2)."""
    chars = [c for c in fragment.text if not c.isspace()]
    if fragment.char_boxes and len(fragment.char_boxes) == len(chars):
        boxes = fragment.char_boxes
    else:
        x0, top, x1, bottom = fragment.box
        widths = [display_width(c) for c in chars]
        unit = (x1 - x0) / max(sum(widths), 1)
        boxes, x = [], x0
        for w in widths:
            boxes.append((x, top, x + w * unit, bottom))
            x += w * unit
    return [Glyph(c, b[0] / scale, b[1] / scale, b[2] / scale, b[3] / scale) for c, b in zip(chars, boxes)]


def ruling_edges(gray, scale: float, rules: RulingRules = RULINGS) -> list[dict]:
    """Horizontal and vertical rules of a grayscale page image (a numpy
    array) as edges in PDF points."""
    import cv2
    import numpy as np

    pixels = np.asarray(gray)
    level = max(rules.dark, min(rules.rule_dark, int(np.median(pixels)) - rules.paper_margin))
    ink = (pixels < level).astype(np.uint8)
    h, w = ink.shape
    edges: list[dict] = []
    for horizontal in (True, False):
        length = max(int((w if horizontal else h) * rules.min_length_share), 10)
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
        runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        n, _, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
        for x, y, bw, bh, _area in stats[1:n]:
            thick = bh if horizontal else bw
            if thick > rules.max_thickness:
                continue
            if horizontal:
                e = geometry.edge(x / scale, (y + bh / 2) / scale, (x + bw) / scale, (y + bh / 2) / scale)
            else:
                e = geometry.edge((x + bw / 2) / scale, y / scale, (x + bw / 2) / scale, (y + bh) / scale)
            if e is not None:
                edges.append(e)
    return edges


@dataclass(frozen=True)
class SkewRules:
    """How far a scanned page may be turned, and how finely that is measured."""

    max_degrees: float = 2.0
    step: float = 0.1
    min_degrees: float = 0.15  # a smaller turn is left as it is
    width: int = 900  # pixels: the page is measured at about this width


SKEW = SkewRules()


def skew_angle(gray, rules: SkewRules = SKEW, dark: int = RULINGS.dark) -> float:
    """Degrees ``gray`` (a grayscale page image) is turned counter-clockwise:
    the turn whose undoing makes the rows of ink sharpest (text lines and
    rules concentrate ink on few pixel rows). 0 for a blank page."""
    import cv2
    import numpy as np

    ink = (np.asarray(gray) < dark).astype(np.float32)
    if not ink.any():
        return 0.0
    factor = min(1.0, rules.width / ink.shape[1])
    if factor < 1.0:
        ink = cv2.resize(ink, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    h, w = ink.shape
    centre = (w / 2, h / 2)
    best, best_score = 0.0, -1.0
    steps = int(round(rules.max_degrees / rules.step))
    for k in range(-steps, steps + 1):
        angle = k * rules.step
        turned = cv2.warpAffine(ink, cv2.getRotationMatrix2D(centre, -angle, 1.0), (w, h))
        profile = turned.sum(axis=1)
        score = float(np.square(np.diff(profile)).sum())
        if score > best_score:
            best, best_score = angle, score
    return best


def deskewed(image, rules: SkewRules = SKEW):
    """``image`` (PIL) turned back by its :func:`skew_angle`, white where
    the turn uncovers the corners; unchanged when it is turned less than
    ``rules.min_degrees``."""
    from PIL import Image

    gray = image.convert("L")
    angle = skew_angle(gray, rules)
    if abs(angle) < rules.min_degrees:
        return gray
    return gray.rotate(-angle, resample=Image.BICUBIC, fillcolor=255)


def ocr_image(image, engine: OcrEngine, scale: float) -> tuple[list[Glyph], list[dict]]:
    """Glyphs and ruling edges (PDF points) of a page image, turned
    straight first (:func:`deskewed`): a scan turned by a degree has no
    horizontal rule and no text line on one pixel row."""
    image = deskewed(image)
    glyphs = [g for f in engine.read(image) for g in fragment_glyphs(f, scale)]
    return glyphs, ruling_edges(image, scale)


def ocr_page(page, number: int, width: float, height: float, engine: OcrEngine,
             settings: LayoutSettings = geometry.DEFAULT_SETTINGS, dpi: int = OCR_DPI) -> PageLayout:
    """A PDFium page rendered and OCR'd, laid out like a text page."""
    scale = dpi / 72
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        image = bitmap.to_pil()
        glyphs, edges = ocr_image(image, engine, scale)
    finally:
        bitmap.close()
    return geometry.layout_page(number, width, height, glyphs, edges, settings, ocr=True)

