"""HTML pages (saved from a government site) -> :class:`~extract.span.SourceText`.

Bytes are decoded by a byte-order mark, else the charset the page declares
(``<meta charset>`` or ``http-equiv`` Content-Type; GBK and GB2312 are read
as their superset GB18030), else strict UTF-8, else GB18030. The page is
parsed by lxml with network access off; nothing is ever fetched.

The article body is the element, among ``<article>``, ``<main>`` and
elements whose id or class names content (``TRS_Editor``, ``content``,
``article``, ``zoom`` ...), with the most text outside links; failing
that, the whole ``<body>``. Scripts, styles, navigation, headers, footers,
forms, asides and small blocks whose class names page furniture (share,
breadcrumb, print ...) are left out; an ``<article>``'s own ``<header>``
(its title) is kept. Each block element is a line and each
``<br>`` starts a new one; a data ``<table>`` (one without tables inside) is
laid out over its grid, a cell with ``rowspan``/``colspan`` as its text then
empty cells, a cell's own lines joined. Lines record their origin:
``p12`` (the 12th block), ``t2 r3`` (table 2, row 3).
"""

from __future__ import annotations

import codecs
import os
import re
from typing import Optional

from .. import limits
from ..errors import CorruptDocument, EmptyInput, LimitExceeded, UnreadableEncoding
from ..span import SourceText
from .lines import SourceBuilder, join_wrapped

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([-\w:.]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_WS = re.compile(r"[ \t\n\r\f]+")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
                    "cp936": "gb18030", "ms936": "gb18030", "csgb2312": "gb18030", "utf8": "utf-8",
                    "unicode": "utf-8", "big5": "big5hkscs"}

CONTENT_HINT = re.compile(r"trs_editor|article|content|zoom|main|detail|text|wzcon|view|ewb", re.I)
FURNITURE_HINT = re.compile(
    r"nav|menu|footer|header|crumb|share|print|sidebar|related|copyright|banner|search|login|"
    r"pager|pagination|comment|toolbar|fontsize|qrcode|info|source|date|time", re.I)
# Larger blocks than this are kept even when their class names furniture.
FURNITURE_MAX_CHARS = 300

DROPPED_TAGS = {"script", "style", "noscript", "template", "nav", "footer", "header", "aside", "form",
                "select", "button", "iframe", "object", "embed", "svg", "canvas", "head", "title",
                "input", "textarea", "map", "audio", "video"}
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre",
              "section", "article", "main", "center", "address", "figure", "figcaption", "hr", "ul",
              "ol", "dl", "fieldset", "caption", "tr", "td", "th", "table", "tbody", "thead", "tfoot",
              "body", "html"}


# --------------------------------------------------------------------------
# Decoding


