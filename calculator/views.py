"""Calculator pages: bind a form, call the engine, render a template.

The arrears pages and the plan are GET forms: their parameters are the
public URL contract of calculations.md, so a result can be bookmarked and
nothing is stored; a page opened again within a minute is answered from the
worker's memory (config/page_memory.py). The letter's personal details come by
POST (letter.py) and are never kept.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_http_methods, require_safe

from calculator import messages
from calculator.calendar import render_ics
from calculator.documents import (
    content_disposition,
    letter_filename,
    render_docx,
    render_pdf,
)
from calculator.engine.arrears import calculate_loan_arrears, calculate_quick_estimate
from calculator.engine.growth import loan_growth, quick_growth
from calculator.engine.plan import Option, OptionKey
from calculator.engine.timeline import consequence_timeline
from calculator.forms import (
    ArrearsForm,
    LoanForm,
    QuickEstimateForm,
    arrears_fields_helper,
    arrears_helper,
    blank_arrears_form,
    budget_helper,
)
from calculator.letter import amounts_fit_in_words, build_letter
from calculator.letter_form import LetterForm, letter_helper
from calculator.options import OPTION_DESCRIPTIONS, OPTION_LABELS, REASONS
from calculator.planning import ARREARS_PARAMETERS, PlanState, read_plan
from calculator.presenters import dated_timeline, growth_chart
from calculator.presets import BY_KEY as PRESETS
from calculator.presets import DEFAULT_PRESET
from calculator.presets import PRESETS as PRESET_LIST
from config.page_memory import kept_in, page_key

OPTION_KEYS = {key.value for key in OptionKey}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def today() -> date:
    """Today in China (Asia/Shanghai): the default calculation date.

    The only place the calculators read the clock; tests replace it.
    """
    return timezone.localdate()


def _result_key(request: HttpRequest) -> str | None:
    # The day is part of a result's address: without as_of it is calculated for
    # today. ``today`` is looked up on each request, so that tests can replace it.
    return page_key(request, today().isoformat())


# A page opened again within a minute is answered from memory (config/page_memory.py).
remembered = kept_in("results", key=_result_key)


def _wants_blank_form(request: HttpRequest) -> bool:
    """No parameters, or only a known preset: show the form, filled in by the preset."""
    names = set(request.GET)
    return not names or (names == {"preset"} and request.GET["preset"] in PRESETS)


def _page(request, form, template, result=None, status=200) -> HttpResponse:
    preset = PRESETS.get(form.preset_key, PRESETS["custom"])
    context = {
        "form": form,
        "error_forms": [form],
        "helper": arrears_helper(form, request.path),
        "result": result,
        "preset": preset,
        "presets": PRESET_LIST,
        "plan_url": f"{reverse('calculator:plan')}?{request.GET.urlencode()}" if result else "",
    }
    return render(request, template, context, status=status)


def _invalid_status(form: ArrearsForm) -> int:
    # A bad select or hidden value cannot come from the form: 400. Typing errors: 200.
    return 400 if form.has_fixed_choice_error() else 200


def _timeline(first_overdue: date, inputs: dict) -> list[dict]:
    grace_days = inputs["terms"].grace_days
    events = consequence_timeline(
        first_overdue=first_overdue, grace_days=grace_days, as_of=inputs["as_of"]
    )
    return dated_timeline(events, grace_days=grace_days)


def _quick_result(inputs: dict) -> dict:
    return {
        "estimate": calculate_quick_estimate(**inputs),
        "as_of": inputs["as_of"],
        "chart": growth_chart(quick_growth(**inputs)),
        "timeline": _timeline(inputs["due_date"], inputs),
    }


def _loan_result(inputs: dict) -> dict:
    arrears = calculate_loan_arrears(**inputs)
    return {
        "arrears": arrears,
        "as_of": inputs["as_of"],
        "loan": inputs["loan"],
        "next_due": next(
            (s for s in arrears.schedule if s.status in ("due", "upcoming")), None
        ),
        "chart": growth_chart(loan_growth(**inputs)),
        "timeline": (
            _timeline(arrears.first_overdue_date, inputs) if arrears.first_overdue_date else []
        ),
    }


def _arrears_page(request: HttpRequest, form_class, template: str, compute) -> HttpResponse:
    """Bind the form, call the engine (``compute``), render: the arrears pages' flow."""
    if _wants_blank_form(request):
        preset_key = request.GET.get("preset", DEFAULT_PRESET)
        return _page(request, blank_arrears_form(form_class, today=today(), preset_key=preset_key), template)
    form = form_class(request.GET, today=today())
    if not form.is_valid():
        return _page(request, form, template, status=_invalid_status(form))
    return _page(request, form, template, compute(form.engine_inputs()))


