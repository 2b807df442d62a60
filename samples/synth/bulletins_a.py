"""Synthetic bulletins 1-3: 阿坝州 2019-08, 涪城区 2017-09, 遂宁市 2022-06.

People, events and figures are invented; place and department names are real
(codes from shared/gazetteer/modood, the edition of the bulletin's year).
"""
from __future__ import annotations

from .helpers import KAI, SANS, SERIF, body, column_sums, distribution, head, pct, person_names, rng, visits_paragraph
from .model import Bulletin, Event, Para, Table

ABA_REGIONS = ["州本级", "汶川县", "理县", "茂县", "松潘县", "九寨沟县", "金川县", "小金县",
               "黑水县", "马尔康市", "壤塘县", "阿坝县", "若尔盖县", "红原县"]
ABA_CODES = {"州本级": "513200", "阿坝州": "513200", "马尔康市": "513201", "汶川县": "513221",
             "理县": "513222", "茂县": "513223", "松潘县": "513224", "九寨沟县": "513225",
             "金川县": "513226", "小金县": "513227", "黑水县": "513228", "壤塘县": "513230",
             "阿坝县": "513231", "若尔盖县": "513232", "红原县": "513233"}


# ------------------------------------------------------------------ 阿坝州 2019-08

def aba_projects_table(month: int) -> Table:
    """Three-level header; 序号/地区 span three rows; 合计 row on top spanning 序号+地区."""
    r = rng(2019_08_1)
    tree = ["序号", "地区", "总计项目数量", "未附码项目数",
            ("已附码项目", [("合计", ["项目数量", "总投资（万元）", "投资占比"]),
                        ("审批类项目", ["项目数量", "总投资（万元）"]),
                        ("核准类项目", ["项目数量", "总投资（万元）"]),
                        ("备案类项目", ["项目数量", "总投资（万元）"])])]
    raw = []
    for region in ABA_REGIONS:
        sp, ap, rp = r.randint(0, 40), r.choice([0, 0, 0, 1, 2]), r.randint(0, 8)
        si, ai, ri = sp * r.randint(80, 400), ap * r.randint(900, 2500), rp * r.randint(300, 1800)
        raw.append([region, r.choice([0, 0, 0, 1, 2]), sp, si, ap, ai, rp, ri])
    raw[2] = ["理县", 3, 0, 0, 0, 0, 0, 0]          # only unattached projects: the rest is blank
    raw[4] = ["松潘县", None, 0, 0, 0, 0, 0, 0]      # nothing reported at all
    total_inv = sum(x[3] + x[5] + x[7] for x in raw)
    rows = []
    for i, (region, un, sp, si, ap, ai, rp, ri) in enumerate(raw, 1):
        n, inv = sp + ap + rp, si + ai + ri
        if un is None:
            rows.append([str(i), region] + [""] * 11)
        elif n == 0:
            rows.append([str(i), region, str(un), str(un)] + [""] * 9)
        else:
            rows.append([str(i), region, str(n + un), str(un) if un else "", str(n), str(inv),
                         pct(inv, total_inv, 3), str(sp), str(si), str(ap) if region != "壤塘县" else "-",
                         str(ai) if region != "壤塘县" else "-", str(rp), str(ri)])
    sums = column_sums(rows, range(2, 13))
    sums[4] = "100%"
    t = Table(f"附件1：投资项目在线审批监管平台统计详表（{month}月）", tree,
              [["合计", "合计"] + sums] + rows, merges=[(0, 0, 0, 1)],
              widths=[0.6, 1.1] + [1] * 11, font=SANS, size=8, blank_glyph="　")
    return t


