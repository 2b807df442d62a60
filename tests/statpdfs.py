"""Statistical tables drawn as 统计公报 and yearbooks print them, for tests (reportlab canvas).

Rules are drawn as the producer chooses: `three-line` (a rule above and below the header and
one at the bottom), `columns` (those plus a rule between every two columns), `frame` (columns
plus the outer frame: a fully ruled header over one ruled body cell per column, the values
stacked one per line), `header` (a fully ruled header over a body with no rules but the last:
a yearbook's way). Row labels carry their hierarchy as printed: `其中：`, `#`, and indents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
FONT = "STSong-Light"


@dataclass(frozen=True)
class HeadCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class BodyRow:
    label: str
    values: tuple[str, ...]
    indent: int = 0  # in characters


def stat_table_pdf(
    path: Path,
    head: Sequence[HeadCell],
    body: Sequence[BodyRow],
    widths: Sequence[float],
    rules: str = "three-line",
    size: float = 10.5,
    wide: bool = False,
    title: str = "表1 2023年全市主要经济指标",
    rows_per_page: int = 100,
    narrative: Sequence[str] = (),
) -> Path:
    page = landscape(A4) if wide else A4
    c = canvas.Canvas(str(path), pagesize=page)
    pw, ph = page
    x0 = (pw - sum(widths)) / 2
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    n_head = max(h.row + h.rowspan for h in head)
    lead = size * 1.6
    chunks = [body[i : i + rows_per_page] for i in range(0, len(body), rows_per_page)]
    for k, chunk in enumerate(chunks):
        top = ph - 72
        if k == 0:
            c.setFont(FONT, size + 2)
            for line in narrative:
                c.drawString(x0, top, line)
                top -= lead
            c.drawCentredString(pw / 2, top - size, title)
            top -= 2.5 * lead
        y = _draw_head(c, head, xs, top, n_head, lead, size, rules) if k == 0 else top
        if k > 0:
            c.setLineWidth(1.0)
            c.line(xs[0], y, xs[-1], y)
        body_top = y
        c.setFont(FONT, size)
        for row in chunk:
            lines = _wrap(row.label, widths[0] - 6 - row.indent * size, size)
            first_y = y - lead
            for i, text in enumerate(lines):
                c.drawString(
                    xs[0] + 3 + (row.indent * size if i == 0 else row.indent * size + size),
                    y - lead * (i + 1) + 0.3 * size,
                    text,
                )
            for j, value in enumerate(row.values, 1):
                c.drawRightString(xs[j + 1] - 4 if j + 1 < len(xs) else xs[-1] - 4, first_y + 0.3 * size, value)
            y -= lead * len(lines)
        y -= 0.4 * size
        c.setLineWidth(1.0)
        c.line(xs[0], y, xs[-1], y)
        if rules in ("columns", "frame"):
            c.setLineWidth(0.5)
            inner = xs if rules == "frame" else xs[1:-1]
            for x in inner:
                c.line(x, body_top, x, y)
        c.showPage()
    c.save()
    return path


def _draw_head(
    c: canvas.Canvas,
    head: Sequence[HeadCell],
    xs: Sequence[float],
    top: float,
    n: int,
    lead: float,
    size: float,
    rules: str,
) -> float:
    row_h = lead + 4
    c.setLineWidth(1.0)
    c.line(xs[0], top, xs[-1], top)
    c.setFont(FONT, size)
    for h in head:
        cx = (xs[h.col] + xs[h.col + h.colspan]) / 2
        cy = top - row_h * (h.row + h.rowspan / 2) - 0.35 * size
        c.drawCentredString(cx, cy, h.text)
        if rules != "three-line" or h.row + h.rowspan < n:
            c.setLineWidth(0.5)
            if h.row + h.rowspan < n:  # the rule under a group heading
                y = top - row_h * (h.row + h.rowspan)
                c.line(xs[h.col], y, xs[h.col + h.colspan], y)
        if rules in ("columns", "frame", "header"):
            c.setLineWidth(0.5)
            y_top, y_bottom = top - row_h * h.row, top - row_h * (h.row + h.rowspan)
            edges = [xs[h.col], xs[h.col + h.colspan]]
            for x in edges:
                if rules in ("frame", "header") or (xs[0] < x < xs[-1]):
                    c.line(x, y_top, x, y_bottom)
    bottom = top - row_h * n
    c.setLineWidth(0.75)
    c.line(xs[0], bottom, xs[-1], bottom)
    return bottom


def _wrap(text: str, width: float, size: float) -> list[str]:
    per_line = max(1, int(width / size))
    return [text[i : i + per_line] for i in range(0, len(text), per_line)] or [""]
