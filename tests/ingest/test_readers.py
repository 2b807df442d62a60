"""The PDFium reader (the default) against pdfplumber's (the reference) on real PDFs: the same
words with the same boxes, the same rulings, and the same results; rotated pages, a CropBox
and forms read in the frame the page is rendered in."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractor import Settings, extract
from extractor.ingest.digital import open_pdf, read_page, reader_for
from extractor.ingest.pdfium_reader import PdfiumPage
from extractor.model.page import Page
from tests.conftest import DIGITAL, SAMPLES
from tests.pdfs import cells_table_pdf, type3_pdf

WORD_REPORT = SAMPLES / "realworld" / "比亚迪财报.pdf"  # Word-exported: its fonts state their descent


def _pages(path: Path, reader: str) -> list[Page]:
    with open_pdf(path) as doc:
        return [read_page(p) for _, p in reader_for(reader, doc, path, 256).pages(1000) if not isinstance(p, Exception)]


def _compare(path: Path, vertical: float) -> tuple[int, list[str]]:
    """Words compared page by page; `vertical`: how far (× the font size) the boxes may differ
    up and down. Returns the words compared and what differed."""
    problems: list[str] = []
    n = 0
    for ours, ref in zip(_pages(path, "pdfium"), _pages(path, "pdfplumber"), strict=True):
        assert (ours.width, ours.height) == pytest.approx((ref.width, ref.height), abs=0.01)
        a = sorted(ours.words, key=lambda w: (w.text, round(w.x0), round(w.top)))
        b = sorted(ref.words, key=lambda w: (w.text, round(w.x0), round(w.top)))
        if [w.text for w in a] != [w.text for w in b]:
            problems.append(f"{path.name} p{ours.number}: words differ")
            continue
        for w, r in zip(a, b, strict=True):
            n += 1
            if abs(w.x0 - r.x0) > 0.5 or abs(w.x1 - r.x1) > 0.5 or abs(w.size - r.size) > 0.5:
                problems.append(
                    f"{path.name} p{ours.number} {w.text}: x {w.x0:.1f}–{w.x1:.1f} vs {r.x0:.1f}–{r.x1:.1f}"
                )
            elif max(abs(w.top - r.top), abs(w.bottom - r.bottom)) > max(0.5, vertical * r.size):
                where = f"{w.top:.1f}–{w.bottom:.1f} vs {r.top:.1f}–{r.bottom:.1f}"
                problems.append(f"{path.name} p{ours.number} {w.text}: top–bottom {where}")
        ruled = [sorted((x.orient, x.pos, x.start, x.end) for x in p.rulings) for p in (ours, ref)]
        if len(ruled[0]) != len(ruled[1]) or any(
            o1 != o2 or max(abs(p1 - p2), abs(s1 - s2), abs(e1 - e2)) > 0.5
            for (o1, p1, s1, e1), (o2, p2, s2, e2) in zip(*ruled, strict=True)
        ):
            problems.append(f"{path.name} p{ours.number}: rulings differ")
    return n, problems


@pytest.mark.parametrize("path", DIGITAL, ids=lambda p: p.stem)
def test_pdfium_reads_the_words_and_rulings_pdfplumber_reads(path: Path):
    # these LibreOffice exports give their fonts a /Descent of 0: pdfminer puts the em box's bottom
    # on the baseline, PDFium takes the descent from the font program (up to 0.2 em lower)
    n, problems = _compare(path, vertical=0.2)
    assert n > 50 and not problems, problems[:10]


def test_where_the_font_states_its_descent_the_boxes_are_the_same_within_half_a_point():
    n, problems = _compare(WORD_REPORT, vertical=0.0)
    assert n > 100 and not problems, problems[:10]


def test_both_readers_give_the_same_result():
    for path in [*DIGITAL[:3], WORD_REPORT]:
        ours, ref = extract(path), extract(path, Settings(reader="pdfplumber"))
        assert [t.rows for t in ours.tables] == [t.rows for t in ref.tables], path.name
        assert [t.columns for t in ours.tables] == [t.columns for t in ref.tables], path.name
        assert ours.narrative.text == ref.narrative.text, path.name
        assert [e.code for e in ours.entities] == [e.code for e in ref.entities], path.name
        assert ours.engines[0].name == "pdfium" and ref.engines[0].name == "pdfplumber"


def _ink_under(page: pdfium.PdfPage, boxes: list[tuple[float, float, float, float]]) -> float:
    """Share of boxes (points on the displayed page) with dark pixels inside, on the page as rendered."""
    image = np.asarray(page.render(scale=2.0, grayscale=True).to_pil())
    hits = 0
    for x0, top, x1, bottom in boxes:
        crop = image[int(top * 2) : int(bottom * 2) + 1, int(x0 * 2) : int(x1 * 2) + 1]
        hits += bool(crop.size and crop.min() < 128)
    return hits / len(boxes)


def _placed(src_path: Path, out: Path, size: tuple[float, float], matrix: pdfium.PdfMatrix, rotation: int = 0) -> Path:
    """A new one-page PDF of `size` with `src_path`'s page drawn on it as a form through `matrix`."""
    src = pdfium.PdfDocument(src_path)
    dst = pdfium.PdfDocument.new()
    form = src.page_as_xobject(0, dst).as_pageobject()
    form.transform(matrix)
    page = dst.new_page(*size)
    page.insert_obj(form)
    page.gen_content()
    page.set_rotation(rotation)
    dst.save(out)
    dst.close()
    src.close()
    return out


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_page_turned_by_rotate_is_read_as_it_is_displayed(tmp_path: Path, rotation: int):
    """A landscape table is often drawn turned in the page's own space and shown upright by
    /Rotate: its words are read upright, where the rendered page shows them."""
    rows = [["Region", "Accepted", "Done"], ["Ya'an", "1,204", "1,198"]]  # Helvetica: ink on any machine
    path = cells_table_pdf(tmp_path / "t.pdf", rows, font="Helvetica")
    w, h = A4
    turns = {  # the page's content drawn so that /Rotate shows it as it was
        90: ((h, w), pdfium.PdfMatrix(0, 1, -1, 0, h, 0)),
        180: ((w, h), pdfium.PdfMatrix(-1, 0, 0, -1, w, h)),
        270: ((h, w), pdfium.PdfMatrix(0, -1, 1, 0, 0, w)),
    }
    size, matrix = turns[rotation]
    turned = _placed(path, tmp_path / f"r{rotation}.pdf", size, matrix, rotation)
    with open_pdf(path) as doc:
        upright = read_page(PdfiumPage(doc[0], 1))
    with open_pdf(turned) as doc:
        page = read_page(PdfiumPage(doc[0], 1))
        assert (page.width, page.height) == pytest.approx((w, h))
        assert doc[0].get_size() == pytest.approx((w, h))
        assert _ink_under(doc[0], [(x.x0, x.top, x.x1, x.bottom) for x in page.words]) == 1.0

    def boxes(p: Page) -> list[tuple[str, float, float, float, float]]:
        return sorted((x.text, round(x.x0), round(x.top), round(x.x1), round(x.bottom)) for x in p.words)

    assert boxes(page) == boxes(upright)
    assert len(page.rulings) == len(upright.rulings) > 4
    pl = _pages(turned, "pdfplumber")[0]  # pdfplumber turns the page the same way
    assert [(t, x0, x1) for t, x0, _, x1, _ in boxes(pl)] == [(t, x0, x1) for t, x0, _, x1, _ in boxes(page)]


