import pytest

from extractor.layout.furniture import furniture_lines, is_page_number
from extractor.model.page import TextLine, Word


def line(text: str, top: float) -> TextLine:
    return TextLine((Word(text, 60, top, 60 + 12 * len(text), top + 12, size=12),))


def test_page_number_forms():
    for text in ("- 3 -", "—3—", "3", "第3页", "第 3 页 共 7 页", "3/7"):
        assert is_page_number(text), text
    for text in ("3月", "2021年", "一、"):
        assert not is_page_number(text), text


def test_running_head_and_footer_found_across_pages():
    page1 = [line("遂宁市政务服务简报 第4期", 20), line("正文第一段", 100), line("- 1 -", 800)]
    page2 = [line("遂宁市政务服务简报 第4期", 20), line("正文第二段", 100), line("- 2 -", 800)]
    marked = furniture_lines([(842.0, page1), (842.0, page2)])
    assert marked == {(0, 0), (0, 2), (1, 0), (1, 2)}


def test_a_number_in_the_middle_of_a_page_is_not_furniture():
    page = [line("正文", 100), line("12", 300), line("正文", 500)]
    assert furniture_lines([(842.0, page)]) == set()


@pytest.mark.parametrize("text", ["-2一", "— 3 —", "--", "～4～", "第2页"])
def test_page_numbers_as_ocr_reads_them(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["一", "一二", "2023年", "一、综合"])
def test_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)
