"""Stitched fragments → the result's `Table`."""

from __future__ import annotations

from extractor.model.result import Table
from extractor.tables.fragment import Fragment


def to_table(frag: Fragment, table_id: str) -> Table:
    return Table(
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
