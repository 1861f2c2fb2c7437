"""The negotiation plan page (/calculator/plan/) and its calendar (/calculator/plan.ics).

Every figure the page marks equals draft_plan's. The arrears come from the spec's
loan (outstanding 10 360.78, payoff 10 660.78) or from the quick estimate (total due
12 639.00); today is 2026-05-20.
"""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils import translation
from icalendar import Calendar

from calculator import clock
from calculator.engine.arrears import PenaltyTerms
from calculator.engine.plan import (
    Budget,
    DebtKind,
    OptionKey,
    OtherDebt,
    PlanTerms,
    debt_from_estimate,
    debt_from_loan,
    draft_plan,
    kept_payments,
)
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
from calculator.tests.loans import QUICK, SEVERAL, SPEC_LOAN, TWELVE_PERCENT, XIAOMI_RATE, spec_loan

PLAN_URL = "/{language}/calculator/plan/"
ICS_URL = "/{language}/calculator/plan.ics"
# 8000 − (2000 + 1500) = 4500 left each month; 500 in savings.
BUDGET = {"monthly_income": "8000", "expense_housing": "2000", "expense_food": "1500", "savings": "500"}
SPEC_TERMS = PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=3,
                          prepayment_fee_percent=Decimal(3))


@pytest.fixture(autouse=True)
def today_is_may_20(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def fixed_clock(monkeypatch):
    # The calendar's DTSTAMP is the only clock the view reads besides today().
    monkeypatch.setattr("django.utils.timezone.now", lambda: datetime(2026, 5, 20, 4, 0, tzinfo=UTC))


def get_plan(client, params, language="zh-hans"):
    return client.get(PLAN_URL.format(language=language), params)


def plain(value) -> str:
    return format(value.quantize(Decimal("0.01")), "f") if isinstance(value, Decimal) else str(value)


def budget(income="8000", expenses="3500", debts="0", savings="500") -> Budget:
    return Budget(
        monthly_income=Decimal(income), monthly_expenses=Decimal(expenses),
        other_debt_payments=Decimal(debts), savings=Decimal(savings),
    )


def loan_plan(month: Budget, as_of: date = TODAY, **terms):
    """The spec's loan, drafted by the engine with the page's parameters typed."""
    debt = debt_from_loan(loan=spec_loan(), terms=SPEC_TERMS, paid_periods=2, as_of=as_of)
    return draft_plan(debt=debt, budget=month, terms=PlanTerms(**terms))


def quick_debt(amount="12000", due=date(2026, 3, 10), as_of=TODAY, rate=XIAOMI_RATE):
    return debt_from_estimate(
        overdue_amount=Decimal(amount), due_date=due, as_of=as_of, rate=rate,
        terms=PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=3),
    )


def option_figures(plan) -> dict[str, str]:
    """Each option's figures, as the page must mark them."""
    shown = {}
    for option in plan.options:
        key = option.key.value
        shown[f"{key}_payment"] = plain(option.first_payment)
        shown[f"{key}_total"] = plain(option.total)
        shown[f"{key}_count"] = str(option.count)
        shown[f"{key}_cost"] = plain(option.cost)
        if not option.affordable:
            shown[f"{key}_shortfall"] = plain(option.shortfall)
    return shown


def recommendation_figures(plan) -> dict[str, str]:
    rec = plan.recommendation
    shown = {"recommended_option": rec.key, "recommended_term": str(rec.term)}
    if rec.detail is not None:
        shown["recommended_payment"] = plain(rec.first_payment)
        shown["recommended_total"] = plain(rec.total)
    return shown


def shown_error(response, name) -> str:
    return texts(response, f'//*[@id="id_{name}_error"]')[0]


def cards(response):
    return tree(response).xpath('//ul[@class="options"]/li')


# --- the figures ----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_plan_from_the_loan_shows_every_option_as_the_engine_drafts_it(client, language):
    response = get_plan(client, {**SPEC_LOAN, **BUDGET}, language)
    assert response.status_code == 200
    shown = figures(response)
    assert shown["outstanding_total"] == "10360.78"
    assert shown["payoff_amount"] == "10660.78"  # D + the 3 % fee on 10 000
    assert shown["disposable_income"] == "4500.00"

    plan = loan_plan(budget())
    expected = {**option_figures(plan), **recommendation_figures(plan)}
    assert {name: shown.get(name) for name in expected} == expected
    # Savings of 500 do not cover 10 660.78; half of 4 500 is 2 250, and 6 months
    # at 1.5 % a month is the shortest buffer term whose payment fits (3 months
    # would be about 3 557 a month): 1 818.58 five times, the last 1 818.56, so
    # 5 × 1 818.58 + 1 818.56 = 10 911.46.
    assert shown["recommended_option"] == "installments"
    assert shown["recommended_term"] == "6"
    assert shown["recommended_payment"] == "1818.58"
    assert shown["recommended_total"] == "10911.46"
    # Only the debts of a list have shares; with none, no such figure.
    assert not [name for name in shown if name.endswith("_share") or name == "arrears_total"]


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
    # Interest first: round(10 360.78 × 0.015 = 155.4117) = 155.41 a month.
    assert shown["interest_first_payment"] == "155.41"
    # Deferral: one month, 05-20 → 06-20 = 31 days at 0.05 %:
    # 10 360.78 × 0.0005 × 31 = 160.59, so 10 521.37.
    assert shown["deferral_payment"] == "10521.37"
    # Installments over 12 months at 1.5 %: 949.88 a month, 11 × 949.88 + 949.82.
    assert shown["installments_payment"] == "949.88"
    assert shown["installments_total"] == "11398.50"


