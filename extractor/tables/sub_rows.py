"""Sub-rows without rules: one ruled cell holding as many indicators as there are rows beside it.

A 统计公报 or a budget table sometimes rules its value columns row by row but leaves the label
column's cell whole, two or more indicators written one above the other in it (`从业人员（万人）`
over `营业收入（亿元）`, each on the line of its own values). Read as one merged cell, its labels
are glued (`从业人员（万人）营业收入（亿元）`) and repeated beside every value. Such a cell is as many
cells as it has lines when each line sits on the baseline of the values in one of the rows it
spans. A group label merged over its rows (`三、本年度办理结果`), or a label wrapped and centred
over two rows, is not: its lines are fewer than its rows, or sit between their values.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.ingest.words import group_lines
from extractor.model.page import Word
from extractor.tables.grid import Grid
from extractor.tables.spans import CellBox
from extractor.textutil import is_number

ON_LINE = 0.3  # × line height: a label line this close to the middle of the values beside it is on their line


def split_sub_rows(boxes: Sequence[CellBox], grid: Grid, words: Sequence[Word]) -> list[CellBox]:
    out: list[CellBox] = []
    for box in boxes:
        if box.rowspan < 2:
            out.append(box)
            continue
        out += _split(box, boxes, grid, words) or [box]
    return out


def _split(box: CellBox, boxes: Sequence[CellBox], grid: Grid, words: Sequence[Word]) -> list[CellBox] | None:
    mine = [w for w in words if box.x0 <= w.cx <= box.x1 and box.top <= w.cy <= box.bottom]
    lines = group_lines(mine)
    if len(lines) != box.rowspan:
        return None
    parts = []
    for i, line in enumerate(lines):
        row = box.row + i
        y0, y1 = grid.ys[row], grid.ys[row + 1]
        top, bottom = min(w.top for w in line), max(w.bottom for w in line)
        values = [w for w in _beside(box, row, boxes, words) if is_number(w.text)]
        if not values:
            return None  # headings beside (`序` / `号` beside `行政许可` over `受理`), or nothing
        cy, vy = (top + bottom) / 2, sum(w.cy for w in values) / len(values)
        if not (y0 <= cy <= y1) or abs(cy - vy) > ON_LINE * (bottom - top):
            return None
        parts.append(CellBox(row, box.col, 1, box.colspan, box.x0, y0, box.x1, y1))
    return parts


def _beside(box: CellBox, row: int, boxes: Sequence[CellBox], words: Sequence[Word]) -> list[Word]:
    """The words of the one-row cell right beside the box in `row`: the values split the same way
    as the lines of the label (a merged value cell beside means the row is not divided there)."""
    right = box.col + box.colspan
    cells = [b for b in boxes if b.row == row and b.rowspan == 1 and b.col == right]
    return [w for b in cells for w in words if b.x0 <= w.cx <= b.x1 and b.top <= w.cy <= b.bottom]
