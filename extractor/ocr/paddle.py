"""PaddleOCR itself, for users who have it and its models locally (`pip install 'bulletin-extractor[paddle]'`).

The models are not downloaded here: point `EXTRACTOR_PADDLE_MODEL_DIR` at a folder holding the
`det`, `rec` (and optionally `cls`) inference models (PaddleOCR's own layout). Without them the
engine refuses to start with that hint; the default engine, RapidOCR, runs the same PP-OCR
models as ONNX and ships them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from extractor.ingest.words import Glyph
from extractor.ocr.base import EngineNotInstalled, OcrEngine, OcrOptions

HINT = (
    "install it with: pip install 'bulletin-extractor[paddle]' "
    "and set EXTRACTOR_PADDLE_MODEL_DIR to local det/rec models"
)


def model_dir() -> Path | None:
    raw = os.environ.get("EXTRACTOR_PADDLE_MODEL_DIR")
    if not raw:
        return None
    path = Path(raw)
    return path if (path / "det").is_dir() and (path / "rec").is_dir() else None


class PaddleOcrEngine(OcrEngine):
    name: ClassVar[str] = "paddleocr"

    def __init__(self, options: OcrOptions) -> None:
        super().__init__(options)
        models = model_dir()
        if models is None:
            raise EngineNotInstalled(f"PaddleOCR models not found; {HINT}")
        try:
            from paddleocr import PaddleOCR  # noqa: PLC0415 - optional engine, imported only when chosen
        except ImportError as exc:
            raise EngineNotInstalled(f"PaddleOCR is not installed; {HINT}") from exc
        self._ocr = PaddleOCR(
            det_model_dir=str(models / "det"),
            rec_model_dir=str(models / "rec"),
            use_angle_cls=options.use_angle_cls,
            lang="ch",
            show_log=False,
        )

    @property
    def version(self) -> str:
        from importlib.metadata import version  # noqa: PLC0415

        return version("paddleocr")

    def recognize(self, image: np.ndarray) -> dict[str, Any]:
        result = self._ocr.ocr(image, cls=self.options.use_angle_cls)
        lines = []
        for box, (text, score) in result[0] or []:
            lines.append({"text": text, "score": float(score), "box": np.asarray(box, dtype=float).round(1).tolist()})
        return {"engine": self.name, "height": int(image.shape[0]), "width": int(image.shape[1]), "lines": lines}

    @staticmethod
    def to_glyphs(raw: dict[str, Any]) -> list[Glyph]:
        out = []
        for line in raw["lines"]:
            box = np.asarray(line["box"])
            top, bottom = float(box[:, 1].min()), float(box[:, 1].max())
            out.append(
                Glyph(
                    line["text"],
                    float(box[:, 0].min()),
                    top,
                    float(box[:, 0].max()),
                    bottom,
                    bottom - top,
                    confidence=line["score"],
                )
            )
        return out
