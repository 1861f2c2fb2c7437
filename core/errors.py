"""The site's own error pages: 400, 403 (CSRF failure included), 404, 500 and 503.

None of them reads the request body. Django's default error views are wrapped
in ``requires_csrf_token``, which runs the CSRF check again and so reads
``request.POST``: a POST whose body cannot be read (a form declared in GBK, say)
raised the same error inside the error view, and gunicorn answered its own bare
500 without our headers, for every URL. These views only render a template
with the request (for the language and the navigation) and never touch
``request.POST``, ``request.body`` or ``request.FILES``; the templates have no
form, so no CSRF token is asked for either.

Wired in ``config/urls.py`` (``handler400`` …), by ``CSRF_FAILURE_VIEW``, and
for the 503 (every PDF render slot taken, core/limits.py) by ``BusyMiddleware``.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader

from core.limits import Busy

# The last resort if even the 500 template cannot be rendered: no template,
# no translation, both languages.
BARE_500 = (
    '<!doctype html><html lang="zh-Hans"><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>出错了 · Something went wrong</title>"
    "<h1>出错了 · Something went wrong</h1>"
    "<p>页面无法显示。您填写的内容没有被保存。请返回上一页，稍后再试。</p>"
    "<p>The page could not be shown. Nothing you typed was kept. "
    "Go back and try again in a moment.</p>"
)


def _page(request: HttpRequest, template: str, status: int, context: dict | None = None):
    body = loader.render_to_string(template, context or {}, request)
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page(request, "400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page(request, "403.html", 403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # ``reason`` says which check failed (no cookie, wrong token, bad origin);
    # the page says the same to everyone: what happened and how to go back.
    return _page(request, "403.html", 403, {"csrf_failure": True})


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page(request, "404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request: no context processor or URL lookup runs,
    # so a fault in one of them cannot break the page that reports it.
    try:
        body = loader.render_to_string("500.html")
    except Exception:  # the error page must answer, whatever failed
        body = BARE_500
    return HttpResponse(body, status=500)


def busy(request: HttpRequest, exception: Busy) -> HttpResponse:
    response = _page(request, "503.html", 503, {"retry_after": exception.retry_after})
    response["Retry-After"] = str(exception.retry_after)
    return response


class BusyMiddleware:
    """Answers ``core.limits.Busy`` from a view with the 503 page and Retry-After."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, Busy):
            return busy(request, exception)
        return None
