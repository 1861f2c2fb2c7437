from datetime import date
from decimal import Decimal

import pytest

from calculator.engine.arrears import (
    InstallmentStatus,
    PenaltyTerms,
    above_court_threshold,
    calculate_loan_arrears,
    calculate_quick_estimate,
    installments_due_by,
    penalty_annual_rate,
    penalty_daily_rate,
)
from calculator.engine.money import Rate
from calculator.engine.schedule import Loan, Method
from calculator.tests.loans import XIAOMI_RATE, spec_loan

XIAOMI_TERMS = PenaltyTerms(
    penalty_multiplier=Decimal("1.5"), grace_days=3, prepayment_fee_percent=Decimal(3)
)




def arrears(paid_periods: int, as_of: date, loan: Loan | None = None, terms=XIAOMI_TERMS):
    return calculate_loan_arrears(
        loan=loan or spec_loan(), terms=terms, paid_periods=paid_periods, as_of=as_of
    )


def test_spec_check_example_gives_every_figure():
    result = arrears(2, date(2026, 5, 20))
    # Installments 3 (155.00 due 04-10) and 4 (150.00 due 05-10) are overdue.
    assert result.overdue_periods == 2
    assert result.overdue_principal == Decimal("0.00")
    assert result.overdue_interest == Decimal("305.00")
    # 155 × 0.00075 × 40 = 4.65; 150 × 0.00075 × 10 = 1.125 → 1.13; sum 5.78.
    assert [state.penalty for state in result.schedule[2:4]] == [Decimal("4.65"), Decimal("1.13")]
    assert result.penalty_interest == Decimal("5.78")
    assert result.total_overdue == Decimal("310.78")  # 305 + 5.78
    # 10 000 × 0.0005 × 10 days (05-10 → 05-20) = 50.00.
    assert result.remaining_principal == Decimal("10000.00")
    assert result.accrued_interest == Decimal("50.00")
    assert result.outstanding_total == Decimal("10360.78")  # 310.78 + 10 000 + 50
    assert result.prepayment_fee == Decimal("300.00")  # 3 % of 10 000
    assert result.payoff_amount == Decimal("10660.78")
    assert result.daily_penalty == Decimal("0.23")  # 305 × 0.00075 = 0.22875
    assert result.apr == Decimal("17.58")
    assert result.pay_today == Decimal("310.78")


def test_spec_check_example_dates_and_rates():
    result = arrears(2, date(2026, 5, 20))
    assert result.days_overdue == 40  # 04-10 → 05-20
    assert result.first_overdue_date == date(2026, 4, 10)
    assert result.grace_end == date(2026, 4, 13)
    assert result.in_grace is False
    assert result.last_due_date == date(2026, 7, 10)
    assert result.penalty_daily_percent == Decimal("0.0750")  # 0.05 × 1.5
    assert result.penalty_annual_rate == Decimal("27.00")  # 0.075 × 360
    assert result.above_court_threshold is True
    assert [state.status for state in result.schedule] == [
        InstallmentStatus.PAID,
        InstallmentStatus.PAID,
        InstallmentStatus.OVERDUE,
        InstallmentStatus.OVERDUE,
        InstallmentStatus.UPCOMING,
        InstallmentStatus.UPCOMING,
    ]
    assert [state.days_overdue for state in result.schedule] == [0, 0, 40, 10, 0, 0]


def test_nothing_paid_makes_every_past_installment_overdue():
    result = arrears(0, date(2026, 5, 20))
    # Overdue 99, 71, 40, 10 days: 130 × 0.00075 × 99 = 9.6525 → 9.65;
    # 140 × 0.00075 × 71 = 7.455 → 7.46; 4.65; 1.13. Sum 22.89.
    assert [state.penalty for state in result.schedule[:4]] == [
        Decimal("9.65"),
        Decimal("7.46"),
        Decimal("4.65"),
        Decimal("1.13"),
    ]
    assert result.overdue_periods == 4
    assert result.overdue_interest == Decimal("575.00")  # 130 + 140 + 155 + 150
    assert result.penalty_interest == Decimal("22.89")
    assert result.total_overdue == Decimal("597.89")
    assert result.days_overdue == 99
    assert result.first_overdue_date == date(2026, 2, 10)
    assert result.outstanding_total == Decimal("10647.89")  # 597.89 + 10 000 + 50
    assert result.payoff_amount == Decimal("10947.89")  # + 300 fee
    assert result.daily_penalty == Decimal("0.43")  # 575 × 0.00075 = 0.43125


