"""What people type, turned into Decimal, int and date, or refused with its message.

Every refusal names the exact constant from ``calculator.inputs.messages``: a test that
only checked "it raised" would pass on the wrong message too.
"""

from datetime import date
from decimal import Decimal

import pytest

from calculator.inputs import messages
from calculator.inputs.parsing import (
    ParseError,
    Share,
    normalise,
    parse_amount,
    parse_amount_or_share,
    parse_annual_rate,
    parse_daily_rate,
    parse_date,
    parse_fee_rate,
    parse_number,
    parse_percent,
    parse_whole_number,
)


def refusal(parser, text):
    with pytest.raises(ParseError) as caught:
        parser(text)
    return caught.value.message


# --- amounts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "yuan"),
    [
        ("12000", "12000.00"),
        ("12,000.50", "12000.50"),  # thousands separator and fen
        ("1,234,567.89", "1234567.89"),
        ("1.5万", "15000.00"),  # 1.5 × 10 000
        ("1.2万", "12000.00"),
        ("2万", "20000.00"),
        ("1.2345万", "12345.00"),  # 1.2345 × 10 000: still whole fen
        ("1.23456万", "12345.60"),  # 1.23456 × 10 000 = 12 345.6
        ("￥1.5万", "15000.00"),  # full-width yen sign (U+FFE5) folds to ¥
        ("¥3000", "3000.00"),
        ("RMB3000", "3000.00"),
        ("３０００", "3000.00"),  # 全角 digits
        ("１２，０００", "12000.00"),  # 全角 digits and 全角 comma
        ("１２，０００．５０", "12000.50"),  # 全角 full stop too
        ("3000元", "3000.00"),  # trailing 元
        ("1.5万元", "15000.00"),
        (" 12 000 ", "12000.00"),  # spaces typed between groups are dropped
        ("0.01", "0.01"),
        ("0", "0.00"),
    ],
)
def test_amount_accepts_the_spellings_people_type(typed, yuan):
    assert parse_amount(typed) == Decimal(yuan)


def test_amount_is_quantized_to_the_fen():
    # 12000 and 12000.5 both come back with two places, ready for the engine.
    assert str(parse_amount("12000")) == "12000.00"
    assert str(parse_amount("12000.5")) == "12000.50"


@pytest.mark.parametrize(
    "typed",
    [
        "12abc",  # never the 12 at the front (CFPB's stringToNum is the anti-example)
        "abc12",
        "1,00",  # a comma that is not a thousands separator
        "1,0000",
        "12,00.50",
        "1e5",
        "1E5",
        "NaN",
        "nan",
        "Infinity",
        "inf",
        "-5",
        "+5",
        "5-",
        "1.2.3",
        ".5",
        "5.",
        "",
        "   ",
        "万",
        "元",
        "¥",
        "1.5千",
        "一万",  # Chinese numerals are not digits
        "0x10",
        "1" * 1000,  # a 1000-character string
        "a" * 1000,
        "1_000",
    ],
)
def test_amount_refuses_anything_else(typed):
    assert refusal(parse_amount, typed) == messages.AMOUNT_INVALID


@pytest.mark.parametrize("typed", ["0.001", "12000.505", "0.009"])
def test_amount_refuses_fractions_of_a_fen(typed):
    assert refusal(parse_amount, typed) == messages.AMOUNT_DECIMALS


def test_wan_with_too_many_places_is_refused_as_fractions_of_a_fen():
    # 1.2345678万 = 12345.678: three decimal places of a yuan.
    assert refusal(parse_amount, "1.2345678万") == messages.AMOUNT_DECIMALS


# --- percentages and numbers --------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("0.05", "0.05"),
        ("0.05%", "0.05"),
        ("0.05％", "0.05"),  # full-width percent sign
        ("０.０５％", "0.05"),  # 全角 digits
        ("０．０５％", "0.05"),  # and a 全角 full stop
        ("18", "18"),
        ("18%", "18"),
        ("1,000", "1000"),
    ],
)
def test_percent_accepts_a_trailing_percent_sign(typed, value):
    assert parse_percent(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["", "%", "0.05%%", "%0.05", "abc", "1e-3", "NaN", "-0.05", "0.05 per day"])
