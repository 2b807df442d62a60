"""Render a model.Bulletin as a .docx with python-docx (Word-like layout).

Portrait A4 narrative pages, then each table in its own section (landscape
when asked), merged header cells from the header tree, body merges, borders
(grid / none / three-line), "repeat header row", optional page-number footer
and running head.  Only python-docx and lxml are used.
"""
from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .model import Bulletin, Event, Para, Table, header_cells, header_depth

A4 = (Cm(21.0), Cm(29.7))


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


def add_para(container, text: str, font: str, size: float, *, bold=False,
             align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_chars=0.0, before=0.0, after=0.0):
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = 1.0
    if indent_chars:
        fmt.first_line_indent = Pt(indent_chars * size)
    if text:
        set_font(p.add_run(text), font, size, bold)
    return p


def _page_field(paragraph, font: str, size: float) -> None:
    """Insert a PAGE field (complex field: begin / instr / separate / result / end)."""
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


def _bottom_rule(paragraph) -> None:
    pbdr = _el("w:pBdr")
    pbdr.append(_el("w:bottom", **{"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"}))
    paragraph._p.get_or_add_pPr().append(pbdr)


def _setup_section(section, landscape: bool) -> None:
    w, h = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (h, w) if landscape else (w, h)
    if landscape:
        section.left_margin = section.right_margin = Cm(1.8)
        section.top_margin = section.bottom_margin = Cm(2.0)
    else:
        section.left_margin = section.right_margin = Cm(2.6)
        section.top_margin, section.bottom_margin = Cm(2.8), Cm(2.5)


def _header_footer(doc, b: Bulletin) -> None:
    section = doc.sections[0]
    if b.footer:
        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pre, post = ("- ", " -") if b.footer == "dash" else ("第", "页")
        set_font(p.add_run(pre), b.body_font, 10.5)
        _page_field(p, b.body_font, 10.5)
        set_font(p.add_run(post), b.body_font, 10.5)
    if b.running_head:
        p = section.header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        set_font(p.add_run(b.running_head), b.body_font, 9)
        _bottom_rule(p)


# ---------------------------------------------------------------- tables

def _borders(table, t: Table, nhead: int) -> None:
    tbl_pr = table._tbl.tblPr
    borders = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if t.borders == "grid":
            val, sz = "single", "4"
        elif t.borders == "three_line" and side in ("top", "bottom"):
            val, sz = "single", "12"
        else:
            val, sz = "nil", "0"
        borders.append(_el(f"w:{side}", **{"w:val": val, "w:sz": sz, "w:space": "0", "w:color": "000000"}))
    tbl_pr.append(borders)
    if t.borders == "three_line":
        # the thin rule under the header, drawn as the top border of the first
        # body row: LibreOffice ignores a bottom border set on a vertically
        # merged header cell (序号 spanning two header rows)
        for tc in table.rows[nhead]._tr.tc_lst:
            tcb = _el("w:tcBorders")
            tcb.append(_el("w:top", **{"w:val": "single", "w:sz": "6", "w:space": "0", "w:color": "000000"}))
            tc.get_or_add_tcPr().append(tcb)


def _mark_size(table, t: Table) -> None:
    """Give every paragraph mark in the table the table's font and size, so that
    empty cells and merged-away cells do not keep the 12 pt body size (which
    would make rows with an empty cell taller than the others)."""
    for p in table._tbl.iter(qn("w:p")):
        ppr = p.get_or_add_pPr()
        if ppr.find(qn("w:rPr")) is not None:
            continue
        rpr = _el("w:rPr")
        rpr.append(_el("w:rFonts", **{f"w:{a}": t.font for a in ("ascii", "hAnsi", "eastAsia", "cs")}))
        rpr.append(_el("w:sz", **{"w:val": str(round(t.size * 2))}))
        rpr.append(_el("w:szCs", **{"w:val": str(round(t.size * 2))}))
        ppr.append(rpr)


