# bulletin-extractor: the watcher (default) or the HTTP service, as a container.
#   docker build -t bulletin-extractor .
#   docker run -d --name extractor -v /srv/bulletins:/data bulletin-extractor
#     Drop PDFs into /srv/bulletins/in; results appear in /srv/bulletins/out (JSON, tables,
#     results.sqlite); inputs move to in/done or in/failed.
#   docker run -d --name extractor-api -p 8000:8000 -v /srv/bulletins:/data \
#       -e EXTRACTOR_API_KEY=… bulletin-extractor serve -o /data/out --host 0.0.0.0 -j 2
#     The API at http://host:8000/docs, the review page at /review; uploads are kept in
#     /data/out/uploads. Its health: GET /healthz (200, or 503 when the job queue stopped).
# Models (RapidOCR's, inside its wheel) and the gazetteer (models/) are baked in: nothing is
# downloaded when the container starts.

FROM python:3.11-slim-bookworm AS build
WORKDIR /src
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY extractor ./extractor
RUN pip wheel --no-cache-dir --wheel-dir /wheels ".[docker]"

FROM python:3.11-slim-bookworm
# libgl/libglib for OpenCV's headless build, libgomp for onnxruntime
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libglib2.0-0 libgomp1 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 extractor
COPY --from=build /wheels /wheels
# the version pyproject.toml gives (only the wheels built above are looked at)
ARG VERSION=0.1.0
RUN pip install --no-cache-dir --no-index --find-links /wheels "bulletin-extractor[docker]==${VERSION}" \
    && rm -rf /wheels
COPY models /opt/extractor/models
ENV EXTRACTOR_MODELS=/opt/extractor/models \
    EXTRACTOR_CACHE=/opt/extractor/cache \
    PYTHONUNBUFFERED=1
# the gazetteer compiled once into the image (extractor/gazetteer/compiled.py), readable by the service user
RUN python -c "from extractor import gazetteer; gazetteer.load()" \
    && chmod -R a+rX /opt/extractor/cache
USER 10001
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8000
# SIGTERM (docker stop) lets the documents under way finish, then exits 0 (watch and serve alike)
STOPSIGNAL SIGTERM
ENTRYPOINT ["extractor"]
CMD ["watch", "/data/in", "-o", "/data/out", "--create"]
