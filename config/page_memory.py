"""Pages kept in a worker's memory after their first render, compressed once.

Two kinds of page are the same for everyone who asks for the same address:

- the guidance pages (home, index, articles, privacy), until the next deploy:
  the ``pages`` cache, kept until crowded out;
- the calculator pages (arrears, loan, plan), for the same figures on the same
  day, since a page without ``as_of`` is calculated for today: the ``results``
  cache, kept for ``RESULT_CACHE_SECONDS`` (a minute by default). The same
  address is often opened many times in a short while: a worked example linked
  from an article, a result passed around a group chat, a reload.

Both are Django caches (``CACHES`` in the settings): local memory, one per
worker, bounded in entries; keys are hashes, so the figures in an address are
not readable from them. Only a 200 response that sets no cookie is kept: never
a page with a CSRF token, never the letter (POSTed, and never decorated). With
DEBUG on nothing is kept, so an edited template shows at once.

The ``results`` cache is a ``ForgetfulLocMemCache``: it deletes every expired
page whenever it is used, where LocMemCache deletes one only when its own
address is asked for again. So a result is gone at the first calculator request
after its minute, not whenever memory happens to be needed.

A page is kept with its gzip form, made once: a browser that accepts gzip gets
it without the page being compressed again on every request (GZipMiddleware
leaves a response that already has a Content-Encoding alone).
"""

from __future__ import annotations

import gzip
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language


class ForgetfulLocMemCache(LocMemCache):
    """LocMemCache that deletes all expired entries each time it is used."""

    def _forget_expired(self) -> None:
        now = time.time()
        with self._lock:
            expired = [
                key for key, until in self._expire_info.items() if until is not None and until <= now
            ]
            for key in expired:
                self._delete(key)

    def get(self, key, default=None, version=None):
        self._forget_expired()
        return super().get(key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget_expired()
        super().set(key, value, timeout, version)


def accepts_gzip(request: HttpRequest) -> bool:
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def page_key(request: HttpRequest, *more: str) -> str | None:
    """The key of the page at this address (plus ``more``); None with DEBUG on."""
    if settings.DEBUG:
        return None
    # The whole URL, scheme and host included: a page's hreflang links are
    # absolute, so the same path on another allowed host is another page.
    address = "\n".join([get_language(), request.build_absolute_uri(), *more])
    return "page:" + hashlib.sha256(address.encode()).hexdigest()


@dataclass(frozen=True)
class KeptPage:
    content_type: str
    content: bytes
    gzipped: bytes | None  # None when gzip would not make the page smaller

    @classmethod
    def of(cls, response: HttpResponse) -> KeptPage:
        packed = gzip.compress(response.content, compresslevel=6, mtime=0)
        smaller = packed if len(packed) < len(response.content) else None
        return cls(response["Content-Type"], response.content, smaller)

    def response(self, request: HttpRequest) -> HttpResponse:
        if self.gzipped is not None and accepts_gzip(request):
            response = HttpResponse(self.gzipped, content_type=self.content_type)
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(self.content, content_type=self.content_type)
        patch_vary_headers(response, ("Accept-Encoding",))
        return response


def _keepable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # The CSRF middleware sets its cookie after the view: this says it will.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def kept_in(alias: str, key: Callable[[HttpRequest], str | None]):
    """Answer a view from the cache ``alias`` after its first render.

    ``key(request)`` names the page; None means "do not keep this one".
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            name = key(request)
            if name is None:
                return view(request, *args, **kwargs)
            cache = caches[alias]
            page = cache.get(name)
            if page is None:
                response = view(request, *args, **kwargs)
                if not _keepable(request, response):
                    return response
                page = KeptPage.of(response)
                cache.set(name, page)
            return page.response(request)

        return wrapper

    return decorator
