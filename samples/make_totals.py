#!/usr/bin/env python3
"""Build samples/totals/: documents whose tables print their own arithmetic.

    .venv/bin/python samples/make_totals.py                 # digital PDFs, labels, then the scans
    .venv/bin/python samples/make_totals.py NAME ...        # only these (stem or a part of it)
    .venv/bin/python samples/make_totals.py --scans [NAME]  # only the scanned copies (after a digital build)

Eight synthetic documents (政务服务 bulletins, a 统计公报, 部门预算 and 财政预算
tables, a 人口 年报, a 部门决算, a 政府信息公开 年报) whose tables print 合计/小计/总计
rows, 合计 columns, header groups with a 小计 child, rates, shares, growth rates and
‰ rates, with narrative sentences restating cells, and two planned misprints
(a 合计 cell off by one digit, a rate rounded down instead of half-up).  Each
document is one Python description (statsynth.model: paragraphs with their
figures marked inline, tables as header cells plus label rows); from it the
script writes the .docx (statsynth.writer, python-docx), the PDF (LibreOffice,
fixed dates, synth.output) and the label, whose tables carry `relations`
(samples/LABELLING.md, "Relations").  The label is never read back from the PDF.
Then each PDF is printed and scanned once (statsynth.scan's degradations, one
kind per document) into NAME-scan.pdf, an image-only PDF, with the label copied
unchanged.  Figures and people are invented; place and department names are real.

Same requirements as make_statistical.py (LibreOffice, fonts-noto-cjk,
fonts-arphic-ukai/uming, python-docx, and the extractor's numpy, opencv,
Pillow, pypdfium2, pdfplumber).  Fixed seeds and stamped dates: a rerun gives
the same files.
"""
from __future__ import annotations

import calendar
import json
import random
import re
import shutil
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from statsynth.helpers import KAI, MING, SANS, SERIF  # noqa: E402
from statsynth.model import FIG, Doc, HCell, Para, Table, paths_from_levels, printed, tree_header  # noqa: E402
from statsynth.output import check_narrative, docx_to_pdf  # noqa: E402
from statsynth.writer import build_docx  # noqa: E402

OUT = HERE / "totals"


@dataclass
class RTable(Table):
    """A table with the relations its printed numbers state (label indexes)."""
    relations: list = field(default_factory=list)

    def __post_init__(self):
        if self.header and not isinstance(self.header[0], HCell):
            self.header = tree_header(self.header)


# ------------------------------------------------------------------ numbers

def dec_round(x: Decimal, nd: int, trunc: bool = False) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-nd), rounding=ROUND_DOWN if trunc else ROUND_HALF_UP)


def rate(a, b, scale: int = 100, nd: int = 2, trunc: bool = False) -> str:
    """a / b × scale, rounded half-up (or cut, for the planned misprint)."""
    return str(dec_round(Decimal(str(a)) * scale / Decimal(str(b)), nd, trunc))


def growth(a, b, nd: int = 1) -> str:
    """(a / b − 1) × 100."""
    return str(dec_round((Decimal(str(a)) / Decimal(str(b)) - 1) * 100, nd))


def ints(x: int, sep: bool = False) -> str:
    return f"{x:,}" if sep else str(x)


def yuan(c: int, sep: bool = False, zero: str = "", neg: str = "-") -> str:
    """Cents → 1234.56 (万元 with two decimals); zero printed as `zero`; negatives as
    -1.00, (1.00) or △1.00."""
    if c == 0:
        return zero
    s = f"{abs(c) / 100:,.2f}" if sep else f"{abs(c) / 100:.2f}"
    if c > 0:
        return s
    return {"-": "-" + s, "()": "(" + s + ")", "△": "△" + s}[neg]


FULL = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def fw(s: str) -> str:
    """Full-width digits, point and per cent (a table typed with the IME in full-width mode)."""
    return s.translate(FULL)


def total_rel(total: int, parts, fails=None) -> dict:
    d = {"kind": "column_total", "total": total, "parts": list(parts)}
    if fails:
        d["fails"] = fails
    return d


def row_rel(total: int, parts, fails=None) -> dict:
    d = {"kind": "row_total", "total": total, "parts": list(parts)}
    if fails:
        d["fails"] = fails
    return d


def ratio_rel(total: int, num: int, den: int, *, of_row=None, growth_=False, fails=None) -> dict:
    d = {"kind": "ratio", "total": total, "parts": [num, den]}
    if of_row is not None:
        d["of_row"] = of_row
    if growth_:
        d["growth"] = True
    if fails:
        d["fails"] = fails
    return d


def narr(text: str, row: int, col: int) -> dict:
    return {"kind": "narrative", "text": text, "cell": [row, col]}


def body(text: str, subject: str = "", **kw) -> Para:
    return Para(text, "body", subject, **kw)


def head(text: str, **kw) -> Para:
    return Para(text, "heading", **kw)


# ------------------------------------------------------------------ 1. 嵩县 (河南) monthly bulletin

SONGXIAN_TOWNS = ["城关镇", "田湖镇", "车村镇", "旧县镇", "闫庄镇", "德亭镇", "大章镇", "白河镇", "纸房镇",
                  "饭坡镇", "九店乡", "黄庄乡", "木植街乡", "库区乡", "何村乡", "大坪乡"]


def songxian() -> Doc:
    """合计 on top (merged over 序号+单位), three-row header with a 受理/合计 child,
    办结率 as a full-width percentage; every figure of the table in full-width
    digits; one rate cut instead of rounded (大章镇)."""
    r = random.Random(20240501)
    units = ["县政务服务中心"] + SONGXIAN_TOWNS
    data = []
    for i, u in enumerate(units):
        acc = r.randint(5200, 6400) if i == 0 else r.randint(180, 980)
        imm = round(acc * r.uniform(0.42, 0.68))
        done = acc - (r.randint(40, 160) if i == 0 else r.randint(0, 28))
        net = round(acc * r.uniform(0.48, 0.86))
        data.append([acc, imm, acc - imm, done, net])
    bad = units.index("大章镇")
    acc, done = data[bad][0], data[bad][3]
    while not (Decimal(done * 10000) / acc % 1 >= Decimal("0.6") and done < acc):
        done -= 1                       # cut and rounded differ by more than half a unit
    data[bad][3] = done
    tot = [sum(d[k] for d in data) for k in range(5)]

    def line(d, cut=False):
        return [fw(str(d[0])), fw(str(d[1])), fw(str(d[2])), fw(str(d[3])),
                fw(rate(d[3], d[0], trunc=cut) + "%"), fw(str(d[4]))]

    rows = [["合计", "合计"] + line(tot)]
    for i, (u, d) in enumerate(zip(units, data)):
        rows.append([fw(str(i + 1)), u] + line(d, cut=(i == bad)))
    bad_row = bad + 1
    header = tree_header(["序号", "单位", ("办件量（件）", [("受理", ["合计", "即办件", "承诺件"]), "办结"]),
                          "办结率", "网上办件（件）"])
    n = len(rows)
    t_rate = rate(tot[3], tot[0])
    q = {"acc": f"受理{tot[0]:,}件", "imm": f"即办件{tot[1]:,}件", "prom": f"承诺件{tot[2]:,}件",
         "done": f"办结{tot[3]:,}件", "rate": f"办结率{t_rate}%", "net": f"网上办件{tot[4]:,}件",
         "cacc": f"受理{data[0][0]:,}件", "cdone": f"办结{data[0][3]:,}件"}
    rel1 = [total_rel(0, range(1, n)), row_rel(2, [3, 4]), ratio_rel(6, 5, 2, fails=[[bad_row, 6]]),
            narr(q["acc"], 0, 2), narr(q["imm"], 0, 3), narr(q["prom"], 0, 4), narr(q["done"], 0, 5),
            narr(q["rate"], 0, 6), narr(q["net"], 0, 7), narr(q["cacc"], 1, 2), narr(q["cdone"], 1, 5)]
    t1 = RTable("表1　2024年5月全县政务服务办件情况统计表", header, rows,
                widths=[1.1, 2.75, 2.02, 2.02, 2.02, 2.02, 2.4, 2.02], merges=[(0, 0, 0, 1)], stub=1,
                borders="grid", font=SANS, size=9, header_size=9, align="cc" + "c" * 6,
                title_font=SANS, title_size=12, row_height=0.62, header_height=0.6, new_page=True,
                relations=rel1)
    rows2 = [["1", "窗口评价器", "县不动产登记中心", "办理抵押登记等候时间较长",
              "已增设综合受理窗口1个，实行午间延时服务"],
             ["2", "豫事办", "县人力资源和社会保障局", "社保卡补办进度查询不便", "已在线答复，并开通办理进度短信提醒"],
             ["3", "12345热线", "田湖镇便民服务中心", "窗口人员未一次性告知所需材料",
              "已约谈窗口负责人，向当事人回访致歉"]]
    t2 = RTable("表2　2024年5月“好差评”差评整改情况", tree_header(["序号", "评价渠道", "涉及单位", "差评内容", "整改情况"]),
                rows2, widths=[1.0, 2.2, 3.4, 4.2, 5.2], borders="grid", font=SANS, size=9.5, header_size=9.5,
                align="ccllll", title_font=SANS, title_size=12, row_height=0.7, space_before=14, relations=[])
    blocks = [
        Para("嵩县政务服务工作简报", "title", font=SERIF, size=24, after=4),
        Para("2024年第5期", "subtitle", after=2),
        Para("嵩县政务服务和大数据管理局　　　　　　　　　　　　2024年6月5日", "plain", size=12, after=10),
        head("一、总体运行情况"),
        body(f"5月份，全县各级政务服务中心（便民服务中心）共{{{q['acc']}|受理}}，其中{{{q['imm']}|即办件}}、"
             f"{{{q['prom']}|承诺件}}；{{{q['done']}|办结}}，{{{q['rate']}|办结率}}；{{{q['net']}|网上办件}}。", "全县"),
        body(f"县政务服务中心{{{q['cacc']}|受理}}，{{{q['cdone']}|办结}}；"
             "各乡镇便民服务中心办件量与上月基本持平，不动产登记、社会保障、医保服务类事项占比较高。",
             "县政务服务中心"),
        head("二、重点工作"),
        body("5月14日，副县长李文博到县政务服务中心调研“高效办成一件事”推进情况，实地查看企业开办、"
             "不动产登记综合窗口运行情况，要求进一步压缩办理时限，做到企业和群众办事“只进一扇门”。"),
        body("5月下旬，县政务服务和大数据管理局组织开展窗口业务能力培训，各乡镇便民服务中心负责人和窗口工作人员参加。"),
        head("三、“好差评”情况"),
        body("5月份，全县共收到{差评3件|差评}，均已按期整改并完成回访，整改情况见表2。", "全县"),
        t1, t2,
    ]
    return Doc("tot-songxian-bulletin-2024-05", "2024-05", "month", blocks, body_font=SERIF, body_size=13,
               title_font=SERIF, heading_font=SANS, line_spacing=1.45, margins=(2.6, 2.4, 2.2, 2.2),
               footer="dash", people={"李文博": "副县长"}, published=(2024, 6, 5),
               allowed_digits=[r"第\d+期", r"表\d"])


