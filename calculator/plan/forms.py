"""The plan's forms: the budget, one form per listed debt, and ``PlanForms`` binding
them with the arrears form. Each returns the engine's own types."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from crispy_forms.layout import LayoutObject
from crispy_forms.utils import TEMPLATE_PACK
from django import forms
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from calculator.arrears.forms import (
    ANNUAL_RATE_MAX,
    ArrearsForm,
    LoanForm,
    QuickEstimateForm,
    arrears_form_for,
    blank_arrears_form,
)
from calculator.engine.plan import (
    MAX_DEBTS,
    Budget,
    Debt,
    DebtKind,
    OtherDebt,
    PlanTerms,
    debt_from_estimate,
    debt_from_loan,
    kept_payments,
)
from calculator.inputs import messages
from calculator.inputs.fields import (
    BUDGET_MAX,
    MONEY_MAX,
    AmountField,
    PercentField,
    WholeNumberField,
)
from calculator.inputs.forms import (
    LeanDetails,
    LeanField,
    LeanFieldset,
    LeanForm,
    StrictChoiceField,
    lean_fields,
)
from calculator.inputs.widgets import FastSelect, FastTextInput, esc

EXPENSE_CATEGORIES = (
    ("expense_housing", _("Housing: rent or mortgage, utilities (yuan)")),
    ("expense_food", _("Food and daily necessities (yuan)")),
    ("expense_transport", _("Transport and phone (yuan)")),
    ("expense_medical", _("Medical costs (yuan)")),
    ("expense_family", _("Children and family support (yuan)")),
    ("expense_other", _("Other essential costs (yuan)")),
)
DEBT_PARTS = ("creditor", "kind", "balance", "payment", "days", "rate")
KIND_CHOICES = [
    (DebtKind.LOAN.value, _("Loan (consumer or online loan)")),
    (DebtKind.CARD.value, _("Credit card")),
    (DebtKind.MORTGAGE.value, _("Mortgage (home loan)")),
    (DebtKind.CAR.value, _("Car loan")),
    (DebtKind.OTHER.value, _("Other")),
]
# The parameter that asks for more rows of the list (a submit button's value).
ROWS_PARAMETER = "debts"
BUDGET_TRIGGER = "monthly_income"


def category_field(name: str) -> AmountField:
    return AmountField(label=dict(EXPENSE_CATEGORIES)[name], minimum=Decimal(0),
                       maximum=BUDGET_MAX, required=False)


class BudgetForm(LeanForm):
    """What the household can pay: the plan's budget (calculations.md)."""

    use_required_attribute = False

    monthly_income = AmountField(
        label=_("Monthly income after tax (yuan)"),
        help_text=_("Wages, pensions, benefits and regular help from family. Enter 0 if there is none now."),
        minimum=Decimal(0),
        maximum=BUDGET_MAX,
    )
    monthly_expenses = AmountField(
        label=_("Essential living costs per month (yuan)"),
        help_text=_("Rent, food, transport, medicine, children. Or leave this empty and fill in the categories just below: they are added up for you."),
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
    other_debt_payments = AmountField(
        label=_("Monthly payments on other debts you keep paying, in total (yuan)"),
        help_text=_("Empty means 0. If you list your debts below, leave this empty: the payments of the debts you keep paying are added up for you."),
        minimum=Decimal(0),
        maximum=BUDGET_MAX,
        required=False,
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

    def __init__(
        self,
        data=None,
        *,
        contract_annual_rate: Decimal | None = None,
        rows: tuple[DebtRowForm, ...] = (),
        **kwargs,
    ):
        self.contract_annual_rate = contract_annual_rate
        self.rows = rows
        super().__init__(data, **kwargs)

    # The essential costs by category (EXPENSE_CATEGORIES), added up into
    # monthly_expenses when that is left empty.
    expense_housing = category_field("expense_housing")
    expense_food = category_field("expense_food")
    expense_transport = category_field("expense_transport")
    expense_medical = category_field("expense_medical")
    expense_family = category_field("expense_family")
    expense_other = category_field("expense_other")

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
        self._total("monthly_expenses", [cleaned.get(name) for name, _label in EXPENSE_CATEGORIES],
                    mismatch=messages.EXPENSES_MISMATCH, required=True)
        kept = [row.debt() for row in self.rows if row.is_valid() and row.debt()]
        if any(not debt.in_arrears for debt in kept):
            # calculations.md: other_debt_payments = Σ payments of the rows kept paid.
            self._total("other_debt_payments", [kept_payments(kept)],
                        mismatch=messages.DEBTS_MISMATCH, required=False)
        elif cleaned.get("other_debt_payments") is None and "other_debt_payments" not in self.errors:
            cleaned["other_debt_payments"] = Decimal(0)
        return cleaned

    def _total(self, name: str, parts: list, *, mismatch, required: bool) -> None:
        """``name`` is the sum of ``parts`` when any is given; typed too, it must agree."""
        given = self.cleaned_data.get(name)
        if name in self.errors:
            return
        if any(part is not None for part in parts):
            total = sum((part or Decimal(0) for part in parts), Decimal(0))
            if given is None:
                self.cleaned_data[name] = total
            elif given != total:
                self.add_error(name, forms.ValidationError(
                    mismatch, code="mismatch", params={"total": total, "given": given}))
        elif given is None and required:
            self.add_error(name, forms.ValidationError(messages.REQUIRED, code="required"))

    def budget(self) -> Budget:
        data = self.cleaned_data
        return Budget(
            monthly_income=data["monthly_income"],
            monthly_expenses=data["monthly_expenses"],
            other_debt_payments=data["other_debt_payments"],
            savings=data["savings"],
        )

    def terms(self) -> PlanTerms:
        data = self.cleaned_data
        return PlanTerms(
            term=data["term"],
            defer_months=data["defer_months"],
            reduced_annual_rate=data["reduced_annual_rate"],
        )


class DebtRowForm(LeanForm):
    """Row N of the list of debts: ``debt{N}_creditor`` … ``debt{N}_rate``."""

    use_required_attribute = False
    fixed_choice_fields = ("kind",)

    creditor = forms.CharField(
        label=_("Creditor"), max_length=60, required=False, widget=FastTextInput,
        help_text=_("The bank, app or company, as its contract or statement names it."),
        error_messages={"max_length": messages.TEXT_TOO_LONG},
    )
    kind = StrictChoiceField(label=_("Kind of debt"), choices=KIND_CHOICES, required=False, widget=FastSelect)
    balance = AmountField(
        label=_("Owed today (yuan)"), minimum=Decimal(0), maximum=MONEY_MAX, required=False,
        help_text=_("Everything owed today, as the app or statement shows it."),
    )
    payment = AmountField(
        label=_("Monthly payment in the contract (yuan)"), minimum=Decimal(0), maximum=BUDGET_MAX,
        required=False,
    )
    days = WholeNumberField(
        label=_("Days overdue"), minimum=0, maximum=100000, required=False,
        help_text=_("0 or empty if you are paying it as agreed."),
    )
    rate = PercentField(
        label=_("Annual interest rate in the contract (%) (optional)"),
        minimum=Decimal(0), maximum=ANNUAL_RATE_MAX, range_message=messages.ANNUAL_RATE_TOO_HIGH,
        required=False,
    )

    def __init__(self, data=None, *, number: int, **kwargs):
        self.number = number
        super().__init__(data, prefix=f"debt{number}", **kwargs)

    def add_prefix(self, field_name: str) -> str:
        # calculations.md names the parameters debt{N}_creditor, not Django's debt{N}-creditor.
        return f"{self.prefix}_{field_name}"

    @property
    def used(self) -> bool:
        """Whether anything was typed in this row (the kind alone does not count)."""
        return any(
            str(self.data.get(self.add_prefix(part), "")).strip()
            for part in DEBT_PARTS if part != "kind"
        )

    def has_fixed_choice_error(self) -> bool:
        return "kind" in self.errors

    def clean(self):
        cleaned = super().clean()
        if not self.used or self.errors:
            return cleaned
        if not cleaned.get("creditor"):
            self.add_error("creditor", forms.ValidationError(messages.DEBT_CREDITOR_NEEDED, code="required"))
        if cleaned.get("days"):
            # In arrears: negotiated with this debt, pro rata to what is owed.
            if cleaned.get("balance") in (None, Decimal(0)):
                self.add_error("balance", forms.ValidationError(messages.DEBT_BALANCE_NEEDED, code="required"))
        elif cleaned.get("payment") is None:
            # Kept paid as agreed: its payment is a fixed monthly cost.
            self.add_error("payment", forms.ValidationError(messages.DEBT_PAYMENT_NEEDED, code="required"))
        return cleaned

    def debt(self) -> OtherDebt | None:
        """The row as the engine's ``OtherDebt``; None for an empty row."""
        if not self.used:
            return None
        data = self.cleaned_data
        return OtherDebt(
            number=self.number,
            creditor=data["creditor"],
            kind=DebtKind(data["kind"] or DebtKind.LOAN),
            balance=data["balance"],
            payment=data["payment"],
            days_overdue=data["days"] or 0,
            annual_rate=data["rate"],
        )


def rows_to_show(data) -> int:
    """The rows of the list to show: every row used, and more when asked for
    (the "Add a debt" button sends ``debts=N``; it works without JavaScript)."""
    used = [
        number for number in range(1, MAX_DEBTS + 1)
        if any(str(data.get(f"debt{number}_{part}", "")).strip()
               for part in DEBT_PARTS if part != "kind")
    ]
    asked = str(data.get(ROWS_PARAMETER, "")).strip()
    wanted = int(asked) if asked.isdigit() and len(asked) < 3 else 0
    return min(MAX_DEBTS, max(used[-1] if used else 0, wanted))


class PlanForms:
    """Every form of the plan bound to one set of parameters.

    The arrears form (loan or quick estimate), the budget and the rows of the list.
    Shared by the plan page, its calendar and the letter, which all take the same
    parameters (calculations.md, "Public URLs").
    """

    def __init__(self, data, *, today: date):
        arrears = arrears_form_for(data, today=today)
        self.arrears_given = arrears is not None
        self.arrears: ArrearsForm = arrears or blank_arrears_form(QuickEstimateForm, today=today)
        self.budget_given = BUDGET_TRIGGER in data
        bound = data if self.budget_given else None
        self.rows = tuple(
            DebtRowForm(bound, number=number) for number in range(1, rows_to_show(data) + 1)
        )
        contract = self.arrears.rate().annual_percent if self.arrears_ok else None
        self.budget = BudgetForm(bound, contract_annual_rate=contract, rows=self.rows)

    @property
    def arrears_ok(self) -> bool:
        return self.arrears_given and self.arrears.is_valid()

    def is_valid(self) -> bool:
        """Arrears, budget and every row valid: a plan can be drafted."""
        return (
            self.arrears_ok
            and self.budget_given
            and self.budget.is_valid()
            and all(row.is_valid() for row in self.rows)
        )

    @property
    def error_forms(self) -> list[forms.Form]:
        bound = [self.arrears, self.budget, *self.rows]
        return [form for form in bound if form.is_bound and form.errors]

    @property
    def status(self) -> int:
        """400 for a value the forms could not send (a select), else 200."""
        fixed = [self.arrears] if self.arrears_given else []
        fixed += [row for row in self.rows if row.is_bound]
        return 400 if any(form.has_fixed_choice_error() for form in fixed) else 200

    def debt(self) -> Debt:
        """This debt on the calculation date: D and its parts (valid arrears only)."""
        form = self.arrears
        data = form.cleaned_data
        if isinstance(form, LoanForm):
            return debt_from_loan(
                loan=form.loan(),
                terms=form.terms(data["prepayment_fee"]),
                paid_periods=data["paid_periods"],
                as_of=data["as_of"],
            )
        return debt_from_estimate(
            overdue_amount=data["overdue_amount"],
            due_date=data["due_date"],
            as_of=data["as_of"],
            rate=form.rate(),
            terms=form.terms(),
        )

    def others(self) -> tuple[OtherDebt, ...]:
        return tuple(debt for row in self.rows if (debt := row.debt()) is not None)


def budget_fields(form: BudgetForm, *, categories_open: bool) -> SafeString:
    """The budget's first fields, in the order a person needs them: income, essential
    costs (the categories folded under the total), savings."""
    return lean_fields(
        form,
        LeanFieldset(_("Each month"), "monthly_income", "monthly_expenses"),
        LeanDetails(_("Work out the costs by category"),
                    *(name for name, _label in EXPENSE_CATEGORIES), opened=categories_open),
        LeanField("savings"),
    )


def budget_end_fields(form: BudgetForm, *, comparison_open: bool) -> SafeString:
    """After the list of debts: the total of those kept paid, and the comparison's
    choices, folded."""
    return lean_fields(
        form,
        LeanField("other_debt_payments"),
        LeanDetails(_("Compare at another term or rate"), "term", "defer_months",
                    "reduced_annual_rate", opened=comparison_open),
    )


class EstimateLink(LayoutObject):
    """Under a row's amount owed: where to work it out when the user does not know it
    (the quick estimate, which says to bring its total back to row ``number``)."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.fields = []

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs) -> SafeString:
        words = gettext("Do not know the amount owed? Work it out with the quick estimate (opens in a new tab), then type its total here.")
        url = f"{reverse('calculator:arrears')}?row={self.number}"
        return SafeString(
            f'<p class="form-text debt-row__estimate"><a href="{esc(url)}" target="_blank" '
            f'rel="noopener">{esc(words)}</a></p>\n'
        )


def row_fields(row: DebtRowForm) -> SafeString:
    """A row's fields, with the link to the quick estimate under its amount owed."""
    return lean_fields(
        row, LeanField("creditor"), LeanField("kind"), LeanField("balance"),
        EstimateLink(row.number), LeanField("payment"), LeanField("days"), LeanField("rate"),
    )
