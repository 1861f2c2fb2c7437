"""Arrears (逾期) on a loan, and the quick estimate from an overdue amount.

The rules are those of calculations.md, "Arrears (逾期) on a loan" and "Quick
estimate". Conventions chosen where the spec is silent:

- ``paid_periods`` counts the first installments paid in full (0 … ``periods``).
  A bullet loan has one installment, so any ``paid_periods`` ≥ 1 marks it paid.
  As the spec says, ``remaining_principal`` subtracts the principal of every
  installment due *before* ``as_of``, paid or not; installments paid ahead of
  their due date do not reduce it.
- An installment due on ``as_of`` is ``due``, not overdue: its principal is still
  in ``remaining_principal`` and its interest is the ``accrued_interest`` (which
  runs from the previous due date to ``as_of``).
- After the last due date every principal part has fallen due, so
  ``remaining_principal`` and ``accrued_interest`` are 0 and there is no
  prepayment fee: everything owed is in ``total_overdue``.
- Before the start date nothing accrues (the accrued days are never negative).
- ``daily_penalty`` is ``round((overdue principal + overdue interest) × p)`` over
  every overdue installment, including those still within grace: it is the daily
  rate at which the penalty runs once grace is over.
- ``penalty_annual_rate`` is compared with 24 after rounding to 2 decimals.
- ``penalty_daily_percent`` is ``p`` in percent, quantized to 4 decimals (0.0750).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from calculator.engine.money import (
    DAYS_PER_YEAR,
    HUNDRED,
    PERCENT_DAYS_PER_YEAR,
    ZERO,
    DailyCharge,
    Rate,
    round_money,
    round_money_ratio,
    round_percent,
)
from calculator.engine.schedule import Installment, Loan, build_schedule, schedule_apr

# 法发〔2017〕22号: courts may reduce charges above 24 % a year on a financial loan.
COURT_THRESHOLD_PERCENT = Decimal(24)
_PERCENT_4DP = Decimal("0.0001")


@dataclass(frozen=True, slots=True)
class PenaltyTerms:
    """The contract's terms for arrears.

    ``penalty_multiplier``: penalty rate ÷ contract rate (银发〔2003〕251号: 1.3–1.5;
    Xiaomi 1.5). ``grace_days``: 宽限期. ``prepayment_fee_percent``: percent of the
    remaining principal charged on early settlement.
    """

    penalty_multiplier: Decimal
    grace_days: int
    prepayment_fee_percent: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        if self.penalty_multiplier < 0:
            raise ValueError("penalty_multiplier must not be negative")
        if self.grace_days < 0:
            raise ValueError("grace_days must not be negative")
        if self.prepayment_fee_percent < 0:
            raise ValueError("prepayment_fee_percent must not be negative")


def penalty_annual_percent_exact(*, rate: Rate, terms: PenaltyTerms) -> Decimal:
    """p × 360 in percent, unrounded: the contract annual rate × the multiplier."""
    return rate.annual_percent * terms.penalty_multiplier


def penalty_daily_rate(*, rate: Rate, terms: PenaltyTerms) -> Decimal:
    """p = r × multiplier, as a fraction per day (calculations.md; 银发〔2003〕251号)."""
    return penalty_annual_percent_exact(rate=rate, terms=terms) / PERCENT_DAYS_PER_YEAR


def penalty_daily_percent(*, rate: Rate, terms: PenaltyTerms) -> Decimal:
    """p in percent a day, to 4 decimals (0.05 %/day × 1.5 → 0.0750)."""
    daily = penalty_annual_percent_exact(rate=rate, terms=terms) / DAYS_PER_YEAR
    return daily.quantize(_PERCENT_4DP, rounding=ROUND_HALF_UP)


def penalty_annual_rate(*, rate: Rate, terms: PenaltyTerms) -> Decimal:
    """p × 360 in percent, 2 decimals, half up (calculations.md)."""
    return round_percent(penalty_annual_percent_exact(rate=rate, terms=terms))


def above_court_threshold(*, rate: Rate, terms: PenaltyTerms) -> bool:
    """Whether the penalty rate alone is above 24 % a year (法发〔2017〕22号)."""
    return penalty_annual_rate(rate=rate, terms=terms) > COURT_THRESHOLD_PERCENT


def penalty_line(
    *, amount: Decimal, days_overdue: int, annual_penalty: Decimal, grace_days: int
) -> Decimal:
    """One installment's penalty: ``round(amount × p × days)``, 0 within grace.

    ``annual_penalty`` is p × 360 in percent (see ``penalty_annual_percent_exact``).
    """
    # calculations.md: no penalty while days overdue ≤ grace; then from day 1.
    if days_overdue <= grace_days:
        return ZERO
    return DailyCharge.of(base=amount, annual_percent=annual_penalty).for_days(days_overdue)


def accrued_interest(
    *, remaining_principal: Decimal, annual_percent: Decimal, days: int
) -> Decimal:
    """``round(remaining × r × days)``; never negative days (nothing before drawdown)."""
    if days <= 0:
        return ZERO
    # 银发〔2005〕129号: r = annual / 360; interest from the drawdown day.
    return DailyCharge.of(base=remaining_principal, annual_percent=annual_percent).for_days(days)


class InstallmentStatus(StrEnum):
    PAID = "paid"
    OVERDUE = "overdue"  # due before as_of and not paid
    DUE = "due"  # due on as_of: not yet overdue
    UPCOMING = "upcoming"


@dataclass(frozen=True, slots=True)
class InstallmentState:
    """An installment as it stands on ``as_of``."""

    installment: Installment
    status: InstallmentStatus
    days_overdue: int
    in_grace: bool
    penalty: Decimal


@dataclass(frozen=True, slots=True)
class LoanArrears:
    """Where a loan stands on ``as_of``; every total is a sum of rounded lines."""

    schedule: tuple[InstallmentState, ...]
    overdue_principal: Decimal
    overdue_interest: Decimal
    penalty_interest: Decimal
    total_overdue: Decimal
    overdue_periods: int
    days_overdue: int
    first_overdue_date: date | None
    grace_end: date | None
    in_grace: bool
    remaining_principal: Decimal
    accrued_interest: Decimal
    prepayment_fee: Decimal
    outstanding_total: Decimal
    payoff_amount: Decimal
    daily_penalty: Decimal
    apr: Decimal
    penalty_daily_percent: Decimal
    penalty_annual_rate: Decimal
    above_court_threshold: bool
    last_due_date: date

    @property
    def pay_today(self) -> Decimal:
        """What to pay today to stop the penalty growing: the overdue total."""
        return self.total_overdue


def check_paid_periods(*, loan: Loan, paid_periods: int) -> None:
    if not 0 <= paid_periods <= loan.periods:
        raise ValueError("paid_periods must be between 0 and the number of periods")


def calculate_loan_arrears(
    *, loan: Loan, terms: PenaltyTerms, paid_periods: int, as_of: date
) -> LoanArrears:
    """The arrears on ``loan`` on ``as_of`` (calculations.md, "Arrears (逾期) on a loan").

    See the module docstring for the conventions chosen where the spec is silent.
    """
    check_paid_periods(loan=loan, paid_periods=paid_periods)
    schedule = build_schedule(loan=loan)
    annual = loan.rate.annual_percent
    annual_penalty = penalty_annual_percent_exact(rate=loan.rate, terms=terms)
    grace = terms.grace_days

    states: list[InstallmentState] = []
    overdue_principal = overdue_interest = penalty_total = ZERO
    overdue_periods = 0
    first_overdue: InstallmentState | None = None
    remaining = round_money(loan.principal)
    accrual_start = loan.start_date
    for line in schedule:
        if line.due_date < as_of:
            # calculations.md: every principal part due before as_of, paid or not.
            remaining = line.balance_after
            accrual_start = line.due_date
        if line.number <= paid_periods:
            states.append(InstallmentState(line, InstallmentStatus.PAID, 0, False, ZERO))
        elif line.due_date < as_of:
            # calculations.md: overdue when due before as_of; days = as_of − due_k.
            days = (as_of - line.due_date).days
            penalty = penalty_line(
                amount=line.amount,
                days_overdue=days,
                annual_penalty=annual_penalty,
                grace_days=grace,
            )
            state = InstallmentState(line, InstallmentStatus.OVERDUE, days, days <= grace, penalty)
            states.append(state)
            overdue_principal += line.principal
            overdue_interest += line.interest
            penalty_total += penalty
            overdue_periods += 1
            if first_overdue is None:
                first_overdue = state
        elif line.due_date == as_of:
            states.append(InstallmentState(line, InstallmentStatus.DUE, 0, False, ZERO))
        else:
            states.append(InstallmentState(line, InstallmentStatus.UPCOMING, 0, False, ZERO))

    accrued = accrued_interest(
        remaining_principal=remaining, annual_percent=annual, days=(as_of - accrual_start).days
    )
    last_due = schedule[-1].due_date
    fee = ZERO
    if as_of < last_due:
        # calculations.md: fee = round(remaining × fee% / 100) before the last due date.
        fee = round_money_ratio(remaining * terms.prepayment_fee_percent, HUNDRED)
    total_overdue = overdue_principal + overdue_interest + penalty_total
    outstanding = total_overdue + remaining + accrued
    penalty_annual = penalty_annual_rate(rate=loan.rate, terms=terms)
    first_date = first_overdue.installment.due_date if first_overdue else None
    return LoanArrears(
        schedule=tuple(states),
        overdue_principal=overdue_principal,
        overdue_interest=overdue_interest,
        penalty_interest=penalty_total,
        total_overdue=total_overdue,
        overdue_periods=overdue_periods,
        days_overdue=first_overdue.days_overdue if first_overdue else 0,
        first_overdue_date=first_date,
        grace_end=first_date + timedelta(days=grace) if first_date else None,
        in_grace=first_overdue.in_grace if first_overdue else False,
        remaining_principal=remaining,
        accrued_interest=accrued,
        prepayment_fee=fee,
        outstanding_total=outstanding,
        payoff_amount=outstanding + fee,
        # calculations.md: daily_penalty = round((overdue principal + interest) × p).
        daily_penalty=round_money_ratio(
            (overdue_principal + overdue_interest) * annual_penalty, PERCENT_DAYS_PER_YEAR
        ),
        apr=schedule_apr(loan=loan, schedule=schedule),
        penalty_daily_percent=penalty_daily_percent(rate=loan.rate, terms=terms),
        penalty_annual_rate=penalty_annual,
        above_court_threshold=penalty_annual > COURT_THRESHOLD_PERCENT,
        last_due_date=last_due,
    )


@dataclass(frozen=True, slots=True)
class QuickEstimate:
    """The quick estimate: one overdue amount, one first missed due date."""

    overdue_amount: Decimal
    due_date: date
    days_overdue: int
    penalty_interest: Decimal
    total_due: Decimal
    daily_penalty: Decimal
    grace_end: date
    in_grace: bool
    penalty_daily_percent: Decimal
    penalty_annual_rate: Decimal
    above_court_threshold: bool

    @property
    def pay_today(self) -> Decimal:
        """What to pay today to stop the penalty growing: everything due."""
        return self.total_due


def quick_days_overdue(*, due_date: date, as_of: date) -> int:
    """``(as_of − due_date).days``, or 0 when ``as_of`` is not after the due date."""
    return max((as_of - due_date).days, 0)


def calculate_quick_estimate(
    *, overdue_amount: Decimal, due_date: date, as_of: date, rate: Rate, terms: PenaltyTerms
) -> QuickEstimate:
    """The quick estimate (calculations.md, "Quick estimate").

    If ``as_of`` is on or before ``due_date`` nothing is overdue yet: days overdue
    is 0, there is no penalty and ``in_grace`` is False (the form refuses an
    ``as_of`` before the due date). ``in_grace`` is True while 1 ≤ days ≤ grace.
    ``prepayment_fee_percent`` in ``terms`` is not used.
    """
    if overdue_amount < 0:
        raise ValueError("overdue_amount must not be negative")
    amount = round_money(overdue_amount)
    annual_penalty = penalty_annual_percent_exact(rate=rate, terms=terms)
    days = quick_days_overdue(due_date=due_date, as_of=as_of)
    # calculations.md: penalty = round(A × p × days), or 0 within grace.
    penalty = penalty_line(
        amount=amount, days_overdue=days, annual_penalty=annual_penalty, grace_days=terms.grace_days
    )
    penalty_annual = penalty_annual_rate(rate=rate, terms=terms)
    return QuickEstimate(
        overdue_amount=amount,
        due_date=due_date,
        days_overdue=days,
        penalty_interest=penalty,
        total_due=amount + penalty,
        # calculations.md: daily_penalty = round(A × p).
        daily_penalty=round_money_ratio(amount * annual_penalty, PERCENT_DAYS_PER_YEAR),
        grace_end=due_date + timedelta(days=terms.grace_days),
        in_grace=0 < days <= terms.grace_days,
        penalty_daily_percent=penalty_daily_percent(rate=rate, terms=terms),
        penalty_annual_rate=penalty_annual,
        above_court_threshold=penalty_annual > COURT_THRESHOLD_PERCENT,
    )
