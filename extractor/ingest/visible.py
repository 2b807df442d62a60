"""Only what the page shows: the characters of a text layer that a reader of the page would see.

Real PDFs carry text that is not on the page as it is shown, and a reader that takes the text
layer as it comes interleaves it with the cells (`042码032`, `上上海海市市`):

hidden      render mode 3 (invisible: the OCR layer over a scan) or 7 (added to the clip only); an
            invisible layer is kept apart (`invisible`): the pipeline may read a scan by it where it
            agrees with the picture's ink (`ingest/ink_check.py`)
cropped     outside the displayed page (the CropBox)
clipped     outside the clip path it is drawn under
covered     under an opaque filled rectangle drawn after it (template labels under a colour bar)
camouflaged in the colour of the fill it is drawn on (white on white)
watermark   set aside, never mixed into cells: text turned off the page's axes on a page whose
            text runs along them, or transparent or light text in glyphs far larger than the body's
doubled     a character drawn again at nearly the same place (fake bold, shadow) is one character

`shown` is pure: a reader gives each glyph's `Paint` (how its text object is drawn) and the
page's opaque `Fill`s, and gets back the glyphs the page shows and the watermark it set aside.
Every rule looks at how a character is drawn, never at what it says.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from extractor.ingest.words import Glyph

Box = tuple[float, float, float, float]  # x0, top, x1, bottom on the displayed page
Colour = tuple[float, float, float]  # 0..1

INVISIBLE_MODES = frozenset({3, 7})
OFF_AXIS_DEGREES = 3.0  # a baseline turned more than this from a multiple of 90° is off the page's axes
LARGE = 1.8  # × the body's median glyph size: a watermark's glyphs
FAINT_ALPHA = 0.7  # fill opacity below this is see-through
LIGHT = 0.75  # luma above this is light on a white page
SAME_COLOUR = 0.1  # largest channel difference between text and the fill under it that hides it
DOUBLE = 0.3  # × size: a same character whose box is this close is drawn again, not a second one
BUCKET = 48.0  # points: the grid the fills are indexed on


@dataclass(frozen=True, slots=True)
class Paint:
    """How a text object is drawn."""

    mode: int = 0  # text render mode
    colour: Colour | None = (0.0, 0.0, 0.0)  # fill colour
    alpha: float = 1.0  # fill opacity
    z: int = 0  # drawing order on the page
    clip: Box | None = None  # the clip path's box, when it clips
    angle: float = 0.0  # baseline direction, degrees


@dataclass(frozen=True, slots=True)
class Fill:
    """An opaque filled rectangle."""

    box: Box
    z: int
    colour: Colour | None


@dataclass(slots=True)
class Shown:
    glyphs: list[Glyph]
    watermark: list[Glyph]
    dropped: int  # hidden, cropped, clipped, covered, camouflaged or doubled
    invisible: list[Glyph] = field(default_factory=list)  # render mode 3 on the shown page: an OCR layer


class _Fills:
    """Opaque rectangles on a coarse grid, for 'what is drawn under / over this point'."""

    def __init__(self, fills: Sequence[Fill]) -> None:
        self._cells: dict[tuple[int, int], list[Fill]] = defaultdict(list)
        for f in fills:
            x0, top, x1, bottom = f.box
            for i in range(int(x0 // BUCKET), int(x1 // BUCKET) + 1):
                for j in range(int(top // BUCKET), int(bottom // BUCKET) + 1):
                    self._cells[(i, j)].append(f)

    def at(self, x: float, y: float) -> list[Fill]:
        return self._cells.get((int(x // BUCKET), int(y // BUCKET)), [])


def _inside(box: Box, outer: Box, slack: float = 0.5) -> bool:
    return (
        outer[0] - slack <= box[0]
        and box[2] <= outer[2] + slack
        and outer[1] - slack <= box[1]
        and box[3] <= outer[3] + slack
    )


def _luma(c: Colour) -> float:
    return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]


def _off_axis(angle: float) -> bool:
    a = angle % 90.0
    return min(a, 90.0 - a) > OFF_AXIS_DEGREES


def _core(g: Glyph) -> Box:
    """The middle of a glyph's em box: what must be covered for the glyph to be hidden."""
    dx, dy = (g.x1 - g.x0) * 0.25, (g.bottom - g.top) * 0.25
    return (g.x0 + dx, g.top + dy, g.x1 - dx, g.bottom - dy)


