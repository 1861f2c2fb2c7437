"""The offer page's context: the engine's check shaped for the template.

Presentation only: the schedule as rows with their ``data-figure`` names, the
engine's states as the keys the template chooses words by, the reply in
Chinese (and in English on the English pages), and the onward links.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from calculator.arrears.presenters import BreakdownRow
from calculator.arrears.tables import breakdown_body
from calculator.dates import date_writer
from calculator.engine.offer import OfferCheck, Pricing
from calculator.formatting import format_yuan
from calculator.offer.forms import OfferForm, offer_helper
from calculator.offer.links import contact_log_query
from calculator.offer.reply import LENDER_LANGUAGE, fee_as_written, reply_to_lender
from calculator.offer.tables import fit_body, schedule_body
from calculator.templatetags.calculator import figure

SCHEDULE_COLUMNS = (_("No."), _("Date"), _("Payment"))
SPLIT_COLUMNS = (_("Of which principal"), _("Of which fee"))  # a fee offer's two parts
NOT_APPLICABLE = "–"  # the down payment has no principal part and no fee


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    """One line of the schedule as the table shows it, each cell written out: the
    down payment (on ``as_of``), then payments 1 … n, their date and amount marked
    with calculations.md's figures (``offer_date_k``, ``offer_payment_k``)."""

    number: str
    date: SafeString
    amount: SafeString
    principal: str
    fee: str


@dataclass(frozen=True, slots=True)
class FitRow:
    """A line of "Does it fit your budget?": its words, the value as the page shows it,
    and the row's classes (the answer's, ``fit--yes`` or ``fit--no``)."""

    label: str
    value: str
    css: str = ""


YES_NO = {"yes": _("Yes"), "no": _("No")}  # calculations.md's offer_affordable, in words


@dataclass(frozen=True)
class OfferResult:
    check: OfferCheck
    kind: str  # engine OfferKind: "payment" or "fee_rate"
    pricing: str  # engine Pricing: "charged", "interest_free" or "discount"
    answer: str  # engine Answer: "accept", "counter", "pay_what_fits", "pause", "ask_in_writing"
    counter_basis: str  # engine CounterBasis, "" without a counter-offer
    rows: tuple[ScheduleRow, ...]
    schedule_columns: tuple[str, ...]  # the column names, in the page's language
    split: bool  # the rows show a principal part and a fee
    # A fee offer's fee as the lender wrote it (0.6), and whether its real rate is
    # above fee × 12 (every fee offer longer than a month).
    fee_rate: str
    fee_looks_lower: bool
    figures: tuple[BreakdownRow, ...]  # "The offer in figures", top to bottom
    # A counter-offer whose longer term costs more in all than the offer itself.
    longer_costs_more: bool
    affordable: str  # calculations.md's offer_affordable: "yes", "no", or "" when unknown
    fit: tuple[FitRow, ...]  # "Does it fit your budget?", top to bottom
    reply: str  # in Chinese, for the lender
    reply_english: str  # the same in English on the English pages, else ""
    contact_log_url: str

    @property
    def figures_body(self) -> SafeString:
        """The figures table's rows as markup (``calculator.arrears.tables``)."""
        return breakdown_body(self.figures)

    @property
    def fit_body(self) -> SafeString:
        """The fit table's rows as markup (``calculator.offer.tables``)."""
        return fit_body(self.fit)

    @property
    def schedule_body(self) -> SafeString:
        """The schedule's rows as markup (``calculator.offer.tables``)."""
        return schedule_body(self.rows, self.schedule_columns)


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
    long_date = date_writer()
    affordable = {None: "", True: "yes", False: "no"}[check.affordable]
    split = payments[0].principal is not None
    columns = SCHEDULE_COLUMNS + SPLIT_COLUMNS if split else SCHEDULE_COLUMNS
    return OfferResult(
        check=check,
        kind=check.offer.kind.value,
        pricing=check.pricing.value,
        answer=check.answer.value,
        counter_basis=check.counter.basis.value if check.counter else "",
        rows=_rows(check, long_date=long_date),
        schedule_columns=tuple(str(column) for column in columns),
        split=split,
        fee_rate=(
            fee_as_written(check.offer.fee_rate_percent)
            if check.offer.fee_rate_percent is not None
            else ""
        ),
        fee_looks_lower=(
            check.fee_rate_times_12 is not None and check.apr > check.fee_rate_times_12
        ),
        figures=offer_figures(check, long_date=long_date),
        longer_costs_more=bool(
            check.counter and check.counter.total is not None and check.counter.total > check.total
        ),
        affordable=affordable,
        fit=fit_rows(check, affordable=affordable),
        reply=reply_to_lender(check, language=LENDER_LANGUAGE),
        reply_english=reply_to_lender(check, language="en") if language == "en" else "",
        contact_log_url=(
            f"{reverse('calculator:contact_log')}?{contact_log_query(owed=check.offer.owed)}"
        ),
    )


