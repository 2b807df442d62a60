"""The `extractor` command as a user runs it: real processes, real files, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import DIGITAL, validate_result
from tests.pdfs import image_only_pdf, text_pdf, truncated_copy


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *map(str, args)], capture_output=True, text=True, timeout=300
    )


def test_extract_writes_json_and_csv(tmp_out: Path):
    pdf = next(p for p in DIGITAL if p.stem == "bulletin-000")
    proc = run("extract", pdf, "-o", tmp_out)
    assert proc.returncode == 0, proc.stderr
    assert "success" in proc.stdout and "2 tables" in proc.stdout
    data = json.loads((tmp_out / "bulletin-000.json").read_text(encoding="utf-8"))
    validate_result(data)
    csv_text = (tmp_out / "bulletin-000" / "t1.csv").read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0].startswith("序号,地区,总计项目数量")
    assert "已附码项目/审批类项目/项目数量" in csv_text.splitlines()[0]


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, int]]:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    html = tmp_path / "page.pdf"
    html.write_text("<html>not a pdf</html>")
    secret = text_pdf(tmp_path / "secret.pdf", ["机密文件"], encrypt="s3cret")
    cut = truncated_copy(DIGITAL[0], tmp_path / "cut.pdf", keep=0.05)
    png = tmp_path / "scan.png"
    Image.new("L", (200, 280), 235).save(png)
    scanned = image_only_pdf(tmp_path / "scanned.pdf", png)
    return {
        "empty": (empty, 5),
        "not-a-pdf": (html, 4),
        "encrypted": (secret, 7),
        "truncated": (cut, 6),
        "no-text-layer": (scanned, 8),
        "missing": (tmp_path / "nope.pdf", 3),
    }


@pytest.mark.parametrize("case", ["empty", "not-a-pdf", "encrypted", "truncated", "no-text-layer", "missing"])
def test_bad_input_one_line_and_exit_code(case: str, tmp_path: Path, tmp_out: Path):
    path, code = _bad_inputs(tmp_path)[case]
    proc = run("extract", path, "-o", tmp_out)
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("extractor: ") and path.name in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr
    if case != "missing":
        data = json.loads((tmp_out / f"{path.stem}.json").read_text(encoding="utf-8"))
        validate_result(data)
        assert data["status"] == "failure" and data["errors"][0]["message"]


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path, tmp_out: Path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"")
    good = next(p for p in DIGITAL if p.stem == "bulletin-002")
    proc = run("extract", bad, good, "-o", tmp_out)
    assert proc.returncode == 5
    assert json.loads((tmp_out / "bulletin-002.json").read_text(encoding="utf-8"))["status"] == "success"


def test_mixed_failures_exit_11(tmp_path: Path, tmp_out: Path):
    empty = tmp_path / "a.pdf"
    empty.write_bytes(b"")
    html = tmp_path / "b.pdf"
    html.write_text("hello")
    assert run("extract", empty, html, "-o", tmp_out).returncode == 11


def test_usage_error_exit_2(tmp_out: Path):
    proc = run("extract", "-o", tmp_out)
    assert proc.returncode == 2 and proc.stderr.startswith("extractor: ")


def test_eval_thresholds(tmp_out: Path):
    labels = DIGITAL[0].parent
    run("extract", "-q", *[p for p in DIGITAL if p.stem.startswith("bulletin")], "-o", tmp_out)
    ok = run("eval", tmp_out, labels, "--json")
    data = json.loads(ok.stdout)
    assert data["summary"]["documents"] == len(list(labels.glob("*.label.json")))
    # labels without results score zero, so the gate fails: a crash cannot raise the score
    assert data["summary"]["missing"]
    gate = run("eval", tmp_out, labels, "--min-cell-f1", "0.99")
    assert gate.returncode == 10 and "below threshold" in gate.stderr


def test_python_dash_m_and_version():
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("extractor ")


def test_engine_not_installed_exit_12_with_hint(tmp_path: Path, tmp_out: Path):
    png = tmp_path / "page.png"
    Image.new("L", (300, 300), 255).save(png)
    proc = run("extract", png, "-o", tmp_out, "--ocr-engine", "paddleocr")
    assert proc.returncode == 12, proc.stderr
    assert "install" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_gazetteer_lookup():
    proc = run("gazetteer", "lookup", "州医保局", "--within", "513200", "--year", "2020")
    assert proc.returncode == 0
    assert proc.stdout.startswith("州医保局 → 513200 阿坝藏族羌族自治州医疗保障局")
    proc = run("gazetteer", "lookup", "西区")  # several provinces: candidates, no answer
    assert proc.returncode == 0 and "no code (ambiguous" in proc.stdout and "510403" in proc.stdout
    data = json.loads(run("gazetteer", "lookup", "马尔康县", "--year", "2018", "--json").stdout)
    assert data["code"] == "513201"
    for bad in (["--within", "99"], ["--year", "20"]):
        proc = run("gazetteer", "lookup", "汶川县", *bad)
        assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1


def test_gazetteer_missing_exit_12(tmp_path: Path, tmp_out: Path):
    env = {**os.environ, "EXTRACTOR_MODELS": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "extractor", "gazetteer", "lookup", "汶川县"], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 12 and "EXTRACTOR_MODELS" in proc.stderr


def test_review_lists_the_tables_to_look_at_worst_first(tmp_out: Path):
    pdf = next(p for p in DIGITAL if p.stem == "bulletin-000")
    assert run("extract", "-q", pdf, "-o", tmp_out).returncode == 0
    proc = run("review", tmp_out)
    assert proc.returncode == 0, proc.stderr
    # the print's 合计 counts 红原县's 2501 that its 备案类 column leaves blank: the check says so
    assert "bulletin-000  t1" in proc.stdout and "column_total: expected 25179, prints 27680" in proc.stdout
    assert proc.stdout.rstrip().endswith("1 tables to review")
    listed = json.loads(run("review", tmp_out, "--all", "--json").stdout)
    assert [i["table"] for i in listed] == ["t1", "t2"] and listed[0]["confidence"] < listed[1]["confidence"]
    missing = run("review", tmp_out / "nope")
    assert missing.returncode == 2 and missing.stderr.startswith("extractor: ")


def test_the_commands_quick_exit_flushes_its_output_and_leaves_no_ocr_process_behind(tmp_path: Path, tmp_out: Path):
    """`extractor` ends with os._exit (cli.run: no teardown of every object); its printed lines
    still arrive through a pipe, and the OCR engine's process and temporary folder are gone."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    scan = next((DIGITAL[0].parents[1] / "scanned").glob("*screen.png"))
    proc = subprocess.run(
        [sys.executable, "-m", "extractor", "extract", scan, "-o", tmp_out],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith(f"{scan.stem}.json") and "success" in proc.stdout
    assert list(scratch.iterdir()) == []  # the engine's folder (extractor-ocr-…) was removed
    missing = run("extract", tmp_path / "nope.pdf", "-o", tmp_out)
    assert missing.returncode != 0 and missing.stderr.startswith("extractor: ")
