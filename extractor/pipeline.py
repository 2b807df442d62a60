"""The extraction pipeline, top to bottom: one input file → one `ExtractionResult`.

open      sniff the content, check the PDF (damage, password)
read      each page → words + rulings (one bad page makes the result partial)
layout    text lines; running heads, footers and page numbers set aside
tables    ruled regions → grid → spans → cell text → header rows → paths,
          borderless tables from text alignment, captions, stitching over pages
narrative the remaining lines as paragraphs with page and offsets
metadata  title, issuer, period, publication date
entities  places and departments in tables and narrative → gazetteer codes
facts     dated events, officials and titles, visit counts, metrics from the narrative
checks    each table's totals, sums under headers, rates and narrative figures tested;
          flags on cells that disagree, the table's confidence and whether to review it
repair    on scanned pages, the cells a failed check points at read again, alone and
          sharper; a reading that makes the arithmetic hold is kept, the old one recorded
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Literal

from extractor import gazetteer, timings
from extractor.checks.stage import check_tables
from extractor.errors import (
    DamagedInput,
    EngineNotInstalled,
    ExtractorError,
    GazetteerMissing,
    NeedsOcr,
    OcrFailed,
    TooLarge,
    UnsupportedInput,
)
from extractor.facts.stage import find_facts
from extractor.gazetteer.entities import find_entities
from extractor.ingest import ink_check
from extractor.ingest.digital import PageReading, open_pdf, read_page, reader_for
from extractor.ingest.names import readable
from extractor.ingest.pictures import Picture, pictures_to_read, read_pictures
from extractor.ingest.source import sha256_of, sniff
from extractor.ingest.triage import triage
from extractor.layout.furniture import furniture_lines
from extractor.layout.lines import build_lines
from extractor.limits import memory_message
from extractor.model.page import Page, TextLine
from extractor.model.result import Engine, ErrorItem, ExtractionResult, Source
from extractor.narrative.metadata import find_metadata
from extractor.narrative.paragraphs import PageLines, build_narrative
from extractor.ocr.base import OcrEngine, OcrOptions
from extractor.ocr.registry import get_engine
from extractor.settings import Settings
from extractor.tables.assemble import to_table
from extractor.tables.borderless import text_fragments
from extractor.tables.fragment import Fragment
from extractor.tables.lattice import ruled_fragments
from extractor.tables.stitch import PageEdges, stitch
from extractor.tables.titles import find_title
from extractor.tables.units import unit_line

if TYPE_CHECKING:
    import numpy as np
    import pypdfium2 as pdfium

    from extractor.ingest.raster import PageImage

log = logging.getLogger(__name__)


@dataclass(slots=True)
class PageWork:
    """What the stages learn about one page."""

    page: Page
    lines: list[TextLine]
    fragments: list[Fragment]
    edges: list[PageEdges]
    furniture: list[TextLine]


_PACKAGES = {"pdfium": "pypdfium2"}  # a reader's name → the package whose version the result records

# when no page could be read: the document's refusal by the stage its first page failed in
_REFUSALS: dict[str, type[ExtractorError]] = {"ocr": OcrFailed, "read": DamagedInput, "limits": TooLarge}


def extract(path: str | Path, settings: Settings | None = None) -> ExtractionResult:
    settings = settings or Settings()
    if not settings.timings:
        return _extract(Path(path), settings)
    with timings.collecting() as clock:  # the caller's clock when it has one (`run_one` times the writing too)
        result = _extract(Path(path), settings)
    result.timings = clock.table()
    return result


def _extract(path: Path, settings: Settings) -> ExtractionResult:
    with timings.stage("open"):
        kind = sniff(path)
        result = ExtractionResult(source=Source(path=readable(path), sha256=sha256_of(path)))
    if kind == "pdf":
        with timings.stage("open"), open_pdf(path) as doc:
            result.source.pages = len(doc)
            if (n := result.source.pages) > settings.limits.pages:
                limit = f"the limit of {settings.limits.pages} (EXTRACTOR_MAX_PAGES)"
                raise TooLarge(f"{n} pages: more than {limit}", path=str(path))
            pages = _read_pdf(doc, path, result, settings)
    else:
        with timings.stage("render"):
            pages = _read_image(path, result, settings)
        result.source.pages = len(pages) + sum(1 for e in result.errors if e.page is not None)
    if not any(p.words for p in pages):
        if result.errors:
            first = result.errors[0]
            refusal = _REFUSALS.get(first.stage, UnsupportedInput)
            raise refusal(f"no page could be read (page {first.page}: {first.message})", path=str(path))
        raise NeedsOcr("no text on any page (OCR is off or read nothing)", path=str(path))
    result.source.kind = _source_kind(kind, pages)

    with timings.stage("layout"):
        work = [_layout(p) for p in pages]
        _drop_furniture(work)
    with timings.stage("tables"):
        for w in work:
            _tables_on_page(w, settings, result)
        fragments = [f for w in work for f in w.fragments]
        edges = [e for w in work for e in w.edges]
        tables = [f for f in stitch(fragments, edges) if f.n_rows >= 2 or f.is_record()]
        result.tables = [to_table(f, f"t{i}") for i, f in enumerate(tables, 1)]

    with timings.stage("narrative"):
        narrative_pages = [PageLines(w.page.number, _outside_tables(w)) for w in work]
        result.narrative = build_narrative(narrative_pages)
        result.document = find_metadata(
            narrative_pages, [ln for w in work for ln in w.furniture], [t.title for t in result.tables if t.title]
        )
    with timings.stage("entities"):
        _entities(result)
    with timings.stage("facts"):
        _facts(result)
    with timings.stage("checks"):
        check_tables(result)
    if settings.repair and settings.ocr and any(p.kind == "scanned" for p in pages):
        with timings.stage("repair"):
            _repair(result, pages, path, kind, settings)
    _to_source_coordinates(result, pages)
    result.status = "partial" if result.errors else "success"
    return result


def _entities(result: ExtractionResult) -> None:
    try:
        find_entities(result, gazetteer.load())
    except GazetteerMissing:
        raise
    except Exception as exc:  # boundary: the tables and narrative stand without entities
        log.exception("entities failed")
        result.errors.append(ErrorItem(stage="entities", message=f"{type(exc).__name__}: {exc}"))


def _facts(result: ExtractionResult) -> None:
    try:
        find_facts(result, gazetteer.load())
    except GazetteerMissing:
        raise
    except Exception as exc:  # boundary: tables, narrative and entities stand without facts
        log.exception("facts failed")
        result.errors.append(ErrorItem(stage="facts", message=f"{type(exc).__name__}: {exc}"))


def _read_pdf(doc: pdfium.PdfDocument, path: Path, result: ExtractionResult, settings: Settings) -> list[Page]:
    pages: list[Page] = []
    reader = reader_for(settings.reader, doc, path, settings.limits.inflated_mb)
    result.engines.append(Engine(name=reader.name, version=_version(_PACKAGES.get(reader.name, reader.name))))
    with timings.stage("read"):
        for number, reading in reader.pages(settings.limits.pages):
            if isinstance(reading, Exception):
                if (limit := _limit_behind(reading)) is not None:  # a page whose streams inflate past the budget
                    result.errors.append(ErrorItem(stage="limits", page=number, message=limit.message))
                    continue
                log.warning("page %d of %s could not be read: %s", number, path, reading)
                message = f"damaged page ({type(reading).__name__}: {reading})"
                result.errors.append(ErrorItem(stage="read", page=number, message=message))
                continue
            try:
                if (page := _pdf_page(reading, doc[number - 1], result, settings)) is not None:
                    pages.append(page)
            except OcrFailed as exc:
                result.errors.append(ErrorItem(stage="ocr", page=number, message=exc.message))
            except EngineNotInstalled:
                raise
            except MemoryError:
                message = memory_message(settings.limits.memory_mb)
                result.errors.append(ErrorItem(stage="limits", page=number, message=message))
            except Exception as exc:  # boundary: one unreadable page must not lose the document
                if (limit := _limit_behind(exc)) is not None:  # itself, or wrapped by pdfplumber
                    result.errors.append(ErrorItem(stage="limits", page=number, message=limit.message))
                    continue
                log.exception("page %d of %s could not be read", number, path)
                result.errors.append(ErrorItem(stage="read", page=number, message=f"{type(exc).__name__}: {exc}"))
    return pages


def _pdf_page(
    reading: PageReading, pdf_page: pdfium.PdfPage, result: ExtractionResult, settings: Settings
) -> Page | None:
    """One PDF page: by its text layer where it has a usable one, with the pictures pasted into it
    read in place; a page a picture covers by its text layer only where the layer says what the
    picture shows (`ingest/ink_check.py`), an invisible OCR layer included; else by OCR."""
    glyphs = reading.glyphs()
    scan = reading.image_coverage() > ink_check.COVERED
    if triage([g.text for g in glyphs], reading.image_coverage()) == "text":
        page = read_page(reading)
        if not settings.ocr:
            return page
        if scan and ink_check.over_picture(page.words, reading.image_boxes()):
            image = _render(pdf_page)
            if _layer_agrees(page, image, result, settings):
                return read_page(reading, glyphs, ink_check.picture_rulings(image))
            log.info("page %d: its text layer disagrees with the picture's ink; read by OCR", page.number)
            return _ocr_page(image, page.number, result, settings)
        if found := pictures_to_read(reading.image_boxes(), page.words, page.width, page.height):
            page = _read_pictures(page, found, pdf_page, result, settings)
        return page
    if not settings.ocr:
        result.errors.append(ErrorItem(stage="triage", page=reading.number, message="no usable text layer: needs OCR"))
        return None
    image = _render(pdf_page)
    invisible = reading.invisible_glyphs()
    if scan and triage([g.text for g in invisible], 0.0) == "text":  # an OCR layer over a scan
        layer = read_page(reading, invisible)
        if ink_check.over_picture(layer.words, reading.image_boxes()) and _layer_agrees(layer, image, result, settings):
            return read_page(reading, invisible, ink_check.picture_rulings(image))
    return _ocr_page(image, reading.number, result, settings)


def _render(pdf_page: pdfium.PdfPage) -> PageImage:
    with timings.stage("ocr load"):
        raster = _raster()  # OpenCV, Pillow: imported for the first page that needs them
    with timings.stage("render"):
        return raster.render_page(pdf_page)


def _layer_agrees(page: Page, image: PageImage, result: ExtractionResult, settings: Settings) -> bool:
    engine = _engine_used(result, settings)
    with timings.stage("ink check"):
        agreement = ink_check.agreement(page.words, image, engine)
    log.info("page %d: text layer against the picture's ink: %s", page.number, agreement)
    return agreement is not None and agreement >= ink_check.AGREE


def _read_pictures(
    page: Page, found: list[Picture], pdf_page: pdfium.PdfPage, result: ExtractionResult, settings: Settings
) -> Page:
    """A digital page with the text of the pictures pasted into it read by OCR, in place."""
    engine = _engine_used(result, settings)
    with timings.stage("ocr load"):
        raster = _raster()
    with timings.stage("render"):
        image = raster.render_page(pdf_page, raster.DEFAULT_DPI)
    with timings.stage("ocr pictures"):
        return read_pictures(page, found, image, engine)


def _limit_behind(exc: BaseException) -> TooLarge | None:
    """The TooLarge an exception was raised from, if any (through `raise … from`, or as context)."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        if isinstance(cur, TooLarge):
            return cur
        seen.add(id(cur))
        cur = cur.__cause__ or cur.__context__
    return None


