"""`make bench`: whole-process speed of `extractor extract` against pdfplumber's plain
`page.extract_tables()` over the same digital samples, in the same run.

Each command runs as its own process (imports included, as a user pays them),
`--repeat` times; the median wall time is reported with pages/s and the
process's peak RSS and CPU time (from wait4). The ratio is ours / pdfplumber's,
taken within each interleaved pair of runs and then the median (this VM's speed
drifts by ±15 % between runs): issue 13's target is ≤ 0.5 (goal 0.25) with every
stage that exists running.

Writes evaluation/reports/bench.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDFPLUMBER_BASELINE = """
import sys, pdfplumber
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
"""


def timed(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MiB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0,):
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"bench: {' '.join(cmd[:3])}… failed: {err.strip()}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def compile_package() -> None:
    """Bytecode for the checkout, as an installed package has it: pip compiles what it installs,
    an editable checkout is compiled on import, and with PYTHONDONTWRITEBYTECODE (set on this
    machine) never kept, so every run would compile all of `extractor` again (about 0.08 s)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "extractor")], check=True)


def count_pages(files: list[Path]) -> int:
    import pypdfium2 as pdfium  # noqa: PLC0415 - only the bench needs it here

    total = 0
    for f in files:
        doc = pdfium.PdfDocument(str(f))
        total += len(doc)
        doc.close()
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=ROOT / "samples" / "digital")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--report", type=Path, default=ROOT / "evaluation" / "reports" / "bench.json")
    args = parser.parse_args()

    files = sorted(args.samples.glob("*.pdf"))
    pages = count_pages(files)
    compile_package()
    extractor = str(Path(sys.executable).with_name("extractor"))
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        commands = {
            "pdfplumber extract_tables": [sys.executable, "-c", PDFPLUMBER_BASELINE, *map(str, files)],
            "extractor extract": [extractor, "extract", "-q", *map(str, files), "-o", tmp],
        }
        runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
        timed(commands["extractor extract"])  # warm the OS file cache once
        for _ in range(args.repeat):
            for name, cmd in commands.items():  # interleaved, so both see the same machine load
                runs[name].append(timed(cmd))
        for name, samples in runs.items():
            wall = statistics.median(s[0] for s in samples)
            rows[name] = {
                "seconds": round(wall, 3),
                "cpu_seconds": round(statistics.median(s[1] for s in samples), 3),
                "pages_per_s": round(pages / wall, 1),
                "peak_rss_mib": round(max(s[2] for s in samples), 1),
            }
    # the machine's speed drifts between runs: take the ratio within each interleaved pair, then the median
    ours, theirs = runs["extractor extract"], runs["pdfplumber extract_tables"]
    ratio = statistics.median(a[0] / b[0] for a, b in zip(ours, theirs, strict=True))
    cpu_ratio = statistics.median(a[1] / b[1] for a, b in zip(ours, theirs, strict=True))
    report = {
        "files": len(files),
        "pages": pages,
        "repeat": args.repeat,
        "cores": os.cpu_count(),
        "runs": rows,
        "ratio": round(ratio, 3),
        "cpu_ratio": round(cpu_ratio, 3),
    }
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")

    print(f"digital samples: {len(files)} files, {pages} pages, median of {args.repeat} runs (whole process)")
    print(f"{'command':<28} {'seconds':>8} {'CPU s':>7} {'pages/s':>8} {'peak MiB':>9}")
    for name, r in rows.items():
        cells = f"{r['seconds']:>8.2f} {r['cpu_seconds']:>7.2f} {r['pages_per_s']:>8.1f} {r['peak_rss_mib']:>9.1f}"
        print(f"{name:<28} {cells}")
    print(f"ratio extractor / pdfplumber: {ratio:.2f} wall, {cpu_ratio:.2f} CPU (issue 13: target ≤ 0.5, goal 0.25)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
