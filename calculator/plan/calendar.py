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
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from icalendar import Alarm, Calendar, Event, Timezone, TimezoneStandard

from calculator.engine.plan import (
    TOKEN_MONTHS,
    OptionKey,
    Payment,
    Plan,
    letter_for,
)
from calculator.formatting import format_yuan, plain_decimal
from calculator.plan.options import OPTION_LABELS
from calculator.plan.parameters import PlanParameters

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


@dataclass(frozen=True)
class Chosen:
    """The payments a calendar is made of: one option of the plan, or a letter's."""

    key: str  # the option key, or "token" for a temporary payment
    term: int
    payments: tuple[Payment, ...]
    label: str  # the option's name, for the events' description
    lender: str = ""  # the listed creditor, for a letter to row N

    @property
    def count(self) -> int:
        return len(self.payments)


def payment_uid(*, chosen: Chosen, payment: Payment) -> str:
    """A stable UID from the option and the payment's figures only."""
    key = "|".join(
        (
            chosen.key,
            str(chosen.term),
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
    chosen: Chosen,
    title_prefix: str,
    description: str,
    stamp: datetime,
) -> bytes:
    """One all-day event with a reminder per payment of ``chosen``.

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
    for payment in chosen.payments:
        summary = payment_summary(
            title_prefix=title_prefix,
            payment=payment,
            count=chosen.count,
            lender_name=chosen.lender,
        )
        day: date = payment.date
        event = Event()
        event.add("uid", payment_uid(chosen=chosen, payment=payment))
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


def chosen_payments(plan: Plan | None, params: PlanParameters) -> Chosen | None:
    """The payments the parameters ask for: ``option`` of this debt (at the plan's
    term; without it, our suggestion), or what the letter to row ``to`` proposes;
    None when there are none."""
    if plan is None:
        return None
    key = params.values.get("option", "")
    lender = ""
    if params.to:
        if plan.proposal(params.to) is None:
            return None
        proposal = letter_for(plan=plan, to=params.to)
        lender = plan.proposal(params.to).debt.creditor
    elif not key:
        proposal = letter_for(plan=plan)  # our suggestion, at its own term
    elif key in {choice.value for choice in OptionKey}:
        proposal = letter_for(plan=plan, key=key)
    else:
        return None
    if not proposal.payments:
        return None
    if proposal.option is None:
        return Chosen("token", TOKEN_MONTHS, proposal.payments, gettext("Temporary payment"), lender)
    option = proposal.option
    return Chosen(option.key.value, option.term, option.payments, str(OPTION_LABELS[option.key.value]), lender)


def calendar_response(chosen: Chosen | None) -> HttpResponse:
    """The .ics download, or a 400 that says what is missing."""
    if chosen is None:
        return HttpResponseBadRequest(
            gettext("The calendar needs a complete plan and one of its options. Go back to the plan page."),
            content_type="text/plain; charset=utf-8",
        )
    body = render_ics(
        chosen=chosen,
        title_prefix=gettext("Loan repayment"),
        description=gettext("%(option)s. Pay on time, and keep the receipt.") % {"option": chosen.label},
        stamp=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"repayment-plan-{chosen.key}.ics"
    )
    return response