def test_a_cropbox_moves_the_origin_to_its_corner_and_leaves_out_nothing(tmp_path: Path):
    path = cells_table_pdf(tmp_path / "t.pdf", [["Region", "Accepted"], ["Ya'an", "1,204"]], font="Helvetica")
    with open_pdf(path) as doc:
        whole = read_page(PdfiumPage(doc[0], 1))
    doc = pdfium.PdfDocument(path)
    w, h = doc[0].get_size()
    doc[0].set_cropbox(30, 40, w - 20, h - 50)
    cropped = tmp_path / "c.pdf"
    doc.save(cropped)
    doc.close()
    with open_pdf(cropped) as doc:
        page = read_page(PdfiumPage(doc[0], 1))
        assert (page.width, page.height) == pytest.approx((w - 50, h - 90))
        assert _ink_under(doc[0], [(x.x0, x.top, x.x1, x.bottom) for x in page.words]) == 1.0
    moved = {(x.text, round(x.x0 + 30, 1), round(x.top + 50, 1)) for x in page.words}
    assert moved == {(x.text, round(x.x0, 1), round(x.top, 1)) for x in whole.words}


def test_rulings_inside_a_form_are_placed_by_the_forms_matrix(tmp_path: Path):
    """A page drawn as a form XObject (how imposition tools and some exporters place content),
    shrunk to half and moved: the rulings come out shrunk and moved with it."""
    path = cells_table_pdf(tmp_path / "t.pdf", [["地区", "受理"], ["雅安市", "1,204"]])
    placed = _placed(path, tmp_path / "form.pdf", A4, pdfium.PdfMatrix().scale(0.5, 0.5).translate(100, 200))
    with open_pdf(path) as doc:
        plain = read_page(PdfiumPage(doc[0], 1)).rulings
    with open_pdf(placed) as doc:
        nested = read_page(PdfiumPage(doc[0], 1))
    assert len(nested.rulings) == len(plain) > 4
    height = A4[1]

    def moved(y: float) -> float:  # a y counted from the top, through the form: y' = y/2 + 200 counted from the bottom
        return height - ((height - y) / 2 + 200)

    for r, p in zip(
        sorted(nested.rulings, key=lambda r: (r.orient, r.pos, r.start)),
        sorted(plain, key=lambda r: (r.orient, r.pos, r.start)),
        strict=True,
    ):
        if r.orient == "h":
            expected = (moved(p.pos), p.start / 2 + 100, p.end / 2 + 100)
        else:
            expected = (p.pos / 2 + 100, moved(p.start), moved(p.end))
        assert (r.pos, r.start, r.end) == pytest.approx(expected, abs=0.5)
    assert sorted(w.text for w in nested.words) == ["1,204", "受理", "地区", "雅安市"]


