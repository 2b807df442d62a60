"""`make bench` (the HTTP service): 200 uploads from 8 concurrent clients on loopback, against a real
`extractor serve -j 2` process; API latency (not extraction time) and that every document is done
exactly once.

Each client (a thread with its own httpx client) uploads its share of 200 distinct digital
documents (the samples, each copy with a trailing comment of its own) and asks for the state of a
document it sent after every upload, as a client following its jobs would. Reported: p50 / p95 /
max of the uploads' and the state calls' latency while the workers extract, the errors (any answer
but 202 to an upload, 200 to a state call), then, once the queue is empty, how many documents are
done, failed, and were attempted more than once (the job table's `attempts`).

    .venv/bin/python evaluation/bench_api.py [--docs 200] [--clients 8] [--workers 2]
        [--report evaluation/reports/bench-api.json]
"""

from __future__ import annotations

import argparse
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluation.bench_batch import make_docs  # noqa: E402
from evaluation.common import write_report  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(out: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    cmd = [str(Path(sys.executable).with_name("extractor")), "serve", "-o", str(out), "--port", str(port)]
    proc = subprocess.Popen([*cmd, "-j", str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"bench_api: serve exited {proc.returncode}")
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit("bench_api: serve did not start")


def load(url: str, files: list[Path], clients: int) -> dict[str, Any]:
    """`files` uploaded by `clients` threads at once; latencies in ms, errors, the ids."""
    post_ms: list[float] = []
    get_ms: list[float] = []
    errors: list[str] = []
    ids: list[str] = []
    lock = threading.Lock()

    def client(share: list[Path]) -> None:
        with httpx.Client(base_url=url, timeout=60) as http:
            mine: list[str] = []
            for path in share:
                t = time.perf_counter()
                answer = http.post("/v1/documents", files={"file": (path.name, path.read_bytes(), "application/pdf")})
                took = (time.perf_counter() - t) * 1000
                with lock:
                    post_ms.append(took)
                    if answer.status_code != 202:
                        errors.append(f"upload {path.name}: {answer.status_code} {answer.text[:200]}")
                        continue
                    ids.append(answer.json()["id"])
                mine.append(answer.json()["id"])
                t = time.perf_counter()
                state = http.get(f"/v1/documents/{mine[len(mine) // 2]}")
                took = (time.perf_counter() - t) * 1000
                with lock:
                    get_ms.append(took)
                    if state.status_code != 200:
                        errors.append(f"state: {state.status_code} {state.text[:200]}")

    threads = [threading.Thread(target=client, args=(files[k::clients],)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"post_ms": post_ms, "get_ms": get_ms, "errors": errors, "ids": ids, "seconds": time.perf_counter() - t0}


def percentiles(ms: list[float]) -> dict[str, float]:
    if not ms:
        return {}
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {"p50": round(q[49], 1), "p95": round(q[94], 1), "max": round(max(ms), 1)}


def wait_empty(url: str, expected: int, timeout: float) -> dict[str, int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        counts = httpx.get(url + "/healthz", timeout=10).json()["queue"]
        if counts["done"] + counts["failed"] >= expected and not counts["queued"] and not counts["running"]:
            return dict(counts)
        time.sleep(0.5)
    raise SystemExit(f"bench_api: the queue did not empty within {timeout:.0f} s")


def attempts(out: Path) -> dict[int, int]:
    db = sqlite3.connect(out / "results.sqlite")
    try:
        return dict(db.execute("SELECT attempts, count(*) FROM jobs GROUP BY attempts").fetchall())
    finally:
        db.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--report", type=Path, default=ROOT / "evaluation" / "reports" / "bench-api.json")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        inbox, out = Path(tmp) / "in", Path(tmp) / "out"
        inbox.mkdir()
        make_docs(inbox, args.docs)
        files = sorted(inbox.iterdir())
        proc, url = start_server(out, args.workers)
        try:
            run = load(url, files, args.clients)
            t0 = time.perf_counter()
            counts = wait_empty(url, args.docs, timeout=1800)
            drained = time.perf_counter() - t0
            tries = attempts(out)
            results = len(list(out.glob("*.json")))
        finally:
            proc.terminate()
            proc.wait(120)
    report = {
        "documents": args.docs,
        "clients": args.clients,
        "workers": args.workers,
        "upload_ms": percentiles(run["post_ms"]),
        "state_ms": percentiles(run["get_ms"]),
        "errors": len(run["errors"]),
        "first_errors": run["errors"][:5],
        "uploads_seconds": round(run["seconds"], 2),
        "seconds_to_empty_queue_after_uploads": round(drained, 2),
        "done": counts["done"],
        "failed": counts["failed"],
        "distinct_ids": len(set(run["ids"])),
        "result_files": results,
        "attempts": {str(k): v for k, v in sorted(tries.items())},
    }
    write_report(args.report, report)
    once = report["attempts"] == {"1": args.docs} and results == args.docs
    up, state = report["upload_ms"], report["state_ms"]
    print(
        f"API load: {args.docs} uploads from {args.clients} clients, serve -j {args.workers}: "
        f"{report['errors']} errors; upload p50 {up.get('p50')} ms, p95 {up.get('p95')} ms; "
        f"state p50 {state.get('p50')} ms, p95 {state.get('p95')} ms; "
        f"done {counts['done']}, failed {counts['failed']}, each exactly once: {once}"
    )
    return 0 if report["errors"] == 0 and once and counts["failed"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
