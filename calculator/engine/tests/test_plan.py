"""The negotiation plan (calculations.md, "The negotiation plan").

Figures were worked by hand and checked with exact fractions; the arithmetic is in
the comments. ``round`` below means to the cent, half up.
"""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.engine.money import Rate
from calculator.engine.plan import (
    Budget,
    OptionKey,
    RecommendationReason,
    build_option,
    default_reduced_annual_rate,
    draft_plan,
)

AS_OF = date(2026, 5, 20)
TWELVE_PERCENT = Rate.from_annual_percent(Decimal("12"))  # i = 0.01 a month
XIAOMI = Rate.from_daily_percent(Decimal("0.05"))  # r = 0.0005 a day, 18 % a year
MONTHLY_KEYS = (
    OptionKey.INSTALLMENTS,
    OptionKey.REDUCED_RATE,
    OptionKey.INTEREST_FREE,
    OptionKey.INTEREST_FIRST,
)


def budget(disposable: str = "0", savings: str = "0") -> Budget:
    # Income minus nothing: the disposable income is the income itself.
    return Budget(
        monthly_income=Decimal(disposable),
        monthly_expenses=Decimal("0"),
        other_debt_payments=Decimal("0"),
        savings=Decimal(savings),
    )


def plan_10000(**overrides):
    arguments = {
        "debt": Decimal("10000"),
        "payoff_amount": Decimal("10000"),
        "rate": TWELVE_PERCENT,
        "as_of": AS_OF,
        "budget": budget("5000"),
    }
    arguments.update(overrides)
    return draft_plan(**arguments)


def amounts(option) -> list[Decimal]:
    return [payment.amount for payment in option.payments]


# --- Budget -----------------------------------------------------------------


def test_disposable_income_is_income_less_expenses_and_other_debts():
    # 8 000 − 4 500 − 1 200 = 2 300.
    month = Budget(
        monthly_income=Decimal("8000"),
        monthly_expenses=Decimal("4500"),
        other_debt_payments=Decimal("1200"),
        savings=Decimal("300"),
    )
    assert month.disposable_income == Decimal("2300")


def test_disposable_income_may_be_negative():
    # 3 000 − 3 500 − 200 = −700.
    month = Budget(
        monthly_income=Decimal("3000"),
        monthly_expenses=Decimal("3500"),
        other_debt_payments=Decimal("200"),
        savings=Decimal("0"),
    )
    assert month.disposable_income == Decimal("-700")


# --- One example per option -----------------------------------------------------


def test_installments_pay_equal_installments_with_the_remainder_last():
    # A = round(10 000 × 0.01 × 1.01^12 / (1.01^12 − 1)) = round(888.4879) = 888.49.
    # Interest 100.00, 92.12, 84.15, …, 17.51 (balance 1 750.65 × 0.01); after 11
    # payments the balance is 879.67: the last pays 879.67 + round(8.7967) = 888.47.
    # Total 11 × 888.49 + 888.47 = 9 773.39 + 888.47 = 10 661.86. (facts.md's
    # "interest 661.85" is 12 × 888.4879 − 10 000 before rounding each line.)
    option = plan_10000().option(OptionKey.INSTALLMENTS)
    assert amounts(option) == [Decimal("888.49")] * 11 + [Decimal("888.47")]
    assert option.first_payment == Decimal("888.49")
    assert option.largest_payment == Decimal("888.49")
    assert option.total == Decimal("10661.86")
    assert option.cost == Decimal("661.86")
    assert option.count == 12
    assert option.term == 12
    assert option.one_off is False
    assert [p.interest for p in option.payments[:3]] == [
        Decimal("100.00"),  # 10 000 × 0.01
        Decimal("92.12"),  # (10 000 − 788.49) = 9 211.51 × 0.01 = 92.1151
        Decimal("84.15"),  # (9 211.51 − 796.37) = 8 415.14 × 0.01 = 84.1514
    ]


