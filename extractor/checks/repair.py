"""Repair: on scanned pages, the cells a failed check points at read again, and the reading that
makes the table's arithmetic hold kept.

The page was read whole, the detector seeing it at 1280 px: a small figure in a dense table is
read from a few pixels. A suspect cell is cut out of the source page again, upright, at
`REPAIR_DPI`, and read alone (the cell's own detection and recognition). A reading that differs
from the first is tried in the table: it is kept when no check that held fails then, and the
failed checks are fewer, or as many but nearer to holding (two misread parts of one total); the
cell records what it said before (`repaired: {from, by}`, flag `repaired`).
When the crop reads the same (a speck read as a point is on the paper too), the figure that two
failed sums or more agree on is tried, if it is one character from the reading (implied_text).
Only arithmetic decides: a doubtful cell that no check covers is left as read, flagged. The one
exception is a cell read empty with ink in it as tall as a figure (unread.py): read alone, a
figure it then shows is kept unless the checks get worse.

Suspects, most suspect first: the cells holding the result of a failed check and the cells where
two failed checks cross, a row number out of sequence (its neighbours say what it is), then
every part of a failed check, then low-confidence cells covered by a
check; parts of a failed sum whose figure, one digit misread, accounts for the difference go
first; among equals, the least surely read first. At most `MAX_READS` cells are read again per
document, so a table that fails everywhere (the wrong structure, not a misread) costs bounded time.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable

import numpy as np

from extractor.checks.stage import check_table
from extractor.checks.unread import Mark, unread_cells
from extractor.errors import OcrFailed
from extractor.model.page import Page
from extractor.model.result import Check, ExtractionResult, Repair, Table, TableCell
from extractor.ocr.base import OcrEngine
from extractor.tables.cell_text import clean_ocr_number
from extractor.tables.numbers import type_table
from extractor.tables.values import normalise, typed

log = logging.getLogger(__name__)

REPAIR_DPI = 400
MAX_READS = 80  # cells read again per document
SUMS = ("column_total", "row_total", "header_sum")
UNREAD = ": ink where nothing was read"
IMPLIED = "the figure its failed sums agree on, one character from the reading"
PAD = 16  # px of white around a cell cut out, so the detector finds text touching its edge
NEARER = 0.9  # as many failed checks, but this much nearer to holding, is better
MIN_SCORE = 0.5  # a reading the recogniser is less sure of than this is not tried


# (page number, source corners in points, dpi, colour) → the region cut out upright: grey, or RGB
Cutter = Callable[[int, np.ndarray, float, bool], np.ndarray]


def repair_tables(result: ExtractionResult, pages: dict[int, Page], engine: OcrEngine, cut: Cutter) -> int:
    """Read suspect cells of tables on scanned pages again; return how many were repaired. Empty
    cells with ink in them are flagged `unread` first (unread.py), and those with a figure's
    height of ink are read again too."""
    jurisdiction = result.document.jurisdiction.name if result.document.jurisdiction else ""
    reads, repaired = 0, 0
    for table in result.tables:
        marks = _unread(table, pages, cut)
        if marks:
            check_table(table, result, jurisdiction)  # the flags count in its confidence
        failing = _trouble(table)[0] > 0
        scanned = {n for n, p in pages.items() if p.kind == "scanned"}
        suspects = [c for c in _suspects(table) if c.page in scanned] if failing else []
        suspects += [m.cell for m in marks if m.figure_like and m.cell not in suspects]
        for cell in suspects:
            if reads >= MAX_READS:
                return repaired
            reads += 1
            text = _read_again(cell, pages[cell.page], engine, cut)
            if text is not None and normalise(text) != normalise(cell.text):
                how = f"re-read alone at {REPAIR_DPI} dpi" + ("" if cell.text.strip() else UNREAD)
                if _better_with(table, cell, text, result, jurisdiction, how):
                    repaired += 1
            elif (implied := implied_text(table, cell)) is not None and _better_with(
                table, cell, implied, result, jurisdiction, IMPLIED
            ):
                repaired += 1
            if not _trouble(table)[0] and not any("unread" in c.flags for c in suspects):
                break
    return repaired


def _unread(table: Table, pages: dict[int, Page], cut: Cutter) -> list[Mark]:
    """Flag the table's empty cells with ink in them, on its scanned pages."""
    marks = []
    for number in sorted({c.page for c in table.cells}):
        page = pages.get(number)
        if page is not None and page.kind == "scanned":
            marks += unread_cells(table, page, lambda n, corners, dpi: cut(n, corners, dpi, True))
    for mark in marks:
        mark.cell.flags = sorted({*mark.cell.flags, "unread"})
    return marks


