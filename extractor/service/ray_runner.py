"""Documents as Ray tasks (`batch --engine ray [--address auto|ray://host:10001]`): the same
interface as the local pool (`WorkerPool.run`), so `batch` records, resumes and reports alike.

- Each document is a task with `num_cpus=1` and a memory request (the document's memory limit
  and its OCR child's), retried by Ray when its worker dies (`max_retries`), never when the
  document itself fails (`retry_exceptions=False`: its failure is its result).
- A task runs `pool.extract_task` in a scratch folder of its worker and returns the result's files
  and its report; the driver writes the files into OUT (temp name + rename), so OUT need not be
  shared. The input reaches the worker from a shared path where the worker sees it, else as bytes.
- The driver keeps two tasks in flight per worker and watches the clock: a task not done within the
  document's time, a grace period and one document's wait for a worker is cancelled (its worker
  killed) and reported failed.
- Without an address a local Ray runtime is started with `workers` CPUs, and stopped at the end.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from extractor.errors import EngineNotInstalled
from extractor.export.files import atomic_write
from extractor.ingest.names import readable
from extractor.limits import GRACE
from extractor.service.pool import ATTEMPTS, Report, Task, extract_task
from extractor.settings import Settings

log = logging.getLogger(__name__)
MB = 1024 * 1024
OCR_MEMORY_FACTOR = 2  # the OCR child's ceiling is twice the document's (ocr/worker.py)
# tasks in flight per worker: the next one waits at the worker's node while the current one runs, so
# that no worker idles while the driver collects a result and submits another (Ray's round trip)
AHEAD = 2


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


class RayRunner:
    def __init__(
        self,
        workers: int,
        out_dir: Path,
        settings: Settings,
        address: str | None = None,
        attempts: int = ATTEMPTS,
        shared_paths: bool | None = None,
    ) -> None:
        try:
            import ray  # noqa: PLC0415 - an optional dependency, for this engine only
        except ImportError as exc:
            raise EngineNotInstalled("--engine ray needs Ray: pip install 'bulletin-extractor[ray]'") from exc
        self.ray = ray
        self.n = max(1, workers)
        self.out_dir, self.settings, self.address = out_dir, settings, address
        self.attempts = max(1, attempts)
        # inputs read and results written in place when every worker sees this machine's folders (no
        # address: a local runtime; `--shared`: a file system all nodes mount); else sent as bytes
        self.shared_paths = address is None if shared_paths is None else shared_paths
        seconds = settings.limits.seconds
        self.timeout = AHEAD * (seconds + min(GRACE, seconds))  # from submission: it may wait for one document

    def run(
        self,
        tasks: Iterable[Task],
        on_report: Callable[[Report], None],
        should_stop: Callable[[], bool] = lambda: False,
        more: Callable[[], list[Task]] | None = None,
        idle: Callable[[], None] | None = None,
    ) -> None:
        ray = self.ray
        started_here = not ray.is_initialized()
        if started_here:
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
            if self.address:
                ray.init(address=self.address, **options)
            else:
                ray.init(num_cpus=self.n, **options)
        try:
            self._run(deque(tasks), on_report, should_stop, more, idle)
        finally:
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
        ray = self.ray
        memory = self.settings.limits.memory_mb * MB * (1 + OCR_MEMORY_FACTOR) if self.settings.ocr else None
        remote = ray.remote(_run_task).options(
            num_cpus=1, memory=memory, max_retries=self.attempts - 1, retry_exceptions=False
        )
        settings = replace(self.settings, ocr_threads=self.settings.ocr_threads or 1)  # one CPU per task
        flight: dict[Any, tuple[Task, float]] = {}
        while True:
            stopping = should_stop()
            if more is not None and not stopping:
                queue.extend(more())
            while queue and len(flight) < AHEAD * self.n and not stopping:
                task = queue.popleft()
                shown_as = readable(task.path)
                if self.shared_paths:
                    ref = remote.remote(
                        replace(task, path=task.path.resolve()), None, settings, self.out_dir.resolve(), shown_as
                    )
                else:
                    ref = remote.remote(task, task.path.read_bytes(), settings, None, shown_as)
                flight[ref] = (task, time.monotonic())
            if not flight:
                if stopping or (not queue and more is None):
                    return
                (idle or (lambda: time.sleep(0.2)))()
                continue
            done, _ = ray.wait(list(flight), num_returns=1, timeout=0.2)
            for ref in done:
                task, _started = flight.pop(ref)
                on_report(self._collected(ref, task))
            now = time.monotonic()
            for ref, (task, started) in list(flight.items()):
                if now - started > self.timeout:
                    log.warning("%s: timed out after %.0f s; its Ray task cancelled", readable(task.path), self.timeout)
                    with contextlib.suppress(Exception):
                        ray.cancel(ref, force=True)
                    flight.pop(ref)
                    on_report(_lost(task, f"timed out after {self.timeout:.0f} s", "timeout"))

    def _collected(self, ref: Any, task: Task) -> Report:
        """A finished task's report, its files written into OUT; a task that died, its failure."""
        try:
            report, files = self.ray.get(ref)
        except self.ray.exceptions.RayTaskError as exc:  # a bug in the task itself
            return _lost(task, f"internal error: {exc.cause!r}" if getattr(exc, "cause", None) else str(exc), "extract")
        except self.ray.exceptions.RayError as exc:  # its worker died (after Ray's retries), or it was cancelled
            return _lost(task, f"worker died ({type(exc).__name__})", "worker")
        for rel, content in sorted(files.items(), key=lambda kv: kv[0].endswith(".json")):  # the JSON last
            atomic_write(self.out_dir / rel, content.decode("utf-8"), durable=rel.endswith(".json"))
        json_path = str(self.out_dir / f"{task.stem}.json") if report.json_path else None
        return replace(report, json_path=json_path, transient=False)


def _lost(task: Task, why: str, stage: str) -> Report:
    return Report(task.key, False, "failure", f"{readable(task.path)}: {why}", stage, 0, None, 0.0, 0.0, 0)


def ray_available() -> bool:
    try:
        import ray  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True