def declared_charset(data: bytes) -> Optional[str]:
    """The charset the page declares in its first 4 KB, as a Python codec
    name, or None."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, path: Optional[os.PathLike | str] = None) -> tuple[str, str]:
    """``(text, encoding)`` of an HTML page (see the module docstring)."""
    if not data.strip():
        raise EmptyInput("the file is empty", path)
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    declared = declared_charset(data)
    tried = [declared] if declared else []
    tried += [c for c in ("utf-8", "gb18030") if c not in tried]
    for codec in tried:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    raise UnreadableEncoding(f"HTML in none of {', '.join(tried)}", path)


def parse_html(text: str, path: Optional[os.PathLike | str] = None):
    """The lxml root of the page; no network, comments dropped."""
    import lxml.etree
    import lxml.html

    # No network, no huge trees (libxml2's depth and size caps stay on);
    # HTML has no entity declarations to expand.
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True,
                                  huge_tree=False)
    try:
        root = lxml.html.document_fromstring(_XML_DECL.sub("", text, count=1), parser=parser)
    except (lxml.etree.ParserError, ValueError) as e:
        raise CorruptDocument(f"not a readable HTML page ({e})", path) from None
    if any("Excessive depth" in err.message for err in parser.error_log):
        raise LimitExceeded(f"HTML elements nest deeper than {limits.current().max_html_depth}", path)
    check_depth(root, path)
    return root


# --------------------------------------------------------------------------
# Finding the article


def _names(el) -> str:
    return f"{el.get('id', '')} {el.get('class', '')}"


def _own_text_len(el) -> int:
    """Characters of text in ``el`` outside links, scripts and styles."""
    total = 0
    for node in el.iter():
        if not isinstance(node.tag, str) or node.tag in ("script", "style"):
            continue
        if node.text and node.tag != "a":
            total += len(node.text.strip())
        if node.tail and node is not el:
            total += len(node.tail.strip())
    return total


def _drop(el) -> None:
    """Remove ``el`` but keep its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def strip_furniture(root) -> None:
    """Drop scripts, styles, navigation, headers, footers, hidden blocks,
    and small blocks whose id/class names page furniture."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if el.getparent() is None and el is not root:
            continue  # already dropped with an ancestor
        tag = el.tag.lower()
        if tag == "header" and _inside_article(el):
            continue  # an article's own header holds its title
        if tag in DROPPED_TAGS or _HIDDEN.search(el.get("style", "")):
            _drop(el)
        elif (el is not root and FURNITURE_HINT.search(_names(el)) and not CONTENT_HINT.search(_names(el))
              and len(el.text_content()) <= FURNITURE_MAX_CHARS):
            _drop(el)


def _inside_article(el) -> bool:
    return any(a.tag in ("article", "main") for a in el.iterancestors())


def article_root(root):
    """The element holding the article (see the module docstring)."""
    body = root.find("body")
    body = body if body is not None else root
    candidates = [el for el in body.iter() if isinstance(el.tag, str) and (
        el.tag in ("article", "main") or el.get("role") == "main" or CONTENT_HINT.search(_names(el)))]
    if not candidates:
        return body
    best = max(candidates, key=_own_text_len)
    if _own_text_len(best) < 0.3 * _own_text_len(body):
        return body
    return best


# --------------------------------------------------------------------------
# Layout


def _is_data_table(table) -> bool:
    return not any(t is not table for t in table.iter("table"))


def _table_rows(table) -> list:
    """The ``<tr>`` of ``table`` itself (not of tables inside it)."""
    rows = []
    for child in table:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if c.tag == "tr")
    return rows


def _span(el, attr: str, limit: int) -> int:
    try:
        return max(1, min(int(el.get(attr, "1").strip() or 1), limit))
    except ValueError:
        return 1


def table_grid(table) -> list[list[str]]:
    """The rows of a data table over its grid: a cell spanning rows or
    columns is its text at its first position and empty elsewhere."""
    return table_cells(table)[0]


def table_cells(table) -> tuple[list[list[str]], list[list[Optional[tuple[int, int]]]]]:
    """:func:`table_grid` and, position by position, each cell's
    (rowspan, colspan), None where a spanning cell covers the position."""
    rows = _table_rows(table)
    grid: dict[tuple[int, int], str] = {}
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            rowspan = _span(cell, "rowspan", len(rows) - r)
            colspan = _span(cell, "colspan", 1000)
            for i in range(rowspan):
                for j in range(colspan):
                    grid[(r + i, c + j)] = ""
            grid[(r, c)] = cell_lines_text(cell)
            spans[(r, c)] = (min(rowspan, len(rows) - r), colspan)
            c += colspan
    width = max((c for _, c in grid), default=-1) + 1
    positions = [(r, c) for r in range(len(rows)) for c in range(width)]
    return ([[grid.get((r, c), "") for c in range(width)] for r in range(len(rows))],
            [[spans.get((r, c)) if (r, c) in grid else (1, 1) for c in range(width)] for r in range(len(rows))]
            if positions else [])


def cell_lines_text(cell) -> str:
    """A cell's text as one line (its own lines joined)."""
    lines = _Lines()
    lines.walk(cell, in_cell=True)
    lines.flush()
    return join_wrapped(text for text, _ in lines.blocks)


