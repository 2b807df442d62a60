"""Score a folder of results against a folder of labels; print a table per document and a summary.

A label `NAME.label.json` is paired with the result `NAME.json`. A label
without a result scores zero (and is named), so a crash cannot raise the score.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from extractor.evaluate.checks import Knowledge, knowledge, with_checks
from extractor.evaluate.facts import FactScore, Ratio, score_facts
from extractor.evaluate.tables import TableScore, f1, score_table

LABEL_SUFFIX = ".label.json"


@dataclass(slots=True)
class DocScore:
    name: str
    missing: bool
    tables: list[TableScore] = field(default_factory=list)
    facts: FactScore | None = None
    period: Ratio = field(default_factory=lambda: Ratio(0, 0))  # period and period_kind both right, where labelled


def load_pairs(results: Path, labels: Path) -> list[tuple[str, dict, dict | None]]:
    pairs = []
    for label_path in sorted(labels.glob("*" + LABEL_SUFFIX)):
        name = label_path.name[: -len(LABEL_SUFFIX)]
        label = json.loads(label_path.read_text(encoding="utf-8"))
        result_path = results / f"{name}.json"
        result = json.loads(result_path.read_text(encoding="utf-8")) if result_path.exists() else None
        pairs.append((name, label, result))
    return pairs


def score_document(name: str, label: dict, result: dict | None) -> DocScore:
    candidates = (result or {}).get("tables", [])
    doc = DocScore(name=name, missing=result is None)
    doc.tables = [
        with_checks(score_table(t, candidates, bool(label.get("partial"))), t, candidates)
        for t in label.get("tables", [])
    ]
    doc.facts = score_facts(label, result or {})
    doc.period = score_period(label, result or {})
    return doc


def score_period(label: dict, result: dict) -> Ratio:
    gold = label.get("document") or {}
    if "period" not in gold:
        return Ratio(0, 0)
    found = result.get("document") or {}
    same = found.get("period") == gold["period"]
    if "period_kind" in gold:
        same = same and found.get("period_kind") == gold["period_kind"]
    return Ratio(int(same), 1)


@dataclass(frozen=True, slots=True)
class Summary:
    documents: int
    missing: list[str]
    cell_f1: float | None
    header_accuracy: float | None
    event_f1: float | None
    people_recall: float | None
    title_accuracy: float | None
    visits_exact: float | None
    entity_accuracy: float | None
    entity_wrong_rate: float | None
    people_precision: float | None = None
    events_gold: int = 0
    people_gold: int = 0
    visits_gold: int = 0
    entity_mentions: int = 0
    entity_answered: int = 0
    entity_wrong: int = 0
    department_mentions: int = 0
    department_accuracy: float | None = None
    pre_reform_mentions: int = 0
    pre_reform_accuracy: float | None = None
    row_path_accuracy: float | None = None
    row_paths_gold: int = 0
    period_accuracy: float | None = None
    periods_gold: int = 0
    metric_recall: float | None = None
    metric_precision: float | None = None
    metrics_gold: int = 0
    knowledge: Knowledge | None = None


def _sum_ratio(ratios: list[Ratio]) -> float | None:
    return Ratio(sum(r.hit for r in ratios), sum(r.total for r in ratios)).value


def summarise(docs: list[DocScore]) -> Summary:
    tables = [t for d in docs for t in d.tables]
    facts = [d.facts for d in docs if d.facts is not None]
    tp, pred, gold = (sum(getattr(t, k) for t in tables) for k in ("tp", "predicted", "gold"))
    judged = sum(t.header_judged for t in tables)
    ev_gold = sum(f.event_gold for f in facts)
    answered = sum(f.entity_answered for f in facts)
    return Summary(
        documents=len(docs),
        missing=[d.name for d in docs if d.missing],
        cell_f1=f1(tp, pred, gold) if tables else None,
        header_accuracy=sum(t.header_correct for t in tables) / judged if judged else None,
        event_f1=f1(sum(f.event_tp for f in facts), sum(f.event_pred for f in facts), ev_gold) if ev_gold else None,
        people_recall=_sum_ratio([f.people_recall for f in facts]),
        title_accuracy=_sum_ratio([f.titles for f in facts]),
        visits_exact=_sum_ratio([f.visits for f in facts]),
        entity_accuracy=_sum_ratio([f.entities for f in facts]),
        entity_wrong_rate=sum(f.entity_wrong for f in facts) / answered if answered else None,
        people_precision=_sum_ratio([f.people_precision for f in facts]),
        events_gold=ev_gold,
        people_gold=sum(f.people_recall.total for f in facts),
        visits_gold=sum(f.visits.total for f in facts),
        entity_mentions=sum(f.entities.total for f in facts),
        entity_answered=answered,
        entity_wrong=sum(f.entity_wrong for f in facts),
        department_mentions=sum(f.departments.total for f in facts),
        department_accuracy=_sum_ratio([f.departments for f in facts]),
        pre_reform_mentions=sum(f.pre_reform.total for f in facts),
        pre_reform_accuracy=_sum_ratio([f.pre_reform for f in facts]),
        row_path_accuracy=_sum_ratio([Ratio(t.path_correct, t.path_judged) for t in tables]),
        row_paths_gold=sum(t.path_judged for t in tables),
        period_accuracy=_sum_ratio([d.period for d in docs]),
        periods_gold=sum(d.period.total for d in docs),
        metric_recall=_sum_ratio([f.metrics_recall for f in facts]),
        metric_precision=_sum_ratio([f.metrics_precision for f in facts]),
        metrics_gold=sum(f.metrics_recall.total for f in facts),
        knowledge=knowledge(tables) if tables else None,
    )


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


_COLUMNS = ("tables", "cellF1", "header", "events", "people", "titles", "visits", "entity")


def _line(name: str, n_tables: int, s: Summary) -> str:
    values = (s.cell_f1, s.header_accuracy, s.event_f1, s.people_recall, s.title_accuracy, s.visits_exact)
    cells = [f"{n_tables:>6}"] + [f"{_fmt(v):>6}" for v in (*values, s.entity_accuracy)]
    return f"{name:<28} " + " ".join(cells)


def render(docs: list[DocScore], summary: Summary) -> str:
    head = f"{'document':<28} " + " ".join(f"{c:>6}" for c in _COLUMNS)
    lines = [head, "-" * len(head)]
    for d in docs:
        lines.append(_line(d.name + (" (no result)" if d.missing else ""), len(d.tables), summarise([d])))
    lines.append("-" * len(head))
    lines.append(_line(f"ALL ({summary.documents} documents)", sum(len(d.tables) for d in docs), summary))
    if summary.events_gold or summary.people_gold:
        s = summary
        lines.append(
            f"facts: {s.events_gold} labelled (date, person) event pairs, F1 {_fmt(s.event_f1).strip()}; "
            f"{s.people_gold} officials, recall {_fmt(s.people_recall).strip()}, precision "
            f"{_fmt(s.people_precision).strip()}, titles {_fmt(s.title_accuracy).strip()}; "
            f"{s.visits_gold} visit counts, exact {_fmt(s.visits_exact).strip()}"
        )
    if summary.entity_mentions:
        s = summary
        lines.append(
            f"entities: {s.entity_mentions} labelled mentions, accuracy {_fmt(s.entity_accuracy)}; "
            f"departments {s.department_mentions} ({_fmt(s.department_accuracy).strip()}), "
            f"pre-2019 names {s.pre_reform_mentions} ({_fmt(s.pre_reform_accuracy).strip()}); "
            f"answered {s.entity_answered}, wrong codes {s.entity_wrong} ({100 * (s.entity_wrong_rate or 0):.1f} %)"
        )
    if summary.row_paths_gold or summary.periods_gold or summary.metrics_gold:
        s = summary
        lines.append(
            f"structure: {s.row_paths_gold} labelled row paths, accuracy {_fmt(s.row_path_accuracy).strip()}; "
            f"{s.periods_gold} periods, right {_fmt(s.period_accuracy).strip()}; "
            f"{s.metrics_gold} narrative metrics, recall {_fmt(s.metric_recall).strip()}, "
            f"precision {_fmt(s.metric_precision).strip()}"
        )
    if summary.knowledge is not None:
        lines.append(_knowledge_line(summary.knowledge))
    if summary.missing:
        lines.append("no result for: " + ", ".join(summary.missing))
    return "\n".join(lines)


def _knowledge_line(k: Knowledge) -> str:
    kinds = ", ".join(f"{kind} {found}/{labelled}" for kind, (labelled, found) in k.relations.items())
    return (
        f"self-knowledge: {k.checks_on_correct} checks on correct cells, passed {_fmt(k.pass_rate).strip()}"
        f" ({k.checks_on_misprints} more test misprints the label records); relations found "
        f"{_fmt(k.relation_recall).strip()} ({kinds or 'none labelled'}); tables printing arithmetic "
        f"{k.tables_with_relations}, checked {k.tables_checked}; wrong cells {k.wrong_cells}, flagged or in review "
        f"{_fmt(k.detection_recall).strip()}; correct tables {k.correct_tables}, marked for review "
        f"{k.false_reviews} ({_fmt(k.false_review_rate).strip()}); correct tables of misprinted sums "
        f"{k.misprint_tables}, marked {k.misprints_reviewed}"
    )


def as_json(docs: list[DocScore], summary: Summary) -> dict:
    def table(t: TableScore) -> dict:
        return {
            "title": t.title,
            "matched": t.matched,
            "cell_f1": round(t.f1, 4),
            "tp": t.tp,
            "predicted": t.predicted,
            "gold": t.gold,
            "header_correct": t.header_correct,
            "header_judged": t.header_judged,
            "path_correct": t.path_correct,
            "path_judged": t.path_judged,
            "checks": asdict(t.checks) if t.checks is not None else None,
        }

    return {
        "summary": {k: _plain(getattr(summary, k)) for k in Summary.__slots__},
        "documents": [
            {"name": d.name, "missing": d.missing, "tables": [table(t) for t in d.tables], **_doc_facts(d)}
            for d in docs
        ],
    }


def _plain(value: object) -> object:
    if isinstance(value, Knowledge):
        rates = ("pass_rate", "relation_recall", "detection_recall", "false_review_rate")
        return {**asdict(value), **{r: getattr(value, r) for r in rates}}
    return value


def _doc_facts(d: DocScore) -> dict:
    s = summarise([d])
    return {
        "event_f1": s.event_f1,
        "people_recall": s.people_recall,
        "title_accuracy": s.title_accuracy,
        "visits_exact": s.visits_exact,
        "entity_accuracy": s.entity_accuracy,
        "row_path_accuracy": s.row_path_accuracy,
        "period_right": s.period_accuracy,
        "metric_recall": s.metric_recall,
        "metric_precision": s.metric_precision,
    }


def evaluate(results: Path, labels: Path) -> tuple[list[DocScore], Summary]:
    docs = [score_document(name, label, result) for name, label, result in load_pairs(results, labels)]
    return docs, summarise(docs)
