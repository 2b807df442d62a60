"""Trap generator: copies of a digital PDF with real-world text-layer traps that leave the page looking the same.

    python evaluation/traps.py IN.pdf [--label IN.label.json] -o OUTDIR [--traps all|invisible,...] [--seed N]
                               [--all-in-one] [--check]

Writes OUTDIR/<stem>--<trap>.pdf and, with --label, <stem>--<trap>.label.json (the label unchanged: the pages show
the same tables, so it stays valid). --all-in-one adds <stem>--all.pdf with every trap but picture; --check prints
the 100 dpi pixel difference to the original and any injected string missing from the text layer. A page's
original content is wrapped in q ... Q and the trap appended after it (double and picture edit it in place).
Every page with words gets the trap, except picture (one page):

  invisible  render mode 3 text (a hidden OCR layer) glued to the right of cell words and between table rows
             (合计 / 9999 / 隐藏文字 / [Table_Main] ...) in a glyphless font; plus a block in mode 7 (clip only).
  watermark  a grid of a string (a Chinese phrase the page's fonts can show + " GOV-2024"), rotated 35°, 3x the
             body size, grey at /ca 0.2 (ExtGState), over the page: visible but light, real text operators.
  double     fake bold: every BT ... ET block drawn once more offset by 0.2-0.4 pt (one in three a third time),
             so each character is in the text layer two or three times at nearly the same place.
  clip       strings over the table and a copy of a table text block (half a line lower) inside
             q 0 0 1 1 re W n ... Q: all clipped away.
  crop       a CropBox inset up to 18 pt from the visible box (all content stays inside); strings in the cut
             margin, right-aligned beside table rows and along the bottom.
  picture    first labelled table (box: its cell words + nearby ruling lines; pdfplumber's largest table if no
             label): its text-showing operators become blank TJ advances of the same width, its paths are ended
             with n instead of painted, and a 200 dpi render of the box (JPEG image XObject) is drawn in place.
  overlay    "[Table_Base]" + a Chinese string in an empty white spot near the table, then a white box over it.

Fonts: no CJK font is installed (venv and /usr/share/fonts carry only DejaVu/Vera, Latin), so visible Chinese
reuses the page's own embedded fonts by code (ToUnicode read back with pdfminer); ASCII the page lacks uses the
standard Helvetica (built into every renderer); hidden strings use a glyphless Type3 font made here and embedded
(empty glyphs + ToUnicode, like Tesseract's GlyphLessFont), so any character works and nothing shows.
Not handled: text in Form XObjects (not doubled or removed), /Rotate, Type0 fonts with a CMap other than Identity-H.
"""

import argparse
import io
import json
import math
import random
import re
import string
import unicodedata
from pathlib import Path

import numpy as np
import pdfplumber
import pikepdf
import pypdfium2 as pdfium
from pdfminer.cmapdb import CMapParser, FileUnicodeMap
from pdfminer.fontmetrics import FONT_METRICS
from pikepdf import Array, Dictionary, Name, Operator, String

TRAPS = ["invisible", "watermark", "double", "clip", "crop", "picture", "overlay"]
HIDDEN = ["合计", "9999", "隐藏文字", "[Table_Main]", "备注：见附件", "-1.5%"]
WATERMARKS, MARGIN = ["内部资料仅供参考", "仅供参考", "内部资料"], "[Table_Base] 第1页 共1页 "
NULL_CHARS = sorted(set("".join(HIDDEN) + MARGIN) | set(string.printable[:95]))
SHOW, PAINT = {"Tj", "TJ", "'", '"'}, {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}
PATH, MARKED = {"m", "l", "c", "v", "y", "re", "h"}, {"BDC", "BMC", "EMC", "MP", "DP"}
TSTATE = {"Tc": "tc", "Tw": "tw", "TL": "tl", "Tz": "th", "Ts": "rise"}


def op(name, *args):
    return pikepdf.ContentStreamInstruction(list(args), Operator(name))


def norm(s):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def mul(m, n):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def apply(m, x, y):
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


def inside(box, x, y, pad=0.0):
    return box[0] - pad <= x <= box[2] + pad and box[1] - pad <= y <= box[3] + pad


