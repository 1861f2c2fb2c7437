"""Pages are gzip-compressed for browsers that accept it; static files are not
compressed a second time (WhiteNoise answers them, already compressed). The
guidance pages' ETags and compressed-once forms: guidance/tests/test_page_cache.py."""

from __future__ import annotations

import gzip
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.contrib.staticfiles import finders

from calculator.tests._pages import TODAY, figures
from calculator.tests.loans import SPEC_LOAN

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
