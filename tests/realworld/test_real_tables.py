"""Tables of real third-party documents (../shared/realworld2) as their labels have them: skipped, with
a message, where the documents are absent."""

from __future__ import annotations

from extractor.pipeline import extract
from extractor.settings import Settings
from tests.realworld.shared import label, real_file


def test_balance_sheets_over_pages_and_a_second_header_row_inside_a_table():
    """东北电气's quarterly report: two balance sheets running over 4 and 3 pages with no repeated
    header (items without values opening a page among them), and a key-figures table whose second
    half re-heads its columns (本报告期末 under 本报告期) in a row of its body."""
    src = real_file("pdfplumber-issue-67-example.pdf")
    result = extract(src, Settings(ocr=False))
    gold = {t["title"]: t for t in label("pdfplumber-issue-67-example.pdf")["tables"]}
    by_rows = {tuple(r[0] for r in t.rows[:3]): t for t in result.tables}
    for title in ("一、主要会计数据和财务指标", "1、合并资产负债表", "2、母公司资产负债表"):
        want = gold[title]
        table = by_rows[tuple(r[0] for r in want["rows"][:3])]
        assert table.rows == want["rows"], title
        assert table.columns == want["columns"], title


def test_a_matrix_ruled_with_filled_rectangles():
    """西安航空学院's 30-column plan: every rule a 0.8 pt filled rectangle, every cell a white one drawn
    over the page (none of them hides the text drawn after it), `#REF!` down a column."""
    src = real_file("xaau-2026-province-major-plan.pdf")
    result = extract(src, Settings(ocr=False))
    (want,) = label("xaau-2026-province-major-plan.pdf")["tables"]
    (table,) = result.tables
    assert table.columns == want["columns"]
    assert table.rows == want["rows"]


def test_a_scanned_plan_whose_rules_are_found_thrice_prints_each_row_once():
    """A scanned 计划 page (dirac-table-image-1_1): each thick row rule is found as lines a hair apart,
    so the grid had rows no cell starts in, and every row came out three or four times."""
    src = real_file("dirac-table-image-1_1.jpg")
    (table,) = extract(src, Settings()).tables
    want = label("dirac-table-image-1_1.jpg")["tables"][0]["rows"]
    assert len(table.rows) == len(want)
    assert [r[3] for r in table.rows] == [r[3] for r in want]  # 人数, row by row
