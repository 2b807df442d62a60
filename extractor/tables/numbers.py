"""A table's body typed: each cell's `value` and `unit`, and the table's `values` and `units` grids.

Text stays as printed in `rows`; the typed values sit beside it (CONTRACT: `values`, `units`,
`cells[].value`, `cells[].unit`). A column's unit comes from its header path, else from the
table's unit line for columns of amounts; a cell that prints its own unit (`8.1%`, `80564件`)
keeps it.
"""

from __future__ import annotations

from extractor.model.result import Table
from extractor.tables.units import header_unit
from extractor.tables.values import Typed, counts_up, normalise, typed


def type_table(table: Table, line_unit: str = "") -> None:
    width = len(table.columns)
    table.unit = line_unit or None
    body = [[typed(text) for text in (row + [""] * width)[:width]] for row in table.rows]
    ordinals = {c for c in range(width) if _bracketed_ordinals([row[c] for row in body], table.rows, c)}
    body = [[Typed(row_text[c]) if c in ordinals and t.number is not None else t for c, t in enumerate(row)]
            for row, row_text in zip(body, [(r + [""] * width)[:width] for r in table.rows], strict=True)]  # fmt: skip
    table.units = [_column_unit(table.columns[c], [row[c] for row in body], line_unit) for c in range(width)]
    table.values = [[t.value for t in row] for row in body]
    for cell in table.cells:
        if cell.header:
            continue
        t = Typed(cell.text) if cell.col in ordinals else typed(cell.text)
        cell.value = t.value
        unit = t.unit or (table.units[cell.col] if cell.col < width and t.number is not None else "")
        cell.unit = unit or None


def _bracketed_ordinals(column: list[Typed], rows: list[list[str]], c: int) -> bool:
    """`(1)`, `(2)`, `(3)` … down a column: list numbers, not the negative amounts accounts bracket."""
    printed = [r[c] for r in rows if c < len(r) and r[c].strip()]
    numbers = [t.number for t in column if t.number is not None]
    bracketed = all(normalise(p).startswith("(") for p in printed)
    return bracketed and len(numbers) >= 2 and counts_up([-n for n in numbers])


def _column_unit(path: str, column: list[Typed], line_unit: str) -> str:
    if not any(t.number is not None for t in column):
        return ""  # a column of names has no unit, whatever its header says (`县（市、区）`)
    own = header_unit(path)
    if own:
        return own
    printed = {t.unit for t in column if t.number is not None}
    if len(printed) == 1 and "" not in printed:
        return printed.pop()  # every figure prints the same unit: 8.1%, 9.2% …
    numbers = [t.value for t in column if t.number is not None]
    if not line_unit or not numbers or len(numbers) < len([t for t in column if t.value is not None]) / 2:
        return ""
    return "" if counts_up([float(n) for n in numbers]) else line_unit  # type: ignore[arg-type]
