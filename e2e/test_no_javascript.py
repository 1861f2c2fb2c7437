"""With JavaScript off, every form still works and every result still shows.

Each test runs in a browser context with ``java_script_enabled=False``: the
forms are filled and submitted by the browser itself, as a person would.
"""

from __future__ import annotations

import re

import pytest

from e2e.helpers import figure, in_pdf, pdf_pages, squash
from e2e.pages import (
    BUDGET,
    LETTER_DETAILS,
    LOAN_PAYOFF,
    OPTION,
    QUICK,
    QUICK_TOTAL_DUE,
    fill_letter_form,
    submit_letter,
    url,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def page(open_page):
    return open_page(javascript=False)


def scripts_ran(page) -> bool:
    # site.js un-hides the print buttons: hidden ones show that no script ran.
    return page.locator("[data-print]:not([hidden])").count() > 0


def test_quick_estimate_without_javascript(page):
    page.goto(url("zh-hans", "calculator/arrears/"))
    page.fill("#id_overdue_amount", "1.2万")
    page.fill("#id_due_date", "2026年3月10日")
    page.fill("#id_as_of", QUICK["as_of"])
    page.fill("#id_daily_rate", QUICK["daily_rate"])
    page.locator("form.calculator-form [type=submit]").click()
    page.wait_for_url(re.compile(r"overdue_amount="))
    assert figure(page, "total_due") == QUICK_TOTAL_DUE
    assert page.locator(".growth__chart").is_visible()
    assert page.locator(".growth__table tbody tr").count() >= 10
    assert page.locator(".result .timeline__step").first.is_visible()
    assert not scripts_ran(page)
    assert not page.locator("[data-print]").is_visible(), "a print button that cannot work shows"


def test_errors_show_without_javascript(page):
    page.goto(url("en", "calculator/arrears/", {**QUICK, "overdue_amount": "lots"}))
    assert page.locator("#error-summary").is_visible()
    assert page.locator("#id_overdue_amount[aria-invalid=true]").is_visible()
    assert page.locator("#id_overdue_amount_error").is_visible()


def test_loan_calculator_without_javascript(page):
    page.goto(url("en", "calculator/loan/"))
    page.locator(".presets a[href$='preset=xiaomi']").click()
    page.wait_for_url(re.compile(r"preset=xiaomi"))
    page.fill("#id_principal", "10000")
    page.fill("#id_start_date", "2026-01-15")
    page.fill("#id_paid_periods", "2")
    page.fill("#id_as_of", "2026-05-20")
    page.fill("#id_prepayment_fee", "3")
    page.locator("form.calculator-form [type=submit]").click()
    page.wait_for_url(re.compile(r"principal="))
    assert figure(page, "payoff_amount") == LOAN_PAYOFF
    assert page.locator("table.schedule tbody tr").count() == 6
    # Folded in a <details>, which opens without any script.
    assert not page.locator("table.schedule").is_visible()
    page.locator("details.schedule-fold > summary").click()
    assert page.locator("table.schedule").is_visible()


def test_search_without_javascript(page):
    page.goto(url("zh-hans", "search/"))
    page.fill("#search-q", "征信")
    page.locator(".search-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"q="))
    assert page.locator(".search-results mark").first.is_visible()


def test_plan_and_letter_without_javascript(page, tmp_path):
    page.goto(url("zh-hans", "calculator/plan/"))
    # Without a result to carry over, the plan asks for the arrears itself.
    for name, value in {**QUICK, **BUDGET}.items():
        if not name.startswith("debt"):
            page.fill(f"form.plan-form [name={name}]", value)
    # "Add a debt" is a submit button: it works without scripts.
    page.locator("form.plan-form button[name=debts]").click()
    page.wait_for_url(re.compile(r"debts=1"))
    for name, value in BUDGET.items():
        if name.startswith("debt"):
            page.fill(f"form.plan-form [name={name}]", value)
    page.locator("form.plan-form .plan-form__submit").click()
    page.wait_for_url(re.compile(r"debt1_creditor="))
    assert figure(page, "outstanding_total") == QUICK_TOTAL_DUE
    assert figure(page, "recommended_option") == OPTION
    assert page.locator(".options .option").count() == 7
    page.locator(".recommendation a.btn").click()
    page.wait_for_url(re.compile(r"/calculator/letter/\?"))
    fill_letter_form(page)
    submit_letter(page)  # a real POST, with the CSRF cookie and token
    letter = page.locator(".letter-sheet").first
    assert letter.is_visible()
    assert LETTER_DETAILS["full_name"] in letter.inner_text()
    # The download buttons are plain form buttons: they work without scripts too.
    with page.expect_download() as download:
        page.locator(".letter-actions button[value=pdf]").click()
    path = tmp_path / "letter.pdf"
    download.value.save_as(path)
    assert in_pdf(LETTER_DETAILS["full_name"], squash("".join(pdf_pages(path.read_bytes()))))
    # "Change details" brings back the form with what was typed.
    with page.expect_navigation():
        page.locator(".letter-actions button[name=edit]").click()
    assert page.input_value("#id_full_name") == LETTER_DETAILS["full_name"]


def test_letter_form_errors_without_javascript(page):
    page.goto(url("en", "calculator/letter/", {**QUICK, **BUDGET, "option": OPTION}))
    submit_letter(page)
    assert page.locator("#error-summary").is_visible()
    assert page.locator("#id_full_name[aria-invalid=true]").count() == 1
