"""The figures of a table's body as a matrix the checks test relations on.

`Figures.value[i, j]` is body row i, column j as a float (NaN where nothing numeric is printed),
`decimals[i, j]` how many decimals were printed. A number spanning several slots counts once, in
its first slot. Percentages are fractions (8.1% → 0.081, decimals 3), as `cells[].value` holds them.
`where[i][j]` is the slot's [row, col] in the cell grid (header rows included), for `checks[].cells`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from extractor.model.result import Table, TableCell
from extractor.tables.units import header_unit
from extractor.tables.values import typed


@dataclass(slots=True)
class Figures:
    value: np.ndarray  # (rows, cols) float, NaN: no figure
    decimals: np.ndarray  # (rows, cols) int
    percent: np.ndarray  # (cols,) bool: the column is a share or a rate (printed %, ‰ or a % unit)
    percent_rows: np.ndarray  # (rows,) bool: the row is (its label says `好评率（%）`)
    paths: list[list[str]]  # each column's header path, split into levels
    row_paths: list[str]
    header_rows: int
    cells: dict[tuple[int, int], TableCell]  # (grid row, col) → the cell that starts there

    @property
    def shape(self) -> tuple[int, int]:
        rows, cols = self.value.shape
        return int(rows), int(cols)

    def column(self, j: int) -> list[float]:
        """Column j's figures, top to bottom, where there are any."""
        values = self.value[:, j]
        return [float(v) for v in values[~np.isnan(values)]]

    def grid(self, i: int, j: int) -> tuple[int, int]:
        return (i + self.header_rows, j)

    def tolerance(self, i: int, j: int) -> float:
        return 0.5 * 10.0 ** -int(self.decimals[i, j])


def figures(table: Table) -> Figures:
    n, m = len(table.rows), len(table.columns)
    value = np.full((n, m), np.nan)
    decimals = np.zeros((n, m), dtype=int)
    printed_percent = np.zeros(m, dtype=bool)
    starts = {(c.row, c.col): c for c in table.cells}
    for cell in table.cells:
        i, j = cell.row - table.header_rows, cell.col
        if cell.header or not (0 <= i < n and 0 <= j < m):
            continue
        t = typed(cell.text)
        if t.number is None:
            continue
        value[i, j] = t.number
        decimals[i, j] = t.decimals
        printed_percent[j] |= t.unit in ("%", "‰")
    units = table.units or [""] * m
    percent = printed_percent | np.array([u in ("%", "‰") for u in units], dtype=bool)
    percent_rows = np.array(
        [any(isinstance(v, str) and header_unit(v) in ("%", "‰") for v in row) for row in table.values] or [],
        dtype=bool,
    ).reshape(n)
    paths = [c.split("/") if c else [""] for c in table.columns]
    return Figures(
        value, decimals, percent, percent_rows, paths, table.row_paths or [""] * n, table.header_rows, starts
    )


def header_siblings(t: int, paths: list[list[str]], least: int = 2) -> Iterator[tuple[int, ...]]:
    """For each level of column t's header path, the other columns whose path differs from t's at
    that level only: the other children of its parent (`办件量/即办件`, `办件量/承诺件` beside
    `办件量/合计`), or the same measure under the other groups (`审批类/项目数量`, `核准类/项目数量`)."""
    mine = paths[t]
    if len(mine) < 2:
        return
    for level in range(len(mine)):
        same = tuple(j for j, p in enumerate(paths) if j != t and len(p) == len(mine) and _equal_but(p, mine, level))
        if len(same) >= least:
            yield same


def header_groups(paths: list[list[str]]) -> list[tuple[int, ...]]:
    """Every set of columns that are siblings in that sense, each with the column itself."""
    groups = {tuple(sorted((t, *same))) for t in range(len(paths)) for same in header_siblings(t, paths, least=1)}
    return sorted(groups)


def _equal_but(a: list[str], b: list[str], level: int) -> bool:
    return all(x == y for k, (x, y) in enumerate(zip(a, b, strict=True)) if k != level)
