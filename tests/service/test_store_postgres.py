"""The results store in a real PostgreSQL server (started by the tests: tests/pg.py): the same rows
as the SQLite store, the job table under concurrent writers, migrations, and a batch and its export."""

from __future__ import annotations

import multiprocessing as mp
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from extractor.model.result import Correction
from extractor.service.store import SCHEMA_VERSION, TABLES, SqliteStore, open_store
from tests.conftest import DIGITAL, SAMPLES, extracted

ROW_TABLES = [t for t in TABLES if t not in ("documents", "jobs", "corrections")]


def dump(store) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, floats rounded to 9 digits; the times of saving left out."""

    def norm(v):
        return round(v, 9) if isinstance(v, float) else v

    out = {t: sorted(tuple(map(norm, r)) for r in store._q(f"SELECT * FROM {t}").fetchall()) for t in ROW_TABLES}
    out["documents"] = sorted(tuple(map(norm, r[:-1])) for r in store._q("SELECT * FROM documents").fetchall())
    return out


def test_the_same_rows_in_postgresql_as_in_sqlite(tmp_path: Path, postgres_url: str):
    results = [extracted(p) for p in DIGITAL[:4]]
    stores = [SqliteStore(tmp_path / "results.sqlite"), open_store(tmp_path, postgres_url)]
    for store in stores:
        for r in results:
            store.save_result(r, Path(r.source.path).stem, None)
            store.save_result(r, Path(r.source.path).stem, None)  # saved again: replaced, not doubled
    sqlite_rows, pg_rows = (dump(s) for s in stores)
    assert sqlite_rows == pg_rows and len(pg_rows["cells"]) > 500 and len(pg_rows["documents"]) == 4
    # floats keep their digits (PostgreSQL's REAL would not): the time saved within a second
    saved = stores[1]._q("SELECT saved FROM documents").fetchone()[0]
    assert abs(saved - stores[0]._q("SELECT saved FROM documents").fetchone()[0]) < 60
    for s in stores:
        s.close()


def test_jobs_corrections_and_the_schema_version_in_postgresql(postgres_url: str, tmp_path: Path):
    store = open_store(tmp_path, postgres_url)
    assert store.version() == SCHEMA_VERSION
    assert store.enqueue("a" * 64, "x", "/in/x.pdf") and not store.enqueue("a" * 64, "x", "/in/copy.pdf")
    assert sorted(store.sources("a" * 64)) == ["/in/copy.pdf", "/in/x.pdf"]
    assert store.claim("a" * 64) and not store.claim("a" * 64)
    assert store.requeue_running() == 1 and store.claim("a" * 64)
    store.finish("a" * 64, "done", None, None, 1.5)
    job = store.job("a" * 64)
    assert job is not None and (job.state, job.attempts) == ("done", 2)
    assert store.job_counts() == {"queued": 0, "running": 0, "done": 1, "failed": 0}
    c = Correction(table="t1", row=3, col=2, old="184", new="194", at="2026-11-29T20:00:00Z", by="wang")
    store.add_correction("a" * 64, c)
    assert store.corrections("a" * 64) == [c]
    store.close()
    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute("UPDATE schema_version SET version = %s", (SCHEMA_VERSION + 1,))
    with pytest.raises(RuntimeError, match="newer"):
        open_store(tmp_path, postgres_url)


def _claim_and_save(url: str, shas: list[str], out: mp.Queue, ready: mp.Queue, go) -> None:
    store = open_store(Path("/nonexistent"), url)  # four first opens of an empty database at once
    ready.put(store.version())
    go.wait(120)
    result = extracted(SAMPLES / "digital" / "bulletin-000.pdf")
    mine = []
    for sha in shas:
        if store.claim(sha):
            mine.append(sha)
            rows = result.model_copy(deep=True)
            rows.source.sha256 = sha
            store.save_result(rows, sha[:8], None)
            store.finish(sha, "done")
    store.close()
    out.put(mine)


def test_concurrent_writers_take_each_job_once_and_first_opens_migrate_once(postgres_url: str, tmp_path: Path):
    shas = [f"{i:064x}" for i in range(40)]
    ctx = mp.get_context("spawn")
    out: mp.Queue = ctx.Queue()
    # four processes open the new database at once (each migrates it, under the advisory lock), then
    # all claim from the same 40 jobs, saving each one's rows in a transaction of its own
    seed = open_store(tmp_path, postgres_url)
    seed.db.execute("DROP TABLE IF EXISTS schema_version")
    for table in ("corrections", "job_names", "jobs", "metrics", "visits", "people", "events", "entities"):
        seed.db.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
    seed.db.execute("DROP TABLE IF EXISTS cells, tables, documents CASCADE")
    seed.close()
    with psycopg.connect(postgres_url, autocommit=True) as db:
        assert db.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0] == 0
    ready: mp.Queue = ctx.Queue()
    go = ctx.Event()
    procs = [ctx.Process(target=_claim_and_save, args=(postgres_url, shas, out, ready, go)) for _ in range(4)]
    for p in procs:
        p.start()
    assert [ready.get(timeout=120) for _ in procs] == [SCHEMA_VERSION] * 4
    first = open_store(tmp_path, postgres_url)
    for sha in shas:
        first.enqueue(sha, sha[:8], f"/in/{sha[:8]}.pdf")
    first.close()
    go.set()
    taken = [out.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    claimed = [sha for mine in taken for sha in mine]
    assert sorted(claimed) == shas  # every job taken, none twice
    store = open_store(tmp_path, postgres_url)
    assert store.count("documents") == 40 and store.job_counts()["done"] == 40
    assert store._q("SELECT count(*) FROM schema_version").fetchone()[0] == 1
    store.close()


def test_a_batch_into_postgresql_exports_what_the_same_batch_into_sqlite_exports(tmp_path: Path, postgres_url: str):
    inputs = [str(p) for p in DIGITAL[:3]] + [str(SAMPLES / "scanned" / "scan-colour-beichuan-2023-screen.png")]
    exports = []
    for way, store in (("sqlite", []), ("postgres", ["--store", postgres_url])):
        out = tmp_path / way
        cmd = [sys.executable, "-m", "extractor", "batch", *inputs, "-o", str(out), "--no-progress", *store]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        again = subprocess.run(cmd, capture_output=True, text=True, timeout=600)  # a rerun skips everything
        assert again.returncode == 0 and "0 done, 0 failed, 4 already done" in again.stdout, again.stdout + again.stderr
        export = subprocess.run(
            [
                sys.executable,
                "-m",
                "extractor",
                "export",
                str(out),
                "--format",
                "csv",
                "--dest",
                str(tmp_path / f"x-{way}"),
                *store,
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert export.returncode == 0, export.stderr
        exports.append(
            {p.relative_to(tmp_path / f"x-{way}"): p.read_bytes() for p in (tmp_path / f"x-{way}").rglob("*.csv")}
        )
    assert exports[0] == exports[1] and len(exports[0]) > 5
    assert not (tmp_path / "postgres" / "results.sqlite").exists()  # the store was the server's
    pg = open_store(tmp_path, postgres_url)
    assert pg.job_counts()["done"] == 4 and pg.count("documents") == 4
    pg.close()
