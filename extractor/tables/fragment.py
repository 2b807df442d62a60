"""A table as found on one page, before page-spanning parts are stitched together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from extractor.model.page import Word
from extractor.model.result import TableCell
from extractor.tables.headers import CellGrid, count_header_rows, lift_sub_headings
from extractor.tables.paths import body_rows, column_paths
from extractor.tables.row_paths import row_paths
from extractor.tables.titles import names_a_table
from extractor.textutil import is_number


@dataclass(slots=True)
class Fragment:
    page: int
    bbox: tuple[float, float, float, float]
    col_xs: tuple[float, ...]  # column boundaries, for joining a continuation by geometry
    cells: list[TableCell]
    n_rows: int
    n_cols: int
    header_rows: int = 0
    title: str | None = None
    pages: list[int] = field(default_factory=list)
    title_words: list[Word] = field(default_factory=list)
    unit: str = ""  # what a unit line above the table or in its caption names (`单位：万元` → 万元)
    # where each boundary of col_xs could lie (lo, hi): a borderless table's boundary sits somewhere
    # in the white strip between two columns; empty for ruled tables, whose boundaries are exact
    col_slack: tuple[tuple[float, float], ...] = ()

    @classmethod
    def from_cells(
        cls,
        page: int,
        bbox: tuple[float, float, float, float],
        col_xs: Sequence[float],
        cells: list[TableCell],
        min_header: int = 0,
    ) -> Fragment:
        """`min_header`: rows known to be the header whatever they hold (the ruled band of a 三线表
        whose headings are years)."""
        n_rows = max((c.row + c.rowspan for c in cells), default=0)
        n_cols = max((c.col + c.colspan for c in cells), default=0)
        frag = cls(page, bbox, tuple(col_xs), cells, n_rows, n_cols, pages=[page])
        frag.title = frag._lift_banner_rows()
        frag.header_rows = max(count_header_rows(frag.grid()), min_header if frag.title is None else 0)
        frag.n_rows, frag.header_rows = lift_sub_headings(frag.cells, frag.n_rows, frag.n_cols, frag.header_rows)
        for cell in frag.cells:
            cell.header = cell.row < frag.header_rows
        return frag

    def is_record(self) -> bool:
        """One ruled row of names and figures (`股东总数 | 203,708户 | 优先股股东总数 | 0`): a table
        of one record. A single row of text only is a frame around words, not a table."""
        filled = [c.text for c in self.cells if c.text]
        return self.n_rows == 1 and len(filled) >= 3 and any(is_number(t) for t in filled)

    def grid(self) -> CellGrid:
        return CellGrid(self.cells, self.n_rows, self.n_cols)

    def columns(self) -> list[str]:
        return column_paths(self.grid(), self.header_rows)

    def rows(self) -> list[list[str]]:
        return body_rows(self.grid(), self.header_rows)

    def row_paths(self) -> list[str]:
        return row_paths(self.grid(), self.header_rows)

    def header_texts(self) -> list[list[str]]:
        grid = self.grid()
        return [[grid.text(r, c) for c in range(self.n_cols)] for r in range(self.header_rows)]

    def _lift_banner_rows(self) -> str | None:
        """Leading rows that are one cell across the whole width and read as a caption or a unit
        line are the table's title; a heading over every column (`财政拨款“三公”经费`) stays the
        root of the header."""
        captions: list[str] = []
        while self.n_rows > 1 and self.n_cols > 1:
            top = [c for c in self.cells if c.row == 0]
            if len(top) != 1 or top[0].colspan != self.n_cols or top[0].rowspan != 1 or not top[0].text:
                break
            if not names_a_table(top[0].text) and self._divided_below():
                break
            captions.append(top[0].text)
            self.cells = [c for c in self.cells if c.row > 0]
            for c in self.cells:
                c.row -= 1
            self.n_rows -= 1
        return " ".join(captions) or None

    def _divided_below(self) -> bool:
        """The row under the top one holds several headings (not data): the top is their heading."""
        second = [c for c in self.cells if c.row == 1]
        filled = [c for c in second if c.text]
        return len(filled) >= 2 and not any(is_number(c.text) for c in filled)
