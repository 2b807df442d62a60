"""People's corrections applied to a result: what is served and exported, never what is stored.

A correction names a cell by its place in the table's cell grid (`row`, `col`: header rows
included, as `cells[]` and `checks[].cells` do). Applied in the order they were made:

- a body cell's text becomes the new text in `cells[]` and in every slot of `rows` it spans;
  its confidence is a person's (1.0), and it carries the flag `corrected`;
- a header cell's text is replaced in the cell and, as a level of their header path, in the
  columns under it;
- the table is typed again (`values`, `units`) and its checks run again: confidence, `review`
  and flags then say whether the corrected table adds up.
"""

from __future__ import annotations

from datetime import UTC, datetime

from extractor.checks.stage import check_table
from extractor.errors import UsageError
from extractor.model.result import Correction, ExtractionResult, Table, TableCell
from extractor.tables.numbers import type_table


class NoSuchCell(UsageError):
    """The table or the cell a correction names is not in the result."""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def cell_at(table: Table, row: int, col: int) -> TableCell:
    """The cell covering slot (row, col) of the cell grid."""
    for cell in table.cells:
        if cell.row <= row < cell.row + cell.rowspan and cell.col <= col < cell.col + cell.colspan:
            return cell
    raise NoSuchCell(f"table {table.id} has no cell at row {row}, column {col}")


def table_of(result: ExtractionResult, table_id: str) -> Table:
    for table in result.tables:
        if table.id == table_id:
            return table
    raise NoSuchCell(f"no table {table_id!r} in this result")


def corrected(machine: ExtractionResult, corrections: list[Correction]) -> ExtractionResult:
    """A copy of `machine` with `corrections` applied and listed, its changed tables checked again."""
    if not corrections:
        return machine
    result = machine.model_copy(deep=True)
    changed: dict[str, Table] = {}
    for c in corrections:
        table = table_of(result, c.table)
        _apply(table, c)
        changed[table.id] = table
    jurisdiction = result.document.jurisdiction.name if result.document.jurisdiction else ""
    for table in changed.values():
        type_table(table, table.unit or "")
        check_table(table, result, jurisdiction)
        mine = {(c.row, c.col) for c in corrections if c.table == table.id}
        for cell in table.cells:
            if (cell.row, cell.col) in mine:
                cell.flags = sorted({*cell.flags, "corrected"})
    result.corrections = list(corrections)
    return result


def _apply(table: Table, c: Correction) -> None:
    cell = cell_at(table, c.row, c.col)
    old = cell.text
    cell.text, cell.confidence, cell.low_confidence = c.new, 1.0, False
    if cell.header:
        for col in range(cell.col, min(cell.col + cell.colspan, len(table.columns))):
            levels = table.columns[col].split("/")
            if old in levels:
                levels[levels.index(old)] = c.new
                table.columns[col] = "/".join(levels)
        return
    first = cell.row - table.header_rows
    for r in range(max(first, 0), min(first + cell.rowspan, len(table.rows))):
        for col in range(cell.col, min(cell.col + cell.colspan, len(table.rows[r]))):
            table.rows[r][col] = c.new
