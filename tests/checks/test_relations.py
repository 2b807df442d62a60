"""The checks find a table's arithmetic by testing its figures, and evaluate it as printed."""

from extractor.checks.stage import check_table
from extractor.model.result import DocumentMeta, ExtractionResult, Facts, Source
from tests.checks.tables import make_table, metric

COUNTIES = [
    ["1", "州本级", "800", "790", "98.75%"],
    ["2", "汶川县", "535", "510", "95.33%"],
    ["3", "理县", "1,200", "1,187", "98.92%"],
]
COLUMNS = ["序号", "地区", "受理（件）", "办结（件）", "办结率"]


def kinds(table, ok=True):
    return {(c.kind, tuple(c.cells[0])) for c in table.checks if c.ok is ok}


def cell(table, row, col):
    return next(c for c in table.cells if (c.row, c.col) == (row, col))


def test_a_total_row_at_the_bottom_and_a_rate_column_are_found_and_hold():
    table = make_table(COLUMNS, [*COUNTIES, ["", "合计", "2,535", "2,487", "98.11%"]])
    check_table(table)
    assert ("column_total", (4, 2)) in kinds(table) and ("column_total", (4, 3)) in kinds(table)
    assert {("ratio", (r, 4)) for r in (1, 2, 3, 4)} <= kinds(table)
    assert not kinds(table, ok=False)
    assert not table.review and table.confidence == 1.0


WIDE = ["序号", "地区", "受理（件）", "办结（件）", "网上受理（件）", "即办件（件）"]
WIDE_ROWS = [["1", "州本级", "800", "790", "420", "310"], ["2", "汶川县", "535", "510", "301", "126"],
             ["3", "理县", "1,200", "1,187", "655", "402"]]  # fmt: skip


def test_a_misprinted_total_fails_and_flags_its_cell():
    table = make_table(WIDE, [["", "合计", "2,585", "2,487", "1,376", "838"], *WIDE_ROWS])  # 2,535 printed as 2,585
    check_table(table)
    failed = [c for c in table.checks if not c.ok]
    assert [(c.kind, tuple(c.cells[0]), c.expected, c.found) for c in failed if c.kind == "column_total"] == [
        ("column_total", (1, 2), 2535, 2585)
    ]
    assert "total_mismatch" in cell(table, 1, 2).flags
    assert table.review and table.confidence < 0.8
    assert "checks fail" in table.reasons[0]


def test_subtotals_and_a_grand_total_that_sums_them():
    rows = [
        ["城区", "东街", "10", "20"], ["城区", "西街", "30", "45"], ["城区", "小计", "40", "65"],
        ["乡镇", "甲镇", "5", "7"], ["乡镇", "乙镇", "11", "13"], ["乡镇", "丙镇", "4", "9"],
        ["乡镇", "小计", "20", "29"], ["合计", "合计", "60", "94"],
    ]  # fmt: skip
    table = make_table(["类别", "名称", "受理", "办结"], rows)
    check_table(table)
    found = kinds(table)
    assert ("column_total", (3, 2)) in found and ("column_total", (7, 3)) in found
    grand = [c for c in table.checks if tuple(c.cells[0]) == (8, 2)]
    assert grand and all(c.ok for c in grand)
    assert {tuple(x) for x in grand[0].cells[1:]} == {(3, 2), (7, 2)}  # the 小计 rows are its parts


def test_a_header_group_total_and_a_rate_over_group_sums():
    columns = ["地区", "办件量（件）/合计", "办件量（件）/即办件", "办件量（件）/承诺件", "办结量（件）/即办件",
               "办结量（件）/承诺件", "办结率"]  # fmt: skip
    rows = [
        ["甲县", "150", "100", "50", "98", "49", "98.00%"],
        ["乙县", "245", "200", "45", "190", "44", "95.51%"],
        ["丙县", "83", "33", "50", "33", "48", "97.59%"],
    ]
    table = make_table(columns, rows)
    check_table(table)
    assert {("header_sum", (r, 1)) for r in (2, 3, 4)} <= kinds(table)
    rates = [c for c in table.checks if c.kind == "ratio"]
    assert rates and all(c.ok for c in rates)
    assert "column 4 + column 5" in rates[0].detail


