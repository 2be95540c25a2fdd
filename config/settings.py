"""Settings for BASS Ambitions, read from the environment.

One module for every environment. With nothing set the app runs on a SQLite file with Celery
in eager mode, so a newcomer needs nothing but Python. ``DATABASE_URL`` switches to
PostgreSQL, ``REDIS_URL`` to a Redis broker, cache and result backend with a real worker.
The helpers below fail loudly on a value they cannot read rather than guess.
"""

import datetime
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

# The repository's development key signs sessions on a laptop (DEBUG, bin/start), in the
# tests and for tools that load the settings (mypy, makemessages). A process that serves
# (gunicorn, runserver, migrate, the Celery worker) refuses to start with it while DEBUG is
# off: see bass/checks.py. Sessions signed with a key published in the repository could be
# forged by anyone.
DEVELOPMENT_SECRET_KEY = "django-insecure-bass-local-development-key-not-for-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY").strip() or DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Behind TLS (production): redirect to HTTPS, secure cookies and HSTS.
HTTPS = env_bool("HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind a reverse proxy (BEHIND_PROXY=true) the proxy tells the app two things in headers
# it sets itself: X-Forwarded-Proto (did the request come in over TLS?) and X-Real-IP (the
# client's address, which the login throttle counts). From anyone else both are lies, so
# they are believed only when the operator says the proxy is the one way in and overwrites
# them (README, "Production shape").
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS and BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
# Content-Security-Policy: scripts, styles, images and fonts come from our own static files
# only; no inline script, no style attribute, no eval, no frames, no plugins. Text people
# write is sanitised (bass/text.py); this is the second line, should anything slip through.
# htmx is told not to inject its indicator styles (templates/base.html, static/css).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

INSTALLED_APPS = [
    "bass.apps.BassAdminConfig",
    "bass.versions",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Lets FORM_RENDERER = TemplatesSetting find Django's own form templates.
    "django.forms",
    "django_htmx",
    "template_partials",
    "django_fsm",
    "simple_history",
    "people",
    # The read-only JSON API and the calendar feed (issue 27, item 4). Before "programme":
    # its load_demo (the programme's, plus a demo access token) is the one Django runs.
    "api",
    "programme",
    "sustainability",
    "specialties",
    "ambitions",
    "documents",
    "rounds",
    "conversations",
    "improvement",
    "inspiration",
    "effect",
    "dataimport",
    # Login throttling (django-axes): after too many wrong passwords for one username or
    # from one address, log-in is refused for a while; the secretariat can lift it. Named in
    # Danish in the admin (bass/apps.py).
    "bass.apps.AxesConfig",
    # The durable outbox: every e-mail a row, sent and retried by the worker (bass/outbox.py).
    "post_office",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy (django-csp) and Permissions-Policy on every response.
    "csp.middleware.CSPMiddleware",
    "bass.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bass.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records who made each change in the history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
    "bass.middleware.HtmxVaryMiddleware",
    # A view's refusal (404) gets the Danish page, DEBUG or not.
    "bass.middleware.NotFoundPageMiddleware",
    # Nothing a signed-in person was shown stays in a browser's or proxy's cache.
    "bass.middleware.PrivateNoStoreMiddleware",
    # Last, as django-axes asks: turns a locked-out log-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Our templates (DIRS) are read without their indentation, which was half of every
            # page's bytes (bass/template_loaders.py); the cached loader keeps them compiled.
            # template_partials' loader outermost, as django-template-partials sets it up itself.
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.cached.Loader",
                            [
                                "bass.template_loaders.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # The shared kernel's template tags: permissions and user-written text.
            "libraries": {
                "bass_cache": "bass.templatetags.bass_cache",
                "bass_help": "bass.templatetags.bass_help",
                "bass_permissions": "programme.templatetags.bass_permissions",
                "bass_text": "bass.templatetags.bass_text",
            },
        },
    },
]
# One template renders every form (templates/django/forms/), so errors look the same everywhere.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(BASE_DIR / "db.sqlite3"),
            # WAL and an immediate transaction mode keep the single-file database usable
            # with a dev server and an eager task writing at the same time.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username or address before the password is checked.
    "bass.auth.LoginThrottleBackend",
    # Django's, loading with the person whether they hold a role in a specialty.
    "specialties.auth.MemberBackend",
    # Sessions from before MemberBackend name this one; they stay signed in.
    "django.contrib.auth.backends.ModelBackend",
    # The work account (people/sso.py): answers only the provider's callback; it also
    # accepts the invitation the person came from (specialties/invitations.py).
    "specialties.invitations.InvitationSSOBackend",
]
# Login throttling (django-axes), per username and per address (either one locks): after
# LOGIN_FAILURE_LIMIT wrong passwords within LOGIN_LOCKOUT_MINUTES, log-in is refused
# (also with the right password) until the time has passed or the secretariat lifts the
# lock in the admin ("Adgangsforsøg"). A successful log-in resets the count.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "bass.auth.lockout_response"
AXES_CLIENT_IP_CALLABLE = "bass.auth.client_ip"
AXES_ENABLE_ADMIN = False  # registered in people/admin.py, for the secretariat
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# The backend that loads the signed-in person on each request, whichever one signed them in.
SESSION_AUTH_BACKEND = "specialties.auth.MemberBackend"

