"""evaluation/traps.py: each trap keeps the page looking the same (watermark: light) and puts its strings in
the text layer. The input PDF is built here: a table drawn with ruling lines and a self-contained Type3 font
(box-pattern glyphs + ToUnicode for Chinese and digits), so no network and no system font is needed."""

import importlib.util
import json
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

HERE = Path(__file__).resolve()
_spec = importlib.util.spec_from_file_location("traps", HERE.parents[2] / "evaluation" / "traps.py")
traps = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(traps)

TITLE = "附件1统计情况表"
LABEL = {
    "tables": [
        {
            "title": TITLE,
            "columns": ["序号", "地区", "数量"],
            "rows": [["1", "汶川县", "17"], ["2", "茂县", "25"], ["3", "理县", "8"], ["", "合计", "50"]],
        }
    ]
}
CHARS = sorted(
    set(TITLE + "".join(LABEL["tables"][0]["columns"]) + "".join(c for r in LABEL["tables"][0]["rows"] for c in r))
)


def _font(pdf):
    procs, cmap = {}, []
    for k, ch in enumerate(CHARS, start=1):
        ops = ["600 0 40 0 560 700 d1", "40 0 40 700 re 520 0 40 700 re"]
        ops += [f"{80 + (j % 3) * 160} {60 + (j // 3) * 320} 120 260 re" for j in range(6) if k >> j & 1]
        procs[f"/c{k}"] = pdf.make_stream(("\n".join(ops) + " f").encode())
        cmap.append(f"<{k:02X}> <{ord(ch):04X}>")
    tounicode = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(cmap)} beginbfchar\n" + "\n".join(cmap) + "\nendbfchar endcmap CMapName currentdict "
        "/CMap defineresource pop end end"
    )
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type3,
            FontBBox=[0, 0, 600, 700],
            FontMatrix=[0.001, 0, 0, 0.001, 0, 0],
            CharProcs=Dictionary(procs),
            Resources=Dictionary(),
            FirstChar=1,
            LastChar=len(CHARS),
            Widths=[600] * len(CHARS),
            Encoding=Dictionary(
                Type=Name.Encoding, Differences=[1] + [Name(f"/c{k}") for k in range(1, len(CHARS) + 1)]
            ),
            ToUnicode=pdf.make_stream(tounicode.encode()),
        )
    )


def _show(text, x, y, size=10):
    codes = "".join(f"{CHARS.index(c) + 1:02X}" for c in text)
    return f"BT /T1 {size} Tf {x} {y} Td <{codes}> Tj ET\n"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    d = tmp_path_factory.mktemp("traps")
    pdf = pikepdf.new()
    content = _show(TITLE, 60, 250, 14)
    xs, y0, rh = [40, 90, 180, 260], 205, 25
    table = LABEL["tables"][0]
    for r, row in enumerate([table["columns"]] + table["rows"]):
        for c, cell in enumerate(row):
            if cell:
                content += _show(cell, xs[c] + 5, y0 - r * rh + 8)
    rows = len(table["rows"]) + 1
    for r in range(rows + 1):
        content += f"{xs[0]} {y0 + rh - r * rh} m {xs[-1]} {y0 + rh - r * rh} l\n"
    for x in xs:
        content += f"{x} {y0 + rh} m {x} {y0 + rh - rows * rh} l\n"
    content += "0.6 w S\n"
    page = pikepdf.Page(
        Dictionary(
            Type=Name.Page,
            MediaBox=Array([0, 0, 300, 300]),
            Resources=Dictionary(Font=Dictionary(T1=_font(pdf))),
            Contents=pdf.make_stream(content.encode()),
        )
    )
    pdf.pages.append(page)
    src = d / "sample.pdf"
    pdf.save(src)
    return src, d


def _chars(path):
    with pdfplumber.open(path) as doc:
        return "".join(c["text"] for c in doc.pages[0].chars)


# trap -> (max mean |RGB diff| at 100 dpi, min diff)
LIMITS = {
    "invisible": (0.01, 0),
    "clip": (0.01, 0),
    "crop": (0.01, 0),
    "overlay": (0.01, 0),
    "double": (6.0, 0),
    "picture": (8.0, 0),
    "watermark": (25.0, 0.3),
}


@pytest.mark.parametrize("trap", traps.TRAPS)
def test_trap_renders_same_and_is_in_text_layer(sample, trap):
    src, d = sample
    pdf, injected = traps.make(src, LABEL, [trap], seed=1)
    out = d / f"sample--{trap}.pdf"
    pdf.save(out)
    ((diff, missing),) = traps.check(src, out, injected)
    high, low = LIMITS[trap]
    print(f"{trap}: mean |diff| {diff:.3f}")
    assert low <= diff <= high, (trap, diff)
    assert not missing, missing
    text, original = traps.norm(_chars(out)), traps.norm(_chars(src))
    if trap in ("invisible", "clip", "crop", "overlay", "watermark"):
        assert injected[0], trap
        assert len(text) > len(original)
    if trap == "invisible":
        assert "[Table_Main]" in text or "合计" in text
    if trap == "double":
        assert len(text) >= 2 * len(original)
    if trap == "picture":
        assert TITLE in text and "汶川县" not in text and "茂县" not in text
        with pikepdf.open(out) as result:
            assert "/TrapImg" in result.pages[0].Resources.XObject


def test_cli_writes_pdfs_and_labels(sample, tmp_path):
    src, d = sample
    label = d / "sample.label.json"
    label.write_text(json.dumps(LABEL, ensure_ascii=False), "utf-8")
    traps.main([str(src), "--label", str(label), "-o", str(tmp_path), "--traps", "invisible,crop", "--all-in-one"])
    for name in ("invisible", "crop", "all"):
        assert (tmp_path / f"sample--{name}.pdf").exists()
        assert json.loads((tmp_path / f"sample--{name}.label.json").read_text("utf-8")) == LABEL
    ((_, missing),) = traps.check(
        src, tmp_path / "sample--all.pdf", traps.make(src, LABEL, [t for t in traps.TRAPS if t != "picture"], 0)[1]
    )
    assert not missing
