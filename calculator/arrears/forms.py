"""The arrears forms: the quick estimate and the loan calculator.

GET forms (the figures can be bookmarked, nothing is stored) that parse what people
type at the boundary and return the engine's own types: ``form.inputs()`` is a
frozen ``QuickInputs`` or ``LoanInputs``, which the views pass to the engine by
keyword.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils import formats
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from calculator.arrears.presets import BY_KEY as PRESETS_BY_KEY
from calculator.arrears.presets import DEFAULT_PRESET, apply_preset, preset_choices
from calculator.engine.arrears import PenaltyTerms, installments_due_by, rate_looks_like_fraction
from calculator.engine.money import Rate, add_months
from calculator.engine.schedule import Loan, Method
from calculator.inputs import messages
from calculator.inputs.fields import (
    MONEY_MAX,
    MONEY_MIN,
    AmountField,
    AnnualRateField,
    DailyRateField,
    FlexibleDateField,
    NumberField,
    PercentField,
    WholeNumberField,
)
from calculator.inputs.forms import (
    EARLIEST_DATE,
    FIELD_TEMPLATE,
    LeanField,
    LeanFieldset,
    LeanForm,
    LeanSubmit,
    StrictChoiceField,
    as_of_field,
    clean_calculation_date,
    lean_fields_helper,
)
from calculator.inputs.widgets import FastHiddenInput, FastSelect

DAILY_RATE_MAX = Decimal(1)  # % a day
ANNUAL_RATE_MAX = Decimal(360)  # % a year, the same 1 % a day
DEFAULT_PENALTY_MULTIPLIER = "1.5"  # 银发〔2003〕251号 upper bound; usual in consumer finance

METHOD_CHOICES = [
    (Method.EQUAL_INSTALLMENT.value, _("Equal installments (等额本息)")),
    (Method.EQUAL_PRINCIPAL.value, _("Equal principal (等额本金)")),
    (Method.INTEREST_ONLY.value, _("Interest monthly, principal at the end (按月付息、到期还本)")),
    (Method.BULLET.value, _("Everything at the end (到期一次还本付息)")),
]


# A date in the language of the page that shows the message, not of the one that
# checked the form.
_long_date = lazy(formats.date_format, str)


@dataclass(frozen=True, slots=True)
class QuickInputs:
    """The quick estimate's inputs, as ``calculate_quick_estimate`` takes them."""

    overdue_amount: Decimal
    due_date: date
    as_of: date
    rate: Rate
    terms: PenaltyTerms


@dataclass(frozen=True, slots=True)
class LoanInputs:
    """The loan calculator's inputs, as ``calculate_loan_arrears`` takes them."""

    loan: Loan
    terms: PenaltyTerms
    paid_periods: int
    as_of: date


