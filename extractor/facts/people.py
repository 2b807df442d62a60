"""Officials in running text: a name anchored by an official title, with the organisation.

The forms bulletins use, all anchored on a title from `lexicon.TITLES`:

    州政务服务中心主任谢荣妹              org + title + name
    州住房公积金管理中心党组书记、主任胡培柱，副主任彭伟    a title chain; a second official
    州政府党组成员、州公安局党委书记徐贵强   titles each with its organisation
    州农畜局严扎甲局长 · 报：刘坪书记，杨克宁州长          name before the title
    市交通运输局副局长黄火平1次            (the count is read by `visits`)

A name is two to four characters: it starts with a surname (or is three or four characters
long, as Tibetan and Yi names are) and ends where a word that follows names begins (到, 率,
带队, 主持, 的, a digit, punctuation, another title). When the characters after a title run
on with nothing to end the name (李明宣布会议…), jieba — with a user dictionary of titles,
departments and places — decides where it ends. People named without a title (a family
visited at home) are not officials and are not taken.
"""

from __future__ import annotations

import logging
from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from extractor import gazetteer
from extractor.facts.lexicon import (
    ENDER_CHARS,
    ENDER_WORDS,
    MAX_TITLE,
    NAME_SYLLABLES,
    NOT_NAMES,
    SURNAMES,
    SURNAMES_2,
    TITLES,
    is_cjk,
)
from extractor.gazetteer.scan import Span

if TYPE_CHECKING:
    import jieba

log = logging.getLogger(__name__)
_ORG_WORD_AFTER = set("会室处科股部办组")  # 委员|会, 主任|室: the title is part of an organisation's name
_BEFORE_NAME = set("，,、：:；;（(“ \n由")  # 会议由巫丽芳副局长主持
NAME_DOTS = "·•・‧"  # between the parts of a transliterated name: 艾尔肯·吐尔逊


@dataclass(frozen=True, slots=True)
class Official:
    name: str
    title: str  # the title chain as printed, organisations left out: 党组书记、主任
    org: str | None  # the organisation next to the title: 州住房公积金管理中心
    start: int  # the mention: organisation, titles and name
    end: int
    name_start: int
    name_end: int


@dataclass(frozen=True, slots=True)
class _Title:
    start: int
    end: int
    text: str
    org: str | None
    org_start: int


def find_officials(text: str, orgs: list[Span], reserved: Container[str] = frozenset()) -> list[Official]:
    """Officials in `text` (no line breaks); `orgs` are the place and department spans found in it;
    `reserved` are words that are never names (places, departments)."""
    org_end = {s.end: s for s in orgs}
    titles = _titles(text, org_end)
    out: list[Official] = []
    taken_until = -1
    for k, t in enumerate(titles):
        if t.start < taken_until:
            continue
        before = _name_before(text, t.start, org_end, reserved)
        if before is not None and before[0] >= taken_until:  # 古伟平局长高度肯定: the title has its name
            ns, org = before
            start = org.start if org else ns
            out.append(Official(text[ns : t.start], t.text, org.text if org else None, start, t.end, ns, t.start))
            taken_until = t.end
            continue
        chain = _chain_before(titles, k, text)
        name = _name_after(text, t.end, reserved)
        if name:
            first = chain[0]
            out.append(
                Official(
                    name=text[t.end : t.end + name],
                    title="、".join(c.text for c in chain),
                    org=next((c.org for c in reversed(chain) if c.org), None),
                    start=first.org_start,
                    end=t.end + name,
                    name_start=t.end,
                    name_end=t.end + name,
                )
            )
            taken_until = t.end + name
    return out


def _titles(text: str, org_end: dict[int, Span]) -> list[_Title]:
    out = []
    i = 0
    while i < len(text):
        for n in range(min(MAX_TITLE, len(text) - i), 1, -1):
            word = text[i : i + n]
            if word in TITLES and text[i + n : i + n + 1] not in _ORG_WORD_AFTER:
                org = org_end.get(i)
                out.append(_Title(i, i + n, word, org.text if org else None, org.start if org else i))
                i += n
                break
        else:
            i += 1
    return out


def _chain_before(titles: list[_Title], k: int, text: str) -> list[_Title]:
    """The titles joined to titles[k] by 、 (each may have its organisation in between)."""
    chain = [titles[k]]
    j = k - 1
    while j >= 0:
        prev, cur = titles[j], chain[0]
        if (prev.end == cur.org_start - 1 and text[prev.end] == "、") or prev.end == cur.start:
            chain.insert(0, prev)
            j -= 1
        else:
            break
    return chain


