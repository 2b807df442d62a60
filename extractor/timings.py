"""Where a document's seconds go: wall time per pipeline stage, each second counted once.

A stage entered inside another pauses it, so the stages add up to the whole (`total`).
The OCR engine reports its own detection and recognition seconds with each page
(`"seconds"` in its raw output, measured where it runs, in the OCR child when there is one);
`engine_seconds` moves them out of the stage that called the engine into stages of their own.

    with timings.collecting() as clock:
        with timings.stage("read"):
            ...
    clock.table()  # {"read": 0.41, ..., "total": 0.97}

Outside `collecting()` the calls cost a context-variable lookup and record nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

STAGES = (
    "open",
    "read",
    "ocr load",
    "render",
    "ocr prepare",
    "ocr detect",
    "ocr recognise",
    "layout",
    "tables",
    "narrative",
    "entities",
    "facts",
    "checks",
    "repair",
    "write",
)


class Clock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._running: list[tuple[str, float]] = []  # stages entered, innermost last, with when each (re)started
        self._began = time.perf_counter()

    def enter(self, name: str) -> None:
        now = time.perf_counter()
        if self._running:
            outer, since = self._running[-1]
            self._add(outer, now - since)
        self._running.append((name, now))

    def leave(self) -> None:
        now = time.perf_counter()
        name, since = self._running.pop()
        self._add(name, now - since)
        if self._running:
            self._running[-1] = (self._running[-1][0], now)

    def move(self, seconds: Mapping[str, float]) -> None:
        """Seconds spent inside the running stage that belong to other stages."""
        total = sum(seconds.values())
        for name, s in seconds.items():
            self._add(name, s)
        if self._running:
            self._add(self._running[-1][0], -total)

    def _add(self, name: str, s: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + s

    def table(self) -> dict[str, float]:
        """Seconds per stage so far in pipeline order (stages that did not run left out), and the total."""
        now = time.perf_counter()
        seconds = dict(self.seconds)
        if self._running:  # the innermost running stage's time since it last started
            name, since = self._running[-1]
            seconds[name] = seconds.get(name, 0.0) + now - since
        known = [s for s in STAGES if s in seconds] + sorted(set(seconds) - set(STAGES))
        out = {name: round(max(0.0, seconds[name]), 4) for name in known}
        out["total"] = round(now - self._began, 4)
        return out


_clock: ContextVar[Clock | None] = ContextVar("timings_clock", default=None)


@contextmanager
def collecting() -> Iterator[Clock]:
    """A clock for the block; inside a block that already has one, that clock."""
    clock = _clock.get()
    if clock is not None:
        yield clock
        return
    clock = Clock()
    token = _clock.set(clock)
    try:
        yield clock
    finally:
        _clock.reset(token)


def so_far() -> dict[str, float] | None:
    """The running clock's table, or None when nothing is being timed."""
    clock = _clock.get()
    return None if clock is None else clock.table()


@contextmanager
def stage(name: str) -> Iterator[None]:
    clock = _clock.get()
    if clock is None:
        yield
        return
    clock.enter(name)
    try:
        yield
    finally:
        clock.leave()


def engine_seconds(raw: Mapping[str, object]) -> None:
    """Move the detection and recognition seconds an OCR engine reported into their own stages."""
    clock = _clock.get()
    seconds = raw.get("seconds")
    if clock is None or not isinstance(seconds, Mapping):
        return
    clock.move({f"ocr {k}": float(v) for k, v in seconds.items() if isinstance(v, int | float)})


def render(table: Mapping[str, float]) -> str:
    """The stage table as aligned text lines, with each stage's share of the total."""
    total = table.get("total") or sum(v for k, v in table.items() if k != "total") or 1.0
    width = max((len(k) for k in table), default=5)
    lines = [f"{'stage':<{width}}  seconds  share"]
    for name, s in table.items():
        share = "" if name == "total" else f"{100 * s / total:5.1f} %"
        lines.append(f"{name:<{width}}  {s:7.3f}  {share}")
    return "\n".join(lines)
