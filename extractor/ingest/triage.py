"""Per PDF page: read its text layer, or OCR it.

A page goes to OCR when it has no text layer, when the text layer is garbled
(glyphs without Unicode come out as `(cid:NN)`, replacement or private-use
characters, control codes; text in the wrong encoding as Latin-1 mojibake),
or when a scan covers the page and only a few characters sit on top of it (a
stamp or page number added to a scan).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Literal

Verdict = Literal["text", "ocr"]

GARBLED_SHARE = 0.2
FEW_CHARS = 40


def is_garbled_char(text: str) -> bool:
    """A glyph without Unicode (`(cid:NN)`, replacement, private use, control), or mojibake:
    Chinese text decoded with the wrong encoding comes out as Latin-1 letters and symbols (Ã, Â, ¼ …)."""
    if text.startswith("(cid:") or text == "\ufffd":
        return True
    if len(text) != 1:
        return False
    category = unicodedata.category(text)
    return (category in ("Co", "Cc", "Cs") and text not in "\t\n\r") or "\u0080" <= text <= "\u00ff"


def triage(chars: Sequence[str], image_coverage: float) -> Verdict:
    """`chars`: the text of each glyph the page's text layer holds."""
    visible = [c for c in chars if c.strip()]
    if not visible:
        return "ocr"
    garbled = sum(1 for c in visible if is_garbled_char(c))
    if garbled / len(visible) > GARBLED_SHARE:
        return "ocr"
    if image_coverage > 0.8 and len(visible) < FEW_CHARS:
        return "ocr"
    return "text"
