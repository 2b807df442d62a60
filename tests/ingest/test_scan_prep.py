"""Page preparation and ruling detection on real rendered pages (the digital samples, turned into pixels)."""

from __future__ import annotations

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest

from extractor.ingest.digital import open_pdf, read_page
from extractor.ingest.image_rulings import detect_rulings
from extractor.ingest.pdfium_reader import PdfiumPage
from extractor.ingest.prepare import estimate_skew, invert_dark_regions, lines_run_vertically, prepare, to_grey
from extractor.ingest.scanned import drop_repeats
from extractor.ingest.triage import triage
from extractor.ingest.words import Glyph
from extractor.ocr.ink import share_out
from tests.conftest import DIGITAL

BULLETIN_000 = next(p for p in DIGITAL if p.stem == "bulletin-000")
DPI = 150


def render(index: int) -> np.ndarray:
    doc = pdfium.PdfDocument(str(BULLETIN_000))
    image = doc[index].render(scale=DPI / 72).to_numpy()[:, :, :3].copy()
    doc.close()
    return image


def rotate(image: np.ndarray, degrees: float) -> np.ndarray:
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(image, m, (w, h), borderValue=(255, 255, 255))


@pytest.mark.parametrize("degrees", [-4.0, -1.5, 2.5])
def test_skew_is_found(degrees: float):
    page = rotate(render(0), degrees)
    assert estimate_skew(cv2.cvtColor(page, cv2.COLOR_RGB2GRAY)) == pytest.approx(-degrees, abs=0.15)


def test_text_page_turned_by_90_degrees_is_noticed():
    grey = cv2.cvtColor(render(0), cv2.COLOR_RGB2GRAY)
    assert not lines_run_vertically(grey)
    assert lines_run_vertically(np.rot90(grey))


def test_prepared_points_map_back_to_the_original():
    page = rotate(render(0), 2.0)
    prepared = prepare(page, quarter_turns=1)
    h, w = prepared.image.shape
    for x, y in ((0, 0), (w - 1, h - 1), (w / 2, h / 2)):
        ox, oy = prepared.to_original(x, y)
        assert -60 <= ox <= page.shape[1] + 60 and -60 <= oy <= page.shape[0] + 60


def test_image_rulings_match_the_vector_rulings():
    """The table page rendered to pixels gives the rulings the PDF draws, within a point."""
    with open_pdf(BULLETIN_000) as doc:
        vector = read_page(PdfiumPage(doc[2], 3)).rulings
    found = detect_rulings(cv2.cvtColor(render(2), cv2.COLOR_RGB2GRAY))
    scale = 72 / DPI
    found_h = sorted(r.pos * scale for r in found if r.orient == "h")
    for r in (r for r in vector if r.orient == "h"):
        assert min(abs(r.pos - y) for y in found_h) < 1.0
    found_v = sorted(r.pos * scale for r in found if r.orient == "v")
    for r in (r for r in vector if r.orient == "v"):
        assert min(abs(r.pos - x) for x in found_v) < 1.0
    assert len(found_h) <= len([r for r in vector if r.orient == "h"]) + 2  # no text strokes taken for lines


def test_triage():
    text = list("州政务服务中心主任谢荣妹")
    assert triage(text, 0.0) == "text"
    assert triage([], 0.0) == "ocr"
    assert triage(["(cid:12)"] * 30 + text, 0.0) == "ocr"
    assert triage(["\ue001"] * 30 + text, 0.0) == "ocr"
    assert triage(text[:3], 0.95) == "ocr"  # a page number stamped on a scan
    mojibake = "å·\x9eæ\x94¿å\x8a¡æ\x9c\x8då\x8a¡ä¸\xadå¿\x83"  # 州政务服务中心 read as Latin-1
    assert triage(list(mojibake), 0.0) == "ocr"
    assert triage(list("Café No. 5 — 2021年"), 0.0) == "text"


