"""The benchmark's baseline: the smallest honest Django page, served like the site.

``tools/bench.py`` runs it under the same gunicorn configuration
(``config/gunicorn.py``) and the same settings as the site (``config.settings.dev``
by default): same middleware stack, same template engine and context processors,
the same language prefix. Only the URLconf differs: one view that renders a
one-line template. Each page of the site is measured as a ratio to this page, so
the figures say what the site's own work costs, whatever the machine.

    .venv/bin/gunicorn --config config/gunicorn.py tools.baseline_app:application
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

from django.conf import settings  # noqa: E402

# The one difference from the site, made before Django loads anything else.
settings.ROOT_URLCONF = __name__

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()  # django.setup(): the apps and templates load

from django.conf.urls.i18n import i18n_patterns  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.http import require_safe  # noqa: E402

PATH = "/zh-hans/baseline/"
TEMPLATE = engines["django"].from_string("<p>{{ greeting }}</p>\n")


@require_safe
def baseline(request: HttpRequest) -> HttpResponse:
    # A template with a request: the context processors run, as on every site page.
    return HttpResponse(TEMPLATE.render({"greeting": "你好"}, request))


urlpatterns = i18n_patterns(path("baseline/", baseline), prefix_default_language=True)
