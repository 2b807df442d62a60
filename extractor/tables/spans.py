"""Grid + rulings → cells with row and column spans.

Two neighbouring grid slots belong to one cell when no ruling separates them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extractor.model.page import Ruling
from extractor.tables.grid import SNAP, Grid


@dataclass(frozen=True, slots=True)
class CellBox:
    row: int
    col: int
    rowspan: int
    colspan: int
    x0: float
    top: float
    x1: float
    bottom: float


def _near(rulings: Sequence[Ruling], pos: float) -> list[Ruling]:
    return [r for r in rulings if abs(r.pos - pos) <= SNAP]


COVERED = 0.6  # share of a slot's side that rulings must cover to separate two slots


def _covers(rulings: Sequence[Ruling], lo: float, hi: float) -> bool:
    """Do the rulings draw most of the side [lo, hi]? Pieces add up: a scanned line is often broken."""
    pieces = sorted((max(r.start, lo), min(r.end, hi)) for r in rulings if r.end > lo and r.start < hi)
    covered, reach = 0.0, lo
    for start, end in pieces:
        start = max(start, reach)
        if end > start:
            covered += end - start
            reach = end
    return covered >= COVERED * (hi - lo)


def find_cells(grid: Grid, rulings: Sequence[Ruling]) -> list[CellBox]:
    xs, ys = grid.xs, grid.ys
    n_rows, n_cols = grid.n_rows, grid.n_cols
    v_at = [_near([r for r in rulings if r.orient == "v"], x) for x in xs]
    h_at = [_near([r for r in rulings if r.orient == "h"], y) for y in ys]

    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for i in range(n_rows):
        for j in range(n_cols):
            if j + 1 < n_cols and not _covers(v_at[j + 1], ys[i], ys[i + 1]):
                union(i * n_cols + j, i * n_cols + j + 1)
            if i + 1 < n_rows and not _covers(h_at[i + 1], xs[j], xs[j + 1]):
                union(i * n_cols + j, (i + 1) * n_cols + j)

    groups: dict[int, list[tuple[int, int]]] = {}
    for i in range(n_rows):
        for j in range(n_cols):
            groups.setdefault(find(i * n_cols + j), []).append((i, j))

    cells: list[CellBox] = []
    for slots in groups.values():
        for r0, c0, r1, c1 in _rectangles(slots):
            cells.append(CellBox(r0, c0, r1 - r0 + 1, c1 - c0 + 1, xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
    return sorted(cells, key=lambda c: (c.row, c.col))


def _rectangles(slots: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """The slots as one rectangle (r0, c0, r1, c1); a non-rectangular group is cut into row runs."""
    r0 = min(s[0] for s in slots)
    r1 = max(s[0] for s in slots)
    c0 = min(s[1] for s in slots)
    c1 = max(s[1] for s in slots)
    if (r1 - r0 + 1) * (c1 - c0 + 1) == len(slots):
        return [(r0, c0, r1, c1)]
    runs: list[tuple[int, int, int, int]] = []
    for r in range(r0, r1 + 1):
        cols = sorted(c for rr, c in slots if rr == r)
        start = prev = cols[0]
        for c in [*cols[1:], None]:
            if c is not None and c == prev + 1:
                prev = c
                continue
            runs.append((r, start, r, prev))
            if c is not None:
                start = prev = c
    return runs
