"""The unit of a column: from its header path (`受理（件）`, `本月（件）/受理`, `比重（%）`, `增长%`), else
from the table's unit line (`单位：万元`, `金额单位：万元`) for columns of amounts.

The level nearest the column wins: in `金额（万元）/比重（%）` the column is in %. A unit is a short
parenthesised word at the end of a level, or `%`/`‰` ending it. A column of ordinals (序号 1, 2, 3 …)
takes no unit from the unit line.
"""

from __future__ import annotations

import re
import unicodedata

from extractor.tables.values import normalise

_IN_BRACKETS = re.compile(r"[(\[]([^()\[\]]{1,6})[)\]]$")
_PER = re.compile(r"(%|‰)$")
_UNIT_LINE = re.compile(r"单位\s*:\s*([\u4e00-\u9fffA-Za-z%‰/]{1,6})")
_NOT_A_UNIT = re.compile(r"\d|[年月日]$|^(?:注|含|不含|除|其中|按|下同|同上)|^[一二三四五六七八九十]+$|^.{5,}$|[、,;:]")


def header_unit(path: str) -> str:
    """`本月（件）/受理` → 件, `比重（%）` → %, `地区` → ''."""
    for level in reversed(path.split("/")):
        text = normalise(level)
        m = _IN_BRACKETS.search(text)
        unit = m[1].removeprefix("单位:") if m else ""
        if unit and not _NOT_A_UNIT.search(unit):
            return unit
        m = _PER.search(text)
        if m:
            return m[1]
    return ""


def unit_line(texts: list[str]) -> str:
    """The unit a line above (or over) a table names: `单位：万元` → 万元; '' when none does."""
    for text in texts:
        m = _UNIT_LINE.search(unicodedata.normalize("NFKC", text))
        if m:
            return m[1]
    return ""
