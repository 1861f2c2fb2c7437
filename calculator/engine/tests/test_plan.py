"""The negotiation plan (calculations.md, "The negotiation plan", "Several debts: one
budget, shared fairly" and "The letter's figures").

Figures were worked by hand and checked with exact fractions; the arithmetic is in
the comments. ``round`` below means to the cent, half up. i = annual ÷ 1200 a month,
r = annual ÷ 36 000 a day.
"""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.engine.arrears import PenaltyTerms
from calculator.engine.money import Rate
from calculator.engine.plan import (
    MAX_DEBTS,
    TOKEN_MONTHS,
    Budget,
    Debt,
    DebtKind,
    OptionKey,
    OtherDebt,
    PlanTerms,
    RecommendationReason,
    Share,
    build_option,
    debt_from_estimate,
    debt_from_loan,
    default_reduced_annual_rate,
    draft_plan,
    kept_payments,
    letter_for,
    recommend,
    share_budget,
)
from calculator.tests.loans import spec_loan

AS_OF = date(2026, 5, 20)
TWELVE_PERCENT = Rate.from_annual_percent(Decimal("12"))  # i = 0.01 a month
XIAOMI = Rate.from_daily_percent(Decimal("0.05"))  # r = 0.0005 a day, 18 % a year
SEVEN_PERCENT = Rate.from_annual_percent(Decimal("7"))  # i = 7/1200 = 0.0058333…
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


def this_debt(
    amount: str = "10000",
    *,
    payoff: str | None = None,
    rate: Rate = TWELVE_PERCENT,
    as_of: date = AS_OF,
    penalty: str = "0",
) -> Debt:
    """D as the arrears calculators give it; only the plan's inputs matter here."""
    d = Decimal(amount)
    return Debt(
        as_of=as_of,
        outstanding_total=d,
        payoff_amount=Decimal(payoff or amount),
        overdue_amount=d,
        penalty_interest=Decimal(penalty),
        days_overdue=0,
        first_overdue_date=None,
        loan_amount=None,
        rate=rate,
    )


def plan_10000(
    *,
    debt: Debt | None = None,
    month: Budget | None = None,
    others: tuple[OtherDebt, ...] = (),
    **terms,
):
    return draft_plan(
        debt=debt or this_debt(),
        budget=month or budget("5000"),
        terms=PlanTerms(**terms),
        others=others,
    )


def spec_debt() -> Debt:
    # calculations.md's check: D = 10 360.78, payoff 10 660.78 (fee 300.00), P = 5.78.
    return debt_from_loan(
        loan=spec_loan(),
        terms=PenaltyTerms(
            penalty_multiplier=Decimal("1.5"), grace_days=3, prepayment_fee_percent=Decimal(3)
        ),
        paid_periods=2,
        as_of=AS_OF,
    )


NO_SHARE = Share(monthly=Decimal(0), savings=Decimal(0))


def option_of(key, debt: str, *, rate=TWELVE_PERCENT, share=NO_SHARE, **kw):
    return build_option(
        key=key,
        debt=Decimal(debt),
        payoff_amount=Decimal(kw.pop("payoff", debt)),
        rate=rate,
        as_of=kw.pop("as_of", AS_OF),
        share=share,
        **kw,
    )


def row(number, balance, days=30, *, rate="18", kind=DebtKind.LOAN, payment=None, creditor=None):
    return OtherDebt(
        number=number,
        creditor=creditor or f"债权人{number}",
        kind=kind,
        balance=None if balance is None else Decimal(balance),
        payment=None if payment is None else Decimal(payment),
        days_overdue=days,
        annual_rate=None if rate is None else Decimal(rate),
    )


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


# --- This debt, from the arrears calculators -------------------------------------


def test_debt_from_the_loan_carries_d_the_payoff_and_the_penalty():
    # calculations.md's check: total overdue 310.78 (penalty 4.65 + 1.13 = 5.78),
    # outstanding 10 360.78, fee 3 % of 10 000 = 300.00, payoff 10 660.78.
    debt = spec_debt()
    assert debt.outstanding_total == Decimal("10360.78")
    assert debt.payoff_amount == Decimal("10660.78")
    assert debt.overdue_amount == Decimal("310.78")
    assert debt.penalty_interest == Decimal("5.78")
    assert debt.first_overdue_date == date(2026, 4, 10)
    assert debt.loan_amount == Decimal("10000.00")
    assert debt.rate == XIAOMI


def test_debt_from_the_quick_estimate_is_its_total_due():
    # calculations.md's check: 2026-03-10 → 2026-05-01 = 52 days past grace 3;
    # P = round(8 000 × 0.00075 × 52) = 312.00; D = 8 312.00, with no fee.
    debt = debt_from_estimate(
        overdue_amount=Decimal("8000"),
        due_date=date(2026, 3, 10),
        as_of=date(2026, 5, 1),
        rate=XIAOMI,
        terms=PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=3),
    )
    assert debt.outstanding_total == debt.payoff_amount == debt.overdue_amount == Decimal("8312.00")
    assert debt.penalty_interest == Decimal("312.00")
    assert debt.days_overdue == 52
    assert debt.first_overdue_date == date(2026, 3, 10)
    assert debt.loan_amount is None


def test_quick_estimate_due_on_the_calculation_date_has_no_first_overdue_date():
    debt = debt_from_estimate(
        overdue_amount=Decimal("162"),
        due_date=date(2026, 3, 10),
        as_of=date(2026, 3, 10),
        rate=SEVEN_PERCENT,
        terms=PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=3),
    )
    assert debt.outstanding_total == Decimal("162.00")
    assert debt.penalty_interest == Decimal("0.00")
    assert debt.first_overdue_date is None


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
    assert option.annual_rate == Decimal("12")
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
    assert plan.terms.reduced_annual_rate == Decimal("8.00")
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
    assert option.annual_rate == Decimal("0")


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
    plan = plan_10000(debt=spec_debt(), month=budget("1000"))
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
    plan = plan_10000(debt=spec_debt(), month=budget("1000"), defer_months=3)
    option = plan.option(OptionKey.DEFERRAL)
    assert option.payments[0].date == date(2026, 8, 20)
    assert option.total == Decimal("10837.38")
    assert option.term == 3


def test_interest_free_deferral_pays_the_debt_later_with_nothing_added():
    plan = plan_10000(debt=spec_debt(), month=budget("1000"), defer_months=2)
    option = plan.option(OptionKey.INTEREST_FREE_DEFERRAL)
    assert [(p.date, p.amount) for p in option.payments] == [
        (date(2026, 7, 20), Decimal("10360.78"))
    ]
    assert option.cost == Decimal("0.00")


