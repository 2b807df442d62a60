"""Lone dashes the OCR detector does not see.

Statistical tables print `-` (or `—`) in a cell for "none"; a text detector
tuned for lines of text drops such a lone short stroke. A dash is a small
flat blob of ink, about half to one character wide, far from any recognised
text and not part of a ruling line; each one found becomes a `-` glyph, or
`—` when it is about as long as a character is wide.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from extractor.ingest.words import Glyph
from extractor.model.page import Ruling

EM_DASH = 0.6  # × character height: a dash this long is printed as `—`


def find_dashes(grey: np.ndarray, glyphs: Sequence[Glyph], rulings: Sequence[Ruling]) -> list[Glyph]:
    """Dash glyphs in pixel coordinates of `grey` (the prepared page the glyphs were read from)."""
    heights = sorted(g.bottom - g.top for g in glyphs if g.bottom > g.top)
    if not heights:
        return []
    em = heights[len(heights) // 2]
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    out: list[Glyph] = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if not (max(4, 0.2 * em) <= w <= 1.2 * em and h <= 0.2 * em and w >= 2.5 * h and area >= 0.6 * w * h):
            continue
        cx, cy = x + w / 2, y + h / 2
        if _near_text(cx, cy, glyphs, em) or _on_ruling(x, y, w, h, rulings):
            continue
        text = "—" if w >= EM_DASH * em else "-"  # a dash as long as a character is an em dash
        out.append(Glyph(text, float(x), cy - em / 2, float(x + w), cy + em / 2, em, confidence=0.6))
    return out


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
