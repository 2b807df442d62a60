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


def cells_table_pdf(path: Path, rows: list[list[str]], font: str = "STSong-Light") -> Path:
    """One ruled table holding exactly these texts (first row the header). STSong-Light is not
    embedded: its glyphs draw nothing on a machine without a CJK font, so a test that looks at the
    rendered ink sets Latin text in Helvetica, which PDFium carries itself."""
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle  # noqa: PLC0415 - platypus only here

    table = Table(rows)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONT", (0, 0), (-1, -1), font, 9)]))
    SimpleDocTemplate(str(path), pagesize=A4).build([table])
    return path


def assemble_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF of `objects` (numbered from 1, written as given) with a correct xref table: for
    inputs no PDF library would write (bombs, lies, loops)."""
    out = bytearray(b"%PDF-1.5\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def stream(body: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(body), extra, body)


def one_page_pdf(content: bytes, content_extra: bytes = b"", resources: bytes = b"<< >>") -> bytes:
    """One A4 page whose content stream is `content` (with `content_extra` in its dictionary)."""
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources %s >>" % resources,
            stream(content, content_extra),
        ]
    )


def lzw_zeros(cycles: int) -> bytes:
    """LZW (as PDF writes it) for a run of zeros: after a clear, code 0, then codes 258, 259, …
    each worth one zero more than the last: 7.4 MB of zeros per 6 KB cycle."""
    bits, width = [], 9
    for _ in range(cycles):
        bits.append((256, width))
        width = 9
        bits.append((0, width))
        for code in range(258, 4095):
            bits.append((code, width))
            if code + 1 in (511, 1023, 2047):
                width += 1
    bits.append((257, width))
    text = "".join(format(code, f"0{w}b") for code, w in bits)
    text += "0" * (-len(text) % 8)
    return int(text, 2).to_bytes(len(text) // 8, "big")


def type3_pdf(path: Path) -> Path:
    """Text in a Type3 font (glyphs drawn by content streams, as some report generators and TeX
    write them): 办 and 结 as filled boxes, mapped to Unicode by a ToUnicode CMap, over a rule."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T3 def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"2 beginbfchar <41> <529E> <42> <7ED3> endbfchar endcmap\n"
        b"CMapName currentdict /CMap defineresource pop end end"
    )
    font = (
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 -200 1000 800] /FontMatrix [0.001 0 0 0.001 0 0]"
        b" /CharProcs << /a 6 0 R /b 7 0 R >> /Encoding << /Type /Encoding /Differences [65 /a /b] >>"
        b" /FirstChar 65 /LastChar 66 /Widths [1000 500] /ToUnicode 8 0 R /Resources << >> >>"
    )
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page,
        stream(b"BT /F1 12 Tf 100 700 Td (ABAB) Tj 0 -20 Td (BA) Tj ET 90 690 m 300 690 l S"),
        font,
        stream(b"1000 0 0 -200 1000 800 d1 0 0 1000 800 re f"),
        stream(b"500 0 0 -200 500 800 d1 0 0 500 800 re f"),
        stream(cmap),
    ]
    path.write_bytes(assemble_pdf(objects))
    return path
