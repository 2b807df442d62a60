"""Soak: `kill -9` of the watcher, again and again, with digital files, scans and bad files dropped.

    .venv/bin/python evaluation/soak.py [--cycles 50] [--files 30] [--scans 3] [--bad 1] [--seed 11]

Each cycle starts `extractor watch -j 2` as a real process, drops `--files` files into its
folder one by one (written elsewhere and renamed in, as a copy tool does): digital bulletins,
`--scans` one-page scans cut from the scanned samples (OCR, seconds each, so kills land
mid-OCR), and `--bad` broken files (truncated, empty). At a random moment it kills the
watcher with SIGKILL, and checks that no worker or OCR child of it is left alive (an orphan).
After the last cycle a watcher runs until every file is filed and is stopped with SIGTERM.
Then it counts:
- lost: a dropped file in neither IN/done nor IN/failed;
- doubled: a file filed twice (in both, or twice in one);
- truncated: a result in OUT that does not parse, or whose sha256 is not its file's;
- duplicate rows: `documents` rows beyond one per distinct content;
- orphans: processes of a killed watcher still alive 10 s after the kill;
- wrong folder: a good file in failed/ or a bad one in done/.
Target (issue 11): 0 lost, 0 doubled, 0 truncated, 0 orphans over 50 cycles.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluation.bench_watch import filed, start  # noqa: E402
from evaluation.common import write_report  # noqa: E402
from tests.pdfs import text_pdf  # noqa: E402
from tests.procs import alive, descendants  # noqa: E402

SCANS = sorted((ROOT / "samples" / "scanned").glob("bulletin-*-scan.pdf"))


def one_page_scan(dest: Path, n: int) -> None:
    """Page 1 of a scanned sample as a PDF of its own, made unique by a trailing comment."""
    src = pdfium.PdfDocument(SCANS[n % len(SCANS)])
    doc = pdfium.PdfDocument.new()
    doc.import_pages(src, [n % len(src)])
    doc.save(dest)
    doc.close()
    src.close()
    with dest.open("ab") as f:
        f.write(b"\n%% soak %d\n" % n)


def bad_file(dest: Path, rng: random.Random, n: int) -> None:
    if rng.random() < 0.5:
        dest.write_bytes(b"")
    else:
        text_pdf(dest, [f"损坏{n}"])
        data = dest.read_bytes()
        dest.write_bytes(data[: len(data) // 3])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cycles", type=int, default=50)
    ap.add_argument("--files", type=int, default=30)
    ap.add_argument("--scans", type=int, default=3, help="of the files each cycle, one-page scans")
    ap.add_argument("--bad", type=int, default=1, help="of the files each cycle, broken ones")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", type=Path, default=ROOT / "evaluation" / "reports" / "issue11" / "soak.json")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        base = Path(tmp)
        inbox, out, staging = base / "in", base / "out", base / "staging"
        inbox.mkdir()
        staging.mkdir()
        good: dict[str, str] = {}  # name -> sha256
        bad: set[str] = set()
        orphans, kills_with_work, t0 = 0, 0, time.perf_counter()
        for cycle in range(args.cycles):
            proc = start(inbox, out)
            kinds = ["scan"] * args.scans + ["bad"] * args.bad
            kinds += ["digital"] * (args.files - len(kinds))
            rng.shuffle(kinds)
            kill_at = time.monotonic() + rng.uniform(0.5, 6.0)
            for n, kind in enumerate(kinds):
                name = f"c{cycle:02d}-{n:02d} {kind}.pdf"
                path = staging / name
                if kind == "scan":
                    one_page_scan(path, cycle * args.files + n)
                elif kind == "bad":
                    bad_file(path, rng, cycle * args.files + n)
                else:
                    text_pdf(path, [f"{2018 + cycle % 8}年{n % 12 + 1}月", f"受理{cycle * 1000 + n}件，办结{n}件。"])
                if kind == "bad":
                    bad.add(name)
                else:
                    good[name] = hashlib.sha256(path.read_bytes()).hexdigest()
                os.replace(path, inbox / name)
                time.sleep(rng.uniform(0.0, 0.1))
            while time.monotonic() < kill_at:
                time.sleep(0.05)
            family = descendants(proc.pid)
            kills_with_work += len(filed(inbox)) < len(good) + len(bad)
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
            deadline = time.monotonic() + 10
            while [p for p in family if alive(p)] and time.monotonic() < deadline:
                time.sleep(0.1)
            left = [p for p in family if alive(p)]
            orphans += len(left)
            for p in left:  # counted; cleared so that the next cycle starts clean
                os.kill(p, signal.SIGKILL)
            print(f"cycle {cycle + 1}/{args.cycles}: {len(filed(inbox))} of {len(good) + len(bad)} filed, "
                  f"{len(family)} processes killed with it, {len(left)} left alive", flush=True)  # fmt: skip
        proc = start(inbox, out)
        deadline = time.monotonic() + 3600
        while len(filed(inbox)) < len(good) + len(bad) and time.monotonic() < deadline:
            time.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        proc.wait(300)
        seconds = time.perf_counter() - t0
        report = count(inbox, out, good, bad)
        report.update(
            cycles=args.cycles,
            files_dropped=len(good) + len(bad),
            scans=args.scans * args.cycles,
            bad_files=len(bad),
            kills_with_work_pending=kills_with_work,
            orphans=orphans,
            final_exit_code=proc.returncode,
            seconds=round(seconds, 1),
        )
    write_report(args.out, report)
    print(json.dumps(report, indent=1))
    defects = ("lost", "doubled", "truncated", "duplicate_document_rows", "orphans", "wrong_folder")
    return 0 if not any(report[k] for k in defects) else 1


def count(inbox: Path, out: Path, good: dict[str, str], bad: set[str]) -> dict[str, int]:
    done = [p.name for p in (inbox / "done").glob("*.pdf")]
    failed = [p.name for p in (inbox / "failed").glob("*.pdf")]
    names = set(good) | bad
    lost = names - set(done) - set(failed)
    doubled = len(done) + len(failed) - len(set(done) | set(failed)) + len(set(done) & set(failed))
    wrong = len(set(done) & bad) + len(set(failed) & set(good))
    truncated = 0
    for name in set(done) & set(good):
        try:
            result = json.loads((out / f"{Path(name).stem}.json").read_text(encoding="utf-8"))
            truncated += result["source"]["sha256"] != good[name]
        except (OSError, ValueError, KeyError):
            truncated += 1
    db = sqlite3.connect(out / "results.sqlite")
    rows, distinct = db.execute("SELECT count(*), count(DISTINCT sha256) FROM documents").fetchone()
    reextracted = db.execute("SELECT count(*) FROM jobs WHERE attempts > 1").fetchone()[0]
    db.close()
    return {
        "done": len(done),
        "failed": len(failed),
        "lost": len(lost),
        "doubled": doubled,
        "truncated": truncated,
        "duplicate_document_rows": rows - distinct,
        "wrong_folder": wrong,
        "re_extracted_after_a_kill": reextracted,
    }


if __name__ == "__main__":
    raise SystemExit(main())