def test_settle_now_pays_the_payoff_amount_today():
    # payoff 10 660.78 = D 10 360.78 + fee 300.00 (3 % of 10 000 remaining principal).
    plan = plan_10000(debt=spec_debt(), month=budget("1000"))
    option = plan.option(OptionKey.SETTLE_NOW)
    (payment,) = option.payments
    assert (payment.date, payment.amount) == (AS_OF, Decimal("10660.78"))
    assert (payment.principal, payment.interest) == (Decimal("10360.78"), Decimal("300.00"))
    assert option.cost == Decimal("300.00")
    assert option.term == 0
    assert option.annual_rate is None


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


# --- Exact to the cent: a line on half a fen rounds up ---------------------------
#
# A rate cut to 28 digits (7/1200 → 0.005833…3) lands just below the half fen, and
# would round every one of these lines down.


def test_installments_interest_on_half_a_fen_rounds_up():
    # D = 162.00 at 7 %, 2 months: A = round(162 × (1+i)² / (2+i))
    #   = round(162 × 1 456 849 / (1 200 × 2 407)) = round(81.7094…) = 81.71.
    # Interest 1 = 162 × 7 ÷ 1 200 = 0.945 exactly → 0.95 (28 digits: 0.94499… → 0.94);
    # principal 81.71 − 0.95 = 80.76, balance 81.24;
    # interest 2 = round(81.24 × 7 ÷ 1 200 = 0.4739) = 0.47; last 81.24 + 0.47 = 81.71.
    option = option_of(OptionKey.INSTALLMENTS, "162", rate=SEVEN_PERCENT, term=2)
    assert [(p.principal, p.interest) for p in option.payments] == [
        (Decimal("80.76"), Decimal("0.95")),
        (Decimal("81.24"), Decimal("0.47")),
    ]
    assert option.total == Decimal("163.42")


def test_reduced_rate_interest_on_half_a_fen_rounds_up():
    # Contract 10.5 %: the default reduced rate is round(10.5 × 2/3) = 7.00 %, so the
    # same lines as above: interest 0.945 → 0.95, then 0.47; 81.71 twice.
    rate = Rate.from_annual_percent(Decimal("10.5"))
    option = option_of(OptionKey.REDUCED_RATE, "162", rate=rate, term=2)
    assert option.annual_rate == Decimal("7.00")
    assert [p.interest for p in option.payments] == [Decimal("0.95"), Decimal("0.47")]
    assert amounts(option) == [Decimal("81.71"), Decimal("81.71")]


def test_interest_free_part_on_half_a_fen_rounds_up():
    # round(100.10 / 4 = 25.025) = 25.03 (half up, not half even's 25.02), three
    # times; the last 100.10 − 75.09 = 25.01.
    option = option_of(OptionKey.INTEREST_FREE, "100.10", term=4)
    assert amounts(option) == [Decimal("25.03")] * 3 + [Decimal("25.01")]
    assert option.total == Decimal("100.10")


def test_interest_first_on_half_a_fen_rounds_up():
    # calculations.md: round(162 × 7 ÷ 1 200 = 0.945) = 0.95, not 0.94.
    # 3 months: 0.95, 0.95, 162 + 0.95 = 162.95; total 164.85.
    option = option_of(OptionKey.INTEREST_FIRST, "162", rate=SEVEN_PERCENT, term=3)
    assert amounts(option) == [Decimal("0.95"), Decimal("0.95"), Decimal("162.95")]
    assert option.total == Decimal("164.85")


def test_deferral_interest_on_half_a_fen_rounds_up():
    # 2026-05-20 → 2026-06-20 = 31 days: 1 260 × 7 × 31 ÷ 36 000 = 7.595 exactly
    # → 7.60 (a daily rate cut to 28 digits gives 7.5949… → 7.59): 1 267.60.
    option = option_of(OptionKey.DEFERRAL, "1260", rate=SEVEN_PERCENT)
    (payment,) = option.payments
    assert payment.interest == Decimal("7.60")
    assert payment.amount == Decimal("1267.60")


def test_the_plan_on_162_at_7_percent_shows_the_half_fen_everywhere():
    # The page: 162.00 at 7 %, the comparison at 12 months.
    # interest_first: 0.95 a month, the last 162.95; total 11 × 0.95 + 162.95 = 173.40.
    # installments: the first interest line is 0.945 → 0.95 as well.
    plan = plan_10000(debt=this_debt("162", rate=SEVEN_PERCENT), month=budget("100"))
    assert plan.option(OptionKey.INTEREST_FIRST).first_payment == Decimal("0.95")
    assert plan.option(OptionKey.INTEREST_FIRST).total == Decimal("173.40")
    assert plan.option(OptionKey.INSTALLMENTS).payments[0].interest == Decimal("0.95")


# --- Dates ---------------------------------------------------------------------


def test_payment_dates_count_from_as_of_across_month_ends():
    # From 31 January: 28 Feb (clamped), then 31 Mar — not 28 Mar — 30 Apr, 31 May.
    plan = plan_10000(debt=this_debt(as_of=date(2026, 1, 31)), term=4)
    dates = [payment.date for payment in plan.option(OptionKey.INSTALLMENTS).payments]
    assert dates == [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31)]


def test_deferral_from_the_31st_counts_the_days_to_the_clamped_date():
    # 2026-01-31 → 2026-02-28 = 28 days; round(10 000 × 0.0005 × 28) = 140.00.
    plan = plan_10000(debt=this_debt(as_of=date(2026, 1, 31), rate=XIAOMI))
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
    assert plan.terms.reduced_annual_rate == Decimal("6")
    assert plan.option(OptionKey.REDUCED_RATE).first_payment == Decimal("860.66")


def test_zero_contract_rate_installments_degenerate_to_equal_principal():
    # At 0 % the annuity formula's limit is D/n: 833.33 × 11 + 833.37, no division by 0.
    plan = plan_10000(debt=this_debt(rate=Rate.from_annual_percent(Decimal("0"))))
    assert amounts(plan.option(OptionKey.INSTALLMENTS)) == amounts(
        plan.option(OptionKey.INTEREST_FREE)
    )
    assert amounts(plan.option(OptionKey.REDUCED_RATE))[-1] == Decimal("833.37")


# --- Affordability -------------------------------------------------------------


def test_monthly_option_is_affordable_when_largest_payment_equals_disposable_income():
    # Largest installment 888.49 ≤ 888.49.
    option = plan_10000(month=budget("888.49")).option(OptionKey.INSTALLMENTS)
    assert option.affordable is True
    assert option.available == Decimal("888.49")
    assert option.shortfall == Decimal("0")


def test_monthly_option_is_unaffordable_a_cent_short_and_shows_the_shortfall():
    option = plan_10000(month=budget("888.48")).option(OptionKey.INSTALLMENTS)
    assert option.affordable is False
    assert option.shortfall == Decimal("0.01")


