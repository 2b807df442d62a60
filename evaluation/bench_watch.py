"""Watcher robustness benchmark: kill -9 at random moments during drops, then restart.

    .venv/bin/python evaluation/bench_watch.py [--cycles 10] [--files 30] [--out evaluation/reports/bench-watch.json]

Each cycle starts `extractor watch` (2 workers) as a real process, drops `--files` new
bulletins into its folder one by one (written elsewhere and renamed in, as a copy tool
does) and kills the watcher with SIGKILL at a random moment. After the last cycle a final
watcher runs until every file is filed, and is stopped with SIGTERM. Then it counts:
- lost: a dropped file in neither IN/done nor IN/failed;
- filed twice: a file in both, or twice in one;
- truncated: a result in OUT that does not parse as JSON;
- duplicate rows: documents rows beyond one per distinct content;
- re-extracted: jobs extracted more than once (a kill during their run): their result is
  rewritten in place and their rows replaced, so this is not "processed twice".
Target (issue 6): 0 lost, 0 twice, 0 truncated over 10 cycles.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluation.common import write_report  # noqa: E402
from tests.pdfs import text_pdf  # noqa: E402


def start(inbox: Path, out: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "extractor", "watch", str(inbox), "-o", str(out), "-j", "2", "--settle", "0.3"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # "watch: watching …": signal handlers are in place
    return proc


def filed(inbox: Path) -> list[str]:
    return [p.name for d in ("done", "failed") for p in (inbox / d).glob("*.pdf")]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cycles", type=int, default=10)
    ap.add_argument("--files", type=int, default=30)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--out", type=Path, default=ROOT / "evaluation" / "reports" / "bench-watch.json")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="bench-watch-") as tmp:
        base = Path(tmp)
        inbox, out, staging = base / "in", base / "out", base / "staging"
        inbox.mkdir()
        staging.mkdir()
        names: list[str] = []
        kills_during_work = 0
        t0 = time.perf_counter()
        for cycle in range(args.cycles):
            proc = start(inbox, out)
            kill_at = time.monotonic() + rng.uniform(0.3, 4.0)
            for n in range(args.files):
                name = f"c{cycle:02d}-{n:02d} 政务服务通报.pdf"
                text_pdf(staging / name, [f"{2018 + cycle}年{n % 12 + 1}月", f"受理{cycle * 1000 + n}件，办结{n}件。"])
                os.replace(staging / name, inbox / name)
                names.append(name)
                time.sleep(rng.uniform(0.0, 0.1))
                if time.monotonic() > kill_at:
                    break
            while time.monotonic() < kill_at:
                time.sleep(0.05)
            kills_during_work += len(filed(inbox)) < len(names)
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
        proc = start(inbox, out)
        deadline = time.monotonic() + 600
        while len(filed(inbox)) < len(names) and time.monotonic() < deadline:
            time.sleep(0.3)
        proc.send_signal(signal.SIGTERM)
        proc.wait(120)
        seconds = time.perf_counter() - t0

        done = [p.name for p in (inbox / "done").glob("*.pdf")]
        failed = [p.name for p in (inbox / "failed").glob("*.pdf")]
        lost = sorted(set(names) - set(done) - set(failed))
        twice = len(done) + len(failed) - len(set(done) | set(failed)) + len(set(done) & set(failed))
        truncated = 0
        for p in out.glob("*.json"):
            try:
                json.loads(p.read_text(encoding="utf-8"))
            except ValueError:
                truncated += 1
        db = sqlite3.connect(out / "results.sqlite")
        rows, distinct = db.execute("SELECT count(*), count(DISTINCT sha256) FROM documents").fetchone()
        reextracted = db.execute("SELECT count(*) FROM jobs WHERE attempts > 1").fetchone()[0]
        report = {
            "cycles": args.cycles,
            "files_dropped": len(names),
            "kills_with_work_pending": kills_during_work,
            "done": len(done),
            "failed": len(failed),
            "lost": len(lost),
            "filed_twice": twice,
            "truncated_results": truncated,
            "duplicate_document_rows": rows - distinct,
            "re_extracted_after_a_kill": reextracted,
            "final_exit_code": proc.returncode,
            "seconds": round(seconds, 1),
        }
    write_report(args.out, report)
    return 0 if not (report["lost"] or twice or truncated or rows - distinct) else 1


if __name__ == "__main__":
    raise SystemExit(main())
