"""Ruled tables on one page: regions → grid → cells with spans → text → fragment."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from extractor.ingest.words import group_lines
from extractor.model.page import Page, Ruling, Word
from extractor.tables.cell_text import fill_cells
from extractor.tables.fragment import Fragment
from extractor.tables.grid import SNAP, Grid, build_grid
from extractor.tables.regions import Region, extend_down, find_regions
from extractor.tables.spans import CellBox, find_cells
from extractor.tables.stacked import split_stacked
from extractor.tables.sub_rows import split_sub_rows
from extractor.tables.text_blocks import lineless_rows
from extractor.tables.text_rows import row_breaks
from extractor.tables.trim import trim_empty_edges
from extractor.textutil import is_number

MIN_CELLS = 2
FRAMED_ROWS = 5  # rows of a lineless table (pieces apart, figures among them) in one cell: a frame round it
MIN_VALUE_ROWS = 2  # a ruled band is split into the rows of its text when at least this many hold values


def ruled_fragments(page: Page) -> list[Fragment]:
    regions = [extend_down(r, page.rulings, page.words) for r in find_regions(page.rulings)]
    return [f for region in regions for f in _fragments(page, region, page.words)]


def _fragments(page: Page, region: Region, words: Sequence[Word]) -> list[Fragment]:
    grid = build_grid(region)
    if grid.n_rows < 1 or grid.n_cols < 1:
        return []
    if _frames_lineless_table(grid, region, words):
        return []  # rules framing a table without rules of its own: the text builder reads it
    columns = _implicit_columns(grid, region.rulings, words)
    grid, rows = _implicit_rows(grid, region.rulings, words)
    boxes = split_sub_rows(find_cells(grid, [*region.rulings, *columns, *rows]), grid, words)
    if len(boxes) < MIN_CELLS:
        return []  # a box drawn around text (a frame), not a table
    cells = fill_cells(boxes, grid, words, page.number)
    out = []
    for whole, whole_xs in split_stacked(cells, grid.n_rows, grid.n_cols, grid.xs):
        part, xs = trim_empty_edges(whole, whole_xs)
        if len(part) < MIN_CELLS:
            continue
        tops = [c.bbox[1] for c in part if c.bbox]
        bottoms = [c.bbox[3] for c in part if c.bbox]
        bbox = (xs[0], min(tops, default=grid.ys[0]), xs[-1], max(bottoms, default=grid.ys[-1]))
        out.append(Fragment.from_cells(page.number, bbox, xs, part))
    return out


def _frames_lineless_table(grid: Grid, region: Region, words: Sequence[Word]) -> bool:
    """One column as wide as a character or more (slivers beside it at most), and in a cell of it the
    rows of a table without rules: a frame round a lineless table (a lab report's box), not a ruled
    table whose body only is left unruled (whose header's rules give it its columns)."""
    inside = [w for w in words if region.contains(w.cx, w.cy)]
    if not inside:
        return False
    heights = sorted(w.height for w in inside)
    wide = [k for k in range(grid.n_cols) if grid.xs[k + 1] - grid.xs[k] > 2 * heights[len(heights) // 2]]
    if len(wide) > 1:
        return False
    return any(lineless_rows(_words_in(grid, b, words)) >= FRAMED_ROWS for b in find_cells(grid, region.rulings))


def _words_in(grid: Grid, box: CellBox, words: Sequence[Word]) -> list[Word]:
    x0, x1 = grid.xs[box.col], grid.xs[box.col + box.colspan]
    y0, y1 = grid.ys[box.row], grid.ys[box.row + box.rowspan]
    return [w for w in words if x0 <= w.cx <= x1 and y0 <= w.cy <= y1]


def _implicit_columns(grid: Grid, rulings: Sequence[Ruling], words: Sequence[Word]) -> list[Ruling]:
    """Body bands that vertical rules mostly do not cross (a yearbook rules only its header and
    its label column) take the header's column boundaries wherever no word crosses them, if
    they hold values to divide. A band ruled at most boundaries keeps its merged cells."""
    xs, ys = grid.xs, grid.ys
    if len(xs) < 3:
        return []
    verticals = [r for r in rulings if r.orient == "v"]
    ruled_in = [_ruled_xs(xs, verticals, y0, y1) for y0, y1 in pairwise(ys)]
    out: list[Ruling] = []
    for i, (y0, y1) in enumerate(pairwise(ys)):
        ruled = ruled_in[i]
        if 2 * len(ruled) >= len(xs) - 2:
            continue
        band = [w for w in words if xs[0] <= w.cx <= xs[-1] and y0 <= w.cy < y1]
        if sum(1 for w in band if is_number(w.text)) < MIN_VALUE_ROWS:
            continue
        implied = _section_xs(ruled_in, i)
        for x in xs[1:-1]:
            if x in implied and x not in ruled and not any(_straddles(w, x) for w in band):
                out.append(Ruling("v", x, y0, y1))
    return out


def _ruled_xs(xs: Sequence[float], verticals: Sequence[Ruling], y0: float, y1: float) -> set[float]:
    margin = 0.4 * (y1 - y0)
    return {
        x
        for x in xs[1:-1]
        if any(abs(r.pos - x) <= SNAP and r.start <= y0 + margin and r.end >= y1 - margin for r in verticals)
    }


def _section_xs(ruled_in: Sequence[set[float]], band: int) -> set[float]:
    """Column boundaries ruled in the bands above and below this one, up to a band ruled at
    none (a banner) or to a band ruled at boundaries of its own as well as lacking some of this
    one's (a form's particulars over a table ruled in full on a scan): those of its own table. A
    grid holding stacked tables has the boundaries of its other tables too, which divide nothing
    here."""
    own = ruled_in[band]
    out: set[float] = set()
    for step in (-1, 1):
        i = band + step
        while 0 <= i < len(ruled_in) and ruled_in[i] and (ruled_in[i] <= own or ruled_in[i] >= own):
            out |= ruled_in[i]
            i += step
    return out


def _straddles(word: Word, x: float) -> bool:
    """A word runs well across x (a value set flush right may overhang its header's edge a little)."""
    inset = 0.2 * (word.x1 - word.x0)
    return word.x0 + inset < x < word.x1 - inset


def _implicit_rows(grid: Grid, ruled: Sequence[Ruling], words: Sequence[Word]) -> tuple[Grid, list[Ruling]]:
    """Bands between two rules that hold several rows of values (column-ruled and three-line
    tables, values stacked in one cell) are divided along their text rows: a ruling across every
    column that no word crosses there, so a label centred beside several rows still spans them,
    and so does a label whose cell runs on above or below the band (no rule closes it there)."""
    xs, ys = grid.xs, grid.ys
    inside = [w for w in words if xs[0] <= w.cx <= xs[-1] and ys[0] <= w.cy <= ys[-1]]
    across = [r for r in ruled if r.orient == "h"]
    new_ys: list[float] = []
    rulings: list[Ruling] = []
    for y0, y1 in pairwise(ys):
        band = [w for w in inside if y0 <= w.cy < y1]
        breaks = row_breaks(band, xs, MIN_VALUE_ROWS)
        if not breaks:
            continue
        spanning = _centred_labels(band, xs, len(breaks) + 1) | _open_labels(band, xs, across, y0, y1)
        for y in breaks:
            new_ys.append(y)
            for j, (x0, x1) in enumerate(pairwise(xs)):
                if j not in spanning and not any(x0 <= w.cx < x1 and w.top + 1 < y < w.bottom - 1 for w in band):
                    rulings.append(Ruling("h", y, x0, x1))
    if not new_ys:
        return grid, []
    return Grid(xs, tuple(sorted((*ys, *new_ys)))), rulings


def _open_labels(band: Sequence[Word], xs: Sequence[float], across: Sequence[Ruling], y0: float, y1: float) -> set[int]:
    """Text-only columns of a band whose cell no rule closes at the band's top or bottom: a
    group label merged over this band and the rows beyond it (最小垂直距离 beside its headings
    and all their values)."""
    out = set()
    for j, (x0, x1) in enumerate(pairwise(xs)):
        mine = [w for w in band if x0 <= w.cx < x1]
        if not mine or any(is_number(w.text) for w in mine):
            continue
        closed = [
            any(abs(r.pos - y) <= SNAP and r.start <= x0 + 1 and r.end >= x1 - 1 for r in across) for y in (y0, y1)
        ]
        if not all(closed):
            out.add(j)
    return out


def _centred_labels(band: Sequence[Word], xs: Sequence[float], n_rows: int) -> set[int]:
    """Columns holding one text label set in the middle of a band of several rows: a label
    that stands for all of them (a county beside its five indicators) and spans them."""
    top, bottom = min(w.top for w in band), max(w.bottom for w in band)
    out = set()
    for j, (x0, x1) in enumerate(pairwise(xs)):
        mine = [w for w in band if x0 <= w.cx < x1]
        if not mine or any(is_number(w.text) for w in mine):
            continue
        lines = group_lines(mine)
        if len(lines) > min(3, n_rows // 2):
            continue  # a line per row: labels of their own rows
        block_top, block_bottom = min(w.top for w in mine), max(w.bottom for w in mine)
        height = max(w.bottom - w.top for w in mine)
        gaps = [b[0].top - a[0].bottom for a, b in pairwise(lines)]
        if any(g > 0.8 * height for g in gaps):
            continue  # lines apart: labels of different rows
        if abs((block_top + block_bottom) / 2 - (top + bottom) / 2) <= 0.6 * height and bottom - top > 2.5 * height:
            out.add(j)
    return out
