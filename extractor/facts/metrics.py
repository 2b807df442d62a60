"""Counts and rates stated in the narrative, with their subject.

    州直各部门及各县（市）…受理各类行政审批和公共服务事项115374件、办结120737件，办结率为100%
    其中州本级受理4484件，办结8216件；各县（市）受理110890 件
    接听总量为1912件 · 好评数为61056

A metric is a number with a unit (件, 项, 个, 次, 人次, %, 万元, 亿元 …) or after 为/达 a
named quantity; its name is the first measure word of its clause (受理, 办结, 办结率,
接听总量, 好评数 …) or the one right after it (179个并联审批项目); its subject is the nearest
subject before it in the sentence (全州, 州本级, 各县（市）, a place or department), else the
document's jurisdiction as a whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.gazetteer.scan import Span

_MEASURES = (
    "按时办结率", "办结率", "满意率", "好评率", "差评率", "评价率", "提速率", "即办率", "网办率", "覆盖率", "认领率",
    "受理", "办结", "办件", "录入", "认领", "接听总量", "接听", "来电", "咨询", "投诉", "好评数", "差评数", "评价数",
    "好评", "差评", "评价", "完成投资额", "投资额", "总投资", "并联审批项目", "审批项目", "请假", "迟到", "未打卡",
    "发放",
)  # fmt: skip
_WEAK = ("项目", "人次", "事项", "办理", "服务")  # only when the clause has no better measure word
_MEASURE = re.compile("|".join(sorted(_MEASURES, key=len, reverse=True)))
_WEAK_MEASURE = re.compile("|".join(_WEAK))
_NUMBER = re.compile(
    r"(?P<value>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit>%|万元|亿元|万件|人次|件次|件|项|个|次|人|家|户|条|场|元)"
    r"|(?:为|达|达到|是)\s*(?P<bare>\d+(?:\.\d+)?)(?![\d.%年月日])"
)
_SUBJECT = re.compile(
    r"全[州市县区省]|[州市县区]本级|各县（市）|各县\(市\)|各县区|各县|各区|各乡镇|乡（镇）|州直各部门|市直各部门"
)


@dataclass(frozen=True, slots=True)
class MetricSpan:
    subject: str | None
    name: str
    value: float
    unit: str | None
    start: int
    end: int


def find_metrics(text: str, entities: list[Span]) -> list[MetricSpan]:
    """Metrics in one paragraph `text` (no line breaks); `entities` are its place and department spans."""
    out = []
    for m in _NUMBER.finditer(text):
        raw = m.group("value") or m.group("bare")
        unit = m.group("unit") if m.group("value") else None
        if _is_date_or_code(text, m.start(), m.end()):
            continue
        clause_start = max(text.rfind(ch, 0, m.start()) for ch in "，,；;。、：:") + 1
        name = _name_before(text, clause_start, m.start()) or _name_after(text, m.end())
        if name is None:
            continue
        out.append(
            MetricSpan(
                subject=_subject(text, m.start(), entities),
                name=name,
                value=float(raw.replace(",", "")),
                unit=unit,
                start=clause_start,
                end=m.end(),
            )
        )
    return out


def _name_before(text: str, lo: int, hi: int) -> str | None:
    """The first measure word of the clause: 受理 in 在…政务服务平台受理各类…事项115374件."""
    m = _MEASURE.search(text, lo, hi) or _WEAK_MEASURE.search(text, lo, hi)
    return m.group(0) if m else None


def _name_after(text: str, at: int) -> str | None:
    """完成179个并联审批项目: the measure follows the number."""
    m = _MEASURE.match(text, at) or _WEAK_MEASURE.match(text, at)
    return m.group(0) if m else None


def _sentence_start(text: str, i: int) -> int:
    return max(text.rfind(ch, 0, i) for ch in "；;。") + 1


def _subject(text: str, at: int, entities: list[Span]) -> str | None:
    lo = _sentence_start(text, at)
    best: tuple[int, str] | None = None
    for m in _SUBJECT.finditer(text, lo, at):
        best = (m.start(), m.group(0))
    for e in entities:
        if lo <= e.start and e.end <= at and (best is None or e.start > best[0]):
            best = (e.start, e.text)
    return best[1] if best else None


def _is_date_or_code(text: str, start: int, end: int) -> bool:
    after = text[end : end + 1]
    return after in ("年", "月", "日", "号") or (start > 0 and text[start - 1] in "第")
