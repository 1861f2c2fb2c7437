from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from calculator.engine.money import Rate
from calculator.engine.schedule import (
    Level,
    Loan,
    Method,
    amortize,
    build_schedule,
    due_dates,
    schedule_apr,
)
from calculator.tests.loans import TWELVE_PERCENT, XIAOMI_RATE, facts_loan, spec_loan


def test_interest_only_matches_the_spec_check():
    # Days 26, 28, 31, 30, 31, 30 × 10 000 × 0.0005 = 130, 140, 155, 150, 155, 150.
    schedule = build_schedule(loan=spec_loan())
    assert [line.days for line in schedule] == [26, 28, 31, 30, 31, 30]
    assert [line.interest for line in schedule] == [
        Decimal(x) for x in ("130.00", "140.00", "155.00", "150.00", "155.00", "150.00")
    ]
    assert sum(line.interest for line in schedule) == Decimal("880.00")
    assert [line.principal for line in schedule[:-1]] == [Decimal("0.00")] * 5
    assert schedule[-1].amount == Decimal("10150.00")  # 10 000 + 150
    assert schedule[-1].balance_after == Decimal("0.00")


def test_first_due_date_is_the_repayment_day_of_the_next_month():
    # Any day of March with repayment day 10 → 10 April, then 10 May.
    for start_day in (1, 10, 31):
        loan = Loan(
            principal=Decimal(1000),
            start_date=date(2026, 3, start_day),
            periods=2,
            repayment_day=10,
            method=Method.INTEREST_ONLY,
            rate=XIAOMI_RATE,
        )
        assert due_dates(loan=loan) == (date(2026, 4, 10), date(2026, 5, 10))


def test_repayment_day_31_falls_on_28_february_in_a_common_year():
    loan = Loan(
        principal=Decimal(1000),
        start_date=date(2026, 1, 5),
        periods=3,
        repayment_day=31,
        method=Method.INTEREST_ONLY,
        rate=XIAOMI_RATE,
    )
    schedule = build_schedule(loan=loan)
    assert [line.due_date for line in schedule] == [
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
    ]
    # 01-05 → 02-28 = 54 days; → 03-31 = 31; → 04-30 = 30.
    assert [line.days for line in schedule] == [54, 31, 30]


def test_repayment_day_31_falls_on_29_february_in_a_leap_year():
    loan = Loan(
        principal=Decimal(1000),
        start_date=date(2027, 12, 20),
        periods=3,
        repayment_day=31,
        method=Method.INTEREST_ONLY,
        rate=XIAOMI_RATE,
    )
    schedule = build_schedule(loan=loan)
    assert [line.due_date for line in schedule] == [
        date(2028, 1, 31),
        date(2028, 2, 29),
        date(2028, 3, 31),
    ]
    # 2027-12-20 → 2028-01-31 = 42 days; → 02-29 = 29; → 03-31 = 31.
    # Interest 1 000 × 0.0005 × days = 21.00, 14.50, 15.50.
    assert [line.days for line in schedule] == [42, 29, 31]
    assert [line.interest for line in schedule] == [
        Decimal("21.00"),
        Decimal("14.50"),
        Decimal("15.50"),
    ]


def test_equal_installment_pays_the_facts_vector_payment():
    # A = 10 000 × 0.01 × 1.01^12 / (1.01^12 − 1) = 888.4878… → 888.49 (facts.md).
    schedule = build_schedule(loan=facts_loan(Method.EQUAL_INSTALLMENT))
    assert [line.amount for line in schedule[:-1]] == [Decimal("888.49")] * 11
    # Month 1: interest 10 000 × 1 % = 100.00, principal 788.49, balance 9 211.51.
    assert (schedule[0].interest, schedule[0].principal) == (Decimal("100.00"), Decimal("788.49"))
    assert schedule[0].balance_after == Decimal("9211.51")
    # Month 2: interest round(9 211.51 × 1 %) = 92.12 (92.1151 rounded).
    assert schedule[1].interest == Decimal("92.12")


def test_equal_installment_last_pays_the_balance_plus_its_interest():
    # B_11 = 879.67; its interest round(8.7967) = 8.80; last payment 888.47.
    schedule = build_schedule(loan=facts_loan(Method.EQUAL_INSTALLMENT))
    assert schedule[-1].principal == Decimal("879.67")
    assert schedule[-1].interest == Decimal("8.80")
    assert schedule[-1].amount == Decimal("888.47")


