"""What the benchmark scripts share: one core, and the report written to evaluation/reports and printed."""

from __future__ import annotations

import json
import os
from pathlib import Path


def one_core() -> None:
    """Pin this process to one core, for figures stated per core."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def write_report(path: Path, report: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1, ensure_ascii=False))
