"""Digital PDF pages → `Page` (words from the text layer, rulings from vector graphics)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
from pdfplumber.page import Page as PlumberPage

from extractor.errors import DamagedInput, EncryptedInput
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
        pdf.close()


@contextmanager
def open_pdfium(path: Path) -> Iterator[pdfium.PdfDocument]:
    """The same file in PDFium, for rendering pages that need OCR (opening is cheap; pages render on demand)."""
    doc = pdfium.PdfDocument(str(path))
    try:
        yield doc
    finally:
        doc.close()


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