def test_plan_from_the_quick_estimate_starts_from_the_total_due(client):
    response = get_plan(client, {**QUICK, **BUDGET})
    shown = figures(response)
    # 12 000 + 12 000 × 0.00075 × 71 = 12 639.00; no fee, so no separate payoff.
    assert shown["outstanding_total"] == "12639.00"
    assert "payoff_amount" not in shown
    plan = draft_plan(debt=quick_debt(), budget=budget())
    expected = {**option_figures(plan), **recommendation_figures(plan)}
    assert {name: shown.get(name) for name in expected} == expected


def test_the_half_fen_cases_of_the_issue_round_up_on_the_page(client):
    # 162.00 at 7 % due today (no penalty): interest first round(162 × 7 ÷ 1 200 = 0.945)
    # = 0.95 a month, 11 × 0.95 + 162.95 = 173.40 over 12 months.
    page = {"overdue_amount": "162", "due_date": "2026-03-10", "as_of": "2026-03-10",
            "annual_rate": "7", "monthly_income": "1000", "monthly_expenses": "0"}
    shown = figures(get_plan(client, page))
    assert shown["outstanding_total"] == "162.00"
    assert shown["interest_first_payment"] == "0.95"
    assert shown["interest_first_total"] == "173.40"
    # 1 260.00 at 7 %, deferred from 05-20 to 06-20 (31 days):
    # 1 260 × 7 × 31 ÷ 36 000 = 7.595 → 7.60, so 1 267.60.
    page.update(overdue_amount="1260", due_date="2026-05-20", as_of="2026-05-20")
    assert figures(get_plan(client, page))["deferral_payment"] == "1267.60"


def test_term_deferral_and_reduced_rate_choices_are_used(client):
    params = {**SPEC_LOAN, **BUDGET, "term": "24", "defer_months": "3", "reduced_annual_rate": "10"}
    shown = figures(get_plan(client, params))
    plan = loan_plan(budget(), term=24, defer_months=3, reduced_annual_rate=Decimal("10"))
    expected = {**option_figures(plan), **recommendation_figures(plan)}
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


def test_listed_debts_paid_as_agreed_sum_into_other_debt_payments(client):
    params = {**SPEC_LOAN, **BUDGET,
              "debt1_creditor": "花呗", "debt1_balance": "5000", "debt1_payment": "300",
              "debt2_creditor": "信用卡", "debt2_kind": "card", "debt2_payment": "450.25"}
    response = get_plan(client, params)
    # 8000 − 3500 − (300 + 450.25) = 3749.75.
    shown = figures(response)
    assert shown["disposable_income"] == "3749.75"
    plan = loan_plan(budget(debts="750.25"))
    assert {name: shown.get(name) for name in recommendation_figures(plan)} == (
        recommendation_figures(plan))
    # The rows come back filled in; "Add another debt" asks for a third row.
    page = tree(response)
    assert page.xpath('//input[@name="debt1_creditor"]/@value') == ["花呗"]
    assert page.xpath('//input[@name="debt2_payment"]/@value') == ["450.25"]
    assert page.xpath('//select[@name="debt2_kind"]/option[@selected]/@value') == ["card"]
    assert not page.xpath('//input[@name="debt3_creditor"]')
    assert page.xpath('//button[@name="debts"]/@value') == ["3"]


def test_add_a_debt_shows_the_rows_asked_for_without_javascript(client):
    page = tree(get_plan(client, {**SPEC_LOAN, **BUDGET, "debts": "2"}))
    assert page.xpath('//input[@name="debt2_creditor"]')
    assert not page.xpath('//input[@name="debt3_creditor"]')
    assert page.xpath('//button[@name="debts"]/@value') == ["3"]
    full = tree(get_plan(client, {**SPEC_LOAN, **BUDGET, "debts": "10"}))
    assert full.xpath('//input[@name="debt10_creditor"]')
    assert not full.xpath('//button[@name="debts"]')


