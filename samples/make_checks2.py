#!/usr/bin/env python3
"""Build samples/checks2/: five blind test documents whose tables print their own arithmetic.

    .venv/bin/python samples/make_checks2.py                 # digital PDFs, labels, then the scans
    .venv/bin/python samples/make_checks2.py NAME ...        # only these (stem or a part of it)
    .venv/bin/python samples/make_checks2.py --scans [NAME]  # only the scanned copies (after a digital build)

Five synthetic documents, modelled on make_totals.py and built with the same
helpers (statsynth.model / writer / output / scan):

1. chk-meitan-bulletin-2024-04 (贵州 湄潭县) 政务服务 monthly bulletin: table by
   镇（街道） with a 序号 column, two-row header groups (行政许可/受理 …, 合计/受理),
   `-` where a kind of matter does not apply, 合计 row, 办结率 with `%`; a 好差评
   table with 合计 row and column and 好评率.
2. chk-nanping-gongbao-2023 (福建 南平市) 统计公报 excerpt: a 三线表 of indicators
   (绝对数, 比上年增长（%）) with a rate row whose change is in percentage points
   (0.85 = 提高0.85个百分点), and a table of counties with 小计 rows and a 合计.
3. chk-changji-yusuan-2024 (新疆 昌吉市卫生健康委员会) 部门预算: a 收支总表 with blanks
   where nothing is budgeted, and a 一般公共预算支出预算表 (类/款/项, parents = sum
   of children, 合计 = 基本支出 + 项目支出).
4. chk-xiapu-nianbao-2023 (福建 霞浦县人民政府) 政府信息公开工作年度报告: the four
   第二十条 tables, the 申请 table (总计 column, （七）总计 row), 行政复议/行政诉讼.
5. chk-leishan-cunji-2023 (贵州 雷山县) 村级集体经济 long table: 52 villages over
   two pages (header repeated), 合计 row, an amount column in 万元 to one decimal
   whose 合计 is rounded from unrounded values, and one planned misprint (the
   户数 合计 with two digits swapped), recorded as `fails`.

From one description per document the script writes the .docx (python-docx),
the PDF (LibreOffice, stamped dates) and the label (never read back from the
PDF).  Every relation in a label is checked against the label's own printed
strings before the label is written (`verify`): it must hold everywhere except
in the cells listed in `fails`, and fail there.  Then each PDF is printed and
scanned once (statsynth.scan) into NAME-scan.pdf with the label copied unchanged.
Figures and people are invented (and the villages of 5); county, township and
department names are real.  Fixed seeds, stamped dates: a rerun gives the same
files (same LibreOffice and library versions).
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

from statsynth.helpers import KAI, MING, SANS, SERIF  # noqa: E402
from statsynth.model import FIG, Break, Doc, HCell, Para, Table, paths_from_levels, printed, tree_header  # noqa: E402
from statsynth.output import _nfc, check_narrative, docx_to_pdf  # noqa: E402
from statsynth.writer import build_docx  # noqa: E402

OUT = HERE / "checks2"


@dataclass
class RTable(Table):
    """A table with the relations its printed numbers state (label indexes).

    Keys of a relation that start with ``_`` are for `verify` only and are not
    written to the label: ``_cols`` the amount columns a column_total is checked
    in, ``_tol`` {column: tolerance} for a column rounded from unrounded values,
    ``_scale`` 100 / 1000 for a ratio printed as % / ‰ (1 for a plain quotient)."""
    relations: list = field(default_factory=list)

    def __post_init__(self):
        if self.header and not isinstance(self.header[0], HCell):
            self.header = tree_header(self.header)


# ------------------------------------------------------------------ numbers

def dec_round(x: Decimal, nd: int) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-nd), rounding=ROUND_HALF_UP)


def rate(a, b, scale: int = 100, nd: int = 2) -> str:
    return str(dec_round(Decimal(str(a)) * scale / Decimal(str(b)), nd))


def yuan(c: int, sep: bool = False, zero: str = "") -> str:
    """Hundredths → 1234.56; zero printed as `zero`."""
    if c == 0:
        return zero
    return f"{c / 100:,.2f}" if sep else f"{c / 100:.2f}"


def growth(a, b, nd: int = 1) -> str:
    """(a / b − 1) × 100."""
    return str(dec_round((Decimal(str(a)) / Decimal(str(b)) - 1) * 100, nd))


def hund(c: int) -> str:
    """Hundredths → 12.34 (亿元, 万亩, 万吨 …)."""
    return f"{c / 100:.2f}"


def total_rel(total: int, parts, cols, fails=None, tol=None) -> dict:
    d = {"kind": "column_total", "total": total, "parts": list(parts)}
    if fails:
        d["fails"] = fails
    d["_cols"] = list(cols)
    if tol:
        d["_tol"] = tol
    return d


def row_rel(total: int, parts, fails=None) -> dict:
    d = {"kind": "row_total", "total": total, "parts": list(parts)}
    if fails:
        d["fails"] = fails
    return d


def ratio_rel(total: int, num: int, den: int, *, scale: int = 100, of_row=None, growth_=False, fails=None) -> dict:
    d = {"kind": "ratio", "total": total, "parts": [num, den]}
    if of_row is not None:
        d["of_row"] = of_row
    if growth_:
        d["growth"] = True
    if fails:
        d["fails"] = fails
    d["_scale"] = scale
    return d


def narr(text: str, row: int, col: int) -> dict:
    return {"kind": "narrative", "text": text, "cell": [row, col]}


def body(text: str, subject: str = "", **kw) -> Para:
    return Para(text, "body", subject, **kw)


def head(text: str, **kw) -> Para:
    return Para(text, "heading", **kw)


# ------------------------------------------------------------------ 1. 湄潭县 (贵州) 政务服务 monthly bulletin

MEITAN = ["湄江街道", "黄家坝街道", "鱼泉街道", "永兴镇", "复兴镇", "马山镇", "高台镇", "茅坪镇", "兴隆镇",
          "新南镇", "石莲镇", "抄乐镇", "西河镇", "天城镇", "洗马镇"]
PERMIT = {"湄江街道", "黄家坝街道", "鱼泉街道", "永兴镇", "复兴镇", "天城镇"}      # towns with delegated 行政许可
OTHER_NA = {"茅坪镇", "石莲镇", "抄乐镇", "洗马镇"}                               # no 其他行政权力 matters


def meitan() -> Doc:
    """T1: 序号, two-row header groups 行政许可/公共服务/其他行政权力/合计 × 受理/办结,
    `-` for a kind that does not apply in a town, 合计 row at the bottom merged over
    序号 + 镇（街道）, 办结率 printed with %.  T2: 好差评 by channel, 合计 row and
    合计 column, 好评率."""
    r = random.Random(2024_0508)
    data = []
    for i, u in enumerate(MEITAN):
        big = i < 3
        pa = r.randint(40, 95) if u in PERMIT else None
        sa = r.randint(520, 980) if big else r.randint(160, 520)
        oa = None if u in OTHER_NA else r.randint(6, 38)
        pd = None if pa is None else pa - r.choice([0, 0, 1, 2])
        sd = sa - r.randint(0, 9)
        od = None if oa is None else oa - r.choice([0, 0, 0, 1])
        data.append([pa, pd, sa, sd, oa, od])

    def z(x):
        return 0 if x is None else x
    acc = [z(d[0]) + d[2] + z(d[4]) for d in data]
    done = [z(d[1]) + d[3] + z(d[5]) for d in data]
    tot = [sum(z(d[k]) for d in data) for k in range(6)]
    tacc, tdone = sum(acc), sum(done)

    def cell(x):
        return "-" if x is None else str(x)
    rows = []
    for i, (u, d) in enumerate(zip(MEITAN, data)):
        rows.append([str(i + 1), u] + [cell(x) for x in d] + [str(acc[i]), str(done[i]), rate(done[i], acc[i]) + "%"])
    T = len(rows)
    rows.append(["合计", "合计"] + [str(x) for x in tot] + [str(tacc), str(tdone), rate(tdone, tacc) + "%"])
    header = tree_header(["序号", "镇（街道）", ("行政许可", ["受理", "办结"]), ("公共服务", ["受理", "办结"]),
                          ("其他行政权力", ["受理", "办结"]), ("合计", ["受理", "办结"]), "办结率"])
    q = {"acc": f"受理{tacc}件", "done": f"办结{tdone}件", "rate": f"办结率{rows[T][10]}",
         "pa": f"行政许可事项受理{tot[0]}件", "pd": f"办结{tot[1]}件",
         "sa": f"公共服务事项受理{tot[2]}件", "sd": f"办结{tot[3]}件",
         "oa": f"其他行政权力事项受理{tot[4]}件", "od": f"办结{tot[5]}件",
         "m0": f"受理{acc[0]}件", "m0r": f"办结率{rows[0][10]}"}
    assert len({q[k] for k in ("done", "pd", "sd", "od")}) == 4, "narrative quotes must differ"
    rel1 = [total_rel(T, range(T), cols=range(2, 10)), row_rel(8, [2, 4, 6]), row_rel(9, [3, 5, 7]),
            ratio_rel(10, 9, 8),
            narr(q["acc"], T, 8), narr(q["done"], T, 9), narr(q["rate"], T, 10),
            narr(q["pa"], T, 2), narr(q["sa"], T, 4), narr(q["oa"], T, 6),
            narr(q["m0"], 0, 8), narr(q["m0r"], 0, 10)]
    rel1 += [narr(q["pd"], T, 3), narr(q["sd"], T, 5), narr(q["od"], T, 7)]
    t1 = RTable("表1　2024年4月各镇（街道）便民服务中心办件情况统计表", header, rows,
                widths=[0.9, 2.2] + [1.3] * 8 + [1.7], merges=[(T, 0, T, 1)], stub=1, borders="grid",
                font=SANS, size=9, header_size=9, align="cc" + "c" * 9, title_font=SANS, title_size=12,
                row_height=0.62, header_height=0.6, repeat_header=True, unit="单位：件", space_before=12,
                note="注：“-”表示该镇（街道）无此类事项；办结率＝合计办结量÷合计受理量。", relations=rel1)
    # T2 好差评 by channel
    chans = ["窗口评价器", "贵州政务服务网", "移动端", "短信评价", "12345热线"]
    ev = []
    for i, c in enumerate(chans):
        good = [r.randint(2600, 3400), r.randint(700, 1200), r.randint(380, 720), r.randint(150, 320),
                r.randint(40, 90)][i]
        mid = r.randint(0, 14)
        bad = [1, 0, 2, 0, 1][i]
        ev.append([good, mid, bad])
    et = [sum(e[k] for e in ev) for k in range(3)]

    def line2(e):
        return [str(e[0]), str(e[1]), str(e[2]), str(sum(e)), rate(e[0], sum(e))]
    rows2 = [[str(i + 1), c] + line2(e) for i, (c, e) in enumerate(zip(chans, ev))]
    T2 = len(rows2)
    rows2.append(["", "合计"] + line2(et))
    q2 = {"n": f"评价{sum(et)}次", "g": f"好评{et[0]}次", "m": f"中评{et[1]}次", "b": f"差评{et[2]}次",
          "r": f"好评率{rows2[T2][6]}%"}
    t2 = RTable("表2　2024年4月政务服务“好差评”情况统计表",
                ["序号", "评价渠道", "好评（次）", "中评（次）", "差评（次）", "合计（次）", "好评率（%）"], rows2,
                widths=[1.0, 3.4, 2.0, 2.0, 2.0, 2.0, 2.1], stub=1, borders="grid", font=SANS, size=9.5,
                header_size=9.5, align="cl" + "r" * 5, title_font=SANS, title_size=12, row_height=0.66,
                header_height=0.7, space_before=16, relations=[
                    total_rel(T2, range(T2), cols=[2, 3, 4, 5]), row_rel(5, [2, 3, 4]), ratio_rel(6, 2, 5),
                    narr(q2["n"], T2, 5), narr(q2["g"], T2, 2), narr(q2["m"], T2, 3), narr(q2["b"], T2, 4),
                    narr(q2["r"], T2, 6)])
    blocks = [
        Para("湄潭县政务服务工作简报", "title", font=KAI, size=26, after=4),
        Para("2024年第4期", "subtitle", after=2),
        Para("湄潭县政务服务中心　　　　　　　　　　　　　　2024年5月8日", "plain", size=12, after=10),
        head("一、办件情况"),
        body(f"4月份，全县各镇（街道）便民服务中心共{{{q['acc']}|受理}}，{{{q['done']}|办结}}，"
             f"{{{q['rate']}|办结率}}。其中，{{{q['pa']}|行政许可事项受理}}、{{{q['pd']}|行政许可事项办结}}；"
             f"{{{q['sa']}|公共服务事项受理}}、{{{q['sd']}|公共服务事项办结}}；"
             f"{{{q['oa']}|其他行政权力事项受理}}、{{{q['od']}|其他行政权力事项办结}}。", "全县"),
        body(f"湄江街道便民服务中心{{{q['m0']}|受理}}，{{{q['m0r']}|办结率}}，办件量居各镇（街道）首位；"
             "茅坪镇、石莲镇、抄乐镇、洗马镇暂未承接其他行政权力事项，相关业务由县级窗口办理。", "湄江街道"),
        head("二、“好差评”情况"),
        body(f"4月份，全县政务服务事项共收到办事群众{{{q2['n']}|评价}}，其中{{{q2['g']}|好评}}、"
             f"{{{q2['m']}|中评}}、{{{q2['b']}|差评}}，{{{q2['r']}|好评率}}。"
             "差评已全部按程序完成核实、整改和回访。", "全县"),
        head("三、工作动态"),
        body("4月16日，副县长陈思远到湄江街道便民服务中心调研“一窗通办”改革推进情况，"
             "实地查看社保医保、不动产登记等窗口运行情况，要求各镇（街道）进一步规范事项受理，"
             "压缩办理时限，推动更多事项就近可办。"),
        body("4月下旬，县政务服务中心组织各镇（街道）便民服务中心业务骨干开展集中培训，"
             "重点讲解政务服务事项办理流程和“好差评”管理要求。"),
        t1, t2,
    ]
    return Doc("chk-meitan-bulletin-2024-04", "2024-04", "month", blocks, body_font=SERIF, body_size=13,
               title_font=KAI, heading_font=SANS, line_spacing=1.45, margins=(2.6, 2.4, 2.3, 2.3),
               footer="dash", people={"陈思远": "副县长"}, published=(2024, 5, 8),
               allowed_digits=[r"第\d+期"])


# ------------------------------------------------------------------ 2. 南平市 (福建) 统计公报 excerpt

NANPING = [("市辖区", ["延平区", "建阳区"]), ("县级市", ["邵武市", "武夷山市", "建瓯市"]),
           ("县", ["顺昌县", "浦城县", "光泽县", "松溪县", "政和县"])]


def nanping() -> Doc:
    """T1 三线表: 指标 / 单位 / 绝对数 / 比上年增长（%）; GDP = three industries (indented
    children), `—` where only a growth rate is published, a negative growth, and
    常住人口城镇化率 whose change (0.85) is in percentage points.  T2 grid: counties
    grouped 市辖区/县级市/县 (group label merged over its rows and its 小计), 合计 =
    the three 小计 rows."""
    p1, p2, p3 = 38215, 81273, 102358          # hundredths of 亿元
    gdp = p1 + p2 + p3
    spec = [("地区生产总值", 0, "亿元", hund(gdp), "5.4"), ("第一产业", 1, "亿元", hund(p1), "4.1"),
            ("第二产业", 1, "亿元", hund(p2), "5.0"), ("第三产业", 1, "亿元", hund(p3), "6.0"),
            ("规模以上工业增加值", 0, "亿元", "—", "6.3"), ("固定资产投资", 0, "亿元", "—", "-3.2"),
            ("社会消费品零售总额", 0, "亿元", "756.32", "5.8"), ("一般公共预算总收入", 0, "亿元", "152.67", "3.9"),
            ("其中：地方一般公共预算收入", 1, "亿元", "95.41", "4.6"),
            ("城镇居民人均可支配收入", 0, "元", "47856", "4.5"), ("农村居民人均可支配收入", 0, "元", "24318", "7.2"),
            ("常住人口城镇化率", 0, "%", "60.85", "0.85")]
    rows1 = [[s, u, a, g] for s, _, u, a, g in spec]
    lv1 = [lv for _, lv, _, _, _ in spec]
    U = len(rows1) - 1
    q = {"gdp": f"地区生产总值{rows1[0][2]}亿元", "gg": f"增长{rows1[0][3]}%",
         "p1": f"第一产业增加值{rows1[1][2]}亿元", "g1": f"增长{rows1[1][3]}%",
         "p2": f"第二产业增加值{rows1[2][2]}亿元", "g2": f"增长{rows1[2][3]}%",
         "p3": f"第三产业增加值{rows1[3][2]}亿元", "g3": f"增长{rows1[3][3]}%",
         "ind": f"增长{rows1[4][3]}%",
         "ret": f"社会消费品零售总额{rows1[6][2]}亿元", "gret": f"增长{rows1[6][3]}%",
         "urb": f"常住人口城镇化率{rows1[U][2]}%", "pp": f"提高{rows1[U][3]}个百分点"}
    t1 = RTable("表1　2023年全市主要经济指标", ["指标", "单位", "绝对数", "比上年增长（%）"], rows1, levels=lv1,
                paths=paths_from_levels([x[0] for x in rows1], lv1), widths=[5.4, 1.5, 2.6, 2.9], width_frac=0.9,
                borders="three_line", font=SERIF, size=10.5, header_bold=False, align="lcrr", title_font=SANS,
                title_size=11.5, row_height=0.62, header_height=0.72,
                note="注：地区生产总值及三次产业增加值绝对数按现价计算，增长速度按不变价格计算；"
                     "常住人口城镇化率的“比上年增长”为比上年提高的百分点。",
                relations=[total_rel(0, [1, 2, 3], cols=[2]),
                           narr(q["gdp"], 0, 2), narr(q["gg"], 0, 3), narr(q["p1"], 1, 2), narr(q["g1"], 1, 3),
                           narr(q["p2"], 2, 2), narr(q["g2"], 2, 3), narr(q["p3"], 3, 2), narr(q["g3"], 3, 3),
                           narr(q["ind"], 4, 3), narr(q["ret"], 6, 2), narr(q["gret"], 6, 3),
                           narr(q["urb"], U, 2), narr(q["pp"], U, 3)])
    # T2 counties: 粮食播种面积 (hundredths of 万亩), 粮食产量 (hundredths of 万吨), 茶叶产量 2023 and 2022 (吨),
    # 生猪出栏 (hundredths of 万头); the growth of 茶叶产量 is computed from the printed tonnes
    r = random.Random(2023_0320)
    rows2, merges, paths, rel = [], [], [], []
    subs = []

    def line2(v):
        return [hund(v[0]), hund(v[1]), str(v[2]), str(v[3]), growth(v[2], v[3]), hund(v[4])]
    for g, counties in NANPING:
        start = len(rows2)
        vals = []
        for c in counties:
            tea = r.randint(900, 9800) if c != "武夷山市" else 13865
            tea22 = round(tea / r.uniform(0.97, 1.12)) if c != "武夷山市" else 13120
            v = [r.randint(1800, 4600), r.randint(700, 1900), tea, tea22, r.randint(1500, 5200)]
            vals.append(v)
            rows2.append([g, c] + line2(v))
            paths.append(f"{g}/{c}")
        sub = [sum(v[k] for v in vals) for k in range(5)]
        subs.append(sub)
        rows2.append([g, "小计"] + line2(sub))
        paths.append(f"{g}/小计")
        merges.append((start, 0, len(rows2) - 1, 0))
        rel.append(total_rel(len(rows2) - 1, range(start, len(rows2) - 1), cols=[2, 3, 4, 5, 7]))
    sub_rows = [x["total"] for x in rel]
    tot = [sum(x[k] for x in subs) for k in range(5)]
    T = len(rows2)
    rows2.append(["合计", "合计"] + line2(tot))
    paths.append("合计")
    merges.append((T, 0, T, 1))
    rel.append(total_rel(T, sub_rows, cols=[2, 3, 4, 5, 7]))
    rel.append(ratio_rel(6, 4, 5, growth_=True))
    W = [x[1] for x in rows2].index("武夷山市")
    q2 = {"area": f"粮食播种面积{rows2[T][2]}万亩", "grain": f"粮食产量{rows2[T][3]}万吨",
          "tea": f"茶叶产量{rows2[T][4]}吨", "gtea": f"比上年增长{rows2[T][6]}%", "pig": f"生猪出栏{rows2[T][7]}万头",
          "wys": f"武夷山市茶叶产量{rows2[W][4]}吨", "gwys": f"增长{rows2[W][6]}%"}
    rel += [narr(q2["area"], T, 2), narr(q2["grain"], T, 3), narr(q2["tea"], T, 4), narr(q2["gtea"], T, 6),
            narr(q2["pig"], T, 7), narr(q2["wys"], W, 4), narr(q2["gwys"], W, 6)]
    h2 = tree_header(["类别", "县（市、区）", "粮食播种面积（万亩）", "粮食产量（万吨）",
                      ("茶叶产量", ["2023年（吨）", "2022年（吨）", "比上年增长（%）"]), "生猪出栏（万头）"])
    t2 = RTable("表2　2023年各县（市、区）主要农业指标", h2, rows2, widths=[1.5, 2.3, 2.2, 2.1, 2.0, 2.0, 2.0, 2.0],
                stub=1, merges=merges, paths=paths, borders="grid", font=SERIF, size=10, header_size=10,
                header_bold=True, align="cc" + "r" * 6, title_font=SANS, title_size=11.5, row_height=0.62,
                header_height=0.6, space_before=14, relations=rel)
    blocks = [
        Para("南平市2023年国民经济和社会发展统计公报", "title", font=SERIF, size=19, after=6),
        Para("南平市统计局　国家统计局南平调查队", "subtitle"),
        Para("（2024年3月20日）", "subtitle", after=8),
        Para("（摘　要）", "subtitle", after=10),
        head("一、综合"),
        body(f"初步核算，全年全市{{{q['gdp']}|地区生产总值}}，按不变价格计算，比上年{{{q['gg']}|地区生产总值增长}}。"
             f"其中，{{{q['p1']}|第一产业增加值}}，{{{q['g1']}|第一产业增加值增长}}；"
             f"{{{q['p2']}|第二产业增加值}}，{{{q['g2']}|第二产业增加值增长}}；"
             f"{{{q['p3']}|第三产业增加值}}，{{{q['g3']}|第三产业增加值增长}}。"
             f"全年全市规模以上工业增加值比上年{{{q['ind']}|规模以上工业增加值增长}}，{{{q['ret']}|社会消费品零售总额}}，"
             f"比上年{{{q['gret']}|社会消费品零售总额增长}}。", "全市"),
        body(f"年末全市{{{q['urb']}|常住人口城镇化率}}，比上年{{{q['pp']}|常住人口城镇化率提高}}。", "全市"),
        t1,
        Break(),
        head("二、农业"),
        body(f"全年全市{{{q2['area']}|粮食播种面积}}，{{{q2['grain']}|粮食产量}}；{{{q2['tea']}|茶叶产量}}，"
             f"{{{q2['gtea']}|茶叶产量增长}}，其中{{{q2['wys']}|茶叶产量|武夷山市}}，{{{q2['gwys']}|茶叶产量增长|武夷山市}}；"
             f"{{{q2['pig']}|生猪出栏}}。", "全市"),
        t2,
    ]
    return Doc("chk-nanping-gongbao-2023", "2023", "year", blocks, body_font=SERIF, body_size=12,
               title_font=SERIF, heading_font=SANS, line_spacing=1.35, margins=(2.6, 2.4, 2.6, 2.5),
               footer="di", published=(2024, 3, 20))


# ------------------------------------------------------------------ 3. 昌吉市卫生健康委员会 (新疆) 部门预算

CHANGJI = [
    ("208", "社会保障和就业支出"), ("20805", "行政事业单位养老支出"), ("2080501", "行政单位离退休", "b"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "b"), ("2080506", "机关事业单位职业年金缴费支出", "b"),
    ("20808", "抚恤"), ("2080801", "死亡抚恤", "p"),
    ("210", "卫生健康支出"), ("21001", "卫生健康管理事务"), ("2100101", "行政运行", "b"),
    ("2100199", "其他卫生健康管理事务支出", "p"),
    ("21004", "公共卫生"), ("2100401", "疾病预防控制机构", "bp"), ("2100403", "妇幼保健机构", "bp"),
    ("2100408", "基本公共卫生服务", "p"), ("2100409", "重大公共卫生服务", "p"),
    ("21007", "计划生育事务"), ("2100717", "计划生育服务", "p"), ("2100799", "其他计划生育事务支出", "p"),
    ("21011", "行政事业单位医疗"), ("2101101", "行政单位医疗", "b"), ("2101102", "事业单位医疗", "b"),
    ("221", "住房保障支出"), ("22102", "住房改革支出"), ("2210201", "住房公积金", "b"),
]
INCOME = ["一、一般公共预算拨款收入", "二、政府性基金预算拨款收入", "三、国有资本经营预算拨款收入", "四、财政专户管理资金收入",
          "五、事业收入", "六、事业单位经营收入", "七、上级补助收入", "八、附属单位上缴收入", "九、其他收入"]
OUTLAY = ["一、一般公共服务支出", "二、公共安全支出", "三、教育支出", "四、科学技术支出", "五、文化旅游体育与传媒支出",
          "六、社会保障和就业支出", "七、卫生健康支出", "八、节能环保支出", "九、城乡社区支出", "十、农林水支出",
          "十一、住房保障支出", "十二、其他支出"]


def changji() -> Doc:
    """T1 收支总表 (收入/项目, 收入/预算数, 支出/项目, 支出/预算数) with blanks where
    nothing is budgeted and empty left cells below the nine income kinds; 本年合计
    rows, 上年结转结余 / 结转下年 (blank), 总计 = 本年合计 + 结转.  T2 一般公共预算支出
    预算表: 科目编码/类, /款, /项, 科目名称 (indented), 合计 = 基本支出 + 项目支出, 类 = its
    款, 款 = its 项, 合计 row on top."""
    r = random.Random(2024_0206)
    vals = {}
    for s in CHANGJI:
        if len(s) == 3:
            k = s[2]
            b = r.randint(6000, 42000) if "b" in k else 0        # hundredths of 万元: 60.00–420.00
            p = r.randint(1500, 36000) if "p" in k else 0
            vals[s[0]] = (b, p)
    vals["2100101"] = (r.randint(52000, 68000), 0)
    vals["2100401"] = (r.randint(90000, 160000), r.randint(25000, 48000))
    for s in CHANGJI:
        if len(s[0]) < 7:
            kids = [v for c, v in vals.items() if len(c) == 7 and c.startswith(s[0])]
            vals[s[0]] = tuple(sum(v[i] for v in kids) for i in range(2))
    tot = tuple(sum(v[i] for c, v in vals.items() if len(c) == 7) for i in range(2))
    G = sum(tot)

    def line(v):
        return [yuan(v[0] + v[1]), yuan(v[0]), yuan(v[1])]
    rows = [["", "", "", "合计"] + line(tot)]
    levels = [0]
    for s in CHANGJI:
        c = s[0]
        codes = [c[:3], c[3:5] if len(c) >= 5 else "", c[5:7] if len(c) == 7 else ""]
        rows.append(codes + [s[1]] + line(vals[c]))
        levels.append({3: 0, 5: 1, 7: 2}[len(c)])
    paths = ["合计"] + paths_from_levels([x[3] for x in rows[1:]], levels[1:])
    full = ["合计"] + [s[0] for s in CHANGJI]
    rel = [total_rel(0, [i for i, c in enumerate(full) if len(c) == 3], cols=[4, 5, 6])]
    for i, c in enumerate(full):
        if len(c) in (3, 5):
            kids = [j for j, k in enumerate(full) if len(k) == len(c) + 2 and k.startswith(c)]
            rel.append(total_rel(i, kids, cols=[4, 5, 6]))
    rel.append(row_rel(4, [5, 6]))
    i208, i221 = full.index("208"), full.index("221")
    q2 = {"g": f"一般公共预算支出预算{yuan(G)}万元", "b": f"基本支出{yuan(tot[0])}万元", "p": f"项目支出{yuan(tot[1])}万元",
          "s": f"社会保障和就业支出{rows[i208][4]}万元", "z": f"住房保障支出{rows[i221][4]}万元"}
    rel += [narr(q2["g"], 0, 4), narr(q2["b"], 0, 5), narr(q2["p"], 0, 6), narr(q2["s"], i208, 4),
            narr(q2["z"], i221, 4)]
    header = [HCell(0, 0, 1, 3, "科目编码"), HCell(0, 3, 2, 1, "科目名称"), HCell(0, 4, 2, 1, "合计"),
              HCell(0, 5, 2, 1, "基本支出"), HCell(0, 6, 2, 1, "项目支出"),
              HCell(1, 0, 1, 1, "类"), HCell(1, 1, 1, 1, "款"), HCell(1, 2, 1, 1, "项")]
    t2 = RTable("表2　2024年一般公共预算支出预算表", header, rows, widths=[1.1, 1.0, 1.0, 6.6, 2.4, 2.4, 2.4],
                stub=3, levels=levels, paths=paths, borders="grid", font=MING, size=9.5, header_size=9.5,
                header_bold=True, align="ccclrrr", title_font=SERIF, title_size=14, row_height=0.6,
                header_height=0.6, unit_left="部门：昌吉市卫生健康委员会", unit="单位：万元", new_page=True,
                note="注：本表含使用上年结转结余资金安排的支出。", relations=rel)
    # T1 收支总表: the general budget G = this year's appropriation a + last year's balance c
    c = 52645
    a = G - c
    assert a > c
    e, o = 281246, 24118
    inc = {0: a, 4: e, 8: o}
    Ty = a + e + o
    out = {5: vals["208"][0] + vals["208"][1], 6: vals["210"][0] + vals["210"][1] + e + o,
           10: vals["221"][0] + vals["221"][1]}
    assert sum(out.values()) == Ty + c
    rows1 = []
    for k in range(len(OUTLAY)):
        left = [INCOME[k], yuan(inc.get(k, 0))] if k < len(INCOME) else ["", ""]
        rows1.append(left + [OUTLAY[k], yuan(out.get(k, 0))])
    Y = len(rows1)
    rows1.append(["本年收入合计", yuan(Ty), "本年支出合计", yuan(Ty + c)])
    rows1.append(["上年结转结余", yuan(c), "结转下年", ""])
    rows1.append(["收入总计", yuan(Ty + c), "支出总计", yuan(Ty + c)])
    q1 = {"in": f"收入总计{yuan(Ty + c)}万元", "a": f"一般公共预算拨款收入{yuan(a)}万元", "e": f"事业收入{yuan(e)}万元",
          "o": f"其他收入{yuan(o)}万元", "c": f"上年结转结余{yuan(c)}万元", "out": f"支出总计{yuan(Ty + c)}万元",
          "s": q2["s"], "h": f"卫生健康支出{yuan(out[6])}万元", "z": q2["z"]}
    rel1 = [total_rel(Y, range(Y), cols=[1, 3]), total_rel(Y + 2, [Y, Y + 1], cols=[1, 3]),
            narr(q1["in"], Y + 2, 1), narr(q1["a"], 0, 1), narr(q1["e"], 4, 1), narr(q1["o"], 8, 1),
            narr(q1["c"], Y + 1, 1), narr(q1["out"], Y + 2, 3), narr(q1["s"], 5, 3), narr(q1["h"], 6, 3),
            narr(q1["z"], 10, 3)]
    h1 = tree_header([("收入", ["项目", "预算数"]), ("支出", ["项目", "预算数"])])
    t1 = RTable("表1　2024年部门收支总表", h1, rows1, widths=[5.2, 2.6, 5.2, 2.6], borders="grid", font=MING,
                size=10, header_size=10, align="lrlr", title_font=SERIF, title_size=14, row_height=0.6,
                header_height=0.6, unit_left="部门：昌吉市卫生健康委员会", unit="单位：万元", new_page=True,
                relations=rel1)
    blocks = [
        Para("昌吉市卫生健康委员会2024年部门预算", "title", font=SERIF, size=21, after=12),
        Para("第一部分　部门概况", "plain", font=SANS, size=14, bold=True, after=4),
        body("昌吉市卫生健康委员会是市人民政府工作部门，负责贯彻落实国家、自治区和自治州卫生健康工作方针政策，"
             "拟订全市卫生健康事业发展规划，统筹规划卫生健康资源配置，组织实施疾病预防控制、妇幼健康、"
             "基本公共卫生服务和计划生育服务等工作。"),
        body("纳入2024年部门预算编制范围的单位包括委机关和{4个|所属事业单位}所属事业单位。", "昌吉市卫生健康委员会"),
        Para("第二部分　2024年部门预算情况说明", "plain", font=SANS, size=14, bold=True, before=8, after=4),
        head("一、收支预算总体情况"),
        body(f"2024年{{{q1['in']}|收入总计}}，其中{{{q1['a']}|一般公共预算拨款收入}}，{{{q1['e']}|事业收入}}，"
             f"{{{q1['o']}|其他收入}}，{{{q1['c']}|上年结转结余}}。{{{q1['out']}|支出总计}}，"
             f"其中{{{q1['s']}|社会保障和就业支出}}，{{{q1['h']}|卫生健康支出}}，{{{q1['z']}|住房保障支出}}。",
             "昌吉市卫生健康委员会"),
        head("二、一般公共预算支出预算情况"),
        body(f"2024年{{{q2['g']}|一般公共预算支出预算}}（含上年结转结余），其中{{{q2['b']}|基本支出}}，"
             f"{{{q2['p']}|项目支出}}。项目支出主要用于基本公共卫生服务、重大公共卫生服务、疾病预防控制和"
             "计划生育服务等方面。", "昌吉市卫生健康委员会"),
        t1, t2,
    ]
    return Doc("chk-changji-yusuan-2024", "2024", "year", blocks, body_font=SERIF, body_size=12,
               title_font=SERIF, heading_font=SANS, line_spacing=1.4, margins=(2.5, 2.4, 2.3, 2.3),
               footer="dash", published=(2024, 2, 6))


# ------------------------------------------------------------------ 4. 霞浦县人民政府 (福建) 政府信息公开年报

A_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def xiapu() -> Doc:
    """政府信息公开工作年度报告 in the national template: four small 第二十条 tables
    without totals; the 申请 table (总计 column = six applicant kinds, （七）总计 row =
    every result row); 行政复议/行政诉讼 with three 总计 and non-zero 诉讼."""
    new = [27, 4, 0, 1, 2, 1]
    carried = [3, 0, 0, 0, 1, 0]
    results = [
        ("（一）予以公开", None, [11, 2, 0, 0, 1, 0]),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, [3, 0, 0, 0, 0, 1]),
        ("（三）不予公开", "1.属于国家秘密", [0] * 6),
        ("（三）不予公开", "2.其他法律行政法规禁止公开", [0] * 6),
        ("（三）不予公开", "3.危及“三安全一稳定”", [1, 0, 0, 0, 0, 0]),
        ("（三）不予公开", "4.保护第三方合法权益", [0, 1, 0, 0, 0, 0]),
        ("（三）不予公开", "5.属于三类内部事务信息", [0] * 6),
        ("（三）不予公开", "6.属于四类过程性信息", [1, 0, 0, 0, 0, 0]),
        ("（三）不予公开", "7.属于行政执法案卷", [0] * 6),
        ("（三）不予公开", "8.属于行政查询事项", [1, 0, 0, 0, 0, 0]),
        ("（四）无法提供", "1.本机关不掌握相关政府信息", [6, 1, 0, 1, 1, 0]),
        ("（四）无法提供", "2.没有现成信息需要另行制作", [1, 0, 0, 0, 0, 0]),
        ("（四）无法提供", "3.补正后申请内容仍不明确", [0] * 6),
        ("（五）不予处理", "1.信访举报投诉类申请", [2, 0, 0, 0, 0, 0]),
        ("（五）不予处理", "2.重复申请", [1, 0, 0, 0, 0, 0]),
        ("（五）不予处理", "3.要求提供公开出版物", [0] * 6),
        ("（五）不予处理", "4.无正当理由大量反复申请", [0] * 6),
        ("（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", [0] * 6),
        ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [1, 0, 0, 0, 0, 0]),
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
    q = {"new": f"新收政府信息公开申请{sum(new)}件", "car": f"上年结转{sum(carried)}件",
         "done": f"办结{sum(total)}件", "rest": f"结转下年度继续办理{sum(rest)}件",
         "open": f"予以公开{sum(results[0][2])}件", "part": f"部分公开{sum(results[1][2])}件"}
    t_apply = RTable("", header, rows, widths=[1.1, 2.4, 5.0] + [1.12] * 7, stub=2, merges=merges, paths=paths,
                     borders="grid", font=SANS, size=8.5, header_size=8.5, header_bold=False, align="ccl" + "c" * 7,
                     row_height=0.58, header_height=0.58, relations=[
                         total_rel(i_tot, leaves, cols=range(3, 10)), row_rel(9, range(3, 9)),
                         narr(q["new"], 0, 9), narr(q["car"], 1, 9), narr(q["open"], start, 9),
                         narr(q["part"], start + 1, 9), narr(q["done"], i_tot, 9), narr(q["rest"], i_tot + 1, 9)])
    lv = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    review = [2, 1, 0, 1]
    direct = [1, 0, 0, 1]
    after = [1, 0, 0, 0]
    law_row = [str(x) for x in review + [sum(review)] + direct + [sum(direct)] + after + [sum(after)]]
    t_law = RTable("", tree_header([("行政复议", lv), ("行政诉讼", [("未经复议直接起诉", lv), ("复议后起诉", lv)])]),
                   [law_row], widths=[1.0] * 15, borders="grid", font=SANS, size=8.5, header_size=8.5,
                   header_bold=False, align="c" * 15, row_height=0.8, header_height=0.6,
                   relations=[row_rel(4, [0, 1, 2, 3]), row_rel(9, [5, 6, 7, 8]), row_rel(14, [10, 11, 12, 13]),
                              narr(f"行政复议{sum(review)}件", 0, 4), narr(f"未经复议直接起诉{sum(direct)}件", 0, 9),
                              narr(f"复议后起诉{sum(after)}件", 0, 14)])
    t20a = RTable("", tree_header([("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])]),
                  [["规章", "0", "0", "0"], ["行政规范性文件", "6", "3", "29"]], widths=[4.0, 2.6, 2.6, 2.6],
                  borders="grid", font=SANS, size=9.5, header_size=9.5, header_bold=False, align="lccc",
                  row_height=0.72, header_height=0.68, space_before=0, relations=[])
    t20b = RTable("", tree_header([("第二十条第（五）项", ["信息内容", "本年处理决定数量"])]),
                  [["行政许可", "2846"]], widths=[4.0, 7.8], borders="grid", font=SANS, size=9.5, header_size=9.5,
                  header_bold=False, align="lc", row_height=0.72, header_height=0.68, relations=[])
    t20c = RTable("", tree_header([("第二十条第（六）项", ["信息内容", "本年处理决定数量"])]),
                  [["行政处罚", "412"], ["行政强制", "17"]], widths=[4.0, 7.8], borders="grid", font=SANS, size=9.5,
                  header_size=9.5, header_bold=False, align="lc", row_height=0.72, header_height=0.68, relations=[])
    t20d = RTable("", tree_header([("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"])]),
                  [["行政事业性收费", "1063.58"]], widths=[4.0, 7.8], borders="grid", font=SANS, size=9.5,
                  header_size=9.5, header_bold=False, align="lc", row_height=0.72, header_height=0.68, relations=[])
    blocks = [
        Para("霞浦县人民政府2023年政府信息公开工作年度报告", "title", font=SERIF, size=18, after=10),
        body("本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发"
             "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"
             "报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"),
        head("一、总体情况"),
        body("2023年，霞浦县人民政府通过县政府门户网站主动公开政府信息{2487条|主动公开政府信息}，"
             "其中政策文件{64件|政策文件}、政策解读{29篇|政策解读}。"
             f"全年{{{q['new']}|新收政府信息公开申请}}，{{{q['car']}|上年结转}}，"
             f"其中{{{q['open']}|予以公开}}、{{{q['part']}|部分公开}}；全年{{{q['done']}|办结}}，"
             f"{{{q['rest']}|结转下年度继续办理}}。因政府信息公开被申请{{行政复议{sum(review)}件|行政复议}}，"
             f"被提起行政诉讼，其中{{未经复议直接起诉{sum(direct)}件|未经复议直接起诉}}、{{复议后起诉{sum(after)}件|复议后起诉}}。",
             "霞浦县人民政府", size=11.5),
        head("二、主动公开政府信息情况"),
        t20a, t20b, t20c, t20d,
        Break(),
        head("三、收到和处理政府信息公开申请情况"),
        t_apply,
        Break(),
        head("四、政府信息公开行政复议、行政诉讼情况"),
        t_law,
        head("五、存在的主要问题及改进情况", before=10),
        body("个别单位政策解读形式较为单一，依申请公开答复的规范性有待提高。下一步将加强对各乡镇、"
             "各部门政务公开工作人员的业务培训，规范依申请公开办理流程。", size=11.5),
        head("六、其他需要报告的事项"),
        body("本年度未收取政府信息公开信息处理费。", size=11.5),
    ]
    return Doc("chk-xiapu-nianbao-2023", "2023", "year", blocks, body_font=SANS, body_size=11.5,
               title_font=SERIF, heading_font=SANS, line_spacing=1.45, margins=(2.5, 2.4, 2.4, 2.4),
               footer="di", published=(2024, 1, 26), allowed_digits=[r"\d{4}年\d{1,2}月\d{1,2}日"])


# ------------------------------------------------------------------ 5. 雷山县 (贵州) 村级集体经济 long table

LEISHAN = [
    ("丹江镇", ["白岩村", "乌东村", "虎阵村", "大沟村", "猫鼻岭村", "排肖村", "干皎村", "响水岩村"]),
    ("西江镇", ["羊排村", "东引村", "南贵村", "平寨村", "营上村", "控拜村", "麻料村", "乌尧村"]),
    ("永乐镇", ["乔歪村", "开屯村", "加勇村", "乔洛村", "柳乌村", "永乐村"]),
    ("郎德镇", ["报德村", "也改村", "南猛村", "乌流村", "郎德上寨村", "排卡村"]),
    ("大塘镇", ["新桥村", "掌坳村", "桥港村", "乔亨村", "交腊村", "大塘村"]),
    ("望丰乡", ["三角田村", "乌的村", "公统村", "望丰村"]),
    ("达地水族乡", ["达地村", "乌空村", "里勇村", "排老村", "同鸟村", "也蒙村"]),
    ("方祥乡", ["格头村", "雀鸟村", "毛坪村", "陡寨村", "平祥村", "水寨村", "提香村", "方祥村"]),
]


def leishan() -> Doc:
    """52 villages over two pages (header repeated), 合计 row at the bottom merged
    over 序号 + 乡镇 + 村; integer counts and 村集体经济收入 in 万元 to one decimal
    whose 合计 is rounded from the unrounded sum (the printed parts add up only
    within rounding: listed without `fails`); the 户数 合计 printed with two digits
    swapped (the planned misprint, `fails`)."""
    r = random.Random(2023_1215)
    vill = [(t, v) for t, vs in LEISHAN for v in vs]
    assert len(vill) == len({v for _, v in vill}) == 52
    data = []
    for t, v in vill:
        hh = r.randint(120, 690)
        pop = round(hh * r.uniform(3.1, 4.3))
        poor = round(hh * r.uniform(0.12, 0.38))
        inc = r.randint(52000, 860000)          # 元, unrounded
        data.append([hh, pop, poor, inc])
    data[vill.index(("西江镇", "羊排村"))][3] = 2386750

    def wan(x_yuan: int) -> Decimal:
        return dec_round(Decimal(x_yuan) / 10000, 1)

    def diff() -> Decimal:
        return wan(sum(d[3] for d in data)) - sum(wan(d[3]) for d in data)
    k = 0
    while diff() == 0 or abs(diff()) > Decimal("0.3"):      # make the rounding show, but only just
        data[k % len(data)][3] += 370
        k += 1
    tot = [sum(d[i] for d in data) for i in range(3)]
    hh_true = str(tot[0])
    digits = list(hh_true)
    j = next(i for i in range(len(digits) - 2, 0, -1) if digits[i] != digits[i - 1])
    digits[j - 1], digits[j] = digits[j], digits[j - 1]       # two neighbouring digits swapped
    hh_printed = "".join(digits)
    assert hh_printed != hh_true
    rows = [[str(i + 1), t, v, str(d[0]), str(d[1]), str(d[2]), str(wan(d[3]))]
            for i, ((t, v), d) in enumerate(zip(vill, data))]
    T = len(rows)
    rows.append(["合计", "合计", "合计", hh_printed, str(tot[1]), str(tot[2]), str(wan(sum(d[3] for d in data)))])
    yp = vill.index(("西江镇", "羊排村"))
    q = {"pop": f"常住人口{tot[1]}人", "poor": f"脱贫户{tot[2]}户", "inc": f"村集体经济收入合计{rows[T][6]}万元",
         "yp": f"{rows[yp][6]}万元"}
    rel = [total_rel(T, range(T), cols=[3, 4, 5, 6], fails=[[T, 3]], tol={6: Decimal("0.05") * T}),
           narr(q["pop"], T, 4), narr(q["poor"], T, 5), narr(q["inc"], T, 6), narr(q["yp"], yp, 6)]
    t = RTable("雷山县2023年村级集体经济发展情况统计表",
               ["序号", "乡镇", "村", "户数（户）", "常住人口（人）", "脱贫户（户）", "村集体经济收入（万元）"], rows,
               widths=[1.0, 2.3, 2.5, 1.9, 2.3, 1.9, 2.9], stub=2, merges=[(T, 0, T, 2)], borders="grid",
               font=SERIF, size=9.5, header_size=9.5, align="ccc" + "r" * 4, title_font=SERIF, title_size=14,
               row_height=0.6, header_height=0.9, repeat_header=True, unit_left="填报单位：雷山县农业农村局",
               unit="统计时点：2023年12月31日", space_before=10,
               note="注：村集体经济收入按元统计后折算为万元，保留一位小数，合计数按元汇总后折算。", relations=rel)
    blocks = [
        Para("雷山县农业农村局", "title", font=SERIF, size=20, after=2),
        Para("关于2023年全县村级集体经济发展情况的通报", "subtitle", font=SANS, size=15, bold=True, after=10),
        Para("各乡镇人民政府，县直有关部门：", "plain", size=12.5, after=2),
        body("为全面掌握全县村级集体经济发展情况，县农业农村局组织各乡镇对辖区内村级集体经济收入情况进行了统计，"
             f"共统计{{52个|统计村数}}村。2023年，统计村{{{q['pop']}|常住人口}}，{{{q['poor']}|脱贫户}}，"
             f"{{{q['inc']}|村集体经济收入}}。其中，西江镇羊排村依托乡村旅游实现村集体经济收入"
             f"{{{q['yp']}|村集体经济收入|西江镇羊排村}}，居全县首位。", "全县", size=12.5),
        body("各乡镇要对照统计结果，分析村级集体经济发展中存在的薄弱环节，因村施策，"
             "持续发展壮大村级集体经济。具体情况见附表。", size=12.5),
        Para("雷山县农业农村局", "right", size=12.5, before=10),
        Para("2024年1月10日", "right", size=12.5, after=6),
        t,
    ]
    return Doc("chk-leishan-cunji-2023", "2023", "year", blocks, body_font=SERIF, body_size=12.5,
               title_font=SERIF, heading_font=SANS, line_spacing=1.4, margins=(2.5, 2.3, 2.4, 2.4),
               footer="dash", published=(2024, 1, 10))


BUILDERS = [meitan, nanping, changji, xiapu, leishan]


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


def verify(doc_name: str, t: RTable, text: str) -> list[str]:
    """Every relation holds on the printed strings except in its `fails` cells, where
    it breaks.  Returns notes on rounding tolerances used."""
    notes = []
    rows = t.rows
    for rel in t.relations:
        fails = {tuple(x) for x in rel.get("fails", [])}
        where = (doc_name, t.title, rel)
        if rel["kind"] == "column_total":
            T, parts = rel["total"], rel["parts"]
            assert T not in parts and parts, where
            seen = set()
            for c in rel["_cols"]:
                tot = num(rows[T][c])
                s = _sum(num(rows[p][c]) for p in parts)
                tol = Decimal(str(rel.get("_tol", {}).get(c, 0)))
                ok = abs((tot or 0) - s) <= tol          # an empty cell is a zero
                if (T, c) in fails:
                    assert not ok, ("planned misprint holds", where, c, tot, s)
                    seen.add((T, c))
                else:
                    assert ok, ("column_total breaks", where, c, rows[T][c], s)
                    if (tot or 0) != s:
                        notes.append(f"{doc_name}: {t.title or '(untitled)'} row {T} col {c}: printed {rows[T][c]}, "
                                     f"parts add up to {s} (within rounding {tol})")
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
            m = NUMRE.search(rel["text"])
            assert m, where
            i, c = rel["cell"]
            assert Decimal(m.group(0).replace(",", "")) == num(rows[i][c]), ("narrative", where, rows[i][c])
        else:
            raise AssertionError(where)
    return notes


def coincidences(d: Doc, tables: list[RTable]) -> list[str]:
    """Narrative figures (≥ 100 or with decimals) that equal a table cell not labelled for them."""
    out = []
    for b in d.blocks:
        if not isinstance(b, Para):
            continue
        for m in FIG.finditer(b.text):
            fig = m.group(1)
            nm = NUMRE.search(fig)
            v = Decimal(nm.group(0).replace(",", ""))
            if v < 100 and "." not in nm.group(0):
                continue
            labelled = {(k, tuple(rel["cell"])) for k, t in enumerate(tables) for rel in t.relations
                        if rel["kind"] == "narrative" and NUMRE.search(rel["text"]).group(0) == nm.group(0)
                        and rel["text"] in printed(b.text)}
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


# ------------------------------------------------------------------ labels

NUMX = re.compile(r"^(-?[0-9][0-9,]*(?:\.[0-9]+)?)(.*)$")


def _metrics(p: Para) -> list[dict]:
    out = []
    for m in FIG.finditer(p.text):
        fig, name, subj = m.group(1), m.group(2), m.group(3)
        k = re.search(r"-?[0-9]", fig)
        assert k, fig
        mm = NUMX.match(fig[k.start():])
        n = mm.group(1).replace(",", "")
        out.append({"subject": p.subject if subj is None else subj, "name": name,
                    "value": float(n) if "." in n else int(n), "unit": mm.group(2)})
    return out


def label(d: Doc) -> tuple[dict, list[str]]:
    check_narrative(d)
    text = "".join(printed(b.text) for b in d.blocks if isinstance(b, Para))
    tables, notes = [], []
    rtables = [x for x in d.blocks if isinstance(x, Table)]
    for t in rtables:
        t.check()
        notes += verify(d.name, t, text)
        entry = {"title": t.title, "columns": t.columns, "rows": t.rows}
        if t.paths is not None:
            entry["row_paths"] = t.paths
        entry["score_header"] = [True] * t.ncol
        entry["relations"] = [{k: v for k, v in rel.items() if not k.startswith("_")} for rel in t.relations]
        tables.append(entry)
    notes += coincidences(d, rtables)
    for name, title in d.people.items():
        assert name in text and title in text, (name, title)
    metrics = [m for b in d.blocks if isinstance(b, Para) for m in _metrics(b)]
    return _nfc({"document": {"period": d.period, "period_kind": d.period_kind}, "tables": tables,
                 "facts": {"people": dict(d.people), "metrics": metrics, "metrics_complete": True}}), notes


def build(d: Doc) -> None:
    lab, notes = label(d)                 # checks first: nothing is written for a broken description
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

def _cell_centre(name: str, text: str, row_word: str, nth_page_hit: int = 0) -> tuple[int, float, float]:
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


def scans():
    from statsynth import scan as S
    P = partial
    return {
        # RGB, red seal over the 合计 row of 表1 (合计/办结 and 办结率), figures showing through
        "chk-meitan-bulletin-2024-04": ("red seal over the 合计 row of 表1", 71, None, 200, 76, True),
        "chk-nanping-gongbao-2023": ("skew +2.4°", 72, lambda: [
            P(S.toner, paper=225, ink=48), P(S.rotate, deg=2.4, lid=214), P(S.grain, sigma=5.5, dust=0.0003)],
            200, 72, False),
        "chk-changji-yusuan-2024": ("low resolution", 73, lambda: [
            P(S.toner, paper=229, ink=46), P(S.rotate, deg=-0.7, lid=236), P(S.grain, sigma=5)], 150, 72, False),
        "chk-xiapu-nianbao-2023": ("faded toner, lamp fall-off", 74, lambda: [
            P(S.toner, paper=231, ink=108, mottle=3.5), P(S.rotate, deg=0.9, lid=238), P(S.lamp, fall=0.14),
            P(S.grain, sigma=5)], 250, 64, False),
        "chk-leishan-cunji-2023": ("blur, dust", 75, lambda: [
            P(S.toner, paper=224, ink=52, streak=12), P(S.soften, sigma=1.1), P(S.rotate, deg=-1.3, lid=226),
            P(S.grain, sigma=6.5, dust=0.0008)], 200, 68, False),
    }


def make_scan(name: str, spec) -> None:
    import numpy as np
    import pypdfium2 as pdfium
    from statsynth import scan as S
    kind, seed, steps, dpi, quality, colour = spec
    if steps is None:           # the seal: centred on the 合计 row between 合计/办结 and 办结率 of 表1
        lab = json.loads((OUT / f"{name}.label.json").read_text(encoding="utf-8"))
        row = lab["tables"][0]["rows"][-1]
        page, x, y = _cell_centre(name, row[9], "合计")
        steps = [partial(S.toner, paper=230, ink=45, tint=(1.0, 0.985, 0.95)),
                 partial(S.red_seal, page=page, at=(x + 0.03, y - 0.012), name="湄潭县政务服务中心",
                         bottom="业务专用章", angle=14),
                 partial(S.rotate, deg=-0.6, lid=240), partial(S.grain, sigma=5)]
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
    t0 = time.time()
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
    print(f"done in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