def test_a_growth_rate_against_last_years_column():
    rows = [["地区生产总值", "866.60", "823.10", "5.3"], ["第一产业", "120.40", "117.20", "2.7"],
            ["第二产业", "300.10", "290.00", "3.5"]]  # fmt: skip
    table = make_table(["指标", "2023年", "2022年", "比上年增长（%）"], rows)
    check_table(table)
    growth = [c for c in table.checks if c.kind == "ratio"]
    assert len(growth) == 3 and all(c.ok for c in growth)
    assert growth[0].detail.startswith("(column 1 ÷ column 2 − 1) × 100")


def test_small_sparse_counts_that_happen_to_add_up_are_not_totals():
    rows = [["1", "张三", "", "1", ""], ["2", "李四", "1", "", ""], ["3", "王五", "", "1", ""],
            ["4", "赵六", "2", "", "1"], ["5", "钱七", "2", "", "1"]]  # fmt: skip
    table = make_table(["序号", "姓名", "事假", "病假", "迟到"], rows)
    check_table(table)
    assert table.checks == []


def test_averages_and_codes_are_not_failed_sums():
    rows = [["205", "教育支出", "3,120.50", "2,410.00", "10.0"], ["205", "普通教育", "1,000.25", "800.00", "8.0"],
            ["205", "职业教育", "2,120.25", "1,610.00", "12.0"]]  # fmt: skip
    paths = ["教育支出", "教育支出/普通教育", "教育支出/职业教育"]
    table = make_table(["科目编码", "科目名称", "金额", "基本支出", "平均"], rows, row_paths=paths)
    check_table(table)
    assert ("column_total", (1, 2)) in kinds(table)
    assert not kinds(table, ok=False)


def test_a_narrative_figure_against_its_cell():
    table = make_table(COLUMNS, [*COUNTIES, ["", "合计", "2,535", "2,487", "98.11%"]])
    facts = Facts(
        metrics=[metric("全州", "受理", 2535), metric("全州", "办结", 2478), metric("全州", "办结率", 98.13, "%")]
    )
    result = ExtractionResult(
        source=Source(path="x.pdf", sha256="0"), document=DocumentMeta(), tables=[table], facts=facts
    )
    check_table(table, result)
    narrative = [(c.ok, c.expected, c.found) for c in table.checks if c.kind == "narrative"]
    # 2535 agrees; 2478 against 2487 is one slip (two digits swapped): fails; a rate one digit off is
    # as often another rate as a misread, so no check is made
    assert narrative == [(True, 2535, 2535), (False, 2478, 2487)]
    assert "narrative_mismatch" in cell(table, 4, 3).flags


def test_a_figure_printed_unlike_its_column_is_flagged():
    rows = [[*r[:4], r[4]] for r in COUNTIES] + [
        ["4", "茂县", "90", "88", "97.78%"],
        ["5", "黑水县", "61", "7575", "60"],
    ]
    table = make_table(COLUMNS, rows)
    check_table(table)
    assert "unlike_column" in cell(table, 5, 4).flags
    assert table.review


def test_a_total_row_with_several_misread_lines_keeps_its_relation_and_fails_where_they_are():
    # a row whose figures moved one column left breaks the total in four of six columns; the two
    # that still add up (7,388 and 11,422: beyond chance in a table of eight rows) keep it a total
    rows = [
        ["1", "州本级", "1949", "7388", "44", "28", "2491", "800"],
        ["2", "汶川县", "522", "520", "2236", "2012", "13377", "13445"],
        ["3", "理县", "236", "240", "313", "272", "14922", "15316"],
        ["4", "茂县", "783", "794", "704", "692", "15390", "15410"],
        ["5", "红原县", "29", "30", "83", "7", "30", ""],  # 840 83 7 30: 840 lost, the rest moved left
        ["", "合计", "3519", "8972", "4137", "3087", "46187", "45001"],
    ]
    table = make_table(["序号", "地区", "甲/受理", "甲/办结", "乙/受理", "乙/办结", "丙/受理", "丙/办结"], rows)
    check_table(table)
    totals = [c for c in table.checks if c.kind == "column_total"]
    assert {c.cells[0][1] for c in totals if c.ok} == {2, 3}
    assert {c.cells[0][1] for c in totals if not c.ok} == {4, 5, 6, 7}
    assert table.review


