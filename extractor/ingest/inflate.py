"""A budget on the bytes a PDF's streams inflate to, so a Flate or LZW bomb is refused, not decoded.

pdfminer inflates a stream whole (`zlib.decompress`, `lzwdecode`) and its fallback for a
damaged stream re-inflates it one byte at a time, growing a bytes object: a 1 MB stream of
zeros inflates to 1 GiB, costs 2 GB and minutes. The decoders pdfminer calls are replaced
here by bounded ones that count, against one budget per document, the bytes they produce,
stop at the budget, and raise `TooLarge`. A stream that is damaged part-way keeps the bytes
inflated before the damage (as PDFium does), instead of being re-inflated byte by byte.

Outside `budget()` (no document under way) the decoders count nothing and stop at nothing.
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Iterator
from contextvars import ContextVar
from io import BytesIO

from pdfminer import pdftypes
from pdfminer.lzw import LZWDecoder

from extractor.errors import TooLarge
from extractor.limits import MB

_left: ContextVar[list[int] | None] = ContextVar("inflate_budget", default=None)
_limit_mb: ContextVar[int] = ContextVar("inflate_limit_mb", default=0)
CHUNK = 16 * MB


@contextlib.contextmanager
def budget(limit_mb: int) -> Iterator[None]:
    """Count what the streams inflate to inside the block against `limit_mb` MB in all."""
    _install()
    token, token_mb = _left.set([limit_mb * MB] if limit_mb > 0 else None), _limit_mb.set(limit_mb)
    try:
        yield
    finally:
        _left.reset(token)
        _limit_mb.reset(token_mb)


def _take(n: int) -> None:
    left = _left.get()
    if left is None:
        return
    left[0] -= n
    if left[0] < 0:
        raise TooLarge(
            f"its streams inflate to more than the limit of {_limit_mb.get()} MB (EXTRACTOR_MAX_INFLATED_MB)"
        )


def _room() -> int:
    left = _left.get()
    return CHUNK if left is None else max(0, min(CHUNK, left[0])) + 1


def inflate(data: bytes) -> bytes:
    """zlib.decompress, counted; on damage, what came out before it (zlib.error if nothing did)."""
    d = zlib.decompressobj()
    out: list[bytes] = []
    pending = data
    try:
        while True:
            piece = d.decompress(pending, _room())
            _take(len(piece))
            out.append(piece)
            pending = d.unconsumed_tail
            if not pending:
                break
        tail = d.flush()
        _take(len(tail))
        out.append(tail)
    except zlib.error:
        if not any(out):
            raise
    return b"".join(out)


def lzw(data: bytes) -> bytes:
    out: list[bytes] = []
    try:
        for piece in LZWDecoder(BytesIO(data)).run():
            _take(len(piece))
            out.append(piece)
    except (EOFError, IndexError, ValueError):  # as pdfminer's own lzwdecode: the damage ends the data
        pass
    return b"".join(out)


class _Zlib:
    """What `pdfminer.pdftypes` uses of the zlib module, bounded."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)

    @staticmethod
    def decompress(data: bytes) -> bytes:
        return inflate(data)


def _corrupted(data: bytes) -> bytes:
    return inflate(data)


def _install() -> None:
    if not isinstance(pdftypes.zlib, _Zlib):  # once per process
        pdftypes.zlib = _Zlib()  # type: ignore[assignment]
        pdftypes.decompress_corrupted = _corrupted
        pdftypes.lzwdecode = lzw
