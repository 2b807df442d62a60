"""Tesseract (Debian packages `tesseract-ocr` + `tesseract-ocr-chi-sim`), run as a subprocess per page."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from typing import Any, ClassVar

import cv2
import numpy as np

from extractor.ingest.words import Glyph
from extractor.ocr.base import EngineNotInstalled, OcrEngine, OcrFailed, OcrOptions

HINT = "install it with: apt-get install tesseract-ocr tesseract-ocr-chi-sim"


class TesseractEngine(OcrEngine):
    name: ClassVar[str] = "tesseract"

    def __init__(self, options: OcrOptions) -> None:
        super().__init__(options)
        self._binary = shutil.which("tesseract")
        if self._binary is None:
            raise EngineNotInstalled(f"Tesseract is not installed; {HINT}")
        langs = subprocess.run(
            [self._binary, "--list-langs"], capture_output=True, text=True, check=False
        ).stdout.split()
        if options.language not in langs:
            raise EngineNotInstalled(f"Tesseract has no {options.language!r} language data; {HINT}")
        self._version = subprocess.run(
            [self._binary, "--version"], capture_output=True, text=True, check=False
        ).stdout.split()[1]

    @property
    def version(self) -> str:
        return self._version

    def recognize(self, image: np.ndarray) -> dict[str, Any]:
        ok, png = cv2.imencode(".png", image)
        if not ok:
            raise OcrFailed("could not encode the page image for Tesseract")
        cmd = [str(self._binary), "stdin", "stdout", "-l", self.options.language, "--psm", "3"]
        env = dict(os.environ)
        if self.options.threads:
            env["OMP_THREAD_LIMIT"] = str(self.options.threads)
        proc = subprocess.run([*cmd, "tsv"], input=png.tobytes(), capture_output=True, check=False, env=env)
        if proc.returncode != 0:
            raise OcrFailed(f"tesseract failed: {proc.stderr.decode(errors='replace').strip()[:200]}")
        return {
            "engine": self.name,
            "height": int(image.shape[0]),
            "width": int(image.shape[1]),
            "tsv": proc.stdout.decode(),
        }

    @staticmethod
    def to_glyphs(raw: dict[str, Any]) -> list[Glyph]:
        glyphs = []
        for row in csv.DictReader(io.StringIO(raw["tsv"]), delimiter="\t", quoting=csv.QUOTE_NONE):
            text = (row.get("text") or "").strip()
            if row.get("level") != "5" or not text:
                continue
            x, y, w, h = (float(row[k]) for k in ("left", "top", "width", "height"))
            conf = max(0.0, float(row.get("conf") or 0)) / 100.0
            glyphs.append(Glyph(text, x, y, x + w, y + h, h, confidence=conf))
        return glyphs
