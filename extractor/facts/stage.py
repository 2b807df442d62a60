"""The facts stage: events, officials, visit counts and metrics from the narrative, each with
its page and its character span in `narrative.text`.

Paragraph by paragraph (line breaks inside a paragraph are read through): places and
departments (the gazetteer's scanner) → officials (`people`) → dated events (`events`) →
visit counts (an official followed by `N次`) → metrics. Headings are remembered: a section
such as 部门领导进大厅情况 informs the kind of the events under it.
"""

from __future__ import annotations

import bisect
import re

from extractor.facts.dates import YearRule, find_dates
from extractor.facts.events import find_events
from extractor.facts.metrics import find_metrics
from extractor.facts.people import Official, find_officials
from extractor.gazetteer.data import Gazetteer
from extractor.gazetteer.entities import scanner_for
from extractor.model.result import Event, ExtractionResult, FactNote, Facts, Metric, Paragraph, Person, Visit

_COUNT = re.compile(r"\s*(\d+)\s*次")


class _Reserved:
    """Names that are never a person's: every place and department the gazetteer knows."""

    def __init__(self, g: Gazetteer) -> None:
        self.g = g

    def __contains__(self, word: object) -> bool:
        return word in self.g.names or word in self.g.departments


def find_facts(result: ExtractionResult, g: Gazetteer) -> None:
    rule = YearRule.from_document(result.document.period, result.document.published)
    scanner = scanner_for(g)
    reserved = _Reserved(g)
    juris = result.document.jurisdiction
    facts = Facts()
    people: dict[str, Person] = {}
    heading = ""
    text = result.narrative.text
    for block in _blocks(result):
        at = [i for p in block for i in range(*p.span) if text[i] != "\n"]
        compact = "".join(text[i] for i in at)
        if not compact:
            continue
        starts = [p.span[0] for p in block]

        def where(a: int, b: int, at: list[int] = at) -> tuple[int, int]:
            return (at[a], at[max(a, b - 1)] + 1)

        def page_of(a: int, at: list[int] = at, block: list[Paragraph] = block, starts: list[int] = starts) -> int:
            return block[bisect.bisect_right(starts, at[a]) - 1].page

        if block[0].heading:
            heading = compact
        spans = scanner.spans(compact, juris.code if juris else None)
        officials = find_officials(compact, spans, reserved)
        for o in officials:
            _remember(people, o, page_of(o.name_start), where(o.name_start, o.name_end))
        counted = False  # a count list (黄火平1次；唐静2次) gives visits, not dated events
        for o in officials:
            m = _COUNT.match(compact, o.name_end)
            if m:
                counted = True
                facts.visits.append(
                    Visit(
                        name=o.name,
                        title=o.title,
                        org=o.org,
                        count=int(m.group(1)),
                        period=result.document.period,
                        page=page_of(o.start),
                        span=where(o.start, m.end()),
                    )
                )
        for ev in [] if counted else find_events(compact, officials, rule, heading):
            facts.events.append(
                Event(
                    kind=ev.kind,  # type: ignore[arg-type]
                    date=ev.date,
                    end_date=ev.end_date,
                    part_of_day=ev.part,
                    people=[Person(name=o.name, title=o.title, org=o.org) for o in _unique(ev.people)],
                    place=ev.place,
                    text=compact[ev.start : ev.end].strip(),
                    page=page_of(ev.start),
                    span=where(ev.start, ev.end),
                )
            )
        for d in find_dates(compact, rule):
            if d.invalid:
                facts.notes.append(
                    FactNote(
                        kind="date", text=d.text, reason=d.invalid, page=page_of(d.start), span=where(d.start, d.end)
                    )
                )
        for mt in find_metrics(compact, spans):
            facts.metrics.append(
                Metric(
                    subject=mt.subject or (juris.name if juris else ""),
                    name=mt.name,
                    value=mt.value,
                    unit=mt.unit,
                    period=result.document.period,
                    text=compact[mt.start : mt.end],
                    page=page_of(mt.start),
                    span=where(mt.start, mt.end),
                )
            )
    facts.people = list(people.values())
    result.facts = facts


_SENTENCE_END = set("。！？!?；;：:")
# a paragraph that opens with a date or a number starts anew, whatever the one before ends with
_NEW_ITEM = re.compile(
    r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月|\s*[一二三四五六七八九十]+、|\s*[（(][一二三四五六七八九十\d]+[)）]|\s*●"
)


def _blocks(result: ExtractionResult) -> list[list[Paragraph]]:
    """Paragraphs joined where one runs on into the next (a sentence broken by a page break, or
    by a line OCR set apart), unless the next opens with a date or a number."""
    text = result.narrative.text
    out: list[list[Paragraph]] = []
    for para in result.narrative.paragraphs:
        prev = out[-1][-1] if out else None
        if prev is not None and not prev.heading and not para.heading:
            tail = text[prev.span[0] : prev.span[1]].rstrip()
            head = text[para.span[0] : para.span[1]]
            if tail and tail[-1] not in _SENTENCE_END and not _NEW_ITEM.match(head):
                out[-1].append(para)
                continue
        out.append([para])
    return out


def _remember(people: dict[str, Person], o: Official, page: int, span: tuple[int, int]) -> None:
    known = people.get(o.name)
    if known is None:
        people[o.name] = Person(name=o.name, title=o.title, org=o.org, page=page, span=span)
    elif len(o.title) > len(known.title or ""):
        known.title = o.title
        known.org = known.org or o.org


def _unique(officials: list[Official]) -> list[Official]:
    seen: set[str] = set()
    out = []
    for o in officials:
        if o.name not in seen:
            seen.add(o.name)
            out.append(o)
    return out
