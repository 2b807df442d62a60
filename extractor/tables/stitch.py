"""Tables that continue over a page break become one table.

A fragment continues the previous one when the previous one ends its page
(nothing but furniture below it), this one opens the next page (nothing but
furniture above it, no caption of its own) and either its header repeats the
previous header or its columns sit where the previous columns sat. A row that
Word split at the page break (`涪城区残疾人联合` / `会`) is joined back, and a
row-group label merged down over the break is carried onto the new page.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.model.result import TableCell
from extractor.tables.fragment import Fragment
from extractor.textutil import is_number, join_words, squeeze

COLUMN_TOL = 6.0  # pt: column boundaries this close are the same column


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
    if frag.page != prev.pages[-1] + 1 or not prev_edge.ends_page or not edge.starts_page:
        return False
    if frag.title is not None or frag.n_cols != prev.n_cols:
        return False
    if _repeats_header(prev, frag):
        return True
    return _same_columns(prev, frag) and not _looks_like_new_header(frag)


def _repeats_header(prev: Fragment, frag: Fragment) -> bool:
    if frag.header_rows == 0 or frag.header_rows != prev.header_rows:
        return False
    norm = [[squeeze(t) for t in row] for row in frag.header_texts()]
    return norm == [[squeeze(t) for t in row] for row in prev.header_texts()]


def _same_columns(prev: Fragment, frag: Fragment) -> bool:
    return len(prev.col_xs) == len(frag.col_xs) and all(
        abs(a - b) <= COLUMN_TOL for a, b in zip(prev.col_xs, frag.col_xs, strict=True)
    )


def _looks_like_new_header(frag: Fragment) -> bool:
    """A continuation starts with data; a new table starts with a full row of headings."""
    if frag.header_rows == 0:
        return False
    first = [c for c in frag.cells if c.row == 0]
    if any(c.rowspan > 1 or c.colspan > 1 for c in first):
        return True
    filled = [c for c in first if c.text]
    return len(filled) * 2 >= frag.n_cols and not any(is_number(c.text) for c in filled)


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
    for c in body:
        c.row += prev.n_rows
    prev.cells.extend(body)
    prev.n_rows += n_rows
    prev.pages.append(frag.page)


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
    return len(tail) * 2 <= len(filled_prev) and any(not first[col].text for col in filled_prev)
