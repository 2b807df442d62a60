"""A photographed page: find the sheet against its background and flatten it to a rectangle.

The sheet is the largest bright four-sided region of the photo. When it is
clearly smaller than the frame or its sides are not square to it (keystone),
it is warped to an upright rectangle; a scan whose paper fills the frame is
left alone.
"""

from __future__ import annotations

import cv2
import numpy as np

MIN_AREA = 0.35  # the sheet covers at least this share of the photo
MARGIN = 0.01  # corners within this share of the frame size from the frame's corners: nothing to flatten


def find_sheet(grey: np.ndarray) -> np.ndarray | None:
    """The sheet's corners (top-left, top-right, bottom-right, bottom-left) in pixels, or None."""
    h, w = grey.shape
    scale = 800 / max(h, w)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    sheet = max(contours, key=cv2.contourArea)
    if cv2.contourArea(sheet) < MIN_AREA * small.shape[0] * small.shape[1]:
        return None
    quad = cv2.approxPolyDP(sheet, 0.02 * cv2.arcLength(sheet, True), True)
    if len(quad) != 4 or not cv2.isContourConvex(quad):
        return None
    corners = _order(quad.reshape(4, 2).astype(np.float64) / scale)
    frame = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float64)
    if np.all(np.abs(corners - frame) <= MARGIN * max(h, w)):
        return None
    return corners


def _order(pts: np.ndarray) -> np.ndarray:
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]])


def flatten(grey: np.ndarray, corners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sheet warped to a rectangle, and the 3×3 homography from the flat image back to the photo."""
    tl, tr, br, bl = corners
    width = round(float(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))))
    height = round(float(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float64)
    forward = cv2.getPerspectiveTransform(corners.astype(np.float32), target.astype(np.float32))
    flat = cv2.warpPerspective(grey, forward, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)
    return flat, np.linalg.inv(forward)
