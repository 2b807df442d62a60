"""Speckled pages: salt-and-pepper noise that hides the text from the detector.

A phone scanner app's bilevel output or a dirty photocopy can sprinkle the whole
page with specks and clumps of a few pixels. The text detector then sees grey
fog, not lines, and finds almost nothing (a real CamScanner lab report: 3 text
lines of ~120). Whether a page needs cleaning is judged by the reading, not by
a noise threshold: the ink holds many character-sized marks, the reading found
only a few characters. The cleaned page is read again and kept only when it
reads better (`scanned.read_scanned_page`).
"""

from __future__ import annotations

import cv2
import numpy as np

A4_WIDTH_300DPI = 2480  # pixels across an A4 page at 300 dpi, the scale speck sizes are given at
SPECK_AREA = 20  # ink blobs up to this many pixels (at that scale) that survive the median are specks
MARK_AREA = 12  # blobs larger than this (at that scale) may be characters or parts of them
READ_SHARE = 0.1  # a reading of fewer characters than this share of the page's marks has missed the text


def _scale(grey: np.ndarray) -> float:
    """Areas scale with the square of the page's short side (an A4 page's at 300 dpi is 1)."""
    return float(min(grey.shape) / A4_WIDTH_300DPI) ** 2


def _ink(grey: np.ndarray) -> np.ndarray:
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def marks(grey: np.ndarray) -> int:
    """Ink blobs large enough to be characters or their strokes (specks of noise not counted)."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(_ink(grey), connectivity=8)
    return int((stats[1:, cv2.CC_STAT_AREA] > MARK_AREA * _scale(grey)).sum())


def missed_text(grey: np.ndarray, characters: int) -> bool:
    """The page has far more marks than the reading found characters: noise hid its text."""
    return characters < READ_SHARE * marks(grey)


STRENGTHS = (1, 2, 3)  # 3×3 median passes tried, lighter first: heavier noise (clumps) needs more


def despeckle(grey: np.ndarray, passes: int = 1) -> np.ndarray:
    """3×3 medians take single specks (a second pass the clumps a first one leaves), then blobs
    still no larger than a speck are whitened. More passes thin strokes: the caller reads each
    strength and keeps the best reading."""
    smooth = grey
    for _ in range(passes):
        smooth = cv2.medianBlur(smooth, 3)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(_ink(smooth), connectivity=8)
    small = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] <= SPECK_AREA * _scale(grey))
    small = small[small > 0]
    out = smooth.copy()
    if small.size:
        out[np.isin(labels, small)] = 255
    return out
