"""Rows from text lines where no rule separates them.

统计公报 and yearbooks draw three-line tables (a rule above and below the header,
one at the bottom) or rule only the columns; some ruled tables stack several
values in one cell, one per line. A reader takes the rows from the lines of
text that line up across the columns. So does this module, for the ruled builder
(a band between two rules that holds several lines of values) and the borderless
one alike:

1. each column's words form lines;
2. lines that overlap vertically share a row (a value centred beside a label
   wrapped over two lines joins both of them);
3. a row in which one column holds two or more lines of values is really that
   many rows: it is split along them;
4. a label wrapped inside its cell stays one cell: a line with text only in the
   label column, after a label line that runs to the column's edge, continues
   it; a full label line with no values, followed by a line starting at the
   same place that has them, is the first half of that row (values set at the
   bottom of the cell). A line of text alone in a value column, under text in
   that column, is that cell's text wrapped.

`row_breaks` gives the y positions between the rows found.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from extractor.ingest.words import group_lines
from extractor.model.page import Word
from extractor.textutil import is_number, lone_mark

_MARKER = re.compile(r"^\s*(其中|内)\s*[:：]|^\s*[#＃]")
OVERLAP = 0.15  # × line height: boxes that overlap less than this do not share a row
FULL = 1.5  # × font size: a label line ending this close to the column's right limit is full


@dataclass(slots=True)
class _Line:
    col: int
    words: list[Word]
    x0: float
    top: float
    x1: float
    bottom: float
    numeric: bool

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def size(self) -> float:
        return max(max(w.size for w in self.words), self.bottom - self.top, 1.0)


@dataclass(slots=True)
class _Row:
    lines: list[_Line] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(ln.top for ln in self._extent())

    @property
    def bottom(self) -> float:
        return max(ln.bottom for ln in self._extent())

    def _extent(self) -> list[_Line]:
        """The lines that give the row its height: a lone mark joined to it does not."""
        return [ln for ln in self.lines if not lone_mark(_text(ln))] or self.lines

    def cols(self) -> set[int]:
        return {ln.col for ln in self.lines}

    def label(self, stub: int) -> list[_Line]:
        return sorted((ln for ln in self.lines if ln.col == stub), key=lambda ln: ln.top)


def row_breaks(words: Sequence[Word], xs: Sequence[float], min_value_rows: int = 0) -> list[float]:
    """The y positions between the text rows of `words` laid out in the columns bounded by `xs`.

    With `min_value_rows`, none unless at least that many rows hold a value (a band of a
    ruled table whose lines are wrapped header text is one row, whatever its lines).
    """
    rows = text_rows(words, xs)
    if sum(1 for r in rows if any(ln.numeric for ln in r.lines)) < min_value_rows:
        return []
    return [(a.bottom + b.top) / 2 for a, b in pairwise(rows)]


def text_rows(words: Sequence[Word], xs: Sequence[float]) -> list[_Row]:
    lines = _column_lines(words, xs)
    if not lines:
        return []
    rows = _chain(lines)
    rows = [part for row in rows for part in _split_stacked(row)]
    stub = _stub_column(lines)
    if stub is not None:
        rows = _join_wrapped(rows, stub, _right_limit(lines, stub, xs))
    return rows


def _column_lines(words: Sequence[Word], xs: Sequence[float]) -> list[_Line]:
    by_col: dict[int, list[Word]] = {}
    for w in words:
        col = min(max(bisect.bisect_right(xs, w.cx) - 1, 0), max(len(xs) - 2, 0))
        by_col.setdefault(col, []).append(w)
    out = []
    for col, ws in by_col.items():
        for line in group_lines(ws):
            text = "".join(w.text for w in line)
            out.append(
                _Line(
                    col=col,
                    words=line,
                    x0=min(w.x0 for w in line),
                    top=min(w.top for w in line),
                    x1=max(w.x1 for w in line),
                    bottom=max(w.bottom for w in line),
                    numeric=is_number(text),
                )
            )
    return sorted(out, key=lambda ln: (ln.top, ln.x0))


def _chain(lines: Sequence[_Line]) -> list[_Row]:
    """Lines whose vertical extents overlap (chained) make a row. A lone dash or dot (as often a speck
    read as a mark) makes no row and chains none: it joins the row nearest its middle."""
    rows: list[_Row] = []
    bottom = float("-inf")
    marks = [ln for ln in lines if lone_mark(_text(ln))]
    for ln in lines:
        if lone_mark(_text(ln)) and len(marks) < len(lines):
            continue
        if rows and ln.top < bottom - OVERLAP * (ln.bottom - ln.top):
            rows[-1].lines.append(ln)
            bottom = max(bottom, ln.bottom)
        else:
            rows.append(_Row([ln]))
            bottom = ln.bottom
    if len(marks) < len(lines):
        for ln in marks:
            min(rows, key=lambda r: _distance(r, ln.cy)).lines.append(ln)
    return rows


def _text(ln: _Line) -> str:
    return "".join(w.text for w in ln.words)


def _distance(row: _Row, y: float) -> float:
    top, bottom = min(ln.top for ln in row.lines), max(ln.bottom for ln in row.lines)
    return max(top - y, y - bottom, 0.0)


def _split_stacked(row: _Row) -> list[_Row]:
    """A column with two or more lines of values in one chained row: one row per value line."""
    per_col: dict[int, list[_Line]] = {}
    for ln in row.lines:
        per_col.setdefault(ln.col, []).append(ln)
    stacks = [lns for lns in per_col.values() if len(lns) >= 2 and all(ln.numeric for ln in lns)]
    if not stacks:
        return [row]
    anchors = sorted(stacks[max(range(len(stacks)), key=lambda i: len(stacks[i]))], key=lambda ln: ln.cy)
    parts = [_Row() for _ in anchors]
    for ln in row.lines:
        k = min(range(len(anchors)), key=lambda i: abs(anchors[i].cy - ln.cy))
        parts[k].lines.append(ln)
    return [p for p in parts if p.lines]


def _stub_column(lines: Sequence[_Line]) -> int | None:
    """The label column: the leftmost whose lines are mostly text."""
    cols = sorted({ln.col for ln in lines})
    for col in cols:
        mine = [ln for ln in lines if ln.col == col]
        if sum(not ln.numeric for ln in mine) * 2 > len(mine):
            return col
    return None


def _right_limit(lines: Sequence[_Line], stub: int, xs: Sequence[float]) -> float:
    """Where the label column's text can reach: its right bound, or its longest line if that ends sooner."""
    longest = max(ln.x1 for ln in lines if ln.col == stub)
    bound = xs[stub + 1] if stub + 1 < len(xs) else longest
    return min(longest, bound)


