"""Mutuality's Django settings, driven by the environment.

MUTUALITY_DATA_DIR   where the SQLite database, secret key and collected static files
                     live (default ./var)
DATABASE_URL         a PostgreSQL URL for group practices (default: SQLite in the data dir)
MUTUALITY_SECRET_KEY overrides the secret key generated into the data dir on first run
MUTUALITY_DEBUG      "1" for development error pages (never in a real practice)
MUTUALITY_ALLOWED_HOSTS comma-separated host names (default: localhost names)
MUTUALITY_HTTPS      "1" when served over HTTPS (behind a TLS proxy): secure cookies, HSTS,
                     redirect to HTTPS
MUTUALITY_IDLE_MINUTES sign out after this many minutes without a request (default 30)
MUTUALITY_LOCKOUT_FAILURES / MUTUALITY_LOCKOUT_MINUTES  failed sign-ins before an account
                     is refused, and for how long (default 10 and 15)
MUTUALITY_PG_UNPREPARED "1" to have PostgreSQL parse and plan every statement anew (only
                     behind a transaction-mode pooler that cannot carry prepared statements)
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

from mutuality.site.paths import data_dir

django_stubs_ext.monkeypatch()


def _flag(name: str) -> bool:
    value = os.environ.get(name, "0").strip().lower()
    if value not in {"0", "1", "true", "false", "yes", "no", ""}:
        raise ValueError(f"{name} must be 1 or 0, not {value!r}")
    return value in {"1", "true", "yes"}


def _milliseconds(name: str, default: float) -> float:
    """A duration from the environment, or a clear refusal to start naming the variable."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1
    if not 0 <= value < float("inf"):
        raise ImproperlyConfigured(f"{name} is {text!r}: give milliseconds, such as 1000 (0: none)")
    return value


def _secret_key(directory: Path) -> str:
    """The practice's own key: from the environment, else generated once into the data dir."""
    if key := os.environ.get("MUTUALITY_SECRET_KEY"):
        return key
    path = directory / "secret_key"
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_dir()
SECRET_KEY = _secret_key(DATA_DIR)
DEBUG = _flag("MUTUALITY_DEBUG")
ALLOWED_HOSTS = os.environ.get("MUTUALITY_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "mutuality.audit",
    "mutuality.accounts",
    "mutuality.practices",
    "mutuality.clients",
    "mutuality.maps",
    "mutuality.guide",
    "mutuality.measures",
    "mutuality.sessions",
    "mutuality.transcripts",
    "mutuality.logs",
    "mutuality.plans",
    "mutuality.formulations",
    "mutuality.notes",
    "mutuality.record",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "mutuality.site.slow.SlowRequestMiddleware",
    "mutuality.site.headers.BodySizeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mutuality.accounts.middleware.IdleTimeoutMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "mutuality.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "mutuality.site.headers.NoStoreMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its lockout response.
    "axes.middleware.AxesMiddleware",
]

# Form widgets from Django's Jinja2 copies of their templates (site.jinja.FormRenderer).
FORM_RENDERER = "mutuality.site.jinja.FormRenderer"

ROOT_URLCONF = "mutuality.site.urls"
WSGI_APPLICATION = "mutuality.site.wsgi.application"

TEMPLATES = [
    {  # every page (site.jinja)
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [PACKAGE_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "mutuality.site.jinja.environment",
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mutuality.practices.context.practice",
                "mutuality.site.jinja.csrf_once",
            ],
        },
    },
    {  # the admin's pages (form widgets have their own renderer: FORM_RENDERER)
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if url := os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(url, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["ENGINE"] = "mutuality.site.postgresql"  # moments read quicker
    if not _flag("MUTUALITY_PG_UNPREPARED"):
        # Parameters bound by the server, and a statement run twice on a connection kept
        # parsed and planned there: a page's statements are the same on every visit.
        DATABASES["default"]["OPTIONS"] = {
            **DATABASES["default"].get("OPTIONS", {}),
            "server_side_binding": True,
            "prepare_threshold": 2,
        }
else:
    DATABASES = {
        "default": {
            "ENGINE": "mutuality.site.sqlite3",  # Django's, quicker, keeping planner statistics
            "NAME": str(DATA_DIR / "mutuality.sqlite3"),
            # Each server thread keeps its connection between requests, as on PostgreSQL:
            # opening one (and registering Django's SQL functions) costs 0.7 ms a request.
            "CONN_MAX_AGE": 60,
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Argon2id first: older hashes are upgraded to it when their owner next signs in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "mutuality.accounts.backends.PasswordBackend",  # Django's, loading the profile with the user
]
# Lockout (django-axes): after this many failures for one username (or from one address), the
# right password is refused too until the cool-off ends; a success before that resets it.
AXES_FAILURE_LIMIT = int(os.environ.get("MUTUALITY_LOCKOUT_FAILURES", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("MUTUALITY_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either reaching the limit
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "mutuality.accounts.views.locked_out"
AXES_VERBOSE = False
OTP_TOTP_ISSUER = "Mutuality"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "caseload"
LOGOUT_REDIRECT_URL = "login"

# The database's, in Mutuality's own table with each session's user beside it: a request
# reads its session and user in one statement. (django.contrib.sessions stays installed for
# its `clearsessions` command; its own table is no longer used.)
SESSION_ENGINE = "mutuality.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Idle timeout: a signed-in session ends this long after its last request, less at most a
# minute (accounts.middleware.IdleTimeoutMiddleware renews it once a minute, not on every
# request: each renewal is a write).
SESSION_COOKIE_AGE = 60 * int(os.environ.get("MUTUALITY_IDLE_MINUTES", "30"))
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
HTTPS = _flag("MUTUALITY_HTTPS")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = (
    HTTPS  # the header allows preloading; submitting the domain is the practice's choice
)
if HTTPS:  # a TLS-terminating proxy in front of Mutuality says the request was HTTPS
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# No inline scripts anywhere; styles allow inline `style` attributes (charts, bars).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
# Whole request bodies above this are refused unread (site.headers.BodySizeMiddleware); the
# largest legitimate one is a 2 MB transcript in a form.
MUTUALITY_MAX_BODY_BYTES = 4_000_000
# A request that takes this long or longer is logged by its URL pattern (site.slow); 0: none.
MUTUALITY_SLOW_REQUEST_MS = _milliseconds("MUTUALITY_SLOW_REQUEST_MS", 1000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_500_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_500_000
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("MUTUALITY_TIME_ZONE", "UTC")
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Tests and the development server find static files in the package itself.
WHITENOISE_USE_FINDERS = DEBUG

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_tokens": {"()": "mutuality.site.logfilters.RedactTokens"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]}},
    # Request logs carry URLs and ids only, never client content.
    "root": {"handlers": ["console"], "level": "WARNING"},
}
