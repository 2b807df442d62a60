"""File names a user's share can hold, through `extract`, `batch` and `watch` as real processes:
a GBK name that is not UTF-8, bytes that are neither, a name of 83 Chinese characters (249 bytes),
`...pdf`, the same name in two folders, and names differing only in case."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from extractor.ingest.names import (
    MAX_STEM_BYTES,
    fitted,
    output_stem,
    readable,
    stored_path,
    stored_to_path,
    unique_stems,
)
from tests.pdfs import text_pdf
from tests.service.test_watch import filed, start, stop, wait_until

GBK = os.fsdecode("政务".encode("gbk") + b".pdf")  # as Linux shows a name written on Chinese Windows
NEITHER = os.fsdecode(b"a\xff\xfeb.pdf")
LONG = "政" * 83 + ".pdf"  # 253 bytes: the longest such name a Linux file system takes


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *map(str, args)], capture_output=True, text=True, timeout=300
    )


def hostile_inputs(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    names = [GBK, NEITHER, LONG, "...pdf", "-rf.pdf", "a/x.pdf", "b/x.pdf", "C/X.pdf"]
    paths = []
    for n, name in enumerate(names):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text_pdf(path, [f"2021年{n + 1}月政务服务工作通报", f"市政务服务中心受理{1000 + n}件，办结{900 + n}件。"])
        paths.append(path)
    return paths


def test_names_become_readable_text_and_bounded_stems():
    assert readable(GBK) == "政务.pdf" and readable(NEITHER) == "a\\xff\\xfeb.pdf"
    assert output_stem(GBK) == "政务" and output_stem(NEITHER) == "a_xff_xfeb"
    assert output_stem("...pdf") == "pdf" and output_stem("..") == "document" and output_stem("-rf.pdf") == "rf"
    assert output_stem("a/../../etc.pdf") == "etc" and output_stem("x\ny:z.pdf") == "x_y_z"
    assert len(output_stem(LONG).encode()) <= MAX_STEM_BYTES and output_stem(LONG).startswith("政政")
    assert unique_stems([Path("a/x.pdf"), Path("b/x.pdf"), Path("C/X.pdf")]) == ["x", "x-2", "X-3"]
    assert unique_stems([Path("x.pdf")], taken=["X"]) == ["x-2"]
    assert stored_to_path(stored_path(NEITHER)) == Path(NEITHER) and stored_path("政务.pdf") == "政务.pdf"
    long_name = "政" * 83 + ".pdf"
    assert len(fitted(long_name, "1a2b3c4d").encode()) <= 255 and fitted(long_name, "1a2b3c4d").endswith(
        "-1a2b3c4d.pdf"
    )
    assert len(fitted(long_name, after=".error.json").encode()) <= 255


def test_extract_takes_every_hostile_name_and_writes_inside_out(tmp_path: Path):
    inputs, out = hostile_inputs(tmp_path / "in"), tmp_path / "nest" / "out"
    proc = run("extract", *inputs, "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    results = sorted(out.glob("*.json"))
    assert len(results) == len(inputs)  # none overwrote another
    assert sorted(p.name for p in (tmp_path / "nest").iterdir()) == ["out"]  # nothing beside OUT
    sources = {json.loads(p.read_text(encoding="utf-8"))["source"]["path"] for p in results}
    assert any(s.endswith("政务.pdf") for s in sources) and any(s.endswith("a\\xff\\xfeb.pdf") for s in sources)
    mode = stat.S_IMODE(results[0].stat().st_mode)
    assert mode == 0o666 & ~_umask(), oct(mode)  # not mkstemp's 0600


def test_batch_takes_every_hostile_name_and_reruns_clean(tmp_path: Path):
    hostile_inputs(tmp_path / "in")
    out = tmp_path / "out"
    first = run("batch", tmp_path / "in", "-o", out, "-j", "2")
    assert first.returncode == 0, first.stderr
    assert "8 done, 0 failed" in first.stdout
    again = run("batch", tmp_path / "in", "-o", out, "-j", "2")
    assert again.returncode == 0 and "0 done" in again.stdout
    with sqlite3.connect(out / "results.sqlite") as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 8


def test_watch_keeps_running_through_hostile_names(tmp_path: Path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    proc = start(inbox, out, "-j", "2")
    made = hostile_inputs(tmp_path / "src")
    for path in made[:3]:
        os.replace(path, inbox / path.name)
    (inbox / ("坏" * 83 + ".pdf")).write_bytes(b"not a pdf at all")  # fails: its note needs a bounded name
    wait_until(lambda: len(filed(inbox)) == 4)
    stop(proc)
    done = {readable(n) for n in os.listdir(inbox / "done")}
    assert done == {"政务.pdf", "a\\xff\\xfeb.pdf", LONG}
    notes = list((inbox / "failed").glob("*.error.json"))
    assert len(notes) == 1 and json.loads(notes[0].read_text(encoding="utf-8"))["file"] == "坏" * 83 + ".pdf"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_batch_gives_names_differing_only_in_case_their_own_results(tmp_path: Path):
    (tmp_path / "in").mkdir()
    for n, name in enumerate(["报告.pdf", "Report.pdf", "report.pdf"]):
        text_pdf(tmp_path / "in" / name, [f"2021年{n + 1}月政务服务工作通报", f"受理{100 + n}件"])
    proc = run("batch", tmp_path / "in", "-o", tmp_path / "out", "-j", "1")
    assert proc.returncode == 0, proc.stderr
    stems = sorted(p.stem.casefold() for p in (tmp_path / "out").glob("*.json"))
    assert len(stems) == 3 and len(set(stems)) == 3  # none would overwrite another on a case-blind disk
