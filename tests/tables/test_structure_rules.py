"""Row paths, stacked tables, sub-headings printed in a data row, and a last page of totals:
each rule on a small grid of cells, as the table builder leaves them."""

from __future__ import annotations

from extractor.model.page import Word
from extractor.model.result import TableCell
from extractor.tables.fragment import Fragment
from extractor.tables.headers import CellGrid, count_header_rows, lift_sub_headings
from extractor.tables.paths import column_paths
from extractor.tables.row_paths import row_paths
from extractor.tables.stacked import split_stacked
from extractor.tables.stitch import PageEdges, stitch
from extractor.tables.text_rows import row_breaks
from extractor.tables.trim import trim_empty_edges

CH = 10.0  # one character width in these grids


def label(row: int, text: str, indent: float, col: int = 0, x0: float = 0.0) -> TableCell:
    cell = TableCell(row=row, col=col, text=text, page=1, bbox=(x0, row * 20.0, x0 + 200, row * 20.0 + 20))
    cell._ink = (x0 + 3 + indent * CH, CH)
    return cell


def value(row: int, col: int, text: str = "1") -> TableCell:
    return TableCell(
        row=row, col=col, text=text, page=1, bbox=(200.0 * col, row * 20.0, 200.0 * col + 80, row * 20.0 + 20)
    )


def paths(labels: list[tuple[str, float]]) -> list[str]:
    cells = [TableCell(row=0, col=0, text="指标", page=1), TableCell(row=0, col=1, text="数量", page=1)]
    for r, (text, indent) in enumerate(labels, 1):
        cells += [label(r, text, indent), value(r, 1)]
    return row_paths(CellGrid(cells, len(labels) + 1, 2), 1)


def test_qizhong_rows_printed_one_in_are_children_of_the_row_further_left() -> None:
    got = paths([("全市常住人口", 0), ("其中：城镇", 1), ("乡村", 1), ("其中：男性", 1), ("女性", 1)])
    assert got == ["全市常住人口", "全市常住人口/城镇", "全市常住人口/乡村", "全市常住人口/男性", "全市常住人口/女性"]


def test_qizhong_at_the_column_edge_is_a_child_and_rows_after_its_text_are_siblings() -> None:
    got = paths([("全市常住人口", 0), ("其中：城镇人口", 0), ("乡村人口", 3), ("粮食", 0)])
    assert got == ["全市常住人口", "全市常住人口/城镇人口", "全市常住人口/乡村人口", "粮食"]


def test_hash_items_and_their_children() -> None:
    got = paths([("粮食", 0), ("#稻谷", 1), ("早稻", 2), ("油料", 0)])
    assert got == ["粮食", "粮食/稻谷", "粮食/稻谷/早稻", "油料"]


def test_a_child_may_share_its_parents_name() -> None:
    assert paths([("其他教育支出", 0), ("其他教育支出", 1)]) == ["其他教育支出", "其他教育支出/其他教育支出"]


def test_centred_labels_carry_no_hierarchy() -> None:
    cells = [TableCell(row=0, col=0, text="地区", page=1), TableCell(row=0, col=1, text="数量", page=1)]
    for r, name in enumerate(["汶川县", "马尔康市", "理县", "九寨沟县"], 1):
        cells += [label(r, name, (20 - len(name)) / 2), value(r, 1)]  # centred in a 20-character column
    assert row_paths(CellGrid(cells, 5, 2), 1) == ["汶川县", "马尔康市", "理县", "九寨沟县"]


def test_a_merged_group_column_is_a_level_and_a_total_merged_over_it_is_top_level() -> None:
    cells = [TableCell(row=0, col=c, text=t, page=1) for c, t in enumerate(["镇", "序号", "站点", "受理"])]
    cells.append(TableCell(row=1, col=0, rowspan=3, text="耿达镇", page=1, bbox=(0, 20, 60, 80)))
    for r, (n, name) in enumerate([("1", "耿达村"), ("2", "龙潭村")], 1):
        cells += [value(r, 1, n), label(r, name, 0, col=2, x0=400), value(r, 3, "5")]
    cells += [TableCell(row=3, col=1, colspan=2, text="小计", page=1), value(3, 3, "10")]
    cells += [TableCell(row=4, col=0, colspan=3, text="总计", page=1), value(4, 3, "10")]
    grid = CellGrid(cells, 5, 4)
    assert row_paths(grid, 1) == ["耿达镇/耿达村", "耿达镇/龙潭村", "耿达镇/小计", "总计"]


