"""A rate that looks like a fraction typed for a percent, and what 100 times it gives.

calculations.md: a daily rate below 0.001 (percent; under 0.36 % a year) is
accepted, but the result says plainly that it looks like a fraction rather than
a percent and shows what 100 times it would give — never a silent guess. A
contract's "日利率0.05%" typed as 0.0005 would understate the penalty 100 times.

``fraction_check(form)`` works for a valid form of either arrears page, so the
plan page can show the same note (template ``arrears/_fraction_note.html``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from django.http import QueryDict

from calculator.arrears.forms import ArrearsForm, LoanForm
from calculator.engine.arrears import (
    FRACTION_FACTOR,
    calculate_loan_arrears,
    calculate_quick_estimate,
    scaled_rate,
)


@dataclass(frozen=True, slots=True)
class FractionCheck:
    """The rate as typed, the rate 100 times larger, and the figures at that rate."""

    field: str  # the field the rate was typed in: "daily_rate" or "annual_rate"
    typed: Decimal  # the percentage as typed, e.g. 0.0005 (% a day)
    scaled: Decimal  # 100 times it, e.g. 0.05 (% a day)
    penalty_interest: Decimal  # the penalty so far at the scaled rate
    payoff_amount: Decimal  # what settles everything today at the scaled rate

    @property
    def daily(self) -> bool:
        return self.field == "daily_rate"

    def query_with_scaled_rate(self, query: QueryDict) -> str:
        """``query`` (the page's parameters) with the scaled rate in the rate's field."""
        changed = query.copy()
        changed[self.field] = format(self.scaled.normalize(), "f")
        return changed.urlencode()


def fraction_check(form: ArrearsForm) -> FractionCheck | None:
    """For a valid arrears form whose rate looks like a fraction, the figures at
    100 times the rate; None for every other rate (0 included: an interest-free
    loan is plausible)."""
    if not form.rate_looks_like_fraction:
        return None
    field = form.rate_field
    typed = form.cleaned_data[field]
    inputs = form.inputs()
    rate = scaled_rate(inputs.loan.rate if isinstance(form, LoanForm) else inputs.rate)
    if isinstance(form, LoanForm):
        # A new rate is a new schedule: its interest lines change too.
        arrears = calculate_loan_arrears(
            loan=replace(inputs.loan, rate=rate),
            terms=inputs.terms,
            paid_periods=inputs.paid_periods,
            as_of=inputs.as_of,
        )
        penalty, payoff = arrears.penalty_interest, arrears.payoff_amount
    else:
        estimate = calculate_quick_estimate(
            overdue_amount=inputs.overdue_amount,
            due_date=inputs.due_date,
            as_of=inputs.as_of,
            rate=rate,
            terms=inputs.terms,
        )
        # calculations.md: for the quick estimate the payoff is total_due.
        penalty, payoff = estimate.penalty_interest, estimate.total_due
    return FractionCheck(
        field=field,
        typed=typed,
        scaled=typed * FRACTION_FACTOR,
        penalty_interest=penalty,
        payoff_amount=payoff,
    )
