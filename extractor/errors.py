"""Exceptions a user can meet, each with its own exit code.

    ExtractorError (1)                 anything else the extractor could not do
    ├── UsageError (2)                 bad command-line arguments
    ├── InputNotFound (3)              path does not exist / no inputs found
    ├── UnsupportedInput (4)           not a PDF (or image) by its content
    ├── EmptyInput (5)                 zero bytes
    ├── DamagedInput (6)               truncated or unreadable PDF
    ├── EncryptedInput (7)             password-protected PDF
    ├── NeedsOcr (8)                   no usable text layer and no OCR engine
    ├── PartialResult (9)              some pages failed; the rest was extracted
    │   └── OcrFailed (9)              the OCR engine crashed, hung or failed on a page
    ├── ThresholdNotMet (10)           `extractor eval` below --min-* targets
    ├── EngineNotInstalled (12)        the chosen OCR engine (or its models) is missing
    ├── GazetteerMissing (12)          models/gazetteer is not where EXTRACTOR_MODELS points
    ├── DocumentsFailed (13)           `batch`/`watch`: some documents ended in failed (listed)
    ├── TooLarge (14)                  past a limit: pages, frames, pixels, inflated bytes, memory
    ├── TimedOut (15)                  past the time limit of one document (EXTRACTOR_TIMEOUT)
    └── TemporaryFailure (16)          a read error, a full or read-only OUT: worth trying again

TimedOut and TemporaryFailure are *transient*: batch and watch try such a document again
(with backoff, a few times); the others are permanent: the same bytes fail the same way.

When several inputs fail for different reasons the CLI exits with
MIXED_FAILURES (11). The CLI turns each into one line
`extractor: <file>: <reason>`; tracebacks only with -v.
"""

from __future__ import annotations

from extractor.ingest.names import readable

MIXED_FAILURES = 11


class ExtractorError(Exception):
    exit_code = 1
    stage = "extract"
    transient = False  # True: the same bytes may well succeed later (time, a dead worker, a full disk)

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def one_line(self) -> str:
        where = f"{readable(self.path)}: " if self.path else ""
        return f"{where}{readable(self.message)}".replace("\n", " ")


class UsageError(ExtractorError):
    exit_code = 2
    stage = "cli"


class InputNotFound(ExtractorError):
    exit_code = 3
    stage = "open"


class UnsupportedInput(ExtractorError):
    exit_code = 4
    stage = "open"


class EmptyInput(ExtractorError):
    exit_code = 5
    stage = "open"


class DamagedInput(ExtractorError):
    exit_code = 6
    stage = "open"


class EncryptedInput(ExtractorError):
    exit_code = 7
    stage = "open"


class NeedsOcr(ExtractorError):
    exit_code = 8
    stage = "triage"


class PartialResult(ExtractorError):
    exit_code = 9
    stage = "extract"


class ThresholdNotMet(ExtractorError):
    exit_code = 10
    stage = "eval"


class OcrFailed(PartialResult):
    stage = "ocr"


class EngineNotInstalled(ExtractorError):
    exit_code = 12
    stage = "ocr"


class GazetteerMissing(ExtractorError):
    exit_code = 12
    stage = "entities"


class DocumentsFailed(ExtractorError):
    exit_code = 13
    stage = "batch"


class TooLarge(ExtractorError):
    """Past one of the limits on a document's work (pages, pixels, inflated bytes, memory)."""

    exit_code = 14
    stage = "limits"


class TimedOut(ExtractorError):
    exit_code = 15
    stage = "timeout"
    transient = True


class TemporaryFailure(ExtractorError):
    """Trouble of the moment, not of the document: a read error, a full or read-only OUT."""

    exit_code = 16
    stage = "io"
    transient = True

    def __init__(self, message: str, *, path: str | None = None, stage: str = "io") -> None:
        super().__init__(message, path=path)
        self.stage = stage
