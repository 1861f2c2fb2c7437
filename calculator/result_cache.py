"""A short memory for calculator pages opened again and again.

A calculator page (arrears, loan, plan) is a pure function of its address — the
path, with its language prefix, and the query string with the figures — and of
the day, which is the default calculation date. The same address is often opened
by many people within a minute: a worked example linked from an article, a
result passed around a group chat, a page reloaded. Rendering one costs several
milliseconds, so each worker keeps the pages it rendered last in the ``results``
cache (``CACHES`` in the settings): in its own memory, for
``RESULT_CACHE_SECONDS`` (a minute by default), at most a few hundred pages.

Only GET forms are kept, and calculations.md says they carry no personal data;
the letter's details are POSTed and never pass through here. The key is a hash
of the address and the day, so the figures are not readable from the keys; the
copy itself disappears when it expires, is crowded out, or the worker stops, and
is never written to a disk or a log. ``DJANGO_RESULT_CACHE_SECONDS=0`` turns
the memory off.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from functools import wraps

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

CACHE_ALIAS = "results"


def page_key(request: HttpRequest, day: date) -> str:
    address = f"{request.get_full_path()}\n{day.isoformat()}"
    return "page:" + hashlib.sha256(address.encode()).hexdigest()


def remembered(today: Callable[[], date]):
    """Serve a GET view's 200 responses again for the same address on the same day.

    ``today`` is called on every request: the day is part of the key, since a
    page without ``as_of`` is calculated for today.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            cache = caches[CACHE_ALIAS]
            key = page_key(request, today())
            kept = cache.get(key)
            if kept is not None:
                content_type, content = kept
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                cache.set(key, (response["Content-Type"], response.content))
            return response

        return wrapper

    return decorator
