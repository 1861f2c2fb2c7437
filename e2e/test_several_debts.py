"""Every debt at once, and the letter's Back button, in Chromium.

The spec's several-debts check (calculations.md, "Several debts"): the quick
estimate 8 000 due 2026-03-10 seen on 2026-05-01 (D = 8 312.00), income 12 000,
essentials 5 000, savings 3 000; 借呗 20 000 (40 days, 18 %), a card 30 000 (60
days, 18 %) and a mortgage of 3 000 a month paid as agreed. Disposable income
12 000 − 5 000 − 3 000 = 4 000.00, shared by what is owed (58 312.00):
借呗 1 371.93, the card 2 057.90, this debt 570.17.
"""

from __future__ import annotations

import re

import pytest

from e2e.helpers import figure, in_pdf, pdf_pages, squash
from e2e.pages import HARDSHIP, LETTER_DETAILS, url

pytestmark = pytest.mark.browser

ESTIMATE = {
    "overdue_amount": "8000",
    "due_date": "2026-03-10",
    "as_of": "2026-05-01",
    "daily_rate": "0.05",
    "penalty_multiplier": "1.5",
    "grace_days": "3",
}
BUDGET = {"monthly_income": "12000", "monthly_expenses": "5000", "savings": "3000"}
ROWS = (
    {"creditor": "蚂蚁借呗", "kind": "loan", "balance": "20000", "payment": "1800", "days": "40", "rate": "18"},
    {"creditor": "招商银行信用卡", "kind": "card", "balance": "30000", "payment": "1500", "days": "60", "rate": "18"},
    {"creditor": "建设银行房贷", "kind": "mortgage", "payment": "3000"},
)
THIS_LENDER = "某某消费金融有限公司"


def fill_plan_without_javascript(page) -> None:
    """The budget, then three debts, each row added by the "Add a debt" button."""
    for name, value in BUDGET.items():
        page.fill(f"form.plan-form [name={name}]", value)
    for number, row in enumerate(ROWS, start=1):
        page.locator("form.plan-form button[name=debts]").click()
        page.wait_for_url(re.compile(rf"debts={number}"))
        for part, value in row.items():
            field = f"form.plan-form [name=debt{number}_{part}]"
            if part == "kind":
                page.select_option(field, value)
            else:
                page.fill(field, value)
    page.locator("form.plan-form .plan-form__submit").click()
    page.wait_for_url(re.compile(r"debt3_creditor="))


def test_three_debts_on_a_phone_without_javascript_three_letters_as_pdf(open_page, tmp_path):
    page = open_page(width=360, javascript=False)
    page.goto(url("zh-hans", "calculator/plan/", ESTIMATE))
    fill_plan_without_javascript(page)

    assert figure(page, "disposable_income") == "4000.00"
    assert figure(page, "arrears_total") == "58312.00"
    assert figure(page, "this_debt_share") == "570.17"
    assert figure(page, "debt1_share") == "1371.93"
    assert figure(page, "debt2_share") == "2057.90"
    assert figure(page, "debt1_payment") == "1341.59"
    assert figure(page, "debt2_total") == "34210.63"
    # The mortgage is kept: no proposal, and its payment is in other_debt_payments.
    assert page.locator('[data-figure="debt3_share"]').count() == 0
    # Nothing on the page is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    letters = [
        (page.locator(".recommendation a.btn").get_attribute("href"), THIS_LENDER, "8,312.00"),
        (page.locator("#proposal-1 a.btn").get_attribute("href"), ROWS[0]["creditor"], "20,000.00"),
        (page.locator("#proposal-2 a.btn").get_attribute("href"), ROWS[1]["creditor"], "30,000.00"),
    ]
    statements = []
    for href, lender, owed in letters:
        page.goto(href)
        for name, value in LETTER_DETAILS.items():
            if name == "lender_name" and page.input_value("[name=lender_name]"):
                assert page.input_value("[name=lender_name]") == lender  # prefilled from the row
                continue
            page.fill(f"[name={name}]", THIS_LENDER if name == "lender_name" else value)
        page.check(f"input[name=hardship][value={HARDSHIP}]")
        with page.expect_download() as download:
            page.locator("button[name=format][value=pdf]").click()
        path = tmp_path / f"{lender}.pdf"
        download.value.save_as(path)
        pages = pdf_pages(path.read_bytes())
        text = squash("".join(pages))
        assert in_pdf(f"致{lender}", text) or in_pdf(lender, squash(pages[0]))
        assert in_pdf(owed, text)
        # The statement of debts (the second sheet on) lists every creditor.
        statement = squash("".join(pages[1:]))
        for row in ROWS:
            assert in_pdf(row["creditor"], statement)
        statements.append(statement[statement.find("负债情况说明"):statement.find("签名")])
    # The card's letter asks for 个性化分期 under Article 70.
    assert in_pdf("第七十条", text)
    # Every letter carries the same statement of debts.
    assert statements[0] == statements[1] == statements[2]


def test_back_from_change_details_shows_the_letter_again(page):
    """The letter is a POST response: Back must show it, not a browser error page."""
    page.goto(url("zh-hans", "calculator/letter/", {**ESTIMATE, **BUDGET, "option": "installments"}))
    for name, value in LETTER_DETAILS.items():
        page.fill(f"[name={name}]", value)
    page.check(f"input[name=hardship][value={HARDSHIP}]")
    with page.expect_navigation():
        page.click("button[name=format][value=html]")
    assert page.locator(".letter-sheet").first.is_visible()
    with page.expect_navigation():
        page.locator(".letter-actions button[name=edit]").click()
    assert page.input_value("#id_full_name") == LETTER_DETAILS["full_name"]
    page.go_back()
    assert page.locator(".letter-sheet").first.is_visible()
    assert LETTER_DETAILS["full_name"] in page.locator(".letter-sheet").first.inner_text()
    page.go_forward()
    assert page.input_value("#id_full_name") == LETTER_DETAILS["full_name"]


def test_from_a_plan_card_to_the_offer_page_and_back_on_a_phone_without_javascript(open_page):
    """The lender answered with its own offer: check it from the plan, then go back."""
    page = open_page(width=360, javascript=False)
    plan_url = url("zh-hans", "calculator/plan/", {**ESTIMATE, **BUDGET})
    page.goto(plan_url)
    card = page.locator(".option").filter(has=page.locator('[data-figure="installments_count"]'))
    card.locator("a[href*='/calculator/offer/']").click()
    page.wait_for_url(re.compile(r"/calculator/offer/\?"))
    # The plan carried the debt, the money available for it and the date: D = 8 312.00,
    # 12 000 − 5 000 = 7 000.00 a month, and the comparison's 12 payments.
    assert page.input_value("#id_owed") == "8312.00"
    assert page.input_value("#id_available") == "7000.00"
    assert page.input_value("#id_offer_periods") == "12"
    # The lender's reply: 12 payments with a monthly fee of 0.6 % of 8 312.00:
    # round(8 312 / 12 = 692.666…) = 692.67 + round(8 312 × 0.006 = 49.872) = 49.87,
    # so 742.54 a month; it fits 7 000.00.
    page.fill("#id_offer_fee_rate", "0.6%")
    page.locator("form.calculator-form [type=submit]").click()
    page.wait_for_url(re.compile(r"offer_fee_rate="))
    assert figure(page, "offer_affordable") == "yes"
    assert figure(page, "offer_largest_payment") == "742.54"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.go_back()
    page.go_back()
    page.wait_for_url(re.compile(r"/calculator/plan/\?"))
    assert figure(page, "recommended_option") == "installments"
