"""The letter: GET shows the form, POST renders the letter. Never stored, cached or logged."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from calculator import clock
from calculator.arrears.presets import BY_KEY as PRESETS
from calculator.engine.plan import Option, OptionKey
from calculator.inputs import messages
from calculator.letter.builder import amounts_fit_in_words, build_letter
from calculator.letter.documents import (
    content_disposition,
    letter_filename,
    render_docx,
    render_pdf,
)
from calculator.letter.forms import LetterForm, letter_helper
from calculator.plan.parameters import PlanState, read_plan

OPTION_KEYS = {key.value for key in OptionKey}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _query(params: dict[str, str]) -> str:
    query = QueryDict(mutable=True)
    query.update(params)
    return query.urlencode()


def _carried(request: HttpRequest, names) -> dict[str, str]:
    """The given parameters among ``names``, one value each."""
    return {name: request.GET[name] for name in names if name in request.GET}


def _letter_initial(request: HttpRequest, state: PlanState) -> dict:
    preset = PRESETS.get(request.GET.get("preset", ""), PRESETS["custom"])
    wanted = request.GET.get("option", "")
    if wanted not in OPTION_KEYS and state.plan is not None:
        wanted = state.plan.recommendation.key
    return {
        "option": wanted if wanted in OPTION_KEYS else "",
        "lender_name": preset.lender_name,
        "ask_penalty_waiver": True,
    }


@require_http_methods(["GET", "POST"])
def letter(request: HttpRequest) -> HttpResponse:
    """GET: the letter form, prefilled from the plan. POST: the letter itself.

    The personal details exist only in this request: never stored, cached or
    logged, and the response says ``Cache-Control: no-store``.
    """
    params = request.POST if request.method == "POST" else request.GET
    state = read_plan(params, today=clock.today())
    plan_params = {
        key: params[key] for key in params
        if key not in LetterForm.base_fields and key not in ("csrfmiddlewaretoken", "edit")
    }
    context = {
        "state": state,
        "plan_params": plan_params,
        "plan_url": f"{reverse('calculator:plan')}?{_query(plan_params)}",
    }
    if state.plan is None:
        # The plan's figures are corrected on the plan page; here they are listed.
        errors = [f for f in state.forms if f.is_bound and f.errors]
        status = 400 if state.has_fixed_choice_error() else 200
        response = render(request, "letter/letter_start.html", {
            **context, "error_forms": errors}, status=status)
    elif request.method == "GET":
        form = LetterForm(initial=_letter_initial(request, state))
        response = render(request, "letter/letter_form.html", {
            **context, "form": form, "helper": letter_helper()})
    elif "edit" in request.POST:
        # "Change details": the form again, filled with what was sent, no errors.
        initial = {name: request.POST.get(name) for name in LetterForm.base_fields}
        initial["ask_penalty_waiver"] = bool(request.POST.get("ask_penalty_waiver"))
        form = LetterForm(initial=initial)
        response = render(request, "letter/letter_form.html", {
            **context, "form": form, "helper": letter_helper()})
    else:
        form = LetterForm(request.POST)
        option = _letter_option(state, form)
        if option is None:
            status = 400 if form.has_fixed_choice_error() else 200
            response = render(request, "letter/letter_form.html", {
                **context, "form": form, "helper": letter_helper(), "error_forms": [form]},
                status=status)
        else:
            response = _letter_response(request, state, form, option, context)
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store"
    return response


def _letter_option(state: PlanState, form: LetterForm) -> Option | None:
    """The option the valid form asks for, or None with the form's errors set."""
    if not form.is_valid():
        return None
    option = state.plan.option(form.cleaned_data["option"])
    if not amounts_fit_in_words(state.debt, option):
        form.add_error(None, ValidationError(messages.LETTER_AMOUNT_TOO_LARGE, code="max_value"))
        return None
    return option


def _letter_response(
    request, state: PlanState, form: LetterForm, option: Option, context: dict
) -> HttpResponse:
    details = form.details(letter_date=clock.today())
    arguments = {
        "details": details,
        "debt": state.debt,
        "option": option,
        "reduced_annual_rate": state.plan.reduced_annual_rate,
        "budget": state.plan.budget,
        "other_debts": state.debts,
    }
    # The letter goes to the lender in Chinese; /en/ adds a rendering for a helper.
    document = build_letter(**arguments, language="zh-hans")
    kind = form.cleaned_data["format"] or "html"
    if kind == "pdf":
        response = HttpResponse(render_pdf(document), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition(letter_filename(document, "pdf"))
        return response
    if kind == "docx":
        response = HttpResponse(render_docx(document), content_type=DOCX_TYPE)
        response["Content-Disposition"] = content_disposition(letter_filename(document, "docx"))
        return response
    english = build_letter(**arguments, language="en") if get_language() == "en" else None
    return render(request, "letter/letter.html", {
        **context,
        "document": document,
        "english": english,
        "form": form,
        "option": option,
        "ics_query": _query({**context["plan_params"], "option": option.key.value}),
        "posted": [
            (name, value) for name, value in request.POST.items()
            if name not in ("csrfmiddlewaretoken", "format", "edit")
        ],
    })