def _suspects(table: Table) -> list[TableCell]:
    by_slot = {(c.row, c.col): c for c in table.cells if not c.header}
    failed = [c for c in table.checks if not c.ok]
    results = Counter((c.cells[0][0], c.cells[0][1]) for c in failed)
    parts = Counter((r, k) for c in failed for r, k in c.cells[1:])
    vouched = {(r, k) for c in table.checks if c.ok for r, k in c.cells}
    ranked: dict[tuple[int, int], float] = {}
    for slot, n in results.items():
        ranked[slot] = 10 + n + parts.get(slot, 0)
    for slot, n in parts.items():
        ranked[slot] = max(ranked.get(slot, 0), (5 if n >= 2 else 1) + n)
    for slot, cell in by_slot.items():  # 1, 2, 0, 4: the sequence says 3
        if "out_of_sequence" in cell.flags:
            ranked[slot] = max(ranked.get(slot, 0), 6)
    for slot in _explains_the_gap(failed, by_slot):  # of sixty parts, the two a misread digit accounts for
        ranked[slot] = ranked.get(slot, 0) + 8
    for cell in by_slot.values():
        if "low_confidence" in cell.flags and (cell.row, cell.col) in vouched | set(ranked):
            ranked[(cell.row, cell.col)] = ranked.get((cell.row, cell.col), 0) + 3 * (1 - cell.confidence)
    confidence = {slot: c.confidence for slot, c in by_slot.items()}
    order = sorted(ranked, key=lambda s: (-ranked[s], confidence.get(s, 1.0), s))
    return [by_slot[s] for s in order if s in by_slot and by_slot[s].bbox is not None]


def _explains_the_gap(failed: list[Check], by_slot: dict[tuple[int, int], TableCell]) -> set[tuple[int, int]]:
    """Cells of failed sums whose figure, with one digit misread, accounts for the difference: a
    part x where x + (printed total − sum) differs from x in one digit, or the total itself."""
    out = set()
    for check in failed:
        if check.kind not in SUMS or check.found is None:
            continue
        gap = check.found - check.expected
        result = (check.cells[0][0], check.cells[0][1])
        if _one_digit_changed(check.found, check.expected):
            out.add(result)
        for r, k in check.cells[1:]:
            value = by_slot[(r, k)].value if (r, k) in by_slot else None
            if isinstance(value, (int, float)) and _one_digit_changed(value, value + gap):
                out.add((r, k))
    return out


def _one_digit_changed(a: float, b: float) -> bool:
    """As printed, the same figure but for one digit (733 and 433, not 322 and 22)."""
    x, y = f"{abs(a):.6f}", f"{abs(b):.6f}"
    return (a < 0) == (b < 0) and len(x) == len(y) and sum(p != q for p, q in zip(x, y, strict=True)) == 1


def _read_again(cell: TableCell, page: Page, engine: OcrEngine, cut: Cutter) -> str | None:
    x0, top, x1, bottom = cell.bbox  # type: ignore[misc]
    corners = np.array([page.to_source(x, y) for x, y in ((x0, top), (x1, top), (x1, bottom), (x0, bottom))])
    try:
        crop = cut(cell.page, corners, REPAIR_DPI, False)
        if min(crop.shape) < 4:
            return None
        framed = np.pad(crop, PAD, constant_values=255)
        raw = engine.recognize(framed)
    except (OcrFailed, OSError, ValueError) as exc:  # a cell that cannot be read again stays as read
        log.info("cell r%d c%d on page %d not read again: %s", cell.row, cell.col, cell.page, exc)
        return None
    lines = [ln for ln in raw.get("lines", []) if ln.get("score", 0.0) >= MIN_SCORE]
    if not lines:
        return None
    lines.sort(key=lambda ln: (min(p[1] for p in ln["box"]), min(p[0] for p in ln["box"])))
    return clean_ocr_number("".join(str(ln["text"]).replace(" ", "") for ln in lines))


