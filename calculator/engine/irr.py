"""The annualised rate of a series of monthly payments, by the IRR method.

PBoC 公告〔2021〕第3号 asks lenders to show the annualised rate of everything a
borrower pays on the money actually outstanding; the IRR method finds the
monthly rate m at which the payments, discounted, are worth the amount lent:

    amount = Σ flow_k / (1 + m)^k,   k = 1 … n (month of each payment)

Used by the contract schedule (``schedule.schedule_apr``) and by the lender's
offer (``offer.check_offer``): one solver, so the two pages can never disagree.

Both rates are rounded once, to two decimals, half up, and a rate that lands
exactly on a half hundredth is decided in exact (or 80-digit) arithmetic rather
than by the solver's last digits.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from fractions import Fraction

from calculator.engine.money import PERCENT_MONTHS_PER_YEAR, ZERO, round_percent

# Enough digits for solving far past the rates' 2 decimals.
_APR_CONTEXT = Context(prec=34)
# Enough digits to place the effective rate on one side of a rounding boundary.
_BOUNDARY_CONTEXT = Context(prec=80)
_HALF_BASIS_POINT = Decimal("0.005")
_BRACKET_WIDTH = Decimal("1e-26")
_NEAR_BOUNDARY = Decimal("1e-12")


@dataclass(frozen=True, slots=True)
class IrrRates:
    """The two ways of writing the monthly IRR m a year, in percent (2 decimals).

    ``annual_percent`` is 12 × m (the APR lenders must show); ``effective_percent``
    is (1 + m)^12 − 1, what the same rate comes to when compounded monthly.
    Both are 0.00 when the payments do not add up to more than the amount.
    """

    annual_percent: Decimal
    effective_percent: Decimal


def irr_annual_percent(
    *, amount: Decimal, flows: tuple[Decimal, ...], guess_annual_percent: Decimal = ZERO
) -> Decimal:
    """12 × m in percent, 2 decimals, half up; 0.00 when ``sum(flows) <= amount``.

    ``flows[k-1]`` is the payment in month k (0 for a month without one); every
    flow is ≥ 0. ``guess_annual_percent`` is only where the search starts (the
    contract rate, say); the answer does not depend on it.
    """
    return _annual(amount, flows, _discount_factor(amount, flows, guess_annual_percent))


def irr_rates(
    *, amount: Decimal, flows: tuple[Decimal, ...], guess_annual_percent: Decimal = ZERO
) -> IrrRates:
    """Both the APR (12 × m) and the effective annual rate ((1 + m)^12 − 1)."""
    v = _discount_factor(amount, flows, guess_annual_percent)  # solved once for both
    return IrrRates(
        annual_percent=_annual(amount, flows, v),
        effective_percent=_effective(amount, flows, v),
    )


def irr_monthly_rate(
    *, amount: Decimal, flows: tuple[Decimal, ...], guess_annual_percent: Decimal = ZERO
) -> Decimal:
    """m itself (a fraction, not a percent), to about 26 digits; 0 when nothing is charged."""
    v = _discount_factor(amount, flows, guess_annual_percent)
    if v is None:
        return Decimal(0)
    with localcontext(_APR_CONTEXT):
        return 1 / v - 1


# Nothing is kept between calls: the server forgets a result as soon as it is sent.
def _annual(amount: Decimal, flows: tuple[Decimal, ...], v: Decimal | None) -> Decimal:
    if v is None:
        return round_percent(ZERO)
    with localcontext(_APR_CONTEXT):
        return _round_apr(PERCENT_MONTHS_PER_YEAR * (1 / v - 1), amount, flows)


def _effective(amount: Decimal, flows: tuple[Decimal, ...], v: Decimal | None) -> Decimal:
    if v is None:
        return round_percent(ZERO)
    with localcontext(_APR_CONTEXT):
        return _round_effective(100 * ((1 / v) ** 12 - 1), amount, flows)


def _discount_factor(amount: Decimal, flows: tuple[Decimal, ...], guess: Decimal) -> Decimal | None:
    """Solve g(v) = Σ CF_k·v^k − P = 0 for the discount factor v = 1/(1+m).

    None when ΣCF ≤ P: nothing is charged, and the rate is 0.

    g is increasing and convex on (0, 1] (every CF_k ≥ 0), g(0) = −P < 0 and
    g(1) = ΣCF − P > 0, so the root is bracketed. Newton starts from the guessed
    monthly rate (usually within a few percent of m) and falls back to bisection
    whenever a step would leave the bracket; it stops once a Newton step is below
    1e-15 (the error left is then of order 1e-28) or the bracket is narrower than
    1e-26: far below what rounding 1200·m to 0.01 can notice, unless m sits on a
    rounding boundary, which ``_round_apr`` and ``_round_effective`` settle.
    """
    if sum(flows) <= amount:
        return None
    with localcontext(_APR_CONTEXT):
        lo, hi = Decimal(0), Decimal(1)
        tolerance = Decimal("1e-15")
        v = 1 / (1 + guess / PERCENT_MONTHS_PER_YEAR) if guess > 0 else (lo + hi) / 2
        for _ in range(400):
            value, slope = _horner(flows, v, amount)
            if value == 0:
                break
            if value > 0:
                hi = v
            else:
                lo = v
            newton = v - value / slope if slope else lo
            if lo < newton < hi:
                step = abs(newton - v)
                v = newton
                if step < tolerance:
                    break
            else:
                v = (lo + hi) / 2
                if hi - lo < _BRACKET_WIDTH:
                    break
        return v


def _horner(flows: tuple[Decimal, ...], v: Decimal, principal: Decimal) -> tuple[Decimal, Decimal]:
    """g(v) and g'(v) in one pass (coefficients CF_n … CF_1, then −P)."""
    value = slope = Decimal(0)
    for flow in reversed(flows):
        slope = slope * v + value
        value = value * v + flow
    return value * v - principal, slope * v + value


