"""Lone marks the OCR reads wrong or not at all: dashes, dots and rings.

Statistical tables print `-` (or `—`) in a cell for "none", and `●` / `○` for yes / no (done,
planned, held). A text recogniser tuned for lines of text drops such a lone mark, or reads a
ring or a dot as the letter `O` / `o`.

- A dash is a small flat blob of ink, about half to one character wide, far from any recognised
  text and not part of a ruling line: `-`, or `—` when about as long as a character is wide.
- A dot or a ring is a round blob of ink, half to one character across, with its box's corners
  empty (a square `口` fills them): `●` when it is mostly ink, `○` when its middle is paper.
- A character the recogniser read alone as `O`, `o` or `〇` (nothing else on its line near it)
  whose ink is such a dot or ring becomes `●` or `○`. A `0` is a figure and stays one.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from extractor.ingest.words import Glyph
from extractor.model.page import Ruling

EM_DASH = 0.6  # × character height: a dash this long is printed as `—`
DASH_FILL = 0.45  # share of a dash's box that is ink (a scanned dash's ends are ragged)
ROUND = (0.75, 1.33)  # a dot's or ring's width / height
ROUND_SIZE = (0.35, 1.2)  # × character height: across a dot or ring
DOT_FILL = 0.6  # a disc fills π/4 of its box; a ring a third or less
RING_FILL = 0.5
CORNER = 0.12  # share of a round mark's box, in each corner, that holds no ink (a circle leaves 0.146)
READ_AS_ROUND = frozenset("Oo〇")
MARK_CONFIDENCE = 0.6


def with_marks(grey: np.ndarray, glyphs: Sequence[Glyph], rulings: Sequence[Ruling]) -> list[Glyph]:
    """`glyphs` (pixel coordinates of `grey`, the prepared page they were read from) with lone
    `O`/`o`/`〇` that are dots or rings turned into `●`/`○`, and the marks the reading missed added."""
    heights = sorted(g.bottom - g.top for g in glyphs if g.bottom > g.top)
    if not heights:
        return list(glyphs)
    em = heights[len(heights) // 2]
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    blobs = [tuple(int(v) for v in stats[i]) for i in range(n)]
    out = [_reread(g, glyphs, labels, blobs, em) for g in glyphs]
    for i in range(1, n):
        x, y, w, h, _area = blobs[i]
        dash = _dash(blobs[i], em)
        text = dash or _round(i, blobs[i], labels, em)
        if not text:
            continue
        cx, cy = x + w / 2, y + h / 2
        if _near_text(cx, cy, glyphs, em) or (dash and _on_ruling(x, y, w, h, rulings)):
            continue  # (a ruling through a round mark would be one blob with it)
        out.append(Glyph(text, float(x), cy - em / 2, float(x + w), cy + em / 2, em, confidence=MARK_CONFIDENCE))
    return out


def _dash(blob: tuple[int, ...], em: float) -> str:
    _x, _y, w, h, area = blob
    if max(4, 0.2 * em) <= w <= 1.2 * em and h <= 0.2 * em and w >= 2.5 * h and area >= DASH_FILL * w * h:
        return "—" if w >= EM_DASH * em else "-"  # a dash as long as a character is an em dash
    return ""


def _round(i: int, blob: tuple[int, ...], labels: np.ndarray, em: float) -> str:
    x, y, w, h, area = blob
    if not (ROUND[0] <= w / max(h, 1) <= ROUND[1] and ROUND_SIZE[0] * em <= max(w, h) <= ROUND_SIZE[1] * em):
        return ""
    mine = labels[y : y + h, x : x + w] == i
    cw, ch = max(1, round(CORNER * w)), max(1, round(CORNER * h))
    if mine[:ch, :cw].any() or mine[:ch, -cw:].any() or mine[-ch:, :cw].any() or mine[-ch:, -cw:].any():
        return ""  # a square (口) or a character's stroke, not a round mark
    fill = area / (w * h)
    if fill >= DOT_FILL:
        return "●"
    middle = mine[h // 3 : h - h // 3, w // 3 : w - w // 3]
    if fill <= RING_FILL and middle.size and not middle.any():
        return "○"
    return ""


def _reread(g: Glyph, glyphs: Sequence[Glyph], labels: np.ndarray, blobs: list[tuple[int, ...]], em: float) -> Glyph:
    """A lone `O`/`o`/`〇` read where the ink is one dot or ring: that mark."""
    if g.text not in READ_AS_ROUND or _has_neighbour(g, glyphs, em):
        return g
    x0, y0 = max(0, int(g.x0 - 0.25 * em)), max(0, int(g.top - 0.25 * em))
    x1, y1 = int(g.x1 + 0.25 * em) + 1, int(g.bottom + 0.25 * em) + 1
    inside = {int(v) for v in np.unique(labels[y0:y1, x0:x1])} - {0}
    if len(inside) != 1:
        return g
    (i,) = inside
    mark = _round(i, blobs[i], labels, em)
    return g._replace(text=mark) if mark else g


def _has_neighbour(g: Glyph, glyphs: Sequence[Glyph], em: float) -> bool:
    return any(
        o is not g and o.x0 - 0.6 * em <= g.x1 and g.x0 <= o.x1 + 0.6 * em and o.top < g.bottom and g.top < o.bottom
        for o in glyphs
    )


def _near_text(cx: float, cy: float, glyphs: Sequence[Glyph], em: float) -> bool:
    # OCR line boxes are trimmed to the ink's core (ocr/rapid.py): strokes reach a little above and below
    return any(
        g.x0 - 0.25 * em <= cx <= g.x1 + 0.25 * em and g.top - 0.4 * em <= cy <= g.bottom + 0.4 * em for g in glyphs
    )


def _on_ruling(x: int, y: int, w: int, h: int, rulings: Sequence[Ruling]) -> bool:
    for r in rulings:
        if r.orient == "h" and abs(r.pos - (y + h / 2)) <= max(3, h) and r.start - 2 <= x + w and r.end + 2 >= x:
            return True
    return False
