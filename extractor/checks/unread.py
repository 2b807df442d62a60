"""Empty cells of scanned tables with ink in them: something is printed there that the page's
reading missed (a lone dash, a short figure the detector passed over).

The table's region of the source page is cut out once, in colour, at `INK_DPI`; each empty cell's
box, less `RULE_MARGIN` points on every side (its rules), is looked at for a mark darker than the
paper around it by `DARKER` in every channel (a red seal is not ink of the table), of a glyph's
size and in the cell's middle band: a dash (wider than tall) or a figure's height of ink; a
round speck of dust and a rule's edge left by a skewed scan are not. Such a cell is
flagged `unread`; one whose mark stands as tall as a figure (`FIGURE_HEIGHT`) is worth reading
again (repair.py), a dash is not: the detector passes over it at any resolution.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from extractor.model.page import Page
from extractor.model.result import Table, TableCell

INK_DPI = 150
RULE_MARGIN = 2.0  # pt
DARKER = 50  # grey levels below the cell's paper
MIN_WIDTH = 1.5  # pt: a dash is about 2.5 pt wide, a speck of dust less than 1
MIN_HEIGHT = 0.8  # pt
FIGURE_HEIGHT = 3.0  # pt: a digit of a 9 pt figure stands about 6 pt
DASH_RATIO = 1.5  # a dash is at least so many times as wide as it is tall; a speck of dust is round

ColourCutter = Callable[[int, np.ndarray, float], np.ndarray]  # (page, source corners, dpi) → RGB crop


@dataclass(frozen=True, slots=True)
class Mark:
    cell: TableCell
    height: float  # pt, the tallest mark's

    @property
    def figure_like(self) -> bool:
        return self.height >= FIGURE_HEIGHT


def unread_cells(table: Table, page: Page, cut: ColourCutter) -> list[Mark]:
    """The empty body cells of `table` on `page` that have ink in them."""
    empty = [c for c in table.cells if not c.header and not c.text.strip() and c.bbox and c.page == page.number]
    if not empty:
        return []
    boxes = np.array([c.bbox for c in empty], dtype=float)
    x0, y0 = boxes[:, 0].min(), boxes[:, 1].min()
    x1, y1 = boxes[:, 2].max(), boxes[:, 3].max()
    if x1 - x0 < 1 or y1 - y0 < 1:
        return []
    corners = np.array([page.to_source(x, y) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))])
    crop = cut(page.number, corners, INK_DPI)
    darkest_channel = crop.max(axis=2) if crop.ndim == 3 else crop  # dark in every channel: not a red seal
    sx, sy = darkest_channel.shape[1] / (x1 - x0), darkest_channel.shape[0] / (y1 - y0)
    marks = []
    for cell, (a, b, c, d) in zip(empty, boxes, strict=True):
        m = RULE_MARGIN
        cols = slice(round((a + m - x0) * sx), round((c - m - x0) * sx))
        rows = slice(round((b + m - y0) * sy), round((d - m - y0) * sy))
        height = _mark(darkest_channel[rows, cols], sx, sy)
        if height is not None:
            marks.append(Mark(cell, height))
    return marks


def _mark(inner: np.ndarray, sx: float, sy: float) -> float | None:
    """The height in points of the tallest glyph-sized mark in the middle band of `inner`, if any."""
    import cv2  # noqa: PLC0415 - the OCR path's own import, as in ingest/prepare.py

    if inner.shape[0] < 3 or inner.shape[1] < 3:
        return None
    paper = float(np.median(inner))
    binary = (inner.astype(int) < paper - DARKER).astype(np.uint8)
    n, _, stats, centres = cv2.connectedComponentsWithStats(binary, connectivity=8)
    height, width = inner.shape
    tallest = None
    for k in range(1, n):
        _, _, w, h, _ = stats[k]
        middle = 0.2 <= centres[k][1] / height <= 0.8
        dash = MIN_WIDTH * sx <= w <= 0.8 * width and h >= MIN_HEIGHT * sy and w / sx >= DASH_RATIO * h / sy
        tall = h >= FIGURE_HEIGHT * sy  # a figure, a lone 1
        glyph = (dash or tall) and h <= 0.9 * height  # a rule crossing the cell (a skewed scan) is not
        if middle and glyph:
            tallest = max(tallest or 0.0, h / sy)
    return tallest
