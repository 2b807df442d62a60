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
DESK_RATIO = 0.6  # the surround is at most this bright relative to the sheet
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
    inside = np.zeros_like(small)
    cv2.drawContours(inside, [sheet], -1, 255, thickness=-1)
    if (inside == 0).sum() == 0 or small[inside == 0].mean() > DESK_RATIO * small[inside > 0].mean():
        return None  # no dark surround: uneven paper or a shadow, not a sheet on a desk
    hull = cv2.convexHull(sheet)
    poly = cv2.approxPolyDP(hull, 0.015 * cv2.arcLength(hull, True), True).reshape(-1, 2).astype(np.float64)
    quad = _four_sides(poly)
    if quad is None:
        return None
    corners = _order(quad / scale)
    frame = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float64)
    if np.all(np.abs(corners - frame) <= MARGIN * max(h, w)):
        return None
    return corners


def _four_sides(poly: np.ndarray) -> np.ndarray | None:
    """The corners where the four longest sides of a polygon meet.

    A shadow or a dog-ear cuts a corner of the sheet into a short extra side;
    dropping the short sides and extending the long ones restores the corner.
    """
    n = len(poly)
    if n < 4:
        return None
    lengths = [float(np.linalg.norm(poly[(i + 1) % n] - poly[i])) for i in range(n)]
    sides = sorted(sorted(range(n), key=lambda i: -lengths[i])[:4])
    corners = []
    for a, b in zip(sides, sides[1:] + sides[:1], strict=True):
        p = _intersect(poly[a], poly[(a + 1) % n], poly[b], poly[(b + 1) % n])
        if p is None:
            return None
        corners.append(p)
    return np.array(corners)


def _intersect(p1: np.ndarray, p2: np.ndarray, p3: np.ndarray, p4: np.ndarray) -> np.ndarray | None:
    d1, d2 = p2 - p1, p4 - p3
    denom = d1[0] * d2[1] - d1[1] * d2[0]
    if abs(denom) < 1e-9:
        return None
    t = ((p3[0] - p1[0]) * d2[1] - (p3[1] - p1[1]) * d2[0]) / denom
    return p1 + t * d1


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
