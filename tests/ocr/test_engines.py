"""Engines: the pure conversions without the engine, and each engine on a real rendered page."""

from __future__ import annotations

import shutil
from itertools import pairwise

import numpy as np
import pypdfium2 as pdfium
import pytest

from extractor.errors import EngineNotInstalled
from extractor.ocr.base import OcrOptions
from extractor.ocr.paddle import model_dir
from extractor.ocr.rapid import RapidOcrEngine
from extractor.ocr.registry import engine_class, load_engine
from extractor.ocr.tesseract import TesseractEngine
from tests.conftest import DIGITAL

BULLETIN_000 = next(p for p in DIGITAL if p.stem == "bulletin-000")


def test_rapid_raw_to_glyphs_uses_char_boxes():
    raw = {
        "lines": [
            {
                "text": "州本级10",
                "score": 0.98,
                "box": [[10, 20], [110, 20], [110, 50], [10, 50]],
                "chars": [
                    ["州", 0.99, [[10, 20], [30, 20], [30, 50], [10, 50]]],
                    ["本", 0.99, [[30, 20], [50, 20], [50, 50], [30, 50]]],
                    ["级", 0.99, [[50, 20], [70, 20], [70, 50], [50, 50]]],
                    ["10", 0.9, [[90, 20], [110, 20], [110, 50], [90, 50]]],
                ],
            },
            {"text": "合计", "score": 0.7, "box": [[10, 60], [50, 60], [50, 90], [10, 90]], "chars": []},
        ]
    }
    glyphs = RapidOcrEngine.to_glyphs(raw)
    assert [g.text for g in glyphs] == ["州", "本", "级", "10", "合", "计"]
    assert glyphs[3].x0 == 90 and glyphs[3].confidence == 0.9
    assert glyphs[4].size == pytest.approx(30 * 0.68)


def test_rapid_char_boxes_that_do_not_spell_the_line_are_ignored():
    raw = {
        "lines": [
            {
                "text": "汶川县",
                "score": 0.9,
                "box": [[0, 0], [60, 0], [60, 20], [0, 20]],
                "chars": [["汶", 0.9, [[0, 0], [20, 0], [20, 20], [0, 20]]]],
            }
        ]
    }
    glyphs = RapidOcrEngine.to_glyphs(raw)
    assert [g.text for g in glyphs] == ["汶", "川", "县"]
    assert (glyphs[0].x0, glyphs[-1].x1) == (0, pytest.approx(60))


def test_tesseract_tsv_to_glyphs():
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "4\t1\t1\t1\t1\t0\t10\t20\t200\t30\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t10\t20\t60\t30\t96.5\t汶川县\n"
        "5\t1\t1\t1\t1\t2\t100\t20\t40\t30\t88\t21\n"
        "5\t1\t1\t1\t1\t3\t150\t20\t40\t30\t95\t \n"
    )
    glyphs = TesseractEngine.to_glyphs({"tsv": tsv})
    assert [(g.text, g.x0, g.x1, round(g.confidence, 3)) for g in glyphs] == [
        ("汶川县", 10, 70, 0.965),
        ("21", 100, 140, 0.88),
    ]


def test_unknown_engine_names_the_choices():
    with pytest.raises(EngineNotInstalled, match="rapidocr"):
        engine_class("nonsense")


@pytest.mark.skipif(model_dir() is not None, reason="PaddleOCR models are present: the refusal cannot be shown")
def test_paddle_without_models_says_how_to_install():
    with pytest.raises(EngineNotInstalled, match="EXTRACTOR_PADDLE_MODEL_DIR"):
        load_engine("paddleocr", OcrOptions())


@pytest.mark.skipif(
    model_dir() is None, reason="PaddleOCR models not found (set EXTRACTOR_PADDLE_MODEL_DIR to det/ and rec/)"
)
def test_paddle_reads_a_page():
    engine = load_engine("paddleocr", OcrOptions())
    text = "".join(g.text for g in engine.to_glyphs(engine.recognize(_title_strip())))
    assert "阿坝州政务服务工作简报" in text


def _title_strip() -> np.ndarray:
    """The title line of bulletin-000, rendered at 200 dpi (a real page, no text layer used)."""
    doc = pdfium.PdfDocument(str(BULLETIN_000))
    image = doc[0].render(scale=200 / 72, grayscale=True).to_numpy()
    doc.close()
    return np.ascontiguousarray(image[150:280, :, 0] if image.ndim == 3 else image[150:280])


def test_rapidocr_reads_a_real_page_strip():
    engine = load_engine("rapidocr", OcrOptions())
    raw = engine.recognize(_title_strip())
    text = "".join(g.text for g in engine.to_glyphs(raw))
    assert "阿坝州政务服务工作简报" in text
    assert engine.version.startswith("3.")


@pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="tesseract not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)",
)
def test_tesseract_reads_a_real_page_strip():
    engine = load_engine("tesseract", OcrOptions())
    text = "".join(g.text for g in engine.to_glyphs(engine.recognize(_title_strip())))
    assert "政务服务" in text


def test_line_without_char_boxes_is_spread_by_character_widths():
    glyphs = RapidOcrEngine.to_glyphs(
        {"lines": [{"text": "汶川县 21 10.5%", "score": 0.9, "box": [[0, 0], [100, 0], [100, 20], [0, 20]]}]}
    )
    assert [g.text for g in glyphs] == ["汶", "川", "县", "21", "10.5%"]
    assert glyphs[0].x0 == 0 and glyphs[-1].x1 == pytest.approx(100)
    assert all(a.x1 <= b.x0 + 1e-6 for a, b in pairwise(glyphs))
    # a Chinese character is an em, a digit about 0.55 of one
    assert (glyphs[3].x1 - glyphs[3].x0) / (glyphs[1].x1 - glyphs[1].x0) == pytest.approx(1.1)
