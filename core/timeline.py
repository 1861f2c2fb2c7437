"""The words of the consequences timeline, shared by the article and the calculators.

The keys are the engine's (``calculator.engine.timeline``). Every step but the
last is what *usually* or *may* happen: only the 5-year rule is fixed by law
(《征信业管理条例》第十六条). No law or rule fixes day 30 or day 90: they are
points to look at the cost, not milestones, and the words say so (spec/facts.md).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import dateformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

STEPS = {
    "due": (
        _("The payment is missed"),
        _("Interest continues at the contract rate."),
    ),
    "grace_end": (
        _("Last day of the grace period, if your contract has one"),
        # facts.md's recommended wording: the contract decides all three.
        _("Some products have a grace period of about 3 days. Whether there is one, whether penalty interest runs during it and when the lender reports to the credit bureau are set by your loan contract or the app page."),
    ),
    "reported_risk": (
        _("Penalty interest and a possible credit-report entry"),
        _("From here the payment counts as overdue. Under common terms, and in this site's calculators, penalty interest counts from the day after the due date, grace days included. The lender must tell you before it reports negative information."),
    ),
    "day_30": (
        _("30 days overdue"),
        _("The penalty has been growing for 30 days and grows every day until the overdue amount is paid. Calls and messages may become more frequent; collectors must keep to the rules set out under your rights."),
    ),
    "day_90": (
        _("90 days overdue"),
        _("The penalty has now grown for 90 days. No law sets a day after which a lender sues: it may go to court or arbitration for any amount, at any time, and some lenders do. Travel and spending restrictions follow only an effective judgment, ruling, arbitral award, notarised debt instrument or payment order that is not carried out."),
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

# The consequences article dates the steps for one example: a payment due on
# 10 April 2026 under a contract with a 3-day grace period (the calculators put
# the reader's own dates on them).
EXAMPLE_DUE = date(2026, 4, 10)
EXAMPLE_GRACE_DAYS = 3
EXAMPLE_DAYS = {
    "due": 0,
    "grace_end": EXAMPLE_GRACE_DAYS,
    "reported_risk": EXAMPLE_GRACE_DAYS + 1,
    "day_30": 30,
    "day_90": 90,
}

# When a step happens, where it is not "day N" counted from the missed due date.
GENERAL_WHEN = {
    "due": _("Due date"),
    "record_ends_if_cleared_today": _("5 years after the debt is cleared"),
}

# The guidance pages' one date format ("10 April 2026" / "2026年4月10日"), the
# same string as the article template's review date.
# Translators: a Django date format; the Chinese one is Y年n月j日.
ARTICLE_DATE_FORMAT = _("j F Y")


def article_date(day: date) -> str:
    """``day`` in the guidance pages' date format for the active language."""
    return dateformat.format(day, str(ARTICLE_DATE_FORMAT))


def general_timeline() -> list[dict]:
    """The steps of the example, dated, for the consequences article.

    Each dated step also carries ``day`` (counted from the due date) and
    ``date_text``, so the article can name the example in its own words.
    """
    steps = []
    for key, (title, text) in STEPS.items():
        step = {"key": key, "title": title, "text": text,
                "certain": key == "record_ends_if_cleared_today"}
        if key in EXAMPLE_DAYS:
            day = EXAMPLE_DAYS[key]
            when = EXAMPLE_DUE + timedelta(days=day)
            relative = GENERAL_WHEN.get(key) or gettext("Day %(day)s") % {"day": day}
            step.update(day=day, date_text=article_date(when), datetime=when.isoformat())
            step["when"] = gettext("%(date)s (%(relative)s)") % {
                "date": step["date_text"], "relative": relative}
        else:
            step["when"] = GENERAL_WHEN[key]
        steps.append(step)
    return steps
