"""The lender's offer (核对还款方案): what it really costs, and whether it fits.

Every rule here is from calculations.md, "The lender's offer", unless a comment
says otherwise. A lender answers a request for a plan with its own offer, in
one of two forms:

- n equal payments of an amount ("24期，每期600元");
- a monthly fee on the amount financed (分期手续费, "每期手续费0.6%"): each payment
  is ``round(F / n) + round(F × f / 100)``, the last one's principal part being
  ``F − (n − 1) × round(F / n)``;

either with a down payment (首付) on ``as_of``. F = owed − down payment, and
payment k falls on ``as_of`` plus k months (a day past the month's end being
that month's last day). The real annual rate is the IRR of the payments against
F (PBoC 公告〔2021〕第3号), solved by ``calculator.engine.irr``.

Choices where the spec is silent (those a reader meets are stated on the page):

- A fee offer's principal part never repays more than is still financed. The
  literal rule would make the last part negative when ``(n − 1) × round(F / n)``
  exceeds F, which needs F below 0.005 × n × (n − 1) yuan (17.70 at 60 periods);
  the part is then capped at what is left and later parts are 0.00, as the plan
  does. For any real debt the schedule is exactly the spec's.
- Affordability compares exact figures: a largest payment equal to the money
  available fits. The down payment is due at once, from money at hand, so it is
  not compared with the monthly ``available``.
- The counter-offer, when the offer does not fit: the money available is the
  most to offer a month, and the shortest term of 1 to 60 months at which "the
  same rate" gives a largest payment within it. The same rate is, for a fee
  offer, the same monthly fee; for a payment offer that charges something, the
  same IRR (n′ equal payments ``round(F·m / (1 − (1 + m)^−n′))``); for a payment
  offer that charges nothing, or asks for less than is owed, the same payments'
  sum spread over n′ months (``round(S / n′)``, the last the remainder).
- With no money available at all, no term fits: the answer is to ask for
  collection to pause, as the letter does for a debt whose share is 0.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Context, Decimal
from enum import StrEnum

from calculator.engine.irr import irr_monthly_rate, irr_rates
from calculator.engine.money import (
    MONTHS_PER_YEAR,
    ZERO,
    add_months,
    round_money,
    round_money_ratio,
)
from calculator.engine.plan import MAX_TERM

# calculations.md: offer_periods 1–60 (5 years, the cap on a personal consumer
# loan and on a credit card's 个性化分期, facts.md): the plan's own limit.
MAX_PERIODS = MAX_TERM
# A monthly fee above this (120 % a year before the IRR) is a typing slip, not an
# offer; a payment offer may ask no more a month than this fee would. The bound
# also keeps (1 + m)^12 within the figures a page can show.
MAX_FEE_RATE_PERCENT = Decimal(10)
# 法发〔2017〕22号: courts may reduce charges on a financial loan above 24 % a year.
COURT_THRESHOLD_PERCENT = Decimal(24)

_WIDE = Context(prec=50)
# Half a fen: the most that rounding a payment to the fen takes off it.
_HALF_CENT = Decimal("0.005")


class OfferKind(StrEnum):
    PAYMENT = "payment"  # n equal payments of an amount
    FEE_RATE = "fee_rate"  # 分期手续费: a monthly fee on the amount financed


class Pricing(StrEnum):
    """What the offer asks for, against what is owed."""

    CHARGED = "charged"  # more than is owed
    INTEREST_FREE = "interest_free"  # exactly what is owed
    DISCOUNT = "discount"  # less than is owed: the rest would be waived


class CounterBasis(StrEnum):
    """What "the same rate" keeps when the term is longer."""

    FEE_RATE = "fee_rate"  # the same monthly fee
    ANNUAL_RATE = "annual_rate"  # the same IRR
    SAME_SUM = "same_sum"  # nothing charged (or a discount): the same sum, spread


class Answer(StrEnum):
    """What to answer the lender."""

    ACCEPT = "accept"  # the largest payment fits the money available
    COUNTER = "counter"  # it does not; a longer term at the same rate would
    PAY_WHAT_FITS = "pay_what_fits"  # no term up to 60 months fits: offer what is available
    PAUSE = "pause"  # nothing is available: ask for collection to pause
    ASK_IN_WRITING = "ask_in_writing"  # no budget given: ask for the offer in writing first


@dataclass(frozen=True, slots=True)
class Offer:
    """The lender's offer as the borrower heard or read it.

    Exactly one of ``payment`` (the equal monthly payment) and
    ``fee_rate_percent`` (the monthly fee, percent of the amount financed).
    """

    owed: Decimal
    as_of: date
    periods: int
    payment: Decimal | None = None
    fee_rate_percent: Decimal | None = None
    down_payment: Decimal = ZERO

    def __post_init__(self) -> None:
        if self.owed <= 0 or self.owed != round_money(self.owed):
            raise ValueError("owed must be a positive number of whole cents")
        if not 1 <= self.periods <= MAX_PERIODS:
            raise ValueError(f"periods must be from 1 to {MAX_PERIODS}")
        if (self.payment is None) == (self.fee_rate_percent is None):
            raise ValueError("give either payment or fee_rate_percent")
        if self.payment is not None and (
            self.payment <= 0 or self.payment != round_money(self.payment)
        ):
            raise ValueError("payment must be a positive number of whole cents")
        if self.fee_rate_percent is not None and not (
            0 <= self.fee_rate_percent <= MAX_FEE_RATE_PERCENT
        ):
            raise ValueError(f"fee_rate_percent must be from 0 to {MAX_FEE_RATE_PERCENT}")
        if not 0 <= self.down_payment < self.owed or self.down_payment != round_money(
            self.down_payment
        ):
            raise ValueError("down_payment must be whole cents, at least 0 and below owed")
        if self.payment is not None and self.payment > largest_payment_allowed(
            financed=self.financed, periods=self.periods
        ):
            raise ValueError("payment is more than the largest fee allows")

    @property
    def kind(self) -> OfferKind:
        return OfferKind.PAYMENT if self.payment is not None else OfferKind.FEE_RATE

    @property
    def financed(self) -> Decimal:
        """F = owed − down payment."""
        return round_money(self.owed - self.down_payment)


@dataclass(frozen=True, slots=True)
class OfferPayment:
    """Payment k of the offer. A fee offer's payment splits into principal and fee."""

    number: int
    date: date
    amount: Decimal
    principal: Decimal | None = None
    fee: Decimal | None = None


