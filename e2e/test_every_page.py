"""Every page type, in both written languages and a sample in zh-hant: accessible,
and right on a 360 px phone.

One pass per page: console errors (a style or script blocked by the
Content-Security-Policy shows there), axe-core and the field wiring at
1280×800, then the same page at 360×740 for sideways scrolling and tap targets
(rules in e2e.audits). Every problem found is reported together.
"""

from __future__ import annotations

import pytest

from e2e.audits import axe_problems, field_problems, phone_problems
from e2e.conftest import PHONE
from e2e.pages import EVERY_PAGE, visit

pytestmark = pytest.mark.browser

# Page types that show form fields, and the error states among them.
FORM_PAGES = {
    "search_form", "search_results", "search_nothing", "article_checklist",
    "quick_empty", "quick_result", "quick_error", "loan_preset", "loan_result",
    "plan_empty", "plan_result", "plan_nothing_affordable",
    "letter_form", "letter_error", "offer_empty", "offer_result", "offer_error", "contact_log",
}
ERROR_PAGES = {"quick_error", "letter_error", "offer_error"}


@pytest.mark.parametrize(("language", "key"), EVERY_PAGE)
def test_page_is_accessible_and_fits_a_phone(page, language, key):
    console = []
    page.on("console", lambda message: message.type == "error" and console.append(
        f"{message.text} ({message.location.get('url', '')})"))
    page.on("pageerror", lambda error: console.append(str(error)))
    visit(page, key, language)
    fields, wiring = field_problems(page)
    if key in FORM_PAGES and not fields:
        wiring.append("no form fields found")
    if key in ERROR_PAGES:
        if page.locator(".error-summary li").count() == 0:
            wiring.append("no error listed in the error summary")
        if page.locator("[aria-invalid='true']").count() == 0:
            wiring.append("no field marked aria-invalid")
    # A blocked style or script (Content-Security-Policy) or a script error shows here.
    # The browser's own request for /favicon.ico and a 404 page's status are not faults.
    console = [text for text in console if not (
        "favicon.ico" in text or (key == "not_found" and "404" in text))]
    problems = {
        "browser console errors": console,
        "axe-core, serious or critical": axe_problems(page),
        "labels, hints and errors": wiring,
    }
    page.set_viewport_size(PHONE)
    problems["at 360 px"] = phone_problems(page)
    report = "\n".join(
        f"[{what}]\n" + "\n".join(f"  {line}" for line in found)
        for what, found in problems.items() if found
    )
    assert not report, f"{key} ({language}) at {page.url}\n{report}"
