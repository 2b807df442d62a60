"""Fact and entity accuracy as CONTRACT.md defines it.

- Events: F1 over (month-day, person name) pairs.
- People: recall of labelled names; title accuracy is the share of found
  people whose extracted title contains the labelled title.
- Visits: share of labelled names whose count is exactly right.
- Entities: share of labelled mentions extracted with the right code. Also
  reported apart: labelled department mentions (ending like a department:
  局, 委, 办, 中心 …) and those using a name the 2018–2019 reform retired
  (地税局, 卫计局 … per `models/gazetteer/departments.csv`).
- Metrics (where a label gives `facts.metrics`): a labelled figure is found
  when an extracted metric has its value and unit and a name that holds the
  labelled measure (`地区生产总值增长` holds `地区生产总值增长`). Recall over the
  labelled figures; precision over the extracted metrics of documents whose
  label says `metrics_complete` (every figure is listed, so any other is false).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from extractor.evaluate.tables import f1, norm
from extractor.gazetteer.data import load as load_gazetteer

DEPT_ENDINGS = ("局", "委", "办", "中心", "会", "部", "组", "室", "政府", "院", "所", "站", "社", "队")


@dataclass(frozen=True, slots=True)
class Ratio:
    hit: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hit / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class FactScore:
    event_tp: int
    event_pred: int
    event_gold: int
    people_recall: Ratio
    titles: Ratio
    visits: Ratio
    entities: Ratio
    entity_wrong: int  # extracted with a code, but the wrong one
    entity_answered: int
    people_precision: Ratio = Ratio(0, 0)  # found officials that are labelled officials
    departments: Ratio = Ratio(0, 0)  # the labelled department mentions
    pre_reform: Ratio = Ratio(0, 0)  # …of which named as before the 2018–2019 reform
    metrics_recall: Ratio = Ratio(0, 0)
    metrics_precision: Ratio = Ratio(0, 0)  # only where the label lists every figure

    @property
    def event_f1(self) -> float | None:
        if self.event_gold == 0:
            return None
        return f1(self.event_tp, self.event_pred, self.event_gold)


def _month_day(date: str | None) -> str:
    return (date or "")[-5:]


def _person_name(p: object) -> str:
    return norm(p.get("name", "") if isinstance(p, dict) else str(p))


def _event_pairs(events: list[dict]) -> Counter[tuple[str, str]]:
    pairs: Counter[tuple[str, str]] = Counter()
    for ev in events:
        for person in ev.get("people", []):
            pairs[(_month_day(ev.get("date")), _person_name(person))] += 1
    return pairs


def score_facts(label: dict, result: dict) -> FactScore:
    lf, rf = label.get("facts", {}) or {}, result.get("facts", {}) or {}
    gold_pairs, pred_pairs = _event_pairs(lf.get("events", [])), _event_pairs(rf.get("events", []))
    tp = sum((gold_pairs & pred_pairs).values())

    gold_people: dict[str, str] = {norm(k): norm(v) for k, v in (lf.get("people") or {}).items()}
    found: dict[str, str] = {}
    for p in rf.get("people", []):
        found.setdefault(norm(p.get("name")), norm(p.get("title")))
    hits = [n for n in gold_people if n in found]
    title_ok = sum(1 for n in hits if gold_people[n] in found[n])

    gold_visits = {norm(k): v for k, v in (lf.get("visits") or {}).items()}
    pred_visits = {norm(v.get("name")): v.get("count") for v in rf.get("visits", [])}
    visit_ok = sum(1 for n, c in gold_visits.items() if pred_visits.get(n) == c)

    gold_ents = {norm(k): v for k, v in (label.get("entities") or {}).items()}
    pred_codes: dict[str, set[str]] = {}
    for e in result.get("entities", []):
        if e.get("code"):
            pred_codes.setdefault(norm(e.get("mention")), set()).add(e["code"])
    ent_ok = sum(1 for m, code in gold_ents.items() if code in pred_codes.get(m, set()))
    depts = [m for m in gold_ents if m.endswith(DEPT_ENDINGS)]
    old = [m for m in depts if _pre_reform(m)]
    answered = [m for m in gold_ents if m in pred_codes]
    wrong = sum(1 for m in answered if gold_ents[m] not in pred_codes[m])

    metrics_recall, metrics_precision = _score_metrics(lf, rf)
    return FactScore(
        metrics_recall=metrics_recall,
        metrics_precision=metrics_precision,
        event_tp=tp,
        event_pred=sum(pred_pairs.values()),
        event_gold=sum(gold_pairs.values()),
        people_recall=Ratio(len(hits), len(gold_people)),
        people_precision=Ratio(sum(1 for n in found if n in gold_people), len(found)),
        titles=Ratio(title_ok, len(hits)),
        visits=Ratio(visit_ok, len(gold_visits)),
        entities=Ratio(ent_ok, len(gold_ents)),
        entity_wrong=wrong,
        entity_answered=len(answered),
        departments=Ratio(sum(1 for m in depts if gold_ents[m] in pred_codes.get(m, set())), len(depts)),
        pre_reform=Ratio(sum(1 for m in old if gold_ents[m] in pred_codes.get(m, set())), len(old)),
    )


def _unit(value: object) -> str:
    return norm(str(value or "")).replace("％", "%")


def _metric_matches(gold: dict, found: dict) -> bool:
    try:
        g, f = float(gold["value"]), float(found["value"])
    except (KeyError, TypeError, ValueError):
        return False
    if abs(g - f) > 1e-6 * max(1.0, abs(g)) or _unit(gold.get("unit")) != _unit(found.get("unit")):
        return False
    return norm(gold.get("name")) in norm(found.get("name"))


def _score_metrics(lf: dict, rf: dict) -> tuple[Ratio, Ratio]:
    gold = lf.get("metrics")
    if gold is None:
        return Ratio(0, 0), Ratio(0, 0)
    found = rf.get("metrics", [])
    recalled = sum(1 for g in gold if any(_metric_matches(g, f) for f in found))
    if not lf.get("metrics_complete"):
        return Ratio(recalled, len(gold)), Ratio(0, 0)
    right = sum(1 for f in found if any(_metric_matches(g, f) for g in gold))
    return Ratio(recalled, len(gold)), Ratio(right, len(found))


def _pre_reform(mention: str) -> bool:
    names = _pre_reform_names()
    return any(name in mention for name in names)


@cache
def _pre_reform_names() -> tuple[str, ...]:
    depts = load_gazetteer().department_list
    keys = {k for d in depts if d.era == "pre2019" for k in (d.standard, *d.aliases) if len(k) >= 3}
    return tuple(sorted(keys, key=len, reverse=True))