class Font:
    """Code length, glyph widths (text space per pt of size) and code -> unicode map of one font resource."""

    def __init__(self, fd):
        sub, self.w, self.dw, self.uni = fd.get("/Subtype"), {}, 0.5, {}
        self.two, self.type3 = sub == "/Type0", sub == "/Type3"
        self.scale = float(fd.FontMatrix[0]) if self.type3 else 0.001
        if self.two:
            desc = fd.DescendantFonts[0]
            self.dw, W, i = float(desc.get("/DW", 1000)) / 1000, list(desc.get("/W", [])), 0
            while i + 1 < len(W):
                if isinstance(W[i + 1], pikepdf.Array):
                    self.w.update({int(W[i]) + k: float(v) for k, v in enumerate(W[i + 1])})
                else:
                    self.w.update({k: float(W[i + 2]) for k in range(int(W[i]), int(W[i + 1]) + 1)})
                i += 2 if isinstance(W[i + 1], pikepdf.Array) else 3
        else:
            self.w = {int(fd.get("/FirstChar", 0)) + k: float(v) for k, v in enumerate(fd.get("/Widths", []))}
            afm = FONT_METRICS.get(str(fd.get("/BaseFont", "/"))[1:])
            self.w = self.w or {ord(ch): float(v) for ch, v in (afm[1] if afm else {}).items() if len(ch) == 1}
        if "/ToUnicode" in fd:
            cmap = FileUnicodeMap()
            CMapParser(cmap, io.BytesIO(fd.ToUnicode.read_bytes())).run()
            self.uni = dict(cmap.cid2unichr)
        elif not self.two:
            self.uni = {c: chr(c) for c in self.w if 32 <= c < 127}

    def codes(self, data):
        return [data[i] * 256 + data[i + 1] for i in range(0, len(data) - 1, 2)] if self.two else list(data)

    def width(self, code):
        return self.w[code] * self.scale if code in self.w else self.dw


def walk(instrs, fonts):
    """Yield (instruction, state before it, extra) from a minimal interpreter of CTM, text state and paths.
    extra: for a show operator {"centres": glyph centres in user space, "blank": a TJ array of equal advance};
    for a painting operator {"bbox": the path's bounding box in user space}."""
    st = dict(
        ctm=(1, 0, 0, 1, 0, 0),
        tm=(1, 0, 0, 1, 0, 0),
        tlm=(1, 0, 0, 1, 0, 0),
        font=None,
        fs=0.0,
        tc=0.0,
        tw=0.0,
        th=1.0,
        tl=0.0,
        rise=0.0,
    )
    stack, path = [], []
    for ins in instrs:
        name, a = str(ins.operator), list(ins.operands)
        f = [float(v) if isinstance(v, (int, float)) or type(v).__name__ == "Decimal" else v for v in a]
        before, extra = dict(st), None
        if name == "q":
            stack.append(dict(st))
        elif name == "Q" and stack:
            st.update({k: v for k, v in stack.pop().items() if k not in ("tm", "tlm")})
        elif name == "cm":
            st["ctm"] = mul(tuple(f), st["ctm"])
        elif name in ("BT", "Tm"):
            st["tm"] = st["tlm"] = tuple(f) if f else (1, 0, 0, 1, 0, 0)
        elif name == "Tf":
            st["font"], st["fs"] = str(a[0]), f[1]
        elif name in TSTATE:
            st[TSTATE[name]] = f[0] / 100 if name == "Tz" else f[0]
        elif name in ("Td", "TD", "T*", "'", '"'):
            dx, dy = (f[0], f[1]) if name in ("Td", "TD") else (0, -st["tl"])
            st["tl"] = -f[1] if name == "TD" else st["tl"]
            st["tm"] = st["tlm"] = mul((1, 0, 0, 1, dx, dy), st["tlm"])
            st["tw"], st["tc"] = (f[0], f[1]) if name == '"' else (st["tw"], st["tc"])
        if name in SHOW and st["font"] in fonts and st["fs"]:
            font, fs, th, extra = fonts[st["font"]], st["fs"], st["th"], {"centres": [], "blank": []}
            for it in a[0] if name == "TJ" else a[-1:]:
                if not isinstance(it, (bytes, pikepdf.String)):
                    st["tm"] = mul((1, 0, 0, 1, -float(it) / 1000 * fs * th, 0), st["tm"])
                    extra["blank"].append(float(it))
                    continue
                adv = 0.0
                for code in font.codes(bytes(it)):
                    w0 = font.width(code)
                    trm = mul((fs * th, 0, 0, fs, 0, st["rise"]), mul(st["tm"], st["ctm"]))
                    extra["centres"].append(apply(trm, w0 / 2, 0.35))
                    tx = w0 * fs + st["tc"] + (st["tw"] if code == 32 and not font.two else 0)
                    st["tm"], adv = mul((1, 0, 0, 1, tx * th, 0), st["tm"]), adv + tx
                extra["blank"].append(-adv * 1000 / fs)
        elif name in PATH:
            xy = (
                [(f[0] + u * f[2], f[1] + v * f[3]) for u in (0, 1) for v in (0, 1)]
                if name == "re"
                else [(f[i], f[i + 1]) for i in range(0, len(f) - 1, 2)]
            )
            path += [apply(st["ctm"], x, y) for x, y in xy]
        elif (name in PAINT or name == "n") and path:
            xs, ys = [p[0] for p in path], [p[1] for p in path]
            extra, path = {"bbox": (min(xs), min(ys), max(xs), max(ys))}, []
        yield ins, before, extra


