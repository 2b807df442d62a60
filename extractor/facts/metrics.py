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
_ENDS_IN_MEASURE = re.compile(f"(?:{_MEASURE.pattern})[量率数额]?$")  # 网上受理, 网上办件量: the measure itself
_UNITS = (
    "个百分点", "百分点", "亿千瓦时", "万千瓦时", "千瓦时", "万千瓦", "亿立方米", "万立方米", "立方米", "万平方米",
    "平方米", "平方公里", "公里", "万公顷", "公顷", "万亩", "亩", "亿美元", "万美元", "美元", "亿元", "万元", "元",
    "万吨", "吨", "万头", "万只", "万人次", "人次", "件次", "批次", "万人", "万户", "万件", "万辆", "万册", "%", "％",
    "‰", "件", "项", "个", "次", "人", "家", "户", "条", "场", "辆", "所", "张", "座", "倍", "篇", "期", "头", "只",
    "份", "起", "宗", "笔", "套", "批",
)  # fmt: skip
_UNIT = "|".join(map(re.escape, _UNITS))
_NUMBER = re.compile(
    r"(?P<value>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit>" + _UNIT + ")"
    r"|(?:为|达|达到|是)\s*(?P<bare>\d+(?:\.\d+)?)(?![\d.%％年月日]|\s*(?:" + _UNIT + "))"
)
_SUBJECT = re.compile(
    r"全[州市县区省]|[州市县区]本级|各县（市）|各县\(市\)|各县区|各县|各区|各乡镇|乡（镇）|州直各部门|市直各部门"
)
# a clause's own measure: the noun phrase right before its number, after these context words
_CHANGES = "增长|下降|上涨|回落|提高|减少|增加|降低|上升|回升|加快|放缓|回升|扩大|收窄|增幅|降幅"
_CHANGE = re.compile(f"({_CHANGES})$")
_LEAD = re.compile(
    r"^(?:全年|年末|年内|年底|本年|当年|上半年|下半年|前三季度|"
    r"全[州市县区省]|我[州市县区省]|其中|实现|完成|共有|拥有|累计|共|"
    r"比上年同期|比上年末|比上年|较上年|与上年相比|同比|环比|分别|全部|共计|约|近)+"
)
_TRAIL = re.compile(r"(?:达到|达|为|是|实现|完成|共计|共|累计|约|近|超过|突破|有|分别|已)+$")
_VERB = re.compile(r".*(?:实现|完成|达到|拥有|共有|其中|全年|年末)")
_PHRASE = re.compile(r"[\u4e00-\u9fff（）()“”]+$")
_COMPARED = re.compile(r"(?:比|较|与)[^，,；;。比较与]{1,10}?(?:同期|相比)?(?=(?:" + _CHANGES + ")$)|同比|环比")
_OF_BEFORE = ("增速", "增幅", "降幅", "比重", "占比")  # words that stand for the measure named just before
_UNFINISHED = ("和", "及", "与", "的", "等", "或", "包括")  # a phrase ending so names no measure


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
        previous = (sentence, _CHANGE.sub("", name) or name)  # 地区生产总值增长 names 地区生产总值
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
    """The clause's measure: the noun phrase right before the number (全年实现地区生产总值866.60亿元
    → 地区生产总值; 其中网上受理98616件 → 网上受理), else a 政务服务 measure word earlier in the
    clause (受理 in 受理各类…事项115374件). A change with no noun of its own (比上年增长4.8%) is
    the change of the measure named before it in the sentence (地区生产总值增长), and so is a
    增速 or 比重 (增速比上半年加快0.2个百分点 → 地区生产总值增速加快)."""
    phrase = _TRAIL.sub("", text[lo:hi].strip())
    if _CHANGE.search(phrase):
        phrase = _COMPARED.sub("", phrase)
    change = _CHANGE.search(phrase)
    if change:
        head = _LEAD.sub("", _VERB.sub("", phrase[: change.start()]))
        if not head or head in _OF_BEFORE:
            return (carried + head + change.group(1)) if carried else None
        phrase = head + change.group(1)
    stripped = _LEAD.sub("", _VERB.sub("", phrase))
    found = _PHRASE.search(stripped)
    name = ""
    if found:
        name = found.group(0)
        if found.start() > 0 and stripped[found.start() - 1].isdigit():
            name = _AFTER_DIGITS.sub("", name)  # `2024年收入预算` leaves `年收入预算`
        name = _LEAD.sub("", _SUBJECT_LEAD.sub("", name))
    known = _MEASURE.search(text, lo, hi)
    if known and not _ENDS_IN_MEASURE.search(name):
        return known.group(0)  # the measure word opens the clause: 受理…事项N件
    if known and known.group(0).endswith(name) and len(known.group(0)) > len(name):
        return known.group(0)  # 完成投资额, a measure with its verb
    if name in _OF_BEFORE and carried:
        return carried + name
    if name.endswith(_UNFINISHED) or not 2 <= len(name) <= 20:
        return None
    return name


def _name_after(text: str, at: int) -> str | None:
    """完成179个并联审批项目, 包括局机关和3个下属事业单位: the measure follows the number."""
    m = _MEASURE.match(text, at) or _AFTER.match(text, at)
    return m.group(0) if m else None


_SUBJECT_LEAD = re.compile(r"^(?:" + _SUBJECT.pattern + ")")
_AFTER_DIGITS = re.compile(r"^(?:年度|年|月份|月|季度)")


_AFTER = re.compile(r"[\u4e00-\u9fff“”]{2,12}(?=[，,；;。、）)]|$)")


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
