"""Repair keeps a reading only when the table's arithmetic then holds."""

from extractor.checks.repair import implied_text, repair_tables
from extractor.checks.stage import check_table
from extractor.model.page import Page
from extractor.model.result import DocumentMeta, ExtractionResult, Source
from tests.checks.tables import make_table

COLUMNS = ["序号", "单位", "受理/合计", "受理/即办件", "受理/承诺件", "办结"]
ROWS = [
    ["合计", "合计", "1,547", "809", "738", "1,519"],
    ["1", "甲镇", "593", "347", "246", "579"],
    ["2", "乙镇", "612", "301", "311", "601"],
    ["3", "丙镇", "342", "161", "181", "339"],
]


def scanned(rows: list[list[str]]):
    table = make_table(COLUMNS, [list(r) for r in rows])
    for c in table.cells:
        c.bbox = (10.0 * c.col, 10.0 * c.row, 10.0 * c.col + 9, 10.0 * c.row + 9)
    result = ExtractionResult(source=Source(path="x.pdf", sha256="0"), document=DocumentMeta(), tables=[table])
    check_table(table, result)
    return result, table


def cell(table, row, col):
    return next(c for c in table.cells if (c.row, c.col) == (row, col))


class Reader:
    """An engine whose reading of a cut-out cell is given: what the sharper crop would say."""

    def __init__(self, says: dict[tuple[int, int], str]) -> None:
        self.says, self.read = says, []

    def recognize(self, image):
        slot = self.at
        self.read.append(slot)
        text = self.says.get(slot)
        return {"lines": [{"text": text, "score": 0.99, "box": [[0, 0], [9, 0], [9, 9], [0, 9]]}] if text else []}


def run(result, table, says):
    reader = Reader(says)

    def cut(number, corners, dpi, colour):
        import numpy as np  # noqa: PLC0415

        if colour:  # the search for ink in empty cells: a white page
            return np.full((300, 600, 3), 255, np.uint8)
        x, y = corners[0]
        reader.at = (round(y / 10), round(x / 10))
        return np.full((30, 60), 255, np.uint8)

    pages = {1: Page(number=1, width=600, height=800, kind="scanned")}
    return repair_tables(result, pages, reader, cut), reader


def test_a_misread_figure_read_again_is_kept_when_the_sums_then_hold():
    rows = [list(r) for r in ROWS]
    rows[1][3] = "317"  # 347 misread
    result, table = scanned(rows)
    assert any(not c.ok for c in table.checks)
    repaired, _ = run(result, table, {(3, 3): "347"})  # grid row 3: two header rows, then 合计
    assert repaired == 1
    fixed = cell(table, 3, 3)
    assert fixed.text == "347" and fixed.repaired.from_ == "317" and "repaired" in fixed.flags
    assert all(c.ok for c in table.checks) and not table.review
    assert table.rows[1][3] == "347" and table.values[1][3] == 347


def test_a_reading_that_breaks_what_held_is_not_kept():
    rows = [list(r) for r in ROWS]
    rows[1][3] = "317"
    result, table = scanned(rows)
    repaired, _ = run(result, table, {(3, 3): "318", (2, 3): "810"})  # neither makes the sums hold
    assert repaired == 0
    assert cell(table, 3, 3).text == "317" and cell(table, 3, 3).repaired is None


def test_a_speck_read_as_a_point_is_put_right_by_the_sums_that_cross_there():
    rows = [list(r) for r in ROWS]
    rows[1][3] = "34.7"  # the paper has the speck too: read again, it says the same
    result, table = scanned(rows)
    assert implied_text(table, cell(table, 3, 3)) == "347"
    repaired, _ = run(result, table, {(3, 3): "34.7"})
    assert repaired == 1 and cell(table, 3, 3).text == "347"
    assert cell(table, 3, 3).repaired.by.startswith("the figure its failed sums agree on")


def test_a_total_misprinted_in_the_source_stays_as_printed():
    rows = [list(r) for r in ROWS]
    rows[0][5] = "1,529"  # the print's own slip: only the column says otherwise
    result, table = scanned(rows)
    assert implied_text(table, cell(table, 2, 5)) is None
    repaired, _ = run(result, table, {(2, 5): "1,529"})
    assert repaired == 0 and cell(table, 2, 5).text == "1,529" and table.review


def test_of_many_parts_the_one_a_misread_digit_accounts_for_is_read_first():
    from extractor.checks.repair import _suspects  # noqa: PLC0415

    parts = [[str(i), f"{i}镇", str(100 + 37 * i), str(60 + 11 * i), str(20 + 7 * i), str(5 * i)] for i in range(1, 13)]
    total = ["合计", "合计", *(str(sum(int(p[k]) for p in parts)) for k in range(2, 6))]
    rows = [total, *parts]
    rows[9][2] = str(int(rows[9][2]) + 300)  # one digit misread in the ninth part: 433 read as 733
    table = make_table(["序号", "单位", "受理", "办结", "网办", "即办"], rows)
    for c in table.cells:
        c.bbox = (10.0 * c.col, 10.0 * c.row, 10.0 * c.col + 9, 10.0 * c.row + 9)
    check_table(table)
    failed = [c for c in table.checks if not c.ok]
    assert len(failed) == 1 and len(failed[0].cells) == 13  # the total and its twelve parts
    first = _suspects(table)[:2]
    assert (10, 2) in [(c.row, c.col) for c in first]  # grid row 10: one header row, then 合计 and eight parts


def test_a_row_number_out_of_sequence_read_again_is_kept_when_the_count_then_holds():
    rows = [list(r) for r in ROWS] + [["4", "丁镇", "0", "0", "0", "0"], ["5", "戊镇", "0", "0", "0", "0"]]
    rows[2][0] = "8"  # 2 misread
    result, table = scanned(rows)
    assert "out_of_sequence" in cell(table, 4, 0).flags and not any(not c.ok for c in table.checks)
    repaired, _ = run(result, table, {(4, 0): "2"})
    assert repaired == 1 and cell(table, 4, 0).text == "2"
    assert cell(table, 4, 0).flags == ["repaired"]
    # read again and still 8 (on the paper so): it stays, flagged
    rows[2][0] = "8"
    result, table = scanned(rows)
    assert run(result, table, {(4, 0): "8"})[0] == 0 and "out_of_sequence" in cell(table, 4, 0).flags
