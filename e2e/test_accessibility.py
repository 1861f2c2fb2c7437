"""Keyboard and focus in a real browser: focus moves to the error summary after an
invalid submit (with and without JavaScript), and the quick estimate and the
letter can be done with the keyboard alone, each focused element visibly so.

axe-core and the field wiring of every page type are in test_every_page.py.
"""

from __future__ import annotations

import re

import pytest

from e2e.helpers import figure
from e2e.pages import LETTER_DETAILS, QUICK_TOTAL_DUE, letter_form_url, visit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_focus_moves_to_the_error_summary_after_an_invalid_submit(open_page, javascript):
    page = open_page(javascript=javascript)
    visit(page, "quick_empty", "zh-hans")
    page.fill("#id_overdue_amount", "abc")
    page.locator("form.calculator-form [type=submit]").click()
    page.wait_for_url(re.compile(r"overdue_amount=abc"))
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.id") == "error-summary"


def tab_to(page, selector: str, limit: int = 120) -> list[str]:
    """Press Tab until the focused element matches ``selector``.

    Returns what was passed on the way; fails when an element took focus
    without a visible focus indicator, or the field is never reached.
    """
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(
            """(selector) => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
                    || style.boxShadow !== "none";
                return {
                    page: el === document.body || el === document.documentElement,
                    matches: el.matches(selector),
                    name: el.id || el.name || el.tagName + ":" + (el.textContent || "").trim().slice(0, 30),
                    ring,
                };
            }""",
            selector,
        )
        if state["page"]:  # past the last element: focus left the page, Tab wraps
            continue
        assert state["ring"], f"{state['name']} has focus but no visible focus indicator"
        passed.append(state["name"])
        if state["matches"]:
            return passed
    raise AssertionError(f"Tab never reached {selector}; passed {passed}")


def test_keyboard_only_quick_estimate(page):
    visit(page, "quick_empty", "zh-hans")
    tab_to(page, "#id_overdue_amount")
    page.keyboard.type("1.2万")
    tab_to(page, "#id_due_date")
    page.keyboard.type("2026年3月10日")
    tab_to(page, "#id_daily_rate")
    page.keyboard.type("0.05")
    tab_to(page, "#id_as_of")  # the last field; it is filled with today
    page.keyboard.press("Control+A")
    page.keyboard.type("2026-05-20")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert figure(page, "total_due") == QUICK_TOTAL_DUE

    # Change a figure to something wrong: the error summary takes focus.
    tab_to(page, "#id_overdue_amount", limit=200)
    page.keyboard.press("Control+A")
    page.keyboard.type("一万二")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    # From the summary, Tab reaches the link to the field in error, and Enter follows it.
    tab_to(page, "#error-summary a")
    page.keyboard.press("Enter")
    assert page.url.endswith("#id_overdue_amount")


def test_keyboard_only_letter(page):
    page.goto(letter_form_url("zh-hans"))
    for name in ("full_name", "phone", "id_last4", "lender_name", "contract_number"):
        tab_to(page, f"#id_{name}")
        page.keyboard.press("Control+A")
        page.keyboard.type(LETTER_DETAILS[name])
    tab_to(page, "input[name=hardship]")
    page.keyboard.press("Space")
    assert page.locator("input[name=hardship]:checked").count() == 1
    tab_to(page, "#id_hardship_detail")
    page.keyboard.type(LETTER_DETAILS["hardship_detail"])
    tab_to(page, "button[name=format][value=html]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    letter = page.locator(".letter-sheet").first.inner_text()
    assert LETTER_DETAILS["full_name"] in letter
    assert LETTER_DETAILS["contract_number"] in letter
