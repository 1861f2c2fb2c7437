"""What the fuzz tests (test_fuzz.py) found, pinned as plain tests."""

from __future__ import annotations

from datetime import date
from unittest import mock

import pytest
from django.utils.html import escape

from calculator.inputs import messages

TODAY = date(2026, 5, 20)

# Valid, and as large as the forms allow: 1 亿 at 1 % a day since 1990, penalty
# three times the rate. The debt is about 3 trillion yuan, and 60 months of
# installments at that rate come to more than 人民币大写 can write (10^13).
EXTREME_LOAN = {
    "principal": "100000000", "start_date": "1990-01-01", "periods": "360",
    "repayment_day": "31", "method": "equal_installment", "daily_rate": "1",
    "paid_periods": "0", "as_of": "2031-05-01", "penalty_multiplier": "3",
    "grace_days": "0", "prepayment_fee": "10",
}
EXTREME_BUDGET = {"monthly_income": "100000000", "monthly_expenses": "0", "savings": "0",
                  "term": "60"}
LETTER = {
    "option": "installments", "full_name": "张三", "phone": "138 0013 8000",
    "lender_name": "某消费金融公司", "contract_number": "C-1", "hardship": "job_loss",
}


@pytest.fixture(autouse=True)
def fixed_today():
    with mock.patch("calculator.clock.today", return_value=TODAY):
        yield


@pytest.mark.parametrize("kind", ["html", "pdf", "docx"])
def test_a_letter_too_large_for_capitals_is_refused_with_a_message(client, kind):
    # Was a 500: rmb_upper raised ValueError on the installments' total.
    response = client.post(
        "/en/calculator/letter/", {**EXTREME_LOAN, **EXTREME_BUDGET, **LETTER, "format": kind}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert 'id="error-summary"' in body
    assert escape(str(messages.LETTER_AMOUNT_TOO_LARGE)) in body


def test_the_extreme_plan_itself_still_shows(client):
    response = client.get("/en/calculator/plan/", {**EXTREME_LOAN, **EXTREME_BUDGET})
    assert response.status_code == 200
    assert 'data-figure="recommended_option"' in response.content.decode()


def test_a_letter_whose_amounts_fit_is_still_written(client):
    # The same debt, asked to be deferred: one payment, under the limit.
    response = client.post(
        "/en/calculator/letter/",
        {**EXTREME_LOAN, **EXTREME_BUDGET, **LETTER, "option": "settle_now", "format": "pdf"},
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


def test_a_letter_link_with_a_bad_choice_says_what_is_wrong(client):
    # Was a 400 with no message: the start page listed no error.
    response = client.get(
        "/en/calculator/letter/",
        {"principal": "10000", "start_date": "2026-01-15", "periods": "6",
         "repayment_day": "10", "daily_rate": "0.05", "monthly_income": "4500",
         "monthly_expenses": "2800"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="error-summary"' in body
    assert str(messages.CHOICE_INVALID) in body
    # The start page has no fields to link to: the errors are plain text.
    assert 'href="#id_' not in body


def test_a_letter_link_with_a_typing_error_says_what_is_wrong(client):
    response = client.get(
        "/en/calculator/letter/", {"overdue_amount": "abc", "due_date": "2026-03-10",
                                   "daily_rate": "0.05", "monthly_income": "4500"},
    )
    assert response.status_code == 200
    assert str(messages.AMOUNT_INVALID) in response.content.decode()


def _pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_right_to_left_override_in_the_name_does_not_reverse_the_phone(client):
    # Was: "张三\u202e" printed the rest of the line, the phone included, backwards.
    data = {**EXTREME_LOAN, **EXTREME_BUDGET, **LETTER, "option": "settle_now",
            "full_name": "张三\u202e", "lender_name": "\u2067某消费金融公司\u2069", "format": "pdf"}
    response = client.post("/en/calculator/letter/", data)
    assert response.content.startswith(b"%PDF-")
    text = _pdf_text(response.content)
    assert "138 0013 8000" in text
    assert "0008 3100 831" not in text
    assert not set(text) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_a_nul_in_the_name_gets_the_fields_own_message(client):
    # Was Django's generic message, whose Chinese reads "不允许是用空字符串".
    response = client.post("/zh-hans/calculator/letter/", {
        **EXTREME_LOAN, **EXTREME_BUDGET, **LETTER, "full_name": "张\x00三", "format": "html"})
    body = response.content.decode()
    assert 'id="error-summary"' in body
    assert "看不见的控制字符" in body
    assert "空字符串" not in body
