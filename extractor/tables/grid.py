"""A region's rulings → the grid: every column boundary x and row boundary y."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from extractor.tables.regions import Region

SNAP = 2.0  # boundaries closer than this are one


@dataclass(frozen=True, slots=True)
class Grid:
    xs: tuple[float, ...]
    ys: tuple[float, ...]

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


def snap(values: Iterable[float], tol: float = SNAP) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def build_grid(region: Region) -> Grid:
    """Boundaries from the rulings, plus the region's outer edges for tables drawn open-sided."""
    xs = [r.pos for r in region.rulings if r.orient == "v"]
    ys = [r.pos for r in region.rulings if r.orient == "h"]
    xs = snap(xs + _missing_edges(xs, region.x0, region.x1))
    ys = snap(ys + _missing_edges(ys, region.top, region.bottom))
    return Grid(tuple(xs), tuple(ys))


def _missing_edges(values: list[float], lo: float, hi: float) -> list[float]:
    extra = []
    if not values or min(values) - lo > SNAP:
        extra.append(lo)
    if not values or hi - max(values) > SNAP:
        extra.append(hi)
    return extra
