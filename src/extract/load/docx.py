"""Word (.docx) reports -> :class:`~extract.span.SourceText`.

The body is read in document order through python-docx's XML: each
paragraph is a line, with the text its list numbering shows (``一、``,
``1.``, ``(1)``) put back in front; a manual line break starts a new line;
text boxes anchored in a paragraph follow it. A table row is one
TAB-separated line over the table's grid: a cell spanning columns
(``gridSpan``) is its text then empty cells, a cell continuing a vertical
merge (``vMerge``) is empty, the paragraphs inside a cell are joined into
one line. Running headers and footers, deleted text, hidden text and field
codes are left out. Each line records its origin: ``p12`` (paragraph 12),
``p12 textbox``, ``t2 r3`` (table 2, row 3).

Encrypted .docx files (an OLE container holding an ``EncryptedPackage``)
raise :class:`~extract.errors.EncryptedDocument`; a Word 97-2003 file
named .docx raises :class:`~extract.errors.UnsupportedFormat`; anything
else that is not a readable .docx raises
:class:`~extract.errors.CorruptDocument`.
"""

from __future__ import annotations

import io
import os
import zipfile
from typing import Iterator, Optional

from .. import numerals
from ..errors import CorruptDocument, EmptyInput, EncryptedDocument, UnsupportedFormat
from ..span import SourceText
from .lines import SourceBuilder, join_wrapped
from .package import check_package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Subtrees whose text is not the paragraph's own: read elsewhere (text
# boxes), deleted, or a duplicate rendering (mc:Fallback).
_SKIP = {W + "txbxContent", W + "del", W + "delText", W + "instrText", MC + "Fallback",
         W + "footnoteReference", W + "endnoteReference", W + "commentReference", W + "rPr", W + "pPr"}
# Containers whose children are body content (content controls, custom XML).
_CONTAINERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"}


# --------------------------------------------------------------------------
# Opening