def test_a_character_read_twice_by_overlapping_detections_is_kept_once():
    line = [Glyph(ch, 10 + 10 * i, 0, 19 + 10 * i, 10, 10, confidence=0.95) for i, ch in enumerate("中心心")]
    stray = [Glyph("心", 21, 1, 30, 11, 10, confidence=0.6), Glyph("心", 31, 1, 39, 11, 10, confidence=0.6)]
    kept = drop_repeats(line + stray)
    assert "".join(g.text for g in sorted(kept, key=lambda g: g.x0)) == "中心心"  # 心心 printed twice stays
    assert all(g.confidence == 0.95 for g in kept)


def test_dark_text_on_a_grey_shaded_band_is_left_as_it_is():
    """A photographed header row shaded grey, dark enough for the page's threshold to call it a
    fill: its text is darker than the shading, not lighter, so nothing is inverted."""
    page = np.full((400, 600), 250, np.uint8)
    cv2.rectangle(page, (50, 50), (550, 130), 120, -1)
    cv2.putText(page, "HEAD", (200, 110), cv2.FONT_HERSHEY_SIMPLEX, 1.8, 10, 5)
    assert np.array_equal(invert_dark_regions(page), page)


def test_light_text_on_a_dark_band_is_inverted_and_the_band_made_paper():
    page = np.full((400, 600), 250, np.uint8)
    cv2.rectangle(page, (50, 50), (550, 130), 70, -1)  # a blue header band, as the red channel sees it
    cv2.putText(page, "HEAD", (200, 110), cv2.FONT_HERSHEY_SIMPLEX, 1.8, 255, 5)  # white text on it
    cv2.putText(page, "body 123", (200, 250), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 20, 4)  # dark text stays
    out = invert_dark_regions(page)
    band, text = out[60:125, 60:190], out[80:112, 205:330]
    assert np.median(band) > 230  # the fill is paper now
    assert text.min() < 60  # and the letters are ink
    assert np.array_equal(out[200:300], page[200:300])


def test_text_is_shared_over_the_pieces_of_ink_it_was_printed_in():
    placed = share_out([("1", 0.55)] + [(ch, 1.0) for ch in "城东社区"], [(100.0, 108.0), (140.0, 220.0)])
    assert placed[0] == ("1", 100.0, 108.0)
    assert [p[0] for p in placed[1:]] == list("城东社区") and placed[1][1] == 140.0


def test_a_ruling_photographed_aslant_is_found_and_a_thick_stroke_is_not():
    page = np.full((1200, 900), 255, np.uint8)
    cv2.line(page, (400, 100), (418, 1100), 0, 3)  # drifts 18 px over 1000: wider than a line's box allows
    cv2.line(page, (700, 100), (718, 1100), 0, 20)  # a bar, not a ruling
    xs = sorted(round(r.pos) for r in detect_rulings(page) if r.orient == "v" and r.length > 500)
    assert xs == [409]


def test_a_red_seal_and_rule_become_paper_and_figures_printed_in_red_stay_ink():
    page = np.full((1000, 1400, 3), 255, np.uint8)
    cv2.circle(page, (1000, 500), 170, (220, 30, 30), 12)  # a seal's ring, RGB
    cv2.line(page, (1000, 300), (1000, 700), (0, 0, 0), 6)  # a black rule across it breaks the ring
    cv2.putText(page, "*", (960, 540), cv2.FONT_HERSHEY_SIMPLEX, 3, (220, 30, 30), 8)  # a piece on its own
    cv2.putText(page, "3800", (100, 300), cv2.FONT_HERSHEY_SIMPLEX, 1.5, (230, 20, 20), 4)  # a red figure
    cv2.putText(page, "4300", (100, 700), cv2.FONT_HERSHEY_SIMPLEX, 1.5, (20, 20, 20), 4)
    cv2.line(page, (100, 900), (700, 900), (220, 30, 30), 4)  # a red rule under a masthead
    grey = to_grey(page)
    assert grey[895:905, 100:700].min() > 200
    ring = (grey[490:510, 822:840].min(), grey[490:510, 1162:1180].min(), grey[440:540, 940:990].min())
    assert page[490:510, 822:840].min() == 30 and min(ring) > 200  # ring and star gone
    assert grey[400:600, 995:1005].min() < 60  # the black rule stays
    assert grey[260:305, 100:220].min() < 60  # the red figure is ink
    assert grey[660:705, 100:220].min() < 60


