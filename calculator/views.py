"""Calculator pages: bind a form, call the engine, render a template.

The arrears pages and the plan are GET forms: their parameters are the
public URL contract of calculations.md, so a result can be bookmarked and
nothing is stored. The letter's personal details come by POST (letter.py).
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from calculator.engine.arrears import calculate_loan_arrears, calculate_quick_estimate
from calculator.engine.growth import loan_growth, quick_growth
from calculator.engine.timeline import consequence_timeline
from calculator.forms import (
    DEBT_PARTS,
    MAX_DEBTS,
    ArrearsForm,
    LoanForm,
    QuickEstimateForm,
    arrears_fields_helper,
    arrears_helper,
    budget_helper,
)
from calculator.options import OPTION_DESCRIPTIONS, OPTION_LABELS, REASONS
from calculator.planning import ARREARS_PARAMETERS, read_plan
from calculator.presenters import dated_timeline, growth_chart
from calculator.presets import BY_KEY as PRESETS
from calculator.presets import PRESETS as PRESET_LIST


def today() -> date:
    """Today in China (Asia/Shanghai): the default calculation date.

    The only place the calculators read the clock; tests replace it.
    """
    return timezone.localdate()


def _wants_blank_form(request: HttpRequest) -> bool:
    """No parameters, or only a known preset: show the form, filled in by the preset."""
    names = set(request.GET)
    return not names or (names == {"preset"} and request.GET["preset"] in PRESETS)


def _blank_form(form_class: type[ArrearsForm], request: HttpRequest) -> ArrearsForm:
    preset = PRESETS[request.GET.get("preset", "custom")]
    initial = {
        "preset": preset.key,
        "penalty_multiplier": "1.5",
        "grace_days": "0",
        "paid_periods": "0",
        "prepayment_fee": "0",
        "as_of": today().isoformat(),
        **preset.terms,
    }
    return form_class(initial=initial, today=today())


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


@require_safe
def quick_estimate(request: HttpRequest) -> HttpResponse:
    template = "calculator/arrears.html"
    if _wants_blank_form(request):
        return _page(request, _blank_form(QuickEstimateForm, request), template)
    form = QuickEstimateForm(request.GET, today=today())
    if not form.is_valid():
        return _page(request, form, template, status=_invalid_status(form))
    inputs = form.engine_inputs()
    estimate = calculate_quick_estimate(**inputs)
    result = {
        "estimate": estimate,
        "as_of": inputs["as_of"],
        "chart": growth_chart(quick_growth(**inputs)),
        "timeline": dated_timeline(
            consequence_timeline(
                first_overdue=inputs["due_date"],
                grace_days=inputs["terms"].grace_days,
                as_of=inputs["as_of"],
            ),
            grace_days=inputs["terms"].grace_days,
        ),
    }
    return _page(request, form, template, result)


@require_safe
def loan(request: HttpRequest) -> HttpResponse:
    template = "calculator/loan.html"
    if _wants_blank_form(request):
        return _page(request, _blank_form(LoanForm, request), template)
    form = LoanForm(request.GET, today=today())
    if not form.is_valid():
        return _page(request, form, template, status=_invalid_status(form))
    inputs = form.engine_inputs()
    arrears = calculate_loan_arrears(**inputs)
    timeline = []
    if arrears.first_overdue_date:
        timeline = dated_timeline(
            consequence_timeline(
                first_overdue=arrears.first_overdue_date,
                grace_days=inputs["terms"].grace_days,
                as_of=inputs["as_of"],
            ),
            grace_days=inputs["terms"].grace_days,
        )
    result = {
        "arrears": arrears,
        "as_of": inputs["as_of"],
        "loan": inputs["loan"],
        "next_due": next(
            (s for s in arrears.schedule if s.status in ("due", "upcoming")), None
        ),
        "chart": growth_chart(loan_growth(**inputs)),
        "timeline": timeline,
    }
    return _page(request, form, template, result)


def _query(params: dict[str, str]) -> str:
    query = QueryDict(mutable=True)
    query.update(params)
    return query.urlencode()


def _carried(request: HttpRequest, names) -> dict[str, str]:
    """The given parameters among ``names``, one value each."""
    return {name: request.GET[name] for name in names if name in request.GET}


@require_safe
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
            params = {**plan_params, "option": rec.key}
            if rec.option_detail.key.value in ("installments", "interest_free"):
                params["term"] = str(rec.term)
            recommendation["letter_url"] = f"{letter}?{_query(params)}"
    filled_debts = [
        n for n in range(1, MAX_DEBTS + 1)
        if any(request.GET.get(f"debt{n}_{part}", "").strip() for part in DEBT_PARTS)
    ]
    debt_rows = range(1, min(MAX_DEBTS, max(3, (filled_debts[-1] if filled_debts else 0) + 2)) + 1)
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
        "debt_rows": [
            [state.budget_form[f"debt{n}_{part}"] for part in DEBT_PARTS] for n in debt_rows
        ],
    }
    status = 400 if state.has_fixed_choice_error() else 200
    return render(request, "calculator/plan.html", context, status=status)


def plan_calendar(request):  # replaced in the letter commit
    return HttpResponse("")


letter = plan_calendar
