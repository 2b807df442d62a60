import pytest

from extractor.tables.units import header_unit, unit_line
from extractor.tables.values import counts_up, is_code_column, typed


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1335", 1335, ""),
        ("1,335", 1335, ""),
        ("１３３５", 1335, ""),
        ("12 345", 12345, ""),
        ("0.5", 0.5, ""),
        ("8.165%", 0.08165, "%"),
        ("８．１６５％", 0.08165, "%"),
        ("3.2‰", 0.0032, "‰"),
        ("-12.5", -12.5, ""),
        ("－12.5", -12.5, ""),
        ("(12)", -12, ""),
        ("（12.5）", -12.5, ""),
        ("△12", -12, ""),
        ("80564件", 80564, "件"),
        ("203,708户", 203708, "户"),
        ("", None, ""),
        ("-", None, ""),
        ("—", None, ""),
        ("／", None, ""),
        ("\u3000", None, ""),
        ("汶川县", "汶川县", ""),
        ("2020-05", "2020-05", ""),
        ("2023年", "2023年", ""),
        ("第1名", "第1名", ""),
        ("1,23", "1,23", ""),
    ],
)
def test_printed_figures_become_typed_values(text, value, unit):
    t = typed(text)
    assert t.value == value and type(t.value) is type(value)
    assert t.unit == unit


def test_decimals_as_printed_are_kept_for_rounding():
    assert typed("12.50").decimals == 2
    assert typed("99.58%").decimals == 4  # 0.9958


@pytest.mark.parametrize(
    ("path", "unit"),
    [
        ("本月（件）/受理", "件"),
        ("比重（%）", "%"),
        ("比上年增长%", "%"),
        ("金额（万元）/比重（%）", "%"),
        ("（单位：万元）", "万元"),
        ("地区", ""),
        ("县（市、区）", ""),
        ("行政权力（除行政许可）/受理数", ""),
        ("2023年（万元）/2022年", "万元"),
    ],
)
def test_a_column_unit_comes_from_the_nearest_header_level(path, unit):
    assert header_unit(path) == unit


def test_unit_lines_in_their_usual_forms():
    assert unit_line(["单位：万元"]) == "万元"
    assert unit_line(["金额单位：万元  2024年"]) == "万元"
    assert unit_line(["（单位：件）"]) == "件"
    assert unit_line(["附件1：统计表"]) == ""


def test_ordinals_and_codes_are_told_from_amounts():
    assert counts_up([1, 2, 3, 4]) and not counts_up([1, 2, 4])
    assert is_code_column([208, 20805, 2080501, 2080502, 210, 21011, 2101101])
    assert not is_code_column([331, 49, 27, 3, 16])