def test_reduced_rate_installments_use_two_thirds_of_the_contract_rate():
    # 12 × 2/3 = 8.00 % a year, i = 0.08 / 12 = 0.00666…;
    # A = round(10 000 × i × (1+i)^12 / ((1+i)^12 − 1)) = 869.88; interest lines
    # 66.67, 61.31, 55.92, 50.50, 45.03, 39.53, 34.00, 28.43, 22.82, 17.17, 11.48, 5.76
    # sum to 438.62, so the last payment is 10 438.62 − 11 × 869.88 = 869.94.
    plan = plan_10000()
    option = plan.option(OptionKey.REDUCED_RATE)
    assert plan.reduced_annual_rate == Decimal("8.00")
    assert option.annual_rate == Decimal("8.00")
    assert amounts(option) == [Decimal("869.88")] * 11 + [Decimal("869.94")]
    assert option.total == Decimal("10438.62")


def test_interest_free_installments_put_the_remainder_in_the_last():
    # round(10 000 / 12) = 833.33; 11 × 833.33 = 9 166.63; last 10 000 − 9 166.63 = 833.37.
    option = plan_10000().option(OptionKey.INTEREST_FREE)
    assert amounts(option) == [Decimal("833.33")] * 11 + [Decimal("833.37")]
    assert option.total == Decimal("10000.00")
    assert option.cost == Decimal("0.00")
    assert option.largest_payment == Decimal("833.37")


def test_interest_first_pays_interest_monthly_and_the_debt_with_the_last():
    # round(10 000 × 0.01) = 100.00 a month; the 12th also repays 10 000 → 10 100.00.
    # Total 12 × 100 + 10 000 = 11 200.00.
    option = plan_10000().option(OptionKey.INTEREST_FIRST)
    assert amounts(option) == [Decimal("100.00")] * 11 + [Decimal("10100.00")]
    assert option.first_payment == Decimal("100.00")
    assert option.largest_payment == Decimal("10100.00")
    assert option.total == Decimal("11200.00")
    assert option.cost == Decimal("1200.00")


def test_deferral_adds_daily_interest_to_the_single_payment():
    # D = 10 360.78 (calculations.md's check), 2026-05-20 → 2026-06-20 = 31 days;
    # interest round(10 360.78 × 0.0005 × 31) = round(160.59209) = 160.59;
    # payment 10 360.78 + 160.59 = 10 521.37.
    plan = draft_plan(
        debt=Decimal("10360.78"),
        payoff_amount=Decimal("10660.78"),
        rate=XIAOMI,
        as_of=AS_OF,
        budget=budget("1000"),
    )
    option = plan.option(OptionKey.DEFERRAL)
    (payment,) = option.payments
    assert payment.date == date(2026, 6, 20)
    assert payment.interest == Decimal("160.59")
    assert payment.amount == Decimal("10521.37")
    assert option.first_payment == option.total == Decimal("10521.37")
    assert option.term == 1
    assert option.one_off is True


def test_deferral_over_three_months_counts_the_actual_days():
    # 2026-05-20 → 2026-08-20: 11 + 30 + 31 + 20 = 92 days;
    # round(10 360.78 × 0.0005 × 92) = round(476.59588) = 476.60 → 10 837.38.
    plan = draft_plan(
        debt=Decimal("10360.78"),
        payoff_amount=Decimal("10660.78"),
        rate=XIAOMI,
        as_of=AS_OF,
        budget=budget("1000"),
        defer_months=3,
    )
    option = plan.option(OptionKey.DEFERRAL)
    assert option.payments[0].date == date(2026, 8, 20)
    assert option.total == Decimal("10837.38")
    assert option.term == 3


def test_interest_free_deferral_pays_the_debt_later_with_nothing_added():
    plan = draft_plan(
        debt=Decimal("10360.78"),
        payoff_amount=Decimal("10660.78"),
        rate=XIAOMI,
        as_of=AS_OF,
        budget=budget("1000"),
        defer_months=2,
    )
    option = plan.option(OptionKey.INTEREST_FREE_DEFERRAL)
    assert [(p.date, p.amount) for p in option.payments] == [
        (date(2026, 7, 20), Decimal("10360.78"))
    ]
    assert option.cost == Decimal("0.00")


