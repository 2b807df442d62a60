"""Totals the table prints, found by testing, not by their names.

A row is a **column total** when, in the columns of amounts, it equals the sum of a run of rows
next to it (合计 on top or at the bottom, 小计 after or before its group), or of that run with its
groups replaced by their subtotals, or without the rows that are another row's 其中 parts. A
column is a **row total** when it equals the sum of a run of columns next to it, and a **header
sum** when its parts are its siblings in the header tree (`已附码项目/合计/项目数量` = the
`项目数量` of each kind under 已附码项目).

A candidate is taken when it holds, with figures other than 0, in at least two columns (rows)
— one when the table has only one — with at least two different totals (3 = 2 + 1 in three
columns that count the same things is one coincidence), and in at least three times as many as
it fails in (two neighbours that happen to add up in a few columns fail in the others; 0 = 0 + 0
proves nothing). A total row is also taken, on any number of columns, one included, when the
columns that add up could not have by chance (`_surprise`, below 1 in 10⁴ per table): 8,149.08
to the cent in a 收支总表 whose other column is blank, or a 合计 that a row moved left breaks in
four columns of six. Where it fails, the figures disagree by more than their printed rounding
allows (`_exact_where_it_holds`: none, in a table whose other lines add up exactly): that is a
check that fails, unless the result is the parts' mean (a column of averages) or equals each
part (a code repeated down the column): those lines are left out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from extractor.checks.grid import Figures, header_siblings
from extractor.checks.relation import Line, Relation
from extractor.tables.values import digit_count

MIN_PARTS = 2
ROUNDING_SHARE = 0.001
MIN_PROOF_DIGITS = 4  # digits in the distinct totals that add up: 3 and 2 are too few, 1335 is enough
EXACT_LINES = 3  # lines adding up exactly, beyond which a table is taken not to round its parts
CHANCE_DIGITS = 4  # a total row holding by accident at most once in 10⁴ tables, beyond which failures do not undo it
MAX_FAILED_SHARE = 3  # a relation holds in at least 3 times as many columns (rows) as it fails in


def column_totals(f: Figures, amounts: np.ndarray) -> list[Relation]:
    """Rows that are sums of other rows, evaluated in the columns of amounts (`amounts`: bool per column)."""
    n = f.shape[0]
    side = _Side.of(f, axis=0)
    found: dict[int, Relation] = {}
    for t in range(n):
        children = _children(t, f.row_paths)
        candidates = [*_runs(t, n), *_without_children(t, n, f.row_paths), *children]
        best = _best(side, t, candidates, amounts, structural=set(children))
        if best is not None:
            found[t] = best
    # second pass: a grand total over groups that have their own subtotals
    grouped = {t: set(r.parts) for t, r in found.items()}
    for t in range(n):
        regrouped = list(_regrouped(t, n, grouped))
        preferred = {parts for parts, by_subtotal in regrouped if by_subtotal}
        best = _best(side, t, [parts for parts, _ in regrouped], amounts, structural=preferred)
        if best is not None and (t not in found or _better(best, found[t])):
            found[t] = best
    return _drop_echoes([found[t] for t in sorted(found)])


def row_totals(f: Figures, amounts: np.ndarray) -> list[Relation]:
    """Columns that are sums of other columns of amounts, evaluated in every body row. A second
    pass takes a header group with its own subtotal as that subtotal (`合计` = `因公出国费` +
    `公务用车/小计` + `公务接待费`)."""
    m = f.shape[1]
    rows = ~f.percent_rows
    side = _Side.of(f, axis=1)
    found: dict[int, Relation] = {}
    for t in map(int, np.flatnonzero(amounts)):
        runs: list[Sequence[int]] = [p for p in _runs(t, m) if amounts[list(p)].all()]
        siblings = [p for p in header_siblings(t, f.paths) if amounts[list(p)].all()]
        best = _best(side, t, [*runs, *siblings], rows, structural=set(siblings))
        if best is not None:
            best.kind = "header_sum" if best.parts in siblings else "row_total"
            found[t] = best
    for t in map(int, np.flatnonzero(amounts)):
        nested = [p for p in _nested_groups(t, f, found) if amounts[list(p)].all()]
        best = _best(side, t, nested, rows, structural=set(nested))
        if best is not None and (t not in found or _better(best, found[t])):
            best.kind = "header_sum"
            found[t] = best
    return _drop_echoes([found[t] for t in sorted(found)])


# --- candidates --------------------------------------------------------------------------------


def _runs(t: int, n: int) -> list[range]:
    """Runs of at least MIN_PARTS rows (columns) just before and just after t (as ranges: a table
    of a thousand rows has two thousand of them for each total tried)."""
    before = [range(start, t) for start in range(t - MIN_PARTS, -1, -1)]
    after = [range(t + 1, end) for end in range(t + MIN_PARTS + 1, n + 1)]
    return before + after


def _without_children(t: int, n: int, row_paths: list[str]) -> Iterator[tuple[int, ...]]:
    """All the rows before (after) row t, without those that are another row's 其中 parts (by row path)."""
    if not any("/" in p for p in row_paths):
        return
    for block in (range(0, t), range(t + 1, n)):
        paths = {row_paths[r] for r in block if row_paths[r]}
        tops = tuple(r for r in block if not _has_parent_in(row_paths[r], paths))
        if MIN_PARTS <= len(tops) < len(block):
            yield tops


