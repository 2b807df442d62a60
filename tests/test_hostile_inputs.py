"""Damaged geometry and bombs as `extractor extract` meets them: one line, its own exit code,
never an internal error (exit 1) and never a traceback."""

from __future__ import annotations

import io
import json
import multiprocessing as mp
import os
import random
import re
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from extractor.ingest.digital import open_pdf, read_page
from extractor.ingest.pdfium_reader import PdfiumPage
from tests.pdfs import lzw_zeros, one_page_pdf, text_pdf
from tests.procs import descendants, rss_kb


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
def test_a_damaged_page_box_is_read_as_pdfium_repairs_it(tmp_path: Path, box: bytes):
    out, path = tmp_path / "out", with_box(tmp_path, box)
    proc = run("extract", path, "-o", out)
    assert proc.returncode == 0, proc.stderr  # PDFium takes a page box it cannot use as US Letter
    assert json.loads((out / "damaged.json").read_text(encoding="utf-8"))["errors"] == []
    with open_pdf(path) as doc:
        first = read_page(PdfiumPage(doc[0], 1))
    assert (first.width, first.height) == (612, 792) and [w.text for w in first.words] == ["第1页", "受理0件"]


@pytest.mark.parametrize(
    "box", [b"[0 0 1e9 1e9]", b"[0 0 1e38 842]", b"[/a /b /c /d]", b"[0 0 595]"], ids=["1e9", "1e38", "names", "three"]
)
def test_pdfplumber_makes_a_damaged_page_box_a_page_error_or_a_damaged_document(tmp_path: Path, box: bytes):
    proc = run("extract", with_box(tmp_path, box), "-o", tmp_path / "out", "--reader", "pdfplumber")
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
    assert proc.returncode == 14 and "more than 20 frames" in proc.stderr, proc.stderr
    assert time.monotonic() - t0 < 30  # no OCR ran


def test_a_page_tree_longer_than_the_limit_is_refused_whatever_count_says(tmp_path: Path):
    doc = pdfium.PdfDocument.new()
    for _ in range(30):
        doc.new_page(595, 842)
    path = tmp_path / "pages.pdf"
    doc.save(path)
    doc.close()
    proc = run("extract", path, "-o", tmp_path / "out", env=_env(EXTRACTOR_MAX_PAGES="20"))
    assert proc.returncode == 14 and "more than the limit" in proc.stderr, proc.stderr


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, **extra}


def run_measured(
    *args: str | Path, env: dict[str, str] | None = None, tree: bool = True
) -> tuple[int, str, float, float]:
    """Exit code, stderr, seconds and peak RSS in MB: the largest of the process and its children
    (wait4), or, with `tree`, of their sum sampled every 50 ms (the OCR child and its parent together).

    Started from a fresh, small process: Linux counts in a child's peak RSS the resident memory of
    the process it was forked from, and this test process grows as OCR engines are loaded by the
    tests before it (an empty extract showed pytest's 1 GB)."""
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as launcher:
        return launcher.submit(_measured, [str(a) for a in args], env, tree).result()


def _measured(args: list[str], env: dict[str, str] | None, tree: bool) -> tuple[int, str, float, float]:
    t0 = time.monotonic()
    err_path = Path(tempfile.mkstemp(suffix=".err")[1])
    with err_path.open("w") as err_file:
        proc = subprocess.Popen([sys.executable, "-m", "extractor", *map(str, args)], stderr=err_file, env=env)
    tree_kb = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        tree_kb = max(tree_kb, sum(rss_kb(p) for p in {proc.pid} | descendants(proc.pid)))
        time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = err_path.read_text(encoding="utf-8", errors="replace")
    err_path.unlink()
    return proc.returncode, err, time.monotonic() - t0, max(usage.ru_maxrss, tree_kb if tree else 0) / 1024


def test_a_flate_bomb_is_refused_by_the_bytes_it_inflates_to(tmp_path: Path):
    squeeze = zlib.compressobj(9)
    bomb = b"".join(squeeze.compress(b"\0" * (1 << 24)) for _ in range(64)) + squeeze.flush()  # 1 GiB of zeros
    path = tmp_path / "bomb.pdf"
    path.write_bytes(one_page_pdf(bomb, b"/Filter /FlateDecode"))
    code, err, seconds, peak_mb = run_measured("extract", path, "-o", tmp_path / "out")
    assert code == 14 and "inflate to more than the limit of 256 MB" in err, err
    assert seconds < 60 and peak_mb < 1024, (seconds, peak_mb)  # before: minutes and 2.1 GB


def test_an_lzw_bomb_is_refused_too(tmp_path: Path):
    from pdfminer.lzw import lzwdecode  # noqa: PLC0415 - the decoder the bomb is aimed at

    data = lzw_zeros(4)
    assert len(lzwdecode(lzw_zeros(1))) > 7_000_000  # the generator makes what it says
    path = tmp_path / "lzw.pdf"
    path.write_bytes(one_page_pdf(data, b"/Filter /LZWDecode"))
    code, err, _, peak_mb = run_measured(
        "extract", path, "-o", tmp_path / "out", env=_env(EXTRACTOR_MAX_INFLATED_MB="16")
    )
    assert code == 14 and "inflate to more than the limit of 16 MB" in err, err
    assert peak_mb < 1024


