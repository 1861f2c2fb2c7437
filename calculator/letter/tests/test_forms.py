"""The letter's form: the personal details, checked before anything is rendered."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from calculator.engine.arrears import PenaltyTerms
from calculator.engine.plan import (
    Budget,
    DebtKind,
    OptionKey,
    OtherDebt,
    debt_from_loan,
    draft_plan,
)
from calculator.inputs import messages
from calculator.letter.forms import SUGGESTION, LetterForm, letter_form
from calculator.plan.parameters import PlanParameters
from calculator.tests.loans import spec_loan

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
ROW = OtherDebt(1, "借呗", DebtKind.LOAN, Decimal("20000"), Decimal("1800"), 40, Decimal("18"))


def spec_plan(others=(ROW,), income="30000"):
    # The spec's loan on 2026-05-20 (D = 10 360.78, P = 5.78) and 借呗 in arrears.
    debt = debt_from_loan(
        loan=spec_loan(),
        terms=PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=3,
                           prepayment_fee_percent=Decimal(3)),
        paid_periods=2, as_of=date(2026, 5, 20),
    )
    month = Budget(Decimal(income), Decimal("3500"), Decimal("0"), Decimal("500"))
    return draft_plan(debt=debt, budget=month, others=others)


PLAN = spec_plan()


def form(to=0, plan=PLAN, **changes) -> LetterForm:
    data = {**VALID, **changes}
    return LetterForm({k: v for k, v in data.items() if v is not None}, plan=plan, to=to)


def errors(bound, name) -> list:
    return [error.message for error in bound.errors.as_data().get(name, [])]


def test_valid_details_become_the_letters_details():
    bound = form()
    assert bound.is_valid(), bound.errors
    details = bound.details(letter_date=date(2026, 5, 20))
    assert details.full_name == "张三"
    assert details.phone == "138 0013 8000"
    assert details.lender_name == "重庆小米消费金融有限公司"
    assert details.id_last4 == "1234"
    assert details.hardship == "illness"
    assert details.ask_penalty_waiver is True
    assert details.letter_date == date(2026, 5, 20)
    assert details.main_lender == ""
    assert bound.option_key is OptionKey.INSTALLMENTS
    assert bound.status == 200


@pytest.mark.parametrize("phone", ["13800138000", "138 0013 8000", "+86 138-0013-8000", "(010) 1234 5678", "12345"])
def test_phone_accepts_digits_spaces_plus_and_dashes(phone):
    assert form(phone=phone).is_valid()


@pytest.mark.parametrize("phone", ["1234", "138abc38000", "138.0013.8000", "<b>13800138000</b>", "１３８００１３８０００x"])
def test_phone_refuses_anything_else(phone):
    assert messages.PHONE_INVALID in errors(form(phone=phone), "phone")


def test_phone_longer_than_20_characters_is_refused():
    assert messages.TEXT_TOO_LONG in errors(form(phone="1" * 21), "phone")


def test_phone_typed_in_full_width_digits_is_accepted_as_half_width():
    bound = form(phone="１３８ ００１３ ８０００")
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["phone"] == "138 0013 8000"


@pytest.mark.parametrize(("typed", "kept"), [("1234", "1234"), ("123X", "123X"), ("123x", "123X"), ("", "")])
def test_id_last4_takes_four_digits_or_three_and_x_upper_cased(typed, kept):
    bound = form(id_last4=typed)
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["id_last4"] == kept


@pytest.mark.parametrize("typed", ["12a4", "X123", "123", "12 4"])
def test_id_last4_refuses_anything_else(typed):
    assert errors(form(id_last4=typed), "id_last4") == [messages.ID_LAST4_INVALID]


def test_whole_id_number_is_refused_so_it_is_never_printed():
    assert messages.TEXT_TOO_LONG in errors(form(id_last4="11010519491231002X"), "id_last4")


@pytest.mark.parametrize("lender", ["Xiaomi Consumer Finance", "ABC-123", "ｘｉａｏｍｉ"])
def test_a_lender_named_without_chinese_characters_is_refused(lender):
    bound = form(lender_name=lender)
    assert errors(bound, "lender_name") == [messages.LENDER_NOT_CHINESE]
    assert bound.status == 200  # a person's typing, not a forged value


def test_a_lender_named_in_chinese_may_carry_latin_letters():
    assert form(lender_name="招商银行 CMB").is_valid()


def test_the_english_form_says_why_names_are_in_chinese():
    with translation.override("en"):
        assert "Chinese" in str(LetterForm(plan=PLAN).fields["full_name"].help_text)
        assert "in Chinese" in str(LetterForm(plan=PLAN).fields["lender_name"].help_text)
        assert "Chinese characters" in str(messages.LENDER_NOT_CHINESE)


def test_other_hardship_needs_the_users_own_words():
    assert errors(form(hardship="other"), "hardship_detail") == [messages.HARDSHIP_DETAIL_NEEDED]
    assert form(hardship="other", hardship_detail="店铺关门了").is_valid()


def test_other_reasons_do_not_need_words():
    for reason in ("job_loss", "illness", "income_drop", "family"):
        assert form(hardship=reason).is_valid(), reason


@pytest.mark.parametrize(
    ("name", "limit"),
    [("full_name", 40), ("lender_name", 60), ("contract_number", 40), ("hardship_detail", 500)],
)
def test_text_fields_have_length_limits(name, limit):
    assert form(**{name: "字" * limit}).is_valid()
    assert errors(form(**{name: "字" * (limit + 1)}), name) == [messages.TEXT_TOO_LONG]


def test_too_long_message_says_the_limit_and_the_length_typed():
    bound = form(full_name="字" * 41)
    with translation.override("en"):
        assert bound.errors["full_name"] == ["Use at most 40 characters (you typed 41)."]


@pytest.mark.parametrize("name", ["full_name", "phone", "lender_name", "contract_number"])
def test_required_details(name):
    assert errors(form(**{name: ""}), name) == [messages.REQUIRED_TEXT]


@pytest.mark.parametrize("bad", ["none", "bogus"])
def test_option_must_be_a_plan_option(bad):
    bound = form(option=bad)
    assert errors(bound, "option") == [messages.CHOICE_INVALID]
    assert bound.status == 400


def test_no_option_is_our_suggestion():
    bound = form(option=SUGGESTION)
    assert bound.is_valid(), bound.errors
    assert bound.option_key is None


def test_values_the_form_could_not_send_are_a_bad_request_and_omissions_are_not():
    assert form(hardship="bogus").status == 400
    assert form(format="exe").status == 400
    assert form(hardship=None).status == 200  # the radio group left unanswered
    assert form(full_name="").status == 200


def test_waiver_is_off_when_the_box_is_not_ticked():
    bound = form(ask_penalty_waiver=None)
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["ask_penalty_waiver"] is False


@pytest.mark.parametrize("kind", ["", "html", "pdf", "docx"])
def test_format_is_optional_and_one_of_three(kind):
    bound = form(format=kind)
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["format"] == kind


# --- what the form asks for ------------------------------------------------------------------


def test_the_proposal_follows_the_option_and_the_waiver():
    # installments at the comparison's 12 months on 10 355.00 (waiver asked: P = 5.78).
    proposal = form().proposal(PLAN)
    assert proposal.option.key is OptionKey.INSTALLMENTS
    assert proposal.basis == Decimal("10355.00")
    assert proposal.fallback is not None
    assert form(ask_penalty_waiver=None).proposal(PLAN).fallback is None


def test_an_invalid_form_proposes_nothing():
    assert form(full_name="").proposal(PLAN) is None


def test_a_letter_to_a_listed_debt_has_no_option_but_may_name_the_first_lender():
    bound = form(to=1, lender_name="借呗", main_lender="重庆小米消费金融有限公司", option=None)
    assert "option" not in bound.fields
    assert bound.is_valid(), bound.errors
    assert bound.details(letter_date=date(2026, 5, 20)).main_lender == "重庆小米消费金融有限公司"
    assert bound.proposal(PLAN).option == PLAN.proposal(1).recommendation.detail
    assert errors(form(to=1, lender_name="借呗", main_lender="Xiaomi"), "main_lender") == [
        messages.LENDER_NOT_CHINESE]


def test_a_letter_to_this_debt_does_not_ask_for_the_first_lender():
    assert "main_lender" not in form().fields


def test_amounts_too_large_to_write_in_capitals_are_refused_with_a_message():
    # 人民币大写 stops at 9 999 999 999 999.99: a D of 10^13 cannot be written.
    huge = replace(PLAN.debt, outstanding_total=Decimal("10000000000000"),
                   payoff_amount=Decimal("10000000000000"))
    plan = draft_plan(debt=huge, budget=PLAN.budget)
    bound = form(plan=plan, option="settle_now", ask_penalty_waiver=None)
    assert bound.proposal(plan) is None
    assert [e.message for e in bound.non_field_errors().as_data()] == [
        messages.LETTER_AMOUNT_TOO_LARGE]


# --- the form for a request ------------------------------------------------------------------


def test_a_get_fills_in_the_option_asked_for_and_ticks_the_waiver():
    unbound = letter_form(None, params=PlanParameters.of({"option": "deferral"}), plan=PLAN)
    assert not unbound.is_bound
    assert unbound.initial["option"] == "deferral"
    assert unbound.initial["ask_penalty_waiver"] is True
    assert "lender_name" not in unbound.initial  # the preset's name is not prefilled


def test_a_get_without_a_known_option_chooses_our_suggestion():
    unbound = letter_form(None, params=PlanParameters.of({"option": "bogus"}), plan=PLAN)
    assert unbound.initial["option"] == SUGGESTION


def test_a_get_for_row_n_fills_in_its_creditor():
    unbound = letter_form(None, params=PlanParameters.of({"to": "1"}), plan=PLAN)
    assert unbound.initial["lender_name"] == "借呗"
    assert unbound.to == 1


def test_change_details_gives_back_what_was_sent_unchecked():
    sent = {**VALID, "full_name": "", "edit": "1", "ask_penalty_waiver": ""}
    unbound = letter_form(sent, params=PlanParameters.of(sent), plan=PLAN)
    assert not unbound.is_bound
    assert unbound.initial["contract_number"] == "XM-2026-0001"
    assert unbound.initial["ask_penalty_waiver"] is False


def test_a_post_is_bound():
    bound = letter_form(VALID, params=PlanParameters.of(VALID), plan=PLAN)
    assert bound.is_bound and bound.is_valid()


@pytest.mark.parametrize("name", ["full_name", "phone", "lender_name", "contract_number"])
def test_a_nul_character_gets_the_fields_own_message(name):
    # "138\x00" pasted from somewhere: the field says to type it again, not Django's
    # generic "null characters are not allowed" (garbled in Chinese).
    bound = form(**{name: "138\x00 0013"})
    assert errors(bound, name) == [str(messages.TEXT_NUL)]


def test_bidi_controls_are_removed_from_the_phone_number():
    # A right-to-left override (U+202E) would print the digits backwards in the PDF.
    bound = form(phone="\u202e138 0013 8000")
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["phone"] == "138 0013 8000"
