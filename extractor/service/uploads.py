"""A file sent over HTTP, taken into the job queue as `watch` and `batch` take a file from disk.

The bytes are written to `OUT/uploads/<sha256><suffix>` through a temporary name while they are
hashed and counted, then checked as the command line checks an input, before anything else sees
them: past `EXTRACTOR_MAX_UPLOAD_MB` (TooLarge), not a PDF or an image (UnsupportedInput), empty,
damaged or encrypted, or more pages than `EXTRACTOR_MAX_PAGES` (TooLarge). A refused file leaves
nothing behind. Bytes already in the queue are not queued again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from extractor.errors import EmptyInput, ExtractorError, TooLarge, UnsupportedInput
from extractor.ingest.names import output_stem, stored_path
from extractor.ingest.source import check_pdf, sniff
from extractor.service.batch import _free_stem
from extractor.service.store import Job, SqlStore
from extractor.settings import Limits

UPLOADS = "uploads"  # OUT/uploads/: the bytes of every document sent over HTTP
SUFFIXES = {"pdf": ".pdf", "PNG": ".png", "JPEG": ".jpg", "TIFF": ".tif"}
MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Accepted:
    job: Job
    new: bool  # False: the same bytes were sent before


def accept(chunks: Iterable[bytes], filename: str, out_dir: Path, store: SqlStore, limits: Limits) -> Accepted:
    """Take an upload into the queue, or raise the ExtractorError the command line would meet."""
    folder = out_dir / UPLOADS
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".upload-", dir=folder)
    tmp = Path(tmp_name)
    try:
        digest, size = hashlib.sha256(), 0
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                size += len(chunk)
                if size > limits.upload_mb * MB:
                    raise TooLarge(f"upload larger than {limits.upload_mb} MB (EXTRACTOR_MAX_UPLOAD_MB)", path=filename)
                digest.update(chunk)
                f.write(chunk)
        if size == 0:
            raise EmptyInput("empty file (0 bytes)", path=filename)
        sha = digest.hexdigest()
        known = store.job(sha)
        if known is not None:
            return Accepted(known, new=False)
        suffix = _check(tmp, filename, limits)
        dest = folder / f"{sha}{suffix}"
        os.replace(tmp, dest)
        names = {j.name for j in store.jobs()}
        stem = _free_stem(output_stem(filename or dest.name), sha, names)
        store.enqueue(sha, stem, stored_path(dest))
        job = store.job(sha)
        assert job is not None
        return Accepted(job, new=True)
    finally:
        tmp.unlink(missing_ok=True)


def _check(path: Path, filename: str, limits: Limits) -> str:
    """The suffix the bytes deserve, after the checks `extract` makes before it reads a file."""
    try:
        kind = sniff(path)
        if kind == "pdf":
            pages = check_pdf(path)
            if pages > limits.pages:
                raise TooLarge(f"{pages} pages: more than the limit of {limits.pages} (EXTRACTOR_MAX_PAGES)")
            return ".pdf"
        with Image.open(path) as im:
            frames = getattr(im, "n_frames", 1)
            fmt = im.format or "PNG"
        if frames > limits.pages:
            raise TooLarge(f"more than {limits.pages} frames: more than the limit (EXTRACTOR_MAX_PAGES)")
        return SUFFIXES.get(fmt, ".png")
    except ExtractorError as exc:
        exc.path = filename  # the name the client knows, not the temporary one
        raise
    except (OSError, SyntaxError, ValueError) as exc:
        raise UnsupportedInput(f"unreadable image ({exc})", path=filename) from exc
