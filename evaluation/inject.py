"""Copies of extraction results with OCR-like errors injected, to measure whether the project
notices them (issue 12: detection recall of wrong cells).

For every table with figures, one error per table, the kinds in turn (seeded):

- `digit`: one digit of a figure changed (1335 → 1385), as OCR misreads a digit;
- `drop`: a figure's cell read as empty and the rest of its row moved one column left, as when
  OCR misses a short cell and the row's words fall into the wrong columns;
- `shift`: a body row moved one column right (its last cell lost), as when a row's words are
  assigned to the wrong columns.

The injected table is typed and checked again exactly as the pipeline does it (numbers, then
checks, confidence and review); everything else is left as extracted. Score the copies with
`extractor eval OUT LABELS`: the wrong cells are the injected ones (and any the extraction had).

    python evaluation/inject.py out/eval-scanned -o out/injected [--seed 12]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from extractor.checks.stage import check_tables
from extractor.model.result import ExtractionResult, Table
from extractor.tables.numbers import type_table
from extractor.tables.values import typed

KINDS = ("digit", "drop", "shift")


def inject(table: Table, kind: str, rng: random.Random) -> str | None:
    """Inject one error of `kind` into the table's body; a note of what was done, or None."""
    slots = _single_slots(table)
    figures = [(i, j) for (i, j) in slots if typed(table.rows[i][j]).number is not None]
    if not figures:
        return None
    i, j = rng.choice(figures)
    row = table.rows[i]
    if kind == "digit":
        text = row[j]
        digits = [k for k, ch in enumerate(text) if ch.isdigit()]
        k = rng.choice(digits)
        new = str((int(text[k]) + rng.randint(1, 9)) % 10)
        _set(table, i, j, text[:k] + new + text[k + 1 :], slots)
        return f"row {i} col {j}: {text} → {table.rows[i][j]}"
    if kind == "drop":
        cols = [c for c in range(j, len(row)) if (i, c) in slots]
        texts = [row[c] for c in cols]
        for c, text in zip(cols, [*texts[1:], ""], strict=True):
            _set(table, i, c, text, slots)
        return f"row {i}: cell {j} ({texts[0]}) dropped, the rest moved left"
    cols = [c for c in range(len(row)) if (i, c) in slots]
    texts = [row[c] for c in cols]
    for c, text in zip(cols, ["", *texts[:-1]], strict=True):
        _set(table, i, c, text, slots)
    return f"row {i}: moved one column right"


def _single_slots(table: Table) -> set[tuple[int, int]]:
    """Body slots (row, col) covered by a cell of one slot (merged cells are left alone)."""
    out = set()
    for c in table.cells:
        if not c.header and c.rowspan == 1 and c.colspan == 1:
            out.add((c.row - table.header_rows, c.col))
    return out


def _set(table: Table, i: int, j: int, text: str, slots: set[tuple[int, int]]) -> None:
    table.rows[i][j] = text
    for c in table.cells:
        if c.row - table.header_rows == i and c.col == j:
            c.text = text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("results", type=Path)
    ap.add_argument("-o", "--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--none", action="store_true", help="inject nothing: type and check the results again only")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    log = []
    n = 0
    for path in sorted(args.results.glob("*.json")):
        result = ExtractionResult.model_validate_json(path.read_text(encoding="utf-8"))
        rng = random.Random(f"{args.seed}-{path.stem}")
        for table in result.tables:
            kind = KINDS[n % len(KINDS)]
            note = None if args.none else inject(table, kind, rng)
            type_table(table, table.unit or "")
            if note is None:
                continue
            n += 1
            log.append({"document": path.stem, "table": table.id, "kind": kind, "what": note})
        check_tables(result)
        (args.out / path.name).write_text(result.to_json(), encoding="utf-8")
    (args.out / "injected.jsonl").write_text(
        "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in log), encoding="utf-8"
    )
    kinds = {k: sum(1 for e in log if e["kind"] == k) for k in KINDS}
    print(f"{n} errors injected into {len({e['document'] for e in log})} documents: {kinds} → {args.out}")


if __name__ == "__main__":
    main()
