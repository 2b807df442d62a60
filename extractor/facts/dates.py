"""Dates in bulletin narrative: days, ranges, 上午/下午, months; the year from the reporting period.

    11月6日   10月29日-11月2日   11月21日至22日   5月12日至13日   12月10日上午   十一月二日
    11月，…   (a month on its own: the statement is about the month)

A bulletin rarely writes the year of an event. It is inferred: the period the bulletin
reports on (else its publication date) gives a year, and a month later than that month is
the year before (a January bulletin speaking of 12月). Without either, dates are
`--MM-DD`. A date that does not exist (2月30日) is reported, never turned into another.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from extractor.narrative.period import last_month

_NUM = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_PART = r"(上午|下午|晚上|早上|中午|凌晨)?"
DATE = re.compile(
    rf"(?:(\d{{4}})\s*年\s*)?{_NUM}\s*月\s*{_NUM}\s*[日号]{_PART}"
    rf"(?:\s*(?:-|—|–|~|～|至|到)\s*(?:{_NUM}\s*月\s*)?{_NUM}\s*[日号]{_PART})?"
)
MONTH_ONLY = re.compile(rf"(?:(\d{{4}})\s*年\s*)?{_NUM}\s*月(?:份)?(?=[，,、\s]|以来|中旬|上旬|下旬|底|初)")
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def cn_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" in text:
        head, _, tail = text.partition("十")
        return (_CN[head] if head else 1) * 10 + (_CN[tail] if tail else 0)
    return _CN.get(text, 0)


@dataclass(frozen=True, slots=True)
class FoundDate:
    start: int
    end: int
    date: str | None  # YYYY-MM-DD, --MM-DD, or None when it does not exist
    end_date: str | None
    part: str | None  # 上午 / 下午 …
    text: str
    invalid: str | None = None  # why the date could not be taken


@dataclass(frozen=True, slots=True)
class YearRule:
    """Which year a month belongs to, from the reporting period (its last month) or the publication date."""

    year: int | None
    month: int | None

    @classmethod
    def from_document(cls, period: str | None, published: str | None) -> YearRule:
        for value in (period, published):
            if value and len(value) in (7, 10) and value[:4].isdigit() and value[5:7].isdigit():
                return cls(int(value[:4]), int(value[5:7]))
            if found := last_month(value):  # a quarter, a half-year, a run of months, a year
                return cls(*found)
        return cls(None, None)

    def year_of(self, month: int) -> int | None:
        if self.year is None or self.month is None:
            return None
        return self.year - 1 if month > self.month + 1 else self.year


def find_dates(text: str, rule: YearRule) -> list[FoundDate]:
    out = []
    for m in DATE.finditer(text):
        y, mo, d, part, mo2, d2, _part2 = m.groups()
        month, day = cn_int(mo), cn_int(d)
        year = int(y) if y else rule.year_of(month)
        date, why = _iso(year, month, day)
        end_date = None
        if d2 is not None and date is not None:
            month2 = cn_int(mo2) if mo2 else month
            year2 = year if year is None or month2 >= month else year + 1
            end_date, why2 = _iso(year2, month2, cn_int(d2))
            why = why or why2
        out.append(FoundDate(m.start(), m.end(), date, end_date, part, m.group(0), why))
    return out


def find_month(text: str, rule: YearRule) -> tuple[str, int, int] | None:
    """A statement about a month as a whole (`11月，阿坝县政务中心…`) at the start of `text`."""
    m = MONTH_ONLY.match(text)
    if not m:
        return None
    month = cn_int(m.group(2))
    if not 1 <= month <= 12:
        return None
    year = int(m.group(1)) if m.group(1) else rule.year_of(month)
    return (f"{year:04d}-{month:02d}" if year else f"--{month:02d}", m.start(), m.end())


def _iso(year: int | None, month: int, day: int) -> tuple[str | None, str | None]:
    if not 1 <= month <= 12:
        return None, f"no month {month}"
    last = calendar.monthrange(year or 2000, month)[1]  # 2000 is a leap year: 2月29日 stands without a year
    if not 1 <= day <= last:
        return None, f"{month}月 has no day {day}"
    return (f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"), None
