"""Rows of text outside ruled tables, and the blocks of them that make a table's body and header.

Words become *segments*: runs on one baseline with no gap wider than a character or so (a
figure stands apart sooner). Narrative lines are one segment; table rows are several.
Consecutive rows of several segments, with at least one number among them, form the body of a
table block; lines of text right above it (up to a rule, a caption or a unit line) are its
header band. `borderless` turns each block into a fragment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractor.ingest.words import group_lines
from extractor.model.page import Ruling, Word
from extractor.textutil import FLAGS, is_number, lone_mark

SEGMENT_GAP = 1.2  # × font size: a wider gap separates two cells
FIGURE_GAP = (
    0.6  # × font size: a figure this far from its neighbour is a cell of its own (`7.18   32.88`, `11  碱性磷酸酶`)
)
MIN_BODY_ROWS = 3
MIN_RULED_ROWS = 2  # rows of a body that rules close above and below
MAX_HEADER_LINES = 5
HEADINGS_PAST = 3  # headings in a line, at least, for one of them to stand past the first body row
ROW_GAP = 2.2  # × line height: a wider vertical gap ends a block
_CAPTION = re.compile(r"^(附件|附表|表)\s*[:：]?\s*[\d一二三四五六七八九十]|^[（(]?\s*(计量)?单位\s*[:：]")

_RANGE = re.compile(r"^[-+]?\d[\d,.]*%?\s*[-~～—–至]\s*\d[\d,.]*%?$")  # 21.60-97.40, 3~5, 10%—20%


def is_value(text: str) -> bool:
    """A figure, or a range of two (`21.60-97.40`): what a table's value cells hold."""
    return is_number(text) or bool(_RANGE.match(text.strip()))


@dataclass(slots=True)
class Segment:
    words: list[Word]
    x0: float
    top: float
    x1: float
    bottom: float
    size: float

    @property
    def text(self) -> str:
        return "".join(w.text for w in self.words)


@dataclass(slots=True)
class Row:
    segments: list[Segment]
    top: float
    bottom: float

    @property
    def numeric(self) -> int:
        return sum(1 for s in self.segments if is_value(s.text))

    @property
    def height(self) -> float:
        return self.bottom - self.top


def line_segments(words: Sequence[Word], walls: Sequence[Ruling] = ()) -> list[Segment]:
    """Each line's words joined into segments where they stand close; `walls`: vertical rulings,
    which no segment crosses (a frame's divider between two panels of a report)."""
    walls = [r for r in walls if r.orient == "v"]
    out: list[Segment] = []
    for line in group_lines(words):
        run = [line[0]]
        for w in line[1:]:
            size = max(run[-1].size, w.size, run[-1].height, 1.0)
            gap = w.x0 - run[-1].x1
            y = (w.top + w.bottom) / 2
            if (
                any(run[-1].x1 - 1.0 <= r.pos <= w.x0 + 1.0 and r.start <= y <= r.end for r in walls)
                or gap > SEGMENT_GAP * size
                or (gap > FIGURE_GAP * size and (is_value(w.text) or is_value(run[-1].text)))
                or FLAGS & {w.text, run[-1].text}  # words apart already: a flag is a cell of its own
            ):
                out.append(make_segment(run))
                run = []
            run.append(w)
        out.append(make_segment(run))
    return out


_ITEM = re.compile(r"(\d{1,3}[.、，,．？?]?)\s*(?=[^\d\s.,%])")  # `11嗜碱性粒细胞数`, `15，平均红细胞体积`
MIN_ITEM_NUMBERS = 3  # lone item numbers that show a body has a column of them


