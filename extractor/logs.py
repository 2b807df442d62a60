"""Logging for the CLI and its worker processes alike: one line a record, tracebacks only with -v."""

from __future__ import annotations

import logging
import sys


class OneLine(logging.Formatter):
    """Log records as one line; tracebacks only when verbose."""

    def __init__(self, verbose: bool) -> None:
        super().__init__("%(levelname)s %(name)s: %(message)s")
        self.verbose = verbose

    def format(self, record: logging.LogRecord) -> str:
        if not self.verbose and record.exc_info:
            record = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
        return super().format(record)


def configure_logging(verbose: bool) -> None:
    # a library's warnings (Pillow on a damaged TIFF tag) are log records: without -v they do not
    # add lines to the one a user reads
    logging.captureWarnings(True)
    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLine(verbose))
    root.addHandler(handler)
    # without -v the CLI's own one-line messages are the whole story
    root.setLevel(logging.DEBUG if verbose else logging.CRITICAL)
    # pdfminer is chatty about harmless font quirks even when verbose
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    logging.getLogger("watchdog").setLevel(logging.WARNING)
    # the service's warnings are an operator's news (paused: disk full; resumed; attempt 2 of 3)
    for name in ("extractor.service.watch", "extractor.service.pool", "extractor.service.batch"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.WARNING)
