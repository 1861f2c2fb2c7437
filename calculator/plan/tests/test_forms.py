"""The plan's forms: the budget, the rows of the list of debts, and ``PlanForms``
binding them with the arrears form. Each returns the engine's own types.

Dates are fixed: ``today`` is passed to the forms, so nothing here reads the clock.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from calculator.arrears.forms import LoanForm, QuickEstimateForm
from calculator.engine.money import Rate
from calculator.engine.plan import Budget, DebtKind, OtherDebt, PlanTerms
from calculator.inputs import messages
from calculator.plan.forms import BudgetForm, DebtRowForm, PlanForms, rows_to_show
from calculator.tests.loans import QUICK, SPEC_LOAN

TODAY = date(2026, 5, 20)
BUDGET = {"monthly_income": "8000", "monthly_expenses": "3000"}


def budget_form(contract_annual_rate=None, **params) -> BudgetForm:
    return BudgetForm(params, contract_annual_rate=contract_annual_rate)


def plan_forms(arrears=SPEC_LOAN, **params) -> PlanForms:
    return PlanForms({**arrears, **params}, today=TODAY)


def errors(form, name) -> list:
    """The message constants of ``name``'s errors (compare with ``messages.X``)."""
    return [error.message for error in form.errors.as_data().get(name, [])]


def shown(form, name) -> list[str]:
    with translation.override("en"):
        return [str(text) for text in form.errors.get(name, [])]


# --- the budget -----------------------------------------------------------------------


def test_budget_defaults():
    form = budget_form(**BUDGET)
    assert form.is_valid(), form.errors
    assert form.budget() == Budget(
        monthly_income=Decimal("8000.00"),
        monthly_expenses=Decimal("3000.00"),
        other_debt_payments=Decimal(0),
        savings=Decimal(0),
    )
    assert form.terms() == PlanTerms(term=12, defer_months=1, reduced_annual_rate=None)


def test_budget_hands_the_comparisons_choices_to_the_engine():
    form = budget_form(Decimal("18"), **BUDGET, term="24", defer_months="3",
                       reduced_annual_rate="10")
    assert form.is_valid(), form.errors
    assert form.terms() == PlanTerms(term=24, defer_months=3, reduced_annual_rate=Decimal("10"))


def test_expense_categories_add_up_into_monthly_expenses():
    form = budget_form(
        monthly_income="8000",
        expense_housing="2,000",
        expense_food="1500",
        expense_transport="300.50",
        expense_medical="",
        expense_family="0.5万",
        expense_other="１００",
    )
    assert form.is_valid(), form.errors
    # 2000 + 1500 + 300.50 + 5000 + 100 = 8900.50 (the empty medical box counts 0).
    assert form.cleaned_data["monthly_expenses"] == Decimal("8900.50")
    assert form.budget().disposable_income == Decimal("-900.50")  # 8000 − 8900.50


def test_given_total_that_agrees_with_the_categories_is_accepted():
    form = budget_form(monthly_income="8000", monthly_expenses="3500",
                       expense_housing="2000", expense_food="1500")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["monthly_expenses"] == Decimal("3500.00")


def test_given_total_that_disagrees_with_the_categories_is_refused():
    form = budget_form(monthly_income="8000", monthly_expenses="4000",
                       expense_housing="2000", expense_food="1500")
    assert errors(form, "monthly_expenses") == [messages.EXPENSES_MISMATCH]
    assert shown(form, "monthly_expenses") == [
        "Your expense categories add up to 3500.00, not 4000.00. "
        "Correct one of them, or leave this box empty."
    ]


def test_expenses_are_required_as_a_total_or_by_category():
    assert errors(budget_form(monthly_income="8000"), "monthly_expenses") == [messages.REQUIRED]


def test_income_is_required_and_may_be_zero():
    assert errors(budget_form(monthly_expenses="100"), "monthly_income") == [messages.REQUIRED]
    assert budget_form(monthly_income="0", monthly_expenses="100").is_valid()


