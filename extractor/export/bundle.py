"""`extractor export OUT --format csv|xlsx|parquet|jsonl`: the results in OUT for Excel, pandas
and other tools, written under `OUT/export/<format>/` (or `--dest`).

- csv: `documents.csv`, `cells.csv` (every body cell, long), `events.csv`, `people.csv`,
  `visits.csv`, `metrics.csv`, `entities.csv`, and `tables/<document>__<table>.csv` (first row the
  header paths); UTF-8 with a byte-order mark, which Excel on Chinese Windows needs.
- xlsx: one workbook per document — one sheet per table with its multi-row header rebuilt
  as merged cells and its figures as numbers (percentages as percentages, decimals and
  thousands separators as printed), then sheets for events, people, visits, metrics and
  entities — and `all.xlsx` with the documents and every document's facts and entities.
- parquet: the same long tables as csv, typed (pyarrow): `cells` has `value` (float) and `unit`.
- jsonl: `results.jsonl`, one whole result per line.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from extractor.errors import UsageError
from extractor.export.files import atomic_write
from extractor.export.frames import cells_frame, documents_frame, facts_frames
from extractor.export.safe import defuse
from extractor.model.result import ExtractionResult, Table
from extractor.service.corrections import corrected
from extractor.service.store import STORE_NAME, open_store
from extractor.tables.values import normalise, typed

FORMATS = ("csv", "xlsx", "parquet", "jsonl")
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def load_results(out_dir: Path, store: str = "") -> list[tuple[str, ExtractionResult]]:
    """Every `OUT/<stem>.json` that is a result (other JSON files are left alone), with the
    corrections people made on the review page applied (`OUT/results.sqlite`)."""
    results = []
    for path in sorted(out_dir.glob("*.json")):
        try:
            results.append((path.stem, ExtractionResult.model_validate_json(path.read_text(encoding="utf-8"))))
        except ValueError:
            continue
    return with_corrections(out_dir, results, store)


def with_corrections(
    out_dir: Path, results: list[tuple[str, ExtractionResult]], store_spec: str = ""
) -> list[tuple[str, ExtractionResult]]:
    if not store_spec and not (out_dir / STORE_NAME).exists():
        return results
    store = open_store(out_dir, store_spec)
    try:
        return [(stem, corrected(r, store.corrections(r.source.sha256))) for stem, r in results]
    finally:
        store.close()


def export(out_dir: Path, fmt: str, dest: Path | None = None, store: str = "") -> tuple[Path, int]:
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}")
    results = load_results(out_dir, store)
    if not results:
        raise UsageError(f"{out_dir}: no results to export")
    dest = dest or out_dir / "export" / fmt
    dest.mkdir(parents=True, exist_ok=True)
    {"csv": _csv, "xlsx": _xlsx, "parquet": _parquet, "jsonl": _jsonl}[fmt](results, dest)
    return dest, len(results)


def _long_tables(results: list[tuple[str, ExtractionResult]]) -> dict[str, pd.DataFrame]:
    return {"documents": documents_frame(results), "cells": cells_frame(results), **facts_frames(results)}


def _csv(results: list[tuple[str, ExtractionResult]], dest: Path) -> None:
    for name, frame in _long_tables(results).items():
        atomic_write(dest / f"{name}.csv", _inert(frame).to_csv(index=False), encoding="utf-8-sig")
    for stem, r in results:
        for t in r.tables:
            columns = [defuse(c) for c in t.columns]
            frame = pd.DataFrame(t.rows, columns=columns) if t.rows else pd.DataFrame(columns=columns)
            csv_text = _inert(frame).to_csv(index=False)
            atomic_write(dest / "tables" / f"{stem}__{t.id}.csv", csv_text, encoding="utf-8-sig")


def _inert(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell a spreadsheet would run as a formula, with a leading `'`."""
    return frame.rename(columns=defuse).map(defuse)


def _parquet(results: list[tuple[str, ExtractionResult]], dest: Path) -> None:
    for name, frame in _long_tables(results).items():
        tmp = dest / f".{name}.parquet.tmp"
        frame.to_parquet(tmp, index=False)
        tmp.replace(dest / f"{name}.parquet")


