"""Scanned page images → a clean, upright, deskewed grey image, with the way back to the original.

- grey from the red channel when the image has colour: red seals turn into
  paper, black text and figures printed in red stay ink;
- a photographed sheet found against its background and flattened (keystone),
  and a curled one flattened by the shipped UVDoc model (`unwarp`);
- light text on dark fills (white on a blue header band) inverted;
- paper evened out (grey paper, shadows, gradients) by dividing by a
  smoothed background;
- quarter turns (90/180/270) applied as asked by the caller (the turn itself is
  decided with the OCR engine, see ingest/scanned.py);
- skew within ±5° found by the angle at which rows of ink line up best (the
  sharpest horizontal projection profile) and removed.

`Prepared.to_original` maps a point of the prepared image back to the
original image, so every box can point at the page as the user sees it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extractor.ingest.perspective import find_sheet, flatten, upright_rules
from extractor.ingest.unwarp import unwarp

MAX_SKEW = 5.0


@dataclass(frozen=True, slots=True)
class Prepared:
    image: np.ndarray  # uint8 grey, upright, deskewed
    quarter_turns: int  # counter-clockwise quarter turns applied
    skew: float  # degrees of rotation applied after the quarter turns
    matrix: np.ndarray  # 3×3 homography: prepared pixel → original pixel

    def to_original(self, x: float, y: float) -> tuple[float, float]:
        m = self.matrix
        w = m[2, 0] * x + m[2, 1] * y + m[2, 2]
        return ((m[0, 0] * x + m[0, 1] * y + m[0, 2]) / w, (m[1, 0] * x + m[1, 1] * y + m[1, 2]) / w)


RED_MARGIN = 50  # a pixel this much redder than green and blue is red ink


def to_grey(image: np.ndarray) -> np.ndarray:
    """Grey from the red channel (image arrays here are RGB), with seals made paper.

    In the red channel a red seal is already pale; on grey paper it is still a
    little darker than the paper, enough to pass for a faint ruling, so red ink
    in and around seal-sized pieces (as tall as wide, over 6 % of the page's side)
    becomes white, and so does a long red rule, unless red rules make a grid (`_red_grid`: a
    table ruled in red keeps its rules). Black text under the seal stays
    dark in every channel and survives. Other red ink (a figure or a heading
    printed in red) is ink: it keeps the darkness of its green and blue channels.
    """
    if image.ndim == 2:
        return image
    red, green, blue = image[:, :, 0], image[:, :, 1], image[:, :, 2]
    grey = np.ascontiguousarray(red)
    reddish = cv2.subtract(red, cv2.max(green, blue)) > RED_MARGIN
    if not reddish.any():
        return grey
    grey[reddish] = cv2.min(green, blue)[reddish]
    grid = _red_grid(reddish)  # a table ruled in red (a form printed in red, black text): its rules stay
    grey[_seals(reddish & ~grid)] = 255
    return grey


def _red_grid(reddish: np.ndarray) -> np.ndarray:
    """The red pixels on long straight rules that make a grid together (rules both ways, the grid
    taller and wider than a seal), with their ragged edges: a table ruled in red. A seal touching it
    is no part of it (its ring bends away from a straight run of a seal's size); a lone red rule
    (under a masthead) is none."""
    side = min(reddish.shape)
    run = max(15, round(SEAL_SIZE * side))
    ink = reddish.astype(np.uint8)
    across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (run, 1)))
    down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, run)))
    lines = cv2.bitwise_or(across, down)
    k = max(3, round(side / 150))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(lines, np.ones((k, k), np.uint8)), connectivity=8)
    big = 2 * SEAL_SIZE * side
    grid = np.zeros(n, dtype=bool)
    grid[1:] = (stats[1:, cv2.CC_STAT_WIDTH] >= big) & (stats[1:, cv2.CC_STAT_HEIGHT] >= big)
    rules = (grid[labels] & (lines > 0)).astype(np.uint8)
    return (cv2.dilate(rules, np.ones((5, 5), np.uint8)) > 0) & reddish  # with the edges the opening left


SEAL_SIZE = 0.06  # × the image's shorter side: red ink this tall and wide in one piece is a seal
RULE_ASPECT = 8  # red ink this much longer than thick (and long) is a rule under a masthead, not text


def _seals(reddish: np.ndarray) -> np.ndarray:
    """The red pixels of seal-sized pieces of red ink (ring, star and lettering joined), and of
    long red rules (under a red masthead: OCR would read them into the line above)."""
    side = min(reddish.shape)
    k = max(3, round(side / 150))
    joined = cv2.dilate(reddish.astype(np.uint8), np.ones((k, k), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    seal = np.zeros(n, dtype=bool)
    rule = np.zeros(n, dtype=bool)
    for i in range(1, n):
        w, h = int(stats[i, cv2.CC_STAT_WIDTH]), int(stats[i, cv2.CC_STAT_HEIGHT])
        seal[i] = min(w, h) >= SEAL_SIZE * side and 0.4 <= w / h <= 2.5
        rule[i] = max(w, h) >= 2 * SEAL_SIZE * side and max(w, h) >= RULE_ASPECT * min(w, h)
    boxes = [stats[i, :4] for i in range(1, n) if seal[i]]
    for i in range(1, n):  # pieces of a seal broken by the black ink over it: red near a seal
        x, y, w, h = (int(v) for v in stats[i, :4])
        seal[i] = seal[i] or any(
            x < bx + bw + side * SEAL_SIZE
            and bx - side * SEAL_SIZE < x + w
            and y < by + bh + side * SEAL_SIZE
            and by - side * SEAL_SIZE < y + h
            for bx, by, bw, bh in boxes
        )
    return (seal | rule)[labels] & reddish


SOLID = 0.6  # share of dark pixels in a region's box above which it is a filled band, not text
RULING_DARKER = 0.6  # inside a band, pixels this much darker than the fill are its rulings


def invert_dark_regions(grey: np.ndarray) -> np.ndarray:
    """Light text on a dark fill (a header band in white on blue) turned into dark text on light,
    the band's own dark rulings kept dark.

    Dark pixels opened by more than a stroke's width leave only filled areas (text and rulings
    vanish); closed again, they cover the light text inside the fill. Such an area that is
    large, wide and mostly dark in its own box is inverted inside that box.
    """
    h, w = grey.shape
    _, dark = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    k = max(5, round(min(h, w) / 250))
    solid = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    solid = cv2.morphologyEx(solid, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (3 * k, 3 * k)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    keep = [
        i
        for i in range(1, n)
        if stats[i][2] >= 0.1 * w
        and stats[i][3] >= 2 * k
        and stats[i][4] >= 0.003 * h * w
        and np.count_nonzero(dark[stats[i][1] : stats[i][1] + stats[i][3], stats[i][0] : stats[i][0] + stats[i][2]])
        >= SOLID * stats[i][2] * stats[i][3]
    ]
    if not keep:
        return grey
    # a band is a rectangle: its box and the text inside; the cells of one band, split by thin light
    # rulings, are joined into one box so that those rulings turn dark with it
    mask = np.zeros(grey.shape, dtype=bool)
    for x0, y0, x1, y1 in _join_boxes([tuple(int(v) for v in stats[i][:4]) for i in keep], gap=2 * k):
        if _light_text(grey[y0:y1, x0:x1]):
            mask[y0:y1, x0:x1] = True
    if not mask.any():
        return grey
    out = grey.copy()
    values = out[mask].astype(np.float32)
    fill = min(max(float(np.median(values)), 1.0), 254.0)
    # folded about the fill: the fill becomes paper, lighter text and darker rulings both become ink
    lighter = 255.0 - (values - fill) * (255.0 / (255.0 - fill))
    darker = np.minimum(values * (255.0 / (RULING_DARKER * fill)), 255.0)  # shading of the fill stays paper
    out[mask] = np.clip(np.where(values > fill, lighter, darker), 0, 255).astype(np.uint8)
    return out


def _light_text(band: np.ndarray) -> bool:
    """The band's text is lighter than its fill (white on blue), not darker: dark text on a grey
    shading (a photographed header row) is paper's business (`even_paper`), not to be inverted."""
    fill = float(np.median(band))
    lighter = np.count_nonzero(band > fill + 0.3 * (255.0 - fill))
    darker = np.count_nonzero(band < 0.7 * fill)
    return bool(lighter > darker)


def _join_boxes(boxes: list[tuple[int, ...]], gap: int) -> list[tuple[int, int, int, int]]:
    """(x, y, w, h) boxes → (x0, y0, x1, y1) boxes, those closer than `gap` merged into one."""
    out = [(x, y, x + w, y + h) for x, y, w, h in boxes]
    merged = True
    while merged:
        merged = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                a, b = out[i], out[j]
                if a[0] - gap <= b[2] and b[0] - gap <= a[2] and a[1] - gap <= b[3] and b[1] - gap <= a[3]:
                    out[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                    del out[j]
                    merged = True
                    break
            if merged:
                break
    return out


def even_paper(grey: np.ndarray) -> np.ndarray:
    """Divide by the paper's own brightness so a grey or uneven page becomes white."""
    small = cv2.resize(grey, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    background = cv2.medianBlur(cv2.dilate(small, np.ones((5, 5), np.uint8)), 21)
    background = cv2.resize(background, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(grey, np.maximum(background, 1), scale=255)


def _ink(grey: np.ndarray, width: int = 800) -> np.ndarray:
    scale = width / grey.shape[1]
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def _sharpness(ink: np.ndarray, angle: float) -> float:
    h, w = ink.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rotated = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    profile = rotated.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(profile)).sum())


def estimate_skew(grey: np.ndarray) -> float:
    """Degrees to rotate (counter-clockwise positive, as OpenCV) so that text rows are level."""
    ink = _ink(grey)
    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-6, 0.5), key=lambda a: _sharpness(ink, float(a)))
    fine = np.arange(best - 0.5, best + 0.5 + 1e-6, 0.1)
    return round(float(max(fine, key=lambda a: _sharpness(ink, float(a)))), 2)