# ------------------------------------------------------------------ 2. 德庆县 (广东) wide bulletin table

DEQING = ["县政务服务中心", "德城街道", "新圩镇", "官圩镇", "马圩镇", "高良镇", "莫村镇", "永丰镇", "武垄镇",
          "播植镇", "凤村镇", "悦城镇", "九市镇", "回龙镇"]


def deqing() -> Doc:
    """Landscape, 15 columns: 合计 at the bottom (empty 序号), three header levels,
    办结率, 占全县比重 (of the 合计 row), 累计 办结率, 网办率; the 合计 of 咨询量 off by
    one digit."""
    r = random.Random(20240801)
    data = []
    for i, u in enumerate(DEQING):
        acc = r.randint(4200, 5600) if i == 0 else r.randint(260, 1480)
        imm = round(acc * r.uniform(0.48, 0.7))
        done = acc - (r.randint(20, 90) if i == 0 else r.randint(0, 24))
        cacc = round(acc * r.uniform(7.1, 8.4))
        cdone = cacc - (r.randint(60, 260) if i == 0 else r.randint(2, 60))
        net = round(acc * r.uniform(0.38, 0.82))
        ask = r.randint(180, 320) if i == 0 else r.randint(18, 140)
        comp = r.randint(0, 4)
        data.append(dict(acc=acc, imm=imm, prom=acc - imm, done=done, cacc=cacc, cdone=cdone, net=net,
                         ask=ask, comp=comp))
    tot = {k: sum(d[k] for d in data) for k in data[0]}
    # the misprint: the tens digit of the 咨询量 total printed 5 off (1,335 → 1,385)
    digits = list(str(tot["ask"]))
    digits[-2] = str((int(digits[-2]) + 5) % 10)
    ask_printed = ints(int("".join(digits)), True)

    def line(d, share: str, ask: str | None = None):
        s = partial(ints, sep=True)
        return [s(d["acc"]), s(d["imm"]), s(d["prom"]), s(d["done"]), rate(d["done"], d["acc"]), share,
                s(d["cacc"]), s(d["cdone"]), rate(d["cdone"], d["cacc"]), s(d["net"]), rate(d["net"], d["acc"]),
                ask if ask is not None else s(d["ask"]), s(d["comp"])]

    rows = [[str(i + 1), u] + line(d, rate(d["acc"], tot["acc"])) for i, (u, d) in enumerate(zip(DEQING, data))]
    rows.append(["", "合计"] + line(tot, "100.00", ask_printed))
    T = len(rows) - 1
    header = tree_header(["序号", "单位",
                          ("本月办件情况", [("受理（件）", ["小计", "即办件", "承诺件"]), "办结（件）", "办结率（%）",
                                      "受理量占全县比重（%）"]),
                          ("1—8月累计", ["受理（件）", "办结（件）", "办结率（%）"]),
                          ("网上办理", ["网上受理（件）", "网办率（%）"]), "咨询量（次）", "投诉（件）"])
    q = {"acc": f"受理{tot['acc']:,}件", "done": f"办结{tot['done']:,}件",
         "rate": f"办结率{rate(tot['done'], tot['acc'])}%", "cacc": f"累计受理{tot['cacc']:,}件",
         "cdone": f"累计办结{tot['cdone']:,}件", "crate": f"累计办结率{rate(tot['cdone'], tot['cacc'])}%",
         "net": f"网上受理{tot['net']:,}件", "netr": f"网办率{rate(tot['net'], tot['acc'])}%",
         "c0": f"受理{data[0]['acc']:,}件", "c0s": f"占全县受理量的{rows[0][7]}%"}
    rel = [total_rel(T, range(T), fails=[[T, 13]]), row_rel(2, [3, 4]), ratio_rel(6, 5, 2),
           ratio_rel(7, 2, 2, of_row=T), ratio_rel(10, 9, 8), ratio_rel(12, 11, 2),
           narr(q["acc"], T, 2), narr(q["done"], T, 5), narr(q["rate"], T, 6), narr(q["cacc"], T, 8),
           narr(q["cdone"], T, 9), narr(q["crate"], T, 10), narr(q["net"], T, 11), narr(q["netr"], T, 12),
           narr(q["c0"], 0, 2), narr(q["c0s"], 0, 7)]
    t = RTable("附表　2024年8月德庆县政务服务办件情况统计表", header, rows,
               widths=[0.8, 2.5] + [1.45] * 4 + [1.35, 1.75] + [1.5, 1.5, 1.35] + [1.5, 1.3] + [1.45, 1.2],
               borders="grid", font=SERIF, size=8.5, header_size=8.5, align="cl" + "r" * 13, title_font=SERIF,
               title_size=13, row_height=0.66, header_height=0.55, landscape=True,
               note="注：办结率＝办结量÷受理量；网办率＝网上受理量÷本月受理量。", relations=rel)
    blocks = [
        Para("德庆县政务服务工作动态", "title", font=KAI, size=24, after=4),
        Para("第八期", "subtitle", after=2),
        Para("德庆县政务服务数据管理局　　　　　　　　　　　　　2024年9月6日", "plain", size=12, after=10),
        head("一、办件情况"),
        body(f"8月份，全县政务服务中心及各镇（街道）便民服务中心共{{{q['acc']}|受理}}，{{{q['done']}|办结}}，"
             f"{{{q['rate']}|办结率}}；其中{{{q['net']}|网上受理}}，{{{q['netr']}|网办率}}。"
             f"1—8月，全县{{{q['cacc']}|累计受理}}，{{{q['cdone']}|累计办结}}，{{{q['crate']}|累计办结率}}。", "全县"),
        body(f"县政务服务中心{{{q['c0']}|受理}}，{{{q['c0s']}|受理量占全县比重}}。", "县政务服务中心"),
        head("二、工作动态"),
        body("8月20日，县委常委、常务副县长陈志华到县政务服务中心检查“粤省事”“粤商通”事项进驻和帮办代办工作，"
             "要求各进驻部门落实首问负责、一次性告知制度，切实提升群众办事满意度。"),
        body("8月下旬，县政务服务数据管理局对各镇（街道）便民服务中心开展业务督导，"
             "重点检查事项办理时限、群众咨询回复和投诉处理情况。"),
        head("三、下一步工作"),
        body("持续推进政务服务事项“一网通办”，加强窗口人员业务培训，及时回应群众咨询和投诉，"
             "对办件量较大的窗口实行弹性延时服务。"),
        t,
    ]
    return Doc("tot-deqing-bulletin-2024-08", "2024-08", "month", blocks, body_font=KAI, body_size=14,
               title_font=KAI, heading_font=SANS, line_spacing=1.4, margins=(2.6, 2.4, 2.7, 2.5),
               lmargins=(1.8, 1.6, 1.6, 1.6), footer="di", people={"陈志华": "常务副县长"}, published=(2024, 9, 6))