def _read_image(path: Path, result: ExtractionResult, settings: Settings) -> list[Page]:
    if not settings.ocr:
        raise NeedsOcr("image input needs OCR, which is switched off", path=str(path))
    pages: list[Page] = []
    for number, image in enumerate(_raster().read_images(path, settings.limits), 1):
        try:
            pages.append(_ocr_page(image, number, result, settings))
        except OcrFailed as exc:
            result.errors.append(ErrorItem(stage="ocr", page=number, message=exc.message))
        except (EngineNotInstalled, TooLarge, MemoryError):
            raise
        except Exception as exc:  # boundary: a frame the image pipeline cannot take is that frame's error
            log.exception("frame %d of %s could not be read", number, path)
            result.errors.append(ErrorItem(stage="image", page=number, message=f"{type(exc).__name__}: {exc}"))
    return pages


def _repair(result: ExtractionResult, pages: list[Page], path: Path, kind: str, settings: Settings) -> None:
    from extractor.checks.repair import repair_tables  # noqa: PLC0415 - the OCR path, see _raster()

    def cut(number: int, corners: np.ndarray, dpi: float, colour: bool) -> np.ndarray:
        source = "pdf" if kind == "pdf" else "image"
        return _raster().region(path, source, number, corners, dpi, settings.limits, colour=colour)

    try:
        repair_tables(result, {p.number: p for p in pages}, _engine(settings), cut)
    except (EngineNotInstalled, TooLarge, MemoryError):
        raise
    except Exception as exc:  # boundary: the tables as read and checked stand without repair
        log.exception("repair failed")
        result.errors.append(ErrorItem(stage="repair", message=f"{type(exc).__name__}: {exc}"))


