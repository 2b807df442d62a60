"""The facts stage on real bulletins: provenance and the labelled facts."""

from __future__ import annotations

import json

from extractor import gazetteer
from extractor.evaluate.facts import score_facts
from extractor.facts.stage import find_facts
from extractor.model.result import DocumentMeta, ExtractionResult, Narrative, Paragraph, Source
from tests.conftest import SAMPLES, extracted, label_for, validate_result


def test_every_fact_points_at_its_text():
    for name in ("bulletin-000", "bulletin-004", "synth-ganzi-2019-12"):
        pdf = SAMPLES / "digital" / f"{name}.pdf"
        r = extracted(pdf)
        text = r.narrative.text
        assert r.facts.events and r.facts.people
        for ev in r.facts.events:
            s, e = ev.span
            assert text[s:e].replace("\n", "").strip() == ev.text
            assert any(p.page == ev.page and p.span[0] <= s < p.span[1] for p in r.narrative.paragraphs)
        for p in r.facts.people:
            assert p.span is not None and text[p.span[0] : p.span[1]].replace("\n", "") == p.name
        for m in r.facts.metrics:
            assert m.span is not None and str(int(m.value)) in text[m.span[0] : m.span[1]].replace(",", "")
        validate_result(json.loads(r.to_json()))


def test_reference_bulletins_facts():
    score = score_facts(label_for(SAMPLES / "digital" / "bulletin-000.pdf"), _dump("bulletin-000"))
    assert score.event_f1 is not None and score.event_f1 >= 0.95
    assert score.people_recall.value == 1.0 and score.titles.value == 1.0
    visits = score_facts(label_for(SAMPLES / "digital" / "bulletin-004.pdf"), _dump("bulletin-004")).visits
    assert visits.value == 1.0 and visits.total == 14


def test_metrics_of_bulletin_000():
    r = extracted(SAMPLES / "digital" / "bulletin-000.pdf")
    got = {(m.subject, m.name, m.value, m.unit) for m in r.facts.metrics}
    assert ("州本级", "受理", 4484.0, "件") in got
    assert ("全州", "完成投资额", 11.02, "亿元") in got
    assert any(m.name == "办结率" and m.value == 100.0 and m.unit == "%" for m in r.facts.metrics)


def _dump(name: str) -> dict:
    return json.loads(extracted(SAMPLES / "digital" / f"{name}.pdf").to_json())


def test_bad_narrative_does_not_crash_and_invalid_dates_are_noted():
    text = "2月30日，州长到窗口调研。\n十一月，□□■■ 主任 局长局长 1次次；\n\ufffd\ufffd 月日 99月99日 0月0日 ，，。"
    r = ExtractionResult(source=Source(path="x.pdf", sha256="0"), document=DocumentMeta(period="2019-03"))
    lines = text.split("\n")
    paras, at = [], 0
    for ln in lines:
        paras.append(Paragraph(page=1, span=(at, at + len(ln)), bbox=(0, 0, 1, 1)))
        at += len(ln) + 1
    r.narrative = Narrative(text=text, paragraphs=paras)
    find_facts(r, gazetteer.load())
    assert {n.text for n in r.facts.notes} >= {"2月30日", "99月99日"}
    assert all(e.date is None or e.date[5:7] != "02" or e.date[8:] != "30" for e in r.facts.events)
    assert r.facts.people == []
    validate_result(json.loads(r.to_json()))


def test_morning_and_afternoon_events_of_one_day():
    r = extracted(SAMPLES / "digital" / "synth-ganzi-2019-12.pdf")
    parts = {(e.date, e.part_of_day) for e in r.facts.events if e.part_of_day}
    assert ("2019-12-10", "上午") in parts and ("2019-12-10", "下午") in parts
