"""Ruled tables on one page: regions → grid → cells with spans → text → fragment."""

from __future__ import annotations

from collections.abc import Sequence

from extractor.model.page import Page, Word
from extractor.tables.cell_text import fill_cells
from extractor.tables.fragment import Fragment
from extractor.tables.grid import build_grid
from extractor.tables.regions import Region, find_regions
from extractor.tables.spans import find_cells

MIN_CELLS = 2


def ruled_fragments(page: Page) -> list[Fragment]:
    return [f for f in (_fragment(page, region, page.words) for region in find_regions(page.rulings)) if f]


def _fragment(page: Page, region: Region, words: Sequence[Word]) -> Fragment | None:
    grid = build_grid(region)
    if grid.n_rows < 1 or grid.n_cols < 1:
        return None
    boxes = find_cells(grid, region.rulings)
    if len(boxes) < MIN_CELLS:
        return None  # a box drawn around text (a frame), not a table
    cells = fill_cells(boxes, grid, words, page.number)
    bbox = (grid.xs[0], grid.ys[0], grid.xs[-1], grid.ys[-1])
    return Fragment.from_cells(page.number, bbox, grid.xs, cells)
