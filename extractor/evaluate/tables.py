"""Table accuracy as CONTRACT.md defines it.

Each labelled table is paired with the extracted table that scores best.
Rows are aligned by sequence alignment (a row matches a row by how many cells
agree at the same column); cell F1 is over non-empty cells after NFKC and
removal of white space. Header accuracy is the share of judged columns whose
flattened name is exactly right at its position (compared after the same
normalisation).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

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
    n, m = len(gold), len(pred)
    prev = [0] * (m + 1)
    for i in range(1, n + 1):
        cur = [0] * (m + 1)
        for j in range(1, m + 1):
            cur[j] = max(prev[j], cur[j - 1], prev[j - 1] + _row_match(gold[i - 1], pred[j - 1]))
        prev = cur
    return prev[m]


def _normalised(rows: Sequence[Sequence[str]]) -> list[list[str]]:
    return [[norm(c) for c in row] for row in rows]


def score_table(label: dict, candidates: Sequence[dict]) -> TableScore:
    gold_rows = _normalised(label.get("rows", []))
    gold = sum(1 for row in gold_rows for c in row if c)
    columns = [norm(c) for c in label.get("columns", [])]
    judged = label.get("score_header") or [True] * len(columns)
    best: TableScore | None = None
    for cand in candidates:
        pred_rows = _normalised(cand.get("rows", []))
        predicted = sum(1 for row in pred_rows for c in row if c)
        tp = align_rows(gold_rows, pred_rows)
        pred_cols = [norm(c) for c in cand.get("columns", [])]
        correct = sum(
            1
            for k, (col, j) in enumerate(zip(columns, judged, strict=False))
            if j and k < len(pred_cols) and pred_cols[k] == col
        )
        score = TableScore(label.get("title", ""), cand.get("id"), tp, predicted, gold, correct, sum(map(bool, judged)))
        if best is None or (score.f1, score.header_correct) > (best.f1, best.header_correct):
            best = score
    return best or TableScore(label.get("title", ""), None, 0, 0, gold, 0, sum(map(bool, judged)))
