"""Worker processes for many documents: isolation, a per-document timeout, recycling.

Each worker is a long-lived child process (forked from a fork server that has loaded the
pipeline and the gazetteer, or spawned where there is none: either way it shares no threads or
locks with the parent) that takes one document at a time over a pipe, extracts it with
`run_one` (which writes `OUT/<stem>.json` atomically) and answers with a short report. The
parent watches the clock: a document that runs past `timeout` has its worker killed and
replaced, and is reported failed; a worker that dies (a crash in a native library, the OOM
killer) costs only its document. After `recycle` documents a worker exits and a fresh one
takes its place, so memory stays flat over thousands of documents.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Protocol

from extractor import runtime
from extractor.ingest.names import readable
from extractor.limits import GRACE, die_with_parent
from extractor.logs import configure_logging
from extractor.service.store import ResultRows
from extractor.settings import Settings

log = logging.getLogger(__name__)
RECYCLE = 50  # documents per worker before it is replaced (`--recycle`)
ATTEMPTS = 3  # tries of a document whose failures are transient
BACKOFF, BACKOFF_CAP = 2.0, 60.0  # seconds before the second try, doubling, at most
CALLER_HANDLES = ("write", "changed")  # transient, but not cured by trying the same task again


@dataclass(frozen=True, slots=True)
class Task:
    key: str  # the job's key (the content's sha256)
    path: Path
    stem: str


@dataclass(frozen=True, slots=True)
class Report:
    key: str
    ok: bool  # a result was written (status success or partial)
    status: str  # success | partial | failure
    error: str | None
    stage: str | None
    pages: int
    json_path: str | None
    seconds: float
    worker_rss_mib: float
    worker_pid: int
    transient: bool = False  # worth another attempt: a timeout, a dead worker, a read or write error
    attempt: int = 1
    rows: ResultRows | None = None  # the result as the store's rows (the parent need not read it back)


class Runner(Protocol):
    """What runs documents for batch, watch and serve: this machine's `WorkerPool`, or Ray
    (`ray_runner.RayRunner`). Each report reaches `on_report` in the caller's thread."""

    def run(
        self,
        tasks: Iterable[Task],
        on_report: Callable[[Report], None],
        should_stop: Callable[[], bool] = ...,
        more: Callable[[], list[Task]] | None = None,
        idle: Callable[[], None] | None = None,
    ) -> None: ...


@dataclass
class _Worker:
    proc: mp.process.BaseProcess
    conn: Connection
    task: Task | None = None
    started: float = 0.0
    done: int = 0
    reports: list[float] = field(default_factory=list)
    spare: _Worker | None = None  # its successor, started while it reads its last document


def _serve(conn: Connection, out_dir: str, settings: Settings, recycle: int, verbose: bool = False) -> None:
    """The worker's loop: one document at a time, `recycle` documents in all."""
    configure_logging(verbose)  # as the CLI logs: its one-line reports are the story without -v
    os.setpgrp()  # its own process group: a kill on timeout takes its OCR child too
    die_with_parent()  # and a watcher killed with -9 leaves it no time to be an orphan
    with contextlib.suppress(Exception):  # loaded before the first document (a missing one is its failure)
        from extractor import gazetteer  # noqa: PLC0415

        gazetteer.load()
    runtime.settle()
    for _ in range(recycle):
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        conn.send(extract_task(task, Path(out_dir), settings))


def extract_task(task: Task, out_dir: Path, settings: Settings, shown_as: str | None = None) -> Report:
    """One document, in the process that runs it (a pool worker, a Ray worker): its result written
    to `out_dir`, its report, and its rows for the store (`shown_as`: see `run_one`)."""
    from extractor.errors import TemporaryFailure  # noqa: PLC0415 - the pipeline, in the worker only
    from extractor.service.run import run_one  # noqa: PLC0415

    t0 = time.perf_counter()
    outcome = run_one(task.path, out_dir, task.stem, settings, shown_as)
    r = outcome.result
    err = outcome.error
    if r.source.sha256 and r.source.sha256 != task.key:  # rewritten since it was taken
        err = TemporaryFailure("the file changed while it was read", path=str(task.path), stage="changed")
    ok = outcome.json_path is not None and r.status != "failure" and not (err and err.stage == "changed")
    rows = None
    if ok:
        with contextlib.suppress(Exception):  # the parent reads the result back instead
            rows = ResultRows.of(r)
    return Report(
        key=task.key,
        ok=ok,
        status=r.status,
        error=err.one_line() if err else None,
        stage=err.stage if err else None,
        pages=r.source.pages,
        json_path=str(outcome.json_path) if outcome.json_path else None,
        seconds=time.perf_counter() - t0,
        worker_rss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        worker_pid=os.getpid(),
        transient=bool(err and err.transient),
        rows=rows,
    )


