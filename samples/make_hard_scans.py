#!/usr/bin/env python3
"""Hard table layouts, printed and scanned: samples/{digital,scanned}/scan-*.

    .venv/bin/python samples/make_hard_scans.py [STEM-PREFIX ...]

Every document is described once here, as Python data (header tree, body
rows, merges, narrative paragraphs); from that one description the script
writes the .docx (python-docx), the digital PDF (LibreOffice), the label
(never read back from the PDF) and the degraded copies:

  scan-attendance-shimian-2023-05     landscape, 31 narrow day columns, sparse
      -scan-flat / -scan-sideways     stored landscape / turned 90° in a portrait box
  scan-longtable-lushan-2024q1-repeat / -norepeat
      one ruled table over 4 pages, 乡镇 merged over each group, 小计 per group,
      the last page holding only the last 小计 and 总计; header repeated or not
      -scan
  scan-narrative-yingjing-2024-03     bulletin: narrative + 3-row-header table
      -scan-seal                      red seal over the table, page 2 upside down
  scan-colour-beichuan-2023-screen.png / -photo.jpg
      pictures only (no PDF): dark-blue header band with white text, striped rows

The layout of the long table is checked after conversion (which rows fall on
which page): if LibreOffice or the fonts change, the script stops instead of
writing a label that no longer matches the pages.  Degradations are written
here (not imported from make_scans.py; the .docx → PDF step is synth/output.py's); every output has its own fixed seed
and the image PDFs are written by hand without dates, so reruns are
byte-identical with the same library versions.

Generator-only requirements: LibreOffice writer, fonts-noto-cjk,
fonts-arphic-ukai/uming, python-docx (plus the extractor's own numpy, opencv,
Pillow, pypdfium2, pdfplumber).  People, villages and figures are invented;
county, township and department names are real.
"""
from __future__ import annotations

import calendar
import io
import json
import math
import random
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import cv2
import numpy as np
import pdfplumber
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

from synth.output import docx_to_pdf  # one LibreOffice conversion (fixed dates and /ID) for every generator

HERE = Path(__file__).resolve().parent
DIGITAL, SCANNED = HERE / "digital", HERE / "scanned"
NOTO_SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NOTO_SANS_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
NOTO_SERIF_BOLD = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
SC = 2                                   # face index of the SC face in the Noto .ttc files

Node = Union[str, tuple]                 # header tree: "leaf" or ("label", [children])


# =========================================================================== model

def header_depth(tree: list[Node]) -> int:
    def d(n: Node) -> int:
        return 1 if isinstance(n, str) else 1 + max(d(c) for c in n[1])
    return max(d(n) for n in tree)


def _width(n: Node) -> int:
    return 1 if isinstance(n, str) else sum(_width(c) for c in n[1])


def header_cells(tree: list[Node]) -> list[tuple[int, int, int, int, str]]:
    """(row, col, rowspan, colspan, text); a leaf reaches down to the last header row."""
    depth, out = header_depth(tree), []

    def place(nodes: list[Node], row: int, col: int) -> None:
        for n in nodes:
            if isinstance(n, str):
                out.append((row, col, depth - row, 1, n))
                col += 1
            else:
                out.append((row, col, 1, _width(n), n[0]))
                place(n[1], row + 1, col)
                col += _width(n)
    place(tree, 0, 0)
    return out


def header_columns(tree: list[Node]) -> list[str]:
    cols: list[str] = []

    def walk(nodes: list[Node], prefix: list[str]) -> None:
        for n in nodes:
            if isinstance(n, str):
                cols.append("/".join(prefix + [n]))
            else:
                walk(n[1], prefix + [n[0]])
    walk(tree, [])
    return cols


