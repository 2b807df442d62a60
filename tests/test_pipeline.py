"""Pipeline behaviour around failures: one bad page degrades a document, it does not lose it."""

from __future__ import annotations

import pytest
from PIL import Image

from extractor import Settings, extract, pipeline
from extractor.errors import NeedsOcr, UnsupportedInput
from tests.conftest import DIGITAL
from tests.pdfs import text_pdf

BULLETIN_000 = next(p for p in DIGITAL if p.stem == "bulletin-000")


def test_a_page_that_throws_makes_the_result_partial(monkeypatch: pytest.MonkeyPatch):
    real = pipeline.read_page

    def faulty(page):  # fault injection: page 2 breaks the parser
        if page.number == 2:
            raise ValueError("injected fault")
        return real(page)

    monkeypatch.setattr(pipeline, "read_page", faulty)
    result = extract(BULLETIN_000)
    assert result.status == "partial"
    assert [(e.stage, e.page) for e in result.errors] == [("read", 2)]
    assert len(result.tables) == 2  # the tables on pages 3 and 4 are still there
    assert result.document.title == "阿坝州政务服务工作简报（11月）"


def test_a_table_builder_failure_keeps_the_narrative(monkeypatch: pytest.MonkeyPatch):
    def broken(page):
        raise RuntimeError("injected fault")

    monkeypatch.setattr(pipeline, "ruled_fragments", broken)
    result = extract(BULLETIN_000)
    assert result.status == "partial"
    assert {e.stage for e in result.errors} == {"tables"}
    assert "谢荣妹" in result.narrative.text


def test_plain_text_pdf_without_tables(tmp_path):
    pdf = text_pdf(tmp_path / "note.pdf", ["关于2019年3月份政务服务工作的通报", "3月，全区受理各类事项1200件。"])
    result = extract(pdf)
    assert result.status == "success" and result.tables == []
    assert "1200件" in result.narrative.text


def test_broken_image_is_refused_with_its_reason(tmp_path):
    png = tmp_path / "page.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    with pytest.raises(UnsupportedInput, match="unreadable image"):
        extract(png)


def test_image_input_without_ocr_needs_ocr(tmp_path):
    png = tmp_path / "page.png"
    Image.new("L", (100, 100), 255).save(png)
    with pytest.raises(NeedsOcr):
        extract(png, Settings(ocr=False))