# ------------------------------------------------------------------ 3. 张掖市 (甘肃) 统计公报

def zhangye() -> Doc:
    """Three 三线表: population shares with three 其中 groups that add up and one
    that does not (65周岁及以上), budget figures with 其中 rows that do not add up and
    growth against last year's column, consumption with 总计, 其中 sub-rows, growth
    and shares."""
    # 表1 population (hundredths of 万人)
    T = 11230
    urban, male, a0, a2, a65 = 5987, 5712, 1798, 2634, 1921
    pop = [("全市常住人口", 0, T), ("其中：城镇", 1, urban), ("乡村", 1, T - urban), ("其中：男性", 1, male),
           ("女性", 1, T - male), ("其中：0—15岁", 1, a0), ("16—59岁", 1, T - a0 - a2), ("60周岁及以上", 1, a2),
           ("其中：65周岁及以上", 2, a65)]
    w = lambda x: f"{x / 100:.2f}"  # noqa: E731
    rows1 = [[s, w(v), rate(v, T)] for s, _, v in pop]
    lv1 = [lv for _, lv, _ in pop]
    t1 = RTable("表1　2023年末全市常住人口及其构成", ["指标", "年末数（万人）", "比重（%）"], rows1,
                levels=lv1, paths=paths_from_levels([x[0] for x in rows1], lv1), widths=[4.6, 3.2, 3.0],
                width_frac=0.72, borders="three_line", font=SERIF, size=10.5, header_bold=False, align="lrr",
                title_font=SANS, title_size=11, row_height=0.6, header_height=0.7,
                relations=[total_rel(0, [1, 2]), total_rel(0, [3, 4]), total_rel(0, [5, 6, 7]),
                           ratio_rel(2, 1, 1, of_row=0),
                           narr(f"常住人口{w(T)}万人", 0, 1), narr(f"城镇人口{w(urban)}万人", 1, 1),
                           narr(f"城镇化率{rate(urban, T)}%", 1, 2)])
    # 表2 budget (hundredths of 亿元)
    fin = [("一般公共预算收入", 0, 4236, 4012), ("其中：税收收入", 1, 2785, 2690),
           ("一般公共预算支出", 0, 26543, 26228), ("其中：教育支出", 1, 4125, 4010),
           ("社会保障和就业支出", 1, 4580, 4327), ("卫生健康支出", 1, 2015, 2136), ("农林水支出", 1, 4862, 5018),
           ("城乡社区支出", 1, 1533, 1402)]
    rows2 = [[s, w(a), w(b), growth(a, b)] for s, _, a, b in fin]
    lv2 = [lv for _, lv, _, _ in fin]
    t2 = RTable("表2　2023年全市一般公共预算收支情况", ["指标", "2023年（亿元）", "2022年（亿元）", "比上年增长（%）"],
                rows2, levels=lv2, paths=paths_from_levels([x[0] for x in rows2], lv2),
                widths=[4.6, 2.8, 2.8, 2.8], width_frac=0.84, borders="three_line", font=SERIF, size=10.5,
                header_bold=False, align="lrrr", title_font=SANS, title_size=11, row_height=0.6, header_height=0.7,
                relations=[ratio_rel(3, 1, 2, growth_=True),
                           narr(f"一般公共预算收入{w(4236)}亿元", 0, 1), narr(f"增长{growth(4236, 4012)}%", 0, 3),
                           narr(f"税收收入{w(2785)}亿元", 1, 1), narr(f"一般公共预算支出{w(26543)}亿元", 2, 1),
                           narr(f"增长{growth(26543, 26228)}%", 2, 3)])
    # 表3 consumption per head (元)
    r = random.Random(2023)
    base = [("食品烟酒", 5830), ("衣着", 1310), ("居住", 4120), ("生活用品及服务", 1150), ("交通通信", 2580),
            ("教育文化娱乐", 2150), ("医疗保健", 1820), ("其他用品及服务", 420)]
    cats = [(s, round(v * r.uniform(1.02, 1.12)), v) for s, v in base]
    cats[1] = ("衣着", 1282, 1310)            # one category fell
    tot23, tot22 = sum(c[1] for c in cats), sum(c[2] for c in cats)
    spec = [("总计", 0, tot23, tot22)]
    for s, a, b in cats:
        spec.append((s, 1, a, b))
        if s == "食品烟酒":
            spec.append(("其中：饮食服务", 2, 1406, 1190))
        if s == "交通通信":
            spec.append(("其中：通信", 2, 668, 690))
    rows3 = [[s, str(a), str(b), growth(a, b), rate(a, tot23)] for s, _, a, b in spec]
    lv3 = [lv for _, lv, _, _ in spec]
    parts3 = [i for i, (_, lv, _, _) in enumerate(spec) if lv == 1]
    g_tot = growth(tot23, tot22)
    t3 = RTable("表3　2023年全市居民人均消费支出及构成",
                ["指标", "2023年（元）", "2022年（元）", "比上年增长（%）", "比重（%）"], rows3, levels=lv3,
                paths=paths_from_levels([x[0] for x in rows3], lv3), widths=[4.2, 2.5, 2.5, 2.7, 2.2],
                width_frac=0.9, borders="three_line", font=SERIF, size=10.5, header_bold=False, align="lrrrr",
                title_font=SANS, title_size=11, row_height=0.6, header_height=0.7,
                relations=[total_rel(0, parts3), ratio_rel(3, 1, 2, growth_=True), ratio_rel(4, 1, 1, of_row=0),
                           narr(f"人均消费支出{tot23}元", 0, 1), narr(f"增长{g_tot}%", 0, 3),
                           narr(f"食品烟酒支出{cats[0][1]}元", 1, 1), narr(f"占人均消费支出的比重为{rows3[1][4]}%", 1, 4)])
    blocks = [
        Para("张掖市2023年国民经济和社会发展统计公报", "title", font=SERIF, size=19, after=6),
        Para("张掖市统计局　国家统计局张掖调查队", "subtitle"),
        Para("（2024年3月28日）", "subtitle", after=10),
        head("一、综合"),
        body("初步核算，全年全市地区生产总值{586.42亿元|地区生产总值}，按不变价格计算，比上年增长"
             "{6.1%|地区生产总值增长}。全年全市居民消费价格比上年上涨{0.4%|居民消费价格上涨}。", "全市"),
        head("二、人口"),
        body(f"年末全市{{常住人口{w(T)}万人|常住人口}}，其中{{城镇人口{w(urban)}万人|城镇人口}}，"
             f"{{城镇化率{rate(urban, T)}%|城镇化率}}，比上年末提高{{0.86个百分点|城镇化率提高}}。", "全市"),
        t1,
        head("三、财政", before=6),
        body(f"全年全市{{一般公共预算收入{w(4236)}亿元|一般公共预算收入}}，比上年"
             f"{{增长{growth(4236, 4012)}%|一般公共预算收入增长}}；其中{{税收收入{w(2785)}亿元|税收收入}}。"
             f"{{一般公共预算支出{w(26543)}亿元|一般公共预算支出}}，"
             f"{{增长{growth(26543, 26228)}%|一般公共预算支出增长}}。", "全市"),
        t2,
        head("四、居民生活", before=6),
        body(f"全年全市居民{{人均消费支出{tot23}元|居民人均消费支出}}，比上年{{增长{g_tot}%|居民人均消费支出增长}}。"
             f"其中，人均{{食品烟酒支出{cats[0][1]}元|人均食品烟酒支出}}，"
             f"{{占人均消费支出的比重为{rows3[1][4]}%|食品烟酒支出比重}}。", "全市"),
        t3,
        Para("注：本公报中部分数据为初步统计数；人均消费支出增长速度按现价计算。", "note", before=8, size=10),
    ]
    return Doc("tot-zhangye-gongbao-2023", "2023", "year", blocks, body_font=SERIF, body_size=12,
               title_font=SERIF, heading_font=SANS, line_spacing=1.3, margins=(2.6, 2.4, 2.6, 2.5),
               footer="dash", published=(2024, 3, 28))


# ------------------------------------------------------------------ 4. 嘉兴市农业农村局 (浙江) 部门预算

JIAXING = [
    ("行政单位", ["嘉兴市农业农村局（本级）", "嘉兴市农业综合行政执法队"]),
    ("事业单位", ["嘉兴市农业科学研究院", "嘉兴市农业技术推广中心", "嘉兴市畜牧兽医技术服务中心",
                 "嘉兴市渔业技术推广站", "嘉兴市农产品质量安全检测中心", "嘉兴市农业农村信息中心",
                 "嘉兴市种子管理站", "嘉兴市农业机械化技术推广站", "嘉兴市植物保护检疫站",
                 "嘉兴市农村经营管理服务中心", "嘉兴市土壤肥料工作站"]),
]


