"""`make bench` (Ray): 200 digital documents through the local pool and through Ray on this machine,
at 1 and 2 workers: Ray's overhead per document and the throughput of each.

A Ray cluster of 1, then 2 CPUs is started first (`ray start --head`), as an archive's cluster
would be up before its batches; `batch --engine ray --address --shared` then connects to it (the workers read
the inputs and write the results in place, as on a shared file system); at 2 workers also without
`--shared` (inputs sent as bytes, results returned through Ray and written by the driver). One untimed Ray batch of
a few documents runs first, so the nodes have read Ray's and our code from disk once, as a long-lived
cluster has. Each batch starts its own Ray workers (actors), as each local batch starts its pool. Each timed
run is `run_batch` (the code behind `extractor batch`) into a fresh OUT, local and Ray taking
turns, `--repeat` times; the median is reported. Also reported: one batch that starts and stops
a local Ray runtime itself (no `--address`), whose start-up is a fixed cost of a few seconds.

    .venv/bin/python evaluation/bench_ray.py [--docs 200] [--repeat 3] [--report evaluation/reports/bench-ray.json]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluation.bench_batch import make_docs  # noqa: E402
from evaluation.common import write_report  # noqa: E402
from extractor.service.batch import run_batch  # noqa: E402
from extractor.settings import Settings  # noqa: E402

RAY = str(Path(sys.executable).with_name("ray"))
PORT = "6398"


def timed(inbox: Path, workers: int, engine: str, address: str | None, shared: bool | None = None) -> tuple[float, int]:
    out = Path(tempfile.mkdtemp(prefix=f"bench-ray-{engine}-"))
    try:
        t0 = time.perf_counter()
        summary = run_batch(
            [str(inbox)], out, Settings(), workers=workers, engine=engine, address=address, shared=shared
        )
        return time.perf_counter() - t0, summary.done
    finally:
        shutil.rmtree(out, ignore_errors=True)


def start_cluster(env: dict[str, str], cpus: int) -> None:
    started = subprocess.run(
        [RAY, "start", "--head", "--port", PORT, "--num-cpus", str(cpus), "--include-dashboard=false",
         "--node-ip-address", "127.0.0.1", "--disable-usage-stats"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    if started.returncode != 0:
        raise SystemExit(f"bench_ray: ray start failed: {started.stderr[-500:]}")


def compare(inbox: Path, workers: int, address: str, repeat: int, docs: int) -> dict[str, object]:
    """The local pool and Ray taking turns, `repeat` times; at 2 workers Ray also without --shared."""
    runs: dict[str, list[float]] = {"local": [], "ray": [], "ray_bytes": []}
    ways = ("local", "ray", "ray_bytes") if workers == 2 else ("local", "ray")
    for _ in range(repeat):
        for way in ways:
            # ray: the workers read the inputs and write OUT in place (one machine, or a shared file
            # system: --shared); ray_bytes: inputs sent and results returned through Ray
            engine, shared = ("local", None) if way == "local" else ("ray", way == "ray")
            seconds, done = timed(inbox, workers, engine, None if way == "local" else address, shared)
            assert done == docs, (way, done)
            runs[way].append(seconds)
    local, ray = statistics.median(runs["local"]), statistics.median(runs["ray"])
    return {
        "local_seconds": round(local, 2),
        "ray_seconds": round(ray, 2),
        "local_docs_per_s": round(docs / local, 1),
        "ray_docs_per_s": round(docs / ray, 1),
        "ray_overhead": round(ray / local - 1, 3),
        "ray_overhead_ms_per_doc": round((ray - local) / docs * 1000, 1),
        "ray_bytes_seconds": round(statistics.median(runs["ray_bytes"]), 2) if runs["ray_bytes"] else None,
        "runs": runs,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", default="1,2", help="the pool sizes compared (the target is at 2)")
    ap.add_argument("--report", type=Path, default=ROOT / "evaluation" / "reports" / "bench-ray.json")
    args = ap.parse_args()
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "disabled"}
    os.environ.update({"RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "disabled"})
    address = f"127.0.0.1:{PORT}"
    rows: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-ray-in-") as tmp:
        inbox, warm = Path(tmp) / "in", Path(tmp) / "warm"
        inbox.mkdir()
        warm.mkdir()
        make_docs(inbox, args.docs)
        for p in sorted(inbox.iterdir())[:4]:
            shutil.copy(p, warm / ("w-" + p.name))
        for workers in [int(w) for w in args.workers.split(",")]:
            start_cluster(env, workers)  # a cluster of `workers` CPUs: as many documents at once as the pool runs
            try:
                timed(warm, workers, "ray", address, True)  # its workers started, as a running cluster has them
                rows[f"{workers}"] = compare(inbox, workers, address, args.repeat, args.docs)
            finally:
                subprocess.run([RAY, "stop", "--force"], env=env, capture_output=True)
    with tempfile.TemporaryDirectory(prefix="bench-ray-in-") as tmp:
        inbox = Path(tmp)
        make_docs(inbox, args.docs)
        own_runtime, done = timed(inbox, 2, "ray", None)
        assert done == args.docs, done
    report = {
        "documents": args.docs,
        "repeat": args.repeat,
        "workers": rows,
        "ray_starting_its_own_runtime_2_workers_seconds": round(own_runtime, 2),
        "target": {"ray_overhead_2_workers": 0.15},
    }
    write_report(args.report, report)
    for workers, row in rows.items():
        through = row["ray_bytes_seconds"]
        print(
            f"Ray vs the local pool, {args.docs} digital documents, {workers} worker(s): {row['ray_seconds']} s vs "
            f"{row['local_seconds']} s (overhead {float(row['ray_overhead']):.1%}, "
            f"{row['ray_overhead_ms_per_doc']} ms a document; target at 2 workers ≤ 15 %)"
            + (f"; inputs and results through Ray (no shared folder): {through} s" if through else "")
        )
    print(f"a batch starting its own Ray runtime, 2 workers: {own_runtime:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
