"""Lineless tables as scanned lab reports print them (tables/text_blocks.py, borderless.py,
lattice.py): a header band between two rules, a frame round the body, item numbers the reader
glued to some names, a flag one row in twelve prints, specks read as dashes between the rows.
The real reports these come from are in tests/realworld/test_real_captures.py."""

from __future__ import annotations

from extractor.model.page import Page, Ruling, Word
from extractor.tables.borderless import text_fragments
from extractor.tables.lattice import ruled_fragments
from extractor.tables.text_blocks import line_segments, rows_of, split_item_numbers

ITEMS = [
    ("白细胞", "4.08", "10^9/L", "3.5-9.5"),
    ("中性粒细胞", "2.19", "10^9/L", "1.8-6.3"),
    ("淋巴细胞", "2.52", "10^9/L", "1.1-3.2"),
    ("单核细胞", "0.46", "10^9/L", "0.1-0.6"),
    ("嗜酸细胞", "0.12", "10^9/L", "0.02-0.52"),
    ("嗜碱细胞", "0.02", "10^9/L", "0-0.06"),
    ("红细胞", "3.93", "10^12/L", "3.80-5.10"),
    ("血红蛋白", "126", "g/L", "115-150"),
    ("红细胞压积", "37.20", "%", "35-45"),
    ("平均体积", "94.70", "fL", "82-100"),
    ("血小板", "298", "10^9/L", "125-350"),
    ("血小板压积", "0.33", "%", "0.09-0.30"),
]
NUMBER_X, NAME_X, VALUE_X, FLAG_X, UNIT_X, REF_X = 40.0, 70.0, 200.0, 246.0, 290.0, 360.0


def _w(text: str, x0: float, top: float) -> Word:
    """A word as OCR gives it: CJK characters 8 points wide, others 4."""
    width = sum(8.0 if ord(ch) > 0x2E80 else 4.0 for ch in text)
    return Word(text, x0, top, x0 + width, top + 8.0, 8.0)


def _report(glued: tuple[int, ...] = (), flag_row: int | None = None, specks: bool = False) -> Page:
    words = [_w("项目名称", NAME_X, 100), _w("结果", VALUE_X, 100), _w("单位", UNIT_X, 100), _w("参考值", REF_X, 100)]
    rules = [Ruling("h", 96.0, 30.0, 460.0), Ruling("h", 112.0, 30.0, 460.0)]  # the header band
    for k, (name, value, unit, ref) in enumerate(ITEMS):
        top = 120.0 + 16.0 * k
        number = str(k + 1)
        if k in glued:  # one box from the number over the gap to the name's end
            end = _w(name, NAME_X, top).x1
            words.append(Word(number + name, NUMBER_X, top, end, top + 8.0, 8.0))
        else:
            words += [_w(number, NUMBER_X, top), _w(name, NAME_X, top)]
        words += [_w(value, VALUE_X, top), _w(unit, UNIT_X, top), _w(ref, REF_X, top)]
        if k == flag_row:
            words.append(_w("↓", FLAG_X, top))
        if specks and k % 3 == 1:  # a speck read as a dash, its box as tall as two rows' gap and more
            words.append(Word("-", REF_X + 70.0, top + 3.0, REF_X + 76.0, top + 19.0, 16.0))
    bottom = 120.0 + 16.0 * len(ITEMS) + 4.0
    rules += [Ruling("v", 34.0, 96.0, bottom), Ruling("v", 460.0, 96.0, bottom), Ruling("h", bottom, 30.0, 460.0)]
    return Page(1, 595.0, 842.0, words=words, rulings=rules)


def _rows(page: Page) -> list[list[str]]:
    (frag,) = text_fragments(page, [f.bbox for f in ruled_fragments(page)])
    rows: dict[int, dict[int, str]] = {}
    for c in frag.cells:
        rows.setdefault(c.row, {})[c.col] = c.text
    width = max(max(r) for r in rows.values()) + 1
    return [[rows[r].get(k, "") for k in range(width)] for r in sorted(rows)]


def test_rules_framing_a_lineless_table_leave_it_to_the_text_builder():
    page = _report()
    assert ruled_fragments(page) == []
    rows = _rows(page)
    assert rows[0] == ["", "项目名称", "结果", "单位", "参考值"]
    assert rows[1] == ["1", "白细胞", "4.08", "10^9/L", "3.5-9.5"] and len(rows) == 1 + len(ITEMS)


def test_item_numbers_glued_to_their_names_are_cut_into_the_number_column():
    rows = _rows(_report(glued=(3, 8, 10)))
    assert [r[0] for r in rows[1:]] == [str(k + 1) for k in range(len(ITEMS))]
    assert rows[4][1] == "单核细胞" and rows[11][1] == "血小板"


def test_a_figure_in_the_text_is_no_item_number():
    """`2023年`-like starts are cut only where lone numbers stand in a column of their own."""
    words = [_w("2023年报告", 40.0, 100.0 + 16.0 * k) for k in range(4)]
    rows = rows_of(line_segments(words))
    split_item_numbers(rows)
    assert [s.text for r in rows for s in r.segments] == ["2023年报告"] * 4


def test_a_flag_printed_in_one_row_is_a_column_of_its_own():
    rows = _rows(_report(flag_row=4))
    assert rows[0] == ["", "项目名称", "结果", "", "单位", "参考值"]
    assert rows[5][3] == "↓" and all(r[3] == "" for k, r in enumerate(rows) if k != 5)


def test_specks_read_as_dashes_between_rows_join_no_two_rows():
    rows = _rows(_report(specks=True))
    assert len(rows) == 1 + len(ITEMS)
    assert [r[1] for r in rows[1:]] == [item[0] for item in ITEMS]
