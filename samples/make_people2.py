#!/usr/bin/env python3
"""Build samples/people2/: four blind test documents for named officials (人名 + 职务) in narrative.

    .venv/bin/python samples/make_people2.py           # all four: .pdf + .label.json
    .venv/bin/python samples/make_people2.py NAME ...  # only these (stem or a part of it)
    .venv/bin/python samples/make_people2.py --check   # labels and checks only, nothing written

Four synthetic bulletins, narrative only (no table), each with 15 or 16 invented
officials named in the ways real bulletins name them: a title chain before the name
(`县委副书记、县长粟春华`), an organisation before the title (`县行政审批服务局局长佘立新`),
the name before the title (`县行政审批服务局李娟副局长`), one title shared by a list
(`副市长丘国华、司徒燕`), leaders listed without a title after they were introduced
(`县领导粟春华、王志刚、滕艳出席会议`), `一行`, `陪同`, `带队`:

1. people2-shimen-zhengwu-2024-05 (湖南 常德市 石门县) 政务服务工作简报, 2024年5月.
2. people2-lishui-dongtai-2023-Q3 (浙江 丽水市) 政务服务工作动态, 2023年第三季度.
3. people2-shufu-renshe-2024-H1 (新疆 喀什地区 疏附县) 人社局 上半年工作简报, with
   Uyghur names written with a middle dot (艾尔肯·吐尔逊).
4. people2-xingning-tongji-2024-01-04 (广东 梅州市 兴宁市) 统计信息, 2024年1—4月.

Traps that are not people: a title followed by an ordinary word whose first character
is also a surname (`局长向与会人员`, `潘建华应邀`, `局长应邀`, `局长高度肯定`, `中心主任宣读`),
places and names of organisations opening with a surname character (易家渡镇, 常德市,
东方红社区, 应急管理局, 龙泉市, 万象街道, 白云街道, 兰干镇, 石榴籽, 叶塘镇, 罗浮镇, 黄陂镇,
石马镇, 刁坊镇, 马上就办, 高效办成一件事), `有关负责人` / `主要负责人` without a name, private
persons without a given name (`办事群众刘女士`), and the 12345 `县长热线` / `市长热线`.

The label (`document` and `facts.people`) comes from the same description as the PDF and
is never read back from it.  Titles follow samples/README.md ("People"): the title printed
with the name, without its organisation, and of a chain the post nearest the name
(`县委副书记、县长粟春华` → 县长, `党组书记、主任楼晓岚` → 主任); a lone `党组书记` / `党委书记`
is that title (`夹山镇党委书记唐明` → 党委书记).
Checks before anything is written: every official is printed once at least as
title+name or name+title; every character has a glyph in the font it is set in.
After the build the PDF's text (pdftotext) is searched for every labelled name, to check
the printing (not an extraction).  Names, figures and events are invented; counties and
towns are real.  Stamped dates: a rerun gives the same files.
"""
from __future__ import annotations

import calendar
import json
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from statsynth.helpers import KAI, SANS, SERIF  # noqa: E402
from statsynth.model import Doc, Para  # noqa: E402
from statsynth.output import _nfc, docx_to_pdf  # noqa: E402
from statsynth.writer import build_docx  # noqa: E402

OUT = HERE / "people2"

FONT_FILES = {SANS: ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
              SERIF: ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
              KAI: ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0)}


def body(text: str) -> Para:
    assert "{" not in text and "}" not in text, text     # no figure markers: metrics are not labelled here
    return Para(text, "body")


def head(text: str, **kw) -> Para:
    return Para(text, "heading", **kw)


# ------------------------------------------------------------------ 1. 石门县 (湖南) 政务服务工作简报 2024年5月

