"""`extractor extract | eval | review | gazetteer | schema`: documents on this machine, one after
another, and what is made of their results.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from dataclasses import asdict

from extractor import gazetteer, runtime, timings
from extractor.cli.parser import out_folder, settings_from
from extractor.errors import MIXED_FAILURES, ExtractorError, ThresholdNotMet, UsageError
from extractor.gazetteer.data import NOW
from extractor.ingest.inputs import collect_inputs
from extractor.ingest.names import readable, unique_stems
from extractor.model.result import ExtractionResult
from extractor.service.run import Outcome, run_one


def cmd_extract(args: argparse.Namespace) -> int:
    out_folder(args.out)
    inputs = collect_inputs(args.inputs)
    if not inputs:
        raise UsageError("no PDF or image files found in the given paths")
    settings = settings_from(args)
    with contextlib.suppress(ExtractorError):  # loaded before the first document (a missing one is its failure)
        gazetteer.load()
    runtime.settle()
    codes: set[int] = set()
    for path, stem in zip(inputs, unique_stems(inputs), strict=True):
        outcome = run_one(path, args.out, stem, settings)
        if outcome.error is not None:
            print(f"extractor: {outcome.error.one_line()}", file=sys.stderr)
            codes.add(outcome.error.exit_code)
        if not args.quiet:
            print(summary_line(outcome))
        if outcome.timings:
            print(f"{readable(path)}: seconds per stage\n{timings.render(outcome.timings)}", file=sys.stderr)
    if not codes:
        return 0
    return codes.pop() if len(codes) == 1 else MIXED_FAILURES


def summary_line(outcome: Outcome) -> str:
    r: ExtractionResult = outcome.result
    tables = ", ".join(f"{t.id} {len(t.rows)}×{len(t.columns)}" for t in r.tables) or "no tables"
    meta = r.document
    where = readable(outcome.json_path) if outcome.json_path else "(no output)"
    return (
        f"{readable(outcome.path)}: {r.status}, {r.source.pages} pages, {len(r.tables)} tables ({tables}), "
        f"period {meta.period or '?'}, {len(r.narrative.paragraphs)} paragraphs → {where}"
    )


def cmd_eval(args: argparse.Namespace) -> int:
    from extractor.evaluate.report import as_json, evaluate, render  # noqa: PLC0415 - each command imports what it runs

    for folder in (args.results, args.labels):
        if not folder.is_dir():
            raise UsageError(f"{folder}: not a folder")
    docs, summary = evaluate(args.results, args.labels)
    if not docs:
        raise UsageError(f"{args.labels}: no *.label.json files")
    from extractor.evaluate.text import score_twins  # noqa: PLC0415 - rapidfuzz only for `eval --twins`

    texts = score_twins(args.results, args.twins) if args.twins else []
    cer = sum(t.errors for t in texts) / max(1, sum(t.length for t in texts)) if texts else None
    if args.json:
        data = as_json(docs, summary)
        data["summary"]["narrative_cer"] = cer
        data["narrative"] = [{"name": t.name, "twin": t.twin, "cer": round(t.cer, 5)} for t in texts]
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(render(docs, summary))
        for t in texts:
            print(f"narrative CER {t.name} vs {t.twin}: {t.cer:.4f} ({t.errors} edits / {t.length} chars)")
        if cer is not None:
            print(f"narrative CER, all: {cer:.4f}")
    failed = []
    if args.max_cer is not None and (cer is None or cer > args.max_cer):
        failed.append(f"narrative CER {cer if cer is not None else 'n/a'} > {args.max_cer}")
    if args.min_cell_f1 is not None and (summary.cell_f1 or 0.0) < args.min_cell_f1:
        failed.append(f"cell F1 {summary.cell_f1 or 0:.3f} < {args.min_cell_f1}")
    if args.min_header is not None and (summary.header_accuracy or 0.0) < args.min_header:
        failed.append(f"header accuracy {summary.header_accuracy or 0:.3f} < {args.min_header}")
    for flag, value, label in (
        (args.min_event_f1, summary.event_f1, "event F1"),
        (args.min_people_recall, summary.people_recall, "people recall"),
        (args.min_people_precision, summary.people_precision, "people precision"),
        (args.min_titles, summary.title_accuracy, "title accuracy"),
        (args.min_visits, summary.visits_exact, "exact visit counts"),
        (args.min_row_paths, summary.row_path_accuracy, "row-path accuracy"),
        (args.min_period, summary.period_accuracy, "period accuracy"),
        (args.min_metric_recall, summary.metric_recall, "metric recall"),
        (args.min_metric_precision, summary.metric_precision, "metric precision"),
        (args.min_check_pass, k.pass_rate if (k := summary.knowledge) else None, "checks passing on correct cells"),
        (args.min_relation_recall, k.relation_recall if k else None, "labelled relations found"),
        (args.min_detection, k.detection_recall if k else None, "wrong cells flagged or in review"),
    ):
        if flag is not None and (value or 0.0) < flag:
            failed.append(f"{label} {value or 0:.3f} < {flag}")
    if args.min_entity is not None and (summary.entity_accuracy or 0.0) < args.min_entity:
        failed.append(f"entity accuracy {summary.entity_accuracy or 0:.3f} < {args.min_entity}")
    false_review = summary.knowledge.false_review_rate if summary.knowledge else None
    if args.max_false_review is not None and (false_review or 0.0) > args.max_false_review:
        failed.append(f"correct tables marked for review {false_review:.3f} > {args.max_false_review}")
    wrong = summary.entity_wrong_rate
    if args.max_entity_wrong is not None and (wrong is None or wrong > args.max_entity_wrong):
        failed.append(f"wrong entity codes {wrong if wrong is not None else 'n/a'} > {args.max_entity_wrong}")
    if failed:
        raise ThresholdNotMet("below threshold: " + "; ".join(failed))
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from extractor import review  # noqa: PLC0415 - pandas and openpyxl only for this command

    if not args.results.is_dir():
        raise UsageError(f"{args.results}: not a folder")
    found = review.items(args.results, everything=args.all)
    if args.json:
        print(json.dumps([asdict(i) for i in found], ensure_ascii=False, indent=1))
    else:
        print(review.render(found))
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    g = gazetteer.load()
    if args.within is not None and g.row(args.within) is None:
        raise UsageError(f"--within {args.within}: no such division code")
    if args.year is not None and not 1949 <= args.year <= 2100:
        raise UsageError(f"--year {args.year}: not a plausible year")
    match = gazetteer.Resolver(g, gazetteer.Context(args.within, args.year)).resolve(args.name)
    if args.json:
        print(json.dumps(asdict(match), ensure_ascii=False, indent=1))
        return 0
    if match.answered:
        print(f"{match.mention} → {match.code} {match.canonical} ({match.kind}, score {match.score:.2f})")
    else:
        print(f"{match.mention} → no code ({match.reason or 'unknown'}, best score {match.score:.2f})")
    for c in match.candidates:
        years = ", ".join(f"{d.name} {d.start}–{'' if d.end == NOW else d.end}" for d in g.by_code.get(c.code, []))
        print(f"  {c.score:.3f}  {c.code}  {c.canonical}  [{years}]")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from extractor.model.schema import result_schema  # noqa: PLC0415 - each command imports what it runs

    text = json.dumps(result_schema(), ensure_ascii=False, indent=1) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
