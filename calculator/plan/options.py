"""The words for each repayment option and each recommendation reason.

Keys are the engine's (``calculator.engine.plan.OptionKey`` and
``RecommendationReason``); the templates and the letter look the words up here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

OPTION_LABELS = {
    "installments": _("Installments (分期还款)"),
    "reduced_rate": _("Installments at a lower rate (降低利率分期)"),
    "interest_free": _("Interest-free installments (停息分期)"),
    "interest_first": _("Interest first, principal at the end (先息后本)"),
    "deferral": _("Deferral (延期还款)"),
    "interest_free_deferral": _("Interest-free deferral (免息延期)"),
    "settle_now": _("Settle now (提前结清)"),
    "none": _("None of the options"),
}

OPTION_DESCRIPTIONS = {
    "installments": _("The whole debt spread over equal monthly payments at the contract rate."),
    "reduced_rate": _("The same, at a lower rate you ask the lender for."),
    "interest_free": _("The debt in equal monthly parts with interest and penalty stopped. Lenders agree to this only sometimes; ask."),
    "interest_first": _("Only the interest each month, the whole debt with the last payment. Cheap now, hard at the end."),
    "deferral": _("One payment later, with interest for the extra time."),
    "interest_free_deferral": _("One payment later, with no extra interest. Ask for it if money is coming soon."),
    "settle_now": _("Pay everything today, including any early settlement fee. Stops all interest and penalty now."),
}

# The proposal sentence in the letter, by option (%(term)s months, %(count)s payments).
OPTION_PROPOSALS = {
    "installments": _("to repay the whole debt in %(count)s monthly installments at the contract rate"),
    "reduced_rate": _("to repay the whole debt in %(count)s monthly installments at a reduced annual rate of %(rate)s %%"),
    "interest_free": _("to repay the whole debt in %(count)s monthly installments with interest and penalty interest stopped"),
    "interest_first": _("to pay the interest each month for %(count)s months and the principal with the last payment"),
    "deferral": _("to defer repayment by %(term)s months and repay the whole debt with interest in one payment"),
    "interest_free_deferral": _("to defer repayment by %(term)s months without further interest and repay the whole debt in one payment"),
    "settle_now": _("to settle the whole debt in one payment"),
}

KIND_LABELS = {
    "loan": _("Loan"),
    "card": _("Credit card"),
    "mortgage": _("Mortgage"),
    "car": _("Car loan"),
    "other": _("Other debt"),
}

REASONS = {
    "settle_with_savings": _("Your savings cover settling today. It is the cheapest option and stops the penalty at once."),
    "installments_with_buffer": _("This is the shortest term whose largest payment is at most half of the money available for this debt each month, so a bad month does not break the plan."),
    "installments_full_income": _("No term leaves a buffer, but this one fits within the money available for this debt each month. Ask the lender for a lower rate, and keep every other cost as low as you can."),
    "interest_free": _("Installments at the contract rate do not fit. Interest-free installments over this term would: ask the lender to stop interest and penalty."),
    "unaffordable": _("None of these options fits the money available for this debt each month. Say so plainly to the lender, ask for interest and penalty to stop, and get free legal advice (12348) before you agree to anything."),
}
