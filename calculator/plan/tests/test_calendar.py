"""The plan's payments as an .ics calendar (calendar.py)."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from calculator.engine.arrears import PenaltyTerms
from calculator.engine.money import Rate
from calculator.engine.plan import (
    Budget,
    DebtKind,
    OptionKey,
    OtherDebt,
    Share,
    build_option,
    debt_from_estimate,
    draft_plan,
)
from calculator.formatting import format_yuan
from calculator.plan.calendar import (
    PRODID,
    Chosen,
    calendar_response,
    chosen_payments,
    render_ics,
)
from calculator.plan.parameters import PlanParameters

STAMP = datetime(2026, 1, 31, 20, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
SHARE = Share(monthly=Decimal("5000"), savings=Decimal("20000"))


def option(key: OptionKey = OptionKey.INSTALLMENTS):
    # D = 10 000 at 12 % a year (1 % a month) over 12 months from 31 January:
    # A = 10 000 × 0.01 × 1.01¹² / (1.01¹² − 1) = 888.4879 → ¥888.49.
    return build_option(
        key=key,
        debt=Decimal("10000"),
        payoff_amount=Decimal("10000"),
        rate=Rate.from_annual_percent(Decimal("12")),
        as_of=date(2026, 1, 31),
        share=SHARE,
        term=12,
    )


def chosen_option(key: OptionKey = OptionKey.INSTALLMENTS, lender: str = "") -> Chosen:
    picked = option(key)
    return Chosen(key.value, picked.term, picked.payments, "分期还款", lender)


def ics(chosen=None, lender_name="", **overrides) -> Calendar:
    arguments = {
        "chosen": chosen or chosen_option(lender=lender_name),
        "title_prefix": "还款",
        "description": "按协商方案还款。\n请提前准备资金。",
        "stamp": STAMP,
    }
    arguments.update(overrides)
    return Calendar.from_ical(render_ics(**arguments))


def events(calendar: Calendar):
    return calendar.walk("VEVENT")


def test_calendar_header():
    calendar = ics()
    assert calendar["PRODID"] == PRODID == "-//逾期自助//plan//ZH"
    assert calendar["VERSION"] == "2.0"
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["X-WR-TIMEZONE"] == "Asia/Shanghai"


def test_calendar_has_a_shanghai_timezone_at_utc_plus_8():
    [timezone] = ics().walk("VTIMEZONE")
    assert timezone["TZID"] == "Asia/Shanghai"
    [standard] = timezone.walk("STANDARD")
    assert standard["TZOFFSETTO"].td == timedelta(hours=8)
    assert standard["TZOFFSETFROM"].td == timedelta(hours=8)
    assert timezone.walk("DAYLIGHT") == []


def test_one_all_day_event_per_payment_on_its_date():
    # Counted from 31 January: a day past the month's end is its last day.
    expected = [
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
        date(2026, 6, 30),
        date(2026, 7, 31),
        date(2026, 8, 31),
        date(2026, 9, 30),
        date(2026, 10, 31),
        date(2026, 11, 30),
        date(2026, 12, 31),
        date(2027, 1, 31),
    ]
    found = events(ics())
    assert len(found) == 12
    starts = [event["DTSTART"].dt for event in found]
    assert starts == expected
    assert all(type(start) is date for start in starts)  # VALUE=DATE, not a time
    assert [event["DTEND"].dt for event in found] == [day + timedelta(days=1) for day in expected]


def test_summaries_carry_the_amount_and_the_number():
    chosen = chosen_option()
    summaries = [str(event["SUMMARY"]) for event in events(ics(chosen))]
    assert summaries[0] == "还款 ¥888.49 (1/12)"
    assert summaries[2] == "还款 ¥888.49 (3/12)"
    assert summaries == [
        f"还款 {format_yuan(payment.amount)} ({payment.number}/12)" for payment in chosen.payments
    ]


def test_lender_name_follows_the_amount():
    summary = str(events(ics(lender_name="招商银行"))[0]["SUMMARY"])
    assert summary == "还款 ¥888.49 (1/12) · 招商银行"


def test_single_payment_has_no_count():
    # settle_now: the payoff amount (D, no fee here) today, one event.
    [event] = events(ics(chosen_option(OptionKey.SETTLE_NOW)))
    assert str(event["SUMMARY"]) == "还款 ¥10,000.00"
    assert event["DTSTART"].dt == date(2026, 1, 31)


def test_description_keeps_its_lines():
    assert str(events(ics())[0]["DESCRIPTION"]) == "按协商方案还款。\n请提前准备资金。"


def test_every_event_reminds_at_nine_the_day_before():
    for event in events(ics()):
        [alarm] = event.walk("VALARM")
        assert alarm["ACTION"] == "DISPLAY"
        # All-day start is local midnight: −15 h is 09:00 the previous day.
        assert alarm["TRIGGER"].dt == timedelta(hours=-15)
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])


def test_dtstamp_is_the_given_time_in_utc():
    for event in events(ics()):
        assert event["DTSTAMP"].dt == datetime(2026, 1, 31, 12, 30, tzinfo=UTC)


def test_naive_stamp_is_refused():
    with pytest.raises(ValueError):
        render_ics(
            chosen=chosen_option(), title_prefix="还款", description="", stamp=datetime(2026, 1, 31)
        )


def test_uids_are_unique_stable_and_hold_no_personal_data():
    first = [str(event["UID"]) for event in events(ics(lender_name="招商银行"))]
    later = ics(lender_name="另一家", description="别的说明", stamp=STAMP + timedelta(days=3))
    assert [str(event["UID"]) for event in events(later)] == first
    assert len(set(first)) == 12
    assert all(uid.endswith("@yuqi-zizhu") and uid.isascii() for uid in first)


def test_control_characters_are_stripped():
    calendar = ics(title_prefix="还\x00款\x1b", lender_name="招商\x0b银行\n")
    assert str(events(calendar)[0]["SUMMARY"]) == "还款 ¥888.49 (1/12) · 招商银行"


# --- which payments a calendar holds ------------------------------------------------


def several_debts_plan(income: str = "12000"):
    """calculations.md's check (three debts, a mortgage kept), D = 8 312.00."""
    debt = debt_from_estimate(
        overdue_amount=Decimal("8000"), due_date=date(2026, 3, 10), as_of=date(2026, 5, 1),
        rate=Rate.from_daily_percent(Decimal("0.05")),
        terms=PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=3),
    )
    others = (
        OtherDebt(1, "借呗", DebtKind.LOAN, Decimal("20000"), Decimal("1800"), 40, Decimal("18")),
        OtherDebt(2, "招商银行信用卡", DebtKind.CARD, Decimal("30000"), Decimal("1500"), 60,
                  Decimal("18")),
        OtherDebt(3, "建设银行房贷", DebtKind.MORTGAGE, None, Decimal("3000"), 0, None),
    )
    month = Budget(Decimal(income), Decimal("5000"), Decimal("3000"), Decimal("3000"))
    return draft_plan(debt=debt, budget=month, others=others)


