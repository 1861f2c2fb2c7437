"""The arrears forms: presets and checks across fields.

Dates are fixed: ``today`` is passed to the forms (the views pass
``calculator.clock.today()``), so nothing here reads the clock.
"""

from datetime import date
from decimal import Decimal

from django.http import QueryDict
from django.utils import translation

from calculator.arrears.forms import (
    LoanForm,
    LoanInputs,
    QuickEstimateForm,
    QuickInputs,
    arrears_form_for,
)
from calculator.engine.arrears import PenaltyTerms
from calculator.engine.money import Rate
from calculator.engine.schedule import Loan, Method
from calculator.inputs import messages
from calculator.tests.loans import QUICK, SPEC_LOAN_TERMS

TODAY = date(2026, 5, 20)

SPEC_PRESET_ONLY = {"preset": "xiaomi", "principal": "10000", "start_date": "2026-01-15"}


def loan_form(**params) -> LoanForm:
    return LoanForm(params, today=TODAY)


def quick_form(**params) -> QuickEstimateForm:
    return QuickEstimateForm(params, today=TODAY)


def errors(form, name) -> list:
    """The message constants of ``name``'s errors (compare with ``messages.X``)."""
    return [error.message for error in form.errors.as_data().get(name, [])]


def shown(form, name) -> list[str]:
    with translation.override("en"):
        return [str(text) for text in form.errors.get(name, [])]


# --- presets (calculations.md: "any parameter given explicitly wins") ----------------


def test_xiaomi_preset_fills_every_published_term():
    form = loan_form(**SPEC_PRESET_ONLY)
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert data["daily_rate"] == Decimal("0.05")
    assert data["annual_rate"] is None
    assert data["penalty_multiplier"] == Decimal("1.5")
    assert data["grace_days"] == 3
    assert data["periods"] == 6
    assert data["repayment_day"] == 10
    assert data["method"] == "interest_only"
    assert data["prepayment_fee"] == Decimal(0)
    assert form.preset_key == "xiaomi"


def test_xiaomi_preset_gives_the_spec_loan():
    form = loan_form(**SPEC_PRESET_ONLY)
    assert form.is_valid(), form.errors
    loan = form.loan()
    assert loan.method is Method.INTEREST_ONLY
    assert loan.rate == Rate.from_daily_percent(Decimal("0.05"))  # 18 % a year


def test_explicit_grace_days_zero_wins_over_the_preset():
    form = loan_form(**SPEC_PRESET_ONLY, grace_days="0")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["grace_days"] == 0


def test_explicit_annual_rate_wins_over_the_presets_daily_rate():
    # The preset's 0.05 %/day must not be added: that would be "both rates".
    form = loan_form(**SPEC_PRESET_ONLY, annual_rate="12")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["daily_rate"] is None
    assert form.rate() == Rate.from_annual_percent(Decimal("12"))  # 12 %/year, not 18


def test_every_explicit_parameter_wins_over_the_preset():
    explicit = {
        "daily_rate": "0.04",
        "penalty_multiplier": "1.3",
        "grace_days": "1",
        "periods": "12",
        "repayment_day": "25",
        "method": "equal_installment",
        "prepayment_fee": "2",
    }
    form = loan_form(**SPEC_PRESET_ONLY, **explicit)
    assert form.is_valid(), form.errors
    assert {name: str(form.cleaned_data[name]) for name in explicit} == explicit


def test_an_empty_parameter_is_not_explicit_so_the_preset_fills_it():
    # A submitted form sends empty boxes as "": the preset still fills them.
    form = loan_form(**SPEC_PRESET_ONLY, grace_days="", daily_rate=" ")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["grace_days"] == 3
    assert form.cleaned_data["daily_rate"] == Decimal("0.05")


def test_preset_also_fills_the_quick_estimate():
    form = quick_form(preset="xiaomi", overdue_amount="12000", due_date="2026-03-10")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["daily_rate"] == Decimal("0.05")
    assert form.cleaned_data["grace_days"] == 3
    # Loan-only terms (periods …) are ignored by the quick estimate.
    assert "periods" not in form.cleaned_data


def test_custom_preset_fills_nothing():
    form = loan_form(preset="custom", principal="10000", start_date="2026-01-15")
    assert not form.is_valid()
    assert errors(form, "periods") == [messages.REQUIRED]
    assert errors(form, "repayment_day") == [messages.REQUIRED]
    assert errors(form, "method") == [messages.CHOICE_INVALID]
    assert errors(form, "daily_rate") == [messages.RATE_MISSING]
    assert form.preset_key == "custom"


