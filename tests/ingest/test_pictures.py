"""Pictures inside digital pages (ingest/pictures.py): which pictures are read, and a table pasted as a
picture read in place, on a committed sample whose table was replaced by its picture (evaluation/traps.py)
and with a real photographed table pasted into a digital page."""

from __future__ import annotations

import json

import pikepdf
import pytest
from PIL import Image

from extractor.evaluate.report import score_document
from extractor.ingest.pictures import pictures_to_read
from extractor.model.page import Word
from extractor.pipeline import extract
from extractor.settings import Settings
from tests.realworld.shared import SAMPLE, label, load_traps, real_file

traps = load_traps()


def test_logos_icons_and_backgrounds_under_text_are_not_read():
    words = [Word("标题", 100, 100, 200, 130, 20)]
    boxes = [
        (30, 30, 70, 60),  # a logo
        (90, 90, 210, 140),  # a coloured band under the title's own text
        (60, 300, 540, 700),  # a picture of a table
        (100, 400, 300, 500),  # a picture inside that picture
    ]
    (only,) = pictures_to_read(boxes, words, 595, 842)
    assert only.box == (60, 300, 540, 700)


def _f1(result_json: str, name: str, lab: dict) -> float:
    doc = score_document(name, lab, json.loads(result_json))
    tp, pred, gold = (sum(getattr(t, k) for t in doc.tables) for k in ("tp", "predicted", "gold"))
    return 2 * tp / (pred + gold)


def test_a_table_replaced_by_its_picture_is_read_in_place(tmp_path):
    lab = json.loads(SAMPLE.with_suffix(".label.json").read_text(encoding="utf-8"))
    pdf, _ = traps.make(SAMPLE, lab, ["picture"])
    out = tmp_path / "picture.pdf"
    pdf.save(out)
    without = extract(out, Settings(ocr=False))
    result = extract(out, Settings())
    assert _f1(without.to_json(), "picture", lab) < 0.8  # the picture hides the table from the text layer
    assert _f1(result.to_json(), "picture", lab) >= 0.98
    assert result.source.kind == "digital"  # the rest of the page kept its text layer
    assert any(e.name == "rapidocr" for e in result.engines)


def test_a_real_photographed_table_pasted_into_a_digital_page_is_read(tmp_path):
    """湖北省教育厅's 投档线 page as the publisher's JPEG, placed under a heading set in text."""
    jpg = real_file("hubei-2025-physics-toudang-p1.jpg")
    with Image.open(jpg) as im:
        w_px, h_px = im.size
    pdf = pikepdf.new()
    width, height = 595.0, 842.0
    w = 500.0
    h = w * h_px / w_px
    image = pikepdf.Stream(pdf, jpg.read_bytes())
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height, image.BitsPerComponent = w_px, h_px, 8
    image.ColorSpace, image.Filter = pikepdf.Name.DeviceRGB, pikepdf.Name.DCTDecode
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    )
    heading = f"BT /F1 14 Tf 48 {height - 40} Td (Annex 1: admission lines, 2025) Tj ET\n"
    content = heading + f"q {w} 0 0 {h} 48 {height - 60 - h} cm /Im1 Do Q\n"
    page = pikepdf.Page(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, width, height],
            Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im1=image), Font=pikepdf.Dictionary(F1=font)),
            Contents=pdf.make_stream(content.encode()),
        )
    )
    pdf.pages.append(page)
    out = tmp_path / "pasted.pdf"
    pdf.save(out)
    result = extract(out, Settings())
    assert result.source.kind == "digital"
    assert "Annex1:" in result.narrative.text.replace(" ", "")
    assert _f1(result.to_json(), "pasted", label("hubei-2025-physics-toudang-p1.jpg")) >= 0.95


@pytest.mark.parametrize("ocr", [False])
def test_without_ocr_a_digital_page_with_pictures_is_read_from_its_text_layer_alone(ocr, tmp_path):
    result = extract(SAMPLE, Settings(ocr=ocr))
    assert result.status == "success"
    assert not any(e.name == "rapidocr" for e in result.engines)