def _children(t: int, row_paths: list[str]) -> list[tuple[int, ...]]:
    """The rows whose row path is row t's plus one level (a 类 row's 款 rows): one candidate, which
    may be a single row (a 类 with one 款)."""
    mine = row_paths[t]
    if not mine:
        return []
    kids = tuple(r for r, p in enumerate(row_paths) if r != t and p.rpartition("/")[0] == mine)
    return [kids] if kids else []


def _nested_groups(t: int, f: Figures, found: dict[int, Relation]) -> list[tuple[int, ...]]:
    """Column t's siblings under its parent header, a sibling that is a group of columns standing
    for itself by the column found to total that group, or, in a table too small to find it (one
    row: 18.60 = 0.00 + 18.60 proves nothing alone), the one column of the group equal to the sum
    of the others in every row."""
    paths = f.paths
    mine = paths[t]
    if len(mine) < 2:
        return []
    parent = mine[:-1]
    groups: dict[str, list[int]] = {}
    for j, p in enumerate(paths):
        if j != t and len(p) > len(parent) and p[: len(parent)] == parent:
            groups.setdefault(p[len(parent)], []).append(j)
    parts = []
    for columns in groups.values():
        if len(columns) == 1:
            parts.append(columns[0])
            continue
        total = [k for k in columns if k in found and set(found[k].parts) <= set(columns)]
        if not total:
            total = [k for k in columns if _sums_the_others(f, k, [c for c in columns if c != k])]
        if len(total) > 1 and _same(f, total):  # 18.60 = 0.00 + 18.60 either way round: the group is 18.60
            total = total[:1]
        if len(total) != 1:
            return []
        parts.append(total[0])
    return [tuple(sorted(parts))] if len(parts) >= MIN_PARTS else []


def _sums_the_others(f: Figures, k: int, others: list[int]) -> bool:
    """Column k equals the sum of `others` in every row that prints it, with a figure other than 0."""
    value = f.value[:, k]
    rows = ~np.isnan(value)
    if not rows.any() or not (value[rows] != 0).any():
        return False
    parts = np.nan_to_num(f.value[:, others]).sum(axis=1)
    return bool((np.abs(value[rows] - parts[rows]) <= f.tolerance(0, k) * len(others) + 1e-9).all())


def _same(f: Figures, columns: list[int]) -> bool:
    block = f.value[:, columns]
    return bool(np.allclose(np.nan_to_num(block), np.nan_to_num(block[:, :1])))


def _has_parent_in(path: str, paths: set[str]) -> bool:
    parent = path.rpartition("/")[0]
    return bool(parent) and parent in paths


def _regrouped(t: int, n: int, grouped: dict[int, set[int]]) -> Iterator[tuple[tuple[int, ...], bool]]:
    """Runs next to row t in which the rows summed by a subtotal are replaced by that subtotal
    (marked True: preferred when both hold, a 合计 sums the 小计 rows), and the same runs without
    the subtotals (their parts counted instead)."""
    for block in (range(0, t), range(t + 1, n)):
        rows = set(block)
        subs = {s: parts for s, parts in grouped.items() if s in rows and s != t and parts <= rows}
        if not subs:
            continue
        covered = set().union(*subs.values())
        by_subtotal = tuple(sorted((rows - covered) | set(subs)))
        by_parts = tuple(sorted(rows - set(subs)))
        for parts, preferred in ((by_subtotal, True), (by_parts, False)):
            if len(parts) >= MIN_PARTS:
                yield parts, preferred


