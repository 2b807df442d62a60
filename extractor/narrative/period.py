"""What a document reports on: a month, a quarter, a half-year, a run of months, or a year.

Read from the title (else the opening lines), in this order, because a longer
statement holds a shorter one (`2023年1—9月` holds `9月`):

| printed | period | kind |
|---|---|---|
| `2023年1—9月`, `1至9月`, `1月—9月`, `前三季度` | `2023-01/2023-09` | months |
| `2023年第三季度`, `三季度` | `2023-Q3` | quarter |
| `2023年上半年` / `下半年` | `2023-H1` / `2023-H2` | half |
| `（2021年4月）`, `11月` | `2021-04` | month |
| `2023年…统计公报`, `2023年度…决算`, `2024年部门预算`, a title naming only a year | `2023` | year |

A year missing from the statement comes from elsewhere in the title or the
opening page (`year_hint`); a month without any year is `--MM`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

PeriodKind = Literal["month", "quarter", "half", "year", "months"]

_CN = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_NUM = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_YEAR = r"(?:(\d{4})\s*年\s*(?:度\s*)?)?"
_DASH = r"\s*(?:[—–\-~～至到]|－)+\s*"
_MONTHS = re.compile(_YEAR + _NUM + r"\s*(?:月份?)?" + _DASH + _NUM + r"\s*月(?!\s*\d{1,2}\s*日)")
_FIRST_QUARTERS = re.compile(_YEAR + r"前\s*([一二三两1-3])\s*(?:个)?季度")
_QUARTER = re.compile(_YEAR + r"第?\s*([一二三四1-4])\s*季度")
_HALF = re.compile(_YEAR + r"([上下])\s*半\s*年")
_MONTH = re.compile(_YEAR + _NUM + r"\s*月(?!\s*\d{1,2}\s*日)")
_YEAR_ONLY = re.compile(r"(\d{4})\s*年")
_ANY_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


@dataclass(frozen=True, slots=True)
class Period:
    value: str
    kind: PeriodKind


def cn_number(text: str) -> int | None:
    """'11' or '十一' or '二〇二一' → int."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if text and all(ch in _CN for ch in text):
        if "十" in text:
            head, _, tail = text.partition("十")
            return (_CN[head] if head else 1) * 10 + (_CN[tail] if tail else 0)
        value = 0
        for ch in text:
            value = value * 10 + _CN[ch]
        return value
    return None


def month_mention(text: str) -> tuple[int | None, int] | None:
    """The first '(YYYY年)M月' in a text (not a day 'M月D日'): (year or None, month)."""
    for m in _MONTH.finditer(text):
        month = cn_number(m.group(2))
        if month is not None and 1 <= month <= 12:
            return (int(m.group(1)) if m.group(1) else None, month)
    return None


def statement_period(text: str, year_hint: int | None) -> Period | None:
    """The period a title states, other than a plain month (see `month_mention`)."""
    own_year = _ANY_YEAR.search(text)
    default_year = int(own_year.group(1)) if own_year else year_hint
    for m in _MONTHS.finditer(text):
        first, last = cn_number(m.group(2)), cn_number(m.group(3))
        if first and last and 1 <= first < last <= 12:
            year = int(m.group(1)) if m.group(1) else default_year
            return _months(year, first, last)
    first_quarters = _FIRST_QUARTERS.search(text)
    if first_quarters and (n := cn_number(first_quarters.group(2))):
        return _months(int(first_quarters.group(1)) if first_quarters.group(1) else default_year, 1, 3 * n)
    quarter = _QUARTER.search(text)
    if quarter and (q := cn_number(quarter.group(2))):
        year = int(quarter.group(1)) if quarter.group(1) else default_year
        return Period(f"{_year(year)}-Q{q}", "quarter")
    half = _HALF.search(text)
    if half:
        year = int(half.group(1)) if half.group(1) else default_year
        return Period(f"{_year(year)}-H{1 if half.group(2) == '上' else 2}", "half")
    return None


def year_period(text: str) -> Period | None:
    """A title that names a year and no month: an annual report, a budget, a 统计公报."""
    if month_mention(text) is not None:
        return None
    m = _YEAR_ONLY.search(text)
    return Period(m.group(1), "year") if m else None


def month_period(year: int | None, month: int, published: str | None, year_hint: int | None) -> Period:
    if year is None and published:
        pub_year, pub_month = int(published[:4]), int(published[5:7])
        # a bulletin reports on a month before it is published: December news comes out in January
        year = pub_year if month <= pub_month else pub_year - 1
    year = year or year_hint
    return Period(f"{year:04d}-{month:02d}" if year else f"--{month:02d}", "month")


def last_month(period: str | None) -> tuple[int, int] | None:
    """The year and the last month a period covers: `2023-Q3` → (2023, 9), `2023` → (2023, 12)."""
    if not period or not period[:4].isdigit():
        return None
    year, rest = int(period[:4]), period[4:]
    if not rest:
        return year, 12
    if rest.startswith("-Q") and rest[2:].isdigit():
        return year, 3 * int(rest[2:])
    if rest.startswith("-H") and rest[2:].isdigit():
        return year, 6 * int(rest[2:])
    tail = period.rsplit("/", 1)[-1]
    if len(tail) >= 7 and tail[:4].isdigit() and tail[5:7].isdigit():
        return int(tail[:4]), int(tail[5:7])
    return None


def _months(year: int | None, first: int, last: int) -> Period:
    y = _year(year)
    return Period(f"{y}-{first:02d}/{y}-{last:02d}", "months")


def _year(year: int | None) -> str:
    return f"{year:04d}" if year else "-"
