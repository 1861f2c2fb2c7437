"""The offer page's context: the engine's check shaped for the template.

Presentation only: the schedule as rows with their ``data-figure`` names, the
engine's states as the keys the template chooses words by, the reply in
Chinese (and in English on the English pages), and the onward links.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.urls import reverse

from calculator.engine.offer import OfferCheck
from calculator.offer.forms import OfferForm, offer_helper
from calculator.offer.links import contact_log_query
from calculator.offer.reply import LENDER_LANGUAGE, fee_as_written, reply_to_lender


@dataclass(frozen=True)
class ScheduleRow:
    """One line of the schedule; number 0 is the down payment, due on ``as_of``."""

    number: int
    date: date
    amount: Decimal
    principal: Decimal | None
    fee: Decimal | None
    amount_figure: str
    date_figure: str


@dataclass(frozen=True)
class OfferResult:
    check: OfferCheck
    kind: str  # engine OfferKind: "payment" or "fee_rate"
    pricing: str  # engine Pricing: "charged", "interest_free" or "discount"
    answer: str  # engine Answer: "accept", "counter", "pay_what_fits", "pause", "ask_in_writing"
    counter_basis: str  # engine CounterBasis, "" without a counter-offer
    rows: tuple[ScheduleRow, ...]
    split: bool  # the rows show a principal part and a fee
    # A fee offer's fee as the lender wrote it (0.6), and whether its real rate is
    # above fee × 12 (every fee offer longer than a month).
    fee_rate: str
    fee_looks_lower: bool
    single_payment: bool
    first_date: date
    last_date: date
    # A counter-offer whose longer term costs more in all than the offer itself.
    longer_costs_more: bool
    affordable: str  # calculations.md's offer_affordable: "yes", "no", or "" when unknown
    reply: str  # in Chinese, for the lender
    reply_english: str  # the same in English on the English pages, else ""
    contact_log_url: str


def offer_page(*, form: OfferForm, check: OfferCheck | None, path: str, language: str) -> dict:
    """Everything the offer page's template shows."""
    return {
        "form": form,
        "error_forms": [form] if form.is_bound and form.errors else [],
        "helper": offer_helper(path),
        "result": offer_result(check, language=language) if check is not None else None,
    }


def offer_result(check: OfferCheck, *, language: str) -> OfferResult:
    payments = check.payments
    return OfferResult(
        check=check,
        kind=check.offer.kind.value,
        pricing=check.pricing.value,
        answer=check.answer.value,
        counter_basis=check.counter.basis.value if check.counter else "",
        rows=_rows(check),
        split=payments[0].principal is not None,
        fee_rate=(
            fee_as_written(check.offer.fee_rate_percent)
            if check.offer.fee_rate_percent is not None
            else ""
        ),
        fee_looks_lower=(
            check.fee_rate_times_12 is not None and check.apr > check.fee_rate_times_12
        ),
        single_payment=len(payments) == 1,
        first_date=payments[0].date,
        last_date=payments[-1].date,
        longer_costs_more=bool(
            check.counter and check.counter.total is not None and check.counter.total > check.total
        ),
        affordable={None: "", True: "yes", False: "no"}[check.affordable],
        reply=reply_to_lender(check, language=LENDER_LANGUAGE),
        reply_english=reply_to_lender(check, language="en") if language == "en" else "",
        contact_log_url=(
            f"{reverse('calculator:contact_log')}?{contact_log_query(owed=check.offer.owed)}"
        ),
    )


def _rows(check: OfferCheck) -> tuple[ScheduleRow, ...]:
    rows = []
    offer = check.offer
    if offer.down_payment:
        rows.append(ScheduleRow(
            number=0, date=offer.as_of, amount=offer.down_payment, principal=None, fee=None,
            amount_figure="offer_down_payment", date_figure="offer_down_payment_date",
        ))
    rows += [
        ScheduleRow(
            number=payment.number,
            date=payment.date,
            amount=payment.amount,
            principal=payment.principal,
            fee=payment.fee,
            amount_figure=f"offer_payment_{payment.number}",
            date_figure=f"offer_date_{payment.number}",
        )
        for payment in check.payments
    ]
    return tuple(rows)
