from datetime import date
from decimal import Decimal

from calculator.engine.money import (
    DailyCharge,
    Rate,
    add_months,
    cents_to_money,
    round_money,
    round_money_ratio,
    round_percent,
)


def test_round_money_rounds_half_up_to_the_cent():
    assert round_money(Decimal("0.005")) == Decimal("0.01")
    assert round_money(Decimal("2.675")) == Decimal("2.68")
    assert round_money(Decimal("1.12499")) == Decimal("1.12")
    assert str(round_money(Decimal(10000))) == "10000.00"


def test_round_percent_keeps_two_decimals_half_up():
    assert round_percent(Decimal("17.575")) == Decimal("17.58")
    assert round_percent(Decimal("17.57499")) == Decimal("17.57")


def test_round_money_ratio_rounds_once_after_dividing():
    # 150 × 27 × 10 / 36 000 = 1.125 exactly → 1.13 (half up, not half even)
    assert round_money_ratio(Decimal("150.00") * 27 * 10, 36000) == Decimal("1.13")
    # 10 000 / 3 = 3 333.333… → 3 333.33
    assert round_money_ratio(Decimal("10000.00"), 3) == Decimal("3333.33")


def test_daily_charge_is_base_times_annual_over_36000_per_day():
    # 155 × 27 % / 360 × 40 days = 155 × 0.00075 × 40 = 4.65
    assert DailyCharge.of(base=Decimal("155.00"), annual_percent=Decimal("27")).for_days(
        40
    ) == Decimal("4.65")
    # 150 × 0.00075 × 10 = 1.125 → 1.13
    charge = DailyCharge.of(base=Decimal("150.00"), annual_percent=Decimal("27.0"))
    assert charge.for_days(10) == Decimal("1.13")
    assert charge.cents(10) == 113


def test_daily_charge_agrees_with_decimal_division_on_awkward_rates():
    # 1 234.56 × 13.7 % / 360 × d, for d = 1 … 400, against one Decimal division each.
    base, annual = Decimal("1234.56"), Decimal("13.7")
    charge = DailyCharge.of(base=base, annual_percent=annual)
    for days in range(401):
        assert charge.for_days(days) == round_money_ratio(base * annual * days, 36000)


def test_daily_charge_of_nothing_is_zero_cents():
    assert DailyCharge.of(base=Decimal("0.00"), annual_percent=Decimal("18")).for_days(
        30
    ) == Decimal("0.00")
    assert str(DailyCharge.of(base=Decimal(1), annual_percent=Decimal(0)).for_days(9)) == "0.00"


def test_cents_to_money_keeps_two_decimals():
    assert str(cents_to_money(12345)) == "123.45"
    assert str(cents_to_money(100)) == "1.00"
    assert str(cents_to_money(0)) == "0.00"


def test_add_months_clamps_to_the_end_of_a_short_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)  # 2028 is a leap year
    assert add_months(date(2026, 3, 1), 1, day=31) == date(2026, 4, 30)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)


def test_add_months_of_29_february_five_years_on_is_28_february():
    assert add_months(date(2028, 2, 29), 60) == date(2033, 2, 28)


def test_rate_keeps_the_exact_annual_percent():
    # 0.05 %/day × 360 = 18 % a year; 12 % a year → exactly 1 % a month.
    assert Rate.from_daily_percent(Decimal("0.05")).annual_percent == Decimal(18)
    assert Rate.from_annual_percent(Decimal(12)).monthly == Decimal("0.01")
    assert Rate.from_annual_percent(Decimal(18)).daily == Decimal("0.0005")
