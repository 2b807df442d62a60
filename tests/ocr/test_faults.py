"""An engine that crashes, hangs or raises on one page costs that page only (real child processes)."""

from __future__ import annotations

import pytest

from extractor import Settings, extract
from tests.pdfs import image_pages_pdf


@pytest.mark.parametrize(
    ("engine", "message"),
    [
        ("tests.ocr_faults:CrashOnDark", "crashed"),
        ("tests.ocr_faults:HangOnDark", "timed out"),
        ("tests.ocr_faults:RaiseOnDark", "engine error"),
    ],
    ids=["crash", "hang", "raise"],
)
def test_bad_page_is_recorded_and_the_rest_continues(tmp_path, engine, message):
    pdf = image_pages_pdf(tmp_path / "three.pdf", [False, True, False])
    result = extract(pdf, Settings(ocr_engine=engine, ocr_timeout=5.0))
    assert result.status == "partial"
    assert [(e.stage, e.page) for e in result.errors] == [("ocr", 2)]
    assert message in result.errors[0].message
    assert result.narrative.text.count("正常页面文字") == 2
    assert {p.page for p in result.narrative.paragraphs} == {1, 3}