def open_docx(data: bytes, path: Optional[os.PathLike | str] = None):
    """The python-docx Document of ``data``; one-line errors otherwise."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise EncryptedDocument("the .docx is protected by a password: save an unprotected copy", path)
        raise UnsupportedFormat("a Word 97-2003 (.doc) file named .docx: save it as .docx or PDF", path)
    check_package(data, path, ".docx")  # before python-docx inflates or parses anything
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError):
        raise CorruptDocument("not a readable .docx (damaged or truncated zip package)", path) from None
    except (KeyError, ValueError, SyntaxError) as e:  # lxml's XMLSyntaxError is a SyntaxError
        raise CorruptDocument(f"not a readable .docx ({type(e).__name__}: {e})", path) from None


# --------------------------------------------------------------------------
# Numbering


def _val(el, tag: str, default: Optional[str] = None) -> Optional[str]:
    """The ``w:val`` of child ``tag`` of ``el``."""
    if el is None:
        return default
    child = el.find(W + tag)
    if child is None:
        return default
    return child.get(W + "val", default)


_STEMS = "甲乙丙丁戊己庚辛壬癸"


def chinese_count(n: int) -> str:
    """``n`` in Chinese counting as Word shows it: 一, 十, 十一, 二十三, 一百零五
    (:func:`extract.numerals.write`; a counter below 1 as digits)."""
    return numerals.write(n) if n > 0 else str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def _letters(n: int) -> str:
    """Word's letter numbering: A..Z, then AA..ZZ."""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """Counter ``n`` in Word's number format ``fmt`` (``numFmt``)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand",  # LibreOffice writes 一、二、 of a .doc so
               "chineseLegalSimplified", "ideographLegalTraditional"):
        return chinese_count(n)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return numerals.CIRCLED[n - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperRoman", "lowerRoman"):
        r = _roman(n)
        return r if fmt == "upperRoman" else r.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        s = _letters(n)
        return s if fmt == "upperLetter" else s.lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class Numbering:
    """Works out the text list numbering shows in front of each paragraph,
    counting per list (``numId``) and level as Word does."""

    def __init__(self, document):
        self.levels: dict[tuple[str, int], object] = {}
        self.starts: dict[tuple[str, int], int] = {}
        self.counters: dict[str, list[int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            root = None
        if root is not None:
            self._read(root)
        self._read_styles(document)

    def _read(self, root) -> None:
        abstract = {a.get(W + "abstractNumId"): a for a in root.findall(W + "abstractNum")}
        for num in root.findall(W + "num"):
            num_id = num.get(W + "numId")
            base = abstract.get(_val(num, "abstractNumId") or "")
            for lvl in (base.findall(W + "lvl") if base is not None else []):
                self._level(num_id, lvl)
            for override in num.findall(W + "lvlOverride"):
                ilvl = int(override.get(W + "ilvl", "0"))
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    self._level(num_id, lvl, ilvl)
                start = _val(override, "startOverride")
                if start is not None:
                    self.starts[(num_id, ilvl)] = int(start)

    def _level(self, num_id: str, lvl, ilvl: Optional[int] = None) -> None:
        ilvl = int(lvl.get(W + "ilvl", "0")) if ilvl is None else ilvl
        self.levels[(num_id, ilvl)] = lvl
        self.starts[(num_id, ilvl)] = int(_val(lvl, "start", "1") or 1)

    def _read_styles(self, document) -> None:
        """numPr given by paragraph styles (following ``basedOn``)."""
        try:
            styles = document.styles.element
        except (KeyError, AttributeError):
            return
        by_id = {s.get(W + "styleId"): s for s in styles.findall(W + "style")}
        for style_id in by_id:
            seen, sid = set(), style_id
            while sid and sid in by_id and sid not in seen:
                seen.add(sid)
                num_pr = by_id[sid].find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    num_id = _val(num_pr, "numId")
                    if num_id:
                        self.style_num[style_id] = (num_id, int(_val(num_pr, "ilvl", "0") or 0))
                    break
                sid = _val(by_id[sid], "basedOn")

    def _num_pr(self, p) -> Optional[tuple[str, int]]:
        ppr = p.find(W + "pPr")
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        if num_pr is not None:
            num_id = _val(num_pr, "numId")
            if num_id is not None:
                return num_id, int(_val(num_pr, "ilvl", "0") or 0)
        style = _val(ppr, "pStyle")
        return self.style_num.get(style) if style else None

    def label(self, p) -> str:
        """The numbering text of paragraph ``p`` (empty when it has none),
        with its suffix (a tab or space becomes one space)."""
        found = self._num_pr(p)
        if not found or found[0] == "0":
            return ""
        num_id, ilvl = found
        lvl = self.levels.get((num_id, ilvl))
        if lvl is None:
            return ""
        counts = self.counters.setdefault(num_id, [])
        self._advance(counts, num_id, ilvl)
        text = _val(lvl, "lvlText", "") or ""
        legal = lvl.find(W + "isLgl") is not None
        for k in range(ilvl + 1):
            fmt = "decimal" if legal and k < ilvl else self._fmt(num_id, k)
            text = text.replace(f"%{k + 1}", format_number(counts[k], fmt))
        if not text:
            return ""
        return text + ("" if _val(lvl, "suff", "tab") == "nothing" else " ")

    def _fmt(self, num_id: str, ilvl: int) -> str:
        return _val(self.levels.get((num_id, ilvl)), "numFmt", "decimal") or "decimal"

    def _advance(self, counts: list[int], num_id: str, ilvl: int) -> None:
        """Count one more item at ``ilvl``; deeper levels restart."""
        while len(counts) <= ilvl:
            counts.append(self.starts.get((num_id, len(counts)), 1) - 1)
        for k in range(ilvl):
            if counts[k] < self.starts.get((num_id, k), 1):
                counts[k] = self.starts.get((num_id, k), 1)
        counts[ilvl] += 1
        del counts[ilvl + 1:]


# --------------------------------------------------------------------------
# Paragraph text


def _walk(el) -> Iterator:
    """``el``'s descendants in document order, without skipped subtrees
    and without runs of hidden text."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W + "r" and child.find(f"{W}rPr/{W}vanish") is not None:
            continue
        yield child
        yield from _walk(child)


def paragraph_lines(p) -> list[str]:
    """The text of paragraph ``p`` as lines (split at manual breaks)."""
    lines = [""]
    for el in _walk(p):
        tag = el.tag
        if tag == W + "t":
            lines[-1] += el.text or ""
        elif tag == W + "tab":
            lines[-1] += " "
        elif tag in (W + "br", W + "cr"):
            lines.append("")
        elif tag == W + "noBreakHyphen":
            lines[-1] += "-"
    return lines


def text_boxes(p) -> list:
    """The ``w:txbxContent`` elements anchored in ``p`` (not their
    fallback copies, not boxes nested in other boxes)."""
    found = []

    def visit(el) -> None:
        for child in el:
            if not isinstance(child.tag, str) or child.tag == MC + "Fallback":
                continue
            if child.tag == W + "txbxContent":
                found.append(child)
                continue
            visit(child)

    visit(p)
    return found


# --------------------------------------------------------------------------
# Tables


def _children(el, tag: str) -> Iterator:
    """``el``'s children named ``tag`` (rows of a table, cells of a row),
    looking into content controls."""
    for child in el:
        if child.tag == W + tag:
            yield child
        elif child.tag in _CONTAINERS:
            yield from _children(child, tag)


def _cell_text(tc, numbering: Numbering) -> str:
    """Everything a cell holds, joined into one line."""
    parts: list[str] = []
    for block in _blocks(tc):
        if block.tag == W + "p":
            label = numbering.label(block)
            lines = paragraph_lines(block)
            lines[0] = label + lines[0]
            parts.extend(lines)
            for box in text_boxes(block):
                parts.append(_cell_text(box, numbering))
        else:  # a nested table: its rows' cells, one after another
            for row in table_grid(block, numbering):
                parts.append(" ".join(c for c in row if c))
    return join_wrapped(parts)


def table_grid(tbl, numbering: Numbering) -> list[list[str]]:
    """The rows of a ``w:tbl`` over its grid: a spanning cell's text then
    empty cells, a cell continuing a vertical merge empty."""
    return table_cells(tbl, numbering)[0]


def table_cells(tbl, numbering: Numbering) -> tuple[list[list[str]], list[list[Optional[tuple[int, int]]]]]:
    """:func:`table_grid` and, position by position, each cell's
    (rowspan, colspan) from ``gridSpan``/``vMerge``/``hMerge``, None where
    a merged cell covers the position."""
    rows: list[list[str]] = []
    marks: list[list[object]] = []  # (1, colspan) at a cell, "v" / "h" where a merge covers it
    for tr in _children(tbl, "tr"):
        tr_pr = tr.find(W + "trPr")
        before = int(_val(tr_pr, "gridBefore", "0") or 0)
        row, mark = [""] * before, [(1, 1)] * before
        for tc in _children(tr, "tc"):
            tc_pr = tc.find(W + "tcPr")
            span = int(_val(tc_pr, "gridSpan", "1") or 1)
            v_merge = tc_pr.find(W + "vMerge") if tc_pr is not None else None
            h_merge = _val(tc_pr, "hMerge")
            below = v_merge is not None and v_merge.get(W + "val", "continue") == "continue"
            continued = below or h_merge == "continue"
            row.append("" if continued else _cell_text(tc, numbering))
            row.extend([""] * (span - 1))
            mark.append("v" if below else "h" if continued else (1, span))
            mark.extend(["v" if below else "h"] * (span - 1))
        after = int(_val(tr_pr, "gridAfter", "0") or 0)
        row.extend([""] * after)
        mark.extend([(1, 1)] * after)
        rows.append(row)
        marks.append(mark)
    width = max((len(r) for r in rows), default=0)
    spans: list[list[Optional[tuple[int, int]]]] = []
    for i, mark in enumerate(marks):
        out: list[Optional[tuple[int, int]]] = []
        for j, m in enumerate(mark + [(1, 1)] * (width - len(mark))):
            if not isinstance(m, tuple):
                out.append(None)
                continue
            k = i + 1
            while k < len(marks) and j < len(marks[k]) and marks[k][j] == "v":
                k += 1
            out.append((k - i, m[1]))
        spans.append(out)
    return [r + [""] * (width - len(r)) for r in rows], spans


# --------------------------------------------------------------------------
# The body


def _blocks(container) -> Iterator:
    """Paragraphs and tables of a body, cell or text box, in order,
    looking into content controls."""
    for child in container:
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag in _CONTAINERS:
            yield from _blocks(child)


class _Layout:
    """Lays out a document body into a :class:`SourceBuilder`."""

    def __init__(self, document):
        self.numbering = Numbering(document)
        self.out = SourceBuilder()
        self.n_paragraphs = 0
        self.n_tables = 0

    def container(self, container, origin: Optional[str] = None) -> None:
        for block in _blocks(container):
            if block.tag == W + "p":
                self.paragraph(block, origin)
            else:
                self.table(block)

    def paragraph(self, p, inside: Optional[str] = None) -> None:
        if inside is None:
            self.n_paragraphs += 1
        origin = inside or f"p{self.n_paragraphs}"
        lines = paragraph_lines(p)
        lines[0] = self.numbering.label(p) + lines[0]
        for line in lines:
            self.out.line(line, origin=origin)
        for box in text_boxes(p):
            self.container(box, origin=f"{origin} textbox")

    def table(self, tbl) -> None:
        self.n_tables += 1
        grid, spans = table_cells(tbl, self.numbering)
        for i, (row, row_spans) in enumerate(zip(grid, spans), 1):
            self.out.row(row, origin=f"t{self.n_tables} r{i}", spans=row_spans)


def load_docx(path: os.PathLike | str, data: Optional[bytes] = None) -> SourceText:
    """Read a .docx report; return its laid-out :class:`SourceText`
    (EmptyInput when it holds no text, as an empty .txt does)."""
    if data is None:
        with open(path, "rb") as f:
            data = f.read()
    document = open_docx(data, path)
    layout = _Layout(document)
    layout.container(document.element.body)
    source = layout.out.build()
    if not source.text.strip():
        raise EmptyInput("the Word document holds no text", path)
    return source
