"""Local development and ``make run``: safe on localhost with no configuration.

DEBUG stays off unless DJANGO_DEBUG=true; the secret key is generated into an
untracked file (``.secret_key``) on first start.
"""

import sys

from config.env import env_bool, env_list, local_secret_key

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES, STATIC_ROOT, STORAGES

DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = local_secret_key(BASE_DIR / ".secret_key")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

# `make run` collects the static files first, so the site is served as in
# production: hashed, compressed (brotli and gzip), cached for good. collectstatic
# itself must use that storage too, since it is what writes the manifest.
_COLLECTING = sys.argv[1:2] == ["collectstatic"]
if DEBUG or not ((STATIC_ROOT / "staticfiles.json").exists() or _COLLECTING):
    # Without `collectstatic` (plain `manage.py runserver`), serve the source
    # files directly instead of failing on a missing manifest.
    STORAGES = {
        **STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = DEBUG

if DEBUG:
    # An edited template or article shows at once: no guidance page is kept.
    CACHES = {**CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
