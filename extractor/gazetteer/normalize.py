"""Normalising a place or department mention before lookup.

NFKC folds full-width forms (（） → (), ＡＢ → AB); white space goes; brackets and
what they enclose at the end go (`涪城区(本级)` is looked up as 涪城区); the
pre-2019 street suffix 街道办事处 becomes 街道; a few characters that OCR engines
and old fonts confuse with the ones official names use are mapped back.
"""

from __future__ import annotations

import re
import unicodedata

# characters OCR and legacy encodings put for the ones used in official names
CONFUSABLES = str.maketrans(
    {
        "巿": "市",  # U+5DFF looks like 市
        "県": "县",
        "區": "区",
        "鎮": "镇",
        "鄉": "乡",
        "縣": "县",
        "廳": "厅",
        "辦": "办",
        "衛": "卫",
        "囗": "口",
        "—": "-",
    }
)
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b]+")
_TRAILING_NOTE = re.compile(r"[(（][^()（）]*[)）]$")
_EDGE_PUNCT = re.compile(r"^[\W_\d]+|[\W_]+$")
MAX_MENTION = 40  # longer strings are sentences, not names


_CLEAN = re.compile(r"[\u4e00-\u9fff]+")


def name_key(name: str) -> str:
    """`normalize` for names from the official lists, which are mostly clean already (fast path)."""
    return name if _CLEAN.fullmatch(name) and "街道办事处" not in name else normalize(name)


def normalize(text: str) -> str:
    t = unicodedata.normalize("NFKC", text or "").translate(CONFUSABLES)
    t = _SPACE.sub("", t)
    t = _TRAILING_NOTE.sub("", t)
    t = _EDGE_PUNCT.sub("", t)
    return t.replace("街道办事处", "街道")


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
