"""The shared IRR solver (calculator/engine/irr.py): exact at the edges."""

from decimal import Decimal

from calculator.engine.irr import irr_annual_percent, irr_monthly_rate, irr_rates


def test_nothing_charged_is_zero_percent_both_ways():
    # 3 × 1 000 for 3 000, and 2 × 1 000 for 3 000 (less than lent): 0.00, not negative.
    for flows in ((Decimal(1000),) * 3, (Decimal(1000),) * 2):
        rates = irr_rates(amount=Decimal(3000), flows=flows)
        assert (rates.annual_percent, rates.effective_percent) == (Decimal("0.00"), Decimal("0.00"))
        assert irr_monthly_rate(amount=Decimal(3000), flows=flows) == 0


def test_one_month_at_exactly_one_percent():
    # 10 100 a month after 10 000: m = 1 %; 12 × 1 % = 12.00; 1.01^12 − 1 = 12.6825… %.
    rates = irr_rates(amount=Decimal(10000), flows=(Decimal(10100),))
    assert rates.annual_percent == Decimal("12.00")
    assert rates.effective_percent == Decimal("12.68")
    assert abs(irr_monthly_rate(amount=Decimal(10000), flows=(Decimal(10100),)) - Decimal("0.01")) < Decimal("1e-20")


def test_an_apr_exactly_on_a_half_hundredth_rounds_up():
    # m = 6 / 1 440 000, so 1 200·m = 0.005 % exactly: half up gives 0.01, whatever
    # the solver's last digits say.
    assert irr_annual_percent(amount=Decimal(1440000), flows=(Decimal(1440006),)) == Decimal("0.01")


def test_a_month_without_a_payment_counts_as_a_month():
    # Nothing in month 1, 10 201 in month 2 for 10 000: (1 + m)^2 = 1.0201, m = 1 %.
    rates = irr_rates(amount=Decimal(10000), flows=(Decimal(0), Decimal(10201)))
    assert rates.annual_percent == Decimal("12.00")
    assert rates.effective_percent == Decimal("12.68")


def test_the_starting_guess_does_not_change_the_answer():
    flows = (Decimal("1072.00"),) * 12
    answers = {
        irr_annual_percent(amount=Decimal(12000), flows=flows, guess_annual_percent=Decimal(guess))
        for guess in ("0", "0.01", "13", "200", "5000")
    }
    assert answers == {Decimal("13.03")}  # calculations.md's check
