import cv2
import numpy as np

from extractor.ingest.dashes import find_dashes
from extractor.ingest.words import Glyph
from extractor.model.page import Ruling


def test_a_lone_dash_in_an_empty_cell_is_found_and_strokes_of_text_are_not():
    page = np.full((200, 400), 255, np.uint8)
    page[98:101, 200:210] = 0  # a lone '-' in a cell, 10 × 3 px
    page[48:51, 40:50] = 0  # a flat stroke inside recognised text
    page[150:152, 0:400] = 0  # a ruling line
    text = [Glyph("行政", 30, 40, 80, 60, 20), Glyph("21", 120, 90, 140, 110, 20), Glyph("35", 300, 90, 320, 110, 20)]
    dashes = find_dashes(page, text, [Ruling("h", 151, 0, 400)])
    assert [(d.text, d.x0, d.x1) for d in dashes] == [("-", 200, 210)]


def test_noise_specks_are_not_dashes():
    rng = np.random.default_rng(1)
    page = np.full((200, 400), 255, np.uint8)
    ys, xs = rng.integers(0, 200, 300), rng.integers(0, 400, 300)
    page[ys, xs] = 0
    page = cv2.dilate(255 - page, np.ones((2, 2), np.uint8))
    page = 255 - page
    assert find_dashes(page, [Glyph("正文", 0, 0, 40, 20, 20)], []) == []