@dataclass(frozen=True, slots=True)
class CounterOffer:
    """What the budget can keep: at most ``monthly`` a month.

    ``term`` is the shortest term (1–60 months) at which the same rate fits,
    with its largest ``payment`` and its ``total`` (down payment included);
    all three are None when no term up to 60 months fits.
    """

    monthly: Decimal
    basis: CounterBasis
    term: int | None
    payment: Decimal | None
    total: Decimal | None


@dataclass(frozen=True, slots=True)
class OfferCheck:
    offer: Offer
    financed: Decimal
    payments: tuple[OfferPayment, ...]
    total: Decimal  # down payment + Σ payments
    cost: Decimal  # total − owed (negative for a discount)
    waived: Decimal  # owed − total for a discount, else 0.00
    apr: Decimal  # 12 × m, percent, 2 decimals
    effective_rate: Decimal  # (1 + m)^12 − 1, percent, 2 decimals
    pricing: Pricing
    largest_payment: Decimal
    available: Decimal | None
    affordable: bool | None  # None when ``available`` was not given
    shortfall: Decimal | None  # largest − available, only when it does not fit
    above_court_threshold: bool
    # A fee offer's fee × 12: what the fee looks like as a yearly rate (it is not one).
    fee_rate_times_12: Decimal | None
    answer: Answer
    counter: CounterOffer | None  # only when the offer does not fit


