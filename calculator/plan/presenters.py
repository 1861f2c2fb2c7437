"""Turn a drafted plan into what the plan page shows: one recommendation, the cards,
the list of debts and the links onward. Words are chosen here, never in a template."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.http import QueryDict
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from calculator.arrears.forms import arrears_fields_helper
from calculator.arrears.fraction import fraction_check
from calculator.arrears.presenters import FractionNote, fraction_note
from calculator.dates import long_date
from calculator.engine.money import ZERO
from calculator.engine.plan import (
    MAX_DEBTS,
    DebtKind,
    Option,
    OptionKey,
    OtherDebt,
    Plan,
    Proposal,
    Recommendation,
    RecommendationReason,
)
from calculator.formatting import format_yuan
from calculator.inputs.widgets import esc
from calculator.plan.cards import cards_html
from calculator.plan.forms import (
    EXPENSE_CATEGORIES,
    ROWS_PARAMETER,
    PlanForms,
    budget_end_fields,
    budget_fields,
    row_fields,
)
from calculator.plan.options import KIND_LABELS, OPTION_DESCRIPTIONS, OPTION_LABELS, REASONS
from calculator.plan.parameters import BUNDLE, PlanParameters
from calculator.templatetags.calculator import figure


def verdict(option: Option) -> str:
    """Whether ``option`` fits, in words, with the shortfall when it does not."""
    figures = {
        "need": format_yuan(option.largest_payment),
        "have": format_yuan(option.available),
        "short": format_yuan(option.shortfall),
        "date": long_date(option.first_date),
    }
    if option.key is OptionKey.SETTLE_NOW:
        if option.affordable:
            return _("Fits: it needs %(need)s today; your savings for this debt come to %(have)s.") % figures
        return _("Does not fit: it needs %(need)s today, %(short)s more than your savings for this debt (%(have)s).") % figures
    if option.one_off:
        if option.affordable:
            return _("Fits: it needs %(need)s on %(date)s; your savings plus what you have each month until then come to %(have)s.") % figures
        return _("Does not fit: it needs %(need)s on %(date)s, %(short)s more than your savings plus what you have each month until then (%(have)s).") % figures
    if option.affordable:
        return _("Fits: the largest payment is %(need)s, and you have %(have)s a month for this debt.") % figures
    return _("Does not fit: the largest payment is %(need)s, %(short)s more than the %(have)s a month you have for this debt.") % figures


@dataclass(frozen=True)
class Card:
    """One option of the comparison."""

    option: Option
    label: str
    description: str
    verdict: str
    recommended: bool  # the recommendation, at this very term
    recommended_term: int  # the recommendation is this option at another term (0: not)
    letter_url: str
    calendar_url: str
    offer_url: str

    @property
    def key(self) -> str:
        return self.option.key.value


@dataclass(frozen=True)
class Suggestion:
    """The recommendation, shown first at its own term."""

    recommendation: Recommendation
    label: str
    reason: str
    comparison_term: int
    letter_url: str
    calendar_url: str

    @property
    def key(self) -> str:
        return self.recommendation.key

    @property
    def option(self) -> Option | None:
        return self.recommendation.detail

    @property
    def headline(self) -> SafeString:
        """The option (its ``recommended_option`` marker) over its term, if it has one."""
        rec = self.recommendation
        chosen = figure("recommended_option", rec.key, "option", self.label)
        if not rec.term:
            return chosen
        words = ngettext("%(option)s over %(months)s month", "%(option)s over %(months)s months",
                         rec.term)
        return SafeString(esc(words % {"option": "\x00", "months": rec.term}).replace("\x00", chosen))

    @property
    def summary(self) -> str:
        """"¥557.57 a month, 17 payments from 1 June 2026." or "One payment of … on …"."""
        o = self.recommendation.detail
        if o.one_off:
            return _("One payment of %(amount)s on %(date)s.") % {
                "amount": format_yuan(o.first_payment), "date": long_date(o.first_date)}
        return _("%(amount)s a month, %(count)s payments from %(first)s.") % {
            "amount": format_yuan(o.first_payment), "count": o.count, "first": long_date(o.first_date)}

    @property
    def other_term(self) -> bool:
        """Recommended at a term the comparison below is not drawn at."""
        detail = self.recommendation.detail
        return detail is not None and not detail.one_off and detail.term != self.comparison_term


def _suggestion(plan: Plan, params: PlanParameters) -> Suggestion:
    rec = plan.recommendation
    term = rec.term if rec.term and rec.term != plan.terms.term else None
    return Suggestion(
        recommendation=rec,
        label=str(OPTION_LABELS[rec.key]),
        reason=str(REASONS[rec.reason.value]),
        comparison_term=plan.terms.term,
        letter_url=params.letter_url(option=rec.key, term=term) if rec.detail else "",
        calendar_url=params.calendar_url(option=rec.key, term=term) if rec.detail else "",
    )


def _cards(plan: Plan, params: PlanParameters) -> list[Card]:
    rec = plan.recommendation
    cards = []
    for option in plan.options:
        chosen = option.key is rec.option
        same_term = chosen and option.term == rec.detail.term
        cards.append(Card(
            option=option,
            label=str(OPTION_LABELS[option.key.value]),
            description=str(OPTION_DESCRIPTIONS[option.key.value]),
            verdict=verdict(option),
            recommended=same_term,
            recommended_term=rec.term if chosen and not same_term else 0,
            letter_url=params.letter_url(option=option.key.value),
            calendar_url=params.calendar_url(option=option.key.value),
            offer_url=params.offer_url(
                owed=plan.debt.outstanding_total, available=plan.share.monthly, as_of=plan.as_of,
                periods=None if option.one_off else option.count,
            ),
        ))
    return cards


@dataclass(frozen=True)
class DebtLine:
    """One line of the table of every debt (issue: several debts)."""

    number: int  # 0: this debt
    creditor: str
    kind: str
    owed: Decimal | None
    days_overdue: int
    in_arrears: bool
    set_aside: Decimal  # the share (in arrears) or the payment kept (paid as agreed)
    proposed: Decimal | None  # the monthly amount proposed (in arrears) or kept
    one_off: Decimal | None = None  # instead, one payment proposed (settling now)

    @property
    def share_name(self) -> str:
        """The ``data-figure`` of the share: ``this_debt_share``, ``debt{N}_share``, or ""."""
        if self.number == 0:
            return "this_debt_share"
        return f"debt{self.number}_share" if self.in_arrears else ""


@dataclass(frozen=True)
class RowView:
    """A debt in arrears on the list: its proposal, words and links."""

    proposal: Proposal
    label: str
    reason: str
    kind_note: str  # the priority or credit-card note, or ""
    letter_url: str
    calendar_url: str
    offer_url: str
    contact_log_url: str

    @property
    def debt(self) -> OtherDebt:
        return self.proposal.debt

    @property
    def names(self) -> dict[str, str]:
        """The row's ``data-figure`` names (calculations.md, "Several debts")."""
        prefix = f"debt{self.proposal.number}"
        parts = ("recommended_option", "recommended_term", "payment", "total")
        return {part: f"{prefix}_{part}" for part in parts}


