"""Pixels for OCR: PDF pages rendered with PDFium, image files read with Pillow (multi-page TIFF too)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from extractor.errors import TooLarge, UnsupportedInput
from extractor.settings import Limits

WORK_PIXELS = 16_000_000  # a page is read at most this large (A4 at 400 dpi); a larger image is reduced
MIN_SIDE = 16  # px: a smaller image holds no readable line
DEFAULT_DPI = 200.0
MIN_DPI, MAX_DPI = 150.0, 300.0


@dataclass(frozen=True, slots=True)
class PageImage:
    pixels: np.ndarray  # RGB uint8
    width_pt: float  # the page as the user sees it, in points
    height_pt: float

    @property
    def dpi(self) -> float:
        return self.pixels.shape[1] / self.width_pt * 72.0


def page_dpi(page: pdfium.PdfPage) -> float:
    """Render at the resolution of the scan the page holds (within 150–300 dpi), else 200."""
    width_pt = page.get_width()
    best = 0.0
    for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]):
        try:
            px_w, _ = obj.get_px_size()
            left, _, right, _ = obj.get_bounds()
        except pdfium.PdfiumError:
            continue
        if right - left > 0.5 * width_pt:
            best = max(best, px_w / (right - left) * 72.0)
    return min(MAX_DPI, max(MIN_DPI, best)) if best else DEFAULT_DPI


def render_page(page: pdfium.PdfPage, dpi: float | None = None) -> PageImage:
    dpi = dpi or page_dpi(page)
    width_pt, height_pt = page.get_width(), page.get_height()
    if width_pt * height_pt * (dpi / 72.0) ** 2 > WORK_PIXELS:
        dpi = 72.0 * (WORK_PIXELS / (width_pt * height_pt)) ** 0.5
    bitmap = page.render(scale=dpi / 72.0, grayscale=False, rev_byteorder=True)  # RGB, not PDFium's native BGR
    pixels = bitmap.to_numpy()[:, :, :3].copy()
    return PageImage(pixels, width_pt, height_pt)


def _frame(path: Path, n: int, limits: Limits) -> PageImage:
    with Image.open(path) as im:
        im.seek(n)
        w, h = im.size
        if w * h > limits.pixels:
            raise TooLarge(
                f"image too large ({w}×{h} px, limit {limits.pixels:,} px, EXTRACTOR_MAX_PIXELS)", path=str(path)
            )
        if min(w, h) < MIN_SIDE:
            raise UnsupportedInput(f"image too small to hold text ({w}×{h} px)", path=str(path))
        dpi = frame_dpi(im)
        return PageImage(np.asarray(_working_size(im)), w * 72.0 / dpi, h * 72.0 / dpi)


def frame_dpi(im: Image.Image) -> float:
    """An image frame's resolution as the file gives it, else DEFAULT_DPI (also for one beyond belief)."""
    dpi = float((im.info.get("dpi") or (DEFAULT_DPI, DEFAULT_DPI))[0]) or DEFAULT_DPI
    return dpi if 50 <= dpi <= 1200 else DEFAULT_DPI


def _working_size(frame: Image.Image) -> Image.Image:
    """The frame in RGB, reduced to WORK_PIXELS when larger (reduced before it is converted, so
    an 80-megapixel page never exists twice at full size)."""
    w, h = frame.size
    if w * h <= WORK_PIXELS:
        return frame.convert("RGB")
    scale = (WORK_PIXELS / (w * h)) ** 0.5
    size = (max(1, int(w * scale)), max(1, int(h * scale)))
    if frame.mode not in ("RGB", "L", "RGBA", "LA", "I", "F"):  # palette and 1-bit images: converted first
        frame = frame.convert("L" if frame.mode == "1" else "RGB")
    return frame.resize(size, Image.Resampling.BOX).convert("RGB")


def read_images(path: Path, limits: Limits | None = None) -> Iterator[PageImage]:
    """Every frame of an image file as an RGB page; the resolution from the file, else 200 dpi.
    A file of more frames than `limits.pages`, or a frame of more than `limits.pixels`, is
    refused before it is decoded; a frame larger than WORK_PIXELS is reduced to it. Each frame
    is read with the file opened afresh and closed before the page is handed on, so the
    decoded full-size frame (240 MB at 80 megapixels) is not held while the page is read."""
    limits = limits or Limits()
    Image.MAX_IMAGE_PIXELS = limits.pixels
    try:
        with Image.open(path) as im:
            frames = getattr(im, "n_frames", 1)
        if frames > limits.pages:
            raise TooLarge(
                f"more than {limits.pages} frames: more than the limit (EXTRACTOR_MAX_PAGES)", path=str(path)
            )
        for n in range(frames):
            yield _frame(path, n, limits)
    except Image.DecompressionBombError as exc:
        raise TooLarge(f"image too large (limit {limits.pixels:,} px, EXTRACTOR_MAX_PIXELS)", path=str(path)) from exc
    except (OSError, SyntaxError, ValueError) as exc:  # ValueError: a text chunk too large to decompress
        raise UnsupportedInput(f"unreadable image ({exc})", path=str(path)) from exc


def region(
    path: Path,
    kind: str,
    number: int,
    corners: np.ndarray,
    dpi: float,
    limits: Limits | None = None,
    colour: bool = False,
) -> np.ndarray:
    """A quadrilateral of a source page (`corners`: 4 × 2 points from its top left, clockwise from
    the top left corner) cut out upright at `dpi`, grey (or RGB with `colour`): a table cell read
    again at a resolution of its own. A PDF page is rendered for that region alone; an image frame
    is read again."""
    import cv2  # noqa: PLC0415 - the OCR path's own import, as in ingest/prepare.py

    x0, y0 = np.floor(corners.min(axis=0))
    x1, y1 = np.ceil(corners.max(axis=0))
    if kind == "pdf":
        with pdfium.PdfDocument(path) as doc:
            page = doc[number - 1]
            w, h = page.get_width(), page.get_height()
            x0, y0, x1, y1 = max(0.0, x0), max(0.0, y0), min(w, x1), min(h, y1)
            scale = dpi / 72.0
            bitmap = page.render(scale=scale, crop=(x0, h - y1, w - x1, y0), grayscale=not colour, rev_byteorder=colour)
            pixels = bitmap.to_numpy()
            if colour:
                pixels = np.repeat(pixels[:, :, None], 3, axis=2) if pixels.ndim == 2 else pixels[:, :, :3]
            else:
                pixels = pixels[:, :, 0] if pixels.ndim == 3 else pixels
            origin = np.array([x0, y0])
    else:
        frame = _frame(path, number - 1, limits or Limits())
        pixels = frame.pixels if colour else cv2.cvtColor(frame.pixels, cv2.COLOR_RGB2GRAY)
        scale = pixels.shape[1] / frame.width_pt
        origin = np.zeros(2)
    quad = ((corners - origin) * scale).astype(np.float32)
    width = max(1, round(float(np.linalg.norm(quad[1] - quad[0]))))
    height = max(1, round(float(np.linalg.norm(quad[3] - quad[0]))))
    upright = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    warp = cv2.getPerspectiveTransform(quad, upright)
    return cv2.warpPerspective(np.ascontiguousarray(pixels), warp, (width, height), borderValue=(255, 255, 255))