def shimen() -> Doc:
    people = {
        "粟春华": "县长", "王志刚": "常务副县长", "周建新": "主任", "覃丽": "副主任", "佘立新": "局长",
        "欧阳文斌": "副县长", "庹勇": "镇长", "唐明": "党委书记", "龚平": "副主任", "滕艳": "副县长",
        "孙小红": "副局长", "陈晓燕": "科长", "向卫东": "局长", "李娟": "副局长", "杨帆": "主任",
    }
    blocks = [
        Para("政务服务工作简报", "title", font=KAI, size=24, after=4),
        Para("2024年第5期（总第53期）", "subtitle", size=12),
        Para("石门县政务服务中心　　　　　　　　2024年6月5日", "subtitle", size=12, after=10),
        head("一、5月份政务服务运行情况"),
        body("2024年5月，全县各级政务服务中心（站）共受理各类政务服务事项42816件，办结42603件，办结率99.50%。"
             "其中，县政务服务中心受理28451件，办结28362件；各乡镇（街道）便民服务中心受理10937件，办结10842件；"
             "村（社区）便民服务站受理3428件，办结3399件。“湘易办”平台本月新增注册用户6213人，"
             "网上办件量15238件，网办率35.59%。"),
        body("12345政务服务便民热线（县长热线）本月共受理群众诉求1862件，按时办结1835件，按时办结率98.55%。"
             "政务服务“好差评”系统共收到评价31540条，其中差评9条，已全部完成整改和回访。"
             "办事群众刘女士为不动产登记窗口送来锦旗，感谢窗口工作人员延时服务。"),
        head("二、工作动态"),
        body("5月8日，县委副书记、县长粟春华到县政务服务中心调研“高效办成一件事”工作，实地察看了不动产登记、"
             "企业开办、社保医保等综合窗口，详细了解“一件事一次办”事项运行情况。县委常委、常务副县长王志刚，"
             "县政务服务中心党组书记、主任周建新陪同调研。粟春华强调，要把“高效办成一件事”作为优化营商环境的"
             "重要抓手，推动更多事项集成办、就近办、网上办，让企业和群众办事更加便捷。"),
        body("5月10日，全县政务服务窗口工作推进会在县政务服务中心召开。会议由县政务服务中心副主任覃丽主持，"
             "中心主任宣读了《关于表扬2024年一季度政务服务“红旗窗口”和“服务标兵”的通报》。"
             "县行政审批服务局局长佘立新通报了一季度各乡镇（街道）、县直各单位政务服务事项办理和“好差评”情况。"
             "会上，县医疗保障局局长向与会人员解读了医保经办服务“一站式”结算新规定。"
             "周建新要求，各窗口单位要严格落实首问负责、一次性告知和限时办结制度。"
             "各乡镇（街道）便民服务中心主任、县直有关单位分管负责人参加会议。"),
        body("5月14日至15日，副县长欧阳文斌带领县行政审批服务局、县政务服务中心相关负责人，先后到易家渡镇、"
             "夹山镇、壶瓶山镇便民服务中心和部分村级便民服务站，督导检查政务服务“一网通办”和帮办代办工作。"
             "易家渡镇镇长庹勇、夹山镇党委书记唐明分别汇报了本镇政务服务事项下沉和帮代办队伍建设情况。"
             "欧阳文斌指出，要坚持“马上就办、办就办好”，推动更多高频事项向村（社区）延伸。"),
        body("5月17日，常德市政务服务中心党组成员、副主任龚平一行到我县调研政务服务标准化建设工作，"
             "副县长欧阳文斌、滕艳陪同调研。龚平一行先后察看了县政务服务中心综合受理区和楚江街道东方红社区"
             "便民服务站，对我县推行“综合窗口+帮代办”服务模式给予肯定。"),
        body("5月21日，全县优化营商环境暨政务服务工作会议召开，县领导粟春华、王志刚、滕艳出席会议。"
             "会上，滕艳副县长通报了2023年度全省营商环境评价我县各项指标得分情况，王志刚对下阶段重点工作"
             "作了安排部署。粟春华要求，各单位主要负责人要亲自抓、负总责，确保各项改革任务按时落地。"),
        body("5月23日，县人力资源和社会保障局副局长孙小红带领业务骨干到县政务服务中心社保窗口，"
             "现场指导“社保卡居民服务一卡通”业务办理，并为窗口工作人员开展业务培训。"),
        body("5月27日，县政务服务中心组织开展“政务服务体验官”活动。县政务服务中心综合科科长陈晓燕陪同"
             "县人大代表、县政协委员和办事群众代表体验了企业开办、不动产登记等事项的办理流程。"
             "县住房和城乡建设局局长向卫东、县行政审批服务局李娟副局长现场回应了体验官提出的问题和建议。"),
        body("5月30日，县12345热线管理中心主任杨帆参加全市12345政务服务便民热线工作培训会，"
             "并就热线工单“接诉即办”闭环管理作交流发言。"),
        head("三、下一步工作"),
        body("一是深化“高效办成一件事”改革，6月底前完成第二批重点事项的流程再造；二是推进乡镇（街道）、"
             "村（社区）便民服务场所标准化建设，年内完成蒙泉镇、新关镇、皂市镇便民服务中心改造提升；"
             "三是加强窗口作风建设，县政务服务中心有关负责人将每周带队开展明察暗访，结果纳入年度考核。"),
        Para("报：县委、县人大常委会、县政府、县政协领导", "plain", size=10.5, before=12),
        Para("送：各乡镇人民政府、街道办事处，县直各单位", "plain", size=10.5),
    ]
    return Doc("people2-shimen-zhengwu-2024-05", "2024-05", "month", blocks, body_font=SERIF, body_size=12,
               title_font=KAI, heading_font=SANS, line_spacing=1.5, margins=(2.6, 2.4, 2.7, 2.5),
               footer="dash", people=people, published=(2024, 6, 5))