class ArrearsForm(LeanForm):
    """Fields and checks shared by the quick estimate and the loan calculator."""

    # Messages beside the fields, not browser pop-ups: every check is server-side.
    use_required_attribute = False

    # Parameters whose bad value cannot come from the form itself (a select or
    # a hidden field): an error on one of them answers 400 rather than 200.
    fixed_choice_fields = ("preset", "method")

    preset = StrictChoiceField(choices=preset_choices, required=False, widget=FastHiddenInput)
    daily_rate = DailyRateField(
        label=_("Daily interest rate (%)"),
        help_text=_("As the contract writes it: 0.05, 0.05% and 万分之五 all mean 0.05 % a day. Fill in this or the annual rate."),
        required=False,
        minimum=Decimal(0),
        maximum=DAILY_RATE_MAX,
        range_message=messages.DAILY_RATE_TOO_HIGH,
    )
    annual_rate = AnnualRateField(
        label=_("Or: annual interest rate (%)"),
        help_text=_("For example 18, 年化18% and 18% all mean 18 % a year. The daily rate is the annual rate ÷ 360."),
        required=False,
        minimum=Decimal(0),
        maximum=ANNUAL_RATE_MAX,
        range_message=messages.ANNUAL_RATE_TOO_HIGH,
    )
    penalty_multiplier = NumberField(
        label=_("Penalty multiplier"),
        help_text=_("The penalty rate ÷ the contract rate. For a bank loan the central bank's rule is 1.3 to 1.5; other lenders follow the contract, and consumer-finance contracts usually use 1.5. Credit cards charge a late-payment fee (违约金) instead. Empty means 1.5."),
        minimum=Decimal(1),
        maximum=Decimal(3),
        range_message=messages.PENALTY_MULTIPLIER_RANGE,
        default=Decimal(DEFAULT_PENALTY_MULTIPLIER),
    )
    grace_days = WholeNumberField(
        label=_("Grace period (days)"),
        help_text=_("Days after the due date without penalty, if your contract gives any. Empty means 0."),
        minimum=0,
        maximum=30,
        range_message=messages.GRACE_DAYS_RANGE,
        default=0,
    )
    as_of = as_of_field()

    def __init__(self, data=None, *, today: date, **kwargs):
        self.today = today
        if data is not None:
            data = apply_preset(_single_values(data), _preset_key(data))
        super().__init__(data, **kwargs)

    @property
    def preset_key(self) -> str:
        if not self.is_bound:
            # The blank form filled in by ?preset=…: its preset is in the initial values.
            return self.initial.get("preset") or DEFAULT_PRESET
        if not self.errors.get("preset"):
            return self.cleaned_data.get("preset") or DEFAULT_PRESET
        return DEFAULT_PRESET

    def has_fixed_choice_error(self) -> bool:
        return any(name in self.errors for name in self.fixed_choice_fields)

    def clean_as_of(self) -> date:
        return clean_calculation_date(self.cleaned_data.get("as_of"), today=self.today)

    def clean(self):
        cleaned = super().clean()
        daily, annual = cleaned.get("daily_rate"), cleaned.get("annual_rate")
        if "daily_rate" in self.errors or "annual_rate" in self.errors:
            return cleaned
        if daily is None and annual is None:
            self.add_error("daily_rate", forms.ValidationError(messages.RATE_MISSING, code="required"))
        elif daily is not None and annual is not None:
            self.add_error("annual_rate", forms.ValidationError(messages.RATE_BOTH, code="both"))
        return cleaned

    def rate(self) -> Rate:
        daily = self.cleaned_data.get("daily_rate")
        if daily is not None:
            return Rate.from_daily_percent(daily)
        return Rate.from_annual_percent(self.cleaned_data["annual_rate"])

    @property
    def rate_field(self) -> str:
        """The name of the field the rate was given in: daily_rate or annual_rate."""
        return "daily_rate" if self.cleaned_data.get("daily_rate") is not None else "annual_rate"

    @property
    def rate_looks_like_fraction(self) -> bool:
        """The valid form's rate is above 0 and below 0.001 % a day: probably a
        fraction typed for a percent (calculations.md). See ``arrears.fraction``."""
        return rate_looks_like_fraction(self.rate())

    def terms(self, prepayment_fee: Decimal | None = None) -> PenaltyTerms:
        """The penalty terms; the prepayment fee is the form's own (0 on the quick
        estimate) unless given."""
        if prepayment_fee is None:
            prepayment_fee = self.cleaned_data.get("prepayment_fee", Decimal(0))
        return PenaltyTerms(
            penalty_multiplier=self.cleaned_data["penalty_multiplier"],
            grace_days=self.cleaned_data["grace_days"],
            prepayment_fee_percent=prepayment_fee,
        )


PLAN_ROWS = [(str(number), str(number)) for number in range(1, 11)]  # debt1 … debt10
BLANK_ROWS = frozenset(["", *(value for value, _label in PLAN_ROWS)])  # none, or a plan row


