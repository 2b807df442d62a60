"""Header rows → one flattened path per column; body rows → dense rows of text.

`已附码项目 › 审批类项目 › 项目数量` becomes `已附码项目/审批类项目/项目数量`. A
header cell spanning several rows contributes its text once. In the body a
cell spanning several slots (a row-group label, a merged value) is repeated in
every slot it covers, so every row reads on its own.
"""

from __future__ import annotations

from extractor.tables.headers import CellGrid
from extractor.textutil import squeeze

SEP = "/"


def column_paths(grid: CellGrid, header_rows: int) -> list[str]:
    paths = []
    for col in range(grid.n_cols):
        parts: list[str] = []
        last = None
        for row in range(header_rows):
            cell = grid.slots[row][col]
            if cell is None or cell is last:
                continue
            last = cell
            text = squeeze(cell.text)
            if text:  # a sub-heading may repeat its group's name (股份种类 under 股份种类)
                parts.append(text)
        paths.append(SEP.join(parts))
    return paths


def body_rows(grid: CellGrid, header_rows: int) -> list[list[str]]:
    return [[grid.text(row, col) for col in range(grid.n_cols)] for row in range(header_rows, grid.n_rows)]