def test_installment_due_on_as_of_is_due_not_overdue():
    result = arrears(3, date(2026, 5, 10))
    assert result.schedule[3].status is InstallmentStatus.DUE
    assert result.overdue_periods == 0
    assert result.total_overdue == Decimal("0.00")
    assert result.first_overdue_date is None
    assert result.grace_end is None
    assert result.in_grace is False
    # Its interest is the accrued interest: 10 000 × 0.0005 × 30 (04-10 → 05-10) = 150.
    assert result.accrued_interest == Decimal("150.00")
    assert result.outstanding_total == Decimal("10150.00")
    assert result.pay_today == Decimal("0.00")


def test_no_penalty_while_days_overdue_equal_the_grace_days():
    # Installment 4 (150.00 due 05-10) on 05-13: 3 days overdue, grace 3.
    result = arrears(3, date(2026, 5, 13))
    assert result.schedule[3].days_overdue == 3
    assert result.schedule[3].in_grace is True
    assert result.penalty_interest == Decimal("0.00")
    assert result.in_grace is True
    assert result.grace_end == date(2026, 5, 13)
    assert result.total_overdue == Decimal("150.00")
    # The rate at which it will run: 150 × 0.00075 = 0.1125 → 0.11.
    assert result.daily_penalty == Decimal("0.11")


def test_penalty_on_the_day_after_grace_counts_from_the_due_date():
    # 05-14: 4 days overdue > grace 3 → 150 × 0.00075 × 4 = 0.45 (grace days not forgiven).
    result = arrears(3, date(2026, 5, 14))
    assert result.schedule[3].in_grace is False
    assert result.penalty_interest == Decimal("0.45")
    assert result.in_grace is False
    assert result.total_overdue == Decimal("150.45")


def test_loan_past_its_last_due_date_has_no_remaining_principal_or_fee():
    result = arrears(2, date(2026, 8, 1))
    # Overdue 113, 83, 52, 22 days: 155 × 0.00075 × 113 = 13.13625 → 13.14;
    # 150 × … × 83 = 9.3375 → 9.34; 155 × … × 52 = 6.045 → 6.05;
    # 10 150 × … × 22 = 167.475 → 167.48. Sum 196.01.
    assert result.overdue_periods == 4
    assert result.overdue_principal == Decimal("10000.00")
    assert result.overdue_interest == Decimal("610.00")
    assert result.penalty_interest == Decimal("196.01")
    assert result.remaining_principal == Decimal("0.00")
    assert result.accrued_interest == Decimal("0.00")
    assert result.prepayment_fee == Decimal("0.00")
    assert result.total_overdue == Decimal("10806.01")
    assert result.outstanding_total == result.payoff_amount == Decimal("10806.01")
    assert result.daily_penalty == Decimal("7.96")  # 10 610 × 0.00075 = 7.9575


def test_fee_stops_on_the_last_due_date():
    # On 07-10 the last principal is due, not yet overdue: still owed, but no fee.
    result = arrears(5, date(2026, 7, 10))
    assert result.remaining_principal == Decimal("10000.00")
    assert result.accrued_interest == Decimal("150.00")  # 30 days × 5.00
    assert result.prepayment_fee == Decimal("0.00")
    assert result.payoff_amount == Decimal("10150.00")


def test_everything_paid_leaves_nothing_owed():
    result = arrears(6, date(2026, 8, 1))
    assert {state.status for state in result.schedule} == {InstallmentStatus.PAID}
    assert result.total_overdue == Decimal("0.00")
    assert result.outstanding_total == Decimal("0.00")
    assert result.payoff_amount == Decimal("0.00")
    assert result.days_overdue == 0
    assert result.first_overdue_date is None