# ------------------------------------------------------------------ 2. 丽水市 (浙江) 政务服务工作动态 2023年第三季度

def lishui() -> Doc:
    people = {
        "应国平": "副市长", "楼晓岚": "主任", "叶伟": "副主任", "郑斌": "主任", "何红": "主任",
        "潘建华": "局长", "周敏": "二级巡视员", "诸葛明远": "副主任", "刘晨": "县长", "毛建军": "副市长",
        "蓝海燕": "副局长", "雷金花": "副县长", "竺丽华": "副局长", "裘燕": "副局长", "吕洋": "常务副县长",
        "方静": "处长",
    }
    blocks = [
        Para("丽水市政务服务工作动态", "title", font=SANS, size=22, after=4),
        Para("2023年第三季度（总第27期）", "subtitle", size=12),
        Para("丽水市政务服务管理办公室编　　　　　　2023年10月12日", "subtitle", size=12, after=10),
        head("一、三季度政务服务运行情况"),
        body("三季度，全市各级政务服务中心共受理办件126845件，办结126532件，办结率99.75%。依申请政务服务事项"
             "网上办件量103482件，网办率81.58%。“浙里办”丽水站点新增实名注册用户4.6万人。12345市长热线"
             "共受理群众诉求43126件，按时办结率99.12%，群众满意率97.86%。"),
        head("二、重点工作动态"),
        body("7月6日，市委常委、副市长应国平到市行政服务中心调研“一件事”集成改革工作。市政务服务管理办公室"
             "党组书记、主任楼晓岚汇报了全市“高效办成一件事”重点事项推进情况。应国平要求，要站在企业和群众的"
             "角度梳理办事场景，持续深化“一件事”集成改革，努力打造政务服务“丽水样板”。"),
        body("7月19日，全市政务服务“增值化”改革推进会在莲都区召开。会议由市政务服务管理办公室副主任叶伟主持。"
             "莲都区行政服务中心主任郑斌、云和县政务服务中心主任何红先后作交流发言。"
             "市应急管理局局长潘建华应邀出席，并就安全生产领域涉企审批服务事项作了说明。"
             "各县（市、区）行政服务中心主要负责人参加会议。"),
        body("8月3日至4日，省大数据发展管理局二级巡视员周敏一行来丽开展企业开办和不动产登记便利度专项评估，"
             "市政务服务管理办公室副主任诸葛明远陪同。评估组先后察看了龙泉市、缙云县行政服务中心，"
             "召开企业座谈会听取意见建议。缙云县委副书记、县长刘晨，龙泉市人民政府副市长毛建军"
             "分别陪同了在当地的评估活动。"),
        body("8月22日，市数据局副局长蓝海燕带队到景宁畲族自治县调研政务数据共享和“浙里办”应用推广工作，"
             "景宁畲族自治县副县长雷金花陪同调研。蓝海燕指出，要打通部门间数据壁垒，"
             "让“数据多跑路、群众少跑腿”。"),
        body("9月7日，全市优化营商环境涉企服务座谈会在市行政服务中心召开。国家税务总局丽水市税务局副局长"
             "竺丽华、市市场监督管理局裘燕副局长分别介绍了“税费直达”和“证照联办”改革举措。"
             "市司法局局长应邀作“法治化营商环境建设”专题辅导。二十余家企业负责人参加座谈。"),
        body("9月15日，松阳县委常委、常务副县长吕洋到县行政服务中心检查国庆节前窗口服务保障工作，"
             "要求节假日期间落实“有呼必应、即时响应”的预约服务机制。"),
        body("9月26日，市政务服务管理办公室审批管理处处长方静带队到莲都区万象街道、白云街道便民服务中心，"
             "督导“15分钟政务服务圈”建设，检查了自助服务终端运行和帮办代办台账。"),
        head("三、四季度工作安排"),
        body("一是抓好“一件事”集成改革扩面，四季度新增上线“企业信息变更一件事”等6个事项；二是推进政务服务"
             "“增值化”改革，在龙泉市、云和县开展企业综合服务中心试点；三是加强12345市长热线与部门业务系统"
             "协同，市行政服务中心有关负责人表示，将按月通报各地工单办理质效。"),
    ]
    return Doc("people2-lishui-dongtai-2023-Q3", "2023-Q3", "quarter", blocks, body_font=SERIF, body_size=12,
               title_font=SANS, heading_font=SANS, line_spacing=1.5, margins=(2.6, 2.4, 2.7, 2.5),
               footer="di", people=people, published=(2023, 10, 12))


