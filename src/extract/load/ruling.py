"""Ruling lines -> table cells: pdfplumber's lines strategy, without
pdfplumber.

:func:`extract.load.geometry.find_table_cells` cuts a page's ruling-line
edges into cells as pdfplumber's table finder does (its ``lines``
strategy: snap, join, intersect, smallest cells, tables of cells sharing
corners, rows). Importing ``pdfplumber.table`` loads pdfplumber and
pdfminer (about 50 ms of a cold start) for these few functions, so they are
ported here from pdfplumber 0.11 (``pdfplumber/table.py`` and
``pdfplumber/utils``; MIT licence, Copyright (c) 2015-2024 Jeremy Singer-Vine)
step for step: the same sorts, the same sums in the same order, the same
edge dicts, so the cells are the same to the last bit
(tests/test_pdf_speed.py holds them to pdfplumber's on the fixtures and
on random edges). What differs is only the work: the points a cell corner
may join are looked up instead of scanned, and each point's edge boxes are
made once instead of once per comparison.

An edge is a dict with ``x0``, ``top``, ``x1``, ``bottom``, ``width``,
``height``, ``doctop`` and ``orientation`` (``"h"`` or ``"v"``), as
:func:`extract.load.geometry.edge` makes it.
"""

from __future__ import annotations

import bisect
import itertools
from operator import itemgetter
from typing import Optional

BBox = tuple[float, float, float, float]
Point = tuple[float, float]
Edge = dict

_BBOX = itemgetter("x0", "top", "x1", "bottom")


# --------------------------------------------------------------------------
# Snapping and joining edges


def _cluster_index(values: list[float], tolerance: float) -> dict[float, int]:
    """Each distinct value's cluster: sorted values within ``tolerance`` of
    the one before share one (pdfplumber's ``make_cluster_dict``)."""
    xs = sorted(set(values))
    if tolerance == 0 or len(xs) < 2:
        return {x: i for i, x in enumerate(xs)}
    out: dict[float, int] = {}
    k = 0
    last = xs[0]
    for x in xs:
        if not x <= last + tolerance:
            k += 1
        out[x] = k
        last = x
    return out


def _moved(edge: Edge, axis: str, value: float) -> Edge:
    """pdfplumber's ``move_object``: the edge shifted by ``value``
    across (``"h"``: x0 and x1; ``"v"``: top, bottom and doctop)."""
    moved = dict(edge)
    if axis == "h":
        moved["x0"] = edge["x0"] + value
        moved["x1"] = edge["x1"] + value
    else:
        moved["top"] = edge["top"] + value
        moved["bottom"] = edge["bottom"] + value
        if "doctop" in edge:
            moved["doctop"] = edge["doctop"] + value
        if "y0" in edge:
            moved["y0"] = edge["y0"] - value
            moved["y1"] = edge["y1"] - value
    return moved


def _snap(edges: list[Edge], attr: str, tolerance: float) -> list[Edge]:
    """Edges whose ``attr`` lies within ``tolerance`` of one another moved
    to their mean (pdfplumber's ``snap_objects``), cluster by cluster."""
    axis = "h" if attr in ("x0", "x1") else "v"
    index = _cluster_index([e[attr] for e in edges], tolerance)
    keyed = sorted(((e, index[e[attr]]) for e in edges), key=itemgetter(1))
    out: list[Edge] = []
    for _, group in itertools.groupby(keyed, key=itemgetter(1)):
        cluster = [e for e, _ in group]
        mean = sum(map(itemgetter(attr), cluster)) / len(cluster)
        out.extend(_moved(e, axis, mean - e[attr]) for e in cluster)
    return out


def snap_edges(edges: list[Edge], x_tolerance: float, y_tolerance: float) -> list[Edge]:
    """Vertical edges snapped by x, horizontal ones by top."""
    vertical = [e for e in edges if e["orientation"] == "v"]
    horizontal = [e for e in edges if e["orientation"] == "h"]
    return _snap(vertical, "x0", x_tolerance) + _snap(horizontal, "top", y_tolerance)


def _resized(edge: Edge, key: str, value: float) -> Edge:
    """pdfplumber's ``resize_object`` for the far end (``x1`` or
    ``bottom``) of an edge."""
    out = dict(edge)
    out[key] = value
    if key == "x1":
        out["width"] = value - edge["x0"]
    else:
        out["height"] = edge["height"] + (value - edge["bottom"])
        if "y0" in edge:
            out["y0"] = edge["y0"] - (value - edge["bottom"])
    return out


def join_edge_group(edges, orientation: str, tolerance: float) -> list[Edge]:
    """Edges along one line joined where they come within ``tolerance``."""
    low, high = ("x0", "x1") if orientation == "h" else ("top", "bottom")
    ordered = sorted(edges, key=itemgetter(low))
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[low] <= last[high] + tolerance:
            if e[high] > last[high]:
                joined[-1] = _resized(last, high, e[high])
        else:
            joined.append(e)
    return joined


