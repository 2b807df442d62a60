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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


Group = tuple[list[Word], list[Ruling]]


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
