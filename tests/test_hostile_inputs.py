"""Damaged geometry and bombs as `extractor extract` meets them: one line, its own exit code,
never an internal error (exit 1) and never a traceback."""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from tests.pdfs import text_pdf


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *map(str, args)], capture_output=True, text=True, timeout=300, env=env
    )


def with_box(tmp_path: Path, box: bytes, pages: int = 2) -> Path:
    base = text_pdf(tmp_path / "base.pdf", [f"第{i + 1}页 受理{i}件" for i in range(pages)], one_per_page=True)
    data = base.read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[[^\]]*\]", data)
    assert boxes, "the sample has no page box to damage"
    path = tmp_path / "damaged.pdf"
    path.write_bytes(data.replace(boxes[0], b"/MediaBox " + box, 1))
    return path


@pytest.mark.parametrize(
    "box", [b"[0 0 1e9 1e9]", b"[0 0 1e38 842]", b"[/a /b /c /d]", b"[0 0 595]"], ids=["1e9", "1e38", "names", "three"]
)
def test_a_damaged_page_box_is_a_page_error_or_a_damaged_document(tmp_path: Path, box: bytes):
    proc = run("extract", with_box(tmp_path, box), "-o", tmp_path / "out")
    assert proc.returncode in (6, 9), proc.stderr  # damaged, or partial with the other pages
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_png_with_a_text_chunk_bomb_is_refused_in_one_line(tmp_path: Path):
    buf = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(buf, "PNG")
    png = buf.getvalue()
    data = b"Comment\x00\x00" + zlib.compress(b"a" * (64 * 1024 * 1024), 9)
    chunk = struct.pack(">I", len(data)) + b"zTXt" + data + struct.pack(">I", zlib.crc32(b"zTXt" + data))
    path = tmp_path / "bomb.png"
    path.write_bytes(png[:33] + chunk + png[33:])
    proc = run("extract", path, "-o", tmp_path / "out")
    assert proc.returncode == 4 and "unreadable image" in proc.stderr, proc.stderr


def test_a_tiff_of_too_many_frames_is_refused_before_any_is_read(tmp_path: Path):
    frames = [Image.new("L", (16, 16), 255) for _ in range(30)]
    path = tmp_path / "frames.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:])
    t0 = time.monotonic()
    proc = run("extract", path, "-o", tmp_path / "out", env=_env(EXTRACTOR_MAX_PAGES="20"))
    assert proc.returncode == 4 and "more than 20 frames" in proc.stderr, proc.stderr
    assert time.monotonic() - t0 < 30  # no OCR ran


def test_a_page_tree_longer_than_the_limit_is_refused_whatever_count_says(tmp_path: Path):
    doc = pdfium.PdfDocument.new()
    for _ in range(30):
        doc.new_page(595, 842)
    path = tmp_path / "pages.pdf"
    doc.save(path)
    doc.close()
    proc = run("extract", path, "-o", tmp_path / "out", env=_env(EXTRACTOR_MAX_PAGES="20"))
    assert proc.returncode == 4 and "more than the limit" in proc.stderr, proc.stderr


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, **extra}
