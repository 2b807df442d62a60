"""Capture generator: image-only copies of a digital PDF degraded as a real scan or phone photo would be.

    python evaluation/captures.py IN.pdf [--label IN.label.json] -o OUTDIR [--effects all|curl,...] [--seed N]
                                  [--dpi 200] [--check]

Each page is rendered with pypdfium2 at --dpi, degraded, and written as a JPEG (quality 85) filling a page of the
original size: OUTDIR/<stem>--<effect>.pdf has one page per source page and no text layer. With --label the label is
copied byte for byte as <stem>--<effect>.label.json (the pictures show the same tables, so it stays valid).
--effects all (the default) writes every effect and <stem>--all.pdf; --check prints per output the mean absolute
grey-level difference (0-255) to the clean render at 100 dpi (at --dpi if lower). Pixel sizes below are at 200 dpi
and scale with --dpi; "a-b" is the range each page draws from. Severity is what real scans and phone photos show:
every printed character stays legible.

  curl       phone photo of a page on a desk (OpenCV: augraphy has no such warp): the page is bowed like a cylinder
             (text lines sag 0.6-1.4 % of the page height at mid-width, 1.5-2.2x that at the curled top or bottom
             edge; sides foreshortened), then put by a perspective tilt (1.5-4 % desk margin, each corner moved up
             to 0.5-2.5 % of the page) onto a brown-grey desk; then augraphy SubtleNoise(subtle_range=4), sensor noise.
  fold       a sheet folded in half, in thirds or in quarters (1-2 creases): augraphy Folding per crease
             (fold_count=1 at a known position, gradient_width 3-6 %, gradient_height 0.2-0.4 %, fold_noise 0, white
             backdrop), plus OpenCV crease shading: a shadow on one side (10-20 % darker, 8-20 px wide), a highlight
             on the other (4-8 %) and a broken 1-2 px crease line (15-30 % darker).
  shadow     augraphy ShadowCast (one polygon of 2-6 vertices, 30-60 % x 40-80 % of the page, black, opacity
             0.25-0.4, blur kernel 101-201 px) then LightingGradient (gaussian, brightness 190-225 to 255,
             transparency 0.8-0.9: the page keeps 80-90 % of its own brightness).
  dotmatrix  faded dot-matrix print: augraphy DotMatrix (circular dots 3-4 px over every glyph, no blur/rotation),
             the dots' ink darkened x1.6 (thin strokes average to grey), InkBleed (intensity 0.2-0.4, kernel 3x3,
             severity 0.2-0.3), LowInkPeriodicLines (2-4 lines, period 16-32 px, noise 0.05), then the ink faded to
             80-92 % of its darkness (a worn ribbon). Faxify is not used: its binarisation/halftone loses faint ink.
  bleed      show-through: augraphy BleedThrough (intensity 0.1-0.3, colour 0-200, blur 17 px, alpha 0.2-0.35,
             offset 5-25 px) whose back side is the other page of the same leaf (pages 1/2, 3/4, ...), mirrored and
             resized; the page itself when it has no partner.
  stamp      drawn with OpenCV (augraphy has no stamp): a round seal (radius 0.75-0.9 in, ring, star, an arc of 10-14
             pseudo-glyphs made of strokes, a bar of 3-4 more) and a double-framed rectangular stamp (1.7-2.2 x
             0.6-0.8 in, 4-6 pseudo-glyphs and a date in OpenCV's built-in Hershey font: no font file), each rotated
             -20..20 deg and placed over the table (the box of its long ruling lines, else of the print). Red ink of
             opacity 0.55-0.8 with mottling and 8 % pin-holes is multiplied onto the page: digits stay dark under it.
  noise      scanner dirt: augraphy DirtyDrum (lines 1-2 px, concentration 0.05-0.1, intensity 0.1-0.2, value
             60-140), NoiseTexturize (sigma 2-4, turbulence 2-3, textures 100-300 px), BadPhotoCopy (noise types 1, 2,
             3 or 5, value 160-220, sparsity 0.4-0.6, concentration 0.05-0.15, no blur/wave/edge effect), then
             salt-and-pepper on 0.02-0.06 % of the pixels (white drop-outs of 1-2 px in ink, dark specks on paper
             but none within 1.5 mm of print, so no speck reads as a decimal point).
  all        stamp, noise, shadow, then curl (the page is stamped, copied, then photographed), one <stem>--all.pdf.

Determinism: before each effect on each page, random, numpy.random, cv2's RNG and numba's own generator (the
sources augraphy draws from) are seeded from crc32("seed:effect:page"); BadPhotoCopy's Worley noise is excluded
as it draws in numba worker threads. The same --seed gives byte-identical PDFs (pikepdf deterministic_id).
augraphy is used one augmentation at a time, never through AugraphyPipeline, so nothing is written to or read from
./augraphy_cache (BleedThrough and PageBorder would otherwise read a random cached picture). No network and no font
files are needed; cv2 and numba run on one thread each. Speed: about 7 s a page at 200 dpi.
"""

