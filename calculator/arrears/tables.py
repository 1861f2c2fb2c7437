"""The body rows of the result tables, written in Python.

Like the form widgets (``calculator.inputs.widgets``), these rows are markup
written directly rather than a template rendered once per row: a loan's schedule
has up to 360 rows, and each row rendered by the template engine cost about
30 µs against 3 µs here. The tables' captions, headings and structure stay in
the templates (``arrears/_loan_result.html``, ``arrears/_growth_chart.html``).
Every value is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils.safestring import SafeString

from calculator.inputs.widgets import esc


def schedule_body(rows: Iterable, columns: Sequence[str]) -> SafeString:
    """``<tr>`` per installment; each cell carries its column's name (``data-label``),
    which the phone layout shows before the value. ``rows`` are
    ``presenters.ScheduleRow``; ``columns`` the eight column names, in order."""
    labels = [esc(column) for column in columns]
    html = []
    for row in rows:
        values = (row.due_date, row.principal, row.interest, row.amount, row.status_words,
                  row.days_overdue, row.penalty)
        cells = "".join(
            f'<td data-label="{label}">{esc(value)}</td>'
            for label, value in zip(labels[1:], values, strict=True)
        )
        html.append(
            f'<tr class="schedule__row schedule__row--{esc(row.status)}">'
            f'<th scope="row" data-label="{labels[0]}">{row.number}</th>{cells}</tr>\n'
        )
    return SafeString("".join(html))


def growth_body(rows: Iterable) -> SafeString:
    """``<tr>`` per row of the chart's table (``presenters.TableRow``)."""
    return SafeString("".join(
        f"<tr><td>{esc(row.date)}</td><td>{esc(row.penalty)}</td><td>{esc(row.total)}</td></tr>\n"
        for row in rows
    ))


def breakdown_body(rows: Iterable) -> SafeString:
    """``<tr>`` per line of "How it is made up" (``presenters.BreakdownRow``): the
    words in a row header, the value (already safe markup with its figure marker)."""
    return SafeString("".join(
        f'<tr{_TOTAL if row.total else ""}><th scope="row">{esc(row.label)}</th>'
        f"<td>{esc(row.value)}</td></tr>\n"
        for row in rows
    ))


_TOTAL = ' class="breakdown__total"'  # a subtotal, in bold
