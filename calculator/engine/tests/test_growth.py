from datetime import date, timedelta
from decimal import Decimal

import pytest

from calculator.engine.arrears import (
    PenaltyTerms,
    calculate_loan_arrears,
    calculate_quick_estimate,
    installments_due_by,
)
from calculator.engine.growth import loan_growth, quick_growth
from calculator.engine.money import Rate
from calculator.engine.schedule import Loan, Method, build_schedule
from calculator.tests.loans import XIAOMI_RATE, spec_loan

XIAOMI_TERMS = PenaltyTerms(
    penalty_multiplier=Decimal("1.5"), grace_days=3, prepayment_fee_percent=Decimal(3)
)




def test_loan_growth_has_91_daily_points_from_as_of():
    series = loan_growth(
        loan=spec_loan(), terms=XIAOMI_TERMS, paid_periods=2, as_of=date(2026, 5, 20)
    )
    assert [point.day for point in series] == list(range(91))
    assert series[0].date == date(2026, 5, 20)
    assert series[-1].date == date(2026, 8, 18)


def test_loan_growth_starts_at_the_outstanding_total():
    # The spec's check: outstanding 10 360.78 with penalty 5.78 on 2026-05-20.
    series = loan_growth(
        loan=spec_loan(), terms=XIAOMI_TERMS, paid_periods=2, as_of=date(2026, 5, 20)
    )
    assert (series[0].penalty, series[0].total) == (Decimal("5.78"), Decimal("10360.78"))


def test_loan_growth_next_day_adds_one_day_of_penalty_and_interest():
    # 05-21: penalties 155 × 0.00075 × 41 = 4.76625 → 4.77 and 150 × … × 11 = 1.2375
    # → 1.24 (6.01); accrued 11 days × 5.00 = 55.00; 305 + 6.01 + 10 000 + 55 = 10 366.01.
    series = loan_growth(
        loan=spec_loan(), terms=XIAOMI_TERMS, paid_periods=2, as_of=date(2026, 5, 20)
    )
    assert (series[1].penalty, series[1].total) == (Decimal("6.01"), Decimal("10366.01"))


@pytest.mark.parametrize("method", list(Method))
@pytest.mark.parametrize(
    ("paid_periods", "as_of", "grace_days"),
    [
        (2, date(2026, 5, 20), 3),  # crosses due dates 06-10 and 07-10 (the last)
        (0, date(2026, 1, 15), 0),  # from the start date, nothing overdue yet
        (3, date(2026, 5, 11), 7),  # starts within grace
        (4, date(2026, 5, 10), 3),  # the installment due on as_of is paid
        (3, date(2026, 5, 10), 3),  # … or due, not paid
        (6, date(2026, 7, 10), 3),  # the last one paid on its due date
        (1, date(2026, 9, 1), 30),  # past the last due date
    ],
)
def test_loan_growth_equals_recomputing_the_arrears_each_day(
    method, paid_periods, as_of, grace_days
):
    loan = spec_loan(method)
    # A bullet loan has one installment, due 07-10: at most it can have been paid.
    paid = min(paid_periods, installments_due_by(loan=loan, as_of=as_of))
    terms = PenaltyTerms(
        penalty_multiplier=Decimal("1.4"),
        grace_days=grace_days,
        prepayment_fee_percent=Decimal(2),
    )
    series = loan_growth(loan=loan, terms=terms, paid_periods=paid, as_of=as_of)
    for point in series:
        day = calculate_loan_arrears(
            loan=loan, terms=terms, paid_periods=paid, as_of=as_of + timedelta(days=point.day)
        )
        assert (point.penalty, point.total) == (day.penalty_interest, day.outstanding_total)


def test_loan_growth_for_a_long_equal_installment_loan_equals_recomputation():
    loan = Loan(
        principal=Decimal("87654.32"),
        start_date=date(2024, 8, 31),
        periods=60,
        repayment_day=31,
        method=Method.EQUAL_INSTALLMENT,
        rate=Rate.from_annual_percent(Decimal("15.35")),
    )
    as_of = date(2026, 2, 27)
    series = loan_growth(loan=loan, terms=XIAOMI_TERMS, paid_periods=9, as_of=as_of, days=120)
    assert len(series) == 121
    for point in series:
        day = calculate_loan_arrears(
            loan=loan, terms=XIAOMI_TERMS, paid_periods=9, as_of=point.date
        )
        assert point.total == day.outstanding_total
        assert point.penalty == day.penalty_interest


def test_loan_growth_day_zero_settles_the_installment_paid_that_day():
    # The spec loan with installment 4 (150.00, due 05-10) paid on 05-10: day 0 owes
    # 10 000 and nothing accrued; day 1, 1 day at 10 000 × 0.0005 = 5.00.
    series = loan_growth(
        loan=spec_loan(), terms=XIAOMI_TERMS, paid_periods=4, as_of=date(2026, 5, 10)
    )
    assert [point.total for point in series[:3]] == [
        Decimal("10000.00"),
        Decimal("10005.00"),
        Decimal("10010.00"),
    ]
    assert {point.penalty for point in series[:31]} == {Decimal("0.00")}


def test_loan_growth_takes_the_schedule_it_is_given():
    # The page builds the schedule once and hands it to both calculations.
    loan = spec_loan()
    schedule = build_schedule(loan=loan)
    given = loan_growth(
        loan=loan, terms=XIAOMI_TERMS, paid_periods=2, as_of=date(2026, 5, 20), schedule=schedule
    )
    assert given[0].total == Decimal("10360.78")  # the spec check's outstanding total


def test_loan_growth_refuses_installments_paid_before_they_fall_due():
    with pytest.raises(ValueError):
        loan_growth(loan=spec_loan(), terms=XIAOMI_TERMS, paid_periods=5, as_of=date(2026, 5, 20))


def test_quick_growth_stays_flat_through_grace_then_grows():
    # 1 000 due 2026-03-10, as_of 03-11: days 1, 2, 3 → 0; day 4 (03-14) → 3.00;
    # day 5 → 3.75 (0.75 a day).
    series = quick_growth(
        overdue_amount=Decimal(1000),
        due_date=date(2026, 3, 10),
        as_of=date(2026, 3, 11),
        rate=XIAOMI_RATE,
        terms=XIAOMI_TERMS,
    )
    assert len(series) == 91
    assert [point.penalty for point in series[:5]] == [
        Decimal(x) for x in ("0.00", "0.00", "0.00", "3.00", "3.75")
    ]
    assert series[3].total == Decimal("1003.00")


def test_quick_growth_equals_the_quick_estimate_each_day():
    amount, due, as_of = Decimal("3333.33"), date(2026, 1, 31), date(2026, 2, 2)
    series = quick_growth(
        overdue_amount=amount, due_date=due, as_of=as_of, rate=XIAOMI_RATE, terms=XIAOMI_TERMS
    )
    for point in series:
        estimate = calculate_quick_estimate(
            overdue_amount=amount,
            due_date=due,
            as_of=point.date,
            rate=XIAOMI_RATE,
            terms=XIAOMI_TERMS,
        )
        assert (point.penalty, point.total) == (estimate.penalty_interest, estimate.total_due)
