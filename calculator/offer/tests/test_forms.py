"""The offer form: what lenders write, read into the engine's ``Offer``, or a message
beside the field. Today is 2026-05-20."""

from datetime import date
from decimal import Decimal

import pytest
from django.http import QueryDict

from calculator.engine.offer import Offer
from calculator.inputs import messages
from calculator.offer.forms import OfferForm, offer_form_for

TODAY = date(2026, 5, 20)
SPEC_FEE_OFFER = {"owed": "12000", "offer_periods": "12", "offer_payment": "",
                  "offer_fee_rate": "0.6", "available": "1000", "as_of": "2026-05-20"}


def form(**params) -> OfferForm:
    return OfferForm({**SPEC_FEE_OFFER, **params}, today=TODAY)


def errors(bound: OfferForm, name: str) -> list:
    """The message constants of ``name``'s errors (compare with ``messages.X``)."""
    return [error.message for error in bound.errors.as_data().get(name, [])]


def test_the_spec_offer_becomes_the_engines_offer():
    bound = form()
    assert bound.is_valid(), bound.errors
    assert bound.offer() == Offer(owed=Decimal("12000.00"), as_of=TODAY, periods=12,
                                  fee_rate_percent=Decimal("0.6"))
    assert bound.available_money() == Decimal("1000.00")


def test_the_offer_as_a_lender_writes_it():
    # 1.2万 = 12 000; ２４ in full-width digits; 每期手续费0.6%; 首付10% of 12 000 = 1 200.
    bound = form(owed="1.2万", offer_periods="２４", offer_fee_rate="每期手续费0.6%",
                 offer_down_payment="首付10%")
    assert bound.is_valid(), bound.errors
    offer = bound.offer()
    assert (offer.owed, offer.periods, offer.fee_rate_percent, offer.down_payment) == (
        Decimal("12000.00"), 24, Decimal("0.6"), Decimal("1200.00"))


def test_a_share_of_the_debt_is_rounded_once_to_the_fen():
    # 12.5 % of 8 312.34 = 1 039.0425 → 1 039.04.
    bound = form(owed="8312.34", offer_down_payment="12.5%")
    assert bound.is_valid(), bound.errors
    assert bound.offer().down_payment == Decimal("1039.04")


def test_a_payment_offer():
    bound = form(offer_fee_rate="", offer_payment="600", offer_periods="24",
                 offer_down_payment="1200")
    assert bound.is_valid(), bound.errors
    assert bound.offer() == Offer(owed=Decimal("12000.00"), as_of=TODAY, periods=24,
                                  payment=Decimal("600.00"), down_payment=Decimal("1200.00"))


def test_empty_date_is_today_and_empty_budget_is_unknown():
    bound = form(as_of="", available="")
    assert bound.is_valid(), bound.errors
    assert bound.offer().as_of == TODAY
    assert bound.available_money() is None


def test_nothing_left_is_a_budget_of_zero():
    bound = form(available="0")
    assert bound.is_valid(), bound.errors
    assert bound.available_money() == Decimal("0.00")


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"offer_fee_rate": ""}, "offer_payment", messages.OFFER_TERMS_MISSING),
        ({"offer_payment": "600"}, "offer_fee_rate", messages.OFFER_TERMS_BOTH),
        ({"offer_periods": "0"}, "offer_periods", messages.OFFER_PERIODS_RANGE),
        ({"offer_periods": "61"}, "offer_periods", messages.OFFER_PERIODS_RANGE),
        ({"offer_periods": ""}, "offer_periods", messages.REQUIRED),
        ({"offer_fee_rate": "-0.6"}, "offer_fee_rate", messages.FEE_RATE_NEGATIVE),
        ({"offer_fee_rate": "年化13%"}, "offer_fee_rate", messages.FEE_RATE_NOT_MONTHLY),
        ({"offer_fee_rate": "月利率0.6%"}, "offer_fee_rate", messages.FEE_RATE_IS_INTEREST),
        ({"offer_fee_rate": "11"}, "offer_fee_rate", messages.FEE_RATE_TOO_HIGH),
        ({"offer_down_payment": "12000"}, "offer_down_payment", messages.DOWN_PAYMENT_TOO_LARGE),
        ({"offer_down_payment": "12000.01"}, "offer_down_payment", messages.DOWN_PAYMENT_TOO_LARGE),
        ({"offer_down_payment": "100%"}, "offer_down_payment", messages.SHARE_TOO_LARGE),
        ({"offer_down_payment": "lots"}, "offer_down_payment", messages.AMOUNT_OR_SHARE_INVALID),
        ({"owed": ""}, "owed", messages.REQUIRED),
        ({"owed": "0"}, "owed", messages.AMOUNT_TOO_SMALL),
        ({"available": "-1"}, "available", messages.AMOUNT_INVALID),
        ({"as_of": "2031-05-21"}, "as_of", messages.AS_OF_TOO_LATE),
        # 12 000 over 12 months at the 10 % cap: 1 000 + 1 200 = 2 200 a month at most.
        ({"offer_fee_rate": "", "offer_payment": "2200.01"}, "offer_payment",
         messages.OFFER_PAYMENT_TOO_HIGH),
    ],
)
def test_bad_input_gets_its_message_beside_its_field(params, field, message):
    bound = form(**params)
    assert not bound.is_valid()
    assert errors(bound, field) == [message]
    # Only that field is wrong.
    assert set(bound.errors) == {field}


def test_a_down_payment_as_large_as_the_debt_names_the_debt():
    bound = form(offer_down_payment="12000")
    bound.is_valid()
    assert bound.errors.as_data()["offer_down_payment"][0].params == {"owed": Decimal("12000.00")}


def test_a_link_from_the_plan_opens_the_form_filled_in_without_errors():
    # offer_query's parameters: the debt, the money available, the date, a term.
    params = QueryDict("owed=8312.00&available=570.17&as_of=2026-05-01&offer_periods=12")
    opened = offer_form_for(params, today=TODAY)
    assert not opened.is_bound
    assert opened.initial == {"owed": "8312.00", "available": "570.17", "as_of": "2026-05-01",
                              "offer_periods": "12"}


def test_without_a_date_the_blank_form_starts_today():
    assert offer_form_for(QueryDict(""), today=TODAY).initial == {"as_of": "2026-05-20"}


def test_a_sent_form_is_bound_even_when_its_terms_are_empty():
    sent = offer_form_for(QueryDict("owed=12000&offer_periods=12&offer_payment=&offer_fee_rate="),
                          today=TODAY)
    assert sent.is_bound
    assert errors(sent, "offer_payment") == [messages.OFFER_TERMS_MISSING]


def test_a_payment_at_the_cap_is_an_offer_and_above_it_names_the_cap():
    assert form(offer_fee_rate="", offer_payment="2200").is_valid()
    # With 1 200 down: 10 800 / 12 = 900 + 1 080 = 1 980 at most.
    bound = form(offer_fee_rate="", offer_payment="1980.01", offer_down_payment="1200")
    assert not bound.is_valid()
    assert bound.errors.as_data()["offer_payment"][0].params == {"maximum": Decimal("1980.00")}
