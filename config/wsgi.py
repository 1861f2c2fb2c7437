"""WSGI entry point for gunicorn."""

import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

application = get_wsgi_application()

# Django imports the URLconf, and with it every view, on the first request:
# most of a second (WeasyPrint alone is 0.7 s). Import it here, so that with
# gunicorn's preload_app the master does it once before forking and no
# visitor's first request to a worker waits for it.
import_module(settings.ROOT_URLCONF)
