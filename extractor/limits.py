"""The guards that enforce, in-process, what one document may cost (`settings.Limits`):

    pages     pages in the page tree (counted before any work: /Count may lie), frames of an image
    pixels    one page image (a larger one is refused before it is decoded)
    inflated  bytes a PDF's streams may inflate to, per document (`ingest/inflate.py`)
    memory    the process's data (RLIMIT_DATA: heap and private mappings), in MB
    seconds   wall time per document

Each is set by an environment variable (`EXTRACTOR_MAX_PAGES`, `…_MAX_PIXELS`,
`…_MAX_INFLATED_MB`, `…_MAX_MEMORY_MB`, `…_TIMEOUT`). Past a limit the document fails with
`TooLarge` (exit 14) or `TimedOut` (exit 15) and a line that names the limit. Where the
limits are enforced:

- `extract` and every batch/watch worker run each document under `document_bounds`: an alarm
  that ends the document when its time is up, and a memory ceiling the allocator cannot pass
  (MemoryError, not the OOM killer). The OCR child has a ceiling of its own, twice as
  high: onnxruntime maps about twice the memory it touches (`ocr/worker.py`).
- The worker pool kills a worker whose document is still running a grace period after its
  time (native code the alarm cannot interrupt), and the process group goes with it.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import threading
from collections.abc import Iterator

from extractor.errors import TimedOut, TooLarge
from extractor.settings import Limits

MB = 1024 * 1024
PR_SET_PDEATHSIG = 1
GRACE = 30.0  # seconds the pool waits past a document's time before it kills the worker


class _Expired(BaseException):
    """Raised by the alarm. A BaseException, so no per-page boundary (`except Exception`)
    swallows it and goes on to the next page: it ends the document."""


@contextlib.contextmanager
def document_bounds(limits: Limits) -> Iterator[None]:
    """Run one document under its time and memory limits (see the module's docstring).

    The alarm needs the main thread; elsewhere only the memory ceiling applies (and the pool's
    kill stays the backstop)."""
    with memory_ceiling(limits.memory_mb), _alarm(limits.seconds):
        try:
            yield
        except _Expired:
            raise TimedOut(
                f"timed out: took longer than the limit of {limits.seconds:g} s (EXTRACTOR_TIMEOUT)"
            ) from None
        except MemoryError:
            raise TooLarge(memory_message(limits.memory_mb)) from None


def memory_message(memory_mb: int) -> str:
    return f"needs more memory than the limit of {memory_mb} MB (EXTRACTOR_MAX_MEMORY_MB)"


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _Expired

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@contextlib.contextmanager
def memory_ceiling(memory_mb: int) -> Iterator[None]:
    """RLIMIT_DATA at `memory_mb` for the block, restored after."""
    if memory_mb <= 0:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    try:
        resource.setrlimit(resource.RLIMIT_DATA, (_ceiling(memory_mb, hard), hard))
    except (ValueError, OSError):  # a platform without it: the pool's kill remains
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))


def set_memory_limit(memory_mb: int) -> None:
    """For a process that does nothing else (the OCR child): a ceiling for its whole life."""
    if memory_mb <= 0:
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_DATA, (_ceiling(memory_mb, hard), hard))


def _ceiling(memory_mb: int, hard: int) -> int:
    """`memory_mb` of data in all (not on top of what the process holds: the limit is what the
    machine sees), but never less than 128 MB above what it holds already."""
    ceiling = max(memory_mb * MB, data_in_use() + 128 * MB)
    return ceiling if hard == resource.RLIM_INFINITY else min(ceiling, hard)


def die_with_parent() -> None:
    """Have the kernel kill this process when its parent dies (a watcher killed with -9 leaves no
    workers behind, nor OCR children). Linux only; elsewhere a no-op."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the call: nobody will send the signal
        os._exit(1)


def data_in_use() -> int:
    """The process's data segment now (VmData), in bytes; 0 where /proc does not tell."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


__all__ = [
    "GRACE",
    "TimedOut",
    "TooLarge",
    "die_with_parent",
    "document_bounds",
    "memory_ceiling",
    "set_memory_limit",
]
