"""Synthetic bulletins 4-6: 仁和区 2023-03, 金牛区 2021-11, 宜宾市 2020-09.

People, events and figures are invented; place and department names are real
(codes from shared/gazetteer/modood, the edition of the bulletin's year).
"""
from __future__ import annotations

from .helpers import KAI, SANS, SERIF, body, column_sums, distribution, head, pct, rng
from .model import Bulletin, Event, Para, Table

# ------------------------------------------------------------------ 仁和区 2023-03

RENHE_TOWNS = {  # group label -> [(name, 9-digit code, modood 2023)]
    "城区": [("大河中路街道", "510411001"), ("仁和镇", "510411100"), ("金江镇", "510411105")],
    "乡镇": [("平地镇", "510411101"), ("大田镇", "510411102"), ("福田镇", "510411103"),
           ("同德镇", "510411104"), ("布德镇", "510411106"), ("前进镇", "510411107")],
    "民族乡": [("大龙潭彝族乡", "510411200"), ("啊喇彝族乡", "510411201")],
    "乡": [("太平乡", "510411203"), ("务本乡", "510411204"), ("中坝乡", "510411205")],
}
RENHE_DEPTS = ["仁和区市场监督管理局", "仁和区人力资源和社会保障局", "仁和区住房和城乡建设局", "仁和区交通运输局",
               "仁和区农业农村局", "仁和区卫生健康局", "仁和区民政局", "仁和区医疗保障局", "仁和区自然资源局"]


