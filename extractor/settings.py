"""One settings object for the whole extractor; every field can be set by an
environment variable `EXTRACTOR_<FIELD>` (e.g. `EXTRACTOR_OCR_ENGINE=tesseract`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields

ENV_PREFIX = "EXTRACTOR_"


def _env(name: str, default: str) -> str:
    return os.environ.get(ENV_PREFIX + name.upper(), default)


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(ENV_PREFIX + name.upper())
    if raw is None:
        return default
    return raw.strip().lower() not in ("0", "false", "no", "off", "")


@dataclass(frozen=True, slots=True)
class Limits:
    """What one document may cost; past a limit it fails with a line naming the variable
    (enforced in `limits.py`, `ingest/inflate.py`, `ingest/raster.py`, `ingest/digital.py`)."""

    pages: int = field(default_factory=lambda: int(_env("max_pages", "1000")))
    pixels: int = field(default_factory=lambda: int(_env("max_pixels", "80000000")))
    inflated_mb: int = field(default_factory=lambda: int(_env("max_inflated_mb", "256")))
    memory_mb: int = field(default_factory=lambda: int(_env("max_memory_mb", "1024")))
    seconds: float = field(default_factory=lambda: float(_env("timeout", "600")))
    upload_mb: int = field(default_factory=lambda: int(_env("max_upload_mb", "200")))  # one file sent to `serve`


@dataclass(frozen=True, slots=True)
class Settings:
    borderless: bool = field(default_factory=lambda: _env_bool("borderless", True))
    """Look for tables without ruling lines (aligned text columns)."""

    reader: str = field(default_factory=lambda: _env("reader", "pdfium"))
    """How digital PDF pages are read: pdfium (default, fast) or pdfplumber (pure Python, the reference)."""

    timings: bool = field(default_factory=lambda: _env_bool("timings", False))
    """Record seconds per stage in the result's `timings` block."""

    ocr: bool = field(default_factory=lambda: _env_bool("ocr", True))
    """OCR pages without a usable text layer (off: such pages are reported as needing OCR)."""

    ocr_engine: str = field(default_factory=lambda: _env("ocr_engine", "rapidocr"))
    """rapidocr (default, offline, bundled models), tesseract, or paddleocr (optional extra)."""

    ocr_det_side: int = field(default_factory=lambda: int(_env("ocr_det_side", "1280")))
    """Long side (px) of the page the text detector sees: smaller is faster, misses more (ocr_settings.md)."""

    ocr_threads: int = field(default_factory=lambda: int(_env("ocr_threads", "0")))
    """Threads each OCR engine runs on: 0 is the engine's default (every core) for one document at a
    time; a pool of N workers (batch, watch) gives each engine cores // N, so they do not contend."""

    ocr_model: str = field(default_factory=lambda: _env("ocr_model", "small"))
    """RapidOCR's models: small (PP-OCRv6 small, in the rapidocr wheel; the default), tiny (PP-OCRv6 tiny,
    models/ocr/), tiny-det (tiny detector, small recogniser), tiered (tiny det + rec, the small
    recogniser reading the unsure parts again) or hybrid (small detector, tiered's reading):
    evaluation/ocr_settings.md, "Issue 13: tiny models"."""

    ocr_timeout: float = field(default_factory=lambda: float(_env("ocr_timeout", "120")))
    """Seconds one page may take in the OCR engine before it is given up (the rest continues)."""

    repair: bool = field(default_factory=lambda: _env_bool("repair", True))
    """On scanned pages, read the cells a failed check points at again and keep what makes it hold."""

    store: str = field(default_factory=lambda: _env("store", ""))
    """The results store of batch, watch, serve and export: a `postgresql://` URL, a SQLite file, or
    empty for `OUT/results.sqlite` (`--store`)."""

    limits: Limits = field(default_factory=Limits)
    """What one document may cost: pages, pixels, inflated bytes, memory, seconds (`limits.py`)."""

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]
