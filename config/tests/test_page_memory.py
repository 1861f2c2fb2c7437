"""config/page_memory.py: pages kept after their first render, compressed once."""

from __future__ import annotations

import gzip

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.utils import translation

from config.page_memory import ForgetfulLocMemCache, KeptPage, kept_in, page_key

PAGE = ("<p>" + "还款计划 repayment plan " * 40 + "</p>").encode()
MEMORY = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "test-memory": {
        "BACKEND": "config.page_memory.ForgetfulLocMemCache",
        "LOCATION": "test-memory",
        "TIMEOUT": 60,
    },
}
factory = RequestFactory()


@pytest.fixture
def memory():
    with override_settings(CACHES=MEMORY):
        caches["test-memory"].clear()
        yield caches["test-memory"]
        caches["test-memory"].clear()


def counted(response_factory):
    """A view that makes ``response_factory()`` and counts its calls."""
    calls = []

    def view(request):
        calls.append(request)
        return response_factory()

    return view, calls


def test_a_kept_page_is_compressed_once_and_served_as_the_browser_asks():
    page = KeptPage.of(HttpResponse(PAGE, content_type="text/html; charset=utf-8"))
    assert gzip.decompress(page.gzipped) == PAGE
    assert len(page.gzipped) < len(PAGE) / 4

    packed = page.response(factory.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br"))
    plain = page.response(factory.get("/"))
    assert (packed["Content-Encoding"], packed.content) == ("gzip", page.gzipped)
    assert plain.content == PAGE and "Content-Encoding" not in plain
    assert packed["Vary"] == plain["Vary"] == "Accept-Encoding"
    assert packed["Content-Type"] == "text/html; charset=utf-8"


def test_a_page_gzip_cannot_shrink_is_kept_plain_only():
    page = KeptPage.of(HttpResponse(b"ok"))
    assert page.gzipped is None
    response = page.response(factory.get("/", HTTP_ACCEPT_ENCODING="gzip"))
    assert response.content == b"ok" and "Content-Encoding" not in response


def test_page_keys_are_hashes_that_tell_addresses_languages_and_days_apart(settings):
    settings.DEBUG = False
    loan = factory.get("/zh-hans/calculator/loan/?principal=10000")
    with translation.override("zh-hans"):
        key = page_key(loan, "2026-05-20")
        assert key == page_key(loan, "2026-05-20")
        assert key != page_key(loan, "2026-05-21")
        assert key != page_key(factory.get("/zh-hans/calculator/loan/?principal=10001"), "2026-05-20")
    with translation.override("en"):
        assert key != page_key(loan, "2026-05-20")
    assert "10000" not in key and len(key) == len("page:") + 64


def test_nothing_is_kept_with_debug_on(settings):
    settings.DEBUG = True
    assert page_key(factory.get("/zh-hans/privacy/")) is None


def test_a_view_is_rendered_once_per_key(memory):
    view, calls = counted(lambda: HttpResponse(PAGE))
    kept = kept_in("test-memory", key=lambda request: "one")(view)
    first = kept(factory.get("/"))
    second = kept(factory.get("/", HTTP_ACCEPT_ENCODING="gzip"))
    assert len(calls) == 1
    assert first.content == PAGE
    assert gzip.decompress(second.content) == PAGE


@pytest.mark.parametrize("make", [
    lambda: HttpResponse(PAGE, status=400),
    lambda: HttpResponse(PAGE, status=404),
    lambda: _with_cookie(HttpResponse(PAGE)),
])
def test_refusals_and_pages_that_set_cookies_are_not_kept(memory, make):
    view, calls = counted(make)
    kept = kept_in("test-memory", key=lambda request: "one")(view)
    kept(factory.get("/"))
    kept(factory.get("/"))
    assert len(calls) == 2
    assert memory.get("one") is None


def test_a_page_that_will_get_a_csrf_cookie_is_not_kept(memory):
    view, calls = counted(lambda: HttpResponse(PAGE))
    kept = kept_in("test-memory", key=lambda request: "one")(view)
    for _ in range(2):
        request = factory.get("/")
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
        kept(request)
    assert len(calls) == 2


def test_a_key_of_none_means_render_every_time(memory):
    view, calls = counted(lambda: HttpResponse(PAGE))
    kept = kept_in("test-memory", key=lambda request: None)(view)
    kept(factory.get("/"))
    kept(factory.get("/"))
    assert len(calls) == 2


def test_the_forgetful_cache_deletes_every_expired_page_when_it_is_used(memory):
    assert isinstance(memory, ForgetfulLocMemCache)
    memory.set("old", b"figures")
    memory.set("new", b"figures")
    # Make "old" expired, as a minute's wait would, without reading the clock.
    [old_key] = [key for key in memory._cache if key.endswith(":old")]
    memory._expire_info[old_key] = 0

    assert memory.get("something-else") is None  # any use at all
    assert [key for key in memory._cache if key.endswith(":old")] == []
    assert memory.get("new") == b"figures"


def test_the_plain_locmem_cache_would_have_kept_it():
    # Control for the test above: LocMemCache forgets an expired entry only when
    # that same key is asked for.
    from django.core.cache.backends.locmem import LocMemCache

    plain = LocMemCache("plain-control", {"TIMEOUT": 60})
    plain.set("old", b"figures")
    [old_key] = list(plain._cache)
    plain._expire_info[old_key] = 0
    plain.get("something-else")
    assert old_key in plain._cache
    plain.clear()


def _with_cookie(response: HttpResponse) -> HttpResponse:
    response.set_cookie("seen", "1")
    return response
