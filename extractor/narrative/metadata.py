"""Document metadata: title, issuer, reporting period, publication date.

The title is the largest type near the top of page 1. The period comes from
the title (`（11月）`, `（2021年4月）`, `2018年2月份…通报`, `2023年第三季度`,
`2023年1—9月`, `2023年…统计公报`: see `period.py`), else from the first section
heading's (`一、2024年1—4月全市经济运行简况`), else from the month most often named
at the start of the narrative. The publication date is a
line holding only a date (the masthead or the signature); the issuer is a line
holding only an organisation name near it, or the masthead.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from extractor.model.page import TextLine
from extractor.model.result import DocumentMeta
from extractor.narrative.paragraphs import PageLines, body_font_size
from extractor.narrative.period import Period, cn_number, month_mention, month_period, statement_period, year_period
from extractor.textutil import join_words

_FULL_DATE = re.compile(
    r"^\s*(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*$"
)
_ORG_LINE = re.compile(r"^([\u4e00-\u9fff（）()]{2,30}?(中心|局|办公室|委员会|政府|办))(编|印发|主办|编印)?$")
_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
_SECTION = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[、．.]")


def find_title(first: PageLines, body_size: float) -> str | None:
    top_lines = sorted(first.lines, key=lambda ln: ln.top)[:8]
    big = [ln for ln in top_lines if ln.size >= body_size * 1.2]
    if not big:
        return None
    size = max(ln.size for ln in big)
    title_lines = [ln for ln in big if abs(ln.size - size) < 0.5]
    # the title block: the largest lines that follow one another
    block = [title_lines[0]]
    for ln in title_lines[1:]:
        if ln.top - block[-1].bottom < size * 1.5:
            block.append(ln)
        else:
            break
    return join_words([ln.text for ln in block]) or None


def _date_line(lines: Sequence[TextLine]) -> tuple[str | None, int | None]:
    for i, ln in enumerate(lines):
        m = _FULL_DATE.match(ln.text)
        if m:
            y, mo, d = (cn_number(g) for g in m.groups())
            if y and mo and d and 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}", i
    return None, None


def _issuer(lines: Sequence[TextLine], near: int | None) -> str | None:
    candidates = range(len(lines)) if near is None else sorted(range(len(lines)), key=lambda i: abs(i - near))
    for i in candidates:
        if near is not None and abs(i - near) > 3:
            break
        m = _ORG_LINE.match(lines[i].text.replace(" ", "").replace("\u3000", ""))
        if m:
            return m.group(1)
    return None


def find_metadata(
    pages: Sequence[PageLines], furniture: Sequence[TextLine] = (), table_titles: Sequence[str] = ()
) -> DocumentMeta:
    """`furniture` are the running heads and footers set aside by layout: a running head often names the
    issuer. `table_titles` (the captions of the tables) tell the period when the pages do not."""
    if not pages:
        return DocumentMeta()
    body = body_font_size(pages)
    first = pages[0]
    title = find_title(first, body)
    published, issuer = _signature(pages)
    if issuer is None:
        issuer = _issuer(sorted(first.lines, key=lambda ln: ln.top)[:4], None) or _issuer(list(furniture), None)
    year_hint = _year_in(title) or _most_common_year(first)
    period = _period(title, first, published, year_hint) or _period_elsewhere(table_titles, furniture, pages)
    return DocumentMeta(
        title=title,
        issuer=issuer,
        period=period.value if period else None,
        period_kind=period.kind if period else None,
        published=published,
    )


def _period(title: str | None, first: PageLines, published: str | None, year_hint: int | None) -> Period | None:
    """The title's statement (see `period.py`); without one, the opening lines'."""
    if title:
        stated = statement_period(title, year_hint)
        mention = month_mention(title)
        if stated or mention:
            return stated or month_period(mention[0], mention[1], published, year_hint)  # type: ignore[index]
    lines = [ln.text for ln in sorted(first.lines, key=lambda ln: ln.top)]
    opening = lines[:3]
    for text in opening:
        if stated := statement_period(text, year_hint):
            return stated
    # a title without its period (兴宁市统计信息 2024年第4期): the first section heading's
    # (一、2024年1—4月全市经济运行简况); a period in the narrative's sentences is not the document's
    heading = next((text for text in lines[3:12] if _SECTION.match(text)), None)
    if heading and (stated := statement_period(heading, year_hint)):
        return stated
    if found := _month_from_text(first):
        return month_period(found[0], found[1], published, year_hint)
    for text in [title or "", *opening]:
        if yearly := year_period(text):
            return yearly
    return None


_ANNUAL = re.compile(r"年度|决算|预算|年报|统计公报|全年")


def _period_elsewhere(
    table_titles: Sequence[str], furniture: Sequence[TextLine], pages: Sequence[PageLines]
) -> Period | None:
    """A document cut from a longer one (a budget's tables without its cover): the period its
    table captions state, else the one its lines about a year's budget or report state; the most
    often named, the latest on a tie."""
    votes: Counter[tuple[str, str]] = Counter()
    for text in table_titles:
        if found := statement_period(text, None) or year_period(text):
            votes[(found.value, found.kind)] += 1
    if not votes:
        for ln in [*furniture, *(ln for p in pages for ln in p.lines)]:
            if _ANNUAL.search(ln.text) and (found := year_period(ln.text)):
                votes[(found.value, found.kind)] += 1
    if not votes:
        return None
    (value, kind), _ = max(votes.items(), key=lambda kv: (kv[1], kv[0][0]))
    return Period(value, kind)  # type: ignore[arg-type]


def _signature(pages: Sequence[PageLines]) -> tuple[str | None, str | None]:
    """A date standing alone on its line, with the issuing body next to it: the masthead at
    the top of page 1, else the signature after the text (searched from the last page back)."""
    masthead = sorted(pages[0].lines, key=lambda ln: ln.top)[:6]
    candidates = [masthead] + [sorted(p.lines, key=lambda ln: ln.top) for p in reversed(pages)]
    for lines in candidates:
        date, at = _date_line(lines)
        if date:
            return date, _issuer(lines, at)
    return None, None


def _year_in(text: str | None) -> int | None:
    m = _YEAR.search(text or "")
    return int(m.group(1)) if m else None


def _most_common_year(first: PageLines) -> int | None:
    text = " ".join(ln.text for ln in first.lines)
    years = Counter(int(y) for y in _YEAR.findall(text))
    return years.most_common(1)[0][0] if years else None


def _month_from_text(first: PageLines) -> tuple[int | None, int] | None:
    """The month the opening lines name most often."""
    months: Counter[tuple[int | None, int]] = Counter()
    for ln in sorted(first.lines, key=lambda ln: ln.top)[:30]:
        found = month_mention(ln.text)
        if found:
            months[found] += 1
    return months.most_common(1)[0][0] if months else None
