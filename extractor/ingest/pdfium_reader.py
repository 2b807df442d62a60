"""The default digital reader: a PDF page's characters, rulings and images read by PDFium.

PDFium reads a page 7–10× faster than pdfminer (evaluation/reports/issue13/). What it gives
is turned into what the rest of the pipeline reads (`ingest/digital.py`'s `PageReading`):

characters  PDFium's text page, without the spaces and line breaks it generates itself, and
            only those the page shows (`ingest/visible.py`: each text object's render mode,
            colour, opacity, clip and drawing order against the opaque rectangles). A
            character's box is its em box, as pdfminer builds it: from the origin on the
            baseline, along the advance width (the font's /W widths), from the font's descent
            to one em above it, through the character's matrix. PDFium's own boxes are the tight
            glyph outline or, where the font gives no ascent, not an em box at all.
rulings     the page's path objects, forms included, split into subpaths and classified as
            pdfminer does: a two-point subpath is a line, a closed axis-aligned four-sided one
            a rectangle; `ingest/rulings.py` makes rulings of both.
images      the boxes of image objects, for the share of the page a scan covers.

Before PDFium loads a page, the streams it would inflate are counted against the document's
budget (`ingest/guard.py`): PDFium ends the process on an allocation it cannot make.

Coordinates are PDF points in the page as it is displayed: the CropBox's top-left corner is
the origin, y grows downwards, and /Rotate is applied, so a page read here and the same page
rendered for OCR or review share one frame.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from extractor.errors import TooLarge
from extractor.ingest import inflate
from extractor.ingest import rulings as rulings_mod
from extractor.ingest.guard import StreamGuard
from extractor.ingest.visible import Fill, Paint, angle_of, shown
from extractor.ingest.words import Glyph
from extractor.model.page import Ruling

BOLD_MARKERS = ("bold", "heavy", "black", "semibold", "demi")
MAX_DEPTH = 8  # forms nested deeper than this are not read (a loop of forms would not end)
UNMAPPED = "\ufffd"  # a glyph without Unicode, as triage knows it
_SPACES = frozenset(map(ord, " \t\r\n\u00a0\u3000"))  # the only characters PDFium generates (and real ones)

Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as in PDF
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _then(m: Matrix, n: Matrix) -> Matrix:
    """m followed by n (PDF's row-vector convention: p·m·n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def display_matrix(page: pdfium.PdfPage) -> tuple[Matrix, float, float]:
    """User space → the displayed page (CropBox origin top-left, y down, /Rotate applied), and its size.
    The box is the one PDFium renders: the CropBox within the MediaBox, US Letter for a box it cannot use."""
    box = raw.FS_RECTF()
    if raw.FPDF_GetPageBoundingBox(page.raw, box):
        x0, y0, x1, y1 = (
            min(box.left, box.right),
            min(box.bottom, box.top),
            max(box.left, box.right),
            max(box.bottom, box.top),
        )
    else:
        x0, y0, x1, y1 = page.get_cropbox()
    w, h = x1 - x0, y1 - y0
    rotation = page.get_rotation() % 360
    if rotation == 90:
        return (0.0, 1.0, 1.0, 0.0, -y0, -x0), h, w
    if rotation == 180:
        return (-1.0, 0.0, 0.0, 1.0, x1, -y0), w, h
    if rotation == 270:
        return (0.0, -1.0, -1.0, 0.0, y1, x1), h, w
    return (1.0, 0.0, 0.0, -1.0, -x0, y1), w, h


@dataclass(slots=True)
class _Font:
    bold: bool
    descent: float  # in ems, ≤ 0
    widths: dict[int, float]  # advance in ems by code point, filled as characters come


class PdfiumPage:
    """One page as PDFium reads it: the `PageReading` the pipeline asks every reader for."""

    def __init__(self, page: pdfium.PdfPage, number: int) -> None:
        self.number = number
        self._page = page
        self._to_display, self.width, self.height = display_matrix(page)
        self._fonts: dict[int, _Font] = {}
        self._objects: list[tuple[Any, Matrix, int]] | None = None
        self._glyphs_read: list[Glyph] | None = None
        self.watermark: list[Glyph] = []  # text set aside as a watermark (`ingest/visible.py`)
        self._invisible: list[Glyph] = []

    def glyphs(self) -> list[Glyph]:
        """The characters the page shows; a watermark is set aside in `watermark`."""
        if self._glyphs_read is None:
            text = self._page.get_textpage()
            try:
                glyphs, paints = self._glyphs(text.raw)
            finally:
                text.close()
            # text off the displayed page is left out where a CropBox cuts the MediaBox on purpose; a
            # page box PDFium had to replace (damaged: shown as US Letter) says nothing of where text is
            page = (0.0, 0.0, self.width, self.height) if _crops(self._page) else None
            seen = shown(glyphs, paints, self._fills(), page)
            self._glyphs_read, self.watermark, self._invisible = seen.glyphs, seen.watermark, seen.invisible
        return self._glyphs_read

    def invisible_glyphs(self) -> list[Glyph]:
        """The characters drawn invisibly (render mode 3) on the displayed page: an OCR layer over a scan."""
        self.glyphs()
        return self._invisible

    def _glyphs(self, text: Any) -> tuple[list[Glyph], list[Paint]]:
        count = raw.FPDFText_CountChars(text)
        if count <= 0:
            return [], []
        units = (ctypes.c_ushort * (count + 1))()  # the page's text in one call, UTF-16 as PDFium keeps it
        raw.FPDFText_GetText(text, 0, count, units)
        out: list[Glyph] = []
        paints: list[Paint] = []
        ox, oy = ctypes.c_double(), ctypes.c_double()
        m = raw.FS_MATRIX()
        size = ctypes.c_float()
        objects: dict[int, tuple[_Font, Matrix, float, Paint]] = {}
        drawn = self._text_objects()
        to_display = self._to_display
        to_turn = (*to_display[:4], 0.0, 0.0)
        k = -1
        while k + 1 < count:
            k += 1
            code = units[k]
            if code in _SPACES and raw.FPDFText_IsGenerated(text, k) == 1:  # PDFium's own spaces and breaks
                continue
            first = k
            if 0xD800 <= code < 0xDC00 and k + 1 < count and 0xDC00 <= units[k + 1] < 0xE000:
                k += 1  # a character beyond the BMP is two entries
                code = 0x10000 + ((code - 0xD800) << 10) + (units[k] - 0xDC00)
            obj = raw.FPDFText_GetTextObject(text, first)
            if not obj:
                continue
            key = ctypes.addressof(obj.contents)
            known = objects.get(key)
            if known is None:
                raw.FPDFText_GetMatrix(text, first, m)
                raw.FPDFTextObj_GetFontSize(obj, size)
                s = size.value
                linear = _then((m.a * s, m.b * s, m.c * s, m.d * s, 0.0, 0.0), to_turn)
                known = objects[key] = (self._font(obj), linear, m.a * s, self._paint(obj, key, linear, drawn))
            font, linear, em, paint = known
            ch = UNMAPPED if raw.FPDFText_HasUnicodeMapError(text, first) == 1 else _char(code)
            raw.FPDFText_GetCharOrigin(text, first, ox, oy)
            advance = font.widths.get(code)
            if advance is None:
                advance = font.widths[code] = _advance(obj, code) or _loose_advance(text, first, em)
            x, y = _apply(to_display, ox.value, oy.value)
            out.append(_em_box(ch, x, y, advance, font, linear))
            paints.append(paint)
        return out, paints

    def _paint(self, obj: Any, key: int, linear: Matrix, drawn: dict[int, tuple[int, Matrix]]) -> Paint:
        """How a text object is drawn: render mode, fill colour and opacity, clip, drawing order."""
        z, parent = drawn.get(key, (len(drawn), IDENTITY))
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        has_colour = raw.FPDFPageObj_GetFillColor(obj, r, g, b, a)
        return Paint(
            mode=raw.FPDFTextObj_GetTextRenderMode(obj),
            colour=(r.value / 255, g.value / 255, b.value / 255) if has_colour else None,
            alpha=a.value / 255 if has_colour else 1.0,
            z=z,
            clip=self._clip(obj, _then(parent, self._to_display)),
            angle=angle_of(linear[0], linear[1]),
        )

    def _clip(self, obj: Any, matrix: Matrix) -> tuple[float, float, float, float] | None:
        """The box of the clip path an object is drawn under (the intersection of its paths' boxes),
        on the displayed page; None when it has none."""
        clip = raw.FPDFPageObj_GetClipPath(obj)
        if not clip:
            return None
        box: list[float] | None = None
        x, y = ctypes.c_float(), ctypes.c_float()
        for i in range(raw.FPDFClipPath_CountPaths(clip)):
            points = []
            for j in range(raw.FPDFClipPath_CountPathSegments(clip, i)):
                segment = raw.FPDFClipPath_GetPathSegment(clip, i, j)
                if segment and raw.FPDFPathSegment_GetPoint(segment, x, y):
                    points.append(_apply(matrix, x.value, y.value))
            if not points:
                continue
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            part = [min(xs), min(ys), max(xs), max(ys)]
            if box is None:
                box = part
            else:
                box = [max(box[0], part[0]), max(box[1], part[1]), min(box[2], part[2]), min(box[3], part[3])]
        if box is None or box[2] - box[0] < 1.0 or box[3] - box[1] < 1.0:
            return None  # none, or one made from a page box PDFium had to replace: it clips nothing it shows
        return (box[0], box[1], box[2], box[3])

    def _text_objects(self) -> dict[int, tuple[int, Matrix]]:
        """Each text object's drawing order and the matrix of what holds it (the page or a form)."""
        return {
            ctypes.addressof(obj.contents): (z, matrix)
            for z, (obj, matrix, kind) in enumerate(self._all_objects())
            if kind == raw.FPDF_PAGEOBJ_TEXT
        }

    def _fills(self) -> list[Fill]:
        """The opaque filled rectangles, in drawing order."""
        out: list[Fill] = []
        for z, (obj, matrix, kind) in enumerate(self._all_objects()):
            if kind == raw.FPDF_PAGEOBJ_PATH:
                out += _opaque_rects(obj, _then(matrix, self._to_display), z)
        return out

    def _font(self, obj: Any) -> _Font:
        handle = raw.FPDFTextObj_GetFont(obj)
        key = ctypes.addressof(handle.contents) if handle else 0
        font = self._fonts.get(key)
        if font is None:
            buffer = ctypes.create_string_buffer(256)
            n = raw.FPDFFont_GetBaseFontName(handle, buffer, len(buffer)) if handle else 0
            name = buffer.raw[: max(0, min(n, len(buffer)) - 1)].decode("utf-8", "replace").lower()
            descent = ctypes.c_float()
            if not (handle and raw.FPDFFont_GetDescent(handle, ctypes.c_float(1.0), descent)):
                descent.value = 0.0
            font = self._fonts[key] = _Font(
                bold=any(marker in name for marker in BOLD_MARKERS),
                descent=-abs(descent.value),  # a positive descent is a sign error (as pdfminer reads it)
                widths={},
            )
        return font

    def rulings(self) -> list[Ruling]:
        lines: list[dict[str, Any]] = []
        rects: list[dict[str, Any]] = []
        for obj, matrix in self._page_objects():
            if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_PATH:
                _paths(obj, _then(matrix, self._to_display), lines, rects)
        return rulings_mod.merge(rulings_mod.from_lines(lines) + rulings_mod.from_rects(rects))

    def image_coverage(self) -> float:
        """Share of the page the image objects cover (a scanned page is close to 1)."""
        area = self.width * self.height or 1.0
        covered = sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in self.image_boxes())
        return min(1.0, covered / area)

    def image_boxes(self) -> list[tuple[float, float, float, float]]:
        """The boxes of the image objects on the displayed page, clipped to it."""
        out = []
        for obj, matrix in self._page_objects():
            if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_IMAGE:
                continue
            corners = [_apply(_then(matrix, self._to_display), u, v) for u, v in ((0, 0), (1, 0), (0, 1), (1, 1))]
            xs, ys = [p[0] for p in corners], [p[1] for p in corners]
            x0, y0 = max(min(xs), 0.0), max(min(ys), 0.0)
            x1, y1 = min(max(xs), self.width), min(max(ys), self.height)
            if x1 > x0 and y1 > y0:
                out.append((x0, y0, x1, y1))
        return out

    def _page_objects(self) -> list[tuple[Any, Matrix]]:
        """Every path and image object with its matrix to user space, the contents of forms included."""
        return [(obj, matrix) for obj, matrix, kind in self._all_objects() if kind != raw.FPDF_PAGEOBJ_TEXT]

    def _all_objects(self) -> list[tuple[Any, Matrix, int]]:
        """Every page object in drawing order with its kind; a path's or image's matrix to user space,
        a text object's the matrix of the page or form that holds it."""
        if self._objects is None:
            found: list[tuple[Any, Matrix, int]] = []
            page = self._page.raw
            top = [raw.FPDFPage_GetObject(page, i) for i in range(raw.FPDFPage_CountObjects(page))]
            _collect(top, IDENTITY, 0, found)
            self._objects = found
        return self._objects


