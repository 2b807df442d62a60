"""Rates the table prints, found by testing every pair of columns, not by their names.

A column is a **ratio** of columns a and b when, row by row, it equals a ÷ b, as printed: a
plain quotient, × 100 (a percentage printed without its sign under `办结率（%）`), × 1000, or a
growth (a ÷ b − 1, × 100: `比上年增长%` beside this year's and last year's figures; in a row of rates
the change may be printed in percentage points, a − b). A **share** is
a column equal to another column divided by that column's figure in a total row (`比重`).
Percentages printed with their sign are fractions already (`97.21%` is 0.9721).

A candidate is taken when it holds in at least `MIN_ROWS` rows with a figure other than 0 and in
at least `MIN_SHARE` of the rows it can be tested on; the rows where it fails are checks that
fail. Only columns that print decimals or percentages are tried as results: a quotient of
counts is seldom a whole number, and whole numbers match too many pairs by chance.
"""

from __future__ import annotations

import numpy as np

from extractor.checks.grid import Figures, header_groups
from extractor.checks.relation import Line, Relation
from extractor.tables.values import typed

MIN_ROWS = 2
MIN_SHARE = 0.8
SCALES = (1.0, 100.0, 1000.0)


def ratios(f: Figures, candidates: np.ndarray) -> list[Relation]:
    """Rate columns among `candidates` (bool per column): each with the columns it divides. Besides
    single columns, the sums of header groups are tried as numerator and denominator (`办结率` of a
    table whose 受理 and 办结 are split by kind: Σ办结 ÷ Σ受理)."""
    sources = [(j,) for j in range(f.shape[1])] + header_groups(f.paths)
    value = np.column_stack([_sum_of(f.value, s) for s in sources]) if sources else f.value
    tol = 0.5 * 10.0 ** -f.decimals.astype(float)
    rates = _printed_rates(f, sources)
    found = []
    by_denominator: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}  # the same for every t
    for t in range(f.shape[1]):
        if not candidates[t] or not _fractional(f, t):
            continue
        best: Relation | None = None
        target, target_tol = f.value[:, [t]], tol[:, [t]]
        usable = np.array([t not in s for s in sources])
        for b, below in enumerate(sources):
            if not usable[b] or np.all(np.isnan(value[:, b]) | (value[:, b] == 1)):
                continue
            if b not in by_denominator:
                with np.errstate(divide="ignore", invalid="ignore"):
                    quotient = value / value[:, [b]]
                dividing = np.isfinite(quotient) & (value[:, [b]] != 0)
                points = _points(value, b, rates, f.percent_rows)
                disjoint = np.array([not set(s) & set(below) for s in sources])  # no column on both sides
                by_denominator[b] = (quotient, dividing, points, disjoint)
            quotient, dividing, points, disjoint = by_denominator[b]
            testable = ~np.isnan(target) & dividing
            if not testable.any():
                continue
            apart = usable & disjoint
            for growth in (False, True):
                for scale in SCALES:
                    rate = (quotient - 1.0) * scale if growth else quotient * scale
                    held = testable & (np.abs(target - rate) <= target_tol + 1e-9)
                    if growth:
                        with np.errstate(invalid="ignore"):
                            held |= testable & (np.abs(target - points * scale) <= target_tol + 1e-9)
                    enough = ((held & (target != 0)).sum(axis=0) >= MIN_ROWS) & (
                        held.sum(axis=0) >= MIN_SHARE * testable.sum(axis=0)
                    )
                    enough &= apart
                    for a in np.flatnonzero(enough):
                        above = sources[int(a)]
                        change = points[:, a] * scale if growth else None
                        rel = _test(f, t, above, below, rate[:, a], tol[:, t], value[:, b] != 0, change)
                        if rel is not None and (best is None or (rel.held, -rel.failed) > (best.held, -best.failed)):
                            rel.detail = _formula(above, below, scale, growth)
                            best = rel
        if best is not None:
            found.append(best)
    return found


def _sum_of(value: np.ndarray, columns: tuple[int, ...]) -> np.ndarray:
    block = value[:, list(columns)]
    return np.where(np.isnan(block).all(axis=1), np.nan, np.nansum(block, axis=1))


