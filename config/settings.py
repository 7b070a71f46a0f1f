"""Sightline's one settings module, driven by environment variables (see README.md).

SQLite under ``var/`` is the embedded default; set ``DATABASE_URL`` for PostgreSQL.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SIGHTLINE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a yes/no value (use 1 or 0)")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Who may do what: django-rules answers user.has_perm(name, obj) from each app's
# permissions.py (autodiscovered); Django's own backend still serves the admin's model perms.
AUTHENTICATION_BACKENDS = [
    # django-axes first: a locked-out username is refused before any password is checked.
    "sightline.accounts.lockout.LockoutBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "ninja",
    "rules",
    "axes",
    "sightline.core",
    "sightline.accounts",
    "sightline.strategy",
    "sightline.performance",
    "sightline.plans",
    "sightline.risks",
    "sightline.finance",
    "sightline.impact",
    "sightline.savings",
    "sightline.reports",
    "sightline.scrutiny",
    "sightline.home",
    "sightline.setup",
    "sightline.imports",
    "sightline.api",
    "sightline.demo",
    "sightline.public",
    "sightline.simulator",
    "sightline.papers",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session middleware, so it sees the response after it: strips the session
    # cookie and "Vary: Cookie" from the public pages' answers (the same for everyone).
    "sightline.core.middleware.SharedResponseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sightline.accounts.middleware.SightlineLoginRequiredMiddleware",
    "sightline.accounts.middleware.MembershipMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "sightline.core.middleware.RequestLogMiddleware",
    "csp.middleware.CSPMiddleware",
    "sightline.core.middleware.SecurityHeadersMiddleware",
    # Last, as django-axes asks: turns a locked-out attempt into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# The model a council's records hang from; core (which may not import the apps above it)
# finds it by this name, as Django's own code finds AUTH_USER_MODEL.
SIGHTLINE_COUNCIL_MODEL = "accounts.Council"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sightline.core.context_processors.sightline",
            ],
            "builtins": [
                "sightline.core.templatetags.sightline",
                "sightline.core.templatetags.govuk",
                # {% has_perm "app.rule" user obj as can_x %} in every template
                "rules.templatetags.rules",
            ],
        },
    }
]

# Database: SQLite file under var/ unless DATABASE_URL is set (PostgreSQL through psycopg 3).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "sightline.sqlite3")),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches live in each process's memory: nothing to run beside Sightline. The programme
# summary is kept until a record it reads changes (sightline/savings/summary_cache.py);
# SIGHTLINE_SUMMARY_CACHE=0 computes it on every request instead.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "summaries": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "summaries",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
# Committee papers' PDFs by the hash of their HTML (sightline.papers.paper.html_to_pdf).
CACHES["papers"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "papers",
    "TIMEOUT": 24 * 3600,
    "OPTIONS": {"MAX_ENTRIES": 40},
}
SIGHTLINE_SUMMARY_CACHE = env_bool("SIGHTLINE_SUMMARY_CACHE", True)
SIGHTLINE_SUMMARY_CACHE_ALIAS = "summaries"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after SESSION_IDLE_MINUTES without a request (sliding expiry).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "120")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise serves from here after collectstatic
STATICFILES_DIRS = [BASE_DIR / "static", VAR_DIR / "assets"]
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Importing a council's tables (sightline/core/tables, sightline/imports): the largest file
# accepted, and where an uploaded file waits, per council and never served, between its
# preview and its import (it is deleted once imported or discarded).
SIGHTLINE_IMPORT_MAX_BYTES = int(os.environ.get("SIGHTLINE_IMPORT_MAX_BYTES", 20 * 1024 * 1024))
SIGHTLINE_IMPORTS_DIR = Path(os.environ.get("SIGHTLINE_IMPORTS_DIR", VAR_DIR / "imports"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sightline@localhost")

# HTTPS: on by default whenever DEBUG is off.
SECURE = env_bool("SECURE", not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if SECURE else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE and env_bool("SECURE_HSTS_PRELOAD", True)
# X-Forwarded-Proto (and X-Forwarded-For, for the lockout's address) are believed only when
# Sightline is told a proxy in front of it sets them: otherwise any client could claim HTTPS.
SIGHTLINE_BEHIND_PROXY = env_bool("SIGHTLINE_BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SIGHTLINE_BEHIND_PROXY else None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp 4): scripts, styles, fonts and images from Sightline
# itself only; no inline script anywhere (GOV.UK Frontend's start-up lives in static files).
# Inline <style> blocks (a few pages and the print layouts) carry the request's nonce;
# style *attributes* are allowed (style-src-attr), as the SVG charts size themselves with
# one: they cannot run script, and with img-src limited to 'self' cannot fetch elsewhere
# (docs/adr/0004-login-lockout.md).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features no page of Sightline uses, turned off (sightline.core.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(self), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), "
    "screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()"
)

# Signing in (django-axes, sightline/accounts/lockout.py, docs/adr/0004-login-lockout.md):
# after AXES_FAILURE_LIMIT wrong passwords for one username from one address within the
# cool-off, that username is refused from that address until SIGHTLINE_LOCKOUT_MINUTES have
# passed since the last failure, even with the right password. Bad API tokens count alike.
SIGHTLINE_LOCKOUT_MINUTES = int(os.environ.get("SIGHTLINE_LOCKOUT_MINUTES", "15"))
AXES_ENABLED = env_bool("SIGHTLINE_LOCKOUT", True)
AXES_FAILURE_LIMIT = int(os.environ.get("SIGHTLINE_LOCKOUT_ATTEMPTS", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=SIGHTLINE_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Attempts refused during a lockout do not restart it, so the time the page gives holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "sightline.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "sightline.accounts.lockout.client_ip"
# Operators clear a lockout with `sightline axes_reset_username NAME`; the attempts are not
# in the admin, whose every page is scoped to one council.
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
SILENCED_SYSTEM_CHECKS = ["security.W003"] if not SECURE_SSL_REDIRECT and SECURE else []

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        # django-axes logs every sign-in at INFO; its warnings (lockouts) are kept.
        "axes": {"level": "WARNING"},
        # WeasyPrint logs each step of each PDF's layout (a line per page) at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True

# The demo council's password: printed by `make demo`, only for the demo data.
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "sightline-demo-2026")