def _crops(page: pdfium.PdfPage) -> bool:
    """A usable CropBox that cuts into a usable MediaBox."""
    try:
        media, crop = page.get_mediabox(), page.get_cropbox()
    except pdfium.PdfiumError:
        return False
    finite = all(abs(v) < 1e6 for v in (*media, *crop))
    inside = media[0] <= crop[0] and media[1] <= crop[1] and crop[2] <= media[2] and crop[3] <= media[3]
    return finite and inside and tuple(crop) != tuple(media)


def _collect(objects: list[Any], parent: Matrix, depth: int, found: list[tuple[Any, Matrix, int]]) -> None:
    m = raw.FS_MATRIX()
    for obj in objects:
        if not obj:
            continue
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            if depth < MAX_DEPTH and raw.FPDFPageObj_GetMatrix(obj, m):
                inner = [raw.FPDFFormObj_GetObject(obj, i) for i in range(raw.FPDFFormObj_CountObjects(obj))]
                _collect(inner, _then((m.a, m.b, m.c, m.d, m.e, m.f), parent), depth + 1, found)
        elif kind == raw.FPDF_PAGEOBJ_TEXT:
            found.append((obj, parent, kind))
        elif kind in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE) and raw.FPDFPageObj_GetMatrix(obj, m):
            found.append((obj, _then((m.a, m.b, m.c, m.d, m.e, m.f), parent), kind))


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _char(code: int) -> str:
    try:
        return chr(code) if code else UNMAPPED
    except (ValueError, OverflowError):
        return UNMAPPED


