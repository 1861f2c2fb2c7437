"""Links into the offer page and the contact log from other pages.

The plan page links each option card and each debt in arrears to the offer page
with the debt (``owed``), its share of the budget (``available``) and the date
(``as_of``); the offer page opens with those filled in, for the user to type the
lender's terms. The names are calculations.md's parameters; the values are
plain (``12000.00``, ``2026-05-20``), as the forms read them back.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import QueryDict

from calculator.formatting import plain_decimal


def offer_query(
    *, owed: Decimal, available: Decimal | None, as_of: date, periods: int | None = None
) -> str:
    """The offer page's query string: ``owed=12000.00&available=1000.00&as_of=2026-05-20``.

    ``available`` is left out when None (the page then shows the cost without
    judging whether it fits); ``periods`` prefills the number of payments, for a
    card whose term the lender is likely to answer with.
    """
    query = QueryDict(mutable=True)
    query["owed"] = plain_decimal(owed)
    if available is not None:
        query["available"] = plain_decimal(available)
    query["as_of"] = as_of.isoformat()
    if periods is not None:
        query["offer_periods"] = str(periods)
    return query.urlencode()


def contact_log_query(*, lender: str = "", owed: Decimal | None = None) -> str:
    """The contact log's query string, prefilled with the lender's name and the debt."""
    query = QueryDict(mutable=True)
    if lender.strip():
        query["lender"] = lender.strip()
    if owed is not None:
        query["owed"] = plain_decimal(owed)
    return query.urlencode()
