"""Open an input file: check what it is before anything heavy reads it.

Every refusal is an `ExtractorError` subclass with its own exit code, so a
caller gets one clear line ("…: encrypted PDF, a password is needed") instead
of a parser traceback.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from extractor.errors import EmptyInput, InputNotFound, UnsupportedInput
from extractor.ingest.digital import open_pdf

InputKind = Literal["pdf", "image"]

_IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sniff(path: Path) -> InputKind:
    """What the file is by its content (never by its name)."""
    if not path.exists():
        raise InputNotFound("no such file", path=str(path))
    if path.is_dir():
        raise UnsupportedInput("is a directory", path=str(path))
    size = path.stat().st_size
    if size == 0:
        raise EmptyInput("empty file (0 bytes)", path=str(path))
    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF-" in head:
        return "pdf"
    for magic, _name in _IMAGE_MAGIC:
        if head.startswith(magic):
            return "image"
    raise UnsupportedInput("not a PDF or an image (unrecognised content)", path=str(path))


def check_pdf(path: Path) -> int:
    """Open with PDFium to classify damage and encryption; return the page count."""

    with open_pdf(path) as doc:
        return len(doc)
