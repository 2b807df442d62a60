"""Extract one file and write its outputs, turning every failure into a result on disk.

Whatever happens to one input, the caller gets an `Outcome` and, where any
output can be made, `OUT/<stem>.json` with `status` and `errors[]`; the next
input goes on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from extractor import timings
from extractor.errors import ExtractorError, PartialResult, TemporaryFailure
from extractor.export.files import write_result
from extractor.ingest.names import readable
from extractor.ingest.source import sha256_of
from extractor.limits import document_bounds
from extractor.model.result import ErrorItem, ExtractionResult, Source
from extractor.pipeline import extract
from extractor.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Outcome:
    path: Path
    result: ExtractionResult
    json_path: Path | None
    error: ExtractorError | None
    timings: dict[str, float] | None = None  # seconds per stage, the writing included (with `Settings.timings`)


def failure_result(path: Path, error: ExtractorError) -> ExtractionResult:
    try:
        digest = sha256_of(path)
    except OSError:
        digest = ""
    return ExtractionResult(
        source=Source(path=readable(path), sha256=digest),
        status="failure",
        errors=[ErrorItem(stage=error.stage, message=error.message)],
    )


def run_one(path: Path, out_dir: Path, stem: str, settings: Settings, shown_as: str | None = None) -> Outcome:
    """`shown_as`: the input's name in the result (`source.path`) when `path` is a copy of it (a Ray
    worker that was sent the bytes)."""
    if not settings.timings:
        return _run_one(path, out_dir, stem, settings, shown_as)
    with timings.collecting() as clock:
        outcome = _run_one(path, out_dir, stem, settings, shown_as)
    return replace(outcome, timings=clock.table())


def _run_one(path: Path, out_dir: Path, stem: str, settings: Settings, shown_as: str | None = None) -> Outcome:
    error: ExtractorError | None = None
    try:
        with document_bounds(settings.limits):
            result = extract(path, settings)
    except ExtractorError as exc:
        exc.path = exc.path or str(path)
        error, result = exc, failure_result(path, exc)
    except OSError as exc:  # the input vanished or the disk failed while it was read
        error = TemporaryFailure(f"read error: {exc.strerror or exc}", path=str(path), stage="read")
        result = failure_result(path, error)
    except Exception as exc:  # boundary: a bug on one input must not stop the others
        log.exception("internal error on %s", path)
        error = ExtractorError(f"internal error: {type(exc).__name__}: {exc}", path=str(path))
        result = failure_result(path, error)
    if error is None and result.status == "partial":
        pages = ", ".join(str(e.page) for e in result.errors if e.page is not None) or "?"
        error = PartialResult(f"partial result: page(s) {pages} failed: {result.errors[0].message}", path=str(path))
    if shown_as is not None:
        result.source.path = shown_as
    json_path = None
    if result.source.sha256 or error is None:
        try:
            json_path = write_result(result, out_dir, stem)
        except OSError as exc:  # a full disk, a read-only OUT: not the document's fault
            error = TemporaryFailure(f"cannot write the result: {exc.strerror or exc}", path=str(path), stage="write")
    return Outcome(path=path, result=result, json_path=json_path, error=error)
