"""The letter's form: the personal details, POSTed, used for one response, never stored."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset
from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from calculator.engine.plan import LetterProposal, OptionKey, Plan, letter_for
from calculator.inputs import messages
from calculator.inputs.fields import PlainTextField
from calculator.inputs.forms import LeanForm, StrictChoiceField, fields_only_helper
from calculator.inputs.widgets import FastTextInput
from calculator.letter.builder import HARDSHIP_KEYS, LetterDetails, amounts_fit_in_words
from calculator.plan.options import OPTION_LABELS
from calculator.plan.parameters import PlanParameters

HARDSHIP_CHOICES = [
    ("job_loss", _("I lost my job")),
    ("illness", _("Illness or injury (mine or my family's)")),
    ("income_drop", _("My income fell")),
    ("family", _("A family emergency")),
    ("other", _("Something else")),
]
assert tuple(key for key, _label in HARDSHIP_CHOICES) == HARDSHIP_KEYS  # noqa: S101 - one list
FORMAT_CHOICES = [("html", _("Show the letter")), ("pdf", _("PDF")), ("docx", _("Word (DOCX)"))]
SUGGESTION = ""  # the option choice "our suggestion": the recommendation at its own term
_PHONE = RegexValidator(r"^[0-9+\-() ]{5,20}$", messages.PHONE_INVALID)
_ID_LAST4 = RegexValidator(r"^[0-9]{3}[0-9Xx]$", messages.ID_LAST4_INVALID)
# A Chinese company name has Chinese characters; the letter goes to the lender in Chinese.
_HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class HalfWidthField(PlainTextField):
    """Text whose 全角 digits and signs are folded to half-width (１３８ → 138)."""

    def to_python(self, value):
        value = super().to_python(value)
        return unicodedata.normalize("NFKC", value) if value else value


def _text(label, max_length, help_text="", required=True, field_class=PlainTextField,
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


def _chinese_name(value: str) -> None:
    if value and not _HANZI.search(value):
        raise forms.ValidationError(messages.LENDER_NOT_CHINESE, code="not_chinese")


class LetterForm(LeanForm):
    """The letter's details. POSTed, used for one response, never stored."""

    use_required_attribute = False

    option = StrictChoiceField(label=_("Repayment option to ask for"), choices=[], required=False)
    full_name = _text(
        _("Your full name, as on your ID card"), 40,
        help_text=_("The letter goes to the lender in Chinese: write your name in Chinese characters."),
        widget=FastTextInput(attrs={"autocomplete": "name"}),
    )
    phone = _text(
        _("Your phone number"), 20, validators=[_PHONE], field_class=HalfWidthField,
        widget=FastTextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    lender_name = _text(
        _("Lender's name, copied from your contract"), 60, validators=[_chinese_name],
        help_text=_("The company that lent the money, in Chinese, exactly as the contract names it: it decides who regulates the loan."),
    )
    contract_number = _text(
        _("Contract or loan number"), 40,
        help_text=_("Shown in the app's loan details or on the contract."),
    )
    main_lender = _text(
        _("Lender of the loan you worked out first (optional)"), 60, required=False,
        validators=[_chinese_name],
        help_text=_("For the statement of debts sent with this letter. Copy it from that loan's contract."),
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
        label=_("Ask the lender to waive the penalty interest"), required=False,
    )
    # Set by the submit button pressed; not part of the layout.
    format = StrictChoiceField(choices=FORMAT_CHOICES, required=False)

    def __init__(self, *args, plan: Plan, to: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.to = to
        rec = plan.recommendation
        suggestion = _("Our suggestion: %(option)s") % {"option": OPTION_LABELS[rec.key]}
        self.fields["option"].choices = [
            (SUGGESTION, suggestion),
            *((key.value, OPTION_LABELS[key.value]) for key in OptionKey),
        ]
        if to:
            # A letter to a listed debt proposes that debt's own recommendation.
            del self.fields["option"]
        else:
            del self.fields["main_lender"]
            if plan.debt.penalty_interest > 0:
                self.fields["ask_penalty_waiver"].help_text = _(
                    "The letter then proposes the plan without the penalty interest, and "
                    "the same plan with it if the lender refuses."
                )

    @property
    def status(self) -> int:
        """400 for a value the form could not send, else 200."""
        if not self.is_bound or self.is_valid():
            return 200
        # option and format come from a select and buttons: a bad value could not
        # come from the form. hardship is a radio group: left unanswered is a
        # person's omission (200), an unknown value is not (400).
        if any(name in self.errors for name in ("option", "format")):
            return 400
        return 400 if "hardship" in self.errors and self.data.get("hardship") else 200

    def clean_id_last4(self) -> str:
        return self.cleaned_data["id_last4"].upper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("hardship") == "other" and not cleaned.get("hardship_detail"):
            self.add_error("hardship_detail", forms.ValidationError(
                messages.HARDSHIP_DETAIL_NEEDED, code="required"))
        return cleaned

    @property
    def option_key(self) -> OptionKey | None:
        """The option asked for; None for our suggestion (or a letter to a listed debt)."""
        key = self.cleaned_data.get("option")
        return OptionKey(key) if key else None

    def proposal(self, plan: Plan) -> LetterProposal | None:
        """What the valid form asks the lender for; None, with the form's errors set,
        when it is not valid or an amount is too large to write in capitals."""
        if not self.is_valid():
            return None
        proposal = letter_for(
            plan=plan,
            to=self.to,
            key=self.option_key,
            waive_penalty=self.cleaned_data["ask_penalty_waiver"],
        )
        if not amounts_fit_in_words(plan, proposal):
            self.add_error(None, forms.ValidationError(messages.LETTER_AMOUNT_TOO_LARGE, code="max_value"))
            return None
        return proposal

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
            main_lender=data.get("main_lender", ""),
        )

    def helper(self) -> FormHelper:
        """The fields; the template supplies the <form> tag and buttons."""
        plan_fields = ("option", "ask_penalty_waiver") if not self.to else ("ask_penalty_waiver",)
        loan_fields = ("lender_name", "contract_number") + (("main_lender",) if self.to else ())
        return fields_only_helper(
            Fieldset(_("The plan to ask for"), *plan_fields),
            Fieldset(_("About you"), "full_name", "phone", "id_last4"),
            Fieldset(_("The loan"), *loan_fields),
            Fieldset(_("What happened"), "hardship", "hardship_detail"),
        )


class BundleForm(LetterForm):
    """Every letter at once: this debt's details, and each listed debt's contract number."""

    def __init__(self, *args, plan: Plan, to: int = 0, **kwargs):
        super().__init__(*args, plan=plan, to=0, **kwargs)
        self.rows = [proposal.debt for proposal in plan.proposals]
        for row in self.rows:
            self.fields[contract_field(row.number)] = _text(
                _("Contract number with %(creditor)s (optional)") % {"creditor": row.creditor},
                40, required=False,
                help_text=_("Leave empty to write it in by hand on the printed letter."),
            )

    def contracts(self) -> dict[int, str]:
        return {row.number: self.cleaned_data[contract_field(row.number)] for row in self.rows}

    def helper(self) -> FormHelper:
        return fields_only_helper(
            Fieldset(_("The plan to ask for"), "option", "ask_penalty_waiver"),
            Fieldset(_("About you"), "full_name", "phone", "id_last4"),
            Fieldset(_("The loan you worked out first"), "lender_name", "contract_number"),
            Fieldset(_("The other lenders"), *(contract_field(row.number) for row in self.rows)),
            Fieldset(_("What happened"), "hardship", "hardship_detail"),
        )


def contract_field(number: int) -> str:
    return f"contract_number_{number}"


def letter_form(post, *, params: PlanParameters, plan: Plan) -> LetterForm:
    """The form for this request: bound to a POST of the letter; otherwise filled in
    to be completed (a GET, with the option the plan's link asked for) or changed
    (the "Change details" button, with what was sent), and nothing checked yet."""
    form_class = BundleForm if params.bundle else LetterForm
    to, asked_option = params.to, params.values.get("option", "")
    if post is not None and "edit" not in post:
        return form_class(post, plan=plan, to=to)
    known = {key.value for key in OptionKey}
    initial = {
        "ask_penalty_waiver": True,
        "option": asked_option if asked_option in known else SUGGESTION,
    }
    if to:
        initial["lender_name"] = plan.proposal(to).debt.creditor
    if post is not None:
        names = form_class(plan=plan, to=to).fields
        initial.update({name: post.get(name) for name in names if name in post})
        initial["ask_penalty_waiver"] = bool(post.get("ask_penalty_waiver"))
    return form_class(initial=initial, plan=plan, to=to)