def _join_wrapped(rows: list[_Row], stub: int, right: float) -> list[_Row]:
    out: list[_Row] = []
    for row in rows:
        if (out and _continues(out[-1], row, stub, right)) or (out and _completes(out[-1], row, stub, right)):
            out[-1].lines.extend(row.lines)
        else:
            out.append(row)
    return out


_CLOSED = re.compile(r"[)）:：]\s*$")


def _is_full(line: _Line, right: float) -> bool:
    """A label line that runs to the column's edge, so may go on below; one that closes with a
    bracket or a colon (`盈利能力指标(%)`, `流动资产：`) is complete, a section heading of its own."""
    return line.x1 >= right - FULL * line.size and not _CLOSED.search("".join(w.text for w in line.words))


def _continues(prev: _Row, row: _Row, stub: int, right: float) -> bool:
    """`row` holds only the rest of the label above it, or of a note wrapped in a value cell."""
    if len(row.cols()) == 1 and row.cols() != {stub}:
        return _wraps_text(prev, row)
    if row.cols() != {stub}:
        return False
    above = prev.label(stub)
    mine = row.label(stub)
    if _MARKER.match("".join(w.text for w in mine[0].words)):
        return False  # 其中： / # opens a sub-item, it does not continue a label
    if not above or not _is_full(above[-1], right):
        return False
    return mine[0].x0 >= above[-1].x0 - 0.5 * mine[0].size  # not outdented: the same paragraph


def _wraps_text(prev: _Row, row: _Row) -> bool:
    """A line of text alone in a value column (`10.5（三角）` under `11.0（水平）`), under text in
    that column: the cell's text wrapped, not a row of its own."""
    (col,) = row.cols()
    mine = [ln for ln in row.lines if ln.col == col]
    above = [ln for ln in prev.lines if ln.col == col]
    return bool(above) and not any(ln.numeric for ln in mine) and not above[-1].numeric


def _completes(prev: _Row, row: _Row, stub: int, right: float) -> bool:
    """`prev` is a full label line alone; `row` starts where it starts and holds the values."""
    if prev.cols() != {stub} or row.cols() == {stub} or stub not in row.cols():
        return False
    above = prev.label(stub)
    mine = row.label(stub)
    if not _is_full(above[-1], right):
        return False
    return abs(mine[0].x0 - above[0].x0) <= 0.5 * mine[0].size