def _row_view(plan: Plan, proposal: Proposal, params: PlanParameters) -> RowView:
    rec = proposal.recommendation
    note = ""
    if proposal.debt.priority:
        note = _("A home or a car you need for work comes first: speak to this lender at once, before the others, and ask what it needs to stop any sale or repossession.")
    elif proposal.debt.kind is DebtKind.CARD:
        note = _("For a credit card, ask the bank for an individual installment plan (个性化分期, up to 5 years). Paying only the minimum avoids an overdue record but not interest.")
    reason = str(REASONS[rec.reason.value])
    if rec.detail is None and proposal.share.monthly > 0:
        reason = _("Nothing fits this debt's share. The letter offers %(amount)s a month for up to 12 months as a temporary payment, and asks for interest and penalties to be frozen and the plan reviewed then.") % {"amount": format_yuan(proposal.share.monthly)}
    elif rec.detail is None:
        reason = _("Nothing is left for this debt after essential costs. The letter offers no amount: it explains the hardship and asks the lender to pause collection.")
    return RowView(
        proposal=proposal,
        label=str(OPTION_LABELS[rec.key]),
        reason=reason,
        kind_note=note,
        letter_url=params.letter_url(to=proposal.number),
        calendar_url=params.calendar_url(to=proposal.number) if proposal.monthly > 0 else "",
        offer_url=params.offer_url(owed=proposal.debt.balance, available=proposal.share.monthly,
                                   as_of=plan.as_of, periods=rec.term or None),
        contact_log_url=params.contact_log_url(lender=proposal.debt.creditor,
                                               owed=proposal.debt.balance),
    )


