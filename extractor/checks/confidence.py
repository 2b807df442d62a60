"""How far a table can be trusted, 0–1, and whether a person should look (`review`).

Three kinds of evidence multiply:

- **checks**: a failed check is strong evidence of a wrong cell (or a misprint in the source:
  either way a person should look). Checks that all pass vouch for the cells they cover.
- **reading**: on scanned pages, the share of cells the OCR read with low confidence, not
  counting cells that passing checks vouch for.
- **structure**: a header row that reads like data (figures in the header), a column of mixed
  kinds (figures and words in one column of amounts), body rows of different widths (cells
  merged across columns in the body where the header does not merge them), a column without a
  name under a header (a column split in two), and a body that is one giant row (figures run
  together in a cell); and the cells out of shape that checks/shape.py and checks/unread.py flag:
  a figure printed unlike the rest of its column (a count among rates), a row out of step, a
  figure missing from a full column, a number out of sequence, ink where nothing was read. The
  last three are weak alone (× 0.9: a blank may be printed on purpose); with another doubt they
  send the table to a person.

Each signal's factor is in `FACTORS`; `review` is confidence below `REVIEW_BELOW`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from extractor.checks.grid import Figures
from extractor.model.result import Check, Table
from extractor.tables.values import counts_up, is_code_column, normalise, typed

REVIEW_BELOW = 0.8
FACTORS = {
    "failed check": 0.4,
    "numeric header": 0.6,
    "mixed column": 0.75,
    "ragged rows": 0.8,
    "unnamed column": 0.6,
    "figure unlike its column": 0.7,
    "figure missing": 0.9,
    "row out of step": 0.6,
    "numbering out of sequence": 0.9,
    "ink where nothing was read": 0.9,
    "giant row": 0.4,
}
_RUN_OF_FIGURES = re.compile(r"\d[\d,.]*\s+\d[\d,.]*\s+\d")


@dataclass(slots=True)
class Verdict:
    confidence: float
    reasons: list[str] = field(default_factory=list)

    @property
    def review(self) -> bool:
        return self.confidence < REVIEW_BELOW


def judge(table: Table, f: Figures, checks: list[Check], totals: set[int]) -> Verdict:
    """`totals`: the body rows found to be totals (their labels sit where figures do elsewhere)."""
    verdict = Verdict(1.0)
    failed = [c for c in checks if not c.ok]
    if failed:
        verdict.confidence *= FACTORS["failed check"]
        verdict.reasons.append(f"{len(failed)} of {len(checks)} checks fail")
    vouched = {tuple(cell) for c in checks if c.ok for cell in c.cells}
    body = [c for c in table.cells if not c.header and c.text]
    doubtful = [c for c in body if "low_confidence" in c.flags and (c.row, c.col) not in vouched]
    if body and doubtful:
        share = len(doubtful) / len(body)
        verdict.confidence *= max(0.3, 1.0 - 2.0 * share) if share > 0.02 else 0.85
        verdict.reasons.append(f"{len(doubtful)} cells read with low confidence")
    for signal in _structure(table, f, totals):
        verdict.confidence *= FACTORS[signal]
        verdict.reasons.append(signal)
    verdict.confidence = round(verdict.confidence, 3)
    return verdict


def _stub(table: Table, j: int) -> bool:
    """The first column holding the rows' labels (words only): tables often leave its heading blank
    (a key-figures table's `| 本报告期 | 上年同期 |`); a blank heading over figures says a header
    cell was lost."""
    texts = [row[j] for row in table.rows if j < len(row) and row[j]]
    return j == 0 and bool(texts) and all(typed(t).number is None for t in texts)


def _structure(table: Table, f: Figures, totals: set[int]) -> list[str]:
    signals = []
    if _numeric_header(table):
        signals.append("numeric header")
    if any(_mixed(f, j, table, totals) for j in range(f.shape[1])):
        signals.append("mixed column")
    if _ragged(table):
        signals.append("ragged rows")
    if table.header_rows and any(not c.strip("/") and not _stub(table, j) for j, c in enumerate(table.columns)):
        signals.append("unnamed column")
    if any(_RUN_OF_FIGURES.search(c.text) for c in table.cells if not c.header):
        signals.append("giant row")
    for flag, signal in (
        ("unlike_column", "figure unlike its column"),
        ("missing", "figure missing"),
        ("out_of_step", "row out of step"),
        ("out_of_sequence", "numbering out of sequence"),
        ("unread", "ink where nothing was read"),
    ):
        if any(flag in c.flags for c in table.cells):
            signals.append(signal)
    return signals


def _numeric_header(table: Table) -> bool:
    """Figures in the header rows, other than years and a run of labels counting up (days 1 … 31)."""
    header = [c for c in table.cells if c.header and c.text]
    figures = [c for c in header if _is_figure(c.text)]
    by_row: dict[int, list[float]] = {}
    for c in sorted(figures, key=lambda c: c.col):
        by_row.setdefault(c.row, []).append(float(typed(c.text).number or 0))
    counted = sum(len(v) for v in by_row.values() if _labels_counting_up(v))
    return len(figures) - counted >= max(2, len(header) // 3)


def _labels_counting_up(values: list[float]) -> bool:
    """1, 2, 3 … 31 across a header, allowing a label or two the OCR missed (1 … 6, 8 … 31)."""
    whole = all(float(v).is_integer() for v in values)
    rising = all(b > a for a, b in pairwise(values))
    return len(values) >= 2 and whole and rising and values[-1] - values[0] + 1 <= len(values) + 2


def _is_figure(text: str) -> bool:
    t = normalise(text).rstrip("%")
    return bool(re.fullmatch(r"[\d,.]+", t)) and not re.fullmatch(r"(19|20)\d\d", t)


def _mixed(f: Figures, j: int, table: Table, totals: set[int]) -> bool:
    """Mostly figures, with words where figures should be (a cell read into the wrong column). A
    label in a total row (合计 under 序号) and a column of codes are not."""
    column = f.column(j)
    if counts_up(column) or is_code_column(column) or len(column) < 3:
        return False
    words = sum(
        1
        for i, v in enumerate(table.values)
        if j < len(v) and isinstance(v[j], str) and i not in totals and not np.isnan(f.value[i]).all()
    )
    return words > 0 and words * 4 <= len(column)


def _ragged(table: Table) -> bool:
    """Body cells merged across columns where no header cell above them spans those columns,
    in the columns of figures (a 合计 label merged over 序号 and 地区 is not ragged)."""
    header_spans = {(c.col, c.colspan) for c in table.cells if c.header}
    for c in table.cells:
        if c.header or c.colspan == 1 or (c.col, c.colspan) in header_spans:
            continue
        if c.text and _is_figure(c.text):
            return True
    return False