@require_safe
@remembered
def quick_estimate(request: HttpRequest) -> HttpResponse:
    return _arrears_page(request, QuickEstimateForm, "calculator/arrears.html", _quick_result)


@require_safe
@remembered
def loan(request: HttpRequest) -> HttpResponse:
    return _arrears_page(request, LoanForm, "calculator/loan.html", _loan_result)


def _query(params: dict[str, str]) -> str:
    query = QueryDict(mutable=True)
    query.update(params)
    return query.urlencode()


def _carried(request: HttpRequest, names) -> dict[str, str]:
    """The given parameters among ``names``, one value each."""
    return {name: request.GET[name] for name in names if name in request.GET}


@require_safe
@remembered
def plan(request: HttpRequest) -> HttpResponse:
    state = read_plan(request.GET, today=today())
    plan_params = {key: request.GET[key] for key in request.GET if key != "option"}
    arrears_params = _carried(request, ARREARS_PARAMETERS)
    arrears_ok = state.debt is not None
    calculator_name = "calculator:loan" if "principal" in request.GET else "calculator:arrears"
    cards = []
    recommendation = None
    if state.plan:
        letter = reverse("calculator:letter")
        ics = reverse("calculator:plan_ics")
        for option in state.plan.options:
            query = _query({**plan_params, "option": option.key.value})
            cards.append({
                "option": option,
                "key": option.key.value,
                "label": OPTION_LABELS[option.key.value],
                "description": OPTION_DESCRIPTIONS[option.key.value],
                "letter_url": f"{letter}?{query}",
                "ics_url": f"{ics}?{query}",
            })
        rec = state.plan.recommendation
        recommendation = {
            "key": rec.key,
            "term": rec.term,
            "label": OPTION_LABELS[rec.key],
            "reason": REASONS[rec.reason.value],
            "option": rec.option_detail,
        }
        if rec.option_detail is not None:
            # The letter builds its option at the plan's term: carry the recommended one.
            params = {**plan_params, "option": rec.key}
            if rec.term:
                params["term"] = str(rec.term)
            recommendation["letter_url"] = f"{letter}?{_query(params)}"
    context = {
        "state": state,
        "error_forms": [f for f in state.forms if f.is_bound and f.errors],
        "arrears_ok": arrears_ok,
        "arrears_params": arrears_params if arrears_ok else {},
        "arrears_helper": arrears_fields_helper(state.arrears_form),
        "budget_helper": budget_helper(),
        "calculator_url": f"{reverse(calculator_name)}?{_query(arrears_params)}",
        "cards": cards,
        "recommendation": recommendation,
        "debt_rows": state.budget_form.debt_rows(),
    }
    status = 400 if state.has_fixed_choice_error() else 200
    return render(request, "calculator/plan.html", context, status=status)


@require_safe
def plan_calendar(request: HttpRequest) -> HttpResponse:
    """The chosen option's payment dates as an iCalendar file."""
    state = read_plan(request.GET, today=today())
    key = request.GET.get("option", "")
    if state.plan is None or key not in OPTION_KEYS:
        return HttpResponseBadRequest(
            gettext("The calendar needs a complete plan and one of its options. Go back to the plan page."),
            content_type="text/plain; charset=utf-8",
        )
    option = state.plan.option(key)
    body = render_ics(
        option=option,
        title_prefix=gettext("Loan repayment"),
        description=gettext("%(option)s. Pay on time, and keep the receipt.") % {
            "option": OPTION_LABELS[key]},
        stamp=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition(f"repayment-plan-{key}.ics")
    return response


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
    state = read_plan(params, today=today())
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
        response = render(request, "calculator/letter_start.html", {
            **context, "error_forms": errors}, status=status)
    elif request.method == "GET":
        form = LetterForm(initial=_letter_initial(request, state))
        response = render(request, "calculator/letter_form.html", {
            **context, "form": form, "helper": letter_helper()})
    elif "edit" in request.POST:
        # "Change details": the form again, filled with what was sent, no errors.
        initial = {name: request.POST.get(name) for name in LetterForm.base_fields}
        initial["ask_penalty_waiver"] = bool(request.POST.get("ask_penalty_waiver"))
        form = LetterForm(initial=initial)
        response = render(request, "calculator/letter_form.html", {
            **context, "form": form, "helper": letter_helper()})
    else:
        form = LetterForm(request.POST)
        option = _letter_option(state, form)
        if option is None:
            status = 400 if form.has_fixed_choice_error() else 200
            response = render(request, "calculator/letter_form.html", {
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
    details = form.details(letter_date=today())
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
    return render(request, "calculator/letter.html", {
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
