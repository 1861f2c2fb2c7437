"""The lender's offer (calculations.md, "The lender's offer"): worked examples.

Every expected figure is worked out by hand in the comment beside it, or by the
independent IRR below (exact rational bisection), never by the engine itself.
"""

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.engine.irr import irr_monthly_rate
from calculator.engine.offer import (
    MAX_PERIODS,
    Answer,
    CounterBasis,
    Offer,
    OfferKind,
    Pricing,
    check_offer,
    largest_payment_allowed,
    offer_payments,
)

AS_OF = date(2026, 5, 20)


def fee_offer(owed, periods, fee, down="0", as_of=AS_OF) -> Offer:
    return Offer(
        owed=Decimal(owed),
        as_of=as_of,
        periods=periods,
        fee_rate_percent=Decimal(fee),
        down_payment=Decimal(down),
    )


def payment_offer(owed, periods, payment, down="0", as_of=AS_OF) -> Offer:
    return Offer(
        owed=Decimal(owed),
        as_of=as_of,
        periods=periods,
        payment=Decimal(payment),
        down_payment=Decimal(down),
    )


def amounts(offer: Offer) -> list[Decimal]:
    return [payment.amount for payment in offer_payments(offer=offer)]


# --- the spec's two checks ------------------------------------------------------------


def test_spec_check_a_monthly_fee_of_0_6_percent_over_12_months():
    # F = 12 000; round(12 000 / 12) = 1 000.00 + round(12 000 × 0.6 / 100) = 72.00.
    check = check_offer(offer=fee_offer("12000", 12, "0.6"), available=Decimal("1000"))
    assert check.offer.kind is OfferKind.FEE_RATE
    assert [p.amount for p in check.payments] == [Decimal("1072.00")] * 12
    assert [p.principal for p in check.payments] == [Decimal("1000.00")] * 12
    assert [p.fee for p in check.payments] == [Decimal("72.00")] * 12
    assert check.total == Decimal("12864.00")  # 12 × 1 072
    assert check.cost == Decimal("864.00")  # 12 864 − 12 000
    assert check.apr == Decimal("13.03")
    assert check.effective_rate == Decimal("13.84")
    # The fee looks like 0.6 × 12 = 7.2 % a year; the real rate is 13.03 %.
    assert check.fee_rate_times_12 == Decimal("7.2")
    assert check.pricing is Pricing.CHARGED
    assert check.largest_payment == Decimal("1072.00")
    assert check.affordable is False
    assert check.shortfall == Decimal("72.00")  # 1 072 − 1 000
    assert check.above_court_threshold is False


def test_spec_check_a_down_payment_and_24_payments_of_600():
    # F = 12 000 − 1 200 = 10 800; total 1 200 + 24 × 600 = 15 600.
    check = check_offer(offer=payment_offer("12000", 24, "600", down="1200"), available=None)
    assert check.offer.kind is OfferKind.PAYMENT
    assert check.financed == Decimal("10800.00")
    assert check.total == Decimal("15600.00")
    assert check.cost == Decimal("3600.00")
    assert check.apr == Decimal("29.30")
    assert check.effective_rate == Decimal("33.58")
    assert check.above_court_threshold is True  # 29.30 > 24 (法发〔2017〕22号)
    assert check.fee_rate_times_12 is None
    # No budget given: nothing to compare with; ask for the offer in writing first.
    assert check.affordable is None
    assert check.shortfall is None
    assert check.counter is None
    assert check.answer is Answer.ASK_IN_WRITING


# --- the schedule ----------------------------------------------------------------------


def test_payments_fall_on_as_of_plus_k_months_from_the_month_end():
    # 31 January: 28 February, 31 March, 30 April (always counted from as_of).
    offer = payment_offer("3000", 3, "1000", as_of=date(2026, 1, 31))
    assert [p.date for p in offer_payments(offer=offer)] == [
        date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]
    assert [p.number for p in offer_payments(offer=offer)] == [1, 2, 3]


