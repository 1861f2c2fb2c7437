"""The dated timeline of consequences after a missed payment.

calculations.md, "Timeline of consequences": from the first overdue due date D,
the grace end, the first day at risk of a credit-report entry, day 30, day 90,
and when a negative record would end if the arrears were cleared on ``as_of``.
Only the 5-year rule is fixed by law (``certain``); the rest is what usually
happens, or may, and the templates word it so. The engine returns keys, never text.

``passed`` means the date has been reached: it is on or before ``as_of``.
Events come in the fixed key order below, which is date order except that a
grace period of 29 days or more puts ``reported_risk`` on or after ``day_30``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from calculator.engine.money import MONTHS_PER_YEAR, add_months

# 《征信业管理条例》第十六条: negative information is kept 5 years from the day it ends.
RECORD_KEPT_YEARS = 5

TIMELINE_KEYS = (
    "due",
    "grace_end",
    "reported_risk",
    "day_30",
    "day_90",
    "record_ends_if_cleared_today",
)


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    key: str
    date: date
    passed: bool
    certain: bool


def record_end_date(*, cleared_on: date) -> date:
    """The same month and day five years on; 29 February becomes 28 February."""
    return add_months(cleared_on, RECORD_KEPT_YEARS * MONTHS_PER_YEAR)


def consequence_timeline(
    *, first_overdue: date, grace_days: int, as_of: date
) -> tuple[TimelineEvent, ...]:
    """The six events, in ``TIMELINE_KEYS`` order, dated from ``first_overdue``."""
    dates = (
        first_overdue,
        # Contract terms: no penalty or report within grace (facts.md: no law requires one).
        first_overdue + timedelta(days=grace_days),
        # The first day counted as overdue, at risk of a credit-report entry.
        first_overdue + timedelta(days=grace_days + 1),
        first_overdue + timedelta(days=30),
        # Collection usually escalates by day 90; some lenders sue.
        first_overdue + timedelta(days=90),
        # 《征信业管理条例》第十六条: 5 years from the day the arrears are cleared.
        record_end_date(cleared_on=as_of),
    )
    return tuple(
        TimelineEvent(
            key=key, date=when, passed=when <= as_of, certain=key == "record_ends_if_cleared_today"
        )
        for key, when in zip(TIMELINE_KEYS, dates, strict=True)
    )
