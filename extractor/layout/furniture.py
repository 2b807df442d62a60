"""Page furniture: running heads, footers and page numbers, which belong to no paragraph or table."""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.model.page import TextLine

MARGIN = 0.12  # share of the page height at the top and bottom where running heads and footers live
# `— 2 —` as OCR reads it: dashes may come back as 一 (one), ～, or alone when the digit is lost
_DASH = r"[-—–－一~～\s]"
_PAGE_NUMBER = re.compile(
    rf"^{_DASH}*\d{{1,4}}{_DASH}*$|^[-—–－~～]{{2,}}$|^第\s*\d+\s*页(\s*[/,，]?\s*共\s*\d+\s*页)?$|^\d+\s*/\s*\d+$"
)


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def furniture_lines(pages: Sequence[tuple[float, Sequence[TextLine]]]) -> set[tuple[int, int]]:
    """(page index, line index) of lines that are page furniture.

    A line is furniture when it is a page number and the first or last line of
    its page, or when the same text (digits aside) sits in the top or bottom
    band of another page too (a running head or footer).
    """
    seen: dict[tuple[str, str], list[tuple[int, int]]] = {}
    out: set[tuple[int, int]] = set()
    for p, (height, lines) in enumerate(pages):
        if not lines:
            continue
        first = min(range(len(lines)), key=lambda i: lines[i].top)
        last = max(range(len(lines)), key=lambda i: lines[i].bottom)
        for i, line in enumerate(lines):
            text = line.text
            if i in (first, last) and is_page_number(text):
                out.add((p, i))
            band = "top" if line.bottom < height * MARGIN else "bottom" if line.top > height * (1 - MARGIN) else ""
            if not band:
                continue
            key = (band, re.sub(r"\d+", "#", text))
            seen.setdefault(key, []).append((p, i))
    for places in seen.values():
        if len({p for p, _ in places}) >= 2:
            out.update(places)
    return out
