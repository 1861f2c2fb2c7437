"""LeanForm: each form gets its own fields, copied as Django's deepcopy copies them."""

from __future__ import annotations

from django import forms

from calculator.inputs.forms import LeanForm, StrictChoiceField
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