def implied_text(table: Table, cell: TableCell) -> str | None:
    """The figure two failed sums or more agree the cell must hold, written as the cell prints
    figures, when it is one character away from what was read (`34.7` where 347 is implied by its
    row and by its column): a speck read as a point, one digit misread. One check alone never
    decides: a total misprinted in the source (its column says 1,273, it prints 1,223) stays."""
    x = cell.value if isinstance(cell.value, (int, float)) else None
    if x is None:
        return None
    slot = [cell.row, cell.col]
    implied = []
    for check in table.checks:
        if check.ok or check.found is None or check.kind not in SUMS or slot not in [list(c) for c in check.cells]:
            continue
        if list(check.cells[0]) == slot:
            implied.append(check.expected)
        else:
            implied.append(check.found - (check.expected - x))
    values = {round(v, 6) for v in implied}
    if len(implied) < 2 or len(values) != 1:
        return None
    text = _as_printed(values.pop(), cell.text)
    return text if text is not None and _one_edit(normalise(cell.text), normalise(text)) else None


def _as_printed(value: float, like: str) -> str | None:
    decimals = len(normalise(like).partition(".")[2]) if "." not in normalise(like) or value != int(value) else 0
    if value != round(value, decimals):
        return None
    return f"{value:.{decimals}f}"


def _one_edit(a: str, b: str) -> bool:
    """One character changed, added or removed."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    long, short = (a, b) if len(a) > len(b) else (b, a)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


def _better_with(
    table: Table, cell: TableCell, text: str, result: ExtractionResult, jurisdiction: str, how: str
) -> bool:
    """Try `text` in the cell: keep it if no check it passed fails then, and its failed checks are
    fewer, or as many but nearer to holding (two misread parts of one total: the first put right
    leaves the total failing, by less)."""
    before_ok = {_key(c) for c in table.checks if c.ok}
    before = _trouble(table)
    old = cell.text
    _set_text(table, cell, text)
    check_table(table, result, jurisdiction)
    after = _trouble(table)
    broken = {_key(c) for c in table.checks if not c.ok} & before_ok
    nearer = after[0] < before[0] or (after[0] == before[0] and after[1] < NEARER * before[1])
    # ink where nothing was read, now read as a figure: not worse is better
    filled = not old.strip() and typed(text).number is not None and after <= before
    if not broken and (nearer or filled):
        cell.repaired = Repair.model_validate({"from": old, "by": how})
        check_table(table, result, jurisdiction)  # flags again, now with `repaired`
        return True
    _set_text(table, cell, old)
    check_table(table, result, jurisdiction)
    return False


def _trouble(table: Table) -> tuple[int, float]:
    """Failed checks and row numbers out of sequence, and how far the checks are from holding
    (relative differences, summed)."""
    failed = [c for c in table.checks if not c.ok]
    gap = sum(abs(c.expected - (c.found or 0.0)) / max(abs(c.expected), abs(c.found or 0.0), 1.0) for c in failed)
    return len(failed) + sum(1 for c in table.cells if "out_of_sequence" in c.flags), gap


def _key(check: object) -> tuple[object, ...]:
    return (check.kind, tuple(check.cells[0]))  # type: ignore[attr-defined]


def _set_text(table: Table, cell: TableCell, text: str) -> None:
    cell.text = text
    for r in range(cell.row, cell.row + cell.rowspan):
        i = r - table.header_rows
        if 0 <= i < len(table.rows):
            for j in range(cell.col, min(cell.col + cell.colspan, len(table.rows[i]))):
                table.rows[i][j] = text
    type_table(table, table.unit or "")
