"""Label JSON from a model.Doc; .docx -> PDF through LibreOffice with fixed dates."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from synth.output import docx_to_pdf  # noqa: F401 - one LibreOffice conversion for every generator

from .model import FIG, Doc, Para, Table, figures, printed

# digits in the narrative that are no metric: years, dates, months, ordinals of documents
BASE_ALLOWED = [r"\d{4}年", r"\d{4}—\d{4}年", r"\d{1,2}月\d{1,2}日", r"\d{1,2}—\d{1,2}月", r"\d{1,2}月",
                r"〔\d{4}〕\d+号", r"第\d+号"]


def check_narrative(d: Doc) -> None:
    """Every digit run of the narrative is a marked figure or an allowed date/ordinal."""
    pats = [re.compile(p) for p in BASE_ALLOWED + d.allowed_digits]
    for b in d.blocks:
        if not isinstance(b, Para):
            continue
        text = FIG.sub("", b.text)
        for p in pats:
            text = p.sub("", text)
        left = re.findall(r"\d+", text)
        assert not left, (d.name, left, b.text)


def label(d: Doc) -> dict:
    check_narrative(d)
    tables = []
    for t in (x for x in d.blocks if isinstance(x, Table)):
        t.check()
        entry = {"title": t.title, "columns": t.columns, "rows": t.rows}
        if t.paths is not None:
            entry["row_paths"] = t.paths
        entry["score_header"] = [True] * t.ncol
        tables.append(entry)
    metrics = [m for b in d.blocks if isinstance(b, Para) for m in figures(b)]
    text = "".join(printed(b.text) for b in d.blocks if isinstance(b, Para))
    for name, title in d.people.items():
        assert name in text and title in text, (name, title)
    lab = {"document": {"period": d.period, "period_kind": d.period_kind},
           "tables": tables,
           "facts": {"people": dict(d.people), "metrics": metrics, "metrics_complete": True}}
    return _nfc(lab)


def _nfc(x):
    if isinstance(x, str):
        return unicodedata.normalize("NFC", x)
    if isinstance(x, list):
        return [_nfc(v) for v in x]
    if isinstance(x, dict):
        return {_nfc(k): _nfc(v) for k, v in x.items()}
    return x


def write_label(d: Doc, path: Path) -> None:
    path.write_text(json.dumps(label(d), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