def test_settle_now_pays_the_payoff_amount_today():
    # payoff 10 660.78 = D 10 360.78 + fee 300.00 (3 % of 10 000 remaining principal).
    plan = draft_plan(
        debt=Decimal("10360.78"),
        payoff_amount=Decimal("10660.78"),
        rate=XIAOMI,
        as_of=AS_OF,
        budget=budget("1000"),
    )
    option = plan.option(OptionKey.SETTLE_NOW)
    (payment,) = option.payments
    assert (payment.date, payment.amount) == (AS_OF, Decimal("10660.78"))
    assert (payment.principal, payment.interest) == (Decimal("10360.78"), Decimal("300.00"))
    assert option.cost == Decimal("300.00")
    assert option.term == 0


def test_options_come_in_the_contract_order():
    assert [option.key for option in plan_10000().options] == list(OptionKey)
    assert [str(key) for key in OptionKey] == [
        "installments",
        "reduced_rate",
        "interest_free",
        "interest_first",
        "deferral",
        "interest_free_deferral",
        "settle_now",
    ]


# --- Dates ---------------------------------------------------------------------


def test_payment_dates_count_from_as_of_across_month_ends():
    # From 31 January: 28 Feb (clamped), then 31 Mar — not 28 Mar — 30 Apr, 31 May.
    plan = plan_10000(as_of=date(2026, 1, 31), term=4)
    dates = [payment.date for payment in plan.option(OptionKey.INSTALLMENTS).payments]
    assert dates == [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31)]


def test_deferral_from_the_31st_counts_the_days_to_the_clamped_date():
    # 2026-01-31 → 2026-02-28 = 28 days; round(10 000 × 0.0005 × 28) = 140.00.
    plan = plan_10000(as_of=date(2026, 1, 31), rate=XIAOMI)
    (payment,) = plan.option(OptionKey.DEFERRAL).payments
    assert payment.date == date(2026, 2, 28)
    assert payment.amount == Decimal("10140.00")


def test_payment_numbers_start_at_one():
    option = plan_10000(term=3).option(OptionKey.INTEREST_FREE)
    assert [payment.number for payment in option.payments] == [1, 2, 3]


# --- Reduced rate default ----------------------------------------------------------


def test_reduced_rate_default_is_two_thirds_rounded_to_hundredths():
    # 18 × 2/3 = 12.00; 13 × 2/3 = 8.666… → 8.67.
    assert default_reduced_annual_rate(rate=XIAOMI) == Decimal("12.00")
    assert default_reduced_annual_rate(rate=Rate.from_annual_percent(Decimal("13"))) == Decimal(
        "8.67"
    )


def test_reduced_rate_given_explicitly_wins_over_the_default():
    # 6 %: i = 0.005; A = round(10 000 × 0.005 × 1.005^12 / (1.005^12 − 1)) = 860.66.
    plan = plan_10000(reduced_annual_rate=Decimal("6"))
    assert plan.reduced_annual_rate == Decimal("6")
    assert plan.option(OptionKey.REDUCED_RATE).first_payment == Decimal("860.66")


def test_zero_contract_rate_installments_degenerate_to_equal_principal():
    # At 0 % the annuity formula's limit is D/n: 833.33 × 11 + 833.37, no division by 0.
    plan = plan_10000(rate=Rate.from_annual_percent(Decimal("0")))
    assert amounts(plan.option(OptionKey.INSTALLMENTS)) == amounts(
        plan.option(OptionKey.INTEREST_FREE)
    )
    assert amounts(plan.option(OptionKey.REDUCED_RATE))[-1] == Decimal("833.37")


# --- Affordability -------------------------------------------------------------


def test_monthly_option_is_affordable_when_largest_payment_equals_disposable_income():
    # Largest installment 888.49 ≤ 888.49.
    option = plan_10000(budget=budget("888.49")).option(OptionKey.INSTALLMENTS)
    assert option.affordable is True
    assert option.available == Decimal("888.49")
    assert option.shortfall == Decimal("0")


def test_monthly_option_is_unaffordable_a_cent_short_and_shows_the_shortfall():
    option = plan_10000(budget=budget("888.48")).option(OptionKey.INSTALLMENTS)
    assert option.affordable is False
    assert option.shortfall == Decimal("0.01")


