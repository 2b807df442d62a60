"""The structured description of a synthetic bulletin: the one source of truth.

Both the .docx (hence the PDF) and the label JSON are produced from these
objects, so a label can never drift from what was printed.

Header trees
------------
A table header is a list of nodes; a node is a leaf ``"项目数量"`` or a group
``("已附码项目", [child, …])``.  ``header_cells()`` lays the tree out as merged
cells (a leaf reaches down to the last header row, so ``序号`` above a
three-level group spans three rows) and ``header_columns()`` gives the
flattened column names (``已附码项目/合计/项目数量``), each header cell once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

Node = Union[str, tuple]          # "leaf" or ("label", [children])


def _depth(node: Node) -> int:
    return 1 if isinstance(node, str) else 1 + max(_depth(c) for c in node[1])


def _width(node: Node) -> int:
    return 1 if isinstance(node, str) else sum(_width(c) for c in node[1])


def header_depth(tree: list[Node]) -> int:
    return max(_depth(n) for n in tree)


def header_cells(tree: list[Node]) -> list[tuple[int, int, int, int, str]]:
    """(row, col, rowspan, colspan, text) for every header cell."""
    depth = header_depth(tree)
    out: list[tuple[int, int, int, int, str]] = []

    def place(nodes: list[Node], row: int, col: int) -> None:
        for node in nodes:
            if isinstance(node, str):
                out.append((row, col, depth - row, 1, node))
                col += 1
            else:
                label, children = node
                out.append((row, col, 1, _width(node), label))
                place(children, row + 1, col)
                col += _width(node)

    place(tree, 0, 0)
    return out


def header_columns(tree: list[Node]) -> list[str]:
    """Flattened header path of every column, levels joined by '/'."""
    cols: list[str] = []

    def walk(nodes: list[Node], prefix: list[str]) -> None:
        for node in nodes:
            if isinstance(node, str):
                cols.append("/".join(prefix + [node]))
            else:
                walk(node[1], prefix + [node[0]])

    walk(tree, [])
    return cols


@dataclass
class Table:
    title: str                      # line printed above the table ("" = none)
    header: list[Node]
    rows: list[list[str]]           # label rows: a merged cell's text in every slot
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    # body merges (r0, c0, r1, c1), inclusive, body coordinates
    unit: str = ""                  # e.g. "单位：件", printed right-aligned under the title
    note: str = ""                  # paragraph printed under the table
    widths: list[float] | None = None   # relative column widths
    font: str = "Noto Sans CJK SC"
    size: float = 8
    borders: str = "grid"           # grid | none | three_line
    repeat_header: bool = False     # Word "repeat as header row at top of each page"
    cant_split: bool = False        # forbid a row to break across pages
    blank_glyph: str = ""           # printed in empty body cells ("　" like the references)
    header_bold: bool = True
    landscape: bool = True
    new_page: bool = True           # start on a new page (new section)
    space_before: float = 0         # pt of space before the title (used to move a page break)
    score_header: list[bool] | None = None

    @property
    def columns(self) -> list[str]:
        return header_columns(self.header)

    def group_merges(self, col: int) -> None:
        """Merge runs of equal text in body column ``col`` (row-group labels)."""
        start = 0
        for i in range(1, len(self.rows) + 1):
            if i == len(self.rows) or self.rows[i][col] != self.rows[start][col]:
                if i - start > 1:
                    self.merges.append((start, col, i - 1, col))
                start = i

    def check(self) -> None:
        n = len(self.columns)
        for r in self.rows:
            assert len(r) == n, (self.title, len(r), n, r)
        for r0, c0, r1, c1 in self.merges:
            texts = {self.rows[r][c] for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
            assert len(texts) == 1, (self.title, (r0, c0, r1, c1), texts)


@dataclass
class Person:
    name: str
    title: str                      # the title the label expects (contained in the printed one)


@dataclass
class Event:
    kind: str                       # visit | inspection | meeting | study_trip | other
    date: tuple[int, int]           # (month, day)
    people: list[str]
    text: str                       # the paragraph as printed
    end: tuple[int, int] | None = None


@dataclass
class Para:
    text: str
    style: str = "body"             # body | heading | subheading | plain | attach | right
    events: list[Event] = field(default_factory=list)
    # dated events inside this one printed paragraph ("12月16日，…；12月18日，…。"):
    # labelled, never printed; each Event's text is its clause of the paragraph


@dataclass
class Bulletin:
    name: str                       # file stem
    title: str
    year: int
    month: int
    body_font: str
    title_font: str
    blocks: list                    # Para | Event | Table, in reading order
    people: dict[str, Person] = field(default_factory=dict)
    visits: dict[str, int] = field(default_factory=dict)
    entities: dict[str, str] = field(default_factory=dict)
    body_size: float = 12
    title_size: float = 18
    footer: str = ""                # "" | "dash" (- 3 -) | "di" (第3页)
    running_head: str = ""
    published: tuple[int, int, int] = (2020, 1, 1)

    def person(self, name: str, title: str) -> str:
        self.people[name] = Person(name, title)
        return name
