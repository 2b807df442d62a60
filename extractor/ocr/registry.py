"""Engines by name, each loaded once per process.

A name is one of ENGINES, or `package.module:ClassName` for an engine of
one's own (an `OcrEngine` subclass) — the tests plug in engines that crash or
hang this way. With a timeout the engine runs in a child process
(ocr/worker.py); with timeout 0 it runs in this process.
"""

from __future__ import annotations

import importlib
from functools import cache

from extractor.ocr.base import EngineNotInstalled, OcrEngine, OcrOptions

ENGINES = {
    "rapidocr": "extractor.ocr.rapid:RapidOcrEngine",
    "tesseract": "extractor.ocr.tesseract:TesseractEngine",
    "paddleocr": "extractor.ocr.paddle:PaddleOcrEngine",
}


def engine_class(spec: str) -> type[OcrEngine]:
    target = ENGINES.get(spec, spec)
    module_name, _, class_name = target.partition(":")
    if not class_name:
        raise EngineNotInstalled(f"unknown OCR engine {spec!r}; choose one of: {', '.join(ENGINES)}")
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError) as exc:
        raise EngineNotInstalled(f"OCR engine {spec!r} cannot be imported: {exc}") from exc
    if not (isinstance(cls, type) and issubclass(cls, OcrEngine)):
        raise EngineNotInstalled(f"{spec!r} is not an OcrEngine")
    return cls


def load_engine(spec: str, options: OcrOptions) -> OcrEngine:
    return engine_class(spec)(options)


@cache
def get_engine(spec: str, options: OcrOptions, timeout: float = 0.0, memory_mb: int = 0) -> OcrEngine:
    if timeout <= 0:
        return load_engine(spec, options)
    from extractor.ocr.worker import WorkerEngine  # noqa: PLC0415 - multiprocessing only when isolation is asked for

    engine = WorkerEngine(spec, options, timeout, engine_class(spec), memory_mb)
    _ISOLATED.append(engine)
    return engine


_ISOLATED: list[OcrEngine] = []  # the engines get_engine started in processes of their own


def close_engines() -> None:
    """Stop the engines' processes and remove their folders (before a command's quick exit,
    which runs no finalisers)."""
    for engine in _ISOLATED:
        engine.close()  # type: ignore[attr-defined]
    _ISOLATED.clear()
    get_engine.cache_clear()