def test_a_table_ruled_in_red_keeps_its_rules_and_a_seal_touching_them_goes():
    """A packing list printed with dark red rules and black text, stamped: the grid and the seal join
    into one red piece as tall and wide as a seal, yet only the seal is paper."""
    page = np.full((1400, 1000, 3), 255, np.uint8)
    red = (170, 20, 30)
    for y in range(200, 1201, 100):
        cv2.line(page, (150, y), (850, y), red, 3)
    for x in (150, 300, 700, 850):
        cv2.line(page, (x, 200), (x, 1200), red, 3)
    cv2.circle(page, (380, 650), 110, (220, 30, 30), 3)  # the seal's ring, over the rules
    cv2.putText(page, "42", (320, 560), cv2.FONT_HERSHEY_SIMPLEX, 1.5, (20, 20, 20), 4)
    grey = to_grey(page)
    assert grey[195:205, 450:650].min() < 120 and grey[900:1000, 695:705].min() < 120  # rules stay ink
    assert grey[640:660, 265:275].min() > 200 and grey[640:660, 485:495].min() > 200  # the ring is paper
    assert grey[530:565, 320:400].min() < 60  # the black figure inside


def _ink_line(blocks: list[tuple[int, int]], height: int = 30) -> tuple[np.ndarray, list[list[float]]]:
    """A grey line image with a character's worth of ink (strokes, not a solid bar a ruling would be)
    at each (x0, x1), and its box."""
    img = np.full((height + 10, 400), 255, np.uint8)
    for x0, x1 in blocks:
        img[8 : 8 + height - 6 : 4, x0:x1] = 0
    return img, [[0.0, 5.0], [400.0, 5.0], [400.0, 5.0 + height], [0.0, 5.0 + height]]


def test_figures_beside_words_are_cut_at_a_narrow_blank_where_the_text_breaks():
    """`11 碱性磷酸酶`: the figures and the name are two cells 0.7 line heights apart (narrower than a
    piece's blank): the figures stay on their ink, the name starts after the blank."""
    from extractor.ocr.ink import ink_segments, narrow_blanks, place_runs  # noqa: PLC0415
    from extractor.ocr.rapid import _RUN  # noqa: PLC0415

    img, box = _ink_line([(10, 22), (24, 34), (55, 80), (84, 109), (113, 138), (142, 167), (171, 196)])
    pieces = ink_segments(img, box)
    assert len(pieces) == 1  # one piece: 21 px is less than a piece's blank
    placed = place_runs(_RUN.findall("11碱性磷酸酶"), pieces, narrow_blanks(img, box), 30.0)
    assert placed[0][0] == "11" and placed[0][2] <= 35
    assert placed[1][0] == "碱" and placed[1][1] >= 54


def test_a_blank_inside_words_without_a_break_keeps_its_place():
    """`本月（件）`: a full-width bracket carries white beside its ink; no break in the text, no cut."""
    from extractor.ocr.ink import ink_segments, narrow_blanks, place_runs, share_out  # noqa: PLC0415
    from extractor.ocr.rapid import _RUN  # noqa: PLC0415

    img, box = _ink_line([(10, 35), (39, 64), (82, 90), (94, 119), (123, 131)])
    pieces, blanks = ink_segments(img, box), narrow_blanks(img, box)
    assert blanks  # the bracket's white is a narrow blank
    placed = place_runs(_RUN.findall("本月（件）"), pieces, blanks, 30.0)
    assert placed == share_out([(ch, 1.0) for ch in "本月（件）"], pieces)


