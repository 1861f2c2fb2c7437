"""人民币大写, ¥ amounts and data-value strings (facts.md, "Numbers for the content")."""

from decimal import Decimal

import pytest

from calculator.formatting import format_amount, format_yuan, plain_decimal, rmb_upper


def test_rmb_upper_writes_ling_after_yuan_when_jiao_is_zero():
    # facts.md vector: 16 409.02 = 壹万 陆仟 肆佰, 0 tens → 零, 玖元; 0 角 and 2 分
    # → 元零贰分.
    assert rmb_upper(Decimal("16409.02")) == "人民币壹万陆仟肆佰零玖元零贰分"


def test_rmb_upper_ends_at_jiao_without_zheng():
    # facts.md vector: 1 409.50 → 整 is optional after 角; we write none.
    assert rmb_upper(Decimal("1409.50")) == "人民币壹仟肆佰零玖元伍角"


def test_rmb_upper_matches_the_letter_example_in_product_md():
    # 10 023.45: 1 万, 0 thousands and 0 hundreds → one 零, 贰拾叁元, 肆角伍分.
    assert rmb_upper(Decimal("10023.45")) == "人民币壹万零贰拾叁元肆角伍分"


def test_rmb_upper_writes_one_ling_for_a_run_of_zeros_across_wan():
    # 100 005: 壹拾万, then 0 thousands, hundreds, tens → one 零, then 伍.
    assert rmb_upper(Decimal("100005")) == "人民币壹拾万零伍元整"


def test_rmb_upper_writes_one_ling_inside_the_wan_group():
    # 10 010 000 = 1001 万: 壹仟, 0 hundreds and tens → 零, 壹万; trailing zeros silent.
    assert rmb_upper(Decimal("10010000")) == "人民币壹仟零壹万元整"


def test_rmb_upper_writes_no_ling_for_trailing_zeros():
    assert rmb_upper(Decimal("1000000")) == "人民币壹佰万元整"
    assert rmb_upper(Decimal("100000000")) == "人民币壹亿元整"


def test_rmb_upper_writes_ling_between_yi_and_a_lower_group():
    # 100 010 000 = 1 亿 + 1 万: the 亿's lower digits 0000 then 0001 → 壹亿零壹万.
    assert rmb_upper(Decimal("100010000")) == "人民币壹亿零壹万元整"


def test_rmb_upper_writes_yi_after_a_wan_yi_digit():
    # 10^12 = 一万亿.
    assert rmb_upper(Decimal("1000000000000")) == "人民币壹万亿元整"


def test_rmb_upper_writes_the_largest_supported_amount():
    assert rmb_upper(Decimal("9999999999999.99")) == (
        "人民币玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"
    )


def test_rmb_upper_writes_yi_shi_for_a_leading_ten():
    # Financial writing adds 壹 before a leading 拾 (¥15.80 → 壹拾伍元捌角).
    assert rmb_upper(Decimal("10")) == "人民币壹拾元整"
    assert rmb_upper(Decimal("15.80")) == "人民币壹拾伍元捌角"
    assert rmb_upper(Decimal("1010")) == "人民币壹仟零壹拾元整"


def test_rmb_upper_writes_no_ling_before_jiao_when_yuan_digit_is_zero():
    # 支付结算办法 allows 壹仟陆佰捌拾元零叁角贰分 or without 零; we write it without.
    assert rmb_upper(Decimal("1680.32")) == "人民币壹仟陆佰捌拾元叁角贰分"


def test_rmb_upper_below_one_yuan_has_no_yuan():
    assert rmb_upper(Decimal("0.05")) == "人民币伍分"
    assert rmb_upper(Decimal("0.50")) == "人民币伍角"
    assert rmb_upper(Decimal("0.55")) == "人民币伍角伍分"


def test_rmb_upper_of_zero_is_ling_yuan_zheng():
    assert rmb_upper(Decimal("0")) == "人民币零元整"


def test_rmb_upper_rounds_half_up_to_the_cent_first():
    # 0.005 → 0.01; 1 409.495 → 1 409.50.
    assert rmb_upper(Decimal("0.005")) == "人民币壹分"
    assert rmb_upper(Decimal("1409.495")) == "人民币壹仟肆佰零玖元伍角"
    assert rmb_upper(Decimal("0.004")) == "人民币零元整"


def test_rmb_upper_accepts_the_plan_letter_figures():
    # payoff 10 660.78 from calculations.md's check.
    assert rmb_upper(Decimal("10660.78")) == "人民币壹万零陆佰陆拾元柒角捌分"


def test_rmb_upper_rejects_negative_amounts():
    with pytest.raises(ValueError):
        rmb_upper(Decimal("-0.01"))


def test_rmb_upper_rejects_amounts_above_the_largest_supported():
    with pytest.raises(ValueError):
        rmb_upper(Decimal("10000000000000"))


def test_rmb_upper_rejects_float():
    with pytest.raises(TypeError):
        rmb_upper(1.5)  # type: ignore[arg-type]


def test_format_yuan_has_separators_and_two_decimals():
    assert format_yuan(Decimal("1234.56")) == "¥1,234.56"
    assert format_yuan(Decimal("1234567")) == "¥1,234,567.00"
    assert format_yuan(Decimal("0")) == "¥0.00"


def test_format_yuan_rounds_half_up():
    # 0.125 → 0.13 (half up, not banker's 0.12).
    assert format_yuan(Decimal("0.125")) == "¥0.13"


def test_format_yuan_writes_negative_with_a_real_minus_sign():
    assert format_yuan(Decimal("-1234.56")) == "\u2212¥1,234.56"


def test_format_yuan_never_shows_minus_zero():
    assert format_yuan(Decimal("-0.001")) == "¥0.00"


def test_format_amount_is_the_figure_without_the_sign():
    # For sentences whose words carry the unit: 每期1,072.00元.
    assert format_amount(Decimal("1072")) == "1,072.00"
    assert format_amount(Decimal("1234567.125")) == "1,234,567.13"  # half up
    assert format_amount(Decimal("-0.001")) == "0.00"
    with pytest.raises(ValueError):
        format_amount(Decimal("-1"))


def test_plain_decimal_has_no_separators_and_two_decimals():
    assert plain_decimal(Decimal("10660.78")) == "10660.78"
    assert plain_decimal(Decimal("10000")) == "10000.00"
    assert plain_decimal(Decimal("1E+3")) == "1000.00"  # never exponent notation
    assert plain_decimal(Decimal("17.575")) == "17.58"


def test_plain_decimal_never_shows_minus_zero():
    assert plain_decimal(Decimal("-0.001")) == "0.00"
