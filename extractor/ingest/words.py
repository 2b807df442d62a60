"""Glyphs → words: runs of glyphs on one line that no gap, space or ruling line separates.

A word never crosses a vertical ruling line, so text in two neighbouring
table cells can never fuse even when the cells are tight.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import NamedTuple, Protocol, TypeVar

from extractor.model.page import Ruling, Word

GAP_FACTOR = 0.3  # a gap wider than this × font size starts a new word


class Glyph(NamedTuple):
    """One character (or an OCR word) with its box, from a text layer or from OCR. A named
    tuple: a page holds tens of thousands, and a tuple is made three times faster than a
    frozen dataclass."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool = False
    confidence: float = 1.0


class _VerticalIndex:
    """Vertical rulings sorted by x, for 'is there a ruling between x_a and x_b at y'."""

    def __init__(self, rulings: Iterable[Ruling]) -> None:
        self._rulings = sorted((r for r in rulings if r.orient == "v"), key=lambda r: r.pos)
        self._xs = [r.pos for r in self._rulings]

    def crossing(self, x_a: float, x_b: float, top: float, bottom: float) -> list[float]:
        """Where rulings run down strictly between x_a and x_b, from above `top` to below `bottom`
        and a line's height further each way (a stroke of a character found as a ruling runs no
        further than its line)."""
        lo, hi = bisect.bisect_right(self._xs, x_a), bisect.bisect_left(self._xs, x_b)
        reach = bottom - top
        return [r.pos for r in self._rulings[lo:hi] if r.start <= top - reach and r.end >= bottom + reach]

    def separates(self, x_a: float, x_b: float, y: float) -> bool:
        i = bisect.bisect_left(self._xs, x_a - 1.0)
        while i < len(self._xs) and self._xs[i] <= x_b + 1.0:
            r = self._rulings[i]
            if r.start - 1.0 <= y <= r.end + 1.0:
                return True
            i += 1
        return False


class Boxed(Protocol):
    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def bottom(self) -> float: ...


B = TypeVar("B", bound=Boxed)


TALL = 1.6  # × the median box height: a box taller than this spans several lines