# Single sign-on with OpenID Connect (people/sso.py, docs/sso.md), on when OIDC_CLIENT_ID is
# set. The endpoints come from OIDC_ISSUER's discovery document on the first sign-in; each
# OIDC_*_ENDPOINT set here wins over it. SSO_ONLY switches the password log-in off.
OIDC_RP_CLIENT_ID = env_str("OIDC_CLIENT_ID").strip()
OIDC_RP_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET").strip()
OIDC_ISSUER = env_str("OIDC_ISSUER").strip().rstrip("/")
SSO_ENABLED = bool(OIDC_RP_CLIENT_ID)
if SSO_ENABLED and not (OIDC_ISSUER and OIDC_RP_CLIENT_SECRET):
    raise ImproperlyConfigured("OIDC_CLIENT_ID needs OIDC_ISSUER and OIDC_CLIENT_SECRET too")
SSO_ONLY = env_bool("SSO_ONLY", default=False)
if SSO_ONLY and not SSO_ENABLED:
    raise ImproperlyConfigured("SSO_ONLY=true needs single sign-on: set OIDC_CLIENT_ID")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_AUTHORIZATION_ENDPOINT").strip()
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_TOKEN_ENDPOINT").strip()
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_JWKS_ENDPOINT").strip()
OIDC_OP_END_SESSION_ENDPOINT = env_str("OIDC_END_SESSION_ENDPOINT").strip()
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = env_str("OIDC_SCOPES").strip() or "openid email profile"
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_STORE_ID_TOKEN = True  # the hint for the provider's sign-out
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_callback"
LOGIN_REDIRECT_URL_FAILURE = "/log-ind/"
# Optional: programme roles from the ID token's groups claim (Entra ID: group object ids).
OIDC_GROUPS_CLAIM = env_str("OIDC_GROUPS_CLAIM").strip() or "groups"
OIDC_SECRETARIAT_GROUPS = env_list("OIDC_SECRETARIAT_GROUPS", [])
OIDC_STEERING_GROUPS = env_list("OIDC_STEERING_GROUPS", [])
if SSO_ENABLED:
    # Log ud is a form whose answer redirects to the provider's sign-out: the policy's
    # form-action covers the redirects a form's submission follows.
    _sso_origins = {
        "{0.scheme}://{0.netloc}".format(urlsplit(url))
        for url in (OIDC_ISSUER, OIDC_OP_END_SESSION_ENDPOINT)
        if url
    }
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += sorted(_sso_origins)

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
# Our catalogue first; then Danish for the libraries that ship none (django-axes' admin).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
# Danish date and time formats as the programme writes them (bass/formats/da/formats.py).
FORMAT_MODULE_PATH = ["bass.formats"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "var" / "media")
# Rendered documents: on disk under MEDIA_ROOT by default; with S3_BUCKET in an
# S3-compatible object store, so that several web and worker machines share them.
S3_BUCKET = env_str("S3_BUCKET")
if S3_BUCKET:
    DOCUMENTS_STORAGE: dict[str, Any] = {
        "BACKEND": "documents.s3.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID"),
            "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
            "location": env_str("S3_PREFIX"),
            "addressing_style": env_str("S3_ADDRESSING_STYLE") or "path",
            "signature_version": "s3v4",
        },
    }
else:
    DOCUMENTS_STORAGE = {"BACKEND": "documents.storage.PrivateStorage"}
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "documents": DOCUMENTS_STORAGE,
}

# A Fernet key (``cryptography``): when set, ``manage.py backup`` encrypts the .tar.gz it
# writes and ``restore`` decrypts it (programme/backup.py). Keep it apart from the backups.
BACKUP_ENCRYPTION_KEY = env_str("BACKUP_ENCRYPTION_KEY").strip()

