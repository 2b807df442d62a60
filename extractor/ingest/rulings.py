"""Vector graphics → ruling lines.

PDF writers draw table borders three ways: stroked lines (LibreOffice),
thin filled rectangles (Microsoft Word), or stroked rectangles around cells.
All three become `Ruling`s; collinear pieces are merged so a border drawn
cell by cell reads as one line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from extractor.model.page import Orientation, Ruling

THIN = 2.5  # a rectangle thinner than this (pt) is a line
MIN_LENGTH = 3.0
POS_TOL = 1.0  # pieces within this distance are on one line
JOIN_GAP = 2.0  # pieces closer than this along the line are joined

PdfObject = Mapping[str, Any]


def _is_white(color: Any) -> bool:
    if color is None:
        return False
    if isinstance(color, int | float):
        return color >= 0.95
    try:
        values = [float(c) for c in color]
    except (TypeError, ValueError):
        return False
    # grey (1 value), RGB (3) all high; CMYK (4) all low is white too
    if len(values) == 4:
        return all(v <= 0.05 for v in values)
    return bool(values) and all(v >= 0.95 for v in values)


def from_lines(lines: Iterable[PdfObject]) -> list[Ruling]:
    out: list[Ruling] = []
    for ln in lines:
        if _is_white(ln.get("stroking_color")):
            continue
        x0, x1, top, bottom = ln["x0"], ln["x1"], ln["top"], ln["bottom"]
        if abs(bottom - top) <= THIN and x1 - x0 >= MIN_LENGTH:
            out.append(Ruling("h", (top + bottom) / 2, x0, x1))
        elif abs(x1 - x0) <= THIN and bottom - top >= MIN_LENGTH:
            out.append(Ruling("v", (x0 + x1) / 2, top, bottom))
    return out


def from_rects(rects: Iterable[PdfObject]) -> list[Ruling]:
    out: list[Ruling] = []
    for r in rects:
        x0, x1, top, bottom = r["x0"], r["x1"], r["top"], r["bottom"]
        w, h = x1 - x0, bottom - top
        filled, stroked = r.get("fill"), r.get("stroke")
        color = r.get("non_stroking_color") if filled and not stroked else r.get("stroking_color")
        if _is_white(color):
            continue
        if h <= THIN and w >= MIN_LENGTH:
            out.append(Ruling("h", (top + bottom) / 2, x0, x1))
        elif w <= THIN and h >= MIN_LENGTH:
            out.append(Ruling("v", (x0 + x1) / 2, top, bottom))
        elif stroked:
            out += [
                Ruling("h", top, x0, x1),
                Ruling("h", bottom, x0, x1),
                Ruling("v", x0, top, bottom),
                Ruling("v", x1, top, bottom),
            ]
        # a filled, unstroked large rectangle is cell shading, not a border
    return out


def merge(rulings: Iterable[Ruling]) -> list[Ruling]:
    """Merge collinear, overlapping or touching pieces into single rulings."""
    rulings = list(rulings)
    out: list[Ruling] = []
    for orient in ("h", "v"):
        group = sorted((r for r in rulings if r.orient == orient), key=lambda r: (r.pos, r.start))
        out += _merge_orient(group, orient)
    return out


def _merge_orient(group: list[Ruling], orient: Orientation) -> list[Ruling]:
    # cluster by position first, then join along the line
    clusters: list[list[Ruling]] = []
    for r in group:
        if clusters and r.pos - clusters[-1][-1].pos <= POS_TOL:
            clusters[-1].append(r)
        else:
            clusters.append([r])
    merged: list[Ruling] = []
    for cluster in clusters:
        pos = sum(r.pos for r in cluster) / len(cluster)
        pieces = sorted(cluster, key=lambda r: r.start)
        start, end = pieces[0].start, pieces[0].end
        for r in pieces[1:]:
            if r.start <= end + JOIN_GAP:
                end = max(end, r.end)
            else:
                merged.append(Ruling(orient, pos, start, end))
                start, end = r.start, r.end
        merged.append(Ruling(orient, pos, start, end))
    return merged
