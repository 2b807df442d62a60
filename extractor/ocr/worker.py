"""An engine in a child process, so a page that crashes or hangs the engine costs that page only.

The child loads the engine once and answers `recognize` requests over a pipe.
A request that takes longer than the timeout gets the child killed and an
`OcrFailed("timed out …")` for that page; a child that dies gets
`OcrFailed("crashed …")`. Either way the next page starts a fresh child, and
the document goes on (its status becomes `partial`).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import tempfile
from multiprocessing.connection import Connection
from typing import Any, ClassVar

import numpy as np

from extractor.ingest.words import Glyph
from extractor.limits import die_with_parent, set_memory_limit
from extractor.ocr.base import EngineNotInstalled, OcrEngine, OcrFailed, OcrOptions

OCR_MEMORY_FACTOR = 2
START_TIMEOUT = 300.0  # seconds to load a model in the child (first start may page in hundreds of MB)


def _serve(conn: Connection, spec: str, options: OcrOptions, tmp: str, memory_mb: int) -> None:
    from extractor.ocr.registry import load_engine  # noqa: PLC0415 - the child's own import, after spawn

    die_with_parent()
    # its own ceiling (the one it inherits is its parent's, set for a document): onnxruntime maps
    # about twice the memory it touches (measured: 1.08 GB of data for 0.9 GB resident)
    set_memory_limit(OCR_MEMORY_FACTOR * memory_mb)
    os.environ["TMPDIR"] = tempfile.tempdir = tmp  # onnxruntime leaves a `.ses` file there: in ours, removed after
    try:
        engine = load_engine(spec, options)
    except Exception as exc:  # boundary: report any load failure to the parent, then stop
        conn.send(("error", type(exc).__name__, str(exc)))
        return
    conn.send(("ready", engine.name, engine.version))
    while True:
        try:
            image = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", engine.recognize(image)))
        except Exception as exc:  # boundary: an engine error on one page is that page's error
            conn.send(("error", type(exc).__name__, str(exc)))


class WorkerEngine(OcrEngine):
    """Proxy with the engine interface; `recognize` runs in the child."""

    name: ClassVar[str] = "worker"

    def __init__(
        self, spec: str, options: OcrOptions, timeout: float, engine_cls: type[OcrEngine], memory_mb: int = 0
    ) -> None:
        super().__init__(options)
        self.spec, self.timeout, self._cls, self.memory_mb = spec, timeout, engine_cls, memory_mb
        self.name = engine_cls.name  # type: ignore[misc]
        self._ctx = mp.get_context("spawn")
        self._proc: Any = None
        self._conn: Connection | None = None
        self._tmp = ""  # the child's own temporary folder
        self._version = "unknown"
        self._start()

    @property
    def version(self) -> str:
        return self._version

    def _start(self) -> None:
        parent, child = self._ctx.Pipe()
        self._tmp = tempfile.mkdtemp(prefix="extractor-ocr-")
        self._proc = self._ctx.Process(
            target=_serve, args=(child, self.spec, self.options, self._tmp, self.memory_mb), daemon=True
        )
        self._proc.start()
        child.close()
        self._conn = parent
        if not parent.poll(START_TIMEOUT):
            self.close()
            raise OcrFailed(f"OCR engine {self.spec} did not start within {START_TIMEOUT:.0f} s")
        try:
            reply = parent.recv()
        except EOFError as exc:
            self.close()
            raise OcrFailed(f"OCR engine {self.spec} crashed while loading") from exc
        if reply[0] == "error":
            self.close()
            if reply[1] == "EngineNotInstalled":
                raise EngineNotInstalled(reply[2])
            raise OcrFailed(f"OCR engine {self.spec} failed to load: {reply[1]}: {reply[2]}")
        self._version = reply[2]

    def close(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            self._proc.kill()
            self._proc.join(5)
        if self._conn is not None:
            self._conn.close()
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
        self._proc, self._conn, self._tmp = None, None, ""

    def recognize(self, image: np.ndarray) -> dict[str, Any]:
        if self._proc is None or not self._proc.is_alive():
            self.close()
            self._start()
        conn = self._conn
        if conn is None:
            raise OcrFailed(f"OCR engine {self.spec} is not running")
        try:
            conn.send(image)
            if not conn.poll(self.timeout):
                self.close()
                raise OcrFailed(f"OCR timed out after {self.timeout:.0f} s")
            reply = conn.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError) as exc:
            code = self._proc.exitcode if self._proc is not None else None
            self.close()
            raise OcrFailed(f"OCR engine crashed (exit code {code})") from exc
        except BaseException:  # the document's time ran out mid-page: the child's answer is no one's now
            self.close()
            raise
        if reply[0] == "error":
            raise OcrFailed(f"OCR failed: {reply[1]}: {reply[2]}")
        return reply[1]

    def to_glyphs(self, raw: dict[str, Any]) -> list[Glyph]:  # type: ignore[override]
        # the conversion is pure and belongs to the engine's class; it runs here, in the parent
        return self._cls.to_glyphs(raw)

    def __del__(self) -> None:
        self.close()
