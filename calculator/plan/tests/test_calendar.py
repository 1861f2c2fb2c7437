"""The plan's payments as an .ics calendar (calendar.py)."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from calculator.engine.money import Rate
from calculator.engine.plan import Budget, OptionKey, build_option
from calculator.formatting import format_yuan
from calculator.plan.calendar import PRODID, render_ics

STAMP = datetime(2026, 1, 31, 20, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
BUDGET = Budget(
    monthly_income=Decimal("5000"),
    monthly_expenses=Decimal("0"),
    other_debt_payments=Decimal("0"),
    savings=Decimal("20000"),
)


def option(key: OptionKey = OptionKey.INSTALLMENTS):
    # D = 10 000 at 12 % a year (1 % a month) over 12 months from 31 January:
    # A = 10 000 × 0.01 × 1.01¹² / (1.01¹² − 1) = 888.4879 → ¥888.49.
    return build_option(
        key=key,
        debt=Decimal("10000"),
        payoff_amount=Decimal("10000"),
        rate=Rate.from_annual_percent(Decimal("12")),
        as_of=date(2026, 1, 31),
        budget=BUDGET,
        term=12,
    )


def ics(chosen=None, **overrides) -> Calendar:
    arguments = {
        "option": chosen or option(),
        "title_prefix": "还款",
        "description": "按协商方案还款。\n请提前准备资金。",
        "stamp": STAMP,
        "lender_name": "",
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
    chosen = option()
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
    [event] = events(ics(option(OptionKey.SETTLE_NOW)))
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
            option=option(), title_prefix="还款", description="", stamp=datetime(2026, 1, 31)
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