def test_a_second_table_in_the_same_grid_is_split_off_with_its_own_columns() -> None:
    texts = [
        ["年底別", "總計", "田", "旱田"],
        ["40年", "1 296 177", "513 339", "315 885"],
        ["年底及地區別", "總計", "非都市土地", ""],
        ["90年", "2 931 054", "2 136 762", ""],
        ["100年", "3 492 081", "2 816 050", ""],
    ]
    cells = [
        TableCell(row=r, col=c, text=t, page=1)
        for r, row in enumerate(texts)
        for c, t in enumerate(row)
        if c < 3 or r < 2
    ]
    cells += [TableCell(row=r, col=3 - 0, text="", page=1) for r in (2, 3, 4)]
    parts = split_stacked(cells, 5, 4, (0, 10, 20, 30, 40))
    assert len(parts) == 2
    second, xs = parts[1]
    assert {c.row for c in second} == {0, 1, 2} and xs == (0, 10, 20, 30, 40)


def test_a_row_of_labels_over_one_row_of_values_is_a_form_not_a_second_table() -> None:
    texts = [
        ["每人限额", "10万", "20万", "30万"],
        ["基准保费", "3800", "4300", "5300"],
        ["面积", "<10000㎡", "10000-49999㎡", "50000-89999㎡"],
        ["面积系数", "1", "1.25", "1.5"],
        ["主险免赔", "本保单每次事故标准绝对免赔10%", "", ""],
    ]
    cells = [TableCell(row=r, col=c, text=t, page=1) for r, row in enumerate(texts[:4]) for c, t in enumerate(row)]
    cells += [
        TableCell(row=4, col=0, text="主险免赔", page=1),
        TableCell(row=4, col=1, colspan=3, text=texts[4][1], page=1),
    ]
    assert len(split_stacked(cells, 5, 4, (0, 10, 20, 30, 40))) == 1


def test_rows_under_a_footnote_banner_divided_at_other_columns_are_a_table_of_their_own() -> None:
    cells = [
        TableCell(row=0, col=c, colspan=2 if c in (0, 2) else 1, text=t, page=1)
        for c, t in ((0, "股东名称"), (2, "持有数量"), (4, "股份种类"))
    ]
    for r, (name, n) in enumerate([("王传福", "128,405,963"), ("吕向阳", "59,807,155")], 1):
        cells += [
            TableCell(row=r, col=0, colspan=2, text=name, page=1),
            TableCell(row=r, col=2, colspan=2, text=n, page=1),
            TableCell(row=r, col=4, text="人民币普通股", page=1),
        ]
    cells.append(TableCell(row=3, col=0, colspan=5, text="注1：此数包括王传福先生持有的1,000,000股", page=1))
    for r, label in ((4, "上述股东关联关系或一致行动的说明"), (5, "前10名股东参与融资融券业务情况说明")):
        cells += [
            TableCell(row=r, col=0, text=label, page=1),
            TableCell(row=r, col=1, colspan=4, text="吕向阳先生为王传福先生之表兄。", page=1),
        ]
    parts = split_stacked(cells, 6, 5, (0, 10, 20, 30, 40, 50))
    assert len(parts) == 2
    table, xs = parts[0]
    assert max(c.row for c in table) == 3 and xs == (0, 20, 40, 50)  # the note closes the table
    notes, xs = parts[1]
    assert {c.row for c in notes} == {0, 1} and xs == (0, 10, 50)


def test_a_banner_over_headings_starts_a_table_and_heads_its_columns() -> None:
    rows = [
        ["股东总数", "203,708", "优先股", "0"],
        None,
        ["股东名称", "持股比例", "持股数量", "股份状态"],
        ["王传福", "16.90%", "513,623,850", "不适用"],
    ]
    cells: list[TableCell] = []
    for r, row in enumerate(rows):
        if row is None:
            cells.append(TableCell(row=r, col=0, colspan=4, text="前10名股东持股情况", page=1))
        else:
            cells += [TableCell(row=r, col=c, text=t, page=1) for c, t in enumerate(row)]
    parts = split_stacked(cells, 4, 4, (0, 10, 20, 30, 40))
    assert [sorted({c.row for c in p}) for p, _ in parts] == [[0], [0, 1, 2]]
    frag = Fragment.from_cells(1, (0, 0, 40, 60), parts[1][1], parts[1][0])
    assert frag.columns() == [f"前10名股东持股情况/{t}" for t in rows[2] or []]


