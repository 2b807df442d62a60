"""Ruling lines found in a page image: the same `Ruling`s the PDF path gets from vector graphics.

Ink is binarised with an adaptive threshold; a morphological opening with a
long thin kernel keeps only horizontal (or vertical) runs longer than any
glyph; short breaks in what remains (a faint scan) are then bridged, and each
connected component becomes one ruling along its centre line.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractor.ingest.rulings import merge
from extractor.model.page import Ruling

MIN_FRACTION = 1 / 35  # a line is at least this share of the page width (or height) long: longer than any glyph
MAX_THICKNESS = 12  # px: thicker ink blobs are not lines


def _binary(grey: np.ndarray) -> np.ndarray:
    # sensitive on purpose: faint scanned lines must survive; specks do not survive the long opening
    return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 8)


def detect_rulings(grey: np.ndarray) -> list[Ruling]:
    """Rulings in pixel coordinates of `grey` (an upright, deskewed page)."""
    ink = _binary(grey)
    h, w = ink.shape
    out: list[Ruling] = []
    out += _lines(ink, horizontal=True, length=max(25, int(w * MIN_FRACTION)))
    out += _lines(ink, horizontal=False, length=max(25, int(h * MIN_FRACTION)))
    return merge(out)


def _lines(ink: np.ndarray, horizontal: bool, length: int) -> list[Ruling]:
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
    bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (25, 1) if horizontal else (1, 25))
    # open first (text strokes are shorter than the kernel and vanish), then bridge breaks in the lines
    mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, bridge)
    n, _, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out: list[Ruling] = []
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        # thickness on average, not the box: a line photographed a little aslant drifts across its box
        if horizontal and bw >= length and min(bh, area / bw) <= MAX_THICKNESS and bh <= 4 * MAX_THICKNESS:
            out.append(Ruling("h", float(centroids[i][1]), float(x), float(x + bw)))
        elif not horizontal and bh >= length and min(bw, area / bh) <= MAX_THICKNESS and bw <= 4 * MAX_THICKNESS:
            out.append(Ruling("v", float(centroids[i][0]), float(y), float(y + bh)))
    return out
