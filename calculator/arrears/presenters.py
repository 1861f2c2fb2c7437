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
from functools import lru_cache

from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from calculator.arrears.fraction import FractionCheck
from calculator.arrears.sources import SOURCES_BY_KIND
from calculator.arrears.tables import breakdown_body, growth_body, schedule_body
from calculator.dates import date_writer
from calculator.engine.arrears import (
    ArrearsStage,
    InstallmentState,
    InstallmentStatus,
    LoanArrears,
    QuickEstimate,
)
from calculator.engine.growth import SeriesPoint
from calculator.engine.timeline import TimelineEvent, consequence_timeline
from calculator.formatting import format_yuan
from calculator.inputs.widgets import esc
from calculator.templatetags.calculator import figure
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
    def tick_labels(self) -> tuple[str, ...]:
        """The axis under the chart: the month and day of each tick, "05-20"."""
        return tuple(f"{point.date.month:02d}-{point.date.day:02d}" for _x, point in self.ticks)

    @property
    def axis_items(self) -> SafeString:
        """``tick_labels`` as the axis list's items."""
        return SafeString("".join(f"<li>{label}</li>" for label in self.tick_labels))

    @property
    def summary(self) -> str:
        """The sentence above the chart, in the active language."""
        return gettext("The total grows from %(start)s today to %(end)s in %(days)s days: "
                       "%(growth)s more.") % {
            "start": format_yuan(self.first.total), "end": format_yuan(self.last.total),
            "days": self.last.day, "growth": format_yuan(self.growth)}

    @property
    def description(self) -> str:
        """The chart's text alternative (its SVG <desc>)."""
        return gettext("A line rising from %(start)s to %(end)s. The table below gives the "
                       "figures.") % {"start": format_yuan(self.first.total),
                                      "end": format_yuan(self.last.total)}

    @property
    def table(self) -> tuple[TableRow, ...]:
        """``rows`` written out for the table (in the active language)."""
        long_date = date_writer()
        return tuple(
            TableRow(long_date(point.date), format_yuan(point.penalty), format_yuan(point.total))
            for point in self.rows
        )

    @property
    def table_body(self) -> SafeString:
        """The table's rows as markup (``calculator.arrears.tables``)."""
        return growth_body(self.table)


def growth_chart(points: tuple[SeriesPoint, ...]) -> Chart:
    """An SVG line of the total owed, day by day, scaled to its own range."""
    first, last = points[0], points[-1]
    # Screen geometry, not money: floats are exact enough for a tenth of a pixel.
    totals = [float(point.total) for point in points]
    low = min(totals)
    span = max(totals) - low
    plot_width = CHART_WIDTH - CHART_LEFT - CHART_RIGHT
    plot_height = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    days = max(last.day, 1)
    xs = [CHART_LEFT + plot_width * point.day / days for point in points]
    # A flat line sits in the middle; otherwise the lowest total at the bottom.
    ys = [CHART_TOP + plot_height * (1 - ((total - low) / span if span else 0.5)) for total in totals]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
    bottom = CHART_HEIGHT - CHART_BOTTOM
    area = f"{xs[0]:.1f},{bottom} {line} {xs[-1]:.1f},{bottom}"
    ticks = tuple(
        (round(x, 1), point) for x, point in zip(xs, points, strict=True) if point.day % 30 == 0
    )
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
    long_date = date_writer()
    steps = []
    for event in events:
        if event.key == "grace_end" and grace_days == 0:
            continue  # no grace period: nothing to show between due and overdue
        title, text = STEPS[event.key]
        title = DATED_TITLES.get(event.key, title)
        steps.append({
            "key": event.key,
            "when": long_date(event.date),
            "datetime": event.date.isoformat(),
            "title": title,
            "text": text,
            "passed": event.passed,
            "certain": event.certain,
        })
    return steps


@lru_cache(maxsize=16)
def how_we_calculate(kind: str, language: str) -> SafeString:
    """"How we calculate" (``arrears/_how_we_calculate.html``) for the quick estimate
    or the loan calculator (``kind``) in ``language``, the active language.

    The same words for every visitor: rendered from constants only, without the
    request (no context processor, nothing typed, no figure), so it is rendered
    once per kind and language in each process and kept. It was 0.15 ms, about
    a twentieth, of every result page."""
    return SafeString(render_to_string(
        "arrears/_how_we_calculate.html", {"kind": kind, "sources": SOURCES_BY_KIND[kind]}))


