"""How the debt grows over the coming days if nothing is paid (the 90-day chart).

Each point is exactly what the arrears calculation would give on that day:
for a loan, ``penalty`` and ``total`` are ``calculate_loan_arrears(as_of=as_of +
day)``'s ``penalty_interest`` and ``outstanding_total``; for the quick estimate,
``calculate_quick_estimate``'s ``penalty_interest`` and ``total_due``. The
schedule is built once (it is cached) and the days are walked forward, each line
rounded by the same exact ``DailyCharge`` rule as the arrears calculation and
summed in whole cents, so the figures agree to the cent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from calculator.engine.arrears import (
    PenaltyTerms,
    check_paid_periods,
    penalty_annual_percent_exact,
    quick_days_overdue,
)
from calculator.engine.money import ZERO, DailyCharge, Rate, cents_to_money, round_money
from calculator.engine.schedule import Loan, build_schedule

GROWTH_DAYS = 90


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """The debt ``day`` days after ``as_of``, if nothing is paid meanwhile."""

    day: int
    date: date
    penalty: Decimal
    total: Decimal


def loan_growth(
    *, loan: Loan, terms: PenaltyTerms, paid_periods: int, as_of: date, days: int = GROWTH_DAYS
) -> tuple[SeriesPoint, ...]:
    """Points for day 0 … ``days``: the penalty and ``outstanding_total`` each day."""
    check_paid_periods(loan=loan, paid_periods=paid_periods)
    schedule = build_schedule(loan=loan)
    count = len(schedule)
    annual = loan.rate.annual_percent
    annual_penalty = penalty_annual_percent_exact(rate=loan.rate, terms=terms)
    grace = terms.grace_days
    due_ordinals = [line.due_date.toordinal() for line in schedule]
    unpaid = min(paid_periods, count)  # index of the first unpaid installment

    due_before = 0  # installments due strictly before the day
    overdue_cents = 0  # principal + interest of the unpaid ones among them
    # Each overdue installment's penalty in cents after ``days`` days is
    # (per_day · days + offset) // divisor (DailyCharge.cents, inlined for speed):
    # the same exact rounding as penalty_line, summed in whole cents.
    overdue: list[tuple[int, int, int, int]] = []
    remaining = round_money(loan.principal)
    remaining_cents = _cents(remaining)
    accrual = DailyCharge.of(base=remaining, annual_percent=annual)
    accrual_start = loan.start_date.toordinal()
    points: list[SeriesPoint] = []
    start = as_of.toordinal()
    for day in range(days + 1):
        today = start + day
        if due_before < count and due_ordinals[due_before] < today:
            while due_before < count and due_ordinals[due_before] < today:
                line = schedule[due_before]
                if due_before >= unpaid:
                    overdue_cents += _cents(line.amount)
                    charge = DailyCharge.of(base=line.amount, annual_percent=annual_penalty)
                    overdue.append(
                        (due_ordinals[due_before], charge.per_day, charge.offset, charge.divisor)
                    )
                remaining = line.balance_after
                accrual_start = due_ordinals[due_before]
                due_before += 1
            accrual = DailyCharge.of(base=remaining, annual_percent=annual)
            remaining_cents = _cents(remaining)
        penalty_cents = 0
        for due, per_day, offset, divisor in overdue:
            # calculations.md: no penalty while days overdue ≤ grace.
            if today - due > grace:
                penalty_cents += (per_day * (today - due) + offset) // divisor
        accrued_cents = accrual.cents(today - accrual_start) if today > accrual_start else 0
        points.append(
            SeriesPoint(
                day,
                date.fromordinal(today),
                cents_to_money(penalty_cents),
                cents_to_money(overdue_cents + penalty_cents + remaining_cents + accrued_cents),
            )
        )
    return tuple(points)


def _cents(amount: Decimal) -> int:
    """An amount already rounded to the cent, as whole cents."""
    return int(amount.scaleb(2))


def quick_growth(
    *,
    overdue_amount: Decimal,
    due_date: date,
    as_of: date,
    rate: Rate,
    terms: PenaltyTerms,
    days: int = GROWTH_DAYS,
) -> tuple[SeriesPoint, ...]:
    """Points for day 0 … ``days``: the penalty and ``total_due`` each day."""
    amount = round_money(overdue_amount)
    charge = DailyCharge.of(
        base=amount, annual_percent=penalty_annual_percent_exact(rate=rate, terms=terms)
    )
    points: list[SeriesPoint] = []
    for day in range(days + 1):
        when = as_of + timedelta(days=day)
        overdue = quick_days_overdue(due_date=due_date, as_of=when)
        # calculations.md: penalty = round(A × p × days), or 0 within grace.
        penalty = charge.for_days(overdue) if overdue > terms.grace_days else ZERO
        points.append(SeriesPoint(day, when, penalty, amount + penalty))
    return tuple(points)
