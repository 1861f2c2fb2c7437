"""The form fields: parse what was typed, check the bounds, say what is wrong.

The bounds tested here are the ones the calculator forms declare on their fields
(``LoanForm.base_fields[...]``), each with its own message constant. Checks that
compare two fields (as_of before start_date, both rates …) are in test_forms.py.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from calculator.arrears.forms import LoanForm, QuickEstimateForm
from calculator.inputs import messages
from calculator.inputs.fields import (
    MAX_INPUT_LENGTH,
    AmountField,
    AmountOrShareField,
    FeeRateField,
    FlexibleDateField,
    NumberField,
    PercentField,
    PlainTextField,
    WholeNumberField,
)
from calculator.inputs.parsing import Share
from calculator.plan.forms import BudgetForm


def refusal(field, text):
    """The message constant and code of the first error ``field`` gives for ``text``."""
    with pytest.raises(ValidationError) as caught:
        field.clean(text)
    error = caught.value.error_list[0]
    return error.message, error.code


def shown(field, text) -> str:
    """The error as the page shows it (in English), bounds filled in."""
    with pytest.raises(ValidationError) as caught:
        field.clean(text)
    with translation.override("en"):
        return caught.value.messages[0]


LOAN = LoanForm.base_fields
QUICK = QuickEstimateForm.base_fields
BUDGET = BudgetForm.base_fields


# --- parsing through the fields -------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "yuan"),
    [
        ("12000", "12000.00"),
        ("12,000.50", "12000.50"),
        ("1.5万", "15000.00"),
        ("￥1.5万", "15000.00"),
        ("３０００", "3000.00"),
        ("１２，０００", "12000.00"),
        ("3000元", "3000.00"),
    ],
)
def test_amount_field_accepts_what_people_type(typed, yuan):
    assert LOAN["principal"].clean(typed) == Decimal(yuan)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12abc", messages.AMOUNT_INVALID),
        ("1,00", messages.AMOUNT_INVALID),
        ("1e5", messages.AMOUNT_INVALID),
        ("NaN", messages.AMOUNT_INVALID),
        ("Infinity", messages.AMOUNT_INVALID),
        ("-5", messages.AMOUNT_INVALID),
        ("0.001", messages.AMOUNT_DECIMALS),
        ("1" * 1000, messages.AMOUNT_INVALID),
        ("", messages.REQUIRED),
        ("   ", messages.REQUIRED),
    ],
)
def test_amount_field_refuses_with_a_specific_message(typed, message):
    assert refusal(LOAN["principal"], typed)[0] == message


def test_amount_below_one_fen_is_too_small_and_says_the_minimum():
    # 0 parses, but a loan of 0 yuan is not a loan: the minimum is 0.01.
    assert refusal(LOAN["principal"], "0") == (messages.AMOUNT_TOO_SMALL, "min_value")
    assert shown(LOAN["principal"], "0") == "Enter an amount of at least 0.01 yuan."


def test_amount_above_one_hundred_million_is_too_large():
    # 1 亿 is allowed; 1 亿 and 1 fen is not.
    assert LOAN["principal"].clean("10000万") == Decimal("100000000.00")
    assert refusal(LOAN["principal"], "100000000.01") == (messages.AMOUNT_TOO_LARGE, "max_value")
    assert shown(LOAN["principal"], "100000000.01") == "Enter an amount of no more than 100000000 yuan."


@pytest.mark.parametrize(
    "typed",
    ["2026-03-10", "2026/3/10", "2026.3.10", "2026年3月10日", "２０２６年３月１０日", "２０２６－０３－１０"],
)
def test_date_field_accepts_every_spelling(typed):
    assert QUICK["due_date"].clean(typed) == date(2026, 3, 10)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-02-30", messages.DATE_IMPOSSIBLE),
        ("2026-13-01", messages.DATE_IMPOSSIBLE),
        ("10/3/2026", messages.DATE_INVALID),
        ("x" * 1000, messages.DATE_INVALID),
        ("", messages.REQUIRED),
    ],
)
def test_date_field_refuses_with_a_specific_message(typed, message):
    assert refusal(QUICK["due_date"], typed)[0] == message


def test_date_field_refuses_dates_before_1990():
    assert refusal(QUICK["due_date"], "1989-12-31") == (messages.DATE_TOO_EARLY, "min_value")
    assert shown(QUICK["due_date"], "1989-12-31") == "Enter a date on or after 1990-01-01."


def test_date_field_shows_a_date_back_in_iso_form():
    assert FlexibleDateField().prepare_value(date(2026, 3, 10)) == "2026-03-10"
    assert FlexibleDateField().prepare_value("2026年3月10日") == "2026年3月10日"


@pytest.mark.parametrize(
    ("typed", "rate"),
    [("0.05", "0.05"), ("0.05%", "0.05"), ("０.０５％", "0.05"), ("1", "1"),
     ("万分之五", "0.05"), ("日息万分之五", "0.05"), ("0.5‰", "0.05"), ("10‰", "1")],
)
def test_daily_rate_field_accepts_a_percent_up_to_one(typed, rate):
    assert LOAN["daily_rate"].clean(typed) == Decimal(rate)


@pytest.mark.parametrize(("typed", "message"), [
    ("11‰", messages.DAILY_RATE_TOO_HIGH),  # 1.1 % a day: above the bound, however written
    ("年化18%", messages.DAILY_RATE_LOOKS_ANNUAL),
    ("月息1.5%", messages.RATE_MONTHLY),
    ("万分之", messages.DAILY_RATE_INVALID),
])
def test_daily_rate_field_refuses_with_the_parsers_message(typed, message):
    assert refusal(QUICK["daily_rate"], typed)[0] == message


def test_annual_rate_field_reads_what_contracts_write():
    assert LOAN["annual_rate"].clean("年化18%") == Decimal(18)
    assert refusal(LOAN["annual_rate"], "日息万分之五")[0] == messages.ANNUAL_RATE_LOOKS_DAILY


def test_empty_optional_field_is_none_or_its_default():
    assert LOAN["daily_rate"].clean("") is None
    assert LOAN["as_of"].clean("") is None  # the form puts today in its place
    assert LOAN["penalty_multiplier"].clean("") == Decimal("1.5")
    assert LOAN["grace_days"].clean("") == 0
    assert LOAN["paid_periods"].clean("") == 0
    assert LOAN["prepayment_fee"].clean("") == Decimal(0)
    assert BUDGET["savings"].clean("") == Decimal(0)
    assert BUDGET["term"].clean("") == 12
    assert BUDGET["defer_months"].clean("") == 1


# --- the bounds each form declares, with their messages --------------------------------


@pytest.mark.parametrize(
    ("form_fields", "name", "typed", "message"),
    [
        # 1 % a day is 360 % a year: above it is not a consumer loan rate.
        (LOAN, "daily_rate", "1.01", messages.DAILY_RATE_TOO_HIGH),
        (LOAN, "daily_rate", "5", messages.DAILY_RATE_TOO_HIGH),
        (LOAN, "annual_rate", "360.01", messages.ANNUAL_RATE_TOO_HIGH),
        (LOAN, "periods", "361", messages.PERIODS_RANGE),
        (LOAN, "periods", "0", messages.PERIODS_RANGE),
        (LOAN, "repayment_day", "0", messages.REPAYMENT_DAY_RANGE),
        (LOAN, "repayment_day", "32", messages.REPAYMENT_DAY_RANGE),
        (LOAN, "penalty_multiplier", "0.9", messages.PENALTY_MULTIPLIER_RANGE),
        (LOAN, "penalty_multiplier", "3.1", messages.PENALTY_MULTIPLIER_RANGE),
        (LOAN, "grace_days", "31", messages.GRACE_DAYS_RANGE),
        (LOAN, "paid_periods", "361", messages.PERIODS_RANGE),
        (LOAN, "prepayment_fee", "10.5", messages.PREPAYMENT_FEE_RANGE),
        (QUICK, "daily_rate", "1.5", messages.DAILY_RATE_TOO_HIGH),
        (QUICK, "grace_days", "31", messages.GRACE_DAYS_RANGE),
        (BUDGET, "term", "0", messages.TERM_RANGE),
        (BUDGET, "term", "61", messages.TERM_RANGE),
        (BUDGET, "defer_months", "13", messages.DEFER_MONTHS_RANGE),
        (BUDGET, "reduced_annual_rate", "361", messages.ANNUAL_RATE_TOO_HIGH),
    ],
)
def test_value_out_of_bounds_gets_its_own_message(form_fields, name, typed, message):
    assert refusal(form_fields[name], typed)[0] == message


@pytest.mark.parametrize(
    ("name", "typed", "value"),
    [
        ("daily_rate", "1", Decimal(1)),
        ("annual_rate", "360", Decimal(360)),
        ("periods", "360", 360),
        ("periods", "1", 1),
        ("repayment_day", "1", 1),
        ("repayment_day", "31", 31),
        ("penalty_multiplier", "1", Decimal(1)),
        ("penalty_multiplier", "3", Decimal(3)),
        ("grace_days", "30", 30),
        ("prepayment_fee", "10", Decimal(10)),
    ],
)
def test_bounds_themselves_are_allowed(name, typed, value):
    assert LOAN[name].clean(typed) == value


def test_daily_rate_message_shows_a_single_percent_sign():
    # The constant writes %% because range messages are always formatted.
    assert shown(LOAN["daily_rate"], "2") == (
        "A daily rate above 1 % is not a consumer loan rate. Check the contract: "
        "0.05 means 0.05 % a day."
    )


def test_whole_number_field_refuses_a_fraction_of_an_installment():
    assert refusal(LOAN["periods"], "6.5")[0] == messages.WHOLE_NUMBER_INVALID


# --- the field classes themselves -----------------------------------------------------


def test_number_fields_use_generic_range_messages_without_a_specific_one():
    field = NumberField(minimum=Decimal(1), maximum=Decimal(3))
    assert refusal(field, "0.5") == (messages.NUMBER_TOO_SMALL, "min_value")
    assert refusal(field, "4") == (messages.NUMBER_TOO_LARGE, "max_value")
    assert shown(field, "4") == "Enter a number of no more than 3."


def test_parse_error_code_is_invalid():
    assert refusal(PercentField(), "abc") == (messages.NUMBER_INVALID, "invalid")
    assert refusal(WholeNumberField(), "abc") == (messages.WHOLE_NUMBER_INVALID, "invalid")


def test_field_with_a_default_is_optional_and_one_without_is_required():
    assert AmountField(default=Decimal(0)).required is False
    assert AmountField().required is True


def test_fields_ask_phones_for_the_right_keyboard():
    assert AmountField().widget.attrs["inputmode"] == "decimal"
    assert WholeNumberField().widget.attrs["inputmode"] == "numeric"
    assert FlexibleDateField().widget.attrs["inputmode"] == "text"
    # 万分之五 and ‰ need the full keyboard, not a number pad.
    assert LOAN["daily_rate"].widget.attrs["inputmode"] == "text"
    assert LOAN["annual_rate"].widget.attrs["inputmode"] == "text"
    assert AmountField().widget.attrs["maxlength"] == str(MAX_INPUT_LENGTH)
    assert AmountField().widget.attrs["autocomplete"] == "off"


# --- the lender's offer: a monthly fee, and an amount or a share ------------------------


def test_fee_rate_field_reads_the_lenders_words_and_checks_its_bounds():
    field = FeeRateField(minimum=Decimal(0), maximum=Decimal(10),
                         range_message=messages.FEE_RATE_TOO_HIGH, required=False)
    assert field.clean("月费率0.6%") == Decimal("0.6")
    assert field.clean("") is None
    assert refusal(field, "-0.6") == (messages.FEE_RATE_NEGATIVE, "invalid")
    assert refusal(field, "10.01") == (messages.FEE_RATE_TOO_HIGH, "max_value")
    assert shown(field, "12%") == "A monthly fee above 10 % is not a repayment offer. Check the figure: 0.6 means 0.6 % a month."


def test_amount_or_share_field_keeps_a_share_for_the_form_and_bounds_an_amount():
    field = AmountOrShareField(minimum=Decimal(0), maximum=Decimal("100000000"), default=Decimal(0))
    assert field.clean("首付10%") == Share(Decimal("10"))
    assert field.clean("1200") == Decimal("1200.00")
    assert field.clean("") == Decimal(0)  # no down payment
    assert refusal(field, "100%") == (messages.SHARE_TOO_LARGE, "max_value")
    assert shown(field, "100%") == "Enter a share below 100 %, for example 10% for 首付10%."
    assert refusal(field, "100000000.01") == (messages.AMOUNT_TOO_LARGE, "max_value")


# --- plain text (the letter's names, numbers and reasons) --------------------------


@pytest.mark.parametrize("control", [
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",  # embeddings and overrides
    "\u2066", "\u2067", "\u2068", "\u2069",  # isolates
    "\u200e", "\u200f", "\u061c",  # marks
])
def test_plain_text_drops_every_bidi_control(control):
    assert PlainTextField(max_length=40).clean(f"张三{control}138 0013 8000") == "张三138 0013 8000"


def test_plain_text_keeps_everything_else():
    # Joiners, full-width forms and Arabic letters are text, not controls.
    text = "王\u200d小明 ＡＢＣ مرحبا (2026)"
    assert PlainTextField(max_length=60).clean(text) == text


def test_plain_text_counts_its_length_after_dropping_the_controls():
    # 40 characters and 10 overrides: 40 left, within the limit.
    assert PlainTextField(max_length=40).clean("\u202e" * 10 + "字" * 40) == "字" * 40


@pytest.mark.parametrize("language, words", [
    ("en", "invisible control character"),
    ("zh-hans", "看不见的控制字符"),
])
def test_a_nul_character_gets_the_fields_own_message(language, words):
    with translation.override(language):
        with pytest.raises(ValidationError) as caught:
            PlainTextField(max_length=40).clean("张\x00三")
        (message,) = caught.value.messages
    assert words in message


def test_the_letters_text_fields_are_plain_text():
    from calculator.letter.forms import LetterForm

    for name in ("full_name", "lender_name", "contract_number", "id_last4", "hardship_detail"):
        assert isinstance(LetterForm.base_fields[name], PlainTextField), name
