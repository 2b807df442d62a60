#!/usr/bin/env python3
"""Build samples/ocr2/: five blind test documents for OCR of scans (rare characters, lone digits).

    .venv/bin/python samples/make_ocr2.py                 # digital PDFs, labels, then the scans
    .venv/bin/python samples/make_ocr2.py NAME ...        # only these (stem or a part of it)
    .venv/bin/python samples/make_ocr2.py --scans [NAME]  # only the scanned copies (after a digital build)

Five synthetic documents built with the helpers of make_checks2.py
(statsynth.model / writer / output / scan), each aimed at what a small, fast
OCR model reads wrong on a scan:

1. ocr-huangshan-lvyou-2023 (安徽 黄山市) 文化和旅游发展统计公报: a 三线表 of
   indicators (两行表头 绝对数/2023年, /2022年, growth, `—`, lone `1`/`0`) and a
   fully ruled 8 pt table with a three-row header (旅游资源/A级旅游景区（个）/5A级 …),
   lone one-digit cells, a ●/○ column; 歙县, 黟县, 祁门县, 屯溪区, 徽州区; officials
   鲍昶, 汪琇, 程翀.  Scan: RGB, red seal over the last rows of the ruled table.
2. ocr-shangrao-zhengwu-2024-03 (江西 上饶市) 政务服务 monthly bulletin: a fully ruled
   table with hair-line rules (0.25 pt), 13 县（市、区） (婺源县, 弋阳县, 铅山县, 鄱阳县 …),
   mostly lone digits in 超期/差评/整改/投诉, a ●/○/— column; a 三线表 of the units
   with 差评 (国家税务总局婺源县税务局 …); officials 祝彧, 俞婧, 江甦.  Scan: 150 dpi.
3. ocr-linyi-weijian-2024-Q1 (山东 临沂市) 基层医疗卫生 quarterly report: fully ruled
   8 pt table, three-row header, 合计 on top, 郯城县, 莒南县, 沂水县, 沂南县, 临沭县,
   `—` for the districts in the 医共体 column (●/○ for the counties); a 三线表 of
   indicators with 完成进度; officials 颜堃, 亓玥, 逄祎.  Scan: skew −1.5°.
4. ocr-qianwei-nongye-2023 (四川 乐山市 犍为县) 通报: fully ruled UMing 8.5 pt table of
   15 镇 (舞雩镇, 芭沟镇, 孝姑镇 …), `-` where no project, lone digits, ●/○; a 三线表 of
   茉莉花 by town with a growth column; officials 罗燚, 宋珺, 蒋赟.  Scan: faded toner.
5. ocr-xinyang-shuili-2024-H1 (河南 信阳市) 水库安全度汛 通报: fully ruled 8 pt table with
   thin rules and a three-row header (水库（座）/大中型/大型 …), `—` where no 除险加固,
   ●/○; a 三线表 of the large reservoirs (鲇鱼山水库, 南湾水库 …) with 蓄水率;
   浉河区, 潢川县, 淮滨县; officials 熊昉, 詹喆, 郗珩.  Scan: blur σ 1.

From one description per document the script writes the .docx (python-docx),
the PDF (LibreOffice, stamped dates) and the label (never read back from the
PDF).  Every relation in a label is checked against the label's own printed
strings before the label is written (`verify`); every narrative quote must
occur exactly once in the text and equal its cell; every entity mention must be
printed; every character must have a glyph in the CJK fonts used.  Then each PDF
is printed and scanned once (statsynth.scan) into NAME-scan.pdf with the label
copied unchanged.  Figures and officials are invented; county, township and
department names are real (codes from models/gazetteer/divisions.tsv), and so
are the reservoir names of 5.  Fixed seeds, stamped dates: a rerun gives the
same files (same LibreOffice and library versions).
"""
from __future__ import annotations

import calendar
import json
import random
import re
import shutil
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import statsynth.writer as W  # noqa: E402
from statsynth.helpers import KAI, MING, SANS, SERIF  # noqa: E402
from statsynth.model import FIG, Break, Doc, HCell, Para, Table, paths_from_levels, printed, tree_header  # noqa: E402
from statsynth.output import _nfc, check_narrative, docx_to_pdf  # noqa: E402
from statsynth.writer import build_docx  # noqa: E402

OUT = HERE / "ocr2"
GAZ = HERE.parent / "models" / "gazetteer" / "divisions.tsv"
ENTITIES = True          # write `entities` ({mention: code}) into the labels


@dataclass
class RTable(Table):
    """A table with the relations its printed numbers state (label indexes), and the
    weight of its rules (`rule`, eighths of a point, for every rule that the writer
    draws at 6 = 0.75 pt; outer rules of a 三线表 keep `thick`).

    Keys of a relation that start with ``_`` are for `verify` only and are not
    written to the label: ``_cols`` the amount columns a column_total is checked
    in, ``_scale`` 100 / 1000 for a ratio printed as % / ‰ (1 for a plain quotient)."""
    relations: list = field(default_factory=list)
    rule: int = 6

    def __post_init__(self):
        if self.header and not isinstance(self.header[0], HCell):
            self.header = tree_header(self.header)


def _apply_borders(table, lay) -> None:
    """statsynth.writer._apply_borders with the table's own rule weight (thin rules)."""
    rule = getattr(lay.t, "rule", 6)

    def w(sz):
        return rule if sz == 6 else sz
    for pr, tr in enumerate(table._tbl.tr_lst):
        col = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            c0, c1 = col, col + span - 1
            W._tc_borders(tc, w(lay.h_edge(pr - 1, c0)), w(lay.h_edge(pr, c0)), w(lay.v_edge(pr, c0 - 1)),
                          w(lay.v_edge(pr, c1)))
            col += span


W._apply_borders = _apply_borders        # add_table looks it up in the module at call time


# ------------------------------------------------------------------ numbers

def dec_round(x: Decimal, nd: int) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-nd), rounding=ROUND_HALF_UP)


def rate(a, b, scale: int = 100, nd: int = 2) -> str:
    return str(dec_round(Decimal(str(a)) * scale / Decimal(str(b)), nd))


def growth(a, b, nd: int = 1) -> str:
    """(a / b − 1) × 100 from the printed strings."""
    return str(dec_round((Decimal(str(a)) / Decimal(str(b)) - 1) * 100, nd))


def tenth(x: int) -> str:
    return f"{x / 10:.1f}"


def hund(x: int) -> str:
    return f"{x / 100:.2f}"


def total_rel(total: int, parts, cols, fails=None) -> dict:
    d = {"kind": "column_total", "total": total, "parts": list(parts)}
    if fails:
        d["fails"] = fails
    d["_cols"] = list(cols)
    return d


def row_rel(total: int, parts) -> dict:
    return {"kind": "row_total", "total": total, "parts": list(parts)}


def ratio_rel(total: int, num: int, den: int, *, scale: int = 100, growth_=False) -> dict:
    d = {"kind": "ratio", "total": total, "parts": [num, den]}
    if growth_:
        d["growth"] = True
    d["_scale"] = scale
    return d


def narr(text: str, row: int, col: int) -> dict:
    return {"kind": "narrative", "text": text, "cell": [row, col]}


def body(text: str, subject: str = "", **kw) -> Para:
    return Para(text, "body", subject, **kw)


def head(text: str, **kw) -> Para:
    return Para(text, "heading", **kw)


# ------------------------------------------------------------------ gazetteer codes (real names only)

_GAZ: dict[str, list[tuple[str, str]]] = {}


def code(name: str, parent: str | None = None) -> str:
    """Current code of a division named exactly `name` (under `parent`, a code prefix)."""
    if not _GAZ:
        for line in GAZ.read_text(encoding="utf-8").splitlines()[1:]:
            c, n, _lv, par, _s, end = line.split("\t")[:6]
            if not end:
                _GAZ.setdefault(n, []).append((c, par))
    hits = [c for c, par in _GAZ.get(name, []) if parent is None or c.startswith(parent) or par.startswith(parent)]
    assert len(hits) == 1, (name, parent, hits)
    return hits[0]


def places(names, parent: str) -> dict[str, str]:
    return {n: code(n, parent) for n in names}


# ------------------------------------------------------------------ 1. 黄山市 (安徽) 文化和旅游发展统计公报

