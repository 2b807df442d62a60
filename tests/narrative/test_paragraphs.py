from extractor.model.page import TextLine, Word
from extractor.narrative.paragraphs import PageLines, build_narrative


def line(text: str, top: float, x0: float = 60.0, size: float = 12.0, bold: bool = False) -> TextLine:
    return TextLine((Word(text, x0, top, x0 + size * len(text), top + size, size=size, bold=bold),))


def test_paragraphs_split_at_indent_heading_and_sentence_end():
    body = "一" * 40  # a full line: 60 → 540
    lines = [
        line("●全州政务服务工作完成情况", 100, bold=True),
        line("11月，" + body[:38], 120, x0=84),
        line(body, 140),
        line("办结率为100%。", 160),
        line("11月6日，" + body[:37], 180, x0=84),
        line("杯”首届趣味篮球赛。", 200),
    ]
    n = build_narrative([PageLines(1, lines)])
    texts = [n.text[p.span[0] : p.span[1]] for p in n.paragraphs]
    assert texts[0] == "●全州政务服务工作完成情况" and n.paragraphs[0].heading
    assert texts[1].startswith("11月，") and texts[1].endswith("办结率为100%。")
    assert texts[2].startswith("11月6日") and texts[2].endswith("杯”首届趣味篮球赛。")
    assert len(texts) == 3


def test_offsets_run_over_pages():
    n = build_narrative([PageLines(1, [line("第一页。", 100)]), PageLines(2, [line("第二页。", 100)])])
    assert [(p.page, n.text[p.span[0] : p.span[1]]) for p in n.paragraphs] == [(1, "第一页。"), (2, "第二页。")]
