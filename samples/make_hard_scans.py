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
here (not imported from make_scans.py); every output has its own fixed seed
and the image PDFs are written by hand without dates, so reruns are
byte-identical with the same library versions.

Generator-only requirements: LibreOffice writer, fonts-noto-cjk,
fonts-arphic-ukai/uming, python-docx (plus the extractor's own numpy, opencv,
Pillow, pypdfium2, pdfplumber).  People, villages and figures are invented;
county, township and department names are real.
"""
from __future__ import annotations

import calendar
import hashlib
import io
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import cv2
import numpy as np
import pdfplumber
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

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
            elif st == "rule":
                p = self.para(D, b.text, doc.body_font, 14, align="justify", after=12)
                self.rule(p, "D0021B", 18)
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


def docx_to_pdf(docx: Path, outdir: Path, epoch: int) -> Path:
    """LibreOffice with a throw-away profile; fixed creation date, /DocChecksum and /ID."""
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), TZ="UTC")
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
                       check=True, env=env, capture_output=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = outdir / (docx.stem + ".pdf")
    data = pdf.read_bytes()
    stamp = time.strftime("D:%Y%m%d%H%M%S", time.gmtime(epoch)).encode()
    data = re.sub(rb"(/CreationDate\s*\()D:\d{14}", lambda m: m.group(1) + stamp, data)
    volatile = rb"(/ID\s*\[\s*<)([0-9A-F]+)(>\s*<)([0-9A-F]+)(>)|(/DocChecksum\s*/)([0-9A-F]+)"
    digest = hashlib.md5(re.sub(volatile, b"", data)).hexdigest().upper().encode() * 2

    def fill(m: re.Match) -> bytes:
        return b"".join(digest[:len(g)] if i in (2, 4, 7) else g
                        for i, g in enumerate(m.groups(), 1) if g is not None)
    pdf.write_bytes(re.sub(volatile, fill, data))
    return pdf


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
            cell_margin_mm=0.35, row_height_mm=9.5, header_height_mm=9, align={2: "left", 8: "left"},
            title_size=15, title_before_pt=LONG_TUNE[repeat],
            pre=["填报单位：芦山县政务服务和公共资源交易服务中心　　　　填报日期：2024年4月8日"],
            unit="",
            note="注：办结率＝办结件数÷受理件数；代办帮办为村（社区）代办员上门或帮助群众网上申办的件数。")
    return Doc(stem=f"scan-longtable-lushan-2024q1-{'repeat' if repeat else 'norepeat'}",
               blocks=[t], period="2024-Q1", period_kind="quarter", published=(2024, 4, 8),
               body_font="Noto Serif CJK SC", body_size=10.5, margins_mm=(22, 22, 20, 22), footer=True,
               people={}, metrics=[])


LONG_TUNE = {True: 0.0, False: 0.0}     # pt before the title: moves the page breaks


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