HUANGSHAN = ["屯溪区", "黄山区", "徽州区", "歙县", "休宁县", "黟县", "祁门县"]
HS_5A = {"黄山区": 1, "歙县": 1, "黟县": 1}
HS_CUN = {"屯溪区": (1, 3), "黄山区": (14, 22), "徽州区": (15, 25), "歙县": (140, 150), "休宁县": (50, 60),
          "黟县": (40, 50), "祁门县": (45, 55)}
HS_QUANYU = {"黄山区", "黟县", "休宁县"}


def huangshan() -> Doc:
    """T1 三线表 (指标/单位/绝对数 2023年, 2022年/比上年增长), indented children, `—` and
    lone 1/0; T2 fully ruled, 8 pt, three-row header, lone digits, ●/○ column, 合计 row."""
    r = random.Random(2024_0412)
    rows2 = []
    for i, c in enumerate(HUANGSHAN):
        a5, a4, a3 = HS_5A.get(c, 0), r.randint(2, 7), r.randint(2, 9)
        cun = r.randint(*HS_CUN[c])
        h5 = 2 if c == "屯溪区" else r.choice([0, 0, 1])
        h4, h3 = r.randint(1, 6), r.randint(1, 9)
        trav = r.randint(70, 95) if c == "屯溪区" else r.randint(20, 35) if c == "黄山区" else r.randint(4, 18)
        rows2.append([str(i + 1), c, str(a5 + a4 + a3), str(a5), str(a4), str(a3), str(cun),
                      str(h5 + h4 + h3), str(h5), str(h4), str(h3), str(trav), "●" if c in HS_QUANYU else "○"])
    T = len(rows2)
    tot = [sum(int(x[k]) for x in rows2) for k in range(2, 12)]
    rows2.append(["合计", "合计"] + [str(x) for x in tot] + ["—"])
    h2 = ["序号", "区县", ("旅游资源", [("A级旅游景区（个）", ["小计", "5A级", "4A级", "3A级"]), "中国传统村落（个）"]),
          ("接待设施", [("星级饭店（家）", ["小计", "五星级", "四星级", "三星级"]), "旅行社（家）"]), "国家全域旅游示范区"]
    sx = HUANGSHAN.index("歙县")
    q2 = {"a": f"A级旅游景区{tot[0]}个", "cun": f"中国传统村落{tot[4]}个", "h": f"星级饭店{tot[5]}家",
          "tr": f"旅行社{tot[9]}家", "sx": f"歙县中国传统村落{rows2[sx][6]}个"}
    rel2 = [total_rel(T, range(T), cols=range(2, 12)), row_rel(2, [3, 4, 5]), row_rel(7, [8, 9, 10]),
            narr(q2["a"], T, 2), narr(q2["cun"], T, 6), narr(q2["h"], T, 7), narr(q2["tr"], T, 11),
            narr(q2["sx"], sx, 6)]
    t2 = RTable("表2　2023年各区县旅游资源和接待设施情况", h2, rows2,
                widths=[0.8, 1.35, 1.0, 0.9, 0.9, 0.9, 1.3, 1.0, 1.0, 1.0, 1.0, 1.1, 1.45], merges=[(T, 0, T, 1)],
                stub=1, borders="grid", font=SANS, size=8, header_size=8, header_bold=False, align="cc" + "c" * 11,
                title_font=SANS, title_size=11, row_height=0.5, header_height=0.5, space_before=12,
                note="注：A级旅游景区、星级饭店为年末数；“●”为已命名国家全域旅游示范区，“○”为未命名。",
                relations=rel2)
    # T1: indicators; the A级/星级/旅行社 rows repeat the 合计 of T2
    dom23, dom22 = r.randint(78000, 80500), r.randint(62000, 64500)     # tenths of 万人次
    inb23, inb22 = r.randint(300, 380), r.randint(90, 140)
    inc23, inc22 = r.randint(79000, 83000), r.randint(63000, 66000)     # hundredths of 亿元
    dinc23, dinc22 = inc23 - r.randint(1200, 1600), inc22 - r.randint(400, 700)
    fx23, fx22 = r.randint(205000, 228000), r.randint(62000, 80000)     # tenths of 万美元
    spec = [("接待游客总人次", 0, "万人次", tenth(dom23 + inb23), tenth(dom22 + inb22)),
            ("国内游客", 1, "万人次", tenth(dom23), tenth(dom22)),
            ("入境游客", 1, "万人次", tenth(inb23), tenth(inb22)),
            ("旅游总收入", 0, "亿元", hund(inc23), hund(inc22)),
            ("其中：国内旅游收入", 1, "亿元", hund(dinc23), hund(dinc22)),
            ("旅游外汇收入", 0, "万美元", tenth(fx23), tenth(fx22)),
            ("游客人均停留天数", 0, "天", "2.1", "1.9"),
            ("A级旅游景区", 0, "个", str(tot[0]), str(tot[0] - 2)),
            ("国家级旅游度假区", 0, "个", "1", "0"),
            ("星级饭店", 0, "家", str(tot[5]), str(tot[5] + 3)),
            ("旅行社", 0, "家", str(tot[9]), str(tot[9] - 7))]
    rows1 = [[s, u, a, b, growth(a, b) if b != "0" else "—"] for s, _, u, a, b in spec]
    lv1 = [x[1] for x in spec]
    A, H, TR = 7, 9, 10
    q = {"t": f"接待游客总人次{rows1[0][2]}万人次", "gt": f"增长{rows1[0][4]}%",
         "d": f"国内游客{rows1[1][2]}万人次", "i": f"入境游客{rows1[2][2]}万人次", "gi": f"增长{rows1[2][4]}%",
         "inc": f"旅游总收入{rows1[3][2]}亿元", "ginc": f"增长{rows1[3][4]}%",
         "fx": f"旅游外汇收入{rows1[5][2]}万美元", "gfx": f"增长{rows1[5][4]}%", "stay": f"停留{rows1[6][2]}天"}
    rel1 = [total_rel(0, [1, 2], cols=[2, 3]), ratio_rel(4, 2, 3, growth_=True),
            narr(q["t"], 0, 2), narr(q["gt"], 0, 4), narr(q["d"], 1, 2), narr(q["i"], 2, 2), narr(q["gi"], 2, 4),
            narr(q["inc"], 3, 2), narr(q["ginc"], 3, 4), narr(q["fx"], 5, 2), narr(q["gfx"], 5, 4),
            narr(q["stay"], 6, 2), narr(q2["a"], A, 2), narr(q2["h"], H, 2), narr(q2["tr"], TR, 2)]
    t1 = RTable("表1　2023年全市文化和旅游主要指标", ["指标", "单位", ("绝对数", ["2023年", "2022年"]), "比上年增长（%）"],
                rows1, levels=lv1, paths=paths_from_levels([x[0] for x in rows1], lv1),
                widths=[4.6, 1.5, 2.2, 2.2, 2.6], width_frac=0.92, borders="three_line", font=SERIF, size=9,
                header_size=9, header_bold=False, align="lcrrr", title_font=SANS, title_size=11, row_height=0.52,
                header_height=0.5, thick=12, rule=4,
                note="注：增长速度按可比口径计算；“—”表示上年无此项，不计算增长。", relations=rel1)
    blocks = [
        Para("黄山市2023年文化和旅游发展统计公报", "title", font=KAI, size=21, after=6),
        Para("黄山市文化和旅游局　黄山市统计局", "subtitle", size=12),
        Para("（2024年4月12日）", "subtitle", size=12, after=10),
        head("一、旅游接待"),
        body(f"2023年，全市{{{q['t']}|接待游客总人次}}，比上年{{{q['gt']}|接待游客总人次增长}}。其中，"
             f"{{{q['d']}|国内游客}}；{{{q['i']}|入境游客}}，{{{q['gi']}|入境游客增长}}。"
             f"游客人均{{{q['stay']}|游客人均停留天数}}，较上年有所延长。", "全市"),
        body(f"全年实现{{{q['inc']}|旅游总收入}}，比上年{{{q['ginc']}|旅游总收入增长}}；"
             f"实现{{{q['fx']}|旅游外汇收入}}，{{{q['gfx']}|旅游外汇收入增长}}。", "全市"),
        t1,
        head("二、旅游资源和接待设施", before=8),
        body(f"年末全市共有{{{q2['a']}|A级旅游景区}}、{{{q2['cun']}|中国传统村落}}、{{{q2['h']}|星级饭店}}、"
             f"{{{q2['tr']}|旅行社}}。其中，{{{q2['sx']}|中国传统村落|歙县}}，居全市首位；"
             "黄山区、休宁县、黟县已命名为国家全域旅游示范区。", "全市"),
        head("三、工作动态"),
        body("8月18日，副市长鲍昶带队到黟县、祁门县调研乡村旅游发展和传统村落保护利用工作，"
             "要求各区县坚持保护优先，推动徽州古村落活化利用。"),
        body("10月26日，市文化和旅游局党组书记、局长汪琇主持召开全市旅游市场秩序整治工作推进会，"
             "部署旅游旺季市场监管和安全生产工作。歙县人民政府副县长程翀介绍了徽州古城景区综合整治经验。"),
        t2,
    ]
    ents = places(["黄山市"], "34") | places(HUANGSHAN, "3410") | {
        "黄山市文化和旅游局": "341000", "黄山市统计局": "341000", "市文化和旅游局": "341000", "歙县人民政府": "341021"}
    return Doc("ocr-huangshan-lvyou-2023", "2023", "year", blocks, body_font=SERIF, body_size=12,
               title_font=KAI, heading_font=SANS, line_spacing=1.4, margins=(2.5, 2.3, 2.5, 2.4),
               footer="di", people={"鲍昶": "副市长", "汪琇": "党组书记、局长", "程翀": "副县长"},
               published=(2024, 4, 12)), ents


