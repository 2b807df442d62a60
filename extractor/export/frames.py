"""Results as pandas DataFrames: a table with MultiIndex columns from its header paths, and the
facts and entities of many documents as long tables.

    from extractor.export.frames import load_result, table_frame
    df = table_frame(load_result("out/2020-05.json"), "t1")
    df[("已附码项目", "审批类项目", "项目数量")]

A column whose every printed figure is a number comes out numeric (int64, or float64 where a
value has decimals or is missing: `-` and empty cells are NaN); a percentage is its fraction
(`8.165%` → 0.08165), as `values` in the result holds it. Other columns stay text as printed.
`numeric(df)` is kept for frames built from text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from extractor.model.result import ExtractionResult, TableWhere


def load_result(path: str | Path) -> ExtractionResult:
    return ExtractionResult.model_validate_json(Path(path).read_text(encoding="utf-8"))


def header_levels(columns: list[str]) -> list[tuple[str, ...]]:
    """`已附码项目/审批类项目/项目数量` → ('已附码项目', '审批类项目', '项目数量'); shorter paths are padded
    at the end with '' so every column has as many levels."""
    paths = [tuple(c.split("/")) if c else ("",) for c in columns]
    depth = max((len(p) for p in paths), default=1)
    return [p + ("",) * (depth - len(p)) for p in paths]


def table_frame(result: ExtractionResult, table_id: str) -> pd.DataFrame:
    table = next((t for t in result.tables if t.id == table_id), None)
    if table is None:
        raise KeyError(f"no table {table_id!r} (tables: {', '.join(t.id for t in result.tables) or 'none'})")
    levels = header_levels(table.columns)
    columns = pd.MultiIndex.from_tuples(levels) if len(levels[0]) > 1 else pd.Index([p[0] for p in levels])
    width = len(table.columns)
    rows = [(row + [""] * width)[:width] for row in table.rows]
    frame = pd.DataFrame(rows, columns=columns)
    for j in range(width):
        values = [row[j] if j < len(row) else None for row in table.values]
        if len(values) == len(rows) and _all_numbers(values):
            frame.isetitem(j, pd.Series(values, dtype="float64" if _floats(values) else "int64"))
    return frame


def _all_numbers(values: Sequence[object]) -> bool:
    numbers = [v for v in values if v is not None]
    return bool(numbers) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in numbers)


def _floats(values: Sequence[object]) -> bool:
    return any(v is None or isinstance(v, float) for v in values)


def numeric(df: pd.DataFrame) -> pd.DataFrame:
    """Columns whose cells read as numbers (`1,234`, `8.165%` as 8.165) as floats; others unchanged."""
    out = df.copy()
    for col in out.columns:
        text = out[col].astype(str).str.replace(",", "", regex=False).str.rstrip("%").str.strip()
        values = pd.to_numeric(text.replace({"": None, "-": None, "—": None}), errors="coerce")
        if values.notna().sum() and values.notna().sum() >= 0.8 * (text != "").sum():
            out[col] = values
    return out


def documents_frame(results: Iterable[tuple[str, ExtractionResult]]) -> pd.DataFrame:
    rows = []
    for name, r in results:
        d = r.document
        rows.append(
            {
                "document": name, "sha256": r.source.sha256, "status": r.status, "kind": r.source.kind,
                "pages": r.source.pages, "title": d.title, "issuer": d.issuer, "period": d.period,
                "published": d.published, "jurisdiction": d.jurisdiction.name if d.jurisdiction else None,
                "jurisdiction_code": d.jurisdiction.code if d.jurisdiction else None, "tables": len(r.tables),
            }
        )  # fmt: skip
    return pd.DataFrame(rows)


def facts_frames(results: list[tuple[str, ExtractionResult]]) -> dict[str, pd.DataFrame]:
    """events, people, visits, metrics and entities of every document, one row each."""
    events, people, visits, metrics, entities = [], [], [], [], []
    for name, r in results:
        f = r.facts
        for e in f.events:
            events.append(
                {
                    "document": name, "kind": e.kind, "date": e.date, "end_date": e.end_date,
                    "people": "、".join(p.name for p in e.people),
                    "titles": "；".join(f"{p.name} {p.title or ''}".strip() for p in e.people), "place": e.place,
                    "text": e.text, "page": e.page,
                }
            )  # fmt: skip
        people += [{"document": name, "name": p.name, "title": p.title, "org": p.org, "page": p.page} for p in f.people]
        visits += [
            {"document": name, "name": v.name, "title": v.title, "org": v.org, "count": v.count, "period": v.period}
            for v in f.visits
        ]
        metrics += [
            {"document": name, "subject": m.subject, "name": m.name, "value": m.value, "unit": m.unit,
             "period": m.period, "text": m.text, "page": m.page}
            for m in f.metrics
        ]  # fmt: skip
        for ent in r.entities:
            where = ent.where
            entities.append(
                {
                    "document": name, "mention": ent.mention, "kind": ent.kind, "code": ent.code,
                    "canonical": ent.canonical, "standard": ent.standard, "score": ent.score, "review": ent.review,
                    "table": where.table if isinstance(where, TableWhere) else None,
                    "row": where.row if isinstance(where, TableWhere) else None,
                    "col": where.col if isinstance(where, TableWhere) else None,
                    "page": None if isinstance(where, TableWhere) else where.page,
                }
            )  # fmt: skip
    frames = {"events": events, "people": people, "visits": visits, "metrics": metrics, "entities": entities}
    return {k: pd.DataFrame(v) for k, v in frames.items()}


def cells_frame(results: list[tuple[str, ExtractionResult]]) -> pd.DataFrame:
    """Every body cell of every table, long: document, table, row, column path, text as printed,
    `value` (the number, NaN for text and empty cells) and `unit`."""
    rows = []
    for name, r in results:
        for t in r.tables:
            for i, row in enumerate(t.rows):
                values = t.values[i] if i < len(t.values) else []
                for j, text in enumerate(row):
                    v = values[j] if j < len(values) else None
                    number = float(v) if isinstance(v, (int, float)) else None
                    unit = t.units[j] if j < len(t.units) and number is not None else None
                    rows.append({"document": name, "table": t.id, "row": i, "col": j,
                                 "column": t.columns[j] if j < len(t.columns) else "", "text": text,
                                 "value": number, "unit": unit or None})  # fmt: skip
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame["value"] = frame["value"].astype("float64")
    return frame
