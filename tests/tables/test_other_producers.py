"""Tables drawn by a producer other than LibreOffice: borders as per-cell segments."""

import pytest

from extractor import extract
from tests.pdfs import reportlab_table_pdf


@pytest.mark.parametrize("repeat_header", [True, False], ids=["repeated-header", "no-repeated-header"])
def test_reportlab_three_level_table_over_two_pages(tmp_path, repeat_header):
    result = extract(reportlab_table_pdf(tmp_path / "rl.pdf", repeat_header=repeat_header))
    (table,) = result.tables
    assert table.pages == [1, 2]
    assert table.title == "附件1：遂宁市投资项目统计表（3月）"
    assert table.header_rows == 3
    assert table.columns == [
        "序号",
        "地区",
        "已附码项目/审批类项目/项目数量",
        "已附码项目/审批类项目/总投资（万元）",
        "已附码项目/备案类项目/项目数量",
        "已附码项目/备案类项目/总投资（万元）",
    ]
    assert [r[0] for r in table.rows] == [str(i) for i in range(1, 43)]
    assert table.rows[6] == ["7", "船山区", "21", "707", "0", "10.50%"]
