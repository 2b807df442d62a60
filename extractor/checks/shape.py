"""Cells out of the shape of their column or their row: what a misread leaves where no arithmetic
reaches.

- **unlike its column**: a figure printed unlike every other figure of its column (a count among
  rates, without the % sign all the others print);
- **missing**: nothing at all printed where every other row of figures prints one (OCR missed a
  short cell, or a row's figures moved one column left and left its last cell empty). A dash is
  printed on purpose and is not missing;
- **out of sequence**: one number in a column that numbers its rows 1, 2, 3 … where its
  neighbours say which it must be (…, 2, 0, 4, …);
- **out of step**: a row whose kinds of cell (words, figures, nothing) are the other rows' moved
  one column right, its label column empty and its label among the figures.

Each returns grid slots (row, col) of the cells to flag.
"""

from __future__ import annotations

import re

import numpy as np

from extractor.checks.grid import Figures
from extractor.model.result import Table
from extractor.tables.values import counts_up, typed

MIN_FORM_ROWS = 4  # figures a column needs before one can be unlike the rest of it

WORDS, FIGURE, DASH, EMPTY = "T", "N", "-", ""


def kinds(table: Table) -> list[list[str]]:
    """Each body slot's kind: words, a figure, a dash (nothing printed on purpose) or empty; a slot
    a merged cell covers has that cell's kind."""
    n, m = len(table.rows), len(table.columns)
    out = [[EMPTY] * m for _ in range(n)]
    for cell in table.cells:
        if cell.header:
            continue
        t = typed(cell.text)
        if t.number is not None:
            kind = FIGURE
        elif isinstance(t.value, str):
            kind = WORDS
        else:
            kind = DASH if cell.text.strip() else EMPTY
        for r in range(cell.row - table.header_rows, cell.row - table.header_rows + cell.rowspan):
            for k in range(cell.col, cell.col + cell.colspan):
                if 0 <= r < n and 0 <= k < m:
                    out[r][k] = kind
    return out


def unlike_their_columns(table: Table, f: Figures) -> list[tuple[int, int]]:
    """Without the % sign all the others print, or with it where none of the others has it.
    Decimals are not compared: tables print 99.7% among 98.50% and 100 among 99.86. 0 and 100 are
    left alone."""
    odd = []
    for j in range(f.shape[1]):
        rows = [i for i in range(f.shape[0]) if not np.isnan(f.value[i, j])]
        if len(rows) < MIN_FORM_ROWS or counts_up(f.column(j)):
            continue
        forms = {i: typed(table.rows[i][j]).unit in ("%", "‰") for i in rows}
        usual = max(set(forms.values()), key=list(forms.values()).count)
        unlike = [i for i in rows if forms[i] != usual and abs(f.value[i, j]) not in (0.0, 1.0, 100.0)]
        if len(unlike) == 1 and list(forms.values()).count(usual) >= len(rows) - 1 and not _own_unit(table, unlike[0]):
            odd.append(f.grid(unlike[0], j))
    return odd


# a row label that names its own measure: a unit in brackets at its end (（元/股）, (%)), or a rate
_OWN_UNIT = re.compile(r"[（(][^（）()]{1,8}[)）]\s*$|率|比重|占比|比例")


def _own_unit(table: Table, row: int) -> bool:
    """A key-figures table prints each row in its own unit (营业收入（元） beside 加权平均净资产收益率
    4.37%): a figure whose row names its measure is not out of its column's form."""
    labels = [t for t in table.rows[row] if t and typed(t).number is None]
    return bool(labels) and bool(_OWN_UNIT.search(labels[0]))


def missing(f: Figures, kind: list[list[str]], totals: set[int]) -> list[tuple[int, int]]:
    """Rows of figures are those printing figures in at least half their columns of figures; a
    total row may leave columns blank (合计 rows often do) and is not one."""
    n = f.shape[0]
    if n == 0:
        return []
    printed = ~np.isnan(f.value)
    figure_columns = printed.any(axis=0)
    rows = [i for i in range(n) if i not in totals and printed[i].sum() * 2 >= max(2, figure_columns.sum())]
    out = []
    for j in np.flatnonzero(figure_columns):
        empty = [i for i in rows if kind[i][j] == EMPTY]
        full = [i for i in rows if printed[i, j]]
        if len(empty) == 1 and len(full) >= MIN_FORM_ROWS and len(full) == len(rows) - 1:
            out.append(f.grid(empty[0], int(j)))
    return out


def out_of_sequence(f: Figures) -> list[tuple[int, int]]:
    """In a column of at least MIN_FORM_ROWS numbers counting up but for one, that one, where the
    numbers either side of it are two apart."""
    out = []
    for j in range(f.shape[1]):
        rows = [i for i in range(f.shape[0]) if not np.isnan(f.value[i, j])]
        values = [float(f.value[i, j]) for i in rows]
        if len(values) < MIN_FORM_ROWS or counts_up(values) or not all(v.is_integer() for v in values):
            continue
        for k in range(len(values)):
            before, after = values[max(0, k - 1) : k], values[k + 1 : k + 2]
            implied = before[0] + 1 if before else after[0] - 1
            fixed = [*values[:k], implied, *values[k + 1 :]]
            if values[k] != implied and counts_up(fixed) and (not before or not after or after[0] - before[0] == 2):
                out.append(f.grid(rows[k], j))
                break
    return out


def out_of_step(f: Figures, kind: list[list[str]]) -> list[tuple[int, int]]:
    """The row's kinds, moved one column left, are another row's (its last cell aside); its first
    slot is empty where every other row has words, and words stand where the others print figures."""
    n, m = f.shape
    if n < 2 or m < 3:
        return []
    label_column = all(kind[i][0] == WORDS for i in range(n) if kind[i][0] != EMPTY)
    out: list[tuple[int, int]] = []
    for i in range(n):
        row = kind[i]
        if row[0] != EMPTY or row[1] != WORDS or not label_column:
            continue
        others = [kind[r] for r in range(n) if r != i]
        if not all(o[0] == WORDS and o[1] != WORDS for o in others):
            continue
        moved = row[1:]
        if any(o[: m - 1] == moved for o in others):
            out.extend(f.grid(i, j) for j in range(m))
    return out
