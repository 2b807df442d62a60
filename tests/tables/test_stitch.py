from extractor.model.result import TableCell
from extractor.tables.fragment import Fragment
from extractor.tables.stitch import PageEdges, stitch

XS = (0.0, 100.0, 150.0, 200.0)
HEADER = [("部门", 2, 1), ("行政许可", 1, 2)]


def frag(page: int, rows: list[list[str]], header: bool, xs=XS) -> Fragment:
    cells: list[TableCell] = []
    r = 0
    if header:
        cells += [
            TableCell(row=0, col=0, rowspan=2, text="部门", page=page),
            TableCell(row=0, col=1, colspan=2, text="行政许可", page=page),
            TableCell(row=1, col=1, text="受理", page=page),
            TableCell(row=1, col=2, text="办结", page=page),
        ]
        r = 2
    for row in rows:
        cells += [TableCell(row=r, col=c, text=t, page=page) for c, t in enumerate(row)]
        r += 1
    return Fragment.from_cells(page, (xs[0], 100, xs[-1], 500), xs, cells)


END, START, MIDDLE = PageEdges(True, False), PageEdges(False, True), PageEdges(False, False)


def test_repeated_header_is_dropped():
    a = frag(3, [["区民政局", "1", "2"]], header=True)
    b = frag(4, [["区财政局", "3", "4"]], header=True)
    (t,) = stitch([a, b], [END, START])
    assert t.pages == [3, 4]
    assert t.columns() == ["部门", "行政许可/受理", "行政许可/办结"]
    assert t.rows() == [["区民政局", "1", "2"], ["区财政局", "3", "4"]]


def test_headerless_continuation_joins_by_column_geometry():
    a = frag(3, [["区民政局", "1", "2"]], header=True)
    b = frag(4, [["区财政局", "3", "4"], ["合计", "4", "6"]], header=False)
    (t,) = stitch([a, b], [END, START])
    assert len(t.rows()) == 3


def test_row_split_at_page_break_is_joined_back():
    a = frag(3, [["区民政局", "1", "2"], ["涪城区残疾人联合", "20", "0"]], header=True)
    b = frag(4, [["会", "", ""], ["涪城区审计局", "1", "0"]], header=False)
    (t,) = stitch([a, b], [END, START])
    assert t.rows() == [["区民政局", "1", "2"], ["涪城区残疾人联合会", "20", "0"], ["涪城区审计局", "1", "0"]]


def test_row_with_only_a_number_is_not_a_split_row():
    a = frag(3, [["1", "汶川县", "5"]], header=True)
    b = frag(4, [["2", "", ""], ["3", "理县", "4"]], header=False)
    (t,) = stitch([a, b], [END, START])
    assert len(t.rows()) == 3


def test_table_followed_by_text_does_not_continue():
    a = frag(3, [["区民政局", "1", "2"]], header=True)
    b = frag(4, [["区财政局", "3", "4"]], header=False)
    assert len(stitch([a, b], [MIDDLE, START])) == 2


def test_different_columns_do_not_join():
    a = frag(3, [["区民政局", "1", "2"]], header=True)
    b = frag(4, [["区财政局", "3", "4"]], header=False, xs=(0.0, 60.0, 150.0, 200.0))
    assert len(stitch([a, b], [END, START])) == 2


def test_new_table_with_its_own_caption_does_not_join():
    a = frag(3, [["区民政局", "1", "2"]], header=True)
    b = frag(4, [["区财政局", "3", "4"]], header=True)
    b.title = "附件2：…"
    assert len(stitch([a, b], [END, START])) == 2


def test_row_group_cut_by_page_break_keeps_its_label():
    a = frag(3, [["耿达镇", "社会保障", "200"]], header=True)
    cells = [
        TableCell(row=0, col=0, rowspan=2, text="", page=4),
        TableCell(row=0, col=1, text="民政救助", page=4),
        TableCell(row=0, col=2, text="95", page=4),
        TableCell(row=1, col=1, text="农业农村", page=4),
        TableCell(row=1, col=2, text="158", page=4),
    ]
    b = Fragment.from_cells(4, (0, 100, 200, 500), XS, cells)
    (t,) = stitch([a, b], [END, START])
    assert [r[0] for r in t.rows()] == ["耿达镇", "耿达镇", "耿达镇"]


def _cells(page: int, rows: list[list[tuple[str, int]]]) -> list[TableCell]:
    """Rows of (text, rowspan) per column; a rowspan > 1 covers the slots below it (given as ("", 0))."""
    cells = []
    for r, row in enumerate(rows):
        for c, (text, span) in enumerate(row):
            if span:
                cells.append(TableCell(row=r, col=c, rowspan=span, text=text, page=page))
    return cells