def test_lei_kuan_xiang_printed_beside_the_total_belong_to_the_header() -> None:
    cells = [
        TableCell(row=0, col=0, colspan=3, text="科目编码", page=1),
        TableCell(row=0, col=3, rowspan=1, text="科目名称", page=1),
        TableCell(row=0, col=4, text="合计", page=1),
    ]
    cells += [TableCell(row=1, col=c, text=t, page=1) for c, t in enumerate(["类", "款", "项", "合计", "56064.26"])]
    cells += [TableCell(row=2, col=c, text=t, page=1) for c, t in enumerate(["205", "", "", "教育支出", "40153.67"])]
    n_rows, header_rows = lift_sub_headings(cells, 3, 5, 1)
    assert (n_rows, header_rows) == (4, 2)
    frag = Fragment(1, (0, 0, 50, 80), (0, 10, 20, 30, 40, 50), cells, n_rows, 5, header_rows)
    assert frag.columns() == ["科目编码/类", "科目编码/款", "科目编码/项", "科目名称", "合计"]
    assert frag.rows()[0] == ["", "", "", "合计", "56064.26"]


def test_a_last_page_of_totals_merging_columns_joins_the_table() -> None:
    xs = (0.0, 40.0, 80.0, 200.0, 260.0)
    head = [TableCell(row=0, col=c, text=t, page=3) for c, t in enumerate(["镇", "序号", "站点", "受理"])]
    body = [
        TableCell(row=r, col=c, text=t, page=3) for r in (1, 2) for c, t in enumerate(["宝盛乡", str(r), "站", "5"])
    ]
    prev = Fragment.from_cells(3, (0, 100, 260, 700), xs, head + body)
    last = [
        TableCell(row=0, col=0, text="", page=4),
        TableCell(row=0, col=1, text="小计", page=4),
        TableCell(row=0, col=2, text="10", page=4),
        TableCell(row=1, col=0, colspan=2, text="总计", page=4),
        TableCell(row=1, col=2, text="10", page=4),
    ]
    shifted = (5.0, 45.0, 205.0, 265.0)  # the page sits 5 pt further right; 序号 | 站点 is never drawn
    frag = Fragment.from_cells(4, (5, 60, 265, 100), shifted, last)
    (table,) = stitch([prev, frag], [PageEdges(True, False), PageEdges(False, True)])
    assert table.pages == [3, 4]
    assert table.rows()[-2:] == [["", "小计", "小计", "10"], ["总计", "总计", "总计", "10"]]


def test_an_empty_column_at_the_edge_and_a_sliver_overshooting_the_frame_go() -> None:
    xs = (0.0, 20.0, 120.0, 220.0, 226.0)  # a border column on the left, an overshoot of 6 pt on the right
    cells = [TableCell(row=0, col=0, text="", page=1), TableCell(row=1, col=0, text="", page=1)]
    cells += [TableCell(row=0, col=1, text="符号", page=1), TableCell(row=0, col=2, colspan=2, text="特征", page=1)]
    cells += [TableCell(row=1, col=1, text="a>0", page=1), TableCell(row=1, col=2, text="开口向上", page=1)]
    cells += [TableCell(row=1, col=3, text="", page=1)]
    kept, kept_xs = trim_empty_edges(cells, xs)
    assert kept_xs == (20.0, 120.0, 220.0)
    frag = Fragment.from_cells(1, (20, 0, 220, 40), kept_xs, kept)
    assert frag.columns() == ["符号", "特征"] and frag.rows() == [["a>0", "开口向上"]]


