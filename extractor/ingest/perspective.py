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


CONVERGE = 1.0  # degrees: rules of one page leaning apart by more than this converge (keystone)
TURNED = 0.5  # degrees: rules leaning this way or that by more than this in the median, a page turned
MIN_UPRIGHT = 4  # long vertical rules at least, to find where they meet
SCAN_WIDTH = 1200  # px: rules are looked for on the page scaled to this width


def upright_rules(grey: np.ndarray, centred: bool = False) -> tuple[np.ndarray, np.ndarray] | None:
    """A ruled page photographed from below or above its middle: its vertical rules lean, apart,
    towards a point where they meet (keystone with no sheet edge in the photo to find it by).
    That point is sent to infinity, so the rules stand upright and the rows stay level; returns
    the page and the homography back, or None where the rules stand upright already. `centred`: a
    page not flattened first, whose rules must lean as much each way (a scan turned a little has
    them all lean one way, and leaves them to the deskew)."""
    scale = min(1.0, SCAN_WIDTH / grey.shape[1])
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    h = small.shape[0]
    ink = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 15)))
    found = cv2.HoughLinesP(ink, 1, np.pi / 720, 100, minLineLength=int(0.2 * h), maxLineGap=6)
    if found is None:
        return None
    s = found.reshape(-1, 4).astype(np.float64) / scale
    dx, dy = s[:, 2] - s[:, 0], s[:, 3] - s[:, 1]
    s = s[np.abs(dx) < np.tan(np.radians(10)) * np.abs(dy)]
    if len(s) < MIN_UPRIGHT:
        return None
    dx, dy = s[:, 2] - s[:, 0], s[:, 3] - s[:, 1]
    lean = np.degrees(np.arctan2(dx * np.sign(dy), np.abs(dy)))
    if float(np.percentile(lean, 90) - np.percentile(lean, 10)) < CONVERGE:
        return None
    if centred and abs(float(np.median(lean))) > TURNED:
        return None  # rules leaning one way on the whole: a page turned a little (the deskew's), not keystone
    # where the rules meet: least squares over their lines, each weighted by its length
    normal = np.stack([dy, -dx], axis=1) / np.hypot(dx, dy)[:, None]
    offset = (normal * s[:, :2]).sum(axis=1)
    weight = np.hypot(dx, dy)
    point, *_ = np.linalg.lstsq(normal * weight[:, None], offset * weight, rcond=None)
    vx, vy = point
    H, W = grey.shape
    if abs(vy - H / 2) < 2 * H:
        return None  # rules meeting on the page: not a page's verticals
    # (x, y) → (x − vx, y) / (1 − y / vy) + (vx, 0): every line through (vx, vy) becomes vertical
    forward = (
        np.array([[1, 0, vx], [0, 1, 0], [0, 0, 1]])
        @ np.array([[1, 0, 0], [0, 1, 0], [0, -1 / vy, 1]])
        @ np.array([[1, 0, -vx], [0, 1, 0], [0, 0, 1]])
    )
    page = cv2.perspectiveTransform(np.array([[[0, 0], [W, 0], [W, H], [0, H]]], np.float32), forward)[0]
    shift = np.array([[1, 0, -page[:, 0].min()], [0, 1, -page[:, 1].min()], [0, 0, 1]])
    forward = shift @ forward
    size = (int(np.ceil(np.ptp(page[:, 0]))), int(np.ceil(np.ptp(page[:, 1]))))
    if size[0] > 1.5 * W or size[1] > 1.5 * H:
        return None
    upright = cv2.warpPerspective(grey, forward, size, flags=cv2.INTER_LINEAR, borderValue=255)
    return upright, np.linalg.inv(forward)
