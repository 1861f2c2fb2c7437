"""A short reply to the lender, in words the user can copy.

The reply goes to a mainland lender, so it is always written in Simplified
Chinese; on the English pages the same reply is also given in English, for the
reader to understand what they send (as the letter does). The words go through
gettext: the English msgids are the English rendering, the catalog's
translations the Chinese reply. Every figure comes from the engine's
``OfferCheck``; which sentences are said depends only on its ``answer``.

Every reply asks for the agreement in writing: 民法典第五百四十四条 presumes an
unclear change of contract not to have been made, and 第四百六十九条 counts
retrievable messages as writing (facts.md).
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext, ngettext

from calculator.engine.offer import Answer, CounterBasis, OfferCheck, Pricing
from calculator.formatting import format_amount, plain_decimal

# The language the lender reads.
LENDER_LANGUAGE = "zh-hans"


def reply_to_lender(check: OfferCheck, *, language: str = LENDER_LANGUAGE) -> str:
    """The reply for ``check.answer``, in ``language``."""
    with translation.override(language):
        sentences = _SENTENCES[check.answer](check)
        # Chinese sentences follow each other without a space; English ones with one.
        gap = " " if language == "en" else ""
        return gap.join(sentences)


def _money(amount) -> str:
    # The unit is in the words: "¥1,072.00" in English, "1,072.00元" in Chinese.
    return gettext("¥%(amount)s") % {"amount": format_amount(amount)}


def _terms(check: OfferCheck) -> str:
    """The offer in the lender's own terms: 首付…，其余分12期，每期…，最后一期…"""
    payments = check.payments
    first, last = payments[0].amount, payments[-1].amount
    if len(payments) == 1:
        words = gettext("one payment of %(payment)s a month from now") % {"payment": _money(first)}
    else:
        words = ngettext(
            "%(count)s monthly payment of %(payment)s",
            "%(count)s monthly payments of %(payment)s",
            len(payments),
        ) % {"count": len(payments), "payment": _money(first)}
        if last != first:
            words = gettext("%(payments)s, the last %(last)s") % {
                "payments": words, "last": _money(last)}
    if check.offer.down_payment:
        words = gettext("a down payment of %(down)s, then %(payments)s") % {
            "down": _money(check.offer.down_payment), "payments": words}
    return words


def _in_writing_new_plan() -> str:
    return gettext(
        "If you agree, please send me the new plan in writing (an agreement in the app, a "
        "text message or a stamped agreement), stating the amount and date of each payment, "
        "and that collection stops while I keep to it."
    )


def _thanks(check: OfferCheck) -> str:
    return gettext("Hello. Thank you for the repayment plan you offered: %(terms)s.") % {
        "terms": _terms(check)}


def _cannot_keep(check: OfferCheck) -> str:
    return gettext(
        "With my present income I can pay at most %(available)s a month, so I cannot keep "
        "to payments of %(payment)s."
    ) % {"available": _money(check.available), "payment": _money(check.largest_payment)}


def _accept(check: OfferCheck) -> list[str]:
    sentences = [
        gettext("Hello. I accept the repayment plan you offered: %(terms)s, %(total)s in all.")
        % {"terms": _terms(check), "total": _money(check.total)},
        gettext(
            "Please send it to me in writing (an agreement in the app, a text message or a "
            "stamped agreement), stating the amount and date of each payment, and that "
            "collection stops while I keep to it."
        ),
    ]
    if check.pricing is Pricing.DISCOUNT:
        sentences.append(gettext(
            "Please also state that once these payments are made, the remaining %(waived)s "
            "is waived and the debt is settled, and give me a certificate that it is settled "
            "(结清证明)."
        ) % {"waived": _money(check.waived)})
    sentences.append(gettext("Once I have it in writing, I will pay on time."))
    return sentences


def _counter(check: OfferCheck) -> list[str]:
    counter = check.counter
    figures = {"term": counter.term, "counter": _money(counter.payment)}
    if counter.basis is CounterBasis.FEE_RATE:
        ask = ngettext(
            "I ask to repay over %(term)s month at the same monthly fee of %(fee)s %%, no more "
            "than %(counter)s a month.",
            "I ask to repay over %(term)s months at the same monthly fee of %(fee)s %%, no more "
            "than %(counter)s a month.",
            counter.term,
        ) % {**figures, "fee": fee_as_written(check.offer.fee_rate_percent)}
    elif counter.basis is CounterBasis.ANNUAL_RATE:
        ask = ngettext(
            "I ask to repay over %(term)s month at the same annual rate of %(apr)s %%, no more "
            "than %(counter)s a month.",
            "I ask to repay over %(term)s months at the same annual rate of %(apr)s %%, no more "
            "than %(counter)s a month.",
            counter.term,
        ) % {**figures, "apr": plain_decimal(check.apr)}
    else:
        ask = ngettext(
            "I ask to repay the same %(sum)s over %(term)s month, no more than %(counter)s a "
            "month.",
            "I ask to repay the same %(sum)s over %(term)s months, no more than %(counter)s a "
            "month.",
            counter.term,
        ) % {**figures, "sum": _money(check.total - check.offer.down_payment)}
    return [_thanks(check), _cannot_keep(check), ask, _in_writing_new_plan()]


def _pay_what_fits(check: OfferCheck) -> list[str]:
    return [
        _thanks(check),
        _cannot_keep(check),
        gettext(
            "I ask to pay %(available)s a month, and for the fee, interest and penalty to be "
            "reduced or frozen, so that the debt can be repaid."
        ) % {"available": _money(check.available)},
        _in_writing_new_plan(),
    ]


def _pause(check: OfferCheck) -> list[str]:
    return [
        _thanks(check),
        gettext(
            "At present, after essential living costs, I have nothing left to pay this debt, "
            "so I cannot keep to payments of %(payment)s."
        ) % {"payment": _money(check.largest_payment)},
        gettext(
            "I am not refusing to pay. I ask you to pause collection and to stop interest and "
            "penalty for now; when my situation improves I will contact you to agree a plan."
        ),
        gettext("Please send me your answer in writing."),
    ]


def _ask_in_writing(check: OfferCheck) -> list[str]:
    return [gettext(
        "Hello. Before I answer about the repayment plan you offered (%(terms)s), please send "
        "it to me in writing (an agreement in the app, a text message or a stamped agreement), "
        "stating the amount and date of each payment, the total, and the annualised rate that "
        "lenders must show (PBoC Announcement [2021] No. 3)."
    ) % {"terms": _terms(check)}]


def fee_as_written(percent) -> str:
    """A fee as the lender wrote it: 0.6, not 0.60 (it is the lender's figure, not ours)."""
    return format(percent.normalize(), "f")


_SENTENCES = {
    Answer.ACCEPT: _accept,
    Answer.COUNTER: _counter,
    Answer.PAY_WHAT_FITS: _pay_what_fits,
    Answer.PAUSE: _pause,
    Answer.ASK_IN_WRITING: _ask_in_writing,
}