def test_slivers_overshooting_the_frame_on_both_sides_go() -> None:
    """A curled photo's frame rules overshoot left and right, and an empty cell reaches into each
    sliver (rapidundistort's 临时医嘱单 raised an IndexError here: the right edge's index was taken
    before the left sliver went)."""
    xs = (0.0, 5.0, 100.0, 200.0, 300.0, 304.0)
    cells = [
        TableCell(row=0, col=c, text=t, page=1) for c, t in [(0, ""), (1, "日期"), (2, "医嘱"), (3, "签名"), (4, "")]
    ]
    cells += [TableCell(row=1, col=0, colspan=2, text="", page=1), TableCell(row=1, col=2, text="静滴", page=1)]
    cells.append(TableCell(row=1, col=3, colspan=2, text="", page=1))
    kept, kept_xs = trim_empty_edges(cells, xs)
    assert kept_xs == (5.0, 100.0, 200.0, 300.0)
    frag = Fragment.from_cells(1, (5, 0, 300, 40), kept_xs, kept)
    assert frag.columns() == ["日期", "医嘱", "签名"] and frag.rows() == [["", "静滴", ""]]


def test_two_slivers_at_an_edge_go_though_a_heading_spans_from_them() -> None:
    """The curled 临时医嘱单 photo, flattened: two rules drawn side by side at the left edge leave two
    slivers, and the cut top row's heading spans from them into the table (its text lies there)."""
    xs = (0.0, 4.0, 9.0, 100.0, 200.0, 300.0)
    cells = [TableCell(row=0, col=0, colspan=4, text="开始", page=1), TableCell(row=0, col=4, text="签名", page=1)]
    cells += [TableCell(row=1, col=0, text="", page=1), TableCell(row=1, col=1, text="", page=1)]
    cells += [TableCell(row=1, col=c, text=t, page=1) for c, t in [(2, "2024.09.23"), (3, "07:23"), (4, "")]]
    kept, kept_xs = trim_empty_edges(cells, xs)
    assert kept_xs == (9.0, 100.0, 200.0, 300.0)
    assert sorted((c.row, c.col, c.colspan, c.text) for c in kept) == [
        (0, 0, 2, "开始"),
        (0, 2, 1, "签名"),
        (1, 0, 1, "2024.09.23"),
        (1, 1, 1, "07:23"),
        (1, 2, 1, ""),
    ]


def _boxed(row: int, col: int, text: str, top: float = 0.0, bottom: float = 10.0, rowspan: int = 1) -> TableCell:
    """A cell of a grid whose columns are 100 pt wide."""
    return TableCell(
        row=row, col=col, rowspan=rowspan, text=text, page=1, bbox=(100.0 * col, top, 100.0 * col + 100, bottom)
    )


def _kept(cells: list[TableCell], xs: tuple[float, ...]) -> list[tuple[int, int, int, str]]:
    kept, _ = trim_empty_edges(cells, xs)
    return sorted((c.row, c.col, c.rowspan, c.text) for c in kept)


def _single(rows: list[list[str]]) -> list[tuple[int, int, int, str]]:
    """The cells of `rows`, one slot each."""
    return sorted((r, c, 1, t) for r, row in enumerate(rows) for c, t in enumerate(row))


def test_a_thin_empty_row_inside_the_grid_is_a_rule_drawn_twice_and_folds() -> None:
    """A bent rule flattened at two heights leaves a band 6 pt high under the header on the left; the
    first body row's cells on the right span the band and the row."""
    cell = _boxed
    cells = [cell(0, 0, "日期", 0, 40), cell(0, 1, "时间", 0, 46, rowspan=2), cell(0, 2, "执行日期", 0, 40)]
    cells += [cell(1, 0, "", 40, 46), cell(1, 2, "2024.09.24", 40, 86, rowspan=2)]
    cells += [cell(2, 0, "2024.09.23", 46, 86), cell(2, 1, "07:23", 46, 86)]
    cells += [cell(3, c, t, 86, 126) for c, t in enumerate(["2024.09.23", "07:29", "2024.09.24"])]
    rows = [["日期", "时间", "执行日期"], ["2024.09.23", "07:23", "2024.09.24"], ["2024.09.23", "07:29", "2024.09.24"]]
    assert _kept(cells, (0.0, 100.0, 200.0, 300.0)) == _single(rows)


