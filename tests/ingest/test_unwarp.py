"""Page curl: measured on the page's rules, flattened by the shipped UVDoc model only where it bends."""

from __future__ import annotations

import cv2
import numpy as np

from extractor.ingest.unwarp import BENT, bend, unwarp
from tests.realworld.shared import real_file


def _ruled_page(sag: float) -> np.ndarray:
    """A page of ten long rules that sag by `sag` × the width in the middle (a curled sheet), with
    rows of text-like ink between them."""
    h, w = 1400, 1000
    page = np.full((h, w), 235, np.uint8)
    xs = np.arange(100, 900)
    for k in range(10):
        y0 = 200 + 100 * k
        ys = y0 + sag * w * (1 - ((xs - 500) / 400) ** 2)
        pts = np.stack([xs, ys], axis=1).astype(np.int32)
        cv2.polylines(page, [pts], False, 30, 3)
        for x in range(140, 860, 60):
            cv2.rectangle(page, (x, y0 + 40), (x + 30, y0 + 60), 60, -1)
    return page


def test_bent_rules_are_measured_and_a_flat_page_is_left_alone():
    assert bend(_ruled_page(0.0)) < BENT / 4
    assert bend(_ruled_page(0.02)) > BENT
    assert unwarp(_ruled_page(0.0)) is None  # no model run on a flat page


def test_text_without_rules_gives_no_measure():
    page = np.full((1400, 1000), 235, np.uint8)
    for y in range(200, 1200, 50):
        for x in range(100, 900, 40):
            cv2.rectangle(page, (x, y), (x + 25, y + 25), 40, -1)
    assert bend(page) is None


def test_a_curled_phone_photo_comes_out_straighter():
    """rapidundistort-demo1: a hospital order sheet photographed curling towards the bottom."""
    grey = cv2.imread(str(real_file("rapidundistort-demo1.png")), cv2.IMREAD_GRAYSCALE)
    before = bend(grey)
    assert before is not None and before > BENT
    flat, back = unwarp(grey) or (None, None)
    assert flat is not None and back is not None
    after = bend(flat)
    assert after is not None and after < 0.6 * before
    # the way back lands inside the photo
    h, w = flat.shape
    corners = cv2.perspectiveTransform(np.array([[[w / 2, h / 2]]], np.float32), back)[0][0]
    assert 0 <= corners[0] < grey.shape[1] and 0 <= corners[1] < grey.shape[0]


def test_rules_leaning_towards_a_point_below_the_page_stand_upright():
    """Keystone with no sheet edge in the photo: vertical rules meeting 6000 px below the page."""
    from extractor.ingest.perspective import upright_rules  # noqa: PLC0415

    h, w = 1600, 1200
    page = np.full((h, w), 235, np.uint8)
    vx, vy = 600, 6000
    for x in range(100, 1101, 125):  # where each rule crosses the top edge
        bottom = x + (vx - x) * (h - 100) / (vy - 100)
        cv2.line(page, (x, 100), (round(bottom), h - 100), 30, 3)
    for y in range(100, h - 99, 140):
        cv2.line(page, (60, y), (w - 60, y), 30, 3)
    standing, back = upright_rules(page) or (None, None)
    assert standing is not None and back is not None
    ink = standing < 128
    columns = ink[200:1400].mean(axis=0)  # rules upright: each column of ink runs the whole height
    assert (columns > 0.8).sum() >= 9 * 2  # nine rules, two or more pixels wide each
    assert upright_rules(standing) is None  # upright now


def test_a_flat_photo_taken_inside_the_sheets_edges_has_its_rules_stood_upright():
    """No sheet edge to find and no curl: `paper` still stands leaning rules upright."""
    from extractor.ingest.prepare import paper  # noqa: PLC0415

    h, w = 1600, 1200
    page = np.full((h, w), 235, np.uint8)
    vx, vy = 600, 6000
    for x in range(100, 1101, 125):
        cv2.line(page, (x, 100), (round(x + (vx - x) * (h - 200) / (vy - 100)), h - 100), 30, 3)
    for y in range(100, h - 99, 140):
        cv2.line(page, (60, y), (w - 60, y), 30, 3)
    flat = paper(np.dstack([page] * 3))
    assert not np.allclose(flat.to_photo, np.eye(3))
    columns = (flat.grey < 128)[300:1300].mean(axis=0)
    assert (columns > 0.8).sum() >= 9 * 2


def test_a_scan_turned_a_little_is_left_to_the_deskew():
    """Rules all leaning one way, 1° at the left to 2.6° at the right (a scan turned a little, its paper
    not quite flat): they converge far below, but a turned page is the deskew's, not keystone."""
    from extractor.ingest.perspective import upright_rules  # noqa: PLC0415

    page = np.full((1600, 1200), 235, np.uint8)
    for k, x in enumerate(range(100, 1101, 125)):
        lean = np.tan(np.radians(1.0 + 0.2 * k))
        cv2.line(page, (x, 100), (round(x + lean * 1400), 1500), 30, 3)
    assert upright_rules(page) is not None  # after an unwarp, such rules are stood upright
    assert upright_rules(page, centred=True) is None


def test_a_page_whose_rules_stand_upright_is_left_alone():
    from extractor.ingest.perspective import upright_rules  # noqa: PLC0415

    page = np.full((1600, 1200), 235, np.uint8)
    for x in range(100, 1101, 125):
        cv2.line(page, (x, 100), (x, 1500), 30, 3)
    assert upright_rules(page) is None