def split_item_numbers(body: Sequence[Row]) -> None:
    """An item number the reader glued to its item's name (`11嗜碱性粒细胞数`) is cut off into the
    column where other rows' numbers stand alone (`12` | `红细胞`): a narrow gap between a 序号 and
    its name is read as one word by OCR in some rows and not in others. The cut falls where the
    characters' widths put it (digits and punctuation half a CJK character), the number no further
    right than the others end and the name not left of where the others start: the box the reader
    drew spans the gap between them."""
    numbered = [r for r in body if len(r.segments) > 1 and re.fullmatch(r"\d{1,3}", r.segments[0].text)]
    if len(numbered) < MIN_ITEM_NUMBERS:
        return
    numbers_end = sorted(r.segments[0].x1 for r in numbered)[len(numbered) // 2]
    names_start = sorted(r.segments[1].x0 for r in numbered)[len(numbered) // 2]
    for row in body:
        first = row.segments[0] if row.segments else None
        if first is None or first.x0 > numbers_end:
            continue
        word = first.words[0]
        if len(first.words) > 1 and re.fullmatch(r"\d{1,3}", word.text):  # apart already, the gap narrow
            row.segments[0:1] = [make_segment([word]), make_segment(first.words[1:])]
            continue
        m = _ITEM.match(word.text)
        if m is None or is_value(word.text):
            continue
        cut = word.x0 + (word.x1 - word.x0) * _width(m.group(1)) / max(_width(word.text), 1e-6)
        number = word._replace(text=m.group(1), x1=min(cut, numbers_end))  # in the column of the others
        name = word._replace(text=word.text[m.end() :], x0=max(cut, min(names_start, word.x1 - 1)))
        row.segments[0:1] = [make_segment([number]), make_segment([name, *first.words[1:]])]


def _width(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def make_segment(words: list[Word]) -> Segment:
    return Segment(
        words=words,
        x0=min(w.x0 for w in words),
        top=min(w.top for w in words),
        x1=max(w.x1 for w in words),
        bottom=max(w.bottom for w in words),
        size=max(max(w.size, w.height) for w in words),
    )


def rows_of(segments: Sequence[Segment], h_rules: Sequence[Ruling] = ()) -> list[Row]:
    """Segments whose vertical extents overlap (chained) share a row, unless a rule runs between
    them (a header band's lower rule between its line and the first body row, read taller than
    they are printed). A lone dash or dot (as often a speck read as a mark) makes no row and
    chains none: it joins the row nearest its middle."""
    rows: list[Row] = []
    marks = [s for s in segments if lone_mark(s.text)]
    for s in sorted(segments, key=lambda s: s.top):
        if lone_mark(s.text) and len(marks) < len(segments):
            continue
        if (
            rows
            and s.top < rows[-1].bottom - 0.15 * (s.bottom - s.top)
            and not _rule_between(rows[-1].segments[-1], s, h_rules)
        ):
            row = rows[-1]
            row.segments.append(s)
            row.bottom = max(row.bottom, s.bottom)
        else:
            rows.append(Row([s], s.top, s.bottom))
    if len(marks) < len(segments):
        for s in marks:
            mid = (s.top + s.bottom) / 2
            min(rows, key=lambda r: max(r.top - mid, mid - r.bottom, 0.0)).segments.append(s)
    for row in rows:
        row.segments.sort(key=lambda s: s.x0)
    return rows


def table_blocks(rows: Sequence[Row], h_rules: Sequence[Ruling]) -> list[tuple[int | None, int, int]]:
    """(header start, body start, body end) of each table; the header start is None where the
    lines above the body are still to be walked. A body block whose first line sits between two
    rules across it, and the next does not (every row of a table ruled under each), is headed by that
    line (a 三线表 whose header holds years: `主要财务指标 | 2021 | 2022E`); a line further down that
    repeats the header's column headings under another name (`资产负债表(百万元) | 2021 | 2022E` under
    `利润表(百万元) | 2021 | 2022E`) heads a second table stacked under the first."""
    out: list[tuple[int | None, int, int]] = []
    pending = _body_blocks(rows, h_rules)
    while pending:
        first, end = pending.pop(0)
        head: int | None = None
        start = first
        band = _header_band(rows, first, end, h_rules)
        if band is not None:
            if band - first >= MIN_BODY_ROWS:  # a table of its own above the band
                out.append((None, first, band))
            head, start = band, band + 1
            close = _closing_rule(rows, start, end, h_rules)
            if sum(1 for r in rows[close:end] if _is_table_row(r)) >= MIN_BODY_ROWS:
                pending.insert(0, (close, end))  # another table under the bottom rule
            end = close
        for k in range(start + MIN_BODY_ROWS, end - MIN_BODY_ROWS + 1):
            if head is not None and _restates(rows[k], rows[head]) and _ruled_line(rows, k, h_rules):
                out.append((head, start, k))
                head, start = k, k + 1
        out.append((head, start, end))
    return out


def _header_band(rows: Sequence[Row], first: int, end: int, h_rules: Sequence[Ruling]) -> int | None:
    """The line of a body block that rules frame above and below, with no rule under the line after
    it, and enough rows below: a 三线表's header band (its headings in words, no figures). The
    block's first line, or one further down: lines of a form above the table (`门诊号 90051065
    科室 儿科`, a figure among them) join the block the table's rows make."""
    for k in range(first, end - MIN_BODY_ROWS):
        if _ruled_line(rows, k, h_rules) and not _ruled_line(rows, k + 1, h_rules):
            return k if k == first or not rows[k].numeric else None
    return None


def _closing_rule(rows: Sequence[Row], start: int, end: int, h_rules: Sequence[Ruling]) -> int:
    """Where the body under a header band ends: at the first rule across it, the 三线表's bottom rule
    (lines under it — a report's signatures and dates — are no rows of the table), if
    `MIN_BODY_ROWS` rows stand above it; else at the block's end."""
    left = min(r.segments[0].x0 for r in rows[start:end])
    right = max(r.segments[-1].x1 for r in rows[start:end])
    for j in range(start + MIN_BODY_ROWS, end):
        above, below = rows[j - 1].bottom, rows[j].top
        if any(above - 1 <= r.pos <= below + 1 and r.start <= left + 2 and r.end >= right - 2 for r in h_rules):
            return j
    return end


def _ruled_line(rows: Sequence[Row], i: int, h_rules: Sequence[Ruling]) -> bool:
    """A rule across the line right above it and another right below it."""
    row = rows[i]
    left, right = row.segments[0].x0, row.segments[-1].x1
    above = rows[i - 1].bottom if i > 0 else row.top - 2 * row.height
    below = rows[i + 1].top if i + 1 < len(rows) else row.bottom + 2 * row.height

    def across(lo: float, hi: float) -> bool:
        return any(lo - 1 <= r.pos <= hi + 1 and r.start <= left + 2 and r.end >= right - 2 for r in h_rules)

    return across(above, row.top) and across(row.bottom, below)


def _restates(row: Row, head: Row) -> bool:
    """The same column headings under another stub (`资产负债表` for `利润表`)."""
    mine, theirs = [s.text for s in row.segments], [s.text for s in head.segments]
    return len(mine) >= 3 and mine[1:] == theirs[1:] and mine[0] != theirs[0]


def _rule_between(a: Segment, b: Segment, h_rules: Sequence[Ruling]) -> bool:
    upper, lower = (a.top + a.bottom) / 2, (b.top + b.bottom) / 2
    return any(
        min(upper, lower) < r.pos < max(upper, lower) and r.start <= min(a.x1, b.x1) and r.end >= max(a.x0, b.x0)
        for r in h_rules
    )


def lineless_rows(words: Sequence[Word]) -> int:
    """How many lines of `words` read as rows of a table without rules: several pieces apart, a
    figure among them."""
    return sum(1 for row in rows_of(line_segments(words)) if _is_table_row(row) and row.numeric)


def _is_table_row(row: Row) -> bool:
    if _key_values(row):
        return False
    return len(row.segments) >= 3 or (len(row.segments) == 2 and row.numeric >= 1)


_KEY = re.compile(r"[^\d\s][:：]")  # a label's colon (`样本号：`), not a time's (`10:15`)


def _key_values(row: Row) -> bool:
    """A line of a form's particulars (`姓名： 性别：女 ID号：15011039`): two or more of its pieces
    are labels with a colon, so it is no row of the table under it."""
    return sum(1 for s in row.segments if _KEY.search(s.text)) >= 2


def _body_blocks(rows: Sequence[Row], h_rules: Sequence[Ruling] = ()) -> list[tuple[int, int]]:
    """Runs of table-like rows containing numbers; a wrapped line of text between them is allowed.
    A run of `MIN_BODY_ROWS` rows makes a body, or a shorter one of two rows a rule closes above and
    below (a 三线表 of two rows: `绝对涨幅(%) | 7.18 | 32.88` under its header rule)."""
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < len(rows):
        if not (_is_table_row(rows[i]) and rows[i].numeric):
            i += 1
            continue
        j = i + 1
        while j < len(rows):
            gap = rows[j].top - rows[j - 1].bottom
            if gap > ROW_GAP * max(rows[j - 1].height, 1.0):
                break
            if _is_table_row(rows[j]) or (_is_wrap(rows[j], rows[i:j]) and j + 1 < len(rows)):
                j += 1
                continue
            break
        while j > i and not _is_table_row(rows[j - 1]):
            j -= 1
        count = sum(1 for r in rows[i:j] if _is_table_row(r))
        if count >= MIN_BODY_ROWS or (count >= MIN_RULED_ROWS and _closed(rows, i, j, h_rules)):
            blocks.append((i, j))
            i = j
        else:
            i += 1
    return blocks


def _closed(rows: Sequence[Row], i: int, j: int, h_rules: Sequence[Ruling]) -> bool:
    """A rule across rows i..j right above the first and another right below the last."""
    left = min(r.segments[0].x0 for r in rows[i:j])
    right = max(r.segments[-1].x1 for r in rows[i:j])
    above = rows[i - 1].bottom if i > 0 else rows[i].top - 2 * rows[i].height
    below = rows[j].top if j < len(rows) else rows[j - 1].bottom + 2 * rows[j - 1].height

    def across(lo: float, hi: float) -> bool:
        return any(lo - 1 <= r.pos <= hi + 1 and r.start <= left + 2 and r.end >= right - 2 for r in h_rules)

    return across(above, rows[i].top) and across(rows[j - 1].bottom, below)


def _is_wrap(row: Row, body: Sequence[Row]) -> bool:
    """A short text-only line inside a body: the second line of a wrapped cell."""
    if row.numeric or len(row.segments) > 2:
        return False
    left = min(r.segments[0].x0 for r in body)
    right = max(r.segments[-1].x1 for r in body)
    return all(s.x1 - s.x0 < 0.4 * (right - left) for s in row.segments)


def header_start(rows: Sequence[Row], start: int, h_rules: Sequence[Ruling]) -> int:
    """Walk up from the first body row over the header lines."""
    if start == 0:
        return 0
    body = rows[start]
    left, right = body.segments[0].x0, body.segments[-1].x1
    width = right - left
    head = start
    while head > 0 and start - head < MAX_HEADER_LINES:
        row = rows[head - 1]
        gap = rows[head].top - row.bottom
        if gap > ROW_GAP * max(row.height, 1.0) or row.numeric or _key_values(row):
            break
        if (
            any(row.bottom < r.pos < rows[head].top and r.start < right and r.end > left for r in h_rules)
            and head < start
        ):
            break  # a rule above the header (三线表) closes the table
        texts = [s.text for s in row.segments]
        if any(_CAPTION.match(t) for t in texts):
            break
        wide = [s for s in row.segments if s.x1 - s.x0 > 0.6 * width]
        past = [s for s in row.segments if s.x1 < left - 5 or s.x0 > right + 5]
        # a line of several headings with one past the first body row heads a column that row leaves
        # empty (图片, 备注); a lone line past it is a caption or a running head, not a heading
        beyond = bool(past) and not (len(row.segments) >= HEADINGS_PAST and len(past) == 1)
        if wide or (beyond and not (head == start and _ruled_line(rows, head - 1, h_rules))):
            break  # a line reaching past the body is no header, unless it is the band the rules frame
        head -= 1
    return head
