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


NOTE_X = 420.0


def _report(
    glued: tuple[int, ...] = (),
    flag_row: int | None = None,
    specks: bool = False,
    missed: tuple[int, ...] = (),
    note_row: int | None = None,
    ruled: bool = True,
) -> Page:
    """`missed`: rows whose item number the detector passed over; `note_row`: the one row with a
    remark in a last column headed 备注."""
    words = [_w("项目名称", NAME_X, 100), _w("结果", VALUE_X, 100), _w("单位", UNIT_X, 100), _w("参考值", REF_X, 100)]
    if note_row is not None:
        words.append(_w("备注", NOTE_X, 100))
    rules = [Ruling("h", 96.0, 30.0, 460.0), Ruling("h", 112.0, 30.0, 460.0)]  # the header band
    for k, (name, value, unit, ref) in enumerate(ITEMS):
        top = 120.0 + 16.0 * k
        number = str(k + 1)
        if k in glued:  # one box from the number over the gap to the name's end
            end = _w(name, NAME_X, top).x1
            words.append(Word(number + name, NUMBER_X, top, end, top + 8.0, 8.0))
        else:
            words += ([] if k in missed else [_w(number, NUMBER_X, top)]) + [_w(name, NAME_X, top)]
        if k == note_row:
            words.append(_w("复查", NOTE_X, top))
        words += [_w(value, VALUE_X, top), _w(unit, UNIT_X, top), _w(ref, REF_X, top)]
        if k == flag_row:
            words.append(_w("↓", FLAG_X, top))
        if specks and k % 3 == 1:  # a speck read as a dash, its box as tall as two rows' gap and more
            words.append(Word("-", REF_X + 70.0, top + 3.0, REF_X + 76.0, top + 19.0, 16.0))
    bottom = 120.0 + 16.0 * len(ITEMS) + 4.0
    rules += [Ruling("v", 34.0, 96.0, bottom), Ruling("v", 460.0, 96.0, bottom), Ruling("h", bottom, 30.0, 460.0)]
    return Page(1, 595.0, 842.0, words=words, rulings=rules if ruled else [])


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


def test_a_line_of_headings_with_one_past_the_first_body_row_still_heads_the_table():
    """The first item's number missed by the detector and a last column empty but in one row: the
    first body row is narrower than the table, and one of the headings (备注) stands past it."""
    rows = _rows(_report(missed=(0,), note_row=6, ruled=False))
    assert rows[0] == ["", "项目名称", "结果", "单位", "参考值", "备注"]
    assert rows[1] == ["", "白细胞", "4.08", "10^9/L", "3.5-9.5", ""] and rows[7][5] == "复查"


def test_a_header_band_under_form_lines_and_a_bottom_rule_bound_the_table():
    """A report photographed whole: a line of particulars with a figure (`门诊号 90051065`) joins the
    rows of the table, and so do the signature lines with dates under it; the rules above and below
    the headings and the bottom rule say where the table is."""
    words = [_w("门诊号", NAME_X, 70), _w("90051065", VALUE_X, 70), _w("科室儿科", UNIT_X, 70), _w("正常", REF_X, 70)]
    words += [_w("项目名称", NAME_X, 100), _w("结果", VALUE_X, 100), _w("单位", UNIT_X, 100), _w("参考值", REF_X, 100)]
    for k, (name, value, unit, ref) in enumerate(ITEMS):
        top = 120.0 + 16.0 * k
        words += [_w(str(k + 1), NUMBER_X, top), _w(name, NAME_X, top), _w(value, VALUE_X, top)]
        words += [_w(unit, UNIT_X, top), _w(ref, REF_X, top)]
    bottom = 120.0 + 16.0 * len(ITEMS) + 4.0
    words += [
        _w("接收时间", NAME_X, bottom + 6),
        _w("2016-08-24", VALUE_X, bottom + 6),
        _w("检验者", UNIT_X, bottom + 6),
    ]
    words += [_w("29028", REF_X, bottom + 6)]
    rules = [Ruling("h", 96.0, 30.0, 460.0), Ruling("h", 112.0, 30.0, 460.0), Ruling("h", bottom, 30.0, 460.0)]
    rows = _rows(Page(1, 595.0, 842.0, words=words, rulings=rules))
    assert rows[0] == ["", "项目名称", "结果", "单位", "参考值"]
    assert rows[1] == ["1", "白细胞", "4.08", "10^9/L", "3.5-9.5"] and len(rows) == 1 + len(ITEMS)


def test_a_drawn_divider_parts_two_panels_whose_words_touch_it():
    """Words split at a panel's divider (`10^9/L` | `14`) touch; the divider keeps them two pieces."""
    words = [Word("10^9/L", 100.0, 50.0, 150.0, 58.0, 8.0), Word("14平均", 150.0, 50.0, 190.0, 58.0, 8.0)]
    assert [s.text for s in line_segments(words)] == ["10^9/L14平均"]
    assert [s.text for s in line_segments(words, [Ruling("v", 150.0, 0.0, 200.0)])] == ["10^9/L", "14平均"]
