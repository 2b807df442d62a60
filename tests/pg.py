"""A real PostgreSQL server for the tests: `initdb` and `pg_ctl` from Debian's `postgresql` (which
`.ci/run` installs) in a temporary folder, listening on a Unix socket there only. As root, the
server runs as the `postgres` user the package creates (PostgreSQL refuses to run as root).
Where it cannot be started, the tests that need it skip and say why."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return found[-1] if found else shutil.which(name)


def _as_owner(cmd: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *cmd] if owner else cmd


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """Start a server; yield its URL (database `postgres`, user `extractor`, no password)."""
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL is not installed (Debian's postgresql: .ci/run installs it)")
    owner = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no `postgres` user to run the server as")
        owner = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="extractor-pg-"))
    data, log = folder / "data", folder / "server.log"
    if owner:
        shutil.chown(folder, user=owner)
    try:
        subprocess.run(
            _as_owner([initdb, "-D", str(data), "-A", "trust", "-U", "extractor", "--no-sync", "-E", "UTF8"], owner),
            check=True,
            capture_output=True,
        )
        options = f"-k {folder} -c listen_addresses='' -c fsync=off -c full_page_writes=off -c max_connections=100"
        subprocess.run(
            _as_owner([pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start"], owner),
            check=True,
            capture_output=True,
        )
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"PostgreSQL did not start: {(exc.stderr or b'').decode(errors='replace').strip()[:300]}")
    try:
        yield f"postgresql://extractor@/postgres?host={folder}"
    finally:
        subprocess.run(
            _as_owner([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], owner), capture_output=True
        )
        shutil.rmtree(folder, ignore_errors=True)


def fresh_database(server: str, name: str) -> str:
    """A new, empty database on the server; its URL."""
    import psycopg  # noqa: PLC0415

    with psycopg.connect(server, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        db.execute(f'CREATE DATABASE "{name}"')
    return server.replace("/postgres?", f"/{name}?")
