"""Turn engine results into what the templates draw: chart geometry, dated steps.

Presentation only: no arithmetic on money here beyond scaling a chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats

from calculator.engine.growth import SeriesPoint
from calculator.engine.timeline import TimelineEvent
from core.timeline import DATED_TITLES, STEPS

CHART_WIDTH = 640
CHART_HEIGHT = 240
CHART_LEFT = 8
CHART_RIGHT = 8
CHART_TOP = 16
CHART_BOTTOM = 16
TABLE_EVERY_DAYS = 7


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
