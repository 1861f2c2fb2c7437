"""Arrears (逾期) on a loan, and the quick estimate from an overdue amount.

The rules are those of calculations.md, "Arrears (逾期) on a loan" and "Quick
estimate". Conventions the spec fixes, restated because they decide the figures:

- ``paid_periods`` counts the first installments of the schedule paid in full.
  Only installments due on or before ``as_of`` can have been paid: a larger
  number raises ValueError (``check_paid_periods``; the form refuses it with a
  message), since paying before the due date is an early repayment, which the
  payoff covers. A bullet loan's schedule has one installment, due on ``due_n``.
- ``remaining_principal`` is the principal minus the principal of every
  installment that is paid or due before ``as_of``. An installment due on
  ``as_of`` and not paid is ``due``, not overdue: its principal is still in
  ``remaining_principal`` and its interest is in ``accrued_interest``.
- ``accrued_interest`` runs to ``as_of`` from the latest of the start date, the
  last due date before ``as_of`` and the due date of the last paid installment;
  an installment due on ``as_of`` and paid leaves 0 days.

Conventions chosen where the spec is silent:

- After the last due date every principal part has fallen due, so
  ``remaining_principal`` and ``accrued_interest`` are 0 and there is no
  prepayment fee: everything owed is in ``total_overdue``.
- Before the start date nothing accrues (the accrued days are never negative).
- ``daily_penalty`` is ``round((overdue principal + overdue interest) × p)`` over
  every overdue installment, including those still within grace: it is the daily
  rate at which the penalty runs once grace is over.
- The arrears as a whole are in grace while the *earliest* overdue installment is
  (``stage``); each installment also carries its own ``in_grace``.
- ``penalty_annual_rate`` is compared with 24 after rounding to 2 decimals.
- ``penalty_daily_percent`` is ``p`` in percent, quantized to 4 decimals (0.0750).
- A daily rate above 0 and below 0.001 % (under 0.36 % a year) is computed as
  given, but ``rate_looks_like_fraction`` says it: 0.0005 typed for 0.05 %.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
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
from calculator.engine.schedule import (
    Installment,
    Loan,
    Method,
    build_schedule,
    due_dates,
    schedule_apr,
)

# 法发〔2017〕22号: courts may reduce charges above 24 % a year on a financial loan.
COURT_THRESHOLD_PERCENT = Decimal(24)
_PERCENT_4DP = Decimal("0.0001")
# calculations.md: a daily rate below 0.001 (percent) looks like a fraction typed
# for a percent (0.0005 for 0.05 %); it is used as given, and the result says so.
FRACTION_DAILY_PERCENT = Decimal("0.001")
FRACTION_FACTOR = 100


class ArrearsStage(StrEnum):
    """Where the arrears stand: the engine names it, the templates choose words."""

    NOTHING_OVERDUE = "nothing_overdue"
    IN_GRACE = "in_grace"  # overdue, but the earliest installment is within grace
    PENALTY_RUNNING = "penalty_running"


def _stage(*, overdue: bool, in_grace: bool) -> ArrearsStage:
    if not overdue:
        return ArrearsStage.NOTHING_OVERDUE
    return ArrearsStage.IN_GRACE if in_grace else ArrearsStage.PENALTY_RUNNING


def rate_looks_like_fraction(rate: Rate) -> bool:
    """0 < daily rate < 0.001 %: probably a fraction (0.0005) typed for a percent."""
    return 0 < rate.daily_percent < FRACTION_DAILY_PERCENT


def scaled_rate(rate: Rate, factor: int = FRACTION_FACTOR) -> Rate:
    """The rate ``factor`` times larger: what 0.0005 would be read as 0.05 %."""
    return Rate.from_annual_percent(rate.annual_percent * factor)


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

    @property
    def stage(self) -> ArrearsStage:
        return _stage(overdue=self.overdue_periods > 0, in_grace=self.in_grace)


def installments_due_by(*, loan: Loan, as_of: date) -> int:
    """How many of the schedule's installments fall due on or before ``as_of``:
    the most ``paid_periods`` can be. A bullet loan has one, due on ``due_n``."""
    dues = due_dates(loan=loan)
    if loan.method is Method.BULLET:
        dues = dues[-1:]
    return bisect_right(dues, as_of)


def check_paid_periods(
    *, schedule: tuple[Installment, ...], paid_periods: int, as_of: date
) -> None:
    """ValueError unless 0 ≤ ``paid_periods`` ≤ the installments due by ``as_of``.

    calculations.md: only installments due on or before ``as_of`` can have been
    paid; paying one before its due date is an early repayment.
    """
    if paid_periods < 0:
        raise ValueError("paid_periods must not be negative")
    due = bisect_right([line.due_date for line in schedule], as_of)
    if paid_periods > due:
        raise ValueError(
            f"paid_periods ({paid_periods}) counts installments not yet due on {as_of}: "
            f"only {due} fall due by then"
        )


def settled_count(
    *, schedule: tuple[Installment, ...], paid_periods: int, as_of: date
) -> int:
    """How many installments, from the first, no longer count in the remaining
    principal: those paid, and those due before ``as_of`` (calculations.md)."""
    return max(paid_periods, bisect_left([line.due_date for line in schedule], as_of))


def calculate_loan_arrears(
    *,
    loan: Loan,
    terms: PenaltyTerms,
    paid_periods: int,
    as_of: date,
    schedule: tuple[Installment, ...] | None = None,
) -> LoanArrears:
    """The arrears on ``loan`` on ``as_of`` (calculations.md, "Arrears (逾期) on a loan").

    ``schedule`` is ``build_schedule(loan=loan)`` when the caller already has it
    (the page needs it for the growth chart too); it is built here otherwise.
    See the module docstring for the conventions.
    """
    if schedule is None:
        schedule = build_schedule(loan=loan)
    check_paid_periods(schedule=schedule, paid_periods=paid_periods, as_of=as_of)
    annual = loan.rate.annual_percent
    annual_penalty = penalty_annual_percent_exact(rate=loan.rate, terms=terms)
    grace = terms.grace_days

    states: list[InstallmentState] = []
    overdue_principal = overdue_interest = penalty_total = ZERO
    overdue_periods = 0
    first_overdue: InstallmentState | None = None
    for line in schedule:
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

    # calculations.md: the principal of every installment paid or due before as_of
    # is out of the remaining principal; interest accrues from the latest of the
    # start date, the last due date before as_of and the last paid due date.
    settled = settled_count(schedule=schedule, paid_periods=paid_periods, as_of=as_of)
    remaining = schedule[settled - 1].balance_after if settled else round_money(loan.principal)
    accrual_start = schedule[settled - 1].due_date if settled else loan.start_date
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

    @property
    def stage(self) -> ArrearsStage:
        return _stage(overdue=self.days_overdue > 0, in_grace=self.in_grace)


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
