"""A photographed page that curls: its rules bend, its rows drift. Flattened with UVDoc.

The shipped UVDoc network (`models/unwarp`, MIT) predicts, on a coarse grid, where each
point of the flat page lies in the photo; the page is resampled there with OpenCV. The
photo is padded first (the network takes the frame for the sheet's edge and would cut
what touches it). It runs only where the page's long rules bend (a flat scan is left
alone, at the cost of one look at its rules), and its result is kept only when they come
out straighter. The way back to the photo is the homography that fits the grid best: a
box points at the photo within what the curl bends it by.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

import cv2
import numpy as np

from extractor.ocr.rapid_models import MODELS

MODEL = MODELS / "unwarp" / "uvdoc.onnx"
INPUT = (488, 712)  # the network's input, width × height
PAD = 0.05  # × the page's longer side of grey frame added around the photo
FRAME = 60  # grey of the frame: darker than paper, as a desk is
BENT = 0.006  # × page width: rules bending less (their median) are flat
STRAIGHTER = 0.7  # the flattened page is kept when its rules bend at most this share of before
LONG_RULE = 1 / 3  # a rule measured is at least this share of the page wide
MIN_RULES = 3
WIDTH = 800  # px: rules are measured on the page scaled to this width

_lock = threading.Lock()


def unwarp(grey: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The page flattened and the homography from its pixels back to `grey`'s, or None where the
    page lies flat, the model is not installed, or flattening does not straighten it."""
    before = bend(grey)
    if before is None or before < BENT or not MODEL.exists():
        return None
    flat, back = _flatten(grey)
    after = bend(flat)
    if after is None or after > STRAIGHTER * before:
        return None
    return flat, back


def bend(grey: np.ndarray) -> float | None:
    """How much the page's long horizontal rules bend: the median over them of the spread of
    their centre line about a straight fit, as a share of the page's width (None: too few rules)."""
    scale = WIDTH / grey.shape[1]
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    w = small.shape[1]
    ink = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(15, w // 25), 1)))
    runs = cv2.dilate(runs, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))  # a bent rule's pieces join
    n, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    bows = []
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        if bw < LONG_RULE * w:
            continue
        ys, xs = np.nonzero(labels[y : y + bh, x : x + bw] == i)
        cols = np.arange(0, bw, 4)
        sums = np.bincount(xs, weights=ys, minlength=bw)[cols]
        counts = np.bincount(xs, minlength=bw)[cols]
        seen = counts > 0
        if seen.sum() < 10:
            continue
        cx, cy = cols[seen].astype(float), sums[seen] / counts[seen]
        residual = cy - np.polyval(np.polyfit(cx, cy, 1), cx)
        bows.append(float(residual.max() - residual.min()) / w)
    return float(np.median(bows)) if len(bows) >= MIN_RULES else None


def _flatten(grey: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    pad = round(PAD * max(grey.shape))
    framed = cv2.copyMakeBorder(grey, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=FRAME)
    h, w = framed.shape
    small = cv2.resize(framed, INPUT, interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0
    with _lock:  # one session, one run at a time
        grid = _session().run(None, {"input": np.repeat(small[None, None], 3, axis=1)})[0][0]
    gh, gw = grid.shape[1:]
    # the grid at every output pixel (corners aligned), in the framed photo's pixels
    sx = np.tile((np.arange(w, dtype=np.float32) * (gw - 1) / (w - 1))[None, :], (h, 1))
    sy = np.tile((np.arange(h, dtype=np.float32) * (gh - 1) / (h - 1))[:, None], (1, w))
    mapx = (cv2.remap(grid[0], sx, sy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE) + 1) * (w - 1) / 2
    mapy = (cv2.remap(grid[1], sx, sy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE) + 1) * (h - 1) / 2
    flat = cv2.remap(framed, mapx, mapy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255)
    # the way back: the homography that fits the grid best, from flat pixels to the unpadded photo
    ys, xs = np.mgrid[0 : h : h // 24, 0 : w : w // 16]
    src = np.stack([xs.ravel(), ys.ravel()], axis=1).astype(np.float32)
    dst = np.stack([mapx[ys, xs].ravel() - pad, mapy[ys, xs].ravel() - pad], axis=1).astype(np.float32)
    back, _ = cv2.findHomography(src, dst, 0)
    return flat, back if back is not None else np.eye(3)


@cache
def _session() -> Any:
    import onnxruntime as ort  # noqa: PLC0415  (the OCR runtime, loaded only for a curled page)

    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(MODEL), sess_options=options, providers=["CPUExecutionProvider"])
