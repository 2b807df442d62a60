"""A table's title: the caption line(s) just above it (`附件1：…统计详表（11月）`).

Only short, caption-like lines directly above the table qualify; a unit line
(`单位：件`) between caption and table is skipped; a sentence of narrative that
happens to precede the table (ends with 。 or ：) does not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.model.page import TextLine
from extractor.textutil import join_words

MAX_LINES = 3
MAX_CHARS = 80
_UNIT = re.compile(r"^[（(]?\s*(计量)?单位\s*[:：]")
_NUMBERED = re.compile(r"^(附件|附表|表)\s*[:：]?\s*[\d一二三四五六七八九十]")
_CAPTION = re.compile(_NUMBERED.pattern + r"|统计|情况|汇总|明细|一览|数据|报表|台账")
_SENTENCE_END = ("。", "；", ";", "：", ":", "，", ",")


def find_title(
    table_bbox: tuple[float, float, float, float], lines: Sequence[TextLine]
) -> tuple[str | None, list[TextLine]]:
    """The caption above the table and the lines it used: the caption's, and a unit line between it and
    the table (only that, when there is no caption)."""
    x0, top, x1, _ = table_bbox
    width = x1 - x0
    above = sorted(
        (ln for ln in lines if ln.bottom <= top + 2 and ln.x1 > x0 - 0.1 * width and ln.x0 < x1 + 0.1 * width),
        key=lambda ln: -ln.bottom,
    )
    used: list[TextLine] = []
    caption: list[TextLine] = []
    edge = top
    for ln in above:
        gap_limit = 1.8 * max(ln.size, ln.bottom - ln.top) + 4
        if edge - ln.bottom > gap_limit:
            break
        text = ln.text.strip()
        if _UNIT.match(text) and not caption:
            used.append(ln)
            edge = ln.top
            continue
        if not _is_caption(text, ln, x0, x1) or len(caption) >= MAX_LINES:
            break
        caption.append(ln)
        used.append(ln)
        edge = ln.top
    if not caption:
        return None, used
    return join_words([ln.text for ln in reversed(caption)]), used


def names_a_table(text: str) -> bool:
    """Text inside a grid's top row that reads as the table's caption or unit line, not as a
    heading over its columns: `附件1：…`, `…统计表（11月）`, `…班级课表 …启用`, `单位：万元` (but not
    `财政拨款“三公”经费` or `前10名股东持股情况`, which head the columns under them)."""
    text = text.strip()
    return bool(_NUMBERED.search(text) or _UNIT.match(text) or "表" in text)


def _is_caption(text: str, line: TextLine, x0: float, x1: float) -> bool:
    if not text or len(text) > MAX_CHARS or text.endswith(_SENTENCE_END):
        return False
    centred = abs((line.x0 + line.x1) / 2 - (x0 + x1) / 2) < 0.15 * (x1 - x0)
    return centred or bool(_CAPTION.search(text))