def test_interest_first_is_judged_by_its_last_payment():
    # 100.00 a month fits 5 000, but the last payment of 10 100.00 does not.
    option = plan_10000().option(OptionKey.INTEREST_FIRST)
    assert option.affordable is False
    assert option.shortfall == Decimal("5100.00")


def test_deferral_is_affordable_from_savings_plus_the_months_disposable_income():
    # Payment 10 521.37 ≤ savings 8 521.37 + 2 000 × 1 month.
    plan = draft_plan(
        debt=Decimal("10360.78"),
        payoff_amount=Decimal("10660.78"),
        rate=XIAOMI,
        as_of=AS_OF,
        budget=budget("2000", savings="8521.37"),
    )
    option = plan.option(OptionKey.DEFERRAL)
    assert option.available == Decimal("10521.37")
    assert option.affordable is True


def test_deferral_counts_disposable_income_for_each_month_deferred():
    # interest-free, 3 months: 10 000 ≤ 4 000 + 2 000 × 3 = 10 000.
    plan = plan_10000(budget=budget("2000", savings="4000"), defer_months=3)
    option = plan.option(OptionKey.INTEREST_FREE_DEFERRAL)
    assert option.available == Decimal("10000")
    assert option.affordable is True


def test_negative_disposable_income_eats_into_savings_for_a_deferral():
    # available = 10 500 + (−300) × 2 = 9 900 < 10 000.
    month = Budget(
        monthly_income=Decimal("2000"),
        monthly_expenses=Decimal("2300"),
        other_debt_payments=Decimal("0"),
        savings=Decimal("10500"),
    )
    plan = plan_10000(budget=month, defer_months=2)
    option = plan.option(OptionKey.INTEREST_FREE_DEFERRAL)
    assert option.available == Decimal("9900")
    assert option.affordable is False
    assert option.shortfall == Decimal("100")


def test_settle_now_is_affordable_only_from_savings():
    # Disposable income does not count towards a payment due today.
    option = plan_10000(budget=budget("9999", savings="9999.99")).option(OptionKey.SETTLE_NOW)
    assert option.available == Decimal("9999.99")
    assert option.affordable is False


# --- Recommendation --------------------------------------------------------------


def test_recommends_settling_when_savings_cover_the_payoff_exactly():
    # payoff 10 300 ≤ savings 10 300.
    plan = plan_10000(payoff_amount=Decimal("10300"), budget=budget("0", savings="10300"))
    recommendation = plan.recommendation
    assert recommendation.option is OptionKey.SETTLE_NOW
    assert recommendation.key == "settle_now"
    assert recommendation.term == 0
    assert recommendation.reason is RecommendationReason.SETTLE_WITH_SAVINGS
    assert recommendation.option_detail == plan.option(OptionKey.SETTLE_NOW)


def test_recommends_shortest_buffer_term_within_half_of_disposable_income():
    # Half of 2 000 = 1 000. Largest payments: 3 months 3 400.23, 6 months 1 725.51,
    # 12 months 888.49 ≤ 1 000 → 12. Savings 10 299.99 miss the 10 300 payoff by a cent.
    plan = plan_10000(
        payoff_amount=Decimal("10300"), budget=budget("2000", savings="10299.99"), term=6
    )
    recommendation = plan.recommendation
    assert (recommendation.option, recommendation.term) == (OptionKey.INSTALLMENTS, 12)
    assert recommendation.reason is RecommendationReason.INSTALLMENTS_WITH_BUFFER
    # The detail is computed at the recommended 12 months, not the user's 6.
    assert recommendation.option_detail.term == 12
    assert recommendation.option_detail.first_payment == Decimal("888.49")
    assert plan.option(OptionKey.INSTALLMENTS).term == 6


def test_buffer_step_judges_a_term_by_its_largest_payment_not_its_first():
    # Half of 941.60 = 470.80. 24 months: A = 470.73, but the last payment is 470.86
    # (rounding drift) > 470.80, so 24 fails; 36 months: largest 332.28 → 36.
    plan = plan_10000(budget=budget("941.60"))
    assert (plan.recommendation.option, plan.recommendation.term) == (OptionKey.INSTALLMENTS, 36)
    assert plan.recommendation.reason is RecommendationReason.INSTALLMENTS_WITH_BUFFER


