"""Digital PDF pages → `Page` (words from the text layer, rulings from vector graphics)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfpage import PDFPage
from pdfplumber.page import Page as PlumberPage

from extractor.errors import DamagedInput, EncryptedInput, TooLarge
from extractor.ingest import rulings as rulings_mod
from extractor.ingest.words import Glyph, build_words
from extractor.model.page import Page

_BOLD_MARKERS = ("bold", "heavy", "black", "semibold", "demi")


@contextmanager
def open_document(path: Path) -> Iterator[pdfplumber.PDF]:
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:  # pdfminer raises many unrelated types; classify at this boundary
        name = type(exc).__name__ + " " + str(exc)
        if "Password" in name or "Encrypt" in name:
            raise EncryptedInput("encrypted PDF, a password is needed", path=str(path)) from exc
        raise DamagedInput(f"unreadable PDF ({type(exc).__name__})", path=str(path)) from exc
    try:
        yield pdf
    finally:
        # pages are read (and closed) one by one by `pages_of`; PDF.close() would parse every
        # page again, bad page boxes included, so only the file is closed here
        if not pdf.stream_is_external:
            pdf.stream.close()


@contextmanager
def open_pdfium(path: Path) -> Iterator[pdfium.PdfDocument]:
    """The same file in PDFium, for rendering pages that need OCR (opening is cheap; pages render on demand)."""
    doc = pdfium.PdfDocument(str(path))
    try:
        yield doc
    finally:
        doc.close()


def pages_of(pdf: pdfplumber.PDF, limit: int) -> Iterator[tuple[int, PlumberPage | Exception]]:
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
        bold=any(m in font for m in _BOLD_MARKERS),
    )


def read_page(page: PlumberPage, number: int) -> Page:
    """One PDF page as words and rulings. Raises whatever the parser raises."""
    rulings = rulings_mod.merge(rulings_mod.from_lines(page.lines) + rulings_mod.from_rects(page.rects))
    glyphs = [_glyph(ch) for ch in page.chars]
    words = build_words(glyphs, rulings)
    return Page(number=number, width=float(page.width), height=float(page.height), words=words, rulings=rulings)


def image_coverage(page: PlumberPage) -> float:
    """Share of the page area covered by raster images (a scanned page is close to 1)."""
    area = float(page.width * page.height) or 1.0
    covered = 0.0
    for im in page.images:
        w = max(0.0, min(im["x1"], page.width) - max(im["x0"], 0))
        h = max(0.0, min(im["bottom"], page.height) - max(im["top"], 0))
        covered += w * h
    return min(1.0, covered / area)
