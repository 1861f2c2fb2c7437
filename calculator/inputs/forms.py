"""Form pieces every calculator form shares: the calculation date, a strict
choice, the crispy helpers and lean crispy layout objects.

The arrears forms are laid out with crispy-forms (``FormHelper``, ``Layout``, the
``{% crispy %}`` tag), but their fieldsets, fields and button are layout objects
that write their markup in Python. crispy's own ``Fieldset`` compiles its legend
as a template on every render and renders each field through a template with a
copy of the whole context; on a result page with a dozen fields that was a third
of the page's cost. The markup is that of ``templates/includes/_field.html``.
"""

from __future__ import annotations

import copy
from datetime import date

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, LayoutObject
from crispy_forms.utils import TEMPLATE_PACK
from django import forms
from django.forms.forms import DeclarativeFieldsMetaclass
from django.template import Context
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from calculator.engine.money import add_months
from calculator.inputs import messages
from calculator.inputs.fields import FlexibleDateField
from calculator.inputs.widgets import esc

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


def _copy_plain_field(field: forms.Field) -> forms.Field:
    """What ``Field.__deepcopy__`` gives (its own widget, attrs, error messages and
    validators), made directly: ``copy.copy`` goes through ``__reduce_ex__``."""
    result = object.__new__(type(field))
    result.__dict__.update(field.__dict__)
    widget = field.widget
    if type(widget).__deepcopy__ is forms.Widget.__deepcopy__:
        copied = object.__new__(type(widget))
        copied.__dict__.update(widget.__dict__)
        copied.attrs = widget.attrs.copy()
        result.widget = copied
    else:  # a select's choices, a multi-widget's widgets: Django's own copy
        result.widget = copy.deepcopy(widget)
    result.error_messages = field.error_messages.copy()
    result.validators = field.validators[:]
    return result


class _QuicklyCopiedFields(dict):
    """A form class's ``base_fields``, which ``BaseForm.__init__`` deep-copies for
    every form: copied field by field as Django would, about half a form's cost
    otherwise (13 fields on the loan calculator, a dozen forms on a plan)."""

    def __deepcopy__(self, memo) -> dict:
        return {
            name: _copy_plain_field(field)
            if type(field).__deepcopy__ in _PLAIN_COPIES else copy.deepcopy(field, memo)
            for name, field in self.items()
        }


class LeanFormMetaclass(DeclarativeFieldsMetaclass):
    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        new_class.base_fields = _QuicklyCopiedFields(new_class.base_fields)
        return new_class


class LeanForm(forms.BaseForm, metaclass=LeanFormMetaclass):
    """``forms.Form`` whose fields are copied for each form without ``deepcopy``."""


class StrictChoiceField(forms.ChoiceField):
    """A choice from a fixed list; anything else could not come from the form."""

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {
            "invalid_choice": messages.CHOICE_INVALID,
            "required": messages.CHOICE_INVALID,
        })
        super().__init__(**kwargs)

    def __deepcopy__(self, memo):
        # Every form copies its fields; ChoiceField also deep-copies its choices,
        # lazy labels and all. These lists are fixed and never changed per form,
        # so the copies share them (Field.__deepcopy__ copies the rest).
        return forms.Field.__deepcopy__(self, memo)


# Fields whose copy is Field.__deepcopy__'s and nothing more (StrictChoiceField's
# shares its fixed choices): ``_copy_plain_field`` makes the same copy.
_PLAIN_COPIES = frozenset([forms.Field.__deepcopy__, StrictChoiceField.__deepcopy__])


def fields_only_helper(*layout) -> FormHelper:
    """Fields laid out for a page whose template supplies the <form> tag (and any
    CSRF token and buttons)."""
    helper = FormHelper()
    helper.field_template = FIELD_TEMPLATE
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*layout)
    return helper


# The wrapper of a lean helper: only the layout crispy rendered, no <form> tag (the
# page's template has it), no per-field includes.
LEAN_FIELDS_TEMPLATE = "includes/_crispy_fields.html"


def lean_fields_helper(*layout) -> FormHelper:
    """Lean layout objects (``LeanField`` …) inside a page's own <form>."""
    helper = fields_only_helper(*layout)
    helper.template = LEAN_FIELDS_TEMPLATE
    return helper


def lean_fields(form: forms.Form, *layout) -> SafeString:
    """The markup of lean layout objects for ``form``, laid out by crispy-forms
    (``FormHelper.render_layout``) without the ``{% crispy %}`` tag, which copies the
    whole page context twice for each form: a page with several forms in one <form>
    writes them this way."""
    return lean_fields_helper(*layout).render_layout(form, Context(), template_pack=TEMPLATE_PACK)


