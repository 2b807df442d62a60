"""Empty cells of scanned tables with ink in them, looked for on the real scanned samples' pages."""

from pathlib import Path

import pytest

from extractor.checks.unread import unread_cells
from extractor.model.page import Page
from extractor.model.result import Table, TableCell

pytest.importorskip("cv2")
from extractor.ingest import raster

SCANNED = Path(__file__).resolve().parents[2] / "samples" / "scanned"


def table_of(boxes: dict[tuple[int, int], tuple[float, float, float, float]], page: int) -> Table:
    cells = [TableCell(row=r, col=c, text="", page=page, bbox=box) for (r, c), box in boxes.items()]
    return Table(id="t1", pages=[page], header_rows=0, columns=[""] * 9, rows=[], cells=cells)


def cutter(path: Path):
    return lambda number, corners, dpi: raster.region(path, "pdf", number, corners, dpi, colour=True)


def test_dashes_the_reading_missed_are_found_and_white_cells_are_not():
    # 南充's table prints `-` in cells the page's OCR left empty; the page's top margin is white
    path = SCANNED / "synth-nanchong-2017-06-scan-250dpi.pdf"
    dashes = {(4, 5): (383.36, 178.91, 432.58, 195.52), (5, 4): (333.72, 192.12, 383.36, 222.92)}
    white = {(0, 0): (333.0, 20.0, 383.0, 37.0)}
    table = table_of({**dashes, **white}, page=3)
    marks = unread_cells(table, Page(number=3, width=595, height=842, kind="scanned"), cutter(path))
    assert {(m.cell.row, m.cell.col) for m in marks} == set(dashes)
    assert not any(m.figure_like for m in marks)  # a dash is not worth reading again


def test_a_red_seal_over_empty_cells_is_not_ink():
    path = SCANNED / "synth-wenchuan-2020-10-scan-seal.pdf"
    under_seal = {(21, 6): (526.8, 372.26, 604.99, 387.51), (22, 6): (526.98, 386.56, 605.16, 401.7)}
    table = table_of(under_seal, page=2)
    assert unread_cells(table, Page(number=2, width=842, height=595, kind="scanned"), cutter(path)) == []