def test_percent_refuses_anything_else(typed):
    assert refusal(parse_percent, typed) == messages.NUMBER_INVALID


# --- rates as contracts write them ---------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "percent"),
    [
        ("0.05", "0.05"),  # the field is in percent: 0.05 means 0.05 % a day
        ("0.05%", "0.05"),
        ("0.05％", "0.05"),  # full-width percent sign
        ("０．０５％", "0.05"),  # full-width digits and full stop
        (" 0.05 % ", "0.05"),
        ("万分之五", "0.05"),  # 5 ÷ 10 000 = 0.0005 = 0.05 %
        ("万分之5", "0.05"),
        ("万分之2.5", "0.025"),
        ("万分之二点五", "0.025"),
        ("万分之五点五", "0.055"),  # decided: 点 is unambiguous, 5.5 ÷ 10 000 = 0.055 %
        ("万分之十", "0.1"),  # 10 ÷ 10 000
        ("万分之十五", "0.15"),
        ("万分之二十五", "0.25"),
        ("万分之两", "0.02"),
        ("5‱", "0.05"),  # per ten thousand, the sign of 万分之
        ("0.5‰", "0.05"),  # decided: ‰ is per mille, 0.5 ÷ 1 000 = 0.05 %
        ("5‰", "0.5"),  # 5 ÷ 1 000 = 0.5 % a day
        ("千分之零点五", "0.05"),
        ("千分之0.5", "0.05"),
        ("百分之零点零五", "0.05"),
        ("日息万分之五", "0.05"),
        ("日利率0.05%", "0.05"),
        ("日利率万分之五", "0.05"),
        ("日利息0.05%", "0.05"),
        ("每日0.05%", "0.05"),
        ("日0.05%", "0.05"),
        ("0.05%/日", "0.05"),
        ("0.05%/天", "0.05"),
        ("0.05％／天", "0.05"),  # full-width slash
        ("0.05%每天", "0.05"),
        ("日息0.05%/天", "0.05"),  # the period named twice, the same both times
        ("0.05% a day", "0.05"),
        ("0.05% per day", "0.05"),
        ("利率0.05%", "0.05"),  # no period named: the field's
        ("日息 万分之 五", "0.05"),  # spaces anywhere
    ],
)
def test_daily_rate_accepts_the_ways_contracts_write_it(typed, percent):
    assert parse_daily_rate(typed) == Decimal(percent)


@pytest.mark.parametrize(
    ("typed", "percent"),
    [
        ("18", "18"),
        ("18%", "18"),
        ("１８％", "18"),
        ("年化18%", "18"),
        ("年化利率18%", "18"),
        ("年利率18%", "18"),
        ("年息18%", "18"),
        ("年化 18 %", "18"),
        ("18%/年", "18"),
        ("18%每年", "18"),
        ("18% a year", "18"),
        ("百分之十八", "18"),
        ("百分之18", "18"),
        ("年化百分之二十四", "24"),
        ("180‰", "18"),  # per mille, unusual for a year but unambiguous
        ("7.2", "7.2"),
    ],
)
def test_annual_rate_accepts_the_ways_contracts_write_it(typed, percent):
    assert parse_annual_rate(typed) == Decimal(percent)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "%",
        "‰",
        "万分之",  # a unit without a number
        "日息",  # a period without a number
        "0.05%%",
        "%0.05",
        "0.05%‰",  # two units
        "万分之五%",  # a unit word and a unit sign
        "万分之五‰",
        "五",  # Chinese numerals only after 百分之/千分之/万分之: "五" alone is no rate
        "万分之一百",  # 百 is not read: only 1 to 99 in words
        "万分之五五",  # two digits with no 十 or 点
        "万分之十十",
        "万分之点五",
        "万分之五点",
        "五万分之一",
        "0.05%日",
        "日息0.05%/年",  # the period named twice, differently
        "1/2000",
        "-0.05",
        "+0.05",
        "1e-3",
        "NaN",
        "abc",
        "0.05 percent",
        "1" * 1000,
        "万分之" + "五" * 100,
    ],
)
def test_daily_rate_refuses_anything_else(typed):
    assert refusal(parse_daily_rate, typed) == messages.DAILY_RATE_INVALID