def test_given_debt_total_without_a_list_is_used_as_it_is():
    form = budget_form(**BUDGET, other_debt_payments="500")
    assert form.is_valid(), form.errors
    assert form.budget().other_debt_payments == Decimal("500.00")


def test_reduced_rate_above_the_contract_rate_is_refused():
    # Contract 0.05 %/day = 18 %/year; asking for 19 % is not a reduction.
    form = budget_form(Decimal("18"), **BUDGET, reduced_annual_rate="19")
    assert errors(form, "reduced_annual_rate") == [messages.REDUCED_RATE_TOO_HIGH]
    assert shown(form, "reduced_annual_rate") == [
        "The lower rate to ask for must not be above the contract rate (18 % a year)."
    ]


def test_reduced_rate_equal_to_or_below_the_contract_rate_is_accepted():
    assert budget_form(Decimal("18"), **BUDGET, reduced_annual_rate="18").is_valid()
    form = budget_form(Decimal("18"), **BUDGET, reduced_annual_rate="12%")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["reduced_annual_rate"] == Decimal("12")


def test_reduced_rate_is_not_compared_without_a_contract_rate():
    # The arrears were invalid: the budget form cannot know the contract rate.
    assert budget_form(None, **BUDGET, reduced_annual_rate="30").is_valid()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [("term", "61", messages.TERM_RANGE), ("term", "0", messages.TERM_RANGE),
     ("defer_months", "13", messages.DEFER_MONTHS_RANGE)],
)
def test_terms_out_of_range_are_refused(name, value, message):
    assert errors(budget_form(**BUDGET, **{name: value}), name) == [message]


# --- the rows of the list of debts ----------------------------------------------------


def row_form(number=1, **parts) -> DebtRowForm:
    return DebtRowForm({f"debt{number}_{part}": value for part, value in parts.items()},
                       number=number)


def test_a_row_kept_paid_as_agreed_becomes_an_other_debt():
    form = row_form(2, creditor="建设银行房贷", kind="mortgage", payment="3,000")
    assert form.is_valid(), form.errors
    assert form.debt() == OtherDebt(
        number=2, creditor="建设银行房贷", kind=DebtKind.MORTGAGE, balance=None,
        payment=Decimal("3000.00"), days_overdue=0, annual_rate=None,
    )
    assert not form.debt().in_arrears


def test_a_row_in_arrears_becomes_an_other_debt_with_its_rate():
    form = row_form(1, creditor="借呗", balance="2万", payment="1800", days="40", rate="18%")
    assert form.is_valid(), form.errors
    assert form.debt() == OtherDebt(
        number=1, creditor="借呗", kind=DebtKind.LOAN, balance=Decimal("20000.00"),
        payment=Decimal("1800.00"), days_overdue=40, annual_rate=Decimal("18"),
    )
    assert form.debt().rate == Rate.from_annual_percent(Decimal("18"))


def test_an_empty_row_or_a_kind_alone_is_no_debt():
    assert row_form().is_valid() and row_form().debt() is None
    only_kind = row_form(kind="card")
    assert only_kind.is_valid() and not only_kind.used and only_kind.debt() is None


def test_a_row_needs_its_creditor():
    assert errors(row_form(payment="300"), "creditor") == [messages.DEBT_CREDITOR_NEEDED]


@pytest.mark.parametrize("balance", [None, "0"])
def test_a_row_in_arrears_needs_what_is_owed(balance):
    parts = {"creditor": "借呗", "days": "40", "payment": "1800"}
    if balance is not None:
        parts["balance"] = balance
    assert errors(row_form(**parts), "balance") == [messages.DEBT_BALANCE_NEEDED]


def test_a_row_kept_paid_needs_its_payment():
    form = row_form(creditor="花呗", balance="5000")
    assert errors(form, "payment") == [messages.DEBT_PAYMENT_NEEDED]
    assert errors(form, "balance") == []


