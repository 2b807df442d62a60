"""The review pages: plain HTML and one small script (`static/`), no build step and nothing from a
CDN (the users are air-gapped). They read everything through the /v1 API, with the API key the
reviewer types once (kept for the browser tab) when the server asks for one.

    /review          the tables to look at, worst first
    /review/{id}     each page as a picture with every table cell drawn over it (flagged cells in
                     colour), the table beside it under its header paths; a click on a cell shows
                     its text, value, confidence, flags and checks, and lets the reviewer correct it
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response

STATIC = files("extractor.api") / "static"
TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


def add_review_pages(app: FastAPI) -> None:
    @app.get("/review", response_class=HTMLResponse, include_in_schema=False)
    def queue_page() -> str:
        return (STATIC / "queue.html").read_text(encoding="utf-8")

    @app.get("/review/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(doc_id: str) -> str:
        return (STATIC / "review.html").read_text(encoding="utf-8")

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        suffix = name[name.rfind(".") :] if "." in name else ""
        if suffix not in TYPES or "/" in name:
            return Response(status_code=404)
        item = STATIC / name
        if not item.is_file():
            return Response(status_code=404)
        return Response(item.read_text(encoding="utf-8"), media_type=TYPES[suffix])
