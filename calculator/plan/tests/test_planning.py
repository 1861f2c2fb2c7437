"""read_plan: the arrears and budget parameters shared by the plan, letter and calendar."""

from datetime import date
from decimal import Decimal

from calculator.arrears.forms import LoanForm, QuickEstimateForm
from calculator.engine.money import Rate
from calculator.engine.plan import draft_plan
from calculator.inputs import messages
from calculator.plan.parameters import ARREARS_PARAMETERS, read_plan
from calculator.tests.loans import QUICK, SPEC_LOAN

TODAY = date(2026, 5, 20)
BUDGET = {"monthly_income": "8000", "monthly_expenses": "3500", "savings": "500",
          "debt1_creditor": "花呗", "debt1_payment": "300"}


def test_no_parameters_give_the_empty_start():
    state = read_plan({}, today=TODAY)
    assert (state.arrears_given, state.budget_given) == (False, False)
    assert state.debt is None and state.plan is None
    assert isinstance(state.arrears_form, QuickEstimateForm)
    assert not state.arrears_form.is_bound
    assert state.arrears_form.initial["as_of"] == "2026-05-20"
    assert not state.has_errors


def test_loan_parameters_give_the_debt_the_letter_needs():
    state = read_plan(SPEC_LOAN, today=TODAY)
    assert isinstance(state.arrears_form, LoanForm)
    debt = state.debt
    assert debt.outstanding_total == Decimal("10360.78")
    assert debt.payoff_amount == Decimal("10660.78")  # with the 3 % fee
    assert debt.overdue_amount == Decimal("310.78")
    assert debt.penalty_interest == Decimal("5.78")
    assert debt.first_overdue_date == date(2026, 4, 10)
    assert debt.loan_amount == Decimal("10000.00")
    assert state.plan is None  # no budget yet


def test_quick_estimate_debt_is_the_total_due():
    debt = read_plan(QUICK, today=TODAY).debt
    # 12 000 + 12 000 × 0.00075 × 71 = 12 639.00, with no fee and no loan amount.
    assert debt.outstanding_total == debt.payoff_amount == debt.overdue_amount == Decimal("12639.00")
    assert debt.first_overdue_date == date(2026, 3, 10)
    assert debt.loan_amount is None


def test_quick_estimate_due_today_has_no_first_overdue_date():
    debt = read_plan({**QUICK, "due_date": "2026-05-20"}, today=TODAY).debt
    assert debt.first_overdue_date is None
    assert debt.outstanding_total == Decimal("12000.00")


def test_budget_gives_the_engines_plan_and_the_debts_list():
    state = read_plan({**SPEC_LOAN, **BUDGET}, today=TODAY)
    assert [debt.creditor for debt in state.debts] == ["花呗"]
    expected = draft_plan(
        debt=Decimal("10360.78"), payoff_amount=Decimal("10660.78"),
        rate=Rate.from_daily_percent(Decimal("0.05")), as_of=TODAY,
        budget=state.budget_form.budget(),
    )
    assert state.plan == expected
    assert state.plan.disposable_income == Decimal("4200.00")  # 8000 − 3500 − 300


def test_budget_is_checked_against_the_contract_rate():
    # 0.05 %/day = 18 %/year: asking for 19 % is refused.
    state = read_plan({**SPEC_LOAN, **BUDGET, "reduced_annual_rate": "19"}, today=TODAY)
    assert state.plan is None
    errors = state.budget_form.errors.as_data()["reduced_annual_rate"]
    assert [error.message for error in errors] == [messages.REDUCED_RATE_TOO_HIGH]


def test_invalid_arrears_give_no_debt_but_the_budget_is_still_checked():
    state = read_plan({**QUICK, "due_date": "soon", **BUDGET, "term": "99"}, today=TODAY)
    assert state.debt is None and state.plan is None
    assert state.has_errors
    assert "term" in state.budget_form.errors
    assert not state.has_fixed_choice_error()


def test_bad_method_is_a_fixed_choice_error():
    assert read_plan({**SPEC_LOAN, "method": "bogus"}, today=TODAY).has_fixed_choice_error()


def test_arrears_parameters_are_both_forms_fields_once_each():
    assert len(ARREARS_PARAMETERS) == len(set(ARREARS_PARAMETERS))
    assert set(ARREARS_PARAMETERS) == set(LoanForm.base_fields) | set(QuickEstimateForm.base_fields)
