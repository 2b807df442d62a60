"""Tables that continue over a page break become one table.

A fragment continues the previous one when the previous one ends its page
(nothing but furniture below it), this one opens the next page (nothing but
furniture above it, no caption of its own) and either its header repeats the
previous header or its columns sit where the previous columns sat. A row that
Word split at the page break (`涪城区残疾人联合` / `会`) is joined back, and a
row-group label merged down over the break is carried onto the new page.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from extractor.model.result import TableCell
from extractor.tables.fragment import Fragment
from extractor.textutil import is_number, join_words, squeeze

COLUMN_TOL = 6.0  # pt: column boundaries this close are the same column
MAX_SHIFT = 40.0  # pt: how far a scanned page may place the same table from where the previous page did
TOUCH_GAP = 4.0  # pt: grids on one page this close one above the other touch
HEADER_AGREEMENT = 0.8  # share of header cells that must read the same for a repeated header
_DATE = re.compile(r"^\d{4}\s*[-./年]\s*\d{1,2}(\s*[-./月]\s*\d{1,2}日?)?$")


@dataclass(frozen=True, slots=True)
class PageEdges:
    """Whether a fragment is the last thing on its page / the first thing on its page."""

    ends_page: bool
    starts_page: bool


def stitch(fragments: list[Fragment], edges: list[PageEdges]) -> list[Fragment]:
    out: list[Fragment] = []
    out_edges: list[PageEdges] = []
    for frag, edge in zip(fragments, edges, strict=True):
        if out and _continues(out[-1], out_edges[-1], frag, edge):
            _append(out[-1], frag)
            out_edges[-1] = PageEdges(edge.ends_page, out_edges[-1].starts_page)
        else:
            out.append(frag)
            out_edges.append(edge)
    return out


def _continues(prev: Fragment, prev_edge: PageEdges, frag: Fragment, edge: PageEdges) -> bool:
    if frag.page == prev.pages[-1] and frag.page == prev.page:
        return _touches_below(prev, frag)
    if frag.page != prev.pages[-1] + 1 or not prev_edge.ends_page or not edge.starts_page:
        return False
    if frag.title is not None:
        return False
    restates = _restates_block(prev, frag)
    if frag.n_cols < prev.n_cols and (frag.header_rows == 0 or restates) and not _regrid(frag, prev):
        return False
    if frag.n_cols != prev.n_cols:
        return False
    if _repeats_header(prev, frag) or restates:
        return True
    return _same_columns(prev, frag) and not _looks_like_new_header(frag)


def _restates_block(prev: Fragment, frag: Fragment) -> bool:
    """The continuation's header rows are rows the table already printed in its body: the heading
    of one of its stacked blocks (`信息内容 | 本年处理决定数量` over each block of a 年报's
    table), so they are body rows here too."""
    if frag.header_rows == 0 or prev.n_rows <= prev.header_rows:
        return False
    grid = prev.grid()
    printed = {_row_words(grid.row_cells(r)) for r in range(prev.header_rows, prev.n_rows)}
    mine = frag.grid()
    return all(_row_words(mine.row_cells(r)) in printed for r in range(frag.header_rows))


def _row_words(cells: list[TableCell]) -> tuple[str, ...]:
    """A row's texts left to right, a text repeated in neighbouring cells (a span the grid split) once."""
    out: list[str] = []
    for c in cells:
        text = _norm(c.text)
        if text and (not out or out[-1] != text):
            out.append(text)
    return tuple(out)


def _touches_below(prev: Fragment, frag: Fragment) -> bool:
    """Two grids on one page, the second starting where the first ends (its rules broken where a
    section row merges cells) with the same columns, or with no header and the columns above less
    some at an edge: one table."""
    gap = frag.bbox[1] - prev.bbox[3]
    if not (-TOUCH_GAP <= gap <= TOUCH_GAP and frag.title is None):
        return False
    if frag.n_cols < prev.n_cols and frag.header_rows == 0:
        # a column at its edge lost (a rule the camera bent away, an empty 备注): laid on the columns above
        return _regrid(frag, prev)
    return frag.n_cols == prev.n_cols and _same_columns(prev, frag) and _heads_like(prev, frag)


