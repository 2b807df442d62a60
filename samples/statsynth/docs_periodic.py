"""Short periodic documents: a quarter (stacked-value grid table), 1—9月 cumulative, 上半年."""
from __future__ import annotations

import random

from .helpers import KAI, MING, SANS, SERIF, body, head, stub_table
from .model import HCell, Doc, Para, Table, paths_from_levels, tree_header


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.2f}"


def jidu() -> Doc:
    """2024年第三季度 政务服务“好差评”通报: each ruled body row is one county and
    holds five stacked lines (five label rows) in every column but the county."""
    r = random.Random(2403)
    counties = ["濂溪区", "浔阳区", "柴桑区", "瑞昌市", "共青城市", "庐山市", "武宁县", "修水县"]
    stubs = [(0, "受理（件）"), (1, "其中：网上受理"), (0, "办结（件）"), (0, "评价数（次）"), (0, "好评率（%）")]
    rows, levels, prefixes, stack = [], [], [], []
    totals = {"受理": 0, "网上": 0, "办结": 0, "评价": 0, "好评": 0}
    for c in counties:
        months = []
        for _ in range(3):
            acc = r.randint(2600, 9800)
            net = int(acc * r.uniform(0.55, 0.82))
            done = acc - r.randint(5, 60)
            ev = int(done * r.uniform(0.45, 0.75))
            good = ev - r.randint(0, 12)
            months.append((acc, net, done, ev, good))
        q = tuple(sum(m[i] for m in months) for i in range(5))
        for key, v in zip(totals, q):
            totals[key] += v
        start = len(rows)
        for i, (lv, s) in enumerate(stubs):
            vals = []
            for m in months + [q]:
                vals.append(_pct(m[4], m[3]) if i == 4 else str(m[i]))
            rows.append([c, s] + vals)
            levels.append(lv)
            prefixes.append(c)
        stack.append((start, len(rows) - 1))
    header = tree_header(["县（市、区）", "指标", ("第三季度各月", ["7月", "8月", "9月"]), "季度合计"])
    t = Table("附件　2024年第三季度各县（市、区）政务服务“好差评”情况统计表", header, rows,
              widths=[2.4, 3.2, 2.4, 2.4, 2.4, 2.6], stub=1, levels=levels,
              paths=paths_from_levels([x[1] for x in rows], levels, prefixes),
              stack=stack, stack_once=(0,), borders="grid", font=SERIF, size=10, header_size=10.5,
              align="cl" + "r" * 4, title_font=SANS, title_size=12, new_page=True, indent_chars=1.0)
    acc, net, done, ev, good = (totals[k] for k in totals)
    blocks = [
        Para("九江市政务服务“好差评”工作通报", "title", font=SERIF, size=20, after=2),
        Para("（2024年第三季度）", "subtitle", after=4),
        Para("九江市政务服务管理办公室　　　　　　　　　　　　2024年10月12日", "plain", size=11, after=8),
        head("一、总体情况"),
        body(f"第三季度，全市各级政务服务中心共受理政务服务事项{{{acc}件|受理}}，其中网上受理{{{net}件|网上受理}}，"
             f"网上受理率{{{_pct(net, acc)}%|网上受理率}}；办结{{{done}件|办结}}，办结率{{{_pct(done, acc)}%|办结率}}。", "全市"),
        body(f"第三季度，全市共收到“好差评”评价{{{ev}次|评价}}，其中好评{{{good}次|好评}}，"
             f"好评率{{{_pct(good, ev)}%|好评率}}，比第二季度提高{{0.12个百分点|好评率提高}}；"
             f"差评{{{ev - good}次|差评}}，整改率{{100%|整改率}}。", "全市"),
        head("二、存在的问题"),
        body("部分县（市、区）评价器使用不规范，主动评价比例偏低；个别窗口对差评回访不及时，整改说明不够具体。"),
        head("三、下一步工作"),
        body("各地要加强“好差评”数据分析，对差评件实行台账管理，做到差评必回访、整改必反馈。"),
        t,
    ]
    return Doc("stat-jiujiang-jidu-2024-Q3", "2024-Q3", "quarter", blocks, body_font=SERIF, body_size=12,
               title_font=SERIF, heading_font=SANS, line_spacing=1.4, margins=(2.5, 2.3, 2.5, 2.5),
               footer="di", published=(2024, 10, 12))