def test_a_document_past_its_time_is_ended_with_its_own_exit_code(tmp_path: Path):
    scan = Path(__file__).parent.parent / "samples" / "scanned" / "bulletin-004-scan.pdf"  # seconds a page
    code, err, seconds, _ = run_measured("extract", scan, "-o", tmp_path / "out", "--timeout", "2")
    assert code == 15 and "timed out" in err and "EXTRACTOR_TIMEOUT" in err, err
    assert seconds < 20
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_an_80_megapixel_page_is_read_at_a_working_size_within_1_gb(tmp_path: Path):
    path = tmp_path / "big.png"
    Image.new("RGB", (10000, 7900), "white").save(path)
    # each process within 1 GB (the limits bound each process). The process tree together (the
    # extractor and its OCR child) measured 0.86-1.07 GB: issue 11's 1 GB target for the tree is
    # not met on pages that go to OCR (README, Known limits); `make fuzz` reports it.
    code, err, _, peak_mb = run_measured("extract", path, "-o", tmp_path / "out", tree=False)
    assert code == 8, err  # a white page: no text, but read (before: 1.4 GB in one process)
    assert peak_mb < 1024, peak_mb


def test_a_document_past_the_memory_limit_fails_with_one_line(tmp_path: Path):
    path = tmp_path / "big.png"
    Image.new("RGB", (8000, 8000), "white").save(path)
    code, err, _, _ = run_measured("extract", path, "-o", tmp_path / "out", env=_env(EXTRACTOR_MAX_MEMORY_MB="200"))
    assert code == 14 and "needs more memory than the limit of 200 MB" in err, err
    assert "Traceback" not in err


def test_junk_after_a_pdf_does_not_hang(tmp_path: Path):
    base = text_pdf(tmp_path / "base.pdf", ["2021年4月", "市政务服务中心受理32307件"])
    path = tmp_path / "junk.pdf"
    path.write_bytes(base.read_bytes() + os.urandom(64 * 1024 * 1024))
    code, err, seconds, peak_mb = run_measured("extract", path, "-o", tmp_path / "out")
    assert code == 0, err
    assert seconds < 60 and peak_mb < 1024, (seconds, peak_mb)


def test_an_image_too_small_to_hold_text_is_refused_in_one_line(tmp_path: Path):
    path = tmp_path / "dot.jpg"
    Image.new("RGB", (1, 1), "white").save(path)  # found by evaluation/fuzz.py: an OpenCV assertion, exit 1
    proc = run("extract", path, "-o", tmp_path / "out")
    assert proc.returncode == 4 and "too small" in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_an_out_that_is_a_file_is_a_usage_error_and_a_full_out_is_temporary_trouble(tmp_path: Path):
    from tests.service.test_watch_trouble import _namespaces_work  # noqa: PLC0415 - the same probe

    pdf = text_pdf(tmp_path / "a.pdf", ["2021年4月", "市政务服务中心受理32307件"])
    (tmp_path / "file").write_text("x", encoding="utf-8")
    proc = run("extract", pdf, "-o", tmp_path / "file")
    assert proc.returncode == 2 and "OUT is not a folder" in proc.stderr, proc.stderr
    if (why := _namespaces_work()) is not None:
        pytest.skip(why)
    out = tmp_path / "out"
    out.mkdir()
    cmd = f"'{sys.executable}' -m extractor extract '{pdf}' -o '{out}'"
    script = f"mount -t tmpfs -o size=1m tmpfs '{out}' && head -c 2M /dev/zero >'{out}/filler' 2>/dev/null; {cmd}"
    full = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=120)
    assert full.returncode == 16 and "cannot write the result: No space left on device" in full.stderr, full.stderr
    assert len(full.stderr.strip().splitlines()) == 1


def test_fuzz_counts_an_exception_in_the_projects_own_stages_as_internal(tmp_path: Path):
    """A partial result whose tables stage failed (`IndexError` on a curled photo's grid) is a defect,
    however calmly it was reported; a damaged page of a mutated PDF is an answer."""
    from evaluation.fuzz import OWN_STAGES, SOUND_FILE_STAGES, _own_errors  # noqa: PLC0415

    out = tmp_path / "out"
    out.mkdir()
    errors = [{"stage": "read", "page": 2, "message": "damaged page"}]
    (out / "a.json").write_text(json.dumps({"errors": errors}), encoding="utf-8")
    assert _own_errors(out, OWN_STAGES) == []
    assert _own_errors(out, SOUND_FILE_STAGES) == ["read: page 2: damaged page"]
    errors.append({"stage": "tables", "page": 1, "message": "IndexError: list index out of range"})
    (out / "a.json").write_text(json.dumps({"errors": errors}), encoding="utf-8")
    assert _own_errors(out, OWN_STAGES) == ["tables: page 1: IndexError: list index out of range"]


def test_a_real_curled_photo_is_read_without_an_internal_error():
    """rapidundistort's 临时医嘱单 (a phone photo of curled paper) ended as `partial: IndexError`."""
    from extractor.pipeline import extract  # noqa: PLC0415
    from extractor.settings import Settings  # noqa: PLC0415
    from tests.realworld.shared import real_file  # noqa: PLC0415

    result = extract(real_file("rapidundistort-demo1.png"), Settings())
    assert result.errors == []
    assert result.tables


def test_a_library_warning_on_a_damaged_tiff_is_not_a_second_line(tmp_path: Path):
    from evaluation.fuzz import SEEDS, tiff_frames  # noqa: PLC0415 - the mutant that found it (seed 11, #59,
    # numbered before the capture class joined the cycle)

    rng = random.Random("11-59")
    seed = rng.choice([p.read_bytes() for p in SEEDS])
    path = tmp_path / "damaged.tif"
    path.write_bytes(tiff_frames(rng, seed))
    proc = run("extract", path, "-o", tmp_path / "out")
    assert proc.returncode == 4 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr  # before: Pillow's warning
