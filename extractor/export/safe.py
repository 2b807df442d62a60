"""Text that a spreadsheet would run as a formula, made inert (OWASP, "CSV Injection").

A cell read from a document may begin with `=`, `+`, `-`, `@`, a tab or a carriage return
(`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`). Excel and LibreOffice run such a cell as a formula
when it comes from CSV or XLSX. Every export writes it with a leading `'`, as OWASP advises;
a number (`-23,694,000.00`, `+5%`) stays as printed.
"""

from __future__ import annotations

from typing import TypeVar

from extractor.textutil import is_number

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
T = TypeVar("T")


def defuse(value: T) -> T | str:
    if isinstance(value, str) and value.startswith(TRIGGERS) and not is_number(value):
        return "'" + value
    return value