def _heads_like(prev: Fragment, frag: Fragment) -> bool:
    """No header of its own, or one that repeats the words of the table's header (a section row
    `西南 | 渗透率` under `华北 | 渗透率`), or nothing above to differ from: a table split off
    below another heads itself anew."""
    mine = [t for row in frag.header_texts() for t in row if t]
    theirs = {t for row in prev.header_texts() for t in row if t}
    return not theirs or sum(1 for t in mine if t in theirs) * 2 >= len(mine)


def _regrid(frag: Fragment, prev: Fragment) -> bool:
    """A continuation with fewer columns laid on the previous page's columns, when its boundaries
    are among them: its rows merge some columns (a last page of 小计 and 总计), or an empty
    column at its edge was dropped (备注 with nothing in it on this page). False (and nothing
    changed) when they are not."""
    for anchor in range(len(prev.col_xs)):
        shift = frag.col_xs[0] - prev.col_xs[anchor]
        if abs(shift) > MAX_SHIFT:
            continue
        index: list[int] = []
        for x in frag.col_xs:
            near = [k for k, px in enumerate(prev.col_xs) if abs(px + shift - x) <= COLUMN_TOL]
            if not near:
                break
            index.append(near[0])
        if len(index) != len(frag.col_xs) or index != sorted(set(index)) or index[0] != anchor:
            continue
        if (index[0], index[-1]) != (0, len(prev.col_xs) - 1) and not _only_edges_missing(frag, prev, index):
            continue
        for c in frag.cells:
            start, end = index[c.col], index[c.col + c.colspan]
            c.col, c.colspan = start, end - start
        frag.n_cols = prev.n_cols
        frag.col_xs = tuple(px + shift for px in prev.col_xs)
        frag.col_slack = ()
        return True
    return False


def _only_edges_missing(frag: Fragment, prev: Fragment, index: list[int]) -> bool:
    """The continuation lacks columns only at its edges, and the table's header names them."""
    return len(index) >= 3 and index[-1] - index[0] >= (len(prev.col_xs) - 1) // 2


def _repeats_header(prev: Fragment, frag: Fragment) -> bool:
    """The same header rows, allowing an OCR slip in a few cells (full- and half-width forms are equal).

    The first page's header may have one more row than the repeated one: sub-headings that
    were printed in its first data row (`类/款/项` beside 合计), which Word does not repeat.
    """
    if frag.header_rows == 0 or not frag.header_rows <= prev.header_rows <= frag.header_rows + 1:
        return False
    mine = [_norm(t) for row in frag.header_texts() for t in row]
    theirs = [_norm(t) for row in prev.header_texts()[: frag.header_rows] for t in row]
    same = sum(1 for a, b in zip(mine, theirs, strict=True) if a == b)
    return same >= HEADER_AGREEMENT * len(mine)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", squeeze(text)).replace(" ", "")


def _same_columns(prev: Fragment, frag: Fragment) -> bool:
    """The same column widths; the whole table may sit a little elsewhere on a scanned page.

    A borderless table's boundary may lie anywhere in the white strip between two columns
    (`col_slack`): two boundaries are the same where their strips meet.
    """
    if len(prev.col_xs) != len(frag.col_xs):
        return False
    a_ranges, b_ranges = _ranges(prev), _ranges(frag)
    shift = frag.col_xs[0] - prev.col_xs[0]
    if abs(shift) > MAX_SHIFT:
        return False
    return all(
        b_lo - shift <= a_hi + COLUMN_TOL and a_lo <= b_hi - shift + COLUMN_TOL
        for (a_lo, a_hi), (b_lo, b_hi) in zip(a_ranges, b_ranges, strict=True)
    )


def _ranges(frag: Fragment) -> list[tuple[float, float]]:
    if len(frag.col_slack) == len(frag.col_xs):
        return list(frag.col_slack)
    return [(x, x) for x in frag.col_xs]


def _looks_like_new_header(frag: Fragment) -> bool:
    """A continuation starts with data; a new table starts with a full row of headings. Rows taken
    for a header because a merged cell cut by the page break spans them are data when they hold
    figures and dates (`3,000 | 2015-09-21`): no heading row does."""
    if frag.header_rows == 0:
        return False
    heads = [c.text for c in frag.cells if c.row < frag.header_rows and c.text]
    if sum(1 for t in heads if _figure(t)) * 3 >= len(heads):
        return False
    first = [c for c in frag.cells if c.row == 0]
    if any(c.rowspan > 1 or c.colspan > 1 for c in first):
        return True
    filled = [c for c in first if c.text]
    return len(filled) * 2 >= frag.n_cols and not any(is_number(c.text) for c in filled)


