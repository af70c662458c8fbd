"""One settings module, driven by environment variables.

With no environment at all it runs the embedded default: SQLite, local files, tasks executed in-process.
Production sets DATABASE_URL (PostgreSQL), CELERY_BROKER_URL, and optionally S3 storage.
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("MOTCUA_REQUIRE_SECRET", False):
        raise RuntimeError("DJANGO_SECRET_KEY must be set in production")
    # Only the embedded demo and tests get here; production sets MOTCUA_REQUIRE_SECRET=1.
    SECRET_KEY = "motcua-embedded-demo-key-not-for-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "mozilla_django_oidc",
    "ninja",
    "motcua.core",
    "motcua.organization",
    "motcua.catalog",
    "motcua.accounts",
    "motcua.dossiers",
    "motcua.results",
    "motcua.payments",
    "motcua.documents",
    "motcua.feedback",
    "motcua.portal",
    "motcua.reports",
    "motcua.evaluation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "motcua" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motcua.core.context_processors.deployment",
                "motcua.organization.context_processors.staff_navigation",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        # Persistent connections: without them PostgreSQL throughput falls tenfold (docs/performance.md).
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
if os.environ.get("DATABASE_TEST_NAME"):
    # Lets several test runs share one PostgreSQL server without clobbering each other's test database.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["DATABASE_TEST_NAME"]}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "email", "phone")},
    },
    {"NAME": "motcua.accounts.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "motcua.accounts.backends.IdentifierBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Login rate limit (django-axes): lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_USERNAME_CALLABLE = "motcua.accounts.backends.lockout_username"

# National single sign-on (OIDC). Enabled only when a provider is configured.
OIDC_ENABLED = bool(os.environ.get("OIDC_OP_ISSUER") or os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT"))
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_VERIFY_SSL = env_bool("OIDC_VERIFY_SSL", True)
OIDC_CREATE_USER = True
OIDC_CCCD_CLAIM = os.environ.get("OIDC_CCCD_CLAIM", "cccd")
LOGIN_REDIRECT_URL_FAILURE = "/tai-khoan/dang-nhap/?sso=loi"
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("motcua.accounts.oidc.NationalSSOBackend")

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "motcua" / "locale"]
FORMAT_MODULE_PATH = ["motcua.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "motcua" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Largest dossier attachment accepted (PDF, JPEG or PNG), checked before anything is stored.
MOTCUA_UPLOAD_MAX_BYTES = int(os.environ.get("MOTCUA_UPLOAD_MAX_MB", "10")) * 1024 * 1024
# Production runs collectstatic and sets STATIC_MANIFEST=1 (hashed, far-future cached names);
# the embedded default and tests serve straight from the app folders.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", False)
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
if not STATIC_MANIFEST:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it even when serving from finders

if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible object storage (MinIO, Viettel/VNPT object storage, AWS): credentials from the usual AWS_* env.
    DEFAULT_FILE_STORAGE_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_FILE_STORAGE_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_FILE_STORAGE_BACKEND,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Background work ------------------------------------------------------------------------
# No broker configured: Celery runs tasks in-process right away (embedded default).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TIMEZONE = TIME_ZONE

# --- Cache (login rate limiting, sessions stay in the database) ------------------------------
if os.environ.get("REDIS_CACHE_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_CACHE_URL"]}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cổng Dịch vụ công <no-reply@localhost>")

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# --- Deployment -----------------------------------------------------------------------------
# Shown in the header; the organisation data itself lives in the database (load_demo).
MOTCUA_DEPLOYMENT_NAME = os.environ.get("MOTCUA_DEPLOYMENT_NAME", "Cổng Dịch vụ công tỉnh Hà Giang")
MOTCUA_PROVINCE_CODE = os.environ.get("MOTCUA_PROVINCE_CODE", "02")
MOTCUA_SHARED_DATA = Path(os.environ.get("MOTCUA_SHARED_DATA", BASE_DIR.parent / "shared" / "data"))
# The portal's public address, for links in e-mails sent from background tasks (no request to build it from).
MOTCUA_PUBLIC_URL = os.environ.get("MOTCUA_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Digital signatures (motcua/results) ------------------------------------------------------
# The embedded default signs with a demo CA that `manage.py ensure_demo_pki` creates here; production points
# MOTCUA_SIGNING_PKCS12 at the agency's certificate and MOTCUA_TRUST_ROOTS at the national root CA(s).
MOTCUA_PKI_DIR = Path(os.environ.get("MOTCUA_PKI_DIR", BASE_DIR / "var" / "pki"))
MOTCUA_SIGNING_PKCS12 = Path(os.environ.get("MOTCUA_SIGNING_PKCS12", MOTCUA_PKI_DIR / "demo-agency.p12"))
MOTCUA_SIGNING_PKCS12_PASSWORD = os.environ.get("MOTCUA_SIGNING_PKCS12_PASSWORD", "motcua-demo")
# Per-agency keys, JSON: {"000.00.01.H22": {"pkcs12": "/path/so-tu-phap.p12", "password": "…"}, …}
MOTCUA_SIGNING_KEYS_BY_AGENCY = json.loads(os.environ.get("MOTCUA_SIGNING_KEYS_BY_AGENCY", "{}"))
# PEM or DER files (comma-separated) whose certificates anchor signature validation.
MOTCUA_TRUST_ROOTS = env_list("MOTCUA_TRUST_ROOTS") or [str(MOTCUA_PKI_DIR / "demo-root-ca.pem")]

# --- Working-time calendar (motcua/core/calendar.py, rules in docs/decisions/0003-deadline-rules.md) ---------
# Office sessions "HH:MM-HH:MM,…"; seasonal hours as "MM-DD=sessions;MM-DD=sessions" (each season runs until
# the next one starts), e.g. "04-15=07:00-11:30,14:00-17:30;10-15=07:30-11:30,13:30-17:00".
MOTCUA_OFFICE_HOURS = os.environ.get("MOTCUA_OFFICE_HOURS", "07:30-11:30,13:30-17:00")
# A dossier received after this time (Decree 61 Art. 18: paper dossiers move on the next working morning) counts
# from the next working day.
MOTCUA_RECEIPT_CUTOFF = os.environ.get("MOTCUA_RECEIPT_CUTOFF", "15:00")
# How stale another process's copy of the calendar overrides may get before it re-reads them.
MOTCUA_CALENDAR_REFRESH_SECONDS = int(os.environ.get("MOTCUA_CALENDAR_REFRESH_SECONDS", "60"))

# --- Payments (motcua/payments) ---------------------------------------------------------------------------
# Gateways citizens may choose, in order; the embedded sandbox needs nothing else. Production adds "vnpay" with
# the merchant code and secret VNPay issued (sandbox.vnpayment.vn addresses until go-live).
PAYMENTS_GATEWAYS = env_list("PAYMENTS_GATEWAYS", "sandbox")
PAYMENTS_SANDBOX_SECRET = os.environ.get("PAYMENTS_SANDBOX_SECRET", "motcua-sandbox-secret-not-for-production")
PAYMENTS_PENDING_TIMEOUT_MINUTES = int(os.environ.get("PAYMENTS_PENDING_TIMEOUT_MINUTES", "30"))
PAYMENTS_GATEWAY_TIMEOUT_SECONDS = float(os.environ.get("PAYMENTS_GATEWAY_TIMEOUT_SECONDS", "10"))
VNPAY_TMN_CODE = os.environ.get("VNPAY_TMN_CODE", "")
VNPAY_HASH_SECRET = os.environ.get("VNPAY_HASH_SECRET", "")
VNPAY_PAY_URL = os.environ.get("VNPAY_PAY_URL", "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html")
VNPAY_API_URL = os.environ.get("VNPAY_API_URL", "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction")
# With a broker, `celery beat` asks the gateways about open transactions every few minutes.
CELERY_BEAT_SCHEDULE = {
    "payments-reconcile": {
        "task": "motcua.payments.tasks.reconcile_payments",
        "schedule": float(os.environ.get("PAYMENTS_RECONCILE_EVERY_SECONDS", "300")),
    },
    "evaluation-recompute": {
        "task": "motcua.evaluation.tasks.recompute_recent_years",
        "schedule": float(os.environ.get("EVALUATION_RECOMPUTE_EVERY_SECONDS", "86400")),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
