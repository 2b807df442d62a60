"""Empty columns and thin empty rows at a ruled grid's edges dropped.

A picture's border, a coloured margin or a double frame drawn around a table adds slots
that no text fills (a first column of nothing, a thin top row). A column at the edge whose
every cell lies inside it and is empty says nothing; cells reaching into it from elsewhere
keep it. (A page whose 备注 column happens to be empty loses it here; stitching lays such a
continuation back on the table's columns.) Rows must also be thinner than most.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from extractor.model.result import TableCell

SLIVER = 0.4  # × the median row height: thinner empty edge rows are dropped


def trim_empty_edges(cells: list[TableCell], xs: Sequence[float]) -> tuple[list[TableCell], tuple[float, ...]]:
    xs = list(xs)
    while len(xs) > 2 and _empty_column(cells, 0):
        cells = [c for c in cells if c.col != 0]
        for c in cells:
            c.col -= 1
        xs.pop(0)
    while len(xs) > 2 and _empty_column(cells, len(xs) - 2):
        cells = [c for c in cells if c.col != len(xs) - 2]
        xs.pop()
    cells, xs = _fold_slivers(cells, xs)
    n_rows = max((c.row + c.rowspan for c in cells), default=0)
    heights = sorted(c.bbox[3] - c.bbox[1] for c in cells if c.bbox and c.rowspan == 1)
    short = SLIVER * heights[len(heights) // 2] if heights else 0.0
    while n_rows > 1 and _empty_row(cells, 0) and _height(cells, 0) < short:
        cells = [c for c in cells if c.row != 0]
        for c in cells:
            c.row -= 1
        n_rows -= 1
    while n_rows > 1 and _empty_row(cells, n_rows - 1) and _height(cells, n_rows - 1) < short:
        cells = [c for c in cells if c.row != n_rows - 1]
        n_rows -= 1
    cells, n_rows = _fold_unstarted_rows(cells, n_rows)
    return _fold_thin_rows(cells, n_rows, short), tuple(xs)


def _fold_unstarted_rows(cells: list[TableCell], n_rows: int) -> tuple[list[TableCell], int]:
    """A grid row that no cell starts in holds nothing of its own: every cell over it spans it from
    the row above. A rule drawn thick or twice is found as several lines a hair apart (a real scan:
    each row of a 计划 table cut in three, every cell spanning the three, every row printed thrice);
    the row goes, the cells over it lose it."""
    starts = {c.row for c in cells}
    for r in range(n_rows - 1, 0, -1):
        if r not in starts:
            cells, n_rows = _without(cells, "row", r), n_rows - 1
    return cells, n_rows


def _fold_thin_rows(cells: list[TableCell], n_rows: int, short: float) -> list[TableCell]:
    """A row inside the grid far thinner than the others, whose own cells are empty, is a rule drawn
    twice, not a row: a bent rule of a curled photo, flattened, lies at two heights, and the band
    between them cut the first body row in two (the cells on its right spanning both, so the header
    took the row). Its empty cells go; cells starting in it or spanning it lose it."""
    r = 1
    while r < n_rows - 1:
        own = [c for c in cells if c.row == r and c.rowspan == 1]
        if not own or any(c.text for c in own) or _height(cells, r) >= short:
            r += 1
            continue
        cells, n_rows = _without(cells, "row", r), n_rows - 1
    return cells


def _without(cells: list[TableCell], axis: str, k: int) -> list[TableCell]:
    """The cells with row (or column) `k` taken out: cells only in it go, cells spanning it lose it,
    cells after it move up (or left) one."""
    span = axis + "span"
    kept = []
    for c in cells:
        start, length = getattr(c, axis), getattr(c, span)
        if start == k and length == 1:
            continue
        if start <= k < start + length:
            setattr(c, span, length - 1)
        elif start > k:
            setattr(c, axis, start - 1)
        kept.append(c)
    return kept


def _fold_slivers(cells: list[TableCell], xs: list[float]) -> tuple[list[TableCell], list[float]]:
    """An edge column far narrower than the others that no text starts in is a ruling overshooting
    the frame, not a column: cells reaching into it lose it, cells only in it go."""
    widths = sorted(b - a for a, b in pairwise(xs))
    if len(widths) < 3:
        return cells, xs
    narrow = SLIVER * widths[len(widths) // 2]
    # the right edge's index is taken after the left may have gone; two slivers a side at most (a
    # double frame); a heading spanning from the sliver into the table does not start its text there
    for side in ("left", "left", "right", "right"):
        edge = 0 if side == "left" else len(xs) - 2
        if len(xs) <= 3 or xs[edge + 1] - xs[edge] >= narrow:
            continue
        if any(c.col == edge and c.colspan == 1 and c.text for c in cells):
            continue
        cells = _without(cells, "col", edge)
        xs = xs[1:] if edge == 0 else xs[:-1]
    return cells, xs


def _empty_column(cells: Sequence[TableCell], col: int) -> bool:
    touching = [c for c in cells if c.col <= col < c.col + c.colspan]
    return bool(touching) and all(c.col == col and c.colspan == 1 and not c.text for c in touching)


def _empty_row(cells: Sequence[TableCell], row: int) -> bool:
    touching = [c for c in cells if c.row <= row < c.row + c.rowspan]
    return bool(touching) and all(c.row == row and c.rowspan == 1 and not c.text for c in touching)


def _height(cells: Sequence[TableCell], row: int) -> float:
    return max((c.bbox[3] - c.bbox[1] for c in cells if c.row == row and c.rowspan == 1 and c.bbox), default=0.0)
