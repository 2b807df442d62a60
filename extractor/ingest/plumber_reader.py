"""The alternative digital reader (`--reader pdfplumber`): pdfplumber over pdfminer, in pure Python.

It was the only reader before PDFium's (`ingest/pdfium_reader.py`), which reads the same
pages 7–10× faster; it stays as the reference the PDFium reader is tested against
(tests/ingest/test_readers.py) and for a PDF that PDFium reads wrongly. pdfminer inflates
streams under the document's budget (`ingest/inflate.py`).

Coordinates are pdfplumber's: the MediaBox, y downwards, /Rotate applied.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfpage import PDFPage
from pdfplumber.page import Page as PlumberPage

from extractor.errors import DamagedInput, EncryptedInput, TooLarge
from extractor.ingest import inflate
from extractor.ingest import rulings as rulings_mod
from extractor.ingest.words import Glyph
from extractor.model.page import Ruling

BOLD_MARKERS = ("bold", "heavy", "black", "semibold", "demi")


class PlumberPageReading:
    """One page as pdfplumber reads it (the `PageReading` every reader gives)."""

    def __init__(self, page: PlumberPage, number: int) -> None:
        self.number = number
        self.width, self.height = float(page.width), float(page.height)
        self._page = page

    def glyphs(self) -> list[Glyph]:
        return [_glyph(ch) for ch in self._page.chars]

    def invisible_glyphs(self) -> list[Glyph]:
        """None: this reader takes the text layer as pdfminer gives it, invisible text included."""
        return []

    def rulings(self) -> list[Ruling]:
        page = self._page
        return rulings_mod.merge(rulings_mod.from_lines(page.lines) + rulings_mod.from_rects(page.rects))

    def image_coverage(self) -> float:
        """Share of the page area covered by raster images (a scanned page is close to 1)."""
        area = float(self.width * self.height) or 1.0
        covered = sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in self.image_boxes())
        return min(1.0, covered / area)

    def image_boxes(self) -> list[tuple[float, float, float, float]]:
        """The boxes of the raster images, clipped to the page."""
        out = []
        for im in self._page.images:
            x0, top = max(float(im["x0"]), 0.0), max(float(im["top"]), 0.0)
            x1, bottom = min(float(im["x1"]), self.width), min(float(im["bottom"]), self.height)
            if x1 > x0 and bottom > top:
                out.append((x0, top, x1, bottom))
        return out


class PlumberReader:
    """pdfplumber's pages of one file, one at a time, each closed when the next is asked for."""

    name = "pdfplumber"

    def __init__(self, path: Path, inflated_mb: int) -> None:
        self._path = path
        self._inflated_mb = inflated_mb

    def pages(self, limit: int) -> Iterator[tuple[int, PlumberPageReading | Exception]]:
        with ExitStack() as stack:
            stack.enter_context(inflate.budget(self._inflated_mb))
            pdf = stack.enter_context(_open(self._path))
            for number, page in _pages_of(pdf, limit):
                if isinstance(page, Exception):
                    yield number, page
                    continue
                try:
                    yield number, PlumberPageReading(page, number)
                finally:
                    page.close()


def _open(path: Path) -> Any:
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:  # pdfminer raises many unrelated types; classify at this boundary
        name = type(exc).__name__ + " " + str(exc)
        if "Password" in name or "Encrypt" in name:
            raise EncryptedInput("encrypted PDF, a password is needed", path=str(path)) from exc
        raise DamagedInput(f"unreadable PDF ({type(exc).__name__})", path=str(path)) from exc
    return _Closing(pdf)


class _Closing:
    """pdfplumber's PDF as a context that closes only the file: PDF.close() would parse every
    page again, bad page boxes included (pages are read and closed one by one)."""

    def __init__(self, pdf: pdfplumber.PDF) -> None:
        self.pdf = pdf

    def __enter__(self) -> pdfplumber.PDF:
        return self.pdf

    def __exit__(self, *_: object) -> None:
        if not self.pdf.stream_is_external:
            self.pdf.stream.close()


def _pages_of(pdf: pdfplumber.PDF, limit: int) -> Iterator[tuple[int, PlumberPage | Exception]]:
    """The document's pages one at a time, each as a page or as the error building it raised (a
    page box of names, three numbers or 1e38): one bad page is one page error. A page tree that
    breaks ends the pages there; one that holds more than `limit` pages is refused, whatever
    its /Count claims."""
    if _count_pages(pdf, limit + 1) > limit:  # counted before any work: /Count may lie
        raise TooLarge(f"more than {limit} pages in its page tree: more than the limit (EXTRACTOR_MAX_PAGES)")
    tree = PDFPage.create_pages(pdf.doc)
    number = 0
    while True:
        try:
            obj = next(tree)
        except StopIteration:
            return
        except Exception as exc:  # pdfminer raises many types on a broken page tree
            yield number + 1, exc
            return
        number += 1
        try:
            page = PlumberPage(pdf, obj, page_number=number)
        except Exception as exc:  # the page box is parsed here
            yield number, exc
            continue
        yield number, page


def _count_pages(pdf: pdfplumber.PDF, most: int) -> int:
    """Pages in the page tree, counting no further than `most` (a broken tree counts what it held)."""
    n = 0
    try:
        for _ in PDFPage.create_pages(pdf.doc):
            n += 1
            if n >= most:
                break
    except Exception:  # the tree breaks here: the pages before it are what there is
        pass
    return n


def _glyph(ch: dict[str, Any]) -> Glyph:
    font = str(ch.get("fontname", "")).lower()
    return Glyph(
        text=ch["text"],
        x0=float(ch["x0"]),
        top=float(ch["top"]),
        x1=float(ch["x1"]),
        bottom=float(ch["bottom"]),
        size=float(ch.get("size") or 0.0),
        bold=any(m in font for m in BOLD_MARKERS),
    )
