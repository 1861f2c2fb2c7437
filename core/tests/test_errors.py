"""The site's own error pages (core/errors.py): styled, in the page's language, and
never reading the request body.

Django's default error views run the CSRF check again (``requires_csrf_token``),
which reads ``request.POST``. A POST whose body cannot be parsed — a form
declared in GBK, with any 32-character ``csrftoken`` cookie — raised again inside
the error view, and gunicorn answered its own bare 500, without the security
headers and with ~570 log lines, on every URL.
"""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404
from django.test import Client, RequestFactory
from django.utils import translation

from core import errors

TOKEN_COOKIE = "a" * 32
CHARSETS = ["gbk", "gb2312", "latin-1", "utf-16", "big5", "nonsense", ""]
URLS = [
    "/zh-hans/",
    "/en/guidance/faq/",
    "/zh-hans/calculator/loan/",
    "/en/calculator/letter/",
    "/zh-hans/calculator/plan.ics",
    "/en/no-such-page/",
    "/",
    "/static/css/site.css",
]


def hostile_client() -> Client:
    """A browser-like client: CSRF enforced, with a well-formed CSRF cookie."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = TOKEN_COOKIE
    return client


def post_in(client: Client, url: str, charset: str):
    # generic() sends the bytes as they are (post() would re-encode them).
    content_type = "application/x-www-form-urlencoded"
    if charset:
        content_type += f"; charset={charset}"
    return client.generic("POST", url, b"full_name=%D5%C5%C8%FD&x=1", content_type)


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("charset", CHARSETS)
def test_a_form_in_another_charset_is_refused_on_every_url_without_a_500(url, charset):
    response = post_in(hostile_client(), url, charset)
    assert response.status_code < 500, response.status_code
    # The security headers come with every answer.
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("charset", ["gbk", "latin-1"])
def test_the_refusal_is_the_sites_own_400_page_in_the_pages_language(charset):
    english = post_in(hostile_client(), "/en/calculator/letter/", charset)
    chinese = post_in(hostile_client(), "/zh-hans/calculator/letter/", charset)
    assert english.status_code == chinese.status_code == 400
    assert "<h1>The request could not be read</h1>" in english.content.decode()
    assert "Nothing you typed was kept." in english.content.decode()
    assert "<h1>无法处理这次提交</h1>" in chinese.content.decode()
    # The page's own frame: navigation and the stylesheet.
    assert 'class="site-nav"' in english.content.decode()
    assert "/static/css/site.css" in english.content.decode()


def test_a_form_posted_without_a_token_gets_the_csrf_page_in_english():
    response = Client(enforce_csrf_checks=True).post(
        "/en/calculator/letter/", {"full_name": "Zhang San", "format": "pdf"}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>The form could not be sent</h1>" in html
    assert "Nothing you typed was kept." in html
    assert "Back button" in html
    assert '<html lang="en">' in html
    assert 'class="site-nav"' in html
    assert "Zhang San" not in html


def test_the_csrf_page_speaks_the_pages_language():
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = TOKEN_COOKIE
    response = client.post("/zh-hans/calculator/letter/", {"csrfmiddlewaretoken": "b" * 32})
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>表单没能提交</h1>" in html
    assert "您填写的内容没有被保存" in html
    assert '<html lang="zh-Hans">' in html


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        raise AssertionError("an error view read the request body")


def request_with_unreadable_body(path: str = "/en/calculator/letter/"):
    request = RequestFactory().generic(
        "POST", path, b"csrfmiddlewaretoken=x", "application/x-www-form-urlencoded",
        HTTP_COOKIE=f"csrftoken={TOKEN_COOKIE}",
    )
    request.META["CONTENT_LENGTH"] = "1000"
    request.META["wsgi.input"] = UnreadableBody()
    request._stream = UnreadableBody()
    return request


@pytest.mark.parametrize(
    ("view", "argument", "status"),
    [
        (errors.bad_request, BadRequest("unreadable"), 400),
        (errors.permission_denied, PermissionDenied(), 403),
        (errors.page_not_found, Http404(), 404),
    ],
)
def test_the_error_views_never_read_the_body(view, argument, status):
    with translation.override("en"):
        response = view(request_with_unreadable_body(), argument)
    assert response.status_code == status
    assert b"<h1>" in response.content


def test_the_csrf_view_and_the_500_view_never_read_the_body():
    with translation.override("en"):
        assert errors.csrf_failure(request_with_unreadable_body(), reason="x").status_code == 403
        assert errors.server_error(request_with_unreadable_body()).status_code == 500


def test_the_unreadable_body_would_be_caught():
    # Control for the tests above: Django's own view re-runs the CSRF check and
    # reads the body.
    from django.views.defaults import page_not_found

    with pytest.raises(AssertionError, match="read the request body"):
        page_not_found(request_with_unreadable_body(), Http404())


def test_the_500_page_is_shown_even_when_its_template_fails(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("template fault")

    monkeypatch.setattr(errors.loader, "render_to_string", broken)
    response = errors.server_error(RequestFactory().get("/en/"))
    assert response.status_code == 500
    assert response.content.decode() == errors.BARE_500


def test_the_404_page_is_the_sites_own(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


def test_the_handlers_are_wired():
    from config import urls

    assert urls.handler400 == "core.errors.bad_request"
    assert urls.handler403 == "core.errors.permission_denied"
    assert urls.handler404 == "core.errors.page_not_found"
    assert urls.handler500 == "core.errors.server_error"