def test_a_row_with_a_bad_figure_reports_only_that_figure():
    form = row_form(creditor="花呗", payment="3OO")
    assert errors(form, "payment") == [messages.AMOUNT_INVALID]
    assert errors(form, "creditor") == []


def test_a_creditor_name_longer_than_60_characters_is_refused():
    form = row_form(creditor="贷" * 61, payment="300")
    assert errors(form, "creditor") == [messages.TEXT_TOO_LONG]


def test_an_unknown_kind_could_not_come_from_the_form():
    form = row_form(creditor="花呗", payment="300", kind="boat")
    assert errors(form, "kind") == [messages.CHOICE_INVALID]
    assert form.has_fixed_choice_error()
    assert not row_form(creditor="花呗", payment="3OO").has_fixed_choice_error()


def test_row_parameters_are_named_as_the_spec_names_them():
    form = DebtRowForm(None, number=7)
    assert [form[part].html_name for part in ("creditor", "kind", "balance", "payment", "days", "rate")] == [
        "debt7_creditor", "debt7_kind", "debt7_balance", "debt7_payment", "debt7_days", "debt7_rate",
    ]


@pytest.mark.parametrize(
    ("data", "rows"),
    [
        ({}, 0),
        ({"debt1_creditor": "花呗"}, 1),
        ({"debt3_payment": "300"}, 3),  # a gap: rows 1 and 2 are shown empty
        ({"debt2_kind": "card"}, 0),  # a kind alone is not a row
        ({"debts": "2"}, 2),  # "Add a debt", without JavaScript
        ({"debt4_creditor": "x", "debts": "2"}, 4),
        ({"debts": "11"}, 10),
        ({"debts": "99999"}, 0),
        ({"debts": "-1"}, 0),
        ({"debt11_creditor": "x"}, 0),  # there is no 11th row
    ],
)
def test_rows_to_show_are_the_rows_used_and_those_asked_for(data, rows):
    assert rows_to_show(data) == rows


# --- PlanForms: the arrears, the budget and the rows together --------------------------

KEPT_AND_ARREARS = {
    **BUDGET,
    "debt1_creditor": "花呗", "debt1_balance": "5000", "debt1_payment": "300", "debt1_days": "12",
    "debt2_creditor": "信用卡", "debt2_kind": "card", "debt2_payment": "450.25",
    "debt4_creditor": "借呗", "debt4_payment": "1,000",  # a gap in the rows is fine
}


def test_no_parameters_give_the_blank_quick_estimate():
    forms = PlanForms({}, today=TODAY)
    assert (forms.arrears_given, forms.budget_given) == (False, False)
    assert isinstance(forms.arrears, QuickEstimateForm)
    assert not forms.arrears.is_bound
    assert forms.arrears.initial["as_of"] == "2026-05-20"
    assert forms.rows == ()
    assert not forms.is_valid()
    assert forms.error_forms == []
    assert forms.status == 200


def test_loan_parameters_give_the_debt_the_letter_needs():
    forms = plan_forms()
    assert isinstance(forms.arrears, LoanForm)
    assert forms.arrears_ok
    debt = forms.debt()
    # calculations.md's check on 2026-05-20 with a 3 % fee.
    assert debt.outstanding_total == Decimal("10360.78")
    assert debt.payoff_amount == Decimal("10660.78")
    assert debt.overdue_amount == Decimal("310.78")
    assert debt.penalty_interest == Decimal("5.78")
    assert debt.first_overdue_date == date(2026, 4, 10)
    assert debt.loan_amount == Decimal("10000.00")
    assert not forms.is_valid()  # no budget yet
    assert forms.error_forms == []


