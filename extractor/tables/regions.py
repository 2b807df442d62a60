"""Rulings → table regions: connected groups of crossing or touching rulings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extractor.model.page import Ruling, Word
from extractor.textutil import is_number

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


def extend_down(region: Region, rulings: Sequence[Ruling], words: Sequence[Word]) -> Region:
    """A ruled header over a body drawn without rules down to a closing rule (a yearbook's way):
    the region reaches down to that rule, if what lies between is the table's values (numbers,
    nothing wider than the header) and starts right under it."""
    if any(is_number(w.text) for w in words if region.contains(w.cx, w.cy)):
        return region  # the grid holds values already
    width = region.x1 - region.x0
    below = sorted(
        (
            r
            for r in rulings
            if r.orient == "h"
            and r.pos > region.bottom + TOUCH
            and abs(r.start - region.x0) <= 0.05 * width
            and abs(r.end - region.x1) <= 0.05 * width
        ),
        key=lambda r: r.pos,
    )
    if not below:
        return region
    closing = below[0]
    between = [w for w in words if region.bottom < w.cy < closing.pos and w.x1 > region.x0 and w.x0 < region.x1]
    if not between or sum(1 for w in between if is_number(w.text)) < 2:
        return region
    if any(w.x0 < region.x0 - TOUCH or w.x1 > region.x1 + TOUCH for w in between):
        return region  # narrative wider than the table runs in between
    first = min(w.top for w in between)
    if first - region.bottom > 2 * max(w.bottom - w.top for w in between):
        return region
    return Region(region.x0, region.top, region.x1, closing.pos, (*region.rulings, closing))
