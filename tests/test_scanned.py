"""Scanned input end to end with real OCR: page images turned, skewed, in TIFF, too large."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from extractor import extract
from extractor.errors import TooLarge
from extractor.evaluate.report import score_document, summarise
from extractor.ingest.prepare import to_grey
from tests.conftest import DIGITAL, label_for, validate_result
from tests.ingest.test_scan_prep import render, rotate

BULLETIN_000 = next(p for p in DIGITAL if p.stem == "bulletin-000")


def _save(path: Path, image: np.ndarray, dpi: int = 150) -> Path:
    Image.fromarray(image).save(path, dpi=(dpi, dpi))
    return path


def test_table_page_photographed_sideways_comes_out_upright(tmp_path):
    """Page 3 of bulletin-000 turned by 90° and skewed 1.5°: the same two tables, the same header paths."""
    page = rotate(render(2), 1.5)
    png = _save(tmp_path / "sideways.png", np.ascontiguousarray(np.rot90(page, 3)))
    result = extract(png)
    validate_result(result.model_dump(mode="json", by_alias=True))
    assert result.source.kind == "image" and result.status == "success"
    label = label_for(BULLETIN_000)
    first = {**label, "tables": label["tables"][:1], "facts": {}, "entities": {}}
    score = summarise([score_document("p3", first, result.model_dump(mode="json", by_alias=True))])
    assert score.header_accuracy == 1.0
    assert score.cell_f1 is not None and score.cell_f1 >= 0.97
    # boxes point at the image as it was given: the upright top-left cell (序号, wider than tall)
    # sits at the top right of the sideways image, taller than wide
    cell = result.tables[0].cells[0]
    width_pt = page.shape[0] * 72 / 150  # the sideways image is as wide as the upright page is tall
    assert cell.text == "序号" and cell.bbox is not None
    x0, y0, x1, y1 = cell.bbox
    assert x0 > width_pt / 2 and y1 < width_pt / 2 and (y1 - y0) > (x1 - x0)


def test_multipage_tiff(tmp_path):
    frames = [Image.fromarray(render(i)[:600]) for i in (0, 1)]
    tif = tmp_path / "two.tif"
    frames[0].save(tif, save_all=True, append_images=frames[1:], dpi=(150, 150))
    result = extract(tif)
    assert result.source.pages == 2
    assert {p.page for p in result.narrative.paragraphs} == {1, 2}
    assert "阿坝州政务服务工作简报" in result.narrative.text


def test_too_large_image_is_refused(tmp_path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("EXTRACTOR_MAX_PIXELS", "1000000")
    png = _save(tmp_path / "big.png", np.full((1200, 1200, 3), 255, np.uint8))
    with pytest.raises(TooLarge, match=r"too large .*EXTRACTOR_MAX_PIXELS"):
        extract(png)


def test_grey_channel_drops_a_red_seal():
    page = np.full((100, 100, 3), 255, np.uint8)
    cv2.circle(page, (50, 50), 30, (220, 30, 30), 4)  # red ring (RGB)
    page[45:55, 10:90] = 0  # black text stroke
    grey = to_grey(page)
    assert grey[50, 20] == 0 and grey[20, 50] > 200
