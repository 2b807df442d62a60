"""Tables without cell borders, found from text alignment, built by the same grid builder.

1. Words outside ruled tables become *segments*: runs on one baseline with no
   gap wider than a character or so. Narrative lines are one segment; table
   rows are several.
2. Consecutive rows of several segments, with at least one number among them,
   form the body of a table block; lines of text right above it (up to a rule,
   a caption or a unit line) are its header band.
3. Column boundaries are the vertical strips of white space that run through
   the body rows. Row boundaries lie between body rows, and inside the header
   band between its text lines.
4. Rulings are synthesised along those boundaries wherever no segment crosses
   them, and the fragment is built exactly like a ruled one: a heading centred
   over several columns becomes a spanning cell, a label centred beside two
   header lines spans both, and header paths follow.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from extractor.ingest.words import group_lines
from extractor.model.page import Page, Ruling, Word
from extractor.tables.cell_text import fill_cells
from extractor.tables.fragment import Fragment
from extractor.tables.grid import Grid, snap
from extractor.tables.spans import find_cells
from extractor.textutil import is_number

SEGMENT_GAP = 1.2  # × font size: a wider gap separates two cells
MIN_BODY_ROWS = 3
MAX_HEADER_LINES = 5
ROW_GAP = 2.2  # × line height: a wider vertical gap ends a block
_CAPTION = re.compile(r"^(附件|附表|表)\s*[:：]?\s*[\d一二三四五六七八九十]|^[（(]?\s*(计量)?单位\s*[:：]")

BBox = tuple[float, float, float, float]


@dataclass(slots=True)
class Segment:
    words: list[Word]
    x0: float
    top: float
    x1: float
    bottom: float
    size: float

    @property
    def text(self) -> str:
        return "".join(w.text for w in self.words)


@dataclass(slots=True)
class Row:
    segments: list[Segment]
    top: float
    bottom: float

    @property
    def numeric(self) -> int:
        return sum(1 for s in self.segments if is_number(s.text))

    @property
    def height(self) -> float:
        return self.bottom - self.top


def text_fragments(page: Page, exclude: Sequence[BBox]) -> list[Fragment]:
    words = [w for w in page.words if not _inside(w, exclude)]
    rows = _rows(_segments(words))
    h_rules = [r for r in page.rulings if r.orient == "h" and not any(_ruling_inside(r, b) for b in exclude)]
    fragments = []
    for start, end in _body_blocks(rows):
        head = _header_start(rows, start, h_rules)
        frag = _build(page, rows[head:start], rows[start:end], h_rules)
        if frag is not None:
            fragments.append(frag)
    return fragments


def _inside(w: Word, boxes: Sequence[BBox]) -> bool:
    return any(b[0] - 1 <= w.cx <= b[2] + 1 and b[1] - 1 <= w.cy <= b[3] + 1 for b in boxes)


def _ruling_inside(r: Ruling, b: BBox) -> bool:
    x0, top, x1, bottom = r.bbox
    return b[0] - 2 <= x0 and x1 <= b[2] + 2 and b[1] - 2 <= top and bottom <= b[3] + 2


def _segments(words: Sequence[Word]) -> list[Segment]:
    out: list[Segment] = []
    for line in group_lines(words):
        run = [line[0]]
        for w in line[1:]:
            size = max(run[-1].size, w.size, run[-1].height, 1.0)
            if w.x0 - run[-1].x1 > SEGMENT_GAP * size:
                out.append(_segment(run))
                run = []
            run.append(w)
        out.append(_segment(run))
    return out


def _segment(words: list[Word]) -> Segment:
    return Segment(
        words=words,
        x0=min(w.x0 for w in words),
        top=min(w.top for w in words),
        x1=max(w.x1 for w in words),
        bottom=max(w.bottom for w in words),
        size=max(max(w.size, w.height) for w in words),
    )


def _rows(segments: Sequence[Segment]) -> list[Row]:
    """Segments whose vertical extents overlap (chained) share a row."""
    rows: list[Row] = []
    for s in sorted(segments, key=lambda s: s.top):
        if rows and s.top < rows[-1].bottom - 0.15 * (s.bottom - s.top):
            row = rows[-1]
            row.segments.append(s)
            row.bottom = max(row.bottom, s.bottom)
        else:
            rows.append(Row([s], s.top, s.bottom))
    for row in rows:
        row.segments.sort(key=lambda s: s.x0)
    return rows


def _is_table_row(row: Row) -> bool:
    return len(row.segments) >= 3 or (len(row.segments) == 2 and row.numeric >= 1)


def _body_blocks(rows: Sequence[Row]) -> list[tuple[int, int]]:
    """Runs of table-like rows containing numbers; a wrapped line of text between them is allowed."""
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < len(rows):
        if not (_is_table_row(rows[i]) and rows[i].numeric):
            i += 1
            continue
        j = i + 1
        while j < len(rows):
            gap = rows[j].top - rows[j - 1].bottom
            if gap > ROW_GAP * max(rows[j - 1].height, 1.0):
                break
            if _is_table_row(rows[j]) or (_is_wrap(rows[j], rows[i:j]) and j + 1 < len(rows)):
                j += 1
                continue
            break
        while j > i and not _is_table_row(rows[j - 1]):
            j -= 1
        if sum(1 for r in rows[i:j] if _is_table_row(r)) >= MIN_BODY_ROWS:
            blocks.append((i, j))
            i = j
        else:
            i += 1
    return blocks


def _is_wrap(row: Row, body: Sequence[Row]) -> bool:
    """A short text-only line inside a body: the second line of a wrapped cell."""
    if row.numeric or len(row.segments) > 2:
        return False
    left = min(r.segments[0].x0 for r in body)
    right = max(r.segments[-1].x1 for r in body)
    return all(s.x1 - s.x0 < 0.4 * (right - left) for s in row.segments)


def _header_start(rows: Sequence[Row], start: int, h_rules: Sequence[Ruling]) -> int:
    """Walk up from the first body row over the header lines."""
    if start == 0:
        return 0
    body = rows[start]
    left, right = body.segments[0].x0, body.segments[-1].x1
    width = right - left
    head = start
    while head > 0 and start - head < MAX_HEADER_LINES:
        row = rows[head - 1]
        gap = rows[head].top - row.bottom
        if gap > ROW_GAP * max(row.height, 1.0) or row.numeric:
            break
        if (
            any(row.bottom < r.pos < rows[head].top and r.start < right and r.end > left for r in h_rules)
            and head < start
        ):
            break  # a rule above the header (三线表) closes the table
        texts = [s.text for s in row.segments]
        if any(_CAPTION.match(t) for t in texts):
            break
        wide = [s for s in row.segments if s.x1 - s.x0 > 0.6 * width]
        if wide or row.segments[0].x1 < left - 5 or row.segments[-1].x0 > right + 5:
            break
        head -= 1
    return head


def _build(page: Page, header: Sequence[Row], body: Sequence[Row], h_rules: Sequence[Ruling]) -> Fragment | None:
    xs = _column_bounds(body)
    if len(xs) < 3:
        return None
    rows = list(header) + list(body)
    ys, pieces = _row_bounds(header, body, xs)
    grid = Grid(tuple(xs), tuple(ys))
    segments = [s for r in rows for s in r.segments]
    rulings = _synthetic_rulings(
        grid, segments, pieces, header_bottom=ys[0] if not header else (header[-1].bottom + body[0].top) / 2
    )
    boxes = find_cells(grid, rulings)
    words = [w for s in segments for w in s.words]
    cells = fill_cells(boxes, grid, words, page.number)
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    return Fragment.from_cells(page.number, bbox, xs, cells)


def _column_bounds(body: Sequence[Row]) -> list[float]:
    """Boundaries in the white space that runs through (nearly) every body row."""
    left = min(s.x0 for r in body for s in r.segments)
    right = max(s.x1 for r in body for s in r.segments)
    step = 1.0
    n = int((right - left) / step) + 1
    cover = [0] * n
    for r in body:
        for s in r.segments:
            for k in range(int((s.x0 - left) / step), min(n, int((s.x1 - left) / step) + 1)):
                cover[k] += 1
    allowed = max(0, len(body) // 10)
    bounds = [left - 2]
    k = 0
    while k < n:
        if cover[k] <= allowed:
            start = k
            while k < n and cover[k] <= allowed:
                k += 1
            if (k - start) * step >= 4:
                bounds.append(left + (start + k) / 2 * step)
        k += 1
    bounds.append(right + 2)
    return snap(bounds, 3.0)


def _row_bounds(
    header: Sequence[Row], body: Sequence[Row], xs: Sequence[float]
) -> tuple[list[float], list[tuple[float, float, float]]]:
    """Row boundaries, and the pieces (y, x0, x1) under group headings inside the header band."""
    ys = [(header or body)[0].top - 1]
    pieces: list[tuple[float, float, float]] = []
    if header:
        pieces = _heading_splits([s for r in header for s in r.segments], xs)
        ys.append((header[-1].bottom + body[0].top) / 2)
    for a, b in pairwise(body):
        ys.append((a.bottom + b.top) / 2)
    ys.append(body[-1].bottom + 1)
    return snap(ys + [p[0] for p in pieces], 1.0), pieces


def _heading_splits(segments: Sequence[Segment], xs: Sequence[float]) -> list[tuple[float, float, float]]:
    """Under a text spanning several columns, a boundary across those columns only.

    Everywhere else a header column is one cell, so a header text wrapped
    onto a second line (`序` / `号`, `进驻事项` / `（项）`) reads as one.
    """

    def spanned(s: Segment) -> int:
        return sum(1 for x in xs if s.x0 + 1 < x < s.x1 - 1)

    out = []
    for a in segments:
        for b in segments:
            overlap = a.x0 < b.x1 and b.x0 < a.x1
            # b lies below a: its centre is clear of a (OCR boxes may touch or overlap a little)
            below = (b.top + b.bottom) / 2 > a.bottom - 0.15 * (a.bottom - a.top) and b.top > a.top
            if overlap and below and spanned(a) > spanned(b):
                out.append(((a.bottom + b.top) / 2, a.x0, a.x1))
    return out


def _synthetic_rulings(
    grid: Grid, segments: Sequence[Segment], pieces: Sequence[tuple[float, float, float]], header_bottom: float
) -> list[Ruling]:
    """A ruling along every boundary piece that no segment crosses; inside the header band only under headings."""
    out: list[Ruling] = []
    for i in range(grid.n_rows):
        y0, y1 = grid.ys[i], grid.ys[i + 1]
        band = [s for s in segments if s.top < y1 and s.bottom > y0]
        for x in grid.xs:
            if not any(s.x0 + 1 < x < s.x1 - 1 for s in band):
                out.append(Ruling("v", x, y0, y1))
    for j in range(grid.n_cols):
        x0, x1 = grid.xs[j], grid.xs[j + 1]
        mid = (x0 + x1) / 2
        column = [s for s in segments if s.x0 < x1 and s.x1 > x0]
        for y in grid.ys:
            if grid.ys[0] < y < header_bottom - 0.5 and not any(
                abs(py - y) <= 1.0 and px0 <= mid <= px1 for py, px0, px1 in pieces
            ):
                continue
            if not any(s.top + 1 < y < s.bottom - 1 for s in column):
                out.append(Ruling("h", y, x0, x1))
    return out