def test_a_heading_block_whose_label_spans_the_values_below_is_a_row_group() -> None:
    cells = [TableCell(row=0, col=c, text=t, page=1) for c, t in enumerate(["项目", "A", "B", "C"])]
    cells += [TableCell(row=1, col=c, text=t, page=1) for c, t in enumerate(["甲", "1.0", "2.0", "3.0"])]
    cells.append(TableCell(row=2, col=0, rowspan=2, text="最小垂直距离", page=1))
    cells += [TableCell(row=2, col=c, text=t, page=1) for c, t in enumerate(["", "至水位", "至船桅", "至冰面"]) if c]
    cells += [TableCell(row=3, col=c, text=t, page=1) for c, t in enumerate(["", "6.0", "2.0", "3.0"]) if c]
    assert len(split_stacked(cells, 4, 4, (0, 10, 20, 30, 40))) == 1


def test_a_row_of_sentences_is_not_a_header_row() -> None:
    cells = [
        TableCell(row=0, col=0, colspan=2, text="方案", page=1),
        TableCell(row=0, col=2, text="内容", page=1),
        TableCell(row=1, col=0, rowspan=2, text="编两个组", page=1),
        TableCell(row=1, col=1, text="一", page=1),
        TableCell(row=1, col=2, text="第一组（5人）：班长、机枪正副射手。", page=1),
        TableCell(row=2, col=1, text="二", page=1),
        TableCell(row=2, col=2, text="第一组（5人）：班长、火箭筒正副射手。", page=1),
    ]
    assert Fragment.from_cells(1, (0, 0, 30, 30), (0, 10, 20, 30), cells).header_rows == 1


def test_a_subtotal_closes_its_items_without_heading_the_next_ones() -> None:
    got = paths(
        [("一、经营活动产生的现金流量：", 0), ("销售商品收到的现金", 1), ("经营活动现金流入小计", 0),
         ("购买商品支付的现金", 1), ("二、投资活动产生的现金流量：", 0)]
    )  # fmt: skip
    assert got == [
        "一、经营活动产生的现金流量：",
        "一、经营活动产生的现金流量：/销售商品收到的现金",
        "经营活动现金流入小计",
        "一、经营活动产生的现金流量：/购买商品支付的现金",
        "二、投资活动产生的现金流量：",
    ]


def test_merged_columns_right_of_the_stub_are_not_group_levels() -> None:
    cells = [TableCell(row=0, col=c, text=t, page=1) for c, t in enumerate(["", "符号", "特征"])]
    cells.append(TableCell(row=1, col=0, rowspan=2, text="a", page=1))
    cells += [label(1, "a>0", 0, col=1, x0=200), label(2, "a<0", 0, col=1, x0=200)]
    cells.append(TableCell(row=1, col=2, rowspan=2, text="开口", page=1))
    assert row_paths(CellGrid(cells, 3, 3), 1) == ["a/a>0", "a/a<0"]


def test_a_budget_code_gives_the_level_without_indentation() -> None:
    rows = [("合计", ""), ("教育支出", "205"), ("普通教育", "20502"), ("小学教育", "2050202"), ("体育", "20703")]
    cells = [TableCell(row=0, col=0, text="科目编码", page=1), TableCell(row=0, col=1, text="科目名称", page=1)]
    cells += [TableCell(row=0, col=2, text="决算数", page=1)]
    for r, (name, code) in enumerate(rows, 1):
        if code:
            cells += [TableCell(row=r, col=0, text=code, page=1), label(r, name, 0, col=1, x0=200)]
        else:
            cells.append(TableCell(row=r, col=0, colspan=2, text=name, page=1))
        cells.append(value(r, 2, "1.00"))
    assert row_paths(CellGrid(cells, len(rows) + 1, 3), 1) == [
        "合计",
        "教育支出",
        "教育支出/普通教育",
        "教育支出/普通教育/小学教育",
        "体育",
    ]


def test_jia_and_jian_rows_stand_beside_an_amount_and_under_a_heading() -> None:
    got = paths(
        [("二、营业总成本", 0), ("其中：营业成本", 1), ("税金及附加", 4), ("加：其他收益", 1), ("投资收益", 3),
         ("其中：联营企业投资收益", 5), ("三、营业利润", 0), ("减：所得税费用", 1)]
    )  # fmt: skip
    assert got == [
        "二、营业总成本",
        "二、营业总成本/营业成本",
        "二、营业总成本/税金及附加",
        "加：其他收益",
        "投资收益",
        "投资收益/联营企业投资收益",
        "三、营业利润",
        "减：所得税费用",
    ]
    cells = [TableCell(row=0, col=0, text="项目", page=1), TableCell(row=0, col=1, text="期末余额", page=1)]
    rows = [("所有者权益：", 0), ("实收资本（或股本）", 1), ("减：库存股", 1), ("其他综合收益", 1)]
    for r, (text, indent) in enumerate(rows, 1):
        cells += [label(r, text, indent)] + ([value(r, 1)] if r > 1 else [])
    assert row_paths(CellGrid(cells, 5, 2), 1)[2:] == ["所有者权益：/减：库存股", "所有者权益：/其他综合收益"]