def aba_cases_table(month: int) -> Table:
    """Two-row header; 合计 at the bottom; follows table 1 on the same page and runs over."""
    r = rng(2019_08_2)
    tree = ["序号", "地区", ("行政许可", ["受理数", "办结数"]),
            ("行政权力（除行政许可）", ["受理数", "办结数"]), ("公共服务", ["受理数", "办结数"]), "办结率"]
    rows = []
    for i, region in enumerate(ABA_REGIONS, 1):
        vals = []
        for lo, hi in ((20, 1300), (2, 2400), (3, 25000)):
            a = r.randint(lo, hi)
            vals += [str(a), str(a - r.randint(0, a // 20))]
        acc, done = sum(map(int, vals[0::2])), sum(map(int, vals[1::2]))
        rows.append([str(i), region] + vals + [pct(done, acc)])
    sums = column_sums(rows, range(2, 8))
    rows.append(["", "合计"] + sums + [pct(sum(map(int, sums[1::2])), sum(map(int, sums[0::2])))])
    return Table(f"附件2：四川省一体化政务服务平台办件量数据统计（{month}月）", tree, rows,
                 widths=[0.6, 1.2] + [1] * 7, font=SANS, size=10, new_page=False)


def aba_2019_08() -> Bulletin:
    b = Bulletin("synth-aba-2019-08", "阿坝州政务服务工作简报（8月）", 2019, 8, KAI, KAI, [],
                 running_head="阿坝州政务服务中心　　　　　　　　　　　　　　　　　　　　　2019年第8期",
                 published=(2019, 9, 6))
    p = b.person
    p("罗晓燕", "主任"), p("何建平", "副主任"), p("张国栋", "副书记"), p("泽郎多吉", "书记")
    p("周文斌", "主任"), p("马丽", "副主任"), p("王志刚", "副局长"), p("黄文清", "调研员"), p("李晓东", "局长")
    b.blocks = [
        Para("全州政务服务中心工作情况", "plain"),
        head("●全州政务服务工作完成情况"),
        *body("8月，州直各部门及各县（市）政务服务中心在一体化政务服务平台受理各类行政审批和公共服务事项98652件、办结97310件，办结率为98.64%，较上月增加了4.2%。其中州本级受理3862件，办结3790件；各县（市）受理94790件，办结93520件。",
              "全州乡（镇）便民服务中心共受理各类服务事项39418件、办结39206件。"),
        head("●全州并联审批工作情况"),
        *body("8月，全州共完成162个并联审批项目，完成投资额9.87亿元。其中，州本级完成12个并联审批项目，完成投资额1.06亿元。"),
        head("●州本级政务服务中心工作动态"),
        Event("study_trip", (7, 29), ["罗晓燕", "何建平"], end=(8, 2), text="7月29日-8月2日，州人民政府组织全州政务服务系统赴成都市、德阳市学习考察“一网通办”及“最多跑一次”改革经验，州政务服务中心主任罗晓燕、副主任何建平，全州13个县（市）政务服务中心主任参加学习考察。"),
        Event("inspection", (8, 6), ["罗晓燕"], text="8月6日，州政务服务中心主任罗晓燕率工作组到茂县、松潘县就乡（镇）便民服务中心标准化建设开展督导检查，并实地查看乡（镇）便民服务中心窗口设置和事项公示情况。"),
        Event("meeting", (8, 12), ["罗晓燕", "何建平"], text="8月12日，州政务服务中心召开2019年上半年工作总结暨下半年工作推进会，中心主任罗晓燕主持会议并讲话，副主任何建平通报了上半年窗口考核情况。"),
        Para("州政务服务中心坚持以群众需求为导向，自8月1日起在不动产登记、公积金提取等窗口推行“午间不断档”服务，实行工作人员轮流值守，群众午休时间也能办事。"),
        Event("visit", (8, 15), ["张国栋"], text="8月15日，州直机关工委副书记张国栋带队到州政务服务中心开展“主题党日”活动，并实地调研指导中心机关党建工作。"),
        Para("8月20日，州政务服务中心临时党总支组织召开全体党员大会，专题学习《中国共产党支部工作条例（试行）》。"),
        Event("inspection", (8, 21), ["何建平"], end=(8, 22), text="8月21日至22日，州政务服务中心副主任何建平带队赴九寨沟县、若尔盖县开展政务服务“好差评”制度落实情况督查。"),
        Event("meeting", (8, 23), ["罗晓燕", "泽郎多吉"], text="8月23日，州政务服务中心召开全体干部职工大会，传达学习州委十一届九次全会精神，全面学习领会州委书记泽郎多吉的重要讲话精神。中心主任罗晓燕主持会议，并就贯彻落实会议精神作安排部署。"),
        head("●部门领导进大厅情况"),
        Event("visit", (8, 26), ["周文斌", "马丽"], text="8月26日，州住房公积金管理中心党组书记、主任周文斌，副主任马丽到政务中心公积金窗口检查指导工作。"),
        Event("visit", (8, 27), ["王志刚"], text="8月27日，州公安局党委委员、副局长王志刚到公安窗口检查出入境业务办理工作。"),
        Event("visit", (8, 28), ["黄文清"], text="8月28日，州市场监管局调研员黄文清到市场监管局窗口调研企业开办“一窗通办”运行情况。"),
        Event("visit", (8, 30), ["李晓东"], text="8月30日，州医保局局长李晓东到医保窗口调研指导异地就医备案工作，并与窗口工作人员座谈交流。"),
        head("●县（市）政务服务中心"),
        *body("8月14日，金川县政务服务中心组织人员到小金县政务服务中心开展交流学习，两地围绕“一窗分类受理”改革、乡（镇）便民服务中心标准化建设等工作开展座谈交流。",
              "8月，红原县政务服务中心结合省、州相关工作要求，召开专题会议部署“最多跑一次”改革工作。一是对“马上办、网上办、就近办、一次办”四办清单再次梳理；二是梳理下放乡（镇）便民服务中心可办事项；三是督促各部门限期完成一体化平台事项认领和录入工作。",
              "8月，若尔盖县各乡（镇）便民服务中心窗口工作人员参加了县政府组织的藏汉“双语”服务能力培训，进一步提升了窗口服务质量。"),
        Para("附件：1.投资项目在线审批监管平台统计详表", "attach"),
        Para("　　　2.四川省一体化政务服务平台办件量数据统计", "plain"),
        *distribution(b, [("泽郎多吉", "书记"), ("杨建华", "州长"), ("陈光明", "秘书长"), ("赵敏", "副秘书长")],
                      "州纪委监委，州委办，州政府办，州政管办，各窗口单位", "各县（市）政务服务中心，中心各窗口、各科室"),
        aba_projects_table(8),
        aba_cases_table(8),
    ]
    b.entities = dict(ABA_CODES)
    return b



# ------------------------------------------------------------------ 涪城区 2017-09

FUCHENG_DEPTS = [  # (name as printed, yearly task); pre-2019-reform names
    ("涪城区交通运输局", 3000), ("涪城区食品药品和工商质监管理局", 4000), ("涪城区地税局", 30000),
    ("涪城区公安分局", 50000), ("涪城区住房和城乡建设局", 6000), ("涪城区环境保护局", 100),
    ("涪城区发展和改革局", 20), ("涪城区司法局", 10), ("涪城区文化广电新闻出版局", 20),
    ("涪城区卫生和计划生育局", 20000), ("绵阳市涪城区水务局", 20), ("涪城区林业局", 10),
    ("涪城区农业局", 20000), ("涪城区民政局", 40000), ("涪城区工业和信息化局", 1),
    ("涪城区民族宗教事务局", 5), ("涪城区商务旅游局", 20), ("涪城区档案局", 20),
    ("涪城区财政局", 20), ("涪城区教育和体育局", 10000), ("涪城区安全生产监督管理局", 10),
    ("涪城区科学技术和知识产权局", 10), ("涪城区残疾人联合会", 20),
    ("涪城区人力资源和社会保障局", 50000), ("涪城区审计局", 1), ("涪城区统计局", 1),
    ("涪城区国家税务局", 10000), ("涪城区公共资源交易服务中心", 100),
]


SPLIT_SPACE = 0  # pt above the title: tuned so that a wrapped row straddles the page break


def fucheng_table(month: int) -> Table:
    """Long names wrap in a narrow first column; runs over a page break with no
    repeated header, and a wrapped row is split by the page boundary."""
    r = rng(2017_09)
    tree = ["部门", "年任务数（暂定）（件）", ("行政许可（件）", ["受理", "办结"]),
            ("行政权力（除行政许可）（件）", ["受理", "办结"]), ("公共服务（件）", ["受理", "办结"]),
            (f"1—{month}月完成任务数（件）", ["受理", "办结"])]
    rows = []
    for name, task in FUCHENG_DEPTS:
        vals = []
        for scale in (0.02, 0.01, 0.004):
            a = r.choice([0, 0, r.randint(0, max(1, int(task * scale)))])
            vals += [str(a), str(a - r.randint(0, a // 10))]
        acc = sum(map(int, vals[0::2])) * month + r.randint(0, 40) * (task > 100)
        rows.append([name, str(task)] + vals + [str(acc), str(acc - r.randint(0, acc // 15))])
    rows.append(["合计"] + column_sums(rows, range(1, 10)))
    return Table(f"附件：涪城区各部门省一体化政务服务平台运行情况统计表（{month}月）", tree, rows,
                 widths=[1.05] + [1] * 9, font=SERIF, size=8, space_before=SPLIT_SPACE,
                 note="注：1.任务数为2017年区级部门目标责任书确定的行权平台办件数。2.国土涪城分局、涪城规划分局统一由市级部门认领，在市级平台录入办件。")


def fucheng_2017_09() -> Bulletin:
    b = Bulletin("synth-fucheng-2017-09", "关于2017年9月份省一体化政务服务平台运行情况的通报",
                 2017, 9, SANS, SANS, [], footer="dash", published=(2017, 10, 11))
    b.person("陈玉兰", "主任"), b.person("刘明", "副区长"), b.person("吴海涛", "副主任")
    b.blocks = [
        Para("现将我区2017年9月份省一体化政务服务平台运行情况通报如下：", "body"),
        head("一、平台运行情况"),
        *body("截止目前，我区共认领并审核通过行政许可事项598项、行政权力（除行政许可）事项5187项、公共服务事项506项。",
              "9月份，我区省一体化政务服务平台行政许可受理1265件，办结1251件；行政权力（除行政许可）受理917件，办结903件；公共服务受理35件，办结31件。",
              "区农业局、区食药工质局、区卫计局、区人社局、区公安分局录入办件较好。",
              "9月份行政许可、行政权力（除行政许可）、公共服务办件均为0的部门有9个：区发改局、区司法局、区文广新局、区工信局、区民宗局、区档案局、区财政局、区审计局、区统计局。"),
        head("二、工作推进情况"),
        Event("inspection", (9, 12), ["陈玉兰"], text="9月12日，区政务服务中心主任陈玉兰率督查组到区住房和城乡建设局、区卫生和计划生育局督查一体化平台办件录入情况，现场查看了部门窗口办件登记台账，并就线上线下数据不一致问题提出整改要求。"),
        Event("meeting", (9, 20), ["刘明", "陈玉兰"], text="9月20日，区人民政府副区长刘明主持召开全区一体化政务服务平台推进会，区政务服务中心主任陈玉兰通报了各部门平台运行情况，28个区级部门分管领导和一体化工作联络员参加会议。"),
        Event("study_trip", (9, 25), ["吴海涛"], end=(9, 26), text="9月25日至26日，区政务服务中心副主任吴海涛带领业务骨干赴市政务服务中心学习一体化平台电子证照应用经验，并就证照导入、流程配置等问题进行了交流。"),
        head("三、存在的主要问题"),
        *body("（一）区级部门行政许可办件应全部录入，但实际录入数较少。对照2016年全年办件量11万余件，月均超9000件，实际录入不足1500件，应录入数不足20%。",
              "（二）有些部门证照收集不齐，证照未导入，录入办件时在制证环节无法进入下一步骤，导致办件录入无法完成。",
              "（三）有些部门流程配置不规范，录入办件进行到某个环节却找不到该环节办件运行人员，办件录入无法顺利结束。"),
        head("四、下一步工作要求"),
        *body("（一）各部门要建立完善一体化工作组织机构，落实分管领导，确定部门管理员、实施清单管理人员、运行办件人员和部门监察员，并报送区政务服务中心备案。",
              "（二）各相关单位要加快电子证照的整理录入工作，在今年11月底前完成所有电子证照的录入，确保有制证环节的行政许可事项能在一体化政务服务平台受理办理。",
              "（三）所有行政许可、行政权力（除行政许可）办件和公共服务办件，一律在省一体化政务服务平台上网运行，行政许可办件按实际办件量录入，并尽量按月均衡录入。",
              "（四）将部门一体化政务服务平台运行情况纳入年度目标绩效考核。区政务服务中心坚持每日巡查平台运行情况，实行周通报、月通报，对工作推进不力、平台运行办件为零的部门实行重点督查，并限期整改。"),
        Para("附件：涪城区各部门省一体化政务服务平台运行情况统计表", "attach"),
        Para("涪城区人民政府政务服务中心", "right"),
        Para("2017年10月11日", "right"),
        fucheng_table(9),
    ]
    b.entities = {"涪城区": "510703"} | {n: "510703" for n, _ in FUCHENG_DEPTS}
    return b



# ------------------------------------------------------------------ 遂宁市 2022-06

SUINING_DEPTS = ["市发展改革委", "市经济和信息化局", "市公安局", "市民政局", "市司法局", "市人力资源社会保障局",
                 "市自然资源和规划局", "市生态环境局", "市住房和城乡建设局", "市交通运输局", "市水利局",
                 "市农业农村局", "市文化广电旅游局", "市卫生健康委", "市应急局", "市市场监管局", "市林业局", "市气象局"]


def suining_cases_table(month: int) -> Table:
    """三线表: only top/bottom rules and a rule under the one-row header."""
    r = rng(2022_06_1)
    rows = []
    for i, dept in enumerate(SUINING_DEPTS, 1):
        acc = r.choice([r.randint(0, 60), r.randint(100, 900), r.randint(1000, 9000)])
        acc = 0 if dept == "市气象局" else acc          # no cases: 办结率 printed as "-"
        done = acc - r.randint(0, acc // 8)
        rows.append([str(i), dept, str(acc), str(done), pct(done, acc) if acc else "-"])
    sums = column_sums(rows, range(2, 4))
    rows.append(["", "合计"] + sums + [pct(int(sums[1]), int(sums[0]))])
    return Table(f"附件1：一体化政务服务平台系统业务数据统计表（{month}月）", ["序号", "部门", "受理（件）", "办结（件）", "办结率"],
                 rows, unit="单位：件", widths=[0.6, 2.2, 1.2, 1.2, 1.0], font=SERIF, size=10.5,
                 borders="three_line", landscape=False, header_bold=True)


def suining_attendance_table(month: int) -> Table:
    """Grid, two-row header repeated on every page; 部门 merged over its staff rows."""
    r = rng(2022_06_2)
    tree = ["序号", "部门", "姓名", ("请假（人次）", ["事假", "病假", "年休假", "调休假"]),
            ("考勤（人次）", ["迟到", "未打卡"]), "备注"]
    rows, n = [], 0
    for dept in SUINING_DEPTS + ["市政务服务和大数据局", "市住房公积金管理中心", "市不动产登记中心"]:
        for name in person_names(r, r.randint(2, 4)):
            n += 1
            cells = [str(r.choice([0, 0, 0, 1, 1, 2, 3])) for _ in range(4)] + \
                    [str(r.choice([0] * 12 + [1])) for _ in range(2)]
            note = r.choice([""] * 12 + ["产假", "借调", "新进人员"])
            rows.append([str(n), dept, name] + [c if c != "0" else "" for c in cells] + [note])
    t = Table(f"附件2：窗口工作人员考勤情况明细（{month}月）", tree, rows,
              widths=[0.6, 2.4, 1.1, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 1.1], font=SERIF, size=9,
              landscape=False, repeat_header=True, cant_split=True)
    t.group_merges(1)
    return t


def suining_2022_06() -> Bulletin:
    b = Bulletin("synth-suining-2022-06", "遂宁市政务服务工作简报（2022年6月）", 2022, 6, SERIF, SERIF, [],
                 footer="di", published=(2022, 7, 8))
    b.person("张志明", "局长"), b.person("李红梅", "副局长"), b.person("王建国", "副市长"), b.person("周斌", "副局长")
    cases, attendance = suining_cases_table(6), suining_attendance_table(6)
    acc, done = cases.rows[-1][2], cases.rows[-1][3]
    late = sum(int(x[7] or 0) for x in attendance.rows)
    missed = sum(int(x[8] or 0) for x in attendance.rows)
    leave = sum(int(c or 0) for x in attendance.rows for c in x[3:7])
    visits = [("市交通运输局", "副局长", "刘志强", 1), ("市应急局", "副局长", "邓海燕", 1),
              ("市文化广电旅游局", "副局长", "胡志远", 1), ("市气象局", "副局长", "蒋玉林", 1),
              ("市市场监管局", "副局长", "朱晓丹", 2), ("市水利局", "副局长", "曾庆华", 1),
              ("市生态环境局", "副局长", "冯晓东", 1), ("市住房和城乡建设局", "副局长", "唐文静", 2),
              ("市经济和信息化局", "副局长", "蔡永东", 1), ("船山区税务局", "副局长", "彭俊", 1),
              ("市林业局", "总工", "易长青", 1), ("市发展改革委", "副主任", "孙丽萍", 1),
              ("市人防办", "副主任", "郭永红", 1)]
    total = sum(v[3] for v in visits)
    b.blocks = [
        head("一、工作动态"),
        Event("meeting", (6, 8), ["张志明"], text="6月8日，市政务服务和大数据局党组书记、局长张志明主持召开全市“一网通办”能力提升工作推进会，通报了5月全市政务服务事项网上可办率、全程网办率等指标完成情况，分析存在的问题和不足，并对下一步重点工作进行了安排部署。会议要求，各县（市、区）、市直各部门要提高站位、压实责任，确保年底前政务服务事项全程网办率达到80%以上。"),
        Para("船山区行政审批局深化“一窗受理、集成服务”改革。按照“前台综合受理、后台分类审批、综合窗口出件”的模式，将不动产登记、社保医保、公积金等高频事项纳入综合窗口，群众办事由“跑多窗”变为“跑一窗”。截至目前，综合窗口累计受理办件2.3万余件，群众满意率达99.8%。"),
        Event("inspection", (6, 15), ["李红梅"], end=(6, 16), text="6月15日至16日，市政务服务和大数据局副局长李红梅带队到射洪市、大英县调研乡镇便民服务中心标准化建设情况，实地查看了太和街道、蓬莱镇便民服务中心窗口设置、事项公示和代办服务开展情况。"),
        Para("蓬溪县行政审批局推进“一件事一次办”改革。梳理公布“一件事一次办”事项86项，编制标准化办事指南，实行一次告知、一次提交、一次办好，平均减少申请材料40%、压缩办理时限60%以上。"),
        Event("visit", (6, 22), ["王建国"], text="6月22日，市人民政府副市长王建国到市民中心调研政务服务工作，详细了解“川渝通办”专窗运行、企业开办“一日办结”等情况，并看望慰问窗口工作人员。"),
        Event("study_trip", (6, 28), ["周斌"], text="6月28日，市政务服务和大数据局副局长周斌带队赴成都市天府新区学习考察政务服务“一网通办”和“一件事一次办”改革经验。"),
        Para("安居区开展“我为群众办实事”政务服务进园区活动。组织市场监管、税务、人社等部门业务骨干走进安居经济开发区，现场为企业提供政策咨询、证照办理等服务，共解决企业办事难题17个。"),
        head("二、部门调研"),
        visits_paragraph(b, f"2022年6月，市直有关部门领导到市政务大厅窗口调研共{total}人次。", visits),
        head("三、信息报送情况"),
        Para("市市场监管局、市住房和城乡建设局各上报1条。"),
        head("四、考勤考核"),
        Para("（一）请假统计", "subheading"),
        Para(f"2022年6月，窗口工作人员请假共计{leave}人次，其中事假、病假、年休假、调休假情况详见附件2。"),
        Para("（二）打卡考勤统计", "subheading"),
        Para(f"2022年6月，依据“遂宁市互联网+政务服务平台”APP统计，迟到{late}人次；未打卡{missed}人次。（详见附件2）"),
        head("五、效能监察"),
        Para(f"据“一体化政务服务平台”统计，2022年6月市政务大厅窗口受理各类行政审批和公共服务事项{acc}件，办结{done}件（详见附件1）。"),
        Para("附件：1.一体化政务服务平台系统业务数据统计表", "attach"),
        Para("　　　2.窗口工作人员考勤情况明细", "plain"),
        cases, attendance,
    ]
    b.entities = {"遂宁市": "510900", "船山区": "510903", "安居区": "510904", "蓬溪县": "510921",
                  "射洪市": "510981", "大英县": "510923"} | {d: "510900" for d in SUINING_DEPTS}
    return b


BUILDERS = [aba_2019_08, fucheng_2017_09, suining_2022_06]