def jiaxing() -> Doc:
    """收入预算表 over a page break (header repeated): 合计 column = four sources,
    类别 merged over each group with its 小计, 合计 (top) = the two 小计, `-` for
    zero, thousands separators; a small 三公 table whose 合计 column and 小计 child
    add up and whose 2024 row = 2023 row + 增减额 (negative)."""
    r = random.Random(2024_0330)
    rows, merges, paths = [], [], []
    subtotals = []
    rel = []
    groups = []
    for gname, units in JIAXING:
        vals = []
        for u in units:
            if u.endswith("（本级）"):
                v = [r.randint(380000, 460000), 125000, 0, r.randint(1500, 8000)]
            elif gname == "行政单位":
                v = [r.randint(120000, 180000), 0, 0, 0]
            else:
                g = r.randint(18000, 160000)
                s = r.randint(6000, 90000) if r.random() < 0.45 else 0
                o = r.randint(300, 6000) if r.random() < 0.5 else 0
                f = 36000 if "农业技术推广" in u else 0
                v = [g, f, s, o]
            vals.append(v)
        sub = [sum(v[k] for v in vals) for k in range(4)]
        groups.append((gname, units, vals, sub))
        subtotals.append(sub)
    tot = [sum(s[k] for s in subtotals) for k in range(4)]

    def line(v):
        return [yuan(sum(v), True, "-")] + [yuan(x, True, "-") for x in v]

    rows.append(["合计", "合计"] + line(tot))
    paths.append("合计")
    merges.append((0, 0, 0, 1))
    sub_rows = []
    for gname, units, vals, sub in groups:
        start = len(rows)
        for u, v in zip(units, vals):
            rows.append([gname, u] + line(v))
            paths.append(f"{gname}/{u}")
        rows.append([gname, "小计"] + line(sub))
        paths.append(f"{gname}/小计")
        merges.append((start, 0, len(rows) - 1, 0))
        rel.append(total_rel(len(rows) - 1, range(start, len(rows) - 1)))
        sub_rows.append(len(rows) - 1)
    rel.insert(0, total_rel(0, sub_rows))
    q = {"all": f"收入预算合计{yuan(sum(tot), True)}万元", "g": f"一般公共预算拨款{yuan(tot[0], True)}万元",
         "f": f"政府性基金预算拨款{yuan(tot[1], True)}万元", "s": f"事业收入{yuan(tot[2], True)}万元",
         "o": f"其他收入{yuan(tot[3], True)}万元"}
    rel += [row_rel(2, [3, 4, 5, 6]), narr(q["all"], 0, 2), narr(q["g"], 0, 3), narr(q["f"], 0, 4),
            narr(q["s"], 0, 5), narr(q["o"], 0, 6)]
    header = tree_header(["类别", "单位名称", "合计", "一般公共预算拨款", "政府性基金预算拨款", "事业收入", "其他收入"])
    t1 = RTable("表1　2024年部门收入预算表", header, rows, widths=[1.6, 5.6, 2.3, 2.3, 2.1, 2.0, 1.8],
                stub=1, merges=merges, paths=paths, borders="grid", font=SANS, size=9, header_size=9,
                align="clrrrrr", title_font=SERIF, title_size=14, row_height=0.78, header_height=0.9,
                repeat_header=True, unit_left="部门：嘉兴市农业农村局", unit="单位：万元", space_before=12,
                relations=rel)
    # 表2 三公: (因公出国, 购置, 运行, 接待) in cents
    b24 = [0, 0, 1815, 1260]
    b23 = [0, 2650, 2055, 1330]
    diff = [a - b for a, b in zip(b24, b23)]

    def sg(v):
        return [yuan(v[0] + v[1] + v[2] + v[3], zero="0.00"), yuan(v[0], zero="0.00"),
                yuan(v[1] + v[2], zero="0.00"), yuan(v[1], zero="0.00"), yuan(v[2], zero="0.00"),
                yuan(v[3], zero="0.00")]
    rows2 = [["2024年预算数"] + sg(b24), ["2023年预算数"] + sg(b23), ["增减额"] + sg(diff)]
    h2 = tree_header(["项目", "合计", "因公出国（境）费", ("公务用车购置及运行费", ["小计", "公务用车购置费", "公务用车运行费"]),
                      "公务接待费"])
    t2 = RTable("表2　2024年财政拨款“三公”经费预算表", h2, rows2, widths=[2.6, 1.9, 2.2, 1.9, 2.1, 2.1, 1.9],
                borders="grid", font=SANS, size=9.5, header_size=9.5, align="lrrrrrr", title_font=SERIF,
                title_size=14, row_height=0.8, header_height=0.7, unit_left="部门：嘉兴市农业农村局",
                unit="单位：万元", space_before=18,
                relations=[total_rel(0, [1, 2]), row_rel(1, [2, 3, 6]), row_rel(3, [4, 5]),
                           narr(f"“三公”经费预算{rows2[0][1]}万元", 0, 1), narr(f"公务用车运行费{rows2[0][5]}万元", 0, 5),
                           narr(f"公务接待费{rows2[0][6]}万元", 0, 6)])
    n_units = sum(len(u) for _, u in JIAXING)
    blocks = [
        Para("嘉兴市农业农村局2024年部门预算", "title", font=SERIF, size=22, after=12),
        Para("第一部分　部门概况", "plain", font=SANS, size=14, bold=True, after=4),
        body("嘉兴市农业农村局贯彻落实党中央关于“三农”工作的方针政策和省委、市委决策部署，统筹研究和组织实施"
             "全市“三农”工作的发展战略、中长期规划和重大政策，负责种植业、畜牧业、渔业、农业机械化等农业各产业的"
             "监督管理，组织农业资源区划、耕地及永久基本农田质量保护和农业科技推广工作。"),
        body(f"纳入2024年部门预算编制范围的单位共{{{n_units}个|预算单位}}，其中行政单位{{2个|行政单位}}、"
             f"事业单位{{{n_units - 2}个|事业单位}}。"),
        Para("第二部分　2024年部门预算情况说明", "plain", font=SANS, size=14, bold=True, before=8, after=4),
        head("一、收入预算情况"),
        body(f"市农业农村局2024年{{{q['all']}|收入预算}}，其中{{{q['g']}|一般公共预算拨款}}，"
             f"{{{q['f']}|政府性基金预算拨款}}，{{{q['s']}|事业收入}}，{{{q['o']}|其他收入}}。", "市农业农村局"),
        head("二、“三公”经费预算情况"),
        body(f"市农业农村局2024年财政拨款{{{'“三公”经费预算' + rows2[0][1] + '万元'}|财政拨款“三公”经费预算}}，"
             f"其中{{公务用车运行费{rows2[0][5]}万元|公务用车运行费}}，{{公务接待费{rows2[0][6]}万元|公务接待费}}，"
             "因公出国（境）费和公务用车购置费均未安排预算。", "市农业农村局"),
        t1, t2,
    ]
    return Doc("tot-jiaxing-yusuan-2024", "2024", "year", blocks, body_font=SERIF, body_size=12,
               title_font=SERIF, heading_font=SANS, line_spacing=1.35, margins=(2.5, 2.4, 2.3, 2.3),
               footer="dash", published=(2024, 2, 8))


# ------------------------------------------------------------------ 5. 勐腊县 (云南) 财政预算

TAXES = ["增值税", "企业所得税", "个人所得税", "资源税", "城市维护建设税", "房产税", "印花税", "城镇土地使用税",
         "土地增值税", "车船税", "耕地占用税", "契税", "环境保护税", "其他税收收入"]
NONTAX = ["专项收入", "行政事业性收费收入", "罚没收入", "国有资源（资产）有偿使用收入", "捐赠收入", "政府住房基金收入",
          "其他收入"]
FUNCS = ["一般公共服务支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出", "社会保障和就业支出",
         "卫生健康支出", "节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出", "自然资源海洋气象等支出",
         "住房保障支出", "灾害防治及应急管理支出", "预备费", "债务付息支出", "其他支出"]


