"""The compiled gazetteer: coverage and the spot checks of ../shared/gazetteer/MANIFEST.md."""

from __future__ import annotations

import csv

import pytest

from extractor import gazetteer
from extractor.errors import GazetteerMissing
from extractor.gazetteer.data import MODELS, NOW
from extractor.gazetteer.normalize import normalize


@pytest.fixture(scope="module")
def g() -> gazetteer.Gazetteer:
    return gazetteer.load()


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("510000", "四川省"),
        ("513200", "阿坝藏族羌族自治州"),
        ("510703", "涪城区"),
        ("510403", "西区"),
        ("510403001", "清香坪街道"),
        ("510403002", "玉泉街道"),
        ("510403100", "格里坪镇"),
        ("513201", "马尔康市"),
        ("510900", "遂宁市"),
        ("330300", "温州市"),  # nationwide, not only Sichuan
    ],
)
def test_spot_checks(g, code, name):
    assert g.name(code, 2020) == name


def test_every_province_prefecture_and_county_in_use(g):
    in_use = {lvl: {d.code for d in g.divisions if d.level == lvl and d.in_use(2023)} for lvl in (1, 2, 3)}
    assert len(in_use[1]) == 34  # with 台湾, 香港, 澳门
    assert 330 <= len(in_use[2]) <= 340
    assert 2800 <= len(in_use[3]) <= 2900
    assert {c[:2] for c in in_use[3]} >= {"11", "51", "54", "65"}


def test_retired_county_maps_to_its_successor_by_year(g):
    assert g.current("513229", 2010) == "513229"  # 马尔康县 until 2015
    assert g.current("513229", 2018) == "513201"  # then 马尔康市
    assert g.name("513229") == "马尔康县"


def test_sichuan_townships_over_the_2019_2020_merges(g):
    rows = [d for d in g.divisions if d.level == 4]
    assert all(d.code.startswith("51") and len(d.code) == 9 for d in rows)
    retired = [d for d in rows if d.end < 2020]
    assert len(retired) > 1000  # the reform removed about a third of them
    assert sum(1 for d in retired if d.successor) > 300
    # 汶川县 雁门乡 (to 2018) is still known in a 2018 bulletin
    assert any(d.name == "雁门乡" and d.in_use(2018) and not d.in_use(2021) for d in g.by_code["513221202"])


def test_street_offices_have_both_forms(g):
    assert normalize("清香坪街道办事处") == "清香坪街道"
    assert any(d.code == "510403001" for d, _ in g.names["清香坪街道"])


def test_short_forms(g):
    assert {d.code for d, _ in g.names["阿坝州"]} == {"513200"}
    assert "510703" in {d.code for d, _ in g.names["涪城"]}
    assert "理" not in g.names  # two-character names have no one-character form


def test_departments_file_is_consistent():
    with (MODELS / "gazetteer" / "departments.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    standards = {r["standard"] for r in rows}
    assert len(standards) == len(rows)
    for r in rows:
        assert r["era"] in {"current", "pre2019", "both"}
        if r["era"] == "pre2019":
            assert r["successor"] in standards, r["standard"]
    aliases = [a for r in rows for a in r["aliases"].split(";") if a]
    assert len(aliases) == len(set(aliases)), "an alias may name one department only"
    names = {r["standard"] for r in rows} | {a for r in rows for a in r["aliases"].split(";")}
    for pre in ("地税局", "食药监局", "卫计局", "文广新局", "质监局", "安监局", "环保局"):
        assert pre in names
    for post in ("人社局", "医保局", "发改委", "卫健委", "住建局", "市场监管局", "文广旅局", "公积金中心"):
        assert post in names


def test_divisions_file_is_well_formed():
    with (MODELS / "gazetteer" / "divisions.tsv").open(encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
    assert header == ["code", "name", "level", "parent", "start", "end", "successor", "short"]
    assert NOW > 2100


def test_missing_gazetteer_is_a_clear_error(tmp_path):
    with pytest.raises(GazetteerMissing, match="EXTRACTOR_MODELS"):
        gazetteer.load(tmp_path)
