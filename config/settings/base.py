"""Settings shared by every environment.

No secret and no DEBUG=True here: ``dev``, ``test`` and ``prod`` add those.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.env import env_int, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "core",
    "guidance",
    "calculator",
    "calculator.arrears",
    "calculator.plan",
    "calculator.letter",
    "calculator.offer",
    "calculator.contact_log",
]

# The header-setting middleware comes first, so that every response carries
# its headers: static files served by WhiteNoise and the 400 that CommonMiddleware
# answers to a bad Host header included. Nothing else: no sessions, auth or
# messages (nothing is stored), and no database access on any page.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Static files are answered above this line, already compressed at
    # collectstatic. Pages are compressed here, for browsers that accept gzip.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "core.navigation.site_navigation",
            ],
        },
    },
]

# SQLite by default; DATABASE_URL is optional everywhere. No page reads or
# writes the database (nothing personal is stored), so the site keeps working
# when it is missing or read-only.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=0,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rendered pages kept in each worker's memory (config/page_memory.py): the
# guidance pages until the next deploy, and calculator pages opened again within
# a minute. GET pages only, never the letter. DJANGO_RESULT_CACHE_SECONDS=0 turns
# the calculator part off.
RESULT_CACHE_SECONDS = env_int("DJANGO_RESULT_CACHE_SECONDS", 60)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "guidance-pages",
        "TIMEOUT": None,
        # Bounded, so odd query strings cannot fill a worker's memory: 5-40 KB a page.
        "OPTIONS": {"MAX_ENTRIES": 128},
    },
    "results": {
        "BACKEND": (
            "config.page_memory.ForgetfulLocMemCache"
            if RESULT_CACHE_SECONDS > 0
            else "django.core.cache.backends.dummy.DummyCache"
        ),
        "LOCATION": "calculator-results",
        "TIMEOUT": max(RESULT_CACHE_SECONDS, 1),
        # About 30 KB a page and 6 KB for its gzip form: at most about 7 MB a worker.
        "OPTIONS": {"MAX_ENTRIES": 200, "CULL_FREQUENCY": 4},
    },
}

# Languages: Simplified Chinese is the default and complete; English is complete;
# Traditional Chinese is generated from the Simplified text with OpenCC at build
# time (tools/make_zh_hant.py, run by `make messages`): its catalog
# locale/zh_Hant/ and its articles guidance/content/zh-hant/ are build products.
# A browser asking for zh-TW, zh-HK or zh-MO is sent to /zh-hant/ (Django's
# language fallbacks), zh-CN and zh-SG to /zh-hans/. Dates use Django's zh_Hant
# formats, the same as zh_Hans (2026年5月20日).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("zh-hant", _("Traditional Chinese")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
# WhiteNoise serves the hashed names from the manifest with "max-age=315360000,
# public, immutable" (they never change); anything else keeps its short default.

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Small request bodies: the letter form is the only POST and is a few KB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
FILE_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024

# Headers on every response.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"

# No inline script or style anywhere: everything comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}

# Nothing personal is logged: requests are logged by path only, never with the
# query string (figures) or the body (the letter's details).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "path_only": {"()": "config.logging.PathOnlyFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["path_only"],
        },
    },
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING"},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