def worker_context() -> mp.context.ForkServerContext | mp.context.SpawnContext:
    """Workers are forked from a fork server (a clean, single-threaded process that has imported
    the pipeline and loaded the gazetteer: `service/warm.py`) where the platform has one, else
    spawned. Either way a worker shares no threads or locks with the process that runs the pool."""
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["extractor.service.warm"])
    return ctx


def pool_settings(settings: Settings, workers: int) -> Settings:
    """Each worker's OCR engine gets its share of the cores, unless the threads were set: two
    workers whose engines each ran on both cores read 80 scanned pages in 249 s against 197 s for
    one worker (evaluation/bench_batch.py)."""
    if settings.ocr_threads or workers <= 1:
        return settings
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return replace(settings, ocr_threads=max(1, cores // workers))


class Retries:
    """A runner's retries: a transient failure (a timeout, a dead worker, a read error) is tried
    again after a pause (2 s, 4 s, … up to a minute), up to `attempts` in all; a write failure is
    the caller's to handle (a full disk is not cured by trying again at once). Everything else,
    and the last attempt, goes to `on_report` with the number of attempts made."""

    def __init__(self, attempts: int = ATTEMPTS) -> None:
        self.attempts = max(1, attempts)
        self.tries: dict[str, int] = {}
        self.later: list[tuple[float, Task]] = []  # waiting for their next attempt
        self._tasks: dict[str, Task] = {}  # under way, by key

    def under_way(self, task: Task) -> None:
        self._tasks[task.key] = task

    def reported(self, r: Report, on_report: Callable[[Report], None]) -> None:
        task = self._tasks.pop(r.key, None)
        tries = self.tries.get(r.key, 0) + 1
        self.tries[r.key] = tries
        if r.transient and r.stage not in CALLER_HANDLES and tries < self.attempts and task is not None:
            pause = min(BACKOFF_CAP, BACKOFF * 2 ** (tries - 1))
            log.warning("%s; attempt %d of %d in %.0f s", r.error, tries + 1, self.attempts, pause)
            self.later.append((time.monotonic() + pause, task))
            return
        self.tries.pop(r.key, None)
        on_report(replace(r, attempt=tries))

    def due(self) -> list[Task]:
        """The tasks whose pause is over."""
        now = time.monotonic()
        due = [t for when, t in self.later if when <= now]
        self.later = [(when, t) for when, t in self.later if when > now]
        return due

    @property
    def waiting(self) -> bool:
        return bool(self.later)


class WorkerPool:
    def __init__(
        self, workers: int, out_dir: Path, settings: Settings, recycle: int = RECYCLE, attempts: int = ATTEMPTS
    ) -> None:
        self.n = max(1, workers)
        self.retries = Retries(attempts)
        self.out_dir = out_dir
        self.settings = pool_settings(settings, self.n)
        # the document's own alarm ends it at `limits.seconds`; this is for native code it cannot interrupt
        seconds = settings.limits.seconds
        self.timeout = seconds + min(GRACE, seconds)
        self.recycle = max(1, recycle)
        self.ctx = worker_context()
        self.workers: list[_Worker] = []
        self.verbose = logging.getLogger().isEnabledFor(logging.DEBUG)  # the CLI's -v, for the workers

    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        # not a daemon: a worker starts its own child for OCR (`ocr/worker.py`); it exits by itself
        # when the parent goes away (its pipe closes)
        proc = self.ctx.Process(
            target=_serve,
            args=(child, str(self.out_dir), self.settings, self.recycle, self.verbose),
            daemon=False,
        )
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def run(
        self,
        tasks: Iterable[Task],
        on_report: Callable[[Report], None],
        should_stop: Callable[[], bool] = lambda: False,
        more: Callable[[], list[Task]] | None = None,
        idle: Callable[[], None] | None = None,
    ) -> None:
        """Run `tasks` (and whatever `more()` returns as it goes) until none is left, or until
        `should_stop()`: then no new document starts and the running ones finish."""
        queue: deque[Task] = deque(tasks)
        self.workers = [self._start() for _ in range(self.n)]
        try:
            while True:
                stopping = should_stop()
                if more is not None and not stopping:
                    queue.extend(more())
                queue.extend(self.retries.due())
                self._hand_out(queue, stopping)
                busy = [w for w in self.workers if w.task is not None]
                if not busy:
                    if stopping or (not queue and more is None and not self.retries.waiting):
                        return
                    if idle is not None:
                        idle()
                    else:
                        time.sleep(0.2)
                    continue
                ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=0.2)
                reports: list[Report] = []
                for w in busy:
                    self._collect(w, ready, reports.append)
                # the freed workers take their next documents before the reports are recorded: a
                # worker does not wait while the parent stores its last result
                self._hand_out(queue, should_stop())
                for r in reports:
                    self.retries.reported(r, on_report)
        finally:
            self._shutdown()

    def _hand_out(self, queue: deque[Task], stopping: bool) -> None:
        for w in self.workers:
            if w.task is None and queue and not stopping:
                self._give(w, queue.popleft())

    def _give(self, w: _Worker, task: Task) -> None:
        self.retries.under_way(task)
        if not w.proc.is_alive():
            self._replace(w)
        try:
            w.conn.send(task)
        except (BrokenPipeError, OSError):
            self._replace(w)
            w.conn.send(task)
        w.task, w.started = task, time.monotonic()
        if w.done == self.recycle - 1 and w.spare is None:
            # its last document: its successor starts now and is ready when it is replaced (a fresh
            # worker spends about half a second importing and loading the gazetteer)
            w.spare = self._start()

    def _collect(self, w: _Worker, ready: Sequence[object], on_report: Callable[[Report], None]) -> None:
        task = w.task
        assert task is not None
        if w.conn in ready:
            try:
                report: Report = w.conn.recv()
            except (EOFError, OSError):
                report = lost(task, f"worker died (exit code {w.proc.exitcode})")
                self._replace(w)
            else:
                w.done += 1
                if w.done >= self.recycle:
                    self._replace(w)  # it exits after `recycle` documents: start its successor now
            w.task = None
            on_report(report)
        elif w.proc.sentinel in ready or not w.proc.is_alive():
            w.task = None
            self._replace(w)
            on_report(lost(task, f"worker died (exit code {w.proc.exitcode})"))
        elif time.monotonic() - w.started > self.timeout:
            log.warning(
                "%s: timed out after %.0f s; worker %d killed", readable(task.path), self.timeout, w.proc.pid or 0
            )
            _kill_group(w.proc)
            w.task = None
            self._replace(w)
            on_report(lost(task, f"timed out after {self.timeout:.0f} s", stage="timeout"))

    def _replace(self, w: _Worker) -> None:
        """A fresh process in `w`'s place (the old one has exited, died or been killed)."""
        if w.proc.is_alive():
            with contextlib.suppress(OSError):
                w.conn.send(None)
            w.proc.join(2)
            if w.proc.is_alive():
                _kill_group(w.proc)
        w.conn.close()
        fresh, w.spare = w.spare, None
        if fresh is None or not fresh.proc.is_alive():
            if fresh is not None:
                fresh.conn.close()
            fresh = self._start()
        w.proc, w.conn, w.done = fresh.proc, fresh.conn, 0

    def _shutdown(self) -> None:
        everyone = self.workers + [w.spare for w in self.workers if w.spare is not None]
        for w in everyone:
            with contextlib.suppress(OSError):
                w.conn.send(None)
        deadline = time.monotonic() + 5
        for w in everyone:
            w.proc.join(max(0.1, deadline - time.monotonic()))
            if w.proc.is_alive():
                _kill_group(w.proc)
            w.conn.close()


def lost(task: Task, why: str, stage: str = "worker") -> Report:
    """The report of a document whose worker died, or was killed past its time: worth another try."""
    where = readable(task.path)
    return Report(task.key, False, "failure", f"{where}: {why}", stage, 0, None, 0.0, 0.0, 0, transient=True)


def _kill_group(proc: mp.process.BaseProcess) -> None:
    """Kill a worker and whatever it started (an OCR engine's process)."""
    if proc.pid is not None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    proc.join(5)
