"""`extractor watch` through temporary trouble, as a real process on real folders: a writer
that pauses, bytes dropped again, `--retry-failed`, symbolic links, `done/` turned into a
file, a full and a read-only OUT (a real tmpfs in a mount namespace), and kill -9 with
workers and OCR children under way."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.pdfs import image_pages_pdf
from tests.procs import alive, descendants
from tests.service.test_watch import bulletin, filed, start, stop, wait_until

SAMPLES = Path(__file__).parent.parent.parent / "samples"


def test_a_writer_that_pauses_half_way_is_not_failed(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    data = bulletin(tmp_path / "whole.pdf", 3).read_bytes()
    proc = start(inbox, out)  # settles after 0.3 s: a 1.5 s pause looks finished
    try:
        with (inbox / "slow.pdf").open("wb") as f:
            f.write(data[: len(data) // 2])
            f.flush()
            time.sleep(1.5)  # taken, extracted and failed as damaged meanwhile
            f.write(data[len(data) // 2 :])
        wait_until(lambda: filed(inbox) == ["slow.pdf"])
    finally:
        stop(proc)
    assert (inbox / "done" / "slow.pdf").read_bytes() == data
    assert json.loads((out / "slow.json").read_text(encoding="utf-8"))["status"] == "success"
    db = sqlite3.connect(out / "results.sqlite")
    assert db.execute("SELECT state, count(*) FROM jobs GROUP BY state").fetchall() == [("done", 1)]


def test_bytes_dropped_again_are_tried_again_and_retry_failed_puts_failures_back(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    scan = SAMPLES / "scanned" / "bulletin-004-scan.pdf"  # seconds of OCR: past a 1 s limit
    shutil.copy(scan, tmp_path / "scan.pdf")
    os.replace(tmp_path / "scan.pdf", inbox / "scan.pdf")
    proc = start(inbox, out, "--timeout", "1", "--attempts", "1")
    try:
        wait_until(lambda: filed(inbox) == ["scan.pdf"])
        note = json.loads((inbox / "failed" / "scan.pdf.error.json").read_text(encoding="utf-8"))
        assert "timed out" in note["reason"]
        shutil.copy(scan, tmp_path / "again.pdf")
        os.replace(tmp_path / "again.pdf", inbox / "again.pdf")  # the same bytes, dropped again
        wait_until(lambda: filed(inbox) == ["again.pdf", "scan.pdf"])
    finally:
        stop(proc)
    db = sqlite3.connect(out / "results.sqlite")
    assert db.execute("SELECT state, attempts FROM jobs").fetchall() == [("failed", 2)]  # tried, not just filed

    proc = start(inbox, out, "--retry-failed")  # no time limit to speak of now
    try:
        wait_until(lambda: sorted(p.name for p in (inbox / "done").glob("*.pdf")) == ["again.pdf", "scan.pdf"])
    finally:
        stop(proc)
    assert not list((inbox / "failed").iterdir())  # the notes went with their files
    assert db.execute("SELECT state FROM jobs").fetchall() == [("done",)]


def test_symbolic_links_in_the_inbox_are_not_followed(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    outside = bulletin(tmp_path / "outside.pdf", 1)
    (inbox / "passwd.pdf").symlink_to("/etc/passwd")
    (inbox / "outside.pdf").symlink_to(outside)
    proc = start(inbox, out)
    try:
        wait_until(lambda: filed(inbox) == ["outside.pdf", "passwd.pdf"])
    finally:
        stop(proc)
    for name in ("outside.pdf", "passwd.pdf"):
        assert (inbox / "failed" / name).is_symlink()  # the link moved, not what it points to
        note = json.loads((inbox / "failed" / f"{name}.error.json").read_text(encoding="utf-8"))
        assert "symbolic link" in note["reason"]
    assert outside.exists() and not list(out.glob("*.json"))  # nothing was read through them


def test_done_being_a_plain_file_pauses_the_watcher_until_it_is_a_folder(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    (inbox / "done").write_text("not a folder", encoding="utf-8")
    bulletin(inbox / "a.pdf", 1)
    proc = start(inbox, out)
    try:
        time.sleep(3)
        assert proc.poll() is None and (inbox / "a.pdf").exists()  # paused, not crashed
        (inbox / "done").unlink()
        wait_until(lambda: filed(inbox) == ["a.pdf"], timeout=60)
        shutil.rmtree(inbox / "done")
        (inbox / "done").write_text("a file again", encoding="utf-8")  # while it runs
        bulletin(inbox / "b.pdf", 2)
        time.sleep(3)
        assert proc.poll() is None and (inbox / "b.pdf").exists()
        (inbox / "done").unlink()
        wait_until(lambda: (inbox / "done" / "b.pdf").exists(), timeout=60)
    finally:
        err = _stop_and_read(proc)
    assert "paused:" in err and "is not a folder" in err and "resumed" in err and "Traceback" not in err


def _stop_and_read(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    return err


def _namespaces_work() -> str | None:
    if not shutil.which("unshare") or not shutil.which("nsenter"):
        return "unshare/nsenter (util-linux) not installed"
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"], capture_output=True, text=True
    )
    return None if probe.returncode == 0 else f"no mount namespace here: {probe.stderr.strip()}"


@pytest.mark.skipif(_namespaces_work() is not None, reason=str(_namespaces_work()))
def test_a_full_and_a_read_only_out_pause_the_watcher_and_it_resumes(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    out.mkdir()
    watch = [sys.executable, "-m", "extractor", "watch", str(inbox), "-o", str(out), "--settle", "0.3"]
    script = f"mount -t tmpfs -o size=16m tmpfs {out} && exec " + " ".join(f"'{a}'" for a in watch)
    proc = subprocess.Popen(
        ["unshare", "-m", "sh", "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().startswith("watch: watching")

    def inside(*cmd: str) -> None:
        subprocess.run(["nsenter", "-t", str(proc.pid), "-m", *cmd], check=True, capture_output=True)

    try:
        bulletin(tmp_path / "a.pdf", 1)
        os.replace(tmp_path / "a.pdf", inbox / "a.pdf")
        wait_until(lambda: filed(inbox) == ["a.pdf"])
        inside("sh", "-c", f"dd if=/dev/zero of={out}/filler bs=1M count=64 2>/dev/null || true")  # the disk fills
        for n in range(2, 5):
            bulletin(tmp_path / "x.pdf", n)
            os.replace(tmp_path / "x.pdf", inbox / f"{n}.pdf")
        time.sleep(4)
        assert proc.poll() is None and not list((inbox / "failed").glob("*.pdf"))
        assert sorted(p.name for p in inbox.glob("*.pdf")) == ["2.pdf", "3.pdf", "4.pdf"]  # waiting, not failed
        inside("rm", f"{out}/filler")
        wait_until(lambda: len(filed(inbox)) == 4, timeout=60)

        # read-only now: a read-only file system mounted over OUT (a remount of the first is refused
        # while the store is open for writing; the store's open files stay on the first)
        inside("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(out))
        bulletin(tmp_path / "x.pdf", 5)
        os.replace(tmp_path / "x.pdf", inbox / "5.pdf")
        time.sleep(4)
        assert proc.poll() is None and (inbox / "5.pdf").exists()
        inside("umount", str(out))
        wait_until(lambda: len(filed(inbox)) == 5, timeout=60)
        names = sorted(p.name for p in (inbox / "done").glob("*.pdf"))
        assert names == ["2.pdf", "3.pdf", "4.pdf", "5.pdf", "a.pdf"] and not list((inbox / "failed").iterdir())
    finally:
        err = _stop_and_read(proc)
    assert "paused:" in err and ("No space left on device" in err or "disk is full" in err), err
    assert "Read-only file system" in err
    assert "resumed" in err and "Traceback" not in err


def test_kill_9_of_the_watcher_leaves_no_worker_or_ocr_child_behind(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    for n in range(2):
        image_pages_pdf(tmp_path / f"dark{n}.pdf", [True])
        os.replace(tmp_path / f"dark{n}.pdf", inbox / f"dark{n}.pdf")
    proc = start(inbox, out, "-j", "2", "--ocr-engine", "tests.ocr_faults:HangOnDark")
    wait_until(lambda: len(descendants(proc.pid)) >= 4, timeout=60)  # two workers, each with its OCR child
    family = descendants(proc.pid)
    proc.kill()
    proc.wait(10)
    wait_until(lambda: not [p for p in family if alive(p)], timeout=15)
