"""One mention → a code, a canonical name and a score, or an abstention with the candidates.

Order of attempts, each on the normalised mention:
1. `X本级` (州本级, 市本级, 涪城区本级): the jurisdiction X names.
2. A place: exact official name or short form; several rows bearing it are told apart
   by the document's context (inside its jurisdiction, in use in its year).
3. A department: an optional place prefix (one or more place names, `绵阳市涪城区`, or a
   relative prefix 州/市/区/县/省 read against the context), then a department name or
   alias; a name not in the list still resolves when an explicit place prefixes it and it
   ends like a department (…局, …委员会, …中心).
4. Fuzzy: rapidfuzz over the places of the jurisdiction and over department names, for
   OCR slips (汝川县 → 汶川县); scored by similarity.

Scores: 1.0 exact and unique; lower for short forms, old names, bare department names and
fuzzy hits. Below `THRESHOLD`, or when candidates tie, the mention gets no code and its
candidates are listed for review.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from extractor.gazetteer.data import NOW, Department, Division, Gazetteer
from extractor.gazetteer.normalize import MAX_MENTION, has_cjk, normalize

THRESHOLD = 0.7
RELATIVE = "州市区县省"
DEPT_ENDINGS = (
    "局",
    "委员会",
    "委",
    "办公室",
    "办",
    "中心",
    "分局",
    "院",
    "所",
    "站",
    "会",
    "部",
    "队",
    "社",
    "馆",
    "处",
    "厅",
)
_PARTY = {"委": "党委"}  # 州委, 县委: the place's party committee
PARTY_COMMITTEE = "中国共产党委员会"
SEATS = ("人民政府", "政府", "党委", "委")


@dataclass(frozen=True, slots=True)
class Context:
    """What the document tells about where and when: its jurisdiction's code and its year."""

    jurisdiction: str | None = None
    year: int | None = None


@dataclass(slots=True)
class Candidate:
    code: str
    canonical: str
    score: float


@dataclass(slots=True)
class Match:
    mention: str
    kind: str  # region | department
    code: str | None
    canonical: str | None
    score: float
    standard: str | None = None  # a department's standard name (卫生健康局)
    candidates: list[Candidate] = field(default_factory=list)
    reason: str = ""

    @property
    def answered(self) -> bool:
        return self.code is not None


