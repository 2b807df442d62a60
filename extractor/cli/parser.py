"""The `extractor` command's arguments, and what they make: the settings and the output folder."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from extractor import __version__
from extractor.errors import UsageError
from extractor.ingest.digital import READERS
from extractor.ingest.names import readable
from extractor.settings import Settings


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


def out_folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"OUT is not a folder: {readable(out)}")


def settings_from(args: argparse.Namespace) -> Settings:
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
