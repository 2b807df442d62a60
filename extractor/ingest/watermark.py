"""Text printed aslant across a page (a watermark) found and whitened before the page is read.

A hospital's report system prints a code (`VEXhG4H6dtY= UulAyiiEZ36…`) diagonally across the
page, over the table. The detector finds the pieces of it that lie in white space as lines
set aslant, and `ocr/rapid.upright_lines` drops those; but where the watermark crosses the
table its characters join the table's lines (`中性粒细胞计数7iiEZ36`), and those lines cross
the columns. When the first reading shows two or more long lines set at one slant well off
the page's own, the page is turned by that slant so the watermark runs level, the detector
finds its whole lines there, and their boxes, turned back, are whitened. What the watermark
covered is lost either way; the table around it is read clean.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import cv2
import numpy as np

from extractor.ingest.prepare import rotate_whole
from extractor.ocr.base import OcrEngine
from extractor.ocr.rapid import LONG, SLANT, slant

AGREE = 4.0  # degrees: lines set aslant within this of each other are one watermark's
MIN_LINES = 2  # aslant lines that make a watermark (one could be a stamp's or a signature's)
LEVEL = 4.0  # degrees: in the page turned by the watermark's slant, its lines lie this level


def _long(box: Sequence[Sequence[float]]) -> bool:
    b = np.asarray(box, dtype=float)
    return bool(np.hypot(*(b[1] - b[0])) >= LONG * np.hypot(*(b[3] - b[0])))


def watermark_slant(lines: Sequence[dict[str, Any]]) -> float | None:
    """The slant (degrees, as `slant`) of a watermark across the page, or None."""
    angles = [slant(line["box"]) for line in lines]
    if not angles:
        return None
    usual = float(np.median(angles))
    aslant = [a for line, a in zip(lines, angles, strict=True) if abs(a - usual) >= SLANT and _long(line["box"])]
    if len(aslant) < MIN_LINES:
        return None
    middle = float(np.median(aslant))
    agreeing = [a for a in aslant if abs(a - middle) <= AGREE]
    return float(np.mean(agreeing)) if len(agreeing) >= MIN_LINES else None


MATCH = 0.3  # normalised correlation at which a place in the page surely holds a copy of the watermark
ON_LATTICE = 0.15  # ... and at which a place one step on from copies found holds one (the table over it)
NEAR = 8  # pixels: how far from the lattice point a copy may sit
INK = 160  # grey level below which a pixel of the watermark's copy is ink


def whiten_watermark(grey: np.ndarray, angle: float, engine: OcrEngine) -> np.ndarray:
    """`grey` with every copy of the watermark whitened, stroke by stroke.

    The page is turned so the watermark runs level; the longest level line the detector finds
    there is one whole copy (in white space). Places that match it well are copies; a watermark is
    tiled, so the step between two copies, taken again and again, leads to the copies under the
    table, which match less well for the characters over them. Only the copy's own strokes are
    whitened at each place: the table's characters between them stay."""
    h, w = grey.shape
    level, turn = rotate_whole(grey, angle)
    nh, nw = level.shape
    lines = [
        np.asarray(ln["box"], dtype=float)
        for ln in engine.recognize(level).get("lines", [])
        if abs(slant(ln["box"])) <= LEVEL and _long(ln["box"])
    ]
    if not lines:
        return grey
    box = max(lines, key=lambda b: float(np.hypot(*(b[1] - b[0]))))
    x0, y0 = np.maximum(np.floor(box.min(axis=0)).astype(int), 0)
    x1, y1 = np.ceil(box.max(axis=0)).astype(int)
    template = level[y0:y1, x0:x1]
    if template.size == 0 or min(template.shape) < 8:
        return grey
    th, tw = template.shape
    # white paper round the page, a copy wide: the copies the page's edges cut match in part
    padded = cv2.copyMakeBorder(level, th, th, tw, tw, cv2.BORDER_CONSTANT, value=255)
    score = np.nan_to_num(cv2.matchTemplate(padded, template, cv2.TM_CCOEFF_NORMED), nan=0.0, posinf=0.0, neginf=0.0)
    copies = _copies(score, th, tw)
    strokes = cv2.dilate((template < INK).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    mask = np.zeros(padded.shape, np.uint8)
    for px, py in copies:
        mask[py : py + th, px : px + tw][strokes] = 1
    mask = np.ascontiguousarray(mask[th : th + nh, tw : tw + nw])
    back = cv2.warpAffine(mask, cv2.invertAffineTransform(turn), (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    out = grey.copy()
    out[back > 0] = 255
    return out


def _copies(score: np.ndarray, th: int, tw: int) -> list[tuple[int, int]]:
    """Top-left corners of the watermark's copies: the sure matches, then the lattice they span."""
    work = score.copy()
    sure: list[tuple[int, int]] = []
    while True:
        _, best, _, (px, py) = cv2.minMaxLoc(work)
        if best < MATCH:
            break
        sure.append((px, py))
        work[max(py - th // 2, 0) : py + th // 2 + 1, max(px - tw // 2, 0) : px + tw // 2 + 1] = -1.0
    if len(sure) < 2:
        return sure
    a = np.asarray(sure[0], dtype=float)
    step = min((np.asarray(p, dtype=float) - a for p in sure[1:]), key=lambda d: float(np.hypot(*d)))
    found: set[tuple[int, int]] = set(sure)
    queue = list(sure)
    while queue:
        p = np.asarray(queue.pop(), dtype=float)
        for q in (p + step, p - step):
            x, y = round(float(q[0])), round(float(q[1]))
            lo_x, lo_y = max(x - NEAR, 0), max(y - NEAR, 0)
            window = score[lo_y : y + NEAR + 1, lo_x : x + NEAR + 1]
            if window.size == 0:
                continue
            _, best, _, (dx, dy) = cv2.minMaxLoc(window)
            spot = (lo_x + dx, lo_y + dy)
            if best >= ON_LATTICE and spot not in found:
                found.add(spot)
                queue.append(spot)
    return sorted(found)
