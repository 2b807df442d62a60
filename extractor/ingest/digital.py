"""Digital PDF pages → `Page`: words from the text layer, rulings from vector graphics.

A PDF is opened once, in PDFium (`open_pdf`), which classifies damage and passwords, counts
the pages, reads them (the default reader) and renders any page that needs OCR. A reader
gives each page as a `PageReading`: its characters as glyphs, its rulings, and how much of it
images cover; `read_page` makes the `Page` every later stage reads. Two readers:

pdfium      `ingest/pdfium_reader.py`, the default
pdfplumber  `ingest/plumber_reader.py`, pure Python, the reference the first is tested against
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

import pypdfium2 as pdfium

from extractor.errors import DamagedInput, EncryptedInput, UsageError
from extractor.ingest.rulings import merge
from extractor.ingest.words import Glyph, build_words
from extractor.model.page import Page, Ruling

READERS = ("pdfium", "pdfplumber")


class PageReading(Protocol):
    """One PDF page as a reader sees it."""

    number: int
    width: float
    height: float

    def glyphs(self) -> list[Glyph]: ...
    def invisible_glyphs(self) -> list[Glyph]: ...
    def rulings(self) -> list[Ruling]: ...
    def image_coverage(self) -> float: ...
    def image_boxes(self) -> list[tuple[float, float, float, float]]: ...


class Reader(Protocol):
    name: str

    def pages(self, limit: int) -> Iterator[tuple[int, PageReading | Exception]]:
        """Each page, or the error loading it raised; more than `limit` pages is `TooLarge`."""
        ...


@contextmanager
def open_pdf(path: Path) -> Iterator[pdfium.PdfDocument]:
    """The PDF open in PDFium, or the one-line reason it cannot be (damaged, a password, no pages)."""
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedInput("encrypted PDF, a password is needed", path=str(path)) from exc
        raise DamagedInput(f"damaged or truncated PDF ({exc})", path=str(path)) from exc
    try:
        if len(doc) == 0:
            raise DamagedInput("PDF has no pages (damaged or truncated)", path=str(path))
        yield doc
    finally:
        doc.close()


def reader_for(name: str, doc: pdfium.PdfDocument, path: Path, inflated_mb: int) -> Reader:
    if name == "pdfium":
        from extractor.ingest.pdfium_reader import PdfiumReader  # noqa: PLC0415 - one reader is loaded

        return PdfiumReader(doc, path, inflated_mb)
    if name == "pdfplumber":
        from extractor.ingest.plumber_reader import PlumberReader  # noqa: PLC0415 - pdfminer only when asked for

        return PlumberReader(path, inflated_mb)
    raise UsageError(f"unknown PDF reader {name!r}; choose one of: {', '.join(READERS)}")


def read_page(page: PageReading, glyphs: list[Glyph] | None = None, more_rulings: Sequence[Ruling] = ()) -> Page:
    """One PDF page as words and rulings: from `glyphs` in place of the page's shown characters
    when given, with `more_rulings` (a picture's) beside its own. Raises whatever the reader raises."""
    rulings = page.rulings()
    if more_rulings:
        rulings = merge([*rulings, *more_rulings])
    words = build_words(page.glyphs() if glyphs is None else glyphs, rulings)
    return Page(number=page.number, width=page.width, height=page.height, words=words, rulings=rulings)