import argparse
import io
import json
import random
import shutil
import zlib
from pathlib import Path

import augraphy
import cv2
import numba
import numpy as np
import pikepdf
import pypdfium2 as pdfium
from PIL import Image

EFFECTS = ["curl", "fold", "shadow", "dotmatrix", "bleed", "stamp", "noise"]
ALL_CHAIN = ["stamp", "noise", "shadow", "curl"]
RED = np.array([48, 40, 205], dtype=np.float32)  # BGR stamp ink
JPEG_QUALITY = 85


# ---------------------------------------------------------------- helpers


class Ctx:
    """What an effect needs besides the picture: its rng, the pixel scale (dpi / 200) and the back of the leaf."""

    def __init__(self, rng, scale, back=None):
        self.rng, self.k, self.back = rng, scale, back

    def px(self, v, lo=1):
        return max(lo, round(v * self.k))

    def odd(self, v, lo=3):
        n = self.px(v, lo)
        return n if n % 2 else n + 1

    def u(self, a, b):
        return float(self.rng.uniform(a, b))


def seed_all(seed, effect, page):
    """Seed every RNG augraphy uses (random, numpy global, cv2) and return a numpy Generator for our own draws."""
    s = zlib.crc32(f"{seed}:{effect}:{page}".encode()) & 0x7FFFFFFF
    random.seed(s)
    np.random.seed(s)
    cv2.setRNGSeed(s)
    seed_numba(s)
    return np.random.default_rng(s)


@numba.njit(cache=False)
def seed_numba(s):
    """Seed numba's own generator (used by random calls inside augraphy's jitted code), on this thread."""
    random.seed(s)
    np.random.seed(s)


def first(out):
    """augraphy returns a list when given masks or keypoints; we give none, but be safe."""
    return out[0] if isinstance(out, list) else out


def to_bgr(img):
    return cv2.cvtColor(img, cv2.COLOR_GRAY2BGR) if img.ndim == 2 else img[:, :, :3]