def _line_of(edge: Edge) -> tuple[str, float]:
    return ("h", edge["top"]) if edge["orientation"] == "h" else ("v", edge["x0"])


def merge_edges(edges: list[Edge], snap_x_tolerance: float, snap_y_tolerance: float,
                join_x_tolerance: float, join_y_tolerance: float) -> list[Edge]:
    """Edges snapped, then joined along each line."""
    if snap_x_tolerance > 0 or snap_y_tolerance > 0:
        edges = snap_edges(edges, snap_x_tolerance, snap_y_tolerance)
    out: list[Edge] = []
    for (orientation, _), group in itertools.groupby(sorted(edges, key=_line_of), key=_line_of):
        out.extend(join_edge_group(group, orientation, join_x_tolerance if orientation == "h" else join_y_tolerance))
    return out


# --------------------------------------------------------------------------
# Intersections and cells


def edges_to_intersections(edges: list[Edge], x_tolerance: float = 1,
                           y_tolerance: float = 1) -> dict[Point, dict[str, list[Edge]]]:
    """The points where a vertical and a horizontal edge meet (within the
    tolerances), each with the edges through it, in pdfplumber's order."""
    vertical = sorted((e for e in edges if e["orientation"] == "v"), key=itemgetter("x0", "top"))
    horizontal = sorted((e for e in edges if e["orientation"] == "h"), key=itemgetter("top", "x0"))
    out: dict[Point, dict[str, list[Edge]]] = {}
    for v in vertical:
        vx, vtop, vbottom = v["x0"], v["top"], v["bottom"]
        for h in horizontal:
            htop = h["top"]
            if vtop <= htop + y_tolerance and vbottom >= htop - y_tolerance and \
                    vx >= h["x0"] - x_tolerance and vx <= h["x1"] + x_tolerance:
                at = out.get((vx, htop))
                if at is None:
                    at = out[(vx, htop)] = {"v": [], "h": []}
                at["v"].append(v)
                at["h"].append(h)
    return out


def intersections_to_cells(intersections: dict[Point, dict[str, list[Edge]]]) -> list[BBox]:
    """The smallest cell each point is the top-left corner of: the first
    point below it and the first to its right (in sorted order) that it is
    joined to by an edge, with the corner opposite joined to both."""
    vertical = {p: set(map(_BBOX, at["v"])) for p, at in intersections.items()}
    horizontal = {p: set(map(_BBOX, at["h"])) for p, at in intersections.items()}

    def connects(p1: Point, p2: Point) -> bool:
        if p1[0] == p2[0] and not vertical[p1].isdisjoint(vertical[p2]):
            return True
        return p1[1] == p2[1] and not horizontal[p1].isdisjoint(horizontal[p2])

    points = sorted(intersections)
    by_y: dict[float, list[Point]] = {}
    for p in points:
        by_y.setdefault(p[1], []).append(p)
    n = len(points)
    ordered = all(x == x and y == y for x, y in points)  # no NaN: sorted means ordered

    def smallest_cell(i: int) -> Optional[BBox]:
        pt = points[i]
        if ordered:  # sorted by x, then y: the points below come next, those to the right later in their row
            below = []
            for k in range(i + 1, n):
                if points[k][0] != pt[0]:
                    break
                below.append(points[k])
            row = by_y[pt[1]]
            right = row[bisect.bisect_right(row, pt):]
        else:
            below = [p for p in points[i + 1:] if p[0] == pt[0]]
            right = [p for p in points[i + 1:] if p[1] == pt[1]]
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                    return (pt[0], pt[1], corner[0], corner[1])
        return None

    return [cell for cell in map(smallest_cell, range(n - 1)) if cell]


def cells_to_tables(cells: list[BBox]) -> list[list[BBox]]:
    """Cells grouped into tables of cells sharing a corner, tables ordered
    by their top-left cell, tables of one cell dropped (as pdfplumber)."""
    remaining = list(cells)
    corners: set[Point] = set()
    current: list[BBox] = []
    tables = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            x0, top, x1, bottom = cell
            own = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or any(c in corners for c in own):
                corners.update(own)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(list(current))
            corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def table_rows(cells: list[BBox]) -> list[list[Optional[BBox]]]:
    """A table's cells by rows, top to bottom: in each row, one position
    per column left (x0) of the table, the cell starting there or None
    (pdfplumber's ``Table.rows``, each row's ``cells``)."""
    columns = sorted({c[0] for c in cells})
    rows = []
    for _, row in itertools.groupby(sorted(cells, key=itemgetter(1, 0)), itemgetter(1)):
        at = {c[0]: c for c in row}
        rows.append([at.get(x) for x in columns])
    return rows