def test_with_no_row_in_arrears_the_page_shows_the_same_figures(client):
    # A kept mortgage of 3 000 a month is the same budget as typing 3 000 in the total.
    listed = figures(get_plan(client, {**SPEC_LOAN, **BUDGET, "debt1_creditor": "房贷",
                                       "debt1_kind": "mortgage", "debt1_payment": "3000"}))
    typed = figures(get_plan(client, {**SPEC_LOAN, **BUDGET, "other_debt_payments": "3000"}))
    assert listed == typed
    assert listed["disposable_income"] == "1500.00"  # 8 000 − 3 500 − 3 000


# --- one recommendation, shown first, marked in the comparison --------------------------


def test_the_recommendation_at_another_term_is_shown_first_and_marked_in_the_comparison(client):
    # Recommended: installments over 6 months; the comparison is at 12.
    response = get_plan(client, {**SPEC_LOAN, **BUDGET}, "en")
    page = tree(response)
    suggestion = page.xpath('//*[@id="suggestion"]')[0]
    assert suggestion.xpath('.//*[@data-figure="recommended_term"]/@data-value') == ["6"]
    # It comes before the comparison.
    assert page.xpath('//*[@id="suggestion"]/following::ul[@class="options"]')
    note = texts(response, '//p[contains(., "The comparison is drawn at")]')
    assert note and "12 months" in note[0] and "6 months" in note[0]
    marked = [card for card in cards(response) if card.xpath('.//*[contains(@class, "option__badge")]')]
    assert len(marked) == 1
    assert marked[0].xpath('.//*[@data-figure]/@data-figure')[0] == "installments_payment"
    assert "6 months" in marked[0].xpath('.//*[contains(@class, "option__badge--other")]')[0].text_content()
    assert not page.xpath('//li[contains(@class, "option--recommended")]')


def test_the_recommendation_at_the_comparisons_term_is_the_marked_card(client):
    response = get_plan(client, {**SPEC_LOAN, **BUDGET, "term": "6"}, "en")
    shown = figures(response)
    assert shown["recommended_payment"] == shown["installments_payment"] == "1818.58"
    assert shown["recommended_total"] == shown["installments_total"] == "10911.46"
    recommended = tree(response).xpath('//li[contains(@class, "option--recommended")]')
    assert len(recommended) == 1
    assert recommended[0].xpath('.//*[@data-figure]/@data-figure')[0] == "installments_payment"
    assert not tree(response).xpath('//*[contains(@class, "option__badge--other")]')
    assert not texts(response, '//p[contains(., "The comparison is drawn at")]')


def test_settling_now_is_recommended_and_marked_without_a_term(client):
    response = get_plan(client, {**SPEC_LOAN, **BUDGET, "savings": "1.1万"})
    shown = figures(response)
    assert (shown["recommended_option"], shown["recommended_term"]) == ("settle_now", "0")
    assert shown["recommended_payment"] == shown["recommended_total"] == "10660.78"
    recommended = tree(response).xpath('//li[contains(@class, "option--recommended")]')
    assert [card.xpath('.//*[@data-figure]/@data-figure')[0] for card in recommended] == [
        "settle_now_payment"]


def test_affordable_and_unaffordable_options_look_different_and_say_by_how_much(client):
    # 4 500 a month and 500 saved. Installments over 12 months (largest 949.88) fit;
    # settling now needs 10 660.78: 10 160.78 more than the 500 saved; interest first
    # ends with 10 360.78 + 155.41 = 10 516.19: 6 016.19 more than 4 500.
    response = get_plan(client, {**SPEC_LOAN, **BUDGET}, "en")
    shown = figures(response)
    assert shown["settle_now_shortfall"] == "10160.78"
    assert shown["interest_first_shortfall"] == "6016.19"
    assert "installments_shortfall" not in shown
    plan = loan_plan(budget())
    for card, option in zip(cards(response), plan.options, strict=True):
        classes = card.get("class").split()
        assert ("option--ok" in classes) is option.affordable, option.key
        assert ("option--no" in classes) is not option.affordable, option.key
        verdict = " ".join(card.xpath('.//*[@class="option__fit"]')[0].text_content().split())
        assert verdict.startswith("✓ Fits" if option.affordable else "✗ Does not fit"), verdict
    settle = [c for c in cards(response) if "settle_now_payment" in c.xpath(".//@data-figure")][0]
    assert "¥10,160.78 more than" in settle.text_content()


