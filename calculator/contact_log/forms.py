"""The contact log's two optional prefills: the lender's name and the debt.

A GET form (``?lender=…&owed=…``, and ``format=pdf`` for the download). What
is typed is only printed on the page: never stored or logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from calculator.inputs import messages
from calculator.inputs.fields import MONEY_MAX, MONEY_MIN, AmountField
from calculator.inputs.forms import LeanForm, StrictChoiceField, fields_only_helper
from calculator.inputs.widgets import FastTextInput

LENDER_MAX_LENGTH = 60  # as the letter's lender_name
FORMAT_CHOICES = [("html", _("Show the log")), ("pdf", _("Download PDF"))]


@dataclass(frozen=True)
class Prefill:
    """What the log is filled in with: only values that passed their checks."""

    lender: str
    owed: Decimal | None


class ContactLogForm(LeanForm):
    use_required_attribute = False

    lender = forms.CharField(
        label=_("Lender's name (optional)"),
        help_text=_("As in your contract, for example 重庆小米消费金融有限公司."),
        max_length=LENDER_MAX_LENGTH,
        required=False,
        widget=FastTextInput(attrs={"autocomplete": "off"}),
        error_messages={"max_length": messages.TEXT_TOO_LONG},
    )
    owed = AmountField(
        label=_("Amount owed (yuan, optional)"),
        help_text=_("What the lender says you owe, for example 12000 or 1.2万."),
        minimum=MONEY_MIN,
        maximum=MONEY_MAX,
        required=False,
    )
    # The two buttons' values: anything else could not come from the form (400).
    format = StrictChoiceField(choices=FORMAT_CHOICES, required=False, widget=forms.HiddenInput)

    def prefill(self) -> Prefill:
        """The valid prefills (an invalid one is left blank, its message beside the field)."""
        errors = self.errors  # runs the checks of a bound form; an unbound one has none
        cleaned = getattr(self, "cleaned_data", {})
        lender = "" if "lender" in errors else cleaned.get("lender", "")
        owed = None if "owed" in errors else cleaned.get("owed")
        return Prefill(lender=lender or "", owed=owed)

    def wants_pdf(self) -> bool:
        return self.is_valid() and self.cleaned_data["format"] == "pdf"

    def status(self) -> int:
        """400 for a format the buttons could not send; 200 otherwise."""
        return 400 if self.is_bound and "format" in self.errors else 200


def contact_log_helper() -> FormHelper:
    """The fields only: the template writes the <form> and its two buttons."""
    return fields_only_helper("lender", "owed")