class _Lines:
    """Walks an element tree into lines; tables are kept as grids."""

    def __init__(self):
        self.blocks: list[tuple[str, int]] = []  # (text, block number)
        # (position, grid, caption, spans)
        self.tables: list[tuple[int, list[list[str]], Optional[str], list]] = []
        self.buffer = ""
        self.block_no = 0

    def flush(self) -> None:
        text = self.buffer.strip(" ")
        if text:
            self.blocks.append((text, self.block_no))
        self.buffer = ""

    def add(self, text: Optional[str], pre: bool = False) -> None:
        if not text:
            return
        if pre:
            parts = text.split("\n")
            for k, part in enumerate(parts):
                if k:
                    self.flush()
                self.buffer += part
            return
        text = _WS.sub(" ", text)
        if self.buffer.endswith(" ") and text.startswith(" "):
            text = text[1:]
        self.buffer += text

    def walk(self, el, in_cell: bool = False, pre: bool = False) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if tag == "br":
            self.flush()
        elif tag == "table" and _is_data_table(el) and not in_cell:
            self.flush()
            caption = el.find("caption")
            grid, spans = table_cells(el)
            self.tables.append((len(self.blocks), grid,
                                cell_lines_text(caption) if caption is not None else None, spans))
        else:
            block = tag in BLOCK_TAGS
            if block:
                self.flush()
                self.block_no += 1
            self.add(el.text, pre or tag == "pre")
            for child in el:
                self.walk(child, in_cell, pre or tag == "pre")
            if block:
                self.flush()
        self.add(el.tail, pre)


def layout(root) -> SourceText:
    """Lines and tables of the article in document order."""
    lines = _Lines()
    lines.walk(root)
    lines.flush()
    out = SourceBuilder()
    tables = iter(lines.tables)
    pending = next(tables, None)
    n_table = 0
    for k, (text, block_no) in enumerate(lines.blocks + [("", -1)]):
        while pending is not None and pending[0] <= k:
            n_table += 1
            _, grid, caption, spans = pending
            if caption:
                out.line(caption, origin=f"t{n_table} caption")
            for i, (row, row_spans) in enumerate(zip(grid, spans), 1):
                out.row(row, origin=f"t{n_table} r{i}", spans=row_spans)
            pending = next(tables, None)
        if block_no >= 0:
            out.line(text, origin=f"p{block_no}")
    return out.build()


def check_page_size(data: bytes, path=None) -> None:
    """At most ``max_html_mb`` (:mod:`extract.limits`)."""
    cap = limits.current().max_html_mb * limits.MB
    if len(data) > cap:
        raise LimitExceeded(f"the HTML page is {limits.mb_text(len(data))} (limit {limits.mb_text(cap)})", path)


def check_depth(root, path=None) -> None:
    """Element nesting of the parsed page within ``max_html_depth``
    (iteratively: the layout recurses over the tree)."""
    cap = limits.current().max_html_depth
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > cap:
            raise LimitExceeded(f"HTML elements nest more than {cap} deep", path)
        stack.extend((child, depth + 1) for child in el)


def load_html(path: os.PathLike | str, data: Optional[bytes] = None) -> tuple[SourceText, str]:
    """Read a saved HTML report; return its :class:`SourceText` and the
    encoding it was read in."""
    if data is None:
        with open(path, "rb") as f:
            data = f.read()
    check_page_size(data, path)
    text, encoding = decode_html(data, path)
    root = parse_html(text, path)
    strip_furniture(root)
    source = layout(article_root(root))
    if not source.text.strip():
        raise EmptyInput("the HTML page holds no article text", path)
    return source, encoding
