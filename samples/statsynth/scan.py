"""Printed-and-scanned copies of the stat-* digital samples.

Each page of the digital PDF is rendered with pypdfium2 at the scan's dpi and
passed through a list of degradations (functions below, each taking the image
and a seeded numpy Generator); the result is written as an image-only PDF,
one full-page JPEG per page, page box = the digital page in points (width and
height swapped for a page stored turned by 90°).  The digital label is copied
unchanged.  Fixed seeds and a hand-written PDF without dates: a rerun gives the
same bytes (same library versions).
"""
from __future__ import annotations

import io
import math
import shutil
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent.parent
DIGITAL, SCANNED = HERE / "digital", HERE / "scanned"
SEAL_FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"   # index 2 = SC


@dataclass
class Page:
    img: np.ndarray          # float32, H×W (grey) or H×W×3 (RGB), 0..255
    index: int               # page number from 0
    dpi: int
    rng: np.random.Generator


Step = Callable[[Page], None]


def _lowfreq(p: Page, shape, cell_px: int, sigma: float) -> np.ndarray:
    h, w = shape
    g = p.rng.normal(0, sigma, (h // cell_px + 2, w // cell_px + 2)).astype(np.float32)
    return cv2.resize(g, (w, h), interpolation=cv2.INTER_CUBIC)


def _each(mask: np.ndarray, img: np.ndarray) -> np.ndarray:
    return mask[..., None] if img.ndim == 3 else mask


# ---------------------------------------------------------------- degradations

def toner(p: Page, paper: float = 226, ink: float = 48, mottle: float = 2.2, streak: float = 0.0,
          tint=(1.0, 1.0, 1.0)) -> None:
    """Laser print on recycled paper: softened glyph edges, grey toner, mottled
    paper, optionally a faint vertical drum streak."""
    img = cv2.GaussianBlur(p.img, (0, 0), 0.5 * p.dpi / 200)
    h, w = img.shape[:2]
    base = paper + _lowfreq(p, (h, w), max(8, p.dpi // 2), mottle)
    if streak:
        x = p.rng.integers(w // 5, 4 * w // 5)
        band = np.exp(-((np.arange(w, dtype=np.float32) - x) / (0.004 * w)) ** 2) * streak
        base = base - band[None, :]
    dens = 1 - img / 255.0
    dens = dens * _each(np.clip(1 + _lowfreq(p, (h, w), max(4, p.dpi // 12), 0.06), 0.8, 1.2), img)
    out = _each(base, img) * (1 - dens) + ink * dens
    if img.ndim == 3:
        out = out * np.array(tint, np.float32)
    p.img = out


def rotate(p: Page, deg: float, lid: float = 236) -> None:
    """Sheet askew on the glass; positive = counter-clockwise; the lid shows in the corners."""
    h, w = p.img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    p.img = cv2.warpAffine(p.img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=(lid, lid, lid))


def quarter_turns(p: Page, k: int, pages: set[int]) -> None:
    """Page fed turned: k=1 90° counter-clockwise, k=2 upside down (only the given pages)."""
    if p.index in pages:
        p.img = np.ascontiguousarray(np.rot90(p.img, k))


def grain(p: Page, sigma: float = 6, dust: float = 0.0) -> None:
    """Sensor noise and dust / toner drop-outs."""
    p.img = p.img + p.rng.normal(0, sigma, p.img.shape).astype(np.float32)
    if dust:
        r = p.rng.random(p.img.shape[:2], dtype=np.float32)
        p.img[r < dust * 0.6] = 35
        p.img[r > 1 - dust * 0.4] = 245


def soften(p: Page, sigma: float) -> None:
    """Out of focus (sigma in px at 200 dpi)."""
    p.img = cv2.GaussianBlur(p.img, (0, 0), sigma * p.dpi / 200)


def lamp(p: Page, fall: float = 0.1) -> None:
    """Uneven lamp: darker towards the right edge."""
    h, w = p.img.shape[:2]
    t = np.linspace(0, 1, w, dtype=np.float32) ** 2
    p.img = p.img * _each(np.repeat((1 - fall * t)[None, :], h, 0), p.img)


def red_seal(p: Page, page: int, at: tuple[float, float], name: str, bottom: str = "财务专用章",
             mm: float = 42, angle: float = 8, ink=(200, 30, 40)) -> None:
    """A round red official seal multiply-blended at `at` (fractions of the page)."""
    if p.index != page:
        return
    px = lambda v: v / 25.4 * p.dpi  # noqa: E731
    d = int(px(mm))
    size = d + 10
    c = size / 2
    im = Image.new("L", (size, size), 0)
    dr = ImageDraw.Draw(im)
    ring = max(2, int(px(1.2)))
    dr.ellipse([c - d / 2, c - d / 2, c + d / 2, c + d / 2], outline=255, width=ring)
    pts = []
    for k in range(10):
        rad = d * (0.15 if k % 2 == 0 else 0.058)
        a = math.radians(-90 + 36 * k)
        pts.append((c + rad * math.cos(a), c + rad * math.sin(a)))
    dr.polygon(pts, fill=255)
    gsz = int(px(5.2))
    font = ImageFont.truetype(SEAL_FONT, gsz, index=2)
    r_text = d / 2 - ring - gsz * 0.7
    span = 220.0
    for k, ch in enumerate(name):
        th = -span / 2 + span * (k + 0.5) / len(name)
        g = Image.new("L", (gsz * 2, gsz * 2), 0)
        ImageDraw.Draw(g).text((gsz, gsz), ch, font=font, fill=255, anchor="mm")
        g = g.rotate(-th, resample=Image.Resampling.BICUBIC)
        x = c + r_text * math.sin(math.radians(th)) - gsz
        y = c - r_text * math.cos(math.radians(th)) - gsz
        im.paste(255, (int(x), int(y)), g)
    small = ImageFont.truetype(SEAL_FONT, int(gsz * 0.78), index=2)
    dr.text((c, c + d * 0.28), bottom, font=small, fill=255, anchor="mm")
    mask = np.asarray(im.rotate(angle, resample=Image.Resampling.BICUBIC), np.float32) / 255
    press = np.clip(0.85 + _lowfreq(p, mask.shape, max(4, d // 8), 0.2), 0.3, 1.0)
    holes = cv2.GaussianBlur((p.rng.random(mask.shape) > 0.1).astype(np.float32), (0, 0), 0.7)
    mask = cv2.GaussianBlur(mask * press * holes, (0, 0), 0.6 * p.dpi / 200) * 0.88
    h, w = p.img.shape[:2]
    x0, y0 = int(at[0] * w - size / 2), int(at[1] * h - size / 2)
    region = p.img[y0:y0 + size, x0:x0 + size]
    region *= 1 - mask[..., None] * (1 - np.array(ink, np.float32) / 255)


# ---------------------------------------------------------------- outputs

@dataclass
class Scan:
    source: str
    kind: str
    seed: int
    steps: list[Step] = field(default_factory=list)
    dpi: int = 200
    quality: int = 70
    colour: bool = False

    @property
    def name(self) -> str:
        return f"{self.source}-scan-{self.kind}"


def scans() -> list[Scan]:
    P = partial
    return [
        Scan("stat-xiushui-yearbook-2023", "rot90", 31, [
            P(toner, paper=224, ink=50), P(quarter_turns, k=1, pages={0}), P(rotate, deg=1.2, lid=228),
            P(grain, sigma=6, dust=0.0005)], dpi=200, quality=70),
        Scan("stat-xiangtan-yusuan-2024", "seal", 32, [
            P(toner, paper=230, ink=45, tint=(1.0, 0.985, 0.95)),
            P(red_seal, page=1, at=(0.78, 0.37), name="湘潭市教育局"),
            P(rotate, deg=-1.5, lid=240), P(grain, sigma=5)], dpi=250, quality=75, colour=True),
        Scan("stat-jiujiang-gongbao-2023", "upside", 33, [
            P(toner, paper=222, ink=55, streak=18), P(quarter_turns, k=2, pages={1}), P(rotate, deg=0.8, lid=215),
            P(grain, sigma=7, dust=0.0008)], dpi=200, quality=60),
        Scan("stat-xiangtan-nianbao-2023", "blur", 34, [
            P(toner, paper=228, ink=52), P(soften, sigma=1.0), P(rotate, deg=-2.5, lid=235), P(lamp, fall=0.12),
            P(grain, sigma=8, dust=0.001)], dpi=250, quality=65),
        Scan("stat-jiujiang-jidu-2024-Q3", "faded", 35, [
            P(toner, paper=232, ink=105, mottle=4), P(rotate, deg=0.5, lid=240), P(grain, sigma=5)],
             dpi=300, quality=55),
    ]


def _jpeg(img: np.ndarray, dpi: int, quality: int, colour: bool) -> bytes:
    a = np.clip(img, 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(a, "RGB" if colour else "L").save(buf, "JPEG", quality=quality, dpi=(dpi, dpi))
    return buf.getvalue()


def _write_pdf(path: Path, pages: list[tuple[bytes, int, int, bool, float, float]]) -> None:
    """Image-only PDF: per page (jpeg, px w, px h, colour, pt w, pt h); no dates."""
    n = len(pages)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (3 + 3 * i) for i in range(n)) +
            b"] /Count %d >>" % n]
    for i, (data, w, h, colour, pw, ph) in enumerate(pages):
        ops = b"q %.2f 0 0 %.2f 0 0 cm /P%d Do Q" % (pw, ph, i)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /P%d %d 0 R >> >>"
                    b" /Contents %d 0 R >>" % (pw, ph, i, 5 + 3 * i, 4 + 3 * i))
        objs.append(b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"\nendstream")
        objs.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent 8"
                    b" /Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, b"DeviceRGB" if colour else b"DeviceGray",
                                                                     len(data)) + data + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xc7\xec\x8f\xa2\n")
    offs = []
    for k, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % k + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    path.write_bytes(bytes(out))


def make(s: Scan) -> None:
    rng = np.random.default_rng(s.seed)
    doc = pdfium.PdfDocument(DIGITAL / f"{s.source}.pdf")
    pages = []
    for i in range(len(doc)):
        pg = doc[i]
        pw, ph = pg.get_size()
        img = np.asarray(pg.render(scale=s.dpi / 72).to_pil().convert("RGB"), np.float32)
        if not s.colour:
            img = img.mean(axis=2)
        p = Page(img, i, s.dpi, rng)
        for step in s.steps:
            step(p)
        h, w = p.img.shape[:2]
        if (w > h) != (pw > ph):
            pw, ph = ph, pw
        pages.append((_jpeg(p.img, s.dpi, s.quality, s.colour), w, h, s.colour, pw, ph))
    doc.close()
    _write_pdf(SCANNED / f"{s.name}.pdf", pages)
    shutil.copyfile(DIGITAL / f"{s.source}.label.json", SCANNED / f"{s.name}.label.json")
    print(f"wrote {s.name}.pdf ({len(pages)} pages, {s.dpi} dpi) and .label.json")


def make_scans(names: list[str]) -> None:
    for s in scans():
        if not names or s.name in names or s.source in names or s.kind in names:
            make(s)