class Ctx:
    """One page of the original as the traps see it: fonts and the characters they can show, body size, table
    boxes (pdf coordinates), the words and row bottoms of the first box, the injected strings."""

    def __init__(self, pdf, i, pl, tables, src, seed):
        self.pdf, self.page, self.index, self.src, self.H = pdf, pdf.pages[i], i, str(src), float(pl.height)
        self.rng, self.injected, node = random.Random(seed * 1000 + i), [], self.page.obj
        while "/Resources" not in node and "/Parent" in node:  # inherited resources: put them on the page
            node = node.Parent
        self.page.obj.Resources = node.get("/Resources", Dictionary())
        self.fonts = {str(k): Font(v) for k, v in self.page.obj.Resources.get("/Font", {}).items()}
        self.avail, self.outline = {}, {}  # char -> (font, code); outline: not Type3, usable in clip mode
        for fname, font in self.fonts.items():
            for code, u in font.uni.items():
                if len(u) == 1 and not u.isspace():
                    self.avail.setdefault(u, (fname, code))
                    if not font.type3:
                        self.outline.setdefault(u, (fname, code))
        self.words, self.text = pl.extract_words(), "".join(c["text"] for c in pl.chars)
        self.size = float(np.median([c["size"] for c in pl.chars if c["text"].strip()] or [10.0]))
        found = [self.table_box(pl, t) for t in tables]
        self.box0, self.hits0 = found[0] if found else (None, 0)
        w = self.words
        self.boxes = [b for b, _ in found if b] or (
            [
                self.to_pdf(
                    *(min(x[k] for x in w) for k in ("x0", "top")), *(max(x[k] for x in w) for k in ("x1", "bottom"))
                )
            ]
            if w
            else []
        )
        objs = pl.chars + pl.edges + pl.images
        self.content = (
            self.to_pdf(
                *(min(o[k] for o in objs) for k in ("x0", "top")), *(max(o[k] for o in objs) for k in ("x1", "bottom"))
            )
            if objs
            else None
        )
        self.cells = [
            x for x in w if self.boxes and inside(self.boxes[0], (x["x0"] + x["x1"]) / 2, self.H - x["bottom"])
        ]
        self.rows = sorted({round(x["bottom"]) for x in self.cells})

    def to_pdf(self, x0, top, x1, bottom):
        return (x0, self.H - bottom, x1, self.H - top)

    def table_box(self, pl, table):
        """Box of a labelled table on this page: its cell words (largest vertical cluster) + ruling lines."""
        cells = [norm(p) for p in table.get("columns", []) for p in p.split("/")]
        cells += [norm(c) for r in table.get("rows", []) for c in r]
        exact, blob, groups = set(cells), "\x00".join(cells), []
        for w in sorted(self.words, key=lambda w: w["top"]):
            t = norm(w["text"])
            if t in exact or (len(t) >= 2 and t in blob):
                if groups and w["top"] - groups[-1][-1]["bottom"] < 3 * self.size:
                    groups[-1].append(w)
                else:
                    groups.append([w])
        best = max(groups, key=len, default=[])
        if len(best) < 3:
            return None, 0
        x0, top = min(w["x0"] for w in best), min(w["top"] for w in best)
        x1, bot, pad = max(w["x1"] for w in best), max(w["bottom"] for w in best), 2 * self.size
        for _ in range(2):  # ruling lines that touch the box and are not much longer than it (not a page frame)
            w, h = x1 - x0, bot - top
            for e in pl.edges:
                if (
                    e["x1"] >= x0 - pad
                    and e["x0"] <= x1 + pad
                    and e["bottom"] >= top - pad
                    and e["top"] <= bot + pad
                    and e["x1"] - e["x0"] <= 1.5 * w + pad
                    and e["bottom"] - e["top"] <= 1.5 * h + pad
                ):
                    x0, x1, top, bot = min(x0, e["x0"]), max(x1, e["x1"]), min(top, e["top"]), max(bot, e["bottom"])
        return self.to_pdf(x0 - 1, top - 1, x1 + 1, bot + 1), len(best)

    def glyph(self, ch, hidden=False, mode=0):
        """(font resource, code bytes, width per pt) showing ch: the page's fonts, Helvetica, or glyphless."""
        avail = self.outline if mode == 7 else self.avail
        if not hidden and ch in avail:
            fname, code = avail[ch]
            return fname, code.to_bytes(2 if self.fonts[fname].two else 1, "big"), self.fonts[fname].width(code)
        if not hidden and 32 <= ord(ch) < 127:
            return "/TrapHelv", bytes([ord(ch)]), FONT_METRICS["Helvetica"][1].get(ch, 556) / 1000
        return "/TrapNull", bytes([NULL_CHARS.index(ch) + 1 if ch in NULL_CHARS else 1]), 1.0

    def show(self, text, size, hidden=False, mode=0):
        """Tf/Tj operators showing text from the current text position, and its width."""
        out, cur, width = [], None, 0.0
        for ch in text:
            fname, data, w = self.glyph(ch, hidden, mode)
            width += w * size
            if fname == cur:
                out[-1] = op("Tj", String(bytes(out[-1].operands[0]) + data))
            else:
                out, cur = [*out, op("Tf", Name(fname), size), op("Tj", String(data))], fname
        return out, width

    def text_at(self, text, x, y, size, hidden=False, mode=0):
        self.injected.append(text)
        return [op("BT"), op("Tr", mode), op("Td", x, y), *self.show(text, size, hidden, mode)[0], op("ET")]

    def cjk_run(self, outline=False):
        """A Chinese string the page's fonts can show: a usual watermark phrase or a run of the page text."""
        runs = WATERMARKS + [r for n in ("{4,8}", "{2,3}") for r in re.findall("[\u4e00-\u9fff]" + n, self.text)]
        return next((c for c in runs if all(ch in (self.outline if outline else self.avail) for ch in c)), "")

    def spots(self, n):
        """Text positions over the table: right after n cell words, and half-way between n pairs of rows."""
        out = [
            (w["x1"] + 0.3, self.H - w["bottom"] + 0.15 * self.size)
            for w in self.rng.sample(self.cells, min(n, len(self.cells)))
        ]
        pairs = list(zip(self.rows, self.rows[1:], strict=False))
        return out + [
            (self.boxes[0][0] + 2, self.H - (a + b) / 2 - 0.5 * self.size)
            for a, b in self.rng.sample(pairs, min(n, len(pairs)))
        ] or [(20, 20)]