_REQUIRED_MARK = '<span class="asteriskField">*</span>'


def _label_and_hint(bound: forms.BoundField, auto_id: str) -> tuple[str, str]:
    """The field's ``<label>`` and hint markup. A field whose label and hint are its
    form class's own (not changed for one form) gives the same markup for every
    visitor: it is kept per language, so its lazy translations are not looked up
    again for each form (two of a field's three gettext calls)."""
    field = bound.field
    declared = type(bound.form).base_fields.get(bound.name)
    shared = declared is not None and field.label is declared.label and field.help_text is declared.help_text
    key = (type(bound.form), bound.name, get_language(), auto_id, field.required) if shared else None
    if key is not None and (kept := _LABELS_AND_HINTS.get(key)) is not None:
        return kept
    label = (
        f'<label for="{esc(bound.id_for_label)}" class="form-label">{esc(bound.label)}'
        f'{_REQUIRED_MARK if field.required else ""}</label>'
    )
    help_text = esc(bound.help_text)
    hint = f'\n<div id="{auto_id}_helptext" class="form-text">{help_text}</div>' if help_text else ""
    if key is not None and len(_LABELS_AND_HINTS) < _MAX_LABELS_AND_HINTS:
        _LABELS_AND_HINTS[key] = (label, hint)
    return label, hint


# (form class, field, language, id, required) → markup: the site's forms' fields in
# three languages, a few hundred entries; the bound only guards against a caller
# that makes form classes or ids without end.
_LABELS_AND_HINTS: dict[tuple, tuple[str, str]] = {}
_MAX_LABELS_AND_HINTS = 2048


def field_html(bound: forms.BoundField) -> SafeString:
    """A field with its label, input, errors and hint (includes/_field.html)."""
    widget = str(bound)
    if bound.is_hidden:
        return SafeString(widget)
    auto_id = esc(bound.auto_id)
    label, hint = _label_and_hint(bound, auto_id)
    html = [f'<div id="div_{auto_id}" class="mb-3">\n{label}\n{widget}']
    if bound.errors:
        messages_html = "".join(f"<strong>{esc(error)}</strong>" for error in bound.errors)
        html.append(f'\n<div id="{auto_id}_error" class="invalid-feedback">{messages_html}</div>')
    html.append(hint)
    html.append("\n</div>\n")
    return SafeString("".join(html))


class LeanField(LayoutObject):
    """One field of a crispy layout, written by ``field_html``."""

    def __init__(self, name: str) -> None:
        self.fields = [name]

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs) -> SafeString:
        name = self.fields[0]
        if hasattr(form, "rendered_fields"):
            form.rendered_fields.add(name)
        return field_html(form[name])


class LeanFieldset(LayoutObject):
    """``<fieldset>`` with a plain-text legend around ``LeanField`` s."""

    def __init__(self, legend, *names: str) -> None:
        self.legend = legend
        self.fields = [LeanField(name) for name in names]

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs) -> SafeString:
        # Each piece is already safe HTML (format_html): joined, it stays safe.
        inner = SafeString("".join(field.render(form, context) for field in self.fields))
        return SafeString(f"<fieldset><legend>{esc(self.legend)}</legend>\n{inner}</fieldset>\n")


class LeanDetails(LayoutObject):
    """``<details>`` (folded unless ``opened``) with a ``<summary>`` around ``LeanField`` s:
    optional fields that work without JavaScript."""

    def __init__(self, summary, *names: str, opened: bool = False) -> None:
        self.summary = summary
        self.opened = opened
        self.fields = [LeanField(name) for name in names]

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs) -> SafeString:
        inner = "".join(field.render(form, context) for field in self.fields)
        opened = " open" if self.opened else ""
        return SafeString(
            f'<details class="plan-form__more"{opened}>\n<summary>{esc(self.summary)}</summary>\n'
            f"{inner}</details>\n"
        )


class LeanSubmit(LayoutObject):
    """The form's submit button (crispy's ``Submit`` markup, without its template)."""

    def __init__(self, name: str, value) -> None:
        self.name = name
        self.value = value
        self.fields = []

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs) -> SafeString:
        name = esc(self.name)
        return SafeString(
            f'<input type="submit" name="{name}" value="{esc(self.value)}" '
            f'class="btn btn-primary" id="submit-id-{name}">'
        )
