"""Finding mentions in running text."""

from __future__ import annotations

import pytest

from extractor import gazetteer
from extractor.gazetteer.scan import Scanner


@pytest.fixture(scope="module")
def scan() -> Scanner:
    return Scanner(gazetteer.load())


def texts(scan, text, province="510000"):
    return [s.text for s in scan.spans(text, province)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11月6日，州政务服务中心主任谢荣妹率工作组在汶川县就平台运行开展调研", ["州政务服务中心", "汶川县"]),
        ("并前往汶川县映秀、漩口、水磨镇便民中心实地调研", ["汶川县", "映秀", "漩口", "水磨镇"]),
        ("组织全州政务服务系统赴浙江省温州、绍兴、台州和杭州市学习考察", ["浙江省", "温州", "绍兴", "台州", "杭州市"]),
        ("州住房公积金管理中心党组书记、主任胡培柱到公积金窗口", ["州住房公积金管理中心"]),
        ("区农业局、区食药工质局、区卫计局录入办件较好", ["区农业局", "区食药工质局", "区卫计局"]),
        ("市交通运输局副局长黄火平1次；船山区税务局副局长金继1次", ["市交通运输局", "船山区税务局"]),
        ("出台《中共蓬溪县委优化营商环境工作领导小组关于…》", ["中共蓬溪县委"]),
        ("州本级受理4484件", ["州本级"]),
        ("加强管理县级平台，提高县域服务", []),  # not 理县, not 高县
        ("成都市天府新区", ["成都市"]),  # a development zone, not 天府 + 新区
        ("全州政务服务中心工作情况", []),  # 全州: the whole prefecture, not 州
    ],
)
def test_spans(scan, text, expected):
    assert texts(scan, text) == expected


def test_spans_point_into_the_text(scan):
    text = "11月28日，州食药监局调研员黄德华到食药监局窗口调研指导"
    spans = scan.spans(text, "510000")
    assert [(s.text, s.kind) for s in spans] == [("州食药监局", "department"), ("食药监局", "department")]
    for s in spans:
        assert text[s.start : s.end] == s.text


def test_other_provinces_counties_only_after_their_province(scan):
    assert texts(scan, "到朝阳区调研", "510000") == []  # 朝阳区 is in Beijing, Liaoning…: not here
    assert texts(scan, "到北京市朝阳区调研", "510000") == ["北京市", "朝阳区"]


def test_a_name_broken_over_lines(scan):
    text = "船山区税务局副局长金继1次；市林\n业局总工易鹏飞1次"
    spans = scan.spans(text, "510000")
    assert [s.text for s in spans] == ["船山区税务局", "市林业局"]
    assert text[spans[1].start : spans[1].end] == "市林\n业局"
