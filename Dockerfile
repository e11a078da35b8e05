# eventsvc API image: slim, non-root, gunicorn.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY service ./service
RUN pip install --no-cache-dir --prefix=/install .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    EVENTSVC_SQL_DIR=/app/sql \
    SEEDS_DIR=/app/seeds \
    PORT=8000 \
    WEB_CONCURRENCY=2 \
    WEB_THREADS=16 \
    XDG_CACHE_HOME=/app/cache
RUN useradd --create-home --uid 10001 eventsvc
COPY --from=build /install /usr/local
WORKDIR /app
COPY sql ./sql
COPY seeds ./seeds
COPY openapi.yaml ./openapi.yaml
COPY gunicorn.conf.py ./gunicorn.conf.py
# build the gazetteer index once, into the image, so the first request does not pay for it
RUN mkdir -p /app/cache && python -m service.vocab.gazetteer >/dev/null && chown -R eventsvc /app/cache
USER eventsvc
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health').status != 200)"
# workers, threads, limits and the graceful stop: gunicorn.conf.py (the same settings as `eventsvc serve`)
CMD ["gunicorn", "-c", "gunicorn.conf.py", "service.wsgi:app"]
