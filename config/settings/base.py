"""Settings shared by every environment.

No secret and no DEBUG=True here: ``dev``, ``test`` and ``prod`` add those.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from config.env import env_int

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
    "config.middleware.PermissionsPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.CSPMiddleware",
    # Static files are answered above this line, already compressed at
    # collectstatic. Pages are compressed here, for browsers that accept gzip.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.GZipMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # A view that finds every PDF render slot taken gets the 503 page.
    "core.errors.BusyMiddleware",
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

# No database: no page reads or writes one (nothing personal is stored, and
# there are no accounts or sessions), so none is configured. Django's dummy
# backend stands in and would refuse any query. The test settings add an
# in-memory one only because pytest-django's live_server (the browser tests)
# asks for a test database.

# Only the guidance pages are cached (the "pages" cache, guidance/views.py):
# they are the same for everyone and change only with a deploy. No calculator
# page and no letter is kept, not even in memory: the server forgets a result as
# soon as it is sent. The default cache keeps nothing, so nothing can be kept by
# accident.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "guidance-pages",
        # Bounded, so odd query strings cannot fill a worker's memory: 5-40 KB a page.
        "OPTIONS": {"MAX_ENTRIES": 128},
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
# English long dates as the articles write them (config/formats/en/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
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

# At most this many PDF letters are rendered at once by all the workers of one
# server (core/limits.py); a letter beyond that gets a 503 with Retry-After at
# once instead of holding a worker. Half the cores: a burst of PDFs leaves the
# other half to the other pages (README, "Performance").
PDF_RENDERS_AT_ONCE = env_int("DJANGO_PDF_RENDERS_AT_ONCE", max(1, (os.cpu_count() or 2) // 2))

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
# The CSRF cookie lives for the browser session, not a year: it is needed only
# while the letter form is open.
CSRF_COOKIE_AGE = None
# The site's own 403 page: styled, in the page's language, and it never reads
# the body (core/errors.py).
CSRF_FAILURE_VIEW = "core.errors.csrf_failure"
# Browser features the site never uses, refused for it and anything it could
# embed (config/middleware.py sets the header on every response).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
}

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
