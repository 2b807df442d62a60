"""Tables side by side: a page band cut into panels before borderless tables are looked for.

Broker notes, yearbooks and 统计公报 set two or three tables beside each other in one band of
the page. Read across the band, their rows interleave (the left table's rows need not line up
with the right one's) and one table's labels become the other's columns. What marks them
apart is a gutter: a vertical strip that no word crosses, at which the rules drawn under
their rows stop and start again: several horizontal rules end at one x and several begin a
little further right, and none crosses between.

`split_panels` finds such gutters, widens each one's band up and down for as long as nothing
crosses it (a table's body under its header rule, its caption above), and gives the words and
rules of each panel apart; the rest of the page stays one group. Panels are split again, so
three tables side by side make three panels.

`split_columns` cuts a page into columns of text set independently of each other, ruled or not:
a sidebar beside the body (a broker note's 市场表现 table beside its paragraphs), two columns of
a journal page. A strip of white runs down the whole page between them, and their lines do not
keep step: a table's columns share their rows, so most lines of its sparser side sit level with
a line of the other; independent columns' lines meet only by chance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extractor.ingest.words import group_lines
from extractor.model.page import Ruling, Word
from extractor.textutil import is_number

EDGE_TOL = 1.5  # pt: rules ending (starting) this close end (start) at one x
MIN_GUTTER = 2.0  # pt
MAX_GUTTER = 40.0  # pt: a wider gap is a margin between unrelated blocks, found by the builder anyway
MIN_RULES = 2  # rules that must end at the gutter's left edge, and as many begin at its right
MIN_RULE = 30.0  # pt: shorter horizontal rules (underlines, marks) say nothing of a table's edge
LABEL_EDGE = 20.0  # pt: row labels start this close to a panel's left edge
MIN_LABELS = 3


@dataclass(frozen=True, slots=True)
class Gutter:
    x0: float  # where the left panel's rules end
    x1: float  # where the right panel's rules begin
    top: float
    bottom: float


MIN_COLUMN_GAP = 4.0  # pt: white between two columns of text (a broker note: 6)
MIN_COLUMN_LINES = 5  # lines each column holds
LEVEL = 0.25  # × line height: two lines whose middles are this close sit level
IN_STEP = 0.6  # share of the sparser side's lines level with the other's at or above which they are one table

Group = tuple[list[Word], list[Ruling]]


def split_columns(words: Sequence[Word], h_rules: Sequence[Ruling]) -> list[Group]:
    """The words and horizontal rules of each column of independently set text, left to right: cut
    at the white strip whose two sides keep step least."""
    best: tuple[float, float] | None = None
    least = IN_STEP
    for x0, x1 in _white_strips(words):
        share = _in_step([w for w in words if w.x1 <= x0], [w for w in words if w.x0 >= x1])
        if share < least:
            best, least = (x0, x1), share
    if best is None:
        return [(list(words), list(h_rules))]
    x0, x1 = best
    mid = (x0 + x1) / 2
    return [
        *split_columns([w for w in words if w.x1 <= x0], [r for r in h_rules if r.end <= mid + EDGE_TOL]),
        *split_columns([w for w in words if w.x0 >= x1], [r for r in h_rules if r.start >= mid - EDGE_TOL]),
    ]


def _white_strips(words: Sequence[Word]) -> list[tuple[float, float]]:
    """Vertical strips at least `MIN_COLUMN_GAP` wide that no word crosses, between words."""
    spans = sorted((w.x0, w.x1) for w in words)
    out: list[tuple[float, float]] = []
    if not spans:
        return out
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= MIN_COLUMN_GAP:
            out.append((reach, x0))
        reach = max(reach, x1)
    return out


def _lines(words: Sequence[Word]) -> list[tuple[float, float]]:
    """(middle, height) of each line of words."""
    out = []
    for line in group_lines(words):
        top, bottom = min(w.top for w in line), max(w.bottom for w in line)
        out.append(((top + bottom) / 2, bottom - top))
    return out


def _in_step(left: Sequence[Word], right: Sequence[Word]) -> float:
    """The share of the sparser side's lines level with a line of the other (1.0 when a side holds
    too few lines to be a column)."""
    a, b = _lines(left), _lines(right)
    if min(len(a), len(b)) < MIN_COLUMN_LINES:
        return 1.0
    sparse, dense = (a, b) if len(a) <= len(b) else (b, a)
    level = sum(1 for m, h in sparse if any(abs(m - n) <= LEVEL * max(h, k) for n, k in dense))
    return level / len(sparse)


def split_panels(words: Sequence[Word], h_rules: Sequence[Ruling]) -> list[Group]:
    """The words and horizontal rules of each panel, and of the rest of the page, as groups."""
    gutter = _gutter(words, h_rules)
    if gutter is None:
        return [(list(words), list(h_rules))]
    inside = [w for w in words if gutter.top <= w.cy <= gutter.bottom]
    rest = [w for w in words if not gutter.top <= w.cy <= gutter.bottom]
    rules_in = [r for r in h_rules if gutter.top <= r.pos <= gutter.bottom]
    rules_out = [r for r in h_rules if not gutter.top <= r.pos <= gutter.bottom]
    mid = (gutter.x0 + gutter.x1) / 2
    groups: list[Group] = []
    if rest:
        groups.append((rest, rules_out))
    left = ([w for w in inside if w.cx < mid], [r for r in rules_in if r.end <= mid])
    right = ([w for w in inside if w.cx >= mid], [r for r in rules_in if r.start >= mid])
    for words_, rules_ in (left, right):
        groups += split_panels(words_, rules_)
    return groups


def _gutter(words: Sequence[Word], h_rules: Sequence[Ruling]) -> Gutter | None:
    rules = [r for r in h_rules if r.length >= MIN_RULE]
    for end in sorted({round(r.end, 1) for r in rules}):
        ending = [r for r in rules if abs(r.end - end) <= EDGE_TOL]
        if len(ending) < MIN_RULES:
            continue
        starts = sorted(
            {round(r.start, 1) for r in rules if MIN_GUTTER <= r.start - end <= MAX_GUTTER},
        )
        for start in starts:
            starting = [r for r in rules if abs(r.start - start) <= EDGE_TOL]
            if len(starting) < MIN_RULES:
                continue
            gutter = _band(end, start, ending + starting, words, rules)
            if gutter is not None:
                return gutter
    return None


def _band(
    x0: float, x1: float, edges: Sequence[Ruling], words: Sequence[Word], rules: Sequence[Ruling]
) -> Gutter | None:
    """The gutter's band: from its rules, up and down to the nearest word or rule across it."""
    lo, hi = x0 + 0.5, x1 - 0.5
    top, bottom = min(r.pos for r in edges), max(r.pos for r in edges)
    across = [(w.top, w.bottom) for w in words if w.x0 < hi and w.x1 > lo]
    across += [(r.pos, r.pos) for r in rules if r.start < hi and r.end > lo]
    if any(a <= bottom and b >= top for a, b in across):
        return None  # something crosses between the rules themselves: not a gutter
    above = max((b for a, b in across if b < top), default=float("-inf"))
    below = min((a for a, b in across if a > bottom), default=float("inf"))
    band_words = [w for w in words if above < w.cy < below]
    if not (_labelled([w for w in band_words if w.x1 <= lo]) and _labelled([w for w in band_words if w.x0 >= hi])):
        return None
    return Gutter(x0, x1, above + 0.01, below - 0.01)


def _labelled(words: Sequence[Word]) -> bool:
    """A table of its own: a column of row labels (text, not figures) down its left edge. The
    columns right of a gap between two groups of headings hold figures there."""
    if not words:
        return False
    left = min(w.x0 for w in words)
    edge = [w for w in words if w.x0 - left <= LABEL_EDGE and not is_number(w.text)]
    return len(edge) >= MIN_LABELS
