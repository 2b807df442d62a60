"""湘潭县人民政府2023年政府信息公开工作年度报告 (the standard tables of the national template)."""
from __future__ import annotations

from .helpers import SANS, SERIF, body, head
from .model import Break, HCell, Doc, Para, Table, tree_header

A = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _article(item: str, cols: list[str], rows: list[list[str]], widths: list[float]) -> Table:
    """A 第二十条 table: the article line spans the whole width inside the grid."""
    return Table("", tree_header([(f"第二十条第（{item}）项", cols)]), rows, widths=widths, borders="grid",
                 font=SERIF, size=10, header_size=10, header_bold=False, align="l" + "c" * (len(cols) - 1),
                 row_height=0.75, header_height=0.7, space_before=0)


def nianbao() -> Doc:
    # 收到和处理政府信息公开申请情况: (label-row stub texts, values per applicant type)
    new = [42, 6, 0, 1, 3, 2]
    carried = [3, 0, 0, 0, 1, 0]
    results = [
        ("（一）予以公开", None, [18, 3, 0, 1, 1, 1]),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, [4, 1, 0, 0, 0, 0]),
        ("（三）不予公开", "1.属于国家秘密", [0] * 6),
        ("（三）不予公开", "2.其他法律行政法规禁止公开", [0] * 6),
        ("（三）不予公开", "3.危及“三安全一稳定”", [0] * 6),
        ("（三）不予公开", "4.保护第三方合法权益", [1, 0, 0, 0, 0, 0]),
        ("（三）不予公开", "5.属于三类内部事务信息", [1, 0, 0, 0, 0, 0]),
        ("（三）不予公开", "6.属于四类过程性信息", [1, 1, 0, 0, 0, 0]),
        ("（三）不予公开", "7.属于行政执法案卷", [0] * 6),
        ("（三）不予公开", "8.属于行政查询事项", [1, 0, 0, 0, 0, 0]),
        ("（四）无法提供", "1.本机关不掌握相关政府信息", [9, 1, 0, 0, 1, 0]),
        ("（四）无法提供", "2.没有现成信息需要另行制作", [2, 0, 0, 0, 0, 0]),
        ("（四）无法提供", "3.补正后申请内容仍不明确", [1, 0, 0, 0, 0, 0]),
        ("（五）不予处理", "1.信访举报投诉类申请", [2, 0, 0, 0, 0, 0]),
        ("（五）不予处理", "2.重复申请", [1, 0, 0, 0, 0, 0]),
        ("（五）不予处理", "3.要求提供公开出版物", [0] * 6),
        ("（五）不予处理", "4.无正当理由大量反复申请", [0] * 6),
        ("（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", [1, 0, 0, 0, 0, 0]),
        ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [1, 0, 0, 0, 0, 0]),
        ("（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0] * 6),
        ("（六）其他处理", "3.其他", [0] * 6),
    ]
    total = [sum(v[k] for _, _, v in results) for k in range(6)]
    results.append(("（七）总计", None, total))
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
        r = len(rows)
        if item is None:
            rows.append([third, grp, grp] + vals(v))
            merges.append((r, 1, r, 2))
            paths.append(f"{third}/{grp}")
        else:
            rows.append([third, grp, item] + vals(v))
            paths.append(f"{third}/{grp}/{item}")
    merges.append((start, 0, len(rows) - 1, 0))
    r = start
    while r < len(rows):           # group cells （三）…（六） merged over their items
        e = r
        while e + 1 < len(rows) and rows[e + 1][1] == rows[r][1] and rows[r][1] != rows[r][2]:
            e += 1
        if e > r:
            merges.append((r, 1, e, 1))
        r = e + 1
    rows.append(["四、结转下年度继续办理"] * 3 + vals(rest))
    paths.append(rows[-1][0])
    merges.append((len(rows) - 1, 0, len(rows) - 1, 2))
    header = [HCell(0, 0, 3, 3, A), HCell(0, 3, 1, 7, "申请人情况"), HCell(1, 3, 2, 1, "自然人"),
              HCell(1, 4, 1, 5, "法人或其他组织"), HCell(1, 9, 2, 1, "总计")]
    header += [HCell(2, 4 + k, 1, 1, t) for k, t in enumerate(["商业企业", "科研机构", "社会公益组织",
                                                               "法律服务机构", "其他"])]
    t_apply = Table("", header, rows, widths=[1.1, 2.3, 5.0] + [1.15] * 7, stub=2, merges=merges, paths=paths,
                    borders="grid", font=SERIF, size=9, header_size=9, header_bold=False,
                    align="ccl" + "c" * 7, row_height=0.6, header_height=0.6)
    leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    review = [1, 0, 1, 0, 2]
    direct = [1, 0, 0, 0, 1]
    after = [0, 0, 0, 0, 0]
    t_law = Table("", tree_header([("行政复议", leaves), ("行政诉讼", [("未经复议直接起诉", leaves),
                                                                     ("复议后起诉", leaves)])]),
                  [[str(x) for x in review + direct + after]], widths=[1.0] * 15, borders="grid", font=SERIF,
                  size=9, header_size=9, header_bold=False, align="c" * 15, row_height=0.8, header_height=0.6)
    t20_1 = _article("一", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                     [["规章", "0", "0", "0"], ["行政规范性文件", "3", "1", "26"]], [4.0, 2.6, 2.6, 2.6])
    t20_5 = _article("五", ["信息内容", "本年处理决定数量"], [["行政许可", "1862"]], [4.0, 7.8])
    t20_6 = _article("六", ["信息内容", "本年处理决定数量"], [["行政处罚", "356"], ["行政强制", "12"]], [4.0, 7.8])
    t20_8 = _article("八", ["信息内容", "本年收费金额（单位：万元）"], [["行政事业性收费", "86.45"]], [4.0, 7.8])
    done = sum(total)
    blocks = [
        Para("湘潭县人民政府2023年政府信息公开工作年度报告", "title", font=SERIF, size=18, after=10),
        body("本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发"
             "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"
             "报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"),
        head("一、总体情况"),
        body("2023年，湘潭县人民政府通过政府门户网站主动公开政府信息{2865条|主动公开政府信息}，"
             "其中政策文件{126件|政策文件}，政策解读{58篇|政策解读}，召开新闻发布会{12场|新闻发布会}；"
             f"全年共收到政府信息公开申请{{{sum(new)}件|收到政府信息公开申请}}，"
             f"上年结转{{{sum(carried)}件|上年结转}}，办结{{{done}件|办结}}，"
             f"结转下年度继续办理{{{sum(rest)}件|结转下年度继续办理}}；"
             "因政府信息公开被申请行政复议{2件|行政复议}、提起行政诉讼{1件|行政诉讼}。",
             "湘潭县人民政府", size=11.5),
        body("2023年，湘潭县人民政府举办政务公开专题培训{3期|政务公开专题培训}，培训{260人次|培训人次}。",
             "湘潭县人民政府", size=11.5),
        head("二、主动公开政府信息情况"),
        t20_1, t20_5, t20_6, t20_8,
        head("三、收到和处理政府信息公开申请情况", before=10),
        t_apply,
        Break(),
        head("四、政府信息公开行政复议、行政诉讼情况"),
        t_law,
        head("五、存在的主要问题及改进情况", before=10),
        body("一是部分单位主动公开的及时性不够，栏目更新较慢；二是政策解读形式较为单一。下一步，"
             "将加强对各乡镇、各部门政务公开工作的指导和考核，丰富图表、视频等解读形式。", size=11.5),
        head("六、其他需要报告的事项"),
        body("本年度未收取政府信息公开信息处理费。", size=11.5),
    ]
    return Doc("stat-xiangtan-nianbao-2023", "2023", "year", blocks, body_font=SANS, body_size=11.5,
               title_font=SERIF, heading_font=SANS, line_spacing=1.45, margins=(2.5, 2.4, 2.5, 2.5),
               footer="di", published=(2024, 1, 25), allowed_digits=[r"\d{4}年\d{1,2}月\d{1,2}日"])


BUILDERS = [nianbao]