def test_installments_not_yet_due_cannot_have_been_paid():
    # calculations.md: on 05-20 only 02-10 … 05-10 (4 installments) have fallen due;
    # paying the 5th early is an early repayment, which the payoff covers.
    with pytest.raises(ValueError, match="only 4 fall due"):
        arrears(5, date(2026, 5, 20))
    assert arrears(4, date(2026, 5, 20)).total_overdue == Decimal("0.00")


def test_installment_due_on_as_of_and_paid_is_settled():
    # Installment 4 (150.00 interest) falls due on 05-10 and is paid that day: no
    # interest since 04-10 remains (0 days since 05-10); the principal (interest
    # only: all of it with the last installment) is still 10 000.
    result = arrears(4, date(2026, 5, 10))
    assert result.schedule[3].status is InstallmentStatus.PAID
    assert result.remaining_principal == Decimal("10000.00")
    assert result.accrued_interest == Decimal("0.00")
    assert result.outstanding_total == Decimal("10000.00")
    assert result.payoff_amount == Decimal("10300.00")  # + 3 % of 10 000


def twelve_month_loan() -> Loan:
    # calculations.md's check "paid on the due date": 10 000 from 2026-01-10, 12 equal
    # installments at 12 % a year (i = 1 % a month), due on the 10th from 02-10.
    return Loan(
        principal=Decimal("10000"),
        start_date=date(2026, 1, 10),
        periods=12,
        repayment_day=10,
        method=Method.EQUAL_INSTALLMENT,
        rate=Rate.from_annual_percent(Decimal(12)),
    )


NO_FEE = PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=3)


def test_spec_check_sixth_installment_paid_on_its_due_date():
    # A = round(10 000 · 0.01 · 1.01^12 / (1.01^12 − 1)) = 888.49. Balances, each
    # B_k = B_{k−1} − (888.49 − round(B_{k−1} · 0.01)):
    #   10 000 → 9 211.51 → 8 415.14 → 7 610.80 → 6 798.42 → 5 977.91 → 5 149.20.
    result = arrears(6, date(2026, 7, 10), loan=twelve_month_loan(), terms=NO_FEE)
    assert result.stage == "nothing_overdue"
    assert result.overdue_periods == 0
    assert result.total_overdue == Decimal("0.00")
    assert result.remaining_principal == Decimal("5149.20")
    assert result.accrued_interest == Decimal("0.00")  # 07-10 → 07-10: 0 days
    assert result.payoff_amount == Decimal("5149.20")


def test_spec_check_the_day_after_the_sixth_installment_was_paid():
    # 07-10 → 07-11: 1 day, 5 149.20 × 12 % ÷ 360 = 1.7164 → 1.72.
    result = arrears(6, date(2026, 7, 11), loan=twelve_month_loan(), terms=NO_FEE)
    assert result.remaining_principal == Decimal("5149.20")
    assert result.accrued_interest == Decimal("1.72")
    assert result.payoff_amount == Decimal("5150.92")  # 5 149.20 + 1.72


def test_spec_check_seventh_installment_not_yet_due_is_refused():
    # The 7th falls due on 08-10: on 07-10 it cannot have been paid.
    with pytest.raises(ValueError):
        arrears(7, date(2026, 7, 10), loan=twelve_month_loan(), terms=NO_FEE)


def test_unpaid_installment_due_before_as_of_still_leaves_the_remaining_principal():
    # Five paid; the 6th (888.49 = 836.99 principal + 51.50 interest on 5 149.20 …)
    # is due on 07-10 and unpaid on 07-11: overdue, its principal is out of the
    # remaining principal (5 149.20) and interest accrues from 07-10.
    result = arrears(5, date(2026, 7, 11), loan=twelve_month_loan(), terms=NO_FEE)
    assert result.overdue_periods == 1
    assert result.total_overdue == Decimal("888.49")  # day 1 of 3: no penalty
    assert result.stage == "in_grace"
    assert result.remaining_principal == Decimal("5149.20")
    assert result.accrued_interest == Decimal("1.72")


