"""How a process of ours runs Python's garbage collector.

A command or a pool worker loads what lives as long as it does (the modules, the gazetteer's
divisions, names and scanner: most of its objects) and then reads documents that make and drop
many small objects. `settle()`, called once that is loaded, freezes those objects out of the
collector's sight (a full collection walked them all, about 60 ms each time) and lets the
youngest generation grow larger before it is collected. A library user's process is left as it is.
"""

from __future__ import annotations

import gc

YOUNG = 10_000  # allocations between collections of the youngest generation (Python's default: 700)


def settle() -> None:
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG, middle, old)
