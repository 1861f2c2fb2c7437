"""The plan's budget form: income, essential costs, savings, other debts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset
from django import forms
from django.utils.translation import gettext_lazy as _

from calculator.arrears.forms import ANNUAL_RATE_MAX
from calculator.engine.plan import Budget
from calculator.inputs import messages
from calculator.inputs.fields import (
    BUDGET_MAX,
    MONEY_MAX,
    AmountField,
    PercentField,
    WholeNumberField,
)
from calculator.inputs.forms import fields_only_helper
from calculator.inputs.widgets import FastTextInput

EXPENSE_CATEGORIES = (
    ("expense_housing", _("Housing: rent or mortgage, utilities")),
    ("expense_food", _("Food and daily necessities")),
    ("expense_transport", _("Transport and phone")),
    ("expense_medical", _("Medical costs")),
    ("expense_family", _("Children and family support")),
    ("expense_other", _("Other essential costs")),
)
MAX_DEBTS = 10
DEBT_PARTS = ("creditor", "balance", "payment", "days")


class BudgetForm(forms.Form):
    """What the household can pay: the plan's budget (calculations.md)."""

    use_required_attribute = False

    monthly_income = AmountField(
        label=_("Monthly income after tax (yuan)"),
        help_text=_("Wages, pensions, benefits and regular help from family. Enter 0 if there is none now."),
        minimum=Decimal(0),
        maximum=BUDGET_MAX,
    )
    monthly_expenses = AmountField(
        label=_("Essential living costs per month, in total (yuan)"),
        help_text=_("Fill in the categories below and leave this empty: they are added up for you. Or enter the total here."),
        minimum=Decimal(0),
        maximum=BUDGET_MAX,
        required=False,
    )
    other_debt_payments = AmountField(
        label=_("Other debts' monthly payments, in total (yuan)"),
        help_text=_("Empty means 0, or the sum of the debts you list below."),
        minimum=Decimal(0),
        maximum=BUDGET_MAX,
        required=False,
    )
    savings = AmountField(
        label=_("Savings you can use now (yuan)"),
        help_text=_("Cash you could pay today without missing rent or food. Empty means 0."),
        minimum=Decimal(0),
        maximum=BUDGET_MAX,
        default=Decimal(0),
    )
    term = WholeNumberField(
        label=_("Months for the installment options"),
        help_text=_("1 to 60. Empty means 12."),
        minimum=1,
        maximum=60,
        range_message=messages.TERM_RANGE,
        default=12,
    )
    defer_months = WholeNumberField(
        label=_("Months to defer, for the deferral options"),
        help_text=_("1 to 12. Empty means 1."),
        minimum=1,
        maximum=12,
        range_message=messages.DEFER_MONTHS_RANGE,
        default=1,
    )
    reduced_annual_rate = PercentField(
        label=_("Lower annual rate to ask for (%)"),
        help_text=_("Empty means two thirds of the contract rate."),
        minimum=Decimal(0),
        maximum=ANNUAL_RATE_MAX,
        range_message=messages.ANNUAL_RATE_TOO_HIGH,
        required=False,
    )

    def __init__(self, data=None, *, contract_annual_rate: Decimal | None = None, **kwargs):
        self.contract_annual_rate = contract_annual_rate
        super().__init__(data, **kwargs)
        for name, label in EXPENSE_CATEGORIES:
            self.fields[name] = AmountField(
                label=label, minimum=Decimal(0), maximum=BUDGET_MAX, required=False
            )
        for number in range(1, MAX_DEBTS + 1):
            self.fields[f"debt{number}_creditor"] = forms.CharField(
                label=_("Creditor"), max_length=60, required=False, widget=FastTextInput,
                error_messages={"max_length": messages.TEXT_TOO_LONG},
            )
            self.fields[f"debt{number}_balance"] = AmountField(
                label=_("Amount owed (yuan)"), minimum=Decimal(0), maximum=MONEY_MAX, required=False
            )
            self.fields[f"debt{number}_payment"] = AmountField(
                label=_("Monthly payment (yuan)"), minimum=Decimal(0), maximum=BUDGET_MAX, required=False
            )
            self.fields[f"debt{number}_days"] = WholeNumberField(
                label=_("Days overdue"), minimum=0, maximum=100000, required=False
            )

    def clean_reduced_annual_rate(self):
        reduced = self.cleaned_data.get("reduced_annual_rate")
        contract = self.contract_annual_rate
        if reduced is not None and contract is not None and reduced > contract:
            raise forms.ValidationError(
                messages.REDUCED_RATE_TOO_HIGH, code="max_value", params={"rate": contract.normalize()}
            )
        return reduced

    def clean(self):
        cleaned = super().clean()
        categories = [cleaned.get(name) for name, _label in EXPENSE_CATEGORIES]
        given_total = cleaned.get("monthly_expenses")
        if any(value is not None for value in categories):
            total = sum((value or Decimal(0) for value in categories), Decimal(0))
            if given_total is None and "monthly_expenses" not in self.errors:
                cleaned["monthly_expenses"] = total
            elif given_total is not None and given_total != total:
                self.add_error("monthly_expenses", forms.ValidationError(
                    messages.EXPENSES_MISMATCH, code="mismatch",
                    params={"total": total, "given": given_total},
                ))
        elif given_total is None and "monthly_expenses" not in self.errors:
            self.add_error("monthly_expenses", forms.ValidationError(messages.REQUIRED, code="required"))

        debts = self.other_debts = self.debts()
        given_debt_total = cleaned.get("other_debt_payments")
        if debts:
            total = sum((debt.monthly_payment for debt in debts), Decimal(0))
            if given_debt_total is None and "other_debt_payments" not in self.errors:
                cleaned["other_debt_payments"] = total
            elif given_debt_total is not None and given_debt_total != total:
                self.add_error("other_debt_payments", forms.ValidationError(
                    messages.DEBTS_MISMATCH, code="mismatch",
                    params={"total": total, "given": given_debt_total},
                ))
        elif given_debt_total is None:
            cleaned["other_debt_payments"] = Decimal(0)
        return cleaned

    def debt_rows(self) -> list[list]:
        """The debt rows to show: at least 3, and one or two empty after the last used."""
        used = [
            number for number in range(1, MAX_DEBTS + 1)
            if any(str(self.data.get(f"debt{number}_{part}", "")).strip() for part in DEBT_PARTS)
        ]
        shown = min(MAX_DEBTS, max(3, (used[-1] if used else 0) + 2))
        return [
            [self[f"debt{number}_{part}"] for part in DEBT_PARTS]
            for number in range(1, shown + 1)
        ]

    def debts(self) -> list[OtherDebt]:
        """The other debts listed, in order; an incomplete row is an error on it."""
        found = []
        data = self.cleaned_data
        for number in range(1, MAX_DEBTS + 1):
            names = [f"debt{number}_{part}" for part in DEBT_PARTS]
            if any(name in self.errors for name in names):
                continue
            creditor, balance, payment, days = (data.get(name) for name in names)
            if not creditor and balance is None and payment is None and days is None:
                continue
            if not creditor or payment is None:
                missing = names[0] if not creditor else names[2]
                if missing not in self.errors:
                    self.add_error(missing, forms.ValidationError(messages.DEBT_ROW_INCOMPLETE, code="incomplete"))
                continue
            found.append(OtherDebt(creditor=creditor, balance=balance, monthly_payment=payment,
                                   days_overdue=days or 0))
        return found

    def budget(self) -> Budget:
        data = self.cleaned_data
        return Budget(
            monthly_income=data["monthly_income"],
            monthly_expenses=data["monthly_expenses"],
            other_debt_payments=data["other_debt_payments"],
            savings=data["savings"],
        )


@dataclass(frozen=True)
class OtherDebt:
    """One line of the list of debts (负债情况说明)."""

    creditor: str
    balance: Decimal | None
    monthly_payment: Decimal
    days_overdue: int


def budget_helper() -> FormHelper:
    """The budget fields' layout inside the plan form."""
    return fields_only_helper(
        Fieldset(_("Income"), "monthly_income"),
        Fieldset(
            _("Essential costs per month"),
            *(name for name, _label in EXPENSE_CATEGORIES),
            "monthly_expenses",
        ),
        Fieldset(_("Savings and other debts"), "savings", "other_debt_payments"),
        Fieldset(_("Options to compare"), "term", "defer_months", "reduced_annual_rate"),
    )