REDIS_URL = env_str("REDIS_URL")
# The cache may live on a Redis server of its own (docker-compose.yml: a memory limit and
# LRU eviction for the cache, persistence and no eviction for Celery's queue; a memory
# policy applies to a whole server). Without it, the cache shares REDIS_URL's server.
CACHE_REDIS_URL = env_str("CACHE_REDIS_URL") or REDIS_URL
if REDIS_URL:
    # The cache only holds what can be rebuilt from the database, so a Redis that cannot be
    # reached makes an empty cache, not an error page (bass/redis_cache.py); short timeouts
    # keep a Redis that does not answer from holding up every page.
    CACHES = {
        "default": {
            "BACKEND": "bass.redis_cache.TolerantRedisCache",
            "LOCATION": CACHE_REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions are read from the cache and written through to the database: a signed-in request
# costs no session query, and a cache that forgets or cannot be reached only costs one.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The release in every kept key (bass.cache.release): the build's commit when the image is
# built with it; else a digest of the code, templates, translations and uv.lock.
BASS_RELEASE = env_str("BASS_RELEASE")

# The worker's CPU priority below the web's (config/celery.py): PDFs yield to page requests.
WORKER_NICENESS = env_int("WORKER_NICENESS", 10)
# Celery: with REDIS_URL a real broker and worker; without, tasks run in-process at once.
# The in-memory broker gets a host name, or kombu warns "No hostname was supplied" for every
# task (every e-mail) it runs eagerly.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 180)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# celery beat (its own process: `celery -A config beat`) sends the reminder digest every
# morning at REMINDER_HOUR (local time). REMINDERS_EVERY_SECONDS runs it every so many
# seconds instead: for the test that runs beat for real; the sent-log keeps it to one e-mail
# per person and day however often it runs.
REMINDERS_EVERY_SECONDS = env_int("REMINDERS_EVERY_SECONDS", 0)
# The health URL's beat part: beat queues this tick every minute and the worker records it,
# so a beat or worker that hangs shows on /health/ (bass/health.py).
CELERY_IMPORTS = ["bass.health", "bass.outbox"]
CELERY_BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "health-tick": {"task": "bass.health.beat_tick", "schedule": 60.0},
    # The outbox: what a kick after commit missed (a broker down, a retry now due).
    "outbox": {"task": "bass.outbox.send_outbox", "schedule": 60.0},
    "outbox-cleanup": {"task": "bass.outbox.clean_outbox", "schedule": crontab(hour=3, minute=30)},
    "reminder-digest": {
        "task": "rounds.tasks.send_reminders",
        "schedule": (
            float(REMINDERS_EVERY_SECONDS)
            if REMINDERS_EVERY_SECONDS > 0
            else crontab(hour=env_int("REMINDER_HOUR", 7), minute=0)
        ),
    },
}

# Where people reach the app: the links in e-mails are built from it. Without SITE_URL, the
# local server's port (PORT, as bin/start uses it) so e-mails link to where the app runs.
SITE_URL = (env_str("SITE_URL") or f"http://127.0.0.1:{env_int('PORT', 8000)}").rstrip("/")

# Every e-mail goes into the outbox (django-post-office), in the transaction of the change
# that causes it; the worker delivers it through the backend EMAIL_BACKEND names (the SMTP
# backend in production; without it, the console) and retries a refusal for more than a day
# with growing pauses (bass/outbox.py).
EMAIL_BACKEND = "post_office.EmailBackend"
POST_OFFICE: dict[str, Any] = {
    "BACKENDS": {
        "default": env_str("EMAIL_BACKEND") or "django.core.mail.backends.console.EmailBackend"
    },
    "DEFAULT_PRIORITY": "medium",
    # First written, first sent (post-office's default orders by priority alone, which leaves
    # the messages of one priority in no fixed order).
    "SENDING_ORDER": ["-priority", "created", "pk"],
    # bass.outbox kicks the delivery once the transaction commits, and beat every minute.
    "CELERY_ENABLED": False,
    # 1, 2, 4 … 64 minutes, then two hours each: about 28 hours of tries.
    "MAX_RETRIES": 20,
    "RETRY_INTERVAL": datetime.timedelta(minutes=1),
    "THREADS_PER_PROCESS": 1,
    # Every attempt in the log the secretariat reads (sent, and refused with the reason).
    "LOG_LEVEL": 2,
    "MESSAGE_ID_ENABLED": True,
}
# The mail server, for EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend. A timeout,
# so a server that does not answer fails the send (which is retried) instead of hanging.
EMAIL_HOST = env_str("EMAIL_HOST") or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "BASS Ambitions <bass@localhost>"

# One line per event on standard error, at LOG_LEVEL (DEBUG, INFO, WARNING, ERROR;
# default WARNING). Django's own loggers hand their records to the root handler instead of
# printing them a second time through Django's default console handler (with DEBUG on).
LOG_LEVEL = (env_str("LOG_LEVEL") or "WARNING").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # post-office installs a handler of its own (a second line per event, at INFO)
        # unless its logger has one: give it the one line, at LOG_LEVEL.
        "post_office": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
    },
}

# Error reporting: with SENTRY_DSN set, unhandled errors of web, worker and beat go to
# Sentry (or a compatible service such as GlitchTip), without personal data.
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:  # pragma: no cover - needs a Sentry server
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT") or "production",
        send_default_pii=False,
    )
