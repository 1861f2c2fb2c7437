from datetime import date

from calculator.engine.timeline import TIMELINE_KEYS, consequence_timeline


def events(first_overdue: date, grace_days: int, as_of: date) -> dict:
    timeline = consequence_timeline(first_overdue=first_overdue, grace_days=grace_days, as_of=as_of)
    return {event.key: event for event in timeline}


def test_timeline_keys_come_in_order():
    timeline = consequence_timeline(
        first_overdue=date(2026, 4, 10), grace_days=3, as_of=date(2026, 5, 20)
    )
    assert (
        tuple(event.key for event in timeline)
        == TIMELINE_KEYS
        == (
            "due",
            "grace_end",
            "reported_risk",
            "day_30",
            "day_90",
            "record_ends_if_cleared_today",
        )
    )


def test_timeline_dates_count_from_the_first_overdue_due_date():
    found = events(date(2026, 4, 10), 3, date(2026, 5, 20))
    assert found["due"].date == date(2026, 4, 10)
    assert found["grace_end"].date == date(2026, 4, 13)  # D + 3
    assert found["reported_risk"].date == date(2026, 4, 14)  # D + 3 + 1
    assert found["day_30"].date == date(2026, 5, 10)  # 20 days left in April + 10
    assert found["day_90"].date == date(2026, 7, 9)  # 20 + 31 + 30 + 9
    # 《征信业管理条例》第十六条: cleared 2026-05-20 → the record ends 2031-05-20.
    assert found["record_ends_if_cleared_today"].date == date(2031, 5, 20)


def test_passed_means_on_or_before_as_of():
    found = events(date(2026, 4, 10), 3, date(2026, 5, 10))
    assert found["due"].passed is True
    assert found["day_30"].passed is True  # 05-10 is as_of itself
    assert found["day_90"].passed is False
    assert found["record_ends_if_cleared_today"].passed is False


def test_only_the_five_year_rule_is_certain():
    found = events(date(2026, 4, 10), 3, date(2026, 5, 20))
    assert [key for key, event in found.items() if event.certain] == [
        "record_ends_if_cleared_today"
    ]


def test_without_grace_the_report_risk_starts_the_day_after_the_due_date():
    found = events(date(2026, 4, 10), 0, date(2026, 4, 10))
    assert found["grace_end"].date == date(2026, 4, 10)
    assert found["reported_risk"].date == date(2026, 4, 11)
    assert found["grace_end"].passed is True
    assert found["reported_risk"].passed is False


def test_record_end_from_29_february_is_28_february_five_years_on():
    found = events(date(2028, 2, 1), 3, date(2028, 2, 29))
    assert found["record_ends_if_cleared_today"].date == date(2033, 2, 28)
