"""A text layer over a picture, checked against the picture's ink.

A scanned PDF often carries a text layer made by some OCR engine: invisible over the picture
(render mode 3), or set in ordinary text under it, or drawn over it. Such a layer may be right,
or far from it (`杭州份行`, `2016-lo-28`, text of another page). A page that a picture covers
is read by its text layer only where that layer says what the picture shows:

1. words of the layer are sampled over the page (spread in reading order, each of two
   characters or more);
2. the page as rendered (what a reader of the page sees) is cut at each word's box, the cuts
   stacked one under another on white paper, and the stack read by the OCR engine in one call;
3. each cut's reading is compared with the word the layer gives there (NFKC, no white space): the
   layer's word must be read there whole, a neighbour's character or two aside. The share of the
   sampled characters in words read so is the agreement: a layer from another engine differs by
   a character every few words (`20t4`, `1IO,221.68`), and that is enough to read the page again.

At `AGREE` or more the layer is read as a digital page's text; the picture still gives its
ruling lines. Below, the page is read from the picture, as any scan is. The rule looks at how
the layer matches the page's ink, never at what the text says.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from extractor.model.page import Ruling, Word

if TYPE_CHECKING:
    from extractor.ingest.raster import PageImage
    from extractor.ocr.base import OcrEngine

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points on the displayed page

COVERED = 0.8  # share of the page pictures cover: a scan (as triage counts it)
ON_PICTURE = 0.8  # share of the layer's words whose centre lies on a picture: a layer over the scan
SAMPLES = 24  # words read from the ink
LEAST_SAMPLES = 4  # fewer words to compare than this: the layer says too little to trust
AGREE = 0.9  # weighted similarity at or above which the layer says what the picture shows
CUT_HEIGHT = 40  # px: each cut is scaled to this height before it is read (the recogniser's own scale)
PAD = 0.2  # × word height, around each cut: the ink of the word, not its neighbours'
SPILL = 2  # characters a cut may catch of its neighbours


def over_picture(words: Sequence[Word], boxes: Sequence[Box]) -> bool:
    """Most of the words lie on a picture."""
    if not words or not boxes:
        return False
    on = sum(
        1
        for w in words
        if any(x0 <= w.cx <= x1 and top <= (w.top + w.bottom) / 2 <= bottom for x0, top, x1, bottom in boxes)
    )
    return on >= ON_PICTURE * len(words)


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def sample(words: Sequence[Word], n: int = SAMPLES) -> list[Word]:
    """Up to `n` words of two characters or more, spread evenly over the page in reading order."""
    usable = sorted(
        (w for w in words if len(_norm(w.text)) >= 2 and w.bottom - w.top >= 4.0), key=lambda w: (w.top, w.x0)
    )
    if len(usable) <= n:
        return usable
    step = len(usable) / n
    return [usable[int(i * step)] for i in range(n)]


def _cut(image: PageImage, w: Word) -> np.ndarray | None:
    """The page's ink at a word's box, grey, scaled to `CUT_HEIGHT`."""
    import cv2  # noqa: PLC0415 - the OCR path's library, loaded with it

    scale = image.pixels.shape[1] / image.width_pt
    pad = PAD * (w.bottom - w.top)
    y0, y1 = max(0, round((w.top - pad) * scale)), round((w.bottom + pad) * scale)
    x0, x1 = max(0, round((w.x0 - pad) * scale)), round((w.x1 + pad) * scale)
    crop = image.pixels[y0:y1, x0:x1]
    if crop.shape[0] < 6 or crop.shape[1] < 6:
        return None
    grey = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY)
    factor = CUT_HEIGHT / grey.shape[0]
    return cv2.resize(grey, (max(1, round(grey.shape[1] * factor)), CUT_HEIGHT), interpolation=cv2.INTER_AREA)


def agreement(words: Sequence[Word], image: PageImage, engine: OcrEngine) -> float | None:
    """How far the layer's words say what the rendered page shows there (0..1), or None when there
    are too few words to tell."""
    from extractor import timings  # noqa: PLC0415
    from extractor.ingest.scanned import stack  # noqa: PLC0415 - the OCR path, loaded with it

    cuts: list[tuple[str, np.ndarray]] = []
    for w in sample(words):
        if (c := _cut(image, w)) is not None:
            cuts.append((_norm(w.text), c))
    if len(cuts) < LEAST_SAMPLES:
        return None
    pad = 12
    sheet = stack([c for _, c in cuts], pad=pad)
    raw = engine.recognize(sheet)
    timings.engine_seconds(raw)
    read: list[list[tuple[float, str]]] = [[] for _ in cuts]
    bands = np.cumsum([pad + c.shape[0] for _, c in cuts])  # the bottom of each cut on the sheet
    for line in raw.get("lines", []):
        box = np.asarray(line["box"], dtype=float)
        i = int(np.searchsorted(bands, float(box[:, 1].mean())))
        if i < len(cuts):
            read[i].append((float(box[:, 0].min()), str(line.get("text", ""))))
    total = weight = 0.0
    for (said, _), found in zip(cuts, read, strict=True):
        if says(said, _norm("".join(t for _, t in sorted(found)))):
            total += len(said)
        weight += len(said)
    return total / weight if weight else None


def says(layer: str, ink: str) -> bool:
    """The ink reads as the layer's word: the same, or the same with a neighbour's character or two
    caught at either end of the cut (a layer's word box is seldom as wide as its ink)."""
    return layer in ink and len(ink) - len(layer) <= SPILL


def picture_rulings(image: PageImage) -> list[Ruling]:
    """The ruling lines of the rendered page, in points: a scan's table rules are ink, not paths."""
    import cv2  # noqa: PLC0415

    from extractor.ingest.image_rulings import detect_rulings  # noqa: PLC0415

    scale = 72.0 / image.dpi
    grey = cv2.cvtColor(image.pixels, cv2.COLOR_RGB2GRAY)
    return [Ruling(r.orient, r.pos * scale, r.start * scale, r.end * scale) for r in detect_rulings(grey)]