# ------------------------------------------------------------------ 2. 上饶市 (江西) 政务服务 monthly bulletin

SHANGRAO = ["市本级", "信州区", "广丰区", "广信区", "玉山县", "铅山县", "横峰县", "弋阳县", "余干县", "鄱阳县",
            "万年县", "婺源县", "德兴市"]
SR_UNITS = [("市本级", "上饶市不动产登记中心"), ("广丰区", "上饶市广丰区行政审批局"),
            ("广信区", "上饶市广信区医疗保障局"), ("铅山县", "铅山县人力资源和社会保障局"), ("弋阳县", "弋阳县公安局"),
            ("余干县", "余干县住房和城乡建设局"), ("鄱阳县", "鄱阳县行政审批局"), ("鄱阳县", "鄱阳县不动产登记中心"),
            ("婺源县", "国家税务总局婺源县税务局"), ("婺源县", "婺源县市场监督管理局")]
SR_WHY = ["窗口等候时间较长", "一次性告知不到位", "系统故障退件", "材料要求解释不清", "办理时限偏长", "咨询电话无人接听"]


def shangrao() -> Doc:
    """T1 fully ruled with 0.25 pt rules, two-row header, 13 rows of mostly lone digits
    (超期/差评/整改/投诉), 办结率, a ●/○/— column, 合计 at the bottom; T2 三线表 of the
    units with 差评 (row_total 差评 = 已整改 + 正在整改), 合计 row, `—`."""
    r = random.Random(2024_0408)
    units = []
    for i, (cty, u) in enumerate(SR_UNITS):
        bad = r.randint(1, 4)
        fixed = bad - (1 if i in (3, 8) else 0)
        units.append([cty, u, bad, fixed, bad - fixed, fixed - r.choice([0, 0, 1]) if fixed else 0, r.choice(SR_WHY)])
    rows2 = [[str(i + 1), u[1], str(u[2]), str(u[3]), str(u[4]), str(u[5]), u[6]] for i, u in enumerate(units)]
    T2 = len(rows2)
    t2s = [sum(u[k] for u in units) for k in (2, 3, 4, 5)]
    rows2.append(["", "合计"] + [str(x) for x in t2s] + ["—"])
    bad_c = {c: sum(u[2] for u in units if u[0] == c) for c in SHANGRAO}
    fix_c = {c: sum(u[3] for u in units if u[0] == c) for c in SHANGRAO}
    rows1, vals = [], []
    for i, c in enumerate(SHANGRAO):
        acc = r.randint(18000, 23000) if c == "市本级" else 19650 if c == "鄱阳县" else r.randint(5200, 17800)
        over = r.choice([0, 0, 0, 1, 1, 2, 3])
        done = acc - r.randint(3, 40) - over
        ev = round(acc * r.uniform(0.52, 0.71))
        comp = r.choice([0, 0, 0, 1, 2, 4])
        mark = "—" if c == "市本级" else ("○" if c in ("横峰县", "万年县") else "●")
        v = [acc, done, over, ev, bad_c[c], fix_c[c], comp]
        vals.append(v)
        rows1.append([str(i + 1), c, str(acc), str(done), rate(done, acc), str(over), str(ev), str(bad_c[c]),
                      str(fix_c[c]), str(comp), mark])
    T = len(rows1)
    tot = [sum(v[k] for v in vals) for k in range(7)]
    rows1.append(["合计", "合计", str(tot[0]), str(tot[1]), rate(tot[1], tot[0]), str(tot[2]), str(tot[3]),
                  str(tot[4]), str(tot[5]), str(tot[6]), "—"])
    assert tot[4] == t2s[0] and tot[5] == t2s[1]
    py = SHANGRAO.index("鄱阳县")
    assert vals[py][0] == max(v[0] for c, v in zip(SHANGRAO, vals) if c != "市本级")
    q = {"acc": f"受理{tot[0]}件", "done": f"办结{tot[1]}件", "rate": f"办结率{rows1[T][4]}%",
         "over": f"超期办件{tot[2]}件", "ev": f"评价{tot[3]}次", "bad": f"差评{tot[4]}次", "fix": f"已整改{tot[5]}件",
         "comp": f"投诉{tot[6]}件", "py": f"受理{vals[py][0]}件", "pyr": f"办结率{rows1[py][4]}%",
         "ing": f"正在整改{t2s[2]}件", "sat": f"回访满意{t2s[3]}件"}
    h1 = ["序号", "县（市、区）", ("办件量（件）", ["受理", "办结"]), "办结率（%）", "超期办件（件）",
          ("“好差评”", ["评价（次）", "差评（次）", "已整改（件）"]), "投诉（件）", "“赣服通”分厅上线"]
    rel1 = [total_rel(T, range(T), cols=[2, 3, 5, 6, 7, 8, 9]), ratio_rel(4, 3, 2),
            narr(q["acc"], T, 2), narr(q["done"], T, 3), narr(q["rate"], T, 4), narr(q["over"], T, 5),
            narr(q["ev"], T, 6), narr(q["bad"], T, 7), narr(q["fix"], T, 8), narr(q["comp"], T, 9),
            narr(q["py"], py, 2), narr(q["pyr"], py, 4)]
    t1 = RTable("表1　2024年3月各县（市、区）政务服务办件情况统计表", h1, rows1,
                widths=[0.8, 2.1, 1.5, 1.5, 1.3, 1.45, 1.35, 1.3, 1.4, 1.3, 2.4], merges=[(T, 0, T, 1)], stub=1,
                borders="grid", font=SANS, size=8, header_size=8, header_bold=False, align="cc" + "c" * 9,
                title_font=SANS, title_size=11.5, row_height=0.5, header_height=0.55, rule=2, unit="",
                space_before=10, note="注：“●”为“赣服通”县级分厅已上线，“○”为未上线，“—”为不适用。",
                relations=rel1)
    rel2 = [total_rel(T2, range(T2), cols=[2, 3, 4, 5]), row_rel(2, [3, 4]),
            narr(q["bad"], T2, 2), narr(q["fix"], T2, 3), narr(q["ing"], T2, 4), narr(q["sat"], T2, 5)]
    t2 = RTable("表2　2024年3月差评件整改情况", ["序号", "单位", "差评（件）", "已整改（件）", "正在整改（件）",
                                                "回访满意（件）", "主要问题"], rows2,
                widths=[0.8, 4.6, 1.3, 1.4, 1.5, 1.5, 3.6], borders="three_line", font=SANS, size=8.5,
                header_size=8.5, header_bold=True, align="clcccc" + "l", title_font=SANS, title_size=11.5,
                row_height=0.5, header_height=0.55, thick=10, rule=4, space_before=12, relations=rel2)
    blocks = [
        Para("上饶市政务服务工作简报", "title", font=SERIF, size=24, after=4),
        Para("2024年第3期", "subtitle", after=2),
        Para("上饶市行政审批局　　　　　　　　　　　　　　　2024年4月8日", "plain", size=12, after=10),
        head("一、办件情况"),
        body(f"3月份，全市各级政务服务中心共{{{q['acc']}|受理}}，{{{q['done']}|办结}}，{{{q['rate']}|办结率}}；"
             f"{{{q['over']}|超期办件}}，均已督促办结并说明原因。鄱阳县政务服务中心{{{q['py']}|受理|鄱阳县}}，"
             f"{{{q['pyr']}|办结率|鄱阳县}}，办件量居各县（市、区）首位。", "全市"),
        t1,
        Break(),
        head("二、“好差评”和投诉情况"),
        body(f"3月份，全市政务服务事项共收到办事群众{{{q['ev']}|评价}}，其中{{{q['bad']}|差评}}，"
             f"{{{q['fix']}|已整改}}、{{{q['ing']}|正在整改}}，{{{q['sat']}|回访满意}}。"
             f"全月受理政务服务{{{q['comp']}|投诉}}，已全部办结。差评主要集中在不动产登记、社保医保和税务等领域，"
             "具体见表2。", "全市"),
        t2,
        head("三、工作动态", before=8),
        body("3月12日，副市长祝彧到婺源县政务服务中心调研“高效办成一件事”改革推进情况，"
             "婺源县人民政府副县长江甦陪同调研。祝彧要求进一步优化窗口设置，压减办事材料和办理时限。"),
        body("3月20日，市行政审批局局长俞婧主持召开全市政务服务“好差评”工作调度会，"
             "通报各县（市、区）差评整改情况，部署“赣服通”县级分厅建设工作。"),
    ]
    ents = places(["上饶市"], "36") | places(SHANGRAO[1:], "3611") | {
        "市本级": "361100", "上饶市行政审批局": "361100", "市行政审批局": "361100", "上饶市不动产登记中心": "361100",
        "上饶市广丰区行政审批局": code("广丰区", "3611"), "上饶市广信区医疗保障局": code("广信区", "3611"),
        "铅山县人力资源和社会保障局": code("铅山县"), "弋阳县公安局": code("弋阳县"),
        "余干县住房和城乡建设局": code("余干县"), "鄱阳县行政审批局": code("鄱阳县"),
        "鄱阳县不动产登记中心": code("鄱阳县"), "国家税务总局婺源县税务局": code("婺源县"),
        "婺源县市场监督管理局": code("婺源县"), "婺源县人民政府": code("婺源县")}
    return Doc("ocr-shangrao-zhengwu-2024-03", "2024-03", "month", blocks, body_font=SANS, body_size=12,
               title_font=SERIF, heading_font=SANS, line_spacing=1.4, margins=(2.5, 2.3, 2.3, 2.3), footer="dash",
               people={"祝彧": "副市长", "江甦": "副县长", "俞婧": "局长"}, published=(2024, 4, 8),
               allowed_digits=[r"第\d+期", r"表\d"]), ents


