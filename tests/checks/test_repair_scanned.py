"""Repair on real scans, real OCR: a cell cut out of the page again and read alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SAMPLES, validate_result

SONGXIAN = SAMPLES / "totals" / "tot-songxian-bulletin-2024-05-scan.pdf"


def extract(pdf: Path, out: Path, **env: str) -> dict:
    run_env = {**os.environ, **env}
    args = [sys.executable, "-m", "extractor", "extract", "-q", str(pdf), "-o", str(out)]
    if "EXTRACTOR_SLIP_SHARE" in env:
        args += ["--ocr-engine", "evaluation.slips:SlipEngine"]
    proc = subprocess.run(args, cwd=ROOT, env=run_env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    data = json.loads((out / f"{pdf.stem}.json").read_text(encoding="utf-8"))
    validate_result(data)
    return data


def repaired(data: dict) -> list[dict]:
    return [c for t in data["tables"] for c in t["cells"] if c.get("repaired")]


def test_a_speck_read_as_a_point_is_put_right_where_its_row_and_column_sums_cross(tmp_path):
    data = extract(SONGXIAN, tmp_path / "on")
    fixed = repaired(data)
    assert [(c["text"], c["repaired"]["from"]) for c in fixed] == [("347", "34.7")]  # 黄庄乡's 即办件
    table = data["tables"][0]
    failed = [c for c in table["checks"] if not c["ok"]]
    # what is left is the print's own slip: 575 ÷ 580 = 99.137 % printed as 99.13 % (cut, not rounded)
    assert [(c["kind"], round(c["found"], 4)) for c in failed] == [("ratio", 0.9913)]
    off = extract(SONGXIAN, tmp_path / "off", EXTRACTOR_REPAIR="0")
    assert not repaired(off) and "34.7" in off["tables"][0]["rows"][13]


def test_a_misread_digit_is_read_again_alone_and_put_right(tmp_path):
    """The slip engine misreads digits of the whole page only; the crop repair cuts out reads true."""
    slips = {"EXTRACTOR_SLIP_SHARE": "0.05", "EXTRACTOR_SLIP_SEED": "12"}  # three figures of the page misread
    off = extract(SONGXIAN, tmp_path / "off", EXTRACTOR_REPAIR="0", **slips)
    on = extract(SONGXIAN, tmp_path / "on", **slips)
    fixed = [c for c in repaired(on) if c["repaired"]["by"].startswith("re-read alone")]
    assert fixed, "no misread cell was read again and kept"
    label = json.loads((SONGXIAN.parent / f"{SONGXIAN.stem}.label.json").read_text(encoding="utf-8"))
    rows = label["tables"][0]["rows"]
    header_rows = on["tables"][0]["header_rows"]
    for c in fixed:
        printed = rows[c["row"] - header_rows][c["col"]]
        assert c["text"] == printed.translate(str.maketrans("０１２３４５６７８９．％", "0123456789.%"))
        slipped = off["tables"][0]["rows"][c["row"] - header_rows][c["col"]]
        assert c["repaired"]["from"] == slipped != c["text"]
