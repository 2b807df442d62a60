"""Render a model.Doc as a .docx with python-docx (Word-like layout).

Rules are drawn per cell (w:tcBorders on both sides of every edge), so a table
can be a full grid, a 三线表 (top/bottom rules and the rule under the header,
partial rules under grouped header cells) or column-ruled (vertical rules
between columns, rules in and under the header, top and bottom rules, none
between body rows).
"""
from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .model import Break, Doc, Para, Table, printed

A4 = (Cm(21.0), Cm(29.7))
ALIGN = {"l": WD_ALIGN_PARAGRAPH.LEFT, "c": WD_ALIGN_PARAGRAPH.CENTER,
         "r": WD_ALIGN_PARAGRAPH.RIGHT, "j": WD_ALIGN_PARAGRAPH.JUSTIFY}


def _el(tag: str, **attrs: str) -> OxmlElement:
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(k), v)
    return el


def set_font(run, font: str, size: float, bold: bool = False) -> None:
    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold = bold
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)


def _para(container, text, font, size, *, bold=False, align="j", first_chars=0.0, left_chars=0.0,
          before=0.0, after=0.0, spacing=1.0, keep_next=False):
    p = container.add_paragraph()
    f = p.paragraph_format
    f.alignment = ALIGN[align]
    f.space_before, f.space_after = Pt(before), Pt(after)
    f.line_spacing = spacing
    if first_chars:
        f.first_line_indent = Pt(first_chars * size)
    if left_chars:
        f.left_indent = Pt(left_chars * size)
    if keep_next:
        f.keep_with_next = True
    if text:
        set_font(p.add_run(text), font, size, bold)
    return p


def _page_field(paragraph, font: str, size: float) -> None:
    for kind in ("begin", None, "separate", "1", "end"):
        run = paragraph.add_run()
        set_font(run, font, size)
        if kind in ("begin", "separate", "end"):
            run._element.append(_el("w:fldChar", **{"w:fldCharType": kind}))
        elif kind is None:
            instr = _el("w:instrText", **{"xml:space": "preserve"})
            instr.text = " PAGE "
            run._element.append(instr)
        else:
            run._element.append(_el("w:t"))
            run._element[-1].text = kind


def _setup_section(section, d: Doc, landscape: bool) -> None:
    w, h = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (h, w) if landscape else (w, h)
    top, bottom, left, right = d.lmargins if landscape else d.margins
    section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
    section.left_margin, section.right_margin = Cm(left), Cm(right)
    section.footer_distance = Cm(1.2)


def _footer(doc, d: Doc) -> None:
    if not d.footer:
        return
    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pre, post = ("- ", " -") if d.footer == "dash" else ("第", "页")
    set_font(p.add_run(pre), d.body_font, d.footer_size)
    _page_field(p, d.body_font, d.footer_size)
    set_font(p.add_run(post), d.body_font, d.footer_size)


# ---------------------------------------------------------------- tables

class Layout:
    """Physical grid of a table: who owns each slot, which rows are header."""

    def __init__(self, t: Table):
        self.t = t
        self.first_body = t.head_rows - t.fuse
        groups = t.stack or [(r, r) for r in range(len(t.rows))]
        self.groups = groups
        self.nrows = self.first_body + len(groups)
        self.owner: dict[tuple[int, int], object] = {}
        for i, c in enumerate(t.header):
            for r in range(c.row, c.row + c.rs):
                for k in range(c.col, c.col + c.cs):
                    self.owner[r, k] = ("h", i)
        mmap = {}
        if not t.stack:
            for m in t.merges:
                r0, c0, r1, c1 = m
                for r in range(r0, r1 + 1):
                    for k in range(c0, c1 + 1):
                        mmap[r, k] = ("m",) + m
        for g in range(len(groups)):
            pr = self.first_body + g
            for k in range(t.ncol):
                if (pr, k) not in self.owner:
                    self.owner[pr, k] = mmap.get((g, k), ("b", g, k))

    def is_head(self, pr, k) -> bool:
        return self.owner[pr, k][0] == "h"

    def hcell(self, pr, k):
        o = self.owner[pr, k]
        return self.t.header[o[1]] if o[0] == "h" else None

    def h_edge(self, pr_above: int, k: int):
        """Rule between physical rows pr_above and pr_above+1 in column k: None | size."""
        t, mode = self.t, self.t.borders
        if pr_above < 0 or pr_above + 1 >= self.nrows:
            return 6 if mode == "grid" else t.thick
        a, b = self.owner[pr_above, k], self.owner[pr_above + 1, k]
        if a == b:
            return None
        ha, hb = a[0] == "h", b[0] == "h"
        if ha and hb:
            if mode == "three_line":
                return 6 if self.t.header[a[1]].cs > 1 else None
            return 6
        if ha or hb:
            return 6
        return 6 if mode == "grid" else None

    def v_edge(self, pr: int, k_left: int):
        mode = self.t.borders
        if k_left < 0 or k_left + 1 >= self.t.ncol:
            return 6 if mode == "grid" else None
        if self.owner[pr, k_left] == self.owner[pr, k_left + 1]:
            return None
        return 6 if mode in ("grid", "columns") else None


