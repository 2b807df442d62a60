"""The page representation every stage after ingest reads.

Digital pages (PDF text layer + vector graphics) and, later, scanned pages
(OCR words + ruling lines found in the image) both become a `Page`: words with
boxes, ruling lines, and the page size. Coordinates are PDF points with the
origin at the top-left corner (y grows downwards), as in pdfplumber.

These are plain named tuples and dataclasses rather than pydantic models: a page
holds thousands of words and validation would cost more than the rest of the
pipeline, and they never leave the process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from extractor.textutil import join_words

Orientation = Literal["h", "v"]


class Word(NamedTuple):
    """A run of glyphs on one line that no gap or ruling line separates (a named tuple, like
    `Glyph`: made by the thousand on every page)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0  # font size in points; 0 when unknown (OCR)
    bold: bool = False
    confidence: float = 1.0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class Ruling:
    """A horizontal or vertical ruling line: at `pos` (y for h, x for v), from `start` to `end`."""

    orient: Orientation
    pos: float
    start: float
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        if self.orient == "h":
            return (self.start, self.pos, self.end, self.pos)
        return (self.pos, self.start, self.pos, self.end)


@dataclass(frozen=True, slots=True)
class TextLine:
    """Words that share a baseline, left to right. Its box, size and text are worked out once,
    when it is made: the layout, table and narrative stages ask for them many times."""

    words: tuple[Word, ...]
    x0: float = field(init=False)
    x1: float = field(init=False)
    top: float = field(init=False)
    bottom: float = field(init=False)
    size: float = field(init=False)
    text: str = field(init=False)

    def __post_init__(self) -> None:
        words = self.words
        set_ = object.__setattr__
        set_(self, "x0", min(w.x0 for w in words))
        set_(self, "x1", max(w.x1 for w in words))
        set_(self, "top", min(w.top for w in words))
        set_(self, "bottom", max(w.bottom for w in words))
        sizes = [w.size for w in words if w.size]
        set_(self, "size", max(sizes) if sizes else self.bottom - self.top)
        set_(self, "text", join_words([w.text for w in words]))


# a 3×3 homography, row by row: x' = (a·x + b·y + c) / w, y' = (d·x + e·y + f) / w, w = g·x + h·y + i
Homography = tuple[float, float, float, float, float, float, float, float, float]


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    rulings: list[Ruling] = field(default_factory=list)
    kind: Literal["digital", "scanned"] = "digital"
    transform: Homography | None = None  # this page's points → the source page's points (a scan made upright)

    def to_source(self, x: float, y: float) -> tuple[float, float]:
        """A point on this page as a point on the page as it was scanned (identity for digital pages)."""
        if self.transform is None:
            return (x, y)
        a, b, c, d, e, f, g, h, i = self.transform
        w = g * x + h * y + i
        return ((a * x + b * y + c) / w, (d * x + e * y + f) / w)

    def source_bbox(self, bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """A box on this page as a box on the page as it was scanned (identity for digital pages)."""
        x0, y0, x1, y1 = bbox
        points = [self.to_source(x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return (round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2))