# ------------------------------------------------------------------ 3. 疏附县 (新疆) 人社局 2024年上半年工作简报

def shufu() -> Doc:
    people = {
        "艾尔肯·吐尔逊": "县长", "张立伟": "副县长", "古丽娜尔·阿不都热依木": "副县长", "冉建国": "党组书记",
        "买买提江·吾甫尔": "局长", "马晓东": "副局长", "蒲勇": "党委书记", "阿不都外力·艾合买提": "镇长",
        "黄志强": "副局长", "吕刚": "大队长", "上官静": "副局长", "阿依古丽·买买提": "副局长",
        "鄢红梅": "主任", "哈丽娜": "主任", "热依拉·阿不力孜": "副主席",
    }
    blocks = [
        Para("疏附县人力资源和社会保障局", "title", font=SANS, size=20, after=2),
        Para("2024年上半年工作简报", "title", font=SANS, size=20, after=6),
        Para("疏附县人力资源和社会保障局办公室　　　　2024年7月8日", "subtitle", size=12, after=10),
        head("一、主要指标完成情况"),
        body("上半年，全县城镇新增就业2156人，完成年度目标任务的58.27%；农村富余劳动力转移就业5.82万人次，"
             "其中有组织转移就业1.37万人次；城镇登记失业率控制在3%以内。全县基本养老保险参保人数达到"
             "17.65万人，为2.31万名参保群众发放社会保障卡。受理劳动保障监察投诉举报46件，办结45件。"),
        head("二、重点工作动态"),
        body("1月16日，县委副书记、县长艾尔肯·吐尔逊主持召开全县稳就业工作专题会议，听取县人力资源和社会保障局"
             "关于2024年就业工作计划的汇报。县委常委、副县长张立伟，副县长古丽娜尔·阿不都热依木出席会议。"
             "艾尔肯·吐尔逊强调，要把稳就业作为最大的民生工程，确保零就业家庭动态清零。"),
        body("2月20日，全县“春风行动”暨就业援助月专场招聘会在县人民广场举行，62家企业提供就业岗位2800余个。"
             "副县长古丽娜尔·阿不都热依木、县人力资源和社会保障局党组书记冉建国到现场察看招聘情况，"
             "并与求职群众和企业招聘人员交流。"),
        body("3月12日，喀什地区人力资源和社会保障局副局长马晓东一行到我县调研劳动力转移就业工作，"
             "县人力资源和社会保障局局长买买提江·吾甫尔陪同调研。调研组先后来到托克扎克镇、乌帕尔镇的"
             "卫星工厂和就业帮扶车间。托克扎克镇党委书记蒲勇、乌帕尔镇镇长阿不都外力·艾合买提"
             "分别汇报了本镇劳动力摸底和转移就业情况。"),
        body("4月9日，广州市人力资源和社会保障局副局长黄志强率队到我县开展对口援疆劳务协作对接，"
             "双方签订了2024年劳务协作协议。县委常委、副县长张立伟陪同。黄志强一行还察看了"
             "“石榴籽”就业服务站，详细了解在粤务工人员跟踪服务情况。"),
        body("4月25日，县劳动保障监察大队大队长吕刚带队到兰干镇、站敏乡在建工程项目，开展农民工工资支付情况"
             "专项检查，对2家未按规定设立工资专用账户的施工企业下达了限期整改指令书。"),
        body("5月14日，县人力资源和社会保障局副局长上官静、阿依古丽·买买提副局长分别带队到各乡镇人社所，"
             "督导养老保险待遇领取资格认证工作。各乡镇人社所所长参加督导反馈会。"),
        body("6月5日，县就业服务中心主任鄢红梅、县社会保险中心主任哈丽娜参加喀什地区人社系统经办业务培训，"
             "回县后对全县基层人社服务平台工作人员开展了二次培训。"),
        body("6月18日，县总工会副主席热依拉·阿不力孜与县人社局有关负责人一同走访塔什米里克乡的就业帮扶车间，"
             "为一线务工人员送去防暑降温物品。"),
        body("6月27日，县人力资源和社会保障局召开上半年工作总结会。买买提江·吾甫尔对上半年工作进行了总结，"
             "并对下半年重点工作作出安排部署；冉建国就党风廉政建设提出要求。局机关各股室、"
             "下属各单位负责人参加会议。"),
        head("三、下半年工作打算"),
        body("一是持续抓好高校毕业生、脱贫劳动力等重点群体就业，力争全年城镇新增就业3700人；二是深化粤疏"
             "劳务协作，稳步扩大有组织转移就业规模；三是推进根治欠薪工作，畅通投诉举报渠道，"
             "做到案件“马上受理、限时办结”。"),
    ]
    return Doc("people2-shufu-renshe-2024-H1", "2024-H1", "half", blocks, body_font=SERIF, body_size=12,
               title_font=SANS, heading_font=SANS, line_spacing=1.5, margins=(2.6, 2.4, 2.7, 2.5),
               footer="dash", people=people, published=(2024, 7, 8))