def blocks(ctx):
    """([(index of ET, state at BT, the block's instructions without marked content, glyph centres)], all
    instructions of the page)."""
    instrs, out, cur = pikepdf.parse_content_stream(ctx.page.obj), [], None
    for i, (ins, st, extra) in enumerate(walk(instrs, ctx.fonts)):
        name = str(ins.operator)
        cur = (st, [], []) if name == "BT" else cur
        if cur is not None and name not in MARKED:
            cur[1].append(ins)
            cur[2].extend(extra["centres"] if extra and "centres" in extra else [])
        if name == "ET" and cur:
            out, cur = [*out, (i, *cur)], None
    return out, instrs


def add_resources(pdf, page):
    """The glyphless Type3 font /TrapNull, Helvetica /TrapHelv and the watermark's ExtGState /TrapGS."""
    res = page.obj.Resources
    for key in ("/Font", "/ExtGState", "/XObject"):
        res[key] = res.get(key, Dictionary())
    pairs = [f"<{k + 1:02X}> <{ord(c):04X}>" for k, c in enumerate(NULL_CHARS)]
    cmap = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /TrapNull def /CMapType 2 def",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "1 begincodespacerange <00> <FF> endcodespacerange",
    ]
    for i in range(0, len(pairs), 100):
        cmap += [f"{len(pairs[i : i + 100])} beginbfchar", *pairs[i : i + 100], "endbfchar"]
    cmap.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    res.Font.TrapNull = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type3,
            FontBBox=[0, 0, 1000, 1000],
            FontMatrix=[0.001, 0, 0, 0.001, 0, 0],
            CharProcs=Dictionary(g=pdf.make_stream(b"0 0 d0")),
            Resources=Dictionary(),
            FirstChar=1,
            LastChar=len(NULL_CHARS),
            Widths=[500 if ord(c) < 128 else 1000 for c in NULL_CHARS],
            Encoding=Dictionary(Type=Name.Encoding, Differences=[1] + [Name.g] * len(NULL_CHARS)),
            ToUnicode=pdf.make_stream("\n".join(cmap).encode()),
        )
    )
    res.Font.TrapHelv = Dictionary(
        Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding
    )
    res.ExtGState.TrapGS = Dictionary(Type=Name.ExtGState, ca=0.2, CA=0.2)


