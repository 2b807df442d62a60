"""The gazetteer kept between runs (gazetteer/compiled.py): built once, loaded after, rebuilt when
its files or code change or the entry is torn, and never in the way when the cache cannot be used."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from extractor.gazetteer import compiled, data
from extractor.gazetteer.entities import scanner_for
from extractor.gazetteer.scan import Scanner

FOLDER = data.MODELS / "gazetteer"


def _never(folder: Path) -> data.Gazetteer:
    raise AssertionError(f"built again from {folder}")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("EXTRACTOR_CACHE", str(folder))
    return folder


def test_built_once_then_loaded_whole(cache: Path):
    built = compiled.load(FOLDER, data.build)
    entries = list(cache.glob("gazetteer-*.pickle"))
    assert len(entries) == 1 and entries[0].stat().st_mode & 0o077 == 0
    loaded = compiled.load(FOLDER, _never)
    assert loaded is not built
    assert loaded.divisions == built.divisions and loaded.department_list == built.department_list
    assert loaded.names.keys() == built.names.keys() and loaded.by_code == built.by_code
    assert isinstance(loaded.scanner, Scanner) and loaded.scanner.g is loaded
    assert loaded.scanner.prefixes == built.scanner.prefixes
    assert scanner_for(loaded) is loaded.scanner
    spans = loaded.scanner.spans("汶川县映秀、漩口、水磨镇和州医保局", "510000")
    assert spans == built.scanner.spans("汶川县映秀、漩口、水磨镇和州医保局", "510000") and spans


def test_changed_files_make_a_new_entry(cache: Path, tmp_path: Path):
    compiled.load(FOLDER, data.build)
    copy = tmp_path / "gazetteer"
    shutil.copytree(FOLDER, copy)
    with (copy / "departments.csv").open("a", encoding="utf-8") as f:
        f.write("测试专用局,,government,current,,测试局\n")
    g = compiled.load(copy, data.build)
    assert len(list(cache.glob("gazetteer-*.pickle"))) == 2
    assert "测试专用局" in g.departments
    assert "测试专用局" not in compiled.load(FOLDER, _never).departments


def test_a_torn_entry_is_built_again_and_replaced(cache: Path, caplog: pytest.LogCaptureFixture):
    compiled.load(FOLDER, data.build)
    (entry,) = cache.glob("gazetteer-*.pickle")
    entry.write_bytes(entry.read_bytes()[:1000])
    with caplog.at_level(logging.WARNING):
        g = compiled.load(FOLDER, data.build)
    assert "unreadable" in caplog.text and g.by_code
    assert compiled.load(FOLDER, _never).by_code.keys() == g.by_code.keys()


def test_a_cache_that_cannot_be_written_is_passed_by(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("EXTRACTOR_CACHE", str(blocker / "cache"))
    assert compiled.load(FOLDER, data.build).by_code
    assert compiled.load(FOLDER, data.build).by_code  # built each time, no error


def test_a_missing_gazetteer_file_is_still_named(tmp_path: Path, cache: Path):
    (tmp_path / "gazetteer").mkdir()
    with pytest.raises(FileNotFoundError):
        compiled.load(tmp_path / "gazetteer", data.build)
    assert not cache.exists()