def test_interest_first_is_judged_by_its_last_payment():
    # 100.00 a month fits 5 000, but the last payment of 10 100.00 does not: 5 100.00 short.
    option = plan_10000().option(OptionKey.INTEREST_FIRST)
    assert option.affordable is False
    assert option.shortfall == Decimal("5100.00")


def test_deferral_is_affordable_from_savings_plus_the_months_disposable_income():
    # Payment 10 521.37 ≤ savings 8 521.37 + 2 000 × 1 month.
    plan = plan_10000(debt=spec_debt(), month=budget("2000", savings="8521.37"))
    option = plan.option(OptionKey.DEFERRAL)
    assert option.available == Decimal("10521.37")
    assert option.affordable is True


def test_deferral_counts_disposable_income_for_each_month_deferred():
    # interest-free, 3 months: 10 000 ≤ 4 000 + 2 000 × 3 = 10 000.
    plan = plan_10000(month=budget("2000", savings="4000"), defer_months=3)
    option = plan.option(OptionKey.INTEREST_FREE_DEFERRAL)
    assert option.available == Decimal("10000")
    assert option.affordable is True


def test_negative_disposable_income_eats_into_savings_for_a_deferral():
    # available = 10 500 + (−300) × 2 = 9 900 < 10 000: 100 short.
    month = Budget(
        monthly_income=Decimal("2000"),
        monthly_expenses=Decimal("2300"),
        other_debt_payments=Decimal("0"),
        savings=Decimal("10500"),
    )
    plan = plan_10000(month=month, defer_months=2)
    option = plan.option(OptionKey.INTEREST_FREE_DEFERRAL)
    assert option.available == Decimal("9900")
    assert option.affordable is False
    assert option.shortfall == Decimal("100")


def test_settle_now_is_affordable_only_from_savings():
    # Disposable income does not count towards a payment due today: 0.01 short.
    option = plan_10000(month=budget("9999", savings="9999.99")).option(OptionKey.SETTLE_NOW)
    assert option.available == Decimal("9999.99")
    assert option.affordable is False
    assert option.shortfall == Decimal("0.01")


# --- Recommendation --------------------------------------------------------------


def test_recommends_settling_when_savings_cover_the_payoff_exactly():
    # payoff 10 300 ≤ savings 10 300.
    plan = plan_10000(debt=this_debt(payoff="10300"), month=budget("0", savings="10300"))
    recommendation = plan.recommendation
    assert recommendation.option is OptionKey.SETTLE_NOW
    assert recommendation.key == "settle_now"
    assert recommendation.term == 0
    assert recommendation.reason is RecommendationReason.SETTLE_WITH_SAVINGS
    assert recommendation.detail == plan.option(OptionKey.SETTLE_NOW)
    assert recommendation.first_payment == recommendation.total == Decimal("10300.00")


def test_recommends_shortest_buffer_term_within_half_of_disposable_income():
    # Half of 2 000 = 1 000. Largest payments: 3 months 3 400.23, 6 months 1 725.51,
    # 12 months 888.49 ≤ 1 000 → 12. Savings 10 299.99 miss the 10 300 payoff by a cent.
    plan = plan_10000(
        debt=this_debt(payoff="10300"), month=budget("2000", savings="10299.99"), term=6
    )
    recommendation = plan.recommendation
    assert (recommendation.option, recommendation.term) == (OptionKey.INSTALLMENTS, 12)
    assert recommendation.reason is RecommendationReason.INSTALLMENTS_WITH_BUFFER
    # The recommendation is computed at its own 12 months, not the comparison's 6.
    assert recommendation.detail.term == 12
    assert recommendation.first_payment == Decimal("888.49")
    assert recommendation.total == Decimal("10661.86")
    assert plan.option(OptionKey.INSTALLMENTS).term == 6


def test_recommendation_at_the_comparisons_term_is_the_comparisons_option():
    # Half of 2 000 = 1 000 ≥ 888.49 at 12 months, and the comparison is at 12 too.
    plan = plan_10000(month=budget("2000"))
    assert plan.recommendation.term == 12
    assert plan.recommendation.detail == plan.option(OptionKey.INSTALLMENTS)


def test_buffer_step_judges_a_term_by_its_largest_payment_not_its_first():
    # Half of 941.60 = 470.80. 24 months: A = 470.73, but the last payment is 470.86
    # (rounding drift) > 470.80, so 24 fails; 36 months: largest 332.28 → 36.
    plan = plan_10000(month=budget("941.60"))
    assert (plan.recommendation.option, plan.recommendation.term) == (OptionKey.INSTALLMENTS, 36)
    assert plan.recommendation.reason is RecommendationReason.INSTALLMENTS_WITH_BUFFER


def test_recommends_shortest_term_within_full_disposable_income_when_no_buffer_fits():
    # Half of 600 = 300 < 332.28 (36 months), so no buffer term. Full 600: 18 months
    # largest 609.83 > 600; 19 months A = 580.52 (last 580.47) ≤ 600 → 19.
    plan = plan_10000(month=budget("600"))
    recommendation = plan.recommendation
    assert (recommendation.option, recommendation.term) == (OptionKey.INSTALLMENTS, 19)
    assert recommendation.reason is RecommendationReason.INSTALLMENTS_FULL_INCOME
    assert recommendation.detail.largest_payment == Decimal("580.52")


def test_full_income_step_accepts_a_largest_payment_equal_to_disposable_income():
    # 18 months: A = 609.82, last 609.83 = disposable 609.83 → 18.
    assert plan_10000(month=budget("609.83")).recommendation.term == 18
    # A cent less and 18 fails on its last payment → 19.
    assert plan_10000(month=budget("609.82")).recommendation.term == 19


def test_recommends_interest_free_when_no_installment_term_fits():
    # 36 %/year (i = 0.03): even 60 months needs A = round(10 000 × 0.03 × 1.03^60 /
    # (1.03^60 − 1)) = 361.33 > 300. Interest-free: 33 months round(303.03) > 300;
    # 34 months 294.12 × 33 = 9 705.96, last 294.04 → 34.
    plan = plan_10000(
        debt=this_debt(rate=Rate.from_annual_percent(Decimal("36"))), month=budget("300")
    )
    recommendation = plan.recommendation
    assert (recommendation.option, recommendation.term) == (OptionKey.INTEREST_FREE, 34)
    assert recommendation.reason is RecommendationReason.INTEREST_FREE
    assert recommendation.detail.first_payment == Decimal("294.12")
    assert recommendation.detail.last_payment == Decimal("294.04")