def test_nothing_affordable_says_so_and_points_to_free_help(client):
    # 3000 in, 3000 out: nothing left each month and no savings.
    params = {**SPEC_LOAN, "monthly_income": "3000", "monthly_expenses": "3000"}
    response = get_plan(client, params)
    assert response.status_code == 200
    shown = figures(response)
    assert shown["disposable_income"] == "0.00"
    assert shown["recommended_option"] == "none"
    assert shown["recommended_term"] == "0"
    assert "recommended_payment" not in shown
    box = tree(response).xpath('//*[contains(@class, "recommendation--none")]')[0]
    assert "12348" in box.text_content()
    assert "/zh-hans/guidance/rights/#complaints" in box.xpath(".//a/@href")


def test_negative_disposable_income_is_shown_and_nothing_is_affordable(client):
    params = {**QUICK, "monthly_income": "2000", "monthly_expenses": "2500"}
    shown = figures(get_plan(client, params, "en"))
    assert shown["disposable_income"] == "-500.00"
    assert shown["recommended_option"] == "none"


def test_recommendation_links_to_the_letter_with_its_option_and_term(client):
    response = get_plan(client, {**SPEC_LOAN, **BUDGET})
    links = tree(response).xpath('//*[@id="suggestion"]//a/@href')
    letter = [href for href in links if href.startswith("/zh-hans/calculator/letter/?")]
    calendar = [href for href in links if href.startswith("/zh-hans/calculator/plan.ics?")]
    assert len(letter) == len(calendar) == 1
    assert query_of(letter[0]) == {**SPEC_LOAN, **BUDGET, "option": "installments", "term": "6"}
    assert query_of(calendar[0]) == query_of(letter[0])


def test_every_option_links_to_its_letter_calendar_and_the_offer_check(client):
    params = {**SPEC_LOAN, **BUDGET}
    found = cards(get_plan(client, params))
    assert len(found) == len(OptionKey)
    for card, key in zip(found, OptionKey, strict=True):
        hrefs = card.xpath(".//a/@href")
        assert [query_of(href) for href in hrefs[:2]] == [{**params, "option": key.value}] * 2
        assert hrefs[0].startswith("/zh-hans/calculator/letter/?")
        assert hrefs[1].startswith("/zh-hans/calculator/plan.ics?")
        # The offer page gets the debt (D = 10 360.78), the money available for it
        # (8 000 − 3 500 = 4 500.00), the date, and a monthly option's payments.
        assert hrefs[2].startswith("/zh-hans/calculator/offer/?")
        expected = {"owed": "10360.78", "available": "4500.00", "as_of": "2026-05-20"}
        if key not in (OptionKey.DEFERRAL, OptionKey.INTEREST_FREE_DEFERRAL, OptionKey.SETTLE_NOW):
            expected["offer_periods"] = "12"
        assert query_of(hrefs[2]) == expected


def test_arrears_are_carried_as_hidden_fields_when_valid(client):
    page = tree(get_plan(client, {**SPEC_LOAN, **BUDGET}))
    hidden = {
        element.get("name"): element.get("value")
        for element in page.xpath('//form[contains(@class, "plan-form")]//input[@type="hidden"]')
    }
    assert hidden == SPEC_LOAN


def test_plan_page_explains_how_it_calculates(client):
    assert tree(get_plan(client, {})).xpath('//section[contains(@class, "how")]//li')


# --- several debts: one budget, shared fairly --------------------------------------------

SPEC_ROWS = (
    OtherDebt(1, "借呗", DebtKind.LOAN, Decimal("20000"), Decimal("1800"), 40, Decimal("18")),
    OtherDebt(2, "招商银行信用卡", DebtKind.CARD, Decimal("30000"), Decimal("1500"), 60,
              Decimal("18")),
    OtherDebt(3, "建设银行房贷", DebtKind.MORTGAGE, None, Decimal("3000"), 0, None),
)


def several_plan(income="12000", others=SPEC_ROWS):
    debt = quick_debt("8000", as_of=date(2026, 5, 1))
    month = budget(income, "5000", str(kept_payments(others)), "3000")
    return draft_plan(debt=debt, budget=month, others=others)


