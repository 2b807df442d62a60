"""Self-knowledge, as CONTRACT.md defines it: does the project know when a table is wrong?

For a labelled table and the extracted table paired with it (rows paired by the alignment that
scores cells, columns by position):

- **wrong cells**: body cells whose text differs from the label's (after NFKC and white space
  removal), and labelled cells with no extracted row at all; **caught** when the extracted cell is
  flagged or the table is marked `review` (a missing row can only be caught by `review`);
- **correct tables**: every labelled cell right and nothing extra, in a print whose arithmetic
  holds; **false alarms**: those marked `review`. A correct table whose print breaks its own
  arithmetic (the label's `fails`) is counted apart: marking it for review is right;
- **checks on correct cells**: extracted checks whose cells are all right and that do not test a
  relation the label says the print itself breaks (`relations[].fails`); **passed**: those `ok`;
- **relations found**: labelled relations (`relations[]`, LABELLING.md) for which the extracted
  table has a check computing the same result: a total row (column totals), a total column (row
  totals, header sums), a rate column, or the narrative's cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from extractor.evaluate.tables import TableScore, aligned_pairs, normalised

RELATION_KINDS = ("column_total", "row_total", "ratio", "narrative")


@dataclass(slots=True)
class CheckScore:
    wrong_cells: int = 0
    wrong_caught: int = 0
    correct_table: bool = False
    misprinted: bool = False  # the label records arithmetic the print itself breaks
    review: bool = False
    checks_on_correct: int = 0
    checks_passed: int = 0
    checks_on_misprints: int = 0
    relations: dict[str, list[int]] = field(default_factory=dict)  # kind → [labelled, found]
    labelled_relations: bool = False  # the label lists `relations` (else nothing above but cells is judged)


def with_checks(score: TableScore, label: dict, candidates: Sequence[dict]) -> TableScore:
    """The table's score with its self-knowledge, judged on the extracted table paired with it."""
    cand = next((c for c in candidates if c.get("id") == score.matched), None)
    if cand is None:
        return score
    _, pairs = aligned_pairs(normalised(label.get("rows", [])), normalised(cand.get("rows", [])))
    return replace(score, checks=score_checks(label, cand, pairs))


def score_checks(label: dict, cand: dict, pairs: dict[int, int]) -> CheckScore:
    score = CheckScore(labelled_relations="relations" in label)
    gold_rows, pred_rows = normalised(label.get("rows", [])), normalised(cand.get("rows", []))
    header_rows = int(cand.get("header_rows", 0))
    score.review = bool(cand.get("review"))
    flagged = {(c["row"], c["col"]) for c in cand.get("cells", []) if c.get("flags")}
    flagged_slots = _slots(cand.get("cells", []), flagged)

    wrong: set[tuple[int, int]] = set()  # (extracted body row, col) that is wrong
    for i, row in enumerate(gold_rows):
        j = pairs.get(i)
        for k, text in enumerate(row):
            got = pred_rows[j][k] if j is not None and k < len(pred_rows[j]) else None
            if got == text:
                continue
            if not text and got is None:
                continue
            score.wrong_cells += 1
            caught = score.review or (j is not None and got is not None and (j + header_rows, k) in flagged_slots)
            score.wrong_caught += int(caught)
            if j is not None:
                wrong.add((j, k))
    paired = set(pairs.values())
    extra = [j for j in range(len(pred_rows)) if j not in paired and any(pred_rows[j])]
    score.correct_table = score.wrong_cells == 0 and not extra

    misprinted = _misprinted(label, pairs, header_rows)
    score.misprinted = any(rel.get("fails") for rel in label.get("relations", []))
    for check in cand.get("checks", []):
        cells = {(r - header_rows, c) for r, c in check["cells"]}
        if cells & wrong:
            continue
        if tuple(check["cells"][0]) in misprinted:
            score.checks_on_misprints += 1
            continue
        score.checks_on_correct += 1
        score.checks_passed += int(bool(check["ok"]))

    for rel in label.get("relations", []):
        kind = rel.get("kind")
        if kind not in RELATION_KINDS:
            continue
        tally = score.relations.setdefault(kind, [0, 0])
        tally[0] += 1
        tally[1] += int(_found(rel, cand.get("checks", []), pairs, header_rows))
    return score


