"""Helpers shared by the document descriptions."""
from __future__ import annotations

from .model import HCell, Para, Table, paths_from_levels, tree_header

SANS, SERIF, KAI, MING = "Noto Sans CJK SC", "Noto Serif CJK SC", "AR PL UKai CN", "AR PL UMing CN"


def stub_table(title: str, tree, spec: list[tuple], *, hier: bool = True, **kw) -> Table:
    """spec: (level, stub, value, …) per body row.  Paths from the levels
    (``hier=False``: a flat table without row_paths)."""
    levels = [s[0] for s in spec]
    rows = [list(s[1:]) for s in spec]
    stubs = [r[0] for r in rows]
    header = tree if tree and isinstance(tree[0], HCell) else tree_header(tree)
    return Table(title, header, rows, levels=levels,
                 paths=paths_from_levels(stubs, levels) if hier else None, **kw)


def body(text: str, subject: str = "", **kw) -> Para:
    return Para(text, "body", subject, **kw)


def head(text: str, **kw) -> Para:
    return Para(text, "heading", **kw)


def f2(x: float) -> str:
    return f"{x:.2f}"


def money(x: float) -> str:
    """12,345.67 with thousands separators."""
    return f"{x:,.2f}"
