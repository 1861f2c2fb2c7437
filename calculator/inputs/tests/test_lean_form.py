"""LeanForm: each form gets its own fields, copied as Django's deepcopy copies them."""

from __future__ import annotations

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from calculator.inputs.forms import LeanForm, StrictChoiceField, field_html
from calculator.inputs.widgets import FastTextInput


class Sample(LeanForm):
    amount = forms.DecimalField(widget=FastTextInput(attrs={"inputmode": "decimal"}))
    kind = StrictChoiceField(choices=[("a", "A"), ("b", "B")])
    plain = forms.ChoiceField(choices=[("x", "X")])  # Django's own copy: its choices too


def test_each_form_has_its_own_fields_widgets_and_attributes():
    first, second = Sample(), Sample()
    message = str(Sample.base_fields["amount"].error_messages["invalid"])
    for name in ("amount", "kind", "plain"):
        assert first.fields[name] is not second.fields[name]
        assert first.fields[name] is not Sample.base_fields[name]
        assert first.fields[name].widget is not second.fields[name].widget
    first.fields["amount"].widget.attrs["placeholder"] = "10000"
    first.fields["amount"].error_messages["invalid"] = "changed"
    first.fields["amount"].validators.append(lambda value: None)
    first.fields["amount"].label = "Changed"
    # Nothing of the first form's changes reaches the second or the class.
    for other in (second.fields["amount"], Sample.base_fields["amount"]):
        assert other.widget.attrs == {"inputmode": "decimal"}
        assert str(other.error_messages["invalid"]) == message != "changed"
        assert other.validators == Sample.base_fields["amount"].validators
        assert other.label is None


def test_the_copies_work_as_fields():
    form = Sample({"amount": "12.50", "kind": "b", "plain": "x"})
    assert form.is_valid(), form.errors
    assert str(form.cleaned_data["amount"]) == "12.50" and form.cleaned_data["kind"] == "b"
    assert 'inputmode="decimal"' in str(form["amount"])
    refused = Sample({"amount": "x", "kind": "c", "plain": "y"})
    assert set(refused.errors) == {"amount", "kind", "plain"}


def test_subclasses_copy_quickly_too():
    class More(Sample):
        extra = forms.CharField()

    assert type(More.base_fields).__name__ == "_QuicklyCopiedFields"
    assert list(More().fields) == ["amount", "kind", "plain", "extra"]


# --- field_html: the label and hint kept per language ------------------------------


class Named(LeanForm):
    amount = forms.DecimalField(label=_("Amount owed"), help_text=_("Usually today. Leave empty for today."),
                                widget=FastTextInput)


def test_a_fields_label_and_hint_in_each_language_in_turn():
    # The label and the hint have Chinese translations in the catalog; the kept
    # markup of one language never answers for another.
    seen = {}
    for language in ["en", "zh-hans", "en", "zh-hans"]:
        with translation.override(language):
            seen.setdefault(language, set()).add(field_html(Named()["amount"]))
    assert all(len(versions) == 1 for versions in seen.values())
    english = seen["en"].pop()
    assert '<label for="id_amount" class="form-label">Amount owed<span class="asteriskField">*</span></label>' in english
    assert '<div id="id_amount_helptext" class="form-text">Usually today. Leave empty for today.</div>' in english
    chinese = seen["zh-hans"].pop()
    assert "欠款金额" in chinese and "Amount owed" not in chinese and "Usually today" not in chinese


def test_a_label_changed_for_one_form_is_that_forms_alone():
    changed = Named()
    changed.fields["amount"].label = "Debt 2: amount <owed>"
    with translation.override("en"):
        first = field_html(changed["amount"])
        usual = field_html(Named()["amount"])
    assert "Debt 2: amount &lt;owed&gt;" in first
    assert "Debt 2" not in usual and "Amount owed" in usual


def test_errors_and_values_are_never_kept():
    with translation.override("en"):
        refused = field_html(Named({"amount": "x"})["amount"])
        accepted = field_html(Named({"amount": "12"})["amount"])
    assert 'class="invalid-feedback"' in refused and 'aria-invalid="true"' in refused
    assert "invalid-feedback" not in accepted and 'value="12"' in accepted