@pytest.mark.parametrize("typed", ["", "18%%", "年化", "十八", "18 percent", "18%年化"])
def test_annual_rate_refuses_anything_else(typed):
    assert refusal(parse_annual_rate, typed) == messages.ANNUAL_RATE_INVALID


@pytest.mark.parametrize("typed", ["年化18%", "年利率18%", "18%/年", "18% a year"])
def test_an_annual_rate_in_the_daily_box_is_refused_not_converted(typed):
    assert refusal(parse_daily_rate, typed) == messages.DAILY_RATE_LOOKS_ANNUAL


@pytest.mark.parametrize("typed", ["日息万分之五", "日利率0.05%", "0.05%/天", "每日0.05%"])
def test_a_daily_rate_in_the_annual_box_is_refused_not_converted(typed):
    assert refusal(parse_annual_rate, typed) == messages.ANNUAL_RATE_LOOKS_DAILY


@pytest.mark.parametrize("typed", ["月利率1.5%", "月息1.5%", "月费率0.6%", "1.5%/月", "每月1.5%", "1.5% a month"])
@pytest.mark.parametrize("parser", [parse_daily_rate, parse_annual_rate])
def test_a_monthly_rate_is_refused_with_what_to_look_for(parser, typed):
    # A monthly fee (月费率) is not a monthly interest rate: the message says so.
    assert refusal(parser, typed) == messages.RATE_MONTHLY


def test_number_refuses_a_very_long_string_before_parsing_it():
    assert refusal(parse_number, "1" * 1000) == messages.NUMBER_INVALID
    assert refusal(parse_percent, "1" * 1000) == messages.NUMBER_INVALID


@pytest.mark.parametrize(("typed", "value"), [("1.5", "1.5"), ("１.５", "1.5"), ("3", "3")])
def test_number_accepts_digits_and_full_width_digits(typed, value):
    assert parse_number(typed) == Decimal(value)


@pytest.mark.parametrize(("typed", "value"), [("6", 6), ("６", 6), ("０", 0), (" 12 ", 12), ("360", 360)])
def test_whole_number_accepts_digits(typed, value):
    assert parse_whole_number(typed) == value


@pytest.mark.parametrize("typed", ["", "1.5", "-1", "+1", "6期", "六", "1e3", "1,000", "٣", "9" * 10])
def test_whole_number_refuses_anything_else(typed):
    # "٣" (Arabic-Indic three) is a Unicode digit but not one people here type.
    assert refusal(parse_whole_number, typed) == messages.WHOLE_NUMBER_INVALID


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "2026-03-10",
        "2026-3-10",
        "2026/3/10",
        "2026/03/10",
        "2026.3.10",
        "2026年3月10日",
        "2026年03月10日",
        "2026年3月10号",
        "２０２６年３月１０日",  # 全角 digits
        "２０２６－０３－１０",  # 全角 digits and hyphens
        "２０２６／３／１０",
        " 2026 年 3 月 10 日 ",
    ],
)
def test_date_accepts_iso_slashes_dots_and_chinese(typed):
    assert parse_date(typed) == date(2026, 3, 10)


def test_date_accepts_the_29th_of_february_in_a_leap_year():
    assert parse_date("2028-02-29") == date(2028, 2, 29)


@pytest.mark.parametrize("typed", ["2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2026-02-29", "2026年2月30日"])
def test_date_that_does_not_exist_is_refused_as_impossible(typed):
    assert refusal(parse_date, typed) == messages.DATE_IMPOSSIBLE