def test_a_payment_offer_has_no_principal_and_fee_split():
    payments = offer_payments(offer=payment_offer("3000", 3, "1100"))
    assert [p.amount for p in payments] == [Decimal("1100")] * 3
    assert {p.principal for p in payments} == {None}
    assert {p.fee for p in payments} == {None}


def test_a_down_payment_is_taken_off_before_the_fee_is_charged():
    # 首付10%: owed 10 000, down 1 000, F = 9 000 over 6 months at 0.5 % a month:
    # round(9 000 / 6) = 1 500.00 + round(9 000 × 0.5 / 100) = 45.00 → 1 545.00.
    check = check_offer(offer=fee_offer("10000", 6, "0.5", down="1000"), available=Decimal("1545"))
    assert check.financed == Decimal("9000.00")
    assert [p.amount for p in check.payments] == [Decimal("1545.00")] * 6
    assert check.total == Decimal("10270.00")  # 1 000 + 6 × 1 545
    assert check.cost == Decimal("270.00")  # 6 × 45
    assert check.apr == Decimal("10.21")  # the IRR of 6 × 1 545 against 9 000
    assert check.effective_rate == Decimal("10.71")
    # The largest payment equals the money available: it fits (≤).
    assert check.affordable is True
    assert check.shortfall is None
    assert check.answer is Answer.ACCEPT


def test_one_period_at_one_percent_is_12_percent_a_year():
    # 5 000 + round(5 000 × 1 / 100) = 5 050 a month later: m = 50 / 5 000 = 1 %,
    # APR 12 × 1 % = 12.00 %, effective 1.01^12 − 1 = 12.6825…% → 12.68 %.
    check = check_offer(offer=fee_offer("5000", 1, "1"), available=None)
    assert [p.amount for p in check.payments] == [Decimal("5050.00")]
    assert check.apr == Decimal("12.00")
    assert check.effective_rate == Decimal("12.68")
    # The same offer written as one payment of 5 050: the same rates.
    same = check_offer(offer=payment_offer("5000", 1, "5050"), available=None)
    assert (same.apr, same.effective_rate) == (Decimal("12.00"), Decimal("12.68"))


def test_sixty_periods():
    # 30 000 at 0.5 % a month: round(30 000 / 60) = 500 + round(150) = 650, 60 times.
    check = check_offer(
        offer=fee_offer("30000", 60, "0.5", as_of=date(2026, 1, 31)), available=Decimal("700")
    )
    assert len(check.payments) == 60 == MAX_PERIODS
    assert {p.amount for p in check.payments} == {Decimal("650.00")}
    assert check.payments[-1].date == date(2031, 1, 31)  # 60 months after 2026-01-31
    assert check.payments[0].date == date(2026, 2, 28)
    assert check.total == Decimal("39000.00")  # 60 × 650
    assert check.cost == Decimal("9000.00")  # 60 × 150
    assert check.apr == Decimal("10.85")
    assert check.effective_rate == Decimal("11.40")
    assert check.answer is Answer.ACCEPT


def test_a_discount_offer_says_so_and_its_rate_is_zero():
    # 10 × 1 000 = 10 000 for a debt of 12 000: 2 000 would be waived.
    check = check_offer(offer=payment_offer("12000", 10, "1000"), available=Decimal("1000"))
    assert check.total == Decimal("10000")
    assert check.cost == Decimal("-2000.00")
    assert check.waived == Decimal("2000.00")
    assert check.pricing is Pricing.DISCOUNT
    assert (check.apr, check.effective_rate) == (Decimal("0.00"), Decimal("0.00"))
    assert check.above_court_threshold is False


def test_an_offer_of_exactly_what_is_owed_is_interest_free():
    check = check_offer(offer=payment_offer("12000", 12, "1000"), available=None)
    assert check.pricing is Pricing.INTEREST_FREE
    assert check.cost == 0
    assert check.waived == Decimal("0.00")
    assert check.apr == Decimal("0.00")
    # A 0 % fee is the same thing.
    assert check_offer(offer=fee_offer("12000", 12, "0"), available=None).pricing is Pricing.INTEREST_FREE