def _boundary(rate_percent: Decimal) -> tuple[Decimal, Decimal] | None:
    """The half hundredth nearest ``rate_percent`` and its rounding, or None when far from one."""
    rounded = round_percent(rate_percent)
    boundary = (
        rounded + _HALF_BASIS_POINT if rate_percent > rounded else rounded - _HALF_BASIS_POINT
    )
    if abs(rate_percent - boundary) > _NEAR_BOUNDARY:
        return None
    return boundary, rounded


def _round_apr(annual_percent: Decimal, principal: Decimal, flows: tuple[Decimal, ...]) -> Decimal:
    """Round 1200·m half up; near a half hundredth, decide on which side m lies exactly."""
    near = _boundary(annual_percent)
    if near is None:
        return round_percent(annual_percent)
    boundary, _ = near
    # g(v_b) ≥ 0 at the boundary's discount factor means m ≥ the boundary: round up.
    v_b = Fraction(1200) / (1200 + Fraction(boundary))
    g = Fraction(0)
    for flow in reversed(flows):
        g = (g + Fraction(flow)) * v_b
    g -= Fraction(principal)
    return round_percent(boundary + _HALF_BASIS_POINT if g >= 0 else boundary - _HALF_BASIS_POINT)


def _round_effective(
    effective_percent: Decimal, principal: Decimal, flows: tuple[Decimal, ...]
) -> Decimal:
    """Round (1+m)^12 − 1 half up; near a half hundredth, settle the side in 80 digits.

    The boundary's discount factor (1 + b/100)^(−1/12) is irrational, so it is
    computed to 80 digits, where g can only be "zero" if m is exactly on the
    boundary; then, as half up says, the rate rounds up.
    """
    near = _boundary(effective_percent)
    if near is None:
        return round_percent(effective_percent)
    boundary, _ = near
    with localcontext(_BOUNDARY_CONTEXT) as context:
        v_b = context.power(1 + boundary / 100, Decimal(-1) / 12)
        g = Decimal(0)
        for flow in reversed(flows):
            g = (g + flow) * v_b
        g -= principal
        up = g >= -Decimal("1e-60") * principal
    return round_percent(boundary + _HALF_BASIS_POINT if up else boundary - _HALF_BASIS_POINT)