def _advance(obj: Any, code: int) -> float:
    """A character's advance width in ems, from its font's widths (/W, /Widths); 0 when the font
    cannot map the character back to its code (PDFium does not for one beyond the BMP: 𠮷)."""
    width = ctypes.c_float()
    font = raw.FPDFTextObj_GetFont(obj)
    if font and raw.FPDFFont_GetGlyphWidth(font, code, ctypes.c_float(1.0), width):
        return max(0.0, width.value)
    return 0.0


def _loose_advance(text: Any, index: int, em: float) -> float:
    """The advance in ems from PDFium's loose box, which knows the character's code: its width
    over the em along x (upright text); one em when it says nothing."""
    box = raw.FS_RECTF()
    if em and raw.FPDFText_GetLooseCharBox(text, index, box):
        width = abs(box.right - box.left) / abs(em)
        if width > 0:
            return width
    return 1.0


def _em_box(ch: str, x: float, y: float, advance: float, font: _Font, linear: Matrix) -> Glyph:
    """The character's em box on the displayed page: from its origin (x, y, displayed) along
    `advance` ems and from the font's descent to one em above it, through `linear` (the
    character's matrix scaled by its font size and turned onto the displayed page)."""
    a, b, c, d = linear[0], linear[1], linear[2], linear[3]
    lo, hi = font.descent, font.descent + 1.0
    if b == 0.0 and c == 0.0:  # upright, or mirrored: nearly every character
        x_end, y_lo, y_hi = x + a * advance, y + d * lo, y + d * hi
        top, bottom = (y_lo, y_hi) if y_lo < y_hi else (y_hi, y_lo)
        x0, x1 = (x, x_end) if x < x_end else (x_end, x)
        return Glyph(text=ch, x0=x0, top=top, x1=x1, bottom=bottom, size=bottom - top, bold=font.bold)
    xs = (x + c * lo, x + a * advance + c * lo, x + c * hi, x + a * advance + c * hi)
    ys = (y + d * lo, y + b * advance + d * lo, y + d * hi, y + b * advance + d * hi)
    size = abs(a * d - b * c) ** 0.5
    return Glyph(text=ch, x0=min(xs), top=min(ys), x1=max(xs), bottom=max(ys), size=size, bold=font.bold)


