"""Resolving one mention: exact, short form, relative prefix, department, fuzzy; abstaining."""

from __future__ import annotations

import pytest

from extractor import gazetteer
from extractor.gazetteer import Context, Resolver

ABA_2018 = Context("513200", 2018)
FUCHENG_2018 = Context("510703", 2018)
SUINING_2021 = Context("510900", 2021)


@pytest.fixture(scope="module")
def g() -> gazetteer.Gazetteer:
    return gazetteer.load()


def answer(g, ctx, mention):
    m = Resolver(g, ctx).resolve(mention)
    return m.code, m.canonical


@pytest.mark.parametrize(
    ("ctx", "mention", "code", "canonical"),
    [
        (ABA_2018, "州本级", "513200", "阿坝藏族羌族自治州"),
        (ABA_2018, "阿坝州", "513200", "阿坝藏族羌族自治州"),
        (ABA_2018, "阿坝藏族羌族自治州", "513200", "阿坝藏族羌族自治州"),
        (ABA_2018, "马尔康县", "513201", "马尔康市"),  # renamed 2015: one unit
        (Context("513200", 2012), "马尔康县", "513229", "马尔康县"),
        (ABA_2018, "州医保局", "513200", "阿坝藏族羌族自治州医疗保障局"),
        (ABA_2018, "阿坝州医疗保障局", "513200", "阿坝藏族羌族自治州医疗保障局"),
        (ABA_2018, "州委", "513200", "中共阿坝藏族羌族自治州委员会"),
        (ABA_2018, "州人民政府", "513200", "阿坝藏族羌族自治州人民政府"),
        (FUCHENG_2018, "区人力资源社会保障局", "510703", "涪城区人力资源和社会保障局"),
        (FUCHENG_2018, "区人社局", "510703", "涪城区人力资源和社会保障局"),
        (FUCHENG_2018, "区卫计局", "510703", "涪城区卫生和计划生育局"),  # a pre-2019 name
        (FUCHENG_2018, "区地税局", "510703", "涪城区地方税务局"),
        (FUCHENG_2018, "绵阳市涪城区水务局", "510703", "涪城区水务局"),
        (FUCHENG_2018, "涪城区人民政府政务服务中心", "510703", None),
        (SUINING_2021, "市发展改革委", "510900", "遂宁市发展和改革委员会"),  # prefecture-level form
        (SUINING_2021, "蓬溪县行政审批局", "510921", "蓬溪县行政审批局"),
        (SUINING_2021, "船山区税务局", "510903", None),
        (Context("510106", 2021), "天回镇街道", "510106042", "天回镇街道"),
        (Context("510403", 2018), "清香坪街道", "510403001", "清香坪街道办事处"),  # the 2018 edition's name
        (Context("510403", 2021), "清香坪街道办事处", "510403001", "清香坪街道"),
        (None, "西区 ", None, None),  # in several provinces, no context: abstain
    ],
)
def test_resolves(g, ctx, mention, code, canonical):
    got_code, got_canonical = answer(g, ctx or Context(), mention)
    assert got_code == code
    if canonical:
        assert got_canonical == canonical


def test_ambiguous_without_context_lists_candidates(g):
    m = Resolver(g).resolve("西区")
    assert m.code is None and m.reason == "ambiguous"
    assert "510403" in {c.code for c in m.candidates}
    m = Resolver(g).resolve("阿坝")  # 阿坝州 or 阿坝县
    assert m.code is None and {"513200", "513231"} <= {c.code for c in m.candidates}


def test_context_decides(g):
    assert Resolver(g, Context("510400", 2020)).resolve("西区").code == "510403"


@pytest.mark.parametrize("junk", ["", "   ", "。。，", "123", "abc", "合" * 200, "\x00\ufffd"])
def test_junk_gives_no_code(g, junk):
    m = Resolver(g, ABA_2018).resolve(junk)
    assert m.code is None


def test_relative_prefix_needs_a_jurisdiction_of_that_kind(g):
    assert Resolver(g, ABA_2018).resolve("县政府").code is None  # which county?
    assert Resolver(g).resolve("州医保局").code is None


def test_ocr_slips_within_the_jurisdiction(g):
    m = Resolver(g, ABA_2018).resolve("若尔蓋县")  # a traditional form read by OCR
    assert m.code == "513232" and m.score < 1.0
    # 汝 is as far from 汶 (汶川县) as from 金 (金川县): no guess
    assert Resolver(g, ABA_2018).resolve("汝川县").code is None


def test_full_width_and_spaces(g):
    assert Resolver(g, ABA_2018).resolve("汶 川 县").code == "513221"
    assert Resolver(g, ABA_2018).resolve("小金县（本级）").code == "513227"


def test_unknown_department_under_a_named_place(g):
    m = Resolver(g, FUCHENG_2018).resolve("涪城区食品药品和工商质监管理局")
    assert m.code == "510703" and m.kind == "department"
