"""Figures the narrative states, against the table cells that hold them.

A metric (`全州共受理80564件`: subject 全州, name 受理, value 80564, unit 件) points at cells by
meaning: in a column whose header path holds its name (or under a top header its name ends
with: 行政复议 for `被申请行政复议2件`), the row its subject names (`汶川县`) or the table's
total rows when the subject is the whole area (`全州`, `全县`, none, or the document's
jurisdiction; a table of one row is its own total); or in a row whose label holds its name
(`地区生产总值` in a 指标 column, for `全市地区生产总值868.35亿元` and `…增长5.3%`).

- One of those cells prints the figure: the check holds.
- None does, but exactly one prints it with one digit changed, dropped, added or two neighbours
  swapped (80564 and 80554): the check fails, one of the two was misread or misprinted. A figure
  that differs more is taken to be another quantity (本月 against 累计, a total against a part),
  and a rate is never tested this way (99.45% and 99.47% are as often two rates as one misread).
- Nothing points: a figure of three digits or more that exactly one cell of the table prints is
  taken as restated there, and the check holds.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np

from extractor.checks.grid import Figures
from extractor.checks.relation import Line, Relation
from extractor.model.result import Metric
from extractor.tables.values import counts_up, digit_count, digits, is_code_column

MIN_DIGITS = 3  # 2 against 1 is not a slip of one figure: small counts differ for other reasons
_BRACKETS = re.compile(r"[（(][^）)]*[）)]")


def narrative_checks(
    f: Figures, metrics: list[Metric], row_texts: list[str], total_rows: list[int], jurisdiction: str
) -> list[Relation]:
    found = []
    tolerance: np.ndarray | None = None  # each cell's, as `_equal` allows: made when a metric needs the whole grid
    printed = ~np.isnan(f.value)
    for j in range(f.shape[1]):  # 序号 and 科目编码 print numbers that are names, not figures
        if counts_up(f.column(j)) or is_code_column(f.column(j)):
            printed[:, j] = False
    for metric in metrics:
        name = _key(metric.name)
        if len(name) < 2:
            continue
        stated = _stated(metric)
        cells = [(i, j) for i, j in _pointed(f, metric, name, row_texts, total_rows, jurisdiction) if printed[i, j]]
        agree = [(i, j) for i, j in cells if _equal(f, i, j, stated)]
        if not cells:
            if digit_count(metric.value) >= MIN_DIGITS:
                if tolerance is None:
                    tolerance = 0.5 * 10.0 ** -f.decimals.astype(float) + 1e-9
                with np.errstate(invalid="ignore"):
                    anywhere = printed & np.any([np.abs(f.value - v) <= tolerance for v in stated], axis=0)
                agree = [(int(i), int(j)) for i, j in zip(*np.nonzero(anywhere), strict=True)]
                if len(agree) == 1:
                    found.append(_relation(f, metric, agree[0], ok=True))
            continue
        if agree:
            found.append(_relation(f, metric, agree[0], ok=True))
        elif metric.unit not in ("%", "‰"):
            near = [(i, j) for i, j in cells if one_slip(f.value[i, j], metric.value)]
            if len(near) == 1:
                found.append(_relation(f, metric, near[0], ok=False))
    return found


def _pointed(
    f: Figures, metric: Metric, name: str, row_texts: list[str], total_rows: list[int], jurisdiction: str
) -> list[tuple[int, int]]:
    """The printed cells the metric points at by its name and subject."""
    columns = [j for j, path in enumerate(f.paths) if name in _key("".join(path)) or _group_named(path, name)]
    rows = _rows(metric.subject, row_texts, total_rows if total_rows or f.shape[0] != 1 else [0], jurisdiction)
    cells = {(i, j) for i in rows for j in columns}
    for i, text in enumerate(row_texts):
        label = _key(text)
        if len(label) >= 2 and (label in name or name in label):
            cells |= {(i, j) for j in range(f.shape[1])}
    return sorted((i, j) for i, j in cells if not np.isnan(f.value[i, j]))


def _group_named(path: list[str], name: str) -> bool:
    """The column's top header, when it has levels under it, ends the metric's name (行政复议 in
    `因政府信息公开被申请行政复议`: the figure is one of that group's columns)."""
    group = _key(path[0])
    return len(path) > 1 and len(group) >= 2 and name.endswith(group)


def _equal(f: Figures, i: int, j: int, stated: list[float]) -> bool:
    return any(abs(f.value[i, j] - v) <= f.tolerance(i, j) + 1e-9 for v in stated)


def _rows(subject: str, row_texts: list[str], total_rows: list[int], jurisdiction: str) -> list[int]:
    key = _key(subject)
    named = [i for i, text in enumerate(row_texts) if key and key == _key(text)]
    if named:
        return named
    whole = not key or key.startswith("全") or (jurisdiction and key in _key(jurisdiction))
    return total_rows if whole else []


def _stated(metric: Metric) -> list[float]:
    """The figure as the cell may print it: as is, or as a fraction when the text gives a percentage."""
    return [metric.value, metric.value / 100] if metric.unit == "%" else [metric.value]


def _relation(f: Figures, metric: Metric, cell: tuple[int, int], ok: bool) -> Relation:
    found = float(f.value[cell])
    expected = (
        metric.value / 100
        if metric.unit == "%" and abs(found - metric.value / 100) < abs(found - metric.value)
        else metric.value
    )
    rel = Relation("narrative", cell[1], ())
    rel.lines.append(Line(cell, [], float(expected), found, ok))
    rel.detail = f"page {metric.page}: {metric.text}" if metric.page else metric.text
    return rel


@lru_cache(maxsize=1 << 14)
def _key(text: str) -> str:
    return _BRACKETS.sub("", unicodedata.normalize("NFKC", text)).replace(" ", "")


def one_slip(a: float, b: float) -> bool:
    """Two figures that differ by one digit changed, dropped or added, or two neighbours swapped."""
    x, y = digits(a), digits(b)
    if x == y or min(len(x), len(y)) < MIN_DIGITS:
        return False
    if len(x) == len(y):
        diff = [k for k in range(len(x)) if x[k] != y[k]]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]] and x[diff[1]] == y[diff[0]]
        return len(diff) == 1 or swapped
    longer, shorter = (x, y) if len(x) > len(y) else (y, x)
    return len(longer) == len(shorter) + 1 and any(longer[:k] + longer[k + 1 :] == shorter for k in range(len(longer)))