@dataclass
class Tab:
    title: str
    header: list[Node]
    rows: list[list[str]]                 # label rows: a merged cell's text in every slot it covers
    widths_mm: list[float]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)   # body (r0, c0, r1, c1)
    row_paths: list[str] | None = None
    font: str = "Noto Serif CJK SC"
    size: float = 10.0
    header_size: float | None = None
    repeat_header: bool = False
    cant_split: bool = True
    cell_margin_mm: float = 1.0
    row_height_mm: float = 0.0            # "at least"; 0 = as the text needs
    header_height_mm: float = 0.0
    align: dict[int, str] = field(default_factory=dict)   # column -> "left" (default centred)
    title_size: float = 15.0
    title_font: str = "Noto Sans CJK SC"
    title_before_pt: float = 0.0
    unit: str = ""                         # right-aligned line between title and table
    pre: list[str] = field(default_factory=list)       # lines printed between title and table
    note: str = ""                         # printed under the table (not rows)

    @property
    def columns(self) -> list[str]:
        return header_columns(self.header)

    def check(self) -> None:
        n = len(self.columns)
        assert len(self.widths_mm) == n, (self.title, len(self.widths_mm), n)
        for r in self.rows:
            assert len(r) == n, (self.title, r)
        for r0, c0, r1, c1 in self.merges:
            texts = {self.rows[r][c] for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
            assert len(texts) == 1, (self.title, (r0, c0, r1, c1), texts)
        if self.row_paths is not None:
            assert len(self.row_paths) == len(self.rows)

    def label(self) -> dict:
        self.check()
        d = {"title": self.title, "columns": self.columns, "score_header": [True] * len(self.columns),
             "rows": self.rows}
        if self.row_paths is not None:
            d["row_paths"] = self.row_paths
        return d


@dataclass
class P:
    """A narrative paragraph."""
    text: str
    style: str = "body"          # body | heading | plain | right | center | masthead | issue | rule
    events: list[dict] = field(default_factory=list)   # label events printed in this paragraph


@dataclass
class Doc:
    stem: str
    blocks: list                  # P | Tab | "pagebreak"
    period: str
    period_kind: str
    published: tuple[int, int, int]
    landscape: bool = False
    body_font: str = "AR PL UKai CN"
    body_size: float = 14.0
    margins_mm: tuple[float, float, float, float] = (25, 25, 25, 25)   # top, right, bottom, left
    footer: bool = False
    people: dict[str, str] = field(default_factory=dict)
    metrics: list[dict] | None = None

    def tables(self) -> list[Tab]:
        return [b for b in self.blocks if isinstance(b, Tab)]

    def label(self) -> dict:
        text = "\n".join(b.text for b in self.blocks if isinstance(b, P))
        for name, title in self.people.items():
            assert name in text and title in text, (name, title)
        facts: dict = {"people": dict(self.people)}
        events = [e for b in self.blocks if isinstance(b, P) for e in b.events]
        if events:
            for e in events:
                for name in e["people"]:
                    assert name in self.people, name
            facts["events"] = events
        if self.metrics is not None:
            for m in self.metrics:
                v = m["value"]
                shown = f"{v:g}" if isinstance(v, float) else str(v)
                assert f"{shown}{m['unit']}" in text.replace("，", ""), m
            facts["metrics"] = self.metrics
            facts["metrics_complete"] = True
        return {"document": {"period": self.period, "period_kind": self.period_kind},
                "tables": [t.label() for t in self.tables()],
                "facts": facts}


# =========================================================================== docx

def _docx():
    try:
        import docx  # noqa: F401
    except ImportError:
        sys.exit("python-docx missing: .venv/bin/pip install python-docx")
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor
    return dict(Document=Document, WD_ORIENT=WD_ORIENT, VA=WD_CELL_VERTICAL_ALIGNMENT,
                TA=WD_TABLE_ALIGNMENT, AL=WD_ALIGN_PARAGRAPH, BR=WD_BREAK, OxmlElement=OxmlElement,
                qn=qn, Mm=Mm, Pt=Pt, RGB=RGBColor)


class DocxWriter:
    def __init__(self, doc: Doc):
        self.d = _docx()
        self.doc = doc

    def el(self, tag: str, **attrs: str):
        e = self.d["OxmlElement"](tag)
        for k, v in attrs.items():
            e.set(self.d["qn"](k), v)
        return e

    def font(self, run, name: str, size: float, bold: bool = False, colour: str | None = None) -> None:
        run.font.name, run.font.size, run.font.bold = name, self.d["Pt"](size), bold
        rf = run._element.get_or_add_rPr().get_or_add_rFonts()
        for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rf.set(self.d["qn"](a), name)
        if colour:
            run.font.color.rgb = self.d["RGB"].from_string(colour)

    def para(self, container, text: str, font: str, size: float, *, bold=False, align="justify",
             indent=0.0, before=0.0, after=0.0, colour=None, line=1.0, mark_size=None):
        AL, Pt = self.d["AL"], self.d["Pt"]
        p = container.add_paragraph()
        f = p.paragraph_format
        f.alignment = {"justify": AL.JUSTIFY, "center": AL.CENTER, "right": AL.RIGHT, "left": AL.LEFT}[align]
        f.space_before, f.space_after, f.line_spacing = Pt(before), Pt(after), line
        if indent:
            f.first_line_indent = Pt(indent * size)
        if text:
            self.font(p.add_run(text), font, size, bold, colour)
        self.mark(p, font, mark_size or size)
        return p

    def mark(self, p, font: str, size: float) -> None:
        """Paragraph-mark font and size (an empty paragraph is as tall as its mark)."""
        ppr = p._p.get_or_add_pPr()
        old = ppr.find(self.d["qn"]("w:rPr"))
        if old is not None:
            ppr.remove(old)
        rpr = self.el("w:rPr")
        rpr.append(self.el("w:rFonts", **{f"w:{a}": font for a in ("ascii", "hAnsi", "eastAsia", "cs")}))
        rpr.append(self.el("w:sz", **{"w:val": str(round(size * 2))}))
        rpr.append(self.el("w:szCs", **{"w:val": str(round(size * 2))}))
        ppr.append(rpr)

    def rule(self, p, colour: str = "000000", sz: int = 12) -> None:
        pbdr = self.el("w:pBdr")
        pbdr.append(self.el("w:bottom", **{"w:val": "single", "w:sz": str(sz), "w:space": "1",
                                            "w:color": colour}))
        p._p.get_or_add_pPr().append(pbdr)

    def page_field(self, p, font: str, size: float) -> None:
        for kind in ("begin", None, "separate", "1", "end"):
            run = p.add_run()
            self.font(run, font, size)
            if kind in ("begin", "separate", "end"):
                run._element.append(self.el("w:fldChar", **{"w:fldCharType": kind}))
            elif kind is None:
                instr = self.el("w:instrText", **{"xml:space": "preserve"})
                instr.text = " PAGE "
                run._element.append(instr)
            else:
                run._element.append(self.el("w:t"))
                run._element[-1].text = kind

    def cell_text(self, cell, text: str, t: Tab, size: float, bold: bool, align: str) -> None:
        AL, Pt = self.d["AL"], self.d["Pt"]
        cell.vertical_alignment = self.d["VA"].CENTER
        p = cell.paragraphs[0]
        p.alignment = AL.LEFT if align == "left" else AL.CENTER
        f = p.paragraph_format
        f.space_before = f.space_after = Pt(0)
        f.line_spacing = 1.0
        if text:
            self.font(p.add_run(text), t.font, size, bold)

    def table(self, t: Tab) -> None:
        d, Mm = self.d, self.d["Mm"]
        qn = d["qn"]
        t.check()
        nh, nc = header_depth(t.header), len(t.columns)
        table = self.docx.add_table(rows=nh + len(t.rows), cols=nc)
        table.style = self.docx.styles["Table Grid"]
        table.alignment = d["TA"].CENTER
        table.autofit = False
        for i, col in enumerate(table.columns):
            col.width = Mm(t.widths_mm[i])
            for c in col.cells:
                c.width = Mm(t.widths_mm[i])
        tblpr = table._tbl.tblPr
        mar = self.el("w:tblCellMar")
        tw = str(round(t.cell_margin_mm / 25.4 * 1440))
        for side in ("top", "bottom"):
            mar.append(self.el(f"w:{side}", **{"w:w": "0", "w:type": "dxa"}))
        for side in ("left", "right"):
            mar.append(self.el(f"w:{side}", **{"w:w": tw, "w:type": "dxa"}))
        tblpr.append(mar)
        for r, row in enumerate(table.rows):
            trpr = row._tr.get_or_add_trPr()
            if t.cant_split:
                trpr.append(self.el("w:cantSplit"))
            if r < nh and t.repeat_header:
                trpr.append(self.el("w:tblHeader"))
            h = t.header_height_mm if r < nh else t.row_height_mm
            if h:
                trpr.append(self.el("w:trHeight", **{"w:val": str(round(h / 25.4 * 1440)), "w:hRule": "atLeast"}))
        hs = t.header_size or t.size
        for r, c, rs, cs, text in header_cells(t.header):
            cell = table.cell(r, c)
            if rs > 1 or cs > 1:
                cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
            self.cell_text(cell, text, t, hs, True, "center")
        covered, starts = set(), set()
        for r0, c0, r1, c1 in t.merges:
            cell = table.cell(nh + r0, c0).merge(table.cell(nh + r1, c1))
            covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
            starts.add((r0, c0))
            self.cell_text(cell, t.rows[r0][c0], t, t.size, False, t.align.get(c0, "center"))
        for r, values in enumerate(t.rows):
            for c, text in enumerate(values):
                if (r, c) not in covered and (r, c) not in starts:
                    self.cell_text(table.cell(nh + r, c), text, t, t.size, False, t.align.get(c, "center"))
        for p in table._tbl.iter(qn("w:p")):
            from docx.text.paragraph import Paragraph
            self.mark(Paragraph(p, None), t.font, t.size)

    def build(self, path: Path) -> None:
        d, Mm = self.d, self.d["Mm"]
        doc = self.doc
        self.docx = D = d["Document"]()
        normal = D.styles["Normal"]
        normal.paragraph_format.space_after = d["Pt"](0)
        normal.font.name, normal.font.size = doc.body_font, d["Pt"](doc.body_size)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(d["qn"]("w:eastAsia"), doc.body_font)
        s = D.sections[0]
        w, h = Mm(210), Mm(297)
        if doc.landscape:
            s.orientation = d["WD_ORIENT"].LANDSCAPE
            w, h = h, w
        s.page_width, s.page_height = w, h
        s.top_margin, s.right_margin, s.bottom_margin, s.left_margin = (Mm(x) for x in doc.margins_mm)
        s.header_distance, s.footer_distance = Mm(12), Mm(12)
        if doc.footer:
            p = s.footer.paragraphs[0]
            p.alignment = d["AL"].CENTER
            self.font(p.add_run("— "), "Noto Serif CJK SC", 10.5)
            self.page_field(p, "Noto Serif CJK SC", 10.5)
            self.font(p.add_run(" —"), "Noto Serif CJK SC", 10.5)
        usable = (w - s.left_margin - s.right_margin)
        first = True
        for b in doc.blocks:
            if b == "pagebreak":
                p = D.add_paragraph()
                p.add_run().add_break(d["BR"].PAGE)
                self.mark(p, doc.body_font, 2)
                first = True
                continue
            if isinstance(b, Tab):
                total = Mm(sum(b.widths_mm))
                assert total <= usable + Mm(0.5), (b.title, sum(b.widths_mm), usable / Mm(1))
                if b.title:
                    self.para(D, b.title, b.title_font, b.title_size, bold=True, align="center",
                              before=b.title_before_pt, after=4)
                for line in b.pre:
                    self.para(D, line, doc.body_font, 10.5, align="left", after=2)
                if b.unit:
                    self.para(D, b.unit, doc.body_font, 10.5, align="right", after=2)
                self.table(b)
                self.para(D, b.note, doc.body_font, 10.5, before=4, align="left")
                first = False
                continue
            st = b.style
            if st == "masthead":
                self.para(D, b.text, "Noto Serif CJK SC", 30, bold=True, align="center", colour="D0021B",
                          before=6, after=10)
            elif st == "issue":
                self.para(D, b.text, doc.body_font, 15, align="center", after=6)
            elif st == "rule":      # "organisation<TAB>date" over a red rule, the date flush right
                p = self.para(D, b.text, doc.body_font, 14, align="left", after=12)
                from docx.enum.text import WD_TAB_ALIGNMENT
                p.paragraph_format.tab_stops.add_tab_stop(usable, WD_TAB_ALIGNMENT.RIGHT)
                self.rule(p, "D0021B", 18)
            elif st == "sendto":    # 报/送 lines at the end, a rule above the first
                p = self.para(D, b.text, doc.body_font, 13, align="left", before=4)
                if b.text.startswith("报"):
                    pbdr = self.el("w:pBdr")
                    pbdr.append(self.el("w:top", **{"w:val": "single", "w:sz": "8", "w:space": "4",
                                                     "w:color": "000000"}))
                    p._p.get_or_add_pPr().append(pbdr)
            elif st == "heading":
                self.para(D, b.text, "Noto Sans CJK SC", doc.body_size, bold=True, indent=2, before=4)
            elif st == "right":
                self.para(D, b.text, doc.body_font, doc.body_size, align="right")
            elif st == "center":
                self.para(D, b.text, "Noto Sans CJK SC", 16, bold=True, align="center", after=6)
            elif st == "plain":
                self.para(D, b.text, doc.body_font, doc.body_size)
            else:
                self.para(D, b.text, doc.body_font, doc.body_size, indent=2, line=1.15)
            first = False
        del first
        D.save(str(path))


# =========================================================================== documents

def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.2f}%"


