"""`make bench` (scanned part): seconds per scanned page and peak memory, per OCR engine.

One child process per engine (so its peak RSS is its own) loads the engine
once, then extracts every scanned sample with the full pipeline and times
each page's OCR stage (render → orientation → deskew → OCR → rulings) and
each whole document. Reported: engine load time, median and 90th-percentile
seconds per page, whole-document seconds per page, peak RSS.

    .venv/bin/python evaluation/bench_scanned.py [--engines rapidocr tesseract] [--samples DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child(engine: str, files: list[Path]) -> dict:
    """Runs inside the per-engine process."""
    from dataclasses import replace  # noqa: PLC0415 - the child's own imports

    import pypdfium2 as pdfium  # noqa: PLC0415

    from extractor import Settings, extract  # noqa: PLC0415
    from extractor.ingest import scanned  # noqa: PLC0415
    from extractor.ingest.raster import render_page  # noqa: PLC0415
    from extractor.ocr.base import OcrOptions  # noqa: PLC0415
    from extractor.ocr.registry import get_engine  # noqa: PLC0415

    start = time.perf_counter()
    ocr = get_engine(engine, OcrOptions(), 0.0)  # the same instance the pipeline gets below
    load = time.perf_counter() - start
    per_page: list[float] = []
    for f in files:
        doc = pdfium.PdfDocument(str(f))
        for i in range(len(doc)):
            t = time.perf_counter()
            scanned.read_scanned_page(render_page(doc[i]), i + 1, ocr)
            per_page.append(time.perf_counter() - t)
        doc.close()
    settings = replace(Settings(), ocr_engine=engine, ocr_timeout=0)  # in-process: the engine is already loaded
    whole: list[float] = []
    for f in files:
        t = time.perf_counter()
        result = extract(f, settings)
        whole.append((time.perf_counter() - t) / max(1, result.source.pages))
    return {"load_s": round(load, 2), "pages": len(per_page), "per_page": per_page, "whole_doc_per_page": whole}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", nargs="+", default=["rapidocr", "tesseract"])
    parser.add_argument("--samples", type=Path, default=ROOT / "samples" / "scanned")
    parser.add_argument(
        "--tesseract-samples",
        type=Path,
        nargs="*",
        default=None,
        help="files for tesseract (slow): default the 3 reference scans",
    )
    parser.add_argument("--report", type=Path, default=ROOT / "evaluation" / "reports" / "bench-scanned.json")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        engine, *files = args.child
        print(json.dumps(child(engine, [Path(f) for f in files])))
        return 0

    all_files = sorted(args.samples.glob("*.pdf"))
    report = {}
    for engine in args.engines:
        files = all_files
        if engine == "tesseract":
            files = args.tesseract_samples or [f for f in all_files if f.name.startswith("bulletin-")]
        cmd = [sys.executable, __file__, "--child", engine, *map(str, files)]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        out = proc.stdout.read() if proc.stdout else ""
        if os.waitstatus_to_exitcode(status) != 0:
            err = proc.stderr.read() if proc.stderr else ""
            print(f"{engine}: failed ({err.strip().splitlines()[-1] if err.strip() else 'no output'})")
            continue
        data = json.loads(out.strip().splitlines()[-1])
        pages = sorted(data["per_page"])
        report[engine] = {
            "files": len(files),
            "pages": data["pages"],
            "load_s": data["load_s"],
            "median_s_per_page": round(statistics.median(pages), 2),
            "p90_s_per_page": round(pages[int(0.9 * (len(pages) - 1))], 2),
            "whole_doc_median_s_per_page": round(statistics.median(data["whole_doc_per_page"]), 2),
            "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
        }
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    head = ("engine", "pages", "load s", "median s/page", "p90", "whole-doc s/page", "peak MiB")
    row = "{:<12} {:>5} {:>7} {:>14} {:>6} {:>17} {:>9}"
    print(row.format(*head))
    keys = ("pages", "load_s", "median_s_per_page", "p90_s_per_page", "whole_doc_median_s_per_page", "peak_rss_mib")
    for engine, r in report.items():
        print(row.format(engine, *(r[k] for k in keys)))
    print("target (issue 3): median ≤ 2.0 s per scanned page with the default engine (goal 1.0)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