# ------------------------------------------------------------------ 3. 临沂市 (山东) 基层医疗卫生 quarterly report

LINYI = ["兰山区", "罗庄区", "河东区", "沂南县", "郯城县", "沂水县", "兰陵县", "费县", "平邑县", "莒南县",
         "蒙阴县", "临沭县"]
LY_DISTRICT = {"兰山区", "罗庄区", "河东区"}
LY_TOWN = {"沂南县": 15, "郯城县": 13, "沂水县": 18, "兰陵县": 17, "费县": 12, "平邑县": 14, "莒南县": 16,
           "蒙阴县": 10, "临沭县": 9}
LY_H3 = {"兰山区": 4, "罗庄区": 1, "河东区": 1, "沂水县": 2, "费县": 1, "平邑县": 1, "莒南县": 1, "兰陵县": 1}


def linyi() -> Doc:
    """T1 fully ruled 8 pt, three-row header (医疗卫生机构（个）/医院/小计 …), 合计 on top
    merged over 序号+县（区）, lone digits, `—` for the districts in the 医共体 column;
    T2 三线表 with a two-row header (一季度/完成数, /完成进度（%）)."""
    r = random.Random(2024_0415)
    rows, vals = [], []
    for i, c in enumerate(LINYI):
        dist = c in LY_DISTRICT
        h3, h2, h1 = LY_H3.get(c, 0), r.randint(2, 9), r.randint(3, 16)
        town = r.randint(2, 9) if dist else LY_TOWN[c]
        comm = r.randint(5, 12) if dist else r.randint(1, 4)
        aid = r.randint(2, 9)
        mark = "—" if dist else ("○" if c in ("兰陵县", "蒙阴县") else "●")
        v = [h3 + h2 + h1, h3, h2, h1, town, comm, aid]
        vals.append(v)
        rows.append([str(i + 1), c] + [str(x) for x in v] + [mark])
    tot = [sum(v[k] for v in vals) for k in range(7)]
    rows = [["合计", "合计"] + [str(x) for x in tot] + ["—"]] + rows
    tc = LINYI.index("郯城县") + 1
    h1 = ["序号", "县（区）", ("医疗卫生机构（个）", [("医院", ["小计", "三级", "二级", "一级"]),
                                                ("基层医疗卫生机构", ["乡镇卫生院", "社区卫生服务中心"])]),
          "急救站点（个）", "紧密型县域医共体"]
    q = {"h": f"医院{tot[0]}个", "h3": f"三级医院{tot[1]}个", "h2": f"二级医院{tot[2]}个",
         "town": f"乡镇卫生院{tot[4]}个", "comm": f"社区卫生服务中心{tot[5]}个", "aid": f"急救站点{tot[6]}个",
         "tc": f"郯城县乡镇卫生院{rows[tc][6]}个"}
    rel1 = [total_rel(0, range(1, len(rows)), cols=range(2, 9)), row_rel(2, [3, 4, 5]),
            narr(q["h"], 0, 2), narr(q["h3"], 0, 3), narr(q["h2"], 0, 4), narr(q["town"], 0, 6),
            narr(q["comm"], 0, 7), narr(q["aid"], 0, 8), narr(q["tc"], tc, 6)]
    t1 = RTable("表1　2024年3月末各县（区）基层医疗卫生机构情况", h1, rows,
                widths=[0.8, 1.6, 1.1, 1.0, 1.0, 1.0, 1.5, 1.75, 1.4, 1.75], merges=[(0, 0, 0, 1)], stub=1,
                borders="grid", font=SANS, size=8, header_size=8, header_bold=False, align="cc" + "c" * 8,
                title_font=SANS, title_size=11.5, row_height=0.5, header_height=0.5, rule=4, space_before=10,
                note="注：医院含民营医院；市直医院计入所在区；“—”表示城区不适用。", relations=rel1)
    spec = [("65岁及以上老年人健康管理", "万人", 9260, 2), ("高血压患者规范管理", "万人", 6340, 2),
            ("2型糖尿病患者规范管理", "万人", 2715, 2), ("严重精神障碍患者规范管理", "人", 31480, 0),
            ("0～6岁儿童健康管理", "万人", 5580, 2), ("孕产妇系统管理", "人", 62800, 0),
            ("家庭医生签约服务", "万人", 43650, 2), ("健康教育讲座", "场", 4800, 0)]
    rows2, seen = [], set()
    for i, (name, unit, target, nd) in enumerate(spec):
        f = hund if nd == 2 else str
        done = round(target * r.uniform(0.21, 0.29))
        while rate(f(done), f(target), nd=1) in seen:        # every 完成进度 differs: one cell per quote
            done = round(target * r.uniform(0.21, 0.29))
        seen.add(rate(f(done), f(target), nd=1))
        rows2.append([str(i + 1), name, unit, f(target), f(done), rate(f(done), f(target), nd=1)])
    fam, htn = 6, 1
    q2 = {"fam": f"家庭医生签约服务{rows2[fam][4]}万人", "famr": f"完成年度目标的{rows2[fam][5]}%",
          "htn": f"高血压患者规范管理{rows2[htn][4]}万人", "talk": f"健康教育讲座{rows2[7][4]}场"}
    rel2 = [ratio_rel(5, 4, 3), narr(q2["fam"], fam, 4), narr(q2["famr"], fam, 5), narr(q2["htn"], htn, 4),
            narr(q2["talk"], 7, 4)]
    t2 = RTable("表2　2024年第一季度基本公共卫生服务重点指标完成情况",
                ["序号", "指标", "单位", "年度目标", ("一季度", ["完成数", "完成进度（%）"])], rows2,
                widths=[0.9, 5.4, 1.2, 2.0, 2.0, 2.4], width_frac=0.95, borders="three_line", font=SERIF, size=9,
                header_size=9, header_bold=True, align="clcrrr", title_font=SANS, title_size=11.5, row_height=0.52,
                header_height=0.5, thick=12, rule=4, space_before=12, relations=rel2)
    blocks = [
        Para("临沂市2024年第一季度基层医疗卫生服务工作通报", "title", font=SERIF, size=19, after=6),
        Para("临沂市卫生健康委员会", "subtitle", size=13, after=2),
        Para("（2024年4月15日）", "subtitle", size=12, after=10),
        body("各县区卫生健康局，市直各医疗卫生单位："),
        head("一、基层医疗卫生机构情况"),
        body(f"截至3月末，全市共有{{{q['h']}|医院}}，其中{{{q['h3']}|三级医院}}、{{{q['h2']}|二级医院}}；"
             f"{{{q['town']}|乡镇卫生院}}，{{{q['comm']}|社区卫生服务中心}}，院前{{{q['aid']}|急救站点}}。"
             f"{{{q['tc']}|乡镇卫生院|郯城县}}，兰陵县、蒙阴县紧密型县域医共体建设尚未通过省级评估。", "全市"),
        t1,
        Break(),
        head("二、基本公共卫生服务情况"),
        body(f"一季度，全市{{{q2['fam']}|家庭医生签约服务}}，{{{q2['famr']}|家庭医生签约服务完成进度}}；"
             f"{{{q2['htn']}|高血压患者规范管理}}，开展{{{q2['talk']}|健康教育讲座}}。"
             "各项指标完成进度总体符合时序要求。", "全市"),
        t2,
        head("三、工作动态", before=8),
        body("1月25日，市卫生健康委员会党组书记、主任颜堃到郯城县调研紧密型县域医共体建设，"
             "郯城县卫生健康局局长亓玥陪同调研。颜堃要求加快推进医共体内人员、财务和药品统一管理。"),
        body("3月，莒南县人民政府副县长逄祎带队督导基层医疗卫生机构服务能力提升工作，"
             "重点检查乡镇卫生院急诊急救和家庭医生签约服务开展情况。"),
        Para("临沂市卫生健康委员会", "right", size=12, before=10),
        Para("2024年4月15日", "right", size=12),
    ]
    ents = places(["临沂市"], "37") | places(LINYI, "3713") | {
        "临沂市卫生健康委员会": "371300", "市卫生健康委员会": "371300", "郯城县卫生健康局": code("郯城县"),
        "莒南县人民政府": code("莒南县")}
    return Doc("ocr-linyi-weijian-2024-Q1", "2024-Q1", "quarter", blocks, body_font=SERIF, body_size=12,
               title_font=SERIF, heading_font=SANS, line_spacing=1.4, margins=(2.5, 2.3, 2.4, 2.4), footer="dash",
               people={"颜堃": "党组书记、主任", "亓玥": "局长", "逄祎": "副县长"}, published=(2024, 4, 15),
               allowed_digits=[r"65岁", r"2型", r"0～6岁"]), ents


