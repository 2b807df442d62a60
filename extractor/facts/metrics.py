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
_MEASURE = re.compile("|".join(sorted(_MEASURES, key=len, reverse=True)))
_UNITS = (
    "个百分点", "百分点", "亿千瓦时", "万千瓦时", "千瓦时", "万千瓦", "亿立方米", "万立方米", "立方米", "万平方米",
    "平方米", "平方公里", "公里", "万公顷", "公顷", "万亩", "亩", "亿美元", "万美元", "美元", "亿元", "万元", "元",
    "万吨", "吨", "万人次", "人次", "件次", "万人", "万户", "万件", "万辆", "万册", "%", "％", "‰", "件", "项", "个",
    "次", "人", "家", "户", "条", "场", "辆", "所", "张", "座", "倍",
)  # fmt: skip
_NUMBER = re.compile(
    r"(?P<value>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit>" + "|".join(map(re.escape, _UNITS)) + ")"
    r"|(?:为|达|达到|是)\s*(?P<bare>\d+(?:\.\d+)?)(?![\d.%％年月日])"
)
_SUBJECT = re.compile(
    r"全[州市县区省]|[州市县区]本级|各县（市）|各县\(市\)|各县区|各县|各区|各乡镇|乡（镇）|州直各部门|市直各部门"
)
# a clause's own measure: the noun phrase right before its number, after these context words
_CHANGE = re.compile(r"(增长|下降|上涨|回落|提高|减少|增加|降低|上升|回升|增幅|降幅)$")
_LEAD = re.compile(
    r"^(?:全年|年末|年内|年底|本年|当年|全[州市县区省]|我[州市县区省]|其中|实现|完成|共有|拥有|新增|累计|共|"
    r"比上年同期|比上年末|比上年|较上年|与上年相比|同比|环比|分别|全部|总计|合计|共计|约|近)+"
)
_TRAIL = re.compile(r"(?:达到|达|为|是|实现|完成|共计|共|累计|约|近|超过|突破|有|计|总计|合计|分别|已)+$")
_VERB = re.compile(r".*(?:实现|完成|达到|拥有|共有|新增|其中|全年|年末)")
_PHRASE = re.compile(r"[\u4e00-\u9fff（）()“”]+$")
_COMPARED = re.compile(r"比上年同期|比上年末|比上年|较上年|比去年|同比|环比|与上年相比|比全国|比全省")


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
    out: list[MetricSpan] = []
    previous: tuple[int, str] | None = None  # the last measure named in this sentence: (sentence start, name)
    for m in _NUMBER.finditer(text):
        raw = m.group("value") or m.group("bare")
        unit = m.group("unit") if m.group("value") else None
        if _is_date_or_code(text, m.start(), m.end()):
            continue
        clause_start = max(text.rfind(ch, 0, m.start()) for ch in "，,；;。、：:") + 1
        sentence = _sentence_start(text, m.start())
        carried = previous[1] if previous and previous[0] == sentence else None
        name = _name_before(text, clause_start, m.start(), carried) or _name_after(text, m.end())
        if name is None:
            continue
        if not _CHANGE.search(name):
            previous = (sentence, name)
        out.append(
            MetricSpan(
                subject=_subject(text, m.start(), entities),
                name=name,
                value=float(raw.replace(",", "")),
                unit="%" if unit == "％" else unit,
                start=clause_start,
                end=m.end(),
            )
        )
    return out


def _name_before(text: str, lo: int, hi: int, carried: str | None) -> str | None:
    """The clause's measure: a 政务服务 measure word (受理 in 在…平台受理各类…事项115374件), else
    the noun phrase right before the number (全年实现地区生产总值866.60亿元 → 地区生产总值); a
    change with no noun of its own (比上年增长4.8%) is the change of the measure named before it
    in the sentence (地区生产总值增长)."""
    m = _MEASURE.search(text, lo, hi)
    if m:
        return m.group(0)
    phrase = _TRAIL.sub("", text[lo:hi].strip())
    change = _CHANGE.search(phrase)
    if change:
        head = _COMPARED.sub("", phrase[: change.start()])
        head = _LEAD.sub("", _VERB.sub("", head))
        if not head:
            return carried + change.group(1) if carried else None
        phrase = head + change.group(1)
    found = _PHRASE.search(_LEAD.sub("", _VERB.sub("", phrase)))
    if not found:
        return None
    name = _LEAD.sub("", found.group(0))
    return name if 2 <= len(name) <= 20 else None


def _name_after(text: str, at: int) -> str | None:
    """完成179个并联审批项目: the measure follows the number."""
    m = _MEASURE.match(text, at)
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