def _paths(obj: Any, matrix: Matrix, lines: list[dict[str, Any]], rects: list[dict[str, Any]]) -> None:
    """A path object's subpaths as pdfminer classifies them: lines and rectangles (curves are left out)."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, fill, stroke) or not (fill.value or stroke.value):
        return
    style = {
        "stroke": bool(stroke.value),
        "fill": bool(fill.value),
        "stroking_color": _colour(raw.FPDFPageObj_GetStrokeColor, obj),
        "non_stroking_color": _colour(raw.FPDFPageObj_GetFillColor, obj),
    }
    for shape, points in _subpaths(obj, matrix):
        if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
            shape, points = shape[:-2] + "h", points[:-2] + points[-1:]
        if shape in ("ml", "mlh"):
            lines.append(_box(points[:2]) | style)
        elif shape in ("mlllh", "mllll") and points[0] == points[4] and _axis_aligned(points):
            rects.append(_box(points) | style)


def _opaque_rects(obj: Any, matrix: Matrix, z: int) -> list[Fill]:
    """A filled, fully opaque path object's axis-aligned rectangles on the displayed page."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, fill, stroke) or not fill.value:
        return []
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not raw.FPDFPageObj_GetFillColor(obj, r, g, b, a) or a.value < 255:
        return []
    colour = (r.value / 255, g.value / 255, b.value / 255)
    out = []
    for shape, points in _subpaths(obj, matrix):
        if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
            shape, points = shape[:-2] + "h", points[:-2] + points[-1:]
        if shape in ("mlllh", "mllll") and points[0] == points[4] and _axis_aligned(points):
            box = _box(points)
            out.append(Fill(box=(box["x0"], box["top"], box["x1"], box["bottom"]), z=z, colour=colour))
    return out


