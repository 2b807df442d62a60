"""A page image → `Page`: the same words + rulings a digital page gives, from OCR and the image.

The page is turned upright (a quarter turn is kept when the OCR reads it
better, judged by the engine's own confidence), deskewed, read, and its
rulings found; everything is expressed in points of the upright page, and
`Page.transform` maps those points back onto the page as it was scanned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extractor.ingest.image_rulings import detect_rulings
from extractor.ingest.prepare import Prepared, lines_run_vertically, prepare, to_grey
from extractor.ingest.raster import PageImage
from extractor.ingest.rulings import merge
from extractor.ingest.words import Glyph, build_words
from extractor.model.page import Page, Ruling
from extractor.ocr.base import OcrEngine

GOOD_READING = 0.85  # mean confidence above which the first orientation tried is kept


@dataclass(frozen=True, slots=True)
class Reading:
    prepared: Prepared
    raw: dict[str, Any]
    glyphs: list[Glyph]

    @property
    def quality(self) -> float:
        """Mean confidence over characters, with the amount of text as a tie-breaker."""
        chars = sum(len(g.text) for g in self.glyphs)
        if not chars:
            return 0.0
        return sum(g.confidence * len(g.text) for g in self.glyphs) / chars


def read_scanned_page(image: PageImage, number: int, engine: OcrEngine) -> tuple[Page, Reading]:
    grey = to_grey(image.pixels)
    turns = (1, 3, 0, 2) if lines_run_vertically(grey) else (0, 2, 1, 3)
    reading = _read(image, turns[0], engine)
    for turn in turns[1:]:
        if reading.quality >= GOOD_READING:
            break
        other = _read(image, turn, engine)
        if other.quality > reading.quality:
            reading = other
    return _page(image, number, reading), reading


def _read(image: PageImage, quarter_turns: int, engine: OcrEngine) -> Reading:
    prepared = prepare(image.pixels, quarter_turns)
    raw = engine.recognize(prepared.image)
    return Reading(prepared, raw, engine.to_glyphs(raw))


def _page(image: PageImage, number: int, reading: Reading) -> Page:
    prepared = reading.prepared
    scale = 72.0 / image.dpi  # pixels → points
    glyphs = [
        Glyph(g.text, g.x0 * scale, g.top * scale, g.x1 * scale, g.bottom * scale, g.size * scale, g.bold, g.confidence)
        for g in reading.glyphs
    ]
    rulings = merge(
        Ruling(r.orient, r.pos * scale, r.start * scale, r.end * scale) for r in detect_rulings(prepared.image)
    )
    height, width = prepared.image.shape
    m = prepared.matrix  # prepared px → original px; in points the translation scales, the rotation does not
    transform = (
        float(m[0, 0]),
        float(m[0, 1]),
        float(m[0, 2]) * scale,
        float(m[1, 0]),
        float(m[1, 1]),
        float(m[1, 2]) * scale,
    )
    return Page(
        number=number,
        width=width * scale,
        height=height * scale,
        words=build_words(glyphs, rulings),
        rulings=rulings,
        kind="scanned",
        transform=transform,
    )
