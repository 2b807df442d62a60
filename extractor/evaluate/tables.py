"""Table accuracy as CONTRACT.md defines it.

Each labelled table is paired with the extracted table that scores best.
Rows are aligned by sequence alignment (a row matches a row by how many cells
agree at the same column); cell F1 is over non-empty cells after NFKC and
removal of white space. Header accuracy is the share of judged columns whose
flattened name is exactly right at its position (compared after the same
normalisation). Row paths (where a label gives `row_paths`): the share of
labelled body rows whose path is exactly right, each labelled row judged
against the extracted row the alignment paired it with (an unpaired row is
wrong).

A label marked `partial` (only the first rows of a long table were typed: the
first pages of a 66-page list) judges the extracted rows only as far as the
last one the alignment paired with a labelled row: the rows the label leaves
out are neither right nor wrong.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractor.evaluate.checks import CheckScore

_WS = re.compile(r"\s+")


def norm(text: str | None) -> str:
    return _WS.sub("", unicodedata.normalize("NFKC", text or ""))


@dataclass(frozen=True, slots=True)
class TableScore:
    title: str
    matched: str | None  # id of the extracted table paired with the label
    tp: int
    predicted: int
    gold: int
    header_correct: int
    header_judged: int
    path_correct: int = 0
    path_judged: int = 0
    checks: CheckScore | None = None  # self-knowledge (evaluate/checks.py), for the paired table

    @property
    def f1(self) -> float:
        return f1(self.tp, self.predicted, self.gold)


def f1(tp: int, predicted: int, gold: int) -> float:
    if predicted == 0 and gold == 0:
        return 1.0
    if tp == 0:
        return 0.0
    p, r = tp / predicted, tp / gold
    return 2 * p * r / (p + r)


def _row_match(a: Sequence[str], b: Sequence[str]) -> int:
    return sum(1 for x, y in zip(a, b, strict=False) if x and x == y)


def align_rows(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> int:
    """Matched non-empty cells under the best monotone alignment of rows (gaps cost nothing)."""
    return aligned_pairs(gold, pred)[0]


def aligned_pairs(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> tuple[int, dict[int, int]]:
    """The best monotone alignment: matched cells, and gold row → paired predicted row."""
    n, m = len(gold), len(pred)
    score = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        prev, cur = score[i - 1], score[i]
        g = gold[i - 1]
        for j in range(1, m + 1):
            cur[j] = max(prev[j], cur[j - 1], prev[j - 1] + _row_match(g, pred[j - 1]))
    pairs: dict[int, int] = {}
    i, j = n, m
    while i > 0 and j > 0:
        if score[i][j] == score[i - 1][j]:
            i -= 1
        elif score[i][j] == score[i][j - 1]:
            j -= 1
        else:
            pairs[i - 1] = j - 1
            i, j = i - 1, j - 1
    return score[n][m], pairs


def normalised(rows: Sequence[Sequence[str]]) -> list[list[str]]:
    return [[norm(c) for c in row] for row in rows]


def score_table(label: dict, candidates: Sequence[dict], partial: bool = False) -> TableScore:
    gold_rows = normalised(label.get("rows", []))
    gold = sum(1 for row in gold_rows for c in row if c)
    columns = [norm(c) for c in label.get("columns", [])]
    judged = label.get("score_header")
    if judged is None or isinstance(judged, bool):  # one flag for every column, or none: all judged
        judged = [judged is not False] * len(columns)
    gold_paths = [norm(p) for p in label.get("row_paths") or []]
    best: TableScore | None = None
    for cand in candidates:
        pred_rows = normalised(cand.get("rows", []))
        tp, pairs = aligned_pairs(gold_rows, pred_rows)
        judged_rows = pred_rows[: max(pairs.values(), default=-1) + 1] if partial else pred_rows
        predicted = sum(1 for row in judged_rows for c in row if c)
        pred_cols = [norm(c) for c in cand.get("columns", [])]
        correct = sum(
            1
            for k, (col, j) in enumerate(zip(columns, judged, strict=False))
            if j and k < len(pred_cols) and pred_cols[k] == col
        )
        pred_paths = [norm(p) for p in cand.get("row_paths") or []]
        paths_ok = sum(
            1
            for i, path in enumerate(gold_paths)
            if i in pairs and pairs[i] < len(pred_paths) and pred_paths[pairs[i]] == path
        )
        score = TableScore(
            label.get("title", ""),
            cand.get("id"),
            tp,
            predicted,
            gold,
            correct,
            sum(map(bool, judged)),
            paths_ok,
            len(gold_paths),
        )
        if best is None or (score.f1, score.header_correct) > (best.f1, best.header_correct):
            best = score
    empty = TableScore(label.get("title", ""), None, 0, 0, gold, 0, sum(map(bool, judged)), 0, len(gold_paths))
    return best or empty
