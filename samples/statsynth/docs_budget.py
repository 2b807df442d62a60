"""部门预算 (2024) and 部门决算 (2023) disclosures: fully ruled tables with deep headers."""
from __future__ import annotations

import random

from .helpers import KAI, MING, SANS, SERIF, body, head
from .model import HCell, Doc, Para, Table, paths_from_levels, tree_header

# ------------------------------------------------------------------ subjects
# (code, name, kind): kind b = basic (人员 + 公用), p = project only, m = both
EDU = [
    ("205", "教育支出"),
    ("20501", "教育管理事务"), ("2050101", "行政运行", "b"), ("2050102", "一般行政管理事务", "p"),
    ("2050199", "其他教育管理事务支出", "p"),
    ("20502", "普通教育"), ("2050201", "学前教育", "m"), ("2050202", "小学教育", "m"), ("2050203", "初中教育", "m"),
    ("2050204", "高中教育", "m"), ("2050205", "高等教育", "m"), ("2050299", "其他普通教育支出", "p"),
    ("20503", "职业教育"), ("2050302", "中等职业教育", "m"), ("2050303", "技校教育", "m"),
    ("2050305", "高等职业教育", "m"), ("2050399", "其他职业教育支出", "p"),
    ("20504", "成人教育"), ("2050404", "成人高等教育", "m"), ("2050499", "其他成人教育支出", "p"),
    ("20505", "广播电视教育"), ("2050501", "广播电视学校", "m"), ("2050502", "教育电视台", "b"),
    ("20507", "特殊教育"), ("2050701", "特殊学校教育", "m"), ("2050799", "其他特殊教育支出", "p"),
    ("20508", "进修及培训"), ("2050801", "教师进修", "p"), ("2050802", "干部教育", "p"), ("2050803", "培训支出", "p"),
    ("20509", "教育费附加安排的支出"), ("2050901", "农村中小学校舍建设", "p"), ("2050902", "农村中小学教学设施", "p"),
    ("2050903", "城市中小学校舍建设", "p"), ("2050904", "城市中小学教学设施", "p"), ("2050999", "其他教育费附加安排的支出", "p"),
    ("20599", "其他教育支出"), ("2059999", "其他教育支出", "p"),
    ("206", "科学技术支出"), ("20607", "科学技术普及"), ("2060702", "青少年科技活动", "p"),
    ("207", "文化旅游体育与传媒支出"), ("20703", "体育"), ("2070399", "其他体育支出", "p"),
    ("208", "社会保障和就业支出"),
    ("20805", "行政事业单位养老支出"), ("2080501", "行政单位离退休", "b"), ("2080502", "事业单位离退休", "b"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "b"), ("2080506", "机关事业单位职业年金缴费支出", "b"),
    ("2080599", "其他行政事业单位养老支出", "b"),
    ("20808", "抚恤"), ("2080801", "死亡抚恤", "b"),
    ("210", "卫生健康支出"), ("21011", "行政事业单位医疗"), ("2101101", "行政单位医疗", "b"),
    ("2101102", "事业单位医疗", "b"), ("2101103", "公务员医疗补助", "b"), ("2101199", "其他行政事业单位医疗支出", "b"),
    ("221", "住房保障支出"), ("22102", "住房改革支出"), ("2210201", "住房公积金", "b"), ("2210203", "购房补贴", "b"),
]

AGRI = [
    ("208", "社会保障和就业支出"),
    ("20805", "行政事业单位养老支出"), ("2080501", "行政单位离退休", "b"), ("2080502", "事业单位离退休", "b"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "b"), ("2080506", "机关事业单位职业年金缴费支出", "b"),
    ("210", "卫生健康支出"), ("21011", "行政事业单位医疗"), ("2101101", "行政单位医疗", "b"),
    ("2101102", "事业单位医疗", "b"), ("2101103", "公务员医疗补助", "b"),
    ("213", "农林水支出"), ("21301", "农业农村"), ("2130101", "行政运行", "b"), ("2130102", "一般行政管理事务", "p"),
    ("2130104", "事业运行", "m"), ("2130106", "科技转化与推广服务", "p"), ("2130108", "病虫害控制", "p"),
    ("2130109", "农产品质量安全", "p"), ("2130122", "农业生产发展", "p"), ("2130135", "农业生态资源保护", "p"),
    ("2130153", "耕地建设与利用", "p"), ("2130199", "其他农业农村支出", "p"),
    ("21305", "巩固脱贫攻坚成果衔接乡村振兴"), ("2130599", "其他巩固脱贫攻坚成果衔接乡村振兴支出", "p"),
    ("221", "住房保障支出"), ("22102", "住房改革支出"), ("2210201", "住房公积金", "b"),
]


