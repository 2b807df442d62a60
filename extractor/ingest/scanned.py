"""A page image → `Page`: the same words + rulings a digital page gives, from OCR and the image.

The page is turned upright (a cheap look at the shape of its text lines picks
the first quarter turn to try; the OCR's own reading corrects it: text lines
found standing up mean a sideways page, low confidence an upside-down one),
deskewed, read, and its
rulings found; everything is expressed in points of the upright page, and
`Page.transform` maps those points back onto the page as it was scanned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from extractor.ingest.dashes import find_dashes
from extractor.ingest.image_rulings import detect_rulings
from extractor.ingest.prepare import Prepared, lines_run_vertically, prepare, to_grey
from extractor.ingest.raster import PageImage
from extractor.ingest.rulings import merge
from extractor.ingest.words import Glyph, build_words
from extractor.model.page import Page, Ruling
from extractor.ocr.base import OcrEngine

SURE_READING = 0.97  # mean confidence above which a page is taken as the right way up without checking
STRIP_LINES = 6  # text lines read both ways up to tell an upside-down page


@dataclass(frozen=True, slots=True)
class Reading:
    prepared: Prepared
    raw: dict[str, Any]
    glyphs: list[Glyph]

    @property
    def sideways(self) -> float:
        """Share of characters in text lines that stand taller than wide: near 0 on an upright page."""
        tall = total = 0
        for line in self.raw.get("lines", []):
            n = len(line.get("text", ""))
            if n < 2:
                continue
            box = np.asarray(line["box"], dtype=float)
            w, h = float(np.linalg.norm(box[1] - box[0])), float(np.linalg.norm(box[2] - box[1]))
            total += n
            tall += n if h > 1.5 * w else 0
        return tall / total if total else 0.0

    @property
    def quality(self) -> float:
        return mean_confidence(self.glyphs)


def mean_confidence(glyphs: list[Glyph]) -> float:
    """The engine's confidence averaged over characters (0 when nothing was read)."""
    chars = sum(len(g.text) for g in glyphs)
    return sum(g.confidence * len(g.text) for g in glyphs) / chars if chars else 0.0


def read_scanned_page(image: PageImage, number: int, engine: OcrEngine) -> tuple[Page, Reading]:
    first = 1 if lines_run_vertically(to_grey(image.pixels)) else 0
    reading = _read(image, first, engine)
    if reading.sideways > 0.5:
        # the engine found text lines standing up (it reads those too, so its confidence cannot tell):
        # read a strip of them laid flat both ways, then the page once more the right way
        strip = _strip(reading)
        if strip is not None:
            ccw = _strip_quality(np.ascontiguousarray(np.rot90(strip, 1)), engine)
            cw = _strip_quality(np.ascontiguousarray(np.rot90(strip, 3)), engine)
            reading = _read(image, (first + (1 if ccw >= cw else 3)) % 4, engine)
    elif reading.quality < SURE_READING:
        strip = _strip(reading)
        if (
            strip is not None
            and _strip_quality(strip[::-1, ::-1].copy(), engine) > _strip_quality(strip, engine) + 0.02
        ):
            reading = _read(image, (reading.prepared.quarter_turns + 2) % 4, engine)
    return _page(image, number, reading), reading


def _strip(reading: Reading) -> np.ndarray | None:
    """The page's longest text lines cut out and stacked: a cheap sample to read in other orientations.

    Lines lying flat are stacked top to bottom; lines standing up (a sideways page) are set side
    by side, so that one quarter turn of the strip lays them all flat.
    """
    lines = sorted(reading.raw.get("lines", []), key=lambda ln: -len(ln.get("text", "")))[:STRIP_LINES]
    crops = []
    for line in lines:
        box = np.asarray(line["box"], dtype=float)
        x0, y0 = np.floor(box.min(axis=0)).astype(int)
        x1, y1 = np.ceil(box.max(axis=0)).astype(int)
        crop = reading.prepared.image[max(y0, 0) : y1, max(x0, 0) : x1]
        if crop.size:
            crops.append(crop)
    if not crops:
        return None
    pad, standing = 10, reading.sideways > 0.5
    if standing:
        strip = np.full(
            (max(c.shape[0] for c in crops) + 2 * pad, sum(c.shape[1] + pad for c in crops) + pad), 255, np.uint8
        )
    else:
        strip = np.full(
            (sum(c.shape[0] + pad for c in crops) + pad, max(c.shape[1] for c in crops) + 2 * pad), 255, np.uint8
        )
    at = pad
    for c in crops:
        if standing:
            strip[pad : pad + c.shape[0], at : at + c.shape[1]] = c
            at += c.shape[1] + pad
        else:
            strip[at : at + c.shape[0], pad : pad + c.shape[1]] = c
            at += c.shape[0] + pad
    return strip


def _strip_quality(strip: np.ndarray, engine: OcrEngine) -> float:
    """How well the engine reads a strip (a model that reads a wrong-way-up line fairly well still reads it worse)."""
    return mean_confidence(engine.to_glyphs(engine.recognize(strip)))


def _read(image: PageImage, quarter_turns: int, engine: OcrEngine) -> Reading:
    prepared = prepare(image.pixels, quarter_turns)
    raw = engine.recognize(prepared.image)
    return Reading(prepared, raw, engine.to_glyphs(raw))


def _page(image: PageImage, number: int, reading: Reading) -> Page:
    prepared = reading.prepared
    scale = 72.0 / image.dpi  # pixels → points
    pixel_rulings = detect_rulings(prepared.image)
    found = drop_repeats(reading.glyphs) + find_dashes(prepared.image, reading.glyphs, pixel_rulings)
    glyphs = [
        Glyph(g.text, g.x0 * scale, g.top * scale, g.x1 * scale, g.bottom * scale, g.size * scale, g.bold, g.confidence)
        for g in found
    ]
    rulings = merge(Ruling(r.orient, r.pos * scale, r.start * scale, r.end * scale) for r in pixel_rulings)
    height, width = prepared.image.shape
    to_points = np.diag([scale, scale, 1.0])
    m = to_points @ prepared.matrix @ np.linalg.inv(to_points)  # prepared pt → original pt
    a, b, c, d, e, f, g, h, i = (float(v) for v in (m / m[2, 2]).ravel())
    transform = (a, b, c, d, e, f, g, h, i)
    return Page(
        number=number,
        width=width * scale,
        height=height * scale,
        words=build_words(glyphs, rulings),
        rulings=rulings,
        kind="scanned",
        transform=transform,
    )


SAME_PLACE = 0.4  # two glyphs of one character overlapping this much (intersection over union) are one


def drop_repeats(glyphs: list[Glyph]) -> list[Glyph]:
    """One character read twice by overlapping detections (`便民服务中心` and a stray `心心` box over its
    end) is kept once, the surer reading. Repeated characters side by side (`11`) do not overlap."""
    by_text: dict[str, list[int]] = {}
    for k, g in enumerate(glyphs):
        by_text.setdefault(g.text, []).append(k)
    dropped: set[int] = set()
    for ks in by_text.values():
        for i, a in enumerate(ks):
            for b in ks[i + 1 :]:
                if a in dropped or b in dropped:
                    continue
                if _iou(glyphs[a], glyphs[b]) >= SAME_PLACE:
                    dropped.add(b if glyphs[a].confidence >= glyphs[b].confidence else a)
    return [g for k, g in enumerate(glyphs) if k not in dropped]


def _iou(a: Glyph, b: Glyph) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    union = (a.x1 - a.x0) * (a.bottom - a.top) + (b.x1 - b.x0) * (b.bottom - b.top) - inter
    return inter / union if union > 0 else 0.0
