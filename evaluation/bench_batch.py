"""Batch benchmark: 200 digital documents with 1 and with 2 workers; worker memory over the run;
the scanned samples' throughput in pages per hour per core, for each OCR model set asked for.

    .venv/bin/python evaluation/bench_batch.py [--docs 200] [--scanned-models small tiered]
        [--out evaluation/reports/bench-batch.json]

The documents are the digital samples, copied round-robin with a distinct trailing comment
each (so no two share bytes and nothing is deduplicated). Each run is `run_batch` (the code
behind `extractor batch`) into a fresh OUT: hashing, worker processes, the results store.
Memory: with recycling switched off (one worker for all 200 documents), the worker's peak
RSS after its 20th and after its 200th document. Targets (issue 6): 2 workers ≥ 1.8× faster
than 1; ≤ 10 % growth from document 20 to document 200.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluation.common import write_report  # noqa: E402
from extractor.service.batch import run_batch  # noqa: E402
from extractor.settings import Settings  # noqa: E402


def make_docs(folder: Path, n: int) -> None:
    sources = sorted((ROOT / "samples" / "digital").glob("*.pdf"))
    for i in range(n):
        src = sources[i % len(sources)]
        (folder / f"{i:03d}-{src.name}").write_bytes(src.read_bytes() + f"\n% copy {i}\n".encode())


def timed(inbox: Path, workers: int, recycle: int, settings: Settings | None = None) -> tuple[float, object]:
    out = Path(tempfile.mkdtemp(prefix=f"bench-batch-{workers}-"))
    try:
        t0 = time.perf_counter()
        summary = run_batch([str(inbox)], out, settings or Settings(), workers=workers, recycle=recycle)
        return time.perf_counter() - t0, summary
    finally:
        shutil.rmtree(out, ignore_errors=True)


def scanned_throughput(model: str) -> dict[str, float]:
    """samples/scanned through `run_batch` with 1 and 2 workers (this machine has 2 cores):
    pages per hour, and per core with both cores busy."""
    settings = replace(Settings(), ocr_model=model)
    inbox = ROOT / "samples" / "scanned"
    one, s1 = timed(inbox, 1, 10_000, settings)
    two, s2 = timed(inbox, 2, 10_000, settings)
    pages = s1.pages  # type: ignore[attr-defined]
    return {
        "pages": pages,
        "done": [s1.done, s2.done],  # type: ignore[attr-defined]
        "one_worker_seconds": round(one, 1),
        "two_workers_seconds": round(two, 1),
        "pages_per_hour_one_worker": round(pages * 3600 / one),
        "pages_per_hour_two_workers": round(pages * 3600 / two),
        "pages_per_hour_per_core": round(pages * 3600 / two / 2),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--scanned-models", nargs="*", default=["small", "tiered"], help="OCR model sets (none: skip)")
    ap.add_argument("--out", type=Path, default=ROOT / "evaluation" / "reports" / "bench-batch.json")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-batch-in-") as tmp:
        inbox = Path(tmp)
        make_docs(inbox, args.docs)
        one, s1 = timed(inbox, 1, 10_000)
        two, s2 = timed(inbox, 2, 50)
    rss = [m for _, m in s1.workers]  # type: ignore[attr-defined]
    at20, at_end = rss[19], rss[-1]
    report = {
        "documents": args.docs,
        "pages": s1.pages,  # type: ignore[attr-defined]
        "one_worker_seconds": round(one, 2),
        "two_workers_seconds": round(two, 2),
        "speedup": round(one / two, 2),
        "done": [s1.done, s2.done],  # type: ignore[attr-defined]
        "worker_peak_rss_mib_after_doc_20": round(at20, 1),
        "worker_peak_rss_mib_after_last_doc": round(at_end, 1),
        "rss_growth_20_to_last": round(at_end / at20 - 1, 4),
        "targets": {"speedup": 1.8, "rss_growth": 0.10},
        "scanned": {model: scanned_throughput(model) for model in args.scanned_models},
    }
    write_report(args.out, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
