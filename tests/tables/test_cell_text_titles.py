from extractor.model.page import TextLine, Word
from extractor.tables.cell_text import clean_ocr_number, fill_cells
from extractor.tables.grid import Grid
from extractor.tables.spans import CellBox
from extractor.tables.titles import find_title
from tests.tables.helpers import word


def test_wrapped_cell_text_is_joined_without_spaces():
    grid = Grid(xs=(0, 100, 200), ys=(0, 40))
    boxes = [CellBox(0, 0, 1, 1, 0, 0, 100, 40), CellBox(0, 1, 1, 1, 100, 0, 200, 40)]
    words = [
        word("涪城区食品药品和", 50, 10),
        word("工商质监管理局", 50, 25),
        word("2.26", 150, 10),
        word("9%", 150, 25),
    ]
    cells = fill_cells(boxes, grid, words, page=3)
    assert [c.text for c in cells] == ["涪城区食品药品和工商质监管理局", "2.269%"]
    assert all(c.page == 3 for c in cells)


def test_spanning_cell_collects_words_from_every_slot():
    grid = Grid(xs=(0, 50, 100), ys=(0, 20))
    boxes = [CellBox(0, 0, 1, 2, 0, 0, 100, 20)]
    cells = fill_cells(boxes, grid, [word("已附码", 40, 10, w=20), word("项目", 60, 10, w=20)], page=1)
    assert cells[0].text == "已附码项目"


def line(text, x0, top, size=12.0):
    return TextLine((Word(text, x0, top, x0 + size * len(text), top + size, size=size),))


def test_caption_above_table_skipping_unit_line():
    lines = [
        line("附件1：投资项目在线审批监管平台统计详表（11月）", 150, 60, 16),
        line("单位：件", 700, 82),
    ]
    title, used = find_title((40, 100, 800, 300), lines)
    assert title == "附件1：投资项目在线审批监管平台统计详表（11月）"
    assert len(used) == 2


def test_narrative_sentence_above_table_is_not_a_title():
    lines = [line("各部门办件情况如下：", 40, 80)]
    assert find_title((40, 100, 800, 300), lines) == (None, [])


def test_caption_far_above_is_not_taken():
    lines = [line("附件2：统计表", 300, 10)]
    assert find_title((40, 200, 800, 300), lines)[0] is None


def test_cell_read_with_low_confidence_is_flagged():
    grid = Grid(xs=(0, 100, 200), ys=(0, 40))
    boxes = [CellBox(0, 0, 1, 1, 0, 0, 100, 40), CellBox(0, 1, 1, 1, 100, 0, 200, 40)]
    sure = Word("汶川县", 40, 15, 60, 25, 10, confidence=0.99)
    unsure = Word("1875", 140, 15, 160, 25, 10, confidence=0.55)
    cells = fill_cells(boxes, grid, [sure, unsure], page=1)
    assert [(c.confidence, c.low_confidence) for c in cells] == [(0.99, False), (0.55, True)]


def test_a_thousands_comma_read_as_a_point_is_put_back():
    assert clean_ocr_number("1.645,890.39") == "1,645,890.39"
    assert clean_ocr_number("478,328.423.92") == "478,328,423.92"
    assert [clean_ocr_number(t) for t in ("1.76", "1,234.5", "2023.12.31", "55.")] == [
        "1.76",
        "1,234.5",
        "2023.12.31",
        "55",
    ]


def test_a_colon_is_a_decimal_point_misread_except_in_a_column_of_clock_times():
    """`0:01` among decimals is 0.01 misread; `07:23` in a column of times (a 医嘱单's 时间) is a time."""
    grid = Grid(xs=(0, 100, 200), ys=(0, 20, 40, 60))
    boxes = [CellBox(r, c, 1, 1, 100 * c, 20 * r, 100 * (c + 1), 20 * (r + 1)) for r in range(3) for c in range(2)]
    texts = [("07:23", "4.08"), ("07:29", "0:01"), ("08:04", "15.54")]
    words = [
        Word(t, 100 * c + 30, 20 * r + 5, 100 * c + 70, 20 * r + 15, 10, confidence=0.9)
        for r, row in enumerate(texts)
        for c, t in enumerate(row)
    ]
    cells = fill_cells(boxes, grid, words, page=1)
    assert [c.text for c in cells] == ["07:23", "4.08", "07:29", "0.01", "08:04", "15.54"]
