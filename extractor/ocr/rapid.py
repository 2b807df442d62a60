"""RapidOCR: PaddleOCR's PP-OCR models as ONNX, shipped inside the `rapidocr` wheel (offline), or the
PP-OCRv6 tiny ones shipped in models/ocr/ (`EXTRACTOR_OCR_MODEL`: ocr/rapid_models.py; the tiny
detector's joined boxes cut: ocr/stacks.py; the unsure lines read again: ocr/reread.py)."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from importlib.metadata import version as package_version
from typing import Any, ClassVar

import numpy as np

from extractor.ingest.words import Glyph
from extractor.ocr.base import EngineNotInstalled, OcrEngine, OcrOptions
from extractor.ocr.ink import ink_segments, narrow_blanks, place_runs
from extractor.ocr.rapid_models import MODEL_SETS, det_params, rec_params
from extractor.ocr.reread import reread_unsure
from extractor.ocr.stacks import INK_SHARE, SplitStacks
from extractor.textutil import is_cjk

_rapidocr: Any
_IMPORT_ERROR: ImportError | None
try:
    import rapidocr as _rapidocr
except ImportError as exc:  # depends on the installation; the engine says how to fix it
    _rapidocr, _IMPORT_ERROR = None, exc
else:
    _IMPORT_ERROR = None


_RUN = re.compile(r"[A-Za-z0-9.,%+\-/:]+|\s+|.")


def _advance(run: str) -> float:
    """Width of a run in ems: Chinese characters and full-width forms 1, Latin letters and digits about 0.55."""
    if run.isspace():
        return 0.3 * len(run)
    return sum(1.0 if is_cjk(ch) else 0.55 for ch in run)


SLANT = 12.0  # degrees off the page's lines: text set aslant across the page (a watermark), not its content
LONG = 3.0  # a line's length over its height: only a long line's box shows how it runs


def slant(box: Any) -> float:
    """The angle (degrees) of a line box's top edge."""
    b = np.asarray(box, dtype=float)
    (x0, y0), (x1, y1) = b[0], b[1]
    return float(np.degrees(np.arctan2(y1 - y0, x1 - x0)))


def upright_lines(lines: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The lines that run with the page: a long line set SLANT degrees or more off the way most lines
    run is a watermark printed across the page (`VEXhG4H6dtY= UulAyiiEZ36…` diagonally over a lab
    report), whose boxes would cross every row of the table under it."""
    angles = [slant(line["box"]) for line in lines]
    usual = float(np.median(angles)) if angles else 0.0
    out = []
    for line, angle in zip(lines, angles, strict=True):
        b = np.asarray(line["box"], dtype=float)
        length, height = float(np.hypot(*(b[1] - b[0]))), float(np.hypot(*(b[3] - b[0])))
        if abs(angle - usual) >= SLANT and length >= LONG * height:
            continue
        out.append(line)
    return out


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
        self._ocr = _rapidocr.RapidOCR(params={**params, **det_params(models.det), **rec_params(models.rec)})
        if models.det == "tiny":
            self._ocr.text_det = SplitStacks(self._ocr._load_det_model())
        if models.reread:
            again = _rapidocr.RapidOCR(params={**params, **rec_params(models.reread)})
            reread_unsure(self._ocr, again, models)

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
                        "blanks": [] if chars else narrow_blanks(image, box),
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
        for line in upright_lines(raw["lines"]):
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
                    place_runs(_RUN.findall(line["text"]), pieces, line.get("blanks") or [], height)
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