def several_figures(plan) -> dict[str, str]:
    """Every figure calculations.md names for a plan with a list of debts."""
    shown = {
        "outstanding_total": plain(plan.debt.outstanding_total),
        "disposable_income": plain(plan.disposable_income),
        "arrears_total": plain(plan.arrears_total),
        "this_debt_share": plain(plan.share.monthly),
        **option_figures(plan),
        **recommendation_figures(plan),
    }
    for proposal in plan.proposals:
        prefix, rec = f"debt{proposal.number}", proposal.recommendation
        shown[f"{prefix}_share"] = plain(proposal.share.monthly)
        shown[f"{prefix}_recommended_option"] = rec.key
        shown[f"{prefix}_recommended_term"] = str(rec.term)
        shown[f"{prefix}_payment"] = plain(rec.first_payment)
        shown[f"{prefix}_total"] = plain(rec.total)
    return shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_spec_check_with_several_debts_shows_the_engines_figures(client, language):
    response = get_plan(client, SEVERAL, language)
    assert response.status_code == 200
    shown = figures(response)
    assert shown == several_figures(several_plan())
    # calculations.md's check, literally.
    assert {name: shown[name] for name in (
        "outstanding_total", "disposable_income", "arrears_total", "debt1_share", "debt2_share",
        "this_debt_share", "recommended_option", "recommended_term", "installments_payment",
        "debt1_recommended_option", "debt1_recommended_term", "debt1_payment", "debt1_total",
        "debt2_recommended_option", "debt2_recommended_term", "debt2_payment", "debt2_total",
    )} == {
        "outstanding_total": "8312.00", "disposable_income": "4000.00",
        "arrears_total": "58312.00", "debt1_share": "1371.93", "debt2_share": "2057.90",
        "this_debt_share": "570.17", "recommended_option": "installments",
        "recommended_term": "17", "installments_payment": "762.04",
        "debt1_recommended_option": "installments", "debt1_recommended_term": "17",
        "debt1_payment": "1341.59", "debt1_total": "22807.11",
        "debt2_recommended_option": "installments", "debt2_recommended_term": "17",
        "debt2_payment": "2012.39", "debt2_total": "34210.63",
    }


def test_the_shares_on_the_page_add_up_to_the_money_available(client):
    shown = figures(get_plan(client, SEVERAL))
    shares = [Decimal(value) for name, value in shown.items() if name.endswith("_share")]
    assert len(shares) == 3  # this debt and the two in arrears; the mortgage has none
    assert sum(shares) == Decimal(shown["disposable_income"])


def test_the_table_of_debts_lists_every_debt_with_what_is_set_aside(client):
    response = get_plan(client, SEVERAL, "en")
    rows = tree(response).xpath('//table[contains(concat(" ", @class, " "), " debts-table ")]/tbody/tr')
    assert [" ".join(r.xpath("./th")[0].text_content().split()) for r in rows] == [
        "This debt", "借呗 Loan", "招商银行信用卡 Credit card", "建设银行房贷 Mortgage"]
    mortgage = [" ".join(cell.text_content().split()) for cell in rows[3].xpath("./td")]
    assert mortgage == ["not given", "Paid as agreed", "¥3,000.00", "¥3,000.00"]


def test_a_settlement_from_savings_is_not_shown_as_a_monthly_amount(client):
    # Savings 60 000 shared over 8 312 + 1 000 + 30 000 = 39 312: 借呗 round(60 000 ×
    # 1 000 / 39 312 = 1 526.2515) = 1 526.25 ≥ 1 000; the card round(45 787.5458) =
    # 45 787.55 ≥ 30 000; this debt 12 686.20 ≥ 8 312: each is settled today, once.
    # "Proposed a month" must not show the card's 30 000.00 (or this debt's 8 312.00)
    # as a monthly amount: the statement of debts shows no monthly amount for them.
    params = {**SEVERAL, "savings": "60000", "debt1_balance": "1000"}
    response = get_plan(client, params, "en")
    shown = figures(response)
    assert [shown[f"{prefix}recommended_option"] for prefix in ("", "debt1_", "debt2_")] == [
        "settle_now"] * 3
    rows = tree(response).xpath('//table[contains(concat(" ", @class, " "), " debts-table ")]/tbody/tr')
    proposed = [" ".join(r.xpath("./td")[-1].text_content().split()) for r in rows[:3]]
    assert "¥30,000.00" not in proposed and "¥8,312.00" not in proposed, proposed


def test_a_card_in_the_list_brings_the_credit_card_explanations(client):
    response = get_plan(client, SEVERAL, "en")
    note = tree(response).xpath('//aside[contains(@class, "card-note")]')[0].text_content()
    assert "违约金" in note and "个性化分期" in note and "最低还款额" in note
    without_card = {**SEVERAL, "debt2_kind": "loan"}
    assert not tree(get_plan(client, without_card)).xpath('//aside[contains(@class, "card-note")]')


def test_a_mortgage_in_arrears_says_the_home_comes_first(client):
    params = {**SEVERAL, "debt3_days": "30", "debt3_balance": "500000", "debt3_rate": "4"}
    response = get_plan(client, params, "en")
    proposal = tree(response).xpath('//*[@id="proposal-3"]')[0].text_content()
    assert "A home or a car you need for work comes first" in proposal
    assert "comes first" not in tree(response).xpath('//*[@id="proposal-1"]')[0].text_content()


