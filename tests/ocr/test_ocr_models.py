"""RapidOCR's model sets (issue 13): the PP-OCRv6 tiny files shipped in models/, read on a real page,
and the setting that chooses them."""

from __future__ import annotations

import hashlib
from types import SimpleNamespace

import numpy as np
import pypdfium2 as pdfium
import pytest

from extractor.errors import EngineNotInstalled
from extractor.ingest.prepare import prepare
from extractor.ingest.raster import render_page
from extractor.ocr import rapid_models, reread, stacks
from extractor.ocr.base import OcrOptions
from extractor.ocr.registry import load_engine
from extractor.pipeline import ocr_options as pipeline_options
from extractor.settings import Settings
from tests.conftest import SAMPLES

TINY = rapid_models.MODELS / rapid_models.TINY
SHA256 = {
    "det.onnx": "193bab7a04fca699a6c82e6abb5b81bdb28177f0abd4062552b04908dafb19f8",
    "rec.onnx": "9ef676d6ed3c88256a2d92c640c44f25b0c40947e111b14b8be8f594091563e6",
    "dict.txt": "2af150bab777d86fa1ce821f6a37eabea90f1bb99ab9c41f031262e892a747bc",
}


def test_tiny_model_files_are_shipped_as_the_manifest_says():
    manifest = (TINY / "MANIFEST.md").read_text(encoding="utf-8")
    assert (TINY / "LICENSE").read_text(encoding="utf-8").lstrip().startswith("Apache License")
    for name, digest in SHA256.items():
        assert hashlib.sha256((TINY / name).read_bytes()).hexdigest() == digest
        assert digest in manifest
    assert len((TINY / "dict.txt").read_text(encoding="utf-8").splitlines()) == 6904


def _scanned_page() -> np.ndarray:
    """Page 1 of bulletin-000-scan (an image-only PDF) rendered and prepared as the pipeline does."""
    doc = pdfium.PdfDocument(str(SAMPLES / "scanned" / "bulletin-000-scan.pdf"))
    try:
        return prepare(render_page(doc[0]).pixels, 0).image
    finally:
        doc.close()


@pytest.mark.parametrize("model", sorted(rapid_models.MODEL_SETS))
def test_every_model_set_reads_a_scanned_page(model):
    engine = load_engine("rapidocr", OcrOptions(model=model))
    raw = engine.recognize(_scanned_page())
    text = "".join(g.text for g in engine.to_glyphs(raw))
    assert "阿坝州政务服务工作简报" in text
    assert "政务服务" in text and len(text) > 500