class QuickEstimateForm(ArrearsForm):
    """I only know what I owe: the overdue amount and the first missed due date."""

    overdue_amount = AmountField(
        label=_("Amount overdue (yuan)"),
        help_text=_("What the app or statement says is overdue, without penalty. For example 3000, 3,000.50 or 1.2万."),
        minimum=MONEY_MIN,
        maximum=MONEY_MAX,
    )
    due_date = FlexibleDateField(
        label=_("First missed due date"),
        help_text=_("For example 2026-03-10, 2026/3/10 or 2026年3月10日."),
        minimum=EARLIEST_DATE,
    )
    # Opened from row N of the plan's list of debts ("do not know the amount owed?"):
    # the result says to type its total back into that row. A hidden value.
    row = StrictChoiceField(choices=PLAN_ROWS, required=False, widget=FastHiddenInput)

    fixed_choice_fields = ("preset", "method", "row")
    field_order = ["preset", "row", "overdue_amount", "due_date", "as_of", "daily_rate",
                   "annual_rate", "penalty_multiplier", "grace_days"]

    def clean(self):
        cleaned = super().clean()
        due, as_of = cleaned.get("due_date"), cleaned.get("as_of")
        if due and as_of and as_of < due:
            self.add_error("as_of", forms.ValidationError(messages.AS_OF_BEFORE_DUE, code="before_due"))
        return cleaned

    def inputs(self) -> QuickInputs:
        data = self.cleaned_data
        return QuickInputs(
            overdue_amount=data["overdue_amount"],
            due_date=data["due_date"],
            as_of=data["as_of"],
            rate=self.rate(),
            terms=self.terms(),
        )


class LoanForm(ArrearsForm):
    """The full loan calculator, from the contract's terms."""

    principal = AmountField(
        label=_("Loan amount (yuan)"),
        help_text=_("The principal you borrowed (借款本金). For example 10000 or 1万."),
        minimum=MONEY_MIN,
        maximum=MONEY_MAX,
    )
    start_date = FlexibleDateField(
        label=_("Date the money was paid out (放款日)"),
        help_text=_("For example 2026-01-15, 2026/1/15 or 2026年1月15日."),
        minimum=EARLIEST_DATE,
    )
    periods = WholeNumberField(
        label=_("Number of installments (期数)"),
        minimum=1,
        maximum=360,
        range_message=messages.PERIODS_RANGE,
    )
    repayment_day = WholeNumberField(
        label=_("Repayment day of the month (还款日)"),
        help_text=_("1 to 31. In a shorter month a later day falls on the month's last day."),
        minimum=1,
        maximum=31,
        range_message=messages.REPAYMENT_DAY_RANGE,
    )
    method = StrictChoiceField(label=_("Repayment method"), choices=METHOD_CHOICES, widget=FastSelect)
    paid_periods = WholeNumberField(
        label=_("Installments already paid in full"),
        help_text=_("Counted from the first, and only those already due. Empty means 0."),
        minimum=0,
        maximum=360,
        range_message=messages.PERIODS_RANGE,
        default=0,
    )
    prepayment_fee = PercentField(
        label=_("Early settlement fee (percent of the remaining principal)"),
        help_text=_("Only if your contract charges one; many do not. Empty means 0."),
        minimum=Decimal(0),
        maximum=Decimal(10),
        range_message=messages.PREPAYMENT_FEE_RANGE,
        default=Decimal(0),
    )

    field_order = ["preset", "principal", "start_date", "periods", "repayment_day", "method",
                   "daily_rate", "annual_rate", "penalty_multiplier", "grace_days",
                   "paid_periods", "as_of", "prepayment_fee"]
    loan_field_names = ("principal", "start_date", "periods", "repayment_day", "method")

    def clean(self):
        cleaned = super().clean()
        start, as_of = cleaned.get("start_date"), cleaned.get("as_of")
        if start and as_of and as_of < start:
            self.add_error("as_of", forms.ValidationError(messages.AS_OF_BEFORE_START, code="before_start"))
        if start and start > add_months(self.today, 12):
            self.add_error("start_date", forms.ValidationError(
                messages.DATE_TOO_LATE, code="max_value",
                params={"maximum": add_months(self.today, 12)},
            ))
        periods, paid = cleaned.get("periods"), cleaned.get("paid_periods")
        if periods is not None and paid is not None and paid > periods:
            self.add_error("paid_periods", forms.ValidationError(
                messages.PAID_PERIODS_TOO_MANY, code="max_value", params={"periods": periods},
            ))
        elif paid and as_of and self._loan_is_clean():
            # calculations.md: only installments due on or before as_of can have been
            # paid; paying one early is an early repayment, which the payoff covers.
            due = installments_due_by(loan=self.loan(), as_of=as_of)
            if paid > due:
                self.add_error("paid_periods", forms.ValidationError(
                    messages.PAID_PERIODS_NOT_YET_DUE, code="not_yet_due",
                    params={"count": due, "date": _long_date(as_of, "DATE_FORMAT")},
                ))
        return cleaned

    def _loan_is_clean(self) -> bool:
        """Every field ``loan()`` reads has a valid value (the rate included)."""
        return all(
            name not in self.errors and self.cleaned_data.get(name) is not None
            for name in self.loan_field_names
        ) and "daily_rate" not in self.errors and "annual_rate" not in self.errors

    def loan(self) -> Loan:
        data = self.cleaned_data
        return Loan(
            principal=data["principal"],
            start_date=data["start_date"],
            periods=data["periods"],
            repayment_day=data["repayment_day"],
            method=Method(data["method"]),
            rate=self.rate(),
        )

    def inputs(self) -> LoanInputs:
        return LoanInputs(
            loan=self.loan(),
            terms=self.terms(),
            paid_periods=self.cleaned_data["paid_periods"],
            as_of=self.cleaned_data["as_of"],
        )