_TCPR_AFTER = ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


def _tc_borders(tc, top, bottom, left, right) -> None:
    tcpr = tc.get_or_add_tcPr()
    b = _el("w:tcBorders")
    for side, sz in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        if sz:
            b.append(_el(f"w:{side}", **{"w:val": "single", "w:sz": str(sz), "w:space": "0", "w:color": "000000"}))
        else:
            b.append(_el(f"w:{side}", **{"w:val": "nil"}))
    for tag in _TCPR_AFTER:
        nxt = tcpr.find(qn(tag))
        if nxt is not None:
            nxt.addprevious(b)
            return
    tcpr.append(b)


def _apply_borders(table, lay: Layout) -> None:
    for pr, tr in enumerate(table._tbl.tr_lst):
        col = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            c0, c1 = col, col + span - 1
            _tc_borders(tc, lay.h_edge(pr - 1, c0), lay.h_edge(pr, c0), lay.v_edge(pr, c0 - 1), lay.v_edge(pr, c1))
            col += span


def _mark_size(table, font: str, size: float) -> None:
    for p in table._tbl.iter(qn("w:p")):
        ppr = p.get_or_add_pPr()
        if ppr.find(qn("w:rPr")) is not None:
            continue
        rpr = _el("w:rPr")
        rpr.append(_el("w:rFonts", **{f"w:{a}": font for a in ("ascii", "hAnsi", "eastAsia", "cs")}))
        rpr.append(_el("w:sz", **{"w:val": str(round(size * 2))}))
        rpr.append(_el("w:szCs", **{"w:val": str(round(size * 2))}))
        ppr.append(rpr)


def _cell_lines(cell, lines, font, size, bold, align, valign=WD_CELL_VERTICAL_ALIGNMENT.CENTER):
    """lines: [(text, indent_chars)] — one paragraph each."""
    cell.vertical_alignment = valign
    for i, (text, ind) in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        f = p.paragraph_format
        f.alignment = ALIGN[align]
        f.space_before = f.space_after = Pt(0)
        f.line_spacing = 1.0
        if ind:
            f.left_indent = Pt(ind * size)
        if text:
            set_font(p.add_run(text), font, size, bold)