@pytest.mark.parametrize(
    ("as_of", "due"),
    [
        (date(2026, 1, 15), 0),  # the start date
        (date(2026, 2, 9), 0),
        (date(2026, 2, 10), 1),  # the first due date itself
        (date(2026, 5, 20), 4),
        (date(2026, 7, 10), 6),
        (date(2027, 1, 1), 6),
    ],
)
def test_installments_due_by_counts_due_dates_on_or_before_as_of(as_of, due):
    # spec_loan falls due on 02-10, 03-10, 04-10, 05-10, 06-10, 07-10.
    assert installments_due_by(loan=spec_loan(), as_of=as_of) == due


def test_a_bullet_loan_has_one_installment_to_pay():
    # One installment, due 07-10: none before, one from then on.
    bullet = spec_loan(Method.BULLET)
    assert installments_due_by(loan=bullet, as_of=date(2026, 7, 9)) == 0
    assert installments_due_by(loan=bullet, as_of=date(2026, 7, 10)) == 1
    assert installments_due_by(loan=bullet, as_of=date(2027, 7, 10)) == 1
    with pytest.raises(ValueError):
        arrears(2, date(2027, 7, 10), loan=bullet)


HALF_FEN_RATE = Rate.from_annual_percent(Decimal(7))  # r = 7 % ÷ 360


def test_accrued_interest_rounds_an_exact_half_fen_up():
    # 162.00 principal, interest only at 7 % a year, due the 10th from 02-10.
    # Two paid; on 04-09, 30 days since 03-10: 162 × 7 % ÷ 360 × 30 = 0.945 → 0.95
    # (a daily rate cut to 28 digits, 0.000194…4, would give 0.9449… → 0.94).
    loan = Loan(
        principal=Decimal("162.00"),
        start_date=date(2026, 1, 10),
        periods=3,
        repayment_day=10,
        method=Method.INTEREST_ONLY,
        rate=HALF_FEN_RATE,
    )
    result = arrears(2, date(2026, 4, 9), loan=loan, terms=NO_FEE)
    assert result.remaining_principal == Decimal("162.00")
    assert result.accrued_interest == Decimal("0.95")


def test_penalty_rounds_an_exact_half_fen_up():
    # 162.00 overdue since 2026-03-10 at 7 % a year, multiplier 1, no grace; on
    # 04-09 (30 days): 162 × 7 % ÷ 360 × 30 = 0.945 → 0.95; the total 162.95.
    result = calculate_quick_estimate(
        overdue_amount=Decimal("162.00"),
        due_date=date(2026, 3, 10),
        as_of=date(2026, 4, 9),
        rate=HALF_FEN_RATE,
        terms=PenaltyTerms(penalty_multiplier=Decimal(1), grace_days=0),
    )
    assert result.penalty_interest == Decimal("0.95")
    assert result.total_due == Decimal("162.95")


def test_loan_penalty_rounds_an_exact_half_fen_up():
    # A bullet loan of 161.03 at 7 % a year from 2026-01-10, due 02-10 (31 days):
    # interest 161.03 × 7 % ÷ 360 × 31 = 0.97065… → 0.97, so 162.00 is due.
    # On 03-12 it is 30 days overdue; multiplier 1, no grace:
    # 162 × 7 % ÷ 360 × 30 = 0.945 → 0.95 (not 0.94 through a rate cut short).
    loan = Loan(
        principal=Decimal("161.03"),
        start_date=date(2026, 1, 10),
        periods=1,
        repayment_day=10,
        method=Method.BULLET,
        rate=HALF_FEN_RATE,
    )
    terms = PenaltyTerms(penalty_multiplier=Decimal(1), grace_days=0)
    result = arrears(0, date(2026, 3, 12), loan=loan, terms=terms)
    assert result.schedule[0].installment.amount == Decimal("162.00")
    assert result.schedule[0].days_overdue == 30
    assert result.penalty_interest == Decimal("0.95")
    assert result.total_overdue == result.payoff_amount == Decimal("162.95")