def _placed(g: Glyph, p: Paint, page: Box | None) -> bool:
    """Inside the displayed page and the clip path it is drawn under."""
    cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
    if page is not None and not _inside((cx, cy, cx, cy), page, slack=0.0):
        return False
    return p.clip is None or _inside((cx, cy, cx, cy), p.clip, slack=1.0)


def _ground(g: Glyph, p: Paint, page: Box | None, fills: _Fills) -> Colour | None:
    """The colour the glyph is drawn on (white where no fill is under it), or None when the page
    does not show it at all."""
    if p.mode in INVISIBLE_MODES or not _placed(g, p, page):
        return None
    cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
    under: Fill | None = None
    core = _core(g)
    for f in fills.at(cx, cy):
        if f.z > p.z:
            if _inside(core, f.box):
                return None
        elif _inside((cx, cy, cx, cy), f.box) and (under is None or f.z > under.z):
            under = f
    ground = under.colour if under is not None and under.colour is not None else (1.0, 1.0, 1.0)
    filled = p.mode in (0, 2, 4, 6)  # stroked only: its outline shows on any fill
    if filled and p.colour is not None and max(abs(a - b) for a, b in zip(p.colour, ground, strict=True)) < SAME_COLOUR:
        return None
    return ground


def _watermark(g: Glyph, p: Paint, ground: Colour, body_size: float, page_upright: bool) -> bool:
    if page_upright and _off_axis(p.angle):
        return True
    if body_size and g.size >= LARGE * body_size:
        pale = p.colour is not None and abs(_luma(p.colour) - _luma(ground)) < 1.0 - LIGHT
        return p.alpha < FAINT_ALPHA or pale
    return False


def _undouble(glyphs: list[Glyph]) -> list[Glyph]:
    """A character drawn again at nearly the same place is kept once (the first drawing): moved less
    than half its own width along the line (the next of two same letters, `tt`, is a whole width on)
    and little across it."""
    seen: dict[tuple[str, int, int], list[Glyph]] = defaultdict(list)
    out: list[Glyph] = []
    for g in glyphs:
        size = max(g.size, 1.0)
        step = DOUBLE * size
        along = 0.5 * max(g.x1 - g.x0, 0.1)
        i, j = int(g.x0 // size), int(g.top // step)  # a twin is within one bucket either way
        near = (h for di in (-1, 0, 1) for dj in (-1, 0, 1) for h in seen.get((g.text, i + di, j + dj), ()))
        if any(abs(h.x0 - g.x0) < along and abs(h.top - g.top) <= step and abs(h.size - g.size) <= step for h in near):
            continue
        seen[(g.text, i, j)].append(g)
        out.append(g)
    return out


def shown(glyphs: Sequence[Glyph], paints: Sequence[Paint], fills: Sequence[Fill], page: Box | None) -> Shown:
    """The glyphs the page shows, the watermark set aside, and how many were left out. `page`: the
    displayed page where a CropBox cuts the MediaBox (text outside it is not shown), else None."""
    index = _Fills(fills)
    visible: list[tuple[Glyph, Paint, Colour]] = []
    invisible: list[Glyph] = []
    for g, p in zip(glyphs, paints, strict=True):  # spaces too: a watermark's space is as tall as its glyphs
        if (ground := _ground(g, p, page, index)) is not None:
            visible.append((g, p, ground))
        elif p.mode == 3 and _placed(g, p, page):
            invisible.append(g)
    printed = [(g, p) for g, p, _ in visible if g.text.strip()]
    upright = sum(1 for _, p in printed if not _off_axis(p.angle)) * 2 > len(printed)
    sizes = [g.size for g, p in printed if not _off_axis(p.angle) and g.size > 0]
    body = statistics.median(sizes) if sizes else 0.0
    kept: list[Glyph] = []
    watermark: list[Glyph] = []
    for g, p, ground in visible:
        if _watermark(g, p, ground, body, upright):
            watermark.append(g)
        else:
            kept.append(g)
    single = _undouble(kept)
    dropped = len(glyphs) - len(single) - len(watermark)
    return Shown(glyphs=single, watermark=watermark, dropped=dropped, invisible=_undouble(invisible))


def angle_of(a: float, b: float) -> float:
    """The baseline's direction in degrees from a character matrix's first row (a, b)."""
    return math.degrees(math.atan2(b, a))
