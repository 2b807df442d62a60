"""`extractor review OUT`: what needs a person, worst first.

Every table marked `review` in the results in OUT (a failed check, cells read with low
confidence, a doubtful structure), lowest confidence first: the document, the table, why, and
the cells to look at with what they print and what is wrong with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extractor.export.bundle import load_results
from extractor.model.result import Check, ExtractionResult, Table

MAX_CELLS = 12  # cells listed per table; the rest are counted


@dataclass(slots=True)
class Item:
    document: str
    table: str
    title: str | None
    pages: list[int]
    confidence: float
    reasons: list[str]
    cells: list[dict[str, object]] = field(default_factory=list)


def items(out_dir: Path, everything: bool = False) -> list[Item]:
    """The tables to look at (every table with `everything`), worst first."""
    found = []
    for name, result in load_results(out_dir):
        for table in result.tables:
            if table.review or everything:
                found.append(_item(name, result, table))
    return sorted(found, key=lambda i: (i.confidence, i.document, i.table))


def _item(name: str, result: ExtractionResult, table: Table) -> Item:
    item = Item(name, table.id, table.title, table.pages, table.confidence, list(table.reasons))
    failed = [c for c in table.checks if not c.ok]
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        if not cell.flags:
            continue
        percent = cell.unit in ("%", "‰")
        why = [_explain(c, percent) for c in failed if tuple(c.cells[0]) == (cell.row, cell.col)]
        where = {"row": cell.row, "col": cell.col, "page": cell.page}
        item.cells.append({**where, "text": cell.text, "flags": list(cell.flags), "why": why})
    return item


def _explain(check: Check, percent: bool) -> str:
    found = "nothing" if check.found is None else _figure(check.found, percent)
    detail = f" ({check.detail})" if check.detail else ""
    return f"{check.kind}: expected {_figure(check.expected, percent)}, prints {found}{detail}"


def _figure(value: float, percent: bool) -> str:
    if percent:
        return f"{value * 100:.4f}".rstrip("0").rstrip(".") + "%"
    return f"{value:.4f}".rstrip("0").rstrip(".")


def render(found: list[Item]) -> str:
    if not found:
        return "nothing to review"
    lines = []
    for it in found:
        pages = ",".join(map(str, it.pages))
        lines.append(f"{it.confidence:.2f}  {it.document}  {it.table}  p.{pages}  {it.title or ''}".rstrip())
        lines.append(f"      why: {'; '.join(it.reasons) or '-'}")
        for c in it.cells[:MAX_CELLS]:
            why = "; ".join(c["why"]) if c["why"] else ", ".join(c["flags"])  # type: ignore[arg-type]
            lines.append(f"      r{c['row']} c{c['col']} {c['text']!r}: {why}")
        if len(it.cells) > MAX_CELLS:
            lines.append(f"      … and {len(it.cells) - MAX_CELLS} more flagged cells")
    lines.append(f"{len(found)} tables to review")
    return "\n".join(lines)
