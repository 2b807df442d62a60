"""The checks stage: every table's own arithmetic, found and evaluated; flags, confidence, review.

For each table, in order:
1. its figures (checks/grid.py);
2. rates and growths among its columns (checks/ratios.py): columns found to be rates are not
   amounts and are not summed;
3. totals: rows that sum rows, columns that sum columns, header sums (checks/sums.py);
4. shares of a total row (checks/ratios.py);
5. figures the narrative states, against their cells (checks/narrative.py);
6. each evaluation becomes a `checks[]` entry; the cell holding a result that disagrees is
   flagged (and a part where two failed checks cross); cells out of the shape of their column or
   row are flagged (checks/shape.py), and so are low-confidence cells; an `unread` flag (ink
   where nothing was read, set by repair on scanned pages) stays while the cell is empty;
7. confidence and review (checks/confidence.py).
"""

from __future__ import annotations

import numpy as np

from extractor.checks.confidence import judge
from extractor.checks.grid import Figures, figures
from extractor.checks.narrative import narrative_checks
from extractor.checks.ratios import ratios, shares
from extractor.checks.relation import Relation
from extractor.checks.shape import kinds, missing, out_of_sequence, out_of_step, unlike_their_columns
from extractor.checks.sums import column_totals, row_totals
from extractor.model.result import Check, ExtractionResult, Table
from extractor.tables.values import counts_up, is_code_column

MISMATCH = {
    "column_total": "total_mismatch",
    "row_total": "total_mismatch",
    "header_sum": "total_mismatch",
    "ratio": "ratio_mismatch",
    "narrative": "narrative_mismatch",
}


def check_tables(result: ExtractionResult) -> None:
    jurisdiction = result.document.jurisdiction.name if result.document.jurisdiction else ""
    for table in result.tables:
        check_table(table, result, jurisdiction)


def check_table(table: Table, result: ExtractionResult | None = None, jurisdiction: str = "") -> None:
    f = figures(table)
    relations = find_relations(table, f, result, jurisdiction)
    table.checks = [check for rel in relations for check in _checks(rel, f)]
    totals = {rel.total for rel in relations if rel.kind == "column_total"}
    _flag(table, f, relations, totals)
    verdict = judge(table, f, table.checks, totals)
    table.confidence, table.review, table.reasons = verdict.confidence, verdict.review, verdict.reasons


def find_relations(table: Table, f: Figures, result: ExtractionResult | None, jurisdiction: str) -> list[Relation]:
    numeric = ~np.isnan(f.value)
    has_figures = numeric.sum(axis=0) >= 1
    ordinal = np.array([counts_up(f.column(j)) or is_code_column(f.column(j)) for j in range(f.shape[1])], dtype=bool)
    candidates = has_figures & ~ordinal
    rates = ratios(f, candidates)
    rate_columns = np.zeros(f.shape[1], dtype=bool)
    rate_columns[[r.total for r in rates]] = True
    amounts = candidates & ~f.percent & ~rate_columns
    totals = column_totals(f, amounts)
    sums = row_totals(f, amounts)
    total_rows = _grand_totals(totals)
    found = rates + totals + sums + shares(f, candidates & ~rate_columns & ~amounts, total_rows)
    if result is not None and result.facts.metrics:
        found += narrative_checks(f, result.facts.metrics, _row_labels(table), total_rows, jurisdiction)
    return found


def _checks(rel: Relation, f: Figures) -> list[Check]:
    return [
        Check(
            kind=rel.kind,
            ok=line.ok,
            expected=round(line.expected, 9),
            found=None if line.found is None else round(line.found, 9),
            cells=[f.grid(*line.result), *(f.grid(*p) for p in line.parts)],
            detail=rel.detail,
        )
        for line in rel.lines
    ]


def _flag(table: Table, f: Figures, relations: list[Relation], totals: set[int]) -> None:
    flags: dict[tuple[int, int], set[str]] = {}
    seen_in_failure: dict[tuple[int, int], int] = {}
    for rel in relations:
        for line in rel.lines:
            if line.ok:
                continue
            flags.setdefault(f.grid(*line.result), set()).add(MISMATCH[rel.kind])
            for p in line.parts:
                seen_in_failure[p] = seen_in_failure.get(p, 0) + 1
    for p, times in seen_in_failure.items():
        if times >= 2:  # where a failed row check and a failed column check cross: the likely culprit
            flags.setdefault(f.grid(*p), set()).add("total_mismatch")
    kind = kinds(table)
    for flag, slots in (
        ("unlike_column", unlike_their_columns(table, f)),
        ("missing", missing(f, kind, totals)),
        ("out_of_sequence", out_of_sequence(f)),
        ("out_of_step", out_of_step(f, kind)),
    ):
        for slot in slots:
            flags.setdefault(slot, set()).add(flag)
    for cell in table.cells:
        mine = flags.get((cell.row, cell.col), set())
        if cell.low_confidence and (cell.header or cell.value is not None):  # a dash read unsure says nothing
            mine.add("low_confidence")
        if cell.repaired is not None:
            mine.add("repaired")
        if "unread" in cell.flags and not cell.text.strip():  # ink seen in the page, where nothing was read
            mine.add("unread")
        if cell.flags != (flagged := sorted(mine)):  # most cells have none: no model assignment for them
            cell.flags = flagged  # type: ignore[assignment]


def _grand_totals(totals: list[Relation]) -> list[int]:
    """The total rows that no other total counts among its parts (the table's 合计, not its 小计)."""
    inner = {p for rel in totals for p in rel.parts}
    return [rel.total for rel in totals if rel.total not in inner]


def _row_labels(table: Table) -> list[str]:
    """Each body row's label: its first cell of text."""
    labels = []
    for row in table.values:
        labels.append(next((v for v in row if isinstance(v, str) and v.strip()), ""))
    return labels
