"""A page image → `Page`: the same words + rulings a digital page gives, from OCR and the image.

The page is turned upright (a cheap look at the shape of its text lines picks
the first quarter turn to try; when the reading is not sure, or finds text
lines standing up, samples of the text are read in all four turns and the best
reading decides),
deskewed, read, and its
rulings found; everything is expressed in points of the upright page, and
`Page.transform` maps those points back onto the page as it was scanned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from extractor import timings
from extractor.errors import OcrFailed
from extractor.ingest.image_rulings import detect_rulings
from extractor.ingest.marks import with_marks
from extractor.ingest.prepare import Paper, Prepared, lines_run_vertically, paper, prepare, to_grey
from extractor.ingest.raster import PageImage
from extractor.ingest.rulings import merge
from extractor.ingest.speckle import STRENGTHS, despeckle, missed_text
from extractor.ingest.watermark import watermark_slant, whiten_watermark
from extractor.ingest.words import Glyph, build_words
from extractor.model.page import Page, Ruling
from extractor.ocr.base import OcrEngine

SURE_READING = 0.97  # mean confidence above which a page is taken as the right way up without checking


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


def _characters(reading: Reading) -> float:
    return sum(g.confidence * len(g.text) for g in reading.glyphs)


def mean_confidence(glyphs: list[Glyph]) -> float:
    """The engine's confidence averaged over characters (0 when nothing was read)."""
    chars = sum(len(g.text) for g in glyphs)
    return sum(g.confidence * len(g.text) for g in glyphs) / chars if chars else 0.0


def read_scanned_page(image: PageImage, number: int, engine: OcrEngine, cut: bool = False) -> tuple[Page, Reading]:
    """`cut`: the image is a picture cut from a digital page (`ingest/pictures.py`), small beside a
    page: its lines must outreach the largest glyph at its resolution, not a share of its size."""
    grey = to_grey(image.pixels)
    first = 1 if lines_run_vertically(grey) else 0
    flat = paper(image.pixels, grey)  # made once for every turn the page is read in
    reading = _read(flat, first, engine)
    if reading.quality < SURE_READING or reading.sideways > SIDEWAYS_DOUBT:
        # line shapes are only a first guess (a sparse table of short names and numbers fools them):
        # the engine reads samples of the page's text in every turn, and the best reading decides
        turn = _best_turn(reading, engine)
        if turn:
            reading = _read(flat, (reading.prepared.quarter_turns + turn) % 4, engine)
    turns = reading.prepared.quarter_turns
    # specks hid the text: read the page cleaned (a whole page only: a picture cut from a digital page,
    # a photo or a chart, reads little for want of text, and is not scanned paper)
    if not cut and missed_text(flat.grey, len(reading.glyphs)):
        # heavier noise needs a stronger cleaning, which also thins strokes: each strength is read, lighter
        # first, and the first that reads no more than the one before ends the search
        grey, best = flat.grey, TURN_MARGIN * _characters(reading)  # the cleaned page must beat the noisy one
        for passes in STRENGTHS:
            clean = Paper(despeckle(grey, passes), flat.to_photo)
            again = _read(clean, turns, engine)
            if _characters(again) <= best:
                break
            flat, reading, best = clean, again, _characters(again)
    angle = watermark_slant(reading.raw.get("lines", [])) if turns == 0 else None
    if angle is not None:  # a watermark across the page: its copies whitened, the page read again
        flat = Paper(whiten_watermark(flat.grey, angle, engine), flat.to_photo)
        reading = _read(flat, turns, engine)
    return _page(image, number, reading, cut), reading


SIDEWAYS_DOUBT = 0.2  # share of characters in standing lines above which a page may be lying on its side
SAMPLES = 10  # text boxes read in each turn to decide a page's orientation
TURN_MARGIN = 1.05  # another turn must read this much better than the current one


def _best_turn(reading: Reading, engine: OcrEngine) -> int:
    """Quarter turns (counter-clockwise) that set the page upright, judged by recognition.

    The largest text boxes found are cut out, each turned by 0, 1, 2 and 3 quarters and read
    as a stack of lines: characters read and how surely, summed, tell the turn that reads
    best. Boxes of one character (a sideways table of short names) count as much as lines.
    """
    crops = _sample_crops(reading)
    if not crops:
        return 0
    scores = [_read_score(stack([np.ascontiguousarray(np.rot90(c, k)) for c in crops]), engine) for k in range(4)]
    best = max(range(4), key=lambda k: scores[k])
    return best if scores[best] > TURN_MARGIN * scores[0] else 0


def _sample_crops(reading: Reading) -> list[np.ndarray]:
    lines = sorted(reading.raw.get("lines", []), key=lambda ln: -_box_area(ln["box"]))[:SAMPLES]
    crops = []
    for line in lines:
        box = np.asarray(line["box"], dtype=float)
        x0, y0 = np.floor(box.min(axis=0)).astype(int)
        x1, y1 = np.ceil(box.max(axis=0)).astype(int)
        crop = reading.prepared.image[max(y0, 0) : y1, max(x0, 0) : x1]
        if crop.size and min(crop.shape) >= 8:
            crops.append(crop)
    return crops


def _box_area(box: list[list[float]]) -> float:
    b = np.asarray(box, dtype=float)
    return float(np.ptp(b[:, 0]) * np.ptp(b[:, 1]))


def stack(crops: list[np.ndarray], pad: int = 12) -> np.ndarray:
    """Crops one under the other on white paper (never narrower than an eighth of its height:
    the detector cannot scale a sliver)."""
    height = sum(c.shape[0] + pad for c in crops) + pad
    width = max(max(c.shape[1] for c in crops) + 2 * pad, height // 8)
    out = np.full((height, width), 255, np.uint8)
    at = pad
    for c in crops:
        out[at : at + c.shape[0], pad : pad + c.shape[1]] = c
        at += c.shape[0] + pad
    return out


def _read_score(image: np.ndarray, engine: OcrEngine) -> float:
    """Characters read, weighted by confidence, in lines lying flat: the engine turns a standing
    line before reading it, so a line read standing up says nothing about this turn."""
    score = 0.0
    try:
        raw = engine.recognize(image)
        timings.engine_seconds(raw)
        lines = raw.get("lines", [])
    except OcrFailed:  # a sample the engine cannot read tells nothing about the turn
        return 0.0
    for line in lines:
        box = np.asarray(line["box"], dtype=float)
        w, h = float(np.linalg.norm(box[1] - box[0])), float(np.linalg.norm(box[2] - box[1]))
        if w >= 0.8 * h:
            score += float(line.get("score", 0.0)) * len(str(line.get("text", "")).replace(" ", ""))
    return score


def _read(flat: Paper, quarter_turns: int, engine: OcrEngine) -> Reading:
    prepared = prepare(flat.grey, quarter_turns, flat=flat)
    raw = engine.recognize(prepared.image)
    timings.engine_seconds(raw)
    return Reading(prepared, raw, engine.to_glyphs(raw))


def _page(image: PageImage, number: int, reading: Reading, cut: bool = False) -> Page:
    prepared = reading.prepared
    scale = 72.0 / image.dpi  # pixels → points
    pixel_rulings = detect_rulings(prepared.image, image.dpi if cut else 0.0, reading.glyphs)
    found = with_marks(prepared.image, drop_repeats(reading.glyphs), pixel_rulings)
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
