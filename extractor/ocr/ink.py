"""Where the ink of a recognised line lies, to place its characters when the engine gives no
character boxes.

A narrower blank (`NARROW`, wider than a word space) separates two pieces too, but only where the
text itself breaks there, beside the line's first or last run: a space the recogniser read, or
figures beside other characters (`11 碱性磷酸酶`, `19,895,026.67  457103`: a cell of a borderless
table read with its neighbour, their gap narrower than `GAP`). Inside a line of prose (a merged
cell's paragraph) nothing is cut. A blank inside a run of words without a break (`本月（件）`, the white a full-width
bracket carries) keeps its place in the piece.

A detector often takes two neighbouring table cells as one line (`1` in the 序号 column and
`城东社区便民服务站` beside it, `帮办代办` and `25`). Spreading the text evenly over the box
would put the first characters of the name in the 序号 cell. The line's ink, cut at gaps wider
than a character, gives the pieces the text was printed in; the text is shared out over them
in proportion to their widths.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import pairwise

import cv2
import numpy as np

from extractor.textutil import FLAGS, is_cjk

GAP = 0.8  # × line height: a blank this wide inside a line separates two pieces
NARROW = 0.45  # × line height: a blank this wide separates two pieces where the text breaks too
FLAG_GAP = 0.2  # × line height: the blank after a flag (`↓ g/L`), narrower than between words
NEAR = 0.75  # × line height: how far from where the text breaks a narrow blank may lie
RULING = 0.85  # a column of ink this tall in a line box is a vertical ruling, not a character
SPECK = 0.12  # × line height: a piece of ink narrower than this is no character


def ink_segments(image: np.ndarray, box: Sequence[Sequence[float]], blank: float = GAP) -> list[tuple[float, float]]:
    """The pieces (x0, x1) of ink in an upright line box of a grey image, in image coordinates,
    apart where a blank `blank` × the box's height wide lies between them."""
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
    gap = max(2, int(blank * crop.shape[0]))
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


_FIGURES = re.compile(r"[A-Za-z0-9.,%+\-/:]+")


def narrow_blanks(image: np.ndarray, box: Sequence[Sequence[float]]) -> list[tuple[float, float]]:
    """The blanks (x0, x1) at least `FLAG_GAP` × the box's height wide between pieces of ink."""
    fine = ink_segments(image, box, FLAG_GAP)
    return [(a[1], b[0]) for a, b in pairwise(fine)]


def place_runs(
    runs: Sequence[str], pieces: Sequence[tuple[float, float]], blanks: Sequence[tuple[float, float]], height: float
) -> list[tuple[str, float, float]]:
    """Runs of a line's text (white space included) placed over its ink: `share_out` over the
    pieces, after cutting them at each narrow blank lying where the text breaks."""
    kept = [(i, r) for i, r in enumerate(runs) if not r.isspace()]
    texts = [r for _, r in kept]
    placed = share_out([(r, _em(r)) for r in texts], pieces)
    if not blanks or len(texts) < 2:
        return placed
    cuts: list[tuple[int, tuple[float, float]]] = []  # (index of the first run after the cut, blank)
    for k in (1, len(kept) - 1):  # beside the line's first or last run: a cell read with its neighbour
        (i, before), (j, after) = kept[k - 1], kept[k]
        spaced = j > i + 1
        if not (spaced or _figures_beside_letter(before, after) or FLAGS & {before, after}):
            continue
        x = (placed[k - 1][2] + placed[k][1]) / 2
        least = (FLAG_GAP if FLAGS & {before, after} else NARROW) * height
        wide = [b for b in blanks if b[1] - b[0] >= least]
        if not wide:
            continue
        blank = min(wide, key=lambda b: abs((b[0] + b[1]) / 2 - x))
        if abs((blank[0] + blank[1]) / 2 - x) > NEAR * height or (cuts and blank[0] <= cuts[-1][1][1] + 1e-6):
            continue
        cuts.append((k, blank))
    if not cuts:
        return placed
    out: list[tuple[str, float, float]] = []
    start, left = 0, pieces[0][0]
    for k, (b0, b1) in [*cuts, (len(texts), (pieces[-1][1], pieces[-1][1]))]:
        inside = [(max(a, left), min(b, b0)) for a, b in pieces if b > left and a < b0]
        out += share_out([(r, _em(r)) for r in texts[start:k]], inside or [(left, b0)])
        start, left = k, b1
    return out


def _figures_beside_letter(before: str, after: str) -> bool:
    """Figures against a Chinese letter (`11`|`碱`, `常`|`57`), not against punctuation (`1`|`、`)."""
    if _FIGURES.fullmatch(before) and not _FIGURES.fullmatch(after):
        return is_cjk(after[0]) and unicodedata.category(after[0]).startswith("L")
    if _FIGURES.fullmatch(after) and not _FIGURES.fullmatch(before):
        return is_cjk(before[-1]) and unicodedata.category(before[-1]).startswith("L")
    return False


def _em(run: str) -> float:
    """A run's usual width in ems: Chinese characters 1, Latin letters and figures about 0.55."""
    return sum(1.0 if is_cjk(ch) else 0.55 for ch in run)