def ocr_options(settings: Settings) -> OcrOptions:
    return OcrOptions(det_side=settings.ocr_det_side, model=settings.ocr_model, threads=settings.ocr_threads)


def _engine(settings: Settings) -> OcrEngine:
    return get_engine(settings.ocr_engine, ocr_options(settings), settings.ocr_timeout, settings.limits.memory_mb)


def _engine_used(result: ExtractionResult, settings: Settings) -> OcrEngine:
    """The OCR engine, loaded once per process (its models, in its own process), named in the result."""
    with timings.stage("ocr load"):
        engine = _engine(settings)
    if not any(e.name == engine.name for e in result.engines):
        result.engines.append(Engine(name=engine.name, version=engine.version))
    return engine


def _ocr_page(image: PageImage, number: int, result: ExtractionResult, settings: Settings) -> Page:
    engine = _engine_used(result, settings)
    with timings.stage("ocr load"):
        from extractor.ingest import scanned  # noqa: PLC0415 - see _raster()
    with timings.stage("ocr prepare"):
        page, _reading = scanned.read_scanned_page(image, number, engine)
    return page


def _raster() -> ModuleType:
    """The OCR path (Pillow, NumPy, OpenCV) is imported when a page first needs it, so a run
    over digital PDFs does not pay for loading it (measured: 0.15 s of a 0.3 s start-up)."""
    from extractor.ingest import raster  # noqa: PLC0415 - deferred on purpose, not to dodge a cycle

    return raster