# ---- 2. long table over four pages -----------------------------------------

LUSHAN = [   # 乡镇（街道）, its 村（社区） stations: (name, 备注)
    ("芦阳街道", [("城东社区便民服务站", ""), ("城西社区便民服务站", ""),
                 ("城北社区党群服务中心便民服务站（含原黎明村代办点）", "含跨区域通办事项"),
                 ("沫东社区便民服务站", ""), ("先锋社区便民服务站", "2月起延时服务至18:30"),
                 ("火炬村便民服务代办点", ""), ("芦溪村便民服务代办点", "")]),
    ("飞仙关镇", [("飞仙关社区便民服务站", ""), ("凤凰村党群服务中心便民服务代办点", ""),
                 ("南场村便民服务代办点", ""), ("三家村便民服务代办点", "代办不动产登记事项较多"),
                 ("新华村便民服务代办点", ""), ("多功村便民服务代办点", "")]),
    ("双石镇", [("双石社区便民服务站", ""), ("围塔村便民服务代办点", ""),
               ("西川村党群服务中心便民服务代办点（含原石凤村）", "站点合并后首季统计"),
               ("金花村便民服务代办点", ""), ("双河村便民服务代办点", "")]),
    ("太平镇", [("太平社区便民服务站", ""), ("钟灵村便民服务代办点", ""),
               ("胜利村便民服务代办点", "春耕期间上门代办"), ("大坪村便民服务代办点", ""),
               ("春光村党群服务中心便民服务代办点", ""), ("同盟村便民服务代办点", ""),
               ("桂花村便民服务代办点", ""), ("仁加村便民服务代办点", "")]),
    ("大川镇", [("大川社区便民服务站", ""), ("小河村便民服务代办点", ""),
               ("杨开村便民服务代办点", "高山片区流动服务"), ("快乐村便民服务代办点", ""),
               ("三江村便民服务代办点", ""), ("乐英村便民服务代办点", "")]),
    ("思延镇", [("思延社区便民服务站", ""), ("清江村便民服务代办点", ""),
               ("铜头村党群服务中心便民服务代办点", ""), ("周家村便民服务代办点", ""),
               ("草坪村便民服务代办点", "含社保认证"), ("新时代社区便民服务站", "")]),
    ("龙门镇", [("龙门社区便民服务站", ""), ("古城村便民服务代办点", ""),
               ("青龙场村便民服务代办点", ""), ("隆兴村党群服务中心便民服务代办点", "示范站点"),
               ("红星村便民服务代办点", ""), ("王家村便民服务代办点", ""),
               ("白伙村便民服务代办点（含原五星村）", "")]),
    ("宝盛乡", [("宝盛社区便民服务站", ""), ("中坝村便民服务代办点", ""),
               ("凤头村便民服务代办点", ""), ("玉溪村便民服务代办点", "民宿经营许可帮办"),
               ("木城村便民服务代办点", "")]),
]


def longtable(repeat: bool) -> Doc:
    rng = random.Random(20240408)
    header = ["乡镇（街道）", "序号", "便民服务站（点）",
              ("办件量（件）", ["受理", "办结", "按时办结"]), "办结率", "代办帮办（件）", "备注"]
    rows, paths, merges = [], [], []
    n = 0
    tot = [0, 0, 0, 0]
    for town, stations in LUSHAN:
        start = len(rows)
        sub = [0, 0, 0, 0]
        for name, note in stations:
            n += 1
            big = "社区" in name
            acc = rng.randint(180, 420) if big else rng.randint(12, 95)
            done = acc - (rng.choice([0, 0, 0, 1, 2, 3]) if big else rng.choice([0, 0, 0, 0, 1]))
            ontime = done - rng.choice([0, 0, 0, 1])
            proxy = rng.randint(8, 60) if rng.random() < 0.75 else 0
            vals = [acc, done, ontime, proxy]
            sub = [a + b for a, b in zip(sub, vals)]
            rows.append([town, str(n), name, str(acc), str(done), str(ontime), pct(done, acc),
                         str(proxy) if proxy else "", note])
            paths.append(f"{town}/{name}")
        rows.append([town, "小计", "小计", str(sub[0]), str(sub[1]), str(sub[2]), pct(sub[1], sub[0]),
                     str(sub[3]), ""])
        paths.append(f"{town}/小计")
        merges.append((len(rows) - 1, 1, len(rows) - 1, 2))
        merges.append((start, 0, len(rows) - 1, 0))
        tot = [a + b for a, b in zip(tot, sub)]
    rows.append(["总计", "总计", "总计", str(tot[0]), str(tot[1]), str(tot[2]), pct(tot[1], tot[0]),
                 str(tot[3]), ""])
    paths.append("总计")
    merges.append((len(rows) - 1, 0, len(rows) - 1, 2))
    t = Tab(title="芦山县2024年第一季度乡镇（街道）便民服务中心（站）办件情况统计表",
            header=header, rows=rows, merges=merges, row_paths=paths,
            widths_mm=[17, 8.5, 40, 12.5, 12.5, 12.5, 16.2, 12.5, 28.3],
            font="Noto Serif CJK SC", size=11, header_size=10.5, repeat_header=repeat,
            cell_margin_mm=0.35, row_height_mm=LONG_TUNE[repeat], header_height_mm=9, align={2: "left", 8: "left"},
            title_size=15,
            pre=["填报单位：芦山县政务服务和公共资源交易服务中心　　　　填报日期：2024年4月8日"],
            unit="",
            note="注：办结率＝办结件数÷受理件数；代办帮办为村（社区）代办员上门或帮助群众网上申办的件数。")
    return Doc(stem=f"scan-longtable-lushan-2024q1-{'repeat' if repeat else 'norepeat'}",
               blocks=[t], period="2024-Q1", period_kind="quarter", published=(2024, 4, 8),
               body_font="Noto Serif CJK SC", body_size=10.5, margins_mm=(22, 22, 20, 22), footer=True,
               people={}, metrics=[])


LONG_TUNE = {True: 11.3, False: 12.2}   # row height (mm, "at least") that puts the page breaks where the label says


# =========================================================================== build

