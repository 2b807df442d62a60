"""Where the ink of a recognised line lies, to place its characters when the engine gives no
character boxes.

A detector often takes two neighbouring table cells as one line (`1` in the 序号 column and
`城东社区便民服务站` beside it, `帮办代办` and `25`). Spreading the text evenly over the box
would put the first characters of the name in the 序号 cell. The line's ink, cut at gaps wider
than a character, gives the pieces the text was printed in; the text is shared out over them
in proportion to their widths.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

GAP = 0.8  # × line height: a blank this wide inside a line separates two pieces
RULING = 0.85  # a column of ink this tall in a line box is a vertical ruling, not a character
SPECK = 0.12  # × line height: a piece of ink narrower than this is no character


def ink_segments(image: np.ndarray, box: Sequence[Sequence[float]]) -> list[tuple[float, float]]:
    """The pieces (x0, x1) of ink in an upright line box of a grey image, in image coordinates."""
    b = np.asarray(box, dtype=float)
    x0, y0 = (int(v) for v in np.floor(b.min(axis=0)))
    x1, y1 = (int(v) for v in np.ceil(b.max(axis=0)))
    x0, y0 = max(x0, 0), max(y0, 0)
    crop = image[y0:y1, x0:x1]
    if crop.size == 0 or crop.shape[0] < 4 or crop.shape[1] < 4:
        return []
    if crop.ndim == 3:
        crop = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY)
    _, ink = cv2.threshold(crop, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    h = ink.shape[0]
    ink = ink[int(0.2 * h) : max(int(0.8 * h), int(0.2 * h) + 1)]  # the text's middle: not the next line, not a corner
    height = ink.sum(axis=0)
    columns = (height > 0) & (height < RULING * ink.shape[0])  # a ruling crossing the box is not text
    gap = max(2, int(GAP * crop.shape[0]))
    pieces: list[list[int]] = []
    blank = gap
    for x, on in enumerate(columns):
        if on:
            if blank >= gap or not pieces:
                pieces.append([x, x])
            pieces[-1][1] = x
            blank = 0
        else:
            blank += 1
    thin = SPECK * crop.shape[0]  # a sliver of a ruling or a speck caught in the padded box
    return [(float(x0 + a), float(x0 + b + 1)) for a, b in pieces if b + 1 - a >= thin]


def share_out(
    runs: Sequence[tuple[str, float]], pieces: Sequence[tuple[float, float]]
) -> list[tuple[str, float, float]]:
    """Runs of text (text, advance width) placed over the pieces of ink, in order: each run goes
    to the piece where its middle falls when the text is laid over the pieces end to end, then
    each piece's runs are spread over it."""
    total = sum(a for _, a in runs) or 1.0
    widths = [b - a for a, b in pieces]
    span = sum(widths) or 1.0
    ends, acc = [], 0.0
    for w in widths:
        acc += w / span
        ends.append(acc)
    groups: list[list[tuple[str, float]]] = [[] for _ in pieces]
    at = 0.0
    for text, advance in runs:
        middle = (at + advance / 2) / total
        k = next((i for i, e in enumerate(ends) if middle <= e + 1e-9), len(pieces) - 1)
        groups[k].append((text, advance))
        at += advance
    out: list[tuple[str, float, float]] = []
    for (x0, x1), group in zip(pieces, groups, strict=True):
        size = sum(a for _, a in group) or 1.0
        x = x0
        for text, advance in group:
            width = (x1 - x0) * advance / size
            out.append((text, x, x + width))
            x += width
    return out