def leiji() -> Doc:
    """2024年1—9月 萍乡市经济运行情况: Noto Sans narrative, UMing tables."""
    t1 = stub_table("表1　2024年1—9月全市主要经济指标", ["指标名称", "单位", "1—9月", "比上年同期增长（%）"], [
        (0, "地区生产总值", "亿元", "868.35", "5.3"),
        (1, "第一产业", "亿元", "52.16", "3.6"),
        (1, "第二产业", "亿元", "362.48", "5.9"),
        (1, "第三产业", "亿元", "453.71", "5.0"),
        (0, "规模以上工业增加值", "—", "—", "6.7"),
        (1, "其中：高技术制造业", "—", "—", "12.4"),
        (1, "战略性新兴产业", "—", "—", "9.8"),
        (0, "固定资产投资", "—", "—", "4.2"),
        (1, "其中：工业投资", "—", "—", "8.5"),
        (2, "#技术改造投资", "—", "—", "15.1"),
        (1, "基础设施投资", "—", "—", "-2.7"),
        (0, "社会消费品零售总额", "亿元", "386.52", "5.6"),
        (0, "一般公共预算收入", "亿元", "56.83", "2.1"),
        (1, "#税收收入", "亿元", "38.46", "3.4"),
        (0, "居民消费价格指数（上年同期=100）", "—", "100.4", "—"),
    ], widths=[6.2, 1.8, 2.6, 3.6], borders="grid", font=MING, size=10.5, header_size=10.5, header_bold=False,
        align="lcrr", title_font=SANS, title_size=12, row_height=0.68, width_frac=0.95)
    h2 = tree_header(["县（区）", "规模以上工业增加值增速（%）", "固定资产投资增速（%）",
                      ("社会消费品零售总额", ["1—9月（亿元）", "增速（%）"])])
    t2 = Table("表2　2024年1—9月各县（区）主要经济指标", h2, [
        ["全市", "6.7", "4.2", "386.52", "5.6"],
        ["安源区", "6.1", "3.5", "112.64", "5.9"],
        ["湘东区", "7.4", "5.1", "52.38", "5.2"],
        ["莲花县", "8.2", "6.3", "28.75", "6.1"],
        ["上栗县", "6.9", "4.8", "56.90", "5.4"],
        ["芦溪县", "7.0", "2.6", "41.27", "5.0"],
        ["萍乡经济技术开发区", "5.8", "3.9", "63.45", "5.8"],
        ["萍乡市武功山风景名胜区", "—", "-4.6", "31.13", "6.3"],
    ], widths=[3.6, 3.0, 3.0, 2.6, 2.0], borders="grid", font=MING, size=10.5, header_size=10.5, header_bold=False,
        align="lrrrr", title_font=SANS, title_size=12, row_height=0.7, header_height=0.62, width_frac=0.95,
        note="注：全市数据含萍乡经济技术开发区、萍乡市武功山风景名胜区。")
    blocks = [
        Para("2024年1—9月萍乡市经济运行情况", "title", font=SANS, size=18, after=10),
        body("前三季度，全市经济运行总体平稳、稳中有进。根据地区生产总值统一核算结果，"
             "1—9月全市地区生产总值{868.35亿元|地区生产总值}，按不变价格计算，比上年同期增长{5.3%|地区生产总值增长}，"
             "增速比上半年加快{0.2个百分点|地区生产总值增速加快}。", "全市"),
        body("1—9月，全市规模以上工业增加值同比增长{6.7%|规模以上工业增加值增长}，"
             "其中高技术制造业增加值增长{12.4%|高技术制造业增加值增长}，"
             "占规模以上工业增加值的比重为{18.6%|高技术制造业增加值比重}。", "全市"),
        body("1—9月，全市固定资产投资同比增长{4.2%|固定资产投资增长}，"
             "其中工业投资增长{8.5%|工业投资增长}，基础设施投资下降{2.7%|基础设施投资下降}。"
             "全市社会消费品零售总额{386.52亿元|社会消费品零售总额}，增长{5.6%|社会消费品零售总额增长}。", "全市"),
        body("1—9月，全市一般公共预算收入{56.83亿元|一般公共预算收入}，同比增长{2.1%|一般公共预算收入增长}，"
             "其中税收收入{38.46亿元|税收收入}，增长{3.4%|税收收入增长}。"
             "全市居民消费价格同比上涨{0.4%|居民消费价格上涨}。", "全市"),
        t1,
        t2,
    ]
    return Doc("stat-pingxiang-leiji-2024-01-09", "2024-01/2024-09", "months", blocks, body_font=SANS,
               body_size=11, title_font=SANS, heading_font=SANS, line_spacing=1.5,
               margins=(2.5, 2.5, 2.8, 2.8), footer="dash", published=(2024, 10, 25))


