"""Text lines outside tables → paragraphs in reading order, with page and character offsets.

Bulletins are set in one column, so reading order is page by page, top to
bottom. A paragraph ends at a heading, a wider gap, a line that stops well
short of the right margin, or before a first-line indent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractor.model.page import TextLine
from extractor.model.result import Narrative, Paragraph
from extractor.textutil import join_words

_HEADING = re.compile(
    r"^(●|■|◆|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十]+[章节部分])"
)


_PARAGRAPH_END = ("。", "！", "？", "；", "：", ":", ";", "!", "?", "”", "…")


@dataclass(frozen=True, slots=True)
class PageLines:
    number: int
    lines: Sequence[TextLine]


def is_heading(line: TextLine, body_size: float) -> bool:
    text = line.text
    short = len(text) <= 40
    bold = all(w.bold for w in line.words)
    bigger = line.size > body_size * 1.15
    ends_sentence = text.endswith(("。", "，", "；", ",", ";", "：", ":"))  # a heading has no such ending
    return short and not ends_sentence and (bold or bigger or bool(_HEADING.match(text)))


def body_font_size(pages: Sequence[PageLines]) -> float:
    counts: dict[float, int] = {}
    for page in pages:
        for line in page.lines:
            for w in line.words:
                key = round(w.size or w.height, 1)
                counts[key] = counts.get(key, 0) + len(w.text)
    return max(counts, key=lambda k: counts[k]) if counts else 12.0


def build_narrative(pages: Sequence[PageLines]) -> Narrative:
    body = body_font_size(pages)
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    offset = 0
    for page in pages:
        lines = sorted(page.lines, key=lambda ln: (ln.top, ln.x0))
        if not lines:
            continue
        left = min(ln.x0 for ln in lines)
        right = max(ln.x1 for ln in lines)
        for group, heading in _split(lines, body, left, right):
            text = join_words([ln.text for ln in group])
            if not text:
                continue
            if parts:
                parts.append("\n")
                offset += 1
            parts.append(text)
            bbox = (
                round(min(ln.x0 for ln in group), 2),
                round(min(ln.top for ln in group), 2),
                round(max(ln.x1 for ln in group), 2),
                round(max(ln.bottom for ln in group), 2),
            )
            paragraphs.append(
                Paragraph(page=page.number, span=(offset, offset + len(text)), bbox=bbox, heading=heading)
            )
            offset += len(text)
    return Narrative(text="".join(parts), paragraphs=paragraphs)


def _split(lines: Sequence[TextLine], body: float, left: float, right: float) -> list[tuple[list[TextLine], bool]]:
    groups: list[tuple[list[TextLine], bool]] = []
    current: list[TextLine] = []
    for ln in lines:
        size = max(ln.size, 1.0)
        # a line that runs to the right margin is a wrapped body line, whatever its size says
        # (OCR boxes make some first lines look bigger than the body)
        heading = is_heading(ln, body) and right - ln.x1 > 1.5 * size
        if current:
            prev = current[-1]
            gap = ln.top - prev.bottom
            new = (
                heading
                or _group_heading(current, body, right)
                or gap > 0.9 * size
                or ln.x0 > left + 1.2 * size
                or _ends_short(prev, right, size)
            )
            if new:
                groups.append((current, _group_heading(current, body, right)))
                current = []
        current.append(ln)
    if current:
        groups.append((current, _group_heading(current, body, right)))
    return groups


def _group_heading(group: Sequence[TextLine], body: float, right: float) -> bool:
    ln = group[0]
    return groups_heading(group, body) and right - ln.x1 > 1.5 * max(ln.size, 1.0)


def _ends_short(line: TextLine, right: float, size: float) -> bool:
    """A line that stops short of the margin ends its paragraph, unless only a glyph or two
    (a closing quote kept with its word) was pushed to the next line."""
    short_by = right - line.x1
    return short_by > 5 * size or (short_by > 2.5 * size and line.text.endswith(_PARAGRAPH_END))


def groups_heading(group: Sequence[TextLine], body: float) -> bool:
    return len(group) == 1 and is_heading(group[0], body)