def test_equal_installment_total_interest_is_the_sum_of_rounded_lines():
    # facts.md quotes 661.85 = round(888.4878… × 12 − 10 000), the unrounded annuity.
    # calculations.md rounds each month's interest: 100.00 + 92.12 + 84.15 + 76.11
    # + 67.98 + 59.78 + 51.49 + 43.12 + 34.67 + 26.13 + 17.51 + 8.80 = 661.86.
    schedule = build_schedule(loan=facts_loan(Method.EQUAL_INSTALLMENT))
    assert sum(line.interest for line in schedule) == Decimal("661.86")
    one = Decimal("1.01") ** 12
    unrounded_payment = Decimal(10000) * Decimal("0.01") * one / (one - 1)
    assert (unrounded_payment * 12 - 10000).quantize(Decimal("0.01")) == Decimal("661.85")


def test_equal_principal_matches_the_facts_vectors():
    # Principal round(10 000 / 12) = 833.33; first payment 833.33 + 100.00 = 933.33.
    # Interest on 10 000, 9 166.67, 8 333.34 … 833.37 at 1 %: total 650.00 (facts.md).
    schedule = build_schedule(loan=facts_loan(Method.EQUAL_PRINCIPAL))
    assert schedule[0].amount == Decimal("933.33")
    assert sum(line.interest for line in schedule) == Decimal("650.00")
    assert [line.principal for line in schedule[:-1]] == [Decimal("833.33")] * 11


def test_equal_principal_last_takes_the_rounding_remainder():
    # calculations.md: the last principal is 10 000 − 11 × 833.33 = 833.37, interest
    # round(8.3337) = 8.33, so 841.70; facts.md's 841.67 is 833.333… + 8.333… unrounded.
    schedule = build_schedule(loan=facts_loan(Method.EQUAL_PRINCIPAL))
    assert schedule[-1].principal == Decimal("833.37")
    assert schedule[-1].interest == Decimal("8.33")
    assert schedule[-1].amount == Decimal("841.70")


def test_bullet_is_one_installment_at_the_last_due_date():
    # 2026-01-15 → 2026-07-10 = 176 days; 10 000 × 0.0005 × 176 = 880.00.
    schedule = build_schedule(loan=spec_loan(Method.BULLET))
    assert len(schedule) == 1
    (line,) = schedule
    assert (line.number, line.due_date, line.days) == (1, date(2026, 7, 10), 176)
    assert (line.principal, line.interest, line.amount) == (
        Decimal("10000.00"),
        Decimal("880.00"),
        Decimal("10880.00"),
    )


@pytest.mark.parametrize("method", list(Method))
def test_principal_parts_sum_to_the_principal_for_every_method(method):
    for loan in (spec_loan(method), facts_loan(method)):
        schedule = build_schedule(loan=loan)
        assert sum(line.principal for line in schedule) == loan.principal
        assert schedule[-1].balance_after == 0


def test_zero_rate_equal_installment_splits_the_principal_evenly():
    # round(1 000 / 3) = 333.33 twice, then the remainder 333.34; no interest.
    loan = Loan(
        principal=Decimal("1000.00"),
        start_date=date(2026, 1, 15),
        periods=3,
        repayment_day=15,
        method=Method.EQUAL_INSTALLMENT,
        rate=Rate.from_annual_percent(Decimal(0)),
    )
    schedule = build_schedule(loan=loan)
    assert [line.amount for line in schedule] == [
        Decimal("333.33"),
        Decimal("333.33"),
        Decimal("333.34"),
    ]
    assert schedule_apr(loan=loan, schedule=schedule) == Decimal("0.00")


def test_tiny_equal_principal_loan_never_repays_more_than_it_owes():
    # round(1.80 / 360) = round(0.005) = 0.01: 180 months repay it all, the rest are 0.
    loan = Loan(
        principal=Decimal("1.80"),
        start_date=date(2026, 1, 15),
        periods=360,
        repayment_day=15,
        method=Method.EQUAL_PRINCIPAL,
        rate=TWELVE_PERCENT,
    )
    schedule = build_schedule(loan=loan)
    assert schedule[179].balance_after == Decimal("0.00")
    assert all(line.amount == 0 for line in schedule[180:])
    assert min(line.balance_after for line in schedule) == 0
    assert sum(line.principal for line in schedule) == Decimal("1.80")