def test_a_continuation_whose_rows_were_taken_for_a_header_is_body():
    """pr-136's second page: the merged 被担保单位 cell cut by the break spans the first rows, so they
    read as a header; they hold amounts and dates, which no header does."""
    a = frag(1, [["神鹰集团", "1", "2"]], header=True)
    cells = _cells(
        2,
        [
            [("", 3), ("3,000", 1), ("2015-09-21", 1)],
            [("", 0), ("2,000", 1), ("2015-07-09", 1)],
            [("", 0), ("2,700", 1), ("2015-12-10", 1)],
            [("小计", 1), ("15,700", 1), ("", 1)],
        ],
    )
    b = Fragment.from_cells(2, (0, 100, 200, 500), XS, cells)
    b.header_rows = 3  # as the builder read the real page: the spanning cell makes its rows a header
    for c in b.cells:
        c.header = c.row < 3
    (t,) = stitch([a, b], [END, START])
    assert t.rows() == [
        ["神鹰集团", "1", "2"],
        ["神鹰集团", "3,000", "2015-09-21"],
        ["神鹰集团", "2,000", "2015-07-09"],
        ["神鹰集团", "2,700", "2015-12-10"],
        ["小计", "15,700", ""],
    ]


def test_a_merged_label_cut_by_the_break_is_one_label():
    """`（四）无` at the foot of the page, `法提供` at the head of the next: one label of its rows."""
    a = frag(4, [["（三）不予公开", "1", "2"], ["（四）无", "3", "4"]], header=True)
    cells = _cells(
        5, [[("法提供", 2), ("5", 1), ("6", 1)], [("", 0), ("7", 1), ("8", 1)], [("（五）其他", 1), ("9", 1), ("1", 1)]]
    )
    b = Fragment.from_cells(5, (0, 100, 200, 500), XS, cells)
    (t,) = stitch([a, b], [END, START])
    assert [r[0] for r in t.rows()] == [
        "（三）不予公开",
        "（四）无法提供",
        "（四）无法提供",
        "（四）无法提供",
        "（五）其他",
    ]


def test_a_continuation_headed_by_a_block_heading_the_table_printed_before_continues():
    """A 年报's table of stacked blocks, each under `信息内容 | 本年处理决定数量`: the next page opens
    with that heading, which is the table's own body row, not a new table's header."""
    block = [
        ["第二十条第（五）项", "第二十条第（五）项", "第二十条第（五）项"],
        ["信息内容", "本年处理决定数量", "本年处理决定数量"],
        ["行政许可", "447228", "447228"],
    ]
    a = frag(3, block, header=True)
    rows = [["信息内容", "本年处理决定数量"], ["行政处罚", "3985758"], ["行政强制", "88283"]]
    cells = [TableCell(row=r, col=c, text=t, page=4) for r, row in enumerate(rows) for c, t in enumerate(row)]
    b = Fragment.from_cells(4, (0, 100, 200, 500), (0.0, 100.0, 200.0), cells)  # its page rules two columns only
    b.header_rows = 1
    (t,) = stitch([a, b], [END, START])
    assert [r[0] for r in t.rows()][-3:] == ["信息内容", "行政处罚", "行政强制"]


def test_a_row_of_its_own_at_the_top_of_a_page_is_not_the_tail_of_the_row_above():
    """A balance sheet's item without values (`持有至到期投资`) opening the next page follows an item
    whose label ends well short of its cell: a row of its own, not the tail of a cut label."""
    a = frag(9, [["可供出售金融资产", "31,760,858.70", "31,760,858.70"]], header=True)
    b = frag(10, [["持有至到期投资", "", ""], ["长期应收款", "5", "6"]], header=False)
    for cell in a.cells:
        if cell.text == "可供出售金融资产":
            cell.bbox, cell._ink, cell._reach = (0.0, 0.0, 100.0, 20.0), (2.0, 9.0), 60.0
    (t,) = stitch([a, b], [END, START])
    assert [r[0] for r in t.rows()] == ["可供出售金融资产", "持有至到期投资", "长期应收款"]


def _below(rows: list[list[str]], xs: tuple[float, ...], top: float = 500.0) -> Fragment:
    cells = [TableCell(row=r, col=c, text=t, page=3) for r, row in enumerate(rows) for c, t in enumerate(row)]
    return Fragment.from_cells(3, (xs[0], top, xs[-1], top + 200), xs, cells)


def test_a_grid_below_on_the_same_page_that_lost_an_edge_column_joins_the_table():
    """A photo's bent paper: the lower grid's last rule was not found, its empty last column lost."""
    a = frag(3, [["区民政局", "1", "2"]], header=True)
    (t,) = stitch([a, _below([["区财政局", "3"], ["区审计局", "5"]], XS[:3])], [MIDDLE, MIDDLE])
    assert t.rows() == [["区民政局", "1", "2"], ["区财政局", "3", ""], ["区审计局", "5", ""]]


def test_a_grid_below_with_other_column_boundaries_is_another_table():
    a = frag(3, [["区民政局", "1", "2"]], header=True)
    assert len(stitch([a, _below([["区财政局", "3"]], (0.0, 60.0, 150.0))], [MIDDLE, MIDDLE])) == 2
    assert len(stitch([a, _below([["区财政局", "3"]], XS[:3], top=540.0)], [MIDDLE, MIDDLE])) == 2
