from extractor.ingest.rulings import from_lines, from_rects, merge
from extractor.ingest.words import Glyph, build_words, group_lines
from extractor.model.page import Ruling


def glyphs(text: str, x0: float, top: float = 100.0, size: float = 10.0, gap: float = 0.0) -> list[Glyph]:
    return [
        Glyph(ch, x0 + i * (size + gap), top, x0 + i * (size + gap) + size, top + size, size, False)
        for i, ch in enumerate(text)
    ]


def test_glyphs_on_a_line_make_one_word():
    words = build_words(glyphs("汶川县", 10), [])
    assert [w.text for w in words] == ["汶川县"]


def test_vertical_ruling_splits_touching_cells():
    gs = glyphs("12", 10) + glyphs("34", 31)  # 1 pt apart: would fuse without the ruling
    assert [w.text for w in build_words(gs, [])] == ["1234"]
    assert [w.text for w in build_words(gs, [Ruling("v", 30.5, 50, 150)])] == ["12", "34"]


def test_wide_gap_and_space_split_words():
    gs = glyphs("受理", 10) + glyphs("办结", 60) + [Glyph(" ", 90, 100, 93, 110, 10, False)] + glyphs("件", 93)
    assert [w.text for w in build_words(gs, [])] == ["受理", "办结", "件"]


def test_two_lines_are_two_words():
    gs = glyphs("第一行", 10, top=100) + glyphs("第二行", 10, top=115)
    assert [w.text for w in build_words(gs, [])] == ["第一行", "第二行"]


def test_thin_rects_become_rulings_and_shading_does_not():
    rects = [
        {"x0": 10, "x1": 200, "top": 50, "bottom": 50.5, "fill": True, "stroke": False, "non_stroking_color": (0,)},
        {"x0": 10, "x1": 10.5, "top": 50, "bottom": 150, "fill": True, "stroke": False, "non_stroking_color": (0,)},
        {"x0": 10, "x1": 200, "top": 60, "bottom": 80, "fill": True, "stroke": False, "non_stroking_color": (0.8,)},
        {"x0": 10, "x1": 200, "top": 60, "bottom": 80, "fill": True, "stroke": False, "non_stroking_color": (1, 1, 1)},
    ]
    rulings = from_rects(rects)
    assert sorted(r.orient for r in rulings) == ["h", "v"]


def test_stroked_rect_gives_four_edges():
    rulings = from_rects(
        [{"x0": 0, "x1": 100, "top": 0, "bottom": 50, "fill": False, "stroke": True, "stroking_color": (0,)}]
    )
    assert sorted((r.orient, r.pos) for r in rulings) == [("h", 0), ("h", 50), ("v", 0), ("v", 100)]


def test_white_and_diagonal_lines_are_ignored():
    lines = [
        {"x0": 0, "x1": 100, "top": 10, "bottom": 10, "stroking_color": (1, 1, 1)},
        {"x0": 0, "x1": 100, "top": 10, "bottom": 60, "stroking_color": (0,)},
    ]
    assert from_lines(lines) == []


def test_cell_by_cell_border_merges_into_one_line():
    pieces = [Ruling("h", 100.2, 0, 50), Ruling("h", 99.9, 50, 120), Ruling("h", 100, 121, 200)]
    (merged,) = merge(pieces)
    assert merged.start == 0 and merged.end == 200


def test_a_block_several_lines_tall_does_not_pull_the_lines_beside_it_into_one():
    block = Glyph("编三个组", 30, 300, 56, 429, 26)  # OCR read a label wrapped in a narrow cell as one box
    lines = [
        Glyph(ch, 170 + 20 * i, top, 188 + 20 * i, top + 20, 20)
        for top in (317, 349, 395)
        for i, ch in enumerate("第一组")
    ]
    grouped = group_lines([block, *lines])
    assert ["".join(g.text for g in line if g is not block) for line in grouped] == ["第一组"] * 3


def test_a_glyph_of_a_large_font_keeps_its_line():
    title = [Glyph(ch, 100 + 80 * i, 50, 175 + 80 * i, 125, 75) for i, ch in enumerate("政务服务")]
    body = [
        Glyph(ch, 100 + 20 * i, top, 118 + 20 * i, top + 20, 20) for top in (200, 230) for i, ch in enumerate("受理")
    ]
    grouped = group_lines([*body, *title])
    assert ["".join(g.text for g in line) for line in grouped] == ["政务服务", "受理", "受理"]


def test_two_lines_pulled_into_one_by_a_tall_glyph_stay_two_lines():
    """A cell's two lines (`学校代码名称` over `011001`) with a large glyph reaching over both (a watermark's
    character, a bracket): never interleaved character by character (`学0校1代1码0名0称1`)."""

    def g(text, x, y, size=10.0):
        return Glyph(text, x, y, x + size, y + size, size)

    upper = [g(c, 100 + 10 * i, 100) for i, c in enumerate("学校代码名称")]
    lower = [g(c, 105 + 10 * i, 111, 8) for i, c in enumerate("011001")]
    tall = Glyph("水", 60, 95, 92, 127, 32)
    words = [w.text for w in build_words([*upper, *lower, tall], [])]
    assert "学校代码名称" in words and "011001" in words


def test_an_ocr_run_across_a_long_ruling_is_cut_where_a_letter_meets_a_figure():
    """A lab report's two panels read as one run (`10^9/L` ends the left panel, `14` starts the right):
    the divider runs through it; the cut falls at `L|14`, not where even widths would put it."""
    divider = Ruling("v", 112.0, 0.0, 300.0)
    run = Glyph("10.00109/L14", 10.0, 100.0, 120.0, 110.0, 10.0)
    assert [w.text for w in build_words([run], [divider])] == ["10.00109/L", "14"]


def test_a_ruling_through_a_word_with_no_break_and_a_strokes_length_cut_nothing():
    """A curled photo's bent rule, set straight, crossing a date; a character's stroke found as a
    short ruling."""
    date = Glyph("2024.09.24", 10.0, 100.0, 110.0, 110.0, 10.0)
    assert [w.text for w in build_words([date], [Ruling("v", 60.0, 0.0, 300.0)])] == ["2024.09.24"]
    run = Glyph("10.00109/L14", 10.0, 100.0, 120.0, 110.0, 10.0)
    assert [w.text for w in build_words([run], [Ruling("v", 112.0, 98.0, 112.0)])] == ["10.00109/L14"]
    code = Glyph("C10706", 3.0, 100.0, 83.0, 110.0, 10.0)  # its box drawn to the cell's left rule
    assert [w.text for w in build_words([code], [Ruling("v", 3.0, 0.0, 300.0)])] == ["C10706"]