def test_recommends_none_when_even_sixty_interest_free_months_do_not_fit():
    # 10 000 / 60 = 166.67 > 100.
    recommendation = plan_10000(month=budget("100")).recommendation
    assert recommendation.option is None
    assert recommendation.key == "none"
    assert recommendation.term == 0
    assert recommendation.reason is RecommendationReason.UNAFFORDABLE
    assert recommendation.detail is None
    assert recommendation.first_payment == recommendation.total == Decimal("0.00")


@pytest.mark.parametrize("income", ["0", "2999.99"])
def test_recommends_none_when_disposable_income_is_not_positive(income):
    month = Budget(
        monthly_income=Decimal(income),
        monthly_expenses=Decimal("3000"),
        other_debt_payments=Decimal("0"),
        savings=Decimal("500"),
    )
    assert plan_10000(month=month).recommendation.key == "none"


def test_recommend_without_a_rate_skips_the_installment_steps():
    # 1 200 with 500 a month. At 12 %: half is 250; 3 months 408.03 > 250, 6 months
    # 207.06 ≤ 250 → installments over 6. Rate unknown: steps 2 and 3 are skipped;
    # interest-free, round(1 200 / 2) = 600 > 500, round(1 200 / 3) = 400 ≤ 500 → 3.
    share = Share(monthly=Decimal("500"), savings=Decimal("0"))
    known = recommend(
        debt=Decimal("1200"), payoff_amount=Decimal("1200"), rate=TWELVE_PERCENT, as_of=AS_OF,
        share=share,
    )
    unknown = recommend(
        debt=Decimal("1200"), payoff_amount=Decimal("1200"), rate=None, as_of=AS_OF, share=share
    )
    assert (known.option, known.term, known.first_payment) == (
        OptionKey.INSTALLMENTS, 6, Decimal("207.06"))
    assert (unknown.option, unknown.term, unknown.first_payment) == (
        OptionKey.INTEREST_FREE, 3, Decimal("400.00"))
    assert unknown.reason is RecommendationReason.INTEREST_FREE
    assert unknown.total == Decimal("1200.00")


# --- Totals and principal parts ------------------------------------------------------


def test_every_options_total_is_the_sum_of_its_payments_and_principals_sum_to_debt():
    plan = plan_10000(
        debt=this_debt("10360.78", payoff="10660.78", rate=XIAOMI, as_of=date(2026, 1, 31)),
        month=budget("1500", savings="2000"),
        term=7,
        defer_months=2,
    )
    for option in plan.options:
        assert option.total == sum(p.amount for p in option.payments), option.key
        assert sum(p.principal for p in option.payments) == Decimal("10360.78"), option.key
        assert option.debt == Decimal("10360.78"), option.key
        assert option.cost == option.total - Decimal("10360.78"), option.key
        assert all(p.amount == p.principal + p.interest for p in option.payments)


def test_build_option_matches_the_plans_option():
    plan = plan_10000(term=9)
    option = build_option(
        key="interest_first",
        debt=Decimal("10000"),
        payoff_amount=Decimal("10000"),
        rate=TWELVE_PERCENT,
        as_of=AS_OF,
        share=Share(monthly=Decimal("5000"), savings=Decimal("0")),
        term=9,
        defer_months=1,
        reduced_annual_rate=None,
    )
    assert option == plan.option(OptionKey.INTEREST_FIRST)


def test_option_at_another_term_is_the_option_built_at_that_term():
    # The letter's term: installments over 6 months, 1 725.51 the largest (see above).
    plan = plan_10000()
    option = plan.option_at(OptionKey.INSTALLMENTS, term=6)
    assert option.term == 6
    assert option.largest_payment == Decimal("1725.51")
    assert option == option_of(
        OptionKey.INSTALLMENTS, "10000", share=Share(Decimal("5000"), Decimal("0")), term=6
    )


def test_a_debt_of_a_few_cents_never_makes_a_payment_negative():
    # round(0.05 / 10) = 0.01, and 9 × 0.01 > 0.05: payments stop at the balance.
    option = plan_10000(debt=this_debt("0.05"), term=10).option(OptionKey.INTEREST_FREE)
    assert amounts(option) == [Decimal("0.01")] * 5 + [Decimal("0.00")] * 5
    assert sum(p.principal for p in option.payments) == Decimal("0.05")


@pytest.mark.parametrize("terms", [{"term": 0}, {"defer_months": 0}])
def test_draft_plan_rejects_a_term_of_zero(terms):
    with pytest.raises(ValueError):
        plan_10000(**terms)


def test_draft_plan_rejects_a_payoff_below_the_debt():
    with pytest.raises(ValueError):
        plan_10000(debt=this_debt("100", payoff="99.99"))


# --- Several debts: one budget, shared fairly ------------------------------------------

SPEC_ROWS = (
    row(1, "20000", 40, creditor="借呗", payment="1800"),
    row(2, "30000", 60, kind=DebtKind.CARD, creditor="招商银行信用卡", payment="1500"),
    row(3, None, 0, rate=None, kind=DebtKind.MORTGAGE, creditor="建设银行房贷", payment="3000"),
)


def spec_several_debts():
    """calculations.md's check: three debts, a mortgage paid as agreed."""
    debt = debt_from_estimate(
        overdue_amount=Decimal("8000"),
        due_date=date(2026, 3, 10),
        as_of=date(2026, 5, 1),
        rate=XIAOMI,
        terms=PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=3),
    )
    month = Budget(
        monthly_income=Decimal("12000"),
        monthly_expenses=Decimal("5000"),
        other_debt_payments=kept_payments(SPEC_ROWS),
        savings=Decimal("3000"),
    )
    return draft_plan(debt=debt, budget=month, others=SPEC_ROWS)


def test_kept_payments_are_the_payments_of_the_rows_paid_as_agreed():
    # Only the mortgage (0 days) is kept: 3 000; the rows in arrears are not being paid.
    assert kept_payments(SPEC_ROWS) == Decimal("3000")
    assert kept_payments(()) == Decimal("0")


def test_rows_in_arrears_and_priority_rows():
    assert [r.in_arrears for r in SPEC_ROWS] == [True, True, False]
    # A mortgage or a car loan comes first only when it is in arrears.
    assert not SPEC_ROWS[2].priority
    assert row(4, "1000", 10, kind=DebtKind.MORTGAGE).priority
    assert row(5, "1000", 10, kind=DebtKind.CAR).priority
    assert not row(6, "1000", 10, kind=DebtKind.CARD).priority


