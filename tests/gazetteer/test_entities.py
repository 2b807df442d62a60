"""The entities stage on real bulletins: jurisdiction, provenance, codes."""

from __future__ import annotations

import json

from extractor import gazetteer
from extractor.model.result import TableWhere, TextWhere
from tests.conftest import SAMPLES, extracted, validate_result


def test_jurisdiction_from_the_document():
    expected = {"bulletin-000": "513200", "bulletin-002": "510703", "bulletin-004": "510900"}
    for name, code in expected.items():
        r = extracted(SAMPLES / "digital" / f"{name}.pdf")
        assert r.document.jurisdiction is not None and r.document.jurisdiction.code == code, name


def test_every_entity_points_at_its_mention():
    r = extracted(SAMPLES / "digital" / "bulletin-002.pdf")
    tables = {t.id: t for t in r.tables}
    assert len(r.entities) >= 50
    for e in r.entities:
        if isinstance(e.where, TableWhere):
            assert tables[e.where.table].rows[e.where.row][e.where.col] == e.mention
        else:
            assert isinstance(e.where, TextWhere)
            s, t = e.where.span
            assert r.narrative.text[s:t].replace("\n", "") == e.mention
            page_paras = [p for p in r.narrative.paragraphs if p.span[0] <= s < p.span[1]]
            assert page_paras and page_paras[0].page == e.where.page
    validate_result(json.loads(r.to_json()))


def test_codes_exist_and_uncertain_ones_are_marked():
    g = gazetteer.load()
    for name in ("bulletin-000", "bulletin-004", "synth-renhe-2023-03"):
        r = extracted(SAMPLES / "digital" / f"{name}.pdf")
        for e in r.entities:
            if e.code:
                assert g.row(e.code) is not None, e
                assert e.canonical
            else:
                assert e.review, e
            assert 0.0 <= e.score <= 1.0


def test_pre_reform_departments_in_a_2018_bulletin():
    r = extracted(SAMPLES / "digital" / "bulletin-002.pdf")
    by_mention = {e.mention: e for e in r.entities}
    assert by_mention["区卫计局"].canonical == "涪城区卫生和计划生育局"
    assert by_mention["区地税局"].code == "510703"
    assert by_mention["涪城区人力资源和社会保障局"].standard == "人力资源和社会保障局"
