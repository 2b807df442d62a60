#!/usr/bin/env python3
"""Build degraded "scanned" copies of digital samples in samples/scanned/.

    .venv/bin/python samples/make_scans.py [NAME ...]   # NAME: output stem or kind

Each output renders every page of one digital sample with pypdfium2, passes it
through a chain of degradations (one function each, below) and writes an
image-only PDF: one full-page JPEG per page, page box = the original page size
in points (width and height swapped for a page turned by 90°), no text layer.
The digital label is copied unchanged beside it: the text is the same, and the
name `<digital stem>-scan-<kind>` lets the evaluation pair it with its twin.
Fixed seeds and a hand-written PDF (no dates) make reruns byte-identical.
Needs only what the extractor already needs (pypdfium2, pdfplumber, numpy,
opencv, Pillow) and the Noto Serif CJK font for the seal's text.
"""
from __future__ import annotations

import io
import math
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import cv2
import numpy as np
import pdfplumber
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
DIGITAL, SCANNED = HERE / "digital", HERE / "scanned"
SEAL_FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"  # index 2 = SC


@dataclass
class Ctx:
    """What a degradation may know about the page it works on."""
    index: int                      # page number, from 0
    dpi: int
    rng: np.random.Generator        # one per output file, seeded

    def px(self, mm: float) -> float:
        return mm / 25.4 * self.dpi


Step = Callable[[np.ndarray, Ctx], np.ndarray]   # float32 H×W (grey) or H×W×3 (RGB), 0..255


def _per_pixel(m: np.ndarray, img: np.ndarray) -> np.ndarray:
    return m[..., None] if img.ndim == 3 else m


