"""The results store: every result as rows an analyst can query, the job table (the queue of
watch, batch and serve), and people's corrections.

`SqlStore` holds the SQL, written once; two dialects open it: `SqliteStore`, one file
(`OUT/results.sqlite`, WAL journal so readers never block the writer, the default), and
`PostgresStore` (`postgres.py`, `--store postgresql://…`) for archives many machines write to.
`open_store` picks one. The schema is versioned: `MIGRATIONS[i]` takes a store from version i to
i + 1, and opening a store applies what is missing (SQLite keeps the version in `PRAGMA
user_version`, PostgreSQL in a table).

A document is keyed by the sha256 of its bytes: saving it again replaces its rows in one
transaction, so a result is never stored twice and never half.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from extractor.errors import TemporaryFailure
from extractor.model.result import Correction, ExtractionResult, Person, Table, TableWhere

STORE_NAME = "results.sqlite"  # the store's file in an output folder
# what a store raises when it cannot be read or written (a full or read-only disk, a server gone):
# the PostgreSQL store turns its connection errors into TemporaryFailure
STORE_ERRORS: tuple[type[BaseException], ...] = (OSError, sqlite3.Error, TemporaryFailure)

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
        row INTEGER NOT NULL, col INTEGER NOT NULL, old_text TEXT NOT NULL, new_text TEXT NOT NULL,
        at TEXT NOT NULL, author TEXT
    );
    CREATE INDEX corrections_document ON corrections(sha256);
    ALTER TABLE jobs ADD COLUMN seconds REAL;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
TABLES = ("documents", "tables", "cells", "entities", "events", "people", "visits", "metrics", "jobs", "corrections")
JOB_COLUMNS = "sha256, name, source, state, attempts, error, stage"


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
    """What the watcher, the batch runner, the server and the exports need of a results database."""

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


class SqlStore:
    """The store's SQL, written once with `?` placeholders, over a DB-API connection (`db`). A
    dialect (`SqliteStore` below, `PostgresStore` in postgres.py) opens the connection and gives
    its transactions, its schema version, its placeholder and its column types."""

    db: Any
    where: str  # the store, for messages: its file or its server

    # --- what a dialect gives ------------------------------------------------------------------

    def _tx(self) -> AbstractContextManager[Any]:
        """One transaction, yielding the connection; the first statement takes the write lock."""
        raise NotImplementedError

    def version(self) -> int:
        raise NotImplementedError

    def _set_version(self, db: Any, version: int) -> None:
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        """A statement in the dialect's placeholders."""
        return sql

    def _ddl(self, statement: str) -> str:
        """A migration's statement in the dialect's types."""
        return statement

    # --- helpers -----------------------------------------------------------------------------

    def _q(self, sql: str, args: Sequence[object] = (), db: Any = None) -> Any:
        return (db or self.db).execute(self._sql(sql), tuple(args))

    def _many(self, db: Any, sql: str, rows: Sequence[Sequence[object]]) -> None:
        if rows:
            db.cursor().executemany(self._sql(sql), rows)

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # --- schema ------------------------------------------------------------------------

    def _lock_schema(self, db: Any) -> None:
        """Hold the schema while it is read and migrated (SQLite's BEGIN IMMEDIATE already does)."""

    def migrate(self) -> None:
        with self._tx() as db:
            self._lock_schema(db)
            current = self.version()
            if current > SCHEMA_VERSION:
                raise RuntimeError(f"{self.where}: schema version {current} is newer than this extractor's")
            for version in range(current, SCHEMA_VERSION):
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        db.execute(self._ddl(statement))
                self._set_version(db, version + 1)

    # --- results --------------------------------------------------------------------------

    def save_result(self, result: ExtractionResult, name: str, result_path: str | None) -> None:
        self.save_rows(ResultRows.of(result), name, result_path)

    def save_rows(self, rows: ResultRows, name: str, result_path: str | None) -> None:
        """A document's rows, replacing any it had, in one transaction (an upsert by sha256)."""
        with self._tx() as db:
            self._q("DELETE FROM documents WHERE sha256 = ?", (rows.sha256,), db)
            self._q(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (rows.sha256, name, *rows.document, result_path, time.time()),
                db,
            )
            self._many(db, "INSERT INTO tables VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows.tables)
            self._many(db, "INSERT INTO cells VALUES (?,?,?,?,?,?,?,?,?)", rows.cells)
            self._many(db, "INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows.entities)
            self._many(db, "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows.events)
            self._many(db, "INSERT INTO people VALUES (?,?,?,?,?,?)", rows.people)
            self._many(db, "INSERT INTO visits VALUES (?,?,?,?,?,?,?)", rows.visits)
            self._many(db, "INSERT INTO metrics VALUES (?,?,?,?,?,?,?,?,?)", rows.metrics)

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise ValueError(table)
        return int(self._q(f"SELECT count(*) FROM {table}").fetchone()[0])

    def result_path(self, sha256: str) -> str | None:
        row = self._q("SELECT result_path FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    # --- jobs ----------------------------------------------------------------------------------

    def enqueue(self, sha256: str, name: str, source: str) -> bool:
        """Queue the bytes `sha256` under `name`; False when they are known already (another name is
        remembered beside the first, so both get the result)."""
        now = time.time()
        with self._tx() as db:
            known = self._q("SELECT 1 FROM jobs WHERE sha256 = ?", (sha256,), db).fetchone()
            if not known:
                self._q(
                    "INSERT INTO jobs (sha256, name, source, state, created, updated) VALUES (?,?,?,'queued',?,?)",
                    (sha256, name, source, now, now),
                    db,
                )
            self._q("INSERT INTO job_names VALUES (?, ?) ON CONFLICT DO NOTHING", (sha256, source), db)
        return not known

    def claim(self, sha256: str) -> bool:
        with self._tx() as db:
            cur = self._q(
                "UPDATE jobs SET state = 'running', attempts = attempts + 1, updated = ? "
                "WHERE sha256 = ? AND state = 'queued'",
                (time.time(), sha256),
                db,
            )
            return bool(cur.rowcount == 1)

    def finish(
        self, sha256: str, state: str, error: str | None = None, stage: str | None = None, seconds: float | None = None
    ) -> None:
        with self._tx() as db:
            self._q(
                "UPDATE jobs SET state = ?, error = ?, stage = ?, updated = ?, seconds = ? WHERE sha256 = ?",
                (state, error, stage, time.time(), seconds, sha256),
                db,
            )

    def retry(self, sha256: str) -> None:
        with self._tx() as db:
            self._q("UPDATE jobs SET state = 'queued', updated = ? WHERE sha256 = ?", (time.time(), sha256), db)

    def forget(self, sha256: str) -> None:
        """Drop a job and any result of the bytes `sha256` (they were a file caught half-written)."""
        with self._tx() as db:
            self._q("DELETE FROM documents WHERE sha256 = ?", (sha256,), db)
            self._q("DELETE FROM jobs WHERE sha256 = ?", (sha256,), db)

    def requeue_running(self) -> int:
        """After a crash or kill: jobs left running go back to the queue."""
        with self._tx() as db:
            return int(self._q("UPDATE jobs SET state = 'queued' WHERE state = 'running'", (), db).rowcount)

    def job(self, sha256: str) -> Job | None:
        row = self._q(f"SELECT {JOB_COLUMNS} FROM jobs WHERE sha256 = ?", (sha256,)).fetchone()
        return Job(*row) if row else None

    def jobs(self, state: str | None = None) -> list[Job]:
        if state:
            rows = self._q(f"SELECT {JOB_COLUMNS} FROM jobs WHERE state = ? ORDER BY created, sha256", (state,))
        else:
            rows = self._q(f"SELECT {JOB_COLUMNS} FROM jobs ORDER BY created, sha256")
        return [Job(*r) for r in rows.fetchall()]

    def sources(self, sha256: str) -> list[str]:
        return [r[0] for r in self._q("SELECT source FROM job_names WHERE sha256 = ?", (sha256,)).fetchall()]

    def job_page(self, state: str | None, limit: int, offset: int) -> list[Job]:
        """Jobs newest first, `limit` from `offset`, of one state or all."""
        where, args = (" WHERE state = ?", [state]) if state else ("", [])
        sql = f"SELECT {JOB_COLUMNS} FROM jobs{where} ORDER BY created DESC, sha256 LIMIT ? OFFSET ?"
        return [Job(*r) for r in self._q(sql, (*args, limit, offset)).fetchall()]

    def job_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(("queued", "running", "done", "failed"), 0)
        counts.update({k: int(v) for k, v in self._q("SELECT state, count(*) FROM jobs GROUP BY state").fetchall()})
        return counts

    def work_done(self) -> tuple[int, float]:
        """Pages of the documents done, and the seconds their extraction took."""
        pages, seconds = self._q(
            "SELECT coalesce(sum(d.pages), 0), coalesce(sum(j.seconds), 0) FROM jobs j "
            "LEFT JOIN documents d ON d.sha256 = j.sha256 WHERE j.state = 'done'"
        ).fetchone()
        return int(pages), float(seconds)

    # --- corrections -----------------------------------------------------------------------

    def add_correction(self, sha256: str, c: Correction) -> None:
        with self._tx() as db:
            self._q(
                "INSERT INTO corrections (sha256, table_id, row, col, old_text, new_text, at, author) "
                "VALUES (?,?,?,?,?,?,?,?)",
                (sha256, c.table, c.row, c.col, c.old, c.new, c.at, c.by),
                db,
            )

    def corrections(self, sha256: str) -> list[Correction]:
        rows = self._q(
            "SELECT table_id, row, col, old_text, new_text, at, author FROM corrections WHERE sha256 = ? ORDER BY n",
            (sha256,),
        ).fetchall()
        return [Correction(table=t, row=r, col=c, old=o, new=n, at=a, by=b) for t, r, c, o, n, a, b in rows]

    def review_tables(self, limit: int) -> list[tuple[str, str, str, str | None, float, int, int, int]]:
        """Tables a person should look at, worst first: marked for review, or with a check that
        fails, or a cell read unsure: (sha256, document name, table id, title, confidence, review,
        checks failed, cells flagged)."""
        unsure = "%low_confidence%"
        rows = self._q(
            "SELECT t.sha256, d.name, t.table_id, t.title, coalesce(t.confidence, 1), coalesce(t.review, 0), "
            "coalesce(t.checks_failed, 0), "
            "(SELECT count(*) FROM cells c WHERE c.sha256 = t.sha256 AND c.table_id = t.table_id "
            "AND c.flags IS NOT NULL) "
            "FROM tables t JOIN documents d ON d.sha256 = t.sha256 "
            "WHERE t.review = 1 OR t.checks_failed > 0 OR EXISTS (SELECT 1 FROM cells c WHERE "
            "c.sha256 = t.sha256 AND c.table_id = t.table_id AND c.flags LIKE ?) "
            "ORDER BY coalesce(t.confidence, 1), t.checks_failed DESC, d.name, t.table_id LIMIT ?",
            (unsure, limit),
        ).fetchall()
        return [tuple(r) for r in rows]


def open_store(out_dir: Path, spec: str = "") -> SqlStore:
    """The results store: `spec` (`--store`, `EXTRACTOR_STORE`) a `postgresql://` URL, a SQLite
    file's path, or empty for `OUT/results.sqlite`."""
    from extractor.service.postgres import PostgresStore, is_postgres  # noqa: PLC0415 - psycopg only when asked

    if is_postgres(spec):
        return PostgresStore(spec)
    return SqliteStore(Path(spec) if spec else out_dir / STORE_NAME)


class SqliteStore(SqlStore):
    """One SQLite file (`OUT/results.sqlite`), WAL journal: readers never block the writer; the
    schema version is `PRAGMA user_version`."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.where = str(path)
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.migrate()

    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _set_version(self, db: Any, version: int) -> None:
        db.execute(f"PRAGMA user_version={int(version)}")

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")


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