def chosen_for(plan, **given) -> Chosen | None:
    return chosen_payments(plan, PlanParameters.of(given))


def test_an_option_of_this_debt_is_drawn_at_the_comparisons_term():
    # installments over 12 months: 762.04 a month from 2026-06-01 (see test_plan.py).
    chosen = chosen_for(several_debts_plan(), option="installments")
    assert (chosen.key, chosen.term, chosen.count, chosen.lender) == ("installments", 12, 12, "")
    assert chosen.payments[0].amount == Decimal("762.04")
    assert chosen.payments[0].date == date(2026, 6, 1)


def test_without_an_option_the_calendar_is_our_suggestion_at_its_own_term():
    # The recommendation: installments over 17 months, 557.57 a month.
    chosen = chosen_for(several_debts_plan())
    assert (chosen.key, chosen.term, chosen.count) == ("installments", 17, 17)
    assert chosen.payments[0].amount == Decimal("557.57")


def test_a_letter_to_row_n_has_that_proposals_payments_and_its_lender():
    # Row 2: installments over 17 months, 2 012.39 a month (34 210.63 in all).
    chosen = chosen_for(several_debts_plan(), to="2")
    assert (chosen.key, chosen.term, chosen.lender) == ("installments", 17, "招商银行信用卡")
    assert chosen.payments[0].amount == Decimal("2012.39")
    assert sum(p.amount for p in chosen.payments) == Decimal("34210.63")


def test_a_token_payment_is_twelve_months_of_the_share():
    # Income 8 100: row 1's share is 34.30 and nothing fits (see test_plan.py).
    chosen = chosen_for(several_debts_plan("8100"), to="1")
    assert (chosen.key, chosen.term, chosen.count) == ("token", 12, 12)
    assert {p.amount for p in chosen.payments} == {Decimal("34.30")}


@pytest.mark.parametrize(
    ("income", "given"),
    [
        ("12000", {"option": "bogus"}),
        ("12000", {"option": "none"}),
        ("12000", {"to": "3"}),  # the mortgage is paid as agreed: no letter, no calendar
        ("12000", {"to": "9"}),
        ("8000", {"to": "1"}),  # nothing to share: the letter asks for a pause
    ],
)
def test_no_payments_no_calendar(income, given):
    assert chosen_for(several_debts_plan(income), **given) is None


def test_no_plan_no_calendar():
    assert chosen_payments(None, PlanParameters.of({"option": "installments"})) is None


def test_without_payments_the_response_says_what_is_missing():
    response = calendar_response(None)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().strip()


def test_the_response_is_a_calendar_download(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: STAMP)
    response = calendar_response(chosen_option())
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="repayment-plan-installments.ics"'
    assert len(events(Calendar.from_ical(response.content))) == 12
