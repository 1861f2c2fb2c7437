"""Read a plan's parameters (arrears + budget) and draft the plan.

Shared by the plan page, the letter and the calendar, which all take the same
query parameters (calculations.md, "Public URLs").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from calculator.arrears.forms import (
    ArrearsForm,
    LoanForm,
    QuickEstimateForm,
    arrears_form_for,
    blank_arrears_form,
)
from calculator.engine.arrears import (
    LoanArrears,
    QuickEstimate,
    calculate_loan_arrears,
    calculate_quick_estimate,
)
from calculator.engine.plan import Plan, draft_plan
from calculator.plan.forms import BudgetForm, OtherDebt

# The names of every arrears parameter, carried from page to page.
ARREARS_PARAMETERS = tuple(
    dict.fromkeys([*LoanForm.base_fields, *QuickEstimateForm.base_fields])
)
BUDGET_TRIGGER = "monthly_income"


@dataclass(frozen=True)
class Debt:
    """Where the plan starts: the arrears in the terms the letter needs."""

    as_of: date
    outstanding_total: Decimal  # D
    payoff_amount: Decimal  # D + prepayment fee
    overdue_amount: Decimal  # what is overdue (total_overdue / total_due)
    penalty_interest: Decimal
    first_overdue_date: date | None
    loan_amount: Decimal | None  # the principal, for a loan
    arrears: LoanArrears | QuickEstimate


@dataclass
class PlanState:
    arrears_form: ArrearsForm
    arrears_given: bool  # False: the user has not entered any arrears yet
    budget_form: BudgetForm
    budget_given: bool
    debt: Debt | None = None
    plan: Plan | None = None
    debts: tuple[OtherDebt, ...] = ()

    @property
    def forms(self) -> list:
        return [self.arrears_form, self.budget_form]

    @property
    def has_errors(self) -> bool:
        return any(form.is_bound and form.errors for form in self.forms)

    def has_fixed_choice_error(self) -> bool:
        return self.arrears_form.is_bound and self.arrears_form.has_fixed_choice_error()


def _debt(form: ArrearsForm) -> Debt:
    inputs = form.engine_inputs()
    if isinstance(form, LoanForm):
        arrears = calculate_loan_arrears(**inputs)
        return Debt(
            as_of=inputs["as_of"],
            outstanding_total=arrears.outstanding_total,
            payoff_amount=arrears.payoff_amount,
            overdue_amount=arrears.total_overdue,
            penalty_interest=arrears.penalty_interest,
            first_overdue_date=arrears.first_overdue_date,
            loan_amount=inputs["loan"].principal,
            arrears=arrears,
        )
    estimate = calculate_quick_estimate(**inputs)
    # calculations.md: in the plan, outstanding_total = total_due (no fee).
    return Debt(
        as_of=inputs["as_of"],
        outstanding_total=estimate.total_due,
        payoff_amount=estimate.total_due,
        overdue_amount=estimate.total_due,
        penalty_interest=estimate.penalty_interest,
        first_overdue_date=inputs["due_date"] if estimate.days_overdue else None,
        loan_amount=None,
        arrears=estimate,
    )


def read_plan(params, *, today: date) -> PlanState:
    """Bind both forms to ``params`` and draft the plan when both are valid."""
    arrears_form = arrears_form_for(params, today=today)
    arrears_given = arrears_form is not None
    if arrears_form is None:
        arrears_form = blank_arrears_form(QuickEstimateForm, today=today)
    contract_rate = None
    if arrears_given and arrears_form.is_valid():
        contract_rate = arrears_form.rate().annual_percent
    budget_given = BUDGET_TRIGGER in params
    budget_form = BudgetForm(
        params if budget_given else None, contract_annual_rate=contract_rate
    )
    state = PlanState(
        arrears_form=arrears_form,
        arrears_given=arrears_given,
        budget_form=budget_form,
        budget_given=budget_given,
    )
    if not (arrears_given and arrears_form.is_valid()):
        return state
    state.debt = _debt(arrears_form)
    if budget_given and budget_form.is_valid():
        data = budget_form.cleaned_data
        state.debts = tuple(budget_form.other_debts)
        state.plan = draft_plan(
            debt=state.debt.outstanding_total,
            payoff_amount=state.debt.payoff_amount,
            rate=arrears_form.rate(),
            as_of=state.debt.as_of,
            budget=budget_form.budget(),
            term=data["term"],
            defer_months=data["defer_months"],
            reduced_annual_rate=data["reduced_annual_rate"],
        )
    return state