# ------------------------------------------------------------------ 4. 犍为县 (四川 乐山市) 农业 通报

QIANWEI = ["玉津镇", "孝姑镇", "石溪镇", "清溪镇", "罗城镇", "芭沟镇", "龙孔镇", "定文镇", "舞雩镇", "玉屏镇",
           "大兴镇", "九井镇", "铁炉镇", "寿保镇", "双溪镇"]
QW_JASMINE = ["玉津镇", "孝姑镇", "石溪镇", "清溪镇", "舞雩镇", "定文镇"]


def qianwei() -> Doc:
    """T1 fully ruled UMing 8.5 pt, two-row header, 15 towns, `-` where no project,
    lone digits, ●/○ column, 合计 at the bottom; T2 三线表 of 茉莉花 by town (two-row
    header, 2023/2022, growth), 合计 row."""
    r = random.Random(2024_0118)
    rows, vals = [], []
    for i, t in enumerate(QIANWEI):
        area = r.randint(9000, 52000)
        out = round(area * r.uniform(0.372, 0.405))
        new = r.choice([0, 0, r.randint(800, 3500)]) if t != "舞雩镇" else 2600
        cum = r.randint(6000, 26000)
        coop, farm, firm = r.randint(0, 6), r.randint(0, 4), r.choice([0, 0, 0, 1, 1, 2, 3])
        v = [area, out, new, cum, coop, farm, firm]
        vals.append(v)
        rows.append([str(i + 1), t, str(area), str(out), str(new) if new else "-", str(cum), str(coop), str(farm),
                     str(firm), "●" if t in QW_JASMINE else "○"])
    T = len(rows)
    tot = [sum(v[k] for v in vals) for k in range(7)]
    rows.append(["合计", "合计"] + [str(x) for x in tot] + ["—"])
    wy = QIANWEI.index("舞雩镇")
    h1 = ["序号", "镇", ("粮食生产", ["播种面积（亩）", "产量（吨）"]), ("高标准农田（亩）", ["当年新建", "累计建成"]),
          ("新型农业经营主体", ["市级以上示范社（个）", "省级示范家庭农场（个）", "市级以上龙头企业（家）"]), "茉莉花主产镇"]
    q = {"area": f"粮食播种面积{tot[0]}亩", "out": f"粮食产量{tot[1]}吨", "new": f"新建高标准农田{tot[2]}亩",
         "cum": f"累计建成高标准农田{tot[3]}亩", "coop": f"市级以上示范社{tot[4]}个",
         "farm": f"省级示范家庭农场{tot[5]}个", "firm": f"市级以上龙头企业{tot[6]}家",
         "wy": f"舞雩镇新建高标准农田{rows[wy][4]}亩"}
    rel1 = [total_rel(T, range(T), cols=range(2, 9)),
            narr(q["area"], T, 2), narr(q["out"], T, 3), narr(q["new"], T, 4), narr(q["cum"], T, 5),
            narr(q["coop"], T, 6), narr(q["farm"], T, 7), narr(q["firm"], T, 8), narr(q["wy"], wy, 4)]
    t1 = RTable("表1　2023年各镇粮食生产和新型农业经营主体情况", h1, rows,
                widths=[0.8, 1.5, 1.75, 1.6, 1.45, 1.45, 1.55, 1.55, 1.55, 1.3], merges=[(T, 0, T, 1)], stub=1,
                borders="grid", font=MING, size=8.5, header_size=8.5, header_bold=False, align="cc" + "c" * 8,
                title_font=SERIF, title_size=12, row_height=0.5, header_height=0.5, rule=4, space_before=10,
                unit_left="填报单位：犍为县农业农村局", unit="统计时点：2023年12月31日", new_page=True,
                note="注：“-”表示当年无新建项目；“●”为茉莉花主产镇。", relations=rel1)
    rows2, v2 = [], []
    for i, t in enumerate(QW_JASMINE):
        a23 = r.randint(2600, 14800) if t != "舞雩镇" else 1880
        a22 = a23 - r.randint(-200, 900)
        f23 = round(a23 * r.uniform(0.62, 0.74))
        f22 = round(a22 * r.uniform(0.55, 0.70))
        v2.append([a23, a22, f23, f22])
        rows2.append([str(i + 1), t, str(a23), str(a22), str(f23), str(f22), growth(f23, f22)])
    T2 = len(rows2)
    t2v = [sum(v[k] for v in v2) for k in range(4)]
    rows2.append(["", "合计"] + [str(x) for x in t2v] + [growth(t2v[2], t2v[3])])
    q2 = {"a": f"茉莉花种植面积{t2v[0]}亩", "f": f"鲜花产量{t2v[2]}吨", "g": f"比上年增长{rows2[T2][6]}%"}
    rel2 = [total_rel(T2, range(T2), cols=[2, 3, 4, 5]), ratio_rel(6, 4, 5, growth_=True),
            narr(q2["a"], T2, 2), narr(q2["f"], T2, 4), narr(q2["g"], T2, 6)]
    t2 = RTable("表2　2023年茉莉花主产镇生产情况",
                ["序号", "镇", ("种植面积（亩）", ["2023年", "2022年"]),
                 ("鲜花产量（吨）", ["2023年", "2022年", "比上年增长（%）"])], rows2,
                widths=[0.9, 2.0, 2.0, 2.0, 2.0, 2.0, 2.6], width_frac=0.92, borders="three_line", font=MING,
                size=9, header_size=9, header_bold=False, align="ccrrrrr", title_font=SERIF, title_size=12,
                row_height=0.52, header_height=0.5, thick=12, rule=4, space_before=14,
                note="注：全县茉莉花种植均在上述主产镇，合计即全县数。", relations=rel2)
    blocks = [
        Para("犍为县农业农村局", "title", font=KAI, size=22, after=2),
        Para("关于2023年全县粮食生产和新型农业经营主体培育情况的通报", "subtitle", font=SANS, size=14, bold=True,
             after=10),
        Para("各镇人民政府，县级有关部门：", "plain", size=12.5, after=2),
        body(f"2023年，全县{{{q['area']}|粮食播种面积}}，{{{q['out']}|粮食产量}}，粮食生产保持稳定。"
             f"全年{{{q['new']}|新建高标准农田}}，{{{q['cum']}|累计建成高标准农田}}，"
             f"其中{{{q['wy']}|新建高标准农田|舞雩镇}}，为全县单镇最多。", "全县", size=12.5),
        body(f"截至年末，全县共有{{{q['coop']}|市级以上示范社}}、{{{q['farm']}|省级示范家庭农场}}、"
             f"{{{q['firm']}|市级以上龙头企业}}。芭沟镇、铁炉镇等镇新型农业经营主体培育相对滞后，需加大扶持力度。",
             "全县", size=12.5),
        body(f"茉莉花产业持续壮大，全县{{{q2['a']}|茉莉花种植面积}}，{{{q2['f']}|鲜花产量}}，"
             f"{{{q2['g']}|鲜花产量增长}}。", "全县", size=12.5),
        body("2023年9月，县人民政府副县长罗燚带队到清溪镇、孝姑镇督导秋收秋种工作；"
             "县农业农村局党组书记、局长宋珺陪同乐山市农业农村局副局长蒋赟到舞雩镇调研高标准农田建设。",
             size=12.5),
        Para("犍为县农业农村局", "right", size=12.5, before=8),
        Para("2024年1月18日", "right", size=12.5, after=4),
        t1, t2,
    ]
    ents = places(["乐山市", "犍为县"], "5111") | places(QIANWEI, "511123") | {
        "犍为县农业农村局": "511123", "县人民政府": "511123", "县农业农村局": "511123", "乐山市农业农村局": "511100"}
    return Doc("ocr-qianwei-nongye-2023", "2023", "year", blocks, body_font=SERIF, body_size=12.5,
               title_font=KAI, heading_font=SANS, line_spacing=1.4, margins=(2.5, 2.3, 2.3, 2.3), footer="dash",
               people={"罗燚": "副县长", "宋珺": "党组书记、局长", "蒋赟": "副局长"}, published=(2024, 1, 18)), ents


