"""Words → text lines: words on one baseline with no wide gap between them."""

from __future__ import annotations

from collections.abc import Iterable

from extractor.ingest.words import group_lines
from extractor.model.page import TextLine, Word

SPLIT_GAP = 2.5  # a gap wider than this × font size separates two lines on one baseline


def build_lines(words: Iterable[Word]) -> list[TextLine]:
    out: list[TextLine] = []
    for row in group_lines(words):
        run: list[Word] = [row[0]]
        for w in row[1:]:
            size = max(run[-1].height, w.height, run[-1].size, w.size, 1.0)
            if w.x0 - run[-1].x1 > SPLIT_GAP * size:
                out.append(TextLine(tuple(run)))
                run = []
            run.append(w)
        out.append(TextLine(tuple(run)))
    return out
