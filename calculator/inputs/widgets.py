"""A text input rendered in Python rather than through the widget templates.

Django renders each widget through ``input.html`` and ``attrs.html``; on the
calculator pages, with a dozen fields, that was most of the page's cost. The
output is the same element with the same attributes.
"""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html


class FastTextInput(forms.TextInput):
    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        # Bootstrap shows the error beside a field marked is-invalid.
        classes = "textinput form-control"
        if final.get("aria-invalid"):
            classes += " is-invalid"
        final["class"] = f"{classes} {final['class']}" if final.get("class") else classes
        formatted = self.format_value(value)
        if formatted is not None:
            final["value"] = formatted
        return format_html('<input type="{}" name="{}"{}>', self.input_type, name, flatatt(final))
