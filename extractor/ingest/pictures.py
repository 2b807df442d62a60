"""Pictures inside digital pages: a table or text pasted as an image is read in place.

A digital page keeps its text layer, but a table pasted into it as a picture (a screenshot
of a spreadsheet, a scanned attachment) has no text there. Each picture large enough to hold
a few lines of text, and not already covered by the page's own text (a letterhead or a
coloured background under real text), is cut from the page rendered for OCR and read like a
scanned page (`ingest/scanned.py`: turned upright, words and ruling lines found). Its words
and rulings are put back where the picture sits, in the page's points, so the page meets
the table builder as one page representation: text layer and pictures alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractor.model.page import Page, Ruling, Word

if TYPE_CHECKING:
    from extractor.ingest.raster import PageImage
    from extractor.ocr.base import OcrEngine

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points on the displayed page

MIN_SIDE = 48.0  # pt: a picture narrower or lower than this holds no table (logos, icons, seals)
MIN_AREA = 0.02  # share of the page: smaller pictures are decoration
TEXT_COVER = 0.05  # share of a picture's area under the page's own words: a background, not a picture of text


@dataclass(frozen=True, slots=True)
class Picture:
    box: Box


def pictures_to_read(boxes: Sequence[Box], words: Sequence[Word], width: float, height: float) -> list[Picture]:
    """The page's pictures that may hold text of their own, clipped to the page."""
    out: list[Picture] = []
    for x0, top, x1, bottom in boxes:
        x0, top, x1, bottom = max(0.0, x0), max(0.0, top), min(width, x1), min(height, bottom)
        w, h = x1 - x0, bottom - top
        if w < MIN_SIDE or h < MIN_SIDE or w * h < MIN_AREA * width * height:
            continue
        covered = sum(
            (min(x1, wd.x1) - max(x0, wd.x0)) * (min(bottom, wd.bottom) - max(top, wd.top))
            for wd in words
            if wd.x1 > x0 and wd.x0 < x1 and wd.bottom > top and wd.top < bottom
        )
        if covered > TEXT_COVER * w * h:
            continue
        if any(_inside((x0, top, x1, bottom), p.box) for p in out):
            continue
        out = [p for p in out if not _inside(p.box, (x0, top, x1, bottom))]
        out.append(Picture((x0, top, x1, bottom)))
    return out


def _inside(a: Box, b: Box) -> bool:
    return b[0] - 1 <= a[0] and a[2] <= b[2] + 1 and b[1] - 1 <= a[1] and a[3] <= b[3] + 1


def read_pictures(page: Page, pictures: Sequence[Picture], image: PageImage, engine: OcrEngine) -> Page:
    """The page with each picture's words and rulings added where the picture sits."""
    from extractor.ingest import scanned  # noqa: PLC0415 - the OCR path, loaded for pages that need it
    from extractor.ingest.raster import PageImage  # noqa: PLC0415

    scale = image.pixels.shape[1] / image.width_pt
    words = list(page.words)
    rulings = list(page.rulings)
    for pic in pictures:
        x0, top, x1, bottom = pic.box
        crop = image.pixels[round(top * scale) : round(bottom * scale), round(x0 * scale) : round(x1 * scale)]
        if crop.shape[0] < 16 or crop.shape[1] < 16:
            continue
        read, _ = scanned.read_scanned_page(
            PageImage(crop.copy(), x1 - x0, bottom - top), page.number, engine, cut=True
        )
        words += [_place(w, read, x0, top) for w in read.words]
        rulings += [_place_ruling(r, read, x0, top) for r in read.rulings]
    # words stay as each source built them: the text layer's against its rulings, a picture's
    # against its own (a word never crosses a ruling of the picture it was read in)
    return Page(number=page.number, width=page.width, height=page.height, words=words, rulings=rulings, kind=page.kind)


def _place(w: Word, read: Page, dx: float, dy: float) -> Word:
    x0, top, x1, bottom = read.source_bbox((w.x0, w.top, w.x1, w.bottom))
    return w._replace(x0=x0 + dx, top=top + dy, x1=x1 + dx, bottom=bottom + dy)


def _place_ruling(r: Ruling, read: Page, dx: float, dy: float) -> Ruling:
    x0, top, x1, bottom = read.source_bbox(r.bbox)
    if x1 - x0 >= bottom - top:
        return Ruling("h", (top + bottom) / 2 + dy, x0 + dx, x1 + dx)
    return Ruling("v", (x0 + x1) / 2 + dx, top + dy, bottom + dy)