# ------------------------------------------------------------------ 5. 信阳市 (河南) 水库安全度汛 通报

XINYANG = ["浉河区", "平桥区", "罗山县", "光山县", "新县", "商城县", "固始县", "潢川县", "淮滨县", "息县"]
XY_LARGE = [("南湾水库", "浉河区", 1630), ("出山店水库", "浉河区", 1274), ("石山口水库", "罗山县", 372),
            ("五岳水库", "光山县", 120), ("泼河水库", "光山县", 235), ("鲇鱼山水库", "商城县", 916)]
XY_LEVEL = {"南湾水库": 10350, "出山店水库": 8800, "石山口水库": 7950, "五岳水库": 8900, "泼河水库": 8200,
            "鲇鱼山水库": 10550}      # 汛限水位, hundredths of a metre


def xinyang() -> Doc:
    """T1 fully ruled 8 pt with thin rules, three-row header (水库（座）/大中型/大型 …), row
    total 合计 = 大型 + 中型 + 小（1）型 + 小（2）型, `—` where no 除险加固 is planned, ●/○;
    T2 三线表 of the six large reservoirs, 合计 with 蓄水率 = 蓄水量 / 总库容."""
    r = random.Random(2024_0705)
    rows, vals = [], []
    for i, c in enumerate(XINYANG):
        big = sum(1 for _, k, _ in XY_LARGE if k == c)
        mid = r.randint(0, 5)
        s1 = r.randint(3, 25) if c not in ("淮滨县", "息县") else r.randint(0, 4)
        s2 = r.randint(20, 160) if c not in ("淮滨县", "息县") else r.randint(2, 9)
        plan = r.choice([0, 0, r.randint(1, 9)])
        done = r.randint(0, plan) if plan else 0
        found = r.randint(5, 60)
        fixed = found - r.choice([0, 0, 1, 2])
        v = [big + mid + s1 + s2, big, mid, s1, s2, plan, done, found, fixed]
        vals.append(v)
        pd = [str(plan), str(done)] if plan else ["—", "—"]
        rows.append([str(i + 1), c] + [str(x) for x in v[:5]] + pd + [str(found), str(fixed),
                                                                      "○" if c in ("淮滨县", "固始县") else "●"])
    T = len(rows)
    tot = [sum(v[k] for v in vals) for k in range(9)]
    rows.append(["合计", "合计"] + [str(x) for x in tot] + ["—"])
    h1 = ["序号", "县（区）", ("水库（座）", ["合计", ("大中型", ["大型", "中型"]), ("小型", ["小（1）型", "小（2）型"])]),
          ("病险水库除险加固（座）", ["计划", "完工"]), ("汛前检查隐患（处）", ["排查", "整改"]), "防汛应急演练"]
    q = {"n": f"水库{tot[0]}座", "big": f"大型水库{tot[1]}座", "mid": f"中型水库{tot[2]}座",
         "plan": f"计划除险加固病险水库{tot[5]}座", "done": f"已完工{tot[6]}座", "found": f"排查隐患{tot[7]}处",
         "fixed": f"整改{tot[8]}处"}
    rel1 = [total_rel(T, range(T), cols=range(2, 11)), row_rel(2, [3, 4, 5, 6]),
            narr(q["n"], T, 2), narr(q["big"], T, 3), narr(q["mid"], T, 4), narr(q["plan"], T, 7),
            narr(q["done"], T, 8), narr(q["found"], T, 9), narr(q["fixed"], T, 10)]
    t1 = RTable("表1　2024年6月末各县（区）水库安全度汛工作情况", h1, rows,
                widths=[0.8, 1.5, 1.1, 1.0, 1.0, 1.25, 1.25, 1.1, 1.1, 1.2, 1.2, 1.5], merges=[(T, 0, T, 1)], stub=1,
                borders="grid", font=SERIF, size=8, header_size=8, header_bold=False, align="cc" + "c" * 10,
                title_font=SANS, title_size=11.5, row_height=0.5, header_height=0.5, rule=3, space_before=10,
                note="注：“—”表示本年度无除险加固任务；“●”为已开展防汛应急演练。", relations=rel1)
    rows2, v2 = [], []
    for i, (name, c, cap) in enumerate(XY_LARGE):
        lim = XY_LEVEL[name]
        now = lim - r.randint(20, 260)
        store = round(cap * r.uniform(0.42, 0.71))
        v2.append([cap, store])
        rows2.append([str(i + 1), name, c, hund(cap), hund(lim), hund(now), hund(store), rate(hund(store), hund(cap), nd=1)])
    T2 = len(rows2)
    cap_t, st_t = sum(v[0] for v in v2), sum(v[1] for v in v2)
    rows2.append(["", "合计", "", hund(cap_t), "—", "—", hund(st_t), rate(hund(st_t), hund(cap_t), nd=1)])
    q2 = {"st": f"蓄水总量{hund(st_t)}亿立方米", "r": f"平均蓄水率{rows2[T2][7]}%",
          "nw": f"南湾水库蓄水量{rows2[0][6]}亿立方米", "ny": f"鲇鱼山水库水位{rows2[5][5]}米",
          "nyl": f"汛限水位{rows2[5][4]}米"}
    rel2 = [total_rel(T2, range(T2), cols=[3, 6]), ratio_rel(7, 6, 3),
            narr(q2["st"], T2, 6), narr(q2["r"], T2, 7), narr(q2["nw"], 0, 6), narr(q2["ny"], 5, 5),
            narr(q2["nyl"], 5, 4)]
    t2 = RTable("表2　2024年6月30日大型水库蓄水情况",
                ["序号", "水库名称", "所在县（区）", "总库容（亿立方米）", "汛限水位（米）", "6月30日水位（米）",
                 "蓄水量（亿立方米）", "蓄水率（%）"], rows2,
                widths=[0.8, 2.2, 1.9, 2.0, 1.8, 2.0, 2.0, 1.6], borders="three_line", font=SERIF, size=8.5,
                header_size=8.5, header_bold=True, align="cccrrrrr", title_font=SANS, title_size=11.5,
                row_height=0.5, header_height=0.75, thick=10, rule=4, space_before=12, relations=rel2)
    blocks = [
        Para("信阳市2024年上半年水库安全度汛工作情况通报", "title", font=SERIF, size=19, after=6),
        Para("信阳市水利局", "subtitle", size=13, after=10),
        body("各县区水利局："),
        head("一、总体情况"),
        body(f"截至6月30日，全市共有{{{q['n']}|水库}}，其中{{{q['big']}|大型水库}}、{{{q['mid']}|中型水库}}，"
             f"其余为小型水库。上半年全市{{{q['plan']}|计划除险加固病险水库}}，{{{q['done']}|已完工}}，"
             f"汛前检查共{{{q['found']}|排查隐患}}、{{{q['fixed']}|整改}}。固始县、淮滨县尚未开展防汛应急演练。",
             "全市"),
        t1,
        Break(),
        head("二、大型水库蓄水情况"),
        body(f"6月30日，全市大型水库{{{q2['st']}|大型水库蓄水总量}}，{{{q2['r']}|大型水库平均蓄水率}}。"
             f"{{{q2['nw']}|蓄水量|南湾水库}}；{{{q2['ny']}|水位|鲇鱼山水库}}，{{{q2['nyl']}|汛限水位|鲇鱼山水库}}。"
             "各大型水库均在汛限水位以下运行。", "全市"),
        t2,
        head("三、工作动态", before=8),
        body("5月28日，市水利局党组书记、局长詹喆主持召开全市水库安全度汛工作会议，"
             "逐县听取水库“三个责任人”履职和病险水库除险加固进展情况汇报。"),
        body("6月12日，副市长熊昉到商城县鲇鱼山水库检查防汛备汛工作，商城县水利局局长郗珩陪同检查。"
             "熊昉要求严格执行汛限水位，落实水库巡查值守和预警转移措施。"),
        Para("信阳市水利局", "right", size=12, before=10),
        Para("2024年7月5日", "right", size=12),
    ]
    ents = places(["信阳市"], "41") | places(XINYANG, "4115") | {
        "信阳市水利局": "411500", "市水利局": "411500", "商城县水利局": code("商城县")}
    return Doc("ocr-xinyang-shuili-2024-H1", "2024-H1", "half", blocks, body_font=SERIF, body_size=12,
               title_font=SERIF, heading_font=SANS, line_spacing=1.4, margins=(2.5, 2.3, 2.4, 2.4), footer="di",
               people={"詹喆": "党组书记、局长", "熊昉": "副市长", "郗珩": "局长"}, published=(2024, 7, 5)), ents