# The words of each installment's status in the schedule (the engine's keys).
STATUS_WORDS = {
    InstallmentStatus.PAID: _("paid"),
    InstallmentStatus.OVERDUE: _("overdue"),
    InstallmentStatus.DUE: _("due today"),
    InstallmentStatus.UPCOMING: _("not yet due"),
}
OVERDUE_IN_GRACE_WORDS = _("overdue, in grace")
NOT_APPLICABLE = "–"
SCHEDULE_COLUMNS = (
    _("No."), _("Due date"), _("Principal"), _("Interest"), _("Installment"), _("Status"),
    _("Days overdue"), _("Penalty"),
)


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
    long_date = date_writer()
    rows = []
    for state in states:
        line = state.installment
        overdue = state.status is InstallmentStatus.OVERDUE
        words = OVERDUE_IN_GRACE_WORDS if overdue and state.in_grace else STATUS_WORDS[state.status]
        rows.append(ScheduleRow(
            number=line.number,
            status=state.status.value,
            due_date=long_date(line.due_date),
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


@dataclass(frozen=True, slots=True)
class BreakdownRow:
    """A line of "How it is made up": its words, and the value as the page shows it,
    inside its ``data-figure`` marker when calculations.md names the figure."""

    label: str
    value: str
    total: bool = False  # a subtotal, in bold


A_DAY = _("a day")
A_YEAR = _("a year")


def _penalty_rate(daily: Decimal, annual: Decimal) -> str:
    # "0.0750 % a day = 27.00 % a year", the annual figure marked.
    marked = figure("penalty_annual_rate", annual, "percent")
    return SafeString(f"{daily} % {esc(A_DAY)} = {marked} {esc(A_YEAR)}")


def loan_breakdown(a: LoanArrears) -> tuple[BreakdownRow, ...]:
    """The loan's figures, top to bottom; the stage decides the per-day line."""
    rows = [
        BreakdownRow(_("Installments overdue"),
                     figure("overdue_periods", a.overdue_periods, "count")),
        BreakdownRow(_("Days overdue (the earliest)"),
                     figure("days_overdue", a.days_overdue, "count")),
        BreakdownRow(_("Overdue principal"), format_yuan(a.overdue_principal)),
        BreakdownRow(_("Overdue interest"), format_yuan(a.overdue_interest)),
        BreakdownRow(_("Penalty interest"), figure("penalty_interest", a.penalty_interest)),
        BreakdownRow(_("Total overdue"), format_yuan(a.total_overdue), total=True),
        BreakdownRow(_("Principal not yet due"),
                     figure("remaining_principal", a.remaining_principal)),
        BreakdownRow(_("Interest since the last due date"),
                     figure("accrued_interest", a.accrued_interest)),
        BreakdownRow(_("Owed today, before any fee"),
                     figure("outstanding_total", a.outstanding_total), total=True),
        BreakdownRow(_("Early settlement fee"), figure("prepayment_fee", a.prepayment_fee)),
        BreakdownRow(_("To settle everything today"), format_yuan(a.payoff_amount), total=True),
    ]
    # The headline shows the per-day penalty while it is running, the grace end while in grace.
    if a.stage is ArrearsStage.IN_GRACE:
        rows.append(BreakdownRow(_("Penalty per day once the grace period is over"),
                                 figure("daily_penalty", a.daily_penalty)))
    elif a.stage is ArrearsStage.NOTHING_OVERDUE:
        rows.append(BreakdownRow(_("Penalty per day"), figure("daily_penalty", a.daily_penalty)))
    else:
        rows.append(BreakdownRow(_("Grace period ended"), figure("grace_end", a.grace_end, "date")))
    rows.append(BreakdownRow(_("Annual rate of the contract (APR, IRR method)"),
                             figure("apr", a.apr, "percent")))
    rows.append(BreakdownRow(_("Penalty rate"),
                             _penalty_rate(a.penalty_daily_percent, a.penalty_annual_rate)))
    return tuple(rows)


def quick_breakdown(e: QuickEstimate) -> tuple[BreakdownRow, ...]:
    """The quick estimate's figures; the stage decides the grace and per-day lines."""
    rows = [
        BreakdownRow(_("Amount overdue"), format_yuan(e.overdue_amount)),
        BreakdownRow(_("Days overdue"), figure("days_overdue", e.days_overdue, "count")),
        BreakdownRow(_("Penalty interest so far"), figure("penalty_interest", e.penalty_interest)),
        BreakdownRow(_("Total to pay today"), format_yuan(e.total_due), total=True),
    ]
    if e.stage is ArrearsStage.PENALTY_RUNNING:
        rows.append(BreakdownRow(_("Grace period ended"), figure("grace_end", e.grace_end, "date")))
    else:
        rows.append(BreakdownRow(_("Penalty per day once the grace period is over"),
                                 figure("daily_penalty", e.daily_penalty)))
        if e.stage is ArrearsStage.NOTHING_OVERDUE:
            rows.append(BreakdownRow(_("Grace period ends"), figure("grace_end", e.grace_end, "date")))
    rows.append(BreakdownRow(_("Penalty rate"),
                             _penalty_rate(e.penalty_daily_percent, e.penalty_annual_rate)))
    return tuple(rows)


@dataclass(frozen=True)
class QuickResult:
    """The quick estimate's result page: ``arrears/_quick_result.html``."""

    estimate: QuickEstimate
    as_of: date
    chart: Chart
    timeline: list[dict]
    fraction: FractionNote | None
    breakdown: tuple[BreakdownRow, ...]

    @property
    def breakdown_body(self) -> SafeString:
        return breakdown_body(self.breakdown)


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

    schedule_columns: tuple[str, ...]  # the column names, in the page's language
    breakdown: tuple[BreakdownRow, ...]

    @property
    def breakdown_body(self) -> SafeString:
        return breakdown_body(self.breakdown)

    @property
    def schedule_body(self) -> SafeString:
        """The schedule's rows as markup (``calculator.arrears.tables``)."""
        return schedule_body(self.schedule, self.schedule_columns)


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
        breakdown=quick_breakdown(estimate),
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
        schedule_columns=tuple(str(column) for column in SCHEDULE_COLUMNS),
        chart=growth_chart(growth),
        timeline=timeline_steps(
            first_overdue=arrears.first_overdue_date, grace_days=grace_days, as_of=as_of
        ),
        fraction=fraction,
        breakdown=loan_breakdown(arrears),
    )
