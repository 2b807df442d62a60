from extractor.model.page import TextLine, Word
from extractor.narrative.metadata import cn_number, find_metadata, month_mention
from extractor.narrative.paragraphs import PageLines


def line(text: str, top: float, size: float = 12.0, x0: float = 60.0) -> TextLine:
    return TextLine((Word(text, x0, top, x0 + size * len(text), top + size, size=size),))


BODY = "正文" * 40  # body text outweighs the title, as in any bulletin


def test_chinese_numerals():
    assert cn_number("十一") == 11 and cn_number("十") == 10 and cn_number("二〇二一") == 2021 and cn_number("4") == 4
    assert cn_number("几") is None


def test_month_mention_skips_day_dates():
    assert month_mention("11月6日，州政务服务中心…11月，全州") == (None, 11)
    assert month_mention("（2021年4月）") == (2021, 4)
    assert month_mention("十二月份") == (None, 12)
    assert month_mention("5月12日至13日") is None


def test_december_bulletin_published_in_january_reports_last_year():
    first = PageLines(1, [line("政务服务工作简报（12月）", 40, size=18), line("12月，全县受理…" + BODY, 80)])
    last = PageLines(2, [line("汶川县政务服务中心", 400, x0=380), line("2020年1月8日", 420, x0=390)])
    meta = find_metadata([first, last])
    assert meta.published == "2020-01-08"
    assert meta.period == "2019-12"
    assert meta.issuer == "汶川县政务服务中心"


def test_masthead_date_and_issuer():
    first = PageLines(
        1,
        [
            line("政务服务简报", 40, size=22),
            line("阿坝州政务服务中心编", 90),
            line("2019年9月6日", 90, x0=420),
            line("8月，全州受理…" + BODY, 130),
        ],
    )
    meta = find_metadata([first])
    assert (meta.issuer, meta.published, meta.period) == ("阿坝州政务服务中心", "2019-09-06", "2019-08")


def test_title_on_two_lines_and_unknown_year():
    first = PageLines(
        1, [line("关于2018年2月份省一体化政务服务平台运行情况的通", 40, 18), line("报", 62, 18), line(BODY, 100)]
    )
    meta = find_metadata([first])
    assert meta.title == "关于2018年2月份省一体化政务服务平台运行情况的通报"
    assert meta.period == "2018-02"
    first = PageLines(1, [line("阿坝州政务服务工作简报（11月）", 40, 18), line("11月，州直各部门…" + BODY, 80)])
    assert find_metadata([first]).period == "--11"


def test_a_title_without_its_period_takes_the_first_section_headings():
    """兴宁市统计信息, 2024年第4期: the issue number is not a month; the first heading states the period.
    A cumulative period in a sentence of a monthly bulletin does not (its month is the period)."""
    head = [line("兴宁市统计信息", 40, size=22), line("2024年第4期", 80), line("兴宁市统计局", 100)]
    first = PageLines(
        1, [*head, line("2024年5月20日", 100, x0=420), line("一、2024年1—4月全市经济运行简况", 140, size=14),
            line("4月末，全市存款余额…4月18日召开会议" + BODY, 170)],
    )  # fmt: skip
    meta = find_metadata([first])
    assert (meta.period, meta.period_kind) == ("2024-01/2024-04", "months")
    monthly = PageLines(1, [*head, line("2024年5月20日", 100, x0=420), line("1—4月累计受理…4月，全市" + BODY, 140)])
    assert find_metadata([monthly]).period_kind == "month"