# ------------------------------------------------------------------ 4. 兴宁市 (广东) 统计信息 2024年1—4月

def xingning() -> Doc:
    people = {
        "曾志明": "市长", "丘国华": "副市长", "司徒燕": "副市长", "古伟平": "局长", "巫丽芳": "副局长",
        "钟新": "副局长", "廖红": "副局长", "罗俊": "局长", "练志坚": "副局长", "刘海": "党委书记",
        "温晓东": "镇长", "陈辉": "主任", "缪婷": "股长", "何建平": "队长", "张斌": "副镇长",
        "黄光荣": "副主任",
    }
    blocks = [
        Para("兴宁市统计信息", "title", font=KAI, size=24, after=4),
        Para("2024年第4期", "subtitle", size=12),
        Para("兴宁市统计局　　　　　　　　2024年5月20日", "subtitle", size=12, after=10),
        head("一、2024年1—4月全市经济运行简况"),
        body("1—4月，全市经济运行总体平稳。全市规模以上工业增加值同比增长5.6%，其中电力、热力生产和供应业"
             "增长12.3%；固定资产投资同比增长3.2%，其中工业投资增长18.7%；社会消费品零售总额68.35亿元，"
             "同比增长4.1%；地方一般公共预算收入6.42亿元，同比增长2.8%。4月末，全市金融机构本外币各项存款余额"
             "612.57亿元，比年初增长3.9%。"),
        head("二、统计工作动态"),
        body("4月2日，市委副书记、市长曾志明主持召开一季度全市经济形势分析会，听取市统计局、市发展和改革局等"
             "部门关于一季度主要经济指标完成情况的汇报。副市长丘国华、司徒燕出席会议。市统计局党组书记、"
             "局长古伟平通报了一季度全市主要经济指标及在梅州各县（市、区）中的排位情况。曾志明要求，"
             "各镇（街道）和有关部门要盯紧全年目标，抓好项目入统和企业培育。"),
        body("4月11日，梅州市统计局副局长廖红一行到我市督导第五次全国经济普查数据质量核查工作，"
             "市统计局副局长钟新陪同。督导组先后到叶塘镇、罗浮镇随机抽查普查对象，"
             "对普查表填报和佐证材料归档情况逐项核对。"),
        body("4月16日，副市长丘国华带队到石马镇、刁坊镇调研规上工业企业培育工作，市工业和信息化局副局长"
             "练志坚陪同。石马镇、刁坊镇有关负责人汇报了“小升规”企业培育库建设情况。丘国华指出，"
             "要对拟升规企业实行“一企一策”跟踪服务，确保符合条件的企业应统尽统。"),
        body("4月18日，全市统计工作会议召开。会议由巫丽芳副局长主持，古伟平局长高度肯定了2023年"
             "各镇（街道）统计工作，并对2024年统计重点工作作出部署。宁新街道办事处主任陈辉、"
             "黄陂镇镇长温晓东作经验交流发言，各镇（街道）统计站站长汇报了一季度统计数据采集情况。"),
        body("4月23日，国家统计局兴宁调查队队长何建平带领调查人员到龙田镇开展早稻播种面积遥感测量实地核查，"
             "龙田镇副镇长张斌陪同核查。"),
        body("4月25日，副市长司徒燕一行到市统计局调研统计工作，察看了统计数据采集处理中心和统计档案室。"
             "市领导曾志明、丘国华、司徒燕此前已分别联系挂点镇（街道）开展统计基层基础建设调研。"),
        body("4月26日，市统计局联合市发展和改革局召开重点项目投资入统工作推进会，市发展和改革局局长罗俊"
             "出席并讲话，市统计局综合股股长缪婷解读了固定资产投资项目入库条件和佐证材料要求。"),
        body("4月29日，市人大常委会副主任黄光荣带领部分市人大代表开展统计法执法检查，视察组来到叶塘镇，"
             "叶塘镇党委书记刘海汇报了镇统计站规范化建设和防范统计造假工作情况。"),
        head("三、下一步工作"),
        body("一是做好第五次全国经济普查主要数据发布前的审核评估；二是加强“四上”企业培育入库，"
             "市统计局有关负责人将会同各镇（街道）逐月梳理拟入库名单；三是落实统计督察整改要求，"
             "严肃查处统计造假、弄虚作假行为。"),
    ]
    return Doc("people2-xingning-tongji-2024-01-04", "2024-01/2024-04", "months", blocks, body_font=SERIF,
               body_size=12, title_font=KAI, heading_font=SANS, line_spacing=1.5, margins=(2.6, 2.4, 2.7, 2.5),
               footer="di", people=people, published=(2024, 5, 20))


