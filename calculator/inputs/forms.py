"""Form pieces every calculator form shares: the calculation date, a strict
choice and the crispy helpers."""

from __future__ import annotations

from datetime import date

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from calculator.engine.money import add_months
from calculator.inputs import messages
from calculator.inputs.fields import FlexibleDateField

# The lean field template (templates/includes/_field.html) used by every helper.
FIELD_TEMPLATE = "includes/_field.html"


EARLIEST_DATE = date(1990, 1, 1)
# How far ahead a calculation date may be: far enough to plan, not a typo's decades.
AS_OF_MAX_YEARS_AHEAD = 5


def as_of_field() -> FlexibleDateField:
    return FlexibleDateField(
        label=_("Calculate for this date"),
        help_text=_("Usually today. Leave empty for today."),
        required=False,
    )


def clean_calculation_date(value: date | None, *, today: date) -> date:
    """The ``as_of`` a form hands the engine: today when empty, within the bounds."""
    as_of = value or today
    if as_of > add_months(today, 12 * AS_OF_MAX_YEARS_AHEAD):
        raise forms.ValidationError(messages.AS_OF_TOO_LATE, code="max_value")
    if as_of < EARLIEST_DATE:
        raise forms.ValidationError(
            messages.DATE_TOO_EARLY, code="min_value", params={"minimum": EARLIEST_DATE}
        )
    return as_of


class StrictChoiceField(forms.ChoiceField):
    """A choice from a fixed list; anything else could not come from the form."""

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {
            "invalid_choice": messages.CHOICE_INVALID,
            "required": messages.CHOICE_INVALID,
        })
        super().__init__(**kwargs)


def fields_only_helper(*layout) -> FormHelper:
    """Fields laid out for a page whose template supplies the <form> tag (and any
    CSRF token and buttons)."""
    helper = FormHelper()
    helper.field_template = FIELD_TEMPLATE
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*layout)
    return helper
