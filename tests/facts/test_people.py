"""Officials: the forms the bulletins use."""

from __future__ import annotations

import pytest

from extractor import gazetteer
from extractor.facts.people import find_officials
from extractor.facts.stage import _Reserved
from extractor.gazetteer.entities import scanner_for


def officials(text):
    g = gazetteer.load()
    spans = scanner_for(g).spans(text, "510000")
    return [(o.name, o.title, o.org) for o in find_officials(text, spans, _Reserved(g))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11月6日，州政务服务中心主任谢荣妹率工作组在汶川县调研", [("谢荣妹", "主任", "州政务服务中心")]),
        (
            "州住房公积金管理中心党组书记、主任胡培柱，副主任彭伟到政务中心公积金窗口检查指导工作。",
            [("胡培柱", "党组书记、主任", "州住房公积金管理中心"), ("彭伟", "副主任", None)],
        ),
        (
            "州公安局党委委员、政治部主任夏朝辉到公安窗口检查行政审批工作。",
            [("夏朝辉", "党委委员、政治部主任", "州公安局")],
        ),
        ("11月29日，州农畜局严扎甲局长到政务大厅农畜局窗口调研", [("严扎甲", "局长", "州农畜局")]),
        (
            "报：刘坪书记，杨克宁州长，余光亚秘书长，杜林副秘书长；",
            [("刘坪", "书记", None), ("杨克宁", "州长", None), ("余光亚", "秘书长", None), ("杜林", "副秘书长", None)],
        ),
        (
            "州政府党组成员、州公安局党委书记徐贵强，在常务副局长张春刚的陪同下到窗口",
            [("徐贵强", "党组成员、党委书记", "州公安局"), ("张春刚", "常务副局长", None)],
        ),
        (
            "市交通运输局副局长黄火平1次；市房管局副局长米洪芝1次",
            [("黄火平", "副局长", "市交通运输局"), ("米洪芝", "副局长", "市房管局")],
        ),
        ("州政务服务中心主任泽仁拉姆通报了工作情况", [("泽仁拉姆", "主任", "州政务服务中心")]),
        ("州市场监管局副局长洛绒彭措到州政务服务中心", [("洛绒彭措", "副局长", "州市场监管局")]),
        ("州政务服务中心副主任向秋菊到窗口", [("向秋菊", "副主任", "州政务服务中心")]),  # 向: a surname, and "to"
        # a compound surname in a three-character name; a name after 由
        ("县医保局副局长上官静到窗口", [("上官静", "副局长", "县医保局")]),
        ("会议由巫丽芳副局长主持", [("巫丽芳", "副局长", None)]),
        # transliterated names, their parts joined by a dot, after and before the title
        ("县长艾尔肯·吐尔逊主持会议", [("艾尔肯·吐尔逊", "县长", None)]),
        ("，阿依古丽·买买提副局长参加", [("阿依古丽·买买提", "副局长", None)]),
        ("镇长阿不都外力·艾合买提汇报", [("阿不都外力·艾合买提", "镇长", None)]),
        # the name before the title is its name: what follows the title is not (高度肯定)
        ("，古伟平局长高度肯定了成绩", [("古伟平", "局长", None)]),
    ],
)
def test_forms(text, expected):
    assert officials(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "全州13个县（市）政务服务中心主任参加外出学习活动",  # a title, but no name
        "中心机关干部职工共70余人参加会议",
        "11月21日，牧民格勒一家来到窗口办理业务，工作人员热情接待",  # a private citizen: no title
        "州委员会办公室",  # 委员 inside 委员会
        "主任科员及窗口工作人员",
        # a surname that is also a word after the title: 向 (to), 和 (and), 应邀 (invited)
        "会上，县医疗保障局局长向与会人员解读了政策",
        "县人大代表、县政协委员和办事群众代表体验了办事流程",
        "市应急管理局局长应邀出席",
    ],
)
def test_not_officials(text):
    assert officials(text) == []


def test_jieba_decides_where_a_name_runs_into_a_word():
    # nothing in the word lists ends 王建华 here: jieba's segmentation (with the user dictionary) does
    assert officials("市场监管局副局长王建华检验窗口设备") == [("王建华", "副局长", "市场监管局")]
