"""Tables without cell borders, found from text alignment, built by the same grid builder.

1. (`text_blocks`) Words outside ruled tables become *segments*: runs on one baseline with no
   gap wider than a character or so. Narrative lines are one segment; table
   rows are several.
2. (`text_blocks`) Consecutive rows of several segments, with at least one number among them,
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

from collections.abc import Sequence
from itertools import pairwise

from extractor.model.page import Page, Ruling, Word
from extractor.tables.cell_text import fill_cells
from extractor.tables.fragment import Fragment
from extractor.tables.grid import Grid, snap
from extractor.tables.panels import split_columns, split_panels
from extractor.tables.spans import find_cells
from extractor.tables.text_blocks import (
    MAX_HEADER_LINES,
    Row,
    Segment,
    header_start,
    is_value,
    line_segments,
    make_segment,
    rows_of,
    split_item_numbers,
    table_blocks,
)
from extractor.tables.text_rows import row_breaks
from extractor.textutil import FLAGS, lone_mark

BBox = tuple[float, float, float, float]


def text_fragments(page: Page, exclude: Sequence[BBox]) -> list[Fragment]:
    words = [w for w in page.words if not _inside(w, exclude)]
    h_rules = [r for r in page.rulings if r.orient == "h" and not any(_ruling_inside(r, b) for b in exclude)]
    groups = [panel for column in split_columns(words, h_rules) for panel in split_panels(*column)]
    fragments = [f for group, rules in groups for f in _group_fragments(page, group, rules)]
    return sorted(fragments, key=lambda f: (f.bbox[1], f.bbox[0]))


def _group_fragments(page: Page, words: Sequence[Word], h_rules: Sequence[Ruling]) -> list[Fragment]:
    rows = rows_of(line_segments(words, page.rulings), h_rules)
    fragments = []
    for head, start, end in table_blocks(rows, h_rules):
        split_item_numbers(rows[start:end])
        bounds, _ = _column_bounds(rows[start:end])
        for row in rows[max(0, start - MAX_HEADER_LINES) : start]:
            row.segments = [part for seg in row.segments for part in _split_at(seg, bounds[1:-1])]
        ruled = head is not None
        if head is None:
            head = header_start(rows, start, h_rules)
        frag = _build(page, rows[head:start], rows[start:end], h_rules, ruled)
        if frag is not None:
            fragments.append(frag)
    return fragments


def _split_at(seg: Segment, bounds: Sequence[float]) -> list[Segment]:
    """A heading line read as one run (`光谱类型 有效温度(K) 光谱类型 …`) cut where a gap between its
    words lies on a column boundary of the body below."""
    parts: list[list[Word]] = [[seg.words[0]]]
    for a, b in pairwise(seg.words):
        if any(a.x1 - 1 <= x <= b.x0 + 1 for x in bounds):
            parts.append([])
        parts[-1].append(b)
    return [seg] if len(parts) == 1 else [make_segment(p) for p in parts]


def _inside(w: Word, boxes: Sequence[BBox]) -> bool:
    return any(b[0] - 1 <= w.cx <= b[2] + 1 and b[1] - 1 <= w.cy <= b[3] + 1 for b in boxes)


def _ruling_inside(r: Ruling, b: BBox) -> bool:
    x0, top, x1, bottom = r.bbox
    return b[0] - 2 <= x0 and x1 <= b[2] + 2 and b[1] - 2 <= top and bottom <= b[3] + 2


def _build(
    page: Page, header: Sequence[Row], body: Sequence[Row], h_rules: Sequence[Ruling], ruled: bool = False
) -> Fragment | None:
    """`ruled`: the header lines are a band between rules, a header whatever they hold."""
    _widen_headings([s for r in header for s in r.segments], h_rules)
    xs, slack = _column_bounds(body, [s for r in header for s in r.segments])
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
    frag = Fragment.from_cells(page.number, bbox, xs, cells, min_header=1 if ruled and header else 0)
    frag.col_slack = tuple(slack)
    return frag


def _column_bounds(
    body: Sequence[Row], header: Sequence[Segment] = ()
) -> tuple[list[float], list[tuple[float, float]]]:
    """Boundaries in the white space that runs through (nearly) every body row.

    Numbers are set flush right, so a column's header is often wider than its values and
    the white strip between two columns is wide: the boundary goes where it crosses no
    header text that has nothing under it (a heading over several columns may cross).
    """
    solid = [s for r in body for s in r.segments if not lone_mark(s.text)] or [s for r in body for s in r.segments]
    left = min(s.x0 for s in solid)  # a lone dash or dot (a speck, read) out in the margin widens no table
    right = max(s.x1 for s in solid)
    step = 1.0
    n = int((right - left) / step) + 1
    cover = [0] * n
    for r in body:
        for s in r.segments:
            for k in range(max(0, int((s.x0 - left) / step)), min(n, int((s.x1 - left) / step) + 1)):
                cover[k] += 1
    allowed = max(0, len(body) // 10)
    heights = sorted(s.bottom - s.top for r in body for s in r.segments)
    narrowest = max(3.0, 0.5 * heights[len(heights) // 2])  # a column narrower than this holds no character
    leaves = [(s.x0 - 1, s.x1 + 1) for s in header if not _has_below(s, header)]
    bounds: list[tuple[float, float, float]] = [(left - 2, left - 2, left - 2)]  # (x, strip lo, strip hi)
    k = 0
    while k < n:
        if cover[k] <= allowed:
            start = k
            while k < n and cover[k] <= allowed:
                k += 1
            # a strip at the left edge has no column left of it: the rows that start there are
            # labels set further out (a 总计 outdented from the items under it), not a column
            if (k - start) * step >= 4 and start > 0:
                for lo, hi in _around_lone_marks(left + start * step, left + k * step, body):
                    x = _free_point(lo, hi, leaves)
                    if x - bounds[-1][0] > narrowest:
                        bounds.append((x, lo, hi))
        k += 1
    # the outer edges take in the header too: a heading wider than its column's values is inside the table
    edge = max([right, *(s.x1 for s in header if s.x0 < right)]) + 2
    if edge - bounds[-1][0] > narrowest:
        bounds.append((edge, edge, edge))
    elif len(bounds) > 1:  # a strip at the right edge: the edge closes the last column
        bounds[-1] = (edge, edge, edge)
    # headings further right, over nothing the reader gives (`图片` over histograms), head columns of their own
    for s in sorted((s for s in header if s.x0 > edge + narrowest), key=lambda s: s.x0):
        if s.x0 > bounds[-1][0]:
            bounds.append((s.x1 + 2, s.x1 + 2, s.x1 + 2))
    first = min([left, *(s.x0 for s in header if s.x1 > left)]) - 2
    if first < bounds[0][0]:
        bounds[0] = (first, first, first)
    return [b[0] for b in bounds], [(b[1], b[2]) for b in bounds]


LONE_MARK = 2  # characters: a flag or figure this short standing alone inside a white strip is a column


def _around_lone_marks(lo: float, hi: float, body: Sequence[Row]) -> list[tuple[float, float]]:
    """A white strip, or two either side of the short values standing alone in it: a column of a
    flag (`↓`) that one row of eleven prints is no crossing to tolerate but a column of its own."""
    inside = [
        s
        for r in body
        for s in r.segments
        if lo + 4 <= s.x0
        and s.x1 <= hi - 4
        and len(s.text.strip()) <= LONE_MARK
        and (FLAGS & set(s.text) or (is_value(s.text) and not lone_mark(s.text)))  # a dash may be a speck
    ]
    if not inside:
        return [(lo, hi)]
    return [(lo, min(s.x0 for s in inside)), (max(s.x1 for s in inside), hi)]


def _widen_headings(header: Sequence[Segment], h_rules: Sequence[Ruling]) -> None:
    """A heading over several columns reaches across the sub-headings it stands over.

    Short headings (`绝对数` over `本年` and `上年`) are narrower than what they head. Their
    sub-headings are the ones a rule drawn under the heading spans (not a rule across the
    whole header), else the two nearest on the next line, one on each side, when the
    heading is centred between them and nothing stands right under it.
    """
    if not header:
        return
    width = max(s.x1 for s in header) - min(s.x0 for s in header)
    for seg in sorted(header, key=lambda s: s.top):
        lower = [o for o in header if o.top >= seg.bottom - 0.1 * (seg.bottom - seg.top) and o is not seg]
        rule = next((r for r in h_rules if _rule_under(seg, r) and r.length < 0.9 * width), None)
        if rule is not None:
            under = [o for o in lower if rule.start <= (o.x0 + o.x1) / 2 <= rule.end and o.top > rule.pos - 1]
        else:
            under = _centred_over(seg, lower)
        if len(under) >= 2:
            seg.x0 = min(seg.x0, *(o.x0 for o in under))
            seg.x1 = max(seg.x1, *(o.x1 for o in under))


def _rule_under(seg: Segment, rule: Ruling) -> bool:
    return seg.bottom - 2 <= rule.pos <= seg.bottom + seg.size and rule.start < seg.x1 and seg.x0 < rule.end


def _centred_over(seg: Segment, lower: Sequence[Segment]) -> list[Segment]:
    nxt = [o for o in lower if o.top - seg.bottom < seg.size]
    if not nxt or any(o.x0 < seg.x1 and seg.x0 < o.x1 for o in nxt):
        return []
    cx = (seg.x0 + seg.x1) / 2
    left = [o for o in nxt if o.x1 <= seg.x0]
    right = [o for o in nxt if o.x0 >= seg.x1]
    if not left or not right:
        return []
    a = max(left, key=lambda o: o.x1)
    b = min(right, key=lambda o: o.x0)
    ca, cb = (a.x0 + a.x1) / 2, (b.x0 + b.x1) / 2
    if abs(cx - (ca + cb) / 2) > 0.15 * (cb - ca) or abs(a.top - b.top) > 0.5 * a.size:
        return []
    return [a, b]


def _has_below(seg: Segment, header: Sequence[Segment]) -> bool:
    """Sub-headings under a heading: more than one, or one reaching beyond it. A single shorter
    line right under it (`累计办结` / `率`) is the same heading wrapped."""
    under = [o for o in header if o.top > seg.bottom - 0.3 * (seg.bottom - seg.top) and o.x0 < seg.x1 and seg.x0 < o.x1]
    if len(under) == 1 and seg.x0 - 2 <= under[0].x0 and under[0].x1 <= seg.x1 + 2:
        return under[0].top - seg.bottom > seg.bottom - seg.top  # far below: a sub-heading after all
    return bool(under)


def _free_point(lo: float, hi: float, blocked: Sequence[tuple[float, float]]) -> float:
    """The middle of [lo, hi], or the point nearest to it that no blocked interval covers."""
    mid = (lo + hi) / 2
    cuts = sorted((max(a, lo), min(b, hi)) for a, b in blocked if a < hi and b > lo)
    if not any(a < mid < b for a, b in cuts):
        return mid
    free, at = [], lo
    for a, b in cuts:
        if a > at:
            free.append((at, a))
        at = max(at, b)
    if at < hi:
        free.append((at, hi))
    if not free:
        return mid
    a, b = min(free, key=lambda f: min(abs(f[0] - mid), abs(f[1] - mid)))
    return (a + b) / 2


def _row_bounds(
    header: Sequence[Row], body: Sequence[Row], xs: Sequence[float]
) -> tuple[list[float], list[tuple[float, float, float]]]:
    """Row boundaries, and the pieces (y, x0, x1) under group headings inside the header band."""
    ys = [(header or body)[0].top - 1]
    pieces: list[tuple[float, float, float]] = []
    if header:
        pieces = _heading_splits([s for r in header for s in r.segments], xs)
        ys.append((header[-1].bottom + body[0].top) / 2)
    ys += row_breaks([w for r in body for s in r.segments for w in s.words], xs)
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
        column = [s for s in segments if s.x0 < x1 and s.x1 > x0 and not lone_mark(s.text)]  # a speck bridges no rows
        for y in grid.ys:
            if grid.ys[0] < y < header_bottom - 0.5 and not any(
                abs(py - y) <= 1.0 and px0 <= mid <= px1 for py, px0, px1 in pieces
            ):
                continue
            if not any(s.top + 1 < y < s.bottom - 1 for s in column):
                out.append(Ruling("h", y, x0, x1))
    return out