def test_the_spec_check_shares_the_budget_among_three_debts():
    # D = 8 312.00 (see above). Disposable 12 000 − 5 000 − 3 000 = 4 000.00;
    # arrears_total 8 312 + 20 000 + 30 000 = 58 312.00.
    # debt1_share round(4 000 × 20 000 / 58 312 = 1 371.9303) = 1 371.93;
    # debt2_share round(4 000 × 30 000 / 58 312 = 2 057.8954) = 2 057.90;
    # this_debt_share 4 000 − 1 371.93 − 2 057.90 = 570.17.
    # Savings the same way: round(3 000 × 20 000 / 58 312 = 1 028.9477) = 1 028.95,
    # round(3 000 × 30 000 / 58 312 = 1 543.4216) = 1 543.42, this debt 427.63.
    plan = spec_several_debts()
    assert plan.disposable_income == Decimal("4000.00")
    assert plan.arrears_total == Decimal("58312.00")
    assert plan.share == Share(monthly=Decimal("570.17"), savings=Decimal("427.63"))
    assert [(p.number, p.share) for p in plan.proposals] == [
        (1, Share(monthly=Decimal("1371.93"), savings=Decimal("1028.95"))),
        (2, Share(monthly=Decimal("2057.90"), savings=Decimal("1543.42"))),
    ]
    assert plan.kept == (SPEC_ROWS[2],)


def test_the_spec_check_recommends_installments_over_17_months_for_every_debt():
    # This debt, 570.17 a month at 1.5 %: savings 427.63 < 8 312; half 285.085 < 300.50
    # (36 months), no buffer; 16 months largest 588.21 > 570.17; 17 months 557.57 → 17.
    # At the comparison's 12 months: A = round(8 312 × 0.015 × 1.015^12 / (1.015^12 − 1))
    # = round(762.0443) = 762.04.
    # Row 1, 20 000 with 1 371.93: half 685.965 < 723.05 (36 months); 16 months
    # 1 415.32 > 1 371.93; 17 months A = round(1 341.5890) = 1 341.59, the last 1 341.67,
    # total 16 × 1 341.59 + 1 341.67 = 22 807.11.
    # Row 2, 30 000 with 2 057.90: 36 months 1 084.67 > 1 028.95; 16 months 2 122.99;
    # 17 months A = round(2 012.3835) = 2 012.39, the last 2 012.39, total 34 210.63.
    plan = spec_several_debts()
    assert (plan.recommendation.key, plan.recommendation.term) == ("installments", 17)
    assert plan.recommendation.reason is RecommendationReason.INSTALLMENTS_FULL_INCOME
    assert plan.option(OptionKey.INSTALLMENTS).first_payment == Decimal("762.04")
    one, two = plan.proposals
    assert (one.recommendation.key, one.recommendation.term) == ("installments", 17)
    assert (one.recommendation.first_payment, one.recommendation.total) == (
        Decimal("1341.59"), Decimal("22807.11"))
    assert (two.recommendation.key, two.recommendation.term) == ("installments", 17)
    assert (two.recommendation.first_payment, two.recommendation.total) == (
        Decimal("2012.39"), Decimal("34210.63"))
    assert one.monthly == Decimal("1341.59")
    # Every debt's dates are this plan's: the first payment a month after 2026-05-01.
    assert one.recommendation.detail.first_date == date(2026, 6, 1)


def test_the_spec_checks_shares_add_up_to_the_money_available():
    plan = spec_several_debts()
    shares = [plan.share, *(p.share for p in plan.proposals)]
    assert sum(s.monthly for s in shares) == plan.disposable_income == Decimal("4000.00")
    assert sum(s.savings for s in shares) == plan.budget.savings == Decimal("3000")


def test_no_proposal_asks_for_more_than_its_share():
    plan = spec_several_debts()
    # 557.57 ≤ 570.17, 1 341.67 ≤ 1 371.93, 2 012.39 ≤ 2 057.90.
    assert plan.recommendation.detail.largest_payment <= plan.share.monthly
    for proposal in plan.proposals:
        assert proposal.recommendation.detail.largest_payment <= proposal.share.monthly


def test_this_debts_options_are_judged_against_its_share_not_the_whole_income():
    # 762.04 at 12 months would fit the 4 000.00 disposable, not this debt's 570.17.
    option = spec_several_debts().option(OptionKey.INSTALLMENTS)
    assert option.available == Decimal("570.17")
    assert option.affordable is False
    # The largest is the last, 762.10: 762.10 − 570.17 = 191.93 more than the share.
    assert option.largest_payment == Decimal("762.10")
    assert option.shortfall == Decimal("191.93")


def test_share_budget_without_rows_in_arrears_gives_this_debt_everything():
    month = Budget(Decimal("5000"), Decimal("1000"), Decimal("500"), Decimal("700"))
    share, rows = share_budget(budget=month, debt=Decimal("100"), others=(SPEC_ROWS[2],))
    assert share == Share(monthly=Decimal("3500"), savings=Decimal("700"))
    assert rows == {}


def test_a_row_with_no_rate_skips_the_installment_steps():
    # D = 1 200 at 12 % and a row of 1 200 in arrears; 1 000 a month shared half and
    # half: round(1 000 × 1 200 / 2 400) = 500.00 each. This debt, as recommend() above:
    # installments over 6 (207.06). The row, its rate not known: interest-free over 3
    # (400.00 ≤ 500). With a rate of 12 it would be installments over 6 like this debt.
    unknown = plan_10000(
        debt=this_debt("1200"), month=budget("1000"), others=(row(1, "1200", rate=None),)
    )
    known = plan_10000(
        debt=this_debt("1200"), month=budget("1000"), others=(row(1, "1200", rate="12"),)
    )
    assert unknown.share.monthly == unknown.proposals[0].share.monthly == Decimal("500.00")
    assert (unknown.recommendation.key, unknown.recommendation.term) == ("installments", 6)
    rec = unknown.proposals[0].recommendation
    assert (rec.key, rec.term, rec.first_payment, rec.total) == (
        "interest_free", 3, Decimal("400.00"), Decimal("1200.00"))
    rec = known.proposals[0].recommendation
    assert (rec.key, rec.term, rec.first_payment) == ("installments", 6, Decimal("207.06"))


@pytest.mark.parametrize("income", ["8000", "7500"])
def test_nothing_left_after_essentials_gives_every_share_zero(income):
    # 8 000 (or 7 500) − 5 000 − 3 000 = 0 (or −500): nothing is shared; nothing fits.
    plan = spec_several_debts()
    month = Budget(Decimal(income), Decimal("5000"), Decimal("3000"), Decimal("0"))
    plan = draft_plan(debt=plan.debt, budget=month, others=SPEC_ROWS)
    assert plan.share.monthly == Decimal("0")
    assert [p.share.monthly for p in plan.proposals] == [Decimal("0")] * 2
    assert [p.recommendation.key for p in plan.proposals] == ["none"] * 2
    assert plan.recommendation.key == "none"
    # Nothing to offer: the letters propose no amount (a pause).
    assert [p.monthly for p in plan.proposals] == [Decimal("0")] * 2
    assert plan.disposable_income == Decimal(income) - Decimal("8000")