def test_before_the_first_due_date_interest_accrues_from_the_start_date():
    # 01-15 → 02-01 = 17 days × 5.00 = 85.00; fee 3 % of 10 000.
    result = arrears(0, date(2026, 2, 1))
    assert result.accrued_interest == Decimal("85.00")
    assert result.outstanding_total == Decimal("10085.00")
    assert result.payoff_amount == Decimal("10385.00")


def test_equal_installment_arrears_count_principal_and_interest():
    # 10 000 at 12 %/year, 12 months from 2026-01-15, due the 15th; 1 paid, on 04-20.
    loan = Loan(
        principal=Decimal("10000.00"),
        start_date=date(2026, 1, 15),
        periods=12,
        repayment_day=15,
        method=Method.EQUAL_INSTALLMENT,
        rate=Rate.from_annual_percent(Decimal(12)),
    )
    terms = PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=3)
    result = arrears(1, date(2026, 4, 20), loan=loan, terms=terms)
    # Overdue: no. 2 (796.37 + 92.12, 36 days) and no. 3 (804.34 + 84.15, 5 days).
    assert result.overdue_principal == Decimal("1600.71")
    assert result.overdue_interest == Decimal("176.27")
    # p = 18 % / 360 = 0.0005: 888.49 × 0.0005 × 36 = 15.99282 → 15.99;
    # 888.49 × 0.0005 × 5 = 2.221225 → 2.22.
    assert result.penalty_interest == Decimal("18.21")
    assert result.total_overdue == Decimal("1795.19")
    # Balance after no. 3 is 7 610.80; 5 days at 12 %/360: 12.6846… → 12.68.
    assert result.remaining_principal == Decimal("7610.80")
    assert result.accrued_interest == Decimal("12.68")
    assert result.outstanding_total == Decimal("9418.67")
    assert result.prepayment_fee == Decimal("0.00")
    assert result.payoff_amount == Decimal("9418.67")
    assert result.daily_penalty == Decimal("0.89")  # 1 776.98 × 0.0005 = 0.88849
    assert result.penalty_annual_rate == Decimal("18.00")
    assert result.above_court_threshold is False
    assert result.apr == Decimal("12.00")


def test_equal_principal_penalty_is_on_the_whole_installment():
    # 10 000 at 12 %/year over 12 months: no. 1 = 833.33 + 100.00, due 02-15.
    # On 02-20, 5 days late at p = 0.0005: 933.33 × 0.0005 × 5 = 2.333325 → 2.33.
    loan = Loan(
        principal=Decimal("10000.00"),
        start_date=date(2026, 1, 15),
        periods=12,
        repayment_day=15,
        method=Method.EQUAL_PRINCIPAL,
        rate=Rate.from_annual_percent(Decimal(12)),
    )
    terms = PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=3)
    result = arrears(0, date(2026, 2, 20), loan=loan, terms=terms)
    assert result.penalty_interest == Decimal("2.33")
    assert result.total_overdue == Decimal("935.66")
    # Remaining 9 166.67 for 5 days at 12 %/360 = 15.2777… → 15.28.
    assert result.remaining_principal == Decimal("9166.67")
    assert result.accrued_interest == Decimal("15.28")


def test_bullet_loan_before_its_due_date_only_accrues():
    # 2026-01-15 → 05-20 = 125 days × 5.00 = 625.00; fee 300.
    result = arrears(0, date(2026, 5, 20), loan=spec_loan(Method.BULLET))
    assert result.overdue_periods == 0
    assert result.accrued_interest == Decimal("625.00")
    assert result.outstanding_total == Decimal("10625.00")
    assert result.payoff_amount == Decimal("10925.00")


def test_bullet_loan_after_its_due_date_is_wholly_overdue():
    # 10 880 due 07-10; on 07-20: 10 880 × 0.00075 × 10 = 81.60.
    result = arrears(0, date(2026, 7, 20), loan=spec_loan(Method.BULLET))
    assert result.overdue_periods == 1
    assert result.penalty_interest == Decimal("81.60")
    assert result.total_overdue == result.outstanding_total == Decimal("10961.60")
    assert result.remaining_principal == Decimal("0.00")
    assert result.daily_penalty == Decimal("8.16")


