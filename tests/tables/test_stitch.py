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
