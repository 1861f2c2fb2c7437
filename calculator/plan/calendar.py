"""The chosen option's payments as an iCalendar file (.ics) with reminders.

Each payment is an all-day event on its date (``DTSTART;VALUE=DATE``, ``DTEND``
the next day): a due date has no time of day, and all-day events show on the
right day in every phone calendar, whatever the phone's time zone. The reminder
is 15 hours before the start, that is 09:00 the day before. The calendar still
names Asia/Shanghai (X-WR-TIMEZONE and a VTIMEZONE, UTC+8 without daylight
saving since 1991) for the apps that want one.

Nothing personal goes into the file: the UIDs hash only the option and the
payment's figures, so downloading the plan again updates the same events.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event, Timezone, TimezoneStandard

from calculator.engine.plan import Option, Payment
from calculator.formatting import format_yuan, plain_decimal

PRODID = "-//逾期自助//plan//ZH"
TIMEZONE = "Asia/Shanghai"
UID_DOMAIN = "yuqi-zizhu"
# Local midnight of the payment day minus 15 hours: 09:00 the day before.
REMINDER_BEFORE_START = timedelta(hours=-15)

_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str, *, one_line: bool = False) -> str:
    text = _CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return " ".join(text.split()) if one_line else text.strip()


def _shanghai() -> Timezone:
    """VTIMEZONE for Asia/Shanghai: UTC+8 all year (China dropped DST in 1991)."""
    standard = TimezoneStandard()
    # RFC 5545 3.6.5: a VTIMEZONE DTSTART is local time, without a zone.
    standard.add("dtstart", datetime(1970, 1, 1))  # noqa: DTZ001
    standard.add("tzoffsetfrom", timedelta(hours=8))
    standard.add("tzoffsetto", timedelta(hours=8))
    standard.add("tzname", "CST")
    timezone = Timezone()
    timezone.add("tzid", TIMEZONE)
    timezone.add("x-lic-location", TIMEZONE)
    timezone.add_component(standard)
    return timezone


def payment_uid(*, option: Option, payment: Payment) -> str:
    """A stable UID from the option and the payment's figures only."""
    key = "|".join(
        (
            option.key.value,
            str(option.term),
            str(payment.number),
            payment.date.isoformat(),
            plain_decimal(payment.amount),
        )
    )
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@{UID_DOMAIN}"


def payment_summary(
    *, title_prefix: str, payment: Payment, count: int, lender_name: str = ""
) -> str:
    """The event title, e.g. ``还款 ¥1,234.56 (3/12) · 招商银行``.

    A single payment has no "(1/1)"; the lender's name, when given, comes last.
    """
    summary = f"{_clean(title_prefix, one_line=True)} {format_yuan(payment.amount)}"
    if count > 1:
        summary += f" ({payment.number}/{count})"
    lender = _clean(lender_name, one_line=True)
    if lender:
        summary += f" · {lender}"
    return summary


def render_ics(
    *,
    option: Option,
    title_prefix: str,
    description: str,
    stamp: datetime,
    lender_name: str = "",
) -> bytes:
    """One all-day event with a reminder per payment of ``option``.

    ``title_prefix`` and ``description`` arrive translated. ``stamp`` is the
    DTSTAMP (the time the file is made); it must be timezone-aware, and the
    caller passes it so that nothing here reads the clock.
    """
    if stamp.tzinfo is None or stamp.utcoffset() is None:
        raise ValueError("stamp must be timezone-aware")
    stamp = stamp.astimezone(UTC)
    description = _clean(description)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-timezone", TIMEZONE)
    calendar.add_component(_shanghai())
    for payment in option.payments:
        summary = payment_summary(
            title_prefix=title_prefix,
            payment=payment,
            count=option.count,
            lender_name=lender_name,
        )
        day: date = payment.date
        event = Event()
        event.add("uid", payment_uid(option=option, payment=payment))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", summary)
        if description:
            event.add("description", description)
        # A reminder, not a meeting: the day stays free in the user's calendar.
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", REMINDER_BEFORE_START)
        alarm.add("description", summary)
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
