"""The contract repayment schedule and its annualised rate (APR).

Conventions (calculations.md, "The repayment schedule"):

- ``due_k`` is the repayment day in the k-th month after the start month, or that
  month's last day when the month is shorter; ``due_0`` is the start date.
- Interest runs from the drawdown day and not on the repayment day, so period k
  has ``(due_k − due_{k−1}).days`` days.
- Every installment's interest is rounded to the cent on its own line.

Where the spec is silent:

- At a 0 % rate, ``equal_installment`` pays ``round(P / n)`` (the limit of the
  annuity formula as i → 0), the last installment the remainder.
- A rounded installment (``equal_installment``) or a rounded principal part
  (``equal_principal``) never repays more than the balance still owed: on tiny
  loans over many periods, where rounding up would overshoot, the principal part
  is capped at the balance and later installments carry nothing. The principal
  parts therefore always add up to the principal exactly.
- A ``bullet`` loan has a single installment, numbered 1, due on ``due_n``; the
  APR discounts it over ``n`` months.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Context, Decimal
from enum import StrEnum

from calculator.engine.irr import irr_annual_percent
from calculator.engine.money import (
    PERCENT_MONTHS_PER_YEAR,
    ZERO,
    DailyCharge,
    Rate,
    add_months,
    round_money,
    round_money_ratio,
)


class Method(StrEnum):
    """How the loan is repaid (还款方式)."""

    INTEREST_ONLY = "interest_only"  # 按月付息、到期还本
    EQUAL_INSTALLMENT = "equal_installment"  # 等额本息
    EQUAL_PRINCIPAL = "equal_principal"  # 等额本金
    BULLET = "bullet"  # 到期一次还本付息


@dataclass(frozen=True, slots=True)
class Loan:
    """A loan as its contract states it.

    ``repayment_day`` is the day of the month (1–31) installments fall due;
    ``start_date`` is the drawdown day (放款日).
    """

    principal: Decimal
    start_date: date
    periods: int
    repayment_day: int
    method: Method
    rate: Rate

    def __post_init__(self) -> None:
        if self.principal <= 0 or self.principal != round_money(self.principal):
            raise ValueError("principal must be a positive number of whole cents")
        if self.periods < 1:
            raise ValueError("periods must be at least 1")
        if not 1 <= self.repayment_day <= 31:
            raise ValueError("repayment_day must be between 1 and 31")
        if self.rate.annual_percent < 0:
            raise ValueError("rate must not be negative")


@dataclass(frozen=True, slots=True)
class Installment:
    """One line of the schedule; ``balance_after`` is the principal still owed."""

    number: int
    due_date: date
    days: int
    principal: Decimal
    interest: Decimal
    balance_after: Decimal

    @property
    def amount(self) -> Decimal:
        return self.principal + self.interest


def due_dates(*, loan: Loan) -> tuple[date, ...]:
    """``due_1 … due_n``: the repayment day k months after the start month."""
    start_month = loan.start_date.replace(day=1)
    # calculations.md: a day past the month's end is that month's last day.
    return tuple(
        add_months(start_month, k, day=loan.repayment_day) for k in range(1, loan.periods + 1)
    )


def build_schedule(*, loan: Loan) -> tuple[Installment, ...]:
    """The contract schedule, one ``Installment`` per payment, in due-date order.

    The principal parts add up to ``loan.principal`` exactly. Nothing is kept
    between calls (the server forgets a result as soon as it is sent): a caller that
    needs the schedule twice builds it once and passes it on.
    """
    dues = due_dates(loan=loan)
    previous = (loan.start_date, *dues[:-1])
    days = [(due - before).days for due, before in zip(dues, previous, strict=True)]
    principal = round_money(loan.principal)  # same value, written to the cent
    annual = loan.rate.annual_percent
    n = loan.periods

    if loan.method is Method.BULLET:
        # calculations.md: one installment at due_n, P × r × (due_n − start).days.
        total_days = (dues[-1] - loan.start_date).days
        interest = DailyCharge.of(base=principal, annual_percent=annual).for_days(total_days)
        return (Installment(1, dues[-1], total_days, principal, interest, ZERO),)

    lines: list[Installment] = []
    if loan.method is Method.INTEREST_ONLY:
        # calculations.md: interest P × r × days_k; the principal with the last.
        charge = DailyCharge.of(base=principal, annual_percent=annual)
        for k in range(n):
            interest = charge.for_days(days[k])
            last = k == n - 1
            lines.append(
                Installment(
                    k + 1,
                    dues[k],
                    days[k],
                    principal if last else ZERO,
                    interest,
                    ZERO if last else principal,
                )
            )
        return tuple(lines)

    level = Level.PAYMENT if loan.method is Method.EQUAL_INSTALLMENT else Level.PRINCIPAL
    parts = amortize(principal=principal, annual_percent=annual, periods=n, level=level)
    balance = principal
    for k, (part, interest) in enumerate(parts):
        balance -= part
        lines.append(Installment(k + 1, dues[k], days[k], part, interest, balance))
    return tuple(lines)


class Level(StrEnum):
    """What stays level from month to month in an amortising schedule."""

    PAYMENT = "payment"  # 等额本息: the installment A
    PRINCIPAL = "principal"  # 等额本金: the principal part round(P / n)


def amortize(
    *, principal: Decimal, annual_percent: Decimal, periods: int, level: Level = Level.PAYMENT
) -> tuple[tuple[Decimal, Decimal], ...]:
    """(principal part, interest) of each of ``periods`` monthly installments.

    The one amortiser of the site: the contract schedule and every plan option use
    it (calculations.md, "The repayment schedule" and "The negotiation plan").

    - Interest of installment k is ``round(B_{k−1} × annual ÷ 1200)``, computed
      exactly and rounded once (162.00 at 7 % → 0.945 → 0.95, never 0.94).
    - ``Level.PAYMENT``: ``A = round(P·i·(1+i)^n / ((1+i)^n − 1))``, principal part
      ``A − interest``; at 0 % the limit ``round(P / n)``.
    - ``Level.PRINCIPAL``: principal part ``round(P / n)``.
    - The last installment repays the whole remaining balance plus its interest, and
      no part ever repays more than is still owed (module docstring), so the parts
      add up to ``principal`` exactly.
    """
    if level is Level.PAYMENT:
        payment = annuity_payment(principal, annual_percent, periods)
    else:
        payment = round_money_ratio(principal, periods)
    balance = principal
    rows: list[tuple[Decimal, Decimal]] = []
    for k in range(periods):
        interest = round_money_ratio(balance * annual_percent, PERCENT_MONTHS_PER_YEAR)
        if k == periods - 1:
            part = balance
        elif level is Level.PAYMENT:
            part = min(payment - interest, balance)
        else:
            part = min(payment, balance)
        balance -= part
        rows.append((part, interest))
    return tuple(rows)


# Enough digits for (1 + i)^360.
_WIDE = Context(prec=50)


def annuity_payment(principal: Decimal, annual: Decimal, n: int) -> Decimal:
    """``A = round(P·i·(1+i)^n / ((1+i)^n − 1))``, i = annual ÷ 1200; ``round(P/n)`` at 0 %."""
    if annual == 0:
        return round_money(_WIDE.divide(principal, n))
    i = _WIDE.divide(annual, PERCENT_MONTHS_PER_YEAR)
    growth = _WIDE.power(_WIDE.add(1, i), n)
    numerator = _WIDE.multiply(_WIDE.multiply(principal, i), growth)
    return round_money(_WIDE.divide(numerator, _WIDE.subtract(growth, 1)))


def schedule_apr(*, loan: Loan, schedule: tuple[Installment, ...]) -> Decimal:
    """The schedule's annualised rate (PBoC 公告〔2021〕第3号), by the IRR method.

    Solves ``Σ CF_k / (1+m)^k = principal`` for the monthly rate m, where CF_k is
    installment k's amount (for a bullet loan, k = ``loan.periods``), and returns
    ``12 × m`` in percent, 2 decimals, half up (calculations.md, "apr"). A rate
    that lands exactly on a half hundredth rounds up, decided in exact arithmetic.
    """
    if loan.method is Method.BULLET:
        flows = {loan.periods: schedule[0].amount}
    else:
        flows = {line.number: line.amount for line in schedule}
    return irr_annual_percent(
        amount=round_money(loan.principal),
        flows=tuple(flows.get(k, ZERO) for k in range(1, loan.periods + 1)),
        guess_annual_percent=loan.rate.annual_percent,
    )
