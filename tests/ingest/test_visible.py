"""Only what the page shows is read (ingest/visible.py): the rules on constructed glyphs, the traps of
evaluation/traps.py written into a committed digital sample, and real files whose text layers carry them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.evaluate.report import score_document
from extractor.ingest.visible import Fill, Paint, shown
from extractor.ingest.words import Glyph
from extractor.pipeline import extract
from extractor.settings import Settings
from tests.realworld.shared import SAMPLE, label, load_traps, pages_of, real_file

traps = load_traps()


def g(text: str, x: float, y: float = 100.0, size: float = 10.0) -> Glyph:
    return Glyph(text, x, y, x + size, y + size, size)


BODY = [g(c, 100 + 10 * i) for i, c in enumerate("汶川县合计")]
INK = Paint()


def texts(glyphs: list[Glyph]) -> str:
    return "".join(x.text for x in glyphs)


def run(extra: list[Glyph], paints: list[Paint], fills: tuple[Fill, ...] = ()) -> tuple[str, str]:
    seen = shown(BODY + extra, [INK] * len(BODY) + paints, list(fills), (0.0, 0.0, 595.0, 842.0))
    return texts(seen.glyphs), texts(seen.watermark)


def test_invisible_and_clip_only_render_modes_are_left_out():
    assert run([g("隐", 300), g("藏", 310)], [Paint(mode=3), Paint(mode=7)]) == ("汶川县合计", "")


def test_text_outside_the_crop_box_or_its_clip_is_left_out():
    clip = (0.0, 0.0, 50.0, 50.0)
    assert run([g("外", 600), g("剪", 300)], [INK, Paint(clip=clip)]) == ("汶川县合计", "")


def test_text_under_a_later_opaque_fill_is_left_out_and_over_an_earlier_one_kept():
    bar = Fill((290.0, 90.0, 400.0, 120.0), z=5, colour=(0.6, 0.4, 0.2))
    under = Paint(z=1)
    over_white = Paint(z=9, colour=(1.0, 1.0, 1.0))
    assert run([g("盖", 300), g("标", 320)], [under, over_white], (bar,)) == ("汶川县合计标", "")


def test_text_in_the_colour_of_its_ground_is_left_out():
    white = Paint(colour=(1.0, 1.0, 1.0))
    assert run([g("白", 300)], [white]) == ("汶川县合计", "")


def test_rotated_and_large_faint_text_is_a_watermark():
    turned = Paint(angle=45.0)
    faint = Paint(alpha=0.2)
    big = [g("内", 300, size=40), g("部", 350, size=40)]
    assert run([g("水", 200, 300), *big], [turned, faint, faint]) == ("汶川县合计", "水内部")


def test_a_character_drawn_twice_is_one_and_neighbours_stay_two():
    shadow = [g("汶", 100.3, 100.3), g("1", 300), g("1", 310)]
    assert run(shadow, [INK, INK, INK]) == ("汶川县合计11", "")


def _scored(pdf: Path, lab: dict) -> float:
    result = json.loads(extract(pdf, Settings(ocr=False)).to_json())
    doc = score_document(pdf.stem, lab, result)
    tp = sum(t.tp for t in doc.tables)
    pred = sum(t.predicted for t in doc.tables)
    gold = sum(t.gold for t in doc.tables)
    return 2 * tp / (pred + gold)


@pytest.mark.parametrize("trap", ["invisible", "watermark", "double", "clip", "crop", "overlay"])
def test_traps_written_into_a_digital_sample_leave_its_tables_as_they_were(trap, tmp_path):
    lab = json.loads(SAMPLE.with_suffix(".label.json").read_text(encoding="utf-8"))
    pdf, injected = traps.make(SAMPLE, lab, [trap])
    out = tmp_path / f"{SAMPLE.stem}--{trap}.pdf"
    pdf.save(out)
    assert trap == "double" or any(injected.values()), "the trap put nothing into the text layer"
    assert _scored(out, lab) == pytest.approx(_scored(SAMPLE, lab), abs=0.005)
    assert _scored(out, lab) >= 0.99


def test_a_real_watermark_in_the_text_layer_stays_out_of_the_cells(tmp_path):
    """湖北省教育厅's 投档线 list: a red 45° watermark in the text layer, crossing every row."""
    src = real_file("hubei-2024-physics-toudang.pdf")
    part = pages_of(src, [1, 2], tmp_path / "hubei-p1-2.pdf")
    result = extract(part, Settings(ocr=False))
    (table,) = result.tables
    gold = label("hubei-2024-physics-toudang.pdf")["tables"][0]
    assert table.columns == gold["columns"]
    assert table.rows == gold["rows"]


def test_a_scan_whose_hidden_text_layer_is_wrong_is_read_from_the_picture():
    """pr-136: an image-only letter with an invisible OCR layer (`杭州份行`, `<h it`): read by OCR,
    and its table, cut by the page break with no repeated header, is one table."""
    src = real_file("pdfplumber-pr-136-example.pdf")
    result = extract(src, Settings())
    gold = label("pdfplumber-pr-136-example.pdf")["tables"][0]
    table = next(t for t in result.tables if t.columns[:2] == gold["columns"][:2])
    assert table.pages == [1, 2]
    assert table.rows == gold["rows"]
