"""Tests of evaluation/captures.py on one committed sample, rendered at a low dpi to stay fast."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("augraphy")

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "evaluation" / "captures.py"
SRC = ROOT / "samples" / "digital" / "bulletin-000.pdf"
LABEL = SRC.with_suffix(".label.json")
DPI, SEED = 50, 7

_spec = importlib.util.spec_from_file_location("captures", SCRIPT)
captures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(captures)
NAMES = [*captures.EFFECTS, "all"]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The same generation twice: once in this process, once through the command line in a fresh one."""
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    captures.generate(SRC, a, NAMES, seed=SEED, dpi=DPI, label=LABEL)
    cmd = [sys.executable, str(SCRIPT), str(SRC), "--label", str(LABEL), "-o", str(b)]
    subprocess.run([*cmd, "--effects", "all", "--seed", str(SEED), "--dpi", str(DPI)], check=True, cwd=ROOT)
    return a, b


def sizes(path):
    doc = pdfium.PdfDocument(str(path))
    try:
        return [tuple(round(v, 2) for v in doc[i].get_size()) for i in range(len(doc))]
    finally:
        doc.close()


def chars(path):
    doc = pdfium.PdfDocument(str(path))
    try:
        return sum(doc[i].get_textpage().count_chars() for i in range(len(doc)))
    finally:
        doc.close()


def test_every_effect_written_with_label(runs):
    out = runs[0]
    for name in NAMES:
        assert (out / f"bulletin-000--{name}.pdf").is_file()
        assert (out / f"bulletin-000--{name}.label.json").read_bytes() == LABEL.read_bytes()
    assert len(list(out.iterdir())) == 2 * len(NAMES)


def test_same_pages_and_page_sizes(runs):
    want = sizes(SRC)
    for name in NAMES:
        assert sizes(runs[0] / f"bulletin-000--{name}.pdf") == want, name


def test_no_text_layer(runs):
    assert chars(SRC) > 0
    for name in NAMES:
        assert chars(runs[0] / f"bulletin-000--{name}.pdf") == 0, name


def test_deterministic_across_processes(runs):
    a, b = runs
    for name in NAMES:
        assert (a / f"bulletin-000--{name}.pdf").read_bytes() == (b / f"bulletin-000--{name}.pdf").read_bytes(), name


def test_differs_from_clean_render(runs, tmp_path):
    """Against the clean render written the same way (same pixel grid and JPEG), every effect moves the pixels."""
    clean = tmp_path / "clean.pdf"
    pages = captures.render(SRC, DPI)
    captures.write_pdf([img for img, _ in pages], [size for _, size in pages], clean)
    for name in NAMES:
        diffs = captures.pixel_diff(clean, runs[0] / f"bulletin-000--{name}.pdf", DPI)
        assert min(diffs) > 0.3, (name, diffs)  # the clean copy written twice differs by 0.0


def test_seed_changes_pixels():
    img = captures.render(SRC, DPI)[0][0]
    a = captures.degrade(img, "shadow", 1, 0, DPI / 200)
    b = captures.degrade(img, "shadow", 2, 0, DPI / 200)
    c = captures.degrade(img, "shadow", 1, 0, DPI / 200)
    assert (a == c).all() and not (a == b).all()


def test_effect_list():
    assert captures.effect_list("all") == NAMES
    assert captures.effect_list("curl,stamp") == ["curl", "stamp"]
    with pytest.raises(SystemExit):
        captures.effect_list("curl,nonsense")


def test_check_prints_a_difference_per_output(tmp_path, capsys):
    captures.main([str(SRC), "-o", str(tmp_path), "--effects", "stamp", "--dpi", str(DPI), "--check"])
    line = capsys.readouterr().out.strip()
    assert line.startswith("bulletin-000--stamp.pdf: mean |diff| ")
    assert not list(tmp_path.glob("*.label.json"))
