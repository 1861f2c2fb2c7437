"""The body rows of the offer's payment schedule and fit table, written in Python.

As the loan's schedule (``calculator.arrears.tables``): markup written directly
rather than a template rendered once per row, for up to 61 rows. The table's
captions, headings and structure stay in ``offer/_offer_result.html``. Every
value is escaped; the figures arrive as markup already (``{% figure %}``'s).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils.safestring import SafeString

from calculator.inputs.widgets import esc


def schedule_body(rows: Iterable, columns: Sequence[str]) -> SafeString:
    """``<tr>`` per payment (``presenters.ScheduleRow``); each cell carries its
    column's name (``data-label``), which the phone layout shows before the value.
    ``columns`` are the three column names, or five with the principal and the fee."""
    labels = [esc(column) for column in columns]
    html = []
    for row in rows:
        values = (row.date, row.amount, row.principal, row.fee)[: len(labels) - 1]
        cells = "".join(
            f'<td data-label="{label}">{esc(value)}</td>'
            for label, value in zip(labels[1:], values, strict=True)
        )
        html.append(f'<tr><th scope="row" data-label="{labels[0]}">{esc(row.number)}</th>{cells}</tr>\n')
    return SafeString("".join(html))


def fit_body(rows: Iterable) -> SafeString:
    """``<tr>`` per line of "Does it fit your budget?" (``presenters.FitRow``): the
    words in a row header, the value (markup with its figure marker), and the row's
    classes when it has any (the answer, in bold and coloured)."""
    html = []
    for row in rows:
        opening = f'<tr class="{esc(row.css)}">' if row.css else "<tr>"
        html.append(f'{opening}<th scope="row">{esc(row.label)}</th><td>{esc(row.value)}</td></tr>\n')
    return SafeString("".join(html))
