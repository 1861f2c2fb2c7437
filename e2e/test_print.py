"""On paper: the article, a loan result and the letter printed by Chromium to A4.

``page.pdf`` prints with the print stylesheet, as "Print" in the browser does.
The PDF's text shows what reached the paper: no navigation or footer, every row
of every table, each table row whole on one page.
"""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from e2e.helpers import figure, in_pdf, pdf_pages, squash
from e2e.pages import LETTER_DETAILS, visit

pytestmark = pytest.mark.browser

A4_POINTS = (595.28, 841.89)  # 210 × 297 mm


def print_to_pdf(page) -> list[str]:
    """Print ``page`` to A4 and return each sheet's text."""
    data = page.pdf(format="A4")
    reader = PdfReader(BytesIO(data))
    for sheet in reader.pages:
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2, (
            f"not A4: {width}×{height} pt")
    return pdf_pages(data)


def chrome_texts(page) -> dict[str, str]:
    """The site's header, navigation and footer text, which paper must not show."""
    texts = {
        "skip link": page.locator(".skip-link").text_content(),
        "brand": page.locator(".site-brand").inner_text(),
        "navigation": page.locator(".site-nav").inner_text(),
        "languages": page.locator(".site-languages").inner_text(),
    }
    for number, paragraph in enumerate(page.locator(".site-footer p").all_inner_texts()):
        texts[f"footer {number + 1}"] = paragraph
    return texts


def assert_no_site_chrome(page, text: str) -> None:
    for what, words in chrome_texts(page).items():
        assert not in_pdf(words, text), f"the {what} ({words!r}) is printed"
    hidden = page.evaluate("""() => {
        return [".site-header", ".site-nav", ".site-footer"].map(s =>
            getComputedStyle(document.querySelector(s)).display);
    }""")
    assert hidden == ["none"] * 3


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_article_prints_cleanly(page, language):
    visit(page, "article_consequences", language)
    heading = page.locator("h1").inner_text()
    sources = page.locator(".article__sources li").all_inner_texts()
    pages = print_to_pdf(page)
    page.emulate_media(media="print")
    text = squash("".join(pages))
    assert in_pdf(heading, text)
    for event in page.locator(".timeline__title").all_inner_texts():
        assert in_pdf(event, text), f"timeline step {event!r} missing on paper"
    assert in_pdf(sources[-1], text), "the sources are printed"
    assert_no_site_chrome(page, text)
    assert not page.locator(".related-calculator").is_visible()


def test_loan_result_prints_every_installment(page):
    visit(page, "loan_result", "zh-hans")
    payoff = figure(page, "payoff_amount")
    # The schedule and the chart's table are folded on screen (<details>), so read
    # their text from the document: a closed <details> has no rendered text.
    rows = page.locator("table.schedule tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))")
    chart_rows = page.locator(".growth table tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))")
    assert page.locator("details.fold:not([open])").count() == 2, "both tables start folded"
    form_legend = page.locator("form.calculator-form legend").first.inner_text()
    pages = print_to_pdf(page)
    page.emulate_media(media="print")
    text = squash("".join(pages))
    assert in_pdf(f"{float(payoff):,.2f}", text)
    # calculations.md's loan: interest 130, 140, 155, 150, 155, then 10 150 with the principal.
    assert [cells[4] for cells in rows] == [
        "¥130.00", "¥140.00", "¥155.00", "¥150.00", "¥155.00", "¥10,150.00"]
    for cells in rows:
        assert in_pdf("".join(cells), text), f"installment {cells} missing on paper"
    assert len(chart_rows) == 14
    for cells in chart_rows:
        assert in_pdf("".join(cells), text), f"chart row {cells} missing on paper"
    assert not in_pdf(form_legend, text), "the calculator form is printed"
    assert not in_pdf(page.locator(".next-steps h3").text_content(), text), "buttons are printed"
    assert_no_site_chrome(page, text)


# From /zh-hant/ too: the letter to the lender is the Simplified Chinese one.
@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_letter_fits_its_pages_without_clipped_rows(page, language):
    visit(page, "letter", language)
    # The Chinese letter, for the lender: the last .letter-document on the page.
    document = page.locator(".letter-document").last
    sheets = document.locator(".letter-sheet")
    titles = [sheets.nth(n).locator(".letter__title").inner_text() for n in range(sheets.count())]
    rows = document.locator(".letter__table tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.innerText))")
    actions = page.locator(".letter-actions h1").inner_text()
    pages = print_to_pdf(page)
    page.emulate_media(media="print")
    squashed = [squash(text) for text in pages]
    whole = "".join(squashed)

    assert len(pages) >= len(titles) >= 2
    assert in_pdf(LETTER_DETAILS["full_name"], whole)
    # The letter to the lender is in Simplified Chinese whatever the page's language.
    assert document.get_attribute("lang") == "zh-Hans"
    assert titles[0] == "协商还款申请书" and in_pdf(titles[0], whole)
    # Each sheet (letter, checklist, statement of debts) starts a page, in order.
    first_pages = []
    for title in titles:
        found = [n for n, text in enumerate(squashed) if in_pdf(title, text[: len(squash(title)) + 2])]
        assert found, f"sheet {title!r} does not start a printed page"
        first_pages.append(found[0])
    assert first_pages == sorted(set(first_pages)), f"sheets out of order: {first_pages}"
    # Every row of every table is printed whole, on one page: each cell is on the
    # page, and the row's cells sit together in the page's text.
    assert len(rows) >= 12
    for cells in rows:
        assert any(in_pdf("".join(cells), text) for text in squashed), (
            f"row {cells} is split between pages or clipped")
    assert not in_pdf(actions, whole), "the page's buttons and notes are printed"
    if language == "en":
        english_title = page.locator(".letter-english .letter__title").first.inner_text()
        assert not in_pdf(english_title, whole), "the English rendering is printed"
    assert_no_site_chrome(page, whole)
