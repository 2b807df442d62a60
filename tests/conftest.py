"""Shared fixtures: the bundled samples, results extracted once per session, schema validation."""

from __future__ import annotations

import json
import os
import tempfile
from functools import cache
from pathlib import Path

import jsonschema
import pytest

from extractor import ExtractionResult, extract

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DIGITAL = sorted((SAMPLES / "digital").glob("*.pdf"))
SCHEMA_PATH = ROOT / "schema" / "bulletin-extract-1.schema.json"

# the compiled gazetteer (gazetteer/compiled.py) goes to a folder of this run, not the user's cache;
# the CLI processes the tests start inherit it
os.environ.setdefault("EXTRACTOR_CACHE", tempfile.mkdtemp(prefix="extractor-test-cache-"))


@cache
def extracted(path: Path) -> ExtractionResult:
    return extract(path)


def label_for(pdf: Path) -> dict:
    return json.loads(pdf.with_suffix(".label.json").read_text(encoding="utf-8"))


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def validate_result(data: dict) -> None:
    """Every result a test writes must validate against the committed JSON Schema."""
    _validator().validate(data)


@pytest.fixture
def tmp_out(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    return out


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for the session (tests/pg.py); skips where none can be started."""
    from tests.pg import postgres_server as start  # noqa: PLC0415

    with start() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server, request) -> str:
    """An empty database of its own for one test."""
    from tests.pg import fresh_database  # noqa: PLC0415

    name = "t_" + "".join(ch if ch.isalnum() else "_" for ch in request.node.name.lower())[:50]
    return fresh_database(postgres_server, name)