def test_two_lines_that_add_up_within_rounding_in_a_long_table_are_not_a_total():
    # a row near another row's total (3,517,919 against 3,518,848) adds up, within the parts' rounding,
    # in two columns of ten: that is chance in a table of 32 rows, not a relation that fails in eight
    parts = [[f"区{i}", *(str(200 + 7 * i + 3 * j) for j in range(10))] for i in range(30)]
    total = [str(sum(int(p[j]) for p in parts)) for j in range(1, 11)]
    near = [str(int(t) - 900 - 13 * j) for j, t in enumerate(total)]
    near[3], near[4] = str(int(total[3]) + 5), str(int(total[4]) - 4)
    rows = [["甲年", *near], ["乙年", *total], *parts]
    table = make_table(["地区", *(f"用地{j}" for j in range(10))], rows)
    check_table(table)
    assert {c.cells[0][0] for c in table.checks if c.kind == "column_total"} == {2}  # 乙年, under one header row
    assert all(c.ok for c in table.checks)


def test_a_narrative_figure_is_not_matched_to_a_row_number():
    rows = [*COUNTIES, ["4", "茂县", "90", "88", "97.78%"], ["", "合计", "2,625", "2,575", "98.10%"]]
    table = make_table(COLUMNS, rows)
    facts = Facts(metrics=[metric("州本级", "州本级政务服务窗口", 1, "个")])  # 1 window, not the row number 1
    result = ExtractionResult(
        source=Source(path="x.pdf", sha256="0"), document=DocumentMeta(), tables=[table], facts=facts
    )
    check_table(table, result)
    assert not [c for c in table.checks if c.kind == "narrative" and c.cells[0][1] == 0]


def test_a_figure_missing_from_a_full_column_is_flagged_but_a_dash_is_not():
    rows = [*COUNTIES, ["4", "茂县", "90", "", "97.78%"], ["5", "黑水县", "61", "—", "96.72%"]]
    table = make_table(COLUMNS, [*rows[:4], ["5", "黑水县", "61", "59", "96.72%"]])
    check_table(table)
    assert cell(table, 4, 3).flags == ["missing"]
    assert not table.review  # a blank may be printed on purpose (a tax abolished this year)
    table = make_table(COLUMNS, [*rows[:3], ["4", "茂县", "90", "88", "97.78%"], rows[4]])
    check_table(table)
    assert not any(c.flags for c in table.cells)


def test_a_row_number_out_of_sequence_is_flagged():
    rows = [[str(n), f"区{n}", str(100 + n)] for n in range(1, 7)]
    rows[2][0] = "8"  # 3 misread
    table = make_table(["序号", "地区", "件数"], rows)
    check_table(table)
    assert [(c.row, c.col) for c in table.cells if "out_of_sequence" in c.flags] == [(3, 0)]


def test_a_row_moved_one_column_right_is_out_of_step():
    table = make_table(
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        [["规章", "0", "0", "0"], ["", "行政规范性文件", "3", "1"]],
    )
    check_table(table)
    assert {c.col for c in table.cells if "out_of_step" in c.flags} == {0, 1, 2, 3}
    assert table.review
    # a second label column, its first cell blank under a group, is not
    rows = [["教育", "小学", "3", "1"], ["", "中学", "4", "2"], ["", "大学", "5", "0"]]
    table = make_table(["类", "项", "甲", "乙"], rows)
    check_table(table)
    assert not any("out_of_step" in c.flags for c in table.cells)


def test_a_misread_last_digit_fails_in_a_table_whose_sums_are_exact():
    # counts do not round: where five columns add up to the unit, 15,418 for 15,410 is a misread
    # digit, though a rounded table's 0.1 % would allow it
    rows = [
        ["1", "州本级", "1949", "7388", "2491", "800", "13377", "13445"],
        ["2", "汶川县", "522", "520", "2236", "2012", "14922", "15316"],
        ["3", "理县", "783", "794", "704", "692", "15390", "15418"],
        ["", "合计", "3254", "8702", "5431", "3504", "43689", "44171"],
    ]
    table = make_table(["序号", "地区", *(f"{g}/{k}" for g in "甲乙丙" for k in ("受理", "办结"))], rows)
    check_table(table)
    failed = [c for c in table.checks if not c.ok]
    assert [(tuple(c.cells[0]), c.expected, c.found) for c in failed] == [((5, 7), 44179, 44171)]  # two header rows