def shares(f: Figures, candidates: np.ndarray, total_rows: list[int]) -> list[Relation]:
    """Columns equal to another column's figure over that column's figure in a total row."""
    value = f.value
    tol = 0.5 * 10.0 ** -f.decimals.astype(float)
    found = []
    for t in range(value.shape[1]):
        if not candidates[t] or not _fractional(f, t):
            continue
        best: Relation | None = None
        for r in total_rows:
            for a in range(value.shape[1]):
                if a == t or np.isnan(value[r, a]) or value[r, a] == 0:
                    continue
                for scale in SCALES:
                    rel = _test(f, t, (a,), (), value[:, a] / value[r, a] * scale, tol[:, t], np.ones(len(value), bool))
                    if rel is not None and (best is None or rel.held > best.held):
                        for line in rel.lines:
                            line.parts = [line.parts[0], (r, a)]
                        rel.detail = f"share of row {r + f.header_rows}: column {a} ÷ its total × {scale:g}"
                        best = rel
        if best is not None:
            found.append(best)
    return found


def _fractional(f: Figures, t: int) -> bool:
    column = ~np.isnan(f.value[:, t])
    return bool(f.percent[t] or (column.any() and (f.decimals[column, t] > 0).mean() >= 0.5))


def _test(
    f: Figures,
    t: int,
    above: tuple[int, ...],
    below: tuple[int, ...],
    rate: np.ndarray,
    tol: np.ndarray,
    defined: np.ndarray,
    points: np.ndarray | None = None,
) -> Relation | None:
    """`points`: for a growth, each row's change in percentage points where its figures are rates
    (加权平均净资产收益率 4.37% against 3.24%: +1.13, not +34.9 %), NaN elsewhere."""
    value = f.value[:, t]
    test = ~np.isnan(value) & ~np.isnan(rate) & defined & np.isfinite(rate)
    if test.sum() < MIN_ROWS:
        return None
    ok = np.abs(value - rate) <= tol + 1e-9
    if points is not None:
        with np.errstate(invalid="ignore"):
            ok |= np.abs(value - points) <= tol + 1e-9
    held = test & ok
    if int((held & (value != 0)).sum()) < MIN_ROWS or held.sum() < MIN_SHARE * test.sum():
        return None
    rel = Relation("ratio", t, above + below)
    # a row whose rate is missing though every figure it is computed from is printed fails too
    # (its cell was read empty, or its figure fell into another column)
    missing = np.isnan(value) & defined & np.isfinite(rate) & ~np.isnan(f.value[:, list(above + below)]).any(axis=1)
    for i in map(int, np.flatnonzero(test | missing)):
        parts = [(i, j) for j in above + below if not np.isnan(f.value[i, j])]
        found = None if missing[i] else float(value[i])
        rel.lines.append(Line((i, t), parts, float(rate[i]), found, bool(test[i] and ok[i])))
    return rel


def _printed_rates(f: Figures, sources: list[tuple[int, ...]]) -> np.ndarray:
    """(rows × sources): the source is one column whose cell in that row prints a rate (with %)."""
    out = np.zeros((f.shape[0], len(sources)), dtype=bool)
    for k, source in enumerate(sources):
        if len(source) == 1:
            for i in range(f.shape[0]):
                cell = f.cells.get(f.grid(i, source[0]))
                out[i, k] = cell is not None and typed(cell.text).unit in ("%", "‰")
    return out


def _points(value: np.ndarray, b: int, rates: np.ndarray, rate_rows: np.ndarray) -> np.ndarray:
    """(rows × sources): each source's change from source b in percentage points, as a fraction
    (4.37% − 3.24% = 0.0113), where both print rates, or in a row of rates (`比重（%）`: 4.37 and
    3.24 printed plain); NaN elsewhere."""
    change = value - value[:, [b]]
    plain = rate_rows[:, None] & ~rates & ~rates[:, [b]]
    return np.where(rates & rates[:, [b]], change, np.where(plain, change / 100, np.nan))


def _formula(above: tuple[int, ...], below: tuple[int, ...], scale: float, growth: bool) -> str:
    def name(cols: tuple[int, ...]) -> str:
        return f"column {cols[0]}" if len(cols) == 1 else "(" + " + ".join(f"column {c}" for c in cols) + ")"

    q = f"{name(above)} ÷ {name(below)}"
    return f"({q} − 1) × {scale:g}" if growth else (q if scale == 1 else f"{q} × {scale:g}")
