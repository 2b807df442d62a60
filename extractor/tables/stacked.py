"""One ruled grid holding several tables stacked one under the other.

Yearbooks and annual reports draw a second table straight under the first inside the same
frame (`年底別 …` years, then `年底及地區別 …` regions), and financial reports run a
shareholder list, its sub-tables and their notes as one grid. A new table starts at a row
that heads it:

- a banner (one cell across the whole width) followed by rows of headings, or
- rows of headings (text only, three or more cells over at least half the columns, none a
  name beside one value across the width) right after a row of values, with two or more
  rows of values again below them (one alone under a row of labels is a form's row), unless
  they are one row over the value columns alone, divided as the first row is: a second header
  row of the same table (本报告期末 under 本报告期), kept as a row of its body.

Each part keeps only the column boundaries its own cells with text use.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from extractor.model.result import TableCell
from extractor.tables.headers import CellGrid, is_form_row
from extractor.textutil import is_number

Part = tuple[list[TableCell], tuple[float, ...]]  # cells renumbered from row 0, column boundaries


def split_stacked(cells: list[TableCell], n_rows: int, n_cols: int, xs: Sequence[float]) -> list[Part]:
    grid = CellGrid(cells, n_rows, n_cols)
    starts = [r for r in range(1, n_rows) if _heads_a_table(grid, r)]
    starts = sorted({*starts, *_after_footnotes(grid, starts)})
    starts = sorted({*starts, *_off_division(grid, starts)})
    # a cell with text running over a cut: no table starts there (an empty one is cut in two)
    bounds = [0, *(s for s in starts if not _runs_over(cells, s)), n_rows]
    parts: list[Part] = []
    for top, bottom in pairwise(bounds):
        mine = [c for c in cells if top <= c.row < bottom]
        for c in mine:
            c.row -= top
            c.rowspan = min(c.rowspan, bottom - top - c.row)
        parts.append(_compact(mine, xs))
    return parts


def _heads_a_table(grid: CellGrid, row: int) -> bool:
    if _runs_over(grid.cells, row):
        return False  # a cell from above runs through this row
    if _is_banner(grid, row):
        return row + 1 < grid.n_rows and _is_heading_block(grid, row + 1)
    return (
        (_has_values(grid, row - 1) or _divided_otherwise(grid, row))
        and _is_heading_block(grid, row)
        and not _repeats_top_row(grid, row)
        and not _reheads_values(grid, row)
        and _values_follow(grid, row)
    )


def _runs_over(cells: Sequence[TableCell], row: int) -> bool:
    """A cell with text runs from above this row into it (an empty one, a sliver between two
    rules drawn side by side, binds nothing)."""
    return any(c.row < row < c.row + c.rowspan and c.text for c in cells)


def _reheads_values(grid: CellGrid, row: int) -> bool:
    """A second header row inside a table (`本报告期末 | 上年度末 | …` under `本报告期 | 上年同期 | …`):
    one row of headings over the value columns only, its stub cell empty, dividing the columns exactly
    as the table's first row does. A new table heads its own stub (`年底及地區別`)."""
    if row + 1 >= grid.n_rows or _has_values(grid, row) or not _has_values(grid, row + 1):
        return False
    stub = grid.slots[row][0]
    if stub is not None and stub.text:
        return False
    return _boundaries(grid, row, row + 1) == _boundaries(grid, 0, 1)


def _values_follow(grid: CellGrid, row: int) -> bool:
    """Two rows of values under the headings (rows with only their labels between them, as 中成药 with
    nothing spent, do not count): one alone under a row of labels is a form's row."""
    end = next((r for r in range(row, grid.n_rows) if _has_values(grid, r)), grid.n_rows)
    after = next((r for r in range(end + 1, grid.n_rows) if not _labels_only(grid, r)), grid.n_rows)
    return after < grid.n_rows and _has_values(grid, after)


def _labels_only(grid: CellGrid, row: int) -> bool:
    """A row whose first cell alone holds text."""
    filled = [c for c in grid.row_cells(row) if c.text]
    return len(filled) <= 1 and all(c.col == 0 for c in filled)


def _after_footnotes(grid: CellGrid, starts: Sequence[int]) -> list[int]:
    """A banner under a table's rows (`注1：…`) followed by rows divided at other columns (a
    label and its long explanation): those rows are a table of their own; the banner closes the
    one above."""
    out = []
    for row in range(1, grid.n_rows - 1):
        if not _is_banner(grid, row) or row in starts:
            continue
        top = max((s for s in starts if s < row), default=0)
        end = min((r for r in range(row + 1, grid.n_rows) if _is_banner(grid, r)), default=grid.n_rows)
        above, below = _boundaries(grid, top, row), _boundaries(grid, row + 1, end)
        if above and below and above - below and below - above:
            out.append(row + 1)
    return out