def test_letters_with_nothing_left_ask_for_a_pause():
    month = Budget(Decimal("8000"), Decimal("5000"), Decimal("3000"), Decimal("0"))
    plan = draft_plan(debt=spec_several_debts().debt, budget=month, others=SPEC_ROWS)
    for to in (0, 1, 2):
        letter = letter_for(plan=plan, to=to)
        assert letter.option is None
        assert letter.token_payments == ()
        assert letter.first_payment == letter.total == Decimal("0")


def test_a_share_too_small_for_any_option_is_offered_as_a_token_payment():
    # Income 8 100: 100.00 a month to share. Row 1: round(100 × 20 000 / 58 312 =
    # 34.2983) = 34.30; row 2: round(51.4474) = 51.45; this debt 14.25. Sixty
    # interest-free months of 20 000 need 333.33 > 34.30: none. The letter offers
    # 34.30 a month for 12 months (411.60 in all), from a month after as_of.
    month = Budget(Decimal("8100"), Decimal("5000"), Decimal("3000"), Decimal("0"))
    plan = draft_plan(debt=spec_several_debts().debt, budget=month, others=SPEC_ROWS)
    assert [p.share.monthly for p in plan.proposals] == [Decimal("34.30"), Decimal("51.45")]
    assert plan.share.monthly == Decimal("14.25")
    one = plan.proposals[0]
    assert one.recommendation.key == "none"
    assert one.monthly == Decimal("34.30")
    letter = letter_for(plan=plan, to=1)
    assert letter.option is None
    assert len(letter.token_payments) == TOKEN_MONTHS == 12
    assert {p.amount for p in letter.token_payments} == {Decimal("34.30")}
    assert letter.token_payments[0].date == date(2026, 6, 1)
    assert letter.token_payments[-1].date == date(2027, 5, 1)
    assert letter.total == Decimal("411.60")
    assert letter.basis == Decimal("20000.00")
    # This debt too: 14.25 a month.
    assert letter_for(plan=plan).token == Decimal("14.25")


def test_one_row_with_a_share_of_one_fen():
    # 1.00 a month; D = 9 900 and a row of 100: round(1 × 100 / 10 000) = 0.01 for the
    # row, 0.99 for this debt. 0.01 fits no option: it is offered as a token payment.
    plan = plan_10000(debt=this_debt("9900"), month=budget("1"), others=(row(1, "100"),))
    (proposal,) = plan.proposals
    assert proposal.share.monthly == Decimal("0.01")
    assert plan.share.monthly == Decimal("0.99")
    assert plan.arrears_total == Decimal("10000")
    assert proposal.recommendation.key == "none"
    letter = letter_for(plan=plan, to=1)
    assert letter.token == Decimal("0.01")
    assert letter.total == Decimal("0.12")  # 12 × 0.01


def test_a_share_that_rounds_to_nothing_asks_for_a_pause():
    # 1.00 a month; D = 99 999 and a row of 1: round(1 × 1 / 100 000) = 0.00.
    plan = plan_10000(debt=this_debt("99999"), month=budget("1"), others=(row(1, "1"),))
    assert plan.proposals[0].share.monthly == Decimal("0.00")
    assert plan.share.monthly == Decimal("1")
    letter = letter_for(plan=plan, to=1)
    assert (letter.option, letter.token_payments) == (None, ())


def ten_rows():
    # Rows N = 1 … 10 owe 1 000·N at 18 %, 30 days late; D = 10 000 at 12 %.
    return tuple(row(n, str(1000 * n)) for n in range(1, MAX_DEBTS + 1))


def test_ten_rows_in_arrears_share_the_budget_to_the_cent():
    # arrears_total 10 000 + 1 000 × 55 = 65 000. 13 001 a month: row N's share is
    # round(13 001 × N / 65) = round(200.0154 × N): 200.02, 400.03, 600.05, 800.06,
    # 1 000.08, 1 200.09, 1 400.11, 1 600.12, 1 800.14, 2 000.15 (sum 11 000.85);
    # this debt 13 001 − 11 000.85 = 2 000.15.
    plan = plan_10000(month=budget("13001"), others=ten_rows())
    assert plan.arrears_total == Decimal("65000")
    assert [p.share.monthly for p in plan.proposals] == [
        Decimal(x) for x in (
            "200.02", "400.03", "600.05", "800.06", "1000.08",
            "1200.09", "1400.11", "1600.12", "1800.14", "2000.15",
        )
    ]
    assert plan.share.monthly == Decimal("2000.15")
    assert plan.share.monthly + sum(p.share.monthly for p in plan.proposals) == Decimal("13001")


def test_ten_rows_each_get_the_shortest_buffer_term():
    # Row N: half its share ≈ 100·N; 6 months at 1.5 % is ≈ 175.53·N a month, 12 months
    # A = round(1 000·N × 0.015 × 1.015^12 / (1.015^12 − 1)) = round(91.679992·N):
    # 91.68 for row 1, 366.72 for row 4, 916.80 for row 10 (its last 916.81).
    plan = plan_10000(month=budget("13001"), others=ten_rows())
    assert [(p.recommendation.key, p.recommendation.term) for p in plan.proposals] == [
        ("installments", 12)
    ] * 10
    assert [plan.proposals[n].monthly for n in (0, 3, 9)] == [
        Decimal("91.68"), Decimal("366.72"), Decimal("916.80")]
    for proposal in plan.proposals:
        assert proposal.recommendation.detail.largest_payment <= proposal.share.monthly


def test_a_letter_to_a_row_proposes_its_recommendation():
    plan = spec_several_debts()
    letter = letter_for(plan=plan, to=2)
    assert letter.option == plan.proposal(2).recommendation.detail
    assert letter.basis == Decimal("30000.00")
    assert (letter.first_payment, letter.total) == (Decimal("2012.39"), Decimal("34210.63"))
    assert letter.fallback is None


def test_a_letter_to_a_row_not_in_arrears_is_refused():
    plan = spec_several_debts()
    assert plan.proposal(3) is None  # the mortgage is kept paid
    with pytest.raises(KeyError):
        letter_for(plan=plan, to=3)


# --- The letter's figures ------------------------------------------------------------


def spec_plan(**terms):
    # The spec's loan with 4 500 a month and 500 saved: installments over 6 months.
    return draft_plan(debt=spec_debt(), budget=budget("4500", savings="500"), terms=PlanTerms(**terms))


