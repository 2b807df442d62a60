"""Small pure text helpers shared by every stage (no imports from the package)."""

from __future__ import annotations

import re
import unicodedata

_CJK_RANGES = (
    (0x3000, 0x303F),  # CJK punctuation
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF00, 0xFFEF),  # full-width forms
    (0x2E80, 0x2FDF),
)
_SPACE_RE = re.compile(r"[\s\u3000\u00a0]+")
_NUMBER_RE = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$|^[-—–]$|^[-+]?\.\d+%?$")


FLAGS = frozenset("↑↓")  # a result's flag (high, low), set in a column of its own before the unit (`↓ g/L`)


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in _CJK_RANGES)


def join_words(parts: list[str]) -> str:
    """Join pieces of one logical text: no space where either side is Chinese.

    Latin words keep one space between them; digits split over two pieces
    (a number wrapped inside a narrow cell) are joined without one.
    """
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and _needs_space(out[-1], part[0]):
            out += " "
        out += part
    return out


def _needs_space(left: str, right: str) -> bool:
    if is_cjk(left) or is_cjk(right):
        return False
    return left.isalpha() and right.isalpha()


def squeeze(text: str) -> str:
    """NFC, and white space between Chinese characters removed, other runs collapsed to one space."""
    text = unicodedata.normalize("NFC", text)
    pieces = _SPACE_RE.split(text.strip())
    return join_words(pieces)


def is_number(text: str) -> bool:
    """A statistical value as tables print it: 184, 8.165%, 1,200, -, 0.9."""
    t = text.strip().replace(" ", "")
    return bool(t) and bool(_NUMBER_RE.match(t))


_CLOCK_RE = re.compile(r"^\d{1,2}[:：]\d{2}([:：]\d{2})?$")  # 07:23, 16:05:30
_DATE_RE = re.compile(r"^\d{4}([.\-/])\d{1,2}\1\d{1,2}$|^\d{4}年\d{1,2}月\d{1,2}日$")  # 2024.09.23, 2024年9月23日


def is_datum(text: str) -> bool:
    """What a body cell records and a heading does not: a figure, a clock time or a full date."""
    t = text.strip().replace(" ", "")
    return is_number(t) or bool(_CLOCK_RE.match(t) or _DATE_RE.match(t))


def lone_mark(text: str) -> bool:
    """One character that is no letter or digit (`-`, `●`, `.`): as often a speck read as a mark."""
    t = text.strip()
    return len(t) == 1 and not t.isalnum()
