"""The `extractor` command: parse the arguments (`parser.py`), run the command (`documents.py` for one
machine's documents, `service.py` for batches, the watched folder, the HTTP service and exports),
turn errors into one line and an exit code.

extractor extract FILE|DIR... -o OUT      results as OUT/<stem>.json + OUT/<stem>/<table>.csv
extractor eval RESULTS LABELS             accuracy against hand-labelled samples
extractor review OUT                      the tables a person should look at, worst first
extractor schema                          the JSON Schema of a result
extractor gazetteer lookup NAME           how a place or department name resolves, with candidates
extractor batch | watch | serve | export   many documents: `extractor COMMAND --help`
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence

from extractor.cli.documents import cmd_eval, cmd_extract, cmd_gazetteer, cmd_review, cmd_schema
from extractor.cli.parser import build_parser
from extractor.cli.service import cmd_batch, cmd_export, cmd_serve, cmd_watch
from extractor.errors import ExtractorError
from extractor.logs import configure_logging
from extractor.ocr.registry import close_engines


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
    except BrokenPipeError:  # the reader of the output went away (`| head`): nothing more to say
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until the quick exit
        return 0
