"""The words of the consequences timeline, shared by the article and the calculators.

The keys are the engine's (``calculator.engine.timeline``). Every step but the
last is what *usually* or *may* happen: only the 5-year rule is fixed by law
(《征信业管理条例》第十六条); see spec/facts.md.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

STEPS = {
    "due": (
        _("The payment is missed"),
        _("Interest continues at the contract rate."),
    ),
    "grace_end": (
        _("Last day of the grace period, if your contract has one"),
        _("Some products give about 3 days. Paying by this day usually avoids penalty interest and a credit-report entry; your contract decides."),
    ),
    "reported_risk": (
        _("Penalty interest and a possible credit-report entry"),
        _("From here the payment counts as overdue. Penalty interest counts from the day after the due date. The lender must tell you before it reports negative information."),
    ),
    "day_30": (
        _("Reminders usually turn into collection"),
        _("Calls and messages usually increase. Collectors must follow the rules: see your rights."),
    ),
    "day_90": (
        _("Collection usually escalates; some lenders sue"),
        _("A lender may go to court or arbitration for any amount. Travel and spending restrictions only follow a court decision that is not carried out."),
    ),
    "record_ends_if_cleared_today": (
        _("The credit-report entry ends"),
        _("Negative records are kept for 5 years from the day the debt is cleared (征信业管理条例, Article 16). A debt never repaid never ages out."),
    ),
}

# In the calculators the last step is dated as if the debt were cleared today.
DATED_TITLES = {
    "record_ends_if_cleared_today": _("If you clear the debt today, the credit-report entry ends"),
}

# When each step happens, counted from the missed due date, for the article.
GENERAL_WHEN = {
    "due": _("Due date"),
    "grace_end": _("Days 1–3 (if there is a grace period)"),
    "reported_risk": _("The first day after the grace period"),
    "day_30": _("Day 30"),
    "day_90": _("Day 90"),
    "record_ends_if_cleared_today": _("5 years after the debt is cleared"),
}


def general_timeline() -> list[dict]:
    """The steps with relative times, for the consequences article."""
    return [
        {
            "key": key,
            "when": GENERAL_WHEN[key],
            "title": title,
            "text": text,
            "certain": key == "record_ends_if_cleared_today",
        }
        for key, (title, text) in STEPS.items()
    ]