def _single_values(data) -> dict[str, str]:
    """A QueryDict (or dict) as one string per name: the last value of a repeated one."""
    if hasattr(data, "lists"):
        return {key: values[-1] for key, values in data.lists()}
    return dict(data)


def _preset_key(data) -> str:
    value = data.get("preset") if hasattr(data, "get") else None
    return value or DEFAULT_PRESET


def blank_arrears_form(form_class: type[ArrearsForm], *, today: date,
                       preset_key: str = DEFAULT_PRESET, row: str = "") -> ArrearsForm:
    """An unbound arrears form showing the stated defaults, then the preset's terms
    (and, for the quick estimate, the plan's row it was opened for)."""
    preset = PRESETS_BY_KEY[preset_key]
    initial = {
        "row": row,
        "preset": preset.key,
        "penalty_multiplier": DEFAULT_PENALTY_MULTIPLIER,
        "grace_days": "0",
        "paid_periods": "0",
        "prepayment_fee": "0",
        "as_of": today.isoformat(),
        **preset.terms,
    }
    return form_class(initial=initial, today=today)


def arrears_form_for(data, *, today: date) -> ArrearsForm | None:
    """The arrears form the parameters belong to: the loan's if ``principal`` is
    given, the quick estimate's if ``overdue_amount`` is, else None."""
    if "principal" in data:
        return LoanForm(data, today=today)
    if "overdue_amount" in data:
        return QuickEstimateForm(data, today=today)
    return None


def _arrears_fields(form: ArrearsForm) -> list:
    """An arrears form's fields, grouped: the preset, then what the form is about."""
    if isinstance(form, LoanForm):
        first = LeanFieldset(_("The loan, from your contract"), "principal", "start_date",
                             "periods", "repayment_day", "method")
        last = LeanFieldset(_("Where you are now"), "paid_periods", "as_of", "prepayment_fee")
    else:
        first = LeanFieldset(_("What is overdue"), "overdue_amount", "due_date")
        last = LeanFieldset(_("Date"), "as_of")
    return [
        LeanField("preset"),
        *([] if isinstance(form, LoanForm) else [LeanField("row")]),
        first,
        LeanFieldset(_("Interest rate"), "daily_rate", "annual_rate"),
        LeanFieldset(_("Penalty terms"), "penalty_multiplier", "grace_days"),
        last,
    ]


def arrears_helper(form: ArrearsForm, action: str) -> FormHelper:
    """The crispy layout of an arrears form: grouped fields, one submit button."""
    helper = FormHelper()
    helper.template = "arrears/_crispy_form.html"  # the form tag only: no includes, no regex
    helper.field_template = FIELD_TEMPLATE
    helper.form_method = "get"
    # The action among the attributes rather than helper.form_action, which tries
    # reverse() on the path each time it is read; the markup is the same.
    helper.attrs = {"novalidate": "", "action": action}
    helper.form_class = "calculator-form"
    helper.layout = Layout(*_arrears_fields(form), LeanSubmit("submit", _("Calculate")))
    return helper


def arrears_fields_helper(form: ArrearsForm) -> FormHelper:
    """The arrears fields inside the plan form (no <form> tag, no button)."""
    return lean_fields_helper(*_arrears_fields(form))