def smooth_field(rng, shape, cell, lo, hi):
    """A low-frequency random field in [lo, hi] of the given shape (cell: feature size in pixels)."""
    h, w = shape
    small = rng.random((max(2, h // cell + 2), max(2, w // cell + 2))).astype(np.float32)
    big = cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)
    return np.clip(lo + (hi - lo) * big, min(lo, hi), max(lo, hi))


# ---------------------------------------------------------------- curl


def bow_maps(h, w, c):
    """Source coordinates of a page bent like a cylinder: rows sag towards mid-width, more at one curled edge."""
    sag = c.u(0.006, 0.014) * h
    edge = c.u(0.5, 1.2)  # extra sag at the curled edge, relative to sag
    top = c.rng.random() < 0.5
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    across = 1.0 - (2.0 * xs / (w - 1) - 1.0) ** 2  # 0 at the sides, 1 at mid-width
    along = (1.0 - ys / (h - 1)) if top else ys / (h - 1)
    dy = sag * across * (1.0 + edge * along**2)
    half = w / 2.0  # foreshortening of the bent sides
    dx = (xs - half) * (1.0 - np.cos((xs - half) / half * c.u(0.15, 0.3))) * 0.5
    return xs + dx, ys - dy + sag * 0.5


def desk(h, w, c):
    base = np.array([c.u(55, 85), c.u(80, 110), c.u(105, 140)], dtype=np.float32)  # BGR: brown-grey
    shade = smooth_field(c.rng, (h, w), max(8, w // 3), 0.85, 1.1)
    return np.clip(base[None, None, :] * shade[:, :, None], 0, 255).astype(np.uint8)


def curl(img, c):
    h, w = img.shape[:2]
    mx, my = bow_maps(h, w, c)
    bent = cv2.remap(img, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0))
    inside = cv2.remap(np.full((h, w), 255, np.uint8), mx, my, cv2.INTER_LINEAR, borderValue=0)
    m, j = c.u(0.015, 0.04), c.u(0.005, 0.025)
    src = np.float32([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]])
    dst = np.float32(
        [
            [x + sx * m * w + c.u(-j, j) * w, y + sy * m * h + c.u(-j, j) * h]
            for (x, y), (sx, sy) in zip(src, [(1, 1), (-1, 1), (-1, -1), (1, -1)], strict=True)
        ]
    )
    mat = cv2.getPerspectiveTransform(src, dst)
    photo = cv2.warpPerspective(bent, mat, (w, h), flags=cv2.INTER_LINEAR)
    alpha = cv2.warpPerspective(inside, mat, (w, h), flags=cv2.INTER_LINEAR).astype(np.float32)[:, :, None] / 255
    out = photo * alpha + desk(h, w, c) * (1 - alpha)
    out = np.clip(out, 0, 255).astype(np.uint8)
    return first(augraphy.SubtleNoise(subtle_range=4)(out, force=True))


# ---------------------------------------------------------------- fold


def crease_shading(h, w, pos, horizontal, c):
    """Multiplicative shading of one crease at pos (row if horizontal, else column)."""
    n = h if horizontal else w
    t = np.arange(n, dtype=np.float32) - pos
    width = c.px(c.u(8, 20), 2)
    dark, light = c.u(0.10, 0.20), c.u(0.04, 0.08)
    side = 1 if c.rng.random() < 0.5 else -1
    prof = 1.0 - dark * np.exp(-(((t - side * width / 2) / width) ** 2))
    prof += light * np.exp(-(((t + side * width / 2) / width) ** 2))
    line = np.abs(t) < max(1.0, c.px(c.u(1, 2)) / 2)
    length = w if horizontal else h
    breaks = smooth_field(c.rng, (1, length), c.px(40, 4), 0, 1)[0] > 0.25
    strength = c.u(0.15, 0.30)
    shade = np.repeat(prof[:, None] if horizontal else prof[None, :], length, axis=1 if horizontal else 0)
    cross = (line[:, None] & breaks[None, :]) if horizontal else (breaks[:, None] & line[None, :])
    shade[cross] *= 1 - strength
    return shade


def fold(img, c):
    h, w = img.shape[:2]
    pattern = c.rng.choice(["half", "thirds", "quarters"])
    creases = {"half": [(True, 0.5)], "thirds": [(True, 1 / 3), (True, 2 / 3)], "quarters": [(True, 0.5), (False, 0.5)]}
    out = img
    for horizontal, frac in creases[str(pattern)]:
        pos = int((h if horizontal else w) * (frac + c.u(-0.02, 0.02)))
        folder = augraphy.Folding(
            fold_x=pos,
            fold_deviation=(0, 0),
            fold_count=1,
            fold_noise=0.0,
            fold_angle_range=(90, 90) if horizontal else (0, 0),
            gradient_width=(0.03, 0.06),
            gradient_height=(0.002, 0.004),
            backdrop_color=(255, 255, 255),
        )
        out = to_bgr(first(folder(out, force=True)))
        if out.shape[:2] != (h, w):
            out = cv2.resize(out, (w, h), interpolation=cv2.INTER_AREA)
        shade = crease_shading(h, w, pos, horizontal, c)
        out = np.clip(out * shade[:, :, None], 0, 255).astype(np.uint8)
    return out


# ---------------------------------------------------------------- shadow


def shadow(img, c):
    blur = c.odd(c.u(101, 201))
    caster = augraphy.ShadowCast(
        shadow_side="random",
        shadow_vertices_range=(2, 6),
        shadow_width_range=(0.3, 0.6),
        shadow_height_range=(0.4, 0.8),
        shadow_color=(0, 0, 0),
        shadow_opacity_range=(0.25, 0.4),
        shadow_iterations_range=(1, 1),
        shadow_blur_kernel_range=(blur, blur),
    )
    out = to_bgr(first(caster(img, force=True)))
    light = augraphy.LightingGradient(
        max_brightness=255,
        min_brightness=int(c.u(190, 225)),
        mode="gaussian",
        transparency=c.u(0.8, 0.9),
    )
    return to_bgr(first(light(out, force=True)))


# ---------------------------------------------------------------- dotmatrix


def dotmatrix(img, c):
    dot = c.px(c.u(3, 4), 2)
    big = 10**7
    dots = augraphy.DotMatrix(
        dot_matrix_shape="circle",
        dot_matrix_dot_width_range=(dot, dot),
        dot_matrix_dot_height_range=(dot, dot),
        dot_matrix_min_width_range=(1, 1),
        dot_matrix_max_width_range=(big, big),
        dot_matrix_min_height_range=(1, 1),
        dot_matrix_max_height_range=(big, big),
        dot_matrix_min_area_range=(1, 1),
        dot_matrix_max_area_range=(big, big),
        dot_matrix_median_kernel_value_range=(1, 1),
        dot_matrix_gaussian_kernel_value_range=(1, 1),
        dot_matrix_rotate_value_range=(0, 0),
    )
    out = to_bgr(first(dots(img, force=True)))
    out = ink_scale(out, 1.6)  # DotMatrix averages thin strokes into grey dots: give them back solid ink
    out = to_bgr(
        first(augraphy.InkBleed(intensity_range=(0.2, 0.4), kernel_size=(3, 3), severity=(0.2, 0.3))(out, force=True))
    )
    period = (c.px(16, 4), c.px(32, 6))
    lines = augraphy.LowInkPeriodicLines(
        count_range=(2, 4), period_range=period, use_consistent_lines=False, noise_probability=0.05
    )
    out = to_bgr(first(lines(out, force=True)))
    return ink_scale(out, c.u(0.8, 0.92))  # faded ribbon


def ink_scale(img, gain):
    """Scale the darkness (255 - value) of every pixel by gain, clipped."""
    return np.clip(255 - (255 - img.astype(np.float32)) * gain, 0, 255).astype(np.uint8)


# ---------------------------------------------------------------- bleed


class BackBleed(augraphy.BleedThrough):
    """BleedThrough whose back side is a given picture instead of a random image from ./augraphy_cache."""

    def __init__(self, back, **kw):
        super().__init__(**kw)
        self.back = back

    def create_bleedthrough_foreground(self, image):
        back = cv2.resize(to_bgr(self.back), (image.shape[1], image.shape[0]), interpolation=cv2.INTER_AREA)
        return cv2.flip(back, 1)


def bleed(img, c):
    ks = c.odd(17)
    off = (c.px(c.u(5, 25)), c.px(c.u(5, 25)))
    bt = BackBleed(
        img if c.back is None else c.back,
        intensity_range=(0.1, 0.3),
        color_range=(0, 200),
        ksize=(ks, ks),
        sigmaX=1,
        alpha=c.u(0.2, 0.35),
        offsets=off,
    )
    return to_bgr(first(bt(img, force=True)))


# ---------------------------------------------------------------- stamp


def table_box(img):
    """Box (x0, y0, x1, y1) of the table: the long horizontal ruling lines, else the printed area, else the page."""
    h, w = img.shape[:2]
    ink = (cv2.cvtColor(img, cv2.COLOR_BGR2GRAY) < 140).astype(np.uint8)
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(8, w // 6), 1)))
    for m in (rules, ink):
        ys, xs = np.nonzero(m)
        if len(ys) and ys.max() - ys.min() > h * 0.05:
            return xs.min(), ys.min(), xs.max(), ys.max()
    return w // 8, h // 8, w * 7 // 8, h * 7 // 8


def glyph(mask, cx, cy, size, angle, thick, rng):
    """A pseudo-character: 3-5 random strokes in a size x size cell, rotated by angle (degrees), on a uint8 mask."""
    ca, sa = np.cos(np.radians(angle)), np.sin(np.radians(angle))
    for _ in range(int(rng.integers(3, 6))):
        a, b = rng.uniform(-0.45, 0.45, 2) * size, rng.uniform(-0.45, 0.45, 2) * size
        if rng.random() < 0.75:  # mostly horizontal or vertical strokes, like Han characters
            axis = int(rng.integers(0, 2))
            b[axis] = a[axis]
        p = [(int(cx + x * ca - y * sa), int(cy + x * sa + y * ca)) for x, y in (a, b)]
        cv2.line(mask, p[0], p[1], 255, thick, cv2.LINE_AA)


def star(mask, cx, cy, r):
    pts = []
    for i in range(10):
        rad = r if i % 2 == 0 else r * 0.4
        a = np.radians(-90 + 36 * i)
        pts.append((cx + rad * np.cos(a), cy + rad * np.sin(a)))
    cv2.fillPoly(mask, [np.int32(np.round(pts))], 255, cv2.LINE_AA)


def seal_mask(r, c):
    """Float mask of a round official seal of radius r px, centred in a square of side 2r + margin."""
    n = int(2 * r + 8)
    m = np.zeros((n, n), np.uint8)
    cx = cy = n // 2
    thick = max(2, int(r * 0.06))
    cv2.circle(m, (cx, cy), int(r - thick / 2), 255, thick, cv2.LINE_AA)
    star(m, cx, cy, r * 0.28)
    count = int(c.rng.integers(10, 15))
    gs = r * 0.26
    for i in range(count):
        a = 200 + 140 * (i + 0.5) / count
        gx, gy = cx + (r * 0.7) * np.cos(np.radians(a)), cy + (r * 0.7) * np.sin(np.radians(a))
        glyph(m, gx, gy, gs, a + 90, max(1, int(r * 0.035)), c.rng)
    for i in range(int(c.rng.integers(3, 5))):
        glyph(m, cx + (i - 1.5) * gs * 1.1, cy + r * 0.5, gs * 0.9, 0, max(1, int(r * 0.03)), c.rng)
    return m.astype(np.float32) / 255


def rect_mask(w, h, c):
    """Float mask of a double-framed rectangular stamp w x h px: a row of pseudo-glyphs and a date."""
    m = np.zeros((h + 8, w + 8), np.uint8)
    t = max(2, int(h * 0.04))
    cv2.rectangle(m, (4, 4), (w + 3, h + 3), 255, t, cv2.LINE_AA)
    cv2.rectangle(m, (4 + 3 * t, 4 + 3 * t), (w + 3 - 3 * t, h + 3 - 3 * t), 255, max(1, t // 2), cv2.LINE_AA)
    gs = h * 0.3
    count = int(c.rng.integers(4, 7))
    for i in range(count):
        glyph(m, 4 + w * (i + 0.5) / count, 4 + h * 0.36, gs, 0, max(1, int(h * 0.03)), c.rng)
    date = f"{int(c.rng.integers(2019, 2025))}.{int(c.rng.integers(1, 13)):02d}.{int(c.rng.integers(1, 29)):02d}"
    scale = h * 0.2 / 22  # Hershey simplex is about 22 units tall at scale 1
    (tw, _), _ = cv2.getTextSize(date, cv2.FONT_HERSHEY_SIMPLEX, scale, max(1, int(h * 0.03)))
    org = (int(4 + (w - tw) / 2), int(4 + h * 0.8))
    cv2.putText(m, date, org, cv2.FONT_HERSHEY_SIMPLEX, scale, 255, max(1, int(h * 0.03)), cv2.LINE_AA)
    return m.astype(np.float32) / 255


def inked(mask, c):
    """Rotate a stamp mask and give it uneven ink: opacity 0.55-0.8, mottling and small gaps."""
    n = int(np.hypot(*mask.shape)) + 2
    pad = np.zeros((n, n), np.float32)
    y0, x0 = (n - mask.shape[0]) // 2, (n - mask.shape[1]) // 2
    pad[y0 : y0 + mask.shape[0], x0 : x0 + mask.shape[1]] = mask
    rot = cv2.getRotationMatrix2D((n / 2, n / 2), c.u(-20, 20), 1.0)
    pad = cv2.warpAffine(pad, rot, (n, n), flags=cv2.INTER_LINEAR)
    mottle = smooth_field(c.rng, pad.shape, c.px(12, 2), 0.45, 1.15) * (c.rng.random(pad.shape) > 0.08)
    pad = cv2.GaussianBlur(pad * np.clip(mottle, 0, 1), (0, 0), max(0.5, c.k))
    return np.clip(pad * c.u(0.55, 0.8), 0, 1)


def press(img, alpha, cx, cy):
    """Multiply red ink with opacity alpha (centred at cx, cy) onto img, clipped to the page."""
    h, w = img.shape[:2]
    n0, n1 = alpha.shape
    x0, y0 = int(cx - n1 / 2), int(cy - n0 / 2)
    ax0, ay0, ax1, ay1 = max(0, -x0), max(0, -y0), min(n1, w - x0), min(n0, h - y0)
    if ax1 <= ax0 or ay1 <= ay0:
        return img
    a = alpha[ay0:ay1, ax0:ax1, None]
    region = img[y0 + ay0 : y0 + ay1, x0 + ax0 : x0 + ax1].astype(np.float32)
    tint = 1 - a * (1 - RED / 255)
    img[y0 + ay0 : y0 + ay1, x0 + ax0 : x0 + ax1] = np.clip(region * tint, 0, 255).astype(np.uint8)
    return img


def stamp(img, c):
    out = img.copy()
    x0, y0, x1, y1 = table_box(img)
    dpi = 200 * c.k
    r = c.u(0.75, 0.9) * dpi
    seal = inked(seal_mask(r, c), c)
    press(out, seal, x0 + (x1 - x0) * c.u(0.55, 0.85), y0 + (y1 - y0) * c.u(0.25, 0.75))
    rw, rh = c.u(1.7, 2.2) * dpi, c.u(0.6, 0.8) * dpi
    box = inked(rect_mask(int(rw), int(rh), c), c)
    press(out, box, x0 + (x1 - x0) * c.u(0.15, 0.4), y0 + (y1 - y0) * c.u(0.2, 0.8))
    return out


# ---------------------------------------------------------------- noise


def salt_pepper(img, c):
    """Dark specks on bare paper (none within 1.5 mm of print: no fake decimal point) and white drop-outs in ink."""
    h, w = img.shape[:2]
    out = img.copy()
    grey = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    near = cv2.dilate((grey < 160).astype(np.uint8), np.ones((c.odd(25), c.odd(25)), np.uint8))
    n = int(h * w * c.u(0.0002, 0.0006))
    ys, xs = c.rng.integers(0, h, n), c.rng.integers(0, w, n)
    values = c.rng.integers(0, 70, n), c.rng.integers(200, 256, n)
    size = c.px(c.u(1, 2))
    for y, x, dark, light in zip(ys, xs, *values, strict=True):
        if grey[y, x] <= 128:
            out[y : y + size, x : x + size] = light
        elif not near[y, x]:
            out[y : y + size, x : x + size] = dark
    return out


def noise(img, c):
    drum = augraphy.DirtyDrum(
        line_width_range=(1, c.px(2)),
        line_concentration=c.u(0.05, 0.1),
        direction=-1,
        noise_intensity=c.u(0.1, 0.2),
        noise_value=(60, 140),
        ksize=(3, 3),
        sigmaX=0,
    )
    out = to_bgr(first(drum(img, force=True)))
    tex = augraphy.NoiseTexturize(
        sigma_range=(2, 4),
        turbulence_range=(2, 3),
        texture_width_range=(c.px(100, 8), c.px(300, 16)),
        texture_height_range=(c.px(100, 8), c.px(300, 16)),
    )
    out = to_bgr(first(tex(out, force=True)))
    copy = augraphy.BadPhotoCopy(
        noise_type=int(c.rng.choice([1, 2, 3, 5])),  # not 4 (Worley): it draws from numba's own RNG in threads
        noise_side="random",
        noise_iteration=(1, 1),
        noise_size=(1, 2),
        noise_value=(160, 220),
        noise_sparsity=(0.4, 0.6),
        noise_concentration=(0.05, 0.15),
        blur_noise=0,
        wave_pattern=0,
        edge_effect=0,
    )
    out = to_bgr(first(copy(out, force=True)))
    return salt_pepper(out, c)


# ---------------------------------------------------------------- driver

FUNCS = {
    "curl": curl,
    "fold": fold,
    "shadow": shadow,
    "dotmatrix": dotmatrix,
    "bleed": bleed,
    "stamp": stamp,
    "noise": noise,
}


def degrade(img, effect, seed, page, scale, back=None):
    """One page (BGR uint8) through one effect, or through ALL_CHAIN for "all"; deterministic for (seed, page)."""
    out = np.ascontiguousarray(img)
    for name in ALL_CHAIN if effect == "all" else [effect]:
        ctx = Ctx(seed_all(seed, name, page), scale, back)
        out = np.ascontiguousarray(to_bgr(FUNCS[name](out, ctx)))
    return out


def render(pdf_path, dpi):
    """[(BGR uint8 picture, (width pt, height pt))] for each page."""
    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            pages.append((np.ascontiguousarray(page.render(scale=dpi / 72).to_numpy()[:, :, :3]), page.get_size()))
        return pages
    finally:
        doc.close()


def back_of(pages, i):
    """The other side of page i's leaf (pages 1/2, 3/4, ... share a sheet), None if it has none."""
    j = i + 1 if i % 2 == 0 else i - 1
    return pages[j][0] if 0 <= j < len(pages) else None


def write_pdf(pictures, sizes, out):
    """An image-only PDF: each picture as a JPEG filling a page of the given size in points."""
    pdf = pikepdf.new()
    for img, (w, h) in zip(pictures, sizes, strict=True):
        buf = io.BytesIO()
        Image.fromarray(cv2.cvtColor(img, cv2.COLOR_BGR2RGB)).save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True)
        xobj = pikepdf.Stream(pdf, buf.getvalue())
        xobj.Type, xobj.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        xobj.Width, xobj.Height = img.shape[1], img.shape[0]
        xobj.ColorSpace, xobj.BitsPerComponent = pikepdf.Name.DeviceRGB, 8
        xobj.Filter = pikepdf.Name.DCTDecode
        page = pikepdf.Page(pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, w, h]))
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=xobj))
        page.Contents = pdf.make_stream(f"q {w:.4f} 0 0 {h:.4f} 0 0 cm /Im0 Do Q".encode())
        pdf.pages.append(page)
    pdf.save(out, deterministic_id=True)


