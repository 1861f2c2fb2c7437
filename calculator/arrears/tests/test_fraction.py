"""A rate that looks like a fraction (calculations.md): accepted, used as typed, and
the result shows what 100 times it would give — never a silent guess."""

from datetime import date
from decimal import Decimal

import pytest
from django.http import QueryDict

from calculator.arrears.forms import LoanForm, QuickEstimateForm
from calculator.arrears.fraction import fraction_check
from calculator.engine.arrears import rate_looks_like_fraction
from calculator.engine.money import Rate
from calculator.tests.loans import QUICK, SPEC_LOAN_TERMS

TODAY = date(2026, 5, 20)


def valid(form):
    assert form.is_valid(), form.errors
    return form


@pytest.mark.parametrize(
    ("daily", "flagged"),
    [
        ("0", False),  # an interest-free loan is plausible: nothing to say
        ("0.0001", True),
        ("0.0005", True),  # 0.05 % typed as a fraction
        ("0.0009", True),
        ("0.00099", True),
        ("0.001", False),  # the threshold itself: 0.36 % a year
        ("0.05", False),
    ],
)
def test_a_daily_rate_below_one_thousandth_of_a_percent_looks_like_a_fraction(daily, flagged):
    assert rate_looks_like_fraction(Rate.from_daily_percent(Decimal(daily))) is flagged


@pytest.mark.parametrize(("annual", "flagged"), [("0.18", True), ("0.3599", True), ("0.36", False)])
def test_an_annual_rate_under_0_36_percent_is_the_same_daily_rate(annual, flagged):
    # 0.36 % a year ÷ 360 = 0.001 % a day.
    assert rate_looks_like_fraction(Rate.from_annual_percent(Decimal(annual))) is flagged


def test_loan_at_a_fraction_rate_shows_the_spec_figures_at_100_times():
    form = valid(LoanForm({**SPEC_LOAN_TERMS, "daily_rate": "0.0005"}, today=TODAY))
    assert form.rate_looks_like_fraction
    check = fraction_check(form)
    assert (check.field, check.typed, check.scaled) == ("daily_rate", Decimal("0.0005"), Decimal("0.05"))
    # At 0.05 % a day the spec's check: penalty 4.65 + 1.13 = 5.78, payoff 10 660.78.
    assert check.penalty_interest == Decimal("5.78")
    assert check.payoff_amount == Decimal("10660.78")


def test_quick_estimate_at_a_fraction_rate_shows_the_figures_at_100_times():
    form = valid(QuickEstimateForm({**QUICK, "daily_rate": "0.0005"}, today=TODAY))
    check = fraction_check(form)
    # 12 000 overdue since 03-10, 71 days on 05-20, ×1.5: at 0.05 % a day
    # 12 000 × 0.00075 × 71 = 639.00; the total due 12 639.00 is the payoff.
    assert check.penalty_interest == Decimal("639.00")
    assert check.payoff_amount == Decimal("12639.00")


def test_an_annual_fraction_is_scaled_in_its_own_field():
    params = {**QUICK, "daily_rate": "", "annual_rate": "0.18"}
    check = fraction_check(valid(QuickEstimateForm(params, today=TODAY)))
    assert (check.field, check.scaled) == ("annual_rate", Decimal("18.00"))
    assert check.payoff_amount == Decimal("12639.00")  # 18 % a year is 0.05 % a day
    query = QueryDict(mutable=True)
    query.update(params)
    assert QueryDict(check.query_with_scaled_rate(query))["annual_rate"] == "18"


@pytest.mark.parametrize("daily", ["0.05", "0", "0.001"])
def test_a_plausible_rate_has_no_check(daily):
    form = valid(LoanForm({**SPEC_LOAN_TERMS, "daily_rate": daily}, today=TODAY))
    assert not form.rate_looks_like_fraction
    assert fraction_check(form) is None
