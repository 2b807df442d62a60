"""Page preparation and ruling detection on real rendered pages (the digital samples, turned into pixels)."""

from __future__ import annotations

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest

from extractor.ingest.digital import open_document, read_page
from extractor.ingest.image_rulings import detect_rulings
from extractor.ingest.prepare import estimate_skew, lines_run_vertically, prepare
from extractor.ingest.scanned import drop_repeats
from extractor.ingest.triage import triage
from extractor.ingest.words import Glyph
from tests.conftest import DIGITAL

BULLETIN_000 = next(p for p in DIGITAL if p.stem == "bulletin-000")
DPI = 150


def render(index: int) -> np.ndarray:
    doc = pdfium.PdfDocument(str(BULLETIN_000))
    image = doc[index].render(scale=DPI / 72).to_numpy()[:, :, :3].copy()
    doc.close()
    return image


def rotate(image: np.ndarray, degrees: float) -> np.ndarray:
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(image, m, (w, h), borderValue=(255, 255, 255))


@pytest.mark.parametrize("degrees", [-4.0, -1.5, 2.5])
def test_skew_is_found(degrees: float):
    page = rotate(render(0), degrees)
    assert estimate_skew(cv2.cvtColor(page, cv2.COLOR_RGB2GRAY)) == pytest.approx(-degrees, abs=0.15)


def test_text_page_turned_by_90_degrees_is_noticed():
    grey = cv2.cvtColor(render(0), cv2.COLOR_RGB2GRAY)
    assert not lines_run_vertically(grey)
    assert lines_run_vertically(np.rot90(grey))


def test_prepared_points_map_back_to_the_original():
    page = rotate(render(0), 2.0)
    prepared = prepare(page, quarter_turns=1)
    h, w = prepared.image.shape
    for x, y in ((0, 0), (w - 1, h - 1), (w / 2, h / 2)):
        ox, oy = prepared.to_original(x, y)
        assert -60 <= ox <= page.shape[1] + 60 and -60 <= oy <= page.shape[0] + 60


def test_image_rulings_match_the_vector_rulings():
    """The table page rendered to pixels gives the rulings the PDF draws, within a point."""
    with open_document(BULLETIN_000) as pdf:
        vector = read_page(pdf.pages[2], 3).rulings
    found = detect_rulings(cv2.cvtColor(render(2), cv2.COLOR_RGB2GRAY))
    scale = 72 / DPI
    found_h = sorted(r.pos * scale for r in found if r.orient == "h")
    for r in (r for r in vector if r.orient == "h"):
        assert min(abs(r.pos - y) for y in found_h) < 1.0
    found_v = sorted(r.pos * scale for r in found if r.orient == "v")
    for r in (r for r in vector if r.orient == "v"):
        assert min(abs(r.pos - x) for x in found_v) < 1.0
    assert len(found_h) <= len([r for r in vector if r.orient == "h"]) + 2  # no text strokes taken for lines


def test_triage():
    text = [{"text": ch} for ch in "州政务服务中心主任谢荣妹"]
    assert triage(text, 0.0) == "text"
    assert triage([], 0.0) == "ocr"
    assert triage([{"text": "(cid:12)"}] * 30 + text, 0.0) == "ocr"
    assert triage([{"text": "\ue001"}] * 30 + text, 0.0) == "ocr"
    assert triage(text[:3], 0.95) == "ocr"  # a page number stamped on a scan
    mojibake = "å·\x9eæ\x94¿å\x8a¡æ\x9c\x8då\x8a¡ä¸\xadå¿\x83"  # 州政务服务中心 read as Latin-1
    assert triage([{"text": ch} for ch in mojibake], 0.0) == "ocr"
    assert triage([{"text": ch} for ch in "Café No. 5 — 2021年"], 0.0) == "text"


def test_a_character_read_twice_by_overlapping_detections_is_kept_once():
    line = [Glyph(ch, 10 + 10 * i, 0, 19 + 10 * i, 10, 10, confidence=0.95) for i, ch in enumerate("中心心")]
    stray = [Glyph("心", 21, 1, 30, 11, 10, confidence=0.6), Glyph("心", 31, 1, 39, 11, 10, confidence=0.6)]
    kept = drop_repeats(line + stray)
    assert "".join(g.text for g in sorted(kept, key=lambda g: g.x0)) == "中心心"  # 心心 printed twice stays
    assert all(g.confidence == 0.95 for g in kept)
