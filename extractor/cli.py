"""The `extractor` command: parse arguments, call the API, turn errors into one line and an exit code.

extractor extract FILE|DIR... -o OUT      results as OUT/<stem>.json + OUT/<stem>/<table>.csv
extractor eval RESULTS LABELS             accuracy against hand-labelled samples
extractor review OUT                      the tables a person should look at, worst first
extractor schema                          the JSON Schema of a result
extractor gazetteer lookup NAME           how a place or department name resolves, with candidates
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import signal
import socket
import sys
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path

from extractor import __version__, gazetteer, runtime, timings
from extractor.errors import (
    MIXED_FAILURES,
    DocumentsFailed,
    ExtractorError,
    InputNotFound,
    TemporaryFailure,
    ThresholdNotMet,
    UsageError,
)
from extractor.gazetteer.data import NOW
from extractor.ingest.digital import READERS
from extractor.ingest.inputs import collect_inputs
from extractor.ingest.names import readable, unique_stems
from extractor.logs import configure_logging
from extractor.model.result import ExtractionResult
from extractor.ocr.registry import close_engines
from extractor.service.run import Outcome, run_one
from extractor.service.store import STORE_NAME
from extractor.settings import Settings

log = logging.getLogger("extractor")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="extractor", description="Tables, places and facts from 政务服务 bulletins.")
    parser.add_argument("--version", action="version", version=f"extractor {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    common = _Parser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", help="log progress and show tracebacks")

    p = sub.add_parser("extract", parents=[common], help="extract PDFs and page images (files or folders) into OUT")
    p.add_argument("inputs", nargs="+", help="PDF or image files, or folders (searched recursively)")
    p.add_argument("-o", "--out", required=True, type=Path, help="output folder")
    p.add_argument("-q", "--quiet", action="store_true", help="no per-file summary")
    p.add_argument("--ocr-engine", default=None, help="rapidocr (default), tesseract, paddleocr, or module:Class")
    p.add_argument("--no-ocr", action="store_true", help="never OCR: pages without a text layer are reported")
    p.add_argument(
        "--timeout", type=float, default=None, help="seconds one document may take (default 600, EXTRACTOR_TIMEOUT)"
    )
    p.add_argument("--reader", choices=READERS, default=None, help="how digital pages are read (default pdfium)")
    p.add_argument(
        "--timings", action="store_true", help="print seconds per stage, and keep them in the result's `timings`"
    )

    p = sub.add_parser("batch", parents=[common], help="extract many files in parallel, resumably, into OUT")
    p.add_argument("--engine", choices=("local", "ray"), default="local", help="local worker pool (default) or Ray")
    p.add_argument(
        "--address", default=None, help="with --engine ray: a cluster (auto, ray://host:10001); default: a local one"
    )
    p.add_argument(
        "--shared",
        action="store_true",
        help="with --address: the inputs and OUT are on a file system every Ray node mounts (else sent as bytes)",
    )
    p.add_argument(
        "--store",
        default=None,
        help="results store: postgresql://… or a SQLite file (default OUT/results.sqlite; EXTRACTOR_STORE)",
    )
    p.add_argument("inputs", nargs="+", help="files, folders, glob patterns ('archive/**/*.pdf') and zip archives")
    p.add_argument("-o", "--out", required=True, type=Path, help="output folder (results, tables, results.sqlite)")
    p.add_argument(
        "-j",
        "--workers",
        type=int,
        default=None,
        help="workers (default: this machine's cores; Ray: the cluster's CPUs)",
    )
    p.add_argument("--retry-failed", action="store_true", help="try the documents that failed before again")
    p.add_argument(
        "--attempts", type=int, default=3, help="tries of a document that times out or whose worker dies (3)"
    )
    p.add_argument(
        "--timeout", type=float, default=None, help="seconds one document may take (default 600, EXTRACTOR_TIMEOUT)"
    )
    p.add_argument(
        "--recycle", type=int, default=None, help="documents per worker before it is replaced (default 50; Ray: 200)"
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--ocr-engine", default=None, help="rapidocr (default), tesseract, paddleocr, or module:Class")
    p.add_argument("--no-ocr", action="store_true", help="never OCR")

    p = sub.add_parser("serve", parents=[common], help="the HTTP API and the review page, until stopped")
    p.add_argument(
        "--store",
        default=None,
        help="results store: postgresql://… or a SQLite file (default OUT/results.sqlite; EXTRACTOR_STORE)",
    )
    p.add_argument("-o", "--out", required=True, type=Path, help="output folder (results, uploads, results.sqlite)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("-j", "--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument(
        "--timeout", type=float, default=None, help="seconds one document may take (default 600, EXTRACTOR_TIMEOUT)"
    )
    p.add_argument("--ocr-engine", default=None, help="rapidocr (default), tesseract, paddleocr, or module:Class")
    p.add_argument("--no-ocr", action="store_true", help="never OCR")

    p = sub.add_parser("watch", parents=[common], help="extract what is dropped into a folder, until stopped")
    p.add_argument(
        "--store",
        default=None,
        help="results store: postgresql://… or a SQLite file (default OUT/results.sqlite; EXTRACTOR_STORE)",
    )
    p.add_argument("inbox", type=Path, help="the watched folder; inputs move to INBOX/done or INBOX/failed")
    p.add_argument("-o", "--out", required=True, type=Path, help="output folder (results, tables, results.sqlite)")
    p.add_argument("--create", action="store_true", help="create INBOX when it does not exist (else: exit 3)")
    p.add_argument("--poll", action="store_true", help="poll the folder instead of file-system events (network shares)")
    p.add_argument("--poll-interval", type=float, default=1.0, help="seconds between polls (default 1)")
    p.add_argument("--settle", type=float, default=2.0, help="seconds a file must stay unchanged (default 2)")
    p.add_argument("-j", "--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument(
        "--attempts", type=int, default=3, help="tries of a document that times out or whose worker dies (3)"
    )
    p.add_argument("--retry-failed", action="store_true", help="put the files in INBOX/failed back in the inbox first")
    p.add_argument(
        "--timeout", type=float, default=None, help="seconds one document may take (default 600, EXTRACTOR_TIMEOUT)"
    )
    p.add_argument("--recycle", type=int, default=50, help="documents per worker before it is replaced (default 50)")
    p.add_argument("--ocr-engine", default=None, help="rapidocr (default), tesseract, paddleocr, or module:Class")
    p.add_argument("--no-ocr", action="store_true", help="never OCR")

    p = sub.add_parser("export", parents=[common], help="results in OUT as csv, xlsx, parquet or jsonl")
    p.add_argument(
        "--store",
        default=None,
        help="results store: postgresql://… or a SQLite file (default OUT/results.sqlite; EXTRACTOR_STORE)",
    )
    p.add_argument("results", type=Path, help="the output folder of extract, batch or watch")
    p.add_argument("--format", required=True, choices=["csv", "xlsx", "parquet", "jsonl"])
    p.add_argument("--dest", type=Path, default=None, help="where to write (default RESULTS/export/FORMAT)")

    p = sub.add_parser("eval", parents=[common], help="score results against labels (CONTRACT.md)")
    p.add_argument("results", type=Path, help="folder with <name>.json results")
    p.add_argument("labels", type=Path, help="folder with <name>.label.json labels")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--min-cell-f1", type=float, default=None, help="exit 10 if cell F1 is lower")
    p.add_argument("--min-header", type=float, default=None, help="exit 10 if header accuracy is lower")
    p.add_argument(
        "--twins", type=Path, default=None, help="results of the digital twins: narrative CER of NAME-scan vs NAME"
    )
    p.add_argument("--max-cer", type=float, default=None, help="exit 10 if the narrative CER is higher (with --twins)")

    p.add_argument("--min-event-f1", type=float, default=None, help="exit 10 if event F1 is lower")
    p.add_argument("--min-people-recall", type=float, default=None, help="exit 10 if officials' recall is lower")
    p.add_argument("--min-people-precision", type=float, default=None, help="exit 10 if officials' precision is lower")
    p.add_argument("--min-titles", type=float, default=None, help="exit 10 if title accuracy is lower")
    p.add_argument("--min-visits", type=float, default=None, help="exit 10 if the share of exact visit counts is lower")
    p.add_argument("--min-entity", type=float, default=None, help="exit 10 if entity accuracy is lower")
    p.add_argument("--min-row-paths", type=float, default=None, help="exit 10 if row-path accuracy is lower")
    p.add_argument(
        "--min-check-pass",
        type=float,
        default=None,
        help="exit 10 if the share of checks passing on correctly extracted cells is lower",
    )
    p.add_argument(
        "--min-relation-recall",
        type=float,
        default=None,
        help="exit 10 if the share of labelled relations (totals, rates) found as checks is lower",
    )
    p.add_argument(
        "--min-detection",
        type=float,
        default=None,
        help="exit 10 if the share of wrong cells flagged or in a table marked for review is lower",
    )
    p.add_argument(
        "--max-false-review",
        type=float,
        default=None,
        help="exit 10 if the share of correct tables marked for review is higher",
    )
    p.add_argument("--min-period", type=float, default=None, help="exit 10 if the share of right periods is lower")
    p.add_argument("--min-metric-recall", type=float, default=None, help="exit 10 if narrative-metric recall is lower")
    p.add_argument(
        "--min-metric-precision", type=float, default=None, help="exit 10 if narrative-metric precision is lower"
    )
    p.add_argument(
        "--max-entity-wrong",
        type=float,
        default=None,
        help="exit 10 if the share of wrong codes among answered is higher",
    )

    p = sub.add_parser("review", parents=[common], help="the tables a person should look at, worst first")
    p.add_argument("results", type=Path, help="the output folder of extract, batch or watch")
    p.add_argument("--all", action="store_true", help="every table, not only those marked for review")
    p.add_argument("--json", action="store_true", help="print the list as JSON")

    p = sub.add_parser("gazetteer", parents=[common], help="look names up in the bundled gazetteer")
    gsub = p.add_subparsers(dest="gazetteer_command", required=True, parser_class=_Parser)
    q = gsub.add_parser("lookup", parents=[common], help="how a place or department name resolves, with candidates")
    q.add_argument("name", help="a place or department as written: 州医保局, 马尔康县, 西区")
    q.add_argument("--year", type=int, default=None, help="the year of the document (picks the edition)")
    q.add_argument("--within", default=None, help="the jurisdiction's code, as a document would give it: 513200")
    q.add_argument("--json", action="store_true", help="print the match as JSON")

    p = sub.add_parser("schema", parents=[common], help="print the JSON Schema of a result")
    p.add_argument("-o", "--out", type=Path, default=None, help="write to this file instead")
    return parser


def run() -> None:
    """The `extractor` command: `main`, then a quick exit. Python's own exit frees every object
    one by one, the gazetteer's hundreds of thousands among them (0.07 s of every run); the
    streams are flushed, the logs closed and the OCR engines' processes stopped first."""
    code = main()
    close_engines()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`): nothing more can reach it
            code = code or 1
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    configure_logging(False)
    try:
        args = build_parser().parse_args(argv)
        configure_logging(args.verbose)
        handlers = {
            "extract": cmd_extract,
            "batch": cmd_batch,
            "watch": cmd_watch,
            "serve": cmd_serve,
            "export": cmd_export,
            "eval": cmd_eval,
            "review": cmd_review,
            "schema": cmd_schema,
            "gazetteer": cmd_gazetteer,
        }
        handler = handlers[args.command]
        return handler(args)
    except ExtractorError as exc:
        print(f"extractor: {exc.one_line()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("extractor: interrupted", file=sys.stderr)
        return 130


def _out_folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"OUT is not a folder: {readable(out)}")


def cmd_extract(args: argparse.Namespace) -> int:
    _out_folder(args.out)
    inputs = collect_inputs(args.inputs)
    if not inputs:
        raise UsageError("no PDF or image files found in the given paths")
    settings = _settings(args)
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


def _store_name(args: argparse.Namespace) -> str:
    from extractor.service.postgres import redacted  # noqa: PLC0415

    spec = getattr(args, "store", None) or Settings().store
    return redacted(spec) if spec else readable(args.out / STORE_NAME)


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings()
    if args.ocr_engine:
        settings = replace(settings, ocr_engine=args.ocr_engine)
    if args.no_ocr:
        settings = replace(settings, ocr=False)
    if getattr(args, "store", None):
        settings = replace(settings, store=args.store)
    if getattr(args, "reader", None):
        settings = replace(settings, reader=args.reader)
    if getattr(args, "timings", False):
        settings = replace(settings, timings=True)
    if args.timeout is not None:
        if args.timeout <= 0:
            raise UsageError("--timeout must be positive")
        settings = replace(settings, limits=replace(settings.limits, seconds=args.timeout))
    return settings


def cmd_batch(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn  # noqa: PLC0415

    from extractor.service.batch import run_batch  # noqa: PLC0415 - each command imports what it runs

    if min(args.workers or 1, args.recycle or 1, args.attempts) < 1:
        raise UsageError("--workers, --recycle and --attempts must be positive")
    if (args.address or args.shared) and args.engine != "ray":
        raise UsageError("--address and --shared are for --engine ray")
    _out_folder(args.out)
    show = not args.no_progress and sys.stderr.isatty()
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[pages]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, disable=not show, transient=False) as progress:
        summary = run_batch(
            args.inputs,
            args.out,
            _settings(args),
            args.workers,
            args.retry_failed,
            recycle=args.recycle,
            progress=progress,
            attempts=args.attempts,
            engine=args.engine,
            address=args.address,
            shared=True if args.shared else None,
        )
    rate = summary.pages / summary.seconds if summary.seconds else 0.0
    print(
        f"batch: {summary.done} done, {summary.failed} failed, {summary.skipped} already done or failed before, "
        f"{summary.duplicates} duplicates; {summary.pages} pages in {summary.seconds:.1f} s ({rate:.1f} pages/s) "
        f"→ {readable(args.out)} (store {_store_name(args)})"
    )
    if summary.failed or summary.failed_before:
        for where, why in summary.failures[:20]:
            where, why = readable(where), readable(why)
            print(f"  failed: {why}" if why.startswith(("/", ".")) or where in why else f"  failed: {where}: {why}")
        reasons = ", ".join(f"{k} {n}" for k, n in summary.reasons.most_common())
        parts = [f"{summary.failed} document(s) failed ({reasons})"] if summary.failed else []
        parts += [f"{summary.failed_before} failed in an earlier run"] if summary.failed_before else []
        raise DocumentsFailed("; ".join(parts) + "; rerun with --retry-failed")
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from extractor.service.watch import Watcher  # noqa: PLC0415 - each command imports what it runs

    if args.create and not args.inbox.exists():
        args.inbox.mkdir(parents=True)
    if not args.inbox.is_dir():
        raise InputNotFound("not a folder", path=str(args.inbox))
    if args.out.resolve() == args.inbox.resolve():
        raise UsageError("OUT must not be the watched folder")
    if min(args.workers, args.recycle, args.attempts) < 1 or min(args.settle, args.poll_interval) <= 0:
        raise UsageError("--workers, --recycle, --attempts, --settle and --poll-interval must be positive")
    watcher = Watcher(
        args.inbox,
        args.out,
        _settings(args),
        workers=args.workers,
        poll=args.poll,
        settle=args.settle,
        recycle=args.recycle,
        attempts=args.attempts,
        retry_failed=args.retry_failed,
        poll_interval=args.poll_interval,
    )
    s = watcher.run(
        on_ready=lambda: print(
            f"watch: watching {readable(args.inbox)} → {readable(args.out)} (store {_store_name(args)})",
            flush=True,
        )
    )
    print(f"watch: stopped; {s.done} done, {s.failed} failed, {s.pages} pages this run")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn  # noqa: PLC0415 - each command imports what it runs

    from extractor.api.app import create_app  # noqa: PLC0415

    _out_folder(args.out)
    if args.workers < 1 or not 0 < args.port < 65536:
        raise UsageError("--workers must be positive and --port between 1 and 65535")
    try:  # the socket first: a port in use is one line and exit 16, before anything starts
        family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.host, args.port))
    except OSError as exc:
        raise TemporaryFailure(f"cannot listen on {args.host}:{args.port} ({exc.strerror or exc})") from exc
    app = create_app(args.out, _settings(args), workers=args.workers)
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    print(f"serve: http://{args.host}:{args.port} (API at /docs, review at /review) → {readable(args.out)}", flush=True)
    # uvicorn stops gracefully on SIGTERM and Ctrl-C, then raises the signal again for the handler it
    # found: this one, so that the command ends as `watch` does, exit 0, not killed by the signal
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: None)
    uvicorn.Server(config).run(sockets=[sock])
    print("serve: stopped")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if not args.results.is_dir():
        raise InputNotFound("not a folder", path=str(args.results))
    from extractor.export.bundle import export  # noqa: PLC0415 - pandas and pyarrow only for `export` (0.5 s)

    dest, n = export(args.results, args.format, args.dest, store=args.store or Settings().store)
    print(f"export: {n} results → {dest}")
    return 0


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
