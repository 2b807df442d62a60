"""Command-line paths → the input files to extract (folders are searched recursively)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from extractor.errors import InputNotFound

SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def collect_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly are always taken (their content decides later); folders give their PDFs and images."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.exists():
            found.append(path)
        else:
            raise InputNotFound("no such file or directory", path=str(path))
    return found
