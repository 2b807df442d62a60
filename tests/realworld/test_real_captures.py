"""Real captures of the blind set realcapture1 (../blind/realcapture1, labels in
evaluation/blind/realcapture1; the images are not in the repository: their sources carry no
licence). Skipped, with a message, where the images are absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.evaluate.tables import score_table
from extractor.pipeline import extract
from extractor.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT.parent / "blind" / "realcapture1"
LABELS = ROOT / "evaluation" / "blind" / "realcapture1"


def _capture(name: str) -> tuple[Path, dict]:
    path = IMAGES / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the blind real captures are not in the repository")
    return path, json.loads((LABELS / f"{path.stem}.label.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_a_dot_matrix_settlement_form_gives_its_two_tables_apart_from_the_form_around_them():
    """济宁's settlement form on tractor-feed paper: rules printed as faint dots, the particulars'
    rows divided by rules one row tall, the cost table and the 档次 table in one frame with the
    form's rows between them."""
    path, label = _capture("jining-yibao-jiesuan-2019-scan.jpg")
    result = extract(path, Settings())
    tables = [t.model_dump() for t in result.tables]
    for want in label["tables"]:
        score = score_table(want, tables, partial=True)
        assert score.f1 >= 0.9, (want["columns"], score)
    cost = next(t for t in result.tables if t.rows and t.rows[0][0] == "西药")
    assert len(cost.rows) == 13 and cost.rows[-1][-1] == "3429.35"
    assert len(cost.columns) == 7 and cost.columns[2:5] == [
        "乙类药品及特殊诊疗费用/费用总额",
        "乙类药品及特殊诊疗费用/部分统筹",
        "乙类药品及特殊诊疗费用/*部分自负",
    ]
