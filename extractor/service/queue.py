"""The job table as a queue: a thread that runs every queued job through the worker pool.

`serve` takes documents into `OUT/results.sqlite`'s job table (`uploads.py`); this runner claims
them oldest first, hands them to the pool (`pool.py`: worker processes, the per-document timeout,
recycling, retries of transient failures) and records each report as `batch` does (`record`).
Jobs survive a restart: a job left `running` by a killed server is queued again at start.
`wake()` tells the runner a job was queued (else it looks again every second).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from extractor.ingest.names import stored_to_path
from extractor.service.batch import Summary, record
from extractor.service.pool import Report, Task, WorkerPool
from extractor.service.store import SqlStore, open_store
from extractor.settings import Settings

log = logging.getLogger(__name__)
IDLE_WAIT = 1.0  # seconds between looks at an empty queue (a wake() ends the wait at once)


@dataclass
class QueueRunner:
    out_dir: Path
    settings: Settings
    workers: int = 1
    recycle: int = 50
    summary: Summary = field(default_factory=Summary)
    _stop: threading.Event = field(default_factory=threading.Event)
    _wake: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _store: SqlStore | None = None
    _taken: set[str] = field(default_factory=set)  # claimed, not yet reported
    error: str | None = None  # why the runner stopped, if it stopped by itself

    def start(self) -> None:
        store = open_store(self.out_dir, self.settings.store)
        try:
            requeued = store.requeue_running()
        finally:
            store.close()
        if requeued:
            log.info("%d job(s) left running by the last server queued again", requeued)
        self._thread = threading.Thread(target=self._run, name="extractor-queue", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 60.0) -> None:
        """No new document starts; the running ones finish (up to `timeout`)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        store = self._store = open_store(self.out_dir, self.settings.store)  # this thread's own connection
        try:
            pool = WorkerPool(self.workers, self.out_dir, self.settings, self.recycle)
            pool.run([], self._on_report, should_stop=self._stop.is_set, more=self._claim, idle=self._idle)
        except Exception as exc:  # boundary: the server keeps serving what is done, and says why
            log.exception("the job queue stopped")
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            store.close()

    def _claim(self) -> list[Task]:
        """The oldest queued jobs, as many as there are workers without one: a job is `running`
        only once a worker has it (or holds it for another attempt)."""
        store = self._store
        assert store is not None
        free = self.workers - len(self._taken)
        tasks: list[Task] = []
        if free <= 0:
            return tasks
        for job in store.jobs("queued"):
            if len(tasks) == free:
                break
            if store.claim(job.sha256):
                self._taken.add(job.sha256)
                tasks.append(Task(job.sha256, stored_to_path(job.source), job.name))
        return tasks

    def _on_report(self, r: Report) -> None:
        assert self._store is not None
        self._taken.discard(r.key)
        record(self._store, r, self.summary)

    def _idle(self) -> None:
        self._wake.wait(IDLE_WAIT)
        self._wake.clear()
