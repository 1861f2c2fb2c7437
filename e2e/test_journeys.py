"""The three journeys end to end in Chromium, as a person does them.

1. Read guidance: an article in each language, switching language on the page,
   and search.
2. Calculate arrears: the quick estimate typed Chinese-style, and the loan
   calculator from the Xiaomi preset.
3. Plan → letter → print preview → downloads (PDF, DOCX, .ics), each opened.
"""

from __future__ import annotations

import re

import pytest
from docx import Document
from icalendar import Calendar

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

LETTER_TITLE = "协商还款申请书"
CJK = re.compile(r"[\u4e00-\u9fff]")


def html_lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


def test_styles_and_script_load_from_the_live_server(page):
    """live_server serves /static/ (WhiteNoise with finders in test settings)."""
    page.goto(url("zh-hans", "calculator/arrears/", QUICK))
    sheets = page.evaluate(
        "[...document.styleSheets].map(s => [new URL(s.href).pathname, s.cssRules.length])")
    assert [path for path, _rules in sheets] == [
        "/static/vendor/bootstrap/bootstrap.min.css", "/static/css/site.css"]
    assert all(rules > 0 for _path, rules in sheets)
    assert page.evaluate(
        "getComputedStyle(document.querySelector('.site-nav')).backgroundColor"
    ) == "rgb(238, 244, 251)"  # --site-soft
    # site.js ran: it shows the print button, hidden for browsers without scripts.
    assert page.locator(".next-steps [data-print]").is_visible()


def test_read_an_article_in_each_language_and_switch_language(page):
    page.goto(url("zh-hans", ""))
    page.locator(".site-nav a").first.click()  # Guidance
    assert page.url.endswith("/zh-hans/guidance/")
    page.locator(".topic-list a[href$='/guidance/consequences/']").click()
    assert page.url.endswith("/zh-hans/guidance/consequences/")
    assert html_lang(page) == "zh-Hans"
    assert page.locator("h1").inner_text() == "逾期的后果"
    assert page.locator(".article__reviewed").is_visible()
    assert page.locator(".article__sources li").count() >= 1
    assert page.locator(".timeline .timeline__step").count() >= 3

    # The switcher keeps the page: the same article, in English.
    page.locator(".site-languages a[hreflang='en']").click()
    assert page.url.endswith("/en/guidance/consequences/")
    assert html_lang(page) == "en"
    assert page.locator("h1").inner_text() == "Consequences of falling behind"
    assert not CJK.search(page.locator(".article__summary").inner_text())
    # ... in traditional characters ...
    page.locator(".site-languages a[hreflang='zh-Hant']").click()
    assert page.url.endswith("/zh-hant/guidance/consequences/")
    assert html_lang(page) == "zh-Hant"
    assert page.locator("h1").inner_text() == "逾期的後果"
    assert page.locator(".site-languages [aria-current='true']").inner_text() == "繁體中文"
    # ... and back.
    page.locator(".site-languages a[hreflang='zh-Hans']").click()
    assert page.url.endswith("/zh-hans/guidance/consequences/")
    assert page.locator("h1").inner_text() == "逾期的后果"

    # On to the related calculator.
    page.locator(".related-calculator a.btn").click()
    assert "/zh-hans/calculator/" in page.url


def test_language_switch_keeps_a_result(page):
    page.goto(url("zh-hans", "calculator/arrears/", QUICK))
    assert figure(page, "total_due") == QUICK_TOTAL_DUE
    page.locator(".site-languages a[hreflang='en']").click()
    assert "/en/calculator/arrears/" in page.url
    assert figure(page, "total_due") == QUICK_TOTAL_DUE


@pytest.mark.parametrize(("language", "word"), [("zh-hans", "罚息"), ("zh-hant", "罰息"), ("en", "penalty")])
def test_search_marks_what_it_found(page, language, word):
    page.goto(url(language, ""))
    page.locator(".site-nav a[href$='/search/']").click()
    page.locator("#search-q").fill(word)
    page.locator("#search-q").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    results = page.locator(".search-results > li")
    assert results.count() >= 1
    marks = page.locator(".search-results mark")
    assert marks.count() >= 1
    assert marks.first.is_visible()
    assert all(word.lower() in text.lower() for text in marks.all_inner_texts())
    # A result leads to its article.
    results.first.locator("a").click()
    assert "/guidance/" in page.url


def test_quick_estimate_typed_chinese_style(page):
    page.goto(url("zh-hans", "calculator/arrears/"))
    page.fill("#id_overdue_amount", "1.2万")
    page.fill("#id_due_date", "2026年3月10日")
    page.fill("#id_as_of", "2026-05-20")
    page.fill("#id_daily_rate", "0.05")
    page.locator("form.calculator-form [type=submit]").click()
    page.wait_for_url(re.compile(r"overdue_amount="))
    assert figure(page, "total_due") == QUICK_TOTAL_DUE
    assert figure(page, "days_overdue") == "71"
    assert figure(page, "penalty_interest") == "639.00"
    # The one number comes before everything else in the result.
    headline = page.locator(".headline__amount [data-figure='total_due']")
    assert headline.is_visible()
    assert "12,639.00" in headline.inner_text()
    # What comes next: the chart, the dated timeline and the way on to a plan.
    assert page.locator(".growth__chart").is_visible()
    assert page.locator(".result .timeline .timeline__step").count() >= 1
    assert page.locator(".next-steps a.btn").is_visible()


