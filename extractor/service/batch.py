"""`extractor batch PATH... -o OUT`: years of archives, in parallel, resumable.

Inputs are files, folders (searched recursively), glob patterns and zip archives (their PDFs
and images are unpacked under `OUT/.staging/`, names made safe, so nothing lands outside
OUT). Every input is keyed by the sha256 of its bytes in the job table of
`OUT/results.sqlite`: a rerun skips what is done, `--retry-failed` tries the failures again,
the same bytes under two names are extracted once. Documents run in worker processes
(`pool.py`) with a timeout each; every finished result goes into the results store.
"""

from __future__ import annotations

import glob
import hashlib
import logging
import os
import shutil
import time
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import InputNotFound, TemporaryFailure
from extractor.ingest.inputs import SUFFIXES
from extractor.ingest.names import output_stem, readable, stored_path
from extractor.ingest.source import sha256_of
from extractor.model.result import ExtractionResult
from extractor.service.pool import ATTEMPTS, RECYCLE, Report, Runner, Task, WorkerPool
from extractor.service.store import STORE_ERRORS, SqlStore, open_store
from extractor.settings import Settings

log = logging.getLogger(__name__)
RETRIED_ON_RERUN = ("write", "changed")  # failed for OUT's trouble, or caught mid-write: a rerun tries again


@dataclass
class Summary:
    done: int = 0
    failed: int = 0
    skipped: int = 0
    failed_before: int = 0  # skipped because they failed in an earlier run (without --retry-failed)
    duplicates: int = 0
    pages: int = 0
    seconds: float = 0.0
    reasons: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    workers: list[tuple[int, float]] = field(default_factory=list)  # (worker pid, its peak RSS MiB) per document


def gather(paths: Iterable[str], out_dir: Path) -> list[Path]:
    """Files, folders, glob patterns and zip archives → the files to extract."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES | {".zip"})
        elif path.is_file():
            found.append(path)
        elif any(ch in raw for ch in "*?["):
            found += sorted(Path(p) for p in glob.glob(raw, recursive=True) if Path(p).is_file())
        else:
            raise InputNotFound("no such file, folder or matching file", path=raw)
    out: list[Path] = []
    for p in found:
        out += unzip(p, out_dir / STAGING) if p.suffix.lower() == ".zip" else [p]
    return out


STAGING = ".staging"  # zip members unpacked for a run, under OUT; removed when the run ends
MAX_MEMBER = 512 * 1024 * 1024  # a zip member that unpacks larger than this is not unpacked (zip bombs)
MAX_UNPACKED = 2 * 1024 * 1024 * 1024  # nor more than this from one archive


def unzip(archive: Path, staging: Path) -> list[Path]:
    """The PDFs and images in a zip archive, unpacked under `staging` with safe names. Sizes are
    counted as the bytes come out, not taken from the archive's word: a member past MAX_MEMBER,
    or the members after MAX_UNPACKED in all, are skipped with a warning. A member is unpacked
    to a temporary name and renamed when whole, so a run killed half-way never reuses half."""
    digest = hashlib.sha256(str(archive.resolve()).encode()).hexdigest()[:10]
    target = staging / f"{output_stem(archive.name)}-{digest}"
    out: list[Path] = []
    budget = MAX_UNPACKED
    try:
        with zipfile.ZipFile(archive) as zf:
            for n, info in enumerate(zf.infolist()):
                suffix = Path(info.filename).suffix.lower()
                if info.is_dir() or suffix not in SUFFIXES:
                    continue
                dest = target / f"{n:05d}-{output_stem(Path(info.filename).name)}{suffix}"
                if not dest.exists():
                    size = _unpack(zf, info, dest, min(MAX_MEMBER, budget))
                    if size is None:
                        log.warning("%s: %s unpacks to more than the limit: skipped", archive, readable(info.filename))
                        if budget < MAX_MEMBER:
                            break  # the archive's whole allowance is spent
                        continue
                    budget -= size
                else:
                    budget -= dest.stat().st_size
                out.append(dest)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:  # damaged, encrypted
        log.warning("%s: not a readable zip archive (%s)", archive, exc)
        out.append(archive)  # extracted like any input: it fails with a clear reason
    return out


def _unpack(zf: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path, limit: int) -> int | None:
    """Unpack one member to `dest` through a temporary name; its size, or None past `limit`."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(f".{dest.name[:40]}.part")
    written = 0
    try:
        with zf.open(info) as src, part.open("wb") as dst:
            while chunk := src.read(1 << 20):
                written += len(chunk)
                if written > limit:
                    return None
                dst.write(chunk)
        os.replace(part, dest)
        return written
    finally:
        part.unlink(missing_ok=True)