# --- Exact to the cent: a line on half a fen rounds up (calculations.md) -------------
#
# 7 % a year is i = 7/1200 = 0.0058333… a month and r = 7/36 000 a day: cut to 28
# digits, each of these lines would land just below the half fen and round down.

SEVEN_PERCENT = Rate.from_annual_percent(Decimal(7))


def seven_percent_loan(principal: str, periods: int, method: Method) -> Loan:
    return Loan(
        principal=Decimal(principal),
        start_date=date(2026, 5, 20),
        periods=periods,
        repayment_day=20,
        method=method,
        rate=SEVEN_PERCENT,
    )


def test_equal_installment_interest_on_half_a_fen_rounds_up():
    # 162.00 over 2 months: A = round(162 × (1+i)² / (2+i)) = round(81.7094…) = 81.71.
    # Interest 1 = 162 × 7 ÷ 1 200 = 0.945 exactly → 0.95; principal 81.71 − 0.95 = 80.76,
    # balance 81.24; interest 2 = round(81.24 × 7 ÷ 1 200 = 0.4739) = 0.47; the last
    # 81.24 + 0.47 = 81.71.
    schedule = build_schedule(loan=seven_percent_loan("162", 2, Method.EQUAL_INSTALLMENT))
    assert [(line.principal, line.interest) for line in schedule] == [
        (Decimal("80.76"), Decimal("0.95")),
        (Decimal("81.24"), Decimal("0.47")),
    ]
    assert [line.amount for line in schedule] == [Decimal("81.71")] * 2


def test_equal_principal_interest_on_half_a_fen_rounds_up():
    # 162.00 over 3 months: principal 54.00 each; interest 162 × 7 ÷ 1 200 = 0.945 → 0.95,
    # 108 × 7 ÷ 1 200 = 0.63, 54 × 7 ÷ 1 200 = 0.315 → 0.32.
    schedule = build_schedule(loan=seven_percent_loan("162", 3, Method.EQUAL_PRINCIPAL))
    assert [line.principal for line in schedule] == [Decimal("54.00")] * 3
    assert [line.interest for line in schedule] == [
        Decimal("0.95"),
        Decimal("0.63"),
        Decimal("0.32"),
    ]


def test_equal_principal_part_on_half_a_fen_rounds_up():
    # 100.10 over 4 months at 12 %: principal round(100.10 / 4 = 25.025) = 25.03 (half
    # up; half even would give 25.02) three times, the last 100.10 − 75.09 = 25.01;
    # interest round(100.10 × 0.01) = 1.00, round(75.07 × 0.01) = 0.75,
    # round(50.04 × 0.01) = 0.50, round(25.01 × 0.01) = 0.25.
    loan = Loan(
        principal=Decimal("100.10"),
        start_date=date(2026, 1, 15),
        periods=4,
        repayment_day=15,
        method=Method.EQUAL_PRINCIPAL,
        rate=TWELVE_PERCENT,
    )
    schedule = build_schedule(loan=loan)
    assert [line.principal for line in schedule] == [Decimal("25.03")] * 3 + [Decimal("25.01")]
    assert [line.interest for line in schedule] == [
        Decimal("1.00"),
        Decimal("0.75"),
        Decimal("0.50"),
        Decimal("0.25"),
    ]


def test_interest_only_day_count_on_half_a_fen_rounds_up():
    # 1 260.00 from 2026-05-20 to 2026-06-20 (31 days): 1 260 × 7 × 31 ÷ 36 000 = 7.595
    # exactly → 7.60; the one installment 1 267.60.
    (line,) = build_schedule(loan=seven_percent_loan("1260", 1, Method.INTEREST_ONLY))
    assert (line.days, line.interest, line.amount) == (31, Decimal("7.60"), Decimal("1267.60"))


def test_amortize_is_the_schedules_arithmetic_without_dates():
    # The plan's options use the same lines: 162.00 at 7 % over 2 months, as above.
    assert amortize(
        principal=Decimal("162.00"), annual_percent=Decimal(7), periods=2
    ) == ((Decimal("80.76"), Decimal("0.95")), (Decimal("81.24"), Decimal("0.47")))
    assert amortize(
        principal=Decimal("162.00"), annual_percent=Decimal(7), periods=3, level=Level.PRINCIPAL
    ) == (
        (Decimal("54.00"), Decimal("0.95")),
        (Decimal("54.00"), Decimal("0.63")),
        (Decimal("54.00"), Decimal("0.32")),
    )