def test_unknown_preset_is_an_error_that_could_not_come_from_the_form():
    form = loan_form(**{**SPEC_LOAN_TERMS, "preset": "bogus"})
    assert not form.is_valid()
    assert errors(form, "preset") == [messages.CHOICE_INVALID]
    assert form.has_fixed_choice_error()
    assert form.preset_key == "custom"


def test_unknown_method_could_not_come_from_the_form():
    form = loan_form(**{**SPEC_LOAN_TERMS, "method": "bogus"})
    assert errors(form, "method") == [messages.CHOICE_INVALID]
    assert form.has_fixed_choice_error()


def test_a_typing_error_is_not_a_fixed_choice_error():
    form = loan_form(**{**SPEC_LOAN_TERMS, "principal": "12abc"})
    assert errors(form, "principal") == [messages.AMOUNT_INVALID]
    assert not form.has_fixed_choice_error()


def test_repeated_parameter_uses_its_last_value():
    query = QueryDict("principal=1&principal=10000&preset=xiaomi&start_date=2026-01-15")
    form = LoanForm(query, today=TODAY)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["principal"] == Decimal("10000.00")


# --- rates ---------------------------------------------------------------------------


def test_both_daily_and_annual_rate_is_refused():
    form = loan_form(**{**SPEC_LOAN_TERMS, "annual_rate": "18"})
    assert errors(form, "annual_rate") == [messages.RATE_BOTH]


def test_neither_rate_is_refused_on_the_daily_rate():
    params = {name: value for name, value in SPEC_LOAN_TERMS.items() if name != "daily_rate"}
    form = loan_form(**params)
    assert errors(form, "daily_rate") == [messages.RATE_MISSING]


def test_a_bad_rate_is_reported_once_not_also_as_missing():
    form = loan_form(**{**SPEC_LOAN_TERMS, "daily_rate": "abc"})
    assert errors(form, "daily_rate") == [messages.DAILY_RATE_INVALID]
    assert errors(form, "annual_rate") == []


def test_annual_rate_becomes_the_engine_rate():
    params = {**SPEC_LOAN_TERMS, "daily_rate": "", "annual_rate": "18"}
    form = loan_form(**params)
    assert form.is_valid(), form.errors
    # 18 % a year ÷ 360 = 0.05 % a day: the same rate as the preset's.
    assert form.rate() == Rate.from_daily_percent(Decimal("0.05"))


# --- dates ---------------------------------------------------------------------------


