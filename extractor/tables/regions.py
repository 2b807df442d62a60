"""Rulings → table regions: connected groups of crossing or touching rulings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extractor.model.page import Ruling

TOUCH = 3.0  # rulings whose ends come this close are connected


@dataclass(frozen=True, slots=True)
class Region:
    x0: float
    top: float
    x1: float
    bottom: float
    rulings: tuple[Ruling, ...]

    def contains(self, x: float, y: float, pad: float = 0.0) -> bool:
        return self.x0 - pad <= x <= self.x1 + pad and self.top - pad <= y <= self.bottom + pad

    @property
    def n_h(self) -> int:
        return sum(r.orient == "h" for r in self.rulings)

    @property
    def n_v(self) -> int:
        return sum(r.orient == "v" for r in self.rulings)


def _touch(a: Ruling, b: Ruling) -> bool:
    if a.orient != b.orient:
        h, v = (a, b) if a.orient == "h" else (b, a)
        return h.start - TOUCH <= v.pos <= h.end + TOUCH and v.start - TOUCH <= h.pos <= v.end + TOUCH
    return abs(a.pos - b.pos) <= TOUCH and a.start <= b.end + TOUCH and b.start <= a.end + TOUCH


def find_regions(rulings: Sequence[Ruling]) -> list[Region]:
    """Groups of rulings with at least two horizontal and two vertical lines (a ruled table)."""
    parent = list(range(len(rulings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(rulings):
        for j in range(i + 1, len(rulings)):
            if _touch(a, rulings[j]):
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[rj] = ri
    groups: dict[int, list[Ruling]] = {}
    for i, r in enumerate(rulings):
        groups.setdefault(find(i), []).append(r)
    regions = []
    for members in groups.values():
        region = Region(
            x0=min(r.bbox[0] for r in members),
            top=min(r.bbox[1] for r in members),
            x1=max(r.bbox[2] for r in members),
            bottom=max(r.bbox[3] for r in members),
            rulings=tuple(members),
        )
        if region.n_h >= 2 and region.n_v >= 2:
            regions.append(region)
    return sorted(regions, key=lambda r: (r.top, r.x0))
