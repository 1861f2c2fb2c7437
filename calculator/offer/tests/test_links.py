"""Links into the offer page and the contact log, as the plan page will build them."""

from datetime import date
from decimal import Decimal

import pytest

from calculator import clock
from calculator.offer.links import contact_log_query, offer_query
from calculator.tests._pages import TODAY, figures, tree


@pytest.fixture(autouse=True)
def today_is_may_20(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def input_value(response, name: str) -> str | None:
    values = tree(response).xpath(f'//input[@name="{name}"]/@value')
    return values[0] if values else None


def test_offer_query_carries_the_debt_its_share_and_the_date():
    # calculations.md's several-debts check: this debt's D and its share.
    query = offer_query(owed=Decimal("8312"), available=Decimal("570.17"), as_of=date(2026, 5, 1))
    assert query == "owed=8312.00&available=570.17&as_of=2026-05-01"


def test_offer_query_leaves_out_an_unknown_budget_and_can_carry_a_term():
    query = offer_query(owed=Decimal("12000"), available=None, as_of=TODAY, periods=24)
    assert query == "owed=12000.00&as_of=2026-05-20&offer_periods=24"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_offer_page_opens_from_the_link_filled_in_and_without_errors(client, language):
    query = offer_query(owed=Decimal("8312"), available=Decimal("570.17"), as_of=date(2026, 5, 1),
                        periods=12)
    response = client.get(f"/{language}/calculator/offer/?{query}")
    assert response.status_code == 200
    assert not tree(response).xpath('//*[@id="error-summary"]')
    assert figures(response) == {}  # the lender's terms are still to be typed
    assert input_value(response, "owed") == "8312.00"
    assert input_value(response, "available") == "570.17"
    assert input_value(response, "as_of") == "2026-05-01"
    assert input_value(response, "offer_periods") == "12"
    assert input_value(response, "offer_fee_rate") is None


def test_contact_log_query_carries_the_lender_and_the_debt():
    assert contact_log_query(lender=" 招商银行信用卡中心 ", owed=Decimal("6000")) == (
        "lender=%E6%8B%9B%E5%95%86%E9%93%B6%E8%A1%8C%E4%BF%A1%E7%94%A8%E5%8D%A1%E4%B8%AD%E5%BF%83"
        "&owed=6000.00")
    assert contact_log_query() == ""
    assert contact_log_query(lender="A&B=C") == "lender=A%26B%3DC"


def test_the_contact_log_opens_from_its_link_filled_in(client):
    response = client.get(f"/zh-hans/calculator/contact-log/?{contact_log_query(lender='A&B', owed=Decimal('6000'))}")
    assert response.status_code == 200
    cells = [" ".join(td.text_content().split()) for td in tree(response).xpath(
        '//table[contains(@class, "contact-log__details")]//td')]
    assert cells[:2] == ["A&B", "¥6,000.00"]
