"""The peers on the same labelled files, scored by `extractor eval`'s own code, beside our result.

    .venv/bin/python evaluation/baselines.py LABELS [--ours OUT] [--tools pdfplumber,camelot,img2table]

pdfplumber's plain `page.extract_tables()`, camelot's lattice mode and img2table 2.0
(`PDF(...).extract_tables(implicit_rows=True, borderless_tables=True)`, its text layer, no OCR)
give a list of rows per table; as a user of any would, we take the first row as the column names
and the rest as the body (merged cells come back as None or "" and stay so). None of them joins
tables across pages. They read PDFs only: a picture (`.png`, `.jpg`) gets no result from them and
scores zero, as it would for their user. Results are written as `bulletin-extract/1` JSON under
out/peers/<set>/<tool>/ and scored with the same code as ours; with `--ours OUT` our results
for the same files are scored in the same run. The table printed is per tool: cell F1 and header
accuracy over the set's PDFs and over all its files.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from extractor.evaluate.report import evaluate
from extractor.evaluate.tables import f1

ROOT = Path(__file__).resolve().parent.parent
LABEL_SUFFIX = ".label.json"
SOURCES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def _table(i: int, rows: list[list[str | None]]) -> dict:
    clean = [[(c or "").replace("\n", "") for c in row] for row in rows]
    return {"id": f"t{i}", "columns": clean[0] if clean else [], "rows": clean[1:]}


def pdfplumber_tables(pdf: Path) -> list[dict]:
    import pdfplumber  # noqa: PLC0415 - each peer only when asked for

    out: list[dict] = []
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            out += [_table(len(out) + 1, t) for t in page.extract_tables()]
    return out


def camelot_tables(pdf: Path) -> list[dict]:
    import camelot  # noqa: PLC0415

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tables = camelot.read_pdf(str(pdf), pages="all", flavor="lattice")
    return [_table(i, t.df.values.tolist()) for i, t in enumerate(tables, 1)]


def img2table_tables(pdf: Path) -> list[dict]:
    from img2table.document import PDF  # noqa: PLC0415

    found = PDF(str(pdf)).extract_tables(implicit_rows=True, borderless_tables=True)
    out: list[dict] = []
    for page in sorted(found):
        for t in found[page]:
            out.append(_table(len(out) + 1, t.df.astype(object).where(t.df.notna(), "").values.tolist()))
    return out


TOOLS: dict[str, Callable[[Path], list[dict]]] = {
    "pdfplumber": pdfplumber_tables,
    "camelot": camelot_tables,
    "img2table": img2table_tables,
}


def _source(labels: Path, name: str) -> Path | None:
    return next((labels / (name + s) for s in SOURCES if (labels / (name + s)).exists()), None)


def run_tool(tool: str, labels: Path, out: Path) -> float:
    """The tool's results for every labelled file under `out`; the seconds it took."""
    out.mkdir(parents=True, exist_ok=True)
    spent = 0.0
    for label in sorted(labels.glob("*" + LABEL_SUFFIX)):
        name = label.name[: -len(LABEL_SUFFIX)]
        src = _source(labels, name)
        if src is None or src.suffix.lower() != ".pdf":
            (out / f"{name}.json").unlink(missing_ok=True)
            continue
        start = time.perf_counter()
        try:
            tables = TOOLS[tool](src)
        except Exception as exc:  # a peer that fails on a file gets no tables for it, as its user would
            print(f"{tool}: {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            tables = []
        spent += time.perf_counter() - start
        result = {"schema": "bulletin-extract/1", "tables": tables}
        (out / f"{name}.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return spent


def score(results: Path, labels: Path) -> dict[str, tuple[float, float]]:
    """Cell F1 and header accuracy over the set's PDFs and over all its files."""
    docs, _ = evaluate(results, labels)
    out: dict[str, tuple[float, float]] = {}
    for part, keep in (("pdf", lambda n: (_source(labels, n) or Path()).suffix == ".pdf"), ("all", lambda n: True)):
        tables = [t for d in docs if keep(d.name) for t in d.tables]
        tp, pred, gold = (sum(getattr(t, k) for t in tables) for k in ("tp", "predicted", "gold"))
        right, judged = sum(t.header_correct for t in tables), sum(t.header_judged for t in tables)
        out[part] = (f1(tp, pred, gold), right / judged if judged else 0.0)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("labels", type=Path)
    ap.add_argument("--ours", type=Path, help="our results for the same files (extractor extract -o OURS)")
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "peers")
    args = ap.parse_args(argv)
    if not args.labels.is_dir():
        print(f"baselines: {args.labels} is absent: nothing to compare", file=sys.stderr)
        return 0
    rows = []
    if args.ours is not None:
        rows.append(("bulletin-extractor", score(args.ours, args.labels), None))
    for tool in args.tools.split(","):
        out = args.out / args.labels.name / tool
        spent = run_tool(tool, args.labels, out)
        rows.append((tool, score(out, args.labels), spent))
    print(
        f"{'on ' + args.labels.name:24s} {'PDFs: cell F1':>14s} {'header':>7s} "
        f"{'all: cell F1':>13s} {'header':>7s}  seconds"
    )
    for tool, s, spent in rows:
        (pf, ph), (af, ah) = s["pdf"], s["all"]
        seconds = f"{spent:7.1f}" if spent is not None else "      -"
        print(f"{tool:24s} {pf:14.3f} {ph:7.3f} {af:13.3f} {ah:7.3f}  {seconds}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
