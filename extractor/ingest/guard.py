"""Before PDFium parses a page, the streams it would inflate are inflated once under the
document's budget (`ingest/inflate.py`), so that a Flate bomb is refused with a line, not met
by PDFium.

PDFium inflates a page's content stream whole when it loads the page, and an allocation it
cannot make under the process's memory ceiling ends the process (abort). pdfminer's object
layer, without its content interpreter, reads the page tree, and each page's content streams
and the forms it draws are inflated, counted and dropped. It costs about 2.5 ms a document
(50 samples: 0.12 s). A document pdfminer cannot parse at all is not guarded: PDFium repairs
more than pdfminer parses, and it is the reader.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream, resolve1

from extractor.errors import TooLarge

log = logging.getLogger(__name__)
MAX_FORMS = 10_000  # forms looked into per page (a page of more is not a bulletin)


class StreamGuard:
    def __init__(self, path: Path) -> None:
        self._file: IO[bytes] | None = None
        self._pages: Iterator[PDFPage] | None = None
        self._at = 0
        self._done: set[int] = set()  # streams already counted (a form drawn on many pages counts once)
        try:
            self._file = path.open("rb")
            self._pages = PDFPage.create_pages(PDFDocument(PDFParser(self._file)))
        except TooLarge:
            self.close()
            raise
        except Exception as exc:  # pdfminer cannot parse it: PDFium reads it unguarded
            log.info("%s: streams not checked before reading (%s: %s)", path, type(exc).__name__, exc)
            self.close()

    def check(self, number: int) -> None:
        """Inflate page `number`'s streams under the budget: raises TooLarge past it."""
        if self._pages is None:
            return
        try:
            page = None
            while self._at < number:
                page = next(self._pages)
                self._at += 1
            if page is not None:
                for stream in _streams(page):
                    if id(stream) not in self._done:
                        self._done.add(id(stream))
                        stream.get_data()
                        stream.data = b""  # counted, not kept
        except TooLarge:
            raise
        except Exception as exc:  # a page pdfminer cannot follow: the rest goes unguarded
            log.info("page %d: streams not checked before reading (%s: %s)", number, type(exc).__name__, exc)
            self._pages = None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._pages = None


def _streams(page: PDFPage) -> list[PDFStream]:
    streams = [s for s in (resolve1(c) for c in (page.contents or [])) if isinstance(s, PDFStream)]
    seen: set[int] = set()
    _forms(page.resources, seen, streams)
    return streams


def _forms(resources: Any, seen: set[int], out: list[PDFStream]) -> None:
    resources = resolve1(resources)
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if not isinstance(xobjects, dict):
        return
    for ref in xobjects.values():
        form = resolve1(ref)
        if not isinstance(form, PDFStream) or id(form) in seen or len(seen) >= MAX_FORMS:
            continue
        if getattr(resolve1(form.get("Subtype")), "name", None) != "Form":
            continue
        seen.add(id(form))
        out.append(form)
        _forms(form.get("Resources"), seen, out)
