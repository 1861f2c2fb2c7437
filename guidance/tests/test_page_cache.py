"""The guidance pages are rendered once per process and then served from memory."""

from __future__ import annotations

import pytest

from guidance import views


@pytest.fixture(autouse=True)
def empty_cache():
    views._pages.clear()
    yield
    views._pages.clear()


@pytest.fixture
def renders(monkeypatch):
    """The template renders done by the guidance views, by template name."""
    done = []
    real_render = views.render

    def counting_render(request, template_name, *args, **kwargs):
        done.append(template_name)
        return real_render(request, template_name, *args, **kwargs)

    monkeypatch.setattr(views, "render", counting_render)
    return done


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
    assert views._pages == {}


def test_search_results_are_never_kept(client):
    client.get("/en/search/", {"q": "grace"})
    assert views._pages == {}


def test_the_cache_is_bounded(client, monkeypatch):
    monkeypatch.setattr(views, "PAGE_CACHE_SIZE", 3)
    for number in range(5):
        client.get(f"/en/guidance/faq/?page={number}")
    assert len(views._pages) == 3
    assert ("en", "/en/guidance/faq/?page=0") not in views._pages


def test_nothing_is_kept_with_debug_on(client, settings, renders):
    settings.DEBUG = True
    client.get("/en/guidance/faq/")
    client.get("/en/guidance/faq/")
    assert len(renders) == 2
    assert views._pages == {}