def largest_payment_allowed(*, financed: Decimal, periods: int) -> Decimal:
    """The most a payment offer may ask a month: the largest payment of a fee offer
    on the same amount and term at ``MAX_FEE_RATE_PERCENT``."""
    return _fee_largest(round_money(financed), MAX_FEE_RATE_PERCENT, periods)


def offer_payments(*, offer: Offer) -> tuple[OfferPayment, ...]:
    """The offer's payments, k = 1 … n, on ``as_of`` plus k months."""
    dates = _payment_dates(offer.as_of, offer.periods)
    if offer.payment is not None:
        return tuple(
            OfferPayment(number=k, date=day, amount=offer.payment)
            for k, day in enumerate(dates, start=1)
        )
    return _fee_payments(offer.financed, offer.fee_rate_percent, dates)


def check_offer(*, offer: Offer, available: Decimal | None) -> OfferCheck:
    """The offer's real cost, whether it fits ``available`` a month, and what to answer."""
    payments = offer_payments(offer=offer)
    financed = offer.financed
    flows = tuple(payment.amount for payment in payments)
    total = offer.down_payment + sum(flows, ZERO)
    cost = total - offer.owed
    rates = irr_rates(amount=financed, flows=flows, guess_annual_percent=_flat_guess(financed, flows))
    largest = max(flows)
    affordable = None if available is None else largest <= available
    counter = None
    if affordable is False:
        counter = _counter_offer(offer, flows, available)
    return OfferCheck(
        offer=offer,
        financed=financed,
        payments=payments,
        total=total,
        cost=cost,
        waived=max(-cost, ZERO),
        apr=rates.annual_percent,
        effective_rate=rates.effective_percent,
        pricing=_pricing(cost),
        largest_payment=largest,
        available=available,
        affordable=affordable,
        shortfall=largest - available if affordable is False else None,
        above_court_threshold=rates.annual_percent > COURT_THRESHOLD_PERCENT,
        fee_rate_times_12=(
            offer.fee_rate_percent * MONTHS_PER_YEAR
            if offer.fee_rate_percent is not None
            else None
        ),
        answer=_answer(affordable, available, counter),
        counter=counter,
    )


def _payment_dates(as_of: date, periods: int) -> tuple[date, ...]:
    # Always counted from as_of (31 Jan → 28 Feb → 31 Mar), as the plan does.
    return tuple(add_months(as_of, k) for k in range(1, periods + 1))


def _fee_payments(
    financed: Decimal, fee_rate_percent: Decimal, dates: tuple[date, ...]
) -> tuple[OfferPayment, ...]:
    parts = _fee_parts(financed, fee_rate_percent, len(dates))
    return tuple(
        OfferPayment(number=k, date=day, amount=principal + fee, principal=principal, fee=fee)
        for k, (day, (principal, fee)) in enumerate(zip(dates, parts, strict=True), start=1)
    )


def _fee_parts(financed: Decimal, fee_rate_percent: Decimal, n: int) -> list[tuple[Decimal, Decimal]]:
    """(principal part, fee) of each of n payments of a fee offer."""
    part = round_money_ratio(financed, n)  # round(F / n)
    fee = round_money_ratio(financed * fee_rate_percent, 100)  # round(F × f / 100), once
    parts = []
    left = financed
    for k in range(1, n + 1):
        # The last principal part is F − (n − 1) × round(F / n), i.e. what is left.
        principal = left if k == n else min(part, left)
        left -= principal
        parts.append((principal, fee))
    return parts


def _fee_largest(financed: Decimal, fee_rate_percent: Decimal, n: int) -> Decimal:
    """The largest payment of ``_fee_parts``, without writing out the n parts.

    Every part but the last is round(F / n), the last F − (n − 1) × round(F / n);
    when that is below round(F / n) (or would be below 0 and is capped), round(F / n)
    is the largest. The fee is the same in every payment.
    """
    part = round_money_ratio(financed, n)
    fee = round_money_ratio(financed * fee_rate_percent, 100)
    return max(part, financed - (n - 1) * part) + fee