def build_digital(doc: Doc, outdir: Path = DIGITAL) -> Path:
    epoch = calendar.timegm((*doc.published, 9, 0, 0))
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / f"{doc.stem}.docx"
        DocxWriter(doc).build(docx)
        pdf = docx_to_pdf(docx, Path(tmp), epoch)
        outdir.mkdir(parents=True, exist_ok=True)
        shutil.move(str(pdf), outdir / pdf.name)
    write_json(outdir / f"{doc.stem}.label.json", doc.label())
    return outdir / f"{doc.stem}.pdf"


def write_json(path: Path, obj: dict) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def page_layout(pdf_path: Path) -> list[dict]:
    """Per page: the 序号 numbers printed, and how many 小计 / 总计 cells (read back only to check layout)."""
    out = []
    with pdfplumber.open(pdf_path) as pdf:
        words0 = pdf.pages[0].extract_words()
        hdr = next(w for w in words0 if w["text"] == "序号")
        lo, hi = hdr["x0"] - 6, hdr["x1"] + 6
        for page in pdf.pages:
            words = page.extract_words()
            out.append({"seq": [int(w["text"]) for w in words
                                if w["text"].isdigit() and lo <= w["x0"] and w["x1"] <= hi],
                        "subtotals": sum(w["text"] == "小计" for w in words),
                        "totals": sum(w["text"] == "总计" for w in words)})
    return out


# ---- 1. sparse attendance table on a landscape page --------------------------

SHIMIAN_STAFF = [   # 姓名, 窗口
    ("王娟", "综合受理"), ("李志强", "综合受理"), ("杨梅", "综合受理"), ("陈浩", "社保"), ("刘芳", "社保"),
    ("赵磊", "医保"), ("何婷", "医保"), ("张伟", "不动产"), ("周敏", "不动产"), ("罗军", "不动产"),
    ("吴静", "公安"), ("马丽", "税务"), ("邓超", "税务"), ("苏琴", "市场监管"), ("高翔", "市场监管"),
    ("冉小燕", "公积金"), ("石勇", "民政"), ("谢红", "交通"), ("彭涛", "帮办代办"), ("龚雪", "帮办代办"),
]


def attendance() -> Doc:
    rng = random.Random(20230531)
    days = list(range(1, 32))
    off = {1, 2, 3, 7, 13, 14, 20, 21, 27, 28}       # May 2023: 劳动节 1–3, weekends (6th a working Saturday)
    grid = {name: [""] * 31 for name, _ in SHIMIAN_STAFF}
    names = [n for n, _ in SHIMIAN_STAFF]
    for d in sorted(off):
        for name in rng.sample(names, rng.choice([2, 2, 3])):
            grid[name][d - 1] = str(rng.choice([rng.randint(1, 9), rng.randint(10, 38)]))
    for name in names:
        duty = [d for d in days if grid[name][d - 1]]
        for d in duty:               # 调休 on a working day later in the month, for some duty days
            later = [x for x in range(d + 2, 32) if x not in off and not grid[name][x - 1]]
            if later and rng.random() < 0.45:
                grid[name][rng.choice(later[:6]) - 1] = "休"
        if rng.random() < 0.35:
            free = [x for x in days if x not in off and not grid[name][x - 1]]
            start = rng.choice(free[:-2])
            kind = rng.choice(["事", "病", "差", "事"])
            for x in range(start, start + rng.choice([1, 1, 2, 3])):
                if x not in off and not grid[name][x - 1]:
                    grid[name][x - 1] = kind
    rows = []
    for i, (name, window) in enumerate(SHIMIAN_STAFF, 1):
        g = grid[name]
        duty = sum(c.isdigit() for c in g)
        leave = sum(c in ("休", "事", "病") for c in g)
        rows.append([str(i), name, window, *g, str(duty) if duty else "", str(leave) if leave else ""])
    header = ["序号", "姓名", "窗口", ("日期", [str(d) for d in days]), "值班（天）", "请休假（天）"]
    t = Tab(title="石棉县政务服务中心窗口工作人员2023年5月值班及考勤统计表", header=header, rows=rows,
            widths_mm=[7, 13, 16] + [6.4] * 31 + [12, 13],
            font="Noto Serif CJK SC", size=8, header_size=8, cell_margin_mm=0.3,
            row_height_mm=6.8, header_height_mm=5.5, title_size=14,
            pre=["部门（盖章）：石棉县政务服务中心　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　统计时段：2023年5月1日—31日"],
            note="注：表内数字为周末及节假日值班当日办件数（件）；“休”为调休，“事”为事假，“病”为病假，"
                 "“差”为出差（不计入请休假天数）。")
    return Doc(stem="scan-attendance-shimian-2023-05", blocks=[t], period="2023-05", period_kind="month",
               published=(2023, 6, 1), landscape=True, body_font="Noto Serif CJK SC", body_size=10.5,
               margins_mm=(16, 17, 14, 17), people={}, metrics=[])


# ---- 4. monthly bulletin: narrative, then a table with a three-row header ------------

YINGJING_WINDOWS = [   # 窗口（部门）, typical monthly 受理
    ("县公安局", 690), ("县人力资源和社会保障局", 540), ("县医疗保障局", 420),
    ("县自然资源局（不动产登记中心）", 380), ("县市场监督管理局", 310), ("国家税务总局荥经县税务局", 450),
    ("县住房和城乡建设局", 95), ("县交通运输局", 120), ("县民政局", 85), ("县卫生健康局", 70),
    ("县农业农村局", 60), ("县水利局", 25), ("县文化广播电视和旅游局", 30),
    ("雅安市住房公积金管理中心荥经管理部", 160),
]


