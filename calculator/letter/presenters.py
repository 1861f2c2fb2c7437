"""What the letter pages show: the form with the plan's parameters carried, the
letter with its figures, and the downloads."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import get_language

from calculator import clock
from calculator.engine.plan import LetterProposal, OptionKey, Plan
from calculator.inputs import messages
from calculator.letter.builder import LetterDocument, build_bundle, build_letter
from calculator.letter.documents import attachment_response
from calculator.letter.forms import LetterForm
from calculator.plan.forms import PlanForms
from calculator.plan.parameters import PlanParameters

# Not part of the letter: the CSRF token, the button pressed.
NOT_CARRIED = ("csrfmiddlewaretoken", "format", "edit")


def addressable(plan: Plan | None, params: PlanParameters) -> bool:
    """A plan exists, and the letter is for this debt (``to`` 0), a listed debt in
    arrears, or all of them (``to=all``, when the list has debts in arrears)."""
    if plan is None:
        return False
    if params.bundle:
        return bool(plan.proposals)
    return params.to == 0 or plan.proposal(params.to) is not None


def start_context(params: PlanParameters, forms: PlanForms, plan: Plan | None) -> dict:
    """The page that sends the user to the plan first: no plan yet, or a letter asked
    for a debt that is not in arrears on the list (a stale ``to``)."""
    return {
        "error_forms": forms.error_forms,
        "plan_url": params.plan_url(),
        "unknown_debt": messages.LETTER_TO_UNKNOWN if plan is not None else "",
    }


def _hidden(params: PlanParameters) -> list[tuple[str, str]]:
    """The plan's parameters and the addressee, carried in the form."""
    pairs = list(params.plan_pairs)
    if params.to or params.bundle:
        pairs.append(("to", params.values["to"]))
    return pairs


def _addressee(plan: Plan, to: int) -> dict:
    if to:
        row = plan.proposal(to).debt
        return {"creditor": row.creditor, "owed": row.balance, "as_of": plan.as_of}
    return {"creditor": "", "owed": plan.debt.outstanding_total, "as_of": plan.as_of}


def form_context(params: PlanParameters, plan: Plan, form: LetterForm) -> dict:
    return {
        "form": form,
        "bundle": params.bundle,
        "lenders": [proposal.debt.creditor for proposal in plan.proposals] if params.bundle else [],
        "helper": form.helper(),
        "hidden": _hidden(params),
        "addressee": _addressee(plan, params.to),
        "plan_url": params.plan_url(),
        "error_forms": [form] if form.is_bound and form.errors else [],
    }


def _document(plan: Plan, params: PlanParameters, form: LetterForm, proposal: LetterProposal,
              language: str) -> LetterDocument:
    asked = params.values.get("option", "")
    main = form.option_key if not params.to else (OptionKey(asked) if asked in set(OptionKey) else None)
    return build_letter(
        details=form.details(letter_date=clock.today()),
        plan=plan,
        proposal=proposal,
        to=params.to,
        main_option=main,
        language=language,
    )


def letter_output(params: PlanParameters, plan: Plan, form: LetterForm,
                  proposal: LetterProposal, posted) -> HttpResponse | dict:
    """A download, or the letter page's context. The letter goes to the lender in
    Chinese; an English page adds an English rendering for the person helping."""
    document = _document(plan, params, form, proposal, "zh-hans")
    kind = form.cleaned_data["format"] or "html"
    if params.bundle:
        document = build_bundle(details=form.details(letter_date=clock.today()), plan=plan,
                                proposal=proposal, contracts=form.contracts(),
                                main_option=form.option_key)
    if kind != "html":
        return attachment_response(document, kind)
    english = None
    if get_language() == "en" and not params.bundle:
        english = _document(plan, params, form, proposal, "en")
    return {
        "document": document,
        "english": english,
        "proposal": proposal,
        "to": params.to,
        "calendar_url": params.calendar_url(option=form.cleaned_data.get("option", ""), to=params.to)
        if proposal.payments and not params.bundle else "",
        "contact_log_url": params.contact_log_url(lender=form.cleaned_data["lender_name"],
                                                  owed=proposal.basis),
        "posted": [(name, value) for name, value in posted.items() if name not in NOT_CARRIED],
        "plan_url": params.plan_url(),
    }
