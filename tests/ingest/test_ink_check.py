"""A text layer over a picture, checked against the picture's ink (ingest/ink_check.py): a scan's
layer that says what the picture shows is read, one that does not is set aside and the picture is
OCR'd. Constructed cases put a committed sample's own page, rendered, over its text layer (made
invisible, or left under the picture) or over another page's; the real case is a published scan
whose invisible OCR layer is wrong."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from extractor.ingest import ink_check, raster
from extractor.ingest.digital import read_page
from extractor.ingest.pdfium_reader import PdfiumPage
from extractor.model.page import Word
from extractor.pipeline import _engine, extract
from extractor.settings import Settings
from tests.realworld.shared import SAMPLE, pages_of, real_file


def _scan_over_layer(src: Path, picture_page: int, layer_page: int, out: Path, invisible: bool) -> Path:
    """One page: the text and paths of `layer_page` (drawn invisibly, or in ink under the picture),
    then a 200 dpi render of `picture_page` over the whole page, as a scanner with OCR writes it."""
    with pdfium.PdfDocument(str(src)) as doc:
        picture = doc[picture_page - 1].render(scale=200 / 72).to_pil().convert("L")
    jpeg = io.BytesIO()
    picture.save(jpeg, "JPEG", quality=90)
    pdf = pikepdf.open(src)
    page = pdf.pages[layer_page - 1]
    width, height = float(page.mediabox[2]), float(page.mediabox[3])
    page.contents_coalesce()
    content = page.obj.Contents.read_bytes()
    if invisible:
        content = re.sub(rb"\bBT\b", b"BT 3 Tr", content)
    image = pikepdf.Stream(pdf, jpeg.getvalue())
    image.Type, image.Subtype, image.Filter = pikepdf.Name.XObject, pikepdf.Name.Image, pikepdf.Name.DCTDecode
    image.Width, image.Height, image.BitsPerComponent = picture.width, picture.height, 8
    image.ColorSpace = pikepdf.Name.DeviceGray
    page.add_resource(image, pikepdf.Name.XObject, pikepdf.Name.ImScan)
    draw = f"\nq {width:.2f} 0 0 {height:.2f} 0 0 cm /ImScan Do Q\n".encode()
    page.obj.Contents = pikepdf.Stream(pdf, b"q\n" + content + b"\nQ" + draw)
    keep = pdf.pages[layer_page - 1]
    for p in list(pdf.pages):
        if p.objgen != keep.objgen:
            pdf.pages.remove(p)
    pdf.save(out)
    return out


def _text(result) -> str:
    return result.narrative.text + "".join("".join(r) for t in result.tables for r in t.rows)


def test_only_words_lying_on_a_picture_make_a_layer_over_it():
    words = [Word("受理", 100, 100, 130, 112), Word("办结", 100, 700, 130, 712)]
    assert ink_check.over_picture(words, [(0, 0, 595, 842)])
    assert not ink_check.over_picture(words, [(0, 0, 595, 400)])  # half of them: a picture beside the text
    assert not ink_check.over_picture(words, [])


def test_a_word_is_read_whole_or_not_at_all():
    assert ink_check.says("2014", "2014")
    assert ink_check.says("59.11%", "59.11%,营")  # a neighbour's characters caught by the cut
    assert not ink_check.says("20t4", "2014")
    assert not ink_check.says("17", "17,000")  # more than a neighbour's slip: another word


@pytest.mark.parametrize("invisible", [True, False], ids=["invisible layer", "layer under the picture"])
def test_a_layer_that_says_what_the_picture_shows_is_read(tmp_path, invisible):
    pdf = _scan_over_layer(SAMPLE, 1, 1, tmp_path / "scan.pdf", invisible)
    with pdfium.PdfDocument(str(pdf)) as doc:
        reading = PdfiumPage(doc[0], 1)
        glyphs = reading.invisible_glyphs() if invisible else reading.glyphs()
        assert (len(reading.glyphs()) == 0) == invisible
        page = read_page(reading, glyphs)
        assert ink_check.over_picture(page.words, reading.image_boxes())
        agreement = ink_check.agreement(page.words, raster.render_page(doc[0]), _engine(Settings()))
    assert agreement is not None and agreement >= ink_check.AGREE
    result = extract(pdf, Settings())
    assert result.source.kind == "digital"  # read by its layer: no page was OCR'd
    expected = extract(SAMPLE, Settings(ocr=False))
    assert [t.rows for t in result.tables] == [t.rows for t in expected.tables if t.pages == [1]]


def test_a_layer_of_another_page_under_the_picture_is_set_aside(tmp_path):
    pdf = _scan_over_layer(SAMPLE, 1, 2, tmp_path / "mismatch.pdf", invisible=False)
    result = extract(pdf, Settings())
    assert result.source.kind == "scanned"
    page1, page2 = (_text(extract(pages_of(SAMPLE, [n], tmp_path / f"{n}.pdf"), Settings(ocr=False))) for n in (1, 2))
    shown = _text(result)
    assert sum(ch in shown for ch in set(page1) - set(page2)) > sum(ch in shown for ch in set(page2) - set(page1))


def test_a_real_scans_wrong_invisible_layer_disagrees_with_its_ink():
    """pr-136: a published scan whose invisible OCR layer reads `杭州份行`, `20t4`, `1IO,221.68`."""
    src = real_file("pdfplumber-pr-136-example.pdf")
    with pdfium.PdfDocument(str(src)) as doc:
        for n in (1, 2, 3):
            reading = PdfiumPage(doc[n - 1], n)
            page = read_page(reading, reading.invisible_glyphs())
            agreement = ink_check.agreement(page.words, raster.render_page(doc[n - 1]), _engine(Settings()))
            assert agreement is not None and agreement < ink_check.AGREE