def trap_invisible(ctx):
    body = [i for x, y in ctx.spots(4) for i in ctx.text_at(ctx.rng.choice(HIDDEN), x, y, ctx.size, True, 3)]
    x, y = ctx.spots(1)[0]
    clip = ctx.text_at("[Table_Base]" + (ctx.cjk_run(True)[:4] or "1234"), x, y, ctx.size, mode=7)
    return [*body, op("q"), *clip, op("Q")]


def trap_watermark(ctx):
    text, size = ctx.cjk_run() + " GOV-2024", 3 * ctx.size
    (show, width), c, s = ctx.show(text, size), math.cos(math.radians(35)), math.sin(math.radians(35))
    W, H = float(ctx.page.mediabox[2]), float(ctx.page.mediabox[3])
    out, ctx.injected = [op("q"), op("gs", Name.TrapGS), op("g", 0.45)], [*ctx.injected, text]
    for j in range(-12, 13):
        for i in range(-6, 7):
            u, v = i * (width + 2 * size), j * 3.5 * size + (i % 2) * 1.75 * size
            x, y = W / 2 + u * c - v * s, H / 2 + u * s + v * c
            if -width < x < W and -width < y < H:
                out += [op("BT"), op("Tm", c, s, -s, c, x, y), *show, op("ET")]
    return [*out, op("Q")]


def trap_double(ctx):
    """In place: after each BT ... ET the same block inside q <offset> cm ... Q, one in three twice."""
    found, instrs = blocks(ctx)
    copies = {}
    for end, st, block, _ in found:
        (a, b, c, d), copies[end] = st["ctm"][:4], []
        for _ in range(2 if ctx.rng.random() < 0.33 else 1):
            r, t, det = ctx.rng.uniform(0.2, 0.4), ctx.rng.uniform(0, 2 * math.pi), a * d - b * c or 1.0
            dx, dy = r * math.cos(t), r * math.sin(t)  # in points, turned into the block's user space
            copies[end] += [
                op("q"),
                op("cm", 1, 0, 0, 1, (dx * d - dy * c) / det, (dy * a - dx * b) / det),
                *block,
                op("Q"),
            ]
    out = [x for i, ins in enumerate(instrs) for x in [ins, *copies.get(i, [])]]
    ctx.page.Contents = ctx.pdf.make_stream(pikepdf.unparse_content_stream(out))


def trap_clip(ctx):
    texts = [*HIDDEN, ctx.cjk_run()]
    body = [i for x, y in ctx.spots(3) for i in ctx.text_at(ctx.rng.choice(texts), x, y, ctx.size)]
    for _, st, instrs, centres in blocks(ctx)[0]:
        if ctx.boxes and st["font"] and centres and all(inside(ctx.boxes[0], x, y) for x, y in centres):
            body += [
                op("q"),
                op("cm", *st["ctm"]),
                op("Tf", Name(st["font"]), st["fs"]),
                op("Tc", st["tc"]),
                op("Tw", st["tw"]),
                op("Tz", st["th"] * 100),
                op("TL", st["tl"]),
                op("Ts", st["rise"]),
                op("cm", 1, 0, 0, 1, 0, -0.5 * st["fs"]),
                *instrs,
                op("Q"),
            ]
            break
    return [op("q"), op("re", 0, 0, 1, 1), op("W"), op("n"), *body, op("Q")]


