"""Small helpers shared by the bulletin descriptions (numbers, text lines)."""
from __future__ import annotations

import random

from .model import Bulletin, Para

SANS, SERIF, KAI = "Noto Sans CJK SC", "Noto Serif CJK SC", "AR PL UKai CN"


def rng(seed: int) -> random.Random:
    return random.Random(seed)


def pct(part: float, whole: float, nd: int = 2) -> str:
    """'8.165%', '100%', '3.81%': rounded, trailing zeros dropped, as Excel prints."""
    if not whole:
        return "0%"
    s = f"{100 * part / whole:.{nd}f}".rstrip("0").rstrip(".")
    return s + "%"


def column_sums(rows: list[list[str]], cols: range) -> list[str]:
    return [str(sum(int(r[c]) for r in rows if r[c].isdigit())) for c in cols]


def body(*texts: str) -> list[Para]:
    return [Para(t) for t in texts]


def head(text: str) -> Para:
    return Para(text, "heading")


def visits_paragraph(b: Bulletin, intro: str, visits: list[tuple[str, str, str, int]]) -> Para:
    """'其中，市交通运输局副局长黄火平1次；…'  visits: (org, title, name, count)."""
    parts = []
    for org, title, name, count in visits:
        b.person(name, title)
        b.visits[name] = count
        parts.append(f"{org}{title}{name}{count}次")
    return Para(intro + "其中，" + "；".join(parts) + "。")


def distribution(b: Bulletin, readers: list[tuple[str, str]], send: str, issue: str) -> list[Para]:
    """The 报/送/发 lines at the end of a bulletin; readers are (name, title)."""
    for name, title in readers:
        b.person(name, title)
    return [Para("报：" + "，".join(n + t for n, t in readers) + "；", "plain"),
            Para("送：" + send + "；", "plain"),
            Para("发：" + issue + "。", "plain")]


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林谢唐邓冯蒋蔡彭曾"
GIVEN = "丽娟敏静燕芳婷霞玲红梅兰洁雪琴勇军伟强磊涛斌超杰鹏飞浩宇明华建平志国亮"


def person_names(r: random.Random, n: int) -> list[str]:
    """n distinct invented names (window staff in attendance tables)."""
    out: list[str] = []
    while len(out) < n:
        name = r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice([1, 2, 2])))
        if name not in out:
            out.append(name)
    return out
