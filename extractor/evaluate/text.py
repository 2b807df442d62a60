"""Narrative character error rate of a scanned result against its digital twin.

CER = Levenshtein distance / length of the twin's text, both after NFKC and
removal of white space (line breaks fall differently on a scan). The twin of
`NAME-scan…` is `NAME`: the same bulletin extracted from its Word-exported PDF.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from extractor.evaluate.tables import norm

SCAN_MARK = "-scan"


@dataclass(frozen=True, slots=True)
class TextScore:
    name: str
    twin: str
    errors: int
    length: int

    @property
    def cer(self) -> float:
        return self.errors / self.length if self.length else 0.0


def twin_name(name: str) -> str | None:
    return name.split(SCAN_MARK)[0] if SCAN_MARK in name else None


def narrative_cer(text: str, reference: str) -> tuple[int, int]:
    a, b = norm(text), norm(reference)
    return Levenshtein.distance(a, b), len(b)


def score_twins(results: Path, twins: Path) -> list[TextScore]:
    scores = []
    for path in sorted(results.glob("*.json")):
        twin = twin_name(path.stem)
        twin_path = twins / f"{twin}.json" if twin else None
        if twin_path is None or not twin_path.exists():
            continue
        text = json.loads(path.read_text(encoding="utf-8")).get("narrative", {}).get("text", "")
        reference = json.loads(twin_path.read_text(encoding="utf-8")).get("narrative", {}).get("text", "")
        errors, length = narrative_cer(text, reference)
        scores.append(TextScore(path.stem, twin or "", errors, length))
    return scores
