"""config.middleware.CSPMiddleware: django-csp's header, built once per process."""

from __future__ import annotations

import pytest
from csp.constants import NONCE
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from config.middleware import CSPMiddleware

# The directives of settings.CONTENT_SECURITY_POLICY (django-csp writes them in the
# order of a set, which differs from one process to the next).
POLICY = {
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "font-src 'self'", "connect-src 'self'", "form-action 'self'", "frame-ancestors 'none'",
    "base-uri 'none'", "object-src 'none'",
}


def directives(header: str) -> set[str]:
    return set(header.split("; "))


def answer(view, **kwargs):
    middleware = CSPMiddleware(view)
    request = RequestFactory().get("/", **kwargs)
    middleware.process_request(request)
    return middleware(request), request


def test_every_page_gets_the_settings_policy(client):
    assert directives(client.get("/en/guidance/").headers["Content-Security-Policy"]) == POLICY
    assert directives(client.get("/en/calculator/loan/").headers["Content-Security-Policy"]) == POLICY


def test_a_view_that_changes_the_policy_gets_django_csps_answer():
    def updated(request):
        response = HttpResponse("x")
        response._csp_update = {"img-src": ["https://example.org"]}
        return response

    response, _request = answer(updated)
    assert "img-src 'self' data: https://example.org" in response["Content-Security-Policy"]


@override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"script-src": ["'self'", NONCE]}})
def test_a_page_that_uses_a_nonce_gets_it_in_the_header():
    def with_nonce(request):
        return HttpResponse(f"<script nonce='{request.csp_nonce}'>")

    response, request = answer(with_nonce)
    assert f"'nonce-{request._csp_nonce}'" in response["Content-Security-Policy"]


def test_a_header_set_by_the_view_is_kept():
    def own(request):
        response = HttpResponse("x")
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    assert answer(own)[0]["Content-Security-Policy"] == "default-src 'none'"


@override_settings(CONTENT_SECURITY_POLICY_REPORT_ONLY={"DIRECTIVES": {"default-src": ["'self'"]}})
def test_a_report_only_policy_in_the_settings_is_django_csps_too():
    response, _request = answer(lambda request: HttpResponse("x"))
    assert directives(response["Content-Security-Policy"]) == POLICY
    assert response["Content-Security-Policy-Report-Only"] == "default-src 'self'"


def test_a_nonce_asked_for_after_the_header_is_refused():
    # As django-csp does: a nonce made after the header is written could not be in it.
    response, request = answer(lambda request: HttpResponse("x"))
    with pytest.raises(Exception, match="csp_nonce"):
        str(request.csp_nonce)