def _jsonl(results: list[tuple[str, ExtractionResult]], dest: Path) -> None:
    lines = [json.dumps(r.model_dump(mode="json", by_alias=True), ensure_ascii=False) for _, r in results]
    atomic_write(dest / "results.jsonl", "\n".join(lines) + "\n")


def _xlsx(results: list[tuple[str, ExtractionResult]], dest: Path) -> None:
    for stem, r in results:
        _save(document_workbook(stem, r), dest / f"{stem}.xlsx")
    wb = Workbook()
    wb.remove(wb.active)
    for name, frame in {"documents": documents_frame(results), **facts_frames(results)}.items():
        _frame_sheet(wb.create_sheet(name), frame)
    _save(wb, dest / "all.xlsx")


def document_workbook(stem: str, r: ExtractionResult, tables: list[Table] | None = None) -> Workbook:
    """One sheet per table (`tables`: these only, without the facts), then the facts' sheets."""
    wb = Workbook()
    wb.remove(wb.active)
    for t in r.tables if tables is None else tables:
        _table_sheet(wb.create_sheet(_sheet_name(t.id + (f" {t.title}" if t.title else ""), wb)), t)
    if tables is None:
        for name, frame in facts_frames([(stem, r)]).items():
            _frame_sheet(wb.create_sheet(name), frame.drop(columns=["document"], errors="ignore"))
    if not wb.sheetnames:
        wb.create_sheet("tables")
    return wb


def workbook_bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _table_sheet(ws: Worksheet, t: Table) -> None:
    """The header rows as printed (merged cells), then the body."""
    bold, centre = Font(bold=True), Alignment(horizontal="center", vertical="center", wrap_text=True)
    header = [c for c in t.cells if c.header]
    if header:
        for c in header:
            cell = ws.cell(row=c.row + 1, column=c.col + 1, value=defuse(c.text))
            cell.font, cell.alignment = bold, centre
            if c.rowspan > 1 or c.colspan > 1:
                ws.merge_cells(
                    start_row=c.row + 1, start_column=c.col + 1,
                    end_row=c.row + c.rowspan, end_column=c.col + c.colspan,
                )  # fmt: skip
        first_body = max(c.row + c.rowspan for c in header) + 1
    else:
        for j, name in enumerate(t.columns, 1):
            ws.cell(row=1, column=j, value=defuse(name)).font = bold
        first_body = 2
    for i, row in enumerate(t.rows):
        values = t.values[i] if i < len(t.values) else []
        for j, text in enumerate(row):
            cell = ws.cell(row=first_body + i, column=j + 1)
            value = values[j] if j < len(values) else None
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cell.value, cell.number_format = value, number_format(text)
            else:
                cell.value = defuse(text)  # text, and `-` or empty as printed
    ws.freeze_panes = ws.cell(row=first_body, column=1)


def number_format(text: str) -> str:
    """Excel's format for a figure as printed: its decimals, a thousands separator if it had one,
    a percentage as a percentage (`8.165%` → 0.000%, `1,335` → #,##0, `12.50` → 0.00)."""
    t = typed(text)
    if t.unit in ("%", "‰"):
        shown = max(0, t.decimals - 2)  # as a percentage (Excel has no ‰ format: 3.2‰ shows as 0.32%)
        return ("0." + "0" * shown if shown else "0") + "%"
    grouped = "," in normalise(text)
    base = "#,##0" if grouped else "0"
    return base + ("." + "0" * t.decimals if t.decimals else "")


def _frame_sheet(ws: Worksheet, frame: pd.DataFrame) -> None:
    ws.append([defuse(c) for c in frame.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in frame.itertuples(index=False):
        ws.append([None if (isinstance(v, float) and pd.isna(v)) else defuse(v) for v in row])


def _sheet_name(name: str, wb: Workbook) -> str:
    base = _SHEET_UNSAFE.sub("_", name)[:31] or "table"
    out, n = base, 2
    while out in wb.sheetnames:
        out = f"{base[:28]}-{n}"
        n += 1
    return out


def _save(wb: Workbook, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    wb.save(tmp)
    tmp.replace(path)
