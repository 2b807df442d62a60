"""`extractor watch IN -o OUT`: a folder clerks drop bulletins into.

- Files already in IN at start are taken, then new ones as watchdog reports them (or, with
  `poll`, as a polling observer sees them: network shares send no events).
- A file is taken only when stable: its size and mtime unchanged for `settle` seconds, and it
  opens. Temporary names (`.part`, `.tmp`, `~$…`, dot files) are left alone. A symbolic link
  is never followed: it goes to `IN/failed/` with its reason.
- The job table in `OUT/results.sqlite` (WAL) keys each file by the sha256 of its bytes: the
  same bytes under two names are extracted once, and both names get the result.
- Documents run in worker processes (`pool.py`) with the limits of `limits.py`, recycled every
  N; a transient failure (time, a dead worker) is tried again with backoff, `attempts` in all.
- On success the result is in OUT (`<stem>.json`, tables) and the store, and the input moves to
  `IN/done/`; on failure to `IN/failed/` with `<name>.error.json` (reason, stage, time) beside it.
  A failed file written moments ago stays a while (10 settle times): if it changes meanwhile,
  its writer had only paused and it is taken again. Bytes that failed before and are dropped
  again are tried again; `--retry-failed` puts what is in `IN/failed/` back first.
- Trouble that is not the document's (OUT full or read-only, `IN/done` a plain file) pauses the
  watcher: nothing is taken or filed, a probe looks again every few seconds, and when it
  passes the watcher resumes where it was. It does not exit.
- SIGTERM or SIGINT: no new document starts, running ones finish, exit 0. After a kill -9, a
  restart puts jobs left running back in the queue and finishes every one exactly once (the
  result is rewritten in place, its rows replaced, the input moved once); the workers and their
  OCR children die with the watcher (PR_SET_PDEATHSIG), so none is left running.
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
from extractor.service.batch import Summary, _free_stem, record
from extractor.service.pool import ATTEMPTS, Report, Task, WorkerPool
from extractor.service.store import STORE_ERRORS, SqlStore, open_store
from extractor.settings import Settings

log = logging.getLogger(__name__)
HOLD_SETTLES = 10  # a failed file written less than 10 settle times ago stays a while: its writer may go on
RECHECK = 5.0  # seconds between looks at OUT and the folders while paused
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
        recycle: int = 50,
        poll_interval: float = 1.0,
        attempts: int = ATTEMPTS,
        retry_failed: bool = False,
        hold: float | None = None,
    ) -> None:
        self.inbox, self.out_dir, self.settings = inbox, out_dir, settings
        self.done_dir, self.failed_dir = inbox / "done", inbox / "failed"
        self.workers, self.poll, self.settle = workers, poll, settle
        self.recycle, self.poll_interval, self.attempts = recycle, poll_interval, attempts
        self.retry_failed = retry_failed
        self.hold = HOLD_SETTLES * settle if hold is None else hold
        self.stop = threading.Event()
        self.summary = Summary()
        self.pending: dict[Path, _Seen] = {}
        self.inflight: dict[str, Task] = {}
        self.taken: dict[str, tuple[int, float]] = {}  # size and mtime of each document as it was taken
        self.held: dict[str, tuple[float, Task]] = {}  # failed, but written moments ago: filed at that time
        self.parked: list[Task] = []  # documents to give again once OUT can be written
        self.unfiled: list[Report] = []  # reports to record once OUT can be written
        self.trouble: str | None = None  # why nothing is taken now (OUT full or read-only, done/ a file)
        self.next_check = 0.0

    # --- running ---------------------------------------------------------------------------

    def run(self, on_ready: Callable[[], None] | None = None) -> Summary:
        handler = _Inbox()
        observer = PollingObserver(timeout=self.poll_interval) if self.poll else Observer()
        observer.schedule(handler, str(self.inbox), recursive=False)
        observer.start()
        self.handler = handler
        old = {s: signal.signal(s, self._on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
        self.store: SqlStore | None = None
        try:
            if on_ready is not None:
                on_ready()
            if not self._open():
                return self.summary
            for p in self.inbox.iterdir():  # what was there before we started
                handler.dirty.add(p)
            pool = WorkerPool(self.workers, self.out_dir, self.settings, self.recycle, self.attempts)
            pool.run([], self._on_report, should_stop=self.stop.is_set, more=self._ready, idle=self._idle)
        finally:
            observer.stop()
            observer.join(5)
            for s, h in old.items():
                signal.signal(s, h)
            if self.store is not None:
                self.store.close()
        return self.summary

    def _open(self) -> bool:
        """The folders and the store; while they cannot be made (OUT read-only or full, done/ a
        plain file), wait and look again: a watcher that stops is an inbox nobody empties."""
        while not self.stop.is_set():
            try:
                self._folders()
                self.store = open_store(self.out_dir, self.settings.store)
                requeued = self.store.requeue_running()
                if requeued:
                    log.info("%d job(s) left running by the last run are queued again", requeued)
                if self.retry_failed:
                    self._unfail()
                return True
            except STORE_ERRORS as exc:
                if self.store is not None:
                    self.store.close()
                    self.store = None
                self._pause(exc)
                self.stop.wait(RECHECK)
        return False

    def _folders(self) -> None:
        for d in (self.done_dir, self.failed_dir, self.out_dir):
            if d.exists() and not d.is_dir():
                raise NotADirectoryError(f"{readable(d)} is not a folder")
            d.mkdir(parents=True, exist_ok=True)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        log.info("signal %d: finishing the documents under way, taking no new ones", signum)
        self.stop.set()

    def _idle(self) -> None:
        self.stop.wait(0.2)

    # --- trouble: pause, look again, resume --------------------------------------------------

    def _pause(self, exc: BaseException | str) -> None:
        why = exc if isinstance(exc, str) else _why(exc)
        if why != self.trouble:
            log.warning("paused: %s; looking again every %.0f s", why, RECHECK)
        self.trouble, self.next_check = why, time.monotonic() + RECHECK

    def _healthy(self) -> bool:
        """False while paused; every RECHECK seconds, a probe of OUT and the folders decides."""
        if self.trouble is None:
            return True
        if time.monotonic() < self.next_check:
            return False
        try:
            self._folders()
            atomic_write(self.out_dir / ".probe", "ok")
            (self.out_dir / ".probe").unlink()
        except STORE_ERRORS as exc:
            self._pause(exc)
            return False
        log.warning("resumed: %s is over", self.trouble)
        self.trouble = None
        reports, self.unfiled = self.unfiled, []
        for r in reports:
            self._on_report(r)
        return self.trouble is None

    # --- taking files ---------------------------------------------------------------------------

    def _ready(self) -> list[Task]:
        """Files that have settled, as tasks (known bytes are settled at once)."""
        if not self._healthy():
            return []
        tasks, self.parked = self.parked, []
        now = time.monotonic()
        for p in self.handler.take():
            if p.parent == self.inbox and self._wanted(p):
                self.pending.setdefault(p, _Seen(-1, -1.0, now))
        self._release_held()
        for p, seen in list(self.pending.items()):
            try:
                st = p.lstat()
            except OSError:
                del self.pending[p]  # gone (moved away, deleted)
                continue
            if (st.st_size, st.st_mtime) != (seen.size, seen.mtime):
                self.pending[p] = _Seen(st.st_size, st.st_mtime, now)
                continue
            if now - seen.since < self.settle or not (p.is_symlink() or _opens(p)):
                continue
            del self.pending[p]
            try:
                task = self._take(p, st)
            except STORE_ERRORS as exc:
                self.pending[p] = _Seen(-1, -1.0, now)  # taken again once the trouble is over
                self._pause(exc)
                break
            if task is not None:
                tasks.append(task)
        return tasks

    def _wanted(self, p: Path) -> bool:
        name = p.name
        if name.startswith((".", "~$")) or name.lower().endswith(SKIP_SUFFIXES):
            return False
        return p.is_symlink() or p.is_file()

    def _take(self, p: Path, st: os.stat_result) -> Task | None:
        if p.is_symlink():  # never followed: a link in a shared inbox may point anywhere
            self._refuse(p, "a symbolic link: not followed (drop the file itself)")
            return None
        assert self.store is not None
        try:
            sha = sha256_of(p)
        except OSError as exc:
            log.warning("%s: cannot read (%s); will look again", readable(p), exc)
            return None
        if sha in self.held:
            return None  # failed moments ago; waiting to see whether its writer goes on
        job = self.store.job(sha)
        names = {j.name for j in self.store.jobs()} if job is None else set()
        stem = job.name if job else _free_stem(output_stem(p.name), sha, names)
        self.store.enqueue(sha, stem, stored_path(p))
        if job is not None and job.state == "done":
            self._file_away(sha, True)  # known bytes: the result exists already
            return None
        if sha in self.inflight:
            return None  # another name of a document under way: it is filed with it
        if job is not None and job.state == "failed":
            log.info("%s: failed before (%s); dropped again, so tried again", readable(p), job.error)
            self.store.retry(sha)
        if not self.store.claim(sha):
            return None
        task = Task(sha, p, stem)
        self.inflight[sha] = task
        self.taken[sha] = (st.st_size, st.st_mtime)
        return task

    def _unfail(self) -> None:
        """`--retry-failed`: what is in failed/ goes back into the inbox, its note removed."""
        for p in sorted(self.failed_dir.iterdir()):
            if p.name.endswith(".error.json") or not p.is_file():
                continue
            note = p.with_name(fitted(p.name, after=".error.json"))
            os.replace(p, _free_path(self.inbox / p.name, sha256_of(p)))
            note.unlink(missing_ok=True)
            log.info("%s: back in the inbox to be tried again", readable(p.name))

    # --- finishing ---------------------------------------------------------------------------------

    def _on_report(self, r: Report) -> None:
        if self.trouble is not None:
            self.unfiled.append(r)
            return
        try:
            self._finish(r)
        except STORE_ERRORS as exc:
            self._pause(exc)
            self.unfiled.append(r)

    def _finish(self, r: Report) -> None:
        """Record a report and file its input; state changes only after the store has taken it
        (a store that fails half-way leaves the report to be handled again after the pause)."""
        assert self.store is not None
        task = self.inflight.get(r.key)
        if r.stage == "write":  # OUT is full or read-only: the document is not at fault
            self._pause(r.error or "cannot write OUT")
            if task is not None:
                self.parked.append(task)
            return
        taken = self.taken.get(r.key)
        if r.stage == "changed" or (task is not None and _changed(task.path, taken)):
            self._forget(r.key, task)  # its writer was not done: taken again when it settles
        else:
            record(self.store, r, self.summary)
            job = self.store.job(r.key)
            ok = job is not None and job.state == "done"
            if not ok and task is not None and taken is not None and _written_within(task.path, self.hold):
                self.held[r.key] = (time.monotonic() + self.hold, task)  # `taken` stays, to compare
                self.inflight.pop(r.key, None)
                return
            self._file_away(r.key, ok)
        self.inflight.pop(r.key, None)
        self.taken.pop(r.key, None)

    def _forget(self, sha: str, task: Task | None) -> None:
        assert self.store is not None
        self.store.forget(sha)
        if task is not None:
            log.info("%s: changed while it was read; taken again when it settles", readable(task.path))
            self.pending[task.path] = _Seen(-1, -1.0, time.monotonic())

    def _release_held(self) -> None:
        """Failed documents held back because they were written moments ago: one that changed
        since is taken again (its writer had paused); one that did not is filed as failed."""
        now = time.monotonic()
        for sha, (until, task) in list(self.held.items()):
            changed = _changed(task.path, self.taken.get(sha))
            if changed or now >= until:
                del self.held[sha]
                self.taken.pop(sha, None)
                if changed:
                    self._forget(sha, task)
                else:
                    self._file_away(sha, False)

    def _refuse(self, p: Path, why: str) -> None:
        dest = _free_path(self.failed_dir / p.name, "link")
        note = {"file": readable(p.name), "sha256": None, "reason": why, "stage": "open", "time": _now()}
        atomic_write(dest.with_name(fitted(dest.name, after=".error.json")), json.dumps(note, ensure_ascii=False))
        os.replace(p, dest)
        log.warning("%s: %s", readable(p), why)

    def _file_away(self, sha: str, ok: bool) -> None:
        """Move every name the bytes `sha` arrived under to done/ (each gets the result) or failed/."""
        assert self.store is not None
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


def _changed(path: Path, taken: tuple[int, float] | None) -> bool:
    """The file is no longer as it was when taken (rewritten, grown); False when it is gone."""
    if taken is None:
        return False
    try:
        st = path.lstat()
    except OSError:
        return False
    return (st.st_size, st.st_mtime) != taken


def _written_within(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.lstat().st_mtime < seconds
    except OSError:
        return False


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f"{readable(exc.filename)}: " if exc.filename else ""
        return f"{where}{exc.strerror}"
    return readable(str(exc))


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
