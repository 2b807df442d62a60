"""A fast recogniser's reading with the lines it is unsure of read again by a slow one
(`ModelSet.reread`, the `tiered` model set): how sure each character is, which parts of a line to
read again, and the second reading itself."""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np

from extractor.ocr.rapid_models import ModelSet


class Score(float):
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


class WithLeast:
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
            s = Score(score)
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


def parts_to_read(text: str, score: Any, width: int, models: ModelSet) -> list[Window] | None:
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


def reread_unsure(fast: Any, slow: Any, models: ModelSet) -> None:
    """`fast` reads every line; the lines it is unsure of are read again by `slow`'s recogniser,
    whose reading stands: with `reread_context`, only the parts around the characters in doubt
    (a character and its neighbours read by the slow recogniser replace those the fast one read),
    else the whole line. The least sure first, and no more than `reread_share` of the image's
    lines by length (the first always): an image read mostly unsure — the orientation check's
    samples turned the wrong way, a page of noise — costs a bounded share more, not the slow
    recogniser's full price."""
    first = fast._load_rec_model()
    first.postprocess_op = WithLeast(first.postprocess_op)
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
            i: None if fast.return_word_box else parts_to_read(txts[i], scores[i], crops[i].shape[1], models)
            for i in unsure
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
