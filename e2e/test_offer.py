"""The lender's offer and the contact log in a real browser.

On a 360 px phone with JavaScript off, a person types the lender's offer as the
lender wrote it, sees its real cost and the reply, and goes back; the contact
log, printed by Chromium, fits A4 with every row whole. (The journey from a
plan's option card to the offer page is the lead's, once the plan links exist.)
"""

from __future__ import annotations

import re

import pytest

from e2e.audits import phone_problems
from e2e.conftest import PHONE
from e2e.helpers import figure, in_pdf, squash
from e2e.pages import CONTACT_LOG, url, visit
from e2e.test_print import A4_POINTS, assert_no_site_chrome, print_to_pdf

pytestmark = pytest.mark.browser

BLANK_ROWS = 14  # calculator.contact_log.document.BLANK_ROWS
# The printable width of A4 with the site's print margins (210 − 2 × 16 mm) in CSS px.
A4_CONTENT_WIDTH_PX = round((210 - 2 * 16) / 25.4 * 96)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_typing_the_lenders_offer_on_a_phone_without_javascript(open_page, language):
    page = open_page(width=PHONE["width"], javascript=False)
    page.goto(url(language, "calculator/offer/"))
    # As the lender and the app wrote it: 1.2万, 月费率0.6%, full-width digits.
    page.fill("#id_owed", "1.2万")
    page.fill("#id_offer_periods", "１２")
    page.fill("#id_offer_fee_rate", "月费率0.6%")
    page.fill("#id_available", "1000")
    page.fill("#id_as_of", "2026-05-20")
    page.locator("form.calculator-form [type=submit]").click()
    page.wait_for_url(re.compile(r"offer_fee_rate="))
    # calculations.md's check: 13.03 %, 12 864.00, 72.00 short a month.
    assert figure(page, "offer_apr") == "13.03"
    assert figure(page, "offer_effective_rate") == "13.84"
    assert figure(page, "offer_total") == "12864.00"
    assert figure(page, "offer_affordable") == "no"
    assert figure(page, "offer_shortfall") == "72.00"
    assert figure(page, "offer_counter_term") == "13"
    reply = page.locator("#reply-text")
    assert reply.is_visible()
    assert "995.08" in reply.inner_text()
    # Without a script the copy button stays hidden (the text can still be selected).
    assert not page.locator("[data-copy]").is_visible()
    assert phone_problems(page) == []
    # Back: the empty form, as it was.
    page.go_back()
    page.wait_for_url(re.compile(r"/calculator/offer/$"))
    assert page.locator("#id_offer_fee_rate").is_visible()
    assert page.locator("[data-figure]").count() == 0


def test_the_copy_button_copies_the_chinese_reply(open_page):
    page = open_page(width=PHONE["width"])
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    visit(page, "offer_result", "en")
    button = page.locator("[data-copy=reply-text]")
    assert button.is_visible()
    button.click()
    page.wait_for_function("document.querySelector('.reply__copied').textContent !== ''")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#reply-text").inner_text().strip()
    assert "每期不超过995.08元" in copied


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_contact_log_prints_on_a4_with_every_row_whole(page, language):
    visit(page, "contact_log", language)
    headers = page.locator(".contact-log__table thead th").all_inner_texts()
    title = page.locator(".contact-log__title").inner_text()
    pages = print_to_pdf(page)
    squashed = [squash(text) for text in pages]
    whole = "".join(squashed)
    assert len(pages) == 2
    assert in_pdf(title, squashed[0])
    assert in_pdf(CONTACT_LOG["lender"], squashed[0])
    # Every row keeps its five channel boxes on one sheet; the header row repeats.
    boxes = [text.count("□") for text in squashed]
    assert all(count % 5 == 0 for count in boxes), boxes
    assert sum(boxes) == 5 * BLANK_ROWS
    for text in squashed:
        assert in_pdf(headers[-1], text), "the header row is not repeated on every sheet"
    # Neither the form nor the site's header, navigation and footer are on paper.
    assert not in_pdf(page.locator("#log-form-title").inner_text(), whole)
    page.emulate_media(media="print")
    assert_no_site_chrome(page, whole)
    # At A4's printable width the table is no wider than the page.
    page.set_viewport_size({"width": A4_CONTENT_WIDTH_PX, "height": round(A4_POINTS[1])})
    overflow = page.evaluate("""() => {
        const table = document.querySelector(".contact-log__table");
        return table.getBoundingClientRect().right - document.documentElement.clientWidth;
    }""")
    assert overflow <= 1
