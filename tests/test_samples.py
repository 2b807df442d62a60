"""End to end on every bundled digital sample: the result validates and matches its label."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.evaluate.report import score_document, summarise
from extractor.model.schema import result_schema
from tests.conftest import DIGITAL, SCHEMA_PATH, extracted, label_for, validate_result

ids = [p.stem for p in DIGITAL]


@pytest.mark.parametrize("pdf", DIGITAL, ids=ids)
def test_result_validates_against_schema(pdf: Path):
    result = extracted(pdf)
    assert result.status == "success", result.errors
    validate_result(result.model_dump(mode="json", by_alias=True))


@pytest.mark.parametrize("pdf", DIGITAL, ids=ids)
def test_tables_match_label(pdf: Path):
    label = label_for(pdf)
    result = extracted(pdf).model_dump(mode="json", by_alias=True)
    doc = score_document(pdf.stem, label, result)
    summary = summarise([doc])
    if not label["tables"]:
        assert result["tables"] == [], "a bulletin without tables must not grow one"
        return
    assert summary.cell_f1 is not None and summary.cell_f1 >= 0.99, [(t.title, t.f1) for t in doc.tables]
    assert summary.header_accuracy is not None and summary.header_accuracy >= 0.98


@pytest.mark.parametrize("pdf", DIGITAL, ids=ids)
def test_every_labelled_table_is_one_table(pdf: Path):
    """A table over a page break is one table: as many tables as the label has, no more."""
    assert len(extracted(pdf).tables) == len(label_for(pdf)["tables"])


@pytest.mark.parametrize("pdf", DIGITAL, ids=ids)
def test_narrative_offsets_point_into_text(pdf: Path):
    result = extracted(pdf)
    text = result.narrative.text
    assert text
    pages = set()
    for p in result.narrative.paragraphs:
        s, e = p.span
        assert 0 <= s < e <= len(text)
        assert "\n" not in text[s:e]
        pages.add(p.page)
    assert 1 in pages


@pytest.mark.parametrize("pdf", DIGITAL, ids=ids)
def test_table_text_is_not_narrative(pdf: Path):
    result = extracted(pdf)
    for table in result.tables:
        for row in table.rows[:3]:
            cell = max(row, key=len)
            if len(cell) >= 4:
                assert cell not in result.narrative.text.split("\n")


def test_reference_metadata():
    by_stem = {p.stem: extracted(p).document for p in DIGITAL}
    assert by_stem["bulletin-000"].title == "阿坝州政务服务工作简报（11月）"
    assert by_stem["bulletin-000"].period == "--11"
    assert by_stem["bulletin-002"].period == "2018-02"
    assert by_stem["bulletin-004"].period == "2021-04"
    assert by_stem["bulletin-004"].title == "遂宁市政务服务工作简报（2021年4月）"


def test_schema_file_is_current():
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == result_schema(), "run `make schema`"
