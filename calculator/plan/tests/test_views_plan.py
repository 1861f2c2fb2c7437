"""The negotiation plan page (/calculator/plan/): the figures equal draft_plan's.

The arrears come from the spec's loan (outstanding 10 360.78, payoff 10 660.78)
or from the quick estimate (total due 12 639.00); today is 2026-05-20.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from calculator import clock
from calculator.engine.plan import Budget, OptionKey, draft_plan
from calculator.inputs import messages
from calculator.tests._pages import (
    LANGUAGES,
    TODAY,
    error_links,
    figures,
    query_of,
    texts,
    tree,
)
from calculator.tests.loans import QUICK, SPEC_LOAN, XIAOMI_RATE

PLAN_URL = "/{language}/calculator/plan/"
# 8000 − (2000 + 1500) = 4500 left each month; 500 in savings.
BUDGET = {"monthly_income": "8000", "expense_housing": "2000", "expense_food": "1500", "savings": "500"}


@pytest.fixture(autouse=True)
def today_is_may_20(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def get_plan(client, params, language="zh-hans"):
    return client.get(PLAN_URL.format(language=language), params)


def plain(value) -> str:
    return format(value.quantize(Decimal("0.01")), "f") if isinstance(value, Decimal) else str(value)


def engine_plan(debt: str, payoff: str, budget: Budget, **choices):
    return draft_plan(
        debt=Decimal(debt), payoff_amount=Decimal(payoff), rate=XIAOMI_RATE, as_of=TODAY,
        budget=budget, **choices,
    )


def option_figures(plan) -> dict[str, str]:
    """Each option's four figures, as the page must mark them."""
    shown = {}
    for option in plan.options:
        key = option.key.value
        shown[f"{key}_payment"] = plain(option.first_payment)
        shown[f"{key}_total"] = plain(option.total)
        shown[f"{key}_count"] = str(option.count)
        shown[f"{key}_cost"] = plain(option.cost)
    return shown


def budget(income="8000", expenses="3500", debts="0", savings="500") -> Budget:
    return Budget(
        monthly_income=Decimal(income), monthly_expenses=Decimal(expenses),
        other_debt_payments=Decimal(debts), savings=Decimal(savings),
    )


# --- the figures ----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_plan_from_the_loan_shows_every_option_as_the_engine_drafts_it(client, language):
    response = get_plan(client, {**SPEC_LOAN, **BUDGET}, language)
    assert response.status_code == 200
    shown = figures(response)
    assert shown["outstanding_total"] == "10360.78"
    assert shown["payoff_amount"] == "10660.78"  # D + the 3 % fee on 10 000
    assert shown["disposable_income"] == "4500.00"

    plan = engine_plan("10360.78", "10660.78", budget())
    expected = option_figures(plan)
    assert len(expected) == 4 * len(OptionKey)
    assert {name: shown.get(name) for name in expected} == expected
    # Savings of 500 do not cover 10 660.78; half of 4 500 is 2 250, and 6 months
    # at 1.5 % a month is the shortest buffer term whose payment fits (3 months
    # would be about 3 557 a month).
    assert shown["recommended_option"] == plan.recommendation.key == "installments"
    assert shown["recommended_term"] == str(plan.recommendation.term) == "6"


def test_plan_figures_check_by_hand(client):
    shown = figures(get_plan(client, {**SPEC_LOAN, **BUDGET}))
    # Settle now: the payoff, 10 360.78 + 300.00 fee.
    assert shown["settle_now_payment"] == shown["settle_now_total"] == "10660.78"
    assert shown["settle_now_cost"] == "300.00"
    # Interest-free deferral: D in one payment, nothing more.
    assert shown["interest_free_deferral_total"] == "10360.78"
    # Interest-free over 12 months: round(10 360.78 / 12) = 863.40; the total is D.
    assert shown["interest_free_payment"] == "863.40"
    assert shown["interest_free_total"] == "10360.78"
    # Interest first: round(10 360.78 × 0.015) = 155.41 a month.
    assert shown["interest_first_payment"] == "155.41"
    # Deferral: one month, 05-20 → 06-20 = 31 days at 0.05 %:
    # 10 360.78 × 0.0005 × 31 = 160.59, so 10 521.37.
    assert shown["deferral_payment"] == "10521.37"


def test_plan_from_the_quick_estimate_starts_from_the_total_due(client):
    response = get_plan(client, {**QUICK, **BUDGET})
    shown = figures(response)
    # 12 000 + 12 000 × 0.00075 × 71 = 12 639.00; no fee, so no separate payoff.
    assert shown["outstanding_total"] == "12639.00"
    assert "payoff_amount" not in shown
    plan = engine_plan("12639.00", "12639.00", budget())
    expected = option_figures(plan)
    assert {name: shown.get(name) for name in expected} == expected
    assert shown["recommended_option"] == plan.recommendation.key
    assert shown["recommended_term"] == str(plan.recommendation.term)


