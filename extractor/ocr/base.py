"""The OCR engine contract.

An engine loads its model once (in `__init__`), turns an image into a raw,
JSON-serialisable dict (`recognize`, the only call that touches the engine),
and converts that raw output into glyphs with pixel boxes (`to_glyphs`, pure,
so it is tested without the engine). Optional engines import their library
inside their module and raise `EngineNotInstalled` with the install hint.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from extractor.errors import EngineNotInstalled, OcrFailed
from extractor.ingest.words import Glyph

if TYPE_CHECKING:
    import numpy as np

__all__ = ["EngineNotInstalled", "OcrEngine", "OcrFailed", "OcrOptions"]


@dataclass(frozen=True, slots=True)
class OcrOptions:
    use_angle_cls: bool = False  # the line-angle classifier flips lines dense with “ ” quotes: measured, off
    text_score: float = 0.5  # lines recognised below this score are dropped
    threads: int = 0  # 0: the engine's default (all cores)
    language: str = "chi_sim"  # Tesseract's language pack
    # RapidOCR's detector sees the page scaled to this long side (960: −8 % time, cell F1 0.994 → 0.979)
    det_side: int = 1280
    char_boxes: bool = False  # ask the engine for per-character boxes (RapidOCR: +0.3 s a page; see ocr/rapid.py)
    model: str = "small"  # RapidOCR's models (ocr/rapid_models.py MODEL_SETS); the pipeline passes Settings.ocr_model


class OcrEngine(ABC):
    name: ClassVar[str]

    def __init__(self, options: OcrOptions) -> None:
        self.options = options

    @property
    @abstractmethod
    def version(self) -> str: ...

    @abstractmethod
    def recognize(self, image: np.ndarray) -> dict[str, Any]:
        """Raw engine output for an 8-bit grey or RGB image (JSON-serialisable, cacheable)."""

    @staticmethod
    @abstractmethod
    def to_glyphs(raw: dict[str, Any]) -> list[Glyph]:
        """Characters (or words) with boxes in image pixels; `size` is the glyph height in pixels."""
