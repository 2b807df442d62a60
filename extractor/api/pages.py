"""A document's pages as pictures for the review page, in the frame the result's boxes use.

Cell boxes (`cells[].bbox`) are in points on the page as it was given: a PDF page as displayed
(CropBox, /Rotate applied), an image frame at its resolution (points = pixels × 72 / dpi, 200 dpi
when the file does not say, as `ingest/raster.py` reads it). A picture `width` pixels wide is that
page scaled by width / page width.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from extractor.ingest.raster import frame_dpi
from extractor.ingest.source import sniff

MAX_WIDTH = 2400  # pixels: a review picture is for eyes, not for OCR


@dataclass(frozen=True, slots=True)
class PageSize:
    page: int  # 1-based
    width: float  # points
    height: float


def page_sizes(path: Path) -> list[PageSize]:
    if sniff(path) == "pdf":
        with pdfium.PdfDocument(path) as doc:
            return [PageSize(i + 1, doc[i].get_width(), doc[i].get_height()) for i in range(len(doc))]
    sizes = []
    with Image.open(path) as im:
        for n in range(getattr(im, "n_frames", 1)):
            im.seek(n)
            dpi = frame_dpi(im)
            sizes.append(PageSize(n + 1, im.size[0] * 72.0 / dpi, im.size[1] * 72.0 / dpi))
    return sizes


def page_png(path: Path, number: int, width: int) -> bytes:
    """Page `number` (1-based) as a PNG `width` pixels wide; IndexError when there is no such page."""
    width = max(100, min(MAX_WIDTH, width))
    if sniff(path) == "pdf":
        with pdfium.PdfDocument(path) as doc:
            if not 1 <= number <= len(doc):
                raise IndexError(number)
            page = doc[number - 1]
            picture = page.render(scale=width / page.get_width(), rev_byteorder=True).to_pil().convert("RGB")
    else:
        with Image.open(path) as im:
            if not 1 <= number <= getattr(im, "n_frames", 1):
                raise IndexError(number)
            im.seek(number - 1)
            frame = im.convert("RGB")
            picture = frame.resize((width, max(1, round(frame.size[1] * width / frame.size[0]))))
    buf = io.BytesIO()
    picture.save(buf, format="PNG", optimize=False, compress_level=3)
    return buf.getvalue()
