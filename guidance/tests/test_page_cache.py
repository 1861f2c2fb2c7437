"""The guidance pages are rendered once per process and then served from memory."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import override_settings

from guidance import views

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


def test_an_article_keeps_its_etag_and_304(client):
    first = client.get("/en/guidance/faq/")
    cached = client.get("/en/guidance/faq/")
    assert cached["ETag"] == first["ETag"]
    assert client.get("/en/guidance/faq/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_errors_are_not_kept(client):
    assert client.get("/en/guidance/not-a-topic/").status_code == 404
    assert kept() == 0


def test_search_results_are_never_kept(client):
    client.get("/en/search/", {"q": "grace"})
    assert kept() == 0


def test_the_cache_is_bounded(client, renders):
    three = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
             "LOCATION": "three-pages", "OPTIONS": {"MAX_ENTRIES": 3}}
    with override_settings(CACHES={"default": three, "pages": three}):
        for number in range(5):
            client.get(f"/en/guidance/faq/?page={number}")
        assert len(caches["pages"]._cache) <= 3
        client.get("/en/guidance/faq/?page=4")  # the latest is still kept
        assert len(renders) == 5
        client.get("/en/guidance/faq/?page=0")  # the oldest was crowded out
        assert len(renders) == 6


def test_nothing_is_kept_with_debug_on(client, settings, renders):
    settings.DEBUG = True
    client.get("/en/guidance/faq/")
    client.get("/en/guidance/faq/")
    assert len(renders) == 2
    assert kept() == 0
