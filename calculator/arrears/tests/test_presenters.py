"""Chart geometry and dated timeline steps, from engine results."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import translation

from calculator.arrears.presenters import (
    CHART_BOTTOM,
    CHART_HEIGHT,
    CHART_LEFT,
    CHART_TOP,
    CHART_WIDTH,
    TableRow,
    dated_timeline,
    growth_chart,
    schedule_rows,
)
from calculator.engine.arrears import PenaltyTerms, calculate_loan_arrears
from calculator.engine.growth import SeriesPoint
from calculator.engine.timeline import consequence_timeline
from calculator.tests.loans import spec_loan
from core.timeline import STEPS

START = date(2026, 5, 20)


def series(totals: list[str]) -> tuple[SeriesPoint, ...]:
    return tuple(
        SeriesPoint(day=day, date=START + timedelta(days=day), penalty=Decimal(total) - Decimal(100),
                    total=Decimal(total))
        for day, total in enumerate(totals)
    )


def points(line: str) -> list[tuple[float, float]]:
    return [tuple(float(part) for part in pair.split(",")) for pair in line.split()]


def test_chart_scales_the_series_to_its_own_range():
    # 91 days rising by 1 yuan a day from 100.
    chart = growth_chart(series([str(100 + day) for day in range(91)]))
    line = points(chart.line)
    assert len(line) == 91
    assert line[0] == (CHART_LEFT, CHART_HEIGHT - CHART_BOTTOM)  # lowest total at the bottom
    assert line[-1] == (CHART_WIDTH - CHART_LEFT, CHART_TOP)  # highest at the top
    assert chart.growth == Decimal(90)  # 190 − 100
    assert (chart.first.day, chart.last.day) == (0, 90)


def test_chart_area_closes_along_the_bottom():
    chart = growth_chart(series(["100", "110", "120"]))
    area = points(chart.area)
    bottom = CHART_HEIGHT - CHART_BOTTOM
    assert area[0] == (CHART_LEFT, bottom) and area[-1][1] == bottom
    assert area[1:-1] == points(chart.line)


def test_flat_series_sits_in_the_middle():
    chart = growth_chart(series(["500"] * 91))
    middle = CHART_TOP + (CHART_HEIGHT - CHART_TOP - CHART_BOTTOM) / 2
    assert {y for _x, y in points(chart.line)} == {middle}
    assert chart.growth == 0


def test_ticks_every_30_days_and_table_rows_every_7_and_the_last():
    chart = growth_chart(series([str(100 + day) for day in range(91)]))
    assert [point.day for _x, point in chart.ticks] == [0, 30, 60, 90]
    assert [point.day for point in chart.rows] == [0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 90]


def test_dated_timeline_has_the_words_and_dates_of_each_step():
    events = consequence_timeline(first_overdue=date(2026, 3, 10), grace_days=3, as_of=START)
    with translation.override("en"):
        steps = dated_timeline(events, grace_days=3)
    assert [step["key"] for step in steps] == [event.key for event in events]
    grace = steps[1]
    assert grace["key"] == "grace_end"
    assert grace["datetime"] == "2026-03-13"
    assert grace["when"] == "13 March 2026"
    assert (grace["title"], grace["text"]) == STEPS["grace_end"]
    assert grace["passed"] is True
    assert steps[-1]["certain"] is True  # only the 5-year rule is fixed by law
    assert steps[-1]["datetime"] == "2031-05-20"


def test_dated_timeline_without_grace_has_no_grace_step():
    events = consequence_timeline(first_overdue=date(2026, 3, 10), grace_days=0, as_of=START)
    steps = dated_timeline(events, grace_days=0)
    assert "grace_end" not in [step["key"] for step in steps]
    assert len(steps) == len(events) - 1


def test_chart_table_writes_each_row_out_in_the_pages_language():
    chart = growth_chart(series([str(100 + day) for day in range(91)]))
    with translation.override("en"):
        table = chart.table
    # Day 0: 2026-05-20, total 100, penalty 100 − 100 = 0; day 90: 190 and 90.
    assert table[0] == TableRow("20 May 2026", "¥0.00", "¥100.00")
    assert table[-1] == TableRow("18 August 2026", "¥90.00", "¥190.00")
    with translation.override("zh-hans"):
        assert chart.table[0].date == "2026年5月20日"


def test_schedule_rows_say_each_installments_status_in_words():
    # The spec's loan on 05-13 with three paid: no. 4 (150.00, due 05-10) is 3 days
    # overdue, inside a 3-day grace period; 5 and 6 are not yet due.
    arrears = calculate_loan_arrears(
        loan=spec_loan(),
        terms=PenaltyTerms(penalty_multiplier=Decimal("1.5"), grace_days=3),
        paid_periods=3,
        as_of=date(2026, 5, 13),
    )
    with translation.override("en"):
        rows = schedule_rows(arrears.schedule)
    assert [row.status for row in rows] == ["paid"] * 3 + ["overdue", "upcoming", "upcoming"]
    assert [row.status_words for row in rows] == (
        ["paid"] * 3 + ["overdue, in grace", "not yet due", "not yet due"])
    fourth = rows[3]
    assert (fourth.due_date, fourth.amount, fourth.days_overdue, fourth.penalty) == (
        "10 May 2026", "¥150.00", "3", "¥0.00")
    assert (rows[0].days_overdue, rows[0].penalty) == ("–", "–")
    assert rows[5].amount == "¥10,150.00"  # 10 000 + 150 interest
