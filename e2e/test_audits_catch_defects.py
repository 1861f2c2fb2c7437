"""The checks catch what they are for: a page too wide for a phone, a field
without a label, a form that needs JavaScript.

Each test breaks a page in the browser only (``page.route`` rewrites the
response; nothing on the server changes) and expects the check to object.
"""

from __future__ import annotations

import re

import pytest

from e2e.audits import axe_problems, field_problems, phone_problems
from e2e.pages import QUICK, url, visit

pytestmark = pytest.mark.browser


def rewrite(page, pattern, old: str, new: str) -> None:
    """Serve the response for URLs matching ``pattern`` with ``old`` replaced by ``new``."""

    def handler(route):
        response = route.fetch()
        body = response.text()
        assert old in body, f"{old!r} not in {route.request.url}"
        route.fulfill(response=response, body=body.replace(old, new))

    page.route(pattern, handler)


def test_a_page_too_wide_for_a_phone_is_caught(phone_page):
    rewrite(phone_page, "**/static/css/site.css", "html {", ".site-main { min-width: 400px; }\nhtml {")
    visit(phone_page, "privacy", "en")
    problems = phone_problems(phone_page)
    assert any("scrolls sideways" in problem for problem in problems), problems


def test_a_small_tap_target_is_caught(phone_page):
    rewrite(phone_page, "**/static/css/site.css", "html {", ".site-nav a { min-height: 20px !important; }\nhtml {")
    visit(phone_page, "home", "en")
    problems = phone_problems(phone_page)
    assert any("tap target" in problem for problem in problems), problems


def test_a_field_without_a_label_is_caught(page):
    rewrite(page, re.compile(r"/search/$"), 'for="search-q"', 'for="elsewhere"')
    visit(page, "search_form", "en")
    _count, problems = field_problems(page)
    assert "search-q: no label" in problems
    assert any("label" in problem for problem in axe_problems(page))


def test_a_hint_not_wired_to_its_field_is_caught(page):
    rewrite(page, re.compile(r"/calculator/arrears/$"),
            'aria-describedby="id_due_date_helptext"', "")
    visit(page, "quick_empty", "en")
    _count, problems = field_problems(page)
    assert "#id_due_date_helptext is not in any field's aria-describedby" in problems


def test_a_form_that_needs_javascript_is_caught(open_page):
    page = open_page(javascript=False)
    page.set_default_timeout(1_500)
    rewrite(page, re.compile(r"/calculator/arrears/$"), 'type="submit"', 'type="button"')
    page.goto(url("en", "calculator/arrears/"))
    for name, value in QUICK.items():
        page.fill(f"#id_{name}", value)
    page.locator("form.calculator-form input[name=submit]").click()
    with pytest.raises(Exception, match="Timeout"):
        page.wait_for_url(re.compile(r"overdue_amount="))