def test_a_first_row_of_sentences_is_no_header() -> None:
    cells = [
        TableCell(row=r, col=c, text=t, page=1)
        for r, row in enumerate(
            [["关联关系的说明", "吕向阳先生为王传福先生之表兄。"], ["融资融券情况", "未知其参与融资融券情况。"]]
        )
        for c, t in enumerate(row)
    ]
    assert Fragment.from_cells(1, (0, 0, 20, 20), (0, 10, 20), cells).header_rows == 0


def test_a_sub_heading_may_repeat_its_groups_name() -> None:
    cells = [
        TableCell(row=0, col=0, rowspan=2, text="股东名称", page=1),
        TableCell(row=0, col=1, colspan=2, text="股份种类", page=1),
    ]
    cells += [TableCell(row=1, col=1, text="股份种类", page=1), TableCell(row=1, col=2, text="数量", page=1)]
    assert column_paths(CellGrid(cells, 2, 3), 2) == ["股东名称", "股份种类/股份种类", "股份种类/数量"]


def test_text_wrapped_in_a_value_cell_stays_in_its_row() -> None:
    def word(text: str, col: int, line: int) -> Word:
        return Word(text, 100.0 * col + 5, 20.0 * line, 100.0 * col + 5 + 9 * len(text), 20.0 * line + 10, 9.0)

    lines = [
        [(0, "甲线路"), (1, "9.5"), (2, "11.0（水平）")],
        [(2, "10.5（三角）")],
        [(0, "乙线路"), (1, "11.5"), (2, "15.5")],
    ]
    words = [word(t, c, i) for i, line in enumerate(lines) for c, t in line]
    breaks = row_breaks(words, (0, 100, 200, 300), 2)
    assert len(breaks) == 1 and 30 < breaks[0] < 40  # under 10.5（三角）, over 750


def test_a_row_of_column_codes_is_the_headers_last_row() -> None:
    heads = ["产品名称", "税率", "本期出账金额", "税额"]
    codes = ["", "A", "B", "G=A*E+A*F"]
    cells = [TableCell(row=r, col=c, text=t, page=1) for r, row in enumerate([heads, codes]) for c, t in enumerate(row)]
    cells += [TableCell(row=2, col=c, text=t, page=1) for c, t in enumerate(["塔类", "6%", "4894780.79", "293403.83"])]
    grid = CellGrid(cells, 3, 4)
    assert column_paths(grid, 2) == ["产品名称", "税率/A", "本期出账金额/B", "税额/G=A*E+A*F"]
    assert Fragment.from_cells(1, (0, 0, 40, 30), (0, 10, 20, 30, 40), cells).header_rows == 2


def test_a_boundary_only_empty_cells_use_is_dropped() -> None:
    cells = [TableCell(row=0, col=0, text="项目", page=1), TableCell(row=0, col=1, colspan=2, text="合计", page=1)]
    cells += [
        TableCell(row=1, col=0, text="塔类", page=1),
        TableCell(row=1, col=1, colspan=2, text="5183467.64", page=1),
    ]
    cells += [TableCell(row=2, col=0, text="盖章：", page=1), TableCell(row=2, col=1, text="", page=1)]
    cells += [TableCell(row=2, col=2, text="", page=1)]
    ((part, xs),) = split_stacked(cells, 3, 3, (0, 10, 20, 30))
    assert xs == (0, 10, 30) and sorted((c.row, c.col, c.colspan) for c in part)[-1] == (2, 1, 1)