def test_term_deferral_and_reduced_rate_choices_are_used(client):
    params = {**SPEC_LOAN, **BUDGET, "term": "24", "defer_months": "3", "reduced_annual_rate": "10"}
    shown = figures(get_plan(client, params))
    plan = engine_plan("10360.78", "10660.78", budget(), term=24, defer_months=3,
                       reduced_annual_rate=Decimal("10"))
    expected = option_figures(plan)
    assert {name: shown.get(name) for name in expected} == expected
    assert shown["installments_count"] == "24"
    assert shown["deferral_count"] == "1"


def test_default_reduced_rate_is_two_thirds_of_the_contract_rate(client):
    shown = figures(get_plan(client, {**SPEC_LOAN, **BUDGET}))
    # 18 % × 2/3 = 12 %: the same as asking for 12 explicitly.
    asked = figures(get_plan(client, {**SPEC_LOAN, **BUDGET, "reduced_annual_rate": "12"}))
    assert shown["reduced_rate_payment"] == asked["reduced_rate_payment"]
    assert shown["reduced_rate_total"] == asked["reduced_rate_total"]


def test_expense_categories_add_up(client):
    params = {**SPEC_LOAN, "monthly_income": "8000", "expense_housing": "2000",
              "expense_food": "1,500", "expense_transport": "300.50"}
    # 8000 − (2000 + 1500 + 300.50) = 4199.50.
    assert figures(get_plan(client, params))["disposable_income"] == "4199.50"


def test_listed_debts_sum_into_other_debt_payments(client):
    params = {**SPEC_LOAN, **BUDGET,
              "debt1_creditor": "花呗", "debt1_balance": "5000", "debt1_payment": "300",
              "debt2_creditor": "信用卡", "debt2_payment": "450.25"}
    response = get_plan(client, params)
    # 8000 − 3500 − (300 + 450.25) = 3749.75.
    shown = figures(response)
    assert shown["disposable_income"] == "3749.75"
    plan = engine_plan("10360.78", "10660.78", budget(debts="750.25"))
    assert shown["recommended_option"] == plan.recommendation.key
    assert shown["recommended_term"] == str(plan.recommendation.term)
    # The rows come back filled in, with one more empty row to add a debt.
    page = tree(response)
    assert page.xpath('//input[@name="debt1_creditor"]/@value') == ["花呗"]
    assert page.xpath('//input[@name="debt2_payment"]/@value') == ["450.25"]
    assert page.xpath('//input[@name="debt4_creditor"]')
    assert not page.xpath('//input[@name="debt5_creditor"]')


def test_nothing_affordable_says_so_and_points_to_free_help(client):
    # 3000 in, 3000 out: nothing left each month and no savings.
    params = {**SPEC_LOAN, "monthly_income": "3000", "monthly_expenses": "3000"}
    response = get_plan(client, params)
    assert response.status_code == 200
    shown = figures(response)
    assert shown["disposable_income"] == "0.00"
    assert shown["recommended_option"] == "none"
    assert shown["recommended_term"] == "0"
    box = tree(response).xpath('//*[contains(@class, "recommendation--none")]')[0]
    assert "12348" in box.text_content()
    assert "/zh-hans/guidance/rights/#complaints" in box.xpath(".//a/@href")


def test_negative_disposable_income_is_shown_and_nothing_is_affordable(client):
    params = {**QUICK, "monthly_income": "2000", "monthly_expenses": "2500"}
    shown = figures(get_plan(client, params, "en"))
    assert shown["disposable_income"] == "-500.00"
    assert shown["recommended_option"] == "none"


def test_savings_that_cover_the_payoff_recommend_settling_now(client):
    shown = figures(get_plan(client, {**SPEC_LOAN, **BUDGET, "savings": "1.1万"}))
    assert shown["recommended_option"] == "settle_now"
    assert shown["recommended_term"] == "0"


def test_recommendation_links_to_the_letter_with_its_option_and_term(client):
    response = get_plan(client, {**SPEC_LOAN, **BUDGET})
    links = tree(response).xpath('//*[contains(@class, "recommendation")]//a/@href')
    letter = [href for href in links if href.startswith("/zh-hans/calculator/letter/?")]
    assert len(letter) == 1
    assert query_of(letter[0]) == {**SPEC_LOAN, **BUDGET, "option": "installments", "term": "6"}


def test_every_option_links_to_its_letter_and_calendar(client):
    params = {**SPEC_LOAN, **BUDGET}
    page = tree(get_plan(client, params))
    cards = page.xpath('//ul[@class="options"]/li')
    assert len(cards) == len(OptionKey)
    for card, key in zip(cards, OptionKey, strict=True):
        hrefs = card.xpath(".//a/@href")
        assert [query_of(href) for href in hrefs] == [{**params, "option": key.value}] * 2
        assert hrefs[0].startswith("/zh-hans/calculator/letter/?")
        assert hrefs[1].startswith("/zh-hans/calculator/plan.ics?")


def test_arrears_are_carried_as_hidden_fields_when_valid(client):
    page = tree(get_plan(client, {**SPEC_LOAN, **BUDGET}))
    hidden = {
        element.get("name"): element.get("value")
        for element in page.xpath('//form[contains(@class, "plan-form")]//input[@type="hidden"]')
    }
    assert hidden == SPEC_LOAN