def pixel_diff(src, out, dpi=100):
    """Mean absolute grey-level difference (0-255) between two PDFs rendered at dpi, per page."""
    res = []
    for (a, _), (b, _) in zip(render(src, dpi), render(out, dpi), strict=True):
        ga, gb = cv2.cvtColor(a, cv2.COLOR_BGR2GRAY), cv2.cvtColor(b, cv2.COLOR_BGR2GRAY)
        if ga.shape != gb.shape:
            gb = cv2.resize(gb, (ga.shape[1], ga.shape[0]), interpolation=cv2.INTER_AREA)
        res.append(float(np.abs(ga.astype(np.int16) - gb.astype(np.int16)).mean()))
    return res


def effect_list(spec):
    names = [*EFFECTS, "all"] if spec == "all" else [s.strip() for s in spec.split(",") if s.strip()]
    bad = [n for n in names if n not in FUNCS and n != "all"]
    if bad:
        raise SystemExit(f"unknown effect(s) {bad}; choose from {[*EFFECTS, 'all']}")
    return names


def generate(src, outdir, effects, seed=0, dpi=200, label=None):
    """Write OUTDIR/<stem>--<effect>.pdf (and the label copy) for each effect; return the PDF paths."""
    src, outdir = Path(src), Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    pages = render(src, dpi)
    written = []
    for effect in effects:
        pics = [degrade(img, effect, seed, i, dpi / 200, back_of(pages, i)) for i, (img, _) in enumerate(pages)]
        out = outdir / f"{src.stem}--{effect}.pdf"
        write_pdf(pics, [size for _, size in pages], out)
        if label is not None:
            shutil.copyfile(label, outdir / f"{src.stem}--{effect}.label.json")
        written.append(out)
    return written


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pdf")
    ap.add_argument("--label")
    ap.add_argument("-o", "--outdir", required=True)
    ap.add_argument("--effects", default="all")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    cv2.setNumThreads(1)
    numba.set_num_threads(1)
    if args.label:
        json.loads(Path(args.label).read_text(encoding="utf-8"))  # fail early on a broken label
    for out in generate(args.pdf, args.outdir, effect_list(args.effects), args.seed, args.dpi, args.label):
        if not args.check:
            print(out)
            continue
        d = pixel_diff(args.pdf, out, min(args.dpi, 100))
        print(f"{out.name}: mean |diff| {np.mean(d):.2f} (pages {', '.join(f'{v:.2f}' for v in d)})")


if __name__ == "__main__":
    main()