def mengla() -> Doc:
    """收入预算表: 收入合计 (top) = 一、税收收入 + 二、非税收入, each the 小计 of its
    indented items; 2024 = 2023 + 增减额 with negatives in parentheses; 为上年% a
    quotient; empty cells for zero.  支出 table: 合计 column = three funding sources."""
    r = random.Random(2024_0115)

    def item(lo, hi):
        return r.randint(lo * 100, hi * 100)
    tax23 = [item(9000, 16000), item(3000, 6000), item(800, 1500), item(1500, 3200), item(1200, 2400),
             item(600, 1200), item(500, 900), item(400, 800), item(300, 900), item(200, 400), 153000,
             item(1500, 3000), item(20, 80), item(10, 60)]
    tax24 = [round(v * r.uniform(0.93, 1.12)) for v in tax23]
    tax24[10] = 0                               # 耕地占用税 not budgeted
    tax24[5] = tax23[5] - 31250                 # a fall
    non23 = [item(2500, 4200), item(1800, 3000), item(2200, 4000), item(3500, 7000), 0, item(80, 200),
             item(300, 700)]
    non24 = [round(v * r.uniform(0.9, 1.1)) for v in non23]
    non24[2] = non23[2] - 48600                 # 罚没收入 falls
    ts = (sum(tax23), sum(tax24))
    ns = (sum(non23), sum(non24))
    tt = (ts[0] + ns[0], ts[1] + ns[1])

    def line(a, b):
        return [yuan(a), yuan(b), yuan(b - a, neg="()"), rate(b, a, nd=1) if a and b else ""]
    rows = [["收入合计"] + line(*tt), ["一、税收收入"] + line(*ts)]
    levels = [0, 0]
    for s, a, b in zip(TAXES, tax23, tax24):
        rows.append([s] + line(a, b))
        levels.append(1)
    nrow = len(rows)
    rows.append(["二、非税收入"] + line(*ns))
    levels.append(0)
    for s, a, b in zip(NONTAX, non23, non24):
        rows.append([s] + line(a, b))
        levels.append(1)
    paths = ["收入合计", "一、税收收入"] + [f"一、税收收入/{s}" for s in TAXES] + \
            ["二、非税收入"] + [f"二、非税收入/{s}" for s in NONTAX]
    q = {"in": f"一般公共预算收入预算{yuan(tt[1])}万元", "inr": f"为上年执行数的{rows[0][4]}%",
         "tax": f"税收收入{yuan(ts[1])}万元", "non": f"非税收入{yuan(ns[1])}万元"}
    t1 = RTable("表1　勐腊县2024年一般公共预算收入预算表",
                ["项目", "2023年执行数", "2024年预算数", "比上年增减额", "预算数为上年执行数的%"], rows,
                levels=levels, paths=paths, widths=[5.2, 2.6, 2.6, 2.6, 2.6], borders="grid", font=MING,
                size=10, header_size=10, header_bold=True, align="lrrrr", title_font=SANS, title_size=13,
                row_height=0.58, header_height=0.95, unit="单位：万元", new_page=True,
                relations=[total_rel(0, [1, nrow]), total_rel(1, range(2, nrow)),
                           total_rel(nrow, range(nrow + 1, len(rows))), row_rel(2, [1, 3]), ratio_rel(4, 2, 1),
                           narr(q["in"], 0, 2), narr(q["inr"], 0, 4), narr(q["tax"], 1, 2), narr(q["non"], nrow, 2)])
    # 表2 支出 by source (cents): 本级财力, 上级转移支付, 债券
    exp = []
    for f in FUNCS:
        own = item(1500, 26000) if f not in ("预备费", "债务付息支出") else (150000 if f == "预备费" else item(2500, 4000))
        up = item(800, 18000) if f not in ("预备费", "债务付息支出", "其他支出") else 0
        bond = item(1200, 5000) if f in ("城乡社区支出", "农林水支出", "交通运输支出") else 0
        exp.append([own, up, bond])
    et = [sum(e[k] for e in exp) for k in range(3)]
    rows2 = [["支出合计", yuan(sum(et))] + [yuan(x) for x in et]]
    for f, e in zip(FUNCS, exp):
        rows2.append([f, yuan(sum(e))] + [yuan(x) for x in e])
    q2 = {"out": f"一般公共预算支出预算{yuan(sum(et))}万元", "own": f"县本级财力安排{yuan(et[0])}万元",
          "up": f"上级转移支付安排{yuan(et[1])}万元", "bond": f"新增地方政府债券安排{yuan(et[2])}万元"}
    t2 = RTable("表2　勐腊县2024年一般公共预算支出预算表",
                ["项目", "合计", "县本级财力安排", "上级转移支付安排", "新增地方政府债券安排"], rows2,
                widths=[5.2, 2.6, 2.6, 2.6, 2.6], borders="grid", font=MING, size=10, header_size=10,
                align="lrrrr", title_font=SANS, title_size=13, row_height=0.58, header_height=0.95,
                unit="单位：万元", space_before=16,
                relations=[total_rel(0, range(1, len(rows2))), row_rel(1, [2, 3, 4]),
                           narr(q2["out"], 0, 1), narr(q2["own"], 0, 2), narr(q2["up"], 0, 3), narr(q2["bond"], 0, 4)])
    blocks = [
        Para("关于勐腊县2023年预算执行情况和2024年预算草案的报告（摘要）", "title", font=SANS, size=17, after=6),
        Para("勐腊县财政局", "subtitle", after=10),
        head("一、2024年一般公共预算收入预算"),
        body(f"按照积极稳妥、实事求是的原则，2024年全县{{{q['in']}|一般公共预算收入预算}}，"
             f"{{{q['inr']}|一般公共预算收入预算为上年执行数}}。其中{{{q['tax']}|税收收入预算}}，"
             f"{{{q['non']}|非税收入预算}}。耕地占用税不再安排预算，罚没收入预算较上年执行数减少。", "全县"),
        head("二、2024年一般公共预算支出预算"),
        body(f"2024年全县{{{q2['out']}|一般公共预算支出预算}}，其中{{{q2['own']}|县本级财力安排}}，"
             f"{{{q2['up']}|上级转移支付安排}}，{{{q2['bond']}|新增地方政府债券安排}}。"
             "支出安排坚持“三保”优先，重点保障教育、社会保障和就业、卫生健康、农林水等民生领域。", "全县"),
        t1, t2,
    ]
    return Doc("tot-mengla-caizheng-2024", "2024", "year", blocks, body_font=SERIF, body_size=12,
               title_font=SANS, heading_font=SANS, line_spacing=1.4, margins=(2.5, 2.3, 2.5, 2.5),
               footer="di", published=(2024, 1, 30))


# ------------------------------------------------------------------ 6. 齐齐哈尔市 (黑龙江) 人口年报

QIQIHAR = [("龙沙区", 331000), ("建华区", 268000), ("铁锋区", 292000), ("昂昂溪区", 61000), ("富拉尔基区", 228000),
           ("碾子山区", 69000), ("梅里斯达斡尔族区", 152000), ("讷河市", 527000), ("龙江县", 498000),
           ("依安县", 379000), ("泰来县", 271000), ("甘南县", 284000), ("富裕县", 232000), ("克山县", 348000),
           ("克东县", 186000), ("拜泉县", 433000)]


