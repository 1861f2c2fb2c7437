"""How the debt grows over the coming days if nothing is paid (the 90-day chart).

Each point is exactly what the arrears calculation would give on that day:
for a loan, ``penalty`` and ``total`` are ``calculate_loan_arrears(as_of=as_of +
day)``'s ``penalty_interest`` and ``outstanding_total``; for the quick estimate,
``calculate_quick_estimate``'s ``penalty_interest`` and ``total_due``. The
schedule is built once (or passed in by a caller that already has it) and the
days are walked forward, each line rounded by the same exact ``DailyCharge`` rule
as the arrears calculation and summed in whole cents, so the figures agree to the
cent.

The installments paid stay paid: on day 0 an installment due on ``as_of`` and
paid is settled (no principal, no accrued days), as in the arrears; from day 1
every paid installment is due before the day, so the rule "paid or due before the
day" reduces to "due before the day".
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
    settled_count,
)
from calculator.engine.money import ZERO, DailyCharge, Rate, cents_to_money, round_money
from calculator.engine.schedule import Installment, Loan, build_schedule

GROWTH_DAYS = 90


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """The debt ``day`` days after ``as_of``, if nothing is paid meanwhile."""

    day: int
    date: date
    penalty: Decimal
    total: Decimal


def loan_growth(
    *,
    loan: Loan,
    terms: PenaltyTerms,
    paid_periods: int,
    as_of: date,
    days: int = GROWTH_DAYS,
    schedule: tuple[Installment, ...] | None = None,
) -> tuple[SeriesPoint, ...]:
    """Points for day 0 … ``days``: the penalty and ``outstanding_total`` each day.

    ``schedule`` is ``build_schedule(loan=loan)`` when the caller already has it.
    """
    if schedule is None:
        schedule = build_schedule(loan=loan)
    check_paid_periods(schedule=schedule, paid_periods=paid_periods, as_of=as_of)
    count = len(schedule)
    annual = loan.rate.annual_percent
    annual_penalty = penalty_annual_percent_exact(rate=loan.rate, terms=terms)
    grace = terms.grace_days
    due_ordinals = [line.due_date.toordinal() for line in schedule]
    unpaid = paid_periods  # index of the first unpaid installment

    due_before = 0  # installments due strictly before the day
    overdue_cents = 0  # principal + interest of the unpaid ones among them
    # Each overdue installment's penalty in cents after ``days`` days is
    # (per_day · days + offset) // divisor (DailyCharge.cents, inlined for speed):
    # the same exact rounding as penalty_line, summed in whole cents.
    overdue: list[tuple[int, int, int, int]] = []
    # calculations.md: what is paid or due before the day is out of the remaining
    # principal, and interest accrues from the later of that installment's due
    # date and the start date. ``settled`` only grows as the days go by.
    settled = settled_count(schedule=schedule, paid_periods=paid_periods, as_of=as_of)
    remaining = schedule[settled - 1].balance_after if settled else round_money(loan.principal)
    accrual_start = (schedule[settled - 1].due_date if settled else loan.start_date).toordinal()
    remaining_cents = _cents(remaining)
    accrual = DailyCharge.of(base=remaining, annual_percent=annual)
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
                due_before += 1
            if due_before > settled:
                settled = due_before
                remaining = schedule[settled - 1].balance_after
                accrual_start = due_ordinals[settled - 1]
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
