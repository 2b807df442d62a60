"""The results store: every result as rows an analyst can query, and the job table.

One SQLite file (`OUT/results.sqlite`, WAL journal so readers never block the writer) with a
versioned schema: `PRAGMA user_version` holds the version, `MIGRATIONS[i]` takes a store
from version i to i + 1, and opening a store applies what is missing. `ResultStore` is the
interface a server database could implement later; `SqliteStore` is the one here.

A document is keyed by the sha256 of its bytes: saving it again replaces its rows in one
transaction, so a result is never stored twice and never half.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from extractor.model.result import Correction, ExtractionResult, Person, Table, TableWhere

STORE_NAME = "results.sqlite"  # the store's file in an output folder

MIGRATIONS: list[str] = [
    # 0 → 1
    """
    CREATE TABLE documents (
        sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, path TEXT, status TEXT NOT NULL, kind TEXT,
        pages INTEGER, title TEXT, issuer TEXT, period TEXT, published TEXT,
        jurisdiction TEXT, jurisdiction_code TEXT, result_path TEXT, saved REAL NOT NULL
    );
    CREATE TABLE tables (
        sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE, table_id TEXT NOT NULL,
        title TEXT, pages TEXT, header_rows INTEGER, columns TEXT NOT NULL, n_rows INTEGER,
        PRIMARY KEY (sha256, table_id)
    );
    CREATE TABLE cells (
        sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE, table_id TEXT NOT NULL,
        row INTEGER NOT NULL, col INTEGER NOT NULL, column_path TEXT, text TEXT,
        PRIMARY KEY (sha256, table_id, row, col)
    );
    CREATE TABLE entities (
        sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE, n INTEGER NOT NULL,
        mention TEXT, kind TEXT, canonical TEXT, code TEXT, score REAL, review INTEGER,
        table_id TEXT, row INTEGER, col INTEGER, page INTEGER, span_start INTEGER, span_end INTEGER,
        PRIMARY KEY (sha256, n)
    );
    CREATE TABLE events (
        sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE, n INTEGER NOT NULL,
        kind TEXT, date TEXT, end_date TEXT, people TEXT, place TEXT, text TEXT, page INTEGER,
        span_start INTEGER, span_end INTEGER, PRIMARY KEY (sha256, n)
    );
    CREATE TABLE people (
        sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE, n INTEGER NOT NULL,
        name TEXT, title TEXT, org TEXT, page INTEGER, PRIMARY KEY (sha256, n)
    );
    CREATE TABLE visits (
        sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE, n INTEGER NOT NULL,
        name TEXT, title TEXT, org TEXT, count INTEGER, period TEXT, PRIMARY KEY (sha256, n)
    );
    CREATE TABLE metrics (
        sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE, n INTEGER NOT NULL,
        subject TEXT, name TEXT, value REAL, unit TEXT, period TEXT, text TEXT, page INTEGER,
        PRIMARY KEY (sha256, n)
    );
    CREATE TABLE jobs (
        sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, source TEXT NOT NULL, state TEXT NOT NULL
            CHECK (state IN ('queued', 'running', 'done', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0, error TEXT, stage TEXT, pages INTEGER,
        created REAL NOT NULL, updated REAL NOT NULL
    );
    CREATE TABLE job_names (
        sha256 TEXT NOT NULL REFERENCES jobs(sha256) ON DELETE CASCADE, source TEXT NOT NULL,
        PRIMARY KEY (sha256, source)
    );
    CREATE INDEX jobs_state ON jobs(state);
    """,
    # 1 → 2: typed values and what the checks found (issue 12)
    """
    ALTER TABLE cells ADD COLUMN value REAL;
    ALTER TABLE cells ADD COLUMN unit TEXT;
    ALTER TABLE cells ADD COLUMN flags TEXT;
    ALTER TABLE tables ADD COLUMN confidence REAL;
    ALTER TABLE tables ADD COLUMN review INTEGER;
    ALTER TABLE tables ADD COLUMN checks INTEGER;
    ALTER TABLE tables ADD COLUMN checks_failed INTEGER;
    """,
    # 2 → 3: people's corrections of cells, kept apart from the machine's results (issue 14): not tied
    # to `documents`, whose rows a re-extraction replaces; and the seconds a job took
    """
    CREATE TABLE corrections (
        n INTEGER PRIMARY KEY AUTOINCREMENT, sha256 TEXT NOT NULL, table_id TEXT NOT NULL,
        row INTEGER NOT NULL, col INTEGER NOT NULL, old TEXT NOT NULL, new TEXT NOT NULL,
        at TEXT NOT NULL, by TEXT
    );
    CREATE INDEX corrections_document ON corrections(sha256);
    ALTER TABLE jobs ADD COLUMN seconds REAL;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True, slots=True)
class Job:
    sha256: str
    name: str
    source: str
    state: str
    attempts: int
    error: str | None
    stage: str | None = None


Row = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class ResultRows:
    """A result as the store's rows, made where the result is (a worker sends them with its
    report, so the process that owns the store only inserts them). `document` is the documents
    row without its sha256, name, result path and time saved, which the store adds."""

    sha256: str
    document: Row
    tables: list[Row]
    cells: list[Row]
    entities: list[Row]
    events: list[Row]
    people: list[Row]
    visits: list[Row]
    metrics: list[Row]

    @classmethod
    def of(cls, result: ExtractionResult) -> ResultRows:
        sha = result.source.sha256
        doc = result.document
        juris = doc.jurisdiction
        f = result.facts
        return cls(
            sha256=sha,
            document=(
                result.source.path, result.status, result.source.kind, result.source.pages, doc.title, doc.issuer,
                doc.period, doc.published, juris.name if juris else None, juris.code if juris else None,
            ),
            tables=[
                (sha, t.id, t.title, json.dumps(t.pages), t.header_rows, json.dumps(t.columns, ensure_ascii=False),
                 len(t.rows), t.confidence, int(t.review), len(t.checks), sum(1 for c in t.checks if not c.ok))
                for t in result.tables
            ],
            cells=[row for t in result.tables for row in _cell_rows(sha, t)],
            entities=[
                (sha, n, e.mention, e.kind, e.canonical, e.code, e.score, int(e.review), *_where(e.where))
                for n, e in enumerate(result.entities)
            ],
            events=[
                (sha, n, e.kind, e.date, e.end_date, _people_json(e.people), e.place, e.text, e.page,
                 e.span[0], e.span[1])
                for n, e in enumerate(f.events)
            ],
            people=[(sha, n, p.name, p.title, p.org, p.page) for n, p in enumerate(f.people)],
            visits=[(sha, n, v.name, v.title, v.org, v.count, v.period) for n, v in enumerate(f.visits)],
            metrics=[
                (sha, n, m.subject, m.name, m.value, m.unit, m.period, m.text, m.page)
                for n, m in enumerate(f.metrics)
            ],
        )  # fmt: skip


class ResultStore(Protocol):
    """What the watcher, the batch runner and the exports need of a results database."""

    def save_result(self, result: ExtractionResult, name: str, result_path: str | None) -> None: ...

    def save_rows(self, rows: ResultRows, name: str, result_path: str | None) -> None: ...

    def enqueue(self, sha256: str, name: str, source: str) -> bool: ...

    def claim(self, sha256: str) -> bool: ...

    def finish(
        self, sha256: str, state: str, error: str | None = None, stage: str | None = None, seconds: float | None = None
    ) -> None: ...

    def job(self, sha256: str) -> Job | None: ...

    def jobs(self, state: str | None = None) -> list[Job]: ...

    def requeue_running(self) -> int: ...

    def forget(self, sha256: str) -> None: ...

    def close(self) -> None: ...


class SqliteStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.migrate()

    # --- schema ------------------------------------------------------------------------

    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        with self._tx():
            current = self.version()
            if current > SCHEMA_VERSION:
                raise RuntimeError(f"{self.path}: schema version {current} is newer than this extractor's")
            for version in range(current, SCHEMA_VERSION):
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={version + 1}")

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    # --- results --------------------------------------------------------------------------

    def save_result(self, result: ExtractionResult, name: str, result_path: str | None) -> None:
        self.save_rows(ResultRows.of(result), name, result_path)

    def save_rows(self, rows: ResultRows, name: str, result_path: str | None) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM documents WHERE sha256 = ?", (rows.sha256,))
            db.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (rows.sha256, name, *rows.document, result_path, time.time()),
            )
            db.executemany("INSERT INTO tables VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows.tables)
            db.executemany("INSERT INTO cells VALUES (?,?,?,?,?,?,?,?,?)", rows.cells)
            db.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows.entities)
            db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows.events)
            db.executemany("INSERT INTO people VALUES (?,?,?,?,?,?)", rows.people)
            db.executemany("INSERT INTO visits VALUES (?,?,?,?,?,?,?)", rows.visits)
            db.executemany("INSERT INTO metrics VALUES (?,?,?,?,?,?,?,?,?)", rows.metrics)

    def count(self, table: str) -> int:
        if table not in {"documents", "tables", "cells", "entities", "events", "people", "visits", "metrics", "jobs"}:
            raise ValueError(table)
        return int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    # --- jobs ----------------------------------------------------------------------------------

    def enqueue(self, sha256: str, name: str, source: str) -> bool:
        """Queue the bytes `sha256` under `name`; False when they are known already (another name is
        remembered beside the first, so both get the result)."""
        now = time.time()
        with self._tx() as db:
            known = db.execute("SELECT 1 FROM jobs WHERE sha256 = ?", (sha256,)).fetchone()
            if not known:
                db.execute(
                    "INSERT INTO jobs (sha256, name, source, state, created, updated) VALUES (?,?,?,'queued',?,?)",
                    (sha256, name, source, now, now),
                )
            db.execute("INSERT OR IGNORE INTO job_names VALUES (?, ?)", (sha256, source))
        return not known

    def claim(self, sha256: str) -> bool:
        with self._tx() as db:
            cur = db.execute(
                "UPDATE jobs SET state = 'running', attempts = attempts + 1, updated = ? "
                "WHERE sha256 = ? AND state = 'queued'",
                (time.time(), sha256),
            )
            return cur.rowcount == 1

    def finish(
        self, sha256: str, state: str, error: str | None = None, stage: str | None = None, seconds: float | None = None
    ) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE jobs SET state = ?, error = ?, stage = ?, updated = ?, seconds = ? WHERE sha256 = ?",
                (state, error, stage, time.time(), seconds, sha256),
            )

    def retry(self, sha256: str) -> None:
        with self._tx() as db:
            db.execute("UPDATE jobs SET state = 'queued', updated = ? WHERE sha256 = ?", (time.time(), sha256))

    def forget(self, sha256: str) -> None:
        """Drop a job and any result of the bytes `sha256` (they were a file caught half-written)."""
        with self._tx() as db:
            db.execute("DELETE FROM documents WHERE sha256 = ?", (sha256,))
            db.execute("DELETE FROM jobs WHERE sha256 = ?", (sha256,))

    def requeue_running(self) -> int:
        """After a crash or kill: jobs left running go back to the queue."""
        with self._tx() as db:
            return db.execute("UPDATE jobs SET state = 'queued' WHERE state = 'running'").rowcount

    def job(self, sha256: str) -> Job | None:
        row = self.db.execute(
            "SELECT sha256, name, source, state, attempts, error, stage FROM jobs WHERE sha256 = ?", (sha256,)
        ).fetchone()
        return Job(*row) if row else None

    def jobs(self, state: str | None = None) -> list[Job]:
        sql = "SELECT sha256, name, source, state, attempts, error, stage FROM jobs"
        rows = self.db.execute(sql + " WHERE state = ? ORDER BY created", (state,)) if state else self.db.execute(sql)
        return [Job(*r) for r in rows.fetchall()]

    def sources(self, sha256: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT source FROM job_names WHERE sha256 = ?", (sha256,))]

    def job_page(self, state: str | None, limit: int, offset: int) -> list[Job]:
        """Jobs newest first, `limit` from `offset`, of one state or all."""
        sql = "SELECT sha256, name, source, state, attempts, error, stage FROM jobs"
        where, args = (" WHERE state = ?", [state]) if state else ("", [])
        rows = self.db.execute(sql + where + " ORDER BY created DESC, sha256 LIMIT ? OFFSET ?", (*args, limit, offset))
        return [Job(*r) for r in rows.fetchall()]

    def job_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(("queued", "running", "done", "failed"), 0)
        counts.update(dict(self.db.execute("SELECT state, count(*) FROM jobs GROUP BY state").fetchall()))
        return counts

    def work_done(self) -> tuple[int, float]:
        """Pages of the documents done, and the seconds their extraction took."""
        pages, seconds = self.db.execute(
            "SELECT coalesce(sum(d.pages), 0), coalesce(sum(j.seconds), 0) FROM jobs j "
            "LEFT JOIN documents d ON d.sha256 = j.sha256 WHERE j.state = 'done'"
        ).fetchone()
        return int(pages), float(seconds)

    def result_path(self, sha256: str) -> str | None:
        row = self.db.execute("SELECT result_path FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    # --- corrections -----------------------------------------------------------------------

    def add_correction(self, sha256: str, c: Correction) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO corrections (sha256, table_id, row, col, old, new, at, by) VALUES (?,?,?,?,?,?,?,?)",
                (sha256, c.table, c.row, c.col, c.old, c.new, c.at, c.by),
            )

    def corrections(self, sha256: str) -> list[Correction]:
        rows = self.db.execute(
            "SELECT table_id, row, col, old, new, at, by FROM corrections WHERE sha256 = ? ORDER BY n", (sha256,)
        ).fetchall()
        return [Correction(table=t, row=r, col=c, old=o, new=n, at=a, by=b) for t, r, c, o, n, a, b in rows]

    def review_tables(self, limit: int) -> list[tuple[str, str, str, str | None, float, int, int, int]]:
        """Tables a person should look at, worst first: marked for review, or with a check that
        fails: (sha256, document name, table id, title, confidence, review, checks failed, cells flagged)."""
        return self.db.execute(
            "SELECT t.sha256, d.name, t.table_id, t.title, coalesce(t.confidence, 1), coalesce(t.review, 0), "
            "coalesce(t.checks_failed, 0), "
            "(SELECT count(*) FROM cells c WHERE c.sha256 = t.sha256 AND c.table_id = t.table_id "
            "AND c.flags IS NOT NULL) "
            "FROM tables t JOIN documents d ON d.sha256 = t.sha256 "
            "WHERE t.review = 1 OR t.checks_failed > 0 OR EXISTS (SELECT 1 FROM cells c WHERE "
            "c.sha256 = t.sha256 AND c.table_id = t.table_id AND c.flags LIKE '%low_confidence%') "
            "ORDER BY coalesce(t.confidence, 1), t.checks_failed DESC, d.name, t.table_id LIMIT ?",
            (limit,),
        ).fetchall()


def _cell_rows(sha: str, t: Table) -> Iterator[tuple[object, ...]]:
    """Every body slot: its text as printed, its number (NULL for text and empty cells), unit and flags."""
    flags = {(c.row - t.header_rows, c.col): c.flags for c in t.cells if not c.header and c.flags}
    for r, row in enumerate(t.rows):
        values = t.values[r] if r < len(t.values) else []
        for c, text in enumerate(row):
            v = values[c] if c < len(values) else None
            number = float(v) if isinstance(v, (int, float)) else None
            unit = (t.units[c] if c < len(t.units) else "") if number is not None else ""
            mine = flags.get((r, c))
            yield (sha, t.id, r, c, t.columns[c] if c < len(t.columns) else None, text, number, unit or None,
                   json.dumps(mine) if mine else None)  # fmt: skip


def _people_json(people: list[Person]) -> str:
    return json.dumps([p.model_dump(exclude_none=True) for p in people], ensure_ascii=False)


def _where(where: object) -> tuple[object, ...]:
    if isinstance(where, TableWhere):
        return (where.table, where.row, where.col, None, None, None)
    page, span = getattr(where, "page", None), getattr(where, "span", (None, None))
    return (None, None, None, page, span[0], span[1])