def trap_crop(ctx):
    cb = [float(v) for v in ctx.page.obj.get("/CropBox", ctx.page.mediabox)]
    c = ctx.content or cb
    inset = max(2.0, min(18.0, min(c[0] - cb[0], c[1] - cb[1], cb[2] - c[2], cb[3] - c[3]) - 2))
    new = [cb[0] + inset, cb[1] + inset, cb[2] - inset, cb[3] - inset]
    ctx.page.obj.CropBox, out, size = Array(new), [], min(ctx.size, inset / 1.3)
    for top in ctx.rows[:3]:
        text = ctx.rng.choice([*HIDDEN, ctx.cjk_run()])
        out += ctx.text_at(text, new[0] - 2 - ctx.show(text, ctx.size)[1], ctx.H - top + 0.15 * ctx.size, ctx.size)
    return out + ctx.text_at(MARGIN + ctx.cjk_run(), new[0] + 5, new[1] - inset + 0.3 * size, size)


def trap_overlay(ctx):
    text = "[Table_Base] " + (ctx.cjk_run()[:4] or "合计")
    width, height = ctx.show(text, ctx.size)[1] + 4, 1.4 * ctx.size + 2
    grey = np.asarray(pdfium.PdfDocument(ctx.src)[ctx.index].render(scale=1).to_pil().convert("L"), np.int32)
    dirty = np.pad((grey < 250).cumsum(0).cumsum(1), ((1, 0), (1, 0)))  # integral image of non-white pixels
    w, h = math.ceil(width) + 2, math.ceil(height) + 2
    ys, xs = np.nonzero(dirty[h:, w:] - dirty[:-h, w:] - dirty[h:, :-w] + dirty[:-h, :-w] == 0)
    if not len(xs):
        return []
    box = ctx.boxes[0] if ctx.boxes else (0, 0, 0, ctx.H)  # nearest empty spot above the table's top-left
    k = int(np.argmin((xs - box[0]) ** 2 + (ys - (ctx.H - box[3] - h)) ** 2))
    x, y = float(xs[k]) + 1, ctx.H - float(ys[k]) - h + 1
    cover = [op("q"), op("g", 1), op("re", x, y, width, height), op("f"), op("Q")]
    return [*ctx.text_at(text, x + 2, y + 0.3 * ctx.size + 1, ctx.size), *cover]


def trap_picture(ctx, box, dpi=200):
    """In place: blank the table's text and paths, then draw a render of the box over it."""
    out = []
    for ins, _, extra in walk(pikepdf.parse_content_stream(ctx.page.obj), ctx.fonts):
        name, cs = str(ins.operator), (extra or {}).get("centres")
        if cs and sum(inside(box, x, y) for x, y in cs) * 2 > len(cs):
            out += (
                [op("T*")]
                if name == "'"
                else [op("Tw", ins.operands[0]), op("Tc", ins.operands[1]), op("T*")]
                if name == '"'
                else []
            )
            out.append(op("TJ", Array(extra["blank"])))
        elif name in PAINT and extra and inside(box, *extra["bbox"][:2], 1) and inside(box, *extra["bbox"][2:], 1):
            out.append(op("n"))  # keeps a W clip that may precede it
        else:
            out.append(ins)
    page, s = pdfium.PdfDocument(ctx.src)[ctx.index], dpi / 72
    left, _, _, t = page.get_cropbox()
    px0, py0, px1, py1 = (
        math.floor((box[0] - left) * s),
        math.floor((t - box[3]) * s),
        math.ceil((box[2] - left) * s),
        math.ceil((t - box[1]) * s),
    )
    buf = io.BytesIO()
    page.render(scale=s).to_pil().convert("RGB").crop((px0, py0, px1, py1)).save(buf, "JPEG", quality=92)
    ctx.page.obj.Resources.XObject.TrapImg = ctx.pdf.make_stream(
        buf.getvalue(),
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=px1 - px0,
        Height=py1 - py0,
        ColorSpace=Name.DeviceRGB,
        BitsPerComponent=8,
        Filter=Name.DCTDecode,
    )
    w, h = (px1 - px0) / s, (py1 - py0) / s
    out = [
        op("q"),
        *out,
        op("Q"),
        op("q"),
        op("cm", w, 0, 0, h, left + px0 / s, t - py0 / s - h),
        op("Do", Name.TrapImg),
        op("Q"),
    ]
    ctx.page.Contents = ctx.pdf.make_stream(pikepdf.unparse_content_stream(out))


