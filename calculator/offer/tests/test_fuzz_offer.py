"""Property-based tests: generated parameters against the offer page and the contact log.

The same generated values as config/tests/test_fuzz.py (random text, huge and tiny
numbers, NaN, full-width digits, impossible dates, markup, repeated parameters),
each example a valid offer with a few parameters dropped, replaced or repeated.
Whatever arrives: no server error; the offer page shows a result, an error
summary or the blank form; the contact log a sheet or a PDF, and a 400 only for
a format its buttons could not send. Run with ``.venv/bin/pytest -m fuzz``.
"""

from __future__ import annotations

from datetime import date
from unittest import mock

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from config.tests.test_fuzz import LANGUAGES, VALUES, assert_answered, examples, mutated

pytestmark = pytest.mark.fuzz

TODAY = date(2026, 5, 20)
OFFER_NAMES = ("owed", "as_of", "offer_periods", "offer_payment", "offer_fee_rate",
               "offer_down_payment", "available")
FEE_OFFER = {"owed": "12000", "offer_periods": "12", "offer_payment": "", "offer_fee_rate": "0.6",
             "offer_down_payment": "", "available": "1000", "as_of": "2026-05-20"}
PAYMENT_OFFER = {**FEE_OFFER, "offer_periods": "24", "offer_payment": "600", "offer_fee_rate": "",
                 "offer_down_payment": "首付10%", "available": ""}
LOG = {"lender": "某某消费金融有限公司", "owed": "12000"}


@pytest.fixture(scope="module")
def fuzz_client():
    with mock.patch("calculator.clock.today", return_value=TODAY):
        yield Client()


@examples(400)
@given(
    language=st.sampled_from(LANGUAGES),
    params=st.sampled_from((FEE_OFFER, PAYMENT_OFFER, {})).flatmap(
        lambda base: mutated(base, OFFER_NAMES)),
)
def test_the_offer_page_answers_anything(fuzz_client, language, params):
    response = fuzz_client.get(f"/{language}/calculator/offer/", params)
    body = assert_answered(response)
    assert response.status_code == 200
    sent = "offer_payment" in params or "offer_fee_rate" in params
    if sent:
        assert 'data-figure="offer_apr"' in body or 'id="error-summary"' in body, body[:2000]


@examples(150)
@given(
    language=st.sampled_from(LANGUAGES),
    params=st.sampled_from((LOG, {}, {**LOG, "format": "pdf"})).flatmap(
        lambda base: mutated(base, ("lender", "owed", "format"))),
    format_value=st.one_of(st.just(None), st.sampled_from(("html", "pdf")), VALUES),
)
def test_the_contact_log_answers_anything(fuzz_client, language, params, format_value):
    if format_value is not None and "format" not in params:
        params = {**params, "format": [format_value]}
    response = fuzz_client.get(f"/{language}/calculator/contact-log/", params)
    if response["Content-Type"] == "application/pdf":
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF-")
        return
    body = assert_answered(response)
    assert 'class="contact-log__table"' in body
