"""Inputs rendered in Python rather than through the widget templates.

Django renders each widget through ``input.html`` and ``attrs.html``; on the
calculator pages, with a dozen fields, that was most of the page's cost. The
output is the same element with the same attributes. Escaping is
``conditional_escape``'s (safe strings pass, everything else is escaped as
Django's ``escape`` does), without its lazy-string wrapper on every call.
"""

from __future__ import annotations

from django import forms
from django.utils.safestring import SafeString

from core.markup import esc  # also imported from here by the tables and presenters


def attributes(attrs: dict) -> str:
    """`` name="value"`` pairs as ``flatatt`` writes them: True alone, False and None left out."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {name}")
        elif value is not False and value is not None:
            parts.append(f' {name}="{esc(value)}"')
    return "".join(parts)


def _with_classes(final: dict, classes: str) -> None:
    # Bootstrap shows the error beside a field marked is-invalid.
    if final.get("aria-invalid"):
        classes += " is-invalid"
    final["class"] = f"{classes} {final['class']}" if final.get("class") else classes


class FastTextInput(forms.TextInput):
    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        _with_classes(final, "textinput form-control")
        formatted = self.format_value(value)
        if formatted is not None:
            final["value"] = formatted
        return SafeString(f'<input type="{self.input_type}" name="{esc(name)}"{attributes(final)}>')


class FastSelect(forms.Select):
    """A single choice rendered in Python, as Bootstrap's ``form-select``.

    Django's Select renders ``select.html`` and one ``select_option.html`` per
    option; this writes the same element directly.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        _with_classes(final, "select form-select")
        chosen = {str(item) for item in self.format_value(value)}
        options = "".join(
            f'<option value="{esc(option)}"{" selected" if str(option) in chosen else ""}>'
            f"{esc(label)}</option>"
            for option, label in self.choices
        )
        return SafeString(f'<select name="{esc(name)}"{attributes(final)}>{options}</select>')


class FastHiddenInput(forms.HiddenInput):
    """A hidden input rendered in Python."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        formatted = self.format_value(value)
        if formatted is not None:
            final["value"] = formatted
        return SafeString(f'<input type="hidden" name="{esc(name)}"{attributes(final)}>')