def _smooth_noise(ctx: Ctx, shape: tuple[int, int], cell: int, sigma: float) -> np.ndarray:
    """Low-frequency noise: random values on a coarse grid, cubic-upsampled."""
    h, w = shape
    coarse = ctx.rng.normal(0, sigma, (h // cell + 2, w // cell + 2)).astype(np.float32)
    return cv2.resize(coarse, (w, h), interpolation=cv2.INTER_CUBIC)


# ---- degradations -----------------------------------------------------------

def print_on_paper(img: np.ndarray, ctx: Ctx, paper: float = 224, ink: float = 45,
                   mottle: float = 2, tint: tuple[float, float, float] = (1, 1, 1)) -> np.ndarray:
    """Laser print: soft toner edges, black -> grey ink, white -> mottled (tinted) paper."""
    img = cv2.GaussianBlur(img, (0, 0), 0.45 * ctx.dpi / 200)
    paper_map = _per_pixel(paper + _smooth_noise(ctx, img.shape[:2], ctx.dpi // 2, mottle), img)
    out = paper_map - (paper_map - ink) * (1 - img / 255)
    return out * np.array(tint, np.float32) if img.ndim == 3 else out


def turn(img: np.ndarray, ctx: Ctx, quarters: int) -> np.ndarray:
    """Page fed turned: 1 = 90° counter-clockwise (top of the text at the left), 2 = upside down."""
    return np.ascontiguousarray(np.rot90(img, quarters))


def skew(img: np.ndarray, ctx: Ctx, deg: float, fill: float = 245) -> np.ndarray:
    """Paper lying askew on the glass (counter-clockwise for deg > 0); corners show the lid."""
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=(fill,) * 3)


def blur(img: np.ndarray, ctx: Ctx, sigma: float) -> np.ndarray:
    """Out-of-focus scan; sigma given in pixels at 200 dpi."""
    return cv2.GaussianBlur(img, (0, 0), sigma * ctx.dpi / 200)


def illumination(img: np.ndarray, ctx: Ctx, strength: float = 0.12, angle: float = 30) -> np.ndarray:
    """Uneven lamp: brightness falls off by `strength` towards one side (angle from +x, degrees)."""
    h, w = img.shape[:2]
    a = math.radians(angle)
    t = np.linspace(0, 1, w, dtype=np.float32)[None, :] * math.cos(a) \
        + np.linspace(0, 1, h, dtype=np.float32)[:, None] * math.sin(a)
    t = (t - t.min()) / (t.max() - t.min())
    return img * _per_pixel(1 - strength * t ** 1.5, img)


def noise(img: np.ndarray, ctx: Ctx, sigma: float = 6, specks: float = 0.0) -> np.ndarray:
    """Sensor noise (Gaussian) plus dust: salt-and-pepper on a `specks` fraction of pixels."""
    out = img + ctx.rng.normal(0, sigma, img.shape).astype(np.float32)
    if specks:
        h, w = img.shape[:2]
        r = ctx.rng.random((h, w), dtype=np.float32)
        out[r < specks * 0.7] = 40        # pepper: dark dust
        out[r > 1 - specks * 0.3] = 250   # salt: toner drop-outs, bright dust
    return out


def perspective(img: np.ndarray, ctx: Ctx, keystone: float = 0.025, margin: float = 0.035,
                bg: tuple[int, int, int] = (78, 70, 62)) -> np.ndarray:
    """Phone held a little tilted: the top edge narrower (keystone per side), desk showing around."""
    h, w = img.shape[:2]

    def j() -> float:   # a little asymmetry per corner
        return float(ctx.rng.uniform(-0.006, 0.006))
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    dst = np.array([[w * (margin + keystone + j()), h * (margin + j())],
                      [w * (1 - margin - keystone + j()), h * (margin + j())],
                      [w * (1 - margin + j()), h * (1 - margin + j())],
                      [w * (margin + j()), h * (1 - margin + j())]], np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(img, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=bg)


def vignette(img: np.ndarray, ctx: Ctx, strength: float = 0.28) -> np.ndarray:
    """Lens fall-off: darker towards the corners."""
    h, w = img.shape[:2]
    x = np.linspace(-1, 1, w, dtype=np.float32)[None, :]
    y = np.linspace(-1, 1, h, dtype=np.float32)[:, None]
    return img * _per_pixel(1 - strength * (x * x + y * y) / 2, img)


def shadow(img: np.ndarray, ctx: Ctx, depth: float = 0.3) -> np.ndarray:
    """Soft shadow of the phone/hand falling over the lower-left corner."""
    h, w = img.shape[:2]
    mask: np.ndarray = np.zeros((h, w), np.float32)
    cv2.fillPoly(mask, [np.array([[0, int(h * 0.62)], [int(w * 0.42), h], [0, h]], np.int32)], 1.0)
    mask = cv2.GaussianBlur(mask, (0, 0), w / 14)
    return img * _per_pixel(1 - depth * mask, img)


def colour_cast(img: np.ndarray, ctx: Ctx, rgb: tuple[float, float, float] = (1.0, 0.95, 0.84)) -> np.ndarray:
    """Warm indoor light (RGB only)."""
    return img * np.array(rgb, np.float32)


def _seal_mask(ctx: Ctx, text: str, diameter_mm: float, angle: float) -> np.ndarray:
    """Ink coverage 0..1 of a round official seal: ring, star, text along the upper arc."""
    d = int(ctx.px(diameter_mm))
    size = d + 8
    c = size / 2
    im = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(im)
    ring = ctx.px(1.3)
    draw.ellipse([c - d / 2, c - d / 2, c + d / 2, c + d / 2], outline=255, width=int(ring))
    star = [d * (0.16 if k % 2 == 0 else 0.061) * complex(math.cos(math.radians(-90 + 36 * k)),
                                                          math.sin(math.radians(-90 + 36 * k))) for k in range(10)]
    draw.polygon([(c + z.real, c + z.imag) for z in star], fill=255)
    glyph = int(ctx.px(5.6))
    font = ImageFont.truetype(SEAL_FONT, glyph, index=2)
    r_text = d / 2 - ring - glyph * 0.68
    span = 235.0                                  # degrees of arc the name covers
    for k, ch in enumerate(text):
        theta = -span / 2 + span * (k + 0.5) / len(text)     # 0 = top, clockwise
        g = Image.new("L", (glyph * 2, glyph * 2), 0)
        ImageDraw.Draw(g).text((glyph, glyph), ch, font=font, fill=255, anchor="mm")
        g = g.rotate(-theta, resample=Image.Resampling.BICUBIC)
        x = c + r_text * math.sin(math.radians(theta)) - glyph
        y = c - r_text * math.cos(math.radians(theta)) - glyph
        im.paste(255, (int(x), int(y)), g)
    small = ImageFont.truetype(SEAL_FONT, int(glyph * 0.8), index=2)
    draw.text((c, c + d * 0.27), "业务专用章", font=small, fill=255, anchor="mm")
    mask = np.asarray(im.rotate(angle, resample=Image.Resampling.BICUBIC), np.float32) / 255
    # uneven ink: patchy pressure plus small drop-outs, slightly spread into the paper
    pressure = np.clip(0.8 + _smooth_noise(ctx, mask.shape, max(4, d // 10), 0.25), 0.25, 1)
    dropouts = (ctx.rng.random(mask.shape) > 0.12).astype(np.float32)
    mask = mask * pressure * cv2.GaussianBlur(dropouts, (0, 0), 0.8)
    return cv2.GaussianBlur(mask, (0, 0), 0.6 * ctx.dpi / 200)


def seal(img: np.ndarray, ctx: Ctx, at: tuple[float, float], text: str, diameter_mm: float = 40,
         angle: float = -12, opacity: float = 0.85, ink: tuple[int, int, int] = (205, 32, 44)) -> np.ndarray:
    """Red official stamp centred at `at` (fractions of the page), multiply-blended (text shows through)."""
    mask = _seal_mask(ctx, text, diameter_mm, angle) * opacity
    h, w = img.shape[:2]
    s = mask.shape[0]
    x0, y0 = int(at[0] * w - s / 2), int(at[1] * h - s / 2)
    sx, sy = slice(max(0, -x0), min(s, w - x0)), slice(max(0, -y0), min(s, h - y0))
    region = img[max(0, y0):y0 + s, max(0, x0):x0 + s]
    m = mask[sy, sx][..., None]
    region *= 1 - m * (1 - np.array(ink, np.float32) / 255)
    return img


def on_pages(pages: set[int], step: Step) -> Step:
    """Apply `step` only to the given pages (numbered from 0)."""
    return lambda img, ctx: step(img, ctx) if ctx.index in pages else img


def table_point(stem: str, index: int, fx: float, fy: float) -> tuple[float, float]:
    """A point inside the first table of a digital page, as fractions of the page."""
    with pdfplumber.open(DIGITAL / f"{stem}.pdf") as pdf:
        page = pdf.pages[index]
        x0, top, x1, bottom = page.find_tables()[0].bbox
        return (x0 + fx * (x1 - x0)) / float(page.width), (top + fy * (bottom - top)) / float(page.height)


# ---- outputs ---------------------------------------------------------------

@dataclass
class Output:
    source: str                     # digital stem
    kind: str
    seed: int
    steps: list[Step] = field(default_factory=list)
    dpi: int = 200
    quality: int = 75               # JPEG
    colour: bool = False

    @property
    def name(self) -> str:
        return f"{self.source}-scan-{self.kind}"


def outputs() -> list[Output]:
    P = partial
    light = P(noise, sigma=4, specks=0.0004)
    return [
        Output("synth-renhe-2023-03", "skew", 1, [P(print_on_paper, paper=226), P(skew, deg=2.5, fill=250),
                                                  P(illumination, strength=0.06), light]),
        Output("synth-aba-2019-08", "300dpi", 2, [P(print_on_paper, paper=222), P(skew, deg=-4, fill=200),
                                                  P(noise, sigma=5, specks=0.0006)], dpi=300),
        Output("synth-wenchuan-2020-10", "150dpi", 3, [P(print_on_paper, paper=225), P(skew, deg=-1.2), light],
               dpi=150, quality=70),
        Output("synth-yibin-2020-09", "blur", 4, [P(print_on_paper, paper=230), P(blur, sigma=1.2),
                                                  P(skew, deg=-0.7), light]),
        Output("synth-jinniu-2021-11", "noise", 5, [P(print_on_paper, paper=214, mottle=4), P(skew, deg=1.0, fill=190),
                                                    P(illumination, strength=0.2, angle=20),
                                                    P(noise, sigma=11, specks=0.003)], quality=70),
        Output("synth-fucheng-2017-09", "jpeg", 6, [P(print_on_paper, paper=226), on_pages({1}, P(turn, quarters=2)),
                                                    P(skew, deg=0.6), light], quality=35),
        Output("synth-jinniu-2021-11", "rot90", 7, [P(print_on_paper, paper=224), on_pages({1}, P(turn, quarters=1)),
                                                    P(skew, deg=-0.8), light]),
        Output("synth-yibin-2020-09", "photo", 8, [P(print_on_paper, paper=242, ink=35, mottle=1), P(perspective),
                                                   P(vignette), P(shadow), P(colour_cast), P(blur, sigma=0.6),
                                                   P(noise, sigma=4)], quality=60, colour=True),
        Output("synth-wenchuan-2020-10", "seal", 9, [
            P(print_on_paper, paper=222, ink=55, tint=(1.0, 0.99, 0.96)),
            on_pages({1}, P(seal, at=table_point("synth-wenchuan-2020-10", 1, 0.78, 0.70), text="汶川县政务服务中心")),
            P(skew, deg=0.7, fill=235), light], quality=80, colour=True),
        Output("synth-ganzi-2019-12", "grey", 10, [P(print_on_paper, paper=228, ink=62), P(skew, deg=1.5, fill=240),
                                                   light], quality=70),
        Output("synth-nanchong-2017-06", "250dpi", 11, [P(print_on_paper, paper=220), P(blur, sigma=0.8),
                                                        P(skew, deg=-2.0, fill=215),
                                                        P(illumination, strength=0.1, angle=120),
                                                        P(noise, sigma=6, specks=0.001)], dpi=250, quality=65),
        Output("synth-luding-2021-01", "faded", 12, [P(print_on_paper, paper=232, ink=110, mottle=3,
                                                       tint=(1.0, 0.97, 0.88)),
                                                     P(skew, deg=-1.8, fill=245), P(noise, sigma=5)],
               quality=60, colour=True),
    ]


# ---- rendering and writing -------------------------------------------------

def jpeg(img: np.ndarray, dpi: int, quality: int, colour: bool) -> bytes:
    a = np.clip(img, 0, 255).astype(np.uint8)
    if a.ndim == 3 and not colour:
        a = cv2.cvtColor(a, cv2.COLOR_RGB2GRAY)
    buf = io.BytesIO()
    Image.fromarray(a).save(buf, "JPEG", quality=quality, dpi=(dpi, dpi))
    return buf.getvalue()


def write_pdf(path: Path, title: str, pages: list[tuple[bytes, int, int, bool, float, float]]) -> None:
    """Image-only PDF: per page (jpeg, px width, px height, colour, pt width, pt height)."""
    kids = b" ".join(b"%d 0 R" % (4 + 3 * i) for i in range(len(pages)))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
            b"<< /Title (%s) /Producer (samples/make_scans.py) >>" % title.encode("ascii")]
    for i, (data, w, h, colour, pw, ph) in enumerate(pages):
        ops = b"q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q" % (pw, ph)
        objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.3f %.3f] /Resources << /XObject "
                 b"<< /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (pw, ph, 6 + 3 * i, 5 + 3 * i),
                 b"<< /Length %d >>\nstream\n%s\nendstream" % (len(ops), ops),
                 b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent 8 "
                 b"/Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, b"DeviceRGB" if colour else b"DeviceGray",
                                                                  len(data)) + data + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for k, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (k, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))


def make(o: Output) -> None:
    rng = np.random.default_rng(o.seed)
    pdf = pdfium.PdfDocument(DIGITAL / f"{o.source}.pdf")
    pages = []
    for i in range(len(pdf)):
        page = pdf[i]
        pw, ph = page.get_size()
        img = np.asarray(page.render(scale=o.dpi / 72).to_pil().convert("RGB"), np.float32)
        if not o.colour:
            img = img.mean(axis=2)
        ctx = Ctx(i, o.dpi, rng)
        for step in o.steps:
            img = step(img, ctx)
        h, w = img.shape[:2]
        if (w > h) != (pw > ph):    # turned by 90°: the scanner's page box is turned too
            pw, ph = ph, pw
        pages.append((jpeg(img, o.dpi, o.quality, o.colour), w, h, o.colour, pw, ph))
    pdf.close()
    write_pdf(SCANNED / f"{o.name}.pdf", o.name, pages)
    shutil.copyfile(DIGITAL / f"{o.source}.label.json", SCANNED / f"{o.name}.label.json")
    print(f"wrote {o.name}.pdf ({len(pages)} pages, {o.dpi} dpi) and .label.json")


def main(names: list[str]) -> int:
    for o in outputs():
        if not names or o.name in names or o.kind in names:
            make(o)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
