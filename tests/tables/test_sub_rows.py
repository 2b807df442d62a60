"""Sub-rows without rules (tables/sub_rows.py): a label cell left whole beside value cells ruled row by row."""

from __future__ import annotations

from extractor.model.page import Page, Word
from extractor.tables.lattice import ruled_fragments
from tests.tables.helpers import box_rulings

XS = [50, 200, 300, 400]


def _w(text: str, x0: float, top: float, size: float = 9.0) -> Word:
    return Word(text, x0, top, x0 + size * len(text), top + size, size)


def _table(labels: list[Word], label_box: tuple[float, float]) -> list[list[str]]:
    """A header row, a label cell from label_box's top to its bottom beside value cells ruled every
    20 pt, and a 合计 row."""
    top, bottom = label_box
    cells = [(XS[i], 100, XS[i + 1], 120) for i in range(3)] + [(XS[0], top, XS[1], bottom)]
    words = [_w("指标", 60, 105), _w("2023年", 210, 105), _w("2024年", 310, 105), *labels]
    for k, y in enumerate(range(int(top), int(bottom), 20)):
        cells += [(XS[i], y, XS[i + 1], y + 20) for i in (1, 2)]
        words += [_w(f"{k + 1}.5", 210, y + 5), _w(f"{k + 2}.0", 310, y + 5)]
    cells += [(XS[i], bottom, XS[i + 1], bottom + 20) for i in range(3)]
    words += [_w("合计", 60, bottom + 5), _w("9.9", 210, bottom + 5), _w("9.8", 310, bottom + 5)]
    page = Page(1, 595, 842, words=words, rulings=box_rulings(cells))
    (frag,) = ruled_fragments(page)
    return frag.rows()


def test_indicators_one_above_the_other_on_the_lines_of_their_values_are_rows_of_their_own():
    labels = [_w("从业人员(万人)", 60, 125), _w("营业收入(亿元)", 60, 145)]
    rows = _table(labels, (120, 160))
    assert [r[0] for r in rows] == ["从业人员(万人)", "营业收入(亿元)", "合计"]
    assert rows[1] == ["营业收入(亿元)", "2.5", "3.0"]


def test_a_group_label_over_its_rows_stays_one_cell():
    """One line centred over three rows: the label of all three."""
    rows = _table([_w("三、办理结果", 60, 145)], (120, 180))
    assert [r[0] for r in rows] == ["三、办理结果"] * 3 + ["合计"]


def test_a_label_wrapped_and_centred_between_two_rows_stays_one_cell():
    """Two lines hugging the boundary between the rows, not on their values' lines."""
    rows = _table([_w("一般公共预算", 60, 131), _w("财政拨款收入", 60, 141)], (120, 160))
    assert [r[0] for r in rows] == ["一般公共预算财政拨款收入"] * 2 + ["合计"]


def test_a_heading_wrapped_beside_two_rows_of_headings_stays_one_heading():
    """`序` over `号` in a cell spanning two header rows, each line beside a heading (`行政许可` over
    `受理`): headings, not values, so one cell."""
    cells = [(XS[0], 100, XS[1], 140), (XS[1], 100, XS[3], 120), (XS[1], 120, XS[2], 140), (XS[2], 120, XS[3], 140)]
    words = [_w("序", 60, 105), _w("号", 60, 125), _w("行政许可", 260, 105), _w("受理", 210, 125), _w("办结", 310, 125)]
    for k, y in enumerate((140, 160, 180)):
        cells += [(XS[i], y, XS[i + 1], y + 20) for i in range(3)]
        words += [_w(str(k + 1), 60, y + 5), _w(f"{k + 1}0", 210, y + 5), _w(f"{k + 1}1", 310, y + 5)]
    (frag,) = ruled_fragments(Page(1, 595, 842, words=words, rulings=box_rulings(cells)))
    assert frag.columns() == ["序号", "行政许可/受理", "行政许可/办结"]


def test_a_label_beside_a_merged_value_cell_stays_one_cell():
    """A 收支总表's right half under a seal: `六、住房保障支出` over `七、其他支出` beside one value cell holding
    both figures, while the left half's cells are ruled row by row: the row is not divided there."""
    cells = [(XS[i], 100, XS[i + 1], 120) for i in range(3)]
    cells += [(XS[0], 120, XS[1], 160), (XS[1], 120, XS[2], 160), (XS[2], 120, XS[3], 140), (XS[2], 140, XS[3], 160)]
    cells += [(XS[i], 160, XS[i + 1], 180) for i in range(3)]
    words = [_w("项目", 60, 105), _w("预算数", 210, 105), _w("上年数", 310, 105)]
    words += [
        _w("六、住房保障支出", 60, 125),
        _w("七、其他支出", 60, 145),
        _w("1643.62", 210, 125),
        _w("120.00", 210, 145),
    ]
    words += [
        _w("1500.00", 310, 125),
        _w("100.00", 310, 145),
        _w("合计", 60, 165),
        _w("1763.62", 210, 165),
        _w("1600.00", 310, 165),
    ]
    (frag,) = ruled_fragments(Page(1, 595, 842, words=words, rulings=box_rulings(cells)))
    rows = frag.rows()
    assert rows[-1] == ["合计", "1763.62", "1600.00"]
    assert rows[0][0] == rows[1][0]  # one label cell: the merged value cell beside holds both figures