def test_as_of_defaults_to_today():
    form = loan_form(**{**SPEC_LOAN_TERMS, "as_of": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["as_of"] == TODAY


def test_as_of_before_the_start_date_is_refused():
    form = loan_form(**{**SPEC_LOAN_TERMS, "as_of": "2026-01-14"})
    assert errors(form, "as_of") == [messages.AS_OF_BEFORE_START]


def test_as_of_on_the_start_date_is_allowed():
    form = loan_form(**{**SPEC_LOAN_TERMS, "as_of": "2026-01-15", "paid_periods": "0"})
    assert form.is_valid(), form.errors


def test_as_of_up_to_five_years_ahead_is_allowed_and_later_refused():
    # 2026-05-20 + 5 years = 2031-05-20.
    assert loan_form(**{**SPEC_LOAN_TERMS, "as_of": "2031-05-20"}).is_valid()
    form = loan_form(**{**SPEC_LOAN_TERMS, "as_of": "2031-05-21"})
    assert errors(form, "as_of") == [messages.AS_OF_TOO_LATE]


def test_as_of_before_1990_is_refused():
    form = quick_form(**{**QUICK, "due_date": "1990-01-01", "as_of": "1989-12-31"})
    assert errors(form, "as_of") == [messages.DATE_TOO_EARLY]


def test_start_date_more_than_a_year_ahead_is_refused():
    # 2026-05-20 + 12 months = 2027-05-20: a loan cannot start later than that.
    form = loan_form(**{**SPEC_LOAN_TERMS, "start_date": "2027-05-21", "as_of": "2027-06-01"})
    assert errors(form, "start_date") == [messages.DATE_TOO_LATE]
    assert shown(form, "start_date") == ["Enter a date on or before 2027-05-20."]


def test_quick_estimate_as_of_before_the_due_date_is_refused():
    form = quick_form(**{**QUICK, "as_of": "2026-03-09"})
    assert errors(form, "as_of") == [messages.AS_OF_BEFORE_DUE]


def test_paid_periods_above_periods_is_refused_and_names_the_periods():
    form = loan_form(**{**SPEC_LOAN_TERMS, "paid_periods": "7"})
    assert errors(form, "paid_periods") == [messages.PAID_PERIODS_TOO_MANY]
    assert shown(form, "paid_periods") == [
        "You cannot have paid more installments than the loan has (6)."
    ]


def test_paid_periods_equal_to_periods_is_allowed_once_all_are_due():
    # The 6th installment falls due on 07-10: on that day all six can be paid.
    assert loan_form(**{**SPEC_LOAN_TERMS, "paid_periods": "6", "as_of": "2026-07-10"}).is_valid()


def test_paid_periods_counting_installments_not_yet_due_is_refused():
    # calculations.md: on 05-20 four installments (02-10 … 05-10) have fallen due;
    # a fifth paid is an early repayment, which the payoff covers.
    assert loan_form(**{**SPEC_LOAN_TERMS, "paid_periods": "4"}).is_valid()
    form = loan_form(**{**SPEC_LOAN_TERMS, "paid_periods": "5"})
    assert errors(form, "paid_periods") == [messages.PAID_PERIODS_NOT_YET_DUE]
    assert shown(form, "paid_periods") == [
        "Installments due by 20 May 2026: 4. Enter no more than that: paying an "
        "installment before its due date is early repayment, and the payoff figure "
        "shows what settles the loan."
    ]


def test_spec_check_seventh_installment_on_the_sixth_due_date_is_refused():
    # calculations.md: 12 periods from 2026-01-10, day 10: the 7th falls due on
    # 08-10, so on 07-10 (the 6th due date) at most 6 can have been paid.
    twelve = {**SPEC_LOAN_TERMS, "start_date": "2026-01-10", "periods": "12",
              "method": "equal_installment", "daily_rate": "", "annual_rate": "12",
              "as_of": "2026-07-10"}
    assert loan_form(**{**twelve, "paid_periods": "6"}).is_valid()
    form = loan_form(**{**twelve, "paid_periods": "7"})
    assert errors(form, "paid_periods") == [messages.PAID_PERIODS_NOT_YET_DUE]


def test_a_bullet_loan_has_one_installment_to_have_paid():
    bullet = {**SPEC_LOAN_TERMS, "method": "bullet", "as_of": "2026-08-01"}
    assert loan_form(**{**bullet, "paid_periods": "1"}).is_valid()  # due 07-10
    form = loan_form(**{**bullet, "paid_periods": "2"})
    assert errors(form, "paid_periods") == [messages.PAID_PERIODS_NOT_YET_DUE]


def test_paid_periods_is_checked_only_once_the_loan_is_readable():
    # With the rate missing the loan's dates cannot be checked yet: one error, the rate's.
    form = loan_form(**{**SPEC_LOAN_TERMS, "daily_rate": "", "paid_periods": "5"})
    assert list(form.errors) == ["daily_rate"]


# --- the engine's inputs --------------------------------------------------------------


def test_quick_estimate_returns_the_engines_types():
    form = quick_form(**{**QUICK, "overdue_amount": "1.2万", "due_date": "2026年3月10日"})
    assert form.is_valid(), form.errors
    assert form.inputs() == QuickInputs(
        overdue_amount=Decimal("12000.00"),
        due_date=date(2026, 3, 10),
        as_of=date(2026, 5, 20),
        rate=Rate.from_daily_percent(Decimal("0.05")),
        terms=PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=3),
    )


def test_loan_form_returns_the_loan_and_terms():
    form = loan_form(**SPEC_LOAN_TERMS)
    assert form.is_valid(), form.errors
    assert form.inputs() == LoanInputs(
        loan=Loan(
            principal=Decimal("10000.00"),
            start_date=date(2026, 1, 15),
            periods=6,
            repayment_day=10,
            method=Method.INTEREST_ONLY,
            rate=Rate.from_daily_percent(Decimal("0.05")),
        ),
        terms=PenaltyTerms(
            penalty_multiplier=Decimal("1.5"), grace_days=3, prepayment_fee_percent=Decimal(3)
        ),
        paid_periods=2,
        as_of=date(2026, 5, 20),
    )
    # The public accessors the plan path uses (calculator/plan/forms.py) say the same.
    assert form.loan() == form.inputs().loan
    assert form.terms() == form.inputs().terms
    assert form.rate() == Rate.from_annual_percent(Decimal(18))  # 0.05 × 360
    assert form.terms(Decimal(0)).prepayment_fee_percent == Decimal(0)  # a fee given wins


def test_arrears_form_for_picks_the_form_by_its_parameters():
    assert isinstance(arrears_form_for({"principal": "1"}, today=TODAY), LoanForm)
    assert isinstance(arrears_form_for({"overdue_amount": "1"}, today=TODAY), QuickEstimateForm)
    # principal wins when both are given: the loan's figures are the exact ones.
    both = {"principal": "1", "overdue_amount": "1"}
    assert isinstance(arrears_form_for(both, today=TODAY), LoanForm)
    assert arrears_form_for({"monthly_income": "1"}, today=TODAY) is None
