"""`extractor serve`: the HTTP API (FastAPI; OpenAPI at /docs) over the job queue and the store.

    POST /v1/documents                      multipart `file`: 202 queued, 200 when the bytes are known
    GET  /v1/documents?status=&limit=&offset=
    GET  /v1/documents/{id}                 {id, name, status, error, result}
    GET  /v1/documents/{id}.xlsx            every table and the facts
    GET  /v1/documents/{id}/tables/{table}.csv | .xlsx
    GET  /v1/documents/{id}/pages           page sizes in points, for drawing boxes
    GET  /v1/documents/{id}/pages/{n}.png   a page as a picture (?width=)
    PUT  /v1/documents/{id}/tables/{table}/cells/{row}/{col}   {"text": …}: a correction
    GET  /v1/review                         tables a person should look at, worst first
    GET  /healthz, GET /metrics (Prometheus text)
    GET  /review, /review/{id}              the review pages (review.py)

A document's id is the sha256 of its bytes. Results are served with people's corrections
applied and listed (`corrections[]`, service/corrections.py); the machine's result on disk is
never changed. With `EXTRACTOR_API_KEY` (or `EXTRACTOR_API_KEYS=name:key,…`, which also names
who made a correction) every /v1 call needs `Authorization: Bearer <key>`. An input refused is
refused as the command line refuses it: its one-line reason and its exit code, with an HTTP status.
"""

from __future__ import annotations

import hmac
import logging
import os
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel

from extractor import __version__
from extractor.api import pages
from extractor.errors import ExtractorError, TooLarge
from extractor.export.bundle import document_workbook, workbook_bytes
from extractor.export.files import table_csv
from extractor.ingest.names import stored_to_path
from extractor.model.result import Correction, ExtractionResult
from extractor.service.corrections import NoSuchCell, cell_at, corrected, now, table_of
from extractor.service.queue import QueueRunner
from extractor.service.store import Job, SqlStore, open_store
from extractor.service.uploads import accept
from extractor.settings import Settings

log = logging.getLogger(__name__)
# an input refused, by the CLI's exit code: the HTTP status that says the same
STATUS_OF_EXIT = {2: 400, 3: 404, 4: 415, 5: 400, 6: 422, 7: 422, 14: 413, 16: 503}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 1 << 20
MB = 1 << 20
MULTIPART_SLACK = 64 * 1024  # a multipart body's boundaries and part headers around the file


class CellText(BaseModel):
    text: str


def api_keys() -> dict[str, str | None]:
    """Key → the name it gives its holder (None: the single, unnamed EXTRACTOR_API_KEY)."""
    keys: dict[str, str | None] = {}
    if key := os.environ.get("EXTRACTOR_API_KEY", "").strip():
        keys[key] = None
    for item in os.environ.get("EXTRACTOR_API_KEYS", "").split(","):
        name, _, key = item.strip().partition(":")
        if name and key:
            keys[key.strip()] = name.strip()
    return keys


class Service:
    """What the routes share: OUT, the settings, the queue runner, a store connection per thread."""

    def __init__(self, out_dir: Path, settings: Settings, workers: int, keys: dict[str, str | None]) -> None:
        self.out_dir, self.settings, self.keys = out_dir, settings, keys
        self.runner = QueueRunner(out_dir, settings, workers)
        self._local = threading.local()

    @property
    def store(self) -> SqlStore:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = open_store(self.out_dir, self.settings.store)
        return store

    def job(self, doc_id: str) -> Job:
        job = self.store.job(doc_id)
        if job is None:
            raise HTTPException(404, f"no document {doc_id}")
        return job

    def machine_result(self, job: Job) -> ExtractionResult | None:
        path = self.store.result_path(job.sha256) or str(self.out_dir / f"{job.name}.json")
        try:
            return ExtractionResult.model_validate_json(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def result(self, job: Job) -> ExtractionResult:
        """The result as served: the machine's, with the corrections applied."""
        machine = self.machine_result(job) if job.state in ("done", "failed") else None
        if machine is None:
            raise HTTPException(409, f"document {job.sha256} has no result yet (status {job.state})")
        return corrected(machine, self.store.corrections(job.sha256))

    def source(self, job: Job) -> Path:
        path = stored_to_path(job.source)
        if not path.exists():
            raise HTTPException(410, f"the input of document {job.sha256} is no longer at {job.source}")
        return path


def caller(request: Request) -> str | None:
    """Who calls, when keys are set (401 without a right key); None when none are."""
    keys = request.app.state.service.keys
    if not keys:
        return None
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    for key, name in keys.items():
        if scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), key.encode()):
            return name or "api key"
    raise HTTPException(401, "a valid API key is needed: Authorization: Bearer <key>", {"WWW-Authenticate": "Bearer"})


