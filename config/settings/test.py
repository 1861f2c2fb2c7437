"""Settings for the test suite: fast, deterministic, nothing from the network."""

from .base import *  # noqa: F403
from .base import CACHES, STORAGES

SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
# Each test works its calculator pages out afresh; calculator/tests/test_result_cache.py
# turns that memory on where it is the subject. Guidance pages are kept as in production.
CACHES = {
    **CACHES,
    "results": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