def test_apr_of_the_spec_loan_is_17_58():
    loan = spec_loan()
    assert schedule_apr(loan=loan, schedule=build_schedule(loan=loan)) == Decimal("17.58")


def test_apr_of_equal_installment_and_equal_principal_is_the_nominal_rate():
    # Interest is 1 % of the balance each month, so the IRR is 1 % a month → 12.00.
    for method in (Method.EQUAL_INSTALLMENT, Method.EQUAL_PRINCIPAL):
        loan = facts_loan(method)
        assert schedule_apr(loan=loan, schedule=build_schedule(loan=loan)) == Decimal("12.00")


def test_apr_of_a_bullet_discounts_over_all_periods():
    # 10 880 / (1 + m)^6 = 10 000 → m = 1.088^(1/6) − 1 = 0.014156… → 16.99 %.
    loan = spec_loan(Method.BULLET)
    assert schedule_apr(loan=loan, schedule=build_schedule(loan=loan)) == Decimal("16.99")


def test_apr_exactly_on_a_half_hundredth_rounds_up():
    # One month, 1 440 000 borrowed, interest round(1 440 000 × 0.005 % / 12) = 6.00:
    # m = 6 / 1 440 000, 12 × m = 0.005 % exactly → 0.01 (half up). (Newton alone
    # lands a hair below 0.005 here; the exact check settles the tie.)
    loan = Loan(
        principal=Decimal("1440000.00"),
        start_date=date(2026, 1, 15),
        periods=1,
        repayment_day=15,
        method=Method.EQUAL_INSTALLMENT,
        rate=Rate.from_annual_percent(Decimal("0.005")),
    )
    schedule = build_schedule(loan=loan)
    assert schedule[0].interest == Decimal("6.00")
    assert schedule_apr(loan=loan, schedule=schedule) == Decimal("0.01")


def _reference_apr(loan: Loan) -> Decimal:
    """Exact rational bisection of Σ CF_k (1+m)^−k = P, to 1e-12 in m."""
    schedule = build_schedule(loan=loan)
    flows = (
        {loan.periods: schedule[0].amount}
        if loan.method is Method.BULLET
        else {line.number: line.amount for line in schedule}
    )

    def present_value(m: Fraction) -> Fraction:
        return sum(Fraction(cf) / (1 + m) ** k for k, cf in flows.items())

    lo, hi = Fraction(0), Fraction(1)
    while hi - lo > Fraction(1, 10**12):
        mid = (lo + hi) / 2
        if present_value(mid) > Fraction(loan.principal):
            lo = mid
        else:
            hi = mid
    return (Decimal(lo.numerator) / Decimal(lo.denominator) * 1200).quantize(Decimal("0.01"))


@pytest.mark.parametrize(
    ("principal", "periods", "day", "annual", "method"),
    [
        ("5000.00", 24, 31, "23.99", Method.EQUAL_INSTALLMENT),
        ("123456.78", 36, 1, "7.2", Method.EQUAL_PRINCIPAL),
        ("800.00", 3, 28, "35.99", Method.INTEREST_ONLY),
        ("20000.00", 12, 5, "14.6", Method.BULLET),
    ],
)
def test_apr_agrees_with_an_exact_rational_bisection(principal, periods, day, annual, method):
    loan = Loan(
        principal=Decimal(principal),
        start_date=date(2025, 11, 30),
        periods=periods,
        repayment_day=day,
        method=method,
        rate=Rate.from_annual_percent(Decimal(annual)),
    )
    assert schedule_apr(loan=loan, schedule=build_schedule(loan=loan)) == _reference_apr(loan)


@pytest.mark.parametrize(
    "changes",
    [
        {"principal": Decimal(0)},
        {"principal": Decimal("10.005")},
        {"periods": 0},
        {"repayment_day": 32},
        {"rate": Rate.from_annual_percent(Decimal(-1))},
    ],
)
def test_loan_refuses_impossible_terms(changes):
    fields = {
        "principal": Decimal(1000),
        "start_date": date(2026, 1, 1),
        "periods": 6,
        "repayment_day": 10,
        "method": Method.INTEREST_ONLY,
        "rate": XIAOMI_RATE,
    }
    with pytest.raises(ValueError):
        Loan(**(fields | changes))