def lines_run_vertically(grey: np.ndarray) -> bool:
    """True when the lines of text run up and down the image (a page turned by 90° or 270°).

    Ruling lines are taken out, the remaining ink is smeared just enough to
    join the characters of a line but not the lines of a paragraph, and the
    shapes of the blobs decide: text lines are long and flat.
    """
    ink = _ink(grey, width=1000)
    for kernel in ((60, 1), (1, 60)):
        lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        ink = cv2.subtract(ink, lines)
    smeared = cv2.dilate(ink, np.ones((5, 5), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(smeared, connectivity=8)
    wide = tall = 0
    for i in range(1, n):
        _, _, w, h, area = stats[i]
        if area < 60:
            continue
        if w >= 2.5 * h:
            wide += w
        elif h >= 2.5 * w:
            tall += h
    return tall > 1.5 * wide


@dataclass(frozen=True, slots=True)
class Paper:
    """A page image as grey paper, before any turn: the sheet flattened, dark bands inverted, the
    paper evened out; `to_photo` maps its pixels back to the original image."""

    grey: np.ndarray
    to_photo: np.ndarray


def paper(image: np.ndarray, grey: np.ndarray | None = None) -> Paper:
    """`grey`: the image's `to_grey`, when the caller has it already."""
    grey = to_grey(image) if grey is None else grey
    to_photo = np.eye(3)  # current image → original image
    corners = find_sheet(grey)
    if corners is not None:
        grey, to_photo = flatten(grey, corners)
    curled = unwarp(grey)
    if curled is not None:
        grey, back = curled
        to_photo = to_photo @ back
    # a page seen from below its middle (what flattening leaves, or a photo taken inside the sheet's
    # edges): its vertical rules lean apart, as many each way; a scan's lean one way, or stand
    # parallel, and are left to the deskew
    standing = upright_rules(grey, centred=curled is None)
    if standing is not None:
        grey, back = standing
        to_photo = to_photo @ back
    return Paper(even_paper(invert_dark_regions(grey)), to_photo)


def prepare(image: np.ndarray, quarter_turns: int = 0, deskew: bool = True, flat: Paper | None = None) -> Prepared:
    """`flat`: the image's `paper`, when it was made already (a page read again in another turn)."""
    flat = paper(image) if flat is None else flat
    grey, to_photo = flat.grey, flat.to_photo
    h0, w0 = grey.shape
    turned = np.ascontiguousarray(np.rot90(grey, quarter_turns % 4))
    to_photo = to_photo @ _quarter_turn_matrix(quarter_turns % 4, w0, h0)
    angle = estimate_skew(turned) if deskew else 0.0
    if abs(angle) < 0.05:
        return Prepared(turned, quarter_turns % 4, 0.0, to_photo)
    straight, rot = rotate_whole(turned, angle)
    back = np.vstack([cv2.invertAffineTransform(rot), [0, 0, 1]])  # straight → turned
    return Prepared(straight, quarter_turns % 4, angle, to_photo @ back)


def rotate_whole(grey: np.ndarray, angle: float) -> tuple[np.ndarray, np.ndarray]:
    """`grey` turned by `angle` degrees (counter-clockwise, as OpenCV) on white paper large enough to
    hold all of it, and the 2×3 matrix from its points to the turned image's."""
    h, w = grey.shape
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(rot[0, 0]), abs(rot[0, 1])
    nw, nh = int(h * sin + w * cos + 0.5), int(h * cos + w * sin + 0.5)
    rot[0, 2] += nw / 2 - w / 2
    rot[1, 2] += nh / 2 - h / 2
    return cv2.warpAffine(grey, rot, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=255), rot


def _quarter_turn_matrix(k: int, w0: int, h0: int) -> np.ndarray:
    """Homography from a point in np.rot90(image, k) back to the image (w0 × h0)."""
    if k == 0:
        return np.eye(3)
    if k == 1:  # rot90 ccw: new (x, y) = (y_orig, w0 - 1 - x_orig)
        return np.array([[0, -1.0, w0 - 1], [1.0, 0, 0], [0, 0, 1]])
    if k == 2:
        return np.array([[-1.0, 0, w0 - 1], [0, -1.0, h0 - 1], [0, 0, 1]])
    return np.array([[0, 1.0, 0], [-1.0, 0, h0 - 1], [0, 0, 1]])
