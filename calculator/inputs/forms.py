"""Form pieces every calculator form shares: a strict choice and the crispy helpers."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms

from calculator.inputs import messages

# The lean field template (templates/includes/_field.html) used by every helper.
FIELD_TEMPLATE = "includes/_field.html"


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