@pytest.mark.parametrize(
    "typed",
    [
        "10/3/2026",  # day first: ambiguous, never guessed
        "3/10/2026",
        "26-3-10",
        "20260310",
        "2026-03",
        "2026年3月",
        "2026-03-10T00:00",
        "2026-03-10x",
        "today",
        "",
        "2026-" + "1" * 1000,
        "2" * 1000,
    ],
)
def test_date_refuses_other_spellings(typed):
    assert refusal(parse_date, typed) == messages.DATE_INVALID


def test_normalise_folds_full_width_and_drops_spaces():
    assert normalise("１２，０００　元") == "12,000元"  # the ideographic space goes too
    assert normalise("￥１.５万") == "¥1.5万"


# --- a lender's monthly fee (分期手续费) -------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "0.6",
        "0.6%",
        "0.6％",  # full-width percent sign
        "０.６％",  # 全角 digits
        "月费率0.6%",  # as lenders write it
        "月费率：0.6%",  # with a full-width colon
        "月费率 0.6 %",
        "每期手续费0.6%",  # "24期，每期手续费0.6%"
        "分期手续费率0.6%",
        "手续费0.6%",
        "费率0.6",
        "0.6%/月",
        "0.6%每期",
        "月手续费率0.60%",
    ],
)
def test_fee_rate_accepts_what_lenders_write(typed):
    assert parse_fee_rate(typed) == Decimal("0.6")


def test_fee_rate_of_zero_is_a_fee_free_offer():
    assert parse_fee_rate("0") == Decimal(0)
    assert parse_fee_rate("月费率0%") == Decimal(0)


@pytest.mark.parametrize("typed", ["-0.6", "-0.6%", "月费率-0.6%", "－0.6", "\u22120.6%"])
def test_fee_rate_below_zero_is_refused_as_negative(typed):
    assert refusal(parse_fee_rate, typed) == messages.FEE_RATE_NEGATIVE


@pytest.mark.parametrize("typed", ["年化13%", "年费率7.2%", "日费率0.02%", "每天0.02%"])
def test_a_yearly_or_daily_rate_is_not_read_as_a_monthly_fee(typed):
    assert refusal(parse_fee_rate, typed) == messages.FEE_RATE_NOT_MONTHLY


@pytest.mark.parametrize("typed", ["月利率0.6%", "月息0.6%", "日利率0.05%", "利息0.6%"])
def test_an_interest_rate_on_the_balance_is_not_read_as_a_fee(typed):
    # Interest runs on what is still owed; a fee on the whole amount costs about twice as much.
    assert refusal(parse_fee_rate, typed) == messages.FEE_RATE_IS_INTEREST


@pytest.mark.parametrize("typed", ["", "%", "月费率", "0.6%%", "千分之六", "six", "0.6元", "1e-1", "NaN", "0.6%月"])
def test_fee_rate_refuses_anything_else(typed):
    assert refusal(parse_fee_rate, typed) == messages.FEE_RATE_INVALID


# --- an amount or a share of the debt (首付10%) ------------------------------------------


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("1200", Decimal("1200.00")),
        ("1,200.50", Decimal("1200.50")),
        ("0.12万", Decimal("1200.00")),  # 0.12 × 10 000
        ("１２００", Decimal("1200.00")),
        ("10%", Share(Decimal("10"))),
        ("１０％", Share(Decimal("10"))),
        ("12.5%", Share(Decimal("12.5"))),
        ("首付10%", Share(Decimal("10"))),  # the lender's own words
        ("首付1200元", Decimal("1200.00")),
    ],
)
def test_amount_or_share_tells_yuan_from_a_percent_of_the_debt(typed, parsed):
    assert parse_amount_or_share(typed) == parsed


@pytest.mark.parametrize("typed", ["abc", "-10%", "10%%", "%", "-5", "首付", "首付十分之一"])
def test_amount_or_share_refuses_anything_else(typed):
    assert refusal(parse_amount_or_share, typed) == messages.AMOUNT_OR_SHARE_INVALID


def test_amount_or_share_keeps_the_fen_message():
    assert refusal(parse_amount_or_share, "12.345") == messages.AMOUNT_DECIMALS
