"""Cells + words → cell text.

A word belongs to the cell that holds its centre. Lines inside a cell are
joined without a space between Chinese characters, so a name wrapped in a
narrow column (涪城区食品药品和 / 工商质监管理局) and a number wrapped after
its decimal point come out whole.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from extractor.ingest.words import group_lines
from extractor.model.page import Word
from extractor.model.result import TableCell
from extractor.tables.grid import Grid
from extractor.tables.spans import CellBox
from extractor.textutil import join_words, squeeze

REVIEW_BELOW = 0.8  # a cell whose least sure word the OCR read below this is flagged for review


def fill_cells(boxes: Sequence[CellBox], grid: Grid, words: Sequence[Word], page: int) -> list[TableCell]:
    slot_owner: dict[tuple[int, int], int] = {}
    for k, b in enumerate(boxes):
        for r in range(b.row, b.row + b.rowspan):
            for c in range(b.col, b.col + b.colspan):
                slot_owner[(r, c)] = k
    members: list[list[Word]] = [[] for _ in boxes]
    x_lo, x_hi, y_lo, y_hi = grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1]
    for w in words:
        cx, cy = w.cx, w.cy
        if not (x_lo <= cx <= x_hi and y_lo <= cy <= y_hi):
            continue
        col = min(max(bisect.bisect_right(grid.xs, cx) - 1, 0), grid.n_cols - 1)
        row = min(max(bisect.bisect_right(grid.ys, cy) - 1, 0), grid.n_rows - 1)
        owner = slot_owner.get((row, col))
        if owner is not None:
            members[owner].append(w)
    grouped = [group_lines(ws) for ws in members]
    texts = [squeeze(join_words([join_words([w.text for w in line]) for line in lines])) for lines in grouped]
    clock = _clock_columns(boxes, texts)
    cells = []
    for b, ws, lines, text in zip(boxes, members, grouped, texts, strict=True):
        if any(w.confidence < 1.0 for w in ws):
            text = clean_ocr_number(text, colon_is_point=b.col not in clock)
        cell = TableCell(
            row=b.row,
            col=b.col,
            rowspan=b.rowspan,
            colspan=b.colspan,
            text=text,
            page=page,
            bbox=(round(b.x0, 2), round(b.top, 2), round(b.x1, 2), round(b.bottom, 2)),
            confidence=(conf := min((w.confidence for w in ws), default=1.0)),
            low_confidence=conf < REVIEW_BELOW,
        )
        if ws:  # where the first line starts: a wrapped label's next line may start elsewhere
            cell._ink = (min(w.x0 for w in lines[0]), _char_width(ws))
            cell._reach = max(w.x1 for w in lines[-1])
        cells.append(cell)
    return cells


_SPECK = re.compile(r"^[.·,，。](?=\d)|(?<=\d)[.·,，。]$")
_COLON_DECIMAL = re.compile(r"^(\d+):(\d+%?)$")
_POINT_DECIMAL = re.compile(r"^\d+\.\d+%?$")
_GROUPED = re.compile(r"^-?\d{1,3}(?:[.,]\d{3})+\.\d{1,2}$")  # 1,645,890.39 with a comma read as a point


def _clock_columns(boxes: Sequence[CellBox], texts: Sequence[str]) -> set[int]:
    """Columns of clock times (`07:23`): most of their figures hold a colon, not a decimal point. In
    any other column a colon between digits is a decimal point the OCR misread (`0:01`)."""
    colons: dict[int, int] = {}
    points: dict[int, int] = {}
    for b, text in zip(boxes, texts, strict=True):
        if _COLON_DECIMAL.match(text):
            colons[b.col] = colons.get(b.col, 0) + 1
        elif _POINT_DECIMAL.match(text):
            points[b.col] = points.get(b.col, 0) + 1
    return {col for col, n in colons.items() if n > points.get(col, 0)}


def clean_ocr_number(text: str, colon_is_point: bool = True) -> str:
    """A number as OCR read it beside a speck of dust: `55.` / `.55` → `55`, `100:00%` → `100.00%`
    (unless `colon_is_point` is false: a column of clock times); a thousands comma read as a point
    (`1.645,890.39` → `1,645,890.39`). Printed tables never end an integer with a point, nor start
    a figure with one, nor print two decimal points."""
    if not any(ch.isdigit() for ch in text):
        return text
    text = _SPECK.sub("", text)
    if colon_is_point:
        text = _COLON_DECIMAL.sub(r"\1.\2", text)
    if text.count(".") >= 2 and _GROUPED.match(text):
        whole, decimals = text.rsplit(".", 1)
        text = whole.replace(".", ",") + "." + decimals
    return text


def _char_width(words: Sequence[Word]) -> float:
    """The width of one full-width character: the font size, or for OCR words their height."""
    sizes = sorted(w.size or (w.bottom - w.top) for w in words)
    return sizes[len(sizes) // 2]
