"""How many of a table's top rows are header rows — found from structure, never a fixed count.

Signals, in order:
1. the first row is a header unless it already looks like data (a table
   continued from the previous page without its header) or holds a sentence (5);
2. a header cell that spans down pulls the rows it covers into the header;
3. a header cell spanning several columns with different cells under it is a
   group heading: the row below holds its sub-headings;
4. a row of text only, directly above the first row of numbers, under a header
   row that left some slots blank, is the second row of an unmerged header;
5. a row holding a sentence (a cell ending in 。) is never a header row;
6. a name beside one value across the width (a form's row) is never a header row;
7. a row of column codes under the headings (`A`, `B`, `C=A+B`; `栏次 1 2 3`) is the
   header's last row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.model.result import TableCell
from extractor.textutil import is_datum, is_number, squeeze


class CellGrid:
    """Dense view of a cell list: which cell covers each slot."""

    def __init__(self, cells: Sequence[TableCell], n_rows: int, n_cols: int) -> None:
        self.cells = list(cells)
        self.n_rows, self.n_cols = n_rows, n_cols
        self.slots: list[list[TableCell | None]] = [[None] * n_cols for _ in range(n_rows)]
        for cell in cells:
            for r in range(cell.row, min(cell.row + cell.rowspan, n_rows)):
                for c in range(cell.col, min(cell.col + cell.colspan, n_cols)):
                    self.slots[r][c] = cell

    def starting_in(self, row: int) -> list[TableCell]:
        return [c for c in self.cells if c.row == row]

    def row_cells(self, row: int) -> list[TableCell]:
        """Distinct cells covering a row, left to right."""
        seen: list[TableCell] = []
        for cell in self.slots[row]:
            if cell is not None and (not seen or seen[-1] is not cell):
                seen.append(cell)
        return seen

    def text(self, row: int, col: int) -> str:
        cell = self.slots[row][col]
        return cell.text if cell is not None else ""


def _numeric_cells(grid: CellGrid, row: int) -> int:
    return sum(1 for c in grid.starting_in(row) if is_datum(c.text))


def _is_data_row(grid: CellGrid, row: int) -> bool:
    filled = [c for c in grid.starting_in(row) if c.text]
    numeric = sum(1 for c in filled if is_datum(c.text))
    return bool(filled) and numeric * 2 >= len(filled) and numeric >= 1


def _section_labels(grid: CellGrid, row: int) -> bool:
    """Every text of the row ends with a colon (`流动资产：` | `流动负债：`): labels of the sections of
    rows below, as a balance sheet prints them; no column heading ends so."""
    texts = [c.text.strip() for c in grid.starting_in(row) if c.text.strip()]
    return bool(texts) and all(t.endswith((":", "：")) for t in texts)


def _is_banner(grid: CellGrid, row: int) -> bool:
    """One cell across the whole width: a caption or section row, not a header."""
    cells = grid.row_cells(row)
    return len(cells) == 1 and cells[0].colspan == grid.n_cols


def count_header_rows(grid: CellGrid) -> int:
    n = grid.n_rows
    if n > 1 and (corner := _corner_rows(grid)):
        return corner
    if n <= 1 or _is_data_row(grid, 0) or _holds_sentences(grid, 0) or is_form_row(grid, 0):
        return 0
    h = 1
    while h < n:
        spanned = max((c.row + c.rowspan for c in grid.cells if c.row < h), default=h)
        if spanned > h:
            h = min(spanned, n)
            continue
        if _names_columns(grid, h):
            h += 1
            continue
        if (
            _is_banner(grid, h)
            or _numeric_cells(grid, h) > 0
            or _holds_sentences(grid, h)
            or is_form_row(grid, h)
            or _section_labels(grid, h)
        ):
            break
        if _has_group_heading_over(grid, h) or _unmerged_second_row(grid, h):
            h += 1
            continue
        break
    return min(h, n)


def _corner_rows(grid: CellGrid) -> int:
    """A corner cell naming the rows and the columns (`招生学校 \\ 初中毕业学校`, often split by a
    diagonal) spans the header rows, whatever they hold (`062001` over `上海市市西中学`): data follows
    right under it, and its rows name the columns with words."""
    corner = grid.slots[0][0]
    if corner is None or corner.rowspan < 2 or not corner.text or is_number(corner.text):
        return 0
    h = corner.rowspan
    if h >= grid.n_rows or not _is_data_row(grid, h):
        return 0
    for r in range(h):  # one of them names the columns in words alone (the schools under their codes)
        filled = [c.text for c in grid.starting_in(r) if c is not corner and c.text]
        if len(filled) * 2 >= grid.n_cols - corner.colspan and not any(re.search(r"\d", t) for t in filled):
            return h
    return 0


COLUMN_CODE = re.compile(r"^[A-Za-z](?:\s*[=＝][A-Za-z0-9+\-*/×÷()（）.\s]+)?$")
LINE_NUMBERS = re.compile(r"^(?:栏次|行次|栏号)$")


def _names_columns(grid: CellGrid, row: int) -> bool:
    """A row under the headings that gives each column a code (`A`, `B`, `G=A*E+A*F`; `栏次 1 2 3`):
    the last level of the header, not a row of data."""
    if row + 1 >= grid.n_rows:
        return False
    texts = [squeeze(c.text) for c in grid.row_cells(row) if c.text]
    if texts and LINE_NUMBERS.match(texts[0]):
        codes = texts[1:]
        return len(codes) >= 2 and all(t.isdigit() or COLUMN_CODE.match(t) for t in codes)
    return len(texts) >= 3 and all(COLUMN_CODE.match(t) for t in texts)


def is_form_row(grid: CellGrid, row: int) -> bool:
    """A name and its value across most of the width (主险免赔 | 本保单每次事故…), not a group
    heading over divided columns: a row of a form."""
    cells = [c for c in grid.starting_in(row) if c.text]
    widest = max((c.colspan for c in cells), default=0)
    if len(cells) != 2 or widest < 2 or widest * 2 < grid.n_cols:
        return False
    return row + 1 >= grid.n_rows or not _has_group_heading_over(grid, row + 1)


def _holds_sentences(grid: CellGrid, row: int) -> bool:
    """A cell ending a sentence (`…自动步枪手。`) is content: headings are names, not sentences."""
    return any(c.text.rstrip().endswith(("。", "；", ";", "！", "？")) for c in grid.starting_in(row))


def _has_group_heading_over(grid: CellGrid, row: int) -> bool:
    """A cell of the row above spans columns that the row below divides."""
    above = grid.row_cells(row - 1)
    for cell in above:
        if cell.colspan < 2 or cell.row + cell.rowspan > row:
            continue
        below = {id(c) for c in grid.slots[row][cell.col : cell.col + cell.colspan] if c is not None}
        if len(below) >= 2:
            return True
    return False


def _unmerged_second_row(grid: CellGrid, row: int) -> bool:
    if row + 1 >= grid.n_rows or not _is_data_row(grid, row + 1):
        return False
    cells = grid.row_cells(row)
    filled = [c for c in cells if c.text]
    if len(filled) < 2:
        return False
    above_blank = any(not c.text for c in grid.row_cells(row - 1))
    return above_blank


SUB_HEADING_CHARS = 4  # `类`, `款`, `项`, `编码`: sub-headings printed in a data row are short


def lift_sub_headings(cells: list[TableCell], n_rows: int, n_cols: int, header_rows: int) -> tuple[int, int]:
    """Sub-headings printed in the first data row, under a heading that nothing divides.

    Budget tables print 科目编码's `类 / 款 / 项` in the same row as 合计, to its left. Such
    cells (short text, one per column, exactly under a heading spanning those columns, in a
    row holding numbers elsewhere) become a header row of their own, and the data row keeps
    empty cells under them. Returns the new (n_rows, header_rows); `cells` is changed in place.
    """
    h = header_rows
    if h == 0 or h >= n_rows:
        return n_rows, header_rows
    grid = CellGrid(cells, n_rows, n_cols)
    lifted: list[TableCell] = []
    for group in [c for c in cells if c.row < h and c.row + c.rowspan == h and c.colspan >= 2]:
        under = [grid.slots[h][col] for col in range(group.col, group.col + group.colspan)]
        if all(_sub_heading(u, h) for u in under):
            lifted += [u for u in under if u is not None]
    if not lifted:
        return n_rows, header_rows
    kept = {id(c) for c in lifted}
    rest = [c for c in grid.starting_in(h) if id(c) not in kept and c.text]
    if not any(is_number(c.text) for c in rest):
        return n_rows, header_rows
    for c in cells:
        if c.row >= h:
            c.row += 1
        elif c.row + c.rowspan == h and not any(c.col <= u.col < c.col + c.colspan for u in lifted):
            c.rowspan += 1
    for u in lifted:
        u.row = h
        cells.append(u.model_copy(update={"row": h + 1, "text": ""}))
    return n_rows + 1, h + 1


def _sub_heading(cell: TableCell | None, row: int) -> bool:
    return (
        cell is not None
        and cell.row == row
        and cell.rowspan == 1
        and cell.colspan == 1
        and bool(cell.text)
        and len(cell.text) <= SUB_HEADING_CHARS
        and not is_number(cell.text)
    )
