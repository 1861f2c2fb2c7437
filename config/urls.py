"""Every page lives under a language prefix: /zh-hans/ (default) or /en/.

A request for ``/`` is redirected by LocaleMiddleware to the prefix that
matches the browser's language, falling back to zh-hans.
"""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

urlpatterns = i18n_patterns(
    path("", include("guidance.urls")),
    path("calculator/", include("calculator.urls")),
    prefix_default_language=True,
)
