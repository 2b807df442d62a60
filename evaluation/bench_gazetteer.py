"""Gazetteer benchmark: load time and resolution throughput on one core.

    .venv/bin/python evaluation/bench_gazetteer.py [--seconds 5] [--out evaluation/reports/bench-gazetteer.json]

- load: a fresh process imports the extractor, then loads `models/gazetteer` (median of 5 runs:
  `gazetteer.load()` alone, the import before it, and the whole process);
- resolve: every labelled entity mention of `samples/digital` (table cells and narrative),
  each with its document's context (jurisdiction and year as the extractor inferred them),
  resolved over and over on one core for `--seconds`: mentions per second;
- slips: the same mentions with one character replaced (fuzzy path): mentions per second;
- scan: the narrative texts of those documents scanned for mentions: characters per second.
Targets (issue 4): load ≤ 1 s, ≥ 10,000 mentions/s on one core.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluation.common import one_core, write_report  # noqa: E402
from extractor import extract, gazetteer  # noqa: E402
from extractor.gazetteer.scan import Scanner  # noqa: E402

LOAD = (
    "import time; t = time.perf_counter(); from extractor import gazetteer; u = time.perf_counter(); "
    "gazetteer.load(); print(u - t, time.perf_counter() - u)"
)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--out", type=Path, default=ROOT / "evaluation" / "reports" / "bench-gazetteer.json")
    args = ap.parse_args()
    one_core()

    loads, imports, procs = [], [], []
    for _ in range(5):
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True, cwd=ROOT)
        procs.append(time.perf_counter() - t)
        imported, loaded = map(float, out.stdout.split())
        imports.append(imported)
        loads.append(loaded)

    g = gazetteer.load()
    work, texts = [], []
    for label in sorted((ROOT / "samples" / "digital").glob("*.label.json")):
        result = extract(label.with_name(label.name.replace(".label.json", ".pdf")))
        juris = result.document.jurisdiction.code if result.document.jurisdiction else None
        year = int(result.document.period[:4]) if result.document.period and result.document.period[0] != "-" else None
        resolver = gazetteer.Resolver(g, gazetteer.Context(juris, year))
        mentions = list(json.loads(label.read_text(encoding="utf-8")).get("entities", {}))
        work.append((resolver, mentions))
        texts.append(result.narrative.text)
    n_mentions = sum(len(m) for _, m in work)

    done, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < args.seconds:
        for resolver, mentions in work:
            for m in mentions:
                resolver.resolve(m)
        done += n_mentions
    rate = done / (time.perf_counter() - t0)

    # the slow path: each mention with one character replaced (an OCR slip), so exact lookups
    # fail and the fuzzy matching runs
    slipped = [(r, [m[:-2] + "囗" + m[-1] if len(m) >= 3 else m for m in ms]) for r, ms in work]
    done_f, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < args.seconds / 2:
        for resolver, mentions in slipped:
            for m in mentions:
                resolver.resolve(m)
        done_f += n_mentions
    slip_rate = done_f / (time.perf_counter() - t0)

    scanner = Scanner(g)
    chars, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < args.seconds / 2:
        for text in texts:
            scanner.spans(text, "510000")
            chars += len(text)
    scan_rate = chars / (time.perf_counter() - t0)

    report = {
        "load_seconds_median": round(statistics.median(loads), 3),
        "import_extractor_seconds_median": round(statistics.median(imports), 3),
        "process_with_load_seconds_median": round(statistics.median(procs), 3),
        "mentions": n_mentions,
        "mentions_per_second_one_core": round(rate),
        "ocr_slip_mentions_per_second_one_core": round(slip_rate),
        "narrative_chars_per_second_one_core": round(scan_rate),
        "targets": {"load_seconds": 1.0, "mentions_per_second": 10000},
    }
    write_report(args.out, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
