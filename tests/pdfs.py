"""Make small real PDFs for tests (reportlab), including the broken kinds users send."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def text_pdf(path: Path, lines: list[str], encrypt: str | None = None) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    c.setFont("STSong-Light", 12)
    y = 800
    for text in lines:
        c.drawString(60, y, text)
        y -= 20
    c.showPage()
    c.save()
    return path


def image_only_pdf(path: Path, image_png: Path) -> Path:
    """A 'scanned' page: one picture, no text layer."""
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    c.drawImage(ImageReader(str(image_png)), 0, 0, width=w, height=h)
    c.showPage()
    c.save()
    return path


def truncated_copy(src: Path, dst: Path, keep: float = 0.4) -> Path:
    data = src.read_bytes()
    dst.write_bytes(data[: int(len(data) * keep)])
    return dst
