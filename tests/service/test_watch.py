"""`extractor watch` as a real process on real folders: settling, duplicates, bad input,
signals, and kill -9 at random moments during a drop."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from tests.pdfs import image_pages_pdf, text_pdf, truncated_copy


def start(inbox: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "extractor", "watch", str(inbox), "-o", str(out), "--settle", "0.3", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().startswith("watch: watching")  # signals handled now
    return proc


def wait_until(check, timeout: float = 120.0) -> None:
    t0 = time.monotonic()
    while not check():
        if time.monotonic() - t0 > timeout:
            raise AssertionError("timed out waiting")
        time.sleep(0.2)


def stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "stopped" in out
    return out


def filed(inbox: Path) -> list[str]:
    return sorted(p.name for d in ("done", "failed") for p in (inbox / d).glob("*") if not p.name.endswith(".json"))


def bulletin(path: Path, n: int) -> Path:
    return text_pdf(
        path, [f"2021年{n % 12 + 1}月政务服务工作通报", f"市政务服务中心受理{1000 + n}件，办结{900 + n}件。"]
    )


def test_drop_duplicates_bad_input_and_sigterm(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    bulletin(inbox / "already here.pdf", 1)  # present before the watcher starts
    proc = start(inbox, out, "--poll", "--poll-interval", "0.2")
    try:
        bulletin(tmp_path / "x.pdf", 2)
        (inbox / "2021年5月 通报.pdf").write_bytes((tmp_path / "x.pdf").read_bytes())
        (inbox / "-copy.pdf").write_bytes((tmp_path / "x.pdf").read_bytes())  # same bytes, another name
        (inbox / "zero.pdf").write_bytes(b"")
        (inbox / "renamed.pdf").write_text("<html>not a pdf</html>", encoding="utf-8")
        truncated_copy(tmp_path / "x.pdf", inbox / "truncated.pdf")
        text_pdf(tmp_path / "locked.pdf", ["机密"], encrypt="secret")
        Image.new("1", (12000, 12000), 1).save(tmp_path / "bomb.png")  # 144 megapixels in a few kB
        for name in ("locked.pdf", "bomb.png"):  # written elsewhere, moved in whole (a slow writer: next test)
            os.replace(tmp_path / name, inbox / name)
        many = tmp_path / "many.pdf"
        text_pdf(many, ["第一页"] * 3)
        (inbox / "报告..2021.pdf").write_bytes(many.read_bytes())
        (inbox / "download.pdf.part").write_bytes(b"%PDF-1.4 half")  # a temporary name: left alone
        wait_until(lambda: len(filed(inbox)) == 9)
        assert proc.poll() is None  # still running
    finally:
        stop(proc)
    expected = ["-copy.pdf", "2021年5月 通报.pdf", "already here.pdf", "renamed.pdf", "zero.pdf", "truncated.pdf"]
    expected += ["locked.pdf", "bomb.png", "报告..2021.pdf"]
    assert filed(inbox) == sorted(expected)
    assert (inbox / "done" / "报告..2021.pdf").exists() and (out / "报告..2021.json").exists()
    assert (inbox / "download.pdf.part").exists()
    for name in ("zero.pdf", "renamed.pdf", "truncated.pdf", "locked.pdf", "bomb.png"):
        note = json.loads((inbox / "failed" / f"{name}.error.json").read_text(encoding="utf-8"))
        assert note["reason"] and note["stage"] and note["time"]
    # both names of the same bytes get the result, extracted once
    assert (out / "copy.json").exists() and (out / "2021年5月 通报.json").exists()  # leading dash dropped
    reasons = {n: json.loads((inbox / "failed" / f"{n}.error.json").read_text(encoding="utf-8"))["reason"]
               for n in ("locked.pdf", "bomb.png")}  # fmt: skip
    assert "password" in reasons["locked.pdf"] and "too large" in reasons["bomb.png"]
    db = sqlite3.connect(out / "results.sqlite")
    assert db.execute("SELECT count(*) FROM jobs").fetchone()[0] == 8
    assert db.execute("SELECT max(attempts) FROM jobs").fetchone()[0] == 1
    assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))


def test_a_file_copied_slowly_is_not_read_early(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    data = bulletin(tmp_path / "big.pdf", 3).read_bytes()
    proc = start(inbox, out, "--settle", "1.5")
    try:
        with (inbox / "slow.pdf").open("wb") as f:
            for i in range(0, len(data), max(1, len(data) // 8)):
                f.write(data[i : i + max(1, len(data) // 8)])
                f.flush()
                time.sleep(0.5)  # each chunk well inside the settle time
        wait_until(lambda: filed(inbox) == ["slow.pdf"])
    finally:
        stop(proc)
    assert (inbox / "done" / "slow.pdf").read_bytes() == data
    result = json.loads((out / "slow.json").read_text(encoding="utf-8"))
    assert result["status"] == "success"


@pytest.mark.slow
def test_kill_9_during_a_drop_then_restart(tmp_path):
    """3 cycles here (`evaluation/bench_watch.py` runs 10): nothing lost, nothing twice, nothing truncated."""
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    rng = random.Random(4)
    names = []
    for cycle in range(3):
        proc = start(inbox, out, "-j", "2")
        for n in range(10):
            name = f"c{cycle}-{n:02d} 通报.pdf"
            bulletin(tmp_path / "staging.pdf", cycle * 100 + n)
            os.replace(tmp_path / "staging.pdf", inbox / name)
            names.append(name)
            time.sleep(rng.uniform(0.0, 0.15))
        time.sleep(rng.uniform(0.5, 3.0))
        proc.kill()  # kill -9, at a random moment of the work
        proc.wait(30)
    proc = start(inbox, out, "-j", "2")
    try:
        wait_until(lambda: len(filed(inbox)) == len(names), timeout=240)
    finally:
        stop(proc)
    assert filed(inbox) == sorted(names)  # each exactly once, none left behind
    assert sorted(p.name for p in (inbox / "done").glob("*.pdf")) == sorted(names)
    for name in names:
        json.loads((out / f"{Path(name).stem}.json").read_text(encoding="utf-8"))  # complete JSON
    db = sqlite3.connect(out / "results.sqlite")
    assert db.execute("SELECT count(*), count(DISTINCT sha256) FROM documents").fetchone() == (30, 30)
    assert db.execute("SELECT count(*) FROM jobs WHERE state = 'done'").fetchone()[0] == 30


@pytest.mark.parametrize(("engine", "why"), [("CrashOnDark", "crashed"), ("HangOnDark", "timed out")])
def test_crashing_and_hanging_documents_do_not_stop_the_rest(tmp_path, engine, why):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    image_pages_pdf(tmp_path / "dark.pdf", [True])  # the fault engine fails on a dark page
    os.replace(tmp_path / "dark.pdf", inbox / "dark.pdf")
    bulletin(inbox / "good.pdf", 5)
    extra = ("--ocr-engine", f"tests.ocr_faults:{engine}", "--timeout", "4")
    proc = start(inbox, out, *extra)
    try:
        bulletin(inbox / "good after.pdf", 6)
        wait_until(lambda: len(filed(inbox)) == 3)
    finally:
        stop(proc)
    assert sorted(p.name for p in (inbox / "done").glob("*.pdf")) == ["good after.pdf", "good.pdf"]
    note = json.loads((inbox / "failed" / "dark.pdf.error.json").read_text(encoding="utf-8"))
    assert why in note["reason"]


def test_a_2000_page_pdf_is_refused_within_limits(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    text_pdf(tmp_path / "huge.pdf", [f"第{i}页" for i in range(2000)], one_per_page=True)
    os.replace(tmp_path / "huge.pdf", inbox / "huge.pdf")
    proc = start(inbox, out)
    try:
        wait_until(lambda: filed(inbox) == ["huge.pdf"])
    finally:
        stop(proc)
    note = json.loads((inbox / "failed" / "huge.pdf.error.json").read_text(encoding="utf-8"))
    assert "pages: more than the limit of 1000" in note["reason"] and "EXTRACTOR_MAX_PAGES" in note["reason"]