def _name_after(text: str, at: int, reserved: Container[str]) -> int:
    """Length of the name starting at `at` (0 when there is none)."""
    if at >= len(text):
        return 0
    dotted = _dotted(text, at)
    if dotted:
        return dotted
    # 主任参加…, 局长到…: the title stands alone; but 副主任向秋菊: 向 is a surname too, taken when
    # the name ends cleanly after it (not 局长向与会人员…, 委员和办事群众…)
    by_surname = _ends_name(text, at)
    if by_surname and not (text[at] in SURNAMES and not _ender_word_at(text, at) and is_cjk(text[at + 1 : at + 2])):
        return 0
    if by_surname and _ends_name(text, at + 1):
        return 0
    run = 0
    while run < 4 and at + run < len(text) and is_cjk(text[at + run]):
        if run >= 2 and _ends_name(text, at + run):
            break
        run += 1
    if run < 2:
        return 0
    if run == 4 and not _four(text[at : at + 4]):
        if by_surname:
            return 0
        # a Han name has two or three characters: four with nothing after them that ends a
        # name (李明宣布…) is a name and a word; jieba decides where they part
        run = 3 if _ends_name(text, at + 4) else _segment(text, at)
    name = text[at : at + run]
    return run if _plausible(name, reserved) else 0


def _dotted(text: str, at: int) -> int:
    """Length of a transliterated name whose parts are joined by a dot (艾尔肯·吐尔逊,
    阿不都外力·艾合买提): two to four parts of one to seven characters; 0 when there is none.
    The last part ends where a name ends (…·买买提副局长), though 都 may be inside it (阿不都)."""
    i, parts = at, 0
    while True:
        j = i
        while j < len(text) and j - i < 7 and is_cjk(text[j]):
            j += 1
        dot = j < len(text) and text[j] in NAME_DOTS and is_cjk(text[j + 1 : j + 2])
        if j == i or (parts == 0 and not dot):
            return 0
        parts += 1
        if dot and parts < 4:
            i = j + 1
            continue
        end = next((k for k in range(i + 1, j) if text[k] != "都" and _ends_name(text, k)), j)
        return end - at


def _ender_word_at(text: str, i: int) -> bool:
    return any(text.startswith(w, i) for w in ENDER_WORDS)


def _four(name: str) -> bool:
    """Four-character names: a compound surname (欧阳晓东) or Tibetan/Yi syllables (泽仁拉姆, 泽郎多吉)."""
    return name[:2] in SURNAMES_2 or name[:2] in NAME_SYLLABLES or name[2:] in NAME_SYLLABLES


def _name_before(
    text: str, at: int, org_end: dict[int, Span], reserved: Container[str]
) -> tuple[int, Span | None] | None:
    """A name written before its title (严扎甲局长, 刘坪书记, 阿依古丽·买买提副局长): after an
    organisation or a separator."""
    if any(ch in NAME_DOTS for ch in text[max(0, at - 24) : at]):
        for ns in range(at - 3, max(0, at - 24) - 1, -1):  # the nearest start after a separator
            org = org_end.get(ns)
            if (org is not None or ns == 0 or text[ns - 1] in _BEFORE_NAME) and _dotted(text, ns) == at - ns:
                return ns, org
    for n in (3, 2, 4):
        ns = at - n
        if ns < 0 or not all(is_cjk(ch) for ch in text[ns:at]):
            continue
        org = org_end.get(ns)
        if org is None and ns > 0 and text[ns - 1] not in _BEFORE_NAME:
            continue
        if _plausible(text[ns:at], reserved):
            return ns, org
    return None


def _ends_name(text: str, i: int) -> bool:
    ch = text[i]
    if not is_cjk(ch) or ch in ENDER_CHARS:
        return True
    return _ender_word_at(text, i) or any(text.startswith(t, i) for t in _TITLE_STARTS.get(ch, ()))


_TITLE_STARTS: dict[str, tuple[str, ...]] = {}
for _t in TITLES:
    _TITLE_STARTS[_t[0]] = (*_TITLE_STARTS.get(_t[0], ()), _t)


def _plausible(name: str, reserved: Container[str]) -> bool:
    if name in NOT_NAMES or name in TITLES or name in reserved:
        return False
    if any(
        name.endswith(t) for t in ("中心", "窗口", "大厅", "局", "委", "办", "部", "县", "市", "区", "州", "镇", "乡")
    ):
        return False
    if len(name) == 4:
        return _four(name)
    return name[0] in SURNAMES or name[:2] in SURNAMES_2 or name[:2] in NAME_SYLLABLES


def _segment(text: str, at: int) -> int:
    """Where a name running into the following words ends, by jieba's segmentation."""
    words = list(_jieba().cut(text[at : at + 12], HMM=True))
    first = words[0]
    if 2 <= len(first) <= 3:
        return len(first)
    if len(first) == 1 and len(words) > 1 and len(first + words[1]) <= 3:
        return 1 + len(words[1])
    return 3


@cache
def _jieba() -> jieba.Tokenizer:
    """jieba with a user dictionary of titles, department names and aliases and place names, so
    that 州政务服务中心主任 or 党组书记 never swallow a name; loaded the first time it is needed."""
    import jieba  # noqa: PLC0415 - its dictionary takes ~0.5 s to load: only when a name's end is unclear

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    for word in user_dictionary():
        tk.add_word(word, freq=100000)
    return tk


def user_dictionary() -> list[str]:
    """Words jieba must keep whole: titles, words that follow names, departments, places."""
    g = gazetteer.load()
    words = set(TITLES) | set(ENDER_WORDS) | set(g.departments)
    words |= {name for name in g.names if len(name) >= 2}
    return sorted(words)
