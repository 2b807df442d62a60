"""`make bench` (repair part, issue 12): how many misread figures repair puts right, and what it costs.

1. The scanned samples are extracted with an engine that misreads one digit of about one figure in
   thirty when it reads a whole page (`evaluation/slips.py`), once with repair off and once on; both
   runs misread the same figures.
2. A misread figure that made a table cell wrong (the cell prints the misreading where the label
   has the figure) is **fixed** when, with repair on, that cell is right.
3. The scanned samples are extracted without misreadings, repair off and on, as separate
   processes timed whole (`--vs` style pairs, alternating): the cost of repair on clean scans.

    .venv/bin/python evaluation/bench_repair.py [--samples samples/scanned] [--out out/bench-repair]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.evaluate.tables import aligned_pairs, norm, normalised, score_table  # noqa: E402


def extract(samples: Path, out: Path, repair: bool, slips: Path | None) -> float:
    """Extract the samples into `out`; with `slips`, through the misreading engine, logging there."""
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "EXTRACTOR_REPAIR": "1" if repair else "0"}
    args = [sys.executable, "-m", "extractor", "extract", "-q", str(samples), "-o", str(out)]
    if slips is not None:
        env["EXTRACTOR_SLIP_LOG"] = str(slips)
        args += ["--ocr-engine", "evaluation.slips:SlipEngine"]
    start = time.perf_counter()
    subprocess.run(args, cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def cells(results: Path, labels: Path) -> dict[tuple[str, str, int, int], tuple[str, str]]:
    """(document, table, extracted body row, col) → (extracted text, labelled text), every labelled cell."""
    out = {}
    for label_path in sorted(labels.glob("*.label.json")):
        name = label_path.name[: -len(".label.json")]
        result_path = results / f"{name}.json"
        if not result_path.exists():
            continue
        label = json.loads(label_path.read_text(encoding="utf-8"))
        tables = json.loads(result_path.read_text(encoding="utf-8"))["tables"]
        for lt in label.get("tables", []):
            matched = score_table(lt, tables).matched
            cand = next((t for t in tables if t["id"] == matched), None)
            if cand is None:
                continue
            _, pairs = aligned_pairs(normalised(lt["rows"]), normalised(cand["rows"]))
            for i, j in pairs.items():
                for k, text in enumerate(lt["rows"][i]):
                    got = cand["rows"][j][k] if k < len(cand["rows"][j]) else ""
                    out[(name, cand["id"], j, k)] = (norm(got), norm(text))
    return out


def _same_log(slips: Path) -> bool:
    """Both runs misread the same figures (repair's own crops are never misread)."""

    def entries(run: str) -> list[str]:
        return sorted(line for f in (slips / run).glob("*.jsonl") for line in f.read_text().splitlines())

    return entries("off") == entries("on")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--samples", type=Path, default=ROOT / "samples" / "scanned")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "bench-repair")
    ap.add_argument("--pairs", type=int, default=2, help="timed pairs of clean runs (repair off, on)")
    args = ap.parse_args()
    slips = args.out / "slips"
    shutil.rmtree(slips, ignore_errors=True)
    slips_off = extract(args.samples, args.out / "slips-off", repair=False, slips=slips / "off")
    slips_on = extract(args.samples, args.out / "slips-on", repair=True, slips=slips / "on")
    logged = sorted((slips / "off").glob("*.jsonl"))
    misread = [json.loads(line) for f in logged for line in f.read_text().splitlines()]
    changed = {(norm(m["new"]), norm(m["old"])) for m in misread}
    off = cells(args.out / "slips-off", args.samples)
    on = cells(args.out / "slips-on", args.samples)
    injected = [key for key, (got, want) in off.items() if got != want and (got, want) in changed]
    fixed = [key for key in injected if key in on and on[key][0] == on[key][1]]
    wrong_off = sum(1 for got, want in off.values() if got != want)
    wrong_on = sum(1 for got, want in on.values() if got != want)

    times: dict[str, list[float]] = {"off": [], "on": []}
    for _ in range(args.pairs):
        for mode in ("off", "on"):
            times[mode].append(extract(args.samples, args.out / f"clean-{mode}", repair=mode == "on", slips=None))
    ratios = [b / a for a, b in zip(times["off"], times["on"], strict=True)]
    report = {
        "misreadings": len(misread),
        "misreadings_in_both_runs_equal": _same_log(slips),
        "wrong_cells_from_misreadings": len(injected),
        "fixed": len(fixed),
        "fixed_share": round(len(fixed) / len(injected), 3) if injected else None,
        "wrong_cells_off": wrong_off,
        "wrong_cells_on": wrong_on,
        "misread_seconds_off": round(slips_off, 1),  # one run each, unpaired: what repairing costs when it works
        "misread_seconds_on": round(slips_on, 1),
        "clean_seconds_off": [round(t, 1) for t in times["off"]],
        "clean_seconds_on": [round(t, 1) for t in times["on"]],
        "time_ratio_on_off_median": round(statistics.median(ratios), 3) if ratios else None,
    }
    print(json.dumps(report, indent=1))
    (ROOT / "evaluation" / "reports").mkdir(exist_ok=True)
    (ROOT / "evaluation" / "reports" / "bench-repair.json").write_text(json.dumps(report, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
