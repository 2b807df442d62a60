"""Documents on Ray (`batch --engine ray [--address auto|ray://host:10001]`): the same interface
as the local pool (`WorkerPool.run`) and the same design: long-lived workers reading one document at
a time, a clock on each, replaced when they die, recycled after a number of documents.

- Each worker is a Ray actor (`_Worker`) holding one CPU and a memory request (the document's
  memory limit and its OCR child's) while it lives. It loads the pipeline and the gazetteer once
  (`service/warm.py`), as a pool worker forked from the fork server has them.
- Actors, not one Ray task per document: a task pays Ray's scheduling round trip every time, and
  on two cores that was 21 % of the pool's time on 80 ms digital documents
  (`evaluation/bench_ray.py`). An actor is sent its next document while it reads the current one,
  so it never waits for the driver.
- A document is `pool.extract_task` run in the actor. The input comes from a path every node sees,
  or as bytes; the result is written in place, or its files come back for the driver to write
  into OUT (temp name + rename), so OUT need not be shared.
- The driver watches the clock of each worker's current document. Past the document's time and a
  grace period, the worker is killed (`ray.kill`) and the document reported timed out. A worker
  that dies (a crash in native code, the OOM killer, its node lost) costs only the document it was
  reading; the one queued behind it goes to another worker. Both are tried again as the pool
  tries them (`pool.Retries`); a document's own failure is its result and never retried.
- A worker is replaced after `recycle` documents. A fresh actor costs about half a second of a
  core, where a pool worker forks in milliseconds, hence a larger default (`RECYCLE`).
- Without an address a local Ray runtime is started with `workers` CPUs and stopped at the end.
  On a cluster, `workers` actors are asked for; any the cluster has no room for wait, and take
  documents once they start.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from extractor.errors import EngineNotInstalled
from extractor.export.files import atomic_write
from extractor.ingest.names import readable
from extractor.limits import GRACE
from extractor.service.pool import ATTEMPTS, Report, Retries, Task, extract_task, lost
from extractor.settings import Settings

log = logging.getLogger(__name__)
MB = 1024 * 1024
OCR_MEMORY_FACTOR = 2  # the OCR child's ceiling is twice the document's (ocr/worker.py)
AHEAD = 2  # documents at each worker: the one it reads and the next, sent before it is needed
RECYCLE = 200  # documents per Ray worker before it is replaced (`--recycle`)
WAITING_WARNING = 60.0  # seconds a worker may wait for room on the cluster before the driver says so


def _run_task(
    task: Task, data: bytes | None, settings: Settings, out_dir: Path | None, shown_as: str
) -> tuple[Report, dict[str, bytes]]:
    """In a Ray worker. With `out_dir` (a folder every node sees), the document is read from its
    path and its result written there, as a pool worker does. Else its bytes (`data`) are written
    to a scratch file, the result made in a scratch folder and its files returned (paths relative
    to OUT) for the driver to write."""
    if out_dir is not None:  # paths made absolute by the driver, the result naming the input as given
        return extract_task(replace(task, path=task.path.resolve()), out_dir, settings, shown_as), {}
    scratch = Path(tempfile.mkdtemp(prefix="extractor-ray-"))
    try:
        source = task.path
        if data is not None:
            source = scratch / "in" / task.path.name
            source.parent.mkdir()
            source.write_bytes(data)
        out = scratch / "out"
        report = extract_task(replace(task, path=source), out, settings, shown_as)
        files = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        return report, files
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


class _Worker:
    """A Ray actor: the pipeline and the gazetteer loaded once, then one document per call."""

    def __init__(self) -> None:
        import extractor.service.warm  # noqa: F401, PLC0415 - the pipeline, the gazetteer, the collector settled

    def ready(self) -> int:
        return os.getpid()

    def run(
        self, task: Task, data: bytes | None, settings: Settings, out_dir: Path | None, shown_as: str
    ) -> tuple[Report, dict[str, bytes]]:
        return _run_task(task, data, settings, out_dir, shown_as)


@dataclass(eq=False)
class _Slot:
    """One worker as the driver sees it."""

    actor: Any
    starting: Any  # its `ready` call until it has started, then None
    created: float
    calls: deque[tuple[Any, Task]] = field(default_factory=deque)  # in flight, in order: the first is being read
    since: float = 0.0  # when the first of `calls` began
    given: int = 0  # documents handed to it
    warned: bool = False


class RayRunner:
    def __init__(
        self,
        workers: int | None,
        out_dir: Path,
        settings: Settings,
        address: str | None = None,
        attempts: int = ATTEMPTS,
        shared_paths: bool | None = None,
        recycle: int | None = None,
    ) -> None:
        try:
            import ray  # noqa: PLC0415 - an optional dependency, for this engine only
        except ImportError as exc:
            raise EngineNotInstalled("--engine ray needs Ray: pip install 'bulletin-extractor[ray]'") from exc
        self.ray = ray
        self.wanted = max(1, workers) if workers else None  # None: as many as the cluster has CPUs
        self.n = self.wanted or 0
        self.out_dir, self.settings, self.address = out_dir, settings, address
        self.retries = Retries(attempts)
        self.recycle = max(1, recycle or RECYCLE)
        # inputs read and results written in place when every worker sees this machine's folders (no
        # address: a local runtime; `--shared`: a file system all nodes mount); else sent as bytes
        self.shared_paths = address is None if shared_paths is None else shared_paths
        seconds = settings.limits.seconds  # the document's own alarm ends it then; this is for native code
        self.timeout = seconds + min(GRACE, seconds)
        self.slots: list[_Slot] = []
        self.retiring: list[_Slot] = []  # replaced after `recycle` documents, finishing the ones they have
        self.start_failures = 0

    def run(
        self,
        tasks: Iterable[Task],
        on_report: Callable[[Report], None],
        should_stop: Callable[[], bool] = lambda: False,
        more: Callable[[], list[Task]] | None = None,
        idle: Callable[[], None] | None = None,
    ) -> None:
        ray = self.ray
        self.t0 = time.monotonic()
        started_here = not ray.is_initialized()
        if started_here:
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
            if self.address:
                ray.init(address=self.address, **options)
            else:
                ray.init(num_cpus=self.wanted or os.cpu_count() or 1, **options)
        queue = deque(tasks)
        try:
            memory = self.settings.limits.memory_mb * MB * (1 + OCR_MEMORY_FACTOR) if self.settings.ocr else None
            self.actor_class = ray.remote(_Worker).options(
                num_cpus=1, memory=memory, max_restarts=0, max_task_retries=0
            )
            # one CPU each: its OCR engine's threads too, unless they were set
            self.task_settings = replace(self.settings, ocr_threads=self.settings.ocr_threads or 1)
            log.debug("Ray: connected in %.2f s", time.monotonic() - self.t0)
            if self.wanted is None:
                self.n = max(1, min(int(ray.cluster_resources().get("CPU", 1)), len(queue) or 1))
            self.slots = [self._start() for _ in range(self.n)]
            self._run(queue, on_report, should_stop, more, idle)
        finally:
            for slot in self.slots + self.retiring:
                with contextlib.suppress(Exception):
                    ray.kill(slot.actor, no_restart=True)
            if started_here:
                ray.shutdown()

    def _run(
        self,
        queue: deque[Task],
        on_report: Callable[[Report], None],
        should_stop: Callable[[], bool],
        more: Callable[[], list[Task]] | None,
        idle: Callable[[], None] | None,
    ) -> None:
        while True:
            stopping = should_stop()
            if more is not None and not stopping:
                queue.extend(more())
            queue.extend(self.retries.due())
            self._hand_out(queue, stopping)
            everyone = self.slots + self.retiring
            calls = {ref: slot for slot in everyone for ref, _ in slot.calls}
            starting = {slot.starting: slot for slot in self.slots if slot.starting is not None}
            if not calls:
                if stopping or (not queue and more is None and not self.retries.waiting):
                    return
                if not (queue and starting):  # nothing to wait for but the caller's next documents
                    (idle or (lambda: time.sleep(0.2)))()
                    continue
            done, _ = self.ray.wait([*calls, *starting], num_returns=1, timeout=0.2)
            reports: list[Report] = []
            for ref in done:
                if ref in starting:
                    self._started(starting[ref])
                else:
                    self._collect(calls[ref], ref, queue, reports.append)
            self._watch_clocks(queue, reports.append)
            # the freed workers are sent their next documents before the reports are recorded
            self._hand_out(queue, should_stop())
            for r in reports:
                self.retries.reported(r, on_report)

    def _start(self) -> _Slot:
        actor = self.actor_class.remote()
        return _Slot(actor, actor.ready.remote(), time.monotonic())

    def _started(self, slot: _Slot) -> None:
        try:
            self.ray.get(slot.starting)
        except self.ray.exceptions.RayError as exc:
            self.start_failures += 1
            log.warning("a Ray worker did not start: %s", str(exc).strip().splitlines()[0][:200])
            if self.start_failures >= self.retries.attempts * self.n:
                raise EngineNotInstalled(f"Ray workers cannot start on this cluster: {type(exc).__name__}") from exc
            self._replace(slot)
            return
        slot.starting = None
        log.debug("Ray: a worker started, %.2f s after the batch began", time.monotonic() - self.t0)

    def _hand_out(self, queue: deque[Task], stopping: bool) -> None:
        """Every started worker gets a document before any gets its next one (`AHEAD` in all)."""
        now = time.monotonic()
        for slot in self.slots:
            if slot.starting is not None and not slot.warned and now - slot.created > WAITING_WARNING:
                slot.warned = True
                log.warning("a Ray worker has waited %.0f s for a CPU and memory on the cluster", now - slot.created)
        for depth in range(1, AHEAD + 1):
            for slot in self.slots:
                if slot.starting is None and queue and not stopping and len(slot.calls) < depth:
                    self._send(slot, queue.popleft(), now)
                if slot.given >= self.recycle:  # its successor starts; it finishes the documents it has
                    self.retiring.append(replace(slot))
                    self._replace(slot, kill=False)
        for slot in list(self.retiring):
            if not slot.calls:
                self.retiring.remove(slot)
                with contextlib.suppress(Exception):
                    self.ray.kill(slot.actor, no_restart=True)

    def _send(self, slot: _Slot, task: Task, now: float) -> None:
        self.retries.under_way(task)
        shown_as = readable(task.path)
        args: tuple[Any, ...]
        if self.shared_paths:
            args = (replace(task, path=task.path.resolve()), None, self.task_settings, self.out_dir.resolve())
        else:
            args = (task, task.path.read_bytes(), self.task_settings, None)
        if not slot.calls:
            slot.since = now
        slot.calls.append((slot.actor.run.remote(*args, shown_as), task))
        slot.given += 1

    def _collect(self, slot: _Slot, ref: Any, queue: deque[Task], on_report: Callable[[Report], None]) -> None:
        """A document's call has ended: its report, its files written into OUT; or its worker died."""
        _, task = slot.calls[0]  # an actor reads its documents in order: the call that ended is the first
        try:
            report, files = self.ray.get(ref)
        except self.ray.exceptions.RayTaskError as exc:  # a bug in our code, not the worker's death
            cause = getattr(exc, "cause", None)
            report, files = _failed(task, f"internal error: {cause!r}" if cause else str(exc)), {}
        except self.ray.exceptions.RayError as exc:  # the worker is dead: the document it was reading is lost
            self._lose(slot, f"worker died ({type(exc).__name__})", "worker", queue, on_report)
            return
        slot.calls.popleft()
        slot.since = time.monotonic()
        try:
            for rel, content in sorted(files.items(), key=lambda kv: kv[0].endswith(".json")):  # the JSON last
                atomic_write(self.out_dir / rel, content.decode("utf-8"), durable=rel.endswith(".json"))
        except OSError as exc:  # a full disk: the caller's to handle, as the pool's workers report it
            on_report(lost(task, f"cannot write its result: {exc.strerror or exc}", "write"))
            return
        if files:
            report = replace(report, json_path=str(self.out_dir / f"{task.stem}.json") if report.json_path else None)
        on_report(report)

    def _watch_clocks(self, queue: deque[Task], on_report: Callable[[Report], None]) -> None:
        now = time.monotonic()
        for slot in self.slots + self.retiring:
            if slot.calls and now - slot.since > self.timeout:
                task = slot.calls[0][1]
                log.warning("%s: timed out after %.0f s; its Ray worker killed", readable(task.path), self.timeout)
                with contextlib.suppress(Exception):
                    self.ray.kill(slot.actor, no_restart=True)
                self._lose(slot, f"timed out after {self.timeout:.0f} s", "timeout", queue, on_report)

    def _lose(self, slot: _Slot, why: str, stage: str, queue: deque[Task], on_report: Callable[[Report], None]) -> None:
        """`slot`'s worker is gone: the document it was reading failed (worth another try), the
        ones queued behind it go back to the front of the queue, and a fresh worker takes its place."""
        (_, task), *behind = slot.calls
        queue.extendleft(t for _, t in reversed(behind))
        on_report(lost(task, why, stage))
        if any(s is slot for s in self.retiring):
            self.retiring.remove(slot)
        else:
            self._replace(slot)

    def _replace(self, slot: _Slot, kill: bool = True) -> None:
        """A fresh actor in `slot`'s place."""
        if kill:
            with contextlib.suppress(Exception):
                self.ray.kill(slot.actor, no_restart=True)
        fresh = self._start()
        slot.actor, slot.starting, slot.created, slot.calls = fresh.actor, fresh.starting, fresh.created, deque()
        slot.given, slot.warned = 0, False


def _failed(task: Task, why: str) -> Report:
    """A document the pipeline itself failed on, outside its own error handling: not tried again."""
    return Report(task.key, False, "failure", f"{readable(task.path)}: {why}", "extract", 0, None, 0.0, 0.0, 0)


def ray_available() -> bool:
    try:
        import ray  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True
