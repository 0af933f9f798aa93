"""Chorus settings: the only settings file. Production differs from a laptop only by environment.

Every variable is listed with a comment and a safe default in .env.example.
"""

import secrets
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DATA_DIR = Path(env.str("CHORUS_DATA_DIR", default=str(BASE_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the data folder."""
    if key := env.str("SECRET_KEY", default=""):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The public address of this installation, for links in e-mails sent by background tasks.
CHORUS_BASE_URL = env.str("CHORUS_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "django_htmx",
    "ninja",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "chorus.core",
    "chorus.accounts",
    "chorus.scheduler",
    "chorus.program",
    "chorus.tracking",
    "chorus.notifications",
    "chorus.content",
    "chorus.academy",
    "chorus.campaigns",
    "chorus.digests",
    "chorus.sharing",
    "chorus.analytics",
    "chorus.home",
    "chorus.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "chorus.program.middleware.LanguageMiddleware",
    "chorus.program.middleware.TimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "chorus" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "chorus.home.context_processors.shell",
            ],
        },
    },
]

# Database: SQLite in the data folder (WAL mode) unless DATABASE_URL names another.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'chorus.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets the web server read while the task worker writes; IMMEDIATE avoids
            # "database is locked" on upgrade from a read to a write transaction.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SITE_ID = 1

# Cache: per process by default; Redis (CACHE_URL=redis://127.0.0.1:6379/0) with several workers,
# so that rate limits hold across them.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://chorus")}

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home:index"

# django-allauth: e-mail is the login; sign-up is open only to invitations and allowed domains
# (see chorus.accounts.adapter); brute force is limited by allauth's own rate limits.
ACCOUNT_ADAPTER = "chorus.program.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if env.bool("CHORUS_HTTPS", default=False) else "http"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}

# Languages of the interface. Content may come in more (chorus.core.languages).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("pl", _("Polish")), ("th", _("Thai"))]
LOCALE_PATHS = [BASE_DIR / "chorus" / "locale"]
LANGUAGE_COOKIE_NAME = "chorus_language"
USE_I18N = True
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "chorus" / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads larger than this are refused before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024


# E-mail: printed to the console unless EMAIL_URL says otherwise (smtp://user:pass@host:port).
def _mailer(url: dict) -> dict:
    """Django's MAILERS entry for django-environ's EMAIL_URL reading."""
    options = {
        "host": url.get("EMAIL_HOST"),
        "port": url.get("EMAIL_PORT"),
        "username": url.get("EMAIL_HOST_USER") or None,
        "password": url.get("EMAIL_HOST_PASSWORD") or None,
        "use_tls": url.get("EMAIL_USE_TLS") or None,
        "use_ssl": url.get("EMAIL_USE_SSL") or None,
        "timeout": 20,
    }
    backend = url["EMAIL_BACKEND"]
    if not backend.endswith("smtp.EmailBackend"):
        options = {"file_path": url["EMAIL_FILE_PATH"]} if url.get("EMAIL_FILE_PATH") else {}
    return {"BACKEND": backend, "OPTIONS": {k: v for k, v in options.items() if v is not None}}


MAILERS = {"default": _mailer(env.email_url("EMAIL_URL", default="consolemail://"))}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Chorus <chorus@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Behind HTTPS (CHORUS_HTTPS=on) cookies are secure and HSTS is sent.
CHORUS_HTTPS = env.bool("CHORUS_HTTPS", default=False)
SECURE_SSL_REDIRECT = CHORUS_HTTPS and env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = CHORUS_HTTPS
CSRF_COOKIE_SECURE = CHORUS_HTTPS
LANGUAGE_COOKIE_SECURE = CHORUS_HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if CHORUS_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = CHORUS_HTTPS
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Submitting a domain to the browsers' HSTS preload list binds all its subdomains for years:
# that is the operator's decision (SECURE_HSTS_PRELOAD), not a warning on every deploy check.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
CHORUS_BEHIND_PROXY = env.bool("CHORUS_BEHIND_PROXY", default=False)
if CHORUS_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Chorus itself.
CHORUS_INVITATION_DAYS = env.int("CHORUS_INVITATION_DAYS", default=14)
# Outgoing fetches of user-given URLs (link previews, feeds) reach only public addresses on ports
# 80 and 443. On for local testing only: lets them reach private addresses and other ports.
CHORUS_FETCH_ALLOW_PRIVATE = env.bool("CHORUS_FETCH_ALLOW_PRIVATE", default=False)
# Periodic jobs: management command → interval in seconds. Each occurrence runs once, however
# many workers tick (chorus.scheduler); `manage.py worker` runs tasks and ticks every
# CHORUS_SCHEDULER_TICK seconds. A run whose heartbeat is older than CHORUS_RUN_STALE_SECONDS lost
# its worker and is run again.
CHORUS_SCHEDULER_TICK = env.float("CHORUS_SCHEDULER_TICK", default=5.0)
CHORUS_RUN_STALE_SECONDS = env.float("CHORUS_RUN_STALE_SECONDS", default=120.0)
CHORUS_PERIODIC_JOBS = {
    "prune_runs": 24 * 3600,
    "poll_inspiration": 30 * 60,
    "update_analytics": 30,
    "prune_clicks": 24 * 3600,
    "update_milestones": 5 * 60,
    "notify_new_content": 60,
    "start_campaigns": 5 * 60,
    "send_digests": 10 * 60,
}
# CHORUS_JOB_INTERVALS="poll_inspiration=3600,prune_clicks=0" changes intervals (0 turns a job off).
for _name, _seconds in env.dict("CHORUS_JOB_INTERVALS", default={}).items():
    if not _seconds.isdigit():
        raise ImproperlyConfigured(f"CHORUS_JOB_INTERVALS: {_name}={_seconds} is not whole seconds")
    CHORUS_PERIODIC_JOBS[_name] = int(_seconds)
CHORUS_PERIODIC_JOBS = {name: every for name, every in CHORUS_PERIODIC_JOBS.items() if every > 0}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Tracked links: `/s/<code>` is answered in front of Django (chorus.tracking.redirect). Each web
# process appends its clicks to a journal file in this folder before answering and seals it every
# CHORUS_CLICK_FLUSH_SECONDS; `manage.py ingest_clicks --loop` reads sealed journals in.
CHORUS_LINK_BASE_URL = (env.str("CHORUS_LINK_BASE_URL", default="") or CHORUS_BASE_URL).rstrip("/")
CHORUS_CLICK_JOURNAL_DIR = Path(
    env.str("CHORUS_CLICK_JOURNAL_DIR", default="") or DATA_DIR / "clicks"
).resolve()
CHORUS_CLICK_FLUSH_SECONDS = env.float("CHORUS_CLICK_FLUSH_SECONDS", default=1.0)
# Journals are read in by `manage.py ingest_clicks --loop` (started by `serve`); a WSGI server
# started some other way can let its own processes do it instead.
CHORUS_CLICK_INGEST_IN_WEB = env.bool("CHORUS_CLICK_INGEST_IN_WEB", default=False)
# How many of the newest links each web process loads into its code cache at start.
CHORUS_LINK_CACHE_PRELOAD = env.int("CHORUS_LINK_CACHE_PRELOAD", default=200_000)
# Raw clicks (time, device, referrer domain, keyed visitor hash) are deleted after this many
# days; their counts stay in the rollups. Dashboards never read them.
CHORUS_CLICK_RETENTION_DAYS = env.int("CHORUS_CLICK_RETENTION_DAYS", default=180)
if CHORUS_CLICK_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("CHORUS_CLICK_RETENTION_DAYS must be at least 1.")
