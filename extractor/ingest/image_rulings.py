"""Ruling lines found in a page image: the same `Ruling`s the PDF path gets from vector graphics.

Ink is binarised with an adaptive threshold; a morphological opening with a
long thin kernel keeps only horizontal (or vertical) runs longer than any
glyph; short breaks in what remains (a faint scan) are then bridged, and each
connected component becomes one ruling along its centre line. Dotted lines
(dot-matrix print) are found on the page smoothed a few pixels along them,
where the page beside them is clear; and the short rules dividing one row of a
form where they run from one horizontal rule to the next.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from extractor.ingest.rulings import JOIN_GAP, merge
from extractor.ingest.words import Glyph
from extractor.model.page import Ruling

MIN_FRACTION = 1 / 35  # a line is at least this share of the page width (or height) long: longer than any glyph
MAX_THICKNESS = 12  # px: thicker ink blobs are not lines


def _binary(grey: np.ndarray) -> np.ndarray:
    # sensitive on purpose: faint scanned lines must survive; specks do not survive the long opening
    return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 8)


DOT_GAP = 5  # px smoothed along a line: the dots of a dot-matrix rule join, glyphs stay apart
GLYPH_PT = 20.0  # pt: no glyph's stroke is longer; a line must be longer than this at the image's resolution


def detect_rulings(grey: np.ndarray, dpi: float = 0.0, glyphs: Sequence[Glyph] = ()) -> list[Ruling]:
    """Rulings in pixel coordinates of `grey` (an upright, deskewed page, or a picture cut from one:
    given its `dpi`, a line must outreach the largest glyph's stroke also where the picture is small).
    Given the page's `glyphs` read (px), the short rules of a form row are found too."""
    h, w = grey.shape
    glyph = int(GLYPH_PT * dpi / 72.0)
    ink = _binary(grey)
    wide, tall = max(25, int(w * MIN_FRACTION), glyph), max(25, int(h * MIN_FRACTION), glyph)
    flat = merge(_fill_in(_lines(ink, True, wide), _dotted(ink, _binary(cv2.blur(grey, (DOT_GAP, 1))), True, wide)))
    down = _binary(cv2.blur(grey, (1, DOT_GAP)))
    upright = _fill_in(_lines(ink, False, tall), _dotted(ink, down, False, tall))
    upright = [r for r in upright if not _down_text(r, glyphs)]
    short = _between_rules(down, flat, tall, glyphs) if glyphs else []
    return merge([*flat, *upright, *short])


def _fill_in(solid: list[Ruling], dotted: list[Ruling]) -> list[Ruling]:
    """A dotted line takes the place of the broken pieces found along it (a piece reaching beyond it
    stays as it was: a stroke of a heading above a rule's end is no part of it); where those pieces make the
    line already (a solid rule, found a few pixels off on a photo: no gap wider than `merge` joins)
    it adds nothing."""
    out = list(solid)
    for d in dotted:
        near = [r for r in out if abs(r.pos - d.pos) <= MAX_THICKNESS and r.start < d.end and d.start < r.end]
        if _widest_gap(d, near) <= JOIN_GAP:
            continue
        inside = [r for r in near if d.start - JOIN_GAP <= r.start and r.end <= d.end + JOIN_GAP]
        out = [r for r in out if all(r is not n for n in inside)]
        out.append(d)
    return out


def _widest_gap(line: Ruling, pieces: Sequence[Ruling]) -> float:
    """The widest stretch of `line` that none of the pieces covers."""
    reach, widest = line.start, 0.0
    for r in sorted(pieces, key=lambda r: r.start):
        widest = max(widest, r.start - reach)
        reach = max(reach, r.end)
    return max(widest, line.end - reach)


CLEAR = 4  # px beside a line (beyond its own ink) that stay white along a rule, not along a stroke of text
MAX_BUSY = 0.4  # share of a dotted rule's length with ink right beside it (text touching, a crossing rule)
CLEAR_RUN = 3  # px running with the page beside a dotted line clear: where it starts and stops
DOTTED_FRACTION = 1 / 8  # a dotted rule found on the smoothed page is at least this share of the page long


def _dotted(ink: np.ndarray, smoothed: np.ndarray, horizontal: bool, length: int) -> list[Ruling]:
    """Lines of dots (dot-matrix print, a faint copy): runs of ink once the page is smoothed along
    them, long ones (an eighth of the page) kept where the page beside them is white for most of
    their length. Smoothing also joins the strokes of a line of text, but text has ink above and
    below its strokes all along."""
    band = ink if horizontal else ink.T
    least = max(length, int(band.shape[1] * DOTTED_FRACTION))
    out = []
    for r in _lines(smoothed, horizontal, least):
        pos, start, end = round(r.pos), int(r.start), int(r.end)
        above = band[max(0, pos - MAX_THICKNESS // 2 - CLEAR) : max(0, pos - MAX_THICKNESS // 2), start:end]
        below = band[pos + MAX_THICKNESS // 2 + 1 : pos + MAX_THICKNESS // 2 + 1 + CLEAR, start:end]
        busy = np.zeros(end - start, bool)
        for side in (above, below):
            if side.size:
                busy |= side.any(axis=0)
        if float(busy.mean()) > MAX_BUSY:
            continue
        # where it runs into text (a character over the rule's end), the line ends: it starts and
        # stops where the page beside it turns clear for a few pixels running
        clear = np.flatnonzero(np.convolve((~busy).astype(int), np.ones(CLEAR_RUN, int), mode="valid") == CLEAR_RUN)
        if len(clear):
            out.append(Ruling(r.orient, r.pos, float(start + clear[0]), float(start + clear[-1] + CLEAR_RUN)))
    return out


SHORT = 15  # px: the least height of a rule closing one row of a form
# a form row's short rules are this much taller than the text: in a row as tight as its text,
# strokes of glyphs run from rule to rule
ROW_OVER_TEXT = 1.5
END_GAP = 6  # px: how far a short rule's ends may stop from the rules it runs between
MIN_SHORT = 2  # short rules in one row at least
ALIGNED = 0.5  # × text height: a short rule this near one in the next row goes on from it
CELL_OVER_TEXT = 1.5  # a cell between two short rules is at least this × the text's height wide


def _between_rules(ink: np.ndarray, flat: list[Ruling], tall: int, glyphs: Sequence[Glyph]) -> list[Ruling]:
    """Vertical rules of one row of a form (`住院日期 | 2019.05.04 | 出院日期 …`): shorter than a
    glyph's stroke may be, so kept only where they run from one horizontal rule to the next, each
    end at a rule that passes there, in a row taller than its text (`glyphs`, as read), two or more
    in the row, each further from the next than a character is wide: strokes of text stop short of
    the rules around their cell, or stand close together."""
    heights = sorted(g.bottom - g.top for g in glyphs)
    height = heights[len(heights) // 2]
    least = ROW_OVER_TEXT * height
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(SHORT, int(least))))
    mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    n, _, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out: list[Ruling] = []
    for i in range(1, n):
        _, y, bw, bh, _ = stats[i]
        if bh >= tall or bh < least or bw > MAX_THICKNESS:
            continue
        x = float(centroids[i][0])
        crossing = [r for r in flat if r.start - END_GAP <= x <= r.end + END_GAP]
        tol = max(END_GAP, 0.08 * bh)
        if not any(abs(r.pos - y) <= tol for r in crossing) or not any(abs(r.pos - (y + bh)) <= tol for r in crossing):
            continue
        out.append(Ruling("v", x, float(y), float(y + bh)))
    # a row of a form is divided in three cells or more (`label | value | label | value`); one short
    # rule alone in its row is more likely a stroke of a character touching both rules (the glyphs
    # read cannot tell: a line read across two cells is placed over the rule between them)
    # a piece that goes on in the row above or below at (nearly) the same place is a piece of a long
    # rule broken at every row (a rule leaning on a photo), not a rule of one row
    out = [r for r in out if not any(o is not r and _continues(r, o, height) for o in out)]
    # a piece with other ink right beside it is a stroke of a character (a bold header as tall as its
    # row: `剩余金额`'s 刂 from rule to rule); a cell's text stands off the rules around it
    out = [r for r in out if _clearance(ink, r) >= STROKE_GAP * height]
    rows: dict[tuple[int, int], list[Ruling]] = {}
    for r in out:
        rows.setdefault((round(r.start / END_GAP), round(r.end / END_GAP)), []).append(r)
    kept = []
    for row in rows.values():
        # cells hold text: two rules closer than a character's width are strokes of one (`川`, a
        # header row as tight as its text)
        apart = [r for r in row if not any(o is not r and abs(o.pos - r.pos) < CELL_OVER_TEXT * height for o in row)]
        if len(apart) >= MIN_SHORT:
            kept += apart
    return kept


TEXT_SHARE = 0.5  # of a vertical line's length inside characters read, over two lines of text or more


def _down_text(r: Ruling, glyphs: Sequence[Glyph]) -> bool:
    """`r` runs down a column of characters rather than between them: the strokes of `1`, `4`, `7`
    stacked in a narrow centred column (行次) join into a dotted line. It passes inside characters
    read on two lines or more, for half its length."""
    inside = [g for g in glyphs if g.x0 + 0.1 * (g.x1 - g.x0) < r.pos < g.x1 - 0.1 * (g.x1 - g.x0)]
    spans = [(max(g.top, r.start), min(g.bottom, r.end)) for g in inside if g.bottom > r.start and g.top < r.end]
    lines = {round((a + b) / 2 / max(b - a, 1.0)) for a, b in spans}
    return len(spans) >= 2 and len(lines) >= 2 and sum(b - a for a, b in spans) >= TEXT_SHARE * (r.end - r.start)


STROKE_GAP = 0.25  # × the text's height: ink closer than this beside a short rule, on either side, is its character's


def _clearance(ink: np.ndarray, r: Ruling) -> float:
    """The white (px) between the short rule `r` and the nearest other ink beside it, on the nearer
    side, in the middle of its row."""
    h = r.end - r.start
    band = ink[int(r.start + 0.2 * h) : int(r.end - 0.2 * h) + 1]
    if band.size == 0:
        return float("inf")
    cols: np.ndarray = np.asarray(band.any(axis=0))
    x = round(r.pos)
    left = right = min(max(x, 0), len(cols) - 1)
    while left > 0 and cols[left - 1]:
        left -= 1  # the rule's own width
    while right < len(cols) - 1 and cols[right + 1]:
        right += 1
    before = np.flatnonzero(cols[: max(left - 1, 0)])
    after = np.flatnonzero(cols[right + 2 :])
    gap_left = left - 1 - before[-1] if before.size else float("inf")
    gap_right = after[0] + 1 if after.size else float("inf")
    return float(min(gap_left, gap_right))


def _continues(r: Ruling, o: Ruling, height: float) -> bool:
    meets = abs(r.end - o.start) <= 2 * END_GAP or abs(o.end - r.start) <= 2 * END_GAP
    return meets and abs(r.pos - o.pos) <= ALIGNED * height


def _lines(ink: np.ndarray, horizontal: bool, length: int) -> list[Ruling]:
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
    bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (25, 1) if horizontal else (1, 25))
    # open first (text strokes are shorter than the kernel and vanish), then bridge breaks in the lines
    mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, bridge)
    n, labels, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out: list[Ruling] = []
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        long, across = (bw, bh) if horizontal else (bh, bw)
        if long < length:
            continue
        # a line photographed a little aslant drifts across its box: thin all along it is enough
        if across <= MAX_THICKNESS or (
            _aslant(long, across, area) and _thin_all_along(labels, stats[i], i, horizontal)
        ):
            if horizontal:
                out.append(Ruling("h", float(centroids[i][1]), float(x), float(x + bw)))
            else:
                out.append(Ruling("v", float(centroids[i][0]), float(y), float(y + bh)))
    return out


def _aslant(long: int, across: int, area: int) -> bool:
    """A thin line that drifts across its box (photographed a little aslant): thin on average,
    and far longer than its drift."""
    return area / long <= MAX_THICKNESS and across <= 4 * MAX_THICKNESS and long >= 15 * across


def _thin_all_along(labels: np.ndarray, stat: np.ndarray, i: int, horizontal: bool) -> bool:
    """Thin at (nearly) every point along its length: not a line with a seal or text stuck to it."""
    x, y, bw, bh = (int(v) for v in stat[:4])
    across = (labels[y : y + bh, x : x + bw] == i).sum(axis=0 if horizontal else 1)
    return float(np.mean(across > MAX_THICKNESS // 2)) < 0.05
