"""Accuracy of the generic table extractors on our labelled samples, scored by `extractor eval`.

    .venv/bin/python evaluation/baselines.py [samples/digital]

pdfplumber's plain `page.extract_tables()` and camelot's lattice mode give a
list of rows per table; as a user of either would, we take the first row as
the column names and the rest as the body (merged cells come back as None or
"" and stay so). Tables are not joined across pages — neither tool does.
The results are written as `bulletin-extract/1` JSON under
out/baselines/<tool>/ and scored with the same code as our own results.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import camelot
import pdfplumber

from extractor.evaluate.report import evaluate, render

ROOT = Path(__file__).resolve().parent.parent


def _table(i: int, rows: list[list[str | None]]) -> dict:
    clean = [[(c or "").replace("\n", "") for c in row] for row in rows]
    return {"id": f"t{i}", "columns": clean[0] if clean else [], "rows": clean[1:]}


def pdfplumber_tables(pdf: Path) -> list[dict]:
    out = []
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            out += [_table(len(out) + 1, t) for t in page.extract_tables()]
    return out


def camelot_tables(pdf: Path) -> list[dict]:
    tables = camelot.read_pdf(str(pdf), pages="all", flavor="lattice")
    return [_table(i, t.df.values.tolist()) for i, t in enumerate(tables, 1)]


def main() -> int:
    samples = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "samples" / "digital"
    for name, tool in (("pdfplumber", pdfplumber_tables), ("camelot-lattice", camelot_tables)):
        out = ROOT / "out" / "baselines" / name
        out.mkdir(parents=True, exist_ok=True)
        for pdf in sorted(samples.glob("*.pdf")):
            result = {"schema": "bulletin-extract/1", "tables": tool(pdf)}
            (out / f"{pdf.stem}.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        docs, summary = evaluate(out, samples)
        print(f"== {name}")
        print(render(docs, summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
