"""Tables side by side (tables/panels.py) and tables stacked in one column: a constructed page and a real
broker note whose pages set two and four tables beside and under each other."""

from __future__ import annotations

from extractor.model.page import Page, Ruling, Word
from extractor.pipeline import extract
from extractor.settings import Settings
from extractor.tables.borderless import text_fragments
from extractor.tables.panels import split_columns, split_panels
from tests.realworld.shared import label, real_file


def _w(text: str, x0: float, top: float) -> Word:
    return Word(text, x0, top, x0 + 8.0 * len(text), top + 8.0, 8.0)


def _side_by_side() -> Page:
    """Two ruled-row tables beside each other whose rows do not line up (the right one's rows are
    lower and closer), a running head across the page above them and a footnote below."""
    words = [_w("公司点评高测股份研究报告", 40, 20)]
    rules = [Ruling("h", 35.0, 30.0, 560.0)]
    left = [("总股本", "227.92"), ("流通股", "167.01"), ("总市值", "18785.44"), ("总资产", "3508.81")]
    for k, (name, value) in enumerate(left):
        top = 60 + 15 * k
        words += [_w(name, 34, top), _w(value, 190 - 8 * len(value), top)]
        rules.append(Ruling("h", top + 11, 30.0, 190.0))
    words += [_w("年", 260, 52), _w("2021A", 330, 52), _w("2022E", 400, 52), _w("2023E", 470, 52)]
    right = [("营业收入", "746", "1567", "3684"), ("净利润", "59", "173", "471"), ("每股收益", "0.43", "1.07", "2.91")]
    for k, (name, *values) in enumerate(right):
        top = 66 + 13 * k
        words.append(_w(name, 200, top))
        words += [_w(v, 360 + 70 * i - 8 * len(v), top) for i, v in enumerate(values)]
        rules.append(Ruling("h", top + 10, 196.0, 560.0))
    rules += [Ruling("h", 48.0, 196.0, 560.0), Ruling("h", 62.0, 196.0, 560.0)]  # the header's rules
    words.append(_w("资料来源：公司年报及德邦研究所测算数据，估值以七月十九日收盘价计", 34, 200))  # across both
    return Page(1, 595.0, 842.0, words=words, rulings=rules)


def test_a_gutter_where_the_rules_stop_and_start_again_cuts_the_band_into_panels():
    page = _side_by_side()
    groups = split_panels(page.words, page.rulings)
    texts = [sorted(w.text for w in ws) for ws, _ in groups]
    assert len(groups) == 3
    rest, left, right = texts
    assert "公司点评高测股份研究报告" in rest and any(t.startswith("资料来源") for t in rest)
    assert "总股本" in left and "营业收入" not in left
    assert "营业收入" in right and "2021A" in right and "总股本" not in right


def test_side_by_side_tables_are_two_tables():
    frags = text_fragments(_side_by_side(), [])
    firsts = sorted(f.rows()[0][0] for f in frags)
    assert firsts == sorted(["营业收入", "总股本"])


def test_a_gap_between_two_groups_of_headings_is_not_a_gutter():
    """One table whose headings are underlined in two groups (绝对数 | 增速): the columns right of the gap
    hold figures only, so the band is not cut."""
    words, rules = [], []
    for k, name in enumerate(["地区生产总值", "第一产业", "第二产业", "第三产业"]):
        top = 60 + 14 * k
        words += [
            _w(name, 40, top),
            _w("100.5", 200, top),
            _w("98.1", 260, top),
            _w("5.2", 330, top),
            _w("4.8", 390, top),
        ]
    rules += [
        Ruling("h", 40, 190, 300),
        Ruling("h", 40, 320, 430),
        Ruling("h", 52, 190, 300),
        Ruling("h", 52, 320, 430),
    ]
    assert len(split_panels(words, rules)) == 1


def test_a_real_report_with_tables_beside_and_under_each_other():
    """德邦证券's note: on p2 股票数据 beside 主要财务数据及预测; on p3 two columns of two tables each."""
    src = real_file("mineru-test-rearch-report.pdf")
    result = extract(src, Settings(ocr=False))
    gold = {t["columns"][0]: t for t in label("mineru-test-rearch-report.pdf")["tables"] if t["columns"][0]}
    found = {t.columns[0]: t for t in result.tables}
    for stub in ("主要财务指标", "现金流量表(百万元)", "利润表(百万元)", "资产负债表(百万元)"):
        table = found[stub.replace("(", "（").replace(")", "）")] if stub not in found else found[stub]
        assert table.columns[1:] == gold[stub]["columns"][1:]
        assert len(table.rows) == len(gold[stub]["rows"])
    stock = next(t for t in result.tables if t.rows and t.rows[0][0].startswith("总股本"))
    assert [r[1] for r in stock.rows] == [r[1] for r in label("mineru-test-rearch-report.pdf")["tables"][1]["rows"]]