# --- testing -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Side:
    """A table's figures seen from one side, made once for every total tried on it. axis 0: the
    rows are the parts (column totals); axis 1: the columns are (row totals). `running_*`: the
    running sums of the printed figures, their rounding and their count down the parts, with a
    row of zeros on top, from which any run of parts is summed in one subtraction."""

    axis: int
    value: np.ndarray
    tol: np.ndarray
    present: np.ndarray
    value0: np.ndarray  # the figures, 0 where none is printed
    tol0: np.ndarray
    running_value: np.ndarray
    running_tol: np.ndarray
    running_present: np.ndarray

    @classmethod
    def of(cls, f: Figures, axis: int) -> _Side:
        value = f.value if axis == 0 else f.value.T
        tol = _tolerances(f) if axis == 0 else _tolerances(f).T
        present = ~np.isnan(value)
        value0, tol0 = np.where(present, value, 0.0), np.where(present, tol, 0.0)
        return cls(axis, value, tol, present, value0, tol0, _running(value0), _running(tol0), _running(present))


def _running(a: np.ndarray) -> np.ndarray:
    a = a.astype(float)
    return np.vstack([np.zeros((1, a.shape[1])), np.cumsum(a, axis=0)])


def _best(
    side: _Side,
    t: int,
    candidates: Sequence[Sequence[int]],
    lines: np.ndarray,
    structural: set[tuple[int, ...]] | None = None,
) -> Relation | None:
    """The candidate that holds best for total t, if one holds well enough. axis 0: t is a row and
    its parts are rows, evaluated in the columns `lines`; axis 1: t is a column of parts columns.
    All candidates are tested at once (`_over`).
    Between two that hold as well, one the table's structure proposes (children in the row paths,
    siblings in the header) wins over a mere run of neighbours."""
    structural = structural or set()
    if not candidates:
        return None
    axis, value, present = side.axis, side.value, side.present
    total, total_tol = value[t], side.tol[t]
    testable = lines & ~np.isnan(total)
    if not testable.any():
        return None
    runs, others, starts, ends = _split(candidates)
    sums, tols, count = (
        _over(candidates, runs, others, starts, ends, running, a)
        for running, a in (
            (side.running_value, side.value0),
            (side.running_tol, side.tol0),
            (side.running_present, present),
        )
    )
    matches = present & (value == total)
    equal = _over(candidates, runs, others, starts, ends, _running(matches), matches)
    # rounding as printed: the total's own last digit, and the parts' rounding, which adds up to at
    # most half a unit each but is never more than 0.1 % of the total (0 = 1 + 0 is not rounding)
    allowed = total_tol + np.minimum(tols, ROUNDING_SHARE * np.abs(total)) + 1e-9
    test = testable & (count > 0)
    ok = np.abs(total - sums) <= allowed
    # a line where the result is the parts' mean (averages) or equals every part (a code or a label
    # repeated down the column, 类 205 on each of its rows) is not a sum that fails: it is left out
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.abs(sums / count - total) < total_tol + 1e-9
    same = equal == count
    test &= ok | ~(((mean & (total != 0)) | same) & (count >= 2))
    held, failed = (test & ok).sum(axis=1), (test & ~ok).sum(axis=1)
    # proof: lines where figures other than 0 add up, from two printed parts or more (a figure equal
    # to the one other figure printed beside it is an equality, not a sum), unless the structure
    # proposed that single part (a 类 with one 款)
    single = np.array([len(c) == 1 and c in structural for c in candidates])[:, None]
    proof = test & ok & (total != 0) & ((count >= 2) | single)
    evidence = proof.sum(axis=1)
    need = 1 if testable.sum() == 1 else 2
    good = evidence >= (1 if axis == 0 else need)  # a total row may stand on one column beyond chance
    # distinct figures, and enough digits among them: 3 = 2 + 1 in three columns counting the same
    # projects is one coincidence, and small counts add up by chance in a sparse table. Failures are
    # allowed up to a third of the evidence, or, for a total row, any number while the figures that
    # do add up are beyond chance (`_surprise`): a table with several misread figures keeps its
    # totals, and its checks point at them. A total column is held to the third: rows where it
    # fails are rows it is not the sum of.
    n = value.shape[0]  # every row is tried as the total of every run of its neighbours, n² tests
    beyond_chance = np.log10(max(n * n, n * len(candidates))) + CHANCE_DIGITS
    for c in np.flatnonzero(good):
        figures = set(total[proof[c]].tolist())
        digits = sum(digit_count(v) for v in figures)
        strong = axis == 0 and _surprise(total, sums[c], total_tol, proof[c]) >= beyond_chance
        enough = (held[c] > failed[c] and evidence[c] >= MAX_FAILED_SHARE * failed[c]) or strong
        good[c] = enough and (len(figures) >= need or strong) and digits >= MIN_PROOF_DIGITS
    if not good.any():
        return None
    order = [int(c) for c in np.flatnonzero(good)]
    k = max(order, key=lambda c: (held[c], -failed[c], candidates[c] in structural, len(candidates[c])))
    parts = candidates[k]
    rel = Relation("column_total" if axis == 0 else "row_total", t, tuple(parts))
    holds = _exact_where_it_holds(test[k] & ok[k], total, sums[k], total_tol)
    # a row total missing where every part is printed fails too (read empty, or moved to another
    # column); a total row's empty cell does not: 合计 rows often leave columns blank
    missing = np.zeros_like(test[k]) if axis == 0 else lines & np.isnan(total) & (count[k] == len(parts))
    for j in map(int, np.flatnonzero(test[k] | missing)):
        cell = (t, j) if axis == 0 else (j, t)
        here = list(parts)  # a part printing nothing is a part too: its cell may be what is wrong
        part_cells = [(p, j) if axis == 0 else (j, p) for p in here]
        found = None if missing[j] else float(total[j])
        rel.lines.append(Line(cell, part_cells, float(sums[k, j]), found, bool(test[k, j] and holds[j])))
    return rel