# --- rounding at half a fen --------------------------------------------------------------


def test_a_fee_of_exactly_half_a_fen_rounds_up():
    # F × f / 100 = 12 250 × 0.61 / 100 = 7 472.5 / 100 = 74.725: half a fen exactly,
    # rounded half up to 74.73 (half-even would give 74.72; a rate cut short could
    # give either). round(12 250 / 10) = 1 225.00, so each payment is 1 299.73.
    offer = fee_offer("12250", 10, "0.61")
    payments = offer_payments(offer=offer)
    assert {p.fee for p in payments} == {Decimal("74.73")}
    assert amounts(offer) == [Decimal("1299.73")] * 10
    check = check_offer(offer=offer, available=None)
    assert check.total == Decimal("12997.30")  # 12 250 + 10 × 74.73
    assert check.apr == Decimal("13.10")


def test_a_principal_part_of_exactly_half_a_fen_rounds_up_and_the_last_takes_the_rest():
    # F / n = 10 000.10 / 4 = 2 500.025 → 2 500.03 (half up); the last part is
    # 10 000.10 − 3 × 2 500.03 = 2 500.01. Fee: 10 000.10 × 0.5 / 100 = 50.0005 → 50.00.
    offer = fee_offer("10000.10", 4, "0.5")
    payments = offer_payments(offer=offer)
    assert [p.principal for p in payments] == [Decimal("2500.03")] * 3 + [Decimal("2500.01")]
    assert {p.fee for p in payments} == {Decimal("50.00")}
    assert amounts(offer) == [Decimal("2550.03")] * 3 + [Decimal("2550.01")]
    assert sum(p.principal for p in payments) == Decimal("10000.10")
    assert check_offer(offer=offer, available=None).apr == Decimal("9.56")


def test_a_tiny_debt_over_many_periods_never_repays_more_than_it_owes():
    # round(0.90 / 60) = round(0.015) = 0.02: the literal rule's last part would be
    # 0.90 − 59 × 0.02 = −0.28. The parts are capped: 45 × 0.02 = 0.90, then 0.00.
    payments = offer_payments(offer=fee_offer("0.90", 60, "0"))
    assert [p.principal for p in payments[:45]] == [Decimal("0.02")] * 45
    assert {p.principal for p in payments[45:]} == {Decimal("0.00")}
    assert sum(p.principal for p in payments) == Decimal("0.90")


# --- the APR against an independent IRR ---------------------------------------------------


def reference_rates(financed: Decimal, flows: list[Decimal]) -> tuple[Decimal, Decimal]:
    """APR and effective rate by exact rational bisection on m, to 1e-14.

    Independent of the engine (which runs Newton's method in Decimal on the
    discount factor): here Σ flow_k / (1 + m)^k is evaluated in ``Fraction`` and m
    halved into an interval 1e-14 wide. Both ends of the interval must round to
    the same 2-decimal figures, else the test says so rather than guess: a width
    of 1e-14 in m moves 1 200·m by 1.2e-11, far below the 0.005 a rounding
    boundary needs, unless m sits within that of one.
    """
    target = Fraction(financed)

    def present_value(m: Fraction) -> Fraction:
        return sum(Fraction(flow) / (1 + m) ** k for k, flow in enumerate(flows, start=1))

    lo, hi = Fraction(0), Fraction(1)
    while hi - lo > Fraction(1, 10**14):
        mid = (lo + hi) / 2
        if present_value(mid) > target:
            lo = mid
        else:
            hi = mid

    def rounded(m: Fraction) -> tuple[Decimal, Decimal]:
        def two_places(value: Fraction) -> Decimal:
            exact = Decimal(value.numerator) / Decimal(value.denominator)
            return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return two_places(1200 * m), two_places(100 * ((1 + m) ** 12 - 1))

    assert rounded(lo) == rounded(hi), "the reference IRR sits on a rounding boundary"
    return rounded(lo)