def test_an_enumeration_is_not_cut_from_its_text():
    """`1、本保单…`: figures beside punctuation, not a letter: the ideographic comma's white is no cell gap."""
    from extractor.ocr.ink import ink_segments, narrow_blanks, place_runs, share_out  # noqa: PLC0415
    from extractor.ocr.rapid import _RUN  # noqa: PLC0415

    img, box = _ink_line([(10, 20), (36, 44), (48, 73), (77, 102)])
    pieces, blanks = ink_segments(img, box), narrow_blanks(img, box)
    assert blanks
    runs = _RUN.findall("1、本保")
    assert place_runs(runs, pieces, blanks, 30.0) == share_out([(r, 0.55 if r == "1" else 1.0) for r in runs], pieces)


def _dotted_form() -> np.ndarray:
    """A dot-matrix form: rules printed as dots 2 px wide every 4 px, faint; one row 60 px tall
    divided by rules shorter than a glyph may be; strokes of text inside cells."""
    page = np.full((2400, 1000), 255, np.uint8)  # a rule is at least 2400 / 35 = 68 px long
    for y in (200, 260, 320, 540):
        for x in range(100, 900, 4):
            page[y : y + 2, x : x + 2] = 150
    for x in (100, 900):
        for y in range(200, 541, 4):
            page[y : y + 2, x : x + 2] = 150
    for x in (300, 500, 700):  # the form row: dotted rules from one horizontal rule to the next
        for y in range(200, 261, 4):
            page[y : y + 2, x : x + 2] = 150
    cv2.line(page, (600, 335), (600, 390), 0, 3)  # a glyph's stroke clear of the rules above and below
    cv2.line(page, (650, 322), (650, 370), 0, 3)  # one touching the rule above only
    cv2.line(page, (400, 262), (400, 319), 0, 3)  # one from rule to rule, alone in its row
    return page


def test_dotted_rules_and_the_short_rules_of_a_form_row_are_found():
    text = [Glyph("l", 590, 340, 610, 370, 30, False), Glyph("卜", 390, 275, 410, 305, 30, False)]
    found = detect_rulings(_dotted_form(), glyphs=text)
    across = sorted(int(r.pos) for r in found if r.orient == "h" and r.end - r.start > 700)
    assert across == [200, 260, 320, 540]
    upright = sorted(int(r.pos) for r in found if r.orient == "v")
    assert upright == [100, 300, 500, 700, 900]  # not the stroke at 600


def test_strokes_of_a_bold_heading_as_tall_as_its_row_are_no_rules_and_a_forms_rules_stand_clear():
    """A header row as tight as its bold headings: each heading's upright strokes run from rule to
    rule (`剩余金额`'s 刂), other ink of the character right beside them. The rules of a form row
    stand off the text of the cells either side."""
    page = np.full((2400, 1000), 255, np.uint8)
    for y in (200, 244, 320):
        cv2.line(page, (100, y), (900, y), 0, 2)
    for x in (100, 900):
        cv2.line(page, (x, 200), (x, 320), 0, 2)
    for x in (300, 600):  # strokes: a short one 3 px to the left, the next character 5 px to the right
        cv2.line(page, (x, 201), (x, 243), 0, 4)
        cv2.line(page, (x - 9, 210), (x - 9, 230), 0, 3)
        page[208:236, x + 7 : x + 30] = np.where(np.arange(23) % 6 < 3, 0, 255).astype(np.uint8)
    for x in (400, 700):  # the form row's rules, text 12 px clear of them
        cv2.line(page, (x, 245), (x, 319), 0, 2)
        page[265:300, x - 50 : x - 12] = np.where(np.arange(38) % 6 < 3, 0, 255).astype(np.uint8)
        page[265:300, x + 12 : x + 50] = np.where(np.arange(38) % 6 < 3, 0, 255).astype(np.uint8)
    text = [Glyph("剩", 280, 206, 310, 238, 30, False), Glyph("额", 580, 206, 610, 238, 30, False)]
    upright = sorted(int(r.pos) for r in detect_rulings(page, glyphs=text) if r.orient == "v")
    assert 300 not in upright and 600 not in upright
    assert {400, 700} <= set(upright)


