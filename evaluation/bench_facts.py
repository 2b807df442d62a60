"""Narrative facts benchmark: narrative pages per second on one core.

    .venv/bin/python evaluation/bench_facts.py [--seconds 5] [--out evaluation/reports/bench-facts.json]

The digital samples are extracted once; then the facts stage (`find_facts`: places and
departments scanned, officials, events, visits, metrics) runs over their narratives again
and again on one core for `--seconds`. A narrative page is a page holding narrative
paragraphs. jieba is loaded only when a name's end is unclear: its first load is reported
apart. Target (issue 5): ≥ 200 narrative pages/s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluation.common import one_core, write_report  # noqa: E402
from extractor import extract, gazetteer  # noqa: E402
from extractor.facts.people import _jieba  # noqa: E402
from extractor.facts.stage import find_facts  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--out", type=Path, default=ROOT / "evaluation" / "reports" / "bench-facts.json")
    args = ap.parse_args()
    one_core()

    results = [extract(p) for p in sorted((ROOT / "samples" / "digital").glob("*.pdf"))]
    pages = sum(len({p.page for p in r.narrative.paragraphs}) for r in results)
    chars = sum(len(r.narrative.text) for r in results)
    g = gazetteer.load()
    t = time.perf_counter()
    _jieba()
    jieba_load = time.perf_counter() - t

    done, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < args.seconds:
        for r in results:
            find_facts(r, g)
        done += 1
    elapsed = time.perf_counter() - t0
    report = {
        "documents": len(results),
        "narrative_pages": pages,
        "narrative_chars": chars,
        "narrative_pages_per_second_one_core": round(done * pages / elapsed),
        "narrative_chars_per_second_one_core": round(done * chars / elapsed),
        "jieba_first_load_seconds": round(jieba_load, 2),
        "target_pages_per_second": 200,
    }
    write_report(args.out, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