def _subject_values(subjects, r: random.Random, scale: float):
    """Cents per leaf: (人员, 公用, 项目); parents summed."""
    vals = {}
    for s in subjects:
        if len(s) == 3:
            kind = s[2]
            c = lambda lo, hi: int(r.uniform(lo, hi) * scale * 100)  # noqa: E731
            per = c(80, 2400) if kind in "bm" else 0
            pub = c(10, 300) if kind in "bm" and r.random() > 0.25 else 0
            proj = c(30, 1600) if kind in "pm" else 0
            vals[s[0]] = (per, pub, proj)
    for s in subjects:
        if len(s) == 2:
            kids = [v for k, v in vals.items() if k.startswith(s[0]) and len(k) == 7]
            vals[s[0]] = tuple(sum(v[i] for v in kids) for i in range(3))
    total = tuple(sum(v[i] for k, v in vals.items() if len(k) == 3) for i in range(3))
    return vals, total


def _yuan(c: int, blank: bool = True, comma: bool = False) -> str:
    if c == 0 and blank:
        return ""
    return f"{c / 100:,.2f}" if comma else f"{c / 100:.2f}"


# ------------------------------------------------------------------ 2024 budget

def yusuan() -> Doc:
    r = random.Random(2024)
    vals, tot = _subject_values(EDU, r, 1.0)
    G = sum(tot)
    B = tot[0] + tot[1]
    P = tot[2]
    # 表3 一般公共预算支出表 (类/款/项 in the 合计 row)
    header = [HCell(0, 0, 3, 3, "科目编码"), HCell(0, 3, 3, 1, "科目名称"),
              HCell(0, 4, 1, 5, "2024年一般公共预算支出"),
              HCell(1, 4, 2, 1, "合计"), HCell(1, 5, 1, 3, "基本支出"), HCell(1, 8, 2, 1, "项目支出"),
              HCell(2, 5, 1, 1, "小计"), HCell(2, 6, 1, 1, "人员经费"), HCell(2, 7, 1, 1, "公用经费"),
              HCell(3, 0, 1, 1, "类"), HCell(3, 1, 1, 1, "款"), HCell(3, 2, 1, 1, "项")]

    def line(per, pub, proj):
        return [_yuan(per + pub + proj, False), _yuan(per + pub), _yuan(per), _yuan(pub), _yuan(proj)]

    rows = [["", "", "", "合计"] + line(*tot)]
    levels = [0]
    for s in EDU:
        code, name = s[0], s[1]
        lv = {3: 0, 5: 1, 7: 2}[len(code)]
        rows.append([code[:3], code[3:5], code[5:7], name] + line(*vals[code]))
        levels.append(lv)
    stubs = [x[3] for x in rows]
    paths = ["合计"] + paths_from_levels(stubs[1:], levels[1:])
    t3 = Table("表3　一般公共预算支出表", header, rows, widths=[1.2, 0.95, 0.95, 4.6, 2.0, 1.9, 1.9, 1.8, 1.9],
               stub=3, levels=levels, paths=paths, fuse=1, borders="grid", font=SANS, size=9.5, header_size=9.5,
               align="ccclrrrrr", title_font=SERIF, title_size=14, row_height=0.82, header_height=0.7,
               repeat_header=True, new_page=True, unit_left="部门：湘潭市教育局", unit="单位：万元")
    # units and income (表2)
    units = ["湘潭市教育局（本级）", "湘潭市第一中学", "湘潭市第二中学", "湘潭市工业贸易中等专业学校",
             "湘潭市特殊教育学校", "湘潭市教育科学研究院", "湘潭市电化教育馆", "湘潭市教育考试院",
             "湘潭市中小学生社会实践教育基地管理中心"]
    w = [r.uniform(0.5, 2.5) for _ in units]
    w[0] = 4.0
    g_u = [int(G * x / sum(w)) for x in w]
    g_u[0] += G - sum(g_u)
    F = 12000
    f_u = [F] + [0] * (len(units) - 1)
    s_u = [0] + [int(r.uniform(150, 900) * 100) for _ in units[1:]]
    s_u[5] = s_u[6] = 0
    o_u = [int(r.uniform(5, 60) * 100) if r.random() > 0.4 else 0 for _ in units]
    c_u = [int(r.uniform(20, 300) * 100) if r.random() > 0.5 else 0 for _ in units]
    c_u[0] = 865 * 100 + 43

    def inc(g, f, s, o, c):
        this = g + f + s + o
        return [_yuan(this + c, False), _yuan(c), _yuan(this, False), _yuan(g), _yuan(f), _yuan(s), "", _yuan(o)]

    S, O, C = sum(s_u), sum(o_u), sum(c_u)
    rows2 = [["湘潭市教育局"] + inc(G, F, S, O, C)]
    for k, u in enumerate(units):
        rows2.append([u] + inc(g_u[k], f_u[k], s_u[k], o_u[k], c_u[k]))
    h2 = tree_header(["单位名称", "总计", "上年结转",
                      ("本年收入", ["合计", ("财政拨款收入", ["一般公共预算", "政府性基金预算"]), "事业收入",
                                   "事业单位经营收入", "其他收入"])])
    lv2 = [0] + [1] * len(units)
    t2 = Table("表2　部门收入总表", h2, rows2, widths=[4.2, 1.9, 1.6, 1.9, 1.9, 1.6, 1.6, 1.4, 1.4], stub=0,
               levels=lv2, paths=paths_from_levels([x[0] for x in rows2], lv2), borders="grid", font=SANS,
               size=8.5, header_size=8.5, align="lrrrrrrrr", title_font=SERIF, title_size=14, row_height=0.75,
               unit_left="部门：湘潭市教育局", unit="单位：万元", space_before=14)
    # 表1 收支总表: all non-fiscal income funds 教育支出
    cls = {s[0]: s[1] for s in EDU if len(s[0]) == 3}
    spend = {k: sum(vals[k]) for k in cls}
    spend["205"] += S + O + C
    T_in = G + F + S + O
    T = T_in + C
    left = [("一、一般公共预算拨款收入", G), ("二、政府性基金预算拨款收入", F), ("三、事业收入", S),
            ("四、事业单位经营收入", 0), ("五、其他收入", O), ("", None), ("", None)]
    nums = "一二三四五六七"
    right = [(f"{nums[i]}、{cls[k]}", spend[k]) for i, k in enumerate(cls)] + [("七、其他支出", F)]
    rows1 = []
    for (a, av), (b, bv) in zip(left, right):
        rows1.append([a, "" if av is None else _yuan(av, False), b, _yuan(bv, False)])
    rows1 += [["本年收入合计", _yuan(T_in, False), "本年支出合计", _yuan(T, False)],
              ["上年结转", _yuan(C, False), "结转下年", ""],
              ["收入总计", _yuan(T, False), "支出总计", _yuan(T, False)]]
    t1 = Table("表1　部门收支总表", tree_header([("收入", ["项目", "预算数"]), ("支出", ["项目", "预算数"])]),
               rows1, widths=[5.2, 2.6, 5.2, 2.6], borders="grid", font=SANS, size=10, header_size=10,
               align="lrlr", title_font=SERIF, title_size=14, row_height=0.78, new_page=True,
               unit_left="部门：湘潭市教育局", unit="单位：万元")
    # 表4 三公
    car_run, recep, abroad, car_buy = 1860, 1235, 0, 0
    sg = car_run + recep + abroad + car_buy
    h4 = tree_header([("2024年财政拨款“三公”经费预算数", ["合计", "因公出国（境）费",
                                                  ("公务用车购置及运行费", ["小计", "公务用车购置费", "公务用车运行费"]),
                                                  "公务接待费"])])
    t4 = Table("表4　财政拨款“三公”经费支出表", h4,
               [[_yuan(sg, False), _yuan(abroad, False), _yuan(car_buy + car_run, False), _yuan(car_buy, False),
                 _yuan(car_run, False), _yuan(recep, False)]],
               widths=[2.4, 2.6, 2.4, 2.6, 2.6, 2.4], borders="grid", font=SANS, size=10, header_size=10,
               align="cccccc", title_font=SERIF, title_size=14, row_height=0.9, space_before=18,
               unit_left="部门：湘潭市教育局", unit="单位：万元")
    last_year = T - int(r.uniform(1500, 3000) * 100)
    up = T - last_year
    blocks = [
        Para("湘潭市教育局2024年部门预算", "title", font=SERIF, size=22, after=14),
        Para("第一部分　部门概况", "plain", font=SANS, size=14, bold=True, after=4),
        head("一、部门职责"),
        body("贯彻执行国家和省有关教育工作的方针政策和法律法规，拟订全市教育改革与发展规划并组织实施；"
             "统筹管理全市各级各类教育，负责市直学校的经费、资产和人事管理工作。"),
        head("二、机构设置"),
        body("市教育局机关内设科室{14个|内设科室}，纳入2024年部门预算编制范围的单位共{10个|预算单位}，"
             "其中行政单位{1个|行政单位}、事业单位{9个|事业单位}。市教育局编制人数{1865人|编制人数}，"
             "实有在职人员{1792人|在职人员}，离退休人员{1046人|离退休人员}。", "市教育局"),
        Para("第二部分　2024年部门预算说明", "plain", font=SANS, size=14, bold=True, before=8, after=4),
        head("一、收支总体情况"),
        body(f"市教育局2024年收入预算总计{{{_yuan(T)}万元|收入预算总计}}，"
             f"比上年增加{{{_yuan(up)}万元|收入预算总计增加}}；其中一般公共预算拨款收入{{{_yuan(G)}万元|一般公共预算拨款收入}}，"
             f"政府性基金预算拨款收入{{{_yuan(F)}万元|政府性基金预算拨款收入}}，事业收入{{{_yuan(S)}万元|事业收入}}，"
             f"其他收入{{{_yuan(O)}万元|其他收入}}，上年结转{{{_yuan(C)}万元|上年结转}}。", "市教育局"),
        head("二、一般公共预算拨款支出情况"),
        body(f"市教育局2024年一般公共预算拨款支出{{{_yuan(G)}万元|一般公共预算拨款支出}}，"
             f"其中基本支出{{{_yuan(B)}万元|基本支出}}（人员经费{{{_yuan(tot[0])}万元|人员经费}}，"
             f"公用经费{{{_yuan(tot[1])}万元|公用经费}}），项目支出{{{_yuan(P)}万元|项目支出}}。", "市教育局"),
        head("三、“三公”经费预算情况"),
        body(f"市教育局2024年财政拨款“三公”经费预算{{{_yuan(sg)}万元|财政拨款“三公”经费预算}}，"
             f"比上年减少{{2.18万元|财政拨款“三公”经费预算减少}}；其中公务用车运行费{{{_yuan(car_run)}万元|公务用车运行费}}，"
             f"公务接待费{{{_yuan(recep)}万元|公务接待费}}，因公出国（境）费和公务用车购置费均未安排预算。", "市教育局"),
        head("四、其他重要事项的情况说明"),
        body("市教育局2024年政府采购预算{2356.80万元|政府采购预算}；年末共有车辆{6辆|车辆}，"
             "其中一般公务用车{4辆|一般公务用车}，执法执勤用车{2辆|执法执勤用车}。", "市教育局"),
        t1, t2, t3, t4,
    ]
    return Doc("stat-xiangtan-yusuan-2024", "2024", "year", blocks, body_font=SERIF, body_size=12,
               title_font=SERIF, heading_font=SANS, line_spacing=1.35, margins=(2.6, 2.4, 2.4, 2.4),
               footer="dash", published=(2024, 2, 6))


