"""`batch --engine ray` on a real Ray cluster the test starts (a head node and a second node on this
machine, `ray start`), into a real PostgreSQL server: 30 documents, one that kills its worker and
one that hangs where its own alarm cannot end it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from extractor.service.store import open_store
from tests.conftest import ROOT
from tests.pdfs import image_pages_pdf

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'bulletin-extractor[ray]')")
RAY = shutil.which("ray", path=str(Path(sys.executable).parent)) or shutil.which("ray")


def _env(tmp: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),  # the workers import the fault engine from tests/
        "RAY_TMPDIR": str(tmp),
        "RAY_USAGE_STATS_ENABLED": "0",
        "RAY_AUTH_MODE": "disabled",
    }


@pytest.fixture
def ray_cluster(tmp_path: Path):
    """Two Ray nodes of one CPU each on loopback; the head's address."""
    if RAY is None:
        pytest.skip("the `ray` command is not installed")
    tmp = Path("/tmp") / f"ray-{os.getpid()}"  # Ray's socket paths must stay short
    tmp.mkdir(exist_ok=True)
    env = _env(tmp)
    port = "6399"
    common = ["--num-cpus", "1", "--disable-usage-stats"]
    head = subprocess.run(
        [RAY, "start", "--head", "--port", port, "--node-ip-address", "127.0.0.1", "--include-dashboard=false",
         "--temp-dir", str(tmp), *common],
        env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    if head.returncode != 0:
        pytest.skip(f"ray start failed: {head.stderr.strip()[-300:]}")
    address = f"127.0.0.1:{port}"
    try:
        second = subprocess.run(
            [RAY, "start", "--address", address, "--node-ip-address", "127.0.0.1", *common],
            env=env, capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        assert second.returncode == 0, second.stderr
        yield address, env
    finally:
        subprocess.run([RAY, "stop", "--force"], env=env, capture_output=True, timeout=120)
        shutil.rmtree(tmp, ignore_errors=True)


def _inputs(folder: Path) -> list[Path]:
    """28 distinct digital documents, a black scanned page (its OCR kills the worker) and a striped
    one (its OCR hangs past the document's alarm)."""
    from evaluation.bench_batch import make_docs  # noqa: PLC0415

    folder.mkdir()
    make_docs(folder, 28)
    Image.new("RGB", (1240, 1754), 0).save(folder / "zz-crash.pdf", resolution=150.0)
    image_pages_pdf(folder.parent / "zz-hang.pdf", [True])  # (it leaves its page picture beside it)
    (folder.parent / "zz-hang.pdf").rename(folder / "zz-hang.pdf")
    return sorted(folder.iterdir())


def test_30_documents_through_ray_into_postgresql(tmp_path: Path, ray_cluster, postgres_url: str):
    address, env = ray_cluster
    env = {
        **env,
        "EXTRACTOR_OCR_ENGINE": "tests.ocr_faults:CrashOrHangOnDark",
        "EXTRACTOR_OCR_TIMEOUT": "0",  # OCR in the worker itself: a crash in it is the worker's death
        "EXTRACTOR_TIMEOUT": "8",
    }
    inputs = _inputs(tmp_path / "in")
    assert len(inputs) == 30
    out = tmp_path / "out-ray"
    cmd = [sys.executable, "-m", "extractor", "batch", str(tmp_path / "in"), "-o", str(out), "--no-progress"]
    # no -j: as many workers as the cluster has CPUs (two)
    ray_cmd = [*cmd, "--engine", "ray", "--address", address, "--store", postgres_url]
    first = subprocess.run(ray_cmd, env=env, capture_output=True, text=True, timeout=900)
    assert first.returncode == 13, first.stdout + first.stderr  # some documents failed
    assert "28 done, 2 failed" in first.stdout, first.stdout
    store = open_store(out, postgres_url)
    jobs = {Path(j.source).name: j for j in store.jobs()}
    assert len(jobs) == 30 and sum(j.state == "done" for j in jobs.values()) == 28
    assert all(j.attempts == 1 for n, j in jobs.items() if not n.startswith("zz-"))  # each good one done once
    crash, hang = jobs["zz-crash.pdf"], jobs["zz-hang.pdf"]
    assert crash.state == "failed" and "worker died" in (crash.error or ""), crash
    assert hang.state == "failed" and "timed out" in (hang.error or ""), hang
    assert store.count("documents") == 28
    store.close()
    assert len(list(out.glob("*.json"))) == 28 and not (out / "results.sqlite").exists()

    again = subprocess.run(ray_cmd, env=env, capture_output=True, text=True, timeout=600)
    assert "0 done, 0 failed, 30 already done or failed before" in again.stdout, again.stdout + again.stderr

    # the same batch on the local pool into SQLite: the same results and the same export
    local_out = tmp_path / "out-local"
    local_cmd = [sys.executable, "-m", "extractor", "batch", str(tmp_path / "in"), "-o", str(local_out), "-j", "2"]
    local = subprocess.run([*local_cmd, "--no-progress"], env=env, capture_output=True, text=True, timeout=900)
    assert local.returncode == 13 and "28 done, 2 failed" in local.stdout, local.stdout + local.stderr
    assert sorted(p.name for p in local_out.glob("*.json")) == sorted(p.name for p in out.glob("*.json"))
    for result in out.glob("*.json"):
        assert _without_timings(result) == _without_timings(local_out / result.name)
    exports = []
    for folder, store_args in ((out, ["--store", postgres_url]), (local_out, [])):
        dest = tmp_path / f"export-{len(exports)}"
        done = subprocess.run(
            [sys.executable, "-m", "extractor", "export", str(folder), "--format", "csv", "--dest", str(dest),
             *store_args],
            env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        exports.append({p.relative_to(dest): p.read_bytes() for p in dest.rglob("*.csv")})
    assert exports[0] == exports[1] and len(exports[0]) > 10
    assert inputs  # the 30 inputs stay where they were


def _without_timings(path: Path) -> dict:
    import json  # noqa: PLC0415

    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("timings", None)
    return data


def test_ray_workers_are_replaced_after_recycle_documents_and_results_come_back_as_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A local Ray runtime started by the runner, one worker replaced every 3 documents, inputs
    sent as bytes and results returned for the driver to write: 7 documents, 3 workers in turn."""
    import hashlib  # noqa: PLC0415

    from evaluation.bench_batch import make_docs  # noqa: PLC0415
    from extractor.service.pool import Task  # noqa: PLC0415
    from extractor.service.ray_runner import RayRunner  # noqa: PLC0415
    from extractor.settings import Settings  # noqa: PLC0415

    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    make_docs(folder, 7)
    tasks = [Task(hashlib.sha256(p.read_bytes()).hexdigest(), p, p.stem) for p in sorted(folder.iterdir())]
    reports = []
    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")
    monkeypatch.setenv("RAY_AUTH_MODE", "disabled")
    RayRunner(1, out, Settings(), recycle=3, shared_paths=False).run(tasks, reports.append)
    assert ray.is_initialized() is False  # the runtime it started is stopped
    assert sorted(r.key for r in reports) == sorted(t.key for t in tasks) and all(r.ok for r in reports)
    assert [r.attempt for r in reports] == [1] * 7
    pids = [r.worker_pid for r in reports]
    assert pids[0:3] == [pids[0]] * 3 and pids[3:6] == [pids[3]] * 3 and len(set(pids)) == 3, pids
    for t, r in zip(tasks, reports, strict=True):  # in order: one worker at a time
        assert r.json_path == str(out / f"{t.stem}.json") and (out / f"{t.stem}.json").is_file()