def test_quick_estimate_debt_is_the_total_due():
    debt = plan_forms(QUICK).debt()
    # 12 000 + round(12 000 × 0.00075 × 71) = 12 000 + 639.00, with no fee and no loan amount.
    assert debt.outstanding_total == debt.payoff_amount == debt.overdue_amount == Decimal("12639.00")
    assert debt.penalty_interest == Decimal("639.00")
    assert debt.first_overdue_date == date(2026, 3, 10)
    assert debt.loan_amount is None


def test_listed_debts_sum_their_kept_payments_into_other_debt_payments():
    forms = plan_forms(**KEPT_AND_ARREARS)
    assert forms.is_valid(), [form.errors for form in forms.error_forms]
    # Row 1 is 12 days late: in arrears, its payment is not being made. Kept:
    # 450.25 + 1 000 = 1 450.25; 8 000 − 3 000 − 1 450.25 = 3 549.75 left each month.
    budget = forms.budget.budget()
    assert budget.other_debt_payments == Decimal("1450.25")
    assert budget.disposable_income == Decimal("3549.75")
    assert [(d.number, d.creditor, d.kind, d.in_arrears) for d in forms.others()] == [
        (1, "花呗", DebtKind.LOAN, True),
        (2, "信用卡", DebtKind.CARD, False),
        (4, "借呗", DebtKind.LOAN, False),
    ]
    assert len(forms.rows) == 4  # the empty third row is shown, and ignored


def test_given_debt_total_that_disagrees_with_the_list_is_refused():
    forms = plan_forms(**KEPT_AND_ARREARS, other_debt_payments="500")
    assert not forms.is_valid()
    assert errors(forms.budget, "other_debt_payments") == [messages.DEBTS_MISMATCH]


def test_given_debt_total_that_agrees_with_the_list_is_accepted():
    forms = plan_forms(**KEPT_AND_ARREARS, other_debt_payments="1450.25")
    assert forms.is_valid()


def test_with_only_rows_in_arrears_the_typed_total_is_kept():
    # calculations.md: with no row paid as agreed, other_debt_payments is the typed total.
    forms = plan_forms(**BUDGET, other_debt_payments="700", debt1_creditor="借呗",
                       debt1_balance="20000", debt1_days="40")
    assert forms.is_valid(), [form.errors for form in forms.error_forms]
    assert forms.budget.budget().other_debt_payments == Decimal("700.00")


def test_a_bad_row_makes_the_plan_invalid_and_names_its_form():
    forms = plan_forms(**BUDGET, debt2_creditor="花呗")
    assert not forms.is_valid()
    assert errors(forms.rows[1], "payment") == [messages.DEBT_PAYMENT_NEEDED]
    assert forms.error_forms == [forms.rows[1]]
    assert forms.status == 200


def test_an_unknown_kind_in_a_row_is_a_bad_request():
    assert plan_forms(**BUDGET, debt1_creditor="花呗", debt1_payment="300",
                      debt1_kind="boat").status == 400


def test_the_budget_is_checked_against_the_contract_rate():
    # 0.05 %/day = 18 %/year: asking for 19 % is refused.
    forms = plan_forms(**BUDGET, reduced_annual_rate="19")
    assert not forms.is_valid()
    assert errors(forms.budget, "reduced_annual_rate") == [messages.REDUCED_RATE_TOO_HIGH]


def test_invalid_arrears_give_no_debt_but_the_budget_is_still_checked():
    forms = plan_forms(QUICK, due_date="soon", **BUDGET, term="99")
    assert not forms.arrears_ok and not forms.is_valid()
    assert "term" in forms.budget.errors
    assert forms.error_forms == [forms.arrears, forms.budget]
    assert forms.status == 200


def test_a_bad_method_is_a_bad_request():
    assert plan_forms(method="bogus").status == 400


def test_debts_beyond_the_tenth_row_are_ignored():
    forms = plan_forms(**BUDGET, debt11_creditor="x", debt11_payment="300")
    assert forms.is_valid()
    assert forms.rows == ()
    assert forms.budget.budget().other_debt_payments == Decimal(0)
