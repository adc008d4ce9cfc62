"""Settings for the open-government CMS, read from the environment.

Without DATABASE_URL the embedded SQLite database `db.sqlite3` is used; without
REDIS_URL Celery tasks run in-process. `cms.settings.production` tightens the
security settings for a real deployment.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Production settings refuse to start with this one (cms/settings/production.py).
DEVELOPMENT_SECRET_KEY = "insecure-embedded-development-key-change-me"
SECRET_KEY = os.environ.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# 等保 2.0: a session ends after 30 minutes without a request (each request extends it), also when
# "remember me" was ticked at login; SESSION_IDLE_MINUTES changes the period.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
PORT = int(os.environ.get("PORT", "8000"))

INSTALLED_APPS = [
    # First: its templates replace Wagtail's login page (no "remember me").
    "security",
    "sites",
    "disclosure",
    "catalogue",
    "participation",
    "opinions",
    "search",
    "review",
    "workdays",
    "operations",
    "interpretation",
    "translations",
    "foi",
    "errorreports",
    "services",
    "reports",
    "oversight",
    "portal",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's admin uses its naturaltime ("3 分钟之前"); installed so that its catalogue is loaded.
    "django.contrib.humanize",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    # After Wagtail and Django: its catalogue would otherwise reword their form messages.
    "captcha",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "security.audit.AuditRequestMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sites.middleware.AdminPageScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "security.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.csp.SiteCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "sites.context_processors.portal_navigation",
                "portal.elder.elder_mode",
            ],
        },
    },
]

# Database: embedded SQLite unless DATABASE_URL names another one.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts (等保 2.0 level 3, security/). Passwords: at least 12 characters of three of the four
# classes (upper, lower, digit, symbol), changed every PASSWORD_MAX_AGE_DAYS (0: never).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "security.validators.ComplexityValidator", "OPTIONS": {"min_length": 12, "min_classes": 3}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
PASSWORD_MAX_AGE_DAYS = int(os.environ.get("PASSWORD_MAX_AGE_DAYS", "90"))
# Failed logins (django-axes) are counted per account and per address; the sixth wrong password in
# a row locks that account, or that address, for LOGIN_LOCKOUT_MINUTES (a county administrator
# can unlock sooner). A correct login resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 6
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "security.network.client_address"
AXES_LOCKOUT_CALLABLE = "security.views.lockout"
AXES_ENABLE_ADMIN = False
# Logins are in the audit log (security.AuditEntry, purged after AUDIT_RETENTION_DAYS); django-axes'
# own access log would keep the same addresses forever.
AXES_DISABLE_ACCESS_LOG = True
# Every admin account signs in with a TOTP code too (security/middleware.py); no "remember me".
WAGTAILADMIN_USER_LOGIN_FORM = "security.forms.LoginForm"
# The audit log (security.AuditEntry) keeps at least 180 days; a shorter value is raised to 180.
AUDIT_RETENTION_DAYS = int(os.environ.get("AUDIT_RETENTION_DAYS", "180"))

# Languages. Dai (Tai Nüa, `tdd`) and Jingpo (`kac`) are not shipped with Django:
# they need LANG_INFO entries and compiled catalogues in locale/ (built by `make install`).
LANG_INFO.update(
    {
        "tdd": {"bidi": False, "code": "tdd", "name": "Tai Nüa", "name_local": "ᥖᥭᥰ ᥖᥬᥲ ᥑᥨᥒᥰ"},
        "kac": {"bidi": False, "code": "kac", "name": "Jingpho", "name_local": "Jinghpaw"},
    }
)
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("简体中文")),
    ("tdd", _("傣文")),
    ("kac", _("景颇文")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# The project's catalogue first (makemessages writes there); then the translations Wagtail's own
# zh-hans catalogue lacks, kept by hand (`make admin-catalogue-gaps` lists any left after an upgrade).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
# Uploaded images (and their renditions), at MEDIA_URL through a view that checks who may see
# each one (disclosure/media.py); every other upload, documents first, in PRIVATE_MEDIA_ROOT,
# which no URL maps to (cms/storage.py). A web server must serve neither folder itself.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("PRIVATE_MEDIA_ROOT") or MEDIA_ROOT.parent / f"{MEDIA_ROOT.name}-private"
)
# How long browsers and proxies may keep a public image: a page turned non-public takes its
# images off the site at once, but copies already cached may be shown for up to this long.
PUBLIC_MEDIA_MAX_AGE = int(os.environ.get("PUBLIC_MEDIA_MAX_AGE", "300"))
STORAGES = {
    "default": {"BACKEND": "cms.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# In development, whitenoise serves files straight from the finders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Public pages run under a strict Content-Security-Policy: every script, style and
# font is self-hosted and nothing is inline. The Wagtail admin still needs inline
# code of its own, so it is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        "report-uri": ["/csp-report/"],
    },
}
# The admin's own policy (cms/csp.py). Everything is self-hosted there too; Wagtail 8 still
# writes some inline style attributes, so styles are the one relaxation. Report-only until
# ADMIN_CSP_ENFORCE is switched on; violations are logged through /csp-report/.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "blob:"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        "report-uri": ["/csp-report/"],
    },
}
ADMIN_CSP_ENFORCE = env_bool("ADMIN_CSP_ENFORCE", False)

# E-mail
# Every message is a row of the outbox, written in the transaction that causes it
# (operations/outbox.py); the worker hands it to EMAIL_DELIVERY_BACKEND and retries it.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "operations.mail.OutboxEmailBackend")
EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_DELIVERY_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (used by the worker test).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))
# The outbox: a failed delivery is tried again after OUTBOX_RETRY_SECONDS, doubling each time,
# up to OUTBOX_MAX_ATTEMPTS tries (about four hours with the defaults); then it is logged at ERROR
# and listed on the county administrators' dashboard. Beat sends what is due every
# OUTBOX_DRAIN_SECONDS, so mail queued while the broker was away still goes out.
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "8"))
OUTBOX_RETRY_SECONDS = float(os.environ.get("OUTBOX_RETRY_SECONDS", "60"))
OUTBOX_DRAIN_SECONDS = float(os.environ.get("OUTBOX_DRAIN_SECONDS", "60"))

# PIPL: citizens' names (unless published with their consent), phone numbers and e-mail addresses
# on messages and opinions are erased this many days after the answer (a message) or the close of
# the consultation (an opinion); the text and the answer stay. Three years by default: long enough
# for a citizen's follow-up and for the annual reports' checks.
CONTACT_RETENTION_DAYS = int(os.environ.get("CONTACT_RETENTION_DAYS", str(3 * 365)))

# Backups (`manage.py backup`, README "Backups"): where the archives go and how many are kept.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP", "14"))

# Behind the county's reverse proxies (nginx, a load balancer): how many of them append the
# address they saw to X-Forwarded-For. 0 (direct) trusts the connection's address only; set it
# only when every request comes through them, or clients could choose their own address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Rate limits count per citizen, not per proxy (sites/network.py).
RATELIMIT_IP_META_KEY = "sites.network.client_address"

# Celery: Redis when REDIS_URL is set, otherwise tasks run in-process.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "cms")
# A task is acknowledged when it has run, not when it was received: a worker stopped mid-task
# leaves it on the broker for the next one.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# With the broker away, queueing gives up after a few seconds instead of holding the request.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
# Celery beat (`make beat`, or `make worker` with -B): opens and closes consultations at their
# set times (participation/tasks.py). The interval is in seconds.
CELERY_BEAT_SCHEDULE = {
    "participation-consultation-states": {
        "task": "participation.update_consultation_states",
        "schedule": float(os.environ.get("CONSULTATION_STATE_INTERVAL", "60")),
    },
    "operations-drain-outbox": {"task": "operations.drain_outbox", "schedule": OUTBOX_DRAIN_SECONDS},
    "participation-erase-old-contacts": {
        "task": "participation.erase_old_contacts",
        "schedule": float(os.environ.get("CONTACT_RETENTION_INTERVAL", str(24 * 60 * 60))),
    },
    "opinions-erase-old-contacts": {
        "task": "opinions.erase_old_contacts",
        "schedule": float(os.environ.get("CONTACT_RETENTION_INTERVAL", str(24 * 60 * 60))),
    },
    "security-purge-audit-log": {"task": "security.purge_audit_log", "schedule": 24 * 3600.0},
    # 依申请公开: reminders 5 and 2 working days before a reply is due, escalation when overdue,
    # and the end of applications whose correction or payment deadline passed (foi/tasks.py).
    "foi-due-reminders": {"task": "foi.send_due_reminders", "schedule": 24 * 3600.0},
    "foi-close-expired": {"task": "foi.close_expired", "schedule": 24 * 3600.0},
    # Reminders of the annual reports due by 31 January / 31 March (reports/tasks.py).
    "reports-reminders": {"task": "reports.send_reminders", "schedule": 24 * 3600.0},
    # The county's oversight (oversight/tasks.py): every unit checked and scored at night, a
    # weekly digest of what needs action to each unit, and the availability probe every few
    # minutes (国办秘函〔2019〕19号: more than 5 % of loads taking 15 s or more over a week fails).
    "oversight-recompute": {"task": "oversight.recompute", "schedule": crontab(hour=1, minute=30)},
    "oversight-digest": {
        "task": "oversight.send_digests",
        "schedule": crontab(day_of_week=1, hour=8, minute=0),
    },
    "oversight-probe": {
        "task": "oversight.probe",
        "schedule": float(os.environ.get("OVERSIGHT_PROBE_INTERVAL", "300")),
    },
}


def redis_cache(url: str) -> dict:
    """The Django cache on Redis, through django-redis so that an outage degrades instead of
    failing: with Redis unreachable, reads miss and writes are dropped (and logged), so pages are
    still served and citizens' forms still accepted. Rate limits then let requests through
    (RATELIMIT_FAIL_OPEN) rather than lose a citizen's text to a server error."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "cms"),
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
RATELIMIT_FAIL_OPEN = True
if REDIS_URL:
    CACHES = redis_cache(REDIS_URL)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Wagtail
