"""Dates: days, ranges, parts of the day, months, the year from the reporting period."""

from __future__ import annotations

import pytest

from extractor.facts.dates import YearRule, find_dates, find_month

NOV_2018 = YearRule(2018, 11)


@pytest.mark.parametrize(
    ("text", "date", "end", "part"),
    [
        ("11月6日，州政务服务中心", "2018-11-06", None, None),
        ("10月29日-11月2日，州人民政府", "2018-10-29", "2018-11-02", None),
        ("11月21日至22日，州政务服务中心工会", "2018-11-21", "2018-11-22", None),
        ("11月15日上午，州医保局窗口", "2018-11-15", None, "上午"),
        ("十一月二日，", "2018-11-02", None, None),
        ("2019年3月5日，", "2019-03-05", None, None),
    ],
)
def test_days_and_ranges(text, date, end, part):
    (d,) = find_dates(text, NOV_2018)
    assert (d.date, d.end_date, d.part) == (date, end, part)
    assert text[d.start : d.end] == d.text


def test_a_january_bulletin_speaks_of_december():
    (d,) = find_dates("12月28日，", YearRule(2021, 1))
    assert d.date == "2020-12-28"
    (d,) = find_dates("12月30日至1月2日", YearRule(2021, 1))
    assert (d.date, d.end_date) == ("2020-12-30", "2021-01-02")


def test_without_a_year():
    (d,) = find_dates("11月6日", YearRule(None, None))
    assert d.date == "--11-06"


@pytest.mark.parametrize("text", ["2月30日", "13月2日", "4月31日", "2月29日"])
def test_dates_that_do_not_exist_are_reported(text):
    (d,) = find_dates(text, YearRule(2019, 3))
    assert d.date is None and d.invalid


def test_month_statements():
    assert find_month("11月，阿坝县政务中心结合…", NOV_2018) == ("2018-11", 0, 3)
    assert find_month("11月6日，", NOV_2018) is None
    assert find_month("十一月，", YearRule(None, None)) == ("--11", 0, 3)