def test_the_setting_chooses_the_models(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("EXTRACTOR_OCR_MODEL", "tiny")
    assert Settings().ocr_model == "tiny"
    options = pipeline_options(Settings())
    assert options.model == "tiny"  # the pipeline's engine follows the setting
    engine = load_engine("rapidocr", options)
    assert engine.version.endswith(", models tiny")  # results name the models that read them
    cfg = engine._ocr.cfg  # type: ignore[attr-defined]
    assert cfg.Det.model_path == str(TINY / "det.onnx") and cfg.Rec.model_path == str(TINY / "rec.onnx")
    assert list(cfg.Det.mean) == rapid_models.IMAGENET_MEAN
    monkeypatch.delenv("EXTRACTOR_OCR_MODEL")
    default = pipeline_options(Settings())
    assert default.model == "small" == OcrOptions().model
    assert hash(default) != hash(OcrOptions(model="tiny"))  # engines are cached per options


def test_unknown_model_names_the_choices():
    with pytest.raises(EngineNotInstalled, match="tiny"):
        load_engine("rapidocr", OcrOptions(model="huge"))


def test_missing_model_file_says_where(monkeypatch: pytest.MonkeyPatch, tmp_path):
    monkeypatch.setattr(rapid_models, "MODELS", tmp_path)
    with pytest.raises(EngineNotInstalled, match="EXTRACTOR_MODELS"):
        load_engine("rapidocr", OcrOptions(model="tiny"))


def test_a_column_of_lone_digits_found_as_one_box_is_cut_into_its_lines():
    page = np.full((200, 60, 3), 255, np.uint8)
    for top in (20, 60, 100, 140):  # four one-digit cells, 24 px tall, 16 px apart
        page[top : top + 24, 24:36] = 0
    tall = np.array([[18, 14], [42, 14], [42, 170], [18, 170]], dtype=float)
    pieces = stacks.stacked_lines(page, tall)
    assert len(pieces) == 4
    for piece, top in zip(pieces, (20, 60, 100, 140), strict=True):
        y0, y1 = piece[:, 1].min(), piece[:, 1].max()
        assert y0 < top and y1 > top + 24  # padded as the detector pads a line
        assert (top + 12 - y0) == pytest.approx(y1 - (top + 12))
        assert piece[:, 0].min() == 18 and piece[:, 0].max() == 42


def test_vertical_writing_and_lying_lines_are_left_whole():
    page = np.full((200, 60, 3), 255, np.uint8)
    for top in (20, 50, 80, 110):  # characters 26 px tall, 4 px apart: one line written downwards
        page[top : top + 26, 20:40] = 0
    tall = np.array([[16, 16], [44, 16], [44, 140], [16, 140]], dtype=float)
    assert len(stacks.stacked_lines(page, tall)) == 1
    wide = np.array([[0, 20], [60, 20], [60, 50], [0, 50]], dtype=float)
    assert len(stacks.stacked_lines(page, wide)) == 1


class _Decode:
    def __init__(self) -> None:
        self.character = ["blank", ":", "：", "a", "b", " "]

    def __call__(self, preds, return_word_box=False, **kwargs):
        out = []
        for p in preds:
            idx = p.argmax(axis=1)
            keep = (idx != 0) & np.r_[True, idx[1:] != idx[:-1]]
            out.append(("".join(self.character[i] for i in idx[keep]), float(p.max(axis=1)[keep].mean())))
        return out, []


def _steps(*rows: dict[int, float]) -> np.ndarray:
    preds = np.zeros((len(rows), 6))
    for t, row in enumerate(rows):
        for i, p in row.items():
            preds[t, i] = p
    return preds


def test_a_line_is_as_sure_as_its_least_sure_character_counting_width_variants_as_one():
    decode = reread.WithLeast(_Decode())
    preds = np.stack(
        [
            _steps({3: 0.99}, {0: 1.0}, {2: 0.5, 1: 0.45, 4: 0.05}, {5: 0.4, 0: 0.6}),  # a, then ：or :
            _steps({3: 0.99}, {0: 1.0}, {4: 0.55, 3: 0.45}, {5: 0.6, 0: 0.4}),  # a, then b or a, a space
        ]
    )
    (first, s1), (second, s2) = decode(preds)[0]
    assert (first, second) == ("a：", "ab ")
    assert s1.least == pytest.approx(0.95)  # ： or : is one character downstream
    assert s2.least == pytest.approx(0.55)  # b or a is a doubt; the space does not count
    assert s1.passed == s2.passed == 0.0


def test_a_character_the_decoding_passed_over_is_noticed():
    decode = reread.WithLeast(_Decode())
    preds = np.stack(
        [
            _steps({3: 0.9}, {0: 0.7, 4: 0.3}, {3: 0.95}),  # a, a: a b between them passed over
            _steps({3: 0.9}, {0: 0.6, 3: 0.4}, {4: 0.95}),  # a, b: the a held on one step longer
        ]
    )
    (first, s1), (second, s2) = decode(preds)[0]
    assert (first, second) == ("aa", "ab")
    assert s1.passed == pytest.approx(0.3) and s2.passed == 0.0


class _Reader:
    def __init__(self, texts, scores):
        self.texts, self.scores, self.seen = texts, scores, []
        self.return_word_box = False
        self.postprocess_op = _Decode()

    def _load_rec_model(self):
        return self

    def recognize_txt(self, crops):
        self.seen.append(list(crops))
        keys = [int(c[0, 0]) for c in crops]
        return SimpleNamespace(
            txts=tuple(self.texts[k] for k in keys),
            scores=tuple(self.scores[k] for k in keys),
            word_results=tuple(None for _ in crops),
        )


def _score(mean: float, least: float, passed: float = 0.0) -> float:
    s = reread.Score(mean)
    s.least, s.passed = least, passed
    return s


def test_lines_the_fast_recogniser_is_unsure_of_are_read_again_by_the_slow_one():
    models = rapid_models.ModelSet("tiny", "tiny", "small", 0.9, 0.8, reread_passed_above=0.15)
    fast = _Reader(
        {0: "汶川县", 1: "绵质镇", 2: "1-6月", 3: "24", 4: "三本年度"},
        {
            0: _score(0.99, 0.98),
            1: _score(0.93, 0.6),
            2: _score(0.85, 0.85),
            3: _score(1.0, 1.0),
            4: _score(0.99, 0.99, passed=0.4),
        },
    )
    slow = _Reader({1: "绵虒镇", 2: "1—6月", 4: "三、本年度"}, {1: 0.97, 2: 0.99, 4: 0.98})
    reread.reread_unsure(fast, slow, models)
    crops = [np.zeros((10, 10 * (i + 1))) for i in range(5)]
    for i, c in enumerate(crops):
        c[0, 0] = i  # the readers know a crop by its first pixel
    out = fast.recognize_txt(crops)
    # one character in doubt, the line as a whole, a character passed over
    assert [int(c[0, 0]) for c in slow.seen[0]] == [1, 2, 4]
    assert out.txts == ("汶川县", "绵虒镇", "1—6月", "24", "三、本年度")
    assert out.scores == (0.99, 0.97, 0.99, 1.0, 0.98) and all(type(s) is float for s in out.scores)


def test_no_more_than_the_share_of_an_image_is_read_again():
    models = rapid_models.ModelSet("tiny", "tiny", "small", 0.9, 0.8, reread_share=0.3)
    fast = _Reader({i: "x" for i in range(10)}, {i: _score(0.85 + i / 100, 0.5 + i / 100) for i in range(10)})
    slow = _Reader({i: "y" for i in range(10)}, dict.fromkeys(range(10), 0.99))
    reread.reread_unsure(fast, slow, models)
    crops = [np.full((10, 20), i) for i in range(10)]  # ten unsure lines of one length
    out = fast.recognize_txt(crops)
    assert [int(c[0, 0]) for c in slow.seen[0]] == [0, 1, 2]  # the least sure three
    assert out.txts == ("y", "y", "y", *"x" * 7)


def test_an_image_read_mostly_unsure_is_not_read_again():
    """Turned the wrong way (the orientation check will turn it and read it again) or not text."""
    models = rapid_models.ModelSet("tiny", "tiny", "small", 0.9, 0.8)
    fast = _Reader({i: "x" for i in range(4)}, {i: _score(0.6, 0.3) for i in range(4)})
    slow = _Reader({i: "y" for i in range(4)}, dict.fromkeys(range(4), 0.99))
    reread.reread_unsure(fast, slow, models)
    out = fast.recognize_txt([np.full((10, 20), i) for i in range(4)])
    assert slow.seen == [] and out.txts == ("x",) * 4 and out.scores == (0.6,) * 4
    fast.scores[0] = _score(0.99, 0.3)  # one line unsure on a page read well: read again
    fast.scores[1] = fast.scores[2] = fast.scores[3] = _score(0.99, 0.99)
    out = fast.recognize_txt([np.full((10, 20), i) for i in range(4)])
    assert [int(c[0, 0]) for c in slow.seen[0]] == [0] and out.txts == ("y", "x", "x", "x")


def _marked(text: str, sure: dict[int, float], gaps: tuple = ()) -> float:
    """A line's score with its characters evenly placed, all sure but those in `sure`."""
    s = reread.Score(0.97 if sure else 0.93)
    s.marks = tuple(((j + 0.5) / len(text), sure.get(j, 0.99)) for j in range(len(text)))
    s.gaps, s.least = gaps, min(p for _x, p in s.marks)
    s.passed = max((p for _i, p in gaps), default=0.0)
    return s


def test_only_the_characters_in_doubt_and_their_neighbours_are_read_again():
    models = rapid_models.ModelSet("tiny", "tiny", "small", 0.95, 0.9, reread_passed_above=0.15, reread_context=2)
    text = "汶川县绵质镇人民政府办公室通知"  # 15 characters, 10 px each; 质 in doubt
    crop = np.zeros((10, 150))
    crop[0, :] = 100 + np.arange(150) // 10  # a part of the crop is known by its first pixel: 100 + character
    windows = reread.parts_to_read(text, _marked(text, {4: 0.4}), 150, models)
    assert windows == [(2, 7, 20, 70)]  # 县绵质镇人, cut half-way between characters
    fast = _Reader({0: text}, {0: _marked(text, {4: 0.4})})
    slow = _Reader({102: "县绵虒镇人"}, {102: 0.98})
    reread.reread_unsure(fast, slow, models)
    crop[0, 0] = 0
    fast.texts, fast.scores = {0: text}, {0: _marked(text, {4: 0.4})}
    out = fast.recognize_txt([crop])
    assert slow.seen[0][0].shape == (10, 50)
    assert out.txts == ("汶川县绵虒镇人民政府办公室通知",)
    # a character passed over between 三 and 本 (index 2): both sides of the gap are read
    line = "通知三本年度工作安排如下所述"
    assert reread.parts_to_read(line, _marked(line, {}, gaps=((3, 0.4),)), 140, models) == [(0, 6, 0, 60)]


def test_a_line_is_read_whole_when_its_doubts_cover_most_of_it_or_it_is_short():
    models = rapid_models.ModelSet("tiny", "tiny", "small", 0.95, 0.9, reread_context=2)
    text = "汶川县绵质镇人民政府办公室通知"
    assert reread.parts_to_read(text, _marked(text, {2: 0.5, 7: 0.5, 12: 0.5}), 150, models) is None
    assert reread.parts_to_read("绵质镇人民", _marked("绵质镇人民", {1: 0.5}), 50, models) is None
    assert reread.parts_to_read(text, _marked(text, {}), 150, models) is None  # only the mean is low: no one to blame
    whole = rapid_models.ModelSet("tiny", "tiny", "small", 0.95, 0.9)  # no context asked for
    assert reread.parts_to_read(text, _marked(text, {4: 0.4}), 150, whole) is None