def _flat_guess(financed: Decimal, flows: tuple[Decimal, ...]) -> Decimal:
    """Where the IRR search starts: the usual flat-rate estimate, 24·C / (F·(n + 1)) a
    year for a charge C, here in percent."""
    charge = sum(flows, ZERO) - financed
    if charge <= 0:
        return ZERO
    return _WIDE.divide(2400 * charge, financed * (len(flows) + 1))


def _pricing(cost: Decimal) -> Pricing:
    if cost > 0:
        return Pricing.CHARGED
    if cost == 0:
        return Pricing.INTEREST_FREE
    return Pricing.DISCOUNT


def _answer(affordable: bool | None, available: Decimal | None, counter: CounterOffer | None) -> Answer:
    if affordable is None:
        return Answer.ASK_IN_WRITING
    if affordable:
        return Answer.ACCEPT
    if available is not None and available <= 0:
        return Answer.PAUSE
    if counter is not None and counter.term is not None:
        return Answer.COUNTER
    return Answer.PAY_WHAT_FITS


def _counter_offer(offer: Offer, flows: tuple[Decimal, ...], available: Decimal) -> CounterOffer:
    """The shortest term (1–60) at which the same rate fits ``available``."""
    same = _same_rate(offer, flows)
    if available > 0:
        # A term's largest payment is at least its payments' average, which is at least
        # ``same.repaid`` / term less half a fen of rounding: no shorter term can fit.
        shortest = max(1, math.ceil(_WIDE.divide(same.repaid, available + _HALF_CENT)))
        for term in range(shortest, MAX_PERIODS + 1):
            # Each term's largest payment alone; the payments only for the term that fits.
            if same.largest(term) <= available:
                payments = same.payments(term)
                return CounterOffer(
                    monthly=available,
                    basis=same.basis,
                    term=term,
                    payment=max(payments),
                    total=offer.down_payment + sum(payments, ZERO),
                )
    return CounterOffer(monthly=available, basis=same.basis, term=None, payment=None, total=None)


@dataclass(frozen=True, slots=True)
class _SameRate:
    """What "the same rate" keeps, and the payments over any term at it."""

    basis: CounterBasis
    repaid: Decimal  # the payments over any term add up to at least this
    largest: Callable[[int], Decimal]  # the largest payment over a term
    payments: Callable[[int], tuple[Decimal, ...]]  # every payment over a term


def _same_rate(offer: Offer, flows: tuple[Decimal, ...]) -> _SameRate:
    financed = offer.financed

    def spread(basis: CounterBasis, amount: Decimal, fee_rate_percent: Decimal) -> _SameRate:
        # A fee offer's payments over the term: the amount in equal parts, plus the fee.
        return _SameRate(
            basis=basis,
            repaid=amount,
            largest=lambda term: _fee_largest(amount, fee_rate_percent, term),
            payments=lambda term: tuple(
                principal + fee for principal, fee in _fee_parts(amount, fee_rate_percent, term)
            ),
        )

    if offer.fee_rate_percent is not None:
        return spread(CounterBasis.FEE_RATE, financed, offer.fee_rate_percent)
    paid = sum(flows, ZERO)
    if paid <= financed:
        # Nothing charged, or less than is owed: the same sum spread over the term.
        return spread(CounterBasis.SAME_SUM, paid, ZERO)
    m = irr_monthly_rate(amount=financed, flows=flows, guess_annual_percent=_flat_guess(financed, flows))

    def annuity(term: int) -> Decimal:
        # At the offer's own monthly IRR m: F·m·(1+m)^n / ((1+m)^n − 1), rounded once.
        # Before rounding it is at least F / n (m ≥ 0), so n payments repay F.
        growth = _WIDE.power(_WIDE.add(1, m), term)
        numerator = _WIDE.multiply(_WIDE.multiply(financed, m), growth)
        return round_money(_WIDE.divide(numerator, _WIDE.subtract(growth, 1)))

    return _SameRate(
        basis=CounterBasis.ANNUAL_RATE,
        repaid=financed,
        largest=annuity,
        payments=lambda term: (annuity(term),) * term,
    )