def _figure(text: str) -> bool:
    """A figure or a date, as a body cell holds them."""
    return is_number(text) or bool(_DATE.match(squeeze(text)))


def _append(prev: Fragment, frag: Fragment) -> None:
    skip = frag.header_rows if _repeats_header(prev, frag) else 0
    body = [c for c in frag.cells if c.row >= skip]
    for c in body:
        c.row -= skip
        c.header = False
    n_rows = frag.n_rows - skip
    if _joins_split_row(prev, body):
        last = prev.n_rows - 1
        for c in body:
            if c.row == 0 and c.text:
                target = _cell_at(prev.cells, last, c.col)
                if target is not None:
                    target.text = join_words([target.text, c.text])
        body = [c for c in body if c.row > 0]
        for c in body:
            c.row -= 1
        n_rows -= 1
    _continue_row_groups(prev, body)
    _join_cut_labels(prev, body)
    for c in body:
        c.row += prev.n_rows
    prev.cells.extend(body)
    prev.n_rows += n_rows
    if frag.page != prev.pages[-1]:
        prev.pages.append(frag.page)
    else:  # a grid continued on the same page: the table reaches down to its end
        prev.bbox = (prev.bbox[0], prev.bbox[1], prev.bbox[2], max(prev.bbox[3], frag.bbox[3]))


def _continue_row_groups(prev: Fragment, body: list[TableCell]) -> None:
    """A merged row-group cell cut by the page break continues empty on the next page: give it its label."""
    last = prev.n_rows - 1
    for c in body:
        if c.row != 0 or c.text:
            continue
        above = _cell_at(prev.cells, last, c.col)
        if above is None or not above.text or (above.col, above.colspan) != (c.col, c.colspan):
            continue
        if c.rowspan > 1 or above.rowspan > 1:
            c.text = above.text


_ENUMERATED = re.compile(r"^\s*([（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．])")


def _join_cut_labels(prev: Fragment, body: list[TableCell]) -> None:
    """A merged label cell the page break cut in two (`（四）无` / `法提供`) is one label: the
    part before the break opens with its enumeration and the part after does not, so it does not
    begin a group of its own. Both parts take the whole label."""
    last = prev.n_rows - 1
    for c in body:
        if c.row != 0 or not c.text or is_number(c.text) or _ENUMERATED.match(c.text):
            continue
        above = _cell_at(prev.cells, last, c.col)
        if above is None or (above.col, above.colspan) != (c.col, c.colspan) or not _ENUMERATED.match(above.text):
            continue
        if above.rowspan > 1 or c.rowspan > 1:
            above.text = c.text = join_words([above.text, c.text])


def _cell_at(cells: list[TableCell], row: int, col: int) -> TableCell | None:
    for c in cells:
        if c.row <= row < c.row + c.rowspan and c.col <= col < c.col + c.colspan:
            return c
    return None


def _joins_split_row(prev: Fragment, body: list[TableCell]) -> bool:
    """The first continued row holds only the tail of text cut at the page break."""
    if prev.n_rows <= prev.header_rows:
        return False
    first = {c.col: c for c in body if c.row == 0}
    if not first or any(c.rowspan > 1 for c in first.values()):
        return False
    last = prev.n_rows - 1
    tail = [c for c in first.values() if c.text]
    if not tail or any(is_number(c.text) for c in tail):
        return False
    prev_cells = {col: _cell_at(prev.cells, last, col) for col in first}
    prev_text = {col: (cell.text if cell else "") for col, cell in prev_cells.items()}
    if any(not prev_text[c.col] for c in tail):
        return False
    filled_prev = [col for col, text in prev_text.items() if text]
    if any(not _ran_to_edge(prev_cells[c.col]) for c in tail):
        return False  # the text above ends short of its cell: complete, and the row below a row of its own
    return len(tail) * 2 <= len(filled_prev) and any(not first[col].text for col in filled_prev)


def _ran_to_edge(cell: TableCell | None) -> bool:
    """The cell's last line runs to its right edge, as a text the page break cut runs (a cell without
    its ink recorded is given the benefit of the doubt)."""
    if cell is None or cell._reach is None or cell._ink is None or cell.bbox is None:
        return True
    return cell._reach >= cell.bbox[2] - 3 * cell._ink[1]