def add_table(doc, t: Table, usable) -> None:
    t.check()
    lay = Layout(t)
    ncol = t.ncol
    table = doc.add_table(rows=lay.nrows, cols=ncol)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tblpr = table._tbl.tblPr
    tblpr.append(_el("w:tblLayout", **{"w:type": "fixed"}))
    nb = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        nb.append(_el(f"w:{side}", **{"w:val": "nil"}))
    tblpr.append(nb)
    widths = [int(usable * t.width_frac * w / sum(t.widths)) for w in t.widths]
    for i, col in enumerate(table.columns):
        col.width = widths[i]
        for cell in col.cells:
            cell.width = widths[i]
    for pr, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        if t.cant_split:
            trpr.append(_el("w:cantSplit"))
        if pr < lay.first_body and t.repeat_header:
            trpr.append(_el("w:tblHeader"))
        h = t.header_height if pr < lay.first_body else t.row_height
        if h:
            trpr.append(_el("w:trHeight", **{"w:val": str(int(h * 567)), "w:hRule": "atLeast"}))
    align = t.align or ("l" + "c" * (ncol - 1))
    hfont, hsize = t.header_font or t.font, t.header_size or t.size
    for c in t.header:
        cell = table.cell(c.row, c.col)
        if c.rs > 1 or c.cs > 1:
            cell = cell.merge(table.cell(c.row + c.rs - 1, c.col + c.cs - 1))
        _cell_lines(cell, [(c.text, 0)], hfont, hsize, t.header_bold, "c")
    fused = t.fused_slots()
    lv = t.levels or [0] * len(t.rows)
    top = WD_CELL_VERTICAL_ALIGNMENT.TOP
    if t.stack:
        for g, (a, b) in enumerate(t.stack):
            pr = lay.first_body + g
            for k in range(ncol):
                if k in t.stack_once:
                    _cell_lines(table.cell(pr, k), [(t.rows[a][k], 0)], t.font, t.size, False, align[k])
                else:
                    lines = [(t.rows[r][k], lv[r] * t.indent_chars if k == t.stub else 0) for r in range(a, b + 1)]
                    _cell_lines(table.cell(pr, k), lines, t.font, t.size, False, align[k], top)
    else:
        covered = set()
        for r0, c0, r1, c1 in t.merges:
            cell = table.cell(lay.first_body + r0, c0).merge(table.cell(lay.first_body + r1, c1))
            covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
            ind = lv[r0] * t.indent_chars if c0 == t.stub else 0
            _cell_lines(cell, [(t.rows[r0][c0], ind)], t.font, t.size, False, align[c0])
        for r, values in enumerate(t.rows):
            for k, text in enumerate(values):
                if (r, k) in covered or (r == 0 and k in fused):
                    continue
                ind = lv[r] * t.indent_chars if k == t.stub else 0
                va = top if t.valign_top else WD_CELL_VERTICAL_ALIGNMENT.CENTER
                _cell_lines(table.cell(lay.first_body + r, k), [(text, ind)], t.font, t.size, False, align[k], va)
    _apply_borders(table, lay)
    _mark_size(table, t.font, t.size)


# ---------------------------------------------------------------- document

def build_docx(d: Doc, path: str) -> None:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.paragraph_format.space_after = Pt(0)
    normal.font.name, normal.font.size = d.body_font, Pt(d.body_size)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), d.body_font)
    landscape = d.landscape
    _setup_section(doc.sections[0], d, landscape)
    _footer(doc, d)
    first_block = True
    for block in d.blocks:
        if isinstance(block, Break) or (isinstance(block, Table) and (
                block.new_page or (block.landscape is not None and block.landscape != landscape))):
            lsc = landscape if block.landscape is None else block.landscape
            section = doc.add_section(WD_SECTION.NEW_PAGE)
            _setup_section(section, d, lsc)
            landscape = lsc
            first_block = True
            if isinstance(block, Break):
                continue
        sec = doc.sections[-1]
        usable = sec.page_width - sec.left_margin - sec.right_margin
        if isinstance(block, Table):
            t = block
            tf = t.title_font or d.title_font
            if t.title:
                _para(doc, t.title, tf, t.title_size, bold=t.title_bold, align=t.title_align,
                      before=0 if first_block else t.space_before, after=3, keep_next=True)
            elif not first_block:
                _para(doc, "", d.body_font, 6, keep_next=True)
            if t.unit or t.unit_left:
                if t.unit_left:
                    p = _para(doc, t.unit_left + "\t" + t.unit, d.body_font, 9.5, align="l", after=2, keep_next=True)
                    p.paragraph_format.tab_stops.add_tab_stop(usable, WD_TAB_ALIGNMENT.RIGHT)
                else:
                    _para(doc, t.unit, d.body_font, 9.5, align="r", after=2, keep_next=True)
            add_table(doc, t, usable)
            if t.note:
                _para(doc, t.note, d.body_font, 9, align="j", before=3)
            first_block = False
        elif isinstance(block, Para):
            s = block.style
            font = block.font or {"title": d.title_font, "heading": d.heading_font or d.body_font}.get(s, d.body_font)
            size = block.size or {"title": 20, "subtitle": d.body_size, "note": 10}.get(s, d.body_size)
            bold = block.bold if block.bold is not None else s in ("title", "heading", "subheading")
            align = block.align or {"title": "c", "subtitle": "c", "right": "r"}.get(s, "j")
            first = 2 if s in ("body", "heading", "subheading") else 0
            _para(doc, printed(block.text), font, size, bold=bold, align=align, first_chars=first,
                  before=block.before, after=block.after,
                  spacing=1.0 if s == "title" else d.line_spacing, keep_next=s in ("heading", "title"))
            first_block = False
        else:
            raise TypeError(block)
    doc.save(path)