BUILDERS = [huangshan, shangrao, linyi, qianwei, xinyang]


# ------------------------------------------------------------------ checks of the printed arithmetic

NUMRE = re.compile(r"[-−]?[0-9][0-9,]*(?:\.[0-9]+)?")


def num(s: str):
    """A printed cell as a Decimal; None for an empty cell or a dash (nothing printed)."""
    s = unicodedata.normalize("NFKC", s).strip().replace(",", "")
    if s in ("", "-", "—", "–"):
        return None
    s = s.rstrip("%‰")
    return Decimal(s)


def _sum(vals):
    return sum((v or Decimal(0) for v in vals), Decimal(0))


def verify(doc_name: str, t: RTable, text: str) -> None:
    """Every relation holds on the printed strings except in its `fails` cells, where it
    breaks; every narrative quote occurs once in the text and its figure equals the cell."""
    rows = t.rows
    for rel in t.relations:
        fails = {tuple(x) for x in rel.get("fails", [])}
        where = (doc_name, t.title, {k: v for k, v in rel.items() if k != "parts"})
        if rel["kind"] == "column_total":
            T, parts = rel["total"], rel["parts"]
            assert T not in parts and parts, where
            seen = set()
            for c in rel["_cols"]:
                tot = num(rows[T][c])
                s = _sum(num(rows[p][c]) for p in parts)
                ok = (tot or 0) == s
                if (T, c) in fails:
                    assert not ok, ("planned misprint holds", where, c)
                    seen.add((T, c))
                else:
                    assert ok, ("column_total breaks", where, c, rows[T][c], s)
            assert seen == fails, where
        elif rel["kind"] == "row_total":
            C, parts = rel["total"], rel["parts"]
            for i, row in enumerate(rows):
                tot = num(row[C])
                if tot is None:
                    assert all(num(row[p]) is None for p in parts), (where, i)
                    continue
                s = _sum(num(row[p]) for p in parts)
                assert (tot == s) != ((i, C) in fails), ("row_total", where, i, row)
        elif rel["kind"] == "ratio":
            C, (a, b) = rel["total"], rel["parts"]
            scale = Decimal(rel["_scale"])
            checked = 0
            for i, row in enumerate(rows):
                printed_ = row[C]
                n = num(row[a])
                d = num(rows[rel["of_row"]][b]) if "of_row" in rel else num(row[b])
                if num(printed_) is None or n is None or not d:
                    continue
                v = n / d
                if rel.get("growth"):
                    v -= 1
                nd = len(printed_.rstrip("%‰").split(".")[1]) if "." in printed_ else 0
                ok = dec_round(v * scale, nd) == num(printed_)
                assert ok != ((i, C) in fails), ("ratio", where, i, row)
                checked += 1
            assert checked, where
        elif rel["kind"] == "narrative":
            assert rel["text"] in text, ("narrative not printed", where)
            assert text.count(rel["text"]) == 1, ("narrative quote not unique", where)
            found = NUMRE.findall(rel["text"])
            assert len(found) == 1, ("a narrative quote holds one number", where)
            i, c = rel["cell"]
            assert Decimal(found[0].replace(",", "")) == num(rows[i][c]), ("narrative", where, rows[i][c])
        else:
            raise AssertionError(where)


def coincidences(d: Doc, tables: list[RTable]) -> list[str]:
    """Narrative figures (≥ 100 or with decimals) that equal a table cell they are not labelled
    for (notes, checked by eye)."""
    out = []
    for b in d.blocks:
        if not isinstance(b, Para):
            continue
        for m in FIG.finditer(b.text):
            fig = m.group(1)
            nm = NUMRE.search(fig).group(0)
            v = Decimal(nm.replace(",", ""))
            if v < 100 and "." not in nm:          # small counts equal many cells by chance
                continue
            labelled = {(k, tuple(rel["cell"])) for k, t in enumerate(tables) for rel in t.relations
                        if rel["kind"] == "narrative" and fig in rel["text"]}
            for k, t in enumerate(tables):
                for i, row in enumerate(t.rows):
                    for c, s in enumerate(row):
                        try:
                            x = num(s)
                        except Exception:
                            continue
                        if x == v and (k, (i, c)) not in labelled:
                            out.append(f"{d.name}: narrative {fig!r} also equals table {k} cell [{i}, {c}] {s!r}")
    return out


# ------------------------------------------------------------------ glyphs

FONT_FILES = {SANS: ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
              SERIF: ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
              KAI: ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
              MING: ("/usr/share/fonts/truetype/arphic/uming.ttc", 0)}


def check_glyphs(d: Doc) -> None:
    """Every character printed in a font has a glyph in it (no fallback font in a rare name)."""
    from PIL import ImageFont
    used: dict[str, set[str]] = {}

    def add(font, text):
        used.setdefault(font, set()).update(ch for ch in text if not ch.isspace())
    for b in d.blocks:
        if isinstance(b, Para):
            font = b.font or {"title": d.title_font, "heading": d.heading_font or d.body_font}.get(b.style, d.body_font)
            add(font, printed(b.text))
        elif isinstance(b, Table):
            add(b.font, "".join(x for row in b.rows for x in row))
            add(b.header_font or b.font, "".join(c.text for c in b.header))
            add(b.title_font or d.title_font, b.title)
            add(d.body_font, b.note + b.unit + b.unit_left)
    for font, chars in used.items():
        path, idx = FONT_FILES[font]
        f = ImageFont.truetype(path, 32, index=idx)
        notdef = bytes(f.getmask("\U000F0001"))
        missing = sorted(ch for ch in chars if bytes(f.getmask(ch)) == notdef)
        assert not missing, (d.name, font, "".join(missing))