BUILDERS = [shimen, lishui, shufu, xingning]


# ------------------------------------------------------------------ checks

def narrative(d: Doc) -> str:
    return "".join(b.text for b in d.blocks if isinstance(b, Para))


def check_people(d: Doc) -> None:
    text = narrative(d)
    for name, title in d.people.items():
        assert name in text, (d.name, "not printed", name)
        assert f"{title}{name}" in text or f"{name}{title}" in text, (d.name, "title not next to the name", name, title)


def check_glyphs(d: Doc) -> None:
    """Every printed character has a glyph in the font it is set in (no fallback in a name)."""
    from PIL import ImageFont
    used: dict[str, set[str]] = {}
    for b in d.blocks:
        font = b.font or {"title": d.title_font, "heading": d.heading_font or d.body_font}.get(b.style, d.body_font)
        used.setdefault(font, set()).update(ch for ch in b.text if not ch.isspace())
    used.setdefault(d.body_font, set()).update("-0123456789第页 ")
    for font, chars in used.items():
        path, idx = FONT_FILES[font]
        f = ImageFont.truetype(path, 32, index=idx)
        notdef = bytes(f.getmask("\U000F0001"))
        missing = sorted(ch for ch in chars if not ch.isspace() and bytes(f.getmask(ch)) == notdef)
        assert not missing, (d.name, font, "".join(missing))


