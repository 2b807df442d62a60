"""A cell's printed text → its typed value: a number, `None` for a cell that prints nothing, or the text.

What tables print, and what it means:

    1335  1,335  １３３５  1 335        1335
    0.5   .5                           0.5
    8.165%  ８．１６５％                 0.08165 (unit %; a percentage is a fraction, as a spreadsheet holds it)
    3.2‰                               0.0032 (unit ‰)
    -12.5  －12.5  (12.5)  （12.5）  △12.5  ▲12.5   -12.5 (△ and ▲ mark a fall in Chinese accounts; a column
                                       of (1), (2), (3) … is list numbers and stays text: tables/numbers.py)
    +3.1                               3.1
    80564件  203,708户                  80564 (unit 件), 203708 (unit 户): a short unit word after the figure
    01  007                            the text: a code printed with its leading zero (科目编码 款 01)
    ""  -  —  ——  －  /  ／  …  　      None (nothing printed, or a dash that stands for nothing)
    汶川县  2020-05  第1名  12.3.4       the text itself

`Typed.decimals` is how many decimals were printed, so that checks allow for rounding as printed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

Value = int | float | str | None

# a figure followed by these is a date, a rank or a place, not an amount (2023年, 5月, 3号楼, 第1名)
NOT_UNITS = frozenset({"年", "月", "日", "号", "时", "楼", "期", "届", "名", "级", "层", "季度", "月份", "号楼"})
NOTHING = frozenset({"", "-", "—", "——", "–", "―", "－", "--", "/", "／", "\\", "…", "……", "x", "X", "×", "*"})
_NEGATIVE_MARKS = "△▲"
_NUMBER = re.compile(
    r"""^(?P<sign>[+\-]?)
        (?P<int>\d{1,3}(?:,\d{3})+|\d*)
        (?:\.(?P<frac>\d+))?
        (?P<unit>%|‰|[\u4e00-\u9fff]{1,3})?$""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Typed:
    value: Value
    unit: str = ""  # what the cell itself prints after the figure: %, ‰, 件, 户 …
    decimals: int = 0

    @property
    def number(self) -> float | None:
        return float(self.value) if isinstance(self.value, (int, float)) else None


def normalise(text: str) -> str:
    """Full-width forms to ASCII (`１２，３４５．６％` → `12,345.6%`), spaces out, dashes as `-`."""
    t = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", t).replace("−", "-").replace("﹣", "-")


@lru_cache(maxsize=1 << 16)
def typed(text: str) -> Typed:
    """What a cell's text holds (a number, a percentage, a date, words), remembered: checks and
    the table builder type the same cells many times, and `Typed` cannot change."""
    raw = normalise(text)
    if raw in NOTHING or (text and not text.strip()):
        return Typed(None)
    negative = False
    body = raw
    if body[0] in _NEGATIVE_MARKS:
        negative, body = True, body[1:]
    elif len(body) > 2 and body[0] == "(" and body[-1] == ")":
        negative, body = True, body[1:-1]
    m = _NUMBER.match(body)
    if m is not None and len(m["int"]) > 1 and m["int"][0] == "0" and not m["frac"]:
        return Typed(text)  # 01, 007: a code (科目编码 款 01), not a figure
    if m is None or not (m["int"] or m["frac"]) or (negative and m["sign"]) or m["unit"] in NOT_UNITS:
        return Typed(text)
    digits = m["int"].replace(",", "") or "0"
    decimals = len(m["frac"] or "")
    unit = m["unit"] or ""
    if decimals:
        number: int | float = float(f"{digits}.{m['frac']}")
    else:
        number = int(digits)
    if m["sign"] == "-" or negative:
        number = -number
    if unit == "%":
        return Typed(round(number / 100, decimals + 2), "%", decimals + 2)
    if unit == "‰":
        return Typed(round(number / 1000, decimals + 3), "‰", decimals + 3)
    return Typed(number, unit, decimals)


def half_unit(decimals: int) -> float:
    """Half the last printed digit: a value printed with 2 decimals is exact to ±0.005."""
    return 0.5 * 10.0**-decimals


def counts_up(numbers: Sequence[float]) -> bool:
    """1, 2, 3 … each one more than the last: a 序号 column, not an amount."""
    return (
        len(numbers) >= 2
        and all(float(x).is_integer() for x in numbers)
        and all(b == a + 1 for a, b in pairwise(numbers))
    )


def is_code_column(numbers: Sequence[float]) -> bool:
    """Classification codes (科目编码 201, 20101, 2010101 …): whole numbers of which many are the
    start of the next one. They are names, not amounts."""
    ints = [str(int(x)) for x in numbers if float(x).is_integer() and x > 0]
    if len(ints) < 3 or len(ints) < len(numbers):
        return False
    nested = sum(1 for a, b in pairwise(ints) if len(b) > len(a) and b.startswith(a))
    return nested * 4 >= len(ints) - 1


def digits(value: float) -> str:
    """The significant digits a figure is printed with, sign and point dropped (12.50 → 125)."""
    return f"{abs(value):.6f}".rstrip("0").rstrip(".").replace(".", "")


def digit_count(value: float) -> int:
    """How many digits a figure has, leading zeros left out (0.045 → 2, 1335 → 4)."""
    return len(digits(value).lstrip("0"))
