from extractor.model.result import TableCell
from extractor.tables.headers import CellGrid, count_header_rows
from extractor.tables.paths import body_rows, column_paths


def cell(row, col, text, rowspan=1, colspan=1):
    return TableCell(row=row, col=col, rowspan=rowspan, colspan=colspan, text=text, page=1)


def grid_of(cells):
    n_rows = max(c.row + c.rowspan for c in cells)
    n_cols = max(c.col + c.colspan for c in cells)
    return CellGrid(cells, n_rows, n_cols)


THREE_LEVEL = [
    cell(0, 0, "序号", rowspan=3),
    cell(0, 1, "地区", rowspan=3),
    cell(0, 2, "已附码项目", colspan=4),
    cell(1, 2, "合计", colspan=2),
    cell(1, 4, "审批类项目", colspan=2),
    cell(2, 2, "项目数量"),
    cell(2, 3, "总投资（万元）"),
    cell(2, 4, "项目数量"),
    cell(2, 5, "总投资（万元）"),
    cell(3, 0, "1"),
    cell(3, 1, "州本级"),
    cell(3, 2, "10"),
    cell(3, 3, "9001"),
    cell(3, 4, "1"),
    cell(3, 5, "1737"),
]


def test_three_level_header_rows_and_paths():
    g = grid_of(THREE_LEVEL)
    h = count_header_rows(g)
    assert h == 3
    assert column_paths(g, h) == [
        "序号",
        "地区",
        "已附码项目/合计/项目数量",
        "已附码项目/合计/总投资（万元）",
        "已附码项目/审批类项目/项目数量",
        "已附码项目/审批类项目/总投资（万元）",
    ]
    assert body_rows(g, h) == [["1", "州本级", "10", "9001", "1", "1737"]]


def test_group_heading_without_rowspans_pulls_in_subheadings():
    cells = [
        cell(0, 0, ""),
        cell(0, 1, "行政许可", colspan=2),
        cell(1, 0, "部门"),
        cell(1, 1, "受理"),
        cell(1, 2, "办结"),
        cell(2, 0, "区民政局"),
        cell(2, 1, "3"),
        cell(2, 2, "2"),
    ]
    g = grid_of(cells)
    assert count_header_rows(g) == 2
    assert column_paths(g, 2) == ["部门", "行政许可/受理", "行政许可/办结"]


def test_row_group_label_repeats_in_body_and_does_not_grow_header():
    cells = [
        cell(0, 0, "类别"),
        cell(0, 1, "地区"),
        cell(0, 2, "受理"),
        cell(1, 0, "城区", rowspan=2),
        cell(1, 1, "船山区"),
        cell(1, 2, "12"),
        cell(2, 1, "安居区"),
        cell(2, 2, "7"),
    ]
    g = grid_of(cells)
    assert count_header_rows(g) == 1
    assert body_rows(g, 1) == [["城区", "船山区", "12"], ["城区", "安居区", "7"]]


def test_continuation_without_header_has_no_header_rows():
    cells = [
        cell(0, 0, "12"),
        cell(0, 1, "阿坝县"),
        cell(0, 2, "217"),
        cell(1, 0, "13"),
        cell(1, 1, "若尔盖县"),
        cell(1, 2, "72"),
    ]
    assert count_header_rows(grid_of(cells)) == 0


def test_unmerged_two_row_header():
    cells = [
        cell(0, 0, "部门"),
        cell(0, 1, "行政许可"),
        cell(0, 2, ""),
        cell(1, 0, ""),
        cell(1, 1, "受理"),
        cell(1, 2, "办结"),
        cell(2, 0, "区民政局"),
        cell(2, 1, "3"),
        cell(2, 2, "2"),
    ]
    g = grid_of(cells)
    assert count_header_rows(g) == 2
    assert column_paths(g, 2) == ["部门", "行政许可/受理", "办结"]


def test_header_text_spanning_rows_appears_once():
    cells = [cell(0, 0, "年任务数", rowspan=2), cell(0, 1, "受理", rowspan=2), cell(2, 0, "5"), cell(2, 1, "6")]
    g = grid_of(cells)
    assert column_paths(g, count_header_rows(g)) == ["年任务数", "受理"]


def test_a_corner_cell_over_coded_columns_spans_the_header():
    """静安区's 名额分配 matrix: a diagonal corner `招生学校 \\ 初中毕业学校` over two rows, school codes
    (figures to the eye) above school names; counts below."""
    cells = [cell(0, 0, "招生学校初中毕业学校", rowspan=2, colspan=2)]
    cells += [cell(0, 2 + k, code) for k, code in enumerate(["062001", "062002", "062003"])]
    cells += [cell(1, 2 + k, name) for k, name in enumerate(["上海市市西中学", "上海市育才中学", "上海市新中高级中学"])]
    for r, (code, name, *counts) in enumerate(
        [("061001", "上海市市西初级中学", "10", "9", "9"), ("061002", "上海市育才初级中学", "5", "5", "5")], 2
    ):
        cells += [cell(r, 0, code), cell(r, 1, name)] + [cell(r, 2 + k, v) for k, v in enumerate(counts)]
    grid = grid_of(cells)
    assert count_header_rows(grid) == 2
    assert column_paths(grid, 2)[2] == "062001/上海市市西中学"
