"""A relation found among a table's figures, before it is written out as `checks[]`.

`total` is the row (column totals) or the column (row totals, header sums, rates) that the
relation computes; `parts` are what it is computed from. `lines` lists the columns (or rows)
it is evaluated on: each becomes one check, `ok` where the printed figures agree within
their rounding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["column_total", "row_total", "header_sum", "ratio", "narrative"]


@dataclass(slots=True)
class Line:
    """One evaluation: the cell that holds the result and the cells it is computed from, as
    (body row, column); what the parts give and what is printed."""

    result: tuple[int, int]
    parts: list[tuple[int, int]]
    expected: float
    found: float | None  # None: the result cell is empty where its parts are all printed
    ok: bool


@dataclass(slots=True)
class Relation:
    kind: Kind
    total: int
    parts: tuple[int, ...]
    lines: list[Line] = field(default_factory=list)
    detail: str = ""

    @property
    def held(self) -> int:
        return sum(1 for ln in self.lines if ln.ok)

    @property
    def failed(self) -> int:
        return sum(1 for ln in self.lines if not ln.ok)
