"""The gazetteer with its indexes and its scanner, kept between runs.

Building them from `models/gazetteer` (12,600 division rows parsed, every name normalised, every
prefix of every name collected) costs about as much as importing the whole package. The built
objects are pickled once into the cache folder (`EXTRACTOR_CACHE`, else `$XDG_CACHE_HOME/extractor`,
else `~/.cache/extractor`) under a key made of the gazetteer's files, the code that builds them
and the Python version, so any change to either makes a new entry. Later processes load that.

A cache that cannot be written (a read-only home) or read (a torn or foreign file) is passed by:
the gazetteer is built from its files as before. Only this process's own user writes the entry
(mode 0600); it holds nothing a user could not already run.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

SOURCES = ("divisions.tsv", "departments.csv")
# the modules whose classes are pickled or which build them: a change to any is a new key
CODE = ("data.py", "normalize.py", "scan.py", "compiled.py")


def cache_folder() -> Path:
    if os.environ.get("EXTRACTOR_CACHE"):
        return Path(os.environ["EXTRACTOR_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "extractor"


def key(folder: Path) -> str:
    """Raises FileNotFoundError when a gazetteer file is missing."""
    h = hashlib.sha256(sys.version.encode())
    here = Path(__file__).parent
    for path in [folder / name for name in SOURCES] + [here / name for name in CODE]:
        h.update(path.read_bytes())
    return h.hexdigest()[:24]


def load(folder: Path, build: Callable[[Path], T]) -> T:
    """`build(folder)`, or what it built before for the same files and code."""
    entry = cache_folder() / f"gazetteer-{key(folder)}.pickle"
    try:
        with entry.open("rb") as f:
            return pickle.load(f)  # our own entry, written below by this user
    except FileNotFoundError:
        pass
    except Exception as exc:  # boundary: a torn or foreign entry is rebuilt
        log.warning("gazetteer cache %s unreadable (%s: %s); building it again", entry, type(exc).__name__, exc)
    built = build(folder)
    _write(entry, built)
    return built


def _write(entry: Path, built: object) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".gazetteer-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(built, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError) as exc:  # a read-only home: build every time
        log.debug("gazetteer cache not written to %s: %s", entry, exc)