def _divided_otherwise(grid: CellGrid, row: int) -> bool:
    """The row above is divided at columns the table below never uses, and the table at columns it
    does not: a form's particulars (`出院诊断 | 急性… | 出院日期 | 2019.04.16`) over a table's headings."""
    end = next((r for r in range(row, grid.n_rows) if _has_values(grid, r)), grid.n_rows)
    end = next((r for r in range(end, grid.n_rows) if not _has_values(grid, r)), grid.n_rows)
    above, below = _boundaries(grid, row - 1, row), _boundaries(grid, row, end)
    return bool(above - below) and bool(below - above)


def _off_division(grid: CellGrid, starts: Sequence[int]) -> list[int]:
    """Rows after a table's values divided at other columns (`暂缓统筹支付额 | 0.00 | 本次支出个人账户 |`
    under a table of six columns): two or more of their boundaries are new to the table and no more
    are its own, so they are the next block of a form, not rows of this table. One new boundary
    alone (a stray stroke read as a rule) does not cut."""
    out = []
    bounds = [0, *starts, grid.n_rows]
    for top, bottom in pairwise(bounds):
        seen: set[int] = set()
        values = 0
        for row in range(top, bottom):
            mine = _boundaries(grid, row, row + 1)
            new = mine - seen
            if values >= 2 and len(new) >= 2 and len(mine & seen) <= len(new):
                out.append(row)
                seen, values = set(), 0
            seen |= mine
            values += _has_values(grid, row)
    return out


def _boundaries(grid: CellGrid, top: int, end: int) -> set[int]:
    """Inner column boundaries the cells of rows top..end-1 start or end at."""
    cells = [c for c in grid.cells if top <= c.row < end]
    return {k for c in cells for k in (c.col, c.col + c.colspan)} - {0, grid.n_cols}


def _is_banner(grid: CellGrid, row: int) -> bool:
    cells = grid.row_cells(row)
    return len(cells) == 1 and cells[0].colspan == grid.n_cols and bool(cells[0].text)


def _is_heading_block(grid: CellGrid, row: int) -> bool:
    """Rows of headings from `row` down to the next row of values (at most four): text only,
    three or more cells, over at least half the columns."""
    end = next((r for r in range(row, min(grid.n_rows, row + 5)) if _has_values(grid, r)), None)
    if end is None or end == row:
        return False
    filled = [c for c in grid.cells if row <= c.row < end and c.text]
    if len(filled) < 3 or any(is_number(c.text) for c in filled):
        return False
    if any(is_form_row(grid, r) for r in range(row, end)):
        return False
    if any(c.row + c.rowspan > end for c in filled):
        return False  # a label merged down over the values below: a row group of this table
    covered = {col for c in filled for col in range(c.col, c.col + c.colspan)}
    # headings name the columns of values under them; labels of rows with empty values do not
    valued = {c.col for c in grid.cells if end <= c.row < end + 3 and is_number(c.text)}
    return len(covered) * 2 >= grid.n_cols and len(valued & covered) * 3 >= 2 * len(valued)


def _repeats_top_row(grid: CellGrid, row: int) -> bool:
    """Section rows of one table repeat its heading words (`西南 | 渗透率 | 西北 | 渗透率` under
    `华北 | 渗透率 | 华南 | 渗透率`); a new table heads its columns with words of its own."""
    first = next((r for r in range(grid.n_rows) if _has_values(grid, r)), 0)
    top = {c.text for c in grid.cells if c.row < min(max(first, 1), row) and c.text}  # not this row itself
    end = next((r for r in range(row, grid.n_rows) if _has_values(grid, r)), grid.n_rows)
    mine = [c.text for c in grid.cells if row <= c.row < end and c.text]
    return sum(1 for t in mine if t in top) * 2 >= len(mine)


def _has_values(grid: CellGrid, row: int) -> bool:
    return any(is_number(c.text) for c in grid.row_cells(row) if c.text)


def _compact(cells: list[TableCell], xs: Sequence[float]) -> Part:
    """Drop the column boundaries no cell with text of this part starts or ends at (those of
    the other tables in the grid, or a rule under a signature line): empty cells widen to the
    boundaries kept, and go where a cell with text covers them."""
    last = len(xs) - 1
    filled = [c for c in cells if c.text]
    keep = sorted({0, last, *(k for c in filled for k in (c.col, c.col + c.colspan))})
    index = {old: new for new, old in enumerate(keep)}
    out: list[TableCell] = []
    taken: set[tuple[int, int]] = set()
    for c in sorted(cells, key=lambda c: not c.text):  # cells with text first
        start = index[max(k for k in keep if k <= c.col)]
        end = index[min(k for k in keep if k >= c.col + c.colspan)]
        slots = {(r, k) for r in range(c.row, c.row + c.rowspan) for k in range(start, end)}
        if not c.text and slots & taken:
            continue
        taken |= slots
        c.col, c.colspan = start, end - start
        out.append(c)
    out.sort(key=lambda c: (c.row, c.col))
    return out, tuple(xs[k] for k in keep)
