"""Properties of the engine over the whole range the forms accept."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.engine.arrears import (
    InstallmentStatus,
    PenaltyTerms,
    calculate_loan_arrears,
    calculate_quick_estimate,
    installments_due_by,
)
from calculator.engine.growth import loan_growth
from calculator.engine.money import Rate
from calculator.engine.schedule import Loan, Method, build_schedule
from calculator.engine.timeline import consequence_timeline

BOUNDED = settings(max_examples=200, deadline=None)

cents = st.integers(min_value=1, max_value=1_000_000_000).map(lambda c: Decimal(c).scaleb(-2))
# 0 … 1 % a day, in steps of 0.0001 %.
daily_percent = st.integers(min_value=0, max_value=10_000).map(lambda x: Decimal(x).scaleb(-4))
multiplier = st.integers(min_value=100, max_value=300).map(lambda x: Decimal(x).scaleb(-2))
starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


@st.composite
def loans(draw) -> Loan:
    return Loan(
        principal=draw(cents),
        start_date=draw(starts),
        periods=draw(st.integers(min_value=1, max_value=360)),
        repayment_day=draw(st.integers(min_value=1, max_value=31)),
        method=draw(st.sampled_from(list(Method))),
        rate=Rate.from_daily_percent(draw(daily_percent)),
    )


@st.composite
def terms(draw) -> PenaltyTerms:
    return PenaltyTerms(
        penalty_multiplier=draw(multiplier),
        grace_days=draw(st.integers(min_value=0, max_value=30)),
        # 0 … 5 % of the remaining principal, in steps of 0.01 %.
        prepayment_fee_percent=Decimal(draw(st.integers(min_value=0, max_value=500))).scaleb(-2),
    )


@st.composite
def cases(draw):
    loan = draw(loans())
    if draw(st.booleans()):
        # On a due date: the installment due that day may be paid or not.
        as_of = draw(st.sampled_from([line.due_date for line in build_schedule(loan=loan)]))
    else:
        as_of = loan.start_date + timedelta(days=draw(st.integers(min_value=0, max_value=40 * 366)))
    # calculations.md: only installments due on or before as_of can have been paid.
    paid_periods = draw(st.integers(min_value=0, max_value=installments_due_by(loan=loan, as_of=as_of)))
    return loan, draw(terms()), paid_periods, as_of


@BOUNDED
@given(loans(), st.integers(min_value=-40, max_value=40 * 366))
def test_installments_due_by_counts_the_schedules_lines(loan, days):
    as_of = loan.start_date + timedelta(days=days)
    schedule = build_schedule(loan=loan)
    due = installments_due_by(loan=loan, as_of=as_of)
    assert due == sum(1 for line in schedule if line.due_date <= as_of)
    calculate_loan_arrears(loan=loan, terms=NO_TERMS, paid_periods=due, as_of=as_of)
    with pytest.raises(ValueError):
        calculate_loan_arrears(loan=loan, terms=NO_TERMS, paid_periods=due + 1, as_of=as_of)


NO_TERMS = PenaltyTerms(penalty_multiplier=Decimal(1), grace_days=0)


@BOUNDED
@given(loans())
def test_schedule_principal_parts_sum_to_the_principal(loan):
    schedule = build_schedule(loan=loan)
    assert sum(line.principal for line in schedule) == loan.principal
    assert all(line.principal >= 0 and line.interest >= 0 for line in schedule)
    assert all(line.balance_after >= 0 for line in schedule)
    assert [line.due_date for line in schedule] == sorted({line.due_date for line in schedule})


@BOUNDED
@given(cases())
def test_totals_are_sums_of_their_rounded_lines(case):
    loan, penalty_terms, paid_periods, as_of = case
    result = calculate_loan_arrears(
        loan=loan, terms=penalty_terms, paid_periods=paid_periods, as_of=as_of
    )
    overdue = [s for s in result.schedule if s.status is InstallmentStatus.OVERDUE]
    assert result.overdue_periods == len(overdue)
    assert result.overdue_principal == sum(s.installment.principal for s in overdue)
    assert result.overdue_interest == sum(s.installment.interest for s in overdue)
    assert result.penalty_interest == sum(s.penalty for s in overdue)
    assert all(s.penalty == s.penalty.quantize(Decimal("0.01")) for s in result.schedule)
    assert result.total_overdue == (
        result.overdue_principal + result.overdue_interest + result.penalty_interest
    )
    assert result.outstanding_total == (
        result.total_overdue + result.remaining_principal + result.accrued_interest
    )
    assert result.payoff_amount == result.outstanding_total + result.prepayment_fee
    assert result.pay_today == result.total_overdue


@BOUNDED
@given(cases())
def test_payoff_covers_outstanding_covers_overdue(case):
    loan, penalty_terms, paid_periods, as_of = case
    result = calculate_loan_arrears(
        loan=loan, terms=penalty_terms, paid_periods=paid_periods, as_of=as_of
    )
    assert result.payoff_amount >= result.outstanding_total >= result.total_overdue >= 0
    if as_of >= result.last_due_date:
        assert result.prepayment_fee == 0
    if as_of > result.last_due_date:
        assert result.remaining_principal == result.accrued_interest == 0


@BOUNDED
@given(cases())
def test_no_penalty_within_grace(case):
    loan, penalty_terms, paid_periods, as_of = case
    result = calculate_loan_arrears(
        loan=loan, terms=penalty_terms, paid_periods=paid_periods, as_of=as_of
    )
    for state in result.schedule:
        if state.status is not InstallmentStatus.OVERDUE:
            assert (state.penalty, state.days_overdue) == (0, 0)
        elif state.days_overdue <= penalty_terms.grace_days:
            assert state.in_grace and state.penalty == 0
    if result.in_grace:
        assert result.penalty_interest == 0


@BOUNDED
@given(cases(), st.integers(min_value=0, max_value=90))
def test_growth_point_equals_the_arrears_on_that_day(case, day):
    # Half the cases start on a due date, with the installment due that day paid
    # or not: day 0 settles it, and the days after must agree with the arrears.
    loan, penalty_terms, paid_periods, as_of = case
    series = loan_growth(loan=loan, terms=penalty_terms, paid_periods=paid_periods, as_of=as_of)
    later = calculate_loan_arrears(
        loan=loan, terms=penalty_terms, paid_periods=paid_periods, as_of=as_of + timedelta(days=day)
    )
    assert series[day].total == later.outstanding_total
    assert series[day].penalty == later.penalty_interest
    penalties = [point.penalty for point in series]
    assert penalties == sorted(penalties)


@BOUNDED
@given(cases())
def test_timeline_never_raises_and_keeps_its_keys(case):
    loan, penalty_terms, paid_periods, as_of = case
    result = calculate_loan_arrears(
        loan=loan, terms=penalty_terms, paid_periods=paid_periods, as_of=as_of
    )
    first = result.first_overdue_date or as_of
    timeline = consequence_timeline(
        first_overdue=first, grace_days=penalty_terms.grace_days, as_of=as_of
    )
    assert len(timeline) == 6
    assert timeline[-1].date > as_of


@BOUNDED
@given(cents, starts, st.integers(min_value=0, max_value=3650), daily_percent, terms())
def test_quick_estimate_never_raises_and_adds_up(amount, due_date, days, daily, penalty_terms):
    result = calculate_quick_estimate(
        overdue_amount=amount,
        due_date=due_date,
        as_of=due_date + timedelta(days=days),
        rate=Rate.from_daily_percent(daily),
        terms=penalty_terms,
    )
    assert result.total_due == amount + result.penalty_interest == result.pay_today
    assert result.days_overdue == days
    if days <= penalty_terms.grace_days:
        assert result.penalty_interest == 0
