"""The entities stage: every place and department in a result, resolved against the gazetteer.

1. Mentions: the cells of table columns that hold places or departments (a column whose
   header says so — 地区, 单位, 部门, 乡镇, 街道 … — or whose cells mostly resolve), and the
   places and departments found in the narrative by `Scanner`.
2. Context: the document's year (its reporting period, else its publication date) and its
   jurisdiction, voted for by every mention that resolves without context (the issuer and
   the title count five times): the deepest division that at least half the votes fall in.
3. Each mention resolved with that context; an uncertain one keeps its candidates and is
   marked for review.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from extractor.gazetteer.data import Gazetteer
from extractor.gazetteer.resolve import THRESHOLD, Context, Match, Resolver
from extractor.gazetteer.scan import Scanner
from extractor.model.result import (
    Candidate,
    Entity,
    ExtractionResult,
    Jurisdiction,
    Table,
    TableWhere,
    TextWhere,
)
from extractor.textutil import is_number

ENTITY_HEADER = re.compile(r"地区|区域|单位|部门|乡镇|街道|名称|区县|县区|县（市|市州|辖区|科室|窗口")
# how place and department names end: a cell in a place column that ends otherwise is not a mention
NAME_ENDING = re.compile(r"(省|市|州|县|区|旗|盟|镇|乡|街道|街办|本级|局|委|办|中心|会|院|所|站|部|队|室|政府)$")
TOTALS = re.compile(r"^(合计|总计|小计|累计|全[州市县区省]|本级|平均)")
ISSUER_WEIGHT = 5
LOCAL_REACH = 80  # characters back to look for the place a relative prefix points at


@dataclass(slots=True)
class Mention:
    text: str
    kind: str | None  # what the finder saw: region / department (None: from a table cell)
    where: TableWhere | TextWhere


def find_entities(result: ExtractionResult, g: Gazetteer) -> None:
    """Fill `result.entities` and `result.document.jurisdiction`."""
    year = _year(result)
    scanner = scanner_for(g)
    free = Resolver(g, Context(None, year))
    cells = [m for t in result.tables for m in _table_mentions(t, free)]
    narrative = _narrative_mentions(result, scanner, None)
    heads = [x for x in (result.document.issuer, result.document.title) if x]
    juris = _jurisdiction(g, free, cells, narrative, heads, scanner)
    resolver = Resolver(g, Context(juris, year))
    if juris:
        result.document.jurisdiction = Jurisdiction(name=g.name(juris, year) or juris, code=juris)
        narrative = _narrative_mentions(result, scanner, juris)
    in_cells = [resolver.resolve(m.text) for m in cells]
    in_text = [resolver.resolve(m.text) for m in narrative]
    _read_relatives_locally(g, year, narrative, in_text, result.narrative.text)
    result.entities = [_entity(m, x) for m, x in zip(cells + narrative, in_cells + in_text, strict=True)]


def _read_relatives_locally(g: Gazetteer, year: int | None, mentions: list[Mention], matches: list[Match], text: str):
    """县政府 in a prefecture's bulletin: the county named just before, in the same sentence
    (on its own, or as the owner of a department: 理塘县人民政府副县长…到县政务服务中心)."""
    for k, (m, match) in enumerate(zip(mentions, matches, strict=True)):
        if match.answered or not match.reason.startswith("no ") or not isinstance(m.where, TextWhere):
            continue
        start = m.where.span[0]
        for j in range(k - 1, -1, -1):
            prev, pm = mentions[j], matches[j]
            assert isinstance(prev.where, TextWhere)
            gap = text[prev.where.span[1] : start]
            if start - prev.where.span[1] > LOCAL_REACH or any(ch in gap for ch in "。；;\n"):
                break
            name = g.name(pm.code, year) if pm.code else None
            if name and name.endswith(m.text[0]) and g.level(pm.code or "") == 3:
                found = Resolver(g, Context(pm.code, year)).resolve(m.text)
                if found.answered:
                    found.score = round(found.score * 0.9, 3)
                    matches[k] = found
                break


@cache
def scanner_for(g: Gazetteer) -> Scanner:
    return g.scanner if isinstance(g.scanner, Scanner) else Scanner(g)


def _year(result: ExtractionResult) -> int | None:
    for value in (result.document.period, result.document.published):
        if value and value[:4].isdigit():
            return int(value[:4])
    return None


def _table_mentions(table: Table, free: Resolver) -> list[Mention]:
    out: list[Mention] = []
    for col, header in enumerate(table.columns):
        values = [(r, row[col]) for r, row in enumerate(table.rows) if col < len(row)]
        names = [(r, v) for r, v in values if _name_like(v)]
        if not names:
            continue
        sample = names[:12]
        hits = sum(1 for _, v in sample if free.resolve(v).answered or NAME_ENDING.search(v))
        # a telling header (地区, 部门 …) and a third of the cells like names, or most cells resolving
        wanted = 1 / 3 if ENTITY_HEADER.search(header or "") else 0.5
        if hits < wanted * len(sample) or (wanted == 0.5 and (len(names) < 2 or len(names) < 0.5 * len(values))):
            continue
        out += [
            Mention(v, None, TableWhere(table=table.id, row=r, col=col))
            for r, v in names
            if NAME_ENDING.search(v) or free.resolve(v).code
        ]
    return out


def _name_like(text: str) -> bool:
    t = (text or "").strip()
    return bool(t) and not is_number(t) and not TOTALS.match(t.replace(" ", "")) and len(t) <= 40


def _narrative_mentions(result: ExtractionResult, scanner: Scanner, juris: str | None) -> list[Mention]:
    text = result.narrative.text
    paragraphs = result.narrative.paragraphs
    starts = [p.span[0] for p in paragraphs]
    out = []
    for span in scanner.spans(text, juris):
        k = bisect.bisect_right(starts, span.start) - 1
        page = paragraphs[k].page if k >= 0 else 1
        out.append(Mention(span.text, span.kind, TextWhere(page=page, span=(span.start, span.end))))
    return out


def _jurisdiction(
    g: Gazetteer,
    free: Resolver,
    cells: list[Mention],
    narrative: list[Mention],
    heads: list[str],
    scanner: Scanner,
) -> str | None:
    votes: Counter[str] = Counter()
    for m in cells + narrative:
        _vote(votes, free.resolve(m.text), 1)
    for head in heads:
        for span in scanner.spans(head):
            _vote(votes, free.resolve(span.text), ISSUER_WEIGHT)
    total = sum(votes.values())
    if not total:
        return None
    support: Counter[str] = Counter()
    for code, n in votes.items():
        for up in g.ancestors(code):
            support[up] += n
    ok = [c for c, n in support.items() if n >= 0.5 * total and g.level(c) in (1, 2, 3)]
    return max(ok, key=lambda c: (g.level(c), support[c])) if ok else None


def _vote(votes: Counter[str], m: Match, weight: int) -> None:
    if m.code and m.score >= THRESHOLD:
        votes[m.code[:6]] += weight


def _entity(m: Mention, match: Match) -> Entity:
    review = not match.answered or match.score < 0.85
    return Entity(
        mention=m.text,
        kind="department" if (match.kind == "department" or m.kind == "department") else "region",
        canonical=match.canonical,
        code=match.code,
        score=match.score,
        where=m.where,
        standard=match.standard,
        review=review,
        candidates=[Candidate(code=c.code, canonical=c.canonical, score=c.score) for c in match.candidates[:5]]
        if review
        else [],
    )
