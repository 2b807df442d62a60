"""Make small real PDFs for tests (reportlab), including the broken kinds users send."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def text_pdf(path: Path, lines: list[str], encrypt: str | None = None, one_per_page: bool = False) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    c.setFont("STSong-Light", 12)
    y = 800
    for text in lines:
        c.drawString(60, y, text)
        y -= 20
        if one_per_page:
            c.showPage()
            c.setFont("STSong-Light", 12)
            y = 800
    if not one_per_page:
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


def reportlab_table_pdf(path: Path, n_rows: int = 42, repeat_header: bool = True) -> Path:
    """A table drawn by another producer (reportlab draws every cell border as its own segment),
    three-level header, long enough to run onto a second page."""
    from reportlab.lib.styles import ParagraphStyle  # noqa: PLC0415 - platypus only for this maker
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: PLC0415

    style = ParagraphStyle("c", fontName="STSong-Light", fontSize=9, leading=11, alignment=1)

    def p(text: str) -> Paragraph:
        return Paragraph(text, style)

    data: list[list[object]] = [
        [p("序号"), p("地区"), p("已附码项目"), "", "", ""],
        ["", "", p("审批类项目"), "", p("备案类项目"), ""],
        ["", "", p("项目数量"), p("总投资（万元）"), p("项目数量"), p("总投资（万元）")],
    ]
    names = ["船山区", "安居区", "蓬溪县", "射洪市", "大英县", "遂宁高新区", "遂宁经开区"]
    for i in range(1, n_rows + 1):
        data.append([str(i), p(names[i % len(names)]), str(i * 3), str(i * 101), str(i % 7), f"{i * 1.5:.2f}%"])
    table = Table(data, repeatRows=3 if repeat_header else 0, colWidths=[40, 110, 80, 90, 80, 90])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("FONT", (0, 0), (-1, -1), "STSong-Light", 9),
                ("SPAN", (0, 0), (0, 2)),
                ("SPAN", (1, 0), (1, 2)),
                ("SPAN", (2, 0), (5, 0)),
                ("SPAN", (2, 1), (3, 1)),
                ("SPAN", (4, 1), (5, 1)),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    title = ParagraphStyle("t", fontName="STSong-Light", fontSize=14, alignment=1)
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph("附件1：遂宁市投资项目统计表（3月）", title), Spacer(1, 12), table]
    )
    return path


def image_pages_pdf(path: Path, dark: list[bool]) -> Path:
    """An image-only PDF: white pages, or pages mostly covered by a block of black stripes (a fault trigger)."""
    from PIL import Image, ImageDraw  # noqa: PLC0415 - Pillow only for this maker

    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    for i, is_dark in enumerate(dark):
        png = path.with_name(f"{path.stem}-{i}.png")
        im = Image.new("L", (400, 560), 255)
        if is_dark:  # black stripes, not a solid fill: page preparation inverts solid dark bands
            draw = ImageDraw.Draw(im)
            for y in range(40, 520, 4):
                draw.rectangle((40, y, 360, y + 1), fill=0)
        im.save(png)
        c.drawImage(ImageReader(str(png)), 0, 0, width=w, height=h)
        c.showPage()
    c.save()
    return path


def cells_table_pdf(path: Path, rows: list[list[str]]) -> Path:
    """One ruled table holding exactly these texts (first row the header)."""
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle  # noqa: PLC0415 - platypus only here

    table = Table(rows)
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONT", (0, 0), (-1, -1), "STSong-Light", 9)])
    )
    SimpleDocTemplate(str(path), pagesize=A4).build([table])
    return path