def test_each_debt_in_arrears_links_to_its_own_letter_and_calendar(client):
    page = tree(get_plan(client, SEVERAL))
    for number in (1, 2):
        hrefs = page.xpath(f'//*[@id="proposal-{number}"]//a/@href')
        letter = [h for h in hrefs if h.startswith("/zh-hans/calculator/letter/?")]
        calendar = [h for h in hrefs if h.startswith("/zh-hans/calculator/plan.ics?")]
        assert [query_of(h) for h in letter] == [{**SEVERAL, "to": str(number)}]
        assert [query_of(h) for h in calendar] == [{**SEVERAL, "to": str(number)}]
    assert not page.xpath('//*[@id="proposal-3"]')  # the mortgage is kept paid


def test_nothing_left_after_essentials_shares_nothing_and_asks_for_a_pause(client):
    # 8 000 − 5 000 − 3 000 = 0: every share 0, every recommendation none.
    response = get_plan(client, {**SEVERAL, "monthly_income": "8000"}, "en")
    shown = figures(response)
    assert shown == several_figures(several_plan("8000"))
    assert [shown[n] for n in ("this_debt_share", "debt1_share", "debt2_share")] == ["0.00"] * 3
    assert [shown[n] for n in ("debt1_payment", "debt2_payment")] == ["0.00"] * 2
    warning = tree(response).xpath('//*[contains(@class, "plan-warning")]')[0].text_content()
    assert "Nothing is left each month" in warning and "12348" in warning
    proposal = tree(response).xpath('//*[@id="proposal-1"]')[0].text_content()
    assert "asks the lender to pause collection" in proposal
    # No payments, so no calendar for that debt.
    assert not [h for h in tree(response).xpath('//*[@id="proposal-1"]//a/@href') if ".ics" in h]


def test_a_small_share_is_offered_as_a_temporary_payment(client):
    # 8 100 − 8 000 = 100: row 1's share is 34.30, which fits nothing (see test_plan.py).
    response = get_plan(client, {**SEVERAL, "monthly_income": "8100"}, "en")
    shown = figures(response)
    assert shown == several_figures(several_plan("8100"))
    assert shown["debt1_share"] == "34.30"
    assert shown["debt1_recommended_option"] == "none"
    proposal = tree(response).xpath('//*[@id="proposal-1"]')[0].text_content()
    assert "offers ¥34.30 a month for up to 12 months as a temporary payment" in proposal


def test_one_row_with_a_share_of_one_fen(client):
    # D = 9 900.00 (due today) and a row of 100 in arrears; 1.00 a month to share:
    # round(1 × 100 / 10 000) = 0.01 for the row, 0.99 for this debt.
    params = {"overdue_amount": "9900", "due_date": "2026-05-20", "annual_rate": "12",
              "monthly_income": "1", "monthly_expenses": "0",
              "debt1_creditor": "花呗", "debt1_balance": "100", "debt1_days": "5"}
    response = get_plan(client, params, "en")
    shown = figures(response)
    row = OtherDebt(1, "花呗", DebtKind.LOAN, Decimal("100"), None, 5, None)
    plan = draft_plan(debt=quick_debt("9900", due=TODAY, rate=TWELVE_PERCENT),
                      budget=budget("1", "0", "0", "0"), others=(row,))
    assert shown == several_figures(plan)
    assert (shown["arrears_total"], shown["debt1_share"], shown["this_debt_share"]) == (
        "10000.00", "0.01", "0.99")
    assert (shown["debt1_recommended_option"], shown["debt1_payment"]) == ("none", "0.00")
    proposal = tree(response).xpath('//*[@id="proposal-1"]')[0].text_content()
    assert "offers ¥0.01 a month for up to 12 months" in proposal


def test_ten_rows_in_arrears_on_the_page(client):
    # D = 10 000.00 (the quick estimate due today, nothing overdue yet) and rows owing
    # 1 000·N: 13 001 a month shared as in test_plan.py's ten rows.
    params = {"overdue_amount": "10000", "due_date": "2026-05-20", "annual_rate": "12",
              "monthly_income": "13001", "monthly_expenses": "0"}
    others = []
    for n in range(1, 11):
        params.update({f"debt{n}_creditor": f"贷款{n}", f"debt{n}_balance": str(1000 * n),
                       f"debt{n}_days": "30", f"debt{n}_rate": "18"})
        others.append(OtherDebt(n, f"贷款{n}", DebtKind.LOAN, Decimal(1000 * n), None, 30,
                                Decimal("18")))
    response = get_plan(client, params)
    assert response.status_code == 200
    shown = figures(response)
    debt = quick_debt("10000", due=TODAY, rate=TWELVE_PERCENT)
    plan = draft_plan(debt=debt, budget=budget("13001", "0", "0", "0"), others=tuple(others))
    assert shown == several_figures(plan)
    assert shown["debt10_share"] == "2000.15"
    assert shown["this_debt_share"] == "2000.15"
    assert not tree(response).xpath('//button[@name="debts"]')  # no 11th row


