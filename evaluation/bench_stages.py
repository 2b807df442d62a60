"""`make bench` (where the time goes): seconds per pipeline stage over the digital and the
scanned samples, and the start-up (importing the package and loading the gazetteer).

Every document is extracted once to warm up, then once more with `Settings(timings=True)`
in this process (the OCR engine loaded once, as in a batch worker); the stage seconds
(`extractor/timings.py`) are summed per set and shown with their share and per page. The
start-up is the median of `--startup-runs` fresh interpreters importing `extractor` and
loading the gazetteer, timed inside them; the whole process beyond a bare interpreter's is shown
beside it, with the command's quick exit and with Python's normal one.

    .venv/bin/python evaluation/bench_stages.py [--sets digital scanned] [--startup-runs 7]

Writes evaluation/reports/stages.json and prints the tables.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
# timed inside a fresh interpreter (its own start is the bare run's); then, as the command does
# (cli.run), a quick exit: the time Python takes to free every object at a normal exit is shown apart
STARTUP = """
import time
t = time.perf_counter()
import extractor, extractor.pipeline
from extractor import gazetteer
gazetteer.load()
print(time.perf_counter() - t)
if EXIT == "quick":
    import os, sys
    sys.stdout.flush()
    os._exit(0)
"""


def startup_seconds(runs: int) -> dict[str, float]:
    """Median wall seconds of a fresh interpreter doing nothing; importing the package and loading
    the gazetteer, timed inside the process; and the whole process over the bare one, with the
    command's quick exit and with Python's normal exit (the difference: freeing the objects)."""
    bare, inside, quick, normal = [], [], [], []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - t)
        for exit_, into in (("quick", quick), ("normal", normal)):
            t = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", f"EXIT = {exit_!r}" + STARTUP], check=True, capture_output=True, text=True
            ).stdout
            into.append(time.perf_counter() - t)
            if exit_ == "quick":
                inside.append(float(out))
    python = statistics.median(bare)
    return {
        "python": round(python, 3),
        "import_and_gazetteer": round(statistics.median(inside), 3),
        "process_quick_exit": round(statistics.median(quick) - python, 3),
        "process_normal_exit": round(statistics.median(normal) - python, 3),
    }


def stage_table(files: list[Path]) -> dict[str, object]:
    from extractor import Settings  # noqa: PLC0415 - timed after the start-up measurement
    from extractor.service.run import run_one  # noqa: PLC0415

    settings = replace(Settings(), timings=True, ocr_timeout=0)  # in-process OCR: stage seconds are its own
    totals: dict[str, float] = {}
    pages = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            run_one(path, Path(tmp), "warm", settings)
        for path in files:
            outcome = run_one(path, Path(tmp), path.stem, settings)
            pages += outcome.result.source.pages
            for stage, s in (outcome.timings or {}).items():
                totals[stage] = totals.get(stage, 0.0) + s
    return {"files": len(files), "pages": pages, "seconds": {k: round(v, 3) for k, v in totals.items()}}


def render(name: str, table: dict[str, object]) -> str:
    seconds: dict[str, float] = table["seconds"]  # type: ignore[assignment]
    pages = int(table["pages"]) or 1  # type: ignore[call-overload]
    total = seconds.get("total", 0.0) or 1.0
    head = f"{'stage':<14} {'seconds':>8} {'share':>7} {'s/page':>7}"
    lines = [f"{name}: {table['files']} files, {pages} pages", head]
    for stage, s in seconds.items():
        share = "" if stage == "total" else f"{100 * s / total:6.1f}%"
        lines.append(f"{stage:<14} {s:>8.2f} {share:>7} {s / pages:>7.3f}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="*", default=["digital", "scanned"])
    parser.add_argument("--startup-runs", type=int, default=7)
    parser.add_argument("--report", type=Path, default=ROOT / "evaluation" / "reports" / "stages.json")
    args = parser.parse_args()

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "extractor")], check=True)  # see bench.py
    report: dict[str, object] = {"startup": startup_seconds(args.startup_runs)}
    for name in args.sets:
        files = sorted(p for p in (ROOT / "samples" / name).iterdir() if p.suffix.lower() in SUFFIXES)
        report[name] = stage_table(files)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    startup: dict[str, float] = report["startup"]  # type: ignore[assignment]
    seconds = startup["import_and_gazetteer"]
    print(f"start-up: importing extractor and loading the gazetteer {seconds:.3f} s (target ≤ 0.2)")
    print(
        f"  a whole process beyond Python's own start: {startup['process_quick_exit']:.3f} s with the command's"
        f" quick exit, {startup['process_normal_exit']:.3f} s with Python's normal one"
    )
    for name in args.sets:
        print()
        print(render(name, report[name]))  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