# The portal (and home page) name; another county sets its own.
WAGTAIL_SITE_NAME = os.environ.get("PORTAL_TITLE", "盈江县人民政府")
# The name an authenticator app shows beside the account.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{PORT}")
# The availability probe (oversight/probe.py) loads the public site at this address, from outside,
# as a citizen does; a load taking longer than the timeout is recorded as failed.
OVERSIGHT_SITE_URL = os.environ.get("OVERSIGHT_SITE_URL", WAGTAILADMIN_BASE_URL)
OVERSIGHT_PROBE_TIMEOUT = float(os.environ.get("OVERSIGHT_PROBE_TIMEOUT", "30"))
OVERSIGHT_PROBE_SAMPLE = int(os.environ.get("OVERSIGHT_PROBE_SAMPLE", "3"))
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Admin search only finds pages the user may edit: tenancy depends on it.
WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS = True
# Review notifications go to the unit's own reviewers and the drafter, not to every superuser.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "ofd",
    "doc",
    "docx",
    "wps",
    "xls",
    "xlsx",
    "et",
    "csv",
    "txt",
    "zip",
    "jpg",
    "jpeg",
    "png",
    # Video interpretations (政策解读): MP4 or WebM with WebVTT captions.
    "mp4",
    "webm",
    "vtt",
]
# Attachments (公文附件): largest file accepted, in MB.
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DOCUMENT_MAX_UPLOAD_MB", "50")) * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_PASSWORD_RESET_ENABLED = bool(os.environ.get("EMAIL_HOST"))
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Unit staff cannot publish; the review workflow's final approval publishes for them.
WAGTAIL_FINISH_WORKFLOW_ACTION = "review.workflow_finish.publish_approved_workflow_state"
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
# Starting a translation must not publish it: a unit's editors may not publish, and a
# translation goes live only when a reviewer publishes it (translations/views.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# The service hall's kiosk (services/, 政务公开专区) goes back to its start after this many seconds
# without a touch.
SERVICES_KIOSK_IDLE_SECONDS = int(os.environ.get("SERVICES_KIOSK_IDLE_SECONDS", "120"))
