# The production image of BASS Ambitions: web (gunicorn) and worker (celery) run this one image.
FROM python:3.11-slim-bookworm

# WeasyPrint's runtime libraries (Pango, HarfBuzz) and a font for the PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# The uv that wrote uv.lock.
RUN pip install --no-cache-dir "uv==0.13.9"

ENV PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PATH="/app/.venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=config.settings

WORKDIR /app

# Dependencies first, exactly as locked: this layer is rebuilt only when the lock changes.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project --no-cache

COPY . .

# The user guide (docs/, mkdocs.yml) into var/hjaelp/, which the app serves under /hjaelp/
# for the header's "Hjælp"; offline, from the locked docs group.
RUN NO_MKDOCS_2_WARNING=1 mkdocs build --strict --quiet

# Static files are collected into the image (served by WhiteNoise). The key below exists
# only for this RUN line; the running container must be given its own SECRET_KEY.
RUN SECRET_KEY=collectstatic-at-build-time-only python manage.py collectstatic --noinput

# Run as a user without privileges; it writes uploads (MEDIA_ROOT) and beat's schedule
# (the volumes in docker-compose.yml take these folders' owner when first created).
RUN groupadd --system bass \
    && useradd --system --gid bass --create-home --home-dir /home/bass bass \
    && mkdir -p /app/var/media /app/var/beat \
    && chown -R bass:bass /app/var
USER bass

EXPOSE 8000

CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