@pytest.mark.parametrize(
    "offer",
    [
        fee_offer("12000", 12, "0.6"),
        fee_offer("12000", 24, "0.75"),  # facts.md: a 0.75 % monthly fee is about 16.2 %
        fee_offer("8312", 36, "0.45", down="831.20"),
        fee_offer("123456.78", 60, "1.2"),
        payment_offer("12000", 24, "600", down="1200"),
        payment_offer("4999.99", 7, "777.77"),
        payment_offer("20000", 3, "8666.67"),  # the cap: 6 666.67 + 2 000, about 10 % a month
    ],
    ids=str,
)
def test_apr_and_effective_rate_agree_with_an_exact_rational_bisection(offer):
    check = check_offer(offer=offer, available=None)
    flows = [payment.amount for payment in check.payments]
    assert (check.apr, check.effective_rate) == reference_rates(check.financed, flows)


def test_facts_md_a_monthly_fee_of_0_75_percent_is_about_16_2_percent_a_year():
    # facts.md: "月费率0.75%" ≈ 16.2 % APR. 12 × (1 000 + 90) against 12 000: the
    # rational bisection above gives 1 200·m = 16.2164…, so 16.22.
    assert check_offer(offer=fee_offer("12000", 12, "0.75"), available=None).apr == Decimal("16.22")


# --- what to answer -----------------------------------------------------------------------


def test_counter_offer_at_the_same_fee_is_the_shortest_term_that_fits():
    # 1 072 > 1 000 at 12 months. At 13: round(12 000 / 13) = 923.08 + 72 = 995.08 ≤ 1 000
    # (the last: 12 000 − 12 × 923.08 = 923.04 + 72 = 995.04). At 12 it is 1 072: 13 is
    # the shortest. Total 12 000 + 13 × 72 = 12 936.
    check = check_offer(offer=fee_offer("12000", 12, "0.6"), available=Decimal("1000.00"))
    assert check.answer is Answer.COUNTER
    counter = check.counter
    assert counter.monthly == Decimal("1000.00")
    assert counter.basis is CounterBasis.FEE_RATE
    assert counter.term == 13
    assert counter.payment == Decimal("995.08")
    assert counter.total == Decimal("12936.00")


def test_counter_offer_for_a_payment_offer_keeps_its_annual_rate():
    # 24 × 600 on 10 800: m = 0.0244206… a month (29.30 % a year). The annuity at m,
    # 10 800·m / (1 − (1 + m)^−n), is 500.78 at n = 31 and 490.28 at n = 32: with
    # 500 available, 32 months is the shortest that fits. Total 1 200 + 32 × 490.28.
    check = check_offer(offer=payment_offer("12000", 24, "600", down="1200"),
                        available=Decimal("500.00"))
    assert check.shortfall == Decimal("100.00")
    assert check.answer is Answer.COUNTER
    assert check.counter.basis is CounterBasis.ANNUAL_RATE
    assert (check.counter.term, check.counter.payment) == (32, Decimal("490.28"))
    assert check.counter.total == Decimal("16888.96")  # 1 200 + 15 688.96


def test_counter_offer_for_a_discount_spreads_the_same_sum():
    # 10 × 1 000 = 10 000 (less than the 12 000 owed); 600 a month available:
    # 10 000 / 17 = 588.24 (the last 10 000 − 16 × 588.24 = 588.16); 16 months need 625.
    check = check_offer(offer=payment_offer("12000", 10, "1000"), available=Decimal("600"))
    assert check.counter.basis is CounterBasis.SAME_SUM
    assert (check.counter.term, check.counter.payment) == (17, Decimal("588.24"))
    assert check.counter.total == Decimal("10000.00")


