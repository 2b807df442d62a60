"""File names → text that can be shown and stored, and output stems that are safe.

Whatever an input is called, its results stay inside OUT under a name every file
system takes:

- a name that is not valid UTF-8 (a GBK name from a Windows share, as Linux
  sees it) is read as GB18030 when it decodes so, otherwise its bad bytes
  become `\\xNN`; it never reaches JSON, SQLite or a log as a lone surrogate;
- separators, control characters and characters Windows forbids become `_`;
  leading dots and dashes go (`...pdf`, `-rf.pdf`), so a stem is never `.`,
  `..` or an option;
- a stem is cut to `MAX_STEM_BYTES` bytes of UTF-8 at a character boundary, so
  `<stem>.json` and its temporary name fit the 255-byte limit of a file name;
- stems handed out together are distinct without regard to case.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

MAX_STEM_BYTES = 150  # + ".json", the temporary name's prefix and suffix: well under 255
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def readable(name: str | bytes | os.PathLike[str]) -> str:
    """A path or name as valid Unicode text (for results, the store and messages)."""
    raw = os.fsencode(name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="backslashreplace")


def output_stem(name: str | bytes | os.PathLike[str]) -> str:
    """The safe, byte-bounded output stem for an input file name (its directory is ignored)."""
    text = unicodedata.normalize("NFC", readable(name))
    stem = Path(text).name
    if "." in stem.lstrip("."):
        stem = stem[: stem.rfind(".")]  # the suffix, if the name has one beyond its leading dots
    stem = _UNSAFE.sub("_", stem).strip().lstrip(".-").strip()
    return _cut(stem, MAX_STEM_BYTES) or "document"


def unique_stems(names: Iterable[str | bytes | os.PathLike[str]], taken: Iterable[str] = ()) -> list[str]:
    """Output stems for inputs extracted together: `x`, `x-2`, `x-3` … when stems collide
    (ignoring case, as some file systems do), never one already `taken`."""
    used = {t.casefold() for t in taken}
    out = []
    for name in names:
        stem = output_stem(name)
        candidate, n = stem, 1
        while candidate.casefold() in used:
            n += 1
            suffix = f"-{n}"
            candidate = _cut(stem, MAX_STEM_BYTES - len(suffix)) + suffix
        used.add(candidate.casefold())
        out.append(candidate)
    return out


def _cut(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", errors="ignore").rstrip()


_HEX = "hex:"


def stored_path(path: str | os.PathLike[str]) -> str:
    """A path as text a database takes and `stored_to_path` turns back into the same bytes: itself
    when it is valid UTF-8, else `hex:` and its bytes."""
    raw = os.fsencode(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _HEX + raw.hex()


def stored_to_path(text: str) -> Path:
    if text.startswith(_HEX):
        try:
            return Path(os.fsdecode(bytes.fromhex(text[len(_HEX) :])))
        except ValueError:
            pass
    return Path(text)


NAME_MAX = 255  # bytes in one file name on Linux file systems


def fitted(name: str, tag: str = "", after: str = "") -> str:
    """`name` with `-tag` before its suffix and `after` appended, its stem cut so that the whole
    stays within NAME_MAX bytes (`x.pdf` → `x-1a2b3c4d.pdf`, `x.pdf.error.json`)."""
    stem, dot, suffix = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
    tail = (f"-{tag}" if tag else "") + dot + suffix + after
    return _cut(stem, NAME_MAX - len(tail.encode("utf-8", "surrogateescape"))) + tail
