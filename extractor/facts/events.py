"""Dated events: a date that opens a clause starts an event, which runs to the next such date
or the end of its paragraph, and holds the officials named in it.

    11月6日，州政务服务中心主任谢荣妹率工作组在汶川县…调研指导，并前往…实地调研。
    12月16日，…；12月18日，…。                  two events in one sentence
    11月，阿坝县政务中心…召开专题会议…          a statement about the month (date YYYY-MM)

The kind comes from what the clause says (学习考察 → study_trip; 到…窗口/大厅 → visit;
召开/主持/会议 → meeting; 调研/检查/督导 → inspection; else other), and a section heading
such as 部门领导进大厅情况 makes visits the default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.facts.dates import FoundDate, YearRule, find_dates, find_month
from extractor.facts.people import Official

_STUDY = re.compile(r"学习考察|考察学习|学习交流|交流学习|外出学习|赴.{1,30}?(学习|考察)|培训学习")
_VISIT = re.compile(
    r"(到|来到|莅临|深入|走进)[^，。；]{0,20}?(窗口|大厅|政务中心|政务服务中心|便民服务中心)|看望|慰问|走访"
)
_MEETING = re.compile(r"召开|主持|会议|座谈|动员|部署会|推进会|例会|大会|讲话|培训会|调度会|专题会")
_INSPECT = re.compile(r"调研|检查|督导|督查|视察|指导|暗访|巡查|察看|查看")
_VISIT_HEADING = re.compile(r"进大厅|进窗口|领导.{0,4}(调研|视察)|到中心")
_PLACE = re.compile(
    r"(?:到|在|赴|前往|深入|来到|莅临)((?:[^，。；、]){2,28}?)(?=调研|检查|督导|开展|参加|指导|视察|看望|慰问|学习|考察|召开|就|，|。|；)"
)
_OPENERS = set("。；;！？!?\n")


@dataclass(frozen=True, slots=True)
class EventSpan:
    kind: str
    date: str | None
    end_date: str | None
    part: str | None
    start: int
    end: int
    people: list[Official]
    place: str | None
    invalid: str | None


def find_events(text: str, officials: list[Official], rule: YearRule, heading: str = "") -> list[EventSpan]:
    """Events in one paragraph `text` (no line breaks)."""
    starts: list[tuple[int, FoundDate | None, str | None]] = []
    for d in find_dates(text, rule):
        if _opens_clause(text, d.start):
            starts.append((d.start, d, None))
    month = find_month(text, rule)
    if month and not starts:
        starts.append((month[1], None, month[0]))
    out = []
    for k, (start, found, month_date) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(text)
        clause = text[start:end]
        people = [o for o in officials if start <= o.name_start < end]
        out.append(
            EventSpan(
                kind=event_kind(clause, heading),
                date=found.date if found else month_date,
                end_date=found.end_date if found else None,
                part=found.part if found else None,
                start=start,
                end=end,
                people=people,
                place=_place(clause),
                invalid=found.invalid if found else None,
            )
        )
    return out


def _opens_clause(text: str, i: int) -> bool:
    """A date at the start of the paragraph or of a sentence or clause (after 。；) opens an event;
    one inside a clause (自11月15日起) does not."""
    j = i - 1
    while j >= 0 and text[j] in " \u3000":
        j -= 1
    return j < 0 or text[j] in _OPENERS or text[max(0, j - 1) : j + 1] in ("一是", "二是", "三是", "四是", "五是")


def event_kind(clause: str, heading: str = "") -> str:
    if _STUDY.search(clause):
        return "study_trip"
    if _VISIT.search(clause):
        return "visit"
    if _MEETING.search(clause):
        return "meeting"
    if _VISIT_HEADING.search(heading):
        return "visit"
    if _INSPECT.search(clause):
        return "inspection"
    return "other"


def _place(clause: str) -> str | None:
    m = _PLACE.search(clause)
    return m.group(1) if m else None
