"""Exports for Excel and pandas, from real results."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from extractor.export.bundle import export
from extractor.export.files import write_result
from extractor.export.frames import load_result, numeric, table_frame
from tests.conftest import SAMPLES, extracted
from tests.pdfs import cells_table_pdf


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    for name in ("bulletin-000", "bulletin-004", "synth-jinniu-2021-11"):
        write_result(extracted(SAMPLES / "digital" / f"{name}.pdf"), out, name)
    (out / "notes.json").write_text('{"not": "a result"}', encoding="utf-8")  # left alone
    return out


def test_table_frame_has_the_header_paths_as_a_multiindex(out):
    df = table_frame(load_result(out / "bulletin-000.json"), "t1")
    assert df.columns.nlevels == 3
    assert ("已附码项目", "审批类项目", "项目数量") in df.columns
    assert df.iloc[1][("地区", "", "")] == "州本级"
    assert df[("总计项目数量", "", "")].dtype.kind == "f"  # numeric, NaN where 松潘县 prints nothing
    assert df[("总计项目数量", "", "")].iloc[0] == 184
    assert df[("已附码项目", "合计", "投资占比")].iloc[0] == 1.0  # "100%" as its fraction
    assert df[("已附码项目", "合计", "投资占比")].iloc[1] == 0.08165  # "8.165%"
    assert df[("地区", "", "")].dtype == object or str(df[("地区", "", "")].dtype) == "str"
    body = df[df[("地区", "", "")] != "合计"]  # the counties add up to the 合计 row
    assert body[("已附码项目", "审批类项目", "项目数量")].sum() == df[("已附码项目", "审批类项目", "项目数量")].iloc[0]
    nums = numeric(table_frame(load_result(out / "bulletin-000.json"), "t1").astype(str))
    assert nums[("总计项目数量", "", "")].iloc[0] == 184
    with pytest.raises(KeyError, match="t1"):
        table_frame(load_result(out / "bulletin-000.json"), "t9")


def test_xlsx_rebuilds_the_merged_header(out):
    dest, n = export(out, "xlsx")
    assert n == 3
    wb = openpyxl.load_workbook(dest / "bulletin-000.xlsx")
    ws = wb[wb.sheetnames[0]]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:A3", "E1:M1", "E2:G2"} <= merged  # 序号 over three rows, 已附码项目 over nine columns
    assert ws["E1"].value == "已附码项目" and ws["B5"].value == "州本级"
    # figures are numbers, formatted as printed; percentages are percentages; text stays text
    assert ws["C4"].value == 184 and isinstance(ws["C4"].value, int)
    assert ws["G5"].value == 0.08165 and ws["G5"].number_format == "0.000%"
    assert ws["B4"].value == "合计"
    assert {"events", "people", "visits", "metrics", "entities"} <= set(wb.sheetnames)
    everything = openpyxl.load_workbook(dest / "all.xlsx")
    assert everything["documents"].max_row == 4  # a header and three documents


def test_csv_has_a_bom_and_long_tables(out):
    dest, _ = export(out, "csv")
    raw = (dest / "entities.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    entities = pd.read_csv(dest / "entities.csv", encoding="utf-8-sig")
    assert {"document", "mention", "code", "canonical"} <= set(entities.columns)
    visits = pd.read_csv(dest / "visits.csv", encoding="utf-8-sig")
    assert visits[visits.name == "唐静"]["count"].iloc[0] == 2
    table = (dest / "tables" / "bulletin-000__t1.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "已附码项目/审批类项目/项目数量" in table


def test_parquet_and_jsonl(out):
    dest, _ = export(out, "parquet")
    cells = pd.read_parquet(dest / "cells.parquet")
    assert set(cells.document) == {"bulletin-000", "synth-jinniu-2021-11"}  # bulletin-004 has no table
    dest, _ = export(out, "jsonl")
    lines = (dest / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and all(json.loads(x)["schema"] == "bulletin-extract/1" for x in lines)


def test_export_command_and_bad_input(out, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "extractor", "export", str(out), "--format", "csv"], capture_output=True, text=True
    )
    assert proc.returncode == 0 and "3 results" in proc.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "extractor", "export", str(empty), "--format", "xlsx"], capture_output=True, text=True
    )
    assert proc.returncode == 2 and "no results" in proc.stderr


FORMULAS = ['=HYPERLINK("http://x.example","点击")', "=cmd|'/C calc'!A0", "@SUM(A1:A2)", "+1+2"]


def test_no_export_holds_a_live_formula(tmp_path):
    rows = [["项目", "说明", "数量"], *([f"第{i}项", f, str(-5 - i)] for i, f in enumerate(FORMULAS, 1))]
    pdf = cells_table_pdf(tmp_path / "formulas.pdf", rows)
    out_dir = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "extractor", "extract", str(pdf), "-o", str(out_dir)], capture_output=True
    )
    assert proc.returncode == 0, proc.stderr
    texts = [
        c
        for row in json.loads((out_dir / "formulas.json").read_text(encoding="utf-8"))["tables"][0]["rows"]
        for c in row
    ]
    assert set(FORMULAS) <= set(texts)  # the result keeps the text as printed
    table_csv = (out_dir / "formulas" / "t1.csv").read_text(encoding="utf-8-sig")
    for dest, fmt in ((tmp_path / "csv", "csv"), (tmp_path / "xlsx", "xlsx")):
        export(out_dir, fmt, dest)
    exported = [table_csv] + [p.read_text(encoding="utf-8-sig") for p in (tmp_path / "csv").rglob("*.csv")]
    for text in exported:
        cells = [c for line in csv.reader(io.StringIO(text)) for c in line]
        assert not [c for c in cells if c.startswith(("=", "+", "@")) and c not in ("+",)]
    assert "-6" in next(csv.reader(io.StringIO(table_csv.splitlines()[1])))  # a negative number stays a number
    for book in (tmp_path / "xlsx").glob("*.xlsx"):
        wb = openpyxl.load_workbook(book)
        for ws in wb:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (book.name, ws.title, cell.coordinate, cell.value)
    wb = openpyxl.load_workbook(tmp_path / "xlsx" / "formulas.xlsx")
    values = {c.value for row in wb.worksheets[0].iter_rows() for c in row}
    assert "'=cmd|'/C calc'!A0" in values and -6 in values  # a figure is a number, not a formula