def narrative() -> Doc:
    rng = random.Random(20240402)
    rows, cur_tot, cum_tot = [], [0, 0], [0, 0]
    for i, (dept, base) in enumerate(YINGJING_WINDOWS, 1):
        acc = max(8, int(base * rng.uniform(0.8, 1.2)))
        done = acc - rng.choice([0, 0, 0, 1, 2, 3, 5]) if acc > 50 else acc - rng.choice([0, 0, 1])
        cacc = acc + int(base * rng.uniform(1.6, 2.1))
        cdone = cacc - (acc - done) - rng.choice([0, 1, 2, 4])
        cur_tot = [cur_tot[0] + acc, cur_tot[1] + done]
        cum_tot = [cum_tot[0] + cacc, cum_tot[1] + cdone]
        rows.append([str(i), dept, str(acc), str(done), pct(done, acc), str(cacc), str(cdone), pct(cdone, cacc)])
    rows.append(["合计", "合计", str(cur_tot[0]), str(cur_tot[1]), pct(*cur_tot[::-1]),
                 str(cum_tot[0]), str(cum_tot[1]), pct(*cum_tot[::-1])])
    header = ["序号", "窗口（部门）",
              ("办件情况（件）", [("本月", ["受理", "办结", "办结率"]), ("1—3月累计", ["受理", "办结", "办结率"])])]
    table = Tab(title="荥经县政务服务中心2024年3月各窗口办件情况统计表", header=header, rows=rows,
                merges=[(len(rows) - 1, 0, len(rows) - 1, 1)],
                widths_mm=[10, 46, 16, 16, 17, 17, 17, 17], font="Noto Serif CJK SC", size=10.5,
                header_size=10.5, cell_margin_mm=1.0, row_height_mm=8.5, header_height_mm=7,
                align={1: "left"}, title_size=15, title_font="Noto Sans CJK SC")
    # the township figures and the narrative totals
    town_acc, town_done = 1334, 1326
    all_acc, all_done = cur_tot[0] + town_acc, cur_tot[1] + town_done
    online = round(all_acc * 0.6041)
    reviews = 2306
    people = {"杨建明": "常务副县长", "罗晓梅": "副县长", "周立新": "主任", "何卫平": "副主任", "陈思远": "副主任"}

    def ev(kind, md, people_, end=None):
        return {"kind": kind, "date": f"--{md[0]:02d}-{md[1]:02d}",
                "end_date": None if end is None else f"--{end[0]:02d}-{end[1]:02d}", "people": people_}
    blocks = [
        P("政务服务工作简报", "masthead"),
        P("第3期", "issue"),
        P("荥经县政务服务和公共资源交易服务中心\t2024年4月2日", "rule"),
        P("荥经县2024年3月政务服务工作情况", "center"),
        P("一、总体运行情况", "heading"),
        P(f"3月，全县共受理政务服务事项{all_acc}件，办结{all_done}件，办结率{pct(all_done, all_acc)}。其中，"
          f"县政务服务中心受理{cur_tot[0]}件、办结{cur_tot[1]}件；乡镇（街道）便民服务中心受理{town_acc}件、"
          f"办结{town_done}件。全县网上办件量{online}件，网办率{pct(online, all_acc)}。全县政务服务“好差评”"
          f"评价量{reviews}条，好评率100%，未收到差评。"),
        P("二、重点工作开展情况", "heading"),
        P("（一）领导调研指导。3月6日，县委常委、常务副县长杨建明到县政务服务中心调研“高效办成一件事”推进情况，"
          "实地查看企业开办、不动产登记等窗口，听取中心工作汇报，要求进一步压缩办理时限、减少群众跑动。",
          events=[ev("visit", (3, 6), ["杨建明"])]),
        P("3月12日，县政府副县长罗晓梅主持召开全县政务服务工作推进会，安排部署“一网通办”能力提升和"
          "帮办代办服务工作，县级有关部门和各乡镇（街道）分管负责人参加会议。",
          events=[ev("meeting", (3, 12), ["罗晓梅"])]),
        P("（二）外出学习交流。3月19日至20日，县政务服务和公共资源交易服务中心主任周立新带队赴雅安市雨城区、"
          "名山区学习“一窗通办”改革和综合窗口建设经验，回来后组织召开专题会议研究落实。",
          events=[ev("study_trip", (3, 19), ["周立新"], (3, 20))]),
        P("（三）上级调研指导。3月26日，雅安市政务服务和公共资源交易服务中心副主任何卫平一行到荥经县调研指导"
          "政务服务标准化建设，县政务服务和公共资源交易服务中心副主任陈思远陪同调研。调研组对我县"
          "“综合窗口”改革给予肯定。",
          events=[ev("visit", (3, 26), ["何卫平", "陈思远"])]),
        P("（四）队伍能力建设。3月28日，中心组织开展窗口工作人员业务培训，围绕政务服务事项办事指南、"
          "“好差评”回访整改和文明礼仪等内容进行讲解，进驻部门窗口工作人员参加培训。"),
        P("（五）帮办代办服务。3月14日，县政务服务和公共资源交易服务中心副主任陈思远带领帮办代办专员深入"
          "县经济开发区重点项目现场，上门为企业提供项目审批政策咨询和全程帮办服务，协调解决企业反映的"
          "施工许可办理等问题。", events=[ev("inspection", (3, 14), ["陈思远"])]),
        P("（六）“好差评”回访整改。中心对3月收到的群众评价逐条开展回访，针对群众反映的“部分办事指南表述"
          "不够清晰”等问题，督促相关窗口完善办事指南和一次性告知单，做到件件有回应、事事有着落。"),
        P("三、下步工作打算", "heading"),
        P("一是持续深化“高效办成一件事”改革，梳理公布第二批重点事项清单；二是加强帮办代办队伍建设，"
          "推动更多事项向乡镇（街道）便民服务中心和村（社区）便民服务站延伸；三是抓好“好差评”数据分析运用，"
          "对群众反映的问题及时回访整改，不断提升企业和群众满意度。"),
        P("附件：荥经县政务服务中心2024年3月各窗口办件情况统计表", "plain"),
        P("报：市政务服务和公共资源交易服务中心，县委办、县政府办。", "sendto"),
        P("送：县级有关部门，各乡镇（街道）。", "sendto"),
        "pagebreak",
        table,
    ]
    metrics = [
        {"subject": "全县", "name": "受理", "value": all_acc, "unit": "件"},
        {"subject": "全县", "name": "办结", "value": all_done, "unit": "件"},
        {"subject": "全县", "name": "办结率", "value": float(pct(all_done, all_acc)[:-1]), "unit": "%"},
        {"subject": "县政务服务中心", "name": "受理", "value": cur_tot[0], "unit": "件"},
        {"subject": "县政务服务中心", "name": "办结", "value": cur_tot[1], "unit": "件"},
        {"subject": "乡镇（街道）便民服务中心", "name": "受理", "value": town_acc, "unit": "件"},
        {"subject": "乡镇（街道）便民服务中心", "name": "办结", "value": town_done, "unit": "件"},
        {"subject": "全县", "name": "网上办件量", "value": online, "unit": "件"},
        {"subject": "全县", "name": "网办率", "value": float(pct(online, all_acc)[:-1]), "unit": "%"},
        {"subject": "全县", "name": "评价量", "value": reviews, "unit": "条"},
        {"subject": "全县", "name": "好评率", "value": 100, "unit": "%"},
    ]
    return Doc(stem="scan-narrative-yingjing-2024-03", blocks=blocks, period="2024-03", period_kind="month",
               published=(2024, 4, 2), body_font="AR PL UKai CN", body_size=15, margins_mm=(30, 26, 28, 28),
               footer=True, people=people, metrics=metrics)


# =========================================================================== degradations
# Images are float32 arrays, 0..255, H×W (grey) or H×W×3 (RGB).

