"""Structured description of a synthetic statistical / budget / annual document.

One description gives both the .docx (hence the PDF) and the label, so the
label cannot drift from what is printed.

Narrative figures are written inline as ``{3825.6亿元|地区生产总值}`` (printed
``3825.6亿元``; the metric's name after the bar, an optional subject after a
second bar).  ``Para.subject`` is the default subject of its figures.

Tables
------
A header is a list of ``HCell(row, col, rowspan, colspan, text)`` on the
header grid (``tree_header`` lays out a header tree as in synth/model.py).  A
header cell may lie in the first body row (``fuse=1``): the 科目编码 ``类/款/项``
cells printed in the same row as the 合计 row; those body slots are labelled
``""``.  ``rows`` are the label rows (what a reader sees: one per printed line
of values).  ``stack`` groups label rows into one ruled row (stacked values:
each cell of the ruled row holds one line per label row; the columns in
``stack_once`` print their text once, centred over the lines).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

Node = Union[str, tuple]


@dataclass
class HCell:
    row: int
    col: int
    rs: int
    cs: int
    text: str


def _depth(node: Node) -> int:
    return 1 if isinstance(node, str) else 1 + max(_depth(c) for c in node[1])


def _width(node: Node) -> int:
    return 1 if isinstance(node, str) else sum(_width(c) for c in node[1])


def tree_header(tree: list[Node]) -> list[HCell]:
    """Header tree -> cells; a leaf reaches down to the last header row."""
    depth = max(_depth(n) for n in tree)
    out: list[HCell] = []

    def place(nodes, row, col):
        for node in nodes:
            if isinstance(node, str):
                out.append(HCell(row, col, depth - row, 1, node))
                col += 1
            else:
                out.append(HCell(row, col, 1, _width(node), node[0]))
                place(node[1], row + 1, col)
                col += _width(node)

    place(tree, 0, 0)
    return out


MARKERS = ("其中：", "其中:", "#", "＃", "内：")


def strip_marker(text: str) -> str:
    for m in MARKERS:
        if text.startswith(m):
            return text[len(m):]
    return text


def paths_from_levels(stubs: list[str], levels: list[int], prefixes: list[str] | None = None) -> list[str]:
    """Row paths from indent levels (a row is the child of the nearest row above
    with a smaller level); markers dropped; an optional group prefix per row."""
    out, stack = [], []            # stack of (level, text)
    last_prefix = None
    for i, (s, lv) in enumerate(zip(stubs, levels)):
        pre = prefixes[i] if prefixes else None
        if pre != last_prefix:
            stack, last_prefix = [], pre
        while stack and stack[-1][0] >= lv:
            stack.pop()
        stack.append((lv, strip_marker(s)))
        parts = ([pre] if pre else []) + [t for _, t in stack]
        out.append("/".join(parts))
    return out


@dataclass
class Table:
    title: str
    header: list[HCell]
    rows: list[list[str]]
    widths: list[float]
    stub: int = 0                          # column that names the row
    levels: list[int] | None = None        # indent level of the stub, per label row
    paths: list[str] | None = None         # row_paths for the label (None: flat table)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)   # body, label coords
    fuse: int = 0                          # header rows that overlap body row 0
    stack: list[tuple[int, int]] | None = None   # (first, last) label rows per ruled row
    stack_once: tuple[int, ...] = ()
    borders: str = "grid"                  # grid | three_line | columns
    align: str = ""                        # per column l/c/r ("" = stub l, rest c)
    font: str = "Noto Sans CJK SC"
    size: float = 9
    header_font: str | None = None
    header_size: float | None = None
    header_bold: bool = True
    row_height: float = 0.0                # cm, at least (0 = natural)
    header_height: float = 0.0
    repeat_header: bool = False
    cant_split: bool = True
    thick: int = 12                        # eighths of a point, outer rules of three_line/columns
    unit: str = ""
    unit_left: str = ""                    # text at the left of the unit line (部门：…)
    note: str = ""
    title_font: str | None = None
    title_size: float = 12
    title_bold: bool = True
    title_align: str = "c"
    landscape: bool | None = None          # None = stay in the current section
    new_page: bool = False
    space_before: float = 6
    indent_chars: float = 1.0              # stub indent per level, in characters
    valign_top: bool = False
    width_frac: float = 1.0                # table width as a fraction of the text width

    @property
    def ncol(self) -> int:
        return max(c.col + c.cs for c in self.header)

    @property
    def head_rows(self) -> int:
        return max(c.row + c.rs for c in self.header)

    @property
    def columns(self) -> list[str]:
        out = []
        for col in range(self.ncol):
            cells = sorted((c for c in self.header if c.col <= col < c.col + c.cs), key=lambda c: c.row)
            out.append("/".join(c.text for c in cells))
        return out

    def fused_slots(self) -> set[int]:
        """Columns of body row 0 taken by header cells."""
        first = self.head_rows - self.fuse
        return {col for c in self.header if c.row + c.rs > first for col in range(c.col, c.col + c.cs)} \
            if self.fuse else set()

    def check(self) -> None:
        n = self.ncol
        grid = {}
        for c in self.header:
            for r in range(c.row, c.row + c.rs):
                for k in range(c.col, c.col + c.cs):
                    assert (r, k) not in grid, (self.title, r, k)
                    grid[r, k] = c
        for r in range(self.head_rows - self.fuse):
            for k in range(n):
                assert (r, k) in grid, (self.title, "header hole", r, k)
        for r in self.rows:
            assert len(r) == n, (self.title, len(r), n, r)
        for k in self.fused_slots():
            assert self.rows[0][k] == "", (self.title, k)
        if self.paths is not None:
            assert len(self.paths) == len(self.rows), self.title
        if self.levels is not None:
            assert len(self.levels) == len(self.rows), self.title
        for r0, c0, r1, c1 in self.merges:
            texts = {self.rows[r][c] for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
            assert len(texts) == 1, (self.title, (r0, c0, r1, c1), texts)
        if self.stack:
            assert [a for a, _ in self.stack] == [0] + [b + 1 for _, b in self.stack[:-1]]
            assert self.stack[-1][1] == len(self.rows) - 1
            for a, b in self.stack:
                for k in self.stack_once:
                    assert len({self.rows[r][k] for r in range(a, b + 1)}) == 1


@dataclass
class Para:
    text: str                  # with {figure|name[|subject]} markers
    style: str = "body"        # body | heading | subheading | title | subtitle | plain | right | note
    subject: str = ""
    font: str | None = None
    size: float | None = None
    bold: bool | None = None
    align: str | None = None   # l c r j
    before: float = 0
    after: float = 0


@dataclass
class Break:
    """Start a new section on a new page (optionally changing orientation)."""
    landscape: bool | None = None


FIG = re.compile(r"\{([^{}|]+)\|([^{}|]+)(?:\|([^{}|]*))?\}")
NUM = re.compile(r"^([0-9][0-9,]*(?:\.[0-9]+)?)(.*)$")


def printed(text: str) -> str:
    return FIG.sub(lambda m: m.group(1), text)


def figures(p: Para) -> list[dict]:
    out = []
    for m in FIG.finditer(p.text):
        fig, name, subj = m.group(1), m.group(2), m.group(3)
        mm = NUM.match(fig)
        assert mm, fig
        num = mm.group(1).replace(",", "")
        value = float(num) if "." in num else int(num)
        out.append({"subject": p.subject if subj is None else subj, "name": name,
                    "value": value, "unit": mm.group(2)})
    return out


@dataclass
class Doc:
    name: str
    period: str
    period_kind: str
    blocks: list
    body_font: str = "Noto Serif CJK SC"
    body_size: float = 12
    title_font: str = "Noto Serif CJK SC"
    heading_font: str | None = None
    line_spacing: float = 1.25
    margins: tuple[float, float, float, float] = (2.8, 2.5, 2.6, 2.6)   # top bottom left right, cm
    lmargins: tuple[float, float, float, float] = (2.0, 2.0, 2.0, 2.0)  # landscape sections
    landscape: bool = False            # first section
    footer: str = "dash"               # "" | dash | di
    footer_size: float = 10.5
    people: dict[str, str] = field(default_factory=dict)
    published: tuple[int, int, int] = (2024, 1, 1)
    allowed_digits: list[str] = field(default_factory=list)   # regexes of narrative digits that are no metric