# ------------------------------------------------------------------ labels

NUMX = re.compile(r"^(-?[0-9][0-9,]*(?:\.[0-9]+)?)(.*)$")


def _metrics(p: Para) -> list[dict]:
    out = []
    for m in FIG.finditer(p.text):
        fig, name, subj = m.group(1), m.group(2), m.group(3)
        assert len(NUMRE.findall(fig)) == 1, fig
        k = re.search(r"-?[0-9]", fig)
        mm = NUMX.match(fig[k.start():])
        n = mm.group(1).replace(",", "")
        out.append({"subject": p.subject if subj is None else subj, "name": name,
                    "value": float(n) if "." in n else int(n), "unit": mm.group(2)})
    return out


def label(d: Doc, ents: dict[str, str]) -> tuple[dict, list[str]]:
    check_narrative(d)
    check_glyphs(d)
    text = "".join(printed(b.text) for b in d.blocks if isinstance(b, Para))
    tables = []
    rtables = [x for x in d.blocks if isinstance(x, Table)]
    for t in rtables:
        t.check()
        verify(d.name, t, text)
        entry = {"title": t.title, "columns": t.columns, "rows": t.rows}
        if t.paths is not None:
            entry["row_paths"] = t.paths
        entry["score_header"] = [True] * t.ncol
        entry["relations"] = [{k: v for k, v in rel.items() if not k.startswith("_")} for rel in t.relations]
        tables.append(entry)
    notes = coincidences(d, rtables)
    for name, title in d.people.items():
        assert f"{title}{name}" in text, (name, title)       # named with the title in front, as printed
    everything = text + "".join(t.title + "".join(x for row in t.rows for x in row) + t.unit_left
                                for t in rtables)
    for mention, c in ents.items():
        assert mention in everything, (d.name, "entity not printed", mention)
        assert re.fullmatch(r"\d{6}|\d{9}", c), (mention, c)
    metrics = [m for b in d.blocks if isinstance(b, Para) for m in _metrics(b)]
    lab = {"document": {"period": d.period, "period_kind": d.period_kind}, "tables": tables,
           "facts": {"people": dict(d.people), "metrics": metrics, "metrics_complete": True}}
    if ENTITIES:
        lab["entities"] = dict(ents)
    return _nfc(lab), notes


def build(d: Doc, ents: dict[str, str]) -> None:
    lab, notes = label(d, ents)           # checks first: nothing is written for a broken description
    epoch = calendar.timegm((*d.published, 9, 0, 0))
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / f"{d.name}.docx"
        build_docx(d, str(docx))
        pdf = docx_to_pdf(docx, Path(tmp), epoch)
        shutil.move(str(pdf), OUT / pdf.name)
    (OUT / f"{d.name}.label.json").write_text(json.dumps(lab, ensure_ascii=False, indent=1) + "\n",
                                              encoding="utf-8")
    for n in notes:
        print("  note:", n)
    print(f"wrote {OUT / d.name}.pdf and .label.json")


# ------------------------------------------------------------------ scans

def _cell_centre(name: str, text: str, row_word: str) -> tuple[int, float, float]:
    """Page and centre (fractions) of the printed `text` on the line that starts with `row_word`
    (read from the PDF only to place the seal; the label never comes from the PDF)."""
    import pdfplumber
    with pdfplumber.open(OUT / f"{name}.pdf") as pdf:
        for i, pg in enumerate(pdf.pages):
            words = pg.extract_words()
            rows = [w for w in words if w["text"] == row_word]
            for w in words:
                if w["text"] == text and any(abs(w["top"] - x["top"]) < 4 for x in rows):
                    return i, (w["x0"] + w["x1"]) / 2 / float(pg.width), (w["top"] + w["bottom"]) / 2 / float(pg.height)
    raise SystemExit(f"{name}: {text!r} not found for the seal")


def _seal_huangshan(name: str):
    from statsynth import scan as S
    lab = json.loads((OUT / f"{name}.label.json").read_text(encoding="utf-8"))
    row = lab["tables"][1]["rows"][-1]                     # 合计 row of 表2
    page, x, y = _cell_centre(name, row[9], "合计")        # 星级饭店/四星级 of the 合计 row
    return [partial(S.toner, paper=230, ink=46, tint=(1.0, 0.985, 0.95)),
            partial(S.red_seal, page=page, at=(x, y - 0.035), name="黄山市文化和旅游局", bottom="业务专用章",
                    angle=-12),
            partial(S.rotate, deg=0.5, lid=240), partial(S.grain, sigma=5)]


def scans():
    from statsynth import scan as S
    P = partial
    # name: (kind, seed, steps(name), dpi, jpeg quality, colour)
    return {
        "ocr-huangshan-lvyou-2023": ("red seal over the last rows of 表2", 81, _seal_huangshan, 200, 76, True),
        "ocr-shangrao-zhengwu-2024-03": ("150 dpi grey", 82, lambda n: [
            P(S.toner, paper=228, ink=50), P(S.rotate, deg=0.6, lid=232), P(S.grain, sigma=5)], 150, 72, False),
        "ocr-linyi-weijian-2024-Q1": ("skew −1.5°, 200 dpi grey", 83, lambda n: [
            P(S.toner, paper=226, ink=48), P(S.rotate, deg=-1.5, lid=218), P(S.grain, sigma=5.5, dust=0.0003)],
            200, 72, False),
        "ocr-qianwei-nongye-2023": ("faded toner", 84, lambda n: [
            P(S.toner, paper=232, ink=112, mottle=3.5), P(S.rotate, deg=0.8, lid=238), P(S.lamp, fall=0.1),
            P(S.grain, sigma=5)], 200, 66, False),
        "ocr-xinyang-shuili-2024-H1": ("blur σ 1.0", 85, lambda n: [
            P(S.toner, paper=225, ink=50), P(S.soften, sigma=1.0), P(S.rotate, deg=1.1, lid=226),
            P(S.grain, sigma=6, dust=0.0005)], 200, 70, False),
    }


def make_scan(name: str, spec) -> None:
    import numpy as np
    import pypdfium2 as pdfium
    from statsynth import scan as S
    kind, seed, steps, dpi, quality, colour = spec
    steps = steps(name)
    rng = np.random.default_rng(seed)
    doc = pdfium.PdfDocument(str(OUT / f"{name}.pdf"))
    pages = []
    for i in range(len(doc)):
        pg = doc[i]
        pw, ph = pg.get_size()
        img = np.asarray(pg.render(scale=dpi / 72).to_pil().convert("RGB"), np.float32)
        if not colour:
            img = img.mean(axis=2)
        p = S.Page(img, i, dpi, rng)
        for step in steps:
            step(p)
        h, w = p.img.shape[:2]
        pages.append((S._jpeg(p.img, dpi, quality, colour), w, h, colour, pw, ph))
    doc.close()
    S._write_pdf(OUT / f"{name}-scan.pdf", pages)
    shutil.copyfile(OUT / f"{name}.label.json", OUT / f"{name}-scan.label.json")
    print(f"wrote {name}-scan.pdf ({len(pages)} pages, {dpi} dpi, {kind})")


def main(argv: list[str]) -> int:
    t0 = time.time()
    only_scans = bool(argv) and argv[0] == "--scans"
    check_only = bool(argv) and argv[0] == "--check"
    names = argv[1:] if (only_scans or check_only) else argv
    pick = lambda n: not names or any(x in n for x in names)  # noqa: E731
    OUT.mkdir(exist_ok=True)
    if check_only:                        # labels and checks only, nothing written
        for make in BUILDERS:
            d, ents = make()
            if pick(d.name):
                _, notes = label(d, ents)
                for n in notes:
                    print("  note:", n)
                print("ok", d.name)
        return 0
    if not only_scans:
        if shutil.which("soffice") is None:
            sys.exit("soffice not found: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai")
        for make in BUILDERS:
            d, ents = make()
            if pick(d.name):
                build(d, ents)    # one LibreOffice conversion at a time
    for name, spec in scans().items():
        if pick(name):
            make_scan(name, spec)
    print(f"done in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