def _lowfreq(rng: np.random.Generator, shape: tuple[int, int], cell: int, sigma: float) -> np.ndarray:
    h, w = shape
    coarse = rng.normal(0, sigma, (h // cell + 3, w // cell + 3)).astype(np.float32)
    return cv2.resize(coarse, (w + 2 * cell, h + 2 * cell), interpolation=cv2.INTER_CUBIC)[cell:cell + h, cell:cell + w]


def _ch(m: np.ndarray, img: np.ndarray) -> np.ndarray:
    return m[..., None] if img.ndim == 3 else m


def laser_print(img, rng, dpi, paper=228.0, toner=38.0, gain=0.35, density=0.08, fibre=2.5,
                paper_tint=(1.0, 1.0, 1.0)):
    """Print on office paper: toner coverage spreads a little (dot gain) and varies in density;
    the paper is off-white with a faint fibre texture and slow mottling."""
    grey = img.mean(axis=2) if img.ndim == 3 else img
    cover = 1 - grey / 255.0                                       # 0 paper .. 1 solid toner
    cover = cv2.GaussianBlur(cover, (0, 0), 0.5 * dpi / 200)
    cover = np.clip(cover * (1 + gain), 0, 1) ** 0.9
    cover *= np.clip(1 + _lowfreq(rng, cover.shape, max(8, dpi // 3), density), 0.6, 1.2)
    paper_map = paper + _lowfreq(rng, cover.shape, dpi, 3.0) \
        + cv2.GaussianBlur(rng.normal(0, fibre, cover.shape).astype(np.float32), (0, 0), 0.7)
    if img.ndim == 3:
        # colour stays colour: mix the printed colour with the paper colour, ink density from cover
        tint = np.array(paper_tint, np.float32)
        base = img / 255.0
        out = paper_map[..., None] * tint * (0.12 + 0.88 * base)
        out = out * (1 - 0.25 * cover[..., None]) + toner * 0.25 * cover[..., None]
        return out.astype(np.float32)
    return (paper_map - (paper_map - toner) * np.clip(cover, 0, 1)).astype(np.float32)


def rotate(img, deg: float, bg: float | tuple = 238.0):
    """Sheet lying askew (counter-clockwise for deg > 0); the scanner lid shows in the corners."""
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    fill = bg if isinstance(bg, tuple) else (bg, bg, bg)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=fill)


def quarter_turn(img, quarters: int):
    """1 = 90° counter-clockwise, 3 = 90° clockwise, 2 = upside down."""
    return np.ascontiguousarray(np.rot90(img, quarters))


def lid_edge(img, rng, side: str = "left", width: int = 14, dark: float = 95.0):
    """A soft dark strip where the sheet did not reach the edge of the glass."""
    h, w = img.shape[:2]
    ramp = np.clip(1 - np.arange(width * 3, dtype=np.float32) / (width * 3), 0, 1) ** 2
    ramp = ramp * (1 + 0.15 * rng.standard_normal(ramp.shape).astype(np.float32))
    m = np.zeros((h, w), np.float32)
    if side == "left":
        m[:, :ramp.size] = ramp[None, :]
    elif side == "right":
        m[:, -ramp.size:] = ramp[::-1][None, :]
    elif side == "top":
        m[:ramp.size, :] = ramp[:, None]
    else:
        m[-ramp.size:, :] = ramp[::-1][:, None]
    return img * (1 - _ch(m, img)) + dark * _ch(m, img)


def defocus(img, sigma_px: float):
    return cv2.GaussianBlur(img, (0, 0), sigma_px)


def sensor(img, rng, sigma: float = 5.0, dust: int = 0, hairs: int = 0):
    """Read noise, dust specks and a few hairs/scratches on the glass."""
    out = img + rng.normal(0, sigma, img.shape).astype(np.float32)
    h, w = img.shape[:2]
    if dust or hairs:
        m = np.zeros((h, w), np.uint8)
        for _ in range(dust):
            x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
            cv2.circle(m, (x, y), int(rng.integers(1, 3)), 255, -1)
        for _ in range(hairs):
            x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
            pts = [(x, y)]
            ang = rng.uniform(0, 2 * math.pi)
            for _ in range(12):
                ang += rng.normal(0, 0.35)
                x, y = x + int(9 * math.cos(ang)), y + int(9 * math.sin(ang))
                pts.append((x, y))
            cv2.polylines(m, [np.array(pts, np.int32)], False, 255, 1)
        mm = cv2.GaussianBlur(m.astype(np.float32) / 255, (0, 0), 0.6)
        out = out * (1 - 0.7 * _ch(mm, out)) + 30 * 0.7 * _ch(mm, out)
    return out


def lamp(img, strength: float = 0.08, towards: str = "right"):
    """Scanner lamp weaker towards one edge."""
    h, w = img.shape[:2]
    if towards in ("right", "left"):
        t = np.linspace(0, 1, w, dtype=np.float32)[None, :]
        t = t if towards == "right" else t[:, ::-1]
    else:
        t = np.linspace(0, 1, h, dtype=np.float32)[:, None]
        t = t if towards == "bottom" else t[::-1, :]
    return img * _ch(1 - strength * t ** 2, img)


def red_seal(img, rng, dpi, centre: tuple[float, float], name: str, diameter_mm: float = 42.0,
             angle: float = 8.0, ink=(196, 28, 36), strength: float = 0.88):
    """Round official seal: thick outer ring, five-pointed star, the organisation's name along
    the upper arc, 业务专用章 under the star; patchy ink; multiply-blended so text shows through."""
    px = dpi / 25.4
    d = int(diameter_mm * px)
    size = d + 16
    c = size / 2
    im = Image.new("L", (size, size), 0)
    dr = ImageDraw.Draw(im)
    ring = max(3, int(1.2 * px))
    dr.ellipse([c - d / 2, c - d / 2, c + d / 2, c + d / 2], outline=255, width=ring)
    r_star = d * 0.15
    pts = []
    for k in range(10):
        r = r_star if k % 2 == 0 else r_star * 0.38
        a = math.radians(-90 + 36 * k)
        pts.append((c + r * math.cos(a), c + r * math.sin(a)))
    dr.polygon(pts, fill=255)
    span = 250.0
    per = math.radians(span) / len(name)            # arc per character (radians)
    gsize = int(min(d * 0.13, 0.92 * (d / 2 - ring) * per / (1 + 0.92 * 0.72 * per)))
    font = ImageFont.truetype(NOTO_SERIF_BOLD, gsize, index=SC)
    radius = d / 2 - ring - gsize * 0.72
    for k, ch in enumerate(name):
        theta = -span / 2 + span * (k + 0.5) / len(name)
        g = Image.new("L", (gsize * 2, gsize * 2), 0)
        ImageDraw.Draw(g).text((gsize, gsize), ch, font=font, fill=255, anchor="mm")
        g = g.transform(g.size, Image.Transform.AFFINE, (1.25, 0, -0.125 * gsize * 2, 0, 1, 0),
                        resample=Image.Resampling.BICUBIC)        # condensed, like seal lettering
        g = g.rotate(-theta, resample=Image.Resampling.BICUBIC)
        x = c + radius * math.sin(math.radians(theta)) - gsize
        y = c - radius * math.cos(math.radians(theta)) - gsize
        im.paste(255, (int(x), int(y)), g)
    small = ImageFont.truetype(NOTO_SERIF_BOLD, int(d * 0.085), index=SC)
    dr.text((c, c + d * 0.29), "业务专用章", font=small, fill=255, anchor="mm")
    mask = np.asarray(im.rotate(angle, resample=Image.Resampling.BICUBIC), np.float32) / 255
    press = np.clip(0.85 + _lowfreq(rng, mask.shape, max(6, d // 8), 0.22), 0.3, 1.0)
    press *= np.clip(1 - 0.5 * (np.linspace(0, 1, size, dtype=np.float32)[None, :] ** 3), 0, 1)   # lighter on one side
    grain = cv2.GaussianBlur((rng.random(mask.shape) > 0.15).astype(np.float32), (0, 0), 0.9)
    mask = cv2.GaussianBlur(mask * press * grain, (0, 0), 0.7 * dpi / 200) * strength
    h, w = img.shape[:2]
    x0, y0 = int(centre[0] * w - c), int(centre[1] * h - c)
    ys, xs = slice(max(0, -y0), min(size, h - y0)), slice(max(0, -x0), min(size, w - x0))
    reg = img[max(0, y0):y0 + size, max(0, x0):x0 + size]
    reg *= 1 - mask[ys, xs][..., None] * (1 - np.array(ink, np.float32) / 255)
    return img


# ---- phone photo -----------------------------------------------------------

def photo_of_sheet(sheet, rng, out_w: int, out_h: int, corners: list[tuple[float, float]],
                   desk=(92, 84, 74)):
    """The sheet photographed on a desk: corners (fractions of the output) in TL, TR, BR, BL order."""
    h, w = sheet.shape[:2]
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    dst = np.array([[x * out_w, y * out_h] for x, y in corners], np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    bg = np.empty((out_h, out_w, 3), np.float32)
    bg[:] = desk
    bg += _lowfreq(rng, (out_h, out_w), 40, 6)[..., None]
    warped = cv2.warpPerspective(sheet, m, (out_w, out_h), flags=cv2.INTER_AREA, borderValue=(0, 0, 0))
    inside = cv2.warpPerspective(np.ones((h, w), np.float32), m, (out_w, out_h), flags=cv2.INTER_LINEAR)
    return bg * (1 - inside[..., None]) + warped * inside[..., None]


def cast_shadow(img, poly: list[tuple[float, float]], depth: float = 0.35, soft: float = 0.06):
    """A soft shadow (phone, hand) over a polygon given in fractions of the image."""
    h, w = img.shape[:2]
    m = np.zeros((h, w), np.float32)
    cv2.fillPoly(m, [np.array([[x * w, y * h] for x, y in poly], np.int32)], 1.0)
    m = cv2.GaussianBlur(m, (0, 0), soft * w)
    return img * _ch(1 - depth * m, img)


def light_falloff(img, strength: float = 0.22, centre=(0.45, 0.4)):
    h, w = img.shape[:2]
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    r = np.hypot((x / w - centre[0]) * 1.3, y / h - centre[1])
    return img * _ch(1 - strength * np.clip(r / r.max(), 0, 1) ** 1.6, img)


def white_balance(img, rgb=(1.03, 0.98, 0.86)):
    return img * np.array(rgb, np.float32)


# =========================================================================== image PDF

def jpeg(img, quality: int, dpi: int, colour: bool, subsampling: int = 2) -> bytes:
    a = np.clip(np.rint(img), 0, 255).astype(np.uint8)
    if a.ndim == 3 and not colour:
        a = cv2.cvtColor(a, cv2.COLOR_RGB2GRAY)
    buf = io.BytesIO()
    Image.fromarray(a).save(buf, "JPEG", quality=quality, dpi=(dpi, dpi), subsampling=subsampling,
                            optimize=False)
    return buf.getvalue()


def image_pdf(path: Path, pages: list[tuple[bytes, int, int, bool, float, float]]) -> None:
    """One full-page JPEG per page: (data, px w, px h, colour, box w pt, box h pt). No dates."""
    objs: list[bytes] = []
    n = len(pages)
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(b"<< /Type /Pages /Count %d /Kids [%s] >>"
                % (n, b" ".join(b"%d 0 R" % (4 + 3 * i) for i in range(n))))
    objs.append(b"<< /Producer (samples/make_hard_scans.py) >>")
    for i, (data, w, h, colour, bw, bh) in enumerate(pages):
        img_id, cont_id = 5 + 3 * i, 6 + 3 * i
        content = b"q\n%.2f 0 0 %.2f 0 0 cm\n/Scan Do\nQ\n" % (bw, bh)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
                    b"/Resources << /XObject << /Scan %d 0 R >> >> /Contents %d 0 R >>" % (bw, bh, img_id, cont_id))
        objs.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s "
                    b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
                    % (w, h, b"DeviceRGB" if colour else b"DeviceGray", len(data)) + data + b"\nendstream")
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream")
    out = bytearray(b"%PDF-1.4\n%\xc7\xec\x8f\xa2\n")
    offs = []
    for k, body in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))


# =========================================================================== scans

@dataclass
class ScanSpec:
    source: str              # digital stem
    kind: str                # output: <source>-scan-<kind>.pdf
    seed: int
    dpi: int
    quality: int
    colour: bool
    process: object          # (img, page index, rng, dpi) -> img

    @property
    def name(self) -> str:
        return f"{self.source}-scan-{self.kind}"


def seal_centre(stem: str, page: int, fx: float, fy: float) -> tuple[float, float]:
    """A point of the first table on a digital page, as fractions of the page (seal placement only)."""
    with pdfplumber.open(DIGITAL / f"{stem}.pdf") as pdf:
        pg = pdf.pages[page]
        x0, top, x1, bottom = pg.find_tables()[0].bbox
        return (x0 + fx * (x1 - x0)) / float(pg.width), (top + fy * (bottom - top)) / float(pg.height)


def _att_flat(img, i, rng, dpi):
    img = laser_print(img, rng, dpi, paper=226, toner=42)
    img = rotate(img, 0.8, bg=236)
    img = lamp(img, 0.07, "bottom")
    return sensor(img, rng, sigma=4.5, dust=40, hairs=1)


def _att_sideways(img, i, rng, dpi):
    img = laser_print(img, rng, dpi, paper=221, toner=50, density=0.12)
    img = quarter_turn(img, 3)                 # fed sideways: top of the text at the right
    img = rotate(img, -1.6, bg=228)
    img = lid_edge(img, rng, "top", width=int(dpi * 0.05))
    img = defocus(img, 0.6)
    return sensor(img, rng, sigma=6.5, dust=45)


def _long_repeat(img, i, rng, dpi):
    img = laser_print(img, rng, dpi, paper=224, toner=45)
    img = rotate(img, [1.2, -0.6, 1.9, 0.9][i], bg=240)
    img = defocus(img, 0.9)
    img = lid_edge(img, rng, "left", width=int(dpi * 0.06))
    return sensor(img, rng, sigma=5, dust=50)


def _long_norepeat(img, i, rng, dpi):
    img = laser_print(img, rng, dpi, paper=218, toner=58, density=0.15, fibre=4)
    img = rotate(img, [-2.6, -1.1, -2.2, 0.5][i], bg=205)
    img = lamp(img, 0.12, "right")
    return sensor(img, rng, sigma=7, dust=120, hairs=2)


def _narrative_seal(img, i, rng, dpi):
    img = laser_print(img, rng, dpi, paper=230, toner=40, paper_tint=(1.0, 0.985, 0.95))
    if i == 2:
        centre = seal_centre("scan-narrative-yingjing-2024-03", 2, 0.80, 0.62)   # over 1—3月累计
        img = red_seal(img, rng, dpi, centre, "荥经县政务服务和公共资源交易服务中心",
                       diameter_mm=42, angle=-9)
    if i == 1:
        img = quarter_turn(img, 2)             # page 2 went through the feeder upside down
    img = rotate(img, [0.7, -0.9, 1.4][i], bg=(240, 238, 232))
    img = defocus(img, 0.5)
    return sensor(img, rng, sigma=4, dust=30)


def scan_specs() -> list[ScanSpec]:
    return [
        ScanSpec("scan-attendance-shimian-2023-05", "flat", 101, 300, 72, False, _att_flat),
        ScanSpec("scan-attendance-shimian-2023-05", "sideways", 102, 200, 68, False, _att_sideways),
        ScanSpec("scan-longtable-lushan-2024q1-repeat", "skew", 103, 200, 75, False, _long_repeat),
        ScanSpec("scan-longtable-lushan-2024q1-norepeat", "250dpi", 104, 250, 62, False, _long_norepeat),
        ScanSpec("scan-narrative-yingjing-2024-03", "seal", 105, 200, 76, True, _narrative_seal),
    ]


def make_scan(s: ScanSpec) -> Path:
    rng = np.random.default_rng(s.seed)
    pdf = pdfium.PdfDocument(DIGITAL / f"{s.source}.pdf")
    pages = []
    for i in range(len(pdf)):
        page = pdf[i]
        bw, bh = page.get_size()
        img = np.asarray(page.render(scale=s.dpi / 72).to_pil().convert("RGB"), np.float32)
        if not s.colour:
            img = img.mean(axis=2)
        img = s.process(img, i, rng, s.dpi)
        h, w = img.shape[:2]
        if (w > h) != (bw > bh):          # turned by 90°: the page box turns with the image
            bw, bh = bh, bw
        pages.append((jpeg(img, s.quality, s.dpi, s.colour), w, h, s.colour, bw, bh))
    pdf.close()
    out = SCANNED / f"{s.name}.pdf"
    image_pdf(out, pages)
    shutil.copyfile(DIGITAL / f"{s.source}.label.json", SCANNED / f"{s.name}.label.json")
    return out


# =========================================================================== 3. colour pictures

BEICHUAN_TOWNS = ["曲山镇", "擂鼓镇", "永昌镇", "通泉镇", "永安镇", "禹里镇", "桂溪镇", "陈家坝镇", "小坝镇",
                  "漩坪乡", "白坭乡", "片口乡", "开坪乡", "坝底乡", "白什乡", "青片乡", "桃龙藏族乡", "马槽乡",
                  "都贯乡"]


def colour_table() -> Tab:
    rng = random.Random(2023_1231)
    rows, tot = [], [0] * 6
    for i, town in enumerate(BEICHUAN_TOWNS, 1):
        n = rng.randint(2600, 9800) if i <= 9 else rng.randint(420, 2400)
        bad2 = rng.choice([0, 0, 0, 0, 1])
        bad = rng.choice([0, 0, 1, 1, 2, 3])
        basic = rng.randint(2, max(3, n // 120))
        sat = rng.randint(n // 25, n // 10)
        very = n - bad2 - bad - basic - sat
        vals = [n, very, sat, basic, bad, bad2]
        tot = [a + b for a, b in zip(tot, vals)]
        rows.append([str(i), town, *map(str, vals), pct(very + sat + basic, n)])
    rows.append(["合计", "合计", *map(str, tot), pct(tot[1] + tot[2] + tot[3], tot[0])])
    header = ["序号", "乡镇", "评价总数（次）",
              ("评价等级（次）", ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]), "好评率"]
    return Tab(title="北川羌族自治县2023年乡镇便民服务中心政务服务“好差评”情况", header=header, rows=rows,
               widths_mm=[0.6, 1.25, 1.35, 1.2, 1.0, 1.05, 1.0, 1.15, 1.05],   # relative widths
               merges=[(len(rows) - 1, 0, len(rows) - 1, 1)])


def draw_colour_table(t: Tab, scale: float, paper: bool) -> Image.Image:
    """The table as an office screenshot (paper=False) or as a colour print of it (paper=True):
    dark-blue header band with white bold text, white rules inside the band, striped body rows,
    a tinted 合计 row, thin grey grid."""
    S = lambda v: int(round(v * scale))   # noqa: E731
    font = ImageFont.truetype(NOTO_SANS, S(15), index=SC)
    bold = ImageFont.truetype(NOTO_SANS_BOLD, S(15), index=SC)
    tfont = ImageFont.truetype(NOTO_SANS_BOLD, S(21), index=SC)
    rel = t.widths_mm
    table_w = S(1060)
    xs = [S(40)]
    for r in rel:
        xs.append(xs[-1] + table_w * r / sum(rel))
    xs = [int(round(x)) for x in xs]
    top = S(86)
    hrow, brow = S(36), S(31)
    nh = header_depth(t.header)
    width = xs[-1] + S(40)
    height = top + nh * hrow + len(t.rows) * brow + S(50)
    im = Image.new("RGB", (width, height), (255, 255, 255) if paper else (250, 251, 253))
    d = ImageDraw.Draw(im)
    d.text((width // 2, S(44)), t.title, font=tfont, fill=(31, 56, 100), anchor="mm")
    band, rule_in = (31, 78, 121), (255, 255, 255)
    grid = (191, 191, 191)
    stripe = [(255, 255, 255), (221, 235, 247)]
    total_fill = (252, 228, 214)
    y_body = top + nh * hrow
    d.rectangle([xs[0], top, xs[-1], y_body], fill=band)
    for r, c, rs, cs, text in header_cells(t.header):
        x0, x1 = xs[c], xs[c + cs]
        y0, y1 = top + r * hrow, top + (r + rs) * hrow
        d.rectangle([x0, y0, x1, y1], outline=rule_in, width=max(1, S(1)))
        d.text(((x0 + x1) / 2, (y0 + y1) / 2), text, font=bold, fill=(255, 255, 255), anchor="mm")
    covered = {(r, c) for r0, c0, r1, c1 in t.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    starts = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in t.merges}
    for r, row in enumerate(t.rows):
        y0 = y_body + r * brow
        is_total = row[0] == "合计"
        d.rectangle([xs[0], y0, xs[-1], y0 + brow], fill=total_fill if is_total else stripe[r % 2])
        for c, text in enumerate(row):
            if (r, c) in covered and (r, c) not in starts:
                continue
            r1, c1 = starts.get((r, c), (r, c))
            x0, x1 = xs[c], xs[c1 + 1]
            d.rectangle([x0, y0, x1, y_body + (r1 + 1) * brow], outline=grid, width=max(1, S(1)))
            d.text(((x0 + x1) / 2, y0 + brow / 2), text, font=bold if is_total else font,
                   fill=(30, 30, 30), anchor="mm")
    d.rectangle([xs[0], top, xs[-1], y_body + len(t.rows) * brow], outline=(120, 120, 120), width=max(1, S(1)))
    return im


def make_colour_pictures() -> list[Path]:
    t = colour_table()
    label = {"tables": [t.label()]}
    out = []
    # clean screenshot-like PNG
    shot = draw_colour_table(t, 1.0, paper=False)
    p = SCANNED / "scan-colour-beichuan-2023-screen.png"
    shot.save(p, "PNG", optimize=False)
    write_json(SCANNED / f"{p.stem}.label.json", label)
    out.append(p)
    # phone photo of a colour print of it, JPEG
    rng = np.random.default_rng(106)
    big = draw_colour_table(t, 2.0, paper=True)
    sheet = np.asarray(big, np.float32)
    pad = 120                                           # paper margin around the printed table
    sheet = cv2.copyMakeBorder(sheet, pad, int(pad * 1.6), pad, pad, cv2.BORDER_CONSTANT, value=(255, 255, 255))
    sheet = sheet * 0.93 + _lowfreq(rng, sheet.shape[:2], 60, 2.0)[..., None]   # paper, not backlit
    sheet = defocus(sheet, 0.8)
    ow, oh = 2400, int(2400 * sheet.shape[0] / sheet.shape[1] * 1.08)
    img = photo_of_sheet(sheet, rng, ow, oh,
                         [(0.065, 0.075), (0.925, 0.045), (0.955, 0.955), (0.035, 0.93)])
    img = light_falloff(img, 0.2, centre=(0.4, 0.35))
    img = cast_shadow(img, [(0.55, 1.02), (1.02, 0.62), (1.02, 1.02)], depth=0.38, soft=0.05)
    img = white_balance(img, (1.04, 0.99, 0.87))
    img = cv2.resize(img, (1800, int(1800 * oh / ow)), interpolation=cv2.INTER_AREA)
    img = defocus(img, 0.7)
    img = sensor(img, rng, sigma=3.5)
    p = SCANNED / "scan-colour-beichuan-2023-photo.jpg"
    p.write_bytes(jpeg(img, 70, 72, True, subsampling=2))
    write_json(SCANNED / f"{p.stem}.label.json", label)
    out.append(p)
    return out


# =========================================================================== main

def documents() -> list[Doc]:
    return [attendance(), longtable(True), longtable(False), narrative()]


EXPECTED_LONG = {   # page -> (first 序号, last 序号, 小计 count, 总计 count), checked after conversion
    "scan-longtable-lushan-2024q1-repeat": [(1, 15, 2, 0), (16, 32, 3, 0), (33, 50, 2, 0), (None, None, 1, 1)],
    "scan-longtable-lushan-2024q1-norepeat": [(1, 15, 2, 0), (16, 32, 3, 0), (33, 50, 2, 0), (None, None, 1, 1)],
}


def check_layout(doc: Doc, pdf: Path) -> None:
    n = len(pdfium.PdfDocument(pdf))
    want_pages = {"scan-attendance-shimian-2023-05": 1, "scan-narrative-yingjing-2024-03": 3}
    if doc.stem in EXPECTED_LONG:
        got = [(l["seq"][0] if l["seq"] else None, l["seq"][-1] if l["seq"] else None,
                l["subtotals"], l["totals"]) for l in page_layout(pdf)]
        if got != EXPECTED_LONG[doc.stem]:
            sys.exit(f"{doc.stem}: page breaks moved: {got} (see LONG_TUNE)")
    elif n != want_pages[doc.stem]:
        sys.exit(f"{doc.stem}: {n} pages, expected {want_pages[doc.stem]}")


def main(prefixes: list[str]) -> int:
    if shutil.which("soffice") is None:
        sys.exit("soffice not found: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai")
    SCANNED.mkdir(parents=True, exist_ok=True)

    def wanted(stem: str) -> bool:
        return not prefixes or any(stem.startswith(p) for p in prefixes)
    for doc in documents():
        if wanted(doc.stem):
            pdf = build_digital(doc)
            check_layout(doc, pdf)
            print(f"wrote digital/{doc.stem}.pdf and .label.json")
    for s in scan_specs():
        if wanted(s.name):
            make_scan(s)
            print(f"wrote scanned/{s.name}.pdf and .label.json")
    if wanted("scan-colour-beichuan-2023"):
        for p in make_colour_pictures():
            print(f"wrote scanned/{p.name} and .label.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
