"""`extractor watch IN -o OUT`: a folder clerks drop bulletins into.

- Files already in IN at start are taken, then new ones as watchdog reports them (or, with
  `poll`, as a polling observer sees them: network shares send no events).
- A file is taken only when stable: its size and mtime unchanged for `settle` seconds, and it
  opens. Temporary names (`.part`, `.tmp`, `~$…`, dot files) are left alone.
- The job table in `OUT/results.sqlite` (WAL) keys each file by the sha256 of its bytes: the
  same bytes under two names are extracted once, and both names get the result.
- Documents run in worker processes (`pool.py`) with a timeout each, recycled every N.
- On success the result is in OUT (`<stem>.json`, tables) and the store, and the input moves to
  `IN/done/`; on failure to `IN/failed/` with `<name>.error.json` (reason, stage, time) beside it.
- SIGTERM or SIGINT: no new document starts, running ones finish, exit 0. After a kill -9, a
  restart puts jobs left running back in the queue and finishes every one exactly once (the
  result is rewritten in place, its rows replaced, the input moved once).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from extractor.export.files import atomic_write
from extractor.ingest.names import fitted, output_stem, readable, stored_path, stored_to_path
from extractor.ingest.source import sha256_of
from extractor.service.batch import STORE_NAME, Summary, _free_stem, record
from extractor.service.pool import Report, Task, WorkerPool
from extractor.service.store import SqliteStore
from extractor.settings import Settings

log = logging.getLogger(__name__)
SKIP_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", ".download", "~", ".error.json")


@dataclass(slots=True)
class _Seen:
    size: int
    mtime: float
    since: float


class _Inbox(FileSystemEventHandler):
    """Collects paths that changed (from watchdog's thread) for the main loop to look at."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.dirty: set[Path] = set()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        with self.lock:
            for p in (event.src_path, getattr(event, "dest_path", "")):
                if p:
                    self.dirty.add(Path(os.fsdecode(p)))

    def take(self) -> set[Path]:
        with self.lock:
            out, self.dirty = self.dirty, set()
        return out


class Watcher:
    def __init__(
        self,
        inbox: Path,
        out_dir: Path,
        settings: Settings,
        workers: int = 1,
        poll: bool = False,
        settle: float = 2.0,
        timeout: float = 600.0,
        recycle: int = 50,
        poll_interval: float = 1.0,
    ) -> None:
        self.inbox, self.out_dir, self.settings = inbox, out_dir, settings
        self.done_dir, self.failed_dir = inbox / "done", inbox / "failed"
        self.workers, self.poll, self.settle = workers, poll, settle
        self.timeout, self.recycle, self.poll_interval = timeout, recycle, poll_interval
        self.stop = threading.Event()
        self.summary = Summary()
        self.pending: dict[Path, _Seen] = {}
        self.inflight: set[str] = set()

    # --- running ---------------------------------------------------------------------------

    def run(self, on_ready: Callable[[], None] | None = None) -> Summary:
        for d in (self.done_dir, self.failed_dir, self.out_dir):
            d.mkdir(parents=True, exist_ok=True)
        self.store = SqliteStore(self.out_dir / STORE_NAME)
        requeued = self.store.requeue_running()
        if requeued:
            log.info("%d job(s) left running by the last run are queued again", requeued)
        handler = _Inbox()
        observer = PollingObserver(timeout=self.poll_interval) if self.poll else Observer()
        observer.schedule(handler, str(self.inbox), recursive=False)
        observer.start()
        self.handler = handler
        for p in self.inbox.iterdir():  # what was there before we started
            handler.dirty.add(p)
        old = {s: signal.signal(s, self._on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
        if on_ready is not None:
            on_ready()
        try:
            pool = WorkerPool(self.workers, self.out_dir, self.settings, self.timeout, self.recycle)
            pool.run([], self._on_report, should_stop=self.stop.is_set, more=self._ready, idle=self._idle)
        finally:
            observer.stop()
            observer.join(5)
            for s, h in old.items():
                signal.signal(s, h)
            self.store.close()
        return self.summary

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        log.info("signal %d: finishing the documents under way, taking no new ones", signum)
        self.stop.set()

    def _idle(self) -> None:
        self.stop.wait(0.2)

    # --- taking files ---------------------------------------------------------------------------

    def _ready(self) -> list[Task]:
        """Files that have settled, as tasks (known bytes are settled at once)."""
        now = time.monotonic()
        for p in self.handler.take():
            if p.parent == self.inbox and self._wanted(p):
                self.pending.setdefault(p, _Seen(-1, -1.0, now))
        tasks = []
        for p, seen in list(self.pending.items()):
            try:
                st = p.stat()
            except OSError:
                del self.pending[p]  # gone (moved away, deleted)
                continue
            if (st.st_size, st.st_mtime) != (seen.size, seen.mtime):
                self.pending[p] = _Seen(st.st_size, st.st_mtime, now)
                continue
            if now - seen.since < self.settle or not _opens(p):
                continue
            del self.pending[p]
            task = self._take(p)
            if task is not None:
                tasks.append(task)
        return tasks

    def _wanted(self, p: Path) -> bool:
        name = p.name
        return not (name.startswith((".", "~$")) or name.lower().endswith(SKIP_SUFFIXES)) and p.is_file()

    def _take(self, p: Path) -> Task | None:
        try:
            sha = sha256_of(p)
        except OSError as exc:
            log.warning("%s: cannot read (%s); will look again", p, exc)
            return None
        job = self.store.job(sha)
        names = {j.name for j in self.store.jobs()} if job is None else set()
        stem = job.name if job else _free_stem(output_stem(p.name), sha, names)
        self.store.enqueue(sha, stem, stored_path(p))
        if job is not None and job.state in ("done", "failed"):
            self._file_away(sha, job.state == "done")  # known bytes: the result exists already
            return None
        if sha in self.inflight:
            return None  # another name of a document under way: it is filed with it
        if not self.store.claim(sha):
            return None
        self.inflight.add(sha)
        return Task(sha, p, stem)

    # --- finishing ---------------------------------------------------------------------------------

    def _on_report(self, r: Report) -> None:
        record(self.store, r, self.summary)
        self.inflight.discard(r.key)
        job = self.store.job(r.key)
        self._file_away(r.key, job is not None and job.state == "done")

    def _file_away(self, sha: str, ok: bool) -> None:
        """Move every name the bytes `sha` arrived under to done/ (each gets the result) or failed/."""
        job = self.store.job(sha)
        if job is None:
            return
        result = self.out_dir / f"{job.name}.json"
        for source in self.store.sources(sha):
            src = stored_to_path(source)
            if src.parent != self.inbox or not src.exists():
                continue
            stem = output_stem(src.name)
            if ok and stem != job.name and result.exists():
                _copy_result(self.out_dir, job.name, stem)
            dest = _free_path((self.done_dir if ok else self.failed_dir) / src.name, sha)
            if not ok:
                note = {
                    "file": readable(src.name),
                    "sha256": sha,
                    "reason": job.error,
                    "stage": job.stage,
                    "time": _now(),
                }
                atomic_write(
                    dest.with_name(fitted(dest.name, after=".error.json")), json.dumps(note, ensure_ascii=False)
                )
            os.replace(src, dest)


def _opens(p: Path) -> bool:
    try:
        with p.open("rb") as f:
            f.read(1)
        return True
    except OSError:
        return False


def _free_path(dest: Path, sha: str) -> Path:
    return dest if not dest.exists() else dest.with_name(fitted(dest.name, sha[:8]))


def _copy_atomic(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".{os.urandom(6).hex()}.tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dst)


def _copy_result(out_dir: Path, stem: str, alias: str) -> None:
    """The same bytes arrived under another name: that name gets the result too (JSON and tables)."""
    tables = out_dir / stem
    if tables.is_dir():
        for csv_path in tables.glob("*.csv"):
            _copy_atomic(csv_path, out_dir / alias / csv_path.name)
    _copy_atomic(out_dir / f"{stem}.json", out_dir / f"{alias}.json")


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")
