"""Settings for the test suite: fast, deterministic, nothing from the network."""

from .base import *  # noqa: F403
from .base import STORAGES

SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The site has no database. pytest-django's live_server (the browser tests in
# e2e/) asks for a test database all the same (it flushes it after each test),
# so the tests get an empty in-memory one; no page opens it
# (config/tests/test_no_database.py).
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
