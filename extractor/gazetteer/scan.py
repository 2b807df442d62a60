"""Finding place and department mentions in running text.

A longest-match scan over the gazetteer's names and the department names, left to right:

    mention := place+ department        绵阳市涪城区水务局, 船山区行政审批局
             | place+ 本级 | place      阿坝州, 汶川县, 州本级
             | (州|市|区|县) department  州医保局, 区卫计局, 市发展改革委, 州委
             | department               食药监局 (bare: the document's own; 3+ characters)

A place chain not followed by a department gives one mention per place (浙江省 / 温州);
after a place, bare short forms of the places under it separated by 、/和/及 are an
enumeration sharing its last member's suffix (汶川县映秀、漩口、水磨镇).

Guards against reading a name out of an ordinary word: a relative prefix does not follow
全/各/本/我/该/省/两 (全州 is not 州); a two-character county (理县, 高县) or a bare department
must start a word (after punctuation, a function character or another name); county-level
places outside the document's province are taken only after a province or prefecture.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.gazetteer.data import Gazetteer
from extractor.gazetteer.normalize import CONFUSABLES

RELATIVE = "州市区县省"
NOT_BEFORE_RELATIVE = set("全各本我该省两外跨市县区州乡镇村")
WORD_START = set("，,、。；;：:（(）)“”\"'《》 \t\n到在赴由与和及至往对从向于的了是为将把被经同、及其")
# before a bare department name (食药监局): punctuation or a function character, or 厅 (政务大厅X局窗口)
BARE_AFTER = set("，,、。；;：:（(“\"'《 \t\n到在赴由与和及至往对从向于的了是为将把被经同其厅")
ENUM_SEP = set("、和及与")
MAX_NAME = 20
FACILITIES = frozenset({"便民服务中心", "便民中心"})  # a township's, not a department of the jurisdiction
PREFIXES = ("中共", "国家税务总局")  # 中共蓬溪县委, 国家税务总局泸定县税务局: part of the name
SEATS = ("人民政府", "政府", "委", "党委")  # 县委组织部, 区人民政府政务服务中心: a department under them


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str
    kind: str  # region | department


class Scanner:
    def __init__(self, g: Gazetteer) -> None:
        self.g = g
        self.places = {k for k in g.names}
        self.full_places = {k for k, rows in g.names.items() if any(not short for _, short in rows)}
        self.depts = set(g.departments) | {"委", "委办"}
        self.prefixes = {k[:i] for k in self.places | self.depts for i in range(1, len(k) + 1)}
        # where a mention can start: the first character of a name, or a relative prefix (州医保局)
        self.starts = frozenset(p for p in self.prefixes if len(p) == 1) | frozenset(RELATIVE)

    def _longest(self, text: str, i: int, keys: set[str]) -> int:
        """End of the longest key starting at i (i when none)."""
        best = i
        j = i + 1
        n = min(len(text), i + MAX_NAME)
        while j <= n and text[i:j] in self.prefixes:
            if text[i:j] in keys:
                best = j
            j += 1
        return best

    def spans(self, text: str, province: str | None = None) -> list[Span]:
        """Mentions in `text`; a name broken over a line (市林|业局) is found whole: its span
        covers the break, its text has none."""
        at = [i for i, ch in enumerate(text) if ch != "\n"]
        compact = "".join(text[i] for i in at)
        return [
            Span(at[s.start], at[s.end - 1] + 1, s.text, s.kind)
            for s in self._spans(compact, province)
            if s.end > s.start
        ]

    def _spans(self, text: str, province: str | None) -> list[Span]:
        text = text.translate(CONFUSABLES)
        out: list[Span] = []
        starts = self.starts
        i = 0
        while i < len(text):
            if text[i] not in starts:  # no name begins with it: `_at` would find nothing
                i += 1
                continue
            found = self._at(text, i, province)
            if found:
                first = found[0]
                for prefix in PREFIXES:
                    k = i - len(prefix)
                    if first.kind == "department" and k >= 0 and text[k:i] == prefix:
                        found[0] = Span(k, first.end, text[k : first.end], first.kind)
                out += found
                i = found[-1].end
            else:
                i += 1
        return out

    def _at(self, text: str, i: int, province: str | None) -> list[Span]:
        before = text[i - 1] if i else ""
        chain: list[tuple[int, int]] = []
        j = i
        while len(chain) < 3:
            k = self._place_at(text, j, before if not chain else "", chain, province)
            if k == j:
                break
            chain.append((j, k))
            j = k
        if chain:
            d = self._longest(text, j, self.depts)
            if d > j and self._facility(text[chain[-1][0] : chain[-1][1]], text[j:d]):
                d = j  # 章谷镇便民服务中心: the township is the entity, its service centre a facility
            if d > j and self._dept_ok(text[j:d], text[d : d + 1]):
                return [Span(i, self._under_seat(text, j, d), text[i : self._under_seat(text, j, d)], "department")]
            if text.startswith("本级", j):
                return [self._own_level(text, i, j + 2)]
            spans = [Span(a, b, text[a:b], "region") for a, b in chain]
            if len(chain) >= 2:
                spans += self._enumeration(text, j, chain[-2])
            return spans
        if text[i] in RELATIVE and before not in NOT_BEFORE_RELATIVE:
            if text.startswith("本级", i + 1):
                return [self._own_level(text, i, i + 3)]
            d = self._longest(text, i + 1, self.depts)
            if d > i + 1 and self._dept_ok(text[i + 1 : d], text[d : d + 1]):
                d = self._under_seat(text, i + 1, d)
                return [Span(i, d, text[i:d], "department")]
        if not before or before in BARE_AFTER:
            d = self._longest(text, i, self.depts)
            if d - i >= 3 and text[d - 1] in "局委办心会" and text[i:d] not in FACILITIES:
                return [Span(i, d, text[i:d], "department")]
        return []

    def _own_level(self, text: str, i: int, j: int) -> Span:
        """州本级, or 州本级政务服务中心 (the department of that level)."""
        d = self._longest(text, j, self.depts)
        if d - j >= 2:
            return Span(i, d, text[i:d], "department")
        return Span(i, j, text[i:j], "region")

    def _under_seat(self, text: str, j: int, d: int) -> int:
        """After 人民政府 / 委, a department of theirs extends the mention (区人民政府政务服务中心)."""
        if text[j:d] in SEATS:
            e = self._longest(text, d, self.depts)
            if e - d >= 2:
                return e
        return d

    def _facility(self, place: str, dept: str) -> bool:
        rows = self.g.names.get(place, [])
        return bool(rows) and all(d.level == 4 for d, _ in rows) and dept not in SEATS

    @staticmethod
    def _dept_ok(name: str, after: str) -> bool:
        return not (name == "委" and after in "托员屈婉")  # 委托, 委员: words, not 州委

    def _place_at(self, text: str, i: int, before: str, chain: list[tuple[int, int]], province: str | None) -> int:
        """End of a place name starting at i that may stand here (i when none)."""
        j = self._longest(text, i, self.places)
        while j > i:
            name = text[i:j]
            if self._place_ok(name, text, j, before, chain, province):
                return j
            j = self._shorter(text, i, j)
        return i

    def _shorter(self, text: str, i: int, j: int) -> int:
        for k in range(j - 1, i, -1):
            if text[i:k] in self.places:
                return k
        return i

    def _place_ok(
        self, name: str, text: str, end: int, before: str, chain: list[tuple[int, int]], province: str | None
    ) -> bool:
        rows = self.g.names[name]
        if chain and not self._under(rows, text[chain[-1][0] : chain[-1][1]]):
            return False  # a chain goes down: 绵阳市涪城区, 汶川县映秀
        if name not in self.full_places:
            # a bare short form (涪城, 阿坝, 映秀, 四川): after its parent in a chain, right before a
            # department (a county or larger), as 阿坝州-style, or a province's
            nxt = text[end : end + 1]
            standalone = (name[-1] in "州县" and len(name) >= 3) or self._province(rows)
            before_dept = self._longest(text, end, self.depts) > end and any(d.level <= 3 for d, _ in rows)
            word_ends = not nxt or nxt in ENUM_SEP or nxt in WORD_START or nxt < "\u4e00"
            if not (standalone or before_dept or (chain and word_ends)):
                return False  # 天府新区 is not 天府 + 新区
        inside_word = not chain and before and before not in WORD_START and before not in "省市州县区"
        if inside_word and (len(name) <= 2 or name not in self.full_places) and not self._province(rows):
            return False  # 管理县 is not 理县
        if not chain and province:
            levels = {d.level for d, _ in rows}
            outside = all(d.code[:2] != province[:2] for d, _ in rows)
            if outside and min(levels) >= 3:
                return False
        return True

    @staticmethod
    def _province(rows: list) -> bool:
        """A province's short form (四川, 浙江) stands on its own."""
        return all(d.level == 1 for d, _ in rows)

    def _under(self, rows: list, parent_name: str) -> bool:
        parents = {d.code for d, _ in self.g.names.get(parent_name, [])}
        return any(any(self.g.within(d.code, p) for p in parents) for d, _ in rows)

    def _enumeration(self, text: str, j: int, parent: tuple[int, int]) -> list[Span]:
        """温州、绍兴、台州和杭州市 after 浙江省温州: the places under `parent`, one each."""
        anchor = text[parent[0] : parent[1]]
        out: list[Span] = []
        k = j
        while k < len(text) - 1:
            if text[k] not in ENUM_SEP:
                break
            k += 1
            e = self._longest(text, k, self.places)
            while e > k and not self._under(self.g.names[text[k:e]], anchor):
                e = self._shorter(text, k, e)
            if e == k:
                break
            out.append(Span(k, e, text[k:e], "region"))
            k = e
        return out