def test_one_ruled_row_of_names_and_figures_is_a_table_without_header() -> None:
    texts = ["报告期末普通股股东总数", "203,708户", "报告期末表决权恢复的优先股股东总数", "0"]
    cells = [TableCell(row=0, col=c, text=t, page=1) for c, t in enumerate(texts)]
    record = Fragment.from_cells(1, (0, 0, 40, 10), (0, 10, 20, 30, 40), cells)
    assert record.is_record() and record.header_rows == 0 and record.rows() == [texts]
    words = [TableCell(row=0, col=c, text=t, page=1) for c, t in enumerate(["签发人", "审核人", "日期"])]
    assert not Fragment.from_cells(1, (0, 0, 30, 10), (0, 10, 20, 30), words).is_record()


def test_a_forms_name_and_value_rows_are_not_headers() -> None:
    cells = [TableCell(row=0, col=0, colspan=4, text="平安物业责任险-普惠版", page=1)]
    for r, (name, text) in enumerate([("累计赔偿限额", "500万（系数1）"), ("每次事故赔偿限额", "150万（系数1）")], 1):
        cells += [TableCell(row=r, col=0, text=name, page=1), TableCell(row=r, col=1, colspan=3, text=text, page=1)]
    cells += [TableCell(row=3, col=c, text=t, page=1) for c, t in enumerate(["每人赔偿限额", "10万", "20万", "30万"])]
    assert count_header_rows(CellGrid(cells, 4, 4)) == 1


def _row(r: int, spans: list[tuple[int, int, str]]) -> list[TableCell]:
    return [TableCell(row=r, col=c, colspan=n, text=t, page=1) for c, n, t in spans]


def test_a_form_over_a_table_divided_at_other_columns_is_split_off() -> None:
    """A settlement form: particulars (`出院诊断 | … | 出院日期 | 2019.04.16`) ruled at other columns
    than the cost table under them, whose second item has nothing spent."""
    cells = _row(0, [(0, 1, "出院诊断"), (1, 3, "急性女性盆腔炎"), (4, 1, "出院日期"), (5, 2, "2019.04.16")])
    cells += _row(1, [(0, 1, "结算项目"), (1, 2, "全额统筹"), (3, 2, "部分统筹"), (5, 1, "全额自费"), (6, 1, "合计")])
    cells += _row(2, [(0, 1, "西药"), (1, 2, "288.28"), (3, 2, "1653.89"), (5, 1, ""), (6, 1, "1942.17")])
    cells += _row(3, [(0, 1, "中成药"), (1, 2, ""), (3, 2, ""), (5, 1, ""), (6, 1, "")])
    cells += _row(4, [(0, 1, "检查"), (1, 2, "2024.88"), (3, 2, "240.00"), (5, 1, ""), (6, 1, "2264.88")])
    parts = split_stacked(cells, 5, 7, tuple(range(0, 80, 10)))
    assert [sorted({c.row for c in p}) for p, _ in parts] == [[0], [0, 1, 2, 3]]
    assert parts[1][1] == (0, 10, 30, 50, 60, 70)


def test_a_form_over_a_table_divided_at_the_same_columns_stays_one_table() -> None:
    cells = _row(0, [(0, 1, "单位名称"), (1, 2, "汶川县"), (3, 1, "月份"), (4, 1, "5月")])
    cells += _row(1, [(0, 1, "项目"), (1, 1, "受理"), (2, 1, "办结"), (3, 1, "好评"), (4, 1, "差评")])
    cells += _row(2, [(0, 1, "事项"), (1, 1, "12"), (2, 1, "11"), (3, 1, "10"), (4, 1, "0")])
    cells += _row(3, [(0, 1, "合计"), (1, 1, "12"), (2, 1, "11"), (3, 1, "10"), (4, 1, "0")])
    assert len(split_stacked(cells, 4, 5, tuple(range(0, 60, 10)))) == 1


def test_rows_after_a_table_divided_at_other_columns_are_the_next_block_of_the_form() -> None:
    cells = _row(0, [(0, 1, "档次"), (1, 2, "分档区间"), (3, 2, "纳入统筹额"), (5, 1, "个人负担额")])
    cells += _row(1, [(0, 1, "1"), (1, 2, "0.01-700.00"), (3, 2, "700.00"), (5, 1, "700.00")])
    cells += _row(2, [(0, 1, "合计"), (1, 2, ""), (3, 2, "700.00"), (5, 1, "700.00")])
    cells += _row(3, [(0, 2, "暂缓统筹支付额"), (2, 2, "0.00"), (4, 1, "本次支出个人账户"), (5, 1, "")])
    cells += _row(4, [(0, 2, "社会统筹实际支付额"), (2, 2, "11,130.89"), (4, 1, "大额救助实际支付额"), (5, 1, "0.00")])
    parts = split_stacked(cells, 5, 6, tuple(range(0, 70, 10)))
    assert [sorted({c.row for c in p}) for p, _ in parts] == [[0, 1, 2], [0, 1]]


