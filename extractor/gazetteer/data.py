"""The compiled gazetteer: divisions with their years, and standard department names.

Loaded once per process from `models/gazetteer/` (`divisions.tsv`, built by
`models/gazetteer/build.py`; `departments.csv`, curated). Indexes:
- `by_code`: every row a code had (names and parents over the years);
- `names`: normalised full name or short form → the rows that bear it;
- `departments`: normalised standard name or alias → its department.
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from extractor.errors import GazetteerMissing
from extractor.gazetteer.normalize import name_key, normalize

MODELS = Path(os.environ.get("EXTRACTOR_MODELS", Path(__file__).resolve().parents[2] / "models"))
NOW = 9999  # `end` of a division still in use


class Division(NamedTuple):
    """One row of the division codes: a name a code bore from `start` to `end` (a named tuple:
    12,000 of them are made at every start, three times faster than frozen dataclasses)."""

    code: str
    name: str
    level: int  # 1 province, 2 prefecture, 3 county, 4 township/street, 5 development zone
    parent: str
    start: int
    end: int  # NOW while in use
    successor: tuple[str, ...] = ()
    short: tuple[str, ...] = ()

    def in_use(self, year: int | None) -> bool:
        return year is None or self.start <= year <= self.end


@dataclass(frozen=True, slots=True)
class Department:
    standard: str  # county-level standard name, no place prefix: 卫生健康局
    prefecture: str  # the prefecture-level form when it differs (卫生健康委员会), else ""
    kind: str  # government, party, vertical, institution, mass, judicial, legislature
    era: str  # current, pre2019, both
    successor: str  # for pre2019 names: the standard name it became
    aliases: tuple[str, ...] = ()

    def name_at(self, level: int) -> str:
        return self.prefecture if level <= 2 and self.prefecture else self.standard


@dataclass(slots=True, eq=False)
class Gazetteer:
    divisions: list[Division]
    department_list: list[Department]
    by_code: dict[str, list[Division]] = field(default_factory=dict)
    names: dict[str, list[tuple[Division, bool]]] = field(default_factory=dict)  # (row, is short form)
    departments: dict[str, Department] = field(default_factory=dict)
    children: dict[str, set[str]] = field(default_factory=dict)
    scanner: Any = None  # its scan.Scanner, built with it (and kept with it: gazetteer/compiled.py)

    def __post_init__(self) -> None:
        by_code: dict[str, list[Division]] = defaultdict(list)
        names: dict[str, list[tuple[Division, bool]]] = defaultdict(list)
        children: dict[str, set[str]] = defaultdict(set)
        for d in self.divisions:
            by_code[d.code].append(d)
            full = name_key(d.name)
            names[full].append((d, False))
            for s in d.short:
                key = name_key(s)
                if key != full:
                    names[key].append((d, True))
            if d.parent:
                children[d.parent].add(d.code)
        for rows in by_code.values():
            rows.sort(key=lambda d: (d.start, d.end))
        self.by_code, self.names, self.children = dict(by_code), dict(names), dict(children)
        for dept in self.department_list:
            for key in (dept.standard, dept.prefecture, *dept.aliases):
                if key:
                    self.departments.setdefault(normalize(key), dept)

    def row(self, code: str, year: int | None = None) -> Division | None:
        """The row of `code` in use in `year` (the newest one when no year or none matches)."""
        rows = self.by_code.get(code)
        if not rows:
            return None
        if year is not None:
            for d in reversed(rows):
                if d.in_use(year):
                    return d
        return rows[-1]

    def name(self, code: str, year: int | None = None) -> str | None:
        d = self.row(code, year)
        return d.name if d else None

    def level(self, code: str) -> int:
        d = self.row(code)
        return d.level if d else 0

    def parent(self, code: str) -> str:
        d = self.row(code)
        return d.parent if d else ""

    def ancestors(self, code: str) -> list[str]:
        """`code` and the divisions above it, nearest first."""
        out = []
        while code and code not in out:
            out.append(code)
            code = self.parent(code)
        return out

    def within(self, code: str, area: str) -> bool:
        return area in self.ancestors(code)

    def current(self, code: str, year: int | None) -> str:
        """The code `code` stood for in `year`: a retired code is followed to its (single) successor."""
        seen = set()
        while code not in seen:
            seen.add(code)
            rows = self.by_code.get(code, [])
            if not rows or year is None or any(d.in_use(year) for d in rows):
                return code
            last = rows[-1]
            if year < last.start or len(last.successor) != 1:
                return code
            code = last.successor[0]
        return code


def load(models: Path | None = None) -> Gazetteer:
    """The gazetteer in `models/gazetteer` (cached per process)."""
    return _load(str(models or MODELS))


@cache
def _load(models: str) -> Gazetteer:
    from extractor.gazetteer import compiled  # noqa: PLC0415 - compiled.py imports this module's classes

    folder = Path(models) / "gazetteer"
    try:
        return compiled.load(folder, build)
    except FileNotFoundError as exc:
        raise GazetteerMissing(f"gazetteer not found: {exc.filename} (set EXTRACTOR_MODELS)") from exc


def build(folder: Path) -> Gazetteer:
    """The gazetteer from its files, with its indexes and its scanner (gazetteer/scan.py)."""
    from extractor.gazetteer.scan import Scanner  # noqa: PLC0415 - scan.py imports Gazetteer from here

    g = Gazetteer(_divisions(folder / "divisions.tsv"), _departments(folder / "departments.csv"))
    g.scanner = Scanner(g)
    return g


def _divisions(path: Path) -> list[Division]:
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\t")
        next(rows)
        for code, name, level, parent, start, end, successor, short in rows:
            out.append(
                Division(
                    code,
                    name,
                    int(level),
                    parent,
                    int(start),
                    int(end) if end else NOW,
                    tuple(successor.split(";")) if successor else (),
                    tuple(short.split(";")) if short else (),
                )
            )
    return out


def _departments(path: Path) -> list[Department]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [
            Department(
                standard=rec["standard"].strip(),
                prefecture=(rec.get("prefecture") or "").strip(),
                kind=(rec.get("kind") or "government").strip(),
                era=(rec.get("era") or "current").strip(),
                successor=(rec.get("successor") or "").strip(),
                aliases=tuple(a.strip() for a in (rec.get("aliases") or "").split(";") if a.strip()),
            )
            for rec in csv.DictReader(f)
            if rec.get("standard", "").strip()
        ]
