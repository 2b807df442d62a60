"""Seconds per stage: stages add up, an engine's own seconds move out of its caller, and
`extract --timings` shows them and keeps them in the result."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from extractor import Settings, extract, timings
from tests.conftest import DIGITAL, validate_result
from tests.test_cli import run

BULLETIN = next(p for p in DIGITAL if p.stem == "bulletin-000")


def test_a_stage_inside_another_pauses_it_and_the_stages_add_up_to_the_total():
    clock_ = time.perf_counter
    with timings.collecting() as clock:
        start = clock_()
        with timings.stage("read"):
            time.sleep(0.05)
            inner = clock_()
            with timings.stage("render"):
                time.sleep(0.1)
                timings.engine_seconds({"seconds": {"detect": 0.03, "recognise": 0.04}})
            inner = clock_() - inner
            time.sleep(0.05)
        read = clock_() - start - inner
        with timings.stage("tables"):
            time.sleep(0.02)
    table = clock.table()
    assert table["read"] == pytest.approx(read, abs=0.005)
    assert table["render"] == pytest.approx(inner - 0.07, abs=0.005)  # the engine said 0.07 s were its own
    assert table["ocr detect"] == 0.03 and table["ocr recognise"] == 0.04
    assert list(table) == ["read", "render", "ocr detect", "ocr recognise", "tables", "total"]
    assert sum(v for k, v in table.items() if k != "total") == pytest.approx(table["total"], abs=0.005)


def test_nothing_is_timed_unless_asked():
    assert timings.so_far() is None
    with timings.stage("read"):
        pass
    assert extract(BULLETIN).timings is None
    timed = extract(BULLETIN, Settings(timings=True)).timings
    assert timed is not None and {"read", "tables", "checks", "total"} <= set(timed)


def test_extract_with_timings_prints_the_stage_table_and_keeps_it_in_the_result(tmp_path: Path):
    proc = run("extract", BULLETIN, "-o", tmp_path, "--timings")
    assert proc.returncode == 0, proc.stderr
    assert "seconds per stage" in proc.stderr and "tables" in proc.stderr and "total" in proc.stderr
    data = json.loads((tmp_path / "bulletin-000.json").read_text(encoding="utf-8"))
    validate_result(data)
    stages = data["timings"]
    assert {"open", "read", "layout", "tables", "narrative", "entities", "facts", "checks", "write"} <= set(stages)
    assert all(v >= 0 for v in stages.values())
    assert sum(v for k, v in stages.items() if k != "total") <= stages["total"] + 0.01
