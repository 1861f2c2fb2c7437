"""Pages are gzip-compressed for browsers that accept it; static files are not
compressed a second time (WhiteNoise answers them, already compressed). The
guidance pages' ETags and compressed-once forms: guidance/tests/test_page_cache.py."""

from __future__ import annotations

import gzip
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.test import RequestFactory

from calculator.tests._pages import TODAY, figures
from calculator.tests.loans import SPEC_LOAN
from config.middleware import GZipMiddleware

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
ARTICLE = "/zh-hans/guidance/grace-and-penalty/"
LOAN = f"/zh-hans/calculator/loan/?{urlencode(SPEC_LOAN)}"


@pytest.fixture(autouse=True)
def fixed_today():
    with mock.patch("calculator.clock.today", return_value=TODAY):
        yield


@pytest.mark.parametrize("url", [ARTICLE, LOAN, "/en/privacy/"])
def test_pages_come_gzipped_to_a_browser_that_accepts_it(client, url):
    plain = client.get(url)
    packed = client.get(url, **GZIP)

    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    # Several times smaller: the pages are mostly repeated markup.
    assert len(packed.content) * 2 < len(plain.content)
    assert int(packed["Content-Length"]) == len(packed.content)


def test_a_gzipped_result_carries_the_same_figures(client):
    packed = client.get(LOAN, **GZIP)
    assert figures(gzip.decompress(packed.content).decode())["total_overdue"] == "310.78"


def test_static_files_are_not_compressed_by_django(client):
    # WhiteNoise answers before the gzip middleware is reached. Under the test
    # settings it serves the source file, which has no compressed twin, so a
    # Content-Encoding could only come from Django compressing it on the fly.
    assert finders.find("css/site.css")
    response = client.get("/static/css/site.css", **GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"{" in b"".join(response.streaming_content)


def test_pages_are_packed_at_the_fastest_level_with_a_random_name(client):
    # A page is compressed anew for every request, so at zlib's level 1 (nginx's
    # default): the gzip header's XFL byte says 4, "fastest" (RFC 1952 2.3.1).
    # The FNAME flag (8) marks the random-length name that Django adds against
    # BREACH; a name of n "a"s ends with a NUL, then the deflate data.
    packed = client.get(LOAN, **GZIP).content
    assert packed[:3] == b"\x1f\x8b\x08"
    assert packed[3] == gzip.FNAME
    assert packed[8] == 4
    name_end = packed.index(b"\0", 10)
    assert set(packed[10:name_end]) <= {ord("a")} and name_end - 10 < 100


def test_the_random_name_changes_the_length_not_the_page(client):
    # 20 requests for the same page: the same page each time, lengths that differ.
    bodies = [client.get(LOAN, **GZIP).content for _ in range(20)]
    assert len({gzip.decompress(body) for body in bodies}) == 1
    assert len({len(body) for body in bodies}) > 1


def test_a_short_response_is_left_as_it_is(client):
    # Under 200 bytes compressing gains nothing: robots.txt-size answers stay plain.
    request = RequestFactory().get("/", **GZIP)
    response = GZipMiddleware(lambda request: HttpResponse(b"x" * 199))(request)
    assert "Content-Encoding" not in response and response.content == b"x" * 199


def test_a_strong_etag_becomes_weak_when_packed(client):
    def page(request):
        response = HttpResponse(b"<p>same</p>" * 100)
        response["ETag"] = '"abc"'
        return response

    response = GZipMiddleware(page)(RequestFactory().get("/", **GZIP))
    assert response["Content-Encoding"] == "gzip" and response["ETag"] == 'W/"abc"'
    assert gzip.decompress(response.content) == b"<p>same</p>" * 100
