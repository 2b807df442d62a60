import pytest

from extractor.narrative.period import last_month, month_period, statement_period, year_period

STATEMENTS = [
    ("2023年1—9月全市经济运行情况", None, ("2023-01/2023-09", "months")),
    ("2023年1月—9月", None, ("2023-01/2023-09", "months")),
    ("1至11月政务服务数据", 2021, ("2021-01/2021-11", "months")),
    ("2023年前三季度经济运行", None, ("2023-01/2023-09", "months")),
    ("2024年第三季度政务服务通报", None, ("2024-Q3", "quarter")),
    ("一季度", 2022, ("2022-Q1", "quarter")),
    ("2023年上半年工作总结", None, ("2023-H1", "half")),
    ("下半年", 2019, ("2019-H2", "half")),
    ("政务服务工作简报（2021年4月）", None, None),  # a plain month: not a statement
]


@pytest.mark.parametrize(("text", "hint", "expected"), STATEMENTS, ids=[s[0] for s in STATEMENTS])
def test_statements(text, hint, expected):
    found = statement_period(text, hint)
    assert (None if found is None else (found.value, found.kind)) == expected


@pytest.mark.parametrize(
    "title",
    [
        "2023年某市国民经济和社会发展统计公报",
        "某县财政局2024年部门预算",
        "2023年度部门决算",
        "2023年政府信息公开工作年度报告",
    ],
)
def test_a_title_naming_only_a_year_is_a_year(title):
    found = year_period(title)
    assert found is not None and found.kind == "year" and found.value == title[title.index("20") :][:4]


def test_a_title_with_a_month_is_not_a_year():
    assert year_period("2021年4月政务服务简报") is None


def test_december_published_in_january_is_last_year():
    assert month_period(None, 12, "2020-01-08", None).value == "2019-12"
    assert month_period(None, 5, None, None).value == "--05"


@pytest.mark.parametrize(
    ("period", "last"),
    [("2023", (2023, 12)), ("2023-Q3", (2023, 9)), ("2023-H1", (2023, 6)), ("2023-01/2023-09", (2023, 9)),
     ("2021-04", (2021, 4)), ("--05", None)],
)  # fmt: skip
def test_last_month(period, last):
    assert last_month(period) == last
