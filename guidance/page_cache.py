"""Guidance pages kept in the ``pages`` cache: rendered and compressed once per
worker, address and encoding, answered with a 304 on a repeat visit.

What ``cache_page`` did, in one cache lookup instead of its general machinery.
``cache_page`` finds a page in two lookups (the list of headers the page varies
on, then the page under a key made of those headers' values), hashing the
absolute URL twice and unpickling a whole ``HttpResponse`` each time: on a kept
article that was a third of the request's CPU, more than the rest of Django's
work (README, "Performance"). A guidance page varies on one header only, the
encoding (the language is in its path), so the key is the absolute URL and
whether the browser takes gzip, and the kept value is the body and its headers.
It is still Django's cache framework (``caches["pages"]``: its bound, its
timeout) and Django's conditional responses.
"""

from __future__ import annotations

from functools import wraps
from hashlib import md5

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import patch_response_headers
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import conditional_page

# How long a guidance page is kept, by each worker and by the browser. The pages
# show no input and no per-visitor token and change only with a deploy, like the
# Markdown they are made of; after this a browser revalidates with the ETag.
GUIDANCE_MAX_AGE = 10 * 60


def _key(request: HttpRequest) -> str:
    packed = "gzip" if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "plain"
    # The host and scheme too: the page's hreflang links are absolute.
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"guidance.{packed}.{md5(address.encode(), usedforsecurity=False).hexdigest()}"


def _keepable(response: HttpResponse) -> bool:
    return response.status_code == 200 and not response.streaming and not response.cookies


def same_for_everyone(view):
    """A guidance page rendered once per worker, address, language and encoding.

    From the inside out: ``conditional_page`` gives the rendered page an ETag from
    its content (the plain text, so every worker gives the same one);
    ``gzip_page`` compresses it (a weak ``W/`` ETag for the gzip form); the
    response's body and headers are kept in the ``pages`` cache, the gzip form
    apart, so it is compressed once, not for every visitor; the outer
    ``conditional_page`` answers a repeat visit with a 304 from the kept ETag.
    Errors, search results and anything setting a cookie are never kept.
    """
    render = gzip_page(conditional_page(view))

    @wraps(view)
    def kept(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        key = _key(request)
        pages = caches["pages"]  # looked up each time, as cache_page does (settings may change)
        stored = pages.get(key)
        if stored is not None:
            content, headers = stored
            return HttpResponse(content, headers=headers)
        response = render(request, *args, **kwargs)
        if _keepable(response):
            patch_response_headers(response, GUIDANCE_MAX_AGE)
            pages.set(key, (response.content, dict(response.items())), GUIDANCE_MAX_AGE)
        return response

    return conditional_page(kept)
