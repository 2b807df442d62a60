"""Stitched fragments → the result's `Table`."""

from __future__ import annotations

from extractor.model.result import Table
from extractor.tables.fragment import Fragment
from extractor.tables.numbers import type_table
from extractor.textutil import is_number

STROKES = frozenset("一—-－–―")  # a lone stroke as OCR reads it: the numeral one, or a dash
ORDINALS = frozenset("二三四五六七八九十")


def to_table(frag: Fragment, table_id: str) -> Table:
    settle_lone_strokes(frag)
    table = Table(
        id=table_id,
        title=frag.title,
        pages=frag.pages,
        header_rows=frag.header_rows,
        columns=frag.columns(),
        rows=frag.rows(),
        row_paths=frag.row_paths(),
        cells=sorted(frag.cells, key=lambda c: (c.row, c.col)),
        confidence=min((c.confidence for c in frag.cells), default=1.0),
    )
    type_table(table, frag.unit)
    return table


def settle_lone_strokes(frag: Fragment) -> None:
    """A cell read (OCR) as one lone stroke is a dash `—` in a column of figures and the numeral
    `一` in a column of numerals (一 二 三): the reading alone cannot tell them apart."""
    for col in range(frag.n_cols):
        body = [c for c in frag.cells if c.col == col and c.row >= frag.header_rows and c.text]
        others = [c.text for c in body if c.text not in STROKES]
        if not others:
            continue
        if all(t in ORDINALS for t in others):
            settled = "一"
        elif sum(map(is_number, others)) * 2 > len(others):
            settled = "—"
        else:
            continue
        for c in body:
            if c.text in STROKES and c.confidence < 1.0 and c.text in "一—":
                c.text = settled
