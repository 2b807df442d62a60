from tests.checks.tables import make_table


def test_cells_and_grids_carry_values_and_units():
    table = make_table(
        ["序号", "地区", "本月（件）/受理", "本月（件）/办结", "办结率"],
        [
            ["", "合计", "1,335", "1,300", "97.38%"],
            ["1", "州本级", "800", "790", "98.75%"],
            ["2", "汶川县", "535", "510", "95.33%"],
        ],
    )
    assert table.values[0] == [None, "合计", 1335, 1300, 0.9738]
    assert table.units == ["", "", "件", "件", "%"]
    cell = next(c for c in table.cells if c.row == 2 and c.col == 2)
    assert (cell.value, cell.unit) == (1335, "件")
    assert next(c for c in table.cells if c.row == 2 and c.col == 1).value == "合计"
    assert all(c.value is None for c in table.cells if c.header)


def test_the_unit_line_applies_to_amounts_not_to_ordinals():
    table = make_table(
        ["序号", "项目", "预算数"], [["1", "一般公共预算", "120.50"], ["2", "政府性基金", "30.25"]], unit_line="万元"
    )
    assert table.units == ["", "", "万元"]


def test_bracketed_list_numbers_stay_text_and_bracketed_amounts_are_negative():
    rows = [["(1)", "一般公共预算", "(12.50)"], ["(2)", "政府性基金", "30.25"], ["(3)", "其他", "(3.00)"]]
    table = make_table(["序号", "项目", "增减"], rows)
    assert [r[0] for r in table.values] == ["(1)", "(2)", "(3)"]
    assert [r[2] for r in table.values] == [-12.5, 30.25, -3.0]
