"""Tables built from their columns and rows, as the pipeline would hand them to the checks."""

from __future__ import annotations

from extractor.model.result import Metric, Table, TableCell
from extractor.tables.numbers import type_table


def make_table(
    columns: list[str], rows: list[list[str]], unit_line: str = "", row_paths: list[str] | None = None
) -> Table:
    depth = max(len(c.split("/")) for c in columns)
    cells = []
    for j, path in enumerate(columns):
        levels = path.split("/")
        levels += [levels[-1]] * (depth - len(levels))
        cells += [TableCell(row=r, col=j, text=t, header=True, page=1) for r, t in enumerate(levels)]
    for i, row in enumerate(rows):
        cells += [TableCell(row=depth + i, col=j, text=t, page=1) for j, t in enumerate(row)]
    table = Table(
        id="t1", pages=[1], header_rows=depth, columns=columns, rows=rows, row_paths=row_paths or [], cells=cells
    )
    type_table(table, unit_line)
    return table


def metric(subject: str, name: str, value: float, unit: str = "件") -> Metric:
    return Metric(subject=subject, name=name, value=value, unit=unit, text=f"{subject}{name}{value:g}{unit}", page=1)
