"""Turn engine results into what the templates show: the result of each arrears
page, its schedule rows, chart geometry and dated steps.

Presentation only: no arithmetic on money here beyond scaling a chart. The rows
of the schedule and of the chart's table come with their cells already written
out (¥1,234.56, a date in the page's language, the status in words), so a template
renders each row without a filter or a translation per cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.http import QueryDict
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from calculator.arrears.fraction import FractionCheck
from calculator.engine.arrears import (
    InstallmentState,
    InstallmentStatus,
    LoanArrears,
    QuickEstimate,
)
from calculator.engine.growth import SeriesPoint
from calculator.engine.timeline import TimelineEvent, consequence_timeline
from calculator.formatting import format_yuan
from core.timeline import DATED_TITLES, STEPS

CHART_WIDTH = 640
CHART_HEIGHT = 240
CHART_LEFT = 8
CHART_RIGHT = 8
CHART_TOP = 16
CHART_BOTTOM = 16
TABLE_EVERY_DAYS = 7


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of the chart's table: the date and two amounts, written out."""

    date: str
    penalty: str
    total: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    line: str  # polyline points
    area: str  # polygon points under the line
    first: SeriesPoint
    last: SeriesPoint
    growth: Decimal
    ticks: tuple[tuple[float, SeriesPoint], ...]  # (x, point) at day 0, 30, 60, 90
    rows: tuple[SeriesPoint, ...]  # the table alternative: every 7 days and the last

    @property
    def table(self) -> tuple[TableRow, ...]:
        """``rows`` written out for the table (in the active language)."""
        return tuple(
            TableRow(_long_date(point.date), format_yuan(point.penalty), format_yuan(point.total))
            for point in self.rows
        )


def growth_chart(points: tuple[SeriesPoint, ...]) -> Chart:
    """An SVG line of the total owed, day by day, scaled to its own range."""
    first, last = points[0], points[-1]
    low = min(point.total for point in points)
    high = max(point.total for point in points)
    span = high - low
    plot_width = CHART_WIDTH - CHART_LEFT - CHART_RIGHT
    plot_height = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    days = max(last.day, 1)

    def x(point: SeriesPoint) -> float:
        return round(CHART_LEFT + plot_width * point.day / days, 1)

    def y(point: SeriesPoint) -> float:
        # A flat line sits in the middle; otherwise the lowest total at the bottom.
        share = Decimal("0.5") if not span else (point.total - low) / span
        return round(CHART_TOP + plot_height * (1 - float(share)), 1)

    line = " ".join(f"{x(p)},{y(p)}" for p in points)
    bottom = CHART_HEIGHT - CHART_BOTTOM
    area = f"{x(first)},{bottom} {line} {x(last)},{bottom}"
    ticks = tuple((x(p), p) for p in points if p.day % 30 == 0)
    rows = tuple(p for p in points if p.day % TABLE_EVERY_DAYS == 0 or p is last)
    return Chart(
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        line=line,
        area=area,
        first=first,
        last=last,
        growth=last.total - first.total,
        ticks=ticks,
        rows=rows,
    )


def dated_timeline(events: tuple[TimelineEvent, ...], *, grace_days: int) -> list[dict]:
    """The engine's dated events with the words of ``core.timeline``."""
    steps = []
    for event in events:
        if event.key == "grace_end" and grace_days == 0:
            continue  # no grace period: nothing to show between due and overdue
        title, text = STEPS[event.key]
        title = DATED_TITLES.get(event.key, title)
        steps.append({
            "key": event.key,
            "when": formats.date_format(event.date, "DATE_FORMAT"),
            "datetime": event.date.isoformat(),
            "title": title,
            "text": text,
            "passed": event.passed,
            "certain": event.certain,
        })
    return steps