Caller = Annotated[str | None, Depends(caller)]


def create_app(out_dir: Path, settings: Settings | None = None, workers: int = 1) -> FastAPI:
    out_dir.mkdir(parents=True, exist_ok=True)
    service = Service(out_dir, settings or Settings(), workers, api_keys())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.runner.start()
        yield
        service.runner.stop()

    app = FastAPI(title="bulletin-extractor", version=__version__, lifespan=lifespan)
    app.state.service = service

    @app.middleware("http")
    async def upload_size(request: Request, call_next: Any) -> Response:
        """An upload that says it is larger than the limit is refused before its body is read (the
        multipart parser would spool it to disk first); one that does not say is counted as it is copied."""
        if request.method == "POST" and request.url.path == "/v1/documents":
            limit = service.settings.limits.upload_mb
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit * MB + MULTIPART_SLACK:
                error = TooLarge(f"upload larger than {limit} MB (EXTRACTOR_MAX_UPLOAD_MB)")
                return JSONResponse({"error": error.one_line(), "exit_code": error.exit_code}, status_code=413)
        response: Response = await call_next(request)
        return response

    @app.exception_handler(ExtractorError)
    async def refused(request: Request, exc: ExtractorError) -> JSONResponse:
        status = 404 if isinstance(exc, NoSuchCell) else STATUS_OF_EXIT.get(exc.exit_code, 422)
        return JSONResponse({"error": exc.one_line(), "exit_code": exc.exit_code}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()))
        return JSONResponse({"error": f"{where}: {first.get('msg', 'invalid request')}"}, status_code=422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    @app.post("/v1/documents", status_code=202)
    def upload(request: Request, who: Caller, file: Annotated[UploadFile, File()]) -> JSONResponse:
        accepted = accept(_chunks(file), file.filename or "upload", out_dir, service.store, service.settings.limits)
        if accepted.new:
            service.runner.wake()
            return JSONResponse({"id": accepted.job.sha256, "status": "queued"}, status_code=202)
        return JSONResponse(_state(service, accepted.job, with_result=False), status_code=200)

    @app.get("/v1/documents")
    def documents(
        who: Caller,
        status: Annotated[str | None, Query(pattern="^(queued|running|done|failed)$")] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        jobs = service.store.job_page(status, limit, offset)
        counts = service.store.job_counts()
        total = counts[status] if status else sum(counts.values())
        return {"documents": [_state(service, j, with_result=False) for j in jobs], "total": total}

    @app.get("/v1/documents/{doc_id}.xlsx")
    def document_xlsx(doc_id: str, who: Caller) -> Response:
        job = service.job(doc_id)
        wb = document_workbook(job.name, service.result(job))
        return _download(workbook_bytes(wb), XLSX, f"{job.name}.xlsx")

    @app.get("/v1/documents/{doc_id}")
    def document(doc_id: str, who: Caller) -> dict[str, Any]:
        return _state(service, service.job(doc_id), with_result=True)

    @app.get("/v1/documents/{doc_id}/tables/{table_id}.csv")
    def table_as_csv(doc_id: str, table_id: str, who: Caller) -> Response:
        job = service.job(doc_id)
        table = table_of(service.result(job), table_id)
        body = "\ufeff" + table_csv(table.columns, table.rows)  # a byte-order mark: Excel on Chinese Windows
        return _download(body.encode("utf-8"), "text/csv; charset=utf-8", f"{job.name}-{table.id}.csv")

    @app.get("/v1/documents/{doc_id}/tables/{table_id}.xlsx")
    def table_as_xlsx(doc_id: str, table_id: str, who: Caller) -> Response:
        job = service.job(doc_id)
        result = service.result(job)
        wb = document_workbook(job.name, result, tables=[table_of(result, table_id)])
        return _download(workbook_bytes(wb), XLSX, f"{job.name}-{table_id}.xlsx")

    @app.get("/v1/documents/{doc_id}/pages")
    def page_list(doc_id: str, who: Caller) -> list[dict[str, Any]]:
        job = service.job(doc_id)
        return [{"page": p.page, "width": p.width, "height": p.height} for p in pages.page_sizes(service.source(job))]

    @app.get("/v1/documents/{doc_id}/pages/{number}.png")
    def page_picture(doc_id: str, number: int, who: Caller, width: int = 1200) -> Response:
        job = service.job(doc_id)
        try:
            png = pages.page_png(service.source(job), number, width)
        except IndexError:
            raise HTTPException(404, f"document {doc_id} has no page {number}") from None
        return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})

    @app.put("/v1/documents/{doc_id}/tables/{table_id}/cells/{row}/{col}")
    def correct(doc_id: str, table_id: str, row: int, col: int, body: CellText, who: Caller) -> dict[str, Any]:
        job = service.job(doc_id)
        before = service.result(job)
        old = cell_at(table_of(before, table_id), row, col)
        correction = Correction(table=table_id, row=old.row, col=old.col, old=old.text, new=body.text, at=now(), by=who)
        service.store.add_correction(job.sha256, correction)
        after = service.result(job)
        table = table_of(after, table_id)
        return {
            "correction": correction.model_dump(),
            "table": table.model_dump(mode="json", by_alias=True),
            "checks_failed": sum(1 for c in table.checks if not c.ok),
        }

    @app.get("/v1/review")
    def review_queue(who: Caller, limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[dict[str, Any]]:
        rows = service.store.review_tables(limit)
        keys = ("id", "name", "table", "title", "confidence", "review", "checks_failed", "cells_flagged")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    @app.get("/healthz")
    def healthz() -> JSONResponse:
        ok = service.runner.alive
        body = {"status": "ok" if ok else "degraded", "queue": service.store.job_counts(), "version": __version__}
        if not ok:
            body["error"] = service.runner.error or "the job queue is not running"
        return JSONResponse(body, status_code=200 if ok else 503)

    @app.get("/metrics", response_class=PlainTextResponse)
    def metrics() -> str:
        counts = service.store.job_counts()
        pages_done, seconds = service.store.work_done()
        lines = [
            "# HELP extractor_documents Documents in the job table, by status.",
            "# TYPE extractor_documents gauge",
            *(f'extractor_documents{{status="{k}"}} {v}' for k, v in counts.items()),
            "# HELP extractor_queue_length Documents waiting for a worker.",
            "# TYPE extractor_queue_length gauge",
            f"extractor_queue_length {counts['queued']}",
            "# HELP extractor_pages_done_total Pages of the documents done.",
            "# TYPE extractor_pages_done_total counter",
            f"extractor_pages_done_total {pages_done}",
            "# HELP extractor_extraction_seconds_total Seconds the workers spent on the documents done.",
            "# TYPE extractor_extraction_seconds_total counter",
            f"extractor_extraction_seconds_total {seconds:.3f}",
        ]
        return "\n".join(lines) + "\n"

    from extractor.api.review import add_review_pages  # noqa: PLC0415 - the pages' routes, after the API's

    add_review_pages(app)
    return app


def _chunks(file: UploadFile) -> Iterator[bytes]:
    while chunk := file.file.read(CHUNK):
        yield chunk


def _state(service: Service, job: Job, with_result: bool) -> dict[str, Any]:
    state: dict[str, Any] = {"id": job.sha256, "name": job.name, "status": job.state, "error": job.error}
    if with_result:
        machine = service.machine_result(job) if job.state in ("done", "failed") else None
        served = corrected(machine, service.store.corrections(job.sha256)) if machine is not None else None
        state["result"] = served.model_dump(mode="json", by_alias=True) if served is not None else None
    return state


def _download(body: bytes, media_type: str, filename: str) -> Response:
    from urllib.parse import quote  # noqa: PLC0415

    disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
    return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})