@pytest.mark.parametrize(
    ("changes", "name", "message"),
    [
        ({"debt1_balance": "二万"}, "debt1_balance", messages.AMOUNT_INVALID),
        ({"debt1_balance": ""}, "debt1_balance", messages.DEBT_BALANCE_NEEDED),
        ({"debt1_creditor": ""}, "debt1_creditor", messages.DEBT_CREDITOR_NEEDED),
        ({"debt1_days": "forty"}, "debt1_days", messages.WHOLE_NUMBER_INVALID),
        ({"debt2_rate": "400"}, "debt2_rate", messages.ANNUAL_RATE_TOO_HIGH),
        ({"debt3_payment": ""}, "debt3_payment", messages.DEBT_PAYMENT_NEEDED),
        ({"debt3_creditor": "房" * 61}, "debt3_creditor", messages.TEXT_TOO_LONG),
    ],
)
def test_a_row_with_a_bad_value_gets_its_message_beside_that_field(client, changes, name, message):
    response = get_plan(client, {**SEVERAL, **changes}, "en")
    assert response.status_code == 200
    assert error_links(response) == [f"#id_{name}"]
    with translation.override("en"):
        start = str(message).split("%")[0]
    assert shown_error(response, name).startswith(start)
    shown = figures(response)
    assert shown["outstanding_total"] == "8312.00"  # the debt is still shown
    assert "recommended_option" not in shown


def test_a_kind_the_form_could_not_send_is_a_bad_request(client):
    response = get_plan(client, {**SEVERAL, "debt2_kind": "yacht"})
    assert response.status_code == 400
    assert error_links(response) == ["#id_debt2_kind"]


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
    # No empty rows of debts until one is asked for.
    assert not form.xpath('.//input[@name="debt1_creditor"]')
    assert form.xpath('.//button[@name="debts"]/@value') == ["1"]


def test_arrears_without_a_budget_show_the_debt_and_ask_for_the_budget(client):
    response = get_plan(client, SPEC_LOAN)
    assert response.status_code == 200
    shown = figures(response)
    assert shown["outstanding_total"] == "10360.78"
    assert "recommended_option" not in shown
    assert not tree(response).xpath('//*[@id="error-summary"]')


