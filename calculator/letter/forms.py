"""The letter's form: the personal details, POSTed, used for one response, never stored."""

from __future__ import annotations

import unicodedata
from datetime import date

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset
from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from calculator.inputs import messages
from calculator.inputs.forms import StrictChoiceField, fields_only_helper
from calculator.inputs.widgets import FastTextInput
from calculator.letter.builder import LetterDetails
from calculator.plan.options import OPTION_LABELS

HARDSHIP_CHOICES = [
    ("job_loss", _("I lost my job")),
    ("illness", _("Illness or injury (mine or my family's)")),
    ("income_drop", _("My income fell")),
    ("family", _("A family emergency")),
    ("other", _("Something else")),
]
FORMAT_CHOICES = [("html", _("Show the letter")), ("pdf", _("PDF")), ("docx", _("Word (DOCX)"))]
_PHONE = RegexValidator(r"^[0-9+\-() ]{5,20}$", messages.PHONE_INVALID)
_ID_LAST4 = RegexValidator(r"^[0-9]{3}[0-9Xx]$", messages.ID_LAST4_INVALID)


class HalfWidthField(forms.CharField):
    """Text whose 全角 digits and signs are folded to half-width (１３８ → 138)."""

    def to_python(self, value):
        value = super().to_python(value)
        return unicodedata.normalize("NFKC", value) if value else value


def _text(label, max_length, help_text="", required=True, field_class=forms.CharField,
          **kwargs) -> forms.CharField:
    kwargs.setdefault("widget", FastTextInput)
    return field_class(
        label=label,
        max_length=max_length,
        help_text=help_text,
        required=required,
        error_messages={"required": messages.REQUIRED_TEXT, "max_length": messages.TEXT_TOO_LONG},
        **kwargs,
    )


class LetterForm(forms.Form):
    """The letter's details. POSTed, used for one response, never stored."""

    use_required_attribute = False

    option = StrictChoiceField(label=_("Repayment option to ask for"), choices=[])
    full_name = _text(_("Your full name"), 40, widget=FastTextInput(attrs={"autocomplete": "name"}))
    phone = _text(
        _("Your phone number"), 20, validators=[_PHONE], field_class=HalfWidthField,
        widget=FastTextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    lender_name = _text(
        _("Lender's name, as in your contract"), 60,
        help_text=_("The company that lent the money, as your contract names it. It decides who regulates the loan."),
    )
    contract_number = _text(
        _("Contract or loan number"), 40,
        help_text=_("Shown in the app's loan details or on the contract."),
    )
    id_last4 = _text(
        _("Last four characters of your ID number (optional)"), 4, required=False,
        validators=[_ID_LAST4],
        help_text=_("Only these four are printed. Leave empty if you prefer."),
    )
    hardship = StrictChoiceField(
        label=_("Why you cannot pay as agreed"), choices=HARDSHIP_CHOICES, widget=forms.RadioSelect,
    )
    hardship_detail = _text(
        _("In your own words (optional)"), 500, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One or two sentences: what happened and when. At most 500 characters."),
    )
    ask_penalty_waiver = forms.BooleanField(
        label=_("Ask the lender to waive or reduce the penalty interest"), required=False,
    )
    # Set by the submit button pressed; not part of the layout.
    format = StrictChoiceField(choices=FORMAT_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = [
            (key, label) for key, label in OPTION_LABELS.items() if key != "none"
        ]

    def has_fixed_choice_error(self) -> bool:
        # option and format come from a select and buttons: a bad value could not
        # come from the form. hardship is a radio group: left unanswered is a
        # person's omission (200), an unknown value is not (400).
        if any(name in self.errors for name in ("option", "format")):
            return True
        return "hardship" in self.errors and bool(self.data.get("hardship"))

    def clean_id_last4(self) -> str:
        return self.cleaned_data["id_last4"].upper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("hardship") == "other" and not cleaned.get("hardship_detail"):
            self.add_error("hardship_detail", forms.ValidationError(
                messages.HARDSHIP_DETAIL_NEEDED, code="required"))
        return cleaned

    def details(self, *, letter_date: date) -> LetterDetails:
        data = self.cleaned_data
        return LetterDetails(
            full_name=data["full_name"],
            phone=data["phone"],
            lender_name=data["lender_name"],
            contract_number=data["contract_number"],
            id_last4=data["id_last4"],
            hardship=data["hardship"],
            hardship_detail=data["hardship_detail"],
            ask_penalty_waiver=data["ask_penalty_waiver"],
            letter_date=letter_date,
        )


def letter_helper() -> FormHelper:
    """The letter form's fields; the template supplies the <form> tag and buttons."""
    return fields_only_helper(
        Fieldset(_("The plan to ask for"), "option", "ask_penalty_waiver"),
        Fieldset(_("About you"), "full_name", "phone", "id_last4"),
        Fieldset(_("The loan"), "lender_name", "contract_number"),
        Fieldset(_("What happened"), "hardship", "hardship_detail"),
    )
