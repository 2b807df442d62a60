import cv2
import numpy as np

from extractor.ingest.perspective import find_sheet, flatten


def photo(cut_corner: bool) -> tuple[np.ndarray, np.ndarray]:
    """A bright sheet, keystoned, on a dark desk; optionally its bottom-left corner in shadow."""
    img = np.full((1000, 800), 50, np.uint8)
    corners = np.array([[120, 80], [690, 100], [730, 930], [70, 900]], np.int32)
    cv2.fillConvexPoly(img, corners, 225)
    if cut_corner:
        cv2.fillConvexPoly(img, np.array([[60, 820], [160, 940], [40, 960]], np.int32), 50)
    return img, corners.astype(float)


def test_sheet_corners_found_even_with_a_shadowed_corner():
    for cut in (False, True):
        img, truth = photo(cut)
        found = find_sheet(img)
        assert found is not None
        assert np.abs(found - truth).max() < 12, (cut, found.round())


def test_flattened_sheet_maps_back_to_the_photo():
    img, truth = photo(False)
    flat, back = flatten(img, truth)
    h, w = flat.shape
    corner = back @ np.array([w - 1, h - 1, 1.0])
    assert np.allclose(corner[:2] / corner[2], truth[2], atol=1.5)
    assert flat[h // 2, w // 2] == 225


def test_a_scan_filling_the_frame_and_uneven_paper_are_left_alone():
    scan = np.full((1000, 800), 230, np.uint8)
    assert find_sheet(scan) is None
    gradient = np.tile(np.linspace(170, 230, 800, dtype=np.uint8), (1000, 1))
    assert find_sheet(gradient) is None
