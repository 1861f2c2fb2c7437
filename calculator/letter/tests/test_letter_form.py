"""The letter's form: the personal details, checked before anything is rendered."""

from datetime import date

import pytest
from django.utils import translation

from calculator.inputs import messages
from calculator.letter.forms import LetterForm

VALID = {
    "option": "installments",
    "full_name": "张三",
    "phone": "138 0013 8000",
    "lender_name": "重庆小米消费金融有限公司",
    "contract_number": "XM-2026-0001",
    "id_last4": "1234",
    "hardship": "illness",
    "hardship_detail": "",
    "ask_penalty_waiver": "on",
}


def letter_form(**changes) -> LetterForm:
    return LetterForm({**VALID, **changes})


def errors(form, name) -> list:
    return [error.message for error in form.errors.as_data().get(name, [])]


def test_valid_details_become_the_letters_details():
    form = letter_form()
    assert form.is_valid(), form.errors
    details = form.details(letter_date=date(2026, 5, 20))
    assert details.full_name == "张三"
    assert details.phone == "138 0013 8000"
    assert details.id_last4 == "1234"
    assert details.hardship == "illness"
    assert details.ask_penalty_waiver is True
    assert details.letter_date == date(2026, 5, 20)


@pytest.mark.parametrize("phone", ["13800138000", "138 0013 8000", "+86 138-0013-8000", "(010) 1234 5678", "12345"])
def test_phone_accepts_digits_spaces_plus_and_dashes(phone):
    assert letter_form(phone=phone).is_valid()


@pytest.mark.parametrize("phone", ["1234", "138abc38000", "138.0013.8000", "<b>13800138000</b>", "１３８００１３８０００x"])
def test_phone_refuses_anything_else(phone):
    assert messages.PHONE_INVALID in errors(letter_form(phone=phone), "phone")


def test_phone_longer_than_20_characters_is_refused():
    assert messages.TEXT_TOO_LONG in errors(letter_form(phone="1" * 21), "phone")


@pytest.mark.parametrize(("typed", "kept"), [("1234", "1234"), ("123X", "123X"), ("123x", "123X"), ("", "")])
def test_id_last4_takes_four_digits_or_three_and_x_upper_cased(typed, kept):
    form = letter_form(id_last4=typed)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["id_last4"] == kept


@pytest.mark.parametrize("typed", ["12a4", "X123", "123", "12 4"])
def test_id_last4_refuses_anything_else(typed):
    assert errors(letter_form(id_last4=typed), "id_last4") == [messages.ID_LAST4_INVALID]


def test_whole_id_number_is_refused_so_it_is_never_printed():
    form = letter_form(id_last4="11010519491231002X")
    assert messages.TEXT_TOO_LONG in errors(form, "id_last4")


def test_other_hardship_needs_the_users_own_words():
    assert errors(letter_form(hardship="other"), "hardship_detail") == [messages.HARDSHIP_DETAIL_NEEDED]
    assert letter_form(hardship="other", hardship_detail="店铺关门了").is_valid()


def test_other_reasons_do_not_need_words():
    for reason in ("job_loss", "illness", "income_drop", "family"):
        assert letter_form(hardship=reason).is_valid(), reason


@pytest.mark.parametrize(
    ("name", "limit"),
    [("full_name", 40), ("lender_name", 60), ("contract_number", 40), ("hardship_detail", 500)],
)
def test_text_fields_have_length_limits(name, limit):
    assert letter_form(**{name: "字" * limit}).is_valid()
    form = letter_form(**{name: "字" * (limit + 1)})
    assert errors(form, name) == [messages.TEXT_TOO_LONG]


def test_too_long_message_says_the_limit_and_the_length_typed():
    form = letter_form(full_name="字" * 41)
    with translation.override("en"):
        assert form.errors["full_name"] == ["Use at most 40 characters (you typed 41)."]


@pytest.mark.parametrize("name", ["full_name", "phone", "lender_name", "contract_number"])
def test_required_details(name):
    assert errors(letter_form(**{name: ""}), name) == [messages.REQUIRED_TEXT]


def test_option_must_be_a_plan_option_and_not_none():
    for bad in ("none", "bogus", ""):
        form = letter_form(option=bad)
        assert errors(form, "option") == [messages.CHOICE_INVALID]
        assert form.has_fixed_choice_error()


def test_unknown_hardship_or_format_could_not_come_from_the_form():
    assert letter_form(hardship="bogus").has_fixed_choice_error()
    assert letter_form(format="exe").has_fixed_choice_error()
    assert not letter_form(full_name="").has_fixed_choice_error()


def test_waiver_is_off_when_the_box_is_not_ticked():
    details = {key: value for key, value in VALID.items() if key != "ask_penalty_waiver"}
    form = LetterForm(details)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["ask_penalty_waiver"] is False


@pytest.mark.parametrize("kind", ["", "html", "pdf", "docx"])
def test_format_is_optional_and_one_of_three(kind):
    form = letter_form(format=kind)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["format"] == kind


def test_phone_typed_in_full_width_digits_is_accepted_as_half_width():
    form = LetterForm({"phone": "１３８ ００１３ ８０００"})
    form.is_valid()
    assert "phone" not in form.errors
    assert form.cleaned_data["phone"] == "138 0013 8000"