def test_a_page_covered_by_a_picture_counts_as_covered(tmp_path: Path):
    from tests.pdfs import image_only_pdf  # noqa: PLC0415

    png = tmp_path / "p.png"
    from PIL import Image  # noqa: PLC0415

    Image.new("L", (400, 560), 255).save(png)
    path = image_only_pdf(tmp_path / "scan.pdf", png)
    with open_pdf(path) as doc:
        assert PdfiumPage(doc[0], 1).image_coverage() == pytest.approx(1.0)
    c = canvas.Canvas(str(tmp_path / "half.pdf"), pagesize=A4)
    c.drawImage(str(png), 0, 0, width=A4[0], height=A4[1] / 2)
    c.save()
    with open_pdf(tmp_path / "half.pdf") as doc:
        assert PdfiumPage(doc[0], 1).image_coverage() == pytest.approx(0.5, abs=0.01)


def test_characters_beyond_the_bmp_are_read_whole_and_as_wide_as_they_are_printed():
    path = Path(__file__).parent / "data" / "beyond-bmp.pdf"  # see data/README.md
    ours, ref = _pages(path, "pdfium")[0], _pages(path, "pdfplumber")[0]
    assert [w.text for w in ours.words][:4] == ["𠮷野家", "位于郫都区", "𡈽地", "共12件"]
    assert [(w.text, round(w.x0, 1), round(w.x1, 1)) for w in ours.words] == [
        (w.text, round(w.x0, 1), round(w.x1, 1)) for w in ref.words
    ]


def test_text_in_a_type3_font_is_read_as_pdfplumber_reads_it(tmp_path: Path):
    path = type3_pdf(tmp_path / "type3.pdf")
    ours, ref = _pages(path, "pdfium")[0], _pages(path, "pdfplumber")[0]
    assert [w.text for w in ours.words] == ["办结办结", "结办"]
    assert [(w.text, round(w.x0, 1), round(w.x1, 1), round(w.top, 1), round(w.bottom, 1)) for w in ours.words] == [
        (w.text, round(w.x0, 1), round(w.x1, 1), round(w.top, 1), round(w.bottom, 1)) for w in ref.words
    ]
    assert len(ours.rulings) == len(ref.rulings) == 1