def test_when_the_fee_alone_is_more_than_is_available_no_term_fits():
    # Each payment carries the fee round(12 000 × 0.6 / 100) = 72 whatever the term:
    # with 70 available nothing fits; the answer is to offer the 70 and ask for less fee.
    check = check_offer(offer=fee_offer("12000", 12, "0.6"), available=Decimal("70"))
    assert check.answer is Answer.PAY_WHAT_FITS
    assert check.counter.monthly == Decimal("70")
    assert (check.counter.term, check.counter.payment, check.counter.total) == (None, None, None)
    assert check.shortfall == Decimal("1002.00")  # 1 072 − 70


def test_with_nothing_available_the_answer_is_to_ask_for_a_pause():
    check = check_offer(offer=fee_offer("12000", 12, "0.6"), available=Decimal("0.00"))
    assert check.affordable is False
    assert check.shortfall == Decimal("1072.00")
    assert check.answer is Answer.PAUSE
    assert check.counter.term is None


# --- impossible offers ------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"periods": 0},
        {"periods": MAX_PERIODS + 1},
        {"owed": Decimal("0")},
        {"owed": Decimal("10.005")},
        {"payment": Decimal("100"), "fee_rate_percent": Decimal("0.6")},  # both
        {"fee_rate_percent": None},  # neither
        {"fee_rate_percent": Decimal("-0.1")},
        {"fee_rate_percent": Decimal("10.01")},  # above MAX_FEE_RATE_PERCENT
        # 12 000 over 12 months at the 10 % cap: 1 000 + 1 200 = 2 200 at most.
        {"fee_rate_percent": None, "payment": Decimal("2200.01")},
        {"down_payment": Decimal("12000")},  # everything now: no offer left
        {"down_payment": Decimal("-1")},
    ],
)
def test_offer_refuses_impossible_terms(changes):
    fields = {
        "owed": Decimal("12000"),
        "as_of": AS_OF,
        "periods": 12,
        "fee_rate_percent": Decimal("0.6"),
        **changes,
    }
    with pytest.raises(ValueError):
        Offer(**fields)


def test_the_largest_payment_allowed_is_what_the_largest_fee_would_ask():
    # 12 000 over 12 months: round(12 000 / 12) + round(12 000 × 10 / 100) = 1 000 + 1 200.
    assert largest_payment_allowed(financed=Decimal("12000"), periods=12) == Decimal("2200.00")
    # 100 over 3: 33.33, 33.33, then 33.34 (the remainder) + 10.00 each → 43.34.
    assert largest_payment_allowed(financed=Decimal("100"), periods=3) == Decimal("43.34")
    # At the cap itself the offer is accepted, and its rates stay showable:
    # 1 payment of 1.1 × F is m = 10 % a month, 120.00 % a year, 1.1^12 − 1 = 213.84 %.
    check = check_offer(offer=payment_offer("5000", 1, "5500"), available=None)
    assert (check.apr, check.effective_rate) == (Decimal("120.00"), Decimal("213.84"))


# --- every offer the form accepts ---------------------------------------------------------

cents = st.integers(min_value=1, max_value=10_000_000_000).map(lambda c: Decimal(c).scaleb(-2))


@st.composite
def offers(draw) -> Offer:
    owed = draw(cents)
    periods = draw(st.integers(min_value=1, max_value=MAX_PERIODS))
    down = Decimal("0.00")
    if draw(st.booleans()):
        down = Decimal(draw(st.integers(min_value=0, max_value=int(owed * 100) - 1))).scaleb(-2)
    as_of = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))
    if draw(st.booleans()):
        fee = Decimal(draw(st.integers(min_value=0, max_value=1000))).scaleb(-2)  # 0–10 %
        return Offer(owed=owed, as_of=as_of, periods=periods, fee_rate_percent=fee,
                     down_payment=down)
    cap = largest_payment_allowed(financed=owed - down, periods=periods)
    payment = Decimal(draw(st.integers(min_value=1, max_value=int(cap * 100)))).scaleb(-2)
    return Offer(owed=owed, as_of=as_of, periods=periods, payment=payment, down_payment=down)


