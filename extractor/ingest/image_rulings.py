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


GLYPH_PT = 20.0  # pt: no glyph's stroke is longer; a line must be longer than this at the image's resolution


def detect_rulings(grey: np.ndarray, dpi: float = 0.0) -> list[Ruling]:
    """Rulings in pixel coordinates of `grey` (an upright, deskewed page, or a picture cut from one:
    given its `dpi`, a line must outreach the largest glyph's stroke also where the picture is small)."""
    ink = _binary(grey)
    h, w = ink.shape
    glyph = int(GLYPH_PT * dpi / 72.0)
    out: list[Ruling] = []
    out += _lines(ink, horizontal=True, length=max(25, int(w * MIN_FRACTION), glyph))
    out += _lines(ink, horizontal=False, length=max(25, int(h * MIN_FRACTION), glyph))
    return merge(out)


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