def _proposed(recommendation: Recommendation, share: Decimal) -> tuple[Decimal | None, Decimal | None]:
    """(monthly amount, one payment) proposed to a debt in arrears: a one-off option
    is one payment, not a monthly amount; with nothing affordable, the share is
    offered as a temporary payment (calculations.md, "Several debts")."""
    detail = recommendation.detail
    if detail is None:
        return max(share, ZERO), None
    if detail.one_off:
        return None, detail.first_payment
    return detail.first_payment, None


def _debt_lines(plan: Plan) -> list[DebtLine]:
    monthly, one_off = _proposed(plan.recommendation, plan.share.monthly)
    lines = [DebtLine(0, _("This debt"), "", plan.debt.outstanding_total, plan.debt.days_overdue,
                      True, plan.share.monthly, monthly, one_off)]
    for row in plan.others:
        proposal = plan.proposal(row.number)
        if proposal is None:
            kept = row.payment or ZERO
            lines.append(DebtLine(row.number, row.creditor, str(KIND_LABELS[row.kind.value]),
                                  row.balance, row.days_overdue, False, kept, kept))
            continue
        monthly, one_off = _proposed(proposal.recommendation, proposal.share.monthly)
        lines.append(DebtLine(row.number, row.creditor, str(KIND_LABELS[row.kind.value]),
                              row.balance, row.days_overdue, True, proposal.share.monthly,
                              monthly, one_off))
    return lines


@dataclass(frozen=True)
class DebtTotals:
    """The table's last row: the set-aside column adds up to the money available."""

    owed: Decimal  # of the debts whose amount owed is known
    set_aside: Decimal  # income − essential costs, when anything is left to share
    proposed: Decimal  # the monthly amounts proposed and kept (one-off payments apart)


def _totals(lines: list[DebtLine]) -> DebtTotals:
    return DebtTotals(
        owed=sum((line.owed for line in lines if line.owed is not None), ZERO),
        set_aside=sum((line.set_aside for line in lines), ZERO),
        proposed=sum((line.proposed for line in lines if line.proposed is not None), ZERO),
    )


def _fraction(params: PlanParameters, forms: PlanForms) -> FractionNote | None:
    """The arrears pages' note for a rate that looks like a fraction, its link
    recalculating this plan at 100 times the rate (calculations.md)."""
    if not forms.arrears_ok:
        return None
    query = QueryDict(mutable=True)
    query.update(dict(params.plan_pairs))
    return fraction_note(fraction_check(forms.arrears), path=params.plan_path, query=query)


def plan_page(*, params: PlanParameters, forms: PlanForms, plan: Plan | None) -> dict:
    """The plan page's context."""
    rows = len(forms.rows)
    context = {
        "params": params,
        "forms": forms,
        "error_forms": forms.error_forms,
        "debt": plan.debt if plan else (forms.debt() if forms.arrears_ok else None),
        "fraction": _fraction(params, forms),
        "hidden": params.arrears_pairs if forms.arrears_ok else [],
        "arrears_helper": arrears_fields_helper(forms.arrears),
        "budget_fields": budget_fields(forms.budget, categories_open=any(
            form_has(forms.budget, name) for name, _label in EXPENSE_CATEGORIES)),
        "budget_end_fields": budget_end_fields(forms.budget, comparison_open=any(
            form_has(forms.budget, name) for name in ("term", "defer_months", "reduced_annual_rate"))),
        "rows": [(row, row_fields(row)) for row in forms.rows],
        "rows_parameter": ROWS_PARAMETER,
        "more_rows": rows + 1 if rows < MAX_DEBTS else 0,
        "plan": plan,
    }
    if plan is not None:
        lines = _debt_lines(plan) if plan.proposals else []
        context.update(
            suggestion=_suggestion(plan, params),
            cards=cards_html(_cards(plan, params)),
            several=bool(plan.proposals),
            debt_lines=lines,
            debt_totals=_totals(lines),
            row_views=[_row_view(plan, p, params) for p in plan.proposals],
            bundle_url=params.letter_url(to=BUNDLE) if plan.proposals else "",
            contact_log_url=params.contact_log_url(owed=plan.debt.outstanding_total),
            has_card=any(row.kind is DebtKind.CARD for row in plan.others),
            nothing_left=plan.disposable_income <= 0,
            unaffordable=plan.recommendation.reason is RecommendationReason.UNAFFORDABLE,
        )
    return context


def form_has(form, name: str) -> bool:
    """Whether the user typed something in ``name`` (or it has an error)."""
    return bool(str(form.data.get(form.add_prefix(name), "")).strip()) or name in form.errors