def test_the_letter_without_an_option_proposes_the_recommendation_at_its_own_term():
    # Half of 4 500 = 2 250: 3 months ≈ 3 557 > 2 250; 6 months, A = round(10 360.78 ×
    # 0.015 × 1.015^6 / (1.015^6 − 1)) = 1 818.58 ≤ 2 250 → 6; the last 1 818.56,
    # total 5 × 1 818.58 + 1 818.56 = 10 911.46.
    letter = letter_for(plan=spec_plan())
    assert letter.option.key is OptionKey.INSTALLMENTS
    assert letter.option.term == 6
    assert (letter.first_payment, letter.total) == (Decimal("1818.58"), Decimal("10911.46"))
    assert letter.basis == Decimal("10360.78")


def test_the_letter_for_an_option_uses_the_comparisons_term_by_default():
    # 12 months at 1.5 %: 949.88 a month, the last 949.82; 11 × 949.88 + 949.82 = 11 398.50.
    letter = letter_for(plan=spec_plan(), key=OptionKey.INSTALLMENTS)
    assert letter.option.term == 12
    assert (letter.first_payment, letter.total) == (Decimal("949.88"), Decimal("11398.50"))


def test_the_waiver_letter_proposes_the_option_on_d_less_the_penalty():
    # P = 5.78, so the basis is 10 360.78 − 5.78 = 10 355.00, at the same 12 months,
    # 1.5 % and dates: A = round(10 355 × 0.015 × 1.015^12 / (1.015^12 − 1)) = 949.35;
    # interest 155.33 (10 355 × 0.015 = 155.325 → 155.33), 143.41, 131.33, …; the last
    # 949.32; total 11 × 949.35 + 949.32 = 11 392.17. The fallback is the option on D:
    # 949.88 and 11 398.50.
    plan = spec_plan()
    letter = letter_for(plan=plan, key=OptionKey.INSTALLMENTS, waive_penalty=True)
    assert letter.basis == Decimal("10355.00")
    assert letter.waived == Decimal("5.78")
    assert letter.option.debt == Decimal("10355.00")
    assert letter.option.payments[0].interest == Decimal("155.33")
    assert (letter.first_payment, letter.total) == (Decimal("949.35"), Decimal("11392.17"))
    assert letter.option.last_payment == Decimal("949.32")
    assert [p.date for p in letter.option.payments] == [
        p.date for p in plan.option(OptionKey.INSTALLMENTS).payments]
    assert letter.option.annual_rate == letter.fallback.annual_rate == Decimal("18.00")
    assert letter.fallback == plan.option(OptionKey.INSTALLMENTS)
    assert (letter.fallback.first_payment, letter.fallback.total) == (
        Decimal("949.88"), Decimal("11398.50"))


def test_the_waiver_letter_keeps_the_recommendations_own_term():
    # The recommendation (6 months) on 10 355.00: 1 817.56 five times, the last
    # 1 817.58, total 10 905.38; the fallback on D: 1 818.58 and 10 911.46.
    letter = letter_for(plan=spec_plan(), waive_penalty=True)
    assert letter.option.term == letter.fallback.term == 6
    assert (letter.first_payment, letter.total) == (Decimal("1817.56"), Decimal("10905.38"))
    assert (letter.fallback.first_payment, letter.fallback.total) == (
        Decimal("1818.58"), Decimal("10911.46"))


def test_the_waiver_letter_for_settling_keeps_the_fee():
    # settle_now on 10 355.00 plus the 300.00 fee = 10 655.00; the fallback 10 660.78.
    letter = letter_for(plan=spec_plan(), key=OptionKey.SETTLE_NOW, waive_penalty=True)
    assert letter.total == Decimal("10655.00")
    assert letter.fallback.total == Decimal("10660.78")


def test_the_waiver_letter_for_a_deferral_charges_interest_on_the_basis():
    # 31 days: round(10 355 × 0.0005 × 31 = 160.5025) = 160.50 → 10 515.50;
    # on D: 160.59 → 10 521.37.
    letter = letter_for(plan=spec_plan(), key=OptionKey.DEFERRAL, waive_penalty=True)
    assert letter.total == Decimal("10515.50")
    assert letter.fallback.total == Decimal("10521.37")


def test_the_quick_estimates_waiver_letter_proposes_the_amount_overdue():
    # 12 000 overdue since 2026-03-10, on 2026-05-20 (71 days): P = round(12 000 ×
    # 0.00075 × 71) = 639.00, D = 12 639.00; the basis 12 000.00. 12 months at 1.5 %:
    # A = round(12 000 × 0.091680) = 1 100.16, total 13 201.95; on D 1 158.74, 13 904.92.
    debt = debt_from_estimate(
        overdue_amount=Decimal("12000"), due_date=date(2026, 3, 10), as_of=AS_OF, rate=XIAOMI,
        terms=PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=3),
    )
    plan = draft_plan(debt=debt, budget=budget("4500", savings="500"))
    letter = letter_for(plan=plan, key=OptionKey.INSTALLMENTS, waive_penalty=True)
    assert letter.basis == Decimal("12000.00")
    assert (letter.first_payment, letter.total) == (Decimal("1100.16"), Decimal("13201.95"))
    assert (letter.fallback.first_payment, letter.fallback.total) == (
        Decimal("1158.74"), Decimal("13904.92"))


def test_without_the_waiver_the_letter_proposes_the_option_on_d():
    plan = spec_plan()
    letter = letter_for(plan=plan, key=OptionKey.INSTALLMENTS)
    assert letter.basis == Decimal("10360.78")
    assert letter.fallback is None
    assert letter.waived == Decimal("0")
    assert letter.option == plan.option(OptionKey.INSTALLMENTS)


def test_with_no_penalty_the_waiver_changes_nothing():
    # P = 0 (nothing overdue yet): the letter proposes the option on D, no fallback.
    plan = plan_10000(month=budget("5000"))
    letter = letter_for(plan=plan, key=OptionKey.INSTALLMENTS, waive_penalty=True)
    assert letter.basis == Decimal("10000")
    assert letter.fallback is None
    assert letter.option == plan.option(OptionKey.INSTALLMENTS)


def test_a_letter_with_nothing_affordable_offers_the_share_as_a_token_payment():
    # 100 a month, nothing fits 10 000 (see above): 100.00 a month for 12 months.
    letter = letter_for(plan=plan_10000(month=budget("100")))
    assert letter.option is None
    assert letter.token == Decimal("100")
    assert letter.total == Decimal("1200")


# --- Properties ----------------------------------------------------------------------

cents = st.integers(min_value=1, max_value=1_000_000_000).map(lambda n: Decimal(n) / 100)
budget_figures = st.integers(min_value=0, max_value=1_000_000_000).map(lambda n: Decimal(n) / 100)
annual_rates = st.integers(min_value=0, max_value=36_500).map(lambda n: Decimal(n) / 100)
loan_rates = st.integers(min_value=0, max_value=3_600).map(lambda n: Decimal(n) / 100)
as_of_dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
fees = st.integers(min_value=0, max_value=10_000_000).map(lambda n: Decimal(n) / 100)
budgets = st.builds(
    Budget,
    monthly_income=budget_figures,
    monthly_expenses=budget_figures,
    other_debt_payments=budget_figures,
    savings=budget_figures,
)