def test_loan_calculator_from_the_xiaomi_preset(page):
    page.goto(url("zh-hans", "calculator/loan/"))
    page.locator(".presets a[href$='preset=xiaomi']").click()
    page.wait_for_url(re.compile(r"preset=xiaomi"))
    assert page.locator(".presets a[aria-current='true']").get_attribute("href").endswith("xiaomi")
    # The preset filled the contract's terms.
    assert page.input_value("#id_daily_rate") == "0.05"
    assert page.input_value("#id_periods") == "6"
    assert page.input_value("#id_repayment_day") == "10"
    page.fill("#id_principal", "10000")
    page.fill("#id_start_date", "2026-01-15")
    page.fill("#id_paid_periods", "2")
    page.fill("#id_as_of", "2026-05-20")
    page.fill("#id_prepayment_fee", "3")
    page.locator("form.calculator-form [type=submit]").click()
    page.wait_for_url(re.compile(r"principal="))
    assert figure(page, "payoff_amount") == LOAN_PAYOFF
    assert page.locator("table.schedule tbody tr").count() == 6
    assert page.locator("table.schedule .schedule__row--overdue").count() >= 1


def test_plan_letter_print_preview_and_downloads(page, tmp_path):
    # From the quick result, "制定协商方案" carries the figures into the plan.
    page.goto(url("zh-hans", "calculator/arrears/", QUICK))
    page.locator(".next-steps a.btn").click()
    page.wait_for_url(re.compile(r"/calculator/plan/\?"))
    assert figure(page, "outstanding_total") == QUICK_TOTAL_DUE
    # The form shows what a person needs first; a debt row comes on request.
    assert page.locator("form.plan-form [name=debt1_creditor]").count() == 0
    for name, value in BUDGET.items():
        if not name.startswith("debt"):
            page.fill(f"form.plan-form [name={name}]", value)
    page.locator("form.plan-form button[name=debts]").click()
    page.wait_for_url(re.compile(r"debts=1"))
    for name, value in BUDGET.items():
        if name.startswith("debt"):
            page.fill(f"form.plan-form [name={name}]", value)
    page.locator("form.plan-form .plan-form__submit").click()
    page.wait_for_url(re.compile(r"monthly_income="))
    assert figure(page, "recommended_option") == OPTION
    payments = int(figure(page, f"{OPTION}_count"))
    assert payments == 12
    monthly = figure(page, f"{OPTION}_payment")

    # The chosen option's letter.
    card = page.locator(".option").filter(has=page.locator(f'[data-figure="{OPTION}_count"]'))
    card.locator("a.btn").click()
    page.wait_for_url(re.compile(r"/calculator/letter/\?"))
    assert page.input_value("#id_option") == OPTION
    fill_letter_form(page)
    submit_letter(page)
    sheet = page.locator(".letter-sheet").first
    assert LETTER_TITLE in sheet.inner_text()
    assert LETTER_DETAILS["full_name"] in sheet.inner_text()
    assert "2026年5月20日" in sheet.inner_text()  # dated today (conftest.TODAY)
    assert page.locator(".letter__table tbody tr").count() >= payments

    # Print preview: the letter page as Chromium prints it.
    pdf = pdf_pages(page.pdf(format="A4"))
    assert len(pdf) >= 1
    text = squash("".join(pdf))
    assert in_pdf(LETTER_DETAILS["full_name"], text)
    assert in_pdf(LETTER_TITLE, text)
    assert in_pdf(f"{float(monthly):,.2f}", text)

    # Downloads: the server's PDF and DOCX, and the calendar.
    with page.expect_download() as pdf_download:
        page.locator(".letter-actions button[value=pdf]").click()
    pdf_file = tmp_path / "letter.pdf"
    pdf_download.value.save_as(pdf_file)
    assert pdf_download.value.suggested_filename.endswith(".pdf")
    server_pdf = pdf_pages(pdf_file.read_bytes())
    assert len(server_pdf) >= 1
    server_text = squash("".join(server_pdf))
    assert in_pdf(LETTER_DETAILS["full_name"], server_text)
    assert in_pdf(LETTER_TITLE, server_text)

    with page.expect_download() as docx_download:
        page.locator(".letter-actions button[value=docx]").click()
    assert docx_download.value.suggested_filename.endswith(".docx")
    docx_file = tmp_path / "letter.docx"
    docx_download.value.save_as(docx_file)
    document = Document(str(docx_file))
    docx_text = "\n".join(p.text for p in document.paragraphs)
    docx_text += "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert LETTER_DETAILS["full_name"] in docx_text
    assert LETTER_TITLE in docx_text
    assert LETTER_DETAILS["contract_number"] in docx_text

    with page.expect_download() as ics_download:
        page.locator(".letter-actions a[href*='plan.ics']").click()
    assert ics_download.value.suggested_filename.endswith(".ics")
    ics_file = tmp_path / "plan.ics"
    ics_download.value.save_as(ics_file)
    calendar = Calendar.from_ical(ics_file.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == payments
    assert all(event.walk("VALARM") for event in events), "every payment has a reminder"


def test_ics_from_the_plan_card(page, tmp_path):
    page.goto(url("en", "calculator/plan/", {**QUICK, **BUDGET}))
    card = page.locator(".option").filter(has=page.locator('[data-figure="deferral_count"]'))
    count = int(card.locator('[data-figure="deferral_count"]').get_attribute("data-value"))
    with page.expect_download() as download:
        card.locator("a.option__ics").click()
    path = tmp_path / "deferral.ics"
    download.value.save_as(path)
    events = list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    assert len(events) == count == 1
