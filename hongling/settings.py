"""Settings for the 红岭+ portal, read from the environment.

Development: `DEBUG=1` and nothing else is needed (SQLite under var/, console mail, log SMS).
Production: `SECRET_KEY` and `ALLOWED_HOSTS` are required; see README.md for the full list.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from hongling.media_settings import media_origins, media_storage

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (export SECRET_KEY=… or DEBUG=1 for development)."
        )
    SECRET_KEY = "insecure-development-only-key"  # noqa: S105 - only ever used with DEBUG on
# Rotation (docs/operations.md): the previous key(s) here keep sessions and signed links valid meanwhile.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
if not ALLOWED_HOSTS and not DEBUG:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",  # WeChat log-in only (apps/accounts/wechat.py); off until its credentials are set
    "allauth.socialaccount.providers.weixin",
    "django_prose_editor",
    "apps.core.tasks_app.TasksDatabaseConfig",  # django-tasks-db, with a Chinese name in the admin
    "simple_history",
    "apps.core",
    "apps.accounts",
    "apps.hubs",
    "apps.classes",
    "apps.news",
    "apps.pioneers",
    "apps.culture",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "apps.core.middleware.AdminStyleCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # NUL bytes and undecodable text in the path, query or a form: a 400 before the cache or any query.
    "apps.core.request_guard.BadInputMiddleware",
    # Before sessions, CSRF and auth: a cached page for an anonymous visitor costs one cache round trip.
    "apps.core.pagecache.PageCacheMiddleware",
    "apps.core.pagecache.PublicGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "apps.accounts.middleware.SmsThrottledMiddleware",
    "apps.accounts.middleware.StaffTwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "hongling.urls"
WSGI_APPLICATION = "hongling.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.core.context_processors.site",
                "apps.accounts.context_processors.wechat",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# PostgreSQL: server-side parameters and prepared statements. A query a worker has run twice is planned once and
# kept for its connection (persistent: CONN_MAX_AGE), instead of planned on every request: the session page's
# seven-table join took 0.7 ms to plan and 0.08 ms to run. DB_PREPARED_STATEMENTS=0 switches it off, e.g. behind
# PgBouncer in transaction pooling mode older than 1.21 (or without max_prepared_statements).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DB_PREPARED_STATEMENTS", default=True
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=2)
# No ATOMIC_REQUESTS: a request-wide transaction would hold the booking engine's row locks through template
# rendering. Every write path is atomic where it needs to be: the services (@transaction.atomic), the admin
# (Django wraps its saves), allauth's flows and the sign-up form (SignupForm.save).
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when given (shared by every worker, as allauth's rate limits need), else the DB ----
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Fails open (apps.core.cache): an outage means misses, never an error page. Short timeouts, so a hung
    # Redis costs a fraction of a second per process every few seconds, not per request.
    CACHES = {
        "default": {
            "BACKEND": "apps.core.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    # Sessions read from Redis (written through to the database, so a Redis restart logs nobody out): a
    # logged-in request costs no session query.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "hongling_cache"}}

# --- Users and accounts ---------------------------------------------------------------------------
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
LOGIN_REDIRECT_URL = "core:home"

ACCOUNT_ADAPTER = "apps.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "apps.accounts.forms.SignupForm",
    "login": "apps.accounts.forms.LoginForm",
    "request_login_code": "apps.accounts.forms.RequestLoginCodeForm",
    # The rest only for their words (apps/accounts/words.py).
    **{
        key: f"apps.accounts.forms.{name}"
        for key, name in {
            "confirm_login_code": "ConfirmLoginCodeForm",
            "verify_phone": "VerifyPhoneForm",
            "change_phone": "ChangePhoneForm",
            "reset_password": "ResetPasswordForm",
            "reset_password_from_key": "ResetPasswordKeyForm",
            "change_password": "ChangePasswordForm",
            "set_password": "SetPasswordForm",
            "add_email": "AddEmailForm",
            "confirm_email_verification_code": "ConfirmEmailVerificationCodeForm",
            "confirm_password_reset_code": "ConfirmPasswordResetCodeForm",
        }.items()
    },
}
ACCOUNT_LOGIN_METHODS = {"phone", "email"}
# Phone is required by our sign-up form; optional here so that email-only staff accounts can log in.
ACCOUNT_SIGNUP_FIELDS = ["phone", "email", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_PHONE_VERIFICATION_TIMEOUT = 10 * 60
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_RESEND = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60  # the SMS says "10 分钟内有效" (allauth's default was 3 minutes)
# Six digits, no dashes: easy to read off an SMS and type on a phone keypad.
ACCOUNT_PHONE_VERIFICATION_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_LOGIN_BY_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_LOGOUT_ON_GET = False
# Log-in, login-by-code, password reset and sign-up with a taken phone answer alike whether or not the phone or
# email has an account; the owner learns by SMS or mail (apps/accounts/adapter.py). A taken email typed at
# sign-up is still refused on the page: allauth keeps emails unique unless email verification is mandatory.
ACCOUNT_PREVENT_ENUMERATION = True
# Throttles (allauth's limiter, in the shared cache). "key" is the phone (+86…) or lower-cased email
# actually typed, so failures on one account never lock out another (apps/accounts/throttle.py); the
# per-IP limits are loose because many residents share one carrier or community Wi-Fi address.
ACCOUNT_RATE_LIMITS = {
    "login": "60/m/ip",  # every login form post: a flood guard only
    "login_failed": "5/15m/key,50/15m/ip",  # wrong passwords (and wrong TOTP codes, keyed per user)
    "request_login_code": "3/m/key,20/m/ip",
    "verify_phone": "1/30s/key",  # resend cool-down; the SMS allowance below covers the IP
    "send_sms": "5/h/key,20/h/ip",  # every SMS we send (codes cost money): per phone and per IP
}
# Behind a proxy every request arrives from the proxy: trust its X-Forwarded-For (one hop by default).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1" if env_bool("BEHIND_TLS_PROXY") else "0"))

MFA_ADAPTER = "apps.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_RECOVERY_CODES_SHOW_ONCE = True
# Staff (superusers included) need two-factor authentication before any admin page
# (apps.accounts.middleware). The demo superuser (apps/accounts/seed.py) is exempt only while DEBUG is on:
# the middleware ignores this list otherwise.
STAFF_MFA_REQUIRED = True
STAFF_MFA_DEMO_EXEMPT = ["admin@example.com"]

# Audit trail (网络安全法 Art. 21): `manage.py audit_prune` deletes events older than this; at least 180 days.
AUDIT_RETENTION_DAYS = int(os.environ.get("AUDIT_RETENTION_DAYS", "365"))

# The office phone on the error pages when no site settings have been loaded yet (the database is away).
SITE_PHONE = os.environ.get("SITE_PHONE", "")

# --- SMS (apps.core.sms; README "SMS providers") ------------------------------------------------
# SMS_SENDER: log (default: writes the text to the log), aliyun, tencent, or a dotted path to a sender class.
SMS_SENDERS = {
    "log": "apps.core.messaging.LogSmsSender",
    "aliyun": "apps.core.sms.aliyun.AliyunSmsSender",
    "tencent": "apps.core.sms.tencent.TencentSmsSender",
}
SMS_SENDER = SMS_SENDERS.get(os.environ.get("SMS_SENDER", "log"), os.environ.get("SMS_SENDER", ""))
# A real provider's account, from the environment only (checked at start-up: `manage.py check`, the web process).
SMS_PROVIDER = {
    "ACCESS_KEY_ID": os.environ.get("SMS_ACCESS_KEY_ID", ""),  # Aliyun AccessKey ID / Tencent SecretId
    "ACCESS_KEY_SECRET": os.environ.get("SMS_ACCESS_KEY_SECRET", ""),  # Aliyun AccessKey secret / Tencent SecretKey
    "SIGN_NAME": os.environ.get("SMS_SIGN_NAME", ""),  # the approved signature 签名, e.g. 红岭+
    "TEMPLATE_IDS": os.environ.get("SMS_TEMPLATE_IDS", ""),  # key=ID,key=ID for every template of the catalogue
    "APP_ID": os.environ.get("SMS_APP_ID", ""),  # Tencent's SmsSdkAppId
    "REGION": os.environ.get("SMS_REGION", ""),  # default cn-hangzhou (Aliyun) / ap-guangzhou (Tencent)
    "ENDPOINT": os.environ.get("SMS_ENDPOINT", ""),  # default the provider's public endpoint
    "TIMEOUT": float(os.environ.get("SMS_TIMEOUT_SECONDS", "10")),  # connect ≤ 5 s, read ≤ this
}
# The address every SMS and mail links back to (no phone can open a relative path). Without it: the first
# ALLOWED_HOSTS over HTTPS, or the development server in DEBUG.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/") or (
    "http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
)

# --- Background tasks (mail, SMS) -----------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django.tasks.backends.immediate.ImmediateBackend" if DEBUG else "django_tasks_db.DatabaseBackend",
        )
    }
}

# --- Mail -----------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "红岭+ <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if DEBUG and not os.environ.get("EMAIL_HOST"):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "25")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS"),
                "use_ssl": env_bool("EMAIL_USE_SSL"),
                "timeout": 10,
            },
        }
    }

# --- Language and time ----------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# Our own Chinese for what Django and the installed apps leave in English (admin, editor dialogs).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

# --- Static files and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Stored media have random names and are never rewritten, so they may be cached for a year.
MEDIA_CACHE_CONTROL = "public, max-age=31536000, immutable"
STORAGES = {
    # On disk, or S3-compatible object storage with MEDIA_STORAGE=s3 / AWS_STORAGE_BUCKET_NAME (README).
    "default": media_storage(os.environ, cache_control=MEDIA_CACHE_CONTROL),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Uploaded images: the pipeline in apps.core.images enforces these.
IMAGE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_RENDITION_WIDTHS = (320, 640, 960, 1280)

ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"

# Whole pages for anonymous visitors (apps.core.pagecache): seconds an entry lives at most (0 turns it off).
# Any save of a project model invalidates every entry at once; the TTL bounds how late a page that changes by
# the clock alone (a scheduled article, "this week") can be.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
PAGE_CACHE_EXCLUDED_PATHS = ["/" + ADMIN_URL, "/accounts/", "/me/", "/healthz"]
# Fragments every visitor sees alike ({% fragment %}, apps.core.pagecache): the same invalidation, and at most
# this many seconds old. Independent of PAGE_CACHE_SECONDS: they also serve logged-in people; 0 turns them off.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "60"))
# Query parameters our public pages read; a query with any other name is rendered but never stored.
PAGE_CACHE_QUERY_PARAMS = {
    "page", "q", "pillar", "tag", "kind", "month", "view", "audience", "hub",
    "format", "mode", "start", "end", "category", "state", "status",
}  # fmt: skip

# --- WeChat (微信): log-in and share cards, each switched on by its credentials only --------------------
# 公众号 (official account): log-in inside WeChat's browser and the JS-SDK share cards.
WECHAT_APP_ID = os.environ.get("WECHAT_APP_ID", "")
WECHAT_APP_SECRET = os.environ.get("WECHAT_APP_SECRET", "")
# 开放平台 website application: log-in by scanning a QR code on a desktop.
WECHAT_OPEN_APP_ID = os.environ.get("WECHAT_OPEN_APP_ID", "")
WECHAT_OPEN_APP_SECRET = os.environ.get("WECHAT_OPEN_APP_SECRET", "")
WECHAT_API_URL = os.environ.get("WECHAT_API_URL", "https://api.weixin.qq.com")  # tests point these at a fake
WECHAT_OPEN_URL = os.environ.get("WECHAT_OPEN_URL", "https://open.weixin.qq.com")
WECHAT_JSSDK_URL = "https://res.wx.qq.com/open/js/jweixin-1.6.0.js"
SOCIALACCOUNT_ADAPTER = "apps.accounts.wechat.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False  # a WeChat newcomer fills in a phone (verified by SMS) and the consent first
SOCIALACCOUNT_FORMS = {"signup": "apps.accounts.forms.WechatSignupForm"}
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 5

# --- Security -------------------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", *media_origins(STORAGES["default"])],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if WECHAT_APP_ID and WECHAT_APP_SECRET:  # the JS-SDK for share cards, from WeChat's host, only when configured
    SECURE_CSP["script-src"].append("https://res.wx.qq.com")
if (WECHAT_APP_ID and WECHAT_APP_SECRET) or (WECHAT_OPEN_APP_ID and WECHAT_OPEN_APP_SECRET):
    # 微信登录 is a form posted to us that redirects to WeChat's authorisation page: form-action covers redirects.
    SECURE_CSP["form-action"].append(WECHAT_OPEN_URL)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Probes (load balancer, compose) may ask a node over plain HTTP: the health answers carry nothing to protect.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/ready)?$"]
if env_bool("BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# --- Operations: logs, error reports, readiness, metrics (apps.core.monitoring; README "Operations") -------
# Every line without personal data (phones, ID and card numbers, e-mails masked) and with its request ID;
# LOG_FORMAT=json writes one JSON object a line. The access log is ours (hongling.requests), not gunicorn's.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "apps.core.monitoring.logs.PersonalDataFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "apps.core.monitoring.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["personal_data"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django.tasks logs every task start and finish at INFO; the worker's own log is enough. Django's own
    # console handler (DEBUG only) would print 500s a second time, unscrubbed: ours carries them.
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "django": {"handlers": [], "level": "INFO"},
        # runserver's own access lines (with query strings) give way to ours, scrubbed like every other line.
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
# Error reports (Sentry or GlitchTip) when SENTRY_DSN is set, personal data scrubbed before sending.
from apps.core.monitoring.errors import sentry_init  # noqa: E402

SENTRY_ENABLED = sentry_init()
# Readiness (/healthz/ready, manage.py health): a task waiting longer than this means the worker is down.
HEALTH = {
    "TASKS_STALE_SECONDS": int(os.environ.get("HEALTH_TASKS_STALE_SECONDS", "300")),
    "DISK_MIN_FREE_PERCENT": float(os.environ.get("HEALTH_DISK_MIN_FREE_PERCENT", "5")),
}
# Readiness details and /metrics: for a caller with this token (Authorization: Bearer …) or from these
# addresses. Neither set: /metrics answers 404 and no request is counted.
MONITORING = {
    "TOKEN": os.environ.get("MONITORING_TOKEN", ""),
    "ALLOWED_IPS": set(env_list("MONITORING_ALLOWED_IPS")),
}
MIDDLEWARE = [
    *(["apps.core.monitoring.metrics.MetricsMiddleware"] if MONITORING["TOKEN"] or MONITORING["ALLOWED_IPS"] else []),
    "apps.core.monitoring.logs.RequestIdMiddleware",
    "apps.core.monitoring.logs.RequestLogMiddleware",
    *MIDDLEWARE,
]
PAGE_CACHE_EXCLUDED_PATHS.append("/metrics")

FORM_RENDERER = "apps.core.forms.FormRenderer"

# account.W001 says phone login wants a required phone at sign-up: our SignupForm does require it, but
# allauth's setting stays optional so that email-only staff accounts are not sent to phone verification.
SILENCED_SYSTEM_CHECKS = ["account.W001"]