def _sidebar_page() -> Page:
    """A sidebar (a three-line table of two rows under a caption, then notes) beside a column of
    paragraphs set at another line pitch; no rule ends or starts between them."""
    words, rules = [_w("市场表现", 30, 60)], []
    words += [_w("对比", 30, 80), _w("1M", 110, 80), _w("2M", 140, 80), _w("3M", 170, 80)]
    for k, (name, *values) in enumerate(
        [("绝对涨幅", "7.18", "32.88", "80.86"), ("相对涨幅", "8.10", "25.93", "78.39")]
    ):
        top = 94 + 13 * k
        words.append(_w(name, 30, top))
        words += [Word(v, 126 + 30 * i - 5 * len(v), top, 126 + 30 * i, top + 8.0, 8.0) for i, v in enumerate(values)]
    rules += [Ruling("h", 78.0, 28.0, 190.0), Ruling("h", 91.0, 28.0, 190.0), Ruling("h", 120.0, 28.0, 190.0)]
    words += [_w(f"相关研究第{k}篇", 30, 140 + 13 * k) for k in range(6)]
    words += [_w("公司拟与壶关县人民政府签署金刚线项目投资协议书项目一期", 200, 52 + 17.5 * k) for k in range(14)]
    return Page(1, 595.0, 842.0, words=words, rulings=rules)


def test_a_sidebar_set_beside_the_body_is_a_column_of_its_own():
    page = _sidebar_page()
    columns = split_columns(page.words, page.rulings)
    assert [sorted({w.text for w in ws}) for ws, _ in columns][1] == [
        "公司拟与壶关县人民政府签署金刚线项目投资协议书项目一期"
    ]
    (frag,) = text_fragments(page, [])
    assert frag.rows() == [["绝对涨幅", "7.18", "32.88", "80.86"], ["相对涨幅", "8.10", "25.93", "78.39"]]


def test_columns_of_one_table_keep_step_and_are_not_cut():
    """A table whose figures stand far right of its labels: a wide white strip runs down it, but its
    rows share their lines, and its sparse column (blank cells) sits level with the labels."""
    words = []
    for k in range(8):
        top = 60 + 14 * k
        words.append(_w(f"项目{k}", 40, top))
        if k % 3:
            words.append(_w(f"{k}00.5", 300, top))
    assert len(split_columns(words, [])) == 1
    assert len(split_panels(words, [])) == 1


def test_a_real_sidebar_table_beside_a_broker_notes_paragraphs():
    """德邦证券's note, p1: 市场表现, a three-line table of two rows in the sidebar, beside the body text."""
    src = real_file("mineru-test-rearch-report.pdf")
    result = extract(src, Settings(ocr=False))
    gold = next(t for t in label("mineru-test-rearch-report.pdf")["tables"] if t["title"] == "市场表现")
    table = next(t for t in result.tables if t.pages == [1])
    assert table.columns == gold["columns"]
    assert table.rows == gold["rows"]


def test_a_forms_particulars_above_a_borderless_table_are_not_its_rows():
    """A lab report: `姓名： 性别：女 ID号：15011039` and `科别：内科 年龄：39岁 样本号：57` above a
    borderless table are the form's particulars, so the table starts at its own header."""
    words = [_w("姓名：", 40, 40), _w("性别：女", 200, 40), _w("ID号：15011039", 360, 40)]
    words += [_w("科别：内科", 40, 54), _w("年龄：39岁", 200, 54), _w("样本号：57", 360, 54)]
    words += [_w("项目名称", 40, 76), _w("结果", 200, 76), _w("单位", 280, 76), _w("参考值", 360, 76)]
    for k, (name, value, unit, ref) in enumerate(
        [("谷丙转氨酶", "11.0", "U/L", "0-40"), ("白蛋白", "39.1", "g/L", "35-55"), ("总蛋白", "63.7", "g/L", "66-87")]
    ):
        top = 92 + 14 * k
        words += [_w(name, 40, top), _w(value, 200, top), _w(unit, 280, top), _w(ref, 360, top)]
    (frag,) = text_fragments(Page(1, 595.0, 842.0, words=words, rulings=[]), [])
    assert frag.columns() == ["项目名称", "结果", "单位", "参考值"]
    assert frag.rows()[0] == ["谷丙转氨酶", "11.0", "U/L", "0-40"]


def test_a_flag_between_a_result_and_its_unit_is_a_cell_of_its_own():
    from extractor.tables.text_blocks import line_segments  # noqa: PLC0415

    words = [Word("63.7", 100, 10, 130, 22, 12), Word("↓", 170, 10, 176, 22, 12), Word("g/L", 182, 10, 205, 22, 12)]
    assert [s.text for s in line_segments(words)] == ["63.7", "↓", "g/L"]