def _exact_where_it_holds(ok: np.ndarray, total: np.ndarray, sums: np.ndarray, tol: np.ndarray) -> np.ndarray:
    """The lines where the relation holds, as the table rounds: the parts' rounding is allowed
    only in a table that uses it. Where at least EXACT_LINES lines add up to the total's last digit
    and no more than a fifth of those that hold need the parts' rounding, the table's figures are
    exact (counts of 件 do not round) and a line off by a few units is a misread digit, not rounding."""
    exact = ok & (np.abs(total - sums) <= tol + 1e-9)
    rounded = ok & ~exact
    if exact.sum() >= EXACT_LINES and rounded.sum() * 4 <= exact.sum():
        return exact
    return ok


def _surprise(total: np.ndarray, sums: np.ndarray, tol: np.ndarray, proof: np.ndarray) -> float:
    """How unlikely it is that the lines `proof` add up by accident, in powers of ten: a sum of
    unrelated figures lands within the observed difference of a total T (printed to a unit u) with
    a chance of about (2·|difference| + u) / |T|; each distinct total counts once."""
    seen: dict[float, float] = {}
    for j in map(int, np.flatnonzero(proof)):
        chance = (2.0 * abs(total[j] - sums[j]) + 2.0 * tol[j]) / abs(total[j])
        seen[float(total[j])] = min(seen.get(float(total[j]), 1.0), chance)
    return float(-np.log10(list(seen.values())).sum()) if seen else 0.0


def _split(candidates: Sequence[Sequence[int]]) -> tuple[list[int], list[int], np.ndarray, np.ndarray]:
    """The candidates that are runs of consecutive parts (with where each starts and ends), and the others."""
    runs = [k for k, c in enumerate(candidates) if c[-1] - c[0] + 1 == len(c)]
    others = [k for k, c in enumerate(candidates) if c[-1] - c[0] + 1 != len(c)]
    starts = np.array([candidates[k][0] for k in runs], dtype=int)
    ends = np.array([candidates[k][-1] + 1 for k in runs], dtype=int)
    return runs, others, starts, ends


def _over(
    candidates: Sequence[Sequence[int]],
    runs: list[int],
    others: list[int],
    starts: np.ndarray,
    ends: np.ndarray,
    running: np.ndarray,
    a: np.ndarray,
) -> np.ndarray:
    """`a` (parts × lines) summed over each candidate (candidates × lines): runs of consecutive parts
    from `running` (a's running sums), in time linear in the table; the few others through a
    membership matrix."""
    total = np.zeros((len(candidates), a.shape[1]))
    total[runs] = running[ends] - running[starts]
    if others:
        member = np.zeros((len(others), a.shape[0]))
        for row, k in enumerate(others):
            member[row, list(candidates[k])] = 1.0
        total[others] = member @ a.astype(float)
    return total


def _tolerances(f: Figures) -> np.ndarray:
    return 0.5 * 10.0 ** -f.decimals.astype(float)


def _better(a: Relation, b: Relation) -> bool:
    return (a.held, -a.failed, len(a.parts)) > (b.held, -b.failed, len(b.parts))


def _drop_echoes(found: list[Relation]) -> list[Relation]:
    """Two totals that are each other's part (a row that repeats another, zeros beside it) prove
    nothing about each other: keep neither as a total of the other."""
    keep = []
    for rel in found:
        echo = any(o is not rel and o.total in rel.parts and rel.total in o.parts for o in found)
        if not echo:
            keep.append(rel)
    return keep