def renhe_towns_table(month: int) -> Table:
    """Row groups: 类别 merged over 3, 6, 2 and 3 rows; 合计 at the bottom over two columns."""
    r = rng(2023_03_1)
    tree = ["类别", "乡镇（街道）", ("政务服务事项办件（件）", ["受理", "办结", "按时办结率"]),
            ("代办帮办（件）", ["代办", "帮办"]), "备注"]
    rows = []
    for group, towns in RENHE_TOWNS.items():
        for town, _ in towns:
            acc = r.randint(60, 900) if group != "乡" else r.randint(5, 90)
            done = acc - r.randint(0, acc // 12)
            proxy = r.choice([0, r.randint(1, 40)])
            rows.append([group, town, str(acc), str(done), pct(done, acc), str(proxy) if proxy else "-",
                         str(r.randint(0, 25)), r.choice(["", "", "", "", "含村（社区）代办点"])])
    sums = column_sums(rows, range(2, 4))
    helped = column_sums(rows, range(5, 7))
    rows.append(["合计", "合计", *sums, pct(int(sums[1]), int(sums[0])), *helped, ""])
    t = Table(f"附件1：仁和区乡镇（街道）便民服务中心办件情况统计表（{month}月）", tree, rows,
              merges=[(len(rows) - 1, 0, len(rows) - 1, 1)], unit="单位：件",
              widths=[0.9, 1.7, 1, 1, 1.1, 0.9, 0.9, 1.8], font=SANS, size=9, landscape=False)
    t.group_merges(0)
    return t


def renhe_depts_table(month: int) -> Table:
    """No borders at all: a one-row header and columns aligned by white space."""
    r = rng(2023_03_2)
    rows = []
    for dept in RENHE_DEPTS:
        acc = r.randint(30, 2500)
        rows.append([dept, str(r.randint(12, 160)), str(acc), str(acc - r.randint(0, acc // 30)),
                     f"{r.uniform(98.5, 100):.2f}%"])
    return Table(f"附件2：区级部门进驻事项办理情况（{month}月）", ["部门", "进驻事项（项）", "受理（件）", "办结（件）", "好评率"],
                 rows, widths=[2.6, 1.2, 1, 1, 1], font=SANS, size=10, borders="none", landscape=False,
                 new_page=False)


def renhe_2023_03() -> Bulletin:
    b = Bulletin("synth-renhe-2023-03", "仁和区政务服务工作月报（2023年3月）", 2023, 3, SANS, KAI, [],
                 footer="dash", published=(2023, 4, 7), body_size=12, title_size=20)
    b.person("杨晓红", "主任"), b.person("刘建军", "副区长"), b.person("谢明", "副主任"), b.person("龙志华", "局长")
    towns, depts = renhe_towns_table(3), renhe_depts_table(3)
    acc, done = towns.rows[-1][2], towns.rows[-1][3]
    b.blocks = [
        head("一、总体情况"),
        Para(f"3月，全区14个乡镇（街道）便民服务中心共受理各类政务服务事项{acc}件、办结{done}件，办结率为{towns.rows[-1][4]}；区政务服务中心各进驻部门窗口共受理{column_sums(depts.rows, range(2, 3))[0]}件。"),
        Para("全区政务服务事项网上可办率达98.7%，全程网办率达86.2%，“好差评”主动评价率达92.4%，未收到差评。"),
        head("二、重点工作推进情况"),
        Event("meeting", (3, 2), ["刘建军", "杨晓红"], text="3月2日，区人民政府副区长刘建军主持召开全区优化营商环境暨政务服务工作推进会，区政务服务和公共资源交易服务中心主任杨晓红就2023年政务服务重点工作作安排部署。"),
        Event("inspection", (3, 9), ["杨晓红", "谢明"], text="3月9日，区政务服务和公共资源交易服务中心主任杨晓红、副主任谢明到平地镇、啊喇彝族乡便民服务中心督导检查“一窗通办”落实情况，现场查看了综合窗口设置和村（社区）代办点运行情况。"),
        Para("区政务服务中心持续推进“川渝通办”“跨省通办”，新增“跨省通办”事项12项，设置“跨省通办”专窗2个，3月共办理跨区域事项64件。"),
        Event("study_trip", (3, 15), ["谢明"], end=(3, 17), text="3月15日至17日，区政务服务和公共资源交易服务中心副主任谢明带领业务骨干赴成都市武侯区、青羊区学习“一件事一次办”和政务服务“好差评”工作经验。"),
        Event("visit", (3, 23), ["龙志华"], text="3月23日，区市场监督管理局局长龙志华到区政务服务中心市场监管窗口调研企业开办“一日办结”工作，并与窗口工作人员座谈。"),
        Para("区政务服务中心深化工程建设项目审批制度改革，推行“容缺受理+承诺制”审批，对符合条件的项目实行“拿地即开工”。3月，全区共办理工程建设项目审批事项37件，平均审批时间压减至28个工作日，较改革前压缩55%以上。"),
        Para("持续推进乡镇（街道）便民服务中心标准化建设。按照“七统一”标准，完成同德镇、布德镇便民服务中心功能分区改造，统一设置综合受理窗口、帮办代办区和自助服务区；各乡镇（街道）公布“就近可办”事项清单，群众在家门口即可办理社保、医保、民政等高频事项87项。"),
        Para("做实“我为群众办实事”。开展“政务服务进园区、进企业、进村社”活动，组织市场监管、税务、人社、医保等部门业务骨干走进仁和区钒钛产业园区，现场为企业提供政策咨询、证照办理等服务，帮助企业解决办事难题9个；在金江镇、前进镇开展“送证上门”服务，为行动不便群众上门办理社保认证、残疾人证等业务23件。"),
        Para("3月28日，区政务服务中心组织开展窗口工作人员业务技能比武，全区14个乡镇（街道）和21个区级部门共56名窗口工作人员参赛。"),
        head("三、存在的问题"),
        *body("（一）部分乡（镇）便民服务中心窗口人员变动频繁，业务不熟悉，一体化平台录入不及时。",
              "（二）村（社区）代办点运行不平衡，太平乡、务本乡、中坝乡代办件数偏少。",
              "（三）个别部门进驻事项“明进暗不进”，存在“两头受理”现象。"),
        head("四、下一步工作"),
        *body("（一）加强窗口人员培训，4月底前完成乡镇（街道）便民服务中心人员轮训。",
              "（二）推进村（社区）代办点标准化建设，完善代办员激励机制。",
              "（三）开展进驻事项“体外循环”专项整治，确保事项应进必进。"),
        Para("附件：1.仁和区乡镇（街道）便民服务中心办件情况统计表", "attach"),
        Para("　　　2.区级部门进驻事项办理情况", "plain"),
        towns, depts,
    ]
    b.entities = {"仁和区": "510411"} | {t: c for towns_ in RENHE_TOWNS.values() for t, c in towns_} | \
                 {d: "510411" for d in RENHE_DEPTS} | {
        # narrative
        "区政务服务中心": "510411", "区人民政府": "510411", "区政务服务和公共资源交易服务中心": "510411",
        "成都市": "510100", "武侯区": "510107", "青羊区": "510105", "区市场监督管理局": "510411"}
    return b



# ------------------------------------------------------------------ 金牛区 2021-11

JINNIU_STREETS = [("西安路街道", "510106024"), ("西华街道", "510106025"), ("荷花池街道", "510106027"),
                  ("驷马桥街道", "510106030"), ("茶店子街道", "510106031"), ("抚琴街道", "510106032"),
                  ("九里堤街道", "510106035"), ("五块石街道", "510106036"), ("营门口街道", "510106038"),
                  ("金泉街道", "510106040"), ("沙河源街道", "510106041"), ("天回镇街道", "510106042"),
                  ("凤凰山街道", "510106043")]
JINNIU_DEPTS = ["金牛区市场监督管理局", "金牛区人力资源和社会保障局", "金牛区住房和城乡建设局", "金牛区卫生健康局",
                "金牛区民政局", "金牛区医疗保障局", "金牛区教育局", "金牛区司法局"]


def jinniu_wide_table(month: int) -> Table:
    """18 columns in 7 pt on a landscape page, two-row header, 合计 on top."""
    r = rng(2021_11_1)
    tree = ["序号", "街道", ("政务服务事项（项）", ["认领", "发布"]), ("办件量（件）", ["受理", "办结", "网上办理"]),
            "网办率", ("“好差评”（次）", ["评价数", "好评", "中评", "差评"]), "好评率",
            ("“一件事一次办”（件）", ["受理", "办结"]), "即办件（件）", "承诺件（件）", "备注"]
    rows = []
    for i, (street, _) in enumerate([("区本级", "")] + JINNIU_STREETS, 1):
        items = r.randint(180, 260) if i > 1 else r.randint(1200, 1500)
        acc = r.randint(800, 4000) * (6 if i == 1 else 1)
        done, online = acc - r.randint(0, acc // 40), int(acc * r.uniform(0.6, 0.95))
        rated = int(done * r.uniform(0.5, 0.9))
        mid, bad = r.randint(0, 4), r.choice([0, 0, 0, 1])
        one = r.randint(0, 60)
        instant = r.randint(done // 3, done // 2)
        rows.append([str(i), street, str(items), str(items - r.randint(0, 6)), str(acc), str(done), str(online),
                     pct(online, acc), str(rated), str(rated - mid - bad), str(mid), str(bad) if bad else "-",
                     pct(rated - mid - bad, rated), str(one), str(one - r.randint(0, one // 10)), str(instant),
                     str(done - instant), r.choice(["", "", "", "", "", "含自助终端"])])
    sums = column_sums(rows, range(2, 17))
    sums[5] = pct(int(sums[4]), int(sums[2]))
    sums[10] = pct(int(sums[7]), int(sums[6]))
    return Table(f"附件1：金牛区各街道政务服务运行情况统计表（{month}月）", tree, [["", "合计"] + sums + [""]] + rows,
                 widths=[0.5, 1.3] + [0.8] * 15 + [1.1], font=SERIF, size=7)


def jinniu_dept_table(month: int) -> Table:
    """三线表 with a two-row grouped header."""
    r = rng(2021_11_2)
    tree = ["序号", "部门", ("本月（件）", ["受理", "办结"]), (f"1—{month}月累计（件）", ["受理", "办结"]), "累计办结率"]
    rows = []
    for i, dept in enumerate(JINNIU_DEPTS, 1):
        acc = r.randint(200, 3000)
        total = acc * month + r.randint(-300, 300)
        tdone = total - r.randint(0, total // 50)
        rows.append([str(i), dept, str(acc), str(acc - r.randint(0, acc // 30)), str(total), str(tdone),
                     pct(tdone, total)])
    return Table(f"附件2：区级部门窗口办件情况（{month}月）", tree, rows, widths=[0.6, 2.8, 1, 1, 1.1, 1.1, 1.2],
                 font=SERIF, size=10.5, borders="three_line", landscape=False)


def jinniu_2021_11() -> Bulletin:
    b = Bulletin("synth-jinniu-2021-11", "金牛区政务服务工作简报（2021年11月）", 2021, 11, SERIF, SERIF, [],
                 footer="di", published=(2021, 12, 6), body_size=12, title_size=18)
    for name, title in (("陈思远", "局长"), ("黄丽", "副局长"), ("宋晓军", "副区长"), ("林雪梅", "副局长"), ("赵刚", "局长")):
        b.person(name, title)
    wide, depts = jinniu_wide_table(11), jinniu_dept_table(11)
    total = wide.rows[0]
    b.blocks = [
        head("一、总体运行情况"),
        Para(f"11月，全区政务服务体系共受理各类政务服务事项{total[4]}件、办结{total[5]}件，其中网上办理{total[6]}件，网办率为{total[7]}；“好差评”系统共收到评价{total[8]}次，好评率为{total[12]}。"),
        Para(f"13个街道便民服务中心共受理{sum(int(x[4]) for x in wide.rows[2:])}件，区政务服务中心受理{wide.rows[1][4]}件。"),
        head("二、工作动态"),
        Event("meeting", (11, 3), ["宋晓军", "陈思远"], text="11月3日，区人民政府副区长宋晓军主持召开全区深化“放管服”改革优化营商环境工作推进会，区行政审批局局长陈思远通报了1—10月全区政务服务工作情况，各街道、区级有关部门分管负责同志参加会议。"),
        Event("inspection", (11, 9), ["黄丽"], end=(11, 10), text="11月9日至10日，区行政审批局副局长黄丽带队到荷花池街道、驷马桥街道、天回镇街道便民服务中心开展政务服务标准化建设专项督查，重点检查事项公示、一次性告知和“好差评”落实情况。"),
        Para("区行政审批局持续深化“一件事一次办”改革，新增“开办餐饮店”“开办便利店”等主题式服务场景6个，11月共办理“一件事”业务518件，平均减少申报材料45%、减少跑动次数3次。"),
        Event("visit", (11, 16), ["赵刚"], text="11月16日，区营商环境建设局局长赵刚到区政务服务中心调研企业开办和工程建设项目审批工作，现场查看“企业开办一窗通”专区运行情况。"),
        Event("other", (11, 18), ["林雪梅"], text="11月18日，区行政审批局副局长林雪梅参加全市政务服务“好差评”工作培训会，并就我区差评整改闭环机制作交流发言。"),
        Para("11月23日，区政务服务中心开展“我为群众办实事”志愿服务活动，组织窗口工作人员走进金泉街道、沙河源街道社区，现场为老年人提供社保认证、医保缴费等帮办服务。"),
        Event("meeting", (11, 26), ["陈思远"], text="11月26日，区行政审批局召开全体干部职工大会，专题学习党的十九届六中全会精神，局长陈思远主持会议并就抓好贯彻落实提出要求。"),
        head("三、存在的问题"),
        *body("一是部分街道网办率偏低，线下办件占比仍较高；二是个别部门“好差评”评价率不高，主动评价引导不够；三是“一件事一次办”场景应用不均衡，部分主题办件量较少。"),
        head("四、下一步工作打算"),
        *body("一是持续推进政务服务事项标准化，12月底前完成区级事项办事指南复核；二是加大网上办、掌上办宣传推广力度，提升网办率；三是强化“好差评”结果运用，对差评件实行限时整改、回访复核；四是拓展“一件事一次办”主题场景，力争年内新增场景10个以上。"),
        Para("附件：1.金牛区各街道政务服务运行情况统计表", "attach"),
        Para("　　　2.区级部门窗口办件情况", "plain"),
        wide, depts,
    ]
    b.entities = {"金牛区": "510106", "区本级": "510106"} | dict(JINNIU_STREETS) | {d: "510106" for d in JINNIU_DEPTS} | {
        # narrative
        "区政务服务中心": "510106", "区人民政府": "510106", "区行政审批局": "510106", "区营商环境建设局": "510106"}
    return b


# ------------------------------------------------------------------ 宜宾市 2020-09

YIBIN_COUNTIES = [("市本级", "511500"), ("翠屏区", "511502"), ("南溪区", "511503"), ("叙州区", "511504"),
                  ("江安县", "511523"), ("长宁县", "511524"), ("高县", "511525"), ("珙县", "511526"),
                  ("筠连县", "511527"), ("兴文县", "511528"), ("屏山县", "511529")]
YIBIN_DEPTS = ["宜宾市发展和改革委员会", "宜宾市经济和信息化局", "宜宾市公安局", "宜宾市民政局",
               "宜宾市人力资源和社会保障局", "宜宾市自然资源和规划局", "宜宾市住房和城乡建设局", "宜宾市交通运输局",
               "宜宾市农业农村局", "宜宾市文化广播电视和旅游局", "宜宾市卫生健康委员会", "宜宾市市场监督管理局",
               "宜宾市医疗保障局", "宜宾市退役军人事务局"]


def yibin_counties_table(month: int) -> Table:
    """No borders, two-row grouped header, 合计 at the bottom."""
    r = rng(2020_09_1)
    tree = ["县（区）", ("行政许可（件）", ["受理", "办结"]), ("公共服务（件）", ["受理", "办结"]), "办结率"]
    rows = []
    for county, _ in YIBIN_COUNTIES:
        a, p = r.randint(300, 4000), r.randint(2000, 30000)
        da, dp = a - r.randint(0, a // 25), p - r.randint(0, p // 40)
        rows.append([county, str(a), str(da), str(p), str(dp), pct(da + dp, a + p)])
    sums = column_sums(rows, range(1, 5))
    rows.append(["合计", *sums, pct(int(sums[1]) + int(sums[3]), int(sums[0]) + int(sums[2]))])
    return Table(f"附件1：各县（区）政务服务中心办件情况统计（{month}月）", tree, rows,
                 widths=[1.4, 1, 1, 1, 1, 1], font=KAI, size=11, borders="none", landscape=False)


def yibin_dept_table(month: int) -> Table:
    """Grid, landscape, long department names wrapping, '-' and empty cells, 合计 on top."""
    r = rng(2020_09_2)
    tree = ["序号", "部门", ("“一件事一次办”事项（项）", ["应梳理", "已梳理", "已公布"]),
            ("办件情况（件）", ["受理", "办结"]), "减少材料比例", "压缩时限比例", "备注"]
    rows = []
    for i, dept in enumerate(YIBIN_DEPTS, 1):
        due = r.randint(2, 14)
        done = due - r.choice([0, 0, 1, 2])
        pub = done - r.choice([0, 0, 1])
        acc = r.choice([0, 1, 1]) * r.randint(5, 400)
        if acc:
            rows.append([str(i), dept, str(due), str(done), str(pub), str(acc), str(acc - r.randint(0, acc // 20)),
                         f"{r.randint(20, 60)}%", f"{r.randint(30, 80)}%", r.choice(["", "", "", "含川渝通办事项"])])
        else:
            rows.append([str(i), dept, str(due), str(done), str(pub), "-", "-", "", "", "暂无办件"])
    sums = column_sums(rows, range(2, 7))
    return Table(f"附件2：市级部门“一件事一次办”事项梳理情况表（{month}月）", tree, [["", "合计", *sums, "", "", ""]] + rows,
                 widths=[0.5, 1.3, 0.9, 0.9, 0.9, 0.9, 0.9, 1, 1, 1.6], font=KAI, size=10.5)


def yibin_2020_09() -> Bulletin:
    b = Bulletin("synth-yibin-2020-09", "宜宾市政务服务工作简报（2020年9月）", 2020, 9, KAI, KAI, [],
                 published=(2020, 10, 9), body_size=14, title_size=20)
    for name, title in (("何永刚", "主任"), ("郑晓燕", "副主任"), ("罗成林", "副市长"), ("钟华", "副主任"), ("王丽君", "局长")):
        b.person(name, title)
    counties, depts = yibin_counties_table(9), yibin_dept_table(9)
    tot = counties.rows[-1]
    b.blocks = [
        head("一、全市政务服务运行情况"),
        Para(f"9月，全市各级政务服务中心受理行政许可事项{tot[1]}件、办结{tot[2]}件，受理公共服务事项{tot[3]}件、办结{tot[4]}件，办结率为{tot[5]}。其中市本级受理{int(counties.rows[0][1]) + int(counties.rows[0][3])}件。"),
        head("二、工作动态"),
        Event("meeting", (9, 4), ["罗成林", "何永刚"], text="9月4日，市人民政府副市长罗成林主持召开全市深化“放管服”改革工作推进会，市政务服务和公共资源交易服务中心主任何永刚汇报了“一件事一次办”改革推进情况。"),
        Event("inspection", (9, 10), ["郑晓燕"], end=(9, 11), text="9月10日至11日，市政务服务和公共资源交易服务中心副主任郑晓燕带队到珙县、筠连县督导乡镇便民服务中心规范化建设工作。"),
        Para("市政务服务中心推行“周末不打烊”服务，在不动产登记、社保、医保等窗口安排工作人员周六轮值，9月共为群众办理业务1260件。"),
        Event("visit", (9, 17), ["王丽君"], text="9月17日，市医疗保障局局长王丽君到市政务服务中心医保窗口调研异地就医直接结算工作，要求进一步简化备案手续。"),
        Event("study_trip", (9, 22), ["钟华"], end=(9, 24), text="9月22日至24日，市政务服务和公共资源交易服务中心副主任钟华带队赴浙江省衢州市学习“最多跑一次”改革经验。"),
        head("三、下一步工作"),
        *body("一是加快“一件事一次办”事项梳理公布，10月底前完成市级部门全部事项梳理；二是推进乡镇便民服务中心规范化建设，开展交叉检查；三是做好国庆期间政务服务保障工作。"),
        Para("附件：1.各县（区）政务服务中心办件情况统计", "attach"),
        Para("　　　2.市级部门“一件事一次办”事项梳理情况表", "plain"),
        *distribution(b, [("罗成林", "副市长")], "市委办，市政府办，市委督查室，市政府督查室",
                      "各县（区）政务服务中心，市级各进驻部门"),
        counties, depts,
    ]
    b.entities = {"宜宾市": "511500"} | dict(YIBIN_COUNTIES) | {d: "511500" for d in YIBIN_DEPTS} | {
        # narrative and 送 line
        "市人民政府": "511500", "市政务服务和公共资源交易服务中心": "511500", "市政务服务中心": "511500",
        "市医疗保障局": "511500", "浙江省": "330000", "衢州市": "330800", "市委办": "511500",
        "市政府办": "511500", "市委督查室": "511500", "市政府督查室": "511500"}
    return b



# ------------------------------------------------------------------ 汶川县 2020-10

WENCHUAN_TOWNS = [("威州镇", "513221100"), ("绵虒镇", "513221109"), ("映秀镇", "513221102"), ("漩口镇", "513221106"),
                  ("水磨镇", "513221105"), ("三江镇", "513221107"), ("卧龙镇", "513221103"), ("耿达镇", "513221108"),
                  ("灞州镇", "513221111")]
SERVICE_KINDS = ["社会保障", "民政救助", "农业农村", "户籍证照"]


def wenchuan_towns_table(month: int) -> Table:
    """Three-level header, 乡镇 merged over its four rows, header repeated on the next page."""
    r = rng(2020_10)
    tree = ["序号", "乡镇", "服务类别", ("办件量（件）", [("便民服务中心", ["受理", "办结"]), ("村（社区）代办点", ["代办", "办结"])]),
            "办结率", "备注"]
    rows = []
    for i, (town, _) in enumerate(WENCHUAN_TOWNS, 1):
        for kind in SERVICE_KINDS:
            acc, proxy = r.randint(3, 260), r.choice([0, r.randint(1, 40)])
            done, pdone = acc - r.randint(0, acc // 15), proxy - r.randint(0, proxy // 10)
            rows.append([str(i), town, kind, str(acc), str(done), str(proxy) if proxy else "", str(pdone) if proxy else "",
                         pct(done + pdone, acc + proxy), ""])
    sums = column_sums(rows, range(3, 7))
    rows.append(["合计", "合计", "合计", *sums, pct(int(sums[1]) + int(sums[3]), int(sums[0]) + int(sums[2])), ""])
    t = Table(f"附件：汶川县乡镇便民服务中心办件情况统计表（{month}月）", tree, rows,
              merges=[(len(rows) - 1, 0, len(rows) - 1, 2)], widths=[0.6, 1.2, 1.3, 1, 1, 1, 1, 1, 1.4],
              font=SANS, size=9.5, repeat_header=True, cant_split=True)
    t.group_merges(0)
    t.group_merges(1)
    return t


def wenchuan_2020_10() -> Bulletin:
    b = Bulletin("synth-wenchuan-2020-10", "汶川县政务服务工作简报（10月）", 2020, 10, SERIF, KAI, [],
                 footer="dash", published=(2020, 11, 5), body_size=12, title_size=18)
    for name, title in (("王春燕", "主任"), ("杨波", "副主任"), ("余德明", "副县长"), ("马建华", "局长")):
        b.person(name, title)
    towns = wenchuan_towns_table(10)
    tot = towns.rows[-1]
    b.blocks = [
        head("一、全县政务服务运行情况"),
        Para(f"10月，全县9个乡镇便民服务中心受理各类服务事项{tot[3]}件、办结{tot[4]}件，村（社区）代办点代办{tot[5]}件，综合办结率为{tot[7]}。"),
        Para("县政务服务中心各进驻窗口受理各类行政审批和公共服务事项6214件、办结6187件，办结率为99.57%，群众满意率100%。"),
        head("二、工作动态"),
        Event("meeting", (10, 9), ["余德明", "王春燕"], text="10月9日，县人民政府副县长余德明主持召开全县政务服务“好差评”工作推进会，县政务服务中心主任王春燕通报了1—9月全县“好差评”工作开展情况。"),
        Event("inspection", (10, 13), ["杨波"], end=(10, 15), text="10月13日至15日，县政务服务中心副主任杨波带队到映秀镇、漩口镇、水磨镇、三江镇便民服务中心督导检查事项进驻、代办点运行和一体化平台使用情况。"),
        Para("县政务服务中心推行“延时服务+预约服务”，在工作日午间和周六上午为群众办理社保、不动产登记等高频事项，10月共提供延时服务146件、预约服务38件。"),
        Event("visit", (10, 21), ["马建华"], text="10月21日，县市场监督管理局局长马建华到县政务服务中心市场监管窗口调研企业开办和食品经营许可办理情况。"),
        Event("study_trip", (10, 27), ["王春燕", "杨波"], end=(10, 28), text="10月27日至28日，县政务服务中心主任王春燕、副主任杨波率各乡镇便民服务中心负责人赴都江堰市学习乡镇便民服务中心标准化建设经验。"),
        head("三、下一步工作"),
        *body("一是持续推进乡镇便民服务中心标准化建设，统一窗口设置和事项公示；二是加强村（社区）代办员培训，提高代办服务质量；三是做好冬春季高频事项服务保障。"),
        Para("附件：汶川县乡镇便民服务中心办件情况统计表", "attach"),
        *distribution(b, [("何春林", "书记"), ("余德明", "副县长")], "县委办，县政府办，县委目标绩效办",
                      "各乡镇便民服务中心，县政务服务中心各窗口"),
        towns,
    ]
    b.entities = {"汶川县": "513221", "都江堰市": "510181"} | dict(WENCHUAN_TOWNS) | {
        # narrative and 送/发 lines
        "县政务服务中心": "513221", "县人民政府": "513221", "县市场监督管理局": "513221",
        "县委办": "513221", "县政府办": "513221", "县委目标绩效办": "513221"}
    return b


BUILDERS = [renhe_2023_03, jinniu_2021_11, yibin_2020_09, wenchuan_2020_10]
