"""The guidance pages are rendered once per worker through Django's cache framework,
compressed once, and answered with a 304 on a repeat visit (guidance/page_cache.py)."""

from __future__ import annotations

import gzip

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware import gzip as gzip_middleware
from django.test import override_settings

from guidance import page_cache, views

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
pages = caches["pages"]


@pytest.fixture(autouse=True)
def empty_cache():
    pages.clear()
    yield
    pages.clear()


def kept() -> int:
    return len(pages._cache)


@pytest.fixture
def renders(count_renders):
    return count_renders(views)


@pytest.fixture
def compressions(monkeypatch):
    """The pages GZipMiddleware and gzip_page compress, counted."""
    calls = []
    original = gzip_middleware.compress_string

    def counting(*args, **kwargs):
        calls.append(len(args[0]))
        return original(*args, **kwargs)

    monkeypatch.setattr(gzip_middleware, "compress_string", counting)
    return calls


@pytest.mark.parametrize(
    "url", ["/zh-hans/", "/en/guidance/", "/en/guidance/faq/", "/zh-hans/privacy/"]
)
def test_a_repeat_request_is_served_without_rendering(client, renders, url):
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert len(renders) == 1
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_each_language_and_query_is_its_own_page(client, renders):
    # The language links keep the query string, so it is part of the key.
    for url in ("/en/guidance/faq/", "/zh-hans/guidance/faq/", "/en/guidance/faq/?x=1"):
        client.get(url)
    assert len(renders) == 3
    english = client.get("/en/guidance/faq/?x=1").content.decode()
    assert "/zh-hans/guidance/faq/?x=1" in english
    assert len(renders) == 3


def test_the_gzip_form_is_compressed_once(client, renders, compressions):
    first = client.get("/en/guidance/faq/", **GZIP)
    second = client.get("/en/guidance/faq/", **GZIP)
    plain = client.get("/en/guidance/faq/")
    assert first["Content-Encoding"] == second["Content-Encoding"] == "gzip"
    assert gzip.decompress(second.content) == plain.content
    assert "Content-Encoding" not in plain
    # Each form is rendered once and kept apart (the key includes Accept-Encoding);
    # two gzip answers, one compression.
    assert len(renders) == 2
    assert len(compressions) == 1


def test_an_article_keeps_its_etag_and_304(client):
    first = client.get("/en/guidance/faq/")
    cached = client.get("/en/guidance/faq/")
    assert cached["ETag"] == first["ETag"]
    again = client.get("/en/guidance/faq/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_the_etag_is_the_same_from_every_worker(client):
    # Each worker renders and compresses on its own, and gzip output differs from
    # one compression to the next (Django adds random bytes against BREACH): the
    # ETag comes from the plain page, so a repeat visit that reaches another
    # worker still gets its 304.
    first = client.get("/en/guidance/faq/", **GZIP)
    pages.clear()  # as if another worker answered
    other = client.get("/en/guidance/faq/", **GZIP)
    assert first.content != other.content
    assert first["ETag"] == other["ETag"]
    assert client.get("/en/guidance/faq/", HTTP_IF_NONE_MATCH=first["ETag"], **GZIP).status_code == 304


def test_the_gzip_form_has_a_weak_etag_of_the_same_page(client):
    plain = client.get("/en/guidance/faq/")
    packed = client.get("/en/guidance/faq/", **GZIP)
    assert packed["ETag"] == "W/" + plain["ETag"]
    assert "Accept-Encoding" in packed["Vary"]


def test_guidance_pages_tell_the_browser_how_long_to_keep_them(client):
    response = client.get("/en/guidance/faq/")
    assert response["Cache-Control"] == f"max-age={page_cache.GUIDANCE_MAX_AGE}"


def test_errors_are_not_kept(client):
    assert client.get("/en/guidance/not-a-topic/").status_code == 404
    assert kept() == 0


def test_search_results_are_never_kept(client):
    client.get("/en/search/", {"q": "grace"})
    assert kept() == 0


def test_the_cache_is_bounded(client, renders):
    three = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
             "LOCATION": "three-pages", "OPTIONS": {"MAX_ENTRIES": 3}}
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    with override_settings(CACHES={"default": dummy, "pages": three}):
        # One entry per page and encoding.
        for number in range(5):
            client.get(f"/en/guidance/faq/?page={number}")
        assert len(caches["pages"]._cache) <= 3
        assert len(renders) == 5
        client.get("/en/guidance/faq/?page=0")  # the oldest was crowded out
        assert len(renders) == 6


def test_a_kept_page_comes_back_with_the_headers_it_was_kept_with(client):
    first = client.get("/en/guidance/faq/", **GZIP)
    kept_answer = client.get("/en/guidance/faq/", **GZIP)
    for header in ("Content-Type", "Content-Encoding", "Content-Length", "ETag", "Vary",
                   "Cache-Control", "Expires", "Content-Language"):
        assert kept_answer[header] == first[header], header
    assert kept_answer.content == first.content


def test_each_host_is_its_own_page(client, renders):
    # The hreflang links are absolute: a page kept for one host never answers another.
    client.get("/en/guidance/faq/", HTTP_HOST="localhost")
    other = client.get("/en/guidance/faq/", HTTP_HOST="127.0.0.1").content.decode()
    assert len(renders) == 2
    assert 'href="http://127.0.0.1/zh-hans/guidance/faq/"' in other
    assert "http://localhost/" not in other


def test_an_answer_that_sets_a_cookie_or_fails_is_never_kept(rf):
    answers = iter([HttpResponse("<p>first</p>"), HttpResponse("<p>second</p>")])

    def with_cookie(request):
        response = next(answers)
        response.set_cookie("seen", "1")
        return response

    view = page_cache.same_for_everyone(with_cookie)
    assert view(rf.get("/en/x/")).content == b"<p>first</p>"
    assert view(rf.get("/en/x/")).content == b"<p>second</p>"
    assert kept() == 0
