from extractor.model.page import Ruling
from extractor.tables.grid import build_grid
from extractor.tables.regions import find_regions
from extractor.tables.spans import find_cells
from tests.tables.helpers import box_rulings


def test_two_separate_tables_are_two_regions():
    a = box_rulings([(0, 0, 50, 10), (50, 0, 100, 10), (0, 10, 50, 20), (50, 10, 100, 20)])
    b = box_rulings([(0, 100, 50, 110), (50, 100, 100, 110)])
    regions = find_regions(a + b)
    assert [round(r.top) for r in regions] == [0, 100]


def test_lone_horizontal_rule_is_not_a_table():
    assert find_regions([Ruling("h", 50, 0, 500)]) == []


def test_three_level_header_spans():
    # row 0: A (rowspan 3) | G (colspan 4)
    # row 1:               | G1 (colspan 2) | G2 (colspan 2)
    # row 2:               | a | b | c | d
    cells = [
        (0, 0, 20, 30),
        (20, 0, 100, 10),
        (20, 10, 60, 20),
        (60, 10, 100, 20),
        (20, 20, 40, 30),
        (40, 20, 60, 30),
        (60, 20, 80, 30),
        (80, 20, 100, 30),
        (0, 30, 20, 40),
        (20, 30, 40, 40),
        (40, 30, 60, 40),
        (60, 30, 80, 40),
        (80, 30, 100, 40),
    ]
    rulings = box_rulings(cells)
    (region,) = find_regions(rulings)
    grid = build_grid(region)
    assert grid.n_cols == 5 and grid.n_rows == 4
    boxes = {(c.row, c.col): (c.rowspan, c.colspan) for c in find_cells(grid, region.rulings)}
    assert boxes[(0, 0)] == (3, 1)
    assert boxes[(0, 1)] == (1, 4)
    assert boxes[(1, 1)] == (1, 2) and boxes[(1, 3)] == (1, 2)
    assert boxes[(2, 4)] == (1, 1)
    assert len(boxes) == 1 + 1 + 2 + 4 + 5


def test_open_sided_table_gets_outer_columns():
    # horizontal rules 0..100, inner verticals only (no left/right border)
    rulings = [Ruling("h", y, 0, 100) for y in (0, 10, 20)] + [Ruling("v", x, 0, 20) for x in (40, 70)]
    (region,) = find_regions(rulings)
    grid = build_grid(region)
    assert grid.xs == (0, 40, 70, 100)