def test_recommends_shortest_term_within_full_disposable_income_when_no_buffer_fits():
    # Half of 600 = 300 < 332.28 (36 months), so no buffer term. Full 600: 18 months
    # largest 609.83 > 600; 19 months A = 580.52 (last 580.47) ≤ 600 → 19.
    plan = plan_10000(budget=budget("600"))
    recommendation = plan.recommendation
    assert (recommendation.option, recommendation.term) == (OptionKey.INSTALLMENTS, 19)
    assert recommendation.reason is RecommendationReason.INSTALLMENTS_FULL_INCOME
    assert recommendation.option_detail.largest_payment == Decimal("580.52")


def test_full_income_step_accepts_a_largest_payment_equal_to_disposable_income():
    # 18 months: A = 609.82, last 609.83 = disposable 609.83 → 18.
    plan = plan_10000(budget=budget("609.83"))
    assert plan.recommendation.term == 18
    # A cent less and 18 fails on its last payment → 19.
    assert plan_10000(budget=budget("609.82")).recommendation.term == 19


def test_recommends_interest_free_when_no_installment_term_fits():
    # 36 %/year (i = 0.03): even 60 months needs A = round(10 000 × 0.03 × 1.03^60 /
    # (1.03^60 − 1)) = 361.33 > 300. Interest-free: 33 months round(303.03) > 300;
    # 34 months 294.12 × 33 = 9 705.96, last 294.04 → 34.
    plan = plan_10000(rate=Rate.from_annual_percent(Decimal("36")), budget=budget("300"))
    recommendation = plan.recommendation
    assert (recommendation.option, recommendation.term) == (OptionKey.INTEREST_FREE, 34)
    assert recommendation.reason is RecommendationReason.INTEREST_FREE
    assert recommendation.option_detail.first_payment == Decimal("294.12")
    assert recommendation.option_detail.last_payment == Decimal("294.04")


def test_recommends_none_when_even_sixty_interest_free_months_do_not_fit():
    # 10 000 / 60 = 166.67 > 100.
    plan = plan_10000(budget=budget("100"))
    recommendation = plan.recommendation
    assert recommendation.option is None
    assert recommendation.key == "none"
    assert recommendation.term == 0
    assert recommendation.reason is RecommendationReason.UNAFFORDABLE
    assert recommendation.option_detail is None


@pytest.mark.parametrize("income", ["0", "2999.99"])
def test_recommends_none_when_disposable_income_is_not_positive(income):
    month = Budget(
        monthly_income=Decimal(income),
        monthly_expenses=Decimal("3000"),
        other_debt_payments=Decimal("0"),
        savings=Decimal("500"),
    )
    assert plan_10000(budget=month).recommendation.key == "none"


# --- Totals and principal parts ------------------------------------------------------


def test_every_options_total_is_the_sum_of_its_payments_and_principals_sum_to_debt():
    plan = draft_plan(
        debt=Decimal("10360.78"),
        payoff_amount=Decimal("10660.78"),
        rate=XIAOMI,
        as_of=date(2026, 1, 31),
        budget=budget("1500", savings="2000"),
        term=7,
        defer_months=2,
    )
    for option in plan.options:
        assert option.total == sum(p.amount for p in option.payments), option.key
        assert sum(p.principal for p in option.payments) == Decimal("10360.78"), option.key
        assert option.cost == option.total - plan.debt, option.key
        assert all(p.amount == p.principal + p.interest for p in option.payments)


def test_build_option_matches_the_plans_option():
    plan = plan_10000(term=9)
    option = build_option(
        key="interest_first",
        debt=Decimal("10000"),
        payoff_amount=Decimal("10000"),
        rate=TWELVE_PERCENT,
        as_of=AS_OF,
        budget=budget("5000"),
        term=9,
        defer_months=1,
        reduced_annual_rate=None,
    )
    assert option == plan.option(OptionKey.INTEREST_FIRST)