def test_digits_stacked_in_a_narrow_column_are_no_dotted_rule():
    """A 行次 column: `1`, `4`, `7` … centred, one under the other, their strokes in line like the dots
    of a dot-matrix rule. Read as characters there, they are text; unread, they would pass for one."""
    page = np.full((2400, 1000), 255, np.uint8)
    for x in (100, 900):
        cv2.line(page, (x, 200), (x, 1400), 0, 2)
    digits = []
    for k in range(30):
        top = 210 + 32 * k
        cv2.line(page, (500, top), (500, top + 28), 0, 3)
        digits.append(Glyph("1", 490, top, 510, top + 28, 28, False))
    names = [Glyph("项", 200, 210 + 32 * k, 228, 238 + 32 * k, 28, False) for k in range(30)]
    bare = sorted(int(r.pos) for r in detect_rulings(page) if r.orient == "v")
    read = sorted(int(r.pos) for r in detect_rulings(page, glyphs=digits + names) if r.orient == "v")
    assert 500 in bare and read == [100, 900]


def test_a_dotted_line_fills_in_broken_pieces_and_adds_nothing_beside_a_whole_rule():
    from extractor.ingest.image_rulings import _fill_in  # noqa: PLC0415
    from extractor.model.page import Ruling  # noqa: PLC0415

    whole = [Ruling("h", 100, 0, 1000)]
    assert _fill_in(whole, [Ruling("h", 104, 5, 995)]) == whole  # a photographed rule found a little off
    broken = [Ruling("h", 300, 0, 300), Ruling("h", 301, 500, 1000), Ruling("h", 600, 0, 1000)]
    filled = _fill_in(broken, [Ruling("h", 300.5, 2, 998)])
    assert sorted((r.pos, r.start, r.end) for r in filled) == [(300.5, 2, 998), (600, 0, 1000)]


def test_a_flag_is_cut_from_the_unit_after_it():
    """`↓ g/L`: a result's flag, a third of a line height before its unit, is a piece of its own."""
    from extractor.ocr.ink import ink_segments, narrow_blanks, place_runs  # noqa: PLC0415
    from extractor.ocr.rapid import _RUN  # noqa: PLC0415

    img, box = _ink_line([(10, 16), (26, 40), (44, 52), (56, 70)])
    pieces = ink_segments(img, box)
    assert len(pieces) == 1
    placed = place_runs(_RUN.findall("↓g/L"), pieces, narrow_blanks(img, box), 30.0)
    assert [p[0] for p in placed] == ["↓", "g/L"]
    assert placed[0][2] <= 17 and placed[1][1] >= 25


def test_a_watermark_set_aslant_across_the_page_is_not_read_as_its_text():
    from extractor.ocr.rapid import upright_lines  # noqa: PLC0415

    def line(text: str, x: float, y: float, w: float, h: float, degrees: float) -> dict:
        c, s = np.cos(np.radians(degrees)), np.sin(np.radians(degrees))
        corners = [(0, 0), (w, 0), (w, h), (0, h)]
        return {"text": text, "box": [[x + a * c - b * s, y + a * s + b * c] for a, b in corners]}

    lines = [line(f"row {i}", 100, 100 + 40 * i, 300, 30, 0.5) for i in range(8)]
    lines += [
        line("VEXhG4H6dtY= UulAyiiEZ36", 100, 400, 900, 60, -20),  # the watermark
        line("7iiEZ36", 300, 300, 120, 60, -19),  # a short piece of it: no telling how it runs
        line("3.5", 500, 100, 60, 30, -15),
    ]
    kept = [x["text"] for x in upright_lines(lines)]
    assert "VEXhG4H6dtY= UulAyiiEZ36" not in kept and {"7iiEZ36", "3.5", "row 0"} <= set(kept)
