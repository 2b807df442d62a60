"""Page furniture: running heads, footers and page numbers, which belong to no paragraph or table."""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.model.page import TextLine

MARGIN = 0.08  # share of the page height at the top and bottom where furniture lives
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*\d{1,4}[-—–－\s]*$|^第\s*\d+\s*页(\s*[/,，]?\s*共\s*\d+\s*页)?$|^\d+\s*/\s*\d+$")


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def furniture_lines(pages: Sequence[tuple[float, Sequence[TextLine]]]) -> set[tuple[int, int]]:
    """(page index, line index) of lines that are page furniture.

    A line is furniture when it sits in the top or bottom margin band and is a
    page number, or when the same text sits in the same band on another page
    (a running head or footer).
    """
    seen: dict[tuple[str, str], list[tuple[int, int]]] = {}
    out: set[tuple[int, int]] = set()
    for p, (height, lines) in enumerate(pages):
        for i, line in enumerate(lines):
            band = "top" if line.bottom < height * MARGIN else "bottom" if line.top > height * (1 - MARGIN) else ""
            if not band:
                continue
            text = line.text
            if is_page_number(text):
                out.add((p, i))
            key = (band, re.sub(r"\d+", "#", text))
            seen.setdefault(key, []).append((p, i))
    for places in seen.values():
        if len({p for p, _ in places}) >= 2:
            out.update(places)
    return out
