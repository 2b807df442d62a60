"""Build small synthetic grids: rulings for a table drawn as a list of cell rectangles."""

from __future__ import annotations

from extractor.ingest.rulings import merge
from extractor.model.page import Ruling, Word


def box_rulings(cells: list[tuple[float, float, float, float]]) -> list[Ruling]:
    """Rulings that draw every (x0, top, x1, bottom) rectangle, merged as a PDF page would give them."""
    out: list[Ruling] = []
    for x0, top, x1, bottom in cells:
        out += [
            Ruling("h", top, x0, x1),
            Ruling("h", bottom, x0, x1),
            Ruling("v", x0, top, bottom),
            Ruling("v", x1, top, bottom),
        ]
    return merge(out)


def word(text: str, x: float, y: float, w: float = 10.0, h: float = 10.0) -> Word:
    """A word centred at (x, y)."""
    return Word(text, x - w / 2, y - h / 2, x + w / 2, y + h / 2, size=h)
