"""Body rows → row paths: the hierarchy of the row labels, as header paths are the columns'.

    地区生产总值（亿元）          → 地区生产总值（亿元）
      其中：第一产业              → 地区生产总值（亿元）/第一产业
            第二产业              → 地区生产总值（亿元）/第二产业
    耿达镇 │ 政务服务 (merged)     → 耿达镇/政务服务
           │ 小计                 → 耿达镇/小计

The *stub* is the column that names the rows: the first mostly-text body column
that is not a group column. Budget tables print a 科目编码 left of it (类/款/项 or
one code of 3, 5, 7 digits): there the code's depth is the level. A group column is a text column left of it whose
labels are merged over several rows (镇 over its villages); its label is a level
above the stub. Inside the stub, a row is the child of the nearest row above it
that starts further left. `其中：`, `#`, `内：` count as indentation (the child's
text starts after them) and are dropped from the path; labels that are centred
in their cells carry no indentation. `加：`/`减：` rows of a financial statement are
operands of the next total: printed like `其中：`, they stand beside an amount above them,
not under it (under a heading without amounts, 所有者权益：, they stay), and keep their
marker. Levels are joined by "/".
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from itertools import pairwise

from extractor.model.result import TableCell
from extractor.tables.headers import CellGrid
from extractor.tables.paths import SEP
from extractor.textutil import is_number, squeeze

MARKER = re.compile(r"^\s*(?:其中\s*[:：]|内\s*[:：]|[#＃])\s*")
OPERAND = re.compile(r"^\s*[加减減]\s*[:：]\s*")  # 加：营业外收入: an operand of the next total, kept in the label
TOTAL = re.compile(r"小计|合计|总计|總計|合計")
SAME_INDENT = 0.5  # × character width: labels starting this close are at one level


def row_paths(grid: CellGrid, header_rows: int) -> list[str]:
    body = range(header_rows, grid.n_rows)
    if not body:
        return []
    text_cols = _leading_text_columns(grid, header_rows)
    merged = [c for c in text_cols if _is_group_column(grid, header_rows, c)]
    stub = next((c for c in text_cols if c not in merged), None)
    if stub is None and merged:
        stub = merged[-1]
    groups = [c for c in merged if stub is not None and c < stub]  # only labels left of the stub group rows
    if stub is None:
        return [""] * len(body)
    codes = _codes(grid, header_rows, stub)
    indents = _indents(grid, header_rows, stub) if codes is None else {}
    paths: list[str] = []
    stack: list[_Level] = []
    group_key: tuple[str, ...] = ()
    for row in body:
        # (text, what it comes from): a cell merged over several of these columns is one level
        levels: list[tuple[str, object]] = [(_label(grid.slots[row][c]), grid.slots[row][c]) for c in groups]
        key = tuple(text for text, _ in levels)
        if key != group_key:  # a new group starts a new hierarchy
            stack, group_key = [], key
        cell = grid.slots[row][stub]
        label = _label(cell)
        indent = indents.get(row)
        if codes is not None:  # 科目编码: a row hangs from the rows above whose codes begin its own
            code = codes.get(row, "")
            parents = [lv for lv in stack if code and code.startswith(lv.code) and len(lv.code) < len(code)]
            levels += [(level.text, level) for level in parents]
            if code and not TOTAL.search(label):
                stack = [*parents, _Level(0.0, 0.0, False, label, code)]
        elif indent is None or cell is None or cell.col != stub:
            stack = []  # a label merged over the stub and the columns left of it (合计) is top level
        else:
            parents = _parents(stack, indent)
            if OPERAND.match(label) and parents and parents[-1].valued:
                parents = parents[:-1]  # added to an amount, not a part of it: beside it
            levels += [(level.text, level) for level in parents]
            if not TOTAL.search(label):  # a 小计 or 合计 row closes its items: it neither heads nor ends a group
                valued = any(is_number(grid.text(row, c)) for c in range(stub + 1, grid.n_cols))
                stack = [*parents, _Level(indent[0], indent[1], indent[2], label, valued=valued)]
        levels.append((label, cell))
        paths.append(SEP.join(_distinct(levels)))
    return paths


@dataclass(frozen=True, slots=True)
class _Level:
    start: float  # where the label is printed, in character widths
    text_start: float  # where its text starts after a 其中： marker
    marked: bool
    text: str
    code: str = ""  # its 科目编码, in a budget table
    valued: bool = False  # it holds an amount (a heading like 所有者权益： does not)


def _parents(stack: list[_Level], indent: tuple[float, float, bool]) -> list[_Level]:
    """The rows above that a row printed at `indent` hangs from.

    A row hangs from the nearest row above printed further left. A `其中：` row is a child
    even when printed at the indent of the row it breaks down, if that row is at the
    column's edge (全市常住人口 / 其中：城镇人口); rows lined up with the text after a
    `其中：` are its siblings.
    """
    start, _, marked = indent
    if marked:
        keep = max((k for k, lv in enumerate(stack) if lv.start < start - SAME_INDENT), default=None)
        if keep is None:
            keep = max(
                (k for k, lv in enumerate(stack) if not lv.marked and abs(lv.start - start) <= SAME_INDENT),
                default=-1,
            )
        return stack[: keep + 1]
    out = list(stack)
    while out and (
        out[-1].start >= start - SAME_INDENT or (out[-1].marked and abs(out[-1].text_start - start) <= SAME_INDENT)
    ):
        out.pop()
    return out


def _label(cell: TableCell | None) -> str:
    return MARKER.sub("", squeeze(cell.text)) if cell is not None else ""


def _distinct(levels: list[tuple[str, object]]) -> list[str]:
    """The levels' texts, a cell that spans several of the columns counted once, empty ones left out
    (a child may repeat its parent's name: 其他教育支出 under 其他教育支出)."""
    out: list[str] = []
    last: object = None
    for text, source in levels:
        if text and (source is None or source is not last):
            out.append(text)
        last = source
    return out


def _is_text_column(grid: CellGrid, header_rows: int, col: int) -> bool:
    texts = [grid.text(r, col) for r in range(header_rows, grid.n_rows)]
    filled = [t for t in texts if t]
    return bool(filled) and sum(not is_number(t) for t in filled) * 2 > len(filled)


def _leading_text_columns(grid: CellGrid, header_rows: int) -> list[int]:
    """The text columns at the table's left, over any 序号 column among them."""
    cols: list[int] = []
    for col in range(grid.n_cols):
        if _is_text_column(grid, header_rows, col):
            cols.append(col)
        elif not _is_ordinal_column(grid, header_rows, col) and cols:
            break
    return cols


def _is_ordinal_column(grid: CellGrid, header_rows: int, col: int) -> bool:
    """Serial numbers 1, 2, 3 … (a 序号 column), whatever else shares it (小计, 合计)."""
    numbers = [t for r in range(header_rows, grid.n_rows) if (t := grid.text(r, col)).isdigit()]
    if len(numbers) < 2:
        return False
    steps = sum(1 for a, b in pairwise(numbers) if int(b) == int(a) + 1)
    return steps * 10 >= 7 * (len(numbers) - 1)


def _is_group_column(grid: CellGrid, header_rows: int, col: int) -> bool:
    """Labels merged down over several body rows, within this column alone."""
    return any(
        c.col == col and c.colspan == 1 and c.rowspan > 1 and c.row >= header_rows and c.text for c in grid.cells
    )


def _indents(grid: CellGrid, header_rows: int, stub: int) -> dict[int, tuple[float, float, bool]]:
    """Row → (where its label is printed, where its text starts after a 其中： marker, marked), in
    character widths from the column's edge.

    All 0 when the labels are centred: then their left edges differ only by their lengths.
    """
    starts: dict[int, tuple[float, float, bool]] = {}
    centres: dict[int, float] = {}
    labels: list[tuple[int, float, float, float, float, str]] = []  # row, ink x0, char width, cell x0, x1, text
    for row in range(header_rows, grid.n_rows):
        cell = grid.slots[row][stub]
        if cell is None or cell.col != stub or cell.colspan != 1 or cell._ink is None or cell.bbox is None:
            continue
        labels.append((row, cell._ink[0], cell._ink[1], cell.bbox[0], cell.bbox[2], squeeze(cell.text)))
    if not labels:
        return {}
    # one character width for the whole column: OCR boxes of one size vary from line to line
    width = statistics.median(label[2] for label in labels)
    for row, x0, _, left, right, text in labels:
        marker = MARKER.match(text) or OPERAND.match(text)
        start = (x0 - left) / width
        width_of_marker = _marker_width(marker.group(0)) if marker else 0.0
        # rows may line up with the text after a long marker (其中：), not after a `#`
        starts[row] = (start, start + (width_of_marker if width_of_marker >= 2 else 0.0), marker is not None)
        centres[row] = start + _visual_length(text) / 2 - (right - left) / width / 2
    if not starts:
        return {}
    if _centred({r: s[0] for r, s in starts.items()}, centres):
        return {row: (0.0, 0.0, s[2]) for row, s in starts.items()}
    base = min(s[0] for s in starts.values())
    return {row: (s[0] - base, s[1] - base, s[2]) for row, s in starts.items()}


def _codes(grid: CellGrid, header_rows: int, stub: int) -> dict[int, str] | None:
    """Budget tables give each row its 科目编码 left of the name: `205` / `205 01` / `205 01 01` in
    类/款/项 columns, or `205`, `20501`, `2050101` in one. Row → its whole code; rows without
    one (合计) are left out. None when there are no such codes, or one is misread."""
    columns = [c for c in range(stub) if _is_code_column(grid, header_rows, c)]
    if not columns:
        return None
    out: dict[int, str] = {}
    for r in range(header_rows, grid.n_rows):
        code = ""
        for c in columns:
            cell, text = grid.slots[r][c], grid.text(r, c)
            if text and not text.isdigit():
                if cell is None or cell.col + cell.colspan <= stub:
                    return None  # a code misread (OCR): the indentation is safer
                text = ""  # 合计 merged over the code and the name
            code += text
        if code:
            out[r] = code
    if len({len(code) for code in out.values()}) < 2 or len(out) * 2 < grid.n_rows - header_rows:
        return None
    return out


def _is_code_column(grid: CellGrid, header_rows: int, col: int) -> bool:
    """Mostly digit codes (a merged 合计 may cross it), and not serial numbers."""
    texts = [t for r in range(header_rows, grid.n_rows) if (t := grid.text(r, col))]
    digits = sum(1 for t in texts if t.isdigit())
    return digits >= 2 and digits * 10 >= 8 * len(texts) and not _is_ordinal_column(grid, header_rows, col)


def _marker_width(marker: str) -> float:
    return sum(0.5 if ch.isascii() else 1.0 for ch in marker.strip()) + (0.0 if marker == marker.rstrip() else 0.5)


def _visual_length(text: str) -> float:
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def _centred(starts: dict[int, float], centres: dict[int, float]) -> bool:
    """Labels whose middles line up better than their starts are centred in the column."""
    if len(starts) < 3 or max(starts.values()) - min(starts.values()) < SAME_INDENT:
        return False
    return statistics.pstdev(centres.values()) < 0.5 * statistics.pstdev(starts.values())
