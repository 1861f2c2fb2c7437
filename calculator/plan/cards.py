"""The comparison's option cards, written in Python.

Seven cards of a dozen figures each, rendered by the template engine once per card,
were a third of the plan page's time; written here they cost a tenth of that, like
the arrears tables (``calculator.arrears.tables``). The words are the catalog's, the
figures the ``figure`` markers of calculations.md, and every value is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from calculator.dates import date_writer
from calculator.inputs.widgets import esc
from calculator.templatetags.calculator import figure

if TYPE_CHECKING:
    from calculator.plan.presenters import Card


def cards_html(cards: Iterable[Card]) -> SafeString:
    """One ``<li class="option …">`` per card, in order."""
    write_date = date_writer()
    words = {
        "suggestion": esc(gettext("Our suggestion")),
        "one_payment": esc(gettext("The one payment")),
        "first_payment": esc(gettext("First monthly payment")),
        "count": esc(gettext("Number of payments")),
        "total": esc(gettext("Total paid")),
        "cost": esc(gettext("Cost above today's debt")),
        "letter": esc(gettext("Ask for this in a letter")),
        "calendar": esc(gettext("Payment dates for your calendar (.ics)")),
        "offer": esc(gettext("The lender offered something else? Check it")),
    }
    return SafeString("".join(_card(card, words, write_date) for card in cards))


def _card(card: Card, words: dict[str, str], write_date) -> str:
    o = card.option
    key = card.key
    classes = "option option--ok" if o.affordable else "option option--no"
    if card.recommended:
        classes += " option--recommended"
        badge = f'<p class="option__badge">{words["suggestion"]}</p>\n'
    elif card.recommended_term:
        text = ngettext(
            "Our suggestion, over %(months)s month (above)",
            "Our suggestion, over %(months)s months (above)",
            card.recommended_term,
        ) % {"months": card.recommended_term}
        badge = f'<p class="option__badge option__badge--other">{esc(text)}</p>\n'
    else:
        badge = ""
    mark = "✓" if o.affordable else "✗"
    shortfall = (
        "" if o.affordable
        else f'<p class="visually-hidden">{figure(f"{key}_shortfall", o.shortfall)}</p>\n'
    )
    first, last = write_date(o.first_date), write_date(o.last_date)
    when_one = f' <span class="option__when">{esc(first)}</span>' if o.one_off else ""
    when_all = "" if o.one_off else f' <span class="option__when">{esc(first)} – {esc(last)}</span>'
    button = "btn-primary" if card.recommended else "btn-outline-primary"
    return (
        f'<li class="{classes}">\n'
        f'<h3 class="option__title">{esc(card.label)}</h3>\n{badge}'
        f'<p class="option__fit"><span class="option__mark" aria-hidden="true">{mark}</span> '
        f"{esc(card.verdict)}</p>\n{shortfall}"
        f'<p class="option__description">{esc(card.description)}</p>\n'
        f'<dl class="option__figures">\n'
        f'<dt>{words["one_payment"] if o.one_off else words["first_payment"]}</dt>\n'
        f'<dd>{figure(f"{key}_payment", o.first_payment)}{when_one}</dd>\n'
        f'<dt>{words["count"]}</dt>\n<dd>{figure(f"{key}_count", o.count, "count")}{when_all}</dd>\n'
        f'<dt>{words["total"]}</dt>\n<dd>{figure(f"{key}_total", o.total)}</dd>\n'
        f'<dt>{words["cost"]}</dt>\n<dd>{figure(f"{key}_cost", o.cost)}</dd>\n'
        f"</dl>\n"
        f'<p class="option__actions">\n'
        f'<a class="btn {button}" href="{esc(card.letter_url)}">{words["letter"]}</a>\n'
        f'<a class="option__ics" href="{esc(card.calendar_url)}">{words["calendar"]}</a>\n'
        f'<a class="option__link" href="{esc(card.offer_url)}">{words["offer"]}</a>\n'
        f"</p>\n</li>\n"
    )