def _source_kind(kind: str, pages: list[Page]) -> Literal["digital", "scanned", "mixed", "image"]:
    if kind == "image":
        return "image"
    kinds = {p.kind for p in pages}
    if kinds == {"digital"}:
        return "digital"
    return "scanned" if kinds == {"scanned"} else "mixed"


def _to_source_coordinates(result: ExtractionResult, pages: list[Page]) -> None:
    """Boxes on pages turned upright and deskewed are given on the page as it was scanned."""
    by_number = {p.number: p for p in pages if p.transform is not None}
    if not by_number:
        return
    for table in result.tables:
        for cell in table.cells:
            if cell.bbox is not None and cell.page in by_number:
                cell.bbox = by_number[cell.page].source_bbox(cell.bbox)
    for para in result.narrative.paragraphs:
        if para.page in by_number:
            para.bbox = by_number[para.page].source_bbox(para.bbox)


def _layout(page: Page) -> PageWork:
    return PageWork(page=page, lines=build_lines(page.words), fragments=[], edges=[], furniture=[])


def _drop_furniture(work: list[PageWork]) -> None:
    marked = furniture_lines([(w.page.height, w.lines) for w in work])
    for p, w in enumerate(work):
        w.furniture = [ln for i, ln in enumerate(w.lines) if (p, i) in marked]
        w.lines = [ln for i, ln in enumerate(w.lines) if (p, i) not in marked]


def _tables_on_page(w: PageWork, settings: Settings, result: ExtractionResult) -> None:
    try:
        fragments = ruled_fragments(w.page)
        if settings.borderless:
            fragments += text_fragments(w.page, [f.bbox for f in fragments])
        fragments.sort(key=lambda f: f.bbox[1])
        for frag in fragments:
            title, used = find_title(frag.bbox, [ln for ln in w.lines if not _inside_any(ln, fragments)])
            if title:
                frag.title = title
                frag.title_words = [word for ln in used for word in ln.words]
            frag.unit = unit_line([ln.text for ln in used] + [frag.title or ""])
        w.fragments = fragments
        w.edges = [_edges(frag, w) for frag in fragments]
    except Exception as exc:  # boundary: a table that breaks the builder must not lose the page
        log.exception("tables on page %d failed", w.page.number)
        result.errors.append(ErrorItem(stage="tables", page=w.page.number, message=f"{type(exc).__name__}: {exc}"))
        w.fragments, w.edges = [], []


def _inside_any(line: TextLine, fragments: list[Fragment]) -> bool:
    cx, cy = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
    return any(f.bbox[0] - 1 <= cx <= f.bbox[2] + 1 and f.bbox[1] - 1 <= cy <= f.bbox[3] + 1 for f in fragments)


FOOT_BAND = 0.9  # × page height: lines entirely below this are in the bottom margin (letterheads, page numbers)


def _edges(frag: Fragment, w: PageWork) -> PageEdges:
    """Is anything but furniture below / above this fragment on its page? Lines in the bottom
    margin count as furniture even on a page of their own (a letterhead's address on the first page)."""
    others = [f for f in w.fragments if f is not frag] if w.fragments else []
    foot = FOOT_BAND * w.page.height
    free = [ln for ln in w.lines if not _inside_any(ln, [frag]) and ln.top < foot]
    below = any(ln.top >= frag.bbox[3] - 1 for ln in free) or any(f.bbox[1] >= frag.bbox[3] for f in others)
    above = frag.title is not None or any(ln.bottom <= frag.bbox[1] + 1 for ln in free)
    above = above or any(f.bbox[3] <= frag.bbox[1] for f in others)
    return PageEdges(ends_page=not below, starts_page=not above)


def _outside_tables(w: PageWork) -> list[TextLine]:
    title_words = {id(word) for f in w.fragments for word in f.title_words}
    return [
        ln
        for ln in w.lines
        if not _inside_any(ln, w.fragments) and not any(id(word) in title_words for word in ln.words)
    ]


@cache
def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"
