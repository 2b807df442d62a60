"""Engines by name, each loaded once per process."""

from __future__ import annotations

from functools import cache

from extractor.ocr.base import EngineNotInstalled, OcrEngine, OcrOptions

ENGINES = ("rapidocr", "tesseract", "paddleocr")


@cache
def get_engine(name: str, options: OcrOptions) -> OcrEngine:
    if name == "rapidocr":
        from extractor.ocr.rapid import RapidOcrEngine  # noqa: PLC0415 - load only the engine asked for

        return RapidOcrEngine(options)
    if name == "tesseract":
        from extractor.ocr.tesseract import TesseractEngine  # noqa: PLC0415

        return TesseractEngine(options)
    if name == "paddleocr":
        from extractor.ocr.paddle import PaddleOcrEngine  # noqa: PLC0415

        return PaddleOcrEngine(options)
    raise EngineNotInstalled(f"unknown OCR engine {name!r}; choose one of: {', '.join(ENGINES)}")