def _long_date(value: date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


# The words of each installment's status in the schedule (the engine's keys).
STATUS_WORDS = {
    InstallmentStatus.PAID: _("paid"),
    InstallmentStatus.OVERDUE: _("overdue"),
    InstallmentStatus.DUE: _("due today"),
    InstallmentStatus.UPCOMING: _("not yet due"),
}
OVERDUE_IN_GRACE_WORDS = _("overdue, in grace")
NOT_APPLICABLE = "–"


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    """One installment of the schedule as the table shows it."""

    number: int
    status: str  # the engine's InstallmentStatus value: the row's CSS modifier
    due_date: str
    principal: str
    interest: str
    amount: str
    status_words: str
    days_overdue: str
    penalty: str


def schedule_rows(states: tuple[InstallmentState, ...]) -> tuple[ScheduleRow, ...]:
    rows = []
    for state in states:
        line = state.installment
        overdue = state.status is InstallmentStatus.OVERDUE
        words = OVERDUE_IN_GRACE_WORDS if overdue and state.in_grace else STATUS_WORDS[state.status]
        rows.append(ScheduleRow(
            number=line.number,
            status=state.status.value,
            due_date=_long_date(line.due_date),
            principal=format_yuan(line.principal),
            interest=format_yuan(line.interest),
            amount=format_yuan(line.amount),
            status_words=str(words),
            days_overdue=str(state.days_overdue) if overdue else NOT_APPLICABLE,
            penalty=format_yuan(state.penalty) if overdue else NOT_APPLICABLE,
        ))
    return tuple(rows)


def timeline_steps(*, first_overdue: date | None, grace_days: int, as_of: date) -> list[dict]:
    """The dated timeline from the first overdue due date; none when nothing is overdue."""
    if first_overdue is None:
        return []
    events = consequence_timeline(first_overdue=first_overdue, grace_days=grace_days, as_of=as_of)
    return dated_timeline(events, grace_days=grace_days)


@dataclass(frozen=True)
class FractionNote:
    """The note of a rate that looks like a fraction: the rate as typed and 100
    times it, written out, the figures at 100 times, and a link to the page with
    the larger rate (``arrears/_fraction_note.html``)."""

    check: FractionCheck
    typed: str  # 0.0005
    scaled: str  # 0.05
    url: str


def _plain_rate(value: Decimal) -> str:
    return format(value.normalize(), "f")


def fraction_note(
    check: FractionCheck | None, *, path: str, query: QueryDict
) -> FractionNote | None:
    if check is None:
        return None
    return FractionNote(
        check=check,
        typed=_plain_rate(check.typed),
        scaled=_plain_rate(check.scaled),
        url=f"{path}?{check.query_with_scaled_rate(query)}",
    )


@dataclass(frozen=True)
class QuickResult:
    """The quick estimate's result page: ``arrears/_quick_result.html``."""

    estimate: QuickEstimate
    as_of: date
    chart: Chart
    timeline: list[dict]
    fraction: FractionNote | None


@dataclass(frozen=True)
class LoanResult:
    """The loan calculator's result page: ``arrears/_loan_result.html``."""

    arrears: LoanArrears
    as_of: date
    next_due: InstallmentState | None  # the first installment due today or later
    schedule: tuple[ScheduleRow, ...]
    chart: Chart
    timeline: list[dict]
    fraction: FractionNote | None


def quick_result(
    *, estimate: QuickEstimate, growth: tuple[SeriesPoint, ...], grace_days: int, as_of: date,
    fraction: FractionNote | None,
) -> QuickResult:
    return QuickResult(
        estimate=estimate,
        as_of=as_of,
        chart=growth_chart(growth),
        timeline=timeline_steps(
            first_overdue=estimate.due_date, grace_days=grace_days, as_of=as_of
        ),
        fraction=fraction,
    )


def loan_result(
    *, arrears: LoanArrears, growth: tuple[SeriesPoint, ...], grace_days: int, as_of: date,
    fraction: FractionNote | None,
) -> LoanResult:
    upcoming = (InstallmentStatus.DUE, InstallmentStatus.UPCOMING)
    return LoanResult(
        arrears=arrears,
        as_of=as_of,
        next_due=next((state for state in arrears.schedule if state.status in upcoming), None),
        schedule=schedule_rows(arrears.schedule),
        chart=growth_chart(growth),
        timeline=timeline_steps(
            first_overdue=arrears.first_overdue_date, grace_days=grace_days, as_of=as_of
        ),
        fraction=fraction,
    )
