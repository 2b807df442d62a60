"""The entities stage on real bulletins: jurisdiction, provenance, codes."""

from __future__ import annotations

import json

from extractor import gazetteer
from extractor.gazetteer.entities import find_entities
from extractor.model.result import (
    DocumentMeta,
    ExtractionResult,
    Narrative,
    Paragraph,
    Source,
    Table,
    TableWhere,
    TextWhere,
)
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


def _doc(columns, rows, text="", period="2020-05"):
    r = ExtractionResult(source=Source(path="x.pdf", sha256="0"), document=DocumentMeta(period=period))
    r.tables = [Table(id="t1", pages=[1], header_rows=1, columns=columns, rows=rows, cells=[])]
    r.narrative = Narrative(text=text, paragraphs=[Paragraph(page=1, span=(0, len(text)), bbox=(0, 0, 1, 1))])
    return r


def test_place_columns_are_recognised_and_other_columns_are_not():
    rows = [["1", "汶川县", "营业收入", "12"], ["2", "理县", "管理费用", "3"], ["3", "茂县", "财务费用", "4"]]
    rows.append(["", "合计", "", "19"])
    r = _doc(["序号", "地区", "项目", "件数"], rows)
    find_entities(r, gazetteer.load())
    assert [(e.mention, e.code, e.where.col) for e in r.entities] == [
        ("汶川县", "513221", 1),
        ("理县", "513222", 1),
        ("茂县", "513223", 1),
    ]
    assert r.document.jurisdiction is not None and r.document.jurisdiction.code == "513200"


def test_a_column_of_names_without_a_telling_header():
    rows = [["区人社局", "3"], ["区医保局", "5"], ["区卫健局", "1"], ["金牛区民政局", "2"]]
    r = _doc(["", "件数"], rows, text="金牛区政务服务中心11月受理事项3000件。", period="2021-11")
    find_entities(r, gazetteer.load())
    assert {e.mention: e.code for e in r.entities} == {
        "区人社局": "510106",
        "区医保局": "510106",
        "区卫健局": "510106",
        "金牛区民政局": "510106",
        "金牛区政务服务中心": "510106",
    }
