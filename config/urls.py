"""Every page lives under a language prefix: /zh-hans/ (default) or /en/.

A request for ``/`` is redirected by LocaleMiddleware to the prefix that
matches the browser's language, falling back to zh-hans.

The error pages are the site's own (core/errors.py): none reads the request
body, so a body that cannot be parsed cannot break the page that refuses it.
"""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

urlpatterns = i18n_patterns(
    path("", include("guidance.urls")),
    path("calculator/", include("calculator.urls")),
    prefix_default_language=True,
)

handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
