"""Specks and watermarks taken off a page before it is read (ingest/speckle.py, ingest/watermark.py),
on a rendered sample page made noisy or watermarked here; the real pages they were written for (a
CamScanner lab report, a watermarked hospital report) are in tests/realworld/test_real_captures.py."""

from __future__ import annotations

from itertools import pairwise

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest

from extractor.ingest import speckle, watermark
from extractor.ingest.prepare import to_grey
from extractor.pipeline import _engine
from extractor.settings import Settings
from tests.conftest import DIGITAL

BULLETIN_000 = next(p for p in DIGITAL if p.stem == "bulletin-000")


def _page(dpi: float) -> np.ndarray:
    doc = pdfium.PdfDocument(str(BULLETIN_000))
    grey = to_grey(doc[1].render(scale=dpi / 72).to_numpy()[:, :, :3].copy())
    doc.close()
    return grey


def _specks(grey: np.ndarray, per_megapixel: int, seed: int = 7) -> np.ndarray:
    """Salt and pepper as a scanner app leaves it: single pixels and clumps up to four across."""
    rng = np.random.default_rng(seed)
    out = grey.copy()
    n = int(per_megapixel * grey.size / 1e6)
    ys, xs = rng.integers(0, grey.shape[0] - 2, n), rng.integers(0, grey.shape[1] - 2, n)
    sizes = rng.integers(1, 5, n)
    for y, x, s in zip(ys, xs, sizes, strict=True):
        out[y : y + s, x : x + s] = 0
    return out


def test_specks_are_taken_off_and_the_print_stays():
    clean = _page(300)
    noisy = _specks(clean, 5000)
    ink, noise = clean < 128, (noisy < 128) & ~(clean < 128)
    out = speckle.despeckle(noisy)
    assert (out[noise] < 128).mean() < 0.2  # the specks are gone, but those touching print or each other
    assert (out[ink] < 128).mean() > 0.85  # the print is kept (a median rounds its corners)


def _clumps(grey: np.ndarray, per_megapixel: int, seed: int = 7) -> np.ndarray:
    """Heavier noise: ragged clumps three to seven pixels across that one median leaves in part."""
    rng = np.random.default_rng(seed)
    out = grey.copy()
    n = int(per_megapixel * grey.size / 1e6)
    for y, x in zip(rng.integers(0, grey.shape[0] - 8, n), rng.integers(0, grey.shape[1] - 8, n), strict=True):
        k = int(rng.integers(3, 8))
        out[y : y + k, x : x + k][rng.random((k, k)) < 0.6] = 0
    return out


def test_each_stronger_cleaning_takes_more_clumps_and_keeps_the_print():
    """The strengths `scanned.read_scanned_page` reads in turn: each takes more noise, none the print."""
    clean = _page(300)
    noisy = _clumps(clean, 3000)
    ink, noise = clean < 128, (noisy < 128) & ~(clean < 128)
    left = [(speckle.despeckle(noisy, passes)[noise] < 128).mean() for passes in speckle.STRENGTHS]
    kept = [(speckle.despeckle(noisy, passes)[ink] < 128).mean() for passes in speckle.STRENGTHS]
    assert all(b < 0.9 * a for a, b in pairwise(left)), left
    assert min(kept) > 0.85, kept


def test_a_reading_far_short_of_the_marks_on_the_page_has_missed_its_text():
    noisy = _specks(_page(300), 5000)
    marks = speckle.marks(noisy)
    assert speckle.missed_text(noisy, int(0.05 * marks)) and not speckle.missed_text(noisy, int(0.3 * marks))
    clean = _page(300)
    assert speckle.marks(clean) < 0.5 * marks  # specks of a few pixels are no marks; larger clumps are


def _tiled_watermark(shape: tuple[int, int], text: str, degrees: float) -> np.ndarray:
    """A code printed again and again along a lattice, the whole layer turned aslant."""
    h, w = shape
    side = int(np.hypot(h, w)) + 10
    layer = np.full((side, side), 255, np.uint8)
    for row, y in enumerate(range(60, side, 260)):
        for x in range(-400 + 300 * (row % 2), side, 1300):
            cv2.putText(layer, text, (x, y), cv2.FONT_HERSHEY_SIMPLEX, 1.4, 90, 2, cv2.LINE_AA)
    turn = cv2.getRotationMatrix2D((side / 2, side / 2), degrees, 1.0)  # rising to the right
    turned = cv2.warpAffine(layer, turn, (side, side), borderValue=255)
    top, left = (side - h) // 2, (side - w) // 2
    return turned[top : top + h, left : left + w]


@pytest.mark.slow
def test_a_tiled_watermark_is_whitened_stroke_by_stroke_and_the_page_under_it_kept():
    page = _page(200)
    layer = _tiled_watermark(page.shape, "VEXhG4H6dtY= UulAyiiEZ36", 18.0)
    marked = np.minimum(page, layer)
    engine = _engine(Settings())
    lines = engine.recognize(marked)["lines"]
    angle = watermark.watermark_slant(lines)
    assert angle is not None and abs(angle + 18.0) < 3.0
    out = watermark.whiten_watermark(marked, angle, engine)
    print_ink, mark_ink = page < 128, (layer < 160) & (page >= 200)
    assert (out[mark_ink] < 160).mean() < 0.25  # most of every copy is gone, those over the text too
    assert (out[print_ink] < 128).mean() > 0.85  # the page's own print stays
    assert watermark.watermark_slant(engine.recognize(out)["lines"]) is None


def test_a_page_with_no_text_aslant_has_no_watermark():
    def line(y: float, degrees: float, length: float = 400.0) -> dict:
        c, s = np.cos(np.radians(degrees)), np.sin(np.radians(degrees))
        corners = [(0.0, 0.0), (length, 0.0), (length, 30.0), (0.0, 30.0)]
        return {"box": [[100 + a * c - b * s, y + a * s + b * c] for a, b in corners]}

    upright = [line(100 + 40 * k, 0.3) for k in range(10)]
    assert watermark.watermark_slant(upright) is None
    assert watermark.watermark_slant([*upright, line(600, -30)]) is None  # one stamp's or signature's line
    assert watermark.watermark_slant([*upright, line(600, -30), line(800, 10)]) is None  # not one slant
    assert abs(watermark.watermark_slant([*upright, line(600, -20), line(900, -21)]) + 20.5) < 0.6
