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


def unique_stems(paths: Iterable[Path]) -> list[str]:
    """Output names: the file stem, with -2, -3 … when two inputs share one."""
    seen: dict[str, int] = {}
    stems = []
    for p in paths:
        stem = p.stem
        n = seen.get(stem, 0) + 1
        seen[stem] = n
        stems.append(stem if n == 1 else f"{stem}-{n}")
    return stems