def _slots(cells: Sequence[dict], starts: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Every grid slot a flagged cell covers (a merged cell is flagged once, at its start)."""
    out = set()
    for c in cells:
        if (c["row"], c["col"]) in starts:
            for r in range(c["row"], c["row"] + c.get("rowspan", 1)):
                for k in range(c["col"], c["col"] + c.get("colspan", 1)):
                    out.add((r, k))
    return out


def _misprinted(label: dict, pairs: dict[int, int], header_rows: int) -> set[tuple[int, int]]:
    """Grid cells of the extracted table where the label says the print's own arithmetic breaks."""
    out = set()
    for rel in label.get("relations", []):
        for r, c in rel.get("fails", []):
            if r in pairs:
                out.add((pairs[r] + header_rows, c))
    return out


def _found(rel: dict, checks: list[dict], pairs: dict[int, int], header_rows: int) -> bool:
    kind = rel["kind"]
    if kind == "column_total":
        row = pairs.get(rel["total"])
        return row is not None and any(
            c["kind"] == "column_total" and c["cells"][0][0] == row + header_rows for c in checks
        )
    if kind == "row_total":
        return any(c["kind"] in ("row_total", "header_sum") and c["cells"][0][1] == rel["total"] for c in checks)
    if kind == "ratio":
        return any(c["kind"] == "ratio" and c["cells"][0][1] == rel["total"] for c in checks)
    r, col = rel["cell"]
    row = pairs.get(r)
    return row is not None and any(
        c["kind"] == "narrative" and list(c["cells"][0]) == [row + header_rows, col] for c in checks
    )


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Self-knowledge summed over tables."""

    checks_on_correct: int
    checks_passed: int
    checks_on_misprints: int
    relations: dict[str, tuple[int, int]]  # kind → (labelled, found)
    tables_with_relations: int  # labelled tables that print any arithmetic
    tables_checked: int  # … of which the extracted table has at least one check
    wrong_cells: int
    wrong_caught: int
    correct_tables: int
    false_reviews: int
    misprint_tables: int  # cell-perfect tables whose print breaks its own arithmetic (the label says where)
    misprints_reviewed: int

    @property
    def pass_rate(self) -> float | None:
        return self.checks_passed / self.checks_on_correct if self.checks_on_correct else None

    @property
    def relation_recall(self) -> float | None:
        labelled = sum(v[0] for v in self.relations.values())
        return sum(v[1] for v in self.relations.values()) / labelled if labelled else None

    @property
    def detection_recall(self) -> float | None:
        return self.wrong_caught / self.wrong_cells if self.wrong_cells else None

    @property
    def false_review_rate(self) -> float | None:
        return self.false_reviews / self.correct_tables if self.correct_tables else None


def knowledge(tables: Sequence[TableScore]) -> Knowledge:
    scored = [t.checks for t in tables if t.checks is not None]
    relations: dict[str, tuple[int, int]] = {}
    for s in scored:
        for kind, (labelled, found) in s.relations.items():
            a, b = relations.get(kind, (0, 0))
            relations[kind] = (a + labelled, b + found)
    with_relations = [s for s in scored if s.relations]
    return Knowledge(
        checks_on_correct=sum(s.checks_on_correct for s in scored),
        checks_passed=sum(s.checks_passed for s in scored),
        checks_on_misprints=sum(s.checks_on_misprints for s in scored),
        relations=dict(sorted(relations.items())),
        tables_with_relations=len(with_relations),
        tables_checked=sum(1 for s in with_relations if any(found for _, found in s.relations.values())),
        wrong_cells=sum(s.wrong_cells for s in scored) + sum(t.gold for t in tables if t.checks is None),
        wrong_caught=sum(s.wrong_caught for s in scored),
        correct_tables=sum(1 for s in scored if s.correct_table and not s.misprinted),
        false_reviews=sum(1 for s in scored if s.correct_table and not s.misprinted and s.review),
        misprint_tables=sum(1 for s in scored if s.correct_table and s.misprinted),
        misprints_reviewed=sum(1 for s in scored if s.correct_table and s.misprinted and s.review),
    )
