"""Money, rates and calendar arithmetic shared by every calculation.

Money is ``Decimal`` in yuan. A figure shown to the user is quantized to 0.01
with ROUND_HALF_UP, line by line (calculations.md, "Money, rates, rounding").
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)

# 日利率 = 年利率 ÷ 360 (银发〔2005〕129号); monthly rate = daily × 30 = annual ÷ 12.
DAYS_PER_YEAR = 360
MONTHS_PER_YEAR = 12
# An annual rate in percent over these gives the daily / monthly fraction.
PERCENT_DAYS_PER_YEAR = 100 * DAYS_PER_YEAR
PERCENT_MONTHS_PER_YEAR = 100 * MONTHS_PER_YEAR


def round_money(amount: Decimal) -> Decimal:
    """Quantize an amount to the cent, half up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


# Wide enough that a quotient such as P × annual × days / 36 000 is exact (or
# correct far past the cent) before its single rounding: no double rounding.
_EXACT = Context(prec=60, rounding=ROUND_HALF_EVEN)


def round_money_ratio(numerator: Decimal, denominator: Decimal | int) -> Decimal:
    """``numerator / denominator`` quantized to the cent, half up, rounded once.

    Rates are kept as exact annual percentages, so interest is computed as
    ``round_money_ratio(amount * annual * days, PERCENT_DAYS_PER_YEAR)`` rather
    than through a daily rate already cut to 28 digits.
    """
    return _EXACT.divide(numerator, denominator).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class DailyCharge:
    """``round(base × annual % ÷ 360 × days)`` to the cent, for any number of days.

    Interest and penalty interest run by the day on a fixed base (银发〔2005〕129号:
    r = annual ÷ 360). The base × rate product is held as an exact integer ratio,
    so each day's figure is one exact half-up rounding, and the growth chart can
    ask for 91 days without 91 Decimal divisions. Base and rate are not negative.
    """

    # cents(days) = ⌊(per_day · days + offset) / divisor⌋, where base × annual% = n/d:
    # per_day = 2n, offset = 360d, divisor = 720d (n·days / 360d cents, plus ½).
    per_day: int
    offset: int
    divisor: int

    @classmethod
    def of(cls, *, base: Decimal, annual_percent: Decimal) -> DailyCharge:
        n, d = _EXACT.multiply(base, annual_percent).as_integer_ratio()
        # base × annual/100/360 × days yuan = n·days / (360·d) cents.
        return cls(2 * n, 360 * d, 720 * d)

    def cents(self, days: int) -> int:
        """The charge for ``days`` days, in whole cents (half up)."""
        return (self.per_day * days + self.offset) // self.divisor

    def for_days(self, days: int) -> Decimal:
        """The charge for ``days`` days, in yuan to the cent."""
        return cents_to_money(self.cents(days))


def cents_to_money(cents: int) -> Decimal:
    """Whole cents as yuan with two decimals (12345 → Decimal("123.45"))."""
    return Decimal(cents).scaleb(-2)


def round_percent(value: Decimal) -> Decimal:
    """Quantize a percentage to two decimals, half up (e.g. an APR)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def add_months(start: date, months: int, *, day: int | None = None) -> date:
    """The given day (default: ``start``'s day) ``months`` months after ``start``.

    A day past the end of the target month becomes that month's last day
    (calculations.md: repayment day 31 falls on 28/29 February).
    """
    month_index = start.month - 1 + months
    year = start.year + month_index // MONTHS_PER_YEAR
    month = month_index % MONTHS_PER_YEAR + 1
    wanted = start.day if day is None else day
    if wanted > 28:
        last = 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month]
        wanted = min(wanted, last)
    return date(year, month, wanted)


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True)
class Rate:
    """A contract interest rate, held as the exact annual percentage.

    Built from what the contract states: ``Rate.from_daily_percent(Decimal("0.05"))``
    (0.05 % a day) or ``Rate.from_annual_percent(Decimal("18"))``. Keeping the
    annual figure exact avoids drift: 12 % a year gives a monthly rate of exactly
    0.01, not 0.0099999….
    """

    annual_percent: Decimal

    @classmethod
    def from_annual_percent(cls, annual: Decimal) -> Rate:
        return cls(annual_percent=Decimal(annual))

    @classmethod
    def from_daily_percent(cls, daily: Decimal) -> Rate:
        return cls(annual_percent=Decimal(daily) * DAYS_PER_YEAR)

    @property
    def daily(self) -> Decimal:
        """Daily rate as a fraction, r = annual / 360."""
        return self.annual_percent / (HUNDRED * DAYS_PER_YEAR)

    @property
    def monthly(self) -> Decimal:
        """Monthly rate as a fraction, i = r × 30 = annual / 12."""
        return self.annual_percent / (HUNDRED * MONTHS_PER_YEAR)

    @property
    def daily_percent(self) -> Decimal:
        return self.annual_percent / DAYS_PER_YEAR
