import cv2
import numpy as np

from extractor.ingest.marks import with_marks
from extractor.ingest.words import Glyph
from extractor.model.page import Ruling


def test_a_lone_dash_in_an_empty_cell_is_found_and_strokes_of_text_are_not():
    page = np.full((200, 400), 255, np.uint8)
    page[98:101, 200:210] = 0  # a lone '-' in a cell, 10 × 3 px
    page[48:51, 40:50] = 0  # a flat stroke inside recognised text
    page[150:152, 0:400] = 0  # a ruling line
    text = [Glyph("行政", 30, 40, 80, 60, 20), Glyph("21", 120, 90, 140, 110, 20), Glyph("35", 300, 90, 320, 110, 20)]
    found = with_marks(page, text, [Ruling("h", 151, 0, 400)])
    assert found[:3] == text
    assert [(d.text, d.x0, d.x1) for d in found[3:]] == [("-", 200, 210)]


def test_noise_specks_are_not_dashes():
    rng = np.random.default_rng(1)
    page = np.full((200, 400), 255, np.uint8)
    ys, xs = rng.integers(0, 200, 300), rng.integers(0, 400, 300)
    page[ys, xs] = 0
    page = cv2.dilate(255 - page, np.ones((2, 2), np.uint8))
    page = 255 - page
    text = [Glyph("正文", 0, 0, 40, 20, 20)]
    assert with_marks(page, text, []) == text


def _page_with_marks() -> np.ndarray:
    page = np.full((120, 400), 255, np.uint8)
    cv2.circle(page, (100, 60), 8, 0, -1)  # ● 17 px across, a character 20 px tall
    cv2.circle(page, (200, 60), 8, 0, 2)  # ○
    cv2.rectangle(page, (292, 52), (308, 68), 0, 2)  # 口: a square ring, its corners inked
    page[59:62, 343:357] = 0  # a dash, its ends ragged as a scan leaves them
    page[59, 343] = page[61, 356] = page[59, 356] = 255
    return page


def test_dots_rings_and_ragged_dashes_alone_in_cells_are_found_and_a_square_is_not():
    text = [Glyph("合计", 10, 50, 50, 70, 20)]
    rows = [Ruling("h", 45, 0, 400), Ruling("h", 75, 0, 400)]  # the cells' rules, 15 px above and below
    found = with_marks(_page_with_marks(), text, rows)
    assert sorted((round(g.x0), g.text) for g in found[1:]) == [(92, "●"), (191, "○"), (343, "—")]
    assert all(g.confidence < 1 for g in found[1:])


def test_a_dot_or_ring_read_as_the_letter_o_becomes_the_mark_and_a_zero_stays():
    page = _page_with_marks()
    cv2.putText(page, "0", (20, 70), cv2.FONT_HERSHEY_SIMPLEX, 0.7, 0, 2)
    read = [
        Glyph("o", 93, 50, 108, 70, 20),  # the dot, read as o
        Glyph("O", 192, 50, 209, 70, 20),  # the ring, read as O
        Glyph("0", 18, 50, 36, 70, 20),  # a figure
        Glyph("合计", 280, 90, 320, 110, 20),
    ]
    found = with_marks(page, read, [])
    assert [g.text for g in found[:4]] == ["●", "○", "0", "合计"]
    words = [Glyph("O", 192, 50, 209, 70, 20), Glyph("K", 212, 50, 226, 70, 20)]  # OK: a word, not a mark
    assert [g.text for g in with_marks(page, words, [])[:2]] == ["O", "K"]
