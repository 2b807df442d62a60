"""Fault-injection OCR engines (plugged in as `tests.ocr_faults:ClassName`): the only fakes in the suite.

Each reads a page normally (a fixed line of text) unless the page image is
largely covered by black stripes, where it crashes the process, hangs, or raises.
"""

from __future__ import annotations

import os
import signal
import time
from typing import Any, ClassVar

import numpy as np

from extractor.ingest.words import Glyph
from extractor.ocr.base import OcrEngine


def _dark(image: np.ndarray) -> bool:
    return float(image.mean()) < 200  # white pages average about 255; the striped trigger page about 170


def _line(image: np.ndarray) -> dict[str, Any]:
    return {"lines": [{"text": "正常页面文字", "score": 0.99, "box": [[100, 800], [400, 800], [400, 840], [100, 840]]}]}


class _Faulty(OcrEngine):
    name: ClassVar[str] = "faulty"

    @property
    def version(self) -> str:
        return "0"

    @staticmethod
    def to_glyphs(raw: dict[str, Any]) -> list[Glyph]:
        out = []
        for line in raw["lines"]:
            box = np.asarray(line["box"], dtype=float)
            out.append(
                Glyph(
                    line["text"],
                    box[:, 0].min(),
                    box[:, 1].min(),
                    box[:, 0].max(),
                    box[:, 1].max(),
                    40.0,
                    confidence=line["score"],
                )
            )
        return out


class CrashOnDark(_Faulty):
    def recognize(self, image: np.ndarray) -> dict[str, Any]:
        if _dark(image):
            os._exit(3)  # the engine's native code dies and takes its process with it
        return _line(image)


class HangOnDark(_Faulty):
    def recognize(self, image: np.ndarray) -> dict[str, Any]:
        if _dark(image):
            time.sleep(3600)
        return _line(image)


class RaiseOnDark(_Faulty):
    def recognize(self, image: np.ndarray) -> dict[str, Any]:
        if _dark(image):
            raise RuntimeError("engine error on this page")
        return _line(image)


class BadGlyphsOnDark(_Faulty):
    """Reads a dark page into something its own glyph step cannot use: an error in the worker
    itself, outside the OCR process (logged with its traceback, which only -v shows)."""

    def recognize(self, image: np.ndarray) -> dict[str, Any]:
        return {"lines": [{"text": "坏", "score": 0.9, "box": "not a box"}]} if _dark(image) else _line(image)


class HangOnceOnDark(_Faulty):
    """Hangs on the first dark page it meets, across processes (a marker file in the folder
    `FAULT_MARKER_DIR` remembers it), then reads dark pages normally: trouble of the moment."""

    def recognize(self, image: np.ndarray) -> dict[str, Any]:
        if _dark(image):
            marker = os.path.join(os.environ["FAULT_MARKER_DIR"], "hung-once")
            if not os.path.exists(marker):
                open(marker, "w").close()
                time.sleep(3600)
        return _line(image)


class CrashOrHangOnDark(_Faulty):
    """On a black page the process dies (a crash in native code); on a striped one it hangs where
    the document's alarm cannot reach it (SIGALRM blocked, as in native code that never returns):
    only the one that runs the document can end it, by killing its worker."""

    def recognize(self, image: np.ndarray) -> dict[str, Any]:
        mean = float(image.mean())
        if mean < 60:
            os._exit(3)
        if mean < 200:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(3600)
        return _line(image)