def make(src, label, traps, seed=0):
    """Open src and apply the traps; returns the pikepdf.Pdf and the injected strings per page index."""
    pdf, tables = pikepdf.open(src), (label or {}).get("tables", [])
    with pdfplumber.open(src) as doc:
        ctxs = [Ctx(pdf, i, pl, tables, src, seed) for i, pl in enumerate(doc.pages)]
        best = max(range(len(ctxs)), key=lambda i: ctxs[i].hits0)
        if "picture" in traps and not ctxs[best].box0:  # no labelled table found: pdfplumber's largest table
            found = [(len(t.cells), i, t.bbox) for i, pl in enumerate(doc.pages) for t in pl.find_tables()]
            _, best, bbox = max(found, default=(0, 0, None))
            ctxs[best].box0 = bbox and ctxs[best].to_pdf(*bbox)
    for ctx in ctxs:
        if ctx.words:
            add_resources(pdf, ctx.page)
            extra = [
                i
                for t in ("double", "invisible", "clip", "overlay", "crop", "watermark")
                if t in traps
                for i in globals()["trap_" + t](ctx) or []
            ]
            if extra:
                ctx.page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
                ctx.page.contents_add(pdf.make_stream(b"Q\n" + pikepdf.unparse_content_stream(extra)))
    if "picture" in traps and ctxs[best].box0:
        trap_picture(ctxs[best], ctxs[best].box0)
    return pdf, {i: sorted(set(c.injected)) for i, c in enumerate(ctxs)}


def check(src, out, injected, dpi=100):
    """Per page: (mean absolute RGB difference 0-255 at dpi against the original with the output's crop boxes,
    the injected strings missing from the output's pdfplumber text layer)."""
    ref, buf, result = pikepdf.open(src), io.BytesIO(), []
    for p, q in zip(ref.pages, pikepdf.open(out).pages, strict=False):
        if "/CropBox" in q.obj:
            p.obj.CropBox = Array([float(v) for v in q.obj.CropBox])
    ref.save(buf)
    a, b = pdfium.PdfDocument(buf.getvalue()), pdfium.PdfDocument(out)
    with pdfplumber.open(out) as doc:
        for i in range(len(a)):
            ia, ib = (np.asarray(d[i].render(scale=dpi / 72).to_pil().convert("RGB"), np.float32) for d in (a, b))
            text = norm("".join(c["text"] for c in doc.pages[i].chars))
            result.append((float(np.abs(ia - ib).mean()), [s for s in injected.get(i, []) if norm(s) not in text]))
    return result


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pdf")
    ap.add_argument("--label")
    ap.add_argument("-o", "--outdir", required=True)
    ap.add_argument("--traps", default="all")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--all-in-one", action="store_true")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    src, outdir = Path(args.pdf), Path(args.outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    label = json.loads(Path(args.label).read_text(encoding="utf-8")) if args.label else None
    jobs = [(t, [t]) for t in (TRAPS if args.traps == "all" else args.traps.split(","))]
    for name, traps in jobs + ([("all", [t for t in TRAPS if t != "picture"])] if args.all_in_one else []):
        out = outdir / f"{src.stem}--{name}.pdf"
        pdf, injected = make(src, label, traps, args.seed)
        pdf.save(out)
        if label is not None:
            out.with_suffix(".label.json").write_text(json.dumps(label, ensure_ascii=False, indent=1), "utf-8")
        if not args.check:
            print(out)
            continue
        res = check(src, out, injected)
        print(
            f"{out.name}: pixel diff max {max(d for d, _ in res):.3f} mean {np.mean([d for d, _ in res]):.3f}; "
            f"missing strings {sum(len(m) for _, m in res)} of {sum(map(len, injected.values()))}"
            + "".join(f"\n  p{i + 1} missing {m}" for i, (_, m) in enumerate(res) if m)
        )


if __name__ == "__main__":
    main()