def _write_cell(cell, text: str, t: Table, bold: bool) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = 1.0
    if text:
        set_font(p.add_run(text), t.font, t.size, bold)


def add_table(doc, t: Table, usable_width) -> None:
    t.check()
    nhead, ncol = header_depth(t.header), len(t.columns)
    table = doc.add_table(rows=nhead + len(t.rows), cols=ncol)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    if t.borders == "grid":
        table.style = doc.styles["Table Grid"]
    rel = t.widths or [1.0] * ncol
    widths = [int(usable_width * w / sum(rel)) for w in rel]
    for i, col in enumerate(table.columns):
        col.width = widths[i]
        for cell in col.cells:
            cell.width = widths[i]
    for r, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        if r < nhead and t.repeat_header:
            tr_pr.append(_el("w:tblHeader"))
        if t.cant_split:
            tr_pr.append(_el("w:cantSplit"))
    # merge first, then write each merged cell's text once
    for r, c, rs, cs, text in header_cells(t.header):
        cell = table.cell(r, c)
        if rs > 1 or cs > 1:
            cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
        _write_cell(cell, text, t, t.header_bold)
    covered = set()
    for r0, c0, r1, c1 in t.merges:
        cell = table.cell(nhead + r0, c0).merge(table.cell(nhead + r1, c1))
        covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
        _write_cell(cell, t.rows[r0][c0], t, False)
    starts = {(m[0], m[1]) for m in t.merges}
    for r, values in enumerate(t.rows):
        for c, text in enumerate(values):
            if (r, c) in covered or (r, c) in starts:
                continue
            _write_cell(table.cell(nhead + r, c), text or t.blank_glyph, t, False)
    _borders(table, t, nhead)
    _mark_size(table, t)


# ---------------------------------------------------------------- document

def build_docx(b: Bulletin, path: str) -> None:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.paragraph_format.space_after = Pt(0)
    normal.font.name, normal.font.size = b.body_font, Pt(b.body_size)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), b.body_font)
    _setup_section(doc.sections[0], landscape=False)
    _header_footer(doc, b)
    add_para(doc, b.title, b.title_font, b.title_size, bold=True,
             align=WD_ALIGN_PARAGRAPH.CENTER, after=8)
    landscape = False
    first_table = True
    for block in b.blocks:
        if isinstance(block, Table):
            if block.new_page or block.landscape != landscape:
                section = doc.add_section(WD_SECTION.NEW_PAGE)
                _setup_section(section, block.landscape)
                landscape = block.landscape
            elif not first_table:
                add_para(doc, "", b.body_font, 8)
            first_table = False
            section = doc.sections[-1]
            usable = section.page_width - section.left_margin - section.right_margin
            if block.title:
                add_para(doc, block.title, b.title_font, 13, bold=True,
                         align=WD_ALIGN_PARAGRAPH.CENTER, before=block.space_before, after=4)
            elif block.space_before:
                add_para(doc, "", b.body_font, 8, before=block.space_before)
            if block.unit:
                add_para(doc, block.unit, b.body_font, 10, align=WD_ALIGN_PARAGRAPH.RIGHT)
            add_table(doc, block, usable)
            if block.note:
                add_para(doc, block.note, b.body_font, 10, before=6)
        elif isinstance(block, Event):
            add_para(doc, block.text, b.body_font, b.body_size, indent_chars=2)
        elif isinstance(block, Para):
            s = block.style
            add_para(doc, block.text, b.body_font, b.body_size,
                     bold=s in ("heading", "subheading"),
                     indent_chars=2 if s in ("body", "subheading") else 0,
                     align=WD_ALIGN_PARAGRAPH.RIGHT if s == "right" else WD_ALIGN_PARAGRAPH.JUSTIFY,
                     before={"heading": 4, "attach": 12}.get(s, 0))
        else:
            raise TypeError(block)
    doc.save(path)
