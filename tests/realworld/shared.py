"""Real third-party documents from ../shared/realworld2 (labelled, not in the repository: their
licences do not allow it). Tests on them skip with a message when the folder is absent."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pikepdf
import pytest

ROOT = Path(__file__).resolve().parents[2]
REALWORLD2 = ROOT.parent / "shared" / "realworld2"
SAMPLE = ROOT / "samples" / "digital" / "synth-ganzi-2019-12.pdf"  # a committed digital sample the traps go into


def load_traps() -> ModuleType:
    """evaluation/traps.py, the trap generator (a script, not a package module)."""
    spec = importlib.util.spec_from_file_location("traps", ROOT / "evaluation" / "traps.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def real_file(name: str) -> Path:
    path = REALWORLD2 / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the real documents of ../shared/realworld2 are not in the repository")
    return path


def label(name: str) -> dict:
    return json.loads(real_file(name).with_suffix("").with_suffix(".label.json").read_text(encoding="utf-8"))


def pages_of(src: Path, numbers: list[int], out: Path) -> Path:
    """A copy of some pages of a PDF (1-based), made with pikepdf."""
    with pikepdf.open(src) as pdf, pikepdf.new() as part:
        for n in numbers:
            part.pages.append(pdf.pages[n - 1])
        part.save(out)
    return out
