"""Boxes the tiny detector joins over several lines, cut back into their lines."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np

INK_SHARE = 0.68  # the detector pads a line box; the ink fills about the middle INK_SHARE of its height


STACK_GAP = 0.3  # a standing box is cut where blank rows run this share of its lines' height or more


class SplitStacks:
    """The tiny detector joins short lines standing one above the other — a table's 序号 column
    of lone digits 2, 3, 4, 5 — into one tall box, which RapidOCR then reads turned on its side
    (`2345`), and the table gets one cell for four rows. A box at least 1.5 times taller than wide
    whose ink falls into pieces separated by blank rows (gaps of STACK_GAP of the pieces' height or
    more; the characters of vertical writing sit closer) is cut into one box per piece, padded as
    the detector pads a line."""

    def __init__(self, detector: Any) -> None:
        self.detector = detector

    def __call__(self, image: np.ndarray) -> Any:
        found = self.detector(image)
        if found.boxes is None:
            return found
        boxes, scores = [], []
        for box, score in zip(found.boxes, found.scores, strict=True):
            pieces = stacked_lines(image, box)
            boxes += pieces
            scores += [score] * len(pieces)
        if len(boxes) > len(found.boxes):
            found.boxes, found.scores = np.asarray(boxes, dtype=found.boxes.dtype), scores
        return found


def stacked_lines(image: np.ndarray, box: np.ndarray) -> list[np.ndarray]:
    x0, y0 = np.floor(box.min(axis=0)).astype(int)
    x1, y1 = np.ceil(box.max(axis=0)).astype(int)
    x0, y0 = max(x0, 0), max(y0, 0)
    if y1 - y0 < 1.5 * (x1 - x0) or x1 - x0 < 4:
        return [box]
    crop = image[y0:y1, x0:x1]
    grey = crop.mean(axis=2) if crop.ndim == 3 else crop.astype(float)
    if grey.max() - grey.min() < 40:
        return [box]
    rows = (grey < (grey.max() + grey.min()) / 2).any(axis=1)
    runs, start = [], None
    for y, ink in enumerate([*rows.tolist(), False]):
        if ink and start is None:
            start = y
        elif not ink and start is not None:
            runs.append((start, y))
            start = None
    runs = [r for r in runs if r[1] - r[0] >= 3]
    if len(runs) < 2:
        return [box]
    height = float(np.median([b - a for a, b in runs]))
    if min(b[0] - a[1] for a, b in pairwise(runs)) < STACK_GAP * height:
        return [box]
    pad = height * (1 / INK_SHARE - 1) / 2
    return [
        np.array([[x0, y0 + a - pad], [x1, y0 + a - pad], [x1, y0 + b + pad], [x0, y0 + b + pad]], dtype=float)
        for a, b in runs
    ]