def test_a_rounded_table_keeps_its_rounding():
    # 万元 rounded to the unit: parts that add up within their rounding in most columns hold
    rows = [["甲", "5101", "5052", "3033"], ["乙", "5203", "6071", "4045"], ["丙", "4098", "7066", "2021"],
            ["合计", "14403", "18190", "9099"]]  # fmt: skip
    table = make_table(["项目", "一月", "二月", "三月"], rows)
    check_table(table)
    assert table.checks and all(c.ok for c in table.checks)


def test_a_part_printing_nothing_is_among_the_cells_of_its_check():
    rows = [["1", "州本级", "800", "790", "700"], ["2", "汶川县", "535", "", "400"],
            ["3", "理县", "1200", "1187", "1000"], ["4", "茂县", "90", "88", "50"],
            ["", "合计", "2625", "2600", "2150"]]  # fmt: skip
    table = make_table(["序号", "地区", "受理", "办结", "网办"], rows)
    check_table(table)
    failed = next(c for c in table.checks if not c.ok)
    assert [2, 3] in [list(x) for x in failed.cells]  # 汶川县's 办结, read empty, is where to look


def test_the_change_of_a_rate_in_percentage_points_holds():
    rows = [
        ["营业收入", "170,360", "124,944", "36.35%"],
        ["净利润", "9,154", "4,568", "100.39%"],
        ["每股收益", "3.12", "1.57", "98.73%"],
        ["加权平均净资产收益率", "4.37%", "3.24%", "1.13%"],  # 4.37 − 3.24 points, not a 34.9 % growth
    ]
    table = make_table(["项目", "本期", "上年同期", "增减"], rows)
    check_table(table)
    ratios = [c for c in table.checks if c.kind == "ratio"]
    assert len(ratios) == 4 and all(c.ok for c in ratios)


def test_a_total_row_stands_on_one_column_when_it_cannot_be_chance():
    # a 收支总表: the 支出 column adds up to the cent, the 收入 side of those rows is blank
    rows = [
        ["一、一般公共预算拨款收入", "4568.99", "一、社会保障和就业支出", "1040.72"],
        ["二、事业收入", "", "二、卫生健康支出", "7036.83"],
        ["", "", "三、住房保障支出", "71.53"],
        ["本年收入合计", "4568.99", "本年支出合计", "8149.08"],
    ]
    table = make_table(["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"], rows)
    check_table(table)
    totals = [(tuple(c.cells[0]), c.ok) for c in table.checks if c.kind == "column_total"]
    assert totals == [((5, 1), True), ((5, 3), True)]  # 收入 is evaluated too, once the row is a total
    # 8 = 5 + 3 in one column is not beyond chance
    rows = [["甲", "5", "x", ""], ["乙", "3", "y", ""], ["丙", "8", "z", ""]]
    table = make_table(["项目", "数", "项目2", "数2"], rows)
    check_table(table)
    assert not table.checks


def test_a_one_row_table_sums_a_header_group_through_its_own_subtotal():
    # 三公经费: 合计 = 因公出国 + 公务用车 (its 小计 = 购置 + 运行) + 公务接待, one row only
    top = "2024年财政拨款“三公”经费预算数"
    car = f"{top}/公务用车购置及运行费"
    columns = [f"{top}/合计", f"{top}/因公出国（境）费", f"{car}/小计", f"{car}/公务用车购置费",
               f"{car}/公务用车运行费", f"{top}/公务接待费"]  # fmt: skip
    table = make_table(columns, [["30.95", "0.00", "18.60", "0.00", "18.60", "12.35"]])
    check_table(table)
    sums = [(c.kind, c.ok, [tuple(x) for x in c.cells]) for c in table.checks]
    assert sums == [("header_sum", True, [(3, 0), (3, 1), (3, 2), (3, 5)])]


def test_a_subtotal_group_found_both_ways_round_still_stands_for_its_group():
    # 决算数: 21.93 = 0.00 + 21.93 makes 小计 and 运行费 each "the total" of the other; the group is 21.93
    car = "决算数/公务用车购置及运行费"
    columns = ["决算数/合计", "决算数/因公出国（境）费", f"{car}/小计", f"{car}/购置费", f"{car}/运行费"]
    columns.append("决算数/公务接待费")
    table = make_table(columns, [["35.19", "0.00", "21.93", "0.00", "21.93", "13.26"]])
    check_table(table)
    assert [(c.kind, tuple(c.cells[0]), c.ok) for c in table.checks if c.kind == "header_sum"] == [
        ("header_sum", (3, 0), True)
    ]