def _subpaths(obj: Any, matrix: Matrix) -> Iterator[tuple[str, list[tuple[float, float]]]]:
    """Each subpath as pdfminer spells it (m, l, c per curve, h for a close) with its points
    (a close repeats the subpath's first point), on the displayed page."""
    x, y = ctypes.c_float(), ctypes.c_float()
    shape, points = "", list[tuple[float, float]]()
    bezier = 0
    for i in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, i)
        kind = raw.FPDFPathSegment_GetType(segment)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = _apply(matrix, x.value, y.value)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if shape:
                yield shape, points
            shape, points, bezier = "m", [point], 0
            continue
        if not shape:  # a path must begin with a move; pdfminer ignores one that does not
            return
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue  # control points
            shape += "c"
        else:
            shape += "l"
        points.append(point)
        if raw.FPDFPathSegment_GetClose(segment):
            shape += "h"
            points.append(points[0])
    if shape:
        yield shape, points


def _axis_aligned(p: list[tuple[float, float]]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = p[:4]
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)


def _box(points: list[tuple[float, float]]) -> dict[str, Any]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return {"x0": min(xs), "x1": max(xs), "top": min(ys), "bottom": max(ys)}


def _colour(getter: Any, obj: Any) -> tuple[float, float, float] | None:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, r, g, b, a):
        return None
    return (r.value / 255, g.value / 255, b.value / 255)


class PdfiumReader:
    """Pages of a document PDFium has open, one at a time; one that cannot be loaded is that page's error."""

    name = "pdfium"

    def __init__(self, doc: pdfium.PdfDocument, path: Path, inflated_mb: int) -> None:
        self._doc = doc
        self._path = path
        self._inflated_mb = inflated_mb

    def pages(self, limit: int) -> Iterator[tuple[int, PdfiumPage | Exception]]:
        count = len(self._doc)
        if count > limit:
            raise TooLarge(f"{count} pages: more than the limit of {limit} (EXTRACTOR_MAX_PAGES)")
        with inflate.budget(self._inflated_mb):
            guard = StreamGuard(self._path)
            try:
                for i in range(count):
                    try:
                        guard.check(i + 1)
                        page = self._doc[i]
                    except (pdfium.PdfiumError, TooLarge) as exc:
                        yield i + 1, exc
                        continue
                    try:
                        yield i + 1, PdfiumPage(page, i + 1)
                    finally:
                        page.close()
            finally:
                guard.close()
