"""`extractor batch` as a user runs it: real worker processes, real files, resumable."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.pdfs import image_pages_pdf, text_pdf


def batch(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extractor", "batch", *map(str, args)], capture_output=True, text=True, timeout=600
    )


def states(out: Path) -> dict[str, str]:
    db = sqlite3.connect(out / "results.sqlite")
    return dict(db.execute("SELECT name, state FROM jobs").fetchall())


def test_folders_globs_zips_resume_and_retry(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    for name in ("bulletin-002", "synth-renhe-2023-03"):
        shutil.copy(SAMPLES / "digital" / f"{name}.pdf", inbox / f"{name}.pdf")
    shutil.copy(SAMPLES / "digital" / "bulletin-002.pdf", inbox / "same bytes, another name.pdf")
    (inbox / "empty.pdf").write_bytes(b"")
    (inbox / "not a pdf.pdf").write_text("hello", encoding="utf-8")
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(SAMPLES / "digital" / "synth-jinniu-2021-11.pdf", "2021/../../../escape-金牛.pdf")
        zf.writestr("readme.txt", "not a bulletin")
    (tmp_path / "loose").mkdir()
    text_pdf(tmp_path / "loose" / "-leading dash.pdf", ["2021年4月", "市政务服务中心受理32307件"])
    out = tmp_path / "out"

    proc = batch(inbox, archive, str(tmp_path / "loose" / "*.pdf"), "-o", out, "-j", "2")
    assert proc.returncode == 13, proc.stderr  # some documents failed: listed, with a distinct code
    assert "2 failed" in proc.stdout and "1 duplicates" in proc.stdout
    assert len(proc.stderr.strip().splitlines()) == 1 and "--retry-failed" in proc.stderr
    got = states(out)
    assert got["bulletin-002"] == "done" and got["synth-renhe-2023-03"] == "done"
    assert [s for n, s in got.items() if "escape" in n] == ["done"]
    assert [s for n, s in got.items() if "leading dash" in n] == ["done"]
    assert got["empty"] == "failed" and got["not a pdf"] == "failed"
    # nothing was written outside OUT, and the zip member landed in OUT/.staging
    assert not (tmp_path / "escape-金牛.pdf").exists()
    assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))
    assert (out / "bulletin-002.json").exists() and (out / "bulletin-002" / "t1.csv").exists()
    db = sqlite3.connect(out / "results.sqlite")
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 4

    again = batch(inbox, archive, str(tmp_path / "loose" / "*.pdf"), "-o", out, "-j", "2")
    assert "0 done" in again.stdout and "already done or failed before" in again.stdout
    assert again.returncode == 13 and "2 failed in an earlier run" in again.stderr  # a cron job can tell
    assert "Traceback" not in again.stderr + proc.stderr
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 4

    (inbox / "not a pdf.pdf").unlink()
    retry = batch(inbox, "-o", out, "-j", "1", "--retry-failed")
    assert retry.returncode == 13 and "1 failed" in retry.stdout
    attempts = db.execute("SELECT attempts FROM jobs WHERE name = 'empty'").fetchone()[0]
    assert attempts == 2


def test_a_document_past_its_timeout_is_failed_and_the_rest_go_on(tmp_path):
    out = tmp_path / "out"
    scan = SAMPLES / "scanned" / "bulletin-004-scan.pdf"  # OCR: seconds a page
    proc = batch(scan, SAMPLES / "digital" / "bulletin-004.pdf", "-o", out, "-j", "1", "--timeout", "1.5")
    assert proc.returncode == 13
    got = states(out)
    assert got["bulletin-004"] == "done" and got["bulletin-004-scan"] == "failed"
    error = sqlite3.connect(out / "results.sqlite").execute("SELECT error FROM jobs WHERE state='failed'").fetchone()
    assert "timed out" in error[0]
    assert "attempt 2 of 3" in proc.stderr and "attempt 3 of 3" in proc.stderr  # transient: tried again, 3 in all


def test_a_transient_failure_is_tried_again_and_then_succeeds(tmp_path):
    (tmp_path / "in").mkdir()
    image_pages_pdf(tmp_path / "dark.pdf", [True, False]).rename(tmp_path / "in" / "dark.pdf")
    marker = tmp_path / "marker"
    marker.mkdir()
    out = tmp_path / "out"
    env = {**os.environ, "FAULT_MARKER_DIR": str(marker)}
    proc = subprocess.run(
        [sys.executable, "-m", "extractor", "batch", str(tmp_path / "in"), "-o", str(out), "-j", "1",
         "--ocr-engine", "tests.ocr_faults:HangOnceOnDark", "--timeout", "3"],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert proc.returncode == 0 and "1 done" in proc.stdout, proc.stderr  # the second attempt read it
    assert "timed out" in proc.stderr and "attempt 2 of 3" in proc.stderr


def test_a_page_the_engine_fails_on_prints_one_line_not_a_traceback(tmp_path):
    (tmp_path / "in").mkdir()
    image_pages_pdf(tmp_path / "dark.pdf", [True, False]).rename(tmp_path / "in" / "dark.pdf")
    out = tmp_path / "out"
    proc = batch(tmp_path / "in", "-o", out, "--ocr-engine", "tests.ocr_faults:BadGlyphsOnDark")
    assert "Traceback" not in proc.stderr and "RuntimeError" not in proc.stderr, proc.stderr
    assert proc.returncode == 0 and "1 done" in proc.stdout  # partial: the other page was read
    verbose = batch(tmp_path / "in", "-o", tmp_path / "out2", "--ocr-engine", "tests.ocr_faults:BadGlyphsOnDark", "-v")
    assert "Traceback" in verbose.stderr  # with -v the worker's traceback is there to read


def test_a_zip_bomb_is_cut_off_by_the_bytes_that_come_out_and_staging_is_removed(tmp_path, monkeypatch):
    from extractor.service import batch as batch_mod  # noqa: PLC0415 - its limits, made small for the test

    monkeypatch.setattr(batch_mod, "MAX_MEMBER", 4 * 1024 * 1024)
    monkeypatch.setattr(batch_mod, "MAX_UNPACKED", 6 * 1024 * 1024)
    archive = tmp_path / "bomb.zip"
    good = text_pdf(tmp_path / "good.pdf", ["2021年4月", "市政务服务中心受理32307件"]).read_bytes()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a-good.pdf", good)
        zf.writestr("b-bomb.pdf", b"%PDF-1.4\n" + b"\0" * (5 * 1024 * 1024))  # past the member limit
        for i in range(3):
            zf.writestr(f"c-{i}.pdf", b"%PDF-1.4\n" + b"\0" * (3 * 1024 * 1024))  # only c-0 fits the rest
    staging = tmp_path / "out" / ".staging"
    got = batch_mod.unzip(archive, staging)
    assert [p.name.split("-", 1)[1] for p in got] == ["a-good.pdf", "c-0.pdf"]
    assert sum(p.stat().st_size for p in staging.rglob("*")) <= 6 * 1024 * 1024
    assert not list(staging.rglob(".*.part"))  # nothing half-unpacked is left to reuse

    proc = batch(archive, "-o", tmp_path / "out2", "-j", "1")
    assert "1 done" in proc.stdout, proc.stdout + proc.stderr
    assert not (tmp_path / "out2" / ".staging").exists()


def test_a_batch_into_a_full_disk_fails_in_one_line_and_a_rerun_finishes(tmp_path):
    from tests.service.test_watch_trouble import _namespaces_work  # noqa: PLC0415 - the same probe

    if (why := _namespaces_work()) is not None:
        pytest.skip(why)
    inbox, out, logs = tmp_path / "in", tmp_path / "out", tmp_path / "logs"
    for d in (inbox, out, logs):
        d.mkdir()
    for n in range(3):
        text_pdf(inbox / f"b{n}.pdf", ["2021年4月", f"市政务服务中心受理{100 + n}件"])
    batch_cmd = f"'{sys.executable}' -m extractor batch '{inbox}' -o '{out}' -j 1 --no-progress"
    script = "; ".join(
        [
            f"mount -t tmpfs -o size=4m tmpfs '{out}' || exit 99",
            f"dd if=/dev/zero of='{out}/filler' bs=1M count=8 2>/dev/null",  # full before the batch starts
            f"{batch_cmd} >'{logs}/1.out' 2>'{logs}/1.err'; echo $? >'{logs}/1.code'",
            f"rm '{out}/filler'",
            f"{batch_cmd} >'{logs}/2.out' 2>'{logs}/2.err'; echo $? >'{logs}/2.code'",
            f"ls '{out}' >'{logs}/ls'",
        ]
    )
    subprocess.run(["unshare", "-m", "sh", "-c", script], check=True, timeout=600)
    first_err = (logs / "1.err").read_text(encoding="utf-8")
    assert (logs / "1.code").read_text().strip() in ("13", "16"), first_err
    assert "Traceback" not in first_err and ("No space left" in first_err or "disk is full" in first_err), first_err
    second = (logs / "2.out").read_text(encoding="utf-8")
    assert (logs / "2.code").read_text().strip() == "0", (logs / "2.err").read_text(encoding="utf-8")
    assert second.startswith("batch: 3 done"), second
    assert {"b0.json", "b1.json", "b2.json"} <= set((logs / "ls").read_text().split())


def test_each_workers_ocr_engine_gets_its_share_of_the_cores(monkeypatch: pytest.MonkeyPatch):
    from extractor.service.pool import pool_settings  # noqa: PLC0415
    from extractor.settings import Settings  # noqa: PLC0415

    cores = len(os.sched_getaffinity(0))
    monkeypatch.delenv("EXTRACTOR_OCR_THREADS", raising=False)
    assert pool_settings(Settings(), 1).ocr_threads == 0  # one document at a time: every core
    shared = pool_settings(Settings(), 2)
    assert shared.ocr_threads == max(1, cores // 2)
    assert pool_settings(Settings(), 64).ocr_threads == 1
    monkeypatch.setenv("EXTRACTOR_OCR_THREADS", "3")
    assert pool_settings(Settings(), 2).ocr_threads == 3  # as the user set it
    # the engine the pipeline makes runs on them (in a process of its own: an engine loaded here would
    # swell this process, and every process it forks later would start with that memory)
    code = (
        "from extractor.ocr.registry import load_engine; from extractor.pipeline import ocr_options; "
        "from extractor.settings import Settings; "
        "e = load_engine('rapidocr', ocr_options(Settings())); "
        "print(e._ocr.cfg.EngineConfig.onnxruntime.intra_op_num_threads)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split()[-1] == "3"


def test_a_recycled_worker_is_replaced_by_a_successor_started_during_its_last_document(tmp_path):
    import hashlib  # noqa: PLC0415

    from extractor.service.pool import Task, WorkerPool  # noqa: PLC0415
    from extractor.settings import Settings  # noqa: PLC0415

    docs = sorted((SAMPLES / "digital").glob("*.pdf"))[:6]
    tasks = [Task(hashlib.sha256(p.read_bytes()).hexdigest(), p, p.stem) for p in docs]
    reports = []
    pool = WorkerPool(1, tmp_path, Settings(), recycle=2)
    real_start, busy_at_start = pool._start, []

    def start():  # is the worker it will replace still at work when its successor starts?
        busy_at_start.extend(w.proc.is_alive() and w.task is not None for w in pool.workers)
        return real_start()

    pool._start = start  # type: ignore[method-assign]
    pool.run(tasks, reports.append)
    (last,) = pool.workers
    assert busy_at_start == [True, True, True]
    assert [r.ok for r in reports] == [True] * 6
    pids = [r.worker_pid for r in reports]
    assert pids[0] == pids[1] != pids[2] == pids[3] != pids[4] == pids[5]  # two documents each
    assert len(set(pids)) == 3
    # the successor started during the third worker's last document took its place, unused, and is stopped
    assert last.proc.pid not in pids and not last.proc.is_alive() and last.spare is None


def test_a_worker_takes_its_next_document_before_its_last_report_is_recorded(tmp_path):
    """The parent hands a freed worker its next document first, then records the report (store
    rows, progress): the worker does not wait while its result is stored. While the first report
    is being recorded, the second document's result appears."""
    import hashlib  # noqa: PLC0415
    import time  # noqa: PLC0415

    from extractor.service.pool import Task, WorkerPool  # noqa: PLC0415
    from extractor.settings import Settings  # noqa: PLC0415

    docs = sorted((SAMPLES / "digital").glob("*.pdf"))[:3]
    tasks = [Task(hashlib.sha256(p.read_bytes()).hexdigest(), p, f"doc{k}") for k, p in enumerate(docs)]
    seen_while_recording: list[bool] = []
    reports = []

    def on_report(r):
        reports.append(r)
        if not seen_while_recording:  # the first report: a slow store
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not (tmp_path / "doc1.json").exists():
                time.sleep(0.05)
            seen_while_recording.append((tmp_path / "doc1.json").exists())

    WorkerPool(1, tmp_path, Settings()).run(tasks, on_report)
    assert seen_while_recording == [True]
    assert all((tmp_path / f"doc{k}.json").exists() for k in range(3))
    # each report carries its result as the store's rows, made by the worker
    assert [r.rows is not None and r.rows.sha256 == r.key for r in reports] == [True] * 3


def test_workers_are_forked_from_a_server_that_has_the_pipeline_and_the_gazetteer_loaded():
    """A worker starts in milliseconds, not half a second: the fork server imports
    `extractor.service.warm` first, which loads the gazetteer and freezes it out of the collector."""
    from extractor.service.pool import worker_context  # noqa: PLC0415

    code = (
        "import gc, sys; from extractor.service import warm; from extractor.gazetteer import data; "
        "print(data._load.cache_info().currsize, gc.get_freeze_count() > 10000, 'extractor.pipeline' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["1", "True", "True"]
    assert worker_context().get_start_method() == "forkserver"