def qiqihar() -> Doc:
    """年报: parent header 出生人口 with 小计/男/女, negative 自然增长 (-1234),
    ‰ rates (出生率 = 死亡率 + 自然增长率 printed exactly), 全市 on top; a second
    table of 2023 / 2022 / 增减 with △ for a decrease."""
    r = random.Random(2023_1231)
    data = []
    for name, base in QIQIHAR:
        pop = base + r.randint(-3000, 3000)
        births = round(pop * r.uniform(0.0029, 0.0046))
        boys = round(births * r.uniform(0.5, 0.54))
        deaths = round(pop * r.uniform(0.0068, 0.0098))
        data.append([name, pop, births, boys, deaths])

    def ok(pop, b, d):
        return Decimal(rate(b, pop, 1000)) - Decimal(rate(d, pop, 1000)) == Decimal(rate(b - d, pop, 1000))

    for _ in range(200):                     # make 出生率 − 死亡率 = 自然增长率 hold as printed
        changed = False
        for row in data:
            while not ok(row[1], row[2], row[4]):
                row[4] += 1
                changed = True
        tp, tb, td = (sum(x[k] for x in data) for k in (1, 2, 4))
        if not ok(tp, tb, td):
            data[0][4] += 1
            changed = True
        if not changed:
            break
    tp, tb, tboy, td = (sum(x[k] for x in data) for k in (1, 2, 3, 4))

    def line(pop, b, boy, d):
        return [str(pop), str(b), str(boy), str(b - boy), str(d), str(b - d), rate(b, pop, 1000),
                rate(d, pop, 1000), rate(b - d, pop, 1000)]
    rows = [["全市"] + line(tp, tb, tboy, td)] + [[x[0]] + line(*x[1:]) for x in data]
    header = tree_header(["地区", "年平均人口（人）", ("出生人口（人）", ["小计", "男", "女"]), "死亡人口（人）",
                          "自然增长人口（人）", "出生率（‰）", "死亡率（‰）", "自然增长率（‰）"])
    q = {"b": f"出生人口{tb}人", "br": f"出生率{rows[0][7]}‰", "d": f"死亡人口{td}人", "dr": f"死亡率{rows[0][8]}‰",
         "n": f"自然增长人口{tb - td}人", "nr": f"人口自然增长率{rows[0][9]}‰"}
    t1 = RTable("表1　2023年各县（市、区）人口变动情况", header, rows,
                widths=[3.0, 1.9, 1.5, 1.3, 1.3, 1.5, 1.7, 1.4, 1.4, 1.6], borders="grid", font=SANS, size=9,
                header_size=9, align="l" + "r" * 9, title_font=SANS, title_size=12, row_height=0.62,
                header_height=0.6, relations=[
                    total_rel(0, range(1, len(rows))), row_rel(2, [3, 4]), row_rel(2, [5, 6]), row_rel(7, [8, 9]),
                    ratio_rel(7, 2, 1), ratio_rel(8, 5, 1), ratio_rel(9, 6, 1),
                    narr(q["b"], 0, 2), narr(q["br"], 0, 7), narr(q["d"], 0, 5), narr(q["dr"], 0, 8),
                    narr(q["n"], 0, 6), narr(q["nr"], 0, 9)])
    # 表2: 2023 against 2022 (2022 rates chosen so that 出生率 = 死亡率 + 自然增长率)
    b22, d22 = 14382, 30517
    dr22, nr22 = Decimal("7.44"), Decimal("-3.93")
    br22 = dr22 + nr22
    s23 = [tb, td, tb - td]
    s22 = [b22, d22, b22 - d22]
    r23 = [Decimal(rows[0][7]), Decimal(rows[0][8]), Decimal(rows[0][9])]
    r22 = [br22, dr22, nr22]

    def tri(x):          # △ marks a decrease
        return f"△{-x}" if x < 0 else str(x)
    rows2 = []
    for s, a, b in zip(["出生人口（人）", "死亡人口（人）", "自然增长人口（人）"], s23, s22):
        rows2.append([s, str(a), str(b), tri(a - b)])
    for s, a, b in zip(["出生率（‰）", "死亡率（‰）", "自然增长率（‰）"], r23, r22):
        rows2.append([s, str(a), str(b), tri(a - b)])
    t2 = RTable("表2　全市人口变动主要指标与上年比较", ["指标", "2023年", "2022年", "增减"], rows2,
                widths=[4.4, 2.6, 2.6, 2.6], width_frac=0.8, borders="grid", font=SANS, size=10, header_size=10,
                align="lrrr", title_font=SANS, title_size=12, row_height=0.66, header_height=0.66,
                space_before=16, note="注：△表示减少。",
                relations=[total_rel(0, [1, 2]), total_rel(3, [4, 5]), row_rel(1, [2, 3])])
    blocks = [
        Para("齐齐哈尔市2023年人口变动情况统计年报", "title", font=SERIF, size=20, after=4),
        Para("齐齐哈尔市统计局", "subtitle", after=10),
        body("根据全市人口变动情况抽样调查和户籍登记资料汇总，现将2023年全市人口变动情况报告如下。"),
        body(f"2023年，全市{{{q['b']}|出生人口}}，{{{q['br']}|出生率}}；{{{q['d']}|死亡人口}}，"
             f"{{{q['dr']}|死亡率}}；{{{q['n']}|自然增长人口}}，{{{q['nr']}|人口自然增长率}}。"
             "全市各县（市、区）人口自然增长率均为负值。", "全市"),
        body("年末全市户籍人口{491.36万人|户籍人口}，比上年末减少{5.82万人|户籍人口减少}；"
             "其中城镇人口{232.15万人|城镇人口}。", "全市"),
        t1, t2,
    ]
    return Doc("tot-qiqihar-nianbao-2023", "2023", "year", blocks, body_font=SERIF, body_size=12,
               title_font=SERIF, heading_font=SANS, line_spacing=1.4, margins=(2.5, 2.3, 2.2, 2.2),
               footer="dash", published=(2024, 3, 15))


# ------------------------------------------------------------------ 7. 淄博市市场监督管理局 (山东) 部门决算

ZIBO = [
    ("201", "一般公共服务支出"), ("20138", "市场监督管理事务"), ("2013801", "行政运行", "b"),
    ("2013802", "一般行政管理事务", "p"), ("2013804", "市场主体管理", "p"), ("2013805", "市场秩序执法", "p"),
    ("2013808", "信息化建设", "p"), ("2013810", "质量基础", "p"), ("2013812", "药品事务", "p"),
    ("2013815", "质量安全监管", "p"), ("2013816", "食品安全监管", "p"), ("2013850", "事业运行", "m"),
    ("208", "社会保障和就业支出"), ("20805", "行政事业单位养老支出"), ("2080501", "行政单位离退休", "b"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "b"), ("2080506", "机关事业单位职业年金缴费支出", "b"),
    ("20808", "抚恤"), ("2080801", "死亡抚恤", "b"),
    ("210", "卫生健康支出"), ("21011", "行政事业单位医疗"), ("2101101", "行政单位医疗", "b"),
    ("2101102", "事业单位医疗", "b"), ("2101103", "公务员医疗补助", "b"),
    ("221", "住房保障支出"), ("22102", "住房改革支出"), ("2210201", "住房公积金", "b"), ("2210203", "购房补贴", "b"),
]


def zibo() -> Doc:
    """支出决算表: 本年支出/合计 = 基本支出/小计 + 项目支出, 小计 = 人员经费 + 公用经费,
    类 = its 款, 款 = its 项 (a 类 with a single 款 included), 合计 (top, merged over
    two columns) = the 类 rows; over a page break without a repeated header.  三公
    table: 合计 = its kinds, 其中 rows that add up, 2023 = 2022 + 增减额 in
    parentheses, 增减率 as growth."""
    r = random.Random(2023_0820)
    vals = {}
    for s in ZIBO:
        if len(s) == 3:
            k = s[2]
            per = r.randint(8000, 190000) if k in "bm" else 0
            pub = r.randint(1500, 42000) if k in "bm" and (k == "m" or s[0] == "2013801") else 0
            proj = r.randint(4000, 96000) if k in "pm" else 0
            vals[s[0]] = (per, pub, proj)
    for s in ZIBO:
        if len(s[0]) < 7:
            kids = [v for c, v in vals.items() if len(c) == 7 and c.startswith(s[0])]
            vals[s[0]] = tuple(sum(v[i] for v in kids) for i in range(3))
    tot = tuple(sum(v[i] for c, v in vals.items() if len(c) == 7) for i in range(3))

    def line(v):
        per, pub, proj = v
        return [yuan(per + pub + proj, True, "0.00"), yuan(per + pub, True), yuan(per, True), yuan(pub, True),
                yuan(proj, True)]
    rows = [["合计", "合计"] + line(tot)]
    levels = [0]
    for s in ZIBO:
        rows.append([s[0], s[1]] + line(vals[s[0]]))
        levels.append({3: 0, 5: 1, 7: 2}[len(s[0])])
    paths = ["合计"] + paths_from_levels([x[1] for x in rows[1:]], levels[1:])
    rel = []
    codes = [x[0] for x in rows]
    cls = [i for i, c in enumerate(codes) if len(c) == 3]
    rel.append(total_rel(0, cls))
    for i, c in enumerate(codes):
        if len(c) in (3, 5):
            kids = [j for j, k in enumerate(codes) if len(k) == len(c) + 2 and k.startswith(c)]
            rel.append(total_rel(i, kids))
    E, B, P = sum(tot), tot[0] + tot[1], tot[2]
    q = {"e": f"本年支出合计{yuan(E, True)}万元", "b": f"基本支出{yuan(B, True)}万元",
         "per": f"人员经费{yuan(tot[0], True)}万元", "pub": f"公用经费{yuan(tot[1], True)}万元",
         "p": f"项目支出{yuan(P, True)}万元"}
    rel += [row_rel(2, [3, 6]), row_rel(3, [4, 5]), narr(q["e"], 0, 2), narr(q["b"], 0, 3),
            narr(q["per"], 0, 4), narr(q["pub"], 0, 5), narr(q["p"], 0, 6)]
    header = tree_header(["科目编码", "科目名称", ("本年支出", ["合计", ("基本支出", ["小计", "人员经费", "公用经费"]),
                                                     "项目支出"])])
    t1 = RTable("表1　2023年度一般公共预算财政拨款支出决算表", header, rows,
                widths=[1.9, 5.4, 2.3, 2.3, 2.3, 2.0, 2.3], stub=1, levels=levels, paths=paths,
                merges=[(0, 0, 0, 1)], borders="grid", font=MING, size=9.5, header_size=9.5, header_bold=False,
                align="cl" + "r" * 5, title_font=KAI, title_size=15, title_bold=False, row_height=0.64,
                header_height=0.6, unit_left="编制单位：淄博市市场监督管理局", unit="金额单位：万元",
                space_before=10, relations=rel)
    # 表2 三公 2023 / 2022 (cents): 出国, 购置, 运行, 接待
    f23 = [0, 0, 2386, 1542]
    f22 = [0, 3120, 2811, 1317]

    def kinds(v):
        return [v[0], v[1] + v[2], v[1], v[2], v[3]]
    k23, k22 = kinds(f23), kinds(f22)
    spec = [("合计", sum(f23), sum(f22))] + list(zip(["因公出国（境）费", "公务用车购置及运行费", "其中：公务用车购置费",
                                                     "公务用车运行费", "公务接待费"], k23, k22))
    rows2 = []
    for s, a, b in spec:
        rows2.append([s, yuan(a, zero="0.00"), yuan(b, zero="0.00"), yuan(a - b, zero="0.00", neg="()"),
                      growth(a, b) if b else "-"])
    lv2 = [0, 1, 1, 2, 2, 1]
    q2 = {"sg": f"“三公”经费支出{rows2[0][1]}万元", "run": f"公务用车运行费{rows2[4][1]}万元",
          "rec": f"公务接待费{rows2[5][1]}万元"}
    t2 = RTable("表2　2023年度“三公”经费支出决算与上年对比表",
                ["项目", "2023年决算数", "2022年决算数", "增减额", "增减率（%）"], rows2, levels=lv2,
                paths=paths_from_levels([x[0] for x in rows2], lv2), widths=[4.8, 2.5, 2.5, 2.3, 2.2],
                borders="grid", font=MING, size=10, header_size=10, header_bold=False, align="lrrrr",
                title_font=KAI, title_size=15, title_bold=False, row_height=0.7, header_height=0.7,
                unit_left="编制单位：淄博市市场监督管理局", unit="金额单位：万元", space_before=18,
                relations=[total_rel(0, [1, 2, 5]), total_rel(2, [3, 4]), row_rel(1, [2, 3]),
                           ratio_rel(4, 1, 2, growth_=True),
                           narr(q2["sg"], 0, 1), narr(q2["run"], 4, 1), narr(q2["rec"], 5, 1)])
    blocks = [
        Para("淄博市市场监督管理局2023年度部门决算", "title", font=KAI, size=22, after=12),
        Para("第一部分　部门概况", "plain", font=KAI, size=15, after=4),
        body("淄博市市场监督管理局负责全市市场综合监督管理，统一登记市场主体，组织市场监管综合执法，"
             "承担产品质量、特种设备、食品安全监督管理和计量、标准化、认证认可等工作。"),
        Para("第二部分　2023年度部门决算情况说明", "plain", font=KAI, size=15, before=8, after=4),
        body(f"2023年度一般公共预算财政拨款{{{q['e']}|本年支出合计}}，其中{{{q['b']}|基本支出}}"
             f"（{{{q['per']}|人员经费}}，{{{q['pub']}|公用经费}}），{{{q['p']}|项目支出}}。"
             "项目支出主要用于市场秩序执法、食品安全监管、质量安全监管和信息化建设等。"),
        body(f"2023年度一般公共预算财政拨款{{{q2['sg']}|“三公”经费支出}}，其中{{{q2['run']}|公务用车运行费}}，"
             f"{{{q2['rec']}|公务接待费}}；未发生因公出国（境）费和公务用车购置费。"),
        t1, t2,
    ]
    return Doc("tot-zibo-juesuan-2023", "2023", "year", blocks, body_font=MING, body_size=12.5,
               title_font=KAI, line_spacing=1.45, margins=(2.6, 2.4, 2.4, 2.3), footer="di",
               published=(2024, 8, 26))