def test_one_stray_boundary_in_a_row_does_not_cut_the_table() -> None:
    """A stroke read as a short rule divides one cell of one row: still the same table."""
    cells = _row(0, [(0, 1, "项目"), (1, 2, "受理"), (3, 1, "办结")])
    cells += _row(1, [(0, 1, "甲"), (1, 2, "12"), (3, 1, "11")])
    cells += _row(2, [(0, 1, "乙"), (1, 2, "13"), (3, 1, "10")])
    cells += _row(3, [(0, 1, "丙"), (1, 1, "14"), (2, 1, ""), (3, 1, "9")])
    assert len(split_stacked(cells, 4, 4, tuple(range(0, 50, 10)))) == 1


def test_an_empty_sliver_running_over_a_cut_does_not_hold_two_tables_together() -> None:
    """A second right border drawn beside the first leaves an empty column of cells merged down
    across both tables: it binds nothing."""
    cells = _row(0, [(0, 1, "项目"), (1, 1, "受理"), (2, 1, "办结")])
    cells += _row(1, [(0, 1, "甲"), (1, 1, "12"), (2, 1, "11")])
    cells += _row(2, [(0, 1, "乙"), (1, 1, "13"), (2, 1, "10")])
    cells += _row(3, [(0, 1, "档次"), (1, 1, "区间"), (2, 1, "比例")])
    cells += _row(4, [(0, 1, "1"), (1, 1, "0.01-700.00"), (2, 1, "85.00")])
    cells += _row(5, [(0, 1, "2"), (1, 1, "700.01-9000.00"), (2, 1, "90.00")])
    cells.append(TableCell(row=0, col=3, rowspan=6, text="", page=1))
    parts = split_stacked(cells, 6, 4, tuple(range(0, 50, 10)))
    assert [sorted({c.row for c in p}) for p, _ in parts] == [[0, 1, 2], [0, 1, 2]]


def _header_rows(rows: list[list[str]]) -> int:
    cells = [TableCell(row=r, col=c, text=t, page=1) for r, row in enumerate(rows) for c, t in enumerate(row)]
    return count_header_rows(CellGrid(cells, len(rows), len(rows[0])))


def test_a_row_of_dates_and_clock_times_is_data_not_a_header() -> None:
    """A 医嘱单's rows hold a date, a time, an order and names: no figure, yet no heading either."""
    head = ["日期", "时间", "临时医嘱", "执行时间"]
    body = [["2024.09.23", "07:23", "氧气吸入", "06:00"], ["2024.09.24", "10:20", "一次性使用湿化鼻氧管", "09:00"]]
    assert _header_rows([head, *body]) == 1 and _header_rows(body) == 0


def test_grid_rows_no_cell_starts_in_are_folded() -> None:
    """A thick rule found as three lines a hair apart: two rows of no height that every cell spans."""
    cells = [_boxed(0, 0, "专业"), _boxed(0, 1, "人数")]
    cells += [_boxed(1, 0, "机电一体化技术", rowspan=3), _boxed(1, 1, "26", rowspan=3)]
    cells += [_boxed(4, 0, "工业机器人技术"), _boxed(4, 1, "77")]
    rows = [["专业", "人数"], ["机电一体化技术", "26"], ["工业机器人技术", "77"]]
    assert _kept(cells, (0.0, 100.0, 200.0)) == _single(rows)


def test_a_row_of_section_labels_ending_in_colons_is_no_header_row() -> None:
    """A balance sheet: `流动资产：` | `流动负债：` under the headings label the sections below (a heading
    the reader missed leaves a blank above them, as over a header's second row)."""
    sections = ["流动资产：", "", "流动负债：", ""]
    assert _header_rows([["资产", "期末数", "", "期末数"], sections, ["货币资金", "428,908.96", "短期借款", "31"]]) == 1