def test_bullet_loan_paid_counts_as_its_one_installment():
    result = arrears(1, date(2026, 7, 20), loan=spec_loan(Method.BULLET))
    assert result.schedule[0].status is InstallmentStatus.PAID
    assert result.outstanding_total == Decimal("0.00")


@pytest.mark.parametrize("paid_periods", [-1, 7])
def test_paid_periods_outside_the_schedule_are_refused(paid_periods):
    with pytest.raises(ValueError):
        arrears(paid_periods, date(2026, 5, 20))


def test_penalty_rates_follow_the_multiplier():
    # p = 0.0005 × 1.5 = 0.00075 a day = 27 % a year.
    assert penalty_daily_rate(rate=XIAOMI_RATE, terms=XIAOMI_TERMS) == Decimal("0.00075")
    assert penalty_annual_rate(rate=XIAOMI_RATE, terms=XIAOMI_TERMS) == Decimal("27.00")


def test_court_threshold_is_strictly_above_24_percent():
    # 法发〔2017〕22号: 18 % × 1.3 = 23.40 and 16 % × 1.5 = 24.00 are not above 24.
    below = PenaltyTerms(penalty_multiplier=Decimal("1.3"), grace_days=0)
    assert above_court_threshold(rate=XIAOMI_RATE, terms=below) is False
    at = Rate.from_annual_percent(Decimal(16))
    assert above_court_threshold(rate=at, terms=XIAOMI_TERMS) is False
    assert above_court_threshold(rate=XIAOMI_RATE, terms=XIAOMI_TERMS) is True


def quick(as_of: date, amount: str = "1000", grace_days: int = 3):
    # 1 000 overdue since 2026-03-10, 0.05 %/day × 1.5 = 0.075 %/day.
    return calculate_quick_estimate(
        overdue_amount=Decimal(amount),
        due_date=date(2026, 3, 10),
        as_of=as_of,
        rate=XIAOMI_RATE,
        terms=PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=grace_days),
    )


def test_quick_estimate_has_no_penalty_on_the_last_grace_day():
    result = quick(date(2026, 3, 13))  # 3 days overdue, grace 3
    assert result.days_overdue == 3
    assert result.penalty_interest == Decimal("0.00")
    assert result.total_due == result.pay_today == Decimal("1000.00")
    assert result.in_grace is True
    assert result.grace_end == date(2026, 3, 13)
    assert result.daily_penalty == Decimal("0.75")  # 1 000 × 0.00075


def test_quick_estimate_charges_every_day_once_grace_is_over():
    result = quick(date(2026, 3, 14))  # 4 days: 1 000 × 0.00075 × 4 = 3.00
    assert result.days_overdue == 4
    assert result.penalty_interest == Decimal("3.00")
    assert result.total_due == Decimal("1003.00")
    assert result.in_grace is False


def test_quick_estimate_after_sixty_days():
    # 2 580.50 × 0.00075 × 61 (03-10 → 05-10) = 118.0578… → 118.06.
    result = quick(date(2026, 5, 10), amount="2580.50")
    assert result.days_overdue == 61
    assert result.penalty_interest == Decimal("118.06")
    assert result.total_due == Decimal("2698.56")
    assert result.daily_penalty == Decimal("1.94")  # 1.935375
    assert result.penalty_annual_rate == Decimal("27.00")
    assert result.above_court_threshold is True
    assert result.penalty_daily_percent == Decimal("0.0750")


def test_quick_estimate_without_grace_charges_from_day_one():
    result = quick(date(2026, 3, 11), grace_days=0)  # 1 000 × 0.00075 × 1 = 0.75
    assert result.penalty_interest == Decimal("0.75")
    assert result.in_grace is False


def test_quick_estimate_before_or_on_the_due_date_has_nothing_overdue():
    for as_of in (date(2026, 3, 1), date(2026, 3, 10)):
        result = quick(as_of)
        assert result.days_overdue == 0
        assert result.penalty_interest == Decimal("0.00")
        assert result.in_grace is False
        assert result.total_due == Decimal("1000.00")
