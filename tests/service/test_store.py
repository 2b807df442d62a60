"""The results store: a real SQLite file, its schema version, no duplicate rows, the job table."""

from __future__ import annotations

import sqlite3

import pytest

from extractor.model.result import ExtractionResult
from extractor.service.store import SCHEMA_VERSION, ResultRows, SqliteStore
from tests.conftest import SAMPLES, extracted


def test_schema_is_versioned_and_reopening_changes_nothing(tmp_path):
    path = tmp_path / "results.sqlite"
    store = SqliteStore(path)
    assert store.version() == SCHEMA_VERSION
    store.close()
    store = SqliteStore(path)
    assert store.version() == SCHEMA_VERSION
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "results.sqlite"
    SqliteStore(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(RuntimeError, match="newer"):
        SqliteStore(path)


def test_saving_twice_keeps_one_copy(tmp_path):
    result = extracted(SAMPLES / "digital" / "bulletin-000.pdf")
    store = SqliteStore(tmp_path / "results.sqlite")
    for _ in range(2):
        store.save_result(result, "bulletin-000", None)
    assert store.count("documents") == 1
    assert store.count("tables") == len(result.tables)
    assert store.count("cells") == sum(len(t.rows) * len(t.columns) for t in result.tables)
    assert store.count("entities") == len(result.entities)
    assert store.count("events") == len(result.facts.events)
    assert store.count("people") == len(result.facts.people)
    row = store.db.execute("SELECT column_path, text FROM cells WHERE table_id='t1' AND row=1 AND col=1").fetchone()
    assert row == (result.tables[0].columns[1], result.tables[0].rows[1][1])
    store.close()


def test_a_workers_rows_are_the_rows_of_the_result_it_wrote(tmp_path):
    """A pool worker sends the store its result as rows (`ResultRows`), made from the result in
    memory; they must be what the store would make from the JSON file written (figures, paths,
    flags), and a store must hold the same whichever way it was given the result."""
    result = extracted(SAMPLES / "digital" / "bulletin-000.pdf")
    read_back = ExtractionResult.model_validate_json(result.model_dump_json())
    assert ResultRows.of(result) == ResultRows.of(read_back)
    assert ResultRows.of(result).cells and ResultRows.of(result).entities
    dumps = []
    for way in ("rows", "result"):
        store = SqliteStore(tmp_path / f"{way}.sqlite")
        if way == "rows":
            store.save_rows(ResultRows.of(result), "bulletin-000", "/out/bulletin-000.json")
        else:
            store.save_result(read_back, "bulletin-000", "/out/bulletin-000.json")
        dumps.append(
            {
                table: store.db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
                for table in ("tables", "cells", "entities", "events", "people", "visits", "metrics")
            }
            | {"documents": [r[:-1] for r in store.db.execute("SELECT * FROM documents")]}  # but the time saved
        )
        store.close()
    assert dumps[0] == dumps[1] and dumps[0]["cells"]


def test_jobs(tmp_path):
    store = SqliteStore(tmp_path / "results.sqlite")
    assert store.enqueue("a" * 64, "x", "/in/x.pdf")
    assert not store.enqueue("a" * 64, "x", "/in/copy of x.pdf")  # same bytes, another name
    assert sorted(store.sources("a" * 64)) == ["/in/copy of x.pdf", "/in/x.pdf"]
    assert store.claim("a" * 64) and not store.claim("a" * 64)
    assert store.requeue_running() == 1  # as after a kill -9
    assert store.claim("a" * 64)
    store.finish("a" * 64, "failed", "boom", "read")
    job = store.job("a" * 64)
    assert job is not None and (job.state, job.attempts, job.error) == ("failed", 2, "boom")
    store.close()


def test_cells_are_stored_typed_with_flags_and_tables_with_their_confidence(tmp_path):
    result = extracted(SAMPLES / "digital" / "bulletin-000.pdf")
    store = SqliteStore(tmp_path / "results.sqlite")
    store.save_result(result, "bulletin-000", None)
    db = store.db
    value, unit = db.execute("SELECT value, unit FROM cells WHERE table_id='t1' AND row=0 AND col=5").fetchone()
    assert (value, unit) == (110235.0, "万元")  # 已附码项目/合计/总投资（万元） of the 合计 row
    assert db.execute("SELECT typeof(value) FROM cells WHERE table_id='t1' AND row=1 AND col=6").fetchone()[0] == "real"
    assert db.execute("SELECT value FROM cells WHERE table_id='t1' AND row=1 AND col=1").fetchone()[0] is None  # 州本级
    # the print's own misprint (红原县's blank 备案类 investment is counted in the 合计) is flagged
    flags = db.execute("SELECT flags FROM cells WHERE table_id='t1' AND row=0 AND col=12").fetchone()[0]
    assert "total_mismatch" in flags
    review, failed = db.execute("SELECT review, checks_failed FROM tables WHERE table_id='t1'").fetchone()
    assert review == 1 and failed >= 1
    store.close()


def test_a_version_1_store_is_migrated_and_keeps_its_rows(tmp_path):
    from extractor.service.store import MIGRATIONS  # noqa: PLC0415

    path = tmp_path / "results.sqlite"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute("PRAGMA user_version=1")
    db.execute("INSERT INTO documents (sha256, name, status, saved) VALUES ('abc', 'old', 'success', 0)")
    db.commit()
    db.close()
    store = SqliteStore(path)
    assert store.version() == SCHEMA_VERSION
    assert store.count("documents") == 1
    store.save_result(extracted(SAMPLES / "digital" / "bulletin-000.pdf"), "bulletin-000", None)
    assert store.db.execute("SELECT count(*) FROM cells WHERE value IS NOT NULL").fetchone()[0] > 100
    store.close()
