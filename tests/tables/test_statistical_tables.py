"""Tables as 统计公报 and yearbooks print them (issue 10): real PDFs drawn by tests/statpdfs.py.

Three-line tables, tables ruled only between columns, and ruled cells holding stacked
values all give one row per printed line of values; a label wrapped inside its cell stays
one cell; 其中 / # / indented labels give row paths; a short heading over two columns heads
both; a three-line table continued on the next page without its header is one table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import extract
from tests.statpdfs import BodyRow, HeadCell, stat_table_pdf

HEAD = [
    HeadCell("指标", 0, 0, 2),
    HeadCell("绝对数", 0, 1, 1, 2),
    HeadCell("本年", 1, 1),
    HeadCell("上年", 1, 2),
    HeadCell("比上年增长（%）", 0, 3, 2),
]
BODY = [
    BodyRow("地区生产总值（亿元）", ("866.60", "823.10", "4.8")),
    BodyRow("其中：第一产业", ("92.66", "88.10", "3.9"), 1),
    BodyRow("第二产业", ("392.66", "380.10", "5.1"), 4),  # lined up after 其中：
    BodyRow("社会消费品零售总额（亿元）", ("473.94", "450.00", "5.3")),
    BodyRow("#城镇", ("390.2", "371.0", "5.2"), 1),
    BodyRow("乡村", ("83.7", "79.0", "5.9"), 1),
    BodyRow("城乡居民人均可支配收入中位数及相关指标（元）", ("32150", "30520", "5.3")),  # wraps in its cell
    BodyRow("城镇", ("42150", "40120", "5.1"), 1),
    BodyRow("粮食总产量（万吨）", ("102.3", "101.9", "0.4")),
]
WIDTHS = [200, 80, 80, 90]
COLUMNS = ["指标", "绝对数/本年", "绝对数/上年", "比上年增长（%）"]
PATHS = [
    "地区生产总值（亿元）",
    "地区生产总值（亿元）/第一产业",
    "地区生产总值（亿元）/第二产业",
    "社会消费品零售总额（亿元）",
    "社会消费品零售总额（亿元）/城镇",
    "社会消费品零售总额（亿元）/乡村",
    "城乡居民人均可支配收入中位数及相关指标（元）",
    "城乡居民人均可支配收入中位数及相关指标（元）/城镇",
    "粮食总产量（万吨）",
]


@pytest.mark.parametrize("rules", ["three-line", "columns", "frame", "header"])
def test_rows_come_from_the_lines_of_values(tmp_path: Path, rules: str) -> None:
    result = extract(stat_table_pdf(tmp_path / f"{rules}.pdf", HEAD, BODY, WIDTHS, rules=rules))
    (table,) = result.tables
    assert table.columns == COLUMNS
    assert [row[0] for row in table.rows] == [b.label for b in BODY]  # printed as is, wrapped label whole
    assert [row[1] for row in table.rows] == [b.values[0] for b in BODY]
    assert table.row_paths == PATHS


def test_a_three_line_table_continued_without_its_header_is_one_table(tmp_path: Path) -> None:
    pdf = stat_table_pdf(tmp_path / "break.pdf", HEAD, BODY * 3, WIDTHS, rows_per_page=14)
    result = extract(pdf)
    (table,) = result.tables
    assert table.pages == [1, 2]
    assert len(table.rows) == 3 * len(BODY)
    assert table.row_paths == PATHS * 3


def test_a_year_in_the_title_is_the_period(tmp_path: Path) -> None:
    pdf = stat_table_pdf(tmp_path / "t.pdf", HEAD, BODY, WIDTHS, narrative=["2023年某市国民经济和社会发展统计公报"])
    doc = extract(pdf).document
    assert (doc.period, doc.period_kind) == ("2023", "year")


def test_a_total_set_further_out_than_the_items_under_it_is_not_a_column_of_its_own(tmp_path: Path) -> None:
    # 张掖 表3: 总计 flush left, every item two characters in; no rule between them
    head = [HeadCell("指标", 0, 0), HeadCell("2023年（元）", 0, 1), HeadCell("2022年（元）", 0, 2)]
    items = [("食品烟酒", "6170", "5830"), ("衣着", "1282", "1310"), ("居住", "4550", "4120"),
             ("交通通信", "2779", "2580"), ("教育文化娱乐", "2266", "2150"), ("医疗保健", "1875", "1820"),
             ("其他用品及服务", "434", "420"), ("生活用品及服务", "1210", "1150"), ("其中：通信", "668", "690"),
             ("其中：饮食服务", "1406", "1190")]  # fmt: skip
    body = [BodyRow("总计", ("20566", "19380")), *(BodyRow(n, (a, b), 2) for n, a, b in items)]
    (table,) = extract(stat_table_pdf(tmp_path / "t.pdf", head, body, [180, 90, 90], rules="three-line")).tables
    assert table.columns == ["指标", "2023年（元）", "2022年（元）"]
    assert [row[0] for row in table.rows] == ["总计", *(n for n, _, _ in items)]