def label(d: Doc) -> dict:
    check_people(d)
    check_glyphs(d)
    return _nfc({"document": {"period": d.period, "period_kind": d.period_kind},
                 "facts": {"people": dict(d.people)}})


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True).stdout
    return "".join(unicodedata.normalize("NFC", out.decode("utf-8")).split())


def pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(x.split()[1] for x in out.splitlines() if x.startswith("Pages:")))


def build(d: Doc) -> None:
    lab = label(d)                       # checks first: nothing is written for a broken description
    epoch = calendar.timegm((*d.published, 9, 0, 0))
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / f"{d.name}.docx"
        build_docx(d, str(docx))
        pdf = docx_to_pdf(docx, Path(tmp), epoch)
        shutil.move(str(pdf), OUT / pdf.name)
    (OUT / f"{d.name}.label.json").write_text(json.dumps(lab, ensure_ascii=False, indent=1) + "\n",
                                              encoding="utf-8")
    # check the printing: every labelled name is in the PDF's text layer as written
    text = pdf_text(OUT / f"{d.name}.pdf")
    missing = [n for n in d.people if n not in text]
    assert not missing, (d.name, "names not in the PDF text", missing)
    n = pages(OUT / f"{d.name}.pdf")
    assert 2 <= n <= 3, (d.name, "pages", n)
    print(f"wrote {OUT / d.name}.pdf ({n} pages, {len(d.people)} officials) and .label.json")


def main(argv: list[str]) -> int:
    check_only = bool(argv) and argv[0] == "--check"
    names = argv[1:] if check_only else argv
    docs = [make() for make in BUILDERS]
    docs = [d for d in docs if not names or any(x in d.name for x in names)]
    if check_only:
        for d in docs:
            label(d)
            print("ok", d.name, len(d.people))
        return 0
    if shutil.which("soffice") is None:
        sys.exit("soffice not found: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai")
    OUT.mkdir(exist_ok=True)
    for d in docs:
        build(d)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
