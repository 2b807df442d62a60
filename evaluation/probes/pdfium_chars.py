"""Probe for issue 13 (not part of the pipeline): how near PDFium's characters come to pdfminer's.

For every digital sample, the characters pdfplumber (pdfminer) reads are paired in order with
those PDFium's text page reads, leaving out the spaces and line breaks PDFium generates
(`FPDFText_IsGenerated`), and compared: the same text, the left edge (pdfminer's x0 against
PDFium's origin), the baseline (pdfminer's y1 − size − descent against PDFium's origin y). Also
timed: pdfplumber's chars, lines and rects against PDFium's chars and path segments.

    .venv/bin/python evaluation/probes/pdfium_chars.py [samples/digital]
"""

from __future__ import annotations

import ctypes
import statistics
import sys
import time
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as raw


def pdfium_chars(path: Path) -> tuple[list[list[tuple[str, float, float, float]]], int]:
    """Per page, (text, origin x, origin y from the top, font size) of each char PDFium did not generate."""
    pages, segments = [], 0
    doc = pdfium.PdfDocument(str(path))
    x, y = ctypes.c_double(), ctypes.c_double()
    for i in range(len(doc)):
        page = doc[i]
        height = page.get_height()
        text = page.get_textpage()
        chars = []
        for k in range(raw.FPDFText_CountChars(text)):
            if raw.FPDFText_IsGenerated(text, k) == 1:
                continue
            ch = chr(raw.FPDFText_GetUnicode(text, k))
            if ch.isspace():
                continue
            raw.FPDFText_GetCharOrigin(text, k, x, y)
            chars.append((ch, x.value, height - y.value, raw.FPDFText_GetFontSize(text, k)))
        pages.append(chars)
        segments += sum(raw.FPDFPath_CountSegments(o) for o in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,)))
        text.close()
        page.close()
    doc.close()
    return pages, segments


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "samples/digital")
    files = sorted(folder.glob("*.pdf"))
    plumber_s = pdfium_s = 0.0
    same_text = total = 0
    dx: list[float] = []
    dsize: list[float] = []
    for path in files:
        start = time.perf_counter()
        with pdfplumber.open(path) as pdf:
            plumber = [[c for c in p.chars if not c["text"].isspace()] for p in pdf.pages]
            for p in pdf.pages:
                _ = p.lines, p.rects
        plumber_s += time.perf_counter() - start
        start = time.perf_counter()
        pages, _ = pdfium_chars(path)
        pdfium_s += time.perf_counter() - start
        for a, b in zip(plumber, pages, strict=False):
            for c, (ch, ox, _oy, size) in zip(a, b, strict=False):
                total += 1
                if c["text"] == ch:
                    same_text += 1
                    dx.append(abs(c["x0"] - ox))
                    dsize.append(abs(c["size"] - size))
    within = sum(1 for d in dx if d <= 0.5) / len(dx) if dx else 0.0
    ratio = pdfium_s / plumber_s
    print(f"{len(files)} files: pdfplumber {plumber_s:.2f} s, PDFium {pdfium_s:.2f} s (ratio {ratio:.3f})")
    print(f"chars paired in order: {total}, same text {same_text / total:.4f}")
    median, worst = statistics.median(dx), max(dx)
    print(f"left edge |x0 − origin| ≤ 0.5 pt: {within:.4f}; median {median:.3f} pt, max {worst:.2f} pt")
    print(f"font size difference: median {statistics.median(dsize):.3f}, max {max(dsize):.2f}")


if __name__ == "__main__":
    main()