@st.composite
def other_debts(draw, *, max_rows: int = MAX_DEBTS) -> tuple[OtherDebt, ...]:
    """Up to ten rows, kept or in arrears, with or without a rate."""
    numbers = draw(st.lists(st.integers(1, MAX_DEBTS), unique=True, max_size=max_rows))
    return tuple(
        OtherDebt(
            number=number,
            creditor=f"债{number}",
            kind=draw(st.sampled_from(list(DebtKind))),
            balance=draw(cents),
            payment=draw(budget_figures),
            days_overdue=draw(st.sampled_from([0, 0, 1, 40, 400])),
            annual_rate=draw(st.one_of(st.none(), loan_rates)),
        )
        for number in sorted(numbers)
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
        debt=Debt(as_of, debt, debt + fee, debt, Decimal(0), 0, None, None,
                  Rate.from_annual_percent(annual)),
        budget=month,
        terms=PlanTerms(term=term, defer_months=defer_months),
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
        detail = recommendation.detail
        assert detail.key is recommendation.option
        assert detail.term == recommendation.term
        assert detail.affordable


def brute_force_recommendation(*, debt, rate, share):
    # The five steps, building every candidate schedule in full.
    def fits(key, term, limit):
        option = build_option(
            key=key, debt=debt, payoff_amount=debt, rate=rate, as_of=AS_OF, share=share, term=term
        )
        return option.largest_payment <= limit

    if debt <= share.savings:
        return OptionKey.SETTLE_NOW, 0
    for term in (3, 6, 12, 24, 36):
        if fits(OptionKey.INSTALLMENTS, term, share.monthly / 2):
            return OptionKey.INSTALLMENTS, term
    for key in (OptionKey.INSTALLMENTS, OptionKey.INTEREST_FREE):
        for term in range(1, 61):
            if fits(key, term, share.monthly):
                return key, term
    return None, 0


@settings(max_examples=200, deadline=None)
@given(
    debt=cents,
    # Mostly the rates of real consumer loans, sometimes anything up to 365 %.
    annual=st.one_of(loan_rates, annual_rates),
    months=st.integers(min_value=1, max_value=80),
    savings_share=st.sampled_from(["0", "0.5", "1"]),
)
def test_recommendation_matches_a_brute_force_search(debt, annual, months, savings_share):
    # Disposable income near D / months, savings a share of D: every step occurs.
    share = Share(
        monthly=(debt / months).quantize(Decimal("0.01")),
        savings=debt * Decimal(savings_share),
    )
    rate = Rate.from_annual_percent(annual)
    recommendation = recommend(
        debt=debt, payoff_amount=debt, rate=rate, as_of=AS_OF, share=share
    )
    expected = brute_force_recommendation(debt=debt, rate=rate, share=share)
    assert (recommendation.option, recommendation.term) == expected


@settings(max_examples=300, deadline=None)
@given(debt=cents, month=budgets, others=other_debts())
def test_shares_always_add_up_to_the_disposable_income(debt, month, others):
    share, rows = share_budget(budget=month, debt=debt, others=others)
    in_arrears = [r.number for r in others if r.in_arrears]
    assert sorted(rows) == in_arrears
    if not in_arrears:
        assert share == Share(monthly=month.disposable_income, savings=month.savings)
    elif month.disposable_income > 0:
        assert share.monthly + sum(s.monthly for s in rows.values()) == month.disposable_income
        assert all(s.monthly >= 0 for s in rows.values())
    else:
        assert share.monthly == 0 and all(s.monthly == 0 for s in rows.values())
    if in_arrears and month.savings > 0:
        assert share.savings + sum(s.savings for s in rows.values()) == month.savings


@settings(max_examples=300, deadline=None)
@given(
    debt=cents,
    month=budgets,
    others=other_debts().filter(lambda rows: any(r.in_arrears for r in rows)),
    data=st.data(),
    more=st.integers(min_value=1, max_value=1_000_000_000).map(lambda n: Decimal(n) / 100),
)
def test_a_share_never_shrinks_when_its_balance_grows(debt, month, others, data, more):
    target = data.draw(st.sampled_from([r for r in others if r.in_arrears]))
    larger = tuple(
        OtherDebt(r.number, r.creditor, r.kind, r.balance + more, r.payment, r.days_overdue,
                  r.annual_rate) if r is target else r
        for r in others
    )
    _share, before = share_budget(budget=month, debt=debt, others=others)
    _share, after = share_budget(budget=month, debt=debt, others=larger)
    assert after[target.number].monthly >= before[target.number].monthly
    assert after[target.number].savings >= before[target.number].savings


@settings(max_examples=150, deadline=None)
@given(debt=cents, annual=loan_rates, month=budgets,
       others=other_debts(max_rows=4))
def test_no_debt_is_proposed_more_than_its_share(debt, annual, month, others):
    plan = draft_plan(
        debt=this_debt(str(debt), rate=Rate.from_annual_percent(annual)),
        budget=month,
        others=others,
    )
    for share, rec in [(plan.share, plan.recommendation),
                       *((p.share, p.recommendation) for p in plan.proposals)]:
        if rec.detail is None:
            continue
        if rec.detail.one_off:
            assert rec.detail.total <= share.savings
        else:
            assert rec.detail.largest_payment <= share.monthly
    for proposal in plan.proposals:
        assert proposal.monthly <= max(proposal.share.monthly, proposal.share.savings)


@settings(max_examples=150, deadline=None)
@given(debt=cents, annual=annual_rates, month=budgets, others=other_debts(),
       term=st.integers(min_value=1, max_value=60))
def test_with_no_row_in_arrears_the_plan_is_the_plan_without_rows(debt, annual, month, others,
                                                                   term):
    kept = tuple(
        OtherDebt(r.number, r.creditor, r.kind, r.balance, r.payment, 0, r.annual_rate)
        for r in others
    )
    rate = Rate.from_annual_percent(annual)
    with_rows = draft_plan(debt=this_debt(str(debt), rate=rate), budget=month,
                           terms=PlanTerms(term=term), others=kept)
    alone = draft_plan(debt=this_debt(str(debt), rate=rate), budget=month,
                       terms=PlanTerms(term=term))
    assert with_rows.proposals == ()
    assert with_rows.share == alone.share
    assert with_rows.options == alone.options
    assert with_rows.recommendation == alone.recommendation
    assert with_rows.arrears_total == alone.arrears_total == debt
