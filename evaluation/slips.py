"""An OCR engine that misreads digits, for measuring repair (issue 12): RapidOCR, with one digit of
some figures changed when it reads a whole page, as a small figure in a dense table is misread.

It is a fault injector, plugged in as any engine of one's own:

    EXTRACTOR_SLIP_LOG=/tmp/slips EXTRACTOR_REPAIR=0 \\
        extractor extract samples/scanned -o out/slips-off --ocr-engine evaluation.slips:SlipEngine

Only whole pages are misread (an image whose short side is at least `PAGE_SIDE` px); a cell cut out
and read again (repair) is read as RapidOCR reads it. Which figure is misread, and how, is decided by
a hash of the figure, its place and `EXTRACTOR_SLIP_SEED`, so two runs misread the same figures; about
`EXTRACTOR_SLIP_SHARE` (0.03) of the figures on a page are misread, a figure in thirty. Each
misreading is logged, one JSON line, in the folder `EXTRACTOR_SLIP_LOG` when it is set.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from extractor.ocr.rapid import RapidOcrEngine

PAGE_SIDE = 600
SHARE = float(os.environ.get("EXTRACTOR_SLIP_SHARE", "0.03"))  # of the figures read on a page, about so many misread
_FIGURE = re.compile(r"^[\d,.%]*\d[\d,.%]*$")


class SlipEngine(RapidOcrEngine):
    name: ClassVar[str] = "rapidocr"

    def recognize(self, image: np.ndarray) -> dict[str, Any]:
        raw = super().recognize(image)
        if min(image.shape[:2]) < PAGE_SIDE:
            return raw
        seed = os.environ.get("EXTRACTOR_SLIP_SEED", "12")
        for line in raw["lines"]:
            text = line["text"].replace(" ", "")
            if sum(ch.isdigit() for ch in text) < 2 or not _FIGURE.match(text):
                continue
            where = [round(v) for v in np.asarray(line["box"]).min(axis=0)]
            digest = hashlib.sha256(f"{seed}|{text}|{where}".encode()).digest()
            if digest[0] >= SHARE * 256:
                continue
            digits = [k for k, ch in enumerate(text) if ch.isdigit()]
            k = digits[digest[1] % len(digits)]
            new = str((int(text[k]) + 1 + digest[2] % 9) % 10)
            slipped = text[:k] + new + text[k + 1 :]
            line["text"], line["chars"] = slipped, []  # the ink keeps its place: one digit for one
            _log({"old": text, "new": slipped, "box": where, "height": int(image.shape[0])})
        return raw


def _log(entry: dict[str, Any]) -> None:
    folder = os.environ.get("EXTRACTOR_SLIP_LOG")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        with (Path(folder) / f"{os.getpid()}.jsonl").open("a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
