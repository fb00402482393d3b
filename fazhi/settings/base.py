"""Settings shared by every environment.

Everything a deployment changes comes from environment variables (see docs/deployment.md); the
defaults are safe for the embedded-SQLite demo and nothing else.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("FAZHI_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# a form posted from a page left open too long: a Chinese page saying what to do (fazhi.web.errors)
CSRF_FAILURE_VIEW = "fazhi.web.errors.csrf_failure"

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
    "django_password_validators",
    "django_password_validators.password_history",
    "fazhi.platform",
    "fazhi.org",
    "fazhi.audit",
    "fazhi.tasks",
    "fazhi.web",
    "fazhi.portal",
    "fazhi.documents",
    "fazhi.numbering",
    "fazhi.workflow",
    "fazhi.reconsideration",
    "fazhi.reports",
    "fazhi.imports",
    "fazhi.enforcement",
    "fazhi.normdocs",
    "fazhi.legalreview",
    "fazhi.filingreview",
    "fazhi.cleanup",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "fazhi.org.middleware.AccountPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "fazhi.audit.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fazhi.web.context.shell",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'fazhi.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite serialises writers; IMMEDIATE makes a transaction take the write lock at BEGIN so two
    # concurrent state changes queue up instead of failing half-way with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# --- Passwords (等保三级 defaults; see docs/security.md for the ASVS alternative) -------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("FAZHI_PASSWORD_MIN_LENGTH", "10"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "fazhi.org.passwords.CharacterClassValidator"},
    {
        "NAME": "django_password_validators.password_history.password_validation.UniquePasswordsValidator",
        "OPTIONS": {"last_passwords": int(os.environ.get("FAZHI_PASSWORD_HISTORY", "5"))},
    },
]
# "composition" = 等保 style (three of four character classes); "length" = ASVS style (length only).
FAZHI_PASSWORD_POLICY = os.environ.get("FAZHI_PASSWORD_POLICY", "composition")
# 等保 asks for periodic change; ASVS advises against forced rotation. 0 disables rotation.
FAZHI_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("FAZHI_PASSWORD_MAX_AGE_DAYS", "90"))

# --- Lockout (django-axes) -------------------------------------------------------------------
AXES_FAILURE_LIMIT = int(os.environ.get("FAZHI_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("FAZHI_LOCKOUT_HOURS", "0.5"))
# 等保 asks for locking the *account*. Locking by IP alone would lock a whole office that shares one
# NAT address, so per-IP lockout is not used (hence axes.W006 is silenced below).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "org/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("FAZHI_PROXY_COUNT", "0"))

# --- Sessions: idle timeout instead of Django's two-week default -----------------------------
SESSION_COOKIE_AGE = int(os.environ.get("FAZHI_IDLE_TIMEOUT_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

LOGIN_URL = "org:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "org:login"

# --- Security headers ------------------------------------------------------------------------
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Keys kept outside the database --------------------------------------------------------
# SM4 key for personal identifiers at rest and the HMAC-SM3 keys for lookups and the audit chain.
# Hex strings from the environment, or a key file (one NAME=hex per line) named by FAZHI_KEY_FILE.
FAZHI_KEY_FILE = os.environ.get("FAZHI_KEY_FILE", "")

# --- Audit ---------------------------------------------------------------------------------
# 网络安全法 第二十一条: network logs kept no less than six months; the floor itself is a law
# parameter, this is the deployment's own (longer) choice.
FAZHI_AUDIT_RETENTION_MONTHS = int(os.environ.get("FAZHI_AUDIT_RETENTION_MONTHS", "12"))

# --- To-do inbox ----------------------------------------------------------------------------
# A policy choice of the platform, not a statutory period: how early a task turns yellow.
FAZHI_DUE_SOON_WORKING_DAYS = int(os.environ.get("FAZHI_DUE_SOON_WORKING_DAYS", "3"))
# The month (1–12) from which the daily alerts report officers short of the year's training hours:
# earlier in the year nearly everyone is short, and a list of them all is noise, not a warning.
FAZHI_TRAINING_ALERT_FROM_MONTH = int(os.environ.get("FAZHI_TRAINING_ALERT_FROM_MONTH", "10"))

# --- 文号, 案号, 登记号 ---------------------------------------------------------------------
# The jurisdiction's own formats, replacing those the apps declare (see docs/architecture.md,
# "Numbering"): a YAML file of "series kind: format" (or kind: {行政区划代码: format, "*": format}),
# and/or the same mapping here in a settings module; an entry here wins over the file's.
FAZHI_NUMBER_FORMATS_FILE = os.environ.get("FAZHI_NUMBER_FORMATS_FILE", "")
FAZHI_NUMBER_FORMATS: dict[str, object] = {}

# --- The public portal's footer (《政府网站发展指引》, 国办发〔2017〕47号) ------------------------
# What every page of /portal/ shows at its foot: 主办单位, 承办单位, 网站标识码, ICP备案号 (linked to
# beian.miit.gov.cn), 公安机关备案号 (linked to the 全国互联网安全管理服务平台) and a contact line. A line
# left empty is not shown; the demo settings fill them with values marked 示例.
FAZHI_PORTAL_SPONSOR = os.environ.get("FAZHI_PORTAL_SPONSOR", "")  # 主办单位
FAZHI_PORTAL_UNDERTAKER = os.environ.get("FAZHI_PORTAL_UNDERTAKER", "")  # 承办单位 (optional)
FAZHI_PORTAL_SITE_CODE = os.environ.get("FAZHI_PORTAL_SITE_CODE", "")  # 网站标识码
FAZHI_PORTAL_ICP = os.environ.get("FAZHI_PORTAL_ICP", "")  # ICP备案号, e.g. 京ICP备12345678号
FAZHI_PORTAL_PSB = os.environ.get("FAZHI_PORTAL_PSB", "")  # 公安机关备案号, e.g. 京公网安备 11010502000001号
FAZHI_PORTAL_CONTACT = os.environ.get("FAZHI_PORTAL_CONTACT", "")  # 联系方式: telephone, address or mailbox

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