def run_batch(
    paths: Iterable[str],
    out_dir: Path,
    settings: Settings,
    workers: int | None,
    retry_failed: bool = False,
    recycle: int | None = None,
    progress: object | None = None,
    attempts: int = ATTEMPTS,
    engine: str = "local",
    address: str | None = None,
    shared: bool | None = None,
) -> Summary:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        store = open_store(out_dir, settings.store)
    except STORE_ERRORS as exc:
        raise TemporaryFailure(f"cannot open the results store ({exc})", path=str(out_dir)) from exc
    summary = Summary()
    t0 = time.perf_counter()
    try:
        store.requeue_running()
        tasks = _plan(gather(paths, out_dir), store, retry_failed, summary)
        bar = _Progress(progress, len(tasks))

        def on_report(r: Report) -> None:
            try:
                record(store, r, summary)
            except STORE_ERRORS as exc:  # OUT full or read-only: stop; a rerun goes on from here
                raise TemporaryFailure(
                    f"cannot record results ({exc}); {summary.done} done so far, rerun to go on", path=str(out_dir)
                ) from exc
            bar.advance(r.pages)

        if tasks:
            if workers is None and not (engine == "ray" and address):  # on a cluster: its CPUs (RayRunner)
                workers = os.cpu_count() or 1
            workers = min(workers, len(tasks)) if workers else None
            runner_for(engine, workers, out_dir, settings, recycle, attempts, address, shared).run(tasks, on_report)
        shutil.rmtree(out_dir / STAGING, ignore_errors=True)  # unpacked copies: their results are in OUT
    finally:
        store.close()
    summary.seconds = time.perf_counter() - t0
    return summary


def runner_for(
    engine: str,
    workers: int | None,
    out_dir: Path,
    settings: Settings,
    recycle: int | None,
    attempts: int,
    address: str | None = None,
    shared: bool | None = None,
) -> Runner:
    """The engine that runs the documents: this machine's worker pool, or Ray (`--engine ray`)."""
    if engine == "ray":
        from extractor.service.ray_runner import RayRunner  # noqa: PLC0415 - Ray only when asked for

        return RayRunner(workers, out_dir, settings, address, attempts, shared, recycle)
    return WorkerPool(workers or os.cpu_count() or 1, out_dir, settings, recycle or RECYCLE, attempts)


def _plan(files: list[Path], store: SqlStore, retry_failed: bool, summary: Summary) -> list[Task]:
    tasks: list[Task] = []
    taken: set[str] = set()
    names = {j.name for j in store.jobs()}
    for path in files:
        try:
            sha = sha256_of(path)
        except OSError as exc:
            summary.failed += 1
            summary.reasons["unreadable"] += 1
            summary.failures.append((readable(path), f"cannot read: {exc}"))
            continue
        job = store.job(sha)
        if sha in taken:
            summary.duplicates += 1
            store.enqueue(sha, job.name if job else output_stem(path.name), stored_path(path))
            continue
        again = retry_failed or (job is not None and job.stage in RETRIED_ON_RERUN)
        if job is not None and (job.state == "done" or (job.state == "failed" and not again)):
            store.enqueue(sha, job.name, stored_path(path))  # remember this name too
            summary.skipped += 1
            if job.state == "failed":  # still failed: the run must not look clean
                summary.failed_before += 1
                summary.failures.append((readable(path), f"(an earlier run) {job.error or readable(path)}"))
            continue
        stem = job.name if job else _free_stem(output_stem(path.name), sha, names)
        names.add(stem)
        store.enqueue(sha, stem, stored_path(path))
        if job is not None and job.state == "failed":
            store.retry(sha)
        store.claim(sha)
        taken.add(sha)
        tasks.append(Task(sha, path, stem))
    return tasks


def _free_stem(stem: str, sha: str, names: set[str]) -> str:
    """`stem`, or `stem-<sha>` when another document has it (without regard to case, as
    `names.unique_stems` does: OUT may be on a file system that ignores case)."""
    taken = {n.casefold() for n in names}
    return stem if stem.casefold() not in taken else f"{stem}-{sha[:8]}"


def record(store: SqlStore, r: Report, summary: Summary) -> None:
    """A worker's report into the store: the result's rows, then the job's state."""
    if r.worker_pid:
        summary.workers.append((r.worker_pid, r.worker_rss_mib))
    if r.ok and r.json_path:
        try:
            job = store.job(r.key)
            name = job.name if job else Path(r.json_path).stem
            if r.rows is not None:  # made by the worker from the result it wrote
                store.save_rows(r.rows, name, r.json_path)
            else:
                result = ExtractionResult.model_validate_json(Path(r.json_path).read_text(encoding="utf-8"))
                store.save_result(result, name, r.json_path)
        except (OSError, ValueError) as exc:
            store.finish(r.key, "failed", f"result not readable: {exc}", "store")
            summary.failed += 1
            summary.reasons["store"] += 1
            return
        store.finish(r.key, "done", r.error, r.stage, r.seconds)
        summary.done += 1
        summary.pages += r.pages
    else:
        store.finish(r.key, "failed", r.error, r.stage, r.seconds)
        summary.failed += 1
        summary.reasons[r.stage or "extract"] += 1
        summary.failures.append((r.key[:12], r.error or "failed"))


class _Progress:
    """A rich progress bar with ETA and pages/s, when one was asked for."""

    def __init__(self, progress: object | None, total: int) -> None:
        self.p = progress
        self.pages = 0
        self.t0 = time.perf_counter()
        self.task = progress.add_task("documents", total=total, pages="") if progress is not None else None  # type: ignore[attr-defined]

    def advance(self, pages: int) -> None:
        if self.p is None:
            return
        self.pages += pages
        rate = self.pages / max(1e-6, time.perf_counter() - self.t0)
        self.p.update(self.task, advance=1, pages=f"{self.pages} pages, {rate:.1f} pages/s")  # type: ignore[attr-defined]