def bannian() -> Doc:
    """新余市2024年上半年政务服务工作情况通报: UKai narrative, grid table with 合计 on top."""
    r = random.Random(2406)
    areas = [("渝水区", "360502"), ("分宜县", "360521"), ("仙女湖区", ""), ("高新区", ""), ("孔目江生态经济区", "")]
    rows = []
    for i, (a, _) in enumerate(areas, 1):
        acc = r.randint(18000, 62000)
        net = int(acc * r.uniform(0.6, 0.85))
        done = acc - r.randint(20, 150)
        onsite = r.randint(60, 480)
        rows.append([str(i), a, str(acc), str(net), str(done), _pct(done, acc), str(onsite)])
    tot = [sum(int(x[k]) for x in rows) for k in (2, 3, 4)]
    tot_on = sum(int(x[6]) for x in rows)
    rows.insert(0, ["合计", "合计", str(tot[0]), str(tot[1]), str(tot[2]), _pct(tot[2], tot[0]), str(tot_on)])
    header = tree_header(["序号", "县（区）", ("政务服务事项（件）", ["受理", "#网上受理", "办结"]),
                          "办结率（%）", "帮办代办（件）"])
    t = Table("附件：2024年上半年各县（区）政务服务事项办理情况统计表", header, rows,
              widths=[1.2, 3.6, 2.2, 2.2, 2.2, 2.0, 3.0], merges=[(0, 0, 0, 1)], borders="grid",
              font=KAI, size=11, header_size=11, header_bold=False, align="cccccc" + "c", title_font=KAI, title_size=13,
              row_height=0.85, new_page=True, stub=1)
    blocks = [
        Para("新余市2024年上半年政务服务工作情况通报", "title", font=KAI, size=20, after=12),
        Para("各县（区）政务服务中心，市直有关单位：", "plain", after=2),
        body(f"2024年上半年，全市政务服务系统共受理各类政务服务事项{{{tot[0]}件|受理}}，"
             f"其中网上受理{{{tot[1]}件|网上受理}}；办结{{{tot[2]}件|办结}}，"
             f"办结率{{{_pct(tot[2], tot[0])}%|办结率}}。", "全市"),
        body("上半年，市政务服务中心新增进驻事项{36项|新增进驻事项|市政务服务中心}，"
             "“一件事一次办”上线事项累计达到{48个|“一件事一次办”上线事项|市政务服务中心}，"
             "平均办理时限压缩{62%|平均办理时限压缩|市政务服务中心}。"),
        body("上半年，全市“12345”政务服务便民热线共受理群众诉求{28416件|受理群众诉求}，"
             "按时办结率{98.73%|按时办结率}，群众满意率{96.85%|群众满意率}。", "全市",
             ),
        body("5月20日，市人民政府副市长周海燕到市政务服务中心调研“一件事一次办”改革工作，"
             "要求进一步优化办事流程，提升企业和群众办事体验。"),
        body("下半年，各地各部门要对照年度目标任务，进一步压缩办理时限，推动更多事项“网上办、掌上办、就近办”。"),
        Para("新余市政务服务管理局", "right", before=18),
        Para("2024年7月15日", "right"),
        t,
    ]
    return Doc("stat-xinyu-bannian-2024-H1", "2024-H1", "half", blocks, body_font=KAI, body_size=14,
               title_font=KAI, line_spacing=1.35, margins=(3.0, 2.6, 2.8, 2.6), footer="dash",
               published=(2024, 7, 15), allowed_digits=[r"“12345”"], people={"周海燕": "副市长"})


BUILDERS = [jidu, leiji, bannian]