def test_plan_page_explains_how_it_calculates(client):
    assert tree(get_plan(client, {})).xpath('//section[contains(@class, "how")]//li')


# --- states and errors ---------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_plan_without_parameters_shows_the_start(client, language):
    response = get_plan(client, {}, language)
    assert response.status_code == 200
    page = tree(response)
    assert figures(response) == {}
    assert not page.xpath('//*[@id="error-summary"]')
    assert f"/{language}/calculator/loan/" in page.xpath('//*[contains(@class, "plan-start")]//a/@href')
    form = page.xpath('//form[contains(@class, "plan-form")]')[0]
    assert form.get("method") == "get"
    # Both sets of fields: the arrears (quick estimate) and the budget.
    for name in ("overdue_amount", "due_date", "monthly_income", "expense_housing", "savings", "term"):
        assert form.xpath(f'.//input[@name="{name}"]'), name


def test_arrears_without_a_budget_show_the_debt_and_ask_for_the_budget(client):
    response = get_plan(client, SPEC_LOAN)
    assert response.status_code == 200
    shown = figures(response)
    assert shown["outstanding_total"] == "10360.78"
    assert "recommended_option" not in shown
    assert not tree(response).xpath('//*[@id="error-summary"]')


def shown_error(response, name) -> str:
    return texts(response, f'//*[@id="id_{name}_error"]')[0]


@pytest.mark.parametrize(
    ("changes", "name", "message"),
    [
        ({"monthly_income": "abc"}, "monthly_income", messages.AMOUNT_INVALID),
        ({"monthly_expenses": "4000"}, "monthly_expenses", messages.EXPENSES_MISMATCH),
        ({"debt1_creditor": "花呗"}, "debt1_payment", messages.DEBT_ROW_INCOMPLETE),
        ({"reduced_annual_rate": "19"}, "reduced_annual_rate", messages.REDUCED_RATE_TOO_HIGH),
        ({"term": "61"}, "term", messages.TERM_RANGE),
        ({"defer_months": "0"}, "defer_months", messages.DEFER_MONTHS_RANGE),
        ({"savings": "-1"}, "savings", messages.AMOUNT_INVALID),
    ],
)
def test_invalid_budget_shows_the_field_errors(client, changes, name, message):
    response = get_plan(client, {**SPEC_LOAN, **BUDGET, **changes}, "en")
    assert response.status_code == 200
    assert f"#id_{name}" in error_links(response)
    with translation.override("en"):
        start = str(message).split("%")[0]  # the words before any figure filled in
    assert shown_error(response, name).startswith(start)
    shown = figures(response)
    assert shown["outstanding_total"] == "10360.78"  # the debt is still shown
    assert "recommended_option" not in shown


def test_invalid_arrears_on_the_plan_page_show_their_field_errors(client):
    response = get_plan(client, {**QUICK, "due_date": "2026-02-30", **BUDGET}, "en")
    assert response.status_code == 200
    assert error_links(response) == ["#id_due_date"]
    with translation.override("en"):
        assert shown_error(response, "due_date") == str(messages.DATE_IMPOSSIBLE)
    assert figures(response) == {}


def test_arrears_parameter_the_form_could_not_send_is_a_bad_request(client):
    response = get_plan(client, {**SPEC_LOAN, **BUDGET, "method": "bogus"})
    assert response.status_code == 400
    assert tree(response).xpath('//form[contains(@class, "plan-form")]')


@pytest.mark.parametrize(
    "params",
    [
        # Everything paid and past the last due date (07-10): nothing is owed.
        {**SPEC_LOAN, "paid_periods": "6", "as_of": "2026-08-01", **BUDGET},
        {**QUICK, "overdue_amount": "0.01", **BUDGET},
        {**QUICK, "monthly_income": "1亿", "monthly_expenses": "0", "savings": "1亿"},
        {**SPEC_LOAN, **BUDGET, "term": "60", "defer_months": "12", "reduced_annual_rate": "0"},
        {"monthly_income": "8000"},
        {"debt1_creditor": "x" * 1000},
    ],
)
def test_edge_cases_never_give_a_server_error(client, params):
    assert get_plan(client, params).status_code == 200


def test_plan_sends_referrer_policy(client):
    assert get_plan(client, {**SPEC_LOAN, **BUDGET})["Referrer-Policy"] == "same-origin"


def test_plan_is_worked_out_for_the_given_calculation_date(client):
    # The plan's payments start a month after as_of, whatever today is.
    response = get_plan(client, {**SPEC_LOAN, **BUDGET, "as_of": "2026-04-30"}, "en")
    shown = figures(response)
    plan = draft_plan(
        debt=Decimal(shown["outstanding_total"]),
        payoff_amount=Decimal(shown["payoff_amount"]),
        rate=XIAOMI_RATE, as_of=date(2026, 4, 30), budget=budget(),
    )
    assert plan.option("installments").first_date == date(2026, 5, 30)
    # 04-30 → 05-30 is 30 days of interest in the deferral, not 31 as from 05-20.
    assert shown["deferral_payment"] == plain(plan.option("deferral").first_payment)
    assert shown["outstanding_total"] != "10360.78"