# ------------------------------------------------------------------ 2023 final accounts

def juesuan() -> Doc:
    r = random.Random(2023)
    vals, tot = _subject_values(AGRI, r, 0.6)
    E = sum(tot)
    B, P = tot[0] + tot[1], tot[2]
    cm = dict(comma=True)
    # 表2 支出决算表: code in one column, 合计 merged over 科目编码 + 科目名称
    rows2 = [["合计", "合计", _yuan(E, False, **cm), _yuan(B, False, **cm), _yuan(P, False, **cm), "", "", ""]]
    for s in AGRI:
        v = vals[s[0]]
        rows2.append([s[0], s[1], _yuan(sum(v), False, **cm), _yuan(v[0] + v[1], **cm), _yuan(v[2], **cm), "", "", ""])
    h2 = tree_header([("项目", ["科目编码", "科目名称"]), "本年支出合计", "基本支出", "项目支出",
                      "上缴上级支出", "经营支出", "对附属单位补助支出"])
    t2 = Table("支出决算表", h2, rows2, widths=[2.2, 7.6, 2.6, 2.6, 2.6, 2.0, 2.0, 2.4], merges=[(0, 0, 0, 1)],
               stub=1, borders="grid", font=MING, size=9.5, header_size=10, header_bold=False,
               align="clrrrrrr", title_font=KAI, title_size=16, title_bold=False, row_height=0.52,
               header_height=0.6, landscape=True, new_page=True, repeat_header=True,
               unit_left="编制单位：株洲市农业农村局", unit="金额单位：万元")
    # 表1 收入支出决算总表 with 行次
    Ginc = E - 31245          # a little carry-over spent
    other = 4218
    carry_in, carry_out = 31245 + 56210, 56210 + other
    inc_total = Ginc + other
    cls = [(s[0], s[1]) for s in AGRI if len(s[0]) == 3]
    spend = {k: sum(vals[k]) for k, _ in cls}
    left = [("一、一般公共预算财政拨款收入", Ginc), ("二、政府性基金预算财政拨款收入", 0), ("三、上级补助收入", 0),
            ("四、事业收入", 0), ("五、经营收入", 0), ("六、附属单位上缴收入", 0), ("七、其他收入", other)]
    nums = "一二三四五六七"
    rows1 = []
    for i in range(7):
        a, av = left[i]
        if i < len(cls):
            b, bv = f"{nums[i]}、{cls[i][1]}", spend[cls[i][0]]
            rows1.append([a, str(i + 1), _yuan(av, False, **cm), b, str(32 + i), _yuan(bv, False, **cm)])
        else:
            rows1.append([a, str(i + 1), _yuan(av, False, **cm), "", str(32 + i), ""])
    rows1 += [["本年收入合计", "8", _yuan(inc_total, False, **cm), "本年支出合计", "39", _yuan(E, False, **cm)],
              ["年初结转和结余", "9", _yuan(carry_in, False, **cm), "年末结转和结余", "40", _yuan(carry_out, False, **cm)],
              ["总计", "10", _yuan(inc_total + carry_in, False, **cm), "总计", "41",
               _yuan(E + carry_out, False, **cm)]]
    assert inc_total + carry_in == E + carry_out
    h1 = tree_header([("收入", ["项目", "行次", "金额"]), ("支出", ["项目", "行次", "金额"])])
    t1 = Table("收入支出决算总表", h1, rows1, widths=[7.0, 1.3, 3.0, 7.0, 1.3, 3.0], borders="grid", font=MING,
               size=10.5, header_size=10.5, header_bold=False, align="lcrlcr", title_font=KAI, title_size=16,
               title_bold=False, row_height=0.8, header_height=0.62, landscape=True, new_page=True,
               unit_left="编制单位：株洲市农业农村局", unit="金额单位：万元")
    # 表3 三公 预算数 / 决算数
    bud = dict(abroad=0, buy=0, run=2450, rec=1680)
    fin = dict(abroad=0, buy=0, run=2193, rec=1326)

    def sg(d):
        return [_yuan(d["abroad"] + d["buy"] + d["run"] + d["rec"], False), _yuan(d["abroad"], False),
                _yuan(d["buy"] + d["run"], False), _yuan(d["buy"], False), _yuan(d["run"], False),
                _yuan(d["rec"], False)]
    sub = ["合计", "因公出国（境）费", ("公务用车购置及运行费", ["小计", "公务用车购置费", "公务用车运行费"]), "公务接待费"]
    h3 = tree_header([("预算数", sub), ("决算数", sub)])
    t3 = Table("一般公共预算财政拨款“三公”经费支出决算表", h3, [sg(bud) + sg(fin)],
               widths=[1.0] * 12, borders="grid", font=MING, size=10, header_size=10, header_bold=False,
               align="c" * 12, title_font=KAI, title_size=16, title_bold=False, row_height=1.0, header_height=0.62,
               space_before=24, unit_left="编制单位：株洲市农业农村局", unit="金额单位：万元")
    sg_b = sum(bud.values())
    sg_f = sum(fin.values())
    blocks = [
        Para("株洲市农业农村局2023年度部门决算", "title", font=KAI, size=22, after=16),
        Para("第一部分　部门概况", "plain", font=KAI, size=15, after=4),
        body("株洲市农业农村局为市人民政府工作部门，纳入2023年度部门决算编制范围的单位共{4个|决算单位}，"
             "包括局机关和{3个|下属事业单位}下属事业单位；年末实有人数{186人|实有人数}，"
             "其中在职人员{132人|在职人员}，离退休人员{54人|离退休人员}。", "株洲市农业农村局"),
        Para("第二部分　2023年度部门决算情况说明", "plain", font=KAI, size=15, before=8, after=4),
        Para("一、收入支出决算总体情况说明", "plain", font=KAI, size=13, after=2),
        body(f"2023年度收入总计{{{_yuan(inc_total + carry_in, **cm)}万元|收入总计}}，"
             f"其中一般公共预算财政拨款收入{{{_yuan(Ginc, **cm)}万元|一般公共预算财政拨款收入}}，"
             f"其他收入{{{_yuan(other, **cm)}万元|其他收入}}，年初结转和结余{{{_yuan(carry_in, **cm)}万元|年初结转和结余}}。"
             f"2023年度支出总计{{{_yuan(E + carry_out, **cm)}万元|支出总计}}，"
             f"其中本年支出{{{_yuan(E, **cm)}万元|本年支出}}，年末结转和结余{{{_yuan(carry_out, **cm)}万元|年末结转和结余}}。"),
        Para("二、支出决算情况说明", "plain", font=KAI, size=13, after=2),
        body(f"2023年度本年支出{{{_yuan(E, **cm)}万元|本年支出|}}，其中基本支出{{{_yuan(B, **cm)}万元|基本支出|}}，"
             f"占本年支出的{{{100 * B / E:.2f}%|基本支出占比|}}；项目支出{{{_yuan(P, **cm)}万元|项目支出|}}，"
             f"占本年支出的{{{100 * P / E:.2f}%|项目支出占比|}}。"),
        Para("三、一般公共预算财政拨款“三公”经费支出决算情况说明", "plain", font=KAI, size=13, after=2),
        body(f"2023年度一般公共预算财政拨款“三公”经费支出决算{{{_yuan(sg_f)}万元|“三公”经费支出决算}}，"
             f"完成预算的{{{100 * sg_f / sg_b:.2f}%|“三公”经费预算完成率}}；"
             f"其中公务用车运行费{{{_yuan(fin['run'])}万元|公务用车运行费}}，"
             f"公务接待费{{{_yuan(fin['rec'])}万元|公务接待费}}，"
             f"共接待国内来访团组{{{38}批次|接待国内来访团组}}、{{{412}人次|接待人次}}。"),
        t1, t2, t3,
    ]
    return Doc("stat-zhuzhou-juesuan-2023", "2023", "year", blocks, body_font=MING, body_size=13,
               title_font=KAI, line_spacing=1.5, margins=(3.0, 2.8, 2.8, 2.6), lmargins=(2.2, 2.0, 1.8, 1.8),
               footer="di", published=(2024, 8, 28))


BUILDERS = [yusuan, juesuan]