@pytest.mark.parametrize(
    ("changes", "name", "message"),
    [
        ({"monthly_income": "abc"}, "monthly_income", messages.AMOUNT_INVALID),
        ({"monthly_expenses": "4000"}, "monthly_expenses", messages.EXPENSES_MISMATCH),
        ({"debt1_creditor": "花呗"}, "debt1_payment", messages.DEBT_PAYMENT_NEEDED),
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
        {**SEVERAL, "debt1_balance": "0.01", "monthly_income": "8000.02"},
        {**SEVERAL, "debt1_days": "100000", "debt1_balance": "1亿"},
        {**SEVERAL, "debt1_rate": "", "debt2_rate": ""},
        {**SEVERAL, "debts": "10"},
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
    plan = loan_plan(budget(), as_of=date(2026, 4, 30))
    assert plan.option("installments").first_date == date(2026, 5, 30)
    # 04-30 → 05-30 is 30 days of interest in the deferral, not 31 as from 05-20.
    assert {name: shown.get(name) for name in option_figures(plan)} == option_figures(plan)
    assert shown["outstanding_total"] != "10360.78"


# --- the calendar ---------------------------------------------------------------------------


def calendar_events(response):
    return Calendar.from_ical(response.content).walk("VEVENT")


def get_calendar(client, params, language="zh-hans"):
    return client.get(ICS_URL.format(language=language), params)


def yuan(amount: Decimal) -> str:
    return f"¥{amount:,.2f}"


@pytest.mark.parametrize(("key", "count"), [("installments", 12), ("interest_first", 12), ("deferral", 1), ("settle_now", 1)])
def test_calendar_has_one_event_per_payment_on_its_date(client, fixed_clock, key, count):
    response = get_calendar(client, {**SPEC_LOAN, **BUDGET, "option": key})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = calendar_events(response)
    option = loan_plan(budget()).option(key)
    assert len(events) == option.count == count
    assert [event.decoded("dtstart") for event in events] == [payment.date for payment in option.payments]
    for event, payment in zip(events, option.payments, strict=True):
        assert yuan(payment.amount) in str(event["summary"])
        assert len(event.walk("VALARM")) == 1
        assert event.decoded("dtstamp") == datetime(2026, 5, 20, 4, 0, tzinfo=UTC)


def test_calendar_installments_fall_monthly_from_the_calculation_date(client, fixed_clock):
    events = calendar_events(get_calendar(client, {**SPEC_LOAN, **BUDGET, "option": "installments"}, "en"))
    dates = [event.decoded("dtstart") for event in events]
    assert dates[0] == date(2026, 6, 20) and dates[-1] == date(2027, 5, 20)
    assert "¥949.88" in str(events[0]["summary"])


def test_calendar_follows_the_plans_term(client, fixed_clock):
    response = get_calendar(client, {**SPEC_LOAN, **BUDGET, "option": "interest_free", "term": "3"}, "en")
    # 10 360.78 / 3 = 3 453.593…: 3 453.59 twice, then 10 360.78 − 6 907.18 = 3 453.60.
    summaries = [str(event["summary"]) for event in calendar_events(response)]
    assert len(summaries) == 3
    assert "¥3,453.59" in summaries[0] and "¥3,453.60" in summaries[-1]


def test_calendar_without_an_option_is_our_suggestion_at_its_own_term(client, fixed_clock):
    # Recommended: installments over 6 months, 1 818.58 a month (above).
    events = calendar_events(get_calendar(client, {**SPEC_LOAN, **BUDGET}))
    assert len(events) == 6
    assert "¥1,818.58" in str(events[0]["summary"])


def test_calendar_for_a_letter_to_row_n_has_that_proposals_payments(client, fixed_clock):
    # Row 2: installments over 17 months from 2026-06-01, 2 012.39 a month.
    response = get_calendar(client, {**SEVERAL, "to": "2"})
    assert response.status_code == 200
    events = calendar_events(response)
    proposal = several_plan().proposal(2).recommendation.detail
    assert len(events) == proposal.count == 17
    assert [event.decoded("dtstart") for event in events] == [p.date for p in proposal.payments]
    assert events[0].decoded("dtstart") == date(2026, 6, 1)
    assert str(events[0]["summary"]).endswith("· 招商银行信用卡")
    assert "¥2,012.39" in str(events[0]["summary"])


@pytest.mark.parametrize(
    "params",
    [
        {**SPEC_LOAN, **BUDGET, "option": "bogus"},
        {**SPEC_LOAN, **BUDGET, "option": "none"},
        {"option": "installments"},  # no plan
        {**SPEC_LOAN, "option": "installments"},  # arrears but no budget
        {**SPEC_LOAN, **BUDGET, "monthly_income": "abc", "option": "installments"},  # a bad budget
        {**SEVERAL, "to": "3"},  # kept paid: no proposal
        {**SEVERAL, "to": "7"},  # no such row
        {**SEVERAL, "monthly_income": "8000", "to": "1"},  # a pause: no payments
    ],
)
def test_calendar_without_payments_is_a_bad_request(client, params):
    response = get_calendar(client, params)
    assert response.status_code == 400
    assert not response["Content-Type"].startswith("text/calendar")
    assert response.content.decode().strip()


def test_every_option_key_has_a_calendar(client, fixed_clock):
    for key in OptionKey:
        response = get_calendar(client, {**SPEC_LOAN, **BUDGET, "option": key.value})
        assert response.status_code == 200, key


def test_each_debt_in_arrears_links_to_its_offer_check_and_contact_log(client):
    page = tree(get_plan(client, SEVERAL))
    # 借呗: 20 000.00 owed, its share 1 371.93 a month, 17 months recommended.
    hrefs = page.xpath('//*[@id="proposal-1"]//a/@href')
    offer = [h for h in hrefs if h.startswith("/zh-hans/calculator/offer/?")]
    log = [h for h in hrefs if h.startswith("/zh-hans/calculator/contact-log/?")]
    assert [query_of(h) for h in offer] == [
        {"owed": "20000.00", "available": "1371.93", "as_of": "2026-05-01", "offer_periods": "17"}]
    assert [query_of(h) for h in log] == [{"lender": "借呗", "owed": "20000.00"}]


def test_a_rate_that_looks_like_a_fraction_is_noted_on_the_plan_too(client):
    # 0.0005 typed where the contract says 0.05 % a day: used as typed, and the plan
    # says what 100 times it gives: 12 000 × 0.075 % × 71 days = 639.00 penalty,
    # 12 639.00 to settle today, with a link to the same plan at 0.05.
    params = {**QUICK, "daily_rate": "0.0005", **BUDGET}
    response = get_plan(client, params, "en")
    note = tree(response).xpath('//*[contains(@class, "note--check")]')[0]
    words = " ".join(note.text_content().split())
    assert "0.0005 % a day looks like a fraction" in words
    assert "¥639.00" in words and "¥12,639.00" in words
    link = note.xpath(".//a/@href")[0]
    assert link.startswith("/en/calculator/plan/?")
    assert query_of(link) == {**params, "daily_rate": "0.05"}
    assert not tree(get_plan(client, {**QUICK, **BUDGET}, "en")).xpath('//*[contains(@class, "note--check")]')
