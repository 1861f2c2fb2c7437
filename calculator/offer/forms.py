"""The lender's offer form: the debt, what the lender offered, the money available.

A GET form whose parameter names are calculations.md's public contract
(``owed``, ``as_of``, ``offer_periods``, ``offer_payment`` or ``offer_fee_rate``,
``offer_down_payment``, ``available``). It reads what lenders write (``月费率0.6%``,
``首付10%``, ``1.2万``) and hands the engine its own ``Offer``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from calculator.engine.money import ZERO, round_money_ratio
from calculator.engine.offer import (
    MAX_FEE_RATE_PERCENT,
    MAX_PERIODS,
    Offer,
    largest_payment_allowed,
)
from calculator.inputs import messages
from calculator.inputs.fields import (
    BUDGET_MAX,
    MONEY_MAX,
    MONEY_MIN,
    AmountField,
    AmountOrShareField,
    FeeRateField,
    FlexibleDateField,
    WholeNumberField,
)
from calculator.inputs.forms import (
    FIELD_TEMPLATE,
    LeanFieldset,
    LeanForm,
    LeanSubmit,
    clean_calculation_date,
)
from calculator.inputs.parsing import Share

# The form, once sent, always carries both of these (empty or not). A link from
# the plan carries neither, only the debt, the money available, the date and
# perhaps a term: the form then opens filled in with those and without errors,
# for the user to type the lender's terms.
SENT_BY_THE_FORM = ("offer_payment", "offer_fee_rate")
CARRIED = ("owed", "available", "as_of", "offer_periods", "offer_down_payment")


class OfferForm(LeanForm):
    # Messages beside the fields, not browser pop-ups: every check is server-side.
    use_required_attribute = False

    owed = AmountField(
        label=_("Amount owed on this debt (yuan)"),
        help_text=_("What the lender says you owe now, for example 12000, 1.2万 or １２０００."),
        minimum=MONEY_MIN,
        maximum=MONEY_MAX,
    )
    offer_periods = WholeNumberField(
        label=_("Number of monthly payments offered (期数)"),
        help_text=_("1 to 60, for example 24 for 分24期."),
        minimum=1,
        maximum=MAX_PERIODS,
        range_message=messages.OFFER_PERIODS_RANGE,
    )
    offer_payment = AmountField(
        label=_("Monthly payment offered (yuan)"),
        help_text=_("If the lender named an amount a month, for example 600. Otherwise leave it empty and enter the fee."),
        minimum=MONEY_MIN,
        maximum=MONEY_MAX,
        required=False,
    )
    offer_fee_rate = FeeRateField(
        label=_("Or: monthly fee (月费率 or 每期手续费, %)"),
        help_text=_("If the lender named a fee, as it wrote it: 0.6, 0.6%, or 月费率0.6%."),
        minimum=Decimal(0),
        maximum=MAX_FEE_RATE_PERCENT,
        range_message=messages.FEE_RATE_TOO_HIGH,
        required=False,
    )
    offer_down_payment = AmountOrShareField(
        label=_("Down payment (首付), if any"),
        help_text=_("Paid at the start: an amount such as 1200, or a share of the debt such as 10%. Empty means none."),
        minimum=Decimal(0),
        maximum=MONEY_MAX,
        default=ZERO,
    )
    available = AmountField(
        label=_("Money you can pay each month for this debt (yuan)"),
        help_text=_("What is left after essential costs, or this debt's share of it from your repayment plan. Leave it empty to see only the cost."),
        minimum=Decimal(0),
        maximum=BUDGET_MAX,
        required=False,
    )
    as_of = FlexibleDateField(
        label=_("Start date of the offer"),
        help_text=_("Usually today: the first payment falls a month later. Leave empty for today."),
        required=False,
    )

    def __init__(self, data=None, *, today: date, **kwargs):
        self.today = today
        super().__init__(data, **kwargs)

    def clean_as_of(self) -> date:
        return clean_calculation_date(self.cleaned_data.get("as_of"), today=self.today)

    def clean(self):
        cleaned = super().clean()
        if "offer_payment" not in self.errors and "offer_fee_rate" not in self.errors:
            payment, fee = cleaned.get("offer_payment"), cleaned.get("offer_fee_rate")
            if payment is None and fee is None:
                self.add_error("offer_payment", forms.ValidationError(
                    messages.OFFER_TERMS_MISSING, code="required"))
            elif payment is not None and fee is not None:
                self.add_error("offer_fee_rate", forms.ValidationError(
                    messages.OFFER_TERMS_BOTH, code="both"))
        owed, down = cleaned.get("owed"), cleaned.get("offer_down_payment")
        if owed is not None and down is not None:
            if isinstance(down, Share):
                # 首付10%: that share of the debt, rounded once to the fen.
                down = cleaned["offer_down_payment"] = round_money_ratio(owed * down.percent, 100)
            if down >= owed:
                self.add_error("offer_down_payment", forms.ValidationError(
                    messages.DOWN_PAYMENT_TOO_LARGE, code="max_value", params={"owed": owed}))
            else:
                self._check_payment(owed - down, cleaned)
        return cleaned

    def _check_payment(self, financed: Decimal, cleaned: dict) -> None:
        """A payment offer asks no more a month than the largest fee would (engine)."""
        payment, periods = cleaned.get("offer_payment"), cleaned.get("offer_periods")
        if payment is None or periods is None or "offer_payment" in self.errors:
            return
        maximum = largest_payment_allowed(financed=financed, periods=periods)
        if payment > maximum:
            self.add_error("offer_payment", forms.ValidationError(
                messages.OFFER_PAYMENT_TOO_HIGH, code="max_value", params={"maximum": maximum}))

    def offer(self) -> Offer:
        """The engine's ``Offer``; call only when the form is valid."""
        data = self.cleaned_data
        return Offer(
            owed=data["owed"],
            as_of=data["as_of"],
            periods=data["offer_periods"],
            payment=data["offer_payment"],
            fee_rate_percent=data["offer_fee_rate"],
            down_payment=data["offer_down_payment"],
        )

    def available_money(self) -> Decimal | None:
        """The money available a month for this debt, or None when not given."""
        return self.cleaned_data["available"]


def offer_form_for(params, *, today: date) -> OfferForm:
    """The form for these query parameters: bound when the offer's payment or fee
    is among them (even empty: the form was sent); otherwise unbound, filled in
    with what a link carried, so it opens without errors."""
    if any(name in params for name in SENT_BY_THE_FORM):
        return OfferForm(params, today=today)
    initial = {"as_of": today.isoformat()}
    initial.update({name: params[name] for name in CARRIED if params.get(name)})
    return OfferForm(initial=initial, today=today)


def offer_helper(action: str) -> FormHelper:
    """The crispy layout: the debt, the lender's terms, the budget; one button."""
    helper = FormHelper()
    # The arrears forms' wrapper: the form tag only (this form's errors are all its
    # fields', each shown beside its field), not crispy's includes and regex.
    helper.template = "arrears/_crispy_form.html"
    helper.field_template = FIELD_TEMPLATE
    helper.form_method = "get"
    helper.form_action = action
    helper.form_class = "calculator-form"
    helper.attrs = {"novalidate": ""}
    # Layout objects that write the fields' markup in Python (calculator.inputs.forms).
    helper.layout = Layout(
        LeanFieldset(_("The debt"), "owed"),
        LeanFieldset(_("What the lender offered"), "offer_periods", "offer_payment",
                     "offer_fee_rate", "offer_down_payment", "as_of"),
        LeanFieldset(_("Your budget"), "available"),
        LeanSubmit("submit", _("Check the offer")),
    )
    return helper