# ------------------------------------------------------------------ 8. 海城区 (广西) 政府信息公开年报

A_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def haicheng() -> Doc:
    """政府信息公开工作年度报告: a 第二十条 table with no total at all, the
    申请 table (总计 column = six applicant kinds; （七）总计 row = every result row),
    the 行政复议/行政诉讼 table (a 总计 in each of three groups)."""
    new = [39, 5, 1, 0, 2, 1]
    carried = [2, 1, 0, 0, 0, 0]
    results = [
        ("（一）予以公开", None, [15, 2, 0, 0, 1, 0]),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, [5, 1, 0, 0, 0, 0]),
        ("（三）不予公开", "1.属于国家秘密", [0] * 6),
        ("（三）不予公开", "2.其他法律行政法规禁止公开", [1, 0, 0, 0, 0, 0]),
        ("（三）不予公开", "3.危及“三安全一稳定”", [0] * 6),
        ("（三）不予公开", "4.保护第三方合法权益", [1, 0, 0, 0, 0, 0]),
        ("（三）不予公开", "5.属于三类内部事务信息", [0] * 6),
        ("（三）不予公开", "6.属于四类过程性信息", [2, 0, 0, 0, 0, 0]),
        ("（三）不予公开", "7.属于行政执法案卷", [1, 0, 0, 0, 0, 0]),
        ("（三）不予公开", "8.属于行政查询事项", [0] * 6),
        ("（四）无法提供", "1.本机关不掌握相关政府信息", [7, 2, 1, 0, 0, 1]),
        ("（四）无法提供", "2.没有现成信息需要另行制作", [2, 0, 0, 0, 0, 0]),
        ("（四）无法提供", "3.补正后申请内容仍不明确", [1, 0, 0, 0, 0, 0]),
        ("（五）不予处理", "1.信访举报投诉类申请", [3, 0, 0, 0, 0, 0]),
        ("（五）不予处理", "2.重复申请", [1, 0, 0, 0, 0, 0]),
        ("（五）不予处理", "3.要求提供公开出版物", [0] * 6),
        ("（五）不予处理", "4.无正当理由大量反复申请", [0] * 6),
        ("（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", [0] * 6),
        ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [1, 0, 0, 0, 1, 0]),
        ("（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0] * 6),
        ("（六）其他处理", "3.其他", [0] * 6),
    ]
    total = [sum(v[k] for _, _, v in results) for k in range(6)]
    rest = [new[k] + carried[k] - total[k] for k in range(6)]
    assert min(rest) >= 0, rest

    def vals(v):
        return [str(x) for x in v] + [str(sum(v))]
    rows, merges, paths = [], [], []
    rows.append(["一、本年新收政府信息公开申请数量"] * 3 + vals(new))
    rows.append(["二、上年结转政府信息公开申请数量"] * 3 + vals(carried))
    paths += [rows[0][0], rows[1][0]]
    merges += [(0, 0, 0, 2), (1, 0, 1, 2)]
    third = "三、本年度办理结果"
    start = len(rows)
    for grp, item, v in results:
        i = len(rows)
        if item is None:
            rows.append([third, grp, grp] + vals(v))
            merges.append((i, 1, i, 2))
            paths.append(f"{third}/{grp}")
        else:
            rows.append([third, grp, item] + vals(v))
            paths.append(f"{third}/{grp}/{item}")
    leaves = list(range(start, len(rows)))
    i_tot = len(rows)
    rows.append([third, "（七）总计", "（七）总计"] + vals(total))
    merges.append((i_tot, 1, i_tot, 2))
    paths.append(f"{third}/（七）总计")
    merges.append((start, 0, i_tot, 0))
    i = start
    while i < i_tot:
        e = i
        while e + 1 < i_tot and rows[e + 1][1] == rows[i][1] and rows[i][1] != rows[i][2]:
            e += 1
        if e > i:
            merges.append((i, 1, e, 1))
        i = e + 1
    rows.append(["四、结转下年度继续办理"] * 3 + vals(rest))
    paths.append(rows[-1][0])
    merges.append((len(rows) - 1, 0, len(rows) - 1, 2))
    header = [HCell(0, 0, 3, 3, A_NOTE), HCell(0, 3, 1, 7, "申请人情况"), HCell(1, 3, 2, 1, "自然人"),
              HCell(1, 4, 1, 5, "法人或其他组织"), HCell(1, 9, 2, 1, "总计")]
    header += [HCell(2, 4 + k, 1, 1, t) for k, t in enumerate(["商业企业", "科研机构", "社会公益组织",
                                                               "法律服务机构", "其他"])]
    q = {"new": f"收到政府信息公开申请{sum(new)}件", "car": f"上年结转{sum(carried)}件",
         "done": f"办结{sum(total)}件", "rest": f"结转下年度继续办理{sum(rest)}件",
         "open": f"予以公开{sum(results[0][2])}件"}
    t_apply = RTable("", header, rows, widths=[1.1, 2.3, 5.0] + [1.15] * 7, stub=2, merges=merges, paths=paths,
                     borders="grid", font=SERIF, size=9, header_size=9, header_bold=False, align="ccl" + "c" * 7,
                     row_height=0.6, header_height=0.6, relations=[
                         total_rel(i_tot, leaves), row_rel(9, range(3, 9)),
                         narr(q["new"], 0, 9), narr(q["car"], 1, 9), narr(q["open"], start, 9),
                         narr(q["done"], i_tot, 9), narr(q["rest"], i_tot + 1, 9)])
    lv = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    review = [1, 1, 0, 1, 3]
    t_law = RTable("", tree_header([("行政复议", lv), ("行政诉讼", [("未经复议直接起诉", lv), ("复议后起诉", lv)])]),
                   [[str(x) for x in review + [0] * 10]], widths=[1.0] * 15, borders="grid", font=SERIF, size=9,
                   header_size=9, header_bold=False, align="c" * 15, row_height=0.8, header_height=0.6,
                   relations=[row_rel(4, [0, 1, 2, 3]), row_rel(9, [5, 6, 7, 8]), row_rel(14, [10, 11, 12, 13]),
                              narr("行政复议3件", 0, 4)])
    t20 = RTable("", tree_header([("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])]),
                 [["规章", "0", "0", "0"], ["行政规范性文件", "4", "2", "37"]], widths=[4.0, 2.6, 2.6, 2.6],
                 borders="grid", font=SERIF, size=10, header_size=10, header_bold=False, align="lccc",
                 row_height=0.75, header_height=0.7, space_before=0, relations=[])
    blocks = [
        Para("北海市海城区人民政府2023年政府信息公开工作年度报告", "title", font=SERIF, size=18, after=10),
        body("本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发"
             "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"
             "报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"),
        head("一、总体情况"),
        body("2023年，海城区人民政府通过政府门户网站主动公开政府信息{3126条|主动公开政府信息}，"
             "其中政策文件{87件|政策文件}，政策解读{41篇|政策解读}。"
             f"全年共{{{q['new']}|收到政府信息公开申请}}，{{{q['car']}|上年结转}}，"
             f"其中{{{q['open']}|予以公开}}；全年{{{q['done']}|办结}}，{{{q['rest']}|结转下年度继续办理}}。"
             "因政府信息公开被申请{行政复议3件|行政复议}，未发生因政府信息公开引起的行政诉讼。",
             "海城区人民政府", size=11.5),
        head("二、主动公开政府信息情况"),
        t20,
        head("三、收到和处理政府信息公开申请情况", before=10),
        t_apply,
        head("四、政府信息公开行政复议、行政诉讼情况", before=10),
        t_law,
        head("五、存在的主要问题及改进情况", before=10),
        body("部分单位信息发布不够及时，依申请公开答复文书的规范性有待提高。下一步将加强业务培训和督促检查。",
             size=11.5),
        head("六、其他需要报告的事项"),
        body("本年度未收取政府信息公开信息处理费。", size=11.5),
    ]
    return Doc("tot-haicheng-nianbao-2023", "2023", "year", blocks, body_font=SANS, body_size=11.5,
               title_font=SERIF, heading_font=SANS, line_spacing=1.45, margins=(2.5, 2.4, 2.5, 2.5),
               footer="di", published=(2024, 1, 22), allowed_digits=[r"\d{4}年\d{1,2}月\d{1,2}日"])


BUILDERS = [songxian, deqing, zhangye, jiaxing, mengla, qiqihar, zibo, haicheng]


# ------------------------------------------------------------------ labels

NUMX = re.compile(r"^(-?[0-9][0-9,]*(?:\.[0-9]+)?)(.*)$")


def _metrics(p: Para) -> list[dict]:
    """Figures of a paragraph; a figure may be quoted with its measure
    (``{受理12,345件|受理}``): the number is the first one in it."""
    out = []
    for m in FIG.finditer(p.text):
        fig, name, subj = m.group(1), m.group(2), m.group(3)
        k = re.search(r"-?[0-9]", fig)
        assert k, fig
        mm = NUMX.match(fig[k.start():])
        num = mm.group(1).replace(",", "")
        out.append({"subject": p.subject if subj is None else subj, "name": name,
                    "value": float(num) if "." in num else int(num), "unit": mm.group(2)})
    return out


def _nfc(x):
    if isinstance(x, str):
        return unicodedata.normalize("NFC", x)
    if isinstance(x, list):
        return [_nfc(v) for v in x]
    if isinstance(x, dict):
        return {_nfc(k): _nfc(v) for k, v in x.items()}
    return x


def label(d: Doc) -> dict:
    check_narrative(d)
    text = "".join(printed(b.text) for b in d.blocks if isinstance(b, Para))
    tables = []
    for t in (x for x in d.blocks if isinstance(x, Table)):
        t.check()
        entry = {"title": t.title, "columns": t.columns, "rows": t.rows}
        if t.paths is not None:
            entry["row_paths"] = t.paths
        entry["score_header"] = [True] * t.ncol
        for rel in t.relations:
            if rel["kind"] == "narrative":
                assert rel["text"] in text, (d.name, rel["text"])
        entry["relations"] = t.relations
        tables.append(entry)
    for name, title in d.people.items():
        assert name in text and title in text, (name, title)
    metrics = [m for b in d.blocks if isinstance(b, Para) for m in _metrics(b)]
    return _nfc({"document": {"period": d.period, "period_kind": d.period_kind}, "tables": tables,
                 "facts": {"people": dict(d.people), "metrics": metrics, "metrics_complete": True}})


def build(d: Doc) -> None:
    epoch = calendar.timegm((*d.published, 9, 0, 0))
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / f"{d.name}.docx"
        build_docx(d, str(docx))
        pdf = docx_to_pdf(docx, Path(tmp), epoch)
        shutil.move(str(pdf), OUT / pdf.name)
    (OUT / f"{d.name}.label.json").write_text(json.dumps(label(d), ensure_ascii=False, indent=1) + "\n",
                                              encoding="utf-8")
    print(f"wrote {OUT / d.name}.pdf and .label.json")


# ------------------------------------------------------------------ scans

def _cell_centre(name: str, text: str, row_word: str) -> tuple[int, float, float]:
    """Page and centre (fractions) of the printed `text` on the line that starts with `row_word`."""
    import pdfplumber
    with pdfplumber.open(OUT / f"{name}.pdf") as pdf:
        for i, pg in enumerate(pdf.pages):
            words = pg.extract_words()
            rows = [w for w in words if w["text"] == row_word]
            for w in words:
                if w["text"] == text and any(abs(w["top"] - x["top"]) < 4 for x in rows):
                    return i, (w["x0"] + w["x1"]) / 2 / float(pg.width), (w["top"] + w["bottom"]) / 2 / float(pg.height)
    raise SystemExit(f"{name}: {text!r} not found for the seal")


def scans():
    from statsynth import scan as S
    P = partial
    specs = {
        "tot-songxian-bulletin-2024-05": ("skew", 41, lambda: [
            P(S.toner, paper=226, ink=46), P(S.rotate, deg=1.8, lid=232), P(S.grain, sigma=5, dust=0.0004)],
            200, 72, False),
        "tot-deqing-bulletin-2024-08": ("150 dpi", 42, lambda: [
            P(S.toner, paper=228, ink=44), P(S.rotate, deg=-0.6, lid=236), P(S.grain, sigma=5)], 150, 75, False),
        "tot-zhangye-gongbao-2023": ("blur", 43, lambda: [
            P(S.toner, paper=228, ink=50), P(S.soften, sigma=1.3), P(S.rotate, deg=0.4, lid=236),
            P(S.grain, sigma=6)], 200, 70, False),
        "tot-jiaxing-yusuan-2024": ("red seal over the 合计 row", 44, None, 200, 75, True),
        "tot-mengla-caizheng-2024": ("JPEG q28", 45, lambda: [
            P(S.toner, paper=230, ink=40), P(S.rotate, deg=-0.3, lid=238), P(S.grain, sigma=4)], 200, 28, False),
        "tot-qiqihar-nianbao-2023": ("grey toner", 46, lambda: [
            P(S.toner, paper=206, ink=92, mottle=3.5), P(S.rotate, deg=0.7, lid=214), P(S.grain, sigma=6.5)],
            200, 70, False),
        "tot-zibo-juesuan-2023": ("faded toner", 47, lambda: [
            P(S.toner, paper=233, ink=118, mottle=4), P(S.rotate, deg=-0.5, lid=240), P(S.grain, sigma=5)],
            300, 60, False),
        "tot-haicheng-nianbao-2023": ("uneven lamp, dust", 48, lambda: [
            P(S.toner, paper=224, ink=50, streak=14), P(S.rotate, deg=-1.1, lid=228), P(S.lamp, fall=0.16),
            P(S.grain, sigma=6, dust=0.0009)], 250, 68, False),
    }
    return specs


def make_scan(name: str, spec) -> None:
    import numpy as np
    import pypdfium2 as pdfium
    from statsynth import scan as S
    kind, seed, steps, dpi, quality, colour = spec
    if steps is None:           # the seal: over the 合计 row's amounts of 表1
        lab = json.loads((OUT / f"{name}.label.json").read_text(encoding="utf-8"))
        page, x, y = _cell_centre(name, lab["tables"][0]["rows"][0][4], "合计")
        steps = [P for P in (partial(S.toner, paper=230, ink=45, tint=(1.0, 0.985, 0.95)),
                             partial(S.red_seal, page=page, at=(x, y), name="嘉兴市农业农村局", angle=-12),
                             partial(S.rotate, deg=-0.9, lid=240), partial(S.grain, sigma=5))]
    else:
        steps = steps()
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
    only_scans = bool(argv) and argv[0] == "--scans"
    names = argv[1:] if only_scans else argv
    pick = lambda n: not names or any(x in n for x in names)  # noqa: E731
    OUT.mkdir(exist_ok=True)
    if not only_scans:
        if shutil.which("soffice") is None:
            sys.exit("soffice not found: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai")
        for make in BUILDERS:
            d = make()
            if pick(d.name):
                build(d)          # one LibreOffice conversion at a time
    for name, spec in scans().items():
        if pick(name):
            make_scan(name, spec)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