def group_lines(items: Iterable[B]) -> list[list[B]]:
    """Boxes (glyphs or words) grouped into lines, top to bottom, each line left to right.

    A box joins the current line while its vertical centre is above the
    bottom of the line's first box. A box several lines tall and narrow (OCR
    reading a label wrapped in a narrow cell as one block) reaches only as far
    down as a line of the usual height would: it must not pull the lines beside
    it into one. A glyph of a large font is as wide as it is tall and keeps its
    height.
    """
    boxes = sorted(items, key=lambda g: (g.top, g.x0))
    heights = sorted(g.bottom - g.top for g in boxes)
    reach = TALL * heights[len(heights) // 2] if heights else 0.0
    lines: list[list[B]] = []
    line_bottom = float("-inf")
    for g in boxes:
        cy = (g.top + g.bottom) / 2
        if lines and cy < line_bottom:
            lines[-1].append(g)
        else:
            lines.append([g])
            stacked = g.bottom - g.top > max(reach, TALL * (g.x1 - g.x0))  # taller than wide, and than a line
            line_bottom = g.top + reach if stacked else g.bottom
    out = [part for line in lines for part in _unstack(line)]
    for line in out:
        line.sort(key=lambda g: g.x0)
    return out


def _unstack(line: list[B]) -> list[list[B]]:
    """A line that is two lines one above the other, read as one (`学校01代1码00名1称`: a box that
    reaches down into the next line, a watermark's glyph, pulled it up): where the boxes of the usual
    height fall into an upper and a lower band that do not overlap and whose extents cross left to
    right, they are two lines; a taller box joins the band nearer its middle."""
    if len(line) < 4:
        return [line]
    heights = sorted(g.bottom - g.top for g in line)
    usual = TALL * heights[len(heights) // 2]
    boxes = sorted((g for g in line if g.bottom - g.top <= usual), key=lambda g: g.top)
    reach = float("-inf")
    for k in range(1, len(boxes)):
        reach = max(reach, boxes[k - 1].bottom)
        if reach > boxes[k].top or not 2 <= k <= len(boxes) - 2:
            continue
        upper, lower = boxes[:k], boxes[k:]
        if min(g.x0 for g in lower) >= max(g.x1 for g in upper) or min(g.x0 for g in upper) >= max(g.x1 for g in lower):
            continue  # side by side, not interleaved: one line of boxes at two heights
        mid_up = sum(g.top + g.bottom for g in upper) / (2 * len(upper))
        mid_low = sum(g.top + g.bottom for g in lower) / (2 * len(lower))
        for g in line:
            if g.bottom - g.top > usual:
                cy = (g.top + g.bottom) / 2
                (upper if abs(cy - mid_up) <= abs(cy - mid_low) else lower).append(g)
        return [upper, *_unstack(lower)]
    return [line]


def build_words(glyphs: Sequence[Glyph], rulings: Sequence[Ruling]) -> list[Word]:
    index = _VerticalIndex(rulings)
    words: list[Word] = []
    for line in group_lines([part for g in glyphs for part in _cut_at_rulings(g, index)]):
        run: list[Glyph] = []
        for g in line:
            if not g.text.strip():
                _flush(run, words)
                run = []
                continue
            if run:
                prev = run[-1]
                size = max(prev.size, g.size, 1.0)
                gap = g.x0 - prev.x1
                mid_a, mid_b = (prev.x0 + prev.x1) / 2, (g.x0 + g.x1) / 2  # OCR boxes may reach over a ruling
                if gap > GAP_FACTOR * size or index.separates(mid_a, mid_b, (g.top + g.bottom) / 2):
                    _flush(run, words)
                    run = []
            run.append(g)
        _flush(run, words)
    return words


def _cut_at_rulings(g: Glyph, index: _VerticalIndex) -> list[Glyph]:
    """An OCR run of several characters (`10.00109/L14`, read as one run of Latin and digits) that a
    vertical ruling runs through is cut there: text never crosses a drawn rule, and the run's two
    sides belong to two cells (a lab report's left panel ends in its unit, the right one starts with
    its item number). The cut falls where the text breaks, a letter against a figure, within a
    character and a half of where the ruling crosses (characters taken as equally wide: a run's
    placement is a guess)."""
    n = len(g.text)
    if n < 2 or g.x1 - g.x0 <= 0:
        return [g]
    half = 0.5 * (g.x1 - g.x0) / n  # a rule at the run's edge (its box drawn to the rule) cuts nothing
    for pos in index.crossing(g.x0 + half, g.x1 - half, g.top, g.bottom):
        k = _break_near(g.text, (pos - g.x0) / (g.x1 - g.x0) * n)
        if k is not None:
            head = g._replace(text=g.text[:k], x1=pos)
            tail = g._replace(text=g.text[k:], x0=pos)
            return [head, *_cut_at_rulings(tail, index)]
    return [g]


def _break_near(text: str, at: float) -> int | None:
    """The boundary in `text` to cut at, `at` characters in: the nearest within a character and a
    half where a letter meets a figure (`/L|14`), or none. A rule drawn through one word (a curled
    photo's bent rule, set straight, crossing `2024.09.24`) cuts nothing."""
    candidates = [k for k in range(1, len(text)) if abs(k - at) <= 1.5 and _letter_meets_figure(text[k - 1], text[k])]
    return min(candidates, key=lambda k: abs(k - at)) if candidates else None


def _letter_meets_figure(a: str, b: str) -> bool:
    return (a.isalpha() and b.isdigit()) or (a.isdigit() and b.isalpha())


def _flush(run: list[Glyph], words: list[Word]) -> None:
    if not run:
        return
    words.append(
        Word(
            text="".join(g.text for g in run),
            x0=min(g.x0 for g in run),
            top=min(g.top for g in run),
            x1=max(g.x1 for g in run),
            bottom=max(g.bottom for g in run),
            size=max(g.size for g in run),
            bold=sum(g.bold for g in run) * 2 > len(run),
            confidence=min(g.confidence for g in run),
        )
    )