class Resolver:
    def __init__(self, gazetteer: Gazetteer, context: Context | None = None) -> None:
        self.g = gazetteer
        self.ctx = context or Context()
        self._fuzzy_places: list[str] | None = None
        self._dept_keys = list(gazetteer.departments)

    # --- entry point -----------------------------------------------------------------

    def resolve(self, mention: str) -> Match:
        t = normalize(mention)
        if not t or not has_cjk(t):
            return Match(mention, "region", None, None, 0.0, reason="no name in it")
        if len(t) > MAX_MENTION:
            return Match(mention, "region", None, None, 0.0, reason="too long for a name")
        if t.endswith("本级"):
            return self._own_level(mention, t[:-2])
        if "本级" in t[1:-2]:  # 州本级政务服务中心: the department of that level
            t = t.replace("本级", "", 1)
        for prefix in ("中共", "国家税务总局"):  # 中共蓬溪县委, 国家税务总局泸定县税务局
            if t.startswith(prefix) and len(t) > len(prefix) + 1:
                t = t[len(prefix) :]
        place = self.place(mention, t)
        if place.answered or place.candidates:
            return place
        dept = self.department(mention, t)
        if dept is not None:
            return dept
        return self._fuzzy(mention, t)

    # --- places --------------------------------------------------------------------------

    def place(self, mention: str, t: str) -> Match:
        rows = self.g.names.get(t)
        if not rows:
            return Match(mention, "region", None, None, 0.0, reason="unknown")
        return self._choose(mention, rows)

    def _choose(self, mention: str, rows: list[tuple[Division, bool]], weight: float = 1.0) -> Match:
        """Tell apart the divisions bearing one name by the context; abstain on a tie."""
        year, juris = self.ctx.year, self.ctx.jurisdiction
        scored: dict[str, float] = {}
        for d, short in rows:
            if short and d.level >= 4 and not (juris and self.g.within(d.code, juris)):
                continue  # 东北 is not 东北镇 unless the document is in that township's county
            # a bare short form means the larger unit first: 阿坝 is 阿坝州 before 阿坝县
            s = weight * ((0.95 if d.level <= 2 else 0.9) if short else 1.0)
            if not (d.in_use(year) if year else d.end == NOW):
                s *= 0.9  # an old name, still understood
            if d.level == 5:
                s *= 0.9
            if juris:
                if self.g.within(d.code, juris) or self.g.within(juris, d.code):
                    s += 0.0
                elif d.level <= 2 and d.code[:2] != juris[:2]:
                    s *= 0.95  # another province's prefecture: plausible in a narrative
                elif d.code[:2] == juris[:2]:
                    s *= 0.8 if d.level <= 3 else 0.6
                else:
                    s *= 0.6 if d.level <= 3 else 0.4
            elif d.level >= 4:
                s *= 0.8  # a township without a jurisdiction to place it in
            code = self.g.current(d.code, year)
            scored[code] = max(scored.get(code, 0.0), s)
        if not scored:
            return Match(mention, "region", None, None, 0.0, reason="unknown")
        ranked = sorted(scored.items(), key=lambda kv: -kv[1])
        candidates = [Candidate(c, self._place_name(c), round(s, 3)) for c, s in ranked[:8]]
        best_code, best = ranked[0]
        provinces = {d.code[:2] for d, _ in rows if year is None or d.in_use(year)}
        if juris is None and len(provinces) > 1:
            # 西区, 城关镇: borne in several provinces, and nothing tells which is meant
            return Match(mention, "region", None, None, round(best, 3), candidates=candidates, reason="ambiguous")
        if len(ranked) > 1 and ranked[1][1] >= best - 0.05:
            return Match(mention, "region", None, None, round(best, 3), candidates=candidates, reason="ambiguous")
        if best < THRESHOLD:
            return Match(mention, "region", None, None, round(best, 3), candidates=candidates, reason="low score")
        return Match(mention, "region", best_code, self._place_name(best_code), round(best, 3), candidates=candidates)

    def _place_name(self, code: str) -> str:
        return self.g.name(code, self.ctx.year) or code

    def relative(self, prefix: str) -> str | None:
        """The division a relative prefix (州, 市, 区, 县, 省) means in this document, if any."""
        juris = self.ctx.jurisdiction
        if not juris or prefix not in RELATIVE:
            return None
        chain = self.g.ancestors(juris)
        if prefix == "省":
            return next((c for c in chain if self.g.level(c) == 1), None)
        for code in chain:
            level, name = self.g.level(code), self._place_name(code)
            if prefix == "州" and level == 2 and name.endswith("州"):
                return code
            if prefix == "市" and level in (2, 3) and name.endswith("市"):
                return code
            if prefix in "区县" and level == 3 and name.endswith(prefix):
                return code
        return None

    def _own_level(self, mention: str, head: str) -> Match:
        if head in ("", "州", "市", "区", "县", "省"):
            code = self.relative(head) if head else self.ctx.jurisdiction
            if code is None:
                return Match(mention, "region", None, None, 0.0, reason="no jurisdiction to read it against")
            return Match(mention, "region", code, self._place_name(code), 0.95)
        m = self.place(mention, head)
        if m.answered:
            m.score = round(m.score * 0.98, 3)
        return m

    # --- departments -------------------------------------------------------------------------

    def split_prefix(self, t: str) -> tuple[list[tuple[str, Match]], str]:
        """Leading place names (`绵阳市涪城区…`), each with its match, and the rest."""
        places: list[tuple[str, Match]] = []
        i = 0
        while i < len(t) and len(places) < 3:
            if places and self._dept(t[i:]) is not None:
                break  # 涪城区|交通运输局, not 涪城区|交通(镇)|运输局
            for j in range(min(len(t), i + 12), i + 1, -1):
                rows = self.g.names.get(t[i:j])
                if rows and places and not self._under(rows, places[-1][1]):
                    continue
                if rows:
                    places.append((t[i:j], self._choose(t[i:j], rows)))
                    i = j
                    break
            else:
                break
        return places, t[i:]

    def _under(self, rows: list[tuple[Division, bool]], parent: Match) -> bool:
        codes = [c.code for c in parent.candidates] or ([parent.code] if parent.code else [])
        return any(self.g.within(d.code, p) for d, _ in rows for p in codes)

    def department(self, mention: str, t: str) -> Match | None:
        places, rest = self.split_prefix(t)
        owner: str | None = None
        score = 1.0
        if places:
            last = places[-1][1]
            if not rest:
                return last  # a chain of places: 绵阳市涪城区
            if not last.answered:
                if self._dept(rest) is None and not rest.endswith(DEPT_ENDINGS):
                    return None
                # the place could not be told: give the candidates, not a guess
                return Match(
                    mention, "department", None, None, last.score, candidates=last.candidates, reason=last.reason
                )
            owner, score = last.code, last.score
        for seat in SEATS:  # 区人民政府政务服务中心, 县委组织部: the department of that place
            if (places or rest[:1] in RELATIVE) and seat in rest[:5]:
                k = rest.index(seat)
                if k <= 1 and self._dept(rest[k + len(seat) :]) is not None:
                    rest = rest[:k] + rest[k + len(seat) :]
                    break
        dept = self._dept(rest)
        if dept is None and not places and rest[:1] in RELATIVE and len(rest) >= 2:
            inner = self._dept(rest[1:])
            if inner is not None or rest.endswith(DEPT_ENDINGS):
                owner, rest, dept, score = self.relative(rest[0]), rest[1:], inner, 0.97
                if owner is None:
                    return Match(mention, "department", None, None, 0.0, reason=f"no {t[0]} in the context")
        if dept is None and owner is not None and rest.endswith("分局"):
            dept, owner, score = self._branch(rest, owner, score)
        if dept is None:
            if owner is not None and rest.endswith(DEPT_ENDINGS) and len(rest) >= 2:
                return self._department_match(mention, owner, None, rest, score * 0.85)
            return None
        if owner is None:
            owner, score = self.ctx.jurisdiction, 0.8  # a bare department name: the document's own
            if owner is None:
                return Match(mention, "department", None, None, 0.0, standard=dept.standard, reason="whose?")
        return self._department_match(mention, owner, dept, rest, score)

    def _dept(self, rest: str) -> Department | None:
        if not rest:
            return None
        d = self.g.departments.get(rest)
        if d is None and rest in _PARTY:
            d = self.g.departments.get(_PARTY[rest])
        if d is None and rest.endswith("分局") and len(rest) > 3:
            d = self.g.departments.get(rest[:-2] + "局")
        return d

    def _branch(self, rest: str, owner: str, score: float) -> tuple[Department | None, str, float]:
        """`城市管理行政执法局涪城区分局`: a prefecture bureau's branch belongs to the county it names."""
        body = rest[:-2]
        for k in range(2, min(len(body), 8) + 1):
            rows = self.g.names.get(body[-k:])
            if rows:
                m = self._choose(body[-k:], rows)
                if m.code and self.g.within(m.code, owner):
                    return self._dept(body[:-k]) or self._dept(body[:-k] + "局"), m.code, score * 0.95
        return None, owner, score

    def _department_match(self, mention: str, owner: str, dept: Department | None, rest: str, score: float) -> Match:
        level = self.g.level(owner)
        own_name = self._place_name(owner)
        if dept is None:
            name = rest
        elif dept.standard == PARTY_COMMITTEE:
            name = ""
            own_name = f"中共{own_name}委员会"
        else:
            name = dept.name_at(level)
        return Match(
            mention,
            "department",
            owner,
            own_name + name,
            round(min(score, 1.0), 3),
            standard=dept.standard if dept else None,
        )

    # --- fuzzy -----------------------------------------------------------------------------------

    def _fuzzy(self, mention: str, t: str) -> Match:
        """OCR slips: the closest place inside the jurisdiction, else the closest department name."""
        juris = self.ctx.jurisdiction
        if juris and len(t) >= 3:
            if self._fuzzy_places is None:
                self._fuzzy_places = self._local_names(juris)
            pool = self._fuzzy_places
            hit = process.extract(t, pool, scorer=fuzz.ratio, limit=2)
            if hit and hit[0][1] >= 66 and (len(hit) == 1 or hit[1][1] < hit[0][1] - 10):
                name = hit[0][0]
                if _same_ending(name, t):
                    m = self._choose(mention, self.g.names[name], weight=hit[0][1] / 100 + 0.05)
                    m.reason = m.reason or "fuzzy"
                    return m
        places, rest = self.split_prefix(t)
        if len(rest) >= 3 and (places or rest[:1] in RELATIVE):
            core = rest if places else rest[1:]
            hit1 = process.extractOne(core, self._dept_keys, scorer=fuzz.ratio, score_cutoff=75)
            if hit1:
                fixed = t[: len(t) - len(core)] + hit1[0]
                dm = self.department(mention, fixed)
                if dm is not None and dm.code is not None:
                    m = dm
                    m.score = round(m.score * hit1[1] / 100, 3)
                    m.reason = "fuzzy"
                    if m.score < THRESHOLD:
                        m.candidates = [Candidate(dm.code, m.canonical or "", m.score)]
                        m.code = m.canonical = None
                    return m
        return Match(mention, "region", None, None, 0.0, reason="unknown")

    def _local_names(self, juris: str) -> list[str]:
        """Names and short forms of the jurisdiction, its parents' children and its descendants."""
        top = next((c for c in self.g.ancestors(juris) if self.g.level(c) == 2), juris)
        codes = {top}
        frontier = [top]
        while frontier:
            code = frontier.pop()
            for child in self.g.children.get(code, ()):
                if child not in codes:
                    codes.add(child)
                    frontier.append(child)
        out = set()
        for code in codes:
            for d in self.g.by_code.get(code, ()):
                out.add(normalize(d.name))
        return sorted(out)


def _same_ending(a: str, b: str) -> bool:
    return a[-1] == b[-1] or (a.endswith("街道") and b.endswith("街道"))