@settings(max_examples=300, deadline=None)
@given(offer=offers(), available=st.one_of(st.none(), cents, st.just(Decimal("0.00"))))
def test_every_accepted_offer_is_checked_consistently(offer, available):
    check = check_offer(offer=offer, available=available)
    amounts = [payment.amount for payment in check.payments]
    assert len(amounts) == offer.periods
    assert check.total == offer.down_payment + sum(amounts)
    assert check.cost == check.total - offer.owed
    if offer.fee_rate_percent is not None:
        # The principal parts repay exactly what is financed.
        assert sum(p.principal for p in check.payments) == offer.owed - offer.down_payment
    assert check.apr >= 0 and check.effective_rate >= check.apr
    assert (check.apr == 0) == (check.effective_rate == 0)
    assert check.largest_payment == max(amounts)
    if check.counter is not None and check.counter.term is not None:
        assert check.counter.payment <= available < check.largest_payment


def fee_schedule_largest(*, financed: Decimal, fee: Decimal, periods: int) -> Decimal:
    """The largest payment of a fee offer on ``financed``, from its whole schedule."""
    return max(amounts(Offer(owed=financed, as_of=AS_OF, periods=periods, fee_rate_percent=fee)))


@settings(max_examples=300, deadline=None)
@given(offer=offers(), share=st.integers(min_value=1, max_value=99))
def test_the_counter_offer_is_the_shortest_term_whose_whole_schedule_fits(offer, share):
    # The engine looks at each term's largest payment alone, and only from the shortest
    # term whose average payment could fit; here every shorter term's whole schedule
    # is written out and compared with the money available: a share of the offer's
    # largest payment, so that most offers get a counter-offer.
    largest = max(amounts(offer))
    available = max((largest * share / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
                    Decimal("0.01"))  # 0 would ask for a pause, with no term
    check = check_offer(offer=offer, available=available)
    counter = check.counter
    if counter is None:
        return
    if counter.basis is CounterBasis.ANNUAL_RATE:
        # n payments of F·m / (1 − (1 + m)^−n) at the offer's monthly IRR m, here in
        # exact fractions, each rounded half up to the fen.
        m = Fraction(irr_monthly_rate(amount=offer.financed, flows=tuple(
            payment.amount for payment in check.payments)))
        for term in range(1, (counter.term or MAX_PERIODS + 1)):
            annuity = Fraction(offer.financed) * m / (1 - (1 + m) ** -term)
            assert Decimal(math.floor(annuity * 100 + Fraction(1, 2))).scaleb(-2) > available
        return
    if counter.basis is CounterBasis.FEE_RATE:
        financed, fee = offer.financed, offer.fee_rate_percent
    else:  # the same sum, spread: a fee of 0 on what the payments add up to
        financed, fee = check.total - offer.down_payment, Decimal("0")
    shorter = range(1, (counter.term or MAX_PERIODS + 1))
    assert all(fee_schedule_largest(financed=financed, fee=fee, periods=term) > available
               for term in shorter)
    if counter.term is not None:
        payments = amounts(Offer(owed=financed, as_of=AS_OF, periods=counter.term,
                                 fee_rate_percent=fee))
        assert counter.payment == max(payments) <= available
        assert counter.total == offer.down_payment + sum(payments)


@settings(max_examples=200, deadline=None)
@given(financed=cents, periods=st.integers(min_value=1, max_value=MAX_PERIODS))
def test_the_largest_payment_allowed_is_the_largest_of_the_whole_schedule_at_the_cap(
    financed, periods
):
    # Small amounts over many months cap the principal parts (17.70 at 60 months).
    assert largest_payment_allowed(financed=financed, periods=periods) == fee_schedule_largest(
        financed=financed, fee=Decimal("10"), periods=periods)