def offer_figures(check: OfferCheck, *, long_date: Callable[[date], str]) -> tuple[BreakdownRow, ...]:
    """The offer in figures: what is owed, the down payment, the payments, the total, the cost."""
    offer, payments = check.offer, check.payments
    rows = [BreakdownRow(_("Amount owed"), format_yuan(offer.owed))]
    if offer.down_payment:
        rows += [
            BreakdownRow(gettext("Down payment (首付), on %(date)s") % {"date": long_date(offer.as_of)},
                         format_yuan(offer.down_payment)),
            BreakdownRow(_("Left to pay in installments"), figure("offer_financed", check.financed)),
        ]
    first, last = long_date(payments[0].date), long_date(payments[-1].date)
    if len(payments) == 1:
        when = gettext("1, on %(first)s") % {"first": first}
    else:
        when = gettext("%(count)s, from %(first)s to %(last)s") % {
            "count": len(payments), "first": first, "last": last}
    discount = check.pricing is Pricing.DISCOUNT
    rows += [
        BreakdownRow(_("Monthly payments"), when),
        BreakdownRow(_("Total you would pay"), figure("offer_total", check.total), total=True),
        BreakdownRow(
            _("Cost above what you owe (below 0: less than you owe)") if discount
            else _("Cost above what you owe"),
            figure("offer_cost", check.cost),
        ),
    ]
    return tuple(rows)


def fit_rows(check: OfferCheck, *, affordable: str) -> tuple[FitRow, ...]:
    """The largest payment, and when the money available is known, whether it fits."""
    rows = [FitRow(_("Largest monthly payment"), figure("offer_largest_payment", check.largest_payment))]
    if affordable:
        rows += [
            FitRow(_("Money you can pay each month for this debt"), format_yuan(check.available)),
            FitRow(_("Does it fit?"), figure("offer_affordable", affordable, "option", YES_NO[affordable]),
                   css=f"breakdown__total fit--{affordable}"),
        ]
    if affordable == "no":
        rows.append(FitRow(_("Short each month"), figure("offer_shortfall", check.shortfall)))
    return tuple(rows)


def _rows(check: OfferCheck, *, long_date: Callable[[date], str]) -> tuple[ScheduleRow, ...]:
    offer = check.offer
    rows = []
    if offer.down_payment:
        rows.append(ScheduleRow(
            number=gettext("Down payment"),
            date=figure("offer_down_payment_date", offer.as_of, "date", long_date(offer.as_of)),
            amount=figure("offer_down_payment", offer.down_payment),
            principal=NOT_APPLICABLE,
            fee=NOT_APPLICABLE,
        ))
    rows += [
        ScheduleRow(
            number=str(payment.number),
            date=figure(f"offer_date_{payment.number}", payment.date, "date",
                        long_date(payment.date)),
            amount=figure(f"offer_payment_{payment.number}", payment.amount),
            # Only a fee offer's payments have the two parts (the columns then show them).
            principal=format_yuan(payment.principal) if payment.principal is not None else "",
            fee=format_yuan(payment.fee) if payment.fee is not None else "",
        )
        for payment in check.payments
    ]
    return tuple(rows)