def test_a_debt_of_a_few_cents_never_makes_a_payment_negative():
    # round(0.05 / 10) = 0.01, and 9 × 0.01 > 0.05: payments stop at the balance.
    option = plan_10000(debt=Decimal("0.05"), payoff_amount=Decimal("0.05"), term=10).option(
        OptionKey.INTEREST_FREE
    )
    assert amounts(option) == [Decimal("0.01")] * 5 + [Decimal("0.00")] * 5
    assert sum(p.principal for p in option.payments) == Decimal("0.05")


def test_draft_plan_rejects_a_term_of_zero():
    with pytest.raises(ValueError):
        plan_10000(term=0)


# --- Properties ----------------------------------------------------------------------

cents = st.integers(min_value=1, max_value=1_000_000_000).map(lambda n: Decimal(n) / 100)
budget_figures = st.integers(min_value=0, max_value=1_000_000_000).map(lambda n: Decimal(n) / 100)
annual_rates = st.integers(min_value=0, max_value=36_500).map(lambda n: Decimal(n) / 100)
as_of_dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
fees = st.integers(min_value=0, max_value=10_000_000).map(lambda n: Decimal(n) / 100)
budgets = st.builds(
    Budget,
    monthly_income=budget_figures,
    monthly_expenses=budget_figures,
    other_debt_payments=budget_figures,
    savings=budget_figures,
)


@settings(max_examples=200, deadline=None)
@given(
    debt=cents,
    fee=fees,
    annual=annual_rates,
    as_of=as_of_dates,
    month=budgets,
    term=st.integers(min_value=1, max_value=60),
    defer_months=st.integers(min_value=1, max_value=12),
)
def test_draft_plan_never_raises_and_monthly_principals_sum_to_debt(
    debt, fee, annual, as_of, month, term, defer_months
):
    plan = draft_plan(
        debt=debt,
        payoff_amount=debt + fee,
        rate=Rate.from_annual_percent(annual),
        as_of=as_of,
        budget=month,
        term=term,
        defer_months=defer_months,
    )
    for key in MONTHLY_KEYS:
        option = plan.option(key)
        assert option.count == term
        assert sum(p.principal for p in option.payments) == debt
        assert all(p.amount >= 0 for p in option.payments)
        assert option.affordable == (option.largest_payment <= month.disposable_income)
    recommendation = plan.recommendation
    if recommendation.option is None:
        assert recommendation.term == 0
    else:
        detail = recommendation.option_detail
        assert detail.key is recommendation.option
        assert detail.term == recommendation.term
        assert detail.affordable


def brute_force_recommendation(*, debt, rate, month):
    # The five steps, building every candidate schedule in full.
    def fits(key, term, limit):
        option = build_option(
            key=key, debt=debt, payoff_amount=debt, rate=rate, as_of=AS_OF, budget=month, term=term
        )
        return option.largest_payment <= limit

    disposable = month.disposable_income
    if debt <= month.savings:
        return OptionKey.SETTLE_NOW, 0
    for term in (3, 6, 12, 24, 36):
        if fits(OptionKey.INSTALLMENTS, term, disposable / 2):
            return OptionKey.INSTALLMENTS, term
    for key in (OptionKey.INSTALLMENTS, OptionKey.INTEREST_FREE):
        for term in range(1, 61):
            if fits(key, term, disposable):
                return key, term
    return None, 0


@settings(max_examples=200, deadline=None)
@given(
    debt=cents,
    # Mostly the rates of real consumer loans, sometimes anything up to 365 %.
    annual=st.one_of(
        st.integers(min_value=0, max_value=3_600).map(lambda n: Decimal(n) / 100), annual_rates
    ),
    months=st.integers(min_value=1, max_value=80),
    savings_share=st.sampled_from(["0", "0.5", "1"]),
)
def test_recommendation_matches_a_brute_force_search(debt, annual, months, savings_share):
    # Disposable income near D / months, savings a share of D: every step occurs.
    month = budget(
        str((debt / months).quantize(Decimal("0.01"))),
        savings=str(debt * Decimal(savings_share)),
    )
    rate = Rate.from_annual_percent(annual)
    recommendation = draft_plan(
        debt=debt, payoff_amount=debt, rate=rate, as_of=AS_OF, budget=month
    ).recommendation
    expected = brute_force_recommendation(debt=debt, rate=rate, month=month)
    assert (recommendation.option, recommendation.term) == expected
